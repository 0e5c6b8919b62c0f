"""The key result form: full-width fields, checked as you type; the caller stores the result."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core import okr
from roadmapper.core.errors import InvalidInputError
from roadmapper.core.records import KeyResultFields
from roadmapper.core.text import sentence
from roadmapper.model.enums import Direction, Indicator
from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.panel.key_results.rows import DIRECTION_WORDS, INDICATOR_WORDS
from roadmapper.ui.widgets.labels import MutedLabel, ThemedLabel, plain_label
from roadmapper.ui.widgets.number_input import NumberValidator

NO_NAME = "A key result needs a name."
TIER_GAP = "Fill the tiers from the first one on, without a gap."
GUARDRAIL_TEXT = "Guardrail"
GUARDRAIL_HINT = "A counter-weight, so nobody hits one key result by wrecking another."
TIERS_HINT = "Graded targets, first to ultimate; leave the ones you do not need empty."

Apply = Callable[[KeyResultFields], str | None]
"""Stores the fields; returns the refusal's sentence, or ``None`` when they were stored."""


def invalid_style(edit: QWidget) -> str:
    """The border of an input whose text is refused, in the theme's error colour."""
    error = theme_for_palette(edit.palette()).error
    return f"QLineEdit {{ border: 2px solid {error}; border-radius: 3px; padding: 1px 3px; }}"


def _number_problem(text: str) -> str | None:
    try:
        okr.parse_number(text)
    except InvalidInputError as exc:
        return sentence(str(exc))
    return None


class KeyResultDialog(QDialog):
    """Add or edit one key result. OK stays off while a field is wrong, and the one
    sentence under the fields says which; a refusal of the editor shows there too."""

    def __init__(
        self,
        fields: KeyResultFields,
        apply: Apply,
        *,
        title: str = "Edit key result",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("key-result-dialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.original = fields
        self.apply = apply
        self.name = self._line("kr-name-input", "Name", "e.g. Cut the time a rider needs to book")
        self.unit = self._line("kr-unit-input", "Unit", "e.g. %, EUR, seconds")
        self.direction = QComboBox(self)
        self.direction.setObjectName("kr-direction-input")
        self.direction.setAccessibleName("Direction")
        for value, words in DIRECTION_WORDS.items():
            self.direction.addItem(words, value.value)
        self.direction.setToolTip("Should the metric go up or down?")
        self.baseline = self._line("kr-baseline-input", "Baseline", "empty while unknown")
        self.baseline.setValidator(NumberValidator(self.baseline, allow_empty=True))
        self.baseline.setToolTip("Where the metric started; empty while unknown")
        self.tiers = [
            self._line(f"kr-tier-{n + 1}", f"Tier {n + 1}", "—") for n in range(okr.MAX_TIERS)
        ]
        for n, edit in enumerate(self.tiers):
            last = " (the ultimate target when it is the last one filled)" if n else ""
            edit.setToolTip(f"Tier {n + 1}{last}")
            edit.setValidator(NumberValidator(edit, allow_empty=True))
        self.indicator = QComboBox(self)
        self.indicator.setObjectName("kr-indicator-input")
        self.indicator.setAccessibleName("Indicator")
        for indicator, words in INDICATOR_WORDS.items():
            self.indicator.addItem(words, indicator.value)
        self.guardrail = QCheckBox(GUARDRAIL_TEXT, self)
        self.guardrail.setObjectName("kr-guardrail-input")
        self.guardrail.setAccessibleName("Guardrail")
        self.guardrail.setToolTip(GUARDRAIL_HINT)
        self.problem = ThemedLabel(role="error", parent=self)
        self.problem.setObjectName("kr-form-problem")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.set_fields(fields)
        for edit in (self.name, self.unit, self.baseline, *self.tiers):
            edit.textChanged.connect(self._check)
        self.direction.currentIndexChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(400)

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        for text, widget in (
            ("&Name", self.name),
            ("&Unit", self.unit),
            ("&Direction", self.direction),
            ("&Baseline", self.baseline),
        ):
            form.addRow(plain_label(text, buddy=widget), widget)
        tiers = QHBoxLayout()
        tiers.setSpacing(6)
        for edit in self.tiers:
            edit.setMinimumWidth(56)
            tiers.addWidget(edit, 1)
        tiers_box = QVBoxLayout()
        tiers_box.setSpacing(2)
        tiers_box.addLayout(tiers)
        tiers_box.addWidget(MutedLabel(TIERS_HINT))
        form.addRow(plain_label("&Tiers", buddy=self.tiers[0]), tiers_box)
        form.addRow(plain_label("&Indicator", buddy=self.indicator), self.indicator)
        guard_box = QVBoxLayout()
        guard_box.setSpacing(2)
        guard_box.addWidget(self.guardrail)
        guard_box.addWidget(MutedLabel(GUARDRAIL_HINT))
        form.addRow(plain_label(""), guard_box)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addStretch(1)
        box.addWidget(self.buttons)

    # -- fields ---------------------------------------------------------------

    def set_fields(self, fields: KeyResultFields) -> None:
        self.name.setText(fields.name)
        self.unit.setText(fields.unit)
        self.direction.setCurrentIndex(max(0, self.direction.findData(fields.direction.value)))
        self.baseline.setText("" if fields.baseline is None else okr.format_number(fields.baseline))
        for n, edit in enumerate(self.tiers):
            edit.setText(okr.format_number(fields.tiers[n]) if n < len(fields.tiers) else "")
        self.indicator.setCurrentIndex(max(0, self.indicator.findData(fields.indicator.value)))
        self.guardrail.setChecked(fields.guardrail)

    def problem_text(self) -> str | None:
        """What is wrong with the fields (one sentence), or ``None``; marks the wrong input."""
        problem: str | None = None
        marked: list[QLineEdit] = []
        if not self.name.text().strip():
            problem = NO_NAME
            marked.append(self.name)
        for edit in (self.baseline, *self.tiers):
            wrong = _number_problem(edit.text())
            if wrong:
                problem = problem or wrong
                marked.append(edit)
        if problem is None:
            problem = self._tier_problem()
            if problem is not None:
                marked.extend(e for e in self.tiers if e.text().strip())
        for edit in (self.name, self.baseline, *self.tiers):
            edit.setStyleSheet(invalid_style(edit) if edit in marked else "")
        return problem

    def _tier_problem(self) -> str | None:
        texts = [e.text().strip() for e in self.tiers]
        filled = [bool(t) for t in texts]
        last = max((n for n, f in enumerate(filled) if f), default=-1)
        if not all(filled[: last + 1]):
            return TIER_GAP
        problem = okr.tier_problem(self._direction(), self._tier_values())
        return sentence(problem) if problem else None

    def _direction(self) -> Direction:
        return Direction(self.direction.currentData())

    def _tier_values(self) -> tuple[float, ...]:
        values = (okr.parse_number(e.text()) for e in self.tiers)
        return tuple(v for v in values if v is not None)

    def fields(self) -> KeyResultFields | None:
        """What the form says, or ``None`` while something is wrong."""
        if self.problem_text() is not None:
            return None
        return dataclasses.replace(
            self.original,
            name=self.name.text().strip(),
            unit=self.unit.text().strip(),
            direction=self._direction(),
            baseline=okr.parse_number(self.baseline.text()),
            tiers=self._tier_values(),
            indicator=Indicator(self.indicator.currentData()),
            guardrail=self.guardrail.isChecked(),
        )

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _check(self) -> None:
        problem = self.problem_text()
        self.show_problem(problem or "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(problem is None)

    def accept(self) -> None:
        """QDialog.accept: store through ``apply``; a refusal keeps the dialog open, saying why."""
        fields = self.fields()
        if fields is None:
            return
        refusal = self.apply(fields)
        if refusal:
            self.show_problem(refusal)
            return
        super().accept()
