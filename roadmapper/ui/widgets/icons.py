"""Icons: the app's own (shipped as package data) and outcome colour swatches drawn in code."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from roadmapper.core.palette import UNLINKED_COLOR, is_color

WINDOW_ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
"""What title bars, task bars and window switchers ask for; 512 is for the desktop entry."""

_app_icon: QIcon | None = None

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


def app_icon() -> QIcon:
    """Roadmapper's icon in every size a window needs, from the shipped PNGs.

    Each size is read when a platform first asks for it. Raises
    ``ResourceError`` when a size is missing: the installation is broken.
    """
    global _app_icon
    if _app_icon is not None:
        return _app_icon
    from roadmapper.resources import broken_install, icon_png, icon_resource

    icon = QIcon()
    for size in WINDOW_ICON_SIZES:
        item = icon_resource(size)
        if isinstance(item, Path) and item.is_file():
            icon.addFile(str(item), QSize(size, size))  # read lazily, by Qt
            continue
        pixmap = QPixmap()
        if not pixmap.loadFromData(icon_png(size), "PNG"):
            raise broken_install(f"Roadmapper's own {size}x{size} icon is damaged")
        icon.addPixmap(pixmap)
    _app_icon = icon
    return icon
