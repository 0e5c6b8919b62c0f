"""A process killed with SIGKILL mid-moves leaves a sound database with every reported move.

On a SQLite file and on PostgreSQL; a migration killed midway is in
``test_migration_crash.py``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from roadmapper.core.interchange import parse_document
from roadmapper.store.interchange import import_snapshot
from roadmapper.store.store import Store

CHILD = Path(__file__).with_name("crash_child.py")


def test_sigkill_during_rapid_moves_loses_nothing_reported(db_url: str) -> None:
    store = Store.open(db_url)
    doc = {
        "format": "roadmapper/1",
        "roadmap": {"name": "Crash"},
        "initiatives": [
            {"ref": f"c{n}", "title": f"Card {n}", "column": "now"} for n in range(400)
        ],
    }
    roadmap = import_snapshot(store, parse_document(doc)[0])
    store.close()

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), db_url, str(roadmap.id)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    reported: list[tuple[int, str, str]] = []
    assert child.stdout is not None
    for line in child.stdout:
        card, column, rank = line.split()
        reported.append((int(card), column, rank))
        if len(reported) == 150:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    # Lines the child wrote after we stopped reading were committed too.
    for line in child.stdout.read().splitlines():
        card, column, rank = line.split()
        reported.append((int(card), column, rank))
    assert child.returncode == -signal.SIGKILL

    if "://" not in db_url:
        raw = sqlite3.connect(db_url)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        raw.close()
    # Each card was moved at most once among the first 400 steps, so its final
    # place must be the one reported.
    assert len({card for card, _c, _r in reported}) == len(reported)
    reopened = Store.open(db_url)
    snapshot = reopened.load(roadmap.id)
    reopened.close()
    placed = {i.id: (i.column.value, i.rank) for i in snapshot.initiatives}
    for card, column, rank in reported:
        assert placed[card] == (column, rank)
    assert len(snapshot.initiatives) == 400
