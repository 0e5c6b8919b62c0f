"""Frozen plain-data records: what the store returns and every upper layer reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from roadmapper.model.enums import Column, Direction, Indicator, Level


@dataclass(frozen=True, slots=True)
class Roadmap:
    id: int
    name: str
    description: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class Outcome:
    id: int
    roadmap_id: int
    level: Level
    objective: str
    color: str
    parent_id: int | None = None
    rank: str = "a0"
    version: int = 1


@dataclass(frozen=True, slots=True)
class CheckIn:
    id: int
    key_result_id: int
    date: dt.date
    value: float
    note: str = ""
    confidence: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class KeyResult:
    id: int
    outcome_id: int
    name: str
    direction: Direction
    indicator: Indicator
    unit: str = ""
    baseline: float | None = None
    current: float | None = None
    tiers: tuple[float, ...] = ()
    guardrail: bool = False
    rank: str = "a0"
    version: int = 1


@dataclass(frozen=True, slots=True)
class Initiative:
    id: int
    roadmap_id: int
    title: str
    column: Column
    rank: str
    description: str = ""
    outcome_id: int | None = None
    hypothesis: str = ""
    result: str = ""
    key_result_ids: tuple[int, ...] = ()
    version: int = 1


Dismissal = tuple[str, str, int]
"""A dismissed coaching finding: (code, subject kind, subject id)."""


@dataclass(frozen=True)
class RoadmapSnapshot:
    """One roadmap, fully loaded, in display order.

    ``outcomes`` and ``key_results`` are sorted by rank; ``initiatives`` by
    column (board order) then rank; ``check_ins`` by key result, date, id.
    """

    roadmap: Roadmap
    outcomes: tuple[Outcome, ...] = ()
    key_results: tuple[KeyResult, ...] = ()
    check_ins: tuple[CheckIn, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    dismissed: frozenset[Dismissal] = frozenset()
    """Coaching findings the team dismissed, as (code, subject kind, subject id)."""

    @cached_property
    def outcome_by_id(self) -> dict[int, Outcome]:
        return {o.id: o for o in self.outcomes}

    @cached_property
    def key_result_by_id(self) -> dict[int, KeyResult]:
        return {k.id: k for k in self.key_results}

    @cached_property
    def key_results_by_outcome(self) -> dict[int, tuple[KeyResult, ...]]:
        grouped: dict[int, list[KeyResult]] = {o.id: [] for o in self.outcomes}
        for kr in self.key_results:
            grouped.setdefault(kr.outcome_id, []).append(kr)
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def check_ins_by_key_result(self) -> dict[int, tuple[CheckIn, ...]]:
        grouped: dict[int, list[CheckIn]] = {}
        for c in self.check_ins:
            grouped.setdefault(c.key_result_id, []).append(c)
        return {k: tuple(v) for k, v in grouped.items()}

    def outcome_of(self, card: Initiative) -> Outcome | None:
        """The outcome ``card`` serves; ``None`` when it serves none (or one since deleted)."""
        return None if card.outcome_id is None else self.outcome_by_id.get(card.outcome_id)

    def tree_parent_id(self, outcome: Outcome) -> int | None:
        """The business outcome a product outcome drives, if it is on this roadmap; else None."""
        parent = self.outcome_by_id.get(outcome.parent_id) if outcome.parent_id else None
        if outcome.level is Level.PRODUCT and parent is not None:
            return parent.id if parent.level is Level.BUSINESS else None
        return None

    def outcome_children(self, parent_id: int | None) -> list[Outcome]:
        """Outcomes under ``parent_id`` in rank order; ``None``: the top level of the tree."""
        return list(self._outcomes_under.get(parent_id, ()))

    @cached_property
    def _outcomes_under(self) -> dict[int | None, list[Outcome]]:
        """Each tree parent's outcomes in rank order (``None``: the top level), in one pass."""
        under: dict[int | None, list[Outcome]] = {}
        for outcome in self.outcomes:
            under.setdefault(self.tree_parent_id(outcome), []).append(outcome)
        return under

    @cached_property
    def outcome_tree(self) -> tuple[tuple[Outcome, int], ...]:
        """Every outcome in tree order with its depth (0 or 1): each top-level outcome, then
        the product outcomes that drive it. A product outcome with no parent is top-level."""
        ordered: list[tuple[Outcome, int]] = []
        for top in self.outcome_children(None):
            ordered.append((top, 0))
            ordered.extend((child, 1) for child in self.outcome_children(top.id))
        return tuple(ordered)

    def column(self, column: Column) -> tuple[Initiative, ...]:
        """The initiatives of one column, in priority order."""
        return tuple(i for i in self.initiatives if i.column is column)


@dataclass(frozen=True, slots=True)
class OkrChange:
    """Which outcomes and key results differ between two snapshots: new, gone or changed
    (a check-in changes its key result's current value)."""

    outcome_ids: frozenset[int]
    key_result_ids: frozenset[int]

    @classmethod
    def between(cls, before: RoadmapSnapshot, after: RoadmapSnapshot) -> OkrChange:
        def differing(old: Mapping[int, object], new: Mapping[int, object]) -> frozenset[int]:
            return frozenset(i for i in old.keys() | new.keys() if old.get(i) != new.get(i))

        return cls(
            differing(before.outcome_by_id, after.outcome_by_id),
            differing(before.key_result_by_id, after.key_result_by_id),
        )

    def touches(self, card: Initiative) -> bool:
        """Whether ``card`` shows anything that changed: its outcome or a linked key result."""
        return card.outcome_id in self.outcome_ids or any(
            k in self.key_result_ids for k in card.key_result_ids
        )
