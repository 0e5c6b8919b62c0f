"""Export benchmark: PNG, PDF and PPTX of a 60-card board and a 1,000-card paginated PDF."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_core import print_table

from roadmapper.core import interchange, sample
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.exporter import ensure_gui, export_file
from roadmapper.export.options import ExportOptions

TODAY = dt.date(2026, 11, 22)
RUNS = 5
COLUMNS = ("now", "next", "later")


def crowded(cards: int) -> RoadmapSnapshot:
    """The sample roadmap with ``cards`` initiatives spread over Now, Next and Later."""
    doc: dict[str, Any] = sample.sample_document(TODAY)
    outcomes = [o["ref"] for o in doc["outcomes"]]
    krs = {o["ref"]: [k["ref"] for k in o["key_results"]] for o in doc["outcomes"]}
    doc["initiatives"] = [
        {
            "ref": f"bench-{n}",
            "title": f"Initiative {n}: try a smaller step for merchants",
            "column": COLUMNS[n % len(COLUMNS)],
            "outcome": outcomes[n % len(outcomes)],
            "key_results": krs[outcomes[n % len(outcomes)]][:2],
            "hypothesis": f"We believe step {n} moves the metric by 5%",
        }
        for n in range(cards)
    ]
    snapshot, _refs = interchange.parse_document(doc)
    return snapshot


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of ``runs`` calls in milliseconds, after one untimed warm-up call."""
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples[1:])


def main() -> int:
    ensure_gui()
    board, big = crowded(60), crowded(1000)
    demo, _refs = interchange.parse_document(sample.sample_document(TODAY))
    rows: list[tuple[str, float, float, str]] = []  # step, measured ms, target ms, note
    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-") as tmp:
        out = Path(tmp)

        def timed(label: str, snapshot: RoadmapSnapshot, name: str, target: float, **kw: Any):
            options = ExportOptions(today=TODAY, **kw)
            path = out / name
            ms = median_ms(lambda: export_file(snapshot, path, options))
            note = f"{path.stat().st_size / 1024:,.0f} KiB"
            if path.suffix in (".pdf", ".pptx"):
                pages = export_file(snapshot, path, options).pages
                note += f", {pages} page{'s' * (pages != 1)}"
            rows.append((label, ms, target, note))

        timed("sample board, SVG (text as outlines)", demo, "demo.svg", 300)
        timed("sample board, PPTX", demo, "demo.pptx", 1000)
        timed("sample OKR sheets, PPTX", demo, "okr.pptx", 1000, kind="okr")
        timed("60 cards, 16:9 PNG at scale 2", board, "board.png", 300, scale=2.0)
        timed("60 cards, SVG", board, "board.svg", 300)
        timed("60 cards, PDF", board, "board.pdf", 300)
        timed("60 cards, PPTX (native shapes)", board, "board.pptx", 1000)
        timed("60 cards, PPTX (pictures)", board, "pictures.pptx", 1000, pptx_picture=True)
        timed("1,000 cards, paginated PDF", big, "big.pdf", 3000)

    print_table(
        f"{os.cpu_count()} CPUs, offscreen, median of {RUNS}",
        [(label, ms, target, "ms") for label, ms, target, _note in rows],
        [note for *_row, note in rows],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
