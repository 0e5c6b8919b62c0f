"""Key result arithmetic: tiers reached, progress to the ultimate target, validation."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from roadmapper.core.entities import CheckIn
from roadmapper.core.errors import InvalidInputError
from roadmapper.model.enums import Direction

MAX_TIERS = 5
MIN_KEY_RESULTS = 2
MAX_KEY_RESULTS = 5
"""About three key results per objective; fewer or more is a smell."""
STALE_AFTER_DAYS = 30
"""A key result not checked in for longer than this has gone stale."""


@dataclass(frozen=True, slots=True)
class Score:
    """Where a key result stands: tiers reached (0..N) and fraction of the way."""

    tiers_reached: int
    tier_count: int
    fraction: float | None


def _reached(direction: Direction, value: float, target: float) -> bool:
    return value >= target if direction is Direction.INCREASE else value <= target


def tiers_reached(direction: Direction, tiers: Sequence[float], value: float | None) -> int:
    """How many tiers ``value`` has reached, counting from the first (0..N)."""
    if value is None:
        return 0
    count = 0
    for target in tiers:
        if not _reached(direction, value, target):
            break
        count += 1
    return count


def progress(
    direction: Direction, baseline: float | None, tiers: Sequence[float], value: float | None
) -> float | None:
    """Fraction of the way from ``baseline`` to the last tier, clamped to 0..1.

    ``None`` when it cannot be known: no baseline, no current value, no tier.
    """
    if baseline is None or value is None or not tiers:
        return None
    ultimate = tiers[-1]
    span = ultimate - baseline
    if span == 0:
        return 1.0 if _reached(direction, value, ultimate) else 0.0
    fraction = (value - baseline) / span
    return max(0.0, min(1.0, fraction))


def score(
    direction: Direction, baseline: float | None, tiers: Sequence[float], value: float | None
) -> Score:
    """Tiers reached and fraction, together."""
    return Score(
        tiers_reached(direction, tiers, value),
        len(tiers),
        progress(direction, baseline, tiers, value),
    )


def tier_problem(direction: Direction, tiers: Sequence[float]) -> str | None:
    """Why ``tiers`` are not valid for ``direction``, or ``None`` when they are.

    Valid tiers are 0 to 5 finite numbers, strictly increasing for an
    "increase" key result and strictly decreasing for a "decrease" one.
    """
    if len(tiers) > MAX_TIERS:
        return f"a key result has at most {MAX_TIERS} tiers, not {len(tiers)}"
    for value in tiers:
        if not math.isfinite(value):
            return "tiers must be finite numbers"
    for earlier, later in itertools.pairwise(tiers):
        if direction is Direction.INCREASE and not later > earlier:
            return (
                f"tiers of an increasing key result must rise strictly: "
                f"{format_number(later)} follows {format_number(earlier)}"
            )
        if direction is Direction.DECREASE and not later < earlier:
            return (
                f"tiers of a decreasing key result must fall strictly: "
                f"{format_number(later)} follows {format_number(earlier)}"
            )
    return None


def check_in_date_problem(day: dt.date, today: dt.date) -> str | None:
    """Why a check-in cannot be dated ``day``, or ``None``: no check-in is dated after today.

    A future check-in would count as the newest (and so as "recent") before it happened.
    """
    if day > today:
        return (
            f"a check-in records a value already measured, so it cannot be dated after "
            f"today ({today.isoformat()})"
        )
    return None


def latest_check_in(check_ins: Iterable[CheckIn]) -> CheckIn | None:
    """The newest check-in by date; on the same date, the one recorded last."""
    best: CheckIn | None = None
    for c in check_ins:
        if best is None or (c.date, c.id) >= (best.date, best.id):
            best = c
    return best


def format_number(value: float | None) -> str:
    """A number as a person writes it: ``120`` not ``120.0``, ``0.25`` as is."""
    if value is None:
        return "?"
    if math.isfinite(value) and value == int(value) and abs(value) < 2**53:
        return str(int(value))
    return repr(value)


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_TIER_SEPARATORS = re.compile(r"[,;\s]+")


def parse_number(text: str) -> float | None:
    """A number as a person types it ("12.5", "-3", "1e6"); empty text is ``None`` (unknown).

    Only digits, one dot and an exponent: "1,5", "1 000" and "1_000" are refused
    rather than guessed, and so are "inf" and "nan".
    """
    text = text.strip()
    if not text:
        return None
    value = float(text) if _NUMBER.fullmatch(text) else math.nan
    if not math.isfinite(value):
        raise InvalidInputError(
            f"“{text}” is not a number; write it with digits and a dot, like 12.5."
        )
    return value


def split_tiers(text: str) -> tuple[float, ...]:
    """Tiers typed as ``130, 140, 150`` (commas, semicolons or spaces between them)."""
    tiers: list[float] = []
    for word in _TIER_SEPARATORS.split(text.strip()):
        if not word:
            continue
        try:
            value = parse_number(word)
        except InvalidInputError:
            raise InvalidInputError(
                f"“{word}” is not a number; write tiers like 130, 140, 150."
            ) from None
        if value is not None:
            tiers.append(value)
    return tuple(tiers)


def parse_tiers(text: str, direction: Direction) -> tuple[float, ...]:
    """Typed tiers, checked as the store will: at most five, monotonic in ``direction``."""
    tiers = split_tiers(text)
    problem = tier_problem(direction, tiers)
    if problem:
        raise InvalidInputError(f"{problem}.")
    return tiers
