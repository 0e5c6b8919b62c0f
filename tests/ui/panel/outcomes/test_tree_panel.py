"""The outcome tree in a narrow dock: compact buttons, a way back to all outcomes, whole text."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QToolButton

from roadmapper.core.entities import Outcome
from roadmapper.core.records import OutcomeFields
from roadmapper.model.enums import Level
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.outcomes.dialog import OutcomeDialog
from roadmapper.ui.panel.outcomes.tree_panel import OutcomeTreePanel
from tests.ui.conftest import shown

REVENUE, RETENTION = 1, 2
BOOKING, TABLET, PARTS = 3, 4, 5

LONG = ("Make booking a repair online the way every rider in town expects to do it, " * 8)[:500]


@pytest.fixture
def panel(qtbot, editor: Editor) -> OutcomeTreePanel:
    widget = OutcomeTreePanel(editor)
    qtbot.addWidget(widget)
    widget.resize(400, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def buttons(panel: OutcomeTreePanel) -> list[QToolButton]:
    return [
        panel.add_business_button,
        panel.add_product_button,
        panel.edit_button,
        panel.color_button,
        panel.delete_button,
    ]


def test_the_buttons_fit_one_row_of_a_400_px_dock(panel: OutcomeTreePanel) -> None:
    row = buttons(panel)
    assert len({b.geometry().top() for b in row}) == 1  # one row, nothing wrapped
    assert max(b.geometry().right() for b in row) < 400
    assert all(b.width() >= b.sizeHint().width() for b in row)  # no text cut
    names = [b.accessibleName() for b in row]
    assert names == [
        "Add business outcome",
        "Add product outcome",
        "Edit outcome",
        "Change outcome colour",
        "Delete outcome",
    ]
    assert all(b.toolTip() for b in [*row, panel.show_all_button])
    assert panel.show_all_button.geometry().right() < 400
    assert panel.show_all_button.accessibleName() == "Show all outcomes"


def test_show_all_clears_the_selection_and_emits_none(qtbot, panel: OutcomeTreePanel) -> None:
    assert not panel.show_all_button.isEnabled()  # all outcomes are shown already
    with qtbot.waitSignal(panel.outcome_selected) as picked:
        panel.tree.setCurrentIndex(panel.model.index_of(TABLET))
    assert picked.args == [TABLET]
    assert panel.show_all_button.isEnabled()
    with qtbot.waitSignal(panel.outcome_selected) as cleared:
        qtbot.mouseClick(panel.show_all_button, Qt.MouseButton.LeftButton)
    assert cleared.args == [None]
    assert panel.tree.selectionModel().selectedRows() == []
    assert panel.selected_outcome_id() is None
    assert not panel.show_all_button.isEnabled()


def test_show_all_after_a_quiet_selection_from_the_board(qtbot, panel: OutcomeTreePanel) -> None:
    panel.select_outcome(PARTS)  # the board showed a card of PARTS: no signal came out
    assert panel.show_all_button.isEnabled()
    emitted: list[object] = []
    panel.outcome_selected.connect(emitted.append)
    panel.show_all_button.click()
    assert emitted == [None]
    assert panel.tree.selectionModel().selectedRows() == []


def test_escape_in_the_tree_shows_all_outcomes(qtbot, panel: OutcomeTreePanel) -> None:
    panel.tree.setFocus()
    panel.tree.setCurrentIndex(panel.model.index_of(BOOKING))
    with qtbot.waitSignal(panel.outcome_selected) as cleared:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Escape)
    assert cleared.args == [None]
    assert panel.tree.selectionModel().selectedRows() == []
    # With nothing selected, Escape is left to the window (a dialog, the dock...).
    event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    with qtbot.assertNotEmitted(panel.outcome_selected):
        QApplication.sendEvent(panel.tree, event)
    assert not event.isAccepted()


def test_every_row_has_its_whole_text_in_a_tooltip(editor: Editor, panel: OutcomeTreePanel) -> None:
    fields = OutcomeFields.of(editor.document.snapshot.outcome_by_id[REVENUE])
    assert editor.edit_outcome(REVENUE, OutcomeFields(fields.level, LONG, fields.color, None))
    snapshot = editor.document.snapshot
    for outcome in snapshot.outcomes:
        tip = shown(panel.model.tooltip(panel.model.index_of(outcome.id)))
        assert outcome.objective[1:] in tip  # "We will" lowers the first letter
        if outcome.level is Level.PRODUCT:
            parent = snapshot.outcome_by_id[outcome.parent_id]
            assert f"Drives the business outcome “{parent.objective}”." in tip
    editor.edit_outcome(
        BOOKING, OutcomeFields(Level.PRODUCT, "Riders book online", "#009e73", None)
    )
    tip = shown(panel.model.tooltip(panel.model.index_of(BOOKING)))
    assert tip.endswith("Drives no business outcome yet.")


def business_with(editor: Editor, objective: str) -> list[Outcome]:
    business = [o for o in editor.document.snapshot.outcomes if o.level is Level.BUSINESS]
    return [dataclasses.replace(business[0], objective=objective), *business[1:]]


def test_the_dialog_stays_narrow_with_long_text(qtbot, editor: Editor) -> None:
    fields = OutcomeFields(Level.PRODUCT, LONG, "#009e73", REVENUE)
    dialog = OutcomeDialog(fields, business_with(editor, LONG), title="Edit outcome")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(LONG) == 500
    assert 480 <= dialog.width() < 600
    assert dialog.height() < 400  # fits a 1366x768 screen with room to spare
    assert dialog.objective_edit.text() == LONG  # whole, wrapped over lines in the field
    assert dialog.objective_edit.width() < dialog.width()
    assert LONG in shown(dialog.parent_combo.itemData(1, Qt.ItemDataRole.ToolTipRole))
    assert LONG in shown(dialog.parent_combo.toolTip())


def test_the_objective_is_one_line_of_text(qtbot, editor: Editor) -> None:
    dialog = OutcomeDialog(OutcomeFields(Level.BUSINESS, "", "#0072b2", None), [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.objective_edit, "Grow basket size")
    qtbot.keyClick(dialog.objective_edit, Qt.Key.Key_Return)  # presses OK, adds no line
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.fields().objective == "Grow basket size"
    dialog.objective_edit.setText("")
    pasted = QMimeData()
    pasted.setText("Grow basket\nsize  \n")
    dialog.objective_edit.insertFromMimeData(pasted)
    assert dialog.objective_edit.text() == "Grow basket size"
