"""The outcome panel (the right dock's content): its pieces, their selections in step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.coaching import CoachingList
from roadmapper.ui.panel.health_strip import HealthStrip
from roadmapper.ui.panel.key_results.detail import KeyResultDetail
from roadmapper.ui.panel.key_results.table import KeyResultPanel
from roadmapper.ui.panel.outcomes.tree_panel import OutcomeTreePanel
from roadmapper.ui.panel.why_chain import WhyChain

TREE_HEIGHT = 230  # room for two business outcomes with their product outcomes


class OutcomePanel(QWidget):
    """Outcomes as OKRs: the tree, then the selected outcome's key results in detail.

    Selecting an outcome here highlights its cards (through ``outcome_selected``);
    selecting a card on the board shows why it is there (``show_card``).
    """

    outcome_selected = Signal(object)
    """An outcome the person picked here (id), or ``None``: the board highlights it."""
    edit_card_requested = Signal(int)
    """The why chain asks to fix a missing link of a card."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome-panel-body")
        self.editor = editor
        self.document = editor.document
        self.health = HealthStrip(editor)
        self.tree = OutcomeTreePanel(editor)
        self.why = WhyChain(editor)
        self.key_results = KeyResultPanel(editor)
        self.detail = KeyResultDetail(editor)
        self.coaching = CoachingList(editor)
        self._card_id: int | None = None
        self._shown: tuple[int, int | None, tuple[int, ...]] | None = None

        details = QWidget()
        column = QVBoxLayout(details)
        column.setContentsMargins(8, 4, 8, 8)
        column.setSpacing(10)
        for widget in (self.why, self.key_results, self.detail, self.coaching):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("outcome-details")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(details)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("outcome-splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([TREE_HEIGHT, 2 * TREE_HEIGHT])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.health)
        layout.addWidget(splitter, 1)

        self.tree.outcome_selected.connect(self._outcome_picked)
        self.key_results.key_result_selected.connect(self.detail.set_key_result)
        self.why.outcome_clicked.connect(self._outcome_picked_elsewhere)
        self.why.key_result_clicked.connect(self._key_result_picked)
        self.why.edit_card_requested.connect(self.edit_card_requested)
        self.document.reset.connect(self._on_reset)
        self._on_reset()

    # -- from the board -----------------------------------------------------

    def show_card(self, card_id: int | None) -> None:
        """A card was selected on the board: its why chain, outcome, key results, coaching."""
        exists = card_id is not None and self.document.has_card(card_id)
        card = self.document.card(card_id) if exists and card_id is not None else None
        shown = (card.id, card.outcome_id, card.key_result_ids) if card else None
        if shown is not None and shown == self._shown:
            return  # the same card re-selected after a move: everything is still right
        self._shown = shown
        self._card_id = card_id
        self.why.show_card(card_id)
        if card is None or card_id is None:
            return
        self.tree.select_outcome(card.outcome_id)
        self.key_results.set_outcome(card.outcome_id)
        self.key_results.select_key_results(card.key_result_ids)
        self.detail.set_key_result(card.key_result_ids[0] if card.key_result_ids else None)
        self.coaching.show_for(card_id=card_id)

    def select_outcome(self, outcome_id: int | None) -> None:
        """The board's legend picked an outcome: follow it without echoing back."""
        if self._card_id is None and self.tree.selected_outcome_id() == outcome_id:
            return  # it came from here in the first place
        self.tree.select_outcome(outcome_id)
        self._show_outcome(outcome_id)

    # -- from the panel itself ----------------------------------------------

    def _outcome_picked(self, outcome_id: int | None) -> None:
        self._show_outcome(outcome_id)
        self.outcome_selected.emit(outcome_id)

    def _outcome_picked_elsewhere(self, outcome_id: int) -> None:
        self.tree.select_outcome(outcome_id)
        self._outcome_picked(outcome_id)

    def _key_result_picked(self, key_result_id: int) -> None:
        kr = self.document.snapshot.key_result_by_id.get(key_result_id)
        if kr is None:
            return
        self._outcome_picked_elsewhere(kr.outcome_id)
        self.key_results.select_key_results([key_result_id])
        self.detail.set_key_result(key_result_id)

    def _show_outcome(self, outcome_id: int | None) -> None:
        self._card_id = None
        self._shown = None
        self.why.show_card(None)
        self.key_results.set_outcome(outcome_id)
        self.detail.set_key_result(None)
        self.coaching.show_for(outcome_id=outcome_id)

    def _on_reset(self) -> None:
        self._show_outcome(None)
