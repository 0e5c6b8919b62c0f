"""The tier ladder and the check-in chart, checked on painted pixels."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QImage, QPainter

from roadmapper.core.entities import CheckIn, KeyResult
from roadmapper.core.palette import DEFAULT_PALETTE
from roadmapper.model.enums import Direction, Indicator
from roadmapper.render.chart import ChartData, ChartPainter, axis_dates, short_date
from roadmapper.render.fonts import ui_font_px
from roadmapper.render.ladder import LadderData, LadderPainter, caption, short_unit, value_label
from roadmapper.render.theme import DARK, LIGHT, Theme

BLUE, ORANGE, GREEN = DEFAULT_PALETTE[0], DEFAULT_PALETTE[1], DEFAULT_PALETTE[2]
UP, DOWN = Direction.INCREASE, Direction.DECREASE
W, H, MARGIN = 360, 200, 16
DAY = dt.date(2026, 10, 5)


@pytest.fixture(scope="module", autouse=True)
def gui_app(qapp: QGuiApplication) -> Iterator[QGuiApplication]:
    """pytest-qt's application: a QGuiApplication, shared with the widget tests."""
    yield qapp


def ladder(
    current: float | None = 21,
    tiers: tuple[float, ...] = (10, 20, 30),
    baseline: float | None = 0,
    direction: Direction = UP,
    unit: str = "%",
    color: str = BLUE,
) -> LadderData:
    return LadderData(direction, unit, baseline, current, tiers, color)


def chart(
    values: tuple[float, ...] = (4, 9, 15, 22),
    tiers: tuple[float, ...] = (10, 20, 30),
    baseline: float | None = 0,
    direction: Direction = UP,
    unit: str = "%",
    every: int = 7,
    color: str = BLUE,
) -> ChartData:
    points = tuple((DAY + dt.timedelta(days=every * i), v) for i, v in enumerate(values))
    return ChartData(direction, unit, baseline, tiers, points, color)


def canvas(width: int, height: int, theme: Theme = LIGHT) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.surface))
    return image


def paint_ladder(
    data: LadderData, theme: Theme = LIGHT, width: int = W, height: int | None = None
) -> tuple[QImage, QRectF, LadderPainter]:
    painter = LadderPainter(theme)
    rect = QRectF(MARGIN, MARGIN, width, height or painter.height())
    image = canvas(width + 2 * MARGIN, int(rect.height()) + 2 * MARGIN, theme)
    qp = QPainter(image)
    painter.paint(qp, rect, data)
    qp.end()
    return image, rect, painter


def paint_chart(
    data: ChartData, theme: Theme = LIGHT, width: int = W, height: int = H
) -> tuple[QImage, QRectF, ChartPainter]:
    painter = ChartPainter(theme)
    rect = QRectF(MARGIN, MARGIN, width, height)
    image = canvas(width + 2 * MARGIN, height + 2 * MARGIN, theme)
    qp = QPainter(image)
    painter.paint(qp, rect, data)
    qp.end()
    return image, rect, painter


def distance(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


def count_near(image: QImage, box: QRectF, color: QColor, tolerance: int = 12) -> int:
    """Pixels in ``box`` within ``tolerance`` of ``color``."""
    found = 0
    for y in range(int(box.top()), int(box.bottom())):
        for x in range(int(box.left()), int(box.right())):
            found += distance(image.pixelColor(x, y), color) <= tolerance
    return found


def ys_near(image: QImage, x: int, color: QColor, tolerance: int = 12) -> list[int]:
    return [
        y for y in range(image.height()) if distance(image.pixelColor(x, y), color) <= tolerance
    ]


def assert_inside_only(
    image: QImage, rect: QRectF, theme: Theme = LIGHT, minimum: int = 200
) -> None:
    surface, inside = QColor(theme.surface), 0
    for y in range(image.height()):
        for x in range(image.width()):
            if rect.contains(x + 0.5, y + 0.5):
                inside += image.pixelColor(x, y) != surface
            else:
                assert image.pixelColor(x, y) == surface, (x, y)
    assert inside >= minimum  # something was painted


# ------------------------------------------------------------------ helpers


def test_units_are_shown_when_short() -> None:
    assert short_unit("%") == "%" and short_unit("kEUR") == "kEUR"
    assert short_unit("% of bookings") == "%" and short_unit("seconds (median)") == ""
    metrics = QFontMetricsF(ui_font_px(12))
    assert value_label(metrics, 30, "%", 200) == "30%"
    assert value_label(metrics, 2.5, "min", 200) == "2.5 min"
    assert value_label(metrics, 120, "seconds (median)", 200) == "120"
    assert value_label(metrics, 120000, "kEUR", 30).endswith("…")
    assert short_date(dt.date(2026, 10, 5)) == "5 Oct"
    assert short_date(dt.date(2026, 11, 23), with_year=True) == "23 Nov 2026"


def test_the_time_axis_always_says_the_year() -> None:
    nov = (dt.date(2026, 11, 1), dt.date(2026, 11, 29))
    assert axis_dates(*nov) == ("1 Nov", "29 Nov 2026")
    assert axis_dates(dt.date(2025, 12, 5), dt.date(2026, 1, 12)) == ("5 Dec 2025", "12 Jan 2026")
    assert axis_dates(nov[1], nov[1])[1] == "29 Nov 2026"


def test_data_is_built_from_entities() -> None:
    kr = KeyResult(7, 1, "Onboarding time", DOWN, Indicator.LEADING, "min", 40, 31, (35, 30, 25))
    assert LadderData.of(kr, GREEN) == LadderData(DOWN, "min", 40, 31, (35, 30, 25), GREEN)
    check_ins = [
        CheckIn(3, 7, dt.date(2026, 11, 2), 31),
        CheckIn(1, 7, dt.date(2026, 10, 5), 38),
        CheckIn(9, 8, dt.date(2026, 10, 9), 99),  # another key result's
    ]
    data = ChartData.of(kr, check_ins, GREEN)
    assert data.points == ((dt.date(2026, 10, 5), 38), (dt.date(2026, 11, 2), 31))
    assert data.tiers == (35, 30, 25) and data.baseline == 40


# ------------------------------------------------------------------ ladder


def fill_of_steps(
    image: QImage, painter: LadderPainter, rect: QRectF, data: LadderData
) -> list[int]:
    """Outcome-coloured pixels in the lower half of each step, inside its outline."""
    found = []
    for box in painter.layout(rect, data).steps:
        lower = QRectF(box.left() + 4, box.center().y(), box.width() - 8, box.height() / 2 - 3)
        found.append(count_near(image, lower, QColor(data.color)))
    return found


def marker_x_on_image(
    image: QImage, rect: QRectF, painter: LadderPainter, data: LadderData
) -> float:
    """The middle of the marker's head, found on the row just above the tallest step."""
    lay = painter.layout(rect, data)
    y = int(min(box.top() for box in lay.steps)) - 3
    text = QColor(LIGHT.text)
    xs = [x for x in range(image.width()) if distance(image.pixelColor(x, y), text) <= 40]
    assert xs, "no marker head painted"
    return sum(xs) / len(xs)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_reached_steps_are_filled_and_the_rest_only_outlined(theme: Theme) -> None:
    data = ladder(21)  # tiers 10 / 20 / 30: two reached
    image, rect, painter = paint_ladder(data, theme)
    first, second, third = fill_of_steps(image, painter, rect, data)
    area = painter.layout(rect, data).steps[0]
    assert first > 0.8 * (area.width() - 8) * (area.height() / 2 - 3)
    assert second > 0.8 * first
    assert third == 0
    # The third step is still there: outlined in the outcome colour.
    assert count_near(image, painter.layout(rect, data).steps[2], QColor(BLUE)) > 40


def test_marker_moves_right_as_the_value_grows() -> None:
    xs = []
    for current in (0, 6, 15, 21, 29):
        data = ladder(current)
        image, rect, painter = paint_ladder(data)
        x = marker_x_on_image(image, rect, painter, data)
        assert x == pytest.approx(painter.layout(rect, data).marker_x, abs=1.5)
        xs.append(x)
    assert all(b > a + 5 for a, b in itertools.pairwise(xs)), xs
    # Past the ultimate tier it stays at the end: clamped, and still inside the rect.
    beyond = marker_x_on_image(*paint_ladder(ladder(80))[:3], ladder(80))
    at_end = marker_x_on_image(*paint_ladder(ladder(30))[:3], ladder(30))
    assert beyond == pytest.approx(at_end, abs=0.5) and beyond > xs[-1]
    below = marker_x_on_image(*paint_ladder(ladder(-10))[:3], ladder(-10))
    assert below == pytest.approx(xs[0], abs=0.5)


def test_decreasing_key_result_before_its_first_tier_fills_nothing() -> None:
    data = ladder(37, (35, 30, 25), 40, DOWN, "min")
    image, rect, painter = paint_ladder(data)
    assert fill_of_steps(image, painter, rect, data) == [0, 0, 0]
    lay = painter.layout(rect, data)
    assert lay.marker_x is not None
    assert lay.steps[0].left() < lay.marker_x < lay.steps[0].right()  # on the way to tier 1
    # Further down is further right, and reaching 30 fills two steps.
    further = painter.layout(rect, ladder(32, (35, 30, 25), 40, DOWN)).marker_x
    assert further is not None and further > lay.marker_x
    done = ladder(30, (35, 30, 25), 40, DOWN)
    image, rect, painter = paint_ladder(done)
    filled = fill_of_steps(image, painter, rect, done)
    assert filled[0] > 100 and filled[1] > 100 and filled[2] == 0


def test_captions_say_where_the_key_result_stands() -> None:
    assert caption(ladder(21)) == "Tier 2 of 3 · 70% of the way"
    assert caption(ladder(24, baseline=None)) == "No baseline yet: progress unknown"
    assert caption(ladder(24, tiers=())) == "No target tiers yet"
    assert caption(ladder(None)) == "No value yet: progress unknown"
    assert caption(ladder(37, (35, 30, 25), 40, DOWN)) == "Tier 0 of 3 · 20% of the way"


def test_unknown_progress_places_no_marker_but_still_paints() -> None:
    for data in (ladder(24, baseline=None), ladder(24, tiers=()), ladder(None)):
        image, rect, painter = paint_ladder(data)
        assert painter.layout(rect, data).marker_x is None
        assert_inside_only(image, rect)
    # Without a baseline the reached tiers are still known.
    data = ladder(24, baseline=None)
    image, rect, painter = paint_ladder(data)
    assert [n > 100 for n in fill_of_steps(image, painter, rect, data)] == [True, True, False]


@pytest.mark.parametrize("width", [360, 140, 40])
def test_ladder_paints_nothing_outside_its_rect(width: int) -> None:
    data = ladder(123456.789, (10, 20.5, 30, 40, 1e9), -5, UP, "seconds (median)", ORANGE)
    assert_inside_only(*paint_ladder(data, width=width, height=70)[:2])
    assert_inside_only(*paint_ladder(data, DARK, width=width)[:2], DARK)


def test_ladder_height_is_fixed_and_scales() -> None:
    painter = LadderPainter(LIGHT)
    h = painter.height()
    assert 100 <= h <= 150
    assert LadderPainter(DARK).height() == h
    assert abs(LadderPainter(LIGHT, 2).height() - 2 * h) <= 3
    # The ladder uses exactly that height: the caption reaches its last rows, nothing below.
    data = ladder(21)
    image, rect, _ = paint_ladder(data, height=2 * h)
    surface = QColor(LIGHT.surface)
    rows = [
        y
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y) != surface
    ]
    assert max(rows) <= rect.top() + h
    assert max(rows) >= rect.top() + h - 8


# ------------------------------------------------------------------ chart


def dot_y(image: QImage, x: float) -> float:
    """The middle of the longest run of outcome-coloured rows in the column at ``x``.

    A point's disc is the longest run there; rings, the polyline and tier lines are thinner.
    """
    ys = ys_near(image, round(x), QColor(BLUE))
    assert ys, f"nothing outcome-coloured at x={x}"
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    longest = max(runs, key=len)
    return (longest[0] + longest[-1]) / 2


@pytest.mark.parametrize("tiers", [(), (10, 20, 30)], ids=["plain", "tiers"])
def test_a_rising_series_is_painted_higher_at_the_right(tiers: tuple[float, ...]) -> None:
    data = chart((4, 9, 15, 22), tiers)
    image, rect, painter = paint_chart(data)
    lay = painter.layout(rect, data)
    assert lay is not None
    left = dot_y(image, lay.x_for(data.points[0][0]))
    right = dot_y(image, lay.x_for(data.points[-1][0]))
    assert right < left - 40
    assert left == pytest.approx(lay.y_for(4), abs=1.5)
    assert right == pytest.approx(lay.y_for(22), abs=1.5)


def test_value_scale_covers_baseline_tiers_and_points() -> None:
    painter = ChartPainter(LIGHT)
    rect = QRectF(0, 0, W, H)
    lay = painter.layout(rect, chart((12, 15), (20, 30), 5))
    assert lay is not None
    assert lay.top < lay.y_for(30) < lay.y_for(20) < lay.y_for(15) < lay.y_for(5) < lay.bottom
    assert lay.y_for(lay.high) == pytest.approx(lay.top)
    assert lay.y_for(lay.low) == pytest.approx(lay.bottom)
    assert painter.layout(rect, chart(())) is None


def tier_line_rows(image: QImage, x: int, top: int, bottom: int) -> list[int]:
    """Rows where the column is much darker/stronger than 3 px above and below: thin lines."""
    surface = QColor(LIGHT.surface)
    d = [distance(image.pixelColor(x, y), surface) for y in range(image.height())]
    return [y for y in range(top + 3, bottom - 3) if d[y] > d[y - 3] + 25 and d[y] > d[y + 3] + 25]


def test_a_point_at_a_tier_value_sits_on_that_tier_line() -> None:
    data = chart((5, 12, 20), (10, 20, 30))
    image, rect, painter = paint_chart(data)
    lay = painter.layout(rect, data)
    assert lay is not None
    tier_y = lay.y_for(20)
    lines = tier_line_rows(image, round(lay.left) + 3, round(lay.top), round(lay.bottom))
    assert any(abs(y - tier_y) <= 1 for y in lines), (lines, tier_y)
    assert dot_y(image, lay.x_for(data.points[-1][0])) == pytest.approx(tier_y, abs=1.5)


def test_empty_chart_shows_only_its_message() -> None:
    image, rect, _ = paint_chart(chart(()))
    surface = QColor(LIGHT.surface)
    painted = [
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y) != surface
    ]
    assert len(painted) > 100  # the text
    assert count_near(image, rect, QColor(BLUE), 40) == 0
    ys = [y for _x, y in painted]
    assert max(ys) - min(ys) < 24  # one line of text ...
    assert abs((max(ys) + min(ys)) / 2 - rect.center().y()) < 6  # ... in the middle


def test_a_single_point_is_centred() -> None:
    data = chart((42,), (30, 50, 70), None)
    image, rect, painter = paint_chart(data)
    lay = painter.layout(rect, data)
    assert lay is not None
    x = lay.x_for(data.points[0][0])
    assert x == pytest.approx((lay.left + lay.right) / 2)
    assert dot_y(image, x) == pytest.approx(lay.y_for(42), abs=1.5)
    assert_inside_only(image, rect)


def test_a_constant_series_gets_a_range_and_a_flat_line() -> None:
    data = chart((12, 12, 12), (), None)
    image, rect, painter = paint_chart(data)
    lay = painter.layout(rect, data)
    assert lay is not None and lay.high > 12 > lay.low
    assert lay.y_for(12) == pytest.approx((lay.top + lay.bottom) / 2)
    for day, _value in data.points:
        assert dot_y(image, lay.x_for(day)) == pytest.approx(lay.y_for(12), abs=1.5)
    between = ys_near(
        image, round((lay.x_for(DAY) + lay.x_for(data.points[1][0])) / 2), QColor(BLUE)
    )
    assert between and all(abs(y - lay.y_for(12)) <= 1.5 for y in between)  # the flat line
    # Everything equal, targets included: still a range, still painted.
    assert_inside_only(*paint_chart(chart((12,), (12,), 12))[:2])


def test_labels_never_overlap_and_keep_the_most_important() -> None:
    painter = ChartPainter(LIGHT)
    rect = QRectF(0, 0, W, H)
    spaced = painter.labels(rect, chart((4, 9, 15, 26), (10, 20, 30), 0))
    assert [label.text for label in spaced] == ["26%", "T3", "T2", "T1", "baseline"]
    crowded = painter.labels(rect, chart((1, 9.6, 10.2), (9.8, 10, 10.4), 9.7))
    assert crowded[0].kind == "current"
    assert "baseline" not in [label.text for label in crowded]
    for labels in (spaced, crowded):
        ys = sorted(label.y for label in labels)
        assert all(b - a >= 12 for a, b in itertools.pairwise(ys))


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
@pytest.mark.parametrize("size", [(W, H), (120, 60), (30, 20)])
def test_chart_paints_nothing_outside_its_rect(theme: Theme, size: tuple[int, int]) -> None:
    data = chart((-3, 1e6, 12.5, 1234567.891), (10, 20, 30), -50, UP, "% of bookings", every=400)
    # Too small for a plot: nothing at all rather than a squashed one.
    assert_inside_only(*paint_chart(data, theme, *size)[:2], theme, 200 if size[1] > 40 else 0)


# ------------------------------------------------------------------ sheet

SHEET_LADDERS = (
    ladder(21),
    ladder(96, (120, 100, 80), 140, DOWN, "seconds (median)", GREEN),
    ladder(42, (30, 50, 70), None, UP, "kEUR", ORANGE),  # no baseline
    ladder(12, (), 10, UP, "%", DEFAULT_PALETTE[3]),  # no tiers
    ladder(44, (10, 20, 30, 35, 40), 0, UP, "%", DEFAULT_PALETTE[4]),  # all reached
    ladder(11.2, (9.5, 8), 11, DOWN, "% of bookings", DEFAULT_PALETTE[5]),  # worse than baseline
)
SHEET_CHARTS = (
    chart(),
    chart((128, 112, 101, 96), (120, 100, 80), 140, DOWN, "s", color=GREEN),
    chart((42,), (30, 50, 70), None, UP, "kEUR", color=ORANGE),  # one point, no baseline
    chart((12, 12, 12), (), None),  # flat, no tiers
    chart((1, 9.6, 10.2), (9.8, 10, 10.4), 9.7),  # crowded labels
    chart(()),
)


def render_sheet(path: str, scale: float = 2.0) -> QImage:
    """Every case in LIGHT and DARK, side by side, for a person to look at."""
    cell_w, chart_h, gap = int(340 * scale), int(180 * scale), int(24 * scale)
    ladders = [LadderPainter(t, scale) for t in (LIGHT, DARK)]
    charts = [ChartPainter(t, scale) for t in (LIGHT, DARK)]
    lh = ladders[0].height()
    rows = max(len(SHEET_LADDERS), len(SHEET_CHARTS))
    row_h = lh + chart_h + 3 * gap
    image = QImage(4 * (cell_w + gap) + gap, rows * row_h + gap, QImage.Format.Format_ARGB32)
    image.fill(QColor("#808080"))
    qp = QPainter(image)
    for col, theme in enumerate((LIGHT, DARK)):
        for row in range(rows):
            x = gap + col * 2 * (cell_w + gap)
            y = gap + row * row_h
            panel = QRectF(x - gap / 2, y - gap / 2, 2 * cell_w + 2 * gap, row_h - gap / 2)
            qp.fillRect(panel, QColor(theme.surface))
            if row < len(SHEET_LADDERS):
                ladders[col].paint(qp, QRectF(x, y, cell_w, lh), SHEET_LADDERS[row])
            if row < len(SHEET_CHARTS):
                box = QRectF(x, y + lh + gap, cell_w, chart_h)
                charts[col].paint(qp, box, SHEET_CHARTS[row])
            if row < len(SHEET_LADDERS) - 1:
                small = QRectF(x + cell_w + gap, y, cell_w * 0.6, lh)
                ladders[col].paint(qp, small, SHEET_LADDERS[row + 1])
            if row < len(SHEET_CHARTS) - 1:
                small = QRectF(x + cell_w + gap, y + lh + gap, cell_w * 0.6, chart_h * 0.7)
                charts[col].paint(qp, small, SHEET_CHARTS[row + 1])
    qp.end()
    image.save(path)
    return image


def test_sheet_renders_every_case(tmp_path: Path) -> None:
    """``LADDER_CHART_SHEET=/tmp/ladder_chart.png pytest …`` keeps the sheet to look at."""
    path = os.environ.get("LADDER_CHART_SHEET") or str(tmp_path / "ladder_chart.png")
    image = render_sheet(path)
    assert QImage(path).size() == image.size() and image.width() > 1000
