"""Looks drawn once and copied: the picture cache, and scroll bars painted from it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QStringListModel, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QListView, QScrollBar

from roadmapper.ui.widgets import pictures
from roadmapper.ui.widgets.pictures import Pictures, paint_scroll_bars_from_pictures


def test_pictures_are_drawn_once_per_key_and_the_oldest_go_first() -> None:
    kept = Pictures(2)
    drawn: list[str] = []

    def draw(name: str):
        return lambda painter: drawn.append(name) or painter.fillRect(0, 0, 4, 4, QColor("red"))

    first = kept.get("a", 4, 3, 2.0, draw("a"))
    assert (first.width(), first.height(), first.devicePixelRatio()) == (8, 6, 2.0)
    assert kept.get("a", 4, 3, 2.0, draw("again")) is first
    kept.get("b", 4, 3, 1.0, draw("b"))
    kept.get("a", 4, 3, 2.0, draw("again"))  # "a" is now the most recent
    kept.get("c", 4, 3, 1.0, draw("c"))  # full: "b" goes
    kept.get("a", 4, 3, 2.0, draw("again"))
    kept.get("b", 4, 3, 1.0, draw("b again"))
    assert drawn == ["a", "b", "c", "b again"] and kept.drawn == 4 and len(kept) == 2


@pytest.fixture
def listed(qtbot) -> QListView:
    """A list long enough to scroll, its scroll bar painted from pictures."""
    view = QListView()
    view.setModel(QStringListModel([f"row {n}" for n in range(300)], view))
    paint_scroll_bars_from_pictures(view)
    qtbot.addWidget(view)
    view.resize(240, 300)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)  # the first paints are done
    pictures.SCROLL_BAR_PICTURES.clear()
    return view


def _grab(bar: QScrollBar) -> QImage:
    return bar.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def _differ(a: QImage, b: QImage) -> int:
    """The largest difference of one colour channel between two images of one size."""
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            worst = max(
                worst, abs(p.red() - q.red()), abs(p.green() - q.green()), abs(p.blue() - q.blue())
            )
    return worst


def test_a_bar_from_its_picture_looks_as_the_style_paints_it(listed: QListView) -> None:
    bar = listed.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    for value in (0, bar.maximum() // 2, bar.maximum()):
        bar.setValue(value)
        before = pictures.SCROLL_BAR_PICTURES.drawn
        from_picture = _grab(bar)
        assert pictures.SCROLL_BAR_PICTURES.drawn == before + 1  # the filter painted it
        bar.removeEventFilter(pictures._painter)
        by_style = _grab(bar)
        bar.installEventFilter(pictures._painter)
        assert _differ(from_picture, by_style) <= 2, value
        assert from_picture != _grab(listed.horizontalScrollBar())


def test_the_same_look_is_drawn_once_and_a_new_one_again(listed: QListView) -> None:
    bar = listed.verticalScrollBar()
    first = _grab(bar)
    assert pictures.SCROLL_BAR_PICTURES.drawn == 1
    _grab(bar)
    bar.setValue(bar.value() + 1)  # one step: the slider may stay on the same pixel
    _grab(bar)
    bar.setValue(bar.maximum())
    last = _grab(bar)
    assert last != first
    drawn = pictures.SCROLL_BAR_PICTURES.drawn
    assert drawn in (2, 3)
    bar.setValue(0)
    assert _grab(bar) == first and pictures.SCROLL_BAR_PICTURES.drawn == drawn
    dark = QPalette(bar.palette())
    dark.setColor(QPalette.ColorRole.Button, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    bar.setPalette(dark)  # another theme is another look
    assert _grab(bar) != first and pictures.SCROLL_BAR_PICTURES.drawn == drawn + 1


def test_a_bar_pointed_at_or_held_is_left_to_qt(listed: QListView) -> None:
    bar = listed.verticalScrollBar()
    bar.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    _grab(bar)
    bar.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    bar.setSliderDown(True)
    _grab(bar)
    bar.setSliderDown(False)
    assert pictures.SCROLL_BAR_PICTURES.drawn == 0
    _grab(bar)
    assert pictures.SCROLL_BAR_PICTURES.drawn == 1


def test_painting_from_a_picture_leaves_the_painter_free(listed: QListView) -> None:
    """The bar's own painter is ended: painting the bar into an image still works."""
    bar = listed.verticalScrollBar()
    image = QImage(bar.size(), QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    bar.render(painter, QPoint())
    painter.end()
    assert image.pixelColor(bar.width() // 2, bar.height() // 2).alpha() == 255
