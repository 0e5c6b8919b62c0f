"""Writes of outcomes and their key results: ``store.outcomes`` and ``store.key_results``."""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa

from roadmapper.core import okr, ranking
from roadmapper.core.entities import CheckIn, KeyResult, Outcome
from roadmapper.core.errors import InvalidInputError
from roadmapper.core.palette import is_color, next_color
from roadmapper.core.records import KeyResultFields, OutcomeFields
from roadmapper.model.enums import Level
from roadmapper.model.tables import (
    CHECK_IN,
    INITIATIVE,
    INITIATIVE_KEY_RESULT,
    KEY_RESULT,
    OUTCOME,
)
from roadmapper.store import rows
from roadmapper.store.database import Transaction
from roadmapper.store.values import DeletedKeyResult as DeletedKeyResult
from roadmapper.store.values import DeletedOutcome as DeletedOutcome


class OutcomeStore:
    """Outcomes of a roadmap; each write is one transaction."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def create(
        self,
        roadmap_id: int,
        level: Level,
        objective: str,
        color: str | None = None,
        parent_id: int | None = None,
        outcome_id: int | None = None,
        rank: str | None = None,
    ) -> Outcome:
        """Add an outcome at the end of the list; no colour picks the next palette colour."""
        with self._transaction() as conn:
            o = OUTCOME.c
            existing = conn.execute(
                sa.select(o.color, o.rank).where(o.roadmap_id == roadmap_id)
            ).all()
            values = self._outcome_values(
                conn,
                roadmap_id,
                level,
                objective,
                color or next_color(c for c, _ in existing),
                parent_id,
            )
            values.update(
                roadmap_id=roadmap_id,
                rank=rank or ranking.key_between(max((r for _, r in existing), default=None), None),
            )
            if outcome_id is not None:
                values["id"] = outcome_id
            new_id = rows.insert_one(conn, sa.insert(OUTCOME).values(**values))
            return rows.outcome_from(rows.fetch_one(conn, OUTCOME, new_id, "Outcome"))

    def update(self, outcome_id: int, fields: OutcomeFields, expected_version: int) -> Outcome:
        """Replace what a person set on an outcome (not its place among its siblings).

        Refused with ``StaleError`` when it is no longer at ``expected_version``.
        """
        f = fields
        with self._transaction() as conn:
            current = rows.fetch_seen(conn, OUTCOME, outcome_id)
            values = self._outcome_values(
                conn, current["roadmap_id"], f.level, f.objective, f.color, f.parent_id, outcome_id
            )
            rows.update_versioned(conn, OUTCOME, outcome_id, expected_version, values)
            return rows.outcome_from(rows.fetch_one(conn, OUTCOME, outcome_id, "Outcome"))

    def place(
        self, outcome_id: int, parent_id: int | None, rank: str, expected_version: int
    ) -> Outcome:
        """Reorder or re-parent an outcome (drag in the outcome tree): one row written."""
        with self._transaction() as conn:
            current = rows.outcome_from(rows.fetch_seen(conn, OUTCOME, outcome_id))
            values = self._outcome_values(
                conn,
                current.roadmap_id,
                current.level,
                current.objective,
                current.color,
                parent_id,
                outcome_id,
            )
            rows.update_versioned(
                conn,
                OUTCOME,
                outcome_id,
                expected_version,
                {"parent_id": values["parent_id"], "rank": rank},
            )
            return rows.outcome_from(rows.fetch_one(conn, OUTCOME, outcome_id, "Outcome"))

    def delete(self, outcome_id: int, expected_version: int) -> DeletedOutcome:
        """Delete an outcome and its key results; its initiatives stay, unlinked."""
        with self._transaction() as conn:
            outcome = rows.outcome_from(rows.fetch_seen(conn, OUTCOME, outcome_id))
            if outcome.version != expected_version:
                raise rows.stale_error(conn, OUTCOME, outcome_id)
            krs = tuple(
                rows.key_result_from(r)
                for r in conn.execute(
                    sa.select(KEY_RESULT).where(KEY_RESULT.c.outcome_id == outcome_id)
                ).mappings()
            )
            check_ins, links = _children(conn, [k.id for k in krs])
            unlinked = tuple(
                r[0]
                for r in conn.execute(
                    sa.select(INITIATIVE.c.id).where(INITIATIVE.c.outcome_id == outcome_id)
                )
            )
            children = tuple(
                r[0]
                for r in conn.execute(
                    sa.select(OUTCOME.c.id).where(OUTCOME.c.parent_id == outcome_id)
                )
            )
            # Explicit, not left to ON DELETE SET NULL, so it holds on any database.
            conn.execute(
                sa.update(INITIATIVE)
                .where(INITIATIVE.c.outcome_id == outcome_id)
                .values(outcome_id=None, version=INITIATIVE.c.version + 1)
            )
            conn.execute(
                sa.update(OUTCOME)
                .where(OUTCOME.c.parent_id == outcome_id)
                .values(parent_id=None, version=OUTCOME.c.version + 1)
            )
            conn.execute(sa.delete(OUTCOME).where(OUTCOME.c.id == outcome_id))
            after = (
                *_versions(conn, INITIATIVE, unlinked),
                *_versions(conn, OUTCOME, children),
            )
            return DeletedOutcome(outcome, krs, check_ins, links, unlinked, children, after)

    def restore(self, deleted: DeletedOutcome) -> Outcome:
        """Undo ``delete``: same ids, key results, check-ins and links."""
        o = deleted.outcome
        with self._transaction() as conn:
            # Cards and outcomes changed elsewhere since the delete would lose that change.
            for table, row_id, version in deleted.versions_after:
                if rows.fetch_seen(conn, _TABLES[table], row_id)["version"] != version:
                    raise rows.stale_error(conn, _TABLES[table], row_id)
            if o.parent_id is not None:
                rows.fetch_seen(conn, OUTCOME, o.parent_id)
            conn.execute(
                sa.insert(OUTCOME).values(
                    id=o.id,
                    roadmap_id=o.roadmap_id,
                    level=o.level.value,
                    objective=o.objective,
                    color=o.color,
                    parent_id=o.parent_id,
                    rank=o.rank,
                    version=o.version,
                )
            )
            _insert_children(conn, deleted.key_results, deleted.check_ins, deleted.links)
            if deleted.unlinked_initiatives:
                conn.execute(
                    sa.update(INITIATIVE)
                    .where(INITIATIVE.c.id.in_(deleted.unlinked_initiatives))
                    .values(outcome_id=o.id, version=INITIATIVE.c.version + 1)
                )
            if deleted.orphaned_children:
                conn.execute(
                    sa.update(OUTCOME)
                    .where(OUTCOME.c.id.in_(deleted.orphaned_children))
                    .values(parent_id=o.id)
                )
            return rows.outcome_from(rows.fetch_one(conn, OUTCOME, o.id, "Outcome"))

    def _outcome_values(
        self,
        conn: sa.Connection,
        roadmap_id: int,
        level: Level,
        objective: str,
        color: str,
        parent_id: int | None,
        outcome_id: int | None = None,
    ) -> dict[str, Any]:
        objective = objective.strip()
        if not objective:
            raise InvalidInputError("an outcome needs an objective.")
        if not is_color(color):
            raise InvalidInputError(f'"{color}" is not a colour like "#0072b2".')
        if parent_id is not None:
            if level is Level.BUSINESS:
                raise InvalidInputError("a business outcome cannot have a parent outcome.")
            parent = conn.execute(
                sa.select(OUTCOME.c.level, OUTCOME.c.roadmap_id).where(OUTCOME.c.id == parent_id)
            ).first()
            if parent is None or parent[1] != roadmap_id or parent[0] != Level.BUSINESS.value:
                raise InvalidInputError(
                    "a product outcome's parent must be a business outcome of the same roadmap."
                )
        if outcome_id is not None and level is Level.PRODUCT:
            has_children = conn.execute(
                sa.select(OUTCOME.c.id).where(OUTCOME.c.parent_id == outcome_id)
            ).first()
            if has_children:
                raise InvalidInputError(
                    "this outcome drives product outcomes, so it must stay a business outcome."
                )
        return {
            "level": level.value,
            "objective": objective,
            "color": color.lower(),
            "parent_id": parent_id,
        }


class KeyResultStore:
    """Key results of an outcome; each write is one transaction."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def create(self, outcome_id: int, fields: KeyResultFields) -> KeyResult:
        values = self._kr_values(fields)
        with self._transaction() as conn:
            rows.fetch_one(conn, OUTCOME, outcome_id, "Outcome")
            last = conn.execute(
                sa.select(sa.func.max(KEY_RESULT.c.rank)).where(
                    KEY_RESULT.c.outcome_id == outcome_id
                )
            ).scalar()
            new_id = rows.insert_one(
                conn,
                sa.insert(KEY_RESULT).values(
                    outcome_id=outcome_id,
                    rank=ranking.key_between(last, None),
                    **values,
                ),
            )
            return rows.key_result_from(rows.fetch_one(conn, KEY_RESULT, new_id, "Key result"))

    def update(
        self, key_result_id: int, fields: KeyResultFields, expected_version: int
    ) -> KeyResult:
        """Replace a key result's fields, if it is still at ``expected_version`` (a check-in
        added elsewhere changes its version too, since it moves ``current``)."""
        values = self._kr_values(fields)
        with self._transaction() as conn:
            rows.update_versioned(conn, KEY_RESULT, key_result_id, expected_version, values)
            return rows.key_result_from(
                rows.fetch_one(conn, KEY_RESULT, key_result_id, "Key result")
            )

    def delete(self, key_result_id: int, expected_version: int) -> DeletedKeyResult:
        """Delete a key result with its check-ins; initiatives lose the link, nothing else."""
        with self._transaction() as conn:
            kr = rows.key_result_from(rows.fetch_seen(conn, KEY_RESULT, key_result_id))
            if kr.version != expected_version:
                raise rows.stale_error(conn, KEY_RESULT, key_result_id)
            check_ins, links = _children(conn, [key_result_id])
            conn.execute(
                sa.delete(INITIATIVE_KEY_RESULT).where(
                    INITIATIVE_KEY_RESULT.c.key_result_id == key_result_id
                )
            )
            conn.execute(sa.delete(CHECK_IN).where(CHECK_IN.c.key_result_id == key_result_id))
            conn.execute(sa.delete(KEY_RESULT).where(KEY_RESULT.c.id == key_result_id))
            return DeletedKeyResult(kr, check_ins, links)

    def restore(self, deleted: DeletedKeyResult) -> KeyResult:
        """Undo ``delete``: same id, check-ins and links."""
        with self._transaction() as conn:
            rows.fetch_seen(conn, OUTCOME, deleted.key_result.outcome_id)
            _insert_children(conn, (deleted.key_result,), deleted.check_ins, deleted.links)
            return rows.key_result_from(
                rows.fetch_one(conn, KEY_RESULT, deleted.key_result.id, "Key result")
            )

    @staticmethod
    def _kr_values(fields: KeyResultFields) -> dict[str, Any]:
        name = fields.name.strip()
        if not name:
            raise InvalidInputError("a key result needs a name.")
        problem = okr.tier_problem(fields.direction, fields.tiers)
        if problem:
            raise InvalidInputError(f"{problem}.")
        return {
            "name": name,
            "unit": fields.unit.strip(),
            "direction": fields.direction.value,
            "baseline": fields.baseline,
            "current": fields.current,
            "tiers": list(fields.tiers),
            "indicator": fields.indicator.value,
            "guardrail": fields.guardrail,
        }


_TABLES = {"initiative": INITIATIVE, "outcome": OUTCOME}


def _versions(
    conn: sa.Connection, table: sa.Table, ids: tuple[int, ...]
) -> list[tuple[str, int, int]]:
    if not ids:
        return []
    found = conn.execute(sa.select(table.c.id, table.c.version).where(table.c.id.in_(ids)))
    return [(table.name, row_id, version) for row_id, version in found]


def _insert_children(
    conn: sa.Connection,
    key_results: tuple[KeyResult, ...],
    check_ins: tuple[CheckIn, ...],
    links: tuple[tuple[int, int, int], ...],
) -> None:
    """Put back deleted key results with their check-ins and card links, ids unchanged."""
    for kr in key_results:
        conn.execute(
            sa.insert(KEY_RESULT).values(id=kr.id, version=kr.version, **rows.key_result_row(kr))
        )
    if check_ins:
        conn.execute(sa.insert(CHECK_IN), [dataclasses.asdict(c) for c in check_ins])
    if links:
        for initiative_id in dict.fromkeys(i for i, _k, _p in links):
            rows.fetch_seen(conn, INITIATIVE, initiative_id)  # deleted elsewhere: refused
        conn.execute(
            sa.insert(INITIATIVE_KEY_RESULT),
            [{"initiative_id": i, "key_result_id": k, "position": p} for i, k, p in links],
        )


def _children(
    conn: sa.Connection, key_result_ids: list[int]
) -> tuple[tuple[CheckIn, ...], tuple[tuple[int, int, int], ...]]:
    """The check-ins and card links of some key results, kept so a delete can be undone."""
    check_ins = tuple(
        rows.check_in_from(r)
        for r in conn.execute(
            sa.select(CHECK_IN).where(CHECK_IN.c.key_result_id.in_(key_result_ids))
        ).mappings()
    )
    link = INITIATIVE_KEY_RESULT.c
    links = tuple(
        (r[0], r[1], r[2])
        for r in conn.execute(
            sa.select(link.initiative_id, link.key_result_id, link.position).where(
                link.key_result_id.in_(key_result_ids)
            )
        )
    )
    return check_ins, links
