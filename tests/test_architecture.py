"""The layering rules of ARCHITECTURE.md, enforced."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "roadmapper"


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command;"
            " sys.exit(lint_imports_command())",
        ],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or "0 broken" in result.stdout.lower()


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("package", ["render", "ui/editing"])
def test_never_imports_widgets(package: str) -> None:
    """The painters and the editing path (document, editor, commands) run without widgets."""
    offenders = [
        p.name
        for p in (PACKAGE / package).rglob("*.py")
        if any("QtWidgets" in m for m in imported_modules(p))
    ]
    assert offenders == []


def test_model_has_no_postponed_annotations() -> None:
    for path in (PACKAGE / "model").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        futures = [
            n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "__future__"
        ]
        assert futures == [], path


STARTUP_PROBE = """
import sys
from roadmapper import app, cli
# What `roadmapper --db DB` does before its event loop.
window = app.start(cli.build_parser().parse_args(["--db", sys.argv[1]]).db)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from roadmapper.model.enums import Column

heavy = ("alembic", "pptx", "roadmapper.export", "roadmapper.core.lint")

def report():
    print("heavy:" + ",".join(m for m in sys.modules if m.startswith(heavy)), flush=True)
    QApplication.instance().quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

probe = FirstPaint()
window.board.views[Column.NOW].viewport().installEventFilter(probe)
QApplication.instance().exec()
window.store.close()
"""


def test_startup_path_does_not_import_heavy_modules(tmp_path: Path) -> None:
    """Up to the board's first paint on an existing database: no migrations, no slide
    writers, no lint rules yet. (The first start creates the database with Alembic.)"""
    db = tmp_path / "roadmap.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    heavy_at_start = []
    for _ in ("creating", "opening"):
        result = subprocess.run(
            [sys.executable, "-c", STARTUP_PROBE, str(db)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        heavy_at_start += [line for line in result.stdout.splitlines() if line.startswith("heavy:")]
    assert len(heavy_at_start) == 2 and heavy_at_start[0].startswith("heavy:alembic")
    assert heavy_at_start[1] == "heavy:"
