"""One board column as a Qt list model: ids and plain values, drops handed to the editor."""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Collection, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from roadmapper.core.card_content import NO_OUTCOME, CardData, card_content
from roadmapper.core.entities import Initiative
from roadmapper.model.enums import Column
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.widgets.plain_text import plain_tip

MIME_TYPE = "application/x-roadmapper-initiatives"
"""Drag payload: a JSON list of initiative ids."""

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CARD_ROLE = Qt.ItemDataRole.UserRole + 2
OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def encode_ids(ids: Sequence[int]) -> QMimeData:
    data = QMimeData()
    data.setData(MIME_TYPE, json.dumps(list(ids)).encode("utf-8"))
    return data


def decode_ids(data: QMimeData) -> list[int]:
    """The ids of a drag payload; an empty list for anything that is not ours."""
    if not data.hasFormat(MIME_TYPE):
        return []
    try:
        ids = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        return []
    return ids


class ColumnModel(QAbstractListModel):
    """The visible cards of one column, in priority order."""

    def __init__(self, editor: Editor, column: Column) -> None:
        super().__init__()
        self.editor = editor
        self.document: RoadmapDocument = editor.document
        self.column = column
        self._ids: list[int] = []
        self.moving = False
        """True while the document's move is applied here (its rows leave and come back)."""
        self._matches: Callable[[Initiative], bool] | None = None
        self._cards: dict[int, CardData] = {}
        self.document.reset.connect(self._reload)
        self.document.moved.connect(self._on_moved)
        self.document.added.connect(self._on_added)
        self.document.removed.connect(self._on_removed)
        self.document.changed.connect(self._on_changed)
        self.document.okrs_changed.connect(self.refresh_cards)
        self._reload()

    # -- reading ----------------------------------------------------------

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        """The id of the card at ``row`` (no copy of the column, as ``ids`` makes)."""
        return self._ids[row]

    def row_of(self, initiative_id: int) -> int:
        try:
            return self._ids.index(initiative_id)
        except ValueError:
            return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """QAbstractListModel.rowCount."""
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """QAbstractListModel.data: O(1) over in-memory records, never the database."""
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        card_id = self._ids[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.document.card(card_id).title
        if role == CARD_ROLE:
            return self.card_data(card_id)
        if role == ID_ROLE:
            return card_id
        if role == OUTCOME_ROLE:
            return self.document.card(card_id).outcome_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(self.summary(card_id))
        return None

    def summary(self, card_id: int) -> str:
        """The card in full, for its tooltip: whatever the card had to cut is here whole."""
        card = self.document.card(card_id)
        snapshot = self.document.snapshot
        outcome = snapshot.outcome_of(card)
        lines = [" ".join(card.title.split())]
        lines.append(f"Outcome: {outcome.objective}" if outcome else f"Outcome: {NO_OUTCOME}")
        names = [
            snapshot.key_result_by_id[k].name
            for k in card.key_result_ids
            if k in snapshot.key_result_by_id
        ]
        if names:
            lines.append("Key results: " + "; ".join(names))
        note = card.result if card.column is Column.DONE else card.hypothesis
        if note.strip():
            word = "Result" if card.column is Column.DONE else "Hypothesis"
            lines.append(f"{word}: {' '.join(note.split())}")
        return "\n".join(lines)

    def paint_facts(self, row: int) -> tuple[CardData, int | None] | None:
        """What the delegate needs to paint ``row`` (its card, its outcome), without the
        two ``data()`` round trips through Qt that cost more than the painting itself."""
        if not 0 <= row < len(self._ids):
            return None
        card_id = self._ids[row]
        return self.card_data(card_id), self.document.card(card_id).outcome_id

    def card_data(self, card_id: int) -> CardData:
        """What the painter needs for one card, built once and kept until it changes."""
        cached = self._cards.get(card_id)
        if cached is not None:
            return cached
        data = card_content(self.document.snapshot, self.document.card(card_id))
        self._cards[card_id] = data
        return data

    # -- filtering --------------------------------------------------------

    def set_filter(
        self, matches: Callable[[Initiative], bool] | None, ids: Collection[int] | None = None
    ) -> None:
        """Show only the cards ``matches`` accepts (``None``: all of them); ``ids``, when
        given, are those it accepts now, so the column need not ask card by card."""
        self._matches = matches
        self._reload(keep_cards=True, shown=ids)  # the cards are as they were: only which show

    def _visible(self, card: Initiative) -> bool:
        return self._matches is None or self._matches(card)

    def _reload(self, keep_cards: bool = False, shown: Collection[int] | None = None) -> None:
        self.beginResetModel()
        if not keep_cards:
            self._cards.clear()
        ids = self.document.column_ids(self.column)
        if shown is not None:
            self._ids = [i for i in ids if i in shown]
        elif self._matches is None:
            self._ids = list(ids)
        else:
            card = self.document.card
            self._ids = [i for i in ids if self._matches(card(i))]
        self.endResetModel()

    # -- following the document ---------------------------------------------

    def _insert(self, card_id: int) -> None:
        card = self.document.card(card_id)
        if not self._visible(card):
            return
        key = (card.rank, card.id)
        row = bisect.bisect_left(self._ids, key, key=lambda i: (self.document.card(i).rank, i))
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, card_id)
        self.endInsertRows()

    def _remove(self, card_id: int) -> None:
        row = self.row_of(card_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._cards.pop(card_id, None)
        self.endRemoveRows()

    def _on_moved(self, changes: list[tuple[int, Column, Column]]) -> None:
        self.moving = True  # the board selects the moved cards where they land
        try:
            for card_id, old, new in changes:
                if old is self.column:
                    self._remove(card_id)
                if new is self.column:
                    self._cards.pop(card_id, None)
                    self._insert(card_id)
        finally:
            self.moving = False

    def _on_added(self, card_id: int) -> None:
        if self.document.card(card_id).column is self.column:
            self._insert(card_id)

    def _on_removed(self, card_id: int, column: Column) -> None:
        if column is self.column:
            self._remove(card_id)

    def _on_changed(self, card_id: int) -> None:
        self._cards.pop(card_id, None)
        row = self.row_of(card_id)
        visible = self._visible(self.document.card(card_id))
        if row >= 0 and not visible:
            self._remove(card_id)
        elif row < 0 and visible and self.document.card(card_id).column is self.column:
            self._insert(card_id)
        elif row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def refresh_cards(self) -> None:
        """Outcomes, key results or check-ins changed: repaint the cards they show on.

        Of the cards built so far (those painted: in sight, or scrolled past), those that
        show a changed outcome or key result (``Document.okr_change``) are built again,
        and only one that then differs is repainted: a check-in repaints the few cards
        that link its key result, not every card in sight.
        """
        built = self._cards
        change = self.document.okr_change
        if change is None:  # not known: every card may show it
            self._cards = {}
            if self._ids:
                self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))
            return
        document = self.document
        stale = {
            i: before
            for i, before in built.items()
            if not document.has_card(i) or change.touches(document.card(i))
        }
        for card_id in stale:
            del built[card_id]
        changed = {
            i for i, before in stale.items() if document.has_card(i) and self.card_data(i) != before
        }
        if len(changed) > 8:  # one walk of the column, not one search per card
            rows = [row for row, card_id in enumerate(self._ids) if card_id in changed]
        else:
            rows = [row for row in map(self.row_of, changed) if row >= 0]
        for row in rows:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # -- drag and drop ------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        """QAbstractListModel.flags: cards drag; only the gaps between them take drops."""
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        """QAbstractItemModel.supportedDropActions."""
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        """QAbstractItemModel.supportedDragActions: Copy too, though every drop moves.

        The view reports an accepted drop as a copy so that Qt leaves the source
        rows alone; QDropEvent.setDropAction ignores actions the drag does not offer.
        """
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        """QAbstractItemModel.mimeTypes."""
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """QAbstractItemModel.mimeData: the dragged ids, plus their titles as text."""
        ids = self.editor.ordered([self._ids[i.row()] for i in indexes if i.isValid()])
        data = encode_ids(ids)
        data.setText("\n".join(self.document.card(i).title for i in ids))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """QAbstractItemModel.canDropMimeData: only our own cards of this roadmap."""
        ids = decode_ids(data)
        return bool(ids) and all(self.document.has_card(i) for i in ids)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """QAbstractItemModel.dropMimeData: hand the move to the editor; rows follow its signal."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = decode_ids(data)
        if parent.isValid():  # dropped onto a card: land just above it
            row = parent.row()
        self.editor.move(ids, self.column, self.document_index(row, ids))
        return True

    def document_index(self, row: int, moving: Sequence[int]) -> int:
        """The place in the whole column (without ``moving``) for a drop at visible ``row``.

        With a filter on, cards may be hidden between two visible ones; the drop
        lands right above the visible card under the pointer, or right below the
        last visible card when dropped past the end.
        """
        moving_set = set(moving)
        full = [i for i in self.document.column_ids(self.column) if i not in moving_set]
        visible = [i for i in self._ids if i not in moving_set]
        if row < 0 or row >= len(self._ids):
            return full.index(visible[-1]) + 1 if visible else len(full)
        anchor = next((i for i in self._ids[row:] if i not in moving_set), None)
        if anchor is None:
            return full.index(visible[-1]) + 1 if visible else len(full)
        return full.index(anchor)
