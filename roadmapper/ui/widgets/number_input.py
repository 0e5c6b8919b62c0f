"""A validator for typed numbers that never swallows a key: the text stays, marked unacceptable."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QValidator

from roadmapper.core import okr
from roadmapper.core.errors import InvalidInputError


def typed_number(text: str) -> float | None:
    """``text`` as a number (``okr.parse_number``), or ``None`` when it is empty or not one."""
    try:
        return okr.parse_number(text)
    except InvalidInputError:
        return None


class NumberValidator(QValidator):
    """Acceptable when ``okr.parse_number`` reads the text (and, if allowed, when it is empty).

    Never Invalid: a key that cannot make a number is kept, so "12,5" shows as
    typed and is refused, rather than silently becoming "125".
    """

    def __init__(self, parent: QObject | None = None, allow_empty: bool = False) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """QValidator.validate."""
        if (self.allow_empty and not text.strip()) or typed_number(text) is not None:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos
