"""Typed errors a user can cause; each reads as one clear sentence."""

from __future__ import annotations

ELSEWHERE = "in another window, by the command line or by a teammate"
"""Who else may have changed an item, as refusals of stale writes say it."""

ITEM_WORDS = {
    "initiative": "initiative",
    "outcome": "outcome",
    "key_result": "key result",
    "check_in": "check-in",
    "roadmap": "roadmap",
    "dismissed_finding": "coaching finding",
}
"""What a refusal calls an item of each table."""


def stale_message(kind: str, name: str, deleted: bool) -> str:
    """The one sentence of a refused stale write: which item, changed or deleted elsewhere."""
    word = ITEM_WORDS.get(kind, "item")
    what = f"the {word} “{name}”" if name else f"this {word}"
    change = "deleted" if deleted else "changed"
    return f"{what} was {change} {ELSEWHERE}, so this change was not saved."


class RoadmapperError(Exception):
    """Base of every error shown to a user as one sentence (never a traceback)."""


class DatabaseError(RoadmapperError):
    """The database cannot be opened or used as it is; it was left untouched."""


class NotFoundError(RoadmapperError):
    """A roadmap, outcome, key result or initiative that does not exist (any more)."""


class ConflictError(RoadmapperError):
    """A row changed since it was read (another window or team member edited it)."""


class StaleError(ConflictError):
    """A write based on an old reading of an item: it changed or went elsewhere; nothing written.

    ``kind`` is the item's table ("initiative", "outcome", "key_result",
    "check_in", "dismissed_finding"), ``item_id`` its id and ``deleted`` whether
    it is gone, so the window can re-read exactly that item and say which one.
    """

    def __init__(self, message: str, kind: str, item_id: int, *, deleted: bool) -> None:
        super().__init__(message)
        self.kind = kind
        self.item_id = item_id
        self.deleted = deleted


class InvalidInputError(RoadmapperError):
    """A value that breaks a rule of the domain, e.g. tiers not monotonic."""


class InterchangeError(RoadmapperError):
    """A roadmap file that cannot be read; the message names the JSON path."""


class ResourceError(RoadmapperError):
    """A file Roadmapper ships with (a font, an icon) is missing: the install is broken."""
