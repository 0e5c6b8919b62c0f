"""What the window wires between its parts: zoom kept, quick look, health entries, roadmaps."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.store.store import Store
from roadmapper.ui.main_window import MainWindow


def test_zoom_is_in_the_view_menu_and_remembered(
    window: MainWindow, settings: QSettings, sample_store: Store, qtbot
) -> None:
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert window.actions_.zoom_in in view_menu.actions()
    assert window.actions_.zoom_reset in view_menu.actions()
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    zoomed = window.board.zoom()
    assert zoomed > 100
    window.close()
    again = MainWindow(sample_store, settings)
    qtbot.addWidget(again)
    assert again.board.zoom() == zoomed
    again.actions_.zoom_reset.trigger()
    assert again.board.zoom() == 100


def test_a_damaged_zoom_setting_opens_at_actual_size(
    sample_store: Store, settings: QSettings, qtbot
) -> None:
    settings.setValue("board/zoom", "huge")
    window = MainWindow(sample_store, settings)
    qtbot.addWidget(window)
    assert window.board.zoom() == 100


def test_space_on_a_card_opens_its_quick_look_and_typing_a_space_elsewhere_does_not(
    window: MainWindow, qtbot
) -> None:
    card = window.document.column_ids(Column.NOW)[0]
    window.board.select([card])
    view = window.board.views[Column.NOW]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert len(shown) == 1
    title = window.document.card(card).title
    assert title in [label.text() for label in shown[0].findChildren(QLabel)]
    qtbot.keyClick(shown[0], Qt.Key.Key_Escape)
    assert not shown[0].isVisible()
    # The keys are back on the card: Delete now deletes the card that was looked at.
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not window.document.has_card(card)
    window.filter_box.setFocus()
    qtbot.keyClicks(window.filter_box, "a b")
    assert window.filter_box.text() == "a b"
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_health_entry_selects_its_card_even_when_the_filter_hides_it(
    window: MainWindow, qtbot
) -> None:
    document = window.document
    unlinked = window.editor.create(InitiativeFields("Zebra crossing study"), Column.LATER)
    assert unlinked is not None
    window.filter_box.setText("no such words")
    window.panel.health.card_requested.emit(unlinked)
    assert window.filter_box.text() == ""
    assert window.board.selected_ids() == [unlinked]
    assert document.card(unlinked).outcome_id is None


def test_the_outcome_tree_shows_every_outcome_on_a_laptop_screen(window: MainWindow, qtbot) -> None:
    window.resize(1366, 768)
    view = window.panel.tree.tree
    last = view.model().index(view.model().rowCount() - 1, 0)
    while view.indexBelow(last).isValid():
        last = view.indexBelow(last)

    def last_row_whole() -> bool:
        rect = view.visualRect(last)
        return rect.isValid() and rect.bottom() <= view.viewport().height()

    qtbot.waitUntil(last_row_whole)
