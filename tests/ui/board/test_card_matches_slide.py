"""The board and the slides show the same card: one decision, in core/card_content.py."""

from __future__ import annotations

import dataclasses

from roadmapper.core.card_content import NOTE_COLUMNS, CardData
from roadmapper.model.enums import Column
from roadmapper.render.slide import BoardOptions, Overflow, layout_board
from roadmapper.ui.board.column_model import CARD_ROLE, ColumnModel
from roadmapper.ui.editing.editor import Editor


def board_cards(editor: Editor) -> dict[int, CardData]:
    shown: dict[int, CardData] = {}
    for column in Column:
        model = ColumnModel(editor, column)
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            shown[model.ids()[row]] = index.data(CARD_ROLE)
    return shown


def slide_cards(editor: Editor, show_chips: bool = True) -> dict[int, CardData]:
    options = BoardOptions(columns=tuple(Column), overflow=Overflow.PAGINATE, show_chips=show_chips)
    pages = layout_board(editor.document.current_snapshot(), options)
    return {placed.initiative_id: placed.data for page in pages for placed in page.cards}


def test_every_card_shows_the_same_elements_on_the_board_and_on_the_slide(
    editor: Editor,
) -> None:
    board, slide = board_cards(editor), slide_cards(editor)
    assert set(board) == set(slide) == {c.id for c in editor.document.all_cards()}
    assert board == slide
    # The sample exercises every element a card can show.
    assert any(c.chips for c in board.values())
    assert any(c.hypothesis for c in board.values())
    assert any(c.result for c in board.values())
    assert any(not c.outcome_label for c in board.values())


def test_a_change_reaches_both_the_same_way(editor: Editor) -> None:
    card = next(c for c in editor.document.all_cards() if c.column is Column.NEXT)
    model = ColumnModel(editor, Column.NEXT)
    model.index(0, 0).data(CARD_ROLE)  # fill the board's cache first
    editor.move([card.id], Column.NOW, 0)
    assert card.id in board_cards(editor)
    assert board_cards(editor)[card.id] == slide_cards(editor)[card.id]
    assert board_cards(editor)[card.id].hypothesis is not None  # a Now card has the note row
    assert Column.NOW in NOTE_COLUMNS


def test_without_chips_the_slide_drops_only_the_chips(editor: Editor) -> None:
    board, bare = board_cards(editor), slide_cards(editor, show_chips=False)
    assert bare == {i: dataclasses.replace(c, chips=()) for i, c in board.items()}
