"""Small building blocks of the window: plain-text labels, themed and muted text, link buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from roadmapper.core.palette import UNLINKED_COLOR, is_color
from roadmapper.render.theme import Theme, readable_on, theme_for_palette
from roadmapper.ui.widgets.plain_text import plain_tip

PAD_X, PAD_Y, SWATCH, RADIUS = 8, 4, 10, 5


def plain_label(
    text: str = "",
    *,
    wrap: bool = False,
    name: str = "",
    buddy: QWidget | None = None,
    parent: QWidget | None = None,
) -> QLabel:
    """A label that never reads its text as rich text, so user data shows as typed.

    With a ``buddy``, an "&" in ``text`` marks the Alt shortcut that focuses it.
    """
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def emphasize(label: QLabel, delta: int = 0, weight: QFont.Weight = QFont.Weight.DemiBold) -> None:
    """Make ``label`` bolder and ``delta`` points bigger than the application font."""
    font = QFont(label.font())
    if delta:
        font.setPointSizeF(font.pointSizeF() + delta)
    font.setWeight(weight)
    label.setFont(font)


class ThemedLabel(QLabel):
    """Plain text in one colour role of the theme (``error``, ``warning``, ``muted_text``...),
    readable (WCAG AA) light or dark, and following a switch between the two."""

    def __init__(
        self,
        text: str = "",
        *,
        role: str = "text",
        wrap: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.role = role
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(wrap)
        self._follow_palette()

    def changeEvent(self, event: QEvent) -> None:
        """Qt: QWidget.changeEvent; follow a switch between light and dark palettes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def _follow_palette(self) -> None:
        color = theme_for_palette(self.palette()).color(self.role)
        if self.palette().color(QPalette.ColorRole.WindowText) != color:
            # Only this role is set here; the others keep following the parent.
            palette = QPalette()
            palette.setColor(QPalette.ColorRole.WindowText, color)
            self.setPalette(palette)


class MutedLabel(ThemedLabel):
    """Secondary plain text in the theme's muted colour."""

    def __init__(self, text: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(text, role="muted_text", wrap=wrap, parent=parent)


class LinkButton(QPushButton):
    """A flat button showing one line of plain text, elided to fit, with the full text as tip.

    ``missing=True`` draws it with a dashed outline: a link of the chain that is not
    there yet, inviting the click that adds it.
    """

    def __init__(
        self,
        text: str,
        *,
        tooltip: str = "",
        color: str | None = None,
        missing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.full_text = text
        self.color = color
        self.missing = missing
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setAccessibleName(text)
        self.set_tip(tooltip)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str, tooltip: str = "") -> None:
        """Another text (and tip) for the same link: laid out and painted anew."""
        self.full_text = text
        self.setAccessibleName(text)
        self.set_tip(tooltip)
        self.updateGeometry()
        self.update()

    def set_tip(self, tooltip: str) -> None:
        """The tooltip (plain text; the link's own text when empty) and its description."""
        self.setToolTip(plain_tip(tooltip or self.full_text))
        self.setAccessibleDescription(tooltip)

    def _text_left(self) -> int:
        return PAD_X + (SWATCH + 6 if self.color is not None else 0)

    def sizeHint(self) -> QSize:
        """Qt: QPushButton.sizeHint; the whole text on one line."""
        fm = self.fontMetrics()
        width = self._text_left() + fm.horizontalAdvance(self.full_text) + PAD_X + 2
        return QSize(width, fm.height() + 2 * PAD_Y + 2)

    def minimumSizeHint(self) -> QSize:
        """Qt: QPushButton.minimumSizeHint; narrow enough to elide to a few letters."""
        fm = self.fontMetrics()
        return QSize(
            self._text_left() + fm.horizontalAdvance("Mm…") + PAD_X, self.sizeHint().height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QPushButton.paintEvent; a rounded chip, a colour swatch and the elided text."""
        theme = theme_for_palette(self.palette())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        self._paint_chip(p, box, theme)
        if self.color is not None:
            fill = QColor(self.color if is_color(self.color) else UNLINKED_COLOR)
            swatch = QRectF(PAD_X, (self.height() - SWATCH) / 2, SWATCH, SWATCH)
            p.setPen(QPen(fill.darker(130), 1))
            p.setBrush(fill)
            p.drawRoundedRect(swatch, 2, 2)
        fm = self.fontMetrics()
        room = self.width() - self._text_left() - PAD_X
        text = fm.elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(0, room))
        ink = theme.color("text")
        if self.missing:
            ink = readable_on(theme.color("warning"), theme.color("background"))
        p.setPen(ink)
        font = QFont(self.font())
        font.setUnderline(self.underMouse() and self.isEnabled())
        p.setFont(font)
        text_box = QRectF(self._text_left(), 0, max(0, room), self.height())
        # No Qt.TextShowMnemonic: an "&" in user text stays an "&".
        p.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        p.end()

    def _paint_chip(self, p: QPainter, box: QRectF, theme: Theme) -> None:
        hover = self.underMouse() or self.isDown()
        if self.missing:
            pen = QPen(theme.color("border_hover"), 1, Qt.PenStyle.DashLine)
            p.setBrush(theme.color("surface") if hover else Qt.BrushStyle.NoBrush)
        else:
            pen = QPen(theme.color("border_hover" if hover else "border"), 1)
            p.setBrush(theme.color("surface"))
        if self.hasFocus():
            pen = QPen(theme.color("focus"), 2)
        p.setPen(pen)
        p.drawRoundedRect(box, RADIUS, RADIUS)
