"""Two windows on one database: each edits through its own editor, as the window does.

Window A and window B are an ``Editor`` over a ``RoadmapDocument`` each, on two
``Store.open`` of the same database (a SQLite file, then PostgreSQL). A write
one window bases on what it shows, after the other changed that item, is
refused with one sentence naming the item; the window then shows what is
stored, and its undo stack stays where it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from roadmapper.core.records import CheckInFields, InitiativeFields, KeyResultFields, OutcomeFields
from roadmapper.core.text import shorten
from roadmapper.model.enums import Column, Level
from roadmapper.model.tables import INITIATIVE
from roadmapper.store.interchange import import_sample
from roadmapper.store.store import Store
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor


@dataclasses.dataclass
class Window:
    """What a main window holds for editing: its store, document and editor."""

    store: Store
    document: RoadmapDocument
    editor: Editor
    failures: list[str]

    @property
    def index(self) -> int:
        return self.editor.undo_stack.index()


def open_window(db_url: str, roadmap_id: int) -> Window:
    store = Store.open(db_url)
    document = RoadmapDocument(store, roadmap_id)
    editor = Editor(document)
    failures: list[str] = []
    editor.failed.connect(failures.append)
    return Window(store, document, editor, failures)


@pytest.fixture
def windows(qapp, db_url: str) -> Iterator[tuple[Window, Window]]:
    """Windows A and B on the sample roadmap of one new database."""
    setup = Store.open(db_url)
    roadmap_id = import_sample(setup).id
    setup.close()
    a, b = open_window(db_url, roadmap_id), open_window(db_url, roadmap_id)
    yield a, b
    for window in (a, b):
        window.editor.undo_stack.clear()
        window.store.close()


def assert_refusal(message: str, *names: str) -> None:
    """One line, one sentence, naming the item (as either window knew it)."""
    assert "\n" not in message, message
    assert message[:1].isupper() and message.endswith("."), message
    assert message.count(". ") == 0, message
    assert any(f"“{shorten(name)}”" in message for name in names), (message, names)
    assert "Traceback" not in message


def stored_ids(store: Store, roadmap_id: int) -> set[int]:
    return {c.id for c in store.load(roadmap_id).initiatives}


def assert_keys_distinct(store: Store) -> None:
    i = INITIATIVE.c
    with store.engine.connect() as conn:
        shared = conn.execute(
            sa.select(i.roadmap_id, i.board_column, i.rank)
            .group_by(i.roadmap_id, i.board_column, i.rank)
            .having(sa.func.count() > 1)
        ).all()
    assert shared == []


def test_undo_of_an_edit_after_the_other_window_deleted_the_card_is_refused(
    windows: tuple[Window, Window], qtbot, capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    card_id = a.document.column_ids(Column.NOW)[0]
    card = a.document.card(card_id)
    assert a.editor.edit(card_id, dataclasses.replace(InitiativeFields.of(card), title="A's title"))
    assert a.index == 1

    # B learns of A's edit (as its change feed would tell it) and deletes the card.
    b.document.refresh_cards([card_id])
    assert b.document.card(card_id).title == "A's title"
    assert b.editor.delete([card_id])
    assert card_id not in stored_ids(b.store, b.document.roadmap_id)

    with qtbot.waitSignal(a.editor.failed, timeout=2000) as blocker:
        assert a.editor.undo() is False
    (message,) = blocker.args
    assert a.failures == [message]
    assert_refusal(message, "A's title", card.title)
    assert "deleted" in message
    assert a.index == 1
    assert not a.document.has_card(card_id)
    assert card_id not in a.document.column_ids(Column.NOW)
    assert card_id not in {c.id for c in a.document.current_snapshot().initiatives}
    # Nothing was written: the card stays deleted.
    assert card_id not in stored_ids(a.store, a.document.roadmap_id)

    # Asking again is refused again, the same way.
    assert a.editor.undo() is False
    assert len(a.failures) == 2
    assert_refusal(a.failures[1], "A's title", card.title)
    assert a.index == 1
    assert card_id not in stored_ids(a.store, a.document.roadmap_id)

    assert capfd.readouterr().err == ""


def test_stale_edit_after_the_other_windows_title_change_is_refused(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    card_id = a.document.column_ids(Column.NEXT)[1]
    seen = a.document.card(card_id)
    assert b.editor.edit(card_id, dataclasses.replace(InitiativeFields.of(seen), title="B's title"))

    a_fields = dataclasses.replace(InitiativeFields.of(seen), description="A's notes")
    assert a.editor.edit(card_id, a_fields) is False
    (message,) = a.failures
    assert_refusal(message, "B's title", seen.title)
    assert a.index == 0 and a.editor.undo_stack.count() == 0

    stored = a.store.initiatives.get(card_id)
    assert (stored.title, stored.description) == ("B's title", seen.description)
    shown = a.document.card(card_id)
    assert shown == stored  # A now shows B's title
    assert a.document.column_ids(Column.NEXT)[1] == card_id

    # From what it shows now, A's edit goes through and keeps B's title.
    assert a.editor.edit(card_id, dataclasses.replace(InitiativeFields.of(shown), description="A"))
    stored = a.store.initiatives.get(card_id)
    assert (stored.title, stored.description) == ("B's title", "A")
    assert capfd.readouterr().err == ""


def test_undo_and_redo_of_a_delete_around_the_other_windows_new_card(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    roadmap_id = a.document.roadmap_id
    ever_used = max(stored_ids(a.store, roadmap_id))
    b_cards = {}
    for repetition in range(10):
        newest = max(c.id for c in a.document.all_cards())
        record = a.document.card(newest)
        assert a.editor.delete([newest])

        b_id = b.editor.create(InitiativeFields(f"B's card {repetition}"), record.column)
        assert b_id is not None
        assert b_id > ever_used, "an id was used twice"
        ever_used = b_id
        b_cards[b_id] = b.store.initiatives.get(b_id)

        assert a.editor.undo() is True, a.failures
        restored = a.store.initiatives.get(newest)
        assert dataclasses.replace(restored, rank=record.rank) == record
        assert a.document.card(newest) == restored
        assert newest in a.document.column_ids(record.column)
        assert {c.id: c for c in b.store.initiatives.get_many(list(b_cards))} == b_cards
        assert_keys_distinct(a.store)

        assert a.editor.redo() is True, a.failures
        ids = stored_ids(a.store, roadmap_id)
        assert newest not in ids
        assert set(b_cards) <= ids
        assert all(b.store.initiatives.get(i) == c for i, c in b_cards.items())
        assert not a.document.has_card(newest)
    assert a.failures == [] and b.failures == []
    assert capfd.readouterr().err == ""


def test_drops_into_the_same_slot_from_both_windows_both_land(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    roadmap_id = a.document.roadmap_id
    for column, index in ((Column.NEXT, 2), (Column.LATER, 0), (Column.DONE, 3), (Column.NOW, 1)):
        a.document.load(roadmap_id)
        b.document.load(roadmap_id)
        shown = list(a.document.column_ids(column))
        assert shown == b.document.column_ids(column)
        index = min(index, len(shown))
        above = shown[index - 1] if index > 0 else None
        below = shown[index] if index < len(shown) else None
        others = [c.id for c in a.document.all_cards() if c.id not in (above, below)]
        card_a, card_b = others[0], others[-1]
        home_a = a.document.card(card_a).column

        assert a.editor.move([card_a], column, index)
        assert b.editor.move([card_b], column, index)
        assert a.failures == [] and b.failures == []

        landed = [c.id for c in a.store.load(roadmap_id).column(column)]
        rest = [i for i in shown if i not in (card_a, card_b)]
        at = rest.index(below) if below is not None else len(rest)
        assert landed == [*rest[:at], card_b, card_a, *rest[at:]]
        assert_keys_distinct(a.store)
        assert card_a in a.document.column_ids(column)
        assert card_b in b.document.column_ids(column)

        # A takes its drop back; B's card stays where B put it.
        assert a.editor.undo() is True, a.failures
        after = a.store.load(roadmap_id)
        assert a.store.initiatives.get(card_a).column is home_a
        landed = [c.id for c in after.column(column)]
        assert [i for i in landed if i in (above, card_b, below)] == [
            i for i in (above, card_b, below) if i is not None
        ]
        assert_keys_distinct(a.store)
    assert capfd.readouterr().err == ""


def test_outcome_recolour_after_the_other_windows_rename_is_refused(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    outcome = next(o for o in a.document.snapshot.outcomes if o.level is Level.PRODUCT)
    fields = OutcomeFields.of(outcome)
    assert b.editor.edit_outcome(outcome.id, dataclasses.replace(fields, objective="B's name"))

    assert a.editor.edit_outcome(outcome.id, dataclasses.replace(fields, color="#d55e00")) is False
    (message,) = a.failures
    assert_refusal(message, "B's name", outcome.objective)
    assert a.index == 0 and a.editor.undo_stack.count() == 0

    stored = a.store.load(a.document.roadmap_id).outcome_by_id[outcome.id]
    assert (stored.objective, stored.color) == ("B's name", outcome.color)
    assert a.document.snapshot.outcome_by_id[outcome.id] == stored

    # Recolouring what it shows now works, and keeps B's name.
    shown = OutcomeFields.of(a.document.snapshot.outcome_by_id[outcome.id])
    assert a.editor.edit_outcome(outcome.id, dataclasses.replace(shown, color="#d55e00"))
    stored = a.store.load(a.document.roadmap_id).outcome_by_id[outcome.id]
    assert (stored.objective, stored.color) == ("B's name", "#d55e00")
    assert capfd.readouterr().err == ""


def test_key_result_rename_after_the_other_windows_check_in_is_refused(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    snapshot = a.document.snapshot
    kr = next(k for k in snapshot.key_results if snapshot.check_ins_by_key_result.get(k.id))
    newest = snapshot.check_ins_by_key_result[kr.id][-1]
    value = (kr.current or 0.0) + 3.25
    assert b.editor.add_check_in(kr.id, CheckInFields(newest.date + dt.timedelta(days=1), value))

    rename = dataclasses.replace(KeyResultFields.of(kr), name="A's name")
    assert a.editor.edit_key_result(kr.id, rename) is False
    (message,) = a.failures
    assert_refusal(message, kr.name)
    assert a.index == 0 and a.editor.undo_stack.count() == 0

    stored = a.store.load(a.document.roadmap_id)
    assert stored.key_result_by_id[kr.id].name == kr.name
    assert stored.key_result_by_id[kr.id].current == value
    assert stored.check_ins_by_key_result[kr.id][-1].value == value
    # A now shows B's check-in and the current it moved.
    shown = a.document.snapshot
    assert shown.key_result_by_id[kr.id] == stored.key_result_by_id[kr.id]
    assert shown.check_ins_by_key_result[kr.id] == stored.check_ins_by_key_result[kr.id]

    # Renaming from what it shows now keeps B's current.
    again = dataclasses.replace(KeyResultFields.of(shown.key_result_by_id[kr.id]), name="A's name")
    assert a.editor.edit_key_result(kr.id, again)
    renamed = a.store.load(a.document.roadmap_id).key_result_by_id[kr.id]
    assert (renamed.name, renamed.current) == ("A's name", value)
    assert capfd.readouterr().err == ""


def test_stale_check_in_edit_is_refused_and_shows_the_other_windows_value(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    snapshot = a.document.snapshot
    kr = next(k for k in snapshot.key_results if snapshot.check_ins_by_key_result.get(k.id))
    check_in = snapshot.check_ins_by_key_result[kr.id][-1]
    fields = CheckInFields.of(check_in)
    assert b.editor.edit_check_in(check_in, dataclasses.replace(fields, value=check_in.value + 1))

    assert a.editor.edit_check_in(check_in, dataclasses.replace(fields, note="A's note")) is False
    (message,) = a.failures
    assert "\n" not in message and message.endswith(".")
    assert "check-in" in message
    assert a.index == 0
    shown = next(c for c in a.document.snapshot.check_ins if c.id == check_in.id)
    assert (shown.value, shown.note) == (check_in.value + 1, check_in.note)
    assert a.document.snapshot.key_result_by_id[kr.id].current == check_in.value + 1
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("kind", ["initiative", "outcome", "key_result"])
def test_edit_after_the_other_window_deleted_the_item_says_so_in_one_sentence(
    windows: tuple[Window, Window], kind: str, capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    roadmap_id = a.document.roadmap_id
    snapshot = a.document.snapshot
    if kind == "initiative":
        card = a.document.card(a.document.column_ids(Column.LATER)[0])
        name, word, item_id = card.title, "initiative", card.id
        assert b.editor.delete([card.id])
        fields = dataclasses.replace(InitiativeFields.of(card), title="A's title")
        assert a.editor.edit(card.id, fields) is False
        assert not a.document.has_card(card.id)
        assert card.id not in stored_ids(a.store, roadmap_id)
    elif kind == "outcome":
        outcome = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT)
        name, word, item_id = outcome.objective, "outcome", outcome.id
        assert b.editor.delete_outcome(outcome.id)
        recolour = dataclasses.replace(OutcomeFields.of(outcome), color="#d55e00")
        assert a.editor.edit_outcome(outcome.id, recolour) is False
        assert outcome.id not in a.document.snapshot.outcome_by_id
        assert all(c.outcome_id != outcome.id for c in a.document.all_cards())
        assert outcome.id not in a.store.load(roadmap_id).outcome_by_id
    else:
        kr = next(
            k
            for k in snapshot.key_results
            if any(k.id in c.key_result_ids for c in a.document.all_cards())
        )
        name, word, item_id = kr.name, "key result", kr.id
        assert b.editor.delete_key_result(kr.id)
        rename = dataclasses.replace(KeyResultFields.of(kr), name="A's name")
        assert a.editor.edit_key_result(kr.id, rename) is False
        assert kr.id not in a.document.snapshot.key_result_by_id
        assert all(kr.id not in c.key_result_ids for c in a.document.all_cards())
        assert kr.id not in a.store.load(roadmap_id).key_result_by_id
    assert a.index == 0 and a.editor.undo_stack.count() == 0
    (message,) = a.failures
    assert_refusal(message, name)
    # The sentence says which item, and that it was deleted: "The outcome “…” was deleted …".
    assert message.startswith(f"The {word} “{shorten(name)}” was deleted in another window"), (
        message,
        item_id,
    )
    assert capfd.readouterr().err == ""


def test_dialog_ok_with_a_stale_edit_and_a_column_change_saves_nothing(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    """The edit dialog's OK is one step: refused as a whole when its edit is stale."""
    a, b = windows
    card_id = a.document.column_ids(Column.NOW)[0]
    seen = a.document.card(card_id)
    assert b.editor.edit(card_id, dataclasses.replace(InitiativeFields.of(seen), title="B's title"))

    a_fields = dataclasses.replace(InitiativeFields.of(seen), description="A's notes")
    a.editor.edit_with_column(card_id, a_fields, Column.DONE)
    assert len(a.failures) == 1
    assert_refusal(a.failures[0], "B's title", seen.title)
    stored = a.store.initiatives.get(card_id)
    assert stored.description == seen.description
    # "This change was not saved": neither half of it.
    assert stored.column is Column.NOW, "the column change of a refused dialog was saved"
    assert a.index == 0 and a.editor.undo_stack.count() == 0
    assert capfd.readouterr().err == ""


def test_dialog_ok_on_a_card_the_other_window_deleted_is_refused_in_one_sentence(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    a, b = windows
    card_id = a.document.column_ids(Column.NOW)[0]
    seen = a.document.card(card_id)
    assert b.editor.delete([card_id])

    a_fields = dataclasses.replace(InitiativeFields.of(seen), description="A's notes")
    try:
        a.editor.edit_with_column(card_id, a_fields, Column.DONE)
    except Exception as exc:
        pytest.fail(f"the dialog's OK raised {exc!r} instead of one sentence")
    assert len(a.failures) == 1
    assert_refusal(a.failures[0], seen.title)
    assert not a.document.has_card(card_id)
    assert card_id not in stored_ids(a.store, a.document.roadmap_id)
    assert a.index == 0 and a.editor.undo_stack.count() == 0
    assert capfd.readouterr().err == ""


def test_undo_of_an_outcome_delete_keeps_the_other_windows_new_link(
    windows: tuple[Window, Window], capfd: pytest.CaptureFixture[str]
) -> None:
    """A deletes an outcome, B links one of its (now unlinked) cards elsewhere, A undoes."""
    a, b = windows
    snapshot = a.document.snapshot
    outcome = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT)
    other = next(o for o in snapshot.outcomes if o.level is Level.PRODUCT and o.id != outcome.id)
    card_id = next(c.id for c in a.document.all_cards() if c.outcome_id == outcome.id)
    assert a.editor.delete_outcome(outcome.id)

    b.document.reload_okrs([card_id])  # what B's change feed would re-read
    shown = b.document.card(card_id)
    assert shown.outcome_id is None
    relink = dataclasses.replace(InitiativeFields.of(shown), outcome_id=other.id, key_result_ids=())
    assert b.editor.edit(card_id, relink)

    done = a.editor.undo()
    if not done:
        (message,) = a.failures
        assert "\n" not in message
        assert a.index == 1
    assert a.store.initiatives.get(card_id).outcome_id == other.id, (
        "A's undo silently took the card back from the outcome B linked it to"
    )
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    "case",
    ["card after its outcome", "key result after a linked card", "check-in after its key result"],
)
def test_undo_of_a_delete_after_the_other_window_deleted_what_it_refers_to(
    windows: tuple[Window, Window], case: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """Undo puts back what it can, or refuses in one sentence: never an exception."""
    a, b = windows
    snapshot = a.document.snapshot
    if case == "card after its outcome":
        card = next(c for c in a.document.all_cards() if c.outcome_id is not None)
        assert a.editor.delete([card.id])
        assert b.editor.delete_outcome(card.outcome_id)
    elif case == "key result after a linked card":
        kr = next(k for k in snapshot.key_results if a.document.cards_linked_to(k.id))
        card_id = a.document.cards_linked_to(kr.id)[0]
        assert a.editor.delete_key_result(kr.id)
        b.document.refresh_cards([card_id])  # B's change feed shows the card without the link
        assert b.editor.delete([card_id])
    else:
        kr = next(k for k in snapshot.key_results if snapshot.check_ins_by_key_result.get(k.id))
        assert a.editor.delete_check_in(snapshot.check_ins_by_key_result[kr.id][-1])
        b.document.reload_okrs()  # B's change feed shows the key result's new current
        assert b.editor.delete_key_result(kr.id)
    assert a.index == 1

    try:
        done = a.editor.undo()
    except Exception as exc:
        pytest.fail(f"undo raised {type(exc).__name__} instead of refusing in one sentence")
    if done:
        assert a.failures == []
    else:
        (message,) = a.failures
        assert "\n" not in message and message.endswith(".")
        assert a.index == 1
    assert capfd.readouterr().err == ""
