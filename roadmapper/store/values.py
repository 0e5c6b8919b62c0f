"""Plain values the store's callers hand in and get back: where a card goes, what a delete took.

No SQL here: the window's editing path holds these from its first paint on, before
SQLAlchemy is imported. ``store.initiatives`` and ``store.outcomes`` re-export them.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmapper.core.entities import CheckIn, KeyResult, Outcome
from roadmapper.model.enums import Column


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a card goes: a column, between two neighbours named by id as the writer saw them.

    The rank key is made inside the write transaction from the neighbours as they
    are then, so a writer working from an old board never reuses a key. A card
    dropped at the top (``after_id`` None) lands at the top; otherwise right
    after ``after_id`` while that card is still in the column, else right before
    ``before_id``, else at the end.
    """

    column: Column
    after_id: int | None = None
    before_id: int | None = None
    rank: str | None = None
    """A key to keep if it still sorts between the neighbours (undo puts a card back
    under its old key when nobody else moved around it)."""


@dataclass(frozen=True, slots=True)
class CardMove:
    """One card to move, at the version the writer saw, to a slot."""

    initiative_id: int
    version: int
    slot: Slot


@dataclass(frozen=True, slots=True)
class DeletedOutcome:
    """Everything a deleted outcome took with it, so undo can put it all back."""

    outcome: Outcome
    key_results: tuple[KeyResult, ...]
    check_ins: tuple[CheckIn, ...]
    links: tuple[tuple[int, int, int], ...]  # (initiative, key result, position)
    unlinked_initiatives: tuple[int, ...]
    orphaned_children: tuple[int, ...]
    versions_after: tuple[tuple[str, int, int], ...] = ()
    """(table, id, version) of the cards and outcomes the delete changed: undo puts them
    back only if nobody changed them since."""


@dataclass(frozen=True, slots=True)
class DeletedKeyResult:
    """A deleted key result with its check-ins and links, for undo."""

    key_result: KeyResult
    check_ins: tuple[CheckIn, ...]
    links: tuple[tuple[int, int, int], ...]  # (initiative, key result, position)
