"""The main window: assembles board, panel, toolbar and menus; no logic of its own."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
)

from roadmapper import __version__
from roadmapper.core.errors import RoadmapperError
from roadmapper.core.text import sentence
from roadmapper.model.enums import Column
from roadmapper.ui.board.board import Board
from roadmapper.ui.board.card_actions import BoardActions
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.export_dialog.actions import ExportActions
from roadmapper.ui.file_menu import FileActions, remember
from roadmapper.ui.interchange_actions import InterchangeActions
from roadmapper.ui.read_ahead import ReadAhead
from roadmapper.ui.roadmap_actions import RoadmapActions
from roadmapper.ui.screen_fit import fit_to_screen, frame_margins
from roadmapper.ui.toolbar import BoardToolbar, with_keys
from roadmapper.ui.widgets.actions import make_action
from roadmapper.ui.widgets.labels import emphasize, plain_label
from roadmapper.ui.widgets.still_layout import LayoutFence, place_at_once

if TYPE_CHECKING:
    from roadmapper.store.interface import RoadmapStore
    from roadmapper.ui.panel.outcome_panel import OutcomePanel
    from roadmapper.ui.widgets.notice import Notice

PANEL_WIDTH = 420
PANEL_FOLLOW_MS = 60
"""How long the panel waits after the last selection or highlight before following it."""


def first_roadmap(store: RoadmapStore) -> int:
    """The roadmap to show for a database; an empty database gets one, named for its file."""
    from roadmapper.core.sample import first_to_show

    shown = first_to_show(store.roadmaps())
    if shown is not None:
        return shown.id
    path = store.database.path
    return store.create_roadmap(path.stem.capitalize() if path else "Roadmap").id


class MainWindow(QMainWindow):
    """One window on one roadmap of one database."""

    ready = Signal()
    """Once, after the board's first paint, when the outcome panel is built too."""

    def __init__(
        self, store: RoadmapStore, settings: QSettings, roadmap_id: int | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.settings = settings
        self.store = store
        self.document = RoadmapDocument(store, roadmap_id or first_roadmap(store), self)
        self.read_ahead = ReadAhead(self.document, self)
        """Started by the app once the window is ready (``app.start``)."""
        self.editor = Editor(self.document, self)
        self.board = Board(self.editor, self)
        self.setCentralWidget(self.board)
        # The dock is here at once, at its width, so the board never jumps; its
        # content follows the board's first paint (see _build_panel).
        self.dock = QDockWidget("Outcomes", self)
        self.dock.setObjectName("outcome-panel")
        self.dock.setMinimumWidth(PANEL_WIDTH)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # The status bar too: made by the first message (a move's "Moved to Next"), it
        # would take its height from the board then, and every widget would move.
        self.statusBar().setObjectName("status-bar")
        self._panel: OutcomePanel | None = None
        self._switcher_store: RoadmapStore | None = None
        """The store whose roadmaps the switcher lists."""
        # Whichever the board shows: its columns (Now first) or, empty, the empty state.
        self._first_paint_watched = (self.board.views[Column.NOW].viewport(), self.board.empty)
        for widget in self._first_paint_watched:
            widget.installEventFilter(self)
        self.actions_ = BoardActions(self.editor, self.board, self)
        self._notice: Notice | None = None
        self.files = FileActions(self, settings, lambda: self.store, self.open_store, self._notify)
        self.exports = ExportActions(self, settings, self.document, self.board, self._notify)
        self.roadmaps = RoadmapActions(self, self.editor, self._notify)
        self.interchange = InterchangeActions(self, settings, self.document, self._notify)

        self.filter_box = QLineEdit()
        self.filter_box.setObjectName("filter-box")
        self.filter_box.setPlaceholderText("Filter initiatives (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter initiatives")
        self.filter_box.textChanged.connect(self.board.set_filter_text)
        self.switcher = QComboBox()
        self.switcher.setObjectName("roadmap-switcher")
        self.switcher.setAccessibleName("Roadmap")
        self.switcher.activated.connect(self._switch_roadmap)
        # Right-click: the roadmap menu's actions, where the roadmaps are.
        self.switcher.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.switcher.customContextMenuRequested.connect(self._switcher_menu)

        self._build_menus()
        self._build_toolbar()
        place_at_once(self.toolbar, self.read_only_bar, self.board, self.dock)
        # The panel follows the board a moment later, once for a burst of changes (a
        # held arrow key, a drop): the board's own frame never waits for the panel.
        self._selection_timer = QTimer(self)
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(PANEL_FOLLOW_MS)
        self._selection_timer.timeout.connect(self._panel_follow)
        self._panel_target: int | None = None
        """A legend pick the panel is to follow (an outcome id), or None: the selection."""
        self._legend_picked = False
        self.board.selection_changed.connect(self._card_selection_changed)
        self.editor.failed.connect(self._show_failure)
        self.editor.status.connect(self._show_status)
        self.document.reset.connect(self._on_reset)
        self.document.renamed.connect(self._on_renamed)
        self.document.rest_failed.connect(self._show_read_failure)
        self.board.selection_changed.connect(self.actions_.update_enabled)
        self._restore_settings()
        self._on_reset()

    # -- assembling ---------------------------------------------------------

    def _build_menus(self) -> None:
        a, f, r, i = self.actions_, self.files, self.roadmaps, self.interchange
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([f.new_file, f.open_file])
        file_menu.addMenu(f.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([i.import_roadmap, i.export_json, i.export_markdown])
        file_menu.addSeparator()
        file_menu.addActions([f.save_copy, self.exports.export])
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        edit = self.menuBar().addMenu("&Edit")
        edit.addActions([a.undo, a.redo])
        edit.addSeparator()
        edit.addActions([a.new, a.details, a.edit, a.delete])
        edit.addSeparator()
        move = edit.addMenu("&Move to")
        move.addActions(list(a.move_to.values()))
        edit.addActions([a.left, a.right, a.up, a.down])
        edit.addSeparator()
        edit.addAction(self.exports.copy_picture)

        view = self.menuBar().addMenu("&View")
        view.addAction(a.show_done)
        view.addAction(self.dock.toggleViewAction())
        find = make_action(
            self,
            self,
            "&Filter initiatives",
            self._focus_filter,
            QKeySequence.StandardKey.Find,
        )
        view.addAction(find)
        clear = make_action(self, self, "Show &all outcomes", self.board.show_all_outcomes)
        view.addAction(clear)
        view.addSeparator()
        view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])

        # The roadmaps of this file; after View, so the usual menus keep their places.
        roadmap_menu = self.menuBar().addMenu("&Roadmap")
        roadmap_menu.addActions([r.new, r.rename, r.delete])
        roadmap_menu.addSeparator()
        roadmap_menu.addAction(r.restore)

        help_menu = self.menuBar().addMenu("&Help")
        about = help_menu.addAction("&About Roadmapper")
        about.triggered.connect(
            lambda: QMessageBox.about(
                self,
                "About Roadmapper",
                f"Roadmapper {__version__}\nOutcome-based Now / Next / Later roadmaps.",
            )
        )

    def _build_toolbar(self) -> None:
        a, export = self.actions_, self.exports.export
        # Icon buttons: the words are in the tooltips (with the keys), so none reflows.
        a.new.setIconText("New initiative")
        a.new.setToolTip(with_keys("New initiative", a.new))
        a.show_done.setIconText("Done column")
        a.show_done.setToolTip("Show the Done column")
        export.setIconText("Export")
        export.setToolTip(with_keys("Export the board or the OKR sheets", export))
        self.toolbar = bar = BoardToolbar(self)
        bar.add_button(a.new, "new", word=True)
        bar.add_separator()
        bar.add_button(a.undo, "undo")
        bar.add_button(a.redo, "redo")
        bar.add_separator()
        bar.add_button(a.show_done, "done")
        bar.add_button(export, "export")
        self.switcher_action = bar.end_with(self.switcher, self.filter_box)
        bar.set_icon(self.interchange.import_roadmap, "import")
        bar.set_icon(self.interchange.export_json, "export")
        bar.set_icon(self.roadmaps.new, "roadmaps")
        self.addToolBar(bar)
        # Said once, above the board, for as long as the open database is read-only.
        self.read_only_bar = QToolBar("Read-only")
        self.read_only_bar.setObjectName("read-only-banner")
        self.read_only_bar.setMovable(False)
        self.read_only_label = plain_label("", name="read-only-text")
        self.read_only_label.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred
        )
        self.read_only_label.setContentsMargins(8, 4, 8, 4)
        emphasize(self.read_only_label)
        self.read_only_bar.addWidget(self.read_only_label)
        self.addToolBarBreak()
        self.addToolBar(self.read_only_bar)
        self.read_only_bar.hide()

    # -- state ------------------------------------------------------------

    def open_store(self, store: RoadmapStore) -> None:
        """Switch to another database; the old one is closed once nothing uses it."""
        old = self.store
        self.store = store
        self.document.open(store, first_roadmap(store))
        if old is not store:
            old.close()
        self.read_ahead.start_again()

    def _switch_roadmap(self, index: int) -> None:
        roadmap_id = self.switcher.itemData(index)
        if roadmap_id is not None and roadmap_id != self.document.roadmap_id:
            try:
                self.document.load(roadmap_id)
            except RoadmapperError as exc:  # the server went away, the file was locked...
                self._show_failure(str(exc))
                self.switcher.setCurrentIndex(self.switcher.findData(self.document.roadmap_id))

    def _fill_switcher(self) -> None:
        roadmaps = self.store.roadmaps()
        self.switcher.blockSignals(True)
        self.switcher.clear()
        for roadmap in roadmaps:
            self.switcher.addItem(roadmap.name, roadmap.id)
            self.switcher.setItemData(
                self.switcher.count() - 1, roadmap.name, Qt.ItemDataRole.ToolTipRole
            )
        self.switcher.blockSignals(False)
        self.switcher_action.setVisible(len(roadmaps) > 1)
        self._switcher_store = self.store
        self._show_switched()

    def _show_switched(self) -> None:
        """The switcher on the shown roadmap, without reading the list again."""
        self.switcher.blockSignals(True)
        self.switcher.setCurrentIndex(self.switcher.findData(self.document.roadmap_id))
        self.switcher.blockSignals(False)
        self.switcher.setToolTip(f"Roadmap: {self.document.snapshot.roadmap.name}")

    def switcher_menu(self) -> QMenu:
        """The switcher's context menu: what can be done to the roadmaps of this file."""
        r = self.roadmaps
        menu = QMenu(self)
        menu.addActions([r.new, r.rename, r.delete])
        return menu

    def _switcher_menu(self, pos: QPoint) -> None:
        menu = self.switcher_menu()
        menu.exec(self.switcher.mapToGlobal(pos))
        menu.deleteLater()

    def _on_renamed(self) -> None:
        try:
            self._fill_switcher()
        except RoadmapperError as exc:  # the list is read again; the server may be gone
            self.statusBar().showMessage(sentence(str(exc)), 4000)
        self._update_title()

    def _on_reset(self) -> None:
        if self.document.from_memory and self._switcher_store is self.store:
            # Shown from memory: nobody has created, deleted or renamed a roadmap since
            # (a rename here refills the list), so the list is as it was.
            self._show_switched()
        else:
            self._fill_switcher()
        self.filter_box.clear()
        self._show_read_only()
        self.actions_.update_enabled()
        self._update_title()
        if self.store.database.path is not None:
            remember(self.settings, self.store.database.path)

    def _show_read_only(self) -> None:
        """A banner while the database is read-only, and no dragging: nothing could be saved."""
        read_only = self.store.database.read_only
        if read_only:
            self.read_only_label.setText(
                f"Read-only: {self.store.database.label} cannot be changed here (the file "
                "or its folder is not writable). You can look, filter and export."
            )
        self.read_only_bar.setVisible(read_only)
        mode = QAbstractItemView.DragDropMode
        for view in self.board.views.values():
            view.setDragDropMode(mode.NoDragDrop if read_only else mode.DragDrop)

    def _update_title(self) -> None:
        database = self.store.database
        where = database.path.name if database.path else database.label
        self.setWindowTitle(f"{self.document.snapshot.roadmap.name} — {where} — Roadmapper")

    @property
    def panel(self) -> OutcomePanel:
        """The outcome panel, built now if the board has not painted yet."""
        if self._panel is None:
            self._build_panel()
        assert self._panel is not None
        return self._panel

    def _build_panel(self) -> None:
        """Fill the dock: after the board's first paint, so the board shows at once."""
        if self._panel is not None:
            return
        from roadmapper.ui.panel.outcome_panel import OutcomePanel

        self._panel = panel = OutcomePanel(self.editor)
        # The panel's inner layout changes stop at the fence, short of the main window.
        self._fence = LayoutFence(panel, self.dock)
        self.dock.setWidget(self._fence)
        self.dock.dockLocationChanged.connect(self._dock_moved)
        splitter = self.settings.value("panel/splitter")
        if splitter is not None and panel.splitter.restoreState(splitter):
            panel.tree_sized_by_hand = True
        panel.outcome_selected.connect(self.board.legend.set_current)
        panel.edit_card_requested.connect(self.actions_.edit_initiative)
        panel.health.card_requested.connect(self._reveal_card)
        self.board.legend.highlight_changed.connect(self._outcome_highlighted)
        # Catch up with what happened on the board before the panel existed.
        if self.board.legend.current() is not None:
            panel.select_outcome(self.board.legend.current())
        self._show_selected_card()

    def _dock_moved(self, area: Qt.DockWidgetArea) -> None:
        """Docked above or below the board, the panel is sized by its height, not width."""
        across = (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea)
        vertical = Qt.Orientation.Vertical
        self._fence.set_along(vertical if area in across else Qt.Orientation.Horizontal)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """QMainWindow.eventFilter: the board's first paint starts building the panel."""
        if event.type() == QEvent.Type.Paint:
            for widget in self._first_paint_watched:
                widget.removeEventFilter(self)
            QTimer.singleShot(0, self._finish_start)
        return False

    def _finish_start(self) -> None:
        self._build_panel()
        if self.size() == self._fitted.size() and not frame_margins(self).isNull():
            fit_to_screen(self)  # the window manager's real frame, not the allowance
        self.ready.emit()

    def _card_selection_changed(self) -> None:
        # A drop or a key press changes the selection several times in a row; the
        # panel follows once, after the board has repainted.
        self._legend_picked = False
        self._selection_timer.start()

    def _outcome_highlighted(self, outcome_id: int | None) -> None:
        self._legend_picked, self._panel_target = True, outcome_id
        self._selection_timer.start()

    def _panel_follow(self) -> None:
        if self._legend_picked and self._panel is not None:
            self._legend_picked = False
            self._panel.select_outcome(self._panel_target)
        else:
            self._show_selected_card()

    def _reveal_card(self, card_id: int) -> None:
        """A health tile's entry: that card, selected and in view, with nothing hiding it."""
        if not self.document.has_card(card_id):
            return
        if self.document.card(card_id).column is Column.DONE:
            self.actions_.show_done.setChecked(True)
        if self.filter_box.text():
            self.filter_box.clear()
        self.board.select([card_id])

    def _show_selected_card(self) -> None:
        ids = self.board.selected_ids()
        if ids and self._panel is not None:
            self._panel.show_card(ids[0])

    def _show_status(self, text: str) -> None:
        self.actions_.update_enabled()
        self.statusBar().showMessage(text, 4000)

    @property
    def notice(self) -> Notice:
        """The notice over the board, built on first use: most sessions start without one."""
        if self._notice is None:
            from roadmapper.ui.widgets.notice import Notice

            self._notice = Notice(self, self.board)
        return self._notice

    def _notify(self, text: str, file: Path | None = None) -> None:
        """A result the user waits for: in the notice over the board, and the status bar."""
        self._show_status(text)
        self.notice.show_notice(text, file)

    def _show_failure(self, message: str) -> None:
        QMessageBox.warning(self, "Not changed", sentence(message))

    def _show_read_failure(self, message: str) -> None:
        """The rest of a roadmap shown in parts could not be read."""
        QMessageBox.warning(
            self,
            "Not all read",
            f"{sentence(message)} The board shows the first cards of each column; "
            "switch to the roadmap again to read all of it.",
        )

    def _focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        # A size remembered on a big monitor must not hang off a laptop's screen.
        restored = geometry is not None and self.restoreGeometry(geometry)
        fit_to_screen(self, first=not restored)
        self._fitted = self.geometry()  # refitted after the first paint unless changed by then
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.actions_.show_done.setChecked(
            bool(self.settings.value("board/show_done", False, type=bool))
        )
        zoom = self.settings.value("board/zoom", 100)
        # A hand-edited or damaged settings file must not stop the window from opening.
        self.board.set_zoom(int(str(zoom)) if str(zoom).isdigit() else 100)

    def closeEvent(self, event: QCloseEvent) -> None:
        """QMainWindow.closeEvent: keep the window's shape for next time."""
        self.document.stop_reading()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("board/show_done", self.actions_.show_done.isChecked())
        self.settings.setValue("board/zoom", self.board.zoom())
        if self._panel is not None:
            self.settings.setValue("panel/splitter", self._panel.splitter.saveState())
        super().closeEvent(event)
