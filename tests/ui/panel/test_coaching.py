"""The coaching list: findings per outcome or card, dismissed and restored, kept current."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from roadmapper.core import lint as lint_module
from roadmapper.core.entities import Initiative, Outcome
from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.coaching import CoachingList, FindingRow


@pytest.fixture
def panel(editor: Editor, qtbot) -> CoachingList:
    widget = CoachingList(editor)
    qtbot.addWidget(widget)
    widget.resize(400, 600)
    widget.show()
    return widget


def outcome_with_output_kr(editor: Editor) -> tuple[Outcome, int]:
    """The sample's product outcome whose key result names a launch, and that key result."""
    snapshot = editor.document.snapshot
    for outcome in snapshot.outcomes:
        for kr in snapshot.key_results_by_outcome.get(outcome.id, ()):
            if kr.name.startswith("Launch"):
                return outcome, kr.id
    raise AssertionError("the sample has an output key result")


def output_row(panel: CoachingList, kr_id: int) -> FindingRow | None:
    return next(
        (r for r in panel.rows if (r.finding.code, r.finding.subject_id) == ("output-kr", kr_id)),
        None,
    )


def fields_of(card: Initiative, **changes: object) -> InitiativeFields:
    c = card
    fields = InitiativeFields(
        c.title, c.description, c.outcome_id, c.hypothesis, c.result, c.key_result_ids
    )
    return dataclasses.replace(fields, **changes)


def stored_dismissed(editor: Editor) -> frozenset:
    return editor.document.store.load(editor.document.roadmap_id).dismissed


def test_outcome_scope_lists_its_own_and_its_key_results_findings(
    editor: Editor, panel: CoachingList
) -> None:
    outcome, kr_id = outcome_with_output_kr(editor)
    panel.show_for(outcome_id=outcome.id)
    row = output_row(panel, kr_id)
    assert row is not None and row.isVisible()
    assert row.suggestion.text().startswith("So what?")
    assert row.message.textFormat() == Qt.TextFormat.PlainText
    assert row.suggestion.textFormat() == Qt.TextFormat.PlainText
    kr_ids = {k.id for k in editor.document.snapshot.key_results_by_outcome[outcome.id]}
    for finding in panel.findings():
        assert (finding.subject_kind, finding.subject_id in kr_ids | {outcome.id}) in {
            ("outcome", True),
            ("key_result", True),
        }
        if finding.subject_kind == "outcome":
            assert finding.subject_id == outcome.id
    assert not panel.hint.isVisible()
    assert not panel.findChild(QCheckBox, "show-dismissed").isVisible()


def test_dismiss_hides_stores_and_undo_brings_back(
    editor: Editor, panel: CoachingList, qtbot
) -> None:
    outcome, kr_id = outcome_with_output_kr(editor)
    panel.show_for(outcome_id=outcome.id)
    row = output_row(panel, kr_id)
    assert row is not None
    key = ("output-kr", "key_result", kr_id)
    assert key not in stored_dismissed(editor)

    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: output_row(panel, kr_id) is None)
    assert key in stored_dismissed(editor)
    toggle = panel.findChild(QCheckBox, "show-dismissed")
    assert toggle.isVisible() and toggle.text() == "Show dismissed (1)"

    editor.undo()
    qtbot.waitUntil(lambda: output_row(panel, kr_id) is not None)
    assert key not in stored_dismissed(editor)
    assert not toggle.isVisible()

    editor.redo()
    qtbot.waitUntil(lambda: output_row(panel, kr_id) is None)
    toggle.setChecked(True)
    restore = output_row(panel, kr_id)
    assert restore is not None and restore.dismissed and restore.button.text() == "Restore"
    qtbot.mouseClick(restore.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (r := output_row(panel, kr_id)) is not None and not r.dismissed)
    assert key not in stored_dismissed(editor)


def test_findings_follow_an_edit_that_fixes_them(
    editor: Editor, panel: CoachingList, qtbot
) -> None:
    doc = editor.document
    card = next(
        doc.card(i) for i in doc.column_ids(Column.NOW) if not doc.card(i).hypothesis.strip()
    )
    panel.show_for(card_id=card.id)
    assert [f.code for f in panel.findings()] == ["no-hypothesis"]
    hypothesis = "We believe fixing phantom slots will cut no-shows by a point"
    assert editor.edit(card.id, fields_of(card, hypothesis=hypothesis))
    qtbot.waitUntil(lambda: not panel.rows)
    assert panel.findings() == []
    assert panel.hint.isVisible() and "No coaching notes" in panel.hint.text()
    editor.undo()
    qtbot.waitUntil(lambda: [r.finding.code for r in panel.rows] == ["no-hypothesis"])


def test_many_edits_are_linted_once(
    editor: Editor, panel: CoachingList, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = editor.document
    card_id = doc.column_ids(Column.NOW)[0]
    panel.show_for(card_id=card_id)
    calls, whole = [], []
    original = lint_module.lint_initiatives

    def counting_lint(snapshot, cards, *args, **kwargs):
        calls.append([c.id for c in cards])
        return original(snapshot, cards, *args, **kwargs)

    monkeypatch.setattr(lint_module, "lint_initiatives", counting_lint)  # looked up at each use
    monkeypatch.setattr(lint_module, "lint", lambda *a, **k: whole.append(1))
    for n in range(3):
        card = doc.card(card_id)
        assert editor.edit(card_id, fields_of(card, title=f"{card.title} {n}"))
    editor.move([card_id], Column.NEXT, 0)
    assert calls == []  # nothing yet: the refresh waits for the event loop
    qtbot.waitUntil(lambda: len(calls) == 1)
    qtbot.wait(20)
    assert calls == [[card_id]]  # the one card in view, linted once
    assert whole == []  # never the whole roadmap
    assert [f.code for f in panel.findings()] == [
        f.code for f in original(doc.current_snapshot(), [doc.card(card_id)])
    ]


def test_card_scope_and_no_scope(editor: Editor, panel: CoachingList) -> None:
    doc = editor.document
    unlinked = next(c for c in doc.all_cards() if c.outcome_id is None and c.column is Column.NEXT)
    panel.show_for(card_id=unlinked.id)
    assert [f.code for f in panel.findings()] == ["unlinked-initiative"]
    assert all(r.finding.subject_id == unlinked.id for r in panel.rows)
    panel.show_for()
    assert panel.rows == [] and "Select an outcome or a card" in panel.hint.text()


def test_user_text_is_shown_as_typed(editor: Editor, panel: CoachingList, qtbot) -> None:
    doc = editor.document
    card = next(c for c in doc.all_cards() if c.outcome_id is None and c.column is Column.NEXT)
    title = "<b>Bold</b> & <i>brave</i>"
    assert editor.edit(card.id, fields_of(card, title=title))
    panel.show_for(card_id=card.id)
    assert title in panel.rows[0].message.text()
    assert panel.rows[0].message.textFormat() == Qt.TextFormat.PlainText
