"""What an initiative card shows, decided once for the board and for every slide writer.

Plain values only, no Qt: the board's column model, the slide layouts and the
PPTX writer all build a card from ``card_content`` and paint or place what it
says, so the screen and the deck cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmapper.core import okr
from roadmapper.core.entities import Initiative, KeyResult, RoadmapSnapshot
from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.model.enums import Column

NO_OUTCOME = "No outcome"
NO_RESULT = "No result recorded yet"
NO_HYPOTHESIS = "No hypothesis yet"
NO_KEY_RESULT = "No key result linked"

NOTE_COLUMNS = (Column.NOW, Column.DONE)
"""Columns whose cards have a note row: the hypothesis (Now) or the result (Done)."""


@dataclass(frozen=True, slots=True)
class ChipData:
    """One linked key result: its name and how far it has come."""

    label: str  # the painter elides it
    reached: int  # tiers reached, 0..tiers
    tiers: int
    fraction: float | None  # 0..1 from baseline to the ultimate target; None = unknown


@dataclass(frozen=True, slots=True)
class CardData:
    """What a card shows; plain values, so a delegate can build it in O(1)."""

    title: str
    outcome_label: str  # the outcome's objective; "" = no outcome
    color: str  # "#rrggbb" outcome colour (palette.UNLINKED_COLOR when no outcome)
    chips: tuple[ChipData, ...] = ()
    hypothesis: str | None = None  # None: no hypothesis row; "": a Now card without one
    result: str = ""  # what a Done card taught; shown instead of the hypothesis
    done: bool = False  # a Done card: its note row asks for the result when there is none


def chip_for(kr: KeyResult) -> ChipData:
    """A key result as a card's chip: its name and its tier meter."""
    score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
    return ChipData(kr.name, score.tiers_reached, score.tier_count, score.fraction)


def card_content(snapshot: RoadmapSnapshot, card: Initiative, show_chips: bool = True) -> CardData:
    """What ``card`` shows, given the outcomes and key results of ``snapshot``.

    The note row belongs to the column: a Now card states its hypothesis, a Done
    card its result. ``show_chips`` false leaves the key results off (an export option).
    """
    outcome = snapshot.outcome_of(card)
    krs = (snapshot.key_result_by_id.get(k) for k in card.key_result_ids) if show_chips else ()
    return CardData(
        title=card.title,
        outcome_label=outcome.objective if outcome else "",
        color=outcome.color if outcome else UNLINKED_COLOR,
        chips=tuple(chip_for(kr) for kr in krs if kr is not None),
        hypothesis=card.hypothesis if card.column is Column.NOW else None,
        result=card.result if card.column is Column.DONE else "",
        done=card.column is Column.DONE,
    )
