"""How an outcome reads in the panel: the OKR sentence and its tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from roadmapper.core import okr
from roadmapper.core.entities import KeyResult, Outcome
from roadmapper.core.text import we_will
from roadmapper.model.enums import Level


def tooltip(outcome: Outcome, key_results: Sequence[KeyResult]) -> str:
    """The OKR sentence with where each key result stands.

    The first line is fixed text, so Qt's rich-text guess (which reads only the
    first line) always sees plain text, whatever the objective contains.
    """
    kind = "Business outcome" if outcome.level is Level.BUSINESS else "Product outcome"
    lines = [kind, we_will(outcome.objective)]
    if not key_results:
        lines.append("No key results yet.")
    else:
        lines[-1] += " as measured by:"
        for kr in key_results:
            score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
            where = (
                f"tier {score.tiers_reached} of {score.tier_count}" if kr.tiers else "no target yet"
            )
            lines.append(f"• {kr.name} ({where})")
    return "\n".join(lines)
