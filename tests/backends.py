"""Both database backends for the store's tests: a SQLite file, and a real PostgreSQL server.

``ROADMAPPER_TEST_POSTGRES`` names a server (``.ci/postgres.sh`` starts a throwaway one);
each PostgreSQL test gets a database of its own, created from ``template0`` and
dropped afterwards. Without the variable, the PostgreSQL half of every test is
skipped with a reason, and the session header says so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from roadmapper.store.database import resolve_url

POSTGRES_VAR = "ROADMAPPER_TEST_POSTGRES"
REQUIRED_VAR = "ROADMAPPER_TEST_POSTGRES_REQUIRED"
"""Set by CI: a PostgreSQL test that would be skipped fails instead."""
BACKENDS = ("sqlite", "postgresql")


def postgres_server() -> str | None:
    """The driver URL of the test server's maintenance database, or ``None``."""
    value = os.environ.get(POSTGRES_VAR, "").strip()
    return resolve_url(value) if value else None


def skip_reason() -> str:
    return f"PostgreSQL tests skipped: set {POSTGRES_VAR} to a server (see .ci/postgres.sh)."


def report_header() -> str:
    server = postgres_server()
    if server is None:
        return skip_reason()
    shown = sa.engine.make_url(server).render_as_string(hide_password=True)
    return f"PostgreSQL tests run on {shown}"


class PostgresDatabases:
    """Creates and drops the throwaway databases of one test session."""

    def __init__(self, server: str) -> None:
        self.server = sa.engine.make_url(server)
        self.admin = sa.create_engine(
            server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool
        )

    def create(self) -> str:
        name = f"rm_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
        return self.server.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = sa.engine.make_url(url).database
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self.admin.dispose()


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases | None]:
    server = postgres_server()
    if server is None:
        yield None
        return
    databases = PostgresDatabases(server)
    yield databases
    databases.close()


def new_database_url(
    backend: str, tmp_path: Path, databases: PostgresDatabases | None, name: str = "roadmap.db"
) -> Iterator[str]:
    """A URL (SQLite: a file path) of a new, empty database on ``backend``."""
    if backend == "sqlite":
        yield str(tmp_path / name)
        return
    if databases is None:
        if os.environ.get(REQUIRED_VAR):
            pytest.fail(f"{REQUIRED_VAR} is set but {POSTGRES_VAR} names no server.")
        pytest.skip(skip_reason())
    url = databases.create()
    try:
        yield url
    finally:
        # Whatever the test left open on it is ended by FORCE.
        databases.drop(url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """``"sqlite"`` or ``"postgresql"``: a test taking this runs once on each."""
    return str(request.param)


@pytest.fixture
def db_url(
    backend: str, tmp_path: Path, postgres_databases: PostgresDatabases | None
) -> Iterator[str]:
    """A new, empty database on each backend in turn (SQLite: a path; PostgreSQL: a URL)."""
    yield from new_database_url(backend, tmp_path, postgres_databases)
