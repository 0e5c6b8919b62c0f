"""Core benchmark: import, load, move and lint a 10,000-initiative roadmap against targets."""

from __future__ import annotations

import json
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from roadmapper.core.lint import lint
from roadmapper.model.enums import Column
from roadmapper.store.interchange import import_file
from roadmapper.store.store import Store
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor

SEED = 20261005
INITIATIVES = 10_000
BUSINESS, PRODUCT, KEY_RESULTS = 8, 32, 200
COLUMN_WEIGHTS = {"now": 1, "next": 2, "later": 4, "done": 3}
VERBS = ("Increase", "Reduce", "Launch", "Ship", "Grow", "Cut")
METRICS = ("weekly active merchants", "checkout conversion", "support tickets", "churn", "MRR")


def make_document(rng: random.Random) -> dict[str, Any]:
    """A deterministic roadmapper/1 document of the size the targets are set for."""
    outcomes: list[dict[str, Any]] = [
        {
            "ref": f"o{n}",
            "level": "business" if n < BUSINESS else "product",
            "objective": f"Outcome {n}: make merchants {rng.choice(METRICS)} better",
            "parent": None if n < BUSINESS else f"o{rng.randrange(BUSINESS)}",
            "key_results": [],
        }
        for n in range(BUSINESS + PRODUCT)
    ]
    kr_refs_of: dict[str, list[str]] = {o["ref"]: [] for o in outcomes}
    for k in range(KEY_RESULTS):
        owner = outcomes[k % len(outcomes)] if k < len(outcomes) else rng.choice(outcomes)
        direction = rng.choice(("increase", "decrease"))
        baseline = None if rng.random() < 0.1 else float(rng.randint(50, 500))
        start, sign = baseline or 100.0, 1 if direction == "increase" else -1
        tiers = [round(start * (1 + sign * t / 20), 2) for t in range(1, rng.randint(0, 5) + 1)]
        check_ins = [
            {
                "date": f"2026-{month:02d}-{rng.randint(1, 28):02d}",
                "value": round(start * rng.uniform(0.9, 1.2), 1),
                "confidence": rng.randint(0, 10),
            }
            for month in sorted(rng.sample(range(1, 13), rng.randint(1, 4)))
        ]
        owner["key_results"].append(
            {
                "ref": f"kr{k}",
                "name": f"{rng.choice(VERBS)} {rng.choice(METRICS)} #{k}",
                "direction": direction,
                "baseline": baseline,
                "current": check_ins[-1]["value"],
                "tiers": tiers,
                "indicator": rng.choice(("leading", "lagging")),
                "guardrail": rng.random() < 0.15,
                "check_ins": check_ins,
            }
        )
        kr_refs_of[owner["ref"]].append(f"kr{k}")
    all_krs = [ref for refs in kr_refs_of.values() for ref in refs]
    columns, weights = list(COLUMN_WEIGHTS), list(COLUMN_WEIGHTS.values())
    initiatives = []
    for n in range(INITIATIVES):
        outcome = None if rng.random() < 0.05 else rng.choice(outcomes)["ref"]
        pool = kr_refs_of[outcome] if outcome and kr_refs_of[outcome] else all_krs
        initiatives.append(
            {
                "ref": f"i{n}",
                "title": f"Initiative {n}: {rng.choice(METRICS)} experiment",
                "column": rng.choices(columns, weights)[0],
                "outcome": outcome,
                "key_results": rng.sample(pool, min(len(pool), rng.randint(1, 3))),
                "hypothesis": "" if rng.random() < 0.1 else f"We believe #{n} moves the metric",
            }
        )
    return {
        "format": "roadmapper/1",
        "roadmap": {"name": "Bench roadmap", "description": ""},
        "outcomes": outcomes,
        "initiatives": initiatives,
    }


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls in milliseconds, after one untimed warm-up call."""
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples[1:])


Row = tuple[str, float, float | None, str]
"""step, measured, target (None: reported only), unit."""


def print_table(facts: str, rows: Sequence[Row], notes: Sequence[str] = ()) -> None:
    """The table every benchmark prints: measured against target, then the misses."""
    print(f"python {platform.python_version()}, {facts}")
    width = max(len(row[0]) for row in rows)
    print(f"{'step':<{width}} | {'measured':>10} | {'target':>10} | ok")
    print(f"{'-' * width}-+-{'-' * 10}-+-{'-' * 10}-+-----")
    for n, (step, value, target, unit) in enumerate(rows):
        goal = "-" if target is None else f"{target:g} {unit}"
        ok = "-" if target is None else "yes" if value <= target else "NO"
        note = f"  {notes[n]}" if n < len(notes) and notes[n] else ""
        print(f"{step:<{width}} | {value:>7.2f} {unit:<2} | {goal:>10} | {ok:<3}{note}")
    missed = sum(target is not None and value > target for _, value, target, _ in rows)
    print(f"{missed} of {sum(row[2] is not None for row in rows)} targets missed")


def main() -> int:
    rng = random.Random(SEED)
    rows: list[tuple[str, float, float | None, str]] = []  # step, measured, target, unit
    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-") as tmp:
        doc_path = Path(tmp) / "plan.json"
        doc_path.write_text(json.dumps(make_document(rng)), encoding="utf-8")
        store = Store.open(str(Path(tmp) / "bench.db"))
        try:
            start = time.perf_counter()
            rid = import_file(store, doc_path).id
            rows.append(("import (read+validate+write)", time.perf_counter() - start, 3.0, "s"))
            rows.append(("load (median of 7)", median_ms(lambda: store.load(rid), 7), 250, "ms"))
            # The app's path: editor -> MoveCommand -> document -> one UPDATE in the store.
            editor = Editor(RoadmapDocument(store, rid))
            document = editor.document
            cards = [i.id for i in document.all_cards()]
            moves = []
            while len(moves) < 200:
                card, column = rng.choice(cards), rng.choice(list(Column))
                staying = document.count(column) - (document.card(card).column is column)
                index = rng.randint(0, staying)
                start = time.perf_counter()
                moved = editor.move([card], column, index)
                if moved:  # a drop back in place writes nothing: not a move to time
                    moves.append((time.perf_counter() - start) * 1000)
            rows.append(("move (median of 200)", statistics.median(moves), 5, "ms"))
            rows.append(("move (p95 of 200)", statistics.quantiles(moves, n=20)[-1], None, "ms"))
            snapshot = store.load(rid)
            rows.append(("lint (median of 5)", median_ms(lambda: lint(snapshot), 5), 100, "ms"))
        finally:
            store.close()
    print_table(
        f"{os.cpu_count()} CPUs, sqlite {sqlite3.sqlite_version}, {platform.platform()}", rows
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
