"""The QApplication of the window: it also takes the files the system asks it to open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

Opener = Callable[[Path], object]


class Application(QApplication):
    """QApplication that hands a file the system asks it to open to the window.

    macOS delivers a roadmap double-clicked in Finder (or dropped on the Dock
    icon) as a ``QFileOpenEvent`` sent to the application object, not as a
    command-line argument. A request that comes before a window set its
    opener is kept and handed over by ``set_opener``.
    """

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self._opener: Opener | None = None
        self._pending: list[Path] = []

    def set_opener(self, opener: Opener) -> None:
        """Open every later request with ``opener``, and those already made, oldest first."""
        self._opener = opener
        pending, self._pending = self._pending, []
        for path in pending:
            opener(path)

    def event(self, event: QEvent) -> bool:
        """QApplication.event: a file-open request goes to the opener."""
        if event.type() == QEvent.Type.FileOpen:
            # PySide hands the QFileOpenEvent subclass; QtGui's class is not imported at
            # start-up for the few files a session is asked to open.
            name = event.file() or event.url().toLocalFile()  # type: ignore[attr-defined]
            if name:
                if self._opener is None:
                    self._pending.append(Path(name))
                else:
                    self._opener(Path(name))
            return True
        return super().event(event)
