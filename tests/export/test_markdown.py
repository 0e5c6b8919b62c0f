"""The Markdown export: user text escaped only where Markdown would read it as markup."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.markdown import escape, to_markdown

TEXTS = [
    "Cut the wait from 4.5 days (median) to 2",
    "# not a heading",
    "## nor this",
    "#hashtag stays",
    "- not a list item",
    "-5% churn",
    "+ not a list item either",
    "1. not a numbered item",
    "2026) not one either",
    "> not a quote",
    "a *b* _c_ `d` [e](f) <g> | h ~i~ \\ j",
    "<b>CSV</b> import -> board & more",
    "![image](x.png)",
    'Fix "phantom" slots & double-booked stands',
]


def rendered_text(markdown: str) -> str:
    """What a reader sees: the CommonMark rendering of one paragraph, tags dropped."""
    out = MarkdownIt("commonmark").enable("strikethrough").enable("table").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


@pytest.mark.parametrize("text", TEXTS)
def test_user_text_reads_as_typed(text: str) -> None:
    markdown = escape(text)
    assert rendered_text(markdown) == text
    out = MarkdownIt("commonmark").render(markdown)
    assert out.startswith("<p>") and out.count("<p>") == 1  # no heading, list or quote


def test_only_markup_is_escaped() -> None:
    assert escape("4.5 days (median)") == "4.5 days (median)"
    assert escape("Grow revenue, again!") == "Grow revenue, again!"


def test_the_sample_reads_well(board: RoadmapSnapshot) -> None:
    text = to_markdown(board)
    assert r"\(" not in text and "(median)" in text
    assert "We will grow recurring revenue" in text and "We will Grow" not in text
