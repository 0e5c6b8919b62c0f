"""The change counter: a window may show a roadmap it kept only if nobody else wrote since.

On both backends: the store's own writes to an existing roadmap keep what it read
current; another program's write, a roadmap created, imported or deleted, say no.
"""

from __future__ import annotations

import pytest

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.errors import StaleError
from roadmapper.core.records import CheckInFields
from roadmapper.model.enums import Column
from roadmapper.store.interchange import import_snapshot
from roadmapper.store.store import Store
from roadmapper.store.values import CardMove, Slot


@pytest.fixture
def seeded(store: Store, sample_snapshot: RoadmapSnapshot) -> tuple[Store, int]:
    return store, import_snapshot(store, sample_snapshot).id


def _move_first_now_card(store: Store, roadmap_id: int) -> None:
    card = store.load(roadmap_id).column(Column.NOW)[0]
    store.initiatives.move([CardMove(card.id, card.version, Slot(Column.LATER, None, None))])


def test_the_counter_is_read_with_the_roadmap_and_counts_each_write(
    seeded: tuple[Store, int],
) -> None:
    store, roadmap_id = seeded
    snapshot, counted = store.load_counted(roadmap_id)
    assert snapshot == store.load(roadmap_id)
    _move_first_now_card(store, roadmap_id)
    _move_first_now_card(store, roadmap_id)
    assert store.load_counted(roadmap_id)[1] == counted + 2


def test_own_writes_to_a_roadmap_keep_it_unchanged(seeded: tuple[Store, int]) -> None:
    store, roadmap_id = seeded
    _snapshot, counted = store.load_counted(roadmap_id)
    assert store.unchanged_since(counted)
    _move_first_now_card(store, roadmap_id)
    snapshot = store.load(roadmap_id)
    kr = snapshot.key_results[0]
    store.check_ins.add(kr.id, CheckInFields(snapshot.check_ins[0].date, kr.baseline + 1))
    assert store.unchanged_since(counted)


def test_a_refused_write_counts_nothing(seeded: tuple[Store, int]) -> None:
    store, roadmap_id = seeded
    card = store.load(roadmap_id).column(Column.NOW)[0]
    _snapshot, counted = store.load_counted(roadmap_id)
    with pytest.raises(StaleError):
        store.initiatives.move(
            [CardMove(card.id, card.version + 5, Slot(Column.LATER, None, None))]
        )
    assert store.load_counted(roadmap_id)[1] == counted
    assert store.unchanged_since(counted)


def test_another_writer_changes_it(seeded: tuple[Store, int], db_url: str) -> None:
    store, roadmap_id = seeded
    _snapshot, counted = store.load_counted(roadmap_id)
    other = Store.open(db_url)
    try:
        _move_first_now_card(other, roadmap_id)
    finally:
        other.close()
    assert not store.unchanged_since(counted)
    # Own writes after it do not hide it.
    _move_first_now_card(store, roadmap_id)
    assert not store.unchanged_since(counted)


@pytest.mark.parametrize("change", ["create", "import", "delete"])
def test_a_roadmap_created_imported_or_deleted_changes_it(
    seeded: tuple[Store, int], sample_snapshot: RoadmapSnapshot, change: str
) -> None:
    store, roadmap_id = seeded
    spare = store.create_roadmap("Spare")
    _snapshot, counted = store.load_counted(roadmap_id)
    if change == "create":
        store.create_roadmap("Another")
    elif change == "import":
        import_snapshot(store, sample_snapshot, "Imported")
    else:
        store.delete_roadmap(spare.id)
    assert not store.unchanged_since(counted)
