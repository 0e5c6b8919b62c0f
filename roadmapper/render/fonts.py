"""The bundled Inter font: registration and the font helpers every painter uses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

FONT_SUFFIXES = (".otf", ".ttf")

_family: str | None = None


def resources_dir() -> Path:
    """The top-level ``resources/`` folder of a checkout, or the packaged copy of a wheel."""
    checkout = Path(__file__).parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    return Path(__file__).parents[1] / "resources"


def register_fonts() -> str:
    """Register every bundled font once and return its family name ("Inter").

    Raises ``RuntimeError`` when no ``QGuiApplication`` exists yet or no font
    file could be loaded, since every export would silently fall back otherwise.
    """
    global _family
    if _family is not None:
        return _family
    if QGuiApplication.instance() is None:
        raise RuntimeError("fonts can be registered only after a QGuiApplication is created")
    folder = resources_dir() / "fonts"
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in FONT_SUFFIXES)
    families: list[str] = []
    for path in files:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id != -1:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if not families:
        raise RuntimeError(f"no bundled font could be loaded from {folder}")
    # Every file of the bundle is one family; the first name is the one to ask for.
    _family = families[0]
    return _family


def ui_font_px(pixel_size: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The bundled family at ``pixel_size`` logical pixels, unhinted.

    Pixel sizes do not depend on the device's DPI (72 on macOS, 96 elsewhere,
    1200 for a PDF), and unhinted outlines lay out the same on every machine.
    """
    font = QFont(register_fonts())
    font.setPixelSize(max(1, pixel_size))
    font.setWeight(weight)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
