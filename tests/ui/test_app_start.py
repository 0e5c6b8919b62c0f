"""Starting the app as ``roadmapper`` does: database first, then the window, then the rest."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from roadmapper import app
from roadmapper.core.errors import DatabaseError
from roadmapper.core.sample import SAMPLE_NAME
from roadmapper.store.store import Store


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The collector running before each test and after it, nothing left frozen.

    Yields the calls of this test's start to resume the collector: a fallback
    timer left by an earlier test holds the real function, not this spy.
    """
    calls: list[str] = []
    resume = app._resume_collector

    def spy() -> None:
        calls.append("resumed" if not gc.isenabled() else "already running")
        resume()

    monkeypatch.setattr(app, "_resume_collector", spy)
    gc.enable()
    yield calls
    gc.unfreeze()
    gc.enable()


def test_start_shows_the_sample_and_collects_again_once_ready(
    tmp_path: Path, qtbot, collector: list[str]
) -> None:
    window = app.start(str(tmp_path / "new.db"))
    qtbot.addWidget(window)
    try:
        assert window.isVisible()
        assert window.document.snapshot.roadmap.name == SAMPLE_NAME
        assert not gc.isenabled()  # paused while the window is being built and painted
        assert window._panel is None  # the panel follows the board's first paint
        with qtbot.waitSignal(window.ready, timeout=10_000):
            pass
        assert window._panel is not None
        assert collector == ["resumed"] and gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up's objects are out of later collections
    finally:
        window.close()
        window.store.close()


def test_a_refused_database_leaves_the_collector_running_and_the_file_alone(
    tmp_path: Path, collector: list[str]
) -> None:
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"not a database at all")
    with pytest.raises(DatabaseError, match="not a SQLite file"):
        app.start(str(foreign))
    assert gc.isenabled()
    assert foreign.read_bytes() == b"not a database at all"


def test_run_says_why_it_cannot_open_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    assert app.run(str(folder)) == 1
    sentence = f"{folder} is a folder, not a roadmap database file."
    assert shown == [sentence]
    assert capsys.readouterr().err == f"roadmapper: {sentence}\n"


def test_an_empty_roadmap_still_gets_its_panel_and_the_collector_back(
    tmp_path: Path, qtbot, collector: list[str]
) -> None:
    db = tmp_path / "empty.db"
    store = Store.open(str(db))
    store.create_roadmap("Empty plan")
    store.close()
    window = app.start(str(db))
    qtbot.addWidget(window)
    try:
        assert window.board.stack.currentWidget() is window.board.empty  # no column shown
        with qtbot.waitSignal(window.ready, timeout=10_000):
            pass
        assert window._panel is not None
        assert collector == ["resumed"] and gc.isenabled()
    finally:
        window.close()
        window.store.close()


def test_the_collector_runs_again_even_if_the_window_never_paints(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch, collector: list[str]
) -> None:
    monkeypatch.setattr(app, "RESUME_COLLECTOR_MS", 100)
    window = app.start(str(tmp_path / "new.db"))
    qtbot.addWidget(window)
    try:
        window.hide()  # before the event loop had a chance to paint it
        assert not gc.isenabled()
        qtbot.waitUntil(lambda: collector == ["resumed"], timeout=3_000)
        assert gc.isenabled()
        assert window._panel is None  # never painted, so never built
    finally:
        window.close()
        window.store.close()


def test_start_gives_the_app_its_icon_and_opens_files_the_system_hands_it(
    tmp_path: Path, qtbot, collector: list[str]
) -> None:
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    other = tmp_path / "from-finder.db"
    Store.open(str(other)).close()
    window = app.start(str(tmp_path / "new.db"))
    qtbot.addWidget(window)
    qapp = app.application()
    try:
        sizes = {s.width() for s in qapp.windowIcon().availableSizes()}
        assert {16, 32, 48, 256} <= sizes
        # Finder hands a double-clicked roadmap to the application object.
        QApplication.sendEvent(qapp, QFileOpenEvent(str(other)))
        assert window.store.database.path == other
    finally:
        qapp._opener = None
        window.close()
        window.store.close()


def test_a_missing_icon_is_one_sentence_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmapper import resources
    from roadmapper.ui.widgets import icons

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
    monkeypatch.setattr(icons, "_app_icon", None)
    broken = tmp_path / "broken-install"
    monkeypatch.setattr(resources, "resource", lambda *parts: broken.joinpath(*parts))
    monkeypatch.setattr(app, "display_problem", lambda: None)  # offscreen needs no display
    assert app.run(str(tmp_path / "plan.db")) == 1
    err = capsys.readouterr().err
    assert err.startswith("roadmapper: Roadmapper's own file icons/hicolor/16x16/")
    assert err.rstrip().endswith("reinstall Roadmapper.") and err.count("\n") == 1
    assert shown == [("Roadmapper cannot start", err.removeprefix("roadmapper: ").rstrip())]


def test_modules_imported_after_the_window_starts_are_not_read_for_pyside(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PySide6's import hook would read each new module's source (and linecache keep it):
    once the app's QApplication exists, it answers from the module's name."""
    import importlib
    import linecache
    import sys

    assert app.skip_pyside_source_scan()  # this PySide6 has the hook: the skip is in place
    app.application()
    for name in ("sample_dependency", "roadmapper_probe_module"):
        (tmp_path / f"{name}.py").write_text("import PySide6\nVALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("sample_dependency", "roadmapper_probe_module"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        assert importlib.import_module(name).VALUE == 1
        assert str(tmp_path / f"{name}.py") not in linecache.cache
    scan = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert scan(sys.modules["roadmapper.app"]) and not scan(sys.modules["sample_dependency"])


def test_once_ready_the_window_reads_its_other_roadmap_ahead(
    tmp_path: Path, qtbot, collector: list[str]
) -> None:
    """Started as ``roadmapper`` starts it, on a file of two roadmaps: the one not shown is
    read while the window is idle, and showing it then reads nothing."""
    from roadmapper.store.interchange import import_sample, import_snapshot

    db = tmp_path / "two.db"
    store = Store.open(str(db))
    sample = store.load(import_sample(store).id)
    copy = import_snapshot(store, sample, "Zebra plan").id
    store.close()
    window = app.start(str(db))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.ready, timeout=10_000):
            pass
        shown = window.document.roadmap_id
        other = sample.roadmap.id if shown == copy else copy
        qtbot.waitUntil(lambda: window.document.is_kept(other), timeout=20_000)
        qtbot.waitUntil(lambda: not window.read_ahead.active, timeout=5_000)
        reads: list[int] = []
        real = window.store.load_counted
        window.store.load_counted = lambda roadmap_id: reads.append(roadmap_id) or real(roadmap_id)
        window.document.load(other)
        assert reads == [] and window.document.roadmap_id == other
    finally:
        window.close()
        window.store.close()
