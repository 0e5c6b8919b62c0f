"""The snapshot's domain rules: the outcome tree's order and the outcome of a card."""

from __future__ import annotations

from roadmapper.core.entities import Initiative, Outcome, Roadmap, RoadmapSnapshot
from roadmapper.model.enums import Column, Level

REVENUE = Outcome(10, 1, Level.BUSINESS, "Grow revenue", "#0072b2")
ONBOARDING = Outcome(11, 1, Level.PRODUCT, "Faster onboarding", "#e69f00", parent_id=10)
ORPHAN = Outcome(13, 1, Level.PRODUCT, "Orphan", "#cc79a7")
COST = Outcome(14, 1, Level.BUSINESS, "Cut cost to serve", "#009e73")
TICKETS = Outcome(15, 1, Level.PRODUCT, "Fewer tickets", "#56b4e9", parent_id=14)
GONE_PARENT = Outcome(16, 1, Level.PRODUCT, "Parent deleted", "#d55e00", parent_id=99)


def snapshot(*outcomes: Outcome) -> RoadmapSnapshot:
    return RoadmapSnapshot(Roadmap(1, "M"), outcomes=outcomes)


def test_outcome_tree_nests_product_outcomes_under_their_business_outcome() -> None:
    # In rank order: a child ranked before its parent still comes right after it.
    snap = snapshot(TICKETS, ORPHAN, COST, REVENUE, ONBOARDING, GONE_PARENT)
    assert [(o.id, depth) for o, depth in snap.outcome_tree] == [
        (13, 0),
        (14, 0),
        (15, 1),
        (10, 0),
        (11, 1),
        (16, 0),  # its parent is not on this roadmap: top level, never lost
    ]
    assert len(snap.outcome_tree) == len(snap.outcomes)


def test_children_and_tree_parents() -> None:
    snap = snapshot(REVENUE, ONBOARDING, ORPHAN, GONE_PARENT)
    assert [o.id for o in snap.outcome_children(None)] == [10, 13, 16]
    assert [o.id for o in snap.outcome_children(10)] == [11]
    assert snap.tree_parent_id(ONBOARDING) == 10
    assert snap.tree_parent_id(GONE_PARENT) is None
    assert snap.tree_parent_id(REVENUE) is None


def test_outcome_of_a_card() -> None:
    snap = snapshot(REVENUE, ONBOARDING)
    card = Initiative(1, 1, "Guided setup", Column.NOW, "a", outcome_id=11)
    assert snap.outcome_of(card) is ONBOARDING
    assert snap.outcome_of(Initiative(2, 1, "Unlinked", Column.NOW, "b")) is None
    assert snap.outcome_of(Initiative(3, 1, "Stale", Column.NOW, "c", outcome_id=99)) is None
