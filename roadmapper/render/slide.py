"""The board as slides: layout of titles, columns, cards, notes and legend, and their painting."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from roadmapper.core.card_content import NOTE_COLUMNS, CardData, card_content
from roadmapper.core.entities import Initiative, RoadmapSnapshot
from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.model.enums import Column
from roadmapper.render import slide_common as sc
from roadmapper.render.slide_parts import (
    NO_OUTCOME_ID,
    ColumnHeader,
    LegendEntry,
    MoreNote,
    legend_layout,
    paint_header,
    paint_legend,
    paint_note,
)
from roadmapper.render.theme import LIGHT, Theme

__all__ = [
    "NO_OUTCOME_ID",
    "BoardOptions",
    "BoardPage",
    "ColumnHeader",
    "LegendEntry",
    "MoreNote",
    "Overflow",
    "PlacedCard",
    "layout_board",
    "paint_board_page",
]

CARD_SCALE = 1.7  # card painter scale on a 1920 x 1080 slide: 24 px titles
COLUMN_GAP = 32.0
CARD_GAP = 16.0
COMPACT_GAP = 12.0
SECTION_GAP = 36.0  # title block to column headers
HEADER_H = 48.0
HEADER_GAP = 18.0  # header to the first card
NOTE_H = 48.0
LEGEND_GAP = 28.0  # last card to the legend
CONTINUED = " (continued)"
NOTHING_HERE = "Nothing here"


class Overflow(StrEnum):
    """What happens to cards that do not fit on the slide, even compact."""

    MORE = "more"  # a "+N more" note at the bottom of the column
    PAGINATE = "paginate"  # further pages continue the columns


@dataclass(frozen=True, slots=True)
class BoardOptions:
    """What to export and how; every size is in layout units (pixels at scale 1)."""

    columns: tuple[Column, ...] = (Column.NOW, Column.NEXT, Column.LATER)  # board order is kept
    outcome_ids: frozenset[int] | None = None  # None: every card; else only these outcomes'
    show_chips: bool = True
    title: str = ""  # "" -> the roadmap's name
    subtitle: str | None = None  # None -> today's date like "22 November 2026"; "" -> none
    theme: Theme = LIGHT
    width: float = 1920.0
    height: float = 1080.0
    overflow: Overflow = Overflow.MORE
    today: dt.date | None = None  # for the default subtitle; None -> date.today()


@dataclass(frozen=True, slots=True)
class PlacedCard:
    """One card on a page: paint ``data`` in ``rect`` with the page's card painter."""

    initiative_id: int
    rect: QRectF
    data: CardData
    compact: bool


@dataclass(frozen=True, slots=True)
class BoardPage:
    """One slide of the board, fully laid out; paint it with :func:`paint_board_page`."""

    width: float
    height: float
    theme: Theme
    title: str
    subtitle: str
    page_label: str  # "" or "2 / 3"
    title_rect: QRectF
    subtitle_rect: QRectF
    headers: tuple[ColumnHeader, ...]
    cards: tuple[PlacedCard, ...]
    legend: tuple[LegendEntry, ...]
    more: tuple[MoreNote, ...]  # every note of a column: "+N more", "Nothing here", …
    page_label_rect: QRectF | None = None
    card_scale: float = CARD_SCALE  # the CardPainter scale the card rects were laid out for
    show_chips: bool = True
    unit: float = 1.0  # layout units per unit of a 1920 x 1080 slide (font sizes scale by it)


@dataclass(frozen=True, slots=True)
class _Frame:
    """The geometry every page of one export shares."""

    u: float
    columns: tuple[tuple[Column, float, float], ...]  # column, x, width
    header_top: float
    cards_top: float
    cards_bottom: float
    legend_top: float
    legend_cap: float  # the longest legend label, so every page's legend fits its rows


_Stack = list[tuple[Initiative, CardData]]


def _chosen(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The chosen columns in board order, each once."""
    return tuple(c for c in Column if c in columns)


def _stacks(snapshot: RoadmapSnapshot, options: BoardOptions) -> dict[Column, _Stack]:
    wanted = options.outcome_ids
    stacks: dict[Column, _Stack] = {c: [] for c in _chosen(options.columns)}
    for card in snapshot.initiatives:  # already in board order
        stack = stacks.get(card.column)
        if stack is None or (wanted is not None and card.outcome_id not in wanted):
            continue
        stack.append((card, card_content(snapshot, card, options.show_chips)))
    return stacks


def _legend_items(snapshot: RoadmapSnapshot, outcome_ids: set[int | None]) -> list[LegendEntry]:
    """Legend entries (rects still empty) for these outcomes, in tree order; unlinked last."""
    items = [
        LegendEntry(o.id, o.objective, o.color, QRectF())
        for o, _depth in snapshot.outcome_tree
        if o.id in outcome_ids
    ]
    known = {o.id for o in snapshot.outcomes}
    if any(i is None or i not in known for i in outcome_ids):
        items.append(LegendEntry(NO_OUTCOME_ID, "No outcome", UNLINKED_COLOR, QRectF()))
    return items


def _outcome_of(snapshot: RoadmapSnapshot, card: Initiative) -> int | None:
    known = card.outcome_id is not None and card.outcome_id in snapshot.outcome_by_id
    return card.outcome_id if known else None


def _frame(
    options: BoardOptions, columns: tuple[Column, ...], subtitle: str, legend: list[LegendEntry]
) -> _Frame:
    w, h = options.width, options.height
    u = sc.unit_for(w, h)
    m = sc.MARGIN * u
    block = sc.title_block(w, u, subtitle, "")
    header_top = round(block.bottom + SECTION_GAP * u)
    cards_top = header_top + round(HEADER_H * u) + round(HEADER_GAP * u)
    content = w - 2 * m
    _entries, legend_h, cap = legend_layout(legend, m, content, 0.0, u)
    legend_top = h - m - legend_h
    cards_bottom = legend_top - LEGEND_GAP * u if legend else h - m
    n = max(1, len(columns))
    col_w = (content - (n - 1) * COLUMN_GAP * u) / n
    # Whole units: card edges fall on pixels at scale 1 and the painters' sums stay exact.
    step = col_w + COLUMN_GAP * u
    edges = [(math.ceil(m + i * step), math.floor(m + i * step + col_w)) for i in range(n)]
    placed = tuple((c, a, b - a) for c, (a, b) in zip(columns, edges, strict=False))
    return _Frame(u, placed, header_top, cards_top, cards_bottom, legend_top, cap)


def _fit(room: float, height: float, gap: float) -> int:
    """How many cards of ``height``, ``gap`` apart, fit in ``room``."""
    return max(0, int((room + gap) // (height + gap))) if room >= height else 0


def _split(count: int, fit_all: int, fit_noted: int, paginate: bool) -> list[int]:
    """Cards per page for one column: all when they fit, else as many as fit beside a note."""
    if count <= fit_all:
        return [count]
    if not paginate:
        return [fit_noted]
    sizes: list[int] = []
    left = count
    while left > fit_all:
        take = max(1, fit_noted)  # one card a page at least, or paging would never end
        sizes.append(min(take, left))
        left -= sizes[-1]
    if left:
        sizes.append(left)
    return sizes


def layout_board(snapshot: RoadmapSnapshot, options: BoardOptions) -> list[BoardPage]:
    """The board as one page (``Overflow.MORE``) or as many as it takes (``PAGINATE``)."""
    theme = options.theme
    title = options.title or snapshot.roadmap.name
    subtitle = sc.subtitle_text(options.subtitle, options.today)
    stacks = _stacks(snapshot, options)
    columns = tuple(stacks)
    everyone = {_outcome_of(snapshot, card) for stack in stacks.values() for card, _d in stack}
    frame = _frame(options, columns, subtitle, _legend_items(snapshot, everyone))
    u = frame.u
    room = frame.cards_bottom - frame.cards_top
    scale = round(CARD_SCALE * u * 32) / 32

    def heights(compact: bool) -> dict[Column, float]:
        painter = sc.card_painter(theme, scale, compact, options.show_chips)
        return {c: float(painter.card_height(c in NOTE_COLUMNS)) for c in columns}

    full = heights(False)
    compact = any(
        len(stack) > _fit(room, full[c], round(CARD_GAP * u)) for c, stack in stacks.items()
    )
    sizes = heights(True) if compact else full
    gap = round((COMPACT_GAP if compact else CARD_GAP) * u)
    noted_room = room - (NOTE_H + CARD_GAP) * u
    paginate = options.overflow is Overflow.PAGINATE
    per_page = {
        c: _split(len(s), _fit(room, sizes[c], gap), _fit(noted_room, sizes[c], gap), paginate)
        for c, s in stacks.items()
    }
    count = max((len(p) for p in per_page.values()), default=1)
    pages = []
    starts = dict.fromkeys(columns, 0)
    ends: dict[Column, int] = {}  # the page a column's last card is on
    for index in range(count):
        label = sc.page_label(index, count)
        block = sc.title_block(options.width, u, subtitle, label)
        headers: list[ColumnHeader] = []
        cards: list[PlacedCard] = []
        notes: list[MoreNote] = []
        present: set[int | None] = set()
        for column, x, w in frame.columns:
            stack, start = stacks[column], starts[column]
            chunk = per_page[column][index] if index < len(per_page[column]) else 0
            continued = start > 0 and chunk > 0
            text = column.label + (CONTINUED if continued else "")
            hrect = QRectF(x, frame.header_top, w, HEADER_H * u)
            headers.append(ColumnHeader(column, hrect, text, str(len(stack))))
            y = frame.cards_top
            for card, data in stack[start : start + chunk]:
                rect = QRectF(x, y, w, sizes[column])
                cards.append(PlacedCard(card.id, rect, data, compact))
                present.add(_outcome_of(snapshot, card))
                y += sizes[column] + gap
            starts[column] = start + chunk
            left = len(stack) - starts[column]
            note_rect = QRectF(x, y if chunk else frame.cards_top, w, NOTE_H * u)
            if chunk and not left:
                ends[column] = index
            if left and not paginate:
                notes.append(MoreNote(column, note_rect, f"+{left} more", left))
            elif left:
                notes.append(MoreNote(column, note_rect, f"+{left} more on the next page", left))
            elif not stack:
                notes.append(MoreNote(column, note_rect, NOTHING_HERE))
            elif not chunk:
                notes.append(MoreNote(column, note_rect, _shown_on(per_page[column], ends[column])))
        legend, _h, _cap = legend_layout(
            _legend_items(snapshot, present),
            sc.MARGIN * u,
            options.width - 2 * sc.MARGIN * u,
            frame.legend_top,
            u,
            frame.legend_cap,
        )
        pages.append(
            BoardPage(
                options.width,
                options.height,
                theme,
                title,
                subtitle,
                label,
                block.title_rect,
                block.subtitle_rect,
                tuple(headers),
                tuple(cards),
                tuple(legend),
                tuple(notes),
                block.label_rect,
                scale,
                options.show_chips,
                u,
            )
        )
    return pages


def _shown_on(sizes: list[int], last: int) -> str:
    """Where a finished column's cards are, said on the pages after its last."""
    first = next(i for i, n in enumerate(sizes) if n)
    if first == last:
        return f"Shown on page {last + 1}"
    return f"Shown on pages {first + 1}–{last + 1}"


def paint_board_page(painter: QPainter, page: BoardPage, scale: float = 1.0) -> None:
    """Paint ``page`` with ``scale`` device units per layout unit, background included."""
    p, theme, u = painter, page.theme, page.unit
    p.save()
    p.scale(scale, scale)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.fillRect(QRectF(0, 0, page.width, page.height), QColor(theme.background))
    label_rect = page.page_label_rect or QRectF()
    block = sc.TitleBlock(page.title_rect, page.subtitle_rect, label_rect, 0.0)
    sc.paint_title_block(p, theme, u, block, (page.title, page.subtitle, page.page_label))
    for header in page.headers:
        paint_header(p, theme, u, header)
    for compact in {c.compact for c in page.cards}:
        cp = sc.card_painter(theme, page.card_scale, compact, page.show_chips)
        for card in page.cards:
            if card.compact == compact:
                cp.paint(p, card.rect, card.data)
    for note in page.more:
        paint_note(p, theme, u, note)
    paint_legend(p, theme, u, page.legend)
    p.restore()
