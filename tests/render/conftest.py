"""Render fixtures: a GUI application for painting, and the sample roadmap on a fixed day."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication

from roadmapper.core import interchange, sample
from roadmapper.core.entities import RoadmapSnapshot
from tests.conftest import TODAY


@pytest.fixture(scope="module", autouse=True)
def gui_app(qapp: QGuiApplication) -> Iterator[QGuiApplication]:
    """pytest-qt's application: a QGuiApplication, shared with the widget tests."""
    yield qapp


@pytest.fixture(scope="module")
def snapshot() -> RoadmapSnapshot:
    parsed, _refs = interchange.parse_document(sample.sample_document(TODAY))
    return parsed
