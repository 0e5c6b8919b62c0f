"""The shared text rules: sentences, shortening, counts and the OKR sentence."""

from __future__ import annotations

import pytest

from roadmapper.core.text import count, sentence, shorten, we_will


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("an initiative needs a title.", "An initiative needs a title."),
        ("the file is locked", "The file is locked."),
        ("  really?  ", "Really?"),
        ("", ""),
        ("“x” is not a number.", "“x” is not a number."),
    ],
)
def test_sentence(raw: str, expected: str) -> None:
    assert sentence(raw) == expected


def test_shorten_keeps_short_text_and_flattens_lines() -> None:
    assert shorten("Offline\n  mode") == "Offline mode"
    assert shorten("x" * 40) == "x" * 40


def test_shorten_cuts_with_an_ellipsis_within_the_limit() -> None:
    cut = shorten("Fix phantom slots and double-booked repair windows", 20)
    assert cut == "Fix phantom slots a…"
    assert len(cut) == 20
    assert shorten("two words", 5) == "two…"  # no space before the ellipsis


def test_count() -> None:
    assert count(1, "key result") == "1 key result"
    assert count(3, "key result") == "3 key results"
    assert count(0, "outcome") == "0 outcomes"
    assert count(0, "outcome", none="no outcomes") == "no outcomes"
    assert count(2, "hypothesis", "hypotheses") == "2 hypotheses"


@pytest.mark.parametrize(
    ("objective", "sentence_start"),
    [
        ("Grow recurring revenue", "We will grow recurring revenue"),
        ("SSO for every team", "We will SSO for every team"),
        ("iOS users stay", "We will iOS users stay"),
        ("  Make\nit so ", "We will make it so"),
    ],
)
def test_we_will(objective: str, sentence_start: str) -> None:
    assert we_will(objective) == sentence_start
