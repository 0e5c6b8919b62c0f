"""Start the desktop app.

``start`` takes these steps, in this order, each needing the one before:

1. The database. An existing SQLite file at the current schema that opens
   writable (the everyday case) is read with ``sqlite3`` alone
   (``store.deferred``): SQLAlchemy, SQLModel and pydantic, a good half of a
   bare start, are not imported before the board has painted. Any other
   database is opened by the full store as before: checked, migrated only
   when behind (after a backup), and filled with the sample roadmap when it
   was just created.
2. ``QApplication``, with organisation and application names so ``QSettings``
   finds the same file every time, and the desktop entry's name so the
   window gets its icon under Wayland. PySide6's import hook is then told not
   to read the source of each module imported after it
   (``skip_pyside_source_scan``).
3. The bundled fonts and the app icon, read as package data before any
   widget paints, so cards look the same on every laptop and in exports.
4. The main window: document, undo stack and board, sized to fit the screen
   and shown at once; the outcome panel follows the board's first paint.
5. Files the system asks to open (macOS Finder) go to that window.
6. Once the window is ready, the first read's answers are dropped, and a
   daemon thread imports the full store, so the first edit finds it loaded
   (an edit that comes sooner waits on the import lock for that import).
   Then the window reads its other roadmaps ahead, in idle time
   (``ui.read_ahead``), so the first switch to one reads nothing.

``run`` first checks that there is a display to open the window on, so a
missing or unreachable one is a sentence, not Qt's abort.

The cyclic garbage collector is paused for these steps: they allocate a few
hundred thousand objects that live as long as the app, and collecting them
over and over is about a tenth of the start-up time. Once the window is
ready, one collection clears start-up's garbage, the survivors are frozen out
of later collections, and the collector runs again. The warm-up thread
pauses it again while it imports, and freezes what the import made.

Alembic, python-pptx and the export writers are not imported on this path.
Qt is imported inside the functions below, so importing this module is cheap.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from typing import TYPE_CHECKING

from roadmapper import __version__
from roadmapper.core.errors import DatabaseError, RoadmapperError
from roadmapper.core.text import sentence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from roadmapper.store.deferred import DeferredStore
    from roadmapper.store.interface import RoadmapStore
    from roadmapper.store.store import Store
    from roadmapper.ui.main_window import MainWindow

ORGANIZATION = "Roadmapper"
APPLICATION = "Roadmapper"
RESUME_COLLECTOR_MS = 5000
WARM_UP_SWITCH_INTERVAL_S = 0.0005
"""Python's thread switch interval while the warm-up thread imports. The window's thread
takes the GIL back at every Qt call into Python (each card a repaint draws), and waits up
to the interval each time: at the default 5 ms a repaint then took up to 25 ms here."""


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, created with the names QSettings relies on."""
    from PySide6.QtWidgets import QApplication

    skip_pyside_source_scan()
    from roadmapper.resources import DESKTOP_ID
    from roadmapper.ui.application import Application

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(DESKTOP_ID)
    return Application(argv if argv is not None else sys.argv[:1])


def skip_pyside_source_scan() -> bool:
    """Stop PySide6 reading the source of every module imported after it.

    PySide6's import hook asks of each newly imported module whether its source
    mentions PySide6, to set the module's default for ``from __feature__ import``.
    That read is about a quarter of a millisecond a module: some 25 ms of start-up
    for the board's modules, and ~10 MB of SQLAlchemy's, SQLModel's and pydantic's
    source read (and kept in ``linecache``) by the warm-up. No module here or in a dependency
    selects a ``__feature__``, so the answer changes nothing; it is given from the
    module's name instead. Returns False (and changes nothing) when this PySide6
    has no such hook.
    """
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(scan):
        return False
    if getattr(scan, "by_name", False):
        return True

    def uses_pyside(module: object) -> bool:
        name = getattr(module, "__name__", "")
        return isinstance(name, str) and name.partition(".")[0] in ("roadmapper", "PySide6")

    uses_pyside.by_name = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


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


def window_store(db: str | None) -> RoadmapStore:
    """The store the window starts on: a ``DeferredStore`` when the first read can answer
    the start, else the full store (``open_store``)."""
    from roadmapper.store.deferred import DeferredStore

    deferred = DeferredStore.open(db)
    return deferred if deferred is not None else open_store(db)


def build_window(store: RoadmapStore) -> MainWindow:
    from PySide6.QtCore import QSettings

    from roadmapper.ui.main_window import MainWindow

    return MainWindow(store, QSettings())


def start(db: str | None = None, *, warm_up: bool = True) -> MainWindow:
    """Open ``db``, then show the window on it; the event loop is the caller's.

    ``warm_up``: import the full store on a daemon thread once the window is
    ready, and read the other roadmaps ahead (step 6). Raises ``RoadmapperError``
    when the database cannot be opened or read (the store is closed again and
    nothing is shown then).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        store = window_store(db)
        try:
            qapp = application()
            from roadmapper.render.fonts import register_fonts
            from roadmapper.ui.widgets.icons import app_icon

            register_fonts()
            qapp.setWindowIcon(app_icon())
            window = build_window(store)
            window.show()
            from roadmapper.ui.application import Application

            if isinstance(qapp, Application):
                qapp.set_opener(window.files.open_path)
        except BaseException:
            store.close()
            raise
    except BaseException:
        if collecting:
            gc.enable()
        raise
    from PySide6.QtCore import QTimer

    if collecting:
        window.ready.connect(_resume_collector)
        # Also if the window never paints (started minimised, say).
        QTimer.singleShot(RESUME_COLLECTOR_MS, _resume_collector)
    from roadmapper.store.deferred import DeferredStore

    if isinstance(store, DeferredStore):

        def end_first_read() -> None:
            _end_first_read(store, warm_up=warm_up, collecting=collecting)

        window.ready.connect(end_first_read)
        QTimer.singleShot(RESUME_COLLECTOR_MS, end_first_read)
    if warm_up:
        window.ready.connect(window.read_ahead.start)
    return window


def _resume_collector() -> None:
    """Collect start-up's garbage once, keep its long-lived objects out of every later
    collection, and let the collector run again. Does nothing once it runs."""
    if not gc.isenabled():
        gc.collect()
        gc.freeze()
        gc.enable()


def _end_first_read(store: DeferredStore, *, warm_up: bool, collecting: bool) -> None:
    """Drop the first read's answers; ``warm_up``: import the full store on a daemon thread."""
    from roadmapper.store.deferred import FULL_STORE

    store.forget_first_read()
    if warm_up and FULL_STORE not in sys.modules:
        thread = threading.Thread(
            target=_import_full_store, args=(collecting,), name="roadmapper-warm-up", daemon=True
        )
        thread.start()


def _import_full_store(collecting: bool) -> None:
    """The warm-up thread. What the import makes lives as long as the app, so it is kept
    out of later collections, as start-up's objects are."""
    from roadmapper.store.deferred import import_full_store

    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, WARM_UP_SWITCH_INTERVAL_S))
    if collecting:
        gc.disable()
    try:
        import_full_store()
    except ImportError:
        pass  # a broken installation: the first use that needs the store says so
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
        sys.setswitchinterval(interval)


def run(db: str | None = None) -> int:
    """Open the window on ``db`` (default: the user's own database) and run until it closes."""
    problem = display_problem()
    if problem is not None:
        print(f"roadmapper: {problem}", file=sys.stderr)
        return 1
    try:
        window = start(db)
    except RoadmapperError as exc:
        message = str(exc)
        print(f"roadmapper: {message}", file=sys.stderr)
        from PySide6.QtWidgets import QMessageBox

        application()
        title = (
            "Roadmapper cannot open the database"
            if isinstance(exc, DatabaseError)
            else "Roadmapper cannot start"
        )
        QMessageBox.critical(None, title, sentence(message))
        return 1
    code = application().exec()
    window.store.close()
    return code


def display_problem() -> str | None:
    """Why the window could not be shown on this Linux session, or None when it can.

    Qt aborts the process when its platform cannot connect to a display; this
    asks first. Only the X11 case needs a check: a Wayland session, another
    platform named in ``QT_QPA_PLATFORM`` or another system is left to Qt.
    """
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if platform and platform.split(":")[0] != "xcb":
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None
    display = os.environ.get("DISPLAY", "").strip()
    headless = "the headless commands, such as `roadmapper export`, need none"
    if not display:
        return f"there is no display to open the window on (DISPLAY is not set); {headless}."
    if not x_display_reachable(display):
        return f"cannot reach the display {display} to open the window; {headless}."
    return None


def x_display_reachable(display: str, timeout: float = 2.0) -> bool:
    """Whether an X server listens at ``display`` (``:0``, ``unix:1``, ``host:0.0``)."""
    import socket  # only here: the module's enums cost a start without X11 some 7 ms

    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux X servers listen on an abstract socket too; either one will do.
        return _connects(socket.AF_UNIX, "\0" + path, timeout) or _connects(
            socket.AF_UNIX, path, timeout
        )
    return _connects(socket.AF_INET, (host, 6000 + int(number)), timeout)


def _connects(family: int, address: str | tuple[str, int], timeout: float) -> bool:
    import socket

    try:
        if family == socket.AF_INET:
            with socket.create_connection(address, timeout):  # type: ignore[arg-type]
                return True
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(address)
            return True
    except OSError:
        return False
