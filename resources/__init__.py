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


def broken_install(problem: str) -> ResourceError:
    """The one sentence for a missing or damaged shipped file: ``problem``, then what to do."""
    return ResourceError(f"{problem}; the installation is incomplete: reinstall Roadmapper.")


def read_bytes(*parts: str) -> bytes:
    """The bytes of a shipped file; ``ResourceError`` when it is missing or unreadable."""
    try:
        return resource(*parts).read_bytes()
    except OSError as exc:
        raise _unreadable("/".join(parts), exc) from None


def font_files(prefix: str = "") -> list[tuple[str, bytes]]:
    """The bundled fonts whose file names start with ``prefix`` (all by default) as
    (file name, bytes), sorted by name."""
    folder = resource("fonts")
    try:
        entries = sorted(
            (
                item
                for item in folder.iterdir()
                if item.name.startswith(prefix) and item.name.lower().endswith(FONT_SUFFIXES)
            ),
            key=lambda item: item.name,
        )
        return [(item.name, item.read_bytes()) for item in entries]
    except OSError as exc:
        raise _unreadable("fonts", exc) from None


def icon_parts(size: int) -> tuple[str, ...]:
    """Where the ``size`` px app icon sits among the shipped files (the hicolor layout)."""
    return ("icons", "hicolor", f"{size}x{size}", "apps", f"{DESKTOP_ID}.png")


def icon_resource(size: int) -> Traversable:
    """The app icon as a ``size`` x ``size`` PNG (one of ``ICON_SIZES``), in the hicolor layout."""
    return resource(*icon_parts(size))


def icon_png(size: int) -> bytes:
    """The bytes of ``icon_resource(size)``; ``ResourceError`` when it is missing."""
    return read_bytes(*icon_parts(size))


def _unreadable(what: str, exc: OSError) -> ResourceError:
    reason = (exc.strerror or exc.__class__.__name__).lower()
    return broken_install(f"Roadmapper's own file {what} could not be read ({reason})")
