"""Schema version 2: a follow-up written on a note can be marked done.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN on both backends (SQLite allows it with a constant default; no table rebuild)
    op.add_column("notes", sa.Column("follow_up_done", sa.Boolean, nullable=False, server_default=sa.false()))
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def downgrade() -> None:
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
