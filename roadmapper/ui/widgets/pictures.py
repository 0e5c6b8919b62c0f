"""Looks drawn once and copied afterwards: ``Pictures``, and scroll bars painted from them.

A repaint that draws what it drew before, through Python or through a style's
gradients, costs a frame's worth of time on a board that repaints whole columns.
``Pictures`` keeps each look under a key that names everything it depends on
and hands back the pixmap; the least recently used goes first when it is full.

``paint_scroll_bars_from_pictures`` does that for the scroll bars of a scroll
area. Qt's Fusion style fills a scroll bar's groove with a gradient on every
paint, about 1 ms for a column's height; a roadmap switch, a filter or a move
between columns repaints three or four of them at once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QWidget,
)


class Pictures:
    """Pixmaps by look, at most ``most`` of them, the least recently used dropped first."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._kept: dict[Hashable, QPixmap] = {}
        self.drawn = 0
        """How many looks were drawn (not found): for tests."""

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        """Forget every picture (and the count of those drawn)."""
        self._kept.clear()
        self.drawn = 0

    def get(
        self, key: Hashable, width: int, height: int, ratio: float, draw: Callable[[QPainter], None]
    ) -> QPixmap:
        """The picture kept under ``key``, or one ``width`` x ``height`` (in device-independent
        pixels, at pixel ratio ``ratio``) that ``draw`` paints on a transparent ground."""
        picture = self._kept.pop(key, None)
        if picture is None:
            picture = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            draw(painter)
            painter.end()
            self.drawn += 1
            if len(self._kept) >= self.most:
                del self._kept[next(iter(self._kept))]  # the one used longest ago
        self._kept[key] = picture  # the most recent last
        return picture


SCROLL_BAR_PICTURES = Pictures(16)
"""Shared by every scroll bar: a few columns' and lists' bars in a state or two each, for
the roadmaps a window keeps (a 900 px bar is 50 kB at pixel ratio 1)."""

_PLAIN = (
    QStyle.StateFlag.State_Enabled
    | QStyle.StateFlag.State_Active
    | QStyle.StateFlag.State_Horizontal
    | QStyle.StateFlag.State_HasFocus
    | QStyle.StateFlag.State_KeyboardFocusChange
)
"""The states a bar may be in and still be painted from a picture (no hover, no press)."""


def scroll_bar_option(bar: QScrollBar) -> QStyleOptionSlider:
    """The option ``QScrollBar.paintEvent`` paints with when the bar is neither hovered nor
    pressed (``initStyleOption`` is protected: a bar Qt made cannot be asked for it)."""
    option = QStyleOptionSlider()
    option.initFrom(bar)
    option.subControls = QStyle.SubControl.SC_All
    option.activeSubControls = QStyle.SubControl.SC_None
    option.orientation = bar.orientation()
    option.minimum = bar.minimum()
    option.maximum = bar.maximum()
    option.sliderPosition = bar.sliderPosition()
    option.sliderValue = bar.value()
    option.singleStep = bar.singleStep()
    option.pageStep = bar.pageStep()
    option.upsideDown = bar.invertedAppearance()
    if bar.orientation() == Qt.Orientation.Horizontal:
        option.state |= QStyle.StateFlag.State_Horizontal
    return option


class _ScrollBarPainter(QObject):
    """Paints the scroll bars it watches from ``SCROLL_BAR_PICTURES``.

    A bar under the mouse, pressed or grabbing it is left to Qt, which knows which
    part is hovered or held; so is every bar of a style whose bars fade in and out.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: QObject.eventFilter; a paint event of a plain bar is answered here."""
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QScrollBar):
            return False
        return paint_from_picture(watched)


def paint_from_picture(bar: QScrollBar) -> bool:
    """Paint ``bar`` from its picture; False, painting nothing, when Qt must paint it."""
    if bar.underMouse() or bar.isSliderDown() or QWidget.mouseGrabber() is bar:
        return False
    style = bar.style()
    option = scroll_bar_option(bar)
    if option.state & ~_PLAIN or style.styleHint(
        QStyle.StyleHint.SH_ScrollBar_Transient, option, bar
    ):
        return False
    control = QStyle.ComplexControl.CC_ScrollBar
    slider = style.subControlRect(control, option, QStyle.SubControl.SC_ScrollBarSlider, bar)
    ratio = bar.devicePixelRatioF()
    key = (
        id(style),
        style.name(),
        bar.palette().cacheKey(),
        option.state.value,
        option.orientation.value,
        option.direction.value,
        option.upsideDown,
        bar.width(),
        bar.height(),
        ratio,
        slider.getRect(),
        option.sliderPosition <= option.minimum,
        option.sliderPosition >= option.maximum,
    )

    def draw(painter: QPainter) -> None:
        style.drawComplexControl(control, option, painter, bar)

    picture = SCROLL_BAR_PICTURES.get(key, bar.width(), bar.height(), ratio, draw)
    painter = QPainter(bar)
    painter.drawPixmap(0, 0, picture)
    painter.end()
    return True


_painter: _ScrollBarPainter | None = None


def paint_scroll_bars_from_pictures(area: QAbstractScrollArea) -> None:
    """Have ``area``'s scroll bars painted from pictures while nobody points at them."""
    global _painter
    if _painter is None:
        _painter = _ScrollBarPainter(QApplication.instance())  # outlives every window
    for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
        bar.installEventFilter(_painter)
