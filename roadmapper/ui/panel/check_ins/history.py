"""The check-ins of one key result as a table, newest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from roadmapper.core import okr
from roadmapper.core.entities import CheckIn
from roadmapper.ui.widgets.plain_text import plain_tip

COLUMNS = ("Date", "Value", "Confidence", "Note")
CHECK_IN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class CheckInTable(QTableWidget):
    """The history, newest first; Delete removes the selected check-in."""

    edit_requested = Signal()
    """Enter on the selected check-in."""
    delete_requested = Signal()
    """Delete or Backspace on the selected check-in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("check-in-table")
        self.setAccessibleName("Check-ins, newest first")
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.fit_rows(3)

    def fit_rows(self, most: int) -> None:
        """As tall as its rows (at least one, at most ``most``): no empty band under them."""
        rows = max(1, min(most, self.rowCount()))
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(
            rows * self.verticalHeader().defaultSectionSize() + header + 2 * self.frameWidth()
        )

    def event(self, event: QEvent) -> bool:
        """Qt: QWidget.event; keep Delete here rather than let a window shortcut take it."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _DELETE_KEYS
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: QAbstractItemView.keyPressEvent; Delete removes, Enter edits."""
        if event.key() in _DELETE_KEYS:
            self.delete_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit()
            return
        super().keyPressEvent(event)

    def selected_id(self) -> int | None:
        """The id of the selected check-in, if one is selected."""
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.item(rows[0].row(), 0)
        return item.data(CHECK_IN_ID_ROLE) if item is not None else None

    def show_history(self, history: Sequence[CheckIn]) -> None:
        """Show ``history`` (already newest first), keeping the selected check-in selected."""
        selected = self.selected_id()
        self.setRowCount(0)
        self.setRowCount(len(history))
        for row, check_in in enumerate(history):
            confidence = "—" if check_in.confidence is None else f"{check_in.confidence}/10"
            texts = (
                check_in.date.isoformat(),
                okr.format_number(check_in.value),
                confidence,
                " ".join(check_in.note.split()),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(CHECK_IN_ID_ROLE, check_in.id)
                if column in (1, 2):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 3 and text:
                    item.setToolTip(plain_tip(check_in.note))
                self.setItem(row, column, item)
            if check_in.id == selected:
                self.selectRow(row)
