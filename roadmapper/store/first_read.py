"""The window's first read, with the standard library's ``sqlite3`` alone: ``read_first``.

Start-up paints the board before SQLAlchemy (and through it SQLModel,
pydantic, asyncio and ssl) is imported. That is right in one case only, the
everyday one: a local SQLite file that exists, opens writable and is at the
head revision, which ``open_database`` would open as it is, creating,
migrating, backing up and refusing nothing. ``read_first`` reads the list of
roadmaps and the roadmap a window opens on (``core.sample.first_to_show``) in
that case, and returns ``None`` in every other: a URL (PostgreSQL, memory, a
SQLite URL), a missing or empty file, an older revision, a read-only file or
folder, a database without roadmaps. The caller then opens the full store,
whose checks say or do what they always did. A file that is not ours, is
damaged or is newer is refused here with the very sentence of
``open_database``, which starts with the same check (``inspect_sqlite_file``).

The read is one read transaction on a read-only connection with the store's
busy timeout. It reads the roadmap as the store itself reads one on SQLite
(``converters.sqlite_okrs`` and ``sqlite_cards``), so the records are those
``Store.roadmaps()`` and ``Store.load()`` give.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from pathlib import Path

from roadmapper.core.entities import Roadmap, RoadmapSnapshot
from roadmapper.core.sample import first_to_show
from roadmapper.store.converters import roadmap_from, sqlite_cards, sqlite_okrs
from roadmapper.store.failures import Cause, cause_of, database_error
from roadmapper.store.interface import DatabaseFacts
from roadmapper.store.locations import file_path, named_database, resolve_url, writable
from roadmapper.store.revisions import BUSY_TIMEOUT_MS, HEAD, inspect_sqlite_file

_URL_SPECIAL = ("?", "%")
"""In a path, these mean something else once it is a URL (a query, an escape), so the
full store would open another file than the one named; such a path takes the full path."""


@dataclasses.dataclass(frozen=True)
class FirstRead:
    """The database, its roadmaps by name, and the whole roadmap a window opens on.

    ``database`` says that opening did nothing but open it, writable, as
    ``Database`` would say it.
    """

    database: DatabaseFacts
    roadmaps: tuple[Roadmap, ...]
    snapshot: RoadmapSnapshot
    counted: int
    """The change counter as this read saw it (``Store.load_counted``)."""


def read_first(db: str | os.PathLike[str] | None = None) -> FirstRead | None:
    """The first read of ``db`` (as ``open_database`` names it), or ``None`` for the full path.

    Raises the ``DatabaseError`` of ``open_database`` for a file that is not ours,
    damaged or newer, and for a file another program keeps locked; any other
    failure to read is ``None``, so the full store meets it and says it as always.
    """
    value = named_database(db)
    if "://" in value:
        return None
    path = file_path(value)
    if any(c in str(path) for c in _URL_SPECIAL) or not path.is_file():
        return None
    if inspect_sqlite_file(path) != HEAD or not writable(path):
        return None
    try:
        return _read(path, DatabaseFacts(resolve_url(value), path))
    except sqlite3.Error as exc:
        if cause_of(exc, str(path)) is Cause.LOCKED:
            raise database_error(exc, str(path), "open") from None
        return None
    except (OSError, ValueError):
        # Gone meanwhile, or a value the store's own read would stumble on too.
        return None


def _read(path: Path, facts: DatabaseFacts) -> FirstRead | None:
    # Autocommit mode, so the BEGIN below is the one transaction every SELECT reads in.
    conn = sqlite3.connect(
        f"{path.as_uri()}?mode=ro",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
    )
    try:
        conn.execute("PRAGMA query_only = ON")  # as the store's read-only engine does
        conn.execute("BEGIN")
        # Checked again inside the transaction: another Roadmapper may have migrated it.
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != HEAD:
            return None
        conn.row_factory = sqlite3.Row
        roadmaps = tuple(
            roadmap_from(r)
            for r in conn.execute(
                "SELECT id, name, description, version FROM roadmap ORDER BY name"
            )
        )
        shown = first_to_show(roadmaps)
        if shown is None:
            return None  # the full store gives an empty database its first roadmap
        snapshot = _snapshot(conn, shown)
        (counted,) = conn.execute("SELECT value FROM change_counter WHERE id = 1").fetchone()
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    return FirstRead(facts, roadmaps, snapshot, counted)


def _snapshot(conn: sqlite3.Connection, roadmap: Roadmap) -> RoadmapSnapshot:
    """``rows.load_snapshot``: on SQLite the store reads through ``sqlite3`` the same way."""
    okrs = sqlite_okrs(conn, roadmap)
    return dataclasses.replace(okrs, initiatives=sqlite_cards(conn, roadmap.id))
