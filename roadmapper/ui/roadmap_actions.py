"""The roadmaps of one file: New, Rename and Delete (backed up first, and restorable).

New and Delete change which roadmaps the file holds, so the window shows another
one afterwards (its undo history starts afresh, as when switching); Rename is an
undo step on the open roadmap (``Editor.rename_roadmap``). Deleting writes the
roadmap as a ``roadmapper/1`` file into the app's backup folder first, and
Restore imports that file again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

from roadmapper.core.entities import Roadmap, RoadmapSnapshot
from roadmapper.core.errors import RoadmapperError
from roadmapper.core.interchange import MAX_NAME
from roadmapper.core.text import count, sentence, shorten
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.widgets.actions import make_action

if TYPE_CHECKING:
    from roadmapper.store.interface import RoadmapStore

Notify = Callable[[str, Path | None], None]

BACKUP_FOLDER = "backups"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_NAME_IN_FILE = 60


def backup_folder() -> Path:
    """Where deleted roadmaps are kept: the app's data folder, ``backups``."""
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(data or Path.home()) / BACKUP_FOLDER


def file_stem(name: str) -> str:
    """``name`` as part of a file name on every system: no separators, not too long."""
    stem = _UNSAFE.sub("_", " ".join(name.split())).strip(" .")
    return stem[:_NAME_IN_FILE].rstrip(" .") or "roadmap"


def backup_path(name: str, folder: Path, now: dt.datetime | None = None) -> Path:
    """A new file in ``folder`` for the roadmap ``name``: its name and the time, never reused."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d %H-%M-%S")
    base = f"{file_stem(name)} {stamp}"
    path = folder / f"{base}.json"
    n = 2
    while path.exists():
        path = folder / f"{base} ({n}).json"
        n += 1
    return path


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or "``name`` (2)", "(3)"... the first no other roadmap has (within MAX_NAME)."""
    name = name.strip()
    if name not in taken:
        return name
    n = 2
    while True:
        tail = f" ({n})"
        candidate = name[: MAX_NAME - len(tail)].rstrip() + tail
        if candidate not in taken:
            return candidate
        n += 1


def import_as_new(store: RoadmapStore, snapshot: RoadmapSnapshot) -> Roadmap:
    """Write ``snapshot`` as a new roadmap, under a new unique name if its own is taken."""
    from roadmapper.store.interchange import import_snapshot

    name = unique_name(snapshot.roadmap.name, {r.name for r in store.roadmaps()})
    return import_snapshot(store, snapshot, name)


def called(roadmap: Roadmap, snapshot: RoadmapSnapshot) -> str:
    """ ", called “X (2)” because “X” exists" when the import had to take another name."""
    if roadmap.name == snapshot.roadmap.name.strip():
        return ""
    return (
        f" as “{roadmap.name}”, because a roadmap named “{shorten(snapshot.roadmap.name)}” "
        "is already in this file"
    )


# -- dialogs: user text is shown as typed, never as markup ---------------------------


def _plain(box: QWidget) -> None:
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def ask_name(parent: QWidget, title: str, prompt: str, text: str = "") -> str | None:
    """A name typed in a small dialog; ``None`` when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(prompt)
    dialog.setTextValue(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    _plain(dialog)
    edit = dialog.findChild(QLineEdit)
    if edit is not None:
        edit.setMaxLength(MAX_NAME)
        edit.setAccessibleName("Roadmap name")
    try:
        accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue() if accepted else None
    finally:
        dialog.deleteLater()


def confirm(parent: QWidget, title: str, text: str, verb: str) -> bool:
    """Ask before doing something that cannot be undone; ``verb`` names the button."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes = box.addButton(verb, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    try:
        box.exec()
        return box.clickedButton() is yes
    finally:
        box.deleteLater()


def warn(parent: QWidget, title: str, text: str) -> None:
    """One sentence saying what was not done and why."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, sentence(text), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    try:
        box.exec()
    finally:
        box.deleteLater()


class RoadmapActions(QObject):
    """New, Rename, Delete and Restore roadmap; the window places them in menus."""

    def __init__(self, window: QWidget, editor: Editor, notify: Notify) -> None:
        super().__init__(window)
        self.window = window
        self.editor = editor
        self.document = editor.document
        self.notify = notify
        self.new = make_action(
            self, window, "&New roadmap…", self.create, None, "Start another roadmap in this file"
        )
        self.rename = make_action(
            self, window, "&Rename roadmap…", self.rename_current, None, "Rename this roadmap"
        )
        self.delete = make_action(
            self,
            window,
            "&Delete roadmap…",
            self.delete_current,
            None,
            "Delete this roadmap from the file, after writing a backup of it",
        )
        self.restore = make_action(
            self, window, "Re&store deleted roadmap", self.restore_deleted, None
        )
        self._deleted: tuple[Path, RoadmapStore, str] | None = None
        """The backup of the roadmap deleted last, the file it was in, and its name."""
        self.update_enabled()
        self.document.reset.connect(self.update_enabled)

    @property
    def store(self) -> RoadmapStore:
        return self.document.store

    def _open(self, roadmap_id: int) -> bool:
        try:
            self.document.load(roadmap_id)
        except RoadmapperError as exc:
            warn(self.window, "Open roadmap", str(exc))
            return False
        return True

    def create(self) -> None:
        name = ask_name(self.window, "New roadmap", "Name of the new roadmap:")
        if name is None:
            return
        try:
            roadmap = self.store.create_roadmap(name)
        except RoadmapperError as exc:
            warn(self.window, "New roadmap", str(exc))
            return
        if self._open(roadmap.id):
            self.notify(f"Created the roadmap “{roadmap.name}”.", None)

    def rename_current(self) -> None:
        current = self.document.snapshot.roadmap.name
        name = ask_name(
            self.window, "Rename roadmap", f"New name for “{shorten(current)}”:", current
        )
        if name is not None:
            self.editor.rename_roadmap(name)  # a refusal is said by the editor's failed signal

    def delete_current(self) -> None:
        store, document = self.store, self.document
        roadmap = document.snapshot.roadmap
        label = store.database.label
        if store.database.read_only:
            warn(self.window, "Delete roadmap", f"{label} is open read-only; nothing was deleted")
            return
        try:
            others = [r for r in store.roadmaps() if r.id != roadmap.id]
        except RoadmapperError as exc:
            warn(self.window, "Delete roadmap", str(exc))
            return
        if not others:
            warn(
                self.window,
                "Delete roadmap",
                f"“{roadmap.name}” is the only roadmap in {label}, so it was not deleted; "
                "create another roadmap first, or delete the file itself",
            )
            return
        shown = document.current_snapshot()
        holds = (
            f"{count(len(shown.initiatives), 'initiative')} and "
            f"{count(len(shown.outcomes), 'outcome')}"
        )
        folder = backup_folder()
        question = (
            f"Delete the roadmap “{roadmap.name}” with {holds} from {label}? A backup of it "
            f"is written to {folder} first, so you can restore it."
        )
        if not confirm(self.window, "Delete roadmap", question, "Delete roadmap"):
            return
        try:
            backup = self._write_backup(store, roadmap, folder)
            store.delete_roadmap(roadmap.id)
        except RoadmapperError as exc:
            warn(self.window, "Delete roadmap", f"“{roadmap.name}” was not deleted: {exc}")
            return
        self._deleted = (backup, store, roadmap.name)
        self._open(min(others, key=lambda r: r.name.casefold()).id)
        self.update_enabled()
        self.notify(
            f"Deleted the roadmap “{roadmap.name}”. Its backup is “{backup.name}” in "
            f"{backup.parent}; Roadmap > Restore “{shorten(roadmap.name)}” brings it back.",
            backup,
        )

    def _write_backup(self, store: RoadmapStore, roadmap: Roadmap, folder: Path) -> Path:
        """The roadmap as stored now, written whole to a new file in ``folder``."""
        from roadmapper.export.text import write_json

        snapshot = store.load(roadmap.id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise RoadmapperError(f"the backup folder {folder} cannot be made: {reason}") from None
        backup = backup_path(roadmap.name, folder)
        write_json(snapshot, backup)
        return backup

    def restore_deleted(self) -> None:
        if self._deleted is None:
            return
        self.restore_file(self._deleted[0])

    def restore_file(self, backup: Path) -> bool:
        """Import the backup ``backup`` into the open file and show it."""
        from roadmapper.store.interchange import read_file

        try:
            snapshot, _refs = read_file(backup)
            roadmap = import_as_new(self.store, snapshot)
        except RoadmapperError as exc:
            warn(self.window, "Restore roadmap", f"nothing was restored: {exc}")
            return False
        if self._deleted is not None and self._deleted[0] == backup:
            self._deleted = None
        if not self._open(roadmap.id):
            return False
        self.notify(f"Restored “{snapshot.roadmap.name}”{called(roadmap, snapshot)}.", None)
        return True

    def update_enabled(self) -> None:
        """Nothing to change in a read-only file; Restore offers the last deleted roadmap
        while its file is the one open."""
        writable = not self.store.database.read_only
        for action in (self.new, self.rename, self.delete):
            action.setEnabled(writable)
        if self._deleted is not None and self._deleted[1] is not self.store:
            self._deleted = None
        self.restore.setEnabled(writable and self._deleted is not None)
        if self._deleted is None:
            self.restore.setText("Re&store deleted roadmap")
        else:
            name = shorten(self._deleted[2]).replace("&", "&&")
            self.restore.setText(f"Re&store “{name}”")
