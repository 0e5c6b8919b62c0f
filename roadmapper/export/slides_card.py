"""A board card as PowerPoint shapes: the slide layout's own card, placed as one group.

Every part sits where :class:`~roadmapper.render.slide_card.CardLayout` put it for the
picture: the frame, the outcome stripe and dot, the title, the note, the key-result
pills with their tier meters. The title box holds the whole title (an edit in
PowerPoint reflows it); one-line parts (the outcome's name, the hypothesis, a chip's
label) read as the picture reads, cut at a word, and keep their whole text as the
shape's alternative text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from roadmapper.export.slides_canvas import Canvas, batched, stripe
from roadmapper.render import slide_common as sc
from roadmapper.render.slide import BoardPage, PlacedCard
from roadmapper.render.slide_card import (
    CardLayout,
    ChipBox,
    SlideCardStyle,
    TextLine,
    Tone,
    slide_card_style,
)
from roadmapper.render.theme import Theme, readable_on

W = sc.W


def _styles(style: SlideCardStyle) -> dict[Tone, sc.TextStyle]:
    """Each tone's text style at the card's scale, as the picture's fonts are."""
    out = {}
    for tone, font in style.fonts.items():
        out[tone] = sc.TextStyle(font.pixelSize(), font.weight(), font.italic())
    return out


def _inks(theme: Theme, color: str) -> dict[Tone, str]:
    name = readable_on(QColor(color), QColor(theme.surface)).name()
    return {
        Tone.OUTCOME: name,
        Tone.UNLINKED: theme.muted_text,
        Tone.TITLE: theme.text,
        Tone.RESULT: theme.text,
        Tone.QUIET: theme.muted_text,
        Tone.CHIP: theme.text,
        Tone.NO_CHIP: theme.muted_text,
    }


def card_shapes(canvas: Canvas, page: BoardPage, placed: PlacedCard) -> None:
    """The card as a group whose frame is the card's frame."""
    theme, card = page.theme, placed.layout
    style = slide_card_style(theme, page.card_scale, page.show_chips)
    data = card.data
    styles, inks = _styles(style), _inks(theme, data.color)
    group = canvas.slide.shapes.add_group_shape()
    group.name = f"Card {placed.initiative_id}"
    with batched(group) as shapes:
        _card(canvas, style, card, styles, inks, shapes)


def _card(
    canvas: Canvas,
    style: SlideCardStyle,
    card: CardLayout,
    styles: dict[Tone, sc.TextStyle],
    inks: dict[Tone, str],
    shapes: Any,
) -> None:
    theme, data, r = style.theme, card.data, card.rect
    body = QRectF(r.left(), r.top(), r.width(), r.height() - style.shadow)
    frame = canvas.shape(
        "ROUNDED_RECTANGLE",
        body,
        theme.surface,
        name=f"Card: {data.title}"[:250],
        line=theme.border,
        line_width=style.line,
        radius=style.frame.geometry.radius,
        into=shapes,
    )
    _describe(frame, data.title)
    stripe(
        canvas,
        QRectF(r.left(), r.top(), style.frame.geometry.stripe, body.height()),
        data.color,
        shapes,
        radius=style.frame.geometry.radius,
    )
    if card.outcome is not None:
        if data.outcome_label:
            canvas.shape("OVAL", card.dot, data.color, name="Outcome dot", into=shapes)
        else:
            half = style.line / 2
            ring = card.dot.adjusted(half, half, -half, -half)
            canvas.shape(
                "OVAL", ring, None, name="No outcome", line=theme.muted_text,
                line_width=style.line, into=shapes,
            )  # fmt: skip
        _line(canvas, card.outcome, styles, inks, "Outcome", shapes)
    if card.title:
        _title(canvas, card.title, styles[Tone.TITLE], inks[Tone.TITLE], shapes)
    if card.note is not None:
        _line(canvas, card.note, styles, inks, "Note", shapes)
    if card.no_chips is not None:
        _line(canvas, card.no_chips, styles, inks, "No key result", shapes)
    fill = readable_on(QColor(data.color), QColor(theme.chip_background), 3.0).name()
    for chip in card.chips:
        _chip(canvas, style, styles, chip, fill, shapes)


def _describe(shape: Any, text: str) -> None:
    """The shape's alternative text: what a screen reader says, and the whole of a cut line."""
    shape._element.nvSpPr.cNvPr.set("descr", text)


def _title(
    canvas: Canvas,
    lines: tuple[TextLine, ...],
    style: sc.TextStyle,
    ink: str,
    into: Any,
) -> None:
    """The whole title in the box of its lines, shrunk only where the picture cut it."""
    first, last = lines[0].rect, lines[-1].rect
    rect = QRectF(first.left(), first.top(), first.width(), last.bottom() - first.top())
    box = canvas.text(
        rect,
        [(lines[0].full, style, ink)],
        name="Title",
        anchor="TOP",
        wrap=True,
        into=into,
    )
    _describe(box, lines[0].full)


def _line(
    canvas: Canvas,
    line: TextLine,
    styles: dict[Tone, sc.TextStyle],
    inks: dict[Tone, str],
    name: str,
    into: Any,
) -> None:
    box = canvas.text(
        line.rect, [(line.text, styles[line.tone], inks[line.tone])], name=name, into=into
    )
    if line.text != line.full:
        _describe(box, line.full)


def _chip(
    canvas: Canvas,
    style: SlideCardStyle,
    styles: dict[Tone, sc.TextStyle],
    chip: ChipBox,
    fill: str,
    into: Any,
) -> None:
    """A pill, its label and its tier meter, in the card's group."""
    theme, lw = style.theme, style.line
    r = chip.rect
    pill = canvas.shape(
        "ROUNDED_RECTANGLE",
        r.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2),
        theme.chip_background,
        name=f"Key result: {chip.chip.label}"[:250],
        line=theme.chip_border,
        line_width=lw,
        radius=r.height() / 2,
        into=into,
    )
    _describe(pill, f"{chip.chip.label}: {chip.reached} of {chip.chip.tiers} tiers reached")
    if chip.label is not None:
        label = chip.label
        runs = [(label.text, styles[Tone.CHIP], theme.text)]
        box = canvas.text(label.rect, runs, name="Key result name", into=into)
        if label.text != label.full:
            _describe(box, label.full)
    radius = 1.5 * lw
    if chip.chip.tiers > 0:
        for i, square in enumerate(chip.meter):
            if i < chip.reached:
                canvas.shape(
                    "ROUNDED_RECTANGLE", square, fill, name=f"Tier {i + 1} reached",
                    radius=radius, into=into,
                )  # fmt: skip
            else:
                inner = square.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2)
                canvas.shape(
                    "ROUNDED_RECTANGLE", inner, None, name=f"Tier {i + 1}",
                    line=theme.muted_text, line_width=lw, radius=radius, into=into,
                )  # fmt: skip
    elif chip.meter:
        bar = chip.meter[0]
        canvas.shape(
            "ROUNDED_RECTANGLE", bar, theme.chip_border, name="Progress",
            radius=2 * lw, into=into,
        )  # fmt: skip
        done = max(0.0, min(1.0, chip.fraction or 0.0)) * bar.width()
        if done > 0:
            part = QRectF(bar.x(), bar.y(), done, bar.height())
            canvas.shape(
                "ROUNDED_RECTANGLE", part, fill, name="Progress made",
                radius=2 * lw, into=into,
            )  # fmt: skip
