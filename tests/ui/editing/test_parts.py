"""A roadmap not in memory is shown in parts: the first cards of each column at once, the
rest a moment later or as soon as anything needs it (``RoadmapDocument``).

``HEAD_CARDS`` is made small here, so the sample roadmap is shown in parts: on each
backend, what the window shows once the rest is in must be what reading it afresh gives.
"""

from __future__ import annotations

import pytest

from roadmapper.core.errors import DatabaseError
from roadmapper.core.health import Measure
from roadmapper.model.enums import Column
from roadmapper.store.store import RoadmapParts
from roadmapper.ui.editing import document as document_module
from roadmapper.ui.panel.health_strip import HealthStrip
from tests.ui.editing.test_kept_roadmaps import (
    assert_shows_what_is_stored,
    moved_by_another_window,
    record_reads,
    roadmaps,
)
from tests.ui.editing.test_two_windows import Window
from tests.ui.panel.test_health_strip import agrees_with_full_count, record_tallies

__all__ = ["roadmaps"]  # the fixture, shared with the kept roadmaps' tests

HEAD = 2


@pytest.fixture(autouse=True)
def small_head(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_module, "HEAD_CARDS", HEAD)


def record_parts(window: Window, monkeypatch: pytest.MonkeyPatch) -> list[RoadmapParts]:
    """Every read in parts the window's store makes from now on."""
    made: list[RoadmapParts] = []
    real = window.store.load_in_parts

    def load_in_parts(roadmap_id: int, per_column: int) -> RoadmapParts:
        made.append(real(roadmap_id, per_column))
        return made[-1]

    monkeypatch.setattr(window.store, "load_in_parts", load_in_parts)
    return made


def test_a_switch_shows_the_first_cards_then_reads_the_rest(
    roadmaps: tuple[Window, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, (_first, second, *_rest) = roadmaps
    doc = window.document
    parts = record_parts(window, monkeypatch)
    completed: list[int] = []
    doc.completed.connect(lambda: completed.append(doc.roadmap_id))
    doc.load(second)
    stored = window.store.load(second)
    assert doc.partial and len(parts) == 1 and not parts[0].whole
    assert len(parts[0].head.initiatives) < len(stored.initiatives)
    for column in Column:  # every card's place is known, and counted, at once
        assert doc.column_ids(column) == [card.id for card in stored.column(column)]
        assert doc.count(column) == len(stored.column(column))
    assert completed == []
    qtbot.waitUntil(lambda: not doc.partial)
    assert completed == [second] and parts[0].whole
    assert_shows_what_is_stored(window)


def test_whatever_needs_a_card_not_read_yet_reads_the_rest_at_once(
    roadmaps: tuple[Window, list[int]],
) -> None:
    window, (_first, second, *_rest) = roadmaps
    doc = window.document
    doc.load(second)
    beyond = doc.column_ids(Column.LATER)[HEAD]
    assert doc.partial
    assert doc.card(beyond).id == beyond
    assert not doc.partial
    doc.load(_first)
    doc.forget_kept_roadmaps()
    doc.load(second)
    assert doc.partial
    assert doc.current_snapshot() == window.store.load(second)  # the lint, an export
    assert not doc.partial


def test_an_edit_before_the_rest_is_read_reads_it_first_and_is_saved(
    roadmaps: tuple[Window, list[int]],
) -> None:
    window, (_first, second, *_rest) = roadmaps
    doc = window.document
    doc.load(second)
    last = doc.column_ids(Column.LATER)[-1]
    assert doc.partial
    assert window.editor.move([last], Column.NOW, 0)
    assert not doc.partial and window.failures == []
    assert doc.column_ids(Column.NOW)[0] == last
    assert_shows_what_is_stored(window)
    window.editor.undo_stack.undo()
    assert doc.column_ids(Column.LATER)[-1] == last
    assert_shows_what_is_stored(window)


def test_the_rest_is_the_roadmap_as_its_head_was_read(
    roadmaps: tuple[Window, list[int]], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another window moves a card between the head and the rest: the board shows the
    roadmap as it was at the head (never half of each), and the next read the move."""
    window, (first, second, *_rest) = roadmaps
    doc = window.document
    before = window.store.load(second)
    doc.load(second)
    moved = moved_by_another_window(db_url, second)
    doc.complete()
    assert doc.current_snapshot() == before
    reads = record_reads(window, monkeypatch)
    doc.load(first)
    doc.load(second)  # somebody else wrote: both are read again
    assert reads == [first, second]
    doc.complete()
    assert doc.column_ids(Column.LATER)[0] == moved
    assert_shows_what_is_stored(window)


def test_a_roadmap_left_before_its_rest_was_read_is_not_kept(
    roadmaps: tuple[Window, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, (first, second, *_rest) = roadmaps
    doc = window.document
    doc.load(second)
    assert doc.partial
    reads = record_reads(window, monkeypatch)
    doc.load(first)
    assert reads == [] and doc.restored and not doc.partial  # the first was whole: kept
    assert not doc.is_kept(second)
    doc.load(second)
    assert reads == [second]
    assert_shows_what_is_stored(window)


def test_a_rest_that_cannot_be_read_leaves_the_cards_read_and_says_so(
    roadmaps: tuple[Window, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, (_first, second, *_rest) = roadmaps
    doc = window.document
    parts = record_parts(window, monkeypatch)
    said: list[str] = []
    doc.rest_failed.connect(said.append)
    resets: list[bool] = []
    doc.reset.connect(lambda: resets.append(True))
    doc.load(second)
    head = {card.id for card in parts[0].head.initiatives}

    def gone() -> tuple[()]:
        parts[0].close()
        raise DatabaseError("the database server went away")

    monkeypatch.setattr(parts[0], "rest", gone)
    qtbot.waitUntil(lambda: said != [])
    assert said == ["the database server went away"] and len(resets) == 2
    assert not doc.partial
    shown = [i for column in Column for i in doc.column_ids(column)]
    assert sorted(shown) == sorted(head)
    assert all(doc.card(i).id == i for i in shown)  # every card shown is there to paint


def test_the_health_strip_counts_the_cards_once_all_are_read(
    roadmaps: tuple[Window, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the few of the head (a figure that would be wrong for a moment): the tiles
    made of cards show nothing, those of outcomes and key results their figures."""
    window, (_first, second, *_rest) = roadmaps
    doc = window.document
    strip = HealthStrip(window.editor)
    qtbot.addWidget(strip)
    counted = record_tallies(monkeypatch)
    doc.load(second)
    qtbot.wait(1)  # what runs at once, before the rest is read
    assert doc.partial and counted == []
    assert strip.health.linked == Measure(0, 0) and strip.health.experiments == Measure(0, 0)
    assert strip.health.balanced.total == len(doc.snapshot.outcomes) > 0
    qtbot.waitUntil(lambda: not doc.partial)
    qtbot.waitUntil(lambda: len(counted) == len(window.store.load(second).initiatives))
    assert agrees_with_full_count(strip, doc)
