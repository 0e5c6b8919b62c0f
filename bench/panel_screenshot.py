"""Screenshot of the window with a card selected, so the outcome panel shows its why chain."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from roadmapper import app
from roadmapper.model.enums import Column
from roadmapper.render.fonts import register_fonts
from roadmapper.ui.main_window import MainWindow


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the app is created
    work = Path(tempfile.mkdtemp())
    application = app.application()
    register_fonts()
    store = app.open_store(str(work / "roadmap.db"))
    window = MainWindow(store, QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    application.processEvents()
    # The Now card with the most to explain: linked all the way up, and coached.
    window.board.select([window.document.column_ids(Column.NOW)[2]])
    for _ in range(3):
        application.processEvents()
    window.grab().save(str(out))
    store.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("resources/screenshots/panel.png"))
