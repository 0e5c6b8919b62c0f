"""Synthesized drag events on a column's viewport: drops land where the indicator shows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.ui.board.column_view import ColumnView
from roadmapper.ui.main_window import MainWindow


def drop_on(view: ColumnView, pos: QPoint, data, action=Qt.DropAction.MoveAction) -> QDropEvent:
    """Enter, move and drop at ``pos`` of the viewport, as a real drag would."""
    viewport = view.viewport()
    point = QPointF(pos)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # What a real drag from a column offers: the model's drag actions.
    actions = view.column_model().supportedDragActions()
    enter = QDragEnterEvent(pos, actions, data, buttons, mods)
    enter.setDropAction(action)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(pos, actions, data, buttons, mods)
    move.setDropAction(action)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(point, actions, data, buttons, mods)
    drop.setDropAction(action)
    QApplication.sendEvent(viewport, drop)
    return drop


def fill_later(window: MainWindow, count: int) -> None:
    for n in range(count):
        window.editor.create(InitiativeFields(f"Filler idea {n:02d}"), Column.LATER)
    window.board.views[Column.LATER].doItemsLayout()  # the view lays out lazily


def test_drop_into_a_scrolled_column_lands_under_the_pointer(window: MainWindow, qtbot) -> None:
    fill_later(window, 60)
    later = window.board.views[Column.LATER]
    now = window.board.views[Column.NOW]
    later.verticalScrollBar().setValue(later.verticalScrollBar().maximum() // 2)
    qtbot.wait(10)
    row = later.indexAt(QPoint(40, later.viewport().height() // 2)).row()
    assert row > 10  # really scrolled
    rect = later.visualRect(later.model().index(row, 0))
    target_id = later.column_model().ids()[row]
    moved_id = now.column_model().ids()[1]
    data = now.column_model().mimeData([now.model().index(1, 0)])

    event = drop_on(later, QPoint(rect.center().x(), rect.top() + 6), data)

    ids = later.column_model().ids()
    assert ids.index(moved_id) == ids.index(target_id) - 1  # just above the card under it
    assert event.isAccepted()
    # The source view must not delete rows after the drag: the drop reports a copy.
    assert event.dropAction() == Qt.DropAction.CopyAction
    snapshot = window.store.load(window.document.roadmap_id)
    assert [i.id for i in snapshot.column(Column.LATER)] == window.document.column_ids(Column.LATER)


def test_drop_on_the_lower_half_lands_below(window: MainWindow, qtbot) -> None:
    fill_later(window, 30)
    later = window.board.views[Column.LATER]
    later.verticalScrollBar().setValue(later.verticalScrollBar().maximum())
    qtbot.wait(10)
    row = later.indexAt(QPoint(40, later.viewport().height() // 3)).row()
    rect = later.visualRect(later.model().index(row, 0))
    target_id = later.column_model().ids()[row]
    nxt = window.board.views[Column.NEXT]
    moved_id = nxt.column_model().ids()[0]
    drop_on(
        later,
        QPoint(rect.center().x(), rect.bottom() - 6),
        nxt.column_model().mimeData([nxt.model().index(0, 0)]),
    )
    ids = later.column_model().ids()
    assert ids.index(moved_id) == ids.index(target_id) + 1


def test_reorder_by_dropping_in_the_same_view(window: MainWindow, qtbot) -> None:
    now = window.board.views[Column.NOW]
    before = now.column_model().ids()
    rect = now.visualRect(now.model().index(3, 0))
    data = now.column_model().mimeData([now.model().index(0, 0)])
    drop_on(now, QPoint(rect.center().x(), rect.top() + 6), data)
    assert now.column_model().ids() == [before[1], before[2], before[0], *before[3:]]
    assert len(now.column_model().ids()) == len(before)


def test_drop_below_the_last_card_appends(window: MainWindow, qtbot) -> None:
    nxt = window.board.views[Column.NEXT]
    now = window.board.views[Column.NOW]
    moved_id = now.column_model().ids()[0]
    bottom = QPoint(40, nxt.viewport().height() - 5)
    assert not nxt.indexAt(bottom).isValid()  # empty space under the cards
    drop_on(nxt, bottom, now.column_model().mimeData([now.model().index(0, 0)]))
    assert nxt.column_model().ids()[-1] == moved_id
