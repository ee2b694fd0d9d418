"""A key result's outcome remembers the day it was recorded, so a summary made as of a day shows no later outcome.

Revision ID: 0017
Revises: 0016

Check-ins, statuses, support (0008) and actions had their days, and a summary or team overview dated a day showed
them as they stood that day; a key result's outcome had none, so a quarter's summary made as of its last day
showed the outcomes recorded at the close a week later, and the due list as of a past day saw the quarter closed.
``key_results.outcome_on`` is the day the outcome was recorded (NULL for outcomes recorded before this revision,
which are shown as they always were). A plain ADD COLUMN on both backends; the rights on ``key_results`` are per
row, so PostgreSQL's policies need nothing new.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    if "outcome_on" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("key_results")}:
        op.add_column("key_results", sa.Column("outcome_on", sa.Date, nullable=True))
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
