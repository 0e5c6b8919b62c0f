"""Reads and writes of initiatives (the cards): ``store.initiatives``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from roadmapper.core import ranking
from roadmapper.core.entities import Initiative
from roadmapper.core.errors import ConflictError, InvalidInputError, NotFoundError
from roadmapper.core.records import MAX_TITLE, InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.model.tables import INITIATIVE, INITIATIVE_KEY_RESULT, KEY_RESULT, OUTCOME, ROADMAP
from roadmapper.store import rows
from roadmapper.store.database import Transaction


class InitiativeStore:
    """Cards and their links to key results; each write is one transaction."""

    def __init__(self, engine: sa.Engine, transaction: Transaction) -> None:
        self._engine = engine
        self._transaction = transaction

    def get(self, initiative_id: int) -> Initiative:
        with self._engine.connect() as conn:
            return _initiative(conn, initiative_id)

    def get_many(self, ids: Sequence[int]) -> list[Initiative]:
        """Several cards in one query (those that still exist), in board order."""
        if not ids:
            return []
        with self._engine.connect() as conn:
            return list(rows.load_initiatives(conn, ids=ids))

    def create(
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
        _check_fields(fields)
        with self._transaction() as conn:
            rows.fetch_one(conn, ROADMAP, roadmap_id, "Roadmap")
            _check_links(conn, roadmap_id, fields)
            if rank is None:
                rank = ranking.key_between(_last_rank(conn, roadmap_id, column), None)
            values: dict[str, Any] = {
                "roadmap_id": roadmap_id,
                "board_column": column.value,
                "rank": rank,
                **_field_values(fields),
            }
            if initiative_id is not None:
                values["id"] = initiative_id
            new_id = rows.insert_one(conn, sa.insert(INITIATIVE).values(**values))
            _write_links(conn, new_id, fields.key_result_ids)
            return _initiative(conn, new_id)

    def update(
        self, initiative_id: int, fields: InitiativeFields, expected_version: int | None = None
    ) -> Initiative:
        """Replace what a person typed about an initiative (not its place)."""
        _check_fields(fields)
        with self._transaction() as conn:
            current = _initiative(conn, initiative_id)
            _check_links(conn, current.roadmap_id, fields)
            _update(conn, INITIATIVE, initiative_id, _field_values(fields), expected_version)
            conn.execute(
                sa.delete(INITIATIVE_KEY_RESULT).where(
                    INITIATIVE_KEY_RESULT.c.initiative_id == initiative_id
                )
            )
            _write_links(conn, initiative_id, fields.key_result_ids)
            return _initiative(conn, initiative_id)

    def move(self, placements: Sequence[tuple[int, Column, str]]) -> None:
        """Move several cards in one transaction: one row written per card."""
        i = INITIATIVE.c
        with self._transaction() as conn:
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

    def delete(self, ids: Sequence[int]) -> list[Initiative]:
        """Delete several cards in one transaction; return their full records for undo."""
        with self._transaction() as conn:
            records = [_initiative(conn, i) for i in ids]
            conn.execute(sa.delete(INITIATIVE).where(INITIATIVE.c.id.in_(list(ids))))
            return records

    def restore(self, records: Sequence[Initiative]) -> list[Initiative]:
        """Undo ``delete``: same ids, places and links, in one transaction."""
        with self._transaction() as conn:
            for r in records:
                conn.execute(
                    sa.insert(INITIATIVE).values(
                        id=r.id,
                        roadmap_id=r.roadmap_id,
                        board_column=r.column.value,
                        rank=r.rank,
                        version=r.version,
                        **_field_values(InitiativeFields.of(r)),
                    )
                )
                _write_links(conn, r.id, r.key_result_ids)
            return [_initiative(conn, r.id) for r in records]


def _initiative(conn: sa.Connection, initiative_id: int) -> Initiative:
    row = rows.fetch_one(conn, INITIATIVE, initiative_id, "Initiative")
    return rows.initiative_from(row, rows.initiative_links(conn, initiative_id))


def _update(
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


def _last_rank(conn: sa.Connection, roadmap_id: int, column: Column) -> str | None:
    i = INITIATIVE.c
    return conn.execute(
        sa.select(sa.func.max(i.rank)).where(
            i.roadmap_id == roadmap_id, i.board_column == column.value
        )
    ).scalar()


def _check_fields(fields: InitiativeFields) -> None:
    title = fields.title.strip()
    if not title:
        raise InvalidInputError("an initiative needs a title.")
    if len(title) > MAX_TITLE:
        raise InvalidInputError(
            f"an initiative title has at most {MAX_TITLE} characters, not {len(title)}."
        )


def _field_values(fields: InitiativeFields) -> dict[str, Any]:
    return {
        "title": fields.title.strip(),
        "description": fields.description,
        "outcome_id": fields.outcome_id,
        "hypothesis": fields.hypothesis,
        "result": fields.result,
    }


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


def _write_links(conn: sa.Connection, initiative_id: int, key_result_ids: Sequence[int]) -> None:
    unique = list(dict.fromkeys(key_result_ids))
    if unique:
        conn.execute(
            sa.insert(INITIATIVE_KEY_RESULT),
            [
                {"initiative_id": initiative_id, "key_result_id": kr, "position": n}
                for n, kr in enumerate(unique)
            ],
        )
