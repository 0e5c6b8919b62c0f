"""The command line: subcommands, exit codes, one-sentence errors, nothing written on error."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from roadmapper.cli import main
from roadmapper.core.sample import SAMPLE_NAME


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str) -> bool:
    lines = err.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("roadmapper: ") and lines[0].endswith(".")


def test_demo_list_export_import_roundtrip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "a.db")
    assert run(capsys, "demo", "--db", db)[0] == 0
    code, out, _ = run(capsys, "list", "--db", db)
    assert code == 0 and SAMPLE_NAME in out and "NOW" in out
    first = tmp_path / "first.json"
    assert run(capsys, "--db", db, "export", "--out", str(first))[0] == 0

    other = str(tmp_path / "b.db")
    code, out, _ = run(capsys, "import", str(first), "--db", other)
    assert code == 0 and "18 initiatives" in out
    second = tmp_path / "second.json"
    assert (
        run(capsys, "export", "--roadmap", SAMPLE_NAME, "--out", str(second), "--db", other)[0] == 0
    )
    assert first.read_bytes() == second.read_bytes()


def test_db_defaults_to_the_environment(
    capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    assert run(capsys, "demo")[0] == 0
    assert (isolated_environment / "default-roadmap.db").exists()


def test_markdown_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    out = tmp_path / "plan.md"
    assert run(capsys, "export", "--out", str(out), "--db", db)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# {SAMPLE_NAME.replace(':', ':')}")
    assert "## Now (6)" in text and "## Done (3)" in text
    assert "We will" in text and "tiers" in text
    assert r"Fix \"phantom\"" not in text and 'Fix "phantom" slots & double' in text


def test_lint_file_json_is_read_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_environment: Path
) -> None:
    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    plan = tmp_path / "plan.json"
    run(capsys, "export", "--out", str(plan), "--db", db)
    before = plan.read_bytes()
    code, out, _ = run(capsys, "lint", str(plan), "--json")
    assert code == 0
    findings = json.loads(out)
    codes = {f["code"] for f in findings}
    assert {"output-kr", "unlinked-initiative", "no-hypothesis", "now-without-kr"} <= codes
    assert all(
        list(f) == ["code", "severity", "subject", "message", "suggestion"] for f in findings
    )
    assert plan.read_bytes() == before
    assert not (isolated_environment / "default-roadmap.db").exists()


def test_lint_stored_roadmap_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    code, out, _ = run(capsys, "lint", "--roadmap", SAMPLE_NAME, "--db", db)
    assert code == 0 and "output-kr" in out and "warnings" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--out", "plan.xlsx"], "must end in one of .json, .md, .png, .svg, .pdf"),
        (["export", "--roadmap", "Nope", "--out", "x.json"], 'no roadmap named "Nope"'),
        (["import", "missing.json"], "does not exist"),
        (["lint", "missing.json"], "does not exist"),
        (["demo"], "already exists"),
    ],
)
def test_user_errors_are_one_sentence_with_exit_1(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    code, _out, err = run(capsys, *args, "--db", db)
    assert code == 1
    assert one_sentence(err), err
    assert message in err
    assert not (tmp_path / "plan.xlsx").exists() and not (tmp_path / "x.json").exists()


def test_several_roadmaps_need_a_choice(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    plan = tmp_path / "p.json"
    run(capsys, "export", "--out", str(plan), "--db", db)
    run(capsys, "import", str(plan), "--name", "Second", "--db", db)
    code, _, err = run(capsys, "export", "--out", str(tmp_path / "x.json"), "--db", db)
    assert code == 1 and one_sentence(err) and "--roadmap" in err


def test_roadmap_is_found_by_the_start_of_its_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    plan = tmp_path / "p.json"
    run(capsys, "export", "--out", str(plan), "--db", db)
    run(capsys, "import", str(plan), "--name", "Second plan", "--db", db)
    run(capsys, "import", str(plan), "--name", "Second wave", "--db", db)
    code, out, _ = run(capsys, "lint", "--roadmap", "sample", "--db", db)
    assert code == 0 and SAMPLE_NAME in out  # a unique start, any case, like --outcome
    code, out, _ = run(capsys, "lint", "--roadmap", "SECOND PLAN", "--db", db)
    assert code == 0 and '"Second plan"' in out
    code, _, err = run(capsys, "lint", "--roadmap", "second", "--db", db)
    assert code == 1 and one_sentence(err) and "matches 2 roadmaps" in err
    code, _, err = run(capsys, "lint", "--roadmap", "third", "--db", db)
    assert code == 1 and one_sentence(err) and 'no roadmap named "third"' in err


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    assert roadmapper(tmp_path, "--db", db, "demo").returncode == 0
    command = [sys.executable, "-m", "roadmapper", "--db", db, "lint", "--json"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=headless_env()
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # "| head -c 0": the reader is gone before anything is written
        err = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 0


def test_bad_database_is_one_sentence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("just some notes", encoding="utf-8")
    code, _, err = run(capsys, "list", "--db", str(bad))
    assert code == 1 and one_sentence(err) and "not a SQLite file" in err
    assert bad.read_text(encoding="utf-8") == "just some notes"


@pytest.mark.parametrize("args", [["frobnicate"], ["export"], ["lint", "a.json", "--roadmap", "x"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2


def test_python_dash_m_and_console_script_agree(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "roadmapper", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("roadmapper ")
    bad = subprocess.run(
        [sys.executable, "-m", "roadmapper", "import", str(tmp_path / "x.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


BOOKING = "Make online booking the way riders book a repair"


def headless_env() -> dict[str, str]:
    """This process's environment without any display or Qt platform: a bare CI machine."""
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return {k: v for k, v in os.environ.items() if k not in hidden}


def roadmapper(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roadmapper", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=headless_env(),
        timeout=120,
    )


def test_picture_exports_work_without_a_display(tmp_path: Path) -> None:
    import pptx
    import pypdf

    db = str(tmp_path / "a.db")
    assert roadmapper(tmp_path, "--db", db, "demo").returncode == 0

    done = roadmapper(
        tmp_path, "--db", db, "export", "--out", "board.png", "--size", "1920x1080", "--scale", "2"
    )
    assert done.returncode == 0, done.stderr
    assert "(PNG picture, 1 page)" in done.stdout
    head = (tmp_path / "board.png").read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (3840, 2160)

    done = roadmapper(tmp_path, "--db", db, "export", "--out", "okrs.pdf", "--sheet", "okr")
    assert done.returncode == 0, done.stderr
    assert len(pypdf.PdfReader(tmp_path / "okrs.pdf").pages) == 5  # one per outcome

    review = ["--out", "review.pptx", "--columns", "now,next", "--outcome", BOOKING]
    done = roadmapper(tmp_path, "--db", db, "export", *review)
    assert done.returncode == 0, done.stderr
    slides = pptx.Presentation(str(tmp_path / "review.pptx")).slides
    texts = [
        " ".join(shape.text_frame.text for shape in group.shapes if shape.has_text_frame)
        for slide in slides
        for group in slide.shapes
        if group.name.startswith("Card ")
    ]
    assert len(texts) == 4 and all(BOOKING in t for t in texts)  # 3 in Now, 1 in Next
    columns = [s.name for s in slides[0].shapes if s.name.startswith("Column ")]
    assert columns == ["Column Now", "Column Next"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "board.png", "--size", "abc"], '--size "abc" is not WIDTHxHEIGHT'),
        (["--out", "board.png", "--scale", "9"], "--scale 9 is out of range"),
        (["--out", "board.svg", "--theme", "neon"], '"neon" is not a theme'),
        (["--out", "board.pdf", "--columns", "now,soon"], '"soon" is not a column'),
        (["--out", "review.pptx", "--outcome", "Conquer"], 'objective starts with "Conquer"'),
        (["--out", "review.pptx", "--outcome", "g"], "matches 2 outcomes"),
        (["--out", "plan.json", "--theme", "dark"], "--theme applies to .png, .svg, .pdf"),
        (["--out", "board.docx", "--scale", "2"], "must end in one of"),
    ],
)
def test_picture_export_errors_write_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _out, err = run(capsys, "export", "--db", db, *args)
    assert code == 1
    assert one_sentence(err), err
    assert message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_export_help_lists_the_picture_options(capsys: pytest.CaptureFixture[str]) -> None:
    """They are added when the export command is parsed, so its help shows them too."""
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "pictures and slides (.png, .svg, .pdf, .pptx)" in out
    for flag in ("--sheet", "--columns", "--theme", "--size", "--scale", "--pptx-picture"):
        assert flag in out


def test_an_unreachable_display_does_not_stop_a_headless_export(tmp_path: Path) -> None:
    """An SSH session with a stale DISPLAY, or a stopped X server: exports render offscreen."""
    db = str(tmp_path / "a.db")
    assert roadmapper(tmp_path, "--db", db, "demo").returncode == 0
    env = {**headless_env(), "DISPLAY": ":97", "QT_QPA_PLATFORM": "xcb"}
    for name in ("board.png", "board.pdf"):
        done = subprocess.run(
            [sys.executable, "-m", "roadmapper", "--db", db, "export", "--out", name],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 10_000


def test_the_window_without_a_display_is_one_sentence(tmp_path: Path) -> None:
    env = {**headless_env(), "DISPLAY": ":97"}
    done = subprocess.run(
        [sys.executable, "-m", "roadmapper", "--db", str(tmp_path / "a.db")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1 and one_sentence(done.stderr), done.stderr
    assert "cannot reach the display :97" in done.stderr
    assert "roadmapper export" in done.stderr  # what works without one
    assert not (tmp_path / "a.db").exists()  # nothing was created for a window never shown


def test_a_missing_font_is_one_sentence_not_a_traceback(
    qapp, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process (the session's QApplication stands in for the one export would make)."""
    from roadmapper import resources
    from roadmapper.render import fonts

    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    monkeypatch.setattr(fonts, "_family", None)  # as in a fresh process
    broken = tmp_path / "broken-install"
    monkeypatch.setattr(resources, "resource", lambda *parts: broken.joinpath(*parts))
    code, _out, err = run(capsys, "export", "--db", db, "--out", str(tmp_path / "b.png"))
    assert code == 1 and one_sentence(err), err
    assert "reinstall Roadmapper" in err
    assert not (tmp_path / "b.png").exists()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["plan.db"], ["--db", "plan.db"]),
        (["/home/pm/Roadmaps/Q3 plan"], ["--db", "/home/pm/Roadmaps/Q3 plan"]),
        (["--db", "plan.db"], ["--db", "plan.db"]),
        (["demo"], ["demo"]),
        (["lsit"], ["lsit"]),  # a mistyped command stays an error, not a new file
        (["lint", "plan.json"], ["lint", "plan.json"]),
    ],
)
def test_a_file_named_alone_opens_in_the_window(argv: list[str], expected: list[str]) -> None:
    from roadmapper.cli import build_parser, open_file_arguments

    assert open_file_arguments(build_parser(), argv) == expected


def test_a_file_named_alone_reaches_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmapper import app

    opened: list[str | None] = []
    monkeypatch.setattr(app, "run", lambda db=None: opened.append(db) or 0)
    existing = tmp_path / "roadmap"  # no suffix, but it exists
    existing.write_bytes(b"")
    assert main([str(existing)]) == 0
    assert opened == [str(existing)]


def test_a_listening_x_server_counts_as_reachable() -> None:
    """An X server over TCP (``ssh -X`` gives ``localhost:10.0``) is found at 6000 + N."""
    import socket

    from roadmapper.app import x_display_reachable

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        for number in range(50, 100):  # the first free display number
            try:
                server.bind(("127.0.0.1", 6000 + number))
                break
            except OSError:
                continue
        server.listen(1)
        assert x_display_reachable(f"127.0.0.1:{number}.0")
    finally:
        server.close()
    assert not x_display_reachable(f"127.0.0.1:{number}", timeout=0.5)
    assert not x_display_reachable(":not-a-number")


def test_a_copy_without_its_resources_package_is_one_sentence(
    qapp, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m roadmapper`` in a bare source folder: resources/ is not inside roadmapper/."""
    from roadmapper.render import fonts

    db = str(tmp_path / "a.db")
    run(capsys, "demo", "--db", db)
    monkeypatch.setattr(fonts, "_family", None)
    monkeypatch.setitem(sys.modules, "roadmapper.resources", None)  # import raises
    code, _out, err = run(capsys, "export", "--db", db, "--out", str(tmp_path / "b.png"))
    assert code == 1 and one_sentence(err), err
    assert "no resources package" in err and "install it" in err


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "plan.db"], ["--db=plan.db"], ["--db", "postgresql://host/team"]],
)
def test_opening_the_window_skips_the_full_parser_and_parses_the_same(argv: list[str]) -> None:
    from roadmapper.cli import build_parser, window_arguments

    assert window_arguments(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["--db"],
        ["--db", "-x"],
        ["--db="],
        ["--db", "a", "--db", "b"],
        ["list"],
        ["--version"],
        ["plan.db"],
        ["--db", "a", "list"],
        ["--help"],
    ],
)
def test_any_other_command_line_goes_through_the_full_parser(argv: list[str]) -> None:
    from roadmapper.cli import window_arguments

    assert window_arguments(argv) is None
