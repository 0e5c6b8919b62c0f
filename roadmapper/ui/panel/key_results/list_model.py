"""The list model of one outcome's key results: one plain row per key result, by id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.rows import RowData, row_of
from roadmapper.ui.widgets.plain_text import plain_tip

Index = QModelIndex | QPersistentModelIndex

KR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
"""The whole ``RowData`` the delegate paints."""
TIER_TEXT_ROLE = Qt.ItemDataRole.UserRole + 3
METER_ROLE = Qt.ItemDataRole.UserRole + 4
TAGS_ROLE = Qt.ItemDataRole.UserRole + 5
LINKED_ROLE = Qt.ItemDataRole.UserRole + 6
"""Linked to the card selected on the board: a marker, never the selection."""


class KeyResultListModel(QAbstractListModel):
    """Rows computed once per change of the key results, so ``data()`` only looks them up."""

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self._outcome_id: int | None = None
        self._linked: frozenset[int] = frozenset()
        self._rows: list[RowData] = []
        self.document.reset.connect(self._on_reset)  # a slot, not a lambda: dropped on delete
        self.document.okrs_changed.connect(self._refresh)

    # -- what the panel sets ------------------------------------------------

    def outcome_id(self) -> int | None:
        return self._outcome_id

    def set_outcome(self, outcome_id: int | None) -> None:
        """Show the key results of ``outcome_id`` (``None``: none)."""
        if outcome_id == self._outcome_id:
            self._refresh()  # another card of the same outcome: rows update, no reset
            return
        self._outcome_id = outcome_id
        self.beginResetModel()
        self._rows = self._current_rows()
        self.endResetModel()

    def set_linked(self, ids: Iterable[int]) -> None:
        """Mark the key results linked to the selected card (``()``: none)."""
        linked = frozenset(ids)
        if linked != self._linked:
            self._linked = linked
            self._refresh()

    def linked_ids(self) -> list[int]:
        """The linked key results shown here, in row order."""
        return [r.id for r in self._rows if r.linked]

    def _on_reset(self) -> None:
        self._linked = frozenset()
        self.set_outcome(None)  # another roadmap: its ids mean nothing here

    def _current_rows(self) -> list[RowData]:
        if self._outcome_id is None:
            return []
        snapshot = self.document.snapshot
        outcome = snapshot.outcome_by_id.get(self._outcome_id)
        color = outcome.color if outcome is not None else UNLINKED_COLOR
        krs = snapshot.key_results_by_outcome.get(self._outcome_id, ())
        return [row_of(kr, color, kr.id in self._linked) for kr in krs]

    def _refresh(self) -> None:
        rows = self._current_rows()
        if [r.id for r in rows] != self.ids():
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows != self._rows:  # same rows, new values: keep selection as it is
            changed = [n for n, (a, b) in enumerate(zip(rows, self._rows, strict=True)) if a != b]
            self._rows = rows
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))

    # -- reading ------------------------------------------------------------

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def row_of(self, key_result_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == key_result_id), -1)

    def row_data(self, row: int) -> RowData:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractListModel.rowCount."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractListModel.data: plain values computed when the key results changed."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.tooltip)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name}, {row.tier_text}" + (", linked" if row.linked else "")
        values = {
            KR_ID_ROLE: row.id,
            ROW_ROLE: row,
            TIER_TEXT_ROLE: row.tier_text,
            METER_ROLE: row.meter,
            TAGS_ROLE: row.tags,
            LINKED_ROLE: row.linked,
        }
        return values.get(role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """QAbstractListModel.flags: selectable rows; edits go through the form."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
