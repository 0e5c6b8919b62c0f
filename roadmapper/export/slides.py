"""PowerPoint export: native, editable shapes laid out like the picture (python-pptx, lazily)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.files import check_zip, refusal, write_bytes_atomic
from roadmapper.export.options import ExportOptions, Progress
from roadmapper.export.paper import slide_emu
from roadmapper.export.raster import (
    ExportResult,
    Page,
    Ticker,
    layout_pages,
    png_bytes,
    render_image,
    result_of,
)
from roadmapper.export.slides_canvas import (
    FIT_SLACK,
    Canvas,
    fit_scale,
    flat,
    office,
    rgb,
    title_block,
)
from roadmapper.export.slides_card import card_shapes
from roadmapper.render import slide_common as sc
from roadmapper.render import slide_parts as sp
from roadmapper.render.slide import BoardPage, Overflow
from roadmapper.render.theme import Theme

PICTURE_MIN_SCALE = 2.0  # full-slide pictures stay crisp on a projector
THUMBNAIL_WIDTH = 256  # pixels: what Office writes, and what file browsers show
APPLICATION = "Roadmapper"


def _board_slide(canvas: Canvas, page: BoardPage) -> None:
    theme, u = page.theme, page.unit
    title_block(canvas, page)
    for header in page.headers:
        _header(canvas, theme, u, header)
    for card in page.cards:
        card_shapes(canvas, page, card)
    for note in page.more:
        _note(canvas, theme, u, note)
    _legend(canvas, page)


def _header(canvas: Canvas, theme: Theme, u: float, header: sp.ColumnHeader) -> None:
    """The column's name, its count in a pill and the rule below: as ``paint_header``.

    The pill follows the name as the Office font sets it; a name too long for the column
    beside its pill is shrunk, never cut.
    """
    r = header.rect
    label, count = sp.scaled(sp.HEADER_TEXT, u), sp.scaled(sp.COUNT_TEXT, u)
    rule = sp.RULE * u
    body = QRectF(r.left(), r.top(), r.width(), r.height() - rule)
    pill_h = count.height() + 8 * u
    count_w = office(count).horizontalAdvance(header.count) / FIT_SLACK
    pill_w = max(pill_h, count_w + 22 * u) if header.count else 0.0
    gap = 14 * u if header.count else 0.0
    text = flat(header.label)
    room = QRectF(body.left(), body.top(), max(1.0, r.width() - pill_w - gap), body.height())
    group = canvas.slide.shapes.add_group_shape()
    group.name = f"Column {header.column.label}"
    start = QRectF(body.left(), body.top(), 0.0, body.height())  # grows to the name's width
    runs = [(text, label, theme.text)]
    canvas.text(start, runs, name="Column name", into=group.shapes, room=room)
    if header.count:
        shown = office(label).horizontalAdvance(text) * fit_scale(label, text, room.width())
        x = min(r.right() - pill_w, r.left() + shown + gap)
        pill = QRectF(x, body.center().y() - pill_h / 2, pill_w, pill_h)
        shape = canvas.shape(
            "ROUNDED_RECTANGLE",
            pill,
            theme.border,
            name="Count",
            radius=pill_h / 2,
            into=group.shapes,
        )
        canvas.frame(shape.text_frame, (0, 0, 0, 0), "MIDDLE", False)
        runs = [(header.count, count, theme.text)]
        canvas.paragraph(shape.text_frame.paragraphs[0], runs, "CENTER")
    rule_rect = QRectF(r.left(), r.bottom() - rule, r.width(), rule)
    canvas.shape("RECTANGLE", rule_rect, theme.border_hover, name="Rule", into=group.shapes)


def _note(canvas: Canvas, theme: Theme, u: float, note: sp.MoreNote) -> None:
    style = sp.scaled(sp.NOTE_TEXT if note.hidden else sp.QUIET_TEXT, u)
    ink = theme.text if note.hidden else theme.muted_text
    lw = 2 * u
    box = note.rect.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2)
    shape = canvas.shape(
        "ROUNDED_RECTANGLE",
        box,
        None,
        name=f"Note: {note.text}",
        line=theme.border_hover,
        line_width=lw,
        radius=10 * u,
        dashed=True,
    )
    text = flat(note.text)
    scale = fit_scale(style, text, note.rect.width() - 32 * u)
    canvas.frame(shape.text_frame, (16 * u, 0, 16 * u, 0), "MIDDLE", scale < 1.0, scale=scale)
    canvas.paragraph(shape.text_frame.paragraphs[0], [(text, style, ink)], "CENTER")


def _legend(canvas: Canvas, page: BoardPage) -> None:
    """Swatches and whole labels; a label may take the room up to the next entry."""
    theme, u, legend = page.theme, page.unit, page.legend
    if not legend:
        return
    style, swatch = sp.scaled(sp.LEGEND_TEXT, u), sp.SWATCH * u
    group = canvas.slide.shapes.add_group_shape()
    group.name = "Legend"
    for i, entry in enumerate(legend):
        r = entry.rect
        box = QRectF(r.left(), r.center().y() - swatch / 2, swatch, swatch)
        canvas.shape(
            "ROUNDED_RECTANGLE",
            box,
            entry.color,
            name=f"Swatch: {entry.label}"[:250],
            radius=5 * u,
            into=group.shapes,
        )
        text_rect = r.adjusted((sp.SWATCH + sp.SWATCH_GAP) * u, 0, 0, 0)
        after = legend[i + 1].rect if i + 1 < len(legend) else None
        right = page.width - sc.MARGIN * u
        if after is not None and abs(after.top() - r.top()) < 1:
            right = after.left() - sp.SWATCH_GAP * u
        room = QRectF(text_rect.left(), r.top(), max(1.0, right - text_rect.left()), r.height())
        runs = [(flat(entry.label), style, theme.text)]
        canvas.text(text_rect, runs, name="Legend label", into=group.shapes, room=room)


# -- the writer ----------------------------------------------------------------


def _picture_slide(canvas: Canvas, page: Page, scale: float, size: tuple[int, int]) -> None:
    """The page painted as one picture covering the slide: looks exact, edits as a picture."""
    data = png_bytes(render_image(page, scale))
    from pptx.util import Emu

    width, height = (Emu(n) for n in size)
    picture = canvas.slide.shapes.add_picture(io.BytesIO(data), Emu(0), Emu(0), width, height)
    picture.name = "Slide picture"


def write_pptx(
    snapshot: RoadmapSnapshot,
    path: Path,
    options: ExportOptions,
    progress: Progress | None = None,
) -> ExportResult:
    """Every page as a slide of native shapes (or of one picture with ``pptx_picture``)."""
    pages = layout_pages(snapshot, options, Overflow.PAGINATE)
    ticker = Ticker(progress, len(pages) + 2)
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    first = pages[0]
    size = slide_emu(first.width, first.height)
    deck.slide_width, deck.slide_height = Emu(size[0]), Emu(size[1])
    blank = deck.slide_layouts[6]
    with refusal(path):  # Qt failing to paint a picture on a slide: one sentence, as for a PNG
        for page in pages:
            slide = deck.slides.add_slide(blank)
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = rgb(page.theme.background)
            canvas = Canvas(slide, page, size[0])
            if options.pptx_picture:
                _picture_slide(canvas, page, max(options.scale, PICTURE_MIN_SCALE), size)
            elif isinstance(page, BoardPage):
                _board_slide(canvas, page)
            else:
                from roadmapper.export.slides_okr import sheet_slide

                sheet_slide(canvas, page)
            ticker.step()
        describe(deck, snapshot.roadmap.name, len(pages), thumbnail(first))
        ticker.step()
    buffer = io.BytesIO()
    deck.save(buffer)
    write_bytes_atomic(path, buffer.getvalue(), check_zip, before_replace=ticker.step)
    return result_of(path, pages, len(pages))


# -- document properties ---------------------------------------------------------


def describe(deck: Any, name: str, slides: int, thumbnail_jpeg: bytes) -> None:
    """Title, author and dates (now, UTC); app.xml and the thumbnail, replacing the template's."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    props = deck.core_properties
    props.title = name
    props.author = props.last_modified_by = APPLICATION
    props.comments = f"{name}, exported by {APPLICATION}"
    props.created = props.modified = now
    props.revision = 1
    package = deck.part.package
    package.part_related_by(RT.EXTENDED_PROPERTIES).blob = app_xml(slides)
    package.part_related_by(RT.THUMBNAIL).blob = thumbnail_jpeg


def app_version(version: str) -> str | None:
    """``__version__`` as app.xml's ``XX.YYYY`` ("0.1.0" -> "00.0001"); None if it has no form."""
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,4})(?:\.\d+)*", version)
    return f"{int(match[1]):02d}.{int(match[2]):04d}" if match else None


def app_xml(slides: int) -> bytes:
    """The extended properties: this application, its version and the real slide count."""
    from roadmapper import __version__

    version = app_version(__version__)
    parts = [
        "<TotalTime>0</TotalTime>",
        f"<Application>{APPLICATION}</Application>",
        f"<Slides>{slides}</Slides>",
        "<Notes>0</Notes>",
        "<HiddenSlides>0</HiddenSlides>",
        "<ScaleCrop>false</ScaleCrop>",
        "<LinksUpToDate>false</LinksUpToDate>",
        "<SharedDoc>false</SharedDoc>",
        "<HyperlinksChanged>false</HyperlinksChanged>",
        f"<AppVersion>{version}</AppVersion>" if version else "",
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/docPropsVTypes">{"".join(parts)}</Properties>'
    ).encode()


def thumbnail(page: Page) -> bytes:
    """The first slide as a JPEG about 256 px wide, as file browsers show a deck."""
    image = render_image(page, THUMBNAIL_WIDTH / page.width)
    rgb888 = image.convertToFormat(QImage.Format.Format_RGB888)
    # Pillow (python-pptx's own dependency) encodes it: Qt's JPEG plugin is not bundled.
    from PIL import Image

    size = (rgb888.width(), rgb888.height())
    data = bytes(rgb888.constBits())
    picture = Image.frombytes("RGB", size, data, "raw", "RGB", rgb888.bytesPerLine())
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()
