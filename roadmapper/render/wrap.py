"""Word-wrap into a few lines, the last one elided: never a line cut mid-glyph."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QTextLayout, QTextOption

_OPTION = QTextOption()
_OPTION.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def wrap_lines(
    text: str, font: QFont, width: float, max_lines: int, elide: Callable[[str], str]
) -> list[str]:
    """``text`` wrapped at word boundaries into at most ``max_lines`` lines of ``width``.

    What does not fit goes into the last line through ``elide`` (which adds "…"),
    given the rest of the text from that line on.
    """
    if not text or max_lines < 1:
        return []
    # QTextLayout counts UTF-16 code units; slice the same units so emoji survive.
    units = text.encode("utf-16-le")
    layout = QTextLayout(text, font)
    layout.setTextOption(_OPTION)
    layout.beginLayout()
    lines: list[str] = []
    end = 0
    while len(lines) < max_lines - 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, end = line.textStart(), line.textStart() + line.textLength()
        lines.append(units[2 * start : 2 * end].decode("utf-16-le").rstrip())
    layout.endLayout()
    rest = units[2 * end :].decode("utf-16-le").strip()
    if rest:
        lines.append(elide(rest))
    return lines


ELLIPSIS = "…"


def elide_words(text: str, fits: Callable[[str], bool], elide: Callable[[str], str]) -> str:
    """``text`` on one line: whole when ``fits`` says so, else cut at a word with "…".

    Words are dropped from the end until the rest plus "…" fits; a first word too
    long for the line on its own is cut inside it by ``elide`` (Qt's eliding).
    """
    flat = " ".join(text.split())
    if not flat or fits(flat):
        return flat
    words = flat.split(" ")
    lo, hi = 0, len(words) - 1  # the most words that fit with the ellipsis: binary search
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(_cut(words, mid)):
            lo = mid
        else:
            hi = mid - 1
    return _cut(words, lo) if lo else elide(flat)


def _cut(words: list[str], count: int) -> str:
    """The first ``count`` words and "…", trailing punctuation of the last one dropped."""
    return " ".join(words[:count]).rstrip(",;:.-–—") + ELLIPSIS
