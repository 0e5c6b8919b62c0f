"""Which database ``--db`` names: a path or URL, ``$ROADMAPPER_DB``, or the per-user file.

No SQL here: the first read (``first_read``) finds the file before SQLAlchemy
is imported; ``database`` re-exports these for everything else.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ROADMAPPER_DB"
"""Environment override of the database (a path or a URL); tests set it."""


def default_database_path() -> Path:
    """The per-user SQLite file used when nothing else is named."""
    import platformdirs

    return platformdirs.user_data_path("Roadmapper", appauthor=False) / "roadmap.db"


def named_database(db: str | os.PathLike[str] | None = None) -> str:
    """The path or URL ``db`` names, else ``$ROADMAPPER_DB``'s, else the default file's."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or ""
    return value or os.fspath(default_database_path())


def file_path(value: str) -> Path:
    """The absolute path of a database named by a path (not a URL)."""
    return Path(value).expanduser().absolute()


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (a path or URL), ``$ROADMAPPER_DB``, or the default."""
    value = named_database(db)
    if "://" in value:
        # A bare postgresql:// means psycopg 3 (roadmapper[postgres]), not SQLAlchemy's
        # default psycopg2, which Roadmapper does not install.
        if value.startswith(("postgresql://", "postgres://")):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return f"sqlite:///{file_path(value)}"


def writable(path: Path) -> bool:
    """Whether SQLite can write ``path``: the file, and its folder for the -wal and -shm."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
