"""Pieces of the board slide: column headers, column notes and the outcome legend."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from roadmapper.model.enums import Column
from roadmapper.render import slide_common as sc
from roadmapper.render.theme import Theme

NO_OUTCOME_ID = 0
"""The legend entry of cards tied to no outcome (stored ids start at 1)."""

W = sc.W
HEADER_TEXT = sc.TextStyle(28, W.Bold)
COUNT_TEXT = sc.TextStyle(20, W.DemiBold)
NOTE_TEXT = sc.TextStyle(22, W.DemiBold)
QUIET_TEXT = sc.TextStyle(22, W.Normal, italic=True)
LEGEND_TEXT = sc.TextStyle(22, W.Medium)
RULE = 3.0
SWATCH, SWATCH_GAP, ENTRY_GAP = 22.0, 12.0, 44.0
LEGEND_ROW, LEGEND_ROW_GAP, LEGEND_ROWS = 34.0, 10.0, 2


def scaled(style: sc.TextStyle, u: float) -> sc.TextStyle:
    """``style`` at ``u`` layout units per base unit."""
    return sc.TextStyle(style.pixels * u, style.weight, style.italic)


@dataclass(frozen=True, slots=True)
class ColumnHeader:
    """A column's name ("Now", "Later (continued)") and its card count ("6")."""

    column: Column
    rect: QRectF
    label: str
    count: str


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A swatch of ``color`` and the outcome's objective, elided to ``rect``."""

    outcome_id: int  # NO_OUTCOME_ID for "No outcome"
    label: str
    color: str
    rect: QRectF


@dataclass(frozen=True, slots=True)
class MoreNote:
    """A note in a column: "+12 more", "Nothing here", "Shown on page 1"."""

    column: Column
    rect: QRectF
    text: str
    hidden: int = 0  # cards of the column not on this page (0 for a plain note)


def _flow(
    items: list[LegendEntry], x: float, width: float, top: float, u: float, cap: float
) -> tuple[list[LegendEntry], int]:
    style = scaled(LEGEND_TEXT, u)
    swatch = (SWATCH + SWATCH_GAP) * u
    placed: list[LegendEntry] = []
    row, cx, h = 0, x, LEGEND_ROW * u
    for item in items:
        w = swatch + min(style.advance(" ".join(item.label.split())), cap)
        if cx > x and cx + w > x + width:
            row, cx = row + 1, x
        y = top + row * (LEGEND_ROW + LEGEND_ROW_GAP) * u
        placed.append(LegendEntry(item.outcome_id, item.label, item.color, QRectF(cx, y, w, h)))
        cx += w + ENTRY_GAP * u
    return placed, row + 1 if items else 0


def legend_layout(
    items: list[LegendEntry],
    x: float,
    width: float,
    top: float,
    u: float,
    cap: float | None = None,
) -> tuple[list[LegendEntry], float, float]:
    """Entries flowed into rows from ``top``: (entries, height, longest label allowed).

    Without ``cap``, labels are shortened until the legend takes at most two rows.
    """
    most = max(0.0, width - (SWATCH + SWATCH_GAP) * u)
    if cap is None:
        cap = most
        for parts in (2, 3, 4, 5, 6):
            cap = min(most, width / parts - (SWATCH + SWATCH_GAP + ENTRY_GAP) * u)
            if _flow(items, x, width, top, u, cap)[1] <= LEGEND_ROWS:
                break
    entries, rows = _flow(items, x, width, top, u, cap)
    height = rows * LEGEND_ROW * u + max(0, rows - 1) * LEGEND_ROW_GAP * u
    return entries, height, cap


def paint_legend(p: QPainter, theme: Theme, u: float, legend: tuple[LegendEntry, ...]) -> None:
    style, swatch = scaled(LEGEND_TEXT, u), SWATCH * u
    for entry in legend:
        r = entry.rect
        box = QRectF(r.left(), r.center().y() - swatch / 2, swatch, swatch)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(entry.color))
        p.drawRoundedRect(box, 5 * u, 5 * u)
        text = r.adjusted((SWATCH + SWATCH_GAP) * u, 0, 0, 0)
        sc.draw_line(p, style, theme.text, text, entry.label)


def paint_header(p: QPainter, theme: Theme, u: float, header: ColumnHeader) -> None:
    """The name, a pill with the count, and a rule along the bottom."""
    r = header.rect
    label, count = scaled(HEADER_TEXT, u), scaled(COUNT_TEXT, u)
    rule = RULE * u
    body = QRectF(r.left(), r.top(), r.width(), r.height() - rule)
    pill_h = count.height() + 8 * u
    pill_w = max(pill_h, count.advance(header.count) + 22 * u) if header.count else 0.0
    gap = 14 * u if header.count else 0.0
    text = sc.elide(label, header.label, max(0.0, r.width() - pill_w - gap))
    sc.draw_line(p, label, theme.text, body, text)
    if header.count:
        x = min(r.right() - pill_w, r.left() + label.advance(text) + gap)
        pill = QRectF(x, body.center().y() - pill_h / 2, pill_w, pill_h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.border))
        p.drawRoundedRect(pill, pill_h / 2, pill_h / 2)
        sc.draw_line(p, count, theme.text, pill, header.count, sc.Align.AlignHCenter)
    p.fillRect(QRectF(r.left(), r.bottom() - rule, r.width(), rule), QColor(theme.border_hover))


def paint_note(p: QPainter, theme: Theme, u: float, note: MoreNote) -> None:
    """A dashed box; "+N more" in strong ink, any other note quiet."""
    lw = 2 * u
    box = note.rect.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2)
    pen = QPen(QColor(theme.border_hover), lw, Qt.PenStyle.CustomDashLine)
    pen.setDashPattern([4.0, 3.0])
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(box, 10 * u, 10 * u)
    style = NOTE_TEXT if note.hidden else QUIET_TEXT
    ink = theme.text if note.hidden else theme.muted_text
    inner = note.rect.adjusted(16 * u, 0, -16 * u, 0)
    sc.draw_line(p, scaled(style, u), ink, inner, note.text, sc.Align.AlignHCenter)
