"""Helpers for tests that run the real app on their own X server (Debian's xvfb and xdotool)."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
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


def start_xvfb(log: Path, screen: str = SCREEN) -> tuple[subprocess.Popen[bytes], str]:
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
                    screen,
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
    runtime.mkdir(mode=0o700, exist_ok=True)
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
