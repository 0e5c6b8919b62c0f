"""The board slide keeps every card whole: titles, chips with meters, the Now hypothesis."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from roadmapper.core import interchange, sample
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.model.enums import Column
from roadmapper.render.slide import (
    BoardOptions,
    BoardPage,
    Overflow,
    PlacedCard,
    layout_board,
    left_out,
)
from roadmapper.render.slide_card import ELLIPSIS, Detail, Tone, slide_card_style
from roadmapper.render.slide_common import unit_for
from roadmapper.render.slide_fit import split
from roadmapper.render.theme import LIGHT
from tests.conftest import TODAY

SHORT_TITLES = (
    "Reminder text with one-tap reschedule",
    "Book a slot from the map listing",
    "Fix phantom slots in the calendar",
    "Photo notes on job cards",
    "Offline mode for the workshop tablet",
    "Order parts from the job card",
    "Optional deposit when booking online",
    "Connect a second parts wholesaler",
    "Low-stock alerts for top parts",
    "Dark theme for the tablet app",
    "Service history per bike",
    "Read e-bike motor error codes",
)


def board(counts: dict[str, int], titles: tuple[str, ...] = SHORT_TITLES) -> RoadmapSnapshot:
    """The sample's outcomes and key results with ``counts`` cards per column."""
    doc: dict[str, Any] = sample.sample_document(TODAY)
    outcomes = [o["ref"] for o in doc["outcomes"]]
    krs = {o["ref"]: [k["ref"] for k in o["key_results"]] for o in doc["outcomes"]}
    cards = []
    for column, count in counts.items():
        for k in range(count):
            n = len(cards)
            outcome = outcomes[n % len(outcomes)]
            cards.append(
                {
                    "ref": f"c{n}",
                    "title": titles[n % len(titles)],
                    "column": column,
                    "outcome": outcome,
                    "key_results": krs[outcome][: 1 + k % 2],
                    "hypothesis": f"We believe card {n} moves its key result by {n + 3}%",
                }
            )
    doc["initiatives"] = cards
    snapshot, _refs = interchange.parse_document(doc)
    return snapshot


def options(**changes: Any) -> BoardOptions:
    return dataclasses.replace(BoardOptions(today=TODAY), **changes)


def assert_complete(page: BoardPage, card: PlacedCard) -> None:
    """A whole card: its title on one or two lines, every chip with its meter, the note."""
    layout, data = card.layout, card.data
    assert 1 <= len(layout.title) <= 2, data.title
    if page.show_chips and data.chips:
        assert [c.chip for c in layout.chips] == list(data.chips), data.title
        for chip in layout.chips:
            assert len(chip.meter) == (chip.chip.tiers or 1), data.title
            assert layout.rect.contains(chip.rect), data.title
    elif page.show_chips:
        assert layout.no_chips is not None and layout.no_chips.text == "No key result linked"
    if data.hypothesis is not None:  # a Now card
        assert layout.note is not None, data.title
        assert layout.note.text, data.title


def type_floor(page: BoardPage) -> None:
    """At 1920 px wide, titles at least 22 px and other text at least 18 px."""
    u = unit_for(page.width, page.height)
    style = slide_card_style(page.theme, page.card_scale, page.show_chips)
    assert style.fonts[Tone.TITLE].pixelSize() >= 22 * u - 0.5
    assert min(f.pixelSize() for f in style.fonts.values()) >= 18 * u - 0.5


def test_the_sample_board_slide_holds_every_card_whole(snapshot: RoadmapSnapshot) -> None:
    (page,) = layout_board(snapshot, options())
    assert page.more == ()
    shown = {c.initiative_id for c in page.cards}
    assert shown == {i.id for i in snapshot.initiatives if i.column is not Column.DONE}
    for card in page.cards:
        assert_complete(page, card)
    # All the titles whole but one of 69 characters, cut at a word (7 of 15 before).
    whole = [c for c in page.cards if c.layout.title_whole]
    assert len(whole) >= 14
    for card in page.cards:
        if not card.layout.title_whole:
            shown_text = " ".join(line.text for line in card.layout.title)
            assert shown_text.endswith(ELLIPSIS)
            assert card.data.title.startswith(shown_text[:-1].rstrip())
    hypotheses = [c for c in page.cards if c.data.hypothesis]
    assert len(hypotheses) == 5 and all(c.layout.note is not None for c in hypotheses)
    type_floor(page)


def test_eight_cards_in_a_column_and_24_in_all_fit_one_slide_whole() -> None:
    snap = board({"now": 8, "next": 8, "later": 8})
    (page,) = layout_board(snap, options())
    assert page.more == () and len(page.cards) == 24
    for card in page.cards:
        assert_complete(page, card)
        assert card.layout.title_whole, card.data.title
    type_floor(page)
    # A tall column flows into sub-columns, in reading order: down, then across.
    now = sorted(
        (c for c in page.cards if c.data.hypothesis is not None),
        key=lambda c: (c.rect.left(), c.rect.top()),
    )
    assert [c.initiative_id for c in now] == [i.id for i in snap.column(Column.NOW)]
    assert len({c.rect.left() for c in now}) == 2
    # The slide's height is used: the tallest sub-column reaches most of the way down.
    top = min(c.rect.top() for c in page.cards)
    bottom = max(c.rect.bottom() for c in page.cards)
    legend_top = min(e.rect.top() for e in page.legend)
    assert bottom - top > 0.8 * (legend_top - top)


def test_a_board_with_one_full_column_gives_it_the_width() -> None:
    snap = board({"now": 8, "next": 2, "later": 2})
    (page,) = layout_board(snap, options())
    assert page.more == ()
    widths = {h.column: h.rect.width() for h in page.headers}
    assert widths[Column.NOW] > 1.5 * widths[Column.NEXT]
    for card in page.cards:
        assert_complete(page, card)


def test_crowding_gives_up_detail_in_the_stated_order() -> None:
    """Outcome line first, then chip labels share a row, then the note, then labels."""
    seen: list[Detail] = []
    for count in range(2, 40, 2):
        pages = layout_board(board({"now": count}), options(columns=(Column.NOW,)))
        seen.append(pages[0].detail)
        assert sum(len(p.cards) for p in pages) <= count
    assert seen == sorted(seen)  # never more detail on a more crowded board
    assert seen[0] is Detail.FULL and seen[-1] is Detail.METERS_ONLY
    # Each level is reached in order: a lower one is never skipped for a higher one.
    reached = sorted(set(seen))
    assert reached[0] is Detail.FULL and reached[-1] is Detail.METERS_ONLY


def test_at_each_detail_a_card_keeps_what_the_level_says(snapshot: RoadmapSnapshot) -> None:
    style = slide_card_style(LIGHT, 1.7, True)
    data = next(c for c in layout_board(snapshot, options())[0].cards if c.data.chips).data
    data = dataclasses.replace(data, hypothesis="We believe reminders cut no-shows")
    rect = layout_board(snapshot, options())[0].cards[0].rect
    for detail in Detail:
        card = style.place(data, rect, detail)
        assert (card.outcome is not None) == (detail is Detail.FULL)
        assert (card.note is not None) == (detail < Detail.NO_NOTE)
        labels = [c.label for c in card.chips]
        if detail is Detail.METERS_ONLY:
            assert labels == [None] * len(data.chips)
        assert len(card.chips) == len(data.chips)


def test_past_the_floor_paginate_or_say_what_was_left_out() -> None:
    snap = board({"now": 40, "next": 3, "later": 3})
    (more,) = layout_board(snap, options())
    note = next(m for m in more.more if m.column is Column.NOW)
    shown = [c for c in more.cards if c.data.hypothesis is not None]
    assert note.text == f"+{40 - len(shown)} more" and note.hidden == 40 - len(shown)
    pages = layout_board(snap, options(overflow=Overflow.PAGINATE))
    assert len(pages) > 1
    ids = [c.initiative_id for p in pages for c in p.cards]
    assert len(ids) == len(set(ids)) == 46
    # Columns that have room keep their detail even when another one overflows.
    later = [c for c in more.cards if c.data.hypothesis is None]
    assert all(c.layout.outcome is not None for c in later)


@pytest.mark.parametrize("counts", [{"now": 3}, {"now": 8, "next": 8, "later": 8}, {"now": 60}])
def test_no_chips_leaves_them_off_in_every_mode(counts: dict[str, int]) -> None:
    snap = board(counts)
    for overflow in Overflow:
        for page in layout_board(snap, options(show_chips=False, overflow=overflow)):
            assert page.cards
            for card in page.cards:
                assert card.layout.chips == () and card.layout.no_chips is None


def test_chip_labels_use_their_room_and_are_cut_at_a_word(snapshot: RoadmapSnapshot) -> None:
    (page,) = layout_board(snapshot, options())
    style = slide_card_style(page.theme, page.card_scale, True)
    labels = [c.label for card in page.cards for c in card.layout.chips if c.label]
    assert labels
    for label in labels:
        if label.text == label.full:
            continue
        assert label.text.endswith(ELLIPSIS)
        kept = label.text[: -len(ELLIPSIS)]
        assert label.full.startswith(kept)
        assert label.full[len(kept)] in " ,;:.-", label  # at a word boundary
        # Cut because the next word did not fit, not for a character limit.
        next_word = label.full[: label.full.find(" ", len(kept) + 1)]
        wider = style.advance(Tone.CHIP, next_word + ELLIPSIS)
        assert wider > label.rect.width() - 0.5 or next_word == label.full
    # A short label on a wide card is whole, however many characters it has.
    assert any(len(label.text) > 25 and label.text == label.full for label in labels)


def test_split_balances_sub_columns_in_order() -> None:
    assert split([100, 100, 100, 100], 2, 250, 10) == [2, 2]
    assert split([100, 100, 100], 1, 250, 10) is None
    assert split([300], 2, 250, 10) is None
    assert split([50, 50, 200], 2, 250, 10) == [2, 1]


def test_the_export_says_what_cards_left_out() -> None:
    roomy = layout_board(board({"now": 3}), options())
    assert left_out(roomy) == ""
    crowded = layout_board(board({"now": 30, "next": 2}), options(overflow=Overflow.PAGINATE))
    said = left_out(crowded)
    now = [c for p in crowded for c in p.cards if c.data.hypothesis is not None]
    assert any(c.layout.note is None for c in now)
    assert said.startswith("To fit, cards leave out ") and "the hypothesis in Now" in said
    assert "Next" not in said  # a column with room keeps everything
