"""A roadmap read in two parts in one transaction (``Store.load_in_parts``), on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.store.interchange import import_sample
from roadmapper.store.store import Store
from roadmapper.store.values import Slot

HEAD = 2


def fill(store: Store) -> int:
    """The sample roadmap, with more cards than ``HEAD`` in every column; its id."""
    roadmap_id = import_sample(store).id
    for column in Column:
        for n in range(HEAD + 1):
            fields = InitiativeFields(f"Extra {column.value} {n}")
            store.initiatives.create(roadmap_id, fields, Slot(column))
    return roadmap_id


def test_the_head_is_the_first_cards_of_each_column_and_the_rest_is_the_roadmap(
    store: Store,
) -> None:
    roadmap_id = fill(store)
    stored = store.load(roadmap_id)
    parts = store.load_in_parts(roadmap_id, HEAD)
    try:
        assert not parts.whole
        for column in Column:
            in_order = [card.id for card in stored.column(column)]
            assert len(in_order) > HEAD
            assert parts.columns[column] == in_order  # every card's place, in board order
        head = [i for column in Column for i in parts.columns[column][:HEAD]]
        assert [card.id for card in parts.head.initiatives] == head
        assert parts.head.outcomes == stored.outcomes
        assert parts.head.key_results == stored.key_results
        assert parts.head.check_ins == stored.check_ins
        assert parts.counted == store.load_counted(roadmap_id)[1]
        rest = parts.rest()
    finally:
        parts.close()
    assert rest == stored.initiatives
    assert repr(rest) == repr(stored.initiatives)
    assert parts.whole and parts.rest() == ()  # read once; the transaction has ended


def test_the_rest_is_read_as_the_roadmap_was_when_its_head_was_read(
    store: Store, db_url: str
) -> None:
    """The rest comes from the head's own transaction: a change another window commits
    in between is not half in it (the next read shows it)."""
    roadmap_id = fill(store)
    before = store.load(roadmap_id)
    parts = store.load_in_parts(roadmap_id, HEAD)
    other = Store.open(db_url)
    try:
        last = before.column(Column.LATER)[-1]
        other.initiatives.update(
            last.id, InitiativeFields("Renamed elsewhere"), expected_version=last.version
        )
        rest = parts.rest()
    finally:
        parts.close()
        other.close()
    assert rest == before.initiatives
    assert store.load(roadmap_id).column(Column.LATER)[-1].title == "Renamed elsewhere"


def test_a_roadmap_within_the_head_is_read_whole(store: Store) -> None:
    roadmap_id = import_sample(store).id
    parts = store.load_in_parts(roadmap_id, 1_000)
    assert parts.whole and parts.rest() == ()
    assert parts.head == store.load(roadmap_id)


def test_a_database_of_one_shared_connection_is_read_whole() -> None:
    """In memory every read shares one connection: no transaction may stay open."""
    memory = Store.open("sqlite://")
    try:
        roadmap_id = fill(memory)
        parts = memory.load_in_parts(roadmap_id, HEAD)
        assert parts.whole
        assert parts.head == memory.load(roadmap_id)
    finally:
        memory.close()


@pytest.mark.parametrize("end", ["rest", "close"])
def test_the_transaction_ends_with_the_rest_or_close(store: Store, end: str) -> None:
    """Writes go on while the head is shown, and after the read ends nothing is held."""
    roadmap_id = fill(store)
    parts = store.load_in_parts(roadmap_id, HEAD)
    card = parts.head.initiatives[0]
    store.initiatives.update(card.id, InitiativeFields("Written meanwhile"), card.version)
    getattr(parts, end)()
    assert parts.whole
    assert store.load(roadmap_id).initiatives[0].title == "Written meanwhile"


def test_a_sqlite_file_keeps_one_connection_after_a_read_in_parts(tmp_path: Path) -> None:
    """Another read while the rest is due takes a second connection; it is closed when
    done, with its page cache (2 MB), not kept in the pool beside the first."""
    store = Store.open(str(tmp_path / "plan.db"))
    try:
        roadmap_id = fill(store)
        parts = store.load_in_parts(roadmap_id, HEAD)
        assert store.roadmaps()  # the switcher's list, read meanwhile
        parts.rest()
        assert store.engine.pool.checkedin() == 1
    finally:
        store.close()
