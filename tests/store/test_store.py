"""Store writes: one transaction each, one row per move, versions, unlinking on delete."""

from __future__ import annotations

import datetime as dt

import pytest

from roadmapper.core.errors import InvalidInputError, NotFoundError, StaleError
from roadmapper.core.records import CheckInFields, InitiativeFields, KeyResultFields, OutcomeFields
from roadmapper.model.enums import Column, Direction, Indicator, Level
from roadmapper.store.initiatives import CardMove, Slot
from roadmapper.store.store import Store
from tests.store.write_log import WriteLog


def test_move_writes_exactly_one_row(sample_store: Store) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    before = sample_store.load(roadmap.id)
    card = before.column(Column.NOW)[0]
    nexts = before.column(Column.NEXT)
    slot = Slot(Column.NEXT, nexts[1].id, nexts[2].id)
    log = WriteLog(sample_store.engine)
    (moved,) = sample_store.initiatives.move([CardMove(card.id, card.version, slot)])
    assert moved.version == card.version + 1 and nexts[1].rank < moved.rank < nexts[2].rank
    assert len(log.writes) == 1 and log.counted == 1
    statement, count = log.writes[0]
    assert statement.lstrip().upper().startswith("UPDATE INITIATIVE") and count == 1
    after = sample_store.load(roadmap.id)
    assert [i.id for i in after.column(Column.NEXT)][2] == card.id
    assert card.id not in [i.id for i in after.column(Column.NOW)]


def test_initiative_create_update_delete_restore(store: Store) -> None:
    roadmap = store.create_roadmap("Plan")
    outcome = store.outcomes.create(roadmap.id, Level.PRODUCT, "Riders book online")
    kr = store.key_results.create(
        outcome.id,
        KeyResultFields(
            "Raise share of online bookings",
            Direction.INCREASE,
            Indicator.LEADING,
            "%",
            20,
            tiers=(30, 40),
        ),
    )
    card = store.initiatives.create(
        roadmap.id,
        InitiativeFields("Booking widget", outcome_id=outcome.id, key_result_ids=(kr.id,)),
        Slot(Column.NOW),
    )
    assert card.version == 1 and card.key_result_ids == (kr.id,)
    edited = store.initiatives.update(card.id, InitiativeFields("Booking widget v2"), 1)
    assert edited.title == "Booking widget v2" and edited.version == 2
    assert edited.key_result_ids == () and edited.outcome_id is None
    with pytest.raises(StaleError, match="“Booking widget v2” was changed"):
        store.initiatives.update(card.id, InitiativeFields("Stale edit"), expected_version=1)
    with pytest.raises(StaleError):
        store.initiatives.delete([(card.id, 1)])
    (record,) = store.initiatives.delete([(card.id, 2)])
    with pytest.raises(NotFoundError):
        store.initiatives.get(card.id)
    (restored,) = store.initiatives.restore([record])
    assert restored.id == card.id and restored.title == "Booking widget v2"
    assert restored.rank == card.rank and restored.column is Column.NOW


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (InitiativeFields("   "), "needs a title"),
        (InitiativeFields("x" * 201), "at most 200"),
        (InitiativeFields("Card", outcome_id=999), "not part of this roadmap"),
        (InitiativeFields("Card", key_result_ids=(999,)), "not part of this roadmap"),
    ],
)
def test_invalid_initiatives_are_refused_and_nothing_is_written(
    store: Store, fields: InitiativeFields, message: str
) -> None:
    roadmap = store.create_roadmap("Plan")
    with pytest.raises(InvalidInputError, match=message):
        store.initiatives.create(roadmap.id, fields, Slot(Column.NOW))
    assert store.load(roadmap.id).initiatives == ()


def test_deleting_an_outcome_unlinks_its_initiatives_and_undo_restores(
    sample_store: Store,
) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    before = sample_store.load(roadmap.id)
    product = next(
        o
        for o in before.outcomes
        if o.level is Level.PRODUCT and any(i.outcome_id == o.id for i in before.initiatives)
    )
    linked = {i.id for i in before.initiatives if i.outcome_id == product.id}

    deleted = sample_store.outcomes.delete(product.id, product.version)
    after = sample_store.load(roadmap.id)
    assert len(after.initiatives) == len(before.initiatives)
    assert all(after_i.outcome_id is None for after_i in after.initiatives if after_i.id in linked)
    assert product.id not in after.outcome_by_id
    assert not any(k.outcome_id == product.id for k in after.key_results)

    sample_store.outcomes.restore(deleted)
    again = sample_store.load(roadmap.id)
    assert again.outcomes == before.outcomes
    assert again.key_results == before.key_results
    assert again.check_ins == before.check_ins
    assert [(i.id, i.outcome_id, i.key_result_ids) for i in again.initiatives] == [
        (i.id, i.outcome_id, i.key_result_ids) for i in before.initiatives
    ]


def test_deleting_a_business_outcome_leaves_product_outcomes_unparented(
    sample_store: Store,
) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    before = sample_store.load(roadmap.id)
    parent = next(
        o
        for o in before.outcomes
        if o.level is Level.BUSINESS and any(c.parent_id == o.id for c in before.outcomes)
    )
    sample_store.outcomes.delete(parent.id, parent.version)
    after = sample_store.load(roadmap.id)
    assert all(o.parent_id != parent.id for o in after.outcomes)
    assert len(after.outcomes) == len(before.outcomes) - 1


def test_outcome_rules(store: Store) -> None:
    roadmap = store.create_roadmap("Plan")
    business = store.outcomes.create(roadmap.id, Level.BUSINESS, "Grow revenue")
    product = store.outcomes.create(roadmap.id, Level.PRODUCT, "Riders book", parent_id=business.id)
    assert product.color != business.color  # next palette colour
    with pytest.raises(InvalidInputError, match="business outcome cannot have a parent"):
        store.outcomes.create(roadmap.id, Level.BUSINESS, "X", parent_id=business.id)
    with pytest.raises(InvalidInputError, match="must be a business outcome"):
        store.outcomes.create(roadmap.id, Level.PRODUCT, "Y", parent_id=product.id)
    with pytest.raises(InvalidInputError, match="must stay a business outcome"):
        store.outcomes.update(
            business.id,
            OutcomeFields(Level.PRODUCT, "Grow revenue", "#0072b2", None),
            business.version,
        )
    with pytest.raises(InvalidInputError, match="not a colour"):
        store.outcomes.create(roadmap.id, Level.PRODUCT, "Z", color="blue")


def test_tiers_must_be_monotonic_in_the_direction(store: Store) -> None:
    roadmap = store.create_roadmap("Plan")
    outcome = store.outcomes.create(roadmap.id, Level.PRODUCT, "Faster repairs")
    with pytest.raises(InvalidInputError, match="fall strictly"):
        store.key_results.create(
            outcome.id,
            KeyResultFields(
                "Cut repair time", Direction.DECREASE, Indicator.LEADING, tiers=(10, 12)
            ),
        )
    assert store.load(roadmap.id).key_results == ()


def test_newest_check_in_sets_current_and_delete_recomputes(store: Store) -> None:
    roadmap = store.create_roadmap("Plan")
    outcome = store.outcomes.create(roadmap.id, Level.PRODUCT, "Faster repairs")
    kr = store.key_results.create(
        outcome.id,
        KeyResultFields(
            "Cut repair time", Direction.DECREASE, Indicator.LEADING, "h", 48, 48, (36, 24)
        ),
    )
    day = dt.date(2026, 11, 1)
    first, kr1 = store.check_ins.add(kr.id, CheckInFields(day, 44, "first week", 6))
    assert kr1.current == 44
    _older, kr2 = store.check_ins.add(kr.id, CheckInFields(day - dt.timedelta(days=7), 47))
    assert kr2.current == 44  # an older check-in does not replace current
    newest, kr3 = store.check_ins.add(kr.id, CheckInFields(day + dt.timedelta(days=7), 39))
    assert kr3.current == 39
    _gone, kr4 = store.check_ins.delete(newest.id, newest.version)
    assert kr4.current == 44
    with pytest.raises(InvalidInputError, match="0 to 10"):
        store.check_ins.add(kr.id, CheckInFields(day, 40, confidence=11))
    assert first.confidence == 6


def test_duplicate_roadmap_name_is_refused(store: Store) -> None:
    store.create_roadmap("Plan")
    with pytest.raises(InvalidInputError, match="already exists"):
        store.create_roadmap("Plan")


def test_roadmaps_are_listed_by_name_with_and_without_counts(sample_store: Store) -> None:
    sample_store.create_roadmap("Another plan")
    sample_store.create_roadmap("Zebra crossing")
    names = [r.name for r in sample_store.roadmaps()]
    assert names == sorted(names) and len(names) == 3
    summaries = sample_store.list_roadmaps()
    assert [s.roadmap for s in summaries] == sample_store.roadmaps()
    assert [sum(s.initiatives.values()) > 0 for s in summaries] == [
        r.name not in ("Another plan", "Zebra crossing") for r in sample_store.roadmaps()
    ]


@pytest.mark.parametrize("collecting", [True, False])
def test_a_read_pauses_the_cyclic_collector_and_leaves_it_as_it_found_it(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, collecting: bool
) -> None:
    import gc

    from roadmapper.store import rows

    seen: list[bool] = []
    load = rows.load_snapshot

    def spied(conn, roadmap_id: int):
        seen.append(gc.isenabled())
        return load(conn, roadmap_id)

    monkeypatch.setattr(rows, "load_snapshot", spied)
    roadmap_id = sample_store.roadmaps()[0].id
    (gc.enable if collecting else gc.disable)()
    try:
        assert sample_store.load(roadmap_id) == sample_store.load_counted(roadmap_id)[0]
        assert gc.isenabled() is collecting
        with pytest.raises(NotFoundError):
            sample_store.load(roadmap_id + 1000)
        assert gc.isenabled() is collecting  # a failed read too
    finally:
        gc.enable()
    assert seen == [False, False, False]
