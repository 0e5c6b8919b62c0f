"""How a card is painted in a column: the delegate, its pixmap cache, the highlight.

Paint code only: no SQL and no model access beyond ``ColumnModel.paint_facts``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QPainter, QPalette, QPixmap, QPixmapCache
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from roadmapper.core.card_content import NOTE_COLUMNS, CardData
from roadmapper.render.card import CardPainter, CardState
from roadmapper.render.theme import Theme, theme_for_palette

if TYPE_CHECKING:
    from roadmapper.ui.board.column_view import ColumnView

KEPT_BOARDS = 3
"""Rendered cards are kept for this many boards of cards in sight: the board shown, the
same board faded under a highlight, and the board of the roadmap switched from. Sized by
what is in sight, not by the screen: a window of 1280x800 holds 1.9 MB of cards, one of
1920x1050 4.8 MB. Cards scrolled out of sight are drawn again (a millisecond or so)."""
PIXMAP_CACHE_MIN_KB = 4 * 1024
"""Never less than this, for the few pixmaps Qt's style keeps too."""
CARD_GAP = 8  # vertical space between two cards
SIDE_MARGIN = 6
_SELECTED = QStyle.StateFlag.State_Selected.value
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value
_MOUSE_OVER = QStyle.StateFlag.State_MouseOver.value


class Highlight:
    """Which outcome's cards stand out (the others are dimmed); shared by all columns.

    A business outcome stands out with the product outcomes that drive it: ``ids``
    holds every outcome whose cards stay bright.
    """

    def __init__(self) -> None:
        self.outcome_id: int | None = None
        self.active = False
        self.ids: frozenset[int] = frozenset()

    def set(self, outcome_id: int | None, ids: frozenset[int] = frozenset()) -> None:
        self.outcome_id = outcome_id
        self.active = outcome_id is not None
        self.ids = ids | {outcome_id} if outcome_id is not None else frozenset()

    def dims(self, outcome_id: int | None) -> bool:
        return self.active and outcome_id not in self.ids


_in_sight: dict[int, int] = {}
"""The bytes a column's cards in sight take (viewport area, device pixels), by column."""


def pixmap_cache_kb() -> int:
    """Room for ``KEPT_BOARDS`` of every column in sight, in KiB (a card's pixels grow
    with the window and its device pixel ratio)."""
    return max(PIXMAP_CACHE_MIN_KB, KEPT_BOARDS * sum(_in_sight.values()) // 1024)


def _forget_column(key: int) -> None:
    _in_sight.pop(key, None)
    QPixmapCache.setCacheLimit(pixmap_cache_kb())


@functools.lru_cache(maxsize=8)
def card_painter(theme: Theme, scale: float) -> CardPainter:
    """One painter per theme and zoom, shared by the columns: its fonts, metrics and
    layouts are built once, not once per column (start-up and every zoom step)."""
    return CardPainter(theme, scale)


class CardDelegate(QStyledItemDelegate):
    """Paints each card with ``render.card``; no widget per card."""

    def __init__(self, view: ColumnView, highlight: Highlight) -> None:
        super().__init__(view)
        self.view = view
        self.highlight = highlight
        self.scale = 1.0
        self.restyle()
        self._ratio = 0.0
        """The device pixel ratio ``fit_cache`` last counted."""
        view.destroyed.connect(functools.partial(_forget_column, id(view)))

    def fit_cache(self) -> None:
        """Size the pixmap cache for the cards in sight, this column's as it is now (shown,
        hidden, resized, or moved to a screen of another pixel ratio)."""
        self._ratio = ratio = self.view.devicePixelRatioF()
        size = self.view.viewport().size()
        shown = self.view.isVisible()
        _in_sight[id(self.view)] = int(size.width() * size.height() * ratio * ratio * 4 * shown)
        QPixmapCache.setCacheLimit(pixmap_cache_kb())

    def restyle(self, scale: float | None = None) -> None:
        """A new palette or zoom (``scale``): a new painter, fonts and card height."""
        self.scale = self.scale if scale is None else scale
        self.painter = card_painter(theme_for_palette(self.view.palette()), self.scale)
        self.card_height = self.painter.card_height(self.view.column in NOTE_COLUMNS)
        # Each card is drawn on the column's own background, so its picture is opaque:
        # copying opaque pixels to the screen is a plain copy, blending them is not
        # (about twice the cost for every card in sight, on every repaint).
        self._backdrop = self.view.palette().color(QPalette.ColorRole.Window)  # the viewport's
        # Hashed once here, not for every card painted: the theme holds every colour.
        self._look = hash((self.painter.theme, self.scale, self._backdrop.rgba()))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """QStyledItemDelegate.paint.

        Runs for every card in sight on every repaint, so it keeps to plain Python: the
        proxy maps rows one to one (it neither sorts nor filters), the model answers
        by row, and the state flags are read as integers.
        """
        facts = self.view.column_model().paint_facts(index.row())
        if facts is None:
            return
        card, outcome_id = facts
        state = option.state.value
        selected = bool(state & _SELECTED)
        card_state = CardState(
            selected=selected,
            # The ring marks the card the keys act on, which is always a picked one: Qt's
            # current index alone (first card on focus, after Escape) shows nothing.
            focused=selected and bool(state & _HAS_FOCUS),
            hovered=bool(state & _MOUSE_OVER),
            # A picked card is never faded: what the keys act on is always in plain sight.
            dimmed=not selected and self.highlight.dims(outcome_id),
        )
        rect = option.rect
        width, height = rect.width() - 2 * SIDE_MARGIN, rect.height() - CARD_GAP
        pixmap = self._card_pixmap(card, card_state, width, height)
        painter.drawPixmap(rect.x() + SIDE_MARGIN, rect.y() + CARD_GAP // 2, pixmap)

    def _card_pixmap(self, card: CardData, state: CardState, width: int, height: int) -> QPixmap:
        """The card rendered once, on the column's background, and kept: scrolling and
        moves then only copy pixels.

        The key holds everything the picture depends on (all frozen, hashable
        values), so an edited card, a new theme or another width paints afresh.
        """
        ratio = self.view.devicePixelRatioF()
        if ratio != self._ratio:
            self.fit_cache()
        key = f"card:{hash((card, state, width, height, ratio, self._look))}"
        pixmap = QPixmap()
        if QPixmapCache.find(key, pixmap):
            return pixmap
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self._backdrop)
        canvas = QPainter(pixmap)
        self.painter.paint(canvas, QRectF(0, 0, width, height), card, state)
        canvas.end()
        QPixmapCache.insert(key, pixmap)
        return pixmap

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """QStyledItemDelegate.sizeHint: a fixed height, so the view never measures 10,000 cards."""
        return QSize(200, self.card_height + CARD_GAP)
