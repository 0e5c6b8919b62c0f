"""The health strip: four tiles that say how much of the roadmap is tied to outcomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.health import Health, Measure, health
from roadmapper.render.ladder import mix
from roadmapper.render.theme import readable_on, theme_for_palette
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.widgets.labels import MutedLabel, emphasize, plain_label

OK_GLYPH, ATTENTION_GLYPH = "✓", "!"
MAX_AS_COUNT = 20
"""Totals up to this show as "4/6"; larger ones as a percentage."""


@dataclass(frozen=True, slots=True)
class TileText:
    """What a tile says: its label, what it measures, and what to do about the rest."""

    key: str
    label: str
    measures: str
    advice: str


TILES: tuple[TileText, ...] = (
    TileText(
        "linked",
        "Linked to an outcome",
        "Initiatives not yet done that serve an outcome",
        "Link the others to the product outcome they should move, or ask whether they "
        "belong on the roadmap at all.",
    ),
    TileText(
        "experiments",
        "Now with KR + hypothesis",
        "Experiments in Now that name a key result and state a hypothesis",
        "For the others, pick the key results they should move and write “We believe "
        "<output> will <move KR> by <amount>”.",
    ),
    TileText(
        "balanced",
        "Outcomes with 2–5 KRs",
        "Outcomes measured by two to five key results",
        "Aim for about three key results per outcome, one of them a guardrail.",
    ),
    TileText(
        "fresh",
        "KRs checked in ≤30 days",
        "Key results with a check-in in the last 30 days",
        "Record a check-in weekly or at each release, so you see which tier has been "
        "reached while there is time to react.",
    ),
)


def figure(measure: Measure) -> str:
    """The tile's big number: "4/6", "78%", or "—" when there is nothing to measure."""
    if measure.total == 0:
        return "—"
    if measure.total <= MAX_AS_COUNT:
        return f"{measure.count}/{measure.total}"
    return f"{round(100 * measure.count / measure.total)}%"


def explanation(text: TileText, measure: Measure) -> str:
    """The tooltip: what the tile measures, the exact count, and what to do."""
    if measure.total == 0:
        return f"{text.measures}: nothing to measure yet."
    head = f"{text.measures}: {measure.count} of {measure.total}."
    if measure.complete:
        return f"{head}\nAll in good shape."
    return f"{head}\n{text.advice}"


class HealthTile(QWidget):
    """One measure: a big figure with a ✓ or ! glyph, a small label, a faint status tint."""

    def __init__(self, text: TileText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.measure = Measure(0, 0)
        self.setObjectName(f"health-{text.key}")
        self.figure = plain_label(name="health-figure")
        emphasize(self.figure, 5, QFont.Weight.Bold)
        self.glyph = plain_label(name="health-glyph")
        emphasize(self.glyph, 3, QFont.Weight.Bold)
        self.label = MutedLabel(text.label)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.figure)
        top.addWidget(self.glyph)
        top.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(0)
        box.addLayout(top)
        box.addWidget(self.label)
        box.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.set_measure(self.measure)

    @property
    def status(self) -> str:
        """``"ok"``, ``"attention"`` or ``"empty"`` (nothing to measure)."""
        if self.measure.total == 0:
            return "empty"
        return "ok" if self.measure.complete else "attention"

    def set_measure(self, measure: Measure) -> None:
        self.measure = measure
        self.figure.setText(figure(measure))
        self.glyph.setText({"ok": OK_GLYPH, "attention": ATTENTION_GLYPH}.get(self.status, ""))
        tip = explanation(self.text, measure)
        self.setToolTip(tip)
        self.setAccessibleName(f"{self.text.label}: {figure(measure)}")
        self.setAccessibleDescription(tip)
        self._color_glyph()
        self.update()

    def _status_color(self) -> QColor | None:
        theme = theme_for_palette(self.palette())
        role = {"ok": "success", "attention": "warning"}.get(self.status)
        return None if role is None else theme.color(role)

    def _color_glyph(self) -> None:
        color = self._status_color()
        theme = theme_for_palette(self.palette())
        ink = theme.color("text") if color is None else readable_on(color, self._tint())
        self.glyph.setStyleSheet(f"color: {ink.name()};")

    def _tint(self) -> QColor:
        theme = theme_for_palette(self.palette())
        color = self._status_color()
        surface = theme.color("surface")
        return surface if color is None else mix(surface, color, 0.08)

    def changeEvent(self, event: QEvent) -> None:
        """Qt: QWidget.changeEvent; recolour the glyph for a light or dark palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._color_glyph()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent; the tinted, rounded tile behind the labels."""
        theme = theme_for_palette(self.palette())
        color = self._status_color()
        border = theme.color("border") if color is None else mix(theme.color("border"), color, 0.35)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(border, 1))
        p.setBrush(self._tint())
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        p.end()


class HealthStrip(QWidget):
    """Four tiles in a row; they follow every edit of the document (coalesced)."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("health-strip")
        self.setAccessibleName("Roadmap health")
        self.editor = editor
        self.today: Callable[[], dt.date] = dt.date.today
        self.health: Health | None = None
        self.tiles = {text.key: HealthTile(text, self) for text in TILES}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for tile in self.tiles.values():
            row.addWidget(tile)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_from_document)
        doc = editor.document
        for signal in (doc.reset, doc.okrs_changed, doc.changed, doc.moved, doc.added):
            signal.connect(self._schedule)
        doc.removed.connect(self._schedule)
        self._refresh_from_document()

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def _refresh_from_document(self) -> None:
        self.refresh(self.editor.document.current_snapshot())

    def refresh(self, snapshot: RoadmapSnapshot) -> None:
        """Show the health of ``snapshot`` as of today."""
        self.health = health(snapshot, self.today())
        for key, tile in self.tiles.items():
            tile.set_measure(getattr(self.health, key))
        self.setToolTip("")
