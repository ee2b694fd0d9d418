"""The workbook's tables and the shareable view: what is stored, and the one place private notes are filtered."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["metadata", "PERSON_TABLES", "SHAREABLE_VIEW", "SHAREABLE_CHANGES_VIEW", "CHANGE_LOG_GUARDS", "MARKER_KEY",
           "MARKER_VALUE"]

metadata = sa.MetaData()

# The row in ``meta`` that says "this SQLite file is a workbook": nothing is written to a file without it
# (an older workbook, from before the marker, is recognised by its schema version and gets it).
MARKER_KEY, MARKER_VALUE = "application", "career-conversation-workbook"

meta_t = sa.Table("meta", metadata, sa.Column("key", sa.String(100), primary_key=True),
                  sa.Column("value", sa.Text, nullable=False))
people_t = sa.Table(
    "people", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("track", sa.String(200), nullable=False, default=""),
    sa.Column("level", sa.String(100), nullable=False, default=""),
    sa.Column("ladder", sa.Text, nullable=False, default=""),
    sa.Column("manager", sa.String(200), nullable=False, default=""),
    sa.Column("motivations", sa.Text, nullable=False, default=""),
    sa.Column("started", sa.Date, nullable=True),
    sa.Column("archived", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
)
notes_t = sa.Table(
    "notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("direction", sa.String(10), nullable=False),
    sa.Column("topic", sa.String(50), nullable=False),
    sa.Column("setting", sa.String(50), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("visibility", sa.String(10), nullable=False, default="private"),
    sa.Column("follow_up", sa.Text, nullable=False, default=""),
    sa.Column("follow_up_due", sa.Date, nullable=True),
    sa.Column("follow_up_done", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.CheckConstraint("visibility in ('private', 'shared')", name="ck_note_visibility"),
    sa.CheckConstraint("direction in ('pull', 'push')", name="ck_note_direction"),
)
plans_t = sa.Table(
    "growth_plans", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("drafted_by", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.UniqueConstraint("person_id", "year"),
)
goals_t = sa.Table(
    "goals", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("growth_plans.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("draft", sa.Text, nullable=False, default=""),
    sa.Column("priority", sa.Integer, nullable=True),
    sa.Column("feedback", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("plan_id", "position"),
)
goal_comp_t = sa.Table(
    "goal_competencies", metadata,
    sa.Column("goal_id", sa.Integer, sa.ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("competency", sa.String(300), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False, default=0),
)
quarters_t = sa.Table(
    "okr_quarters", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("quarter", sa.String(6), nullable=False),
    sa.UniqueConstraint("person_id", "quarter"),
)
objectives_t = sa.Table(
    "objectives", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("quarter_id", sa.Integer, sa.ForeignKey("okr_quarters.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("goal_position", sa.Integer, nullable=True),
    sa.Column("understanding", sa.Text, nullable=False, default=""),
    sa.Column("supplement", sa.Text, nullable=False, default=""),
    sa.Column("aligned_work", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("quarter_id", "position"),
)
krs_t = sa.Table(
    "key_results", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("objective_id", sa.Integer, sa.ForeignKey("objectives.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("target_date", sa.Date, nullable=True),
    sa.Column("outcome", sa.String(20), nullable=True),
    sa.Column("outcome_note", sa.Text, nullable=False, default=""),
    # lineage: the key result (of an earlier quarter) this one was moved from; its check-ins stay there
    sa.Column("moved_from_id", sa.Integer, sa.ForeignKey("key_results.id", ondelete="SET NULL"), nullable=True),
    sa.UniqueConstraint("objective_id", "position"),
)
support_t = sa.Table(
    "support", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key_result_id", sa.Integer, sa.ForeignKey("key_results.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("what", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, default="requested"),
    sa.Column("due", sa.Date, nullable=True),
)
checkins_t = sa.Table(
    "check_ins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("mode", sa.String(10), nullable=False),
    sa.Column("summary", sa.Text, nullable=False, default=""),
)
kr_status_t = sa.Table(
    "kr_statuses", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key_result_id", sa.Integer, sa.ForeignKey("key_results.id", ondelete="CASCADE"), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
)
obstacles_t = sa.Table(
    "obstacles", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(200), nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False),
)
trials_t = sa.Table(
    "trial_runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, default="planned"),
    sa.Column("debrief", sa.Text, nullable=False, default=""),
    sa.Column("follow_up_on", sa.Date, nullable=True),
)
actions_t = sa.Table(
    "actions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="SET NULL"), nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("due", sa.Date, nullable=True),
    sa.Column("status", sa.String(20), nullable=False, default="open"),
    sa.Column("created_on", sa.Date, nullable=True),
)

# Every file the workbook generated (stage notebooks, summaries, the team overview, PDFs), and the people
# each is about: `forget` removes exactly what is recorded here, never files matched by name, and a
# batch can only record (and so publish) a file while everyone it is about is still in the workbook.
generated_t = sa.Table(
    "generated_files", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("period", sa.String(6), nullable=False, default=""),
    sa.Column("made_at", sa.String(32), nullable=False),
)
generated_about_t = sa.Table(
    "generated_about", metadata,
    sa.Column("file_id", sa.Integer, sa.ForeignKey("generated_files.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)

# The change log: one row per change (who, when, which record, what was done), one row per changed field
# with its old and new values and who may read them (core/visibility.change_audience). Append-only: the
# database refuses to update a row, or to delete one while its person is still in the workbook (forget
# erases a person's log with them). See store/history.py.
changes_t = sa.Table(
    "change_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("at", sa.String(32), nullable=False),  # UTC, ISO 8601 to the second
    sa.Column("actor", sa.String(200), nullable=False),  # the OS user, or the hub user in JupyterHub
    sa.Column("record", sa.String(30), nullable=False),  # note, check_in, goal, key_result, person ...
    sa.Column("record_id", sa.Integer, nullable=True),
    sa.Column("action", sa.String(12), nullable=False),  # add, edit, delete, move, archive, unarchive
    sa.Column("label", sa.Text, nullable=False, default=""),  # which record, in words without its free text
    sa.Column("audience", sa.String(10), nullable=False, default="shared"),  # who may know the change happened
    sa.CheckConstraint("audience in ('private', 'shared')", name="ck_change_audience"),
)
change_fields_t = sa.Table(
    "change_log_fields", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("change_id", sa.Integer, sa.ForeignKey("change_log.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("field", sa.String(60), nullable=False),
    sa.Column("old", sa.Text, nullable=True),
    sa.Column("new", sa.Text, nullable=True),
    sa.Column("audience", sa.String(10), nullable=False),
    sa.CheckConstraint("audience in ('private', 'shared')", name="ck_change_field_audience"),
)
# A person's level, track, ladder, manager and name over time, each change with the day it took effect
# (a promotion history for the goals stage and the summary's header).
person_history_t = sa.Table(
    "person_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("effective", sa.Date, nullable=False),
    sa.Column("field", sa.String(20), nullable=False),
    sa.Column("old", sa.Text, nullable=False, default=""),
    sa.Column("new", sa.Text, nullable=False, default=""),
)

# The database keeps the log append-only (SQLite triggers; forget's cascade runs after the person is gone).
CHANGE_LOG_GUARDS = tuple(
    stmt
    for table in ("change_log", "change_log_fields")
    for stmt in (
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END",
    )
) + (
    "CREATE TRIGGER IF NOT EXISTS change_log_no_delete BEFORE DELETE ON change_log "
    "WHEN EXISTS (SELECT 1 FROM people WHERE people.id = OLD.person_id) "
    "BEGIN SELECT RAISE(ABORT, 'the change log is append-only; forget the person to erase it'); END",
    "CREATE TRIGGER IF NOT EXISTS change_log_fields_no_delete BEFORE DELETE ON change_log_fields "
    "WHEN EXISTS (SELECT 1 FROM change_log WHERE change_log.id = OLD.change_id) "
    "BEGIN SELECT RAISE(ABORT, 'the change log is append-only; forget the person to erase it'); END",
)

# The shareable part of the change log: fields whose audience is shared, of changes whose audience is shared;
# a note's changes only while the note exists and is shared now (a note made private takes its history
# with it). Like shareable_notes, the WHERE lives in the database.
SHAREABLE_CHANGES_VIEW = (
    "CREATE VIEW IF NOT EXISTS shareable_changes AS "
    "SELECT c.id AS change_id, c.person_id, c.at, c.actor, c.record, c.record_id, c.action, c.label, "
    "f.field, f.old, f.new "
    "FROM change_log c LEFT JOIN change_log_fields f ON f.change_id = c.id AND f.audience = 'shared' "
    "WHERE c.audience = 'shared' AND (c.record <> 'note' OR EXISTS "
    "(SELECT 1 FROM notes n WHERE n.id = c.record_id AND n.visibility = 'shared'))"
)

# Shareable content is read only through this view: the WHERE lives in the database, so no query
# built on it can return a private note, whatever the caller asks for.
SHAREABLE_VIEW = (
    "CREATE VIEW IF NOT EXISTS shareable_notes AS "
    "SELECT id, person_id, date, direction, topic, setting, text, follow_up, follow_up_due "
    "FROM notes WHERE visibility = 'shared'"
)

# Every table that holds a person's data, for export and forget (order: children first).
PERSON_TABLES = ("notes", "growth_plans", "okr_quarters", "check_ins", "actions", "person_history")
# (the change log goes with the person row: its ON DELETE CASCADE, after the person is gone, passes its guard)
