"""Fields join only a change logged in the same transaction; a note's author never changes; sequences are not read.

Revision ID: 0014
Revises: 0013

Three holes in an organisation workbook's rights, found by trying them as each role with psql:

* The insert rule on ``change_log_fields`` asked only that the change's author be the writer. A manager who
  had lost a report (moved to another manager) could still add fields to their old entries about them, words
  the report, the new manager and HR then read in the report's history as if logged. A field now joins only
  a change written in the writer's own transaction (``age(xmin) <= 0``: its row was inserted by this
  transaction or one of its savepoints), and that change's own insert checked the writer's rights then.
* ``notes.author_id`` was checked on insert only: an UPDATE could put a note in someone else's name, or take
  over a previous manager's shared note and make it private. A trigger now refuses any change of a note's
  author (a forgotten author's NULL, set by the foreign key, stays allowed).
* Users were granted SELECT on the id sequences, which tells anyone how many notes, goals or check-ins the
  whole organisation holds (``last_value``); nextval needs USAGE only.

PostgreSQL's policies are installed again; SQLite has one user and no policy.
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import policies_revision

    policies_revision(op.get_bind(), revision)


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
