"""Undo commands: tiny records of ids and old/new values, applied through the document."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from roadmapper.core.entities import Initiative
from roadmapper.core.records import InitiativeFields
from roadmapper.core.text import shorten
from roadmapper.model.enums import Column
from roadmapper.ui.editing.document import Placement, RoadmapDocument


def _name(document: RoadmapDocument, ids: Sequence[int], verb: str) -> str:
    if len(ids) == 1:
        return f"{verb} “{shorten(document.card(ids[0]).title)}”"
    return f"{verb} {len(ids)} initiatives"


class DocumentCommand(QUndoCommand):
    """A command whose first ``redo`` already happened in ``Editor.push``.

    The editor performs the change once before pushing, so a refusal (a
    rule broken, a row gone) is reported and nothing lands on the stack.
    """

    def __init_subclass__(cls, **kwargs: object) -> None:
        # Shiboken's metaclass ignores ``abstractmethod``, so a command that forgot
        # one of the two is refused here, when its module is imported.
        super().__init_subclass__(**kwargs)
        missing = [n for n in ("perform", "revert") if n not in vars(cls)]
        if missing:
            raise TypeError(f"{cls.__name__} must define {' and '.join(missing)}.")

    def __init__(self, document: RoadmapDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._done = False

    def mark_performed(self) -> None:
        """The change is already done: the stack's first ``redo`` must not repeat it."""
        self._done = True

    @abstractmethod
    def perform(self) -> None:
        """Make the change through one of the document's edit parts."""

    @abstractmethod
    def revert(self) -> None:
        """Take the change back, leaving the store and the document as before ``perform``."""

    def redo(self) -> None:
        """QUndoCommand.redo: skip the push-time call, since ``perform`` already ran."""
        if self._done:
            self._done = False
            return
        self.perform()

    def undo(self) -> None:
        """QUndoCommand.undo."""
        self.revert()


class MoveCommand(DocumentCommand):
    """Move cards to a place in a column (drag and drop, keyboard, menu)."""

    def __init__(
        self, document: RoadmapDocument, ids: Sequence[int], column: Column, index: int
    ) -> None:
        verb = "Reorder" if all(document.card(i).column is column for i in ids) else "Move"
        super().__init__(document, _name(document, ids, verb))
        self.before: list[Placement] = document.current_placements(ids)
        self.after: list[Placement] = document.placements_for(ids, column, index)

    def perform(self) -> None:
        self.document.cards.apply_placements(self.after)

    def revert(self) -> None:
        self.document.cards.apply_placements(self.before)


class CreateCommand(DocumentCommand):
    """Add a new initiative; undo deletes it, redo brings back the same record."""

    def __init__(
        self,
        document: RoadmapDocument,
        fields: InitiativeFields,
        column: Column,
        rank: str | None = None,
    ) -> None:
        super().__init__(document, f"New “{shorten(fields.title)}”")
        self.fields, self.column, self.rank = fields, column, rank
        self.record: Initiative | None = None

    def perform(self) -> None:
        if self.record is None:
            self.record = self.document.cards.create(self.fields, self.column, self.rank)
        else:
            self.document.cards.restore([self.record])

    def revert(self) -> None:
        assert self.record is not None
        (self.record,) = self.document.cards.remove([self.record.id])


class EditCommand(DocumentCommand):
    """Change what an initiative says (title, outcome, key results, hypothesis...)."""

    def __init__(
        self, document: RoadmapDocument, initiative_id: int, fields: InitiativeFields
    ) -> None:
        super().__init__(document, _name(document, [initiative_id], "Edit"))
        old = document.card(initiative_id)
        self.initiative_id = initiative_id
        self.old = InitiativeFields.of(old)
        self.new = fields

    def perform(self) -> None:
        self.document.cards.update(self.initiative_id, self.new)

    def revert(self) -> None:
        self.document.cards.update(self.initiative_id, self.old)


class DeleteCommand(DocumentCommand):
    """Delete cards; undo restores them with the same ids, places and links."""

    def __init__(self, document: RoadmapDocument, ids: Sequence[int]) -> None:
        super().__init__(document, _name(document, ids, "Delete"))
        self.ids = list(ids)
        self.records: list[Initiative] = []

    def perform(self) -> None:
        self.records = self.document.cards.remove(self.ids)

    def revert(self) -> None:
        self.document.cards.restore(self.records)
