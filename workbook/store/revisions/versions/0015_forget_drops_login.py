"""A users row that goes takes its login role with it: a forgotten person's login no longer survives them.

Revision ID: 0015
Revises: 0014

``users.person_id`` cascades: forgetting a person deleted their ``users`` row, but their PostgreSQL login role
stayed, still able to connect (it saw nothing), and ``workbook user remove NAME`` no longer found the user, so
nobody could take it away through the workbook. A trigger on ``users`` now drops the login role of a row that
goes, in the same transaction: ``user remove``, and a forget by whoever may erase the person (their manager,
who may not drop roles, included; the function runs as the tables' owner, who made the role). A role that
cannot be dropped refuses the forget, with the fix, and nothing is erased.

PostgreSQL's policies are installed again; SQLite has no users.
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import policies_revision

    policies_revision(op.get_bind(), revision)


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
