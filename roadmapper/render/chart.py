"""The check-in chart: a key result's values over time against its baseline and tier bands."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from roadmapper.core.entities import CheckIn, KeyResult
from roadmapper.model.enums import Direction
from roadmapper.render import theme as th
from roadmapper.render.ladder import draw_text, font, relative_dark, value_label

NO_CHECK_INS = "No check-ins yet"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
Y_MARGIN = 0.08  # of the value span, above and below


def short_date(day: dt.date, with_year: bool = False) -> str:
    """``5 Oct``, or ``5 Oct 2026``; the same in every locale."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def axis_dates(first: dt.date, last: dt.date) -> tuple[str, str]:
    """The time axis' two labels: the year always on the last, on the first when it differs.

    "1 Nov … 29 Nov 2026", "5 Dec 2025 … 12 Jan 2026"; a single day reads "29 Nov 2026".
    """
    return short_date(first, first.year != last.year), short_date(last, True)


@dataclass(frozen=True, slots=True)
class ChartData:
    """What the chart shows: a key result's targets and its check-ins, sorted by date."""

    direction: Direction
    unit: str
    baseline: float | None
    tiers: tuple[float, ...]
    points: tuple[tuple[dt.date, float], ...]  # check-ins, sorted by date
    color: str  # outcome colour "#rrggbb"

    @classmethod
    def of(cls, kr: KeyResult, check_ins: Sequence[CheckIn], color: str) -> ChartData:
        """The key result's own check-ins (others are ignored), by date then entry order."""
        mine = sorted(
            (c for c in check_ins if c.key_result_id == kr.id), key=lambda c: (c.date, c.id)
        )
        points = tuple((c.date, c.value) for c in mine)
        return cls(kr.direction, kr.unit, kr.baseline, tuple(kr.tiers), points, color)


@dataclass(frozen=True, slots=True)
class ChartLayout:
    """The plot area and its value and date scales, in the coordinates of the painted rect."""

    left: float
    top: float
    right: float
    bottom: float
    low: float  # value at ``bottom``
    high: float  # value at ``top``
    first: dt.date
    last: dt.date
    inset: float  # room between the plot's sides and the first and last points

    def y_for(self, value: float) -> float:
        """The y of ``value``; larger values are higher up (smaller y)."""
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)

    def x_for(self, day: dt.date) -> float:
        """The x of ``day``; a single date sits in the middle."""
        span = (self.last - self.first).days
        if span <= 0:
            return (self.left + self.right) / 2
        inner = self.right - self.left - 2 * self.inset
        return self.left + self.inset + (day - self.first).days / span * inner


def value_range(data: ChartData) -> tuple[float, float, float, float]:
    """The lowest and highest value shown, and the scale's ends with a margin around them."""
    values = [v for _d, v in data.points] + list(data.tiers)
    if data.baseline is not None:
        values.append(data.baseline)
    low, high = min(values), max(values)
    span = high - low
    if span == 0:  # a flat series: a range around it, not a division by zero
        span = max(abs(high) * 0.2, 1.0)
        return low, high, low - span / 2, high + span / 2
    return low, high, low - span * Y_MARGIN, high + span * Y_MARGIN


@dataclass(frozen=True, slots=True)
class ChartLabel:
    """A label right of the plot: the latest value, a tier ("T2") or the baseline."""

    text: str
    y: float  # centre
    kind: str  # "current", "tier" or "baseline"


class ChartPainter:
    """Paints check-in charts of one theme and scale, on the theme's surface colour."""

    def __init__(self, theme: th.Theme, scale: float = 1.0) -> None:
        self.theme, self.scale = theme, scale
        s, w = scale, QFont.Weight
        self._axis_font, self._band_font = font(11 * s, w.Medium), font(11 * s, w.DemiBold)
        self._value_font, self._empty_font = font(12 * s, w.Bold), font(13 * s, w.Medium)
        self._fm_axis, self._fm_band, self._fm_value, self._fm_empty = map(
            QFontMetricsF, (self._axis_font, self._band_font, self._value_font, self._empty_font)
        )
        self._pad, self._gap, self._line = 2 * s, 6 * s, max(1.0, s)
        self._dot, self._last_dot = 3.5 * s, 5.5 * s
        self._pill_h = self._fm_value.height() + 4 * s
        t = theme
        self._surface, self._text = t.color("surface"), t.color("text")
        self._muted = t.color("muted_text")
        self._band_alpha = 0.2 if relative_dark(self._surface) else 0.18

    def layout(self, rect: QRectF, data: ChartData) -> ChartLayout | None:
        """The plot area and scales for ``data`` in ``rect``; ``None`` without check-ins."""
        if not data.points:
            return None
        s, fa = self.scale, self._fm_axis
        low, high, lo, hi = value_range(data)
        left_w = max(fa.horizontalAdvance(value_label(fa, v, data.unit, 1e6)) for v in (low, high))
        last = data.points[-1][1]
        pill_w = self._fm_value.horizontalAdvance(value_label(self._fm_value, last, data.unit, 1e6))
        right_w = max(self._fm_band.horizontalAdvance("baseline"), pill_w + 10 * s)
        # One unit of slack: the labels are later elided to exactly this width, and
        # floating-point noise would otherwise cut a label that fits to "1…".
        left = rect.left() + min(math.ceil(left_w) + 1, rect.width() * 0.25) + self._gap
        right = rect.right() - min(math.ceil(right_w) + 1, rect.width() * 0.3) - self._gap
        top = rect.top() + max(self._pill_h, fa.height()) / 2 + self._pad
        bottom = rect.bottom() - fa.height() - self._gap - self._pad
        first, end = data.points[0][0], data.points[-1][0]
        return ChartLayout(left, top, right, bottom, lo, hi, first, end, self._last_dot + 4 * s)

    def paint(self, painter: QPainter, rect: QRectF, data: ChartData) -> None:
        """Paint ``data`` filling ``rect``; nothing is drawn outside it."""
        if rect.width() <= 0 or rect.height() <= 0:
            return
        p = painter
        p.save()
        p.setClipRect(rect, Qt.ClipOperation.IntersectClip)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        lay = self.layout(rect, data)
        if lay is None:
            fm, c = self._fm_empty, rect.center()
            text = fm.elidedText(NO_CHECK_INS, Qt.TextElideMode.ElideRight, rect.width())
            x, y = c.x() - fm.horizontalAdvance(text) / 2, c.y() + fm.capHeight() / 2
            draw_text(p, self._empty_font, self._muted, x, y, text)
        elif lay.bottom - lay.top >= 4 * self.scale and lay.right > lay.left:
            color = QColor(data.color)
            fill = th.readable_on(color, self._surface, 3.0)  # WCAG non-text contrast
            self._paint_bands(p, lay, data, color, fill)
            self._paint_series(p, lay, data, fill)
            self._paint_axes(p, rect, lay, data)
            self._paint_labels(p, rect, lay, data, color)
        p.restore()

    def _paint_bands(
        self, p: QPainter, lay: ChartLayout, data: ChartData, color: QColor, fill: QColor
    ) -> None:
        """Tinted bands between consecutive levels, the last the strongest; then the lines."""
        levels = [data.baseline, *data.tiers]
        n = len(data.tiers)
        p.setPen(Qt.PenStyle.NoPen)
        for k in range(1, n + 1):
            start = levels[k - 1]
            if start is None:
                continue
            y1, y2 = lay.y_for(start), lay.y_for(data.tiers[k - 1])
            tint = QColor(color)
            tint.setAlphaF(self._band_alpha * k / n)
            p.setBrush(tint)
            p.drawRect(QRectF(lay.left, min(y1, y2), lay.right - lay.left, abs(y2 - y1)))
        for k, target in enumerate(data.tiers, start=1):
            line = QColor(fill)
            line.setAlphaF(0.4 + 0.6 * k / n)
            width = self._line * (1.5 if k == n else 1.0)
            p.setPen(QPen(line, width))
            y = lay.y_for(target)
            p.drawLine(QPointF(lay.left, y), QPointF(lay.right, y))
        if data.baseline is not None:
            pen = QPen(self._muted, self._line, Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([4.0, 3.0])
            p.setPen(pen)
            y = lay.y_for(data.baseline)
            p.drawLine(QPointF(lay.left, y), QPointF(lay.right, y))

    def _paint_series(self, p: QPainter, lay: ChartLayout, data: ChartData, fill: QColor) -> None:
        points = [QPointF(lay.x_for(d), lay.y_for(v)) for d, v in data.points]
        s = self.scale
        if len(points) > 1:
            path = QPainterPath(points[0])
            for pt in points[1:]:
                path.lineTo(pt)
            pen = QPen(fill, 2 * s)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.strokePath(path, pen)
        p.setBrush(fill)
        p.setPen(QPen(self._surface, 1.5 * s))
        for pt in points[:-1]:
            p.drawEllipse(pt, self._dot, self._dot)
        # The latest value: larger, with a ring of the surface and one of its colour.
        last = points[-1]
        p.setPen(QPen(fill, 1.5 * s))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(last, self._last_dot + 2.5 * s, self._last_dot + 2.5 * s)
        p.setPen(QPen(self._surface, 2 * s))
        p.setBrush(fill)
        p.drawEllipse(last, self._last_dot, self._last_dot)

    def _paint_axes(self, p: QPainter, rect: QRectF, lay: ChartLayout, data: ChartData) -> None:
        """Lowest and highest value at the left, first and last dates below; small, muted."""
        fm, s = self._fm_axis, self.scale
        p.setFont(self._axis_font)
        p.setPen(self._muted)
        low, high, _lo, _hi = value_range(data)
        width = lay.left - rect.left() - self._gap
        placed: list[float] = []
        for value in (high, low) if high != low else (high,):
            y = lay.y_for(value)
            if any(abs(y - other) < fm.height() for other in placed):
                continue
            placed.append(y)
            text = value_label(fm, value, data.unit, width)
            x = lay.left - self._gap - fm.horizontalAdvance(text)
            p.drawText(QPointF(x, y + fm.capHeight() / 2), text)
        first, last = lay.first, lay.last
        base = lay.bottom + self._gap + fm.ascent()
        start, end = axis_dates(first, last)
        if first == last:
            p.drawText(QPointF(lay.x_for(first) - fm.horizontalAdvance(end) / 2, base), end)
            return
        end_x = min(rect.right(), lay.x_for(last) + fm.horizontalAdvance(end) / 2)
        end_x -= fm.horizontalAdvance(end)
        p.drawText(QPointF(end_x, base), end)
        start_x = max(rect.left(), lay.x_for(first) - fm.horizontalAdvance(start) / 2)
        if start_x + fm.horizontalAdvance(start) + 8 * s <= end_x:
            p.drawText(QPointF(start_x, base), start)

    def labels(self, rect: QRectF, data: ChartData) -> tuple[ChartLabel, ...]:
        """The labels right of the plot that fit, by priority: current value, tiers, baseline.

        A label whose box would overlap one already placed is dropped; the ultimate
        tier wins over earlier ones. Each ``y`` is the label's centre, kept inside ``rect``.
        """
        lay = self.layout(rect, data)
        if lay is None:
            return ()
        last = data.points[-1][1]
        current = value_label(self._fm_value, last, data.unit, 1e6)
        wanted = [ChartLabel(current, lay.y_for(last), "current")]
        for k in range(len(data.tiers), 0, -1):
            wanted.append(ChartLabel(f"T{k}", lay.y_for(data.tiers[k - 1]), "tier"))
        if data.baseline is not None:
            wanted.append(ChartLabel("baseline", lay.y_for(data.baseline), "baseline"))
        taken: list[tuple[float, float]] = []
        placed: list[ChartLabel] = []
        for label in wanted:
            h = self._pill_h if label.kind == "current" else self._fm_band.height()
            y = max(rect.top() + h / 2, min(rect.bottom() - h / 2, label.y))
            top, bottom = y - h / 2, y + h / 2
            if not any(top < b and bottom > t for t, b in taken):
                taken.append((top, bottom))
                placed.append(ChartLabel(label.text, y, label.kind))
        return tuple(placed)

    def _paint_labels(
        self, p: QPainter, rect: QRectF, lay: ChartLayout, data: ChartData, color: QColor
    ) -> None:
        fill = th.readable_on(color, self._surface, 3.0)
        ink = th.readable_on(color, self._surface)
        x, width = lay.right + self._gap, rect.right() - lay.right - self._gap
        fm = self._fm_band
        for label in self.labels(rect, data):
            if label.kind == "current":
                self._paint_pill(p, x - 2 * self.scale, label.y, width, label.text, fill)
                continue
            text = fm.elidedText(label.text, Qt.TextElideMode.ElideRight, width)
            y, color = label.y + fm.capHeight() / 2, ink if label.kind == "tier" else self._muted
            draw_text(p, self._band_font, color, x, y, text)

    def _paint_pill(
        self, p: QPainter, x: float, y: float, width: float, text: str, fill: QColor
    ) -> None:
        fm, s = self._fm_value, self.scale
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width - 8 * s))
        box = QRectF(x, y - self._pill_h / 2, fm.horizontalAdvance(text) + 10 * s, self._pill_h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRoundedRect(box, self._pill_h / 2, self._pill_h / 2)
        x, base = box.left() + 5 * s, y + fm.capHeight() / 2
        draw_text(p, self._value_font, th.text_on(fill), x, base, text)
