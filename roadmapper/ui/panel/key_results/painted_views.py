"""Painted views of one key result for the panel: its tier ladder and its check-in chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from roadmapper.render.chart import ChartPainter
from roadmapper.render.ladder import LadderPainter
from roadmapper.render.theme import LIGHT, Theme, theme_for_palette
from roadmapper.ui.widgets.plain_text import plain_tip

MARGIN = 10
CHART_HEIGHT = 160


def paint_card(p: QPainter, widget: QWidget, theme: Theme) -> QRectF:
    """The rounded surface the painters expect beneath them; the rect inside the margin."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(theme.color("border"), 1))
    p.setBrush(theme.color("surface"))
    p.drawRoundedRect(QRectF(widget.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
    return QRectF(widget.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)


class PainterView(QWidget):
    """A ``render`` painter on a surface card, in the colours of the widget's palette."""

    accessible_name = ""

    def __init__(self, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: object | None = None
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._painters: dict[str, Any] = {}

    def make_painter(self, theme: Theme) -> Any:
        raise NotImplementedError

    def set_data(self, data: object | None, description: str = "") -> None:
        self.data = data
        self.setAccessibleName(self.accessible_name)
        self.setAccessibleDescription(description)
        self.setToolTip(plain_tip(description))
        self.update()

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint."""
        return QSize(360, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent; one painter per theme, kept for the next paint."""
        if self.data is None:
            return
        theme = theme_for_palette(self.palette())
        painter = self._painters.get(theme.name)
        if painter is None:
            painter = self._painters[theme.name] = self.make_painter(theme)
        p = QPainter(self)
        painter.paint(p, paint_card(p, self, theme), self.data)
        p.end()


class LadderView(PainterView):
    """The tier ladder of one key result."""

    accessible_name = "Tier ladder"

    def __init__(self, parent: QWidget | None = None) -> None:
        # The ladder's height depends on the scale only, never on the data or the theme.
        super().__init__(LadderPainter(LIGHT).height() + 2 * MARGIN, parent)
        self.setObjectName("kr-ladder")

    def make_painter(self, theme: Theme) -> LadderPainter:
        return LadderPainter(theme)


class ChartView(PainterView):
    """The check-in chart of one key result."""

    accessible_name = "Check-in chart"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(CHART_HEIGHT, parent)
        self.setObjectName("kr-chart")

    def make_painter(self, theme: Theme) -> ChartPainter:
        return ChartPainter(theme)
