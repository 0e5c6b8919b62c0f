"""Window geometry that fits the screen: a first size for small laptops, remembered ones clamped."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 800)
"""The first window on a screen with room for it: the board's three columns and the panel."""

FRAME_ALLOWANCE = QMargins(0, 32, 0, 0)
"""Room for a title bar before the window manager has said how big its frame is."""


def fitted(geometry: QRect, available: QRect, frame: QMargins) -> QRect:
    """``geometry`` (the client area) moved and shrunk so its frame lies inside ``available``."""
    room = available.marginsRemoved(frame)
    width = max(1, min(geometry.width(), room.width()))
    height = max(1, min(geometry.height(), room.height()))
    left = min(max(geometry.left(), room.left()), room.right() - width + 1)
    top = min(max(geometry.top(), room.top()), room.bottom() - height + 1)
    return QRect(left, top, width, height)


def first_geometry(available: QRect, frame: QMargins, preferred: QSize = PREFERRED) -> QRect:
    """The preferred size, shrunk to the screen, centred on it."""
    room = available.marginsRemoved(frame)
    size = preferred.boundedTo(room.size())
    top_left = room.center() - QPoint(size.width() // 2, size.height() // 2) + QPoint(1, 1)
    return fitted(QRect(top_left, size), available, frame)


def frame_margins(window: QWidget) -> QMargins:
    """The window manager's frame around ``window``, or an allowance before it is known."""
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    # Before it is shown a window has no frame yet; after, no window manager means none.
    return margins if window.isVisible() else FRAME_ALLOWANCE


def screen_for(window: QWidget) -> QScreen | None:
    """The screen the window's centre is on, else the one Qt gave it, else the primary."""
    # The stubs say QScreen, but Qt returns None off-screen and with no screen at all.
    screens: tuple[QScreen | None, ...] = (
        QGuiApplication.screenAt(window.geometry().center()),
        window.screen(),
        QGuiApplication.primaryScreen(),
    )
    return next((s for s in screens if s is not None), None)


def fit_to_screen(window: QWidget, first: bool = False) -> None:
    """Make the window's frame lie inside its screen's available area (taskbars left free).

    ``first`` gives it the preferred first size, shrunk and centred; otherwise
    its geometry (a remembered one, say, from a bigger monitor) is clamped.
    A maximised or full-screen window is left as it is.
    """
    if window.isMaximized() or window.isFullScreen():
        return
    screen = screen_for(window)
    if screen is None:
        return
    available, frame = screen.availableGeometry(), frame_margins(window)
    if first:
        target = first_geometry(available, frame)
    else:
        target = fitted(window.geometry(), available, frame)
    if target != window.geometry():
        window.setGeometry(target)
