"""PostgreSQL's half of who-sees-what: :data:`workbook.store.rights.RULES` compiled into roles, functions and RLS policies.

Nothing here decides a right; it translates the one table in :mod:`workbook.store.rights`:

* a group role ``<database>_users`` (NOLOGIN) holds the table privileges; each user is a LOGIN role in it;
* per relation and per action a ``SECURITY DEFINER`` function returns the person ids the *calling role*
  stands in that relation to (``wb_people_read(current_user)`` ...). The role name comes from the
  policy expression, evaluated as the querying user, and the function only answers for a role the
  session's login may act as (``pg_has_role(session_user, r, 'MEMBER')``), so calling it with someone
  else's role name returns nothing. Identity is the login role: no setting, no session variable.
* every table gets ``ENABLE`` and ``FORCE ROW LEVEL SECURITY`` and one policy per command; a child table
  (goals, key results, ...) is visible when its parent row is, through its foreign key.
* the change log and the person history (revision 0005) are append-only: users are granted SELECT and INSERT
  only; a change-log row is read per ``read_changes`` (shared part) and ``read_private_changes`` (private
  part; a private note's change by its author only), each field by its own audience;
* the record of generated files follows ``read_files`` and ``make_files``: a ``generated_files`` row names
  its maker (``made_by``, the user, filled in by the database and checked on insert: nobody records a file
  in another's name); a ``generated_about`` row names a person.
* a ``users`` row that goes takes its login role with it (revision 0015): ``user remove``, and ``forget`` of
  the person the user is (their row goes by the foreign key's cascade, whoever may erase them runs it).

``SET ROLE`` can only move a user to a role they are a member of: the group role, which maps to no person
and sees nothing. ``SET SESSION AUTHORIZATION`` needs a superuser. ``row_security = off`` makes a
filtered query fail, never widens it. Search paths are pinned in every function.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .rights import RECORD_RELATIONS, REPORT_DRAFT_KINDS, RULES, Action, Relation
from .schema import LOG_TABLES

__all__ = ["install_policies", "secure_database", "group_role", "PERSON_TABLES_RLS", "CHILD_TABLES", "quote_ident",
           "LOGINS_DROPPED", "LOGIN_LEFT"]

# tables whose rows name their person directly, and how the person column is called
PERSON_TABLES_RLS = {"growth_plans": "person_id", "okr_quarters": "person_id", "check_ins": "person_id",
                     "actions": "person_id", "people_private": "person_id"}
# child table -> (foreign key column, parent table): the child is about the parent's person
CHILD_TABLES = {
    "goals": ("plan_id", "growth_plans"),
    "goal_competencies": ("goal_id", "goals"),
    "objectives": ("quarter_id", "okr_quarters"),
    "key_results": ("objective_id", "objectives"),
    "support": ("key_result_id", "key_results"),
    "kr_statuses": ("check_in_id", "check_ins"),
    "obstacles": ("check_in_id", "check_ins"),
    "trial_runs": ("check_in_id", "check_ins"),
    # the private parts of records (schema.PRIVATE_PARTS, revision 0009)
    "goals_private": ("goal_id", "goals"),
    "objectives_private": ("objective_id", "objectives"),
    "check_ins_private": ("check_in_id", "check_ins"),
}
# which action reading a table needs (default "read": the shareable records)
READ_ACTION: dict[str, Action] = {"obstacles": "read_working", "trial_runs": "read_working",
                                  "people_private": "read_working", "goals_private": "read_working",
                                  "objectives_private": "read_working", "check_ins_private": "read_manager"}
# the record of generated files: read (and, after a forget, deleted) per "read_files", added per "make_files";
# never updated (a file made again is recorded again)
FILE_TABLES = ("generated_files", "generated_about")
ME = "current_user"  # evaluated in the policy, as the querying role
KEEP_AUTHOR = "a note keeps the author who wrote it"
# the transaction's own record of the login roles dropped with their users rows ("name:role" words): forget
# reads it to say which logins went, a manager's included (who may not read the users table)
LOGINS_DROPPED = "workbook.logins_dropped"
LOGIN_LEFT = "would leave the login role"  # the start of the refusal when a user's role cannot be dropped
_FUNC = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
_PLPG = "LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp"
_ROLE_OK = "pg_has_role(session_user, r, 'MEMBER')"

# Per relation: the person ids role ``r`` stands in that relation to (inside a SECURITY DEFINER function).
_RELATION_SETS: dict[Relation, str] = {
    "self": f"SELECT person_id::text FROM users WHERE role = r AND person_id IS NOT NULL AND {_ROLE_OK}",
    "manager": f"SELECT p.id::text FROM people p JOIN users u ON p.manager_id = u.person_id WHERE u.role = r AND {_ROLE_OK}",
    # UNION (not UNION ALL) stops on a cycle in bad data instead of looping
    "above": ("WITH RECURSIVE below(id) AS ("
              f"SELECT p.id FROM people p JOIN users u ON p.manager_id = u.person_id WHERE u.role = r AND {_ROLE_OK} "
              "UNION SELECT p.id FROM people p JOIN below b ON p.manager_id = b.id) SELECT id::text FROM below"),
    "hr": f"SELECT p.id::text FROM people p WHERE EXISTS (SELECT 1 FROM users u WHERE u.role = r AND u.is_hr AND {_ROLE_OK})",
}


def quote_ident(name: str) -> str:
    """A PostgreSQL identifier, double-quoted (our role names are checked slugs; quoting is belt and braces)."""
    return '"' + name.replace('"', '""') + '"'


def group_role(conn: Connection) -> str:
    """The group role of this database's users (kept in ``meta`` so a copied database keeps its group)."""
    row = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'users_role'")).first()
    if row is not None:
        return str(row[0])
    return role_prefix(database_name(conn), 50) + "_users"


def database_name(conn: Connection) -> str:
    """The name of the database ``conn`` is connected to."""
    return str(conn.execute(sa.text("SELECT current_database()")).scalar_one())


def role_prefix(database: str, length: int) -> str:
    """Database name ``database`` as the start of a role name: lower-case letters, digits and ``_``, at most
    ``length``."""
    return re.sub(r"[^a-z0-9_]", "_", database.lower())[:length]


def role_digest(database: str) -> str:
    """Eight hex digits of database name ``database``: what tells apart two databases whose names read alike as role
    names ("Bad Name" and "bad-name", or two long names the same for their first 50 characters)."""
    import hashlib

    return hashlib.sha256(database.encode()).hexdigest()[:8]


def _role_exists(conn: Connection, role: str) -> bool:
    return conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def _new_group_role(conn: Connection) -> str:
    """The group for a database given one for the first time: ``<database>_users``, unless a role of that name is on
    the server already, another database's (a name that reads the same, or a database dropped and made again):
    then the name with :func:`role_digest` (and a number, when a database of this very name was dropped and made
    again more than once), so that no two databases share a group, nor with it the users one of them may take for
    its own (see ``Store.add_user``)."""
    import itertools

    group = group_role(conn)
    if not _role_exists(conn, group):
        return group
    database = database_name(conn)
    base = f"{role_prefix(database, 40)}_{role_digest(database)}"
    return next(g for g in (f"{base}{n or ''}_users" for n in itertools.count()) if not _role_exists(conn, g))


# How a relation reads as SQL over a person column. HR and "self" are scalars wrapped in a sub-select, so
# PostgreSQL computes them once per query (an InitPlan) and HR never builds a set of everyone; manager and
# above are small sets (a manager's team) hashed once per query.
_PERSON_RELATION_SQL: dict[Relation, str] = {
    "hr": f"(SELECT wb_is_hr({ME}))",
    "self": f"{{col}} = (SELECT wb_person({ME}))",
    "manager": f"{{col}} IN (SELECT wb_rel_manager({ME}))",
    "above": f"{{col}} IN (SELECT wb_rel_above({ME}))",
}


def _person_pred(action: Action, column: str) -> str:
    """SQL: the person in ``column`` is one the querying role may ``action`` (person relations only)."""
    parts = [_PERSON_RELATION_SQL[r].format(col=column) for r in RULES[action] if r in _PERSON_RELATION_SQL]
    return "(" + " OR ".join(parts or ["false"]) + ")"


def _note_pred(action: Action) -> str:
    """SQL for a note row: the person relations of ``action`` or, when the rule says so, authorship."""
    parts = []
    if any(r not in RECORD_RELATIONS for r in RULES[action]):
        parts.append(_person_pred(action, "person_id"))
    if "author" in RULES[action]:
        parts.append(f"author_id = (SELECT wb_person({ME}))")
    return "(" + " OR ".join(parts or ["false"]) + ")"


def _file_pred(action: Action) -> str:
    """SQL for a ``generated_files`` row: the querying user made it, or (for the person relations of
    ``action``) it is about a person they stand in such a relation to."""
    parts = []
    if "maker" in RULES[action]:
        parts.append(f"made_by = (SELECT wb_user({ME}))")
    if any(r in _PERSON_RELATION_SQL for r in RULES[action]):
        parts.append(f"id IN (SELECT a.file_id FROM generated_about a WHERE {_person_pred(action, 'a.person_id')})")
    return "(" + " OR ".join(parts or ["false"]) + ")"


def _about_pred(action: Action) -> str:
    """SQL for a ``generated_about`` row: its file is the querying user's own, or its person is one they
    stand in a person relation of ``action`` to."""
    parts = []
    if "maker" in RULES[action]:
        parts.append(f"file_id IN (SELECT wb_files_made({ME}))")
    if any(r in _PERSON_RELATION_SQL for r in RULES[action]):
        parts.append(_person_pred(action, "person_id"))
    return "(" + " OR ".join(parts or ["false"]) + ")"


def _private_change_pred(alias: str) -> str:
    """SQL on a change_log row (``alias``): the reader may read its private part. Its author (a private note's
    change: only they, as the note itself, "read_private"); for any other record also the person relations
    of "read_private_changes"."""
    parts = []
    if "author" in RULES["read_private"] or "author" in RULES["read_private_changes"]:
        parts.append(f"{alias}.author_id = (SELECT wb_person({ME}))")
    person = _person_pred("read_private_changes", f"{alias}.person_id")
    parts.append(f"({alias}.record <> 'note' AND {person})")
    return "(" + " OR ".join(parts) + ")"


def _change_pred(table: str) -> str:
    """SQL for a change_log row: a shared entry as the records it describes ("read_changes"; a note's change
    only while that note is readable and shared now, as the shareable_changes view), a private entry as
    :func:`_private_change_pred`."""
    note_now = (f"({table}.record <> 'note' OR EXISTS (SELECT 1 FROM notes n WHERE n.id = {table}.record_id "
                "AND n.visibility = 'shared'))")
    shared = f"({table}.audience = 'shared' AND {_person_pred('read_changes', f'{table}.person_id')} AND {note_now})"
    return f"({shared} OR {_private_change_pred(table)})"


def _row_pred_people(action: Action) -> str:
    """SQL on a people row itself (for INSERT/UPDATE checks, where the new row is not in the table yet)."""
    row: dict[Relation, str] = {
        "self": f"id = (SELECT wb_person({ME}))",
        "manager": f"manager_id = (SELECT wb_person({ME}))",
        "above": f"(manager_id = (SELECT wb_person({ME})) OR manager_id IN (SELECT wb_rel_above({ME})))",
        "hr": f"(SELECT wb_is_hr({ME}))",
    }
    parts = [row[r] for r in RULES[action] if r in row]
    return "(" + " OR ".join(parts or ["false"]) + ")"


def _child_read(table: str, action: Action) -> str:
    """SQL for reading a child row: its parent row is visible (the parent's own policy applies inside the
    EXISTS) and, for an action other than "read", the person up the chain allows that action too."""
    fk, parent = CHILD_TABLES[table]
    if action == "read":
        return f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{fk})"
    return _child_chain(table, action)


def _child_chain(table: str, action: Action) -> str:
    """SQL for a child row: the person at the top of its chain of parents allows ``action`` (for writes)."""
    joins, alias, current, n = [], "", table, 0
    while current in CHILD_TABLES:
        fk, parent = CHILD_TABLES[current]
        n += 1
        ref = f"{table}.{fk}" if n == 1 else f"p{n - 1}.{fk}"
        joins.append((f"{parent} p{n}", f"p{n}.id = {ref}"))
        alias, current = f"p{n}", parent
    person = _person_pred(action, f"{alias}.{PERSON_TABLES_RLS[current]}")
    froms = ", ".join(j[0] for j in joins)
    where = " AND ".join([j[1] for j in joins] + [person])
    return f"EXISTS (SELECT 1 FROM {froms} WHERE {where})"


def _functions(group: str) -> list[str]:
    # PL/pgSQL keeps each function's plan for the session (a SQL function is planned on every call, and a
    # SECURITY DEFINER one is never inlined): the policies call these once per query
    stmts = [
        f"CREATE OR REPLACE FUNCTION wb_person(r name) RETURNS text {_PLPG} AS "
        f"$$ BEGIN RETURN (SELECT person_id FROM users WHERE role = r AND {_ROLE_OK}); END $$",
        f"CREATE OR REPLACE FUNCTION wb_is_hr(r name) RETURNS boolean {_PLPG} AS "
        f"$$ BEGIN RETURN coalesce((SELECT is_hr FROM users WHERE role = r AND {_ROLE_OK}), false); END $$",
        f"CREATE OR REPLACE FUNCTION wb_user(r name) RETURNS text {_PLPG} AS "
        f"$$ BEGIN RETURN (SELECT name FROM users WHERE role = r AND {_ROLE_OK}); END $$",
        # the files role r made (a set the generated_about policy uses without reading generated_files under
        # its own policy, which reads generated_about: no policy loop)
        f"CREATE OR REPLACE FUNCTION wb_files_made(r name) RETURNS SETOF integer {_PLPG} AS "
        f"$$ BEGIN RETURN QUERY SELECT id FROM generated_files WHERE made_by = wb_user(r); END $$",
        # whether the change log names ``pid`` as the author of a change: a forgotten person's entries about
        # others stay (append-only), so their id is not given to a new person, who would read their private part
        f"CREATE OR REPLACE FUNCTION wb_id_in_log(pid text) RETURNS boolean {_PLPG} AS "
        "$$ BEGIN RETURN EXISTS (SELECT 1 FROM change_log WHERE author_id = pid); END $$",
        # whether a person has id ``pid`` (someone the login may not read: a new person's id is refused as taken,
        # which the insert would say anyway, not as a forgotten person's; revision 0018). Whether, never who
        f"CREATE OR REPLACE FUNCTION wb_id_taken(pid text) RETURNS boolean {_PLPG} AS "
        "$$ BEGIN RETURN EXISTS (SELECT 1 FROM people WHERE id = pid); END $$",
    ]
    for rel, body in _RELATION_SETS.items():
        stmts.append(f"CREATE OR REPLACE FUNCTION wb_rel_{rel}(r name) RETURNS SETOF text {_PLPG} AS "
                     f"$$ BEGIN RETURN QUERY {body}; END $$")
    for action, rels in RULES.items():
        sets = [f"SELECT wb_rel_{rel}(r)" for rel in rels if rel not in RECORD_RELATIONS] \
            or ["SELECT NULL::text WHERE false"]
        stmts.append(f"CREATE OR REPLACE FUNCTION wb_people_{action}(r name) RETURNS SETOF text {_FUNC} AS "
                     f"$$ {' UNION '.join(sets)} $$")
    # the name of person pid's manager mid, for role r when r may read pid: a report reads their own person row
    # and not their manager's, yet their page and their summary name their manager. The name only (no other
    # field of the manager's row), only while mid is pid's manager, and nothing for a role the login is not
    # (wb_people_read answers for such a role with nothing)
    stmts.append(f"CREATE OR REPLACE FUNCTION wb_manager_name(r name, pid text, mid text) RETURNS text {_PLPG} AS "
                 "$$ BEGIN RETURN (SELECT m.name FROM people p JOIN people m ON m.id = p.manager_id "
                 "WHERE p.id = pid AND p.manager_id = mid AND pid IN (SELECT wb_people_read(r))); END $$")
    names = ["wb_person(name)", "wb_is_hr(name)", "wb_user(name)", "wb_files_made(name)", "wb_id_in_log(text)",
             "wb_id_taken(text)", "wb_manager_name(name, text, text)"] \
        + [f"wb_rel_{r}(name)" for r in _RELATION_SETS] \
        + [f"wb_people_{a}(name)" for a in RULES]
    for fn in names:
        stmts.append(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
        stmts.append(f"GRANT EXECUTE ON FUNCTION {fn} TO {quote_ident(group)}")
    return stmts


def _policies(table: str, group: str, owner: str) -> list[str]:
    g, o = quote_ident(group), quote_ident(owner)
    out = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY", f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
           f"CREATE POLICY wb_owner ON {table} TO {o} USING (true) WITH CHECK (true)"]

    def add(cmd: str, using: str | None, check: str | None) -> None:
        clause = (f" USING ({using})" if using else "") + (f" WITH CHECK ({check})" if check else "")
        out.append(f"CREATE POLICY wb_{cmd.lower()} ON {table} FOR {cmd} TO {g}{clause}")

    if table in ("meta", "alembic_version"):
        add("SELECT", "true", None)  # settings and the schema version: readable, written by the owner only
    elif table == "users":
        add("SELECT", f"role = {ME} OR wb_is_hr({ME})", None)
    elif table == "people":
        add("SELECT", _person_pred("read", "id"), None)
        # a new person goes under the one adding them, who must already manage someone: a report never adds
        # a person and so never makes themself a manager (the administrator, the owner, adds everyone else)
        add("INSERT", None, f"{_row_pred_people('write')} AND EXISTS (SELECT wb_rel_manager({ME})) "
                            "AND NOT wb_id_in_log(id)")
        add("UPDATE", _person_pred("write", "id"), _row_pred_people("write"))
        add("DELETE", _person_pred("write", "id"), None)
    elif table == "notes":
        shared_or_mine = f"(visibility = 'shared' OR {_note_pred('read_private')})"
        add("SELECT", f"(visibility = 'shared' AND {_note_pred('read')}) OR "
                      f"(visibility = 'private' AND {_note_pred('read_private')})", None)
        write = f"{_person_pred('write', 'person_id')} AND {shared_or_mine}"
        add("INSERT", None, f"{write} AND author_id = wb_person({ME})")  # nobody writes in another's name
        add("UPDATE", write, write)
        add("DELETE", write, None)
    elif table in PERSON_TABLES_RLS:
        col = PERSON_TABLES_RLS[table]
        add("SELECT", _person_pred(READ_ACTION.get(table, "read"), col), None)
        add("INSERT", None, _person_pred("write", col))
        add("UPDATE", _person_pred("write", col), _person_pred("write", col))
        add("DELETE", _person_pred("write", col), None)
    elif table == "generated_files":
        add("SELECT", _file_pred("read_files"), None)
        # nobody records a file in another's name, and only someone who makes outputs about people records any
        add("INSERT", None, f"made_by = (SELECT wb_user({ME})) AND EXISTS (SELECT wb_people_make_files({ME}))")
        add("DELETE", _file_pred("read_files"), None)
    elif table == "generated_about":
        add("SELECT", _about_pred("read_files"), None)
        add("INSERT", None, f"file_id IN (SELECT wb_files_made({ME})) AND {_person_pred('make_files', 'person_id')}")
        add("DELETE", _about_pred("read_files"), None)
    elif table == "change_log":
        add("SELECT", _change_pred(table), None)
        # nobody logs a change in another's name (the author defaults to the login's person), and only about
        # a person whose records they write; no UPDATE or DELETE policy: append-only (forget's cascade runs
        # as the table's owner)
        # and under the login's own user name: the actor a history shows is never someone else's
        add("INSERT", None, f"author_id = (SELECT wb_person({ME})) AND actor = (SELECT wb_user({ME})) "
                            f"AND {_person_pred('write', 'person_id')}")
    elif table == "change_log_fields":
        # a field is read when its change is (the change_log policy applies inside the EXISTS) and the field's
        # own audience allows: shared, or private and the reader may read the private part of that change
        add("SELECT", f"EXISTS (SELECT 1 FROM change_log c WHERE c.id = change_log_fields.change_id AND "
                      f"(change_log_fields.audience = 'shared' OR {_private_change_pred('c')}))", None)
        # only on a change the login wrote in this same transaction (its row's xmin is this transaction's, or
        # one of its savepoints', so age() <= 0): nobody adds a field to an entry logged before, their own
        # included, nor to a change about someone they no longer manage (that change's insert checked it)
        add("INSERT", None, "EXISTS (SELECT 1 FROM change_log c WHERE c.id = change_log_fields.change_id "
                            f"AND c.author_id = (SELECT wb_person({ME})) AND age(c.xmin) <= 0)")
    elif table == "person_history":
        add("SELECT", _person_pred("read_changes", "person_id"), None)
        add("INSERT", None, _person_pred("write", "person_id"))
    elif table == "side_drafts":
        # the report's side (issue 17): a draft row is its author's alone; a shared row is read by the person
        # and their manager; every write is in the writer's own name about someone they may write drafts about
        mine = _note_pred("read_draft")
        add("SELECT", f"{mine} OR (state = 'shared' AND {_person_pred('read_shared', 'person_id')})", None)
        own = f"author_id = (SELECT wb_person({ME})) AND {_person_pred('write_own', 'person_id')}"
        # and each kind by its side (revision 0018): the report's own kinds about themselves only, feedback by the
        # person's manager only, so no row in the author's own name passes for the other side's words (a report's
        # "feedback" taken into the agreed plan, a manager's "goal draft" shown as the report's)
        report_kinds = ", ".join(f"'{k}'" for k in REPORT_DRAFT_KINDS)
        sided = (f"{own} AND ((kind IN ({report_kinds}) AND person_id = (SELECT wb_person({ME}))) OR "
                 f"(kind = 'feedback' AND {_person_pred('write', 'person_id')}))")
        add("INSERT", None, sided)
        add("UPDATE", own, sided)
        add("DELETE", own, None)
    elif table in CHILD_TABLES:
        add("SELECT", _child_read(table, READ_ACTION.get(table, "read")), None)
        add("INSERT", None, _child_chain(table, "write"))
        add("UPDATE", _child_chain(table, "write"), _child_chain(table, "write"))
        add("DELETE", _child_chain(table, "write"), None)
    else:  # pragma: no cover - a new table must be classified before it ships
        raise ValueError(f"table {table!r} has no row-level security rule; add it to workbook/store/policies.py")
    return out


def _drop_login_trigger(group: str) -> list[str]:
    """A ``users`` row that goes drops its login role, in the same transaction: ``user remove``, and a forget of
    the user's person, whose row the foreign key's cascade deletes (run by whoever may erase the person: their
    manager, who may not drop roles, too; so the function runs as the tables' owner, who made the role).
    Only a role of this workbook's group that is no superuser and not the session's own is dropped. When it
    cannot be (the owner may not drop roles, or the role still holds something elsewhere) the whole delete is
    refused with the fix: never a person forgotten with a login left behind that no users row names."""
    literal = group.replace("'", "''")
    # no % in the body: the driver would read it as a placeholder
    return [
        f"CREATE OR REPLACE FUNCTION wb_drop_login() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        f"SET search_path = public, pg_temp AS $$ BEGIN "
        f"IF OLD.role IS DISTINCT FROM session_user AND EXISTS (SELECT 1 FROM pg_auth_members m "
        f"JOIN pg_roles u ON u.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
        f"WHERE u.rolname = OLD.role AND g.rolname = '{literal}' AND NOT u.rolsuper) THEN "
        f"BEGIN EXECUTE 'DROP ROLE ' || quote_ident(OLD.role); "
        f"EXCEPTION WHEN insufficient_privilege OR dependent_objects_still_exist THEN "
        f"RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = '{LOGIN_LEFT} ' || OLD.role || ' of user ' || OLD.name "
        f"|| ' behind (' || SQLERRM || '): the workbook''s administrator (the owner''s URL) takes it away first with "
        f"`workbook user remove ' || OLD.name || '`; nothing was erased'; END; "
        f"PERFORM set_config('{LOGINS_DROPPED}', concat_ws(' ', nullif(current_setting('{LOGINS_DROPPED}', true), ''), "
        f"OLD.name || ':' || OLD.role), true); "
        f"END IF; RETURN OLD; END $$",
        "REVOKE ALL ON FUNCTION wb_drop_login() FROM PUBLIC",
        "DROP TRIGGER IF EXISTS wb_drop_login ON users",
        "CREATE TRIGGER wb_drop_login AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION wb_drop_login()",
    ]


def secure_database(conn: Connection, group: str) -> None:
    """Nobody but this workbook's users may connect; nobody may create objects or temporary tables. Database
    privileges are not copied with a database (CREATE DATABASE ... TEMPLATE), so adding a user repeats this."""
    db = quote_ident(database_name(conn))
    conn.exec_driver_sql(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {db} TO {quote_ident(group)}")
    conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {quote_ident(group)}")


def install_policies(conn: Connection) -> None:
    """(Re)create the group role, functions, grants and policies for every table, as the tables' owner.
    Idempotent: a later revision that changes :data:`RULES` calls it again."""
    owner = str(conn.execute(sa.text("SELECT current_user")).scalar_one())
    known = conn.execute(sa.text("SELECT 1 FROM meta WHERE key = 'users_role'")).first() is not None
    group = group_role(conn) if known else _new_group_role(conn)
    g = quote_ident(group)
    if not _role_exists(conn, group):
        conn.exec_driver_sql(f"CREATE ROLE {g} NOLOGIN NOINHERIT")
    conn.execute(sa.text("DELETE FROM meta WHERE key = 'users_role'"))
    conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('users_role', :g)"), {"g": group})
    secure_database(conn, group)
    for stmt in _functions(group):
        conn.exec_driver_sql(stmt)
    tables = [r[0] for r in conn.execute(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))]
    for table in tables:
        for (name,) in conn.execute(sa.text("SELECT policyname FROM pg_policies WHERE schemaname = 'public' "
                                            "AND tablename = :t AND policyname LIKE 'wb\\_%'"), {"t": table}).all():
            conn.exec_driver_sql(f"DROP POLICY {quote_ident(name)} ON {table}")
        writable = table not in ("meta", "alembic_version", "users")
        privs = "SELECT, INSERT, DELETE" if table in FILE_TABLES else "SELECT, INSERT" if table in LOG_TABLES else \
            "SELECT, INSERT, UPDATE, DELETE" if writable else "SELECT"
        conn.exec_driver_sql(f"REVOKE ALL ON {table} FROM PUBLIC")
        conn.exec_driver_sql(f"GRANT {privs} ON {table} TO {g}")
        for stmt in _policies(table, group, owner):
            conn.exec_driver_sql(stmt)
    # a file's maker is the user recording it (the owner, in no users row, records NULL: the owner)
    conn.exec_driver_sql("ALTER TABLE generated_files ALTER COLUMN made_by SET DEFAULT wb_user(current_user)")
    conn.exec_driver_sql(f"GRANT SELECT ON shareable_notes TO {g}")
    if "change_log" in tables:  # revision 0005: the change log's author is the login's person (checked on insert)
        conn.exec_driver_sql("ALTER TABLE change_log ALTER COLUMN author_id SET DEFAULT wb_person(current_user)")
        conn.exec_driver_sql(f"GRANT SELECT ON shareable_changes TO {g}")
    # a note's author is who wrote it, for good: the policies check it on insert, this on every update (the
    # owner's too; a forgotten author's notes keep their NULL, which the foreign key's SET NULL writes)
    conn.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION wb_keep_note_author() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.author_id IS NOT NULL AND NEW.author_id IS DISTINCT FROM OLD.author_id THEN "
        f"RAISE EXCEPTION '{KEEP_AUTHOR}' USING ERRCODE = '42501'; END IF; RETURN NEW; END $$")
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS wb_keep_note_author ON notes")
    conn.exec_driver_sql("CREATE TRIGGER wb_keep_note_author BEFORE UPDATE OF author_id ON notes "
                         "FOR EACH ROW EXECUTE FUNCTION wb_keep_note_author()")
    if "users" in tables:
        for stmt in _drop_login_trigger(group):
            conn.exec_driver_sql(stmt)
    # nextval only: SELECT on a sequence would show anyone how many notes (goals, check-ins ...) the whole
    # organisation holds (its last_value)
    conn.exec_driver_sql(f"REVOKE SELECT ON ALL SEQUENCES IN SCHEMA public FROM {g}")
    conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {g}")
