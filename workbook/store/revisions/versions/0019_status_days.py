"""Support and actions remember when their status last changed, and what it was before, so a summary made as of a
day shows them as they stood that day.

Revision ID: 0019
Revises: 0018

Support was bounded by the day it was asked for (0008) and an action by the day it was made, but their status was
today's: a quarter's summary made a week after its end, as of its last day, showed as done a review given in
those days, and an action closed after the day was missing from the summary's next steps. ``status_on`` is the day
the status last changed and ``status_before`` the status it had until then (both NULL for a row whose status never
changed, or that changed before this revision: shown as it always was). A plain ADD COLUMN on both backends; the
rights on ``support`` and ``actions`` are per row, so PostgreSQL's policies need nothing new.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    for table in ("support", "actions"):
        have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
        if "status_on" not in have:
            op.add_column(table, sa.Column("status_on", sa.Date, nullable=True))
        if "status_before" not in have:
            op.add_column(table, sa.Column("status_before", sa.String(20), nullable=True))
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
