"""A note made private takes its history with it: its earlier change-log entries become private, its words sealed.

Revision ID: 0013
Revises: 0012

A shared note's words are logged in clear (as the note holds them) with a shared audience. When the note was
made private, those entries stayed as they were: the note's old words in clear in the file and in a pg_dump,
readable on PostgreSQL by whoever made those changes, and back in every shareable output as soon as the note
was shared again. Now the store makes them private in the privacy change's own transaction and seals their
words with the author's key (``SealStore.make_note_history_private``). The log stays append-only; this is the
one change allowed to an entry, and it only narrows it:

* PostgreSQL: ``wb_private_note_log(note, sealed)`` (SECURITY DEFINER; the note's author or the tables' owner,
  the note private) sets the audience of the note's entries and fields to private and puts in the sealed words
  the author's process computed (a sealed token or nothing, in ``text`` and ``follow_up`` only). The guard
  ``wb_append_only`` lets an UPDATE through only while that function runs (a transaction-local setting users
  cannot use: they hold no UPDATE privilege on the log) and only when it narrows the row: audience private,
  every other column unchanged but the words, which may only become sealed or empty.
* Existing workbooks: the entries of notes that are private now are made private here (SQLite: the first open
  with a key then seals their words, as for any private note's words logged in clear; PostgreSQL: their words
  stay as they are, readable by the changes' authors only, until the note is shared and made private again).
* SQLite gives a deleted note's id to the next note when it was the highest, and the ``shareable_changes`` view
  then read the deleted note's entries as the new one's; a delete now makes the note's entries private
  (``SealStore.close_deleted_note_history``), and here the entries of notes already deleted are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_SETTING = "workbook.private_note_log"
_NO_UPDATE = "the change log is append-only"
_NO_DELETE = "the change log is append-only; forget the person to erase it"
# table -> (SQL: the row's owner still exists, so the row must stay) for the delete guard (as revision 0005)
_GUARDED = {
    "change_log": "SELECT 1 FROM people WHERE people.id = OLD.person_id",
    "change_log_fields": "SELECT 1 FROM change_log WHERE change_log.id = OLD.change_id",
    "person_history": "SELECT 1 FROM people WHERE people.id = OLD.person_id",
}


def _sealed_or_unchanged(side: str) -> str:
    return (f"(n->'{side}' IS NOT DISTINCT FROM o->'{side}' OR coalesce(n->>'{side}', '') = '' "
            f"OR n->>'{side}' LIKE 'wbseal1:%')")


# the guard of revision 0005, which now lets one narrowing UPDATE through (nested IFs: PL/pgSQL does not
# short-circuit, and OLD and NEW have only their own table's columns: they are compared as jsonb)
_APPEND_ONLY = (
    "CREATE OR REPLACE FUNCTION wb_append_only() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
    "SET search_path = public, pg_temp AS $$ DECLARE o jsonb; n jsonb; BEGIN "
    "IF TG_OP = 'UPDATE' THEN "
    f"IF TG_TABLE_NAME IN ('change_log', 'change_log_fields') AND coalesce(current_setting('{_SETTING}', true), '') = 'on' THEN "
    "o := to_jsonb(OLD); n := to_jsonb(NEW); "
    "IF n->>'audience' = 'private' AND (n - 'audience' - 'old' - 'new') = (o - 'audience' - 'old' - 'new') "
    f"AND ((n->'old' IS NOT DISTINCT FROM o->'old' AND n->'new' IS NOT DISTINCT FROM o->'new') "
    f"OR (n->>'field' IN ('text', 'follow_up') AND {_sealed_or_unchanged('old')} AND {_sealed_or_unchanged('new')})) "
    "THEN RETURN NEW; END IF; END IF; "
    f"RAISE EXCEPTION '{_NO_UPDATE}' USING ERRCODE = 'restrict_violation'; END IF; "
    + " ".join(f"{'IF' if i == 0 else 'ELSIF'} TG_TABLE_NAME = '{table}' THEN IF EXISTS ({owner}) THEN "
               f"RAISE EXCEPTION '{_NO_DELETE}' USING ERRCODE = 'restrict_violation'; END IF;"
               for i, (table, owner) in enumerate(_GUARDED.items()))
    + " END IF; RETURN OLD; END $$"
)

_ENTRIES = "SELECT id FROM change_log WHERE record = 'note' AND record_id = note AND person_id = subject"
_PRIVATE_NOTE_LOG = (
    "CREATE OR REPLACE FUNCTION wb_private_note_log(note integer, sealed jsonb) RETURNS integer LANGUAGE plpgsql "
    "VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$ "
    "DECLARE subject text; author text; vis text; done integer; BEGIN "
    "SELECT person_id, author_id, visibility INTO subject, author, vis FROM notes WHERE id = note; "
    "IF subject IS NULL OR vis <> 'private' THEN "
    "RAISE EXCEPTION 'note % is not a private note; make it private first', note USING ERRCODE = 'check_violation'; "
    "END IF; "
    # the owner (a member of the role this function runs as), or the note's author
    "IF NOT (pg_has_role(session_user, current_user, 'MEMBER') OR author = wb_person(session_user)) THEN "
    "RAISE EXCEPTION 'only the author of note % makes its history private', note "
    "USING ERRCODE = 'insufficient_privilege'; END IF; "
    f"PERFORM set_config('{_SETTING}', 'on', true); "
    "UPDATE change_log_fields f SET old = s.old, new = s.new, audience = 'private' "
    "FROM jsonb_to_recordset(coalesce(sealed, '[]'::jsonb)) AS s(id integer, old text, new text) "
    f"WHERE f.id = s.id AND f.change_id IN ({_ENTRIES}) AND f.field IN ('text', 'follow_up') "
    "AND (coalesce(s.old, '') = '' OR s.old LIKE 'wbseal1:%') AND (coalesce(s.new, '') = '' OR s.new LIKE 'wbseal1:%'); "
    f"UPDATE change_log_fields SET audience = 'private' WHERE audience = 'shared' AND change_id IN ({_ENTRIES}); "
    "GET DIAGNOSTICS done = ROW_COUNT; "
    f"UPDATE change_log SET audience = 'private' WHERE audience = 'shared' AND id IN ({_ENTRIES}); "
    f"PERFORM set_config('{_SETTING}', '', true); "
    "RETURN done; END $$"
)

# the entries of notes that are private now (about the note's own person: on SQLite a deleted note's id can
# be given again)
_PRIVATE_NOW = ("SELECT c.id FROM change_log c JOIN notes n ON n.id = c.record_id AND n.person_id = c.person_id "
                "WHERE c.record = 'note' AND n.visibility = 'private'")


# SQLite: the entries of notes deleted (their id may be given to a later note); not those restored from an export
# (no note id), which no note's id can ever match
_DELETED = ("SELECT c.id FROM change_log c WHERE c.record = 'note' AND c.record_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM notes n WHERE n.id = c.record_id AND n.person_id = c.person_id)")


def _narrow_existing(entries: str) -> None:
    op.execute(f"UPDATE change_log_fields SET audience = 'private' WHERE audience = 'shared' AND change_id IN ({entries})")
    op.execute(f"UPDATE change_log SET audience = 'private' WHERE audience = 'shared' AND id IN ({entries})")


def upgrade() -> None:
    from workbook.store.migrations import REVISIONS

    bind = op.get_bind()
    op.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'").bindparams(
        v=str(REVISIONS.index(revision) + 1)))
    if bind.dialect.name == "sqlite":
        triggers = bind.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                        "AND tbl_name IN ('change_log', 'change_log_fields')").all()
        for name, _sql in triggers:
            op.execute(f'DROP TRIGGER "{name}"')
        _narrow_existing(f"{_PRIVATE_NOW} UNION {_DELETED}")
        for _name, sql in triggers:
            op.execute(sql)
        return
    from workbook.store.policies import group_role, quote_ident

    op.execute(_APPEND_ONLY)
    op.execute(_PRIVATE_NOTE_LOG)
    op.execute("REVOKE ALL ON FUNCTION wb_private_note_log(integer, jsonb) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION wb_private_note_log(integer, jsonb) TO {quote_ident(group_role(bind))}")
    op.execute(f"SELECT set_config('{_SETTING}', 'on', true)")
    _narrow_existing(_PRIVATE_NOW)
    op.execute(f"SELECT set_config('{_SETTING}', '', true)")


def downgrade() -> None:  # pragma: no cover - workbooks only move forward
    raise NotImplementedError("workbook schemas only move forward; restore a backup to go back")
