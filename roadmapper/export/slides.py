"""PowerPoint export: native, editable shapes laid out like the picture (python-pptx, lazily)."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QRectF

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.files import check_zip, refusal, write_bytes_atomic
from roadmapper.export.options import ExportOptions, Progress
from roadmapper.export.raster import (
    ExportResult,
    Page,
    Ticker,
    layout_pages,
    page_title,
    png_bytes,
    render_image,
)
from roadmapper.export.slides_canvas import (
    SLIDE_WIDTH_EMU,
    Canvas,
    fit,
    rgb,
    title_block,
)
from roadmapper.export.slides_card import card_shapes
from roadmapper.render import slide_common as sc
from roadmapper.render import slide_parts as sp
from roadmapper.render.slide import BoardPage, Overflow
from roadmapper.render.theme import Theme

PICTURE_MIN_SCALE = 2.0  # full-slide pictures stay crisp on a projector


def _board_slide(canvas: Canvas, page: BoardPage) -> None:
    theme, u = page.theme, page.unit
    title_block(canvas, page)
    for header in page.headers:
        _header(canvas, theme, u, header)
    for card in page.cards:
        card_shapes(canvas, page, card)
    for note in page.more:
        _note(canvas, theme, u, note)
    _legend(canvas, theme, u, page.legend)


def _header(canvas: Canvas, theme: Theme, u: float, header: sp.ColumnHeader) -> None:
    """The column's name, its count in a pill and the rule below: as ``paint_header``."""
    r = header.rect
    label, count = sp.scaled(sp.HEADER_TEXT, u), sp.scaled(sp.COUNT_TEXT, u)
    rule = sp.RULE * u
    body = QRectF(r.left(), r.top(), r.width(), r.height() - rule)
    pill_h = count.height() + 8 * u
    pill_w = max(pill_h, count.advance(header.count) + 22 * u) if header.count else 0.0
    gap = 14 * u if header.count else 0.0
    text = sc.elide(label, header.label, max(0.0, r.width() - pill_w - gap))
    group = canvas.slide.shapes.add_group_shape()
    group.name = f"Column {header.column.label}"
    text_w = label.advance(text) + 8 * u  # a little slack for other renderers' rounding
    text_rect = QRectF(body.left(), body.top(), min(text_w, body.width()), body.height())
    canvas.text(text_rect, [(text, label, theme.text)], name="Column name", into=group.shapes)
    if header.count:
        x = min(r.right() - pill_w, r.left() + label.advance(text) + gap)
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
    canvas.frame(shape.text_frame, (16 * u, 0, 16 * u, 0), "MIDDLE", False)
    text = fit(style, note.text, note.rect.width() - 32 * u)
    canvas.paragraph(shape.text_frame.paragraphs[0], [(text, style, ink)], "CENTER")


def _legend(canvas: Canvas, theme: Theme, u: float, legend: tuple[sp.LegendEntry, ...]) -> None:
    if not legend:
        return
    style, swatch = sp.scaled(sp.LEGEND_TEXT, u), sp.SWATCH * u
    group = canvas.slide.shapes.add_group_shape()
    group.name = "Legend"
    for entry in legend:
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
        text = fit(style, entry.label, text_rect.width(), strict=False)
        text_rect.setWidth(text_rect.width() + 8 * u)  # slack for other renderers' rounding
        canvas.text(text_rect, [(text, style, theme.text)], name="Legend label", into=group.shapes)


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
    ticker = Ticker(progress, len(pages) + 1)
    from pptx import Presentation
    from pptx.util import Emu

    deck = Presentation()
    first = pages[0]
    size = (SLIDE_WIDTH_EMU, round(SLIDE_WIDTH_EMU * first.height / first.width))
    deck.slide_width, deck.slide_height = Emu(size[0]), Emu(size[1])
    props = deck.core_properties
    props.title = page_title(first) or snapshot.roadmap.name
    props.author = props.last_modified_by = "Roadmapper"
    props.comments = f"{snapshot.roadmap.name}, exported by Roadmapper"
    blank = deck.slide_layouts[6]
    with refusal(path):  # Qt failing to paint a picture on a slide: one sentence, as for a PNG
        for page in pages:
            slide = deck.slides.add_slide(blank)
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = rgb(page.theme.background)
            canvas = Canvas(slide, page)
            if options.pptx_picture:
                _picture_slide(canvas, page, max(options.scale, PICTURE_MIN_SCALE), size)
            elif isinstance(page, BoardPage):
                _board_slide(canvas, page)
            else:
                from roadmapper.export.slides_okr import sheet_slide

                sheet_slide(canvas, page)
            ticker.step()
    buffer = io.BytesIO()
    deck.save(buffer)
    write_bytes_atomic(path, buffer.getvalue(), check_zip, before_replace=ticker.step)
    return ExportResult(path, len(pages), len(pages))
