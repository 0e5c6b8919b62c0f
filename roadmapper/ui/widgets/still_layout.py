"""The main window's own widgets placed at once, not through a geometry animation.

A main window re-lays out its toolbar, central widget and dock whenever a size
hint inside them changes (Qt's layouts do not check whether it did), and for each
of the three it makes a geometry animation, runs it, and deletes it later, even
with its docks not animated: Qt skips that only when the widget's style gives no
animation duration. On a board that is every gesture, for geometry that did not
change: two more passes of the event loop and a repaint of the dock's separator.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QSizePolicy,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)

_NO_DURATION = QStyle.StyleHint.SH_Widget_Animation_Duration


class StillLayoutStyle(QProxyStyle):
    """The application's style, with no widget animation for the widgets given it."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> Any:
        """QProxyStyle.styleHint: no animation duration; the base style's answer otherwise."""
        if hint == _NO_DURATION:
            return 0
        return super().styleHint(hint, option, widget, returnData)


_shared: StillLayoutStyle | None = None


def place_at_once(*widgets: QWidget) -> None:
    """Have the main window place ``widgets`` (its own: toolbar, central widget, dock)
    at once. Their children keep the application's style: a widget's style is its own."""
    global _shared
    if _shared is None:
        _shared = StillLayoutStyle()
        _shared.setParent(QApplication.instance())  # outlives every window
    for widget in widgets:
        widget.setStyle(_shared)


_Limits = tuple[QSize, QSize, QSizePolicy, bool, int]
"""Minimum, maximum, size policy, height for width, preferred size along the fence's way."""


class LayoutFence(QWidget):
    """Holds one widget and keeps its inner layout changes from re-laying out the window.

    Every layout that runs tells its parent to run too, whether or not its size hints
    changed (Qt's layouts do not check). In the outcome panel that is every gesture: a
    new figure in a health tile, a key result's row, a longer why chain each run the
    layouts up to the dock and the main window, one pass of the event loop per level,
    and the window repaints its dock separator. The fence has no layout of its own:
    its widget fills it, and the layouts outside hear of a change only when it matters
    to them: a minimum above the fence's size or a maximum below it, another size
    policy, or another preferred size along ``along`` (a dock at the window's side
    takes its preferred width; its height is the window's). A limit that changed
    without binding is told with the next resize, when the window lays itself out anyway.
    """

    def __init__(
        self,
        inner: QWidget,
        parent: QWidget | None = None,
        along: Qt.Orientation = Qt.Orientation.Horizontal,
    ) -> None:
        super().__init__(parent)
        self.inner = inner
        self.along = along
        """The direction in which the layout outside sizes the fence by its preferred size."""
        inner.setParent(self)
        self.setObjectName(f"{inner.objectName()}-fence")
        self.setFocusProxy(inner)
        self._told = self._limits_now()
        self._untold = False
        """A limit changed, not binding, since the layouts outside were told (they are,
        on the next resize)."""
        self.setSizePolicy(inner.sizePolicy())

    def set_along(self, along: Qt.Orientation) -> None:
        """The fence's widget moved (a dock to the top or bottom): it is sized the other way."""
        if along != self.along:
            self.along = along
            self._tell(self._limits_now())

    def _limits_now(self) -> _Limits:
        inner = self.inner
        minimum = inner.minimumSizeHint().expandedTo(inner.minimumSize())
        hint = inner.sizeHint()
        preferred = hint.width() if self.along == Qt.Orientation.Horizontal else hint.height()
        return (
            minimum,
            inner.maximumSize(),
            inner.sizePolicy(),
            inner.hasHeightForWidth(),
            preferred,
        )

    def _tell(self, limits: _Limits) -> None:
        self._told, self._untold = limits, False
        self.setSizePolicy(limits[2])
        self.setMaximumSize(limits[1])
        self.updateGeometry()

    def _binds(self, limits: _Limits) -> bool:
        minimum, maximum = limits[0], limits[1]
        size = self.size()
        return (
            minimum.width() > size.width()
            or minimum.height() > size.height()
            or maximum.width() < size.width()
            or maximum.height() < size.height()
            or limits[2:] != self._told[2:]
        )

    def sizeHint(self) -> QSize:
        """QWidget.sizeHint: the widget's."""
        return self.inner.sizeHint()

    def minimumSizeHint(self) -> QSize:
        """QWidget.minimumSizeHint: the widget's minimum as last told."""
        return self._told[0]

    def hasHeightForWidth(self) -> bool:
        """QWidget.hasHeightForWidth: the widget's."""
        return self.inner.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        """QWidget.heightForWidth: the widget's."""
        return self.inner.heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QWidget.resizeEvent: the widget fills the fence; a limit not yet told is, now."""
        self.inner.setGeometry(self.rect())
        super().resizeEvent(event)
        if self._untold:
            self._tell(self._limits_now())

    def event(self, event: QEvent) -> bool:
        """QWidget.event: a layout request from the widget goes on only if a limit binds."""
        if event.type() == QEvent.Type.LayoutRequest:
            limits = self._limits_now()
            if limits != self._told:
                if self._binds(limits):
                    self._tell(limits)
                else:
                    self._untold = True
            return True
        return super().event(event)
