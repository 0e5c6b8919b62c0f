"""Slide and page sizes in inches: the size presets as their paper, any other size at its aspect."""

from __future__ import annotations

from roadmapper.export.options import SIZE_PRESETS

WIDE_INCHES = 40 / 3
"""PowerPoint's 16:9 slide is 13.333 in (12,192,000 EMU) wide; custom sizes keep that width."""
MM_PER_INCH = 25.4
MIN_INCHES, MAX_INCHES = 1.0, 56.0
"""PowerPoint refuses a slide side outside 1 to 56 inches (914,400 to 51,206,400 EMU)."""
EMU_PER_INCH = 914_400

PAPER: dict[tuple[int, int], tuple[float, float]] = {
    SIZE_PRESETS["16:9"]: (WIDE_INCHES, 7.5),  # PowerPoint's Widescreen
    SIZE_PRESETS["4:3"]: (10.0, 7.5),  # PowerPoint's Standard
    SIZE_PRESETS["a4"]: (297 / MM_PER_INCH, 210 / MM_PER_INCH),  # A4 landscape
}


def slide_inches(width: float, height: float) -> tuple[float, float]:
    """(width, height) in inches of a page laid out ``width`` x ``height`` layout units.

    A preset is its paper; any other size is 13.333 in wide at its own aspect ratio,
    scaled down (or up) so that neither side leaves PowerPoint's 1 to 56 in range.
    """
    preset = PAPER.get((round(width), round(height)))
    if preset is not None and (width, height) == (round(width), round(height)):
        return preset
    w, h = WIDE_INCHES, WIDE_INCHES * height / width
    shrink = min(1.0, MAX_INCHES / max(w, h))
    grow = max(1.0, MIN_INCHES / min(w * shrink, h * shrink))
    k = shrink * grow
    return w * k, h * k


def slide_emu(width: float, height: float) -> tuple[int, int]:
    """:func:`slide_inches` in EMU (whole numbers: the presets come out exact)."""
    w, h = slide_inches(width, height)
    return round(w * EMU_PER_INCH), round(h * EMU_PER_INCH)
