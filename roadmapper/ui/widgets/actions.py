"""The one way the window makes a menu action: text, shortcut, what it does, where it lives."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = str | QKeySequence.StandardKey | None


def make_action(
    owner: QObject,
    window: QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut = None,
    status_tip: str = "",
) -> QAction:
    """An action owned by ``owner`` whose shortcut works anywhere in ``window``.

    It is added to the window, so the shortcut fires even while its menu is
    closed; ``slot`` is called without Qt's ``checked`` argument.
    """
    action = QAction(text, owner)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if status_tip:
        action.setStatusTip(status_tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action
