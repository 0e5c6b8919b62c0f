"""The export preview pages through a PDF or PowerPoint that needs several pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.records import InitiativeFields
from roadmapper.export.options import ExportOptions
from roadmapper.export.raster import layout_pages
from roadmapper.model.enums import Column
from roadmapper.render.slide import BoardPage, Overflow
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.export_dialog.dialog import ExportDialog
from roadmapper.ui.export_dialog.paging import NEXT, PREVIOUS

CARDS = 84


@pytest.fixture
def big_roadmap(editor: Editor) -> RoadmapSnapshot:
    """The sample roadmap and 84 more cards, made the way a person makes them."""
    outcomes = [o.id for o in editor.document.snapshot.outcomes]
    columns = (Column.NOW, Column.NEXT, Column.LATER, Column.DONE)
    for n in range(CARDS):
        fields = InitiativeFields(
            f"Experiment {n}", outcome_id=outcomes[n % len(outcomes)], hypothesis=f"We believe {n}"
        )
        assert editor.create(fields, columns[n % len(columns)]) is not None
    return editor.document.current_snapshot()


def choose(dialog: ExportDialog, combo_name: str, data: str) -> None:
    combo = getattr(dialog.form, combo_name)
    combo.setCurrentIndex(combo.findData(data))
    dialog.refresh_preview()  # what the pause after a change does


def pages_for(snapshot: RoadmapSnapshot, options: ExportOptions) -> list[BoardPage]:
    pages = layout_pages(snapshot, options, Overflow.PAGINATE)
    assert all(isinstance(p, BoardPage) for p in pages)
    return pages  # type: ignore[return-value]


def shown_ids(dialog: ExportDialog) -> list[int]:
    page = dialog.preview.page()
    assert isinstance(page, BoardPage)
    return [c.initiative_id for c in page.cards]


def test_a_picture_has_one_page_and_no_controls(make_dialog, big_roadmap) -> None:
    dialog = make_dialog(big_roadmap)
    assert dialog.form.suffix() == ".png"
    assert dialog.preview.page_count() == 1 and dialog.page_bar.isHidden()
    assert dialog.preview.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_buttons_and_keys_turn_the_pages(make_dialog, big_roadmap, qtbot) -> None:
    dialog = make_dialog(big_roadmap)
    choose(dialog, "format_combo", ".pdf")
    expected = pages_for(big_roadmap, dialog.options())
    n = len(expected)
    bar, preview = dialog.page_bar, dialog.preview
    assert n >= 3 and preview.page_count() == n
    assert bar.isVisible() and bar.text() == f"Page 1 of {n}"
    assert not bar.previous_button.isEnabled() and bar.next_button.isEnabled()
    assert shown_ids(dialog) == [c.initiative_id for c in expected[0].cards]
    first = preview.image()

    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.text() == f"Page 2 of {n}" and preview.page_index() == 1
    assert shown_ids(dialog) == [c.initiative_id for c in expected[1].cards]
    assert preview.image() != first and bar.previous_button.isEnabled()
    assert preview.accessibleDescription() == f"Page 2 of {n}"

    preview.setFocus()
    assert dialog.focusWidget() is preview
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert preview.page_index() == 2
    qtbot.keyClick(preview, Qt.Key.Key_Left)
    assert preview.page_index() == 1
    qtbot.keyClick(preview, Qt.Key.Key_Right)
    qtbot.keyClick(preview, Qt.Key.Key_PageUp)
    assert preview.page_index() == 1
    qtbot.keyClick(preview, Qt.Key.Key_End)
    assert bar.text() == f"Page {n} of {n}" and not bar.next_button.isEnabled()
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)  # past the last page: it stays
    assert preview.page_index() == n - 1
    assert shown_ids(dialog) == [c.initiative_id for c in expected[-1].cards]
    qtbot.keyClick(preview, Qt.Key.Key_Home)
    assert preview.page_index() == 0 and not bar.previous_button.isEnabled()


def test_the_page_count_follows_the_options(make_dialog, big_roadmap) -> None:
    dialog = make_dialog(big_roadmap)
    form, preview = dialog.form, dialog.preview
    choose(dialog, "format_combo", ".pptx")
    without_done = len(pages_for(big_roadmap, dialog.options()))
    preview.set_page_index(1)
    form.column_boxes[Column.DONE].setChecked(True)
    dialog.refresh_preview()
    with_done = pages_for(big_roadmap, dialog.options())
    assert preview.page_count() == len(with_done) and preview.page_index() == 1  # kept
    assert dialog.page_bar.text() == f"Page 2 of {len(with_done)}"
    page = preview.page()
    assert isinstance(page, BoardPage) and Column.DONE in {h.column for h in page.headers}
    assert len(with_done) > without_done  # 21 more cards to show

    preview.set_page_index(len(with_done) - 1)
    choose(dialog, "size_combo", "4:3")
    four_three = pages_for(big_roadmap, dialog.options())
    assert preview.page_count() == len(four_three)
    assert preview.page_index() == min(len(with_done), len(four_three)) - 1
    page = preview.page()
    assert isinstance(page, BoardPage) and page.width / page.height == pytest.approx(4 / 3)

    choose(dialog, "format_combo", ".svg")  # a picture holds the first page only
    assert preview.page_count() == 1 and dialog.page_bar.isHidden()
    assert isinstance(preview.page(), BoardPage) and preview.page().page_label == ""

    choose(dialog, "format_combo", ".pdf")
    preview.set_page_index(2)
    form.okr_radio.setChecked(True)  # other pages altogether: from the first
    dialog.refresh_preview()
    assert preview.page_index() == 0 and not isinstance(preview.page(), BoardPage)


def test_a_message_hides_the_controls(make_dialog, big_roadmap) -> None:
    dialog = make_dialog(big_roadmap)
    choose(dialog, "format_combo", ".pdf")
    assert dialog.page_bar.isVisible()
    for box in dialog.form.column_boxes.values():
        box.setChecked(False)
    dialog.refresh_preview()
    assert dialog.preview.page_count() == 0 and dialog.page_bar.isHidden()
    assert dialog.preview.message() and dialog.preview.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_the_controls_are_named_and_keep_the_focus(make_dialog, big_roadmap, qtbot) -> None:
    dialog = make_dialog(big_roadmap)
    choose(dialog, "format_combo", ".pdf")
    bar = dialog.page_bar
    names = {b.accessibleName() for b in bar.findChildren(QPushButton)}
    assert names == {PREVIOUS, NEXT}
    assert bar.label.accessibleName() == bar.text()
    assert dialog.preview.accessibleName() == "Export preview"
    assert dialog.preview.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert not bar.next_button.autoDefault()  # Return still exports
    bar.next_button.setFocus()
    n = dialog.preview.page_count()
    for _ in range(n - 1):
        qtbot.keyClick(bar.next_button, Qt.Key.Key_Space)
    assert dialog.preview.page_index() == n - 1
    assert dialog.focusWidget() is bar.previous_button  # not thrown out of the controls
