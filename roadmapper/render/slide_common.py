"""What the board slide and the OKR sheet share: units, fonts, text, the title block, card data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from roadmapper.render.card import CardPainter
from roadmapper.render.fonts import ui_font_px
from roadmapper.render.theme import Theme
from roadmapper.render.wrap import wrap_lines

BASE_WIDTH, BASE_HEIGHT = 1920.0, 1080.0
"""The slide every size is measured against: a 16:9 slide at 1 layout unit per pixel."""
MARGIN = 64.0
TITLE_PX, SUBTITLE_PX, PAGE_LABEL_PX = 44.0, 24.0, 24.0
TITLE_GAP = 6.0  # title to subtitle
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
Align = Qt.AlignmentFlag

W = QFont.Weight


def unit_for(width: float, height: float) -> float:
    """Layout units per base unit: the slide scaled to fit, whatever its aspect ratio."""
    return max(0.05, min(width / BASE_WIDTH, height / BASE_HEIGHT))


def long_date(day: dt.date) -> str:
    """``22 November 2026``, the same in every locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def subtitle_text(subtitle: str | None, today: dt.date | None) -> str:
    """``None`` means today's date; ``""`` means no subtitle."""
    if subtitle is not None:
        return subtitle
    return long_date(today or dt.date.today())


def page_label(index: int, count: int) -> str:
    """``"2 / 3"``, or ``""`` for a single page."""
    return f"{index + 1} / {count}" if count > 1 else ""


@lru_cache(maxsize=256)
def font(pixels: float, weight: QFont.Weight = W.Normal, italic: bool = False) -> QFont:
    """The bundled family at ``pixels`` layout units (rounded); cached, treat as read-only."""
    f = ui_font_px(round(pixels), weight)
    f.setItalic(italic)
    return f


@lru_cache(maxsize=256)
def metrics(pixels: float, weight: QFont.Weight = W.Normal, italic: bool = False) -> QFontMetricsF:
    """Metrics of :func:`font` with the same arguments."""
    return QFontMetricsF(font(pixels, weight, italic))


@dataclass(frozen=True, slots=True)
class TextStyle:
    """A font size, weight and slant; ``font()`` and ``metrics()`` are cached."""

    pixels: float
    weight: QFont.Weight = W.Normal
    italic: bool = False

    def font(self) -> QFont:
        return font(self.pixels, self.weight, self.italic)

    def metrics(self) -> QFontMetricsF:
        return metrics(self.pixels, self.weight, self.italic)

    def height(self) -> float:
        return self.metrics().height()

    def advance(self, text: str) -> float:
        return self.metrics().horizontalAdvance(text)


def elide(style: TextStyle, text: str, width: float) -> str:
    """One line of ``text`` (white space collapsed), elided to ``width``."""
    flat = " ".join(text.split())
    return style.metrics().elidedText(flat, Qt.TextElideMode.ElideRight, max(0.0, width))


def wrap(style: TextStyle, text: str, width: float, max_lines: int) -> list[str]:
    """``text`` wrapped at word boundaries into at most ``max_lines``, the last one elided."""
    text = " ".join(text.split())
    return wrap_lines(text, style.font(), width, max_lines, lambda rest: elide(style, rest, width))


def draw_line(
    p: QPainter,
    style: TextStyle,
    color: QColor | str,
    rect: QRectF,
    text: str,
    align: Qt.AlignmentFlag = Align.AlignLeft,
) -> None:
    """``text`` elided into ``rect``, vertically centred; left, centre or right aligned."""
    fm = style.metrics()
    line = elide(style, text, rect.width())
    if not line:
        return
    x = rect.left()
    if align & Align.AlignRight:
        x = rect.right() - fm.horizontalAdvance(line)
    elif align & Align.AlignHCenter:
        x = rect.center().x() - fm.horizontalAdvance(line) / 2
    base = rect.top() + (rect.height() - fm.height()) / 2 + fm.ascent()
    p.setFont(style.font())
    p.setPen(QColor(color))
    p.drawText(QPointF(x, base), line)


def draw_lines(
    p: QPainter, style: TextStyle, color: QColor | str, rect: QRectF, lines: Iterable[str]
) -> None:
    """Lines already wrapped, from the top of ``rect``, one line spacing apart."""
    fm = style.metrics()
    p.setFont(style.font())
    p.setPen(QColor(color))
    for i, line in enumerate(lines):
        base = rect.top() + i * fm.lineSpacing() + fm.ascent()
        if base + fm.descent() > rect.bottom() + 0.5:
            break
        p.drawText(QPointF(rect.left(), base), line)


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """Where the title, the subtitle and the page label go; ``bottom`` is below all of them."""

    title_rect: QRectF
    subtitle_rect: QRectF
    label_rect: QRectF
    bottom: float


def title_styles(u: float) -> tuple[TextStyle, TextStyle, TextStyle]:
    """Title, subtitle and page label styles at ``u`` layout units per base unit."""
    return (
        TextStyle(TITLE_PX * u, W.Bold),
        TextStyle(SUBTITLE_PX * u),
        TextStyle(PAGE_LABEL_PX * u, W.DemiBold),
    )


def title_block(width: float, u: float, subtitle: str, label: str) -> TitleBlock:
    """Title and subtitle top-left, the page label top-right on the title's middle."""
    title, sub, lab = title_styles(u)
    m = MARGIN * u
    # Room for the widest label of a long deck, so titles do not shift between pages.
    label_w = max(lab.advance(label), lab.advance("88 / 88")) if label else 0.0
    gap = 32 * u if label else 0.0
    title_rect = QRectF(m, m, max(0.0, width - 2 * m - label_w - gap), title.height())
    label_rect = QRectF(width - m - label_w, m, label_w, title.height())
    if subtitle:
        sub_rect = QRectF(m, title_rect.bottom() + TITLE_GAP * u, width - 2 * m, sub.height())
        bottom = sub_rect.bottom()
    else:
        sub_rect = QRectF(m, title_rect.bottom(), 0.0, 0.0)
        bottom = title_rect.bottom()
    return TitleBlock(title_rect, sub_rect, label_rect, bottom)


def paint_title_block(
    p: QPainter,
    theme: Theme,
    u: float,
    block: TitleBlock,
    texts: tuple[str, str, str],
) -> None:
    """Paint (title, subtitle, page label) into ``block``."""
    title, sub, lab = title_styles(u)
    text, subtitle, label = texts
    draw_line(p, title, theme.text, block.title_rect, text)
    if subtitle:
        draw_line(p, sub, theme.muted_text, block.subtitle_rect, subtitle)
    if label:
        draw_line(p, lab, theme.muted_text, block.label_rect, label, Align.AlignRight)


@lru_cache(maxsize=32)
def card_painter(theme: Theme, scale: float, compact: bool, show_chips: bool) -> CardPainter:
    """A shared card painter for slides; without chips when ``show_chips`` is false."""
    return CardPainter(theme, scale, compact, chips=show_chips)
