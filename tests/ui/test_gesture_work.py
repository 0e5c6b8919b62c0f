"""What a move makes the window do: only the work for what changed (not timed).

A move must not lint the whole roadmap, re-measure its health from every card, or
reset the key-result list: at 10,000 cards each of those alone is a dropped frame.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

import roadmapper.core.lint as lint_module
import roadmapper.ui.panel.health_strip as strip_module
from roadmapper.model.enums import Column
from roadmapper.ui.main_window import MainWindow


@pytest.fixture
def spied(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """The window with a card selected and the panel following it, then spies on the
    whole-roadmap work: full lint, full health, key-result list resets."""
    doc = window.document
    card_id = next(i for i in doc.column_ids(Column.NEXT) if doc.card(i).outcome_id is not None)
    window.board.select([card_id])
    qtbot.waitUntil(lambda: window.panel.why.card_id == card_id)
    qtbot.wait(20)
    calls: dict[str, list] = {"lint": [], "health": [], "reset": [], "scoped": []}
    real_lint, real_scoped = lint_module.lint, lint_module.lint_initiatives
    monkeypatch.setattr(
        lint_module, "lint", lambda *a, **k: calls["lint"].append(1) or real_lint(*a, **k)
    )
    monkeypatch.setattr(
        lint_module,
        "lint_initiatives",
        lambda s, cards, *a, **k: (
            calls["scoped"].append([c.id for c in cards]) or real_scoped(s, cards, *a, **k)
        ),
    )
    real_health = strip_module.health
    monkeypatch.setattr(
        strip_module, "health", lambda *a: calls["health"].append(1) or real_health(*a)
    )
    model = window.panel.key_results.model
    model.modelAboutToBeReset.connect(lambda: calls["reset"].append(1))
    calls["card"] = [card_id]
    return calls


def test_moves_redo_only_what_they_changed(
    window: MainWindow, spied: dict[str, list], qtbot
) -> None:
    card_id = spied["card"][0]
    doc, board = window.document, window.board
    window.actions_.down.trigger()  # Ctrl+Down
    window.actions_.right.trigger()  # Ctrl+Right: to Later
    qtbot.waitUntil(lambda: doc.card(card_id).column is Column.LATER)
    # A drop onto Now, through the model as a drag ends.
    source = board.views[Column.LATER]
    index = source.selectedIndexes()[0]
    mime = board.models[Column.LATER].mimeData([index])
    board.models[Column.NOW].dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: doc.card(card_id).column is Column.NOW)
    window.editor.undo()
    qtbot.waitUntil(lambda: doc.card(card_id).column is Column.LATER)
    qtbot.wait(50)  # every coalesced refresh has run
    assert spied["lint"] == []
    assert spied["health"] == []
    assert spied["reset"] == []
    assert spied["scoped"] and all(ids == [card_id] for ids in spied["scoped"])
    # ...and what the panel shows is still right: the card's findings as a full lint has them.
    full = [
        f.code
        for f in lint_module.lint(doc.current_snapshot(), today=window.panel.coaching.today())
        if (f.subject_kind, f.subject_id) == ("initiative", card_id)
    ]
    assert [f.code for f in window.panel.coaching.findings()] == full
    tiles = window.panel.health.tiles
    snapshot_health = strip_module.health(doc.current_snapshot(), window.panel.health.today())
    assert tiles["linked"].measure == snapshot_health.linked
    assert tiles["experiments"].measure == snapshot_health.experiments
