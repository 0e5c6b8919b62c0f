"""The sdist and the wheel carry everything the app reads at run time, and nothing else."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from roadmapper import __version__
from roadmapper.resources import ICON_SIZES

REPO = Path(__file__).resolve().parents[1]


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_of_the_tree_is_listed() -> None:
    """Packages are listed by hand (for the resources mapping): a new one must not be missed."""
    listed = set(pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "roadmapper").rglob("__init__.py")
    }
    assert listed == found | {"roadmapper.resources"}


def source_copy(target: Path) -> Path:
    """The files a clean clone has: tracked and new ones, none that git ignores."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.fail("the packaging test builds from the git checkout's files; git is missing")
    names = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, names):
        source = REPO / name.decode()
        if source.is_file():
            destination = target / name.decode()
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``python -m build`` from a clean copy: the sdist first, then the wheel made from it."""
    source = source_copy(tmp_path_factory.mktemp("clone"))
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return sdist, wheel


@pytest.mark.slow
def test_the_wheel_holds_the_fonts_icons_migrations_and_licences(built: tuple[Path, Path]) -> None:
    _sdist, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    res = "roadmapper/resources/"
    expected = {
        res + "__init__.py",
        res + "LICENSE.txt",
        res + "fonts/OFL.txt",
        *(
            res + f"fonts/Inter-{w}.otf"
            for w in ("Regular", "Medium", "SemiBold", "Bold", "Italic")
        ),
        res + "icons/roadmapper.svg",
        res + "icons/roadmapper.ico",
        res + "icons/roadmapper.icns",
        *(res + f"icons/hicolor/{n}x{n}/apps/roadmapper.png" for n in ICON_SIZES),
        res + "desktop/roadmapper.desktop",
        "roadmapper/store/migrations/env.py",
        "roadmapper/store/migrations/script.py.mako",
        "roadmapper/store/migrations/versions/0001_initial.py",
    }
    assert expected <= names, sorted(expected - names)
    info = f"roadmapper-{__version__}.dist-info/"
    assert {
        info + "licenses/resources/LICENSE.txt",
        info + "licenses/resources/fonts/OFL.txt",
    } <= names
    metadata = zipfile.ZipFile(wheel).read(info + "METADATA").decode()
    assert "License-Expression: MIT" in metadata
    assert (
        "roadmapper = roadmapper.cli:main"
        in zipfile.ZipFile(wheel).read(info + "entry_points.txt").decode()
    )
    # Only what the app reads: no screenshots, no tests, no build recipe.
    assert not [n for n in names if "screenshots" in n or n.startswith("tests/")]
    assert not [n for n in names if n.endswith(".spec")]


@pytest.mark.slow
def test_the_sdist_can_rebuild_everything(built: tuple[Path, Path]) -> None:
    sdist, _wheel = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {
        "pyproject.toml",
        "README.md",
        "resources/__init__.py",
        "resources/LICENSE.txt",
    } <= names
    assert "resources/fonts/Inter-Regular.otf" in names
    assert "resources/icons/hicolor/512x512/apps/roadmapper.png" in names
