"""Schema version 5 (issue 12, corrections keep their history): the append-only change log, a person's dated
history, the archived flag for leavers, a key result's lineage; on PostgreSQL their rights.

Revision ID: 0005
Revises: 0004

* ``change_log`` (one row per change: who, when, which record, what was done, who may know it happened, and
  its author: the person behind the login on PostgreSQL, NULL for the workbook's owner) and
  ``change_log_fields`` (per changed field: old and new values and who may read them);
* ``person_history``: level, track, ladder, manager and name changes with the day each took effect;
* ``people.archived`` (a leaver: records kept, hidden from the home page, team views and batches) and
  ``key_results.moved_from_id`` (the key result of an earlier quarter this one was moved from);
* the three tables are append-only, enforced by the database: an update is refused, a delete only passes
  once the person (for a field: its change) is gone, which is how ``forget`` erases them (the ON DELETE
  CASCADE from ``people``). SQLite: triggers. PostgreSQL: the same as one trigger function, and users are
  granted SELECT and INSERT only, under the policies compiled from :mod:`workbook.store.rights`;
* the ``shareable_changes`` view, the only way a shareable output reads the log.

Issue 12's branch wrote this by hand as its "schema version 4" (on top of issue 13's version 3, without the
org tree): such a workbook is stamped at 0003 (see ``migrations.current_revision``), gets 0004's org tree,
and this revision then finds its tables and columns there, adds what is missing (``change_log.author_id``)
and replaces its guards and view with these.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen as this revision makes them (never import workbook.store.schema here: it describes the newest version).
_v5 = sa.MetaData()
sa.Table("people", _v5, sa.Column("id", sa.String(64), primary_key=True))  # only to name the reference
_changes = sa.Table(
    "change_log", _v5,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("record", sa.String(30), nullable=False),
    sa.Column("record_id", sa.Integer, nullable=True),
    sa.Column("action", sa.String(12), nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("audience", sa.String(10), nullable=False),
    sa.Column("author_id", sa.String(64), nullable=True),
    sa.CheckConstraint("audience in ('private', 'shared')", name="ck_change_audience"),
)
_fields = sa.Table(
    "change_log_fields", _v5,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("change_id", sa.Integer, sa.ForeignKey("change_log.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("field", sa.String(60), nullable=False),
    sa.Column("old", sa.Text, nullable=True),
    sa.Column("new", sa.Text, nullable=True),
    sa.Column("audience", sa.String(10), nullable=False),
    sa.CheckConstraint("audience in ('private', 'shared')", name="ck_change_field_audience"),
)
_history = sa.Table(
    "person_history", _v5,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("effective", sa.Date, nullable=False),
    sa.Column("field", sa.String(20), nullable=False),
    sa.Column("old", sa.Text, nullable=False),
    sa.Column("new", sa.Text, nullable=False),
)

# table -> (SQL: the row's owner still exists, so the row must stay) for the delete guard
_GUARDED = {
    "change_log": "SELECT 1 FROM people WHERE people.id = OLD.person_id",
    "change_log_fields": "SELECT 1 FROM change_log WHERE change_log.id = OLD.change_id",
    "person_history": "SELECT 1 FROM people WHERE people.id = OLD.person_id",
}
_NO_UPDATE = "the change log is append-only"
_NO_DELETE = "the change log is append-only; forget the person to erase it"

_VIEW = (
    "SELECT c.id AS change_id, c.person_id, c.at, c.actor, c.record, c.record_id, c.action, c.label, "
    "f.field, f.old, f.new "
    "FROM change_log c LEFT JOIN change_log_fields f ON f.change_id = c.id AND f.audience = 'shared' "
    "WHERE c.audience = 'shared' AND (c.record <> 'note' OR EXISTS "
    "(SELECT 1 FROM notes n WHERE n.id = c.record_id AND n.visibility = 'shared'))"
)


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if "archived" not in _columns("people"):
        op.add_column("people", sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()))
    if "moved_from_id" not in _columns("key_results"):
        if sqlite:  # in place, no table rebuild (a rebuild would cascade into support and kr_statuses)
            op.execute("ALTER TABLE key_results ADD COLUMN moved_from_id INTEGER "
                       "REFERENCES key_results (id) ON DELETE SET NULL")
        else:
            op.add_column("key_results", sa.Column("moved_from_id", sa.Integer, nullable=True))
            op.create_foreign_key("fk_key_results_moved_from_id", "key_results", "key_results", ["moved_from_id"],
                                  ["id"], ondelete="SET NULL")
    for table in (_changes, _fields, _history):
        table.create(bind, checkfirst=True)
    if "author_id" not in _columns("change_log"):  # issue 12's branch logged without an author (the owner)
        op.execute("ALTER TABLE change_log ADD COLUMN author_id VARCHAR(64)")
    _guards(sqlite)
    op.execute("DROP VIEW IF EXISTS shareable_changes")
    if sqlite:
        op.execute(f"CREATE VIEW shareable_changes AS {_VIEW}")
    else:  # the reader's rights apply inside the view, as for shareable_notes
        op.execute(f"CREATE VIEW shareable_changes WITH (security_invoker = true, security_barrier = true) AS {_VIEW}")
    op.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    if not sqlite:
        from workbook.store.policies import install_policies

        install_policies(bind)


def _guards(sqlite: bool) -> None:
    """The append-only guards (replacing issue 12's branch's triggers, which guarded two of the tables)."""
    if sqlite:  # (the names issue 12's branch used for two of the tables are among these)
        for table in _GUARDED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        for table, owner in _GUARDED.items():
            op.execute(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{_NO_UPDATE}'); END")
            op.execute(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} WHEN EXISTS ({owner}) "
                       f"BEGIN SELECT RAISE(ABORT, '{_NO_DELETE}'); END")
        return
    # one function for the three tables; SECURITY DEFINER so that the existence test sees every row (a person
    # hidden from the deleting user by a policy must not count as gone)
    # (nested IFs: PL/pgSQL does not short-circuit, and OLD has only its own table's columns)
    branches = " ".join(f"{'IF' if i == 0 else 'ELSIF'} TG_TABLE_NAME = '{table}' THEN IF EXISTS ({owner}) THEN "
                        f"RAISE EXCEPTION '{_NO_DELETE}' USING ERRCODE = 'restrict_violation'; END IF;"
                        for i, (table, owner) in enumerate(_GUARDED.items()))
    op.execute(
        "CREATE OR REPLACE FUNCTION wb_append_only() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = public, pg_temp AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION '{_NO_UPDATE}' USING ERRCODE = 'restrict_violation'; END IF; "
        f"{branches} END IF; RETURN OLD; END $$")
    op.execute("REVOKE ALL ON FUNCTION wb_append_only() FROM PUBLIC")
    for table in _GUARDED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION wb_append_only()")


def downgrade() -> None:
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
