"""The store: one transaction per user action, frozen dataclasses out.

Every method opens a short transaction with ``engine.begin()`` and commits
before it returns, so a change the caller was told about is on disk. Writes
use SQLAlchemy Core on the SQLModel tables: a move is one ``UPDATE`` of one row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from roadmapper.core import ranking
from roadmapper.core.entities import Initiative, Roadmap, RoadmapSnapshot
from roadmapper.core.errors import (
    ConflictError,
    DatabaseError,
    InvalidInputError,
    NotFoundError,
)
from roadmapper.core.records import MAX_TITLE, InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.model.tables import INITIATIVE, INITIATIVE_KEY_RESULT, KEY_RESULT, OUTCOME, ROADMAP
from roadmapper.store import rows
from roadmapper.store.checkins import CheckInWrites
from roadmapper.store.database import Database, copy_sqlite, open_database
from roadmapper.store.okrs import OutcomeWrites


@dataclass(frozen=True, slots=True)
class RoadmapSummary:
    """A roadmap with its counts, for ``roadmapper list``."""

    roadmap: Roadmap
    outcomes: int
    key_results: int
    initiatives: dict[Column, int]


class Store(OutcomeWrites, CheckInWrites):
    """All reads and writes of roadmaps; the only code that talks SQL."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.engine = database.engine

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
        """One user action: commit on success, roll back everything on error."""
        with self.engine.begin() as conn:
            yield conn

    # -- roadmaps ---------------------------------------------------------

    def roadmaps(self) -> list[Roadmap]:
        """The roadmaps in this database by name, without the counts ``list_roadmaps`` adds."""
        with self.engine.connect() as conn:
            return rows.load_roadmaps(conn)

    def list_roadmaps(self) -> list[RoadmapSummary]:
        o, k, i = OUTCOME.c, KEY_RESULT.c, INITIATIVE.c
        with self.engine.connect() as conn:
            roadmaps = rows.load_roadmaps(conn)
            outcome_counts = dict(
                conn.execute(sa.select(o.roadmap_id, sa.func.count()).group_by(o.roadmap_id)).all()
            )
            kr_counts = dict(
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

    def find_roadmap(self, name: str) -> Roadmap:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(ROADMAP).where(ROADMAP.c.name == name)).mappings().first()
        if row is None:
            raise NotFoundError(f'there is no roadmap named "{name}" in {self.database.label}.')
        return rows.roadmap_from(row)

    def create_roadmap(self, name: str, description: str = "") -> Roadmap:
        with self.transaction() as conn:
            return self.insert_roadmap(conn, name, description)

    def insert_roadmap(self, conn: sa.Connection, name: str, description: str = "") -> Roadmap:
        name = name.strip()
        if not name:
            raise InvalidInputError("a roadmap needs a name.")
        exists = conn.execute(sa.select(ROADMAP.c.id).where(ROADMAP.c.name == name)).first()
        if exists:
            raise InvalidInputError(
                f'a roadmap named "{name}" already exists in {self.database.label}.'
            )
        new_id = conn.execute(
            sa.insert(ROADMAP).values(name=name, description=description)
        ).inserted_primary_key[0]
        return Roadmap(new_id, name, description)

    def delete_roadmap(self, roadmap_id: int) -> None:
        with self.transaction() as conn:
            conn.execute(sa.delete(ROADMAP).where(ROADMAP.c.id == roadmap_id))

    def load(self, roadmap_id: int) -> RoadmapSnapshot:
        """The whole roadmap, read in one transaction so it is consistent."""
        with self.engine.connect() as conn, conn.begin():
            return rows.load_snapshot(conn, roadmap_id)

    def load_okrs(self, roadmap_id: int) -> RoadmapSnapshot:
        """Outcomes, key results, check-ins and dismissals, without the (many) cards."""
        with self.engine.connect() as conn, conn.begin():
            return rows.load_okrs(conn, roadmap_id)

    # -- initiatives ------------------------------------------------------

    def initiative(self, initiative_id: int) -> Initiative:
        with self.engine.connect() as conn:
            return self._initiative(conn, initiative_id)

    def initiatives(self, ids: Sequence[int]) -> list[Initiative]:
        """Several cards in one query (those that still exist), in board order."""
        if not ids:
            return []
        with self.engine.connect() as conn:
            return list(rows.load_initiatives(conn, ids=ids))

    def _initiative(self, conn: sa.Connection, initiative_id: int) -> Initiative:
        row = rows.fetch_one(conn, INITIATIVE, initiative_id, "Initiative")
        return rows.initiative_from(row, rows.initiative_links(conn, initiative_id))

    def create_initiative(
        self,
        roadmap_id: int,
        fields: InitiativeFields,
        column: Column,
        rank: str | None = None,
        initiative_id: int | None = None,
    ) -> Initiative:
        """Add an initiative; ``rank`` ``None`` puts it at the end of ``column``.

        ``initiative_id`` restores a deleted initiative under its old id (undo).
        """
        self._check_fields(fields)
        with self.transaction() as conn:
            rows.fetch_one(conn, ROADMAP, roadmap_id, "Roadmap")
            self._check_links(conn, roadmap_id, fields)
            if rank is None:
                rank = ranking.key_between(self._last_rank(conn, roadmap_id, column), None)
            values: dict[str, Any] = {
                "roadmap_id": roadmap_id,
                "board_column": column.value,
                "rank": rank,
                **self._field_values(fields),
            }
            if initiative_id is not None:
                values["id"] = initiative_id
            new_id = conn.execute(sa.insert(INITIATIVE).values(**values)).inserted_primary_key[0]
            self._write_links(conn, new_id, fields.key_result_ids)
            return self._initiative(conn, new_id)

    def update_initiative(
        self, initiative_id: int, fields: InitiativeFields, expected_version: int | None = None
    ) -> Initiative:
        """Replace what a person typed about an initiative (not its place)."""
        self._check_fields(fields)
        with self.transaction() as conn:
            current = self._initiative(conn, initiative_id)
            self._check_links(conn, current.roadmap_id, fields)
            self._update(
                conn, INITIATIVE, initiative_id, self._field_values(fields), expected_version
            )
            conn.execute(
                sa.delete(INITIATIVE_KEY_RESULT).where(
                    INITIATIVE_KEY_RESULT.c.initiative_id == initiative_id
                )
            )
            self._write_links(conn, initiative_id, fields.key_result_ids)
            return self._initiative(conn, initiative_id)

    def move_initiatives(self, placements: Sequence[tuple[int, Column, str]]) -> None:
        """Move several cards in one transaction: one row written per card."""
        i = INITIATIVE.c
        with self.transaction() as conn:
            for initiative_id, column, rank in placements:
                result = conn.execute(
                    sa.update(INITIATIVE)
                    .where(i.id == initiative_id)
                    .values(board_column=column.value, rank=rank, version=i.version + 1)
                )
                if result.rowcount != 1:
                    raise NotFoundError(
                        f"initiative {initiative_id} does not exist (it may have been deleted)."
                    )

    def move_to_index(self, initiative_id: int, column: Column, index: int) -> str:
        """Move to position ``index`` of ``column`` (as counted without the card); the new rank."""
        i = INITIATIVE.c
        with self.transaction() as conn:
            roadmap_id = rows.fetch_one(conn, INITIATIVE, initiative_id, "Initiative")["roadmap_id"]
            # Only the two neighbours of the gap are read; the column is never renumbered.
            query = (
                sa.select(i.rank)
                .where(
                    i.roadmap_id == roadmap_id,
                    i.board_column == column.value,
                    i.id != initiative_id,
                )
                .order_by(i.rank, i.id)
            )
            index = max(0, index)
            neighbours = [
                r[0]
                for r in conn.execute(query.offset(max(0, index - 1)).limit(2 if index > 0 else 1))
            ]
            before = neighbours[0] if index > 0 and neighbours else None
            after_list = neighbours[1:] if index > 0 else neighbours
            after = after_list[0] if after_list else None
            rank = ranking.key_between(before, after)
            self._update(
                conn, INITIATIVE, initiative_id, {"board_column": column.value, "rank": rank}, None
            )
            return rank

    def delete_initiatives(self, ids: Sequence[int]) -> list[Initiative]:
        """Delete several cards in one transaction; return their full records for undo."""
        with self.transaction() as conn:
            records = [self._initiative(conn, i) for i in ids]
            conn.execute(sa.delete(INITIATIVE).where(INITIATIVE.c.id.in_(list(ids))))
            return records

    def restore_initiatives(self, records: Sequence[Initiative]) -> list[Initiative]:
        """Undo ``delete_initiatives``: same ids, places and links, in one transaction."""
        with self.transaction() as conn:
            for r in records:
                conn.execute(
                    sa.insert(INITIATIVE).values(
                        id=r.id,
                        roadmap_id=r.roadmap_id,
                        board_column=r.column.value,
                        rank=r.rank,
                        version=r.version,
                        **self._field_values(InitiativeFields.of(r)),
                    )
                )
                self._write_links(conn, r.id, r.key_result_ids)
            return [self._initiative(conn, r.id) for r in records]

    # -- helpers ----------------------------------------------------------

    def _update(
        self,
        conn: sa.Connection,
        table: sa.Table,
        row_id: int,
        values: dict[str, Any],
        expected_version: int | None,
    ) -> None:
        """UPDATE one row and bump its version; refuse if it vanished or changed meanwhile."""
        condition = table.c.id == row_id
        if expected_version is not None:
            condition &= table.c.version == expected_version
        result = conn.execute(
            sa.update(table).where(condition).values(**values, version=table.c.version + 1)
        )
        if result.rowcount == 1:
            return
        what = table.name.replace("_", " ").capitalize()
        if expected_version is None:
            raise NotFoundError(f"{what} {row_id} does not exist (it may have been deleted).")
        raise ConflictError(f"{what} {row_id} was changed elsewhere; reload to see the change.")

    @staticmethod
    def _last_rank(conn: sa.Connection, roadmap_id: int, column: Column) -> str | None:
        i = INITIATIVE.c
        return conn.execute(
            sa.select(sa.func.max(i.rank)).where(
                i.roadmap_id == roadmap_id, i.board_column == column.value
            )
        ).scalar()

    @staticmethod
    def _check_fields(fields: InitiativeFields) -> None:
        title = fields.title.strip()
        if not title:
            raise InvalidInputError("an initiative needs a title.")
        if len(title) > MAX_TITLE:
            raise InvalidInputError(
                f"an initiative title has at most {MAX_TITLE} characters, not {len(title)}."
            )

    @staticmethod
    def _field_values(fields: InitiativeFields) -> dict[str, Any]:
        return {
            "title": fields.title.strip(),
            "description": fields.description,
            "outcome_id": fields.outcome_id,
            "hypothesis": fields.hypothesis,
            "result": fields.result,
        }

    @staticmethod
    def _check_links(conn: sa.Connection, roadmap_id: int, fields: InitiativeFields) -> None:
        o, k = OUTCOME.c, KEY_RESULT.c
        if fields.outcome_id is not None:
            found = conn.execute(
                sa.select(o.id).where(o.id == fields.outcome_id, o.roadmap_id == roadmap_id)
            ).first()
            if found is None:
                raise InvalidInputError(f"outcome {fields.outcome_id} is not part of this roadmap.")
        wanted = set(fields.key_result_ids)
        if wanted:
            found_ids = {
                r[0]
                for r in conn.execute(
                    sa.select(k.id)
                    .join(OUTCOME, o.id == k.outcome_id)
                    .where(k.id.in_(wanted), o.roadmap_id == roadmap_id)
                )
            }
            missing = sorted(wanted - found_ids)
            if missing:
                raise InvalidInputError(f"key result {missing[0]} is not part of this roadmap.")

    @staticmethod
    def _write_links(
        conn: sa.Connection, initiative_id: int, key_result_ids: Sequence[int]
    ) -> None:
        unique = list(dict.fromkeys(key_result_ids))
        if unique:
            conn.execute(
                sa.insert(INITIATIVE_KEY_RESULT),
                [
                    {"initiative_id": initiative_id, "key_result_id": kr, "position": n}
                    for n, kr in enumerate(unique)
                ],
            )
