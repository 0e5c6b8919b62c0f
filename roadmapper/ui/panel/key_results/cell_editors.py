"""Inline editors of the key result table: numbers, tiers and choices, validated as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from roadmapper.core import okr
from roadmapper.core.errors import InvalidInputError
from roadmapper.core.text import sentence
from roadmapper.model.enums import Direction, Indicator
from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.widgets.number_input import NumberValidator

Index = QModelIndex | QPersistentModelIndex

KR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DIRECTION_ROLE = Qt.ItemDataRole.UserRole + 2
"""The row's direction (its value), which the tiers editor checks against."""


DIRECTION_LABELS = {Direction.INCREASE: "↑ increase", Direction.DECREASE: "↓ decrease"}
INDICATOR_LABELS = {Indicator.LEADING: "leading", Indicator.LAGGING: "lagging"}
# In the narrow table; the editors and tooltips use the full words above.
SHORT_DIRECTION = {Direction.INCREASE: "↑", Direction.DECREASE: "↓"}
SHORT_INDICATOR = {Indicator.LEADING: "lead", Indicator.LAGGING: "lag"}


def invalid_style(edit: QWidget) -> str:
    """The border of an input whose text is refused, in the theme's error colour."""
    error = theme_for_palette(edit.palette()).error
    return f"QLineEdit {{ border: 2px solid {error}; border-radius: 3px; padding: 0 2px; }}"


class Col(IntEnum):
    """Columns of the key result table, in screen order."""

    NAME = 0
    UNIT = 1
    DIRECTION = 2
    BASELINE = 3
    CURRENT = 4
    TIERS = 5
    INDICATOR = 6
    GUARDRAIL = 7


HEADERS = {
    Col.NAME: ("Key result", "The metric that should change"),
    Col.UNIT: ("Unit", "e.g. %, EUR, seconds"),
    Col.DIRECTION: ("Dir.", "Direction: should the metric go up (↑) or down (↓)?"),
    Col.BASELINE: ("Base", "Baseline: where the metric started; empty while unknown"),
    Col.CURRENT: ("Now", "Current: its latest value; empty while unknown"),
    Col.TIERS: ("Tiers", "Graded targets, e.g. 130, 140, 150; the last is the ultimate target"),
    Col.INDICATOR: ("Type", "Indicator: leading (moves early) or lagging (company-level)"),
    Col.GUARDRAIL: (
        "Guard",
        "A counter-weight, so nobody hits one key result by wrecking another",
    ),
}


def tiers_text(tiers: Sequence[float]) -> str:
    """Tiers as a person types them: ``130, 140, 150``."""
    return ", ".join(okr.format_number(t) for t in tiers)


def tiers_display(tiers: Sequence[float]) -> str:
    """Tiers as the table shows them: ``130 / 140 / 150``."""
    return " / ".join(okr.format_number(t) for t in tiers)


def problem_of(parse: Callable[[str], object]) -> Callable[[str], str | None]:
    """A check that names what is wrong with a text, or returns ``None``."""

    def check(text: str) -> str | None:
        try:
            parse(text)
        except InvalidInputError as exc:
            return sentence(str(exc))
        return None

    return check


def _name_problem(text: str) -> str | None:
    return None if text.strip() else "A key result needs a name."


class CheckValidator(QValidator):
    """Lets anything be typed, but only text that passes ``check`` counts as acceptable.

    Qt's delegate then refuses to commit on Enter and drops the text on focus out.
    """

    def __init__(self, check: Callable[[str], str | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.check = check

    def validate(self, text: str, pos: int) -> QValidator.State:
        """QValidator.validate."""
        if self.check(text) is None:
            return QValidator.State.Acceptable
        return QValidator.State.Intermediate


class KeyResultDelegate(QStyledItemDelegate):
    """Editors for each column; an invalid text shows why, in red, and is never committed."""

    problem_changed = Signal(str)
    """What is wrong with the text being typed (a sentence), or "" when nothing is."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """QStyledItemDelegate.createEditor."""
        self.problem_changed.emit("")
        column = index.column()
        if column in (Col.DIRECTION, Col.INDICATOR):
            labels = DIRECTION_LABELS if column == Col.DIRECTION else INDICATOR_LABELS
            combo = QComboBox(parent)
            for value, label in labels.items():
                combo.addItem(label, value.value)
            # A choice is a whole edit: store it at once, as a checkbox would.
            combo.activated.connect(lambda _i: self._finish(combo))
            return combo
        edit = QLineEdit(parent)
        edit.setFrame(False)
        if column in (Col.BASELINE, Col.CURRENT):
            edit.setValidator(NumberValidator(edit, allow_empty=True))
            self._watch(edit, problem_of(okr.parse_number))
        elif column == Col.TIERS:
            direction = Direction(index.data(DIRECTION_ROLE))
            edit.setPlaceholderText("e.g. 130, 140, 150")
            check = problem_of(lambda text: okr.parse_tiers(text, direction))
            edit.setValidator(CheckValidator(check, edit))
            self._watch(edit, check)
        elif column == Col.NAME:
            edit.setValidator(CheckValidator(_name_problem, edit))
            self._watch(edit, _name_problem)
        return edit

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _watch(self, edit: QLineEdit, check: Callable[[str], str | None]) -> None:
        def show(text: str) -> None:
            problem = check(text)
            edit.setProperty("problem", problem or "")
            edit.setStyleSheet(invalid_style(edit) if problem else "")
            edit.setToolTip(problem or "")
            self.problem_changed.emit(problem or "")

        edit.textChanged.connect(show)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """QStyledItemDelegate.setEditorData."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        """QStyledItemDelegate.setModelData: only acceptable text ever reaches the model."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            if not editor.hasAcceptableInput():
                return
            if editor.text() != (index.data(Qt.ItemDataRole.EditRole) or ""):
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        """QStyledItemDelegate.destroyEditor: say why a rejected text was not kept."""
        problem = editor.property("problem")
        if problem:
            self.problem_changed.emit(f"Not saved: {problem}")
        super().destroyEditor(editor, index)
