"""The check-in history table: newest first, selection kept, keys turned into requests."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from roadmapper.core.entities import CheckIn
from roadmapper.ui.panel.check_ins.history import CheckInTable
from tests.ui.conftest import shown

HISTORY = [
    CheckIn(3, 1, dt.date(2026, 11, 20), 41.5, "after <b>launch</b>\nweek 2", 7),
    CheckIn(2, 1, dt.date(2026, 11, 6), 38.0, "", None),
    CheckIn(1, 1, dt.date(2026, 10, 23), 35.0, "baseline", 5),
]


def make(qtbot: QtBot) -> CheckInTable:
    table = CheckInTable()
    qtbot.addWidget(table)
    table.show_history(HISTORY)
    return table


def test_rows_read_as_a_person_wrote_them(qtbot: QtBot) -> None:
    table = make(qtbot)
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [
        ["2026-11-20", "41.5", "7/10", "after <b>launch</b> week 2"],
        ["2026-11-06", "38", "—", ""],
        ["2026-10-23", "35", "5/10", "baseline"],
    ]
    assert shown(table.item(0, 3).toolTip()) == "after <b>launch</b>\nweek 2"


def test_selection_survives_a_refresh(qtbot: QtBot) -> None:
    table = make(qtbot)
    assert table.selected_id() is None
    table.selectRow(1)
    assert table.selected_id() == 2
    newer = CheckIn(4, 1, dt.date(2026, 11, 27), 44.0)
    table.show_history([newer, *HISTORY])
    assert table.selected_id() == 2
    assert table.currentRow() == 2


def test_delete_and_enter_become_requests(qtbot: QtBot) -> None:
    table = make(qtbot)
    table.selectRow(0)
    with qtbot.waitSignal(table.delete_requested, timeout=1000):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    with qtbot.waitSignal(table.edit_requested, timeout=1000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
