"""The PPTX export shown by LibreOffice Impress (no Inter installed) looks like the PNG export."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from roadmapper.core import interchange, sample
from roadmapper.export.exporter import export_file
from roadmapper.export.options import ExportOptions
from roadmapper.export.raster import Page, layout_pages, render_image
from roadmapper.render.slide import Overflow
from tests.export.conftest import TODAY, options
from tests.export.pixels import differing_share, on_ci

TOOLS = ("soffice", "pdftoppm", "fc-match")
APT_PACKAGES = "libreoffice-impress poppler-utils fonts-liberation2 fontconfig"
# LibreOffice shows the runs' Arial in Liberation Sans, the PNG paints Inter: every glyph
# differs, shapes and pictures match. Beyond FUZZ levels, measured here (LibreOffice 7.4.7,
# poppler 22.12, Qt 6.11, 1920 x 1080):
#   board (cards as pills, meters and text boxes of their own): 7.0% of pixels;
#   every OKR sheet: 4.6% to 4.9%;
#   the same decks with the runs in "Inter" (LibreOffice falls back to DejaVu Sans, as the
#   export did before): board 9.0%, sheets 5.3% to 5.4%.
FUZZ = 40
BOARD_BOUND = 0.080
SHEET_BOUND = 0.052
SOFFICE_TIMEOUT = 240.0  # a first start with a new profile takes a while
PDFTOPPM_TIMEOUT = 60.0


def require_tools() -> None:
    """Skip on a developer's machine without LibreOffice and poppler; fail on CI."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        arial = subprocess.run(
            ["fc-match", "-f", "%{family}", "Arial"], capture_output=True, text=True, timeout=30
        ).stdout
        if "Liberation Sans" in arial:
            return
        missing = ["Liberation Sans (for Arial)"]
    message = (
        f"{' and '.join(missing)} not found: the PPTX fidelity tests show the slides in "
        f"LibreOffice Impress. On Debian/Ubuntu: sudo apt-get install {APT_PACKAGES}"
    )
    if on_ci():
        pytest.fail(f"CI must run the PPTX fidelity tests, but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A LibreOffice user profile of this test run's own: never the user's, never shared."""
    require_tools()
    yield tmp_path_factory.mktemp("libreoffice-profile")


def to_pdf(decks: list[Path], profile: Path) -> None:
    """Every deck converted to a PDF beside it, by one headless LibreOffice."""
    out = decks[0].parent
    command = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, decks),
    ]
    # Its own session: on a timeout the whole LibreOffice (oosplash and soffice.bin) goes.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"LibreOffice took more than {SOFFICE_TIMEOUT:g} s to convert the decks")
    for deck in decks:
        assert deck.with_suffix(".pdf").is_file(), (
            f"LibreOffice wrote no PDF for {deck.name} (exit {process.returncode}): "
            f"{stderr.strip() or stdout.strip()}"
        )


def page_image(pdf: Path, number: int, width: int, height: int) -> QImage:
    """Page ``number`` (from 1) of ``pdf`` rasterised to exactly ``width`` x ``height``."""
    prefix = pdf.with_name(f"{pdf.stem}-{number}")
    command = [
        "pdftoppm",
        "-png",
        "-singlefile",
        "-f",
        str(number),
        "-l",
        str(number),
        "-scale-to-x",
        str(width),
        "-scale-to-y",
        str(height),
        str(pdf),
        str(prefix),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=PDFTOPPM_TIMEOUT, check=False
    )
    assert result.returncode == 0, f"pdftoppm failed on {pdf.name}: {result.stderr.strip()}"
    image = QImage(str(prefix.with_suffix(".png")))
    assert (image.width(), image.height()) == (width, height)
    return image


def shares(decks: dict[str, tuple[Path, list[Page]]]) -> dict[str, list[float]]:
    """Per deck, each page's share of pixels where LibreOffice's slide differs from the PNG."""
    found: dict[str, list[float]] = {}
    for kind, (deck, pages) in decks.items():
        found[kind] = []
        for number, page in enumerate(pages, start=1):
            expected = render_image(page, 1.0)  # what the PNG export paints for this page
            actual = page_image(
                deck.with_suffix(".pdf"), number, expected.width(), expected.height()
            )
            found[kind].append(differing_share(actual, expected, FUZZ))
    return found


@pytest.fixture(scope="module")
def measured(
    gui_app: QGuiApplication, profile: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[float]]:
    """The sample's board and OKR sheets, exported, shown by LibreOffice and compared."""
    board_snapshot, _refs = interchange.parse_document(sample.sample_document(TODAY))
    out = tmp_path_factory.mktemp("pptx-fidelity")
    decks: dict[str, tuple[Path, list[Page]]] = {}
    for kind in ("board", "okr"):
        chosen: ExportOptions = options(kind=kind)
        path = out / f"{kind}.pptx"
        export_file(board_snapshot, path, chosen)
        decks[kind] = (path, layout_pages(board_snapshot, chosen, Overflow.PAGINATE))
    to_pdf([path for path, _pages in decks.values()], profile)
    return shares(decks)


def test_the_board_slide_looks_like_the_png(measured: dict[str, list[float]]) -> None:
    (share,) = measured["board"]
    assert share <= BOARD_BOUND, f"{share:.2%} of the board's pixels differ from the PNG"


def test_every_okr_sheet_looks_like_the_png(measured: dict[str, list[float]]) -> None:
    sheets = measured["okr"]
    assert len(sheets) >= 4
    assert max(sheets) <= SHEET_BOUND, "sheets differ from the PNG by " + ", ".join(
        f"{share:.2%}" for share in sheets
    )
