"""The outcome panel (right dock): business outcomes with the product outcomes they drive."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QTreeWidget, QTreeWidgetItem, QWidget

from roadmapper.core import okr
from roadmapper.core.entities import Outcome, RoadmapSnapshot
from roadmapper.model.enums import Level
from roadmapper.ui.icons import swatch

OUTCOME_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OutcomePanel(QDockWidget):
    """Outcomes as OKRs: "We will <objective>", with key results and where they stand."""

    outcome_selected = Signal(object)
    """An outcome id, or ``None`` when nothing is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Outcomes", parent)
        self.setObjectName("outcome-panel")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("outcome-tree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.setWidget(self.tree)
        self.setMinimumWidth(260)

    def set_snapshot(self, snapshot: RoadmapSnapshot) -> None:
        self.tree.clear()
        business = [o for o in snapshot.outcomes if o.level is Level.BUSINESS]
        business_ids = {o.id for o in business}
        for outcome in business:
            item = self._outcome_item(snapshot, outcome, self.tree.invisibleRootItem())
            for child in snapshot.outcomes:
                if child.parent_id == outcome.id:
                    self._outcome_item(snapshot, child, item)
        for outcome in snapshot.outcomes:
            if outcome.level is Level.PRODUCT and outcome.parent_id not in business_ids:
                self._outcome_item(snapshot, outcome, self.tree.invisibleRootItem())
        self.tree.expandAll()

    def _outcome_item(
        self, snapshot: RoadmapSnapshot, outcome: Outcome, parent: QTreeWidgetItem
    ) -> QTreeWidgetItem:
        kind = "Business outcome" if outcome.level is Level.BUSINESS else "Product outcome"
        item = QTreeWidgetItem(parent, [f"We will {outcome.objective}"])
        item.setIcon(0, swatch(outcome.color))
        item.setData(0, OUTCOME_ID_ROLE, outcome.id)
        item.setToolTip(0, f"{kind}: {outcome.objective}")
        for kr in snapshot.key_results_by_outcome.get(outcome.id, ()):
            score = okr.score(kr.direction, kr.baseline, kr.tiers, kr.current)
            where = (
                f"tier {score.tiers_reached} of {score.tier_count}" if kr.tiers else "no target yet"
            )
            child = QTreeWidgetItem(item, [f"{kr.name} ({where})"])
            child.setData(0, OUTCOME_ID_ROLE, outcome.id)
            child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        return item

    def select_outcome(self, outcome_id: int | None) -> None:
        self.tree.blockSignals(True)
        self.tree.clearSelection()
        if outcome_id is not None:
            for item in self._items():
                if item.data(0, OUTCOME_ID_ROLE) == outcome_id and item.flags() & (
                    Qt.ItemFlag.ItemIsSelectable
                ):
                    item.setSelected(True)
                    self.tree.scrollToItem(item)
        self.tree.blockSignals(False)

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _selection_changed(self) -> None:
        items = self.tree.selectedItems()
        self.outcome_selected.emit(items[0].data(0, OUTCOME_ID_ROLE) if items else None)
