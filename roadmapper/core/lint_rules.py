"""Word tables and ordered patterns that tell an output key result from an outcome one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Verbs that name delivering something. A key result led by one of them is an output.
DELIVERABLE_VERBS: tuple[str, ...] = (
    "launch", "ship", "release", "build", "deploy", "migrate", "implement", "publish",
    "roll out", "redesign", "create", "add", "integrate", "complete", "finish", "deliver",
    "write", "hold", "run", "host", "send", "develop", "introduce", "set up", "design",
    "rebuild", "rewrite", "refactor", "upgrade", "install", "replace", "produce", "prepare",
    "organise", "organize", "conduct", "fix", "translate", "document", "hire", "open",
    "deprecate", "sunset", "retire", "record", "draft", "present", "enable", "offer",
    "provide", "pilot", "prototype", "finalise", "finalize", "automate", "go live",
    "stand up", "spin up", "kick off", "give", "post", "interview", "train", "onboard",
)  # fmt: skip

# Verbs that "do N things"; "Hold 4 workshops" is an output even though "hold" can
# also lead an outcome ("Hold churn below 2%").
COUNT_VERBS: tuple[str, ...] = (
    "write", "hold", "run", "host", "send", "publish", "ship", "release", "launch",
    "create", "produce", "deliver", "conduct", "organise", "organize", "give", "record",
    "post", "interview", "add", "build", "complete", "finish", "present", "draft", "design",
    "implement", "integrate", "deploy", "fix", "hire", "open", "translate", "train",
)  # fmt: skip

# Verbs that name a change of a metric. A key result led by one of them is an outcome.
OUTCOME_VERBS: tuple[str, ...] = (
    "increase", "decrease", "reduce", "grow", "raise", "lower", "cut", "improve", "boost",
    "lift", "double", "triple", "halve", "drop", "shrink", "reach", "achieve", "attain",
    "hit", "exceed", "surpass", "keep", "maintain", "sustain", "stay", "retain", "convert",
    "shorten", "accelerate", "speed up", "expand", "minimise", "minimize", "maximise",
    "maximize", "limit", "cap", "bring down", "bring up", "move", "drive", "win", "gain",
)  # fmt: skip

# Phrases that start like an outcome verb but describe a move of the system.
PHRASAL_DELIVERABLES: tuple[str, ...] = (
    "cut over", "switch over", "switch to", "move to", "move onto", "move over",
    "drop support", "port to",
)  # fmt: skip

# Verbs that count people won; "Add 500 paying merchants" is an outcome, not a feature.
ACQUISITION_VERBS: tuple[str, ...] = (
    "add", "win", "gain", "acquire", "sign", "sign up", "onboard", "attract", "activate",
    "convert", "retain", "reach", "hit", "get",
)  # fmt: skip

PEOPLE_NOUNS: tuple[str, ...] = (
    "users", "customers", "merchants", "subscribers", "members", "accounts", "clients",
    "buyers", "sellers", "shoppers", "visitors", "signups", "sign ups", "trials", "leads",
    "businesses", "teams", "companies", "readers", "followers", "donors", "students",
    "patients", "players", "learners", "guests", "actives", "households",
)  # fmt: skip

# Nouns that make a leading verb a modifier: "Release cycle time", "Build success rate".
METRIC_NOUNS: tuple[str, ...] = (
    "time", "times", "rate", "rates", "frequency", "cadence", "duration", "speed",
    "latency", "velocity", "throughput", "coverage", "adoption", "conversion", "cost",
    "costs", "volume", "score", "share", "ratio",
)  # fmt: skip
METRIC_MODIFIERS: tuple[str, ...] = (
    "cycle", "lead", "success", "failure", "error", "click", "completion", "response",
)  # fmt: skip

# Words that open a metric statement without a verb: "Share of orders ...: 30% -> 45%".
METRIC_LEADS: tuple[str, ...] = (
    "share", "percentage", "percent", "proportion", "number", "count", "rate", "ratio",
    "median", "average", "mean", "time", "nps", "csat", "ces", "churn", "retention",
    "revenue", "mrr", "arr", "dau", "wau", "mau", "conversion", "adoption",
)  # fmt: skip

# Nouns of delivery: "Rollout of the new invoice templates".
DELIVERABLE_NOUNS: tuple[str, ...] = (
    "launch", "release", "rollout", "roll out", "migration", "redesign", "implementation",
    "delivery", "completion", "integration", "deployment", "publication", "rewrite",
)  # fmt: skip

# States of being delivered: "Mobile app launched in 5 markets", "Partner API live".
DONE_STATES: tuple[str, ...] = (
    "launched", "shipped", "released", "deployed", "migrated", "implemented", "published",
    "rolled out", "redesigned", "delivered", "completed", "finished", "done", "live",
    "in production", "in place", "integrated", "built", "created", "added", "available",
    "ready", "signed off", "went live", "gone live",
)  # fmt: skip

# Politeness and framing in front of the real verb; stripped before classifying.
PREFIXES: tuple[str, ...] = (
    r"kr\s*\d*\s*[:.)]", r"q[1-4]\s*[:.)]", r"\d+\s*[.)]",
    r"(?:by|in|before|during)\s+[^,:]{1,30}[,:]",
    r"(?:we|i|the team|our team)\s+(?:will|shall|should|must|would like to|want to|aim to|"
    r"plan to|intend to|need to|are going to|commit to|expect to|can)",
    r"please", r"kindly", r"let us", r"aim to", r"try to", r"plan to", r"be able to", r"to",
    r"successfully", r"finally", r"fully", r"also", r"then", r"first",
)  # fmt: skip

MAX_NAME_CHARS = 400

_NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
    "a dozen", "dozen", "a hundred",
)  # fmt: skip
_NUM = r"(?:\d+(?:[.,]\d+)*\s*[km]?\b|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b)"
_QUALIFIER = r"(?:(?:at least|over|more than|about|around|another|a further)\s+)?"
_COMPARE = (
    r"(?:(?:at least|at most|above|below|under|over|more than|less than|fewer than|within|"
    r"down|up)\s+|[<>≤≥]\s*)" + _NUM
)
# A number moving: "from 2 days to 2 hours", "30% → 45%", "below 4 hours".
_CHANGE = rf"(?:\bfrom\s+\S*?{_NUM}.*?\bto\s+\S*?{_NUM}|{_NUM}\s*%?\s*→|{_COMPARE})"


def _forms(phrase: str) -> str:
    """A regex for a verb phrase in any common inflection of its first word."""
    head, _, rest = phrase.partition(" ")
    forms = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        forms.add(head[:-1] + "ing")
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
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


def _verbs(verbs: Iterable[str]) -> str:
    return "(?:" + "|".join(_forms(v) for v in verbs) + ")"


@dataclass(frozen=True, slots=True)
class KrPattern:
    """One classifier rule: the first pattern that matches decides the verdict."""

    name: str
    pattern: re.Pattern[str]
    is_output: bool


def _rule(name: str, regex: str, is_output: bool) -> KrPattern:
    return KrPattern(name, re.compile(regex), is_output)


# Order matters: specific exceptions come before the general verb leads they refine.
KR_PATTERNS: tuple[KrPattern, ...] = (
    _rule(
        "people-won",
        rf"^{_words(ACQUISITION_VERBS)}\s+{_QUALIFIER}{_NUM}\s+(?:\S+\s+){{0,3}}?"
        rf"{_words(PEOPLE_NOUNS)}\b",
        False,
    ),
    _rule(
        "count-of-things",
        rf"^{_words(COUNT_VERBS)}\s+{_QUALIFIER}{_NUM}(?!\s*(?:%|percent))\s+[^\W\d]",
        True,
    ),
    _rule(
        "hold-a-metric",
        rf"^(?:hold|keep|maintain|sustain)\b.*?(?:{_NUM}\s*(?:%|percent)|{_COMPARE})",
        False,
    ),
    _rule("phrasal-deliverable", rf"^{_words(PHRASAL_DELIVERABLES)}\b", True),
    _rule("outcome-verb", rf"^{_verbs(OUTCOME_VERBS)}\b", False),
    _rule(
        "verb-as-metric",
        rf"^{_words(DELIVERABLE_VERBS)}\s+(?:{_words(METRIC_MODIFIERS)}\s+)?"
        rf"{_words(METRIC_NOUNS)}\b.*(?:%|{_CHANGE})",
        False,
    ),
    _rule("deliverable-verb", rf"^{_verbs(DELIVERABLE_VERBS)}\b", True),
    _rule("deliverable-noun", rf"^(?:(?:the|a|an)\s+)?{_words(DELIVERABLE_NOUNS)}\s+of\b", True),
    _rule("metric-lead", rf"^(?:(?:the|a|an)\s+)?{_words(METRIC_LEADS)}\b", False),
    _rule("percent-lead", rf"^{_NUM}\s*(?:%|percent)", False),
    _rule("metric-change", _CHANGE, False),
    _rule(
        "done-state",
        rf"\b{_words(DONE_STATES)}(?:\s+(?:by|in|before|for|across|to|on|at|within|during)\b.*)?$",
        True,
    ),
)

_PREFIX = re.compile(r"^(?:" + "|".join(PREFIXES) + r")(?:\s+|$)")
_CONTRACTIONS = (
    (re.compile(r"\blet's\b"), "let us"),
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
    """Lower-case, plain-punctuation text with framing words ("Please", "KR2:") removed."""
    text = unicodedata.normalize("NFKC", name).casefold()
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


def classify(name: str) -> tuple[bool, str | None]:
    """Whether ``name`` reads as an output, and the name of the rule that decided it."""
    # A key result is one sentence; the cap keeps the lazy patterns fast on pasted essays.
    text = normalize(name[:MAX_NAME_CHARS])
    for rule in KR_PATTERNS:
        if rule.pattern.search(text):
            return rule.is_output, rule.name
    # Unknown wording is given the benefit of the doubt: a coach should not nag wrongly.
    return False, None
