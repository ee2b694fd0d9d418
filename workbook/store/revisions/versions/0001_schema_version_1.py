"""Schema version 1: the tables of the first workbook, frozen as they were (later revisions change them).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# A frozen copy (never import workbook.store.schema here: it describes the newest version, not this one).
_v1 = sa.MetaData()
sa.Table("meta", _v1, sa.Column("key", sa.String(100), primary_key=True), sa.Column("value", sa.Text, nullable=False))
sa.Table("people", _v1,
         sa.Column("id", sa.String(64), primary_key=True), sa.Column("name", sa.String(200), nullable=False),
         sa.Column("track", sa.String(200), nullable=False), sa.Column("level", sa.String(100), nullable=False),
         sa.Column("ladder", sa.Text, nullable=False), sa.Column("manager", sa.String(200), nullable=False),
         sa.Column("motivations", sa.Text, nullable=False), sa.Column("started", sa.Date, nullable=True))
sa.Table("notes", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("date", sa.Date, nullable=False), sa.Column("direction", sa.String(10), nullable=False),
         sa.Column("topic", sa.String(50), nullable=False), sa.Column("setting", sa.String(50), nullable=False),
         sa.Column("text", sa.Text, nullable=False), sa.Column("visibility", sa.String(10), nullable=False),
         sa.Column("follow_up", sa.Text, nullable=False), sa.Column("follow_up_due", sa.Date, nullable=True),
         sa.CheckConstraint("visibility in ('private', 'shared')", name="ck_note_visibility"),
         sa.CheckConstraint("direction in ('pull', 'push')", name="ck_note_direction"))
sa.Table("growth_plans", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
         sa.Column("year", sa.Integer, nullable=False), sa.Column("drafted_by", sa.String(20), nullable=False),
         sa.Column("status", sa.String(20), nullable=False), sa.UniqueConstraint("person_id", "year"))
sa.Table("goals", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("plan_id", sa.Integer, sa.ForeignKey("growth_plans.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("position", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
         sa.Column("draft", sa.Text, nullable=False), sa.Column("priority", sa.Integer, nullable=True),
         sa.Column("feedback", sa.Text, nullable=False), sa.UniqueConstraint("plan_id", "position"))
sa.Table("goal_competencies", _v1,
         sa.Column("goal_id", sa.Integer, sa.ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
         sa.Column("competency", sa.String(300), primary_key=True), sa.Column("position", sa.Integer, nullable=False))
sa.Table("okr_quarters", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
         sa.Column("quarter", sa.String(6), nullable=False), sa.UniqueConstraint("person_id", "quarter"))
sa.Table("objectives", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("quarter_id", sa.Integer, sa.ForeignKey("okr_quarters.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("position", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
         sa.Column("goal_position", sa.Integer, nullable=True), sa.Column("understanding", sa.Text, nullable=False),
         sa.Column("supplement", sa.Text, nullable=False), sa.Column("aligned_work", sa.Text, nullable=False),
         sa.UniqueConstraint("quarter_id", "position"))
sa.Table("key_results", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("objective_id", sa.Integer, sa.ForeignKey("objectives.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("position", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
         sa.Column("target_date", sa.Date, nullable=True), sa.Column("outcome", sa.String(20), nullable=True),
         sa.Column("outcome_note", sa.Text, nullable=False), sa.UniqueConstraint("objective_id", "position"))
sa.Table("support", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("key_result_id", sa.Integer, sa.ForeignKey("key_results.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("who", sa.String(200), nullable=False), sa.Column("what", sa.Text, nullable=False),
         sa.Column("status", sa.String(20), nullable=False), sa.Column("due", sa.Date, nullable=True))
sa.Table("check_ins", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("date", sa.Date, nullable=False), sa.Column("mode", sa.String(10), nullable=False),
         sa.Column("summary", sa.Text, nullable=False))
sa.Table("kr_statuses", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("key_result_id", sa.Integer, sa.ForeignKey("key_results.id", ondelete="CASCADE"), nullable=False),
         sa.Column("status", sa.String(20), nullable=False), sa.Column("note", sa.Text, nullable=False))
sa.Table("obstacles", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("kind", sa.String(200), nullable=False), sa.Column("text", sa.Text, nullable=False))
sa.Table("trial_runs", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("text", sa.Text, nullable=False), sa.Column("status", sa.String(20), nullable=False),
         sa.Column("debrief", sa.Text, nullable=False), sa.Column("follow_up_on", sa.Date, nullable=True))
sa.Table("actions", _v1,
         sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
         sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
         sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="SET NULL"), nullable=True),
         sa.Column("text", sa.Text, nullable=False), sa.Column("owner", sa.String(200), nullable=False),
         sa.Column("due", sa.Date, nullable=True), sa.Column("status", sa.String(20), nullable=False),
         sa.Column("created_on", sa.Date, nullable=True))

_VIEW = ("SELECT id, person_id, date, direction, topic, setting, text, follow_up, follow_up_due "
         "FROM notes WHERE visibility = 'shared'")


def upgrade() -> None:
    bind = op.get_bind()
    _v1.create_all(bind)
    if bind.dialect.name == "postgresql":  # the reader's rights apply inside the view (see schema.SHAREABLE_VIEW_PG)
        op.execute(f"CREATE VIEW shareable_notes WITH (security_invoker = true, security_barrier = true) AS {_VIEW}")
    else:
        op.execute(f"CREATE VIEW shareable_notes AS {_VIEW}")
    op.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")


def downgrade() -> None:
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
