"""Render resources/icons/roadmapper.svg into the hicolor PNGs, roadmapper.ico and .icns."""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "roadmapper.svg"

HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Pillow writes the ic07..ic14 entries: 16 to 512 points at 1x and 2x, so 32..1024 pixels.
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)

# The chunks a plain RGBA PNG needs; any other (time, text, dpi, gamma) is dropped.
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_KEPT_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}

PILLOW_MISSING = (
    "Pillow is not installed, so roadmapper.ico and roadmapper.icns were not written: "
    "run `pip install pillow` in this Python environment and run this script again."
)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn to fill a transparent ``size`` x ``size`` image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def strip_png(data: bytes) -> bytes:
    """``data`` with only the critical chunks and transparency kept, so bytes are reproducible."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG stream")
    out = [_PNG_SIGNATURE]
    pos = len(_PNG_SIGNATURE)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        chunk = data[pos:end]
        if zlib.crc32(chunk[4:-4]) != struct.unpack(">I", chunk[-4:])[0]:
            raise ValueError(f"bad CRC in PNG chunk {kind!r}")
        if kind in _KEPT_CHUNKS:
            out.append(chunk)
        pos = end
    return b"".join(out)


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as a stripped PNG at Qt's best compression."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG", 0):  # quality 0: the smallest file, level 9
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return strip_png(bytes(array.data()))


def write(path: Path, data: bytes) -> str:
    """Write ``data`` to ``path`` unless it already holds exactly that; say which."""
    if path.is_file() and path.read_bytes() == data:
        return "unchanged"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return "written"


def pillow_files(pngs: dict[int, bytes]) -> dict[str, bytes] | None:
    """The .ico and .icns bytes built by Pillow from the Qt renders; None without Pillow."""
    try:
        from PIL import Image
    except ImportError:
        return None

    def opened(size: int) -> Image.Image:
        image = Image.open(io.BytesIO(pngs[size]))
        return image.convert("RGBA")

    ico = io.BytesIO()
    largest = opened(max(ICO_SIZES))
    others = [opened(n) for n in ICO_SIZES if n != max(ICO_SIZES)]
    largest.save(ico, format="ICO", sizes=[(n, n) for n in ICO_SIZES], append_images=others)

    icns = io.BytesIO()
    largest = opened(max(ICNS_SIZES))
    others = [opened(n) for n in ICNS_SIZES if n != max(ICNS_SIZES)]
    largest.save(icns, format="ICNS", append_images=others)
    return {"roadmapper.ico": ico.getvalue(), "roadmapper.icns": icns.getvalue()}


def read_back_sizes(data: bytes) -> str:
    """The sizes Pillow finds in an .ico or .icns file, as the table shows them."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        sizes = image.info["sizes"]
    pixels = sorted({s[0] * (s[2] if len(s) == 3 else 1) for s in sizes})
    return ",".join(str(n) for n in pixels)


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed; read by the constructor
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"could not read {SVG}", file=sys.stderr)
        return 1
    needed = sorted({*HICOLOR_SIZES, *ICO_SIZES, *ICNS_SIZES})
    pngs = {n: png_bytes(render(renderer, n)) for n in needed}

    rows: list[tuple[str, str, int, str]] = []
    for n in HICOLOR_SIZES:
        path = ICONS / "hicolor" / f"{n}x{n}" / "apps" / "roadmapper.png"
        rows.append((str(path.relative_to(ROOT)), str(n), len(pngs[n]), write(path, pngs[n])))

    bundles = pillow_files(pngs)
    if bundles is not None:
        for name, data in bundles.items():
            path = ICONS / name
            rows.append(
                (str(path.relative_to(ROOT)), read_back_sizes(data), len(data), write(path, data))
            )

    name_width = max(len(r[0]) for r in rows)
    px_width = max(len(r[1]) for r in rows)
    print(f"{'file':<{name_width}}  {'px':>{px_width}}  {'bytes':>7}")
    for name, px, size, state in rows:
        print(f"{name:<{name_width}}  {px:>{px_width}}  {size:>7}  {state}")
    if bundles is None:
        print(PILLOW_MISSING)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
