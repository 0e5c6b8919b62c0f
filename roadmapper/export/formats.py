"""The file formats Roadmapper writes, named by suffix, and the one check of a file name."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from roadmapper.core.errors import InvalidInputError

PICTURE_FORMATS: dict[str, str] = {
    ".png": "PNG picture",
    ".svg": "SVG drawing",
    ".pdf": "PDF",
    ".pptx": "PowerPoint slides",
}
"""Pictures and slides, painted from the board: what the export dialog offers."""

EXPORT_FORMATS: dict[str, str] = {
    ".json": "roadmap file",
    ".md": "Markdown",
    **PICTURE_FORMATS,
}
"""Everything ``roadmapper export`` writes: the pictures, plus the roadmap file and Markdown."""


def check_suffix(path: Path, formats: Mapping[str, str] = PICTURE_FORMATS) -> str:
    """The lower-case suffix of ``path`` if it names one of ``formats``; else one sentence."""
    suffix = path.suffix.lower()
    if suffix not in formats:
        known = ", ".join(formats)
        raise InvalidInputError(
            f'cannot export to "{path.name}": the file name must end in one of {known}.'
        )
    return suffix
