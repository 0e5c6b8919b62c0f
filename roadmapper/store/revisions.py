"""Which schema a database holds, read without changing it: the revisions, and SQLite's header.

Start-up tells "new", "current", "behind" and "newer" from these, without
importing Alembic, and reads a SQLite file only through a connection that
cannot write it, so a file that is not ours is left byte-for-byte untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from roadmapper.core.errors import DatabaseError
from roadmapper.store.failures import Cause, cause_of, database_error

APPLICATION_ID = 0x524D4150  # "RMAP", stamped into the SQLite header of our files.

# Every Alembic revision in order. Kept here so start-up can tell "behind",
# "current" and "newer" without importing Alembic; a test checks it matches.
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_version_counters",
    "0003_dismissed_findings",
    "0004_stable_ids_and_ranks",
    "0005_change_counter",
    "0006_card_links_in_order",
)
HEAD = REVISIONS[-1]

BUSY_TIMEOUT_MS = 2000
"""How long a statement waits for another program's lock: a window stays answerable."""
_SQLITE_MAGIC = b"SQLite format 3\x00"


def inspect_sqlite_file(path: Path) -> str | None:
    """The schema revision of ``path``, ``None`` for a new or empty file; raise if unusable."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a roadmap database file.")
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise database_error(exc, str(path), "read") from exc
    if header != _SQLITE_MAGIC:
        raise DatabaseError(
            f"{path} is not a Roadmapper database (it is not a SQLite file); it was left untouched."
        )
    try:
        conn, _uri = connect_read_only(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if cause_of(exc, str(path)) is Cause.DAMAGED:
            raise DatabaseError(
                f"{path} is damaged or not a SQLite database ({exc}); it was left untouched."
            ) from None
        raise database_error(exc, str(path), "open") from exc
    return judge_revision(str(path), app_id, tables, revision)


def connect_read_only(path: Path, uri: str | None = None) -> tuple[sqlite3.Connection, str]:
    """A connection that cannot write ``path``, and the URI that made it."""
    if uri is None:
        # immutable=1 reads without creating -wal/-shm files beside a foreign file;
        # when a WAL or a journal is already there, its state must be honoured.
        side = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
        uri = f"{path.as_uri()}?{'mode=ro' if side else 'immutable=1'}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        # mode=ro needs a -shm file; in a folder nobody may write it cannot be made,
        # and nothing can change the file there either: read it as immutable.
        if "immutable" in uri or cause_of(exc) is Cause.LOCKED or os.access(path.parent, os.W_OK):
            raise
        return connect_read_only(path, f"{path.as_uri()}?mode=ro&immutable=1")
    return conn, uri


def judge_revision(label: str, app_id: int, tables: set[str], revision: str | None) -> str | None:
    if app_id not in (0, APPLICATION_ID) or (tables and "alembic_version" not in tables):
        raise DatabaseError(
            f"{label} is a database of another program, not a Roadmapper roadmap; "
            "it was left untouched."
        )
    if not tables:
        return None
    if revision not in REVISIONS:
        raise DatabaseError(
            f"{label} was written by a newer version of Roadmapper (schema {revision}); "
            "update Roadmapper to open it. It was left untouched."
        )
    return revision
