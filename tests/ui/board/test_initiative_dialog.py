"""The New/Edit initiative dialog: defaults, prefill, key-result filtering and plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from roadmapper.core.entities import Initiative, KeyResult, Outcome, Roadmap, RoadmapSnapshot
from roadmapper.core.records import MAX_TITLE, InitiativeFields
from roadmapper.model.enums import Column, Direction, Indicator, Level
from roadmapper.ui.board.initiative_dialog import (
    DEPTH_ROLE,
    HYPOTHESIS_PLACEHOLDER,
    NO_OUTCOME,
    InitiativeDialog,
)

REVENUE = Outcome(10, 1, Level.BUSINESS, "Grow recurring revenue from merchants", "#0072b2")
CURRENT = Outcome(
    11, 1, Level.PRODUCT, "Merchants keep their price lists current", "#e69f00", parent_id=10
)
MRR = KeyResult(100, 10, "Monthly recurring revenue", Direction.INCREASE, Indicator.LAGGING)
UPDATED = KeyResult(101, 11, "Price lists updated weekly", Direction.INCREASE, Indicator.LEADING)
TICKETS = KeyResult(
    102, 11, "Upload support tickets", Direction.DECREASE, Indicator.LEADING, guardrail=True
)
UPLOAD = Initiative(
    1000,
    1,
    "Bulk CSV upload for price lists",
    Column.DONE,
    "a0",
    description="Upload a whole price list at once.\n\nCSV only, for now.",
    outcome_id=11,
    hypothesis="We believe bulk upload will raise weekly updates by 20%",
    result="Weekly updates rose 12%; tickets flat.",
    # Not id order on purpose: the order of links is kept.
    key_result_ids=(102, 101),
)
SNAPSHOT = RoadmapSnapshot(
    Roadmap(1, "Merchants"),
    outcomes=(REVENUE, CURRENT),
    key_results=(MRR, UPDATED, TICKETS),
    initiatives=(UPLOAD,),
)


def make(qtbot: QtBot, *args: object, **kwargs: object) -> InitiativeDialog:
    dialog = InitiativeDialog(SNAPSHOT, *args, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def child(dialog: QWidget, kind: type, name: str) -> QWidget:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def title_edit(dialog: QWidget) -> QLineEdit:
    return child(dialog, QLineEdit, "title-edit")  # type: ignore[return-value]


def outcome_combo(dialog: QWidget) -> QComboBox:
    return child(dialog, QComboBox, "outcome-combo")  # type: ignore[return-value]


def column_combo(dialog: QWidget) -> QComboBox:
    return child(dialog, QComboBox, "column-combo")  # type: ignore[return-value]


def kr_list(dialog: QWidget) -> QListWidget:
    return child(dialog, QListWidget, "key-results-list")  # type: ignore[return-value]


def show_all(dialog: QWidget) -> QCheckBox:
    return child(dialog, QCheckBox, "show-all-krs")  # type: ignore[return-value]


def ok_button(dialog: QWidget) -> QWidget:
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok)


def pick_outcome(dialog: QWidget, outcome_id: int | None) -> None:
    combo = outcome_combo(dialog)
    combo.setCurrentIndex(combo.findData(outcome_id) if outcome_id is not None else 0)


def shown_krs(dialog: QWidget) -> list[int]:
    items = (kr_list(dialog).item(n) for n in range(kr_list(dialog).count()))
    return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.data(Qt.ItemDataRole.UserRole)]


def set_kr_checked(dialog: QWidget, kr_id: int, checked: bool) -> None:
    lst = kr_list(dialog)
    for n in range(lst.count()):
        if lst.item(n).data(Qt.ItemDataRole.UserRole) == kr_id:
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            lst.item(n).setCheckState(state)
            return
    raise AssertionError(f"key result {kr_id} is not shown")


def checked_krs(dialog: QWidget) -> list[int]:
    lst = kr_list(dialog)
    return [
        lst.item(n).data(Qt.ItemDataRole.UserRole)
        for n in range(lst.count())
        if lst.item(n).checkState() == Qt.CheckState.Checked
    ]


def test_new_dialog_defaults_and_ok_needs_a_title(qtbot: QtBot) -> None:
    dialog = make(qtbot, column=Column.NEXT)
    assert dialog.windowTitle() == "New initiative"
    assert dialog.column() is Column.NEXT
    assert dialog.fields() == InitiativeFields(title="")
    assert title_edit(dialog).maxLength() == MAX_TITLE
    assert title_edit(dialog).placeholderText()
    assert outcome_combo(dialog).currentText() == NO_OUTCOME
    assert [column_combo(dialog).itemText(n) for n in range(4)] == ["Now", "Next", "Later", "Done"]
    hint = child(dialog, QLabel, "no-outcome-hint")
    assert hint.isVisibleTo(dialog)
    assert not ok_button(dialog).isEnabled()

    qtbot.keyClicks(title_edit(dialog), "   ")
    assert not ok_button(dialog).isEnabled(), "a blank title must not be accepted"
    qtbot.keyClicks(title_edit(dialog), "Bulk upload")
    assert ok_button(dialog).isEnabled()

    pick_outcome(dialog, CURRENT.id)
    assert not hint.isVisibleTo(dialog)


def test_focus_starts_in_title_and_tab_order_follows_the_form(qtbot: QtBot) -> None:
    dialog = make(qtbot, UPLOAD)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is title_edit(dialog)
    assert dialog.minimumWidth() >= 520

    names, widget = [], title_edit(dialog)
    for _ in range(40):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog):
            names.append(widget.objectName() or type(widget).__name__)
        widget = widget.nextInFocusChain()
        if widget is title_edit(dialog):
            break
    expected = [
        "title-edit",
        "description-edit",
        "column-combo",
        "outcome-combo",
        "key-results-list",
        "show-all-krs",
        "hypothesis-edit",
        "result-edit",
    ]
    assert names[: len(expected)] == expected
    assert set(names[len(expected) :]) == {"QPushButton"}


def test_fields_return_what_was_entered(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(title_edit(dialog), "  Price list reminders  ")
    desc = child(dialog, QPlainTextEdit, "description-edit")
    qtbot.keyClicks(desc, "Email merchants")
    column_combo(dialog).setCurrentIndex(column_combo(dialog).findText("Later"))
    pick_outcome(dialog, CURRENT.id)
    set_kr_checked(dialog, UPDATED.id, True)
    hypothesis = child(dialog, QLineEdit, "hypothesis-edit")
    assert hypothesis.placeholderText() == HYPOTHESIS_PLACEHOLDER
    qtbot.keyClicks(hypothesis, "We believe reminders will lift updates by 10%")

    assert dialog.fields() == InitiativeFields(
        title="Price list reminders",
        description="Email merchants",
        outcome_id=CURRENT.id,
        hypothesis="We believe reminders will lift updates by 10%",
        result="",
        key_result_ids=(UPDATED.id,),
    )
    assert dialog.column() is Column.LATER


def test_ctrl_enter_accepts_only_with_a_title(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    with qtbot.waitActive(dialog):
        dialog.show()
    desc = child(dialog, QPlainTextEdit, "description-edit")
    qtbot.keyClick(desc, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.isVisible()
    assert desc.toPlainText() == "", "the shortcut must not type a newline"

    qtbot.keyClicks(title_edit(dialog), "Bulk upload")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(desc, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_editing_prefills_and_round_trips_unchanged(qtbot: QtBot) -> None:
    dialog = make(qtbot, UPLOAD, column=Column.NOW)
    assert dialog.windowTitle() == "Edit initiative"
    assert title_edit(dialog).text() == UPLOAD.title
    assert outcome_combo(dialog).currentData() == CURRENT.id
    assert dialog.column() is Column.DONE, "an edited initiative keeps its own column"
    assert checked_krs(dialog) == [UPDATED.id, TICKETS.id]
    assert ok_button(dialog).isEnabled()
    assert dialog.fields() == InitiativeFields(
        UPLOAD.title,
        UPLOAD.description,
        UPLOAD.outcome_id,
        UPLOAD.hypothesis,
        UPLOAD.result,
        UPLOAD.key_result_ids,
    )


def test_outcomes_are_grouped_with_products_indented(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    combo = outcome_combo(dialog)
    assert [combo.itemData(n) for n in range(combo.count())] == [None, REVENUE.id, CURRENT.id]
    assert combo.itemText(1) == REVENUE.objective
    assert combo.itemText(2) == CURRENT.objective, "the closed combo shows no indentation"
    assert [combo.itemData(n, DEPTH_ROLE) for n in (1, 2)] == [0, 1]
    assert combo.itemIcon(1).pixmap(8, 8).toImage().pixelColor(4, 4).name() == REVENUE.color
    assert combo.itemIcon(2).pixmap(8, 8).toImage().pixelColor(4, 4).name() == CURRENT.color
    # Only the open list indents product outcomes.
    option, model = QStyleOptionViewItem(), combo.model()
    plain = QStyledItemDelegate()
    for row, indented in ((1, False), (2, True)):
        wide = combo.itemDelegate().sizeHint(option, model.index(row, 0)).width()
        assert (wide > plain.sizeHint(option, model.index(row, 0)).width()) is indented


def test_key_results_filter_by_outcome_and_show_all_reveals_the_rest(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    assert shown_krs(dialog) == []
    pick_outcome(dialog, CURRENT.id)
    assert shown_krs(dialog) == [UPDATED.id, TICKETS.id]
    pick_outcome(dialog, REVENUE.id)
    assert shown_krs(dialog) == [MRR.id]

    show_all(dialog).setChecked(True)
    assert shown_krs(dialog) == [MRR.id, UPDATED.id, TICKETS.id]
    others = [kr_list(dialog).item(n).text() for n in (1, 2)]
    assert all(CURRENT.objective in text for text in others), others
    assert CURRENT.objective not in kr_list(dialog).item(0).text()

    show_all(dialog).setChecked(False)
    assert shown_krs(dialog) == [MRR.id]


def test_checked_key_results_survive_switching_outcome(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    pick_outcome(dialog, CURRENT.id)
    set_kr_checked(dialog, TICKETS.id, True)
    pick_outcome(dialog, REVENUE.id)
    # A ticked link stays in sight, so nothing is saved that the user cannot see.
    assert TICKETS.id in checked_krs(dialog)
    set_kr_checked(dialog, MRR.id, True)
    show_all(dialog).setChecked(True)
    show_all(dialog).setChecked(False)
    pick_outcome(dialog, CURRENT.id)
    assert sorted(checked_krs(dialog)) == [MRR.id, TICKETS.id]
    assert dialog.fields().key_result_ids == (TICKETS.id, MRR.id)

    set_kr_checked(dialog, TICKETS.id, False)
    pick_outcome(dialog, None)
    assert dialog.fields().key_result_ids == (MRR.id,)


@pytest.mark.parametrize(("column", "enabled"), [(c, c is Column.DONE) for c in Column])
def test_result_is_enabled_only_for_done(qtbot: QtBot, column: Column, enabled: bool) -> None:
    dialog = make(qtbot, column=column)
    result = child(dialog, QPlainTextEdit, "result-edit")
    assert result.isEnabled() is enabled
    assert result.placeholderText()
    other = Column.NOW if column is Column.DONE else Column.DONE
    column_combo(dialog).setCurrentIndex(column_combo(dialog).findData(other.value))
    assert result.isEnabled() is not enabled


def test_markup_stays_literal(qtbot: QtBot) -> None:
    outcome = Outcome(12, 1, Level.PRODUCT, "<i>Merchants</i> &amp; more", "#009e73")
    snapshot = RoadmapSnapshot(Roadmap(1, "M"), outcomes=(outcome,))
    dialog = InitiativeDialog(snapshot)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(title_edit(dialog), "<b>bold</b>")
    assert title_edit(dialog).text() == "<b>bold</b>"
    assert dialog.fields().title == "<b>bold</b>"
    assert outcome_combo(dialog).itemText(1) == "<i>Merchants</i> &amp; more"
    labels = dialog.findChildren(QLabel)
    assert labels
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
