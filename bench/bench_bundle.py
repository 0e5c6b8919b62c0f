"""Bundle benchmark: unpacked size and start-up of the PyInstaller bundle against the venv."""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench_core import Row, print_table

REPO = Path(__file__).resolve().parents[1]
RUNS = 7
TIMEOUT_S = 120.0
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MISSING = math.nan


@dataclass
class Samples:
    """Wall times of one command of one executable, or why there are none."""

    seconds: list[float] = field(default_factory=list)
    problem: str = ""

    def row(self, step: str) -> tuple[Row, str]:
        if self.problem or not self.seconds:
            return (step, MISSING, None, "ms"), f"missing: {self.problem or 'no run'}"
        ms = [s * 1000 for s in self.seconds]
        note = f"min {min(ms):.0f} / max {max(ms):.0f} ms over {len(ms)} runs"
        return (step, statistics.median(ms), None, "ms"), note


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "bundle",
        nargs="?",
        type=Path,
        default=REPO / "dist" / "Roadmapper" / "Roadmapper",
        help="the bundle's executable (default: dist/Roadmapper/Roadmapper)",
    )
    parser.add_argument(
        "venv",
        nargs="?",
        type=Path,
        default=REPO / ".venv" / "bin" / "roadmapper",
        help="the venv's roadmapper command (default: .venv/bin/roadmapper)",
    )
    parser.add_argument("-n", "--runs", type=int, default=RUNS, help=f"runs each (default {RUNS})")
    return parser.parse_args(argv)


def folder_size(folder: Path) -> tuple[int, int, tuple[str, int]]:
    """Bytes and files under ``folder`` (links not followed), and its largest file."""
    total, files, largest = 0, 0, ("", 0)
    for root, _dirs, names in os.walk(folder):
        for name in names:
            size = (Path(root) / name).lstat().st_size
            total, files = total + size, files + 1
            if size > largest[1]:
                largest = (name, size)
    return total, files, largest


def unusable(exe: Path) -> str:
    """Why ``exe`` cannot be run, or "" when it can."""
    if not exe.is_file():
        return f"{exe} not found"
    if not os.access(exe, os.X_OK):
        return f"{exe} is not executable"
    return ""


def clean_env() -> dict[str, str]:
    """This environment without the variables that would point either side at other code."""
    drop = {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "LD_LIBRARY_PATH"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def run_once(exe: Path, args: Sequence[str], cwd: Path) -> tuple[float, str]:
    """Wall seconds of one run, and "" or the reason it failed."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [str(exe), *args],
            cwd=cwd,
            env=clean_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return time.perf_counter() - start, f"{exc.__class__.__name__}: {exc}"
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines() or ["no message"]
        return seconds, f"exit {done.returncode}: {lines[-1][:80]}"
    return seconds, ""


def png_problem(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(PNG_MAGIC))
    except OSError:
        return f"{path.name} was not written"
    return "" if head == PNG_MAGIC else f"{path.name} is not a PNG"


def alternate(
    sides: dict[str, Path], args: Sequence[str], runs: int, cwd: Path, out: Path | None = None
) -> dict[str, Samples]:
    """Time ``args`` on every usable side in turn (A B A B ...), after one untimed run each."""
    samples = {name: Samples(problem=unusable(exe)) for name, exe in sides.items()}
    for n in range(runs + 1):
        for name, exe in sides.items():
            sample = samples[name]
            if sample.problem:
                continue
            if out is not None:
                out.unlink(missing_ok=True)
            seconds, problem = run_once(exe, args, cwd)
            if not problem and out is not None:
                problem = png_problem(out)
            if problem:
                sample.problem = problem
            elif n > 0:
                sample.seconds.append(seconds)
    return samples


def ratio_row(step: str, samples: dict[str, Samples]) -> tuple[Row, str]:
    bundle, venv = samples["bundle"], samples["venv"]
    if bundle.problem or venv.problem or not bundle.seconds or not venv.seconds:
        return (step, MISSING, None, "x"), "missing: needs both sides"
    value = statistics.median(bundle.seconds) / statistics.median(venv.seconds)
    return (step, value, None, "x"), "ratio of the medians"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    runs = max(1, args.runs)
    sides = {"bundle": args.bundle.absolute(), "venv": args.venv.absolute()}
    rows: list[Row] = []
    notes: list[str] = []

    def add(row_note: tuple[Row, str]) -> None:
        rows.append(row_note[0])
        notes.append(row_note[1])

    folder = sides["bundle"].parent
    if sides["bundle"].is_file():
        total, files, (name, size) = folder_size(folder)
        add(
            (
                ("bundle unpacked size", total / 1e6, None, "MB"),
                f"{files} files; largest {name} {size / 1e6:.1f} MB",
            )
        )
    else:
        add(
            (("bundle unpacked size", MISSING, None, "MB"), f"missing: {sides['bundle']} not found")
        )

    with tempfile.TemporaryDirectory(prefix="roadmapper-bench-bundle-") as tmp:
        work = Path(tmp)
        db = work / "demo.db"
        maker = next((exe for exe in sides.values() if not unusable(exe)), None)
        made = "no executable to create it" if maker is None else ""
        if maker is not None:
            _seconds, made = run_once(maker, ["demo", "--db", str(db)], work)

        version = alternate(sides, ["--version"], runs, work)
        for name in sides:
            add(version[name].row(f"--version, {name} (median)"))
        add(ratio_row("--version, bundle / venv", version))

        out = work / "x.png"
        export_args = ["export", "--db", str(db), "--out", str(out)]
        if made:
            export = {name: Samples(problem=f"no demo database: {made}") for name in sides}
        else:
            export = alternate(sides, export_args, runs, work, out)
        for name in sides:
            add(export[name].row(f"export .png, {name} (median)"))
        add(ratio_row("export .png, bundle / venv", export))

    print_table(
        f"{os.cpu_count()} CPUs, {platform.platform()}, {runs} runs each, alternating; "
        f"bundle {sides['bundle']}, venv {sides['venv']}",
        rows,
        notes,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
