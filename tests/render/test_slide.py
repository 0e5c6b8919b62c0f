"""The board slide: layout rules (order, legend, overflow, pages) and painted pixels."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.model.enums import Column
from roadmapper.render.slide import (
    NO_OUTCOME_ID,
    BoardOptions,
    BoardPage,
    Overflow,
    layout_board,
    paint_board_page,
)
from roadmapper.render.slide_card import Detail, Tone, slide_card_style
from roadmapper.render.slide_common import unit_for
from roadmapper.render.slide_fit import SCALE_FLOOR, SCALE_MAX
from roadmapper.render.theme import DARK, LIGHT, PRINT, Theme
from tests.conftest import TODAY

SIZES = [(1920.0, 1080.0), (1600.0, 1200.0), (3508.0, 2480.0)]


def crowded(
    snapshot: RoadmapSnapshot, count: int, column: Column = Column.LATER
) -> RoadmapSnapshot:
    """The sample with ``count`` cards in ``column`` (its own ones first, then copies)."""
    own = [i for i in snapshot.initiatives if i.column is column]
    first = max(i.id for i in snapshot.initiatives) + 1
    extra = [
        dataclasses.replace(
            own[k % len(own)],
            id=first + k,
            rank=f"z{k:05d}",
            title=f"Copy {k + 1}: {own[k % len(own)].title}",
        )
        for k in range(count - len(own))
    ]
    order = list(Column)
    cards = sorted([*snapshot.initiatives, *extra], key=lambda i: order.index(i.column))
    return dataclasses.replace(snapshot, initiatives=tuple(cards))


def options(**changes: object) -> BoardOptions:
    return dataclasses.replace(BoardOptions(today=TODAY), **changes)  # type: ignore[arg-type]


def column_ids(page: BoardPage, column: Column) -> list[int]:
    """The ids of one column's cards on ``page`` in reading order: down each sub-column."""
    header = next(h for h in page.headers if h.column is column)
    left, right = header.rect.left() - 0.5, header.rect.right() + 0.5
    mine = [c for c in page.cards if left <= c.rect.left() and c.rect.right() <= right]
    return [c.initiative_id for c in sorted(mine, key=lambda c: (c.rect.left(), c.rect.top()))]


def board_ids(snapshot: RoadmapSnapshot, column: Column) -> list[int]:
    return [i.id for i in snapshot.column(column)]


def paint(page: BoardPage, scale: float = 1.0) -> QImage:
    size = (round(page.width * scale), round(page.height * scale))
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ff00ff"))  # anything left unpainted shows up
    painter = QPainter(image)
    paint_board_page(painter, page, scale)
    painter.end()
    return image


def distance(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


# ------------------------------------------------------------------ layout


def test_default_board_keeps_board_order_in_the_three_columns(snapshot: RoadmapSnapshot) -> None:
    pages = layout_board(snapshot, options())
    assert len(pages) == 1
    page = pages[0]
    assert [h.column for h in page.headers] == [Column.NOW, Column.NEXT, Column.LATER]
    assert [(h.label, h.count) for h in page.headers] == [
        ("Now", "6"),
        ("Next", "5"),
        ("Later", "4"),
    ]
    for column in (Column.NOW, Column.NEXT, Column.LATER):
        assert column_ids(page, column) == board_ids(snapshot, column)
    assert page.title == snapshot.roadmap.name
    assert page.subtitle == "22 November 2026"
    assert page.page_label == "" and page.more == ()


def test_only_the_chosen_columns_in_board_order(snapshot: RoadmapSnapshot) -> None:
    page = layout_board(snapshot, options(columns=(Column.DONE, Column.NOW)))[0]
    assert [h.column for h in page.headers] == [Column.NOW, Column.DONE]
    done = {i.id for i in snapshot.column(Column.DONE)}
    now = {i.id for i in snapshot.column(Column.NOW)}
    assert {c.initiative_id for c in page.cards} == done | now
    assert column_ids(page, Column.DONE) == board_ids(snapshot, Column.DONE)
    # Done cards carry their result; Now cards their hypothesis.
    by_id = {c.initiative_id: c.data for c in page.cards}
    assert all(by_id[i].done for i in done) and not any(by_id[i].done for i in now)
    two = layout_board(snapshot, options(columns=(Column.NOW, Column.NEXT)))[0]
    assert [h.column for h in two.headers] == [Column.NOW, Column.NEXT]
    assert two.headers[0].rect.width() > page.headers[0].rect.width() * 0.99


def test_legend_lists_exactly_the_outcomes_on_the_cards(snapshot: RoadmapSnapshot) -> None:
    page = layout_board(snapshot, options())[0]
    shown = {c.initiative_id for c in page.cards}
    linked = {i.outcome_id for i in snapshot.initiatives if i.id in shown}
    expected = {o or NO_OUTCOME_ID for o in linked}
    assert [e.outcome_id for e in page.legend] == [1, 3, 4, 5, NO_OUTCOME_ID]  # tree order
    assert {e.outcome_id for e in page.legend} == expected
    assert page.legend[-1].label == "No outcome" and page.legend[-1].color == UNLINKED_COLOR
    colors = {o.id: o.color for o in snapshot.outcomes}
    assert all(e.color == colors[e.outcome_id] for e in page.legend[:-1])
    # Business outcome 2 has no card on the board: it is not in the legend.
    assert 2 not in expected


def test_an_outcome_filter_gives_one_legend_entry(snapshot: RoadmapSnapshot) -> None:
    page = layout_board(snapshot, options(outcome_ids=frozenset({5})))[0]
    assert [e.outcome_id for e in page.legend] == [5]
    assert {c.data.color for c in page.cards} == {"#56b4e9"}
    ids = [i.id for i in snapshot.initiatives if i.outcome_id == 5 and i.column is not Column.DONE]
    assert sorted(c.initiative_id for c in page.cards) == sorted(ids)
    # Few cards: everything a card can show, the outcome line included.
    assert page.detail is Detail.FULL
    assert all(c.layout.outcome is not None for c in page.cards)


def test_empty_column_says_nothing_here(snapshot: RoadmapSnapshot) -> None:
    page = layout_board(snapshot, options(outcome_ids=frozenset({1})))[0]
    notes = {n.column: n.text for n in page.more}
    assert notes == {Column.NOW: "Nothing here", Column.NEXT: "Nothing here"}
    assert [h.count for h in page.headers] == ["0", "0", "1"]
    nothing = layout_board(snapshot, options(outcome_ids=frozenset()))[0]
    assert nothing.cards == () and nothing.legend == () and len(nothing.more) == 3


def test_title_and_subtitle_options(snapshot: RoadmapSnapshot) -> None:
    page = layout_board(snapshot, options(title="Q4 review", subtitle=""))[0]
    assert (page.title, page.subtitle) == ("Q4 review", "")
    assert page.subtitle_rect.height() == 0
    plain = layout_board(snapshot, options())[0]
    assert page.headers[0].rect.top() < plain.headers[0].rect.top()  # no subtitle: more room
    assert layout_board(snapshot, options(subtitle="Board review"))[0].subtitle == "Board review"


def assert_inside_margins(page: BoardPage) -> None:
    u = unit_for(page.width, page.height)
    margin = 64 * u
    inner = QRectF(margin, margin, page.width - 2 * margin, page.height - 2 * margin)
    inner = inner.adjusted(-0.01, -0.01, 0.01, 0.01)
    rects = [page.title_rect, *[h.rect for h in page.headers], *[c.rect for c in page.cards]]
    rects += [n.rect for n in page.more] + [e.rect for e in page.legend]
    if page.subtitle:
        rects.append(page.subtitle_rect)
    for rect in rects:
        assert inner.contains(rect), (rect, inner)
    boxes = [c.rect for c in page.cards] + [n.rect for n in page.more]
    boxes += [e.rect for e in page.legend] + [h.rect for h in page.headers]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b), (a, b)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]:.0f}x{s[1]:.0f}")
@pytest.mark.parametrize("overflow", list(Overflow))
def test_everything_stays_inside_the_margins_and_nothing_overlaps(
    snapshot: RoadmapSnapshot, size: tuple[float, float], overflow: Overflow
) -> None:
    width, height = size
    for snap in (snapshot, crowded(snapshot, 60)):
        for columns in ((Column.NOW, Column.NEXT, Column.LATER), tuple(Column), (Column.LATER,)):
            pages = layout_board(
                snap, options(width=width, height=height, overflow=overflow, columns=columns)
            )
            for page in pages:
                assert_inside_margins(page)


def test_cards_scale_with_the_slide(snapshot: RoadmapSnapshot) -> None:
    for width, height in SIZES:
        page = layout_board(snapshot, options(width=width, height=height))[0]
        u = unit_for(width, height)
        assert SCALE_FLOOR * u - 0.02 <= page.card_scale <= SCALE_MAX * u + 0.02
        style = slide_card_style(LIGHT, page.card_scale, True)
        assert style.fonts[Tone.TITLE].pixelSize() >= 22 * u - 0.5
        assert min(f.pixelSize() for f in style.fonts.values()) >= 18 * u - 0.5


def test_more_shows_what_fits_and_counts_the_rest(snapshot: RoadmapSnapshot) -> None:
    snap = crowded(snapshot, 60)
    pages = layout_board(snap, options())
    assert len(pages) == 1
    page = pages[0]
    # Past the floor, cards give up their detail before any is hidden.
    assert page.detail is Detail.METERS_ONLY
    assert page.card_scale == pytest.approx(SCALE_FLOOR, abs=0.02)
    later = column_ids(page, Column.LATER)
    assert later == board_ids(snap, Column.LATER)[: len(later)]  # the top of the column
    (note,) = page.more
    hidden = 60 - len(later)
    assert note.column is Column.LATER and note.hidden == hidden > 0
    assert note.text == f"+{hidden} more"
    assert len(later) + note.hidden == 60
    assert page.headers[2].count == "60"
    last = max(c.rect.bottom() for c in page.cards if c.initiative_id in later)
    assert note.rect.top() > last  # under the last card shown
    # The other columns are whole.
    assert column_ids(page, Column.NOW) == board_ids(snap, Column.NOW)


def test_paginate_continues_the_columns_on_further_pages(snapshot: RoadmapSnapshot) -> None:
    snap = crowded(snapshot, 60)
    pages = layout_board(snap, options(overflow=Overflow.PAGINATE))
    n = len(pages)
    assert n > 2
    assert [p.page_label for p in pages] == [f"{k} / {n}" for k in range(1, n + 1)]
    later = [i for p in pages for i in column_ids(p, Column.LATER)]
    assert later == board_ids(snap, Column.LATER)  # each once, in order
    everything = [c.initiative_id for p in pages for c in p.cards]
    assert len(everything) == len(set(everything)) == 60 + 6 + 5
    for k, page in enumerate(pages):
        assert page.title == pages[0].title and page.title_rect == pages[0].title_rect
        assert page.legend, k
        label = next(h.label for h in page.headers if h.column is Column.LATER)
        assert label == ("Later" if k == 0 else "Later (continued)")
        assert [h.label for h in page.headers[:2]] == ["Now", "Next"]
        if k < n - 1:
            note = next(m for m in page.more if m.column is Column.LATER)
            assert note.hidden == 60 - len(
                [i for p in pages[: k + 1] for i in column_ids(p, Column.LATER)]
            )
    assert {m.text for m in pages[1].more if m.column is Column.NOW} == {"Shown on page 1"}
    # The legend of a later page lists only the outcomes on it.
    on_page = {c.data.color for c in pages[1].cards}
    assert {e.color for e in pages[1].legend} == on_page


def test_paginate_with_room_for_everything_is_one_page(snapshot: RoadmapSnapshot) -> None:
    pages = layout_board(snapshot, options(overflow=Overflow.PAGINATE))
    assert len(pages) == 1 and pages[0].page_label == ""


def test_without_chips_cards_are_shorter(snapshot: RoadmapSnapshot) -> None:
    five = frozenset({5})
    with_chips = layout_board(snapshot, options(outcome_ids=five))[0]
    without = layout_board(snapshot, options(outcome_ids=five, show_chips=False))[0]
    assert all(c.data.chips == () for c in without.cards)
    assert all(not c.layout.chips and c.layout.no_chips is None for c in without.cards)
    assert all(c.layout.chips for c in with_chips.cards if c.data.chips)
    # The same card at the same size is a chip row shorter.
    data = with_chips.cards[0].data
    chips = slide_card_style(LIGHT, 1.7, True).height(data, 400, Detail.FULL)
    bare = slide_card_style(LIGHT, 1.7, False).height(data, 400, Detail.FULL)
    assert bare < chips - 30
    # And no "No key result linked" line where the chips were.
    image = paint(without)
    card = without.cards[0].rect
    surface = QColor(LIGHT.surface)
    y0, y1 = int(card.bottom()) - 18, int(card.bottom()) - 6
    band = [
        image.pixelColor(x, y)
        for y in range(y0, y1)
        for x in range(int(card.left()) + 40, int(card.right()) - 20)
    ]
    assert all(distance(c, surface) <= 2 for c in band)


# ------------------------------------------------------------------ pixels


def stripe_color(image: QImage, page: BoardPage, rect: QRectF, scale: float) -> QColor:
    x = (rect.left() + 3 * page.card_scale) * scale
    return image.pixelColor(int(x), int(rect.center().y() * scale))


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_painted_stripes_have_the_outcome_colours(snapshot: RoadmapSnapshot, scale: float) -> None:
    page = layout_board(snapshot, options())[0]
    image = paint(page, scale)
    assert image.size().width() == round(1920 * scale)
    for card in page.cards:
        color = stripe_color(image, page, card.rect, scale)
        assert distance(color, QColor(card.data.color)) <= 8, (card.initiative_id, color.name())
    # Swatches of the legend too.
    for entry in page.legend:
        r = entry.rect
        pixel = image.pixelColor(int((r.left() + 8) * scale), int(r.center().y() * scale))
        assert distance(pixel, QColor(entry.color)) <= 8


def ink_box(image: QImage, area: QRectF, ink: QColor, scale: float) -> QRectF | None:
    """The bounding box (layout units) of pixels close to ``ink`` inside ``area``."""
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    data, stride = bytes(argb.constBits()), argb.bytesPerLine()
    r, g, b = ink.red(), ink.green(), ink.blue()
    x0, x1 = int(area.left() * scale), int(area.right() * scale)
    xs, ys = [], []
    for y in range(int(area.top() * scale), int(area.bottom() * scale)):
        row = data[y * stride + 4 * x0 : y * stride + 4 * x1]
        for i in range(0, len(row), 4):  # little-endian ARGB32: B, G, R, A
            if abs(row[i + 2] - r) <= 40 and abs(row[i + 1] - g) <= 40 and abs(row[i] - b) <= 40:
                xs.append(x0 + i // 4)
                ys.append(y)
    if not xs:
        return None
    left, top = min(xs) / scale, min(ys) / scale
    return QRectF(left, top, (max(xs) + 1) / scale - left, (max(ys) + 1) / scale - top)


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_title_is_painted_in_its_rect(snapshot: RoadmapSnapshot, scale: float) -> None:
    page = layout_board(snapshot, options())[0]
    image = paint(page, scale)
    top_band = QRectF(0, 0, page.width, page.headers[0].rect.top() - 4)
    title = page.title_rect
    box = ink_box(image, top_band, QColor(LIGHT.text), scale)
    assert box is not None
    assert title.adjusted(-1, -1, 1, 1).contains(box), (box, title)
    assert box.width() > 400 and box.height() > 25
    # Nothing was left unpainted: the background covers the whole page.
    assert image.pixelColor(2, 2) == QColor(LIGHT.background)
    assert image.pixelColor(image.width() - 2, image.height() - 2) == QColor(LIGHT.background)


def test_a_long_title_is_elided_before_the_page_label(snapshot: RoadmapSnapshot) -> None:
    long = "Quarterly review of every merchant experiment and its outcome " * 4
    pages = layout_board(crowded(snapshot, 40), options(title=long, overflow=Overflow.PAGINATE))
    page = pages[1]
    assert page.page_label == f"2 / {len(pages)}" and page.page_label_rect is not None
    assert page.title_rect.right() < page.page_label_rect.left()
    image = paint(page)
    band = QRectF(0, 0, page.width, page.title_rect.bottom() + 2)
    box = ink_box(image, band, QColor(LIGHT.text), 1.0)
    assert box is not None and page.title_rect.adjusted(-1, -1, 1, 1).contains(box), box
    assert box.right() > page.title_rect.right() - 80  # the title runs up to its rect's end
    label = ink_box(image, page.page_label_rect, QColor(LIGHT.muted_text), 1.0)
    assert label is not None and label.width() > 30


@pytest.mark.parametrize("theme", [LIGHT, DARK, PRINT], ids=lambda t: t.name)
def test_themes_paint_their_own_colours(snapshot: RoadmapSnapshot, theme: Theme) -> None:
    page = layout_board(snapshot, options(theme=theme))[0]
    image = paint(page)
    assert image.pixelColor(10, 10) == QColor(theme.background)
    card = page.cards[0].rect
    middle = image.pixelColor(int(card.right()) - 12, int(card.center().y()))
    assert middle == QColor(theme.surface)
    # The card's last row is its shadow; print has none, so that row is the white page.
    below = image.pixelColor(int(card.center().x()), int(card.bottom()) - 1)
    if theme is PRINT:
        assert below == QColor("#ffffff")
    else:
        assert distance(below, QColor(theme.background)) >= 3


def test_more_note_is_painted_in_its_rect(snapshot: RoadmapSnapshot) -> None:
    page = layout_board(crowded(snapshot, 60), options())[0]
    image = paint(page)
    note = page.more[0].rect
    box = ink_box(image, note.adjusted(8, 4, -8, -4), QColor(LIGHT.text), 1.0)
    assert box is not None and note.contains(box)
    assert abs(box.center().x() - note.center().x()) < 6  # centred


def test_review_images(snapshot: RoadmapSnapshot) -> None:
    """The slides a person looks at: sample in three themes, and a crowded column."""
    for name, opts, snap in (
        ("board_slide", options(), snapshot),
        ("board_dark", options(theme=DARK), snapshot),
        ("board_print", options(theme=PRINT), snapshot),
        ("board_overflow", options(), crowded(snapshot, 64)),
    ):
        image = paint(layout_board(snap, opts)[0])
        assert image.save(f"/tmp/{name}.png")
