"""A counter of committed writes, so a window can tell a roadmap it keeps is still current.

Revision ID: 0005_change_counter
Revises: 0004_stable_ids_and_ranks

One row (id 1). Every write transaction of the store adds one to it before it
commits; a window that kept a roadmap in memory compares the counter with the
value it read alongside that roadmap, and with the writes it made itself.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_change_counter"
down_revision = "0004_stable_ids_and_ranks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    counter = op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_change_counter"),
    )
    op.bulk_insert(counter, [{"id": 1, "value": 0}])


def downgrade() -> None:
    op.drop_table("change_counter")
