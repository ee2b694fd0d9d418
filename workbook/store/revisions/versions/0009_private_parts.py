"""The fields only the 1:1 reads move out of shareable rows into tables of their own, each with its own rule.

Revision ID: 0009
Revises: 0008

Rights are per row. A check-in's summary line, the onboarding motivations, a goal's draft and feedback, and
an objective's pre-work (understanding, supplement, aligned work) were columns of rows a skip-level and HR
read, so on PostgreSQL they read them too (found in stop 26, written down as a known gap with a strict
xfail test). Each moves into a one-row part keyed by its record (schema.PRIVATE_PARTS: ``people_private``,
``goals_private``, ``objectives_private``, ``check_ins_private``; deleted with the record), copied over
where it has words, and the old column is dropped. PostgreSQL's policies are installed again: the parts
are read by the report and their manager ("read_working"), a check-in's summary by the manager alone
("read_manager"). On SQLite (3.35 or newer drops a column in place) the upgrade runs with foreign keys
off and checks them before the commit (store/migrations.py); on both it is one transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# parent table -> (part, key column, key type, fields): as workbook/store/schema.py at this revision
PARTS = (
    ("people", "people_private", "person_id", sa.String(64), ("motivations",)),
    ("goals", "goals_private", "goal_id", sa.Integer(), ("draft", "feedback")),
    ("objectives", "objectives_private", "objective_id", sa.Integer(), ("understanding", "supplement", "aligned_work")),
    ("check_ins", "check_ins_private", "check_in_id", sa.Integer(), ("summary",)),
)


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    bind = op.get_bind()
    for parent, part, key, key_type, fields in PARTS:
        op.create_table(
            part,
            sa.Column(key, key_type, sa.ForeignKey(f"{parent}.id", ondelete="CASCADE"), primary_key=True,
                      autoincrement=False),
            *(sa.Column(f, sa.Text, nullable=False, server_default="") for f in fields),
        )
        cols = ", ".join(fields)
        coalesced = ", ".join(f"coalesce({f}, '')" for f in fields)
        words = " OR ".join(f"coalesce({f}, '') <> ''" for f in fields)
        op.execute(f"INSERT INTO {part} ({key}, {cols}) SELECT id, {coalesced} FROM {parent} WHERE {words}")
        for f in fields:
            op.execute(f"ALTER TABLE {parent} DROP COLUMN {f}")
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))
    if bind.dialect.name == "postgresql":
        from workbook.store.policies import install_policies

        install_policies(bind)


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
