"""A test helper: the INSERT, UPDATE and DELETE statements an engine ran, with their row counts."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event


class WriteLog:
    """Every write statement run on ``engine`` from now on, with the rows each touched.

    The change counter every write transaction ends with is counted apart, in ``counted``.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self.writes: list[tuple[str, int]] = []
        self.counted = 0
        event.listen(engine, "after_cursor_execute", self._after)

    def _after(self, conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        verb = statement.lstrip().split(" ", 1)[0].upper()
        if statement.lstrip().upper().startswith("UPDATE CHANGE_COUNTER"):
            self.counted += 1
        elif verb in {"INSERT", "UPDATE", "DELETE"}:
            self.writes.append((statement, cursor.rowcount))
