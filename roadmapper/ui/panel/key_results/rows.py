"""What one compact key result row says: tier reached, meter, tags, tooltip; plain values."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from roadmapper.core import okr
from roadmapper.core.entities import KeyResult
from roadmapper.model.enums import Direction, Indicator
from roadmapper.render.ladder import with_unit
from roadmapper.render.wrap import elide_words, wrap_lines

NO_TIERS = "No tiers yet"
NO_VALUE = "No value yet"
BELOW_BASELINE = "Below baseline"
LINKED = "linked"
GUARDRAIL = "guardrail"
INDICATOR_TAGS = {Indicator.LEADING: "lead", Indicator.LAGGING: "lag"}
DIRECTION_WORDS = {Direction.INCREASE: "Higher is better", Direction.DECREASE: "Lower is better"}
INDICATOR_WORDS = {
    Indicator.LEADING: "Leading: moves early, inside the team's influence",
    Indicator.LAGGING: "Lagging: a company-level result that moves late",
}


@dataclass(frozen=True, slots=True)
class MeterData:
    """The small meter: how far the value is (0..1) and where each tier sits on the way."""

    fraction: float
    """Filled share of the meter, 0..1."""
    ticks: tuple[float, ...]
    """Each tier's position on the meter, 0..1, the last one at 1."""
    reached: int
    known: bool
    """Whether ``fraction`` is the real progress (baseline and value known) or tiers only."""
    color: str


@dataclass(frozen=True, slots=True)
class RowData:
    """Everything a row paints and says, computed once per change of the key results."""

    id: int
    name: str
    tier_text: str
    meter: MeterData | None
    tags: tuple[str, ...]
    tooltip: str
    linked: bool
    color: str
    """The outcome's colour: the meter's fill and the linked marker."""


def tier_text(kr: KeyResult) -> str:
    """ "Tier 2 of 3", "Below baseline", "No value yet" or "No tiers yet"."""
    if not kr.tiers:
        return NO_TIERS
    if kr.current is None:
        return NO_VALUE
    reached = okr.tiers_reached(kr.direction, kr.tiers, kr.current)
    if reached == 0 and kr.baseline is not None and _worse(kr.direction, kr.current, kr.baseline):
        return BELOW_BASELINE
    return f"Tier {reached} of {len(kr.tiers)}"


def _worse(direction: Direction, value: float, baseline: float) -> bool:
    return value < baseline if direction is Direction.INCREASE else value > baseline


def meter_of(kr: KeyResult, color: str) -> MeterData | None:
    """The meter of ``kr``: ``None`` without tiers (nothing to measure against)."""
    if not kr.tiers:
        return None
    n = len(kr.tiers)
    reached = okr.tiers_reached(kr.direction, kr.tiers, kr.current)
    fraction = okr.progress(kr.direction, kr.baseline, kr.tiers, kr.current)
    span = kr.tiers[-1] - kr.baseline if kr.baseline is not None else 0.0
    if fraction is None or span == 0 or kr.baseline is None:
        # Without a baseline the tiers cannot be placed by value: evenly, filled by count.
        ticks = tuple((i + 1) / n for i in range(n))
        return MeterData(reached / n, ticks, reached, False, color)
    ticks = tuple(max(0.0, min(1.0, (t - kr.baseline) / span)) for t in kr.tiers)
    return MeterData(fraction, ticks, reached, True, color)


def tags_of(kr: KeyResult, linked: bool) -> tuple[str, ...]:
    """The small tags of a row, in painting order (right to left)."""
    tags = [INDICATOR_TAGS[kr.indicator]]
    if kr.guardrail:
        tags.append(GUARDRAIL)
    if linked:
        tags.append(LINKED)
    return tuple(tags)


def tooltip_of(kr: KeyResult, linked: bool) -> str:
    """The whole name first, then the numbers behind the row (plain text, lines)."""
    lines = [kr.name]
    now = "unknown" if kr.current is None else with_unit(kr.current, kr.unit)
    base = "not set" if kr.baseline is None else with_unit(kr.baseline, kr.unit)
    lines.append(f"Now {now} · baseline {base}")
    if kr.tiers:
        tiers = " / ".join(with_unit(t, kr.unit) for t in kr.tiers)
        where = tier_text(kr)
        fraction = okr.progress(kr.direction, kr.baseline, kr.tiers, kr.current)
        if fraction is not None:
            where += f", {round(fraction * 100)}% of the way"
        lines.append(f"Tiers {tiers} · {where}")
    else:
        lines.append(NO_TIERS)
    kind = f"{DIRECTION_WORDS[kr.direction]} · {kr.indicator.value}"
    if kr.guardrail:
        kind += " · guardrail"
    lines.append(kind)
    if linked:
        lines.append("Linked to the selected card")
    return "\n".join(lines)


def row_of(kr: KeyResult, color: str, linked: bool) -> RowData:
    return RowData(
        kr.id,
        kr.name,
        tier_text(kr),
        meter_of(kr, color),
        tags_of(kr, linked),
        tooltip_of(kr, linked),
        linked,
        color,
    )


def name_lines(text: str, font: QFont, width: float, max_lines: int = 2) -> list[str]:
    """``text`` wrapped into ``max_lines`` lines of ``width``; the last cut at a word with "…"."""
    fm = QFontMetricsF(font)

    def fits(line: str) -> bool:
        return fm.horizontalAdvance(line) <= width

    def elide(rest: str) -> str:
        return elide_words(
            rest, fits, lambda t: fm.elidedText(t, Qt.TextElideMode.ElideRight, width)
        )

    return wrap_lines(" ".join(text.split()), font, width, max_lines, elide)


def one_line(text: str, font: QFont, width: float) -> str:
    """``text`` on one line of ``width``, cut at a word with "…" when it is too long."""
    return "".join(name_lines(text, font, width, 1))
