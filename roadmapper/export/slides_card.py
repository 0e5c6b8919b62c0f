"""A board card as PowerPoint shapes: the card painter's own layout, placed as a group."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from roadmapper.core.card_content import NO_HYPOTHESIS, NO_OUTCOME, NO_RESULT, CardData
from roadmapper.export.slides_canvas import FIT_SLACK, Canvas, fit, fitted, stripe
from roadmapper.render import slide_common as sc
from roadmapper.render.slide import BoardPage, PlacedCard
from roadmapper.render.theme import Theme, readable_on


def card_shapes(canvas: Canvas, page: BoardPage, placed: PlacedCard) -> None:
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
    note = note_text(data, theme, g.note_px)
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


def note_text(data: CardData, theme: Theme, note_px: float) -> tuple[str, sc.TextStyle, str] | None:
    """The note row as the card painter words it: result, missing result or hypothesis."""
    plain, quiet = sc.TextStyle(note_px), sc.TextStyle(note_px, sc.W.Normal, italic=True)
    if data.result:
        return "Result: " + data.result, plain, theme.text
    if data.done:
        return NO_RESULT, quiet, theme.muted_text
    if data.hypothesis is not None:
        return data.hypothesis or NO_HYPOTHESIS, quiet, theme.muted_text
    return None
