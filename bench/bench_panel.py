"""Outcome panel timings on 10,000 cards: highlighting an outcome, adding a check-in."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_core import SEED, Row, make_document, print_table
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from roadmapper import app
from roadmapper.core.records import CheckInFields
from roadmapper.render.fonts import register_fonts
from roadmapper.store.interchange import import_file
from roadmapper.store.store import Store
from roadmapper.ui.main_window import MainWindow

LINKED = 2000


def document_with_busy_outcome() -> dict:
    """The 10k bench roadmap with 2,000 cards moved onto one product outcome and its KRs."""
    doc = make_document(random.Random(SEED))
    busy = next(o for o in doc["outcomes"] if o["level"] == "product" and o["key_results"])
    krs = [k["ref"] for k in busy["key_results"]]
    for card in doc["initiatives"][:LINKED]:
        card["outcome"], card["key_results"] = busy["ref"], krs[:2]
    return doc


def repaint(window: MainWindow) -> None:
    """Everything on screen painted now, not at the next event loop turn."""
    for view in window.board.views.values():
        if view.isVisible():
            view.viewport().repaint()
    window.panel.repaint()


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-panel-") as tmp_dir:
        tmp = Path(tmp_dir)
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        plan = tmp / "plan.json"
        plan.write_text(json.dumps(document_with_busy_outcome()), encoding="utf-8")
        store = Store.open(str(tmp / "big.db"))
        import_file(store, plan)
        store.close()

        qapp = app.application()
        register_fonts()
        store = app.open_store(str(tmp / "big.db"))
        window = MainWindow(store, QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1600, 1000)
        window.show()
        for _ in range(3):
            qapp.processEvents()
        snapshot = window.document.snapshot
        counts: dict[int, int] = {}
        for card in window.document.all_cards():
            if card.outcome_id is not None:
                counts[card.outcome_id] = counts.get(card.outcome_id, 0) + 1
        busy = max(counts, key=counts.__getitem__)
        other = next(o.id for o in snapshot.outcomes if o.id != busy)
        tree = window.panel.tree.tree

        highlight: list[float] = []
        for n in range(40):
            target = busy if n % 2 == 0 else other
            highlight.append(
                timed(lambda t=target: (tree.select_outcome(t, notify=True), repaint(window)))
            )
            qapp.processEvents()  # the deferred coaching refresh, not timed
        highlight = highlight[::2]  # the 2,000-card outcome

        kr = snapshot.key_results_by_outcome[busy][0]
        window.panel.detail.set_key_result(kr.id)
        day = dt.date.today()
        check_in: list[float] = []
        coaching: list[float] = []
        for n in range(30):
            # Dated in the past, a day apart (a check-in is never dated after today).
            fields = CheckInFields(day - dt.timedelta(days=30 - n), float(n), "bench", 5)
            check_in.append(
                timed(lambda f=fields: (window.editor.add_check_in(kr.id, f), repaint(window)))
            )
            coaching.append(timed(qapp.processEvents))
        window.close()
        store.close()

    rows: list[Row] = [
        (f"highlight outcome, {counts[busy]} cards", statistics.median(highlight), 50.0, "ms"),
        ("add check-in: panel+board", statistics.median(check_in), 30.0, "ms"),
        ("then deferred coaching refresh", statistics.median(coaching), None, "ms"),
    ]
    print_table(f"{os.cpu_count()} CPUs, 10,000 cards, offscreen, medians", rows)
    QApplication.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
