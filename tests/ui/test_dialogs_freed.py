"""A dialog opened for one edit is gone once the edit is done, accepted or cancelled.

Each is made with the window (or the panel) as its parent; kept, every edit of a
day's work would leave one behind, holding the roadmap it was shown with.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QWidget

from roadmapper.model.enums import Column
from roadmapper.ui.board.initiative_dialog import InitiativeDialog
from roadmapper.ui.board.result_dialog import ResultDialog
from roadmapper.ui.main_window import MainWindow
from roadmapper.ui.panel.outcomes.dialog import OutcomeDialog


def answer(monkeypatch: pytest.MonkeyPatch, kind: type[QDialog], code: QDialog.DialogCode) -> list:
    shown: list[QDialog] = []

    def exec_(dialog: QDialog) -> int:
        shown.append(dialog)
        if isinstance(dialog, InitiativeDialog):
            dialog._title_edit.setText("Checked for leaks")
        elif isinstance(dialog, OutcomeDialog):
            dialog.objective_edit.setText("Shops reorder parts in the app")
        return code.value

    monkeypatch.setattr(kind, "exec", exec_)
    return shown


def left_over(parent: QWidget, kind: type[QDialog]) -> list[QDialog]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    return parent.findChildren(kind)


@pytest.mark.parametrize("code", [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])
def test_the_initiative_dialog_is_deleted_after_each_edit(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, code: QDialog.DialogCode
) -> None:
    shown = answer(monkeypatch, InitiativeDialog, code)
    card = window.document.column_ids(Column.NEXT)[0]
    for _ in range(3):
        window.actions_.edit_initiative(card)
    window.actions_.new_initiative()
    assert len(shown) == 4
    assert left_over(window, InitiativeDialog) == []


def test_the_result_dialog_is_deleted_after_it_is_answered(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = answer(monkeypatch, ResultDialog, QDialog.DialogCode.Rejected)
    now = [i for i in window.document.column_ids(Column.NOW) if not window.document.card(i).result]
    window.actions_.ask_results(now[:2])
    assert len(shown) == 2
    assert left_over(window, ResultDialog) == []


@pytest.mark.parametrize("code", [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])
def test_the_outcome_dialog_is_deleted_after_each_use(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, code: QDialog.DialogCode
) -> None:
    shown = answer(monkeypatch, OutcomeDialog, code)
    tree = window.panel.tree
    tree.select_outcome(window.document.snapshot.outcomes[0].id)
    tree.edit_selected()
    tree.add_business_outcome()
    assert len(shown) == 2
    assert left_over(window, OutcomeDialog) == []
