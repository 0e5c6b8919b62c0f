"""The selected outcome and its key results as compact rows; add, edit (a form) and delete."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from roadmapper.core.entities import Outcome
from roadmapper.core.records import KeyResultFields
from roadmapper.core.text import sentence, we_will
from roadmapper.model.enums import Direction, Indicator, Level
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.elided_label import ElidedLabel
from roadmapper.ui.panel.key_results.form import KeyResultDialog
from roadmapper.ui.panel.key_results.list_model import KeyResultListModel
from roadmapper.ui.panel.key_results.list_view import KeyResultList
from roadmapper.ui.widgets.labels import MutedLabel, ThemedLabel

NEW_KEY_RESULT = "New key result"
NO_OUTCOME = "Select an outcome to see its key results."
GONE = "This key result was deleted meanwhile: cancel, or undo the deletion first."
NO_KEY_RESULTS = "No key results yet: add two to five that show the outcome happening."


class KeyResultPanel(QWidget):
    """ "We will <objective> as measured by:" and the key results under it, one row each."""

    key_result_selected = Signal(object)
    """The key result the person selected (an id), or ``None``; also after adding one."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key-result-panel")
        self.editor = editor
        self.document = editor.document
        self.model = KeyResultListModel(editor, self)
        self.list = KeyResultList(self.model, self)
        self.dialog: KeyResultDialog | None = None
        """The form open now (window-modal, not blocking), if any."""

        self.header = ElidedLabel(max_lines=2, name="kr-header", parent=self)
        self.header.set_emphasis()
        self.add_button = QToolButton(self)
        self.add_button.setObjectName("add-key-result")
        self.add_button.setText("+ Add")
        self.add_button.setAccessibleName("Add key result")
        self.add_button.setToolTip("Add a key result to this outcome")
        self.add_button.setAutoRaise(True)
        self.add_button.clicked.connect(lambda _checked=False: self.open_add_dialog())
        self.empty = MutedLabel(NO_KEY_RESULTS, parent=self)
        self.empty.setObjectName("kr-empty")
        self.message = ThemedLabel(role="error", parent=self)
        self.message.setObjectName("kr-validation-message")
        self.message.hide()

        top = QHBoxLayout()
        top.setContentsMargins(10, 0, 4, 0)
        top.setSpacing(6)
        top.addWidget(self.header, 1)
        top.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        self.empty.setContentsMargins(10, 0, 10, 0)
        self.message.setContentsMargins(10, 0, 10, 0)

        self.list.key_result_selected.connect(self.key_result_selected)
        self.list.edit_requested.connect(self.open_edit_dialog)
        self.list.delete_requested.connect(self.delete_selected)
        self.document.okrs_changed.connect(self._update)
        self.document.reset.connect(self._update)
        self._update()

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint; the objective and up to four rows, so the details get the rest."""
        margins = self._layout.contentsMargins()
        height = margins.top() + margins.bottom() + self.header.heightForWidth(self.width() - 60)
        shown = self.list if self.list.isVisibleTo(self) else self.empty
        height += 4 + shown.sizeHint().height()
        if self.message.isVisibleTo(self):
            height += 4 + self.message.sizeHint().height()
        return QSize(360, height)

    # -- what the outcome panel calls ---------------------------------------

    def outcome_id(self) -> int | None:
        return self.model.outcome_id()

    def set_outcome(self, outcome_id: int | None) -> None:
        """Show the key results of ``outcome_id`` (``None``: ask for an outcome)."""
        if outcome_id != self.model.outcome_id():
            self.model.set_linked(())
        self.model.set_outcome(outcome_id)
        self.show_message("")
        self._update()

    def set_linked(self, ids: Iterable[int]) -> None:
        """Mark the key results linked to the card selected on the board."""
        self.model.set_linked(ids)

    def linked_key_result_ids(self) -> list[int]:
        return self.model.linked_ids()

    def select_key_results(self, ids: Iterable[int]) -> None:
        """Select the rows of ``ids`` without a signal back (the caller shows the details)."""
        self.list.select_key_results(ids)

    def selected_key_result_ids(self) -> list[int]:
        return self.list.selected_key_result_ids()

    def show_message(self, text: str) -> None:
        """A sentence under the list about the last edit ("" hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- actions --------------------------------------------------------------

    def new_fields(self) -> KeyResultFields | None:
        """The starting fields of a new key result of the shown outcome."""
        outcome = self._outcome()
        if outcome is None:
            return None
        indicator = Indicator.LAGGING if outcome.level is Level.BUSINESS else Indicator.LEADING
        return KeyResultFields(NEW_KEY_RESULT, Direction.INCREASE, indicator)

    def add_key_result(self, fields: KeyResultFields | None = None) -> int | None:
        """Add a key result (default fields unless given), select it and show its details."""
        outcome = self._outcome()
        fields = fields or self.new_fields()
        if outcome is None or fields is None:
            return None
        new_id = self.editor.create_key_result(outcome.id, fields)
        if new_id is not None:
            self.list.select_key_results([new_id])
            self.list.setFocus()
            self.key_result_selected.emit(new_id)
        return new_id

    def open_add_dialog(self) -> KeyResultDialog | None:
        """The form for a new key result; OK adds it, selected and shown."""
        fields = self.new_fields()
        if fields is None:
            return None
        fields = KeyResultFields("", fields.direction, fields.indicator)

        def apply(new: KeyResultFields) -> str | None:
            refusals: list[str] = []
            with self.editor.failures_to(refusals.append):
                self.add_key_result(new)
            return sentence(refusals[0]) if refusals else None

        return self._open(KeyResultDialog(fields, apply, title="Add key result", parent=self))

    def open_edit_dialog(self, key_result_id: int | None = None) -> KeyResultDialog | None:
        """The form of ``key_result_id`` (default: the current one); OK stores one undo step."""
        if key_result_id is None:
            key_result_id = self.list.current_key_result_id()
        kr = self.document.snapshot.key_result_by_id.get(key_result_id or -1)
        if kr is None:
            return None

        def apply(new: KeyResultFields) -> str | None:
            if kr.id not in self.document.snapshot.key_result_by_id:
                return GONE
            refusals: list[str] = []
            with self.editor.failures_to(refusals.append):
                self.editor.edit_key_result(kr.id, new)
            return sentence(refusals[0]) if refusals else None

        return self._open(KeyResultDialog(KeyResultFields.of(kr), apply, parent=self))

    def _open(self, dialog: KeyResultDialog) -> KeyResultDialog:
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self.list.setFocus())
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        """Delete the selected key results as one undoable step."""
        ids = self.selected_key_result_ids()
        if not ids:
            return False
        return self.editor.delete_key_results(ids)

    # -- following the document -----------------------------------------------

    def _outcome(self) -> Outcome | None:
        outcome_id = self.model.outcome_id()
        if outcome_id is None:
            return None
        return self.document.snapshot.outcome_by_id.get(outcome_id)

    def _update(self) -> None:
        outcome = self._outcome()
        chosen = outcome is not None
        self.header.setText(
            f"{we_will(outcome.objective)} as measured by:" if outcome is not None else NO_OUTCOME
        )
        self.add_button.setVisible(chosen)
        self.add_button.setEnabled(chosen)
        has_rows = self.model.rowCount() > 0
        self.list.setVisible(chosen and has_rows)
        self.empty.setVisible(chosen and not has_rows)
        self.list.updateGeometry()
