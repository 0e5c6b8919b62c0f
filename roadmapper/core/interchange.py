"""The roadmap file format ``roadmapper/1``: validate a document, and write one.

``loads`` decodes the text of a file within limits (nesting depth, number
size, no repeated keys, no NUL or lone surrogate in any text), so no file can
make it raise anything but ``InterchangeError``. ``parse_document`` turns a
decoded JSON value into a ``RoadmapSnapshot`` with provisional ids (1, 2, ...)
and the file's refs, or raises ``InterchangeError`` naming the JSON path of the
first problem; ``parse_text`` does both, for the text of a file. ``to_document``
is the inverse of ``parse_document``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from enum import StrEnum
from typing import Any, TypeVar

from roadmapper.core import okr, ranking
from roadmapper.core.entities import (
    CheckIn,
    Initiative,
    KeyResult,
    Outcome,
    Roadmap,
    RoadmapSnapshot,
)
from roadmapper.core.errors import InterchangeError

# Re-exported: the decoding and its limits are part of this module's API.
from roadmapper.core.json_text import MAX_DEPTH as MAX_DEPTH
from roadmapper.core.json_text import MAX_FILE_BYTES as MAX_FILE_BYTES
from roadmapper.core.json_text import MAX_NUMBER_CHARS as MAX_NUMBER_CHARS
from roadmapper.core.json_text import escaped as escaped
from roadmapper.core.json_text import loads as loads
from roadmapper.core.json_text import quoted as quoted
from roadmapper.core.json_text import text_problem as text_problem
from roadmapper.core.palette import is_color, next_color
from roadmapper.core.refs import Refs, assign_refs
from roadmapper.model.enums import Column, Direction, Indicator, Level

FORMAT = "roadmapper/1"
MAX_NAME = 200
MAX_UNIT = 40
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_E = TypeVar("_E", bound=StrEnum)


class _Reader:
    """Typed access to one JSON object, every error naming its path."""

    def __init__(self, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            raise InterchangeError(
                f"{path or 'the file'}: expected an object, found {_kind(value)}."
            )
        self.value = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> InterchangeError:
        return InterchangeError(f"{self.at(key)}: {problem}.")

    def text(
        self, key: str, *, required: bool = False, limit: int | None = None, blank: bool = True
    ) -> str:
        if key not in self.value or self.value[key] is None:
            if required:
                raise self.fail(key, "is missing")
            return ""
        value = self.value[key]
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, found {_kind(value)}")
        problem = text_problem(value)
        if problem:
            raise self.fail(key, problem)
        if not blank and not value.strip():
            raise self.fail(key, "must not be empty")
        if limit is not None and len(value) > limit:
            raise self.fail(key, f"is {len(value)} characters long; at most {limit} are allowed")
        return value

    def choice(self, key: str, enum: type[_E]) -> _E:
        raw = self.value.get(key)
        if raw is None:
            raise self.fail(key, "is missing")
        names = ", ".join(m.value for m in enum)
        if not isinstance(raw, str) or raw not in {m.value for m in enum}:
            raise self.fail(key, f"{quoted(raw)} is not one of {names}")
        return enum(raw)

    def number(self, key: str, *, required: bool = False) -> float | None:
        raw = self.value.get(key)
        if raw is None:
            if required:
                raise self.fail(key, "is missing")
            return None
        return _number(raw, self.at(key))

    def boolean(self, key: str) -> bool:
        raw = self.value.get(key, False)
        if not isinstance(raw, bool):
            raise self.fail(key, f"expected true or false, found {_kind(raw)}")
        return raw

    def items(self, key: str) -> list[Any]:
        raw = self.value.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise self.fail(key, f"expected a list, found {_kind(raw)}")
        return raw

    def ref(self, key: str, taken: set[str]) -> str:
        value = self.text(key, required=True, blank=False)
        if value in taken:
            raise self.fail(key, f"{quoted(value)} is used twice")
        taken.add(value)
        return value


def parse_document(data: Any, *, strict: bool = True) -> tuple[RoadmapSnapshot, Refs]:
    """Validate a decoded ``roadmapper/1`` document.

    With ``strict`` (import), tiers that are not monotonic are an error; without
    it (lint) they are kept so the coaching lint can report them.
    """
    top = _Reader(data, "")
    if "format" not in data:
        raise top.fail("format", f'is missing; a Roadmapper file starts with "format": "{FORMAT}"')
    if data["format"] != FORMAT:
        raise top.fail(
            "format",
            f"{quoted(data['format'])} is not supported; this Roadmapper reads {quoted(FORMAT)}",
        )
    head = _Reader(data.get("roadmap"), "roadmap")
    roadmap = Roadmap(
        0,
        head.text("name", required=True, blank=False, limit=MAX_NAME).strip(),
        head.text("description"),
    )
    refs = Refs()
    outcomes, parents = _outcomes(top, refs)
    key_results, check_ins = _key_results(top, outcomes, refs, strict)
    kr_by_ref = {ref: kr_id for kr_id, ref in refs.key_result.items()}
    outcome_by_ref = {ref: o.id for o, ref in zip(outcomes, refs.outcome.values(), strict=True)}
    level_by_ref = {ref: o.level for o, ref in zip(outcomes, refs.outcome.values(), strict=True)}
    for n, (outcome, parent) in enumerate(zip(outcomes, parents, strict=True)):
        if parent is None:
            continue
        where = f"outcomes[{n}].parent"
        if outcome.level is Level.BUSINESS:
            raise InterchangeError(f"{where}: a business outcome has no parent; use null.")
        if parent not in outcome_by_ref:
            raise InterchangeError(f"{where}: {quoted(parent)} is not the ref of an outcome.")
        if level_by_ref[parent] is not Level.BUSINESS:
            raise InterchangeError(f"{where}: {quoted(parent)} is not a business outcome.")
        outcomes[n] = dataclasses.replace(outcome, parent_id=outcome_by_ref[parent])
    initiatives = _initiatives(top, outcome_by_ref, kr_by_ref, refs)
    snapshot = RoadmapSnapshot(
        roadmap, tuple(outcomes), tuple(key_results), tuple(check_ins), tuple(initiatives)
    )
    return snapshot, refs


def parse_text(text: str, source: str, *, strict: bool = True) -> tuple[RoadmapSnapshot, Refs]:
    """``loads`` then ``parse_document``, every error starting with ``source``."""
    data = loads(text, source)
    try:
        return parse_document(data, strict=strict)
    except InterchangeError as exc:
        raise InterchangeError(f"{source}: {exc}") from None


def _outcomes(top: _Reader, refs: Refs) -> tuple[list[Outcome], list[str | None]]:
    outcomes: list[Outcome] = []
    parents: list[str | None] = []
    taken: set[str] = set()
    ranks = ranking.keys_for_append(None, len(top.items("outcomes")))
    for n, raw in enumerate(top.items("outcomes")):
        item = _Reader(raw, f"outcomes[{n}]")
        ref = item.ref("ref", taken)
        color = item.text("color").lower()
        if color and not is_color(color):
            raise item.fail(
                "color", f'{quoted(item.value["color"])} is not a colour like "#1b9e77"'
            )
        parent = item.value.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise item.fail("parent", f"expected a ref or null, found {_kind(parent)}")
        outcomes.append(
            Outcome(
                id=n + 1,
                roadmap_id=0,
                level=item.choice("level", Level),
                objective=item.text("objective", required=True, blank=False),
                color=color or next_color(o.color for o in outcomes),
                rank=ranks[n],
            )
        )
        parents.append(parent)
        refs.outcome[n + 1] = ref
    return outcomes, parents


def _key_results(
    top: _Reader, outcomes: list[Outcome], refs: Refs, strict: bool
) -> tuple[list[KeyResult], list[CheckIn]]:
    key_results: list[KeyResult] = []
    check_ins: list[CheckIn] = []
    taken: set[str] = set()
    for n, raw_outcome in enumerate(top.items("outcomes")):
        owner = _Reader(raw_outcome, f"outcomes[{n}]")
        raw_krs = owner.items("key_results")
        ranks = ranking.keys_for_append(None, len(raw_krs))
        for m, raw in enumerate(raw_krs):
            item = _Reader(raw, f"{owner.path}.key_results[{m}]")
            ref = item.ref("ref", taken)
            direction = item.choice("direction", Direction)
            tiers = tuple(
                _number(t, f"{item.at('tiers')}[{k}]") for k, t in enumerate(item.items("tiers"))
            )
            problem = okr.tier_problem(direction, tiers)
            if problem and (strict or len(tiers) > okr.MAX_TIERS):
                raise item.fail("tiers", problem)
            kr_id = len(key_results) + 1
            key_results.append(
                KeyResult(
                    id=kr_id,
                    outcome_id=outcomes[n].id,
                    name=item.text("name", required=True, blank=False),
                    direction=direction,
                    indicator=item.choice("indicator", Indicator),
                    unit=item.text("unit", limit=MAX_UNIT),
                    baseline=item.number("baseline"),
                    current=item.number("current"),
                    tiers=tiers,
                    guardrail=item.boolean("guardrail"),
                    rank=ranks[m],
                )
            )
            refs.key_result[kr_id] = ref
            for k, raw_check in enumerate(item.items("check_ins")):
                check_ins.append(
                    _check_in(
                        _Reader(raw_check, f"{item.at('check_ins')}[{k}]"),
                        len(check_ins) + 1,
                        kr_id,
                    )
                )
    check_ins.sort(key=lambda c: (c.key_result_id, c.date, c.id))
    return key_results, check_ins


def _check_in(item: _Reader, check_in_id: int, kr_id: int) -> CheckIn:
    raw_date = item.value.get("date")
    try:
        # fromisoformat alone also takes "20261005" and week dates such as "2026-W41-1".
        if not isinstance(raw_date, str) or not _DATE.fullmatch(raw_date):
            raise ValueError
        date = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise item.fail("date", f'{quoted(raw_date)} is not a date like "2026-10-05"') from None
    confidence = item.value.get("confidence")
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int) or not 0 <= confidence <= 10
    ):
        raise item.fail("confidence", f"{quoted(confidence)} is not a whole number from 0 to 10")
    value = item.number("value", required=True)
    assert value is not None
    return CheckIn(check_in_id, kr_id, date, value, item.text("note"), confidence)


def _initiatives(
    top: _Reader, outcome_by_ref: dict[str, int], kr_by_ref: dict[str, int], refs: Refs
) -> list[Initiative]:
    result: list[Initiative] = []
    taken: set[str] = set()
    last_rank: dict[Column, str | None] = dict.fromkeys(Column)
    for n, raw in enumerate(top.items("initiatives")):
        item = _Reader(raw, f"initiatives[{n}]")
        ref = item.ref("ref", taken)
        title = item.text("title", required=True, blank=False, limit=MAX_NAME).strip()
        column = item.choice("column", Column)
        outcome_ref = item.value.get("outcome")
        if outcome_ref is not None and (
            not isinstance(outcome_ref, str) or outcome_ref not in outcome_by_ref
        ):
            raise item.fail("outcome", f"{quoted(outcome_ref)} is not the ref of an outcome")
        kr_ids: list[int] = []
        for k, kr_ref in enumerate(item.items("key_results")):
            if not isinstance(kr_ref, str) or kr_ref not in kr_by_ref:
                where = f"{item.at('key_results')}[{k}]"
                raise InterchangeError(f"{where}: {quoted(kr_ref)} is not the ref of a key result.")
            if kr_by_ref[kr_ref] not in kr_ids:
                kr_ids.append(kr_by_ref[kr_ref])
        rank = ranking.key_between(last_rank[column], None)
        last_rank[column] = rank
        result.append(
            Initiative(
                id=n + 1,
                roadmap_id=0,
                title=title,
                column=column,
                rank=rank,
                description=item.text("description"),
                outcome_id=outcome_by_ref[outcome_ref] if outcome_ref is not None else None,
                hypothesis=item.text("hypothesis"),
                result=item.text("result"),
                key_result_ids=tuple(kr_ids),
            )
        )
        refs.initiative[n + 1] = ref
    order = {c: k for k, c in enumerate(Column)}
    result.sort(key=lambda i: (order[i.column], i.rank))
    return result


def to_document(snapshot: RoadmapSnapshot, refs: Refs | None = None) -> dict[str, Any]:
    """The ``roadmapper/1`` document of ``snapshot``, keys in the documented order."""
    refs = refs or assign_refs(snapshot)
    num = _json_number
    outcomes = []
    for outcome in snapshot.outcomes:
        key_results = []
        for kr in snapshot.key_results_by_outcome.get(outcome.id, ()):
            key_results.append(
                {
                    "ref": refs.key_result[kr.id],
                    "name": kr.name,
                    "unit": kr.unit,
                    "direction": kr.direction.value,
                    "baseline": num(kr.baseline),
                    "current": num(kr.current),
                    "tiers": [num(t) for t in kr.tiers],
                    "indicator": kr.indicator.value,
                    "guardrail": kr.guardrail,
                    "check_ins": [
                        {
                            "date": c.date.isoformat(),
                            "value": num(c.value),
                            "note": c.note,
                            "confidence": c.confidence,
                        }
                        for c in snapshot.check_ins_by_key_result.get(kr.id, ())
                    ],
                }
            )
        parent = refs.outcome.get(outcome.parent_id) if outcome.parent_id is not None else None
        outcomes.append(
            {
                "ref": refs.outcome[outcome.id],
                "level": outcome.level.value,
                "objective": outcome.objective,
                "parent": parent,
                "color": outcome.color,
                "key_results": key_results,
            }
        )
    initiatives = [
        {
            "ref": refs.initiative[i.id],
            "title": i.title,
            "description": i.description,
            "column": i.column.value,
            "outcome": refs.outcome[i.outcome_id] if i.outcome_id is not None else None,
            "key_results": [refs.key_result[k] for k in i.key_result_ids],
            "hypothesis": i.hypothesis,
            "result": i.result,
        }
        for i in snapshot.initiatives
    ]
    return {
        "format": FORMAT,
        "roadmap": {"name": snapshot.roadmap.name, "description": snapshot.roadmap.description},
        "outcomes": outcomes,
        "initiatives": initiatives,
    }


def dumps(document: dict[str, Any]) -> str:
    """The canonical text of a document: two-space indent, UTF-8 as is, final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _number(raw: Any, path: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise InterchangeError(f"{path}: expected a number, found {_kind(raw)}.")
    try:
        value = float(raw)
    except OverflowError:  # an int beyond 1e308, from a caller: loads refuses those earlier
        raise InterchangeError(f"{path}: the number is too large.") from None
    if not math.isfinite(value):
        raise InterchangeError(f"{path}: {quoted(raw)} is not a finite number.")
    return value


def _json_number(value: float | None) -> int | float | None:
    """Whole numbers as integers, so a file reads "baseline": 120, not 120.0."""
    if value is None:
        return None
    if value == int(value) and abs(value) < 2**53:
        return int(value)
    return value


def _kind(value: Any) -> str:
    names: dict[type, str] = {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
