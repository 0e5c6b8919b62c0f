"""A plain-text label on a few lines, the last cut at a word with "…", whole in its tooltip."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QSize
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.panel.key_results.rows import name_lines
from roadmapper.ui.widgets.plain_text import plain_tip


class ElidedLabel(QWidget):
    """Never rich text: the lines are painted as typed. The tooltip shows the whole text
    only when it was cut, so a tooltip always adds something."""

    def __init__(
        self,
        text: str = "",
        *,
        max_lines: int = 2,
        role: str = "text",
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.role = role
        """The theme colour of the text: ``text`` or ``muted_text``."""
        self._text = ""
        self._lines: list[str] = []
        self._height_for: tuple[tuple[str, int, str, int] | None, int] = (None, 0)
        """(text, width, font, most lines) -> height, as ``heightForWidth`` last answered."""
        self._laid_out_for: tuple[int, str] | None = None
        if name:
            self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        """Show ``text``; Qt-style name so it reads like a label."""
        if text == self._text and self._laid_out_for is not None:
            return  # a refresh that leaves the text as it was asks for no new layout
        self._text = text
        self._laid_out_for = None
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()
        self._relayout()

    def set_emphasis(
        self, delta: float = 0.0, weight: QFont.Weight = QFont.Weight.DemiBold
    ) -> None:
        font = QFont(self.font())
        if delta:
            font.setPointSizeF(font.pointSizeF() + delta)
        font.setWeight(weight)
        self.setFont(font)

    def lines(self) -> list[str]:
        """The lines as painted now."""
        self._relayout()
        return list(self._lines)

    def is_cut(self) -> bool:
        """Whether the text does not fit whole in the lines shown."""
        self._relayout()
        return " ".join(self._lines) != " ".join(self._text.split())

    def _relayout(self) -> None:
        key = (self.width(), self.font().key())
        if self._laid_out_for == key:
            return
        self._laid_out_for = key
        self._lines = name_lines(self._text, self.font(), max(1, self.width()), self.max_lines)
        cut = " ".join(self._lines) != " ".join(self._text.split())
        self.setToolTip(plain_tip(self._text) if cut else "")

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint; as many lines as the text takes, up to ``max_lines``."""
        fm = QFontMetricsF(self.font())
        count = max(1, len(self._lines)) if self._text else 1
        return QSize(
            200, math.ceil(count * fm.lineSpacing() + (fm.height() - fm.lineSpacing()) + 1)
        )

    def minimumSizeHint(self) -> QSize:
        """Qt: QWidget.minimumSizeHint; narrow enough for any dock."""
        return QSize(40, self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        """Qt: QWidget.hasHeightForWidth."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Qt: QWidget.heightForWidth."""
        key = (self._text, width, self.font().key(), self.max_lines)
        if self._height_for[0] != key:  # layouts ask again and again for the same width
            fm = QFontMetricsF(self.font())
            count = len(name_lines(self._text, self.font(), max(1, width), self.max_lines)) or 1
            height = math.ceil(count * fm.lineSpacing() + (fm.height() - fm.lineSpacing()) + 1)
            self._height_for = (key, height)
        return self._height_for[1]

    def changeEvent(self, event: QEvent) -> None:
        """Qt: QWidget.changeEvent; a new font lays the lines out again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._laid_out_for = None
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Qt: QWidget.resizeEvent; the cut depends on the width."""
        self._relayout()
        self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent; the lines in the theme colour of ``role``."""
        self._relayout()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.setFont(self.font())
        color = theme_for_palette(self.palette()).color(self.role)
        if not self.isEnabled():
            color = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        p.setPen(color)
        fm = QFontMetricsF(self.font())
        for n, line in enumerate(self._lines):
            p.drawText(QPointF(0, fm.ascent() + n * fm.lineSpacing()), line)
        p.end()
