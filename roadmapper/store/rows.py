"""Row <-> frozen dataclass conversion, and the one query that loads a whole roadmap."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import sqlite3
from collections.abc import Sequence
from typing import Any, overload

import sqlalchemy as sa

from roadmapper.core.entities import Initiative, Roadmap, RoadmapSnapshot
from roadmapper.core.errors import NotFoundError, StaleError, stale_message
from roadmapper.core.text import shorten
from roadmapper.model.enums import Column
from roadmapper.model.tables import (
    CHANGE_COUNTER,
    CHECK_IN,
    DISMISSED_FINDING,
    INITIATIVE,
    INITIATIVE_KEY_RESULT,
    KEY_RESULT,
    OUTCOME,
    ROADMAP,
)
from roadmapper.store.converters import (
    INITIATIVE_COLUMNS,
    board_ids,
    initiatives_from,
    key_results_in_order,
    sqlite_board_ids,
    sqlite_cards,
    sqlite_okrs,
)

# The converters need no SQL and live in converters; the store's parts import them from here.
from roadmapper.store.converters import check_in_from as check_in_from
from roadmapper.store.converters import initiative_from as initiative_from
from roadmapper.store.converters import key_result_from as key_result_from
from roadmapper.store.converters import key_result_row as key_result_row
from roadmapper.store.converters import outcome_from as outcome_from
from roadmapper.store.converters import roadmap_from as roadmap_from

# The statements a gesture runs are built once and kept (``functools.cache``): building
# one costs SQLAlchemy more than running it, and a card move runs six. Values go in as
# bound parameters, so each compiles once too.


@functools.cache
def _links_of_one() -> sa.Select[int]:
    link = INITIATIVE_KEY_RESULT.c
    return (
        sa.select(link.key_result_id)
        .where(link.initiative_id == sa.bindparam("initiative_id"))
        .order_by(link.position, link.key_result_id)
    )


@functools.cache
def _row_by_id(table: sa.Table) -> sa.Select[Any]:
    return sa.select(table).where(table.c.id == sa.bindparam("row_id"))


@functools.cache
def _versioned_update(table: sa.Table, names: tuple[str, ...]) -> sa.Update:
    # "new_" names: a bound parameter may not share a name with a column it sets.
    return (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"), table.c.version == sa.bindparam("seen"))
        .values({name: sa.bindparam(f"new_{name}") for name in names})
        .values(version=table.c.version + 1)
    )


@functools.cache
def _initiatives_query(by_ids: bool) -> tuple[sa.Select[Any], sa.Select[Any]]:
    """The links and the rows of the cards of a roadmap, or (``by_ids``) of given ids."""
    i, link = INITIATIVE.c, INITIATIVE_KEY_RESULT.c
    which: sa.ColumnElement[bool]
    if by_ids:
        which = i.id.in_(sa.bindparam("ids", expanding=True))
    else:
        which = i.roadmap_id == sa.bindparam("roadmap_id")
    links = (
        sa.select(link.initiative_id, link.key_result_id)
        .join(INITIATIVE, i.id == link.initiative_id)
        .where(which)
        .order_by(link.initiative_id, link.position, link.key_result_id)
    )
    return links, sa.select(*(INITIATIVE.c[name] for name in INITIATIVE_COLUMNS)).where(which)


def initiative_links(conn: sa.Connection, initiative_id: int) -> tuple[int, ...]:
    rows = conn.execute(_links_of_one(), {"initiative_id": initiative_id})
    return tuple(r[0] for r in rows)


COUNT_WRITE = (
    sa.update(CHANGE_COUNTER)
    .where(CHANGE_COUNTER.c.id == 1)
    .values(value=CHANGE_COUNTER.c.value + 1)
    .returning(CHANGE_COUNTER.c.value)
)
"""Every write transaction runs this last: the counter goes up by one, and says its value."""
READ_COUNTER = sa.select(CHANGE_COUNTER.c.value).where(CHANGE_COUNTER.c.id == 1)

_MISSING = object()

ROWS_AT_ONCE = 1_000
"""Card rows are fetched this many at a time and made cards as they come, so reading a
roadmap never holds all its rows and all its cards at once (10,000 rows are some 4 MB)."""


@overload
def fetch_one(conn: sa.Connection, table: sa.Table, row_id: int, what: str) -> sa.RowMapping: ...
@overload
def fetch_one(
    conn: sa.Connection, table: sa.Table, row_id: int, what: str, default: None
) -> sa.RowMapping | None: ...
def fetch_one(
    conn: sa.Connection, table: sa.Table, row_id: int, what: str, default: object = _MISSING
) -> sa.RowMapping | None:
    """One row by id; a missing one is ``NotFoundError``, or ``default`` when one is given."""
    row = conn.execute(_row_by_id(table), {"row_id": row_id}).mappings().first()
    if row is None:
        if default is _MISSING:
            raise NotFoundError(f"{what} {row_id} does not exist (it may have been deleted).")
        return None
    return row


# The column that names an item of each versioned table to a person.
_NAME_COLUMNS: dict[str, str | None] = {
    "initiative": "title",
    "outcome": "objective",
    "key_result": "name",
    "check_in": None,
    "roadmap": "name",
}


def stale_error(conn: sa.Connection, table: sa.Table, row_id: int) -> StaleError:
    """The refusal of a write based on an old reading of ``row_id``: changed, or deleted."""
    name_column = _NAME_COLUMNS[table.name]
    if name_column is None:
        found = conn.execute(sa.select(table.c.id).where(table.c.id == row_id)).first()
        name = None
    else:
        found = conn.execute(sa.select(table.c[name_column]).where(table.c.id == row_id)).first()
        name = found[0] if found is not None else None
    deleted = found is None
    return StaleError(
        stale_message(table.name, shorten(name) if name else "", deleted),
        table.name,
        row_id,
        deleted=deleted,
    )


def fetch_seen(conn: sa.Connection, table: sa.Table, row_id: int) -> sa.RowMapping:
    """A row the writer saw; if it is gone, the ``StaleError`` that says it was deleted."""
    row = conn.execute(_row_by_id(table), {"row_id": row_id}).mappings().first()
    if row is None:
        raise stale_error(conn, table, row_id)
    return row


def update_versioned(
    conn: sa.Connection,
    table: sa.Table,
    row_id: int,
    expected_version: int,
    values: dict[str, Any],
) -> int:
    """UPDATE one row if it is still at ``expected_version``; its new version, or StaleError."""
    params = {f"new_{name}": value for name, value in values.items()}
    result = conn.execute(
        _versioned_update(table, tuple(values)),
        {"row_id": row_id, "seen": expected_version, **params},
    )
    if result.rowcount != 1:
        raise stale_error(conn, table, row_id)
    return expected_version + 1


def delete_versioned(
    conn: sa.Connection, table: sa.Table, row_id: int, expected_version: int
) -> None:
    """DELETE one row if it is still at ``expected_version``; StaleError otherwise."""
    result = conn.execute(
        sa.delete(table).where(table.c.id == row_id, table.c.version == expected_version)
    )
    if result.rowcount != 1:
        raise stale_error(conn, table, row_id)


def insert_one(conn: sa.Connection, insert: sa.Insert, values: dict[str, Any] | None = None) -> int:
    """Run a one-row INSERT (its ``values`` bound, if given) and return the id the database
    gave the new row."""
    key = conn.execute(insert, values).inserted_primary_key
    # None only if an implicit RETURNING gave no row back, which a plain one-row INSERT never does.
    assert key is not None
    new_id: int = key[0]
    return new_id


def load_roadmaps(conn: sa.Connection) -> list[Roadmap]:
    """Every roadmap of the database, by name."""
    return [
        roadmap_from(m)
        for m in conn.execute(sa.select(ROADMAP).order_by(ROADMAP.c.name)).mappings()
    ]


def load_snapshot(conn: sa.Connection, roadmap_id: int) -> RoadmapSnapshot:
    """Every row of one roadmap, in display order, as frozen dataclasses."""
    okrs = load_okrs(conn, roadmap_id)
    return dataclasses.replace(okrs, initiatives=load_initiatives(conn, roadmap_id))


def load_okrs(conn: sa.Connection, roadmap_id: int) -> RoadmapSnapshot:
    """A roadmap without its initiatives: outcomes, key results, check-ins, dismissals."""
    roadmap = roadmap_from(fetch_one(conn, ROADMAP, roadmap_id, "Roadmap"))
    driver = conn.connection.driver_connection
    if isinstance(driver, sqlite3.Connection):
        return sqlite_okrs(driver, roadmap)  # the same records, without SQLAlchemy's rows
    return core_okrs(conn, roadmap)


def core_okrs(conn: sa.Connection, roadmap: Roadmap) -> RoadmapSnapshot:
    """``load_okrs`` through SQLAlchemy Core, as on PostgreSQL (and any database)."""
    roadmap_id = roadmap.id
    o, k, c = OUTCOME.c, KEY_RESULT.c, CHECK_IN.c
    outcomes = tuple(
        outcome_from(r)
        for r in conn.execute(
            sa.select(OUTCOME).where(o.roadmap_id == roadmap_id).order_by(o.rank, o.id)
        )
        .mappings()
        .all()
    )
    key_results = key_results_in_order(
        outcomes,
        (
            key_result_from(r)
            for r in conn.execute(
                sa.select(KEY_RESULT)
                .join(OUTCOME, o.id == k.outcome_id)
                .where(o.roadmap_id == roadmap_id)
            )
            .mappings()
            .all()
        ),
    )
    check_ins = tuple(
        check_in_from(r)
        for r in conn.execute(
            sa.select(CHECK_IN)
            .join(KEY_RESULT, k.id == c.key_result_id)
            .join(OUTCOME, o.id == k.outcome_id)
            .where(o.roadmap_id == roadmap_id)
            .order_by(c.key_result_id, c.date, c.id)
        )
        .mappings()
        .all()
    )
    return RoadmapSnapshot(
        roadmap, outcomes, key_results, check_ins, (), load_dismissed(conn, roadmap_id)
    )


def load_initiatives(
    conn: sa.Connection, roadmap_id: int | None = None, ids: Sequence[int] | None = None
) -> tuple[Initiative, ...]:
    """The cards of a roadmap (or the given ids) in board order: column, rank, id."""
    if ids is None and roadmap_id is not None:
        driver = conn.connection.driver_connection
        if isinstance(driver, sqlite3.Connection):
            # The same rows, in this transaction, without SQLAlchemy's rows around them.
            return sqlite_cards(driver, roadmap_id)
    links_query, rows_query = _initiatives_query(ids is not None)
    params = {"roadmap_id": roadmap_id} if ids is None else {"ids": list(ids)}
    links = conn.execute(links_query, params).partitions(ROWS_AT_ONCE)
    rows = conn.execute(rows_query, params).partitions(ROWS_AT_ONCE)
    chain = itertools.chain.from_iterable
    return initiatives_from(chain(rows), chain(links))


def load_board_ids(conn: sa.Connection, roadmap_id: int) -> dict[Column, list[int]]:
    """Every card id of a roadmap by column, in board order (rank, id), without the cards."""
    driver = conn.connection.driver_connection
    if isinstance(driver, sqlite3.Connection):
        return sqlite_board_ids(driver, roadmap_id)
    i = INITIATIVE.c
    query = sa.select(i.board_column, i.rank, i.id).where(i.roadmap_id == roadmap_id)
    return board_ids(conn.execute(query))


def load_dismissed(conn: sa.Connection, roadmap_id: int) -> frozenset[tuple[str, str, int]]:
    d = DISMISSED_FINDING.c
    rows = conn.execute(
        sa.select(d.code, d.subject_kind, d.subject_id).where(d.roadmap_id == roadmap_id)
    )
    return frozenset((r[0], r[1], r[2]) for r in rows)
