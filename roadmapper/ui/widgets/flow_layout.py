"""A layout that places widgets left to right and wraps onto new lines, like words."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Left-to-right rows that wrap at the available width; height follows width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._height_for: tuple[int, int] | None = None  # (width, height) last measured

    def addItem(self, item: QLayoutItem) -> None:
        """QLayout.addItem."""
        self._items.append(item)
        self._height_for = None

    def count(self) -> int:
        """QLayout.count."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """QLayout.itemAt."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """QLayout.takeAt."""
        self._height_for = None
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """QLayout.expandingDirections: never grows beyond its rows."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        """QLayout.hasHeightForWidth."""
        return True

    def heightForWidth(self, width: int) -> int:
        """QLayout.heightForWidth: lay out without moving anything, to measure.

        Qt asks again and again while a window lays out; the answer only changes
        with the width or the items, so the last one is kept.
        """
        if self._height_for is None or self._height_for[0] != width:
            self._height_for = (width, self._arrange(QRect(0, 0, width, 0), move=False))
        return self._height_for[1]

    def invalidate(self) -> None:
        """QLayout.invalidate: an item's size may have changed; measure afresh."""
        self._height_for = None
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        """QLayout.setGeometry."""
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """QLayout.sizeHint."""
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """QLayout.minimumSize: the widest single item."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()
