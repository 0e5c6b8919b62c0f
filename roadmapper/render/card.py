"""The initiative card, painted the same on the board and on exported slides."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)

from roadmapper.core.card_content import (
    NO_HYPOTHESIS,
    NO_OUTCOME,
    NO_RESULT,
    CardData,
    ChipData,
)
from roadmapper.render import theme as th
from roadmapper.render.chips import ChipRow, remember
from roadmapper.render.fonts import ui_font_px
from roadmapper.render.wrap import elide_words, wrap_lines

__all__ = ["CardGeometry", "CardPainter", "CardState"]


@dataclass(frozen=True, slots=True)
class CardState:
    """How the view sees the card right now."""

    selected: bool = False
    focused: bool = False
    dimmed: bool = False
    hovered: bool = False


def _font(pixels: float, weight: QFont.Weight, italic: bool = False) -> QFont:
    font = ui_font_px(round(pixels), weight)
    font.setItalic(italic)
    return font


def _rounded(x: float, y: float, width: float, height: float, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(x, y, width, height), radius, radius)
    return path


def _outline(path: QPainterPath, width: float, dashed: bool = False) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    if dashed:
        stroker.setDashPattern(Qt.PenStyle.DashLine)
    return stroker.createStroke(path)


def _share(natural: list[float], room: float) -> list[float]:
    """Split ``room`` among texts of ``natural`` widths: short ones whole, the rest alike."""
    shares = [0.0] * len(natural)
    left, count = room, len(natural)
    for i in sorted(range(len(natural)), key=natural.__getitem__):
        fair = left / count
        shares[i] = min(natural[i], fair)
        left -= shares[i]
        count -= 1
    return shares


class FittedChipRow(ChipRow):
    """The board's chips: names take all the room the card has, shared fairly, cut at a word.

    A wide card shows whole names; a narrow one shows fewer chips and "+N" rather
    than chips too short to read.
    """

    def visible(
        self, chips: tuple[ChipData, ...], width: float
    ) -> tuple[list[tuple[str, float, ChipData]], int]:
        """ChipRow.visible: the chips that fit in ``width`` and how many do not."""
        key = (chips, width)
        found = self._rows.get(key)
        if found is not None:
            return found
        fm = self._fm
        texts = [" ".join(c.label.split()) for c in chips]
        natural = [fm.horizontalAdvance(t) for t in texts]
        fixed = [2 * self._pad + self._meter_width(c) for c in chips]
        # A name cut shorter than this says little: fewer chips and "+N" instead.
        least = fm.averageCharWidth() * 8
        placed: list[tuple[str, float, ChipData]] = []
        for shown in range(len(chips), 0, -1):
            hidden = len(chips) - shown
            reserve = fm.horizontalAdvance(f"+{hidden}") + self._gap if hidden else 0.0
            room = width - reserve - sum(fixed[:shown]) - self._gap * (shown - 1)
            shares = _share(natural[:shown], room)
            if all(s >= min(n, least) for s, n in zip(shares, natural, strict=False)):
                for text, share, extra, chip in zip(texts, shares, fixed, chips, strict=False):
                    label = self._cut(text, share)
                    placed.append((label, extra + fm.horizontalAdvance(label), chip))
                break
        found = (placed, len(chips) - len(placed))
        remember(self._rows, key, found)
        return found

    def _cut(self, text: str, room: float) -> str:
        fm = self._fm
        return elide_words(
            text,
            lambda t: fm.horizontalAdvance(t) <= room,
            lambda t: fm.elidedText(t, Qt.TextElideMode.ElideRight, room),
        )


@dataclass(frozen=True, slots=True)
class CardGeometry:
    """A card's spacing and text sizes at one scale, for writers that rebuild the card."""

    radius: float
    stripe: float
    shadow: float
    pad_l: float
    pad_r: float
    pad_t: float
    pad_b: float
    gap_outcome: float
    gap_note: float
    outcome_px: float
    title_px: float
    note_px: float

    @classmethod
    def at(cls, s: float) -> CardGeometry:
        return cls(
            8 * s,
            6 * s,
            1 * s,
            16 * s,
            12 * s,
            10 * s,
            10 * s,
            5 * s,
            4 * s,
            11 * s,
            14 * s,
            12 * s,
        )


class CardPainter:
    """Paints cards of one theme and scale; fonts, metrics, paths and layouts are cached."""

    def __init__(
        self, theme: th.Theme, scale: float = 1.0, compact: bool = False, chips: bool = True
    ) -> None:
        # ``chips`` False: no chip row at all (an export without key results on the cards).
        self.theme, self.scale, self.compact, self.chips = theme, scale, compact, chips
        s, w = scale, QFont.Weight
        self.geometry = g = CardGeometry.at(scale)
        self._outcome_font = _font(g.outcome_px, w.DemiBold)
        self._outcome_italic = _font(g.outcome_px, w.Normal, italic=True)
        self._title_font = _font(g.title_px, w.DemiBold)
        self._note_font = _font(g.note_px, w.Normal)
        self._note_italic = _font(g.note_px, w.Normal, italic=True)
        self._fm_outcome = QFontMetricsF(self._outcome_font)
        self._fm_title = QFontMetricsF(self._title_font)
        self._fm_note = QFontMetricsF(self._note_font)
        self._fm_note_italic = QFontMetricsF(self._note_italic)
        self._chips = FittedChipRow(theme, scale)

        self._radius, self._stripe, self._shadow = g.radius, g.stripe, g.shadow
        self._pad_l, self._pad_r, self._pad_t, self._pad_b = g.pad_l, g.pad_r, g.pad_t, g.pad_b
        self._gap_outcome, self._gap_note, self._gap_chips = g.gap_outcome, g.gap_note, 8 * s
        self._dot, self._dot_gap = 7 * s, 6 * s
        self._line = max(1.0, s)

        t = theme
        self._surface, self._selected_surface = QColor(t.surface), QColor(t.selected_surface)
        self._text, self._muted = QColor(t.text), QColor(t.muted_text)
        self._chip_background = QColor(t.chip_background)
        self._shadow_color = QColor(t.shadow) if t.shadow else None
        self._border, self._border_hover = QColor(t.border), QColor(t.border_hover)
        self._selection, self._focus = QColor(t.selection), QColor(t.focus)
        self._hollow_dot_pen = QPen(self._muted, self._line)
        self._no_pen = QPen(Qt.PenStyle.NoPen)
        self._colors: dict[tuple[str, bool], tuple[QColor, QColor, QColor]] = {}
        self._paths: dict[tuple[float, float], tuple[QPainterPath, ...]] = {}
        self._titles: dict[tuple[str, float], list[str]] = {}
        self._elided: dict[tuple[int, str, float], str] = {}

    @property
    def title_font(self) -> QFont:
        """The font of the title lines, for measuring them."""
        return QFont(self._title_font)

    def card_height(self, with_hypothesis: bool) -> int:
        """The fixed height of a card, from font metrics only; never depends on the text."""
        h = self._pad_t + self._fm_outcome.height() + self._gap_outcome + self._pad_b
        if self.compact:
            return math.ceil(h + self._fm_title.lineSpacing() + self._shadow)
        h += 2 * self._fm_title.lineSpacing()
        if with_hypothesis:
            h += self._gap_note + self._fm_note.height()
        if self.chips:
            h += self._gap_chips + self._chips.height
        return math.ceil(h + self._shadow)

    def title_lines(self, text: str, width: float) -> list[str]:
        """The title as painted in ``width``: at most 2 lines (1 compact), the last elided."""
        key = (text, width)
        lines = self._titles.get(key)
        if lines is None:
            lines = self._wrap(" ".join(text.split()), width, 1 if self.compact else 2)
            remember(self._titles, key, lines)
        return lines

    def visible_chips(self, chips: tuple[ChipData, ...], width: float) -> tuple[list[str], int]:
        """The chip labels painted in a row ``width`` wide, and how many hide behind "+N"."""
        placed, hidden = self._chips.visible(chips, width)
        return [label for label, _w, _chip in placed], hidden

    def _wrap(self, text: str, width: float, max_lines: int) -> list[str]:
        return wrap_lines(
            text,
            self._title_font,
            width,
            max_lines,
            lambda rest: self._elide(self._fm_title, rest, width),
        )

    def _elide(self, fm: QFontMetricsF, text: str, width: float) -> str:
        """``text`` on one line of ``width``: whole, or cut at a word with "…".

        A first word too long for the line is cut inside it, as Qt elides.
        """
        key = (id(fm), text, width)
        out = self._elided.get(key)
        if out is None:
            out = elide_words(
                text,
                lambda t: fm.horizontalAdvance(t) <= width,
                lambda t: fm.elidedText(t, Qt.TextElideMode.ElideRight, width),
            )
            remember(self._elided, key, out)
        return out

    def paint(
        self, painter: QPainter, rect: QRectF, card: CardData, state: CardState = CardState()
    ) -> None:
        """Paint ``card`` inside ``rect``; nothing is drawn outside it."""
        w, h = rect.width(), rect.height()
        if w <= 0 or h <= 0:
            return
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, w, h), Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if state.dimmed:
            painter.setOpacity(painter.opacity() * self.theme.dim_opacity)
        stripe, name_color, meter_color = self._colors_for(card.color, state.selected)
        self._paint_frame(painter, w, h, stripe, state)
        avail = w - self._pad_l - self._pad_r
        painter.setClipRect(QRectF(self._pad_l, 0, avail, h), Qt.ClipOperation.IntersectClip)
        y = self._paint_text(painter, avail, card, stripe, name_color)
        if self.chips and not self.compact:
            # Chips sit on the bottom edge, so every card of a column lines them up.
            y = max(y + self._gap_chips, h - self._shadow - self._pad_b - self._chips.height)
            self._chips.paint(painter, self._pad_l, y, avail, card.chips, meter_color)
        painter.restore()

    def paint_frame(self, painter: QPainter, rect: QRectF, stripe: QColor) -> None:
        """The card's body, border, shadow and outcome stripe alone, as a slide card has them."""
        if rect.width() <= 0 or rect.height() <= 0:
            return
        painter.save()
        painter.translate(rect.topLeft())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_frame(painter, rect.width(), rect.height(), stripe, CardState())
        painter.restore()

    def _colors_for(self, color: str, selected: bool) -> tuple[QColor, QColor, QColor]:
        """The stripe colour, the outcome name's text colour and the tier meter's fill."""
        key = (color, selected)
        found = self._colors.get(key)
        if found is None:
            stripe = QColor(color)
            surface = self._selected_surface if selected else self._surface
            found = (
                stripe,
                th.readable_on(stripe, surface),
                th.readable_on(stripe, self._chip_background, 3.0),  # WCAG non-text contrast
            )
            remember(self._colors, key, found)
        return found

    def _frame_paths(self, w: float, h: float) -> tuple[QPainterPath, ...]:
        paths = self._paths.get((w, h))
        if paths is None:
            body_h, r, lw = h - self._shadow, self._radius, self._line

            body = _rounded(0, 0, w, body_h, r)
            strip = QPainterPath()
            strip.addRect(QRectF(0, 0, self._stripe, body_h))
            # Strokes are centred on the path: inset by half the pen so they stay inside.
            border = _rounded(lw / 2, lw / 2, w - lw, body_h - lw, r - lw / 2)
            border2 = _rounded(lw, lw, w - 2 * lw, body_h - 2 * lw, r - lw)
            # The focus ring runs inside the border, right of the stripe, leaving both clean.
            gap, left = 3.5 * lw, self._stripe + 3.5 * lw
            focus = _rounded(left, gap, w - left - gap, body_h - 2 * gap, max(0.0, r - 3 * lw))
            # Only the sliver below the body: filling the whole shadow would paint twice.
            shadow = _rounded(0, self._shadow, w, body_h, r).subtracted(body)
            # Strokes turned into outlines once, then filled: stroking on every paint is slow.
            paths = (
                body,
                shadow,
                body.intersected(strip),
                _outline(border, lw),
                _outline(border2, 2 * lw),
                _outline(focus, lw, dashed=True),
            )
            remember(self._paths, (w, h), paths)
        return paths

    def _paint_frame(
        self, p: QPainter, w: float, h: float, stripe_color: QColor, state: CardState
    ) -> None:
        body, shadow, stripe, border, border2, focus = self._frame_paths(w, h)
        if self._shadow_color is not None:
            p.fillPath(shadow, self._shadow_color)
        p.fillPath(body, self._selected_surface if state.selected else self._surface)
        if not state.selected:
            p.fillPath(border, self._border_hover if state.hovered else self._border)
        p.fillPath(stripe, stripe_color)
        if state.selected:
            p.fillPath(border2, self._selection)
        if state.focused:
            p.fillPath(focus, self._focus)

    def _paint_text(
        self, p: QPainter, avail: float, card: CardData, dot: QColor, name_color: QColor
    ) -> float:
        """Outcome row, title and note row; returns the y below the last one."""
        x, y, fm = self._pad_l, self._pad_t, self._fm_outcome
        base = y + fm.ascent()
        mid = base - fm.capHeight() / 2
        dot_rect = QRectF(x, mid - self._dot / 2, self._dot, self._dot)
        tx = x + self._dot + self._dot_gap
        if card.outcome_label:
            p.setPen(self._no_pen)
            p.setBrush(dot)
            p.drawEllipse(dot_rect)
            p.setFont(self._outcome_font)
            p.setPen(name_color)
            p.drawText(QPointF(tx, base), self._elide(fm, card.outcome_label, avail + x - tx))
        else:
            # No outcome: a hollow dot and a coaching word, never an empty gap.
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(self._hollow_dot_pen)
            half = self._line / 2
            p.drawEllipse(dot_rect.adjusted(half, half, -half, -half))
            p.setFont(self._outcome_italic)
            p.setPen(self._muted)
            p.drawText(QPointF(tx, base), NO_OUTCOME)
        y += fm.height() + self._gap_outcome

        p.setFont(self._title_font)
        p.setPen(self._text)
        step = self._fm_title.lineSpacing()
        for i, line in enumerate(self.title_lines(card.title, avail)):
            p.drawText(QPointF(x, y + i * step + self._fm_title.ascent()), line)
        y += (1 if self.compact else 2) * step

        if not self.compact and (card.result or card.done or card.hypothesis is not None):
            y += self._gap_note
            if card.result:
                font, fm = self._note_font, self._fm_note
                text, color = "Result: " + card.result, self._text
            elif card.done:
                font, fm = self._note_italic, self._fm_note_italic
                text, color = NO_RESULT, self._muted
            else:
                font, fm = self._note_italic, self._fm_note_italic
                text, color = card.hypothesis or NO_HYPOTHESIS, self._muted
            p.setFont(font)
            p.setPen(color)
            p.drawText(QPointF(x, y + fm.ascent()), self._elide(fm, " ".join(text.split()), avail))
            y += self._fm_note.height()
        return y
