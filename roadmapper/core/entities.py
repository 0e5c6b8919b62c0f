"""Frozen plain-data records: what the store returns and every upper layer reads."""

from __future__ import annotations

import datetime as dt
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

    def column(self, column: Column) -> tuple[Initiative, ...]:
        """The initiatives of one column, in priority order."""
        return tuple(i for i in self.initiatives if i.column is column)
