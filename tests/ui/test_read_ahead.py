"""The window reads its other roadmaps while idle: within bounds, never in the way.

Each test opens a document over a database of several copies of the sample roadmap
(SQLite, then PostgreSQL), starts a ``ReadAhead`` on it and lets the event loop run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.errors import DatabaseError
from roadmapper.store.interchange import import_sample, import_snapshot
from roadmapper.store.store import RoadmapParts, Store
from roadmapper.ui import read_ahead as read_ahead_module
from roadmapper.ui.editing.document import KEPT_ROADMAPS, RoadmapDocument
from roadmapper.ui.read_ahead import ReadAhead

COPIES = KEPT_ROADMAPS + 1


@pytest.fixture
def opened(qapp, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, list[int]]]:
    """A store on the first of ``COPIES + 1`` roadmaps (by name: the sample, then copies)."""
    monkeypatch.setattr(read_ahead_module, "PAUSE_MS", 1)
    store = Store.open(db_url)
    sample = store.load(import_sample(store).id)
    ids = [sample.roadmap.id]
    ids += [import_snapshot(store, sample, f"~ Copy {n}").id for n in range(COPIES)]
    yield store, ids
    store.close()


def record_reads(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    real = store.load_counted

    def load_counted(roadmap_id: int) -> tuple[RoadmapSnapshot, int]:
        reads.append(roadmap_id)
        return real(roadmap_id)

    real_parts = store.load_in_parts

    def load_in_parts(roadmap_id: int, per_column: int) -> RoadmapParts:
        reads.append(roadmap_id)  # a switch reads in parts: the same read, the rest later
        return real_parts(roadmap_id, per_column)

    monkeypatch.setattr(store, "load_counted", load_counted)
    monkeypatch.setattr(store, "load_in_parts", load_in_parts)
    return reads


def run(ahead: ReadAhead, qtbot) -> None:
    ahead.start()
    qtbot.waitUntil(lambda: not ahead.active, timeout=10_000)


def test_the_other_roadmaps_are_read_one_by_one_and_shown_without_a_read(
    opened: tuple[Store, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ids = opened
    monkeypatch.setattr(read_ahead_module, "PAUSE_MS", 300)  # long enough to see one read
    document = RoadmapDocument(store, ids[0])
    ahead = ReadAhead(document)
    reads = record_reads(store, monkeypatch)
    ahead.start()
    assert reads == []  # nothing before the event loop has had its turn
    qtbot.waitUntil(lambda: len(reads) == 1)
    assert ahead.active  # one read per pause
    qtbot.waitUntil(lambda: not ahead.active, timeout=10_000)
    assert reads == ids[1 : KEPT_ROADMAPS + 1]  # as many as a window keeps, in list order
    for roadmap_id in reads:
        document.load(roadmap_id)
        assert document.current_snapshot() == store.load(roadmap_id)
    assert reads == ids[1 : KEPT_ROADMAPS + 1]


def test_no_more_cards_than_the_bound_are_read_ahead(
    opened: tuple[Store, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ids = opened
    cards = store.card_counts()
    assert cards[ids[1]] > 0 and set(cards) == set(ids)
    monkeypatch.setattr(read_ahead_module, "READ_AHEAD_CARDS", cards[ids[1]] + cards[ids[2]] - 1)
    document = RoadmapDocument(store, ids[0])
    reads = record_reads(store, monkeypatch)
    run(ReadAhead(document), qtbot)
    assert reads == [ids[1]]


def test_nothing_is_read_before_the_store_is_warm(
    opened: tuple[Store, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ids = opened
    warm = [False]
    monkeypatch.setattr(Store, "is_warm", property(lambda _store: warm[0]))
    document = RoadmapDocument(store, ids[0])
    ahead = ReadAhead(document)
    reads = record_reads(store, monkeypatch)
    ahead.start()
    qtbot.wait(50)
    assert reads == [] and ahead.active
    warm[0] = True
    qtbot.waitUntil(lambda: not ahead.active, timeout=10_000)
    assert reads == ids[1 : KEPT_ROADMAPS + 1]


def test_a_failed_read_ends_the_read_ahead_quietly(
    opened: tuple[Store, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pytest-qt fails the test if the failure escaped the timer's slot."""
    store, ids = opened
    document = RoadmapDocument(store, ids[0])
    tried: list[int] = []

    def gone(roadmap_id: int) -> tuple[RoadmapSnapshot, int]:
        tried.append(roadmap_id)
        raise DatabaseError("the database server went away")

    monkeypatch.setattr(store, "load_counted", gone)
    run(ReadAhead(document), qtbot)
    assert tried == [ids[1]] and not document.is_kept(ids[1])


def test_roadmaps_shown_or_kept_are_not_read_again(
    opened: tuple[Store, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ids = opened
    document = RoadmapDocument(store, ids[1])
    document.load(ids[0])  # ids[1] is kept now
    reads = record_reads(store, monkeypatch)
    run(ReadAhead(document), qtbot)
    assert reads == ids[2 : KEPT_ROADMAPS + 1]


def test_another_database_opened_meanwhile_is_read_ahead_afresh(
    opened: tuple[Store, list[int]], qtbot, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ids planned for one database are not read from another."""
    store, ids = opened
    monkeypatch.setattr(read_ahead_module, "PAUSE_MS", 300)
    document = RoadmapDocument(store, ids[0])
    ahead = ReadAhead(document)
    ahead.start_again()  # never started: does nothing
    qtbot.wait(20)
    assert not ahead.active
    first_reads = record_reads(store, monkeypatch)
    ahead.start()
    qtbot.waitUntil(lambda: len(first_reads) == 1)
    other = Store.open(str(tmp_path / "other.db"))
    try:
        first = import_sample(other)
        second = import_snapshot(other, other.load(first.id), "Second")
        document.open(other, first.id)
        reads = record_reads(other, monkeypatch)
        qtbot.waitUntil(lambda: not ahead.active, timeout=10_000)
        assert reads == [] and first_reads == [ids[1]]
        ahead.start_again()
        qtbot.waitUntil(lambda: not ahead.active, timeout=10_000)
        assert reads == [second.id]
    finally:
        document.open(store, ids[0])
        other.close()


def test_the_window_builds_a_read_ahead_roadmap_s_chips_and_counts_while_idle(
    window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the whole window: the health strip counts and measures a roadmap read ahead
    there and then, and showing it makes no legend chip, counts no card and measures no
    outcome; it shows what is stored, and the strip the figures a full count gives."""
    from roadmapper.ui.panel import health_strip
    from tests.ui.board.test_legend import record_new_chips
    from tests.ui.panel.test_health_strip import agrees_with_full_count

    qtbot.waitUntil(lambda: window._panel is not None)  # the strip is the panel's
    document = window.document
    other = import_snapshot(window.store, document.current_snapshot(), "Other plan").id
    counted: list[int] = []
    real_tally = health_strip.card_tally
    monkeypatch.setattr(
        health_strip, "card_tally", lambda card, *a: counted.append(card.id) or real_tally(card, *a)
    )
    measured: list[int] = []
    real_measure = health_strip.health_of
    monkeypatch.setattr(
        health_strip,
        "health_of",
        lambda s, *a: measured.append(s.roadmap.id) or real_measure(s, *a),
    )
    assert document.read_ahead(other)
    assert len(counted) == len(window.store.load(other).initiatives) > 0
    assert measured == [other]
    counted.clear()
    measured.clear()
    made = record_new_chips(monkeypatch)
    document.load(other)
    qtbot.wait(20)  # the strip's refresh runs
    assert document.roadmap_id == other and not document.restored
    assert made == [] and counted == [] and measured == []
    assert agrees_with_full_count(window.panel.health, document)
    assert [b.accessibleName() for b in window.board.legend.buttons().values()] == [
        o.objective for o, _depth in document.snapshot.outcome_tree
    ]
    assert document.current_snapshot() == window.store.load(other)


def test_nothing_is_read_while_the_person_drags_or_has_a_dialog_open(
    opened: tuple[Store, list[int]], qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    store, ids = opened
    document = RoadmapDocument(store, ids[0])
    ahead = ReadAhead(document)
    reads = record_reads(store, monkeypatch)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitUntil(lambda: read_ahead_module.person_busy())
    ahead.start()
    qtbot.wait(50)
    assert reads == [] and ahead.active
    dialog.close()
    held = [True]  # a mouse button held down (a drag), as Qt reports it
    monkeypatch.setattr(read_ahead_module, "person_busy", lambda: held[0])
    qtbot.wait(50)
    assert reads == [] and ahead.active
    held[0] = False
    qtbot.waitUntil(lambda: not ahead.active, timeout=10_000)
    assert reads == ids[1 : KEPT_ROADMAPS + 1]
