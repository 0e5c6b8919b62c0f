"""Undo commands for outcomes, key results, check-ins and coaching dismissals."""

from __future__ import annotations

from roadmapper.core.entities import CheckIn
from roadmapper.core.records import CheckInFields, KeyResultFields, OutcomeFields
from roadmapper.core.text import shorten
from roadmapper.model.enums import Level
from roadmapper.store.values import DeletedKeyResult, DeletedOutcome
from roadmapper.ui.editing.commands import DocumentCommand
from roadmapper.ui.editing.document import RoadmapDocument


class CreateOutcomeCommand(DocumentCommand):
    def __init__(
        self,
        document: RoadmapDocument,
        level: Level,
        objective: str,
        color: str | None,
        parent_id: int | None,
    ) -> None:
        super().__init__(document, f"New outcome “{shorten(objective)}”")
        self.args = (level, objective, color, parent_id)
        self.outcome_id: int | None = None
        self.deleted: DeletedOutcome | None = None

    def perform(self) -> None:
        if self.deleted is None:
            self.outcome_id = self.document.outcomes.create(*self.args).id
            self.watch("outcome", self.outcome_id)
        else:
            self.document.outcomes.restore(self.deleted)

    def revert(self) -> None:
        assert self.outcome_id is not None
        self.deleted = self.document.outcomes.delete(self.outcome_id)


class EditOutcomeCommand(DocumentCommand):
    def __init__(
        self, document: RoadmapDocument, outcome_id: int, new: OutcomeFields, text: str
    ) -> None:
        super().__init__(document, text)
        self.outcome_id = outcome_id
        self.old = OutcomeFields.of(document.snapshot.outcome_by_id[outcome_id])
        self.new = new
        self.watch("outcome", outcome_id)

    def perform(self) -> None:
        self.document.outcomes.update(self.outcome_id, self.new)

    def revert(self) -> None:
        self.document.outcomes.update(self.outcome_id, self.old)


class PlaceOutcomeCommand(DocumentCommand):
    """Drag in the outcome tree: a new place among siblings, possibly a new parent."""

    def __init__(
        self, document: RoadmapDocument, outcome_id: int, parent_id: int | None, rank: str
    ) -> None:
        outcome = document.snapshot.outcome_by_id[outcome_id]
        super().__init__(document, f"Move outcome “{shorten(outcome.objective)}”")
        self.outcome_id = outcome_id
        self.old = (outcome.parent_id, outcome.rank)
        self.new = (parent_id, rank)
        self.watch("outcome", outcome_id)

    def perform(self) -> None:
        self.document.outcomes.place(self.outcome_id, *self.new)

    def revert(self) -> None:
        self.document.outcomes.place(self.outcome_id, *self.old)


class DeleteOutcomeCommand(DocumentCommand):
    """Delete an outcome and its key results; its cards stay, unlinked, until undo."""

    def __init__(self, document: RoadmapDocument, outcome_id: int) -> None:
        outcome = document.snapshot.outcome_by_id[outcome_id]
        super().__init__(document, f"Delete outcome “{shorten(outcome.objective)}”")
        self.outcome_id = outcome_id
        self.deleted: DeletedOutcome | None = None
        self.watch("outcome", outcome_id)

    def perform(self) -> None:
        self.deleted = self.document.outcomes.delete(self.outcome_id)

    def revert(self) -> None:
        assert self.deleted is not None
        self.document.outcomes.restore(self.deleted)


class CreateKeyResultCommand(DocumentCommand):
    def __init__(self, document: RoadmapDocument, outcome_id: int, fields: KeyResultFields) -> None:
        super().__init__(document, f"New key result “{shorten(fields.name)}”")
        self.outcome_id, self.fields = outcome_id, fields
        self.key_result_id: int | None = None
        self.deleted: DeletedKeyResult | None = None

    def perform(self) -> None:
        if self.deleted is None:
            self.key_result_id = self.document.key_results.create(self.outcome_id, self.fields).id
            self.watch("key_result", self.key_result_id)
        else:
            self.document.key_results.restore(self.deleted)

    def revert(self) -> None:
        assert self.key_result_id is not None
        self.deleted = self.document.key_results.delete(self.key_result_id)


class EditKeyResultCommand(DocumentCommand):
    def __init__(
        self, document: RoadmapDocument, key_result_id: int, fields: KeyResultFields
    ) -> None:
        kr = document.snapshot.key_result_by_id[key_result_id]
        super().__init__(document, f"Edit key result “{shorten(kr.name)}”")
        self.key_result_id = key_result_id
        self.old = KeyResultFields.of(kr)
        self.new = fields
        self.watch("key_result", key_result_id)

    def perform(self) -> None:
        self.document.key_results.update(self.key_result_id, self.new)

    def revert(self) -> None:
        self.document.key_results.update(self.key_result_id, self.old)


class DeleteKeyResultCommand(DocumentCommand):
    def __init__(self, document: RoadmapDocument, key_result_id: int) -> None:
        kr = document.snapshot.key_result_by_id[key_result_id]
        super().__init__(document, f"Delete key result “{shorten(kr.name)}”")
        self.key_result_id = key_result_id
        self.deleted: DeletedKeyResult | None = None
        self.watch("key_result", key_result_id)

    def perform(self) -> None:
        self.deleted = self.document.key_results.delete(self.key_result_id)

    def revert(self) -> None:
        assert self.deleted is not None
        self.document.key_results.restore(self.deleted)


class AddCheckInCommand(DocumentCommand):
    def __init__(
        self, document: RoadmapDocument, key_result_id: int, fields: CheckInFields
    ) -> None:
        kr = document.snapshot.key_result_by_id[key_result_id]
        super().__init__(document, f"Check in “{shorten(kr.name)}”")
        self.key_result_id, self.fields = key_result_id, fields
        self.record: CheckIn | None = None

    def perform(self) -> None:
        if self.record is None:
            self.record = self.document.check_ins.add(self.key_result_id, self.fields)
            self.watch("check_in", self.record.id)
        else:
            self.document.check_ins.restore(self.record)

    def revert(self) -> None:
        assert self.record is not None
        self.document.check_ins.delete(self.record.id)


class EditCheckInCommand(DocumentCommand):
    def __init__(self, document: RoadmapDocument, check_in: CheckIn, fields: CheckInFields) -> None:
        super().__init__(document, f"Edit check-in of {check_in.date.isoformat()}")
        self.check_in_id = check_in.id
        self.old, self.new = CheckInFields.of(check_in), fields
        self.watch("check_in", check_in.id)

    def perform(self) -> None:
        self.document.check_ins.update(self.check_in_id, self.new)

    def revert(self) -> None:
        self.document.check_ins.update(self.check_in_id, self.old)


class DeleteCheckInCommand(DocumentCommand):
    def __init__(self, document: RoadmapDocument, check_in: CheckIn) -> None:
        super().__init__(document, f"Delete check-in of {check_in.date.isoformat()}")
        self.check_in_id = check_in.id
        self.record: CheckIn | None = None
        self.watch("check_in", check_in.id)

    def perform(self) -> None:
        self.record = self.document.check_ins.delete(self.check_in_id)

    def revert(self) -> None:
        assert self.record is not None
        self.document.check_ins.restore(self.record)


class DismissCommand(DocumentCommand):
    """Hide a coaching finding for good (or bring it back)."""

    def __init__(
        self,
        document: RoadmapDocument,
        code: str,
        subject_kind: str,
        subject_id: int,
        dismissed: bool,
    ) -> None:
        verb = "Dismiss" if dismissed else "Restore"
        super().__init__(document, f"{verb} coaching note “{code}”")
        self.key = (code, subject_kind, subject_id)
        self.dismissed = dismissed

    def perform(self) -> None:
        self.document.dismissals.set(*self.key, self.dismissed)

    def revert(self) -> None:
        self.document.dismissals.set(*self.key, not self.dismissed)
