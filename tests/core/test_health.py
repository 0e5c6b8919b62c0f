"""Tests of the roadmap health measures."""

from __future__ import annotations

import datetime as dt

from roadmapper.core.entities import (
    CheckIn,
    Initiative,
    KeyResult,
    Outcome,
    Roadmap,
    RoadmapSnapshot,
)
from roadmapper.core.health import Measure, health
from roadmapper.model.enums import Column, Direction, Indicator, Level

TODAY = dt.date(2026, 11, 22)


def _outcome(outcome_id: int) -> Outcome:
    return Outcome(outcome_id, 1, Level.PRODUCT, f"Objective {outcome_id}", "#0072b2")


def _kr(kr_id: int, outcome_id: int) -> KeyResult:
    name = f"Raise metric {kr_id}"
    return KeyResult(kr_id, outcome_id, name, Direction.INCREASE, Indicator.LEADING)


def _card(
    card_id: int,
    column: Column,
    outcome_id: int | None = None,
    krs: tuple[int, ...] = (),
    hypothesis: str = "",
) -> Initiative:
    return Initiative(
        card_id,
        1,
        f"Card {card_id}",
        column,
        f"a{card_id}",
        outcome_id=outcome_id,
        hypothesis=hypothesis,
        key_result_ids=krs,
    )


def test_empty_roadmap_measures_nothing() -> None:
    result = health(RoadmapSnapshot(Roadmap(1, "Empty")), TODAY)
    assert result.linked == result.experiments == result.balanced == result.fresh == (0, 0)
    assert result.linked.fraction is None and result.linked.complete


def test_linked_counts_open_cards_with_an_existing_outcome() -> None:
    snapshot = RoadmapSnapshot(
        Roadmap(1, "R"),
        outcomes=(_outcome(1),),
        initiatives=(
            _card(1, Column.NOW, 1),
            _card(2, Column.NEXT, None),
            _card(3, Column.LATER, 99),  # a dangling link is no link
            _card(4, Column.DONE, None),  # done work is not counted at all
            _card(5, Column.LATER, 1),
        ),
    )
    assert health(snapshot, TODAY).linked == Measure(2, 4)


def test_experiments_need_an_existing_key_result_and_a_hypothesis() -> None:
    snapshot = RoadmapSnapshot(
        Roadmap(1, "R"),
        outcomes=(_outcome(1),),
        key_results=(_kr(10, 1),),
        initiatives=(
            _card(1, Column.NOW, 1, (10,), "We believe it will"),
            _card(2, Column.NOW, 1, (10,), "   "),
            _card(3, Column.NOW, 1, (), "We believe it will"),
            _card(4, Column.NOW, 1, (77,), "We believe it will"),
            _card(5, Column.NEXT, 1, (10,), "We believe it will"),
        ),
    )
    result = health(snapshot, TODAY).experiments
    assert result == Measure(1, 4)
    assert result.fraction == 0.25 and not result.complete


def test_balanced_outcomes_have_two_to_five_key_results() -> None:
    counts = {1: 0, 2: 1, 3: 2, 4: 5, 5: 6}
    krs = []
    for outcome_id, count in counts.items():
        krs += [_kr(outcome_id * 10 + n, outcome_id) for n in range(count)]
    snapshot = RoadmapSnapshot(
        Roadmap(1, "R"), outcomes=tuple(_outcome(i) for i in counts), key_results=tuple(krs)
    )
    assert health(snapshot, TODAY).balanced == Measure(2, 5)


def test_fresh_key_results_were_checked_in_within_thirty_days() -> None:
    def check_in(check_in_id: int, kr_id: int, days_ago: int) -> CheckIn:
        return CheckIn(check_in_id, kr_id, TODAY - dt.timedelta(days=days_ago), 1.0)

    snapshot = RoadmapSnapshot(
        Roadmap(1, "R"),
        outcomes=(_outcome(1),),
        key_results=tuple(_kr(i, 1) for i in range(1, 6)),
        check_ins=(
            check_in(1, 1, 30),  # exactly thirty days: still fresh
            check_in(2, 2, 31),
            check_in(3, 3, 90),
            check_in(4, 3, 2),  # the newest one counts
            check_in(5, 4, -3),  # dated ahead: not stale, as in the lint
        ),  # key result 5 was never checked in
    )
    assert health(snapshot, TODAY).fresh == Measure(3, 5)


def test_sample_roadmap(sample_snapshot: RoadmapSnapshot) -> None:
    result = health(sample_snapshot, TODAY)
    # 15 open cards, two of them unlinked ("Dark theme", "Loyalty stamp card").
    assert result.linked == (13, 15)
    # Six in Now: one names no key result, one states no hypothesis.
    assert result.experiments == (4, 6)
    assert result.balanced == (5, 5)
    assert result.fresh == (15, 15)
    # A quarter later nothing has been checked in recently.
    assert health(sample_snapshot, TODAY + dt.timedelta(days=90)).fresh == (0, 15)
