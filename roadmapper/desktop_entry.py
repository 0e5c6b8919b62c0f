"""``roadmapper install-desktop``: the Linux desktop entry and icons for the current user.

The entry starts whichever Roadmapper runs the command: a frozen bundle's
executable, or this Python with ``-m roadmapper`` (a venv, pipx, a clone), so
it keeps working wherever that install lives. Files follow the freedesktop
layout under ``$XDG_DATA_HOME`` (``~/.local/share``); each is written to a
temporary name and renamed, and the desktop's caches are refreshed when their
tools are installed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from roadmapper.core.errors import RoadmapperError
from roadmapper.resources import DESKTOP_ID, ICON_SIZES, icon_parts, read_bytes

ENTRY_NAME = f"{DESKTOP_ID}.desktop"


@dataclass(frozen=True, slots=True)
class Installed:
    """Where the entry and its icons went."""

    entry: Path
    icons: tuple[Path, ...]


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def launch_command() -> list[str]:
    """The command that starts this very Roadmapper."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "roadmapper"]


def exec_quote(argument: str) -> str:
    """One argument of an ``Exec`` key, quoted as the Desktop Entry spec asks."""
    if argument and not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`"):
        quoted = argument
    else:
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        quoted = f'"{escaped}"'
    # The key's value is a string too, so its backslashes are escaped once more; a literal
    # percent sign is doubled, or it would start a field code such as %f.
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def entry_text(command: list[str]) -> str:
    """The shipped entry with ``Exec`` and ``TryExec`` pointing at ``command``."""
    template = read_bytes("desktop", ENTRY_NAME).decode("utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(exec_quote(part) for part in command) + " %f"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def icon_targets(root: Path) -> dict[Path, tuple[str, ...]]:
    """Every icon file to install under ``root`` (``…/icons/hicolor``), with its shipped parts."""
    targets = {
        root / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png": icon_parts(size)
        for size in ICON_SIZES
    }
    targets[root / "scalable" / "apps" / f"{DESKTOP_ID}.svg"] = ("icons", f"{DESKTOP_ID}.svg")
    return targets


def install(home: Path | None = None) -> Installed:
    """Install the entry and the icons; ``RoadmapperError`` if a file cannot be written."""
    home = home or data_home()
    entry = home / "applications" / ENTRY_NAME
    files = {
        path: read_bytes(*parts) for path, parts in icon_targets(home / "icons" / "hicolor").items()
    }
    files[entry] = entry_text(launch_command()).encode("utf-8")
    for path, data in files.items():
        _write(path, data)
    _refresh(home)
    return Installed(entry, tuple(p for p in files if p != entry))


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what ``install`` wrote; the files that were there."""
    home = home or data_home()
    paths = [home / "applications" / ENTRY_NAME, *icon_targets(home / "icons" / "hicolor")]
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise RoadmapperError(f"cannot remove {path}: {_reason(exc)}.") from None
        removed.append(path)
    _refresh(home)
    return removed


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise RoadmapperError(f"cannot write {path}: {_reason(exc)}.") from None


def _refresh(home: Path) -> None:
    """Ask the desktop to notice, where its tools exist; a failure here changes nothing."""
    for tool, *args in (
        ("update-desktop-database", "-q", str(home / "applications")),
        ("gtk-update-icon-cache", "-q", "-t", "-f", str(home / "icons" / "hicolor")),
    ):
        program = shutil.which(tool)
        if program is not None:
            subprocess.run(
                [program, *args],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
                timeout=30,
            )


def _reason(exc: OSError) -> str:
    return (exc.strerror or exc.__class__.__name__).lower()
