"""The bundled Inter font: registration and the font helpers every painter uses."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

_family: str | None = None
_office_registered = False
UI_FONT_FILES = "Inter-"
"""The files of the face every painter uses, registered at start-up."""
OFFICE_FONT_FILES = "LiberationSans-"
"""The slides' metric face (Arial's metrics), registered by the first slide export."""

TEXT_MAPPING_FEATURES = ("calt", "liga", "dlig", "case")
"""Off in every font we paint with. Inter's contextual alternates swap "<", ":", dashes,
brackets and "->" for glyphs that map back to no character, so a PDF copied text
with holes; the picture and the text of every export stay the same characters."""


def register_fonts() -> str:
    """Register the bundled Inter files once and return their family name ("Inter").

    The fonts are read as package data, so a wheel or a frozen bundle works
    like a checkout. Raises ``ResourceError`` (one sentence for the user) when
    no font could be loaded, since every card and export would silently fall
    back to another face otherwise; ``RuntimeError`` when no
    ``QGuiApplication`` exists yet, which is a programming error.
    """
    global _family
    if _family is not None:
        return _family
    if QGuiApplication.instance() is None:
        raise RuntimeError("fonts can be registered only after a QGuiApplication is created")
    from roadmapper.resources import broken_install, font_files

    families = _register(font_files(UI_FONT_FILES))
    if not families:
        raise broken_install("Roadmapper's bundled Inter font could not be loaded")
    _family = families[0]  # the Inter files are one family
    return _family


def register_office_fonts() -> list[str]:
    """Register the bundled Liberation Sans files once (besides Inter, which stays the
    app's family) and return the families they added; empty when none could be loaded,
    or on a later call."""
    global _office_registered
    register_fonts()
    if _office_registered:
        return []
    from roadmapper.resources import font_files

    _office_registered = True
    return _register(font_files(OFFICE_FONT_FILES))


def _register(files: list[tuple[str, bytes]]) -> list[str]:
    """Add ``files`` (name, bytes) to Qt's font database; the families they brought."""
    families: list[str] = []
    for _name, data in files:
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
        if font_id != -1:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


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
    for tag in TEXT_MAPPING_FEATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font
