"""The compact list of key results: painted rows, keys for edit and delete, selection by id."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from roadmapper.ui.panel.key_results.list_model import KeyResultListModel
from roadmapper.ui.panel.key_results.row_delegate import KeyResultRowDelegate
from roadmapper.ui.widgets.pictures import paint_scroll_bars_from_pictures
from roadmapper.ui.widgets.viewports import own_viewport

_DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
SHOWN_ROWS = 4
"""Rows the list asks room for; more scroll, and the splitter gives it more on request."""


class KeyResultList(QListView):
    """Up and Down move, Enter edits, Delete deletes; a model reset keeps the selection."""

    key_result_selected = Signal(object)
    """The key result the person selected (an id), or ``None``; not sent by ``select_*``."""
    edit_requested = Signal(int)
    """Enter or a double click on a key result."""
    delete_requested = Signal()
    """Delete or Backspace with key results selected."""

    def __init__(self, model: KeyResultListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        paint_scroll_bars_from_pictures(self)
        self._selected: list[int] = []
        self._quiet = False
        self.setObjectName("key-result-list")
        self.setAccessibleName("Key results")
        self.setToolTip("")
        self.setModel(model)
        self.delegate = KeyResultRowDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)  # hundreds of rows lay out at once
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAutoFillBackground(False)
        self.doubleClicked.connect(self._double_clicked)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def kr_model(self) -> KeyResultListModel:
        model = self.model()
        assert isinstance(model, KeyResultListModel)
        return model

    def row_height(self) -> int:
        return self.sizeHintForRow(0) if self.model().rowCount() else 48

    def sizeHint(self) -> QSize:
        """Qt: QListView.sizeHint; up to ``SHOWN_ROWS`` rows, so the details get the rest."""
        rows = max(1, min(SHOWN_ROWS, self.model().rowCount()))
        return QSize(360, rows * self.row_height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        """Qt: QListView.minimumSizeHint; one row at least."""
        return QSize(200, self.row_height() + 2 * self.frameWidth())

    # -- selection ------------------------------------------------------------

    def selected_key_result_ids(self) -> list[int]:
        """Selected key results in list order."""
        ids = self.kr_model().ids()
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [ids[r] for r in rows if r < len(ids)]

    def current_key_result_id(self) -> int | None:
        index = self.currentIndex()
        ids = self.kr_model().ids()
        return ids[index.row()] if index.isValid() and index.row() < len(ids) else None

    def select_key_results(self, ids: Iterable[int]) -> None:
        """Select the rows of ``ids`` (those shown here) without ``key_result_selected``."""
        self._quiet = True
        try:
            model = self.kr_model()
            chosen = QItemSelection()
            rows = sorted(r for r in (model.row_of(i) for i in ids) if r >= 0)
            for row in rows:
                chosen.select(model.index(row), model.index(row))
            flags = QItemSelectionModel.SelectionFlag
            self.selectionModel().select(chosen, flags.ClearAndSelect)
            if rows:
                self.selectionModel().setCurrentIndex(model.index(rows[0]), flags.NoUpdate)
                self.scrollTo(model.index(rows[0]))
        finally:
            self._quiet = False

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """Qt: QListView.selectionChanged; report the first selected key result."""
        super().selectionChanged(selected, deselected)
        if self._quiet:
            return
        ids = self.selected_key_result_ids()
        self.key_result_selected.emit(ids[0] if ids else None)

    def _remember(self) -> None:
        self._selected = self.selected_key_result_ids()

    def _restore(self) -> None:
        self.select_key_results(self._selected)

    # -- keys -------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Qt: QWidget.event; keep Delete here rather than let a window shortcut take it."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (*_DELETE_KEYS, *_ENTER_KEYS)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: QAbstractItemView.keyPressEvent; Enter edits, Delete deletes."""
        if event.key() in _ENTER_KEYS:
            current = self.current_key_result_id()
            if current is not None:
                self.edit_requested.emit(current)
            return
        if event.key() in _DELETE_KEYS:
            if self.selected_key_result_ids():
                self.delete_requested.emit()
            return
        super().keyPressEvent(event)

    def _double_clicked(self, index: QModelIndex) -> None:
        ids = self.kr_model().ids()
        if index.isValid() and index.row() < len(ids):
            self.edit_requested.emit(ids[index.row()])
