"""PNG export: pixel size, DPI, identical bytes each time, and pixels where the layout put them."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.exporter import export_file
from roadmapper.export.raster import layout_pages, png_bytes, render_image
from roadmapper.model.enums import Column
from roadmapper.render.slide import BoardPage, Overflow
from roadmapper.render.theme import DARK, LIGHT, Theme
from tests.export.conftest import crowded, options


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk, checking each CRC on the way."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body)
        out.append((kind, body))
        at += 12 + length
    return out


def close(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


@pytest.mark.parametrize("scale", [1.0, 2.0, 1.5])
def test_size_and_dpi(board: RoadmapSnapshot, tmp_path: Path, scale: float) -> None:
    path = tmp_path / "board.png"
    result = export_file(board, path, options(width=1600, height=1200, scale=scale))
    assert result.pages == result.laid_out == 1
    image = QImage(str(path))
    assert (image.width(), image.height()) == (round(1600 * scale), round(1200 * scale))
    dpi = image.dotsPerMeterX() * 0.0254
    assert abs(dpi - 96 * scale) < 0.1 and image.dotsPerMeterY() == image.dotsPerMeterX()
    kinds = [kind for kind, _body in chunks(path.read_bytes())]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"pHYs" in kinds
    # Nothing that varies between two exports of the same board: no text, no time.
    assert not {b"tEXt", b"zTXt", b"iTXt", b"tIME"} & set(kinds)


def test_same_export_gives_the_same_bytes(board: RoadmapSnapshot, tmp_path: Path) -> None:
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    export_file(board, first, options(scale=2.0))
    export_file(board, second, options(scale=2.0))
    assert first.read_bytes() == second.read_bytes()


def test_image_has_device_pixel_ratio(board: RoadmapSnapshot) -> None:
    page = layout_pages(board, options(), Overflow.MORE)[0]
    image = render_image(page, 2.0)
    assert image.format() == QImage.Format.Format_ARGB32_Premultiplied
    assert image.devicePixelRatio() == 2.0 and image.width() == 3840
    decoded = QImage.fromData(png_bytes(image))
    assert decoded.pixelColor(100, 100) == image.pixelColor(100, 100)


@pytest.mark.parametrize(("theme", "colors"), [("light", LIGHT), ("dark", DARK)])
def test_pixels_where_the_layout_put_them(
    board: RoadmapSnapshot, tmp_path: Path, theme: str, colors: Theme
) -> None:
    """Background in the corners, each card's outcome colour down its stripe."""
    scale = 2.0
    chosen = options(scale=scale, theme=theme)
    path = tmp_path / "board.png"
    export_file(board, path, chosen)
    image = QImage(str(path))
    background = QColor(colors.background)
    for x, y in ((2, 2), (image.width() - 3, image.height() - 3)):
        assert close(image.pixelColor(x, y), background)
    page = layout_pages(board, chosen, Overflow.MORE)[0]
    assert isinstance(page, BoardPage) and page.cards
    for card in page.cards:
        stripe_x = card.rect.left() + 3 * page.card_scale * 0.5
        x, y = round(stripe_x * scale), round(card.rect.center().y() * scale)
        assert close(image.pixelColor(x, y), QColor(card.data.color)), card.data.title
        inside = image.pixelColor(round(card.rect.right() * scale) - 8, y)
        assert close(inside, QColor(colors.surface))
    for entry in page.legend:
        x = round((entry.rect.left() + 6 * page.unit) * scale)
        y = round(entry.rect.center().y() * scale)
        assert close(image.pixelColor(x, y), QColor(entry.color)), entry.label


def test_long_column_ends_in_more_note(tmp_path: Path) -> None:
    snapshot = crowded(60)
    chosen = options(columns=(Column.NOW,))
    pages = layout_pages(snapshot, chosen, Overflow.MORE)
    assert len(pages) == 1
    page = pages[0]
    assert isinstance(page, BoardPage)
    shown = len(page.cards)
    assert 0 < shown < 60
    (note,) = page.more
    assert note.text == f"+{60 - shown} more"
    path = tmp_path / "more.png"
    export_file(snapshot, path, chosen)
    image = QImage(str(path))
    r = note.rect
    ink = {
        image.pixelColor(round(r.left() + dx), round(r.center().y())).name()
        for dx in range(0, round(r.width()), 2)
    }
    assert len(ink) > 3  # a border and text, not the bare background
