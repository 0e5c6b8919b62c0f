"""Switching back to a roadmap: shown again from memory only when nobody else wrote since.

Each window is a ``RoadmapDocument`` over its own ``Store.open`` of one database (a
SQLite file, then PostgreSQL). What a window shows after switching back must be what
reading the roadmap afresh gives, whoever wrote meanwhile.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.records import CheckInFields, InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.store.interchange import import_sample, import_snapshot
from roadmapper.store.store import RoadmapParts, Store
from roadmapper.ui.editing.document import KEPT_ROADMAPS
from roadmapper.ui.panel.health_strip import HealthStrip
from tests.ui.editing.test_two_windows import Window, open_window
from tests.ui.panel.test_health_strip import agrees_with_full_count, record_tallies


@pytest.fixture
def roadmaps(qapp, db_url: str) -> Iterator[tuple[Window, list[int]]]:
    """A window on the first of several sample roadmaps, reading through a recorder."""
    setup = Store.open(db_url)
    sample = setup.load(import_sample(setup).id)
    ids = [sample.roadmap.id]
    ids += [import_snapshot(setup, sample, f"Copy {n}").id for n in range(KEPT_ROADMAPS + 1)]
    setup.close()
    window = open_window(db_url, ids[0])
    yield window, ids
    window.editor.undo_stack.clear()
    window.store.close()


def record_reads(window: Window, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The roadmap ids the window's store reads whole from now on."""
    reads: list[int] = []
    real = window.store.load_counted

    def load_counted(roadmap_id: int) -> tuple[RoadmapSnapshot, int]:
        reads.append(roadmap_id)
        return real(roadmap_id)

    real_parts = window.store.load_in_parts

    def load_in_parts(roadmap_id: int, per_column: int) -> RoadmapParts:
        reads.append(roadmap_id)  # a switch reads in parts: the same read, the rest later
        return real_parts(roadmap_id, per_column)

    monkeypatch.setattr(window.store, "load_counted", load_counted)
    monkeypatch.setattr(window.store, "load_in_parts", load_in_parts)
    return reads


def moved_by_another_window(db_url: str, roadmap_id: int) -> int:
    """Another window on the database moves the first Now card of ``roadmap_id`` to the
    top of Later; its id."""
    other = open_window(db_url, roadmap_id)
    try:
        moved = other.document.column_ids(Column.NOW)[0]
        assert other.editor.move([moved], Column.LATER, 0)
    finally:
        other.editor.undo_stack.clear()
        other.store.close()
    return moved


def assert_shows_what_is_stored(window: Window) -> None:
    doc = window.document
    assert doc.current_snapshot() == window.store.load(doc.roadmap_id)


def test_switching_back_shows_the_roadmap_as_left_without_reading_it(
    roadmaps: tuple[Window, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, (first, second, *_rest) = roadmaps
    doc, editor = window.document, window.editor
    later = doc.column_ids(Column.LATER)[0]
    assert editor.move([later], Column.NOW, 0)
    card = doc.card(doc.column_ids(Column.NEXT)[0])
    fields = dataclasses.replace(InitiativeFields.of(card), title="Renamed here")
    assert editor.edit(card.id, fields)
    reads = record_reads(window, monkeypatch)
    doc.load(second)
    assert reads == [second] and not doc.restored
    # An edit on the second roadmap keeps the first one current too.
    kr = doc.snapshot.key_results[0]
    assert editor.add_check_in(kr.id, CheckInFields(dt.date.today(), kr.baseline + 3))
    doc.load(first)
    assert reads == [second] and doc.restored
    assert doc.column_ids(Column.NOW)[0] == later and doc.card(card.id).title == "Renamed here"
    assert_shows_what_is_stored(window)
    doc.load(second)
    assert reads == [second] and doc.restored
    assert_shows_what_is_stored(window)


def test_a_write_by_another_window_is_read_on_the_way_back(
    roadmaps: tuple[Window, list[int]], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, (first, second, *_rest) = roadmaps
    doc = window.document
    doc.load(second)
    moved = moved_by_another_window(db_url, first)
    reads = record_reads(window, monkeypatch)
    doc.load(first)
    assert reads == [first] and not doc.restored
    assert doc.column_ids(Column.LATER)[0] == moved
    assert_shows_what_is_stored(window)


def test_a_roadmap_created_or_deleted_here_makes_every_kept_one_read_again(
    roadmaps: tuple[Window, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, (first, second, third, *_rest) = roadmaps
    doc = window.document
    doc.load(second)
    window.store.delete_roadmap(third)
    reads = record_reads(window, monkeypatch)
    doc.load(first)
    assert reads == [first]
    assert_shows_what_is_stored(window)


def test_only_a_few_roadmaps_are_kept_and_a_reload_reads(
    roadmaps: tuple[Window, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, ids = roadmaps
    doc = window.document
    for roadmap_id in ids[1:]:
        doc.load(roadmap_id)
    reads = record_reads(window, monkeypatch)
    doc.load(ids[0])  # the oldest one left: no longer kept
    assert reads == [ids[0]]
    doc.load(ids[0])  # the one shown: a reload reads it
    assert reads == [ids[0], ids[0]]
    doc.load(ids[-1])
    assert reads == [ids[0], ids[0]] and doc.restored


def test_the_health_strip_keeps_each_roadmap_s_count(
    roadmaps: tuple[Window, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back on a kept roadmap the strip counts no card again, and its figures are what
    counting every card gives; on a roadmap read again it counts them all."""
    window, (first, second, *_rest) = roadmaps
    doc, editor = window.document, window.editor
    strip = HealthStrip(editor)
    qtbot.addWidget(strip)
    counted = record_tallies(monkeypatch)

    def agrees() -> bool:
        return agrees_with_full_count(strip, doc)

    assert editor.move(doc.column_ids(Column.LATER)[:2], Column.NOW, 0)
    qtbot.waitUntil(agrees)
    doc.load(second)
    qtbot.waitUntil(agrees)
    assert len(counted) >= len(list(doc.all_cards()))
    counted.clear()
    import roadmapper.ui.panel.health_strip as strip_module

    measured: list[int] = []
    real_measure = strip_module.health_of
    monkeypatch.setattr(
        strip_module,
        "health_of",
        lambda s, *a: measured.append(s.roadmap.id) or real_measure(s, *a),
    )
    doc.load(first)
    assert agrees()  # at once: shown with the board, not in a later paint
    qtbot.wait(20)
    assert counted == [] and agrees()
    assert measured == []  # its outcomes and key results were measured when it was left


def test_a_roadmap_read_ahead_is_shown_without_reading_it_again(
    roadmaps: tuple[Window, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown for the first time from what was read ahead: what is stored, its cards
    counted by the health strip while the window was idle, none when it is shown."""
    window, (first, second, *_rest) = roadmaps
    doc = window.document
    strip = HealthStrip(window.editor)
    qtbot.addWidget(strip)
    reads = record_reads(window, monkeypatch)
    counted = record_tallies(monkeypatch)
    assert doc.read_ahead(second) and doc.is_kept(second)
    assert reads == [second] and doc.roadmap_id == first  # nothing shown changed
    _okrs, cards, _read = doc.kept_roadmap(second)
    assert sorted(counted) == sorted(c.id for c in cards)
    counted.clear()
    doc.load(second)
    assert reads == [second] and not doc.restored
    assert_shows_what_is_stored(window)
    qtbot.wait(20)  # the strip's refresh runs
    assert counted == [] and agrees_with_full_count(strip, doc)
    doc.load(first)
    assert reads == [second] and doc.restored  # the one left is kept as ever
    qtbot.wait(20)
    assert counted == [] and agrees_with_full_count(strip, doc)


def test_a_write_by_another_window_after_the_read_ahead_is_read_when_shown(
    roadmaps: tuple[Window, list[int]], db_url: str, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, (_first, second, *_rest) = roadmaps
    doc = window.document
    strip = HealthStrip(window.editor)
    qtbot.addWidget(strip)
    assert doc.read_ahead(second)
    moved = moved_by_another_window(db_url, second)
    reads = record_reads(window, monkeypatch)
    counted = record_tallies(monkeypatch)
    doc.load(second)
    assert reads == [second] and not doc.restored
    assert doc.column_ids(Column.LATER)[0] == moved
    assert_shows_what_is_stored(window)
    every = sorted(c.id for c in doc.all_cards())
    qtbot.waitUntil(lambda: sorted(counted) == every)  # counted again: another read
    assert agrees_with_full_count(strip, doc)


def test_read_ahead_reads_nothing_shown_kept_or_beyond_what_is_kept(
    roadmaps: tuple[Window, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, ids = roadmaps
    doc = window.document
    reads = record_reads(window, monkeypatch)
    assert not doc.read_ahead(ids[0])  # shown
    assert [doc.read_ahead(i) for i in ids[1:]] == [True] * KEPT_ROADMAPS + [False]
    assert not doc.read_ahead(ids[1])  # kept
    assert reads == ids[1 : KEPT_ROADMAPS + 1]


def test_a_roadmap_read_ahead_makes_room_before_one_the_window_showed(
    roadmaps: tuple[Window, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, ids = roadmaps
    doc = window.document
    shown_before = ids[1:KEPT_ROADMAPS]
    for roadmap_id in shown_before:
        doc.load(roadmap_id)
    doc.load(ids[0])  # shown and left: all but the last two
    assert doc.read_ahead(ids[-1])  # now as many kept as may be
    doc.load(ids[-2])  # leaving ids[0] needs room: the one read ahead goes
    reads = record_reads(window, monkeypatch)
    for roadmap_id in [ids[0], *shown_before]:
        doc.load(roadmap_id)
    assert reads == []
    doc.load(ids[-1])
    assert reads == [ids[-1]]


def test_the_outcome_tree_keeps_each_roadmap_s_rows(
    roadmaps: tuple[Window, list[int]], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Back on a roadmap shown before, the tree shows its outcomes again without making a
    row; outcomes changed meanwhile (another window) are shown as they are now."""
    from roadmapper.core.records import OutcomeFields
    from roadmapper.ui.panel.outcomes.tree import OUTCOME_ID_ROLE, OutcomeTreeModel

    window, (first, second, *_rest) = roadmaps
    doc = window.document
    model = OutcomeTreeModel(window.editor)
    built: list[int] = []
    real = model._build
    monkeypatch.setattr(model, "_build", lambda i, o: built.append(i) or real(i, o))

    def shown() -> list[tuple[int, list[str]]]:
        rows = []
        for r in range(model.rowCount()):
            top = model.index(r, 0)
            below = [model.index(c, 0, top).data() for c in range(model.rowCount(top))]
            rows.append((top.data(OUTCOME_ID_ROLE), [top.data(), *below]))
        return rows

    def expected() -> list[tuple[int, list[str]]]:
        editor = window.editor
        return [
            (o.id, [o.objective, *(c.objective for c in editor.siblings(o.id))])
            for o in editor.siblings(None)
        ]

    on_first = shown()
    assert on_first == expected()
    doc.load(second)
    assert built == [second] and shown() == expected() and shown() != on_first
    doc.load(first)
    assert built == [second] and shown() == on_first  # the rows kept, none made
    assert model.index_of(on_first[0][0]).isValid()
    other = open_window(db_url, second)  # another window renames an outcome of the second
    try:
        outcome = other.document.snapshot.outcomes[0]
        fields = dataclasses.replace(OutcomeFields.of(outcome), objective="Renamed elsewhere")
        assert other.editor.edit_outcome(outcome.id, fields)
    finally:
        other.editor.undo_stack.clear()
        other.store.close()
    doc.load(second)  # read again: its rows are made anew, with the new name
    assert built == [second, second] and shown() == expected()
    assert "Renamed elsewhere" in [text for _id, texts in shown() for text in texts]
