"""The status roles of every theme: error, warning and success text that reads light or dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from roadmapper.render.theme import DARK, LIGHT, PRINT, Theme, contrast_ratio, theme_for_palette

ROLES = ("error", "warning", "success")


@pytest.mark.parametrize("theme", [LIGHT, DARK, PRINT], ids=lambda t: t.name)
@pytest.mark.parametrize("role", ROLES)
def test_status_text_reads_on_the_board_and_on_a_card(theme: Theme, role: str) -> None:
    for behind in (theme.background, theme.surface):
        assert contrast_ratio(theme.color(role), QColor(behind)) >= 4.5, (role, behind)


def test_the_roles_differ_so_a_state_is_never_told_by_one_colour_for_two() -> None:
    for theme in (LIGHT, DARK, PRINT):
        assert len({getattr(theme, r) for r in ROLES}) == len(ROLES)


def test_dark_mode_gets_its_own_status_colours() -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    theme = theme_for_palette(dark)
    assert theme is DARK
    assert all(getattr(DARK, r) != getattr(LIGHT, r) for r in ROLES)
