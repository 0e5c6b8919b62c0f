"""One key result in detail: its check-ins first (record, history), then its ladder and chart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QToolButton,
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
from roadmapper.ui.panel.key_results.elided_label import ElidedLabel
from roadmapper.ui.panel.key_results.painted_views import ChartView, LadderView
from roadmapper.ui.panel.key_results.rows import DIRECTION_WORDS
from roadmapper.ui.widgets.labels import MutedLabel, emphasize, plain_label
from roadmapper.ui.widgets.pictures import paint_scroll_bars_from_pictures
from roadmapper.ui.widgets.viewports import own_viewport

EMPTY_HINT = "Select a key result to see its tiers and record check-ins"
NO_HISTORY = "No check-ins yet: record the first one above."
NO_CONFIDENCE_TEXT = "Confidence —"
HISTORY_ROWS = 8
"""Rows the history shows before it scrolls; fewer check-ins, a shorter table."""


class KeyResultDetail(QWidget):
    """One key result: a form to check in, the history to edit or delete, ladder and chart.

    The name and the key result's own buttons stay on top; the rest scrolls, check-ins first.
    """

    edit_key_result_requested = Signal(int)
    delete_key_result_requested = Signal(int)

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kr-detail")
        self.setAccessibleName("Key result")
        self.editor = editor
        self.key_result_id: int | None = None
        self.edit_dialog: CheckInDialog | None = None
        self.hint = MutedLabel(EMPTY_HINT)
        self.hint.setObjectName("kr-detail-hint")
        self.hint.setContentsMargins(10, 8, 10, 8)
        self.body = QWidget(self)
        self.title = ElidedLabel(max_lines=1, name="kr-name", parent=self.body)
        self.title.set_emphasis(1)
        self.meta = ElidedLabel(max_lines=2, role="muted_text", name="kr-meta")
        self.edit_kr_button = self._tool("Edit…", "edit-key-result", "Edit this key result (Enter)")
        self.delete_kr_button = self._tool(
            "Delete", "delete-key-result", "Delete this key result (Delete); Undo brings it back"
        )
        self.edit_kr_button.clicked.connect(self._edit_key_result)
        self.delete_kr_button.clicked.connect(self._delete_key_result)
        self.content = QWidget()
        self.content.setObjectName("kr-detail-content")
        self.ladder = LadderView(self.content)
        self.chart = ChartView(self.content)
        self.inputs = CheckInInputs(self.content)
        self.add_button = QPushButton("Add check-in", self.content)
        self.add_button.setObjectName("add-check-in")
        self.add_button.setAccessibleName("Add check-in")
        self.add_button.setToolTip("Record this value as the key result's newest check-in")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_check_in)
        self.inputs.validity_changed.connect(self.add_button.setEnabled)
        self.inputs.value.returnPressed.connect(self.add_check_in)
        self.inputs.note.returnPressed.connect(self.add_check_in)
        self.table = CheckInTable(self.content)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.table.edit_requested.connect(self.edit_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.no_history = MutedLabel(NO_HISTORY)
        self.edit_button = self._tool("Edit…", "edit-check-in", "Edit the selected check-in")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = self._tool(
            "Delete",
            "delete-check-in",
            "Delete the selected check-in (Delete); Undo brings it back",
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self._lay_out()
        doc = editor.document
        doc.okrs_changed.connect(self.refresh)
        doc.reset.connect(self.refresh)
        self.refresh()

    def _tool(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(name)
        button.setAccessibleName(f"{text.rstrip('…')} {name.split('-', 1)[1].replace('-', ' ')}")
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def _lay_out(self) -> None:
        # No caption row: the inputs say what they are (placeholder, prefix, tooltip), so the
        # form and the history both fit under the key results on a 768 px screen.
        form = QGridLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(6)
        form.setVerticalSpacing(6)
        confidence = self.inputs.confidence
        confidence.setPrefix("Confidence ")
        confidence.setSuffix("/10")
        confidence.setSpecialValueText(NO_CONFIDENCE_TEXT)
        form.addWidget(self.inputs.date, 0, 0)
        form.addWidget(self.inputs.value, 0, 1)
        form.addWidget(confidence, 0, 2)
        form.addWidget(self.inputs.note, 1, 0, 1, 2)
        form.addWidget(self.add_button, 1, 2)
        form.addWidget(self.inputs.problem, 2, 0, 1, 3)
        form.setColumnStretch(1, 1)
        history_head = QHBoxLayout()
        history_head.addWidget(_section("History"))
        history_head.addStretch(1)
        history_head.addWidget(self.edit_button)
        history_head.addWidget(self.delete_button)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(10, 0, 10, 10)
        content.setSpacing(6)
        content.addLayout(form)
        content.addSpacing(4)
        content.addLayout(history_head)
        content.addWidget(self.no_history)
        content.addWidget(self.table)
        content.addSpacing(4)
        content.addWidget(_section("Progress"))
        content.addWidget(self.meta)
        content.addWidget(self.ladder)
        content.addWidget(self.chart)
        content.addStretch(1)
        scroll = QScrollArea(self.body)
        own_viewport(scroll)
        paint_scroll_bars_from_pictures(scroll)
        scroll.setObjectName("kr-detail-scroll")
        scroll.setAccessibleName("Check-ins and progress")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.content)
        self.scroll_area = scroll
        top = QHBoxLayout()
        top.setContentsMargins(10, 6, 4, 4)
        top.setSpacing(2)
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_kr_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.delete_kr_button, 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addLayout(top)
        body.addWidget(scroll, 1)
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
        value = f"Value in {' '.join(kr.unit.split())}" if kr.unit.strip() else "Value"
        self.inputs.value.setPlaceholderText(f"{value}, e.g. 12.5" if value == "Value" else value)
        self.inputs.value.setToolTip(f"{value}: the key result's value measured on that date")
        self.ladder.set_data(LadderData.of(kr, color), _ladder_description(kr))
        self.chart.set_data(ChartData.of(kr, history, color), _chart_description(kr, history))
        self._fill_table(history)

    def _fill_table(self, history: list[CheckIn]) -> None:
        self.table.show_history(history)
        self.table.fit_rows(HISTORY_ROWS)
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

    def _edit_key_result(self) -> None:
        if self.key_result_id is not None:
            self.edit_key_result_requested.emit(self.key_result_id)

    def _delete_key_result(self) -> None:
        if self.key_result_id is not None:
            self.delete_key_result_requested.emit(self.key_result_id)


def _section(text: str) -> QWidget:
    label = plain_label(text)
    emphasize(label)
    return label


def _meta(kr: KeyResult) -> str:
    parts = [DIRECTION_WORDS[kr.direction], kr.indicator.value]
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
