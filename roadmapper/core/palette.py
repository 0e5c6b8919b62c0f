"""The default outcome colours: the Okabe-Ito set, distinguishable with colour blindness."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Black and yellow are left out: black reads as text, yellow vanishes on white.
DEFAULT_PALETTE: tuple[str, ...] = (
    "#0072b2",  # blue
    "#e69f00",  # orange
    "#009e73",  # bluish green
    "#cc79a7",  # reddish purple
    "#56b4e9",  # sky blue
    "#d55e00",  # vermillion
)

UNLINKED_COLOR = "#8a8f98"
"""Cards tied to no outcome: a neutral grey that no palette colour resembles."""

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def is_color(value: str) -> bool:
    """Whether ``value`` is a ``#rrggbb`` colour."""
    return bool(_HEX.fullmatch(value))


def next_color(used: Iterable[str]) -> str:
    """The first palette colour not in ``used``; once all are used, cycle by count."""
    taken = [c.lower() for c in used]
    for color in DEFAULT_PALETTE:
        if color not in taken:
            return color
    return DEFAULT_PALETTE[len(taken) % len(DEFAULT_PALETTE)]
