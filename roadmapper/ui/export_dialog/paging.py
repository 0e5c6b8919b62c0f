"""The preview's page controls: "‹  Page 2 of 3  ›", shown only when there are pages to turn."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from roadmapper.ui.widgets.labels import plain_label

PREVIOUS = "Previous page"
NEXT = "Next page"
WIDEST = "Page 888 of 888"


def page_text(index: int, count: int) -> str:
    """What the controls say about page ``index`` (from 0) of ``count``."""
    return f"Page {index + 1} of {count}"


class PageBar(QWidget):
    """Previous and next buttons around "Page n of N"; hidden for a single page."""

    step = Signal(int)
    """-1 for the previous page, +1 for the next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-page-bar")
        self.previous_button = self._button("‹", PREVIOUS, "Page Up or Left", -1)
        self.next_button = self._button("›", NEXT, "Page Down or Right", 1)
        self.label = plain_label(name="export-page-label")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Room for the longest text from the start: the bar neither jumps nor cuts it.
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(WIDEST) + 16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.label)
        layout.addWidget(self.next_button)
        self._index, self._count = 0, 0
        self.show_state(0, 0)

    def _button(self, text: str, name: str, keys: str, step: int) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({keys} on the preview)")
        button.setAutoDefault(False)  # Return still exports
        button.setFixedWidth(button.fontMetrics().horizontalAdvance("M") * 3)
        button.clicked.connect(lambda: self.step.emit(step))
        return button

    def index(self) -> int:
        return self._index

    def count(self) -> int:
        return self._count

    def text(self) -> str:
        return self.label.text()

    def show_state(self, index: int, count: int) -> None:
        """Show page ``index`` (from 0) of ``count``; hide for fewer than two pages."""
        self._index, self._count = index, count
        self.setVisible(count > 1)
        text = page_text(index, count) if count > 1 else ""
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.updateGeometry()
        first, last = index <= 0, index >= count - 1
        buttons = ((self.previous_button, first), (self.next_button, last))
        for button, disabled in buttons:
            if not disabled:
                button.setEnabled(True)
        # A button about to be disabled under the keyboard hands its focus to the other one,
        # so a person paging with Space on "›" is not thrown elsewhere at the last page.
        # The window's focus widget, not hasFocus(): the same whichever window is active.
        for (button, disabled), (other, _) in zip(buttons, buttons[::-1], strict=True):
            if disabled and self.window().focusWidget() is button and other.isEnabled():
                other.setFocus(Qt.FocusReason.OtherFocusReason)
        for button, disabled in buttons:
            if disabled:
                button.setEnabled(False)
