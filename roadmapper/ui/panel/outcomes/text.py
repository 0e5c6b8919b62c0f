"""How an outcome reads in the panel: the OKR sentence and its tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from roadmapper.core import okr
from roadmapper.core.entities import KeyResult, Outcome
from roadmapper.core.text import we_will
from roadmapper.model.enums import Level


def tooltip(
    outcome: Outcome, key_results: Sequence[KeyResult], drives: Outcome | None = None
) -> str:
    """The whole OKR sentence with where each key result stands, as plain text.

    For a product outcome, also the business outcome it ``drives`` (or that it
    drives none yet). The first line is fixed text; show it through ``plain_tip``
    so that it wraps and user text is never read as markup.
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
    if outcome.level is Level.PRODUCT:
        if drives is None:
            lines.append("Drives no business outcome yet.")
        else:
            lines.append(f"Drives the business outcome “{drives.objective}”.")
    return "\n".join(lines)
