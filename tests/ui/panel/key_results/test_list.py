"""The compact key result rows: tier reached, meter, names cut at a word, linked vs selected."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from roadmapper.core.records import KeyResultFields
from roadmapper.model.enums import Direction, Indicator
from roadmapper.render.wrap import ELLIPSIS
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.key_results.list_model import (
    KR_ID_ROLE,
    LINKED_ROLE,
    METER_ROLE,
    TAGS_ROLE,
    TIER_TEXT_ROLE,
    KeyResultListModel,
)
from roadmapper.ui.panel.key_results.panel import NO_KEY_RESULTS, NO_OUTCOME, KeyResultPanel
from roadmapper.ui.panel.key_results.rows import (
    BELOW_BASELINE,
    NO_TIERS,
    NO_VALUE,
    name_lines,
    tier_text,
)
from tests.ui.conftest import shown, without_versions

REVENUE, BOOKING = 1, 3  # a business and a product outcome of the sample
SHARE, BOOK_TIME, NO_SHOWS = 7, 8, 9  # BOOKING's key results, in order
# SHARE: increase, baseline 22, now 31, tiers 28 / 34 / 40
# BOOK_TIME: decrease, baseline 140, now 96, tiers 120 / 100 / 80
# NO_SHOWS: decrease, baseline 11, now 11.8, tiers 9.5 / 8, a guardrail

LONG_NAME = (
    "Raise the share of repairs that riders book online through the workshop's own "
    "page instead of calling the front desk during the busiest hours of the week"
)


def stored(editor: Editor) -> tuple:
    return without_versions(editor.document.store.load(editor.document.roadmap_id))


@pytest.fixture
def panel(qtbot, editor: Editor) -> KeyResultPanel:
    widget = KeyResultPanel(editor)
    qtbot.addWidget(widget)
    widget.resize(420, 360)
    widget.set_outcome(BOOKING)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def index_of(panel: KeyResultPanel, kr_id: int):
    return panel.model.index(panel.model.row_of(kr_id))


def test_the_model_is_a_sound_qt_model(qtmodeltester, editor: Editor) -> None:
    model = KeyResultListModel(editor)
    model.set_outcome(BOOKING)
    model.set_linked([SHARE])
    qtmodeltester.check(model, force_py=True)


def test_rows_show_the_tier_reached_and_the_meter(panel: KeyResultPanel) -> None:
    assert panel.model.ids() == [SHARE, BOOK_TIME, NO_SHOWS]
    share, book, no_shows = (index_of(panel, k) for k in (SHARE, BOOK_TIME, NO_SHOWS))
    assert share.data() == "Raise the share of repairs booked online"
    assert share.data(KR_ID_ROLE) == SHARE
    assert share.data(TIER_TEXT_ROLE) == "Tier 1 of 3"
    meter = share.data(METER_ROLE)
    assert meter.known and meter.reached == 1
    assert meter.fraction == pytest.approx((31 - 22) / (40 - 22))
    assert meter.ticks == pytest.approx(((28 - 22) / 18, (34 - 22) / 18, 1.0))
    # A decreasing key result fills the same way: from baseline towards the last tier.
    assert book.data(TIER_TEXT_ROLE) == "Tier 2 of 3"
    assert book.data(METER_ROLE).fraction == pytest.approx((140 - 96) / (140 - 80))
    assert no_shows.data(TIER_TEXT_ROLE) == BELOW_BASELINE
    assert no_shows.data(METER_ROLE).fraction == 0.0
    assert share.data(TAGS_ROLE) == ("lead",)
    assert no_shows.data(TAGS_ROLE) == ("lead", "guardrail")
    tip = shown(book.data(Qt.ItemDataRole.ToolTipRole))
    assert tip.splitlines()[0] == "Cut the time a rider needs to book a repair"
    assert "Tier 2 of 3, 73% of the way" in tip
    assert "Lower is better" in tip


def test_tier_text_without_tiers_value_or_baseline(editor: Editor) -> None:
    kr = editor.document.snapshot.key_result_by_id[SHARE]
    assert tier_text(dataclasses.replace(kr, tiers=())) == NO_TIERS
    assert tier_text(dataclasses.replace(kr, current=None)) == NO_VALUE
    assert tier_text(dataclasses.replace(kr, current=20.0)) == BELOW_BASELINE
    assert tier_text(dataclasses.replace(kr, current=25.0)) == "Tier 0 of 3"
    assert tier_text(dataclasses.replace(kr, current=45.0)) == "Tier 3 of 3"
    assert tier_text(dataclasses.replace(kr, baseline=None, current=20.0)) == "Tier 0 of 3"


def test_a_long_name_is_cut_at_a_word_on_two_lines_and_whole_in_the_tooltip(
    editor: Editor, panel: KeyResultPanel
) -> None:
    font = QFont(panel.list.font())
    width = panel.list.delegate.name_width(420, font)
    lines = name_lines(LONG_NAME, font, width)
    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    # Cut between words: every word shown is a whole word of the name, in order.
    shown_words = " ".join(lines)[: -len(ELLIPSIS)].split()
    assert shown_words == LONG_NAME.split()[: len(shown_words)]
    assert len(shown_words) < len(LONG_NAME.split())
    assert name_lines("Short name", font, width) == ["Short name"]

    kr = editor.document.snapshot.key_result_by_id[SHARE]
    editor.edit_key_result(SHARE, dataclasses.replace(KeyResultFields.of(kr), name=LONG_NAME))
    index = index_of(panel, SHARE)
    assert shown(index.data(Qt.ItemDataRole.ToolTipRole)).splitlines()[0] == LONG_NAME
    row = panel.model.row_data(index.row())
    painted = panel.list.delegate.lines(row, font, width)
    assert painted == lines


def test_linked_rows_are_marked_not_selected(qtbot, panel: KeyResultPanel) -> None:
    with qtbot.assertNotEmitted(panel.key_result_selected):
        panel.set_linked([BOOK_TIME, NO_SHOWS])
    assert panel.linked_key_result_ids() == [BOOK_TIME, NO_SHOWS]
    assert panel.selected_key_result_ids() == []  # linked is not selected
    assert index_of(panel, BOOK_TIME).data(LINKED_ROLE) is True
    assert index_of(panel, SHARE).data(LINKED_ROLE) is False
    assert "linked" in index_of(panel, BOOK_TIME).data(TAGS_ROLE)
    panel.select_key_results([SHARE])
    assert panel.selected_key_result_ids() == [SHARE]
    assert panel.linked_key_result_ids() == [BOOK_TIME, NO_SHOWS]  # both states at once
    panel.set_outcome(REVENUE)  # another outcome: nothing of the card's is shown as linked
    panel.set_outcome(BOOKING)
    assert panel.linked_key_result_ids() == []


def test_keys_move_edit_and_delete(qtbot, editor: Editor, panel: KeyResultPanel) -> None:
    start = stored(editor)
    view = panel.list
    view.setFocus()
    panel.select_key_results([SHARE])
    with qtbot.waitSignal(panel.key_result_selected) as moved:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert moved.args == [BOOK_TIME]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text() == "Cut the time a rider needs to book a repair"
    dialog.reject()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert panel.model.ids() == [SHARE, NO_SHOWS]
    editor.undo()
    assert stored(editor) == start


def test_add_selects_the_new_key_result_and_shows_it(
    qtbot, editor: Editor, panel: KeyResultPanel
) -> None:
    start = stored(editor)
    with qtbot.waitSignal(panel.key_result_selected) as chosen:
        new_id = panel.add_key_result()
    assert new_id is not None and chosen.args == [new_id]
    assert panel.model.ids()[-1] == new_id
    assert panel.selected_key_result_ids() == [new_id]
    assert panel.list.current_key_result_id() == new_id
    editor.undo()
    assert stored(editor) == start

    panel.set_outcome(REVENUE)  # a business outcome: its new key results are lagging
    fields = panel.new_fields()
    assert fields is not None and fields.indicator is Indicator.LAGGING


def test_add_dialog_creates_through_the_editor(
    qtbot, editor: Editor, panel: KeyResultPanel
) -> None:
    start = stored(editor)
    panel.add_button.click()
    dialog = panel.dialog
    assert dialog is not None and dialog.windowTitle() == "Add key result"
    assert dialog.name.text() == ""  # nothing to delete before typing
    qtbot.keyClicks(dialog.name, "Raise repeat bookings")
    dialog.direction.setCurrentIndex(dialog.direction.findData(Direction.INCREASE.value))
    qtbot.keyClicks(dialog.tiers[0], "10")
    qtbot.keyClicks(dialog.tiers[1], "20")
    with qtbot.waitSignal(panel.key_result_selected) as chosen:
        dialog.accept()
    new_id = chosen.args[0]
    kr = editor.document.snapshot.key_result_by_id[new_id]
    assert (kr.name, kr.tiers, kr.outcome_id) == ("Raise repeat bookings", (10.0, 20.0), BOOKING)
    assert panel.selected_key_result_ids() == [new_id]
    assert editor.undo_stack.count() == 1
    editor.undo()
    assert stored(editor) == start


def test_delete_selected_is_one_undo_step(editor: Editor, panel: KeyResultPanel) -> None:
    start = stored(editor)
    assert not panel.delete_selected()
    panel.select_key_results([SHARE, NO_SHOWS])
    assert panel.delete_selected()
    assert panel.model.ids() == [BOOK_TIME]
    editor.undo()
    assert stored(editor) == start


def test_the_selection_survives_an_edit_and_a_reset(editor: Editor, panel: KeyResultPanel) -> None:
    panel.select_key_results([NO_SHOWS])
    kr = editor.document.snapshot.key_result_by_id[SHARE]
    editor.edit_key_result(SHARE, dataclasses.replace(KeyResultFields.of(kr), name="Online"))
    assert panel.selected_key_result_ids() == [NO_SHOWS]
    editor.delete_key_result(SHARE)  # rows change: the model resets
    assert panel.selected_key_result_ids() == [NO_SHOWS]
    editor.undo()
    assert panel.selected_key_result_ids() == [NO_SHOWS]


def test_header_and_empty_states(qtbot, editor: Editor, panel: KeyResultPanel) -> None:
    assert panel.header.text() == (
        "We will make online booking the way riders book a repair as measured by:"
    )
    panel.set_outcome(None)
    assert panel.header.text() == NO_OUTCOME
    assert panel.model.rowCount() == 0 and not panel.add_button.isVisible()
    panel.set_outcome(BOOKING)
    editor.delete_key_results([SHARE, BOOK_TIME, NO_SHOWS])
    assert panel.empty.isVisible() and panel.empty.text() == NO_KEY_RESULTS
    assert not panel.list.isVisible()


def test_a_cut_header_shows_the_whole_objective_on_hover(
    qtbot, editor: Editor, panel: KeyResultPanel
) -> None:
    header = panel.header
    header.resize(120, header.height())
    assert header.is_cut()
    assert len(header.lines()) == 2 and header.lines()[-1].endswith(ELLIPSIS)
    assert shown(header.toolTip()) == header.text()
    header.resize(2000, header.height())
    assert not header.is_cut() and header.toolTip() == ""
