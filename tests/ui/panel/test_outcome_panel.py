"""The assembled outcome panel keeps the board, the tree and the details in step."""

from __future__ import annotations

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.ui.main_window import MainWindow
from roadmapper.ui.panel.outcome_panel import TAB_COACHING, TAB_KEY_RESULT, TAB_WHY


def test_selecting_a_card_shows_its_outcome_and_key_results(window: MainWindow, qtbot) -> None:
    document = window.document
    card = next(
        document.card(i)
        for i in document.column_ids(Column.NOW)
        if len(document.card(i).key_result_ids) >= 2
    )
    window.board.select([card.id])
    panel = window.panel
    qtbot.waitUntil(lambda: panel.tree.selected_outcome_id() == card.outcome_id)
    linked = panel.key_results.linked_key_result_ids()
    assert sorted(linked) == sorted(card.key_result_ids)
    # Linked is its own mark; only the first linked one is selected, and it is the one shown.
    assert panel.key_results.selected_key_result_ids() == [linked[0]]
    assert panel.detail.key_result_id == linked[0]
    assert panel.why.card_id == card.id
    assert panel.tabs.currentIndex() == TAB_WHY and panel.tabs.isTabEnabled(TAB_WHY)
    assert not window.board.highlight.active  # looking at a card does not dim the board


def test_picking_a_key_result_row_shows_it_in_front(window: MainWindow, qtbot) -> None:
    document = window.document
    card = next(
        document.card(i)
        for i in document.column_ids(Column.NOW)
        if len(document.card(i).key_result_ids) >= 2
    )
    window.board.select([card.id])
    panel = window.panel
    qtbot.waitUntil(lambda: panel.why.card_id == card.id)
    other = panel.key_results.linked_key_result_ids()[1]
    view = panel.key_results.list
    view.setCurrentIndex(panel.key_results.model.index(panel.key_results.model.row_of(other)))
    assert panel.detail.key_result_id == other
    assert panel.tabs.currentIndex() == TAB_KEY_RESULT
    assert panel.key_results.linked_key_result_ids()  # still marked while the card is shown


def test_a_new_key_result_is_selected_and_shown(window: MainWindow, qtbot) -> None:
    panel = window.panel
    outcome = next(o for o in window.document.snapshot.outcomes if o.parent_id is not None)
    panel.tree.tree.select_outcome(outcome.id, notify=True)
    assert panel.detail.key_result_id is None and panel.detail.hint.isVisibleTo(panel)
    new_id = panel.key_results.add_key_result()
    assert new_id is not None
    assert panel.key_results.selected_key_result_ids() == [new_id]
    assert panel.detail.key_result_id == new_id
    assert not panel.detail.hint.isVisibleTo(panel)
    assert panel.tabs.currentIndex() == TAB_KEY_RESULT
    window.editor.undo()
    assert panel.detail.key_result_id is None


def test_picking_an_outcome_highlights_its_cards(window: MainWindow, qtbot) -> None:
    outcome = next(
        o
        for o in window.document.snapshot.outcomes
        if any(c.outcome_id == o.id for c in window.document.all_cards())
    )
    window.panel.tree.tree.select_outcome(outcome.id, notify=True)
    assert window.board.highlight.active and window.board.highlight.outcome_id == outcome.id
    assert window.board.legend.current() == outcome.id
    window.board.legend.set_current(None)
    assert not window.board.highlight.active


def test_legend_click_selects_the_outcome_in_the_tree(window: MainWindow) -> None:
    outcome_id, button = next(iter(window.board.legend.buttons().items()))
    button.click()
    assert window.panel.tree.selected_outcome_id() == outcome_id
    assert window.panel.key_results.outcome_id() == outcome_id


def test_panel_follows_an_edit_of_the_selected_card(window: MainWindow, qtbot) -> None:
    document = window.document
    card = document.card(document.column_ids(Column.NEXT)[0])
    other = next(o for o in document.snapshot.outcomes if o.id != card.outcome_id)
    window.board.select([card.id])
    qtbot.waitUntil(lambda: window.panel.tree.selected_outcome_id() == card.outcome_id)
    window.editor.edit(card.id, InitiativeFields(card.title, outcome_id=other.id))
    window.board.select([card.id])
    qtbot.waitUntil(lambda: window.panel.tree.selected_outcome_id() == other.id)
    assert window.panel.key_results.outcome_id() == other.id


def test_key_result_link_in_the_why_chain_opens_it(window: MainWindow, qtbot) -> None:
    document = window.document
    card = next(
        document.card(i) for i in document.column_ids(Column.NOW) if document.card(i).key_result_ids
    )
    window.board.select([card.id])
    qtbot.waitUntil(lambda: window.panel.why.card_id == card.id)
    kr_id = card.key_result_ids[0]
    window.panel.why.key_result_clicked.emit(kr_id)
    assert window.panel.key_results.selected_key_result_ids() == [kr_id]
    assert window.board.highlight.outcome_id == document.snapshot.key_result_by_id[kr_id].outcome_id


def test_the_panel_is_built_after_the_board_has_painted(qtbot, sample_store, settings) -> None:
    from PySide6.QtWidgets import QDockWidget

    window = MainWindow(sample_store, settings)
    qtbot.addWidget(window)
    dock = window.findChild(QDockWidget, "outcome-panel")
    assert dock is not None and dock.widget() is None  # nothing built before the board shows
    window.show()
    qtbot.waitUntil(lambda: dock.widget() is not None)
    assert dock.widget().isAncestorOf(window.panel)


def test_a_selection_does_not_animate_the_window_layout(window: MainWindow, qtbot) -> None:
    """Showing another card's outcome changes the panel's size hint, and the window lays
    itself out again: at once, not through geometry animations (one per widget, each
    made, run and deleted over two more passes of the event loop)."""
    from PySide6.QtCore import QAbstractAnimation, QEvent, QObject

    class Animations(QObject):
        made = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.ChildAdded and isinstance(
                event.child(), QAbstractAnimation
            ):
                self.made += 1
            return False

    spy = Animations()
    for widget in (window.board, window.dock, window.toolbar):
        widget.installEventFilter(spy)
    document = window.document
    cards = [document.card(i) for i in document.column_ids(Column.NOW)]
    first, other = next((a, b) for a in cards for b in cards if a.outcome_id != b.outcome_id)
    for card in (first, other, first):
        window.board.select([card.id])
        qtbot.waitUntil(lambda c=card: window.panel.tree.selected_outcome_id() == c.outcome_id)
        qtbot.wait(50)
    window.resize(window.width() - 40, window.height())  # the window's own relayout
    qtbot.wait(50)
    assert spy.made == 0


def test_changes_inside_the_panel_stop_short_of_the_dock(window: MainWindow, qtbot) -> None:
    """Another card's why chain, key results and health figures lay out the panel again,
    not the dock and the window around it (one more pass of the event loop per level,
    and a repaint of the dock's separator, on every gesture). The panel still fills
    the dock, at any size the user gives it."""
    from PySide6.QtCore import QEvent, QObject, Qt

    class Requests(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest:
                self.count += 1
            return False

    panel, dock = window.panel, window.dock
    qtbot.wait(100)  # the panel's first layout, when it was built, is not counted
    spy = Requests()
    dock.installEventFilter(spy)
    document = window.document
    cards = [document.card(i) for i in document.column_ids(Column.NOW)]
    first, other = next((a, b) for a in cards for b in cards if a.outcome_id != b.outcome_id)
    for card in (first, other, first, other):
        window.board.select([card.id])
        qtbot.waitUntil(lambda c=card: window.panel.why.card_id == c.id)
        qtbot.wait(50)
    dock.removeEventFilter(spy)
    assert spy.count == 0
    assert panel.why.links  # the panel did change, inside
    fence = dock.widget()
    for width in (window.width() - 60, window.width() + 60):
        window.resize(width, window.height())
        qtbot.waitUntil(lambda f=fence: panel.geometry() == f.rect())
    wider = dock.width() + 50
    window.resizeDocks([dock], [wider], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() == wider and panel.geometry() == fence.rect())


def test_the_panel_docked_below_the_board_is_sized_by_its_height(window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    assert window.panel is not None  # built now
    fence = window.dock.widget()
    assert fence.along == Qt.Orientation.Horizontal  # at the side: its width
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.dock)
    assert fence.along == Qt.Orientation.Vertical
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.dock)
    assert fence.along == Qt.Orientation.Horizontal


def test_a_panel_limit_that_binds_reaches_the_window(window: MainWindow, qtbot) -> None:
    """The fence passes on a minimum the dock cannot meet: the dock widens to it."""
    panel, dock = window.panel, window.dock
    wide = dock.width() + 80
    panel.health.setMinimumWidth(wide)
    qtbot.waitUntil(lambda: dock.width() >= wide and panel.width() >= wide)


def test_the_coaching_tab_counts_the_open_notes(window: MainWindow, qtbot) -> None:
    panel = window.panel
    for outcome in window.document.snapshot.outcomes:
        panel.tree.tree.select_outcome(outcome.id, notify=True)
        count = len(panel.coaching.findings())
        expected = f"Coaching ({count})" if count else "Coaching"
        assert panel.tabs.tabText(TAB_COACHING) == expected


def test_leaving_the_card_for_an_outcome_brings_the_key_result_tab_back(
    window: MainWindow, qtbot
) -> None:
    panel = window.panel
    window.board.select([window.document.column_ids(Column.NOW)[0]])
    qtbot.waitUntil(lambda: panel.tabs.currentIndex() == TAB_WHY)
    outcome_id, button = next(iter(window.board.legend.buttons().items()))
    button.click()
    qtbot.waitUntil(lambda: panel.key_results.outcome_id() == outcome_id)  # a moment later
    assert panel.tabs.currentIndex() == TAB_KEY_RESULT
    assert not panel.tabs.isTabEnabled(TAB_WHY)
    assert panel.key_results.linked_key_result_ids() == []  # no card: nothing is linked


def test_another_roadmap_leaves_the_detail_tabs_unpainted(window: MainWindow, qtbot) -> None:
    """Showing another roadmap (here: the same one read again) disables the why chain's
    tab, which is disabled already: Qt would repaint and lay out the tab bar anyway."""
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.Paint, QEvent.Type.LayoutRequest):
                self.count += 1
            return False

    panel = window.panel
    qtbot.waitUntil(lambda: panel.isVisible())
    qtbot.wait(100)
    tab_bar = panel.tabs.tabBar()
    assert not panel.tabs.isTabEnabled(TAB_WHY)
    spy = Paints()
    tab_bar.installEventFilter(spy)
    for _ in range(3):
        window.document.load(window.document.roadmap_id)
        qtbot.wait(30)
    tab_bar.removeEventFilter(spy)
    assert spy.count == 0
    card_id = window.document.column_ids(Column.NOW)[0]
    window.board.select([card_id])  # the tab still follows the selection
    qtbot.waitUntil(lambda: panel.tabs.isTabEnabled(TAB_WHY))
