"""What a person types about each thing on a roadmap: the input records every layer passes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roadmapper.core.entities import CheckIn, Initiative, KeyResult, Outcome
from roadmapper.model.enums import Direction, Indicator, Level

MAX_TITLE = 200
"""The longest initiative title, in characters: a card is a headline, not a spec."""


@dataclass(frozen=True, slots=True)
class InitiativeFields:
    """What a person types about an initiative (everything but place and id)."""

    title: str
    description: str = ""
    outcome_id: int | None = None
    hypothesis: str = ""
    result: str = ""
    key_result_ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, card: Initiative) -> InitiativeFields:
        """What an initiative says now (for an edit, or to undo one)."""
        return cls(
            card.title,
            card.description,
            card.outcome_id,
            card.hypothesis,
            card.result,
            card.key_result_ids,
        )


@dataclass(frozen=True, slots=True)
class OutcomeFields:
    """What a person sets on an outcome."""

    level: Level
    objective: str
    color: str
    parent_id: int | None

    @classmethod
    def of(cls, outcome: Outcome) -> OutcomeFields:
        return cls(outcome.level, outcome.objective, outcome.color, outcome.parent_id)


@dataclass(frozen=True, slots=True)
class KeyResultFields:
    """What a person types about a key result."""

    name: str
    direction: Direction
    indicator: Indicator
    unit: str = ""
    baseline: float | None = None
    current: float | None = None
    tiers: tuple[float, ...] = ()
    guardrail: bool = False

    @classmethod
    def of(cls, kr: KeyResult) -> KeyResultFields:
        """What a key result says now (for an edit, or to undo one)."""
        return cls(
            kr.name,
            kr.direction,
            kr.indicator,
            kr.unit,
            kr.baseline,
            kr.current,
            kr.tiers,
            kr.guardrail,
        )


@dataclass(frozen=True, slots=True)
class CheckInFields:
    """What a person records at a check-in."""

    date: dt.date
    value: float
    note: str = ""
    confidence: int | None = None

    @classmethod
    def of(cls, check_in: CheckIn) -> CheckInFields:
        return cls(check_in.date, check_in.value, check_in.note, check_in.confidence)
