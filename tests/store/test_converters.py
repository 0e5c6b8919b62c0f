"""Rows to records: the fast path that fills cards through their slots."""

from __future__ import annotations

import dataclasses

import pytest

from roadmapper.core.entities import Initiative
from roadmapper.model.enums import Column
from roadmapper.store.converters import initiatives_from, slot_setters

ROWS = [
    # id, roadmap, title, column, rank, description, outcome, hypothesis, result, version
    (3, 1, "Bulk upload", "now", "a1", "CSV for price lists", 7, "Merchants save an hour", "", 2),
    (1, 1, "Saved filters", "later", "a0", "", None, "", "", 1),
    (2, 1, "Price alerts", "now", "a0", "Email on change", 7, "", "", 5),
    (4, 1, "Old export", "done", "a0", "", 8, "", "Nobody used it", 3),
]
LINKS = [(3, 11), (3, 10), (2, 12)]


def test_cards_filled_through_their_slots_equal_the_ones_their_constructor_makes() -> None:
    cards = initiatives_from(iter(ROWS), iter(LINKS))
    expected = [
        Initiative(2, 1, "Price alerts", Column.NOW, "a0", "Email on change", 7, "", "", (12,), 5),
        Initiative(3, 1, "Bulk upload", Column.NOW, "a1", "CSV for price lists", 7,
                   "Merchants save an hour", "", (11, 10), 2),
        Initiative(1, 1, "Saved filters", Column.LATER, "a0", "", None, "", "", (), 1),
        Initiative(4, 1, "Old export", Column.DONE, "a0", "", 8, "", "Nobody used it", (), 3),
    ]  # fmt: skip
    assert list(cards) == expected
    for card, made in zip(cards, expected, strict=True):
        # Every field was set (an unset slot raises on reading), to the same value.
        assert dataclasses.astuple(card) == dataclasses.astuple(made)
        assert hash(card) == hash(made)
        with pytest.raises(dataclasses.FrozenInstanceError):
            card.title = "changed"  # type: ignore[misc]


def test_slot_setters_take_every_field_in_order_or_refuse() -> None:
    names = [f.name for f in dataclasses.fields(Initiative)]
    assert len(slot_setters(Initiative, names)) == len(names)
    with pytest.raises(TypeError, match="Initiative is made from"):
        slot_setters(Initiative, names[:-1])
    with pytest.raises(TypeError):
        slot_setters(Initiative, [*names[1:], names[0]])

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    with pytest.raises(TypeError, match="Checked"):
        slot_setters(Checked, ["value"])
