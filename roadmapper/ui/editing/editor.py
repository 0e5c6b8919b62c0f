"""What a person can do to a roadmap: each action is one undoable command.

Cards, outcomes, key results, check-ins and coaching dismissals alike: menus,
shortcuts, drag and drop and tests all call these methods, so every change
takes the same path: command -> document part -> store -> signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from roadmapper.core.entities import CheckIn, Initiative, Outcome
from roadmapper.core.errors import DatabaseError, RoadmapperError, StaleError
from roadmapper.core.ranking import key_for_index
from roadmapper.core.records import CheckInFields, InitiativeFields, KeyResultFields, OutcomeFields
from roadmapper.core.text import shorten
from roadmapper.model.enums import Column, Level
from roadmapper.store.values import Slot
from roadmapper.ui.editing.commands import (
    CreateCommand,
    DeleteCommand,
    DocumentCommand,
    EditCommand,
    EditMoveCommand,
    MoveCommand,
)
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.okr_commands import (
    AddCheckInCommand,
    CreateKeyResultCommand,
    CreateOutcomeCommand,
    DeleteCheckInCommand,
    DeleteKeyResultCommand,
    DeleteOutcomeCommand,
    DismissCommand,
    EditCheckInCommand,
    EditKeyResultCommand,
    EditOutcomeCommand,
    PlaceOutcomeCommand,
)
from roadmapper.ui.editing.roadmap_commands import RenameRoadmapCommand


class Editor(QObject):
    """The document plus its undo stack."""

    failed = Signal(str)
    """One sentence for the user: a change was refused and nothing was written."""
    finished_experiments = Signal(list)
    """Ids of cards a person just moved from Now to Done (not undo or redo): ask for results."""
    status = Signal(str)
    """What the last step of the undo stack did, e.g. "Saved: Move “Offline mode”"."""

    def __init__(self, document: RoadmapDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)
        self._failure_handlers: list[Callable[[str], None]] = []
        self._index = 0
        document.reset.connect(self.undo_stack.clear)
        # A slot of this QObject, not a lambda: Qt drops it before the stack is
        # destroyed, so no call reaches a half-deleted stack at shutdown.
        self.undo_stack.indexChanged.connect(self._index_changed)

    def _index_changed(self, index: int) -> None:
        previous, self._index = self._index, index
        if index < previous:
            command = self.undo_stack.command(index)
            if command is not None:
                self.status.emit(f"Undone: {command.text()}")
        elif index > previous:
            command = self.undo_stack.command(index - 1)
            if command is not None:
                self.status.emit(f"Saved: {command.text()}")

    @property
    def read_only(self) -> bool:
        """The database was opened read-only (a file or folder that cannot be written)."""
        return self.document.store.database.read_only

    def _refuse_if_read_only(self) -> bool:
        if self.read_only:
            label = self.document.store.database.label
            self._refused(
                DatabaseError(f"{label} is open read-only, so nothing can be changed in it.")
            )
        return self.read_only

    def push(self, command: DocumentCommand) -> bool:
        """Perform ``command`` once; only if it worked does it go on the undo stack."""
        if self._refuse_if_read_only():
            return False
        try:
            command.perform()
        except RoadmapperError as exc:
            self._refused(exc)
            return False
        command.mark_performed()  # the stack's push calls redo at once
        self.undo_stack.push(command)
        return True

    def undo(self) -> bool:
        """Take back the last step; if the store refuses, say why and leave the stack as it is."""
        stack = self.undo_stack
        if not stack.canUndo() or self._refuse_if_read_only():
            return False
        steps = _steps(stack.command(stack.index() - 1))
        if not self._run(list(reversed(steps)), forward=False):
            return False
        for step in steps:
            step.mark_performed()  # the stack's own undo() of each step is then skipped
        stack.undo()
        return True

    def redo(self) -> bool:
        """Do the next step again; if the store refuses, say why and leave the stack as it is."""
        stack = self.undo_stack
        if not stack.canRedo() or self._refuse_if_read_only():
            return False
        steps = _steps(stack.command(stack.index()))
        if not self._run(steps, forward=True):
            return False
        for step in steps:
            step.mark_performed()
        stack.redo()
        return True

    def _run(self, steps: Sequence[DocumentCommand], forward: bool) -> bool:
        """Perform (or revert) ``steps`` in order; on a refusal, put back those already done."""
        done: list[DocumentCommand] = []
        try:
            for step in steps:
                step.check_unchanged_elsewhere()
                step.perform() if forward else step.revert()
                done.append(step)
        except RoadmapperError as exc:
            for step in reversed(done):
                try:
                    step.revert() if forward else step.perform()
                except RoadmapperError:
                    break  # the refusal below is still the sentence to show
            self._refused(exc)
            return False
        return True

    def _refused(self, exc: RoadmapperError) -> None:
        """Tell the user why nothing was saved; a stale write re-reads what it was about."""
        message = str(exc)
        if isinstance(exc, StaleError):
            message = self.document.refresh_after(exc)
        if self._failure_handlers:
            self._failure_handlers[-1](message)
        else:
            self.failed.emit(message)

    @contextmanager
    def failures_to(self, handler: Callable[[str], None]) -> Iterator[None]:
        """Send refusals to ``handler`` instead of ``failed`` while the block runs.

        For a view that shows the sentence where the edit was made (a table cell),
        so the window does not report the same refusal a second time.
        """
        self._failure_handlers.append(handler)
        try:
            yield
        finally:
            self._failure_handlers.pop()

    def ordered(self, ids: Sequence[int]) -> list[int]:
        """``ids`` in board order (column, then priority), duplicates dropped."""
        order = {c: n for n, c in enumerate(Column)}
        cards = [self.document.card(i) for i in dict.fromkeys(ids)]
        cards.sort(key=lambda c: (order[c.column], c.rank, c.id))
        return [c.id for c in cards]

    # -- initiatives ------------------------------------------------------

    def move(self, ids: Sequence[int], column: Column, index: int) -> bool:
        """Put ``ids`` at ``index`` of ``column`` (counted without the moved cards)."""
        ids = self.ordered(ids)
        if not ids:
            return False
        in_place = [i for i in ids if self.document.card(i).column is column]
        staying = len(self.document.column_ids(column)) - len(in_place)
        index = max(0, min(index, staying))
        if len(in_place) == len(ids):
            # Dropping cards back where they already are is not a change.
            column_ids = self.document.column_ids(column)
            start = column_ids.index(ids[0])
            if column_ids[start : start + len(ids)] == ids and start == index:
                return False
        from_now = [i for i in ids if self.document.card(i).column is Column.NOW]
        if not self.push(MoveCommand(self.document, ids, column, index)):
            return False
        if column is Column.DONE and from_now:
            self.finished_experiments.emit(from_now)
        return True

    def move_by(self, ids: Sequence[int], step: int) -> bool:
        """Ctrl+Up/Down: move the cards one place up (-1) or down (+1) in their column."""
        ids = self.ordered(ids)
        if not ids:
            return False
        column = self.document.card(ids[0]).column
        ids = [i for i in ids if self.document.card(i).column is column]
        column_ids = self.document.column_ids(column)
        moving = set(ids)
        rest = [i for i in column_ids if i not in moving]
        first = column_ids.index(ids[0])
        index = sum(1 for i in column_ids[:first] if i not in moving) + step
        if index < 0 or index > len(rest):
            return False
        return self.move(ids, column, index)

    def create(
        self, fields: InitiativeFields, column: Column, index: int | None = None
    ) -> int | None:
        """Add an initiative (at the end of ``column`` unless ``index``); its new id."""
        slot = Slot(column) if index is None else self.document.slot_at(column, index)
        command = CreateCommand(self.document, fields, slot)
        if not self.push(command):
            return None
        assert command.record is not None
        return command.record.id

    def edit(self, initiative_id: int, fields: InitiativeFields) -> bool:
        card = self.document.card(initiative_id)
        if fields == InitiativeFields.of(card):
            return False
        return self.push(EditCommand(self.document, initiative_id, fields))

    def edit_with_column(
        self, initiative_id: int, fields: InitiativeFields, column: Column
    ) -> bool:
        """The dialog's OK: a field edit and a column change as one undo step."""
        card: Initiative = self.document.card(initiative_id)
        if column is card.column:
            return self.edit(initiative_id, fields)
        if fields == InitiativeFields.of(card):
            return self.move([initiative_id], column, self.document.count(column))
        return self.push(EditMoveCommand(self.document, initiative_id, fields, column))

    def delete(self, ids: Sequence[int]) -> bool:
        ids = self.ordered(ids)
        return bool(ids) and self.push(DeleteCommand(self.document, ids))

    # -- outcomes ---------------------------------------------------------

    def create_outcome(
        self, level: Level, objective: str, color: str | None = None, parent_id: int | None = None
    ) -> int | None:
        command = CreateOutcomeCommand(self.document, level, objective, color, parent_id)
        return command.outcome_id if self.push(command) else None

    def edit_outcome(self, outcome_id: int, fields: OutcomeFields) -> bool:
        old = OutcomeFields.of(self.document.snapshot.outcome_by_id[outcome_id])
        if fields == old:
            return False
        only_colour = (fields.level, fields.objective, fields.parent_id) == (
            old.level,
            old.objective,
            old.parent_id,
        )
        verb = "Recolour" if only_colour else "Edit"
        text = f"{verb} outcome “{shorten(old.objective)}”"
        return self.push(EditOutcomeCommand(self.document, outcome_id, fields, text))

    def move_outcome(self, outcome_id: int, parent_id: int | None, index: int) -> bool:
        """Drop an outcome at ``index`` among the children of ``parent_id`` (top level: None)."""
        snapshot = self.document.snapshot
        outcome = snapshot.outcome_by_id[outcome_id]
        now_under = snapshot.tree_parent_id(outcome)
        before = [o.id for o in snapshot.outcome_children(now_under)]
        rest = [o for o in snapshot.outcome_children(parent_id) if o.id != outcome_id]
        index = max(0, min(index, len(rest)))
        if now_under == parent_id and before.index(outcome.id) == index:
            return False
        rank = key_for_index([o.rank for o in rest], index)
        return self.push(PlaceOutcomeCommand(self.document, outcome_id, parent_id, rank))

    def siblings(self, parent_id: int | None) -> list[Outcome]:
        """Outcomes under ``parent_id`` in order; ``None``: the top level of the tree."""
        return self.document.snapshot.outcome_children(parent_id)

    def delete_outcome(self, outcome_id: int) -> bool:
        return self.push(DeleteOutcomeCommand(self.document, outcome_id))

    # -- key results ------------------------------------------------------

    def create_key_result(self, outcome_id: int, fields: KeyResultFields) -> int | None:
        command = CreateKeyResultCommand(self.document, outcome_id, fields)
        return command.key_result_id if self.push(command) else None

    def edit_key_result(self, key_result_id: int, fields: KeyResultFields) -> bool:
        kr = self.document.snapshot.key_result_by_id[key_result_id]
        old = KeyResultFields.of(kr)
        if fields == old:
            return False
        return self.push(EditKeyResultCommand(self.document, key_result_id, fields))

    def delete_key_result(self, key_result_id: int) -> bool:
        return self.push(DeleteKeyResultCommand(self.document, key_result_id))

    def delete_key_results(self, ids: Sequence[int]) -> bool:
        """Delete several key results as one undo step."""
        ids = list(dict.fromkeys(ids))
        if len(ids) <= 1:
            return bool(ids) and self.delete_key_result(ids[0])
        self.undo_stack.beginMacro(f"Delete {len(ids)} key results")
        try:
            done = [self.delete_key_result(i) for i in ids]
        finally:
            self.undo_stack.endMacro()
        return any(done)

    # -- check-ins ----------------------------------------------------------

    def add_check_in(self, key_result_id: int, fields: CheckInFields) -> bool:
        return self.push(AddCheckInCommand(self.document, key_result_id, fields))

    def edit_check_in(self, check_in: CheckIn, fields: CheckInFields) -> bool:
        if CheckInFields.of(check_in) == fields:
            return False
        return self.push(EditCheckInCommand(self.document, check_in, fields))

    def delete_check_in(self, check_in: CheckIn) -> bool:
        return self.push(DeleteCheckInCommand(self.document, check_in))

    # -- the roadmap itself ---------------------------------------------------

    def rename_roadmap(self, name: str) -> bool:
        """Give the open roadmap a new name (checked by the store: not empty, not taken)."""
        if name.strip() == self.document.snapshot.roadmap.name:
            return False
        return self.push(RenameRoadmapCommand(self.document, name.strip()))

    # -- coaching -----------------------------------------------------------

    def dismiss(
        self, code: str, subject_kind: str, subject_id: int, dismissed: bool = True
    ) -> bool:
        key = (code, subject_kind, subject_id)
        if (key in self.document.snapshot.dismissed) == dismissed:
            return False
        return self.push(DismissCommand(self.document, code, subject_kind, subject_id, dismissed))


def _steps(command: QUndoCommand) -> list[DocumentCommand]:
    """The document steps of one undo step: the command itself, or a macro's children."""
    if isinstance(command, DocumentCommand):
        return [command]
    children = (command.child(n) for n in range(command.childCount()))
    return [c for c in children if isinstance(c, DocumentCommand)]
