"""Health tiles are buttons: each lists what keeps it from full, one click from its place."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.health import health
from roadmapper.model.enums import Column
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.health_list import MAX_WIDTH, HealthList
from roadmapper.ui.panel.health_strip import HealthStrip
from tests.ui.conftest import shown as shown_tip
from tests.ui.test_accessibility import assert_named

KEYS = ("linked", "experiments", "balanced", "fresh")
SUBJECT = {"linked": "card", "experiments": "card", "balanced": "outcome", "fresh": "key_result"}


@pytest.fixture
def strip(editor: Editor, qtbot) -> Iterator[HealthStrip]:
    widget = HealthStrip(editor)
    qtbot.addWidget(widget)
    widget.resize(420, 80)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.list_popup.close()


def long_way(snapshot: RoadmapSnapshot, today: dt.date) -> dict[str, set[int]]:
    """The ids each tile counts against, worked out here without the app's code."""
    outcome_ids = {o.id for o in snapshot.outcomes}
    kr_ids = {k.id for k in snapshot.key_results}
    newest: dict[int, dt.date] = {}
    for c in snapshot.check_ins:
        newest[c.key_result_id] = max(newest.get(c.key_result_id, c.date), c.date)
    return {
        "linked": {
            c.id
            for c in snapshot.initiatives
            if c.column is not Column.DONE and c.outcome_id not in outcome_ids
        },
        "experiments": {
            c.id
            for c in snapshot.initiatives
            if c.column is Column.NOW
            and not (set(c.key_result_ids) & kr_ids and c.hypothesis.strip())
        },
        "balanced": {
            o.id
            for o in snapshot.outcomes
            if not 2 <= sum(1 for k in snapshot.key_results if k.outcome_id == o.id) <= 5
        },
        "fresh": {k for k in kr_ids if k not in newest or (today - newest[k]).days > 30},
    }


def unbalanced(snapshot: RoadmapSnapshot) -> RoadmapSnapshot:
    """The sample with one outcome left with a single key result."""
    outcome = snapshot.outcomes[0]
    mine = [k for k in snapshot.key_results if k.outcome_id == outcome.id]
    keep = tuple(k for k in snapshot.key_results if k.outcome_id != outcome.id or k is mine[0])
    return dataclasses.replace(snapshot, key_results=keep)


def open_by_click(strip: HealthStrip, key: str, qtbot) -> HealthList:
    qtbot.mouseClick(strip.tiles[key], Qt.MouseButton.LeftButton)
    popup = strip.list_popup
    assert popup.isVisible() and popup.key == key
    return popup


def test_every_tile_is_a_named_focusable_button(strip: HealthStrip, qtbot) -> None:
    for key, tile in strip.tiles.items():
        assert isinstance(tile, QAbstractButton)
        assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert tile.cursor().shape() == Qt.CursorShape.PointingHandCursor
        m = tile.measure
        assert tile.accessibleName() == f"{tile.tile_text.label}: {m.count} of {m.total}"
        assert shown_tip(tile.toolTip()).startswith(tile.tile_text.measures)
        assert key in tile.objectName()


@pytest.mark.parametrize("days_later", [0, 60])
def test_each_tile_lists_exactly_its_offenders(
    editor: Editor, strip: HealthStrip, qtbot, days_later: int
) -> None:
    today = dt.date.today() + dt.timedelta(days=days_later)
    strip.today = lambda: today
    snapshot = unbalanced(editor.document.current_snapshot())
    strip.refresh(snapshot)
    core = health(snapshot, today)
    want = long_way(snapshot, today)
    assert all(want[k] for k in ("linked", "experiments", "balanced"))
    assert bool(want["fresh"]) == (days_later > 30)
    for key in KEYS:
        popup = open_by_click(strip, key, qtbot)
        entries = popup.entries()
        measure = getattr(core, key)
        assert len(entries) == measure.total - measure.count
        assert {i for _, i, _ in entries} == want[key]
        assert {s for s, _, _ in entries} <= {SUBJECT[key]}
        assert popup.list.isVisible() == bool(entries)
        popup.close()


def test_choosing_a_card_emits_card_requested(editor: Editor, strip: HealthStrip, qtbot) -> None:
    popup = open_by_click(strip, "linked", qtbot)
    _, (_, second, _) = popup.entries()[:2]
    target = popup.list.visualRect(popup.list.model().index(1, 0)).center()
    with qtbot.waitSignal(strip.card_requested) as chosen:
        qtbot.mouseClick(popup.list.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert chosen.args == [second]
    assert not popup.isVisible()
    assert editor.document.card(second).outcome_id is None


def test_the_keyboard_opens_a_tile_and_chooses_an_entry(strip: HealthStrip, qtbot) -> None:
    tile = strip.tiles["experiments"]
    qtbot.keyClick(tile, Qt.Key.Key_Space)
    popup = strip.list_popup
    assert popup.isVisible() and popup.key == "experiments"
    ids = [i for _, i, _ in popup.entries()]
    assert len(ids) >= 2
    qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(strip.card_requested) as chosen:
        qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert chosen.args == [ids[1]]
    assert not popup.isVisible()
    qtbot.keyClick(tile, Qt.Key.Key_Return)  # Enter opens it too
    assert popup.isVisible()
    qtbot.keyClick(popup.list, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_choosing_a_key_result_or_an_outcome(editor: Editor, strip: HealthStrip, qtbot) -> None:
    later = dt.date.today() + dt.timedelta(days=60)
    strip.today = lambda: later
    snapshot = unbalanced(editor.document.current_snapshot())
    strip.refresh(snapshot)
    popup = open_by_click(strip, "fresh", qtbot)
    subject, kr_id, name = popup.entries()[0]
    assert subject == "key_result"
    kr = snapshot.key_result_by_id[kr_id]
    assert name == kr.name
    outcome = snapshot.outcome_by_id[kr.outcome_id]
    detail = shown_tip(popup.list.item(0).toolTip())
    assert detail.startswith(f"{kr.name}\n") and outcome.objective in detail  # with its outcome
    with qtbot.waitSignal(strip.key_result_requested) as chosen:
        qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert chosen.args == [kr_id]
    popup = open_by_click(strip, "balanced", qtbot)
    (_, outcome_id, objective), *_ = popup.entries()
    assert objective == snapshot.outcome_by_id[outcome_id].objective
    with qtbot.waitSignal(strip.outcome_requested) as chosen:
        qtbot.keyClick(popup.list, Qt.Key.Key_Space)
    assert chosen.args == [outcome_id]


def test_a_tile_with_nothing_to_fix_opens_and_says_so(editor: Editor, strip: HealthStrip, qtbot):
    assert strip.tiles["balanced"].measure.complete
    popup = open_by_click(strip, "balanced", qtbot)
    assert popup.entries() == []
    assert not popup.list.isVisible()
    assert popup.headline.text() == "Every outcome is measured by two to five key results."
    popup.close()
    empty = dataclasses.replace(editor.document.current_snapshot(), outcomes=(), key_results=())
    strip.refresh(empty)
    popup = open_by_click(strip, "fresh", qtbot)
    assert popup.headline.text() == "No key results yet, so there is nothing to measure."


def test_the_list_fits_the_dock_and_shows_whole_titles(
    editor: Editor, strip: HealthStrip, qtbot
) -> None:
    snapshot = editor.document.current_snapshot()
    long_title = "Let riders " + "compare every repair quote side by side, " * 8 + "then book"
    first_unlinked = next(c for c in snapshot.initiatives if c.outcome_id is None)
    cards = tuple(
        dataclasses.replace(c, title=long_title) if c.id == first_unlinked.id else c
        for c in snapshot.initiatives
    )
    strip.refresh(dataclasses.replace(snapshot, initiatives=cards))
    popup = open_by_click(strip, "linked", qtbot)
    assert popup.width() <= MAX_WIDTH <= strip.width()
    rows = [popup.list.visualRect(popup.list.model().index(r, 0)) for r in range(2)]
    assert all(r.right() < popup.list.viewport().width() for r in rows)
    assert rows[0].height() > 2 * rows[1].height()  # wrapped over several lines, not cut
    item = popup.list.item(0)
    assert item.text() == long_title
    assert shown_tip(item.toolTip()).startswith(long_title + "\n")
    assert long_title in item.data(Qt.ItemDataRole.AccessibleTextRole)


def test_a_pressed_tile_looks_pressed(strip: HealthStrip) -> None:
    tile = strip.tiles["linked"]
    rest = tile.grab().toImage()
    tile.setDown(True)
    pressed = tile.grab().toImage()
    tile.setDown(False)
    assert pressed != rest
    assert tile.grab().toImage() == rest


def test_a_screen_reader_can_name_everything_in_the_list(strip: HealthStrip, qtbot) -> None:
    popup = open_by_click(strip, "linked", qtbot)
    assert_named(popup, "the health list")
    assert popup.list.accessibleName() == "Linked to an outcome: what needs attention"
    for row in range(popup.list.count()):
        item = popup.list.item(row)
        assert item.data(Qt.ItemDataRole.AccessibleTextRole).startswith(item.text())


def test_offenders_are_worked_out_only_when_a_list_opens(
    editor: Editor, strip: HealthStrip, qtbot, monkeypatch
) -> None:
    from roadmapper.ui.panel import health_strip

    calls: list[int] = []
    real = health_strip.offenders
    monkeypatch.setattr(health_strip, "offenders", lambda *args: calls.append(1) or real(*args))
    for _ in range(3):  # changes with no list open: the tiles follow, nothing is listed
        strip.refresh(editor.document.current_snapshot())
    assert calls == []
    open_by_click(strip, next(iter(strip.tiles)), qtbot)
    open_by_click(strip, next(iter(strip.tiles)), qtbot)
    assert calls == [1]  # once per change, however often a list opens
