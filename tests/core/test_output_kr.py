"""The "So what?" check on key results as teams write them: the labelled sets and each kind."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from roadmapper.core import interchange, lint_coach, sample
from roadmapper.core.lint_rules import KR_PATTERNS, Kind, judge
from tests.conftest import TODAY

DATA = Path(__file__).with_name("data")
OUTPUT_KINDS = {k.value for k in Kind}
OUTCOME_KINDS = {
    "behaviour", "business", "experience", "mentions-output", "capability-use", "guardrail",
}  # fmt: skip
# On the set the rules were tuned on, the targets; on the held-out set (written
# apart and never used to tune), bounds below what was measured (88.8% and 1.7%) so a
# change that makes the rules generalise worse fails here.
TUNED_RECALL, TUNED_FALSE_FLAGS = 0.90, 0.03
HELD_OUT_RECALL, HELD_OUT_FALSE_FLAGS = 0.85, 0.05


def read_set(name: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            label, kind, text = line.split("\t")
            rows.append((label, kind, text))
    return rows


def rates(rows: list[tuple[str, str, str]]) -> tuple[float, float]:
    outputs = [text for label, _kind, text in rows if label == "output"]
    outcomes = [text for label, _kind, text in rows if label == "outcome"]
    recall = sum(judge(t).is_output for t in outputs) / len(outputs)
    flagged = sum(judge(t).is_output for t in outcomes) / len(outcomes)
    return recall, flagged


def test_the_labelled_set_covers_every_kind_of_output_and_its_look_alikes() -> None:
    rows = read_set("key_results.tsv")
    assert len(rows) >= 300
    kinds = Counter((label, kind) for label, kind, _text in rows)
    assert {k for (label, k) in kinds if label == "output"} == OUTPUT_KINDS
    assert {k for (label, k) in kinds if label == "outcome"} == OUTCOME_KINDS
    assert min(kinds.values()) >= 15
    assert len({text.casefold() for _l, _k, text in rows}) == len(rows)


def test_recall_and_false_flags_on_the_tuned_set() -> None:
    recall, flagged = rates(read_set("key_results.tsv"))
    assert recall >= TUNED_RECALL and flagged <= TUNED_FALSE_FLAGS, (recall, flagged)


def test_recall_and_false_flags_on_the_held_out_set() -> None:
    rows = read_set("key_results_held_out.tsv")
    assert len(rows) >= 100
    recall, flagged = rates(rows)
    assert recall >= HELD_OUT_RECALL and flagged <= HELD_OUT_FALSE_FLAGS, (recall, flagged)


# The phrasings the issue found missed, each with the kind it should be seen as.
PHRASINGS: list[tuple[str, Kind]] = [
    ("Users can export their board as PDF", Kind.CAPABILITY),
    ("The service can handle 1 TB", Kind.CAPABILITY),
    ("Admins can force a permissions refresh", Kind.CAPABILITY),
    ("The public API is finalized and released", Kind.MILESTONE),
    ("Version 1.0 released as open source", Kind.MILESTONE),
    ("The conference is scheduled and announced", Kind.MILESTONE),
    ("Nightly builds published", Kind.MILESTONE),
    ("on track to launch in Q4", Kind.MILESTONE),
    ("Conduct 15 user interviews", Kind.ACTIVITY),
    ("Identify 20 influencers and invite them", Kind.ACTIVITY),
    ("Review 100 merge requests", Kind.ACTIVITY),
    ("Speak at 10 conferences", Kind.ACTIVITY),
    ("Secure 2 keynotes", Kind.ACTIVITY),
    ("Create 20 new web pages", Kind.ACTIVITY),
    ("Bi-weekly posts about pricing", Kind.ACTIVITY),
    ("48 features delivered", Kind.ACTIVITY),
    ("Achieve SOC 2 Type 1 compliance", Kind.COMPLIANCE),
    ("100% of managers complete the course", Kind.COMPLIANCE),
    ("Hire 10 engineers", Kind.COMPLIANCE),
    ("Final hiring at 85% of plan", Kind.COMPLIANCE),
    ("100% of releases ship on time", Kind.PROCESS),
    ("Each team completes 80% of committed work", Kind.PROCESS),
    ("Each team has documented its KPIs", Kind.PROCESS),
    ("Flaky tests fixed within a day", Kind.QUALITY),
    ("3 of 3 releases need no patch", Kind.QUALITY),
    ("Increase test coverage from 34% to 55%", Kind.QUALITY),
    ("Migrate 560 buttons to the new component", Kind.QUALITY),
    # Tense and voice of one output.
    ("Ship the bulk editor", Kind.LAUNCH),
    ("Shipped the bulk editor", Kind.LAUNCH),
    ("The bulk editor is shipped", Kind.MILESTONE),
    ("The bulk editor has been shipped", Kind.MILESTONE),
    ("The bulk editor will be shipped in May", Kind.MILESTONE),
]
OUTCOMES = [
    "At least one customer uses the new integration",
    "80% of new designs go through the new workflow",
    "Upgrades take less than 30 minutes",
    "Cut CI time by 50%",
    "Enterprise requests for help during deployment down 25%",
    "Grow paying workshops from 410 to 520",  # the sample's customers are workshops
]


@pytest.mark.parametrize(("name", "kind"), PHRASINGS, ids=[n for n, _ in PHRASINGS])
def test_outputs_as_real_teams_phrase_them(name: str, kind: Kind) -> None:
    verdict = judge(name)
    assert verdict.is_output and verdict.kind is kind, verdict
    assert verdict.rule and verdict.seen  # it says which pattern matched, and on what


@pytest.mark.parametrize("name", OUTCOMES)
def test_outcomes_that_mention_an_output_are_left_alone(name: str) -> None:
    assert not judge(name).is_output, judge(name)


def test_rules_are_named_data_and_every_output_rule_has_a_kind() -> None:
    names = [rule.name for rule in KR_PATTERNS]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", n) for n in names)
    assert {r.kind for r in KR_PATTERNS if r.is_output} == set(Kind)


@pytest.mark.parametrize(
    ("name", "says", "rewrite"),
    [
        ("Users can export any report as a PDF", "a capability",
         "the share of users who export any report as a PDF"),
        ("The public API is finalized and released", "a milestone",
         "who use the public API"),
        ("Conduct 15 discovery interviews", "an activity count",
         "“Conduct 15 discovery interviews” change"),
        ("Achieve SOC 2 Type II compliance", "a certification", "What does SOC 2"),
        ("100% of managers complete the coaching course", "a training",
         "What should managers do differently"),
        ("Hire 8 backend engineers", "a hire", "People are capacity"),
        ("100% of releases ship on the planned date", "process", "Keeping to the plan"),
        ("Increase unit test coverage from 41% to 70%", "engineering target",
         "incidents that reach customers"),
        ("Launch the partner marketplace", "an output",
         "once the partner marketplace is out"),
    ],
)  # fmt: skip
def test_each_finding_says_what_it_saw_and_rewrites_in_the_kr_s_words(
    name: str, says: str, rewrite: str
) -> None:
    verdict = judge(name)
    assert says in lint_coach.kind_words(verdict)
    suggestion = lint_coach.rewrite(verdict, name, "Increase")
    assert suggestion.startswith("So what?")
    assert rewrite in suggestion
    assert "from <baseline> to <target>" in suggestion


@pytest.mark.parametrize(
    "objective",
    ["We will launch the partner portal", "Build a new mobile app", "Migrate to Kubernetes",
     "Ship v2 of the editor"],
)  # fmt: skip
def test_an_objective_that_is_an_output_is_flagged(objective: str) -> None:
    verdict = lint_coach.objective_verdict(objective)
    assert verdict is not None and verdict.is_output
    words = " ".join(objective.split()[-2:])
    assert words in lint_coach.objective_rewrite(objective)


def test_outcome_objectives_are_left_alone() -> None:
    snapshot, _refs = interchange.parse_document(sample.sample_document(TODAY))
    for outcome in snapshot.outcomes:
        assert lint_coach.objective_verdict(outcome.objective) is None, outcome.objective
    for objective in ("Riders can book a repair online", "Merchants keep price lists current"):
        assert lint_coach.objective_verdict(objective) is None
