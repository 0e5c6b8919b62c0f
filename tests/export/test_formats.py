"""One check of an export's file name, shared by the CLI, the dialog and the writers."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmapper.core.errors import InvalidInputError
from roadmapper.export.formats import EXPORT_FORMATS, PICTURE_FORMATS, check_suffix


def test_suffix_is_read_case_blind() -> None:
    assert check_suffix(Path("Board.PNG")) == ".png"
    assert check_suffix(Path("plan.json"), EXPORT_FORMATS) == ".json"


def test_pictures_are_a_part_of_what_the_cli_writes() -> None:
    assert set(PICTURE_FORMATS) < set(EXPORT_FORMATS)
    assert list(EXPORT_FORMATS)[-len(PICTURE_FORMATS) :] == list(PICTURE_FORMATS)


@pytest.mark.parametrize(
    ("name", "formats"), [("plan.json", PICTURE_FORMATS), ("b.docx", EXPORT_FORMATS)]
)
def test_other_names_get_one_sentence_naming_the_file(name: str, formats: dict[str, str]) -> None:
    with pytest.raises(InvalidInputError) as caught:
        check_suffix(Path("deck") / name, formats)
    message = str(caught.value)
    assert f'"{name}"' in message and ", ".join(formats) in message
    assert message.count(".") >= len(formats)
