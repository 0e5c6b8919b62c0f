"""Writes of check-ins and coaching dismissals (mixed into ``Store``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from contextlib import AbstractContextManager
from typing import Any

import sqlalchemy as sa

from roadmapper.core import okr
from roadmapper.core.entities import CheckIn, KeyResult
from roadmapper.core.errors import InvalidInputError
from roadmapper.model.tables import CHECK_IN, DISMISSED_FINDING, KEY_RESULT, ROADMAP
from roadmapper.store import rows


class CheckInWrites:
    """Check-ins keep ``current`` in step with the newest one; dismissals are plain rows."""

    transaction: Any  # provided by Store

    def _tx(self) -> AbstractContextManager[sa.Connection]:
        return self.transaction()

    # -- check-ins --------------------------------------------------------

    def add_check_in(
        self,
        key_result_id: int,
        date: dt.date,
        value: float,
        note: str = "",
        confidence: int | None = None,
    ) -> tuple[CheckIn, KeyResult]:
        """Record a check-in; when it is the newest, it becomes the key result's current."""
        _check_confidence(confidence)
        with self._tx() as conn:
            rows.fetch_one(conn, KEY_RESULT, key_result_id, "Key result")
            new_id = conn.execute(
                sa.insert(CHECK_IN).values(
                    key_result_id=key_result_id,
                    date=date,
                    value=value,
                    note=note,
                    confidence=confidence,
                )
            ).inserted_primary_key[0]
            kr = self._recompute_current(conn, key_result_id)
            return rows.check_in_from(rows.fetch_one(conn, CHECK_IN, new_id, "Check-in")), kr

    def delete_check_in(self, check_in_id: int) -> tuple[CheckIn, KeyResult]:
        with self._tx() as conn:
            record = rows.check_in_from(rows.fetch_one(conn, CHECK_IN, check_in_id, "Check-in"))
            conn.execute(sa.delete(CHECK_IN).where(CHECK_IN.c.id == check_in_id))
            return record, self._recompute_current(conn, record.key_result_id)

    @staticmethod
    def _recompute_current(conn: sa.Connection, key_result_id: int) -> KeyResult:
        """``current`` follows the newest check-in; with none left it is kept as it was."""
        history = [
            rows.check_in_from(r)
            for r in conn.execute(
                sa.select(CHECK_IN).where(CHECK_IN.c.key_result_id == key_result_id)
            ).mappings()
        ]
        newest = okr.latest_check_in(history)
        if newest is not None:
            conn.execute(
                sa.update(KEY_RESULT)
                .where(KEY_RESULT.c.id == key_result_id)
                .values(current=newest.value, version=KEY_RESULT.c.version + 1)
            )
        return rows.key_result_from(rows.fetch_one(conn, KEY_RESULT, key_result_id, "Key result"))

    def update_check_in(
        self,
        check_in_id: int,
        date: dt.date,
        value: float,
        note: str = "",
        confidence: int | None = None,
    ) -> tuple[CheckIn, KeyResult]:
        """Correct a check-in; ``current`` follows whichever check-in is now the newest."""
        _check_confidence(confidence)
        with self._tx() as conn:
            record = rows.check_in_from(rows.fetch_one(conn, CHECK_IN, check_in_id, "Check-in"))
            conn.execute(
                sa.update(CHECK_IN)
                .where(CHECK_IN.c.id == check_in_id)
                .values(
                    date=date,
                    value=value,
                    note=note,
                    confidence=confidence,
                    version=CHECK_IN.c.version + 1,
                )
            )
            kr = self._recompute_current(conn, record.key_result_id)
            updated = rows.check_in_from(rows.fetch_one(conn, CHECK_IN, check_in_id, "Check-in"))
            return updated, kr

    def restore_check_in(self, record: CheckIn) -> KeyResult:
        """Undo ``delete_check_in``: the same check-in, and ``current`` recomputed."""
        with self._tx() as conn:
            conn.execute(sa.insert(CHECK_IN).values(**dataclasses.asdict(record)))
            return self._recompute_current(conn, record.key_result_id)

    # -- coaching dismissals ------------------------------------------------

    def set_dismissed(
        self, roadmap_id: int, code: str, subject_kind: str, subject_id: int, dismissed: bool
    ) -> None:
        """Dismiss a coaching finding for good, or bring it back."""
        d = DISMISSED_FINDING.c
        with self._tx() as conn:
            rows.fetch_one(conn, ROADMAP, roadmap_id, "Roadmap")
            conn.execute(
                sa.delete(DISMISSED_FINDING).where(
                    d.roadmap_id == roadmap_id,
                    d.code == code,
                    d.subject_kind == subject_kind,
                    d.subject_id == subject_id,
                )
            )
            if dismissed:
                conn.execute(
                    sa.insert(DISMISSED_FINDING).values(
                        roadmap_id=roadmap_id,
                        code=code,
                        subject_kind=subject_kind,
                        subject_id=subject_id,
                    )
                )


def _check_confidence(confidence: int | None) -> None:
    if confidence is not None and not 0 <= confidence <= 10:
        raise InvalidInputError(f"confidence is a whole number from 0 to 10, not {confidence}.")
