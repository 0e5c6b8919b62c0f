"""The why chain: a card's output, the key results it should move, and the outcomes above."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from roadmapper.core.entities import Initiative, Outcome, RoadmapSnapshot
from roadmapper.model.enums import Column, Level
from roadmapper.render.wrap import elide_words
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.widgets.labels import PAD_X, LinkButton, MutedLabel

EMPTY_HINT = "Select a card to see why it is on the roadmap"
NO_KEY_RESULT = "No key result: pick the ones this should move"
NO_OUTCOME = "No outcome: link it to the product outcome it serves"
NO_BUSINESS = "Product outcome drives no business outcome: give it a parent"

ARROW = "↓"
STEP_OUTPUT = "Output"
STEP_KEY_RESULTS = "should move the key results"
STEP_KEY_RESULT = "should move the key result"
STEP_PRODUCT = "of the product outcome"
STEP_BUSINESS = "which drives the business outcome"
STEP_BUSINESS_DIRECT = "of the business outcome"


class ChainLink(LinkButton):
    """A link of the chain whose text, when too long, is cut at a word with "…"."""

    def shown_text(self) -> str:
        """The text as painted at the present width: whole, or cut at a word with "…"."""
        fm = self.fontMetrics()
        room = max(0, self.width() - self._text_left() - PAD_X)
        return elide_words(
            self.full_text,
            lambda text: fm.horizontalAdvance(text) <= room,
            lambda text: fm.elidedText(text, Qt.TextElideMode.ElideRight, room),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QPushButton.paintEvent; the base paints, given the text already cut at a word."""
        whole = self.full_text
        # The base elides by letters; handed a text that fits, it leaves our word cut as is.
        self.full_text = self.shown_text()
        try:
            super().paintEvent(event)
        finally:
            self.full_text = whole


class WhyChain(QWidget):
    """For one card: output -> key results -> product outcome -> business outcome.

    Every link is a button; a missing link says what to add and asks for it when clicked.
    """

    outcome_clicked = Signal(int)
    """An outcome of the chain was clicked (also: "give it a parent" for a product outcome)."""
    key_result_clicked = Signal(int)
    edit_card_requested = Signal(int)
    """The card itself, or one of its missing links, was clicked: edit the card."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("why-chain")
        self.setAccessibleName("Why this card is on the roadmap")
        self.editor = editor
        self.card_id: int | None = None
        self.links: list[LinkButton] = []
        """The buttons of the chain, top to bottom (for keyboard order and tests)."""
        self._built: tuple[object, ...] | None = None
        """What the chain shows beyond its first link (``_beyond``), as last built."""
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(3)
        self.hint = MutedLabel(EMPTY_HINT)
        self.hint.setObjectName("why-chain-hint")
        self._box.addWidget(self.hint)
        self._chain = QWidget(self)
        self._rows = QVBoxLayout(self._chain)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(3)
        self._box.addWidget(self._chain)
        self._box.addStretch(1)
        doc = editor.document
        doc.reset.connect(self._reset)
        doc.okrs_changed.connect(self._follow)
        doc.changed.connect(self._card_changed)
        doc.removed.connect(self._card_removed)
        doc.moved.connect(self._cards_moved)
        self.show_card(None)

    def show_card(self, card_id: int | None) -> None:
        """Show the chain of ``card_id``; ``None`` (or a card that is gone): the hint."""
        if card_id is not None and not self.editor.document.has_card(card_id):
            card_id = None
        self.card_id = card_id
        self._rebuild()

    def _reset(self) -> None:
        self.show_card(None)

    def _card_changed(self, card_id: int) -> None:
        if card_id == self.card_id:
            self._follow()

    def _follow(self) -> None:
        """The card or the OKRs changed: rebuild only if the chain beyond the card did
        (a renamed card, a check-in, a new key result elsewhere leave the rest as it was)."""
        doc = self.editor.document
        shown = self.card_id
        if shown is None or not doc.has_card(shown) or not self.links:
            self._rebuild()
            return
        card = doc.card(shown)
        if self._beyond(card, doc.snapshot) != self._built:
            self._rebuild()
            return
        self.links[0].set_text(card.title, self._output_tip(card))

    @staticmethod
    def _beyond(card: Initiative, snapshot: RoadmapSnapshot) -> tuple[object, ...]:
        """Everything the links after the first one show, for ``_follow`` to compare."""
        by_id, outcomes = snapshot.key_result_by_id, snapshot.outcome_by_id
        krs = tuple(
            (k.id, k.name, getattr(outcomes.get(k.outcome_id), "color", None))
            for k in (by_id[i] for i in card.key_result_ids if i in by_id)
        )
        outcome = snapshot.outcome_of(card)
        parent = outcomes.get(outcome.parent_id) if outcome and outcome.parent_id else None
        return card.id, krs, outcome, parent

    def _cards_moved(self, changes: list[tuple[int, object, object]]) -> None:
        """A move changes nothing in the chain but the column its first link names."""
        shown = self.card_id
        if shown is not None and self.links and any(c == shown for c, _old, _new in changes):
            self.links[0].set_tip(self._output_tip(self.editor.document.card(shown)))

    def _card_removed(self, card_id: int, _column: object) -> None:
        if card_id == self.card_id:
            self.show_card(None)

    # -- building -----------------------------------------------------------

    def _clear(self) -> None:
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.links = []

    def _rebuild(self) -> None:
        self._clear()
        doc = self.editor.document
        if self.card_id is None or not doc.has_card(self.card_id):
            self.card_id = None
            self.hint.show()
            self._chain.hide()
            return
        self.hint.hide()
        self._chain.show()
        card = doc.card(self.card_id)
        snapshot = doc.snapshot
        self._built = self._beyond(card, snapshot)
        self._step(STEP_OUTPUT, first=True)
        tip = self._output_tip(card)
        self._link(card.title, tip, self._emitter(self.edit_card_requested, card.id))
        self._key_results(card, snapshot)
        self._outcomes(card, snapshot)

    @staticmethod
    def _output_tip(card: Initiative) -> str:
        column = "" if card.column is Column.DONE else f" in {card.column.label}"
        return f"Output{column}: {card.title}\nClick to edit the initiative."

    def _key_results(self, card: Initiative, snapshot: RoadmapSnapshot) -> None:
        by_id = snapshot.key_result_by_id
        krs = [by_id[k] for k in card.key_result_ids if k in by_id]
        self._step(STEP_KEY_RESULTS if len(krs) > 1 else STEP_KEY_RESULT)
        if not krs:
            self._missing(NO_KEY_RESULT, self._emitter(self.edit_card_requested, card.id))
        for kr in krs:
            owner = snapshot.outcome_by_id.get(kr.outcome_id)
            tip = f"Key result: {kr.name}\nClick to see its check-ins."
            emit = self._emitter(self.key_result_clicked, kr.id)
            self._link(kr.name, tip, emit, color=None if owner is None else owner.color)

    def _outcomes(self, card: Initiative, snapshot: RoadmapSnapshot) -> None:
        outcome = snapshot.outcome_of(card)
        if outcome is None:
            self._step(STEP_PRODUCT)
            self._missing(NO_OUTCOME, self._emitter(self.edit_card_requested, card.id))
            return
        if outcome.level is Level.BUSINESS:
            self._step(STEP_BUSINESS_DIRECT)
            self._outcome_link(outcome)
            return
        self._step(STEP_PRODUCT)
        self._outcome_link(outcome)
        parent = snapshot.outcome_by_id.get(outcome.parent_id) if outcome.parent_id else None
        self._step(STEP_BUSINESS)
        if parent is None:
            self._missing(NO_BUSINESS, self._emitter(self.outcome_clicked, outcome.id))
        else:
            self._outcome_link(parent)

    def _outcome_link(self, outcome: Outcome) -> None:
        kind = "Business outcome" if outcome.level is Level.BUSINESS else "Product outcome"
        tip = f"{kind}: We will {outcome.objective}\nClick to see the outcome and its key results."
        emit = self._emitter(self.outcome_clicked, outcome.id)
        self._link(outcome.objective, tip, emit, color=outcome.color)

    @staticmethod
    def _emitter(signal: SignalInstance, value: int) -> Callable[[], None]:
        return lambda: signal.emit(value)

    def _step(self, text: str, *, first: bool = False) -> None:
        label = MutedLabel(text if first else f"{ARROW}  {text}", wrap=False)
        label.setObjectName("why-step")
        label.setContentsMargins(2, 0 if first else 2, 0, 0)
        self._rows.addWidget(label)
        label.show()

    def _link(
        self, text: str, tip: str, slot: Callable[[], None], *, color: str | None = None
    ) -> None:
        self._add_button(ChainLink(text, tooltip=tip, color=color), slot)

    def _missing(self, text: str, slot: Callable[[], None]) -> None:
        button = ChainLink(text, tooltip=text, missing=True)
        button.setObjectName("why-missing")
        self._add_button(button, slot)

    def _add_button(self, button: LinkButton, slot: Callable[[], None]) -> None:
        button.clicked.connect(slot)
        self.links.append(button)
        self._rows.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        button.show()  # at once, not when the layout next activates
