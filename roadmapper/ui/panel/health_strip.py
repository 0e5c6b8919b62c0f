"""The health strip: four tiles that say how much of the roadmap is tied to outcomes.

Each tile is a button that lists what keeps it from full (``health_list``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.health import (
    NO_TALLY,
    CardTally,
    Health,
    Measure,
    card_tally,
    health,
    health_of,
    tally_sum,
    with_cards,
)
from roadmapper.core.health_offenders import Offender, Subject, offenders
from roadmapper.render.ladder import mix
from roadmapper.render.theme import readable_on, theme_for_palette
from roadmapper.ui.editing.document import KEPT_ROADMAPS
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.health_list import HealthList
from roadmapper.ui.panel.health_text import TILES, TileText, explanation, figure, spoken
from roadmapper.ui.widgets.labels import MutedLabel, emphasize, plain_label
from roadmapper.ui.widgets.plain_text import plain_tip

__all__ = ["ATTENTION_GLYPH", "OK_GLYPH", "HealthStrip", "HealthTile", "figure"]

OkrIds = tuple[frozenset[int], frozenset[int]]
"""The outcome and key result ids of a roadmap: what a card's tally depends on besides it."""
OK_GLYPH, ATTENTION_GLYPH = "✓", "!"
TINT, HOVER_TINT, PRESSED_TINT = 0.08, 0.16, 0.26
"""How far a tile's surface moves towards its status colour, at rest, hovered, pressed."""


class HealthTile(QAbstractButton):
    """One measure: a big figure with a ✓ or ! glyph, a small label, a faint status tint.

    A button: a click, Space or Enter opens the list of what keeps it from full.
    """

    def __init__(self, text: TileText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile_text = text
        self.measure = Measure(0, 0)
        self.setObjectName(f"health-{text.key}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.figure = plain_label(name="health-figure")
        emphasize(self.figure, 5, QFont.Weight.Bold)
        self.glyph = plain_label(name="health-glyph")
        emphasize(self.glyph, 3, QFont.Weight.Bold)
        self.label = MutedLabel(text.label)
        for child in (self.figure, self.glyph, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
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
        if measure == self.measure and self.figure.text():
            return  # most edits leave most tiles as they were
        self.measure = measure
        self.figure.setText(figure(measure))
        self.glyph.setText({"ok": OK_GLYPH, "attention": ATTENTION_GLYPH}.get(self.status, ""))
        tip = explanation(self.tile_text, measure)
        if self.status == "attention":
            action = f"Click to list the {measure.total - measure.count} that need attention."
        else:
            action = "Click for details."
        self.setToolTip(plain_tip(f"{tip}\n{action}"))  # wraps; the advice quotes "<output>"
        self.setAccessibleName(spoken(self.tile_text, measure))
        self.setAccessibleDescription(f"{tip} {action}")
        self._color_glyph()
        self.update()

    def _status_color(self) -> QColor | None:
        theme = theme_for_palette(self.palette())
        role = {"ok": "success", "attention": "warning"}.get(self.status)
        return None if role is None else theme.color(role)

    def _color_glyph(self) -> None:
        color = self._status_color()
        theme = theme_for_palette(self.palette())
        # Readable on the strongest tint the tile takes, so pressing it keeps the glyph legible.
        ink = theme.color("text") if color is None else readable_on(color, self._tint(PRESSED_TINT))
        style = f"color: {ink.name()};"
        if self.glyph.styleSheet() != style:  # setting one re-polishes the label, even the same
            self.glyph.setStyleSheet(style)

    def _tint(self, amount: float = TINT) -> QColor:
        theme = theme_for_palette(self.palette())
        color = self._status_color()
        surface = theme.color("surface")
        if color is None:  # nothing measured: tint towards the text colour instead
            return mix(surface, theme.color("text"), amount / 2) if amount > TINT else surface
        return mix(surface, color, amount)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: QAbstractButton.keyPressEvent; Enter clicks too, as Space does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Qt: QWidget.changeEvent; recolour the glyph for a light or dark palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._color_glyph()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QAbstractButton.paintEvent; the tinted, rounded tile behind the labels."""
        theme = theme_for_palette(self.palette())
        color = self._status_color()
        hovered = self.underMouse() and self.isEnabled()
        pressed = self.isDown()
        amount = PRESSED_TINT if pressed else HOVER_TINT if hovered else TINT
        base = theme.color("border_hover" if hovered or pressed else "border")
        border = base if color is None else mix(base, color, 0.5 if hovered or pressed else 0.35)
        pen = QPen(border, 1)
        inset = 0.5
        if self.hasFocus():
            pen, inset = QPen(theme.color("focus"), 2), 1.0
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(pen)
        p.setBrush(self._tint(amount))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 6, 6)
        p.end()


class HealthStrip(QWidget):
    """Four tiles in a row; they follow every edit of the document (coalesced).

    A tile opens the list of its offenders; choosing one asks, through a signal,
    for it to be shown where it lives.
    """

    card_requested = Signal(int)
    """Select this card on the board (an unlinked or unready initiative)."""
    outcome_requested = Signal(int)
    """Select this outcome in the panel (one with too few or too many key results)."""
    key_result_requested = Signal(int)
    """Show this key result with its outcome in the panel (one not checked in lately)."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("health-strip")
        self.setAccessibleName("Roadmap health")
        self.editor = editor
        self.today: Callable[[], dt.date] = dt.date.today
        self.health: Health | None = None
        self._shown: RoadmapSnapshot | None = None
        self._offenders: dict[str, tuple[Offender, ...]] | None = None
        self.tiles = {text.key: HealthTile(text, self) for text in TILES}
        self._list: HealthList | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for key, tile in self.tiles.items():
            row.addWidget(tile)
            tile.clicked.connect(lambda _checked=False, key=key: self.open_list(key))
        self._tallies: dict[int, CardTally] = {}
        """Each card's share of the card measures: a card edit re-counts that card only."""
        self._cards = NO_TALLY
        self._full = True
        self._counted_for = (-1, -1)
        """The roadmap the tallies are of, and its read (``RoadmapDocument.read``)."""
        self._kept: dict[int, tuple[dict[int, CardTally], CardTally, OkrIds, int]] = {}
        """The tallies of roadmaps the window switched away from or read ahead, by roadmap
        id, with the read they were counted from; the oldest first."""
        self._okr_parts: dict[int, tuple[RoadmapSnapshot, dt.date, Health]] = {}
        """The outcome and key result measures by roadmap id, with the snapshot and day
        they are of: the shown roadmap's and those of the roadmaps last shown, so that a
        switch back measures nothing again."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._refresh_from_document)
        doc = editor.document
        self._okr_ids: OkrIds | None = None
        """The outcome and key result ids the tallies were counted against."""
        doc.reset.connect(self._reset)
        doc.kept_ahead.connect(self._count_ahead)
        doc.completed.connect(self._rest_read)
        doc.okrs_changed.connect(self._okrs_changed)
        # Slots, not lambdas: Qt drops them when the strip is deleted before the document.
        doc.moved.connect(self._cards_moved)
        doc.changed.connect(self._card_changed)
        doc.added.connect(self._card_changed)
        doc.removed.connect(self._card_removed)
        self._refresh_from_document()

    def _reset(self) -> None:
        """Another roadmap (or a reload): count every card when idle, unless the tallies
        of the roadmap shown now were kept from the same read (it was left, or read
        ahead); then the figures are shown at once."""
        document = self.editor.document
        if not self._full and self._okr_ids is not None:
            roadmap_id, read = self._counted_for
            self._kept[roadmap_id] = (self._tallies, self._cards, self._okr_ids, read)
            self._forget_oldest()
        kept = self._kept.pop(document.roadmap_id, None)
        if kept is not None and kept[3] == document.read:
            self._tallies, self._cards, self._okr_ids, _read = kept
            self._counted_for, self._full = (document.roadmap_id, document.read), False
            # Nothing to count: the figures change with the board, in the same frame, not
            # in a second paint (and layout) of the panel after it.
            self._timer.stop()
            self._refresh_from_document()
        else:
            self._full = True
            if document.partial:
                # Its other cards come in a moment (``completed``): count them then, and
                # until then show the outcomes' measures, and none made of a few cards.
                self._timer.stop()
                self._show(with_cards(self._okr_part(document.snapshot), NO_TALLY), None)
            else:
                self._timer.start()

    def _rest_read(self) -> None:
        """Every card of a roadmap shown in parts is in: count them when idle."""
        self._timer.start()

    def _count_ahead(self, roadmap_id: int) -> None:
        """A roadmap was read ahead: count its cards and measure its outcomes and key
        results now, while the window is idle, so that showing it measures nothing (kept
        as the oldest, as the document keeps it)."""
        snapshot, cards, read = self.editor.document.kept_roadmap(roadmap_id)
        outcomes, key_results = snapshot.outcome_by_id, snapshot.key_result_by_id
        tallies = {c.id: card_tally(c, outcomes, key_results) for c in cards}
        ids = frozenset(outcomes), frozenset(key_results)
        self._kept.pop(roadmap_id, None)
        counted = (tallies, tally_sum(tallies.values()), ids, read)
        self._kept = {roadmap_id: counted, **self._kept}
        self._forget_oldest()
        today = self.today()
        part = (snapshot, today, health_of(snapshot, NO_TALLY, today))
        self._okr_parts.pop(roadmap_id, None)
        self._okr_parts = {roadmap_id: part, **self._okr_parts}
        while len(self._okr_parts) > KEPT_ROADMAPS + 1:
            del self._okr_parts[next(iter(self._okr_parts))]

    def _forget_oldest(self) -> None:
        while len(self._kept) > KEPT_ROADMAPS:
            del self._kept[next(iter(self._kept))]

    def _okrs_changed(self) -> None:
        """A check-in or a renamed outcome leaves every card's tally as it was; only an
        outcome or key result that came or went makes every card count again."""
        if self._okr_ids != self._ids_now():
            self._full = True
        self._timer.start()

    def _ids_now(self) -> OkrIds:
        snapshot = self.editor.document.snapshot
        return frozenset(snapshot.outcome_by_id), frozenset(snapshot.key_result_by_id)

    def _cards_moved(self, changes: list[tuple[int, object, object]]) -> None:
        self._recount([card_id for card_id, _old, _new in changes])

    def _card_changed(self, card_id: int) -> None:
        self._recount([card_id])

    def _card_removed(self, card_id: int, _column: object) -> None:
        self._recount([card_id])

    def _recount(self, ids: list[int]) -> None:
        """Cards were moved, edited, added or removed: re-count those, show it when idle."""
        if not self._full:
            document = self.editor.document
            snapshot = document.snapshot
            for card_id in ids:
                self._cards -= self._tallies.pop(card_id, NO_TALLY)
                if document.has_card(card_id):
                    tally = card_tally(
                        document.card(card_id), snapshot.outcome_by_id, snapshot.key_result_by_id
                    )
                    self._tallies[card_id] = tally
                    self._cards += tally
        self._timer.start()

    def _refresh_from_document(self) -> None:
        document = self.editor.document
        snapshot = document.snapshot
        if self._full:
            outcomes, key_results = snapshot.outcome_by_id, snapshot.key_result_by_id
            self._tallies = {
                c.id: card_tally(c, outcomes, key_results) for c in document.all_cards()
            }
            self._cards = tally_sum(self._tallies.values())
            self._okr_ids, self._full = self._ids_now(), False
            self._counted_for = (document.roadmap_id, document.read)
        self._show(with_cards(self._okr_part(snapshot), self._cards), None)

    def _okr_part(self, snapshot: RoadmapSnapshot) -> Health:
        """The outcome and key result measures of the shown roadmap, measured again only
        when they (or the day) changed."""
        roadmap_id, today = snapshot.roadmap.id, self.today()
        part = self._okr_parts.pop(roadmap_id, None)
        if part is None or part[:2] != (snapshot, today):
            # Outcomes and key results changed (or the day did): measure them again.
            part = (snapshot, today, health_of(snapshot, NO_TALLY, today))
        self._okr_parts[roadmap_id] = part  # the most recent last
        while len(self._okr_parts) > KEPT_ROADMAPS + 1:
            del self._okr_parts[next(iter(self._okr_parts))]
        return part[2]

    def refresh(self, snapshot: RoadmapSnapshot) -> None:
        """Show the health of ``snapshot`` as of today."""
        self._show(health(snapshot, self.today()), snapshot)

    def _show(self, measured: Health, snapshot: RoadmapSnapshot | None) -> None:
        """``snapshot``: what was measured, for the lists; None: the document as it is."""
        self.health = measured
        self._shown, self._offenders = snapshot, None  # listed when a tile opens
        for key, tile in self.tiles.items():
            tile.set_measure(getattr(self.health, key))
        self.setToolTip("")
        if self._list is not None and self._list.isVisible():
            self._fill(self._list, self._list.key)  # another writer changed the roadmap

    @property
    def list_popup(self) -> HealthList:
        """The popup the tiles share, built on first use."""
        if self._list is None:
            self._list = HealthList(self)
            self._list.chosen.connect(self._chosen)
        return self._list

    @property
    def offenders(self) -> dict[str, tuple[Offender, ...]]:
        """What keeps each tile from full, worked out when a list is first opened after a
        change, not on every change (most changes happen with no list open)."""
        if self._offenders is None:
            shown = self._shown or self.editor.document.current_snapshot()
            self._offenders = offenders(shown, self.today())
        return self._offenders

    def _fill(self, popup: HealthList, key: str) -> None:
        tile = self.tiles[key]
        popup.set_offenders(tile.tile_text, tile.measure, self.offenders.get(key, ()))
        popup.fit(self.width())

    def open_list(self, key: str) -> HealthList:
        """Open the list of the tile ``key`` under the strip."""
        popup = self.list_popup
        self._fill(popup, key)
        popup.popup_under(self, self.width())
        return popup

    def _chosen(self, subject: str, item_id: int) -> None:
        signal = {
            Subject.CARD.value: self.card_requested,
            Subject.OUTCOME.value: self.outcome_requested,
            Subject.KEY_RESULT.value: self.key_result_requested,
        }[subject]
        signal.emit(item_id)
