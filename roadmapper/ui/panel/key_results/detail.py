"""One key result in detail: its tier ladder, its check-in chart and history, new check-ins."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core import okr
from roadmapper.core.entities import CheckIn, KeyResult
from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.core.records import CheckInFields
from roadmapper.render.chart import ChartData
from roadmapper.render.ladder import LadderData
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.check_ins.form import CheckInDialog, CheckInInputs
from roadmapper.ui.panel.check_ins.history import CheckInTable
from roadmapper.ui.panel.key_results.painted_views import ChartView, LadderView
from roadmapper.ui.widgets.labels import MutedLabel, emphasize, plain_label

EMPTY_HINT = "Select a key result to see its tiers and record check-ins"
NO_HISTORY = "No check-ins yet: record the first one above."


class KeyResultDetail(QWidget):
    """One key result: ladder, chart, a form to check in, and the history to edit or delete."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kr-detail")
        self.setAccessibleName("Key result")
        self.editor = editor
        self.key_result_id: int | None = None
        self.edit_dialog: CheckInDialog | None = None
        self.hint = MutedLabel(EMPTY_HINT)
        self.hint.setObjectName("kr-detail-hint")
        self.body = QWidget(self)
        self.title = plain_label(wrap=True, name="kr-name")
        emphasize(self.title, 1)
        self.meta = MutedLabel()
        self.meta.setObjectName("kr-meta")
        self.ladder = LadderView(self.body)
        self.chart = ChartView(self.body)
        self.inputs = CheckInInputs(self.body)
        self.add_button = QPushButton("Add check-in", self.body)
        self.add_button.setObjectName("add-check-in")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_check_in)
        self.inputs.validity_changed.connect(self.add_button.setEnabled)
        self.inputs.value.returnPressed.connect(self.add_check_in)
        self.inputs.note.returnPressed.connect(self.add_check_in)
        self.table = CheckInTable(self)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.table.edit_requested.connect(self.edit_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.no_history = MutedLabel(NO_HISTORY)
        self.edit_button = QPushButton("Edit…", self.body)
        self.edit_button.setObjectName("edit-check-in")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete", self.body)
        self.delete_button.setObjectName("delete-check-in")
        self.delete_button.setToolTip("Delete the selected check-in (Delete); Undo brings it back")
        self.delete_button.clicked.connect(self.delete_selected)
        self._lay_out()
        doc = editor.document
        doc.okrs_changed.connect(self.refresh)
        doc.reset.connect(self.refresh)
        self.refresh()

    def _lay_out(self) -> None:
        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(6)
        form.setVerticalSpacing(2)
        self.value_label = MutedLabel("Value", wrap=False)
        for column, (label, widget) in enumerate(
            (
                (MutedLabel("Date", wrap=False), self.inputs.date),
                (self.value_label, self.inputs.value),
                (MutedLabel("Confidence", wrap=False), self.inputs.confidence),
            )
        ):
            label.setBuddy(widget)
            form.addWidget(label, 0, column)
            form.addWidget(widget, 1, column)
        form.addWidget(self.inputs.note, 2, 0, 1, 2)
        form.addWidget(self.add_button, 2, 2)
        form.addWidget(self.inputs.problem, 3, 0, 1, 3)
        form.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        body.addWidget(self.title)
        body.addWidget(self.meta)
        body.addWidget(self.ladder)
        body.addWidget(self.chart)
        body.addSpacing(4)
        body.addWidget(_section("Record a check-in"))
        body.addLayout(form)
        body.addSpacing(4)
        body.addWidget(_section("History"))
        body.addWidget(self.no_history)
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.hint)
        box.addWidget(self.body, 1)

    # -- reading ------------------------------------------------------------

    def key_result(self) -> KeyResult | None:
        if self.key_result_id is None:
            return None
        return self.editor.document.snapshot.key_result_by_id.get(self.key_result_id)

    def check_ins(self) -> list[CheckIn]:
        """The key result's check-ins as the table shows them: newest first."""
        if self.key_result_id is None:
            return []
        history = self.editor.document.snapshot.check_ins_by_key_result.get(self.key_result_id, ())
        return sorted(history, key=lambda c: (c.date, c.id), reverse=True)

    def selected_check_in(self) -> CheckIn | None:
        check_in_id = self.table.selected_id()
        return next((c for c in self.check_ins() if c.id == check_in_id), None)

    # -- showing ------------------------------------------------------------

    def set_key_result(self, key_result_id: int | None) -> None:
        """Show ``key_result_id``; ``None``: a hint instead. The form starts afresh."""
        if key_result_id != self.key_result_id:
            self.inputs.reset()
        self.key_result_id = key_result_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read the key result and its check-ins from the document's snapshot."""
        kr = self.key_result()
        if kr is None:
            self.key_result_id = None
            self.hint.show()
            self.body.hide()
            self.table.setRowCount(0)
            return
        self.hint.hide()
        self.body.show()
        snapshot = self.editor.document.snapshot
        outcome = snapshot.outcome_by_id.get(kr.outcome_id)
        color = outcome.color if outcome is not None else UNLINKED_COLOR
        history = self.check_ins()
        self.title.setText(kr.name)
        self.meta.setText(_meta(kr))
        self.value_label.setText(f"Value ({kr.unit})" if kr.unit else "Value")
        self.ladder.set_data(LadderData.of(kr, color), _ladder_description(kr))
        self.chart.set_data(ChartData.of(kr, history, color), _chart_description(kr, history))
        self._fill_table(history)

    def _fill_table(self, history: list[CheckIn]) -> None:
        self.table.show_history(history)
        self.table.setVisible(bool(history))
        self.no_history.setVisible(not history)
        self._selection_changed()

    def _selection_changed(self) -> None:
        has = self.selected_check_in() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # -- changing -------------------------------------------------------------

    def add_check_in(self) -> bool:
        """Store the form as a new check-in of the shown key result (one undo step)."""
        fields = self.inputs.fields()
        if self.key_result_id is None or fields is None:
            return False
        if not self.editor.add_check_in(self.key_result_id, fields):
            return False
        self.inputs.reset()
        self.inputs.value.setFocus()
        return True

    def edit_selected(self) -> CheckInDialog | None:
        """Open the edit dialog of the selected check-in (window-modal, not blocking)."""
        check_in = self.selected_check_in()
        kr = self.key_result()
        if check_in is None or kr is None:
            return None
        dialog = CheckInDialog(CheckInFields.of(check_in), kr.unit, self)
        dialog.accepted.connect(lambda: self._apply_edit(check_in, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _apply_edit(self, check_in: CheckIn, dialog: CheckInDialog) -> None:
        fields = dialog.fields()
        if fields is not None:
            self.editor.edit_check_in(check_in, fields)

    def delete_selected(self) -> bool:
        check_in = self.selected_check_in()
        return check_in is not None and self.editor.delete_check_in(check_in)


def _section(text: str) -> QWidget:
    label = plain_label(text)
    emphasize(label)
    return label


def _meta(kr: KeyResult) -> str:
    parts = [f"Should {kr.direction.value}", kr.indicator.value]
    if kr.guardrail:
        parts.append("guardrail")
    if kr.unit:
        parts.append(f"unit: {kr.unit}")
    baseline = (
        "no baseline" if kr.baseline is None else f"baseline {okr.format_number(kr.baseline)}"
    )
    parts.append(baseline)
    return " · ".join(parts)


def _ladder_description(kr: KeyResult) -> str:
    if not kr.tiers:
        return "No target tiers yet."
    score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
    tiers = ", ".join(okr.format_number(t) for t in kr.tiers)
    where = f"Tier {score.tiers_reached} of {score.tier_count}"
    if score.fraction is not None:
        where += f", {round(score.fraction * 100)}% of the way"
    return f"{where}. Current {okr.format_number(kr.current)}; tiers {tiers}."


def _chart_description(kr: KeyResult, history: list[CheckIn]) -> str:
    if not history:
        return "No check-ins yet."
    newest = history[0]
    noun = "check-in" if len(history) == 1 else "check-ins"
    return (
        f"{len(history)} {noun}; the newest, on {newest.date.isoformat()}, "
        f"is {okr.format_number(newest.value)} {kr.unit}".rstrip()
        + "."
    )
