"""A database opened read-only on purpose: a banner says so, and nothing can be changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView

from roadmapper.model.enums import Column
from roadmapper.store.database import open_database
from roadmapper.store.store import Store
from roadmapper.ui.main_window import MainWindow


def test_a_read_only_database_shows_a_banner_and_refuses_every_change(
    qtbot, sample_store: Store, settings: QSettings, tmp_path: Path
) -> None:
    path = sample_store.database.path
    assert path is not None
    sample_store.close()
    before = path.read_bytes()
    store = Store(open_database(path, read_only=True))
    assert store.database.read_only
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.read_only_bar.isVisible()
    assert "Read-only" in window.read_only_label.text()
    assert str(path) in window.read_only_label.text()
    assert not window.actions_.new.isEnabled()
    view = window.board.views[Column.NOW]
    assert view.dragDropMode() is QAbstractItemView.DragDropMode.NoDragDrop

    refusals: list[str] = []
    window.editor.failed.disconnect()  # no message box in a test: collect the sentence
    window.editor.failed.connect(refusals.append)
    card = window.document.column_ids(Column.NOW)[0]
    assert not window.editor.move([card], Column.LATER, 0)
    assert refusals and "read-only" in refusals[0] and "\n" not in refusals[0]
    assert window.document.card(card).column is Column.NOW
    assert window.editor.undo_stack.count() == 0
    window.close()
    store.close()
    assert path.read_bytes() == before


def test_a_writable_database_shows_no_banner(window: MainWindow) -> None:
    assert not window.read_only_bar.isVisible()
    assert window.actions_.new.isEnabled()
    view = window.board.views[Column.NOW]
    assert view.dragDropMode() is QAbstractItemView.DragDropMode.DragDrop
