"""One outcome's key results as an editable table, with add and delete buttons."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import Outcome
from roadmapper.core.records import KeyResultFields
from roadmapper.core.text import we_will
from roadmapper.model.enums import Direction, Indicator, Level
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.cell_editors import Col, KeyResultDelegate
from roadmapper.ui.panel.key_results.table_model import KeyResultModel
from roadmapper.ui.widgets.labels import ThemedLabel, plain_label

__all__ = ["KeyResultModel", "KeyResultPanel", "KeyResultTable"]

NEW_KEY_RESULT = "New key result"
NO_OUTCOME = "Select an outcome to see its key results."
UNIT_WIDTH = 64


class KeyResultTable(QTableView):
    """Key results, edited in place; the selection survives the model's resets by id."""

    key_result_selected = Signal(object)
    """The key result the person selected (an id), or ``None``; not sent by ``select_*``."""

    def __init__(self, model: KeyResultModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key-result-table")
        self.setAccessibleName("Key results")
        self.setModel(model)
        self.delegate = KeyResultDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # wrapped names
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Col.NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Col.UNIT, UNIT_WIDTH)
        model.modelReset.connect(self._fit_columns)
        self._selected: list[int] = []
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def kr_model(self) -> KeyResultModel:
        model = self.model()
        assert isinstance(model, KeyResultModel)
        return model

    def selected_key_result_ids(self) -> list[int]:
        """Selected key results in table order."""
        ids = self.kr_model().ids()
        return [ids[i.row()] for i in sorted(self.selectionModel().selectedRows(), key=_row)]

    def select_key_results(self, ids: Iterable[int]) -> None:
        """Select the rows of ``ids`` (those shown here) without emitting a signal."""
        self.blockSignals(True)
        try:
            self._select(ids)
        finally:
            self.blockSignals(False)

    def _select(self, ids: Iterable[int]) -> None:
        model = self.kr_model()
        selection = self.selectionModel()
        chosen = QItemSelection()
        rows = sorted(r for r in (model.row_of(i) for i in ids) if r >= 0)
        for row in rows:
            chosen.select(model.index(row, 0), model.index(row, len(Col) - 1))
        flags = QItemSelectionModel.SelectionFlag
        selection.select(chosen, flags.ClearAndSelect)
        if rows:
            selection.setCurrentIndex(model.index(rows[0], 0), flags.NoUpdate)
            self.scrollTo(model.index(rows[0], 0))

    def edit_name(self, key_result_id: int) -> None:
        """Start typing the name of ``key_result_id``."""
        row = self.kr_model().row_of(key_result_id)
        if row >= 0:
            index = self.kr_model().index(row, Col.NAME)
            self.setCurrentIndex(index)
            self.edit(index)

    def _fit_columns(self) -> None:
        for column in Col:
            if column not in (Col.NAME, Col.UNIT):
                self.resizeColumnToContents(column)

    def _remember(self) -> None:
        self._selected = self.selected_key_result_ids()

    def _restore(self) -> None:
        self.select_key_results(self._selected)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """QTableView.selectionChanged: report the first selected key result."""
        super().selectionChanged(selected, deselected)
        ids = self.selected_key_result_ids()
        self.key_result_selected.emit(ids[0] if ids else None)


def _row(index: QModelIndex) -> int:
    return index.row()


class KeyResultPanel(QWidget):
    """ "We will <objective> as measured by:" and the table of key results under it."""

    key_result_selected = Signal(object)
    """The key result the person selected (an id), or ``None``."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key-result-panel")
        self.editor = editor
        self.document = editor.document
        self.model = KeyResultModel(editor, self)
        self.table = KeyResultTable(self.model, self)

        self.header = plain_label(wrap=True, name="kr-header", parent=self)
        font = QFont(self.header.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.header.setFont(font)
        self.message = ThemedLabel(role="error", parent=self)
        self.message.setObjectName("kr-validation-message")
        self.message.hide()

        self.add_button = QPushButton("Add key result", self)
        self.add_button.setObjectName("add-key-result")
        self.add_button.clicked.connect(lambda _checked=False: self.add_key_result())
        self.delete_button = QPushButton("Delete key result", self)
        self.delete_button.setObjectName("delete-key-result")
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.table.delegate.problem_changed.connect(self.show_message)
        self.model.refused.connect(self.show_message)
        self.table.key_result_selected.connect(self._selected)
        self.document.okrs_changed.connect(self._update)
        self.document.reset.connect(self._update)
        self._update()

    # -- what the window calls ----------------------------------------------

    def outcome_id(self) -> int | None:
        return self.model.outcome_id()

    def set_outcome(self, outcome_id: int | None) -> None:
        """Show the key results of ``outcome_id`` (``None``: ask for an outcome)."""
        self.model.set_outcome(outcome_id)
        self.show_message("")
        self._update()

    def select_key_results(self, ids: Iterable[int]) -> None:
        """Select the rows of ``ids`` (e.g. a card's key results) without a signal back."""
        self.table.select_key_results(ids)
        self._update()

    def selected_key_result_ids(self) -> list[int]:
        return self.table.selected_key_result_ids()

    def show_message(self, text: str) -> None:
        """A sentence under the table about the last edit ("" hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- actions ----------------------------------------------------------

    def add_key_result(self) -> int | None:
        """Add a key result with sensible defaults and start typing its name."""
        outcome = self._outcome()
        if outcome is None:
            return None
        indicator = Indicator.LAGGING if outcome.level is Level.BUSINESS else Indicator.LEADING
        fields = KeyResultFields(NEW_KEY_RESULT, Direction.INCREASE, indicator)
        new_id = self.editor.create_key_result(outcome.id, fields)
        if new_id is not None:
            self.table.select_key_results([new_id])
            self.table.edit_name(new_id)
        return new_id

    def delete_selected(self) -> bool:
        """Delete the selected key results as one undoable step."""
        ids = self.selected_key_result_ids()
        if not ids:
            return False
        return self.editor.delete_key_results(ids)

    # -- following the document ---------------------------------------------

    def _outcome(self) -> Outcome | None:
        outcome_id = self.model.outcome_id()
        if outcome_id is None:
            return None
        return self.document.snapshot.outcome_by_id.get(outcome_id)

    def _selected(self, key_result_id: int | None) -> None:
        self._update_buttons()
        self.key_result_selected.emit(key_result_id)

    def _update(self) -> None:
        outcome = self._outcome()
        self.header.setText(
            f"{we_will(outcome.objective)} as measured by:" if outcome is not None else NO_OUTCOME
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._outcome() is not None
        # Nothing to show until an outcome is chosen: the header says so on its own.
        for widget in (self.table, self.add_button, self.delete_button):
            widget.setVisible(chosen)
        self.add_button.setEnabled(chosen)
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
