"""The open roadmap as a Qt object: in-memory state, fine-grained signals, edit parts.

A roadmap the window has not read yet is read in two parts (``Store.load_in_parts``):
its outcomes and the first ``HEAD_CARDS`` cards of each column, then shown, then the
rest, read in the same transaction a moment later (``REST_AFTER_MS``) or as soon as
anything asks for a card not read yet or for all of them: every edit, the lint, the
filter, an export. So a switch to a large roadmap paints its board after reading a
few hundred cards, not all of them; ``completed`` says when the rest is in.

Only undo commands call the edit parts (``document.cards``, ``.outcomes``,
``.key_results``, ``.check_ins``, ``.dismissals``, ``.roadmaps``). Each edit is one store
transaction; when it has committed, the part tells the document, whose state
follows and whose signal names exactly what changed, so item models update rows
instead of resetting.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from roadmapper.core.entities import Initiative, OkrChange, Roadmap, RoadmapSnapshot
from roadmapper.core.errors import RoadmapperError, StaleError, stale_message
from roadmapper.core.text import shorten
from roadmapper.model.enums import Column
from roadmapper.store.values import Slot
from roadmapper.ui.editing.card_edits import CardEdits
from roadmapper.ui.editing.check_in_edits import CheckInEdits
from roadmapper.ui.editing.outcome_edits import DismissalEdits, KeyResultEdits, OutcomeEdits
from roadmapper.ui.editing.roadmap_edits import RoadmapEdits

if TYPE_CHECKING:
    from roadmapper.store.interface import RoadmapStore
    from roadmapper.store.store import RoadmapParts

CardSlot = tuple[int, Slot]
"""(initiative id, where it goes): the neighbours are named by id, the store makes the key."""

Item = tuple[str, int]
"""(table, id) of an outcome, key result, check-in or initiative, as ``StaleError`` names it."""


KEPT_ROADMAPS = 3
"""How many roadmaps a window keeps in memory after switching away from them."""
HEAD_CARDS = 48
"""Cards of each column read before a roadmap read in parts is shown: more than a column
shows on a tall screen."""
REST_AFTER_MS = 30
"""How long after showing the head of a roadmap its other cards are read: the board is
painted first."""


def _order_key(card: Initiative) -> tuple[str, int]:
    return (card.rank, card.id)


@dataclasses.dataclass(slots=True)
class _Kept:
    """A roadmap the window switched away from, as it was shown, or read ahead before it
    was shown (``shown`` False), and the change counter of the read it started from
    (``RoadmapStore.unchanged_since``)."""

    snapshot: RoadmapSnapshot
    cards: dict[int, Initiative]
    columns: dict[Column, list[int]]
    counted: int
    read: int
    shown: bool = True


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
    renamed = Signal()
    """The roadmap itself changed (its name): ``snapshot.roadmap`` has it."""
    kept_ahead = Signal(int)
    """A roadmap (its id) was read ahead: ``kept_roadmap`` has it, for what is counted
    from it before it is shown."""
    completed = Signal()
    """The rest of a roadmap shown in parts was read: every card is in memory now."""
    rest_failed = Signal(str)
    """The rest could not be read (the sentence to show): the board keeps what it has."""

    def __init__(self, store: RoadmapStore, roadmap_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.snapshot: RoadmapSnapshot
        """Outcomes, key results, check-ins and dismissals; the cards: current_snapshot()."""
        self._cards: dict[int, Initiative] = {}
        self._columns: dict[Column, list[int]] = {c: [] for c in Column}
        self.okr_change: OkrChange | None = None
        """What the last ``okrs_changed`` changed, for listeners that redo only that."""
        self._changed_elsewhere: dict[Item, int] = {}
        self._counted = 0
        """The store's change counter when the roadmap shown was read."""
        self._reads = 0
        self.read = 0
        """Which read of the store the roadmap shown comes from: every read gets a number
        of its own, a kept roadmap keeps its read's. What was counted from a read holds
        while the number is the same: the document keeps its roadmaps up to date with the
        window's own edits, and reads again when anybody else wrote."""
        self._kept: dict[int, _Kept] = {}
        """Roadmaps switched away from, by id, the most recent last."""
        self.restored = False
        """The last ``reset`` showed a kept roadmap again, exactly as it was left (not one
        read ahead: what the window built for a roadmap it showed is built afresh)."""
        self.from_memory = False
        """The last ``reset`` showed a kept roadmap (left before, or read ahead) without
        reading it: nobody else wrote, and no roadmap was created or deleted, since."""
        self._rest: RoadmapParts | None = None
        """The open read of the shown roadmap's other cards, while it is shown in parts."""
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(REST_AFTER_MS)
        self._rest_timer.timeout.connect(self._complete_later)
        self.cards = CardEdits(self)
        self.outcomes = OutcomeEdits(self)
        self.key_results = KeyResultEdits(self)
        self.check_ins = CheckInEdits(self)
        self.dismissals = DismissalEdits(self)
        self.roadmaps = RoadmapEdits(self)
        self._load(roadmap_id, keep_shown=False)

    # -- reading ----------------------------------------------------------

    @property
    def roadmap_id(self) -> int:
        return self.snapshot.roadmap.id

    def load(self, roadmap_id: int) -> None:
        """Show ``roadmap_id``: read it from the store, or, when this window showed it
        before and nobody else wrote anything since, show it again as it was left.

        The shown roadmap itself is always read again (a reload).
        """
        self._load(roadmap_id, keep_shown=True, in_parts=True)

    def read_ahead(self, roadmap_id: int) -> bool:
        """Read ``roadmap_id`` now and keep it, so that showing it later reads nothing
        (unless somebody else writes meanwhile). For idle time: the read takes as long as
        a switch to a roadmap not kept. Returns False, reading nothing, when it is shown
        or kept already or the window keeps as many roadmaps as it may; raises what
        ``load_counted`` raises. A roadmap read ahead goes first when room is needed."""
        if (
            roadmap_id == self.roadmap_id
            or roadmap_id in self._kept
            or len(self._kept) >= KEPT_ROADMAPS
        ):
            return False
        self._kept = {roadmap_id: self._read(roadmap_id, shown=False), **self._kept}
        self.kept_ahead.emit(roadmap_id)
        return True

    def is_kept(self, roadmap_id: int) -> bool:
        """Whether showing ``roadmap_id`` may find it in memory (if nobody wrote since)."""
        return roadmap_id in self._kept

    def kept_roadmap(self, roadmap_id: int) -> tuple[RoadmapSnapshot, Iterable[Initiative], int]:
        """A kept roadmap's outcomes and key results (a snapshot without cards), its cards,
        and the number of its read (``read`` once it is shown). ``KeyError`` if not kept."""
        kept = self._kept[roadmap_id]
        return kept.snapshot, kept.cards.values(), kept.read

    def _read(self, roadmap_id: int, *, shown: bool) -> _Kept:
        loaded, counted = self.store.load_counted(roadmap_id)
        # The cards live in _cards and _columns, kept current; the snapshot keeps the
        # rest (outcomes, key results, check-ins), so no stale copy of the cards remains.
        columns: dict[Column, list[int]] = {c: [] for c in Column}
        for card in loaded.initiatives:  # already in board order
            columns[card.column].append(card.id)
        cards = {i.id: i for i in loaded.initiatives}
        snapshot = dataclasses.replace(loaded, initiatives=())
        self._reads += 1
        return _Kept(snapshot, cards, columns, counted, self._reads, shown)

    def _read_parts(self, roadmap_id: int) -> tuple[_Kept, RoadmapParts | None]:
        parts = self.store.load_in_parts(roadmap_id, HEAD_CARDS)
        columns = parts.columns  # the document's own from now on: the read is done with them
        cards = {i.id: i for i in parts.head.initiatives}
        snapshot = dataclasses.replace(parts.head, initiatives=())
        self._reads += 1
        kept = _Kept(snapshot, cards, columns, parts.counted, self._reads)
        return kept, None if parts.whole else parts

    def _load(self, roadmap_id: int, *, keep_shown: bool, in_parts: bool = False) -> None:
        kept = self._kept.pop(roadmap_id, None)
        rest = None
        if kept is None or not self.store.unchanged_since(kept.counted):
            if in_parts:
                kept, rest = self._read_parts(roadmap_id)
            else:
                kept = self._read(roadmap_id, shown=True)
            self.restored = self.from_memory = False
        else:
            self.restored, self.from_memory = kept.shown, True
            kept.shown = True
        left_whole = self.stop_reading()  # a roadmap left before its rest was read: not kept
        if keep_shown and left_whole and self.roadmap_id != roadmap_id:
            left = _Kept(self.snapshot, self._cards, self._columns, self._counted, self.read)
            self._kept[self.roadmap_id] = left
            while len(self._kept) > KEPT_ROADMAPS:
                del self._kept[next(iter(self._kept))]
        self.snapshot, self._cards, self._columns = kept.snapshot, kept.cards, kept.columns
        self._counted, self.read = kept.counted, kept.read
        self._changed_elsewhere = {}
        self._rest = rest
        self.reset.emit()
        if self._rest is not None:
            self._rest_timer.start()

    @property
    def partial(self) -> bool:
        """Whether the shown roadmap's other cards are still to be read (``completed``)."""
        return self._rest is not None

    def complete(self) -> None:
        """Read the other cards of a roadmap shown in parts now (nothing if all are in).

        Raises what the read raises (``DatabaseError``); the board then keeps the cards
        it has, and says so once the event loop runs (``reset``, ``rest_failed``).
        """
        parts, self._rest = self._rest, None
        if parts is None:
            return
        self._rest_timer.stop()
        try:
            cards = parts.rest()
        except RoadmapperError as exc:
            # Only what was read stays: every id in a column has its card.
            for ids in self._columns.values():
                ids[:] = [i for i in ids if i in self._cards]
            message = str(exc)
            QTimer.singleShot(0, self, self.reset.emit)  # models rebuilt outside any paint
            QTimer.singleShot(0, self, lambda: self.rest_failed.emit(message))
            raise
        known = self._cards
        for card in cards:
            if card.id not in known:
                known[card.id] = card
        self.completed.emit()

    def _complete_later(self) -> None:
        with contextlib.suppress(RoadmapperError):  # said by rest_failed
            self.complete()

    def stop_reading(self) -> bool:
        """End the read of a roadmap shown in parts without its rest (the window closes,
        or shows another). Returns whether every card of the shown roadmap is in memory."""
        parts, self._rest = self._rest, None
        self._rest_timer.stop()
        if parts is None:
            return True
        parts.close()
        return False

    def _whole(self) -> None:
        if self._rest is not None:
            self.complete()

    def forget_kept_roadmaps(self) -> None:
        """Read every other roadmap afresh when it is shown next (and free its memory)."""
        self._kept = {}

    def current_snapshot(self) -> RoadmapSnapshot:
        """The roadmap as it is now, cards included (for dialogs, lint and export)."""
        self._whole()
        cards = tuple(self._cards[i] for c in Column for i in self._columns[c])
        return dataclasses.replace(self.snapshot, initiatives=cards)

    def open(self, store: RoadmapStore, roadmap_id: int) -> None:
        """Show another roadmap, possibly of another database."""
        keep_shown = store is self.store
        if not keep_shown:
            self._kept = {}  # ids of one database mean nothing in another
        self.store = store
        self._load(roadmap_id, keep_shown=keep_shown)

    def card(self, initiative_id: int) -> Initiative:
        try:
            return self._cards[initiative_id]
        except KeyError:
            if self._rest is None:
                raise
        self.complete()
        return self._cards[initiative_id]

    def has_card(self, initiative_id: int) -> bool:
        if initiative_id not in self._cards and self._rest is not None:
            self.complete()
        return initiative_id in self._cards

    def column_ids(self, column: Column) -> list[int]:
        """Ids of one column in priority order (the list itself: do not modify)."""
        return self._columns[column]

    def count(self, column: Column) -> int:
        return len(self._columns[column])

    def all_cards(self) -> Iterable[Initiative]:
        self._whole()
        return self._cards.values()

    def slots_for(self, ids: Sequence[int], column: Column, index: int) -> list[CardSlot]:
        """Slots that put ``ids``, in the given order, at ``index`` of ``column``.

        ``index`` counts the column without the cards being moved. The first card
        goes after the card shown above the drop place, each next one after the
        one before it, all before the card shown below.
        """
        first = self.slot_at(column, index, moving=ids)
        slots = []
        above = first.after_id
        for card_id in ids:
            slots.append((card_id, Slot(column, above, first.before_id)))
            above = card_id
        return slots

    def slot_at(self, column: Column, index: int, moving: Sequence[int] = ()) -> Slot:
        """The slot at ``index`` of ``column`` as shown, not counting the cards ``moving``."""
        skip = set(moving)
        rest = [i for i in self._columns[column] if i not in skip]
        index = max(0, min(index, len(rest)))
        above = rest[index - 1] if index > 0 else None
        below = rest[index] if index < len(rest) else None
        return Slot(column, above, below)

    def current_slots(self, ids: Sequence[int]) -> list[CardSlot]:
        """Where ``ids`` are now, named by their neighbours, in board order (for undo)."""
        self._whole()
        order = {c: n for n, c in enumerate(Column)}
        slots = []
        for card_id in ids:
            card = self._cards[card_id]
            column = self._columns[card.column]
            at = column.index(card_id)
            above = column[at - 1] if at > 0 else None
            below = column[at + 1] if at + 1 < len(column) else None
            slots.append(
                ((order[card.column], at), (card_id, Slot(card.column, above, below, card.rank)))
            )
        slots.sort(key=lambda s: s[0])
        return [slot for _where, slot in slots]

    # -- what other writers changed -------------------------------------------

    def changes_elsewhere(self, item: Item) -> int:
        """How often this window learned that ``item`` was changed by another writer.

        An undo step remembers this count for its items: if it grew, the step
        would overwrite someone else's change, and it is refused instead.
        """
        return self._changed_elsewhere.get(item, 0)

    def refresh_after(self, error: StaleError) -> str:
        """Re-read what a refused write was about; the sentence to show, naming the item."""
        self._whole()
        item = (error.kind, error.item_id)
        message = str(error)
        name = self.name_of(item)
        if error.deleted and name:
            # The store no longer has the item's name; this window still does.
            message = stale_message(error.kind, name, deleted=True)
        self._changed_elsewhere[item] = self.changes_elsewhere(item) + 1
        if error.kind == "roadmap":
            self.roadmaps.refresh()
        elif error.kind == "initiative":
            self.refresh_cards([error.item_id])
        else:
            linked: list[int] = []
            if error.kind == "outcome":
                linked = [i for i, c in self._cards.items() if c.outcome_id == error.item_id]
                kr_ids = {k.id for k in self.snapshot.key_results if k.outcome_id == error.item_id}
                linked += [i for i, c in self._cards.items() if kr_ids & set(c.key_result_ids)]
            elif error.kind == "key_result":
                linked = self.cards_linked_to(error.item_id)
            self.reload_okrs(linked)
        return message[0].upper() + message[1:]

    def refresh_cards(self, ids: Sequence[int]) -> None:
        """Show ``ids`` as they are stored now: changed, moved, back, or gone."""
        self._whole()
        stored = {c.id: c for c in self.store.initiatives.get_many(list(ids))}
        gone = [self._cards[i] for i in ids if i in self._cards and i not in stored]
        if gone:
            self.drop_cards(gone)
        moved = [
            c
            for c in stored.values()
            if c.id in self._cards
            and (c.column, c.rank) != (self._cards[c.id].column, self._cards[c.id].rank)
        ]
        if moved:
            self.place_cards(moved)
        for card in stored.values():
            if card.id not in self._cards:
                self.add_cards([card])
            elif card != self._cards[card.id]:
                self.replace_card(card)

    def _note_changes_elsewhere(
        self, before: RoadmapSnapshot, after: RoadmapSnapshot, wrote: set[Item]
    ) -> None:
        for kind, old_rows, new_rows in (
            ("outcome", before.outcomes, after.outcomes),
            ("key_result", before.key_results, after.key_results),
            ("check_in", before.check_ins, after.check_ins),
        ):
            now = {r.id: r.version for r in new_rows}
            for row in old_rows:
                item = (kind, row.id)
                if item not in wrote and now.get(row.id) != row.version:
                    self._changed_elsewhere[item] = self.changes_elsewhere(item) + 1

    def name_of(self, item: Item) -> str:
        kind, item_id = item
        snap = self.snapshot
        if kind == "roadmap" and item_id == snap.roadmap.id:
            return shorten(snap.roadmap.name)
        if kind == "initiative" and self.has_card(item_id):
            return shorten(self._cards[item_id].title)
        if kind == "outcome" and item_id in snap.outcome_by_id:
            return shorten(snap.outcome_by_id[item_id].objective)
        if kind == "key_result" and item_id in snap.key_result_by_id:
            return shorten(snap.key_result_by_id[item_id].name)
        return ""

    def cards_linked_to(self, key_result_id: int) -> list[int]:
        self._whole()
        return [i for i, c in self._cards.items() if key_result_id in c.key_result_ids]

    # -- committed changes (the edit parts only) ----------------------------
    # Each part writes to the store first; these make memory follow and emit the
    # signal that names the change, so state and signals stay in this one class.

    def place_cards(self, cards: Sequence[Initiative]) -> None:
        """Cards were moved (``cards`` as stored now): re-sort them, then one ``moved``."""
        self._whole()
        changes = []
        for new in cards:
            old = self._cards[new.id]
            self._columns[old.column].remove(new.id)
            self._cards[new.id] = new
            self._insert_sorted(new)
            changes.append((new.id, old.column, new.column))
        self.moved.emit(changes)

    def add_cards(self, cards: Iterable[Initiative]) -> None:
        self._whole()
        for card in cards:
            self._cards[card.id] = card
            self._insert_sorted(card)
            self.added.emit(card.id)

    def replace_card(self, card: Initiative) -> None:
        """New fields for a card already shown (its place is unchanged)."""
        self._whole()
        self._cards[card.id] = card
        self.changed.emit(card.id)

    def drop_cards(self, records: Iterable[Initiative]) -> None:
        self._whole()
        for record in records:
            del self._cards[record.id]
            self._columns[record.column].remove(record.id)
            self.removed.emit(record.id, record.column)

    def reload_okrs(self, cards: Iterable[int] = (), wrote: Iterable[Item] = ()) -> None:
        """Re-read the (small) OKR part, and the given cards, whose links changed.

        ``wrote`` names what this window's own write changed; any other outcome,
        key result or check-in found changed was changed elsewhere, and is noted.
        """
        self._whole()
        before = self.snapshot
        self.snapshot = self.store.load_okrs(self.roadmap_id)  # the cards live elsewhere
        self._note_changes_elsewhere(before, self.snapshot, set(wrote))
        wanted = [i for i in dict.fromkeys(cards) if i in self._cards]
        for card in self.store.initiatives.get_many(wanted):  # one query, however many cards
            self.replace_card(card)
        self.okr_change = OkrChange.between(before, self.snapshot)
        self.okrs_changed.emit()

    def replace_roadmap(self, roadmap: Roadmap) -> None:
        """The roadmap's own fields as stored now (renamed here or elsewhere)."""
        self.snapshot = dataclasses.replace(self.snapshot, roadmap=roadmap)
        self.renamed.emit()

    def replace_okrs(self, snapshot: RoadmapSnapshot) -> None:
        """Take ``snapshot`` (outcomes, key results, check-ins, dismissals) as current."""
        self.okr_change = OkrChange.between(self.snapshot, snapshot)
        self.snapshot = snapshot
        self.okrs_changed.emit()

    def _insert_sorted(self, card: Initiative) -> None:
        ids = self._columns[card.column]
        position = bisect.bisect_left(
            ids, _order_key(card), key=lambda i: _order_key(self._cards[i])
        )
        ids.insert(position, card.id)
