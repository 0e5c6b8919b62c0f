"""One entry point for picture and slide exports: pick the writer by the file's suffix."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.formats import check_suffix
from roadmapper.export.options import ExportCancelled, ExportOptions, Progress
from roadmapper.export.raster import ExportResult

__all__ = [
    "ExportCancelled",
    "ExportOptions",
    "ExportResult",
    "ensure_gui",
    "export_file",
]

Writer = Callable[[RoadmapSnapshot, Path, ExportOptions, Progress | None], ExportResult]

_app: object | None = None  # the QGuiApplication made here, kept alive for the process


def ensure_gui() -> None:
    """Make sure a QGuiApplication exists and the fonts are loaded.

    One made here is always offscreen: an export shows no window, so it needs
    no display, and one set but unreachable (an SSH session, a stopped X
    server) would abort the process. Inside the window the app's own
    QApplication is used.
    """
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # A -platform argument wins over QT_QPA_PLATFORM and DISPLAY.
        program = sys.argv[0] if sys.argv else "roadmapper"
        _app = QGuiApplication([program, "-platform", "offscreen"])
    elif not isinstance(QGuiApplication.instance(), QGuiApplication):
        raise RuntimeError(
            "exports paint text: they need a QGuiApplication, not a QCoreApplication"
        )
    from roadmapper.render.fonts import register_fonts

    register_fonts()


def _writer(suffix: str) -> Writer:
    if suffix == ".png":
        from roadmapper.export.raster import write_png

        return write_png
    if suffix == ".svg":
        from roadmapper.export.vector import write_svg

        return write_svg
    if suffix == ".pdf":
        from roadmapper.export.vector import write_pdf

        return write_pdf
    from roadmapper.export.slides import write_pptx

    return write_pptx


def export_file(
    snapshot: RoadmapSnapshot,
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
) -> ExportResult:
    """Write ``snapshot`` to ``path`` as PNG, SVG, PDF or PPTX, chosen by the suffix.

    The file appears whole or not at all: a failure or a cancel (``progress``
    returning False raises ``ExportCancelled``) leaves any earlier file untouched.
    A write the disk refuses (full, a quota, read-only) or a file that does not
    read back whole raises ``InterchangeError``, one sentence naming the file.
    """
    writer = _writer(check_suffix(Path(path)))
    ensure_gui()
    return writer(snapshot, Path(path), options, progress)
