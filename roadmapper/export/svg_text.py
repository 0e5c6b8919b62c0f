"""The text of a QSvgGenerator drawing as glyph outlines, its words kept as invisible text.

A viewer without Inter (librsvg ignores @font-face; Inkscape and browsers use
what is installed) would set every ``<text>`` in another face: wider, so titles
run past their cards and separately placed runs overlap. Each ``<text>`` is
therefore laid out again in the very font the PNG is painted with
(:func:`~roadmapper.render.fonts.ui_font_px`: unhinted, text-mapping features
off) and drawn as outlines, one ``<use>`` per glyph of a shared ``<defs>``
path. The ``<text>`` itself stays, fully transparent and stretched to the
outlines' width, so find-in-page, copy, ``grep`` and screen readers still see
the words.

QSvgGenerator writes each text item as
``<text fill=C fill-opacity=A stroke="none" xml:space="preserve" x y font-family
font-size font-weight font-style>run</text>`` inside a ``<g transform=...>``;
``font-size`` is the font's pixel size, ``font-weight`` its CSS weight, and a
run in a fallback font (CJK, symbols) is a ``<text>`` of its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QGlyphRun, QPainterPath, QRawFont, QTextLayout

from roadmapper.render.fonts import ui_font_px

__all__ = ["outline_text"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
_TEXT, _G, _DEFS, _PATH, _USE = (f"{{{SVG_NS}}}{t}" for t in ("text", "g", "defs", "path", "use"))
_HREF = f"{{{XLINK_NS}}}href"
# Control characters XML 1.0 forbids: Qt writes them as they are, and no parser would read
# the file. They are parked in a private-use plane for the parse, outlined as Qt drew them
# (a title's BEL is a visible box in the PNG), and left out of the written words.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INVALID = (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)
_PARKED = 0xF0000  # plane 15, private use: the characters are a short run at its start
_PARK = {c: _PARKED + i for i, c in enumerate(_INVALID)}
_UNPARK = {v: k for k, v in _PARK.items()}
_DROP = dict.fromkeys(_UNPARK)
_WEIGHTS = sorted(w.value for w in QFont.Weight)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

# Written back as <svg xmlns=...> and xlink:href, not ns0:svg and ns1:href. (The
# default_namespace argument of tostring() cannot be used: it refuses plain attributes.)
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


def num(value: float) -> str:
    """``value`` to 1/100 of a unit, without trailing zeros: ``12.5``, ``-3``, ``0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def path_data(path: QPainterPath) -> str:
    """SVG path data of ``path`` (moves, lines, cubic curves), each subpath closed."""
    out: list[str] = []
    n, i = path.elementCount(), 0
    while i < n:
        e = path.elementAt(i)
        if e.isMoveTo():
            if out:
                out.append("Z")
            out.append(f"M{num(e.x)} {num(e.y)}")
        elif e.isLineTo():
            out.append(f"L{num(e.x)} {num(e.y)}")
        elif e.isCurveTo():  # followed by its two CurveToData elements
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            out.append(f"C{num(e.x)} {num(e.y)} {num(c2.x)} {num(c2.y)} {num(end.x)} {num(end.y)}")
            i += 2
        i += 1
    if out:
        out.append("Z")
    return "".join(out)


def number(attrs: dict[str, str], name: str, default: float) -> float:
    """Attribute ``name`` as a number; a unit after it ("12px") is ignored."""
    found = _NUMBER.match(attrs.get(name, "").strip())
    return float(found.group()) if found else default


def font_of(attrs: dict[str, str]) -> QFont:
    """The QFont a ``<text>`` was painted in, from its font attributes."""
    size = number(attrs, "font-size", 12.0)
    weight = round(number(attrs, "font-weight", 400.0))
    nearest = min(_WEIGHTS, key=lambda w: abs(w - weight))
    font = ui_font_px(max(1, round(size)), QFont.Weight(nearest))
    family = attrs.get("font-family", "")
    if family and family != font.family():
        font.setFamily(family)  # a face not ours keeps our settings: no hinting, no ligatures
    font.setItalic(attrs.get("font-style", "normal") in ("italic", "oblique"))
    return font


@dataclass
class _Outliner:
    """Glyph outlines shared by every text of one drawing, written once into ``<defs>``."""

    defs: ET.Element
    ids: dict[tuple[str, str, int, int, float, int], str | None] = field(default_factory=dict)
    fonts: dict[tuple[str, str, str, str], QFont] = field(default_factory=dict)

    def glyph(
        self, face: tuple[str, str, int, int, float], raw: QRawFont, index: int
    ) -> str | None:
        """The ``<defs>`` id of glyph ``index`` of ``raw``; None for an empty one (a space)."""
        key = (*face, index)
        if key in self.ids:
            return self.ids[key]
        d = path_data(raw.pathForGlyph(index))
        gid = f"g{len(self.ids)}" if d else None
        if gid is not None:
            # Glyphs are drawn with the non-zero rule, as Qt fills them; the drawing's
            # outer group says even-odd, which would punch holes where contours overlap.
            ET.SubElement(self.defs, _PATH, {"id": gid, "d": d, "fill-rule": "nonzero"})
        self.ids[key] = gid
        return gid

    def font(self, attrs: dict[str, str]) -> QFont:
        key = (
            attrs.get("font-family", ""),
            attrs.get("font-size", ""),
            attrs.get("font-weight", ""),
            attrs.get("font-style", ""),
        )
        found = self.fonts.get(key)
        if found is None:
            found = self.fonts[key] = font_of(attrs)
        return found

    def outlines(self, text: ET.Element) -> ET.Element | None:
        """A group of ``<use>`` glyphs drawing ``text`` as the PNG does; None when it is blank."""
        words = (text.text or "").translate(_UNPARK)
        if not words.strip():
            return None
        attrs = dict(text.attrib)
        font = self.font(attrs)
        scale = number(attrs, "font-size", 12.0) / font.pixelSize()
        x0, y0 = number(attrs, "x", 0.0), number(attrs, "y", 0.0)
        layout = QTextLayout(words, font)
        layout.beginLayout()
        line = layout.createLine()
        line.setPosition(QPointF(0, 0))
        layout.endLayout()
        group = ET.Element(_G, _paint(attrs))
        if abs(scale - 1) > 1e-6:  # a fractional size: laid out at the nearest whole one
            group.set("transform", f"matrix({num(scale)},0,0,{num(scale)},{num(x0)},{num(y0)})")
            x0 = y0 = 0.0
        ascent = line.ascent()
        run: QGlyphRun
        for run in line.glyphRuns():
            raw = run.rawFont()
            face = _face(raw)
            for index, pos in zip(run.glyphIndexes(), run.positions(), strict=True):
                gid = self.glyph(face, raw, index)
                if gid is not None:
                    x, y = num(x0 + pos.x()), num(y0 + pos.y() - ascent)
                    ET.SubElement(group, _USE, {_HREF: f"#{gid}", "x": x, "y": y})
        text.set("textLength", num(line.horizontalAdvance() * scale))
        text.set("lengthAdjust", "spacingAndGlyphs")
        return group if len(group) else None


def _face(raw: QRawFont) -> tuple[str, str, int, int, float]:
    """What tells one font file at one size from another, for sharing glyph outlines."""
    return raw.familyName(), raw.styleName(), raw.weight(), raw.style().value, raw.pixelSize()


def _paint(attrs: dict[str, str]) -> dict[str, str]:
    """The outlines' paint: the text's fill, no stroke (the parent group may set one)."""
    return {
        "fill": attrs.get("fill", "#000000"),
        "fill-opacity": attrs.get("fill-opacity", "1"),
        "stroke": "none",
    }


def outline_text(svg: bytes) -> bytes:
    """``svg`` (QSvgGenerator's output) with every ``<text>`` drawn as outlines.

    The text elements stay, in place and escaped as before, with ``fill-opacity="0"``:
    found by search and read by screen readers, never painted.
    """
    source = svg.decode("utf-8", errors="replace")
    parked = _NOT_XML.search(source) is not None
    if parked:
        source = source.translate(_PARK)
    root = ET.fromstring(source)
    defs = root.find(_DEFS)
    if defs is None:
        defs = ET.Element(_DEFS)
        root.insert(0, defs)
    outliner = _Outliner(defs)
    parents = [el for el in root.iter() if any(child.tag == _TEXT for child in el)]
    for parent in parents:
        children: list[ET.Element] = []
        for child in parent:
            if child.tag == _TEXT:
                group = outliner.outlines(child)
                if group is not None:
                    children.append(group)  # under the text, which stays selectable on top
                child.set("fill-opacity", "0")
            children.append(child)
        parent[:] = children
    body = ET.tostring(root, encoding="unicode")
    if parked:
        body = body.translate(_DROP)
    return (XML_DECLARATION + body + "\n").encode("utf-8")
