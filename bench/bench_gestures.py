"""Gestures as the user feels them: from the input event until the window is repainted
and the event loop is idle, at 100, 1,000, 10,000 and 50,000 cards, offscreen.

Each size runs in a child process started as the app starts (``app.start``: the first
read, the full store imported after the first paint), so one size's memory and caches
do not reach the next. A gesture is timed from the moment its event is delivered (a
drop event on a column, a key press, a mouse click, the OK of a dialog, a typed
letter) until a pass of the event loop finds nothing to do: every posted event, every
zero-delay timer (the coalesced coaching and health refresh) and every repaint the
gesture caused has run by then. Work a gesture leaves on a timer with a delay runs
after it, untimed: its cost is shown as "after" (busy time of the event loop in the
next ``DRAIN_MS``: the panel following the selection, say), so it is not hidden.

The window reads its other roadmap ahead once it is idle (``ui.read_ahead``); the
child waits for that, as for the full store's import, before the first gesture.
Switching is timed three ways: back to a roadmap the window showed before ("switch
roadmap"), to one it read ahead but never showed ("read ahead": the first switch
once the window has been idle a moment), and to one not in memory ("unvisited": after a
write by another window, or beyond the roadmaps a window keeps), which it reads in parts:
the first cards of each column before the board is painted, the rest 30 ms later, in
"after" with the health strip's count of them.

Usage: ``python bench/bench_gestures.py [SIZE ...]`` (default: all four sizes).
"""

from __future__ import annotations

import copy
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = (100, 1_000, 10_000, 50_000)
SAMPLES = {100: 40, 1_000: 40, 10_000: 30, 50_000: 15}
DRAIN_MS = 150
IDLE_WAIT_S = 10.0
"""A gesture that keeps the event loop busy longer than this is reported as this long
(a timer that restarts itself at once would otherwise never let it end)."""
IDLE_PASS_S = 0.0003
"""A pass of the event loop with nothing to do takes less than this."""
GESTURES = (
    "drop a card",
    "keyboard move",
    "edit a title",
    "add a check-in",
    "select a card",
    "switch roadmap",
    "switch (read ahead)",
    "switch (unvisited)",
    "highlight outcome",
    "filter",
)


def document_of(size: int, name: str) -> dict[str, Any]:
    """The bench roadmap (200 key results, 40 outcomes) with ``size`` cards."""
    from bench_core import SEED, make_document

    doc = make_document(random.Random(SEED))
    # Names of their own per roadmap, so that switching to the other one measures and
    # paints its texts afresh instead of finding the first one's in a cache.
    letter = name[0]
    for outcome in doc["outcomes"]:
        outcome["objective"] = f"{letter}: {outcome['objective']}"
    base = doc["initiatives"]
    cards = []
    for n in range(size):
        card = copy.deepcopy(base[n % len(base)])
        card["ref"] = f"i{n}"
        head = card["title"].split(":")[0]
        card["title"] = card["title"].replace(head, f"Initiative {letter}{n}")
        cards.append(card)
    doc["initiatives"] = cards
    doc["roadmap"]["name"] = name
    return doc


def prepare(tmp: Path, size: int) -> str:
    """A database with two roadmaps of ``size`` cards each (the second to switch to)."""
    from roadmapper.store.interchange import import_file
    from roadmapper.store.store import Store

    db = str(tmp / f"gestures-{size}.db")
    store = Store.open(db)
    try:
        for name in ("A roadmap", "B roadmap"):
            plan = tmp / f"plan-{size}-{name[0]}.json"
            plan.write_text(json.dumps(document_of(size, name)), encoding="utf-8")
            import_file(store, plan)
    finally:
        store.close()
    return db


# -- the child: one size ----------------------------------------------------------


class Clock:
    """Input event to idle, and the busy time of the event loop after it."""

    def __init__(self) -> None:
        from PySide6.QtCore import QAbstractEventDispatcher

        dispatcher = QAbstractEventDispatcher.instance()
        assert dispatcher is not None
        self.dispatcher = dispatcher

    def until_idle(self) -> None:
        """Run the event loop until a pass of it finds nothing to do: no posted event (a
        repaint, a layout), no timer due. Waiting for the dispatcher's ``aboutToBlock``
        instead stops too early with GLib's dispatcher, which signals it before every
        pass that may wait, with work still queued (the columns' repaint after a switch
        ran after it, uncounted)."""
        from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop

        flags = QEventLoop.ProcessEventsFlag.AllEvents
        deadline = time.perf_counter() + IDLE_WAIT_S
        busy = True
        while busy and time.perf_counter() < deadline:
            busy = self.dispatcher.processEvents(flags)
            # Outside a running event loop Qt holds back deleteLater()'s deletes (a
            # closed dialog, say): the app's own loop would delete them in this pass.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def timed(self, gesture: Callable[[], object]) -> float:
        """Milliseconds from ``gesture`` (which delivers the input event) to idle."""
        start = time.perf_counter()
        gesture()
        self.until_idle()
        return (time.perf_counter() - start) * 1000

    def drain(self) -> float:
        """Let delayed work run, untimed, as between a person's two gestures; its busy ms
        (the time spent in event processing that did something, over ``DRAIN_MS``)."""
        from PySide6.QtWidgets import QApplication

        busy, end = 0.0, time.perf_counter() + DRAIN_MS / 1000
        while time.perf_counter() < end:
            start = time.perf_counter()
            QApplication.processEvents()
            spent = time.perf_counter() - start
            if spent > IDLE_PASS_S:
                busy += spent
            time.sleep(0.001)
        return busy * 1000


class Gestures:
    """Each gesture as a person makes it, on the window ``app.start`` opened."""

    def __init__(self, window: Any, clock: Clock, rng: random.Random) -> None:
        self.window, self.clock, self.rng = window, clock, rng
        self.board = window.board
        self.step = 0
        self.clock_start: float | None = None
        """Set by the edit dialog's OK: that gesture is timed from there, not from its call."""

    # Helpers -------------------------------------------------------------

    def visible_index(self, column: Any) -> Any:
        """A card the user can see in ``column`` (a random row of its viewport)."""
        view = self.board.views[column]
        rect = view.viewport().rect()
        for _ in range(20):
            y = self.rng.randrange(max(1, rect.height()))
            index = view.indexAt(rect.topLeft().__class__(rect.width() // 2, y))
            if index.isValid():
                return index
        return view.model().index(0, 0)

    def columns_with_cards(self) -> list[Any]:
        return [c for c in self.board.visible_columns() if self.board.models[c].rowCount()]

    def select_random(self) -> Any:
        column = self.rng.choice(self.columns_with_cards())
        index = self.visible_index(column)
        view = self.board.views[column]
        view.setFocus()
        view.select_index(index)
        self.clock.until_idle()
        return view

    # Gestures: each returns the function that delivers the timed event ----

    def drop_a_card(self) -> Callable[[], object]:
        from PySide6.QtCore import QPoint, QPointF, Qt
        from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
        from PySide6.QtWidgets import QApplication

        columns = self.columns_with_cards()
        src, dst = self.rng.choice(columns), self.rng.choice(self.board.visible_columns())
        index = self.visible_index(src)
        mime = self.board.models[src].mimeData([index])
        viewport = self.board.views[dst].viewport()
        point = QPoint(viewport.width() // 2, self.rng.randrange(max(1, viewport.height())))
        buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        action = Qt.DropAction.MoveAction
        QApplication.sendEvent(viewport, QDragEnterEvent(point, action, mime, buttons, mods))
        QApplication.sendEvent(viewport, QDragMoveEvent(point, action, mime, buttons, mods))
        self.clock.until_idle()
        drop = QDropEvent(QPointF(point), action, mime, buttons, mods)
        # The events point at ``mime``: it must live until the drop is delivered.
        return lambda payload=mime: QApplication.sendEvent(viewport, drop)

    def keyboard_move(self) -> Callable[[], object]:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        view = self.select_random()
        key = self.rng.choice((Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Left))
        return lambda: QTest.keyClick(view, key, Qt.KeyboardModifier.ControlModifier)

    def edit_a_title(self) -> Callable[[], object]:
        """The edit dialog's OK: the dialog is filled in untimed, the clock starts at OK."""
        from PySide6.QtWidgets import QDialog

        from roadmapper.ui.board import initiative_dialog

        self.select_random()
        self.step += 1
        title = f"Renamed by the bench {self.step}"
        actions = self.window.actions_

        def accept(dialog: Any) -> int:
            dialog._title_edit.setText(title)
            self.clock_start = time.perf_counter()
            return QDialog.DialogCode.Accepted.value

        initiative_dialog.InitiativeDialog.exec = accept  # type: ignore[method-assign]
        return actions.edit_selected

    def add_a_check_in(self) -> Callable[[], object]:
        import datetime as dt

        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from roadmapper.core.records import CheckInFields

        detail = self.window.panel.detail
        snapshot = self.window.document.snapshot
        kr = self.rng.choice(snapshot.key_results)
        detail.set_key_result(kr.id)
        self.step += 1
        day = dt.date.today() - dt.timedelta(days=self.step)
        detail.inputs.set_fields(CheckInFields(day, float(self.step), "bench", 5))
        self.clock.until_idle()
        button = detail.add_button
        return lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def select_a_card(self) -> Callable[[], object]:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        column = self.rng.choice(self.columns_with_cards())
        view = self.board.views[column]
        point = view.visualRect(self.visible_index(column)).center()
        return lambda: QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    def switch_roadmap(self) -> Callable[[], object]:
        switcher = self.window.switcher
        other = next(
            n
            for n in range(switcher.count())
            if switcher.itemText(n) in ("A roadmap", "B roadmap") and n != switcher.currentIndex()
        )

        def switch() -> None:
            switcher.setCurrentIndex(other)
            switcher.activated.emit(other)

        return switch

    def switch_read_ahead(self) -> Callable[[], object]:
        """Switch to a roadmap the window read ahead but never showed (the first switch
        once the window has been idle a moment): in memory, but shown anew."""
        document = self.window.document
        document.forget_kept_roadmaps()
        switcher = self.window.switcher
        other = next(
            switcher.itemData(n)
            for n in range(switcher.count())
            if switcher.itemText(n) in ("A roadmap", "B roadmap") and n != switcher.currentIndex()
        )
        document.read_ahead(other)
        self.clock.drain()
        return self.switch_roadmap()

    def switch_unvisited(self) -> Callable[[], object]:
        """Switch as if the window had not shown the other roadmap yet: it is read anew.
        (``switch roadmap`` goes back and forth, so the window shows a roadmap it kept.)"""
        self.window.document.forget_kept_roadmaps()
        return self.switch_roadmap()

    def highlight_outcome(self) -> Callable[[], object]:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        chips = [c for c in self.board.legend.buttons().values() if c.isVisible()]
        chip = self.rng.choice(chips)
        return lambda: QTest.mouseClick(chip, Qt.MouseButton.LeftButton)

    def filter(self) -> Callable[[], object]:
        """Type a letter into the empty filter box, or clear it again (every other time)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        box = self.window.filter_box
        self.step += 1
        if box.text():
            return lambda: QTest.keyClick(box, Qt.Key.Key_Backspace)
        box.setFocus()
        letter = self.rng.choice("aeiou")
        return lambda: QTest.keyClicks(box, letter)


def child(db: str, size: int, seed: int) -> None:
    """Start the app on ``db``, then time each gesture; print one JSON line."""
    from PySide6.QtWidgets import QApplication

    from roadmapper import app

    window = app.start(db)
    qapp = QApplication.instance()
    ready: list[bool] = []
    window.ready.connect(lambda: ready.append(True))
    deadline = time.monotonic() + 120
    while not ready and time.monotonic() < deadline:
        qapp.processEvents()
    for thread in threading.enumerate():
        if thread.name == "roadmapper-warm-up":
            thread.join()
    while window.read_ahead.active and time.monotonic() < deadline:
        qapp.processEvents()  # the other roadmap is read ahead before any gesture
    window.activateWindow()
    ready_mb = rss_mb("VmRSS")  # started, full store imported, other roadmap read ahead
    clock = Clock()
    clock.drain()
    gestures = Gestures(window, clock, random.Random(seed))
    methods = {
        "drop a card": gestures.drop_a_card,
        "keyboard move": gestures.keyboard_move,
        "edit a title": gestures.edit_a_title,
        "add a check-in": gestures.add_a_check_in,
        "select a card": gestures.select_a_card,
        "switch roadmap": gestures.switch_roadmap,
        "switch (read ahead)": gestures.switch_read_ahead,
        "switch (unvisited)": gestures.switch_unvisited,
        "highlight outcome": gestures.highlight_outcome,
        "filter": gestures.filter,
    }
    results: dict[str, dict[str, list[float]]] = {}
    for name in GESTURES:
        samples, after = [], []
        for _ in range(SAMPLES[size] + 1):  # the first one warms caches, not counted
            deliver = methods[name]()
            gestures.clock_start = None
            ms = clock.timed(deliver)
            if gestures.clock_start is not None:  # timed from the dialog's OK
                ms = (time.perf_counter() - gestures.clock_start) * 1000
            samples.append(ms)
            after.append(clock.drain())
        results[name] = {"ms": samples[1:], "after": after[1:]}
        if window.filter_box.text():
            window.filter_box.clear()
            clock.drain()
    report = {"size": size, "results": results, "rss_mb": rss_mb(), "ready_mb": ready_mb}
    print(json.dumps(report), flush=True)
    window.close()
    window.store.close()


def rss_mb(field: str = "VmHWM") -> float:
    """This process's peak resident memory (VmHWM: Linux carries ``ru_maxrss`` over exec
    from the parent, which here imported every roadmap), or another /proc field."""
    with open("/proc/self/status", encoding="ascii") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith(f"{field}:"))
    return kb / 1024


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        # The seed comes from the parent: importing bench_core here would load the whole
        # store (SQLAlchemy, pydantic) before the app starts, and count it as the app's.
        child(argv[1], int(argv[2]), int(argv[3]))
        return 0
    sizes = [int(a) for a in argv] or list(SIZES)
    from bench_core import SEED
    from bench_ui import child_env

    reports = []
    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-gestures-") as tmp_dir:
        tmp = Path(tmp_dir)
        env = child_env(str(tmp / "config"))
        for size in sizes:
            db = prepare(tmp, size)
            proc = subprocess.run(
                [sys.executable, __file__, "--child", db, str(size), str(SEED)],
                env=env,
                capture_output=True,
                text=True,
                timeout=1800,
                check=False,
            )
            lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
            if proc.returncode != 0 or not lines:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            reports.append(json.loads(lines[-1]))
    rows = []
    for name in GESTURES:
        for report in reports:
            size, result = report["size"], report["results"][name]
            ms, after = result["ms"], result["after"]
            target = {1_000: "p95 16", 10_000: "median 16"}.get(size, "")
            median, after_median = statistics.median(ms), statistics.median(after)
            rows.append((name, f"{size:,}", median, p95(ms), after_median, target))
    print(f"{os.cpu_count()} CPUs, offscreen, input event to idle and repainted, ms")
    header = ("gesture", "cards", "median", "p95", "after (median)", "target")
    widths = (19, 7, 8, 8, 15, 10)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for name, size, median, high, after, target in rows:
        cells = (name, size, f"{median:.1f}", f"{high:.1f}", f"{after:.1f}", target)
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    for report in reports:
        size, ready, peak = report["size"], report["ready_mb"], report["rss_mb"]
        print(
            f"RSS at {size:,} cards (two roadmaps, both in memory): {ready:.1f} MB ready "
            f"(full store imported, other roadmap read ahead), {peak:.1f} MB peak"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main(sys.argv[1:]))
