"""A board column on screen: a list view of cards painted by the shared card painter."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QDropEvent,
    QFocusEvent,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QWidget,
)

from roadmapper.ui.board.card_delegate import CardDelegate, Highlight
from roadmapper.ui.board.column_model import ColumnModel
from roadmapper.ui.widgets.pictures import paint_scroll_bars_from_pictures
from roadmapper.ui.widgets.viewports import own_viewport

# Keys the window's actions own; the list view would otherwise take them as cursor moves.
BOARD_SHORTCUTS = {
    QKeySequence("Ctrl+Left"),
    QKeySequence("Ctrl+Right"),
    QKeySequence("Ctrl+Up"),
    QKeySequence("Ctrl+Down"),
}

CURSOR_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


class ColumnView(QListView):
    """Cards of one column: drag to reorder or move, drop between cards.

    Focus and selection move together: the keys that move the focus (arrows,
    Home/End, Tab into the column, a delete) select the card they land on.
    """

    edit_requested = Signal(int)
    """A card was double-clicked or Enter was pressed on it (its row)."""
    selection_changed = Signal(object)
    """This column's selection changed (the column)."""
    column_step_requested = Signal(int)
    """Left (-1) or Right (+1): the board moves focus and selection to the next column."""
    escape_pressed = Signal()
    """Escape with nothing selected here: the board shows all outcomes again."""

    def __init__(
        self, model: ColumnModel, highlight: Highlight, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        own_viewport(self)
        paint_scroll_bars_from_pictures(self)
        self.column = model.column
        self.setObjectName(f"column-{model.column.value}")
        self.setAccessibleName(f"{model.column.label} column")
        # A C++ proxy between view and model: on every inserted or removed row the
        # list view re-lays out the whole column and asks rowCount once per row;
        # answered in C++ that costs 0.3 ms for 4,000 cards, in Python 6 ms.
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setDynamicSortFilter(False)
        self.proxy.setSourceModel(model)
        self._model = model
        self.setModel(self.proxy)
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
        # Cards sit on the window's colour, and the viewport paints it itself: an opaque
        # viewport repaints alone, without the panel, board and window behind it.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.viewport().setAutoFillBackground(True)
        self.doubleClicked.connect(self._double_clicked)
        self._lost_selection: int | None = None  # the row where the selection went away
        self._pick_row: int | None = None
        """Where a move took the selection away: its next card is picked if the board
        picks nothing (``_pick_pending``)."""
        self.proxy.rowsRemoved.connect(self._rows_left)
        # A new set of cards (another roadmap, a filter) is laid out at once, after the
        # view's own reset: the column then paints with the rest of the window, not in a
        # second repaint once Qt's delayed layout has run.
        self.proxy.modelReset.connect(self.executeDelayedItemsLayout)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.edit_requested.emit(self.proxy.mapToSource(index).row())

    def column_model(self) -> ColumnModel:
        return self._model

    def view_index(self, row: int) -> QModelIndex:
        """The view's index for row ``row`` of the column model."""
        return self.proxy.mapFromSource(self._model.index(row))

    def selected_ids(self) -> list[int]:
        id_at = self._model.id_at  # the proxy maps rows one to one
        return [id_at(i.row()) for i in self.selectionModel().selectedRows()]

    def select_ids(self, ids: list[int]) -> None:
        """Select exactly ``ids`` (those shown here) and scroll the first into view."""
        model = self.column_model()
        selection = self.selectionModel()
        chosen = QItemSelection()
        first = None
        for card_id in ids:
            row = model.row_of(card_id)
            if row >= 0:
                index = self.view_index(row)
                chosen.select(index, index)
                first = first or index
        # One change, so the board and the window hear of it once (not "cleared", then
        # each card "selected").
        selection.select(chosen, selection.SelectionFlag.ClearAndSelect)
        if first is not None:
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def select_index(self, index: QModelIndex) -> None:
        """Make ``index`` (of the view) the one current and selected card, in view."""
        if index.isValid():
            flags = self.selectionModel().SelectionFlag
            self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect)
            self.scrollTo(index)

    def card_at_height(self, y: int) -> QModelIndex:
        """The card nearest to the viewport's height ``y``: under it, else the first or last."""
        rows = self.model().rowCount()
        if rows == 0:
            return QModelIndex()
        index = self.indexAt(QPoint(self.viewport().width() // 2, y))
        if index.isValid():
            return index
        first = self.visualRect(self.model().index(0, 0))
        return self.model().index(0 if y < first.top() else rows - 1, 0)

    def set_scale(self, scale: float) -> None:
        """Zoom the cards: fonts, paddings and height; the column's width follows the board."""
        self.card_delegate.restyle(scale)
        self.scheduleDelayedItemsLayout()
        self.viewport().update()

    # -- keeping focus and selection together ---------------------------------

    def rowsAboutToBeRemoved(
        self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int
    ) -> None:
        """QListView.rowsAboutToBeRemoved: note whether the whole selection is going.

        Called before the selection model drops the rows (a signal of ours would
        come after), so the selection is still there to look at.
        """
        rows = [i.row() for i in self.selectionModel().selectedRows()]
        if rows and all(start <= r <= end for r in rows):
            self._lost_selection = start
        super().rowsAboutToBeRemoved(parent, start, end)

    def _rows_left(self, *_args: object) -> None:
        """The selected cards went (deleted, moved away): the next card takes over.

        Qt moves the current index to the card above and selects nothing; Enter
        or Delete would then act on a card that does not look picked. The card
        that took the place of the gone one (or the last) is picked instead.
        """
        row, self._lost_selection = self._lost_selection, None
        if row is None:
            return
        if self._model.moving:
            # A move: the board picks the moved cards where they land. Only if that picked
            # nothing here (a card moved into the hidden Done column) does the next take over.
            self._pick_row = row
            QTimer.singleShot(0, self, self._pick_pending)
            return
        self._pick_if_lost(row)

    def _pick_pending(self) -> None:
        row, self._pick_row = self._pick_row, None
        if row is not None:
            self._pick_if_lost(row)

    def _pick_if_lost(self, row: int) -> None:
        rows = self.model().rowCount()
        if not rows or self.window().focusWidget() is not self:
            return
        if self.selectionModel().hasSelection():
            return
        self.select_index(self.model().index(min(row, rows - 1), 0))

    def focusInEvent(self, event: QFocusEvent) -> None:
        """QListView.focusInEvent: Tab into a column picks its current (or first) card."""
        super().focusInEvent(event)
        reasons = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if event.reason() in reasons and self.model().rowCount():
            current = self.currentIndex()
            if not current.isValid():
                current = self.model().index(0, 0)
            if not self.selectionModel().isSelected(current):
                self.select_index(current)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """QListView.selectionChanged: tell the board, through a signal of our own."""
        super().selectionChanged(selected, deselected)
        if not selected.isEmpty():
            self._pick_row = None  # a card was picked here: no other takes over
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
        """QListView.keyPressEvent: Enter edits, Left/Right change column, Escape lets go."""
        key, plain = event.key(), event.modifiers() == Qt.KeyboardModifier.NoModifier
        keypad = event.modifiers() == Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            if not self.selectionModel().isSelected(self.currentIndex()):
                self.select_index(self.currentIndex())  # the card edited is shown picked
            self.edit_requested.emit(self.proxy.mapToSource(self.currentIndex()).row())
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and (plain or keypad):
            self.column_step_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            return
        if key == Qt.Key.Key_Escape and plain:
            if self.selectionModel().hasSelection():
                self.selectionModel().clearSelection()
            else:
                self.escape_pressed.emit()
            return
        super().keyPressEvent(event)
        current = self.currentIndex()
        moved = (plain or keypad) and key in CURSOR_KEYS and current.isValid()
        # Home on the card that is already current (the first, on focus) moves
        # nothing, so Qt selects nothing: the card it is on is picked all the same.
        if moved and not self.selectionModel().isSelected(current):
            self.select_index(current)

    def changeEvent(self, event: QEvent) -> None:
        """QListView.changeEvent: follow the system's light or dark palette."""
        if event.type() == QEvent.Type.PaletteChange:
            self.card_delegate.restyle()
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QListView.resizeEvent: the pixmap cache holds as many cards as are in sight."""
        super().resizeEvent(event)
        self.card_delegate.fit_cache()

    def showEvent(self, event: QShowEvent) -> None:
        """QListView.showEvent: this column's cards are in sight again (the cache grows)."""
        super().showEvent(event)
        self.card_delegate.fit_cache()

    def hideEvent(self, event: QHideEvent) -> None:
        """QListView.hideEvent: this column's cards are out of sight (the cache shrinks)."""
        super().hideEvent(event)
        self.card_delegate.fit_cache()

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
