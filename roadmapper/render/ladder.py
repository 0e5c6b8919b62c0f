"""The tier ladder: a key result's target tiers as stairs, filled as they are reached."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from roadmapper.core import okr
from roadmapper.core.entities import KeyResult
from roadmapper.model.enums import Direction
from roadmapper.render import theme as th
from roadmapper.render.chips import remember
from roadmapper.render.fonts import ui_font_px

NO_TIERS = "No target tiers yet"
NO_BASELINE = "No baseline yet: progress unknown"
NO_CURRENT = "No value yet: progress unknown"
NOT_SET = "not set"
SHORT_UNIT = 6  # longer units ("seconds (median)") are left to the side panel's own fields
GHOST_STEPS = 3


def short_unit(unit: str) -> str:
    """``unit`` when short enough for a label, ``"%"`` for "% of …", else ``""``."""
    unit = " ".join(unit.split())
    if len(unit) <= SHORT_UNIT:
        return unit
    return "%" if unit.startswith("%") else ""


def with_unit(value: float, unit: str) -> str:
    """``30%``, ``30 min``, ``30``: the number as a person writes it, then the unit."""
    number = okr.format_number(value)
    if not unit:
        return number
    return number + unit if unit.startswith("%") else f"{number} {unit}"


def value_label(fm: QFontMetricsF, value: float, unit: str, width: float) -> str:
    """The value with its short unit when that fits in ``width``, else bare, else elided."""
    for candidate in (short_unit(unit), ""):
        text = with_unit(value, candidate)
        if fm.horizontalAdvance(text) <= width:
            return text
    return fm.elidedText(okr.format_number(value), Qt.TextElideMode.ElideRight, max(0.0, width))


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way to ``b``, opaque."""
    ca, cb = (a.redF(), a.greenF(), a.blueF()), (b.redF(), b.greenF(), b.blueF())
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in zip(ca, cb, strict=True)))


def draw_text(p: QPainter, font: QFont, color: QColor, x: float, base: float, text: str) -> None:
    """``text`` in ``font`` and ``color`` with its baseline's left end at ``x, base``."""
    p.setFont(font)
    p.setPen(color)
    p.drawText(QPointF(x, base), text)


def font(pixels: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The bundled family at a scaled pixel size."""
    return ui_font_px(round(pixels), weight)


@dataclass(frozen=True, slots=True)
class LadderData:
    """What the ladder shows: plain values of one key result and its outcome colour."""

    direction: Direction
    unit: str
    baseline: float | None
    current: float | None
    tiers: tuple[float, ...]
    color: str  # outcome colour "#rrggbb"

    @classmethod
    def of(cls, kr: KeyResult, color: str) -> LadderData:
        """The ladder of ``kr`` in its outcome's ``color``."""
        return cls(kr.direction, kr.unit, kr.baseline, kr.current, tuple(kr.tiers), color)


@dataclass(frozen=True, slots=True)
class LadderLayout:
    """Where things go, in the coordinates of the painted ``rect``."""

    baseline: QRectF  # the low block at the left
    steps: tuple[QRectF, ...]  # one per tier, left to right, each taller than the last
    ground: float  # y of the line every step stands on
    marker_x: float | None  # the current value; None when it cannot be placed


class LadderPainter:
    """Paints tier ladders of one theme and scale, on the theme's surface colour."""

    def __init__(self, theme: th.Theme, scale: float = 1.0) -> None:
        self.theme, self.scale = theme, scale
        s, w = scale, QFont.Weight
        self._tier_font, self._value_font = font(11 * s, w.DemiBold), font(12 * s, w.Medium)
        self._marker_font, self._small_font = font(12 * s, w.Bold), font(11 * s, w.Medium)
        self._caption_bold, self._caption_font = font(13 * s, w.DemiBold), font(13 * s)
        self._fm_tier, self._fm_value, self._fm_marker, self._fm_small = map(
            QFontMetricsF, (self._tier_font, self._value_font, self._marker_font, self._small_font)
        )
        self._fm_caption, self._fm_caption_bold = map(
            QFontMetricsF, (self._caption_font, self._caption_bold)
        )
        self._line, self._head, self._gap, self._radius = max(1.0, 1.5 * s), 6 * s, 3 * s, 4 * s
        self._steps_h, self._min_step, self._stub_h = 66 * s, 26 * s, 8 * s
        self._top = 2 * s + self._fm_marker.height() + 2 * s + self._head  # above the steps
        self._below, self._caption_gap = 6 * s, 8 * s  # ground to values, values to caption
        t = theme
        self._surface, self._text = t.color("surface"), t.color("text")
        self._muted = t.color("muted_text")
        self._border, self._ghost = t.color("border"), t.color("border_hover")
        self._tint = 0.16 if relative_dark(self._surface) else 0.09
        self._palette: dict[str, tuple[QColor, QColor, QColor]] = {}

    def height(self) -> int:
        """The fixed height of a ladder at this scale; it never depends on the data."""
        h = self._top + self._steps_h + self._below + self._fm_value.height()
        return math.ceil(h + self._caption_gap + self._fm_caption.height() + 2 * self.scale)

    def layout(self, rect: QRectF, data: LadderData) -> LadderLayout:
        """The baseline block, the steps and the marker's x, for ``data`` in ``rect``."""
        s, x0, w = self.scale, rect.left(), rect.width()
        ground = rect.top() + self._top + self._steps_h
        label_w = self._fm_small.horizontalAdvance("Baseline") + 10 * s
        stub_w = min(max(label_w, 0.14 * w), 0.3 * w)
        stub = QRectF(x0, ground - self._stub_h, stub_w, self._stub_h)
        count = len(data.tiers) or GHOST_STEPS
        left = x0 + stub_w + 2 * self._gap
        right = rect.right() - self._head  # room for the marker's head at 100%
        step_w = max(1.0, (right - left - (count - 1) * self._gap) / count)
        steps = []
        for i in range(count):
            h = self._min_step + (self._steps_h - self._min_step) * (i + 1) / count
            steps.append(QRectF(left + i * (step_w + self._gap), ground - h, step_w, h))
        return LadderLayout(stub, tuple(steps), ground, self._marker_x(data, tuple(steps)))

    def _marker_x(self, data: LadderData, steps: tuple[QRectF, ...]) -> float | None:
        """Between baseline and the ultimate tier, proportionally within the step it is on.

        Reaching tier i puts the marker at the right edge of step i, so the marker is
        always over the step being climbed and agrees with the filled ones.
        """
        if data.current is None or data.baseline is None or not data.tiers:
            return None
        n = len(data.tiers)
        reached = okr.tiers_reached(data.direction, data.tiers, data.current)
        if reached == n:
            return steps[-1].right()
        anchors = (steps[0].left(), *(r.right() for r in steps))
        values = (data.baseline, *data.tiers)
        a, b = values[reached], values[reached + 1]
        sign = 1.0 if data.direction is Direction.INCREASE else -1.0
        t = (data.current - a) / (b - a) if (b - a) * sign > 0 else 0.0
        t = max(0.0, min(1.0, t))
        return anchors[reached] + t * (anchors[reached + 1] - anchors[reached])

    def paint(self, painter: QPainter, rect: QRectF, data: LadderData) -> None:
        """Paint ``data`` at the top of ``rect``; nothing is drawn outside it."""
        if rect.width() <= 0 or rect.height() <= 0:
            return
        p = painter
        p.save()
        p.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        lay = self.layout(rect, data)
        p.setPen(QPen(self._border, max(1.0, self.scale)))
        p.drawLine(QPointF(rect.left(), lay.ground), QPointF(rect.right(), lay.ground))
        self._paint_baseline(p, lay, data)
        if data.tiers:
            for i in range(len(data.tiers)):
                self._paint_step(p, lay, data, i)
        else:
            ghost = QPen(self._ghost, self._line, Qt.PenStyle.DashLine)
            for box in lay.steps:
                self._step_path(p, box, ghost, Qt.BrushStyle.NoBrush)
        if lay.marker_x is not None and data.current is not None:
            self._paint_marker(p, rect, lay, data.current, data.unit)
        self._paint_caption(p, rect, data, lay.marker_x is None)
        p.restore()

    def _step_path(
        self, p: QPainter, box: QRectF, pen: QPen, brush: QColor | Qt.BrushStyle
    ) -> None:
        """A step with rounded top corners, inset by half the pen so strokes stay inside."""
        half = pen.widthF() / 2 if pen.style() != Qt.PenStyle.NoPen else 0.0
        b = box.adjusted(half, half, -half, 0)
        r = min(self._radius, b.width() / 2)
        path = QPainterPath(QPointF(b.left(), b.bottom()))  # open at the bottom: the ground
        path.arcTo(QRectF(b.left(), b.top(), 2 * r, 2 * r), 180, -90)
        path.arcTo(QRectF(b.right() - 2 * r, b.top(), 2 * r, 2 * r), 90, -90)
        path.lineTo(b.right(), b.bottom())
        p.setPen(pen)
        p.setBrush(brush)
        p.drawPath(path)

    def colors(self, color: str) -> tuple[QColor, QColor, QColor]:
        """A reached step's fill, an unreached one's tint and its label's ink."""
        found = self._palette.get(color)
        if found is None:
            c = QColor(color)
            tint = mix(self._surface, c, self._tint)
            found = (th.readable_on(c, self._surface, 3.0), tint, th.readable_on(c, tint))
            remember(self._palette, color, found)
        return found

    def _paint_step(self, p: QPainter, lay: LadderLayout, data: LadderData, i: int) -> None:
        """Step ``i``: filled when reached, outlined when not; "T1" on it, its target below."""
        box, s = lay.steps[i], self.scale
        fill, tint, ink = self.colors(data.color)
        done = i < okr.tiers_reached(data.direction, data.tiers, data.current)
        if done:
            self._step_path(p, box, QPen(Qt.PenStyle.NoPen), fill)
            ink = th.text_on(fill)
        else:
            self._step_path(p, box, QPen(fill, self._line), tint)
        fm = self._fm_tier
        label = fm.elidedText(f"T{i + 1}", Qt.TextElideMode.ElideRight, box.width() - 4 * s)
        x = box.center().x() - fm.horizontalAdvance(label) / 2
        draw_text(p, self._tier_font, ink, x, box.top() + 6 * s + fm.ascent(), label)
        fm = self._fm_value
        text = value_label(fm, data.tiers[i], data.unit, box.width() + self._gap)
        x, ink = box.center().x() - fm.horizontalAdvance(text) / 2, self._text
        draw_text(p, self._value_font, ink if done else self._muted, x, self._value_base(lay), text)

    def _paint_baseline(self, p: QPainter, lay: LadderLayout, data: LadderData) -> None:
        stub, s = lay.baseline, self.scale
        if data.baseline is None:
            half = self._line / 2
            p.setPen(QPen(self._ghost, self._line, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(stub.adjusted(half, half, -half, -half), 2 * s, 2 * s)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._ghost)
            p.drawRoundedRect(stub, 2 * s, 2 * s)
        fm, fmv, x = self._fm_small, self._fm_value, stub.left()
        word = fm.elidedText("Baseline", Qt.TextElideMode.ElideRight, stub.width())
        draw_text(p, self._small_font, self._muted, x, stub.top() - 5 * s - fm.descent(), word)
        if data.baseline is None:
            text = fmv.elidedText(NOT_SET, Qt.TextElideMode.ElideRight, stub.width())
        else:
            text = value_label(fmv, data.baseline, data.unit, stub.width())
        draw_text(p, self._value_font, self._muted, x, self._value_base(lay), text)

    def _value_base(self, lay: LadderLayout) -> float:
        return lay.ground + self._below + self._fm_value.ascent()

    def _paint_marker(
        self, p: QPainter, rect: QRectF, lay: LadderLayout, current: float, unit: str
    ) -> None:
        """A "you are here" pin: the value, a head and a stem down to the stair below it."""
        x, s, fm = lay.marker_x or 0.0, self.scale, self._fm_marker
        top = rect.top() + self._top
        floor = lay.ground
        for box in lay.steps:
            if box.left() - 0.01 <= x <= box.right() + 0.01:
                floor = box.top()
        for ink, width in ((self._surface, 5 * s), (self._text, 2 * s)):  # a halo, then the stem
            p.setPen(QPen(ink, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            p.drawLine(QPointF(x, top), QPointF(x, floor))
        head, y = self._head, top - self._head
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._text)
        p.drawPolygon(QPolygonF([QPointF(x - head, y), QPointF(x + head, y), QPointF(x, top + s)]))
        text = value_label(fm, current, unit, rect.width())
        tw = fm.horizontalAdvance(text)
        tx = max(rect.left(), min(rect.right() - tw, x - tw / 2))
        draw_text(p, self._marker_font, self._text, tx, y - 2 * s - fm.descent(), text)

    def _paint_caption(self, p: QPainter, rect: QRectF, data: LadderData, unplaced: bool) -> None:
        s, fm, bold = self.scale, self._fm_caption, self._fm_caption_bold
        base = rect.top() + self.height() - 2 * s - fm.descent()
        right = ""
        if unplaced and data.current is not None:
            right = "Now " + value_label(fm, data.current, data.unit, rect.width() / 3)
        room = rect.width() - (fm.horizontalAdvance(right) + 12 * s if right else 0.0)
        head, sep, tail = caption(data).rpartition(" · ")
        tail = sep + tail
        ink, x = self._text if head else self._muted, rect.left()
        if head and bold.horizontalAdvance(head) + fm.horizontalAdvance(tail) <= room:
            draw_text(p, self._caption_bold, ink, x, base, head)
            draw_text(p, self._caption_font, ink, x + bold.horizontalAdvance(head), base, tail)
        else:
            line = fm.elidedText(head + tail, Qt.TextElideMode.ElideRight, max(0.0, room))
            draw_text(p, self._caption_font, ink, x, base, line)
        if right:
            x = rect.right() - fm.horizontalAdvance(right)
            draw_text(p, self._caption_font, self._muted, x, base, right)


def caption(data: LadderData) -> str:
    """The caption: "Tier 2 of 3 · 64% of the way", or why progress is unknown."""
    if not data.tiers:
        return NO_TIERS
    if data.baseline is None:
        return NO_BASELINE
    fraction = okr.progress(data.direction, data.baseline, data.tiers, data.current)
    if fraction is None:
        return NO_CURRENT
    reached = okr.tiers_reached(data.direction, data.tiers, data.current)
    return f"Tier {reached} of {len(data.tiers)} · {round(fraction * 100)}% of the way"


def relative_dark(color: QColor) -> bool:
    """Whether ``color`` is a dark surface (dark theme)."""
    return th.relative_luminance(color) < 0.2
