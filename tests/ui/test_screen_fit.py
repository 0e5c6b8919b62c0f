"""Window geometry: the first size on a small screen, and a remembered one clamped to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings, QSize
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from roadmapper.store.store import Store
from roadmapper.ui.application import Application
from roadmapper.ui.main_window import MainWindow
from roadmapper.ui.screen_fit import PREFERRED, first_geometry, fitted

TITLE_BAR = QMargins(0, 30, 0, 0)


@pytest.mark.parametrize(
    ("available", "expected_size"),
    [
        (QRect(0, 0, 1920, 1040), PREFERRED),  # a big monitor: the preferred size
        (QRect(0, 27, 1366, 741), QSize(1280, 711)),  # a laptop with a top bar
        (QRect(0, 0, 1366, 728), QSize(1280, 698)),  # a laptop with a taskbar below
        (QRect(0, 0, 1024, 600), QSize(1024, 570)),  # a netbook
    ],
)
def test_the_first_window_fits_and_is_centred(available: QRect, expected_size: QSize) -> None:
    rect = first_geometry(available, TITLE_BAR)
    assert rect.size() == expected_size
    frame = rect.marginsAdded(TITLE_BAR)
    assert available.contains(frame)
    room = available.marginsRemoved(TITLE_BAR)
    assert abs((rect.left() - room.left()) - (room.right() - rect.right())) <= 1


@pytest.mark.parametrize(
    "remembered",
    [
        QRect(100, 60, 2400, 1340),  # maximised-ish on a 2560x1440 monitor
        QRect(2000, 900, 800, 600),  # on a second monitor, now unplugged
        QRect(-300, -50, 900, 700),  # dragged half off the left edge
    ],
)
def test_a_remembered_geometry_is_clamped_to_the_screen(remembered: QRect) -> None:
    available = QRect(0, 27, 1366, 741)
    rect = fitted(remembered, available, TITLE_BAR)
    assert available.contains(rect.marginsAdded(TITLE_BAR))
    assert rect.width() == min(remembered.width(), 1366)


def test_a_geometry_that_fits_is_left_alone() -> None:
    rect = QRect(200, 120, 900, 600)
    assert fitted(rect, QRect(0, 0, 1920, 1080), TITLE_BAR) == rect


def test_the_window_restores_a_big_monitor_geometry_inside_this_screen(
    qtbot, sample_store: Store, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    big = MainWindow(sample_store, settings)
    qtbot.addWidget(big)
    big.setGeometry(QRect(50, 50, 2400, 1340))  # as a 2560x1440 monitor left it
    settings.setValue("window/geometry", big.saveGeometry())
    big.deleteLater()

    window = MainWindow(sample_store, settings)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert available.size().width() < 2400  # the offscreen screen is smaller
    assert available.contains(window.geometry().marginsAdded(QMargins(0, 32, 0, 0)))


def test_a_file_the_system_asks_to_open_reaches_the_window(qapp: QApplication) -> None:
    """macOS sends a file opened from Finder as a QFileOpenEvent to the application."""
    assert isinstance(qapp, Application)  # tests run the app's own class (tests/conftest.py)
    opened: list[Path] = []
    try:
        qapp._opener = None
        QApplication.sendEvent(qapp, QFileOpenEvent("/Users/pm/Roadmaps/early.db"))
        assert opened == []
        qapp.set_opener(opened.append)
        assert opened == [Path("/Users/pm/Roadmaps/early.db")]  # kept until a window listened
        QApplication.sendEvent(qapp, QFileOpenEvent("/Users/pm/Roadmaps/later.db"))
        assert opened[-1] == Path("/Users/pm/Roadmaps/later.db") and len(opened) == 2
    finally:
        qapp._opener = None
