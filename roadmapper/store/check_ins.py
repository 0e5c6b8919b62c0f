"""Writes of check-ins, which keep a key result's ``current`` in step: ``store.check_ins``."""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa

from roadmapper.core import okr
from roadmapper.core.entities import CheckIn, KeyResult
from roadmapper.core.errors import InvalidInputError
from roadmapper.core.records import CheckInFields
from roadmapper.model.tables import CHECK_IN, KEY_RESULT
from roadmapper.store import rows
from roadmapper.store.database import Transaction

# Built once: a weekly check-in runs these every time (values are bound parameters).
_INSERT_CHECK_IN = sa.insert(CHECK_IN)
_HISTORY = sa.select(CHECK_IN).where(CHECK_IN.c.key_result_id == sa.bindparam("key_result_id"))
_SET_CURRENT = (
    sa.update(KEY_RESULT)
    .where(KEY_RESULT.c.id == sa.bindparam("key_result_id"))
    .values(current=sa.bindparam("new_current"), version=KEY_RESULT.c.version + 1)
)


class CheckInStore:
    """Check-ins keep ``current`` in step with the newest one; each write is one transaction."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def add(self, key_result_id: int, fields: CheckInFields) -> tuple[CheckIn, KeyResult]:
        """Record a check-in; when it is the newest, it becomes the key result's current."""
        _check_fields(fields)
        with self._transaction() as conn:
            rows.fetch_seen(conn, KEY_RESULT, key_result_id)
            new_id = rows.insert_one(
                conn, _INSERT_CHECK_IN, {"key_result_id": key_result_id, **_values(fields)}
            )
            kr = self._recompute_current(conn, key_result_id)
            return rows.check_in_from(rows.fetch_one(conn, CHECK_IN, new_id, "Check-in")), kr

    def delete(self, check_in_id: int, expected_version: int) -> tuple[CheckIn, KeyResult]:
        with self._transaction() as conn:
            record = rows.check_in_from(rows.fetch_seen(conn, CHECK_IN, check_in_id))
            rows.delete_versioned(conn, CHECK_IN, check_in_id, expected_version)
            return record, self._recompute_current(conn, record.key_result_id)

    @staticmethod
    def _recompute_current(conn: sa.Connection, key_result_id: int) -> KeyResult:
        """``current`` follows the newest check-in; with none left it is kept as it was."""
        found = conn.execute(_HISTORY, {"key_result_id": key_result_id}).mappings()
        newest = okr.latest_check_in([rows.check_in_from(r) for r in found])
        if newest is not None:
            conn.execute(
                _SET_CURRENT, {"key_result_id": key_result_id, "new_current": newest.value}
            )
        return rows.key_result_from(rows.fetch_one(conn, KEY_RESULT, key_result_id, "Key result"))

    def update(
        self, check_in_id: int, fields: CheckInFields, expected_version: int
    ) -> tuple[CheckIn, KeyResult]:
        """Correct a check-in; ``current`` follows whichever check-in is now the newest."""
        _check_fields(fields)
        with self._transaction() as conn:
            record = rows.check_in_from(rows.fetch_seen(conn, CHECK_IN, check_in_id))
            rows.update_versioned(conn, CHECK_IN, check_in_id, expected_version, _values(fields))
            kr = self._recompute_current(conn, record.key_result_id)
            updated = rows.check_in_from(rows.fetch_one(conn, CHECK_IN, check_in_id, "Check-in"))
            return updated, kr

    def restore(self, record: CheckIn) -> KeyResult:
        """Undo ``delete``: the same check-in, and ``current`` recomputed."""
        with self._transaction() as conn:
            rows.fetch_seen(conn, KEY_RESULT, record.key_result_id)  # deleted elsewhere: refused
            conn.execute(sa.insert(CHECK_IN).values(**dataclasses.asdict(record)))
            return self._recompute_current(conn, record.key_result_id)


def _values(fields: CheckInFields) -> dict[str, object]:
    return {
        "date": fields.date,
        "value": fields.value,
        "note": fields.note,
        "confidence": fields.confidence,
    }


def _check_fields(fields: CheckInFields) -> None:
    """The rules every writer keeps (the window, the command line, a teammate's window)."""
    _check_confidence(fields.confidence)
    # A day of slack: a teammate east of here may already be on tomorrow's date.
    problem = okr.check_in_date_problem(fields.date, dt.date.today() + dt.timedelta(days=1))
    if problem:
        raise InvalidInputError(problem[0].upper() + problem[1:] + ".")


def _check_confidence(confidence: int | None) -> None:
    if confidence is not None and not 0 <= confidence <= 10:
        raise InvalidInputError(f"confidence is a whole number from 0 to 10, not {confidence}.")
