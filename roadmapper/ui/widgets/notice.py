"""A notice over the bottom of the window: what just happened, where the file went, what next.

The status bar is easy to miss (and below the screen's edge on a small laptop
before the window is fitted): results the user waits for, an export or a
copy, are shown here as well, with buttons to open the file or its folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QEnterEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from roadmapper.render.theme import DARK
from roadmapper.ui.widgets.labels import plain_label

SHOWN_MS = 8000
"""How long a notice stays when the pointer is not over it."""
OPENABLE = (".png", ".svg", ".pdf", ".pptx", ".md", ".json")
"""Files another program opens well (exports); a database copy only gets "Show in folder"."""
MARGIN = 16
MAX_WIDTH = 640

# A notice is dark in light and dark mode alike, like the toasts of other desktop apps:
# the dark theme's own colours.
STYLE = f"""
QFrame#notice {{
    background: {DARK.surface}; border: 1px solid {DARK.border}; border-radius: 8px;
}}
QFrame#notice QLabel {{ color: {DARK.text}; }}
QFrame#notice QPushButton {{
    color: {DARK.selection}; background: transparent; border: none; padding: 4px 8px;
    font-weight: 600;
}}
QFrame#notice QPushButton:hover {{ color: {DARK.focus}; text-decoration: underline; }}
QFrame#notice QPushButton:focus {{ outline: 1px solid {DARK.focus}; }}
QFrame#notice QToolButton {{ color: {DARK.muted_text}; background: transparent; border: none; }}
QFrame#notice QToolButton:hover {{ color: {DARK.text}; }}
"""


class Notice(QFrame):
    """One notice at a time, centred over the bottom of ``anchor`` (the board)."""

    def __init__(self, window: QWidget, anchor: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("notice")
        self.setStyleSheet(STYLE)
        self.setAccessibleName("Notice")
        self.anchor = anchor
        self.label = plain_label(wrap=True, name="notice-text")  # file names are the user's
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("notice-open")
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.setObjectName("notice-folder")
        close = QToolButton()
        close.setObjectName("notice-close")
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss")
        close.clicked.connect(self.hide)
        for button in (self.open_button, self.folder_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.clicked.connect(lambda: self._open(self.file))
        self.folder_button.clicked.connect(
            lambda: self._open(self.file.parent if self.file else None)
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 8, 8)
        row.setSpacing(6)
        row.addWidget(self.label, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(close)
        self.file: Path | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SHOWN_MS)
        self.timer.timeout.connect(self._time_up)
        self.hide()

    def show_notice(self, text: str, file: Path | None = None) -> None:
        """Show ``text``; with ``file``, buttons to open it and the folder it is in."""
        self.file = file
        self.label.setText(text)
        self.open_button.setVisible(file is not None and file.suffix.lower() in OPENABLE)
        self.folder_button.setVisible(file is not None)
        self.show()
        self.raise_()
        self._place()
        self.timer.start()

    def text(self) -> str:
        return self.label.text()

    def _open(self, target: Path | None) -> None:
        if target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        self.hide()

    def _time_up(self) -> None:
        if self.underMouse():
            self.timer.start()  # reading it, or about to click: stay
        else:
            self.hide()

    def _place(self) -> None:
        size = self.anchor.size()
        parent = self.parentWidget()
        origin = self.anchor.mapTo(parent, QPoint(0, 0)) if parent else QPoint(0, 0)
        self.setFixedWidth(max(200, min(MAX_WIDTH, size.width() - 2 * MARGIN)))
        self.setFixedHeight(self.heightForWidth(self.width()))
        x = origin.x() + (size.width() - self.width()) // 2
        y = origin.y() + size.height() - self.height() - MARGIN
        self.move(x, y)

    def enterEvent(self, event: QEnterEvent) -> None:
        """QFrame.enterEvent: hold the notice while the pointer is over it."""
        self.timer.stop()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        """QFrame.leaveEvent: let it go a little after the pointer leaves."""
        self.timer.start(SHOWN_MS // 2)
        super().leaveEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        """QFrame.showEvent: follow the board's size only while shown."""
        self.anchor.installEventFilter(self)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        """QFrame.hideEvent: stop following the board."""
        self.anchor.removeEventFilter(self)
        self.timer.stop()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QFrame.eventFilter: follow the board when the window is resized."""
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self._place()
        return False
