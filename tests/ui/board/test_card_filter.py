"""The board's filter keeps texts and answers: what it finds must always be what a fresh
look at every card finds, through typing, Backspace, edits, renamed outcomes and undo."""

from __future__ import annotations

import dataclasses

from roadmapper.core.entities import Initiative
from roadmapper.core.records import InitiativeFields, OutcomeFields
from roadmapper.ui.board.card_filter import CardFilter
from roadmapper.ui.editing.editor import Editor


def fresh(editor: Editor, needle: str) -> frozenset[int]:
    """Every card that holds ``needle``, read afresh, with nothing kept."""
    snapshot = editor.document.snapshot
    found = set()
    for card in editor.document.all_cards():
        outcome = snapshot.outcome_of(card)
        objective = outcome.objective if outcome else ""
        text = " ".join((card.title, card.description, card.hypothesis, objective))
        if needle in text.casefold():
            found.add(card.id)
    return frozenset(found)


def a_card_with_outcome(editor: Editor) -> Initiative:
    return next(c for c in editor.document.all_cards() if c.outcome_id is not None)


def test_typing_and_backspace_find_what_a_fresh_look_finds(editor: Editor) -> None:
    card_filter = CardFilter(editor.document)
    word = a_card_with_outcome(editor).title.split()[0].casefold()
    typed = [word[:n] for n in range(1, len(word) + 1)]
    for needle in [*typed, *reversed(typed), "zzz-nothing", "e", "en", "e"]:
        ids, matches = card_filter.matching(needle)
        assert ids == fresh(editor, needle), needle
        assert {c.id for c in editor.document.all_cards() if matches(c)} == ids


def test_an_edited_card_is_read_anew(editor: Editor) -> None:
    card_filter = CardFilter(editor.document)
    card = a_card_with_outcome(editor)
    assert card.id not in card_filter.matching("quokka")[0]
    assert card_filter.matching("q")[0] == fresh(editor, "q")  # kept for narrowing
    fields = dataclasses.replace(InitiativeFields.of(card), title="Quokka survey")
    assert editor.edit(card.id, fields)
    assert card.id in card_filter.matching("quokka")[0]
    assert card_filter.matching("q")[0] == fresh(editor, "q")
    editor.undo()
    assert card.id not in card_filter.matching("quokka")[0]


def test_a_renamed_outcome_changes_what_its_cards_match(editor: Editor) -> None:
    card_filter = CardFilter(editor.document)
    card = a_card_with_outcome(editor)
    outcome = editor.document.snapshot.outcome_by_id[card.outcome_id]
    assert card.id not in card_filter.matching("wombat")[0]
    fields = dataclasses.replace(OutcomeFields.of(outcome), objective="Wombat retention")
    assert editor.edit_outcome(outcome.id, fields)
    assert card_filter.matching("wombat")[0] == fresh(editor, "wombat")
    assert card.id in card_filter.matching("wombat")[0]


def test_a_new_roadmap_forgets_everything(editor: Editor) -> None:
    card_filter = CardFilter(editor.document)
    before = card_filter.matching("a")[0]
    assert before == fresh(editor, "a")
    editor.document.load(editor.document.roadmap_id)  # read again, as after a switch
    assert card_filter.matching("a")[0] == fresh(editor, "a")


def test_only_the_answers_used_last_are_kept(editor: Editor) -> None:
    """Each answer can hold most of a large roadmap's ids: a few are kept, the oldest go."""
    from roadmapper.ui.board import card_filter as module

    card_filter = CardFilter(editor.document)
    words = list("abcdefghijklmnopqrstuvwxyz")
    first = words[0]
    for word in words[: module.KEPT_ANSWERS]:
        card_filter.matching(word)
    card_filter.matching(first)  # used again: now the newest
    for word in words[module.KEPT_ANSWERS :]:
        card_filter.matching(word)
    kept = list(card_filter._answers)
    assert len(kept) == module.KEPT_ANSWERS and kept[-1] == words[-1]
    assert first not in kept  # pushed out by the words typed after it
    card_filter.matching(words[-2])
    assert list(card_filter._answers)[-1] == words[-2]
    for word in words:
        assert card_filter.matching(word)[0] == fresh(editor, word)
