"""Edits of the roadmap itself (``document.roadmaps``): its name, based on the version seen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmapper.core.entities import Roadmap

if TYPE_CHECKING:
    from roadmapper.ui.editing.document import RoadmapDocument


class RoadmapEdits:
    """Rename the open roadmap; one store transaction, then the document follows."""

    def __init__(self, document: RoadmapDocument) -> None:
        self._document = document

    def rename(self, name: str) -> Roadmap:
        document = self._document
        seen = document.snapshot.roadmap
        roadmap = document.store.rename_roadmap(seen.id, name, seen.version)
        document.replace_roadmap(roadmap)
        return roadmap

    def refresh(self) -> None:
        """Show the roadmap's name as stored now (another writer renamed it, or deleted it)."""
        document = self._document
        stored = {r.id: r for r in document.store.roadmaps()}.get(document.roadmap_id)
        if stored is not None and stored != document.snapshot.roadmap:
            document.replace_roadmap(stored)
