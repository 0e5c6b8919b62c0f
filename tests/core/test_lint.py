"""Tests of the coaching lint: the output-vs-outcome classifier and every finding code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmapper.core.entities import (
    CheckIn,
    Initiative,
    KeyResult,
    Outcome,
    Roadmap,
    RoadmapSnapshot,
)
from roadmapper.core.lint import CODES, Finding, Severity, is_output_kr, lint
from roadmapper.core.refs import Refs, assign_refs
from roadmapper.model.enums import Column, Direction, Indicator, Level

TODAY = dt.date(2026, 11, 2)
STABLE_CODES = {
    "output-kr", "no-baseline", "no-target", "kr-count", "no-guardrail", "lagging-only",
    "unlinked-initiative", "now-without-kr", "no-hypothesis", "tiers-not-monotonic",
    "stale-check-in", "output-objective",
}  # fmt: skip

# (name, expected_is_output): our own wording, about half of each kind.
KR_NAMES: list[tuple[str, bool]] = [
    # Outputs: deliverables, however they are phrased.
    ("Launch the mobile app for merchants", True),
    ("Ship v2 of the pricing editor", True),
    ("Write 10 blog posts about price management", True),
    ("Hold 4 customer workshops in Q2", True),
    ("Run 3 webinars for new merchants", True),
    ("Migrate the price service to the new cluster", True),
    ("Please roll out single sign-on to enterprise accounts", True),
    ("We'd like to publish twelve case studies this quarter", True),
    ("KR2: successfully complete the data-warehouse migration", True),
    ("Finish the onboarding redesign before the summer", True),
    ("Deliver the partner API by end of June", True),
    ("IMPLEMENT BULK CSV UPLOAD", True),
    ("By Q3, integrate with the three largest accounting packages", True),
    ("Mobile app launched in 5 markets", True),
    ("New checkout live in 100% of markets", True),
    ("Rollout of the new invoice templates to all regions", True),
    ("Let\u2019s get the partner portal live by March!", True),  # a typographic apostrophe
    ("« Redesign » the merchant dashboard…", True),
    ("Send 2 newsletters a month", True),
    ("Add dark mode to the storefront editor", True),
    ("Hold a launch event at the spring trade fair", True),
    ("Move to the new payment provider", True),
    ("Build 3 integrations (Shopify, Woo, Magento)", True),
    ("Create an onboarding checklist for new sellers", True),
    ("2 integrations shipped by June", True),
    ("→ Deploy the recommendation engine to production", True),
    ("Aim to release the iOS widget in Q1", True),
    ("Hire 3 support engineers", True),
    ("Add time tracking to invoices", True),
    ("Cut over to the new billing server", True),
    # Outcomes: metric changes, even when they mention a launch, an app or a migration.
    ("Increase weekly active users of the new app to 5,000", False),
    ("Reduce time to publish a price list from 2 days to 2 hours", False),
    ("Grow share of merchants who launched a store to 40%", False),
    ("Cut the release rollback rate from 8% to 2%", False),
    ("Hold churn at or below 2% a month", False),
    ("Keep checkout error rate under 0.5% during the migration", False),
    ("Raise trial-to-paid conversion to 12 %", False),
    ("Lower median support response time below 4 hours", False),
    ("Release cycle time under 2 days", False),
    ("Build success rate above 98%", False),
    ("Add 500 paying merchants", False),
    ("90% of new merchants complete onboarding within a day", False),
    ("40% of merchants have a store live", False),
    ("Share of orders placed through the new app: 30% → 45%", False),
    ("Migration-related support tickets down 50%", False),
    ("Increase NPS among merchants who migrated to v2 from 31 to 45", False),
    ("DOUBLE THE NUMBER OF REPEAT ORDERS FROM LAUNCHED STORES", False),
    ("We will increase the share of price lists updated weekly to 60%", False),
    ("Merchants who finish setup in one session: 60%", False),
    ("Weekly active users of the mobile app ≥ 5,000", False),
    ("Run time of the nightly import under 10 minutes", False),
    ("Reach 10k monthly active shoppers after the launch", False),
    ("Open rate of the merchant newsletter above 40%", False),
    ("Improve onboarding satisfaction (CSAT) to 4.5/5", False),
    ("Halve the number of support calls about publishing", False),
    ("Move 30% of merchants to annual plans", False),
    ("Hold 99.9% uptime for the storefront API", False),
]


def test_kr_name_table_is_big_and_balanced() -> None:
    outputs = sum(expected for _, expected in KR_NAMES)
    assert len(KR_NAMES) >= 40
    assert 0.4 <= outputs / len(KR_NAMES) <= 0.6
    assert len({name for name, _ in KR_NAMES}) == len(KR_NAMES)


@pytest.mark.parametrize(("name", "expected"), KR_NAMES, ids=[n for n, _ in KR_NAMES])
def test_is_output_kr(name: str, expected: bool) -> None:
    assert is_output_kr(name) is expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_is_output_kr_accepts_any_text(name: str) -> None:
    assert isinstance(is_output_kr(name), bool)


# --- snapshot builders ---------------------------------------------------------


def _kr(
    kr_id: int,
    outcome_id: int,
    name: str,
    *,
    direction: Direction = Direction.INCREASE,
    indicator: Indicator = Indicator.LEADING,
    baseline: float | None = 10,
    tiers: tuple[float, ...] = (20, 30, 40),
    guardrail: bool = False,
) -> KeyResult:
    return KeyResult(
        id=kr_id,
        outcome_id=outcome_id,
        name=name,
        direction=direction,
        indicator=indicator,
        baseline=baseline,
        tiers=tiers,
        guardrail=guardrail,
    )


def _check_in(check_in_id: int, kr_id: int, days_ago: int) -> CheckIn:
    return CheckIn(check_in_id, kr_id, TODAY - dt.timedelta(days=days_ago), 12.0)


def clean_snapshot() -> RoadmapSnapshot:
    """A roadmap a coach would not comment on."""
    key_results = (
        _kr(100, 10, "Increase monthly recurring revenue from merchants",
            indicator=Indicator.LAGGING, baseline=120, tiers=(130, 140, 150, 160)),
        _kr(101, 10, "Raise annual plan share to 40%", indicator=Indicator.LAGGING,
            baseline=22, tiers=(30, 35, 40)),
        _kr(102, 10, "Keep monthly merchant churn below 2%", direction=Direction.DECREASE,
            indicator=Indicator.LAGGING, baseline=2.4, tiers=(2.2, 2.0), guardrail=True),
        _kr(110, 11, "Increase weekly merchants who update prices to 60%", baseline=31,
            tiers=(40, 50, 60)),
        _kr(111, 11, "Reduce time to publish a price list from 2 days to 2 hours",
            direction=Direction.DECREASE, baseline=48, tiers=(24, 8, 2)),
        _kr(112, 11, "Hold pricing support tickets below 30 a week",
            direction=Direction.DECREASE, baseline=35, tiers=(30,), guardrail=True),
    )  # fmt: skip
    check_ins = (_check_in(1, 100, 40), *(_check_in(kr.id, kr.id, 7) for kr in key_results))
    return RoadmapSnapshot(
        roadmap=Roadmap(1, "Merchant platform 2027"),
        outcomes=(
            Outcome(10, 1, Level.BUSINESS, "Grow recurring revenue from merchants", "#1b9e77"),
            Outcome(11, 1, Level.PRODUCT, "Merchants keep price lists current", "#d95f02", 10),
        ),
        key_results=key_results,
        check_ins=tuple(sorted(check_ins, key=lambda c: (c.key_result_id, c.date, c.id))),
        initiatives=(
            Initiative(1000, 1, "Bulk CSV upload for price lists", Column.NOW, "a0",
                       outcome_id=11, key_result_ids=(110, 111),
                       hypothesis="We believe bulk upload will raise weekly updaters by 10%"),
            Initiative(1001, 1, "Price change reminders", Column.NEXT, "a0", outcome_id=11),
            Initiative(1002, 1, "Legacy export cleanup", Column.DONE, "a0"),
        ),
    )  # fmt: skip


def _replace_kr(snapshot: RoadmapSnapshot, kr_id: int, **changes: object) -> RoadmapSnapshot:
    krs = tuple(
        dataclasses.replace(kr, **changes) if kr.id == kr_id else kr  # type: ignore[arg-type]
        for kr in snapshot.key_results
    )
    return dataclasses.replace(snapshot, key_results=krs)


def _replace_outcome(
    snapshot: RoadmapSnapshot, outcome_id: int, **changes: object
) -> RoadmapSnapshot:
    outcomes = tuple(
        dataclasses.replace(o, **changes) if o.id == outcome_id else o  # type: ignore[arg-type]
        for o in snapshot.outcomes
    )
    return dataclasses.replace(snapshot, outcomes=outcomes)


def _replace_initiative(
    snapshot: RoadmapSnapshot, initiative_id: int, **changes: object
) -> RoadmapSnapshot:
    initiatives = tuple(
        dataclasses.replace(i, **changes) if i.id == initiative_id else i  # type: ignore[arg-type]
        for i in snapshot.initiatives
    )
    return dataclasses.replace(snapshot, initiatives=initiatives)


def _drop_krs(snapshot: RoadmapSnapshot, *kr_ids: int) -> RoadmapSnapshot:
    return dataclasses.replace(
        snapshot,
        key_results=tuple(k for k in snapshot.key_results if k.id not in kr_ids),
        check_ins=tuple(c for c in snapshot.check_ins if c.key_result_id not in kr_ids),
    )


def _too_many_krs(snapshot: RoadmapSnapshot) -> RoadmapSnapshot:
    extra = tuple(_kr(120 + n, 11, f"Increase merchant metric number {n} to 50") for n in range(3))
    return dataclasses.replace(snapshot, key_results=snapshot.key_results + extra)


def _stale(snapshot: RoadmapSnapshot) -> RoadmapSnapshot:
    others = tuple(c for c in snapshot.check_ins if c.key_result_id != 111)
    return dataclasses.replace(snapshot, check_ins=(*others, _check_in(50, 111, 45)))


def _all_lagging(snapshot: RoadmapSnapshot) -> RoadmapSnapshot:
    for kr_id in (110, 111, 112):
        snapshot = _replace_kr(snapshot, kr_id, indicator=Indicator.LAGGING)
    return snapshot


# (code, severity, subject kind, subject id, how to break the clean snapshot)
BREAKAGES: list[tuple[str, Severity, str, int, Callable[[RoadmapSnapshot], RoadmapSnapshot]]] = [
    ("output-kr", Severity.WARNING, "key_result", 110,
     lambda s: _replace_kr(s, 110, name="Launch price reminder emails")),
    ("no-baseline", Severity.WARNING, "key_result", 101,
     lambda s: _replace_kr(s, 101, baseline=None)),
    ("no-target", Severity.WARNING, "key_result", 101, lambda s: _replace_kr(s, 101, tiers=())),
    ("tiers-not-monotonic", Severity.WARNING, "key_result", 101,
     lambda s: _replace_kr(s, 101, tiers=(30, 25))),
    ("stale-check-in", Severity.INFO, "key_result", 111, _stale),
    ("kr-count", Severity.WARNING, "outcome", 10, lambda s: _drop_krs(s, 101, 102)),
    ("kr-count", Severity.WARNING, "outcome", 11, _too_many_krs),
    ("no-guardrail", Severity.INFO, "outcome", 10, lambda s: _replace_kr(s, 102, guardrail=False)),
    ("lagging-only", Severity.WARNING, "outcome", 11, _all_lagging),
    ("output-objective", Severity.WARNING, "outcome", 11,
     lambda s: _replace_outcome(s, 11, objective="We will launch the price list portal")),
    ("unlinked-initiative", Severity.WARNING, "initiative", 1001,
     lambda s: _replace_initiative(s, 1001, outcome_id=None)),
    ("now-without-kr", Severity.WARNING, "initiative", 1000,
     lambda s: _replace_initiative(s, 1000, key_result_ids=())),
    ("no-hypothesis", Severity.WARNING, "initiative", 1000,
     lambda s: _replace_initiative(s, 1000, hypothesis="  \n")),
]  # fmt: skip


def _ref(refs: Refs, kind: str, subject_id: int) -> str:
    return {"outcome": refs.outcome, "key_result": refs.key_result,
            "initiative": refs.initiative}[kind][subject_id]  # fmt: skip


def test_clean_snapshot_has_no_findings() -> None:
    assert lint(clean_snapshot(), today=TODAY) == []


def test_breakages_cover_every_stable_code() -> None:
    assert {code for code, *_ in BREAKAGES} == STABLE_CODES == set(CODES)


@pytest.mark.parametrize(
    ("code", "severity", "kind", "subject_id", "breakage"),
    BREAKAGES,
    ids=[f"{b[0]}-{b[3]}" for b in BREAKAGES],
)
def test_each_code_fires_alone(
    code: str,
    severity: Severity,
    kind: str,
    subject_id: int,
    breakage: Callable[[RoadmapSnapshot], RoadmapSnapshot],
) -> None:
    snapshot = breakage(clean_snapshot())
    findings = lint(snapshot, today=TODAY)
    assert [f.code for f in findings] == [code]
    (finding,) = findings
    assert finding.severity is severity
    assert (finding.subject_kind, finding.subject_id) == (kind, subject_id)
    assert finding.subject_ref == _ref(assign_refs(snapshot), kind, subject_id)
    assert finding.message and finding.suggestion


def _only(snapshot: RoadmapSnapshot, code: str) -> Finding:
    (finding,) = [f for f in lint(snapshot, today=TODAY) if f.code == code]
    return finding


def test_output_kr_suggestion_asks_so_what_when_there_is_a_baseline() -> None:
    snapshot = _replace_kr(clean_snapshot(), 111, name="Ship the new price list editor")
    finding = _only(snapshot, "output-kr")
    assert "“Ship the new price list editor”" in finding.message
    assert finding.suggestion.startswith("So what?")
    # A decreasing key result gets a decreasing template.
    assert "Reduce <metric> from <baseline> to <target>" in finding.suggestion


def test_output_kr_without_baseline_is_acceptable_until_one_exists() -> None:
    snapshot = _replace_kr(clean_snapshot(), 110, name="Hold 4 merchant workshops", baseline=None)
    findings = [f for f in lint(snapshot, today=TODAY) if f.subject_id == 110]
    assert [f.code for f in findings] == ["output-kr", "no-baseline"]
    output, no_baseline = findings
    assert "acceptable" in output.suggestion
    assert "once a baseline exists" in output.suggestion
    assert "So what?" not in output.suggestion
    assert "Increase <metric> from <baseline> to <target>" in output.suggestion
    assert output.message != no_baseline.message
    assert output.suggestion != no_baseline.suggestion


def test_tiers_not_monotonic_names_the_problem() -> None:
    snapshot = _replace_kr(clean_snapshot(), 102, tiers=(2.0, 2.2))
    finding = _only(snapshot, "tiers-not-monotonic")
    assert "2.2 follows 2" in finding.message
    assert "lower" in finding.suggestion


def test_no_target_suggests_tiers_from_the_baseline() -> None:
    finding = _only(_replace_kr(clean_snapshot(), 100, tiers=()), "no-target")
    assert "132, 144, 156" in finding.suggestion


@pytest.mark.parametrize(
    ("days_ago", "stale"), [(0, False), (30, False), (31, True), (365, True), (-3, False)]
)
def test_stale_check_in_threshold(days_ago: int, stale: bool) -> None:
    snapshot = clean_snapshot()
    others = tuple(c for c in snapshot.check_ins if c.key_result_id != 110)
    snapshot = dataclasses.replace(snapshot, check_ins=(*others, _check_in(60, 110, days_ago)))
    codes = [f.code for f in lint(snapshot, today=TODAY)]
    assert codes == (["stale-check-in"] if stale else [])
    if stale:
        date = (TODAY - dt.timedelta(days=days_ago)).isoformat()
        assert date in _only(snapshot, "stale-check-in").message


def test_stale_check_in_uses_the_newest_and_ignores_key_results_never_checked_in() -> None:
    snapshot = clean_snapshot()
    # KR 100 has a 40-day-old check-in next to a recent one: not stale.
    assert any(c.key_result_id == 100 and c.date < TODAY - dt.timedelta(30)
               for c in snapshot.check_ins)  # fmt: skip
    snapshot = dataclasses.replace(snapshot, check_ins=())
    assert lint(snapshot, today=TODAY) == []


def test_kr_count_reports_an_outcome_without_key_results() -> None:
    finding = _only(_drop_krs(clean_snapshot(), 100, 101, 102), "kr-count")
    assert "has 0 key results" in finding.message
    assert "business outcome" in finding.message


def test_unlinked_initiative_counts_a_dangling_outcome_but_not_done_work() -> None:
    snapshot = _replace_initiative(clean_snapshot(), 1001, outcome_id=99)
    assert [f.subject_id for f in lint(snapshot, today=TODAY)] == [1001]
    snapshot = _replace_initiative(clean_snapshot(), 1001, outcome_id=None, column=Column.DONE)
    assert lint(snapshot, today=TODAY) == []


def test_no_hypothesis_suggests_the_template_with_the_linked_key_result() -> None:
    finding = _only(_replace_initiative(clean_snapshot(), 1000, hypothesis=""), "no-hypothesis")
    assert finding.suggestion.startswith("Write one as “We believe Bulk CSV upload for price")
    assert "Increase weekly merchants who update prices" in finding.suggestion
    assert "by <amount>" in finding.suggestion
    bare = _replace_initiative(clean_snapshot(), 1000, hypothesis="", key_result_ids=())
    assert "<move KR>" in _only(bare, "no-hypothesis").suggestion


def test_to_json_has_the_interchange_shape() -> None:
    snapshot = _replace_kr(clean_snapshot(), 110, name="Launch price reminder emails")
    (finding,) = lint(snapshot, today=TODAY)
    data = finding.to_json()
    assert list(data) == ["code", "severity", "subject", "message", "suggestion"]
    assert list(data["subject"]) == ["kind", "ref"]
    assert data["code"] == "output-kr"
    assert data["severity"] == "warning"
    assert type(data["severity"]) is str
    assert data["subject"] == {"kind": "key_result", "ref": "launch-price-reminder-emails"}
    assert all(type(data[key]) is str for key in ("code", "message", "suggestion"))
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def messy_snapshot(kr_name: str = "Launch\nthe app") -> RoadmapSnapshot:
    """A roadmap that trips every rule, with awkward user text."""
    long_name = "Build " + "a really very long feature name " * 5
    return RoadmapSnapshot(
        roadmap=Roadmap(7, "Messy"),
        outcomes=(
            Outcome(1, 7, Level.PRODUCT, "Users\nlove it. Really!", "#000000"),
            Outcome(2, 7, Level.BUSINESS, "Ship the money machine", "#111111"),
        ),
        key_results=(
            _kr(10, 1, kr_name, indicator=Indicator.LAGGING, baseline=None, tiers=()),
            _kr(11, 1, long_name, indicator=Indicator.LAGGING, tiers=(5, 3)),
            _kr(20, 2, "Increase revenue to 2.5 mEUR"),
        ),
        check_ins=(_check_in(1, 11, 90),),
        initiatives=(
            Initiative(100, 7, "Dark mode. Again?", Column.NOW, "a0"),
            Initiative(101, 7, "Export", Column.LATER, "a1"),
        ),
    )


def test_messages_are_single_sentences() -> None:
    findings = lint(messy_snapshot(), today=TODAY)
    assert {f.code for f in findings} == STABLE_CODES
    for finding in findings:
        for text in (finding.message, finding.suggestion):
            assert "\n" not in text
        unquoted = re.sub(r"“[^”]*”", "", finding.message)
        assert finding.message.endswith(".")
        assert not re.search(r"[.!?]\s", unquoted), finding.message


def test_long_names_are_cut_with_an_ellipsis() -> None:
    finding = next(f for f in lint(messy_snapshot(), today=TODAY) if f.subject_id == 11)
    (quoted,) = re.findall(r"“([^”]*)”", finding.message)
    assert quoted.endswith("…")
    assert len(quoted) <= 60


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_any_key_result_name_gives_one_line_messages(name: str) -> None:
    for finding in lint(messy_snapshot(name), today=TODAY):
        assert "\n" not in finding.message
        assert "\r" not in finding.message


def test_order_is_roadmap_then_outcomes_with_their_key_results_then_initiatives() -> None:
    findings = lint(messy_snapshot(), today=TODAY)
    assert [(f.subject_kind, f.subject_id, f.code) for f in findings] == [
        ("outcome", 1, "no-guardrail"),
        ("outcome", 1, "lagging-only"),
        ("key_result", 10, "output-kr"),
        ("key_result", 10, "no-baseline"),
        ("key_result", 10, "no-target"),
        ("key_result", 11, "output-kr"),
        ("key_result", 11, "tiers-not-monotonic"),
        ("key_result", 11, "stale-check-in"),
        ("outcome", 2, "kr-count"),
        ("outcome", 2, "output-objective"),
        ("initiative", 100, "unlinked-initiative"),
        ("initiative", 100, "now-without-kr"),
        ("initiative", 100, "no-hypothesis"),
        ("initiative", 101, "unlinked-initiative"),
    ]
    assert lint(messy_snapshot(), today=TODAY) == findings


def test_order_follows_the_snapshot_order_of_initiatives() -> None:
    snapshot = messy_snapshot()
    flipped = dataclasses.replace(snapshot, initiatives=snapshot.initiatives[::-1])
    ids = [f.subject_id for f in lint(flipped, today=TODAY) if f.subject_kind == "initiative"]
    assert ids == [101, 100, 100, 100]


def test_given_refs_are_used_and_today_defaults_to_the_real_date() -> None:
    snapshot = dataclasses.replace(
        _replace_initiative(clean_snapshot(), 1001, outcome_id=None), check_ins=()
    )
    refs = assign_refs(snapshot)
    refs.initiative[1001] = "reminders"
    (finding,) = lint(snapshot, refs=refs)
    assert finding.subject_ref == "reminders"
    assert lint(snapshot) == lint(snapshot, today=dt.date.today())


def test_scoped_lint_is_the_whole_lint_cut_to_its_subject(sample_snapshot: RoadmapSnapshot) -> None:
    """What the coaching panel asks for one outcome or one card is what ``lint`` says of it."""
    from roadmapper.core.lint import lint_initiatives, lint_outcome

    today = dt.date(2026, 11, 20)
    refs = assign_refs(sample_snapshot)
    whole = lint(sample_snapshot, refs, today=today)
    assert whole  # the sample has findings to compare
    for outcome in sample_snapshot.outcomes:
        krs = {k.id for k in sample_snapshot.key_results if k.outcome_id == outcome.id}
        expected = [
            f
            for f in whole
            if (f.subject_kind, f.subject_id) == ("outcome", outcome.id)
            or (f.subject_kind == "key_result" and f.subject_id in krs)
        ]
        assert lint_outcome(sample_snapshot, outcome.id, refs, today=today) == expected
    cards = sample_snapshot.initiatives[::3]
    ids = {c.id for c in cards}
    expected = [f for f in whole if f.subject_kind == "initiative" and f.subject_id in ids]
    assert lint_initiatives(sample_snapshot, cards, refs, today=today) == expected
    assert lint_outcome(sample_snapshot, -1) == []
