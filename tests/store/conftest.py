"""The store's tests run on both backends: ``store`` here is a SQLite file, then PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from roadmapper.store.store import Store


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An empty store on a new database of each backend in turn."""
    opened = Store.open(db_url)
    yield opened
    opened.close()
