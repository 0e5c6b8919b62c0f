"""Ordered patterns that tell an output key result from an outcome one, and what kind.

Each rule is data: a name, a pattern over the normalised key result, and the kind
of output it recognises (``None`` for a rule that recognises an outcome). The first
rule that matches decides; specific exceptions come before the general leads they
refine. The labelled key results in ``tests/core/data/key_results.tsv`` and
``bench/bench_lint.py`` measure how well the table does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from roadmapper.core import lint_words as w

MAX_NAME_CHARS = 400


class Kind(StrEnum):
    """What sort of output a key result names (see ``lint._KIND_WORDS`` for the coaching)."""

    CAPABILITY = "capability"  # something becomes possible: "Users can export as PDF"
    MILESTONE = "milestone"  # something is finished or released: "v2 released"
    ACTIVITY = "activity"  # a count of the team's own work: "Conduct 15 interviews"
    COMPLIANCE = "compliance"  # a certificate, a training, a hire: "Achieve SOC 2"
    PROCESS = "process"  # keeping to the team's plan: "100% of releases on time"
    QUALITY = "quality"  # tests, bugs, migrations: "Test coverage from 34% to 55%"
    LAUNCH = "launch"  # a deliverable: "Launch X", "Ship 3 features"


_NUM = (
    r"(?:\d+(?:[.,]\d+)*\s*[km]?\b|\b(?:" + "|".join(re.escape(n) for n in w.NUMBER_WORDS) + r")\b)"
)
_QUALIFIER = r"(?:(?:at least|over|more than|about|around|another|a further|up to)\s+)?"
_COMPARE = (
    r"(?:(?:at least|at most|above|below|under|over|more than|less than|fewer than|within|"
    r"down|up|by)\s+|[<>≤≥]\s*)" + _NUM
)
# A number moving: "from 2 days to 2 hours", "30% → 45%", "below 4 hours".
_CHANGE = rf"(?:\bfrom\s+\S*?{_NUM}.*?\bto\s+\S*?{_NUM}|{_NUM}\s*%?\s*→|{_COMPARE})"
_PERCENT = rf"{_NUM}\s*(?:%|percent\b)"
_SOME = r"(?:[\w-]+\s+)"  # one word and its space
_QUANTITY = rf"(?:{_PERCENT}|half|a third|a quarter|two thirds|most|the majority|all|every)"


def _forms(phrase: str) -> str:
    """A regex for a verb phrase in any common inflection of its first word."""
    head, _, rest = phrase.partition(" ")
    forms = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        forms.add(head[:-1] + "ing")
    if head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
        forms.update({head[:-1] + "ies", head[:-1] + "ied"})
    if (
        len(head) >= 3
        and head[-1] not in "aeiouwxy"
        and head[-2] in "aeiou"
        and head[-3] not in "aeiou"
    ):
        # Short verbs double their last consonant: ship -> shipped, run -> running.
        forms.update({head + head[-1] + "ed", head + head[-1] + "ing"})
    alternatives = "|".join(sorted(forms, key=len, reverse=True))
    tail = r"\s+" + re.escape(rest).replace(r"\ ", r"\s+") if rest else ""
    return rf"(?:{alternatives}){tail}"


def _words(words: Iterable[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)  # the longest phrase first
    return "(?:" + "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in ordered) + ")"


def _verbs(verbs: Iterable[str]) -> str:
    return "(?:" + "|".join(_forms(v) for v in verbs) + ")"


@dataclass(frozen=True, slots=True)
class KrPattern:
    """One classifier rule: the first pattern that matches decides the verdict."""

    name: str
    pattern: re.Pattern[str]
    kind: Kind | None  # None: the rule recognises an outcome

    @property
    def is_output(self) -> bool:
        return self.kind is not None


def _rule(name: str, regex: str, kind: Kind | None) -> KrPattern:
    return KrPattern(name, re.compile(regex, re.IGNORECASE), kind)


_PEOPLE = _words(w.PEOPLE_NOUNS)
_RISE = _verbs(("rise", "grow", "fall", "drop", "double", "increase", "reach", "climb"))
_WON = _words(set(w.PEOPLE_NOUNS) - set(w.ROLE_NOUNS))  # "Onboard 4 engineers" is a hire
_DONE = _words(w.DONE_STATES)
_TAIL = r"(?:\s+(?:by|in|before|for|across|to|on|at|within|during|under|with|from|and|"
_TAIL += r"after|this|next|ahead|as|of|via|through)\b.*)?$"
_MODAL = _words(w.CAPABILITY_MODALS)

# Any verb that can lead an imperative key result: "Deliver the partner API" is no subject.
_LEAD_VERBS = _verbs(
    {
        *w.DELIVERABLE_VERBS, *w.COUNT_VERBS, *w.OUTCOME_VERBS, *w.ACQUISITION_VERBS,
        *w.HIRING_VERBS, "get", "make", "let", "have", "put", "bring", "go",
    }
)  # fmt: skip
K = Kind
# Order matters: specific exceptions come before the general verb leads they refine.
KR_PATTERNS: tuple[KrPattern, ...] = (
    # -- outcomes that would otherwise read as outputs --------------------------------
    _rule(
        "people-won",
        rf"^{_words(w.ACQUISITION_VERBS)}\s+(?:\w+\s+)?{_QUALIFIER}{_NUM}\s+{_SOME}{{0,3}}?"
        rf"{_WON}\b",
        None,
    ),
    _rule("relative-gain", rf"^\w+\s+{_PERCENT}\s+(?:more|less|fewer|higher|lower)\b", None),
    # -- compliance, certification, training, hiring ----------------------------------
    _rule(
        "training-completed",
        rf"\b(?:{_verbs(('complete', 'finish', 'attend', 'pass', 'take', 'do'))}|"
        rf"have\s+(?:completed|finished|passed|attended))\s+(?:\w+\s+){{0,4}}?"
        rf"{_words(w.TRAINING_NOUNS)}\b|\b{_words(w.TRAINING_NOUNS)}\s+"
        rf"(?:completed|finished|passed|attended|done)\b",
        K.COMPLIANCE,
    ),
    _rule(
        "certification",
        rf"\b{_words(w.COMPLIANCE_NOUNS)}\b(?!\s+(?:log|logs|trail|api)\b)|\bconforms?\s+to\b",
        K.COMPLIANCE,
    ),
    _rule(
        "hiring",
        rf"^(?!hiring\s+managers?\b){_verbs(w.HIRING_VERBS)}\s+(?:{_NUM}\s*%?\s+(?:of\s+)?|an?\s+|the\s+)?"
        rf"(?:\w+\s+){{0,3}}?{_words(w.ROLE_NOUNS)}\b|(?<!while )\bhiring\b(?!\s+managers?\b)|"
        r"\bheadcount\b|"
        rf"\b{_verbs(('grow', 'expand', 'scale', 'double'))}\s+(?:the\s+|our\s+)?"
        rf"(?:\w+\s+)?(?:team|org|organisation|organization|department|staff)\b",
        K.COMPLIANCE,
    ),
    # -- capability: something becomes possible --------------------------------------
    _rule(
        "capability",
        rf"^(?!{_QUANTITY}\s+of\b)(?:[^\d%:]{{0,60}}?\s)?{_MODAL}\s+\w+|"
        rf"^(?:the\s+)?ability\s+(?:for\s+\w+\s+)?to\b|^support\s+for\b|"
        rf"^(?:[^\d%:]{{0,50}}?\s)?(?:supports|works\s+(?:offline|on|with|in|across)|"
        rf"handles\s+{_NUM})\b",
        K.CAPABILITY,
    ),
    # -- quality of the team's own code and systems -----------------------------------
    _rule(
        "quality-target",
        rf"\b{_words(w.QUALITY_NOUNS)}\b|\b{w.OPEN_BUGS}\b|^zero\s+(?:\w+\s+){{0,3}}?"
        rf"(?:bugs|errors|warnings|failures|findings)\b|\b{_NUM}\s+of\s+{_NUM}\s+"
        rf"(?:releases|deploys|deployments|builds|sprints)\b",
        K.QUALITY,
    ),
    _rule(
        "migration",
        rf"^{_verbs(('move', 'migrate', 'port', 'switch', 'convert', 'transfer'))}\s+"
        rf"(?!{_NUM}\s*%\s+of\s+(?:\w+\s+)?{_PEOPLE})(?:[^,]*?\s)?from\s+(?!\S*\d)\w+.*?\bto\b"
        rf"|^convert\s+(?:[^,]*?\s)?to\s+(?!\S*\d)\w+|^{_verbs(('migrate', 'port'))}\s+"
        rf"(?!{_NUM}\s*%\s+of\s+(?:\w+\s+)?{_PEOPLE})",
        K.QUALITY,
    ),
    # -- process: keeping to the team's own plan ----------------------------------------
    _rule(
        "process-kept",
        rf"\b{_words(w.PROCESS_NOUNS)}\b|\b{_words(w.ON_PLAN)}\b|"
        r"\broadmap\s+(?:reviewed|shared|agreed|presented)\b",
        K.PROCESS,
    ),
    # -- activity: counts of the team's own work ---------------------------------------
    _rule(
        "produced-count",
        rf"^{_verbs(w.OUTCOME_VERBS)}\s+(?:the\s+)?(?:(?:number|count|amount|volume)\s+of\s+)?"
        rf"(?:\w+\s+){{0,2}}?{_words(w.PRODUCED_NOUNS)}\b(?!\s+(?:conversion|open|click|"
        rf"attendance|signups|sign\s+ups|views|readers|leads|requests)\b)",
        K.ACTIVITY,
    ),
    _rule(
        "count-of-things",
        rf"^{_verbs(w.COUNT_VERBS)}\s+(?:(?:at|to|with|on|in|for|up|out\s+to)\s+)?"
        rf"{_QUALIFIER}{_NUM}(?!\s*(?:%|percent))\s+[^\W\d]",
        K.ACTIVITY,
    ),
    _rule(
        "each-does-n",
        rf"^(?:each|every)\s+(?:\w+\s+){{1,2}}?{_verbs(w.COUNT_VERBS)}\s+{_QUALIFIER}{_NUM}\b",
        K.ACTIVITY,
    ),
    _rule(
        "recurring-activity",
        rf"^(?:{_words(w.FREQUENCIES)})\s+(?:\w+\s+){{0,2}}?{_words(w.PRODUCED_NOUNS)}\b",
        K.ACTIVITY,
    ),
    _rule(
        "number-of-things",
        rf"^{_QUALIFIER}{_NUM}\s+(?:new\s+)?(?:\w+\s+){{0,2}}?{_words(w.PRODUCED_NOUNS)}\b"
        rf"(?!\s+(?:{_words(w.MOVE_WORDS)}|generate|lead|bring|drive)\b)",
        K.ACTIVITY,
    ),
    _rule("rolled-out-to-share", rf"\b{_DONE}\s+(?:to|for|in)\s+{_PERCENT}\s+of\b", K.MILESTONE),
    # -- outcomes: people doing something, a metric moving ------------------------------
    _rule(
        "output-drives-metric",
        rf"^(?:[\w-]+\s+){{1,5}}?{_DONE}\b.*?\b(?:{_verbs(('drive', 'bring', 'generate'))}|"
        rf"leads?\s+to|accounts?\s+for|makes?\s+up|{_RISE})\s+.*?{_NUM}",
        None,
    ),
    _rule(
        "hold-a-metric",
        rf"^(?:hold|keep|maintain|sustain)\b.*?(?:{_PERCENT}|{_COMPARE})",
        None,
    ),
    _rule(
        "people-share",
        rf"\b(?:{_QUANTITY}|share|percentage|proportion|number)\s+of\s+(?:\w+\s+){{0,3}}?"
        rf"{_PEOPLE}\b",
        None,
    ),
    _rule(
        "people-act",
        rf"^(?!(?!hiring\s+managers?\b){_LEAD_VERBS}\s)"
        r"(?:(?:at least|more than|over|only|fewer than|almost|nearly|about)\s+)?"
        rf"(?:{_NUM}\s+|an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\s+"
        rf"(?!{_MODAL}\b|are\s+able\b|is\s+able\b|will\s+be\s+able\b)"
        rf"(?:who\s+|that\s+|using\s+|[a-z]+\s+)",
        None,
    ),
    _rule(
        "metric-moves",
        rf"^(?:the\s+)?(?:[\w-]+\s+){{0,3}}?{_words(w.OUTCOME_METRICS)}\b.*?\b"
        rf"{_words(w.MOVE_WORDS)}\b.*?{_NUM}",
        None,
    ),
    _rule(
        "takes-time",
        rf"\b(?:takes?|lasts?|needs?)\s+(?:less|fewer|under|no\s+more|at\s+most|more|over)\s+"
        rf"(?:than\s+)?(?:{_NUM}|an?|one)\b",
        None,
    ),
    # -- launches and milestones ------------------------------------------------------
    _rule("phrasal-deliverable", rf"^{_words(w.PHRASAL_DELIVERABLES)}\b", K.LAUNCH),
    _rule("outcome-verb", rf"^{_verbs(w.OUTCOME_VERBS)}\b", None),
    _rule(
        "verb-as-metric",
        rf"^{_verbs(w.DELIVERABLE_VERBS)}\s+(?:\w+\s+){{0,2}}?(?:{_words(w.METRIC_MODIFIERS)}\s+)?"
        rf"{_words(w.METRIC_NOUNS)}\b.*(?:%|{_CHANGE})",
        None,
    ),
    _rule("deliverable-verb", rf"^{_verbs(w.DELIVERABLE_VERBS)}\b", K.LAUNCH),
    _rule("on-track", r"\bon\s+track\s+(?:to|for)\b|\bstatus\s+(?:green|amber)\b", K.MILESTONE),
    _rule(
        "deliverable-noun",
        rf"^(?:(?:the|a|an)\s+)?(?:\w+\s+)?{_words(w.DELIVERABLE_NOUNS)}\s+(?:of|for|to|"
        r"programme|program)\b|^(?:phase|stage|step|part|wave|milestone)\s+\w+\s+of\b",
        K.MILESTONE,
    ),
    _rule("metric-lead", rf"^(?:(?:the|a|an)\s+)?{_words(w.METRIC_LEADS)}\b", None),
    _rule("percent-lead", rf"^{_PERCENT}", None),
    _rule("metric-change", _CHANGE, None),
    _rule(
        "done-state",
        rf"\b(?:is\s+|are\s+|be\s+|been\s+|was\s+|were\s+|gets?\s+)?{_DONE}{_TAIL}|"
        rf"\benters?\s+(?:mass\s+)?production\b",
        K.MILESTONE,
    ),
)
# Outcome rules strong enough to decide a "Label: statement" from its statement alone.
_STATEMENT_RULES = frozenset({"people-won", "people-share", "people-act", "metric-moves"})

_PREFIX = re.compile(r"^(?:" + "|".join(w.PREFIXES) + r")(?:\s+|$)", re.IGNORECASE)
_CONTRACTIONS = (
    (re.compile(r"\blet's\b", re.IGNORECASE), "let us"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'s\b"), ""),
)
_ARROW = re.compile(r"->|=>|⟶|➔|⇒")
_DROP = re.compile(r"[^\w\s%.,:<>≤≥→]|_")
_EDGE = re.compile(r"^[\W_]+|[^\w%]+$")
# Dots and commas only matter inside numbers ("1,000", "0.5").
_STRAY_PUNCT = re.compile(r"(?<!\d)[.,]|[.,](?!\d)")


def normalize(name: str) -> str:
    """Plain-punctuation text, case kept, framing words ("Please", "KR2:") removed."""
    text = unicodedata.normalize("NFKC", name)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _ARROW.sub(" → ", text)
    text = _DROP.sub(" ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _EDGE.sub("", text)
        text = _PREFIX.sub("", text, count=1)
    text = _STRAY_PUNCT.sub(" ", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the table says of one key result: output or not, which rule, what it saw."""

    is_output: bool
    rule: str | None  # None: no rule matched (an outcome, given the benefit of the doubt)
    kind: Kind | None
    seen: str  # the words the rule matched, as written (trimmed), or ""
    text: str  # the key result, normalised


def _first(text: str) -> Verdict | None:
    for rule in KR_PATTERNS:
        found = rule.pattern.search(text)
        if found:
            seen = " ".join(found.group(0).split())
            return Verdict(rule.is_output, rule.name, rule.kind, seen, text)
    return None


def judge(name: str) -> Verdict:
    """The verdict of the rule table on a key result named ``name``."""
    # A key result is one sentence; the cap keeps the lazy patterns fast on pasted essays.
    text = normalize(name[:MAX_NAME_CHARS])
    head, colon, statement = text.partition(":")
    if colon and statement.strip() and len(head.split()) <= 4:
        # "Build a habit: 30% of members log a workout": the statement says what changes.
        found = _first(statement.strip())
        if found is not None and found.rule in _STATEMENT_RULES:
            return found
    found = _first(text.replace(":", " "))
    # Unknown wording is given the benefit of the doubt: a coach should not nag wrongly.
    return found or Verdict(False, None, None, "", text)


def classify(name: str) -> tuple[bool, str | None]:
    """Whether ``name`` reads as an output, and the name of the rule that decided it."""
    verdict = judge(name)
    return verdict.is_output, verdict.rule
