"""SQLModel tables of a roadmap: outcomes, key results, check-ins, initiatives.

No ``from __future__ import annotations`` here: SQLModel reads the real
annotations at class creation.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar, Optional

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

# Rank keys are compared bytewise; PostgreSQL needs the C collation for that.
RANK_TYPE = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")

# Named constraints so Alembic batch migrations on SQLite can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


# Ids are never handed out twice: a deleted row's id could otherwise come back as a
# new row, and an undo or redo would then act on someone else's card.
AUTOINCREMENT = {"sqlite_autoincrement": True}


def _id() -> Any:
    """The primary key: AUTOINCREMENT on SQLite (see ``AUTOINCREMENT``), identity on PostgreSQL."""
    return Field(default=None, sa_column=sa.Column(sa.Integer, sa.Identity(), primary_key=True))


class Table(SQLModel):
    """Base of every table class.

    The store reads and writes with Core SQL on ``__table__`` and never makes
    instances, so pydantic builds a row class's validators only if one is ever
    made, instead of at every start.
    """

    # A plain dict, not pydantic's ConfigDict(): SQLModel types the attribute as its own
    # wider TypedDict, and the literal is checked against that one.
    model_config = {"defer_build": True}

    if TYPE_CHECKING:
        # Set by SQLAlchemy's declarative mapping on every table=True class, but SQLModel
        # does not declare it. Type-checking only, as in SQLAlchemy's DeclarativeBase, so
        # pydantic does not see one more class variable at run time.
        __table__: ClassVar[sa.Table]


class RoadmapRow(Table, table=True):
    __tablename__ = "roadmap"
    __table_args__ = (AUTOINCREMENT,)

    id: Optional[int] = _id()
    name: str = Field(sa_column=sa.Column(sa.String(200), nullable=False, unique=True))
    description: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False))
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})


class OutcomeRow(Table, table=True):
    __tablename__ = "outcome"
    __table_args__ = (
        sa.CheckConstraint("level IN ('business', 'product')", name="level"),
        sa.Index("ix_outcome_roadmap_rank", "roadmap_id", "rank"),
        AUTOINCREMENT,
    )

    id: Optional[int] = _id()
    roadmap_id: int = Field(
        sa_column=sa.Column(sa.ForeignKey("roadmap.id", ondelete="CASCADE"), nullable=False)
    )
    level: str = Field(sa_column=sa.Column(sa.String(16), nullable=False))
    objective: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    color: str = Field(sa_column=sa.Column(sa.String(7), nullable=False))
    # Deleting a business outcome leaves its product outcomes unparented.
    parent_id: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(sa.ForeignKey("outcome.id", ondelete="SET NULL"), nullable=True),
    )
    rank: str = Field(sa_column=sa.Column(RANK_TYPE, nullable=False))
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})


class KeyResultRow(Table, table=True):
    __tablename__ = "key_result"
    __table_args__ = (
        sa.CheckConstraint("direction IN ('increase', 'decrease')", name="direction"),
        sa.CheckConstraint("indicator IN ('leading', 'lagging')", name="indicator"),
        sa.Index("ix_key_result_outcome_rank", "outcome_id", "rank"),
        AUTOINCREMENT,
    )

    id: Optional[int] = _id()
    outcome_id: int = Field(
        sa_column=sa.Column(sa.ForeignKey("outcome.id", ondelete="CASCADE"), nullable=False)
    )
    name: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    unit: str = Field(default="", sa_column=sa.Column(sa.String(40), nullable=False))
    direction: str = Field(sa_column=sa.Column(sa.String(16), nullable=False))
    baseline: Optional[float] = Field(default=None, sa_column=sa.Column(sa.Float, nullable=True))
    current: Optional[float] = Field(default=None, sa_column=sa.Column(sa.Float, nullable=True))
    # 0..5 numbers; a JSON array keeps the ordered list in one row on both databases.
    tiers: list[float] = Field(default_factory=list, sa_column=sa.Column(sa.JSON, nullable=False))
    indicator: str = Field(sa_column=sa.Column(sa.String(16), nullable=False))
    guardrail: bool = Field(default=False, nullable=False)
    rank: str = Field(sa_column=sa.Column(RANK_TYPE, nullable=False))
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})


class CheckInRow(Table, table=True):
    __tablename__ = "check_in"
    __table_args__ = (
        sa.CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 10)", name="confidence"
        ),
        sa.Index("ix_check_in_key_result_date", "key_result_id", "date"),
        AUTOINCREMENT,
    )

    id: Optional[int] = _id()
    key_result_id: int = Field(
        sa_column=sa.Column(sa.ForeignKey("key_result.id", ondelete="CASCADE"), nullable=False)
    )
    date: dt.date = Field(sa_column=sa.Column(sa.Date, nullable=False))
    value: float = Field(sa_column=sa.Column(sa.Float, nullable=False))
    note: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False))
    confidence: Optional[int] = Field(default=None, nullable=True)
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})


class InitiativeRow(Table, table=True):
    __tablename__ = "initiative"
    __table_args__ = (
        sa.CheckConstraint("board_column IN ('now', 'next', 'later', 'done')", name="column"),
        # One card per place: two writers dropping into one slot cannot both get a key.
        sa.Index(
            "uq_initiative_roadmap_column_rank", "roadmap_id", "board_column", "rank", unique=True
        ),
        sa.Index("ix_initiative_outcome", "outcome_id"),
        AUTOINCREMENT,
    )

    id: Optional[int] = _id()
    roadmap_id: int = Field(
        sa_column=sa.Column(sa.ForeignKey("roadmap.id", ondelete="CASCADE"), nullable=False)
    )
    title: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    description: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False))
    # "column" is an SQL keyword; the attribute keeps the domain word.
    board_column: str = Field(sa_column=sa.Column(sa.String(8), nullable=False))
    rank: str = Field(sa_column=sa.Column(RANK_TYPE, nullable=False))
    # Deleting an outcome never deletes its initiatives: they become unlinked.
    outcome_id: Optional[int] = Field(
        default=None,
        sa_column=sa.Column(sa.ForeignKey("outcome.id", ondelete="SET NULL"), nullable=True),
    )
    hypothesis: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False))
    result: str = Field(default="", sa_column=sa.Column(sa.Text, nullable=False))
    version: int = Field(default=1, nullable=False, sa_column_kwargs={"server_default": "1"})


class InitiativeKeyResultRow(Table, table=True):
    """Which key results an initiative is expected to move."""

    __tablename__ = "initiative_key_result"
    __table_args__ = (
        sa.Index("ix_initiative_key_result_key_result", "key_result_id"),
        # A roadmap's read finds each card's key results, in order, in this index alone.
        sa.Index("ix_initiative_key_result_order", "initiative_id", "position", "key_result_id"),
    )

    initiative_id: int = Field(
        sa_column=sa.Column(
            sa.ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    key_result_id: int = Field(
        sa_column=sa.Column(
            sa.ForeignKey("key_result.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    position: int = Field(default=0, nullable=False)


class DismissedFindingRow(Table, table=True):
    """A coaching finding the team decided to live with (shown no more)."""

    __tablename__ = "dismissed_finding"

    roadmap_id: int = Field(
        sa_column=sa.Column(
            sa.ForeignKey("roadmap.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    code: str = Field(sa_column=sa.Column(sa.String(40), primary_key=True, nullable=False))
    subject_kind: str = Field(sa_column=sa.Column(sa.String(16), primary_key=True, nullable=False))
    # Not a foreign key: the subject may be an outcome, a key result or an initiative.
    subject_id: int = Field(sa_column=sa.Column(sa.Integer, primary_key=True, nullable=False))


class ChangeCounterRow(Table, table=True):
    """One row: how many write transactions the database has committed.

    Every write of the store adds one, in the same transaction. A window that kept
    a roadmap in memory can tell from it, with one tiny read, whether anyone
    wrote anything since it read that roadmap.
    """

    __tablename__ = "change_counter"

    id: int = Field(sa_column=sa.Column(sa.Integer, primary_key=True, autoincrement=False))
    value: int = Field(default=0, nullable=False, sa_column_kwargs={"server_default": "0"})


ROADMAP = RoadmapRow.__table__
OUTCOME = OutcomeRow.__table__
KEY_RESULT = KeyResultRow.__table__
CHECK_IN = CheckInRow.__table__
INITIATIVE = InitiativeRow.__table__
INITIATIVE_KEY_RESULT = InitiativeKeyResultRow.__table__
DISMISSED_FINDING = DismissedFindingRow.__table__
CHANGE_COUNTER = ChangeCounterRow.__table__
