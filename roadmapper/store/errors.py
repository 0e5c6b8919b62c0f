"""What a database call can raise (``DATABASE_ERRORS``), and each failure as one sentence.

The sentences are made in ``store.failures``, which needs no SQLAlchemy and is
re-exported here; the store's SQLAlchemy side catches ``DATABASE_ERRORS`` and
turns each into a ``DatabaseError`` with ``database_error``.
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa

from roadmapper.store.failures import Cause as Cause
from roadmapper.store.failures import cause_of as cause_of
from roadmapper.store.failures import database_error as database_error

DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    sa.exc.DBAPIError,
    sa.exc.TimeoutError,
    sqlite3.Error,
    OSError,
)
"""What a database call can raise that is the database's or the disk's doing, not a bug."""
