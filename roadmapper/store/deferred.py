"""A store the window can hold before SQLAlchemy is imported: ``DeferredStore``.

``DeferredStore.open`` reads the roadmap the window opens on with ``first_read``
(``sqlite3`` only) when the database allows it, and answers the window's start
from that read: ``roadmaps()``, ``load()`` of that roadmap, and ``database``
(the file, writable, nothing created or migrated). Any other call opens the
real ``Store`` first, with every check of ``Store.open``, and from then on
everything goes to it. ``forget_first_read`` ends the start: the first read's
answers describe the file as it was then, and another writer may have changed
it since, so they are not given again.

``import_full_store`` imports the real store's modules. The app runs it on a
daemon thread once the board has painted, so a first edit finds them loaded;
an edit that comes sooner waits on Python's import lock for that import
instead of making its own.

Every method is called on one thread (the window's).
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from roadmapper.core.entities import Roadmap, RoadmapSnapshot
from roadmapper.store.first_read import FirstRead, read_first

if TYPE_CHECKING:
    import sqlalchemy as sa

    from roadmapper.store.check_ins import CheckInStore
    from roadmapper.store.initiatives import InitiativeStore
    from roadmapper.store.interface import DatabaseFacts
    from roadmapper.store.outcomes import KeyResultStore, OutcomeStore
    from roadmapper.store.store import RoadmapParts, Store

FULL_STORE = "roadmapper.store.store"
"""The module of the real store; importing it imports SQLAlchemy, SQLModel and pydantic."""


_FULL_STORE_IMPORTED = threading.Event()


def import_full_store() -> None:
    """Import the real store's modules now (for a warm-up thread)."""
    importlib.import_module(FULL_STORE)
    _FULL_STORE_IMPORTED.set()


class DeferredStore:
    """The window's first roadmap from the first read; the real ``Store`` at first other use."""

    def __init__(self, first: FirstRead) -> None:
        self._first: FirstRead | None = first
        self._facts = first.database
        assert first.database.path is not None  # a first read reads a file
        self._path = first.database.path
        self._store: Store | None = None

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> DeferredStore | None:
        """A deferred store on ``db``, or ``None`` when only the full store can open it.

        Raises ``DatabaseError`` as ``open_database`` would for a file it refuses.
        """
        first = read_first(db)
        return None if first is None else cls(first)

    @property
    def is_open(self) -> bool:
        """Whether the real store has been opened."""
        return self._store is not None

    @property
    def is_warm(self) -> bool:
        """Whether a read now costs only itself: the real store is open, or its modules
        have been imported (``import_full_store``), so nothing waits on that import."""
        if self._store is not None or _FULL_STORE_IMPORTED.is_set():
            return True
        # Imported some other way (a caller that needed it first): whole once it has Store.
        return hasattr(sys.modules.get(FULL_STORE), "Store")

    def opened(self) -> Store:
        """The real store, opened now if it is not yet (``DatabaseError`` if it cannot be)."""
        if self._store is None:
            from roadmapper.store.store import Store

            self._store = Store.open(str(self._path))
            self._first = None
        return self._store

    def forget_first_read(self) -> None:
        """From now on every read goes to the real store."""
        self._first = None

    # -- answered by the first read while it lasts ------------------------------

    @property
    def database(self) -> DatabaseFacts:
        return self._facts if self._store is None else self._store.database

    def roadmaps(self) -> list[Roadmap]:
        if self._first is not None:
            return list(self._first.roadmaps)
        return self.opened().roadmaps()

    def load(self, roadmap_id: int) -> RoadmapSnapshot:
        first = self._first
        if first is not None and first.snapshot.roadmap.id == roadmap_id:
            return first.snapshot
        return self.opened().load(roadmap_id)

    def load_counted(self, roadmap_id: int) -> tuple[RoadmapSnapshot, int]:
        first = self._first
        if first is not None and first.snapshot.roadmap.id == roadmap_id:
            return first.snapshot, first.counted
        return self.opened().load_counted(roadmap_id)

    def load_in_parts(self, roadmap_id: int, per_column: int) -> RoadmapParts:
        return self.opened().load_in_parts(roadmap_id, per_column)

    def unchanged_since(self, counted: int) -> bool:
        return self.opened().unchanged_since(counted)

    def close(self) -> None:
        self._first = None
        if self._store is not None:
            self._store.close()

    # -- the real store's -------------------------------------------------------

    @property
    def initiatives(self) -> InitiativeStore:
        return self.opened().initiatives

    @property
    def outcomes(self) -> OutcomeStore:
        return self.opened().outcomes

    @property
    def key_results(self) -> KeyResultStore:
        return self.opened().key_results

    @property
    def check_ins(self) -> CheckInStore:
        return self.opened().check_ins

    def save_copy(self, target: Path) -> None:
        self.opened().save_copy(target)

    def transaction(self) -> AbstractContextManager[sa.Connection]:
        return self.opened().transaction()

    def create_roadmap(self, name: str, description: str = "") -> Roadmap:
        return self.opened().create_roadmap(name, description)

    def insert_roadmap(self, conn: sa.Connection, name: str, description: str = "") -> Roadmap:
        return self.opened().insert_roadmap(conn, name, description)

    def rename_roadmap(self, roadmap_id: int, name: str, expected_version: int) -> Roadmap:
        return self.opened().rename_roadmap(roadmap_id, name, expected_version)

    def delete_roadmap(self, roadmap_id: int) -> None:
        self.opened().delete_roadmap(roadmap_id)

    def load_okrs(self, roadmap_id: int) -> RoadmapSnapshot:
        return self.opened().load_okrs(roadmap_id)

    def card_counts(self) -> dict[int, int]:
        return self.opened().card_counts()

    def set_dismissed(
        self, roadmap_id: int, code: str, subject_kind: str, subject_id: int, dismissed: bool
    ) -> None:
        self.opened().set_dismissed(roadmap_id, code, subject_kind, subject_id, dismissed)
