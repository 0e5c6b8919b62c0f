"""Outcome, key result and coaching edits of the document; each re-reads the (small) OKR part.

The cards stay in memory; only those whose links changed are re-read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmapper.core.entities import KeyResult, Outcome
from roadmapper.core.records import KeyResultFields, OutcomeFields
from roadmapper.model.enums import Level
from roadmapper.store.values import DeletedKeyResult, DeletedOutcome

if TYPE_CHECKING:
    from roadmapper.ui.editing.document import RoadmapDocument


class OutcomeEdits:
    """``document.outcomes``: create, edit, place, delete and restore outcomes."""

    def __init__(self, document: RoadmapDocument) -> None:
        self._document = document

    def create(
        self, level: Level, objective: str, color: str | None, parent_id: int | None
    ) -> Outcome:
        document = self._document
        outcome = document.store.outcomes.create(
            document.roadmap_id, level, objective, color, parent_id
        )
        document.reload_okrs()
        return outcome

    def _version(self, outcome_id: int) -> int:
        return self._document.snapshot.outcome_by_id[outcome_id].version

    def update(self, outcome_id: int, fields: OutcomeFields) -> Outcome:
        store = self._document.store
        outcome = store.outcomes.update(outcome_id, fields, self._version(outcome_id))
        self._document.reload_okrs(wrote=[("outcome", outcome_id)])
        return outcome

    def place(self, outcome_id: int, parent_id: int | None, rank: str) -> Outcome:
        store = self._document.store
        outcome = store.outcomes.place(outcome_id, parent_id, rank, self._version(outcome_id))
        self._document.reload_okrs(wrote=[("outcome", outcome_id)])
        return outcome

    def delete(self, outcome_id: int) -> DeletedOutcome:
        document = self._document
        deleted = document.store.outcomes.delete(outcome_id, self._version(outcome_id))
        linked = [i for k in deleted.key_results for i in document.cards_linked_to(k.id)]
        document.reload_okrs([*deleted.unlinked_initiatives, *linked], _written(deleted))
        return deleted

    def restore(self, deleted: DeletedOutcome) -> Outcome:
        outcome = self._document.store.outcomes.restore(deleted)
        self._document.reload_okrs(
            [*deleted.unlinked_initiatives, *(i for i, _k, _p in deleted.links)]
        )
        return outcome


def _written(deleted: DeletedOutcome) -> list[tuple[str, int]]:
    """What deleting an outcome removed: itself, its key results and their check-ins."""
    return [
        ("outcome", deleted.outcome.id),
        *(("key_result", k.id) for k in deleted.key_results),
        *(("check_in", c.id) for c in deleted.check_ins),
    ]


class KeyResultEdits:
    """``document.key_results``: create, edit, delete and restore key results."""

    def __init__(self, document: RoadmapDocument) -> None:
        self._document = document

    def create(self, outcome_id: int, fields: KeyResultFields) -> KeyResult:
        kr = self._document.store.key_results.create(outcome_id, fields)
        self._document.reload_okrs()
        return kr

    def _version(self, key_result_id: int) -> int:
        return self._document.snapshot.key_result_by_id[key_result_id].version

    def update(self, key_result_id: int, fields: KeyResultFields) -> KeyResult:
        store = self._document.store
        kr = store.key_results.update(key_result_id, fields, self._version(key_result_id))
        # Links are unchanged; cards repaint on okrs_changed.
        self._document.reload_okrs(wrote=[("key_result", key_result_id)])
        return kr

    def delete(self, key_result_id: int) -> DeletedKeyResult:
        document = self._document
        linked = document.cards_linked_to(key_result_id)
        deleted = document.store.key_results.delete(key_result_id, self._version(key_result_id))
        wrote = [("key_result", key_result_id), *(("check_in", c.id) for c in deleted.check_ins)]
        document.reload_okrs(linked, wrote)
        return deleted

    def restore(self, deleted: DeletedKeyResult) -> None:
        self._document.store.key_results.restore(deleted)
        self._document.reload_okrs(i for i, _k, _p in deleted.links)


class DismissalEdits:
    """``document.dismissals``: coaching findings hidden for good, or brought back."""

    def __init__(self, document: RoadmapDocument) -> None:
        self._document = document

    def set(self, code: str, subject_kind: str, subject_id: int, dismissed: bool) -> None:
        document = self._document
        document.store.set_dismissed(document.roadmap_id, code, subject_kind, subject_id, dismissed)
        document.reload_okrs()
