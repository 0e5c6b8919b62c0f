"""File > Export…: the options form, a live preview with its pages, and writing with progress."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.errors import RoadmapperError
from roadmapper.core.text import sentence
from roadmapper.export.exporter import ExportCancelled, export_file
from roadmapper.export.formats import PICTURE_FORMATS
from roadmapper.export.options import ExportOptions
from roadmapper.export.raster import layout_pages
from roadmapper.ui.export_dialog.form import ExportForm
from roadmapper.ui.export_dialog.paging import PageBar
from roadmapper.ui.export_dialog.preview import PAGINATED, ExportPreview, overflow_for, page_note
from roadmapper.ui.export_dialog.settings import FOLDER_KEY, restore_options, save_options
from roadmapper.ui.widgets.labels import plain_label

DEBOUNCE_MS = 120
PROGRESS_AFTER_MS = 300
CANCELLED = "Export cancelled; nothing was written."
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(name: str) -> str:
    """A file name from a roadmap name, without the characters some file systems refuse."""
    return " ".join(_UNSAFE.sub(" ", name).split()).strip(".") or "roadmap"


class ExportDialog(QDialog):
    """Choose what to export and how, see it, and write it to a file."""

    status = Signal(str)
    """A line for the window's status bar: exported, or cancelled."""
    exported = Signal(Path)
    """The file just written, for the window's notice."""

    def __init__(
        self, snapshot: RoadmapSnapshot, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self.setWindowTitle("Export")
        self.snapshot = snapshot
        self.settings = settings
        self.written: Path | None = None
        self.form = ExportForm(snapshot, self)
        self.preview = ExportPreview(self)
        self.page_bar = PageBar(self)
        self.page_bar.step.connect(self.preview.step)
        self.preview.page_changed.connect(self.page_bar.show_state)
        self.note = plain_label(name="export-page-note")
        self.note.setEnabled(False)
        self.hint = plain_label(name="export-hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = QPushButton("&Export…")
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)  # after addButton, so the dialog knows it
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self._progress: QProgressDialog | None = None
        self._pages_written = 1
        self._laid_out_kind = ""  # the kind of the pages shown, to keep the page on a new layout
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh_preview)

        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.page_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.note, 0, Qt.AlignmentFlag.AlignHCenter)
        top = QHBoxLayout()
        top.addLayout(left, 0)
        top.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)

        restore_options(settings, self.form)
        self.form.changed.connect(self._options_changed)
        self._options_changed()
        self.refresh_preview()
        self.resize(1100, 700)

    # -- following the options ----------------------------------------------

    def options(self) -> ExportOptions:
        return self.form.options()

    def _options_changed(self) -> None:
        """Say at once whether the options can be exported; the preview follows shortly."""
        problem = self.form.problem()
        self.hint.setText(problem)
        self.export_button.setEnabled(not problem)
        self.timer.start()

    def refresh_preview(self) -> None:
        """Lay the export out with the current options and show the pages it will write.

        A PDF or PowerPoint writes every page, so the preview pages through them and
        stays on the page it showed (or the last one) when the options change; a
        picture writes the first page only.
        """
        self.timer.stop()
        problem = self.form.problem()
        if problem:
            self.preview.show_message(problem)
            self.note.clear()
            return
        suffix = self.form.suffix()
        try:
            pages = layout_pages(self.snapshot, self.options(), overflow_for(suffix))
        except RoadmapperError as exc:
            self.preview.show_message(sentence(str(exc)))
            self.note.clear()
            self.hint.setText(sentence(str(exc)))
            self.export_button.setEnabled(False)
            return
        self._pages_written = len(pages) if suffix in PAGINATED else 1
        kind = self.form.kind()
        index = self.preview.page_index() if kind == self._laid_out_kind else 0
        self._laid_out_kind = kind
        self.preview.show_pages(pages[: self._pages_written], index)
        self.note.setText(page_note(pages, suffix))

    # -- writing ------------------------------------------------------------

    def export(self) -> None:
        """Ask for the file, remember the options, write it; close on success."""
        if self.form.problem():
            return
        path = self.ask_path()
        if path is None:
            return
        save_options(self.settings, self.form)
        self.settings.setValue(FOLDER_KEY, str(path.parent))
        if self.write(path):
            self.accept()

    def ask_path(self) -> Path | None:
        """The file to write, with the format's suffix; None when the user cancels."""
        suffix = self.form.suffix()
        folder = self.settings.value(FOLDER_KEY, "")
        start = Path(folder) if isinstance(folder, str) and folder else Path.home()
        stem = file_stem(self.form.title_edit.text().strip() or self.snapshot.roadmap.name)
        if self.form.kind() == "okr":
            stem += " OKRs"
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export", str(start / f"{stem}{suffix}"), f"{PICTURE_FORMATS[suffix]} (*{suffix})"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def write(self, path: Path) -> bool:
        """Export to ``path`` with a cancellable progress dialog; True when the file is there."""
        if self.timer.isActive():
            self.refresh_preview()  # the page count for the progress text
        progress = QProgressDialog("Exporting…", "Cancel", 0, 0, self)
        progress.setWindowTitle("Export")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._progress = progress
        try:
            export_file(self.snapshot, path, self.options(), self.report_progress)
        except ExportCancelled:
            self.status.emit(CANCELLED)
            return False
        except RoadmapperError as exc:
            self._close_progress()
            QMessageBox.warning(self, "Export", sentence(str(exc)))
            return False
        except OSError as exc:
            self._close_progress()
            reason = exc.strerror or str(exc)
            QMessageBox.warning(self, "Export", f"Could not export to {path}: {reason}.")
            return False
        finally:
            self._close_progress()
        self.written = path
        self.status.emit(f"Exported to {path}")
        self.exported.emit(path)
        return True

    def report_progress(self, done: int, total: int) -> bool:
        """The exporter's progress callback: update the dialog; False once it is cancelled."""
        progress = self._progress
        if progress is None:
            return True
        pages = self._pages_written
        page = max(1, min(pages, -(-done * pages // max(1, total))))
        progress.setMaximum(max(1, total))
        progress.setLabelText(f"Exporting page {page} of {pages}…")
        progress.setValue(min(done, total))  # a window-modal dialog handles events here
        return not progress.wasCanceled()

    def progress_dialog(self) -> QProgressDialog | None:
        """The progress dialog of the export under way, if any."""
        return self._progress

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
