"""What a card shows, without Qt: the rules the board and every slide share."""

from __future__ import annotations

import dataclasses

from roadmapper.core.card_content import NOTE_COLUMNS, ChipData, card_content, chip_for
from roadmapper.core.entities import Initiative, KeyResult, Outcome, Roadmap, RoadmapSnapshot
from roadmapper.core.palette import UNLINKED_COLOR
from roadmapper.model.enums import Column, Direction, Indicator, Level

OUTCOME = Outcome(1, 1, Level.PRODUCT, "Faster onboarding", "#e69f00")
SHARE = KeyResult(
    7, 1, "Share of teams set up in a day", Direction.INCREASE, Indicator.LEADING,
    baseline=20, current=45, tiers=(30, 40, 60),
)  # fmt: skip
SNAPSHOT = RoadmapSnapshot(Roadmap(1, "R"), outcomes=(OUTCOME,), key_results=(SHARE,))
CARD = Initiative(
    5, 1, "Guided setup", Column.NOW, "a", outcome_id=1, hypothesis="We believe…",
    result="Went up", key_result_ids=(7, 99),
)  # fmt: skip


def test_a_now_card_shows_its_outcome_chips_and_hypothesis() -> None:
    data = card_content(SNAPSHOT, CARD)
    assert data.title == "Guided setup"
    assert (data.outcome_label, data.color) == ("Faster onboarding", "#e69f00")
    assert data.chips == (ChipData("Share of teams set up in a day", 2, 3, 0.625),)  # 99: gone
    assert data.hypothesis == "We believe…" and data.result == "" and not data.done


def test_the_note_row_follows_the_column() -> None:
    for column in Column:
        data = card_content(SNAPSHOT, dataclasses.replace(CARD, column=column))
        has_note = data.hypothesis is not None or data.done
        assert has_note is (column in NOTE_COLUMNS), column
    done = card_content(SNAPSHOT, dataclasses.replace(CARD, column=Column.DONE))
    assert done.done and done.result == "Went up" and done.hypothesis is None


def test_a_card_tied_to_no_outcome_is_grey_and_says_so_by_an_empty_label() -> None:
    loose = dataclasses.replace(CARD, outcome_id=None, key_result_ids=())
    data = card_content(SNAPSHOT, loose)
    assert (data.outcome_label, data.color, data.chips) == ("", UNLINKED_COLOR, ())


def test_chips_can_be_left_off_and_a_key_result_without_tiers_has_an_empty_meter() -> None:
    assert card_content(SNAPSHOT, CARD, show_chips=False).chips == ()
    bare = dataclasses.replace(SHARE, tiers=(), baseline=None)
    assert chip_for(bare) == ChipData(SHARE.name, 0, 0, None)
