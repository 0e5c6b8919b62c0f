"""The board: Now, Next, Later (and Done) side by side, the legend, the empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import Initiative
from roadmapper.model.enums import Column
from roadmapper.ui.board.column_model import ColumnModel
from roadmapper.ui.board.column_view import ColumnView, Highlight
from roadmapper.ui.board.legend import OutcomeLegend
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.widgets.labels import plain_label

COLUMN_HINTS = {
    Column.NOW: "Experiments in flight",
    Column.NEXT: "Hypotheses to test next",
    Column.LATER: "Ideas to reshape or drop",
    Column.DONE: "Delivered, with what we learned",
}


class ColumnPanel(QFrame):
    """One column: its title, card count and hint above the card list."""

    def __init__(
        self, model: ColumnModel, highlight: Highlight, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"panel-{model.column.value}")
        self.model = model
        self.title = plain_label(model.column.label)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.count = plain_label()
        self.count.setObjectName(f"count-{model.column.value}")
        self.count.setEnabled(False)
        hint = plain_label(COLUMN_HINTS[model.column])
        hint.setEnabled(False)
        self.view = ColumnView(model, highlight, self)

        header = QHBoxLayout()
        header.setContentsMargins(10, 6, 10, 0)
        header.addWidget(self.title)
        header.addWidget(self.count)
        header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        hint_row = QHBoxLayout()
        hint_row.setContentsMargins(10, 0, 10, 4)
        hint_row.addWidget(hint)
        layout.addLayout(hint_row)
        layout.addWidget(self.view, 1)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update_count)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        total = self.model.document.count(self.model.column)
        self.count.setText(f"{shown}" if shown == total else f"{shown} of {total}")
        self.view.setAccessibleDescription(f"{shown} initiatives")


class EmptyState(QWidget):
    """What an empty roadmap shows instead of three blank columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty-state")
        heading = plain_label("No initiatives yet")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        text = plain_label("Add the first piece of work, and the outcome it should move.")
        text.setEnabled(False)
        self.button = QPushButton("New initiative")
        self.button.setObjectName("empty-new-initiative")
        self.button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (heading, text, self.button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)


class Board(QWidget):
    """Columns, legend and empty state; knows nothing of menus or files."""

    new_requested = Signal()
    edit_requested = Signal(int)
    """An initiative id to open in the dialog."""
    selection_changed = Signal()

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self.highlight = Highlight()
        self.legend = OutcomeLegend(self)
        self.models = {c: ColumnModel(editor, c) for c in Column}
        self.panels = {c: ColumnPanel(self.models[c], self.highlight, self) for c in Column}
        self.views = {c: p.view for c, p in self.panels.items()}
        self.empty = EmptyState(self)
        self.empty.button.clicked.connect(self.new_requested)

        columns = QWidget()
        row = QHBoxLayout(columns)
        row.setContentsMargins(4, 0, 4, 4)
        row.setSpacing(8)
        for column in Column:
            row.addWidget(self.panels[column], 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(columns)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.legend)
        layout.addWidget(self.stack, 1)

        self.panels[Column.DONE].setVisible(False)
        self.legend.highlight_changed.connect(self.set_highlight)
        for view in self.views.values():
            # Slots of this QObject, not lambdas: Qt drops them before the views die.
            view.edit_requested.connect(self._edit_row)
            view.selection_changed.connect(self._clear_other_selections)
        self.document.reset.connect(self._on_reset)
        for signal in (
            self.document.okrs_changed,
            self.document.changed,
            self.document.added,
            self.document.removed,
        ):
            signal.connect(self._refresh_legend)
        self.document.added.connect(self._update_empty)
        self.document.removed.connect(self._update_empty)
        self.document.moved.connect(self._reselect_moved)
        self._on_reset()

    # -- state ------------------------------------------------------------

    def visible_columns(self) -> list[Column]:
        return [c for c in Column if not self.panels[c].isHidden()]

    def set_done_visible(self, visible: bool) -> None:
        self.panels[Column.DONE].setVisible(visible)

    def set_highlight(self, outcome_id: int | None) -> None:
        self.highlight.outcome_id = outcome_id
        self.highlight.active = outcome_id is not None
        for view in self.views.values():
            view.viewport().update()

    def set_filter_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if not needle:
            for model in self.models.values():
                model.set_filter(None)
            return
        snapshot = self.document.snapshot

        def matches(card: Initiative) -> bool:
            outcome = snapshot.outcome_of(card)
            haystack = " ".join(
                (
                    card.title,
                    card.description,
                    card.hypothesis,
                    outcome.objective if outcome else "",
                )
            )
            return needle in haystack.casefold()

        for model in self.models.values():
            model.set_filter(matches)

    def selected_ids(self) -> list[int]:
        return [i for c in Column for i in self.views[c].selected_ids()]

    def focused_column(self) -> Column | None:
        for column, view in self.views.items():
            if view.hasFocus() or view.selected_ids():
                return column
        return None

    def select(self, ids: list[int]) -> None:
        if not ids:
            return
        column = self.document.card(ids[0]).column
        if column is Column.DONE and self.panels[Column.DONE].isHidden():
            return
        self.views[column].select_ids(ids)
        self.views[column].setFocus()

    # -- following the document ---------------------------------------------

    def _on_reset(self) -> None:
        self._refresh_legend()
        self._update_empty()

    def _refresh_legend(self, *_args: object) -> None:
        """Outcomes or the cards' links may have changed; the legend redraws only if so."""
        self.legend.set_outcomes(self.document.snapshot.outcomes, self.document.all_cards())

    def _update_empty(self, *_args: object) -> None:
        empty = not any(self.document.count(c) for c in Column)
        self.stack.setCurrentIndex(1 if empty else 0)

    def _reselect_moved(self, changes: list[tuple[int, Column, Column]]) -> None:
        """Keep moved cards selected where they landed, so the next key press acts on them."""
        self.select([card_id for card_id, _old, _new in changes])

    def _edit_row(self, row: int) -> None:
        view = self.sender()
        if isinstance(view, ColumnView):
            self.edit_requested.emit(view.column_model().ids()[row])

    def _clear_other_selections(self, keep: Column) -> None:
        """One column holds the selection at a time, as on any board."""
        if self.views[keep].selected_ids():
            for column, view in self.views.items():
                if column is not keep and view.selectionModel().hasSelection():
                    view.selectionModel().clearSelection()
        self.selection_changed.emit()
