"""Key result scoring in both directions, tier validation, the newest check-in."""

from __future__ import annotations

import datetime as dt

import pytest

from roadmapper.core import okr
from roadmapper.core.entities import CheckIn
from roadmapper.core.errors import InvalidInputError
from roadmapper.model.enums import Direction

UP, DOWN = Direction.INCREASE, Direction.DECREASE


@pytest.mark.parametrize(
    ("direction", "tiers", "value", "reached"),
    [
        (UP, (130, 140, 150), 120, 0),
        (UP, (130, 140, 150), 130, 1),
        (UP, (130, 140, 150), 149.9, 2),
        (UP, (130, 140, 150), 170, 3),
        (DOWN, (20, 15, 10), 25, 0),
        (DOWN, (20, 15, 10), 15, 2),
        (DOWN, (20, 15, 10), 3, 3),
        (UP, (), 500, 0),
        (UP, (130,), None, 0),
    ],
)
def test_tiers_reached(
    direction: Direction, tiers: tuple, value: float | None, reached: int
) -> None:
    assert okr.tiers_reached(direction, tiers, value) == reached


@pytest.mark.parametrize(
    ("direction", "baseline", "tiers", "value", "fraction"),
    [
        (UP, 100, (120, 150), 125, 0.5),
        (UP, 100, (120, 150), 90, 0.0),  # went backwards: clamped
        (UP, 100, (120, 150), 180, 1.0),  # beyond the ultimate target: clamped
        (DOWN, 40, (30, 20), 35, 0.25),
        (DOWN, 40, (30, 20), 50, 0.0),
        (DOWN, 40, (30, 20), 10, 1.0),
        (UP, None, (120,), 110, None),  # no baseline: unknown
        (UP, 100, (), 110, None),  # no target: unknown
        (UP, 100, (120,), None, None),  # no value: unknown
    ],
)
def test_progress(
    direction: Direction,
    baseline: float | None,
    tiers: tuple,
    value: float | None,
    fraction: float | None,
) -> None:
    result = okr.progress(direction, baseline, tiers, value)
    if fraction is None:
        assert result is None
    else:
        assert result == pytest.approx(fraction)


def test_progress_when_baseline_equals_target() -> None:
    assert okr.progress(UP, 10, (10,), 10) == 1.0
    assert okr.progress(UP, 10, (10,), 9) == 0.0


def test_score_combines_both() -> None:
    s = okr.score(DOWN, 40, (30, 20), 28)
    assert (s.tiers_reached, s.tier_count) == (1, 2)
    assert s.fraction == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("direction", "tiers", "problem"),
    [
        (UP, (1, 2, 3), None),
        (DOWN, (3, 2, 1), None),
        (UP, (), None),
        (UP, (1, 1), "rise strictly"),
        (UP, (3, 2), "rise strictly"),
        (DOWN, (1, 2), "fall strictly"),
        (UP, (1, 2, 3, 4, 5, 6), "at most 5"),
        (UP, (1, float("inf")), "finite"),
    ],
)
def test_tier_problem(direction: Direction, tiers: tuple, problem: str | None) -> None:
    found = okr.tier_problem(direction, tiers)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_latest_check_in_prefers_date_then_entry_order() -> None:
    day = dt.date(2026, 10, 1)
    a = CheckIn(1, 1, day, 10)
    b = CheckIn(2, 1, day + dt.timedelta(days=7), 12)
    c = CheckIn(3, 1, day + dt.timedelta(days=7), 13)
    old = CheckIn(4, 1, day - dt.timedelta(days=30), 99)
    assert okr.latest_check_in([a, c, b, old]) is c
    assert okr.latest_check_in([]) is None


@pytest.mark.parametrize(
    ("value", "text"), [(120.0, "120"), (0.25, "0.25"), (-3.0, "-3"), (None, "?")]
)
def test_format_number(value: float | None, text: str) -> None:
    assert okr.format_number(value) == text


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12.5", 12.5),
        (" -3 ", -3.0),
        ("+4", 4.0),
        (".5", 0.5),
        ("7.", 7.0),
        ("1e6", 1e6),
        ("", None),
    ],
)
def test_parse_number_reads_what_a_person_types(typed: str, number: float | None) -> None:
    assert okr.parse_number(typed) == number


@pytest.mark.parametrize(
    "typed", ["1,5", "1 000", "1_000", "12,5", "inf", "nan", "1e999", "abc", "--1"]
)
def test_parse_number_refuses_rather_than_guesses(typed: str) -> None:
    with pytest.raises(InvalidInputError, match="is not a number"):
        okr.parse_number(typed)


def test_tier_text_is_read_like_a_person_writes_it() -> None:
    assert okr.split_tiers(" 1.5,2 ;3  4 ") == (1.5, 2.0, 3.0, 4.0)
    assert okr.split_tiers("") == ()
    assert okr.parse_tiers("30 20 10", Direction.DECREASE) == (30.0, 20.0, 10.0)
    with pytest.raises(InvalidInputError, match="write tiers like"):
        okr.split_tiers("130, 1_40")
    with pytest.raises(InvalidInputError):
        okr.parse_tiers("10 20", Direction.DECREASE)
