"""Random create / move / delete sequences keep the same order as a plain reference list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.store.store import Store

COLUMNS = list(Column)
operation = st.one_of(
    st.tuples(st.just("create"), st.sampled_from(COLUMNS), st.integers(0, 50)),
    st.tuples(st.just("move"), st.integers(0, 1000), st.sampled_from(COLUMNS), st.integers(0, 50)),
    st.tuples(st.just("delete"), st.integers(0, 1000)),
)


@pytest.fixture(scope="module")
def memory_store() -> Iterator[Store]:
    store = Store.open("sqlite://")
    yield store
    store.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(operation, min_size=1, max_size=40))
def test_store_order_matches_reference(memory_store: Store, ops: list[tuple]) -> None:
    store = memory_store
    roadmap = store.create_roadmap(f"Plan {id(ops)}-{len(store.list_roadmaps())}")
    reference: dict[Column, list[int]] = {c: [] for c in Column}

    def place(card_id: int, column: Column, index: int) -> None:
        index = min(index, len(reference[column]))
        reference[column].insert(index, card_id)

    for op in ops:
        everything = [i for c in COLUMNS for i in reference[c]]
        if op[0] == "create":
            _, column, index = op
            index = min(index, len(reference[column]))
            keys = [i.rank for i in store.load(roadmap.id).column(column)]
            from roadmapper.core.ranking import key_for_index

            card = store.create_initiative(
                roadmap.id,
                InitiativeFields(f"Card {len(everything)}"),
                column,
                key_for_index(keys, index),
            )
            place(card.id, column, index)
        elif op[0] == "move" and everything:
            _, pick, column, index = op
            card_id = everything[pick % len(everything)]
            for ids in reference.values():
                if card_id in ids:
                    ids.remove(card_id)
            index = min(index, len(reference[column]))
            store.move_to_index(card_id, column, index)
            place(card_id, column, index)
        elif op[0] == "delete" and everything:
            card_id = everything[op[1] % len(everything)]
            store.delete_initiatives([card_id])
            for ids in reference.values():
                if card_id in ids:
                    ids.remove(card_id)
        snapshot = store.load(roadmap.id)
        for column in Column:
            assert [i.id for i in snapshot.column(column)] == reference[column]
    store.delete_roadmap(roadmap.id)
