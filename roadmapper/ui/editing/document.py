"""The open roadmap as a Qt object: in-memory state, fine-grained signals, edit parts.

Only undo commands call the edit parts (``document.cards``, ``.outcomes``,
``.key_results``, ``.check_ins``, ``.dismissals``). Each edit is one store
transaction; when it has committed, the part tells the document, whose state
follows and whose signal names exactly what changed, so item models update rows
instead of resetting.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Signal

from roadmapper.core import ranking
from roadmapper.core.entities import Initiative, RoadmapSnapshot
from roadmapper.model.enums import Column
from roadmapper.store.store import Store
from roadmapper.ui.editing.card_edits import CardEdits
from roadmapper.ui.editing.check_in_edits import CheckInEdits
from roadmapper.ui.editing.outcome_edits import DismissalEdits, KeyResultEdits, OutcomeEdits

Placement = tuple[int, Column, str]
"""(initiative id, column, rank): where one card goes."""


def _order_key(card: Initiative) -> tuple[str, int]:
    return (card.rank, card.id)


class RoadmapDocument(QObject):
    """One roadmap of one store, as the window shows it."""

    reset = Signal()
    """Everything changed (another roadmap or file was opened, or a reload)."""
    moved = Signal(list)
    """list of (id, old column, new column), in the order they were applied."""
    added = Signal(int)
    removed = Signal(int, object)
    """(id, column it was in)."""
    changed = Signal(int)
    """The fields of one initiative changed (not its place)."""
    okrs_changed = Signal()
    """Outcomes, key results, check-ins or dismissals changed (``snapshot`` has them)."""

    def __init__(self, store: Store, roadmap_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.snapshot: RoadmapSnapshot
        """Outcomes, key results, check-ins and dismissals; the cards: current_snapshot()."""
        self._cards: dict[int, Initiative] = {}
        self._columns: dict[Column, list[int]] = {c: [] for c in Column}
        self.cards = CardEdits(self)
        self.outcomes = OutcomeEdits(self)
        self.key_results = KeyResultEdits(self)
        self.check_ins = CheckInEdits(self)
        self.dismissals = DismissalEdits(self)
        self.load(roadmap_id)

    # -- reading ----------------------------------------------------------

    @property
    def roadmap_id(self) -> int:
        return self.snapshot.roadmap.id

    def load(self, roadmap_id: int) -> None:
        """(Re)read the whole roadmap from the store."""
        loaded = self.store.load(roadmap_id)
        # The cards live in _cards and _columns, kept current; the snapshot keeps the
        # rest (outcomes, key results, check-ins), so no stale copy of the cards remains.
        self.snapshot = dataclasses.replace(loaded, initiatives=())
        self._cards = {i.id: i for i in loaded.initiatives}
        self._columns = {c: [] for c in Column}
        for card in loaded.initiatives:  # already in board order
            self._columns[card.column].append(card.id)
        self.reset.emit()

    def current_snapshot(self) -> RoadmapSnapshot:
        """The roadmap as it is now, cards included (for dialogs, lint and export)."""
        cards = tuple(self._cards[i] for c in Column for i in self._columns[c])
        return dataclasses.replace(self.snapshot, initiatives=cards)

    def open(self, store: Store, roadmap_id: int) -> None:
        """Show another roadmap, possibly of another database."""
        self.store = store
        self.load(roadmap_id)

    def card(self, initiative_id: int) -> Initiative:
        return self._cards[initiative_id]

    def has_card(self, initiative_id: int) -> bool:
        return initiative_id in self._cards

    def column_ids(self, column: Column) -> list[int]:
        """Ids of one column in priority order (the list itself: do not modify)."""
        return self._columns[column]

    def count(self, column: Column) -> int:
        return len(self._columns[column])

    def all_cards(self) -> Iterable[Initiative]:
        return self._cards.values()

    def placements_for(self, ids: Sequence[int], column: Column, index: int) -> list[Placement]:
        """New places for ``ids`` so they sit, in the given order, at ``index`` of ``column``.

        ``index`` counts the column without the cards being moved.
        """
        moving = set(ids)
        rest = [i for i in self._columns[column] if i not in moving]
        index = max(0, min(index, len(rest)))
        before = self._cards[rest[index - 1]].rank if index > 0 else None
        after = self._cards[rest[index]].rank if index < len(rest) else None
        if before is not None and after is not None and before >= after:
            after = None  # equal keys from a shared database: go after, order by id
        keys = ranking.keys_between(before, after, len(ids))
        return [(card_id, column, key) for card_id, key in zip(ids, keys, strict=True)]

    def current_placements(self, ids: Sequence[int]) -> list[Placement]:
        return [(i, self._cards[i].column, self._cards[i].rank) for i in ids]

    def cards_linked_to(self, key_result_id: int) -> list[int]:
        return [i for i, c in self._cards.items() if key_result_id in c.key_result_ids]

    # -- committed changes (the edit parts only) ----------------------------
    # Each part writes to the store first; these make memory follow and emit the
    # signal that names the change, so state and signals stay in this one class.

    def place_cards(self, placements: Sequence[Placement]) -> None:
        """Cards were moved: re-sort them into their columns, then one ``moved``."""
        changes = []
        for card_id, column, rank in placements:
            old = self._cards[card_id]
            self._columns[old.column].remove(card_id)
            self._cards[card_id] = new = dataclasses.replace(old, column=column, rank=rank)
            self._insert_sorted(new)
            changes.append((card_id, old.column, column))
        self.moved.emit(changes)

    def add_cards(self, cards: Iterable[Initiative]) -> None:
        for card in cards:
            self._cards[card.id] = card
            self._insert_sorted(card)
            self.added.emit(card.id)

    def replace_card(self, card: Initiative) -> None:
        """New fields for a card already shown (its place is unchanged)."""
        self._cards[card.id] = card
        self.changed.emit(card.id)

    def drop_cards(self, records: Iterable[Initiative]) -> None:
        for record in records:
            del self._cards[record.id]
            self._columns[record.column].remove(record.id)
            self.removed.emit(record.id, record.column)

    def reload_okrs(self, cards: Iterable[int] = ()) -> None:
        """Re-read the (small) OKR part, and the given cards, whose links changed."""
        self.snapshot = self.store.load_okrs(self.roadmap_id)  # the cards live elsewhere
        wanted = [i for i in dict.fromkeys(cards) if i in self._cards]
        for card in self.store.initiatives.get_many(wanted):  # one query, however many cards
            self.replace_card(card)
        self.okrs_changed.emit()

    def replace_okrs(self, snapshot: RoadmapSnapshot) -> None:
        """Take ``snapshot`` (outcomes, key results, check-ins, dismissals) as current."""
        self.snapshot = snapshot
        self.okrs_changed.emit()

    def _insert_sorted(self, card: Initiative) -> None:
        ids = self._columns[card.column]
        position = bisect.bisect_left(
            ids, _order_key(card), key=lambda i: _order_key(self._cards[i])
        )
        ids.insert(position, card.id)
