"""Two writers on one database: stale writes refused, ids never reused, ranks never shared.

Every test opens the same new database twice (``Store.open(db_url)`` twice), on
SQLite and on PostgreSQL, and plays one writer against the other; the racing
tests run their writers in child processes (``python -c`` calling a function of
this module), so the writers are really concurrent.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa

from roadmapper.core.entities import Initiative, RoadmapSnapshot
from roadmapper.core.errors import ConflictError, RoadmapperError, StaleError
from roadmapper.core.records import CheckInFields, InitiativeFields, KeyResultFields, OutcomeFields
from roadmapper.model.enums import Column, Level
from roadmapper.model.tables import INITIATIVE
from roadmapper.store.initiatives import CardMove, Slot
from roadmapper.store.interchange import import_sample
from roadmapper.store.store import Store

ROOT = Path(__file__).parents[2]


@dataclasses.dataclass
class Writers:
    a: Store
    b: Store
    roadmap_id: int


@pytest.fixture
def writers(db_url: str) -> Iterator[Writers]:
    """The sample roadmap, and two independent stores (two writers) on its database."""
    a = Store.open(db_url)
    roadmap = import_sample(a)
    b = Store.open(db_url)
    yield Writers(a, b, roadmap.id)
    a.close()
    b.close()


def column_ids(snapshot: RoadmapSnapshot, column: Column) -> list[int]:
    return [c.id for c in snapshot.column(column)]


def assert_stale(
    exc: pytest.ExceptionInfo[StaleError], kind: str, item_id: int, *, deleted: bool
) -> None:
    error = exc.value
    assert isinstance(error, ConflictError) and isinstance(error, RoadmapperError)
    assert (error.kind, error.item_id, error.deleted) == (kind, item_id, deleted)
    message = str(error)
    assert "\n" not in message
    assert message.endswith("so this change was not saved.")
    assert ("deleted" if deleted else "changed") in message


def keys_are_distinct(store: Store, roadmap_id: int) -> None:
    """No two cards of the roadmap share (roadmap, column, rank), read straight from the table."""
    i = INITIATIVE.c
    with store.engine.connect() as conn:
        shared = conn.execute(
            sa.select(i.board_column, i.rank, sa.func.count())
            .where(i.roadmap_id == roadmap_id)
            .group_by(i.roadmap_id, i.board_column, i.rank)
            .having(sa.func.count() > 1)
        ).all()
    assert shared == []


def max_id(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.max(INITIATIVE.c.id))).scalar() or 0)


# -- stale writes ---------------------------------------------------------------


def test_stale_edit_of_another_field_is_refused_and_keeps_the_others_title(
    writers: Writers,
) -> None:
    a, b = writers.a, writers.b
    card = a.load(writers.roadmap_id).column(Column.NOW)[0]
    seen_by_b = b.initiatives.get(card.id)
    assert seen_by_b == card

    renamed = b.initiatives.update(
        card.id, dataclasses.replace(InitiativeFields.of(card), title="Renamed by B"), card.version
    )
    assert renamed.version == card.version + 1

    # A, still seeing the old card, changes only the description.
    a_fields = dataclasses.replace(InitiativeFields.of(card), description="A's notes")
    with pytest.raises(StaleError) as exc:
        a.initiatives.update(card.id, a_fields, card.version)
    assert_stale(exc, "initiative", card.id, deleted=False)
    assert "Renamed by B" in str(exc.value)

    stored = a.initiatives.get(card.id)
    assert stored.title == "Renamed by B"
    assert stored.description == card.description
    assert stored.version == renamed.version
    # At the version it now sees, A's edit goes through.
    assert a.initiatives.update(card.id, a_fields, stored.version).description == "A's notes"


def test_stale_move_is_refused_and_the_others_move_kept(writers: Writers) -> None:
    a, b = writers.a, writers.b
    snapshot = a.load(writers.roadmap_id)
    card = snapshot.column(Column.NEXT)[1]
    later = column_ids(snapshot, Column.LATER)

    (moved,) = b.initiatives.move(
        [CardMove(card.id, card.version, Slot(Column.LATER, later[0], later[1]))]
    )
    assert (moved.column, moved.version) == (Column.LATER, card.version + 1)

    with pytest.raises(StaleError) as exc:
        a.initiatives.move([CardMove(card.id, card.version, Slot(Column.DONE))])
    assert_stale(exc, "initiative", card.id, deleted=False)

    after = a.load(writers.roadmap_id)
    assert column_ids(after, Column.LATER) == [later[0], card.id, *later[1:]]
    assert card.id not in column_ids(after, Column.DONE)
    assert after == b.load(writers.roadmap_id)


def test_stale_move_of_several_cards_moves_none(writers: Writers) -> None:
    a, b = writers.a, writers.b
    before = a.load(writers.roadmap_id)
    first, second = before.column(Column.NOW)[:2]
    b.initiatives.update(
        second.id,
        dataclasses.replace(InitiativeFields.of(second), title="Touched by B"),
        second.version,
    )
    with pytest.raises(StaleError) as exc:
        a.initiatives.move(
            [
                CardMove(first.id, first.version, Slot(Column.DONE)),
                CardMove(second.id, second.version, Slot(Column.DONE, first.id)),
            ]
        )
    assert_stale(exc, "initiative", second.id, deleted=False)
    # The first card's move was part of the same refused transaction.
    assert a.initiatives.get(first.id) == first


def test_outcome_recolour_after_anothers_rename_is_refused(writers: Writers) -> None:
    a, b = writers.a, writers.b
    outcome = next(o for o in a.load(writers.roadmap_id).outcomes if o.level is Level.PRODUCT)
    fields = OutcomeFields.of(outcome)

    renamed = b.outcomes.update(
        outcome.id, dataclasses.replace(fields, objective="Renamed by B"), outcome.version
    )
    assert renamed.version == outcome.version + 1

    recolour = dataclasses.replace(fields, color="#d55e00")
    assert recolour.color != outcome.color
    with pytest.raises(StaleError) as exc:
        a.outcomes.update(outcome.id, recolour, outcome.version)
    assert_stale(exc, "outcome", outcome.id, deleted=False)
    assert "Renamed by B" in str(exc.value)

    stored = a.load(writers.roadmap_id).outcome_by_id[outcome.id]
    assert (stored.objective, stored.color) == ("Renamed by B", outcome.color)

    # Placing and deleting from the old reading are refused the same way.
    with pytest.raises(StaleError):
        a.outcomes.place(outcome.id, outcome.parent_id, outcome.rank, outcome.version)
    with pytest.raises(StaleError):
        a.outcomes.delete(outcome.id, outcome.version)
    assert a.load(writers.roadmap_id).outcome_by_id[outcome.id] == stored


def test_key_result_rename_after_anothers_check_in_is_refused(writers: Writers) -> None:
    a, b = writers.a, writers.b
    snapshot = a.load(writers.roadmap_id)
    kr = next(k for k in snapshot.key_results if snapshot.check_ins_by_key_result.get(k.id))
    newest = snapshot.check_ins_by_key_result[kr.id][-1]
    new_value = (kr.current or 0.0) + 7.5

    check_in, kr_after_check_in = b.check_ins.add(
        kr.id, CheckInFields(newest.date + dt.timedelta(days=1), new_value, "from B")
    )
    assert kr_after_check_in.current == new_value
    assert kr_after_check_in.version == kr.version + 1  # a check-in moves current: a new version

    # A renames the key result from its old reading, which still carries the old current.
    rename = dataclasses.replace(KeyResultFields.of(kr), name="Renamed by A")
    with pytest.raises(StaleError) as exc:
        a.key_results.update(kr.id, rename, kr.version)
    assert_stale(exc, "key_result", kr.id, deleted=False)

    after = a.load(writers.roadmap_id)
    stored = after.key_result_by_id[kr.id]
    assert stored.name == kr.name
    assert after.check_ins_by_key_result[kr.id][-1] == check_in
    assert stored.current == new_value == check_in.value

    with pytest.raises(StaleError) as deleting:
        a.key_results.delete(kr.id, kr.version)
    assert_stale(deleting, "key_result", kr.id, deleted=False)
    assert a.load(writers.roadmap_id).key_result_by_id[kr.id] == stored


def test_stale_check_in_edit_and_delete_are_refused(writers: Writers) -> None:
    a, b = writers.a, writers.b
    snapshot = a.load(writers.roadmap_id)
    kr = next(
        k for k in snapshot.key_results if len(snapshot.check_ins_by_key_result.get(k.id, ())) >= 2
    )
    newest = snapshot.check_ins_by_key_result[kr.id][-1]
    older = snapshot.check_ins_by_key_result[kr.id][-2]

    b_fields = dataclasses.replace(CheckInFields.of(newest), value=newest.value + 1, note="B")
    b_check_in, b_kr = b.check_ins.update(newest.id, b_fields, newest.version)
    assert b_kr.current == newest.value + 1

    a_fields = dataclasses.replace(CheckInFields.of(newest), note="A's note")
    with pytest.raises(StaleError) as editing:
        a.check_ins.update(newest.id, a_fields, newest.version)
    assert_stale(editing, "check_in", newest.id, deleted=False)
    with pytest.raises(StaleError) as deleting:
        a.check_ins.delete(newest.id, newest.version)
    assert_stale(deleting, "check_in", newest.id, deleted=False)

    after = a.load(writers.roadmap_id)
    assert after.check_ins_by_key_result[kr.id][-1] == b_check_in
    assert after.key_result_by_id[kr.id].current == b_check_in.value

    # B deletes the older one; A's edit and delete of it find it gone.
    b.check_ins.delete(older.id, older.version)
    with pytest.raises(StaleError) as gone:
        a.check_ins.update(older.id, CheckInFields.of(older), older.version)
    assert_stale(gone, "check_in", older.id, deleted=True)
    with pytest.raises(StaleError) as gone_again:
        a.check_ins.delete(older.id, older.version)
    assert_stale(gone_again, "check_in", older.id, deleted=True)
    assert older.id not in {c.id for c in a.load(writers.roadmap_id).check_ins}


def test_edit_move_and_delete_after_anothers_delete_are_refused(writers: Writers) -> None:
    a, b = writers.a, writers.b
    snapshot = a.load(writers.roadmap_id)
    card = snapshot.column(Column.LATER)[0]
    outcome = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT)
    kr = next(k for k in snapshot.key_results if k.outcome_id != outcome.id)

    b.initiatives.delete([(card.id, card.version)])
    with pytest.raises(StaleError) as editing:
        a.initiatives.update(
            card.id, dataclasses.replace(InitiativeFields.of(card), title="A"), card.version
        )
    assert_stale(editing, "initiative", card.id, deleted=True)
    with pytest.raises(StaleError) as moving:
        a.initiatives.move([CardMove(card.id, card.version, Slot(Column.NOW))])
    assert_stale(moving, "initiative", card.id, deleted=True)
    with pytest.raises(StaleError) as deleting:
        a.initiatives.delete([(card.id, card.version)])
    assert_stale(deleting, "initiative", card.id, deleted=True)

    b.outcomes.delete(outcome.id, outcome.version)
    with pytest.raises(StaleError) as recolouring:
        a.outcomes.update(
            outcome.id,
            dataclasses.replace(OutcomeFields.of(outcome), color="#000000"),
            outcome.version,
        )
    assert_stale(recolouring, "outcome", outcome.id, deleted=True)

    b.key_results.delete(kr.id, kr.version)
    with pytest.raises(StaleError) as renaming:
        a.key_results.update(
            kr.id, dataclasses.replace(KeyResultFields.of(kr), name="A"), kr.version
        )
    assert_stale(renaming, "key_result", kr.id, deleted=True)

    after = a.load(writers.roadmap_id)
    assert card.id not in {c.id for c in after.initiatives}
    assert outcome.id not in after.outcome_by_id
    assert kr.id not in after.key_result_by_id


def test_dismissing_what_another_already_dismissed_is_refused(writers: Writers) -> None:
    a, b = writers.a, writers.b
    before = a.load(writers.roadmap_id)
    outcome = before.outcomes[0]
    assert ("no-guardrail", "outcome", outcome.id) not in before.dismissed
    b.set_dismissed(writers.roadmap_id, "no-guardrail", "outcome", outcome.id, True)
    with pytest.raises(StaleError) as exc:
        a.set_dismissed(writers.roadmap_id, "no-guardrail", "outcome", outcome.id, True)
    assert (exc.value.kind, exc.value.item_id) == ("dismissed_finding", outcome.id)
    assert "\n" not in str(exc.value)
    assert ("no-guardrail", "outcome", outcome.id) in a.load(writers.roadmap_id).dismissed
    # Bringing it back from the same old reading: B did that too, so A is refused again.
    b.set_dismissed(writers.roadmap_id, "no-guardrail", "outcome", outcome.id, False)
    with pytest.raises(StaleError):
        a.set_dismissed(writers.roadmap_id, "no-guardrail", "outcome", outcome.id, False)
    assert ("no-guardrail", "outcome", outcome.id) not in a.load(writers.roadmap_id).dismissed


def restore_after_the_other_deleted(writers: Writers, case: str) -> None:
    """A deletes something, B deletes what it refers to, A restores (the store half of undo)."""
    a, b = writers.a, writers.b
    snapshot = a.load(writers.roadmap_id)
    if case == "card after its outcome":
        card = next(c for c in snapshot.initiatives if c.outcome_id is not None)
        (record,) = a.initiatives.delete([(card.id, card.version)])
        outcome = b.load(writers.roadmap_id).outcome_by_id[card.outcome_id]
        b.outcomes.delete(outcome.id, outcome.version)
        a.initiatives.restore([record])
    elif case == "key result after a linked card":
        kr = next(
            k
            for k in snapshot.key_results
            if any(k.id in c.key_result_ids for c in snapshot.initiatives)
        )
        deleted_kr = a.key_results.delete(kr.id, kr.version)
        card = b.initiatives.get(deleted_kr.links[0][0])
        b.initiatives.delete([(card.id, card.version)])
        a.key_results.restore(deleted_kr)
    elif case == "outcome after a linked card":
        outcome = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT)
        deleted_outcome = a.outcomes.delete(outcome.id, outcome.version)
        card = b.initiatives.get(deleted_outcome.links[0][0])
        b.initiatives.delete([(card.id, card.version)])
        a.outcomes.restore(deleted_outcome)
    else:
        kr = next(k for k in snapshot.key_results if snapshot.check_ins_by_key_result.get(k.id))
        check_in = snapshot.check_ins_by_key_result[kr.id][-1]
        record, _kr = a.check_ins.delete(check_in.id, check_in.version)
        kr = b.load(writers.roadmap_id).key_result_by_id[kr.id]
        b.key_results.delete(kr.id, kr.version)
        a.check_ins.restore(record)


@pytest.mark.parametrize(
    "case",
    [
        "card after its outcome",
        "key result after a linked card",
        "outcome after a linked card",
        "check-in after its key result",
    ],
)
def test_restore_after_the_other_deleted_what_it_refers_to_is_a_typed_refusal(
    writers: Writers, case: str
) -> None:
    """Undo of a delete is a write like any other: it works, or says why in one sentence.

    What it must not do is let the database's foreign-key error out untyped,
    which the window would show as a traceback instead of a sentence.
    """
    card_ids = {c.id for c in writers.a.load(writers.roadmap_id).initiatives}
    try:
        restore_after_the_other_deleted(writers, case)
    except RoadmapperError as exc:
        assert "\n" not in str(exc)
    except Exception as exc:
        pytest.fail(f"restoring the {case} raised {type(exc).__name__}, not a RoadmapperError")
    after = writers.b.load(writers.roadmap_id)
    assert_consistent(after, {c.id for c in after.initiatives})
    assert {c.id for c in after.initiatives} <= card_ids


def test_restoring_an_outcome_keeps_the_others_later_change_of_a_card(writers: Writers) -> None:
    """A deletes an outcome (its cards are unlinked), B links one of them elsewhere, A restores.

    The restore may refuse, or bring the outcome back; it must not silently take
    the card back from the outcome B chose.
    """
    a, b = writers.a, writers.b
    snapshot = a.load(writers.roadmap_id)
    outcome = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT)
    other = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT and o.id != outcome.id)
    deleted = a.outcomes.delete(outcome.id, outcome.version)
    card = b.initiatives.get(deleted.unlinked_initiatives[0])
    assert card.outcome_id is None
    b.initiatives.update(
        card.id,
        dataclasses.replace(InitiativeFields.of(card), outcome_id=other.id, key_result_ids=()),
        card.version,
    )
    with contextlib.suppress(RoadmapperError):
        a.outcomes.restore(deleted)
    assert b.initiatives.get(card.id).outcome_id == other.id


# -- ids ------------------------------------------------------------------------


def test_an_id_is_never_reused_and_restore_brings_back_the_old_one(writers: Writers) -> None:
    a, b = writers.a, writers.b
    before = a.load(writers.roadmap_id)
    newest = max(before.initiatives, key=lambda c: c.id)
    ever_used = max_id(a)
    assert newest.id == ever_used

    (record,) = a.initiatives.delete([(newest.id, newest.version)])
    assert record == newest
    # B adds a card at the end of the same column: where A's card was, by rank too.
    created = b.initiatives.create(
        writers.roadmap_id, InitiativeFields("Added by B"), Slot(newest.column)
    )
    assert created.id > ever_used
    assert column_ids(b.load(writers.roadmap_id), newest.column)[-1] == created.id

    (restored,) = a.initiatives.restore([record])
    assert restored.id == newest.id
    assert dataclasses.replace(restored, rank=newest.rank) == newest
    after = a.load(writers.roadmap_id)
    assert b.initiatives.get(created.id) == created  # B's card untouched
    assert column_ids(after, newest.column)[-2:] == [created.id, newest.id]
    keys_are_distinct(a, writers.roadmap_id)

    again = b.initiatives.create(writers.roadmap_id, InitiativeFields("Again"), Slot(Column.NOW))
    assert again.id > created.id


def test_check_in_and_outcome_ids_are_never_reused(writers: Writers) -> None:
    a, b = writers.a, writers.b
    snapshot = a.load(writers.roadmap_id)
    newest_check_in = max(snapshot.check_ins, key=lambda c: c.id)
    _record, _kr = a.check_ins.delete(newest_check_in.id, newest_check_in.version)
    added, _kr = b.check_ins.add(
        newest_check_in.key_result_id, CheckInFields(newest_check_in.date, 1.0)
    )
    assert added.id > newest_check_in.id

    newest_outcome = max(snapshot.outcomes, key=lambda o: o.id)
    a.outcomes.delete(newest_outcome.id, newest_outcome.version)
    created = b.outcomes.create(writers.roadmap_id, Level.BUSINESS, "Added by B")
    assert created.id > newest_outcome.id


# -- drops into one slot ----------------------------------------------------------


def pick_drop(snapshot: RoadmapSnapshot, rng: random.Random) -> tuple[Column, int, int, int]:
    """A column, an index in it, and two cards (not its neighbours there) to drop at it."""
    column = rng.choice(list(Column))
    ids = column_ids(snapshot, column)
    index = rng.randint(0, len(ids))
    neighbours = set(ids[max(0, index - 1) : index + 1])
    first, second = rng.sample([c.id for c in snapshot.initiatives if c.id not in neighbours], 2)
    return column, index, first, second


def slot_at(snapshot: RoadmapSnapshot, column: Column, index: int, moving: Sequence[int]) -> Slot:
    rest = [i for i in column_ids(snapshot, column) if i not in moving]
    index = max(0, min(index, len(rest)))
    return Slot(
        column, rest[index - 1] if index > 0 else None, rest[index] if index < len(rest) else None
    )


def expected_column(
    snapshot: RoadmapSnapshot, column: Column, index: int, landed: Sequence[int]
) -> list[int]:
    rest = [i for i in column_ids(snapshot, column) if i not in landed]
    neighbours = column_ids(snapshot, column)
    at = rest.index(neighbours[index]) if index < len(neighbours) else len(rest)
    return [*rest[:at], *landed, *rest[at:]]


def test_two_drops_into_the_same_slot_both_land_in_a_defined_order(writers: Writers) -> None:
    """A drops first, B second from the same view: B lands right after the card above."""
    a, b = writers.a, writers.b
    rng = random.Random(20261122)
    for _ in range(50):
        seen = a.load(writers.roadmap_id)
        column, index, card_a, card_b = pick_drop(seen, rng)
        slot = slot_at(seen, column, index, ())
        version = {c.id: c.version for c in seen.initiatives}

        (moved_a,) = a.initiatives.move([CardMove(card_a, version[card_a], slot)])
        (moved_b,) = b.initiatives.move([CardMove(card_b, version[card_b], slot)])
        assert moved_a.column is moved_b.column is column
        assert moved_a.rank != moved_b.rank

        after = a.load(writers.roadmap_id)
        assert column_ids(after, column) == expected_column(seen, column, index, [card_b, card_a])
        keys_are_distinct(a, writers.roadmap_id)


def drop_at_once(moves: Sequence[CardMove], stores: Sequence[Store]) -> dict[int, object]:
    """Each store makes its move in a thread of its own, all let go at the same moment."""
    barrier = threading.Barrier(len(moves), timeout=10)
    results: dict[int, object] = {}

    def drop(store: Store, move: CardMove) -> None:
        barrier.wait()
        try:
            (results[move.initiative_id],) = store.initiatives.move([move])
        except BaseException as exc:  # reported by the test, in its own thread
            results[move.initiative_id] = exc

    threads = [threading.Thread(target=drop, args=pair) for pair in zip(stores, moves, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_simultaneous_drops_into_the_same_slot_both_land(writers: Writers) -> None:
    """Both writers drop at the same moment (two threads): both land between the neighbours."""
    a, b = writers.a, writers.b
    rng = random.Random(7)
    for _ in range(25):
        seen = a.load(writers.roadmap_id)
        column, index, card_a, card_b = pick_drop(seen, rng)
        slot = slot_at(seen, column, index, ())
        version = {c.id: c.version for c in seen.initiatives}
        results = drop_at_once(
            [CardMove(card_a, version[card_a], slot), CardMove(card_b, version[card_b], slot)],
            [a, b],
        )
        assert all(isinstance(r, Initiative) for r in results.values()), results
        assert len(results) == 2

        after = a.load(writers.roadmap_id)
        landed = column_ids(after, column)
        # The later of the two lands right after the card above, the earlier after it.
        assert landed in (
            expected_column(seen, column, index, [card_b, card_a]),
            expected_column(seen, column, index, [card_a, card_b]),
        )
        keys_are_distinct(a, writers.roadmap_id)


# -- racing processes ---------------------------------------------------------------


def _wait_for(go: Path, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("the test never said go")
        time.sleep(0.005)


def race_moves(url: str, roadmap_id: int, seed: int, count: int, seconds: float, go: str) -> None:
    """Child process: ``count`` random moves (within ``seconds``) from a view re-read now and then.

    Prints, as JSON, how many cards it moved (each a version step) and how many
    moves were refused as stale; any other error ends it with a traceback.
    """
    store = Store.open(url)
    rng = random.Random(seed)
    _wait_for(Path(go))
    deadline = time.monotonic() + seconds
    moved = refused = 0
    view = store.load(roadmap_id)
    for n in range(count):
        if time.monotonic() > deadline:
            break
        if n % 4 == 0:
            view = store.load(roadmap_id)
        cards = rng.sample(view.initiatives, 2 if rng.random() < 0.25 else 1)
        column = rng.choice(list(Column))
        ids = [c.id for c in cards]
        first = slot_at(view, column, rng.randint(0, len(column_ids(view, column))), ids)
        moves, above = [], first.after_id
        for card in cards:
            moves.append(CardMove(card.id, card.version, Slot(column, above, first.before_id)))
            above = card.id
        try:
            store.initiatives.move(moves)
        except StaleError:
            refused += 1
            view = store.load(roadmap_id)
            continue
        moved += len(moves)
        view = store.load(roadmap_id) if rng.random() < 0.5 else view
    store.close()
    print(json.dumps({"moved": moved, "refused": refused}))


def load_while_writing(url: str, roadmap_id: int, seed: int, seconds: float, go: str) -> None:
    """Child process: moves, edits and outcome deletes and restores for ``seconds``."""
    store = Store.open(url)
    rng = random.Random(seed)
    _wait_for(Path(go))
    deadline = time.monotonic() + seconds
    done = 0
    for n in range(100_000):
        if time.monotonic() > deadline:
            break
        view = store.load(roadmap_id)
        step = n % 4
        card = rng.choice(view.initiatives)
        if step == 0:
            column = rng.choice(list(Column))
            slot = slot_at(view, column, rng.randint(0, 3), [card.id])
            store.initiatives.move([CardMove(card.id, card.version, slot)])
        elif step == 1:
            outcome = rng.choice(view.outcomes)
            krs = [k.id for k in view.key_results_by_outcome.get(outcome.id, ())]
            fields = dataclasses.replace(
                InitiativeFields.of(card),
                title=f"Edited {n}",
                outcome_id=outcome.id,
                key_result_ids=tuple(rng.sample(krs, min(len(krs), 2))),
            )
            store.initiatives.update(card.id, fields, card.version)
        elif step == 2:
            product = [o for o in view.outcomes if o.level is Level.PRODUCT]
            outcome = rng.choice(product)
            deleted = store.outcomes.delete(outcome.id, outcome.version)
        else:
            store.outcomes.restore(deleted)
        done += 1
    store.close()
    print(json.dumps({"done": done}))


def start_child(call: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", f"from tests.store.test_two_writers import *; {call}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(child: subprocess.Popen[str]) -> dict[str, int]:
    try:
        out, err = child.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        pytest.fail(f"a writer process hung:\n{err}")
    assert child.returncode == 0, err
    result: dict[str, int] = json.loads(out.strip().splitlines()[-1])
    return result


def test_two_processes_racing_moves_keep_every_card_once(
    writers: Writers, db_url: str, tmp_path: Path
) -> None:
    before = writers.a.load(writers.roadmap_id)
    go = tmp_path / "go"
    children = [
        start_child(f"race_moves({db_url!r}, {writers.roadmap_id}, {seed}, 200, 25.0, {str(go)!r})")
        for seed in (1, 2)
    ]
    time.sleep(0.2)
    go.touch()
    reports = [finish(child) for child in children]

    after = writers.a.load(writers.roadmap_id)
    keys_are_distinct(writers.a, writers.roadmap_id)
    ids = [c.id for c in after.initiatives]
    assert sorted(ids) == sorted(c.id for c in before.initiatives)
    assert len(set(ids)) == len(ids)
    steps = sum(c.version for c in after.initiatives) - sum(c.version for c in before.initiatives)
    assert steps == sum(r["moved"] for r in reports)
    assert all(r["moved"] > 0 for r in reports), reports
    # Nothing but the places changed.
    old = {c.id: c for c in before.initiatives}
    for card in after.initiatives:
        assert InitiativeFields.of(card) == InitiativeFields.of(old[card.id])


def assert_consistent(snapshot: RoadmapSnapshot, card_ids: set[int]) -> None:
    outcomes = set(snapshot.outcome_by_id)
    key_results = set(snapshot.key_result_by_id)
    for outcome in snapshot.outcomes:
        assert outcome.parent_id is None or outcome.parent_id in outcomes, outcome
    for kr in snapshot.key_results:
        assert kr.outcome_id in outcomes, kr
    for check_in in snapshot.check_ins:
        assert check_in.key_result_id in key_results, check_in
    for card in snapshot.initiatives:
        assert card.outcome_id is None or card.outcome_id in outcomes, card
        assert set(card.key_result_ids) <= key_results, card
    assert {c.id for c in snapshot.initiatives} == card_ids
    assert len(snapshot.initiatives) == len(card_ids)
    places = [(c.column, c.rank) for c in snapshot.initiatives]
    assert len(set(places)) == len(places)


def test_loads_during_writes_are_consistent(writers: Writers, db_url: str, tmp_path: Path) -> None:
    card_ids = {c.id for c in writers.a.load(writers.roadmap_id).initiatives}
    reader = Store.open(db_url)
    go = tmp_path / "go"
    child = start_child(
        f"load_while_writing({db_url!r}, {writers.roadmap_id}, 3, 3.0, {str(go)!r})"
    )
    time.sleep(0.2)
    go.touch()
    loads = 0
    deadline = time.monotonic() + 30
    try:
        while child.poll() is None and time.monotonic() < deadline:
            assert_consistent(reader.load(writers.roadmap_id), card_ids)
            loads += 1
    finally:
        report = finish(child)
        reader.close()
    assert report["done"] >= 20, report
    assert loads >= 20
    assert_consistent(writers.b.load(writers.roadmap_id), card_ids)
