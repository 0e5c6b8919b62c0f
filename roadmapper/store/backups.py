"""Copies of SQLite files: the backup before a migration, and File > Save a copy.

Both are consistent copies of a live file (SQLite's online backup API), made
in memory, written under a hidden name, flushed, then given their name in one
step, so no reader ever sees half a copy and no backup is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import tempfile
from itertools import count
from pathlib import Path


def backup_sqlite(path: Path, prefix: str, timeout_s: float) -> Path:
    """Copy ``path`` next to itself as ``prefix<time>.bak``; never overwrite a backup.

    The name holds the time to the microsecond, and a counter if even that is
    taken. The copy is made in memory first: when an earlier backup of this
    revision holds the very same bytes (a migration that failed, on a full disk
    say, and is tried again at each start), that one is returned instead of a
    new copy piling up, and a disk with no room for a second copy can still
    retry. It is on disk (fsync) before the migration begins.
    """
    image = _sqlite_image(path, timeout_s)
    same = _same_backup(image, path.parent, prefix)
    if same is not None:
        return same
    partial = _write_partial(image, path, path.parent)
    try:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        return _link_new(partial, path.parent, prefix + stamp, ".bak")
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_image(path: Path, timeout_s: float = 2.0) -> bytes:
    """The bytes of a standalone copy of ``path`` as it is now (online backup API)."""
    source = sqlite3.connect(path, timeout=timeout_s)
    try:
        memory = sqlite3.connect(":memory:")
        try:
            page_size = source.execute("PRAGMA page_size").fetchone()[0]
            memory.execute(f"PRAGMA page_size = {int(page_size)}")
            source.backup(memory)
            image = bytearray(memory.serialize())
        finally:
            memory.close()
    finally:
        source.close()
    # Header bytes 18 and 19 (file format write and read versions): 1, a rollback
    # journal, not 2 for WAL, so opening the backup leaves no -wal file beside it.
    image[18:20] = b"\x01\x01"
    return bytes(image)


def _same_backup(image: bytes, folder: Path, prefix: str) -> Path | None:
    digest = hashlib.sha256(image).hexdigest()
    for other in sorted(folder.iterdir()):
        if not (other.name.startswith(prefix) and other.name.endswith(".bak")):
            continue
        if other.is_file() and other.stat().st_size == len(image) and _sha256(other) == digest:
            return other
    return None


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _write_partial(image: bytes, like: Path, folder: Path) -> Path:
    """``image`` in a hidden new file in ``folder``, with the permissions of ``like``, on disk."""
    fd, name = tempfile.mkstemp(prefix=f".{like.name}.", suffix=".partial", dir=folder)
    partial = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(image)
            fh.flush()
            os.fsync(fh.fileno())
        shutil.copymode(like, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def _link_new(partial: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Give ``partial`` a new name in ``folder``, never one that exists."""
    for n in count():
        target = folder / (f"{stem}{suffix}" if n == 0 else f"{stem}-{n}{suffix}")
        try:
            # A hard link fails if the name exists: no check-then-rename race.
            os.link(partial, target)
        except FileExistsError:
            continue
        except OSError:
            # A file system without hard links (FAT, some network shares).
            if target.exists():
                continue
            os.replace(partial, target)
        return target
    raise AssertionError("unreachable")  # pragma: no cover


def copy_sqlite(source_path: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file (online backup API), written atomically."""
    partial = _write_partial(_sqlite_image(source_path), source_path, target.parent)
    try:
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# -- servers -----------------------------------------------------------------------
