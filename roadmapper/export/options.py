"""What an image or slide export shows: options, size presets and their one-sentence checks."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from roadmapper.core.entities import Outcome, RoadmapSnapshot
from roadmapper.core.errors import InvalidInputError, RoadmapperError
from roadmapper.core.text import named_by_start
from roadmapper.model.enums import BOARD_COLUMNS, Column

if TYPE_CHECKING:  # Qt is imported only when a picture is made, not for every command
    from roadmapper.render.okr_sheet import SheetOptions
    from roadmapper.render.slide import BoardOptions, Overflow
    from roadmapper.render.theme import Theme

Kind = Literal["board", "okr"]
KINDS: tuple[Kind, ...] = ("board", "okr")

Progress = Callable[[int, int], bool]
"""``progress(done, total)``; returning False cancels the export and nothing is written."""

SIZE_PRESETS: dict[str, tuple[int, int]] = {
    "16:9": (1920, 1080),
    "4:3": (1600, 1200),
    "a4": (1754, 1240),  # A4 landscape at 150 dpi
}
THEMES: tuple[str, ...] = ("light", "dark", "print")
MIN_SCALE, MAX_SCALE = 1.0, 4.0
MIN_SIDE, MAX_SIDE = 320, 8192  # layout units; times the scale at most 32768 device pixels

_SIZE = re.compile(r"\s*(\d{1,5})\s*[x×]\s*(\d{1,5})\s*", re.IGNORECASE)


class ExportCancelled(RoadmapperError):
    """The user cancelled an export through its progress callback; nothing was written."""

    def __init__(self, message: str = "the export was cancelled; nothing was written.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class ExportOptions:
    """Everything an export dialog or the command line can choose, already checked."""

    kind: Kind = "board"
    columns: tuple[Column, ...] = BOARD_COLUMNS
    outcome_ids: tuple[int, ...] | None = None  # None: every outcome
    show_chips: bool = True
    title: str = ""
    subtitle: str | None = None  # None: the layout's default line
    theme: str = "light"  # one of THEMES
    width: float = 1920.0
    height: float = 1080.0
    scale: float = 1.0  # PNG device pixels per layout unit
    pptx_picture: bool = False  # one full-slide picture per page instead of native shapes
    today: date | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInputError(f'"{self.kind}" is not a sheet; choose board or okr.')
        parse_theme(self.theme)
        check_scale(self.scale)
        check_size(self.width, self.height)
        if not self.columns:
            raise InvalidInputError("choose at least one column to export.")

    @property
    def colors(self) -> Theme:
        """The render theme named by ``theme``."""
        from roadmapper.render import theme

        themes = {"light": theme.LIGHT, "dark": theme.DARK, "print": theme.PRINT}
        return themes[parse_theme(self.theme)]

    def board_options(self, overflow: Overflow) -> BoardOptions:
        """The slide layout's options for a board export with ``overflow``."""
        from roadmapper.render.slide import BoardOptions

        return BoardOptions(
            columns=self.columns,
            outcome_ids=None if self.outcome_ids is None else frozenset(self.outcome_ids),
            show_chips=self.show_chips,
            title=self.title,
            subtitle=self.subtitle,
            theme=self.colors,
            width=float(self.width),
            height=float(self.height),
            overflow=overflow,
            today=self.today,
        )

    def sheet_options(self) -> SheetOptions:
        """The OKR sheet layout's options."""
        from roadmapper.render.okr_sheet import SheetOptions

        return SheetOptions(
            outcome_ids=self.outcome_ids,
            title=self.title,
            subtitle=self.subtitle,
            theme=self.colors,
            width=float(self.width),
            height=float(self.height),
            today=self.today,
        )


def check_scale(scale: float) -> float:
    if not MIN_SCALE <= scale <= MAX_SCALE:
        raise InvalidInputError(
            f"--scale {scale:g} is out of range; use a number from {MIN_SCALE:g} to {MAX_SCALE:g}."
        )
    return scale


def check_size(width: float, height: float) -> None:
    for side in (width, height):
        if not MIN_SIDE <= side <= MAX_SIDE:
            raise InvalidInputError(
                f"--size {width:g}x{height:g} is out of range; "
                f"each side must be {MIN_SIDE} to {MAX_SIDE} pixels."
            )


def parse_size(text: str) -> tuple[int, int]:
    """``"16:9"``, ``"4:3"``, ``"a4"`` or ``"WIDTHxHEIGHT"`` as (width, height) layout units."""
    preset = SIZE_PRESETS.get(text.strip().lower())
    if preset is not None:
        return preset
    match = _SIZE.fullmatch(text)
    if match is None:
        presets = ", ".join(SIZE_PRESETS)
        raise InvalidInputError(
            f'--size "{text}" is not WIDTHxHEIGHT (such as 1920x1080) or one of {presets}.'
        )
    width, height = int(match[1]), int(match[2])
    check_size(width, height)
    return width, height


def parse_theme(name: str) -> str:
    """A theme name, lower case; one sentence when there is no such theme."""
    key = name.strip().lower()
    if key not in THEMES:
        raise InvalidInputError(f'"{name}" is not a theme; choose {_or(THEMES)}.')
    return key


def parse_columns(text: str, include_done: bool = False) -> tuple[Column, ...]:
    """A comma list such as ``now,next`` in board order, Done added when asked for."""
    wanted: set[Column] = set()
    for word in (w.strip().lower() for w in text.split(",")):
        if not word:
            continue
        try:
            wanted.add(Column(word))
        except ValueError:
            names = [c.value for c in Column]
            raise InvalidInputError(
                f'"{word}" is not a column; choose from {_or(names)}.'
            ) from None
    if include_done:
        wanted.add(Column.DONE)
    if not wanted:
        raise InvalidInputError("--columns names no column; use a list such as now,next.")
    return tuple(c for c in Column if c in wanted)


def find_outcome(snapshot: RoadmapSnapshot, name: str) -> Outcome:
    """The outcome whose objective is ``name`` or uniquely starts with it, ignoring case."""
    if not name.strip():
        raise InvalidInputError("--outcome needs the start of an objective, not an empty name.")
    found = named_by_start(snapshot.outcomes, lambda o: o.objective, name)
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(f'"{o.objective}"' for o in found[:4])
        more = f" and {len(found) - 4} more" if len(found) > 4 else ""
        raise InvalidInputError(
            f'--outcome "{name}" matches {len(found)} outcomes ({names}{more}); '
            "type more of the objective."
        )
    if not snapshot.outcomes:
        raise InvalidInputError(f'no outcome is called "{name}": the roadmap has no outcomes yet.')
    known = ", ".join(f'"{o.objective}"' for o in snapshot.outcomes[:3])
    more = f" and {len(snapshot.outcomes) - 3} more" if len(snapshot.outcomes) > 3 else ""
    raise InvalidInputError(
        f'no outcome\'s objective starts with "{name}"; the outcomes are {known}{more}.'
    )


def resolve_outcomes(snapshot: RoadmapSnapshot, names: Sequence[str]) -> tuple[int, ...] | None:
    """The ids of the named outcomes in the order given, without repeats; None for none named."""
    if not names:
        return None
    ids: list[int] = []
    for name in names:
        outcome_id = find_outcome(snapshot, name).id
        if outcome_id not in ids:
            ids.append(outcome_id)
    return tuple(ids)


def _or(words: Sequence[str]) -> str:
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]


# The command line: the same names as the export dialog's fields.

PICTURE_OPTIONS = (
    "sheet",
    "columns",
    "outcome",
    "include_done",
    "no_chips",
    "title",
    "subtitle",
    "theme",
    "size",
    "scale",
    "pptx_picture",
)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """The picture and slide options of ``roadmapper export``; every default is None/False."""
    group = parser.add_argument_group("pictures and slides (.png, .svg, .pdf, .pptx)")
    add = group.add_argument
    add("--sheet", choices=KINDS, help="board (default) or okr: one OKR sheet per outcome")
    add("--columns", metavar="LIST", help="comma list such as now,next (default: now,next,later)")
    add(
        "--outcome",
        action="append",
        metavar="NAME",
        help="only this outcome, by the start of its objective (repeatable)",
    )
    add("--include-done", action="store_true", help="add the Done column")
    add("--no-chips", action="store_true", help="leave out the key result chips on cards")
    add("--title", help="the slide title (default: the roadmap's name)")
    add("--subtitle", help='the line under the title ("" for none)')
    add("--theme", metavar="{light,dark,print}", help="colours (default: light)")
    add("--size", metavar="SIZE", help="16:9 (default), 4:3, a4 or WIDTHxHEIGHT")
    add("--scale", type=float, metavar="1..4", help="PNG pixels per unit (default: 1)")
    add("--pptx-picture", action="store_true", help="PPTX slides as pictures, not shapes")


def given_picture_options(args: argparse.Namespace) -> list[str]:
    """The picture options set on the command line, as ``--flag`` names."""
    return [
        "--" + name.replace("_", "-")
        for name in PICTURE_OPTIONS
        if getattr(args, name, None) not in (None, False)
    ]


def options_from_args(snapshot: RoadmapSnapshot, args: argparse.Namespace) -> ExportOptions:
    """Check the command line's picture options against ``snapshot``; one sentence on error."""
    theme = parse_theme(args.theme) if args.theme is not None else "light"
    width, height = parse_size(args.size) if args.size is not None else SIZE_PRESETS["16:9"]
    scale = check_scale(args.scale) if args.scale is not None else 1.0
    if args.columns is not None:
        columns = parse_columns(args.columns, args.include_done)
    else:
        columns = (*BOARD_COLUMNS, Column.DONE) if args.include_done else BOARD_COLUMNS
    return ExportOptions(
        kind=args.sheet or "board",
        columns=columns,
        outcome_ids=resolve_outcomes(snapshot, args.outcome or ()),
        show_chips=not args.no_chips,
        title=args.title or "",
        subtitle=args.subtitle,
        theme=theme,
        width=float(width),
        height=float(height),
        scale=scale,
        pptx_picture=args.pptx_picture,
    )
