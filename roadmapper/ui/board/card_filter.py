"""The board's filter: which cards hold the typed text, found fast enough to follow typing.

A card matches when its title, description, hypothesis or its outcome's objective
holds the text, without regard to case. Each card's text is joined and folded once
and kept until that card (or an objective) changes. What a text matched is kept
too, while no card changes: typing one more letter then looks only at the cards
the shorter text matched, and a Backspace finds the shorter text's answer kept.
The answers used last are kept, ``KEPT_ANSWERS`` of them: on a large roadmap each
can hold the ids of most cards.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject

from roadmapper.core.entities import Initiative
from roadmapper.ui.editing.document import RoadmapDocument

KEPT_ANSWERS = 8
"""A word typed and rubbed out again letter by letter; at 10,000 cards each is up to 256 KB."""


class CardFilter(QObject):
    """Folded card texts and recent answers, kept in step with ``document``."""

    def __init__(self, document: RoadmapDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._texts: dict[int, str] = {}
        """Card id -> the folded text a filter reads."""
        self._objectives = self._current_objectives()
        """Outcome id -> objective, as the texts were folded with."""
        self._answers: OrderedDict[str, frozenset[int]] = OrderedDict()
        """Needle -> the ids of the cards that hold it, while no card changes; the one
        used last is last."""
        # Slots of this QObject, not lambdas: Qt drops them when the board goes.
        document.reset.connect(self._forget_all)
        document.okrs_changed.connect(self._objectives_changed)
        document.changed.connect(self._forget_card)
        document.added.connect(self._forget_card)
        document.removed.connect(self._forget_card)

    def matching(self, needle: str) -> tuple[frozenset[int], Callable[[Initiative], bool]]:
        """The ids of every card that holds ``needle`` (folded), and the test for one card."""
        found = self._answers.get(needle)
        if found is not None:
            self._answers.move_to_end(needle)
        else:
            # A kept answer for a part of the needle holds every card that can match.
            wider = [ids for known, ids in self._answers.items() if known in needle]
            if wider:
                pool: frozenset[int] | list[int] = min(wider, key=len)
            else:
                pool = [card.id for card in self.document.all_cards()]
            text_of = self._text_of
            found = frozenset(i for i in pool if needle in text_of(i))
            self._answers[needle] = found
            if len(self._answers) > KEPT_ANSWERS:
                self._answers.popitem(last=False)

        def matches(card: Initiative) -> bool:
            return needle in self._text_of(card.id)

        return found, matches

    def _text_of(self, card_id: int) -> str:
        text = self._texts.get(card_id)
        if text is None:
            card = self.document.card(card_id)
            objective = ""
            if card.outcome_id is not None:
                outcome = self.document.snapshot.outcome_by_id.get(card.outcome_id)
                objective = outcome.objective if outcome is not None else ""
            joined = " ".join((card.title, card.description, card.hypothesis, objective))
            text = self._texts[card_id] = joined.casefold()
        return text

    def _forget_all(self) -> None:
        self._texts.clear()
        self._answers.clear()
        self._objectives = self._current_objectives()

    def _forget_card(self, card_id: int, *_rest: object) -> None:
        self._texts.pop(card_id, None)
        self._answers.clear()

    def _objectives_changed(self) -> None:
        """Outcomes may have been renamed: only then do the cards' texts change."""
        objectives = self._current_objectives()
        if objectives != self._objectives:
            self._forget_all()

    def _current_objectives(self) -> dict[int, str]:
        return {o.id: o.objective for o in self.document.snapshot.outcomes}
