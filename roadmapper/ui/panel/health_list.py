"""The list a health tile opens: what keeps it from full, each entry one click from its place."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.health import Measure
from roadmapper.core.health_offenders import Offender, Subject
from roadmapper.core.palette import UNLINKED_COLOR, is_color
from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.panel.health_text import TileText, headline
from roadmapper.ui.widgets.labels import MutedLabel, emphasize, plain_label
from roadmapper.ui.widgets.plain_text import plain_tip

SUBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
COLOR_ROLE = Qt.ItemDataRole.UserRole + 4

MAX_WIDTH = 400
"""Fits a 420 px dock with its margins."""
MIN_WIDTH = 260
MAX_LIST_HEIGHT = 300
PAD_X, PAD_Y, SWATCH, GAP, LINE_GAP = 8, 6, 10, 8, 2
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

Index = QModelIndex | QPersistentModelIndex

NO_UPDATE = QItemSelectionModel.SelectionFlag.NoUpdate

WHERE = {
    Subject.CARD: "Choose one to select it on the board.",
    Subject.OUTCOME: "Choose one to select it in the outcome tree.",
    Subject.KEY_RESULT: "Choose one to show it with its outcome.",
}


class OffenderDelegate(QStyledItemDelegate):
    """An entry: the outcome's colour, the whole name wrapped, then a muted line of detail."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    def text_width(self, row_width: int) -> int:
        return max(row_width - 2 * PAD_X - SWATCH - GAP, 40)

    def height_for(self, index: Index, row_width: int) -> int:
        """The row's height when it is ``row_width`` wide."""
        width = self.text_width(row_width)
        name = self.view.fontMetrics().boundingRect(
            QRect(0, 0, width, 100_000), WRAP, index.data(Qt.ItemDataRole.DisplayRole) or ""
        )
        detail = self.view.fontMetrics().boundingRect(
            QRect(0, 0, width, 100_000), WRAP, index.data(DETAIL_ROLE) or ""
        )
        return name.height() + LINE_GAP + detail.height() + 2 * PAD_Y

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """QStyledItemDelegate.sizeHint: measured at the width the row really gets."""
        width = self.view.viewport().width()
        return QSize(width, self.height_for(index, width))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """QStyledItemDelegate.paint: hover tint, a focus ring on the current entry, our text."""
        theme = theme_for_palette(self.view.palette())
        rect = option.rect
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5)
        if state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.color("selected_surface"))
            painter.drawRoundedRect(box, 4, 4)
        if state & QStyle.StateFlag.State_HasFocus and self.view.hasFocus():
            painter.setPen(QPen(theme.color("focus"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, 4, 4)
        width = self.text_width(rect.width())
        left = rect.left() + PAD_X + SWATCH + GAP
        fm = self.view.fontMetrics()
        color = index.data(COLOR_ROLE)
        fill = QColor(color if isinstance(color, str) and is_color(color) else UNLINKED_COLOR)
        painter.setPen(QPen(fill.darker(130), 1))
        painter.setBrush(fill)
        top = rect.top() + PAD_Y + (fm.height() - SWATCH) / 2
        painter.drawRoundedRect(QRectF(rect.left() + PAD_X, top, SWATCH, SWATCH), 2, 2)
        name = index.data(Qt.ItemDataRole.DisplayRole) or ""
        name_box = QRect(left, rect.top() + PAD_Y, width, rect.height())
        painter.setFont(self.view.font())
        painter.setPen(theme.color("text"))
        drawn = painter.boundingRect(name_box, WRAP, name)
        painter.drawText(name_box, WRAP, name)
        painter.setPen(theme.color("muted_text"))
        detail_box = QRect(left, drawn.bottom() + 1 + LINE_GAP, width, rect.height())
        painter.drawText(detail_box, WRAP, index.data(DETAIL_ROLE) or "")
        painter.restore()


class OffenderList(QListWidget):
    """The entries; a click, Enter or Space chooses one."""

    chosen = Signal(str, int)
    """(subject, id) of the entry chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("health-offenders")
        self.setItemDelegate(OffenderDelegate(self))
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self._choose)

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(index.data(SUBJECT_ROLE), index.data(ID_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """QListWidget.keyPressEvent: Enter or Space chooses the current entry."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._choose(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QListWidget.resizeEvent: re-wrap the entries at the new width."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


def entry(offender: Offender) -> QListWidgetItem:
    """One list entry; the tooltip carries the whole text, shown as typed."""
    detail = f"{offender.problem} · {offender.context}"
    item = QListWidgetItem(offender.name)
    item.setData(SUBJECT_ROLE, offender.subject.value)
    item.setData(ID_ROLE, offender.id)
    item.setData(DETAIL_ROLE, detail)
    item.setData(COLOR_ROLE, offender.color)
    item.setToolTip(plain_tip(f"{offender.name}\n{detail}"))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{offender.name}. {detail}.")
    return item


class HealthList(QFrame):
    """A popup under the strip: one sentence, then the offenders (if any), then advice."""

    chosen = Signal(str, int)
    """(subject, id): the person chose this entry; the popup has closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("health-list")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.key = ""
        self.headline = plain_label(wrap=True, name="health-list-headline")
        emphasize(self.headline, 0, QFont.Weight.DemiBold)
        self.list = OffenderList(self)
        self.advice = MutedLabel()
        self.advice.setObjectName("health-list-advice")
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addWidget(self.headline)
        layout.addWidget(self.list)
        layout.addWidget(self.advice)
        self.list.chosen.connect(self._chosen)

    def set_offenders(
        self, text: TileText, measure: Measure, offenders: Sequence[Offender]
    ) -> None:
        """Show ``offenders`` of the tile ``text`` measuring ``measure``."""
        self.key = text.key
        sentence = headline(text, len(offenders), measure.total)
        self.headline.setText(sentence)
        self.setAccessibleName(f"{text.label}: {sentence}")
        self.list.clear()
        for offender in offenders:
            self.list.addItem(entry(offender))
        self.list.setVisible(bool(offenders))
        if offenders:
            where = WHERE[offenders[0].subject]
            self.list.setAccessibleName(f"{text.label}: what needs attention")
            self.list.setAccessibleDescription(where)
            self.list.setToolTip("")
            self.advice.setText(f"{where} {text.advice}")
            first = self.list.model().index(0, 0)
            self.list.selectionModel().setCurrentIndex(first, NO_UPDATE)
        self.advice.setVisible(bool(offenders))

    def entries(self) -> list[tuple[str, int, str]]:
        """(subject, id, name) of every entry, in order."""
        return [
            (item.data(SUBJECT_ROLE), item.data(ID_ROLE), item.text())
            for item in (self.list.item(row) for row in range(self.list.count()))
        ]

    def fit(self, width: int) -> None:
        """Take ``width`` (clamped to fit the dock) and as much height as the entries need."""
        width = max(MIN_WIDTH, min(width, MAX_WIDTH))
        self.setFixedWidth(width)
        margins = self._layout.contentsMargins()
        frames = 2 * (self.frameWidth() + self.list.frameWidth())
        row_width = width - margins.left() - margins.right() - frames
        delegate = self.list.itemDelegate()
        assert isinstance(delegate, OffenderDelegate)
        rows = sum(
            delegate.height_for(self.list.model().index(r, 0), row_width)
            for r in range(self.list.count())
        )
        self.list.setFixedHeight(min(rows + 2 * self.list.frameWidth(), MAX_LIST_HEIGHT))
        self.adjustSize()

    def popup_under(self, anchor: QWidget, width: int) -> None:
        """Open below ``anchor``'s left edge, kept on its screen."""
        self.fit(width)
        where = anchor.mapToGlobal(QPoint(0, anchor.height() + 2))
        screen = anchor.screen().availableGeometry()
        x = min(max(where.x(), screen.left()), screen.right() - self.width() + 1)
        y = where.y()
        if y + self.height() > screen.bottom():
            y = max(screen.top(), anchor.mapToGlobal(QPoint(0, 0)).y() - self.height() - 2)
        self.move(x, y)
        self.show()
        (self.list if self.list.isVisible() else self).setFocus()

    def _chosen(self, subject: str, item_id: int) -> None:
        self.close()
        self.chosen.emit(subject, item_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """QFrame.keyPressEvent: Escape closes the popup."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            event.accept()
            return
        super().keyPressEvent(event)
