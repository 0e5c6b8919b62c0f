"""Outcome, key result, check-in and coaching edits of the document (mixed into it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from roadmapper.core.entities import CheckIn, Initiative, KeyResult, Outcome, RoadmapSnapshot
from roadmapper.core.records import KeyResultFields
from roadmapper.model.enums import Level
from roadmapper.store.okrs import DeletedKeyResult, DeletedOutcome

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from roadmapper.store.store import Store


class OkrEdits:
    """Mutations of outcomes and key results; each re-reads the (small) OKR part.

    The cards stay in memory; only those whose links changed are re-read.
    """

    store: Store
    snapshot: RoadmapSnapshot
    _cards: dict[int, Initiative]
    okrs_changed: SignalInstance
    changed: SignalInstance
    roadmap_id: int  # a property of the document

    def _refresh_okrs(self, cards: Iterable[int] = ()) -> None:
        self.snapshot = self.store.load_okrs(self.roadmap_id)  # the cards live elsewhere
        wanted = [i for i in dict.fromkeys(cards) if i in self._cards]
        for card in self.store.initiatives(wanted):  # one query, however many cards
            self._cards[card.id] = card
            self.changed.emit(card.id)
        self.okrs_changed.emit()

    def _cards_linked_to(self, key_result_id: int) -> list[int]:
        return [i for i, c in self._cards.items() if key_result_id in c.key_result_ids]

    # -- outcomes ---------------------------------------------------------

    def create_outcome(
        self, level: Level, objective: str, color: str | None, parent_id: int | None
    ) -> Outcome:
        outcome = self.store.create_outcome(self.roadmap_id, level, objective, color, parent_id)
        self._refresh_okrs()
        return outcome

    def update_outcome(
        self, outcome_id: int, level: Level, objective: str, color: str, parent_id: int | None
    ) -> Outcome:
        outcome = self.store.update_outcome(outcome_id, level, objective, color, parent_id)
        self._refresh_okrs()
        return outcome

    def place_outcome(self, outcome_id: int, parent_id: int | None, rank: str) -> Outcome:
        outcome = self.store.place_outcome(outcome_id, parent_id, rank)
        self._refresh_okrs()
        return outcome

    def delete_outcome(self, outcome_id: int) -> DeletedOutcome:
        deleted = self.store.delete_outcome(outcome_id)
        linked = [i for k in deleted.key_results for i in self._cards_linked_to(k.id)]
        self._refresh_okrs([*deleted.unlinked_initiatives, *linked])
        return deleted

    def restore_outcome(self, deleted: DeletedOutcome) -> None:
        self.store.restore_outcome(deleted)
        self._refresh_okrs([*deleted.unlinked_initiatives, *(i for i, _k, _p in deleted.links)])

    # -- key results ------------------------------------------------------

    def create_key_result(self, outcome_id: int, fields: KeyResultFields) -> KeyResult:
        kr = self.store.create_key_result(outcome_id, fields)
        self._refresh_okrs()
        return kr

    def update_key_result(self, key_result_id: int, fields: KeyResultFields) -> KeyResult:
        kr = self.store.update_key_result(key_result_id, fields)
        self._refresh_okrs()  # links are unchanged; cards repaint on okrs_changed
        return kr

    def delete_key_result(self, key_result_id: int) -> DeletedKeyResult:
        linked = self._cards_linked_to(key_result_id)
        deleted = self.store.delete_key_result(key_result_id)
        self._refresh_okrs(linked)
        return deleted

    def restore_key_result(self, deleted: DeletedKeyResult) -> None:
        self.store.restore_key_result(deleted)
        self._refresh_okrs(i for i, _k, _p in deleted.links)

    # -- check-ins ----------------------------------------------------------
    # The store hands back the check-in and its key result (``current`` recomputed),
    # so the snapshot is patched in place: the weekly check-in stays instant at any size.

    def _patch_check_ins(
        self, kr: KeyResult, add: CheckIn | None = None, remove: int | None = None
    ) -> None:
        snap = self.snapshot
        drop = {remove, add.id if add is not None else None}
        check_ins = [c for c in snap.check_ins if c.id not in drop]
        if add is not None:
            check_ins.append(add)
            check_ins.sort(key=lambda c: (c.key_result_id, c.date, c.id))
        key_results = tuple(kr if k.id == kr.id else k for k in snap.key_results)
        self.snapshot = dataclasses.replace(
            snap, key_results=key_results, check_ins=tuple(check_ins)
        )
        self.okrs_changed.emit()

    def add_check_in(
        self, key_result_id: int, date: dt.date, value: float, note: str, confidence: int | None
    ) -> CheckIn:
        check_in, kr = self.store.add_check_in(key_result_id, date, value, note, confidence)
        self._patch_check_ins(kr, add=check_in)
        return check_in

    def update_check_in(
        self, check_in_id: int, date: dt.date, value: float, note: str, confidence: int | None
    ) -> CheckIn:
        check_in, kr = self.store.update_check_in(check_in_id, date, value, note, confidence)
        self._patch_check_ins(kr, add=check_in)
        return check_in

    def delete_check_in(self, check_in_id: int) -> CheckIn:
        record, kr = self.store.delete_check_in(check_in_id)
        self._patch_check_ins(kr, remove=record.id)
        return record

    def restore_check_in(self, record: CheckIn) -> None:
        kr = self.store.restore_check_in(record)
        self._patch_check_ins(kr, add=record)

    # -- coaching -----------------------------------------------------------

    def set_dismissed(self, code: str, subject_kind: str, subject_id: int, dismissed: bool) -> None:
        self.store.set_dismissed(self.roadmap_id, code, subject_kind, subject_id, dismissed)
        self._refresh_okrs()
