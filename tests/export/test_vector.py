"""SVG and PDF export: well-formed, escaped, vector text, one PDF page per laid-out page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import cast

import pypdf
import pytest

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.exporter import export_file
from roadmapper.export.raster import layout_pages
from roadmapper.export.vector import page_size_inches
from roadmapper.render.slide import BoardPage, Overflow
from tests.export.conftest import TRICKY_TITLE, crowded, options

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_svg_parses_with_escaped_title(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "board.svg"
    result = export_file(board, path, options(title=TRICKY_TITLE))
    assert result.pages == 1
    raw = path.read_text(encoding="utf-8")
    assert '<title>Q4 &lt;review&gt; &amp; "bets"</title>' in raw
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 1920 1080"
    assert root.findtext(f"{SVG}title") == TRICKY_TITLE
    assert root.findtext(f"{SVG}desc", "").startswith(board.roadmap.name)
    texts = [flat("".join(t.itertext())) for t in root.iter(f"{SVG}text")]
    assert TRICKY_TITLE in texts  # kept as words (invisible) over its outlines
    page = layout_pages(board, options(), Overflow.MORE)[0]
    assert isinstance(page, BoardPage)
    assert any(flat(t).startswith(page.cards[0].data.title[:20]) for t in texts)


def parents(root: ET.Element) -> dict[ET.Element, ET.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def test_svg_text_is_outlines_under_invisible_words(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "board.svg"
    export_file(board, path, options(title=TRICKY_TITLE))
    root = ET.parse(path).getroot()
    glyphs = {p.get("id"): p for p in root.iter(f"{SVG}path") if p.get("id")}
    assert glyphs and all(p.get("fill-rule") == "nonzero" for p in glyphs.values())
    up = parents(root)
    checked = 0
    for text in root.iter(f"{SVG}text"):
        assert text.get("fill-opacity") == "0" and text.get("stroke") == "none"
        words = "".join(text.itertext())
        if not words.strip():
            continue
        siblings = list(up[text])
        outline = siblings[siblings.index(text) - 1]  # drawn just before, in the same place
        assert outline.tag == f"{SVG}g" and outline.get("fill") == text.get("fill")
        assert outline.get("fill-opacity") == "1" and outline.get("stroke") == "none"
        uses = list(outline.iter(f"{SVG}use"))
        assert uses and all(u.get(XLINK_HREF, "")[1:] in glyphs for u in uses)
        assert len(uses) <= len(words)  # a glyph per character at most; spaces have none
        first = float(uses[0].get("x", "nan")) - float(text.get("x", "nan"))
        assert -0.01 <= first < float(text.get("font-size", "0"))  # starts where the words do
        assert float(text.get("textLength", "0")) > 0  # selection spans the outlines
        checked += 1
    assert checked > 50
    title = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) == TRICKY_TITLE]
    assert title and title[0].get("font-family") == "Inter"


def test_svg_outlines_characters_inter_lacks(tmp_path: Path) -> None:
    """CJK falls back to another installed face in Qt; its outlines are drawn all the same."""
    path = tmp_path / "cjk.svg"
    export_file(crowded(1, title="日本語のカード {n}"), path, options())
    root = ET.parse(path).getroot()
    up = parents(root)
    runs = [t for t in root.iter(f"{SVG}text") if "日" in "".join(t.itertext())]
    assert runs
    drawn = "".join("".join(t.itertext()) for t in runs)
    siblings = [list(up[t]) for t in runs]
    outlines = [s[s.index(t) - 1] for s, t in zip(siblings, runs, strict=True)]
    uses = sum(len(list(g.iter(f"{SVG}use"))) for g in outlines)
    assert uses == len(drawn.replace(" ", ""))


def test_svg_of_a_crowded_board_stays_small(tmp_path: Path) -> None:
    path = tmp_path / "crowded.svg"
    export_file(crowded(60, other=12, title="Initiative {n:03d} ready to ship"), path, options())
    assert path.stat().st_size < 1_500_000


def test_svg_is_one_slide_with_more_note(tmp_path: Path) -> None:
    path = tmp_path / "crowded.svg"
    result = export_file(crowded(60), path, options())
    assert result.pages == 1 and result.laid_out == 1
    texts = {flat("".join(t.itertext())) for t in ET.parse(path).getroot().iter(f"{SVG}text")}
    assert any(t.startswith("+") and t.endswith(" more") for t in texts)


def test_pdf_holds_every_card_as_text_one_page_each(tmp_path: Path) -> None:
    snapshot = crowded(60, other=12, title="Initiative {n:03d} ready")
    path = tmp_path / "board.pdf"
    result = export_file(snapshot, path, options(title=TRICKY_TITLE))
    pages = layout_pages(snapshot, options(), Overflow.PAGINATE)
    assert len(pages) > 1 and result.pages == len(pages)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == len(pages)
    assert reader.metadata is not None and reader.metadata.title == TRICKY_TITLE
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for card in snapshot.initiatives:
        assert card.title in text, card.title
    assert TRICKY_TITLE in text and f"1 / {len(pages)}" in text
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(13.333 * 72, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(7.5 * 72, abs=0.5)
        resources = cast("dict[str, object]", page["/Resources"])
        assert "/Font" in resources  # real fonts, not painted outlines


@pytest.mark.parametrize(
    ("size", "inches"),
    [
        ((1920, 1080), (13.333, 7.5)),  # PowerPoint's Widescreen
        ((1600, 1200), (10.0, 7.5)),  # PowerPoint's Standard 4:3
        ((1754, 1240), (11.69, 8.27)),  # A4 landscape
        ((2000, 1000), (13.333, 6.667)),  # any other size: the widescreen width, its aspect
    ],
)
def test_pdf_page_size_follows_the_slide(
    board: RoadmapSnapshot, tmp_path: Path, size: tuple[int, int], inches: tuple[float, float]
) -> None:
    assert page_size_inches(*size) == pytest.approx(inches, abs=0.01)
    path = tmp_path / "sized.pdf"
    export_file(board, path, options(width=size[0], height=size[1]))
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert float(box.width) / 72 == pytest.approx(inches[0], abs=0.01)
    assert float(box.height) / 72 == pytest.approx(inches[1], abs=0.01)


def test_okr_sheets_one_pdf_page_per_outcome(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "okrs.pdf"
    result = export_file(board, path, options(kind="okr"))
    assert result.pages == len(board.outcomes)
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == len(board.outcomes)
    first = flat(reader.pages[0].extract_text())
    assert "We will" in first and board.key_results[0].name in first
