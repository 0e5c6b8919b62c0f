"""Open a roadmap database from a URL: checks first, pragmas, migrations after a backup.

A file that is not ours, is damaged, or was written by a newer Roadmapper is
refused with one sentence and left byte-for-byte untouched: every check reads
it through a read-only SQLite connection before any engine touches it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool

from roadmapper.core.errors import DatabaseError

ENV_VAR = "ROADMAPPER_DB"
"""Environment override of the database (a path or a URL); tests set it."""

APPLICATION_ID = 0x524D4150  # "RMAP", stamped into the SQLite header of our files.

# Every Alembic revision in order. Kept here so start-up can tell "behind",
# "current" and "newer" without importing Alembic; a test checks it matches.
REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_version_counters",
    "0003_dismissed_findings",
    "0004_stable_ids_and_ranks",
)
HEAD = REVISIONS[-1]

_SQLITE_MAGIC = b"SQLite format 3\x00"

Transaction = Callable[[], AbstractContextManager[sa.Connection]]
"""``Store.transaction``, as the store's parts receive it: one all-or-nothing user action."""


@dataclass(frozen=True)
class Database:
    """An open database and what opening it did."""

    engine: Engine
    url: str
    path: Path | None
    created: bool = False
    migrated_from: str | None = None
    backup: Path | None = None

    @property
    def label(self) -> str:
        """What to call the database in a window title or a message."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)


def default_database_path() -> Path:
    """The per-user SQLite file used when nothing else is named."""
    import platformdirs

    return platformdirs.user_data_path("Roadmapper", appauthor=False) / "roadmap.db"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (a path or URL), ``$ROADMAPPER_DB``, or the default."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or ""
    if not value:
        value = os.fspath(default_database_path())
    if "://" in value:
        # A bare postgresql:// means psycopg 3 (roadmapper[postgres]), not SQLAlchemy's
        # default psycopg2, which Roadmapper does not install.
        if value.startswith(("postgresql://", "postgres://")):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def open_database(db: str | os.PathLike[str] | None = None) -> Database:
    """Open (creating or migrating when needed) the database named by ``db``."""
    url = resolve_url(db)
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise DatabaseError(f'"{url}" is not a database path or URL.') from None
    if parsed.get_backend_name() == "sqlite":
        return _open_sqlite(url, parsed.database or "")
    return _open_server(url)


def _open_sqlite(url: str, database: str) -> Database:
    if database in ("", ":memory:"):
        engine = sa.create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
        _install_pragmas(engine)
        _upgrade(engine)
        return Database(engine, url, None, created=True)

    path = Path(database)
    state = _inspect_sqlite_file(path)
    if state is None or state == HEAD:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False})
    _install_pragmas(engine)
    if state is None:
        _upgrade(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        return Database(engine, url, path, created=True)
    if state == HEAD:
        return Database(engine, url, path)
    backup = _backup_sqlite(path, state)
    _upgrade(engine)
    return Database(engine, url, path, migrated_from=state, backup=backup)


def _inspect_sqlite_file(path: Path) -> str | None:
    """The schema revision of ``path``, ``None`` for a new or empty file; raise if unusable."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a roadmap database file.")
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read: {exc.strerror}.") from None
    if header != _SQLITE_MAGIC:
        raise DatabaseError(
            f"{path} is not a Roadmapper database (it is not a SQLite file); it was left untouched."
        )
    try:
        # immutable=1 reads without creating -wal/-shm files beside a foreign file;
        # when a WAL is already there, its pages must be read too.
        wal = path.with_name(path.name + "-wal").exists()
        mode = "mode=ro" if wal else "immutable=1"
        conn = sqlite3.connect(f"{path.as_uri()}?{mode}", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path} is damaged or not a SQLite database ({exc}); it was left untouched."
        ) from None
    return _judge_revision(str(path), app_id, tables, revision)


def _judge_revision(label: str, app_id: int, tables: set[str], revision: str | None) -> str | None:
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


def _install_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a move the app reported as saved survives a power cut.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()


def _backup_sqlite(path: Path, revision: str) -> Path:
    """Copy ``path`` next to itself before migrating it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{HEAD}.{revision}.{stamp}.bak")
    copy_sqlite(path, target)
    return target


def copy_sqlite(source_path: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file (online backup API), written atomically."""
    partial = target.with_name(f".{target.name}.partial")
    source = sqlite3.connect(source_path)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            # A standalone file: no WAL beside it that a file manager could lose.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        os.replace(partial, target)
    finally:
        source.close()
        partial.unlink(missing_ok=True)


def _open_server(url: str) -> Database:
    """A server database (PostgreSQL): the same revision checks through SQLAlchemy."""
    try:
        engine = sa.create_engine(url, pool_pre_ping=True)
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except (sa.exc.SQLAlchemyError, ModuleNotFoundError) as exc:
        label = make_url(url).render_as_string(hide_password=True)
        raise DatabaseError(f"cannot open {label}: {exc.__class__.__name__}.") from None
    label = make_url(url).render_as_string(hide_password=True)
    state = _judge_revision(label, 0, tables, revision)
    if state == HEAD:
        return Database(engine, url, None)
    _upgrade(engine)
    return Database(engine, url, None, created=state is None, migrated_from=state)


def _upgrade(engine: Engine) -> None:
    """Run Alembic to head (imported only here: most starts never need it)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    # A package resource, not a path next to this file: Alembic finds it through
    # importlib.resources, in a wheel and in a frozen bundle alike.
    config.set_main_option("script_location", "roadmapper.store:migrations")
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # Batch migrations copy and drop tables; with foreign keys on, the
            # drop would cascade-delete child rows. The pragma only works
            # outside a transaction, hence before Alembic begins one.
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        try:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(f"migration left {len(broken)} broken references.")
        finally:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
