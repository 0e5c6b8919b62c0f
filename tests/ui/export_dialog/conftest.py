"""Export dialog fixtures: a dialog on a snapshot, shown, its preview painted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.ui.export_dialog.dialog import ExportDialog


@pytest.fixture
def make_dialog(qtbot, settings: QSettings) -> Callable[[RoadmapSnapshot], ExportDialog]:
    def make(snapshot: RoadmapSnapshot) -> ExportDialog:
        dialog = ExportDialog(snapshot, settings)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.refresh_preview()
        return dialog

    return make
