"""Roadmap health: four ratios that show how much of the plan is tied to outcomes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from roadmapper.core.entities import RoadmapSnapshot
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


def health(snapshot: RoadmapSnapshot, today: dt.date) -> Health:
    """The health of ``snapshot`` on ``today``; the same rules as the coaching lint.

    A key result with no check-in at all counts as not checked in. A check-in dated
    after ``today`` counts as recent, as it does for the lint's ``stale-check-in``.
    """
    outcomes = snapshot.outcome_by_id
    key_results = snapshot.key_result_by_id
    open_cards = [i for i in snapshot.initiatives if i.column is not Column.DONE]
    linked = sum(1 for i in open_cards if i.outcome_id in outcomes)
    now = [i for i in snapshot.initiatives if i.column is Column.NOW]
    ready = sum(
        1 for i in now if i.hypothesis.strip() and any(k in key_results for k in i.key_result_ids)
    )
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
    return Health(
        linked=Measure(linked, len(open_cards)),
        experiments=Measure(ready, len(now)),
        balanced=Measure(balanced, len(snapshot.outcomes)),
        fresh=Measure(fresh, len(snapshot.key_results)),
    )
