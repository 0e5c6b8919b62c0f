"""The outcome tree: structure, drops handed to the editor, and the panel's buttons."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QColorDialog, QDialog, QMessageBox

from roadmapper.core.palette import DEFAULT_PALETTE
from roadmapper.core.records import OutcomeFields
from roadmapper.model.enums import Level
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.outcomes.dialog import OutcomeDialog
from roadmapper.ui.panel.outcomes.tree import OUTCOME_ID_ROLE, OutcomeTreeModel, encode_outcome
from roadmapper.ui.panel.outcomes.tree_panel import OutcomeTreePanel
from tests.ui.conftest import shown, without_versions

REVENUE, RETENTION = 1, 2  # the sample's business outcomes
BOOKING, TABLET, PARTS = 3, 4, 5  # product outcomes: booking under revenue, two under retention

might_be_rich_text = QtGui.Qt.mightBeRichText  # how Qt decides to read a tooltip as HTML


def stored(editor: Editor) -> tuple:
    return without_versions(editor.document.store.load(editor.document.roadmap_id))


def tree_of(model: OutcomeTreeModel) -> list[tuple[int, list[int]]]:
    """The model as (top-level id, [child ids]) pairs, read through the Qt API only."""
    result = []
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        children = [
            model.index(r, 0, top).data(OUTCOME_ID_ROLE) for r in range(model.rowCount(top))
        ]
        result.append((top.data(OUTCOME_ID_ROLE), children))
    return result


def drop(model: OutcomeTreeModel, outcome_id: int, row: int, parent: QModelIndex) -> bool:
    """The drag pipeline without a mouse: mimeData of the dragged row, then dropMimeData."""
    data = model.mimeData([model.index_of(outcome_id)])
    action = Qt.DropAction.MoveAction
    if not model.canDropMimeData(data, action, row, 0, parent):
        return False
    return model.dropMimeData(data, action, row, 0, parent)


@pytest.fixture
def model(editor: Editor) -> OutcomeTreeModel:
    return OutcomeTreeModel(editor)


@pytest.fixture
def panel(qtbot, editor: Editor) -> OutcomeTreePanel:
    widget = OutcomeTreePanel(editor)
    qtbot.addWidget(widget)
    widget.resize(400, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_model_is_a_sound_qt_model(qtmodeltester, model: OutcomeTreeModel) -> None:
    qtmodeltester.check(model, force_py=True)


def test_tree_shows_business_outcomes_with_their_product_outcomes(
    model: OutcomeTreeModel,
) -> None:
    assert tree_of(model) == [(REVENUE, [BOOKING]), (RETENTION, [TABLET, PARTS])]
    top = model.index(0, 0)
    assert top.data() == "Grow recurring revenue from independent workshops"
    assert not top.data(Qt.ItemDataRole.DecorationRole).isNull()
    tip = shown(model.tooltip(top))
    assert tip.startswith("Business outcome\nWe will grow recurring revenue")
    assert "• Increase monthly recurring revenue (tier 1 of 3)" in tip
    child = model.index(0, 0, top)
    child_tip = shown(model.tooltip(child))
    assert child_tip.startswith("Product outcome\n")
    assert child_tip.endswith(
        "Drives the business outcome “Grow recurring revenue from independent workshops”."
    )
    assert model.parent(child) == top
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Outcome"


def test_objective_with_markup_stays_plain_text_in_the_tooltip(
    editor: Editor, model: OutcomeTreeModel
) -> None:
    fields = OutcomeFields.of(editor.document.snapshot.outcome_by_id[REVENUE])
    editor.edit_outcome(REVENUE, OutcomeFields(fields.level, "<b>Grow</b>", fields.color, None))
    tip = model.tooltip(model.index_of(REVENUE))
    assert "We will <b>Grow</b> as measured by:" in shown(tip)  # what the tooltip shows
    assert "<b>Grow</b>" not in tip  # escaped, so Qt cannot read it as markup


def test_dropping_reorders_through_the_editor_and_undo_restores(
    editor: Editor, model: OutcomeTreeModel
) -> None:
    start = stored(editor)
    assert drop(model, PARTS, 0, model.index_of(RETENTION))
    assert tree_of(model)[1] == (RETENTION, [PARTS, TABLET])
    assert stored(editor) != start
    assert editor.undo_stack.count() == 1
    editor.undo()
    assert tree_of(model)[1] == (RETENTION, [TABLET, PARTS])
    assert stored(editor) == start


def test_dropping_below_itself_counts_without_the_dragged_row(
    editor: Editor, model: OutcomeTreeModel
) -> None:
    # Row 1 at the top level is right below REVENUE itself: no move at all.
    assert not drop(model, REVENUE, 1, QModelIndex())
    assert editor.undo_stack.count() == 0
    assert drop(model, BOOKING, -1, model.index_of(RETENTION))
    assert tree_of(model)[1] == (RETENTION, [TABLET, PARTS, BOOKING])
    # Row 2 is between PARTS and BOOKING in the view, which still shows TABLET at row 0.
    assert drop(model, TABLET, 2, model.index_of(RETENTION))
    assert tree_of(model)[1] == (RETENTION, [PARTS, TABLET, BOOKING])
    assert drop(model, REVENUE, -1, QModelIndex())  # dropped past the end of the top level
    assert [t for t, _ in tree_of(model)] == [RETENTION, REVENUE]


def test_dropping_re_parents_a_product_outcome_and_undo_restores(
    editor: Editor, model: OutcomeTreeModel
) -> None:
    start = stored(editor)
    assert drop(model, BOOKING, 1, model.index_of(RETENTION))
    assert tree_of(model) == [(REVENUE, []), (RETENTION, [TABLET, BOOKING, PARTS])]
    assert editor.document.snapshot.outcome_by_id[BOOKING].parent_id == RETENTION
    # Onto a business outcome (row -1): the end of its children.
    assert drop(model, BOOKING, -1, model.index_of(REVENUE))
    assert tree_of(model)[0] == (REVENUE, [BOOKING])
    # To the top level: a product outcome with no parent, between the business outcomes.
    assert drop(model, TABLET, 1, QModelIndex())
    assert tree_of(model) == [(REVENUE, [BOOKING]), (TABLET, []), (RETENTION, [PARTS])]
    assert editor.document.snapshot.outcome_by_id[TABLET].parent_id is None
    while editor.undo_stack.canUndo():
        editor.undo()
    assert tree_of(model) == [(REVENUE, [BOOKING]), (RETENTION, [TABLET, PARTS])]
    assert stored(editor) == start


def test_a_business_outcome_is_refused_under_another_outcome(
    editor: Editor, model: OutcomeTreeModel
) -> None:
    start = stored(editor)
    data = model.mimeData([model.index_of(REVENUE)])
    for parent in (model.index_of(RETENTION), model.index_of(TABLET)):
        assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, parent)
        assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, parent)
    # A product outcome cannot go under a product outcome either.
    product = model.mimeData([model.index_of(PARTS)])
    assert not model.dropMimeData(product, Qt.DropAction.MoveAction, 0, 0, model.index_of(TABLET))
    assert stored(editor) == start
    assert editor.undo_stack.count() == 0
    # The same gesture by another path is refused by the store, with one sentence.
    failures: list[str] = []
    editor.failed.connect(failures.append)
    assert not editor.move_outcome(REVENUE, RETENTION, 0)
    assert failures == ["a business outcome cannot have a parent outcome."]


def test_foreign_or_unknown_payloads_are_refused(model: OutcomeTreeModel) -> None:
    text = QMimeData()
    text.setText("1")
    assert not model.canDropMimeData(text, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    unknown = encode_outcome(999)
    assert not model.dropMimeData(unknown, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def drop_event(tree, dragged: int, pos: QPoint) -> tuple[QDropEvent, QMimeData]:
    """Enter, move and drop at ``pos`` of the viewport, offering what a drag from the tree would."""
    model = tree.model()
    data = model.mimeData([model.index_of(dragged)])
    actions = model.supportedDragActions()
    # With no drag in progress Qt proposes a copy; Shift makes it propose the move that a
    # real drag from the tree proposes, which is what the view must turn into a copy.
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier
    for kind in (QDragEnterEvent, QDragMoveEvent):
        event = kind(pos, actions, data, buttons, mods)
        event.setDropAction(Qt.DropAction.MoveAction)
        QApplication.sendEvent(tree.viewport(), event)
    drop_ = QDropEvent(QPointF(pos), actions, data, buttons, mods)
    drop_.setDropAction(Qt.DropAction.MoveAction)
    QApplication.sendEvent(tree.viewport(), drop_)
    return drop_, data  # the event points at the data: keep both alive


def test_a_real_drop_event_reports_a_copy_so_qt_removes_no_rows(
    editor: Editor, panel: OutcomeTreePanel
) -> None:
    tree = panel.tree
    target = tree.visualRect(panel.model.index_of(TABLET))
    event, _data = drop_event(tree, PARTS, QPoint(target.center().x(), target.top() + 1))
    assert event.proposedAction() == Qt.DropAction.MoveAction
    assert event.isAccepted()
    assert event.dropAction() == Qt.DropAction.CopyAction
    assert tree_of(panel.model)[1] == (RETENTION, [PARTS, TABLET])
    assert editor.undo_stack.count() == 1


def test_a_real_drop_of_a_business_outcome_onto_another_is_refused(
    editor: Editor, panel: OutcomeTreePanel
) -> None:
    start = stored(editor)
    target = panel.tree.visualRect(panel.model.index_of(RETENTION))
    event, _data = drop_event(panel.tree, REVENUE, target.center())  # on the row, not between
    assert not event.isAccepted()
    assert stored(editor) == start
    assert editor.undo_stack.count() == 0


def test_selection_survives_resets_and_select_outcome_sends_no_signal(
    qtbot, editor: Editor, panel: OutcomeTreePanel
) -> None:
    with qtbot.waitSignal(panel.outcome_selected) as chosen:
        panel.tree.setCurrentIndex(panel.model.index_of(TABLET))
    assert chosen.args == [TABLET]
    with qtbot.assertNotEmitted(panel.outcome_selected):
        assert drop(panel.model, TABLET, 0, QModelIndex())  # a reset of the model
        panel.select_outcome(PARTS)
        panel.select_outcome(PARTS)
    assert panel.selected_outcome_id() == PARTS
    assert panel.tree.selectionModel().selectedRows()[0].data(OUTCOME_ID_ROLE) == PARTS
    assert panel.tree.isExpanded(panel.model.index_of(RETENTION))
    with qtbot.waitSignal(panel.outcome_selected) as gone:
        editor.delete_outcome(PARTS)
    assert gone.args == [None]
    assert not panel.edit_button.isEnabled()


def accept_with(monkeypatch, change) -> list[OutcomeDialog]:
    """Make OutcomeDialog.exec apply ``change`` to the dialog and press OK."""
    shown: list[OutcomeDialog] = []

    def exec_(dialog: OutcomeDialog) -> int:
        shown.append(dialog)
        change(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OutcomeDialog, "exec", exec_)
    return shown


def test_add_business_and_product_outcomes_from_the_buttons(
    qtbot, monkeypatch, editor: Editor, panel: OutcomeTreePanel
) -> None:
    start = stored(editor)
    shown = accept_with(monkeypatch, lambda d: d.objective_edit.setText("Win back lapsed shops"))
    panel.add_business_button.click()
    new_business = panel.selected_outcome_id()
    assert new_business is not None
    outcome = editor.document.snapshot.outcome_by_id[new_business]
    expected = (Level.BUSINESS, "Win back lapsed shops", None)
    assert (outcome.level, outcome.objective, outcome.parent_id) == expected
    assert outcome.color == DEFAULT_PALETTE[5]  # the first palette colour not yet used
    assert shown[0].windowTitle() == "New business outcome"

    panel.select_outcome(PARTS)  # a product outcome: the new one goes under its parent
    accept_with(monkeypatch, lambda d: d.objective_edit.setText("Shops reorder parts in-app"))
    panel.add_product_button.click()
    new_product = editor.document.snapshot.outcome_by_id[panel.selected_outcome_id()]
    assert (new_product.level, new_product.parent_id) == (Level.PRODUCT, RETENTION)
    assert tree_of(panel.model)[1] == (RETENTION, [TABLET, PARTS, new_product.id])

    editor.undo()
    editor.undo()
    assert stored(editor) == start


def test_cancelled_dialog_changes_nothing(monkeypatch, editor: Editor, panel) -> None:
    monkeypatch.setattr(OutcomeDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    panel.select_outcome(BOOKING)
    assert panel.add_business_outcome() is None
    assert not panel.edit_selected()
    assert editor.undo_stack.count() == 0


def test_edit_from_the_button_and_undo(monkeypatch, editor: Editor, panel) -> None:
    start = stored(editor)
    panel.select_outcome(BOOKING)

    def change(dialog: OutcomeDialog) -> None:
        assert dialog.objective_edit.text() == "Make online booking the way riders book a repair"
        dialog.objective_edit.setText("Riders book repairs online")
        dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(RETENTION))

    accept_with(monkeypatch, change)
    panel.edit_button.click()
    outcome = editor.document.snapshot.outcome_by_id[BOOKING]
    assert (outcome.objective, outcome.parent_id) == ("Riders book repairs online", RETENTION)
    assert panel.selected_outcome_id() == BOOKING
    editor.undo()
    assert stored(editor) == start


def test_recolour_offers_the_palette_and_undo(monkeypatch, editor: Editor, panel) -> None:
    start = stored(editor)
    asked: list[str] = []

    def get_color(initial: QColor, parent=None, title: str = "", *args) -> QColor:
        asked.append(initial.name())
        return QColor("#D55E00")

    monkeypatch.setattr(QColorDialog, "getColor", get_color)
    panel.select_outcome(TABLET)
    panel.color_button.click()
    assert asked == ["#cc79a7"]  # starts at the current colour
    assert [QColorDialog.customColor(i).name() for i in range(6)] == list(DEFAULT_PALETTE)
    assert editor.document.snapshot.outcome_by_id[TABLET].color == "#d55e00"
    assert editor.undo_stack.undoText().startswith("Recolour outcome")
    editor.undo()
    assert stored(editor) == start
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a: QColor())  # cancelled
    assert not panel.recolor_selected()
    assert editor.undo_stack.count() == 1


def test_delete_asks_with_the_count_of_unlinked_initiatives_and_undo(
    monkeypatch, editor: Editor, panel
) -> None:
    start = stored(editor)
    questions: list[str] = []

    def question(parent, title, text, *args) -> QMessageBox.StandardButton:
        questions.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    panel.select_outcome(REVENUE)
    panel.delete_button.click()
    assert stored(editor) == start  # cancelled
    panel.select_outcome(RETENTION)
    panel.delete_button.click()
    revenue, retention = questions
    assert revenue.splitlines()[0] == "Delete this business outcome and its 3 key results?"
    assert "“Grow recurring revenue from independent workshops”" in revenue
    assert "1 initiative will become unlinked (tied to no outcome)." in revenue
    assert "1 product outcome will have no parent." in revenue
    assert "Undo" in revenue and not might_be_rich_text(revenue)
    assert "No initiative is tied to it." in retention
    assert "2 product outcomes will have no parent." in retention

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    panel.select_outcome(BOOKING)
    cards = [c.id for c in editor.document.all_cards() if c.outcome_id == BOOKING]
    assert len(cards) == 5
    panel.delete_button.click()
    assert BOOKING not in editor.document.snapshot.outcome_by_id
    assert all(editor.document.card(i).outcome_id is None for i in cards)
    assert panel.selected_outcome_id() is None
    editor.undo()
    assert stored(editor) == start
    assert panel.model.index_of(BOOKING).isValid()


def test_dialog_needs_an_objective_and_a_parent_only_for_product(qtbot, editor: Editor) -> None:
    business = [o for o in editor.document.snapshot.outcomes if o.level is Level.BUSINESS]
    dialog = OutcomeDialog(OutcomeFields(Level.BUSINESS, "", "#0072b2", None), business)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    assert not dialog.parent_combo.isEnabled()
    qtbot.keyClicks(dialog.objective_edit, "   ")
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.objective_edit, "Grow basket size")
    assert ok.isEnabled()
    dialog.product_radio.setChecked(True)
    assert dialog.parent_combo.isEnabled()
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(RETENTION))
    dialog.set_color("#009e73")
    assert dialog.fields() == OutcomeFields(Level.PRODUCT, "Grow basket size", "#009e73", RETENTION)
    assert dialog.color_button.text() == "#009e73"
    dialog.business_radio.setChecked(True)
    assert dialog.fields().parent_id is None


def test_rows_wrap_to_their_objective_measured_once_per_text_and_width(
    monkeypatch, qtbot, editor: Editor, panel
) -> None:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QStyleOptionViewItem

    tree, model = panel.tree, panel.model
    delegate = tree.wrap_delegate
    measured: list[int] = []
    init = delegate.initStyleOption

    def counted(option, index) -> None:
        measured.append(index.data(OUTCOME_ID_ROLE))
        init(option, index)

    monkeypatch.setattr(delegate, "initStyleOption", counted)

    def height(outcome_id: int) -> int:
        option = QStyleOptionViewItem()
        tree.initViewItemOption(option)  # as the tree asks: in its own font
        return delegate.sizeHint(option, model.index_of(outcome_id)).height()

    delegate.forget_sizes()  # the shown tree has measured its rows already
    short = height(BOOKING)
    assert height(BOOKING) == short and measured == [BOOKING]  # the second time, remembered
    fields = OutcomeFields.of(editor.document.snapshot.outcome_by_id[BOOKING])
    long = "Riders book every repair online, " * 6
    assert editor.edit_outcome(BOOKING, dataclasses.replace(fields, objective=long))
    assert height(BOOKING) > short  # a new objective is measured, and wraps
    bigger = QFont(tree.font())
    bigger.setPixelSize(tree.fontInfo().pixelSize() * 2)
    tree.setFont(bigger)
    measured.clear()
    assert height(RETENTION) > 0 and height(BOOKING) > short and len(measured) == 2


def test_a_row_shows_its_tooltip_when_the_pointer_rests_on_it(qtbot, panel) -> None:
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    tree, model = panel.tree, panel.model
    rect = tree.visualRect(model.index_of(BOOKING))
    at = rect.center()
    event = QHelpEvent(QtGui.QHelpEvent.Type.ToolTip, at, tree.viewport().mapToGlobal(at))
    QApplication.sendEvent(tree.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == model.tooltip(model.index_of(BOOKING))
    assert "Drives the business outcome" in shown(QToolTip.text())
    below = QPoint(at.x(), tree.viewport().height() - 2)  # under the last row: no tooltip
    assert not tree.indexAt(below).isValid()
    QApplication.sendEvent(
        tree.viewport(),
        QHelpEvent(QtGui.QHelpEvent.Type.ToolTip, below, tree.viewport().mapToGlobal(below)),
    )
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
