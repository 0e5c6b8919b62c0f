"""The why chain: output, key results, product and business outcome, and what is missing."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from roadmapper.core.entities import Initiative
from roadmapper.core.records import InitiativeFields, OutcomeFields
from roadmapper.model.enums import Column, Level
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.why_chain import NO_BUSINESS, NO_KEY_RESULT, NO_OUTCOME, WhyChain
from tests.ui.conftest import shown


@pytest.fixture
def chain(editor: Editor, qtbot) -> WhyChain:
    widget = WhyChain(editor)
    qtbot.addWidget(widget)
    widget.resize(400, 400)
    widget.show()
    return widget


def linked_now_card(editor: Editor) -> Initiative:
    """A Now card with key results whose product outcome drives a business outcome."""
    doc = editor.document
    for card_id in doc.column_ids(Column.NOW):
        card = doc.card(card_id)
        outcome = doc.snapshot.outcome_by_id.get(card.outcome_id or -1)
        if card.key_result_ids and outcome is not None and outcome.parent_id is not None:
            return card
    raise AssertionError("the sample has a fully linked Now card")


def fields_of(card: Initiative, **changes: object) -> InitiativeFields:
    c = card
    fields = InitiativeFields(
        c.title, c.description, c.outcome_id, c.hypothesis, c.result, c.key_result_ids
    )
    return dataclasses.replace(fields, **changes)


def texts(chain: WhyChain) -> list[str]:
    return [b.full_text for b in chain.links]


def test_nothing_selected_shows_the_hint(chain: WhyChain) -> None:
    assert chain.links == []
    assert chain.hint.isVisible()
    assert chain.hint.text() == "Select a card to see why it is on the roadmap"


def test_a_linked_card_shows_the_whole_chain_in_order(
    editor: Editor, chain: WhyChain, qtbot
) -> None:
    card = linked_now_card(editor)
    snapshot = editor.document.snapshot
    product = snapshot.outcome_by_id[card.outcome_id or -1]
    business = snapshot.outcome_by_id[product.parent_id or -1]
    krs = [snapshot.key_result_by_id[k] for k in card.key_result_ids]
    chain.show_card(card.id)
    names = [k.name for k in krs]
    assert texts(chain) == [card.title, *names, product.objective, business.objective]
    assert not chain.hint.isVisible()
    assert all(b.isVisible() and not b.missing for b in chain.links)
    # Top to bottom on screen as well.
    ys = [b.mapTo(chain, b.rect().topLeft()).y() for b in chain.links]
    assert ys == sorted(ys)

    buttons = chain.links
    with qtbot.waitSignal(chain.key_result_clicked, check_params_cb=lambda i: i == krs[0].id):
        qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(chain.outcome_clicked, check_params_cb=lambda i: i == product.id):
        qtbot.mouseClick(buttons[-2], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(chain.outcome_clicked, check_params_cb=lambda i: i == business.id):
        qtbot.mouseClick(buttons[-1], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(chain.edit_card_requested, check_params_cb=lambda i: i == card.id):
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


def test_an_unlinked_card_asks_for_its_missing_links(
    editor: Editor, chain: WhyChain, qtbot
) -> None:
    card = next(c for c in editor.document.all_cards() if c.outcome_id is None)
    chain.show_card(card.id)
    assert texts(chain) == [card.title, NO_KEY_RESULT, NO_OUTCOME]
    assert [b.missing for b in chain.links] == [False, True, True]
    for button in chain.links[1:]:
        with qtbot.waitSignal(chain.edit_card_requested, check_params_cb=lambda i: i == card.id):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_product_outcome_without_parent_asks_for_one(
    editor: Editor, chain: WhyChain, qtbot
) -> None:
    card = linked_now_card(editor)
    product = editor.document.snapshot.outcome_by_id[card.outcome_id or -1]
    assert product.level is Level.PRODUCT
    fields = dataclasses.replace(OutcomeFields.of(product), parent_id=None)
    chain.show_card(card.id)
    assert editor.edit_outcome(product.id, fields)
    # The chain follows the outcome edit by itself.
    assert texts(chain)[-2:] == [product.objective, NO_BUSINESS]
    with qtbot.waitSignal(chain.outcome_clicked, check_params_cb=lambda i: i == product.id):
        qtbot.mouseClick(chain.links[-1], Qt.MouseButton.LeftButton)
    editor.undo()
    assert NO_BUSINESS not in texts(chain)


def test_the_chain_follows_card_edits_and_removal(editor: Editor, chain: WhyChain) -> None:
    card = linked_now_card(editor)
    chain.show_card(card.id)
    assert editor.edit(card.id, fields_of(card, key_result_ids=()))
    assert texts(chain)[1] == NO_KEY_RESULT
    assert shown(chain.links[0].toolTip()).startswith("Output in Now")
    assert editor.move([card.id], Column.NEXT, 0)
    assert shown(chain.links[0].toolTip()).startswith("Output in Next")
    assert editor.delete([card.id])
    assert chain.card_id is None and chain.links == [] and chain.hint.isVisible()


def test_a_renamed_card_keeps_its_chain_and_a_relinked_one_is_built_anew(
    editor: Editor, chain: WhyChain
) -> None:
    card = linked_now_card(editor)
    chain.show_card(card.id)
    before = list(chain.links)
    assert editor.edit(card.id, fields_of(card, title="Self-serve refunds"))
    assert chain.links == before  # the same buttons: only the first one's text changed
    assert texts(chain)[0] == "Self-serve refunds"
    assert shown(chain.links[0].toolTip()).endswith(
        "Self-serve refunds\nClick to edit the initiative."
    )
    assert chain.links[0].accessibleName() == "Self-serve refunds"
    assert editor.edit(card.id, fields_of(card, title="Self-serve refunds", key_result_ids=()))
    assert chain.links != before and texts(chain)[1] == NO_KEY_RESULT


def test_titles_are_plain_text_and_elided_with_a_tooltip(
    editor: Editor, chain: WhyChain, qtbot
) -> None:
    card = linked_now_card(editor)
    title = "<b>Offline</b> & sync for the workshop tablet, even in the back room without signal"
    assert editor.edit(card.id, fields_of(card, title=title))
    chain.show_card(card.id)
    button = chain.links[0]
    assert button.full_text == title and title in shown(button.toolTip())
    assert button.width() < button.sizeHint().width()  # elided, not widening the panel
    assert chain.width() <= 400


def test_a_long_link_is_cut_at_a_word_and_whole_in_its_tooltip(
    editor: Editor, chain: WhyChain, qtbot
) -> None:
    card = linked_now_card(editor)
    title = "Let riders pick a slot, pay a deposit and get reminders " * 3
    editor.edit(card.id, fields_of(card, title=title.strip()))
    chain.show_card(card.id)
    link = chain.links[0]
    link.resize(220, link.sizeHint().height())
    text = link.shown_text()
    assert text.endswith("…") and len(text) < len(title)
    words = text[:-1].split()
    assert words == title.split()[: len(words)]  # whole words only
    assert shown(link.toolTip()).startswith(f"Output in Now: {title.strip()}")
    link.resize(link.sizeHint())
    assert link.shown_text() == title.strip()  # room enough: nothing cut
