"""Every export appears whole or not at all: cancel, failure mid-write, unknown formats.

The writer's refusals are tested here by faking the system calls (a short
write, a full disk, a lying disk); tests/export/test_disk_full.py fills a
real disk under the real command.
"""

from __future__ import annotations

import errno
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from roadmapper.core import interchange
from roadmapper.core.entities import Roadmap, RoadmapSnapshot
from roadmapper.core.errors import InterchangeError, InvalidInputError, RoadmapperError
from roadmapper.export import files, raster, vector
from roadmapper.export.exporter import ExportCancelled, export_file
from roadmapper.export.files import (
    check_pdf,
    check_png,
    check_svg,
    check_zip,
    write_bytes_atomic,
    write_text_atomic,
)
from roadmapper.export.formats import PICTURE_FORMATS
from roadmapper.export.markdown import to_markdown
from roadmapper.export.text import write_json, write_markdown
from roadmapper.store.store import Store
from tests.export import mounts
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


# -- the writer: roadmapper.export.files ----------------------------------------------

CHECKS: dict[str, Callable[[bytes], str | None]] = {
    ".png": check_png,
    ".svg": check_svg,
    ".pdf": check_pdf,
    ".pptx": check_zip,
}
WRITE_TEXT: dict[str, Callable[[RoadmapSnapshot, Path], None]] = {
    ".json": write_json,
    ".md": write_markdown,
}
ALL_SUFFIXES = SUFFIXES + list(WRITE_TEXT)


def export_any(snapshot: RoadmapSnapshot, path: Path) -> None:
    """Any export, picture or text, by the suffix of ``path``."""
    if path.suffix in WRITE_TEXT:
        WRITE_TEXT[path.suffix](snapshot, path)
    else:
        export_file(snapshot, path, options())


def refused(path: Path, why: str) -> str:
    return f"cannot write {path}: {why}; the previous file was left as it was."


def os_error(code: int) -> OSError:
    """An error as the system raises it: its errno and the system's own words for it."""
    return OSError(code, os.strerror(code))


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Sizes asked of every ``os.write`` call while the test runs (the real ones happen)."""
    asked: list[int] = []
    real = os.write

    def counting(fd: int, data: bytes) -> int:
        asked.append(len(data))
        return real(fd, data)

    monkeypatch.setattr(os, "write", counting)
    yield asked


def fake_write(monkeypatch: pytest.MonkeyPatch, then: Callable[[int, memoryview], int]) -> None:
    """``os.write`` that writes half of what it is given once, then does ``then``."""
    real = os.write
    calls = 0

    def half_then(fd: int, data: bytes) -> int:
        nonlocal calls
        calls += 1
        view = memoryview(data)
        if calls == 1:
            return real(fd, view[: len(view) // 2])
        return then(fd, view)

    monkeypatch.setattr(os, "write", half_then)


def no_space(fd: int, data: memoryview) -> int:
    raise os_error(errno.ENOSPC)


@pytest.mark.parametrize("suffix", ALL_SUFFIXES)
def test_disk_full_half_way(
    board: RoadmapSnapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """Half the bytes go down, then the disk is full: one sentence, old file kept, no temp."""
    path = tmp_path / f"board{suffix}"
    path.write_bytes(OLD)
    fake_write(monkeypatch, no_space)
    with pytest.raises(InterchangeError) as exc:
        export_any(board, path)
    monkeypatch.undo()
    assert str(exc.value) == refused(path, "the disk is full")
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", ALL_SUFFIXES)
def test_a_whole_export_replaces_the_old_file(
    board: RoadmapSnapshot, tmp_path: Path, suffix: str, writes: list[int]
) -> None:
    """The control for the tests around it: with a working disk the export is written."""
    path = tmp_path / f"board{suffix}"
    path.write_bytes(OLD)
    export_any(board, path)
    data = path.read_bytes()
    assert data != OLD and sum(writes) == len(data)  # every byte went through os.write
    if suffix in CHECKS:
        assert CHECKS[suffix](data) is None
    assert leftovers(tmp_path) == []


def test_a_short_write_is_retried_for_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A system may write less than asked with room to spare: the rest follows."""
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, memoryview(data)[:1000]))
    path = tmp_path / "plan.md"
    write_text_atomic(path, "x" * 2500)
    assert path.read_text() == "x" * 2500


def test_a_write_that_stops_making_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(OLD)
    fake_write(monkeypatch, lambda fd, data: 0)
    with pytest.raises(InterchangeError) as exc:
        write_text_atomic(path, "y" * 4000)
    monkeypatch.undo()
    assert str(exc.value) == refused(path, "the disk took only 2000 of 4000 bytes")
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


def test_a_write_that_claims_more_than_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size on disk is checked, not taken from what the write call returned."""
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, memoryview(data)[:10]) and len(data))
    path = tmp_path / "board.svg"
    path.write_bytes(OLD)
    with pytest.raises(InterchangeError) as exc:
        write_bytes_atomic(path, b"<svg>" + b" " * 95 + b"</svg>", check_svg)
    monkeypatch.undo()
    assert str(exc.value) == refused(path, "only 10 of 106 bytes reached the disk")
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


def test_bytes_that_read_back_different(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, b"?" + bytes(data)[1:]))
    path = tmp_path / "plan.json"
    path.write_bytes(OLD)
    with pytest.raises(InterchangeError) as exc:
        write_text_atomic(path, '{"format": "roadmapper/1"}')
    monkeypatch.undo()
    assert str(exc.value) == refused(path, "the file read back differs from what was written")
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


def _zip(names: int = 2, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for n in range(names):
            # Numbers compress poorly: the member's bytes are long enough to damage.
            archive.writestr(f"part{n}.xml", "<a>" + " ".join(map(str, range(500))) + "</a>")
    return buffer.getvalue()


def _damaged_zip(compression: int) -> bytes:
    """A zip whose index is whole but one byte inside the first member's data is not."""
    data = bytearray(_zip(compression=compression))
    at = data.index(b"part0.xml") + len(b"part0.xml") + 40
    data[at] ^= 0x55
    return bytes(data)


PNG = files.PNG_SIGNATURE + b"\x00\x00\x00\x0dIHDR" + b"\x00" * 17 + files.PNG_END
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n'
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("suffix", "data", "problem"),
    [
        (".png", b"GIF89a" + PNG[6:], "the written file does not start like a PNG picture"),
        (".png", PNG[:-6], "the written PNG picture is cut short"),
        (".svg", b"<html></html>", "the written file does not start like an SVG drawing"),
        (".svg", SVG[:-8], "the written SVG drawing is cut short"),
        (".pdf", b"%!PS-Adobe-3.0\n%%EOF\n", "the written file does not start like a PDF"),
        (".pdf", PDF[:-7], "the written PDF is cut short"),
        (".pptx", b"PK\x05\x06" + b"\x00" * 18, "the written file does not start like a zip file"),
        (".pptx", _zip()[:-30], "the written zip file is cut short or damaged"),
        (".pptx", _damaged_zip(zipfile.ZIP_STORED), "part0.xml in the written zip file is damaged"),
        (
            ".pptx",
            _damaged_zip(zipfile.ZIP_DEFLATED),
            "the written zip file is cut short or damaged",
        ),
    ],
)
def test_a_failing_format_check_refuses(
    tmp_path: Path, suffix: str, data: bytes, problem: str
) -> None:
    """Bytes a format's check rejects never replace the old file."""
    path = tmp_path / f"board{suffix}"
    path.write_bytes(OLD)
    with pytest.raises(InterchangeError) as exc:
        write_bytes_atomic(path, data, CHECKS[suffix])
    assert str(exc.value) == refused(path, problem)
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


@pytest.mark.parametrize(("suffix", "data"), [(".png", PNG), (".svg", SVG), (".pdf", PDF)])
def test_the_format_checks_pass_whole_files(tmp_path: Path, suffix: str, data: bytes) -> None:
    write_bytes_atomic(tmp_path / f"b{suffix}", data, CHECKS[suffix])
    write_bytes_atomic(tmp_path / "b.pptx", _zip(), check_zip)
    assert (tmp_path / f"b{suffix}").read_bytes() == data


def test_a_cut_short_png_from_the_encoder_is_refused(
    board: RoadmapSnapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check runs on the real export path: an encoder stopping early writes nothing."""
    real = raster.png_bytes
    monkeypatch.setattr(raster, "png_bytes", lambda image: real(image)[:-100])
    path = tmp_path / "board.png"
    path.write_bytes(OLD)
    with pytest.raises(InterchangeError) as exc:
        export_file(board, path, options())
    assert str(exc.value) == refused(path, "the written PNG picture is cut short")
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


def test_a_qt_failure_is_one_sentence_too(
    board: RoadmapSnapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt refusing to paint (no memory for the picture) names the file, keeps the old one."""

    def no_memory(page: object, scale: float) -> None:
        raise OSError(errno.ENOMEM, "there is no memory for a 30000x20000 picture")

    monkeypatch.setattr(raster, "render_image", no_memory)
    path = tmp_path / "board.png"
    path.write_bytes(OLD)
    with pytest.raises(InterchangeError) as exc:
        export_file(board, path, options())
    assert str(exc.value) == refused(path, "there is no memory for a 30000x20000 picture")
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "why"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "your disk quota is used up"),
        (errno.EFBIG, "the file would be larger than this system allows"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "permission to write in that folder was denied"),
        (errno.EIO, "the disk reported an input/output error"),
        (errno.ESTALE, os.strerror(errno.ESTALE)[:1].lower() + os.strerror(errno.ESTALE)[1:]),
    ],
)
@pytest.mark.parametrize("call", ["open", "fsync", "replace"])
def test_each_system_error_is_a_plain_cause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, why: str, call: str
) -> None:
    """Creating, syncing or renaming the temporary file fails: the cause in plain words."""

    def fail(*args: object, **kwargs: object) -> None:
        raise os_error(code)

    path = tmp_path / "board.pdf"
    path.write_bytes(OLD)
    monkeypatch.setattr(os, call, fail)
    with pytest.raises(InterchangeError) as exc:
        write_bytes_atomic(path, PDF, check_pdf)
    monkeypatch.undo()
    assert str(exc.value) == refused(path, why)
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", [".pdf", ".json"])
def test_no_new_file_appears_when_there_was_none(
    board: RoadmapSnapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    path = tmp_path / f"new{suffix}"
    fake_write(monkeypatch, no_space)
    with pytest.raises(InterchangeError) as exc:
        export_any(board, path)
    monkeypatch.undo()
    assert str(exc.value) == f"cannot write {path}: the disk is full; nothing was written."
    assert list(tmp_path.iterdir()) == []


def test_a_cancel_just_before_the_rename_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(OLD)

    def cancel() -> None:
        raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        write_text_atomic(path, "# Plan\n", before_replace=cancel)
    assert path.read_bytes() == OLD and leftovers(tmp_path) == []


def test_nothing_to_write_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    with pytest.raises(InterchangeError) as exc:
        write_text_atomic(path, "")
    assert (
        str(exc.value) == f"cannot write {path}: there was nothing to write; nothing was written."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_long_file_name_still_has_room_for_its_temporary_name(tmp_path: Path) -> None:
    """NAME_MAX is 255 bytes: the temporary name beside a 250-byte name must stay under it."""
    path = tmp_path / ("é" * 122 + ".md")  # 247 bytes in UTF-8
    write_text_atomic(path, "# Plan\n")
    assert path.read_text(encoding="utf-8") == "# Plan\n" and leftovers(tmp_path) == []


def test_a_relative_path_is_named_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.md").write_bytes(OLD)
    fake_write(monkeypatch, no_space)
    with pytest.raises(InterchangeError) as exc:
        write_text_atomic(Path("plan.md"), "# Plan\n" * 100)
    monkeypatch.undo()
    assert str(exc.value) == refused(tmp_path / "plan.md", "the disk is full")


def test_the_old_file_is_kept_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every byte value, and the file's permissions and inode, untouched by a refusal."""
    old = bytes(range(256)) * 64
    path = tmp_path / "board.png"
    path.write_bytes(old)
    path.chmod(0o640)
    before = path.stat()
    fake_write(monkeypatch, no_space)
    with pytest.raises(InterchangeError):
        write_bytes_atomic(path, PNG * 100, check_png)
    monkeypatch.undo()
    after = path.stat()
    assert path.read_bytes() == old
    assert (after.st_ino, after.st_mode, after.st_mtime_ns) == (
        before.st_ino,
        before.st_mode,
        before.st_mtime_ns,
    )


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding an old ``board.pdf`` that cannot be written in, even by root.

    Root ignores permission bits, so as root the folder is a tmpfs remounted
    read-only; as anyone else, a folder without write permission does.
    """
    folder = tmp_path / "read-only"
    if mounts.can_mount():
        with mounts.tmpfs(folder):
            (folder / "board.pdf").write_bytes(OLD)
            mounts.remount_read_only(folder)
            yield folder
        return
    if os.geteuid() == 0:
        pytest.skip("running as root without mount: no folder here refuses root's writes")
    folder.mkdir()
    (folder / "board.pdf").write_bytes(OLD)
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


def test_a_read_only_folder(board: RoadmapSnapshot, read_only_folder: Path) -> None:
    path = read_only_folder / "board.pdf"
    with pytest.raises(InterchangeError) as exc:
        export_file(board, path, options())
    why = (
        "the disk is read-only"
        if mounts.can_mount()
        else "permission to write in that folder was denied"
    )
    assert str(exc.value) == refused(path, why)
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["board.pdf"]


def test_own_errors_keep_their_words() -> None:
    """Only the system's words are replaced: an error the writers raise says what it says."""
    assert (
        files.cause(OSError(errno.EIO, "Qt could not start the PDF"))
        == "Qt could not start the PDF"
    )
    assert files.cause(os_error(errno.EIO)) == "the disk reported an input/output error"
    assert files.cause(OSError("something odd.")) == "something odd"


def test_the_text_exports_write_what_the_store_and_markdown_give(
    sample_store: Store, tmp_path: Path
) -> None:
    """Exactly the canonical file text and the Markdown, nothing added or lost."""
    roadmap = sample_store.roadmaps()[0]
    snapshot = sample_store.load(roadmap.id)
    write_json(snapshot, tmp_path / "export.json")
    expected = interchange.dumps(interchange.to_document(snapshot)).encode("utf-8")
    assert (tmp_path / "export.json").read_bytes() == expected
    write_markdown(snapshot, tmp_path / "plan.md")
    assert (tmp_path / "plan.md").read_bytes() == to_markdown(snapshot).encode("utf-8")


def test_a_name_with_a_line_break_stays_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "two\nlines.md"
    fake_write(monkeypatch, no_space)
    with pytest.raises(InterchangeError) as exc:
        write_text_atomic(path, "# Plan\n" * 100)
    monkeypatch.undo()
    assert "\n" not in str(exc.value) and '\\nlines.md"' in str(exc.value)
    assert list(tmp_path.iterdir()) == []
