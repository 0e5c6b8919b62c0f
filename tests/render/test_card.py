"""The shared card painter, fonts and theme, checked on painted pixels."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPalette,
)

from roadmapper import resources
from roadmapper.core.card_content import CardData, ChipData
from roadmapper.core.errors import ResourceError
from roadmapper.core.palette import DEFAULT_PALETTE, UNLINKED_COLOR
from roadmapper.render import fonts
from roadmapper.render.card import CardPainter, CardState
from roadmapper.render.theme import (
    DARK,
    LIGHT,
    PRINT,
    Theme,
    contrast_ratio,
    readable_on,
    text_on,
    theme_for_palette,
)

BLUE = DEFAULT_PALETTE[0]
CHIPS = (ChipData("Price lists updated weekly", 2, 4, 0.5), ChipData("Upload errors", 1, 3, None))
CARD = CardData("Bulk CSV upload for price lists", "Merchants keep prices current", BLUE, CHIPS)
LONG_TITLE = ("Rebuild the reporting pipeline for every merchant segment " * 6)[:300]
W, MARGIN = 280, 20
NORMAL = CardState()


@pytest.fixture(scope="module", autouse=True)
def gui_app(qapp: QGuiApplication) -> Iterator[QGuiApplication]:
    """pytest-qt's application: a QGuiApplication, shared with the widget tests."""
    yield qapp


def paint(
    card: CardData,
    state: CardState = NORMAL,
    theme: Theme = LIGHT,
    height: int | None = None,
) -> tuple[QImage, QRectF]:
    """One card on an image of the theme's background, with a margin all around."""
    painter = CardPainter(theme)
    h = height or painter.card_height(card.hypothesis is not None)
    image = QImage(W + 2 * MARGIN, h + 2 * MARGIN, QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.background))
    rect = QRectF(MARGIN, MARGIN, W, h)
    qp = QPainter(image)
    painter.paint(qp, rect, card, state)
    qp.end()
    return image, rect


def distance(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


def stripe_pixel(image: QImage, rect: QRectF) -> QColor:
    return image.pixelColor(int(rect.left()) + 3, int(rect.center().y()))


# ------------------------------------------------------------------ fonts


def test_register_fonts_loads_bundled_inter() -> None:
    assert fonts.register_fonts() == "Inter"
    assert fonts.register_fonts() == "Inter"  # idempotent
    names = [name for name, _data in resources.font_files()]
    inter = [n for n in names if n.startswith("Inter-")]
    assert inter == [f"Inter-{w}.otf" for w in ("Bold", "Italic", "Medium", "Regular", "SemiBold")]
    # The slides' Office font metrics ship too, and never become the painters' family.
    assert {"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"} <= set(names)


def test_ui_font_is_inter_unhinted_and_device_independent() -> None:
    font = fonts.ui_font_px(13, QFont.Weight.DemiBold)
    assert QFontInfo(font).family() == "Inter"
    assert font.hintingPreference() == QFont.HintingPreference.PreferNoHinting
    assert font.pixelSize() == 13  # pixels, whatever DPI the screen reports
    assert font.weight() == QFont.Weight.DemiBold


def test_register_fonts_fails_clearly_without_fonts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "_family", None)
    monkeypatch.setattr(resources, "resource", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(ResourceError, match=r"^Roadmapper's own file fonts could not be read"):
        fonts.register_fonts()
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "Inter-Regular.otf").write_bytes(b"not a font")
    with pytest.raises(ResourceError, match=r"Inter font could not be loaded; .* reinstall"):
        fonts.register_fonts()


def test_start_up_reads_only_inter_and_a_slide_export_the_office_fonts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []
    font_files = resources.font_files

    def recorded(prefix: str = "") -> list[tuple[str, bytes]]:
        files = font_files(prefix)
        read.extend(name for name, _data in files)
        return files

    monkeypatch.setattr(resources, "font_files", recorded)
    monkeypatch.setattr(fonts, "_family", None)
    monkeypatch.setattr(fonts, "_office_registered", False)
    assert fonts.register_fonts() == "Inter"
    assert read and all(name.startswith("Inter-") for name in read)
    read.clear()
    assert "Liberation Sans" in fonts.register_office_fonts()
    assert sorted(read) == [
        f"LiberationSans-{style}.ttf" for style in ("Bold", "BoldItalic", "Italic", "Regular")
    ]
    assert fonts.register_office_fonts() == []  # once


# ------------------------------------------------------------------ theme


@pytest.mark.parametrize("theme", [LIGHT, DARK, PRINT], ids=lambda t: t.name)
@pytest.mark.parametrize("color", [*DEFAULT_PALETTE, UNLINKED_COLOR])
def test_readable_on_reaches_text_contrast(theme: Theme, color: str) -> None:
    for surface in (theme.surface, theme.selected_surface):
        readable = readable_on(QColor(color), QColor(surface))
        assert contrast_ratio(readable, QColor(surface)) >= 4.5


def test_readable_on_keeps_a_colour_that_already_reads_well() -> None:
    assert readable_on(QColor("#123456"), QColor("#ffffff")).name() == "#123456"
    # Only as much change as needed: the hue stays recognisably blue.
    darker = readable_on(QColor(DEFAULT_PALETTE[4]), QColor("#ffffff"))
    assert darker.blue() > darker.red()


def test_text_on_picks_the_stronger_of_black_and_white() -> None:
    assert text_on(QColor("#ffffff")).name() == "#000000"
    assert text_on(QColor("#000000")).name() == "#ffffff"
    assert text_on(QColor("#e69f00")).name() == "#000000"
    assert text_on(QColor("#0072b2")).name() == "#ffffff"


def test_theme_follows_the_palette_window_colour() -> None:
    dark, light = QPalette(), QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
    assert theme_for_palette(dark) is DARK
    assert theme_for_palette(light) is LIGHT


def test_themes_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        LIGHT.surface = "#000000"  # type: ignore[misc]
    assert PRINT.shadow == "" and PRINT.background == "#ffffff"


# ------------------------------------------------------------------ geometry


def test_card_height_is_fixed_and_grows_with_the_hypothesis_row() -> None:
    painter = CardPainter(LIGHT)
    plain, with_hypothesis = painter.card_height(False), painter.card_height(True)
    assert 60 < plain < with_hypothesis < 160
    compact = CardPainter(LIGHT, compact=True)
    assert compact.card_height(False) == compact.card_height(True) < plain
    assert abs(CardPainter(LIGHT, scale=2).card_height(True) - 2 * with_hypothesis) <= 3


def test_title_wraps_to_two_lines_and_elides_the_second() -> None:
    painter = CardPainter(LIGHT)
    fm = QFontMetricsF(painter.title_font)
    lines = painter.title_lines(LONG_TITLE, 240)
    assert len(lines) == 2
    assert lines[1].endswith("…") and not lines[0].endswith("…")
    assert all(fm.horizontalAdvance(line) <= 240.5 for line in lines)
    assert painter.title_lines("Short title", 240) == ["Short title"]
    assert painter.title_lines("", 240) == []


def test_title_breaks_a_word_too_long_for_a_line_without_splitting_emoji() -> None:
    painter = CardPainter(LIGHT)
    lines = painter.title_lines("🚀" * 80, 200)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(ch in "🚀…" for ch in "".join(lines))


def test_compact_title_is_one_elided_line() -> None:
    lines = CardPainter(LIGHT, compact=True).title_lines(LONG_TITLE, 240)
    assert len(lines) == 1 and lines[0].endswith("…")


def test_chips_that_do_not_fit_become_plus_n() -> None:
    painter = CardPainter(LIGHT)
    chips = tuple(ChipData(f"Weekly active merchants, cohort {i}", 1, 3, 0.2) for i in range(8))
    labels, hidden = painter.visible_chips(chips, 250)
    assert 1 <= len(labels) < 8 and hidden == 8 - len(labels)
    assert all(label.endswith("…") and len(label) <= 24 for label in labels)
    assert painter.visible_chips(CHIPS[1:], 250) == (["Upload errors"], 0)
    assert painter.visible_chips((), 250) == ([], 0)


# ------------------------------------------------------------------ pixels


def test_stripe_is_the_outcome_colour() -> None:
    image, rect = paint(CARD)
    assert distance(stripe_pixel(image, rect), QColor(BLUE)) <= 6


def test_nothing_is_painted_outside_the_card() -> None:
    chips = tuple(ChipData("K" * 60, 2, 5, 0.4) for _ in range(6))
    card = CardData(LONG_TITLE, "O" * 200, DEFAULT_PALETTE[5], chips, hypothesis="H" * 300)
    state = CardState(selected=True, focused=True, hovered=True)
    # A rect too short for the content must clip, not spill.
    image, rect = paint(card, state, height=40)
    background = QColor(LIGHT.background)
    inside = 0
    for y in range(image.height()):
        for x in range(image.width()):
            if rect.contains(x + 0.5, y + 0.5):
                inside += image.pixelColor(x, y) != background
            else:
                assert image.pixelColor(x, y) == background, (x, y)
    assert inside > 1000  # the card itself was painted


def test_dimmed_card_fades_towards_the_background() -> None:
    background = QColor(LIGHT.background)
    normal_image, rect = paint(CARD)
    dimmed_image, _ = paint(CARD, CardState(dimmed=True))
    normal = distance(stripe_pixel(normal_image, rect), background)
    dimmed = distance(stripe_pixel(dimmed_image, rect), background)
    assert dimmed < normal * 0.5


def test_selected_card_has_a_selection_border() -> None:
    selection = QColor(LIGHT.selection)
    x = int(MARGIN + W / 2)
    selected, rect = paint(CARD, CardState(selected=True))
    plain, _ = paint(CARD)
    assert distance(selected.pixelColor(x, int(rect.top()) + 1), selection) <= 10
    assert distance(plain.pixelColor(x, int(rect.top()) + 1), selection) > 60
    # The light tint: the middle of a selected card is not plain white.
    middle = (int(rect.right()) - 20, int(rect.center().y()))
    assert selected.pixelColor(*middle) == QColor(LIGHT.selected_surface)
    assert plain.pixelColor(*middle) == QColor(LIGHT.surface)


def test_hovered_border_is_stronger() -> None:
    x = int(MARGIN + W / 2)
    background = QColor(LIGHT.surface)
    plain, rect = paint(CARD)
    hovered, _ = paint(CARD, CardState(hovered=True))
    y = int(rect.top())
    assert distance(hovered.pixelColor(x, y), background) > distance(
        plain.pixelColor(x, y), background
    )


def test_dark_theme_paints_a_dark_card() -> None:
    image, rect = paint(CARD, theme=DARK)
    middle = image.pixelColor(int(rect.right()) - 20, int(rect.center().y()))
    assert middle == QColor(DARK.surface)
