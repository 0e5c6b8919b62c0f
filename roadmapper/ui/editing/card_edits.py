"""Initiative edits of the document (``document.cards``): store first, then the cards in memory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from roadmapper.core.entities import Initiative
from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column

if TYPE_CHECKING:
    from roadmapper.ui.editing.document import Placement, RoadmapDocument


class CardEdits:
    """Move, create, edit, delete and restore cards; each is one store transaction."""

    def __init__(self, document: RoadmapDocument) -> None:
        self._document = document

    def apply_placements(self, placements: Sequence[Placement]) -> None:
        """Move cards: one transaction, one row written per card."""
        self._document.store.initiatives.move(placements)
        self._document.place_cards(placements)

    def create(self, fields: InitiativeFields, column: Column, rank: str | None) -> Initiative:
        document = self._document
        card = document.store.initiatives.create(document.roadmap_id, fields, column, rank)
        document.add_cards([card])
        return card

    def update(self, initiative_id: int, fields: InitiativeFields) -> Initiative:
        card = self._document.store.initiatives.update(initiative_id, fields)
        self._document.replace_card(card)
        return card

    def remove(self, ids: Sequence[int]) -> list[Initiative]:
        """Delete cards; the returned records let ``restore`` put them back exactly."""
        records = self._document.store.initiatives.delete(ids)
        self._document.drop_cards(records)
        return records

    def restore(self, records: Sequence[Initiative]) -> None:
        self._document.add_cards(self._document.store.initiatives.restore(records))
