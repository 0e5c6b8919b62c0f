"""Moving an experiment from Now to Done asks for its result; undo and redo do not ask."""

from __future__ import annotations

from typing import ClassVar

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from roadmapper.model.enums import Column
from roadmapper.ui.board import result_dialog as dialog_module
from roadmapper.ui.board.result_dialog import ResultDialog, key_result_lines
from roadmapper.ui.main_window import MainWindow


class AnsweringDialog(QObject):
    asked: ClassVar[list[str]] = []

    def __init__(self, snapshot, card, parent) -> None:
        super().__init__()  # deleteLater(), as a dialog has
        self.card = card
        AnsweringDialog.asked.append(card.title)

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted

    def result(self) -> str:
        return "No-shows fell from 11% to 9%; reminders work, keep them."


def test_now_to_done_asks_and_stores_the_result(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    AnsweringDialog.asked = []
    monkeypatch.setattr(dialog_module, "ResultDialog", AnsweringDialog)
    card_id = window.document.column_ids(Column.NOW)[0]
    window.board.select([card_id])
    window.actions_.move_to[Column.DONE].trigger()
    qtbot.waitUntil(lambda: bool(window.document.card(card_id).result))
    stored = window.store.initiatives.get(card_id)
    assert stored.column is Column.DONE and stored.result.startswith("No-shows fell")
    assert len(AnsweringDialog.asked) == 1

    window.actions_.undo.trigger()  # the result
    assert window.document.card(card_id).result == ""
    window.actions_.undo.trigger()  # the move
    assert window.document.card(card_id).column is Column.NOW
    window.actions_.redo.trigger()
    qtbot.wait(20)
    assert len(AnsweringDialog.asked) == 1  # redo does not ask again


def test_moves_between_other_columns_do_not_ask(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    AnsweringDialog.asked = []
    monkeypatch.setattr(dialog_module, "ResultDialog", AnsweringDialog)
    card_id = window.document.column_ids(Column.NEXT)[0]
    window.board.select([card_id])
    window.actions_.move_to[Column.DONE].trigger()
    qtbot.wait(20)
    assert AnsweringDialog.asked == []


def test_dialog_shows_where_the_key_results_stand(window: MainWindow, qtbot) -> None:
    document = window.document
    card = next(
        document.card(i) for i in document.column_ids(Column.NOW) if document.card(i).key_result_ids
    )
    lines = key_result_lines(document.snapshot, card)
    assert lines and "baseline" in lines[0] and "tier" in lines[0]
    dialog = ResultDialog(document.snapshot, card, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edit, "  It <b>worked</b>  ")
    assert dialog.result() == "It <b>worked</b>"
