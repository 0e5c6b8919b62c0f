"""File > Import roadmap… and Export roadmap as JSON… / Markdown…, as the CLI reads and writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmapper.core.interchange import FORMAT
from roadmapper.export.markdown import to_markdown
from roadmapper.export.text import roadmap_file_text
from roadmapper.store.store import Store
from roadmapper.ui import interchange_actions
from roadmapper.ui.main_window import MainWindow


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(interchange_actions, "warn", lambda _p, _t, text: said.append(text))
    return said


def pick(monkeypatch: pytest.MonkeyPatch, dialog: str, path: Path) -> None:
    monkeypatch.setattr(
        f"roadmapper.ui.interchange_actions.QFileDialog.{dialog}", lambda *_a: (str(path), "")
    )


def names(store: Store) -> list[str]:
    return [r.name for r in store.roadmaps()]


def test_export_json_writes_what_the_cli_writes(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warned: list[str]
) -> None:
    pick(monkeypatch, "getSaveFileName", tmp_path / "plan")  # typed without ".json"
    window.interchange.export_json.trigger()
    out = tmp_path / "plan.json"
    stored = window.store.load(window.document.roadmap_id)
    assert out.read_text(encoding="utf-8") == roadmap_file_text(stored)
    assert not warned
    assert window.notice.text() == f"Exported “plan.json” to {tmp_path}."
    assert window.notice.file == out


def test_export_markdown_writes_what_the_cli_writes(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warned: list[str]
) -> None:
    pick(monkeypatch, "getSaveFileName", tmp_path / "plan.md")
    window.interchange.export_markdown.trigger()
    stored = window.store.load(window.document.roadmap_id)
    assert (tmp_path / "plan.md").read_text(encoding="utf-8") == to_markdown(stored)
    assert not list(tmp_path.glob("*.md.md")) and not warned
    assert "plan.md" in window.notice.text()


def test_a_failed_export_says_where_and_writes_nothing(
    window: MainWindow, tmp_path: Path, warned: list[str]
) -> None:
    target = tmp_path / "no such folder" / "plan.json"
    assert not window.interchange.export_json_to(target)
    assert len(warned) == 1 and "plan.json" in warned[0] and "\n" not in warned[0]
    assert not target.parent.exists()


def test_import_of_a_name_already_there_takes_a_new_name(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warned: list[str]
) -> None:
    name = window.document.snapshot.roadmap.name
    exported = tmp_path / "plan.json"
    assert window.interchange.export_json_to(exported)
    pick(monkeypatch, "getOpenFileName", exported)
    window.interchange.import_roadmap.trigger()
    assert not warned
    assert sorted(names(window.store)) == sorted([name, f"{name} (2)"])
    shown = window.document.snapshot.roadmap
    assert shown.name == f"{name} (2)"
    assert window.switcher_action.isVisible() and window.switcher.currentText() == shown.name
    text = window.notice.text()
    assert text.startswith(f"Imported “{name}” as “{name} (2)”, because a roadmap named")
    assert text.endswith("from “plan.json”.")
    # The same roadmap, but for its name: a round trip through the file.
    again = json.loads(roadmap_file_text(window.store.load(shown.id)))
    assert again["roadmap"]["name"] == f"{name} (2)"
    again["roadmap"]["name"] = name
    assert again == json.loads(exported.read_text(encoding="utf-8"))


def test_import_under_its_own_name_into_another_file(
    window: MainWindow, tmp_path: Path, warned: list[str]
) -> None:
    exported = tmp_path / "plan.json"
    assert window.interchange.export_json_to(exported)
    assert window.files.open_path(tmp_path / "other.db", create=True)
    assert window.interchange.import_path(exported)
    name = json.loads(exported.read_text(encoding="utf-8"))["roadmap"]["name"]
    assert window.document.snapshot.roadmap.name == name
    assert window.notice.text() == f"Imported “{name}” from “plan.json”."


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            {
                "format": FORMAT,
                "roadmap": {"name": "Broken"},
                "initiatives": [{"ref": "a", "title": "A", "column": "soon"}],
            },
            'initiatives[0].column: "soon" is not one of now, next, later, done',
        ),
        ({"format": "roadmapper/9", "roadmap": {"name": "Future"}}, "roadmapper/9"),
        ('{"format": "roadmapper/1",\n  "roadmap": {"name": "x"},,}', "line 2"),
    ],
)
def test_a_bad_file_imports_nothing_and_names_the_place(
    window: MainWindow, tmp_path: Path, warned: list[str], content: object, words: str
) -> None:
    bad = tmp_path / "bad plan.json"
    text = content if isinstance(content, str) else json.dumps(content)
    bad.write_text(text, encoding="utf-8")
    before, shown = names(window.store), window.document.roadmap_id
    assert not window.interchange.import_path(bad)
    assert len(warned) == 1
    assert warned[0].startswith(f"nothing was imported: {bad}")
    assert words in warned[0] and "\n" not in warned[0]
    assert names(window.store) == before and window.document.roadmap_id == shown


def test_a_missing_file_imports_nothing(
    window: MainWindow, tmp_path: Path, warned: list[str]
) -> None:
    before = names(window.store)
    assert not window.interchange.import_path(tmp_path / "gone.json")
    assert len(warned) == 1 and "gone.json does not exist" in warned[0]
    assert names(window.store) == before


def test_the_file_menu_offers_import_and_export(window: MainWindow) -> None:
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
    actions = menus["&File"].actions()
    i = window.interchange
    assert {i.import_roadmap, i.export_json, i.export_markdown} <= set(actions)
    for action in (i.import_roadmap, i.export_json, i.export_markdown):
        assert action.statusTip()


def test_save_a_copy_says_where(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.db"
    monkeypatch.setattr(
        "roadmapper.ui.file_menu.QFileDialog.getSaveFileName", lambda *_a: (str(target), "")
    )
    window.files.save_copy.trigger()
    assert target.is_file()
    assert window.notice.text() == f"Saved a copy as “copy.db” in {tmp_path}."
    assert window.notice.file == target
