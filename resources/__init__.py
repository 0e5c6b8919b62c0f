"""The files Roadmapper ships with, installed as the package ``roadmapper.resources``.

The repository keeps them in the top-level ``resources/`` folder; ``pyproject.toml``
maps that folder into the package, so a checkout, a wheel and a frozen bundle all
read them the same way: through ``importlib.resources``, never through a path
relative to the source tree.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from roadmapper.core.errors import ResourceError

FONT_SUFFIXES = (".otf", ".ttf")
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_ID = "roadmapper"
"""The desktop entry's name (``roadmapper.desktop``), which Wayland matches to the window."""


def resource(*parts: str) -> Traversable:
    """A shipped file or folder, such as ``resource("fonts", "OFL.txt")``."""
    return files(__name__).joinpath(*parts)


def read_bytes(*parts: str) -> bytes:
    """The bytes of a shipped file; ``ResourceError`` when it is missing or unreadable."""
    item = resource(*parts)
    try:
        return item.read_bytes()
    except OSError as exc:
        raise ResourceError(_missing("/".join(parts), exc)) from None


def font_files() -> list[tuple[str, bytes]]:
    """Every bundled font as (file name, bytes), sorted by name."""
    folder = resource("fonts")
    try:
        entries = sorted(
            (item for item in folder.iterdir() if item.name.lower().endswith(FONT_SUFFIXES)),
            key=lambda item: item.name,
        )
        return [(item.name, item.read_bytes()) for item in entries]
    except OSError as exc:
        raise ResourceError(_missing("fonts", exc)) from None


def icon_resource(size: int) -> Traversable:
    """The app icon as a ``size`` x ``size`` PNG (one of ``ICON_SIZES``), in the hicolor layout."""
    return resource("icons", "hicolor", f"{size}x{size}", "apps", f"{DESKTOP_ID}.png")


def icon_png(size: int) -> bytes:
    """The bytes of ``icon_resource(size)``; ``ResourceError`` when it is missing."""
    return read_bytes("icons", "hicolor", f"{size}x{size}", "apps", f"{DESKTOP_ID}.png")


def _missing(what: str, exc: OSError) -> str:
    reason = exc.strerror or exc.__class__.__name__
    return (
        f"Roadmapper's own file {what} could not be read ({reason.lower()}); "
        "the installation is incomplete: reinstall Roadmapper."
    )
