"""Board actions: the same editor calls behind menus, shortcuts and the context menu."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.ui.board.board import ZOOM_LEVELS, Board
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.widgets.actions import Shortcut, make_action
from roadmapper.ui.widgets.modal import modal


def _step_action(
    owner: QObject, prefix: str, slot: Callable[[], object], text_changed: SignalInstance
) -> QAction:
    """Undo or Redo, named after the step it would take, as the stack's own actions are.

    The menu names the step ("Undo Delete “R&D budget”", its "&" doubled so Qt shows it
    instead of underlining the next letter); a toolbar button keeps the short word and
    names the step in its tooltip, so the toolbar never reflows as steps change.
    """
    action = QAction(prefix, owner)
    word = prefix.replace("&", "")
    action.setIconText(word)
    action.triggered.connect(slot)

    def name_step(step: str) -> None:
        action.setText(f"{prefix} {step.replace('&', '&&')}" if step else prefix)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        shortcut = f" ({keys})" if keys else ""
        action.setToolTip(f"{word} {step}{shortcut}" if step else f"{word}{shortcut}")

    text_changed.connect(name_step)
    return action


class BoardActions(QObject):
    """Every action on cards, wired to the editor; the window only places them."""

    def __init__(self, editor: Editor, board: Board, window: QWidget) -> None:
        super().__init__(window)
        self.editor = editor
        self.board = board
        self.window = window
        self._enabled_for: tuple[bool, bool] | None = None
        """(anything selected, writable) as ``update_enabled`` last set the actions."""
        # Not the stack's own undo/redo actions: those move the stack even when the
        # store refuses; the editor's undo/redo move it only when the change landed.
        self.undo = _step_action(self, "&Undo", editor.undo, editor.undo_stack.undoTextChanged)
        self.undo.setEnabled(editor.undo_stack.canUndo())
        editor.undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = _step_action(self, "&Redo", editor.redo, editor.undo_stack.redoTextChanged)
        self.redo.setEnabled(editor.undo_stack.canRedo())
        editor.undo_stack.canRedoChanged.connect(self.redo.setEnabled)
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.new = self._action("&New initiative…", "Ctrl+N", self.new_initiative)
        self.edit = self._action("&Edit initiative…", "", self.edit_selected)
        self.edit.setShortcutVisibleInContextMenu(True)
        self.edit.setText("&Edit initiative…\tEnter")
        # Space is the board's quick look, as in file managers: only while a card list
        # has focus, so typing a space in the filter box or a dialog stays a space.
        self.details = QAction("Show &details", self)
        self.details.setShortcut(QKeySequence("Space"))
        self.details.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.details.setShortcutVisibleInContextMenu(True)
        self.details.triggered.connect(lambda _checked=False: self.show_details())
        board.addAction(self.details)
        self.delete = self._action("&Delete", QKeySequence.StandardKey.Delete, self.delete_selected)
        self.left = self._action("Move to previous column", "Ctrl+Left", lambda: self.shift(-1))
        self.right = self._action("Move to next column", "Ctrl+Right", lambda: self.shift(1))
        self.up = self._action("Move up", "Ctrl+Up", lambda: self.editor.move_by(self._ids(), -1))
        self.down = self._action(
            "Move down", "Ctrl+Down", lambda: self.editor.move_by(self._ids(), 1)
        )
        self.move_to = {
            column: self._action(column.label, "", partial(self.move_to_end, column))
            for column in Column
        }
        self.show_done = QAction("Show &Done column", self)
        self.show_done.setCheckable(True)
        self.show_done.toggled.connect(board.set_done_visible)
        self.zoom_in = self._action("Zoom &in", QKeySequence.StandardKey.ZoomIn, self._zoom_in)
        # Ctrl+= too: on many layouts "+" needs Shift, and people press Ctrl and "=".
        self.zoom_in.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.zoom_out = self._action(
            "Zoom &out", QKeySequence.StandardKey.ZoomOut, lambda: board.zoom_step(-1)
        )
        self.zoom_reset = self._action("&Actual size", "Ctrl+0", lambda: board.set_zoom(100))
        board.zoom_changed.connect(self._zoom_enabled)
        self._zoom_enabled(board.zoom())

        for view in board.views.values():
            view.customContextMenuRequested.connect(lambda pos, v=view: self.context_menu(v, pos))
        editor.finished_experiments.connect(self._ask_results_later)
        board.new_requested.connect(self.new_initiative)
        board.edit_requested.connect(self.edit_initiative)

    def _zoom_in(self) -> None:
        self.board.zoom_step(1)

    def _zoom_enabled(self, percent: int) -> None:
        self.zoom_in.setEnabled(percent < ZOOM_LEVELS[-1])
        self.zoom_out.setEnabled(percent > ZOOM_LEVELS[0])
        self.zoom_reset.setEnabled(percent != 100)

    def _action(self, text: str, shortcut: Shortcut, slot: Callable[[], object]) -> QAction:
        return make_action(self, self.window, text, slot, shortcut)

    def _ids(self) -> list[int]:
        return self.board.selected_ids()

    # -- what the actions do ----------------------------------------------

    def new_initiative(self) -> None:
        from roadmapper.ui.board.initiative_dialog import InitiativeDialog  # first use only

        column = self.board.focused_column() or Column.NOW
        snapshot = self.editor.document.current_snapshot()
        with modal(InitiativeDialog(snapshot, None, column, self.window)) as dialog:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            fields, placed = dialog.fields(), dialog.column()
        new_id = self.editor.create(fields, placed)
        if new_id is not None:
            self._reveal(new_id)

    def edit_selected(self) -> None:
        ids = self._ids()
        if ids:
            self.edit_initiative(ids[0])

    def edit_initiative(self, initiative_id: int) -> None:
        from roadmapper.ui.board.initiative_dialog import InitiativeDialog

        document = self.editor.document
        card = document.card(initiative_id)
        shown = InitiativeDialog(document.current_snapshot(), card, card.column, self.window)
        with modal(shown) as dialog:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            fields, placed = dialog.fields(), dialog.column()
        self.editor.edit_with_column(initiative_id, fields, placed)
        self._reveal(initiative_id)

    def show_details(self) -> None:
        """The selected card's quick look: its texts and key results, without editing."""
        from roadmapper.ui.board.card_detail import show_card_detail  # first use only

        ids = self._ids()
        if ids:
            show_card_detail(self.window, self.editor, ids[0], self.edit_initiative)

    def _reveal(self, initiative_id: int) -> None:
        """Select the card where it now is; a card sent to a hidden Done shows Done.

        A PM who marks work done in the dialog expects to see it land there, not
        to have it vanish from the board.
        """
        document = self.editor.document
        if not document.has_card(initiative_id):
            return
        if document.card(initiative_id).column is Column.DONE:
            self.show_done.setChecked(True)
        self.board.select([initiative_id])

    def _ask_results_later(self, ids: list[int]) -> None:
        # Not from inside the drop: a modal dialog there would nest in Qt's drag loop.
        QTimer.singleShot(0, lambda: self.ask_results(ids))

    def ask_results(self, ids: list[int]) -> None:
        """Now -> Done: ask what each experiment taught; stored as one more undo step."""
        from roadmapper.ui.board.result_dialog import ResultDialog

        document = self.editor.document
        for card_id in ids:
            if not document.has_card(card_id):
                continue
            card = document.card(card_id)
            if card.result.strip():  # already written, e.g. in the edit dialog
                continue
            with modal(ResultDialog(document.snapshot, card, self.window)) as dialog:
                accepted = dialog.exec() == QDialog.DialogCode.Accepted
                result = dialog.result()
            if not accepted or not result:
                continue
            fields = dataclasses.replace(InitiativeFields.of(card), result=result)
            self.editor.edit(card_id, fields)

    def delete_selected(self) -> None:
        self.editor.delete(self._ids())

    def shift(self, step: int) -> None:
        """Ctrl+Left/Right: to the neighbouring visible column, keeping the row."""
        ids = self.editor.ordered(self._ids())
        if not ids:
            return
        document = self.editor.document
        column = document.card(ids[0]).column
        visible = self.board.visible_columns()
        if column not in visible:
            return
        position = visible.index(column) + step
        if not 0 <= position < len(visible):
            return
        row = document.column_ids(column).index(ids[0])
        self.editor.move(ids, visible[position], row)

    def move_to_end(self, column: Column) -> None:
        ids = self._ids()
        if ids:
            if column is Column.DONE:
                self.show_done.setChecked(True)  # first, so the moved cards stay selected there
            self.editor.move(ids, column, self.editor.document.count(column))

    def _context_menu_requested(self, pos: QPoint) -> None:
        view = self.sender()
        if isinstance(view, QWidget):
            self.context_menu(view, pos)

    def context_menu(self, view: QWidget, pos: QPoint) -> None:
        ids = self._ids()
        menu = QMenu(self.window)
        menu.addAction(self.new)
        if ids:
            menu.addActions([self.details, self.edit])
            move = menu.addMenu("Move to")
            current = {self.editor.document.card(i).column for i in ids}
            self._enabled_for = None  # the menu greys out its own column: set all anew after
            for column, action in self.move_to.items():
                action.setEnabled(current != {column})
                move.addAction(action)
            menu.addSeparator()
            menu.addAction(self.delete)
        menu.exec(view.mapToGlobal(pos))

    def update_enabled(self) -> None:
        """Grey out what does not apply to the current selection."""
        has = bool(self._ids())
        writable = not self.editor.read_only
        if self._enabled_for == (has, writable):
            return  # every selection change asks; most leave the actions as they were
        self._enabled_for = (has, writable)
        self.details.setEnabled(has)
        for action in (self.edit, self.delete, self.left, self.right, self.up, self.down):
            action.setEnabled(has and writable)
        self.new.setEnabled(writable)
        for action in self.move_to.values():
            action.setEnabled(writable)
