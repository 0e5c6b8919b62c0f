"""The window's first read (``sqlite3`` alone) against the full store, and when it steps aside.

"The same" means the same records with the same types: each comparison is of
the ``repr`` too, where ``5 == 5.0`` and a date string would show.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import random
import sqlite3
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.bench_core import SEED, make_document
from roadmapper import app
from roadmapper.core.errors import DatabaseError
from roadmapper.core.records import CheckInFields, InitiativeFields, KeyResultFields
from roadmapper.core.sample import SAMPLE_NAME
from roadmapper.model.enums import Column, Direction, Indicator, Level
from roadmapper.store import first_read, locations
from roadmapper.store.database import open_database
from roadmapper.store.deferred import DeferredStore
from roadmapper.store.first_read import FirstRead, read_first
from roadmapper.store.interchange import import_file, import_sample
from roadmapper.store.store import Store
from roadmapper.store.values import CardMove, Slot
from tests.store import test_faults as faults
from tests.store.migration_child import make_first_revision

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "plan.db"


@pytest.fixture
def file_store(path: Path) -> Iterator[Store]:
    """A store on a SQLite file (the first read only ever reads one)."""
    opened = Store.open(str(path))
    yield opened
    opened.close()


def assert_same(first: FirstRead, store: Store) -> None:
    """The first read gave what the store gives: roadmaps, and the shown roadmap whole."""
    roadmaps = tuple(store.roadmaps())
    assert first.roadmaps == roadmaps
    assert repr(first.roadmaps) == repr(roadmaps)
    loaded = store.load(first.snapshot.roadmap.id)
    assert first.snapshot == loaded
    assert repr(first.snapshot) == repr(loaded)


def test_the_sample_reads_as_the_store_reads_it(path: Path, file_store: Store) -> None:
    import_sample(file_store)
    first = read_first(path)
    assert first is not None
    assert first.snapshot.roadmap.name == SAMPLE_NAME  # the only one, so it is shown
    assert first.snapshot.initiatives and first.snapshot.check_ins
    assert_same(first, file_store)


def fill_rich(store: Store) -> int:
    """Roadmaps, links, check-ins, dismissals, Done cards, unicode: the id of the shown one."""
    import_sample(store)  # a sample, which is never shown first while another exists
    store.create_roadmap("Zebra plan")
    # Names compare bytewise (UTF-8): "Ä" comes after "Z", so this one is first.
    plan = store.create_roadmap("A plan for Ärger-free rides 🚲", "Beschreibung — Umlaute")
    parent = store.outcomes.create(plan.id, Level.BUSINESS, "Mehr Umsatz €")
    child = store.outcomes.create(plan.id, Level.PRODUCT, "Riders return", None, parent.id)
    lone = store.outcomes.create(plan.id, Level.PRODUCT, "日本語の成果")
    krs = [
        store.key_results.create(
            child.id,
            KeyResultFields("Repeat bookings", Direction.INCREASE, Indicator.LEADING, "%", 20),
        ),
        store.key_results.create(
            child.id,
            KeyResultFields(
                "No-shows",
                Direction.DECREASE,
                Indicator.LAGGING,
                "",
                None,
                None,
                (12, 10.5, 9),
                guardrail=True,
            ),
        ),
        store.key_results.create(
            lone.id, KeyResultFields("Ratings ★", Direction.INCREASE, Indicator.LAGGING, "★", 4.0)
        ),
    ]
    for n, (kr, value) in enumerate([(krs[0], 25), (krs[0], 31.5), (krs[1], 11), (krs[2], 4)]):
        note = "first “check-in”" if n == 0 else ""
        store.check_ins.add(
            kr.id, CheckInFields(TODAY - dt.timedelta(days=30 - 7 * n), value, note)
        )
    # Two check-ins on one day: their order is by id.
    store.check_ins.add(krs[1].id, CheckInFields(TODAY - dt.timedelta(days=2), 10, "", 7))
    store.check_ins.add(krs[1].id, CheckInFields(TODAY - dt.timedelta(days=2), 9.5, "", None))
    cards = []
    for n, column in enumerate([Column.NOW, Column.NEXT, Column.LATER, Column.NOW, Column.NEXT]):
        links = (krs[1].id, krs[0].id) if n % 2 else ()
        fields = InitiativeFields(
            f"Karte {n} — “{column.value}” ✓",
            description="Zeile eins\nZeile zwei",
            outcome_id=child.id if n % 2 else None,
            hypothesis="We believe …" if n else "",
            key_result_ids=links,
        )
        cards.append(store.initiatives.create(plan.id, fields, Slot(column)))
    done = cards[0]
    store.initiatives.move([CardMove(done.id, done.version, Slot(Column.DONE))])
    # A card put at the top of Next, before the ones already there.
    top = Slot(Column.NEXT, None, cards[1].id)
    store.initiatives.create(plan.id, InitiativeFields("Top of Next"), top)
    store.set_dismissed(plan.id, "kr-no-baseline", "key_result", krs[1].id, True)
    store.set_dismissed(plan.id, "outcome-no-kr", "outcome", lone.id, True)
    return plan.id


def test_a_rich_roadmap_reads_as_the_store_reads_it(path: Path, file_store: Store) -> None:
    shown = fill_rich(file_store)
    first = read_first(path)
    assert first is not None
    assert first.snapshot.roadmap.id == shown  # first by name that is not the sample
    snapshot = first.snapshot
    assert len(first.roadmaps) == 3 and len(snapshot.check_ins) == 6
    assert snapshot.dismissed and snapshot.column(Column.DONE)
    assert any(len(card.key_result_ids) == 2 for card in snapshot.initiatives)
    assert_same(first, file_store)


def test_on_sqlite_a_roadmap_s_cards_read_through_the_driver_are_sqlalchemy_s(
    file_store: Store,
) -> None:
    """The store reads a roadmap's cards on SQLite through ``sqlite3`` itself; the same
    cards by id still go through SQLAlchemy Core: both give the same records, in order."""
    from roadmapper.store import rows

    shown = fill_rich(file_store)
    with file_store.reading() as conn:
        by_roadmap = rows.load_initiatives(conn, shown)
        by_ids = rows.load_initiatives(conn, ids=[card.id for card in reversed(by_roadmap)])
    assert len(by_roadmap) >= 5 and any(card.key_result_ids for card in by_roadmap)
    assert by_roadmap == by_ids
    assert repr(by_roadmap) == repr(by_ids)


def test_on_sqlite_a_roadmap_s_okrs_read_through_the_driver_are_sqlalchemy_s(
    file_store: Store,
) -> None:
    """Outcomes, key results (tiers from JSON), check-ins (dates from ISO text, two on
    one day) and dismissals: the driver's read gives Core's records, in order."""
    from roadmapper.store import rows

    shown = fill_rich(file_store)
    for roadmap in file_store.roadmaps():
        with file_store.reading() as conn:
            through_driver = rows.load_okrs(conn, roadmap.id)
            through_core = rows.core_okrs(conn, roadmap)
        assert through_driver == through_core
        assert repr(through_driver) == repr(through_core)
        if roadmap.id == shown:
            assert through_driver.dismissed and len(through_driver.check_ins) == 6
            assert any(kr.tiers == (12.0, 10.5, 9.0) for kr in through_driver.key_results)
            assert all(isinstance(c.date, dt.date) for c in through_driver.check_ins)


def test_the_driver_s_read_of_the_okrs_is_in_the_store_s_read_transaction(
    path: Path, file_store: Store
) -> None:
    from roadmapper.store import rows

    shown = fill_rich(file_store)
    with file_store.reading() as conn:
        rows.load_initiatives(conn, shown)  # the transaction's snapshot starts here
        other = sqlite3.connect(path)
        try:
            other.execute("UPDATE outcome SET objective = 'Changed meanwhile'")
            other.commit()
        finally:
            other.close()
        okrs = rows.load_okrs(conn, shown)
    assert okrs.outcomes and all(o.objective != "Changed meanwhile" for o in okrs.outcomes)
    assert all(o.objective == "Changed meanwhile" for o in file_store.load(shown).outcomes)


def test_the_driver_s_read_of_the_cards_is_in_the_store_s_read_transaction(
    path: Path, file_store: Store
) -> None:
    from roadmapper.store import rows

    shown = fill_rich(file_store)
    with file_store.reading() as conn:
        before = rows.load_okrs(conn, shown)  # the transaction's snapshot starts here
        other = sqlite3.connect(path)
        try:
            other.execute(
                "UPDATE initiative SET title = 'Changed meanwhile' WHERE roadmap_id = ?", (shown,)
            )
            other.commit()
        finally:
            other.close()
        cards = rows.load_initiatives(conn, shown)
    assert before.roadmap.id == shown
    assert cards and all(card.title != "Changed meanwhile" for card in cards)
    assert all(card.title == "Changed meanwhile" for card in file_store.load(shown).initiatives)


@pytest.mark.slow
def test_ten_thousand_cards_read_as_the_store_reads_them(
    path: Path, file_store: Store, tmp_path: Path
) -> None:
    document = tmp_path / "plan.json"
    document.write_text(json.dumps(make_document(random.Random(SEED))), encoding="utf-8")
    import_file(file_store, document)
    first = read_first(path)
    assert first is not None and len(first.snapshot.initiatives) == 10_000
    assert_same(first, file_store)


def peak_over_kept(read: Callable[[], object]) -> float:
    """How much more memory ``read`` took at its peak than what it returned holds."""
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        answer = read()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert answer is not None
    return (peak - start) / (held - start)


def test_both_reads_make_each_row_a_card_as_it_comes(
    path: Path, file_store: Store, tmp_path: Path
) -> None:
    """Neither read holds every row of a large roadmap beside its cards: that doubled the
    memory a read of 10,000 cards took at its peak (12 MB for 5.5 MB of cards)."""
    document = make_document(random.Random(SEED))
    document["initiatives"] = document["initiatives"][:3_000]
    (tmp_path / "plan.json").write_text(json.dumps(document), encoding="utf-8")
    import_file(file_store, tmp_path / "plan.json")
    roadmap_id = next(iter(file_store.roadmaps())).id
    file_store.load(roadmap_id)  # compiled statements and caches: not the read's own
    read_first(path)
    assert peak_over_kept(lambda: file_store.load(roadmap_id)) < 1.4
    assert peak_over_kept(lambda: read_first(path)) < 1.4


# -- the cases the full store takes ---------------------------------------------------


def fingerprint(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def test_a_new_or_empty_file_is_left_to_the_full_store(path: Path) -> None:
    assert read_first(path) is None
    assert not path.exists()  # the full store creates it (and the app fills in the sample)
    path.touch()
    assert read_first(path) is None
    assert path.read_bytes() == b""


def test_an_older_revision_is_left_to_the_full_store(path: Path) -> None:
    make_first_revision(str(path), 5)
    before = fingerprint(path)
    assert read_first(path) is None
    assert fingerprint(path) == before  # backed up and migrated by the full store only


def test_a_database_without_roadmaps_is_left_to_the_full_store(path: Path) -> None:
    Store.open(str(path)).close()
    assert read_first(path) is None  # the full store gives it its first roadmap


@pytest.mark.parametrize(
    "value",
    [
        "sqlite://",
        "sqlite:///{path}",
        "postgresql://nobody@127.0.0.1:9/roadmap",
        "{folder}/odd?name.db",
        "{folder}/odd%20name.db",
    ],
)
def test_urls_and_paths_a_url_would_read_otherwise_are_left_to_the_full_store(
    path: Path, file_store: Store, value: str
) -> None:
    import_sample(file_store)
    named = value.format(path=path, folder=path.parent)
    if "://" not in named:
        Path(named).write_bytes(path.read_bytes())
    assert read_first(named) is None


def test_the_default_database_is_read_too(
    path: Path, file_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_sample(file_store)
    monkeypatch.setenv(locations.ENV_VAR, str(path))
    first = read_first(None)
    assert first is not None and first.database.path == path


@pytest.mark.parametrize("make", ["not sqlite", "damaged", "foreign", "newer", "folder"])
def test_a_refused_file_is_the_same_sentence_and_left_untouched(tmp_path: Path, make: str) -> None:
    """What the window's start says (first read, else the full store) is what it said before."""
    path = tmp_path / "plan.db"
    if make == "not sqlite":
        path.write_bytes(b"name,title\n1,CSV is not a database\n")
    elif make == "damaged":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    elif make == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.commit()
        conn.close()
    elif make == "newer":
        Store.open(str(path)).close()
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.commit()
        conn.close()
    else:
        path.mkdir()
    before = fingerprint(path) if path.is_file() else None
    with pytest.raises(DatabaseError) as at_start:
        app.window_store(str(path))
    with pytest.raises(DatabaseError) as by_full_store:
        open_database(path)
    assert str(at_start.value) == str(by_full_store.value)
    if before is not None:
        assert fingerprint(path) == before


def test_a_read_only_file_is_left_to_the_full_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with faults.read_only_folder(tmp_path, monkeypatch) as folder:
        path = folder / "plan.db"
        store = Store.open(str(path))
        import_sample(store)
        store.close()
        faults.make_read_only(folder, monkeypatch)
        if not faults.can_mount():  # root writes anything: tell the first read as well
            writable = locations.writable
            monkeypatch.setattr(
                first_read, "writable", lambda p: p.parent != folder and writable(p)
            )
        assert read_first(path) is None
        opened = open_database(path)
        assert opened.read_only
        opened.engine.dispose()


def test_a_file_locked_by_another_program_is_the_same_sentence(
    path: Path, file_store: Store
) -> None:
    import_sample(file_store)
    file_store.close()
    with faults.held_lock(path, "exclusive"):
        with pytest.raises(DatabaseError) as at_start:
            app.window_store(str(path))
        with pytest.raises(DatabaseError) as by_full_store:
            open_database(path)
    assert "another program is using it" in str(at_start.value)
    assert str(at_start.value) == str(by_full_store.value)


def test_a_file_gone_during_the_read_is_left_to_the_full_store(
    path: Path, file_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_sample(file_store)
    file_store.close()
    inspect = first_read.inspect_sqlite_file

    def inspect_then_vanish(target: Path) -> str | None:
        state = inspect(target)
        target.unlink()
        return state

    monkeypatch.setattr(first_read, "inspect_sqlite_file", inspect_then_vanish)
    assert read_first(path) is None
    assert not path.exists()  # the read-only connection made no new file


# -- the deferred store ----------------------------------------------------------------


def test_the_deferred_store_answers_the_start_then_opens_the_real_store(
    path: Path, file_store: Store
) -> None:
    shown = fill_rich(file_store)
    deferred = DeferredStore.open(str(path))
    assert deferred is not None
    reopened = Store.open(str(path))  # file_store created the file; this one only opens it
    facts, real = deferred.database, reopened.database
    reopened.close()
    for name in ("url", "path", "label", "read_only", "created", "migrated_from", "backup"):
        assert getattr(facts, name) == getattr(real, name), name
    assert [r.id for r in deferred.roadmaps()] == [r.id for r in file_store.roadmaps()]
    assert deferred.load(shown) == file_store.load(shown)
    assert not deferred.is_open
    # Another writer meanwhile: the first read's answers are the start's, until forgotten.
    file_store.rename_roadmap(shown, "Renamed elsewhere", file_store.load(shown).roadmap.version)
    assert "Renamed elsewhere" not in {r.name for r in deferred.roadmaps()}
    deferred.forget_first_read()
    assert "Renamed elsewhere" in {r.name for r in deferred.roadmaps()}
    assert deferred.is_open and deferred.database is deferred.opened().database
    deferred.close()


def test_the_deferred_store_is_warm_once_the_full_store_is_imported(
    path: Path, file_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warm: a read now would not wait on the full store's import (``ui.read_ahead``)."""
    import sys
    import threading
    import types

    from roadmapper.store import deferred as deferred_module

    fill_rich(file_store)
    deferred = DeferredStore.open(str(path))
    assert deferred is not None
    monkeypatch.setattr(deferred_module, "_FULL_STORE_IMPORTED", threading.Event())
    partial = types.ModuleType(deferred_module.FULL_STORE)  # as while another thread imports
    monkeypatch.setitem(sys.modules, deferred_module.FULL_STORE, partial)
    assert not deferred.is_warm
    partial.Store = Store  # type: ignore[attr-defined]  # the import got to its end
    assert deferred.is_warm
    del partial.Store  # type: ignore[attr-defined]
    assert not deferred.is_warm
    deferred_module.import_full_store()  # the warm-up thread's import says it is done
    assert deferred.is_warm and not deferred.is_open
    monkeypatch.undo()
    assert deferred.card_counts() == file_store.card_counts()
    assert deferred.is_open and deferred.is_warm
    deferred.close()


def test_a_write_through_the_deferred_store_is_saved(path: Path, file_store: Store) -> None:
    shown = fill_rich(file_store)
    deferred = DeferredStore.open(str(path))
    assert deferred is not None
    card = deferred.load(shown).column(Column.NOW)[0]
    (moved,) = deferred.initiatives.move([CardMove(card.id, card.version, Slot(Column.LATER))])
    assert deferred.is_open and moved.column is Column.LATER
    deferred.close()
    assert file_store.initiatives.get(card.id).column is Column.LATER


def test_a_file_refused_at_the_real_open_is_one_sentence(path: Path, file_store: Store) -> None:
    import_sample(file_store)
    file_store.close()
    deferred = DeferredStore.open(str(path))
    assert deferred is not None
    path.write_bytes(b"replaced by something else entirely")
    with pytest.raises(DatabaseError, match="not a SQLite file"):
        deferred.load_okrs(deferred.roadmaps()[0].id)
    assert not deferred.is_open
