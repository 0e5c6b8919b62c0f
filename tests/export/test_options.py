"""Export options: size presets, parsing, and one-sentence errors for every bad choice."""

from __future__ import annotations

import argparse

import pytest

from roadmapper.core.entities import RoadmapSnapshot
from roadmapper.core.errors import InvalidInputError
from roadmapper.export.options import (
    SIZE_PRESETS,
    ExportOptions,
    add_export_arguments,
    find_outcome,
    given_picture_options,
    options_from_args,
    parse_columns,
    parse_size,
    parse_theme,
    resolve_outcomes,
)
from roadmapper.model.enums import Column
from roadmapper.render.slide import Overflow
from roadmapper.render.theme import DARK


def sentence(exc: pytest.ExceptionInfo[InvalidInputError]) -> str:
    text = str(exc.value)
    assert "\n" not in text and text.endswith("."), text
    return text


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("16:9", (1920, 1080)),
        ("4:3", (1600, 1200)),
        ("A4", (1754, 1240)),
        ("1280x720", (1280, 720)),
        (" 2560 X 1440 ", (2560, 1440)),
    ],
)
def test_sizes_and_presets(text: str, size: tuple[int, int]) -> None:
    assert parse_size(text) == size


def test_a4_preset_is_landscape_at_150_dpi() -> None:
    width, height = SIZE_PRESETS["a4"]
    assert abs(width / 150 - 297 / 25.4) < 0.01 and abs(height / 150 - 210 / 25.4) < 0.01


@pytest.mark.parametrize("text", ["abc", "1920", "1920x", "x1080", "16/9", "-5x10"])
def test_bad_size_is_one_sentence(text: str) -> None:
    with pytest.raises(InvalidInputError) as exc:
        parse_size(text)
    assert sentence(exc).startswith(f'--size "{text}" is not WIDTHxHEIGHT')


def test_size_out_of_range() -> None:
    with pytest.raises(InvalidInputError) as exc:
        parse_size("20x20")
    assert "out of range" in sentence(exc)


@pytest.mark.parametrize("scale", [0.5, 4.5, float("nan")])
def test_scale_out_of_range(scale: float) -> None:
    with pytest.raises(InvalidInputError) as exc:
        ExportOptions(scale=scale)
    assert "--scale" in sentence(exc) and "1 to 4" in str(exc.value)


def test_themes() -> None:
    assert parse_theme("Dark") == "dark"
    assert ExportOptions(theme="DARK").colors is DARK
    with pytest.raises(InvalidInputError) as exc:
        parse_theme("neon")
    assert sentence(exc) == '"neon" is not a theme; choose light, dark or print.'


def test_columns_in_board_order_with_done() -> None:
    assert parse_columns("next, now") == (Column.NOW, Column.NEXT)
    assert parse_columns("later", include_done=True) == (Column.LATER, Column.DONE)
    for bad, words in (("now,soon", '"soon" is not a column'), (",", "names no column")):
        with pytest.raises(InvalidInputError) as exc:
            parse_columns(bad)
        assert words in sentence(exc)


def test_outcome_by_exact_name_or_unique_prefix(board: RoadmapSnapshot) -> None:
    booking = next(o for o in board.outcomes if o.objective.startswith("Make online"))
    assert find_outcome(board, booking.objective.upper()) == booking
    assert find_outcome(board, "  make   ONLINE ") == booking
    ids = resolve_outcomes(board, ["make online", booking.objective])
    assert ids == (booking.id,)
    assert resolve_outcomes(board, []) is None


def test_ambiguous_and_unknown_outcomes(board: RoadmapSnapshot) -> None:
    with pytest.raises(InvalidInputError) as exc:
        find_outcome(board, "g")
    text = sentence(exc)
    assert 'matches 2 outcomes ("Grow recurring' in text and '"Get mechanics' in text
    with pytest.raises(InvalidInputError) as exc:
        find_outcome(board, "Conquer the moon")
    assert sentence(exc).startswith('no outcome\'s objective starts with "Conquer the moon"')


def test_board_and_sheet_options() -> None:
    chosen = ExportOptions(outcome_ids=(3, 1), width=1600, height=1200, theme="dark")
    board = chosen.board_options(Overflow.PAGINATE)
    assert board.outcome_ids == frozenset({1, 3}) and board.overflow is Overflow.PAGINATE
    assert (board.width, board.height, board.theme) == (1600, 1200, DARK)
    assert chosen.sheet_options().outcome_ids == (3, 1)


def test_command_line_options(board: RoadmapSnapshot) -> None:
    parser = argparse.ArgumentParser()
    add_export_arguments(parser)
    line = "--sheet okr --columns now,next --include-done --outcome make --size 4:3 --scale 2"
    args = parser.parse_args([*line.split(), "--theme", "print", "--no-chips", "--title", "T"])
    chosen = options_from_args(board, args)
    assert chosen.kind == "okr" and chosen.columns == (Column.NOW, Column.NEXT, Column.DONE)
    assert (chosen.width, chosen.height, chosen.scale, chosen.theme) == (1600, 1200, 2, "print")
    assert not chosen.show_chips and chosen.title == "T" and len(chosen.outcome_ids or ()) == 1
    assert "--sheet" in given_picture_options(args)
    assert given_picture_options(parser.parse_args([])) == []
    plain = options_from_args(board, parser.parse_args(["--include-done"]))
    assert plain.columns == (Column.NOW, Column.NEXT, Column.LATER, Column.DONE)
