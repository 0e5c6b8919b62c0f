"""Random edit sequences: undoing everything gives back the start, redoing gives the end."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from roadmapper.core.records import InitiativeFields
from roadmapper.model.enums import Column
from roadmapper.store.interchange import import_sample
from roadmapper.store.store import Store
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor
from tests.ui.conftest import without_versions

COLUMNS = list(Column)
picks = st.lists(st.integers(0, 10_000), min_size=1, max_size=3)
step = st.one_of(
    st.tuples(st.just("move"), picks, st.sampled_from(COLUMNS), st.integers(0, 20)),
    st.tuples(st.just("move_by"), picks, st.sampled_from([-1, 1])),
    st.tuples(
        st.just("create"),
        st.sampled_from(COLUMNS),
        st.integers(0, 20),
        st.text(min_size=1, max_size=30).filter(lambda t: t.strip()),
    ),
    st.tuples(st.just("edit"), picks, st.text(max_size=30), st.booleans()),
    st.tuples(st.just("delete"), picks),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def store_order(store: Store, roadmap_id: int) -> list[tuple[int, Column]]:
    return [(i.id, i.column) for i in store.load(roadmap_id).initiatives]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database holding the sample, copied for each example (migrating is slow)."""
    path = tmp_path_factory.mktemp("template") / "sample.db"
    store = Store.open(str(path))
    import_sample(store)
    store.close()
    return path


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(step, min_size=1, max_size=25))
# Found by this test: a card alone in its column, moved to the top of it with a card from
# another column; undoing the move put it at the top instead of under its old key, and
# the cards restored around it afterwards landed below it.
@example(
    [
        ("move", [0], Column.NOW, 0),
        ("delete", [0]),
        ("move", [0], Column.NEXT, 0),
        ("delete", [0, 1, 2]),
        ("move", [0, 1], Column.NOW, 0),
    ]
)
# Found by this test: undoing a move of two cards, one reordered within Next and one
# moved out of it, put the first back under a new key while the second still held its
# old key (or still stood in the way); the undos after it restored their cards around
# that new key.
@example(
    [
        ("move", [0], Column.NOW, 0),
        ("delete", [0, 1, 371]),
        ("move", [0, 847], Column.LATER, 0),
        ("move", [0], Column.LATER, 0),
        ("move", [126], Column.NOW, 0),
        ("move", [7, 261], Column.NEXT, 3),
    ]
)
# And its cousin: the card reordered within Next came back after one still to leave it.
@example(
    [
        ("move", [0], Column.NOW, 0),
        ("delete", [0, 1, 2]),
        ("move", [840], Column.LATER, 5),
        ("move", [4999, 125], Column.NOW, 1),
        ("move", [6, 262], Column.NEXT, 2),
    ]
)
def test_undo_all_restores_the_start(
    qapp, template: Path, tmp_path: Path, steps: list[tuple]
) -> None:
    copy = tmp_path / f"example-{uuid.uuid4().hex}.db"
    shutil.copy(template, copy)
    store = Store.open(str(copy))
    roadmap = store.list_roadmaps()[0].roadmap
    editor = Editor(RoadmapDocument(store, roadmap.id))
    document = editor.document
    start = without_versions(store.load(roadmap.id))
    outcomes = [o.id for o in document.snapshot.outcomes]

    for op in steps:
        cards = [c.id for c in document.current_snapshot().initiatives]
        chosen = (
            [cards[p % len(cards)] for p in op[1]]
            if cards and op[0] in {"move", "move_by", "edit", "delete"}
            else []
        )
        if op[0] == "move" and chosen:
            editor.move(chosen, op[2], op[3])
        elif op[0] == "move_by" and chosen:
            editor.move_by(chosen, op[2])
        elif op[0] == "create":
            editor.create(InitiativeFields(op[3]), op[1], op[2])
        elif op[0] == "edit" and chosen:
            card = document.card(chosen[0])
            outcome = outcomes[len(op[2]) % len(outcomes)] if op[3] else None
            editor.edit(
                chosen[0],
                InitiativeFields(op[2] or card.title, card.description, outcome, card.hypothesis),
            )
        elif op[0] == "delete" and chosen:
            editor.delete(chosen)
        elif op[0] == "undo":
            editor.undo()
        elif op[0] == "redo":
            editor.redo()
        # The screen's state and the database never disagree.
        assert [(c.id, c.column) for c in document.current_snapshot().initiatives] == store_order(
            store, roadmap.id
        )

    end = without_versions(store.load(roadmap.id))
    reached = editor.undo_stack.index()
    while editor.undo_stack.canUndo():
        editor.undo()
    assert without_versions(store.load(roadmap.id)) == start
    while editor.undo_stack.index() < reached:
        editor.redo()
    assert without_versions(store.load(roadmap.id)) == end
    store.close()
