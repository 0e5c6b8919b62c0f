"""Golden images: the exported board and OKR sheet look as they did, within a pixel tolerance.

After an intended change of the look, regenerate the references with
``ROADMAPPER_UPDATE_GOLDEN=1 make test`` and look at them before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.exporter import export_file
from tests.export.conftest import options

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("ROADMAPPER_UPDATE_GOLDEN") == "1"
CHANNEL_TOLERANCE = 24  # antialiasing and font rasterising differ a little between machines
MAX_OFF_PIXELS = 0.0002  # share of pixels beyond it: one changed character is three times that


def differences(actual: QImage, expected: QImage) -> tuple[float, float]:
    """(share of pixels off by more than the tolerance, mean channel difference)."""
    a = actual.convertToFormat(QImage.Format.Format_RGB32)
    b = expected.convertToFormat(QImage.Format.Format_RGB32)
    assert (a.width(), a.height()) == (b.width(), b.height())
    data_a = memoryview(a.constBits()).cast("B")
    data_b = memoryview(b.constBits()).cast("B")
    off = total = 0
    for i in range(0, len(data_a), 4):  # B, G, R, unused
        d = max(
            abs(data_a[i] - data_b[i]),
            abs(data_a[i + 1] - data_b[i + 1]),
            abs(data_a[i + 2] - data_b[i + 2]),
        )
        total += d
        off += d > CHANNEL_TOLERANCE
    pixels = len(data_a) // 4
    return off / pixels, total / pixels


@pytest.mark.parametrize("kind", ["board", "okr"])
def test_export_matches_the_golden_image(board: RoadmapSnapshot, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.png"
    # A small slide keeps the pixel comparison quick; the layout scales with the size.
    export_file(board, out, options(kind=kind, width=960, height=540))
    reference = GOLDEN / f"{kind}.png"
    if UPDATE:
        reference.write_bytes(out.read_bytes())
    actual, expected = QImage(str(out)), QImage(str(reference))
    assert not expected.isNull(), f"missing {reference}: run with ROADMAPPER_UPDATE_GOLDEN=1"
    off, mean = differences(actual, expected)
    assert off <= MAX_OFF_PIXELS, f"{off:.2%} of pixels differ from {reference.name}"
    assert mean < 0.5


@pytest.mark.parametrize("change", [{"theme": "dark"}, {"subtitle": "23 November 2026"}])
def test_the_comparison_notices_a_real_change(
    board: RoadmapSnapshot, tmp_path: Path, change: dict[str, str]
) -> None:
    out = tmp_path / "changed.png"
    export_file(board, out, options(kind="board", width=960, height=540, **change))
    off, _mean = differences(QImage(str(out)), QImage(str(GOLDEN / "board.png")))
    assert off > MAX_OFF_PIXELS
