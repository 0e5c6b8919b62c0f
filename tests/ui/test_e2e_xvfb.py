"""End to end in a real X server: drag a card with the real mouse, check the database.

Under ``QT_QPA_PLATFORM=offscreen`` a ``QDrag`` ends at once, so the other UI
tests synthesize drop events. This one runs the real app (``e2e_app.py``, the
same start-up as ``roadmapper --db PATH``) on its own Xvfb, drags the first Now
card between the 2nd and 3rd Next card with xdotool (real pointer events
through XTEST), quits with Ctrl+Q and reads the result back from the store.

Needs Debian's ``xvfb`` and ``xdotool`` plus the libraries of Qt's xcb plugin
(see ``APT_PACKAGES``); ``imagemagick`` is optional and only adds screenshots.
Without them it is skipped on a laptop and fails on CI (``CI`` set).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.model.enums import Column
from roadmapper.store.interchange import import_sample
from roadmapper.store.store import Store
from tests.ui.xvfb import (
    WINDOW_TIMEOUT,
    app_environment,
    quit_app,
    require_tools,
    screenshot,
    start_xvfb,
    stop,
    tail,
    wait_for_window,
    xdotool,
)

pytestmark = pytest.mark.xvfb

LAUNCHER = Path(__file__).with_name("e2e_app.py")
STEP = 0.04  # seconds between two pointer moves: each becomes its own X motion event


def wait_for_probe(path: Path, app: subprocess.Popen[bytes], log: Path) -> dict[str, Any]:
    deadline = time.monotonic() + WINDOW_TIMEOUT
    while not path.exists():
        if app.poll() is not None:
            pytest.fail(
                f"the app exited ({app.returncode}) before the probe:\n{tail(log)}",
                pytrace=False,
            )
        if time.monotonic() > deadline:
            pytest.fail(
                f"no probe from the app after {WINDOW_TIMEOUT:.0f} s:\n{tail(log)}",
                pytrace=False,
            )
        time.sleep(0.05)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if "error" in data:
        pytest.fail(f"the probe failed in the app:\n{data['error']}", pytrace=False)
    return data


def points_between(
    start: Sequence[int], end: Sequence[int], steps: int
) -> Iterator[tuple[int, int]]:
    for n in range(1, steps + 1):
        yield (
            round(start[0] + (end[0] - start[0]) * n / steps),
            round(start[1] + (end[1] - start[1]) * n / steps),
        )


def drag(env: dict[str, str], source: tuple[int, int], target: tuple[int, int]) -> None:
    """Press on ``source``, move past the drag threshold in small steps, release on ``target``.

    Qt starts a ``QDrag`` only after the pointer has moved more than
    ``startDragDistance`` (10 px) with the button down, and tracks it from
    motion events inside the drag's own event loop: each step is one event.
    """
    xdotool(env, "mousemove", str(source[0]), str(source[1]))
    time.sleep(0.15)
    xdotool(env, "mousedown", "1")
    time.sleep(0.15)
    started = (source[0] + 24, source[1] + 12)
    for x, y in points_between(source, started, 8):  # 3 px a step: through the threshold
        xdotool(env, "mousemove", str(x), str(y))
        time.sleep(STEP)
    for x, y in points_between(started, target, 12):
        xdotool(env, "mousemove", str(x), str(y))
        time.sleep(STEP)
    for x, y in ((target[0] + 1, target[1]), target):  # settle: the view updates its indicator
        time.sleep(0.1)
        xdotool(env, "mousemove", str(x), str(y))
    time.sleep(0.2)
    xdotool(env, "mouseup", "1")
    time.sleep(0.4)


# -- the test ----------------------------------------------------------------


def sample_database(path: Path) -> tuple[int, RoadmapSnapshot]:
    store = Store.open(str(path))
    try:
        roadmap = import_sample(store)
        return roadmap.id, store.load(roadmap.id)
    finally:
        store.close()


def load(path: Path, roadmap_id: int) -> tuple[list[str], RoadmapSnapshot]:
    store = Store.open(str(path))
    try:
        names = [s.roadmap.name for s in store.list_roadmaps()]
        return names, store.load(roadmap_id)
    finally:
        store.close()


def column_ids(snapshot: RoadmapSnapshot, column: Column) -> list[int]:
    return [i.id for i in snapshot.column(column)]


def test_real_mouse_drag_moves_a_now_card_between_two_next_cards(tmp_path: Path) -> None:
    require_tools()
    db = tmp_path / "roadmap.db"
    roadmap_id, before = sample_database(db)
    names_before, _ = load(db, roadmap_id)
    probe_path = tmp_path / "probe.json"
    app_log = tmp_path / "app.log"
    xvfb: subprocess.Popen[bytes] | None = None
    app: subprocess.Popen[bytes] | None = None
    moved, shot = -1, ""
    try:
        xvfb, display = start_xvfb(tmp_path / "xvfb.log")
        env = app_environment(tmp_path, display, db)
        with app_log.open("wb") as out:
            app = subprocess.Popen(
                [sys.executable, str(LAUNCHER), str(db), str(probe_path)],
                env=env,
                cwd=tmp_path,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        window_id = wait_for_window(env, app, app_log)
        probe = wait_for_probe(probe_path, app, app_log)

        # The probe describes the board the database holds, on this window, unscaled.
        assert probe["platform"] == "xcb"
        assert probe["window_id"] == window_id
        geometry = dict(
            line.split("=", 1)
            for line in xdotool(env, "getwindowgeometry", "--shell", str(window_id)).split()
        )
        assert (int(geometry["X"]), int(geometry["Y"])) == (
            probe["window"]["x"],
            probe["window"]["y"],
        ), f"Qt and X disagree on where the window is: {geometry} vs {probe['window']}"
        moved = probe["now"]["id"]
        assert probe["now"]["ids"] == column_ids(before, Column.NOW)
        assert probe["next"]["ids"] == column_ids(before, Column.NEXT)
        assert moved == column_ids(before, Column.NOW)[0]
        assert probe["next"]["row_at_target"] == 2

        source = (probe["now"]["source"]["x"], probe["now"]["source"]["y"])
        target = (probe["next"]["target"]["x"], probe["next"]["target"]["y"])
        drag(env, source, target)
        shot = screenshot(env, tmp_path / "after-drop.png")
        how = quit_app(env, app, window_id)
        assert app.returncode == 0, f"the app ended with {app.returncode} ({how}):\n{tail(app_log)}"
    finally:
        stop(app)
        stop(xvfb)

    names_after, after = load(db, roadmap_id)
    context = f"(screenshot after the drop: {shot}; app output:\n{tail(app_log)})"
    expected_next = column_ids(before, Column.NEXT)
    expected_next.insert(2, moved)
    assert column_ids(after, Column.NEXT) == expected_next, context
    assert column_ids(after, Column.NOW) == column_ids(before, Column.NOW)[1:], context

    # The moved card changed place only; everything else is exactly as it was.
    old = next(i for i in before.initiatives if i.id == moved)
    new = next(i for i in after.initiatives if i.id == moved)
    assert new.column is Column.NEXT
    assert dataclasses.replace(new, column=old.column, rank=old.rank, version=old.version) == old
    others_before = {i.id: i for i in before.initiatives if i.id != moved}
    others_after = {i.id: i for i in after.initiatives if i.id != moved}
    assert others_after == others_before, context
    assert names_after == names_before
    # The board showed what the database holds: no source rows removed after the drag.
    shown = json.loads(probe_path.with_name("probe-at-exit.json").read_text(encoding="utf-8"))
    stored = {c.value: column_ids(after, c) for c in Column}
    assert shown == stored, context
    assert after.roadmap == before.roadmap
    assert after.outcomes == before.outcomes
    assert after.key_results == before.key_results
    assert after.check_ins == before.check_ins
