"""A person remembers the way up they chose where the ladder forks.

Revision ID: 0010
Revises: 0009

A ladder can fork (an individual-contributor and a people-manager level side by side). Before, every page
compared someone below a fork with the first branch in the file, and only `workbook ladder gaps --toward`
showed the other. ``people.toward`` is a level above theirs they are heading for ("" for the next level up,
as every person before this revision). A plain ADD COLUMN on both backends; the rights on ``people`` are per
row, so PostgreSQL's policies need nothing new.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    op.add_column("people", sa.Column("toward", sa.String(100), nullable=False, server_default=""))
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
