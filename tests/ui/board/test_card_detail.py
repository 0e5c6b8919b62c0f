"""The card detail view: one initiative read-only, following the document, closed by keys."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from roadmapper.core import okr
from roadmapper.core.card_content import NO_HYPOTHESIS, NO_KEY_RESULT, NO_OUTCOME, NO_RESULT
from roadmapper.core.entities import Initiative, KeyResult
from roadmapper.core.records import InitiativeFields, KeyResultFields
from roadmapper.model.enums import Column, Direction, Indicator, Level
from roadmapper.ui.board import card_detail_parts as parts
from roadmapper.ui.board.card_detail import MAX_HEIGHT, CardDetail, show_card_detail
from roadmapper.ui.editing.editor import Editor


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


@pytest.fixture
def edits() -> list[int]:
    return []


def linked_card(editor: Editor, column: Column) -> Initiative:
    """The first card of ``column`` with an outcome and a key result."""
    document = editor.document
    cards = [document.card(i) for i in document.column_ids(column)]
    return next(c for c in cards if c.outcome_id is not None and c.key_result_ids)


def open_detail(parent: QWidget, editor: Editor, card_id: int, edits: list[int]) -> CardDetail:
    dialog = show_card_detail(parent, editor, card_id, edits.append)
    assert isinstance(dialog, CardDetail)
    return dialog


def texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.text()]


def label(dialog: QDialog, name: str) -> QLabel:
    found = dialog.findChild(QLabel, name)
    assert isinstance(found, QLabel), name
    return found


def test_shows_the_whole_card_read_only(parent, editor: Editor, edits) -> None:
    card = linked_card(editor, Column.NOW)
    snapshot = editor.document.snapshot
    dialog = open_detail(parent, editor, card.id, edits)
    assert dialog.isVisible() and not dialog.isModal()
    shown = texts(dialog)
    outcome = snapshot.outcome_of(card)
    assert outcome is not None and outcome.level is Level.PRODUCT
    business = snapshot.outcome_by_id[snapshot.tree_parent_id(outcome)]
    position = editor.document.column_ids(Column.NOW).index(card.id) + 1
    count = editor.document.count(Column.NOW)
    assert label(dialog, "detail-title").text() == card.title
    assert f"Now · priority {position} of {count}" in shown
    assert outcome.objective in shown and f"Drives: {business.objective}" in shown
    assert label(dialog, "detail-hypothesis").text() == card.hypothesis
    for kr_id in card.key_result_ids:
        kr = snapshot.key_result_by_id[kr_id]
        block = dialog.findChild(QWidget, f"detail-kr-{kr.id}")
        inside = [lab.text() for lab in block.findChildren(QLabel)]
        score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
        assert kr.name in inside
        assert any(
            t.startswith(f"Tier {score.tiers_reached} of {score.tier_count}") for t in inside
        )
        assert parts.values_line(kr) in inside and parts.targets_line(kr) in inside
    # Read-only: nothing to type into; every text plain, wrapped and selectable.
    assert not dialog.findChildren(QLineEdit) + dialog.findChildren(QTextEdit)
    assert not dialog.findChildren(QPlainTextEdit)
    for lab in dialog.scroll_area.widget().findChildren(QLabel):
        if lab.text():
            assert lab.textFormat() == Qt.TextFormat.PlainText and lab.wordWrap()
            assert lab.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.width() <= 560 and dialog.height() <= MAX_HEIGHT


def test_a_done_card_shows_its_result_and_an_unlinked_card_says_what_is_missing(
    parent, editor: Editor, edits
) -> None:
    done = linked_card(editor, Column.DONE)
    dialog = open_detail(parent, editor, done.id, edits)
    assert done.result and label(dialog, "detail-result").text() == done.result
    assert texts(dialog)[1] == "Done"

    bare = editor.create(InitiativeFields("Try a loyalty stamp card"), Column.NOW)
    assert bare is not None
    again = open_detail(parent, editor, bare, edits)
    assert again is dialog  # one quick look per window, reused
    shown = texts(dialog)
    assert label(dialog, "detail-title").text() == "Try a loyalty stamp card"
    assert NO_OUTCOME in shown and NO_HYPOTHESIS in shown and NO_KEY_RESULT in shown
    assert parts.NO_DESCRIPTION in shown and NO_RESULT not in shown
    assert dialog.findChild(QLabel, "detail-result") is None  # not a Done card


def test_user_text_is_plain(parent, editor: Editor, edits) -> None:
    card = linked_card(editor, Column.NOW)
    tricky = "<b>Q4</b> & <i>bets</i>"
    fields = dataclasses.replace(InitiativeFields.of(card), title=tricky, description=tricky)
    assert editor.edit(card.id, fields)
    dialog = open_detail(parent, editor, card.id, edits)
    title = label(dialog, "detail-title")
    assert title.text() == tricky and title.textFormat() == Qt.TextFormat.PlainText
    assert label(dialog, "detail-description").text() == tricky


def test_escape_and_space_close_return_edits(parent, editor: Editor, edits, qtbot) -> None:
    card = linked_card(editor, Column.NOW)
    dialog = open_detail(parent, editor, card.id, edits)
    assert dialog.scroll_area.hasFocus() or dialog.focusWidget() is dialog.scroll_area
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and edits == []

    open_detail(parent, editor, card.id, edits)
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Space)
    assert not dialog.isVisible() and edits == []

    open_detail(parent, editor, card.id, edits)
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Return)
    assert not dialog.isVisible() and edits == [card.id]


def test_space_presses_the_focused_button(parent, editor: Editor, edits, qtbot) -> None:
    card = linked_card(editor, Column.NOW)
    dialog = open_detail(parent, editor, card.id, edits)
    dialog.edit_button.setFocus()
    qtbot.keyClick(dialog.edit_button, Qt.Key.Key_Space)
    assert edits == [card.id] and not dialog.isVisible()


def test_edit_closes_first_then_calls_back(parent, editor: Editor, qtbot) -> None:
    card = linked_card(editor, Column.LATER)
    seen: list[tuple[int, bool]] = []
    dialog = show_card_detail(
        parent, editor, card.id, lambda i: seen.append((i, dialog.isVisible()))
    )
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert seen == [(card.id, False)]


def test_follows_the_document(parent, editor: Editor, edits) -> None:
    card = linked_card(editor, Column.NOW)
    dialog = open_detail(parent, editor, card.id, edits)
    fields = dataclasses.replace(InitiativeFields.of(card), title="Reminder by text, renamed")
    assert editor.edit(card.id, fields)
    assert label(dialog, "detail-title").text() == "Reminder by text, renamed"
    assert dialog.windowTitle() == "Reminder by text, renamed"

    kr = editor.document.snapshot.key_result_by_id[card.key_result_ids[0]]
    assert kr.tiers
    ultimate = dataclasses.replace(KeyResultFields.of(kr), current=kr.tiers[-1])
    assert editor.edit_key_result(kr.id, ultimate)
    block = dialog.findChild(QWidget, f"detail-kr-{kr.id}")
    n = len(kr.tiers)
    assert f"Tier {n} of {n} · 100% of the way" in [
        lab.text() for lab in block.findChildren(QLabel)
    ]

    assert editor.move([card.id], Column.NEXT, 0)
    assert f"Next · priority 1 of {editor.document.count(Column.NEXT)}" in texts(dialog)
    assert dialog.findChild(QLabel, "detail-hypothesis") is not None  # it still has one

    assert editor.delete([card.id])
    assert not dialog.isVisible()
    editor.undo()  # back on the board, but the quick look stays shut
    assert not dialog.isVisible()


def test_another_roadmap_closes_it(parent, editor: Editor, edits) -> None:
    dialog = open_detail(parent, editor, linked_card(editor, Column.NOW).id, edits)
    editor.document.load(editor.document.roadmap_id)
    assert not dialog.isVisible()


def test_a_missing_card_is_not_shown(parent, editor: Editor, edits) -> None:
    dialog = open_detail(parent, editor, 987654, edits)
    assert not dialog.isVisible()


def test_long_text_scrolls_inside_and_is_never_cut(parent, editor: Editor, edits, qtbot) -> None:
    card = linked_card(editor, Column.NOW)
    words = " ".join(f"word{n}" for n in range(900))
    fields = dataclasses.replace(InitiativeFields.of(card), description=words)
    assert editor.edit(card.id, fields)
    dialog = open_detail(parent, editor, card.id, edits)
    qtbot.waitExposed(dialog)
    assert dialog.height() <= MAX_HEIGHT and dialog.width() <= 560
    description = label(dialog, "detail-description")
    assert description.text() == words and description.wordWrap()
    viewport = dialog.scroll_area.viewport()
    qtbot.waitUntil(lambda: dialog.scroll_area.verticalScrollBar().maximum() > 0)
    assert description.width() <= viewport.width()
    assert description.height() >= description.heightForWidth(description.width())
    assert dialog.scroll_area.horizontalScrollBar().maximum() == 0


def test_every_focusable_widget_has_a_name(parent, editor: Editor, edits) -> None:
    dialog = open_detail(parent, editor, linked_card(editor, Column.DONE).id, edits)
    focusable = [
        w
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(dialog)
    ]
    assert dialog.scroll_area in focusable and dialog.edit_button in focusable
    for widget in focusable:
        assert widget.accessibleName(), widget
    buttons = {b.accessibleName() for b in dialog.findChildren(QAbstractButton)}
    assert {"Edit initiative", "Close"} <= buttons
    assert label(dialog, "detail-title").focusPolicy() != Qt.FocusPolicy.NoFocus  # copy by keys


def test_read_only_cannot_edit(
    parent, editor: Editor, edits, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Editor, "read_only", property(lambda _self: True))
    dialog = open_detail(parent, editor, linked_card(editor, Column.NOW).id, edits)
    assert not dialog.edit_button.isEnabled()
    qtbot.keyClick(dialog.scroll_area, Qt.Key.Key_Return)
    assert edits == []


def kr(**changes: object) -> KeyResult:
    base = KeyResult(1, 1, "Visits a week", Direction.INCREASE, Indicator.LEADING, "visits")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_the_sentences() -> None:
    full = kr(baseline=120, current=135, tiers=(130, 140, 150))
    assert parts.values_line(full) == "Baseline 120 visits → now 135 visits"
    assert parts.targets_line(full) == "↑ Increase to 130 / 140 / 150 visits"
    assert parts.tier_text(full) == "Tier 1 of 3 · 50% of the way"
    share = kr(direction=Direction.DECREASE, unit="%", baseline=11, tiers=(9.5, 8))
    assert parts.values_line(share) == "Baseline 11% → now not set"
    assert parts.targets_line(share) == "↓ Decrease to 9.5 / 8%"
    assert parts.targets_line(kr()) == "↑ Increase; no target tiers yet"
    card = Initiative(7, 1, "A", Column.LATER, "a0")
    assert parts.place_text(card, 2, 5) == "Later · priority 3 of 5"
    assert parts.last_changed_text(card) == ""

    @dataclasses.dataclass(frozen=True)
    class Stamped:
        updated_at: dt.datetime

    stamped = Stamped(dt.datetime(2026, 11, 22, 9, 30))
    assert parts.last_changed_text(stamped) == "Last changed 22 November 2026"  # type: ignore[arg-type]
