"""Pixel comparison of two pictures of one page, for tests that render an export elsewhere."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from array import array
from typing import Any

import pytest
from PySide6.QtGui import QImage, QPainter

np: Any
try:  # not a dependency: the QImage path below gives the same answer without it
    np = importlib.import_module("numpy")
except ImportError:
    np = None


def _opaque(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_RGB32)


def differing_share(a: QImage, b: QImage, fuzz: int) -> float:
    """The share of pixels (0 to 1) where a colour channel differs by more than ``fuzz``.

    Both pictures are taken as opaque RGB (alpha is ignored) and must be the same size.
    """
    if a.size() != b.size():
        raise ValueError(f"the pictures differ in size: {a.size()} and {b.size()}")
    if a.width() * a.height() == 0:
        return 0.0
    first, second = _opaque(a), _opaque(b)
    if np is not None:
        shape = (first.height(), first.bytesPerLine() // 4, 4)
        x = np.frombuffer(first.constBits(), np.uint8).reshape(shape)[:, : first.width(), :3]
        y = np.frombuffer(second.constBits(), np.uint8).reshape(shape)[:, : first.width(), :3]
        diff = np.abs(x.astype(np.int16) - y.astype(np.int16)) > fuzz
        return float(diff.any(axis=2).mean())
    return _share_without_numpy(first, second, fuzz)


def _share_without_numpy(first: QImage, second: QImage, fuzz: int) -> float:
    """Qt's Difference mode gives |a - b| per channel; a byte table then thresholds it."""
    diff = QImage(first)
    painter = QPainter(diff)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(0, 0, second)
    painter.end()
    diff = _opaque(diff)
    width, height = diff.width(), diff.height()
    rows = bytes(diff.constBits())
    stride = diff.bytesPerLine()
    if stride != width * 4:
        rows = b"".join(rows[r * stride : r * stride + width * 4] for r in range(height))
    over = bytearray(rows.translate(bytes(0 if v <= fuzz else 1 for v in range(256))))
    alpha = 3 if sys.byteorder == "little" else 0  # RGB32 is 0xffRRGGBB in native order
    over[alpha::4] = bytes(width * height)
    pixels = array("I")
    pixels.frombytes(bytes(over))
    return (len(pixels) - pixels.count(0)) / len(pixels)


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_program(program: str, apt_package: str, why: str) -> None:
    """Skip on a developer's machine without ``program``; fail on CI, which must run the test.

    ``why`` says what needs it: "the SVG fidelity tests draw the export with librsvg".
    """
    if shutil.which(program) is not None:
        return
    message = f"{program} not found: {why}. On Debian/Ubuntu: sudo apt-get install {apt_package}"
    if on_ci():
        pytest.fail(f"CI must run this test, but {message}", pytrace=False)
    pytest.skip(message)
