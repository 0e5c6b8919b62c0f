"""Export actions: File > Export… and Edit > Copy board as picture."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox, QWidget

from roadmapper.core.errors import RoadmapperError
from roadmapper.core.text import sentence
from roadmapper.ui.board.board import Board
from roadmapper.ui.editing.document import RoadmapDocument
from roadmapper.ui.widgets.actions import make_action

if TYPE_CHECKING:
    from roadmapper.export.options import ExportOptions

# The export code is imported when it is first used, not at start-up: most
# sessions never export, and the window should open as fast as a bare one.

PICTURE_SCALE = 2.0  # 3840 x 2160: crisp on a projector and on a HiDPI laptop
COPIED = "Board copied as a picture: paste it into your slides."


def exported_text(path: Path) -> str:
    """What the notice says once a file is written."""
    return f"Exported “{path.name}” to {path.parent}."


class ExportActions(QObject):
    """Export to a file through the dialog, or copy the board to the clipboard as it is shown."""

    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        document: RoadmapDocument,
        board: Board,
        notify: Callable[[str, Path | None], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.document = document
        self.board = board
        self.notify = notify
        self.export = make_action(
            self,
            window,
            "&Export…",
            self.open_dialog,
            "Ctrl+E",
            "Export the board or the OKR sheets as PNG, SVG, PDF or PPTX",
        )
        self.copy_picture = make_action(
            self,
            window,
            "Copy board as &picture",
            self.copy_board,
            "Ctrl+Shift+C",
            "Copy the board as shown, to paste into a slide",
        )

    def open_dialog(self) -> None:
        from roadmapper.ui.export_dialog.dialog import ExportDialog

        dialog = ExportDialog(self.document.current_snapshot(), self.settings, self.window)
        dialog.exported.connect(lambda path: self.notify(exported_text(path), path))
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def board_options(self) -> ExportOptions:
        """The board as the window shows it: its columns and the highlighted outcome, if any."""
        from roadmapper.export.options import SIZE_PRESETS, ExportOptions

        highlighted = self.board.legend.current()
        width, height = SIZE_PRESETS["16:9"]
        return ExportOptions(
            columns=tuple(self.board.visible_columns()),
            outcome_ids=None if highlighted is None else (highlighted,),
            theme="light",
            width=float(width),
            height=float(height),
            scale=PICTURE_SCALE,
        )

    def board_image(self) -> QImage:
        """The board's first slide as an opaque picture, its DPI set for the slide's size."""
        from roadmapper.export.raster import BASE_DPI, INCH_PER_METER, layout_pages, render_image
        from roadmapper.render.slide import Overflow

        options = self.board_options()
        page = layout_pages(self.document.current_snapshot(), options, Overflow.MORE)[0]
        image = render_image(page, options.scale).convertToFormat(QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(1.0)  # a plain picture of 3840 x 2160 pixels for other apps
        # 192 dpi: pasted into a deck, 3840 pixels are the 13.33 inches of a 16:9 slide.
        dots_per_meter = round(BASE_DPI * options.scale * INCH_PER_METER)
        image.setDotsPerMeterX(dots_per_meter)
        image.setDotsPerMeterY(dots_per_meter)
        return image

    def copy_board(self) -> None:
        try:
            image = self.board_image()
        except RoadmapperError as exc:
            QMessageBox.warning(self.window, "Copy board as picture", sentence(str(exc)))
            return
        except OSError as exc:
            reason = exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))
            QMessageBox.warning(
                self.window, "Copy board as picture", f"Could not copy the board: {reason}."
            )
            return
        QGuiApplication.clipboard().setImage(image)
        self.notify(COPIED, None)
