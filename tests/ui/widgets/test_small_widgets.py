"""The shared small widgets: the number validator, the action factory, plain and themed labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QValidator
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from roadmapper.render.theme import DARK, LIGHT
from roadmapper.ui.widgets.actions import make_action
from roadmapper.ui.widgets.labels import MutedLabel, ThemedLabel, plain_label
from roadmapper.ui.widgets.number_input import NumberValidator

State = QValidator.State


@pytest.mark.parametrize(
    ("text", "allow_empty", "state"),
    [
        ("12.5", False, State.Acceptable),
        ("-3", False, State.Acceptable),
        ("", False, State.Intermediate),
        ("", True, State.Acceptable),
        ("12,5", False, State.Intermediate),
        ("1_000", True, State.Intermediate),
        ("abc", True, State.Intermediate),
    ],
)
def test_number_validator_never_refuses_a_key(text: str, allow_empty: bool, state: State) -> None:
    validator = NumberValidator(allow_empty=allow_empty)
    assert validator.validate(text, len(text)) == (state, text, len(text))


def test_typed_keys_stay_in_the_box(qtbot: QtBot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.setValidator(NumberValidator(edit))
    qtbot.keyClicks(edit, "12,5")
    assert edit.text() == "12,5" and not edit.hasAcceptableInput()


def test_an_action_fires_its_slot_from_the_window_shortcut(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[str] = []
    action = make_action(window, window, "&Go", lambda: calls.append("go"), "Ctrl+G", "Go on")
    assert action in window.actions()
    assert action.shortcut().toString() == "Ctrl+G"
    assert action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    assert action.statusTip() == "Go on"
    action.trigger()
    assert calls == ["go"]
    quiet = make_action(window, window, "No key", lambda: calls.append("quiet"))
    assert quiet.shortcut().isEmpty()


def test_plain_label_never_reads_markup_and_takes_a_buddy(qtbot: QtBot) -> None:
    buddy = QLineEdit()
    qtbot.addWidget(buddy)
    label = plain_label("<b>&Title</b>", wrap=True, name="title", buddy=buddy)
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert (label.wordWrap(), label.objectName(), label.buddy()) == (True, "title", buddy)


def dark_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    return palette


def test_themed_labels_take_their_role_in_light_and_dark(qtbot: QtBot) -> None:
    panel = QWidget()
    qtbot.addWidget(panel)
    error = ThemedLabel("Not saved", role="error", parent=panel)
    muted = MutedLabel("later", parent=panel)
    text = QPalette.ColorRole.WindowText
    assert error.palette().color(text) == QColor(LIGHT.error)
    assert muted.palette().color(text) == QColor(LIGHT.muted_text)
    panel.setPalette(dark_palette())  # dark mode reaches the labels as a PaletteChange
    assert error.palette().color(text) == QColor(DARK.error)
    assert muted.palette().color(text) == QColor(DARK.muted_text)
