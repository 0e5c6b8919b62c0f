"""The first window fits a 1366x768 laptop screen, on a real X server, as ``roadmapper`` starts.

Run the way a user runs it (``python -m roadmapper --db DB``) on its own Xvfb,
then ask the X server, not Qt, where the window is. There is no window
manager, so the window's frame is the window itself.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.xvfb import (
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

LAPTOP = (1366, 768)
MONITOR = (2560, 1440)


def window_rect(env: dict[str, str], window_id: int) -> tuple[int, int, int, int]:
    shell = xdotool(env, "getwindowgeometry", "--shell", str(window_id))
    values = dict(line.split("=", 1) for line in shell.split())
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def settle(env: dict[str, str], window_id: int) -> tuple[int, int, int, int]:
    """The window's rectangle once it stopped changing (the app fits it after its first paint)."""
    last, stable_since = window_rect(env, window_id), time.monotonic()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and time.monotonic() - stable_since < 1.0:
        time.sleep(0.1)
        now = window_rect(env, window_id)
        if now != last:
            last, stable_since = now, time.monotonic()
    return last


def run_app(tmp_path: Path, screen: tuple[int, int], name: str, resize_to=None):
    """Start the app on a fresh Xvfb of ``screen``; its settled rectangle; then quit it."""
    db, log = tmp_path / "roadmap.db", tmp_path / f"{name}.log"
    xvfb = app = None
    try:
        xvfb, display = start_xvfb(tmp_path / f"xvfb-{name}.log", f"{screen[0]}x{screen[1]}x24")
        env = app_environment(tmp_path, display, db)
        with log.open("wb") as out:
            app = subprocess.Popen(
                [sys.executable, "-m", "roadmapper", "--db", str(db)],
                env=env,
                cwd=tmp_path,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        window_id = wait_for_window(env, app, log)
        if resize_to is not None:
            x, y, width, height = resize_to
            xdotool(env, "windowsize", str(window_id), str(width), str(height))
            xdotool(env, "windowmove", str(window_id), str(x), str(y))
        rect = settle(env, window_id)
        shot = screenshot(env, tmp_path / f"{name}.png")
        how = quit_app(env, app, window_id)
        assert app.returncode == 0, f"the app ended with {app.returncode} ({how}):\n{tail(log)}"
        return rect, shot
    finally:
        stop(app)
        stop(xvfb)


def assert_inside(rect: tuple[int, int, int, int], screen: tuple[int, int], shot: str) -> None:
    x, y, width, height = rect
    assert x >= 0 and y >= 0, f"window at {x},{y} starts off the screen ({shot})"
    assert x + width <= screen[0] and y + height <= screen[1], (
        f"window {width}x{height} at {x},{y} runs past the {screen[0]}x{screen[1]} screen ({shot})"
    )


def test_the_first_window_fits_a_laptop_screen(tmp_path: Path) -> None:
    require_tools()
    rect, shot = run_app(tmp_path, LAPTOP, "laptop")
    assert_inside(rect, LAPTOP, shot)
    # Fitted, not shrunk to a stamp: the board and the panel still have their room.
    assert rect[2] >= 1200 and rect[3] >= 700, f"{rect} ({shot})"


def test_a_size_remembered_on_a_big_monitor_is_clamped_to_the_laptop(tmp_path: Path) -> None:
    require_tools()
    big = (100, 60, 2400, 1340)
    rect, shot = run_app(tmp_path, MONITOR, "monitor", resize_to=big)
    assert rect[2:] == big[2:], f"the window did not take the big size: {rect} ({shot})"
    # Quitting saved that geometry; the same user then opens the laptop.
    rect, shot = run_app(tmp_path, LAPTOP, "laptop-after-monitor")
    assert_inside(rect, LAPTOP, shot)
    assert rect[2] >= 1200 and rect[3] >= 700, f"{rect} ({shot})"
