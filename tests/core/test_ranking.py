"""Fractional rank keys: order is kept without renumbering."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from roadmapper.core.ranking import key_between, key_for_index, keys_for_append


def test_key_for_index_at_ends_and_middle() -> None:
    keys = keys_for_append(None, 3)
    assert keys == sorted(keys)
    first = key_for_index(keys, 0)
    middle = key_for_index(keys, 2)
    last = key_for_index(keys, 3)
    assert first < keys[0]
    assert keys[1] < middle < keys[2]
    assert last > keys[2]


def test_index_is_clamped() -> None:
    keys = keys_for_append(None, 2)
    assert key_for_index(keys, -5) < keys[0]
    assert key_for_index(keys, 99) > keys[1]
    assert key_for_index([], 0) == key_between(None, None)


def test_equal_neighbours_still_give_a_key() -> None:
    # Two clients of a shared database can pick the same key; inserting between
    # them must not crash.
    assert key_between("a1", "a1") > "a1"


@given(st.lists(st.integers(min_value=0, max_value=1000), max_size=120))
def test_repeated_inserts_keep_a_sorted_list(positions: list[int]) -> None:
    keys: list[str] = []
    reference: list[int] = []
    for n, position in enumerate(positions):
        index = position % (len(keys) + 1)
        key = key_for_index(keys, index)
        keys.insert(index, key)
        reference.insert(index, n)
        assert keys == sorted(keys)
        assert len(set(keys)) == len(keys)
