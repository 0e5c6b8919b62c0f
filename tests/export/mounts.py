"""Small tmpfs mounts for the disk-full and read-only tests, where this machine allows them.

Mounting needs root (CI runs the tests as root); a sandbox may refuse it even
then. ``can_mount`` tries once, and the tests choose another way when it fails.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _run(*args: str) -> bool:
    try:
        done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=30)
    except OSError:
        return False
    return done.returncode == 0


@functools.cache
def can_mount() -> bool:
    """Whether a tmpfs can be mounted (and unmounted again) here."""
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return False
    with tempfile.TemporaryDirectory(prefix="roadmapper-mount-") as folder:
        if not _run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder):
            return False
        probe = Path(folder, "probe")
        try:
            probe.write_bytes(b"x")
            mounted = Path(folder).stat().st_dev != Path(folder).parent.stat().st_dev
        finally:
            _unmount(Path(folder))
        return mounted


@contextmanager
def tmpfs(folder: Path, size: str = "64k") -> Iterator[Path]:
    """``folder`` as a fresh tmpfs of ``size`` bytes for the ``with`` block."""
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)):
        raise RuntimeError(f"cannot mount a tmpfs on {folder}")
    try:
        yield folder
    finally:
        _unmount(folder)


def remount_read_only(folder: Path) -> None:
    """Make the tmpfs at ``folder`` read-only, files and all: even root gets EROFS."""
    if not _run("mount", "-o", "remount,ro", str(folder)):
        raise RuntimeError(f"cannot remount {folder} read-only")


def _unmount(folder: Path) -> None:
    # A lazy unmount as the last resort: a test never leaves a mount behind it.
    if not _run("umount", str(folder)):
        _run("umount", "-l", str(folder))
