"""Small icons drawn in code: outcome colour swatches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from roadmapper.core.palette import UNLINKED_COLOR, is_color

_SWATCH = 12


def swatch(color: str) -> QIcon:
    """A small rounded square of an outcome's colour, crisp on HiDPI screens."""
    fill = QColor(color if is_color(color) else UNLINKED_COLOR)
    pixmap = QPixmap(_SWATCH * 2, _SWATCH * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(fill)
    painter.setPen(fill.darker(130))
    painter.drawRoundedRect(1, 1, _SWATCH - 2, _SWATCH - 2, 3, 3)
    painter.end()
    icon = QIcon(pixmap)
    # Without this, a selected row tints the swatch with the highlight and the colour lies.
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon
