"""Each side writes its own kinds of draft: the report their goal drafts, pre-work, preparation, trial runs and career
words about themselves; the manager feedback on their report's goals.

Revision ID: 0018
Revises: 0017

``side_drafts`` rows were checked for their author (the writer's own person) and for whom they are about (the
report themselves or their manager), not for their kind: from their own login a report could insert a shared
"feedback" row that agreeing the goals took in as the manager's feedback, and a manager a shared "goal" row in
their own name shown as the report's draft (found by a helper's organisation played from the command line). The
policy now ties the kind to the side; ``agree_goals`` also takes only the report's goal drafts and nobody's
feedback but the other side's.

``wb_id_taken(pid)`` says whether a person has an id, so a manager adding a person under an id someone they do not
see holds is told it is taken, not that it "belonged to someone who was forgotten".

PostgreSQL's functions and policies are installed again; SQLite has one user and no policy.
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from workbook.store.migrations import policies_revision

    policies_revision(op.get_bind(), revision)


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
