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

from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
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
