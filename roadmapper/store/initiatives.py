"""Reads and writes of initiatives (the cards): ``store.initiatives``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from roadmapper.core import ranking
from roadmapper.core.entities import Initiative
from roadmapper.core.errors import InvalidInputError, NotFoundError
from roadmapper.core.records import MAX_TITLE, InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.model.tables import INITIATIVE, INITIATIVE_KEY_RESULT, KEY_RESULT, OUTCOME, ROADMAP
from roadmapper.store import rows
from roadmapper.store.converters import COLUMN_ORDER
from roadmapper.store.database import Transaction
from roadmapper.store.values import CardMove as CardMove
from roadmapper.store.values import Slot as Slot


class InitiativeStore:
    """Cards and their links to key results; each write is one transaction."""

    def __init__(self, reading: Transaction, transaction: Transaction) -> None:
        self._reading = reading
        self._transaction = transaction

    def get(self, initiative_id: int) -> Initiative:
        with self._reading() as conn:
            return _initiative(conn, initiative_id)

    def get_many(self, ids: Sequence[int]) -> list[Initiative]:
        """Several cards in one query (those that still exist), in board order."""
        if not ids:
            return []
        with self._reading() as conn:
            return list(rows.load_initiatives(conn, ids=ids))

    def create(
        self,
        roadmap_id: int,
        fields: InitiativeFields,
        slot: Slot,
        initiative_id: int | None = None,
    ) -> Initiative:
        """Add an initiative at ``slot`` (``Slot(column)``: the end of the column).

        ``initiative_id`` restores a deleted initiative under its old id (redo).
        """
        _check_fields(fields)
        with self._transaction() as conn:
            rows.fetch_one(conn, ROADMAP, roadmap_id, "Roadmap")
            lock_board(conn, roadmap_id)
            _check_links(conn, roadmap_id, fields)
            if slot.after_id is None and slot.before_id is None:
                slot = Slot(slot.column, _last_id(conn, roadmap_id, slot.column))
            (rank,) = _keys_at(conn, roadmap_id, slot, (), 1)
            values: dict[str, Any] = {
                "roadmap_id": roadmap_id,
                "board_column": slot.column.value,
                "rank": rank,
                **_field_values(fields),
            }
            if initiative_id is not None:
                values["id"] = initiative_id
            new_id = rows.insert_one(conn, sa.insert(INITIATIVE).values(**values))
            _write_links(conn, new_id, fields.key_result_ids)
            return _initiative(conn, new_id)

    def update(
        self, initiative_id: int, fields: InitiativeFields, expected_version: int
    ) -> Initiative:
        """Replace what a person typed about an initiative (not its place).

        Refused with ``StaleError`` when the card is no longer at ``expected_version``.
        """
        _check_fields(fields)
        with self._transaction() as conn:
            current = _initiative(conn, initiative_id, stale=True)
            _check_links(conn, current.roadmap_id, fields)
            rows.update_versioned(
                conn, INITIATIVE, initiative_id, expected_version, _field_values(fields)
            )
            conn.execute(
                sa.delete(INITIATIVE_KEY_RESULT).where(
                    INITIATIVE_KEY_RESULT.c.initiative_id == initiative_id
                )
            )
            _write_links(conn, initiative_id, fields.key_result_ids)
            return _initiative(conn, initiative_id)

    def move(self, moves: Sequence[CardMove]) -> list[Initiative]:
        """Move cards in one transaction, one row written per card, in the order given
        (but see ``_freed_keys_first``).

        Each card must still be at the version the writer saw (else ``StaleError``
        and nothing moves); its key is made from its slot's neighbours as they
        are now, so two writers dropping into one slot both land. The moved
        cards come back as stored, with their new places and versions.
        """
        if not moves:
            return []
        with self._transaction() as conn:
            # Read first, in the transaction: a card that is still at the version seen is
            # as read here, so the moved cards need no second read afterwards.
            read = {
                c.id: c for c in rows.load_initiatives(conn, ids=[m.initiative_id for m in moves])
            }
            first = read.get(moves[0].initiative_id)
            if first is None:
                raise rows.stale_error(conn, INITIATIVE, moves[0].initiative_id)
            lock_board(conn, first.roadmap_id)
            moved: dict[int, Initiative] = {}
            ordered = _freed_keys_first(conn, first.roadmap_id, moves)
            for n, move in enumerate(ordered):
                rank = _old_key(conn, first.roadmap_id, move, ordered[n:])
                if rank is None:
                    # Every other card counts as a neighbour, those still to move included:
                    # the new key then differs from every key in the column.
                    (rank,) = _keys_at(conn, first.roadmap_id, move.slot, (move.initiative_id,), 1)
                version = rows.update_versioned(
                    conn,
                    INITIATIVE,
                    move.initiative_id,
                    move.version,
                    {"board_column": move.slot.column.value, "rank": rank},
                )
                card = moved.get(move.initiative_id) or read[move.initiative_id]
                moved[card.id] = dataclasses.replace(
                    card, column=move.slot.column, rank=rank, version=version
                )
            return sorted(
                moved.values(), key=lambda c: (COLUMN_ORDER[c.column.value], c.rank, c.id)
            )

    def delete(self, cards: Sequence[tuple[int, int]]) -> list[Initiative]:
        """Delete cards, each (id, version seen), in one transaction; their records for undo."""
        with self._transaction() as conn:
            records = []
            for initiative_id, version in cards:
                records.append(_initiative(conn, initiative_id, stale=True))
                rows.delete_versioned(conn, INITIATIVE, initiative_id, version)
            return records

    def restore(self, records: Sequence[Initiative]) -> list[Initiative]:
        """Undo ``delete``: same ids and links, in one transaction, as near their places as can be.

        A card goes back under its old key; if another card took that key
        meanwhile, right after that card.
        """
        if not records:
            return []
        with self._transaction() as conn:
            lock_board(conn, records[0].roadmap_id)
            for r in records:
                # What the card points at may be gone (deleted elsewhere): refused, not half done.
                if r.outcome_id is not None:
                    rows.fetch_seen(conn, OUTCOME, r.outcome_id)
                for key_result_id in r.key_result_ids:
                    rows.fetch_seen(conn, KEY_RESULT, key_result_id)
                rank = r.rank
                holder = _id_at(conn, r.roadmap_id, r.column, rank)
                if holder is not None:
                    (rank,) = _keys_at(conn, r.roadmap_id, Slot(r.column, holder), (), 1)
                conn.execute(
                    sa.insert(INITIATIVE).values(
                        id=r.id,
                        roadmap_id=r.roadmap_id,
                        board_column=r.column.value,
                        rank=rank,
                        version=r.version,
                        **_field_values(InitiativeFields.of(r)),
                    )
                )
                _write_links(conn, r.id, r.key_result_ids)
            return [_initiative(conn, r.id) for r in records]


def lock_board(conn: sa.Connection, roadmap_id: int) -> None:
    """Serialise writers of one roadmap's board until this transaction ends.

    PostgreSQL: a transaction-scoped advisory lock, so two moves read their
    neighbours one after the other. SQLite needs none: every write transaction
    begins IMMEDIATE (``Store.transaction``), which already takes the file's
    write lock before the first read.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(
            sa.text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": _LOCK_SPACE, "b": roadmap_id}
        )


_LOCK_SPACE = 0x524D  # "RM": Roadmapper's advisory locks, keyed by roadmap id


def _initiative(conn: sa.Connection, initiative_id: int, *, stale: bool = False) -> Initiative:
    """The stored card; a missing one is ``StaleError`` (``stale``) or ``NotFoundError``."""
    row = rows.fetch_one(conn, INITIATIVE, initiative_id, "Initiative", None)
    if row is None:
        if stale:
            raise rows.stale_error(conn, INITIATIVE, initiative_id)
        raise NotFoundError(
            f"initiative {initiative_id} does not exist (it may have been deleted)."
        )
    return rows.initiative_from(row, rows.initiative_links(conn, initiative_id))


def _keys_at(
    conn: sa.Connection, roadmap_id: int, slot: Slot, moving: Sequence[int], count: int
) -> list[str]:
    """``count`` keys that put cards at ``slot``, from the column as it is in this transaction."""
    params: dict[str, Any] = {"roadmap_id": roadmap_id, "board_column": slot.column.value}
    if moving:
        params["moving"] = list(moving)

    def rank_of(card: int | None) -> str | None:
        if card is None or card in moving:
            return None
        query = _column_query("card", bool(moving))
        rank: str | None = conn.execute(query, {**params, "card": card}).scalar()
        return rank

    def neighbour(side: str, of: str | None) -> str | None:
        if of is None:
            found: str | None = conn.execute(_column_query(side, bool(moving)), params).scalar()
        else:
            query = _column_query(f"{side} of", bool(moving))
            found = conn.execute(query, {**params, "of": of}).scalar()
        return found

    above = rank_of(slot.after_id)
    wanted = slot.rank
    if slot.after_id is None and slot.before_id is None and wanted is not None:
        # Undo of a card that was alone in its column: its old key says where it stood
        # among the cards that came back since (a top or bottom it did not choose).
        low = neighbour("prev", wanted)
        at_or_next = _column_query("at or next", bool(moving))
        high = conn.execute(at_or_next, {**params, "of": wanted}).scalar()
    elif slot.after_id is None:
        low, high = None, neighbour("next", None)
    elif above is not None:
        low, high = above, neighbour("next", above)
    elif (below := rank_of(slot.before_id)) is not None:
        low, high = neighbour("prev", below), below
    else:
        low, high = neighbour("prev", None), None
    if (
        count == 1
        and wanted is not None
        and (low is None or low < wanted)
        and (high is None or wanted < high)
    ):
        return [wanted]  # strictly between two neighbours: no other card holds it
    return ranking.keys_between(low, high, count)


@functools.cache
def _column_query(kind: str, moving: bool) -> sa.Select[str]:
    """A rank in one column (bound: ``roadmap_id``, ``board_column``; ``moving``, the ids
    that do not count): the ``card``'s; the first (``next``) or last (``prev``); the first
    after ``of`` (``next of``), the last before it (``prev of``), the first from it on
    (``at or next``). Built once each, as a move runs several."""
    i = INITIATIVE.c
    column = (i.roadmap_id == sa.bindparam("roadmap_id")) & (
        i.board_column == sa.bindparam("board_column")
    )
    if moving:
        column &= i.id.not_in(sa.bindparam("moving", expanding=True))
    query = sa.select(i.rank).where(column)
    if kind == "card":
        return query.where(i.id == sa.bindparam("card"))
    of: sa.BindParameter[Any] = sa.bindparam("of")
    where = {"next of": i.rank > of, "prev of": i.rank < of, "at or next": i.rank >= of}
    if kind in where:
        query = query.where(where[kind])
    order = i.rank.desc() if kind.startswith("prev") else i.rank
    return query.order_by(order).limit(1)


def _last_id(conn: sa.Connection, roadmap_id: int, column: Column) -> int | None:
    """The card at the end of ``column`` (``None``: the column is empty)."""
    i = INITIATIVE.c
    found: int | None = conn.execute(
        sa.select(i.id)
        .where(i.roadmap_id == roadmap_id, i.board_column == column.value)
        .order_by(i.rank.desc())
        .limit(1)
    ).scalar()
    return found


def _freed_keys_first(
    conn: sa.Connection, roadmap_id: int, moves: Sequence[CardMove]
) -> list[CardMove]:
    """``moves`` in their order, except that a card going back under a key (an undo)
    that another card of the same move still holds there waits until that card moved.

    Undoing a move of two cards, one within its column and one out of it, put the
    first back under a new key while the other still held its old one; every later
    undo then restored its cards around that new key.
    """
    batch = {m.initiative_id for m in moves}
    holders: dict[int, int] = {}
    for m in moves:
        if m.slot.rank is not None:
            holder = _id_at(conn, roadmap_id, m.slot.column, m.slot.rank)
            if holder is not None and holder != m.initiative_id and holder in batch:
                holders[m.initiative_id] = holder
    if not holders:
        return list(moves)
    pending, ordered, done = list(moves), [], set()
    while pending:
        ready = next(
            (
                m
                for m in pending
                if m.initiative_id not in holders or holders[m.initiative_id] in done
            ),
            None,
        )
        if ready is None:  # the keys go round among the batch: the order given
            ordered.extend(pending)
            break
        pending.remove(ready)
        ordered.append(ready)
        done.add(ready.initiative_id)
    return ordered


def _old_key(
    conn: sa.Connection, roadmap_id: int, move: CardMove, still_to_move: Sequence[CardMove]
) -> str | None:
    """The key an undo puts ``move``'s card back under (``Slot.rank``), when it still
    sorts between its neighbours once the cards of the same move that are still to
    move are out of the way, and no card holds it now; else None."""
    wanted = move.slot.rank
    if wanted is None:
        return None
    holder = _id_at(conn, roadmap_id, move.slot.column, wanted)
    if holder is not None and holder != move.initiative_id:
        return None
    aside = tuple(m.initiative_id for m in still_to_move)
    (key,) = _keys_at(conn, roadmap_id, move.slot, aside, 1)
    return key if key == wanted else None


def _id_at(conn: sa.Connection, roadmap_id: int, column: Column, rank: str) -> int | None:
    i = INITIATIVE.c
    found: int | None = conn.execute(
        sa.select(i.id).where(
            i.roadmap_id == roadmap_id, i.board_column == column.value, i.rank == rank
        )
    ).scalar()
    return found


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
