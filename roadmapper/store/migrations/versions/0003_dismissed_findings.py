"""Coaching findings a person dismissed, per roadmap, code and subject.

Revision ID: 0003_dismissed_findings
Revises: 0002_version_counters
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_dismissed_findings"
down_revision = "0002_version_counters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dismissed_finding",
        sa.Column("roadmap_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("subject_kind", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["roadmap_id"],
            ["roadmap.id"],
            name="fk_dismissed_finding_roadmap_id_roadmap",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "roadmap_id", "code", "subject_kind", "subject_id", name="pk_dismissed_finding"
        ),
    )


def downgrade() -> None:
    op.drop_table("dismissed_finding")
