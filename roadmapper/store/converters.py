"""Rows to frozen dataclasses and back, without SQLAlchemy: what both ways of reading share.

``rows`` reads through SQLAlchemy Core; ``first_read`` reads the window's first
roadmap through the standard library's ``sqlite3`` before SQLAlchemy is
imported. Both hand their rows to these functions, so both give the same
records in the same order. A row is anything indexed by column name (a
SQLAlchemy ``RowMapping``, a ``sqlite3.Row``) that holds Python values: a JSON
column already decoded, a date already a ``datetime.date``.

On SQLite both read a roadmap the same way, through the ``sqlite3`` connection
itself: its many cards (``sqlite_cards``), where SQLAlchemy's rows would add a fifth to
the read of 10,000 cards, and its outcomes, key results and check-ins
(``sqlite_okrs``), read again after every change to them, where SQLAlchemy's rows and
its decoding of dates were half the read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from roadmapper.core.entities import (
    CheckIn,
    Initiative,
    KeyResult,
    Outcome,
    Roadmap,
    RoadmapSnapshot,
)
from roadmapper.model.enums import Column, Direction, Indicator, Level


class Row(Protocol):
    """One row, its values looked up by column name."""

    def __getitem__(self, key: str, /) -> Any: ...


COLUMN_ORDER = {c.value: n for n, c in enumerate(Column)}
"""A stored ``board_column`` value's place on the board."""

INITIATIVE_COLUMNS = (
    "id",
    "roadmap_id",
    "title",
    "board_column",
    "rank",
    "description",
    "outcome_id",
    "hypothesis",
    "result",
    "version",
)
"""The columns of a card row as ``initiatives_from`` takes them, in this order."""


def roadmap_from(row: Row) -> Roadmap:
    return Roadmap(row["id"], row["name"], row["description"], row["version"])


def outcome_from(row: Row) -> Outcome:
    return Outcome(
        id=row["id"],
        roadmap_id=row["roadmap_id"],
        level=Level(row["level"]),
        objective=row["objective"],
        color=row["color"],
        parent_id=row["parent_id"],
        rank=row["rank"],
        version=row["version"],
    )


def key_result_from(row: Row) -> KeyResult:
    return KeyResult(
        id=row["id"],
        outcome_id=row["outcome_id"],
        name=row["name"],
        direction=Direction(row["direction"]),
        indicator=Indicator(row["indicator"]),
        unit=row["unit"],
        baseline=row["baseline"],
        current=row["current"],
        tiers=tuple(float(t) for t in row["tiers"] or ()),
        guardrail=bool(row["guardrail"]),
        rank=row["rank"],
        version=row["version"],
    )


def key_result_row(kr: KeyResult) -> dict[str, Any]:
    """The column values of a key result, without its id and version."""
    return {
        "outcome_id": kr.outcome_id,
        "name": kr.name,
        "unit": kr.unit,
        "direction": kr.direction.value,
        "baseline": kr.baseline,
        "current": kr.current,
        "tiers": list(kr.tiers),
        "indicator": kr.indicator.value,
        "guardrail": kr.guardrail,
        "rank": kr.rank,
    }


def check_in_from(row: Row) -> CheckIn:
    return CheckIn(
        id=row["id"],
        key_result_id=row["key_result_id"],
        date=row["date"],
        value=row["value"],
        note=row["note"],
        confidence=row["confidence"],
        version=row["version"],
    )


def initiative_from(row: Row, key_result_ids: tuple[int, ...]) -> Initiative:
    return Initiative(
        id=row["id"],
        roadmap_id=row["roadmap_id"],
        title=row["title"],
        column=Column(row["board_column"]),
        rank=row["rank"],
        description=row["description"],
        outcome_id=row["outcome_id"],
        hypothesis=row["hypothesis"],
        result=row["result"],
        key_result_ids=key_result_ids,
        version=row["version"],
    )


def key_results_in_order(
    outcomes: Sequence[Outcome], key_results: Iterable[KeyResult]
) -> tuple[KeyResult, ...]:
    """Key results under their outcomes in the outcomes' order, then by rank and id."""
    position = {out.id: n for n, out in enumerate(outcomes)}
    return tuple(sorted(key_results, key=lambda kr: (position[kr.outcome_id], kr.rank, kr.id)))


def slot_setters(cls: type, names: Sequence[str]) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of the slots ``names`` of the frozen, slotted dataclass ``cls``, in order.

    ``names`` must be all of its fields, in their order, and ``cls`` must have no
    ``__post_init__``: an object made with ``object.__new__`` and filled through them
    is then the one its ``__init__`` makes. Filling a card's eleven fields this way
    takes half the time of the generated ``__init__``, which, frozen, calls
    ``object.__setattr__`` by name for each field: 20 ms for 10,000 cards.
    """
    fields = tuple(f.name for f in dataclasses.fields(cls))
    if tuple(names) != fields or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} is made from {fields}, not {tuple(names)}")
    return tuple(vars(cls)[name].__set__ for name in names)


_CARD_SETTERS = slot_setters(
    Initiative,
    (
        "id",
        "roadmap_id",
        "title",
        "column",
        "rank",
        "description",
        "outcome_id",
        "hypothesis",
        "result",
        "key_result_ids",
        "version",
    ),
)


def initiatives_from(
    rows: Iterable[Sequence[Any]], links: Iterable[Sequence[int]]
) -> tuple[Initiative, ...]:
    """Cards in board order (column, rank, id) from rows of ``INITIATIVE_COLUMNS``.

    ``links`` are (initiative id, key result id) pairs, each card's in the order
    its key results are listed; they are read first, then ``rows``. Plain tuples, not
    mappings: this runs once per card, 10,000 and more, so each card is filled through
    its slots (``slot_setters``). Each row becomes its card as it comes, so a cursor
    given here is never held whole in memory, rows and cards at once.
    """
    linked: dict[int, list[int]] = {}
    for initiative_id, key_result_id in links:
        linked.setdefault(initiative_id, []).append(key_result_id)
    no_links: tuple[int, ...] = ()
    by_column: dict[str, tuple[Column, list[Initiative]]] = {c.value: (c, []) for c in Column}
    new = object.__new__
    (
        set_id,
        set_roadmap,
        set_title,
        set_column,
        set_rank,
        set_description,
        set_outcome,
        set_hypothesis,
        set_result,
        set_links,
        set_version,
    ) = _CARD_SETTERS
    for r in rows:
        column, cards = by_column[r[3]]
        card = new(Initiative)
        set_id(card, r[0])
        set_roadmap(card, r[1])
        set_title(card, r[2])
        set_column(card, column)
        set_rank(card, r[4])
        set_description(card, r[5])
        set_outcome(card, r[6])
        set_hypothesis(card, r[7])
        set_result(card, r[8])
        set_links(card, tuple(linked.pop(r[0])) if r[0] in linked else no_links)
        set_version(card, r[9])
        cards.append(card)
    in_order = operator.attrgetter("rank", "id")
    for _, cards in by_column.values():  # Column order
        cards.sort(key=in_order)
    return tuple(itertools.chain.from_iterable(cards for _, cards in by_column.values()))


_CARD_LINKS_SQL = (
    "SELECT l.initiative_id, l.key_result_id FROM initiative_key_result l "
    "JOIN initiative i ON i.id = l.initiative_id WHERE i.roadmap_id = ? "
    "ORDER BY l.initiative_id, l.position, l.key_result_id"
)
"""A roadmap's links from cards to key results, each card's in its order (``initiatives_from``)."""
_CARDS_SQL = f"SELECT {', '.join(INITIATIVE_COLUMNS)} FROM initiative WHERE roadmap_id = ?"
"""A roadmap's card rows, their columns as ``initiatives_from`` takes them."""


def sqlite_cards(conn: sqlite3.Connection, roadmap_id: int) -> tuple[Initiative, ...]:
    """The cards of roadmap ``roadmap_id`` in board order, read through ``conn`` in the
    transaction it is in. Plain tuples, each made a card as it comes: two cursors, the
    links read first while the cards' cursor waits."""
    links, cards = conn.cursor(), conn.cursor()
    links.row_factory = cards.row_factory = None
    try:
        links.execute(_CARD_LINKS_SQL, (roadmap_id,))
        cards.execute(_CARDS_SQL, (roadmap_id,))
        return initiatives_from(cards, links)
    finally:
        links.close()
        cards.close()


# A roadmap's OKR rows, each with its record's fields in the order its constructor takes them.
_OUTCOMES_SQL = (
    "SELECT id, roadmap_id, level, objective, color, parent_id, rank, version "
    "FROM outcome WHERE roadmap_id = ? ORDER BY rank, id"
)
_KEY_RESULTS_SQL = (
    "SELECT k.id, k.outcome_id, k.name, k.direction, k.indicator, k.unit, k.baseline, "
    "k.current, k.tiers, k.guardrail, k.rank, k.version "
    "FROM key_result k JOIN outcome o ON o.id = k.outcome_id WHERE o.roadmap_id = ?"
)
_CHECK_INS_SQL = (
    "SELECT c.id, c.key_result_id, c.date, c.value, c.note, c.confidence, c.version "
    "FROM check_in c JOIN key_result k ON k.id = c.key_result_id "
    "JOIN outcome o ON o.id = k.outcome_id "
    "WHERE o.roadmap_id = ? ORDER BY c.key_result_id, c.date, c.id"
)
_DISMISSED_SQL = "SELECT code, subject_kind, subject_id FROM dismissed_finding WHERE roadmap_id = ?"


def sqlite_okrs(conn: sqlite3.Connection, roadmap: Roadmap) -> RoadmapSnapshot:
    """``roadmap`` without its cards (outcomes, key results, check-ins, dismissals), read
    through ``conn`` in the transaction it is in, as SQLAlchemy reads them: the JSON list
    of tiers and the ISO dates that its column types decode are decoded here."""
    cursor = conn.cursor()
    cursor.row_factory = None
    key = (roadmap.id,)
    try:
        outcomes = tuple(
            Outcome(i, roadmap_id, Level(level), objective, color, parent, rank, version)
            for i, roadmap_id, level, objective, color, parent, rank, version in cursor.execute(
                _OUTCOMES_SQL, key
            ).fetchall()
        )
        key_results = key_results_in_order(
            outcomes,
            [
                KeyResult(
                    r[0],
                    r[1],
                    r[2],
                    Direction(r[3]),
                    Indicator(r[4]),
                    r[5],
                    r[6],
                    r[7],
                    tuple(float(t) for t in json.loads(r[8])),
                    bool(r[9]),
                    r[10],
                    r[11],
                )
                for r in cursor.execute(_KEY_RESULTS_SQL, key).fetchall()
            ],
        )
        day = dt.date.fromisoformat
        check_ins = tuple(
            CheckIn(i, kr, day(on), value, note, confidence, version)
            for i, kr, on, value, note, confidence, version in cursor.execute(
                _CHECK_INS_SQL, key
            ).fetchall()
        )
        dismissed = frozenset(cursor.execute(_DISMISSED_SQL, key).fetchall())
    finally:
        cursor.close()
    return RoadmapSnapshot(roadmap, outcomes, key_results, check_ins, (), dismissed)


_COLUMN_IDS_SQL = (
    "SELECT id FROM initiative WHERE roadmap_id = ? AND board_column = ? ORDER BY rank"
)
"""One column's card ids in board order, from the column-rank index alone: ranks are unique
in a column, and SQLite compares them as Python does (by code point)."""


def board_ids(rows: Iterable[Sequence[Any]]) -> dict[Column, list[int]]:
    """Card ids by column in board order (rank, id), from (board_column, rank, id) rows."""
    places: dict[str, list[tuple[str, int]]] = {c.value: [] for c in Column}
    for column, rank, card_id in rows:
        places[column].append((rank, card_id))
    ids = {}
    for column in Column:
        in_column = places[column.value]
        in_column.sort()
        ids[column] = [card_id for _rank, card_id in in_column]
    return ids


def sqlite_board_ids(conn: sqlite3.Connection, roadmap_id: int) -> dict[Column, list[int]]:
    """``board_ids`` of roadmap ``roadmap_id``, read through ``conn`` in its transaction:
    a query per column, the index's own order (a fifth of the time of sorting them here)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        return {
            column: [i for (i,) in cursor.execute(_COLUMN_IDS_SQL, (roadmap_id, column.value))]
            for column in Column
        }
    finally:
        cursor.close()
