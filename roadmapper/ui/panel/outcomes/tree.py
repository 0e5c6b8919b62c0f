"""The outcome tree: business outcomes with the product outcomes they drive; drags re-parent."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QDropEvent,
    QHelpEvent,
    QIcon,
    QKeyEvent,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QWidget,
)

from roadmapper.core.entities import Outcome
from roadmapper.core.text import we_will
from roadmapper.model.enums import Level
from roadmapper.ui.editing.document import KEPT_ROADMAPS
from roadmapper.ui.editing.editor import Editor
from roadmapper.ui.panel.outcomes.text import tooltip
from roadmapper.ui.widgets.icons import swatch
from roadmapper.ui.widgets.pictures import paint_scroll_bars_from_pictures
from roadmapper.ui.widgets.plain_text import plain_tip
from roadmapper.ui.widgets.viewports import own_viewport

OUTCOME_MIME_TYPE = "application/x-roadmapper-outcome"
"""Drag payload: the JSON id of one outcome."""

OUTCOME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

ROW_PADDING = 6
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
)
_BUSINESS_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsDropEnabled
"""Every row's flags, made once: Qt asks for them on every layout and paint."""


def encode_outcome(outcome_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(OUTCOME_MIME_TYPE, json.dumps(outcome_id).encode("utf-8"))
    return data


def decode_outcome(data: QMimeData) -> int | None:
    """The outcome id of a drag payload; ``None`` for anything that is not ours."""
    if not data.hasFormat(OUTCOME_MIME_TYPE):
        return None
    try:
        value = json.loads(bytes(data.data(OUTCOME_MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass
class _Rows:
    """One roadmap's rows: the outcomes they show, their order, and the items."""

    roadmap_id: int
    outcomes: tuple[Outcome, ...]
    top: list[int]
    children: dict[int, list[int]]
    """Business outcome id -> its product outcomes' ids, in order."""
    items: dict[int, QStandardItem]
    """Outcome id -> its item (in the model, or in ``items_out``)."""
    items_out: list[QStandardItem]
    """The top-level items, with their children, while they are out of the model."""


class OutcomeTreeModel(QStandardItemModel):
    """Outcomes in tree order; hands every drop to the editor.

    The rows are Qt's own items (objective, swatch, id, level, flags), so laying out
    and painting the tree never calls back into Python: a Python model's ``index``,
    ``parent``, ``rowCount``, ``flags`` and ``data`` run for every row on every paint,
    most of what a repaint of the tree and a roadmap switch cost. A row's tooltip,
    which follows every check-in, is made when it is shown (``tooltip``).
    """

    def __init__(self, editor: Editor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self._icons: dict[str, QIcon] = {}
        self._shown: _Rows | None = None
        """The rows in the model now (set by the first ``_reload``, below)."""
        self._kept: dict[int, _Rows] = {}
        """The rows of roadmaps shown before, by roadmap id, the oldest first."""
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsDropEnabled)
        self.setHorizontalHeaderLabels(["Outcome"])
        self.document.okrs_changed.connect(self._reload)
        self.document.reset.connect(self._forget)
        self._reload()

    # -- structure --------------------------------------------------------

    def _forget(self) -> None:
        """Another roadmap, or the same one read again: the view starts afresh."""
        self._reload(reset=True)

    def _reload(self, reset: bool = False) -> None:
        outcomes = self.document.snapshot.outcomes
        shown = self._shown
        if not reset and shown is not None and outcomes == shown.outcomes:
            return  # a check-in or a key result edit: tooltips are made when shown
        roadmap_id = self.document.roadmap_id
        rows = self._kept.pop(roadmap_id, None)
        if rows is None or rows.outcomes != outcomes:
            rows = self._build(roadmap_id, outcomes)
        self._shown = rows
        # One reset (a roadmap has a handful of outcomes), the items swapped in between
        # without the row signals a view would lay out for one by one.
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            taken = [root.takeRow(0)[0] for _ in range(root.rowCount())]
            if shown is not None and shown.roadmap_id != roadmap_id:
                # The roadmap left keeps its rows: a switch back builds none.
                shown.items_out = taken
                self._kept[shown.roadmap_id] = shown
                while len(self._kept) > KEPT_ROADMAPS:
                    del self._kept[next(iter(self._kept))]
            if rows.items_out:
                root.appendRows(rows.items_out)
            rows.items_out = []  # the model's now
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _build(self, roadmap_id: int, outcomes: tuple[Outcome, ...]) -> _Rows:
        """New rows for the outcomes shown now."""
        top = [o.id for o in self.editor.siblings(None)]
        children = {
            i: [o.id for o in self.editor.siblings(i)]
            for i in top
            if self.outcome(i).level is Level.BUSINESS
        }
        built = _Rows(roadmap_id, outcomes, top, children, {}, [])
        for outcome_id in top:
            row = self._item(outcome_id, built)
            below = children.get(outcome_id)
            if below:
                row.appendRows([self._item(i, built) for i in below])
            built.items_out.append(row)
        return built

    def _item(self, outcome_id: int, rows: _Rows) -> QStandardItem:
        outcome = self.outcome(outcome_id)
        icon = self._icons.get(outcome.color)
        if icon is None:
            icon = self._icons[outcome.color] = swatch(outcome.color)
        item = QStandardItem(icon, outcome.objective)
        item.setFlags(_BUSINESS_FLAGS if outcome_id in rows.children else _ROW_FLAGS)
        item.setData(outcome_id, OUTCOME_ID_ROLE)
        item.setData(outcome.level.value, LEVEL_ROLE)
        item.setData(we_will(outcome.objective), Qt.ItemDataRole.AccessibleTextRole)
        rows.items[outcome_id] = item
        return item

    @property
    def _rows(self) -> _Rows:
        assert self._shown is not None  # from the constructor on
        return self._shown

    def outcome(self, outcome_id: int) -> Outcome:
        return self.document.snapshot.outcome_by_id[outcome_id]

    def outcome_id(self, index: Index) -> int | None:
        """The outcome shown at ``index``; ``None`` for the root."""
        if not index.isValid():
            return None
        value = index.data(OUTCOME_ID_ROLE)
        return value if isinstance(value, int) else None

    def index_of(self, outcome_id: int) -> QModelIndex:
        """The index showing ``outcome_id`` (invalid when it is not in the tree)."""
        item = self._rows.items.get(outcome_id)
        return self.indexFromItem(item) if item is not None else QModelIndex()

    def tooltip(self, index: Index) -> str:
        """The whole objective, its key results and what it drives, as plain text in a
        tooltip ("" for no row)."""
        outcome_id = self.outcome_id(index)
        if outcome_id is None:
            return ""
        outcome = self.outcome(outcome_id)
        snapshot = self.document.snapshot
        krs = snapshot.key_results_by_outcome.get(outcome_id, ())
        parent = snapshot.outcome_by_id.get(outcome.parent_id) if outcome.parent_id else None
        return plain_tip(tooltip(outcome, krs, parent))

    # -- drag and drop ------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        """QStandardItemModel.supportedDropActions."""
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        """QStandardItemModel.supportedDragActions: copy too, so the view can report one."""
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        """QStandardItemModel.mimeTypes."""
        return [OUTCOME_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """QStandardItemModel.mimeData: the dragged outcome's id, plus its objective as text."""
        ids = [i for i in (self.outcome_id(x) for x in indexes) if i is not None]
        if not ids:
            return QMimeData()
        data = encode_outcome(ids[0])
        data.setText(self.outcome(ids[0]).objective)
        return data

    def drop_target(self, data: QMimeData, parent: Index) -> tuple[int, int | None] | None:
        """(outcome id, new parent id) for a drop under ``parent``, or ``None`` if refused."""
        outcome_id = decode_outcome(data)
        if outcome_id is None or outcome_id not in self.document.snapshot.outcome_by_id:
            return None
        parent_id = self.outcome_id(parent)
        if parent_id is None:
            return outcome_id, None  # the top level takes both kinds
        if parent_id not in self._rows.children or self.outcome(outcome_id).level is Level.BUSINESS:
            return None  # only a product outcome goes under, and only under a business one
        return outcome_id, parent_id

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """QStandardItemModel.canDropMimeData: our outcomes, and only where they may go."""
        return self.drop_target(data, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """QStandardItemModel.dropMimeData: hand the move to the editor; rows follow its signal."""
        target = self.drop_target(data, parent)
        if target is None:
            return False
        outcome_id, parent_id = target
        shown = self._rows
        rows = shown.top if parent_id is None else shown.children[parent_id]
        if row < 0 or row > len(rows):
            row = len(rows)
        # The editor counts places without the moved outcome; the view counts it.
        if outcome_id in rows and rows.index(outcome_id) < row:
            row -= 1
        return self.editor.move_outcome(outcome_id, parent_id, row)


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped objective at the tree's current width.

    Each size is measured once per objective and width (every row has a swatch, and
    the tree one font): a switch of roadmap and back lays out the same rows again.
    """

    MOST_SIZES = 1024

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._sizes: dict[tuple[str, int], QSize] = {}

    def forget_sizes(self) -> None:
        """Measure again: the tree's font or style changed."""
        self._sizes.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """QStyledItemDelegate.sizeHint: measured at the width the row really gets."""
        depth = 2 if index.parent().isValid() else 1  # the root is decorated too
        width = max(self.view.viewport().width() - self.view.indentation() * depth, 80)
        key = (str(index.data(Qt.ItemDataRole.DisplayRole) or ""), width)
        size = self._sizes.get(key)
        if size is None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.rect = QRect(0, 0, width, 1)  # a valid rect, or Qt will not wrap
            style = self.view.style()
            measured = style.sizeFromContents(
                QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), self.view
            )
            if len(self._sizes) >= self.MOST_SIZES:
                self._sizes.clear()
            size = self._sizes[key] = measured + QSize(0, ROW_PADDING)
        return QSize(size)


class OutcomeTree(QTreeView):
    """The tree on screen: drag to reorder or re-parent; the selection survives resets."""

    outcome_selected = Signal(object)
    """The selected outcome's id, or ``None``; not emitted by ``select_outcome``."""

    def __init__(self, model: OutcomeTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        own_viewport(self)
        paint_scroll_bars_from_pictures(self)
        self.setObjectName("outcome-tree")
        self.setAccessibleName("Outcomes")
        self._selected: int | None = None
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.wrap_delegate = WrapDelegate(self)
        self.setItemDelegate(self.wrap_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setExpandsOnDoubleClick(False)
        model.modelReset.connect(self._after_reset)
        self._after_reset()

    def tree_model(self) -> OutcomeTreeModel:
        model = self.model()
        assert isinstance(model, OutcomeTreeModel)
        return model

    def selected_outcome_id(self) -> int | None:
        return self._selected

    def select_outcome(self, outcome_id: int | None, *, notify: bool = False) -> None:
        """Select ``outcome_id`` (``None``: nothing); ``outcome_selected`` only if ``notify``."""
        model = self.tree_model()
        index = model.index_of(outcome_id) if outcome_id is not None else QModelIndex()
        if not notify:
            # Set first, so the selection handler sees no change and stays quiet.
            self._selected = model.outcome_id(index)
        selection = self.selectionModel()
        if index.isValid():
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)
        else:
            selection.clearSelection()
        self._selection_moved()

    def _after_reset(self) -> None:
        self.expandAll()
        # The same outcome stays selected; if it is gone, listeners hear None.
        self.select_outcome(self._selected, notify=True)

    def _selection_moved(self) -> None:
        rows = self.selectionModel().selectedRows()
        current = self.tree_model().outcome_id(rows[0]) if rows else None
        if current != self._selected:
            self._selected = current
            self.outcome_selected.emit(current)

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """QTreeView.selectionChanged: report a new outcome, never the same one twice."""
        super().selectionChanged(selected, deselected)
        self._selection_moved()

    def clear_selection(self) -> None:
        """Select nothing, so the board shows every outcome; emits ``outcome_selected(None)``."""
        self.select_outcome(None, notify=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """QTreeView.keyPressEvent: Escape clears the selection, back to all outcomes."""
        if event.key() == Qt.Key.Key_Escape and self._selected is not None:
            self.clear_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """QTreeView.viewportEvent: a row's tooltip, made when it is asked for."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            text = self.tree_model().tooltip(index)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualRect(index))
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """QTreeView.changeEvent: another font or style measures the rows anew."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.wrap_delegate.forget_sizes()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """QTreeView.resizeEvent: re-wrap the objectives at the new width."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def dropEvent(self, event: QDropEvent) -> None:
        """QTreeView.dropEvent: the editor already moved the outcome, so report a copy.

        After QDrag.exec() returns MoveAction the source view removes the
        dragged rows itself, which here would delete the wrong ones.
        """
        super().dropEvent(event)
        if event.isAccepted() and event.dropAction() == Qt.DropAction.MoveAction:
            event.setDropAction(Qt.DropAction.CopyAction)
