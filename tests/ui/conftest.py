"""Qt fixtures: an application with our names and fonts, a window on a temporary database."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.store.store import Store
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["roadmapper-tests"]


@pytest.fixture(scope="session", autouse=True)
def _qt_setup(qapp) -> None:
    """Keep Qt off the real settings and register the bundled fonts once."""
    QStandardPaths.setTestModeEnabled(True)
    qapp.setOrganizationName("Roadmapper-tests")
    qapp.setApplicationName("Roadmapper-tests")
    from roadmapper.render.fonts import register_fonts

    register_fonts()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def editor(sample_store: Store) -> Editor:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    return Editor(RoadmapDocument(sample_store, roadmap.id))


@pytest.fixture
def window(qtbot, sample_store: Store, settings: QSettings) -> Iterator[MainWindow]:
    win = MainWindow(sample_store, settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win


def without_versions(snapshot: RoadmapSnapshot) -> tuple:
    """A snapshot's content, ignoring version counters (undo bumps them)."""

    def strip(items: tuple) -> tuple:
        return tuple(
            dataclasses.replace(i, version=0) if hasattr(i, "version") else i for i in items
        )

    return (
        dataclasses.replace(snapshot.roadmap, version=0),
        strip(snapshot.outcomes),
        strip(snapshot.key_results),
        strip(snapshot.check_ins),
        strip(snapshot.initiatives),
    )


def shown(tooltip: str) -> str:
    """The text a tooltip shows, as Qt decides between plain text and HTML."""
    from PySide6 import QtGui

    # QtGui's Qt namespace has mightBeRichText; QtCore's does not.
    if not QtGui.Qt.mightBeRichText(tooltip):
        return tooltip
    document = QtGui.QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()
