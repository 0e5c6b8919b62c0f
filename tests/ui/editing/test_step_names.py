"""Undo step names quote a title the same way everywhere: one line, at most 40 characters."""

from __future__ import annotations

import dataclasses

from roadmapper.core.records import InitiativeFields, KeyResultFields, OutcomeFields
from roadmapper.core.text import TITLE_IN_STEP
from roadmapper.model.enums import Column, Direction, Indicator, Level
from roadmapper.ui.editing.editor import Editor

LONG = "Fix phantom slots and double-booked repair windows\nacross every region"


def last_step(editor: Editor) -> str:
    return editor.undo_stack.text(editor.undo_stack.index() - 1)


def quoted(step: str) -> str:
    return step[step.index("“") + 1 : step.rindex("”")]


def test_every_kind_of_step_shortens_with_an_ellipsis(editor: Editor) -> None:
    card = editor.create(InitiativeFields(LONG), Column.NEXT)
    assert card is not None
    outcome = editor.create_outcome(Level.BUSINESS, LONG)
    assert outcome is not None
    kr = editor.create_key_result(
        outcome, KeyResultFields(LONG, Direction.INCREASE, Indicator.LAGGING)
    )
    assert kr is not None
    editor.edit_with_column(card, InitiativeFields(LONG + " (v2)"), Column.NOW)
    now = OutcomeFields.of(editor.document.snapshot.outcome_by_id[outcome])
    editor.edit_outcome(outcome, dataclasses.replace(now, color="#cc79a7"))
    names = [editor.undo_stack.text(i) for i in range(editor.undo_stack.count())]
    assert len(names) == 5
    for name in names:
        shown = quoted(name)
        assert len(shown) == TITLE_IN_STEP and shown.endswith("…"), name
        assert "\n" not in shown
    assert names[-1].startswith("Recolour outcome")


def test_deleting_several_key_results_is_one_step(editor: Editor) -> None:
    outcome = editor.document.snapshot.outcomes[0]
    ids = [k.id for k in editor.document.snapshot.key_results_by_outcome[outcome.id]]
    assert len(ids) >= 2
    before = editor.undo_stack.count()
    assert editor.delete_key_results(ids)
    assert editor.undo_stack.count() == before + 1
    assert last_step(editor) == f"Delete {len(ids)} key results"
    assert not editor.document.snapshot.key_results_by_outcome.get(outcome.id)
    editor.undo()
    assert [k.id for k in editor.document.snapshot.key_results_by_outcome[outcome.id]] == ids
