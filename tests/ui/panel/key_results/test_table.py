"""The key result table: inline edits through the editor, validation as you type, add/delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from roadmapper.model.enums import Direction, Indicator
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.cell_editors import (
    Col,
    invalid_style,
)
from roadmapper.ui.panel.key_results.table import NEW_KEY_RESULT, NO_OUTCOME, KeyResultPanel
from roadmapper.ui.panel.key_results.table_model import KeyResultModel
from tests.ui.conftest import without_versions

REVENUE, BOOKING = 1, 3  # a business and a product outcome of the sample
SHARE, BOOK_TIME, NO_SHOWS = 7, 8, 9  # BOOKING's key results, in order
# SHARE: increase, tiers 28 / 34 / 40; BOOK_TIME: decrease, baseline 140, tiers 120 / 100 / 80


def stored(editor: Editor) -> tuple:
    return without_versions(editor.document.store.load(editor.document.roadmap_id))


def stored_kr(editor: Editor, kr_id: int):
    snapshot = editor.document.store.load(editor.document.roadmap_id)
    return snapshot.key_result_by_id[kr_id]


@pytest.fixture
def panel(qtbot, editor: Editor) -> KeyResultPanel:
    widget = KeyResultPanel(editor)
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.set_outcome(BOOKING)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_editor(panel: KeyResultPanel, kr_id: int, column: Col):
    """Start editing one cell, as a double-click would; the editor widget."""
    index = panel.model.index(panel.model.row_of(kr_id), column)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    widget = panel.table.indexWidget(index)
    assert widget is not None
    return widget, index


def type_and_enter(qtbot, panel: KeyResultPanel, kr_id: int, column: Col, text: str):
    widget, index = open_editor(panel, kr_id, column)
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    widget.del_()
    qtbot.keyClicks(widget, text)
    press_enter(qtbot, widget)
    return widget, index


def press_enter(qtbot, widget: QLineEdit) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits in a queued call


def test_the_model_is_a_sound_qt_model(qtmodeltester, editor: Editor) -> None:
    model = KeyResultModel(editor)
    model.set_outcome(BOOKING)
    qtmodeltester.check(model, force_py=True)


def test_rows_show_one_outcomes_key_results(panel: KeyResultPanel) -> None:
    model = panel.model
    assert model.ids() == [SHARE, BOOK_TIME, NO_SHOWS]
    row = model.row_of(BOOK_TIME)
    cell = {c: model.index(row, c) for c in Col}
    assert cell[Col.NAME].data() == "Cut the time a rider needs to book a repair"
    assert cell[Col.DIRECTION].data() == "↓"
    assert cell[Col.DIRECTION].data(Qt.ItemDataRole.ToolTipRole) == "↓ decrease"
    assert cell[Col.BASELINE].data() == "140"
    assert cell[Col.TIERS].data() == "120 / 100 / 80"
    assert cell[Col.TIERS].data(Qt.ItemDataRole.EditRole) == "120, 100, 80"
    assert cell[Col.INDICATOR].data() == "lead"
    no_shows = model.index(model.row_of(NO_SHOWS), Col.GUARDRAIL)
    assert no_shows.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert panel.header.text() == (
        "We will make online booking the way riders book a repair as measured by:"
    )
    assert panel.header.textFormat() == Qt.TextFormat.PlainText
    panel.set_outcome(None)
    assert model.rowCount() == 0
    assert panel.header.text() == NO_OUTCOME
    assert not panel.add_button.isEnabled()


@pytest.mark.parametrize(
    ("column", "text", "field", "value"),
    [
        (Col.NAME, "Cut booking time on phones", "name", "Cut booking time on phones"),
        (Col.BASELINE, "150.5", "baseline", 150.5),
        (Col.BASELINE, "", "baseline", None),
        (Col.CURRENT, "-20.25", "current", -20.25),
        (Col.TIERS, "130; 110 90", "tiers", (130.0, 110.0, 90.0)),
        (Col.UNIT, "s", "unit", "s"),
    ],
)
def test_inline_edit_is_stored_and_undone(
    qtbot, editor: Editor, panel: KeyResultPanel, column: Col, text: str, field: str, value
) -> None:
    start = stored(editor)
    type_and_enter(qtbot, panel, BOOK_TIME, column, text)
    assert getattr(stored_kr(editor, BOOK_TIME), field) == value
    assert editor.undo_stack.count() == 1
    assert not panel.message.isVisible()
    editor.undo()
    assert stored(editor) == start


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("150, 140", "Tiers of an increasing key result must rise strictly: 140 follows 150."),
        ("1,2,3,4,5,6", "A key result has at most 5 tiers, not 6."),
        ("abc", "“abc” is not a number; write tiers like 130, 140, 150."),
        ("30, nan", "“nan” is not a number; write tiers like 130, 140, 150."),
    ],
)
def test_invalid_tiers_show_why_and_are_never_stored(
    qtbot, editor: Editor, panel: KeyResultPanel, text: str, message: str
) -> None:
    start = stored(editor)
    refusals: list[str] = []
    editor.failed.connect(refusals.append)
    widget, index = type_and_enter(qtbot, panel, SHARE, Col.TIERS, text)
    # Enter did not commit: the editor is still open, red, and says why.
    assert panel.table.indexWidget(index) is widget
    assert widget.styleSheet() == invalid_style(widget)
    assert widget.toolTip() == message
    assert panel.message.isVisible()
    assert panel.message.text() == message
    assert panel.message.textFormat() == Qt.TextFormat.PlainText
    # Even a forced commit (as focus leaving would try) stores nothing.
    panel.table.commitData(widget)
    panel.table.closeEditor(widget, panel.table.delegate.EndEditHint.NoHint)
    assert panel.message.text() == f"Not saved: {message}"
    assert refusals == []  # the text never even reached the editor
    assert stored(editor) == start
    assert editor.undo_stack.count() == 0
    assert index.data() == "28 / 34 / 40"


def test_the_red_frame_goes_once_the_tiers_are_fixed(qtbot, panel: KeyResultPanel) -> None:
    widget, _index = open_editor(panel, SHARE, Col.TIERS)
    widget.setText("40, 30")
    assert widget.styleSheet() == invalid_style(widget)
    widget.setText("30, 40, 50")
    assert widget.styleSheet() == ""
    assert not panel.message.isVisible()


def test_numbers_only_in_baseline(qtbot, editor: Editor, panel: KeyResultPanel) -> None:
    widget, index = open_editor(panel, BOOK_TIME, Col.BASELINE)
    widget.selectAll()
    widget.del_()
    # Keys are kept, never swallowed: "12,5" must not quietly become 125.
    qtbot.keyClicks(widget, "12,5")
    assert widget.text() == "12,5"
    press_enter(qtbot, widget)
    assert panel.table.indexWidget(index) is widget
    expected = "“12,5” is not a number; write it with digits and a dot, like 12.5."
    assert panel.message.text() == expected
    widget.setText("-")
    press_enter(qtbot, widget)
    assert panel.table.indexWidget(index) is widget  # "-" is not a number yet
    assert panel.message.text().startswith("“-” is not a number")
    assert editor.undo_stack.count() == 0


def test_a_direction_that_breaks_the_tiers_is_refused_with_the_editors_sentence(
    qtbot, editor: Editor, panel: KeyResultPanel
) -> None:
    start = stored(editor)
    combo, index = open_editor(panel, SHARE, Col.DIRECTION)
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "increase"
    position = combo.findData("decrease")
    combo.setCurrentIndex(position)
    to_window: list[str] = []
    editor.failed.connect(to_window.append)
    combo.activated.emit(position)
    sentence = "tiers of a decreasing key result must fall strictly: 34 follows 28."
    qtbot.waitUntil(lambda: panel.message.text() == sentence[0].upper() + sentence[1:])
    assert to_window == []  # said once, where the edit was made: no second dialog
    assert stored(editor) == start
    assert editor.undo_stack.count() == 0
    assert index.data() == "↑"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "↑ increase"
    # The model reports the refusal to whoever calls it directly, too.
    assert not panel.model.setData(index, "decrease")


def test_indicator_and_guardrail_edits_are_stored_and_undone(
    editor: Editor, panel: KeyResultPanel
) -> None:
    start = stored(editor)
    model = panel.model
    row = model.row_of(SHARE)
    assert model.setData(model.index(row, Col.INDICATOR), Indicator.LAGGING.value)
    assert model.setData(
        model.index(row, Col.GUARDRAIL), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    kr = stored_kr(editor, SHARE)
    assert (kr.indicator, kr.guardrail) == (Indicator.LAGGING, True)
    assert editor.undo_stack.count() == 2
    editor.undo()
    editor.undo()
    assert stored(editor) == start


def test_add_button_creates_a_key_result_and_starts_typing_its_name(
    qtbot, editor: Editor, panel: KeyResultPanel
) -> None:
    start = stored(editor)
    panel.add_button.click()
    new_id = panel.model.ids()[-1]
    kr = stored_kr(editor, new_id)
    assert (kr.name, kr.direction, kr.indicator) == (
        NEW_KEY_RESULT,
        Direction.INCREASE,
        Indicator.LEADING,
    )
    name = panel.table.indexWidget(panel.model.index(len(panel.model.ids()) - 1, Col.NAME))
    assert isinstance(name, QLineEdit) and name.text() == NEW_KEY_RESULT
    assert panel.selected_key_result_ids() == [new_id]
    qtbot.keyClicks(name, "Raise repeat bookings")  # the name was selected: typing replaces it
    press_enter(qtbot, name)
    assert stored_kr(editor, new_id).name == "Raise repeat bookings"
    editor.undo()
    editor.undo()
    assert stored(editor) == start

    panel.set_outcome(REVENUE)  # a business outcome: its new key results are lagging
    new_id = panel.add_key_result()
    assert stored_kr(editor, new_id).indicator is Indicator.LAGGING


def test_delete_button_deletes_the_selected_key_results_in_one_step(
    editor: Editor, panel: KeyResultPanel
) -> None:
    start = stored(editor)
    assert not panel.delete_button.isEnabled()
    panel.select_key_results([BOOK_TIME])
    assert panel.delete_button.isEnabled()
    panel.delete_button.click()
    assert panel.model.ids() == [SHARE, NO_SHOWS]
    editor.undo()
    assert stored(editor) == start
    assert panel.model.ids() == [SHARE, BOOK_TIME, NO_SHOWS]
    panel.select_key_results([SHARE, NO_SHOWS])
    panel.delete_button.click()
    assert panel.model.ids() == [BOOK_TIME]
    editor.undo()  # the two deletions are one step
    assert stored(editor) == start


def test_select_key_results_selects_their_rows_without_a_signal(
    qtbot, panel: KeyResultPanel
) -> None:
    with qtbot.assertNotEmitted(panel.key_result_selected):
        panel.select_key_results([NO_SHOWS, BOOK_TIME, 1])  # 1 belongs to another outcome
    rows = sorted(i.row() for i in panel.table.selectionModel().selectedRows())
    assert rows == [1, 2]
    assert panel.selected_key_result_ids() == [BOOK_TIME, NO_SHOWS]
    with qtbot.waitSignal(panel.key_result_selected) as chosen:
        panel.table.selectRow(0)
    assert chosen.args == [SHARE]


def test_the_selection_survives_an_edit_of_another_row(
    editor: Editor, panel: KeyResultPanel
) -> None:
    panel.select_key_results([NO_SHOWS])
    panel.model.setData(panel.model.index(0, Col.NAME), "Raise online share")
    assert panel.selected_key_result_ids() == [NO_SHOWS]
    editor.delete_key_result(SHARE)  # rows change: the model resets
    assert panel.selected_key_result_ids() == [NO_SHOWS]
    editor.undo()
    assert panel.selected_key_result_ids() == [NO_SHOWS]
