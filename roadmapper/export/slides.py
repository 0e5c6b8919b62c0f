"""PowerPoint export: native, editable shapes laid out like the picture (python-pptx, lazily)."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from roadmapper.core.card_content import NO_HYPOTHESIS, NO_OUTCOME, NO_RESULT, CardData
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
    FIT_SLACK,
    SLIDE_WIDTH_EMU,
    Canvas,
    fit,
    fitted,
    rgb,
    stripe,
    title_block,
)
from roadmapper.render import slide_common as sc
from roadmapper.render import slide_parts as sp
from roadmapper.render.slide import BoardPage, Overflow, PlacedCard
from roadmapper.render.theme import Theme, readable_on

PICTURE_MIN_SCALE = 2.0  # full-slide pictures stay crisp on a projector


def _board_slide(canvas: Canvas, page: BoardPage) -> None:
    theme, u = page.theme, page.unit
    title_block(canvas, page)
    for header in page.headers:
        _header(canvas, theme, u, header)
    for card in page.cards:
        _card(canvas, page, card)
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


def _card(canvas: Canvas, page: BoardPage, placed: PlacedCard) -> None:
    """A rounded rectangle holding the card's text, its outcome stripe and its chip line."""
    theme, data, s = page.theme, placed.data, page.card_scale
    painter = sc.card_painter(theme, s, placed.compact, page.show_chips)
    r, g = placed.rect, painter.geometry  # the on-screen card's measures, not a copy
    body = QRectF(r.left(), r.top(), r.width(), r.height() - g.shadow)
    avail = r.width() - g.pad_l - g.pad_r
    group = canvas.slide.shapes.add_group_shape()
    group.name = f"Card {placed.initiative_id}"
    card = canvas.shape(
        "ROUNDED_RECTANGLE",
        body,
        theme.surface,
        name=f"Card: {data.title}"[:250],
        line=theme.border,
        line_width=max(1.0, s),
        radius=g.radius,
        into=group.shapes,
    )
    frame = card.text_frame
    canvas.frame(frame, (g.pad_l, g.pad_t, g.pad_r, g.pad_b), "TOP", True)

    outcome_style = sc.TextStyle(g.outcome_px, sc.W.DemiBold)
    dot = "●  "
    if data.outcome_label:
        name_color = readable_on(QColor(data.color), QColor(theme.surface)).name()
        label_w = avail - fitted(outcome_style).advance(dot)
        outcome = [
            (dot, outcome_style, data.color),
            (fit(outcome_style, data.outcome_label, label_w), outcome_style, name_color),
        ]
    else:
        quiet = sc.TextStyle(g.outcome_px, sc.W.Normal, italic=True)
        outcome = [("○  ", quiet, theme.muted_text), (NO_OUTCOME, quiet, theme.muted_text)]
    canvas.paragraph(frame.paragraphs[0], outcome)

    title = sc.TextStyle(g.title_px, sc.W.DemiBold)
    lines = sc.wrap(fitted(title), data.title, avail * FIT_SLACK, 1 if placed.compact else 2)
    canvas.paragraph(
        frame.add_paragraph(), [(" ".join(lines), title, theme.text)], "LEFT", g.gap_outcome
    )
    note = _note_text(data, theme, g.note_px)
    if note is not None and not placed.compact:
        text, style, color = note
        runs = [(fit(style, text, avail), style, color)]
        canvas.paragraph(frame.add_paragraph(), runs, "LEFT", g.gap_note)

    bar = QRectF(body.left(), body.top(), g.stripe, body.height())
    stripe(canvas, bar, data.color, group.shapes)
    if page.show_chips and not placed.compact and data.chips:
        labels, hidden = painter.visible_chips(data.chips, avail)
        chips = [
            f"{label} {chip.reached}/{chip.tiers}" if chip.tiers else label
            for label, chip in zip(labels, data.chips, strict=False)
        ]
        if hidden:
            chips.append(f"+{hidden}")
        chip_style = sc.TextStyle(11 * s, sc.W.Medium)
        row_h = chip_style.height() + 6 * s
        row = QRectF(r.left() + g.pad_l, body.bottom() - g.pad_b - row_h, avail, row_h)
        text = fit(chip_style, "   ·   ".join(chips), avail)
        canvas.text(
            row, [(text, chip_style, theme.muted_text)], name="Key results", into=group.shapes
        )


def _note_text(
    data: CardData, theme: Theme, note_px: float
) -> tuple[str, sc.TextStyle, str] | None:
    """The note row as the card painter words it: result, missing result or hypothesis."""
    plain, quiet = sc.TextStyle(note_px), sc.TextStyle(note_px, sc.W.Normal, italic=True)
    if data.result:
        return "Result: " + data.result, plain, theme.text
    if data.done:
        return NO_RESULT, quiet, theme.muted_text
    if data.hypothesis is not None:
        return data.hypothesis or NO_HYPOTHESIS, quiet, theme.muted_text
    return None


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
