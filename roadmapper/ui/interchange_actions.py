"""File > Import roadmap…, Export roadmap as JSON… and as Markdown…: the CLI's readers and writers.

Import reads a ``roadmapper/1`` file with ``store.interchange.read_file`` (the code
``roadmapper import`` uses): all or nothing, and a refusal names the file and the
place in it. A roadmap whose name the open file already has is imported as
"Name (2)", and the notice says so. Exports write through the CLI's own writers,
whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.errors import RoadmapperError
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.roadmap_actions import Notify, called, file_stem, import_as_new, warn
from roadmapper.ui.widgets.actions import make_action

JSON_FILTER = "Roadmap files (*.json);;All files (*)"
MARKDOWN_FILTER = "Markdown (*.md *.markdown);;All files (*)"
FOLDER_KEY = "files/interchange_folder"


def with_suffix(path: Path, suffixes: tuple[str, ...]) -> Path:
    """``path``, with the first of ``suffixes`` added unless it already ends with one."""
    if path.suffix.lower() in suffixes:
        return path
    return path.with_name(path.name + suffixes[0])


class InterchangeActions(QObject):
    """Import and export roadmap files; the window places the actions in its File menu."""

    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        document: RoadmapDocument,
        notify: Notify,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.document = document
        self.notify = notify
        self.import_roadmap = make_action(
            self,
            window,
            "&Import roadmap…",
            self.choose_import,
            None,
            "Add a roadmap from a roadmapper/1 JSON file to this file",
        )
        self.export_json = make_action(
            self,
            window,
            "Export roadmap as &JSON…",
            self.choose_json,
            None,
            "Write this roadmap as a roadmapper/1 JSON file (to import elsewhere)",
        )
        self.export_markdown = make_action(
            self,
            window,
            "Export roadmap as &Markdown…",
            self.choose_markdown,
            None,
            "Write this roadmap as a Markdown document",
        )
        self.update_enabled()
        document.reset.connect(self.update_enabled)

    def update_enabled(self) -> None:
        self.import_roadmap.setEnabled(not self.document.store.database.read_only)

    def _folder(self) -> Path:
        remembered = self.settings.value(FOLDER_KEY, "")
        if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
            return Path(remembered)
        database = self.document.store.database.path
        return database.parent if database is not None else Path.home()

    def _remember(self, path: Path) -> None:
        self.settings.setValue(FOLDER_KEY, str(path.parent.absolute()))

    # -- import -----------------------------------------------------------------

    def choose_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window, "Import roadmap", str(self._folder()), JSON_FILTER
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> bool:
        """Import ``path`` as a new roadmap of the open file and show it; all or nothing."""
        from roadmapper.store.interchange import read_file

        store = self.document.store
        try:
            snapshot, _refs = read_file(path)
            roadmap = import_as_new(store, snapshot)
        except RoadmapperError as exc:
            warn(self.window, "Import roadmap", f"nothing was imported: {exc}")
            return False
        self._remember(path)
        try:
            self.document.load(roadmap.id)
        except RoadmapperError as exc:
            warn(self.window, "Import roadmap", str(exc))
            return False
        self.notify(
            f"Imported “{snapshot.roadmap.name}”{called(roadmap, snapshot)} from “{path.name}”.",
            path,
        )
        return True

    # -- export -----------------------------------------------------------------

    def choose_json(self) -> None:
        self._choose_export("Export roadmap as JSON", JSON_FILTER, (".json",), self.export_json_to)

    def choose_markdown(self) -> None:
        self._choose_export(
            "Export roadmap as Markdown", MARKDOWN_FILTER, (".md", ".markdown"), self.export_md_to
        )

    def _choose_export(
        self,
        title: str,
        filters: str,
        suffixes: tuple[str, ...],
        write: Callable[[Path], bool],
    ) -> None:
        suggestion = self._folder() / (file_stem(self.document.snapshot.roadmap.name) + suffixes[0])
        name, _filter = QFileDialog.getSaveFileName(self.window, title, str(suggestion), filters)
        if name:
            write(with_suffix(Path(name), suffixes))

    def export_json_to(self, path: Path) -> bool:
        from roadmapper.export.text import write_json

        return self._export(path, write_json, "Export roadmap as JSON")

    def export_md_to(self, path: Path) -> bool:
        from roadmapper.export.text import write_markdown

        return self._export(path, write_markdown, "Export roadmap as Markdown")

    def _export(
        self, path: Path, write: Callable[[RoadmapSnapshot, Path], None], title: str
    ) -> bool:
        """The roadmap as stored, as ``roadmapper export`` writes it; whole or not at all."""
        document = self.document
        try:
            write(document.store.load(document.roadmap_id), path)
        except RoadmapperError as exc:
            warn(self.window, title, str(exc))
            return False
        self._remember(path)
        self.notify(f"Exported “{path.name}” to {path.parent}.", path)
        return True
