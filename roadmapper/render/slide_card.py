"""A card on a slide: what it shows at each level of detail, laid out once for every format.

The board slide sizes each card to its content (a one-line title makes a
shorter card), so the layout asks :class:`SlideCardStyle` how tall a card is at
a width and a level of detail, then places it: the result, a
:class:`CardLayout`, holds every text line, chip and meter in page coordinates.
The picture painters (PNG, SVG, PDF, the export preview) paint it with
``slide_card_paint.paint_card``; the PowerPoint writer turns the same rects into shapes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from roadmapper.core.card_content import (
    NO_HYPOTHESIS,
    NO_KEY_RESULT,
    NO_OUTCOME,
    NO_RESULT,
    CardData,
    ChipData,
)
from roadmapper.render import theme as th
from roadmapper.render.card import CardPainter
from roadmapper.render.chips import remember
from roadmapper.render.fonts import ui_font_px
from roadmapper.render.slide_card_layout import (
    CardLayout,
    ChipBox,
    Detail,
    TextLine,
    Tone,
    whole,
)
from roadmapper.render.wrap import ELLIPSIS, elide_words, wrap_lines

__all__ = [
    "ELLIPSIS",
    "CardLayout",
    "ChipBox",
    "Detail",
    "SlideCardStyle",
    "TextLine",
    "Tone",
    "slide_card_style",
    "whole",
]

TITLE_LINES = 2
PLAN_LIMIT = 50_000  # measured cards kept per style: a 10,000-card board at a few widths
LOSS = {
    "title": 10.0,  # a title cut short: the card no longer says what it is
    "note": 6.0,  # a hypothesis or result left off
    "chip label": 3.0,  # a key result shown by its meter alone
    "chip cut": 2.0,  # a key result's name cut at a word
    "outcome line": 1.0,  # the outcome's name (the stripe and the legend still say it)
}
"""What a card giving up each thing costs, when the slide weighs one layout against another."""
MIN_LABEL_CHARS = 12  # a cut chip label shorter than this says nothing: the meter alone then


_CHIP_MODES = {
    Detail.FULL: 0,  # whole labels, a row of their own when they need it
    Detail.NO_OUTCOME_LINE: 0,
    Detail.ONE_CHIP_ROW: 1,  # labels share one row
    Detail.NO_NOTE: 1,
    Detail.METERS_ONLY: 2,
}
_Rows = tuple[tuple[tuple[str, float, ChipData], ...], ...]  # (label, pill width, chip) rows


@dataclass(frozen=True, slots=True)
class _Plan:
    """A card measured at one width and detail, not yet placed."""

    height: float
    outcome: str | None
    title: tuple[str, ...]
    note: tuple[str, Tone, str] | None  # shown text, tone, full text
    rows: _Rows
    no_chips: str | None
    loss: float  # what the card gives up here, weighed by LOSS (0: nothing)


class SlideCardStyle:
    """Fonts, spacing and measuring of slide cards at one scale; plans are cached."""

    def __init__(self, theme: th.Theme, scale: float, chips: bool = True) -> None:
        s, w = scale, QFont.Weight
        self.theme, self.scale, self.show_chips = theme, scale, chips
        self.frame = CardPainter(theme, scale)  # the board card's own frame: body, stripe, shadow
        g = self.frame.geometry
        self.pad_l, self.pad_r, self.pad_t, self.pad_b = g.pad_l, g.pad_r, 8 * s, 8 * s
        self.shadow = g.shadow
        self.gap_outcome, self.gap_note, self.gap_chips = 4 * s, 4 * s, 6 * s
        self.dot, self.dot_gap = 7 * s, 6 * s
        self.chip_pad, self.chip_gap, self.chip_row_gap = 7 * s, 6 * s, 4 * s
        self.meter_gap, self.seg, self.seg_gap, self.bar_w = 6 * s, 6 * s, 2 * s, 22 * s
        self.line = max(1.0, s)
        self.fonts = {
            Tone.OUTCOME: _font(g.outcome_px, w.DemiBold),
            Tone.UNLINKED: _font(g.outcome_px, w.Normal, True),
            Tone.TITLE: _font(g.title_px, w.DemiBold),
            Tone.RESULT: _font(g.note_px, w.Normal),
            Tone.QUIET: _font(g.note_px, w.Normal, True),
            Tone.CHIP: _font(11 * s, w.Medium),
            Tone.NO_CHIP: _font(11 * s, w.Medium),
        }
        self.metrics = {tone: QFontMetricsF(font) for tone, font in self.fonts.items()}
        self.chip_h = math.ceil(self.metrics[Tone.CHIP].height() + 6 * s)
        self._plans: dict[tuple[CardData, float, Detail], _Plan] = {}
        self._advances: dict[tuple[Tone, str], float] = {}
        self._lines: dict[tuple[Tone, str, float], str] = {}
        self._titles: dict[tuple[str, float], tuple[str, ...]] = {}
        self._rows: dict[tuple[tuple[ChipData, ...], float, int], _Rows] = {}

    # -- measuring --------------------------------------------------------------

    def advance(self, tone: Tone, text: str) -> float:
        key = (tone, text)
        found = self._advances.get(key)
        if found is None:
            found = self.metrics[tone].horizontalAdvance(text)
            remember(self._advances, key, found)
        return found

    def one_line(self, tone: Tone, text: str, width: float) -> str:
        """``text`` on one line of ``width``, cut at a word with "…" when it must be."""
        key = (tone, text, width)
        found = self._lines.get(key)
        if found is None:
            fm = self.metrics[tone]
            found = elide_words(
                text,
                lambda t: self.advance(tone, t) <= width,
                lambda t: fm.elidedText(t, Qt.TextElideMode.ElideRight, max(0.0, width)),
            )
            remember(self._lines, key, found)
        return found

    def text_width(self, card_width: float) -> float:
        return max(0.0, card_width - self.pad_l - self.pad_r)

    def meter_width(self, chip: ChipData) -> float:
        if chip.tiers > 0:
            return chip.tiers * self.seg + (chip.tiers - 1) * self.seg_gap
        return self.bar_w if chip.fraction is not None else 0.0

    def height(self, data: CardData, width: float, detail: Detail) -> float:
        """How tall ``data`` is as a card ``width`` wide at ``detail``."""
        return self._plan(data, width, detail).height

    def measure(self, data: CardData, width: float, detail: Detail) -> tuple[float, float]:
        """(height, loss): how tall the card is and what it gives up, by ``LOSS``."""
        plan = self._plan(data, width, detail)
        return plan.height, plan.loss

    def min_height(self, data: CardData, detail: Detail) -> float:
        """A lower bound of :meth:`height` at any width: a one-line title, one chip row."""
        h = self.pad_t + self.pad_b + self.shadow + self.metrics[Tone.TITLE].lineSpacing()
        if detail < Detail.NO_OUTCOME_LINE:
            h += self.metrics[Tone.OUTCOME].height() + self.gap_outcome
        if detail < Detail.NO_NOTE and _note(data) is not None:
            h += self.gap_note + self.metrics[Tone.QUIET].height()
        if self.show_chips:
            h += self.gap_chips + self.chip_h
        return h

    def _plan(self, data: CardData, width: float, detail: Detail) -> _Plan:
        key = (data, width, detail)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._measure(data, width, detail)
            if len(self._plans) >= PLAN_LIMIT:
                self._plans.clear()
            self._plans[key] = plan
        return plan

    def _measure(self, data: CardData, width: float, detail: Detail) -> _Plan:
        avail = self.text_width(width)
        h = self.pad_t
        outcome = None
        if detail < Detail.NO_OUTCOME_LINE:
            tone = Tone.OUTCOME if data.outcome_label else Tone.UNLINKED
            text = data.outcome_label or NO_OUTCOME
            outcome = self.one_line(tone, text, avail - self.dot - self.dot_gap)
            h += self.metrics[Tone.OUTCOME].height() + self.gap_outcome
        title = self._title(data.title, avail)
        h += max(1, len(title)) * self.metrics[Tone.TITLE].lineSpacing()
        note = None
        found = _note(data) if detail < Detail.NO_NOTE else None
        if found is not None:
            text, tone = found
            note = (self.one_line(tone, text, avail), tone, text)
            h += self.gap_note + self.metrics[tone].height()
        rows: _Rows = ()
        no_chips = None
        if self.show_chips:
            if data.chips:
                rows = self._chip_rows(data.chips, avail, detail)
                h += self.gap_chips + len(rows) * self.chip_h
                h += (len(rows) - 1) * self.chip_row_gap
            else:
                no_chips = self.one_line(Tone.NO_CHIP, NO_KEY_RESULT, avail)
                h += self.gap_chips + self.chip_h
        h += self.pad_b + self.shadow
        loss = 0.0
        if not whole(title, data.title):
            loss += LOSS["title"]
        if found is None and _note(data) is not None:
            loss += LOSS["note"]
        for row in rows:
            for label, _w, chip in row:
                if not label:
                    loss += LOSS["chip label"]
                elif label != " ".join(chip.label.split()):
                    loss += LOSS["chip cut"]
        if outcome is None:
            loss += LOSS["outcome line"]
        return _Plan(math.ceil(h), outcome, title, note, rows, no_chips, loss)

    def _title(self, text: str, width: float) -> tuple[str, ...]:
        """The title wrapped into ``TITLE_LINES``, the last cut at a word when it must be."""
        key = (text, width)
        found = self._titles.get(key)
        if found is None:
            found = tuple(
                wrap_lines(
                    " ".join(text.split()),
                    self.fonts[Tone.TITLE],
                    width,
                    TITLE_LINES,
                    lambda rest: (
                        self.one_line(Tone.TITLE, rest, width)
                        if self.advance(Tone.TITLE, rest) > width
                        else rest
                    ),
                )
            )
            remember(self._titles, key, found)
        return found

    def _pill(self, chip: ChipData, label: str) -> float:
        meter = self.meter_width(chip)
        if not label:
            return 2 * self.chip_pad + meter
        gap = self.meter_gap if meter else 0.0
        return 2 * self.chip_pad + self.advance(Tone.CHIP, label) + gap + meter

    def _chip_rows(self, chips: tuple[ChipData, ...], width: float, detail: Detail) -> _Rows:
        key = (chips, width, _CHIP_MODES[detail])
        found = self._rows.get(key)
        if found is None:
            found = self._flow_chips(chips, width, detail)
            remember(self._rows, key, found)
        return found

    def _flow_chips(self, chips: tuple[ChipData, ...], width: float, detail: Detail) -> _Rows:
        if detail >= Detail.METERS_ONLY:
            labels = ["" for _ in chips]
        elif detail >= Detail.ONE_CHIP_ROW:
            labels = self._shared_labels(chips, width)
        else:
            labels = [self._own_row_label(chip, width) for chip in chips]
        rows: list[list[tuple[str, float, ChipData]]] = [[]]
        used = 0.0
        for label, chip in zip(labels, chips, strict=True):
            pill = min(width, self._pill(chip, label))
            if rows[-1] and used + self.chip_gap + pill > width + 0.01:
                rows.append([])
                used = 0.0
            used += (self.chip_gap if rows[-1] else 0.0) + pill
            rows[-1].append((label, pill, chip))
        return tuple(tuple(row) for row in rows)

    def _own_row_label(self, chip: ChipData, width: float) -> str:
        """The whole label, cut only when even a row of its own is too narrow."""
        room = width - self._pill(chip, "") - self.meter_gap
        label = self.one_line(Tone.CHIP, chip.label, room)
        return label if _enough(label) else ""

    def _shared_labels(self, chips: tuple[ChipData, ...], width: float) -> list[str]:
        """Labels that put every chip in one row: the width shared out, short labels whole."""
        fixed = sum(self._pill(c, "") + self.meter_gap for c in chips)
        room = width - fixed - (len(chips) - 1) * self.chip_gap
        needs = [self.advance(Tone.CHIP, " ".join(c.label.split())) for c in chips]
        share = _water_fill(needs, room)
        labels = [self.one_line(Tone.CHIP, c.label, s) for c, s in zip(chips, share, strict=True)]
        return [label if _enough(label) else "" for label in labels]

    # -- placing ----------------------------------------------------------------

    def place(self, data: CardData, rect: QRectF, detail: Detail) -> CardLayout:
        """The card measured for ``rect``'s width, every part placed inside ``rect``."""
        plan = self._plan(data, rect.width(), detail)
        x, y = rect.left() + self.pad_l, rect.top() + self.pad_t
        avail = self.text_width(rect.width())
        fm_outcome = self.metrics[Tone.OUTCOME]
        mid = y + fm_outcome.ascent() - fm_outcome.capHeight() / 2
        dot = QRectF(x, mid - self.dot / 2, self.dot, self.dot)
        outcome = None
        if plan.outcome is not None:
            tone = Tone.OUTCOME if data.outcome_label else Tone.UNLINKED
            tx = x + self.dot + self.dot_gap
            line_rect = QRectF(tx, y, avail - (tx - x), fm_outcome.height())
            outcome = TextLine(plan.outcome, line_rect, tone, data.outcome_label or NO_OUTCOME)
            y += fm_outcome.height() + self.gap_outcome
        step = self.metrics[Tone.TITLE].lineSpacing()
        full_title = " ".join(data.title.split())
        title = tuple(
            TextLine(line, QRectF(x, y + i * step, avail, step), Tone.TITLE, full_title)
            for i, line in enumerate(plan.title)
        )
        y += max(1, len(plan.title)) * step
        note = None
        if plan.note is not None:
            text, tone, full = plan.note
            y += self.gap_note
            note = TextLine(text, QRectF(x, y, avail, self.metrics[tone].height()), tone, full)
        chips: list[ChipBox] = []
        no_chips = None
        # Chips sit on the bottom edge, so the cards of a row line them up.
        bottom = rect.bottom() - self.pad_b - self.shadow
        if plan.no_chips is not None:
            r = QRectF(x, bottom - self.chip_h, avail, self.chip_h)
            no_chips = TextLine(plan.no_chips, r, Tone.NO_CHIP, NO_KEY_RESULT)
        elif plan.rows:
            top = bottom - len(plan.rows) * self.chip_h - (len(plan.rows) - 1) * self.chip_row_gap
            for n, row in enumerate(plan.rows):
                cx, cy = x, top + n * (self.chip_h + self.chip_row_gap)
                for label, pill, chip in row:
                    chips.append(self._chip_box(chip, label, QRectF(cx, cy, pill, self.chip_h)))
                    cx += pill + self.chip_gap
        return CardLayout(rect, self.scale, data, dot, outcome, title, note, tuple(chips), no_chips)

    def _chip_box(self, chip: ChipData, label: str, rect: QRectF) -> ChipBox:
        meter_w = self.meter_width(chip)
        mx = rect.right() - self.chip_pad - meter_w
        mid = rect.center().y()
        if chip.tiers > 0:
            meter = tuple(
                QRectF(mx + i * (self.seg + self.seg_gap), mid - self.seg / 2, self.seg, self.seg)
                for i in range(chip.tiers)
            )
        elif chip.fraction is not None:
            meter = (QRectF(mx, mid - 2 * self.line, self.bar_w, 4 * self.line),)
        else:
            meter = ()
        text = None
        if label:
            fm = self.metrics[Tone.CHIP]
            lx = rect.left() + self.chip_pad
            lw = max(0.0, (mx - self.meter_gap if meter else rect.right() - self.chip_pad) - lx)
            box = QRectF(lx, mid - fm.height() / 2, lw, fm.height())
            text = TextLine(label, box, Tone.CHIP, " ".join(chip.label.split()))
        return ChipBox(rect, text, meter, chip.reached, chip.fraction, chip)


def _font(pixels: float, weight: QFont.Weight, italic: bool = False) -> QFont:
    font = ui_font_px(round(pixels), weight)
    font.setItalic(italic)
    return font


def _enough(label: str) -> bool:
    """A cut label keeps at least a few letters, or it goes."""
    return len(label.rstrip("…")) >= MIN_LABEL_CHARS or not label.endswith("…")


def _note(data: CardData) -> tuple[str, Tone] | None:
    """The note row's whole text and tone: the result, a missing result or the hypothesis."""
    if data.result:
        return "Result: " + " ".join(data.result.split()), Tone.RESULT
    if data.done:
        return NO_RESULT, Tone.QUIET
    if data.hypothesis is not None:
        return " ".join(data.hypothesis.split()) or NO_HYPOTHESIS, Tone.QUIET
    return None


def _water_fill(needs: list[float], room: float) -> list[float]:
    """Share ``room`` out: labels that need less than an equal share keep what they need."""
    share = [0.0] * len(needs)
    left, todo = max(0.0, room), sorted(range(len(needs)), key=lambda i: needs[i])
    while todo:
        fair = left / len(todo)
        i = todo[0]
        if needs[i] <= fair:
            share[i] = needs[i]
            left -= needs[i]
            todo.pop(0)
        else:
            for j in todo:
                share[j] = fair
            break
    return share


@lru_cache(maxsize=32)
def slide_card_style(theme: th.Theme, scale: float, chips: bool) -> SlideCardStyle:
    """A shared style per theme, scale and chips option (its plans are cached)."""
    return SlideCardStyle(theme, scale, chips)
