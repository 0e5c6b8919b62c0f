"""Outcome, key result, check-in and coaching edits: stored at once, undone exactly."""

from __future__ import annotations

import datetime as dt

from roadmapper.core.records import CheckInFields, KeyResultFields, OutcomeFields
from roadmapper.model.enums import Column, Direction, Indicator, Level
from roadmapper.ui.board.column_model import CARD_ROLE
from roadmapper.ui.editing.editor import Editor
from tests.ui.conftest import without_versions


def stored(editor: Editor):
    return without_versions(editor.document.store.load(editor.document.roadmap_id))


def test_every_kind_of_okr_edit_is_undone_exactly(editor: Editor) -> None:
    start = stored(editor)
    doc = editor.document
    product = next(o for o in doc.snapshot.outcomes if o.level is Level.PRODUCT)
    business = [o for o in doc.snapshot.outcomes if o.level is Level.BUSINESS]
    kr = doc.snapshot.key_results_by_outcome[product.id][0]
    check_in = doc.snapshot.check_ins_by_key_result[kr.id][-1]

    new_id = editor.create_outcome(Level.PRODUCT, "Riders trust the estimate", None, business[0].id)
    assert new_id is not None
    assert editor.edit_outcome(
        product.id, OutcomeFields(Level.PRODUCT, product.objective, "#d55e00", product.parent_id)
    )
    assert editor.move_outcome(product.id, business[-1].id, 0)
    new_kr = editor.create_key_result(
        new_id,
        KeyResultFields(
            "Raise share of quotes accepted",
            Direction.INCREASE,
            Indicator.LEADING,
            "%",
            40,
            tiers=(45, 50),
        ),
    )
    assert new_kr is not None
    assert editor.edit_key_result(
        kr.id,
        KeyResultFields(
            kr.name + " (renamed)",
            kr.direction,
            kr.indicator,
            kr.unit,
            kr.baseline,
            kr.current,
            kr.tiers,
            not kr.guardrail,
        ),
    )
    assert editor.add_check_in(kr.id, CheckInFields(check_in.date + dt.timedelta(days=1), 1.5))
    assert editor.edit_check_in(check_in, CheckInFields(check_in.date, check_in.value + 1))
    assert editor.dismiss("no-guardrail", "outcome", product.id)
    assert editor.delete_key_result(new_kr)
    assert editor.delete_outcome(product.id)
    assert stored(editor) != start

    while editor.undo_stack.canUndo():
        editor.undo()
    assert stored(editor) == start
    # The in-memory document agrees with the database after all that.
    assert without_versions(doc.current_snapshot())[1:4] == start[1:4]


def test_newest_check_in_updates_current_and_the_card_chips(editor: Editor) -> None:
    doc = editor.document
    card_id = next(i for i in doc.column_ids(Column.NOW) if doc.card(i).key_result_ids)
    kr = doc.snapshot.key_result_by_id[doc.card(card_id).key_result_ids[0]]
    from roadmapper.ui.board.column_model import ColumnModel

    model = ColumnModel(editor, Column.NOW)
    row = model.row_of(card_id)
    before = model.index(row).data(CARD_ROLE).chips[0]
    target = kr.tiers[-1]
    assert editor.add_check_in(
        kr.id, CheckInFields(dt.date.today() + dt.timedelta(days=1), target, "hit the top tier", 8)
    )
    assert doc.snapshot.key_result_by_id[kr.id].current == target
    after = model.index(row).data(CARD_ROLE).chips[0]
    assert after.reached == len(kr.tiers) and after.reached > before.reached
    editor.undo()
    assert doc.snapshot.key_result_by_id[kr.id].current == kr.current


def test_invalid_key_result_is_refused_and_nothing_is_stored(editor: Editor, qtbot) -> None:
    doc = editor.document
    kr = doc.snapshot.key_results[0]
    start = stored(editor)
    with qtbot.waitSignal(editor.failed) as failure:
        ok = editor.edit_key_result(
            kr.id, KeyResultFields(kr.name, Direction.INCREASE, kr.indicator, tiers=(3, 2, 1))
        )
    assert not ok
    assert "rise strictly" in failure.args[0]
    assert editor.undo_stack.count() == 0
    assert stored(editor) == start


def test_deleting_an_outcome_unlinks_cards_on_the_board(editor: Editor) -> None:
    doc = editor.document
    card_id = next(i for i in doc.column_ids(Column.NOW) if doc.card(i).outcome_id)
    outcome_id = doc.card(card_id).outcome_id
    assert outcome_id is not None
    editor.delete_outcome(outcome_id)
    assert doc.card(card_id).outcome_id is None and doc.card(card_id).key_result_ids == ()
    editor.undo()
    assert doc.card(card_id).outcome_id == outcome_id and doc.card(card_id).key_result_ids
