"""Fixtures shared by every test; none of them touches the user's real data or settings."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from roadmapper.core import interchange, sample
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.store.interchange import import_snapshot
from roadmapper.store.store import Store
from tests import backends
from tests.backends import backend, db_url, postgres_databases  # noqa: F401  (fixtures)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 22)


def pytest_report_header() -> str:
    return backends.report_header()


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt's application is the app's own class, which takes file-open requests."""
    from roadmapper.ui.application import Application

    return Application


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the default database and every per-user folder into a temporary home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("ROADMAPPER_DB", str(home / "default-roadmap.db"))
    return home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store on a fresh SQLite file."""
    opened = Store.open(str(tmp_path / "roadmap.db"))
    yield opened
    opened.close()


@pytest.fixture
def sample_snapshot() -> RoadmapSnapshot:
    snapshot, _refs = interchange.parse_document(sample.sample_document(TODAY))
    return snapshot


@pytest.fixture
def sample_store(store: Store, sample_snapshot: RoadmapSnapshot) -> Store:
    """A store holding the sample roadmap."""
    import_snapshot(store, sample_snapshot)
    return store
