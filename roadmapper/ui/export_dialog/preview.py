"""The export dialog's live preview: one page at a time, painted by the exporter, scaled to fit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from roadmapper.core.text import count
from roadmapper.export.raster import Page, render_image
from roadmapper.render.slide import BoardPage, Overflow, left_out
from roadmapper.render.theme import theme_for_palette
from roadmapper.ui.export_dialog.paging import page_text

PAGINATED = (".pdf", ".pptx")
MARGIN = 16
FALLBACK = QSize(640, 400)  # the size to render for before the widget is shown
_STEPS = {
    Qt.Key.Key_PageUp: -1,
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_PageDown: 1,
    Qt.Key.Key_Right: 1,
}


def overflow_for(suffix: str) -> Overflow:
    """PDF and PowerPoint continue long columns on further pages; pictures end in "+N more"."""
    return Overflow.PAGINATE if suffix in PAGINATED else Overflow.MORE


def page_note(pages: Sequence[Page], suffix: str) -> str:
    """What the file will not hold, or what its cards give up to fit.

    The pages of a PDF or PowerPoint are all in the preview (its page controls
    count them); a picture holds the first page only.
    """
    n = len(pages)
    shown = list(pages) if suffix in PAGINATED else list(pages[:1])
    boards = [p for p in shown if isinstance(p, BoardPage)]
    detail = left_out(boards) if boards else ""
    if suffix in PAGINATED:
        return detail
    if n > 1:
        return f"+{n - 1} more: a picture holds the first page; PDF and PowerPoint hold all"
    page = pages[0]
    hidden = sum(note.hidden for note in page.more) if isinstance(page, BoardPage) else 0
    if hidden:
        more = count(hidden, "more card", "more cards")
        return f"+{more} not shown; PDF and PowerPoint continue on more pages. {detail}".strip()
    return detail


class ExportPreview(QWidget):
    """Shows the laid-out pages one at a time as the export will paint them, or a sentence.

    With more than one page it takes the keyboard focus: Page Up / Page Down or
    Left / Right turn the pages, Home and End go to the first and the last.
    """

    page_changed = Signal(int, int)
    """(index of the page shown, from 0; how many pages): 0, 0 while a message is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-preview")
        self.setAccessibleName("Export preview")
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._pages: list[Page] = []
        self._index = 0
        self._image = QImage()
        self._message = ""

    def page(self) -> Page | None:
        """The page shown now."""
        return self._pages[self._index] if self._pages else None

    def pages(self) -> list[Page]:
        return list(self._pages)

    def page_index(self) -> int:
        return self._index

    def page_count(self) -> int:
        return len(self._pages)

    def image(self) -> QImage:
        """The page as painted now (null while a message is shown)."""
        return self._image

    def message(self) -> str:
        return self._message

    def show_page(self, page: Page) -> None:
        self.show_pages([page])

    def show_pages(self, pages: Sequence[Page], index: int = 0) -> None:
        """Show ``pages``, at ``index`` (clamped to them): the new layout of the same export."""
        if not pages:
            self.show_message("")
            return
        self._pages, self._message = list(pages), ""
        self._index = max(0, min(index, len(self._pages) - 1))
        several = len(self._pages) > 1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if several else Qt.FocusPolicy.NoFocus)
        self._render()
        self.page_changed.emit(self._index, len(self._pages))

    def show_message(self, text: str) -> None:
        self._pages, self._index, self._image, self._message = [], 0, QImage(), text
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleDescription(text)
        self.update()
        self.page_changed.emit(0, 0)

    def set_page_index(self, index: int) -> None:
        """Show page ``index`` (from 0, clamped) of the pages laid out."""
        index = max(0, min(index, len(self._pages) - 1))
        if not self._pages or index == self._index:
            return
        self._index = index
        self._render()
        self.page_changed.emit(self._index, len(self._pages))

    def step(self, delta: int) -> None:
        """Turn ``delta`` pages forward (negative: back)."""
        self.set_page_index(self._index + delta)

    def _room(self) -> QSize:
        size = self.size() if self.isVisible() else FALLBACK
        return QSize(max(1, size.width() - 2 * MARGIN), max(1, size.height() - 2 * MARGIN))

    def _render(self) -> None:
        page = self.page()
        if page is None:
            return
        room = self._room()
        fit = min(room.width() / page.width, room.height() / page.height)
        ratio = self.devicePixelRatioF()
        image = render_image(page, fit * ratio)
        image.setDevicePixelRatio(ratio)
        self._image = image
        count = len(self._pages)
        self.setAccessibleDescription(page_text(self._index, count) if count > 1 else "")
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: QWidget.keyPressEvent; Page Up / Down, Left / Right, Home and End turn pages."""
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and len(self._pages) > 1 and key in _STEPS:
            self.step(_STEPS[Qt.Key(key)])
        elif plain and len(self._pages) > 1 and key == Qt.Key.Key_Home:
            self.set_page_index(0)
        elif plain and len(self._pages) > 1 and key == Qt.Key.Key_End:
            self.set_page_index(len(self._pages) - 1)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Qt: QWidget.focusInEvent; the focus ring shows that the keys turn pages."""
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Qt: QWidget.focusOutEvent."""
        super().focusOutEvent(event)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Qt: QWidget.resizeEvent; the page is painted again at the new size."""
        super().resizeEvent(event)
        self._render()

    def sizeHint(self) -> QSize:
        """Qt: QWidget.sizeHint."""
        return QSize(720, 440)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: QWidget.paintEvent; the page centred on a quiet backdrop, or the message."""
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window).darker(112))
        if self.hasFocus():
            ring = QPen(theme_for_palette(palette).color("focus"), 2)
            painter.setPen(ring)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        if self._image.isNull():
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            area = QRectF(self.rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), self._message)
            return
        size = self._image.deviceIndependentSize()
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        target = QRectF(x, y, size.width(), size.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for spread, alpha in ((3, 18), (2, 28), (1, 40)):
            painter.fillRect(
                target.adjusted(-spread, -spread + 2, spread, spread + 2), QColor(0, 0, 0, alpha)
            )
        painter.drawImage(target.topLeft(), self._image)
