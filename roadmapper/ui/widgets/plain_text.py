"""Text from users shown as it was typed: never read as markup by Qt."""

from __future__ import annotations

import html


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` literally, line breaks kept.

    Qt reads a tooltip as HTML when its first line looks like markup, so a card
    titled "<b>Q4</b>" would turn bold. Escaped text in an explicit paragraph
    is always shown as typed.
    """
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>' if text else ""
