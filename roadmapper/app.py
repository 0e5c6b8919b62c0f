"""Start the desktop app.

Start-up order, each step needing the one before:

1. ``QApplication``, with organisation and application names so ``QSettings``
   finds the same file every time.
2. The bundled fonts, registered before any widget paints, so cards look the
   same on every laptop and in exports.
3. The database: checked, migrated only when behind (after a backup), and
   filled with the sample roadmap when it was just created.
4. The main window: document, undo stack, board, outcome panel, and the
   geometry of the last session.
5. The event loop.

Alembic, python-pptx and the export writers are not imported on this path.
"""

from __future__ import annotations

import sys

# The store (SQLAlchemy, pydantic: hundreds of modules) before Qt: once PySide6 is
# imported, its import hook reads the source of every later module.
import roadmapper.store.store  # noqa: F401

# isort: split
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from roadmapper import __version__
from roadmapper.core.errors import RoadmapperError
from roadmapper.render.fonts import register_fonts
from roadmapper.store.store import Store
from roadmapper.ui.main_window import MainWindow

ORGANIZATION = "Roadmapper"
APPLICATION = "Roadmapper"


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created with the names QSettings relies on."""
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
    store = Store.open(db)
    if store.database.created:
        from roadmapper.store.interchange import import_sample  # first start only

        import_sample(store)
    return store


def build_window(store: Store) -> MainWindow:
    return MainWindow(store, QSettings())


def run(db: str | None = None) -> int:
    """Open the window on ``db`` (default: the user's own database) and run until it closes."""
    app = application()
    register_fonts()
    try:
        store = open_store(db)
    except RoadmapperError as exc:
        message = str(exc)
        print(f"roadmapper: {message}", file=sys.stderr)
        QMessageBox.critical(
            None, "Roadmapper cannot open the database", message[:1].upper() + message[1:]
        )
        return 1
    window = build_window(store)
    window.show()
    code = app.exec()
    window.store.close()
    return code
