"""Files that leave the app: written to a temporary name, synced, read back, then renamed.

Pure Python (no Qt), so every writer can use it, text or picture. A file
appears whole or not at all: a short write, a full disk, a quota, a size
limit, a read-only disk or bytes that do not read back as the format they
claim are one refusal, the temporary file is removed and the previous file
is left byte for byte as it was.
"""

from __future__ import annotations

import errno
import io
import json
import os
import secrets
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from roadmapper.core.errors import InterchangeError

Check = Callable[[bytes], str | None]
"""What is wrong with a file's bytes as read back from the disk (a few words), or None."""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the empty IEND chunk that closes every PNG
ZIP_SIGNATURE = b"PK\x03\x04"
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation in os.write
_NAME_ROOM = 200  # bytes of the target's name kept in the temporary name (NAME_MAX is 255)

_CAUSES: dict[int, str] = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EFBIG: "the file would be larger than this system allows",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission to write in that folder was denied",
    errno.EPERM: "permission to write in that folder was denied",
    errno.EIO: "the disk reported an input/output error",
    errno.ENAMETOOLONG: "the file name is too long",
}


class _Refused(Exception):
    """A written file that is not what was meant to be written; the text says how."""


def write_text_atomic(
    path: Path, text: str, *, before_replace: Callable[[], object] | None = None
) -> None:
    """Write ``text`` as UTF-8 to ``path``, whole or not at all (see ``write_bytes_atomic``)."""
    write_bytes_atomic(path, text.encode("utf-8"), before_replace=before_replace)


def write_bytes_atomic(
    path: Path,
    data: bytes,
    check: Check | None = None,
    *,
    before_replace: Callable[[], object] | None = None,
) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename it into place.

    The temporary file is written in full, synced to the disk, read back and
    compared with ``data``, and shown to ``check`` (the format's own test of
    its bytes); only then does it replace ``path``. ``before_replace`` runs
    last, just before the rename: what it raises (a cancel) leaves nothing
    behind either. Any failure raises ``InterchangeError`` with one sentence
    naming the file and the cause; the temporary file is always removed.
    """
    target = _target(path)
    tmp = _temporary_name(target)
    with refusal(target):
        if not data:
            raise _Refused("there was nothing to write")
        # O_EXCL: the name is ours alone, so removing it afterwards removes nobody else's file.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_CLOEXEC | _O_BINARY
        fd = os.open(tmp, flags, 0o666)
        try:
            try:
                _write_synced(fd, data)
            finally:
                os.close(fd)
            _verify(tmp, data, check)
            if before_replace is not None:
                before_replace()
            os.replace(tmp, target)
        finally:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
    _sync_folder(target.parent)


@contextmanager
def refusal(path: Path) -> Iterator[None]:
    """Turn an ``OSError`` (or a failed check) while making ``path`` into one sentence."""
    target = Path(path).absolute()
    # Asked before anything is written: the sentence says what became of an earlier file.
    existed = os.path.lexists(target)
    try:
        yield
    except OSError as exc:
        raise InterchangeError(refusal_message(target, cause(exc), existed)) from None
    except _Refused as exc:
        raise InterchangeError(refusal_message(target, str(exc), existed)) from None


def refusal_message(path: Path, why: str, existed: bool) -> str:
    """``cannot write PATH: WHY; <what became of the previous file>.``"""
    kept = "the previous file was left as it was" if existed else "nothing was written"
    return f"cannot write {label(path)}: {why}; {kept}."


def label(path: Path) -> str:
    """``path`` as a sentence names it: as is, or quoted when it holds a line break or such."""
    text = str(path)
    return text if text.isprintable() else json.dumps(text, ensure_ascii=False)


def cause(exc: OSError) -> str:
    """An ``OSError`` in a few plain words: "the disk is full", not "[Errno 28] ..."."""
    # Our own OSErrors ("Qt could not start the PDF") keep their words; the system's are plain.
    system = exc.errno is not None and exc.strerror == os.strerror(exc.errno)
    if system and exc.errno in _CAUSES:
        return _CAUSES[exc.errno]
    if system and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return (exc.strerror or str(exc) or type(exc).__name__).rstrip(".")


def check_png(data: bytes) -> str | None:
    """None for a whole PNG: its signature first and its IEND chunk last."""
    if not data.startswith(PNG_SIGNATURE):
        return "the written file does not start like a PNG picture"
    if not data.endswith(PNG_END):
        return "the written PNG picture is cut short"
    return None


def check_svg(data: bytes) -> str | None:
    """None for what looks like a whole SVG: ``<?xml`` or ``<svg`` first, ``</svg>`` last."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"<?xml", b"<svg")):
        return "the written file does not start like an SVG drawing"
    if not data.rstrip().endswith(b"</svg>"):
        return "the written SVG drawing is cut short"
    return None


def check_pdf(data: bytes) -> str | None:
    """None for a whole PDF: ``%PDF-`` first and ``%%EOF`` last."""
    if not data.startswith(b"%PDF-"):
        return "the written file does not start like a PDF"
    if not data.rstrip().endswith(b"%%EOF"):
        return "the written PDF is cut short"
    return None


def check_zip(data: bytes) -> str | None:
    """None for a whole zip file (a PPTX is one) whose every member reads back intact."""
    if not data.startswith(ZIP_SIGNATURE):
        return "the written file does not start like a zip file"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            broken = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
        return "the written zip file is cut short or damaged"
    if broken is not None:
        return f"{broken} in the written zip file is damaged"
    return None


def _target(path: Path) -> Path:
    target = Path(path).absolute()
    if target.is_dir():
        raise InterchangeError(f"{target} is a folder; name a file to write.")
    if not target.parent.is_dir():
        raise InterchangeError(f"cannot write {target}: the folder {target.parent} does not exist.")
    return target


def _temporary_name(target: Path) -> Path:
    """A hidden name of our own beside ``target`` (not mkstemp: the usual permissions)."""
    name = target.name.encode("utf-8", "surrogateescape")[:_NAME_ROOM]
    stem = name.decode("utf-8", "ignore")
    return target.with_name(f".{stem}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _write_synced(fd: int, data: bytes) -> None:
    """Every byte of ``data`` into the new file ``fd``, then fsync; a short write refuses."""
    view, done = memoryview(data), 0
    while done < len(view):
        # A short write is retried for the rest, which then names the cause (ENOSPC,
        # EFBIG...); a write that makes no progress at all is a refusal of its own.
        written = os.write(fd, view[done:])
        if written <= 0:
            raise _Refused(f"the disk took only {done} of {len(view)} bytes")
        done += written
    os.fsync(fd)
    size = os.fstat(fd).st_size
    if size != len(data):
        raise _Refused(f"only {size} of {len(data)} bytes reached the disk")


def _verify(tmp: Path, data: bytes, check: Check | None) -> None:
    """Read ``tmp`` back: the same bytes, and bytes its format's ``check`` accepts."""
    back = tmp.read_bytes()
    if back != data:
        raise _Refused("the file read back differs from what was written")
    problem = check(back) if check is not None else None
    if problem is not None:
        raise _Refused(problem)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder, and say so."""
    if not hasattr(os, "O_DIRECTORY"):
        return  # Windows: no folder handles to sync; NTFS journals the rename
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
