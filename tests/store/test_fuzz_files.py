"""Fuzzing roadmap files: thousands of mutated files, none may end in a traceback.

A seeded mutator derives ``FILES`` files from the sample roadmap and from small
hand-made documents: flipped bytes, cut and copied spans, swapped types, absurd
numbers, deep nesting, NUL and lone surrogates, bad dates, repeated keys,
missing and extra keys, wrong refs. Every file must be refused in one sentence
(a ``RoadmapperError`` from validation, not from the database) or imported
cleanly; a refusal leaves every table as it was; the lint never raises. The
imports run on both backends, one store each for the whole batch, and a sample
goes through the real ``roadmapper`` command.
"""

from __future__ import annotations

import collections
import copy
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from roadmapper.core import interchange, sample
from roadmapper.core.errors import DatabaseError, RoadmapperError
from roadmapper.core.lint import lint
from roadmapper.store.interchange import import_file, import_snapshot, read_file
from roadmapper.store.store import Store
from tests.conftest import TODAY
from tests.store.test_interchange import table_rows

SEED = 20261122
FILES = 2_000
CLI_SAMPLE = 30
PLACEHOLDER = "@@fuzz-literal@@"


@dataclass(frozen=True)
class Mutant:
    """One mutated file: what made it, and its bytes."""

    number: int
    kinds: tuple[str, ...]
    data: bytes

    @property
    def label(self) -> str:
        return f"file {self.number} ({' + '.join(self.kinds)})"


# --- the documents mutations start from ------------------------------------------


def seed_documents() -> list[dict[str, Any]]:
    """The sample roadmap as exported, and small documents that each stress one corner."""
    snapshot, refs = interchange.parse_document(sample.sample_document(TODAY))
    exported = interchange.to_document(snapshot, refs)
    exported["roadmap"]["name"] = "Fuzzed sample"
    tiny = {"format": "roadmapper/1", "roadmap": {"name": "Tiny"}}
    linked = {
        "format": "roadmapper/1",
        "roadmap": {"name": "Linked", "description": "one of everything"},
        "outcomes": [
            {"ref": "biz", "level": "business", "objective": "Grow revenue", "parent": None},
            {
                "ref": "prod",
                "level": "product",
                "objective": "Riders book online",
                "parent": "biz",
                "color": "#009E73",
                "key_results": [
                    {
                        "ref": "share",
                        "name": "Raise the online share from 20% to 40%",
                        "unit": "%",
                        "direction": "increase",
                        "baseline": 20,
                        "current": 25.5,
                        "tiers": [30, 35, 40],
                        "indicator": "leading",
                        "guardrail": False,
                        "check_ins": [
                            {"date": "2026-09-01", "value": 22, "note": "", "confidence": 0},
                            {"date": "2026-10-01", "value": 25.5, "confidence": 10},
                        ],
                    },
                    {
                        "ref": "wait",
                        "name": "Cut the wait",
                        "direction": "decrease",
                        "baseline": None,
                        "tiers": [5, 3],
                        "indicator": "lagging",
                        "guardrail": True,
                    },
                ],
            },
        ],
        "initiatives": [
            {
                "ref": "remind",
                "title": "Reminders",
                "column": "now",
                "outcome": "prod",
                "key_results": ["share", "wait", "share"],
                "hypothesis": "We believe reminders will raise the share",
            },
            {"ref": "later", "title": "Later idea", "column": "later", "outcome": None},
            {"ref": "done", "title": "Shipped", "column": "done", "result": "It moved"},
        ],
    }
    unicode = {
        "format": "roadmapper/1",
        "roadmap": {
            "name": "Unicode \U0001f6b2 caf\u00e9",
            "description": "\u05e9\u05dc\u05d5\u05dd",
        },
        "outcomes": [
            {
                "ref": "\u00e9",
                "level": "business",
                "objective": '[{"not": "json"}] \\u0000 written out',
                "key_results": [
                    {
                        "ref": "k",
                        "name": "\ufeffGrow \u2192 more",
                        "direction": "increase",
                        "indicator": "leading",
                        "tiers": [-1e300, 0, 5e-324, 1.7976931348623157e308],
                    }
                ],
            }
        ],
        "initiatives": [
            {
                "ref": "\U0001f600",
                "title": "\t\u00a0Title\u2028two",
                "column": "next",
                "outcome": "\u00e9",
            }
        ],
    }
    return [exported, tiny, linked, unicode]


# --- mutations ---------------------------------------------------------------------

Slot = tuple[Any, Any]
"""A place in a decoded document: (its list or dict, the index or key)."""

ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 11, 1.5, -0.0, 5e-324, 1e308, -1.7976931348623157e308, 2**63,
    "", " ", "x", "now", "increase", "#12345", "#0072b2", "2026-10-05", [], {}, [1, 2],
    {"ref": "x"}, ["share"], [3, 2, 1], [1, 2, 3, 4, 5, 6],
]  # fmt: skip
ODD_KEYS = ["", "zzz", "ref", "a.b", "x y", "\u00e9", "key_results", "__proto__", "0"]
BAD_DATES = [
    "20261201", "2026-W48-2", "2026W482", "2026-336", "2026-12-01T00:00", "2026-12-01 ",
    "2026-1-5", "\uff12\uff10\uff12\uff16-12-01", "2026-13-01", "2026-02-30", "0000-01-01",
    "+2026-12-01", "", "9999-12-31", "0001-01-01", "2028-02-29",
]  # fmt: skip
BAD_CHARACTERS = ["\x00", "\ud800", "\udfff", "\udc80", "\ude00\ud83d", "\U0001f600", "\x00\ud800"]
LITERALS = [
    "9" * 5000, "-" + "9" * 4301, "9" * 400, "9" * 310, "9" * 101, "9" * 100, "1e400", "-1e400",
    "1.8e308", "1e-400", "5e-324", "1." + "0" * 200, "123456789012345678901234567890",
    "1.7976931348623157e308", "NaN", "Infinity", "-Infinity", "1E+999999999999999999", "-0",
    "01", "1.", ".5", "0x10", "+1", "1_000",
]  # fmt: skip
BYTE_NOISE = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00", b"\\u0000", b"\\ud800",
              b'"', b"[", b"{", b"}", b",", b":", b"\\", b"\n", b"null", b"1e999"]  # fmt: skip


def slots(document: Any) -> list[Slot]:
    """Every place in ``document``, found with a list rather than recursion."""
    found: list[Slot] = []
    pending = [document]
    while pending:
        node = pending.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            found.append((node, key))
            if isinstance(value, dict | list):
                pending.append(value)
    return found


def pick(rng: random.Random, document: Any, want: Callable[[Any, Any], bool]) -> Slot | None:
    chosen = [(node, key) for node, key in slots(document) if want(key, node[key])]
    return rng.choice(chosen) if chosen else None


def swap_type(rng: random.Random, doc: dict[str, Any]) -> str | None:
    slot = pick(rng, doc, lambda key, value: True)
    if slot:
        slot[0][slot[1]] = copy.deepcopy(rng.choice(ODD_VALUES))
    return None


def drop_key(rng: random.Random, doc: dict[str, Any]) -> str | None:
    slot = pick(rng, doc, lambda key, value: isinstance(key, str))
    if slot:
        del slot[0][slot[1]]
    return None


def extra_key(rng: random.Random, doc: dict[str, Any]) -> str | None:
    objects = [doc] + [n[k] for n, k in slots(doc) if isinstance(n[k], dict)]
    rng.choice(objects)[rng.choice(ODD_KEYS)] = copy.deepcopy(rng.choice(ODD_VALUES))
    return None


def wrong_ref(rng: random.Random, doc: dict[str, Any]) -> str | None:
    refs = [n[k] for n, k in slots(doc) if k == "ref" and isinstance(n[k], str)] or ["x"]
    slot = pick(
        rng,
        doc,
        lambda key, value: (
            key in ("ref", "parent", "outcome") or (isinstance(key, int) and isinstance(value, str))
        ),
    )
    if slot:
        slot[0][slot[1]] = rng.choice([*refs, "no-such-ref", "", refs[0].upper()])
    return None


def duplicate_item(rng: random.Random, doc: dict[str, Any]) -> str | None:
    lists = [n[k] for n, k in slots(doc) if isinstance(n[k], list) and n[k]]
    if lists:
        target = rng.choice(lists)
        target.insert(rng.randrange(len(target) + 1), copy.deepcopy(rng.choice(target)))
    return None


def bad_date(rng: random.Random, doc: dict[str, Any]) -> str | None:
    slot = pick(rng, doc, lambda key, value: key == "date") or pick(
        rng, doc, lambda key, value: isinstance(value, str)
    )
    if slot:
        slot[0][slot[1]] = rng.choice(BAD_DATES)
    return None


def bad_text(rng: random.Random, doc: dict[str, Any]) -> str | None:
    slot = pick(rng, doc, lambda key, value: isinstance(value, str))
    if slot:
        value = slot[0][slot[1]]
        at = rng.randrange(len(value) + 1)
        slot[0][slot[1]] = value[:at] + rng.choice(BAD_CHARACTERS) + value[at:]
    if rng.random() < 0.2:  # a key of its own with the character
        objects = [doc] + [n[k] for n, k in slots(doc) if isinstance(n[k], dict)]
        rng.choice(objects)["k" + rng.choice(BAD_CHARACTERS)] = 1
    return None


def bad_tiers(rng: random.Random, doc: dict[str, Any]) -> str | None:
    slot = pick(rng, doc, lambda key, value: key == "tiers")
    if slot:
        size = rng.randrange(8)
        slot[0][slot[1]] = [
            rng.choice([rng.uniform(-1e6, 1e6), rng.randrange(-5, 5)]) for _ in range(size)
        ]
    return None


def huge_number(rng: random.Random, doc: dict[str, Any]) -> str | None:
    slot = pick(
        rng, doc, lambda key, value: isinstance(value, int | float) and not isinstance(value, bool)
    )
    slot = slot or pick(rng, doc, lambda key, value: True)
    if slot:
        slot[0][slot[1]] = PLACEHOLDER
    return rng.choice(LITERALS)


def deep_nesting(rng: random.Random, doc: dict[str, Any]) -> str | None:
    slot = pick(rng, doc, lambda key, value: True)
    if slot:
        slot[0][slot[1]] = PLACEHOLDER
    depth = rng.choice([50, 95, 99, 100, 101, 1000, 20_000])
    if rng.random() < 0.5:
        return "[" * depth + "]" * depth
    return '{"a": ' * depth + "1" + "}" * depth


def repeated_key(rng: random.Random, doc: dict[str, Any]) -> str | None:
    objects = [doc] + [n[k] for n, k in slots(doc) if isinstance(n[k], dict) and n[k]]
    target = rng.choice(objects)
    if target:
        key = rng.choice(list(target))
        target[PLACEHOLDER] = copy.deepcopy(rng.choice([target[key], *ODD_VALUES[:6]]))
        return json.dumps(key)
    return None


STRUCTURAL: dict[str, Callable[[random.Random, dict[str, Any]], str | None]] = {
    "swap-type": swap_type,
    "drop-key": drop_key,
    "extra-key": extra_key,
    "wrong-ref": wrong_ref,
    "duplicate-item": duplicate_item,
    "bad-date": bad_date,
    "bad-text": bad_text,
    "bad-tiers": bad_tiers,
    "huge-number": huge_number,
    "deep-nesting": deep_nesting,
    "repeated-key": repeated_key,
}


def encode(rng: random.Random, doc: dict[str, Any], literal: str | None) -> bytes:
    """``doc`` as a file; a placeholder becomes ``literal``, raw, as no dict could hold it."""
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))
    if literal is not None:
        text = text.replace(json.dumps(PLACEHOLDER), literal)
    # A lone surrogate written raw (not escaped) becomes bytes no UTF-8 decoder takes.
    return text.encode("utf-8", "surrogatepass")


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def delete_span(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.randint(1, 200) :]


def duplicate_span(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    span = data[start : start + rng.randint(1, 300)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + span + data[at:]


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def insert_noise(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(BYTE_NOISE) + data[at:]


def re_encode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "surrogatepass")
    choice = rng.choice(["utf-16", "utf-32", "latin-1", "bom", "empty", "spaces"])
    if choice == "bom":
        return b"\xef\xbb\xbf" + data
    if choice == "empty":
        return b""
    if choice == "spaces":
        return b" \n\t" * rng.randint(0, 3)
    return text.encode(choice, "replace")


TEXTUAL: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip-bytes": flip_bytes,
    "delete-span": delete_span,
    "duplicate-span": duplicate_span,
    "truncate": truncate,
    "insert-noise": insert_noise,
    "re-encode": re_encode,
}


def mutant(rng: random.Random, number: int, seeds: list[dict[str, Any]]) -> Mutant:
    doc = copy.deepcopy(rng.choice(seeds))
    kinds: list[str] = []
    literal: str | None = None
    # Mostly structural mutations, which get past the JSON syntax; some bytes on top.
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        kind = rng.choice(list(STRUCTURAL))
        if literal is not None and kind in ("huge-number", "deep-nesting", "repeated-key"):
            continue  # one placeholder per file
        literal = STRUCTURAL[kind](rng, doc) or literal
        kinds.append(kind)
    data = encode(rng, doc, literal)
    if not kinds or rng.random() < 0.3:
        kind = rng.choice(list(TEXTUAL))
        data = TEXTUAL[kind](rng, data)
        kinds.append(kind)
    return Mutant(number, tuple(kinds), data)


@cache
def corpus() -> tuple[Mutant, ...]:
    """``FILES`` mutants, the same on every run and for both backends."""
    rng = random.Random(SEED)
    seeds = seed_documents()
    return tuple(mutant(rng, n, seeds) for n in range(FILES))


# --- checking one file -------------------------------------------------------------


def write(tmp_path: Path, item: Mutant) -> Path:
    path = tmp_path / f"fuzz-{item.number}.json"
    path.write_bytes(item.data)
    return path


def refusal_problem(exc: BaseException) -> str | None:
    """What is wrong with how ``exc`` refused a file, or ``None`` if it is a clean refusal."""
    if not isinstance(exc, RoadmapperError):
        return f"{exc.__class__.__name__}: {exc!r}"[:300]
    if isinstance(exc, DatabaseError):
        return f"validation let the database refuse it: {exc}"
    message = str(exc)
    if not message or "\n" in message or "\r" in message:
        return f"not one line: {message!r}"
    try:
        message.encode("utf-8")
    except UnicodeEncodeError:
        return f"cannot be printed: {message!r}"
    return None


def lint_problem(path: Path) -> str | None:
    try:
        snapshot, refs = read_file(path, strict=False)
    except Exception as exc:
        return refusal_problem(exc)
    try:
        findings = lint(snapshot, refs, today=TODAY)
        # What `roadmapper lint --json` prints, and the plain text it prints.
        json.dumps([f.to_json() for f in findings], ensure_ascii=False).encode("utf-8")
        for f in findings:
            f"{f.subject_ref} {f.message} {f.suggestion} {snapshot.roadmap.name}".encode()
    except Exception as exc:
        return f"lint raised {exc.__class__.__name__}: {exc!r}"[:300]
    return None


def failures_report(failures: list[str]) -> str:
    return f"{len(failures)} files failed; the first ones:\n" + "\n".join(failures[:15])


def test_the_corpus_is_big_and_varied() -> None:
    items = corpus()
    assert len(items) >= 2_000
    assert len({item.data for item in items}) > 0.9 * len(items)
    kinds = collections.Counter(kind for item in items for kind in item.kinds)
    assert set(kinds) == set(STRUCTURAL) | set(TEXTUAL)
    assert min(kinds.values()) >= 40, kinds


def test_the_lint_never_raises_on_a_mutated_file(tmp_path: Path) -> None:
    failures = []
    for item in corpus():
        problem = lint_problem(write(tmp_path, item))
        if problem:
            failures.append(f"{item.label}: {problem}")
    assert not failures, failures_report(failures)


def test_every_mutated_file_imports_cleanly_or_is_refused_cleanly(
    backend: str, db_url: str, tmp_path: Path
) -> None:
    """One store for the whole batch; after each refusal every table is as it was."""
    started = time.monotonic()
    store = Store.open(db_url)
    try:
        snapshot, _refs = interchange.parse_document(sample.sample_document(TODAY))
        import_snapshot(store, snapshot, "Already here")  # so a refusal has rows to spare
        state = table_rows(store)
        failures: list[str] = []
        outcomes: collections.Counter[str] = collections.Counter()
        for item in corpus():
            path = write(tmp_path, item)
            try:
                roadmap = import_file(store, path)
            except Exception as exc:
                problem = refusal_problem(exc)
                if problem is None and table_rows(store) != state:
                    problem = "a refused import changed the database"
                if problem:
                    failures.append(f"{item.label}: {problem}")
                    state = table_rows(store)
                outcomes["refused"] += 1
                continue
            outcomes["imported"] += 1
            try:
                # What was stored reads back and exports as a valid file.
                stored = store.load(roadmap.id)
                interchange.parse_text(interchange.dumps(interchange.to_document(stored)), "export")
            except Exception as exc:
                failures.append(f"{item.label}: imported, but {exc!r}"[:300])
            store.delete_roadmap(roadmap.id)
            state = table_rows(store)
            path.unlink()
    finally:
        store.close()
    elapsed = time.monotonic() - started
    print(f"\n{len(corpus())} files on {backend}: {dict(outcomes)}, {elapsed:.1f} s")
    assert not failures, failures_report(failures)
    # Both ends are exercised: the mutations are neither all fatal nor all harmless.
    assert outcomes["imported"] >= 0.1 * FILES and outcomes["refused"] >= 0.5 * FILES


# --- the real command ----------------------------------------------------------------


def cli_sample() -> list[Mutant]:
    """``CLI_SAMPLE`` files: one of each kind of mutation first, then evenly spread."""
    items = corpus()
    chosen: dict[int, Mutant] = {}
    for kind in [*STRUCTURAL, *TEXTUAL]:
        first = next(item for item in items if kind in item.kinds)
        chosen.setdefault(first.number, first)
    step = len(items) // CLI_SAMPLE
    for item in items[::step]:
        if len(chosen) >= CLI_SAMPLE:
            break
        chosen.setdefault(item.number, item)
    return sorted(chosen.values(), key=lambda item: item.number)


def roadmapper(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roadmapper", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        check=False,
        timeout=120,
    )


def command_problem(done: subprocess.CompletedProcess[str]) -> str | None:
    if done.returncode == 0:
        return None
    lines = done.stderr.splitlines()
    if done.returncode != 1 or "Traceback" in done.stderr or len(lines) != 1:
        return f"exit {done.returncode}, stderr {done.stderr[-500:]!r}"
    if not (lines[0].startswith("roadmapper: ") and lines[0].endswith(".")):
        return f"not one sentence: {lines[0]!r}"
    return None


@pytest.mark.slow
def test_the_command_refuses_in_one_line_and_exits_1(tmp_path: Path) -> None:
    """``roadmapper lint FILE`` and ``roadmapper import FILE``: a line on stderr, exit 1.

    The lints run beside the imports; the imports go one after the other into
    one database, which a refusal must leave as it was.
    """
    items = cli_sample()
    assert len(items) == CLI_SAMPLE
    db = str(tmp_path / "fuzz.db")
    store = Store.open(db)  # migrated once, so each command only opens it
    paths = [write(tmp_path, item) for item in items]
    failures: list[str] = []
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            lints = pool.map(lambda path: roadmapper("lint", str(path)), paths)
            state = table_rows(store)
            for item, path in zip(items, paths, strict=True):
                done = roadmapper("--db", db, "import", str(path))
                problem = command_problem(done)
                if problem is None and done.returncode == 1 and table_rows(store) != state:
                    problem = "a refused import changed the database"
                if problem:
                    failures.append(f"{item.label}: import: {problem}")
                state = table_rows(store)
            for item, done in zip(items, lints, strict=True):
                problem = command_problem(done)
                if problem:
                    failures.append(f"{item.label}: lint: {problem}")
    finally:
        store.close()
    assert not failures, failures_report(failures)
