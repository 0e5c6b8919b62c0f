"""Export fixtures: a Qt application with the bundled fonts, the sample and crowded roadmaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication

from roadmapper.core import interchange, sample
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.options import ExportOptions

TODAY = dt.date(2026, 11, 22)
TRICKY_TITLE = 'Q4 <review> & "bets"'


@pytest.fixture(scope="module", autouse=True)
def gui_app(qapp: QGuiApplication) -> Iterator[QGuiApplication]:
    """pytest-qt's application, the bundled fonts registered (what ``ensure_gui`` does)."""
    from roadmapper.export.exporter import ensure_gui

    ensure_gui()
    yield qapp


def crowded(now: int, other: int = 0, title: str = "Card {n}") -> RoadmapSnapshot:
    """The sample's outcomes with ``now`` cards in Now and ``other`` each in Next and Later."""
    doc: dict[str, Any] = sample.sample_document(TODAY)
    outcomes = [o["ref"] for o in doc["outcomes"]]
    columns = ["now"] * now + ["next"] * other + ["later"] * other
    doc["initiatives"] = [
        {
            "ref": f"c{n}",
            "title": title.format(n=n),
            "column": column,
            "outcome": outcomes[n % len(outcomes)],
            "hypothesis": f"We believe card {n} helps",
        }
        for n, column in enumerate(columns)
    ]
    snapshot, _refs = interchange.parse_document(doc)
    return snapshot


def options(**changes: Any) -> ExportOptions:
    """Export options with a fixed date, so every run lays out the same."""
    return ExportOptions(today=TODAY, **changes)


@pytest.fixture
def board() -> RoadmapSnapshot:
    """The sample roadmap, check-ins dated relative to a fixed day."""
    snapshot, _refs = interchange.parse_document(sample.sample_document(TODAY))
    return snapshot
