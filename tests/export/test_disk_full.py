"""A full disk under the real command: ``roadmapper export`` refuses, the old file stays.

Every format is written by ``python -m roadmapper export`` in a child process
that runs out of room half way through the file, in one of two ways chosen
when the tests are collected:

- a 64 KiB tmpfs mounted on the target's folder (needs root; a sandbox may
  refuse it even then), where the write gets ENOSPC;
- always: a file-size limit (RLIMIT_FSIZE) set in the child, with SIGXFSZ
  ignored so the write gets EFBIG instead of killing the process.

The roadmap is big enough that every export is larger than the room given.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from roadmapper.core import sample
from roadmapper.export.formats import EXPORT_FORMATS
from tests.export import mounts
from tests.export.conftest import TODAY

pytestmark = pytest.mark.slow

SUFFIXES = list(EXPORT_FORMATS)  # .json, .md, .png, .svg, .pdf, .pptx
MECHANISMS = ["tmpfs", "rlimit"] if mounts.can_mount() else ["rlimit"]
TMPFS_SIZE = 64 * 1024
# SQLite grows the database's -shm file to 32 KiB when the child opens it: the
# limit leaves room for that, so what fails is the export, not the database.
SQLITE_ROOM = 48 * 1024
OLD = b"the previous export, which must survive"
CARD_WORDS = "riders book a repair slot and the workshop confirms it within the hour"
# Every format, the text ones included, goes through roadmapper.export.files and says
# the cause in plain words.
PLAIN_WORDS = set(EXPORT_FORMATS)
WORDS = {
    "tmpfs": "the disk is full",
    "rlimit": "the file would be larger than this system allows",
}


def big_roadmap() -> dict[str, Any]:
    """The sample plus 240 wordy cards: every export of it is well over 64 KiB."""
    doc: dict[str, Any] = sample.sample_document(TODAY)
    outcomes = [o["ref"] for o in doc["outcomes"]]
    words = CARD_WORDS.split()
    for n in range(240):
        doc["initiatives"].append(
            {
                "ref": f"extra{n}",
                "title": f"Extra initiative {n}: " + " ".join(words[n % 5 :]),
                "column": ("now", "next", "later")[n % 3],
                "outcome": outcomes[n % len(outcomes)],
                "description": " ".join(words * 6),
                "hypothesis": "We believe " + " ".join(words),
            }
        )
    return doc


def child_env(home: Path) -> dict[str, str]:
    """A headless environment whose per-user folders are all under ``home``."""
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "ROADMAPPER_DB")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONDONTWRITEBYTECODE="1",  # nothing but the export is written under the limit
    )
    return env


def size_limit(limit: int) -> Callable[[], None]:
    """What the child runs before the command: files may grow to ``limit`` bytes, no more."""

    def apply() -> None:
        # Ignored, SIGXFSZ turns a write past the limit into EFBIG; ignored stays so over exec.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


class Roadmapper:
    """The command line in a child process, on one database, with a home of its own."""

    def __init__(self, db: Path, home: Path) -> None:
        self.db, self.env = db, child_env(home)

    def run(self, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "roadmapper", *args],
            capture_output=True,
            text=True,
            check=False,
            env=self.env,
            timeout=180,
            preexec_fn=None if limit is None else size_limit(limit),
        )

    def export(self, out: Path, limit: int | None = None) -> subprocess.CompletedProcess[str]:
        return self.run("export", "--db", str(self.db), "--out", str(out), limit=limit)


@pytest.fixture(scope="module")
def roadmapper(tmp_path_factory: pytest.TempPathFactory) -> Roadmapper:
    folder = tmp_path_factory.mktemp("disk-full")
    plan = folder / "big.json"
    plan.write_text(json.dumps(big_roadmap()), encoding="utf-8")
    cli = Roadmapper(folder / "plan.db", folder / "home")
    done = cli.run("import", str(plan), "--db", str(cli.db))
    assert done.returncode == 0, done.stderr
    return cli


@pytest.fixture(scope="module")
def sizes(roadmapper: Roadmapper, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Each format's size with room to spare: the export works, and is bigger than the room."""
    folder = tmp_path_factory.mktemp("room")
    found = {}
    for suffix in SUFFIXES:
        out = folder / f"board{suffix}"
        done = roadmapper.export(out)
        assert done.returncode == 0 and done.stdout.startswith("Wrote "), done.stderr
        found[suffix] = out.stat().st_size
        # Past the tmpfs with a page to spare, so past the size limit too (see short_of_room).
        assert found[suffix] > TMPFS_SIZE + 4096 > SQLITE_ROOM, (suffix, found[suffix])
    return found


@contextmanager
def short_of_room(how: str, folder: Path, size: int) -> Iterator[int | None]:
    """``folder`` with room for about half of a ``size``-byte file; yields the child's limit."""
    if how == "tmpfs":
        with mounts.tmpfs(folder, f"{TMPFS_SIZE // 1024}k"):
            yield None
        return
    folder.mkdir()
    yield max(SQLITE_ROOM, size // 2)


def assert_refused(done: subprocess.CompletedProcess[str], out: Path, how: str, kept: str) -> None:
    """Exit 1, nothing said to have been written, one sentence naming the file."""
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Wrote" not in done.stdout and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert line.startswith(f"roadmapper: Cannot write {out}: ") and line.endswith("."), line
    if out.suffix in PLAIN_WORDS:
        assert line == f"roadmapper: Cannot write {out}: {WORDS[how]}; {kept}."


@pytest.mark.parametrize("how", MECHANISMS)
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_full_disk_keeps_the_previous_file(
    roadmapper: Roadmapper, sizes: dict[str, int], tmp_path: Path, how: str, suffix: str
) -> None:
    folder = tmp_path / "out"
    with short_of_room(how, folder, sizes[suffix]) as limit:
        out = folder / f"board{suffix}"
        out.write_bytes(OLD)
        done = roadmapper.export(out, limit)
        assert_refused(done, out, how, "the previous file was left as it was")
        assert out.read_bytes() == OLD
        assert sorted(os.listdir(folder)) == [out.name]  # no temporary file left


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_full_disk_makes_no_new_file(
    roadmapper: Roadmapper, sizes: dict[str, int], tmp_path: Path, suffix: str
) -> None:
    how = MECHANISMS[0]
    folder = tmp_path / "out"
    with short_of_room(how, folder, sizes[suffix]) as limit:
        out = folder / f"board{suffix}"
        done = roadmapper.export(out, limit)
        assert_refused(done, out, how, "nothing was written")
        assert os.listdir(folder) == []


@pytest.mark.parametrize("how", MECHANISMS)
@pytest.mark.parametrize("suffix", [".md", ".pdf"])
def test_with_room_to_spare_the_same_setup_writes(
    roadmapper: Roadmapper, sizes: dict[str, int], tmp_path: Path, how: str, suffix: str
) -> None:
    """The control: the same mount or limit with room enough, and the export is written."""
    folder = tmp_path / "out"
    room = 2 * sizes[suffix]
    if how == "tmpfs":
        with mounts.tmpfs(folder, f"{room // 1024 + 64}k"):
            out = folder / f"board{suffix}"
            out.write_bytes(OLD)
            done = roadmapper.export(out)
            assert done.returncode == 0 and done.stdout.startswith("Wrote "), done.stderr
            assert out.stat().st_size == sizes[suffix] and os.listdir(folder) == [out.name]
        return
    folder.mkdir()
    out = folder / f"board{suffix}"
    out.write_bytes(OLD)
    done = roadmapper.export(out, limit=room)
    assert done.returncode == 0 and done.stdout.startswith("Wrote "), done.stderr
    assert out.stat().st_size == sizes[suffix] and os.listdir(folder) == [out.name]
