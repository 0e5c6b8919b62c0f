"""Launcher for the end-to-end drag test: the real app on X11, plus a probe.

Usage: ``python tests/ui/e2e_app.py DB PROBE_JSON``

It starts the window exactly as ``roadmapper --db DB`` does (``app.run``), on
``QT_QPA_PLATFORM=xcb``. Once the window is shown and painted it writes
``PROBE_JSON`` with the screen coordinates the test needs to drag the first
card of Now into the Next column between its 2nd and 3rd card; when the event
loop ends it writes ``PROBE-at-exit.json`` with the ids each column showed.
Everything test-only lives here, never in the ``roadmapper`` package.

SIGTERM closes the window the normal way (close event, store closed), so a
test that cannot reach the Quit shortcut still ends the app cleanly.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication

from roadmapper import app
from roadmapper.model.enums import Column
from roadmapper.ui.main_window import MainWindow

PROBE_DELAY_MS = 500
TARGET_ROW = 2
"""The Next column's row the dragged card should land at: between rows 1 and 2."""


def _point(p: QPoint) -> dict[str, int]:
    return {"x": p.x(), "y": p.y()}


def _rect(r: QRect) -> dict[str, int]:
    return {"x": r.x(), "y": r.y(), "width": r.width(), "height": r.height()}


def probe(window: MainWindow) -> dict[str, Any]:
    """Where things are on screen, in global (root window) coordinates."""
    now = window.board.views[Column.NOW]
    nxt = window.board.views[Column.NEXT]
    now_ids = now.column_model().ids()
    next_ids = nxt.column_model().ids()
    if not now_ids or len(next_ids) <= TARGET_ROW:
        raise RuntimeError(f"sample roadmap too small: now={now_ids} next={next_ids}")

    source_rect = now.visualRect(now.model().index(0, 0))
    source = now.viewport().mapToGlobal(source_rect.center())

    # The boundary between row 1 and row 2, a few pixels into row 2: Qt's item view
    # reads that as "above row 2" (and rows take no drops on themselves anyway).
    above = nxt.visualRect(nxt.model().index(TARGET_ROW - 1, 0))
    below = nxt.visualRect(nxt.model().index(TARGET_ROW, 0))
    local = QPoint(below.center().x(), below.top() + 3)
    target = nxt.viewport().mapToGlobal(local)

    frame = window.frameGeometry()
    return {
        "pid": os.getpid(),
        "platform": QApplication.platformName(),
        "window_id": int(window.winId()),
        "window_title": window.windowTitle(),
        "window": _rect(window.geometry()),
        "window_frame": _rect(frame),
        "now": {
            "id": now_ids[0],
            "ids": now_ids,
            "source": _point(source),
            "card_rect_global": _rect(
                QRect(now.viewport().mapToGlobal(source_rect.topLeft()), source_rect.size())
            ),
        },
        "next": {
            "ids": next_ids,
            "target_row": TARGET_ROW,
            "between_ids": [next_ids[TARGET_ROW - 1], next_ids[TARGET_ROW]],
            "target": _point(target),
            "row_at_target": nxt.indexAt(local).row(),
            "gap_y_global": nxt.viewport().mapToGlobal(QPoint(0, above.bottom())).y(),
            "viewport_global": _rect(
                QRect(nxt.viewport().mapToGlobal(QPoint(0, 0)), nxt.viewport().size())
            ),
        },
    }


def shown_ids(window: MainWindow) -> dict[str, Any]:
    """The ids each column's view model holds, in order."""
    return {c.value: window.board.views[c].column_model().ids() for c in Column}


def exit_path(probe_path: Path) -> Path:
    return probe_path.with_name(probe_path.stem + "-at-exit.json")


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write atomically, so the test never reads half a file."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2), encoding="utf-8")
    partial.replace(path)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: e2e_app.py DB PROBE_JSON", file=sys.stderr)
        return 2
    db, probe_path = argv[1], Path(argv[2])

    # What roadmapper.app.run(db), which `roadmapper --db DB` calls, does before its loop.
    window = app.start(db)
    qapp = app.application()

    def write_probe() -> None:
        try:
            data = probe(window)
        except Exception:
            data = {"error": traceback.format_exc()}
        write_json(probe_path, data)

    QTimer.singleShot(PROBE_DELAY_MS, write_probe)

    # Python runs signal handlers only between bytecodes: a timer lets it in.
    signal.signal(signal.SIGTERM, lambda *_args: QApplication.closeAllWindows())
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(100)

    code = qapp.exec()
    # What the board showed at the end, to compare with the database.
    write_json(exit_path(probe_path), shown_ids(window))
    window.store.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
