"""SVG (one slide) and PDF (every page, vector text) export through Qt's own writers.

Qt's writers do not report a failed write: they paint into memory here, and
the bytes go to the disk through ``files.write_bytes_atomic``, which does.
"""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from roadmapper import __version__
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.files import check_pdf, check_svg, refusal, write_bytes_atomic
from roadmapper.export.options import ExportOptions, Progress
from roadmapper.export.paper import slide_inches
from roadmapper.export.raster import (
    BASE_DPI,
    ExportResult,
    Page,
    Ticker,
    layout_pages,
    page_title,
    paint_page,
    result_of,
)
from roadmapper.export.svg_text import outline_text
from roadmapper.render.slide import Overflow

PDF_DPI = 1200  # device units per inch: fine enough that rounding never shows


def _memory() -> tuple[QByteArray, QBuffer]:
    """An in-memory device for a writer, and the bytes it fills."""
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(errno.ENOMEM, "Qt could not open a buffer in memory")
    return data, buffer


def _begin(painter: QPainter, device: QSvgGenerator | QPdfWriter, what: str) -> None:
    if not painter.begin(device):
        raise OSError(errno.EIO, f"Qt could not start the {what}")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)


def write_svg(
    snapshot: RoadmapSnapshot,
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
) -> ExportResult:
    """One slide as an SVG drawing; a column too long for it ends in a "+N more" note.

    Text is drawn as outlines of the bundled font, with the words kept as invisible
    text (see ``svg_text``): it looks the same where Inter is not installed.
    """
    ticker = Ticker(progress, 2)
    pages = layout_pages(snapshot, options, Overflow.MORE)
    page = pages[0]
    ticker.step()

    with refusal(path):
        data, buffer = _memory()
        # SVG 1.1, not Qt's default SVG Tiny 1.2: Tiny has no clip paths, and a painter's
        # clip (a ladder's, a card's) would be dropped from the drawing.
        generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(round(page.width), round(page.height)))
        generator.setViewBox(QRectF(0, 0, page.width, page.height))
        generator.setResolution(round(BASE_DPI))
        generator.setTitle(page_title(page) or snapshot.roadmap.name)
        generator.setDescription(f"{snapshot.roadmap.name}, exported by Roadmapper {__version__}")
        painter = QPainter()
        _begin(painter, generator, "SVG drawing")
        try:
            paint_page(painter, page, 1.0)
        finally:
            painter.end()  # writes the closing </svg>
        buffer.close()
        svg = outline_text(bytes(data.data()))
    write_bytes_atomic(path, svg, check_svg, before_replace=ticker.step)
    return result_of(path, pages, 1)


def page_size_inches(width: float, height: float) -> tuple[float, float]:
    """The paper of a slide, the same as the PowerPoint deck's (see ``paper.slide_inches``)."""
    return slide_inches(width, height)


def _page_layout(page: Page) -> QPageLayout:
    w, h = page_size_inches(page.width, page.height)
    # QPageSize keeps sizes portrait; a landscape page is the orientation, not the size.
    landscape = w > h
    portrait_size = QSizeF(min(w, h), max(w, h))
    size = QPageSize(portrait_size, QPageSize.Unit.Inch, "Roadmapper slide")
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Inch)


def write_pdf(
    snapshot: RoadmapSnapshot,
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
) -> ExportResult:
    """Every page as a PDF page with vector text; long columns continue on further pages."""
    pages = layout_pages(snapshot, options, Overflow.PAGINATE)
    ticker = Ticker(progress, len(pages) + 1)
    ticker.step()

    with refusal(path):
        data, buffer = _memory()
        writer = QPdfWriter(buffer)
        writer.setCreator(f"Roadmapper {__version__}")
        writer.setTitle(page_title(pages[0]) or snapshot.roadmap.name)
        writer.setResolution(PDF_DPI)
        painter = QPainter()
        for n, page in enumerate(pages):
            # Before begin() for the first page, before newPage() for the others.
            if not writer.setPageLayout(_page_layout(page)):
                raise OSError(errno.EINVAL, "Qt refused the page size")
            if n == 0:
                _begin(painter, writer, "PDF")
            elif not writer.newPage():
                painter.end()
                raise OSError(errno.EIO, "Qt could not start a new PDF page")
            width_in = page_size_inches(page.width, page.height)[0]
            try:
                paint_page(painter, page, PDF_DPI * width_in / page.width)
                if n < len(pages) - 1:
                    ticker.step()  # the last page's step is the write itself, below
            except BaseException:
                painter.end()
                raise
        painter.end()  # writes the trailer and %%EOF
        buffer.close()
    write_bytes_atomic(path, bytes(data.data()), check_pdf, before_replace=ticker.step)
    return result_of(path, pages, len(pages))
