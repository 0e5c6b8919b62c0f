"""One entry point for picture and slide exports: pick the writer by the file's suffix."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.errors import InvalidInputError
from roadmapper.export.options import ExportCancelled, ExportOptions, Progress
from roadmapper.export.raster import ExportResult

__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportOptions",
    "ExportResult",
    "ensure_gui",
    "export_file",
]

FORMATS: dict[str, str] = {
    ".png": "PNG picture",
    ".svg": "SVG drawing",
    ".pdf": "PDF",
    ".pptx": "PowerPoint slides",
}

Writer = Callable[[RoadmapSnapshot, Path, ExportOptions, Progress | None], ExportResult]

_app: object | None = None  # the QGuiApplication made here, kept alive for the process


def ensure_gui() -> None:
    """Make sure a QGuiApplication exists (offscreen without a display) and fonts are loaded."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        if not os.environ.get("QT_QPA_PLATFORM") and not has_display and sys.platform == "linux":
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _app = QGuiApplication([sys.argv[0] if sys.argv else "roadmapper"])
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


def check_suffix(path: Path) -> str:
    """The lower-case suffix of ``path`` if it is a picture or slide format; else one sentence."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        raise InvalidInputError(
            f'cannot export to "{path.name}": the file name must end in one of {known}.'
        )
    return suffix


def export_file(
    snapshot: RoadmapSnapshot,
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
) -> ExportResult:
    """Write ``snapshot`` to ``path`` as PNG, SVG, PDF or PPTX, chosen by the suffix.

    The file appears whole or not at all: a failure or a cancel (``progress``
    returning False raises ``ExportCancelled``) leaves any earlier file untouched.
    """
    writer = _writer(check_suffix(Path(path)))
    ensure_gui()
    return writer(snapshot, Path(path), options, progress)
