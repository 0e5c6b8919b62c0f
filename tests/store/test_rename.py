"""Renaming a roadmap: checked as a new one is, based on the version the writer saw."""

from __future__ import annotations

import pytest

from roadmapper.core.errors import InvalidInputError, StaleError
from roadmapper.store.store import Store


def test_rename_keeps_the_roadmap_and_bumps_its_version(store: Store) -> None:
    plan = store.create_roadmap("Plan 2027", "the year ahead")
    renamed = store.rename_roadmap(plan.id, "  Merchant plan 2027 ", plan.version)
    assert (renamed.id, renamed.name, renamed.description) == (
        plan.id,
        "Merchant plan 2027",
        "the year ahead",
    )
    assert renamed.version == plan.version + 1
    assert [r.name for r in store.roadmaps()] == ["Merchant plan 2027"]


def test_renaming_to_its_own_name_is_allowed(store: Store) -> None:
    plan = store.create_roadmap("Plan")
    assert store.rename_roadmap(plan.id, "Plan", plan.version).name == "Plan"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("Other", 'named "Other" already exists'),
        (" Other ", 'named "Other" already exists'),
        ("x" * 201, "201 characters long"),
        ("bad\0name", "NUL"),
    ],
)
def test_a_bad_name_is_refused_and_nothing_written(store: Store, name: str, words: str) -> None:
    plan = store.create_roadmap("Plan")
    store.create_roadmap("Other")
    with pytest.raises(InvalidInputError, match=words):
        store.rename_roadmap(plan.id, name, plan.version)
    assert sorted(r.name for r in store.roadmaps()) == ["Other", "Plan"]
    assert store.find_roadmap("Plan").version == plan.version


def test_a_stale_rename_is_refused(store: Store) -> None:
    plan = store.create_roadmap("Plan")
    store.rename_roadmap(plan.id, "Plan A", plan.version)  # another window
    with pytest.raises(StaleError) as refused:
        store.rename_roadmap(plan.id, "Plan B", plan.version)
    assert refused.value.kind == "roadmap" and not refused.value.deleted
    assert [r.name for r in store.roadmaps()] == ["Plan A"]


def test_renaming_a_deleted_roadmap_says_it_is_gone(store: Store) -> None:
    plan = store.create_roadmap("Plan")
    store.delete_roadmap(plan.id)
    with pytest.raises(StaleError) as refused:
        store.rename_roadmap(plan.id, "Plan B", plan.version)
    assert refused.value.deleted
    assert store.roadmaps() == []


def test_create_still_refuses_a_taken_name(store: Store) -> None:
    store.create_roadmap("Plan")
    with pytest.raises(InvalidInputError, match="already exists"):
        store.create_roadmap(" Plan")
