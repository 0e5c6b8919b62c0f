"""The inputs of a check-in (date, value, confidence, note) and the dialog that edits one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.okr import check_in_date_problem, format_number
from roadmapper.core.records import CheckInFields
from roadmapper.core.text import sentence
from roadmapper.ui.widgets.labels import ThemedLabel, plain_label
from roadmapper.ui.widgets.number_input import NumberValidator, typed_number

NO_CONFIDENCE = -1
"""The spin box's special value: confidence left unset."""
DATE_FORMAT = "yyyy-MM-dd"
NOT_A_NUMBER = "Not a number: write it with digits and a dot, like 12.5."
VALUE_PLACEHOLDER = "e.g. 12.5"
NOTE_PLACEHOLDER = "What changed? (optional)"
CONFIDENCE_TIP = (
    "How sure the team is of reaching the ultimate target, from 0 to 10; “—” leaves it unset."
)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class CheckInInputs(QObject):
    """The four input widgets of a check-in; the host lays them out."""

    validity_changed = Signal(bool)
    """Whether the inputs hold a check-in that can be stored."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.today: Callable[[], dt.date] = dt.date.today
        """Today's date (a test sets another): no check-in is dated after it."""
        self.date = QDateEdit(parent)
        self.date.setObjectName("check-in-date")
        self.date.setAccessibleName("Check-in date")
        self.date.setDisplayFormat(DATE_FORMAT)
        self.date.setCalendarPopup(True)
        self.date.setToolTip("The day the value was measured: today or earlier")
        self.value = QLineEdit(parent)
        self.value.setObjectName("check-in-value")
        self.value.setAccessibleName("Value")
        self.value.setPlaceholderText(VALUE_PLACEHOLDER)
        self.value.setValidator(NumberValidator(self.value))
        self.confidence = QSpinBox(parent)
        self.confidence.setObjectName("check-in-confidence")
        self.confidence.setAccessibleName("Confidence, 0 to 10")
        self.confidence.setRange(NO_CONFIDENCE, 10)
        self.confidence.setSpecialValueText("—")
        self.confidence.setToolTip(CONFIDENCE_TIP)
        self.note = QLineEdit(parent)
        self.note.setObjectName("check-in-note")
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText(NOTE_PLACEHOLDER)
        self.problem = ThemedLabel(NOT_A_NUMBER, role="error", parent=parent)
        self.problem.setObjectName("check-in-problem")
        self.problem.hide()
        self.value.textChanged.connect(self._value_changed)
        self.date.dateChanged.connect(lambda _day: self._value_changed(self.value.text()))
        self.reset()

    def date_problem(self) -> str | None:
        """The sentence that refuses the date (one after today), or ``None``."""
        problem = check_in_date_problem(from_qdate(self.date.date()), self.today())
        return sentence(problem) if problem else None

    def is_valid(self) -> bool:
        return self.value.hasAcceptableInput() and self.date_problem() is None

    def fields(self) -> CheckInFields | None:
        """What the inputs say, or ``None`` while the value is not a number or the date is
        after today."""
        value = typed_number(self.value.text()) if self.is_valid() else None
        if value is None:
            return None
        confidence = self.confidence.value()
        return CheckInFields(
            from_qdate(self.date.date()),
            value,
            self.note.text().strip(),
            None if confidence == NO_CONFIDENCE else confidence,
        )

    def set_fields(self, fields: CheckInFields) -> None:
        self.date.setDate(to_qdate(fields.date))
        self.value.setText(format_number(fields.value))
        self.note.setText(fields.note)
        confidence = fields.confidence
        self.confidence.setValue(NO_CONFIDENCE if confidence is None else confidence)

    def reset(self) -> None:
        """Empty inputs dated today (the day may have changed since the last check-in)."""
        self.date.setDate(to_qdate(self.today()))
        self.value.clear()
        self.note.clear()
        self.confidence.setValue(NO_CONFIDENCE)
        self._value_changed(self.value.text())

    def _value_changed(self, text: str) -> None:
        valid = self.is_valid()
        # Say what is wrong only once there is something wrong, not in an empty field.
        date_problem = self.date_problem()
        number_wrong = bool(text.strip()) and not self.value.hasAcceptableInput()
        self.problem.setText(date_problem or NOT_A_NUMBER)
        self.problem.setVisible(bool(date_problem) or number_wrong)
        self.validity_changed.emit(valid)


class CheckInDialog(QDialog):
    """Edit one check-in; OK only with a valid number. The caller stores the result."""

    def __init__(
        self, fields: CheckInFields, unit: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("check-in-dialog")
        self.setWindowTitle("Edit check-in")
        self.inputs = CheckInInputs(self)
        self.inputs.set_fields(fields)
        form = QFormLayout()
        value = f"Value ({unit})" if unit else "Value"  # the unit is user text: plain labels
        for text, widget in (
            ("Date", self.inputs.date),
            (value, self.inputs.value),
            ("", self.inputs.problem),
            ("Confidence", self.inputs.confidence),
            ("Note", self.inputs.note),
        ):
            # No buddy for the unit's label: an "&" in it must stay an "&".
            buddy = widget if text and text is not value else None
            form.addRow(plain_label(text, buddy=buddy), widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.buttons)
        self.inputs.validity_changed.connect(self._validity_changed)
        self._validity_changed(self.inputs.is_valid())
        self.setMinimumWidth(340)

    def _validity_changed(self, valid: bool) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(valid)

    def fields(self) -> CheckInFields | None:
        return self.inputs.fields()
