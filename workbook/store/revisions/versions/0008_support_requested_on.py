"""Support remembers the day it was asked for, so a request made mid-quarter is not 'weeks late' at once.

Revision ID: 0008
Revises: 0007

Before, support had no date of its own and every request counted from the start of its quarter: OKRs set
on the fortieth day of a quarter listed their support as "requested 40 days ago and nobody has committed
yet" the moment they were saved. ``support.requested_on`` is the day the request was recorded (NULL for
requests made before this revision, which keep counting from the quarter's start). A plain ADD COLUMN on
both backends; the rights on ``support`` are per row, so PostgreSQL's policies need nothing new.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    op.add_column("support", sa.Column("requested_on", sa.Date, nullable=True))
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
