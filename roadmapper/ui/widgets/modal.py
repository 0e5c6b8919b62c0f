"""Modal dialogs that do not outlive their one use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


@contextmanager
def modal(dialog: D) -> Iterator[D]:
    """``with modal(SomeDialog(..., parent)) as dialog: dialog.exec() ...``

    A dialog made with the window as its parent lives as long as the window unless it
    is deleted: one per edit, each holding the roadmap it was shown with, adds up over
    a day of editing. It is deleted once control is back in the event loop, so what
    it holds can still be read inside the block.
    """
    try:
        yield dialog
    finally:
        dialog.deleteLater()
