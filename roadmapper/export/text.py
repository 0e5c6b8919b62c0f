"""The text exports, a ``roadmapper/1`` file and Markdown, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from roadmapper.core import interchange
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.files import write_text_atomic
from roadmapper.export.markdown import to_markdown


def roadmap_file_text(snapshot: RoadmapSnapshot) -> str:
    """The roadmap as the text of a ``roadmapper/1`` JSON file."""
    return interchange.dumps(interchange.to_document(snapshot))


def write_json(snapshot: RoadmapSnapshot, path: Path) -> None:
    """Write the roadmap as a ``roadmapper/1`` file; ``InterchangeError`` if it cannot be."""
    write_text_atomic(path, roadmap_file_text(snapshot))


def write_markdown(snapshot: RoadmapSnapshot, path: Path) -> None:
    """Write the roadmap as Markdown; ``InterchangeError`` if it cannot be."""
    write_text_atomic(path, to_markdown(snapshot))
