"""Check the files a smoke test exported: each of the right kind, complete, holding the sample.

Usage: python .ci/check_exports.py FOLDER   (needs pypdf and python-pptx: the test venv)
"""

from __future__ import annotations

import json
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pptx
import pypdf

TITLE = "Reminder text with one-tap reschedule"  # a Now card of the sample roadmap
SVG = "{http://www.w3.org/2000/svg}"


def check_png(path: Path) -> str:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    assert (width, height) == (1920, 1080), f"{width}x{height}, not 1920x1080"
    return f"{width}x{height}"


def check_svg(path: Path) -> str:
    root = ET.parse(path).getroot()
    assert root.tag == SVG + "svg", f"root is {root.tag}"
    text = " ".join("".join(node.itertext()) for node in root.iter(SVG + "text"))
    assert "Reminder" in text, "no card title in the SVG's text"
    return f"{sum(1 for _ in root.iter())} elements"


def check_pdf(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert TITLE in text, "the card title is not real text in the PDF"
    return f"{len(reader.pages)} pages"


def check_pptx(path: Path) -> str:
    slides = pptx.Presentation(str(path)).slides
    text = " ".join(
        shape.text_frame.text
        for slide in slides
        for shape in _shapes(slide.shapes)
        if shape.has_text_frame
    )
    assert TITLE in text, "the card title is not in the slides' text"
    return f"{len(slides)} slides"


def _shapes(shapes):  # type: ignore[no-untyped-def]
    for shape in shapes:
        if shape.shape_type == 6:  # a group
            yield from _shapes(shape.shapes)
        else:
            yield shape


def check_json(path: Path) -> str:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "roadmapper/1"
    assert any(i["title"] == TITLE for i in document["initiatives"])
    return f"{len(document['initiatives'])} initiatives"


def check_md(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and TITLE in text
    return f"{len(text.splitlines())} lines"


CHECKS = {
    ".png": check_png,
    ".svg": check_svg,
    ".pdf": check_pdf,
    ".pptx": check_pptx,
    ".json": check_json,
    ".md": check_md,
}


def main(folder: Path) -> int:
    failed = 0
    for suffix, check in CHECKS.items():
        path = folder / f"board{suffix}"
        try:
            if not path.is_file():
                raise AssertionError("missing")
            detail = check(path)
            print(f"  ok    {path.name:<12} {path.stat().st_size:>9,} bytes  {detail}")
        except Exception as exc:  # every file is reported, then the run fails
            failed += 1
            print(f"  FAIL  {path.name:<12} {exc}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
