"""What the "So what?" check says: the kind of output it saw, and a rewrite in the KR's words.

``lint_rules.judge`` says whether a key result (or an objective) names an output
and which rule saw it; this module turns that verdict into the finding's two
sentences: the message names the kind of output in a PM's words and quotes what
gave it away, the suggestion asks "so what?" and proposes an outcome key result
built from the key result's own words.
"""

from __future__ import annotations

import re

from roadmapper.core import lint_words as w
from roadmapper.core.lint_rules import Kind, Verdict, judge
from roadmapper.core.text import shorten

MAX_PART_CHARS = 48  # a phrase of the key result quoted inside the rewrite

# What the message calls each kind: "names <this>".
_KIND_WORDS: dict[Kind, str] = {
    Kind.CAPABILITY: "a capability, something that becomes possible",
    Kind.MILESTONE: "a milestone, something finished, approved or released",
    Kind.ACTIVITY: "an activity count, work the team does",
    Kind.COMPLIANCE: "a compliance step, something granted or completed",
    Kind.PROCESS: "the team's own process, how it keeps to its plan",
    Kind.QUALITY: "an engineering target for the team's own code or systems",
    Kind.LAUNCH: "an output, something the team delivers",
}
_RULE_WORDS: dict[str, str] = {  # finer words for some rules of a kind
    "hiring": "a hire, capacity for the team",
    "training-completed": "a training completed",
    "certification": "a certification or audit passed",
    "migration": "a migration of the team's own systems",
}

_MODAL = re.compile(
    r"\b(?:can now|can|could|(?:are|is|will be|are now) able to|be able to)\b", re.IGNORECASE
)
_SUPPORTS = re.compile(r"\b(?:supports|works|handles)\b", re.IGNORECASE)
_DONE = re.compile(
    r"\s+(?:(?:is|are|has been|have been|will be|to be|was|were|gets?)\s+)?(?:"
    + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in w.DONE_STATES)
    + r")\b",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^[\W_]*(?:kr\s*\d*\s*[:.)]\s*|please\s+|we\s+will\s+|we'll\s+)*", re.I)
_QUANTITY = re.compile(r"^(?:\d+\s*%|all|every|each|half|most)\s+(?:of\s+)?(?:the\s+)?", re.I)


# What a counted activity is for, by what it counts: the rewrite of an activity count.
_EFFECTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("posts", "articles", "newsletters", "videos", "episodes", "podcasts", "webinars",
      "talks", "conferences", "keynotes", "pages", "case studies", "tutorials", "guides",
      "campaigns", "events", "meetups"),
     "Raise the sign-ups that come from the {things} from <baseline> to <target>"),
    (("calls", "demos", "visits", "meetings", "prospects", "emails", "outreach"),
     "Raise the deals that start from the {things} from <baseline> to <target>"),
    (("interviews", "sessions", "workshops", "surveys", "experiments", "tests"),
     "Raise the share of roadmap bets backed by what the {things} found from <baseline> "
     "to <target>"),
    (("requests", "issues", "bugs", "tickets", "comments", "reviews"),
     "Reduce the time people wait for an answer from <baseline> to <target>"),
)  # fmt: skip
_COUNTED = re.compile(
    r"\b\d[\d,.]*\s+(?:[\w-]+\s+){0,3}?(?:"
    + "|".join(re.escape(n) for group, _e in _EFFECTS for n in group)
    + r")\b",
    re.IGNORECASE,
)


def kind_words(verdict: Verdict) -> str:
    """The kind of output a verdict saw, as the message says it."""
    if verdict.rule in _RULE_WORDS:
        return _RULE_WORDS[verdict.rule]
    return _KIND_WORDS[verdict.kind or Kind.LAUNCH]


def _plain(name: str) -> str:
    """The key result as written, on one line, without "KR1:" or a full stop."""
    text = " ".join(name.split())
    text = _LEAD.sub("", text)
    return text.rstrip(" .!;")


def _part(text: str) -> str:
    return shorten(text.strip(" ,;:"), MAX_PART_CHARS)


def _lower_first(text: str) -> str:
    """``Users`` -> ``users``, ``SSO`` stays: only a capital followed by lower case drops."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _be(thing: str) -> str:
    """ "is" or "are" for ``thing``, by its last word: "nightly builds are"."""
    last = thing.split()[-1] if thing.split() else ""
    return "are" if last.endswith("s") and not last.endswith("ss") else "is"


def _after_verb(text: str) -> str:
    """What an imperative acts on: "Launch the partner portal" -> "the partner portal"."""
    _verb, _, rest = text.partition(" ")
    return rest


def rewrite(verdict: Verdict, name: str, move: str) -> str:
    """The suggestion: "so what?" in the key result's own words, then an outcome to measure.

    ``move`` is "Increase" or "Reduce", the key result's direction.
    """
    text = _plain(name)
    target = f"{move} <metric> from <baseline> to <target>"
    kind, rule = verdict.kind, verdict.rule
    if kind is Kind.CAPABILITY:
        found = _MODAL.search(text) or _SUPPORTS.search(text)
        if found is not None and found.start() > 0:
            who = _lower_first(_part(text[: found.start()]))
            able = text[found.end() :] if _MODAL.search(text) else text[found.start() :]
            able = _part(able)
            if _MODAL.search(text):
                return (
                    f"So what? What changes when {who} can {able}? Measure that, for "
                    f"example: “Raise the share of {who} who {able} from <baseline> to "
                    "<target>”."
                )
            return (
                f"So what? What changes for the people who rely on {who} now that it {able}? "
                f"Measure that, for example: “{target}”, where the metric is what they do."
            )
    if kind is Kind.MILESTONE:
        found = _DONE.search(text)
        thing = _lower_first(_part(text[: found.start()])) if found and found.start() else ""
        if thing:
            return (
                f"So what? Once {thing} {_be(thing)} done, what should change, and for whom? "
                f"Measure that, for example: “Raise the share of <people> who use {thing} "
                "from <baseline> to <target>”."
            )
        return f"So what? Ask what should change once it is done, and measure that: “{target}”."
    if kind is Kind.ACTIVITY:
        effect = _effect_of(verdict.text)
        return (
            f"So what? What should “{_part(text)}” change, and for whom? Count the effect, "
            f"not the effort, for example: “{effect}”."
            if effect
            else f"So what? What should “{_part(text)}” change, and for whom? Count the "
            f"effect, not the effort, for example: “{target}”, where the metric is what "
            "those people then do."
        )
    if rule == "hiring":
        return (
            "So what? People are capacity, not the result. Say what the team will achieve "
            f"with them, for example: “{target}” for what they will work on."
        )
    if rule == "training-completed":
        who = _lower_first(_part(_QUANTITY.sub("", text).split(" complete")[0]))
        return (
            f"So what? What should {who} do differently afterwards? Measure that, for "
            f"example: “Raise the share of {who} who <apply what they learned> from "
            "<baseline> to <target>”."
        )
    if kind is Kind.COMPLIANCE:
        return (
            f"So what? What does {_part(verdict.seen or text)} unlock? Measure that, for "
            "example: “Reduce deals stalled in security review from <baseline> to <target>”, "
            "or the customers it lets you serve."
        )
    if kind is Kind.PROCESS:
        return (
            "So what? Keeping to the plan is how the team works, not what it achieves. Name "
            f"the change the plan is for, for example: “{target}” for the people it serves."
        )
    if kind is Kind.QUALITY:
        return (
            "So what? Quality work matters for what users feel. Measure that, for example: "
            "“Reduce incidents that reach customers from <baseline> to <target>” or "
            f"“{target}” for the time or errors users meet."
        )
    thing = _part(_after_verb(text)) if verdict.rule == "deliverable-verb" else ""
    if thing:
        return (
            f"So what? Ask what changes for users once {thing} is out, and measure that: "
            f"“{target}”, for example the share of <people> who use {thing}."
        )
    return f"So what? Ask what changes for users once it is done, and measure that: “{target}”."


def _effect_of(text: str) -> str:
    """An outcome the counted activity should bring, named after what it counts."""
    found = _COUNTED.search(text)
    if found is None:
        return ""
    things = found.group(0).lower()
    for nouns, effect in _EFFECTS:
        if any(things.endswith(n) for n in nouns):
            return effect.format(things=things)
    return ""


def objective_verdict(objective: str) -> Verdict | None:
    """An output verdict for an objective that is itself an output ("Launch the portal")."""
    verdict = judge(objective)
    if not verdict.is_output or verdict.kind in (Kind.CAPABILITY, Kind.PROCESS):
        # "Riders can book online" states a wish for what is possible: an aim, not a task.
        return None
    return verdict


def objective_rewrite(objective: str) -> str:
    """The suggestion for an output objective: the change it should bring, in its words."""
    text = _plain(objective)
    thing = _part(_after_verb(text)) if " " in text else text
    return (
        f"Ask why {thing} matters: write the objective as the change it should bring, "
        "for example “<who> <do what differently>”, and keep the work itself as an "
        "initiative on the board."
    )
