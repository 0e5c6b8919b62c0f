"""Start the desktop app.

``start`` takes these steps, in this order, each needing the one before:

1. The database: checked, migrated only when behind (after a backup), and
   filled with the sample roadmap when it was just created. This happens
   before Qt is imported: once PySide6 is loaded, its import hook reads the
   source of every module imported after it, and opening the first engine
   imports a few dozen SQLAlchemy modules.
2. ``QApplication``, with organisation and application names so ``QSettings``
   finds the same file every time.
3. The bundled fonts, registered before any widget paints, so cards look the
   same on every laptop and in exports.
4. The main window: document, undo stack and board, shown at once; the outcome
   panel follows the board's first paint.

The cyclic garbage collector is paused for these steps: they allocate a few
hundred thousand objects that live as long as the app, and collecting them
over and over is about a tenth of the start-up time. Once the window is
ready, one collection clears start-up's garbage, the survivors are frozen out
of later collections, and the collector runs again.

Alembic, python-pptx and the export writers are not imported on this path.
Qt is imported inside the functions below, so importing this module is cheap.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from roadmapper import __version__
from roadmapper.core.errors import RoadmapperError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from roadmapper.store.store import Store
    from roadmapper.ui.main_window import MainWindow

ORGANIZATION = "Roadmapper"
APPLICATION = "Roadmapper"
RESUME_COLLECTOR_MS = 5000


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created with the names QSettings relies on."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("roadmapper")
    return QApplication(argv if argv is not None else sys.argv[:1])


def open_store(db: str | None) -> Store:
    """Open the database and, on its first start, fill it with the sample roadmap."""
    from roadmapper.store.store import Store

    store = Store.open(db)
    if store.database.created:
        from roadmapper.store.interchange import import_sample  # first start only

        try:
            import_sample(store)
        except BaseException:
            store.close()
            raise
    return store


def build_window(store: Store) -> MainWindow:
    from PySide6.QtCore import QSettings

    from roadmapper.ui.main_window import MainWindow

    return MainWindow(store, QSettings())


def start(db: str | None = None) -> MainWindow:
    """Open ``db``, then show the window on it; the event loop is the caller's.

    Raises ``RoadmapperError`` when the database cannot be opened or read (the
    store is closed again and nothing is shown then).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        store = open_store(db)
        try:
            application()
            from roadmapper.render.fonts import register_fonts

            register_fonts()
            window = build_window(store)
            window.show()
        except BaseException:
            store.close()
            raise
    except BaseException:
        if collecting:
            gc.enable()
        raise
    if collecting:
        from PySide6.QtCore import QTimer

        window.ready.connect(_resume_collector)
        # Also if the window never paints (started minimised, say).
        QTimer.singleShot(RESUME_COLLECTOR_MS, _resume_collector)
    return window


def _resume_collector() -> None:
    """Collect start-up's garbage once, keep its long-lived objects out of every later
    collection, and let the collector run again. Does nothing once it runs."""
    if not gc.isenabled():
        gc.collect()
        gc.freeze()
        gc.enable()


def run(db: str | None = None) -> int:
    """Open the window on ``db`` (default: the user's own database) and run until it closes."""
    try:
        window = start(db)
    except RoadmapperError as exc:
        message = str(exc)
        print(f"roadmapper: {message}", file=sys.stderr)
        from PySide6.QtWidgets import QMessageBox

        application()
        QMessageBox.critical(
            None, "Roadmapper cannot open the database", message[:1].upper() + message[1:]
        )
        return 1
    code = application().exec()
    window.store.close()
    return code
