"""The outcome legend: one chip per outcome colour; clicking one highlights its cards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QSizePolicy, QToolButton, QWidget

from roadmapper.core.entities import Initiative, Outcome
from roadmapper.core.text import shorten
from roadmapper.model.enums import Level
from roadmapper.ui.widgets.flow_layout import FlowLayout
from roadmapper.ui.widgets.icons import swatch
from roadmapper.ui.widgets.labels import plain_label
from roadmapper.ui.widgets.plain_text import plain_tip

MAX_LABEL = 38


def legend_outcomes(
    outcomes: Sequence[Outcome], cards: Iterable[Initiative]
) -> list[tuple[int, str, str]]:
    """(id, label, colour) of the outcomes whose colour can appear on a card.

    Every product outcome, and a business outcome once a card serves it directly.
    """
    with_cards = {c.outcome_id for c in cards if c.outcome_id is not None}
    return [
        (o.id, o.objective, o.color)
        for o in outcomes
        if o.level is Level.PRODUCT or o.id in with_cards
    ]


class OutcomeLegend(QWidget):
    """A row of outcome chips; at most one is checked, and it can be unchecked again."""

    highlight_changed = Signal(object)
    """The outcome id to highlight, or ``None``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome-legend")
        self.setAccessibleName("Outcome legend")
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(8, 2, 8, 2)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self._group.idClicked.connect(self._clicked)
        self._buttons: dict[int, QToolButton] = {}
        self._entries: list[tuple[int, str, str]] | None = None

    def buttons(self) -> dict[int, QToolButton]:
        return dict(self._buttons)

    def set_outcomes(self, outcomes: Sequence[Outcome], cards: Iterable[Initiative]) -> None:
        """Rebuild the chips (a handful of widgets), only when what they show changed."""
        entries = legend_outcomes(outcomes, cards)
        if entries == self._entries:
            return  # a check-in, a move, a title edit: nothing here to redraw
        self._entries = entries
        checked = self.current()
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._buttons.clear()
        title = plain_label("Outcomes:")
        title.setEnabled(False)
        self._layout.addWidget(title)
        for outcome_id, label, color in entries:
            button = QToolButton()
            short = shorten(label, MAX_LABEL)
            button.setText(short)
            button.setToolTip(
                plain_tip(f"{label}\nClick to highlight its initiatives; click again to show all.")
            )
            button.setAccessibleName(label)
            button.setIcon(swatch(color))
            button.setIconSize(QSize(12, 12))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setChecked(outcome_id == checked)
            self._group.addButton(button, outcome_id)
            self._buttons[outcome_id] = button
            self._layout.addWidget(button)
        if checked is not None and checked not in self._buttons:
            self.highlight_changed.emit(None)

    def current(self) -> int | None:
        return next((i for i, b in self._buttons.items() if b.isChecked()), None)

    def set_current(self, outcome_id: int | None) -> None:
        for button_id, button in self._buttons.items():
            button.setChecked(button_id == outcome_id)
        self.highlight_changed.emit(outcome_id)

    def _clicked(self, outcome_id: int) -> None:
        button = self._buttons[outcome_id]
        self.set_current(outcome_id if button.isChecked() else None)
