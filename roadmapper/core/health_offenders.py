"""What keeps each health tile from full: the cards, outcomes or key results it counts against.

Qt-free and built on the same rules as ``core.health``, so that for every tile
``len(offenders) == measure.total - measure.count``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from roadmapper.core.entities import Initiative, KeyResult, RoadmapSnapshot
from roadmapper.core.okr import MAX_KEY_RESULTS, MIN_KEY_RESULTS, STALE_AFTER_DAYS, latest_check_in
from roadmapper.core.text import count
from roadmapper.model.enums import Column

NO_OUTCOME = "No outcome"


class Subject(StrEnum):
    """What an offender is, and so where choosing it leads."""

    CARD = "card"
    OUTCOME = "outcome"
    KEY_RESULT = "key_result"


@dataclass(frozen=True, slots=True)
class Offender:
    """One thing a tile counts against: its name, where it sits and what is missing."""

    subject: Subject
    id: int
    name: str
    """The card's title, the outcome's objective or the key result's name, in full."""
    context: str
    """Where it sits: a card's outcome (or column), a key result's outcome."""
    problem: str
    """Why it counts against the tile, in a few words."""
    color: str | None = None
    """The colour of the outcome it belongs to; ``None`` when it has none."""


def _days(n: int) -> str:
    return "today" if n == 0 else f"{count(n, 'day')} ago"


def _card_outcome(snapshot: RoadmapSnapshot, card: Initiative) -> tuple[str, str | None]:
    outcome = snapshot.outcome_of(card)
    return (NO_OUTCOME, None) if outcome is None else (outcome.objective, outcome.color)


def unlinked(snapshot: RoadmapSnapshot) -> tuple[Offender, ...]:
    """Cards not yet Done that serve no outcome, in board order."""
    return tuple(
        Offender(Subject.CARD, c.id, c.title, c.column.label, "Serves no outcome")
        for c in snapshot.initiatives
        if c.column is not Column.DONE and c.outcome_id not in snapshot.outcome_by_id
    )


def unready(snapshot: RoadmapSnapshot) -> tuple[Offender, ...]:
    """Experiments in Now that name no key result or state no hypothesis."""
    found = []
    for card in snapshot.initiatives:
        if card.column is not Column.NOW:
            continue
        has_kr = any(k in snapshot.key_result_by_id for k in card.key_result_ids)
        has_hypothesis = bool(card.hypothesis.strip())
        if has_kr and has_hypothesis:
            continue
        missing = [
            text
            for text, there in (("no key result", has_kr), ("no hypothesis", has_hypothesis))
            if not there
        ]
        context, color = _card_outcome(snapshot, card)
        problem = " and ".join(missing).capitalize()
        found.append(Offender(Subject.CARD, card.id, card.title, context, problem, color))
    return tuple(found)


def unbalanced(snapshot: RoadmapSnapshot) -> tuple[Offender, ...]:
    """Outcomes with fewer than two or more than five key results, in tree order."""
    found = []
    for outcome in snapshot.outcomes:
        n = len(snapshot.key_results_by_outcome.get(outcome.id, ()))
        if MIN_KEY_RESULTS <= n <= MAX_KEY_RESULTS:
            continue
        kind = f"{outcome.level.value.capitalize()} outcome"
        problem = f"{count(n, 'key result', none='No key results')}; aim for about three"
        found.append(
            Offender(Subject.OUTCOME, outcome.id, outcome.objective, kind, problem, outcome.color)
        )
    return tuple(found)


def stale(snapshot: RoadmapSnapshot, today: dt.date) -> tuple[Offender, ...]:
    """Key results with no check-in in the last ``STALE_AFTER_DAYS`` days, grouped by outcome."""
    order = {o.id: i for i, o in enumerate(snapshot.outcomes)}
    found: list[tuple[int, int, Offender]] = []
    for rank, kr in enumerate(snapshot.key_results):
        latest = latest_check_in(snapshot.check_ins_by_key_result.get(kr.id, ()))
        if latest is not None and (today - latest.date).days <= STALE_AFTER_DAYS:
            continue
        problem = (
            "No check-in yet"
            if latest is None
            else f"Last check-in {_days((today - latest.date).days)}"
        )
        found.append(
            (order.get(kr.outcome_id, len(order)), rank, _key_result(snapshot, kr, problem))
        )
    return tuple(offender for _, _, offender in sorted(found, key=lambda t: (t[0], t[1])))


def _key_result(snapshot: RoadmapSnapshot, kr: KeyResult, problem: str) -> Offender:
    outcome = snapshot.outcome_by_id.get(kr.outcome_id)
    context = NO_OUTCOME if outcome is None else outcome.objective
    color = None if outcome is None else outcome.color
    return Offender(Subject.KEY_RESULT, kr.id, kr.name, context, problem, color)


def offenders(snapshot: RoadmapSnapshot, today: dt.date) -> dict[str, tuple[Offender, ...]]:
    """Every tile's offenders, keyed like ``core.health.Health``'s fields."""
    return {
        "linked": unlinked(snapshot),
        "experiments": unready(snapshot),
        "balanced": unbalanced(snapshot),
        "fresh": stale(snapshot, today),
    }
