"""The board: Now, Next, Later (and Done) side by side, the legend, the empty state."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.model.enums import Column, Level
from roadmapper.ui.board.card_delegate import Highlight
from roadmapper.ui.board.card_filter import CardFilter
from roadmapper.ui.board.column_model import ColumnModel
from roadmapper.ui.board.column_panel import COLUMN_HINTS, ColumnPanel, EmptyState
from roadmapper.ui.board.column_view import ColumnView
from roadmapper.ui.board.legend import OutcomeLegend
from roadmapper.ui.editing.editor import Editor

__all__ = ["COLUMN_HINTS", "ZOOM_LEVELS", "Board", "ColumnPanel", "EmptyState", "highlighted"]

ZOOM_LEVELS = (70, 80, 90, 100, 110, 125, 150)
"""Card zoom steps in percent (Ctrl+- / Ctrl++ walk them, Ctrl+0 is 100)."""


def highlighted(snapshot: RoadmapSnapshot, outcome_id: int) -> frozenset[int]:
    """The outcomes whose cards stand out when ``outcome_id`` is picked.

    A product outcome: itself. A business outcome: itself (cards may serve it
    directly) and every product outcome that drives it.
    """
    outcome = snapshot.outcome_by_id.get(outcome_id)
    if outcome is None or outcome.level is not Level.BUSINESS:
        return frozenset({outcome_id})
    return frozenset({outcome_id, *(o.id for o in snapshot.outcome_children(outcome_id))})


class Board(QWidget):
    """Columns, legend and empty state; knows nothing of menus or files."""

    new_requested = Signal()
    edit_requested = Signal(int)
    """An initiative id to open in the dialog."""
    selection_changed = Signal()
    zoom_changed = Signal(int)
    """The cards' zoom in percent, after ``set_zoom`` changed it."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self.highlight = Highlight()
        self._zoom = 100
        self.legend = OutcomeLegend(self)
        # Before the column models: on a reset its texts are forgotten before they re-filter.
        self.card_filter = CardFilter(self.document, self)
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
        # Zoomed in far, the columns keep a readable width and the board scrolls sideways.
        self.scroller = QScrollArea()
        self.scroller.setObjectName("board-columns")
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setWidget(columns)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroller)
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
            view.column_step_requested.connect(self._step_column)
            view.escape_pressed.connect(self.show_all_outcomes)
        self.document.reset.connect(self._on_reset)
        self.document.kept_ahead.connect(self._prepare_legend)
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
        # The cards, not the legend's first chip, take the keys when the window opens.
        self.views[Column.NOW].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- state ------------------------------------------------------------

    def visible_columns(self) -> list[Column]:
        return [c for c in Column if not self.panels[c].isHidden()]

    def set_done_visible(self, visible: bool) -> None:
        self.panels[Column.DONE].setVisible(visible)

    def set_highlight(self, outcome_id: int | None) -> None:
        """Fade every card but those of ``outcome_id`` (with its product outcomes, if any)."""
        ids = highlighted(self.document.snapshot, outcome_id) if outcome_id is not None else None
        self.highlight.set(outcome_id, ids or frozenset())
        for view in self.views.values():
            view.viewport().update()

    def show_all_outcomes(self) -> None:
        """Undo a highlight: the legend's "All outcomes", and Escape on the board."""
        if self.legend.current() is not None:
            self.legend.set_current(None)

    def zoom(self) -> int:
        """The cards' zoom in percent (100: as designed)."""
        return self._zoom

    def set_zoom(self, percent: int) -> None:
        """Zoom the cards to ``percent``, kept within the zoom levels; ``zoom_changed`` if new."""
        percent = max(ZOOM_LEVELS[0], min(ZOOM_LEVELS[-1], int(percent)))
        if percent == self._zoom:
            return
        self._zoom = percent
        for panel in self.panels.values():
            panel.set_scale(percent / 100)
        self.zoom_changed.emit(percent)

    def zoom_step(self, step: int) -> None:
        """One zoom level in (``step`` 1) or out (-1)."""
        if step > 0:
            self.set_zoom(next((z for z in ZOOM_LEVELS if z > self._zoom), ZOOM_LEVELS[-1]))
        else:
            lower = (z for z in reversed(ZOOM_LEVELS) if z < self._zoom)
            self.set_zoom(next(lower, ZOOM_LEVELS[0]))

    def set_filter_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if not needle:
            for model in self.models.values():
                model.set_filter(None)
            return
        ids, matches = self.card_filter.matching(needle)
        for model in self.models.values():
            model.set_filter(matches, ids)

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

    # -- moving around with the keyboard --------------------------------------

    def _step_column(self, step: int) -> None:
        """Left/Right: focus and select the card of the next column at the same height."""
        view = self.sender()
        if not isinstance(view, ColumnView):
            return
        columns = self.visible_columns()
        position = columns.index(view.column) if view.column in columns else -1
        current = view.currentIndex()
        y = view.visualRect(current).center().y() if current.isValid() else 0
        at = view.viewport().mapToGlobal(QPoint(0, y))
        position += step
        while 0 <= position < len(columns):
            target = self.views[columns[position]]
            if target.model().rowCount():  # an empty column has nothing to pick: skip it
                local = target.viewport().mapFromGlobal(at)
                target.select_index(target.card_at_height(local.y()))
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            position += step

    # -- following the document ---------------------------------------------

    def _on_reset(self) -> None:
        self._refresh_legend()
        self._update_empty()

    def _prepare_legend(self, roadmap_id: int) -> None:
        """A roadmap was read ahead: its chips are built now, while the window is idle."""
        okrs, _cards, _read = self.document.kept_roadmap(roadmap_id)
        self.legend.prepare(okrs.outcome_tree)

    def _refresh_legend(self, *_args: object) -> None:
        """Outcomes may have changed; the legend redraws only if so, the highlight follows."""
        snapshot = self.document.snapshot
        if self.legend.set_outcomes(snapshot.outcome_tree):
            # New chips come last in Qt's tab chain; put them before the columns.
            chain = [*self.legend.focus_chain(), *(self.views[c] for c in Column)]
            for first, second in pairwise(chain):
                QWidget.setTabOrder(first, second)
        current = self.legend.current()
        if current is not None and highlighted(snapshot, current) != self.highlight.ids:
            self.set_highlight(current)  # a product outcome moved under another business one

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
