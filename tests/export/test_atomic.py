"""Every export appears whole or not at all: cancel, failure mid-write, unknown formats."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from roadmapper.core.entities import Roadmap, RoadmapSnapshot
from roadmapper.core.errors import InterchangeError, InvalidInputError, RoadmapperError
from roadmapper.export import vector
from roadmapper.export.exporter import ExportCancelled, export_file
from roadmapper.export.formats import PICTURE_FORMATS
from tests.export.conftest import crowded, options

SUFFIXES = list(PICTURE_FORMATS)
OLD = b"the previous export"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_progress_reaches_the_end(board: RoadmapSnapshot, tmp_path: Path, suffix: str) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    export_file(board, tmp_path / f"b{suffix}", options(), progress)
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("at", ["start", "middle", "end"])
def test_cancel_writes_nothing(tmp_path: Path, suffix: str, at: str) -> None:
    """Cancelled before, during or after the last step: no file, the old one untouched."""
    snapshot = crowded(30)
    path = tmp_path / f"board{suffix}"
    path.write_bytes(OLD)

    def progress(done: int, total: int) -> bool:
        return done < {"start": 0, "middle": total // 2, "end": total}[at]

    with pytest.raises(ExportCancelled) as exc:
        export_file(snapshot, path, options(), progress)
    assert isinstance(exc.value, RoadmapperError) and str(exc.value).endswith(".")
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_cancel_without_an_old_file(board: RoadmapSnapshot, tmp_path: Path) -> None:
    path = tmp_path / "new.pdf"
    with pytest.raises(ExportCancelled):
        export_file(board, path, options(), lambda done, total: done < total)
    assert not path.exists() and leftovers(tmp_path) == []


def test_failure_while_painting_a_later_pdf_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash after page 1 of a multi-page PDF was written leaves nothing behind."""
    painted: list[object] = []
    real = vector.paint_page

    def paint_then_fail(painter: object, page: object, scale: float = 1.0) -> None:
        if painted:
            raise RuntimeError("the painter fell over")
        painted.append(page)
        real(painter, page, scale)  # type: ignore[arg-type]

    monkeypatch.setattr(vector, "paint_page", paint_then_fail)
    path = tmp_path / "board.pdf"
    path.write_bytes(OLD)
    with pytest.raises(RuntimeError):
        export_file(crowded(60), path, options())
    assert painted and path.read_bytes() == OLD and leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", [".png", ".pptx"])
def test_disk_full_half_way(
    board: RoadmapSnapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """The disk fills after half the bytes: one sentence, the old file kept, no temp file."""
    real = Path.write_bytes

    def half_then_full(self: Path, data: bytes) -> int:  # type: ignore[override]
        real(self, bytes(data)[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    path = tmp_path / f"board{suffix}"
    path.write_bytes(OLD)
    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    with pytest.raises(InterchangeError) as exc:
        export_file(board, path, options())
    monkeypatch.undo()
    assert "No space left on device" in str(exc.value) and str(exc.value).endswith(".")
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["board.xlsx", "board", "board.png.bak"])
def test_unknown_suffix_names_the_supported_ones(
    board: RoadmapSnapshot, tmp_path: Path, name: str
) -> None:
    with pytest.raises(InvalidInputError) as exc:
        export_file(board, tmp_path / name, options())
    assert str(exc.value).endswith("must end in one of .png, .svg, .pdf, .pptx.")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_one_sentence(board: RoadmapSnapshot, tmp_path: Path) -> None:
    with pytest.raises(InterchangeError) as exc:
        export_file(board, tmp_path / "nowhere" / "b.png", options())
    assert "does not exist" in str(exc.value)


def test_empty_roadmap(tmp_path: Path) -> None:
    """A board with no cards is still a slide; OKR sheets of no outcomes are one sentence."""
    empty = RoadmapSnapshot(roadmap=Roadmap(id=1, name="Blank"))
    result = export_file(empty, tmp_path / "blank.pptx", options())
    assert result.pages == 1
    with pytest.raises(InvalidInputError) as exc:
        export_file(empty, tmp_path / "okrs.pdf", options(kind="okr"))
    assert "no outcomes yet" in str(exc.value)
    assert not (tmp_path / "okrs.pdf").exists()
