"""The health strip: four tiles computed from the roadmap, following its edits."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.health import Measure
from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.health_strip import ATTENTION_GLYPH, OK_GLYPH, HealthStrip, figure
from tests.ui.conftest import shown as shown_tip


@pytest.fixture
def strip(editor: Editor, qtbot) -> HealthStrip:
    widget = HealthStrip(editor)
    qtbot.addWidget(widget)
    widget.resize(400, 80)
    widget.show()
    return widget


def expected(snapshot: RoadmapSnapshot, today: dt.date) -> dict[str, tuple[int, int]]:
    """The four measures, counted here the long way round."""
    open_cards = [c for c in snapshot.initiatives if c.column is not Column.DONE]
    outcome_ids = {o.id for o in snapshot.outcomes}
    kr_ids = {k.id for k in snapshot.key_results}
    now = [c for c in snapshot.initiatives if c.column is Column.NOW]
    newest: dict[int, dt.date] = {}
    for c in snapshot.check_ins:
        newest[c.key_result_id] = max(newest.get(c.key_result_id, c.date), c.date)
    krs_of = [[k for k in snapshot.key_results if k.outcome_id == o.id] for o in snapshot.outcomes]
    counts = [len(krs) for krs in krs_of]
    return {
        "linked": (sum(1 for c in open_cards if c.outcome_id in outcome_ids), len(open_cards)),
        "experiments": (
            sum(1 for c in now if set(c.key_result_ids) & kr_ids and c.hypothesis.strip()),
            len(now),
        ),
        "balanced": (sum(1 for n in counts if 2 <= n <= 5), len(counts)),
        "fresh": (
            sum(1 for k in kr_ids if k in newest and (today - newest[k]).days <= 30),
            len(kr_ids),
        ),
    }


def shown(strip: HealthStrip) -> dict[str, str]:
    return {key: tile.figure.text() for key, tile in strip.tiles.items()}


def record_tallies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the cards the strip counts from now on."""
    import roadmapper.ui.panel.health_strip as strip_module

    counted: list[int] = []
    real_tally = strip_module.card_tally
    monkeypatch.setattr(
        strip_module, "card_tally", lambda card, *a: counted.append(card.id) or real_tally(card, *a)
    )
    return counted


def agrees_with_full_count(strip: HealthStrip, document: RoadmapDocument) -> bool:
    """The strip shows what counting every card of the document today gives."""
    want = expected(document.current_snapshot(), dt.date.today())
    return shown(strip) == {key: f"{n}/{total}" for key, (n, total) in want.items()}


def test_sample_health(editor: Editor, strip: HealthStrip) -> None:
    want = expected(editor.document.current_snapshot(), dt.date.today())
    assert want["linked"][0] < want["linked"][1]  # the sample has unlinked work
    assert shown(strip) == {key: f"{n}/{total}" for key, (n, total) in want.items()}
    for key, (n, total) in want.items():
        tile = strip.tiles[key]
        assert tile.glyph.text() == (OK_GLYPH if n == total else ATTENTION_GLYPH)
        assert f"{n} of {total}" in shown_tip(tile.toolTip())
        assert tile.accessibleName() == f"{tile.tile_text.label}: {n} of {total}"
    assert "Link the others" in shown_tip(strip.tiles["linked"].toolTip())


def test_the_strip_follows_an_edit(editor: Editor, strip: HealthStrip, qtbot) -> None:
    doc = editor.document
    card = next(
        doc.card(i)
        for i in doc.column_ids(Column.NOW)
        if doc.card(i).key_result_ids and not doc.card(i).hypothesis.strip()
    )
    n, total = expected(doc.current_snapshot(), dt.date.today())["experiments"]
    hypothesis = "We believe it will cut no-shows"
    assert editor.edit(
        card.id,
        InitiativeFields(
            card.title,
            hypothesis=hypothesis,
            outcome_id=card.outcome_id,
            key_result_ids=card.key_result_ids,
        ),
    )
    qtbot.waitUntil(lambda: strip.tiles["experiments"].figure.text() == f"{n + 1}/{total}")
    editor.undo()
    qtbot.waitUntil(lambda: strip.tiles["experiments"].figure.text() == f"{n}/{total}")


def test_refresh_with_a_given_snapshot(editor: Editor, strip: HealthStrip) -> None:
    snapshot = editor.document.current_snapshot()
    strip.refresh(dataclasses.replace(snapshot, initiatives=()))
    assert strip.tiles["linked"].figure.text() == "—"
    assert strip.tiles["linked"].glyph.text() == ""
    assert "nothing to measure" in shown_tip(strip.tiles["linked"].toolTip())
    assert strip.tiles["linked"].accessibleName() == "Linked to an outcome: nothing to measure"


def test_large_totals_show_as_percentages() -> None:
    assert figure(Measure(4, 6)) == "4/6"
    assert figure(Measure(78, 100)) == "78%"
    assert figure(Measure(0, 0)) == "—"


def test_card_edits_recount_only_their_cards_and_agree_with_a_full_count(
    editor: Editor, strip: HealthStrip, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moves, deletes, undo and redo re-count the cards they touch (never the whole
    roadmap), and the figures stay what counting every card gives."""
    import roadmapper.ui.panel.health_strip as strip_module

    doc = editor.document
    whole: list[int] = []
    real_health = strip_module.health
    monkeypatch.setattr(strip_module, "health", lambda *a: whole.append(1) or real_health(*a))
    counted = record_tallies(monkeypatch)

    def agrees() -> bool:
        return agrees_with_full_count(strip, doc)

    later = doc.column_ids(Column.LATER)[:2]
    now = doc.column_ids(Column.NOW)[0]
    assert editor.move(later, Column.NOW, 0)
    qtbot.waitUntil(agrees)
    assert editor.move([now], Column.DONE, 0)
    qtbot.waitUntil(agrees)
    assert editor.delete([doc.column_ids(Column.NEXT)[0]])
    qtbot.waitUntil(agrees)
    for _ in range(3):
        editor.undo()
        qtbot.waitUntil(agrees)
    editor.redo()
    qtbot.waitUntil(agrees)
    assert whole == []
    assert len(counted) <= 12  # the handful of cards touched, not the roadmap's


def test_a_check_in_counts_no_card_and_a_new_key_result_counts_all(
    editor: Editor, strip: HealthStrip, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import roadmapper.ui.panel.health_strip as strip_module
    from roadmapper.core.records import CheckInFields

    doc = editor.document
    counted: list[int] = []
    real_tally = strip_module.card_tally
    monkeypatch.setattr(
        strip_module, "card_tally", lambda card, *a: counted.append(card.id) or real_tally(card, *a)
    )
    kr = doc.snapshot.key_results[0]
    day = dt.date.today() - dt.timedelta(days=1)
    assert editor.add_check_in(kr.id, CheckInFields(day, 1.0, "", 5))
    qtbot.wait(30)  # the coalesced refresh has run
    assert counted == []
    want = expected(doc.current_snapshot(), dt.date.today())
    assert shown(strip)["fresh"] == "{}/{}".format(*want["fresh"])
    assert editor.delete_key_result(kr.id)  # cards that named it may no longer be ready
    qtbot.wait(30)
    assert len(counted) >= sum(doc.count(c) for c in Column)  # every card counted again
    want = expected(doc.current_snapshot(), dt.date.today())
    assert shown(strip) == {key: f"{n}/{total}" for key, (n, total) in want.items()}
