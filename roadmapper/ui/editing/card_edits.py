"""Initiative edits of the document (``document.cards``): store first, then the cards in memory.

Every write names the version of each card as this window last saw it; the store
refuses it (``StaleError``) when another writer changed the card meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from roadmapper.core.entities import Initiative
from roadmapper.core.records import InitiativeFields
from roadmapper.store.values import CardMove, Slot

if TYPE_CHECKING:
    from roadmapper.ui.editing.document import CardSlot, RoadmapDocument


class CardEdits:
    """Move, create, edit, delete and restore cards; each is one store transaction."""

    def __init__(self, document: RoadmapDocument) -> None:
        self._document = document

    def move(self, slots: Sequence[CardSlot]) -> list[Initiative]:
        """Move cards to their slots: one transaction, one row written per card."""
        document = self._document
        moves = [CardMove(i, document.card(i).version, slot) for i, slot in slots]
        cards = document.store.initiatives.move(moves)
        document.place_cards(cards)
        return cards

    def create(self, fields: InitiativeFields, slot: Slot) -> Initiative:
        document = self._document
        card = document.store.initiatives.create(document.roadmap_id, fields, slot)
        document.add_cards([card])
        return card

    def update(self, initiative_id: int, fields: InitiativeFields) -> Initiative:
        document = self._document
        version = document.card(initiative_id).version
        card = document.store.initiatives.update(initiative_id, fields, version)
        document.replace_card(card)  # same place: the version check rules out a move elsewhere
        return card

    def remove(self, ids: Sequence[int]) -> list[Initiative]:
        """Delete cards; the returned records let ``restore`` put them back exactly."""
        document = self._document
        records = document.store.initiatives.delete([(i, document.card(i).version) for i in ids])
        document.drop_cards(records)
        return records

    def restore(self, records: Sequence[Initiative]) -> list[Initiative]:
        restored = self._document.store.initiatives.restore(records)
        self._document.add_cards(restored)
        return restored
