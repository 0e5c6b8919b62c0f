"""Store benchmark: a move with its version check and in-transaction rank keys, per backend.

SQLite always; PostgreSQL too when ``ROADMAPPER_BENCH_POSTGRES`` (or the tests'
``ROADMAPPER_TEST_POSTGRES``) names a server, on a throwaway database created and
dropped here. Each move is the app's path below the window: the document names
the neighbours by id, the store checks the card's version, reads the neighbours'
keys and writes one row, all in one transaction.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_core import SEED, make_document, print_table

from roadmapper.model.enums import Column
from roadmapper.store.database import resolve_url
from roadmapper.store.initiatives import CardMove
from roadmapper.store.interchange import import_file
from roadmapper.store.store import Store
from roadmapper.ui.editing.document import RoadmapDocument

MOVES = 300


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    admin = sa.create_engine(resolve_url(server), isolation_level="AUTOCOMMIT")
    name = f"rm_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def time_moves(url: str, doc_path: Path, rng: random.Random) -> list[float]:
    store = Store.open(url)
    try:
        rid = import_file(store, doc_path).id
        document = RoadmapDocument(store, rid)
        cards = [i.id for i in document.all_cards()]
        times = []
        while len(times) < MOVES:
            card, column = rng.choice(cards), rng.choice(list(Column))
            index = rng.randint(0, document.count(column) - (document.card(card).column is column))
            ((_id, slot),) = document.slots_for([card], column, index)
            move = CardMove(card, document.card(card).version, slot)
            start = time.perf_counter()
            (moved,) = store.initiatives.move([move])
            times.append((time.perf_counter() - start) * 1000)
            document.place_cards([moved])
        return times
    finally:
        store.close()


def main() -> int:
    rng = random.Random(SEED)
    rows: list[tuple[str, float, float | None, str]] = []
    notes: list[str] = []
    server = os.environ.get("ROADMAPPER_BENCH_POSTGRES") or os.environ.get(
        "ROADMAPPER_TEST_POSTGRES"
    )
    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-") as tmp:
        doc_path = Path(tmp) / "plan.json"
        doc_path.write_text(json.dumps(make_document(rng)), encoding="utf-8")
        sqlite_times = time_moves(str(Path(tmp) / "bench.db"), doc_path, rng)
        rows.append((f"SQLite move (median of {MOVES})", statistics.median(sqlite_times), 5, "ms"))
        rows.append(("SQLite move (p95)", statistics.quantiles(sqlite_times, n=20)[-1], None, "ms"))
        if server:
            with postgres_database(server) as url:
                pg_times = time_moves(url, doc_path, rng)
            rows.append(
                (f"PostgreSQL move (median of {MOVES})", statistics.median(pg_times), None, "ms")
            )
            rows.append(
                ("PostgreSQL move (p95)", statistics.quantiles(pg_times, n=20)[-1], None, "ms")
            )
        else:
            notes.append("PostgreSQL: not measured (set ROADMAPPER_BENCH_POSTGRES to a server)")
    print_table(f"{os.cpu_count()} CPUs, 10,000 cards, store path with version check", rows)
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
