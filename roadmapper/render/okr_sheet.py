"""The OKR sheet: one slide per outcome, its key results with tier ladders and check-in charts."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from roadmapper.core import okr
from roadmapper.core.entities import CheckIn, KeyResult, Outcome, RoadmapSnapshot
from roadmapper.core.text import we_will
from roadmapper.model.enums import Level
from roadmapper.render import slide_common as sc
from roadmapper.render.chart import ChartData, ChartPainter
from roadmapper.render.ladder import LadderData, LadderPainter, with_unit
from roadmapper.render.theme import LIGHT, Theme

__all__ = [
    "KeyResultRow",
    "SheetOptions",
    "SheetPage",
    "heading_text",
    "layout_sheets",
    "numbers_text",
    "paint_sheet_page",
]

W = sc.W
HEADING = sc.TextStyle(50, W.Bold)
CONTEXT = sc.TextStyle(24, W.Medium)
MEASURED = sc.TextStyle(24, W.Normal, italic=True)
NAME = sc.TextStyle(26, W.DemiBold)
NUMBERS = sc.TextStyle(20, W.Normal)
EMPTY = sc.TextStyle(24, W.Normal)
MEASURED_LABEL = "as measured by:"
SEPARATOR = " · "
NO_KEY_RESULTS = "No key results yet: two to five measurable changes would show progress here."
LADDER_SCALE = 1.5  # the largest ladder and chart, on a 1920 x 1080 slide
ACCENT, ACCENT_GAP = 8.0, 24.0
ROW_GAP, ROW_PAD, STRIPE = 16.0, 18.0, 6.0
TEXT_INSET = ACCENT + ACCENT_GAP - STRIPE  # row text lines up with the heading
NUMBERS_GAP = 8.0  # name to numbers
MIN_SCALE = 0.25


@dataclass(frozen=True, slots=True)
class SheetOptions:
    """Which outcomes and how; sizes in layout units (pixels at scale 1)."""

    outcome_ids: tuple[int, ...] | None = None  # None: every outcome, one page each, tree order
    title: str = ""  # "" -> the roadmap's name
    subtitle: str | None = None  # None -> today's date; "" -> none
    theme: Theme = LIGHT
    width: float = 1920.0
    height: float = 1080.0
    today: dt.date | None = None


@dataclass(frozen=True, slots=True)
class KeyResultRow:
    """One key result: name and numbers at the left, its ladder and its chart beside them."""

    key_result: KeyResult
    rect: QRectF
    name_rect: QRectF
    numbers_rect: QRectF
    ladder_rect: QRectF
    chart_rect: QRectF
    numbers: str  # "baseline 84 kEUR · now 91.2 kEUR · tier 1 of 3 · 36%"
    name_lines: tuple[str, ...] = ()  # the name wrapped into name_rect, last line elided
    numbers_lines: tuple[str, ...] = ()
    scale: float = 1.0  # LadderPainter / ChartPainter scale the rects were laid out for
    text_scale: float = 1.0  # name and numbers sizes: NAME and NUMBERS pixels times this


@dataclass(frozen=True, slots=True)
class SheetPage:
    """One outcome's slide, fully laid out; paint it with :func:`paint_sheet_page`."""

    width: float
    height: float
    theme: Theme
    page_label: str
    outcome: Outcome
    parent: Outcome | None  # the business outcome a product outcome drives
    heading: str  # "We will <objective>" (then "as measured by:")
    heading_rect: QRectF
    context: str  # "Product outcome · drives: Grow recurring revenue…"
    context_rect: QRectF
    rows: tuple[KeyResultRow, ...]
    check_ins: dict[int, tuple[CheckIn, ...]]  # by key result id, oldest first
    title: str
    subtitle: str
    title_rect: QRectF
    subtitle_rect: QRectF = field(default_factory=QRectF)
    page_label_rect: QRectF = field(default_factory=QRectF)
    heading_lines: tuple[str, ...] = ()  # the heading wrapped into heading_rect
    measured: str = MEASURED_LABEL
    measured_rect: QRectF = field(default_factory=QRectF)
    accent_rect: QRectF = field(default_factory=QRectF)  # a bar in the outcome's colour
    empty_note: str = ""  # said in empty_rect when the outcome has no key result
    empty_rect: QRectF = field(default_factory=QRectF)
    unit: float = 1.0  # layout units per unit of a 1920 x 1080 slide


def heading_text(outcome: Outcome) -> str:
    """``We will grow recurring revenue``: the objective after "We will", first letter lowered."""
    return we_will(outcome.objective)


def context_text(snapshot: RoadmapSnapshot, outcome: Outcome, parent: Outcome | None) -> str:
    """Where the outcome sits in the chain: what it drives, or what drives it."""
    if outcome.level is Level.PRODUCT:
        if parent is None:
            return "Product outcome · drives no business outcome yet"
        return f"Product outcome · drives: {parent.objective}"
    children = [o.objective for o in snapshot.outcomes if o.parent_id == outcome.id]
    if not children:
        return "Business outcome · no product outcome drives it yet"
    return "Business outcome · driven by: " + "; ".join(children)


def numbers_text(kr: KeyResult) -> str:
    """``baseline 84 kEUR · now 91.2 kEUR · tier 1 of 3 · 36%`` (what is known of it)."""
    parts = [
        "no baseline" if kr.baseline is None else f"baseline {with_unit(kr.baseline, kr.unit)}",
        "no value yet" if kr.current is None else f"now {with_unit(kr.current, kr.unit)}",
    ]
    if kr.tiers:
        score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
        parts.append(f"tier {score.tiers_reached} of {score.tier_count}")
        if score.fraction is not None:
            parts.append(f"{round(score.fraction * 100)}%")
    else:
        parts.append("no target tiers")
    if kr.guardrail:
        parts.append("guardrail")
    return SEPARATOR.join(parts)


def wrap_parts(style: sc.TextStyle, parts: list[str], width: float, max_lines: int) -> list[str]:
    """``parts`` joined by " · " into lines that break only between parts; the last elided."""
    lines: list[str] = []
    rest = list(parts)
    while rest and len(lines) < max_lines - 1:
        line = rest.pop(0)
        while rest and style.advance(line + SEPARATOR + rest[0]) <= width:
            line += SEPARATOR + rest.pop(0)
        lines.append(sc.elide(style, line, width))
    if rest:
        lines.append(sc.elide(style, SEPARATOR.join(rest), width))
    return lines


def _chosen(snapshot: RoadmapSnapshot, ids: tuple[int, ...] | None) -> list[Outcome]:
    if ids is None:
        return [o for o, _depth in snapshot.outcome_tree]
    found = snapshot.outcome_by_id
    return [found[i] for i in ids if i in found]  # an unknown id has no page


def _ladder_scale(theme: Theme, room: float, most: float) -> float:
    """The largest ladder scale up to ``most`` whose ladder is at most ``room`` tall.

    Scales are multiples of 1/32 and rects whole units: the painters' arithmetic stays exact,
    so a label measured to fit its room is not elided by a rounding error.
    """
    scale = math.floor(min(most, room / LadderPainter(theme, 1.0).height()) * 32) / 32
    while scale > MIN_SCALE and LadderPainter(theme, scale).height() > room:
        scale -= 1 / 32
    return max(MIN_SCALE, scale)


def _rows(
    theme: Theme, krs: tuple[KeyResult, ...], area: QRectF, u: float
) -> tuple[KeyResultRow, ...]:
    if not krs:
        return ()
    n, gap = len(krs), round(ROW_GAP * u)
    share = (area.height() - (n - 1) * gap) / n
    pad = round(min(ROW_PAD * u, share * 0.12))
    scale = _ladder_scale(theme, share - 2 * pad, LADDER_SCALE * u)
    inner_h = LadderPainter(theme, scale).height()
    row_h = inner_h + 2 * pad
    # Text shrinks only when a line of name and one of numbers would not fit beside the ladder.
    one = _sized(NAME, u).metrics().lineSpacing() + _sized(NUMBERS, u).metrics().lineSpacing()
    k = min(1.0, inner_h / (one + NUMBERS_GAP * u))
    name, numbers = _sized(NAME, u * k), _sized(NUMBERS, u * k)
    name_step, numbers_step = name.metrics().lineSpacing(), numbers.metrics().lineSpacing()
    left, right = area.left(), area.right() - pad
    x0 = round(left + (STRIPE + TEXT_INSET) * u)
    text_w = round((right - x0) * 0.32)
    ladder_x = round(x0 + text_w + 36 * u)
    chart_x = round(ladder_x + (right - x0) * 0.30 + 44 * u)
    ladder_w, chart_w = chart_x - round(44 * u) - ladder_x, round(right) - chart_x
    rows = []
    for i, kr in enumerate(krs):
        top = round(area.top() + i * (row_h + gap))
        y = top + pad
        name_fit = 2 if 2 * name_step + NUMBERS_GAP * u * k + numbers_step <= inner_h else 1
        name_lines = sc.wrap(name, kr.name, text_w, name_fit)
        name_rect = QRectF(x0, y, text_w, len(name_lines) * name_step)
        text = numbers_text(kr)
        below = inner_h - name_rect.height() - NUMBERS_GAP * u * k
        num_fit = max(1, min(2, int(below // numbers_step)))
        num_lines = wrap_parts(numbers, text.split(SEPARATOR), text_w, num_fit)
        num_top = name_rect.bottom() + NUMBERS_GAP * u * k
        numbers_rect = QRectF(x0, num_top, text_w, len(num_lines) * numbers_step)
        rows.append(
            KeyResultRow(
                kr,
                QRectF(left, top, area.width(), row_h),
                name_rect,
                numbers_rect,
                QRectF(ladder_x, y, ladder_w, inner_h),
                QRectF(chart_x, y, chart_w, inner_h),
                text,
                tuple(name_lines),
                tuple(num_lines),
                scale,
                u * k,
            )
        )
    return tuple(rows)


def layout_sheets(snapshot: RoadmapSnapshot, options: SheetOptions) -> list[SheetPage]:
    """One page per chosen outcome, in the order asked for (tree order by default)."""
    w, h, theme = options.width, options.height, options.theme
    u = sc.unit_for(w, h)
    m = sc.MARGIN * u
    title = options.title or snapshot.roadmap.name
    subtitle = sc.subtitle_text(options.subtitle, options.today)
    outcomes = _chosen(snapshot, options.outcome_ids)
    heading, context, measured = _sized(HEADING, u), _sized(CONTEXT, u), _sized(MEASURED, u)
    pages = []
    for index, outcome in enumerate(outcomes):
        label = sc.page_label(index, len(outcomes))
        block = sc.title_block(w, u, subtitle, label)
        parent = snapshot.outcome_by_id.get(outcome.parent_id) if outcome.parent_id else None
        x = m + (ACCENT + ACCENT_GAP) * u
        text_w = w - m - x
        top = block.bottom + 32 * u
        lines = sc.wrap(heading, heading_text(outcome), text_w, 2)
        heading_rect = QRectF(x, top, text_w, len(lines) * heading.metrics().lineSpacing())
        ctx = context_text(snapshot, outcome, parent)
        context_rect = QRectF(x, heading_rect.bottom() + 10 * u, text_w, context.height())
        accent = QRectF(m, top, ACCENT * u, context_rect.bottom() - top)
        measured_rect = QRectF(x, context_rect.bottom() + 22 * u, text_w, measured.height())
        # Whole units, inside the margins: see _ladder_scale.
        rows_top, left = math.ceil(measured_rect.bottom() + 12 * u), math.ceil(m)
        area = QRectF(
            left, rows_top, math.floor(w - m) - left, max(0, math.floor(h - m) - rows_top)
        )
        krs = snapshot.key_results_by_outcome.get(outcome.id, ())
        by_kr = snapshot.check_ins_by_key_result
        pages.append(
            SheetPage(
                w,
                h,
                theme,
                label,
                outcome,
                parent,
                heading_text(outcome),
                heading_rect,
                ctx,
                context_rect,
                _rows(theme, krs, area, u),
                {kr.id: by_kr.get(kr.id, ()) for kr in krs},
                title,
                subtitle,
                block.title_rect,
                block.subtitle_rect,
                block.label_rect,
                tuple(lines),
                MEASURED_LABEL,
                measured_rect,
                accent,
                "" if krs else NO_KEY_RESULTS,
                QRectF() if krs else QRectF(area.left(), area.top(), area.width(), 96 * u),
                u,
            )
        )
    return pages


def paint_sheet_page(painter: QPainter, page: SheetPage, scale: float = 1.0) -> None:
    """Paint ``page`` with ``scale`` device units per layout unit, background included."""
    p, theme, u = painter, page.theme, page.unit
    p.save()
    p.scale(scale, scale)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.fillRect(QRectF(0, 0, page.width, page.height), QColor(theme.background))
    block = sc.TitleBlock(page.title_rect, page.subtitle_rect, page.page_label_rect, 0.0)
    sc.paint_title_block(p, theme, u, block, (page.title, page.subtitle, page.page_label))
    color = QColor(page.outcome.color)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color)
    p.drawRoundedRect(page.accent_rect, page.accent_rect.width() / 2, page.accent_rect.width() / 2)
    sc.draw_lines(p, _sized(HEADING, u), theme.text, page.heading_rect, page.heading_lines)
    sc.draw_line(p, _sized(CONTEXT, u), theme.muted_text, page.context_rect, page.context)
    sc.draw_line(p, _sized(MEASURED, u), theme.muted_text, page.measured_rect, page.measured)
    if page.empty_note:
        sc.draw_line(p, _sized(EMPTY, u), theme.muted_text, page.empty_rect, page.empty_note)
    for row in page.rows:
        _paint_row(p, page, row, color)
    p.restore()


def _paint_row(p: QPainter, page: SheetPage, row: KeyResultRow, color: QColor) -> None:
    theme, u = page.theme, page.unit
    radius, lw = 14 * u, max(1.0, 1.5 * u)
    p.setPen(QPen(QColor(theme.border), lw))
    p.setBrush(QColor(theme.surface))
    body = row.rect.adjusted(lw / 2, lw / 2, -lw / 2, -lw / 2)
    p.drawRoundedRect(body, radius, radius)
    p.fillPath(stripe_path(body, row.rect.left() + STRIPE * u, radius), color)
    sc.draw_lines(p, _sized(NAME, row.text_scale), theme.text, row.name_rect, row.name_lines)
    numbers = _sized(NUMBERS, row.text_scale)
    sc.draw_lines(p, numbers, theme.muted_text, row.numbers_rect, row.numbers_lines)
    ladder = LadderData.of(row.key_result, page.outcome.color)
    LadderPainter(theme, row.scale).paint(p, row.ladder_rect, ladder)
    data = ChartData.of(row.key_result, page.check_ins.get(row.key_result.id, ()), color.name())
    ChartPainter(theme, row.scale).paint(p, row.chart_rect, data)


def stripe_path(body: QRectF, right: float, radius: float) -> QPainterPath:
    """The part of rounded rect ``body`` left of ``right``: a stripe that follows its corners.

    Built from the corners' own arcs, not painted through a clip: SVG Tiny (and so
    QSvgGenerator by default) drops clips, and the whole row came out in the stripe's colour.
    A path intersection would do too, but flattens the arcs into short lines.
    """
    left, top, bottom = body.left(), body.top(), body.bottom()
    r = max(0.0, min(radius, body.width() / 2, body.height() / 2))
    path = QPainterPath()
    if right <= left:
        return path
    if right >= body.right():
        path.addRoundedRect(body, r, r)
        return path
    if r == 0:
        path.addRect(QRectF(left, top, right - left, body.height()))
        return path
    # Where the stripe's right edge meets a corner's circle, in Qt's degrees (y up); 90
    # when the edge is right of the corners, and the top and bottom run straight to it.
    angle = math.degrees(math.acos(max(-1.0, min(0.0, (right - left - r) / r))))
    rise = r * math.sin(math.radians(angle))
    path.moveTo(right, top + r - rise)
    path.arcTo(QRectF(left, top, 2 * r, 2 * r), angle, 180 - angle)
    path.arcTo(QRectF(left, bottom - 2 * r, 2 * r, 2 * r), 180, 180 - angle)
    path.lineTo(right, bottom - r + rise)
    path.closeSubpath()
    return path


def _sized(style: sc.TextStyle, factor: float) -> sc.TextStyle:
    """``style`` with its size multiplied by ``factor``."""
    return sc.TextStyle(style.pixels * factor, style.weight, style.italic)
