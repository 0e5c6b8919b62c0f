"""The README's pictures: the real window on the sample roadmap, light and dark, two sizes.

Writes ``resources/screenshots/board-{1366x768,1920x1080}-{light,dark}.png`` (or into
the folder given as the first argument): the window at that size, with a Now card
selected so the outcome panel shows its outcome, key results and coaching. Drawn
offscreen with ``QWidget.grab`` (no X server). Each picture is taken in a process of
its own, on a fresh temporary database (the sample, seeded as on a first start) and
fresh settings, so one picture's state never leaks into the next. The bundled fonts
are registered and the widgets' own font is pinned to the bundled Inter, so the
pictures do not depend on the machine's fontconfig. Dark is the dark palette Qt's
Fusion style uses when the system asks for dark, which is what the app follows (the
offscreen platform cannot switch its colour scheme itself).

Usage: python bench/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

SIZES = ((1366, 768), (1920, 1080))
SCHEMES = ("light", "dark")
UI_POINT_SIZE = 10
"""The widgets' font size: between Windows' 9 pt and GNOME's 11 pt."""
SELECTED_NOW_CARD = 2
"""The Now card with the most to explain: linked all the way up, and coached."""
SETTLE_ROUNDS = 6
OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "screenshots"


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]).resolve() if argv else OUT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        for scheme in SCHEMES:
            out = out_dir / f"board-{width}x{height}-{scheme}.png"
            with tempfile.TemporaryDirectory(prefix="roadmapper-shot-") as work:
                env = {
                    **os.environ,
                    "QT_QPA_PLATFORM": "offscreen",
                    "HOME": work,
                    "XDG_CONFIG_HOME": f"{work}/config",
                    "XDG_DATA_HOME": f"{work}/data",
                    "XDG_CACHE_HOME": f"{work}/cache",
                    "XDG_STATE_HOME": f"{work}/state",
                }
                args = [str(width), str(height), scheme, str(out), work]
                done = subprocess.run(
                    [sys.executable, __file__, "--one", *args], env=env, check=False
                )
            if done.returncode != 0:
                print(f"screenshots.py: {out.name} failed", file=sys.stderr)
                return done.returncode
            print(f"wrote {out}")
    return 0


def fusion_dark_palette() -> QPalette:
    """The palette Qt's Fusion style uses in a dark colour scheme (``qt_fusionPalette``)."""
    from PySide6.QtGui import QColor, QPalette

    group, role = QPalette.ColorGroup, QPalette.ColorRole
    window_text = QColor(240, 240, 240)
    background = QColor(50, 50, 50)
    light = background.lighter(150)
    mid = background.darker(130)
    dark = background.darker(150)
    base = background.darker(140)
    highlight = QColor(48, 140, 198)
    disabled_text = QColor(130, 130, 130)
    shadow = dark.darker(135)
    placeholder = QColor(window_text)
    placeholder.setAlpha(128)

    palette = QPalette(window_text, background, light, dark, mid, window_text, base)
    palette.setColor(role.Midlight, mid.lighter(110))
    palette.setColor(role.Button, background)
    palette.setColor(role.Shadow, shadow)
    palette.setColor(role.HighlightedText, window_text)
    palette.setColor(role.PlaceholderText, placeholder)
    palette.setColor(role.Link, highlight)
    palette.setColor(role.ToolTipBase, background)
    palette.setColor(role.ToolTipText, window_text)
    for enabled in (group.Active, group.Inactive):
        palette.setColor(enabled, role.Highlight, highlight)
        palette.setColor(enabled, role.Accent, highlight)
    palette.setColor(group.Disabled, role.Text, disabled_text)
    palette.setColor(group.Disabled, role.WindowText, disabled_text)
    palette.setColor(group.Disabled, role.ButtonText, disabled_text)
    palette.setColor(group.Disabled, role.Base, background)
    palette.setColor(group.Disabled, role.Dark, QColor(209, 209, 209).darker(110))
    palette.setColor(group.Disabled, role.Shadow, shadow.lighter(150))
    palette.setColor(group.Disabled, role.Highlight, QColor(145, 145, 145))
    palette.setColor(group.Disabled, role.Accent, QColor(145, 145, 145))
    return palette


def _quiet_offscreen(_kind: object, _context: object, message: str) -> None:
    """Qt's messages on stderr, but for the offscreen platform's note on every window."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def shoot(width: int, height: int, scheme: str, out: Path, work: Path) -> None:
    """One picture, in this process: a first start on a new database, a card selected."""
    from PySide6.QtCore import QSettings, Qt, qInstallMessageHandler
    from PySide6.QtGui import QFont, QGuiApplication, QPalette

    from roadmapper import app
    from roadmapper.model.enums import Column
    from roadmapper.render.fonts import register_fonts
    from roadmapper.render.theme import relative_luminance

    qInstallMessageHandler(_quiet_offscreen)
    application = app.application()
    font = QFont(register_fonts())
    font.setPointSize(UI_POINT_SIZE)
    application.setFont(font)
    if scheme == "dark":
        # The real switch where the platform has one; the palette it would bring otherwise.
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        application.processEvents()
        window_color = application.palette().color(QPalette.ColorRole.Window)
        if relative_luminance(window_color) >= 0.2:
            application.setPalette(fusion_dark_palette())

    store = app.open_store(str(work / "roadmap.db"))
    try:
        from roadmapper.ui.main_window import MainWindow

        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(store, settings)
        window.resize(width, height)
        window.show()
        for _ in range(SETTLE_ROUNDS):
            application.processEvents()
        window.panel  # noqa: B018  (built after the first paint; at once here)
        window.board.select([window.document.column_ids(Column.NOW)[SELECTED_NOW_CARD]])
        for _ in range(SETTLE_ROUNDS):
            application.processEvents()
        picture = window.grab()
        if picture.size().width() != width or picture.size().height() != height:
            raise SystemExit(
                f"the window is {picture.width()}x{picture.height()}, not {width}x{height}"
            )
        if not picture.save(str(out)):
            raise SystemExit(f"could not write {out}")
        window.close()
    finally:
        store.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        w, h, scheme, out, work = sys.argv[2:7]
        shoot(int(w), int(h), scheme, Path(out), Path(work))
    else:
        sys.exit(main(sys.argv[1:]))
