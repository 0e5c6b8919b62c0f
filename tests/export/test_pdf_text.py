"""PDF text copies out exactly as typed: pdftotext (Debian's poppler-utils) reads it back."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from roadmapper.core import interchange, sample
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.exporter import export_file
from tests.export.conftest import TODAY, options
from tests.export.pixels import require_program

TRICKY = (
    "<b>CSV</b> import -> board",
    "Q4 review — 2026 (SSO) [WIP]",
    "Standup at 10:30 – then {retro}",
    'A => B, x--y <= z & "quoted"',
    "日本語のカード: 予約",
)
OBJECTIVE = "Riders book 2x more -> fewer calls: (SSO) [beta] — 10:30"
KEY_RESULT = "Share of bookings online — from 40% to 60% (<2 min) [Q4]"


@pytest.fixture(scope="module")
def pdftotext() -> str:
    require_program("pdftotext", "poppler-utils", "the PDF text tests read the export back")
    return "pdftotext"


def tricky_board() -> RoadmapSnapshot:
    doc: dict[str, Any] = sample.sample_document(TODAY)
    for card, title in zip(doc["initiatives"], TRICKY, strict=False):
        card["title"] = title
    doc["outcomes"][1]["objective"] = OBJECTIVE
    doc["outcomes"][1]["key_results"][0]["name"] = KEY_RESULT
    snapshot, _refs = interchange.parse_document(doc)
    return snapshot


def text_of(tool: str, path: Path) -> str:
    done = subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_board_pdf_text_is_every_title_as_typed(pdftotext: str, tmp_path: Path) -> None:
    snapshot = tricky_board()
    path = tmp_path / "board.pdf"
    export_file(snapshot, path, options())
    text = text_of(pdftotext, path)
    lines = [line.strip() for line in text.splitlines()]
    for title in TRICKY:
        assert title in lines, (title, [line for line in lines if line[:3] == title[:3]])
    assert "\t" not in text  # spaces are spaces


def test_okr_pdf_text_is_every_objective_and_key_result_as_typed(
    pdftotext: str, tmp_path: Path
) -> None:
    snapshot = tricky_board()
    path = tmp_path / "okr.pdf"
    export_file(snapshot, path, options(kind="okr"))
    text = text_of(pdftotext, path)
    flat = " ".join(text.split())  # the objective may wrap over two lines
    assert OBJECTIVE in flat
    assert KEY_RESULT in flat
    assert "\t" not in text
