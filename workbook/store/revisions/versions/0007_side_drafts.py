"""The report's side of the cycle: drafts only their author sees, and what they share (issue 17).

Revision ID: 0007
Revises: 0005

* ``side_drafts``: the report's growth-goal drafts, objective pre-work, check-in preparation and trial-run
  drafts, and the manager's feedback on them, one row per item and state ("draft": the author's alone;
  "shared": the other side reads it). New table only, so this revision relinks after any other.
* PostgreSQL: the policies again (store/rights.py "read_draft", "read_shared", "write_own").

The schema version it records is its place in :data:`workbook.store.migrations.REVISIONS`, so relinking
the revision after another one keeps ``meta.schema_version`` right.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    bind = op.get_bind()
    op.create_table(
        "side_drafts",
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
        sa.CheckConstraint("kind in ('goal', 'prework', 'prep', 'trial', 'feedback')", name="ck_side_draft_kind"),
    )
    op.create_index("ix_side_drafts_person_id", "side_drafts", ["person_id"])
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))
    if bind.dialect.name == "postgresql":
        from workbook.store.policies import install_policies

        install_policies(bind)


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    op.drop_table("side_drafts")
