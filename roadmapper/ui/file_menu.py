"""The File menu: new roadmap file, open, recent files, save a copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from roadmapper.core.errors import RoadmapperError
from roadmapper.core.text import sentence
from roadmapper.ui.widgets.actions import Shortcut, make_action

if TYPE_CHECKING:
    from roadmapper.store.interface import RoadmapStore

FILE_FILTER = "Roadmapper databases (*.db *.sqlite *.roadmap);;All files (*)"
DEFAULT_SUFFIX = ".db"
MAX_RECENT = 8
RECENT_KEY = "files/recent"


def with_suffix(path: Path) -> Path:
    """``path`` with ``.db`` when it has no suffix, so the Open dialog's filter shows it."""
    return path if path.suffix else path.with_name(path.name + DEFAULT_SUFFIX)


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def remember(settings: QSettings, path: Path) -> None:
    """Put ``path`` first among the recent files. Nothing is written when it is first
    already: a switch of roadmap in the same file would sync the settings file to disk
    (Qt writes on every ``setValue``, equal or not) for nothing."""
    recent = recent_files(settings)
    entries = [str(path.absolute())] + [p for p in recent if p != str(path.absolute())]
    if entries[:MAX_RECENT] != recent:
        settings.setValue(RECENT_KEY, entries[:MAX_RECENT])


class FileActions(QObject):
    """File menu actions; ``open_store`` is the window's way to switch databases."""

    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        current: Callable[[], RoadmapStore],
        open_store: Callable[[RoadmapStore], None],
        notify: Callable[[str, Path | None], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.current = current
        self.open_store = open_store
        self.notify = notify
        self.new_file = self._action(
            "&New roadmap file…", QKeySequence.StandardKey.New, self.create_file
        )
        self.new_file.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.open_file = self._action("&Open…", QKeySequence.StandardKey.Open, self.choose_file)
        self.save_copy = self._action(
            "Save a &copy as…", QKeySequence.StandardKey.SaveAs, self.copy_file
        )
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    def _action(self, text: str, shortcut: Shortcut, slot: Callable[[], object]) -> QAction:
        return make_action(self, self.window, text, slot, shortcut)

    def _start_folder(self) -> str:
        path = self.current().database.path
        return str(path.parent) if path else str(Path.home())

    def _fail(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window, title, sentence(message))

    def create_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            "New roadmap file",
            str(Path(self._start_folder()) / "roadmap.db"),
            FILE_FILTER,
        )
        if not name:
            return
        path = with_suffix(Path(name))
        if path.exists():
            # Never overwrite a file from here: it may hold someone's only roadmap.
            self._fail(
                "New roadmap file",
                f"{path} already exists; use Open to work on it, or choose another name.",
            )
            return
        self.open_path(path, create=True)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window, "Open roadmap file", self._start_folder(), FILE_FILTER
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, create: bool = False) -> bool:
        """Open ``path`` (``create``: a new file, its folders too); on any error the
        current roadmap stays open."""
        # Here, not at the top: the window is up before the full store is imported.
        from roadmapper.store.database import open_database
        from roadmapper.store.store import Store

        try:
            store = Store(open_database(path, create=create))
        except RoadmapperError as exc:
            self._fail("Open roadmap file", str(exc))
            return False
        remember(self.settings, path)
        self.open_store(store)
        return True

    def copy_file(self) -> None:
        store = self.current()
        start = store.database.path
        suggestion = str(start.with_name(f"{start.stem} copy{start.suffix}")) if start else ""
        name, _filter = QFileDialog.getSaveFileName(
            self.window, "Save a copy as", suggestion, FILE_FILTER
        )
        if not name:
            return
        copy = with_suffix(Path(name))
        try:
            store.save_copy(copy)
        except RoadmapperError as exc:
            self._fail("Save a copy", str(exc))
            return
        if self.notify is not None:
            self.notify(f"Saved a copy as “{copy.name}” in {copy.parent}.", copy)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = [p for p in recent_files(self.settings) if Path(p).is_file()]
        for entry in entries:
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(lambda _c=False, p=entry: self.open_path(Path(p)))
        if not entries:
            self.recent_menu.addAction("No recent files").setEnabled(False)
