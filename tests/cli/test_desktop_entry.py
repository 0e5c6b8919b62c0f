"""``roadmapper install-desktop``: a valid entry that starts this Roadmapper, and its icons."""

from __future__ import annotations

import configparser
import shlex
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from roadmapper import desktop_entry
from roadmapper.cli import main
from roadmapper.resources import ICON_SIZES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_install_and_uninstall_for_the_current_user(
    capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    home = isolated_environment / "data"
    assert main(["install-desktop"]) == 0
    out = capsys.readouterr().out
    path = home / "applications" / "roadmapper.desktop"
    assert str(path) in out and "10 icons" in out

    keys = entry(path)
    assert keys["Name"] == "Roadmapper" and keys["Icon"] == "roadmapper"
    assert keys["Type"] == "Application" and keys["Terminal"] == "false"
    # The entry starts this very Roadmapper, with the file a file manager hands it.
    assert shlex.split(keys["Exec"]) == [sys.executable, "-m", "roadmapper", "%f"]
    assert keys["TryExec"] == sys.executable
    for size in ICON_SIZES:
        icon = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "roadmapper.png"
        assert png_size(icon) == (size, size)
    svg = home / "icons" / "hicolor" / "scalable" / "apps" / "roadmapper.svg"
    assert svg.read_bytes().lstrip().startswith((b"<svg", b"<?xml"))
    assert not list(home.rglob(".*.partial"))

    assert main(["uninstall-desktop"]) == 0
    assert "Removed 11 files" in capsys.readouterr().out
    assert not path.exists() and not svg.exists()


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="needs desktop-file-utils"
)
def test_the_entry_passes_desktop_file_validate(isolated_environment: Path) -> None:
    installed = desktop_entry.install()
    result = subprocess.run(
        ["desktop-file-validate", str(installed.entry)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/usr/bin/python3", "/usr/bin/python3"),
        ("/home/pm/My Apps/python", '"/home/pm/My Apps/python"'),
        ('/opt/a"b$c', '"/opt/a\\\\"b\\\\$c"'),
        ("/home/pm/100%/python", "/home/pm/100%%/python"),
    ],
)
def test_exec_arguments_are_quoted_as_the_spec_asks(argument: str, quoted: str) -> None:
    assert desktop_entry.exec_quote(argument) == quoted


def test_a_folder_that_cannot_be_written_is_one_sentence(
    capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    (isolated_environment / "data").write_text("a file where the folder should be")
    assert main(["install-desktop"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("roadmapper: Cannot write ") and err.count("\n") == 1


def test_the_entry_matches_the_window_it_starts() -> None:
    """Desktops tie a window to its entry by WM_CLASS (X11) or the desktop file name."""
    from roadmapper.app import APPLICATION
    from roadmapper.resources import DESKTOP_ID

    keys_text = desktop_entry.entry_text(["/opt/Roadmapper/Roadmapper"])
    assert f"StartupWMClass={APPLICATION}\n" in keys_text  # Qt's WM_CLASS class
    assert f"{DESKTOP_ID}.desktop" == desktop_entry.ENTRY_NAME  # = setDesktopFileName
    assert "Exec=/opt/Roadmapper/Roadmapper %f\n" in keys_text
