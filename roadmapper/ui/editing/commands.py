"""Undo commands: tiny records of ids and old/new values, applied through the document."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from roadmapper.core.entities import Initiative
from roadmapper.core.errors import ELSEWHERE, RoadmapperError, StaleError
from roadmapper.core.records import InitiativeFields
from roadmapper.core.text import shorten
from roadmapper.model.enums import Column
from roadmapper.store.values import Slot
from roadmapper.ui.editing.document import CardSlot, Item, RoadmapDocument


def _name(document: RoadmapDocument, ids: Sequence[int], verb: str) -> str:
    if len(ids) == 1:
        return f"{verb} “{shorten(document.card(ids[0]).title)}”"
    return f"{verb} {len(ids)} initiatives"


class DocumentCommand(QUndoCommand):
    """A command whose first ``redo`` already happened in ``Editor.push``.

    The editor performs the change once before pushing, so a refusal (a
    rule broken, a row gone) is reported and nothing lands on the stack. Undo
    and redo go through ``Editor.undo``/``Editor.redo`` the same way: the
    editor reverts or performs first, and only when that worked moves the
    stack, whose own call of ``undo``/``redo`` is then skipped.
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
        self._skip = False
        self._watched: dict[Item, int] = {}

    def watch(self, kind: str, item_id: int) -> None:
        """This step writes ``item``: undo and redo refuse once it was changed elsewhere."""
        self._watched[(kind, item_id)] = self.document.changes_elsewhere((kind, item_id))

    def check_unchanged_elsewhere(self) -> None:
        """Raise ``StaleError`` if an item of this step was changed by another writer since."""
        for item, seen in self._watched.items():
            if self.document.changes_elsewhere(item) != seen:
                name = self.document.name_of(item)
                what = f"“{name}”" if name else "something this step changed"
                raise StaleError(
                    f"{what} was changed or deleted {ELSEWHERE} since, so “{self.text()}” "
                    "cannot be undone or redone without losing that change.",
                    item[0],
                    item[1],
                    deleted=False,
                )

    def mark_performed(self) -> None:
        """The change is already done: the stack's next ``redo``/``undo`` must not repeat it."""
        self._skip = True

    @abstractmethod
    def perform(self) -> None:
        """Make the change through one of the document's edit parts."""

    @abstractmethod
    def revert(self) -> None:
        """Take the change back, leaving the store and the document as before ``perform``."""

    def redo(self) -> None:
        """QUndoCommand.redo: skipped when the editor already performed it."""
        if self._skip:
            self._skip = False
            return
        self.perform()

    def undo(self) -> None:
        """QUndoCommand.undo: skipped when the editor already reverted it."""
        if self._skip:
            self._skip = False
            return
        self.revert()


class MoveCommand(DocumentCommand):
    """Move cards to a place in a column (drag and drop, keyboard, menu)."""

    def __init__(
        self, document: RoadmapDocument, ids: Sequence[int], column: Column, index: int
    ) -> None:
        verb = "Reorder" if all(document.card(i).column is column for i in ids) else "Move"
        super().__init__(document, _name(document, ids, verb))
        self.before: list[CardSlot] = document.current_slots(ids)
        self.after: list[CardSlot] = document.slots_for(ids, column, index)
        for card_id in ids:
            self.watch("initiative", card_id)

    def perform(self) -> None:
        self.document.cards.move(self.after)

    def revert(self) -> None:
        self.document.cards.move(self.before)


class CreateCommand(DocumentCommand):
    """Add a new initiative; undo deletes it, redo brings back the same record."""

    def __init__(
        self,
        document: RoadmapDocument,
        fields: InitiativeFields,
        slot: Slot,
    ) -> None:
        super().__init__(document, f"New “{shorten(fields.title)}”")
        self.fields, self.slot = fields, slot
        self.record: Initiative | None = None

    def perform(self) -> None:
        if self.record is None:
            self.record = self.document.cards.create(self.fields, self.slot)
            self.watch("initiative", self.record.id)
        else:
            (self.record,) = self.document.cards.restore([self.record])

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
        self.watch("initiative", initiative_id)

    def perform(self) -> None:
        self.document.cards.update(self.initiative_id, self.new)

    def revert(self) -> None:
        self.document.cards.update(self.initiative_id, self.old)


class EditMoveCommand(DocumentCommand):
    """The initiative dialog's OK: new fields and another column, as one all-or-nothing step."""

    def __init__(
        self,
        document: RoadmapDocument,
        initiative_id: int,
        fields: InitiativeFields,
        column: Column,
    ) -> None:
        super().__init__(document, f"Edit “{shorten(fields.title)}”")
        self.edit = EditCommand(document, initiative_id, fields)
        self.move = MoveCommand(document, [initiative_id], column, document.count(column))
        self.watch("initiative", initiative_id)

    def perform(self) -> None:
        self.edit.perform()
        try:
            self.move.perform()
        except RoadmapperError:
            self.edit.revert()  # this window's own write of a moment ago: nothing else between
            raise

    def revert(self) -> None:
        self.move.revert()
        try:
            self.edit.revert()
        except RoadmapperError:
            self.move.perform()
            raise


class DeleteCommand(DocumentCommand):
    """Delete cards; undo restores them with the same ids, places and links."""

    def __init__(self, document: RoadmapDocument, ids: Sequence[int]) -> None:
        super().__init__(document, _name(document, ids, "Delete"))
        self.ids = list(ids)
        self.records: list[Initiative] = []
        for card_id in self.ids:
            self.watch("initiative", card_id)

    def perform(self) -> None:
        self.records = self.document.cards.remove(self.ids)

    def revert(self) -> None:
        self.records = self.document.cards.restore(self.records)
