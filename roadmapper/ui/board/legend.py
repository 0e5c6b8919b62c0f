"""The outcome legend: every outcome in tree order; picking one highlights its cards."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from roadmapper.core.entities import Outcome
from roadmapper.model.enums import Level
from roadmapper.ui.board.legend_chip import LegendChip

ALL_OUTCOMES = "All outcomes"
MAX_ROWS = 2
SPACING, GROUP_GAP, MARGIN_X, MARGIN_Y = 4, 14, 8, 2
TEXT_CAPS = (1e9, 320, 260, 210, 170, 130)
"""Widths a name may take, tried widest first until every chip fits in ``MAX_ROWS`` rows."""
PICK_TIP = "Click to highlight its initiatives; click again (or Escape on the board) to show all."
KEPT_CHIP_SETS = 3
"""Chip sets kept hidden for roadmaps shown before (as many as the window keeps roadmaps)."""


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One outcome as the legend shows it."""

    outcome_id: int
    label: str
    color: str
    business: bool


_Layout = tuple[list[tuple[int, int]], list[int], int]
"""(row, x) of each chip that fits, every chip's width, and how many fit."""
_ChipSet = tuple[dict[int, LegendChip], dict[tuple[int, int], _Layout]]
"""A roadmap's chips by outcome id, and their layouts."""


def legend_entries(tree: Sequence[tuple[Outcome, int]]) -> list[LegendEntry]:
    """Every outcome, in the tree's order: a business outcome, then the product outcomes
    that drive it; cards or not, so the legend always reads like the tree."""
    return [
        LegendEntry(o.id, o.objective, o.color, o.level is Level.BUSINESS) for o, _depth in tree
    ]


def flow(
    widths: Sequence[int], gaps: Sequence[int], width: int, rows: int, more: int
) -> tuple[list[tuple[int, int]], int]:
    """(row, x) of the items that fit, in order, in ``rows`` rows ``width`` wide.

    ``gaps[i]`` is the space before item ``i`` when it is not first in its row.
    When some do not fit, the last row keeps ``more`` pixels free at its end
    for the button that lists the rest.
    """
    placed: list[tuple[int, int]] = []
    ends: list[int] = []
    row, x = 0, 0
    for w, gap in zip(widths, gaps, strict=True):
        start = x + gap if x else 0
        if x and start + w > width:
            row, start = row + 1, 0
        if row >= rows:
            break
        placed.append((row, start))
        ends.append(start + w)
        x = start + w
    if len(placed) < len(widths):
        while len(placed) > 1 and placed[-1][0] == rows - 1 and ends[-1] + SPACING + more > width:
            placed.pop()
            ends.pop()
    return placed, len(placed)


class OutcomeLegend(QWidget):
    """ "All outcomes" and one chip per outcome; exactly one is active at any time.

    At most two rows: names are cut shorter until everything fits, and what still
    does not fit goes into a "+N more" menu.
    """

    highlight_changed = Signal(object)
    """The outcome id to highlight, or ``None``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome-legend")
        self.setAccessibleName("Outcome legend")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.all_button = LegendChip(
            ALL_OUTCOMES,
            color=None,
            description="Show every initiative at full strength",
            tip="Show every initiative (Escape on the board)",
            parent=self,
        )
        self.all_button.setObjectName("legend-all-outcomes")
        self.all_button.setChecked(True)
        self.all_button.clicked.connect(lambda _checked=False: self.set_current(None))
        self.all_button.step_requested.connect(partial(self._step, self.all_button))
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("legend-more")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setAutoRaise(True)
        self.more_button.setCheckable(True)
        self.more_menu = QMenu(self.more_button)
        self.more_menu.aboutToShow.connect(self._fill_menu)
        self.more_button.setMenu(self.more_menu)
        self.more_button.hide()
        self._buttons: dict[int, LegendChip] = {}
        self._layouts: dict[tuple[int, int], _Layout] = {}
        """``_layout_for`` by (width, width of "+N more"), for the chips shown."""
        self._kept: OrderedDict[tuple[LegendEntry, ...], _ChipSet] = OrderedDict()
        """Chip sets of roadmaps shown before, hidden, oldest first (``KEPT_CHIP_SETS``)."""
        self._entries: list[LegendEntry] | None = None
        self._current: int | None = None
        self._hidden: list[LegendEntry] = []
        self._measured: tuple[int, int] | None = None  # (width, height) last measured
        self._arrange_on_show = False

    # -- reading ------------------------------------------------------------

    def buttons(self) -> dict[int, LegendChip]:
        """The outcome chips by outcome id, in tree order (without "All outcomes")."""
        return dict(self._buttons)

    def hidden_ids(self) -> list[int]:
        """Outcomes that did not fit and are listed under "+N more"."""
        return [e.outcome_id for e in self._hidden]

    def current(self) -> int | None:
        return self._current

    def focus_chain(self) -> list[QWidget]:
        """The legend's focusable widgets in reading order, for the board's tab order."""
        chips: list[QWidget] = [self.all_button, *self._buttons.values(), self.more_button]
        return chips

    # -- changing -----------------------------------------------------------

    def set_outcomes(self, tree: Sequence[tuple[Outcome, int]]) -> bool:
        """Rebuild the chips (a handful of widgets), only when what they show changed.

        Returns whether it did, so the board can put the new chips in its tab order.
        """
        entries = legend_entries(tree)
        if entries == self._entries:
            return False  # a check-in, a move, a title edit: nothing here to redraw
        # The chips shown are kept, hidden, for a switch back to this roadmap; a set kept
        # for these entries is shown again as it was. Chips of the oldest set are
        # re-labelled: building forty chips and measuring their names cost a switch 20 ms.
        if self._entries is not None:
            for chip in self._buttons.values():
                chip.hide()
                chip.setObjectName("")
            self._kept[tuple(self._entries)] = (self._buttons, self._layouts)
        self._entries = entries
        kept = self._kept.pop(tuple(entries), None)
        spare: list[LegendChip] = []
        while len(self._kept) > KEPT_CHIP_SETS:
            spare.extend(self._kept.popitem(last=False)[1][0].values())
        if kept is not None:
            self._buttons, self._layouts = kept
            for outcome_id, chip in self._buttons.items():
                chip.setObjectName(f"legend-outcome-{outcome_id}")  # shown by _arrange
        else:
            self._buttons, self._layouts = {}, {}
            self._label_chips(entries, spare)
        for chip in spare:
            chip.hide()
            chip.deleteLater()
        self.more_button.raise_()
        self._measured = None
        if self._current is not None and self._current not in self._buttons:
            self.set_current(None)
        else:
            self._show_checked()
        self.updateGeometry()
        if self.isVisible():
            self._arrange(self.width())
        else:
            # Not on screen yet (the window being built): its width is not known, so the
            # chips are placed when it shows, at the width it is given then.
            self._arrange_on_show = True
        return True

    def prepare(self, tree: Sequence[tuple[Outcome, int]]) -> None:
        """Build, hidden, the chips of a roadmap read ahead (``tree``), and lay them out at
        this width, so that showing it builds and measures none. Kept as the oldest set:
        the first to go when room is needed, as the document keeps its roadmap."""
        entries = legend_entries(tree)
        key = tuple(entries)
        if entries == self._entries or key in self._kept:
            return
        spare: list[LegendChip] = []
        while len(self._kept) >= KEPT_CHIP_SETS:
            spare.extend(self._kept.popitem(last=False)[1][0].values())
        shown = self._buttons, self._layouts
        self._buttons, self._layouts = {}, {}
        try:
            self._label_chips(entries, spare, visible=False)
            self._layout_for(self.width())
            self._kept[key] = (self._buttons, self._layouts)
            self._kept.move_to_end(key, last=False)
        finally:
            self._buttons, self._layouts = shown
        for chip in spare:
            chip.deleteLater()

    def _label_chips(
        self, entries: Sequence[LegendEntry], spare: list[LegendChip], *, visible: bool = True
    ) -> None:
        """A chip per entry in ``_buttons``: one of ``spare`` re-labelled, else a new one;
        ``visible``: shown, by name (a set built ahead stays hidden and nameless)."""
        for entry in entries:
            kind = "Business outcome" if entry.business else "Product outcome"
            if spare:
                chip = spare.pop(0)
            else:
                chip = LegendChip("", color=None, parent=self)  # shown just below
                chip.clicked.connect(partial(self._chip_clicked, chip))
                chip.step_requested.connect(partial(self._step, chip))
            chip.show_entry(
                entry.label,
                color=entry.color,
                business=entry.business,
                description=kind,
                tip=f"{kind}. {PICK_TIP}",
            )
            chip.outcome_id = entry.outcome_id
            if visible:
                chip.setObjectName(f"legend-outcome-{entry.outcome_id}")
                chip.show()
            else:
                chip.hide()
                chip.setObjectName("")
            self._buttons[entry.outcome_id] = chip

    def set_current(self, outcome_id: int | None) -> None:
        """Highlight ``outcome_id`` (``None``: all outcomes) and say so."""
        if outcome_id is not None and outcome_id not in self._buttons:
            outcome_id = None  # gone, or never on this roadmap: show everything
        self._current = outcome_id
        self._show_checked()
        self.highlight_changed.emit(outcome_id)

    def _show_checked(self) -> None:
        self.all_button.setChecked(self._current is None)
        for button_id, button in self._buttons.items():
            button.setChecked(button_id == self._current)
        self._label_more()

    def _chip_clicked(self, chip: LegendChip, _checked: bool = False) -> None:
        if chip.outcome_id is not None:
            self._clicked(chip.outcome_id)

    def _clicked(self, outcome_id: int, _checked: bool = False) -> None:
        self.set_current(None if outcome_id == self._current else outcome_id)

    def _step(self, chip: QWidget, step: int) -> None:
        chain = [w for w in self.focus_chain() if w.isVisible()]
        if chip in chain:
            chain[(chain.index(chip) + step) % len(chain)].setFocus(Qt.FocusReason.TabFocusReason)

    # -- "+N more" ------------------------------------------------------------

    def _label_more(self) -> None:
        hidden = len(self._hidden)
        self.more_button.setText(f"+{hidden} more")
        self.more_button.setAccessibleName(f"{hidden} more outcomes")
        active = self._current in self.hidden_ids()
        self.more_button.setChecked(active)
        if active and self._current is not None:
            chosen = self._buttons[self._current].full_text
            self.more_button.setToolTip(f"Highlighted: {chosen}")
        else:
            self.more_button.setToolTip("Outcomes that do not fit here")

    def _fill_menu(self) -> None:
        self.more_menu.clear()
        for entry in self._hidden:
            prefix = "" if entry.business else "    "
            action = self.more_menu.addAction(prefix + entry.label.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(entry.outcome_id == self._current)
            action.triggered.connect(partial(self._clicked, entry.outcome_id))

    # -- placing --------------------------------------------------------------

    def _chips(self) -> list[LegendChip]:
        return [self.all_button, *self._buttons.values()]

    def _layout_for(self, width: int) -> _Layout:
        """Positions, widths and the number of chips that fit at ``width``."""
        more = self.more_button.sizeHint().width()
        layout = self._layouts.get((width, more))
        if layout is None:
            layout = self._layouts[(width, more)] = self._lay_out(width, more)
        return layout

    def _lay_out(self, width: int, more: int) -> _Layout:
        chips = self._chips()
        gaps = [SPACING] + [GROUP_GAP if c.business else SPACING for c in chips[1:]]
        room = max(1, width - 2 * MARGIN_X)
        widths: list[int] = []
        placed: list[tuple[int, int]] = []
        count = 0
        for cap in TEXT_CAPS:
            widths = [min(c.width_for(cap), room) for c in chips]
            placed, count = flow(widths, gaps, room, MAX_ROWS, more)
            if count == len(chips):
                break
        return placed, widths, count

    def _row_height(self) -> int:
        return max(self.all_button.sizeHint().height(), self.more_button.sizeHint().height())

    def _height_for(self, rows: int) -> int:
        return 2 * MARGIN_Y + rows * self._row_height() + (rows - 1) * SPACING

    def _arrange(self, width: int) -> None:
        self._arrange_on_show = False
        chips = self._chips()
        placed, widths, count = self._layout_for(width)
        row_h = self._row_height()
        for i, chip in enumerate(chips):
            if i < count:
                row, x = placed[i]
                y = MARGIN_Y + row * (row_h + SPACING)
                chip.setGeometry(QRect(MARGIN_X + x, y, widths[i], row_h))
                chip.setVisible(True)
            else:
                chip.setVisible(False)
        overflow = self._overflow(count)
        self._hidden = [e for e in self._entries or () if e.outcome_id in overflow]
        if self._hidden:
            row, x = placed[-1]
            left = MARGIN_X + x + widths[count - 1] + SPACING
            top = MARGIN_Y + row * (row_h + SPACING)
            more_w = self.more_button.sizeHint().width()
            self.more_button.setGeometry(QRect(left, top, more_w, row_h))
        self.more_button.setVisible(bool(self._hidden))
        self._label_more()

    def _overflow(self, count: int) -> set[int]:
        return set(list(self._buttons)[max(0, count - 1) :])

    def hasHeightForWidth(self) -> bool:
        """Qt: QWidget.hasHeightForWidth."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Qt: QWidget.heightForWidth; one row or two, never more."""
        if self._measured is None or self._measured[0] != width:
            placed, _widths, _count = self._layout_for(width)
            rows = 1 + max((row for row, _x in placed), default=0)
            self._measured = (width, self._height_for(rows))
        return self._measured[1]

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint; the chips in one row, as wide as they like."""
        width = sum(c.sizeHint().width() + GROUP_GAP for c in self._chips()) + 2 * MARGIN_X
        return QSize(width, self._height_for(1))

    def minimumSizeHint(self) -> QSize:
        """Qt: QWidget.minimumSizeHint; "All outcomes" and "+N more" always fit."""
        width = self.all_button.sizeHint().width() + self.more_button.sizeHint().width()
        return QSize(width + 2 * MARGIN_X + SPACING, self._height_for(1))

    def changeEvent(self, event: QEvent) -> None:
        """Qt: QWidget.changeEvent; another font or style lays the chips out anew."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._layouts.clear()
            for _buttons, layouts in self._kept.values():
                layouts.clear()
            self._measured = None
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Qt: QWidget.resizeEvent; place the chips for the new width."""
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def showEvent(self, event: QShowEvent) -> None:
        """Qt: QWidget.showEvent; chips set while hidden are placed now (a first show
        was resized just before, and placed them then)."""
        super().showEvent(event)
        if self._arrange_on_show:
            self._arrange(self.width())
