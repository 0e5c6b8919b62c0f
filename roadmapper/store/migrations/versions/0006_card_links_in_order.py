"""An index that holds each card's key results in their order.

Revision ID: 0006_card_links_in_order
Revises: 0005_change_counter

Reading a roadmap reads every card's key results, in the order the card lists
them. The primary key (initiative, key result) finds a card's links but not their
order, so each link was looked up in the table too: at 10,000 cards that was
half of the links' read. This index answers the read on its own.
"""

from alembic import op

revision = "0006_card_links_in_order"
down_revision = "0005_change_counter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_initiative_key_result_order",
        "initiative_key_result",
        ["initiative_id", "position", "key_result_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_initiative_key_result_order", table_name="initiative_key_result")
