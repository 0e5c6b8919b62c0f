"""The board's toolbar: drawn icon buttons of fixed size, then the roadmap switcher and filter.

Nothing in it changes size after an action: the buttons show an icon (and a word
only for New initiative), the step an Undo would take is named in the tooltip, the
switcher and the filter box have fixed widths. When the window is too narrow the
toolbar moves its last items into its extension menu instead of squeezing them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QToolBar, QToolButton, QWidget

from roadmapper.ui.widgets.icons import tool_icon

ICON_SIZE = 20
SWITCHER_CHARACTERS = 30
"""The switcher is this many characters wide whatever the names; a longer one is cut."""
FILTER_WIDTH = 240


def with_keys(text: str, action: QAction) -> str:
    """``text`` followed by the action's shortcut as the platform writes it: "Export (Ctrl+E)"."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({keys})" if keys else text


class BoardToolbar(QToolBar):
    """Icon buttons for ``(action, icon name, with its word)``, then ``widgets`` at the right.

    ``add_button`` places more actions later, before the stretch that keeps the
    switcher and filter box at the right edge.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Board", parent)
        self.setObjectName("board-toolbar")
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self._icons: dict[QAction, str] = {}
        self._stretch: QAction | None = None

    def set_icon(self, action: QAction, icon: str) -> None:
        """Give ``action`` the drawn ``icon`` (in its menu too), redrawn as the palette changes."""
        self._icons[action] = icon
        action.setIcon(tool_icon(icon, self.palette()))

    def add_button(self, action: QAction, icon: str, *, word: bool = False) -> QToolButton:
        """A button for ``action`` with the drawn ``icon``; ``word``: its icon text beside it."""
        self.set_icon(action, icon)
        if self._stretch is None:
            self.addAction(action)
        else:
            self.insertAction(self._stretch, action)
        button = self.widgetForAction(action)
        assert isinstance(button, QToolButton)
        button.setObjectName(f"toolbar-{icon}")
        button.setAccessibleName(action.iconText())
        if word:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Its size now, for good: a new tooltip or menu text never moves its neighbours.
        button.setFixedSize(button.sizeHint())
        return button

    def add_separator(self) -> None:
        if self._stretch is None:
            self.addSeparator()
        else:
            self.insertSeparator(self._stretch)

    def end_with(self, switcher: QComboBox, filter_box: QLineEdit) -> QAction:
        """A stretch, then the switcher and filter box at fixed widths; the switcher's action."""
        spacer = QWidget()
        spacer.setObjectName("toolbar-stretch")
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._stretch = self.addWidget(spacer)
        switcher.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        switcher.setMinimumContentsLength(SWITCHER_CHARACTERS)
        switcher.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        switcher.setFixedWidth(switcher.sizeHint().width())
        switcher_action = self.addWidget(switcher)
        filter_box.setFixedWidth(FILTER_WIDTH)
        filter_box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.addWidget(filter_box)
        return switcher_action

    def refresh_icons(self) -> None:
        """Draw every icon again in the palette's colours (light to dark and back)."""
        for action, icon in self._icons.items():
            action.setIcon(tool_icon(icon, self.palette()))

    def changeEvent(self, event: QEvent) -> None:
        """QToolBar.changeEvent: follow the palette, so icons stay readable in dark mode."""
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_icons()
        super().changeEvent(event)
