"""Undo commands on the roadmap itself: renaming it."""

from __future__ import annotations

from roadmapper.core.text import shorten
from roadmapper.ui.editing.commands import DocumentCommand
from roadmapper.ui.editing.document import RoadmapDocument


class RenameRoadmapCommand(DocumentCommand):
    """Give the open roadmap another name; undo gives back the old one."""

    def __init__(self, document: RoadmapDocument, name: str) -> None:
        old = document.snapshot.roadmap.name
        super().__init__(document, f"Rename roadmap “{shorten(old)}”")
        self.old = old
        self.new = name
        self.watch("roadmap", document.roadmap_id)

    def perform(self) -> None:
        self.document.roadmaps.rename(self.new)

    def revert(self) -> None:
        self.document.roadmaps.rename(self.old)
