"""Version counters on the rows a user edits, for optimistic locking on a shared database.

Revision ID: 0002_version_counters
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_version_counters"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

TABLES = ("roadmap", "outcome", "key_result", "check_in", "initiative")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
