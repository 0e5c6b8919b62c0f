"""The limits of a roadmap file: every malformed text is one sentence naming its place.

Huge numbers, deep nesting, repeated keys, NUL and lone surrogates, dates that
are not ``YYYY-MM-DD``; and the lint, which must never raise on what parses.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmapper.core import interchange, json_text, sample
from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.errors import InterchangeError
from roadmapper.core.lint import lint
from roadmapper.core.refs import Refs

TODAY = dt.date(2026, 11, 22)
SOURCE = "plan.json"
KR = "outcomes[0].key_results[0]"


def sample_text() -> str:
    return interchange.dumps(sample.sample_document(TODAY))


def small() -> dict[str, Any]:
    """One outcome with a key result and a check-in, one initiative: every kind of text."""
    return {
        "format": "roadmapper/1",
        "roadmap": {"name": "Small", "description": "A small roadmap"},
        "outcomes": [
            {
                "ref": "grow",
                "level": "business",
                "objective": "Grow revenue",
                "parent": None,
                "color": "#0072b2",
                "key_results": [
                    {
                        "ref": "mrr",
                        "name": "Increase MRR from 10 to 20",
                        "unit": "kEUR",
                        "direction": "increase",
                        "baseline": 10,
                        "current": 12,
                        "tiers": [14, 17, 20],
                        "indicator": "lagging",
                        "check_ins": [
                            {"date": "2026-10-05", "value": 12, "note": "ok", "confidence": 6}
                        ],
                    }
                ],
            }
        ],
        "initiatives": [
            {
                "ref": "bulk",
                "title": "Bulk upload",
                "description": "CSV",
                "column": "now",
                "outcome": "grow",
                "key_results": ["mrr"],
                "hypothesis": "We believe it will raise MRR",
                "result": "",
            }
        ],
    }


def refused(text: str) -> str:
    """The one-sentence refusal of ``text``, checked to be one printable line."""
    with pytest.raises(InterchangeError) as caught:
        interchange.parse_text(text, SOURCE)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    message.encode("utf-8")  # no lone surrogate: it can be printed anywhere
    return message


def accepted(text: str) -> tuple[RoadmapSnapshot, Refs]:
    return interchange.parse_text(text, SOURCE)


def with_literal(document: dict[str, Any], path: list[Any], literal: str) -> str:
    """``document`` as text with the raw JSON ``literal`` at ``path``."""
    doc = copy.deepcopy(document)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "@@LITERAL@@"
    return json.dumps(doc).replace('"@@LITERAL@@"', literal)


# --- numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "problem"),
    [
        ("9" * 5000, "is a number 5,000 characters long; at most 100 are allowed"),
        ("-" + "9" * 4301, "is a number 4,302 characters long"),
        ("9" * 400, "is a number 400 characters long"),
        ("1." + "0" * 200, "is a number 202 characters long"),
        ("1e400", "1e400 is too large for a number"),
        ("-1e400", "-1e400 is too large for a number"),
        ("1.8e308", "1.8e308 is too large for a number"),
        ("123456789e999999999999999999", "123456789e99999999999... is too large for a number"),
    ],
)
def test_absurd_numbers_are_refused_with_their_path(literal: str, problem: str) -> None:
    message = refused(with_literal(small(), ["outcomes", 0, "key_results", 0, "baseline"], literal))
    assert message.startswith(f"{SOURCE}: {KR}.baseline: ")
    assert problem in message


def test_a_huge_number_is_refused_even_where_nothing_reads_it() -> None:
    doc = small()
    doc["initiatives"][0]["not_in_the_format"] = {"deep": ["@@LITERAL@@"]}
    text = json.dumps(doc).replace('"@@LITERAL@@"', "7" * 10_000)
    assert "initiatives[0].not_in_the_format.deep[0]: 777777777777... is a number" in refused(text)


def test_a_confidence_of_more_than_4300_digits_is_refused_before_int_sees_it() -> None:
    path = ["outcomes", 0, "key_results", 0, "check_ins", 0, "confidence"]
    message = refused(with_literal(small(), path, "1" * 4301))
    assert f"{KR}.check_ins[0].confidence: 111111111111... is a number 4,301 characters" in message


@pytest.mark.parametrize(
    "literal",
    ["1.7976931348623157e308", "-1.7976931348623157e308", "5e-324", "1e-400", "-0.0", "9" * 100],
)
def test_numbers_a_float_holds_are_kept(literal: str) -> None:
    text = with_literal(small(), ["outcomes", 0, "key_results", 0, "baseline"], literal)
    snapshot, _refs = accepted(text)
    assert snapshot.key_results[0].baseline == float(literal)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constants_are_refused(constant: str) -> None:
    text = with_literal(small(), ["outcomes", 0, "key_results", 0, "tiers", 1], constant)
    assert f"{constant} is not a number JSON allows" in refused(text)


@pytest.mark.parametrize(
    "value", [float("inf"), float("nan"), 10**400, -(10**5000)], ids=["inf", "nan", "e400", "e5000"]
)
def test_parse_document_refuses_what_a_caller_passes_that_no_float_holds(value: object) -> None:
    doc = small()
    doc["outcomes"][0]["key_results"][0]["current"] = value
    with pytest.raises(InterchangeError, match=f"^{re.escape(KR)}\\.current: ") as caught:
        interchange.parse_document(doc)
    assert "\n" not in str(caught.value)


# --- nesting --------------------------------------------------------------------


@pytest.mark.parametrize("depth", [101, 1000, 100_000])
def test_deep_nesting_is_refused_before_decoding(depth: int) -> None:
    text = with_literal(small(), ["roadmap", "extra"], "[" * depth + "]" * depth)
    # The file and "roadmap" are 2 levels: the 99th bracket is the 101st level.
    column = text.index("[") + 99
    assert refused(text) == (
        f"{SOURCE} nests lists and objects more than 100 levels deep, at line 1, column {column}."
    )


def test_the_depth_names_the_line_and_column() -> None:
    text = sample_text().replace('"description": "A', '"description": ' + '{"a": ' * 200 + '"A', 1)
    line = text[: text.index('{"a"')].count("\n") + 1
    assert f"more than 100 levels deep, at line {line}, column " in refused(text)


def test_brackets_inside_strings_do_not_count() -> None:
    doc = small()
    doc["roadmap"]["description"] = '[{"\\"' * 5000 + "]" * 3
    doc["initiatives"][0]["title"] = '[[[ \\" {{{'
    snapshot, _refs = accepted(json.dumps(doc))
    assert snapshot.roadmap.description.startswith('[{"\\"[{')


def test_nesting_up_to_the_limit_is_fine() -> None:
    # 1 for the file, 1 for "roadmap", 98 lists: exactly 100 levels.
    accepted(with_literal(small(), ["roadmap", "extra"], "[" * 98 + "]" * 98))
    refused(with_literal(small(), ["roadmap", "extra"], "[" * 99 + "]" * 99))


def test_a_recursion_error_is_one_sentence_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the scan ever allow more than the decoder can take, the refusal is still clean."""
    monkeypatch.setattr(json_text, "MAX_DEPTH", 10**9)
    text = "[" * 200_000 + "]" * 200_000
    assert refused(text) == f"{SOURCE} nests lists and objects too deeply."


# --- text: NUL and lone surrogates ---------------------------------------------

TEXTS = [
    (["roadmap", "name"], "roadmap.name"),
    (["roadmap", "description"], "roadmap.description"),
    (["outcomes", 0, "ref"], "outcomes[0].ref"),
    (["outcomes", 0, "objective"], "outcomes[0].objective"),
    (["outcomes", 0, "color"], "outcomes[0].color"),
    (["outcomes", 0, "parent"], "outcomes[0].parent"),
    (["outcomes", 0, "key_results", 0, "ref"], f"{KR}.ref"),
    (["outcomes", 0, "key_results", 0, "name"], f"{KR}.name"),
    (["outcomes", 0, "key_results", 0, "unit"], f"{KR}.unit"),
    (["outcomes", 0, "key_results", 0, "direction"], f"{KR}.direction"),
    (["outcomes", 0, "key_results", 0, "check_ins", 0, "date"], f"{KR}.check_ins[0].date"),
    (["outcomes", 0, "key_results", 0, "check_ins", 0, "note"], f"{KR}.check_ins[0].note"),
    (["initiatives", 0, "title"], "initiatives[0].title"),
    (["initiatives", 0, "description"], "initiatives[0].description"),
    (["initiatives", 0, "column"], "initiatives[0].column"),
    (["initiatives", 0, "outcome"], "initiatives[0].outcome"),
    (["initiatives", 0, "key_results", 0], "initiatives[0].key_results[0]"),
    (["initiatives", 0, "hypothesis"], "initiatives[0].hypothesis"),
    (["initiatives", 0, "result"], "initiatives[0].result"),
    (["format"], "format"),
]
BAD_CHARACTERS = [
    ("\x00", "contains a NUL character (\\u0000)"),
    ("\ud800", "contains a lone surrogate (\\ud800)"),
    ("\udfff", "contains a lone surrogate (\\udfff)"),
    ("\ude00\ud83d", "contains a lone surrogate (\\ude00)"),  # a pair in the wrong order
]


def with_text(path: list[Any], character: str) -> dict[str, Any]:
    doc = small()
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    old = target[path[-1]]
    target[path[-1]] = f"{old or ''}{character}x"
    return doc


@pytest.mark.parametrize(("path", "where"), TEXTS)
@pytest.mark.parametrize(("character", "problem"), BAD_CHARACTERS)
def test_nul_and_lone_surrogates_are_refused_in_every_text(
    path: list[Any], where: str, character: str, problem: str
) -> None:
    # ensure_ascii: the file holds the escape ("\ud800"), the only way such text gets in.
    message = refused(json.dumps(with_text(path, character), ensure_ascii=True))
    assert message.startswith(f"{SOURCE}: {where}: {problem}")


@pytest.mark.parametrize(("path", "where"), TEXTS[:-1])
def test_parse_document_itself_refuses_nul_in_the_texts_it_reads(
    path: list[Any], where: str
) -> None:
    """Documents built in code (not read by loads) get the same check, by the reader."""
    if path[-1] in ("parent", "direction", "column", "outcome", "format", 0, "date"):
        path_message = f"{where}: "  # a ref or a choice: refused as not matching, quoted safely
    else:
        path_message = f"{where}: contains a NUL character"
    with pytest.raises(InterchangeError) as caught:
        interchange.parse_document(with_text(path, "\x00\ud800"))
    message = str(caught.value)
    assert message.startswith(path_message) and "\n" not in message
    message.encode("utf-8")


def test_bad_characters_in_keys_and_ignored_values_are_refused_too() -> None:
    doc = small()
    doc["initiatives"][0]["note\ud800"] = 1
    message = refused(json.dumps(doc))
    assert message.startswith(f'{SOURCE}: initiatives[0]["note\\ud800"]: its key contains a lone')
    doc = small()
    doc["outcomes"][0]["later"] = {"list": [1, "ok", "\x00"]}
    assert refused(json.dumps(doc)).startswith(
        f"{SOURCE}: outcomes[0].later.list[2]: contains a NUL"
    )


def test_text_handed_over_with_a_raw_surrogate_is_refused_too() -> None:
    """Not from a UTF-8 file (which cannot hold one) but from a caller's own string."""
    doc = small()
    doc["roadmap"]["x"] = ["\ud800"]
    assert refused(json.dumps(doc, ensure_ascii=False)).startswith(
        f"{SOURCE}: roadmap.x[0]: contains a lone surrogate (\\ud800)"
    )


def test_the_first_bad_text_in_document_order_is_named() -> None:
    doc = small()
    doc["outcomes"][0]["objective"] = "\x00"
    doc["initiatives"][0]["title"] = "\ud800"
    doc["roadmap"]["description"] = "\ud801"
    assert refused(json.dumps(doc)).startswith(f"{SOURCE}: roadmap.description: contains a lone")


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f6b2 bike",
        "caf\u00e9",
        "\u05e9\u05dc\u05d5\u05dd",
        "\\u0000 as written",
        "\ufeff\uffff",
    ],
)
def test_real_characters_and_escaped_backslashes_are_kept(text: str) -> None:
    doc = small()
    doc["initiatives"][0]["title"] = text
    for ensure_ascii in (True, False):
        snapshot, _refs = accepted(json.dumps(doc, ensure_ascii=ensure_ascii))
        assert snapshot.initiatives[0].title == text


def test_a_refusal_quoting_a_lone_surrogate_can_be_printed() -> None:
    doc = small()
    doc["initiatives"][0]["outcome"] = "gro\udc80w"
    with pytest.raises(InterchangeError) as caught:
        interchange.parse_document(doc)
    assert str(caught.value) == (
        'initiatives[0].outcome: "gro\\udc80w" is not the ref of an outcome.'
    )


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    "date",
    [
        "20261201",
        "2026-W48-2",
        "2026W482",
        "2026-336",
        "2026-12-01T00:00",
        "2026-12-01 ",
        " 2026-12-01",
        "2026-1-05",
        "\uff12\uff10\uff12\uff16-12-01",  # full-width digits
        "\u0662\u0660\u0662\u0666-12-01",  # Arabic-Indic digits
        "2026-13-01",
        "2026-02-30",
        "0000-01-01",
        "+2026-12-01",
        "",
    ],
)
def test_dates_are_calendar_dates_only(date: str) -> None:
    doc = small()
    doc["outcomes"][0]["key_results"][0]["check_ins"][0]["date"] = date
    message = refused(json.dumps(doc, ensure_ascii=False))
    assert message.startswith(f"{SOURCE}: {KR}.check_ins[0].date: ")
    assert message.endswith('is not a date like "2026-10-05".')


@pytest.mark.parametrize("date", ["2026-12-01", "0001-01-01", "9999-12-31", "2028-02-29"])
def test_calendar_dates_are_read(date: str) -> None:
    doc = small()
    doc["outcomes"][0]["key_results"][0]["check_ins"][0]["date"] = date
    snapshot, _refs = accepted(json.dumps(doc))
    assert snapshot.check_ins[0].date == dt.date.fromisoformat(date)


# --- repeated keys ------------------------------------------------------------


def test_a_repeated_key_at_the_top_is_named() -> None:
    text = sample_text().replace(
        '"format": "roadmapper/1",', '"format": "x", "format": "roadmapper/1",'
    )
    assert refused(text) == f'{SOURCE}: the key "format" is given twice; give each key once.'


def test_a_repeated_key_deep_inside_is_named_with_its_path() -> None:
    text = json.dumps(small()).replace('"title": "Bulk upload"', '"title": "A", "title": "B"')
    assert refused(text) == (
        f'{SOURCE}: initiatives[0]: the key "title" is given twice; give each key once.'
    )
    text = json.dumps(small()).replace('"confidence": 6', '"confidence": 6, "confidence": 6')
    assert refused(text).startswith(f'{SOURCE}: {KR}.check_ins[0]: the key "confidence" is')


def test_a_repeated_key_in_an_unknown_object_is_refused() -> None:
    doc = small()
    doc["roadmap"]["x-tool"] = "@@LITERAL@@"
    text = json.dumps(doc).replace('"@@LITERAL@@"', '{"a b": 1, "a b": 2}')
    assert (
        refused(text)
        == f'{SOURCE}: roadmap["x-tool"]: the key "a b" is given twice; give each key once.'
    )


# --- the lint never raises on what parses ---------------------------------------

NUMBERS = st.one_of(
    st.none(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1.7976931348623157e308, -1.7976931348623157e308, 5e-324, 0.0, -0.0]),
)
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)
ANY = st.one_of(NUMBERS, TEXT, st.booleans(), st.lists(NUMBERS, max_size=7))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Documents of roughly the right shape with wild values anywhere."""
    doc = small()
    kr = doc["outcomes"][0]["key_results"][0]
    initiative = doc["initiatives"][0]
    for target, key in draw(
        st.lists(
            st.sampled_from(
                [(kr, k) for k in ("name", "unit", "baseline", "current", "tiers", "direction")]
                + [(kr["check_ins"][0], k) for k in ("value", "note", "confidence", "date")]
                + [(initiative, k) for k in ("title", "column", "hypothesis", "outcome")]
                + [(doc["outcomes"][0], k) for k in ("level", "objective", "color")]
            ),
            max_size=4,
        )
    ):
        target[key] = draw(ANY)
    kr["tiers"] = draw(st.lists(NUMBERS.filter(lambda n: n is not None), max_size=5))
    kr["direction"] = draw(st.sampled_from(["increase", "decrease"]))
    return doc


@settings(max_examples=300, deadline=None)
@given(documents())
def test_the_lint_never_raises_on_a_parsed_file(document: dict[str, Any]) -> None:
    try:
        snapshot, refs = interchange.parse_document(document, strict=False)
    except InterchangeError as exc:
        assert "\n" not in str(exc)
        return
    findings = lint(snapshot, refs, today=TODAY)
    json.dumps([f.to_json() for f in findings], ensure_ascii=False).encode("utf-8")
