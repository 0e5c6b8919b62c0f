"""Paints one compact key result row: two-line name, tags, a tier meter and the tier reached."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from roadmapper.core.palette import is_color
from roadmapper.render.chips import remember
from roadmapper.render.theme import Theme, readable_on, theme_for_palette
from roadmapper.ui.panel.key_results.list_model import ROW_ROLE
from roadmapper.ui.panel.key_results.rows import (
    GUARDRAIL,
    LINKED,
    MeterData,
    RowData,
    name_lines,
)

Index = QModelIndex | QPersistentModelIndex

PAD_X, PAD_Y, GAP = 12, 7, 10
MARKER_W = 3
METER_H = 6
METER_W = 64
TAG_PAD, TAG_GAP = 5, 4


def small_font(font: QFont) -> QFont:
    """The font of tags and the tier reached: a little smaller than the row's."""
    small = QFont(font)
    if font.pixelSize() > 0:
        small.setPixelSize(max(9, round(font.pixelSize() * 0.84)))
    else:
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.84))
    small.setWeight(QFont.Weight.Medium)
    return small


class KeyResultRowDelegate(QStyledItemDelegate):
    """Rows of one height (the list uses uniform sizes), painted from ``RowData`` only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: dict[tuple[str, bool, float, str], list[str]] = {}

    # -- geometry -------------------------------------------------------------

    @staticmethod
    def right_width(font: QFont) -> int:
        """The column of tags, meter and tier reached: room for "Below baseline" and a meter."""
        return round(KeyResultRowDelegate.tier_width(font) + GAP + METER_W)

    @staticmethod
    def tier_width(font: QFont) -> float:
        """The tier reached, right-aligned in a column as wide as its longest wording."""
        fm = QFontMetricsF(small_font(font))
        return max(
            fm.horizontalAdvance(t) for t in ("Below baseline", "No value yet", "Tier 5 of 5")
        )

    def name_width(self, width: int, font: QFont) -> float:
        return max(40.0, width - 2 * PAD_X - MARKER_W - GAP - self.right_width(font))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """QStyledItemDelegate.sizeHint: two name lines and the padding, whatever the text."""
        fm = QFontMetricsF(option.font)
        return QSize(200, round(2 * fm.lineSpacing() + 2 * PAD_Y + 1))

    def lines(self, row: RowData, font: QFont, width: float) -> list[str]:
        """The name on at most two lines, cut at a word with "…" (cached)."""
        key = (row.name, row.linked, width, font.key())
        found = self._lines.get(key)
        if found is None:
            found = name_lines(row.name, self._name_font(font, row.linked), width)
            remember(self._lines, key, found)
        return found

    @staticmethod
    def _name_font(font: QFont, linked: bool) -> QFont:
        if not linked:
            return font
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        return bold

    # -- painting -------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """QStyledItemDelegate.paint: background, marker, name, tags, meter, tier reached."""
        row = index.data(ROW_ROLE)
        if not isinstance(row, RowData):
            return
        opt = QStyleOptionViewItem(option)
        rect = QRectF(opt.rect)
        font: QFont = opt.font
        state = opt.state
        theme = theme_for_palette(opt.palette)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        p = painter
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._paint_background(p, rect, theme, selected, focused, hovered)
        accent = _accent(row, theme)
        if row.linked:
            bar = QRectF(rect.left() + 3, rect.top() + 6, MARKER_W, rect.height() - 12)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(accent)
            p.drawRoundedRect(bar, 1.5, 1.5)
        fm = QFontMetricsF(self._name_font(font, row.linked))
        left = rect.left() + PAD_X + MARKER_W
        width = self.name_width(round(rect.width()), font)
        p.setFont(self._name_font(font, row.linked))
        p.setPen(theme.color("text"))
        base = rect.top() + PAD_Y + fm.ascent()
        for n, line in enumerate(self.lines(row, font, width)):
            p.drawText(QPointF(left, base + n * fm.lineSpacing()), line)
        right = rect.right() - PAD_X
        small = small_font(font)
        sfm = QFontMetricsF(small)
        line_h = fm.lineSpacing()
        mid1 = rect.top() + PAD_Y + line_h / 2
        mid2 = mid1 + line_h
        self._paint_tags(p, row, small, sfm, right, mid1, theme, accent)
        tier_w = sfm.horizontalAdvance(row.tier_text)
        p.setFont(small)
        p.setPen(theme.color("text") if row.meter is not None else theme.color("muted_text"))
        p.drawText(QPointF(right - tier_w, mid2 - sfm.height() / 2 + sfm.ascent()), row.tier_text)
        if row.meter is not None:
            x = right - self.tier_width(font) - GAP - METER_W
            box = QRectF(x, mid2 - METER_H / 2, METER_W, METER_H)
            surface = theme.color("selected_surface" if selected else "surface")
            paint_meter(p, box, row.meter, theme, surface)
        p.restore()

    @staticmethod
    def _paint_background(
        p: QPainter, rect: QRectF, theme: Theme, selected: bool, focused: bool, hovered: bool
    ) -> None:
        card = rect.adjusted(2, 1.5, -2, -1.5)
        if selected:
            p.setPen(QPen(theme.color("focus" if focused else "selection"), 1.5 if focused else 1))
            p.setBrush(theme.color("selected_surface"))
            p.drawRoundedRect(card, 6, 6)
            return
        if hovered:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(theme.color("chip_background"))
            p.drawRoundedRect(card, 6, 6)
        if focused:
            p.setPen(QPen(theme.color("focus"), 1.5, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(card, 6, 6)
            return
        p.setPen(QPen(theme.color("border"), 1))
        y = rect.bottom() - 0.5
        p.drawLine(QPointF(rect.left() + PAD_X, y), QPointF(rect.right() - PAD_X, y))

    @staticmethod
    def _paint_tags(
        p: QPainter,
        row: RowData,
        font: QFont,
        fm: QFontMetricsF,
        right: float,
        mid: float,
        theme: Theme,
        accent: QColor,
    ) -> None:
        """Tags right-aligned on the first line: the indicator, then guardrail and linked."""
        x = right
        h = fm.height() + 2
        p.setFont(font)
        for tag in row.tags:
            w = fm.horizontalAdvance(tag) + 2 * TAG_PAD
            box = QRectF(x - w, mid - h / 2, w, h)
            if tag == LINKED:
                p.setPen(QPen(accent, 1))
                p.setBrush(theme.color("surface"))
                ink = readable_on(accent, theme.color("surface"))
            elif tag == GUARDRAIL:
                p.setPen(QPen(theme.color("border_hover"), 1))
                p.setBrush(theme.color("chip_background"))
                ink = theme.color("text")
            else:
                p.setPen(QPen(theme.color("chip_border"), 1))
                p.setBrush(theme.color("chip_background"))
                ink = theme.color("muted_text")
            p.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), h / 2, h / 2)
            p.setPen(ink)
            p.drawText(QPointF(box.left() + TAG_PAD, mid - fm.height() / 2 + fm.ascent()), tag)
            x -= w + TAG_GAP


def _accent(row: RowData, theme: Theme) -> QColor:
    """The outcome colour, readable as a thin mark on the surface."""
    base = QColor(row.color) if is_color(row.color) else theme.color("selection")
    return readable_on(base, theme.color("surface"), 3.0)


def paint_meter(p: QPainter, box: QRectF, meter: MeterData, theme: Theme, gap: QColor) -> None:
    """A rounded track filled to the value, cut by a thin gap at each tier but the last."""
    r = box.height() / 2
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.color("border"))
    p.drawRoundedRect(box, r, r)
    done = max(0.0, min(1.0, meter.fraction)) * box.width()
    if done > 0:
        fill = QColor(meter.color) if is_color(meter.color) else theme.color("selection")
        p.setBrush(readable_on(fill, theme.color("surface"), 3.0))
        p.drawRoundedRect(
            QRectF(box.left(), box.top(), max(done, box.height()), box.height()), r, r
        )
    p.setPen(QPen(gap, 2))
    for tick in meter.ticks[:-1]:
        x = box.left() + tick * box.width()
        p.drawLine(QPointF(x, box.top() - 1), QPointF(x, box.bottom() + 1))
