"""Check-in edits of the document (``document.check_ins``), patching the snapshot in place.

The store hands back the check-in and its key result (``current`` recomputed),
so nothing is re-read: the weekly check-in stays instant at any size.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from roadmapper.core.entities import CheckIn, KeyResult
from roadmapper.core.records import CheckInFields

if TYPE_CHECKING:
    from roadmapper.ui.editing.document import RoadmapDocument


class CheckInEdits:
    """Add, correct, delete and restore check-ins; each is one store transaction."""

    def __init__(self, document: RoadmapDocument) -> None:
        self._document = document

    def add(self, key_result_id: int, fields: CheckInFields) -> CheckIn:
        check_in, kr = self._document.store.check_ins.add(key_result_id, fields)
        self._patch(kr, add=check_in)
        return check_in

    def _version(self, check_in_id: int) -> int:
        return next(c.version for c in self._document.snapshot.check_ins if c.id == check_in_id)

    def update(self, check_in_id: int, fields: CheckInFields) -> CheckIn:
        version = self._version(check_in_id)
        check_in, kr = self._document.store.check_ins.update(check_in_id, fields, version)
        self._patch(kr, add=check_in)
        return check_in

    def delete(self, check_in_id: int) -> CheckIn:
        version = self._version(check_in_id)
        record, kr = self._document.store.check_ins.delete(check_in_id, version)
        self._patch(kr, remove=record.id)
        return record

    def restore(self, record: CheckIn) -> None:
        kr = self._document.store.check_ins.restore(record)
        self._patch(kr, add=record)

    def _patch(self, kr: KeyResult, add: CheckIn | None = None, remove: int | None = None) -> None:
        snap = self._document.snapshot
        drop = {remove, add.id if add is not None else None}
        check_ins = [c for c in snap.check_ins if c.id not in drop]
        if add is not None:
            check_ins.append(add)
            check_ins.sort(key=lambda c: (c.key_result_id, c.date, c.id))
        key_results = tuple(kr if k.id == kr.id else k for k in snap.key_results)
        self._document.replace_okrs(
            dataclasses.replace(snap, key_results=key_results, check_ins=tuple(check_ins))
        )
