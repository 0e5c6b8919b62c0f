"""A migration killed at any statement leaves a database that opens, whole, and migrates.

The kill comes from inside the migrating process (``migration_child``): SIGKILL
just before statement N, for every N from the first to the COMMIT and the read
after it, as a crash, a power cut or a closed laptop could land. Then the next
start must open the database (migrated or not, then migrating it), with every
row there, the schema at head, and on SQLite one backup, a clean copy of the
file as it was before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from roadmapper.store.database import HEAD, open_database, resolve_url
from tests.backends import PostgresDatabases, new_database_url
from tests.store.migration_child import FIRST, content, make_first_revision

ROOT = Path(__file__).parents[2]
CARDS = 200
BIG = 10_000


def run_child(*runs: tuple[str, int]) -> list[str]:
    """Run ``migration_child`` on (database, kill point) pairs; one outcome line per pair."""
    args = [word for url, n in runs for word in (url, str(n))]
    done = subprocess.run(
        [sys.executable, "-m", "tests.store.migration_child", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == len(runs), done.stderr[-2000:]
    return lines


def run_children(runs: list[tuple[str, int]]) -> list[str]:
    """``run_child`` on pairs of distinct databases, split over one child per core."""
    jobs = min(len(runs), os.cpu_count() or 1)
    chunks = [runs[j::jobs] for j in range(jobs)]
    with ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda chunk: run_child(*chunk), chunks))
    lines = [""] * len(runs)
    for j, chunk_lines in enumerate(results):
        lines[j::jobs] = chunk_lines
    return lines


def statements(url: str) -> tuple[int, list[int]]:
    """How many statements opening ``url`` takes, and which of them are COMMITs."""
    (line,) = run_child((url, 0))
    word, total, _migrated_from, *commits = line.split()
    assert word == "done"
    return int(total), [int(n) for n in commits]


def revision(db: str) -> str:
    engine = sa.create_engine(resolve_url(db), poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        found = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
    engine.dispose()
    return str(found)


def backups(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.before-"))


class Copies:
    """Fresh databases holding what a template holds: file copies, or PostgreSQL clones."""

    def __init__(
        self, backend: str, tmp_path: Path, databases: PostgresDatabases | None, cards: int
    ) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self.databases = databases
        self._template = new_database_url(backend, tmp_path, databases, "template.db")
        self.template = next(self._template)
        make_first_revision(self.template, cards)
        self.made: list[str] = []

    def new(self, name: str) -> str:
        if self.backend == "sqlite":
            folder = self.tmp_path / name
            folder.mkdir()
            shutil.copy(self.template, folder / "roadmap.db")
            url = str(folder / "roadmap.db")
        else:
            assert self.databases is not None
            source = sa.engine.make_url(self.template)
            clone = f"{source.database}_{name}"
            with self.databases.admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{clone}" TEMPLATE "{source.database}"')
            url = source.set(database=clone).render_as_string(hide_password=False)
        self.made.append(url)
        return url

    def close(self) -> None:
        if self.backend == "postgresql" and self.databases is not None:
            for url in self.made:
                self.databases.drop(url)
        self._template.close()


@pytest.fixture
def copies(
    backend: str, tmp_path: Path, postgres_databases: PostgresDatabases | None
) -> Iterator[Copies]:
    made = Copies(backend, tmp_path, postgres_databases, CARDS)
    yield made
    made.close()


def check_whole(url: str, before: tuple[object, ...]) -> None:
    """``url`` is at head with every row it had, and a SQLite file has one clean backup."""
    assert revision(url) == HEAD
    assert content(url) == before
    if "://" in url:
        return
    path = Path(url)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    # One backup, made before the first statement and taken again by no later start.
    (backup,) = backups(path)
    assert revision(str(backup)) == FIRST
    assert content(str(backup)) == before
    check = sqlite3.connect(backup)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    check.close()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".partial")]


def test_a_kill_at_every_statement_leaves_a_database_that_opens(copies: Copies) -> None:
    before = content(copies.template)
    total, commits = statements(copies.new("count"))
    assert commits, "the migration commits once, at its end"
    points = range(1, total + 1)
    urls = [copies.new(f"kill{n}") for n in points]
    assert run_children(list(zip(urls, points, strict=True))) == ["killed"] * total
    for url, n in zip(urls, points, strict=True):
        # Killed before its COMMIT, the migration left nothing; after it, all of it.
        assert revision(url) == (FIRST if n <= commits[-1] else HEAD), n
    # The next start, a process of its own again, opens each one.
    restarts = run_children([(url, 0) for url in urls])
    for url, n, line in zip(urls, points, restarts, strict=True):
        word, _total, migrated_from, *_commits = line.split()
        assert (word, migrated_from) == ("done", FIRST if n <= commits[-1] else "-"), n
        check_whole(url, before)
    database = open_database(urls[0])
    assert database.migrated_from is None
    database.engine.dispose()


def test_repeated_kills_of_one_migration_keep_one_clean_backup(copies: Copies) -> None:
    """The same database killed again and again, every start reading what the last left."""
    before = content(copies.template)
    _total, commits = statements(copies.new("count"))
    url = copies.new("again")
    points = list(range(1, commits[-1] + 1, 7))  # 25 starts on SQLite, each one killed
    assert run_child(*((url, n) for n in points)) == ["killed"] * len(points)
    assert revision(url) == FIRST
    (line,) = run_child((url, 0))
    assert line.split()[:3] == ["done", line.split()[1], FIRST]
    check_whole(url, before)


def test_a_kill_before_the_commit_of_a_big_migration(tmp_path: Path) -> None:
    """10,000 cards: the commit is the one statement that makes the migration count."""
    path = tmp_path / "big.db"
    make_first_revision(str(path), BIG)
    before = content(str(path))
    original = path.read_bytes()
    counter = tmp_path / "count"
    counter.mkdir()
    shutil.copy(path, counter / "big.db")
    _total, commits = statements(str(counter / "big.db"))
    assert run_child((str(path), commits[-1])) == ["killed"]
    assert path.read_bytes() == original
    assert revision(str(path)) == FIRST
    assert content(str(path)) == before
    database = open_database(path)
    database.engine.dispose()
    assert database.migrated_from == FIRST
    check_whole(str(path), before)


def test_a_kill_while_a_new_database_is_set_up_leaves_none_half_made(
    db_url: str, tmp_path: Path, postgres_databases: PostgresDatabases | None
) -> None:
    """A first start killed: the database is not there (or empty), or it is whole."""
    total, commits = statements(db_url)
    points = sorted({*range(1, total + 1, 6), *commits, total})
    if "://" in db_url:
        assert postgres_databases is not None
        urls = [postgres_databases.create() for _n in points]
    else:
        urls = [str(tmp_path / f"new{n}.db") for n in points]
    try:
        assert run_children(list(zip(urls, points, strict=True))) == ["killed"] * len(points)
        for url, n in zip(urls, points, strict=True):
            if "://" not in url:
                # Set up under a hidden name: the file itself is not there before the commit.
                assert Path(url).exists() == (n > commits[-1]), n
            elif n <= commits[-1]:
                engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
                assert sa.inspect(engine).get_table_names() == [], n
                engine.dispose()
        for url, n, line in zip(urls, points, run_children([(u, 0) for u in urls]), strict=True):
            assert line.split()[0] == "done", n
            assert revision(url) == HEAD
    finally:
        if postgres_databases is not None and "://" in db_url:
            for url in urls:
                postgres_databases.drop(url)
