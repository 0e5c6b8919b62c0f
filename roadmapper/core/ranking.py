"""Fractional rank keys: the order inside a column without ever renumbering it.

A key is a base-62 string compared bytewise (``C`` collation on PostgreSQL).
Placing an item between two neighbours makes a key strictly between theirs, so
a move writes exactly one row.
"""

from __future__ import annotations

from collections.abc import Sequence

from fractional_indexing import generate_key_between, generate_n_keys_between


def key_between(before: str | None, after: str | None) -> str:
    """A key that sorts after ``before`` and before ``after`` (``None``: open end)."""
    if before is not None and after is not None and before >= after:
        # Two shared-database clients may have picked the same key; order is
        # then decided by id, and the newcomer goes after the later one.
        before, after = max(before, after), None
    # The library is annotated but ships no py.typed, so mypy sees Any: name the type here.
    key: str = generate_key_between(before, after)
    return key


def key_for_index(keys: Sequence[str], index: int) -> str:
    """The key that puts a new item at ``index`` of the sorted ``keys``.

    ``keys`` must not contain the item being placed (remove it first when
    moving within its own column). ``index`` is clamped to ``0..len(keys)``.
    """
    index = max(0, min(index, len(keys)))
    before = keys[index - 1] if index > 0 else None
    after = keys[index] if index < len(keys) else None
    return key_between(before, after)


def keys_for_append(last: str | None, count: int) -> list[str]:
    """``count`` increasing keys after ``last`` (bulk import, new columns)."""
    if count <= 0:
        return []
    keys: list[str] = generate_n_keys_between(last, None, count)
    return keys


def keys_between(before: str | None, after: str | None, count: int) -> list[str]:
    """``count`` increasing keys strictly between ``before`` and ``after``."""
    if count <= 0:
        return []
    if before is not None and after is not None and before >= after:
        after = None
    keys: list[str] = generate_n_keys_between(before, after, count)
    return keys
