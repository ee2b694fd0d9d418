"""A report reads their manager's name: the one field of the manager's row their page and summary print.

Revision ID: 0016
Revises: 0015

On an organisation database a report reads their own person row and not their manager's (``read`` is self,
above, HR), so their summary said "manager kofi" where it meant Kofi Mensah. ``wb_manager_name(role, person,
manager)`` gives the name alone of the manager of a person the role may read, while that manager is theirs;
nothing else of the manager's row (docs/decisions/0020-a-report-reads-their-manager-s-name.md).

PostgreSQL's functions and policies are installed again; SQLite has one user and no policy.
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import policies_revision

    policies_revision(op.get_bind(), revision)


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
