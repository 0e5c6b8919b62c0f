"""Outcome, key result, check-in and coaching actions of the editor (mixed into it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmapper.core.ranking import key_for_index
from roadmapper.core.records import KeyResultFields
from roadmapper.model.enums import Level
from roadmapper.ui.editing.okr_commands import (
    AddCheckInCommand,
    CheckInFields,
    CreateKeyResultCommand,
    CreateOutcomeCommand,
    DeleteCheckInCommand,
    DeleteKeyResultCommand,
    DeleteOutcomeCommand,
    DismissCommand,
    EditCheckInCommand,
    EditKeyResultCommand,
    EditOutcomeCommand,
    OutcomeFields,
    PlaceOutcomeCommand,
)

if TYPE_CHECKING:
    from roadmapper.core.entities import CheckIn, Outcome
    from roadmapper.ui.editing.commands import DocumentCommand
    from roadmapper.ui.editing.document import RoadmapDocument


class OkrActions:
    """Each method is one undoable step through the same path as card edits."""

    document: RoadmapDocument

    def push(self, command: DocumentCommand) -> bool:
        raise NotImplementedError

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
        text = f"{verb} outcome “{old.objective[:40]}”"
        return self.push(EditOutcomeCommand(self.document, outcome_id, fields, text))

    def move_outcome(self, outcome_id: int, parent_id: int | None, index: int) -> bool:
        """Drop an outcome at ``index`` among the children of ``parent_id`` (top level: None)."""
        outcome = self.document.snapshot.outcome_by_id[outcome_id]
        before = [o.id for o in self.siblings(self._parent_of(outcome_id))]
        rest = [o for o in self.siblings(parent_id) if o.id != outcome_id]
        index = max(0, min(index, len(rest)))
        if self._parent_of(outcome_id) == parent_id and before.index(outcome.id) == index:
            return False
        rank = key_for_index([o.rank for o in rest], index)
        return self.push(PlaceOutcomeCommand(self.document, outcome_id, parent_id, rank))

    def _parent_of(self, outcome_id: int) -> int | None:
        parent = self.document.snapshot.outcome_by_id[outcome_id].parent_id
        return parent if parent in self.document.snapshot.outcome_by_id else None

    def siblings(self, parent_id: int | None) -> list[Outcome]:
        """Outcomes under ``parent_id`` in order; ``None``: the top level of the tree."""
        return [o for o in self.document.snapshot.outcomes if self._parent_of(o.id) == parent_id]

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

    # -- check-ins ----------------------------------------------------------

    def add_check_in(self, key_result_id: int, fields: CheckInFields) -> bool:
        return self.push(AddCheckInCommand(self.document, key_result_id, fields))

    def edit_check_in(self, check_in: CheckIn, fields: CheckInFields) -> bool:
        if CheckInFields.of(check_in) == fields:
            return False
        return self.push(EditCheckInCommand(self.document, check_in, fields))

    def delete_check_in(self, check_in: CheckIn) -> bool:
        return self.push(DeleteCheckInCommand(self.document, check_in))

    # -- coaching -----------------------------------------------------------

    def dismiss(
        self, code: str, subject_kind: str, subject_id: int, dismissed: bool = True
    ) -> bool:
        key = (code, subject_kind, subject_id)
        if (key in self.document.snapshot.dismissed) == dismissed:
            return False
        return self.push(DismissCommand(self.document, code, subject_kind, subject_id, dismissed))
