"""Random create / move / delete sequences through the editor keep the order a list predicts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.store.store import Store
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor
from tests.store.write_log import WriteLog

COLUMNS = list(Column)
picks = st.lists(st.integers(0, 1000), min_size=1, max_size=3)
operation = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(COLUMNS), st.integers(0, 50)),
    st.tuples(st.just("move"), picks, st.sampled_from(COLUMNS), st.integers(0, 50)),
    st.tuples(st.just("delete"), st.integers(0, 1000)),
)


@pytest.fixture(scope="module")
def memory_store() -> Iterator[tuple[Store, WriteLog]]:
    store = Store.open("sqlite://")
    yield store, WriteLog(store.engine)
    store.close()


def places(store: Store, roadmap_id: int) -> dict[int, tuple[Column, str]]:
    return {i.id: (i.column, i.rank) for i in store.load(roadmap_id).initiatives}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(operation, min_size=1, max_size=40))
def test_editor_order_matches_reference(
    qapp, memory_store: tuple[Store, WriteLog], ops: list[tuple]
) -> None:
    store, log = memory_store
    roadmap = store.create_roadmap(f"Plan {id(ops)}-{len(store.list_roadmaps())}")
    editor = Editor(RoadmapDocument(store, roadmap.id))
    document = editor.document
    reference: dict[Column, list[int]] = {c: [] for c in Column}

    def column_of(card_id: int) -> Column:
        return next(c for c in COLUMNS if card_id in reference[c])

    for op in ops:
        everything = [i for c in COLUMNS for i in reference[c]]
        if op[0] == "create":
            _, column, index = op
            card_id = editor.create(InitiativeFields(f"Card {len(everything)}"), column, index)
            assert card_id is not None
            reference[column].insert(min(index, len(reference[column])), card_id)
        elif op[0] == "move" and everything:
            _, pick, column, index = op
            chosen = [everything[p % len(everything)] for p in pick]
            # The editor moves cards in board order, whatever order they were picked in.
            moving = sorted(
                dict.fromkeys(chosen),
                key=lambda i: (COLUMNS.index(column_of(i)), reference[column_of(i)].index(i)),
            )
            before = places(store, roadmap.id)
            log.writes.clear()
            moved = editor.move(chosen, column, index)
            for ids in reference.values():
                ids[:] = [i for i in ids if i not in moving]
            index = min(index, len(reference[column]))
            reference[column][index:index] = moving
            # One UPDATE of one row per moved card; a move back in place writes nothing.
            assert [count for _s, count in log.writes] == ([1] * len(moving) if moved else [])
            assert all(s.lstrip().upper().startswith("UPDATE INITIATIVE") for s, _c in log.writes)
            after = places(store, roadmap.id)
            # Never a renumbered column: every card not moved keeps its rank.
            assert {i: p for i, p in after.items() if i not in moving} == {
                i: p for i, p in before.items() if i not in moving
            }
        elif op[0] == "delete" and everything:
            card_id = everything[op[1] % len(everything)]
            assert editor.delete([card_id])
            reference[column_of(card_id)].remove(card_id)
        snapshot = store.load(roadmap.id)
        for column in Column:
            ranks = [i.rank for i in snapshot.column(column)]
            assert ranks == sorted(set(ranks))  # a total order: no two cards share a key
            assert [i.id for i in snapshot.column(column)] == reference[column]
            assert document.column_ids(column) == reference[column]
        assert {c.id: (c.column, c.rank) for c in document.all_cards()} == places(store, roadmap.id)
    store.delete_roadmap(roadmap.id)
