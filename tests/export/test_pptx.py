"""PowerPoint export, reopened with python-pptx: native shapes where the layout put them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pptx
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.util import Emu

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.exporter import export_file
from roadmapper.export.raster import layout_pages
from roadmapper.render.okr_sheet import SheetPage
from roadmapper.render.slide import BoardPage, Overflow
from tests.export.conftest import TRICKY_TITLE, crowded, options

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # 13.333 x 7.5 in


def walk(shapes: Any) -> Iterator[Any]:
    """Every shape, groups opened."""
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(shape.shapes)


def named(slide: Any, prefix: str) -> list[Any]:
    return [s for s in walk(slide.shapes) if s.name.startswith(prefix)]


def fill_of(shape: Any) -> str:
    return "#" + str(shape.fill.fore_color.rgb).lower()


def test_board_slides_are_native_shapes(tmp_path: Path) -> None:
    snapshot = crowded(30, other=4, title="Initiative {n:03d} ready")
    path = tmp_path / "board.pptx"
    result = export_file(snapshot, path, options(title=TRICKY_TITLE))
    pages = layout_pages(snapshot, options(), Overflow.PAGINATE)
    assert len(pages) > 1 and result.pages == len(pages)
    deck = pptx.Presentation(str(path))
    assert (deck.slide_width, deck.slide_height) == (SLIDE_W, SLIDE_H)
    assert len(deck.slides) == len(pages)
    seen: set[str] = set()
    for slide, page in zip(deck.slides, pages, strict=True):
        assert isinstance(page, BoardPage)
        assert [s.text_frame.text for s in named(slide, "Title")] == [TRICKY_TITLE]
        cards = named(slide, "Card: ")
        assert len(cards) == len(page.cards)
        for shape, placed in zip(cards, page.cards, strict=True):
            assert shape.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
            assert placed.data.title in shape.text_frame.text
            assert placed.data.outcome_label[:12] in shape.text_frame.text
            assert abs(shape.left - placed.rect.left() * 6350) <= 6350
            assert abs(shape.top - placed.rect.top() * 6350) <= 6350
            (stripe,) = [s for s in shape._parent if s.name == "Outcome stripe"]
            assert fill_of(stripe) == placed.data.color
            seen.add(placed.data.title)
        swatches = named(slide, "Swatch: ")
        assert [fill_of(s) for s in swatches] == [e.color for e in page.legend]
        for swatch in swatches:
            assert swatch.width == swatch.height < Emu(914400 // 4)  # small squares
        headers = [s.text_frame.text for s in named(slide, "Column name")]
        assert headers == [h.label for h in page.headers]
        notes = [s.text_frame.text for s in named(slide, "Note: ")]
        assert notes == [n.text for n in page.more]
    assert seen == {card.title for card in snapshot.initiatives}
    notes = [n.text for p in pages if isinstance(p, BoardPage) for n in p.more]
    assert any(n.endswith("more on the next page") for n in notes)


def test_picture_slides(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "pictures.pptx"
    export_file(crowded(40), path, options(pptx_picture=True))
    deck = pptx.Presentation(str(path))
    assert len(deck.slides) > 1
    for slide in deck.slides:
        shapes = list(slide.shapes)
        assert [s.shape_type for s in shapes] == [MSO_SHAPE_TYPE.PICTURE]
        assert (shapes[0].width, shapes[0].height) == (SLIDE_W, SLIDE_H)
        assert shapes[0].image.content_type == "image/png"


def test_other_aspects_keep_the_width(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "square.pptx"
    export_file(board, path, options(width=1600, height=1200))
    deck = pptx.Presentation(str(path))
    assert deck.slide_width == SLIDE_W and deck.slide_height == Emu(9_144_000)


def test_okr_sheet_ladders_and_charts(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "okrs.pptx"
    export_file(board, path, options(kind="okr"))
    pages = layout_pages(board, options(kind="okr"), Overflow.PAGINATE)
    deck = pptx.Presentation(str(path))
    assert len(deck.slides) == len(pages) == len(board.outcomes)
    for slide, page in zip(deck.slides, pages, strict=True):
        assert isinstance(page, SheetPage)
        (heading,) = named(slide, "Objective")
        assert heading.text_frame.text.startswith("We will")
        rows = named(slide, "Key result: ")
        assert len(rows) == len(page.rows)
        for group, row in zip(rows, page.rows, strict=True):
            kr = row.key_result
            inside = list(walk(group.shapes))
            (name,) = [s for s in inside if s.name == "Key result name"]
            assert name.text_frame.text == kr.name
            steps = [s for s in inside if s.name.startswith("Tier ") and s.has_text_frame]
            steps = [s for s in steps if s.name[5:].isdigit()]
            assert len(steps) == len(kr.tiers)
            assert [s.text_frame.text for s in steps] == [f"T{i + 1}" for i in range(len(steps))]
            charts = [s for s in inside if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            assert len(charts) == 1 and charts[0].name == "Check-in chart"
