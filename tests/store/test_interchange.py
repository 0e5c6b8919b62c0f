"""The roadmapper/1 file: byte-identical round trip, precise errors, all-or-nothing import."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from roadmapper.core import interchange, sample
from roadmapper.core.errors import InterchangeError
from roadmapper.store.interchange import export_json, import_file, read_file
from roadmapper.store.store import Store
from tests.conftest import TODAY


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_export_import_export_is_byte_identical(sample_store: Store, tmp_path: Path) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    first = tmp_path / "first.json"
    export_json(sample_store, roadmap.id, first)

    other = Store.open(str(tmp_path / "other.db"))
    other.create_roadmap("Something else first, so ids differ")
    imported = import_file(other, first)
    second = tmp_path / "second.json"
    export_json(other, imported.id, second)
    other.close()
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().endswith(b"}\n")


def test_export_follows_the_documented_shape(sample_store: Store, tmp_path: Path) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    out = tmp_path / "plan.json"
    export_json(sample_store, roadmap.id, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert list(doc) == ["format", "roadmap", "outcomes", "initiatives"]
    assert doc["format"] == "roadmapper/1"
    outcome = doc["outcomes"][0]
    assert list(outcome) == ["ref", "level", "objective", "parent", "color", "key_results"]
    kr = outcome["key_results"][0]
    assert list(kr) == [
        "ref",
        "name",
        "unit",
        "direction",
        "baseline",
        "current",
        "tiers",
        "indicator",
        "guardrail",
        "check_ins",
    ]
    assert list(kr["check_ins"][0]) == ["date", "value", "note", "confidence"]
    assert list(doc["initiatives"][0]) == [
        "ref",
        "title",
        "description",
        "column",
        "outcome",
        "key_results",
        "hypothesis",
        "result",
    ]
    columns = [i["column"] for i in doc["initiatives"]]
    assert columns == sorted(columns, key=["now", "next", "later", "done"].index)
    # Whole numbers are written as integers.
    assert isinstance(kr["baseline"], int | float) and "120.0" not in out.read_text()


def test_list_order_is_column_order(store: Store, tmp_path: Path) -> None:
    doc = {
        "format": "roadmapper/1",
        "roadmap": {"name": "Order"},
        "initiatives": [
            {"ref": f"c{n}", "title": f"Card {n}", "column": column}
            for n, column in enumerate(["next", "now", "next", "now", "later", "next"])
        ],
    }
    roadmap = import_file(store, write(tmp_path / "o.json", doc))
    snapshot = store.load(roadmap.id)
    assert [i.title for i in snapshot.initiatives] == [
        "Card 1",
        "Card 3",
        "Card 0",
        "Card 2",
        "Card 5",
        "Card 4",
    ]


def base() -> dict[str, Any]:
    return sample.sample_document(TODAY)


def broken(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(base())
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


BAD_DOCUMENTS = [
    (broken(["format"], "roadmapper/2"), 'format: "roadmapper/2" is not supported'),
    (broken(["format"], KeyError), "format: is missing"),
    (
        broken(["initiatives", 3, "column"], "soon"),
        'initiatives[3].column: "soon" is not one of now, next, later, done',
    ),
    (broken(["outcomes", 0, "level"], "company"), "outcomes[0].level"),
    (broken(["outcomes", 1, "color"], "green"), "outcomes[1].color"),
    (broken(["outcomes", 2, "parent"], "nope"), "outcomes[2].parent"),
    (
        broken(["outcomes", 0, "key_results", 0, "tiers"], [3, 2, 1]),
        "outcomes[0].key_results[0].tiers: tiers of an increasing key result must rise",
    ),
    (broken(["outcomes", 0, "key_results", 0, "tiers"], [1, 2, 3, 4, 5, 6]), "at most 5"),
    (
        broken(["outcomes", 0, "key_results", 0, "baseline"], "120"),
        "outcomes[0].key_results[0].baseline: expected a number, found text",
    ),
    (broken(["outcomes", 0, "key_results", 0, "baseline"], True), "expected a number"),
    (broken(["outcomes", 0, "key_results", 1, "ref"], "increase-monthly"), None),
    (
        broken(["outcomes", 0, "key_results", 0, "check_ins", 0, "date"], "05/10/2026"),
        "check_ins[0].date",
    ),
    (broken(["outcomes", 0, "key_results", 0, "check_ins", 0, "confidence"], 11), "0 to 10"),
    (broken(["initiatives", 0, "outcome"], ["a", "list"]), "initiatives[0].outcome"),
    (broken(["initiatives", 0, "key_results"], [{"ref": "x"}]), "initiatives[0].key_results[0]"),
    (broken(["initiatives", 1, "ref"], None), "initiatives[1].ref: is missing"),
    (broken(["initiatives", 2, "title"], ""), "initiatives[2].title: must not be empty"),
    (broken(["initiatives"], {"not": "a list"}), "initiatives: expected a list"),
    (broken(["roadmap"], None), "roadmap: expected an object"),
]


@pytest.mark.parametrize(("document", "message"), BAD_DOCUMENTS)
def test_bad_files_are_refused_with_their_path_and_nothing_is_written(
    sample_store: Store, tmp_path: Path, document: dict[str, Any], message: str | None
) -> None:
    if message is None:  # a duplicate ref: make it really duplicate
        krs = document["outcomes"][0]["key_results"]
        krs[1]["ref"] = krs[0]["ref"]
        message = "outcomes[0].key_results[1].ref:"
    if isinstance(document.get("roadmap"), dict):  # so only the planted error can refuse it
        document["roadmap"]["name"] = "Imported copy"
    before = [s.roadmap for s in sample_store.list_roadmaps()]
    dumped_before = [
        interchange.dumps(interchange.to_document(sample_store.load(r.id))) for r in before
    ]
    with pytest.raises(InterchangeError) as caught:
        import_file(sample_store, write(tmp_path / "bad.json", document))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    after = [s.roadmap for s in sample_store.list_roadmaps()]
    assert after == before
    assert [
        interchange.dumps(interchange.to_document(sample_store.load(r.id))) for r in after
    ] == dumped_before


def test_failure_late_in_the_write_rolls_everything_back(store: Store, tmp_path: Path) -> None:
    """A name clash is found inside the transaction: nothing of the file may remain."""
    path = write(tmp_path / "plan.json", base())
    import_file(store, path)
    with pytest.raises(Exception, match="already exists"):
        import_file(store, path)
    assert len(store.list_roadmaps()) == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{ not json", "is not valid JSON"),
        (b'{"format": NaN}', "NaN is not a number JSON allows"),
        (b"\xff\xfe\x00garbage", "is not UTF-8"),
        (b"[1, 2]", "expected an object, found a list"),
    ],
)
def test_unreadable_files(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(raw)
    with pytest.raises(InterchangeError, match=message):
        read_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError, match="does not exist"):
        read_file(tmp_path / "nope.json")


def test_lenient_read_keeps_bad_tiers_for_the_lint(tmp_path: Path) -> None:
    doc = broken(["outcomes", 0, "key_results", 0, "tiers"], [150, 140])
    snapshot, _refs = read_file(write(tmp_path / "p.json", doc), strict=False)
    assert snapshot.key_results[0].tiers == (150.0, 140.0)
    with pytest.raises(InterchangeError):
        read_file(tmp_path / "p.json", strict=True)


def test_absent_colours_take_the_next_palette_colour(store: Store, tmp_path: Path) -> None:
    doc = {
        "format": "roadmapper/1",
        "roadmap": {"name": "Colours"},
        "outcomes": [
            {"ref": "a", "level": "business", "objective": "One", "color": "#0072B2"},
            {"ref": "b", "level": "product", "objective": "Two", "parent": "a"},
        ],
    }
    snapshot = store.load(import_file(store, write(tmp_path / "c.json", doc)).id)
    assert [o.color for o in snapshot.outcomes] == ["#0072b2", "#e69f00"]
    assert snapshot.outcomes[1].parent_id == snapshot.outcomes[0].id


def test_export_never_leaves_a_partial_file(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    out = tmp_path / "plan.json"
    out.write_text("the previous export\n", encoding="utf-8")

    def failing_dumps(document: dict[str, Any]) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(interchange, "dumps", failing_dumps)
    with pytest.raises(OSError):
        export_json(sample_store, roadmap.id, out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
