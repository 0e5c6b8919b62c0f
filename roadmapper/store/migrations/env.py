"""Alembic environment: migrate the connection that ``store.database`` hands over.

That connection is already inside the caller's one transaction (on SQLite begun
by the migration engine itself), so every revision up to head commits together
or not at all; ``begin_transaction`` below joins it rather than starting one.
"""

from alembic import context
from sqlmodel import SQLModel

import roadmapper.model.tables  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes["connection"]
if not connection.in_transaction():
    raise RuntimeError("migrations run inside the caller's transaction: use engine.begin()")
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite alters most columns only by copying the table; batch mode does that.
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
