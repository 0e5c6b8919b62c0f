"""Closed vocabularies of the domain, shared by every layer."""

from enum import StrEnum


class Column(StrEnum):
    """A column of the board; the order of members is the order on screen."""

    NOW = "now"
    NEXT = "next"
    LATER = "later"
    DONE = "done"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Level(StrEnum):
    """Whether an outcome is a company result or a change in user behaviour."""

    BUSINESS = "business"
    PRODUCT = "product"


class Direction(StrEnum):
    """Which way a key result's metric should move."""

    INCREASE = "increase"
    DECREASE = "decrease"


class Indicator(StrEnum):
    """Leading (moves early, inside the team's influence) or lagging (company-level)."""

    LEADING = "leading"
    LAGGING = "lagging"


BOARD_COLUMNS: tuple[Column, ...] = (Column.NOW, Column.NEXT, Column.LATER)
"""The columns shown by default; Done is opt-in."""
