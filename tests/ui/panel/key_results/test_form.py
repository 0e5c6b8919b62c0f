"""The key result form: full-width fields, checked as you type, stored through undo."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from roadmapper.model.enums import Direction, Indicator
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.form import NO_NAME, TIER_GAP, KeyResultDialog, invalid_style
from roadmapper.ui.panel.key_results.panel import GONE, KeyResultPanel
from tests.ui.conftest import without_versions

BOOKING = 3
SHARE, BOOK_TIME = 7, 8  # SHARE: increase, tiers 28 / 34 / 40; BOOK_TIME: decrease


def stored(editor: Editor) -> tuple:
    return without_versions(editor.document.store.load(editor.document.roadmap_id))


def stored_kr(editor: Editor, kr_id: int):
    return editor.document.store.load(editor.document.roadmap_id).key_result_by_id[kr_id]


@pytest.fixture
def panel(qtbot, editor: Editor) -> KeyResultPanel:
    widget = KeyResultPanel(editor)
    qtbot.addWidget(widget)
    widget.resize(420, 360)
    widget.set_outcome(BOOKING)
    widget.show()
    return widget


def open_form(panel: KeyResultPanel, kr_id: int) -> KeyResultDialog:
    dialog = panel.open_edit_dialog(kr_id)
    assert dialog is not None and dialog.isVisible()
    return dialog


def ok_button(dialog: KeyResultDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_form_shows_every_field_in_words(panel: KeyResultPanel) -> None:
    dialog = open_form(panel, BOOK_TIME)
    assert dialog.name.text() == "Cut the time a rider needs to book a repair"
    assert dialog.direction.currentText() == "Lower is better"
    assert [dialog.direction.itemText(i) for i in range(2)] == [
        "Higher is better",
        "Lower is better",
    ]
    assert dialog.baseline.text() == "140"
    assert [t.text() for t in dialog.tiers] == ["120", "100", "80", "", ""]
    assert Indicator(dialog.indicator.currentData()) is Indicator.LEADING
    assert not dialog.guardrail.isChecked()
    for widget in (dialog.name, dialog.unit, dialog.direction, dialog.baseline, *dialog.tiers):
        assert widget.accessibleName()
    assert ok_button(dialog).isEnabled()


def test_editing_through_the_form_is_one_undo_step(editor: Editor, panel: KeyResultPanel) -> None:
    start = stored(editor)
    dialog = open_form(panel, BOOK_TIME)
    dialog.name.setText("Cut booking time on phones")
    dialog.unit.setText("s")
    dialog.baseline.setText("150.5")
    dialog.tiers[3].setText("60")
    dialog.guardrail.setChecked(True)
    dialog.indicator.setCurrentIndex(dialog.indicator.findData(Indicator.LAGGING.value))
    ok_button(dialog).click()
    assert not dialog.isVisible()
    kr = stored_kr(editor, BOOK_TIME)
    assert (kr.name, kr.unit, kr.baseline) == ("Cut booking time on phones", "s", 150.5)
    assert kr.tiers == (120.0, 100.0, 80.0, 60.0)
    assert (kr.guardrail, kr.indicator) == (True, Indicator.LAGGING)
    assert editor.undo_stack.count() == 1
    editor.undo()
    assert stored(editor) == start


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("name", "  ", NO_NAME),
        ("baseline", "12,5", "“12,5” is not a number; write it with digits and a dot, like 12.5."),
        ("tier2", "abc", "“abc” is not a number; write it with digits and a dot, like 12.5."),
        ("tier2", "", TIER_GAP),
        ("tier2", "20", "Tiers of an increasing key result must rise strictly: 20 follows 28."),
    ],
)
def test_a_wrong_field_says_why_and_stores_nothing(
    editor: Editor, panel: KeyResultPanel, field: str, text: str, message: str
) -> None:
    start = stored(editor)
    dialog = open_form(panel, SHARE)
    edit = dialog.tiers[1] if field == "tier2" else getattr(dialog, field)
    edit.setText(text)
    assert dialog.problem.text() == message
    assert dialog.problem.isVisible()
    assert not ok_button(dialog).isEnabled()
    if field != "tier2" or text != "":
        assert edit.styleSheet() == invalid_style(edit)
    dialog.accept()  # as Enter would: refused
    assert dialog.isVisible()
    assert stored(editor) == start and editor.undo_stack.count() == 0


def test_a_direction_that_breaks_the_tiers_is_refused_in_words(
    editor: Editor, panel: KeyResultPanel
) -> None:
    dialog = open_form(panel, SHARE)
    dialog.direction.setCurrentIndex(dialog.direction.findData(Direction.DECREASE.value))
    assert dialog.problem.text() == (
        "Tiers of a decreasing key result must fall strictly: 34 follows 28."
    )
    assert not ok_button(dialog).isEnabled()
    dialog.direction.setCurrentIndex(dialog.direction.findData(Direction.INCREASE.value))
    assert ok_button(dialog).isEnabled() and not dialog.problem.isVisible()


def test_a_refusal_of_the_editor_keeps_the_form_open_with_its_sentence(
    editor: Editor, panel: KeyResultPanel
) -> None:
    to_window: list[str] = []
    editor.failed.connect(to_window.append)
    dialog = open_form(panel, SHARE)
    editor.delete_key_result(SHARE)  # gone under the open form (another writer, say)
    dialog.name.setText("Raise online share")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.problem.text() == GONE
    assert to_window == []
