"""Roadmap health: four ratios that show how much of the plan is tied to outcomes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from roadmapper.core.entities import Initiative, RoadmapSnapshot
from roadmapper.core.okr import MAX_KEY_RESULTS, MIN_KEY_RESULTS, STALE_AFTER_DAYS, latest_check_in
from roadmapper.model.enums import Column


class Measure(NamedTuple):
    """``count`` of ``total`` things are in good shape."""

    # Shadows tuple.count on purpose: ``measure.count`` is what callers read, and a
    # NamedTuple (not a dataclass) keeps ``measure == (count, total)`` true.
    count: int  # type: ignore[assignment]
    total: int

    @property
    def fraction(self) -> float | None:
        """``count / total``; ``None`` when there is nothing to measure."""
        return self.count / self.total if self.total else None

    @property
    def complete(self) -> bool:
        """Everything measured is in good shape (vacuously so when there is nothing)."""
        return self.count == self.total


@dataclass(frozen=True, slots=True)
class Health:
    """The four measures of one roadmap on one day."""

    linked: Measure
    """Initiatives not yet Done that serve an outcome."""
    experiments: Measure
    """Now initiatives that name at least one key result and state a hypothesis."""
    balanced: Measure
    """Outcomes with two to five key results."""
    fresh: Measure
    """Key results whose newest check-in is at most ``STALE_AFTER_DAYS`` days old."""


class CardTally(NamedTuple):
    """What one card adds to the card measures (each 0 or 1); tallies add up."""

    open: int
    linked: int
    now: int
    ready: int

    def __add__(self, other: object) -> CardTally:
        assert isinstance(other, CardTally)
        return CardTally(*(a + b for a, b in zip(self, other, strict=True)))

    def __sub__(self, other: CardTally) -> CardTally:
        return CardTally(*(a - b for a, b in zip(self, other, strict=True)))


NO_TALLY = CardTally(0, 0, 0, 0)


def card_tally(
    card: Initiative, outcomes: Mapping[int, object], key_results: Mapping[int, object]
) -> CardTally:
    """``card``'s share of the linked and experiments measures, given the roadmap's
    outcomes and key results by id: a window adds up the cards that changed only.

    One of seven tallies, made once: this runs for every card of a roadmap shown anew.
    """
    column = card.column
    if column is Column.DONE:
        return NO_TALLY
    linked = card.outcome_id in outcomes
    if column is not Column.NOW:
        return _OPEN_LINKED if linked else _OPEN
    ready = bool(card.hypothesis.strip()) and any(k in key_results for k in card.key_result_ids)
    return _NOW_TALLIES[linked, ready]


_OPEN, _OPEN_LINKED = CardTally(1, 0, 0, 0), CardTally(1, 1, 0, 0)
_NOW_TALLIES = {
    (linked, ready): CardTally(1, int(linked), 1, int(ready))
    for linked in (False, True)
    for ready in (False, True)
}


def tally_sum(tallies: Iterable[CardTally]) -> CardTally:
    """The sum of ``tallies``, counted by kind (there are seven), not added one by one."""
    return sum(
        (CardTally(*(n * part for part in tally)) for tally, n in Counter(tallies).items()),
        NO_TALLY,
    )


def health(snapshot: RoadmapSnapshot, today: dt.date) -> Health:
    """The health of ``snapshot`` on ``today``; the same rules as the coaching lint.

    A key result with no check-in at all counts as not checked in. A check-in dated
    after ``today`` counts as recent, as it does for the lint's ``stale-check-in``.
    """
    outcomes, key_results = snapshot.outcome_by_id, snapshot.key_result_by_id
    cards = tally_sum(card_tally(i, outcomes, key_results) for i in snapshot.initiatives)
    return health_of(snapshot, cards, today)


def health_of(snapshot: RoadmapSnapshot, cards: CardTally, today: dt.date) -> Health:
    """The health of ``snapshot``'s outcomes and key results on ``today``, with the cards
    counted in ``cards`` (the sum of their tallies), whatever cards the snapshot holds."""
    by_outcome = snapshot.key_results_by_outcome
    balanced = sum(
        1
        for o in snapshot.outcomes
        if MIN_KEY_RESULTS <= len(by_outcome.get(o.id, ())) <= MAX_KEY_RESULTS
    )
    fresh = 0
    for kr in snapshot.key_results:
        latest = latest_check_in(snapshot.check_ins_by_key_result.get(kr.id, ()))
        if latest is not None and (today - latest.date).days <= STALE_AFTER_DAYS:
            fresh += 1
    return with_cards(
        Health(
            linked=Measure(0, 0),
            experiments=Measure(0, 0),
            balanced=Measure(balanced, len(snapshot.outcomes)),
            fresh=Measure(fresh, len(snapshot.key_results)),
        ),
        cards,
    )


def with_cards(measured: Health, cards: CardTally) -> Health:
    """``measured`` with its card measures taken from ``cards`` (the OKR ones kept)."""
    return dataclasses.replace(
        measured,
        linked=Measure(cards.linked, cards.open),
        experiments=Measure(cards.ready, cards.now),
    )
