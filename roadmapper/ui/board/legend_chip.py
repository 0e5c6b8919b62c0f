"""One legend chip: an outcome's colour and name, cut at a word to the width it is given."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from roadmapper.core.palette import UNLINKED_COLOR, is_color
from roadmapper.render.theme import Theme, theme_for_palette
from roadmapper.render.wrap import elide_words
from roadmapper.ui.widgets.pictures import Pictures
from roadmapper.ui.widgets.plain_text import plain_tip

PAD_X, PAD_Y, DOT, DOT_GAP, RADIUS = 8, 3, 9, 6, 11
_CUTS: dict[tuple[str, str, float], str] = {}
"""(name, font, room) -> the name cut at a word to fit, for every chip: a roadmap switch
builds new chips, mostly with names and fonts already measured."""
_WIDTHS: dict[tuple[str, str, float], float] = {}
"""(name, font, text cap) -> the advance of the name as cut for that cap, likewise shared."""
_MOST_CUTS = 20_000  # a few hundred outcomes at every cap the legend tries; then start afresh
_PICTURES = Pictures(96)
"""Each chip's look as last drawn, shared by every chip: the legends of the roadmaps a
window keeps, in a state or two each, about 1 MB."""


class LegendChip(QAbstractButton):
    """A checkable chip; a business outcome is a bold group label, a product outcome a pill.

    The whole name is its accessible name and tooltip; on screen it is cut at a
    word ("…") to whatever width the legend gives it.
    """

    step_requested = Signal(int)
    """Left (-1) or Right (+1) was pressed: the legend moves the focus to a neighbour."""

    def __init__(
        self,
        text: str,
        *,
        color: str | None,
        business: bool = False,
        description: str = "",
        tip: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.outcome_id: int | None = None
        """The outcome the chip stands for (set by the legend)."""
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._font_key = ""
        self.show_entry(text, color=color, business=business, description=description, tip=tip)

    def show_entry(
        self,
        text: str,
        *,
        color: str | None,
        business: bool = False,
        description: str = "",
        tip: str = "",
    ) -> None:
        """Stand for another outcome: the legend re-uses its chips when the roadmap changes."""
        self.full_text = " ".join(text.split())
        self.color = color
        self.business = business
        self.setAccessibleName(self.full_text)
        self.setAccessibleDescription(description)
        self.setToolTip(plain_tip(f"{self.full_text}\n{tip}" if tip else self.full_text))
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold if business else QFont.Weight.Normal)
        self._font_key = font.key()
        self.setFont(font)
        self.updateGeometry()
        self.update()

    # -- measuring ----------------------------------------------------------

    def _text_left(self) -> float:
        return PAD_X + (DOT + DOT_GAP if self.color is not None else 0)

    def width_for(self, text_cap: float) -> int:
        """The chip's width when its name may take at most ``text_cap`` pixels.

        Just wide enough for the name as cut at a word, so no chip ends in a gap.
        """
        key = (self.full_text, self._font_key, text_cap)
        width = _WIDTHS.get(key)
        if width is None:
            fm = QFontMetricsF(self.font())
            width = fm.horizontalAdvance(self._cut(text_cap))
            if len(_WIDTHS) >= _MOST_CUTS:
                _WIDTHS.clear()
            _WIDTHS[key] = width
        return int(self._text_left() + width + PAD_X + 1.5)

    def _cut(self, room: float) -> str:
        key = (self.full_text, self._font_key, room)
        found = _CUTS.get(key)
        if found is None:
            fm = QFontMetricsF(self.font())
            found = elide_words(
                self.full_text,
                lambda s: fm.horizontalAdvance(s) <= room,
                lambda s: fm.elidedText(s, Qt.TextElideMode.ElideRight, room),
            )
            if len(_CUTS) >= _MOST_CUTS:
                _CUTS.clear()
            _CUTS[key] = found
        return found

    def sizeHint(self) -> QSize:
        """Qt: QAbstractButton.sizeHint; the whole name on one line."""
        return QSize(self.width_for(1e9), self.fontMetrics().height() + 2 * PAD_Y + 2)

    def minimumSizeHint(self) -> QSize:
        """Qt: QAbstractButton.minimumSizeHint; a few letters and the ellipsis."""
        return QSize(self.width_for(self.fontMetrics().horizontalAdvance("Mmm…")), 0)

    def shown_text(self) -> str:
        """The name as painted at the chip's width: whole, or cut at a word with "…"."""
        return self._cut(max(0.0, self.width() - self._text_left() - PAD_X))

    # -- Qt -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Qt: QWidget.changeEvent; another font (zoom, system font) measures anew."""
        if event.type() == QEvent.Type.FontChange:
            self._font_key = self.font().key()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: QAbstractButton.keyPressEvent; arrows walk the legend, Space/Enter pick."""
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not event.modifiers():
            self.step_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QAbstractButton.paintEvent; the chip's picture, drawn once per look.

        A roadmap switch, a highlight or a hover repaints every chip in the legend; each
        look (name as cut, colour, state, size, theme) is drawn once and then copied.
        """
        theme = theme_for_palette(self.palette())
        hover = self.underMouse() or self.isDown()
        ratio = self.devicePixelRatioF()
        key = (
            self.shown_text(),
            self.color,
            self.business,
            self.isChecked(),
            hover,
            self.hasFocus(),
            self.width(),
            self.height(),
            ratio,
            id(theme),
            self._font_key,
        )
        picture = _PICTURES.get(
            key, self.width(), self.height(), ratio, lambda p: self._draw(p, theme, hover)
        )
        painter = QPainter(self)
        painter.drawPixmap(0, 0, picture)
        painter.end()

    def _draw(self, p: QPainter, theme: Theme, hover: bool) -> None:
        """The chip itself: its outline, its colour and its cut name."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self.isChecked():
            p.setPen(QPen(theme.color("selection"), 1.5))
            p.setBrush(theme.color("selected_surface"))
        elif self.business:
            p.setPen(QPen(theme.color("border_hover"), 1) if hover else Qt.PenStyle.NoPen)
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            p.setPen(QPen(theme.color("border_hover" if hover else "border"), 1))
            p.setBrush(theme.color("surface"))
        radius = 4 if self.business else RADIUS
        p.drawRoundedRect(box, radius, radius)
        if self.hasFocus():
            p.setPen(QPen(theme.color("focus"), 1.5, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(box.adjusted(2, 2, -2, -2), RADIUS - 2, RADIUS - 2)
        if self.color is not None:
            fill = QColor(self.color if is_color(self.color) else UNLINKED_COLOR)
            dot = QRectF(PAD_X, (self.height() - DOT) / 2, DOT, DOT)
            p.setPen(QPen(fill.darker(130), 1))
            p.setBrush(fill)
            if self.business:  # a square for the business outcome, as its group's badge
                p.drawRoundedRect(dot, 2, 2)
            else:
                p.drawEllipse(dot)
        p.setPen(theme.color("text"))
        p.setFont(self.font())
        room = max(0.0, self.width() - self._text_left() - PAD_X)
        # No Qt.TextShowMnemonic: an "&" in an objective stays an "&".
        p.drawText(
            QRectF(self._text_left(), 0, room + 1, self.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.shown_text(),
        )
