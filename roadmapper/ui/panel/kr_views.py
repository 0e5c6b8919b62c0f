"""Painted views of one key result for the panel: its tier ladder and its check-in chart."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from roadmapper.render.chart import ChartData, ChartPainter
from roadmapper.render.ladder import LadderData, LadderPainter
from roadmapper.render.theme import LIGHT, Theme, theme_for_palette
from roadmapper.ui.text import plain_tip

MARGIN = 10
CHART_HEIGHT = 160


def paint_card(p: QPainter, widget: QWidget, theme: Theme) -> QRectF:
    """The rounded surface the painters expect beneath them; the rect inside the margin."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(theme.color("border"), 1))
    p.setBrush(theme.color("surface"))
    p.drawRoundedRect(QRectF(widget.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
    return QRectF(widget.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)


class LadderView(QWidget):
    """The tier ladder of one key result, in the colours of the widget's palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kr-ladder")
        self.data: LadderData | None = None
        # The ladder's height depends on the scale only, never on the data or the theme.
        self.setFixedHeight(LadderPainter(LIGHT).height() + 2 * MARGIN)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._painters: dict[str, LadderPainter] = {}

    def set_data(self, data: LadderData | None, description: str = "") -> None:
        self.data = data
        self.setAccessibleName("Tier ladder")
        self.setAccessibleDescription(description)
        self.setToolTip(plain_tip(description))
        self.update()

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint."""
        return QSize(360, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent; the shared ladder painter on a surface card."""
        if self.data is None:
            return
        theme = theme_for_palette(self.palette())
        painter = self._painters.get(theme.name)
        if painter is None:
            painter = self._painters[theme.name] = LadderPainter(theme)
        p = QPainter(self)
        painter.paint(p, paint_card(p, self, theme), self.data)
        p.end()


class ChartView(QWidget):
    """The check-in chart of one key result, in the colours of the widget's palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kr-chart")
        self.data: ChartData | None = None
        self.setFixedHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._painters: dict[str, ChartPainter] = {}

    def set_data(self, data: ChartData | None, description: str = "") -> None:
        self.data = data
        self.setAccessibleName("Check-in chart")
        self.setAccessibleDescription(description)
        self.setToolTip(plain_tip(description))
        self.update()

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint."""
        return QSize(360, CHART_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent; the shared chart painter on a surface card."""
        if self.data is None:
            return
        theme = theme_for_palette(self.palette())
        painter = self._painters.get(theme.name)
        if painter is None:
            painter = self._painters[theme.name] = ChartPainter(theme)
        p = QPainter(self)
        painter.paint(p, paint_card(p, self, theme), self.data)
        p.end()
