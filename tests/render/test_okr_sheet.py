"""The OKR sheet: one page per outcome, a row per key result, ladders and charts painted."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.render.okr_sheet import (
    SheetOptions,
    SheetPage,
    heading_text,
    layout_sheets,
    numbers_text,
    paint_sheet_page,
    stripe_path,
)
from roadmapper.render.slide_common import unit_for
from roadmapper.render.theme import DARK, LIGHT, PRINT, Theme
from tests.conftest import TODAY


def options(**changes: object) -> SheetOptions:
    return dataclasses.replace(SheetOptions(today=TODAY), **changes)  # type: ignore[arg-type]


def paint(page: SheetPage, scale: float = 1.0) -> QImage:
    image = QImage(
        round(page.width * scale),
        round(page.height * scale),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QColor("#ff00ff"))
    painter = QPainter(image)
    paint_sheet_page(painter, page, scale)
    painter.end()
    return image


def distance(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


def count_near(
    image: QImage, rect: QRectF, color: QColor, scale: float, tolerance: int = 30
) -> int:
    """Pixels of ``rect`` (layout units) within ``tolerance`` of ``color``, one per layout unit."""
    step = max(1, int(scale))  # at scale 2, every other pixel: counts compare across scales
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    data, stride = bytes(argb.constBits()), argb.bytesPerLine()
    r, g, b = color.red(), color.green(), color.blue()
    found = 0
    x0, x1 = int(rect.left() * scale), int(rect.right() * scale)
    for y in range(int(rect.top() * scale), int(rect.bottom() * scale), step):
        row = data[y * stride + 4 * x0 : y * stride + 4 * x1 : 1]
        for i in range(0, len(row), 4 * step):  # little-endian ARGB32: B, G, R, A
            if (
                abs(row[i + 2] - r) <= tolerance
                and abs(row[i + 1] - g) <= tolerance
                and abs(row[i] - b) <= tolerance
            ):
                found += 1
    return found


# ------------------------------------------------------------------ layout


def test_one_page_per_outcome_in_tree_order(snapshot: RoadmapSnapshot) -> None:
    pages = layout_sheets(snapshot, options())
    # Business outcome 1, the product outcome under it, then business 2 and its two.
    assert [p.outcome.id for p in pages] == [1, 3, 2, 4, 5]
    assert [p.page_label for p in pages] == ["1 / 5", "2 / 5", "3 / 5", "4 / 5", "5 / 5"]
    for page in pages:
        krs = snapshot.key_results_by_outcome[page.outcome.id]
        assert [r.key_result for r in page.rows] == list(krs)
        assert set(page.check_ins) == {kr.id for kr in krs}
        for kr in krs:
            assert page.check_ins[kr.id] == snapshot.check_ins_by_key_result.get(kr.id, ())
        assert page.title == snapshot.roadmap.name and page.subtitle == "22 November 2026"


def test_chosen_outcomes_keep_the_order_asked_for(snapshot: RoadmapSnapshot) -> None:
    pages = layout_sheets(snapshot, options(outcome_ids=(5, 3, 999)))
    assert [p.outcome.id for p in pages] == [5, 3]
    single = layout_sheets(snapshot, options(outcome_ids=(4,), title="Tablet", subtitle=""))
    assert len(single) == 1 and single[0].page_label == ""
    assert (single[0].title, single[0].subtitle) == ("Tablet", "")


def test_heading_context_and_numbers(snapshot: RoadmapSnapshot) -> None:
    pages = {p.outcome.id: p for p in layout_sheets(snapshot, options())}
    product = pages[3]
    assert product.heading == "We will make online booking the way riders book a repair"
    assert product.heading == heading_text(product.outcome)
    assert product.parent is not None and product.parent.id == 1
    assert product.context == (
        "Product outcome · drives: Grow recurring revenue from independent workshops"
    )
    business = pages[2]
    assert business.parent is None
    assert business.context.startswith("Business outcome · driven by: Get mechanics running")
    assert business.measured == "as measured by:"
    kr = snapshot.key_result_by_id[1]
    assert numbers_text(kr) == "baseline 84 kEUR · now 91.2 kEUR · tier 1 of 3 · 36%"
    assert pages[1].rows[0].numbers == numbers_text(kr)
    no_baseline = snapshot.key_result_by_id[11]
    assert numbers_text(no_baseline) == "no baseline · now 54% of repairs · tier 0 of 3"
    guardrail = snapshot.key_result_by_id[9]
    assert numbers_text(guardrail).endswith("· guardrail")


def all_rects(page: SheetPage) -> list[QRectF]:
    rects = [page.title_rect, page.heading_rect, page.context_rect, page.measured_rect]
    for row in page.rows:
        rects += [row.rect, row.name_rect, row.numbers_rect, row.ladder_rect, row.chart_rect]
    return rects


@pytest.mark.parametrize(
    "size", [(1920.0, 1080.0), (1600.0, 1200.0), (3508.0, 2480.0)], ids=lambda s: f"{s[0]:.0f}"
)
def test_rects_stay_inside_the_margins_and_apart(
    snapshot: RoadmapSnapshot, size: tuple[float, float]
) -> None:
    width, height = size
    for page in layout_sheets(snapshot, options(width=width, height=height)):
        m = 64 * unit_for(width, height)
        inner = QRectF(m, m, width - 2 * m, height - 2 * m).adjusted(-0.01, -0.01, 0.01, 0.01)
        for rect in all_rects(page):
            assert inner.contains(rect), (rect, inner)
        for a, b in zip(page.rows, page.rows[1:], strict=False):
            assert a.rect.bottom() < b.rect.top()
        for row in page.rows:
            for part in (row.name_rect, row.numbers_rect, row.ladder_rect, row.chart_rect):
                assert row.rect.contains(part)
            assert row.name_rect.right() < row.ladder_rect.left()
            assert row.numbers_rect.top() >= row.name_rect.bottom()
            assert row.ladder_rect.right() < row.chart_rect.left()
        assert page.rows[0].rect.top() > page.measured_rect.bottom()


def test_more_than_five_key_results_scale_the_rows_down(snapshot: RoadmapSnapshot) -> None:
    copies = [
        dataclasses.replace(kr, id=100 + kr.id, outcome_id=3, rank=f"z{kr.id:03d}")
        for kr in snapshot.key_results[:5]
    ]
    many = dataclasses.replace(snapshot, key_results=(*snapshot.key_results, *copies))
    (page,) = layout_sheets(many, options(outcome_ids=(3,)))
    (plain,) = layout_sheets(snapshot, options(outcome_ids=(3,)))
    assert len(page.rows) == 8
    assert page.rows[0].scale < plain.rows[0].scale
    assert page.rows[-1].rect.bottom() <= page.height - 64
    assert all(r.name_lines for r in page.rows)


def test_an_outcome_without_key_results_says_so(snapshot: RoadmapSnapshot) -> None:
    bare = dataclasses.replace(
        snapshot, key_results=tuple(k for k in snapshot.key_results if k.outcome_id != 5)
    )
    (page,) = layout_sheets(bare, options(outcome_ids=(5,)))
    assert page.rows == () and page.check_ins == {}
    assert page.empty_note.startswith("No key results yet")
    image = paint(page)
    ink = count_near(image, page.empty_rect, QColor(LIGHT.muted_text), 1.0, 40)
    assert ink > 200


# ------------------------------------------------------------------ pixels


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_ladders_and_charts_are_painted_in_their_rects(
    snapshot: RoadmapSnapshot, scale: float
) -> None:
    page = layout_sheets(snapshot, options(outcome_ids=(3,)))[0]
    image = paint(page, scale)
    color = QColor(page.outcome.color)
    for row in page.rows:
        ladder = count_near(image, row.ladder_rect, color, scale)
        chart = count_near(image, row.chart_rect, color, scale)
        assert ladder > 150, (row.key_result.name, ladder)
        assert chart > 100, (row.key_result.name, chart)
        # Nothing of the outcome colour in the text column: the painters kept to their rects.
        text_column = QRectF(row.name_rect.left(), row.rect.top() + 2, 0, row.rect.height() - 4)
        text_column.setRight(row.ladder_rect.left() - 4)
        assert count_near(image, text_column, color, scale, 12) == 0
    # The first key result (28% reached): its first step is filled with the outcome colour.
    first = page.rows[0]
    ladder_left = QRectF(first.ladder_rect)
    ladder_left.setRight(first.ladder_rect.center().x())
    assert count_near(image, ladder_left, color, scale, 12) > 400


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_heading_and_accent_are_painted(snapshot: RoadmapSnapshot, scale: float) -> None:
    page = layout_sheets(snapshot, options(outcome_ids=(4,)))[0]
    image = paint(page, scale)
    text = QColor(LIGHT.text)
    assert count_near(image, page.heading_rect, text, scale) > 2000
    gap = page.heading_rect.top() - page.subtitle_rect.bottom()
    above = QRectF(page.heading_rect.left(), page.subtitle_rect.bottom() + 2, 600, gap - 4)
    assert count_near(image, above, text, scale) == 0
    accent = page.accent_rect
    middle = image.pixelColor(int(accent.center().x() * scale), int(accent.center().y() * scale))
    assert distance(middle, QColor(page.outcome.color)) <= 6
    assert count_near(image, page.title_rect, text, scale) > 500


@pytest.mark.parametrize("theme", [LIGHT, DARK, PRINT], ids=lambda t: t.name)
def test_rows_sit_on_the_theme_surface(snapshot: RoadmapSnapshot, theme: Theme) -> None:
    page = layout_sheets(snapshot, options(outcome_ids=(3,), theme=theme))[0]
    image = paint(page)
    assert image.pixelColor(5, 5) == QColor(theme.background)
    row = page.rows[0]
    inside = image.pixelColor(int(row.rect.right()) - 10, int(row.rect.center().y()))
    assert inside == QColor(theme.surface)


def test_the_stripe_is_the_row_shape_left_of_its_edge() -> None:
    body, right, radius = QRectF(10.75, 20.75, 400, 150), 16.0, 14.0
    stripe = stripe_path(body, right, radius)
    assert stripe.boundingRect().left() == pytest.approx(body.left())
    assert stripe.boundingRect().right() == pytest.approx(right)
    assert stripe.boundingRect().top() > body.top()  # the corner's arc, not the band's corner
    rounded = QPainterPath()
    rounded.addRoundedRect(body, radius, radius)
    band = QPainterPath()
    band.addRect(QRectF(0, 0, right, 400))
    expected = rounded.intersected(band)
    for i in range(0, 81):
        for j in range(0, 241):
            point = QPointF(10 + i * 0.1, 20 + j * 0.7)
            near = any(
                expected.contains(point + QPointF(dx, dy)) != expected.contains(point)
                for dx, dy in ((0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05))
            )
            if not near:
                assert stripe.contains(point) == expected.contains(point), point
    wide = stripe_path(body, body.left() + 30, radius)  # wider than the corner: straight
    assert wide.boundingRect().top() == pytest.approx(body.top())
    assert wide.contains(QPointF(body.left() + 29, body.top() + 0.5))
    assert stripe_path(body, body.left() - 1, radius).isEmpty()


def test_rows_need_no_clip_to_keep_their_surface(snapshot: RoadmapSnapshot) -> None:
    """SVG Tiny, QSvgGenerator's default, drops clips: a clipped stripe flooded each row."""
    page = layout_sheets(snapshot, options(outcome_ids=(3,)))[0]
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()  # SVG Tiny 1.2
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(page.width), round(page.height)))
    generator.setViewBox(QRectF(0, 0, page.width, page.height))
    painter = QPainter(generator)
    paint_sheet_page(painter, page)
    painter.end()
    image = QImage(round(page.width), round(page.height), QImage.Format.Format_RGB32)
    image.fill(QColor("#ff00ff"))
    painter = QPainter(image)
    QSvgRenderer(data).render(painter)
    painter.end()
    surface, color = QColor(LIGHT.surface), QColor(page.outcome.color)
    for row in page.rows:
        y = int(row.rect.center().y())
        assert image.pixelColor(int(row.rect.right()) - 10, y) == surface
        assert image.pixelColor(int(row.name_rect.left()) - 8, y) == surface
        assert distance(image.pixelColor(int(row.rect.left()) + 3, y), color) <= 6
        assert count_near(image, row.rect.adjusted(12, 4, -4, -4), surface, 1.0, 4) > 0.5 * (
            row.rect.width() * row.rect.height()
        )


def test_review_image(snapshot: RoadmapSnapshot) -> None:
    """The sheet a person looks at: the first product outcome of the sample."""
    page = layout_sheets(snapshot, options(outcome_ids=(3,)))[0]
    assert paint(page).save("/tmp/okr_sheet.png")
