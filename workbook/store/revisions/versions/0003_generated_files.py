"""Schema version 3: the record of generated files and whom each is about, and the workbook marker.

Revision ID: 0003
Revises: 0002

This is the version 3 that issue 13's code (before Alembic) wrote: a workbook it made has
``meta.schema_version = 3``, these two tables and the marker row, and no ``alembic_version`` table, so
it is stamped here and goes on from here. ``forget`` removes exactly the files recorded in
``generated_files``; a batch records (and so publishes) a file only while everyone it is about is still
in the workbook (``generated_about`` references the people).

The marker row (``meta.application``) says "this database is a workbook": nothing is written to a file
without it. A version 1 or 2 workbook (made before the marker) is recognised by its schema version and
gets the marker here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen as issue 13 made them (never import workbook.store.schema here: it describes the newest version).
_v3 = sa.MetaData()
sa.Table("people", _v3, sa.Column("id", sa.String(64), primary_key=True))  # only to name the reference
_files = sa.Table(
    "generated_files", _v3,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("period", sa.String(6), nullable=False),
    sa.Column("made_at", sa.String(32), nullable=False),
)
_about = sa.Table(
    "generated_about", _v3,
    sa.Column("file_id", sa.Integer, sa.ForeignKey("generated_files.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)

MARKER_KEY, MARKER_VALUE = "application", "career-conversation-workbook"  # = workbook.store.schema's


def upgrade() -> None:
    bind = op.get_bind()
    _files.create(bind, checkfirst=True)
    _about.create(bind, checkfirst=True)
    op.execute(sa.text("DELETE FROM meta WHERE key = :k").bindparams(k=MARKER_KEY))
    op.execute(sa.text("INSERT INTO meta (key, value) VALUES (:k, :v)").bindparams(k=MARKER_KEY, v=MARKER_VALUE))
    op.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def downgrade() -> None:
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
