"""Databases at the first revision, and the child process that migrates them under a kill.

    python -m tests.store.migration_child URL N [URL N ...]

Counts every statement SQLAlchemy sends while ``open_database`` runs, each
COMMIT included, and kills itself with SIGKILL just before number N. It
imports once (Alembic and the models too), then forks one process per pair
in turn, each opening its database afresh, so a hundred kill points cost one
start-up (this process holds no connection when it forks). Prints one line
per pair: ``killed``; or when the open finished first ``done S M C...``: S
statements, M the revision it migrated from (``-`` for none), C the numbers
of the statements that were COMMITs; or ``failed`` and the error on one line.
N = 0 never kills.

``make_first_revision`` builds such a database on either backend and
``content`` reads back what it holds, for the tests to compare.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import sqlite3
import sys

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from roadmapper.core import ranking
from roadmapper.store.database import APPLICATION_ID, REVISIONS, open_database, resolve_url

FIRST = REVISIONS[0]
COLUMNS = ("now", "next", "later", "done")
FIRST_COLUMNS = {
    # Every later revision keeps these as they were; initiative.rank is left out
    # because 0004 re-keys columns holding equal keys (their order is compared).
    "roadmap": "id, name, description",
    "outcome": "id, roadmap_id, level, objective, color, parent_id, rank",
    "key_result": "id, outcome_id, name, unit, direction, baseline, current, tiers, indicator,"
    " guardrail, rank",
    "check_in": "id, key_result_id, date, value, note, confidence",
    "initiative": "id, roadmap_id, title, description, board_column, outcome_id, hypothesis,"
    " result",
    "initiative_key_result": "initiative_id, key_result_id, position",
}


def make_first_revision(db: str, cards: int) -> None:
    """A database exactly as the first migration made it, holding ``cards`` cards.

    With outcomes, key results, check-ins and links, and in each column two
    cards with equal rank keys (what two writers could leave before 0004). A
    SQLite file is in WAL mode with our application id, as the app left it.
    """
    from alembic import command
    from alembic.config import Config

    url = resolve_url(db)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    config = Config()
    config.set_main_option("script_location", "roadmapper.store:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, FIRST)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        _fill(conn, cards)
    engine.dispose()
    if url.startswith("sqlite"):
        raw = sqlite3.connect(sa.engine.make_url(url).database or "")
        raw.execute("PRAGMA journal_mode = WAL")
        raw.close()


def _fill(conn: sa.Connection, cards: int) -> None:
    def insert(table: str, rows: list[dict[str, object]], *types: sa.BindParameter[object]) -> None:
        names = list(rows[0])
        sql = sa.text(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
        ).bindparams(*types)
        conn.execute(sql, rows)

    insert("roadmap", [{"id": 1, "name": "Crash test", "description": "Killed at every step"}])
    insert(
        "outcome",
        [
            {"id": 1, "roadmap_id": 1, "level": "business", "objective": "Grow revenue",
             "color": "#0072b2", "parent_id": None, "rank": "a0"},
            {"id": 2, "roadmap_id": 1, "level": "product", "objective": "Riders book online",
             "color": "#009e73", "parent_id": 1, "rank": "a1"},
            {"id": 3, "roadmap_id": 1, "level": "product", "objective": "Fewer no-shows ✓",
             "color": "#d55e00", "parent_id": 1, "rank": "a2"},
        ],
    )  # fmt: skip
    insert(
        "key_result",
        [
            {"id": k, "outcome_id": 2 + k % 2, "name": f"Key result {k}", "unit": "%",
             "direction": "increase" if k % 2 else "decrease", "baseline": 10.5 + k,
             "current": None if k == 3 else 12.25 + k, "tiers": [20 + k, 30 + k],
             "indicator": "leading" if k % 3 else "lagging", "guardrail": k == 4,
             "rank": f"a{k}"}
            for k in range(1, 7)
        ],
        sa.bindparam("tiers", type_=sa.JSON),
    )  # fmt: skip
    insert(
        "check_in",
        [
            {"id": c, "key_result_id": 1 + c % 6, "date": dt.date(2026, 1, 1) + dt.timedelta(c),
             "value": c * 1.5, "note": f"week {c}", "confidence": None if c % 5 else c % 11}
            for c in range(1, 21)
        ],
        sa.bindparam("date", type_=sa.Date),
    )  # fmt: skip
    per_column = {c: ranking.keys_for_append(None, cards // 4 + 1) for c in COLUMNS}
    rows: list[dict[str, object]] = []
    for n in range(1, cards + 1):
        column = COLUMNS[n % 4]
        keys = per_column[column]
        place = n // 4
        # The first two cards of each column share a key.
        rank = keys[0] if place == 1 else keys[place]
        rows.append(
            {"id": n, "roadmap_id": 1, "title": f"Card {n} «{column}»",
             "description": "d" * (n % 7), "board_column": column, "rank": rank,
             "outcome_id": (None, 2, 3)[n % 3],
             "hypothesis": f"We believe {n} helps" if n % 2 else "", "result": ""}
        )  # fmt: skip
    insert("initiative", rows)
    links = [
        {"initiative_id": n, "key_result_id": 1 + (n + p) % 6, "position": p}
        for n in range(1, cards + 1)
        for p in range(n % 3)
    ]
    insert("initiative_key_result", links)


def content(db: str) -> tuple[dict[str, int], str, str]:
    """Row counts, a checksum of the first revision's columns, and one of the cards' order."""
    engine = sa.create_engine(resolve_url(db), poolclass=sa.pool.NullPool)
    counts: dict[str, int] = {}
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table, columns in FIRST_COLUMNS.items():
            rows = conn.exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY 1, 2").all()
            counts[table] = len(rows)
            digest.update(repr([tuple(row) for row in rows]).encode())
        order = conn.exec_driver_sql(
            "SELECT board_column, id FROM initiative ORDER BY roadmap_id, board_column, rank, id"
        ).all()
    engine.dispose()
    return counts, digest.hexdigest(), hashlib.sha256(repr(order).encode()).hexdigest()


def open_and_die_at(url: str, kill_at: int) -> str:
    """Open ``url``; SIGKILL this process just before statement ``kill_at`` (1-based)."""
    seen = 0
    commits: list[int] = []

    def statement(*_args: object) -> None:
        nonlocal seen
        seen += 1
        if seen == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def commit(*args: object) -> None:
        statement()
        commits.append(seen)

    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Engine, "commit", commit)
    try:
        database = open_database(url)
        database.engine.dispose()
    finally:
        event.remove(Engine, "before_cursor_execute", statement)
        event.remove(Engine, "commit", commit)
    return " ".join(str(n) for n in (seen, database.migrated_from or "-", *commits))


def main(runs: list[tuple[str, int]]) -> None:
    # Once here, not in every forked process: what a migration imports.
    import alembic.command
    import alembic.config
    import alembic.operations  # noqa: F401

    import roadmapper.model.tables  # noqa: F401

    if any(url.startswith("postgresql") for url, _n in runs):
        import psycopg  # noqa: F401
    for url, kill_at in runs:
        # A pair naming the URL of the pair before reads the database as that
        # run left it, as the app started again after a crash would.
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                print(f"done {open_and_die_at(url, kill_at)}", flush=True)
            except BaseException as exc:  # the test shows it, on the line of this run
                print("failed", " ".join(f"{type(exc).__name__}: {exc}".split()), flush=True)
            finally:
                os._exit(0)
        _pid, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            print("killed", flush=True)
        elif not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            print(f"failed with status {status}", flush=True)


if __name__ == "__main__":
    words = sys.argv[1:]
    main([(url, int(n)) for url, n in zip(words[::2], words[1::2], strict=True)])
