"""The New/Edit outcome dialog and the colour picker that offers the default palette."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QSize, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import Outcome
from roadmapper.core.palette import DEFAULT_PALETTE, is_color
from roadmapper.core.records import OutcomeFields
from roadmapper.model.enums import Level
from roadmapper.ui.widgets.icons import swatch
from roadmapper.ui.widgets.labels import plain_label
from roadmapper.ui.widgets.plain_text import plain_tip

NO_PARENT = "No parent"
DIALOG_WIDTH = 520
"""Wide enough for a sentence on two lines, narrow enough to read; long text wraps."""
OBJECTIVE_LINES = 4
OBJECTIVE_PLACEHOLDER = "e.g. Merchants keep their price lists current"
OBJECTIVE_HINT = "One short, memorable sentence about a change in results or behaviour."


class ObjectiveEdit(QPlainTextEdit):
    """The objective: one sentence, wrapped over a few lines instead of widening the dialog.

    Reads like a ``QLineEdit`` (``text``, ``setText``): line breaks become spaces,
    Enter presses the dialog's default button and Tab moves on.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)
        # Whole lines only: the top margin, the lines, the frame; no sliver of the next line.
        margin = self.document().documentMargin() + 2 * self.frameWidth()
        self.setFixedHeight(round(self.fontMetrics().height() * OBJECTIVE_LINES + margin))

    def text(self) -> str:
        lines = self.toPlainText().splitlines()
        return " ".join(line.strip() for line in lines if line.strip())

    def setText(self, text: str) -> None:
        """Like QLineEdit.setText: replace the whole objective."""
        self.setPlainText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """QPlainTextEdit.keyPressEvent: Enter goes to the dialog, never into the text."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """QPlainTextEdit.insertFromMimeData: pasted lines join into one sentence."""
        lines = source.text().splitlines()
        self.insertPlainText(" ".join(line.strip() for line in lines if line.strip()))


def offer_palette() -> None:
    """Put the colour-blind-safe default palette among the colour dialog's custom colours."""
    for slot, color in enumerate(DEFAULT_PALETTE):
        QColorDialog.setCustomColor(slot, QColor(color))


def choose_color(current: str, parent: QWidget | None, title: str = "Outcome colour") -> str | None:
    """Ask for a colour starting at ``current``; ``#rrggbb``, or ``None`` when cancelled."""
    offer_palette()
    initial = QColor(current if is_color(current) else DEFAULT_PALETTE[0])
    chosen = QColorDialog.getColor(initial, parent, title)
    return chosen.name().lower() if chosen.isValid() else None


class OutcomeDialog(QDialog):
    """Asks for an outcome's objective, level, parent and colour; the caller does the writing."""

    def __init__(
        self,
        fields: OutcomeFields,
        business: Sequence[Outcome],
        parent: QWidget | None = None,
        *,
        title: str = "New outcome",
        level_locked: bool = False,
    ) -> None:
        """``business``: the possible parents; ``level_locked``: it drives product outcomes."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self._color = fields.color

        self.objective_edit = ObjectiveEdit(fields.objective)
        self.objective_edit.setObjectName("outcome-objective")
        self.objective_edit.setPlaceholderText(OBJECTIVE_PLACEHOLDER)
        self.objective_edit.setAccessibleName("Objective")
        self.objective_edit.setToolTip("We will …: " + OBJECTIVE_HINT)
        hint = plain_label(OBJECTIVE_HINT)
        hint.setWordWrap(True)
        hint.setEnabled(False)  # drawn in the disabled (muted) colour

        self.business_radio = QRadioButton("&Business outcome")
        self.business_radio.setToolTip("A company-level result, such as revenue or retention.")
        self.product_radio = QRadioButton("&Product outcome")
        self.product_radio.setToolTip("A change in what customers or users do.")
        self._levels = QButtonGroup(self)
        self._levels.addButton(self.business_radio)
        self._levels.addButton(self.product_radio)
        (self.business_radio if fields.level is Level.BUSINESS else self.product_radio).setChecked(
            True
        )
        if level_locked:
            self.product_radio.setEnabled(False)
            self.product_radio.setToolTip(
                "Product outcomes hang under this one, so it stays a business outcome."
            )
        levels = QHBoxLayout()
        levels.addWidget(self.business_radio)
        levels.addWidget(self.product_radio)
        levels.addStretch(1)

        self.parent_combo = QComboBox()
        self.parent_combo.setObjectName("outcome-parent")
        self.parent_combo.setAccessibleName("Drives")
        # Sized for a short objective, not the longest one: long ones are elided, whole in tips.
        self.parent_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.parent_combo.setMinimumContentsLength(24)
        self.parent_combo.addItem(NO_PARENT, None)
        for outcome in business:
            self.parent_combo.addItem(swatch(outcome.color), outcome.objective, outcome.id)
            self.parent_combo.setItemData(
                self.parent_combo.count() - 1,
                plain_tip(outcome.objective),
                Qt.ItemDataRole.ToolTipRole,
            )
        found = self.parent_combo.findData(fields.parent_id)
        self.parent_combo.currentIndexChanged.connect(self._show_parent)
        self.parent_combo.setCurrentIndex(max(found, 0))
        self._show_parent()

        self.color_button = QPushButton()
        self.color_button.setObjectName("outcome-color")
        self.color_button.setAccessibleName("Colour")
        self.color_button.clicked.connect(self._pick_color)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(plain_label("We &will", buddy=self.objective_edit), self.objective_edit)
        form.addRow("", hint)
        form.addRow(plain_label("Level"), levels)
        form.addRow(plain_label("&Drives", buddy=self.parent_combo), self.parent_combo)
        color_row = QHBoxLayout()
        color_row.addWidget(self.color_button)
        color_row.addStretch(1)
        form.addRow(plain_label("&Colour", buddy=self.color_button), color_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.objective_edit.textChanged.connect(self._update)
        self._levels.buttonToggled.connect(self._update)
        self._show_color()
        self._update()
        self.objective_edit.setFocus()

    def sizeHint(self) -> QSize:
        """QDialog.sizeHint: ``DIALOG_WIDTH`` wide whatever the text; as tall as it needs."""
        hint = super().sizeHint()
        return QSize(max(DIALOG_WIDTH, self.minimumSizeHint().width()), hint.height())

    def _show_parent(self) -> None:
        business = self.parent_combo.currentData()
        text = self.parent_combo.currentText()
        tip = "The business outcome this product outcome drives"
        self.parent_combo.setToolTip(plain_tip(f"{tip}:\n{text}" if business else tip))

    def fields(self) -> OutcomeFields:
        """What the person entered; a business outcome never has a parent."""
        level = Level.PRODUCT if self.product_radio.isChecked() else Level.BUSINESS
        parent_id = self.parent_combo.currentData() if level is Level.PRODUCT else None
        return OutcomeFields(level, self.objective_edit.text().strip(), self._color, parent_id)

    def color(self) -> str:
        return self._color

    def set_color(self, color: str) -> None:
        self._color = color
        self._show_color()

    def _pick_color(self) -> None:
        chosen = choose_color(self._color, self)
        if chosen is not None:
            self.set_color(chosen)

    def _show_color(self) -> None:
        self.color_button.setIcon(swatch(self._color))
        self.color_button.setText(self._color)
        self.color_button.setToolTip("Choose the colour of this outcome's cards")

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.objective_edit.text().strip()))
        self.parent_combo.setEnabled(self.product_radio.isChecked())
