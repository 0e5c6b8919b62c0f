"""What the window asks of a store: ``RoadmapStore``, which ``Store`` and ``DeferredStore`` are.

The window types its store as ``RoadmapStore`` and imports it only for type
checking. ``DatabaseFacts`` is what opening a database did; ``Database`` adds
the engine to it, and the first read (``store.first_read``) gives it alone,
before SQLAlchemy is loaded.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from roadmapper.core.entities import Roadmap, RoadmapSnapshot

if TYPE_CHECKING:
    import sqlalchemy as sa

    from roadmapper.store.check_ins import CheckInStore
    from roadmapper.store.initiatives import InitiativeStore
    from roadmapper.store.outcomes import KeyResultStore, OutcomeStore
    from roadmapper.store.store import RoadmapParts


@dataclass(frozen=True)
class DatabaseFacts:
    """A database, and what opening it did."""

    url: str
    path: Path | None
    created: bool = False
    migrated_from: str | None = None
    backup: Path | None = None
    read_only: bool = False
    """Opened read-only: the file or its folder is not writable, or the caller asked."""

    @property
    def label(self) -> str:
        """What to call the database in a window title or a message."""
        if self.path is not None:
            return str(self.path)
        # A server or memory: opened by the full store, so SQLAlchemy is loaded already.
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


class RoadmapStore(Protocol):
    """The reads and writes the window and ``store.interchange`` make (``Store``'s own)."""

    @property
    def database(self) -> DatabaseFacts: ...
    @property
    def initiatives(self) -> InitiativeStore: ...
    @property
    def outcomes(self) -> OutcomeStore: ...
    @property
    def key_results(self) -> KeyResultStore: ...
    @property
    def check_ins(self) -> CheckInStore: ...

    def close(self) -> None: ...
    def save_copy(self, target: Path) -> None: ...
    def transaction(self) -> AbstractContextManager[sa.Connection]: ...
    def roadmaps(self) -> list[Roadmap]: ...
    def create_roadmap(self, name: str, description: str = "") -> Roadmap: ...
    def insert_roadmap(self, conn: sa.Connection, name: str, description: str = "") -> Roadmap: ...
    def rename_roadmap(self, roadmap_id: int, name: str, expected_version: int) -> Roadmap: ...
    def delete_roadmap(self, roadmap_id: int) -> None: ...
    def load(self, roadmap_id: int) -> RoadmapSnapshot: ...
    def load_counted(self, roadmap_id: int) -> tuple[RoadmapSnapshot, int]: ...
    def load_in_parts(self, roadmap_id: int, per_column: int) -> RoadmapParts: ...
    def unchanged_since(self, counted: int) -> bool: ...
    def load_okrs(self, roadmap_id: int) -> RoadmapSnapshot: ...
    def card_counts(self) -> dict[int, int]: ...
    @property
    def is_warm(self) -> bool: ...
    def set_dismissed(
        self, roadmap_id: int, code: str, subject_kind: str, subject_id: int, dismissed: bool
    ) -> None: ...
