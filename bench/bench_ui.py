"""UI benchmark: start-up, memory, drag-move and scrolling of the board, offscreen, vs targets."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import PySide6
from bench_core import SEED, Row, make_document, print_table
from PySide6 import QtCore
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from roadmapper import app
from roadmapper.store.interchange import import_file
from roadmapper.store.store import Store
from roadmapper.ui.board.column_view import ColumnView
from roadmapper.ui.main_window import MainWindow

RUNS = 15
FORBIDDEN = ("alembic", "pptx", "roadmapper.export")

# Shared by both children: on the first paint of ``VIEWPORT`` wait until the event loop is
# back (painted and flushed), then print the wall clock, peak RSS and the loaded modules.
REPORT = """
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

def report():
    now, modules = time.time(), sorted(sys.modules)
    import json, resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"t": now, "rss_kb": rss, "modules": modules}), flush=True)
    QApplication.instance().quit()

first_paint = FirstPaint()
VIEWPORT.installEventFilter(first_paint)
window.show()
qapp.exec()
"""
FLOOR_SETUP = """
import sys, time
import sqlmodel
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QListView, QMainWindow
qapp = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QListView())
window.resize(1280, 800)
VIEWPORT = window.centralWidget().viewport()
"""
APP_SETUP = """
import sys, time
from roadmapper import app, cli
# What `roadmapper --db DB` does before its event loop.
window = app.start(cli.build_parser().parse_args(["--db", sys.argv[1]]).db)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from roadmapper.model.enums import Column
qapp = QApplication.instance()
VIEWPORT = window.board.views[Column.NOW].viewport()
"""
FLOOR_CHILD, APP_CHILD = FLOOR_SETUP + REPORT, APP_SETUP + REPORT + "window.store.close()\n"
# The app without its start-up pause of the cyclic garbage collector (the floor has
# none): how much of the figure that pause is.
COLLECTING_CHILD = "import gc\ngc.disable = lambda: None\n" + APP_CHILD
Run = tuple[float, int, list[str]]  # seconds to first paint, peak RSS in KiB, loaded modules


def child_env(config: str) -> dict[str, str]:
    """Offscreen, and a throw-away config dir so QSettings neither reads nor writes the user's.

    Bytecode caching is on, as on a user's machine: the untimed first run writes
    the ``.pyc`` files that every later start reads instead of compiling sources.
    """
    # A 1920x1080 screen: Qt's offscreen one is 800x600, and the app fits its first window
    # to the screen, so it would paint fewer cards than the floor's 1280x800 window.
    screens = Path(config) / "offscreen-screen.json"
    screens.parent.mkdir(parents=True, exist_ok=True)
    screens.write_text(json.dumps({"screens": [{"name": "bench", "width": 1920, "height": 1080}]}))
    platform = f"offscreen:configfile={screens}"
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "XDG_CONFIG_HOME": config}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def start_once(script: str, db: str, config: str) -> Run:
    """Seconds from just before Popen to the child's first painted frame."""
    start = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", script, db],
        env=child_env(config),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    result = json.loads(lines[-1])
    return result["t"] - start, result["rss_kb"], result["modules"]


def start_ups(children: list[tuple[str, str]], config: str) -> list[list[Run]]:
    """Each (script, db) child started RUNS times, taking turns so that drift in the
    machine's speed hits all of them alike; one untimed warm-up run each first."""
    for script, db in children:
        start_once(script, db, config)
    runs: list[list[Run]] = [[] for _ in children]
    for _ in range(RUNS):
        for results, (script, db) in zip(runs, children, strict=True):
            results.append(start_once(script, db, config))
    return runs


def paired_ratio(runs: list[Run], floor_runs: list[Run]) -> float:
    """The median over rounds of this child's time over the floor's in the same round:
    a machine that slows down for a while slows both sides of a pair."""
    return statistics.median(run[0] / floor[0] for run, floor in zip(runs, floor_runs, strict=True))


def timed_ms(fn: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def drop(src: ColumnView, dst: ColumnView, index: QModelIndex, row: int) -> None:
    """The drag pipeline minus the mouse: payload, drop, commit, then both columns repainted."""
    mime = src.column_model().mimeData([index])
    dst.column_model().dropMimeData(mime, Qt.DropAction.MoveAction, row, 0, QModelIndex())
    src.viewport().repaint()
    dst.viewport().repaint()


def page(view: ColumnView, value: int) -> None:
    view.verticalScrollBar().setValue(value)
    view.viewport().repaint()


def settle() -> None:
    """Let the event loop finish what the last step started (the panel following the
    selection, its repaint), as it does between a person's two drags, so that work is
    not billed to the next step."""
    for _ in range(3):
        QApplication.processEvents()


def moves(window: MainWindow, rng: random.Random, count: int) -> list[float]:
    """Drop a random card of a random visible column at a random place; commit and repaint."""
    board, samples = window.board, list[float]()
    for _ in range(count):
        columns = board.visible_columns()
        src = rng.choice([c for c in columns if board.models[c].rowCount()])
        dst = rng.choice(columns)
        index = board.models[src].index(rng.randrange(board.models[src].rowCount()))
        row = rng.randint(0, board.models[dst].rowCount())
        samples.append(timed_ms(drop, board.views[src], board.views[dst], index, row))
        settle()
    return samples


def scrolls(window: MainWindow, count: int) -> list[float]:
    """Page down the biggest visible column (wrapping at the end), repainting synchronously."""
    board = window.board
    view = board.views[max(board.visible_columns(), key=lambda c: board.models[c].rowCount())]
    bar, samples = view.verticalScrollBar(), list[float]()
    for _ in range(count):
        value = bar.value() + bar.pageStep()
        samples.append(timed_ms(page, view, 0 if value > bar.maximum() else value))
        settle()
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def prepare(tmp: Path) -> tuple[str, str]:
    """A database holding the sample roadmap and one holding 10,000 initiatives."""
    sample_db, big_db = str(tmp / "sample.db"), str(tmp / "big.db")
    app.open_store(sample_db).close()
    doc_path = tmp / "plan.json"
    doc_path.write_text(json.dumps(make_document(random.Random(SEED))), encoding="utf-8")
    store = Store.open(big_db)
    try:
        import_file(store, doc_path)
    finally:
        store.close()
    return sample_db, big_db


def in_process(big_db: str, rows: list[Row]) -> None:
    """Moves and scrolling in a window started as the app starts (collector included)."""
    window = app.start(big_db)
    try:
        ready: list[bool] = []
        window.ready.connect(lambda: ready.append(True))
        deadline = time.monotonic() + 60
        while not ready:
            if time.monotonic() > deadline:
                raise RuntimeError("the window did not get ready within a minute")
            QApplication.processEvents()
        move = moves(window, random.Random(SEED), 200)
        rows.append(("move at 10k (median of 200)", statistics.median(move), 16, "ms"))
        rows.append(("move at 10k (p95 of 200)", p95(move), None, "ms"))
        scroll = scrolls(window, 100)
        rows.append(("page scroll at 10k (median/100)", statistics.median(scroll), 16, "ms"))
        rows.append(("page scroll at 10k (p95 of 100)", p95(scroll), None, "ms"))
        window.close()
    finally:
        window.store.close()


def main() -> int:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-ui-") as tmp_dir:
        tmp = Path(tmp_dir)
        config = str(tmp / "config")
        os.environ.update(child_env(config))  # the in-process steps too
        sample_db, big_db = prepare(tmp)
        floor_runs, sample_runs, collecting_runs, big_runs = start_ups(
            [
                (FLOOR_CHILD, sample_db),
                (APP_CHILD, sample_db),
                (COLLECTING_CHILD, sample_db),
                (APP_CHILD, big_db),
            ],
            config,
        )
        floor = statistics.median(run[0] for run in floor_runs)
        sample = statistics.median(run[0] for run in sample_runs)
        big = statistics.median(run[0] for run in big_runs)
        rows.append(("floor: Qt+sqlmodel window (med 15)", floor, None, "s"))
        rows.append(("start-up, sample (median of 15)", sample, None, "s"))
        rows.append(("start-up, sample / floor", paired_ratio(sample_runs, floor_runs), 1.3, "x"))
        collecting = paired_ratio(collecting_runs, floor_runs)
        rows.append(("  same, collector not paused", collecting, None, "x"))
        rows.append(("start-up, 10k (median of 15)", big, 1.5, "s"))
        rss = statistics.median(run[1] for run in big_runs) / 1024
        rows.append(("peak RSS, 10k (median of 15)", rss, 300, "MB"))
        floor_mods, app_mods = set(floor_runs[0][2]), set(sample_runs[0][2])
        bad = sorted(m for m in app_mods if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN))
        rows.append(("alembic/pptx/export modules", len(bad), 0, ""))
        in_process(big_db, rows)
    extra = sorted({m.split(".")[0] for m in app_mods - floor_mods} - {"roadmapper"})
    print(
        f"sample start-up loads {len(app_mods - floor_mods)} modules beyond the floor; "
        f"packages: {', '.join(extra)}; forbidden: {', '.join(bad) or 'none'}"
    )
    print_table(
        f"{os.cpu_count()} CPUs, PySide6 {PySide6.__version__} (Qt {QtCore.qVersion()})", rows
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
