"""A board column on screen: a list view of cards painted by the shared card painter."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QDropEvent, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from roadmapper.model.enums import Column
from roadmapper.render.card import CardPainter, CardState
from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.board_model import CARD_ROLE, OUTCOME_ROLE, ColumnModel

NOTE_COLUMNS = (Column.NOW, Column.DONE)
"""Columns whose cards have a note row: the hypothesis (Now) or the result (Done)."""
CARD_GAP = 8  # vertical space between two cards
SIDE_MARGIN = 6

# Keys the window's actions own; the list view would otherwise take them as cursor moves.
BOARD_SHORTCUTS = {
    QKeySequence("Ctrl+Left"),
    QKeySequence("Ctrl+Right"),
    QKeySequence("Ctrl+Up"),
    QKeySequence("Ctrl+Down"),
}


class Highlight:
    """Which outcome's cards stand out (the others are dimmed); shared by all columns."""

    def __init__(self) -> None:
        self.outcome_id: int | None = None
        self.active = False

    def dims(self, outcome_id: int | None) -> bool:
        return self.active and outcome_id != self.outcome_id


class CardDelegate(QStyledItemDelegate):
    """Paints each card with ``render.card``; no widget per card."""

    def __init__(self, view: ColumnView, highlight: Highlight) -> None:
        super().__init__(view)
        self.view = view
        self.highlight = highlight
        self.painter = CardPainter(theme_for_palette(view.palette()))
        self.card_height = self.painter.card_height(view.column in NOTE_COLUMNS)

    def restyle(self) -> None:
        self.painter = CardPainter(theme_for_palette(self.view.palette()))
        self.card_height = self.painter.card_height(self.view.column in NOTE_COLUMNS)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """QStyledItemDelegate.paint."""
        card = index.data(CARD_ROLE)
        if card is None:
            return
        state = option.state  # type: ignore[attr-defined]
        card_state = CardState(
            selected=bool(state & QStyle.StateFlag.State_Selected),
            focused=bool(state & QStyle.StateFlag.State_HasFocus),
            hovered=bool(state & QStyle.StateFlag.State_MouseOver),
            dimmed=self.highlight.dims(index.data(OUTCOME_ROLE)),
        )
        rect = QRectF(option.rect).adjusted(  # type: ignore[attr-defined]
            SIDE_MARGIN, CARD_GAP / 2, -SIDE_MARGIN, -CARD_GAP / 2
        )
        painter.save()
        self.painter.paint(painter, rect, card, card_state)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """QStyledItemDelegate.sizeHint: a fixed height, so the view never measures 10,000 cards."""
        return QSize(200, self.card_height + CARD_GAP)


class ColumnView(QListView):
    """Cards of one column: drag to reorder or move, drop between cards."""

    edit_requested = Signal(int)
    """A card was double-clicked or Enter was pressed on it (its row)."""
    selection_changed = Signal(object)
    """This column's selection changed (the column)."""

    def __init__(
        self, model: ColumnModel, highlight: Highlight, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.column = model.column
        self.setObjectName(f"column-{model.column.value}")
        self.setAccessibleName(f"{model.column.label} column")
        self.setModel(model)
        self.card_delegate = CardDelegate(self, highlight)
        self.setItemDelegate(self.card_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setAutoScroll(True)
        self.setAutoScrollMargin(40)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.doubleClicked.connect(self._double_clicked)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.edit_requested.emit(index.row())

    def column_model(self) -> ColumnModel:
        model = self.model()
        assert isinstance(model, ColumnModel)
        return model

    def selected_ids(self) -> list[int]:
        model = self.column_model()
        ids = model.ids()
        return [ids[i.row()] for i in self.selectionModel().selectedRows()]

    def select_ids(self, ids: list[int]) -> None:
        """Select exactly ``ids`` (those shown here) and scroll the first into view."""
        model = self.column_model()
        selection = self.selectionModel()
        selection.clearSelection()
        first = None
        for card_id in ids:
            row = model.row_of(card_id)
            if row >= 0:
                index = model.index(row)
                selection.select(index, selection.SelectionFlag.Select)
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """QListView.selectionChanged: tell the board, through a signal of our own."""
        super().selectionChanged(selected, deselected)
        self.selection_changed.emit(self.column)

    def dropEvent(self, event: QDropEvent) -> None:
        """QListView.dropEvent: the document already moved the rows, so report a copy.

        After QDrag.exec() returns MoveAction, the source view deletes the
        dragged rows itself; the model has already moved them, so it would
        delete the wrong ones. A copy action tells it to leave them alone.
        """
        super().dropEvent(event)
        if event.isAccepted() and event.dropAction() == Qt.DropAction.MoveAction:
            event.setDropAction(Qt.DropAction.CopyAction)

    def event(self, event: QEvent) -> bool:
        """QListView.event: let the window's Ctrl+arrow shortcuts win over cursor keys."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) in BOARD_SHORTCUTS
        ):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """QListView.keyPressEvent: Enter edits the current card."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit_requested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """QListView.changeEvent: follow the system's light or dark palette."""
        if event.type() == QEvent.Type.PaletteChange:
            self.card_delegate.restyle()
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """QListView.paintEvent: an empty column invites a drop."""
        super().paintEvent(event)
        if self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            rect = self.viewport().rect().adjusted(12, 24, -12, -12)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                "Drop initiatives here",
            )
