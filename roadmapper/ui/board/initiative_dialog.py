"""The New/Edit initiative dialog: what the work is, where it sits and which outcome it moves."""

from __future__ import annotations

from itertools import pairwise
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import Initiative, KeyResult, RoadmapSnapshot
from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.core.records import MAX_TITLE, InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.ui.widgets.icons import swatch
from roadmapper.ui.widgets.labels import plain_label
from roadmapper.ui.widgets.plain_text import plain_tip

TITLE_PLACEHOLDER = "e.g. Bulk CSV upload for price lists"
DESCRIPTION_PLACEHOLDER = "What will the team deliver, and for whom?"
HYPOTHESIS_PLACEHOLDER = "We believe <output> will <move key result> by <amount>"
RESULT_PLACEHOLDER = "Did the key result move? What did we learn?"
NO_OUTCOME_HINT = (
    "Work tied to no outcome is hard to justify: pick the product outcome it should move."
)
NO_OUTCOME = "No outcome"
SHOW_ALL = "Show &all key results"
NO_KEY_RESULTS = "Pick an outcome to see its key results."
OUTCOME_HAS_NONE = "This outcome has no key results yet."

DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data of the outcome picker: 0 for a business outcome, 1 for a product outcome under it."""

_INDENT = 18
_SWATCH = 12
_W = TypeVar("_W", bound=QWidget)
_Index = QModelIndex | QPersistentModelIndex


class _IndentDelegate(QStyledItemDelegate):
    """Indents product outcomes in the picker's list only, not in the closed combo box."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """Qt: QStyledItemDelegate.paint."""
        indented = QStyleOptionViewItem(option)
        indented.rect = option.rect.adjusted(_indent(index), 0, 0, 0)
        super().paint(painter, indented, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """Qt: QStyledItemDelegate.sizeHint."""
        return super().sizeHint(option, index) + QSize(_indent(index), 0)


def _indent(index: _Index) -> int:
    return int(index.data(DEPTH_ROLE) or 0) * _INDENT


def _named(widget: _W, name: str) -> _W:
    widget.setObjectName(name)
    return widget


def _text_edit(name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    """A plain-text box ``lines`` lines high in which Tab moves on instead of typing a tab."""
    edit = _named(QPlainTextEdit(), name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    frame = edit.contentsMargins().top() + edit.contentsMargins().bottom()
    text = edit.fontMetrics().lineSpacing() * lines + 2 * edit.document().documentMargin()
    edit.setFixedHeight(int(text) + frame)
    return edit


class InitiativeDialog(QDialog):
    """Asks for everything a person types about an initiative; the caller does the writing."""

    def __init__(
        self,
        snapshot: RoadmapSnapshot,
        initiative: Initiative | None = None,
        column: Column = Column.NOW,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self._tree = snapshot.outcome_tree
        # An ordered set: links keep their order, and ticks survive re-filtering the list.
        self._checked: dict[int, None] = dict.fromkeys(
            initiative.key_result_ids if initiative is not None else ()
        )
        self.setWindowTitle("Edit initiative" if initiative is not None else "New initiative")
        self.setMinimumWidth(520)
        self._build(editing=initiative is not None)
        self._prefill(initiative, column)
        self._title_edit.setFocus()

    # -- what the caller reads ----------------------------------------------

    def fields(self) -> InitiativeFields:
        """What the user entered; the result is kept even outside Done, so nothing is lost."""
        outcome_id = self._outcome_combo.currentData()
        return InitiativeFields(
            title=self._title_edit.text().strip(),
            description=self._description_edit.toPlainText(),
            outcome_id=int(outcome_id) if outcome_id is not None else None,
            hypothesis=self._hypothesis_edit.text(),
            result=self._result_edit.toPlainText(),
            key_result_ids=tuple(self._checked),
        )

    def column(self) -> Column:
        return Column(self._column_combo.currentData())

    # -- building -----------------------------------------------------------

    def _build(self, *, editing: bool) -> None:
        self._title_edit = _named(QLineEdit(), "title-edit")
        self._title_edit.setMaxLength(MAX_TITLE)
        self._title_edit.setPlaceholderText(TITLE_PLACEHOLDER)

        self._description_edit = _text_edit("description-edit", DESCRIPTION_PLACEHOLDER, 4)

        self._column_combo = _named(QComboBox(), "column-combo")
        for col in Column:
            self._column_combo.addItem(col.label, col.value)
        self._column_combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self._outcome_combo = _named(QComboBox(), "outcome-combo")
        self._outcome_combo.setIconSize(QSize(_SWATCH, _SWATCH))
        self._outcome_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._outcome_combo.setMinimumContentsLength(30)
        self._outcome_combo.setItemDelegate(_IndentDelegate(self._outcome_combo))
        self._outcome_combo.addItem(swatch(UNLINKED_COLOR), NO_OUTCOME, None)
        for outcome, depth in self._tree:
            self._outcome_combo.addItem(swatch(outcome.color), outcome.objective, outcome.id)
            index = self._outcome_combo.count() - 1
            self._outcome_combo.setItemData(index, depth, DEPTH_ROLE)
            self._outcome_combo.setItemData(
                index, plain_tip(outcome.objective), Qt.ItemDataRole.ToolTipRole
            )

        self._no_outcome_hint = plain_label(NO_OUTCOME_HINT, name="no-outcome-hint")
        self._no_outcome_hint.setWordWrap(True)
        self._no_outcome_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self._kr_list = _named(QListWidget(), "key-results-list")
        self._kr_list.setIconSize(QSize(_SWATCH, _SWATCH))
        # Long objectives elide ("…") instead of growing a sideways scroll bar; see the tooltip.
        self._kr_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._kr_list.setMinimumHeight(self._kr_list.fontMetrics().lineSpacing() * 6)
        self._kr_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._show_all = _named(QCheckBox(SHOW_ALL), "show-all-krs")

        self._hypothesis_edit = _named(QLineEdit(), "hypothesis-edit")
        self._hypothesis_edit.setPlaceholderText(HYPOTHESIS_PLACEHOLDER)

        self._result_edit = _text_edit("result-edit", RESULT_PLACEHOLDER, 3)

        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._ok_button = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_button.setText("Save" if editing else "Create")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(plain_label("&Title:", buddy=self._title_edit), self._title_edit)
        form.addRow(
            plain_label("&Description:", buddy=self._description_edit), self._description_edit
        )
        form.addRow(plain_label("&Column:", buddy=self._column_combo), self._column_combo)
        form.addRow(plain_label("&Outcome:", buddy=self._outcome_combo), self._outcome_combo)
        form.addRow("", self._no_outcome_hint)
        form.addRow(plain_label("&Key results:", buddy=self._kr_list), self._kr_list)
        form.addRow("", self._show_all)
        form.addRow(plain_label("&Hypothesis:", buddy=self._hypothesis_edit), self._hypothesis_edit)
        self._result_label = plain_label("&Result:", buddy=self._result_edit)
        form.addRow(self._result_label, self._result_edit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._buttons)

        chain: tuple[QWidget, ...] = (self._title_edit, self._description_edit, self._column_combo)
        chain += (self._outcome_combo, self._kr_list, self._show_all)
        for first, second in pairwise((*chain, self._hypothesis_edit, self._result_edit)):
            QWidget.setTabOrder(first, second)

        self._title_edit.textChanged.connect(self._update_ok)
        self._column_combo.currentIndexChanged.connect(self._update_result)
        self._outcome_combo.currentIndexChanged.connect(self._outcome_changed)
        self._show_all.toggled.connect(self._refresh_key_results)
        self._kr_list.itemChanged.connect(self._key_result_toggled)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._accept_if_ready)

    def _prefill(self, initiative: Initiative | None, column: Column) -> None:
        if initiative is not None:
            self._title_edit.setText(initiative.title)
            self._description_edit.setPlainText(initiative.description)
            self._hypothesis_edit.setText(initiative.hypothesis)
            self._result_edit.setPlainText(initiative.result)
            column = initiative.column
            if initiative.outcome_id is not None:
                index = self._outcome_combo.findData(initiative.outcome_id)
                self._outcome_combo.setCurrentIndex(max(index, 0))
        self._column_combo.setCurrentIndex(self._column_combo.findData(column.value))
        self._update_ok()
        self._update_result()
        self._outcome_changed()

    # -- reactions ----------------------------------------------------------

    def _update_ok(self) -> None:
        self._ok_button.setEnabled(bool(self._title_edit.text().strip()))

    def _update_result(self) -> None:
        done = self.column() is Column.DONE
        self._result_edit.setEnabled(done)
        self._result_label.setEnabled(done)

    def _outcome_changed(self) -> None:
        self._no_outcome_hint.setVisible(self._outcome_combo.currentData() is None)
        self._refresh_key_results()

    def _accept_if_ready(self) -> None:
        if self._ok_button.isEnabled():
            self.accept()

    def _key_result_toggled(self, item: QListWidgetItem) -> None:
        kr_id = item.data(Qt.ItemDataRole.UserRole)
        if kr_id is None:
            return
        if item.checkState() == Qt.CheckState.Checked:
            self._checked[int(kr_id)] = None
        else:
            self._checked.pop(int(kr_id), None)

    def _refresh_key_results(self) -> None:
        """Show the chosen outcome's key results, every ticked one, or all of them."""
        chosen = self._outcome_combo.currentData()
        show_all = self._show_all.isChecked()
        order = [o.id for o, _ in self._tree]
        if chosen is not None:
            order.remove(chosen)
            order.insert(0, chosen)
        by_outcome = self._snapshot.key_results_by_outcome
        with QSignalBlocker(self._kr_list):
            self._kr_list.clear()
            for outcome_id in order:
                for kr in by_outcome.get(outcome_id, ()):
                    # A ticked link is always shown: a hidden one would be saved unseen.
                    if outcome_id == chosen or show_all or kr.id in self._checked:
                        self._kr_list.addItem(self._kr_item(kr, own=outcome_id == chosen))
            if self._kr_list.count() == 0:
                # A greyed line says why the list is empty rather than leaving a blank box.
                empty = QListWidgetItem(NO_KEY_RESULTS if chosen is None else OUTCOME_HAS_NONE)
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                self._kr_list.addItem(empty)

    def _kr_item(self, kr: KeyResult, *, own: bool) -> QListWidgetItem:
        outcome = self._snapshot.outcome_by_id[kr.outcome_id]
        name = f"{kr.name} (guardrail)" if kr.guardrail else kr.name
        item = QListWidgetItem(name if own else f"{name} · {outcome.objective}")
        item.setIcon(swatch(outcome.color))
        item.setToolTip(plain_tip(f"{kr.name}\n{outcome.objective}"))
        item.setData(Qt.ItemDataRole.UserRole, kr.id)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
        checked = kr.id in self._checked
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item
