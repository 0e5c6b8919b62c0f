"""Database failures as one sentence each: what could not be done, where, why, what to do.

The store's edge turns every driver or file error into ``DatabaseError`` here,
at open time (``store.database``) and on each read or write later::

    try:
        with engine.begin() as conn:
            ...
    except (sa.exc.IntegrityError, sa.exc.DataError):
        raise  # a value the database refused: the caller's to explain
    except DATABASE_ERRORS as exc:
        raise database_error(exc, database.label, "save the change to") from exc

The sentence reads ``cannot <doing> <label>: <cause> (<driver's words>); <what to do>.``,
for instance "cannot save the change to /home/ada/plan.db: another program is
using it (database is locked); wait until it has finished or close it, then try
again." It never holds a line break, nor a password (labels hide them).
``cause_of`` names the kind of failure (``Cause``) for a caller that acts on
it: retry when locked, reload after a lost connection, stop offering edits
when read-only.

This module does not import SQLAlchemy, so the first read (``first_read``) and
the revision checks can say their failures before it is loaded: a SQLAlchemy
error can only exist once SQLAlchemy is, and is recognised then.
``DATABASE_ERRORS`` lives in ``store.errors``, which re-exports all of this.
"""

from __future__ import annotations

import enum
import errno
import os
import re
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from roadmapper.core.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

LOW_SPACE = 1 << 20
"""Free bytes below which a SQLite I/O error is taken for a full disk (SQLite then says
"disk I/O error" when it cannot grow its -shm file, not "database or disk is full")."""

DEFAULT_PORT = 5432


class Cause(enum.Enum):
    """Why a database call failed, for callers that act on it (retry, reload, read-only)."""

    LOCKED = "locked"
    FULL = "full"
    READ_ONLY = "read-only"
    MISSING_FOLDER = "missing folder"
    MISSING_FILE = "missing file"
    DAMAGED = "damaged"
    UNREACHABLE = "unreachable"
    LOGIN = "login refused"
    NO_DATABASE = "no such database"
    NO_DRIVER = "no driver"
    LOST = "connection lost"
    CONFLICT = "conflict"
    OTHER = "other"


def database_error(exc: BaseException, label: str, doing: str) -> DatabaseError:
    """``exc`` (SQLAlchemy, DBAPI or OS error) as a ``DatabaseError`` of one sentence.

    ``label`` is ``Database.label``: the file path of a SQLite database, the URL
    (password hidden) of a server, whose host and port the sentence then names.
    ``doing`` is what failed, a verb phrase the label completes: "open",
    "create", "update", "back up", "save the change to", "read the roadmap from".
    A ``DatabaseError`` passes through unchanged.
    """
    if isinstance(exc, DatabaseError):
        return exc
    _cause, reason = _explain(exc, label)
    return DatabaseError(f"cannot {doing} {label}: {reason}")


def cause_of(exc: BaseException, label: str = "") -> Cause:
    """The kind of failure ``exc`` is (``label`` as for ``database_error`` sharpens it)."""
    return _explain(exc, label)[0]


def _explain(exc: BaseException, label: str) -> tuple[Cause, str]:
    if isinstance(exc, ModuleNotFoundError):
        if (exc.name or "").startswith("psycopg"):
            return Cause.NO_DRIVER, (
                "the PostgreSQL driver (psycopg) is not installed; install roadmapper[postgres] "
                '(pip install "roadmapper[postgres]") and start Roadmapper again.'
            )
        return Cause.NO_DRIVER, (
            f"its driver is not installed ({_words(exc)}); Roadmapper opens SQLite files "
            "and PostgreSQL databases."
        )
    invalidated = False
    orig: BaseException = exc
    if "sqlalchemy.exc" in sys.modules:  # else exc cannot be one of SQLAlchemy's errors
        from sqlalchemy import exc as sa_exc

        if isinstance(exc, sa_exc.TimeoutError):
            # The pool's own wait for a free connection, before any database is asked.
            return Cause.LOCKED, (
                f"every connection is busy ({_words(exc)}); wait a moment, then try again."
            )
        invalidated = isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated
        if isinstance(exc, sa_exc.StatementError) and isinstance(exc.orig, BaseException):
            orig = exc.orig
    server = _server(label)
    if server is not None:
        return _explain_server(orig, server, invalidated)
    path = Path(label) if label and "://" not in label else None
    if isinstance(orig, sqlite3.Error):
        return _explain_sqlite(orig, path)
    if isinstance(orig, OSError):
        return _explain_os(orig, path.parent if path is not None else None)
    return Cause.OTHER, f"{_words(orig)}."


# -- SQLite files -------------------------------------------------------------


def _explain_sqlite(exc: sqlite3.Error, path: Path | None) -> tuple[Cause, str]:
    name = getattr(exc, "sqlite_errorname", "") or ""
    code = "_".join(name.split("_")[:2])
    words = _words(exc)
    folder = path.parent if path is not None else None
    if code in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in words:
        return Cause.LOCKED, (
            f"another program is using it ({words}); wait until it has finished or close it, "
            "then try again."
        )
    if code == "SQLITE_FULL" or (
        code in ("SQLITE_IOERR", "SQLITE_CANTOPEN") and _low_space(folder)
    ):
        return _full(words)
    if code == "SQLITE_READONLY" or "readonly" in words:
        return Cause.READ_ONLY, (
            f"it is read-only ({words}); make the file and its folder writable, "
            "or work on a copy you can write to."
        )
    if code in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return Cause.DAMAGED, (
            f"the file is damaged or not a SQLite database ({words}); restore it from a backup."
        )
    if code == "SQLITE_CANTOPEN" and folder is not None:
        if not folder.is_dir():
            return _missing_folder(folder)
        if not _writable(folder):
            return Cause.READ_ONLY, (
                f"the folder {folder} is read-only, so SQLite cannot make its -wal and -shm "
                f"files there ({words}); make the folder writable, or copy the file elsewhere."
            )
    if code in ("SQLITE_PERM", "SQLITE_AUTH"):
        return Cause.READ_ONLY, (
            f"Roadmapper may not use it ({words}); ask for access to the file and its folder."
        )
    if code == "SQLITE_IOERR":
        return Cause.OTHER, (
            f"the disk reported an error ({words}); check that the disk is still there "
            "and has free space, then try again."
        )
    return Cause.OTHER, f"SQLite reported {words}; check the file, then try again."


def _explain_os(exc: OSError, folder: Path | None) -> tuple[Cause, str]:
    words = _words(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _full(words)
    if exc.errno == errno.EFBIG:
        return Cause.FULL, (
            f"the file cannot grow any larger there ({words}); move it to another disk, "
            "then try again."
        )
    if exc.errno == errno.EROFS:
        return Cause.READ_ONLY, (
            f"the disk is read-only ({words}); choose a folder on a disk you can write to."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Cause.READ_ONLY, (
            f"Roadmapper lacks the permission ({words}); ask for access to the file and "
            "its folder, or choose another folder."
        )
    if exc.errno == errno.ENOENT:
        missing = Path(exc.filename).parent if exc.filename else folder
        if missing is not None and not missing.is_dir():
            return _missing_folder(missing)
        return Cause.MISSING_FILE, f"the file is gone ({words}); check the path, then try again."
    if _low_space(folder):
        return _full(words)
    return Cause.OTHER, f"the system reported {words}; check the file and its folder."


def _full(words: str) -> tuple[Cause, str]:
    return Cause.FULL, f"the disk is full ({words}); free some space, then try again."


def _missing_folder(folder: Path) -> tuple[Cause, str]:
    return Cause.MISSING_FOLDER, (
        f"the folder {folder} does not exist; check the path, or create the folder first."
    )


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _low_space(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False


# -- PostgreSQL servers -------------------------------------------------------

_LOGIN = ("authentication failed", "pg_hba.conf", "no password supplied", "password is required")
_LOST = (
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "connection is lost",
    "consuming input failed",
    "connection already closed",
    "the connection is bad",
    "ssl syscall error",
    "eof detected",
)


def _explain_server(exc: BaseException, server: URL, invalidated: bool) -> tuple[Cause, str]:
    where = _address(server)
    state = getattr(exc, "sqlstate", None) or ""
    text = str(exc).lower()
    words = _words(exc)
    if state == "3D000" or ("database" in text and "does not exist" in text):
        name = server.database or "postgres"
        return Cause.NO_DATABASE, (
            f'the PostgreSQL server at {where} has no database "{name}"; '
            f"create it (createdb {name}) or correct the URL."
        )
    if (
        state.startswith("28")
        or ('role "' in text and "does not exist" in text)
        or any(s in text for s in _LOGIN)
    ):
        return Cause.LOGIN, (
            f"the PostgreSQL server at {where} refused the login ({words}); "
            "check the user name and password in the URL."
        )
    if "connection refused" in text:
        return Cause.UNREACHABLE, (
            f"cannot reach the PostgreSQL server at {where} (connection refused): is it running?"
        )
    if "resolve host" in text or "translate host name" in text:
        return Cause.UNREACHABLE, (
            f"the host name {server.host} is unknown ({words}); check the URL and the network."
        )
    if "timeout" in text or "timed out" in text:
        if state == "57014":
            return Cause.LOCKED, (
                f"another writer held the rows too long ({words}); try again in a moment."
            )
        return Cause.UNREACHABLE, (
            f"the PostgreSQL server at {where} does not answer ({words}); "
            "check the network and that the server is running."
        )
    if state == "57P03" or "shutting down" in text or "starting up" in text:
        return Cause.UNREACHABLE, (
            f"the PostgreSQL server at {where} is starting or stopping ({words}); "
            "try again once it is running."
        )
    if state in ("57P01", "57P02") or invalidated or any(s in text for s in _LOST):
        return Cause.LOST, (
            f"the connection to the PostgreSQL server at {where} was lost ({words}); "
            "check that the server is running, then try again."
        )
    if state == "53100" or "no space left" in text:
        return Cause.FULL, (
            f"the PostgreSQL server at {where} is out of disk space ({words}); "
            "ask its administrator to free some, then try again."
        )
    if state == "53300" or "too many clients" in text or "connection slots" in text:
        return Cause.UNREACHABLE, (
            f"the PostgreSQL server at {where} takes no more connections ({words}); "
            "try again later, or ask its administrator."
        )
    if state == "25006" or "read-only transaction" in text:
        return Cause.READ_ONLY, (
            f"the database is read-only here ({words}); ask its administrator for write access."
        )
    if state == "42501" or "permission denied" in text:
        return Cause.READ_ONLY, (
            f"the role in the URL may not do that ({words}); ask the database's owner for access."
        )
    if state in ("40001", "40P01"):
        return Cause.CONFLICT, (
            f"another writer changed the same rows at the same moment ({words}); try again."
        )
    if state == "55P03":
        return Cause.LOCKED, f"another writer holds a lock ({words}); try again in a moment."
    return Cause.OTHER, f"the PostgreSQL server at {where} reported {words}."


def _server(label: str) -> URL | None:
    """The URL of a PostgreSQL database (``None`` for a SQLite file or memory)."""
    if "://" not in label:
        return None
    # Only a server's label holds "://", and a server is reached through SQLAlchemy anyway.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(label)
    except ArgumentError:
        return None
    return url if url.get_backend_name() == "postgresql" else None


def _address(server: URL) -> str:
    if not server.host:
        return "localhost (Unix socket)"
    host = f"[{server.host}]" if ":" in server.host else server.host
    return f"{host}:{server.port or DEFAULT_PORT}"


# -- words ----------------------------------------------------------------------

_PREFIXES = ("connection failed:", "fatal:", "error:")


def _words(exc: BaseException) -> str:
    """The driver's own words for ``exc``, cut to one clause fit to stand in parentheses."""
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    line = text.splitlines()[0].strip()
    # "failed to resolve host 'h': [Errno -2] Name or service not known": the system's words.
    line = re.sub(r"^.*\[Errno -?\d+\]\s*", "", line)
    # psycopg: 'connection to server at "h", port 5432 failed: FATAL:  role "x" does not exist'
    if " failed: " in line:
        line = line.rsplit(" failed: ", 1)[1]
    while True:
        lowered = line.lower()
        prefix = next((p for p in _PREFIXES if lowered.startswith(p)), None)
        if prefix is None:
            break
        line = line[len(prefix) :].strip()
    line = " ".join(line.split()).rstrip(".").replace(". ", "; ")
    if len(line) > 1 and line[0].isupper() and line[1].islower():
        line = line[0].lower() + line[1:]
    return line or type(exc).__name__
