"""The board with the keyboard alone: focus and selection always move together."""

from __future__ import annotations

from PySide6.QtCore import Qt as QtCore
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from roadmapper.model.enums import Column
from roadmapper.ui.board.column_view import ColumnView
from roadmapper.ui.main_window import MainWindow

Key, Mod = QtCore.Key, QtCore.KeyboardModifier


def press(key: QtCore.Key, modifiers: QtCore.KeyboardModifier = Mod.NoModifier) -> None:
    """A key press where a person's would go: on the widget that has the focus."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, key, modifiers)


def focused_view() -> ColumnView:
    focused = QApplication.focusWidget()
    assert isinstance(focused, ColumnView), focused
    return focused


def picked(window: MainWindow) -> int:
    """The one card that is both selected and current in the focused column."""
    view = focused_view()
    ids = window.board.selected_ids()
    assert len(ids) == 1, ids
    current = view.column_model().ids()[view.proxy.mapToSource(view.currentIndex()).row()]
    assert current == ids[0]  # the focus ring and the selection are on the same card
    return current


def column_ids(window: MainWindow, column: Column) -> list[int]:
    return window.board.views[column].column_model().ids()


def close_next_dialog_with_escape(seen: list[str]) -> QTimer:
    """Press Escape in the next modal dialog once it is up (exec() blocks the test)."""
    timer = QTimer()
    timer.setInterval(10)

    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            timer.stop()
            seen.append(dialog.windowTitle())
            QTest.keyClick(dialog.focusWidget() or dialog, Key.Key_Escape)

    timer.timeout.connect(poke)
    timer.start()
    return timer


def test_the_whole_board_by_keyboard(window: MainWindow, qtbot) -> None:
    board = window.board
    now, nxt = column_ids(window, Column.NOW), column_ids(window, Column.NEXT)
    # The window opens with the cards, not a legend chip, taking the keys.
    assert focused_view() is board.views[Column.NOW]

    press(Key.Key_Home)
    assert picked(window) == now[0]
    press(Key.Key_Down)
    assert picked(window) == now[1]
    press(Key.Key_End)
    assert picked(window) == now[-1]
    press(Key.Key_Home)
    press(Key.Key_Down)

    # Right: the card of the next column at the same height, selected and focused.
    now_view, next_view = board.views[Column.NOW], board.views[Column.NEXT]
    middle = now_view.visualRect(now_view.currentIndex()).center()
    height = now_view.viewport().mapToGlobal(middle).y()
    press(Key.Key_Right)
    assert focused_view() is next_view
    landed = next_view.visualRect(next_view.currentIndex())
    top = next_view.viewport().mapToGlobal(landed.topLeft()).y()
    assert top <= height <= top + landed.height()  # the card beside it, not the first
    assert picked(window) == nxt[next_view.currentIndex().row()] != nxt[0]
    assert not now_view.selectionModel().hasSelection()  # nothing left behind in Now
    press(Key.Key_Left)
    assert focused_view() is now_view and picked(window) == now[1]

    # Ctrl+Right moves the card itself; it stays picked where it landed.
    press(Key.Key_Right, Mod.ControlModifier)
    assert now[1] in column_ids(window, Column.NEXT)
    assert focused_view() is next_view and picked(window) == now[1]

    # Enter opens the edit dialog; Escape closes it and changes nothing.
    seen: list[str] = []
    timer = close_next_dialog_with_escape(seen)
    press(Key.Key_Return)
    timer.stop()
    assert seen == ["Edit initiative"]
    # The window takes the focus back to the card (offscreen, Qt needs telling it is active).
    assert window.focusWidget() is next_view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is next_view)
    assert picked(window) == now[1]

    # Delete: the next card is both selected and focused, so Enter or Delete act on it.
    order = column_ids(window, Column.NEXT)
    following = order[order.index(now[1]) + 1]
    press(Key.Key_Delete)
    assert not window.document.has_card(now[1])
    assert focused_view() is next_view and picked(window) == following

    press(Key.Key_Z, Mod.ControlModifier)
    assert window.document.has_card(now[1]) and now[1] in column_ids(window, Column.NEXT)


def test_tab_carries_the_selection_to_the_next_column(window: MainWindow) -> None:
    board = window.board
    board.select([column_ids(window, Column.NOW)[2]])
    press(Key.Key_Tab)
    assert focused_view() is board.views[Column.NEXT]
    assert picked(window) == column_ids(window, Column.NEXT)[0]
    assert not board.views[Column.NOW].selectionModel().hasSelection()
    press(Key.Key_Down)
    press(Key.Key_Backtab, Mod.ShiftModifier)
    assert focused_view() is board.views[Column.NOW]
    assert picked(window) == column_ids(window, Column.NOW)[2]  # its own current card again
    assert not board.views[Column.NEXT].selectionModel().hasSelection()


def test_left_and_right_stop_at_the_edges(window: MainWindow) -> None:
    board = window.board
    board.select([column_ids(window, Column.NOW)[0]])
    press(Key.Key_Left)
    assert focused_view() is board.views[Column.NOW]
    board.select([column_ids(window, Column.LATER)[0]])
    press(Key.Key_Right)  # Done is hidden: nowhere to go
    assert focused_view() is board.views[Column.LATER]
    assert picked(window) == column_ids(window, Column.LATER)[0]


def test_a_selected_card_is_scrolled_into_view(window: MainWindow, qtbot) -> None:
    from roadmapper.core.records import InitiativeFields

    for n in range(40):
        window.editor.create(InitiativeFields(f"Filler {n:02d}"), Column.LATER)
    later = window.board.views[Column.LATER]
    later.doItemsLayout()
    window.board.select([column_ids(window, Column.LATER)[0]])
    press(Key.Key_End)
    last = later.model().index(later.model().rowCount() - 1, 0)
    assert later.viewport().rect().intersects(later.visualRect(last))
    # Left from the bottom of a long column lands on the neighbour's nearest (last) card.
    press(Key.Key_Left)
    assert picked(window) == column_ids(window, Column.NEXT)[-1]


def test_escape_lets_go_of_the_selection_then_of_the_highlight(window: MainWindow) -> None:
    board = window.board
    outcome_id, chip = next(iter(board.legend.buttons().items()))
    chip.click()
    assert board.highlight.active
    board.select([column_ids(window, Column.NOW)[0]])
    press(Key.Key_Escape)
    assert board.selected_ids() == [] and board.highlight.active
    press(Key.Key_Escape)
    assert not board.highlight.active and board.legend.current() is None
    assert board.legend.all_button.isChecked()
    assert not board.legend.buttons()[outcome_id].isChecked()


def test_the_focus_ring_is_only_ever_on_a_picked_card(window: MainWindow) -> None:
    from PySide6.QtGui import QPixmapCache

    view = window.board.views[Column.NOW]
    painted: list = []
    original = view.card_delegate.painter.paint

    def spy(p, rect, card, state) -> None:
        painted.append(state)
        original(p, rect, card, state)

    view.card_delegate.painter.paint = spy  # type: ignore[method-assign]
    QPixmapCache.clear()
    assert view.currentIndex().isValid() or view.hasFocus()  # Qt's current, unpicked
    view.viewport().repaint()
    assert painted and not any(s.focused for s in painted)
    press(Key.Key_Down)
    painted.clear()
    QPixmapCache.clear()
    view.viewport().repaint()
    assert [s.selected for s in painted if s.focused] == [True]


def test_a_card_moved_into_the_hidden_done_column_hands_the_pick_to_the_next(
    window: MainWindow, qtbot
) -> None:
    board = window.board
    later = column_ids(window, Column.LATER)
    board.select([later[0]])
    assert focused_view() is board.views[Column.LATER]
    press(Key.Key_Down, Mod.ControlModifier)  # a move in the column: the moved card stays picked
    assert picked(window) == later[0] and column_ids(window, Column.LATER)[1] == later[0]
    assert window.editor.move([later[0]], Column.DONE, 0)
    # Done is hidden, so nothing there can be picked: the card that took its place is.
    following = later[2]  # below the moved card, which stood second after Ctrl+Down
    qtbot.waitUntil(lambda: board.selected_ids() == [following])
    assert focused_view() is board.views[Column.LATER] and picked(window) == following
