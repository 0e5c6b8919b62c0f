"""A readable Markdown roadmap: outcomes with their key results and tiers, then the columns."""

from __future__ import annotations

import re

from roadmapper.core import okr
from roadmapper.core.entities import KeyResult, Outcome, RoadmapSnapshot
from roadmapper.core.text import we_will
from roadmapper.model.enums import Column, Direction, Level

# Characters that are markup wherever they stand (emphasis, code, links, HTML, tables,
# strikethrough); "(" and ")" are only part of a link after "]", which is escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Markup only at the start of a line: a heading, a quote, a list item, a numbered item.
_LINE_START = re.compile(r"^(?:(#(?=#{0,5}(?:\s|$))|[+-](?=\s|$)|>)|(\d{1,9})([.)])(?=\s|$))")


def escape(text: str) -> str:
    """User text as literal Markdown: markup characters escaped, lines joined.

    Only what Markdown would read as markup is escaped, so "(median)" stays as typed.
    """
    flat = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", flat
    )


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "unknown"
    return f"{okr.format_number(value)} {escape(unit)}".rstrip()


def _key_result_lines(kr: KeyResult) -> list[str]:
    arrow = "↑" if kr.direction is Direction.INCREASE else "↓"
    tags = [kr.indicator.value] + (["guardrail"] if kr.guardrail else [])
    lines = [f"- {arrow} **{escape(kr.name)}** ({', '.join(tags)})"]
    lines.append(
        f"  - baseline {_number(kr.baseline, kr.unit)}, current {_number(kr.current, kr.unit)}"
    )
    if kr.tiers:
        score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
        tiers = " / ".join(okr.format_number(t) for t in kr.tiers)
        fraction = "" if score.fraction is None else f", {score.fraction:.0%} of the way"
        lines.append(
            f"  - tiers {tiers}: {score.tiers_reached} of {score.tier_count} reached{fraction}"
        )
    else:
        lines.append("  - no target tiers yet")
    return lines


def _outcome_lines(snapshot: RoadmapSnapshot, outcome: Outcome, heading: str) -> list[str]:
    lines = [f"{heading} {escape(we_will(outcome.objective))}", ""]
    krs = snapshot.key_results_by_outcome.get(outcome.id, ())
    if krs:
        lines += ["as measured by:", ""]
        for kr in krs:
            lines += _key_result_lines(kr)
    else:
        lines.append("_No key results yet._")
    return [*lines, ""]


def to_markdown(snapshot: RoadmapSnapshot) -> str:
    """The whole roadmap as Markdown text."""
    lines = [f"# {escape(snapshot.roadmap.name)}", ""]
    if snapshot.roadmap.description.strip():
        lines += [escape(snapshot.roadmap.description), ""]
    lines += ["## Outcomes", ""]
    for outcome, depth in snapshot.outcome_tree:
        kind = "Business" if outcome.level is Level.BUSINESS else "Product"
        lines += _outcome_lines(snapshot, outcome, f"{'#' * (3 + depth)} {kind} outcome:")
    if not snapshot.outcomes:
        lines += ["_No outcomes yet._", ""]

    for column in Column:
        cards = snapshot.column(column)
        lines += [f"## {column.label} ({len(cards)})", ""]
        if not cards:
            lines += ["_Nothing here._", ""]
            continue
        for n, card in enumerate(cards, start=1):
            served = snapshot.outcome_of(card)
            why = f" (for: {escape(served.objective)})" if served else " (no outcome)"
            lines.append(f"{n}. **{escape(card.title)}**{why}")
            if card.description.strip():
                lines.append(f"   {escape(card.description)}")
            krs = [snapshot.key_result_by_id[k].name for k in card.key_result_ids]
            if krs:
                lines.append(f"   - Moves: {'; '.join(escape(k) for k in krs)}")
            if card.hypothesis.strip():
                lines.append(f"   - Hypothesis: {escape(card.hypothesis)}")
            if card.result.strip():
                lines.append(f"   - Result: {escape(card.result)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
