"""Alembic environment: migrate the connection that ``store.database`` hands over."""

from alembic import context
from sqlmodel import SQLModel

import roadmapper.model.tables  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite alters most columns only by copying the table; batch mode does that.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
