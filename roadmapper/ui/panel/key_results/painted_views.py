"""Painted views of one key result for the panel: its tier ladder and its check-in chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

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


class Painter(Protocol):
    """What ``render``'s ladder and chart painters have in common."""

    def paint(self, painter: QPainter, rect: QRectF, data: Any) -> None: ...


class PainterView(QWidget):
    """A ``render`` painter on a surface card, in the colours of the widget's palette."""

    accessible_name = ""

    def __init__(
        self, height: int, make_painter: Callable[[Theme], Painter], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.make_painter = make_painter
        """A painter for one theme; made the first time that theme paints."""
        self.data: object | None = None
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._painters: dict[str, Painter] = {}

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
        super().__init__(LadderPainter(LIGHT).height() + 2 * MARGIN, LadderPainter, parent)
        self.setObjectName("kr-ladder")


class ChartView(PainterView):
    """The check-in chart of one key result."""

    accessible_name = "Check-in chart"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(CHART_HEIGHT, ChartPainter, parent)
        self.setObjectName("kr-chart")
