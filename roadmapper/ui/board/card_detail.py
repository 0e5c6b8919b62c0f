"""A quick look at one initiative: all it says, read-only, without opening the edit dialog.

Non-modal, like a Quick Look: Space or Escape closes it, Return asks to edit.
It follows the document: a change to the card, its outcome or its key results
shows at once; when the card is deleted, or another roadmap is opened, it closes.
One detail window per parent window is kept and reused.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.text import shorten
from roadmapper.model.enums import Column
from roadmapper.ui.board.card_detail_parts import content_widget
from roadmapper.ui.editing.editor import Editor

WIDTH = 520
MAX_HEIGHT = 640
SCREEN_SHARE = 0.9  # of the screen's free height, at most
KEYS = "Read-only. Space or Escape closes, Return edits."
READ_ONLY_TIP = "The roadmap is open read-only, so nothing can be changed in it."


def _no_edit(_initiative_id: int) -> None:
    """Until a caller says what "Edit…" does."""


class CardDetail(QDialog):
    """One initiative, read-only: title, place, outcome, texts and key results."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card-detail")
        self.setModal(False)
        self.setSizeGripEnabled(True)
        self.setMinimumSize(320, 240)
        self.editor = editor
        self.initiative_id: int | None = None
        self.on_edit: Callable[[int], None] = _no_edit
        self._return_to: QWidget | None = None
        """Where the keyboard was when the quick look opened (the card list)."""
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("card-detail-scroll")
        self.scroll_area.setAccessibleName("Initiative details")
        self.scroll_area.setAccessibleDescription(KEYS)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit initiative")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.setToolTip("Close (Space or Escape)")
        self.buttons = buttons = QDialogButtonBox(self)
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.edit_button.setDefault(True)  # Return edits, as it does on the board
        self.edit_button.clicked.connect(self.edit)
        buttons.rejected.connect(self.reject)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(12, 12, 12, 12)
        self.box.addWidget(self.scroll_area, 1)
        self.box.addWidget(buttons)
        document = editor.document
        document.changed.connect(self._card_changed)
        document.moved.connect(self._refresh_if_shown)
        document.added.connect(self._refresh_if_shown)
        document.removed.connect(self._card_removed)
        document.okrs_changed.connect(self._refresh_if_shown)
        document.reset.connect(self.reject)

    # -- showing a card -----------------------------------------------------

    def show_card(self, initiative_id: int, on_edit: Callable[[int], None]) -> None:
        """Show ``initiative_id``, sized to it, raised and with the keyboard focus."""
        self.initiative_id, self.on_edit = initiative_id, on_edit
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            self._return_to = focus
        if not self.refresh():
            return
        self.resize(self.fitting_size())
        self.show()
        self.raise_()
        self.activateWindow()
        self.scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> bool:
        """Show the card as the document has it now; close and say False when it is gone."""
        document = self.editor.document
        card_id = self.initiative_id
        if card_id is None or not document.has_card(card_id):
            self.reject()
            return False
        card = document.card(card_id)
        ids = document.column_ids(card.column)
        focused = QApplication.focusWidget()
        focus_inside = focused is not None and self.scroll_area.isAncestorOf(focused)
        scrolled = self.scroll_area.verticalScrollBar().value()
        content = content_widget(document.snapshot, card, ids.index(card_id), len(ids))
        self.scroll_area.setWidget(content)
        if focus_inside:
            self.scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)
        if scrolled:
            # The new content gets its height at the next layout pass; scroll back then.
            QTimer.singleShot(0, lambda: self.scroll_area.verticalScrollBar().setValue(scrolled))
        self.setWindowTitle(shorten(card.title))
        read_only = self.editor.read_only
        self.edit_button.setEnabled(not read_only)
        self.edit_button.setToolTip(READ_ONLY_TIP if read_only else "Edit this initiative")
        return True

    def fitting_size(self) -> QSize:
        """As tall as the content wants, up to ``MAX_HEIGHT`` and most of the screen."""
        # The stubs say QScreen, but Qt returns None off-screen and with no screen at all.
        screens: tuple[QScreen | None, ...] = (self.screen(), QGuiApplication.primaryScreen())
        screen = next((s for s in screens if s is not None), None)
        room = screen.availableGeometry().size() if screen is not None else QSize(1366, 768)
        width = min(WIDTH, room.width() - 40)
        margins = self.box.contentsMargins()
        content = self.scroll_area.widget()
        wanted = content.heightForWidth(width - margins.left() - margins.right()) if content else 0
        chrome = margins.top() + margins.bottom() + self.box.spacing()
        chrome += self.buttons.sizeHint().height()
        height = min(wanted + chrome + 2, MAX_HEIGHT, int(room.height() * SCREEN_SHARE))
        return QSize(width, max(height, self.minimumHeight()))

    # -- what the buttons and keys do -----------------------------------------

    def done(self, result: int) -> None:
        """Qt: QDialog.done; the keys go back to the card the quick look was opened on,
        even where the window manager does not hand the focus back (or there is none)."""
        super().done(result)
        back, self._return_to = self._return_to, None
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            back.window().activateWindow()
            back.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def edit(self) -> None:
        """Close the quick look and hand the card to the edit callback."""
        card_id = self.initiative_id
        if card_id is None or self.editor.read_only:
            return
        self.accept()
        self.on_edit(card_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: QDialog.keyPressEvent; Space closes a quick look, as it opened it.

        A focused button takes Space first (it presses the button), so this sees
        only a Space the content did not use.
        """
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.reject()
            return
        super().keyPressEvent(event)

    # -- following the document -------------------------------------------------

    def _refresh_if_shown(self, *_args: object) -> None:
        if self.isVisible():
            self.refresh()

    def _card_changed(self, initiative_id: int) -> None:
        if initiative_id == self.initiative_id:
            self._refresh_if_shown()

    def _card_removed(self, initiative_id: int, _column: Column) -> None:
        if initiative_id == self.initiative_id:
            self.reject()
        else:
            self._refresh_if_shown()  # a card above it went: its priority changed


def show_card_detail(
    parent: QWidget, editor: Editor, initiative_id: int, on_edit: Callable[[int], None]
) -> QDialog:
    """Open (or retarget) ``parent``'s quick look on ``initiative_id``; it is not deleted
    on close but hidden, and reused by the next call for the same ``editor``.

    ``on_edit(initiative_id)`` is called after the quick look closes for "Edit…".
    A card the document does not have is not shown: the dialog is returned hidden.
    """
    found = parent.findChildren(CardDetail, options=Qt.FindChildOption.FindDirectChildrenOnly)
    dialog = next((d for d in found if d.editor is editor), None)
    if dialog is None:
        dialog = CardDetail(editor, parent)
    dialog.show_card(initiative_id, on_edit)
    return dialog
