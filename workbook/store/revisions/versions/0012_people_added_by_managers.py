"""Only someone who already manages people adds a person (under themself) to an organisation workbook; a
forgotten person's id is not given to someone new; a change is logged under the login's own user name.

Revision ID: 0012
Revises: 0011

The insert rule on ``people`` checked only that the new row's manager was the login's person, so any user,
a report included, could add a person under themself and so become a manager: of a made-up person, or of
an announced new hire whose id they took first. A report writes no ``people`` row (README, "who sees
what"). Now the rule also asks that the login already manage someone; the administrator (the tables'
owner) adds everyone else.

The change log is append-only, so a forgotten manager's entries about others keep their author's id; a new
person given that id read their private part as their own. The insert rule (and ``add_person``, for the
owner) now refuses an id the log still names as an author (``wb_id_in_log``). And a user could log a change
under any actor's name (a history showing "hana" for a change Bob made); the actor must now be the login's
own user name. PostgreSQL's policies are installed again; SQLite has one user and no policy.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    bind = op.get_bind()
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))
    if bind.dialect.name == "postgresql":
        from workbook.store.policies import install_policies

        install_policies(bind)


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
