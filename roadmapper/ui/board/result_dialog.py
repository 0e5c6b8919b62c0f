"""Asked when an experiment moves from Now to Done: did the key result move, what did we learn?"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core import okr
from roadmapper.core.entities import Initiative, RoadmapSnapshot
from roadmapper.ui.widgets.labels import plain_label

PLACEHOLDER = (
    "Did the key result move? By how much? What did we learn, even if the hypothesis failed?"
)


def key_result_lines(snapshot: RoadmapSnapshot, card: Initiative) -> list[str]:
    """Where each key result the card should move stands now, as short sentences."""
    lines = []
    for kr_id in card.key_result_ids:
        kr = snapshot.key_result_by_id.get(kr_id)
        if kr is None:
            continue
        unit = f" {kr.unit}" if kr.unit else ""
        score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
        where = (
            f"tier {score.tiers_reached} of {score.tier_count}" if kr.tiers else "no target tiers"
        )
        lines.append(
            f"{kr.name}: baseline {okr.format_number(kr.baseline)}{unit}, "
            f"now {okr.format_number(kr.current)}{unit} ({where})"
        )
    return lines


class ResultDialog(QDialog):
    """One card's result: a short learning, stored on the initiative."""

    def __init__(
        self, snapshot: RoadmapSnapshot, card: Initiative, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record the result")
        self.setObjectName("result-dialog")
        self.setMinimumWidth(480)
        heading = plain_label(f"“{card.title}” is done. What happened?", wrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        lines = key_result_lines(snapshot, card)
        if lines:
            text = "Key results it should move:\n" + "\n".join(f"• {ln}" for ln in lines)
        else:
            text = "It was linked to no key result, so note what it changed for users."
        where = plain_label(text, wrap=True)
        where.setEnabled(False)
        layout.addWidget(where)
        self.edit = QPlainTextEdit(card.result)
        self.edit.setObjectName("result-edit")
        self.edit.setAccessibleName("What the experiment taught")
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setTabChangesFocus(True)
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Later")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()

    def result(self) -> str:  # type: ignore[override]
        return self.edit.toPlainText().strip()
