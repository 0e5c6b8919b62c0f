"""Typed errors a user can cause; each reads as one clear sentence."""

from __future__ import annotations


class RoadmapperError(Exception):
    """Base of every error shown to a user as one sentence (never a traceback)."""


class DatabaseError(RoadmapperError):
    """The database cannot be opened or used as it is; it was left untouched."""


class NotFoundError(RoadmapperError):
    """A roadmap, outcome, key result or initiative that does not exist (any more)."""


class ConflictError(RoadmapperError):
    """A row changed since it was read (another window or team member edited it)."""


class InvalidInputError(RoadmapperError):
    """A value that breaks a rule of the domain, e.g. tiers not monotonic."""


class InterchangeError(RoadmapperError):
    """A roadmap file that cannot be read; the message names the JSON path."""


class ResourceError(RoadmapperError):
    """A file Roadmapper ships with (a font, an icon) is missing: the install is broken."""
