"""The outcome panel (the right dock's content): its pieces, their selections in step.

Laid out for a 400-480 px dock on a 768 px laptop screen: the health strip, the outcome
tree, the selected outcome's key results as compact rows, and under them, in tabs, the
chosen key result (check-ins first), the selected card's why chain and the coaching notes.
Nothing needs a long scroll: the two splitters share the height, the tabs share the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.coaching import CoachingList
from roadmapper.ui.panel.health_strip import HealthStrip
from roadmapper.ui.panel.key_results.detail import KeyResultDetail
from roadmapper.ui.panel.key_results.panel import KeyResultPanel
from roadmapper.ui.panel.outcomes.tree_panel import OutcomeTreePanel
from roadmapper.ui.panel.why_chain import WhyChain
from roadmapper.ui.widgets.pictures import paint_scroll_bars_from_pictures
from roadmapper.ui.widgets.viewports import own_viewport

PREFERRED_WIDTH = 440
"""The dock's first width: what the panel is laid out for (400-480 px), whatever the font;
long names wrap or are cut with a tooltip. People widen it by dragging, and it is kept."""

TREE_HEIGHT = 200  # two business outcomes with their product outcomes, and the buttons
LIST_HEIGHT = 190  # the objective and three compact key result rows
DETAIL_HEIGHT = 300

TAB_KEY_RESULT, TAB_WHY, TAB_COACHING = 0, 1, 2
KEY_RESULT_TAB = "Key result"
WHY_TAB = "Why this card"
COACHING_TAB = "Coaching"


def _scrolled(widget: QWidget, name: str, accessible: str) -> QScrollArea:
    """``widget`` in a frameless, vertical-only scroll area with the panel's margins."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(10, 8, 10, 8)
    box.addWidget(widget)
    box.addStretch(1)
    scroll = QScrollArea()
    own_viewport(scroll)
    paint_scroll_bars_from_pictures(scroll)
    scroll.setObjectName(name)
    scroll.setAccessibleName(accessible)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(holder)
    return scroll


class OutcomePanel(QWidget):
    """Outcomes as OKRs: the tree, the selected outcome's key results, one in detail.

    Selecting an outcome here highlights its cards (through ``outcome_selected``);
    selecting a card on the board shows why it is there (``show_card``) and marks the
    key results it is linked to, which is not the same as selecting them.
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

        self.tabs = QTabWidget()
        self.tabs.setObjectName("outcome-detail-tabs")
        self.tabs.setAccessibleName("Details")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.detail, KEY_RESULT_TAB)
        self.tabs.addTab(_scrolled(self.why, "why-scroll", WHY_TAB), WHY_TAB)
        self.tabs.addTab(_scrolled(self.coaching, "coaching-scroll", COACHING_TAB), COACHING_TAB)
        self.tabs.setTabToolTip(TAB_KEY_RESULT, "The chosen key result: check-ins and progress")
        self.tabs.setTabToolTip(TAB_WHY, "Why the card selected on the board is on the roadmap")
        self.tabs.setTabToolTip(TAB_COACHING, "Coaching notes on the outcome or the card")

        details = QSplitter(Qt.Orientation.Vertical)
        details.setObjectName("key-result-splitter")
        details.setChildrenCollapsible(False)
        details.addWidget(self.key_results)
        details.addWidget(self.tabs)
        details.setStretchFactor(0, 2)
        details.setStretchFactor(1, 3)
        details.setSizes([LIST_HEIGHT, DETAIL_HEIGHT])
        self.details_splitter = details
        """The key result list above, the tabs below; not saved by the window (yet)."""
        self._list_sized_by_hand = False
        details.splitterMoved.connect(self._list_resized)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("outcome-splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([TREE_HEIGHT, LIST_HEIGHT + DETAIL_HEIGHT])
        self.splitter = splitter
        self.tree_sized_by_hand = False
        """Set when the person moved the tree's splitter, or the window restored it."""
        splitter.splitterMoved.connect(self._tree_resized)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.health)
        layout.addWidget(splitter, 1)

        self.tree.outcome_selected.connect(self._outcome_picked)
        self.key_results.key_result_selected.connect(self._key_result_chosen)
        self.detail.edit_key_result_requested.connect(self.key_results.open_edit_dialog)
        self.detail.delete_key_result_requested.connect(
            lambda kr_id: self.editor.delete_key_results([kr_id])
        )
        self.why.outcome_clicked.connect(self._outcome_picked_elsewhere)
        self.why.key_result_clicked.connect(self._key_result_picked)
        self.health.key_result_requested.connect(self._key_result_picked)
        self.health.outcome_requested.connect(self._outcome_picked_elsewhere)
        self.why.edit_card_requested.connect(self.edit_card_requested)
        self.coaching.rendered.connect(self._coaching_count)
        self.document.reset.connect(self._on_reset)
        self._on_reset()

    # -- from the board -----------------------------------------------------

    def sizeHint(self) -> QSize:
        """QWidget.sizeHint: the width the panel is designed for, not its longest text's."""
        return QSize(
            max(PREFERRED_WIDTH, self.minimumSizeHint().width()), super().sizeHint().height()
        )

    def show_card(self, card_id: int | None) -> None:
        """A card was selected on the board: its why chain, outcome, linked key results."""
        exists = card_id is not None and self.document.has_card(card_id)
        card = self.document.card(card_id) if exists and card_id is not None else None
        shown = (card.id, card.outcome_id, card.key_result_ids) if card else None
        if shown is not None and shown == self._shown:
            return  # the same card re-selected after a move: everything is still right
        self._shown = shown
        self._card_id = card_id
        self.why.show_card(card_id)
        self._enable_why(card is not None)
        if card is None or card_id is None:
            return
        self.tree.select_outcome(card.outcome_id)
        self.key_results.set_outcome(card.outcome_id)
        self.key_results.set_linked(card.key_result_ids)
        first = next(iter(self.key_results.linked_key_result_ids()), None)
        self.key_results.select_key_results([first] if first is not None else [])
        self.detail.set_key_result(first)
        self.coaching.show_for(card_id=card_id)
        self.fit_list()
        if self.tabs.currentIndex() == TAB_KEY_RESULT:
            self.tabs.setCurrentIndex(TAB_WHY)

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

    def _key_result_chosen(self, key_result_id: int | None) -> None:
        """A row was selected (or a key result added): its details, in front."""
        self.detail.set_key_result(key_result_id)
        if key_result_id is not None:
            self.tabs.setCurrentIndex(TAB_KEY_RESULT)

    def _key_result_picked(self, key_result_id: int) -> None:
        kr = self.document.snapshot.key_result_by_id.get(key_result_id)
        if kr is None:
            return
        self._outcome_picked_elsewhere(kr.outcome_id)
        self.key_results.select_key_results([key_result_id])
        self._key_result_chosen(key_result_id)

    def _show_outcome(self, outcome_id: int | None) -> None:
        self._card_id = None
        self._shown = None
        self.why.show_card(None)
        if self.tabs.currentIndex() == TAB_WHY:
            self.tabs.setCurrentIndex(TAB_KEY_RESULT)  # not Qt's pick, the next enabled tab
        self._enable_why(False)
        self.key_results.set_linked(())
        self.key_results.set_outcome(outcome_id)
        self.detail.set_key_result(None)
        self.coaching.show_for(outcome_id=outcome_id)
        self.fit_list()

    def _enable_why(self, enabled: bool) -> None:
        if self.tabs.isTabEnabled(TAB_WHY) != enabled:  # else Qt repaints and lays out the tabs
            self.tabs.setTabEnabled(TAB_WHY, enabled)

    def _tree_resized(self, _pos: int, _index: int) -> None:
        self.tree_sized_by_hand = True

    def fit_tree(self) -> None:
        """Give the outcome tree the height of all its rows, up to 45% of the panel, so no
        outcome hides half cut under the splitter; a height the person chose stands."""
        total = sum(self.splitter.sizes())
        if self.tree_sized_by_hand or total <= 0:
            return
        view = self.tree.tree
        rows, index = 0, view.model().index(0, 0)
        while index.isValid():
            rows += view.visualRect(index).height() or view.sizeHintForRow(0)
            index = view.indexBelow(index)
        chrome = self.tree.height() - view.viewport().height()
        want = min(chrome + rows + 2 * view.frameWidth() + 2, int(total * 0.45))
        want = max(want, self.tree.minimumSizeHint().height())
        self.splitter.setSizes([want, total - want])

    def _list_resized(self, _pos: int, _index: int) -> None:
        self._list_sized_by_hand = True

    def fit_list(self) -> None:
        """Give the key result list the height of its rows (up to four), the tabs the rest;
        once the person has moved that splitter, their choice stands."""
        if self._list_sized_by_hand:
            return
        total = sum(self.details_splitter.sizes())
        want = self.key_results.sizeHint().height()
        room = total - self.tabs.minimumSizeHint().height()
        if total <= 0 or room <= 0:
            return
        want = min(want, room)
        self.details_splitter.setSizes([want, total - want])

    def showEvent(self, event: QShowEvent) -> None:
        """Qt: QWidget.showEvent; the rows have their real width and height only now."""
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_tree)
        QTimer.singleShot(0, self.fit_list)

    def _coaching_count(self, count: int) -> None:
        text = f"{COACHING_TAB} ({count})" if count else COACHING_TAB
        if self.tabs.tabText(TAB_COACHING) != text:  # the tab bar lays itself out again
            self.tabs.setTabText(TAB_COACHING, text)

    def _on_reset(self) -> None:
        self._show_outcome(None)
