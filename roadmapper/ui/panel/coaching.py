"""The coaching list: the lint's findings about one outcome or one card, each dismissible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.refs import Refs
from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.widgets.labels import MutedLabel, plain_label

if TYPE_CHECKING:
    # The lint rules compile many patterns; they load with the first finding shown.
    from roadmapper.core.lint import Finding

NO_SCOPE = "Select an outcome or a card to see coaching notes"
NOTHING_FOR_OUTCOME = "No coaching notes for this outcome and its key results."
NOTHING_FOR_CARD = "No coaching notes for this card."
ALL_DISMISSED = "Nothing open here: every coaching note was dismissed."
ICON_SIZE = 16

Scope = tuple[str, int]
"""("outcome", id) or ("initiative", id)."""


def dismissal(finding: Finding) -> tuple[str, str, int]:
    return (finding.code, finding.subject_kind, finding.subject_id)


class FindingRow(QWidget):
    """One finding: an icon, the message, the suggestion in muted text, and its button."""

    def __init__(self, finding: Finding, dismissed: bool, on_click: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("coaching-row")
        self.finding = finding
        self.dismissed = dismissed
        warning = finding.severity.value == "warning"
        kind = "Warning" if warning else "Tip"
        self.setAccessibleName(f"{kind}: {finding.message}")
        icon = QLabel()
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if warning
            else (QStyle.StandardPixmap.SP_MessageBoxInformation)
        )
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(ICON_SIZE, ICON_SIZE))
        icon.setToolTip(kind)
        icon.setFixedWidth(ICON_SIZE + 2)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        # Dismissed: muted, but still readable (a disabled label would not be).
        self.message = MutedLabel(finding.message) if dismissed else plain_label(finding.message)
        self.message.setWordWrap(True)
        self.message.setObjectName("coaching-message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion = MutedLabel(finding.suggestion)
        self.suggestion.setObjectName("coaching-suggestion")
        self.suggestion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QToolButton()
        if dismissed:
            self.button.setText("Restore")
            self.button.setObjectName("restore-finding")
            self.button.setToolTip("Show this note again with the others")
        else:
            self.button.setText("Dismiss")
            self.button.setObjectName("dismiss-finding")
            self.button.setToolTip("Hide this note; “Show dismissed” lists it again")
        self.button.setAccessibleName(f"{self.button.text()}: {finding.message}")
        self.button.clicked.connect(on_click)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.message)
        text.addWidget(self.suggestion)
        text.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 8, 6, 2)
        row.setSpacing(8)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent; a rounded card, dashed and unfilled once dismissed."""
        theme = theme_for_palette(self.palette())
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.dismissed:
            p.setPen(QPen(theme.color("border_hover"), 1, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            p.setPen(QPen(theme.color("border"), 1))
            p.setBrush(theme.color("surface"))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        p.end()


class CoachingList(QWidget):
    """Findings for the outcome or card in view; refreshed, coalesced, after every edit."""

    rendered = Signal(int)
    """The rows were rebuilt: how many open (not dismissed) findings they show."""

    def __init__(self, editor: Editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coaching-list")
        self.setAccessibleName("Coaching notes")
        self.editor = editor
        self.today: Callable[[], dt.date] = dt.date.today
        self.scope: Scope | None = None
        self.rows: list[FindingRow] = []
        """The rows shown, top to bottom: open findings, then dismissed ones when listed."""
        self._found: tuple[Scope, list[Finding]] | None = None
        """The scope's findings as last linted; None: an edit may have changed them."""
        self._shown: tuple[object, ...] | None = None  # what the rows show, to skip a rebuild
        self._focus_row: int | None = None
        self.hint = MutedLabel(NO_SCOPE)
        self.hint.setObjectName("coaching-hint")
        self.show_dismissed = QCheckBox(self)
        self.show_dismissed.setObjectName("show-dismissed")
        self.show_dismissed.toggled.connect(self._render)
        self._open_list, self._dismissed_list = QVBoxLayout(), QVBoxLayout()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        for part in (self.hint, self._open_list, self.show_dismissed, self._dismissed_list):
            if isinstance(part, QVBoxLayout):
                part.setSpacing(6)
                box.addLayout(part)
            else:
                box.addWidget(part)
        box.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._render)
        doc = editor.document
        for signal in (doc.reset, doc.okrs_changed, doc.changed, doc.moved, doc.added):
            signal.connect(self._invalidate)
        doc.removed.connect(self._invalidate)
        self._render()

    def show_for(self, outcome_id: int | None = None, card_id: int | None = None) -> None:
        """Show the findings of an outcome and its key results, or of a card, or none."""
        if outcome_id is not None:
            self.scope = ("outcome", outcome_id)
        elif card_id is not None:
            self.scope = ("initiative", card_id)
        else:
            self.scope = None
        self._render()

    def _invalidate(self, *_args: object) -> None:
        """An edit happened: lint the scope again once the event loop is idle, however
        many edits (only the scope: an outcome and its key results, or one card)."""
        self._found = None
        self._timer.start()

    def _scoped(self) -> tuple[list[Finding], list[Finding]]:
        """(open, dismissed) findings of the scope; warnings before tips, otherwise lint order."""
        if self.scope is None or not self._scope_exists():
            return [], []
        if self._found is None or self._found[0] != self.scope:
            self._found = (self.scope, self._lint_scope(self.scope))
        snapshot = self.editor.document.snapshot
        mine = sorted(self._found[1], key=lambda f: f.severity.value != "warning")
        dismissed = snapshot.dismissed
        return (
            [f for f in mine if dismissal(f) not in dismissed],
            [f for f in mine if dismissal(f) in dismissed],
        )

    def _lint_scope(self, scope: Scope) -> list[Finding]:
        """Only the scope's own rules, so 10,000 cards and 200 key results cost nothing here:
        an outcome's rules and its key results', or one card's; the panel shows no refs."""
        from roadmapper.core.lint import lint_initiatives, lint_outcome

        document = self.editor.document
        kind, subject_id = scope
        if kind == "outcome":
            return lint_outcome(document.snapshot, subject_id, Refs(), today=self.today())
        card = document.card(subject_id)
        return lint_initiatives(document.snapshot, [card], Refs(), today=self.today())

    def _scope_exists(self) -> bool:
        assert self.scope is not None
        kind, subject_id = self.scope
        if kind == "outcome":
            return subject_id in self.editor.document.snapshot.outcome_by_id
        return self.editor.document.has_card(subject_id)

    def findings(self) -> list[Finding]:
        """The open (not dismissed) findings of the scope, as listed."""
        return self._scoped()[0]

    def dismissed_findings(self) -> list[Finding]:
        return self._scoped()[1]

    # -- rows ---------------------------------------------------------------

    def _render(self) -> None:
        self._timer.stop()
        open_findings, dismissed = self._scoped()
        shown = (
            self.scope,
            tuple(open_findings),
            tuple(dismissed),
            self.show_dismissed.isChecked(),
            self._scope_exists() if self.scope else False,
        )
        if shown == self._shown and self._focus_row is None:
            return  # a move that changed none of the scope's findings: nothing to redo
        if not self.isVisible():
            # Behind another tab: the count is enough now; the rows wait for showEvent.
            self._shown = None
            self.rendered.emit(len(open_findings))
            return
        self._shown = shown
        for row in self.rows:
            self._open_list.removeWidget(row)
            self._dismissed_list.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        listed = [(f, False) for f in open_findings]
        if self.show_dismissed.isChecked():
            listed += [(f, True) for f in dismissed]
        for finding, is_dismissed in listed:
            row = FindingRow(finding, is_dismissed, self._clicker(finding, is_dismissed))
            (self._dismissed_list if is_dismissed else self._open_list).addWidget(row)
            row.show()  # at once, not when the layout next activates
            self.rows.append(row)
        self.hint.setText(self._empty_text(len(dismissed)))
        self.hint.setVisible(not open_findings)
        self.show_dismissed.setText(f"Show dismissed ({len(dismissed)})")
        self.show_dismissed.setVisible(bool(dismissed) or self.show_dismissed.isChecked())
        self._restore_focus()
        self.rendered.emit(len(open_findings))

    def showEvent(self, event: QShowEvent) -> None:
        """QWidget.showEvent: build the rows an edit left for later while hidden."""
        super().showEvent(event)
        if self._shown is None:
            self._render()

    def _empty_text(self, dismissed: int) -> str:
        if self.scope is None or not self._scope_exists():
            return NO_SCOPE
        if dismissed:
            return ALL_DISMISSED
        return NOTHING_FOR_OUTCOME if self.scope[0] == "outcome" else NOTHING_FOR_CARD

    def _clicker(self, finding: Finding, is_dismissed: bool) -> Callable[[], None]:
        def clicked() -> None:
            self._focus_row = next(
                (n for n, row in enumerate(self.rows) if row.finding == finding), None
            )
            code, kind, subject_id = dismissal(finding)
            self.editor.dismiss(code, kind, subject_id, dismissed=not is_dismissed)

        return clicked

    def _restore_focus(self) -> None:
        """After a dismiss or restore, keep the keyboard near where it was."""
        index, self._focus_row = self._focus_row, None
        if index is None:
            return
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].button.setFocus()
        elif self.show_dismissed.isVisible():
            self.show_dismissed.setFocus()
