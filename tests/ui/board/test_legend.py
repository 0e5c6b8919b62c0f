"""The legend and the highlight: every outcome in tree order, a business outcome lights its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column, Level
from roadmapper.ui.board.column_model import OUTCOME_ROLE
from roadmapper.ui.board.legend import MAX_ROWS, OutcomeLegend, flow
from roadmapper.ui.main_window import MainWindow
from tests.ui.conftest import shown


def bright_cards(window: MainWindow) -> set[int]:
    """The cards the highlight leaves at full strength."""
    board = window.board
    return {
        card_id
        for column in Column
        for row, card_id in enumerate(board.models[column].ids())
        if not board.highlight.dims(board.models[column].index(row).data(OUTCOME_ROLE))
    }


def record_new_chips(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The legend chips made from now on."""
    from roadmapper.ui.board import legend_chip

    made: list[object] = []
    real_init = legend_chip.LegendChip.__init__
    monkeypatch.setattr(
        legend_chip.LegendChip,
        "__init__",
        lambda chip, *a, **k: made.append(chip) or real_init(chip, *a, **k),
    )
    return made


def test_every_outcome_in_tree_order_cards_or_not(window: MainWindow) -> None:
    snapshot = window.document.snapshot
    legend = window.board.legend
    assert list(legend.buttons()) == [o.id for o, _depth in snapshot.outcome_tree]
    linked = {c.outcome_id for c in window.document.all_cards()}
    assert any(o.level is Level.BUSINESS and o.id not in linked for o in snapshot.outcomes)
    for outcome, _depth in snapshot.outcome_tree:
        chip = legend.buttons()[outcome.id]
        assert chip.accessibleName() == outcome.objective
        assert chip.business == (outcome.level is Level.BUSINESS)
        assert shown(chip.toolTip()).startswith(outcome.objective)
        assert chip.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_a_business_outcome_highlights_the_cards_of_its_product_outcomes(
    window: MainWindow,
) -> None:
    snapshot = window.document.snapshot
    cards = list(window.document.all_cards())
    shown_ids = {i for c in Column if c is not Column.DONE for i in window.board.models[c].ids()}
    for business in (o for o in snapshot.outcomes if o.level is Level.BUSINESS):
        drivers = {o.id for o in snapshot.outcome_children(business.id)} | {business.id}
        window.board.legend.buttons()[business.id].click()
        expected = {c.id for c in cards if c.outcome_id in drivers}
        assert bright_cards(window) == expected
        assert expected & shown_ids  # each business outcome of the sample has cards below it
        assert window.board.legend.buttons()[business.id].isChecked()
        assert not window.board.legend.all_button.isChecked()


def test_all_outcomes_is_active_when_nothing_is_highlighted(window: MainWindow) -> None:
    legend = window.board.legend
    assert legend.all_button.isChecked() and legend.current() is None
    chip = next(iter(legend.buttons().values()))
    chip.click()
    assert [b.isChecked() for b in legend.buttons().values()].count(True) == 1
    legend.all_button.click()
    assert legend.all_button.isChecked() and not window.board.highlight.active
    assert not any(b.isChecked() for b in legend.buttons().values())


def test_a_picked_card_stands_out_even_when_faded(window: MainWindow, qtbot) -> None:
    board = window.board
    product = next(o for o in window.document.snapshot.outcomes if o.level is Level.PRODUCT)
    board.legend.buttons()[product.id].click()
    view = board.views[Column.NOW]
    row = next(
        r
        for r, i in enumerate(view.column_model().ids())
        if window.document.card(i).outcome_id != product.id
    )
    board.select([view.column_model().ids()[row]])
    painted = []
    original = view.card_delegate.painter.paint
    view.card_delegate.painter.paint = lambda p, r, card, state: (  # type: ignore[method-assign]
        painted.append((card.title, state)),
        original(p, r, card, state),
    )
    from PySide6.QtGui import QPixmapCache

    QPixmapCache.clear()
    view.viewport().repaint()
    states = dict(painted)
    title = window.document.card(view.column_model().ids()[row]).title
    assert states[title].selected and not states[title].dimmed
    assert any(s.dimmed for s in states.values())  # the highlight is still on the others
    assert board.legend.buttons()[product.id].isChecked()


def test_picking_in_the_tree_shows_the_chip_active(window: MainWindow) -> None:
    business = next(o for o in window.document.snapshot.outcomes if o.level is Level.BUSINESS)
    window.panel.tree.tree.select_outcome(business.id, notify=True)
    assert window.board.legend.current() == business.id
    assert window.board.legend.buttons()[business.id].isChecked()
    assert bright_cards(window)  # never the whole board grey


def test_re_parenting_a_product_outcome_moves_its_cards_to_the_new_highlight(
    window: MainWindow,
) -> None:
    snapshot = window.document.snapshot
    first, second = (o for o in snapshot.outcomes if o.level is Level.BUSINESS)
    moving = snapshot.outcome_children(second.id)[0]
    window.board.legend.buttons()[first.id].click()
    card = next(c for c in window.document.all_cards() if c.outcome_id == moving.id)
    assert card.id not in bright_cards(window)
    assert window.editor.move_outcome(moving.id, first.id, 0)
    assert card.id in bright_cards(window)  # it now drives the highlighted business outcome
    assert window.board.legend.buttons()[first.id].isChecked()
    # The legend follows the tree: the moved outcome now comes right after its new parent.
    ids = list(window.board.legend.buttons())
    assert ids[ids.index(first.id) + 1] == moving.id


def test_the_legend_stays_within_two_rows_and_lists_the_rest(qtbot) -> None:
    from roadmapper.core.entities import Outcome

    tree = []
    for b in range(4):
        tree.append(
            (Outcome(100 + b, 1, Level.BUSINESS, f"Business goal number {b} " * 3, "#1f77b4"), 0)
        )
        for p in range(4):
            objective = f"Product outcome {b}.{p} with a rather long objective to show"
            tree.append(
                (Outcome(200 + 10 * b + p, 1, Level.PRODUCT, objective, "#2ca02c", 100 + b), 1)
            )
    legend = OutcomeLegend()
    qtbot.addWidget(legend)
    legend.set_outcomes(tree)
    legend.resize(880, legend.heightForWidth(880))
    legend.show()
    row = legend.all_button.sizeHint().height()
    assert legend.heightForWidth(880) <= MAX_ROWS * row + 12
    hidden = legend.hidden_ids()
    assert hidden and legend.more_button.isVisible()
    assert legend.more_button.text() == f"+{len(hidden)} more"
    shown_chips = [c for c in legend.buttons().values() if c.isVisible()]
    assert len(shown_chips) + len(hidden) == len(tree)
    for chip in shown_chips:
        assert chip.geometry().bottom() < legend.height()
        assert chip.geometry().right() < 880
        text = chip.shown_text()
        assert text == chip.full_text or text.endswith("…")
        if text != chip.full_text:  # cut at a word: what is left is the start of the name
            assert chip.full_text.startswith(text[:-1].rstrip(",;:.-"))
            assert chip.full_text[len(text[:-1])] in " ,;:.-"
        fm = QFontMetricsF(chip.font())
        assert fm.horizontalAdvance(text) <= chip.width()
    # A hidden outcome picked from the menu shows as active on "+N more".
    legend.set_current(hidden[0])
    assert legend.more_button.isChecked()
    legend.more_menu.aboutToShow.emit()
    checked = [a for a in legend.more_menu.actions() if a.isChecked()]
    assert len(checked) == 1
    legend.set_current(None)
    # Wide enough, every name is whole and nothing is hidden.
    legend.resize(6000, legend.heightForWidth(6000))
    assert not legend.hidden_ids() and not legend.more_button.isVisible()
    assert all(c.shown_text() == c.full_text for c in legend.buttons().values())


def test_chips_set_before_the_legend_shows_are_placed_once_at_the_width_it_shows_at(
    qtbot, monkeypatch
) -> None:
    from roadmapper.core.entities import Outcome

    tree = [
        (Outcome(100 + n, 1, Level.BUSINESS, f"Business goal number {n} " * 3, "#1f77b4"), 0)
        for n in range(12)
    ]
    legend = OutcomeLegend()
    qtbot.addWidget(legend)
    widths: list[int] = []
    lay_out = OutcomeLegend._lay_out

    def spy(self: OutcomeLegend, width: int, more: int) -> object:
        widths.append(width)
        return lay_out(self, width, more)

    monkeypatch.setattr(OutcomeLegend, "_lay_out", spy)
    legend.set_outcomes(tree)
    assert widths == []  # hidden: the width it will have is not known yet
    legend.resize(700, 80)
    legend.show()
    assert widths == [700]
    hidden = legend.hidden_ids()
    assert hidden and legend.more_button.isVisible()
    shown_chips = [c for c in legend.buttons().values() if c.isVisible()]
    assert len(shown_chips) + len(hidden) == len(tree)
    assert all(chip.geometry().right() < 700 for chip in shown_chips)


def test_flow_keeps_room_for_more() -> None:
    placed, count = flow([50] * 5, [4] * 5, 110, 2, 30)
    assert count == 3 and placed == [(0, 0), (0, 54), (1, 0)]  # room for "+1 more" after it
    placed, count = flow([50, 50], [4, 4], 200, 2, 30)
    assert count == 2 and placed == [(0, 0), (0, 54)]


def test_legend_chips_by_keyboard(window: MainWindow) -> None:
    legend = window.board.legend
    legend.all_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(legend.all_button, Qt.Key.Key_Right)
    first_id, first = next(iter(legend.buttons().items()))
    assert QApplication.focusWidget() is first
    QTest.keyClick(first, Qt.Key.Key_Space)
    assert legend.current() == first_id
    QTest.keyClick(first, Qt.Key.Key_Left)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert legend.current() is None
    # Tab leaves the legend for the first column.
    last = [c for c in legend.focus_chain() if c.isVisible()][-1]
    assert last.nextInFocusChain() is not None
    chain, widget = [], legend.all_button.nextInFocusChain()
    while widget is not legend.all_button and len(chain) < 50:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert window.board.views[Column.NOW] in chain
    assert chain.index(window.board.views[Column.NOW]) > chain.index(last)


def test_a_business_outcome_with_its_own_cards(window: MainWindow) -> None:
    document = window.document
    linked = {c.outcome_id for c in document.all_cards()}
    business = next(
        o for o in document.snapshot.outcomes if o.level is Level.BUSINESS and o.id not in linked
    )
    assert business.id in window.board.legend.buttons()  # shown before any card serves it
    card = document.card(document.column_ids(Column.LATER)[0])
    window.editor.edit(card.id, InitiativeFields(card.title, outcome_id=business.id))
    window.board.legend.buttons()[business.id].click()
    assert card.id in bright_cards(window)


def test_a_roadmap_shown_again_gets_its_own_chips_back_and_old_ones_are_re_labelled(
    qtbot,
) -> None:
    from roadmapper.core.entities import Outcome
    from roadmapper.ui.board.legend import KEPT_CHIP_SETS
    from roadmapper.ui.board.legend_chip import LegendChip

    legend = OutcomeLegend()
    qtbot.addWidget(legend)
    legend.resize(900, 80)
    legend.show()
    first = [
        (Outcome(1, 1, Level.BUSINESS, "Grow revenue", "#1f77b4"), 0),
        (Outcome(2, 1, Level.PRODUCT, "Faster onboarding", "#2ca02c", 1), 1),
        (Outcome(3, 1, Level.PRODUCT, "Fewer refunds", "#d62728", 1), 1),
    ]
    second = [
        (Outcome(7, 2, Level.PRODUCT, "Happier admins", "#9467bd"), 0),
        (Outcome(8, 2, Level.BUSINESS, "Keep customers", "#8c564b"), 0),
    ]
    assert legend.set_outcomes(first)
    chips = list(legend.buttons().values())
    legend.set_current(3)
    assert legend.set_outcomes(second)
    now = legend.buttons()
    assert list(now) == [7, 8]
    assert [c.accessibleName() for c in now.values()] == ["Happier admins", "Keep customers"]
    assert [c.business for c in now.values()] == [False, True]
    assert now[8].font().weight() > now[7].font().weight()
    assert shown(now[7].toolTip()).startswith("Happier admins")
    assert legend.current() is None and not any(c.isChecked() for c in now.values())
    assert not any(chip.isVisible() for chip in chips)  # kept, hidden, nameless
    assert legend.findChild(LegendChip, "legend-outcome-1") is None
    picked: list[object] = []
    legend.highlight_changed.connect(picked.append)
    now[8].click()
    assert picked[-1] == 8 and now[8].isChecked()
    # Back to the first roadmap: its own chips, as they were, in their places.
    assert legend.set_outcomes(first)
    assert list(legend.buttons().values()) == chips and all(c.isVisible() for c in chips)
    assert legend.findChild(LegendChip, "legend-outcome-1") is chips[0]
    assert [c.shown_text() for c in chips] == ["Grow revenue", "Faster onboarding", "Fewer refunds"]
    assert legend.current() is None and not now[8].isVisible()
    # Roadmaps beyond the kept ones re-label the oldest set's chips: the widgets stay few.
    for n in range(KEPT_CHIP_SETS + 3):
        other = [(Outcome(100 + n, 9 + n, Level.PRODUCT, f"Outcome {n}", "#17becf"), 0)]
        assert legend.set_outcomes(other)
        assert [c.accessibleName() for c in legend.buttons().values()] == [f"Outcome {n}"]
    # "All outcomes", the one chip shown and one in each kept set: none left behind.
    qtbot.waitUntil(lambda: len(legend.findChildren(LegendChip)) == 1 + 1 + KEPT_CHIP_SETS)


def test_chips_built_ahead_for_a_roadmap_are_hidden_and_shown_as_built(qtbot, monkeypatch) -> None:
    """A roadmap read ahead gets its chips while the window is idle: hidden, nameless,
    measured; showing it builds and measures none; they go first when room is needed."""
    from roadmapper.core.entities import Outcome
    from roadmapper.ui.board import legend_chip
    from roadmapper.ui.board.legend import KEPT_CHIP_SETS
    from roadmapper.ui.board.legend_chip import LegendChip

    legend = OutcomeLegend()
    qtbot.addWidget(legend)
    legend.resize(900, 80)
    legend.show()
    shown_tree = [(Outcome(1, 1, Level.BUSINESS, "Grow revenue", "#1f77b4"), 0)]
    ahead = [
        (Outcome(7, 2, Level.BUSINESS, "Keep customers", "#8c564b"), 0),
        (Outcome(8, 2, Level.PRODUCT, "Happier admins", "#9467bd", 7), 1),
    ]
    assert legend.set_outcomes(shown_tree)
    before = legend.buttons()
    legend.prepare(ahead)
    assert legend.buttons() == before and before[1].isVisible()  # what is shown stays
    built = [c for c in legend.findChildren(LegendChip) if c.outcome_id in (7, 8)]
    assert len(built) == 2 and not any(c.isVisible() or c.objectName() for c in built)
    measured: list[str] = []
    real = legend_chip.elide_words
    monkeypatch.setattr(
        legend_chip, "elide_words", lambda text, *a: measured.append(text) or real(text, *a)
    )
    made = record_new_chips(monkeypatch)
    assert legend.set_outcomes(ahead)
    assert sorted(legend.buttons().values(), key=id) == sorted(built, key=id)
    assert all(c.isVisible() for c in built) and measured == [] and made == []
    assert legend.findChild(LegendChip, "legend-outcome-8") is not None
    names = [c.shown_text() for c in legend.buttons().values()]
    assert names == ["Keep customers", "Happier admins"]
    legend.prepare(shown_tree)  # kept already (left just now): nothing built
    assert made == []
    for n in range(KEPT_CHIP_SETS):
        legend.prepare([(Outcome(100 + n, 9 + n, Level.PRODUCT, f"Outcome {n}", "#17becf"), 0)])
    assert legend.set_outcomes(shown_tree)
    assert legend.buttons() == before  # a set the person saw outlasts those built ahead


def test_a_chip_is_drawn_once_per_look(qtbot, monkeypatch) -> None:
    """Repainting a chip copies its picture; a new state (checked) is drawn anew and
    looks different; back in the old state it looks as it did, without a new drawing."""
    from roadmapper.ui.board import legend_chip
    from roadmapper.ui.board.legend_chip import LegendChip
    from roadmapper.ui.widgets.pictures import Pictures

    monkeypatch.setattr(legend_chip, "_PICTURES", Pictures(96))
    drawn: list[bool] = []
    real = LegendChip._draw
    monkeypatch.setattr(
        LegendChip, "_draw", lambda chip, *a: drawn.append(chip.isChecked()) or real(chip, *a)
    )
    chip = LegendChip("Faster onboarding for admins", color="#2ca02c")
    qtbot.addWidget(chip)
    chip.resize(chip.sizeHint())
    plain = chip.grab().toImage()
    assert chip.grab().toImage() == plain
    chip.setChecked(True)
    checked = chip.grab().toImage()
    assert checked != plain
    chip.setChecked(False)
    assert chip.grab().toImage() == plain
    assert drawn == [False, True]
    other = LegendChip("Faster onboarding for admins", color="#d62728")  # another colour
    qtbot.addWidget(other)
    other.resize(chip.size())
    assert other.grab().toImage() != plain
    assert drawn == [False, True, False]
