"""Every control a person can reach tells a screen reader what it is (issue #14).

The check reads what Qt's accessibility bridge exposes (the ``Name`` of the
widget's ``QAccessibleInterface``), so a name the bridge would not pass on
(a line edit's placeholder, say) does not count. Qt's own parts of a widget (a
scroll area's bars and viewport, a spin box's line edit, a table's headers)
are left to the widget that owns them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QAction, QIcon, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QStyle,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from roadmapper.model.enums import Column
from roadmapper.store.store import Store
from roadmapper.ui.main_window import MainWindow

W = TypeVar("W", bound=QWidget)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,  # QSpinBox, QDoubleSpinBox, QDateEdit, QTimeEdit
    QAbstractItemView,
    QAbstractSlider,
    QTextEdit,
    QPlainTextEdit,
    QTabBar,
)
"""Controls by kind; any other widget counts when it takes keyboard focus."""

QT_PARTS_THAT_NEED_NAMES = (
    "qt_dockwidget_floatbutton",
    "qt_dockwidget_closebutton",
    "qt_tabwidget_tabbar",
)
"""Qt's own parts that still reach a person: the dock's buttons, a tab widget's tabs."""

ITEM_ROLES = (
    QAccessible.Role.ListItem,
    QAccessible.Role.TreeItem,
    QAccessible.Role.ColumnHeader,
    QAccessible.Role.PageTab,
)
"""Children of a view that must be named; a table cell may be blank (an empty note)."""


# -- the checker --------------------------------------------------------------


def interface_of(widget: QWidget) -> QAccessibleInterface | None:
    """The bridge's view of ``widget``; None when no accessibility plugin covers it."""
    interface: QAccessibleInterface | None = QAccessible.queryAccessibleInterface(widget)
    return interface if interface is not None and interface.isValid() else None


def describe(widget: QWidget) -> str:
    """Class, object name and parent chain, enough to find the widget in the source."""
    chain = []
    parent = widget.parentWidget()
    while parent is not None:
        chain.append(f"{type(parent).__name__}({parent.objectName()!r})")
        parent = parent.parentWidget()
    hints = []
    interface = interface_of(widget)
    if interface is not None:
        hints.append(f"role {interface.role().name}")
    if isinstance(widget, QAbstractButton) and widget.text():
        hints.append(f"text {widget.text()!r}")
    if isinstance(widget, QLineEdit) and widget.placeholderText():
        hints.append(f"placeholder {widget.placeholderText()!r}")
    if widget.toolTip():
        hints.append(f"tooltip {widget.toolTip()[:60]!r}")
    return (
        f"{type(widget).__name__} objectName={widget.objectName()!r}"
        f" [{', '.join(hints) or 'no text at all'}]"
        f" in {' < '.join(chain) or 'no parent'}"
    )


def is_qt_part(widget: QWidget) -> bool:
    """A piece Qt builds inside another widget, named (or not) through its owner."""
    name = widget.objectName()
    if name in QT_PARTS_THAT_NEED_NAMES:
        return False
    # qt_scrollarea_viewport, qt_scrollarea_[hv]container, qt_toolbar_ext_button,
    # qt_spinbox_lineedit, qt_calendar_*...
    if name.startswith("qt_"):
        return True
    parent = widget.parentWidget()
    if isinstance(widget, QScrollBar) and (
        parent is None or parent.objectName().startswith("qt_scrollarea_")
    ):
        return True
    # A combo box's or spin box's line edit; a table's headers and corner button.
    if isinstance(parent, (QComboBox, QAbstractSpinBox)) and isinstance(widget, QLineEdit):
        return True
    return isinstance(parent, QAbstractItemView) and isinstance(
        widget, (QHeaderView, QAbstractButton)
    )


def is_interactive(widget: QWidget) -> bool:
    return isinstance(widget, INTERACTIVE) or widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def buddy_text(widget: QWidget) -> str:
    """The text of a label whose buddy is ``widget``, the way Qt's bridge finds it."""
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return label.text()
    return ""


def label_text(interface: QAccessibleInterface) -> str:
    """The text of the label the bridge says ``interface`` is labelled by (a buddy)."""
    others: list[QAccessibleInterface | None] = [
        other for other, _relation in interface.relations(QAccessible.RelationFlag.Label)
    ]
    for other in others:
        if other is not None and other.text(QAccessible.Text.Name).strip():
            return other.text(QAccessible.Text.Name).strip()
    return ""


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget``."""
    interface = interface_of(widget)
    if interface is not None:
        if isinstance(widget, QComboBox):
            # On Linux the bridge gives a combo box's current item as its name ("Now"):
            # what it chooses has to come from a label or an accessible name.
            return widget.accessibleName().strip() or label_text(interface)
        return interface.text(QAccessible.Text.Name).strip() or label_text(interface)
    # No interface (a plugin missing): the names Qt's bridge would have used.
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    if isinstance(widget, QLineEdit) and widget.placeholderText().strip():
        return widget.placeholderText()
    return buddy_text(widget).strip()


def is_icon_only(button: QToolButton) -> bool:
    """Shows a picture or a symbol (✕, ›) where a word would say what it does."""
    style = button.toolButtonStyle()
    if style == Qt.ToolButtonStyle.ToolButtonFollowStyle:
        style = Qt.ToolButtonStyle(button.style().styleHint(QStyle.StyleHint.SH_ToolButtonStyle))
    text = button.text().replace("&", "").strip()
    shows_text = bool(text) and style != Qt.ToolButtonStyle.ToolButtonIconOnly
    if shows_text:
        return not any(c.isalnum() for c in text)
    return not button.icon().isNull() or button.arrowType() != Qt.ArrowType.NoArrow


def unnamed_items(widget: QWidget, interface: QAccessibleInterface) -> list[str]:
    """Rows of a list, tree or tab bar, and column headers, that say nothing."""
    problems = []
    for i in range(interface.childCount()):
        child: QAccessibleInterface | None = interface.child(i)
        if child is None or child.role() not in ITEM_ROLES:
            continue
        if not child.text(QAccessible.Text.Name).strip():
            problems.append(f"{child.role().name} #{i} has no name, in {describe(widget)}")
    return problems


def accessibility_problems(root: QWidget) -> list[str]:
    """Every visible control under ``root`` (and ``root`` itself) a screen reader cannot name."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or is_qt_part(widget) or not is_interactive(widget):
            continue
        icon_only = isinstance(widget, QToolButton) and is_icon_only(widget)
        # A tab bar is a list of tabs: each tab is named (below), the bar need not be.
        if not isinstance(widget, QTabBar) and not accessible_name(widget):
            kind = "icon-only tool button without" if icon_only else "no"
            problems.append(f"{kind} accessible name: {describe(widget)}")
        # A picture says nothing to a sighted newcomer either: the tooltip says it in words.
        if icon_only and not widget.toolTip().strip():
            problems.append(f"icon-only tool button without a tooltip: {describe(widget)}")
        interface = interface_of(widget)
        if interface is not None and isinstance(widget, (QAbstractItemView, QTabBar)):
            problems.extend(unnamed_items(widget, interface))
    return problems


def problems_on_every_tab(root: QWidget) -> list[str]:
    """``accessibility_problems`` with each page of each tab widget shown in turn."""
    problems = accessibility_problems(root)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        shown = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            problems += accessibility_problems(root)
        tabs.setCurrentIndex(shown)
    return list(dict.fromkeys(problems))


def assert_named(root: QWidget, where: str) -> None:
    problems = problems_on_every_tab(root)
    assert not problems, f"{len(problems)} controls of {where} a screen reader cannot name:\n" + (
        "\n".join(f"  - {p}" for p in problems)
    )


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


# -- the checker itself -----------------------------------------------------


def named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def test_the_checker_finds_unnamed_controls_and_accepts_named_ones(qtbot: QtBot) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    row = QHBoxLayout(form)
    pixmap = QPixmap(8, 8)
    pixmap.fill(Qt.GlobalColor.red)
    bare_icon = named(QToolButton(), "bare-icon")
    bare_icon.setIcon(QIcon(pixmap))
    tip_only = named(QToolButton(), "tip-only")
    tip_only.setIcon(QIcon(pixmap))
    tip_only.setToolTip("Close")
    good_icon = named(QToolButton(), "good-icon")
    good_icon.setIcon(QIcon(pixmap))
    good_icon.setToolTip("Close")
    good_icon.setAccessibleName("Close")
    # A toolbar's button: the action's text is its name, and its tooltip, though not shown.
    from_action = named(QToolButton(), "from-action")
    from_action.setDefaultAction(QAction(QIcon(pixmap), "Undo", from_action))
    from_action.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    hinted = named(QLineEdit(), "hinted")
    hinted.setPlaceholderText("Filter")
    spoken = named(QLineEdit(), "spoken")
    spoken.setAccessibleName("Filter")
    label = QLabel("&Title")
    buddied = named(QLineEdit(), "buddied")
    label.setBuddy(buddied)
    worded = named(QPushButton("Save"), "worded")
    blank_list = named(QListWidget(), "blank-list")
    blank_list.setAccessibleName("Items")
    blank_list.addItems(["one", ""])
    valued = named(QComboBox(), "valued")  # its name would be "Now": not a name
    valued.addItems(["Now", "Next"])
    column_label = QLabel("Column:")
    labelled = named(QComboBox(), "labelled")
    labelled.addItems(["Now", "Next"])
    column_label.setBuddy(labelled)
    widgets: list[QWidget] = [bare_icon, tip_only, good_icon, hinted, spoken, label, buddied]
    widgets += [worded, blank_list, valued, column_label, labelled, from_action]
    for widget in widgets:
        row.addWidget(widget)
    form.show()
    qtbot.waitExposed(form)

    problems = "\n".join(accessibility_problems(form))

    assert "objectName='bare-icon'" in problems
    assert "without a tooltip: QToolButton objectName='bare-icon'" in problems
    assert "without accessible name: QToolButton objectName='tip-only'" in problems
    assert "objectName='hinted'" in problems  # Qt does not announce a placeholder as the name
    assert "ListItem #1 has no name" in problems
    assert "objectName='valued'" in problems
    assert is_icon_only(from_action) and is_icon_only(tip_only)
    for fine in ("good-icon", "from-action", "spoken", "buddied", "worded", "labelled"):
        assert f"objectName='{fine}'" not in problems
    assert "ListItem #0" not in problems


# -- the window ---------------------------------------------------------------


def show_everything(window: MainWindow) -> None:
    """Done shown, the panel built and following a card, a notice over the board."""
    window.actions_.show_done.setChecked(True)
    panel = window.panel
    window.board.select([window.document.column_ids(Column.NOW)[2]])
    settle()
    assert panel.isVisible()
    window.notice.show_notice("Exported the board.", None)
    settle()


def test_the_window_names_every_control(
    qtbot: QtBot, sample_store: Store, settings: QSettings
) -> None:
    # A second roadmap, so the toolbar shows its roadmap switcher too.
    sample = sample_store.roadmaps()[0].id
    sample_store.create_roadmap("Spare")
    window = MainWindow(sample_store, settings, sample)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    show_everything(window)
    assert window.switcher.isVisible()
    assert_named(window, "the window with a card selected")


def test_the_window_names_every_control_for_an_outcome(window: MainWindow) -> None:
    window.panel.select_outcome(window.document.snapshot.outcomes[0].id)
    settle()
    assert_named(window, "the window with an outcome selected")


def test_the_empty_board_names_every_control(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    store = Store.open(str(tmp_path / "empty.db"))
    try:
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.panel  # noqa: B018  (built on first use)
        settle()
        assert window.board.empty.isVisible()
        assert_named(window, "the empty board")
    finally:
        store.close()


# -- the dialogs --------------------------------------------------------------


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> Iterator[list[list[str]]]:
    """Each modal dialog the window runs is shown, checked and cancelled instead of waited for.

    Yields one list of problems per dialog, in the order they opened.
    """
    found: list[list[str]] = []

    def check_instead(dialog: QDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        settle()
        found.append(problems_on_every_tab(dialog))
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", check_instead)
    yield found


def opened_without_exec(before: set[int]) -> list[QDialog]:
    """Window-modal dialogs (``QDialog.open``) that appeared since ``before``."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and w.isVisible() and id(w) not in before
    ]


def first_blank_result(window: MainWindow) -> int:
    document = window.document
    return next(c for c in document.column_ids(Column.NOW) if not document.card(c).result.strip())


def edit_initiative(window: MainWindow) -> None:
    window.board.select([window.document.column_ids(Column.NOW)[2]])
    window.actions_.edit.trigger()


def new_initiative(window: MainWindow) -> None:
    window.actions_.new.trigger()


def export(window: MainWindow) -> None:
    window.exports.export.trigger()


def ask_result(window: MainWindow) -> None:
    window.actions_.ask_results([first_blank_result(window)])


def edit_outcome(window: MainWindow) -> None:
    window.panel.select_outcome(window.document.snapshot.outcomes[0].id)
    settle()
    button = window.findChild(QAbstractButton, "edit-outcome")
    assert button is not None and button.isEnabled(), "no enabled Edit… button for outcomes"
    button.click()


def edit_check_in(window: MainWindow) -> None:
    card_id = window.document.column_ids(Column.NOW)[2]
    window.board.select([card_id])
    for _ in range(100):  # the panel follows the selection a moment later
        if window.panel.why.card_id == card_id:
            break
        QTest.qWait(10)
    settle()
    table = window.findChild(QAbstractItemView, "check-in-table")
    assert table is not None and table.model().rowCount() > 0, "no check-in to edit"
    table.setCurrentIndex(table.model().index(0, 0))
    settle()
    button = window.findChild(QAbstractButton, "edit-check-in")
    assert button is not None and button.isEnabled(), "no enabled Edit… button for check-ins"
    button.click()


OPENERS: dict[str, Callable[[MainWindow], None]] = {
    "edit initiative": edit_initiative,
    "new initiative": new_initiative,
    "export": export,
    "what did it teach (Now to Done)": ask_result,
    "edit outcome": edit_outcome,
    "edit check-in": edit_check_in,
}


@pytest.mark.parametrize("name", list(OPENERS))
def test_a_dialog_names_every_control(
    name: str, window: MainWindow, dialogs: list[list[str]], qtbot: QtBot
) -> None:
    window.panel  # noqa: B018  (built on first use)
    settle()
    before = {id(w) for w in QApplication.topLevelWidgets()}
    OPENERS[name](window)
    settle()
    for dialog in opened_without_exec(before):
        qtbot.waitExposed(dialog)
        dialogs.append(problems_on_every_tab(dialog))
        dialog.reject()
    assert dialogs, f"the {name} dialog did not open"
    problems = [p for found in dialogs for p in found]
    assert not problems, (
        f"{len(problems)} controls of the {name} dialog a screen reader cannot name:\n"
        + "\n".join(f"  - {p}" for p in problems)
    )
