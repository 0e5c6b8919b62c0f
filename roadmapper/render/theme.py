"""Colours of the board and the slides (light, dark, print) and WCAG contrast helpers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QPalette

MIN_TEXT_CONTRAST = 4.5
"""WCAG AA for normal-size text."""


@dataclass(frozen=True, slots=True)
class Theme:
    """Immutable colours as ``#rrggbb`` strings (``#aarrggbb`` where alpha matters)."""

    name: str
    background: str  # behind the cards: board column, slide
    surface: str  # the card
    border: str
    border_hover: str
    text: str
    muted_text: str
    selection: str  # border of a selected card
    selected_surface: str  # the card's light tint when selected
    focus: str  # keyboard focus ring
    chip_background: str
    chip_border: str
    shadow: str  # "" = no shadow (print)
    dim_opacity: float  # whole card when filtered out
    error: str  # text that says what was refused, and the border of a refused input
    warning: str  # needs attention: a coaching warning, a missing link, a health tile
    success: str  # done right: a complete health tile

    def color(self, name: str) -> QColor:
        """A fresh ``QColor`` of the field ``name``."""
        return QColor(getattr(self, name))


LIGHT = Theme(
    name="light",
    background="#f3f4f6",
    surface="#ffffff",
    border="#d3d7de",
    border_hover="#a3aab6",
    text="#1c1f24",
    muted_text="#5d6470",
    selection="#2563eb",
    selected_surface="#eef4ff",
    focus="#1d4ed8",
    chip_background="#f0f2f5",
    chip_border="#dfe3e8",
    shadow="#1a101828",
    dim_opacity=0.28,
    error="#b3261e",
    warning="#a04f00",
    success="#1a7f37",
)

DARK = Theme(
    name="dark",
    background="#18191c",
    surface="#25272c",
    border="#3a3e46",
    border_hover="#5e6571",
    text="#eceef1",
    muted_text="#a3aab5",
    selection="#6ea3ff",
    selected_surface="#27334a",
    focus="#9cc0ff",
    chip_background="#31343a",
    chip_border="#3f434b",
    shadow="#59000000",
    dim_opacity=0.3,
    error="#ff8a80",
    warning="#f0a35e",
    success="#6fd28a",
)

PRINT = Theme(
    name="print",
    background="#ffffff",
    surface="#ffffff",
    border="#8e949d",
    border_hover="#8e949d",
    text="#111317",
    muted_text="#4a505a",
    selection="#1d4ed8",
    selected_surface="#eef4ff",
    focus="#1d4ed8",
    chip_background="#f2f3f5",
    chip_border="#b9bec6",
    shadow="",
    dim_opacity=0.35,
    error="#a1221b",
    warning="#8f4600",
    success="#176e30",
)


def theme_for_palette(palette: QPalette) -> Theme:
    """``DARK`` when the palette's window colour is dark, else ``LIGHT``."""
    window = palette.color(QPalette.ColorRole.Window)
    return DARK if relative_luminance(window) < 0.2 else LIGHT


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(rgb: int) -> float:
    r, g, b = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def _ratio(a: int, b: int) -> float:
    la, lb = _luminance(a), _luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""
    return _luminance(color.rgb() & 0xFFFFFF)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    return _ratio(a.rgb() & 0xFFFFFF, b.rgb() & 0xFFFFFF)


def text_on(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background``."""
    bg = background.rgb() & 0xFFFFFF
    return QColor("#000000") if _ratio(0x000000, bg) >= _ratio(0xFFFFFF, bg) else QColor("#ffffff")


def _mix(rgb: int, target: int, t: float) -> int:
    out = 0
    for shift in (16, 8, 0):
        c, d = (rgb >> shift) & 0xFF, (target >> shift) & 0xFF
        out |= round(c + (d - c) * t) << shift
    return out


@lru_cache(maxsize=512)
def _readable(rgb: int, bg: int, minimum: float) -> int:
    if _ratio(rgb, bg) >= minimum:
        return rgb
    # Toward black on a light background, toward white on a dark one; keep the hue.
    target = 0x000000 if _ratio(0x000000, bg) >= _ratio(0xFFFFFF, bg) else 0xFFFFFF
    if _ratio(target, bg) < minimum:
        return target
    lo, hi = 0.0, 1.0
    for _ in range(16):
        mid = (lo + hi) / 2
        if _ratio(_mix(rgb, target, mid), bg) >= minimum:
            hi = mid
        else:
            lo = mid
    return _mix(rgb, target, hi)


def readable_on(color: QColor, background: QColor, minimum: float = MIN_TEXT_CONTRAST) -> QColor:
    """``color`` darkened or lightened just enough to reach ``minimum`` contrast.

    Used for an outcome's name written in its own colour on a card.
    """
    return QColor.fromRgb(_readable(color.rgb() & 0xFFFFFF, background.rgb() & 0xFFFFFF, minimum))
