"""Roadmap files on disk: read and validate, import in one transaction, write atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from roadmapper.core import interchange
from roadmapper.core.entities import Roadmap, RoadmapSnapshot
from roadmapper.core.errors import InterchangeError, InvalidInputError
from roadmapper.core.refs import Refs
from roadmapper.model.tables import (
    CHECK_IN,
    INITIATIVE,
    INITIATIVE_KEY_RESULT,
    KEY_RESULT,
    OUTCOME,
)
from roadmapper.store.interface import RoadmapStore
from roadmapper.store.rows import insert_one, key_result_row


def read_file(path: Path, *, strict: bool = True) -> tuple[RoadmapSnapshot, Refs]:
    """Read and validate a ``roadmapper/1`` file; nothing is written anywhere.

    Whatever the file holds, the only error is an ``InterchangeError`` of one
    sentence naming the file and, past the JSON syntax, the path of the problem.
    """
    label = _label(path)
    raw = _read_bytes(path, label)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"{label} is not UTF-8 text (byte {exc.start}).") from None
    if not text.strip():
        raise InterchangeError(f"{label} is empty; a roadmap file is one JSON object.")
    return interchange.parse_text(text, label, strict=strict)


def _label(path: Path) -> str:
    """``path`` as a message names it: on one line, quoted if it holds control characters."""
    text = str(path)
    return text if text.isprintable() else interchange.escaped(json.dumps(text, ensure_ascii=False))


def _read_bytes(path: Path, label: str) -> bytes:
    """The bytes of ``path``, reading one byte past ``MAX_FILE_BYTES`` at most, so neither a
    huge file nor an endless device (``/dev/zero``) can fill the memory."""
    limit = interchange.MAX_FILE_BYTES
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise InterchangeError(f"{label} does not exist.") from None
    except IsADirectoryError:
        raise InterchangeError(f"{label} is a folder, not a roadmap file.") from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InterchangeError(f"{label} cannot be read: {reason}.") from None
    except ValueError:  # a NUL in the name, which no file system allows
        raise InterchangeError(f"{label} is not a usable file name.") from None
    if len(raw) > limit:
        raise InterchangeError(
            f"{label} is larger than {limit // 2**20} MB, the most a roadmap file may be."
        )
    return raw


def import_snapshot(
    store: RoadmapStore, snapshot: RoadmapSnapshot, name: str | None = None
) -> Roadmap:
    """Write a parsed roadmap as a new roadmap, all or nothing, in one transaction.

    ``name`` (``import --name``) is checked as the file's own name is. Should the
    database still refuse a value, the refusal is one sentence and nothing is written.
    """
    if name is not None:
        _check_name(name)
    # Should the database still refuse a row, Store.transaction says so in one sentence.
    return _insert_snapshot(store, snapshot, name)


def _check_name(name: str) -> None:
    problem = interchange.text_problem(name)
    if problem is None and len(name.strip()) > interchange.MAX_NAME:
        problem = (
            f"is {len(name.strip())} characters long; at most {interchange.MAX_NAME} are allowed"
        )
    if problem:
        raise InvalidInputError(f"the roadmap name {interchange.quoted(name)} {problem}.")


def _insert_snapshot(store: RoadmapStore, snapshot: RoadmapSnapshot, name: str | None) -> Roadmap:
    with store.transaction() as conn:
        roadmap = store.insert_roadmap(
            conn,
            name if name is not None else snapshot.roadmap.name,
            snapshot.roadmap.description,
        )
        outcome_ids: dict[int, int] = {}
        for outcome in snapshot.outcomes:
            # Parents are written after every outcome exists (a parent may come later).
            outcome_ids[outcome.id] = insert_one(
                conn,
                sa.insert(OUTCOME).values(
                    roadmap_id=roadmap.id,
                    level=outcome.level.value,
                    objective=outcome.objective,
                    color=outcome.color,
                    parent_id=None,
                    rank=outcome.rank,
                ),
            )
        for outcome in snapshot.outcomes:
            if outcome.parent_id is not None:
                conn.execute(
                    sa.update(OUTCOME)
                    .where(OUTCOME.c.id == outcome_ids[outcome.id])
                    .values(parent_id=outcome_ids[outcome.parent_id])
                )
        kr_ids = _insert_returning(
            conn,
            KEY_RESULT,
            [
                {**key_result_row(kr), "outcome_id": outcome_ids[kr.outcome_id]}
                for kr in snapshot.key_results
            ],
            [kr.id for kr in snapshot.key_results],
        )
        if snapshot.check_ins:
            conn.execute(
                sa.insert(CHECK_IN),
                [
                    {
                        "key_result_id": kr_ids[c.key_result_id],
                        "date": c.date,
                        "value": c.value,
                        "note": c.note,
                        "confidence": c.confidence,
                    }
                    for c in snapshot.check_ins
                ],
            )
        initiative_ids = _insert_returning(
            conn,
            INITIATIVE,
            [
                {
                    "roadmap_id": roadmap.id,
                    "title": i.title,
                    "description": i.description,
                    "board_column": i.column.value,
                    "rank": i.rank,
                    "outcome_id": outcome_ids[i.outcome_id] if i.outcome_id is not None else None,
                    "hypothesis": i.hypothesis,
                    "result": i.result,
                }
                for i in snapshot.initiatives
            ],
            [i.id for i in snapshot.initiatives],
        )
        links = [
            {"initiative_id": initiative_ids[i.id], "key_result_id": kr_ids[k], "position": n}
            for i in snapshot.initiatives
            for n, k in enumerate(i.key_result_ids)
        ]
        if links:
            conn.execute(sa.insert(INITIATIVE_KEY_RESULT), links)
        return roadmap


def _insert_returning(
    conn: sa.Connection, table: sa.Table, values: list[dict[str, Any]], old_ids: list[int]
) -> dict[int, int]:
    """Bulk INSERT keeping the new ids in input order (one statement batch, not a row each)."""
    if not values:
        return {}
    result = conn.execute(
        sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), values
    )
    return dict(zip(old_ids, result.scalars().all(), strict=True))


def import_file(store: RoadmapStore, path: Path, name: str | None = None) -> Roadmap:
    """Read, validate and import ``path``; on any error nothing is written."""
    snapshot, _refs = read_file(path)
    return import_snapshot(store, snapshot, name)


def import_sample(store: RoadmapStore) -> Roadmap:
    """Add the sample roadmap, its check-ins dated relative to today."""
    import datetime as dt

    from roadmapper.core.sample import sample_document

    snapshot, _refs = interchange.parse_document(sample_document(dt.date.today()))
    return import_snapshot(store, snapshot)
