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
import os
import select
import shutil
import signal
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

pytestmark = pytest.mark.xvfb

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = Path(__file__).with_name("e2e_app.py")
SCREEN = "1280x800x24"
WINDOW_NAME = "Roadmapper"

TOOLS = ("Xvfb", "xdotool")
APT_PACKAGES = (
    "xvfb xdotool libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
    "libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 "
    "libx11-xcb1 libgl1 libegl1 libfontconfig1 libglib2.0-0"
)

XVFB_START_TIMEOUT = 10.0
WINDOW_TIMEOUT = 20.0
QUIT_TIMEOUT = 5.0
STEP = 0.04  # seconds between two pointer moves: each becomes its own X motion event


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_tools() -> None:
    """Skip on a developer's machine without the tools; fail on CI, which must run this."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = (
        f"{' and '.join(missing)} not found: the real-mouse drag test needs an X server. "
        f"On Debian/Ubuntu: sudo apt-get install {APT_PACKAGES}"
    )
    if on_ci():
        pytest.fail(f"CI must run the end-to-end drag test, but {message}", pytrace=False)
    pytest.skip(message)


# -- processes ---------------------------------------------------------------


def stop(process: subprocess.Popen[bytes] | None, grace: float = 3.0) -> None:
    """End a process we started: SIGTERM, then SIGKILL if it lingers; always reap it."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(grace)


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return "(no output)"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:]) or "(no output)"


def start_xvfb(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on the first free display; Xvfb itself picks it and reports it on a pipe."""
    read_end, write_end = os.pipe()
    try:
        with log.open("wb") as out:
            xvfb = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write_end),
                    "-screen",
                    "0",
                    SCREEN,
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ],
                pass_fds=(write_end,),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        os.close(write_end)
        write_end = -1
        number = b""
        deadline = time.monotonic() + XVFB_START_TIMEOUT
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(left, 0))
            chunk = os.read(read_end, 64) if ready else b""
            if not chunk:  # timed out, or Xvfb exited and closed the pipe
                stop(xvfb)
                pytest.fail(f"Xvfb did not start:\n{tail(log)}", pytrace=False)
            number += chunk
        return xvfb, f":{number.decode().strip()}"
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


def xdotool(env: dict[str, str], *args: str, timeout: float = 5.0) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}", pytrace=False)
    return result.stdout


def screenshot(env: dict[str, str], path: Path) -> str:
    """A picture of the whole screen for the failure message, when imagemagick is there."""
    if shutil.which("import") is None:
        return "(no screenshot: install imagemagick)"
    subprocess.run(
        ["import", "-window", "root", str(path)],
        env=env,
        capture_output=True,
        timeout=10,
        check=False,
    )
    return str(path) if path.exists() else "(screenshot failed)"


def wait_for_window(env: dict[str, str], app: subprocess.Popen[bytes], log: Path) -> int:
    """The app's visible top-level window, found by xdotool as soon as it is mapped."""
    search = subprocess.Popen(
        ["xdotool", "search", "--sync", "--onlyvisible", "--name", WINDOW_NAME],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + WINDOW_TIMEOUT
        while search.poll() is None:
            if app.poll() is not None:
                pytest.fail(
                    f"the app exited ({app.returncode}) before showing a window:\n{tail(log)}\n"
                    f"(Qt's xcb plugin needs: sudo apt-get install {APT_PACKAGES})",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"no {WINDOW_NAME} window after {WINDOW_TIMEOUT:.0f} s:\n{tail(log)}",
                    pytrace=False,
                )
            time.sleep(0.05)
        assert search.stdout is not None
        found = search.stdout.read().split()
    finally:
        stop(search)
    assert found, f"xdotool found no window:\n{tail(log)}"
    return int(found[0])


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


def quit_app(env: dict[str, str], app: subprocess.Popen[bytes], window_id: int) -> str:
    """Ctrl+Q as a user would; SIGTERM (the launcher closes the window) if that fails."""
    if app.poll() is None:
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", str(window_id)],
            env=env,
            capture_output=True,
            timeout=3,
            check=False,
        )
        xdotool(env, "key", "--clearmodifiers", "ctrl+q")
        try:
            app.wait(QUIT_TIMEOUT)
            return "ctrl+q"
        except subprocess.TimeoutExpired:
            pass
    if app.poll() is None:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(QUIT_TIMEOUT)
            return "SIGTERM"
        except subprocess.TimeoutExpired:
            stop(app)
            return "SIGKILL"
    return "exited by itself"


# -- the test ----------------------------------------------------------------


def app_environment(tmp_path: Path, display: str, db: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Nothing from the developer's desktop session: no Wayland, no scaling, no D-Bus.
    for var in (
        "WAYLAND_DISPLAY",
        "DBUS_SESSION_BUS_ADDRESS",
        "QT_SCALE_FACTOR",
        "QT_SCREEN_SCALE_FACTORS",
        "QT_ENABLE_HIGHDPI_SCALING",
        "QT_QPA_PLATFORMTHEME",
        "QT_STYLE_OVERRIDE",
        "XAUTHORITY",
    ):
        env.pop(var, None)
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(runtime),
        ROADMAPPER_DB=str(db),
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p),
        PYTHONUNBUFFERED="1",
    )
    return env


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
