"""Painting a laid-out slide card: the board card's frame, its text lines and its chips."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from roadmapper.render import theme as th
from roadmapper.render.slide_card import SlideCardStyle
from roadmapper.render.slide_card_layout import CardLayout, ChipBox, TextLine, Tone


def paint_card(p: QPainter, style: SlideCardStyle, card: CardLayout) -> None:
    """Paint ``card`` as laid out: the board card's frame, its text lines and chips."""
    theme, data = style.theme, card.data
    stripe = QColor(data.color)
    surface, chip_bg = QColor(theme.surface), QColor(theme.chip_background)
    p.save()
    style.frame.paint_frame(p, card.rect, stripe)
    p.setClipRect(card.rect, Qt.ClipOperation.IntersectClip)
    if card.outcome is not None and data.outcome_label:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(stripe)
        p.drawEllipse(card.dot)
    elif card.outcome is not None:
        half = style.line / 2
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(QColor(theme.muted_text), style.line))
        p.drawEllipse(card.dot.adjusted(half, half, -half, -half))
    name_ink = th.readable_on(stripe, surface)
    inks = {
        Tone.OUTCOME: name_ink,
        Tone.UNLINKED: QColor(theme.muted_text),
        Tone.TITLE: QColor(theme.text),
        Tone.RESULT: QColor(theme.text),
        Tone.QUIET: QColor(theme.muted_text),
        Tone.CHIP: QColor(theme.text),
        Tone.NO_CHIP: QColor(theme.muted_text),
    }
    lines = [card.outcome, *card.title, card.note, card.no_chips]
    for line in lines:
        if line is not None:
            _text(p, style, line, inks[line.tone])
    fill = th.readable_on(stripe, chip_bg, 3.0)  # WCAG non-text contrast for the meter
    for chip in card.chips:
        _chip(p, style, chip, fill)
    p.restore()


def _text(p: QPainter, style: SlideCardStyle, line: TextLine, ink: QColor) -> None:
    fm = style.metrics[line.tone]
    p.setFont(style.fonts[line.tone])
    p.setPen(ink)
    base = line.rect.top() + (line.rect.height() - fm.height()) / 2 + fm.ascent()
    p.drawText(QPointF(line.rect.left(), base), line.text)


def _chip(p: QPainter, style: SlideCardStyle, chip: ChipBox, fill: QColor) -> None:
    theme, lw = style.theme, style.line
    r = chip.rect
    p.setPen(QPen(QColor(theme.chip_border), lw))
    p.setBrush(QColor(theme.chip_background))
    p.drawRoundedRect(r.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2), r.height() / 2, r.height() / 2)
    if chip.label is not None:
        _text(p, style, chip.label, QColor(theme.text))
    radius = 1.5 * lw
    if chip.chip.tiers > 0:
        for i, box in enumerate(chip.meter):
            if i < chip.reached:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(fill)
                p.drawRoundedRect(box, radius, radius)
            else:
                p.setPen(QPen(QColor(theme.muted_text), lw))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(box.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2), radius, radius)
    elif chip.meter:
        bar = chip.meter[0]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.chip_border))
        p.drawRoundedRect(bar, 2 * lw, 2 * lw)
        done = max(0.0, min(1.0, chip.fraction or 0.0)) * bar.width()
        if done > 0:
            p.setBrush(fill)
            p.drawRoundedRect(QRectF(bar.x(), bar.y(), done, bar.height()), 2 * lw, 2 * lw)
