"""Readable, deterministic refs that name outcomes, key results and initiatives in files.

A ref is derived from the text and the order of a roadmap, never from database
ids, so exporting, importing into another database and exporting again gives
the same file byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from roadmapper.core.entities import RoadmapSnapshot

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MAX_WORDS = 4
_MAX_CHARS = 32


@dataclass
class Refs:
    """Database id -> file ref, per kind."""

    outcome: dict[int, str] = field(default_factory=dict)
    key_result: dict[int, str] = field(default_factory=dict)
    initiative: dict[int, str] = field(default_factory=dict)


def slug(text: str, fallback: str) -> str:
    """Lower-case the first few words of ``text`` and join them with hyphens."""
    result = ""
    for word in _WORD.findall(text.casefold())[:_MAX_WORDS]:
        candidate = f"{result}-{word}" if result else word[:_MAX_CHARS]
        if len(candidate) > _MAX_CHARS:
            break  # whole words only, so refs never end mid-word
        result = candidate
    return result or fallback


def _unique(items: Iterable[tuple[int, str]], fallback: str) -> dict[int, str]:
    taken: set[str] = set()
    result: dict[int, str] = {}
    for number, (item_id, text) in enumerate(items, start=1):
        base = slug(text, f"{fallback}-{number}")
        ref, n = base, 2
        while ref in taken:
            ref, n = f"{base}-{n}", n + 1
        taken.add(ref)
        result[item_id] = ref
    return result


def assign_refs(snapshot: RoadmapSnapshot) -> Refs:
    """Refs for every outcome, key result and initiative of ``snapshot``."""
    return Refs(
        outcome=_unique(((o.id, o.objective) for o in snapshot.outcomes), "outcome"),
        key_result=_unique(((k.id, k.name) for k in snapshot.key_results), "kr"),
        initiative=_unique(((i.id, i.title) for i in snapshot.initiatives), "initiative"),
    )
