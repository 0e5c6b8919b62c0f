"""The outcome tree with its buttons: add, edit, recolour and delete outcomes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import Outcome
from roadmapper.core.palette import next_color
from roadmapper.core.records import OutcomeFields
from roadmapper.core.text import count
from roadmapper.model.enums import Level
from roadmapper.render.theme import readable_on, theme_for_palette
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.outcomes.dialog import OutcomeDialog, choose_color
from roadmapper.ui.panel.outcomes.tree import OutcomeTree, OutcomeTreeModel
from roadmapper.ui.widgets.flow_layout import FlowLayout
from roadmapper.ui.widgets.modal import modal


class OutcomeTreePanel(QWidget):
    """Outcomes as a tree, with buttons; every change goes through the editor."""

    outcome_selected = Signal(object)
    """The outcome the person selected (an id), or ``None``."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome-tree-panel")
        self.editor = editor
        self.document = editor.document
        self.model = OutcomeTreeModel(editor, self)
        self.tree = OutcomeTree(self.model, self)

        self.add_business_button = self._button(
            "+ Business",
            "add-business-outcome",
            self.add_business_outcome,
            "Add business outcome",
            "Add a business outcome: a company-level result, such as revenue or retention",
        )
        self.add_product_button = self._button(
            "+ Product",
            "add-product-outcome",
            self.add_product_outcome,
            "Add product outcome",
            "Add a product outcome: a change in customer behaviour, under the selected "
            "business outcome",
        )
        self.edit_button = self._button(
            "Edit…", "edit-outcome", self.edit_selected, "Edit outcome", "Edit the selected outcome"
        )
        self.color_button = self._button(
            "Colour…",
            "recolor-outcome",
            self.recolor_selected,
            "Change outcome colour",
            "Choose the colour of the selected outcome's cards",
        )
        self.delete_button = self._button(
            "Delete",
            "delete-outcome",
            self.delete_selected,
            "Delete outcome",
            "Delete the selected outcome; Undo brings it back",
        )
        self.show_all_button = self._button(
            "Show all outcomes",
            "show-all-outcomes",
            self.show_all,
            "Show all outcomes",
            "Clear the selection, so the board shows the cards of every outcome again (Esc)",
        )
        self.show_all_button.setAutoRaise(True)
        self.show_all_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._style_link()
        # One row in a 400 px dock; narrower, the "change" group wraps as a whole.
        buttons = FlowLayout(spacing=8)
        for group in (
            (self.add_business_button, self.add_product_button),
            (self.edit_button, self.color_button, self.delete_button),
        ):
            box = QWidget(self)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            for button in group:
                row.addWidget(button)
            buttons.addWidget(box)
        # Always there (enabled or not), so the tree never jumps when a row is selected.
        back = QHBoxLayout()
        back.setContentsMargins(0, 0, 0, 0)
        back.addStretch(1)
        back.addWidget(self.show_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        layout.addLayout(back)
        layout.addWidget(self.tree, 1)

        self.tree.outcome_selected.connect(self._selected)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    def _button(
        self, text: str, name: str, slot: Callable[[], object], accessible: str, tip: str
    ) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _style_link(self) -> None:
        """ "Show all outcomes" in the theme's link colour, light or dark; muted when disabled."""
        theme = theme_for_palette(self.palette())
        link = readable_on(theme.color("selection"), theme.color("background"))
        self.show_all_button.setStyleSheet(
            f"QToolButton {{ color: {link.name()}; }}"
            f"QToolButton:disabled {{ color: {theme.muted_text}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        """Qt: QWidget.changeEvent; follow a switch between light and dark palettes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_link()

    # -- selection ----------------------------------------------------------

    def selected_outcome_id(self) -> int | None:
        return self.tree.selected_outcome_id()

    def select_outcome(self, outcome_id: int | None) -> None:
        """Show ``outcome_id`` as selected (e.g. from the board) without a signal back."""
        self.tree.select_outcome(outcome_id)
        self._update_buttons()

    def show_all(self) -> None:
        """Back to all outcomes: clear the selection and emit ``outcome_selected(None)`` once."""
        if self.tree.selected_outcome_id() is None:
            self.outcome_selected.emit(None)  # the tree stays quiet when nothing changes
        else:
            self.tree.clear_selection()  # the tree's signal comes back through _selected

    def _selected(self, outcome_id: int | None) -> None:
        self._update_buttons()
        self.outcome_selected.emit(outcome_id)

    def _selected_outcome(self) -> Outcome | None:
        outcome_id = self.selected_outcome_id()
        return self.document.snapshot.outcome_by_id.get(outcome_id) if outcome_id else None

    def _update_buttons(self) -> None:
        has = self._selected_outcome() is not None
        for button in (
            self.edit_button,
            self.color_button,
            self.delete_button,
            self.show_all_button,
        ):
            button.setEnabled(has)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    # -- actions ----------------------------------------------------------

    def _business(self, excluding: int | None = None) -> list[Outcome]:
        return [
            o for o in self.editor.siblings(None) if o.level is Level.BUSINESS and o.id != excluding
        ]

    def _product_parent(self) -> int | None:
        """Where a new product outcome goes: the selected business outcome, or its parent."""
        outcome = self._selected_outcome()
        if outcome is None:
            return None
        if outcome.level is Level.BUSINESS:
            return outcome.id
        parent = outcome.parent_id
        return parent if parent in self.document.snapshot.outcome_by_id else None

    def add_business_outcome(self) -> int | None:
        return self._add(Level.BUSINESS, None, "New business outcome")

    def add_product_outcome(self) -> int | None:
        return self._add(Level.PRODUCT, self._product_parent(), "New product outcome")

    def _add(self, level: Level, parent_id: int | None, title: str) -> int | None:
        color = next_color(o.color for o in self.document.snapshot.outcomes)
        fields = OutcomeFields(level, "", color, parent_id)
        with modal(OutcomeDialog(fields, self._business(), self, title=title)) as dialog:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            f = dialog.fields()
        new_id = self.editor.create_outcome(f.level, f.objective, f.color, f.parent_id)
        if new_id is not None:
            self.tree.select_outcome(new_id, notify=True)
        return new_id

    def edit_selected(self) -> bool:
        outcome = self._selected_outcome()
        if outcome is None:
            return False
        has_children = bool(self.editor.siblings(outcome.id))
        shown = OutcomeDialog(
            OutcomeFields.of(outcome),
            self._business(excluding=outcome.id),
            self,
            title="Edit outcome",
            level_locked=has_children,
        )
        with modal(shown) as dialog:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            fields = dialog.fields()
        return self.editor.edit_outcome(outcome.id, fields)

    def recolor_selected(self) -> bool:
        outcome = self._selected_outcome()
        if outcome is None:
            return False
        color = choose_color(outcome.color, self)
        if color is None:
            return False
        fields = dataclasses.replace(OutcomeFields.of(outcome), color=color)
        return self.editor.edit_outcome(outcome.id, fields)

    def delete_selected(self) -> bool:
        outcome = self._selected_outcome()
        if outcome is None:
            return False
        answer = QMessageBox.question(
            self,
            "Delete outcome",
            self.delete_message(outcome),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.editor.delete_outcome(outcome.id)

    def delete_message(self, outcome: Outcome) -> str:
        """What deleting ``outcome`` takes with it, and that undo brings it back."""
        snapshot = self.document.snapshot
        krs = len(snapshot.key_results_by_outcome.get(outcome.id, ()))
        cards = sum(1 for c in self.document.all_cards() if c.outcome_id == outcome.id)
        children = len(self.editor.siblings(outcome.id))
        # The first line holds no user text: Qt guesses rich text from it alone.
        what = f"this {outcome.level.value} outcome"
        if krs:
            what += f" and its {count(krs, 'key result')}"
        lines = [
            f"Delete {what}?",
            "",
            f"“{outcome.objective}”",
            "",
        ]
        if cards:
            lines.append(f"{count(cards, 'initiative')} will become unlinked (tied to no outcome).")
        else:
            lines.append("No initiative is tied to it.")
        if children:
            lines.append(f"{count(children, 'product outcome')} will have no parent.")
        lines.append("Undo (Ctrl+Z) brings everything back.")
        return "\n".join(lines)
