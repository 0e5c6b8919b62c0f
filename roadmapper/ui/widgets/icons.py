"""Icons: the app's own (shipped as package data), and drawn in code: outcome colour
swatches and the toolbar's icons.

The toolbar's icons are paths on a 24-unit grid, drawn in the palette's text colour
at every size a toolbar or menu asks for (HiDPI included), so they look the same on
every machine, with or without an icon theme; ``tool_icon`` is called again when the
palette changes (light to dark).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

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


# -- toolbar icons ---------------------------------------------------------------

TOOL_ICON_SIZES = (16, 24, 32, 48)
"""The usual pixel sizes: 16 for menus, 24 for the toolbar, 32 and 48 for 1.5x and 2x
screens. Any other size asked for is drawn too."""
_GRID = 24.0
_STROKE = 1.9


def _plus(path: QPainterPath) -> None:
    path.moveTo(12, 5)
    path.lineTo(12, 19)
    path.moveTo(5, 12)
    path.lineTo(19, 12)


def _undo(path: QPainterPath) -> None:
    # A hook arrow: back to the left, then round to the start below.
    path.moveTo(9, 4.5)
    path.lineTo(4.5, 9)
    path.lineTo(9, 13.5)
    path.moveTo(4.5, 9)
    path.lineTo(14, 9)
    path.arcTo(QRectF(9, 9, 10.5, 10.5), 90, -180)
    path.lineTo(10, 19.5)


def _redo(path: QPainterPath) -> None:
    mirrored = QPainterPath()
    _undo(mirrored)
    for n in range(mirrored.elementCount()):
        element = mirrored.elementAt(n)
        mirrored.setElementPositionAt(n, _GRID - element.x, element.y)
    path.addPath(mirrored)


def _done(path: QPainterPath) -> None:
    # A column with a tick: the Done column.
    path.addRoundedRect(QRectF(4.5, 3.5, 15, 17), 2.5, 2.5)
    path.moveTo(8.5, 12.5)
    path.lineTo(11, 15)
    path.lineTo(15.5, 9.5)


def _tray(path: QPainterPath) -> None:
    path.moveTo(4, 14)
    path.lineTo(4, 19.5)
    path.lineTo(20, 19.5)
    path.lineTo(20, 14)


def _export(path: QPainterPath) -> None:
    _tray(path)
    path.moveTo(12, 15)
    path.lineTo(12, 4)
    path.moveTo(7.5, 8.5)
    path.lineTo(12, 4)
    path.lineTo(16.5, 8.5)


def _import(path: QPainterPath) -> None:
    _tray(path)
    path.moveTo(12, 4)
    path.lineTo(12, 15)
    path.moveTo(7.5, 10.5)
    path.lineTo(12, 15)
    path.lineTo(16.5, 10.5)


def _roadmaps(path: QPainterPath) -> None:
    # Three boards stacked: the roadmaps of one file.
    for top in (4.0, 9.0, 14.0):
        path.addRoundedRect(QRectF(4, top, 16, 6), 1.5, 1.5)


TOOL_ICONS: dict[str, Callable[[QPainterPath], None]] = {
    "new": _plus,
    "undo": _undo,
    "redo": _redo,
    "done": _done,
    "export": _export,
    "import": _import,
    "roadmaps": _roadmaps,
}
"""The drawn icons by name."""


def tool_pixmap(name: str, size: int, color: QColor) -> QPixmap:
    """Icon ``name`` drawn ``size`` pixels square in ``color`` (the toolbar's own icons)."""
    path = QPainterPath()
    TOOL_ICONS[name](path)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = size / _GRID
    painter.scale(scale, scale)
    # Thin lines stay a pixel and a half wide at the smallest sizes, so they never fade.
    width = max(_STROKE, 1.4 / scale)
    pen = QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.end()
    return pixmap


def tool_icon(name: str, palette: QPalette) -> QIcon:
    """Icon ``name`` in the colours of ``palette``: its text, dimmed when disabled.

    Each size and mode is drawn when first asked for (``_DrawnIcon``), at exactly the
    pixels asked: a toolbar at start-up draws two of them, not every size of every mode.
    """
    group, role = QPalette.ColorGroup, QPalette.ColorRole
    colours = {
        QIcon.Mode.Normal: palette.color(group.Active, role.ButtonText),
        QIcon.Mode.Active: palette.color(group.Active, role.ButtonText),
        QIcon.Mode.Disabled: palette.color(group.Disabled, role.ButtonText),
        QIcon.Mode.Selected: palette.color(group.Active, role.HighlightedText),
    }
    return QIcon(_DrawnIcon(name, colours))


class _DrawnIcon(QIconEngine):
    """A toolbar icon drawn on demand in each mode's colour, each size drawn once."""

    def __init__(self, name: str, colours: dict[QIcon.Mode, QColor]) -> None:
        super().__init__()
        self._name = name
        self._colours = colours
        self._drawn: dict[tuple[int, QIcon.Mode], QPixmap] = {}

    def _drawing(self, pixels: int, mode: QIcon.Mode) -> QPixmap:
        colour = self._colours.get(mode, self._colours[QIcon.Mode.Normal])
        key = (max(1, pixels), mode)
        if key not in self._drawn:
            self._drawn[key] = tool_pixmap(self._name, key[0], colour)
        return self._drawn[key]

    def clone(self) -> QIconEngine:
        """QIconEngine.clone."""
        return _DrawnIcon(self._name, self._colours)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """QIconEngine.pixmap: drawn at ``size`` (the smaller side, square)."""
        return QPixmap(self._drawing(min(size.width(), size.height()), mode))

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """QIconEngine.scaledPixmap: drawn at ``size`` times ``scale``, so HiDPI stays sharp."""
        pixmap = QPixmap(self._drawing(round(min(size.width(), size.height()) * scale), mode))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """QIconEngine.paint: the drawing at the device's pixel ratio, into ``rect``."""
        scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        """QIconEngine.availableSizes: any size is drawn; these are the usual ones."""
        return [QSize(size, size) for size in TOOL_ICON_SIZES]
