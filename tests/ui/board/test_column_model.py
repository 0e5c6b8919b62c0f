"""The column model: Qt's model contract, and the drag-and-drop pipeline without a mouse."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QMimeData, QModelIndex, Qt

from roadmapper.model.enums import Column
from roadmapper.ui.board.column_model import (
    CARD_ROLE,
    MIME_TYPE,
    ColumnModel,
    decode_ids,
    encode_ids,
)
from roadmapper.ui.editing.editor import Editor


def titles(editor: Editor, column: Column) -> list[str]:
    return [editor.document.card(i).title for i in editor.document.column_ids(column)]


def stored_titles(editor: Editor, column: Column) -> list[str]:
    snapshot = editor.document.store.load(editor.document.roadmap_id)
    return [i.title for i in snapshot.column(column)]


def test_model_passes_qt_model_tester(qtmodeltester, editor: Editor) -> None:
    for column in Column:
        qtmodeltester.check(ColumnModel(editor, column))


def test_data_is_plain_and_accessible(editor: Editor) -> None:
    model = ColumnModel(editor, Column.NOW)
    index = model.index(0)
    title = editor.document.card(editor.document.column_ids(Column.NOW)[0]).title
    assert index.data(Qt.ItemDataRole.DisplayRole) == title
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == title
    card = index.data(CARD_ROLE)
    assert card.title == title and card.hypothesis is not None
    later_model = ColumnModel(editor, Column.LATER)  # must outlive its index
    later = later_model.index(0).data(CARD_ROLE)
    assert later.hypothesis is None  # only Now cards show the hypothesis line


def test_only_the_root_accepts_drops(editor: Editor) -> None:
    model = ColumnModel(editor, Column.NOW)
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    item_flags = model.flags(model.index(0))
    assert item_flags & Qt.ItemFlag.ItemIsDragEnabled
    assert not item_flags & Qt.ItemFlag.ItemIsDropEnabled


def test_drag_from_now_drop_into_next(editor: Editor) -> None:
    now, nxt = ColumnModel(editor, Column.NOW), ColumnModel(editor, Column.NEXT)
    dragged = [now.index(0), now.index(2)]
    ids = [now.ids()[0], now.ids()[2]]
    data = now.mimeData(dragged)
    assert decode_ids(data) == ids
    assert nxt.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert nxt.ids()[1:3] == ids
    assert not set(ids) & set(now.ids())
    # The store agrees with the screen.
    assert stored_titles(editor, Column.NEXT) == titles(editor, Column.NEXT)
    assert stored_titles(editor, Column.NOW) == titles(editor, Column.NOW)
    editor.undo()
    assert now.ids()[0] == ids[0] and now.ids()[2] == ids[1]


def test_reorder_inside_a_column(editor: Editor) -> None:
    model = ColumnModel(editor, Column.NOW)
    before = model.ids()
    data = model.mimeData([model.index(0)])
    # Row 3 in view terms: between the cards now at rows 2 and 3.
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert model.ids() == [before[1], before[2], before[0], *before[3:]]
    assert stored_titles(editor, Column.NOW) == titles(editor, Column.NOW)


def test_drop_past_the_end_and_onto_a_card(editor: Editor) -> None:
    now, later = ColumnModel(editor, Column.NOW), ColumnModel(editor, Column.LATER)
    first = now.ids()[0]
    assert later.dropMimeData(
        now.mimeData([now.index(0)]), Qt.DropAction.MoveAction, -1, -1, QModelIndex()
    )
    assert later.ids()[-1] == first
    second = now.ids()[0]
    target = later.index(1)
    assert later.dropMimeData(
        now.mimeData([now.index(0)]), Qt.DropAction.MoveAction, -1, -1, target
    )
    assert later.ids()[1] == second


def test_foreign_payloads_are_refused(editor: Editor) -> None:
    model = ColumnModel(editor, Column.NEXT)
    text = QMimeData()
    text.setText("just text")
    assert not model.canDropMimeData(text, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    broken = QMimeData()
    broken.setData(MIME_TYPE, b"{not json")
    assert not model.dropMimeData(broken, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    unknown = encode_ids([999_999])
    assert not model.dropMimeData(unknown, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert editor.undo_stack.count() == 0


def test_drop_with_a_filter_lands_above_the_visible_card(editor: Editor) -> None:
    nxt = ColumnModel(editor, Column.NEXT)
    everything = nxt.ids()
    keep = {everything[1], everything[3]}
    nxt.set_filter(lambda card: card.id in keep)
    assert nxt.ids() == [everything[1], everything[3]]
    now = ColumnModel(editor, Column.NOW)
    moved = now.ids()[0]
    # Dropped at visible row 1, i.e. just above the card that is 4th in the full column.
    assert nxt.dropMimeData(
        now.mimeData([now.index(0)]), Qt.DropAction.MoveAction, 1, 0, QModelIndex()
    )
    full = editor.document.column_ids(Column.NEXT)
    assert full.index(moved) == full.index(everything[3]) - 1
    assert nxt.ids() == [everything[1], everything[3]]  # still filtered: the card is hidden


def test_a_check_in_repaints_only_the_cards_that_show_its_key_result(
    editor: Editor, monkeypatch
) -> None:
    import datetime as dt

    from roadmapper.core.records import CheckInFields

    document = editor.document
    model = ColumnModel(editor, Column.NOW)
    ids = document.column_ids(Column.NOW)
    linked = next(kr for i in ids for kr in document.card(i).key_result_ids)
    showing = {i for i in ids if linked in document.card(i).key_result_ids}
    assert 0 < len(showing) < len(ids)
    repainted: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: repainted.append((first.row(), last.row())))

    def check_in(value: float) -> set[int]:
        for row in range(model.rowCount()):  # every card painted once, as in sight
            model.index(row).data(CARD_ROLE)
        repainted.clear()
        assert editor.add_check_in(linked, CheckInFields(dt.date.today(), value))
        return {ids[row] for first, last in repainted for row in range(first, last + 1)}

    key_result = document.snapshot.key_result_by_id[linked]
    assert key_result.tiers and key_result.baseline is not None
    best, start = key_result.tiers[-1], key_result.baseline
    assert check_in(best) == showing  # every tier reached; no other card repaints
    assert check_in(best) == set()  # the same value again: nothing shows a change
    assert check_in(start) == showing
    # Not known what changed: every card repaints.
    monkeypatch.setattr(document, "okr_change", None)
    repainted.clear()
    model.refresh_cards()
    assert {ids[row] for first, last in repainted for row in range(first, last + 1)} == set(ids)


def test_a_recoloured_outcome_repaints_its_cards_only(editor: Editor) -> None:
    from roadmapper.core.records import OutcomeFields

    document = editor.document
    model = ColumnModel(editor, Column.NOW)
    ids = document.column_ids(Column.NOW)
    outcome_id = next(document.card(i).outcome_id for i in ids if document.card(i).outcome_id)
    serving = {i for i in ids if document.card(i).outcome_id == outcome_id}
    assert 0 < len(serving) < len(ids)
    for row in range(model.rowCount()):
        model.index(row).data(CARD_ROLE)
    repainted: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: repainted.append((first.row(), last.row())))
    outcome = document.snapshot.outcome_by_id[outcome_id]
    fields = OutcomeFields.of(outcome)
    assert editor.edit_outcome(outcome_id, dataclasses.replace(fields, color="#123456"))
    assert {ids[row] for first, last in repainted for row in range(first, last + 1)} == serving
    shown = model.index(ids.index(next(iter(serving)))).data(CARD_ROLE)
    assert shown.color == "#123456"
