"""Key result, check-in, outcome placement and dismissal writes, with their undo records."""

from __future__ import annotations

import datetime as dt

import pytest

from roadmapper.core.errors import InvalidInputError, StaleError
from roadmapper.core.ranking import key_between
from roadmapper.core.records import CheckInFields
from roadmapper.model.enums import Level
from roadmapper.store.store import Store


def first_roadmap(store: Store) -> int:
    return store.list_roadmaps()[0].roadmap.id


def test_delete_key_result_unlinks_cards_and_restore_brings_all_back(sample_store: Store) -> None:
    roadmap_id = first_roadmap(sample_store)
    before = sample_store.load(roadmap_id)
    kr = next(
        k
        for k in before.key_results
        if any(k.id in i.key_result_ids for i in before.initiatives)
        and before.check_ins_by_key_result.get(k.id)
    )
    deleted = sample_store.key_results.delete(kr.id, kr.version)
    after = sample_store.load(roadmap_id)
    assert kr.id not in after.key_result_by_id
    assert not any(kr.id in i.key_result_ids for i in after.initiatives)
    assert not after.check_ins_by_key_result.get(kr.id)
    assert len(after.initiatives) == len(before.initiatives)
    sample_store.key_results.restore(deleted)
    assert sample_store.load(roadmap_id) == before


def test_update_and_restore_check_in_recompute_current(sample_store: Store) -> None:
    roadmap_id = first_roadmap(sample_store)
    snapshot = sample_store.load(roadmap_id)
    kr = next(
        k for k in snapshot.key_results if len(snapshot.check_ins_by_key_result.get(k.id, ())) >= 2
    )
    history = snapshot.check_ins_by_key_result[kr.id]
    newest, older = history[-1], history[-2]
    # Moving the newest check-in back in time makes the other one the newest.
    fields = CheckInFields(older.date - dt.timedelta(days=1), newest.value, "typo in date", 5)
    _moved, kr_after = sample_store.check_ins.update(newest.id, fields, newest.version)
    assert kr_after.current == older.value
    record, kr_deleted = sample_store.check_ins.delete(older.id, older.version)
    assert kr_deleted.current == newest.value
    kr_restored = sample_store.check_ins.restore(record)
    assert kr_restored.current == older.value
    with pytest.raises(InvalidInputError, match="0 to 10"):
        sample_store.check_ins.update(newest.id, CheckInFields(newest.date, 1.0, "", -1), 1)


def test_a_check_in_dated_after_tomorrow_is_refused_and_writes_nothing(
    sample_store: Store,
) -> None:
    roadmap_id = first_roadmap(sample_store)
    before = sample_store.load(roadmap_id)
    kr = before.key_results[0]
    later = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(InvalidInputError, match="cannot be dated after today"):
        sample_store.check_ins.add(kr.id, CheckInFields(later, 1.0, "", None))
    assert sample_store.load(roadmap_id) == before
    # A teammate a time zone ahead may already be on tomorrow: that one lands.
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    sample_store.check_ins.add(kr.id, CheckInFields(tomorrow, 1.0, "", None))
    assert sample_store.load(roadmap_id).key_result_by_id[kr.id].current == 1.0


def test_place_outcome_reorders_and_reparents(sample_store: Store) -> None:
    roadmap_id = first_roadmap(sample_store)
    snapshot = sample_store.load(roadmap_id)
    business = [o for o in snapshot.outcomes if o.level is Level.BUSINESS]
    product = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT)
    other_parent = next(b for b in business if b.id != product.parent_id)
    moved = sample_store.outcomes.place(
        product.id, other_parent.id, key_between(None, snapshot.outcomes[0].rank), product.version
    )
    assert moved.parent_id == other_parent.id
    assert sample_store.load(roadmap_id).outcomes[0].id == product.id
    with pytest.raises(InvalidInputError, match="must be a business outcome"):
        sample_store.outcomes.place(product.id, product.id, moved.rank, moved.version)
    with pytest.raises(InvalidInputError, match="cannot have a parent"):
        sample_store.outcomes.place(
            business[0].id, business[1].id, business[0].rank, business[0].version
        )


def test_dismissals_are_stored_per_roadmap(sample_store: Store) -> None:
    roadmap_id = first_roadmap(sample_store)
    sample_store.set_dismissed(roadmap_id, "no-guardrail", "outcome", 3, True)
    # A second window dismissing what it still shows: refused, the first one stands.
    with pytest.raises(StaleError, match="already dismissed"):
        sample_store.set_dismissed(roadmap_id, "no-guardrail", "outcome", 3, True)
    assert sample_store.load(roadmap_id).dismissed == {("no-guardrail", "outcome", 3)}
    assert sample_store.load_okrs(roadmap_id).dismissed == {("no-guardrail", "outcome", 3)}
    sample_store.set_dismissed(roadmap_id, "no-guardrail", "outcome", 3, False)
    assert sample_store.load(roadmap_id).dismissed == frozenset()


def test_load_okrs_leaves_out_the_cards(sample_store: Store) -> None:
    roadmap_id = first_roadmap(sample_store)
    full = sample_store.load(roadmap_id)
    okrs = sample_store.load_okrs(roadmap_id)
    assert okrs.initiatives == ()
    assert (okrs.outcomes, okrs.key_results, okrs.check_ins) == (
        full.outcomes,
        full.key_results,
        full.check_ins,
    )
