"""The workbook's tables and the shareable view: what is stored, and the one place private notes are filtered."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["metadata", "PERSON_TABLES", "LOG_TABLES", "PRIVATE_PARTS", "MARKER_KEY", "MARKER_VALUE"]

metadata = sa.MetaData()

# The row in ``meta`` that says "this SQLite file is a workbook": nothing is written to a file without it
# (an older workbook, from before the marker, is recognised by its schema version and gets it in revision
# 0003, the version that introduced it).
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
    # a level above theirs they are heading for, at a fork of the ladder (revision 0010); "": the next one up
    sa.Column("toward", sa.String(100), nullable=False, default="", server_default=""),
    # the org tree: manager_id is a person in the workbook; manager_name keeps a manager given as a free-text
    # name that matches no person (today's single-manager files), shown but outside the tree
    sa.Column("manager_id", sa.String(64), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True, index=True),
    sa.Column("manager_name", sa.String(200), nullable=False, default="", server_default=""),
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
    # who wrote it (a person; NULL: the workbook's owner, the single user of a SQLite workbook): a private
    # note is readable by its author only, and PostgreSQL's policies check this column
    sa.Column("author_id", sa.String(64), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
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
    sa.Column("priority", sa.Integer, nullable=True),
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
    sa.Column("outcome_on", sa.Date, nullable=True),  # the day the outcome was recorded (revision 0017)
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
    # the day it was asked for (revision 0008); NULL: before that revision, counted from the quarter's start
    sa.Column("requested_on", sa.Date, nullable=True),
    # the day the status last changed and the status until then (revision 0019); NULL: never changed since
    sa.Column("status_on", sa.Date, nullable=True),
    sa.Column("status_before", sa.String(20), nullable=True),
)
checkins_t = sa.Table(
    "check_ins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("mode", sa.String(10), nullable=False),
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
    # as support's (revision 0019): the day the status last changed, and the status until then
    sa.Column("status_on", sa.Date, nullable=True),
    sa.Column("status_before", sa.String(20), nullable=True),
)


# The fields of shareable records that only the 1:1 reads (core/visibility.py: "private"), in tables of their
# own (revision 0009): one row per record, keyed by the record's id, deleted with it. Rights are per row, so a
# field that rode on a shareable row was read by whoever read the row (a skip-level, HR); here each table has
# its own rule (store/rights.py): the report's onboarding motivations, a goal's draft wording and the feedback
# given on it, an objective's pre-work (the report's understanding, the manager's supplement, the work it
# aligns with) are read by the report and their manager ("read_working"); a check-in's summary line, the
# manager's own words, by the manager ("read_manager"). A reader without the right reads "" (no row).


def _private_part(name: str, key: str, parent: str, *fields: str) -> sa.Table:
    key_type = sa.String(64) if parent == "people" else sa.Integer()
    return sa.Table(name, metadata,
                    sa.Column(key, key_type, sa.ForeignKey(f"{parent}.id", ondelete="CASCADE"), primary_key=True,
                              autoincrement=False),
                    *(sa.Column(f, sa.Text, nullable=False, default="", server_default="") for f in fields))


people_private_t = _private_part("people_private", "person_id", "people", "motivations")
goals_private_t = _private_part("goals_private", "goal_id", "goals", "draft", "feedback")
objectives_private_t = _private_part("objectives_private", "objective_id", "objectives", "understanding",
                                     "supplement", "aligned_work")
check_ins_private_t = _private_part("check_ins_private", "check_in_id", "check_ins", "summary")
# parent table -> (its private part, the part's key column)
PRIVATE_PARTS: dict[str, tuple[sa.Table, str]] = {
    "people": (people_private_t, "person_id"), "goals": (goals_private_t, "goal_id"),
    "objectives": (objectives_private_t, "objective_id"), "check_ins": (check_ins_private_t, "check_in_id"),
}

# Every file the workbook generated (stage notebooks, summaries, the team overview, PDFs), and the people
# each is about: `forget` removes exactly what is recorded here, never files matched by name, and a
# batch can only record (and so publish) a file while everyone it is about is still in the workbook.
# ``made_by``: the login role that made it (filled in by PostgreSQL; NULL: the workbook's owner, the one
# user of a SQLite workbook); who sees which record follows from it (store/rights.py, "read_files").
generated_t = sa.Table(
    "generated_files", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("period", sa.String(6), nullable=False, default=""),
    sa.Column("made_at", sa.String(32), nullable=False),
    sa.Column("made_by", sa.String(63), nullable=True),
)
generated_about_t = sa.Table(
    "generated_about", metadata,
    sa.Column("file_id", sa.Integer, sa.ForeignKey("generated_files.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)

# Who may log in to an organisation workbook (PostgreSQL): one database login role per user, mapped to a
# person (a manager, a report) or to the HR role. Credentials never live here (see store/users.py).
users_t = sa.Table(
    "users", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(63), nullable=False, unique=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=True, unique=True),
    sa.Column("is_hr", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.CheckConstraint("is_hr OR person_id IS NOT NULL", name="ck_user_is_someone"),
)

# The change log: one row per change (who, when, which record, what was done), one row per changed field
# with its old and new values and who may read them (core/visibility.change_audience). Append-only: the
# database refuses to update a row, or to delete one while its person is still in the workbook (forget
# erases a person's log with them; revision 0005 installs the guards, and on PostgreSQL users are granted
# SELECT and INSERT only). See store/history.py; who reads which entry: store/rights.py ("read_changes").
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
    # the person who made the change (PostgreSQL fills it in from the login role; NULL: the workbook's owner,
    # the one user of a SQLite workbook). No foreign key: a row of the log is never updated, so forgetting
    # its author cannot null it; a private change is readable by its author only (store/rights.py)
    sa.Column("author_id", sa.String(64), nullable=True),
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


# The report's own side of the cycle (issue 17), and the manager's feedback on it before it is given: one row
# per item and state. ``author_id`` wrote it (the report for their drafts, the manager for feedback; NULL: the
# workbook's owner); ``person_id`` is whom it is about. A "draft" row is its author's alone; "share with my
# manager" (or "share feedback") moves the text into the item's "shared" row, which the other side reads. On
# PostgreSQL the policies enforce exactly that (store/rights.py "read_draft", "read_shared", "write_own"),
# so a draft is whole rows the other side cannot select, not a column our queries skip.
side_drafts_t = sa.Table(
    "side_drafts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("author_id", sa.String(64), sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("period", sa.String(10), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("state", sa.String(10), nullable=False, default="draft"),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.UniqueConstraint("person_id", "author_id", "kind", "period", "position", "state", name="uq_side_draft"),
    sa.CheckConstraint("state in ('draft', 'shared')", name="ck_side_draft_state"),
    sa.CheckConstraint("kind in ('goal', 'prework', 'prep', 'trial', 'feedback', 'career')", name="ck_side_draft_kind"),
)

# Shareable notes are read only through the ``shareable_notes`` view (created by revision 0001): the WHERE
# lives in the database, so no query built on it can return a private note, whatever the caller asks for.
# On PostgreSQL the view runs with the reader's rights (security_invoker), so the notes policies apply too.

# Every table that holds a person's data, for export and forget (order: children first).
PERSON_TABLES = ("side_drafts", "notes", "growth_plans", "okr_quarters", "check_ins", "actions", "person_history")
# (the change log goes with the person row: its ON DELETE CASCADE, after the person is gone, passes its guard)
# the append-only tables: users may add rows, nobody may change them, and they go only with their person
LOG_TABLES = ("change_log", "change_log_fields", "person_history")

# The shareable part of the change log is read only through the ``shareable_changes`` view (revision 0005):
# fields whose audience is shared, of changes whose audience is shared; a note's changes only while the note
# exists and is shared now (a note made private takes its history with it).
