"""File > Export… and Copy board as picture: options, live preview, memory, writing, cancel."""

from __future__ import annotations

import dataclasses
import errno
from datetime import date
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export import raster
from roadmapper.export.options import ExportOptions
from roadmapper.export.raster import layout_pages, render_image
from roadmapper.model.enums import BOARD_COLUMNS, Column
from roadmapper.render.slide import BoardPage, Overflow, left_out
from roadmapper.render.slide_common import long_date
from roadmapper.render.theme import DARK, LIGHT
from roadmapper.ui.export_dialog import dialog as export_dialog
from roadmapper.ui.export_dialog.actions import COPIED
from roadmapper.ui.export_dialog.dialog import CANCELLED, ExportDialog
from roadmapper.ui.main_window import MainWindow
from tests.export.conftest import crowded


@pytest.fixture
def dialog(make_dialog, sample_snapshot: RoadmapSnapshot) -> ExportDialog:
    return make_dialog(sample_snapshot)


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """QFileDialog.getSaveFileName answers ``tmp_path/<name given>``; records what it offered."""
    offered: list[tuple[str, str]] = []

    def answer(_parent: QWidget, _caption: str, start: str, filters: str) -> tuple[str, str]:
        offered.append((start, filters))
        return str(tmp_path / Path(start).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: said.append(text))
    return said


def corner(dialog: ExportDialog) -> QColor:
    return dialog.preview.image().pixelColor(3, 3)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".tmp", ".pdf", ".png"))


def test_defaults(dialog: ExportDialog, sample_snapshot: RoadmapSnapshot) -> None:
    form = dialog.form
    assert dialog.objectName() == "export-dialog"
    assert dialog.findChild(QWidget, "export-preview") is dialog.preview
    assert form.board_radio.isChecked() and not form.okr_radio.isChecked()
    assert form.columns() == BOARD_COLUMNS
    assert all(i.checkState() == Qt.CheckState.Checked for i in form.outcome_items())
    assert len(form.outcome_items()) == len(sample_snapshot.outcomes)
    assert not form.outcome_items()[0].icon().isNull()  # the outcome's colour swatch
    assert form.title_edit.text() == "" and form.subtitle_edit.text() == ""
    assert form.title_edit.placeholderText() == sample_snapshot.roadmap.name
    assert form.subtitle_edit.placeholderText() == long_date(date.today())
    assert form.size_combo.currentData() == "16:9" and not form.width_spin.isEnabled()
    assert form.suffix() == ".png" and form.picture_box.isHidden()
    assert dialog.options() == ExportOptions()
    assert dialog.export_button.isEnabled() and dialog.export_button.isDefault()
    assert dialog.preview.image().width() > 100
    # Nothing hidden: the note says only what detail cards gave up to fit, if any.
    page = dialog.preview.page()
    assert isinstance(page, BoardPage)
    assert dialog.note.text() == left_out([page])


def test_every_option_maps_to_export_options(dialog: ExportDialog) -> None:
    form = dialog.form
    tree = [o for o, _depth in dialog.snapshot.outcome_tree]
    form.column_boxes[Column.LATER].setChecked(False)
    form.column_boxes[Column.DONE].setChecked(True)
    form.none_button.click()
    for item in form.outcome_items():
        if item.data(Qt.ItemDataRole.UserRole) in (tree[1].id, tree[3].id):
            item.setCheckState(Qt.CheckState.Checked)
    form.chips_box.setChecked(False)
    form.title_edit.setText("Q4 review")
    form.subtitle_edit.setText("For the leadership team")
    form.theme_combo.setCurrentIndex(form.theme_combo.findData("dark"))
    form.size_combo.setCurrentIndex(form.size_combo.findData("custom"))
    assert form.width_spin.isEnabled()
    form.width_spin.setValue(1600)
    form.height_spin.setValue(900)
    form.format_combo.setCurrentIndex(form.format_combo.findData(".pptx"))
    assert not form.picture_box.isHidden() and not form.scale_spin.isEnabled()
    form.picture_box.setChecked(True)
    assert form.scale_spin.isEnabled()
    form.scale_spin.setValue(2.5)
    assert form.pixels_label.text() == "4000 × 2250 pixels a slide"
    assert dialog.options() == ExportOptions(
        kind="board",
        columns=(Column.NOW, Column.NEXT, Column.DONE),
        outcome_ids=(tree[1].id, tree[3].id),
        show_chips=False,
        title="Q4 review",
        subtitle="For the leadership team",
        theme="dark",
        width=1600.0,
        height=900.0,
        scale=2.5,
        pptx_picture=True,
    )
    assert form.suffix() == ".pptx"

    form.okr_radio.setChecked(True)
    assert not form.column_boxes[Column.NOW].isEnabled() and not form.chips_box.isEnabled()
    form.no_subtitle_box.setChecked(True)
    assert not form.subtitle_edit.isEnabled()
    form.size_combo.setCurrentIndex(form.size_combo.findData("a4"))
    form.all_button.click()
    form.format_combo.setCurrentIndex(form.format_combo.findData(".svg"))
    options = dialog.options()
    assert (options.kind, options.subtitle, options.outcome_ids) == ("okr", "", None)
    assert (options.width, options.height) == (1754.0, 1240.0)
    assert form.suffix() == ".svg" and form.picture_box.isHidden()


def test_export_needs_a_column_and_an_outcome(dialog: ExportDialog) -> None:
    form = dialog.form
    for box in form.column_boxes.values():
        box.setChecked(False)
    assert not dialog.export_button.isEnabled()
    assert "column" in dialog.hint.text()
    form.okr_radio.setChecked(True)  # OKR sheets have no columns
    assert dialog.export_button.isEnabled() and dialog.hint.text() == ""
    form.board_radio.setChecked(True)
    form.column_boxes[Column.DONE].setChecked(True)
    assert dialog.export_button.isEnabled()
    assert dialog.options().columns == (Column.DONE,)
    form.none_button.click()
    assert not dialog.export_button.isEnabled() and "outcome" in dialog.hint.text()
    form.outcome_items()[2].setCheckState(Qt.CheckState.Checked)
    assert dialog.export_button.isEnabled()


def test_an_empty_roadmap_has_a_board_but_no_sheets(
    make_dialog, sample_snapshot: RoadmapSnapshot
) -> None:
    empty = dataclasses.replace(
        sample_snapshot, outcomes=(), key_results=(), check_ins=(), initiatives=()
    )
    dialog = make_dialog(empty)
    assert dialog.export_button.isEnabled() and not dialog.preview.image().isNull()
    dialog.form.okr_radio.setChecked(True)
    dialog.refresh_preview()
    assert not dialog.export_button.isEnabled() and dialog.preview.image().isNull()
    assert dialog.hint.text() == dialog.preview.message()
    assert dialog.hint.text().startswith("There is no OKR sheet")


def test_preview_follows_the_options_after_a_pause(dialog: ExportDialog, qtbot) -> None:
    assert corner(dialog) == QColor(LIGHT.background)
    form = dialog.form
    form.theme_combo.setCurrentIndex(form.theme_combo.findData("dark"))
    assert corner(dialog) == QColor(LIGHT.background)  # not yet: the preview waits a moment
    qtbot.waitUntil(lambda: corner(dialog) == QColor(DARK.background), timeout=2000)
    board = dialog.preview.image()
    form.okr_radio.setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview.image() != board, timeout=2000)
    assert not isinstance(dialog.preview.page(), BoardPage)


@pytest.mark.parametrize("shape", [(1100, 700), (1500, 460)])
def test_preview_fits_and_keeps_the_aspect(dialog: ExportDialog, shape: tuple[int, int]) -> None:
    dialog.resize(*shape)
    dialog.layout().activate()  # lay out now: the preview paints again at its new size
    preview = dialog.preview
    size = preview.image().deviceIndependentSize()
    assert size.width() <= preview.width() and size.height() <= preview.height()
    assert max(size.width() / preview.width(), size.height() / preview.height()) > 0.9
    assert size.width() / size.height() == pytest.approx(16 / 9, rel=0.02)


def test_preview_notes_further_pages(make_dialog) -> None:
    snapshot = crowded(40, 4)
    dialog = make_dialog(snapshot)
    form = dialog.form
    hidden = sum(n.hidden for n in dialog.preview.page().more)
    assert hidden > 0 and dialog.note.text().startswith(f"+{hidden} more cards")
    form.format_combo.setCurrentIndex(form.format_combo.findData(".pdf"))
    dialog.refresh_preview()
    pages = layout_pages(snapshot, ExportOptions(), Overflow.PAGINATE)
    boards = [p for p in pages if isinstance(p, BoardPage)]
    assert len(pages) > 1 and dialog.note.text() == left_out(boards)  # the pages: under the preview
    assert dialog.page_bar.text() == f"Page 1 of {len(pages)}"


def test_options_are_remembered(
    make_dialog, sample_snapshot: RoadmapSnapshot, settings: QSettings, save_as, tmp_path: Path
) -> None:
    first = make_dialog(sample_snapshot)
    form = first.form
    tree = [o for o, _depth in sample_snapshot.outcome_tree]
    form.okr_radio.setChecked(True)
    form.column_boxes[Column.DONE].setChecked(True)
    form.none_button.click()
    for item in form.outcome_items()[1:3]:
        item.setCheckState(Qt.CheckState.Checked)
    form.chips_box.setChecked(False)
    form.title_edit.setText("Quarterly review")
    form.no_subtitle_box.setChecked(True)
    form.theme_combo.setCurrentIndex(form.theme_combo.findData("print"))
    form.size_combo.setCurrentIndex(form.size_combo.findData("4:3"))
    form.scale_spin.setValue(3)
    form.format_combo.setCurrentIndex(form.format_combo.findData(".pdf"))
    chosen = first.options()
    first.export()
    assert all(k.startswith("export/") for k in settings.allKeys())

    again = make_dialog(sample_snapshot)
    assert again.options() == chosen and again.form.suffix() == ".pdf"
    assert save_as[0][0] == str(Path.home() / "Quarterly review OKRs.pdf")
    again.export()
    assert save_as[1][0] == str(tmp_path / "Quarterly review OKRs.pdf")  # the last folder

    # An outcome that is gone is ignored; another roadmap keeps its own title.
    gone = tree[1]
    renamed = dataclasses.replace(sample_snapshot.roadmap, name="Another roadmap")
    other = dataclasses.replace(
        sample_snapshot,
        roadmap=renamed,
        outcomes=tuple(o for o in sample_snapshot.outcomes if o.id != gone.id),
    )
    third = make_dialog(other).options()
    assert third.outcome_ids == (tree[2].id,) and third.title == ""
    assert third.theme == "print" and third.kind == "okr"


@pytest.mark.parametrize("suffix", [".png", ".pdf"])
def test_export_writes_the_file(
    dialog: ExportDialog, save_as, tmp_path: Path, suffix: str, qtbot
) -> None:
    form = dialog.form
    form.format_combo.setCurrentIndex(form.format_combo.findData(suffix))
    with qtbot.waitSignal(dialog.status) as said:
        dialog.export_button.click()
    path = tmp_path / f"Sample roadmap bike workshop app{suffix}"
    assert said.args == [f"Exported to {path}"] and dialog.written == path
    assert dialog.result() == ExportDialog.DialogCode.Accepted
    if suffix == ".png":
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1920, 1080)
    else:
        text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)
        card = dialog.snapshot.column(Column.NOW)[0]
        assert card.title in text
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_cancel_from_the_progress_dialog_writes_nothing(
    make_dialog, save_as, warnings: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog(crowded(60, 12))
    form = dialog.form
    form.format_combo.setCurrentIndex(form.format_combo.findData(".pdf"))
    real = dialog.report_progress
    seen: list[tuple[int, int]] = []

    def press_cancel_at_page_two(done: int, total: int) -> bool:
        seen.append((done, total))
        progress = dialog.progress_dialog()
        assert progress is not None
        if done == 2:
            progress.cancel()  # what the dialog's Cancel button does
        return real(done, total)

    monkeypatch.setattr(dialog, "report_progress", press_cancel_at_page_two)
    said: list[str] = []
    dialog.status.connect(said.append)
    dialog.export()
    assert seen[-1][0] == 2 and seen[-1][1] > 3
    assert said == [CANCELLED] and warnings == []
    assert leftovers(tmp_path) == [] and dialog.written is None
    assert dialog.isVisible() and dialog.progress_dialog() is None


def test_progress_says_which_page(make_dialog, save_as, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = make_dialog(crowded(60, 12))
    form = dialog.form
    form.format_combo.setCurrentIndex(form.format_combo.findData(".pdf"))
    labels: list[str] = []
    real = dialog.report_progress

    def spy(done: int, total: int) -> bool:
        ok = real(done, total)
        progress = dialog.progress_dialog()
        assert progress is not None and progress.minimumDuration() == 300
        labels.append(progress.labelText())
        return ok

    monkeypatch.setattr(dialog, "report_progress", spy)
    dialog.export()
    pages = dialog.preview.page_count()
    assert pages > 3
    assert labels[0] == f"Exporting page 1 of {pages}…"
    assert labels[-1] == f"Exporting page {pages} of {pages}…"


def test_a_write_error_is_one_sentence(
    dialog: ExportDialog, warnings: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no such folder" / "board.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(missing), "PNG picture (*.png)")
    )
    said: list[str] = []
    dialog.status.connect(said.append)
    dialog.export()
    assert len(warnings) == 1 and said == []
    text = warnings[0]
    assert text[0].isupper() and text.endswith(".") and "\n" not in text
    assert "does not exist" in text and "Traceback" not in text
    assert not missing.parent.exists() and dialog.isVisible()


def test_export_action_in_the_window(
    window: MainWindow, save_as, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Export…") == texts.index("Save a &copy as…") + 1
    assert window.exports.export.shortcut().toString() == "Ctrl+E"
    opened: list[ExportDialog] = []

    def run(self: ExportDialog) -> int:
        opened.append(self)
        self.export()
        return self.result()

    monkeypatch.setattr(export_dialog.ExportDialog, "exec", run)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    path = tmp_path / "Sample roadmap bike workshop app.png"
    assert path.is_file()
    said = f"Exported “{path.name}” to {path.parent}."
    # Said where the user looks, not only in the status bar, with the next steps at hand.
    assert window.statusBar().currentMessage() == said
    assert window.notice.isVisible() and window.notice.text() == said
    assert window.notice.open_button.isVisible() and window.notice.folder_button.isVisible()
    assert window.notice.file == path
    board = QRect(window.board.mapTo(window, QPoint(0, 0)), window.board.size())
    assert board.contains(window.notice.geometry())


def clipboard_after_copy(window: MainWindow, qtbot) -> QImage:
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    return QGuiApplication.clipboard().image()


def test_copy_board_as_picture(window: MainWindow, qtbot) -> None:
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.exports.copy_picture in edit_menu.actions()
    image = clipboard_after_copy(window, qtbot)
    assert (image.width(), image.height()) == (3840, 2160)
    assert round(image.dotsPerMeterX() * 0.0254) == 192
    assert window.statusBar().currentMessage() == COPIED
    assert window.notice.isVisible() and window.notice.text() == COPIED
    assert not window.notice.open_button.isVisible()  # nothing to open: it is on the clipboard
    window.actions_.show_done.setChecked(True)
    assert window.exports.board_options().columns == tuple(Column)


def test_copy_failure_is_one_sentence(
    window: MainWindow, warnings: list[str], monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    def no_memory(*_args: object) -> QImage:
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(raster, "render_image", no_memory)
    assert clipboard_after_copy(window, qtbot).isNull()
    assert warnings == ["Could not copy the board: Cannot allocate memory."]


def test_copy_board_shows_only_the_highlighted_outcome(window: MainWindow, qtbot) -> None:
    snapshot = window.document.current_snapshot()
    outcome = [o for o, _depth in snapshot.outcome_tree][1]
    window.board.legend.set_current(outcome.id)
    image = clipboard_after_copy(window, qtbot)
    options = ExportOptions(outcome_ids=(outcome.id,), scale=2.0)
    page = layout_pages(snapshot, options, Overflow.MORE)[0]
    assert isinstance(page, BoardPage) and page.cards
    outcome_of = {card.id: card.outcome_id for card in snapshot.initiatives}
    assert {outcome_of[card.initiative_id] for card in page.cards} == {outcome.id}
    expected = render_image(page, 2.0).convertToFormat(QImage.Format.Format_RGB32)
    assert image.convertToFormat(QImage.Format.Format_RGB32) == expected
    window.board.legend.set_current(None)
    assert clipboard_after_copy(window, qtbot) != image


def test_a_long_outcome_name_is_cut_at_a_word_and_whole_in_its_tooltip(
    dialog: ExportDialog,
) -> None:
    from PySide6.QtWidgets import QStyleOptionViewItem

    outcomes = dialog.form.outcome_list
    index = outcomes.model().index(0, 0)
    name = index.data()
    option = QStyleOptionViewItem()
    option.initFrom(outcomes)
    option.rect = outcomes.visualRect(index).adjusted(0, 0, -outcomes.width() // 2, 0)
    outcomes.itemDelegate().initStyleOption(option, index)
    shown = option.text
    assert shown.endswith("…") and len(shown) < len(name)
    kept = shown.removesuffix("…")
    assert name.startswith(kept) and name[len(kept)] == " "  # a whole word, then the cut
    assert name in index.data(Qt.ItemDataRole.ToolTipRole)
