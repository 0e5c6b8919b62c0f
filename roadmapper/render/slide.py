"""The board as slides: layout of titles, columns, cards, notes and legend, and their painting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter

from roadmapper.core.card_content import CardData, card_content
from roadmapper.core.entities import Initiative, RoadmapSnapshot
from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.model.enums import Column
from roadmapper.render import slide_common as sc
from roadmapper.render.slide_card import CardLayout, Detail, slide_card_style
from roadmapper.render.slide_card_paint import paint_card
from roadmapper.render.slide_fit import CARD_GAP, SUB_GAP, Fit, Fitter, Geometry, fill, split
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
    "left_out",
    "paint_board_page",
]

SECTION_GAP = 28.0  # title block to column headers
HEADER_H = 48.0
HEADER_GAP = 14.0  # header to the first card
NOTE_H = 48.0
LEGEND_GAP = 22.0  # last card to the legend
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
    layout: CardLayout


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
    card_scale: float = 1.7  # the scale the cards were laid out at (a SlideCardStyle's)
    show_chips: bool = True
    unit: float = 1.0  # layout units per unit of a 1920 x 1080 slide (font sizes scale by it)
    detail: Detail = Detail.FULL  # what every card on the page keeps


@dataclass(frozen=True, slots=True)
class _Frame:
    """The geometry every page of one export shares, columns aside."""

    u: float
    left: float
    width: float
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


def _frame(options: BoardOptions, subtitle: str, legend: list[LegendEntry]) -> _Frame:
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
    return _Frame(u, m, content, header_top, cards_top, cards_bottom, legend_top, cap)


@dataclass
class _Column:
    """One column's cards and where the next page starts in them."""

    column: Column
    stack: _Stack
    geometry: Geometry
    detail: Detail
    heights: list[float]
    start: int = 0
    last_page: int = -1  # the page its last card is on
    pages: list[int] = field(default_factory=list)  # cards per page


def _take(col: _Column, room: float, gap: float, note: float, final: bool) -> list[int]:
    """Cards per sub-column on this page: balanced when the rest fits, else as many as fit.

    ``note`` is the room a "+N more" note takes at the foot of the last sub-column;
    ``final`` (no further page) keeps it free whenever cards are left over.
    """
    hs = col.heights[col.start :]
    k = col.geometry.sub
    balanced = split(hs, k, room, gap)
    if balanced is not None:
        return balanced
    sizes, i = [], 0
    for j in range(k):
        take = fill(hs[i:], room - (note if j == k - 1 else 0.0), gap)
        sizes.append(take)
        i += take
    if not any(sizes) and not final:
        sizes[0] = 1  # one card a page at least, or paging would never end
    return sizes


def layout_board(snapshot: RoadmapSnapshot, options: BoardOptions) -> list[BoardPage]:
    """The board as one page (``Overflow.MORE``) or as many as it takes (``PAGINATE``)."""
    theme = options.theme
    title = options.title or snapshot.roadmap.name
    subtitle = sc.subtitle_text(options.subtitle, options.today)
    stacks = _stacks(snapshot, options)
    everyone = {_outcome_of(snapshot, card) for stack in stacks.values() for card, _d in stack}
    frame = _frame(options, subtitle, _legend_items(snapshot, everyone))
    u = frame.u
    room = frame.cards_bottom - frame.cards_top
    fitter = Fitter(
        [[d for _c, d in stack] for stack in stacks.values()],
        frame.left,
        frame.width,
        room,
        u,
        theme,
        options.show_chips,
    )
    fit = fitter.choose()
    style = fit.style(theme, options.show_chips)
    columns = [
        _Column(c, stack, g, detail, fitter.heights(fit.scale, detail, g.sub_width, i))
        for i, ((c, stack), g, detail) in enumerate(
            zip(stacks.items(), fit.geometry, fit.details, strict=True)
        )
    ]
    gap = fitter.gap
    paginate = options.overflow is Overflow.PAGINATE
    note_room = (NOTE_H + CARD_GAP) * u
    pages: list[BoardPage] = []
    while not pages or (paginate and any(c.start < len(c.stack) for c in columns)):
        index = len(pages)
        headers: list[ColumnHeader] = []
        cards: list[PlacedCard] = []
        notes: list[MoreNote] = []
        present: set[int | None] = set()
        for col in columns:
            g, start = col.geometry, col.start
            sizes = _take(col, room, gap, note_room, not paginate) if start < len(col.stack) else []
            chunk = sum(sizes)
            continued = start > 0 and chunk > 0
            label = col.column.label + (CONTINUED if continued else "")
            hrect = QRectF(g.x, frame.header_top, g.width, HEADER_H * u)
            headers.append(ColumnHeader(col.column, hrect, label, str(len(col.stack))))
            i, bottom = start, frame.cards_top
            for j, size in enumerate(sizes):
                x, y = g.x + j * (g.sub_width + SUB_GAP * u), frame.cards_top
                for card, data in col.stack[i : i + size]:
                    rect = QRectF(x, y, g.sub_width, col.heights[i])
                    cards.append(
                        PlacedCard(card.id, rect, data, style.place(data, rect, col.detail))
                    )
                    present.add(_outcome_of(snapshot, card))
                    y += col.heights[i] + gap
                    i += 1
                bottom = y
            col.start = i
            col.pages.append(chunk)
            left = len(col.stack) - col.start
            last_x = g.x + max(0, len(sizes) - 1) * (g.sub_width + SUB_GAP * u)
            note_w = g.sub_width if g.sub > 1 else g.width
            note_rect = QRectF(last_x, bottom if chunk else frame.cards_top, note_w, NOTE_H * u)
            if chunk and not left:
                col.last_page = index
            if left and not paginate:
                notes.append(MoreNote(col.column, note_rect, f"+{left} more", left))
            elif left:
                notes.append(
                    MoreNote(col.column, note_rect, f"+{left} more on the next page", left)
                )
            elif not col.stack:
                notes.append(
                    MoreNote(
                        col.column, QRectF(g.x, frame.cards_top, g.width, NOTE_H * u), NOTHING_HERE
                    )
                )
            elif not chunk:
                notes.append(MoreNote(col.column, note_rect, _shown_on(col.pages, col.last_page)))
        pages.append(
            _page(options, frame, title, subtitle, headers, cards, notes, present, snapshot, fit)
        )
    count = len(pages)
    return [_labelled(page, i, count, options, u, subtitle) for i, page in enumerate(pages)]


def _page(
    options: BoardOptions,
    frame: _Frame,
    title: str,
    subtitle: str,
    headers: list[ColumnHeader],
    cards: list[PlacedCard],
    notes: list[MoreNote],
    present: set[int | None],
    snapshot: RoadmapSnapshot,
    fit: Fit,
) -> BoardPage:
    u = frame.u
    legend, _h, _cap = legend_layout(
        _legend_items(snapshot, present),
        frame.left,
        frame.width,
        frame.legend_top,
        u,
        frame.legend_cap,
    )
    block = sc.title_block(options.width, u, subtitle, "")
    return BoardPage(
        options.width,
        options.height,
        options.theme,
        title,
        subtitle,
        "",
        block.title_rect,
        block.subtitle_rect,
        tuple(headers),
        tuple(cards),
        tuple(legend),
        tuple(notes),
        block.label_rect,
        fit.scale,
        options.show_chips,
        u,
        fit.detail,
    )


def _labelled(
    page: BoardPage, index: int, count: int, options: BoardOptions, u: float, subtitle: str
) -> BoardPage:
    """``page`` with its "2 / 3" label, once the number of pages is known."""
    label = sc.page_label(index, count)
    if not label:
        return page
    block = sc.title_block(options.width, u, subtitle, label)
    return replace(
        page,
        page_label=label,
        title_rect=block.title_rect,
        subtitle_rect=block.subtitle_rect,
        page_label_rect=block.label_rect,
    )


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
    style = slide_card_style(theme, page.card_scale, page.show_chips)
    for card in page.cards:
        paint_card(p, style, card.layout)
    for note in page.more:
        paint_note(p, theme, u, note)
    paint_legend(p, theme, u, page.legend)
    p.restore()


def left_out(pages: Sequence[BoardPage]) -> str:
    """One sentence on what cards gave up to fit, or "" when they keep all they can show.

    The outcome's name line goes unsaid: the stripe and the legend still say it.
    """
    notes: dict[str, list[str]] = {"the hypothesis": [], "the result": [], "key-result names": []}
    for page in pages:
        for header in page.headers:
            left, right = header.rect.left() - 0.5, header.rect.right() + 0.5
            cards = [c for c in page.cards if left <= c.rect.left() and c.rect.right() <= right]
            name = header.column.label
            if any(c.layout.note is None and c.data.hypothesis is not None for c in cards):
                _add(notes["the hypothesis"], name)
            if any(c.layout.note is None and c.data.done for c in cards):
                _add(notes["the result"], name)
            if any(chip.label is None for c in cards for chip in c.layout.chips):
                _add(notes["key-result names"], name)
    parts = [f"{what} in {_and(where)}" for what, where in notes.items() if where]
    return f"To fit, cards leave out {_and(parts)}." if parts else ""


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
