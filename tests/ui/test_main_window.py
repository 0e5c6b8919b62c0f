"""The window as a person uses it: names, keys, menus, legend, filter, files, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QLineEdit, QMessageBox, QStatusBar, QWidget

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.store.store import Store
from roadmapper.ui.board import initiative_dialog as dialog_module
from roadmapper.ui.main_window import MainWindow


def ids(window: MainWindow, column: Column) -> list[int]:
    return window.board.views[column].column_model().ids()


def stored(window: MainWindow, column: Column) -> list[int]:
    return [i.id for i in window.store.load(window.document.roadmap_id).column(column)]


def test_automation_names_exist(window: MainWindow) -> None:
    for column in Column:
        assert window.findChild(QWidget, f"column-{column.value}") is not None
    assert isinstance(window.findChild(QDockWidget, "outcome-panel"), QDockWidget)
    assert window.findChild(QWidget, "outcome-legend") is not None
    assert isinstance(window.findChild(QLineEdit, "filter-box"), QLineEdit)


def test_columns_show_titles_and_counts_done_hidden(window: MainWindow) -> None:
    panels = window.board.panels
    assert panels[Column.DONE].isHidden()
    assert panels[Column.NOW].count.text() == str(len(ids(window, Column.NOW)))
    window.actions_.show_done.setChecked(True)
    assert panels[Column.DONE].isVisible()
    assert window.board.visible_columns() == list(Column)


def test_title_names_roadmap_and_file(window: MainWindow) -> None:
    assert window.document.snapshot.roadmap.name in window.windowTitle()
    assert "roadmap.db" in window.windowTitle()


def test_keyboard_moves_between_columns_and_undo(window: MainWindow, qtbot) -> None:
    now = window.board.views[Column.NOW]
    card = ids(window, Column.NOW)[1]
    window.board.select([card])
    now.setFocus()
    qtbot.keyClick(now, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert card in ids(window, Column.NEXT) and ids(window, Column.NEXT).index(card) == 1
    assert stored(window, Column.NEXT) == ids(window, Column.NEXT)
    # The moved card stays selected, so the next key press acts on it again.
    assert window.board.selected_ids() == [card]
    qtbot.keyClick(
        window.board.views[Column.NEXT], Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )
    assert ids(window, Column.NOW).index(card) == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert card in ids(window, Column.NEXT)
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert card in ids(window, Column.NOW)


def test_the_first_status_message_moves_nothing(window: MainWindow, qtbot) -> None:
    """The status bar is there from the start: a move's message does not shorten the board."""
    now = window.board.views[Column.NOW]
    bar = window.findChild(QStatusBar)
    assert bar is not None and bar.isVisible()
    qtbot.wait(100)  # the panel, built after the first paint, settles
    board, column = window.board.geometry(), now.geometry()
    window.board.select([ids(window, Column.NOW)[1]])
    now.setFocus()
    qtbot.keyClick(now, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    qtbot.wait(50)
    assert (window.board.geometry(), now.geometry()) == (board, column)


def test_keyboard_reorders_within_a_column(window: MainWindow, qtbot) -> None:
    before = ids(window, Column.NOW)
    window.board.select([before[0]])
    view = window.board.views[Column.NOW]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert ids(window, Column.NOW)[:2] == [before[1], before[0]]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert ids(window, Column.NOW) == before
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # already first
    assert ids(window, Column.NOW) == before
    assert "Reorder" in window.editor.undo_stack.undoText()


def test_delete_is_undoable_and_named(window: MainWindow, qtbot) -> None:
    card = ids(window, Column.LATER)[0]
    title = window.document.card(card).title
    window.board.select([card])
    qtbot.keyClick(window.board.views[Column.LATER], Qt.Key.Key_Delete)
    assert card not in stored(window, Column.LATER)
    assert "Delete" in window.actions_.undo.text() and title[:30] in window.actions_.undo.text()
    window.actions_.undo.trigger()
    assert stored(window, Column.LATER)[0] == card


def test_an_ampersand_in_a_step_is_shown_not_eaten(window: MainWindow, qtbot) -> None:
    card = next(c for c in ids(window, Column.NOW) if "&" in window.document.card(c).title)
    title = window.document.card(card).title  # 'Fix "phantom" slots & double-booked ...'
    window.board.select([card])
    qtbot.keyClick(window.board.views[Column.NOW], Qt.Key.Key_Delete)
    undo = window.actions_.undo
    assert "slots && double" in undo.text()  # the menu shows one "&", underlines nothing
    assert "slots & double" in undo.toolTip() and "&&" not in undo.toolTip()
    assert undo.toolTip().endswith(f"({undo.shortcut().toString()})")
    assert undo.iconText() == "Undo"  # the toolbar button keeps its word
    assert title[:20] in undo.toolTip()


def test_context_menu_move_to(window: MainWindow) -> None:
    card = ids(window, Column.NEXT)[0]
    window.board.select([card])
    window.actions_.move_to[Column.LATER].trigger()
    assert ids(window, Column.LATER)[-1] == card
    window.actions_.move_to[Column.DONE].trigger()
    assert window.board.panels[Column.DONE].isVisible()


def test_new_and_edit_go_through_the_dialog(
    window: MainWindow,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class FakeDialog(QObject):
        def __init__(self, snapshot, initiative, column, parent) -> None:
            super().__init__()  # deleteLater(), as a dialog has
            self.initiative, self.chosen = initiative, column

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

        def fields(self) -> InitiativeFields:
            title = "Edited title" if self.initiative else "Brand new card"
            return InitiativeFields(title)

        def column(self) -> Column:
            return Column.NEXT if self.initiative is None else Column.LATER

    monkeypatch.setattr(dialog_module, "InitiativeDialog", FakeDialog)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new_id = ids(window, Column.NEXT)[-1]
    assert window.document.card(new_id).title == "Brand new card"
    view = window.board.views[Column.NEXT]
    view.setCurrentIndex(view.model().index(len(ids(window, Column.NEXT)) - 1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.document.card(new_id).title == "Edited title"
    assert window.document.card(new_id).column is Column.LATER
    window.actions_.undo.trigger()  # edit and column change are one step
    assert window.document.card(new_id).title == "Brand new card"
    assert window.document.card(new_id).column is Column.NEXT


def test_legend_click_highlights_one_outcome(window: MainWindow) -> None:
    legend = window.board.legend
    outcome_id, button = next(iter(legend.buttons().items()))
    button.click()
    highlight = window.board.highlight
    assert highlight.active and highlight.outcome_id == outcome_id
    assert highlight.dims(None) and not highlight.dims(outcome_id)
    button.click()
    assert not highlight.active


def test_filter_box_narrows_columns(window: MainWindow, qtbot) -> None:
    box = window.findChild(QLineEdit, "filter-box")
    qtbot.keyClicks(box, "phantom")
    shown = [window.document.card(i).title for c in Column for i in ids(window, c)]
    assert shown and all("phantom" in t.casefold() for t in shown)
    assert " of " in window.board.panels[Column.NOW].count.text()
    box.clear()
    assert len(ids(window, Column.NOW)) == window.document.count(Column.NOW)


def test_empty_roadmap_shows_an_invitation(qtbot, tmp_path: Path, settings: QSettings) -> None:
    store = Store.open(str(tmp_path / "empty.db"))
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    assert win.board.stack.currentWidget() is win.board.empty
    assert win.document.snapshot.roadmap.name == "Empty"
    store.close()


def test_switcher_appears_with_several_roadmaps(window: MainWindow) -> None:
    assert not window.switcher_action.isVisible()
    window.store.create_roadmap("Second plan")
    window.document.load(window.document.roadmap_id)
    assert window.switcher_action.isVisible() and window.switcher.count() == 2
    second = window.switcher.findText("Second plan")
    window.switcher.setCurrentIndex(second)
    window.switcher.activated.emit(second)
    assert window.document.snapshot.roadmap.name == "Second plan"


def test_switching_roadmap_in_the_same_file_writes_no_settings(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is first among the recent files already: Qt would sync the settings file
    to disk on every switch, equal value or not."""
    first = window.document.roadmap_id
    second = window.store.create_roadmap("Second plan").id
    window.document.load(first)
    path = str(window.store.database.path.absolute())
    assert window.settings.value("files/recent") == [path]
    written: list[str] = []
    real = window.settings.setValue
    monkeypatch.setattr(
        window.settings, "setValue", lambda key, value: written.append(key) or real(key, value)
    )
    window.document.load(second)
    window.document.load(first)
    assert "files/recent" not in written
    window.settings.setValue("files/recent", [str(tmp_path / "other.db"), path])
    written.clear()
    window.document.load(second)  # another file came first meanwhile: this one goes first
    assert written == ["files/recent"]
    assert window.settings.value("files/recent") == [path, str(tmp_path / "other.db")]


def test_switching_back_to_a_kept_roadmap_lists_the_roadmaps_without_reading_them(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmapper.store.store import Store

    first = window.document.roadmap_id
    window.store.create_roadmap("Second plan")
    window.document.load(first)

    def switch(name: str) -> None:
        index = window.switcher.findText(name)
        window.switcher.setCurrentIndex(index)
        window.switcher.activated.emit(index)

    switch("Second plan")
    lists: list[int] = []
    real = window.store.roadmaps
    monkeypatch.setattr(window.store, "roadmaps", lambda: lists.append(1) or real())
    switch(window.switcher.itemText(window.switcher.findData(first)))
    assert window.document.restored and not lists
    assert window.switcher.currentData() == first
    assert window.switcher.toolTip() == f"Roadmap: {window.document.snapshot.roadmap.name}"
    other = Store.open(str(tmp_path / "roadmap.db"))  # another window adds a roadmap
    other.create_roadmap("Third plan")
    other.close()
    switch("Second plan")
    assert not window.document.restored and lists
    assert window.switcher.findText("Third plan") >= 0
    assert window.switcher.currentText() == "Second plan"
    third = window.switcher.itemData(window.switcher.findText("Third plan"))
    assert window.document.read_ahead(third)  # shown for the first time, from memory:
    lists.clear()
    switch("Third plan")
    assert window.document.from_memory and not window.document.restored and not lists
    assert window.switcher.currentData() == third


def test_open_a_bad_file_keeps_the_roadmap_and_says_why(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    bad = tmp_path / "notes.db"
    bad.write_text("not a database", encoding="utf-8")
    before = window.document.roadmap_id
    assert not window.files.open_path(bad)
    assert len(said) == 1 and "not a SQLite file" in said[0] and "\n" not in said[0]
    assert window.document.roadmap_id == before
    assert bad.read_text(encoding="utf-8") == "not a database"


def test_save_a_copy_and_open_it(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.db"
    monkeypatch.setattr(
        "roadmapper.ui.file_menu.QFileDialog.getSaveFileName", lambda *_a: (str(target), "")
    )
    window.files.copy_file()
    assert target.exists()
    assert window.files.open_path(target)
    assert window.store.database.path == target
    assert len(window.document.current_snapshot().initiatives) == 18
    assert "copy.db" in window.windowTitle()
    assert str(target) in window.settings.value("files/recent")


def test_a_new_file_or_copy_without_a_suffix_gets_db(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name typed without ".db" still shows in the Open dialog, whose filter wants it."""
    picked = iter([str(tmp_path / "plan 2027"), str(tmp_path / "backup")])
    monkeypatch.setattr(
        "roadmapper.ui.file_menu.QFileDialog.getSaveFileName", lambda *_a: (next(picked), "")
    )
    window.files.copy_file()
    window.files.create_file()
    assert (tmp_path / "plan 2027.db").is_file() and not (tmp_path / "plan 2027").exists()
    assert window.store.database.path == tmp_path / "backup.db"
    assert (tmp_path / "backup.db").is_file()


def test_geometry_and_done_column_are_remembered(
    window: MainWindow, settings: QSettings, sample_store: Store, qtbot
) -> None:
    window.actions_.show_done.setChecked(True)
    splitter = window.panel.splitter
    qtbot.waitUntil(lambda: splitter.sizes()[0] > 0)  # laid out in the shown window
    splitter.setSizes([300, 400])  # not the default
    share = splitter.sizes()[0] / sum(splitter.sizes())
    window.close()
    again = MainWindow(sample_store, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.actions_.show_done.isChecked()
    assert settings.value("window/geometry") is not None
    # Same share of the panel for the tree (the window may come back a little smaller).
    sizes = again.panel.splitter.sizes
    qtbot.waitUntil(lambda: abs(sizes()[0] / sum(sizes()) - share) < 0.02)
    assert abs(share - 0.33) > 0.02  # really not the default split


# -- the toolbar ----------------------------------------------------------------


def _toolbar_geometry(window: MainWindow) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    bar = window.toolbar
    shown = [w for w in bar.findChildren(QWidget) if w.isVisibleTo(window)]
    return {
        "hint": bar.sizeHint(),
        "bar": bar.geometry(),
        "widgets": [(w.objectName(), w.geometry()) for w in shown],
    }


def test_the_toolbar_never_reflows_after_an_undo_step(window: MainWindow) -> None:
    window.store.create_roadmap("Second plan")
    window.document.load(window.document.roadmap_id)  # two roadmaps: the switcher shows
    assert window.switcher_action.isVisible()
    before = _toolbar_geometry(window)
    title = "Bulk upload " + "x" * 188
    assert len(title) == 200
    assert window.editor.create(InitiativeFields(title), Column.NOW) is not None
    undo = window.actions_.undo
    assert undo.isEnabled() and "Bulk upload" in undo.toolTip() and "Ctrl+Z" in undo.toolTip()
    assert _toolbar_geometry(window) == before
    window.editor.undo()  # a redo step with the long title now
    assert window.actions_.redo.isEnabled()
    assert _toolbar_geometry(window) == before


def test_the_switcher_keeps_its_full_width(window: MainWindow) -> None:
    window.store.create_roadmap("Second plan")
    window.document.load(window.document.roadmap_id)
    switcher = window.switcher
    width = switcher.width()
    assert width == switcher.minimumSizeHint().width() == switcher.maximumWidth()
    assert window.filter_box.width() == window.filter_box.maximumWidth()
    # A much longer name neither widens nor narrows it, nor does a narrower window.
    window.store.create_roadmap("A roadmap with a very long name " * 5)
    window.document.load(window.document.roadmap_id)
    window.resize(900, 700)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert switcher.width() == width


def test_toolbar_buttons_are_icons_named_with_their_keys(window: MainWindow) -> None:
    from PySide6.QtWidgets import QToolButton

    bar = window.toolbar
    a = window.actions_
    for action in (a.new, a.undo, a.redo, a.show_done, window.exports.export):
        button = bar.widgetForAction(action)
        assert isinstance(button, QToolButton)
        assert not action.icon().isNull()
        assert button.accessibleName() and action.toolTip()
    assert (
        bar.widgetForAction(a.new).toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    )
    assert bar.widgetForAction(a.undo).toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly
    assert a.new.toolTip() == "New initiative (Ctrl+N)"
    assert window.exports.export.toolTip().endswith("(Ctrl+E)")
    assert bar.widgetForAction(a.show_done).isCheckable()


def test_toolbar_icons_follow_a_dark_palette(window: MainWindow) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    def ink(action) -> QColor:
        image = action.icon().pixmap(24, 24).toImage()
        darkest = max(
            (image.pixelColor(x, y) for x in range(24) for y in range(24)),
            key=lambda c: c.alpha(),
        )
        return darkest

    export = window.exports.export
    assert ink(export).lightness() < 100  # dark ink on the light default palette
    original = QApplication.palette()
    dark = QPalette(original)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        dark.setColor(group, QPalette.ColorRole.Window, QColor("#202124"))
        dark.setColor(group, QPalette.ColorRole.ButtonText, QColor("#e8eaed"))
    QApplication.setPalette(dark)
    try:
        QApplication.processEvents()
        assert ink(export).lightness() > 200
    finally:
        QApplication.setPalette(original)
    QApplication.processEvents()
    assert ink(export).lightness() < 100
