"""Decoding a roadmap file's JSON text within limits, and the quoting of values in messages.

``loads`` refuses, in one sentence, what no roadmap file holds and what would
make Python's own decoder raise something else: nesting deeper than
``MAX_DEPTH`` (checked without recursion), number literals longer than
``MAX_NUMBER_CHARS`` or too large for a float, repeated keys, and NUL or lone
surrogates in any text.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from itertools import accumulate
from typing import Any

from roadmapper.core.errors import InterchangeError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest file read: 50 MB, some twenty times the file of a 10,000-card roadmap."""
MAX_DEPTH = 100
"""How deep lists and objects may nest; the format itself needs 7 levels."""
MAX_NUMBER_CHARS = 100
"""The longest number literal: any float is written in 24 characters or fewer."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A NUL or a lone surrogate gets into decoded text only through these escapes (or a caller's
# text that already holds a surrogate): without them, nothing needs walking.
_RISKY_TEXT = re.compile(r"\\u(?:0000|[dD][89a-fA-F])|[\ud800-\udfff]")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_OR_STRING = re.compile(r'[\[\]{}]|"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def loads(text: str, source: str) -> Any:
    """Decode JSON text within the limits of a roadmap file, or say in one sentence why not.

    Refused, naming the place: syntax errors (line and column), nesting deeper
    than ``MAX_DEPTH`` (found before decoding, which would recurse), number
    literals longer than ``MAX_NUMBER_CHARS`` or too large for a float (found
    before ``int()`` sees them), a key repeated in one object, and NUL or lone
    surrogates in any text, key or value (by JSON path, e.g. ``initiatives[3].title``).
    """
    too_deep = _too_deep(text)
    if too_deep is not None:
        line, column = too_deep
        raise InterchangeError(
            f"{source} nests lists and objects more than {MAX_DEPTH} levels deep, "
            f"at line {line}, column {column}."
        )

    def refuse(name: str) -> Any:
        raise InterchangeError(f"{source}: {name} is not a number JSON allows.")

    decoder = _Decoder()
    try:
        data = json.loads(
            text,
            parse_int=decoder.integer,
            parse_float=decoder.real,
            parse_constant=refuse,
            object_pairs_hook=decoder.object,
        )
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"{source} is not valid JSON: {exc.msg.lower()} at line {exc.lineno}, "
            f"column {exc.colno}."
        ) from None
    except RecursionError:  # only when called with little stack left; the scan above is the rule
        raise InterchangeError(f"{source} nests lists and objects too deeply.") from None
    if decoder.flawed or _RISKY_TEXT.search(text):
        flaw = _first_flaw(data)
        if flaw is not None:
            raise InterchangeError(f"{source}: {flaw}.")
    return data


class _BadNumber:
    """A number literal no roadmap can hold, kept in the decoded value to be reported by path."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal

    def problem(self) -> str:
        if len(self.literal) > MAX_NUMBER_CHARS:
            return (
                f"{self.literal[:12]}... is a number {len(self.literal):,} characters long; "
                f"at most {MAX_NUMBER_CHARS} are allowed"
            )
        shown = self.literal if len(self.literal) <= 24 else self.literal[:21] + "..."
        return f"{shown} is too large for a number"


class _RepeatedKey(dict[str, Any]):
    """A decoded object in which ``key`` was given more than once."""

    def __init__(self, pairs: list[tuple[str, Any]], key: str) -> None:
        super().__init__(pairs)
        self.key = key


class _Decoder:
    """``json.loads`` hooks that mark what a roadmap file may not hold instead of failing.

    The hooks know no position, so they leave a mark and ``_first_flaw`` names its path.
    """

    def __init__(self) -> None:
        self.flawed = False

    def integer(self, literal: str) -> int | _BadNumber:
        # Checked before int(): Python refuses to convert more than 4,300 digits.
        if len(literal) > MAX_NUMBER_CHARS:
            self.flawed = True
            return _BadNumber(literal)
        return int(literal)

    def real(self, literal: str) -> float | _BadNumber:
        value = float(literal) if len(literal) <= MAX_NUMBER_CHARS else math.inf
        if not math.isfinite(value):
            self.flawed = True
            return _BadNumber(literal)
        return value

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        self.flawed = True
        counts = Counter(key for key, _value in pairs)
        return _RepeatedKey(pairs, next(key for key, _value in pairs if counts[key] > 1))


def _too_deep(text: str) -> tuple[int, int] | None:
    """Line and column where lists and objects nest deeper than ``MAX_DEPTH``, if they do.

    Counts brackets outside strings without recursing, so it is safe at any depth.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if len(brackets) <= MAX_DEPTH or max(accumulate(map(_STEP.__getitem__, brackets))) <= MAX_DEPTH:
        return None
    depth = 0
    for token in _BRACKET_OR_STRING.finditer(text):
        depth += _STEP.get(token.group(), 0)
        if depth > MAX_DEPTH:
            at = token.start()
            return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    return None  # pragma: no cover - the count above found the same brackets


def _first_flaw(data: Any) -> str | None:
    """The first mark ``_Decoder`` left, or NUL or lone surrogate, as "path: problem".

    Walks the value with a list, not recursion, in document order.
    """
    pending: list[tuple[str, Any, str | None]] = [("", data, None)]
    while pending:
        path, value, key = pending.pop()
        problem = text_problem(key) if key is not None else None
        if problem:
            return f"{path}: its key {problem}"
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                return f"{path}: {problem}" if path else problem
        elif isinstance(value, _BadNumber):
            return f"{path}: {value.problem()}" if path else value.problem()
        elif isinstance(value, dict):
            if isinstance(value, _RepeatedKey):
                repeated = f"the key {quoted(value.key)} is given twice; give each key once"
                return f"{path}: {repeated}" if path else repeated
            pending.extend((_key_path(path, k), v, k) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            pending.extend((f"{path}[{n}]", v, None) for n, v in reversed(list(enumerate(value))))
    return None


def _key_path(path: str, key: str) -> str:
    """``path.key``, or ``path["odd key"]`` for a key that is not a plain name."""
    if _NAME.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{quoted(key)}]"


def quoted(value: Any) -> str:
    """A value as a message quotes it: JSON, printable, cut to 60 characters."""
    text = escaped(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "..."


def escaped(text: str) -> str:
    """``text`` with any lone surrogate written as its ``\\udxxx`` escape, so it can be printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be text of a roadmap, or ``None`` when it can.

    A NUL is refused by PostgreSQL, and a lone surrogate (half of a UTF-16 pair,
    which JSON can write as ``"\\ud800"``) is no character at all: no file,
    database or terminal can store it.
    """
    if "\0" in value:
        return "contains a NUL character (\\u0000), which roadmap text cannot hold"
    found = _SURROGATE.search(value)
    if found:
        return (
            f"contains a lone surrogate ({escaped(found.group())}), half of a UTF-16 pair "
            "and not a character"
        )
    return None
