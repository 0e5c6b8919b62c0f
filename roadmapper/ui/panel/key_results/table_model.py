"""The table model of one outcome's key results: each cell edit is one undoable step."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from roadmapper.core import okr
from roadmapper.core.entities import KeyResult
from roadmapper.core.errors import InvalidInputError
from roadmapper.core.records import KeyResultFields
from roadmapper.core.text import sentence
from roadmapper.model.enums import Direction, Indicator
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.cell_editors import (
    DIRECTION_LABELS,
    DIRECTION_ROLE,
    HEADERS,
    INDICATOR_LABELS,
    KR_ID_ROLE,
    SHORT_DIRECTION,
    SHORT_INDICATOR,
    Col,
    Index,
    tiers_display,
    tiers_text,
)

_NUMBERS = (Col.BASELINE, Col.CURRENT, Col.TIERS)


def fields_of(kr: KeyResult) -> KeyResultFields:
    return KeyResultFields.of(kr)


def _number(value: float | None) -> str:
    return "" if value is None else okr.format_number(value)


class KeyResultModel(QAbstractTableModel):
    """The key results of one outcome; ``setData`` hands every edit to the editor."""

    refused = Signal(str)
    """The editor refused an edit from this table: its one sentence."""

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self._outcome_id: int | None = None
        self._ids: list[int] = []
        self.document.reset.connect(self._on_reset)  # a slot, not a lambda: dropped on delete
        self.document.okrs_changed.connect(self._refresh)

    # -- reading ----------------------------------------------------------

    def outcome_id(self) -> int | None:
        return self._outcome_id

    def set_outcome(self, outcome_id: int | None) -> None:
        """Show the key results of ``outcome_id`` (``None``: none)."""
        self._outcome_id = outcome_id
        self.beginResetModel()
        self._ids = self._current_ids()
        self.endResetModel()

    def _on_reset(self) -> None:
        self.set_outcome(None)  # another roadmap: its ids mean nothing here

    def _current_ids(self) -> list[int]:
        if self._outcome_id is None:
            return []
        return [
            k.id for k in self.document.snapshot.key_results_by_outcome.get(self._outcome_id, ())
        ]

    def _refresh(self) -> None:
        ids = self._current_ids()
        if ids != self._ids:
            self.beginResetModel()
            self._ids = ids
            self.endResetModel()
        elif ids:  # same rows, new values: keep editors and selection as they are
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(Col) - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, key_result_id: int) -> int:
        return self._ids.index(key_result_id) if key_result_id in self._ids else -1

    def key_result(self, row: int) -> KeyResult:
        return self.document.snapshot.key_result_by_id[self._ids[row]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractTableModel.rowCount."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractTableModel.columnCount."""
        return 0 if parent.isValid() else len(Col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractTableModel.data: plain values from the in-memory snapshot."""
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        kr, column = self.key_result(index.row()), Col(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(kr, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(kr, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == Col.GUARDRAIL:
            return Qt.CheckState.Checked if kr.guardrail else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == Col.DIRECTION:
            return DIRECTION_LABELS[kr.direction]
        if role == Qt.ItemDataRole.ToolTipRole and column == Col.INDICATOR:
            return INDICATOR_LABELS[kr.indicator]
        if role == Qt.ItemDataRole.ToolTipRole and column in (Col.NAME, Col.UNIT):
            # Fixed first line: Qt guesses rich text from the first line only.
            return f"Key result\n{kr.name}" if column == Col.NAME else f"Unit\n{kr.unit}"
        if role == KR_ID_ROLE:
            return kr.id
        if role == DIRECTION_ROLE:
            return kr.direction.value
        return None

    @staticmethod
    def _display(kr: KeyResult, column: Col) -> str | None:
        if column == Col.DIRECTION:
            return SHORT_DIRECTION[kr.direction]
        if column == Col.INDICATOR:
            return SHORT_INDICATOR[kr.indicator]
        if column in (Col.BASELINE, Col.CURRENT):
            value = kr.baseline if column == Col.BASELINE else kr.current
            return okr.format_number(value)
        if column == Col.TIERS:
            return tiers_display(kr.tiers)
        if column == Col.GUARDRAIL:
            return None
        return kr.name if column == Col.NAME else kr.unit

    @staticmethod
    def _edit_value(kr: KeyResult, column: Col) -> Any:
        values = {
            Col.NAME: kr.name,
            Col.UNIT: kr.unit,
            Col.DIRECTION: kr.direction.value,
            Col.BASELINE: _number(kr.baseline),
            Col.CURRENT: _number(kr.current),
            Col.TIERS: tiers_text(kr.tiers),
            Col.INDICATOR: kr.indicator.value,
            Col.GUARDRAIL: kr.guardrail,
        }
        return values[column]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """QAbstractTableModel.headerData."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Col):
            return None
        label, tip = HEADERS[Col(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None

    # -- editing ----------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        """QAbstractTableModel.flags."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Col.GUARDRAIL:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """QAbstractTableModel.setData: new fields to the editor; False if it refused."""
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return False
        kr = self.key_result(index.row())
        old = fields_of(kr)
        try:
            new = self._changed(old, Col(index.column()), value, role)
        except (InvalidInputError, ValueError, TypeError):
            return False
        if new is None:
            return False
        if new == old:
            return True
        refusals: list[str] = []
        with self.editor.failures_to(refusals.append):  # shown in the panel, not twice
            ok = self.editor.edit_key_result(kr.id, new)
        for message in refusals:
            self.refused.emit(sentence(message))
        return ok

    @staticmethod
    def _changed(
        old: KeyResultFields, column: Col, value: Any, role: int
    ) -> KeyResultFields | None:
        """``old`` with the one field of ``column`` set to ``value``."""
        if column == Col.GUARDRAIL:
            if role != Qt.ItemDataRole.CheckStateRole:
                return None
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
            return dataclasses.replace(old, guardrail=checked)
        if role != Qt.ItemDataRole.EditRole:
            return None
        if column in (Col.BASELINE, Col.CURRENT):
            number = value if isinstance(value, float | int) else okr.parse_number(str(value or ""))
            number = None if number is None else float(number)
            if column == Col.BASELINE:
                return dataclasses.replace(old, baseline=number)
            return dataclasses.replace(old, current=number)
        if column == Col.TIERS:
            # Only the numbers are read here: a bad order goes to the editor, which
            # refuses it with its one sentence.
            tiers = (
                okr.split_tiers(value) if isinstance(value, str) else tuple(float(v) for v in value)
            )
            return dataclasses.replace(old, tiers=tiers)
        changes: dict[Col, dict[str, Any]] = {
            Col.NAME: {"name": str(value)},
            Col.UNIT: {"unit": str(value)},
            Col.DIRECTION: {"direction": Direction(value)} if column == Col.DIRECTION else {},
            Col.INDICATOR: {"indicator": Indicator(value)} if column == Col.INDICATOR else {},
        }
        return dataclasses.replace(old, **changes[column])
