"""A slide card laid out: the levels of detail and every part placed in page coordinates.

Plain values that :mod:`roadmapper.render.slide_card` produces and the painters and
the PowerPoint writer read; nothing here measures or paints.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QRectF

from roadmapper.core.card_content import CardData, ChipData


class Detail(IntEnum):
    """What a card keeps, most first; each level gives up one more thing (README: Exports)."""

    FULL = 0  # outcome line, title, note, key-result chips with whole labels
    NO_OUTCOME_LINE = 1  # the stripe and the legend still say the outcome
    ONE_CHIP_ROW = 2  # chip labels share one row, cut at a word where they must
    NO_NOTE = 3  # the Now card's hypothesis, the Done card's result
    METERS_ONLY = 4  # chips keep their tier meters, not their labels


class Tone(IntEnum):
    """How a line of text is set: the painters and the slide writer pick font and ink by it."""

    OUTCOME = 0  # the outcome's objective, semibold, in the outcome's colour
    UNLINKED = 1  # "No outcome", italic, muted
    TITLE = 2
    RESULT = 3  # "Result: ...", regular
    QUIET = 4  # a hypothesis or a missing result, italic, muted
    CHIP = 5  # a chip label
    NO_CHIP = 6  # "No key result linked", muted


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text in ``rect`` (its height is the font's), with ``full`` what was cut."""

    text: str
    rect: QRectF
    tone: Tone
    full: str  # the whole text this line shows part of: the slide writer keeps it all


@dataclass(frozen=True, slots=True)
class ChipBox:
    """A key-result pill: an optional label and a tier meter (squares, or a bar)."""

    rect: QRectF
    label: TextLine | None  # None: the meter alone
    meter: tuple[QRectF, ...]  # one square per tier; one bar when the key result has no tiers
    reached: int  # squares filled
    fraction: float | None  # the bar's fill when there are no tiers
    chip: ChipData


@dataclass(frozen=True, slots=True)
class CardLayout:
    """Everything one card shows, placed in page coordinates."""

    rect: QRectF
    scale: float
    data: CardData
    dot: QRectF  # the outcome dot (hollow when the card has no outcome)
    outcome: TextLine | None  # None at Detail.NO_OUTCOME_LINE and below
    title: tuple[TextLine, ...]
    note: TextLine | None
    chips: tuple[ChipBox, ...]
    no_chips: TextLine | None  # "No key result linked" when chips are shown but none is linked

    @property
    def title_whole(self) -> bool:
        """True when the title lines show every word of the title."""
        return whole(tuple(line.text for line in self.title), self.data.title)


def whole(lines: tuple[str, ...], text: str) -> bool:
    """True when ``lines`` show every character of ``text`` (lines break at spaces or hyphens)."""
    return "".join(lines).replace(" ", "") == "".join(text.split())
