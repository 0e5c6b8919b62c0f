"""Coaching lint: findings that point out weak outcomes, key results and initiatives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from roadmapper.core import lint_coach, lint_rules
from roadmapper.core.entities import Initiative, KeyResult, Outcome, Roadmap, RoadmapSnapshot
from roadmapper.core.okr import (
    MAX_KEY_RESULTS,
    MIN_KEY_RESULTS,
    STALE_AFTER_DAYS,
    format_number,
    latest_check_in,
    tier_problem,
)
from roadmapper.core.refs import Refs, assign_refs
from roadmapper.core.text import count, shorten
from roadmapper.model.enums import Column, Direction, Indicator, Level

MAX_QUOTED_CHARS = 60


class Severity(StrEnum):
    """How loudly a finding speaks: warnings are smells, infos are nudges."""

    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of coaching about one subject of a roadmap."""

    code: str
    severity: Severity
    subject_kind: str
    subject_id: int
    subject_ref: str
    message: str
    suggestion: str

    def to_json(self) -> dict[str, Any]:
        """The finding as the ``lint --json`` array item of INTERCHANGE.md, in its key order."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "subject": {"kind": self.subject_kind, "ref": self.subject_ref},
            "message": self.message,
            "suggestion": self.suggestion,
        }


def is_output_kr(name: str) -> bool:
    """Whether a key result named ``name`` measures a deliverable rather than an outcome."""
    return lint_rules.classify(name)[0]


def clip(text: str) -> str:
    """User text as a finding quotes it: one line, at most ``MAX_QUOTED_CHARS``."""
    return shorten(text, MAX_QUOTED_CHARS)


def quote(text: str) -> str:
    """User text inside curly quotes, which JSON output need not escape."""
    return f"“{clip(text)}”"


@dataclass(frozen=True, slots=True)
class _Context:
    snapshot: RoadmapSnapshot
    refs: Refs
    today: dt.date

    def key_results_of(self, outcome: Outcome) -> tuple[KeyResult, ...]:
        return self.snapshot.key_results_by_outcome.get(outcome.id, ())


_Text = tuple[str, str]
_S = TypeVar("_S")


@dataclass(frozen=True, slots=True)
class _Rule(Generic[_S]):
    code: str
    severity: Severity
    check: Callable[[_Context, _S], _Text | None]


def _outcome_label(outcome: Outcome) -> str:
    return f"{outcome.level.value} outcome {quote(outcome.objective)}"


def _move_verb(direction: Direction) -> str:
    return "reduce" if direction is Direction.DECREASE else "increase"


# --- key results -------------------------------------------------------------


def _output_kr(ctx: _Context, kr: KeyResult) -> _Text | None:
    verdict = lint_rules.judge(kr.name)
    if not verdict.is_output:
        return None
    seen = f" (‘{clip(verdict.seen)}’)" if verdict.seen else ""
    message = (
        f"Key result {quote(kr.name)} names {lint_coach.kind_words(verdict)}{seen}, "
        "rather than an outcome: a change in what people do or get."
    )
    move = _move_verb(kr.direction).capitalize()
    if kr.baseline is None:
        # DOMAIN.md: the one case where an output key result is fine.
        template = f"“{move} <metric> from <baseline> to <target>”"
        return message, (
            "An output key result is acceptable while this area is brand new and has no "
            f"baseline; switch to an outcome key result such as {template} once a baseline exists."
        )
    return message, lint_coach.rewrite(verdict, kr.name, move)


def _no_baseline(ctx: _Context, kr: KeyResult) -> _Text | None:
    if kr.baseline is not None:
        return None
    return (
        f"Key result {quote(kr.name)} has no baseline, so nobody can tell how far it has moved.",
        "Measure the metric now and record that value as the baseline before the work starts.",
    )


def _example_tiers(kr: KeyResult) -> str:
    sign = -1 if kr.direction is Direction.DECREASE else 1
    side = "below" if sign < 0 else "above"
    if kr.baseline is None or kr.baseline == 0:
        return f"10%, 20% and 30% {side} the baseline"
    steps = [format_number(round(kr.baseline * (1 + sign * step / 10), 2)) for step in (1, 2, 3)]
    return f"{', '.join(steps)} (10%, 20% and 30% {side} the baseline)"


def _no_target(ctx: _Context, kr: KeyResult) -> _Text | None:
    if kr.tiers:
        return None
    trend = "falling" if kr.direction is Direction.DECREASE else "rising"
    return (
        f"Key result {quote(kr.name)} has no target tier.",
        f"Add one to five {trend} tiers, for example {_example_tiers(kr)}; "
        "the last tier is the ultimate target.",
    )


def _tiers_not_monotonic(ctx: _Context, kr: KeyResult) -> _Text | None:
    problem = tier_problem(kr.direction, kr.tiers)
    if problem is None:
        return None
    order = "lower" if kr.direction is Direction.DECREASE else "higher"
    return (
        f"The tiers of key result {quote(kr.name)} are invalid: {problem}.",
        f"List at most five tiers from the nearest to the ultimate target, each strictly "
        f"{order} than the one before, since the key result should {kr.direction.value}.",
    )


def _stale_check_in(ctx: _Context, kr: KeyResult) -> _Text | None:
    latest = latest_check_in(ctx.snapshot.check_ins_by_key_result.get(kr.id, ()))
    if latest is None:
        return None
    age = (ctx.today - latest.date).days
    if age <= STALE_AFTER_DAYS:
        return None
    return (
        f"The last check-in of key result {quote(kr.name)} was on "
        f"{latest.date.isoformat()}, {age} days ago.",
        "Record a check-in with the current value and your confidence; checking in weekly "
        "or at each release shows which tier has been reached while there is time to react.",
    )


# --- outcomes ----------------------------------------------------------------


def _output_objective(ctx: _Context, outcome: Outcome) -> _Text | None:
    verdict = lint_coach.objective_verdict(outcome.objective)
    if verdict is None:
        return None
    return (
        f"The {_outcome_label(outcome)} is itself {lint_coach.kind_words(verdict)} "
        f"(‘{clip(verdict.seen)}’), not the change it should bring.",
        lint_coach.objective_rewrite(outcome.objective),
    )


def _kr_count(ctx: _Context, outcome: Outcome) -> _Text | None:
    n = len(ctx.key_results_of(outcome))
    if MIN_KEY_RESULTS <= n <= MAX_KEY_RESULTS:
        return None
    message = (
        f"The {_outcome_label(outcome)} has {count(n, 'key result')}, but about three is the norm."
    )
    if n < MIN_KEY_RESULTS:
        return message, (
            "Add key results until there are about three, including a guardrail that keeps "
            "the others honest."
        )
    return message, (
        "Keep the three that best show the outcome happening and move the rest to a "
        "dashboard or a later period."
    )


def _no_guardrail(ctx: _Context, outcome: Outcome) -> _Text | None:
    krs = ctx.key_results_of(outcome)
    if len(krs) < MIN_KEY_RESULTS or any(kr.guardrail for kr in krs):
        return None
    return (
        f"None of the {len(krs)} key results of the {_outcome_label(outcome)} is a guardrail.",
        "Mark or add a guardrail key result that pulls the other way, such as support "
        "tickets or churn that must not rise while the others grow.",
    )


def _lagging_only(ctx: _Context, outcome: Outcome) -> _Text | None:
    krs = ctx.key_results_of(outcome)
    if outcome.level is not Level.PRODUCT or not krs:
        return None
    if any(kr.indicator is not Indicator.LAGGING for kr in krs):
        return None
    return (
        f"Every key result of the {_outcome_label(outcome)} is lagging, so the team will "
        "learn late whether its work helps.",
        "Add a leading key result the team can move within weeks, such as weekly active "
        "use or the time to complete a task; lagging ones belong to business outcomes.",
    )


# --- initiatives -------------------------------------------------------------


def _unlinked_initiative(ctx: _Context, initiative: Initiative) -> _Text | None:
    if initiative.column is Column.DONE:
        return None
    if initiative.outcome_id in ctx.snapshot.outcome_by_id:
        return None
    return (
        f"Initiative {quote(initiative.title)} in {initiative.column.label} serves no outcome.",
        "Link it to the product outcome it should move, or question whether it belongs on "
        "the roadmap at all: work tied to no outcome is feature-factory work.",
    )


def _now_without_kr(ctx: _Context, initiative: Initiative) -> _Text | None:
    if initiative.column is not Column.NOW or initiative.key_result_ids:
        return None
    outcome = ctx.snapshot.outcome_of(initiative)
    source = f"of the {_outcome_label(outcome)} " if outcome is not None else ""
    return (
        f"Initiative {quote(initiative.title)} is in Now but names no key result it should move.",
        f"Pick the one to three key results {source}this experiment should move, so its "
        "result can be judged when it is done.",
    )


def _no_hypothesis(ctx: _Context, initiative: Initiative) -> _Text | None:
    if initiative.column is not Column.NOW or initiative.hypothesis.strip():
        return None
    targets = [
        ctx.snapshot.key_result_by_id[kr_id]
        for kr_id in initiative.key_result_ids
        if kr_id in ctx.snapshot.key_result_by_id
    ]
    # Key result names usually start with their own verb, so "move" avoids "increase Increase".
    move = f"move \u2018{clip(targets[0].name)}\u2019" if targets else "<move KR>"
    return (
        f"Initiative {quote(initiative.title)} is in Now but states no hypothesis.",
        f"Write one as “We believe {clip(initiative.title)} will {move} by <amount>”, "
        "so the team knows what result to look for.",
    )


# Tuple order is the order of codes within one subject; keep it stable.
_ROADMAP_RULES: tuple[_Rule[Roadmap], ...] = ()
_OUTCOME_RULES: tuple[_Rule[Outcome], ...] = (
    _Rule("kr-count", Severity.WARNING, _kr_count),
    _Rule("no-guardrail", Severity.INFO, _no_guardrail),
    _Rule("lagging-only", Severity.WARNING, _lagging_only),
    _Rule("output-objective", Severity.WARNING, _output_objective),
)
_KEY_RESULT_RULES: tuple[_Rule[KeyResult], ...] = (
    _Rule("output-kr", Severity.WARNING, _output_kr),
    _Rule("no-baseline", Severity.WARNING, _no_baseline),
    _Rule("no-target", Severity.WARNING, _no_target),
    _Rule("tiers-not-monotonic", Severity.WARNING, _tiers_not_monotonic),
    _Rule("stale-check-in", Severity.INFO, _stale_check_in),
)
_INITIATIVE_RULES: tuple[_Rule[Initiative], ...] = (
    _Rule("unlinked-initiative", Severity.WARNING, _unlinked_initiative),
    _Rule("now-without-kr", Severity.WARNING, _now_without_kr),
    _Rule("no-hypothesis", Severity.WARNING, _no_hypothesis),
)

CODES: tuple[str, ...] = tuple(
    rule.code
    for table in (_ROADMAP_RULES, _OUTCOME_RULES, _KEY_RESULT_RULES, _INITIATIVE_RULES)
    for rule in table
)
"""Every code this lint can report."""


def _apply(
    rules: Sequence[_Rule[_S]],
    ctx: _Context,
    subject: _S,
    *,
    kind: str,
    subject_id: int,
    ref: str,
) -> list[Finding]:
    findings = []
    for rule in rules:
        text = rule.check(ctx, subject)
        if text is not None:
            findings.append(Finding(rule.code, rule.severity, kind, subject_id, ref, *text))
    return findings


def _lint_key_result(ctx: _Context, kr: KeyResult) -> list[Finding]:
    ref = ctx.refs.key_result.get(kr.id, f"kr-{kr.id}")
    return _apply(_KEY_RESULT_RULES, ctx, kr, kind="key_result", subject_id=kr.id, ref=ref)


def lint(
    snapshot: RoadmapSnapshot, refs: Refs | None = None, today: dt.date | None = None
) -> list[Finding]:
    """Every finding for ``snapshot``, in a deterministic order.

    Roadmap findings come first, then each outcome in snapshot order followed by
    its key results, then key results whose outcome is missing from the snapshot,
    then initiatives in snapshot order. Within one subject, codes follow the
    order of the rule tables. ``refs`` defaults to ``assign_refs`` and ``today``
    to the local date.

    ``stale-check-in`` fires only on dated evidence: the newest check-in of a key
    result is more than ``STALE_AFTER_DAYS`` days before ``today``. A key result
    with no check-in at all is not reported: entities carry no creation date, so
    one written this morning and one forgotten for a quarter look the same, and
    nagging every freshly drafted OKR would teach users to ignore the lint. A
    check-in dated after ``today`` is not stale either.
    """
    ctx = _context(snapshot, refs, today)
    roadmap = snapshot.roadmap
    findings = _apply(
        _ROADMAP_RULES, ctx, roadmap, kind="roadmap", subject_id=roadmap.id, ref=roadmap.name
    )
    for outcome in snapshot.outcomes:
        findings += _lint_outcome(ctx, outcome)
    for kr in snapshot.key_results:
        if kr.outcome_id not in snapshot.outcome_by_id:
            findings += _lint_key_result(ctx, kr)
    return findings + _lint_initiatives(ctx, snapshot.initiatives)


def lint_outcome(
    snapshot: RoadmapSnapshot,
    outcome_id: int,
    refs: Refs | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """The findings ``lint`` reports for one outcome and its key results, in its order.

    Outcome and key result rules never look at cards, so this costs the same with
    10 cards or 10,000; the coaching panel asks it for the outcome it shows.
    """
    outcome = snapshot.outcome_by_id.get(outcome_id)
    if outcome is None:
        return []
    return _lint_outcome(_context(snapshot, refs, today), outcome)


def lint_initiatives(
    snapshot: RoadmapSnapshot,
    initiatives: Sequence[Initiative],
    refs: Refs | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """The findings ``lint`` reports for ``initiatives`` (their rules read only the card
    and the outcomes and key results it names), without linting the rest."""
    return _lint_initiatives(_context(snapshot, refs, today), initiatives)


def _context(snapshot: RoadmapSnapshot, refs: Refs | None, today: dt.date | None) -> _Context:
    return _Context(
        snapshot,
        assign_refs(snapshot) if refs is None else refs,
        dt.date.today() if today is None else today,
    )


def _lint_outcome(ctx: _Context, outcome: Outcome) -> list[Finding]:
    ref = ctx.refs.outcome.get(outcome.id, f"outcome-{outcome.id}")
    findings = _apply(_OUTCOME_RULES, ctx, outcome, kind="outcome", subject_id=outcome.id, ref=ref)
    for kr in ctx.key_results_of(outcome):
        findings += _lint_key_result(ctx, kr)
    return findings


def _lint_initiatives(ctx: _Context, initiatives: Sequence[Initiative]) -> list[Finding]:
    findings: list[Finding] = []
    for initiative in initiatives:
        ref = ctx.refs.initiative.get(initiative.id, f"initiative-{initiative.id}")
        findings += _apply(
            _INITIATIVE_RULES, ctx, initiative, kind="initiative", subject_id=initiative.id, ref=ref
        )
    return findings
