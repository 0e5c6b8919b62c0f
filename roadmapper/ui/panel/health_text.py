"""What the health tiles and their lists say: labels, tooltips and one-sentence headlines."""

from __future__ import annotations

from dataclasses import dataclass

from roadmapper.core.health import Measure
from roadmapper.core.text import count

MAX_AS_COUNT = 20
"""Totals up to this show as "4/6"; larger ones as a percentage."""


@dataclass(frozen=True, slots=True)
class TileText:
    """What a tile says: its label, what it measures, and what to do about the rest.

    ``thing`` and ``failing`` make the list's headline: "2 initiatives" + "serve no
    outcome"; ``failing`` is ``(singular verb phrase, plural verb phrase)``.
    """

    key: str
    label: str
    measures: str
    advice: str
    thing: str
    failing: tuple[str, str]
    done: str
    empty: str


TILES: tuple[TileText, ...] = (
    TileText(
        "linked",
        "Linked to an outcome",
        "Initiatives not yet done that serve an outcome",
        "Link the others to the product outcome they should move, or ask whether they "
        "belong on the roadmap at all.",
        "initiative",
        ("serves no outcome", "serve no outcome"),
        "Every initiative not yet done serves an outcome.",
        "No initiatives outside Done yet, so there is nothing to measure.",
    ),
    TileText(
        "experiments",
        "Now with KR + hypothesis",
        "Experiments in Now that name a key result and state a hypothesis",
        "For the others, pick the key results they should move and write “We believe "
        "<output> will <move KR> by <amount>”.",
        "experiment",
        ("in Now lacks a key result or a hypothesis", "in Now lack a key result or a hypothesis"),
        "Every experiment in Now names a key result and states a hypothesis.",
        "No experiments in Now yet, so there is nothing to measure.",
    ),
    TileText(
        "balanced",
        "Outcomes with 2–5 KRs",
        "Outcomes measured by two to five key results",
        "Aim for about three key results per outcome, one of them a guardrail.",
        "outcome",
        (
            "has fewer than 2 or more than 5 key results",
            "have fewer than 2 or more than 5 key results",
        ),
        "Every outcome is measured by two to five key results.",
        "No outcomes yet, so there is nothing to measure.",
    ),
    TileText(
        "fresh",
        "KRs checked in ≤30 days",
        "Key results with a check-in in the last 30 days",
        "Record a check-in weekly or at each release, so you see which tier has been "
        "reached while there is time to react.",
        "key result",
        ("has no check-in in the last 30 days", "have no check-in in the last 30 days"),
        "Every key result has a check-in from the last 30 days.",
        "No key results yet, so there is nothing to measure.",
    ),
)


def figure(measure: Measure) -> str:
    """The tile's big number: "4/6", "78%", or "—" when there is nothing to measure."""
    if measure.total == 0:
        return "—"
    if measure.total <= MAX_AS_COUNT:
        return f"{measure.count}/{measure.total}"
    return f"{round(100 * measure.count / measure.total)}%"


def explanation(text: TileText, measure: Measure) -> str:
    """The tooltip: what the tile measures, the exact count, and what to do."""
    if measure.total == 0:
        return f"{text.measures}: nothing to measure yet."
    head = f"{text.measures}: {measure.count} of {measure.total}."
    if measure.complete:
        return f"{head}\nAll in good shape."
    return f"{head}\n{text.advice}"


def spoken(text: TileText, measure: Measure) -> str:
    """The tile's accessible name: its meaning and its figure in words ("4 of 6")."""
    if measure.total == 0:
        return f"{text.label}: nothing to measure"
    return f"{text.label}: {measure.count} of {measure.total}"


def headline(text: TileText, failing: int, total: int) -> str:
    """The list's one sentence: how many fail, or that none do, or that there is nothing."""
    if total == 0:
        return text.empty
    if failing == 0:
        return text.done
    verb = text.failing[0] if failing == 1 else text.failing[1]
    return f"{count(failing, text.thing)} {verb}."
