"""What the card detail view says about one initiative, and the widgets that show it.

The sentences are plain functions of the snapshot, so tests read them without a
window; the widgets only lay them out as plain, wrapped, selectable text.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from roadmapper.core import okr
from roadmapper.core.card_content import NO_HYPOTHESIS, NO_KEY_RESULT, NO_OUTCOME, NO_RESULT
from roadmapper.core.entities import Initiative, KeyResult, RoadmapSnapshot
from roadmapper.core.palette import UNLINKED_COLOR, is_color
from roadmapper.model.enums import Column, Direction, Level
from roadmapper.render.ladder import LadderData, caption, with_unit
from roadmapper.render.slide_common import long_date
from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.widgets.icons import swatch
from roadmapper.ui.widgets.labels import MutedLabel, emphasize, plain_label

NO_DESCRIPTION = "No description"
NOT_SET = "not set"
SELECT_MOUSE = Qt.TextInteractionFlag.TextSelectableByMouse
SELECT_ALL = SELECT_MOUSE | Qt.TextInteractionFlag.TextSelectableByKeyboard
_ARROWS = {Direction.INCREASE: "↑", Direction.DECREASE: "↓"}

# -- the sentences -------------------------------------------------------------


def place_text(card: Initiative, position: int, count: int) -> str:
    """The column and the card's priority in it: "Now · priority 2 of 7"."""
    if card.column is Column.DONE:
        return "Done"
    return f"{card.column.label} · priority {position + 1} of {count}"


def outcome_lines(snapshot: RoadmapSnapshot, card: Initiative) -> tuple[str, str]:
    """The outcome the card serves, and the line under it: the business outcome it drives."""
    outcome = snapshot.outcome_of(card)
    if outcome is None:
        return NO_OUTCOME, "Tie it to a product outcome, so the work has a reason."
    if outcome.level is Level.BUSINESS:
        return outcome.objective, "A business outcome, served directly"
    parent_id = snapshot.tree_parent_id(outcome)
    if parent_id is None:
        return outcome.objective, "Drives no business outcome yet"
    return outcome.objective, f"Drives: {snapshot.outcome_by_id[parent_id].objective}"


def value_text(value: float | None, unit: str) -> str:
    return NOT_SET if value is None else with_unit(value, unit)


def values_line(kr: KeyResult) -> str:
    """ "Baseline 120 visits → now 135 visits"."""
    return f"Baseline {value_text(kr.baseline, kr.unit)} → now {value_text(kr.current, kr.unit)}"


def targets_line(kr: KeyResult) -> str:
    """ "↑ Increase to 130 / 140 / 150 visits", the tiers in order, the last the ultimate target."""
    arrow, word = _ARROWS[kr.direction], kr.direction.value.capitalize()
    if not kr.tiers:
        return f"{arrow} {word}; no target tiers yet"
    numbers = " / ".join(okr.format_number(t) for t in kr.tiers)
    unit = with_unit(kr.tiers[-1], kr.unit).removeprefix(okr.format_number(kr.tiers[-1]))
    return f"{arrow} {word} to {numbers}{unit}"


def tier_text(kr: KeyResult) -> str:
    """ "Tier 2 of 3 · 64% of the way", or why progress is unknown."""
    return caption(LadderData.of(kr, UNLINKED_COLOR))


def check_in_line(snapshot: RoadmapSnapshot, kr: KeyResult) -> str:
    """When the key result was last checked in, or that it never was."""
    latest = okr.latest_check_in(snapshot.check_ins_by_key_result.get(kr.id, ()))
    return "No check-in yet" if latest is None else f"Last check-in {long_date(latest.date)}"


def kr_tags(snapshot: RoadmapSnapshot, card: Initiative, kr: KeyResult) -> str:
    """Guardrail, leading or lagging, and the outcome when it is not the card's own."""
    tags = ["Guardrail"] if kr.guardrail else []
    tags.append(kr.indicator.value.capitalize())
    owner = snapshot.outcome_by_id.get(kr.outcome_id)
    if owner is not None and owner.id != card.outcome_id:
        tags.append(f"of “{owner.objective}”")
    return " · ".join(tags)


def last_changed_text(card: Initiative) -> str:
    """ "Last changed 22 November 2026" when the record knows it; "" when it does not."""
    stamp = getattr(card, "updated_at", None)  # not every store records it
    if isinstance(stamp, dt.datetime):
        stamp = stamp.date()
    return f"Last changed {long_date(stamp)}" if isinstance(stamp, dt.date) else ""


# -- the widgets ---------------------------------------------------------------


def text_label(text: str, *, keyboard: bool = False, muted: bool = False) -> QLabel:
    """Plain, wrapped text a person can select and copy; never cut short."""
    label: QLabel = MutedLabel(text) if muted else plain_label(text, wrap=True)
    label.setTextInteractionFlags(SELECT_ALL if keyboard else SELECT_MOUSE)
    label.setAccessibleName(text)
    return label


def add_heading(layout: QVBoxLayout, text: str) -> None:
    heading = text_label(text)
    emphasize(heading)
    layout.addSpacing(6)
    layout.addWidget(heading)


def section(layout: QVBoxLayout, heading: str, text: str, empty: str) -> QLabel:
    """A heading and its text (or, muted, what is missing); the text label is returned."""
    add_heading(layout, heading)
    body = text_label(text or empty, keyboard=bool(text), muted=not text)
    body.setObjectName(f"detail-{heading.lower().split()[0]}")
    body.setAccessibleDescription(heading)
    layout.addWidget(body)
    return body


class TierMeter(QWidget):
    """Tiers reached as filled squares, the rest hollow (shape, not only colour).

    A key result with no tiers but a known fraction shows a short bar instead.
    """

    SEG, GAP = 10, 4

    def __init__(self, kr: KeyResult, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
        self.color = QColor(color if is_color(color) else UNLINKED_COLOR)
        self.setAccessibleName(tier_text(kr))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint."""
        n = self.score.tier_count
        width = n * self.SEG + (n - 1) * self.GAP if n else (40 if self.score.fraction else 0)
        return QSize(width, self.SEG + 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent."""
        theme = theme_for_palette(self.palette())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        top, seg = 1.0, float(self.SEG)
        if self.score.tier_count:
            for i in range(self.score.tier_count):
                box = QRectF(i * (seg + self.GAP), top, seg, seg)
                if i < self.score.tiers_reached:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(self.color)
                else:
                    p.setPen(QPen(theme.color("muted_text"), 1))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    box = box.adjusted(0.5, 0.5, -0.5, -0.5)
                p.drawRoundedRect(box, 2.5, 2.5)
        elif self.score.fraction is not None:
            bar = QRectF(0, top + seg / 2 - 2, self.width(), 4)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(theme.color("border"))
            p.drawRoundedRect(bar, 2, 2)
            p.setBrush(self.color)
            p.drawRoundedRect(QRectF(0, bar.y(), bar.width() * self.score.fraction, 4), 2, 2)
        p.end()


def swatch_label(color: str) -> QLabel:
    label = QLabel()
    label.setPixmap(swatch(color).pixmap(12, 12))
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
    label.setContentsMargins(0, 3, 0, 0)
    return label


def outcome_block(snapshot: RoadmapSnapshot, card: Initiative) -> QWidget:
    """The outcome's colour swatch and objective, the business outcome it drives below."""
    outcome = snapshot.outcome_of(card)
    name, under = outcome_lines(snapshot, card)
    block = QWidget()
    block.setObjectName("detail-outcome")
    row = QHBoxLayout(block)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(swatch_label(outcome.color if outcome else UNLINKED_COLOR), 0)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(text_label(name, muted=outcome is None))
    column.addWidget(text_label(under, muted=True))
    row.addLayout(column, 1)
    return block


def key_result_block(snapshot: RoadmapSnapshot, card: Initiative, kr: KeyResult) -> QWidget:
    """One key result: its name, tier meter and caption, values, targets and last check-in."""
    owner = snapshot.outcome_by_id.get(kr.outcome_id)
    block = QWidget()
    block.setObjectName(f"detail-kr-{kr.id}")
    column = QVBoxLayout(block)
    column.setContentsMargins(0, 4, 0, 4)
    column.setSpacing(2)
    name = text_label(kr.name)
    emphasize(name, weight=QFont.Weight.DemiBold)
    column.addWidget(name)
    meter_row = QHBoxLayout()
    meter_row.setSpacing(8)
    meter = TierMeter(kr, owner.color if owner else UNLINKED_COLOR)
    meter_row.addWidget(meter, 0, Qt.AlignmentFlag.AlignVCenter)
    meter_row.addWidget(text_label(tier_text(kr)), 1)
    column.addLayout(meter_row)
    column.addWidget(text_label(values_line(kr)))
    column.addWidget(text_label(targets_line(kr), muted=True))
    column.addWidget(
        text_label(f"{kr_tags(snapshot, card, kr)} · {check_in_line(snapshot, kr)}", muted=True)
    )
    return block


def key_results(snapshot: RoadmapSnapshot, card: Initiative) -> list[KeyResult]:
    """The key results the card should move, in the order it links them (missing ones skipped)."""
    found = (snapshot.key_result_by_id.get(k) for k in card.key_result_ids)
    return [kr for kr in found if kr is not None]


def content_widget(
    snapshot: RoadmapSnapshot, card: Initiative, position: int, count: int
) -> QWidget:
    """Everything the detail view shows of ``card``, top to bottom."""
    content = QWidget()
    content.setObjectName("card-detail-content")
    layout = QVBoxLayout(content)
    layout.setSpacing(4)
    title = text_label(card.title, keyboard=True)
    title.setObjectName("detail-title")
    emphasize(title, 4)
    layout.addWidget(title)
    layout.addWidget(text_label(place_text(card, position, count), muted=True))
    changed = last_changed_text(card)
    if changed:
        layout.addWidget(text_label(changed, muted=True))
    layout.addSpacing(6)
    layout.addWidget(outcome_block(snapshot, card))
    section(layout, "Description", card.description, NO_DESCRIPTION)
    if card.hypothesis or card.column is Column.NOW:
        section(layout, "Hypothesis", card.hypothesis, NO_HYPOTHESIS)
    if card.result or card.column is Column.DONE:
        section(layout, "Result and learning", card.result, NO_RESULT)
    add_heading(layout, "Key results")
    linked = key_results(snapshot, card)
    for kr in linked:
        layout.addWidget(key_result_block(snapshot, card, kr))
    if not linked:
        layout.addWidget(text_label(NO_KEY_RESULT, muted=True))
    layout.addStretch(1)
    return content
