"""The OKR sheet as a PowerPoint slide: heading, key result rows, native ladders, chart pictures."""

from __future__ import annotations

import io
import math
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from roadmapper.core import okr
from roadmapper.export.raster import png_bytes
from roadmapper.export.slides_canvas import (
    FIT_SLACK,
    MIN_FONT_SCALE,
    SCALE_STEP,
    Canvas,
    batched,
    fit_scale,
    fitted,
    flat,
    line_step,
    office,
    stripe,
    title_block,
    wrap,
)
from roadmapper.render import okr_sheet as sheet
from roadmapper.render import slide_common as sc
from roadmapper.render.chart import ChartData, ChartPainter
from roadmapper.render.ladder import (
    NOT_SET,
    LadderData,
    LadderLayout,
    LadderPainter,
    caption,
    short_unit,
    with_unit,
)
from roadmapper.render.okr_sheet import KeyResultRow, SheetPage
from roadmapper.render.theme import text_on

CHART_PICTURE_SCALE = 3.0  # chart pixels per layout unit: crisp on a 4K projector
NBSP = "\u00a0"


def _value(style: sc.TextStyle, value: float, unit: str, width: float) -> str:
    """The value with its short unit when that fits in ``width``, else the bare number (whole)."""
    with_short = with_unit(value, short_unit(unit))
    if office(style).horizontalAdvance(with_short) <= width * FIT_SLACK:
        return with_short
    return with_unit(value, "")


def _sized(style: sc.TextStyle, factor: float) -> sc.TextStyle:
    return sc.TextStyle(style.pixels * factor, style.weight, style.italic)


def sheet_slide(canvas: Canvas, page: SheetPage) -> None:
    """Title block, the outcome's heading and context, then one row per key result."""
    theme, u = page.theme, page.unit
    title_block(canvas, page)
    accent = page.accent_rect
    canvas.shape(
        "ROUNDED_RECTANGLE",
        accent,
        page.outcome.color,
        name="Outcome colour",
        radius=accent.width() / 2,
    )
    heading, rect = _sized(sheet.HEADING, u), page.heading_rect
    # The objective may take the room down to the context line; past that it shrinks.
    room = QRectF(rect.left(), rect.top(), rect.width(), page.context_rect.top() - rect.top())
    canvas.text(
        rect,
        [(flat(page.heading), heading, theme.text)],
        name="Objective",
        anchor="TOP",
        wrap=True,
        room=room,
    )
    for rect, style, text, name in (
        (page.context_rect, sheet.CONTEXT, page.context, "Context"),
        (page.measured_rect, sheet.MEASURED, page.measured, "As measured by"),
        (page.empty_rect, sheet.EMPTY, page.empty_note, "No key results"),
    ):
        if text and not rect.isEmpty():
            sized = _sized(style, u)
            canvas.text(rect, [(flat(text), sized, theme.muted_text)], name=name)
    for row in page.rows:
        _row(canvas, page, row)


def _row(canvas: Canvas, page: SheetPage, row: KeyResultRow) -> None:
    """One key result as a group: its card, stripe, name, numbers, ladder and chart."""
    group = canvas.slide.shapes.add_group_shape()
    group.name = f"Key result: {row.key_result.name}"[:250]
    with batched(group) as shapes:
        _row_parts(canvas, page, row, shapes)


def _row_parts(canvas: Canvas, page: SheetPage, row: KeyResultRow, shapes: Any) -> None:
    theme, u, kr = page.theme, page.unit, row.key_result
    lw = max(1.0, 1.5 * u)
    half = lw / 2
    canvas.shape(
        "ROUNDED_RECTANGLE",
        row.rect.adjusted(half, half, -half, -half),
        theme.surface,
        name="Key result card",
        line=theme.border,
        line_width=lw,
        radius=14 * u,
        into=shapes,
    )
    bar = QRectF(row.rect.left(), row.rect.top(), sheet.STRIPE * u, row.rect.height())
    stripe(canvas, bar, page.outcome.color, shapes, radius=14 * u)
    name = _sized(sheet.NAME, row.text_scale)
    numbers = _sized(sheet.NUMBERS, row.text_scale)
    name_box, numbers_box, text, scale = _row_text(row)
    canvas.text(
        name_box,
        [(flat(kr.name), name, theme.text)],
        name="Key result name",
        anchor="TOP",
        wrap=True,
        into=shapes,
        scale=scale,
    )
    canvas.text(
        numbers_box,
        [(text, numbers, theme.muted_text)],
        name="Numbers",
        anchor="TOP",
        wrap=True,
        into=shapes,
        scale=scale,
    )
    _ladder(canvas, page, row, shapes)
    _chart(canvas, page, row, shapes)


def _row_text(row: KeyResultRow) -> tuple[QRectF, QRectF, str, float]:
    """Name and numbers boxes stacked in the row's text column, in the Office font.

    Returns (name box, numbers box, numbers text, font scale). The numbers break only
    between their parts, as painted; both shrink together when the column cannot hold them.
    """
    name = _sized(sheet.NAME, row.text_scale)
    numbers = _sized(sheet.NUMBERS, row.text_scale)
    parts = row.numbers.split(sheet.SEPARATOR)
    text = sheet.SEPARATOR.join(part.replace(" ", NBSP) for part in parts)
    left, top, width = row.name_rect.left(), row.name_rect.top(), row.name_rect.width()
    height = row.ladder_rect.bottom() - top
    gap = sheet.NUMBERS_GAP * row.text_scale
    scale = 1.0
    while True:
        name_h = len(wrap(name, row.key_result.name, width / scale)) * line_step(name)
        numbers_h = len(wrap(numbers, text, width / scale)) * line_step(numbers)
        if (name_h + gap + numbers_h) * scale <= height + 0.01 or scale <= MIN_FONT_SCALE:
            break
        scale = round(scale - SCALE_STEP, 3)
    name_box = QRectF(left, top, width, name_h * scale)
    numbers_box = QRectF(left, name_box.bottom() + gap * scale, width, numbers_h * scale)
    return name_box, numbers_box, text, scale


def _ladder(canvas: Canvas, page: SheetPage, row: KeyResultRow, into: Any) -> None:
    """The tier ladder as shapes: ground, baseline block, one step per tier, the marker."""
    theme, s, rect = page.theme, row.scale, row.ladder_rect
    data = LadderData.of(row.key_result, page.outcome.color)
    painter = LadderPainter(theme, s)
    lay = painter.layout(rect, data)
    fill, tint, ink = painter.colors(data.color)  # the painter's own colours, not a copy
    tier_style, value_style = sc.TextStyle(11 * s, sc.W.DemiBold), sc.TextStyle(12 * s, sc.W.Medium)
    small, line = sc.TextStyle(11 * s, sc.W.Medium), max(1.0, 1.5 * s)
    value_top = lay.ground + 6 * s

    ground = QRectF(rect.left(), lay.ground - max(1.0, s) / 2, rect.width(), max(1.0, s))
    canvas.shape("RECTANGLE", ground, theme.border, name="Ground", into=into)
    stub = lay.baseline
    if data.baseline is None:
        canvas.shape(
            "ROUNDED_RECTANGLE",
            stub,
            None,
            name="Baseline",
            line=theme.border_hover,
            line_width=line,
            radius=2 * s,
            dashed=True,
            into=into,
        )
        base_text = NOT_SET
    else:
        canvas.shape(
            "ROUNDED_RECTANGLE", stub, theme.border_hover, name="Baseline", radius=2 * s, into=into
        )
        base_text = _value(value_style, data.baseline, data.unit, stub.width())
    word = QRectF(
        stub.left(), stub.top() - 5 * s - small.height(), stub.width() * 1.5, small.height()
    )
    runs = [("Baseline", small, theme.muted_text)]
    canvas.text(word, runs, name="Baseline label", into=into)
    value_rect = QRectF(stub.left(), value_top, stub.width() * 1.5, value_style.height())
    runs = [(base_text, value_style, theme.muted_text)]
    canvas.text(value_rect, runs, name="Baseline value", into=into)

    reached = okr.tiers_reached(data.direction, data.tiers, data.current) if data.tiers else 0
    for i, box in enumerate(lay.steps):
        done = i < reached
        if not data.tiers:
            canvas.shape(
                "ROUND_2_SAME_RECTANGLE",
                box,
                None,
                name="Tier (none yet)",
                line=theme.border_hover,
                line_width=line,
                dashed=True,
                into=into,
            )
            continue
        shape = canvas.shape(
            "ROUND_2_SAME_RECTANGLE",
            box,
            fill.name() if done else tint.name(),
            name=f"Tier {i + 1}",
            line=None if done else fill.name(),
            line_width=line,
            into=into,
        )
        shape.adjustments[0] = min(0.5, 4 * s / max(1e-6, min(box.width(), box.height())))
        shape.adjustments[1] = 0.0
        label_ink = text_on(fill) if done else ink
        label = f"T{i + 1}"
        scale = fit_scale(tier_style, label, box.width() - 4 * s)
        canvas.frame(shape.text_frame, (0, 6 * s, 0, 0), "TOP", scale < 1.0, scale=scale)
        runs = [(label, tier_style, label_ink.name())]
        canvas.paragraph(shape.text_frame.paragraphs[0], runs, "CENTER")
        below = QRectF(box.left() - 4 * s, value_top, box.width() + 8 * s, value_style.height())
        text = _value(value_style, data.tiers[i], data.unit, box.width() + 3 * s)
        color = theme.text if done else theme.muted_text
        canvas.text(
            below,
            [(text, value_style, color)],
            name=f"Tier {i + 1} target",
            align="CENTER",
            into=into,
        )
    if lay.marker_x is not None and data.current is not None:
        _marker(canvas, page, row, lay, into)
    _caption(canvas, page, row, lay.marker_x is None, into)


def _caption(canvas: Canvas, page: SheetPage, row: KeyResultRow, unplaced: bool, into: Any) -> None:
    """ "Tier 1 of 3 · 36% of the way" under the ladder, and "Now 12" when no marker says it."""
    theme, s, rect = page.theme, row.scale, row.ladder_rect
    data = LadderData.of(row.key_result, page.outcome.color)
    cap_style = sc.TextStyle(13 * s)
    height = LadderPainter(theme, s).height()
    cap_rect = QRectF(
        rect.left(), rect.top() + height - 2 * s - cap_style.height(), 0.0, cap_style.height()
    )
    room = QRectF(cap_rect.left(), cap_rect.top(), rect.width(), cap_rect.height())
    if unplaced and data.current is not None:
        now = "Now " + _value(cap_style, data.current, data.unit, rect.width() / 3)
        now_w = office(cap_style).horizontalAdvance(now) / FIT_SLACK
        now_rect = QRectF(rect.right() - now_w, cap_rect.top(), now_w, cap_rect.height())
        runs = [(now, cap_style, theme.muted_text)]
        canvas.text(now_rect, runs, name="Current value", align="RIGHT", into=into)
        room.setWidth(max(1.0, rect.width() - now_w - 12 * s))
    text = caption(data)
    head, sep, tail = text.rpartition(" · ")
    if head and data.tiers and data.baseline is not None:  # "Tier 1 of 3" bold, as painted
        bold = sc.TextStyle(13 * s, sc.W.DemiBold)
        runs = [(head, bold, theme.text), (sep + tail, cap_style, theme.text)]
    else:
        runs = [(text, cap_style, theme.text if head else theme.muted_text)]
    canvas.text(cap_rect, runs, name="Progress", into=into, room=room)


def _marker(
    canvas: Canvas, page: SheetPage, row: KeyResultRow, lay: LadderLayout, into: Any
) -> None:
    """The "you are here" pin: value, head and stem down to the step below it."""
    theme, s, rect = page.theme, row.scale, row.ladder_rect
    x = lay.marker_x or 0.0
    marker = sc.TextStyle(12 * s, sc.W.Bold)
    head = 6 * s
    top = rect.top() + 2 * s + marker.height() + 2 * s + head
    floor = lay.ground
    for box in lay.steps:
        if box.left() - 0.01 <= x <= box.right() + 0.01:
            floor = box.top()
    stem = QRectF(x - s, top, 2 * s, max(0.0, floor - top))
    canvas.shape("RECTANGLE", stem, theme.text, name="Current value stem", into=into)
    tip = QRectF(x - head, top - head, 2 * head, head + s)
    arrow = canvas.shape("ISOSCELES_TRIANGLE", tip, theme.text, name="Current head", into=into)
    arrow.rotation = 180.0
    text = _value(marker, row.key_result.current or 0.0, row.key_result.unit, rect.width())
    width = fitted(marker).advance(text) / FIT_SLACK
    left = max(rect.left(), min(rect.right() - width, x - width / 2))
    label = QRectF(left, top - head - 2 * s - marker.height(), width, marker.height())
    canvas.text(
        label, [(text, marker, theme.text)], name="Current value label", align="CENTER", into=into
    )


def _chart(canvas: Canvas, page: SheetPage, row: KeyResultRow, into: Any) -> None:
    """The check-in chart as an embedded picture on the row's surface colour."""
    rect, theme = row.chart_rect, page.theme
    if rect.width() <= 0 or rect.height() <= 0:
        return
    k = CHART_PICTURE_SCALE
    image = QImage(
        math.ceil(rect.width() * k),
        math.ceil(rect.height() * k),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(k)
    image.fill(QColor(theme.surface))
    data = ChartData.of(
        row.key_result, page.check_ins.get(row.key_result.id, ()), page.outcome.color
    )
    painter = QPainter(image)
    try:
        ChartPainter(theme, row.scale).paint(
            painter, QRectF(0, 0, rect.width(), rect.height()), data
        )
    finally:
        painter.end()
    picture = into.add_picture(io.BytesIO(png_bytes(image)), *canvas.box(rect))
    picture.name = "Check-in chart"
