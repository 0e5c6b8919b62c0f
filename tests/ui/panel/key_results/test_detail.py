"""The key result detail: check-ins added, edited and deleted from the panel, and undone."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
)

from roadmapper.core.entities import CheckIn, KeyResult
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.detail import NO_CONFIDENCE_TEXT, KeyResultDetail


def stored_check_ins(editor: Editor, kr_id: int) -> list[CheckIn]:
    """What is stored, without version counters (an undo bumps them)."""
    snapshot = editor.document.store.load(editor.document.roadmap_id)
    return [
        dataclasses.replace(c, version=1) for c in snapshot.check_ins if c.key_result_id == kr_id
    ]


def stored_current(editor: Editor, kr_id: int) -> float | None:
    snapshot = editor.document.store.load(editor.document.roadmap_id)
    return snapshot.key_result_by_id[kr_id].current


def busiest_key_result(editor: Editor) -> KeyResult:
    """The key result with the most check-ins (five in the sample)."""
    by_kr = editor.document.snapshot.check_ins_by_key_result
    kr_id = max(by_kr, key=lambda k: len(by_kr[k]))
    assert len(by_kr[kr_id]) >= 4
    return editor.document.snapshot.key_result_by_id[kr_id]


@pytest.fixture
def detail(editor: Editor, qtbot) -> KeyResultDetail:
    widget = KeyResultDetail(editor)
    qtbot.addWidget(widget)
    widget.resize(400, 800)
    widget.show()
    return widget


def table_texts(detail: KeyResultDetail, column: int) -> list[str]:
    table = detail.table
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_nothing_selected_shows_a_hint(detail: KeyResultDetail) -> None:
    assert detail.hint.isVisible() and not detail.body.isVisible()
    assert "Select a key result" in detail.hint.text()


def test_history_is_newest_first(editor: Editor, detail: KeyResultDetail) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    history = editor.document.snapshot.check_ins_by_key_result[kr.id]
    expected = sorted(history, key=lambda c: (c.date, c.id), reverse=True)
    assert table_texts(detail, 0) == [c.date.isoformat() for c in expected]
    assert detail.title.text() == kr.name
    assert detail.ladder.data is not None and detail.ladder.data.current == kr.current
    assert detail.chart.data is not None and len(detail.chart.data.points) == len(history)


def test_adding_a_check_in_through_the_form(editor: Editor, detail: KeyResultDetail, qtbot) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    before = stored_check_ins(editor, kr.id)
    date_edit = detail.findChild(QDateEdit, "check-in-date")
    value = detail.findChild(QLineEdit, "check-in-value")
    note = detail.findChild(QLineEdit, "check-in-note")
    confidence = detail.findChild(QSpinBox, "check-in-confidence")
    button = detail.findChild(QPushButton, "add-check-in")
    assert date_edit.date() == QDate.currentDate()
    assert confidence.text() == NO_CONFIDENCE_TEXT
    assert not button.isEnabled()

    qtbot.keyClicks(value, "2.35")
    qtbot.keyClicks(note, "Offline & quick-close <b>both</b> live")
    confidence.setFocus()
    confidence.selectAll()  # the number only: prefix and suffix stay
    qtbot.keyClicks(confidence, "7")
    assert confidence.text() == "Confidence 7/10"
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    after = stored_check_ins(editor, kr.id)
    assert len(after) == len(before) + 1
    new = next(c for c in after if c.id not in {b.id for b in before})
    assert (new.date, new.value, new.confidence) == (dt.date.today(), 2.35, 7)
    assert new.note == "Offline & quick-close <b>both</b> live"
    # The newest check-in is the key result's current value, on the ladder too.
    assert stored_current(editor, kr.id) == 2.35
    assert detail.ladder.data is not None and detail.ladder.data.current == 2.35
    assert table_texts(detail, 0)[0] == dt.date.today().isoformat()
    assert table_texts(detail, 1)[0] == "2.35"
    assert table_texts(detail, 3)[0] == new.note  # plain text, tags and all
    assert value.text() == "" and not button.isEnabled()  # ready for the next one

    editor.undo()
    assert stored_check_ins(editor, kr.id) == before
    assert stored_current(editor, kr.id) == kr.current
    assert detail.table.rowCount() == len(before)
    assert detail.ladder.data is not None and detail.ladder.data.current == kr.current


def test_a_value_that_is_not_a_number_stores_nothing(
    editor: Editor, detail: KeyResultDetail, qtbot
) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    before = stored_check_ins(editor, kr.id)
    value = detail.findChild(QLineEdit, "check-in-value")
    button = detail.findChild(QPushButton, "add-check-in")
    qtbot.keyClicks(value, "12,5x")
    # Shown as typed, never silently read as 125.
    assert value.text() == "12,5x"
    assert not button.isEnabled()
    assert detail.inputs.problem.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert stored_check_ins(editor, kr.id) == before
    assert editor.undo_stack.count() == 0
    value.clear()
    qtbot.keyClicks(value, "12.5")
    assert button.isEnabled() and not detail.inputs.problem.isVisible()


def select_row_of(detail: KeyResultDetail, check_in: CheckIn) -> int:
    row = [c.id for c in detail.check_ins()].index(check_in.id)
    detail.table.selectRow(row)
    return row


def test_editing_the_oldest_check_in_into_the_newest_moves_current(
    editor: Editor, detail: KeyResultDetail, qtbot
) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    history = editor.document.snapshot.check_ins_by_key_result[kr.id]  # by date, then id
    oldest, newest = history[0], history[-1]
    row = select_row_of(detail, oldest)
    item = detail.table.item(row, 1)
    detail.table.scrollToItem(item)
    center = detail.table.visualItemRect(item).center()
    # An item view opens an item only when the press of the double click was on it too.
    qtbot.mouseClick(detail.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(detail.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    dialog = detail.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.inputs.value.text() == f"{oldest.value:g}"
    later = newest.date + dt.timedelta(days=1)
    dialog.inputs.date.setDate(QDate(later.year, later.month, later.day))
    dialog.inputs.value.clear()
    qtbot.keyClicks(dialog.inputs.value, "3.25")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert stored_current(editor, kr.id) == 3.25
    assert table_texts(detail, 1)[0] == "3.25"
    assert detail.ladder.data is not None and detail.ladder.data.current == 3.25

    editor.undo()
    assert stored_current(editor, kr.id) == newest.value
    assert stored_check_ins(editor, kr.id) == list(history)


def test_the_edit_dialog_refuses_a_value_that_is_not_a_number(
    editor: Editor, detail: KeyResultDetail, qtbot
) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    detail.table.selectRow(0)
    dialog = detail.edit_selected()
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.inputs.value.clear()
    qtbot.keyClicks(dialog.inputs.value, "abc")
    assert not ok.isEnabled()


def test_deleting_the_newest_check_in_recomputes_current(
    editor: Editor, detail: KeyResultDetail, qtbot
) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    before = stored_check_ins(editor, kr.id)
    newest, runner_up = detail.check_ins()[:2]
    assert newest.value != runner_up.value or newest.date != runner_up.date
    delete = detail.findChild(QToolButton, "delete-check-in")
    assert not delete.isEnabled()  # nothing selected yet
    select_row_of(detail, newest)
    assert delete.isEnabled()
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert newest.id not in {c.id for c in stored_check_ins(editor, kr.id)}
    assert stored_current(editor, kr.id) == runner_up.value
    assert detail.ladder.data is not None and detail.ladder.data.current == runner_up.value
    assert table_texts(detail, 0)[0] == runner_up.date.isoformat()

    editor.undo()
    assert stored_check_ins(editor, kr.id) == before
    assert stored_current(editor, kr.id) == newest.value
    assert detail.check_ins()[0].id == newest.id


def test_delete_key_in_the_table_deletes(editor: Editor, detail: KeyResultDetail, qtbot) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    count = detail.table.rowCount()
    detail.table.setFocus()
    detail.table.selectRow(0)
    qtbot.keyClick(detail.table, Qt.Key.Key_Delete)
    assert len(stored_check_ins(editor, kr.id)) == count - 1


def test_a_deleted_key_result_empties_the_detail(editor: Editor, detail: KeyResultDetail) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    assert editor.delete_key_result(kr.id)
    assert detail.key_result_id is None and detail.hint.isVisible()


def test_a_check_in_dated_after_today_is_refused_with_one_sentence(
    editor: Editor, detail: KeyResultDetail, qtbot
) -> None:
    kr = busiest_key_result(editor)
    detail.inputs.today = lambda: dt.date(2026, 11, 25)
    detail.set_key_result(kr.id)
    before = stored_check_ins(editor, kr.id)
    assert detail.inputs.date.date() == QDate(2026, 11, 25)  # the form starts on "today"
    qtbot.keyClicks(detail.inputs.value, "2.5")
    assert detail.add_button.isEnabled()
    detail.inputs.date.setDate(QDate(2026, 11, 26))
    assert not detail.add_button.isEnabled()
    assert not detail.inputs.problem.isHidden()
    assert detail.inputs.problem.text() == (
        "A check-in records a value already measured, so it cannot be dated after "
        "today (2026-11-25)."
    )
    assert detail.inputs.problem.textFormat() == Qt.TextFormat.PlainText
    assert not detail.add_check_in()
    qtbot.keyClick(detail.inputs.value, Qt.Key.Key_Return)
    assert stored_check_ins(editor, kr.id) == before
    assert editor.undo_stack.count() == 0
    detail.inputs.date.setDate(QDate(2026, 11, 25))  # today itself is fine
    assert detail.add_button.isEnabled() and detail.inputs.problem.isHidden()
    assert detail.add_check_in()
    assert len(stored_check_ins(editor, kr.id)) == len(before) + 1


def test_the_edit_dialog_refuses_a_future_date_too(editor: Editor, detail: KeyResultDetail) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    detail.table.selectRow(0)
    dialog = detail.edit_selected()
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    dialog.inputs.date.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert not ok.isEnabled()
    assert dialog.fields() is None
    assert "cannot be dated after today" in dialog.inputs.problem.text()


def test_the_key_result_buttons_ask_for_an_edit_and_a_delete(
    editor: Editor, detail: KeyResultDetail, qtbot
) -> None:
    kr = busiest_key_result(editor)
    detail.set_key_result(kr.id)
    assert detail.title.text() == kr.name
    with qtbot.waitSignal(detail.edit_key_result_requested) as edit:
        detail.edit_kr_button.click()
    assert edit.args == [kr.id]
    with qtbot.waitSignal(detail.delete_key_result_requested) as delete:
        detail.delete_kr_button.click()
    assert delete.args == [kr.id]
