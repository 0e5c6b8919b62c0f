"""The export dialog's options form: what, which columns and outcomes, text, look, size, format."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.export.formats import PICTURE_FORMATS
from roadmapper.export.options import (
    MAX_SCALE,
    MAX_SIDE,
    MIN_SCALE,
    MIN_SIDE,
    SIZE_PRESETS,
    THEMES,
    ExportOptions,
    Kind,
)
from roadmapper.export.slides import PICTURE_MIN_SCALE
from roadmapper.model.enums import BOARD_COLUMNS, Column
from roadmapper.render.slide_common import long_date
from roadmapper.render.wrap import elide_words
from roadmapper.ui.widgets.icons import swatch
from roadmapper.ui.widgets.labels import plain_label

CUSTOM = "custom"
SIZE_LABELS = {"16:9": "16:9 slide", "4:3": "4:3 slide", "a4": "A4 landscape", CUSTOM: "Custom…"}
NO_COLUMN = "Choose at least one column to export."
NO_OUTCOME = "Choose at least one outcome, or All."
ID_ROLE = Qt.ItemDataRole.UserRole
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1
INDENT = 20
MAX_ROWS = 7
FORM_WIDTH = 420
_Index = QModelIndex | QPersistentModelIndex


class _IndentDelegate(QStyledItemDelegate):
    """Indents a product outcome under its business outcome: check box, swatch and text."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        """Qt: QStyledItemDelegate.initStyleOption; painting and clicks both use the rect."""
        super().initStyleOption(option, index)
        if index.data(DEPTH_ROLE):
            option.rect = option.rect.adjusted(INDENT, 0, 0, 0)
        # Cut at a word, not inside one (the whole name is in the tooltip).
        room = (
            QApplication.style()
            .subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
            .width()
        )
        metrics = option.fontMetrics
        option.text = elide_words(
            option.text,
            lambda text: metrics.horizontalAdvance(text) <= room,
            lambda text: metrics.elidedText(text, Qt.TextElideMode.ElideRight, room),
        )


def _row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    if stretch:
        row.addStretch(1)
    return row


class ExportForm(QWidget):
    """Every export option as a widget; ``options()`` reads them back as ``ExportOptions``."""

    changed = Signal()
    """Any option changed (the preview follows)."""

    def __init__(self, snapshot: RoadmapSnapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-form")
        self.setMinimumWidth(FORM_WIDTH)
        self.snapshot = snapshot
        self.board_radio = QRadioButton("&Board")
        self.okr_radio = QRadioButton("&OKR sheets")
        self.okr_radio.setToolTip("One slide per outcome: its key results, tiers and check-ins")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.board_radio)
        self.kind_group.addButton(self.okr_radio)
        self.board_radio.setChecked(True)
        self.column_boxes = {c: QCheckBox(c.label) for c in Column}
        self.column_boxes[Column.DONE].setToolTip("Include the Done column, with results")
        self.outcome_list = QListWidget()
        self.outcome_list.setObjectName("export-outcomes")
        self.outcome_list.setToolTip(
            "Only the cards of the checked outcomes; all checked: every card"
        )
        self.all_button = QPushButton("All")
        self.none_button = QPushButton("None")
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)  # Enter in a field exports, it does not check all
        self.chips_box = QCheckBox("Show &key-result chips")
        self.chips_box.setToolTip("The key results each card should move, under its title")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(snapshot.roadmap.name)
        self.subtitle_edit = QLineEdit()
        self.subtitle_edit.setPlaceholderText(long_date(date.today()))
        self.no_subtitle_box = QCheckBox("&No subtitle")
        self.theme_combo = QComboBox()
        for name in THEMES:
            self.theme_combo.addItem(name.capitalize(), name)
        self.size_combo = QComboBox()
        for key, label in SIZE_LABELS.items():
            self.size_combo.addItem(label, key)
        self.width_spin, self.height_spin = QSpinBox(), QSpinBox()
        for spin, tip in ((self.width_spin, "Width"), (self.height_spin, "Height")):
            spin.setRange(MIN_SIDE, MAX_SIDE)
            spin.setToolTip(f"{tip} in pixels at scale 1")
            spin.setAccessibleName(f"Custom size: {tip.lower()} in pixels")
            spin.setObjectName(f"export-{tip.lower()}")
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setRange(MIN_SCALE, MAX_SCALE)
        self.scale_spin.setSingleStep(0.5)
        self.scale_spin.setDecimals(1)
        self.scale_spin.setSuffix(" ×")
        self.scale_spin.setToolTip("Pixels per unit of a PNG (and of slides as pictures)")
        self.pixels_label = plain_label()
        self.pixels_label.setEnabled(False)
        self.format_combo = QComboBox()
        for suffix, label in PICTURE_FORMATS.items():
            self.format_combo.addItem(label, suffix)
        self.picture_box = QCheckBox("Slides as &pictures")
        self.picture_box.setToolTip("One full-slide picture per page instead of editable shapes")
        self._fill_outcomes()
        self._layout()
        self.set_options(ExportOptions(), ".png")
        self._connect()

    # -- building -----------------------------------------------------------

    def _fill_outcomes(self) -> None:
        self.outcome_list.setItemDelegate(_IndentDelegate(self.outcome_list))
        self.outcome_list.setIconSize(QSize(12, 12))
        self.outcome_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.outcome_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outcome_list.setUniformItemSizes(True)
        for outcome, depth in self.snapshot.outcome_tree:
            item = QListWidgetItem(swatch(outcome.color), outcome.objective)
            item.setData(ID_ROLE, outcome.id)
            item.setData(DEPTH_ROLE, depth)
            level = outcome.level.value.capitalize()
            # Escaped inside explicit rich text: Qt would take an objective with tags as HTML.
            item.setToolTip(f"<p>{html.escape(f'{level} outcome: {outcome.objective}')}</p>")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.outcome_list.addItem(item)
        rows = max(3, min(MAX_ROWS, self.outcome_list.count()))
        frame = 2 * self.outcome_list.frameWidth()
        self.outcome_list.setFixedHeight(rows * self.outcome_list.sizeHintForRow(0) + frame)

    def _layout(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("What:", _row(self.board_radio, self.okr_radio))
        form.addRow("Columns:", _row(*self.column_boxes.values()))
        outcomes = QVBoxLayout()
        outcomes.setContentsMargins(0, 0, 0, 0)
        outcomes.addWidget(self.outcome_list)
        outcomes.addLayout(_row(self.all_button, self.none_button))
        form.addRow(plain_label("Outco&mes:", buddy=self.outcome_list), outcomes)
        form.addRow("", self.chips_box)
        form.addRow(plain_label("&Title:", buddy=self.title_edit), self.title_edit)
        subtitle = _row(self.subtitle_edit, self.no_subtitle_box, stretch=False)
        form.addRow(plain_label("S&ubtitle:", buddy=self.subtitle_edit), subtitle)
        form.addRow(plain_label("T&heme:", buddy=self.theme_combo), _row(self.theme_combo))
        times = QLabel("×")
        size = _row(self.size_combo, self.width_spin, times, self.height_spin)
        form.addRow(plain_label("Si&ze:", buddy=self.size_combo), size)
        scale = _row(self.scale_spin, self.pixels_label)
        form.addRow(plain_label("Sc&ale:", buddy=self.scale_spin), scale)
        file_format = _row(self.format_combo, self.picture_box)
        form.addRow(plain_label("&Format:", buddy=self.format_combo), file_format)

    def _connect(self) -> None:
        for button in (self.board_radio, self.okr_radio, self.chips_box, self.no_subtitle_box):
            button.toggled.connect(self._changed)
        for box in (*self.column_boxes.values(), self.picture_box):
            box.toggled.connect(self._changed)
        self.outcome_list.itemChanged.connect(self._changed)
        self.all_button.clicked.connect(lambda: self.check_outcomes(True))
        self.none_button.clicked.connect(lambda: self.check_outcomes(False))
        for edit in (self.title_edit, self.subtitle_edit):
            edit.textChanged.connect(self._changed)
        for combo in (self.theme_combo, self.format_combo):
            combo.currentIndexChanged.connect(self._changed)
        self.size_combo.currentIndexChanged.connect(self._size_chosen)
        for spin in (self.width_spin, self.height_spin, self.scale_spin):
            spin.valueChanged.connect(self._changed)

    def _size_chosen(self) -> None:
        preset = SIZE_PRESETS.get(self.size_combo.currentData())
        if preset is not None:
            with QSignalBlocker(self.width_spin), QSignalBlocker(self.height_spin):
                self.width_spin.setValue(preset[0])
                self.height_spin.setValue(preset[1])
        self._changed()

    def _changed(self) -> None:
        self._update_enabled()
        self.changed.emit()

    def _update_enabled(self) -> None:
        board = self.board_radio.isChecked()
        for box in (*self.column_boxes.values(), self.chips_box):
            box.setEnabled(board)
        self.subtitle_edit.setEnabled(not self.no_subtitle_box.isChecked())
        custom = self.size_combo.currentData() == CUSTOM
        self.width_spin.setEnabled(custom)
        self.height_spin.setEnabled(custom)
        pptx = self.suffix() == ".pptx"
        self.picture_box.setVisible(pptx)
        pictures = pptx and self.picture_box.isChecked()
        scaled = self.suffix() == ".png" or pictures
        self.scale_spin.setEnabled(scaled)
        # Slides as pictures are never less sharp than the writer's minimum.
        scale = max(self.scale_spin.value(), PICTURE_MIN_SCALE if pictures else MIN_SCALE)
        width, height = self.width_spin.value() * scale, self.height_spin.value() * scale
        each = " a slide" if pictures else ""
        self.pixels_label.setText(f"{width:.0f} × {height:.0f} pixels{each}" if scaled else "")

    # -- reading and setting ------------------------------------------------

    def suffix(self) -> str:
        """The file suffix of the chosen format, such as ``.png``."""
        return str(self.format_combo.currentData())

    def kind(self) -> Kind:
        return "okr" if self.okr_radio.isChecked() else "board"

    def columns(self) -> tuple[Column, ...]:
        return tuple(c for c, box in self.column_boxes.items() if box.isChecked())

    def outcome_items(self) -> list[QListWidgetItem]:
        return [self.outcome_list.item(row) for row in range(self.outcome_list.count())]

    def outcome_ids(self) -> tuple[int, ...] | None:
        """The checked outcomes in list order; None when every one is checked (no filter)."""
        items = self.outcome_items()
        checked = [i for i in items if i.checkState() == Qt.CheckState.Checked]
        if len(checked) == len(items):
            return None
        return tuple(int(i.data(ID_ROLE)) for i in checked)

    def check_outcomes(self, checked: bool, ids: set[int] | None = None) -> None:
        """Check (or uncheck) the outcomes in ``ids``, or all of them; one change signal."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        with QSignalBlocker(self.outcome_list):
            for item in self.outcome_items():
                if ids is None or int(item.data(ID_ROLE)) in ids:
                    item.setCheckState(state)
        self._changed()

    def subtitle(self) -> str | None:
        if self.no_subtitle_box.isChecked():
            return ""
        return self.subtitle_edit.text().strip() or None

    def problem(self) -> str:
        """Why these options cannot be exported, as one sentence; "" when they can."""
        if self.kind() == "board" and not self.columns():
            return NO_COLUMN
        if self.outcome_items() and self.outcome_ids() == ():
            return NO_OUTCOME
        return ""

    def options(self) -> ExportOptions:
        """The chosen options; call only when ``problem()`` is empty."""
        return ExportOptions(
            kind=self.kind(),
            # OKR sheets have no columns, but the options always need one.
            columns=self.columns() or BOARD_COLUMNS,
            outcome_ids=self.outcome_ids(),
            show_chips=self.chips_box.isChecked(),
            title=self.title_edit.text().strip(),
            subtitle=self.subtitle(),
            theme=str(self.theme_combo.currentData()),
            width=float(self.width_spin.value()),
            height=float(self.height_spin.value()),
            scale=self.scale_spin.value(),
            pptx_picture=self.picture_box.isChecked(),
        )

    def set_options(self, options: ExportOptions, suffix: str) -> None:
        """Show ``options`` (outcomes that do not exist are ignored) and the format ``suffix``."""
        blockers = [QSignalBlocker(w) for w in self.findChildren(QWidget)]
        (self.okr_radio if options.kind == "okr" else self.board_radio).setChecked(True)
        for column, box in self.column_boxes.items():
            box.setChecked(column in options.columns)
        wanted = set(options.outcome_ids or ())
        known = {int(i.data(ID_ROLE)) for i in self.outcome_items()}
        everything = options.outcome_ids is None or not wanted & known
        for item in self.outcome_items():
            on = everything or int(item.data(ID_ROLE)) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.chips_box.setChecked(options.show_chips)
        self.title_edit.setText(options.title)
        self.no_subtitle_box.setChecked(options.subtitle == "")
        self.subtitle_edit.setText(options.subtitle or "")
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(options.theme)))
        size = (round(options.width), round(options.height))
        preset = next((k for k, v in SIZE_PRESETS.items() if v == size), CUSTOM)
        self.size_combo.setCurrentIndex(self.size_combo.findData(preset))
        self.width_spin.setValue(size[0])
        self.height_spin.setValue(size[1])
        self.scale_spin.setValue(options.scale)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(suffix)))
        self.picture_box.setChecked(options.pptx_picture)
        for blocker in blockers:
            blocker.unblock()
        self._changed()

    def ids_for(self, objectives: object) -> tuple[int, ...] | None:
        """The ids of the outcomes with these objectives, in list order; None for no filter."""
        if not isinstance(objectives, list):
            return None
        wanted = {str(o) for o in objectives}
        ids = tuple(
            int(item.data(ID_ROLE))
            for item in self.outcome_items()
            if self.snapshot.outcome_by_id[int(item.data(ID_ROLE))].objective in wanted
        )
        return ids or None
