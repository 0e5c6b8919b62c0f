"""The toolbar's drawn icons: every one inked, at every size, in the palette's colours."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap

from roadmapper.ui.widgets.icons import TOOL_ICON_SIZES, TOOL_ICONS, tool_icon, tool_pixmap


def inked(pixmap) -> list[QColor]:
    image = pixmap.toImage()
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128
    ]


@pytest.mark.parametrize("name", sorted(TOOL_ICONS))
def test_every_icon_is_drawn_at_every_size(qapp, name: str) -> None:
    for size in TOOL_ICON_SIZES:
        pixmap = tool_pixmap(name, size, QColor("#123456"))
        assert (pixmap.width(), pixmap.height()) == (size, size)
        ink = inked(pixmap)
        # Some ink, but a line drawing, not a filled square.
        assert size * 1.5 < len(ink) < size * size * 0.6
        assert all(c.name() == "#123456" for c in ink if c.alpha() == 255)


def test_redo_is_undo_mirrored(qapp) -> None:
    undo = tool_pixmap("undo", 24, QColor("black")).toImage()
    redo = tool_pixmap("redo", 24, QColor("black")).toImage()
    # Mirrored, up to antialiasing: no pixel differs by more than a quarter of full ink.
    differences = [
        abs(redo.pixelColor(x, y).alpha() - undo.pixelColor(23 - x, y).alpha())
        for x in range(24)
        for y in range(24)
    ]
    assert max(differences) < 64
    assert sum(differences) < 0.1 * sum(
        undo.pixelColor(x, y).alpha() for x in range(24) for y in range(24)
    )
    assert undo.pixelColor(5, 9).alpha() > 128 > redo.pixelColor(5, 9).alpha()  # the arrow's tip


def test_an_icon_takes_its_colours_from_the_palette(qapp) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText, QColor("#e8eaed"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#5f6368"))
    icon = tool_icon("export", palette)
    normal = inked(icon.pixmap(QSize(24, 24), QIcon.Mode.Normal))
    disabled = inked(icon.pixmap(QSize(24, 24), QIcon.Mode.Disabled))
    assert max(c.lightness() for c in normal) > 220
    assert max(c.lightness() for c in disabled) < 120
    # A 2x screen gets its own drawing at 48 pixels, not a blurred 24.
    sharp = icon.pixmap(QSize(24, 24), 2.0)
    assert (
        sharp.width() == 48
        and sharp.toImage() == tool_icon("export", palette).pixmap(QSize(48, 48)).toImage()
    )


def test_an_icon_draws_only_the_sizes_and_modes_asked_for_once_each(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmapper.ui.widgets import icons

    drawn: list[int] = []
    draw = icons.tool_pixmap

    def counted(name: str, size: int, color: QColor) -> QPixmap:
        drawn.append(size)
        return draw(name, size, color)

    monkeypatch.setattr(icons, "tool_pixmap", counted)
    icon = tool_icon("undo", QPalette())
    assert drawn == []
    for _ in range(3):
        assert icon.pixmap(QSize(24, 24)).width() == 24
    assert icon.pixmap(QSize(20, 20), QIcon.Mode.Disabled).width() == 20  # not a scaled 24
    assert drawn == [24, 20]
