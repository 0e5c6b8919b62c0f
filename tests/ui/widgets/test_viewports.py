"""Viewports made in Python: set up as Qt's own, and the start never makes PySide create
the widget classes the window does not use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QListView, QScrollArea, QTreeView

from roadmapper import app
from roadmapper.ui.widgets.viewports import VIEWPORT_NAME, own_viewport
from tests.ui.test_app_first_read import python


def setup_of(area: QAbstractScrollArea) -> dict[str, object]:
    """What a viewport's looks and behaviour hang on, shown in its area."""
    if isinstance(area, QScrollArea):
        area.setWidget(QLabel("A wide line of text " * 8))
        area.setWidgetResizable(True)
    area.resize(300, 200)
    area.show()
    viewport = area.viewport()
    facts: dict[str, object] = {a.name: viewport.testAttribute(a) for a in Qt.WidgetAttribute}
    facts.update(
        name=viewport.objectName(),
        parent=viewport.parent() is area,
        background=viewport.backgroundRole(),
        foreground=viewport.foregroundRole(),
        fills=viewport.autoFillBackground(),
        drops=viewport.acceptDrops(),
        tracking=viewport.hasMouseTracking(),
        focus=viewport.focusPolicy(),
        visible=viewport.isVisible(),
        geometry=viewport.geometry(),
        cursor=viewport.cursor().shape(),
        menu=viewport.contextMenuPolicy(),
    )
    return facts


@pytest.mark.parametrize("kind", [QListView, QTreeView, QScrollArea])
def test_a_viewport_made_here_is_set_up_as_qt_sets_up_its_own(qtbot, kind) -> None:
    theirs, ours = kind(), kind()
    qtbot.addWidget(theirs)
    qtbot.addWidget(ours)
    made = own_viewport(ours)
    assert ours.viewport() is made and made.objectName() == VIEWPORT_NAME
    assert setup_of(ours) == setup_of(theirs)


# Classes the window never uses; PySide creates them all when it must find out what kind
# of widget one that Qt made is. The last line does just that, so the probe can tell.
PROBE = """
import json, sys
from PySide6 import QtWidgets
from roadmapper import app
UNUSED = ("QWizard", "QCalendarWidget", "QLCDNumber", "QMdiArea", "QFontDialog")

def created():
    return sorted(name for name in UNUSED if name in vars(QtWidgets))

window = app.start(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QListView
result = {}

def done():
    result["ready"] = created()
    QListView().viewport()  # Qt's own viewport, new to Python
    result["after_a_plain_view"] = created()
    print(json.dumps(result), flush=True)
    QApplication.instance().quit()

# Ready: the board painted and the panel built; then the read-ahead's idle time.
window.ready.connect(lambda: QTimer.singleShot(500, done))
QApplication.instance().exec()
window.store.close()
"""


def test_the_window_starts_without_creating_widget_classes_it_does_not_use(
    tmp_path: Path,
) -> None:
    db = tmp_path / "roadmap.db"
    app.open_store(str(db)).close()  # the sample roadmap, started as on every later day
    printed = python(PROBE, str(db), config=tmp_path).splitlines()
    result = json.loads([line for line in printed if line[:1] == "{"][-1])
    assert result["ready"] == []
    assert result["after_a_plain_view"] != []
