"""Opening databases: pragmas, refusals that leave files untouched, migrations with backup."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from roadmapper.core.errors import DatabaseError
from roadmapper.model.tables import ROADMAP
from roadmapper.store import backups as backups_module
from roadmapper.store import database
from roadmapper.store.database import HEAD, REVISIONS, Database, open_database, resolve_url
from tests.store.migration_child import content, make_first_revision


def fingerprint(path: Path) -> tuple[str, int, list[str]]:
    """Content hash, modification time and sibling files: all must stay as they were."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_mtime_ns,
        sorted(p.name for p in path.parent.iterdir()),
    )


def test_new_file_gets_schema_pragmas_and_our_id(tmp_path: Path) -> None:
    db = open_database(tmp_path / "sub" / "new.db", create=True)
    assert db.created and db.path == tmp_path / "sub" / "new.db" and not db.read_only
    # Set up under a hidden name and given its own at the end: no hidden file is left.
    assert {p.name for p in (tmp_path / "sub").iterdir()} <= {"new.db", "new.db-wal", "new.db-shm"}
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        # Long enough for another writer's commit, short enough for a window.
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2000
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == database.APPLICATION_ID
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    db.engine.dispose()
    again = open_database(tmp_path / "sub" / "new.db")
    assert not again.created and again.migrated_from is None
    again.engine.dispose()


def test_url_resolution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_environment: Path
) -> None:
    monkeypatch.setenv("ROADMAPPER_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    assert resolve_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    monkeypatch.delenv("ROADMAPPER_DB")
    # With nothing named, the per-user data folder (isolated here by conftest).
    expected = isolated_environment / "data" / "Roadmapper" / "roadmap.db"
    assert resolve_url(None) == f"sqlite:///{expected}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name,title\n1,CSV is not a database\n", "not a SQLite file"),
        (b"SQLite format 3\x00" + b"\xff" * 2000, "damaged or not a SQLite database"),
    ],
)
def test_unusable_files_are_refused_untouched(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "plan.db"
    path.write_bytes(content)
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match=expected):
        open_database(path)
    assert fingerprint(path) == before


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="another program"):
        open_database(path)
    assert fingerprint(path) == before


def test_other_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.commit()
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="another program"):
        open_database(path)
    assert fingerprint(path) == before


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseError, match="newer version of Roadmapper"):
        open_database(path)
    assert fingerprint(path) == before


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)


def test_revisions_match_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(Path(database.__file__).with_name("migrations")))
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == REVISIONS
    assert scripts.get_current_head() == HEAD


def schema_diff(db: Database) -> list[object]:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with db.engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), SQLModel.metadata))


def test_migrated_schema_equals_the_models(db_url: str) -> None:
    db = open_database(db_url)
    assert db.created
    assert schema_diff(db) == []
    db.engine.dispose()


def test_schema_migrated_from_the_first_revision_equals_the_models(db_url: str) -> None:
    make_first_revision(db_url, 40)
    before = content(db_url)
    db = open_database(db_url)
    assert db.migrated_from == REVISIONS[0]
    assert schema_diff(db) == []
    db.engine.dispose()
    assert content(db_url) == before


def test_a_load_reads_one_snapshot(db_url: str) -> None:
    """Database.read_engine: a commit landing between two SELECTs of one load is not seen."""
    db = open_database(db_url)
    names = sa.select(ROADMAP.c.name).order_by(ROADMAP.c.name)
    with db.read_engine.connect() as reader, reader.begin():
        first = reader.execute(names).scalars().all()
        with db.engine.begin() as writer:
            writer.execute(sa.insert(ROADMAP).values(name="Landed meanwhile", description=""))
        second = reader.execute(names).scalars().all()
    assert first == second == []
    with db.read_engine.begin() as reader:
        assert reader.execute(names).scalars().all() == ["Landed meanwhile"]
    # The read engine shares the pool; the writes keep their own isolation.
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            assert conn.get_isolation_level() == "READ COMMITTED"
    db.engine.dispose()


def test_backups_never_collide_nor_overwrite_and_are_not_repeated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two migrations in the same instant get two backups; the same original, one."""

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:
            return cls(2026, 11, 22, 9, 30, 0, 123456)

    monkeypatch.setattr(backups_module.dt, "datetime", Frozen)
    path = tmp_path / "plan.db"
    made = []
    for cards in (10, 20):
        make_first_revision(str(path), cards)
        made.append(content(str(path)))
        db = open_database(path)
        db.engine.dispose()
        assert db.backup is not None
        path.unlink()
    backups = sorted(tmp_path.glob("plan.db.before-*.bak"))
    assert [b.name for b in backups] == [
        f"plan.db.before-{HEAD}.{REVISIONS[0]}.20261122-093000-123456-1.bak",
        f"plan.db.before-{HEAD}.{REVISIONS[0]}.20261122-093000-123456.bak",
    ]
    # The first one still holds the first original: nothing overwrote it.
    assert content(str(backups[1])) == made[0] and content(str(backups[0])) == made[1]
    # The same original again (a migration tried again): its backup is reused.
    shutil.copy(backups[1], path)
    assert database._backup_sqlite(path, REVISIONS[0]) == backups[1]
    assert sorted(tmp_path.glob("plan.db.before-*.bak")) == backups
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def _make_first_revision_database(path: Path) -> None:
    """A database exactly as the first migration made it, with some rows in it."""
    from alembic import command
    from alembic.config import Config

    engine = sa.create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(Path(database.__file__).with_name("migrations")))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, REVISIONS[0])
        conn.exec_driver_sql(f"PRAGMA application_id = {database.APPLICATION_ID}")
        conn.exec_driver_sql("INSERT INTO roadmap (id, name, description) VALUES (1, 'Old', '')")
        conn.exec_driver_sql(
            "INSERT INTO outcome (id, roadmap_id, level, objective, color, parent_id, rank) "
            "VALUES (1, 1, 'product', 'Riders trust the booking page', '#0072b2', NULL, 'a0')"
        )
        conn.exec_driver_sql(
            "INSERT INTO key_result (id, outcome_id, name, unit, direction, baseline, current,"
            " tiers, indicator, guardrail, rank) VALUES (1, 1, 'Cut no-shows', '%', 'decrease',"
            " 12, 10, '[10, 8]', 'leading', 0, 'a0')"
        )
        conn.exec_driver_sql(
            "INSERT INTO initiative (id, roadmap_id, title, description, board_column, rank,"
            " outcome_id, hypothesis, result) VALUES (1, 1, 'SMS reminders', '', 'now', 'a0',"
            " 1, 'We believe reminders cut no-shows', '')"
        )
        conn.exec_driver_sql(
            "INSERT INTO initiative_key_result (initiative_id, key_result_id, position)"
            " VALUES (1, 1, 0)"
        )
    engine.dispose()


def test_migration_from_first_revision_keeps_data_and_backs_up(tmp_path: Path) -> None:
    from roadmapper.store.store import Store

    path = tmp_path / "old.db"
    _make_first_revision_database(path)
    original = path.read_bytes()

    db = open_database(path)
    assert db.migrated_from == REVISIONS[0]
    assert db.backup is not None and db.backup.parent == tmp_path
    # The backup is the database as it was before the migration.
    conn = sqlite3.connect(db.backup)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == REVISIONS[0]
    assert conn.execute("SELECT title FROM initiative").fetchall() == [("SMS reminders",)]
    conn.close()
    assert len(original) > 0

    store = Store(db)
    snapshot = store.load(1)
    (card,) = snapshot.initiatives
    assert card.title == "SMS reminders" and card.version == 1
    assert card.key_result_ids == (1,) and card.outcome_id == 1
    assert snapshot.key_results[0].tiers == (10.0, 8.0)
    store.close()
    reopened = open_database(path)
    assert reopened.migrated_from is None
    reopened.engine.dispose()


def test_migration_repairs_equal_rank_keys_in_their_order_and_keeps_ids_unique(
    db_url: str,
) -> None:
    """0004: cards sharing a key get fresh keys in the order people saw (key, then id);
    new rows then get ids above every id in the file, on both backends."""
    from roadmapper.core.records import InitiativeFields
    from roadmapper.model.enums import Column
    from roadmapper.store.initiatives import Slot
    from roadmapper.store.store import Store

    make_first_revision(db_url, 40)
    engine = sa.create_engine(resolve_url(db_url), poolclass=sa.pool.NullPool)
    query = sa.text("SELECT board_column, id, rank FROM initiative ORDER BY board_column, rank, id")
    with engine.connect() as conn:
        before = conn.execute(query).all()
        top = conn.execute(sa.text("SELECT MAX(id) FROM initiative")).scalar()
    engine.dispose()
    ranks = [(column, rank) for column, _id, rank in before]
    assert len(set(ranks)) < len(ranks), "the old file holds equal keys to repair"

    store = Store(open_database(db_url))
    try:
        assert store.database.migrated_from == REVISIONS[0]
        snapshot = store.load(1)
        for column in {c for c, _i, _r in before}:
            old_order = [i for c, i, _r in before if c == column]
            new = snapshot.column(Column(column))
            assert [card.id for card in new] == old_order
            assert len({card.rank for card in new}) == len(new)
            assert [card.rank for card in new] == sorted(card.rank for card in new)
        card = store.initiatives.create(
            1, InitiativeFields("After the migration"), Slot(Column.NOW)
        )
        assert card.id > top
    finally:
        store.close()
