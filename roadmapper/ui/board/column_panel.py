"""One board column with its header (title, count, hint), and the empty roadmap's invitation."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from roadmapper.model.enums import Column
from roadmapper.render.theme import theme_for_palette
from roadmapper.render.wrap import elide_words
from roadmapper.ui.board.card_delegate import Highlight
from roadmapper.ui.board.column_model import ColumnModel
from roadmapper.ui.board.column_view import ColumnView
from roadmapper.ui.widgets.labels import MutedLabel, plain_label
from roadmapper.ui.widgets.plain_text import plain_tip

COLUMN_HINTS = {
    Column.NOW: "Experiments in flight",
    Column.NEXT: "Hypotheses to test next",
    Column.LATER: "Ideas to reshape or drop",
    Column.DONE: "Delivered, with what we learned",
}
MIN_COLUMN_WIDTH = 160
"""At 100 %; zoomed, it scales, and the board scrolls sideways rather than squeeze cards."""


class ElidedLabel(MutedLabel):
    """One line of muted plain text that never widens its column: cut with "…", whole
    in its tip; readable (WCAG AA) light or dark, unlike Qt's greyed-out disabled text."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(wrap=False, parent=parent)
        self.full_text = text
        self.setToolTip(plain_tip(text))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def minimumSizeHint(self) -> QSize:
        """Qt: QLabel.minimumSizeHint; no width of its own."""
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QLabel.paintEvent; the text cut to the label's width."""
        painter = QPainter(self)
        group = QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, self.foregroundRole()))
        fm, room = self.fontMetrics(), self.contentsRect().width()
        text = elide_words(
            self.full_text,
            lambda t: fm.horizontalAdvance(t) <= room,
            lambda t: fm.elidedText(t, Qt.TextElideMode.ElideRight, room),
        )
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), int(align), text)
        painter.end()


class ColumnPanel(QFrame):
    """One column: its title, card count and hint above the card list.

    A card dropped on the header lands at the top of the column, through the
    same model drop (and so the same editor move) as a drop between cards.
    """

    def __init__(
        self, model: ColumnModel, highlight: Highlight, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"panel-{model.column.value}")
        self.model = model
        self.title = plain_label(model.column.label)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.count = MutedLabel(wrap=False)
        self.count.setObjectName(f"count-{model.column.value}")
        self.hint = ElidedLabel(COLUMN_HINTS[model.column])
        self.view = ColumnView(model, highlight, self)
        # Every column the same width: no header or card list may ask for more.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.setMinimumWidth(MIN_COLUMN_WIDTH)
        self.setAcceptDrops(True)
        self._drop_hover = False

        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 10, 0)
        header.addWidget(self.title)
        header.addWidget(self.count)
        header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        hint_row = QHBoxLayout()
        hint_row.setContentsMargins(10, 0, 10, 4)
        hint_row.addWidget(self.hint)
        layout.addLayout(hint_row)
        layout.addWidget(self.view, 1)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update_count)
        self._update_count()

    def set_scale(self, scale: float) -> None:
        self.setMinimumWidth(round(MIN_COLUMN_WIDTH * scale))
        self.view.set_scale(scale)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        total = self.model.document.count(self.model.column)
        self.count.setText(f"{shown}" if shown == total else f"{shown} of {total}")
        self.view.setAccessibleDescription(f"{shown} initiatives")

    # -- dropping on the header ------------------------------------------------

    def _accepts(self, event: QDragMoveEvent | QDropEvent) -> bool:
        if self.view.dragDropMode() == ColumnView.DragDropMode.NoDragDrop:
            return False  # read-only: nothing could be saved
        data = event.mimeData()
        action = event.dropAction()
        return self.model.canDropMimeData(data, action, 0, 0, QModelIndex())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Qt: QFrame.dragEnterEvent; our cards may land on the header."""
        self._drag_over(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Qt: QFrame.dragMoveEvent."""
        self._drag_over(event)

    def _drag_over(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
            self._set_drop_hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        """Qt: QFrame.dragLeaveEvent."""
        self._set_drop_hover(False)

    def dropEvent(self, event: QDropEvent) -> None:
        """Qt: QFrame.dropEvent; at the top of the column, reported as a copy (see ColumnView)."""
        self._set_drop_hover(False)
        if not self._accepts(event):
            event.ignore()
            return
        self.model.dropMimeData(event.mimeData(), event.dropAction(), 0, 0, QModelIndex())
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def _set_drop_hover(self, hover: bool) -> None:
        if hover != self._drop_hover:
            self._drop_hover = hover
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QFrame.paintEvent; while a card hovers over the header, a line where it lands."""
        super().paintEvent(event)
        if self._drop_hover:
            painter = QPainter(self)
            top = self.view.geometry().top()
            color = theme_for_palette(self.palette()).color("selection")
            painter.fillRect(8, top - 2, self.width() - 16, 3, color)
            painter.end()


class EmptyState(QWidget):
    """What an empty roadmap shows instead of three blank columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty-state")
        heading = plain_label("No initiatives yet")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        text = MutedLabel("Add the first piece of work, and the outcome it should move.")
        self.button = QPushButton("New initiative")
        self.button.setObjectName("empty-new-initiative")
        self.button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (heading, text, self.button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
