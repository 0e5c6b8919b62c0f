"""Shapes for PowerPoint slides, placed in layout units; text laid out in the Office font.

A slide's text is written in Arial, a font every PowerPoint, Keynote and LibreOffice has
(LibreOffice and most Linux systems through Liberation Sans, made with Arial's metrics), and
measured with the bundled Liberation Sans: lines break and boxes end where the reader's
renderer puts them. Text is never elided: a text box is sized to hold its text, and where
its room ends the text is shrunk by a PowerPoint autofit font scale (``<a:normAutofit
fontScale>``), which also makes an edit shrink the text instead of running over the box.

The measuring API, for every slide writer:

- :func:`fitted` (``style -> OfficeStyle``): ``style`` as the slide writes it (bold for
  semibold and up, regular below), a ``TextStyle`` whose ``font()``, ``metrics()``,
  ``advance()`` and ``height()`` measure in the Office font; ``sc.wrap`` and ``sc.elide``
  measure in it too when given one.
- :func:`office` (``style -> QFontMetricsF``): the Office font's metrics for ``style``.
- :func:`line_step` (``style -> float``): the height of one line of a box, in layout units.
- :func:`fit` (``style, text, width -> str``): the text a box shows, whole, on one line.
- :func:`fit_scale` (``style, text, width -> float``): the font scale (at most 1) at which
  ``text`` fits on one line of ``width``.
- :func:`wrap` (``style, text, width -> list[str]``): the lines the Office font wraps
  ``text`` into, all of it.
- :func:`fit_lines` (``style, text, width, height -> (lines, scale)``): the lines and the
  largest font scale at which they fit a box of ``width`` x ``height``.
- ``Canvas.text(..., room=...)`` places a text box that grows within ``room`` to hold its
  text, and shrinks it past that; ``Canvas.frame(..., scale=...)`` sets a shape's autofit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetricsF

from roadmapper.export.paper import slide_emu
from roadmapper.render import slide_common as sc
from roadmapper.render.fonts import TEXT_MAPPING_FEATURES, register_office_fonts
from roadmapper.render.wrap import wrap_lines

if TYPE_CHECKING:
    from pptx.slide import Slide
    from pptx.util import Length

    from roadmapper.export.raster import Page

SLIDE_WIDTH_EMU = 12_192_000  # 13.333 in: PowerPoint's 16:9 slide (see paper.py for the others)
EMU_PER_POINT = 12_700
OFFICE_FONT = "Arial"
"""The font written in every run: on every PowerPoint, and LibreOffice's Liberation Sans."""
METRICS_FAMILY = "Liberation Sans"
"""The bundled font the text is measured in: Arial's advances and line heights."""
FONT = OFFICE_FONT
FIT_SLACK = 0.97  # text is fitted into this much of its box: renderers round differently
LINE_EMS = 1.2  # a line of a box is at least this many ems: PowerPoint's single spacing
MIN_FONT_SCALE = 0.25  # PowerPoint's smallest autofit scale
SCALE_STEP = 0.025  # autofit scales tried, as PowerPoint's own steps
Run = tuple[str, sc.TextStyle, str]  # (text, style, colour)
_SPACE = re.compile(r"[^\S\u00a0]+")  # white space but the no-break space


def office_family() -> str:
    """The bundled metric family, registered; ``ResourceError`` when it cannot be loaded."""
    register_office_fonts()
    if METRICS_FAMILY not in QFontDatabase.families():
        from roadmapper.resources import broken_install

        raise broken_install("Roadmapper's bundled Liberation Sans font could not be loaded")
    return METRICS_FAMILY


@lru_cache(maxsize=256)
def _office_font(pixels: int, bold: bool, italic: bool) -> QFont:
    font = QFont(office_family())
    font.setPixelSize(max(1, pixels))
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # PowerPoint kerns only runs that ask for it (none of ours): measure without, as it shows.
    font.setKerning(False)
    for tag in TEXT_MAPPING_FEATURES:
        font.setFeature(QFont.Tag(tag), 0)
    if QFontInfo(font).family() != METRICS_FAMILY:  # measuring another face would be silent
        from roadmapper.resources import broken_install

        raise broken_install("Roadmapper's bundled Liberation Sans font could not be loaded")
    return font


@lru_cache(maxsize=256)
def _office_metrics(pixels: int, bold: bool, italic: bool) -> QFontMetricsF:
    return QFontMetricsF(_office_font(pixels, bold, italic))


@dataclass(frozen=True, slots=True)
class OfficeStyle(sc.TextStyle):
    """A style as a slide writes it, measured in the Office font (Arial's metrics)."""

    def font(self) -> QFont:
        return _office_font(round(self.pixels), self.weight >= sc.W.DemiBold, self.italic)

    def metrics(self) -> QFontMetricsF:
        return _office_metrics(round(self.pixels), self.weight >= sc.W.DemiBold, self.italic)


def fitted(style: sc.TextStyle) -> OfficeStyle:
    """The style a slide shows: bold for semibold and up, regular below, in the Office font."""
    weight = sc.W.Bold if style.weight >= sc.W.DemiBold else sc.W.Normal
    return OfficeStyle(style.pixels, weight, style.italic)


def office(style: sc.TextStyle) -> QFontMetricsF:
    """The metrics of ``style`` as a slide shows it: Arial's, through Liberation Sans."""
    return fitted(style).metrics()


def line_step(style: sc.TextStyle) -> float:
    """One line of a text box in ``style``, in layout units (never less than 1.2 ems)."""
    return max(office(style).lineSpacing(), LINE_EMS * round(style.pixels))


def flat(text: str) -> str:
    """``text`` on one line: runs of white space as one space (no-break spaces kept)."""
    return _SPACE.sub(" ", text).strip()


def runs_width(runs: list[Run]) -> float:
    """The width of ``runs`` side by side on one line, in the Office font."""
    return sum(office(style).horizontalAdvance(text) for text, style, _color in runs)


def fit(style: sc.TextStyle, text: str, width: float, strict: bool = True) -> str:
    """The text a box of ``width`` shows: all of it, on one line; never elided.

    A box too narrow for it shrinks the text instead (:func:`fit_scale`, ``Canvas.text``);
    ``style``, ``width`` and ``strict`` are kept for the callers of the eliding version.
    """
    del style, width, strict
    return flat(text)


def fit_scale(style: sc.TextStyle, text: str, width: float) -> float:
    """The font scale (at most 1) at which ``text`` fits one line of ``width``."""
    need = office(style).horizontalAdvance(flat(text)) / FIT_SLACK
    return _scale(width / need) if need > width else 1.0


def wrap(style: sc.TextStyle, text: str, width: float) -> list[str]:
    """The lines the Office font wraps ``text`` into at ``width`` (with slack); all of it."""
    line = flat(text)
    if not line:
        return []
    font = fitted(style).font()
    return wrap_lines(line, font, max(1.0, width * FIT_SLACK), 10_000, lambda rest: rest)


def fit_lines(
    style: sc.TextStyle, text: str, width: float, height: float
) -> tuple[list[str], float]:
    """``text`` wrapped into ``width`` at the largest font scale whose lines fit ``height``.

    Returns the lines and the scale (1 when the text fits as it is; at least 0.25).
    """
    step = line_step(style)
    scale = 1.0
    while True:
        # Outlines are unhinted: a font scaled by k wraps as the full size at width / k.
        lines = wrap(style, text, width / scale)
        if len(lines) * step * scale <= height + 0.01 or scale <= MIN_FONT_SCALE:
            return lines, scale
        scale = max(MIN_FONT_SCALE, round(scale - SCALE_STEP, 3))


def _scale(value: float) -> float:
    """A font scale rounded down to half a percent, within PowerPoint's range."""
    return max(MIN_FONT_SCALE, min(1.0, int(value * 200) / 200))


def grow(
    rect: QRectF, room: QRectF, width: float, height: float, align: str, anchor: str
) -> QRectF:
    """``rect`` grown to ``width`` x ``height`` about its aligned edge, kept inside ``room``."""
    x = {"LEFT": rect.left(), "CENTER": rect.center().x() - width / 2}.get(
        align, rect.right() - width
    )
    y = {"TOP": rect.top(), "MIDDLE": rect.center().y() - height / 2}.get(
        anchor, rect.bottom() - height
    )
    x = max(room.left(), min(x, room.right() - width))
    y = max(room.top(), min(y, room.bottom() - height))
    return QRectF(x, y, width, height)


def place_text(
    rect: QRectF, runs: list[Run], wrap_text: bool, align: str, anchor: str, room: QRectF | None
) -> tuple[QRectF, float, bool]:
    """Where a text box of ``runs`` goes: (box, font scale, word wrap).

    The box is ``rect`` grown within ``room`` (default: ``rect``) until it holds the text
    in the Office font; past that the text is shrunk. A one-line box wraps only when
    shrunk (the autofit of renderers that compute their own, as LibreOffice does, needs it).
    """
    room = QRectF(rect) if room is None else room.united(rect)
    styles = [style for _text, style, _color in runs] or [sc.TextStyle(12)]
    tallest = max(styles, key=lambda s: s.pixels)
    if not wrap_text:
        need_w, need_h = runs_width(runs) / FIT_SLACK, office(tallest).height()
        width = max(rect.width(), min(need_w, room.width()))
        height = max(rect.height(), min(need_h, room.height()))
        scale = _scale(min(room.width() / max(need_w, 1e-6), room.height() / need_h))
        return grow(rect, room, width, height, align, anchor), scale, scale < 1.0
    step = line_step(tallest)
    text = "".join(text for text, _style, _color in runs)
    lines, scale = fit_lines(tallest, text, rect.width(), room.height())
    height = min(room.height(), max(rect.height(), len(lines) * step * scale))
    return grow(rect, room, rect.width(), height, align, anchor), scale, True


class Canvas:
    """One slide, addressed in layout units: turns rects, colours and styles into shapes."""

    def __init__(self, slide: Slide, page: Page, slide_width_emu: int | None = None) -> None:
        self.slide, self.theme = slide, page.theme
        if slide_width_emu is None:
            slide_width_emu = slide_emu(page.width, page.height)[0]
        self.emu_per_unit = slide_width_emu / page.width

    def emu(self, value: float) -> Length:
        from pptx.util import Emu

        return Emu(round(value * self.emu_per_unit))

    def box(self, rect: QRectF) -> tuple[Length, Length, Length, Length]:
        """Left, top, width, height; edges rounded, not sizes, so touching boxes still touch."""
        from pptx.util import Emu

        left, top = self.emu(rect.left()), self.emu(rect.top())
        return left, top, Emu(self.emu(rect.right()) - left), Emu(self.emu(rect.bottom()) - top)

    def points(self, pixels: float) -> float:
        """A font size in layout units as points: the whole pixels Qt measured the text in."""
        return round(round(pixels) * self.emu_per_unit / EMU_PER_POINT, 2)

    def shape(
        self,
        kind: str,
        rect: QRectF,
        fill: str | None,
        *,
        name: str,
        line: str | None = None,
        line_width: float = 1.0,
        radius: float = 0.0,
        dashed: bool = False,
        into: Any = None,
    ) -> Any:
        """An auto shape (``kind`` names an ``MSO_SHAPE``) without the theme's shadow."""
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.oxml.ns import qn
        from pptx.util import Emu

        shapes = into if into is not None else self.slide.shapes
        shape = shapes.add_shape(getattr(MSO_SHAPE, kind), *self.box(rect))
        shape.name = name
        # Without the theme's style every look is explicit (LibreOffice shows its shadow).
        style = shape._element.find(qn("p:style"))
        if style is not None:
            shape._element.remove(style)
        if fill is None:
            shape.fill.background()
        else:
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb(fill)
        if line is None:
            shape.line.fill.background()
        else:
            shape.line.color.rgb = rgb(line)
            shape.line.width = Emu(self.emu(line_width))
            if dashed:
                shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        if radius and len(shape.adjustments):
            short = max(1e-6, min(rect.width(), rect.height()))
            shape.adjustments[0] = min(0.5, radius / short)
        return shape

    def text(
        self,
        rect: QRectF,
        runs: list[Run],
        *,
        name: str,
        align: str = "LEFT",
        anchor: str = "MIDDLE",
        wrap: bool = False,
        into: Any = None,
        room: QRectF | None = None,
        scale: float | None = None,
    ) -> Any:
        """A text box with no margins holding ``runs`` of (text, style, colour), all of them.

        The box is ``rect``, grown within ``room`` to hold the text in the Office font, and
        the text is shrunk (autofit) where even ``room`` cannot; ``wrap`` for a paragraph
        of several lines. See :func:`place_text`. A ``scale`` the caller computed (boxes
        shrunk together) is written as it is, in ``rect`` as it is.
        """
        if scale is None:
            placed, scale, wrapped = place_text(rect, runs, wrap, align, anchor, room)
        else:
            placed, wrapped = rect, wrap or scale < 1.0
        shapes = into if into is not None else self.slide.shapes
        box = shapes.add_textbox(*self.box(placed))
        box.name = name
        frame = box.text_frame
        self.frame(frame, (0, 0, 0, 0), anchor, wrapped, scale=scale)
        self.paragraph(frame.paragraphs[0], runs, align)
        return box

    def frame(
        self,
        frame: Any,
        margins: tuple[float, float, float, float],
        anchor: str,
        wrap: bool,
        *,
        scale: float | None = 1.0,
    ) -> None:
        """Margins, anchor and wrap; autofit on, the text shown at ``scale`` of its size.

        ``scale=None`` turns autofit off (text may then run over the shape).
        """
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
        from pptx.util import Emu

        left, top, right, bottom = (Emu(self.emu(m)) for m in margins)
        frame.margin_left, frame.margin_top = left, top
        frame.margin_right, frame.margin_bottom = right, bottom
        frame.word_wrap = wrap
        frame.vertical_anchor = getattr(MSO_ANCHOR, anchor)
        if scale is None:
            frame.auto_size = MSO_AUTO_SIZE.NONE
            return
        # Shrink on overflow: PowerPoint shows the scale written here until the text is
        # edited, then computes its own; LibreOffice always computes its own.
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        if scale < 1.0:
            fit_element = frame._txBody.bodyPr.normAutofit
            fit_element.set("fontScale", str(round(_scale(scale) * 100_000)))

    def paragraph(
        self,
        paragraph: Any,
        runs: list[Run],
        align: str = "LEFT",
        space_before: float = 0.0,
    ) -> None:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Pt

        paragraph.alignment = getattr(PP_ALIGN, align)
        if space_before:
            paragraph.space_before = Pt(space_before * self.emu_per_unit / EMU_PER_POINT)
        for text, style, color in runs:
            run = paragraph.add_run()
            run.text = text
            font = run.font
            font.name = OFFICE_FONT
            font.size = Pt(self.points(style.pixels))
            font.bold = style.weight >= sc.W.DemiBold  # Arial has no semibold
            font.italic = style.italic
            font.color.rgb = rgb(color)


@contextmanager
def batched(group: Any) -> Iterator[Any]:
    """A group's shape collection that sizes the group's frame once, when the block ends.

    python-pptx recomputes a group's frame from all its children, and looks up the
    slide's largest shape id, after every shape added: a card of 15 shapes cost 15
    times over. Its "turbo add" counts ids on instead (nothing else may add shapes
    to the slide inside the block).
    """
    shapes = group.shapes
    shapes._recalculate_extents = lambda: None  # shadows the method until the block ends
    shapes.turbo_add_enabled = True
    try:
        yield shapes
    finally:
        shapes.turbo_add_enabled = False
        del shapes._recalculate_extents
        shapes._recalculate_extents()


def rgb(color: str) -> Any:
    """``#rrggbb`` (or ``#aarrggbb``, alpha dropped) as a python-pptx colour."""
    from pptx.dml.color import RGBColor

    # python-pptx leaves RGBColor unannotated.
    return RGBColor.from_string(color.lstrip("#")[-6:])  # type: ignore[no-untyped-call]


def title_block(canvas: Canvas, page: Page) -> None:
    """The title, the subtitle and the page number, as text boxes holding all their text."""
    theme = page.theme
    title, subtitle, label = sc.title_styles(page.unit)
    for rect, style, text, color, name in (
        (page.title_rect, title, page.title, theme.text, "Title"),
        (page.subtitle_rect, subtitle, page.subtitle, theme.muted_text, "Subtitle"),
    ):
        if text:
            canvas.text(rect, [(flat(text), style, color)], name=name)
    if page.page_label and page.page_label_rect is not None:
        rect = page.page_label_rect
        runs = [(page.page_label, label, theme.muted_text)]
        # The label's column is wide enough for "88 / 88" in the app's font: grow leftwards.
        room = QRectF(rect.left() - rect.width(), rect.top(), 2 * rect.width(), rect.height())
        canvas.text(rect, runs, name="Page number", align="RIGHT", room=room)


def stripe(canvas: Canvas, rect: QRectF, color: str, into: Any, radius: float | None = None) -> Any:
    """The outcome stripe down a card's left edge, its outer corners rounded like the card's.

    A freeform of the card's corner arcs (``radius``; default: the stripe's width) cut
    at the stripe's right edge. Not a turned preset shape: a group's frame is worked
    out from its shapes' unturned boxes, so a turned stripe would widen the card's group.
    """
    from pptx.oxml.ns import qn

    r = rect.width() if radius is None else radius
    x, y, w, h = rect.left(), rect.top(), rect.width(), rect.height()
    r = max(0.0, min(r, h / 2))
    top = _corner(x, y + r, r, w, 1) if r > 0 else [(x, y), (x + w, y)]
    bottom = _corner(x, y + h - r, r, w, -1) if r > 0 else [(x, y + h), (x + w, y + h)]
    points = [*reversed(top), *bottom]  # right edge at the top, round the left, back up
    emu = [(int(canvas.emu(px)), int(canvas.emu(py))) for px, py in points]
    shapes = into if into is not None else canvas.slide.shapes
    builder = shapes.build_freeform(emu[0][0], emu[0][1])
    builder.add_line_segments(emu[1:], close=True)
    shape = builder.convert_to_shape()
    shape.name = "Outcome stripe"
    found = shape._element.find(qn("p:style"))
    if found is not None:
        shape._element.remove(found)
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(color)
    shape.line.fill.background()
    return shape


def _corner(
    x: float, cy: float, r: float, width: float, sign: int, steps: int = 8
) -> list[tuple[float, float]]:
    """Points of a left corner arc (centre ``x + r, cy``) from the card's edge to ``x + width``.

    ``sign`` 1 for the top corner (the arc rises), -1 for the bottom one.
    """
    cx = x + r
    edge = min(width, r)
    # The arc runs from the left edge (angle pi) to where it meets x + width.
    end = math.acos(max(-1.0, min(1.0, (x + edge - cx) / r)))
    points = []
    for i in range(steps + 1):
        a = math.pi - (math.pi - end) * i / steps
        points.append((cx + r * math.cos(a), cy - sign * r * math.sin(a)))
    points[0] = (x, cy)
    if width > r:
        points.append((x + width, points[-1][1]))
    return points
