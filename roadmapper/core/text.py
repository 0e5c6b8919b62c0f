"""Text rules shared by every layer: sentences, shortened titles, counted nouns, OKR phrasing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

ELLIPSIS = "…"
TITLE_IN_STEP = 40
"""How much of a title an undo step's name quotes ("Edit “Offline mode”")."""


def sentence(text: str) -> str:
    """A message as a sentence on its own: capital first letter, a full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ELLIPSIS)) else text + "."


def shorten(text: str, limit: int = TITLE_IN_STEP) -> str:
    """``text`` on one line (white space collapsed), cut to ``limit`` characters with "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: max(0, limit - 1)].rstrip() + ELLIPSIS


def count(n: int, thing: str, things: str | None = None, none: str | None = None) -> str:
    """``1 key result``, ``3 key results``; ``none`` (e.g. "no key results") stands for 0."""
    if n == 0 and none is not None:
        return none
    return f"{n} {thing if n == 1 else things or thing + 's'}"


def we_will(objective: str) -> str:
    """An objective after "We will": "Grow revenue" reads "We will grow revenue".

    Only a capitalised word is lowered, so acronyms and names ("SSO", "iOS") stay.
    """
    objective = " ".join(objective.split())
    if len(objective) > 1 and objective[0].isupper() and objective[1].islower():
        objective = objective[0].lower() + objective[1:]
    return f"We will {objective}"


def named_by_start(items: Sequence[T], name_of: Callable[[T], str], name: str) -> list[T]:
    """The items called ``name``, else those whose name starts with it; case and spaces aside.

    The rule of ``--roadmap`` and ``--outcome``: one exact name wins over starts.
    """
    key = " ".join(name.split()).casefold()
    names = [(item, " ".join(name_of(item).split()).casefold()) for item in items]
    exact = [item for item, text in names if text == key]
    if len(exact) == 1 or not key:
        return exact
    return exact or [item for item, text in names if text.startswith(key)]
