"""Open a roadmap database from a URL: checks first, pragmas, migrations after a backup.

A file that is not ours, is damaged, or was written by a newer Roadmapper is
refused with one sentence and left byte-for-byte untouched: every check reads
it through a read-only SQLite connection before any engine touches it.

A migration is all or nothing: Alembic runs inside one transaction (on SQLite a
connection of its own that takes ``BEGIN IMMEDIATE`` itself, because Python's
driver would leave every DDL statement outside any transaction), so a kill or
a full disk at any statement leaves the file as it was, to be migrated again
at the next start. A file or folder Roadmapper may not write opens read-only,
and every failure is one sentence (``store.errors``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool, StaticPool

from roadmapper.core.errors import DatabaseError
from roadmapper.store import backups
from roadmapper.store.errors import DATABASE_ERRORS, database_error
from roadmapper.store.interface import DatabaseFacts
from roadmapper.store.locations import ENV_VAR as ENV_VAR
from roadmapper.store.locations import default_database_path as default_database_path
from roadmapper.store.locations import resolve_url as resolve_url
from roadmapper.store.locations import writable as _writable  # the tests' hook for read-only
from roadmapper.store.revisions import APPLICATION_ID as APPLICATION_ID
from roadmapper.store.revisions import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from roadmapper.store.revisions import HEAD as HEAD
from roadmapper.store.revisions import REVISIONS as REVISIONS
from roadmapper.store.revisions import connect_read_only, inspect_sqlite_file, judge_revision

MIGRATION_BUSY_TIMEOUT_MS = 10_000
"""Start-up only, before any window: another Roadmapper may be migrating the same file."""
CONNECT_TIMEOUT_S = 10
"""How long to wait for a PostgreSQL server that does not answer."""
SNAPSHOT = "roadmapper_snapshot"
"""Execution option of ``Database.read_engine`` on SQLite: each transaction is a real one."""

_SIDE_FILES = ("-wal", "-shm", "-journal")
_ONE_KEPT = {"pool_size": 1, "max_overflow": 8}
"""A SQLite file's pool keeps one connection: each holds a page cache of its own (2 MB),
and a second one is needed only while a roadmap shown in parts holds its read open."""

Transaction = Callable[[], AbstractContextManager[sa.Connection]]
"""``Store.transaction``, as the store's parts receive it: one all-or-nothing user action."""


@dataclass(frozen=True)
class Database(DatabaseFacts):
    """An open database and what opening it did."""

    engine: Engine = field(kw_only=True)

    @cached_property
    def read_engine(self) -> Engine:
        """The engine for loads: each transaction on it reads one consistent snapshot.

        Use it as ``with database.read_engine.begin() as conn:``. PostgreSQL runs
        it at REPEATABLE READ (the default READ COMMITTED lets a commit land
        between two SELECTs of one load). On SQLite it emits a real ``BEGIN``:
        Python's driver starts no transaction before a SELECT, so without it
        each SELECT would read the file as it is at that moment. In WAL mode the
        reader then holds one snapshot and blocks no writer.
        """
        if self.engine.dialect.name == "postgresql":
            return self.engine.execution_options(isolation_level="REPEATABLE READ")
        if self.engine.dialect.name == "sqlite":
            return self.engine.execution_options(**{SNAPSHOT: True})
        return self.engine


def open_database(
    db: str | os.PathLike[str] | None = None, *, create: bool = False, read_only: bool = False
) -> Database:
    """Open (creating or migrating when needed) the database named by ``db``.

    A missing file in an existing folder is created. A missing folder is
    refused unless ``create`` (the caller asked for a new file: ``demo``,
    ``import``, File > New) or it is the per-user default. ``read_only`` opens
    it without writing anything; a file or folder that is not writable opens
    so anyway (``Database.read_only`` says which it is). Every failure is a
    ``DatabaseError`` of one sentence.
    """
    url = resolve_url(db)
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise DatabaseError(f'"{url}" is not a database path or URL.') from None
    if parsed.get_backend_name() == "sqlite":
        return _open_sqlite(url, parsed.database or "", create=create, read_only=read_only)
    if parsed.get_backend_name() != "postgresql":
        raise _unknown_kind(parsed.render_as_string(hide_password=True))
    return _open_server(url, read_only=read_only)


def _unknown_kind(label: str) -> DatabaseError:
    return DatabaseError(
        f'"{label}" is no database Roadmapper can open: name a file, '
        "sqlite:///FILE or postgresql://HOST/DATABASE."
    )


# -- SQLite -----------------------------------------------------------------------


def _open_sqlite(url: str, database: str, *, create: bool, read_only: bool) -> Database:
    if database in ("", ":memory:"):
        engine = sa.create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
        _install_pragmas(engine)
        with engine.connect() as conn:
            # Nothing to lose in memory: the pragma (outside any transaction) suffices.
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.commit()
            with conn.begin():
                _run_migrations(conn)
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.commit()
        return Database(url, None, created=True, engine=engine)

    path = Path(database).absolute()
    state = inspect_sqlite_file(path)
    exists = path.exists()
    backup = None
    if not exists:
        if read_only:
            raise DatabaseError(f"cannot open {path} read-only: there is no such file.")
        _make_folder(path, create or path == default_database_path())
        _create_file(path)
    elif read_only or not _writable(path):
        return _open_sqlite_read_only(url, path, state)
    else:
        backup = _backup_sqlite(path, state) if state not in (None, HEAD) else None
        if state != HEAD:
            _migrate_file(path, path, doing="create" if state is None else "update")
    engine = sa.create_engine(url, connect_args={"check_same_thread": False}, **_ONE_KEPT)
    _install_pragmas(engine)
    _check_open(engine, str(path))
    migrated_from = state if state is not None and state != HEAD else None
    return Database(
        url,
        path,
        created=state is None,
        migrated_from=migrated_from,
        backup=backup,
        engine=engine,
    )


def _make_folder(path: Path, allowed: bool) -> None:
    if path.parent.is_dir():
        return
    if not allowed:
        missing = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
        raise database_error(missing, str(path), "create")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise database_error(exc, str(path), "create") from exc


def _refuse_read_only(label: str, state: str | None) -> DatabaseError:
    if state is None:
        return DatabaseError(
            f"cannot open {label}: it is empty and read-only, so Roadmapper cannot set it up; "
            "make it writable, or choose another file."
        )
    return DatabaseError(
        f"cannot open {label}: it needs an update to this version of Roadmapper "
        f"(schema {state} to {HEAD}) but it is read-only; make it writable, or copy it "
        "to a folder you can write to, then open it again."
    )


def _open_sqlite_read_only(url: str, path: Path, state: str | None) -> Database:
    if state != HEAD:
        raise _refuse_read_only(str(path), state)
    try:
        probe, uri = connect_read_only(path, f"{path.as_uri()}?mode=ro")
    except sqlite3.Error as exc:
        raise database_error(exc, str(path), "open") from exc
    probe.close()
    engine = sa.create_engine(
        url, creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False), **_ONE_KEPT
    )
    _install_pragmas(engine, read_only=True)
    _check_open(engine, str(path))
    return Database(url, path, read_only=True, engine=engine)


def _install_pragmas(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        if read_only:
            # Belt and braces over mode=ro: no statement may write.
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            # FULL: a move the app reported as saved survives a power cut.
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_snapshot(conn: sa.Connection) -> None:
        # Only for Database.read_engine; writes keep the driver's own BEGIN before DML.
        if conn.get_execution_options().get(SNAPSHOT):
            conn.exec_driver_sql("BEGIN")


def _check_open(engine: Engine, label: str) -> None:
    """Read the file once now, so a lock or a damaged file is said at open, not later."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except DATABASE_ERRORS as exc:
        engine.dispose()
        raise database_error(exc, label, "open") from exc


def _create_file(path: Path) -> None:
    """A new database file: set up under a hidden name, then given its own in one step.

    So a kill or a full disk while it is set up leaves no half-made file behind
    under the name, and a failure removes only what this call made.
    """
    partial = path.with_name(f".{path.name}.{secrets.token_hex(6)}.new")
    try:
        # O_EXCL: a name of our own; the mode, as for any new file, follows the umask.
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        _migrate_file(partial, path, doing="create")
        try:
            os.link(partial, path)
        except FileExistsError:
            pass  # another Roadmapper made it meanwhile: open that one
        except OSError:
            # A file system without hard links (FAT, some network shares).
            if not path.exists():
                os.replace(partial, path)
    except DATABASE_ERRORS as exc:
        raise database_error(exc, str(path), "create") from exc
    finally:
        for name in (partial.name, *(partial.name + s for s in _SIDE_FILES)):
            with contextlib.suppress(OSError):
                partial.with_name(name).unlink()


def _migrate_file(path: Path, label: Path, *, doing: str) -> None:
    """Set up or update the schema of ``path`` in one transaction, or leave it as it was."""
    engine = sa.create_engine(
        "sqlite://",
        poolclass=NullPool,
        creator=lambda: sqlite3.connect(path, check_same_thread=False),
    )

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # The driver would begin only before INSERT, UPDATE or DELETE and leave
        # DDL outside any transaction; this engine begins for itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        # Batch migrations copy and drop tables; with foreign keys on, the drop
        # would cascade-delete child rows. The pragma cannot change inside a
        # transaction, hence here, and only on this engine's connections.
        cursor.execute("PRAGMA foreign_keys = OFF")
        cursor.execute(f"PRAGMA busy_timeout = {MIGRATION_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # IMMEDIATE: the write lock now, so a second Roadmapper migrating waits here
        # and then finds the file at head instead of failing halfway.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as conn:
            _run_migrations(conn)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseError(
                    f"cannot {doing} {label}: the migration would leave {len(broken)} broken "
                    "references, so it was undone and the file left as it was."
                )
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except DATABASE_ERRORS as exc:
        raise database_error(exc, str(label), doing) from exc
    finally:
        engine.dispose()


def _run_migrations(conn: sa.Connection) -> None:
    """Alembic to head on ``conn``, inside the caller's transaction (imported only here)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    # A package resource, not a path next to this file: Alembic finds it through
    # importlib.resources, in a wheel and in a frozen bundle alike.
    config.set_main_option("script_location", "roadmapper.store:migrations")
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


# -- backups -----------------------------------------------------------------------


def _backup_sqlite(path: Path, revision: str) -> Path:
    """Copy ``path`` next to itself before migrating it from ``revision`` (see ``backups``)."""
    prefix = f"{path.name}.before-{HEAD}.{revision}."
    try:
        return backups.backup_sqlite(path, prefix, BUSY_TIMEOUT_MS / 1000)
    except DATABASE_ERRORS as exc:
        raise database_error(exc, str(path), "back up") from exc


def _open_server(url: str, *, read_only: bool) -> Database:
    """A server database (PostgreSQL): the same revision checks through SQLAlchemy."""
    parsed = make_url(url)
    label = parsed.render_as_string(hide_password=True)
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        engine = sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except sa.exc.NoSuchModuleError:
        raise _unknown_kind(label) from None
    except ModuleNotFoundError as exc:
        raise database_error(exc, label, "open") from exc
    try:
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            # A standby, or a role or database set to read-only transactions.
            read_only = read_only or bool(
                conn.exec_driver_sql(
                    "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
                ).scalar()
            )
        state = judge_revision(label, 0, tables, revision)
        if read_only:
            if state != HEAD:
                raise _refuse_read_only(label, state)
            readonly_engine = engine.execution_options(postgresql_readonly=True)
            return Database(url, None, read_only=True, engine=readonly_engine)
        if state != HEAD:
            _migrate_server(engine, label, new=state is None)
    except BaseException as exc:
        engine.dispose()
        if isinstance(exc, DATABASE_ERRORS):
            raise database_error(exc, label, "open") from exc
        raise
    migrated_from = state if state != HEAD else None
    return Database(url, None, created=state is None, migrated_from=migrated_from, engine=engine)


def _migrate_server(engine: Engine, label: str, *, new: bool) -> None:
    try:
        with engine.begin() as conn:
            # Two Roadmappers starting at once: the second waits here, then finds head.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPLICATION_ID})
            _run_migrations(conn)
    except DATABASE_ERRORS as exc:
        raise database_error(exc, label, "set up" if new else "update") from exc
