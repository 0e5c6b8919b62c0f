"""Shapes for PowerPoint slides, placed in layout units: boxes, text fitted as Qt measures it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF

from roadmapper.render import slide_common as sc

if TYPE_CHECKING:
    from pptx.slide import Slide
    from pptx.util import Length

    from roadmapper.export.raster import Page

SLIDE_WIDTH_EMU = 12_192_000  # 13.333 in: PowerPoint's 16:9 slide; other aspects keep it
EMU_PER_POINT = 12_700
FONT = "Inter"
FIT_SLACK = 0.96  # text is fitted into this much of its box: renderers round differently


class Canvas:
    """One slide, addressed in layout units: turns rects, colours and styles into shapes."""

    def __init__(self, slide: Slide, page: Page) -> None:
        self.slide, self.theme = slide, page.theme
        self.emu_per_unit = SLIDE_WIDTH_EMU / page.width

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
        runs: list[tuple[str, sc.TextStyle, str]],
        *,
        name: str,
        align: str = "LEFT",
        anchor: str = "MIDDLE",
        wrap: bool = False,
        into: Any = None,
    ) -> Any:
        """A text box with no margins holding ``runs`` of (text, style, colour)."""
        shapes = into if into is not None else self.slide.shapes
        box = shapes.add_textbox(*self.box(rect))
        box.name = name
        frame = box.text_frame
        self.frame(frame, (0, 0, 0, 0), anchor, wrap)
        self.paragraph(frame.paragraphs[0], runs, align)
        return box

    def frame(
        self, frame: Any, margins: tuple[float, float, float, float], anchor: str, wrap: bool
    ) -> None:
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
        from pptx.util import Emu

        left, top, right, bottom = (Emu(self.emu(m)) for m in margins)
        frame.margin_left, frame.margin_top = left, top
        frame.margin_right, frame.margin_bottom = right, bottom
        frame.word_wrap = wrap
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = getattr(MSO_ANCHOR, anchor)

    def paragraph(
        self,
        paragraph: Any,
        runs: list[tuple[str, sc.TextStyle, str]],
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
            font.name = FONT
            font.size = Pt(self.points(style.pixels))
            font.bold = style.weight >= sc.W.DemiBold
            font.italic = style.italic
            font.color.rgb = rgb(color)


def fitted(style: sc.TextStyle) -> sc.TextStyle:
    """The style a slide shows: bold for semibold and up, regular below (no other weights).

    Text is measured in it, a little narrower than the box, so no renderer wraps it.
    """
    weight = sc.W.Bold if style.weight >= sc.W.DemiBold else sc.W.Normal
    return sc.TextStyle(style.pixels, weight, style.italic)


def fit(style: sc.TextStyle, text: str, width: float, strict: bool = True) -> str:
    """``text`` elided to fit ``width`` as a slide shows it, with room for rounding.

    ``strict=False`` (a box that may overflow a little, never wrap) keeps whatever the
    picture shows whole.
    """
    flat = " ".join(text.split())
    if not strict and style.advance(flat) <= width:
        return flat
    return sc.elide(fitted(style), text, width * FIT_SLACK)


def rgb(color: str) -> Any:
    """``#rrggbb`` (or ``#aarrggbb``, alpha dropped) as a python-pptx colour."""
    from pptx.dml.color import RGBColor

    # python-pptx leaves RGBColor unannotated.
    return RGBColor.from_string(color.lstrip("#")[-6:])  # type: ignore[no-untyped-call]


def title_block(canvas: Canvas, page: Page) -> None:
    """The title, the subtitle and the page number, as text boxes."""
    theme = page.theme
    title, subtitle, label = sc.title_styles(page.unit)
    for rect, style, text, color, name in (
        (page.title_rect, title, page.title, theme.text, "Title"),
        (page.subtitle_rect, subtitle, page.subtitle, theme.muted_text, "Subtitle"),
    ):
        if text:
            runs = [(fit(style, text, rect.width(), strict=False), style, color)]
            canvas.text(rect, runs, name=name)
    if page.page_label and page.page_label_rect is not None:
        rect = page.page_label_rect
        runs = [(page.page_label, label, theme.muted_text)]
        canvas.text(rect, runs, name="Page number", align="RIGHT")


def stripe(canvas: Canvas, rect: QRectF, color: str, into: Any) -> None:
    """The outcome stripe down the card's left edge, its outer corners rounded like the card.

    A same-side-rounded rectangle turned a quarter: its rounded top edge becomes the left.
    """
    cx, cy = rect.center().x(), rect.center().y()
    turned = QRectF(cx - rect.height() / 2, cy - rect.width() / 2, rect.height(), rect.width())
    shape = canvas.shape("ROUND_2_SAME_RECTANGLE", turned, color, name="Outcome stripe", into=into)
    shape.adjustments[0] = 0.5
    shape.adjustments[1] = 0.0
    shape.rotation = 270.0  # the stripe is narrower than the card's radius: half its width
