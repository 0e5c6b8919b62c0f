"""PNG export, and the page layout, painting and progress helpers every writer shares."""

from __future__ import annotations

import errno
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtGui import QColor, QImage, QPainter

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.files import check_png, refusal, write_bytes_atomic
from roadmapper.export.options import ExportCancelled, ExportOptions, Progress
from roadmapper.render.slide import (
    BoardPage,
    Overflow,
    layout_board,
    left_out,
    paint_board_page,
)

if TYPE_CHECKING:
    from roadmapper.render.okr_sheet import SheetPage

Page: TypeAlias = "BoardPage | SheetPage"

INCH_PER_METER = 1 / 0.0254
BASE_DPI = 96.0  # one layout unit is one pixel of a 96 dpi screen
PNG_LEVEL = 1  # zlib: a third of the default's time on a 4K slide, hardly larger


@dataclass(frozen=True)
class ExportResult:
    """What a writer wrote: ``pages`` of the ``laid_out`` pages (a PNG or SVG holds one)."""

    path: Path
    pages: int
    laid_out: int
    left_out: str = ""  # what cards gave up to fit, one sentence (see render.slide.left_out)


def result_of(path: Path, pages: list[Page], written: int) -> ExportResult:
    """What writing the first ``written`` of ``pages`` to ``path`` did."""
    boards = [p for p in pages[:written] if isinstance(p, BoardPage)]
    return ExportResult(path, written, len(pages), left_out(boards) if boards else "")


class Ticker:
    """Reports each finished step to a progress callback and cancels when it says so."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, max(1, total), 0
        self.check()

    def check(self) -> None:
        if self.progress is not None and self.progress(self.done, self.total) is False:
            raise ExportCancelled()

    def step(self) -> None:
        self.done = min(self.total, self.done + 1)
        self.check()


def layout_pages(
    snapshot: RoadmapSnapshot, options: ExportOptions, overflow: Overflow
) -> list[Page]:
    """The pages of the board or of the OKR sheets, laid out in layout units."""
    pages: list[Page]
    if options.kind == "okr":
        from roadmapper.render.okr_sheet import layout_sheets

        pages = list(layout_sheets(snapshot, options.sheet_options()))
    else:
        pages = list(layout_board(snapshot, options.board_options(overflow)))
    if not pages:
        from roadmapper.core.errors import InvalidInputError

        raise InvalidInputError("there is no OKR sheet to export: the roadmap has no outcomes yet.")
    return pages


def paint_page(painter: QPainter, page: Page, scale: float = 1.0) -> None:
    """Paint one page of either kind; device units are layout units times ``scale``."""
    if isinstance(page, BoardPage):
        paint_board_page(painter, page, scale)
    else:
        from roadmapper.render.okr_sheet import paint_sheet_page

        paint_sheet_page(painter, page, scale)


def page_title(page: Page) -> str:
    if isinstance(page, BoardPage):
        return page.title
    return page.title or page.heading


def render_image(page: Page, scale: float) -> QImage:
    """The page as an image of ``width*scale`` x ``height*scale`` pixels, DPI set to match."""
    width, height = math.ceil(page.width * scale), math.ceil(page.height * scale)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise OSError(errno.ENOMEM, f"there is no memory for a {width}x{height} picture")
    image.setDevicePixelRatio(scale)
    dots_per_meter = round(BASE_DPI * scale * INCH_PER_METER)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor(page.theme.background))
    painter = QPainter()
    if not painter.begin(image):
        raise OSError(errno.EIO, "Qt could not paint the picture")
    try:
        # The image's device pixel ratio scales the painter: paint in layout units.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        paint_page(painter, page, 1.0)
    finally:
        painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """PNG bytes of an opaque ``image``, with its DPI; the same picture gives the same bytes.

    Slides have no transparency, so the image is written as 8-bit RGB, at zlib level 1:
    a 4K slide compresses in a third of the time of the default level, hardly larger.
    Pillow (python-pptx's own dependency) encodes it, a fifth faster than Qt's writer.
    """
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    if rgb.isNull():
        raise OSError(errno.ENOMEM, "there is no memory to encode the picture")
    size = (rgb.width(), rgb.height())
    raw = bytes(rgb.constBits())
    picture = Image.frombuffer("RGB", size, raw, "raw", "RGB", rgb.bytesPerLine(), 1)
    dpi = round(image.dotsPerMeterX() / INCH_PER_METER, 3)
    out = io.BytesIO()
    try:
        picture.save(out, "PNG", compress_level=PNG_LEVEL, dpi=(dpi, dpi))
    except (OSError, ValueError) as exc:
        raise OSError(errno.EIO, f"the PNG encoder failed: {exc}") from None
    return out.getvalue()


def write_png(
    snapshot: RoadmapSnapshot,
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
) -> ExportResult:
    """One slide as a PNG; a column too long for it ends in a "+N more" note."""
    ticker = Ticker(progress, 3)
    pages = layout_pages(snapshot, options, Overflow.MORE)
    ticker.step()
    with refusal(path):  # no memory for the picture, or Qt failing: one sentence too
        image = render_image(pages[0], options.scale)
        ticker.step()
        data = png_bytes(image)
    # The last step runs just before the rename: a cancel there still leaves nothing.
    write_bytes_atomic(path, data, check_png, before_replace=ticker.step)
    return result_of(path, pages, 1)
