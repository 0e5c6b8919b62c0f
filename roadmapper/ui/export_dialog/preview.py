"""The export dialog's live preview: the first page, painted by the exporter, scaled to fit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from roadmapper.core.text import count
from roadmapper.export.raster import Page, render_image
from roadmapper.render.slide import BoardPage, Overflow, left_out

PAGINATED = (".pdf", ".pptx")
MARGIN = 16
FALLBACK = QSize(640, 400)  # the size to render for before the widget is shown


def overflow_for(suffix: str) -> Overflow:
    """PDF and PowerPoint continue long columns on further pages; pictures end in "+N more"."""
    return Overflow.PAGINATE if suffix in PAGINATED else Overflow.MORE


def page_note(pages: Sequence[Page], suffix: str) -> str:
    """What the preview does not show: further pages, or cards left out of a picture."""
    n = len(pages)
    shown = list(pages) if suffix in PAGINATED else list(pages[:1])
    boards = [p for p in shown if isinstance(p, BoardPage)]
    detail = left_out(boards) if boards else ""
    if suffix in PAGINATED:
        pages_note = f"Page 1 of {n}" if n > 1 else ""
        return f"{pages_note}. {detail}" if pages_note and detail else pages_note or detail
    if n > 1:
        return f"+{n - 1} more: a picture holds the first page; PDF and PowerPoint hold all"
    page = pages[0]
    hidden = sum(note.hidden for note in page.more) if isinstance(page, BoardPage) else 0
    if hidden:
        more = count(hidden, "more card", "more cards")
        return f"+{more} not shown; PDF and PowerPoint continue on more pages. {detail}".strip()
    return detail


class ExportPreview(QWidget):
    """Shows one laid-out page as the export will paint it, or a sentence instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-preview")
        self.setAccessibleName("Export preview")
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._page: Page | None = None
        self._image = QImage()
        self._message = ""

    def page(self) -> Page | None:
        return self._page

    def image(self) -> QImage:
        """The page as painted now (null while a message is shown)."""
        return self._image

    def message(self) -> str:
        return self._message

    def show_page(self, page: Page) -> None:
        self._page, self._message = page, ""
        self._render()

    def show_message(self, text: str) -> None:
        self._page, self._image, self._message = None, QImage(), text
        self.setAccessibleDescription(text)
        self.update()

    def _room(self) -> QSize:
        size = self.size() if self.isVisible() else FALLBACK
        return QSize(max(1, size.width() - 2 * MARGIN), max(1, size.height() - 2 * MARGIN))

    def _render(self) -> None:
        page = self._page
        if page is None:
            return
        room = self._room()
        fit = min(room.width() / page.width, room.height() / page.height)
        ratio = self.devicePixelRatioF()
        image = render_image(page, fit * ratio)
        image.setDevicePixelRatio(ratio)
        self._image = image
        self.setAccessibleDescription("")
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
