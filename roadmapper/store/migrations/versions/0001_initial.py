"""The first schema: roadmaps, outcomes, key results, check-ins, initiatives.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

RANK = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "roadmap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_roadmap"),
        sa.UniqueConstraint("name", name="uq_roadmap_name"),
    )
    op.create_table(
        "outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roadmap_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("objective", sa.Text(), nullable=False),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("rank", RANK, nullable=False),
        sa.CheckConstraint("level IN ('business', 'product')", name="ck_outcome_level"),
        sa.ForeignKeyConstraint(
            ["roadmap_id"],
            ["roadmap.id"],
            name="fk_outcome_roadmap_id_roadmap",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["outcome.id"],
            name="fk_outcome_parent_id_outcome",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_outcome"),
    )
    op.create_index("ix_outcome_roadmap_rank", "outcome", ["roadmap_id", "rank"])
    op.create_table(
        "key_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("current", sa.Float(), nullable=True),
        sa.Column("tiers", sa.JSON(), nullable=False),
        sa.Column("indicator", sa.String(16), nullable=False),
        sa.Column("guardrail", sa.Boolean(), nullable=False),
        sa.Column("rank", RANK, nullable=False),
        sa.CheckConstraint("direction IN ('increase', 'decrease')", name="ck_key_result_direction"),
        sa.CheckConstraint("indicator IN ('leading', 'lagging')", name="ck_key_result_indicator"),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["outcome.id"],
            name="fk_key_result_outcome_id_outcome",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_key_result"),
    )
    op.create_index("ix_key_result_outcome_rank", "key_result", ["outcome_id", "rank"])
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 10)",
            name="ck_check_in_confidence",
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name="fk_check_in_key_result_id_key_result",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_check_in"),
    )
    op.create_index("ix_check_in_key_result_date", "check_in", ["key_result_id", "date"])
    op.create_table(
        "initiative",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roadmap_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("board_column", sa.String(8), nullable=False),
        sa.Column("rank", RANK, nullable=False),
        sa.Column("outcome_id", sa.Integer(), nullable=True),
        sa.Column("hypothesis", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "board_column IN ('now', 'next', 'later', 'done')", name="ck_initiative_column"
        ),
        sa.ForeignKeyConstraint(
            ["roadmap_id"],
            ["roadmap.id"],
            name="fk_initiative_roadmap_id_roadmap",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["outcome.id"],
            name="fk_initiative_outcome_id_outcome",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_initiative"),
    )
    op.create_index(
        "ix_initiative_roadmap_column_rank", "initiative", ["roadmap_id", "board_column", "rank"]
    )
    op.create_index("ix_initiative_outcome", "initiative", ["outcome_id"])
    op.create_table(
        "initiative_key_result",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("key_result_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name="fk_initiative_key_result_initiative_id_initiative",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name="fk_initiative_key_result_key_result_id_key_result",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("initiative_id", "key_result_id", name="pk_initiative_key_result"),
    )
    op.create_index(
        "ix_initiative_key_result_key_result", "initiative_key_result", ["key_result_id"]
    )


def downgrade() -> None:
    for table in ("initiative_key_result", "initiative", "check_in", "key_result", "outcome"):
        op.drop_table(table)
    op.drop_table("roadmap")
