"""The store: one transaction per user action, frozen dataclasses out.

Every method opens a short transaction with ``engine.begin()`` and commits
before it returns, so a change the caller was told about is on disk. Writes
use SQLAlchemy Core on the SQLModel tables: a move is one ``UPDATE`` of one row.
Roadmaps and their coaching dismissals are written here; every other aggregate
has its own part, composed in ``Store``: ``store.initiatives``,
``store.outcomes``, ``store.key_results``, ``store.check_ins``.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from roadmapper.core.entities import Initiative, Roadmap, RoadmapSnapshot
from roadmapper.core.errors import (
    ELSEWHERE,
    DatabaseError,
    InvalidInputError,
    NotFoundError,
    StaleError,
)
from roadmapper.core.interchange import MAX_NAME, quoted, text_problem
from roadmapper.model.enums import Column
from roadmapper.model.tables import DISMISSED_FINDING, INITIATIVE, KEY_RESULT, OUTCOME, ROADMAP
from roadmapper.store import rows
from roadmapper.store.backups import copy_sqlite
from roadmapper.store.check_ins import CheckInStore
from roadmapper.store.database import Database, open_database
from roadmapper.store.errors import DATABASE_ERRORS, database_error
from roadmapper.store.initiatives import InitiativeStore
from roadmapper.store.outcomes import KeyResultStore, OutcomeStore


@contextmanager
def no_cyclic_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a roadmap is read.

    A read makes tens of thousands of objects and no cycle among them; left on, the
    collector ran several full passes over the whole heap while 10,000 cards were
    read (about a quarter of the read). Reference counting still frees everything.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True, slots=True)
class RoadmapSummary:
    """A roadmap with its counts, for ``roadmapper list``."""

    roadmap: Roadmap
    outcomes: int
    key_results: int
    initiatives: dict[Column, int]


class RoadmapParts:
    """A roadmap read in two parts, in one read transaction (``Store.load_in_parts``).

    ``head``: its outcomes, key results, check-ins and dismissals, and the first cards
    of each column; ``columns``: every card id by column in board order; ``counted``:
    the change counter. Unless ``whole`` (the head held every card), the transaction
    stays open until ``rest`` reads every card, as it was when the head was read, or
    ``close`` ends it.
    """

    def __init__(
        self,
        stack: ExitStack | None,
        conn: sa.Connection,
        head: RoadmapSnapshot,
        columns: dict[Column, list[int]],
        counted: int,
    ) -> None:
        self._stack, self._conn = stack, conn
        self.head, self.columns, self.counted = head, columns, counted

    @property
    def whole(self) -> bool:
        return self._stack is None

    def rest(self) -> tuple[Initiative, ...]:
        """Every card of the roadmap, in board order (the head's again among them), read
        in the head's transaction, which ends; ``()`` once it has ended. Raises what a
        read raises (``DatabaseError``), the transaction ended all the same."""
        stack, self._stack = self._stack, None
        if stack is None:
            return ()
        try:
            with no_cyclic_collection():
                cards = rows.load_initiatives(self._conn, self.head.roadmap.id)
        except BaseException:
            if not stack.__exit__(*sys.exc_info()):
                raise
            raise  # pragma: no cover - the read transaction swallows no error
        stack.close()
        return cards

    def close(self) -> None:
        """End the transaction without reading the rest."""
        stack, self._stack = self._stack, None
        if stack is not None:
            stack.close()


class Store:
    """All reads and writes of roadmaps, itself or through its parts: the only code with SQL."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.engine = database.engine
        # Each part gets the one transaction factory, so every write commits the same way.
        self.initiatives = InitiativeStore(self.reading, self.transaction)
        self.outcomes = OutcomeStore(self.transaction)
        self.key_results = KeyResultStore(self.transaction)
        self.check_ins = CheckInStore(self.transaction)
        self._own_writes: list[int] = []
        """The change counter after each write of this store that changed one existing
        roadmap only (every write but a roadmap created, imported or deleted), ascending."""
        self._roadmaps_changed = False

    @classmethod
    def open(cls, db: str | None = None) -> Store:
        return cls(open_database(db))

    def close(self) -> None:
        self.engine.dispose()

    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of this database file to ``target`` (never half a file)."""
        source = self.database.path
        if source is None:
            raise InvalidInputError(
                "only a local database file can be copied; use the server's own backups."
            )
        if target.absolute() == source.absolute():
            raise InvalidInputError("choose another file name: that is the open database.")
        try:
            copy_sqlite(source, target)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"cannot write a copy to {target}: {exc}.") from None

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One user action: commit on success, roll back everything on error.

        On SQLite the transaction begins IMMEDIATE: it takes the write lock before
        its first read, so what it reads cannot change before it writes (a
        deferred one would fail at its first write if another writer came first).
        A locked, full, read-only or unreachable database is one sentence
        (``DatabaseError``); a row the database itself refused, too.
        """
        self._roadmaps_changed = False
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
                # Last, so the counter's row is locked for the shortest time (PostgreSQL).
                counted: int = conn.execute(rows.COUNT_WRITE).scalar_one()
        except (sa.exc.IntegrityError, sa.exc.DataError) as exc:
            # The store checks every rule first; this is the last line, never a traceback.
            raise DatabaseError(
                f"{self.database.label} refused the change ({exc.orig.__class__.__name__}); "
                "nothing was written."
            ) from None
        except DATABASE_ERRORS as exc:
            raise database_error(exc, self.database.label, "save the change to") from None
        if not self._roadmaps_changed:
            self._own_writes.append(counted)

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """One consistent read: every query inside sees the database at one moment
        (``Database.read_engine``: REPEATABLE READ on PostgreSQL, a real BEGIN on SQLite)."""
        try:
            with self.database.read_engine.begin() as conn:
                yield conn
        except DATABASE_ERRORS as exc:
            raise database_error(exc, self.database.label, "read the roadmap from") from None

    # -- roadmaps ---------------------------------------------------------

    def roadmaps(self) -> list[Roadmap]:
        """The roadmaps in this database by name, without the counts ``list_roadmaps`` adds."""
        with self.reading() as conn:
            return rows.load_roadmaps(conn)

    def list_roadmaps(self) -> list[RoadmapSummary]:
        o, k, i = OUTCOME.c, KEY_RESULT.c, INITIATIVE.c
        with self.reading() as conn:
            roadmaps = rows.load_roadmaps(conn)
            outcome_counts: dict[int, int] = dict(
                conn.execute(sa.select(o.roadmap_id, sa.func.count()).group_by(o.roadmap_id)).all()
            )
            kr_counts: dict[int, int] = dict(
                conn.execute(
                    sa.select(o.roadmap_id, sa.func.count())
                    .select_from(KEY_RESULT.join(OUTCOME, o.id == k.outcome_id))
                    .group_by(o.roadmap_id)
                ).all()
            )
            per_column: dict[int, dict[Column, int]] = {}
            for roadmap_id, column, count in conn.execute(
                sa.select(i.roadmap_id, i.board_column, sa.func.count()).group_by(
                    i.roadmap_id, i.board_column
                )
            ):
                per_column.setdefault(roadmap_id, {})[Column(column)] = count
        return [
            RoadmapSummary(
                rm,
                outcome_counts.get(rm.id, 0),
                kr_counts.get(rm.id, 0),
                {c: per_column.get(rm.id, {}).get(c, 0) for c in Column},
            )
            for rm in roadmaps
        ]

    @property
    def is_warm(self) -> bool:
        """Whether a read now costs only itself (always: this store is open)."""
        return True

    def card_counts(self) -> dict[int, int]:
        """How many cards each roadmap holds, by roadmap id (one without cards is left out)."""
        i = INITIATIVE.c
        with self.reading() as conn:
            query = sa.select(i.roadmap_id, sa.func.count()).group_by(i.roadmap_id)
            return {roadmap_id: count for roadmap_id, count in conn.execute(query)}

    def find_roadmap(self, name: str) -> Roadmap:
        with self.reading() as conn:
            row = conn.execute(sa.select(ROADMAP).where(ROADMAP.c.name == name)).mappings().first()
        if row is None:
            raise NotFoundError(f'there is no roadmap named "{name}" in {self.database.label}.')
        return rows.roadmap_from(row)

    def create_roadmap(self, name: str, description: str = "") -> Roadmap:
        with self.transaction() as conn:
            return self.insert_roadmap(conn, name, description)

    def insert_roadmap(self, conn: sa.Connection, name: str, description: str = "") -> Roadmap:
        self._roadmaps_changed = True
        name = self._free_name(conn, name)
        new_id = rows.insert_one(
            conn, sa.insert(ROADMAP).values(name=name, description=description)
        )
        return Roadmap(new_id, name, description)

    def _free_name(self, conn: sa.Connection, name: str, roadmap_id: int | None = None) -> str:
        """``name`` stripped, if it is not empty and no other roadmap has it yet."""
        name = name.strip()
        if not name:
            raise InvalidInputError("a roadmap needs a name.")
        problem = text_problem(name)
        if problem is None and len(name) > MAX_NAME:
            problem = f"is {len(name)} characters long; at most {MAX_NAME} are allowed"
        if problem:
            raise InvalidInputError(f"the roadmap name {quoted(name)} {problem}.")
        others = sa.select(ROADMAP.c.id).where(ROADMAP.c.name == name)
        if roadmap_id is not None:
            others = others.where(ROADMAP.c.id != roadmap_id)
        if conn.execute(others).first():
            raise InvalidInputError(
                f'a roadmap named "{name}" already exists in {self.database.label}.'
            )
        return name

    def rename_roadmap(self, roadmap_id: int, name: str, expected_version: int) -> Roadmap:
        """Give a roadmap a new name, checked as ``create_roadmap`` checks one.

        Refused with ``StaleError`` when the roadmap is no longer at ``expected_version``
        (renamed or deleted by another writer); nothing is written then.
        """
        with self.transaction() as conn:
            name = self._free_name(conn, name, roadmap_id)
            rows.update_versioned(conn, ROADMAP, roadmap_id, expected_version, {"name": name})
            return rows.roadmap_from(rows.fetch_one(conn, ROADMAP, roadmap_id, "Roadmap"))

    def delete_roadmap(self, roadmap_id: int) -> None:
        with self.transaction() as conn:
            self._roadmaps_changed = True
            conn.execute(sa.delete(ROADMAP).where(ROADMAP.c.id == roadmap_id))

    def load(self, roadmap_id: int) -> RoadmapSnapshot:
        """The whole roadmap, read in one transaction so it is consistent."""
        with self.reading() as conn, no_cyclic_collection():
            return rows.load_snapshot(conn, roadmap_id)

    def load_counted(self, roadmap_id: int) -> tuple[RoadmapSnapshot, int]:
        """``load``, and the change counter read in the same transaction (``unchanged_since``)."""
        with self.reading() as conn, no_cyclic_collection():
            counted: int = conn.execute(rows.READ_COUNTER).scalar_one()
            return rows.load_snapshot(conn, roadmap_id), counted

    def load_in_parts(self, roadmap_id: int, per_column: int) -> RoadmapParts:
        """The roadmap with the first ``per_column`` cards of each column, and the ids of
        the others; the rest is read later in the same transaction (``RoadmapParts``),
        so a window shows a large roadmap before all of it is read. Whole when no column
        has more, and always on a database of one shared connection (memory)."""
        stack = ExitStack()
        conn = stack.enter_context(self.reading())
        try:
            with no_cyclic_collection():
                counted: int = conn.execute(rows.READ_COUNTER).scalar_one()
                okrs = rows.load_okrs(conn, roadmap_id)
                columns = rows.load_board_ids(conn, roadmap_id)
                head = [i for c in Column for i in columns[c][:per_column]]
                shared = isinstance(self.database.read_engine.pool, StaticPool)
                whole = shared or len(head) == sum(len(ids) for ids in columns.values())
                cards = rows.load_initiatives(conn, roadmap_id, None if whole else head)
        except BaseException:
            if not stack.__exit__(*sys.exc_info()):
                raise
            raise  # pragma: no cover - the read transaction swallows no error
        if whole:
            stack.close()
        snapshot = dataclasses.replace(okrs, initiatives=cards)
        return RoadmapParts(None if whole else stack, conn, snapshot, columns, counted)

    def unchanged_since(self, counted: int) -> bool:
        """Whether every write since the change counter read ``counted`` was this store's
        own, each to one existing roadmap: then a roadmap read at ``counted`` and kept
        up to date with this store's writes to it is still what the database holds.

        Any write of another program or window, and any roadmap created, imported or
        deleted here, says no.
        """
        with self.reading() as conn:
            now: int = conn.execute(rows.READ_COUNTER).scalar_one()
        own = self._own_writes
        since = len(own) - bisect.bisect_right(own, counted)
        return now - counted == since

    def load_okrs(self, roadmap_id: int) -> RoadmapSnapshot:
        """Outcomes, key results, check-ins and dismissals, without the (many) cards."""
        with self.reading() as conn:
            return rows.load_okrs(conn, roadmap_id)

    # -- coaching dismissals ----------------------------------------------

    def set_dismissed(
        self, roadmap_id: int, code: str, subject_kind: str, subject_id: int, dismissed: bool
    ) -> None:
        """Dismiss a coaching finding for good, or bring it back.

        Based on what the writer saw (the finding shown, or shown as dismissed):
        if another writer already did the same, ``StaleError`` and nothing written.
        """
        d = DISMISSED_FINDING.c
        with self.transaction() as conn:
            rows.fetch_one(conn, ROADMAP, roadmap_id, "Roadmap")
            removed = conn.execute(
                sa.delete(DISMISSED_FINDING).where(
                    d.roadmap_id == roadmap_id,
                    d.code == code,
                    d.subject_kind == subject_kind,
                    d.subject_id == subject_id,
                )
            ).rowcount
            if removed == int(dismissed):
                state = "dismissed" if dismissed else "brought back"
                raise StaleError(
                    f"this coaching finding was already {state} {ELSEWHERE}.",
                    "dismissed_finding",
                    subject_id,
                    deleted=False,
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
