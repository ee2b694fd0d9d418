"""The report writes about their own career on their page (goals, interests, values, history, what to learn,
strengths as they see them, the way up they want where the ladder forks).

Revision ID: 0011
Revises: 0010

The practice pulls this information in 1:1s; until now only the manager could write it down (pull notes). It
is one more kind of item on the report's side, ``career``, with the same two states and the same rights as the
others (a draft is its author's alone; a shared item is read by the report and their manager only): the kind
check on ``side_drafts`` gains it. PostgreSQL alters the check in place (its policies stay); SQLite cannot
alter a check, so batch mode rebuilds the table with its rows, unique key and index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

KINDS = "kind in ('goal', 'prework', 'prep', 'trial', 'feedback', 'career')"


def _table() -> sa.Table:
    """side_drafts as this revision leaves it (SQLite's rebuild copies the rows into it)."""
    meta = sa.MetaData()
    sa.Table("people", meta, sa.Column("id", sa.String(64), primary_key=True))
    return sa.Table(
        "side_drafts", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
        sa.Column("author_id", sa.String(64), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("person_id", "author_id", "kind", "period", "position", "state", name="uq_side_draft"),
        sa.CheckConstraint("state in ('draft', 'shared')", name="ck_side_draft_state"),
        sa.CheckConstraint(KINDS, name="ck_side_draft_kind"),
        sa.Index("ix_side_drafts_person_id", "person_id"),
    )


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_constraint("ck_side_draft_kind", "side_drafts", type_="check")
        op.create_check_constraint("ck_side_draft_kind", "side_drafts", KINDS)
    else:
        with op.batch_alter_table("side_drafts", copy_from=_table(), recreate="always"):
            pass
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
