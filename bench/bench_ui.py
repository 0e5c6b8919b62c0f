"""UI benchmark: start-up and memory at 100 to 50,000 cards against a bare PySide6 window
measured in the same run (the floor), and scrolling; offscreen, vs targets.

Gestures (drop, keyboard move, edit, check-in, select, switch, highlight, filter) are
timed from input event to idle in ``bench_gestures.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import PySide6
from bench_core import Row, print_table
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication

from roadmapper import app
from roadmapper.store.interchange import import_file
from roadmapper.store.store import Store
from roadmapper.ui.board.column_view import ColumnView
from roadmapper.ui.main_window import MainWindow

RUNS = 11
FORBIDDEN = ("alembic", "pptx", "roadmapper.export", "sqlalchemy", "sqlmodel", "pydantic")

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
    import json
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the parent process.
    with open("/proc/self/status") as status:
        rss = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(json.dumps({"t": now, "rss_kb": rss, "modules": modules}), flush=True)
    QApplication.instance().quit()

first_paint = FirstPaint()
VIEWPORT.installEventFilter(first_paint)
window.show()
qapp.exec()
"""
FLOOR_SETUP = """
import sys, time
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
window = app.start(cli.window_arguments(["--db", sys.argv[1]]).db)
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


def page(view: ColumnView, value: int) -> None:
    view.verticalScrollBar().setValue(value)
    view.viewport().repaint()


def settle() -> None:
    """Let the event loop finish what the last step started (the panel following the
    selection, its repaint), as it does between a person's two drags, so that work is
    not billed to the next step."""
    for _ in range(3):
        QApplication.processEvents()


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


def prepare(tmp: Path, size: int) -> str:
    """A database holding one roadmap of ``size`` cards (the bench's outcomes and KRs)."""
    from bench_gestures import document_of

    db = str(tmp / f"start-{size}.db")
    doc_path = tmp / f"start-{size}.json"
    doc_path.write_text(json.dumps(document_of(size, "Bench roadmap")), encoding="utf-8")
    store = Store.open(db)
    try:
        import_file(store, doc_path)
    finally:
        store.close()
    return db


def in_process(big_db: str, rows: list[Row]) -> None:
    """Scrolling in a window started as the app starts (collector included)."""
    window = app.start(big_db)
    try:
        ready: list[bool] = []
        window.ready.connect(lambda: ready.append(True))
        deadline = time.monotonic() + 60
        while not ready:
            if time.monotonic() > deadline:
                raise RuntimeError("the window did not get ready within a minute")
            QApplication.processEvents()
        scroll = scrolls(window, 100)
        rows.append(("page scroll at 10k (median/100)", statistics.median(scroll), 16, "ms"))
        rows.append(("page scroll at 10k (p95 of 100)", p95(scroll), None, "ms"))
        window.close()
    finally:
        window.store.close()


SIZES = (100, 1_000, 10_000, 50_000)
RATIO_TARGETS = {100: 1.6, 10_000: 2.0}


def main() -> int:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-ui-") as tmp_dir:
        tmp = Path(tmp_dir)
        config = str(tmp / "config")
        os.environ.update(child_env(config))  # the in-process steps too
        dbs = {size: prepare(tmp, size) for size in SIZES}
        children = [(FLOOR_CHILD, dbs[100])] + [(APP_CHILD, dbs[size]) for size in SIZES]
        children.append((COLLECTING_CHILD, dbs[100]))
        floor_runs, *size_runs, collecting_runs = start_ups(children, config)
        floor = statistics.median(run[0] for run in floor_runs)
        rows.append((f"floor: bare PySide6 window (med {RUNS})", floor, None, "s"))
        for size, runs in zip(SIZES, size_runs, strict=True):
            seconds = statistics.median(run[0] for run in runs)
            ratio = paired_ratio(runs, floor_runs)
            rows.append((f"start-up, {size:,} cards", seconds, None, "s"))
            rows.append((f"  / floor ({floor:.2f} s)", ratio, RATIO_TARGETS.get(size), "x"))
            rss = statistics.median(run[1] for run in runs) / 1024
            rows.append(("  peak RSS at first paint", rss, 150 if size == 10_000 else None, "MB"))
        collecting = paired_ratio(collecting_runs, floor_runs)
        rows.append(("100 cards, collector not paused", collecting, None, "x"))
        floor_mods, app_mods = set(floor_runs[0][2]), set(size_runs[0][0][2])
        bad = sorted(m for m in app_mods if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN))
        rows.append(("ORM/alembic/pptx/export modules", len(bad), 0, ""))
        in_process(dbs[10_000], rows)
    extra = sorted({m.split(".")[0] for m in app_mods - floor_mods} - {"roadmapper"})
    print(
        f"start-up at 100 cards loads {len(app_mods - floor_mods)} modules beyond the floor; "
        f"packages: {', '.join(extra)}; forbidden: {', '.join(bad) or 'none'}"
    )
    print_table(
        f"{os.cpu_count()} CPUs, PySide6 {PySide6.__version__} (Qt {QtCore.qVersion()})", rows
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
