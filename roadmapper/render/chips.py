"""Key result chips of a card: an elided name and a tier meter, in one row."""

from __future__ import annotations

import math
from typing import TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from roadmapper.core.card_content import NO_KEY_RESULT, ChipData
from roadmapper.render.fonts import ui_font_px
from roadmapper.render.theme import Theme

CHIP_LABEL_CHARS = 18
CACHE_LIMIT = 4096

K = TypeVar("K")
V = TypeVar("V")


def remember(cache: dict[K, V], key: K, value: V) -> None:
    """Store in a bounded cache; a full cache starts over, cheaper than tracking age."""
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value


_Placed = tuple[str, float, ChipData]  # elided label, chip width, data


class ChipRow:
    """Lays out and paints a row of chips; one per card painter, caches included."""

    def __init__(self, theme: Theme, scale: float) -> None:
        s = scale
        self.font = ui_font_px(round(11 * s), QFont.Weight.Medium)
        self._fm = QFontMetricsF(self.font)
        self.height = math.ceil(self._fm.height() + 6 * s)
        self._pad, self._gap, self._meter_gap = 7 * s, 6 * s, 6 * s
        self._seg, self._seg_gap, self._bar_w = 6 * s, 2 * s, 22 * s
        self._line = max(1.0, s)
        self._label_max = self._fm.averageCharWidth() * CHIP_LABEL_CHARS
        self._text, self._muted = QColor(theme.text), QColor(theme.muted_text)
        self._background = QColor(theme.chip_background)
        self._border = QColor(theme.chip_border)
        self._chip_pen = QPen(self._border, self._line)
        self._empty_pen = QPen(self._muted, self._line)
        self._no_pen = QPen(Qt.PenStyle.NoPen)
        self._rows: dict[tuple[tuple[ChipData, ...], float], tuple[list[_Placed], int]] = {}
        self._elided: dict[tuple[str, float], str] = {}

    def visible(self, chips: tuple[ChipData, ...], width: float) -> tuple[list[_Placed], int]:
        """The chips that fit in ``width`` (label elided, chip width) and how many do not."""
        key = (chips, width)
        found = self._rows.get(key)
        if found is not None:
            return found
        placed: list[_Placed] = []
        used = 0.0
        for i, chip in enumerate(chips):
            left = len(chips) - i - 1
            reserve = self._fm.horizontalAdvance(f"+{left}") + self._gap if left else 0.0
            fixed = 2 * self._pad + self._meter_width(chip)
            room = min(self._label_max, width - used - fixed - reserve)
            # A chip that can show fewer than a handful of letters says nothing: "+N" instead.
            if room < self._fm.averageCharWidth() * 6:
                break
            label = self._elide(" ".join(chip.label.split()), room)
            chip_width = fixed + self._fm.horizontalAdvance(label)
            placed.append((label, chip_width, chip))
            used += chip_width + self._gap
        found = (placed, len(chips) - len(placed))
        remember(self._rows, key, found)
        return found

    def _elide(self, text: str, width: float) -> str:
        key = (text, width)
        out = self._elided.get(key)
        if out is None:
            out = self._fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
            remember(self._elided, key, out)
        return out

    def _meter_width(self, chip: ChipData) -> float:
        if chip.tiers > 0:
            return self._meter_gap + chip.tiers * self._seg + (chip.tiers - 1) * self._seg_gap
        return self._meter_gap + self._bar_w if chip.fraction is not None else 0.0

    def paint(
        self,
        p: QPainter,
        x: float,
        y: float,
        width: float,
        chips: tuple[ChipData, ...],
        fill: QColor,
    ) -> None:
        """Paint the row with its top-left at ``x, y``; ``fill`` colours the reached tiers."""
        fm, ch = self._fm, self.height
        base = y + (ch - fm.height()) / 2 + fm.ascent()
        p.setFont(self.font)
        if not chips:
            p.setPen(self._muted)
            p.drawText(QPointF(x, base), self._elide(NO_KEY_RESULT, width))
            return
        placed, hidden = self.visible(chips, width)
        r, lw, mid = ch / 2, self._line, y + ch / 2
        for label, chip_width, chip in placed:
            p.setPen(self._chip_pen)
            p.setBrush(self._background)
            p.drawRoundedRect(QRectF(x + lw / 2, y + lw / 2, chip_width - lw, ch - lw), r, r)
            p.setPen(self._text)
            p.drawText(QPointF(x + self._pad, base), label)
            meter_x = x + chip_width - self._pad - self._meter_width(chip) + self._meter_gap
            self._paint_meter(p, meter_x, mid, chip, fill)
            x += chip_width + self._gap
        if hidden:
            p.setPen(self._muted)
            p.drawText(QPointF(x, base), f"+{hidden}")

    def _paint_meter(self, p: QPainter, x: float, mid: float, chip: ChipData, fill: QColor) -> None:
        """Filled squares for tiers reached, hollow ones for the rest: shape, not only colour."""
        seg, lw = self._seg, self._line
        r = 1.5 * lw
        if chip.tiers > 0:
            top = mid - seg / 2
            for i in range(chip.tiers):
                box = QRectF(x + i * (seg + self._seg_gap), top, seg, seg)
                if i < chip.reached:
                    p.setPen(self._no_pen)
                    p.setBrush(fill)
                    p.drawRoundedRect(box, r, r)
                else:
                    p.setPen(self._empty_pen)
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRoundedRect(box.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2), r, r)
        elif chip.fraction is not None:
            bar = QRectF(x, mid - 2 * lw, self._bar_w, 4 * lw)
            p.setPen(self._no_pen)
            p.setBrush(self._border)
            p.drawRoundedRect(bar, 2 * lw, 2 * lw)
            done = max(0.0, min(1.0, chip.fraction)) * bar.width()
            if done > 0:
                p.setBrush(fill)
                p.drawRoundedRect(QRectF(bar.x(), bar.y(), done, bar.height()), 2 * lw, 2 * lw)
