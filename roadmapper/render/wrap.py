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

    What does not fit goes into the last line through ``elide`` (which adds "…").
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
