"""Starting on an existing database paints the board before the ORM is imported; edits still land.

The window's start reads the roadmap with ``sqlite3`` alone (``store.first_read``)
only for a writable SQLite file at the head revision; every other database is
opened by the full store as before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from roadmapper import app
from roadmapper.core.sample import SAMPLE_NAME
from roadmapper.model.enums import Column
from roadmapper.store import first_read, locations
from roadmapper.store.database import REVISIONS
from roadmapper.store.deferred import DeferredStore
from roadmapper.store.store import Store
from tests.store import test_faults as faults
from tests.store.migration_child import make_first_revision
from tests.ui.test_app_start import collector  # noqa: F401  (fixture)

CHILD = """
import json, sys, threading
from roadmapper import app
warm = sys.argv[2] == "warm"
window = app.start(sys.argv[1], warm_up=warm)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from roadmapper.model.enums import Column

ORM = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")
result = {"store": type(window.store).__name__}

def loaded():
    return sorted({name.split(".")[0] for name in sys.modules} & set(ORM))

def painted():
    result["after_first_paint"] = loaded()
    if not warm:
        move()

def move():
    # The first edit right after start; with the warm-up, while its thread imports.
    result["warming"] = any(t.name == "roadmapper-warm-up" for t in threading.enumerate())
    card = window.document.column_ids(Column.NOW)[0]
    result["card"] = card
    result["moved"] = window.editor.move([card], Column.NEXT, 0)
    print(json.dumps(result), flush=True)
    QApplication.instance().quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)  # once the paint is done
        return False

probe = FirstPaint()
window.board.views[Column.NOW].viewport().installEventFilter(probe)
if warm:
    window.ready.connect(move)
QApplication.instance().exec()
window.store.close()
"""


def python(script: str, *args: str, config: Path) -> str:
    """What ``script`` prints, run as its own process: offscreen, settings in ``config``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def start_child(db: Path, mode: str, tmp_path: Path) -> dict[str, object]:
    printed = python(CHILD, str(db), mode, config=tmp_path).splitlines()
    reported: dict[str, object] = json.loads([line for line in printed if line[:1] == "{"][-1])
    return reported


@pytest.mark.parametrize("mode", ["cold", "warm"])
def test_the_board_paints_without_the_orm_and_a_move_right_after_is_saved(
    tmp_path: Path, mode: str
) -> None:
    db = tmp_path / "roadmap.db"
    app.open_store(str(db)).close()  # an existing database, as on every start but the first
    reported = start_child(db, mode, tmp_path)
    assert reported["store"] == "DeferredStore"
    assert reported["after_first_paint"] == []
    assert reported["moved"] is True
    if mode == "warm":
        assert reported["warming"] is True  # the move waited for the warm-up's import
    store = Store.open(str(db))
    try:
        card = store.initiatives.get(int(str(reported["card"])))
        assert card.column is Column.NEXT
        snapshot = store.load(card.roadmap_id)
        assert snapshot.column(Column.NEXT)[0].id == card.id
    finally:
        store.close()


@pytest.mark.usefixtures("collector")
def test_an_existing_database_starts_on_the_first_read(tmp_path: Path, qtbot) -> None:
    db = tmp_path / "roadmap.db"
    app.open_store(str(db)).close()
    window = app.start(str(db))
    qtbot.addWidget(window)
    try:
        store = window.store
        assert isinstance(store, DeferredStore) and not store.is_open
        assert window.document.snapshot.roadmap.name == SAMPLE_NAME
        assert not window.store.database.read_only and not window.read_only_bar.isVisibleTo(window)
        with qtbot.waitSignal(window.ready, timeout=10_000):
            pass
        # After the start every read is the real store's.
        assert window.switcher.count() == len(store.roadmaps()) and store.is_open
        full = Store.open(str(db))
        try:
            shown = window.document.current_snapshot()
            assert shown == full.load(shown.roadmap.id)
        finally:
            full.close()
    finally:
        window.close()
        window.store.close()


@pytest.mark.usefixtures("collector")
def test_an_older_database_is_backed_up_and_migrated_as_before(tmp_path: Path, qtbot) -> None:
    db = tmp_path / "old.db"
    make_first_revision(str(db), 5)
    window = app.start(str(db))
    qtbot.addWidget(window)
    try:
        database = window.store.database
        assert isinstance(window.store, Store)
        assert database.migrated_from == REVISIONS[0] and database.backup is not None
        assert database.backup.is_file()
    finally:
        window.close()
        window.store.close()


@pytest.mark.usefixtures("collector")
def test_a_read_only_database_opens_read_only_as_before(
    tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with faults.read_only_folder(tmp_path, monkeypatch) as folder:
        db = folder / "plan.db"
        app.open_store(str(db)).close()
        faults.make_read_only(folder, monkeypatch)
        if not faults.can_mount():  # root writes anything: tell the first read as well
            writable = locations.writable
            monkeypatch.setattr(
                first_read, "writable", lambda p: p.parent != folder and writable(p)
            )
        window = app.start(str(db))
        qtbot.addWidget(window)
        try:
            assert isinstance(window.store, Store) and window.store.database.read_only
            assert window.read_only_bar.isVisibleTo(window)
        finally:
            window.close()
            window.store.close()


@pytest.mark.usefixtures("collector")
def test_a_database_in_memory_gets_the_sample_as_before(qtbot) -> None:
    window = app.start("sqlite://")
    qtbot.addWidget(window)
    try:
        assert isinstance(window.store, Store) and window.store.database.created
        assert window.document.snapshot.roadmap.name == SAMPLE_NAME
    finally:
        window.close()
        window.store.close()


def test_no_window_module_imports_the_orm(tmp_path: Path) -> None:
    """Every module under roadmapper.ui, and the app's, imports without SQLAlchemy & co."""
    script = (
        "import importlib, pkgutil, sys\n"
        "import roadmapper.app, roadmapper.ui as ui\n"
        "for info in pkgutil.walk_packages(ui.__path__, 'roadmapper.ui.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[1:])))\n"
    )
    printed = python(script, "sqlalchemy", "sqlmodel", "pydantic", "alembic", config=tmp_path)
    assert printed.strip() == "[]"
