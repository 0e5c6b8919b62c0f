"""PowerPoint export, reopened with python-pptx: native shapes where the layout put them."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pptx
import pytest
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QImage

from roadmapper.core import interchange, sample
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.exporter import export_file
from roadmapper.export.options import SIZE_PRESETS
from roadmapper.export.paper import slide_inches
from roadmapper.export.raster import layout_pages
from roadmapper.model.enums import Column
from roadmapper.render.okr_sheet import SheetPage, heading_text
from roadmapper.render.slide import BoardPage, Overflow
from tests.export.conftest import TODAY, TRICKY_TITLE, crowded, options
from tests.export.pixels import differing_share

SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # 13.333 x 7.5 in


def walk(shapes: Any) -> Iterator[Any]:
    """Every shape, groups opened."""
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from walk(shape.shapes)


def named(slide: Any, prefix: str) -> list[Any]:
    return [s for s in walk(slide.shapes) if s.name.startswith(prefix)]


def exactly(slide: Any, name: str) -> list[Any]:
    """The slide's own shapes called ``name`` (not those inside a card's group)."""
    return [s for s in slide.shapes if s.name == name]


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
        assert [s.text_frame.text for s in exactly(slide, "Title")] == [TRICKY_TITLE]
        cards = named(slide, "Card: ")
        assert len(cards) == len(page.cards)
        for shape, placed in zip(cards, page.cards, strict=True):
            assert shape.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
            inside = [s.text_frame.text for s in walk(shape._parent) if s.has_text_frame]
            assert placed.data.title in inside
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
    path = tmp_path / "three-two.pptx"
    export_file(board, path, options(width=1500, height=1000))
    deck = pptx.Presentation(str(path))
    assert deck.slide_width == SLIDE_W and deck.slide_height == Emu(8_128_000)


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


# -- slide sizes ---------------------------------------------------------------

PAPER_EMU = {
    "16:9": (12_192_000, 6_858_000),  # 13.333 x 7.5 in, PowerPoint's Widescreen
    "4:3": (9_144_000, 6_858_000),  # 10 x 7.5 in, PowerPoint's Standard
    "a4": (10_692_000, 7_560_000),  # 297 x 210 mm
}


@pytest.mark.parametrize("preset", list(PAPER_EMU))
def test_each_size_preset_is_its_paper(board: RoadmapSnapshot, tmp_path: Path, preset: str) -> None:
    width, height = SIZE_PRESETS[preset]
    path = tmp_path / "sized.pptx"
    export_file(board, path, options(width=width, height=height))
    deck = pptx.Presentation(str(path))
    assert (deck.slide_width, deck.slide_height) == PAPER_EMU[preset]
    for slide in deck.slides:  # the layout fills the slide: the title block starts at its margin
        (title,) = exactly(slide, "Title")
        assert 0 < title.left < deck.slide_width // 10


def test_custom_sizes_keep_the_width_within_powerpoint_s_limits() -> None:
    assert slide_inches(3840, 2160) == pytest.approx((40 / 3, 7.5))
    assert slide_inches(1000, 1000) == pytest.approx((40 / 3, 40 / 3))
    assert slide_inches(320, 8192) == pytest.approx((56 * 320 / 8192, 56.0))  # capped at 56 in
    assert slide_inches(8192, 320) == pytest.approx((25.6, 1.0))  # and never below 1 in


# -- document properties and thumbnail -------------------------------------------

APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def test_document_properties_describe_this_export(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "okrs.pptx"
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    export_file(board, path, options(kind="okr", title="A title of its own"))
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    deck = pptx.Presentation(str(path))
    props = deck.core_properties
    assert props.title == board.roadmap.name
    assert props.author == props.last_modified_by == "Roadmapper"
    assert before <= props.created <= after and props.modified == props.created
    with zipfile.ZipFile(path) as archive:
        app = ET.fromstring(archive.read("docProps/app.xml"))
    assert app.findtext(f"{APP}Application") == "Roadmapper"
    assert app.findtext(f"{APP}Slides") == str(len(deck.slides)) == str(len(board.outcomes))
    version = app.findtext(f"{APP}AppVersion")
    assert version is None or re.fullmatch(r"\d\d\.\d{4}", version)
    assert "Microsoft" not in ET.tostring(app, encoding="unicode")


def thumbnail_of(path: Path) -> QImage:
    with zipfile.ZipFile(path) as archive:
        data = archive.read("docProps/thumbnail.jpeg")
    image = QImage.fromData(data)
    assert not image.isNull()
    return image


def colours(image: QImage) -> int:
    """How many different colours a picture has, sampled every few pixels."""
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    )


def test_the_thumbnail_is_the_first_slide(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path, png = tmp_path / "board.pptx", tmp_path / "board.png"
    export_file(board, path, options())
    export_file(board, png, options())
    thumb = thumbnail_of(path)
    assert thumb.width() == 256 and abs(thumb.height() - 144) <= 1
    assert colours(thumb) > 50  # not the template's blank picture
    smaller = QImage(str(png)).scaled(
        thumb.size(),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    # Measured beyond 48 levels (JPEG, and a small rendering's antialiasing): 1.7% of the
    # pixels; the OKR deck's thumbnail against the same picture: 16%.
    assert differing_share(thumb, smaller, 48) < 0.04
    okr = tmp_path / "okr.pptx"
    export_file(board, okr, options(kind="okr"))
    assert differing_share(thumbnail_of(okr), smaller, 48) > 0.10


# -- whole text, in the Office font ------------------------------------------------

LONGER = " so that every workshop in the whole region books through it without a call"


def wordy() -> RoadmapSnapshot:
    """The sample with objectives, key result names and titles too long for their boxes."""
    doc: dict[str, Any] = sample.sample_document(TODAY)
    for outcome in doc["outcomes"]:
        outcome["objective"] += LONGER
        for kr in outcome["key_results"]:
            kr["name"] += LONGER
    for card in doc["initiatives"]:
        card["title"] += LONGER
    snapshot, _refs = interchange.parse_document(doc)
    return snapshot


def texts(deck: Any) -> list[tuple[str, str]]:
    """(shape name, text) of every shape holding text, groups opened, white space as typed."""
    found = []
    for slide in deck.slides:
        for shape in walk(slide.shapes):
            if getattr(shape, "has_text_frame", False) and shape.text_frame.text:
                text = " ".join(shape.text_frame.text.replace("\u00a0", " ").split())
                found.append((shape.name, text))
    return found


OURS = ("Title", "Subtitle", "Page number", "Column name", "Count", "Note: ", "Legend label")


@pytest.mark.parametrize("kind", ["board", "okr"])
def test_every_text_is_whole(tmp_path: Path, kind: str) -> None:
    snapshot = wordy()
    path = tmp_path / f"{kind}.pptx"
    export_file(snapshot, path, options(kind=kind))
    found = texts(pptx.Presentation(str(path)))
    if kind == "board":
        pages = layout_pages(snapshot, options(kind=kind), Overflow.PAGINATE)
        cards = [c.data.title for p in pages if isinstance(p, BoardPage) for c in p.cards]
        assert len(cards) >= 10
        for title in cards:
            assert any(title in text for _name, text in found), title
        mine = [(n, t) for n, t in found if n.startswith(OURS)]
        assert {n for n, _t in mine} >= {"Title", "Subtitle", "Column name", "Legend label"}
        labels = [t for n, t in mine if n == "Legend label"]
        assert labels == [e.label for p in pages if isinstance(p, BoardPage) for e in p.legend]
    else:
        mine = found  # every text of a sheet is this writer's
        for kr in snapshot.key_results:
            assert any(kr.name == text for name, text in found if name == "Key result name")
        headings = {text for name, text in found if name == "Objective"}
        assert headings == {heading_text(o) for o in snapshot.outcomes}
    for name, text in mine:
        assert "…" not in text and "..." not in text, f"{name}: {text}"


def test_shrunk_text_says_so(tmp_path: Path) -> None:
    """A box too small for its text carries an autofit scale; every other box autofit too."""
    path = tmp_path / "okr.pptx"
    export_file(wordy(), path, options(kind="okr", width=1600, height=1200))
    deck = pptx.Presentation(str(path))
    scales = []
    for slide in deck.slides:
        for shape in walk(slide.shapes):
            if shape.name in ("Objective", "Key result name", "Numbers", "Context"):
                body = shape.text_frame._txBody.bodyPr
                fit = body.find(qn("a:normAutofit"))
                assert fit is not None, shape.name
                scales.append(int(fit.get("fontScale", "100000")))
    assert min(scales) < 100_000 and all(25_000 <= k <= 100_000 for k in scales)


def office_advance(run: Any, text: str) -> float:
    """The width of ``text`` in ``run``'s font as PowerPoint sets it, in points."""
    font = QFont("Liberation Sans")
    font.setPixelSize(200)
    font.setBold(bool(run.font.bold))
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    assert QFontInfo(font).family() == "Liberation Sans"
    points: float = run.font.size.pt
    return QFontMetricsF(font).horizontalAdvance(text) * points / 200


def test_column_counts_follow_their_names(tmp_path: Path) -> None:
    """The count pill starts after its name as Arial sets it, inside the column."""
    snapshot = crowded(30, other=20)
    path = tmp_path / "board.pptx"
    columns = tuple(Column)
    export_file(snapshot, path, options(width=1600, height=1200, columns=columns))
    deck = pptx.Presentation(str(path))
    headers = 0
    for slide in deck.slides:
        for group in named(slide, "Column "):
            if group.shape_type != MSO_SHAPE_TYPE.GROUP:
                continue
            parts = {s.name: s for s in group.shapes}
            name, rule = parts["Column name"], parts["Rule"]
            (run,) = name.text_frame.paragraphs[0].runs
            assert run.font.name == "Arial" and run.font.bold
            fit = name.text_frame._txBody.bodyPr.find(qn("a:normAutofit"))
            scale = int(fit.get("fontScale", "100000")) / 100_000
            width = Emu(round(office_advance(run, run.text) * scale * 12_700))
            assert name.left + width <= name.left + name.width  # the box holds the name
            if "Count" in parts:
                count = parts["Count"]
                assert name.left + width < count.left, run.text
                assert count.left + count.width <= rule.left + rule.width + 1
                headers += 1
    assert headers >= 5
    assert any(
        s.text_frame.text.endswith("(continued)")
        for sl in deck.slides
        for s in named(sl, "Column name")
    )


# -- one layout for every format -------------------------------------------------------


def test_each_card_group_is_the_layout_s_card_with_its_pills_and_meters(
    board: RoadmapSnapshot, tmp_path: Path
) -> None:
    """The deck's cards sit where the PNG's do; each group's frame is the card's frame."""
    path = tmp_path / "board.pptx"
    export_file(board, path, options())
    (page,) = layout_pages(board, options(), Overflow.PAGINATE)
    assert isinstance(page, BoardPage)
    slide = pptx.Presentation(str(path)).slides[0]
    groups = {s.name: s for s in slide.shapes if s.name.startswith("Card ")}
    assert len(groups) == len(page.cards) == 15
    per_unit = SLIDE_W / page.width
    style_shadow = 1.0 * page.card_scale  # the card's shadow sliver is below its frame
    for card in page.cards:
        group = groups[f"Card {card.initiative_id}"]
        r = card.rect
        expected = (r.left(), r.top(), r.width(), r.height() - style_shadow)
        actual = (group.left, group.top, group.width, group.height)
        for got, want in zip(actual, expected, strict=True):
            assert got / per_unit == pytest.approx(want, abs=1.0), card.data.title
        inner = list(walk(group.shapes))
        pills = [s for s in inner if s.name.startswith("Key result: ")]
        assert len(pills) == len(card.layout.chips)
        squares = [s for s in inner if s.name.startswith("Tier ")]
        assert len(squares) == sum(c.chip.tiers for c in card.layout.chips)
        if not card.data.chips:
            texts = [s.text_frame.text for s in inner if s.has_text_frame]
            assert "No key result linked" in texts
        titles = [s for s in inner if s.name == "Title"]
        assert [t.text_frame.text for t in titles] == [card.data.title]
        runs = [r for p in titles[0].text_frame.paragraphs for r in p.runs]
        assert all(r.font.name == "Arial" and r.font.bold for r in runs)  # semibold -> bold
