"""Columns of equal width, drops on a header, Done from the dialog, zoom, text cut at words."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.render.card import CardPainter
from roadmapper.render.theme import LIGHT
from roadmapper.ui.board import initiative_dialog as dialog_module
from roadmapper.ui.board.board import ZOOM_LEVELS
from roadmapper.ui.board.column_model import CARD_ROLE
from roadmapper.ui.main_window import MainWindow
from tests.ui.board.test_column_view import drop_on
from tests.ui.conftest import shown


def column_ids(window: MainWindow, column: Column) -> list[int]:
    return window.board.views[column].column_model().ids()


def test_visible_columns_share_the_width_equally(window: MainWindow, qtbot) -> None:
    for done in (True, False):
        window.actions_.show_done.setChecked(done)
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.board.panels[Column.NOW].isVisible())
        QApplication.processEvents()
        widths = {window.board.panels[c].width() for c in window.board.visible_columns()}
        assert max(widths) - min(widths) <= 1, widths
        assert not window.board.scroller.horizontalScrollBar().isVisible()


def test_a_card_dropped_on_a_column_header_lands_on_top(window: MainWindow) -> None:
    later = window.board.panels[Column.LATER]
    now = window.board.views[Column.NOW]
    moved = column_ids(window, Column.NOW)[2]
    data = now.column_model().mimeData([now.model().index(2, 0)])
    drop = drop_on_widget(later.title, later.title.rect().center(), data)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    assert column_ids(window, Column.LATER)[0] == moved
    stored = window.store.load(window.document.roadmap_id).column(Column.LATER)
    assert stored[0].id == moved
    assert "Move" in window.editor.undo_stack.undoText()  # the same editor step as any drop


def drop_on_widget(widget, pos: QPoint, data):
    """The drag events a real drag sends to whatever is under the pointer."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    target = widget
    while not target.acceptDrops():  # Qt hands a drag to the nearest widget that takes drops
        target = target.parentWidget()
    at = widget.mapTo(target, pos)
    for kind in (QDragEnterEvent, QDragMoveEvent):
        event = kind(at, actions, data, buttons, mods)
        event.setDropAction(Qt.DropAction.MoveAction)
        QApplication.sendEvent(target, event)
        assert event.isAccepted()
    drop = QDropEvent(QPointF(at), actions, data, buttons, mods)
    drop.setDropAction(Qt.DropAction.MoveAction)
    QApplication.sendEvent(target, drop)
    return drop


def test_a_header_refuses_what_is_not_a_card(window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData

    data = QMimeData()
    data.setText("not a card")
    before = column_ids(window, Column.LATER)
    drop = drop_on(window.board.views[Column.LATER], QPoint(10, 10), data)
    assert not drop.isAccepted() or column_ids(window, Column.LATER) == before
    assert column_ids(window, Column.LATER) == before


class DoneDialog(QObject):
    """The edit dialog, as if the PM had picked Done and saved."""

    def __init__(self, snapshot, initiative, column, parent) -> None:
        super().__init__()  # deleteLater(), as a dialog has
        self.initiative = initiative

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted

    def fields(self) -> InitiativeFields:
        title = self.initiative.title if self.initiative else "Shipped already"
        return InitiativeFields(title, result="It worked")

    def column(self) -> Column:
        return Column.DONE


@pytest.mark.parametrize("editing", [True, False])
def test_sending_a_card_to_a_hidden_done_from_the_dialog_shows_it_there(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, editing: bool
) -> None:
    monkeypatch.setattr(dialog_module, "InitiativeDialog", DoneDialog)
    assert window.board.panels[Column.DONE].isHidden()
    if editing:
        card = column_ids(window, Column.NOW)[0]
        window.board.select([card])
        window.actions_.edit.trigger()
    else:
        window.actions_.new.trigger()
        card = column_ids(window, Column.DONE)[-1]
    assert window.document.card(card).column is Column.DONE
    assert window.actions_.show_done.isChecked()
    assert window.board.panels[Column.DONE].isVisible()
    assert window.board.selected_ids() == [card]
    assert window.board.views[Column.DONE].hasFocus()


def test_move_to_done_keeps_the_card_selected_there(window: MainWindow) -> None:
    card = column_ids(window, Column.NEXT)[0]
    window.board.select([card])
    window.actions_.move_to[Column.DONE].trigger()
    assert window.board.selected_ids() == [card]


def test_zoom_keys_scale_the_cards(window: MainWindow, qtbot) -> None:
    board, seen = window.board, []
    board.zoom_changed.connect(seen.append)
    view = board.views[Column.NEXT]
    height = view.card_delegate.card_height
    assert board.zoom() == 100
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert board.zoom() > 100 and seen == [board.zoom()]
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 2 and board.zoom() > seen[0]
    assert view.card_delegate.card_height > height
    assert (
        view.card_delegate.painter.title_font.pixelSize()
        > CardPainter(LIGHT).title_font.pixelSize()
    )
    assert board.panels[Column.NEXT].minimumWidth() > 160
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert board.zoom() == 100 and view.card_delegate.card_height == height
    for _ in range(10):
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert board.zoom() == ZOOM_LEVELS[0] < 100
    assert view.card_delegate.card_height < height
    assert not window.actions_.zoom_out.isEnabled()
    assert sum(z < 100 for z in ZOOM_LEVELS) >= 3 and sum(z > 100 for z in ZOOM_LEVELS) >= 3
    board.set_zoom(1000)
    assert board.zoom() == ZOOM_LEVELS[-1] and not window.actions_.zoom_in.isEnabled()


def test_names_take_the_room_a_wide_card_has(window: MainWindow) -> None:
    painter = CardPainter(LIGHT)
    model = window.board.models[Column.NOW]
    cards = [model.index(r).data(CARD_ROLE) for r in range(model.rowCount())]
    two = next(c for c in cards if len(c.chips) == 2)
    labels, hidden = painter.visible_chips(two.chips, 440)  # a 470 px card at 1920 px
    assert hidden == 0
    for label, chip in zip(labels, two.chips, strict=True):  # far past the old 18 letters
        assert label == chip.label or (len(label) > 24 and chip.label.startswith(label[:-1]))
    assert painter.visible_chips(two.chips, 640) == ([c.label for c in two.chips], 0)
    # Narrow, a name is cut at a word, never inside one.
    long = dataclasses.replace(two.chips[0], label="Raise the share of repairs booked online")
    labels, _hidden = painter.visible_chips((long,), 150)
    assert labels[0].endswith("…") and long.label.startswith(labels[0][:-1])
    assert long.label[len(labels[0]) - 1] == " "


def test_a_card_tooltip_names_everything_the_card_cuts(window: MainWindow) -> None:
    model = window.board.models[Column.NOW]
    snapshot = window.document.snapshot
    for row, card_id in enumerate(model.ids()):
        card = window.document.card(card_id)
        tip = shown(model.index(row).data(Qt.ItemDataRole.ToolTipRole))
        assert tip.startswith(card.title)
        outcome = snapshot.outcome_of(card)
        assert (outcome.objective if outcome else "No outcome") in tip
        for kr_id in card.key_result_ids:
            assert snapshot.key_result_by_id[kr_id].name in tip


@pytest.mark.parametrize("dark", [False, True])
def test_column_counts_and_hints_are_readable_light_and_dark(
    window: MainWindow, qtbot, dark: bool
) -> None:
    from PySide6.QtGui import QColor, QPalette

    from roadmapper.render.theme import contrast_ratio

    if dark:
        palette = QPalette(QColor("#2b2b2b"))  # a dark system palette, as Fusion builds it
        window.setPalette(palette)
        QApplication.processEvents()
    background = window.palette().color(QPalette.ColorRole.Window)
    for panel in window.board.panels.values():
        for label in (panel.count, panel.hint):
            text = label.palette().color(QPalette.ColorRole.WindowText)
            assert label.isEnabled()
            assert contrast_ratio(text, background) >= 4.5, (label.text(), text.name())
