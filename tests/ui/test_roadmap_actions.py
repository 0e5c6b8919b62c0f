"""The roadmaps of one file in the window: New, Rename, Delete with its backup, Restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from roadmapper.core.interchange import MAX_NAME
from roadmapper.export.text import roadmap_file_text
from roadmapper.store.store import Store
from roadmapper.ui import roadmap_actions
from roadmapper.ui.main_window import MainWindow
from roadmapper.ui.roadmap_actions import backup_path, file_stem, unique_name


class Dialogs:
    """What the window asked and said, with the answers given to it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str | None] = []
        self.answers: list[bool] = []
        self.asked: list[str] = []
        self.warned: list[str] = []
        monkeypatch.setattr(roadmap_actions, "ask_name", self._ask_name)
        monkeypatch.setattr(roadmap_actions, "confirm", self._confirm)
        monkeypatch.setattr(roadmap_actions, "warn", self._warn)
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: self.warned.append(text))

    def _ask_name(self, _parent, _title, prompt, text="") -> str | None:
        self.asked.append(prompt)
        return self.names.pop(0)

    def _confirm(self, _parent, _title, text, _verb) -> bool:
        self.asked.append(text)
        return self.answers.pop(0)

    def _warn(self, _parent, _title, text) -> None:
        self.warned.append(text)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


def names(store: Store) -> list[str]:
    return [r.name for r in store.roadmaps()]


def test_new_roadmap_is_created_and_shown(window: MainWindow, dialogs: Dialogs) -> None:
    assert not window.switcher_action.isVisible()
    dialogs.names = ["  Q3 plan "]
    window.roadmaps.new.trigger()
    assert window.document.snapshot.roadmap.name == "Q3 plan"
    assert window.document.current_snapshot().initiatives == ()
    assert window.switcher_action.isVisible()
    assert window.switcher.currentText() == "Q3 plan"
    assert "Q3 plan" in window.windowTitle()
    assert window.notice.text() == "Created the roadmap “Q3 plan”."


def test_new_roadmap_with_a_taken_name_says_so(window: MainWindow, dialogs: Dialogs) -> None:
    before = names(window.store)
    shown = window.document.roadmap_id
    dialogs.names = [before[0], None]
    window.roadmaps.new.trigger()
    window.roadmaps.new.trigger()  # cancelled: nothing at all
    assert len(dialogs.warned) == 1 and "already exists" in dialogs.warned[0]
    assert names(window.store) == before and window.document.roadmap_id == shown


def test_rename_is_an_undo_step(window: MainWindow, dialogs: Dialogs) -> None:
    old = window.document.snapshot.roadmap.name
    window.store.create_roadmap("Other")
    window.document.load(window.document.roadmap_id)
    dialogs.names = ["Bikes & workshops 2027"]
    window.roadmaps.rename.trigger()
    assert dialogs.asked == [f"New name for “{old}”:"]
    assert window.store.load(window.document.roadmap_id).roadmap.name == "Bikes & workshops 2027"
    assert "Bikes & workshops 2027" in window.windowTitle()
    assert window.switcher.currentText() == "Bikes & workshops 2027"
    assert window.actions_.undo.text() == f"&Undo Rename roadmap “{old}”"
    window.editor.undo()
    assert window.store.load(window.document.roadmap_id).roadmap.name == old
    assert window.switcher.currentText() == old and old in window.windowTitle()
    window.editor.redo()
    assert window.switcher.currentText() == "Bikes & workshops 2027"


@pytest.mark.parametrize(("typed", "words"), [("   ", "needs a name"), ("Other", "already exists")])
def test_a_refused_rename_says_why(
    window: MainWindow, dialogs: Dialogs, typed: str, words: str
) -> None:
    old = window.document.snapshot.roadmap.name
    window.store.create_roadmap("Other")
    dialogs.names = [typed]
    window.roadmaps.rename.trigger()
    assert len(dialogs.warned) == 1 and words in dialogs.warned[0]
    assert window.store.load(window.document.roadmap_id).roadmap.name == old
    assert not window.actions_.undo.isEnabled()


def test_a_rename_after_one_elsewhere_shows_theirs(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    roadmap = window.document.snapshot.roadmap
    other = Store.open(str(window.store.database.path))
    try:
        other.rename_roadmap(roadmap.id, "Their name", roadmap.version)
    finally:
        other.close()
    dialogs.names = ["My name"]
    window.roadmaps.rename.trigger()
    assert len(dialogs.warned) == 1 and "another window" in dialogs.warned[0]
    assert window.document.snapshot.roadmap.name == "Their name"
    assert "Their name" in window.windowTitle()


def test_the_last_roadmap_of_a_file_is_not_deleted(window: MainWindow, dialogs: Dialogs) -> None:
    name = window.document.snapshot.roadmap.name
    window.roadmaps.delete.trigger()
    assert dialogs.asked == []  # refused before asking
    assert len(dialogs.warned) == 1
    assert f"“{name}” is the only roadmap in" in dialogs.warned[0]
    assert names(window.store) == [name]
    assert not roadmap_actions.backup_folder().exists()


def test_delete_asks_backs_up_and_can_be_restored(window: MainWindow, dialogs: Dialogs) -> None:
    store = window.store
    roadmap = window.document.snapshot.roadmap
    shown = window.document.current_snapshot()
    store.create_roadmap("Other")
    window.document.load(roadmap.id)
    exported = roadmap_file_text(store.load(roadmap.id))
    dialogs.answers = [True]
    window.roadmaps.delete.trigger()
    question = dialogs.asked[0]
    assert f"“{roadmap.name}” with {len(shown.initiatives)} initiatives and " in question
    assert f"{len(shown.outcomes)} outcomes" in question
    assert str(roadmap_actions.backup_folder()) in question
    assert names(store) == ["Other"]
    assert window.document.snapshot.roadmap.name == "Other"
    backups = list(roadmap_actions.backup_folder().iterdir())
    assert len(backups) == 1 and backups[0].name.startswith(file_stem(roadmap.name))
    assert backups[0].read_text(encoding="utf-8") == exported  # the whole roadmap
    assert (
        backups[0].name in window.notice.text() and str(backups[0].parent) in window.notice.text()
    )
    assert window.notice.file == backups[0]
    restore = window.roadmaps.restore
    assert restore.isEnabled() and roadmap.name in restore.text()
    restore.trigger()
    assert not dialogs.warned
    assert sorted(names(store)) == sorted(["Other", roadmap.name])
    back = window.document.snapshot.roadmap
    assert back.name == roadmap.name
    assert roadmap_file_text(store.load(back.id)) == exported
    assert window.notice.text() == f"Restored “{roadmap.name}”."
    assert not restore.isEnabled()


def test_a_cancelled_delete_changes_nothing(window: MainWindow, dialogs: Dialogs) -> None:
    window.store.create_roadmap("Other")
    before = names(window.store)
    dialogs.answers = [False]
    window.roadmaps.delete.trigger()
    assert names(window.store) == before
    assert not roadmap_actions.backup_folder().exists()


def test_no_backup_no_delete(
    window: MainWindow, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder would go", encoding="utf-8")
    monkeypatch.setattr(roadmap_actions, "backup_folder", lambda: blocked / "backups")
    window.store.create_roadmap("Other")
    before = names(window.store)
    dialogs.answers = [True]
    window.roadmaps.delete.trigger()
    assert len(dialogs.warned) == 1
    assert "was not deleted" in dialogs.warned[0] and str(blocked) in dialogs.warned[0]
    assert "\n" not in dialogs.warned[0]
    assert names(window.store) == before


def test_restore_takes_a_new_name_when_the_old_one_is_taken(
    window: MainWindow, dialogs: Dialogs
) -> None:
    roadmap = window.document.snapshot.roadmap
    window.store.create_roadmap("Other")
    window.document.load(roadmap.id)
    dialogs.answers = [True]
    window.roadmaps.delete.trigger()
    window.store.create_roadmap(roadmap.name)  # someone used the name meanwhile
    window.roadmaps.restore.trigger()
    assert window.document.snapshot.roadmap.name == f"{roadmap.name} (2)"
    assert f"as “{roadmap.name} (2)”" in window.notice.text()


def test_a_broken_backup_restores_nothing(
    window: MainWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "roadmapper/1", "roadmap": {"name": 3}}', encoding="utf-8")
    before = names(window.store)
    assert not window.roadmaps.restore_file(bad)
    assert len(dialogs.warned) == 1 and str(bad) in dialogs.warned[0]
    assert "roadmap.name" in dialogs.warned[0]
    assert names(window.store) == before


def test_the_roadmap_menu_and_the_switcher_offer_the_actions(window: MainWindow) -> None:
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
    r = window.roadmaps
    assert menus["&Roadmap"].actions()[:3] == [r.new, r.rename, r.delete]
    assert window.switcher.contextMenuPolicy() is Qt.ContextMenuPolicy.CustomContextMenu
    assert window.switcher_menu().actions() == [r.new, r.rename, r.delete]


def test_unique_names() -> None:
    assert unique_name("Plan", {"Other"}) == "Plan"
    assert unique_name("Plan", {"Plan"}) == "Plan (2)"
    assert unique_name("Plan", {"Plan", "Plan (2)"}) == "Plan (3)"
    long = "x" * MAX_NAME
    renamed = unique_name(long, {long})
    assert len(renamed) == MAX_NAME and renamed.endswith(" (2)")


def test_backup_file_names_are_safe_and_never_reused(tmp_path: Path) -> None:
    import datetime as dt

    at = dt.datetime(2026, 12, 2, 8, 15, 30)
    first = backup_path('Plan: "Q3/Q4"\n2027', tmp_path, at)
    assert first.name == "Plan_ _Q3_Q4_ 2027 2026-12-02 08-15-30.json"
    first.write_text("{}", encoding="utf-8")
    assert backup_path('Plan: "Q3/Q4"\n2027', tmp_path, at).name.endswith(" (2).json")
    assert file_stem("...") == "roadmap"


def test_dialogs_show_user_text_as_typed(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert not roadmap_actions.confirm(None, "Delete roadmap", "Delete “<b>x</b>”?", "Delete")
    roadmap_actions.warn(None, "Delete roadmap", "“<b>x</b>” was not deleted")
    assert [b.textFormat() for b in seen] == [Qt.TextFormat.PlainText] * 2
    assert seen[1].text() == "“<b>x</b>” was not deleted."
