"""The roadmapper/1 file: byte-identical round trip, precise errors, all-or-nothing import."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from roadmapper.core import interchange, sample
from roadmapper.core.errors import DatabaseError, InterchangeError, InvalidInputError
from roadmapper.export.text import write_json
from roadmapper.model.tables import ROADMAP
from roadmapper.store.interchange import import_file, import_snapshot, read_file
from roadmapper.store.store import Store
from tests.conftest import TODAY


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_export_import_export_is_byte_identical(sample_store: Store, tmp_path: Path) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    first = tmp_path / "first.json"
    write_json(sample_store.load(roadmap.id), first)

    other = Store.open(str(tmp_path / "other.db"))
    other.create_roadmap("Something else first, so ids differ")
    imported = import_file(other, first)
    second = tmp_path / "second.json"
    write_json(other.load(imported.id), second)
    other.close()
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().endswith(b"}\n")


def test_export_follows_the_documented_shape(sample_store: Store, tmp_path: Path) -> None:
    roadmap = sample_store.list_roadmaps()[0].roadmap
    out = tmp_path / "plan.json"
    write_json(sample_store.load(roadmap.id), out)
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
        write_json(sample_store.load(roadmap.id), out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- malformed files: one sentence, and the database as it was ------------------


def table_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to compare a database before and after a refusal."""
    with store.engine.connect() as conn:
        return {
            table.name: sorted((tuple(row) for row in conn.execute(sa.select(table))), key=repr)
            for table in ROADMAP.metadata.sorted_tables
        }


def sample_text(name: str = "Imported copy") -> str:
    doc = base()
    doc["roadmap"]["name"] = name
    return interchange.dumps(doc)


MALFORMED_TEXTS = [
    (
        sample_text().replace('"baseline": 84', '"baseline": ' + "9" * 5000, 1),
        "outcomes[0].key_results[0].baseline: 999999999999... is a number 5,000 characters long",
    ),
    (
        sample_text().replace('"baseline": 84', '"baseline": ' + "9" * 400, 1),
        "outcomes[0].key_results[0].baseline: 999999999999... is a number 400 characters long",
    ),
    (
        sample_text().replace('"baseline": 84', '"baseline": 1e999', 1),
        "outcomes[0].key_results[0].baseline: 1e999 is too large for a number",
    ),
    (
        sample_text().replace(
            '"description": "', '"description": ' + "[" * 1000 + "]" * 1000 + ', "x": "', 1
        ),
        "nests lists and objects more than 100 levels deep, at line 5, column 118.",
    ),
    (
        sample_text().replace('"title": "', '"title": "\\ud800', 1),
        "initiatives[0].title: contains a lone surrogate (\\ud800)",
    ),
    (
        sample_text().replace('"note": "', '"note": "\\udc00', 1),
        "check_ins[0].note: contains a lone surrogate (\\udc00)",
    ),
    (
        sample_text().replace('"title": "', '"title": "\\u0000', 1),
        "initiatives[0].title: contains a NUL character (\\u0000)",
    ),
    (
        sample_text().replace('"unit": "', '"unit": "\\u0000', 1),
        "outcomes[0].key_results[0].unit: contains a NUL character",
    ),
    (
        sample_text().replace('"description": "', '"description": "\\u0000', 1),
        "roadmap.description: contains a NUL character",
    ),
    (
        re.sub(r'"date": "\d{4}-\d\d-\d\d"', '"date": "2026-W48-2"', sample_text(), count=1),
        'check_ins[0].date: "2026-W48-2" is not a date like "2026-10-05"',
    ),
    (
        re.sub(r'"date": "(\d{4})-(\d\d)-(\d\d)"', r'"date": "\1\2\3"', sample_text(), count=1),
        "check_ins[0].date: ",
    ),
    (
        sample_text().replace('"column": "now"', '"column": "now", "column": "later"', 1),
        'initiatives[0]: the key "column" is given twice; give each key once',
    ),
]


@pytest.mark.parametrize(("text", "message"), MALFORMED_TEXTS)
def test_malformed_files_are_refused_in_one_sentence_and_write_nothing(
    sample_store: Store, tmp_path: Path, text: str, message: str
) -> None:
    """Each of these once ended in a traceback: in int(), json, SQLite or PostgreSQL."""
    before = table_rows(sample_store)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        import_file(sample_store, path)
    assert str(caught.value).startswith(f"{path}")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    str(caught.value).encode("utf-8")
    assert table_rows(sample_store) == before


def test_the_same_texts_import_once_repaired(sample_store: Store, tmp_path: Path) -> None:
    """The refusals above come from the planted flaw alone."""
    path = tmp_path / "good.json"
    path.write_text(sample_text(), encoding="utf-8")
    assert import_file(sample_store, path).name == "Imported copy"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Plan \x00 B", "contains a NUL character"),
        ("Plan \udcff B", "contains a lone surrogate (\\udcff)"),
        ("x" * 201, "is 201 characters long; at most 200 are allowed"),
    ],
    ids=["nul", "surrogate", "long"],
)
def test_a_bad_name_override_is_refused_and_writes_nothing(
    sample_store: Store, tmp_path: Path, name: str, message: str
) -> None:
    """``import --name``: what the command line passes is checked like the file's own name."""
    before = table_rows(sample_store)
    path = tmp_path / "plan.json"
    path.write_text(sample_text(), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=re.escape(message)) as caught:
        import_file(sample_store, path, name=name)
    assert "\n" not in str(caught.value)
    str(caught.value).encode("utf-8")
    assert table_rows(sample_store) == before


def test_a_refusal_by_the_database_midway_writes_nothing(sample_store: Store) -> None:
    """Validation comes first; should the database still refuse a row, all of it goes."""
    snapshot, _refs = interchange.parse_document(base())
    last = snapshot.check_ins[-1]
    bad = dataclasses.replace(
        snapshot,
        roadmap=dataclasses.replace(snapshot.roadmap, name="Half written"),
        check_ins=(*snapshot.check_ins[:-1], dataclasses.replace(last, confidence=11)),
    )
    before = table_rows(sample_store)
    with pytest.raises(DatabaseError, match="refused the change") as caught:
        import_snapshot(sample_store, bad)
    assert str(caught.value).endswith("nothing was written.")
    assert table_rows(sample_store) == before


@pytest.mark.parametrize("raw", [b"", b"  \n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n"])
def test_an_empty_file_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(raw)
    with pytest.raises(InterchangeError) as caught:
        read_file(path)
    assert str(caught.value) == f"{path} is empty; a roadmap file is one JSON object."


def test_a_file_over_the_size_limit_is_refused_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # sparse: no 50 MB written
        fh.truncate(interchange.MAX_FILE_BYTES + 1)
    with pytest.raises(InterchangeError) as caught:
        read_file(path)
    assert str(caught.value) == (f"{path} is larger than 50 MB, the most a roadmap file may be.")


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    text = sample_text()
    padded = text + " " * (interchange.MAX_FILE_BYTES - len(text.encode("utf-8")))
    path = tmp_path / "big.json"
    path.write_text(padded, encoding="utf-8")
    assert path.stat().st_size == interchange.MAX_FILE_BYTES
    snapshot, _refs = read_file(path)
    assert snapshot.roadmap.name == "Imported copy"


def test_an_endless_device_is_refused() -> None:
    """Read up to the limit and no further: /dev/zero never ends."""
    with pytest.raises(InterchangeError) as caught:
        read_file(Path("/dev/zero"))
    assert str(caught.value) == "/dev/zero is larger than 50 MB, the most a roadmap file may be."


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InterchangeError, match="is a folder, not a roadmap file"):
        read_file(tmp_path)


def test_unreadable_paths_are_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text("{}", encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        read_file(plain / "inside.json")
    assert str(caught.value) == f"{plain / 'inside.json'} cannot be read: Not a directory."

    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(InterchangeError, match=r"s\.sock cannot be read: No such device"):
            read_file(sock_path)

    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InterchangeError) as caught:
        read_file(plain)
    assert str(caught.value) == f"{plain} cannot be read: Permission denied."


def test_a_file_name_with_a_line_break_still_makes_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines\udcff.json"
    path.write_bytes(b"[]")
    with pytest.raises(InterchangeError) as caught:
        read_file(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith('"') and "two\\nlines\\udcff.json" in message
    message.encode("utf-8")


@pytest.mark.parametrize(
    "raw",
    [
        '{"format": "roadmapper/1"}'.encode("utf-16"),
        '{"roadmap": {"name": "Caf\u00e9"}}'.encode("latin-1"),
        b'{"roadmap": {"name": "\xed\xa0\x80"}}',  # a surrogate written in UTF-8 bytes
    ],
    ids=["utf-16", "latin-1", "encoded-surrogate"],
)
def test_text_that_is_not_utf8_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(raw)
    with pytest.raises(InterchangeError, match=r"is not UTF-8 text \(byte \d+\)\.$"):
        read_file(path)
