"""Who sees the change log and the person history on PostgreSQL, and corrections through a manager's own login.

The organisation (real server, real login roles):

    dana (director)
    ├── maya (manager) ── ana, ben
    └── omar (manager) ── olu
    hr (an HR partner, not in the tree)

Every change below is made by its user through their own Store (their own login, never the owner): Maya
edits her private note about Ana (the old and new texts are private), her shared note (shared), Ana's goal
feedback (a private field) and Ana's level (a dated promotion); Omar edits his private note about Olu.
Each attack then runs as a user would in their own notebook kernel: raw SQL on their own connection.
"""

from __future__ import annotations

import datetime as dt
import itertools

import psycopg
import pytest

from workbook.core.model import (
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Note,
    Objective,
    Person,
    QuarterOKRs,
)
from workbook.store import Store
from workbook.store.backend import parse_url

PRIVATE_OLD = "PINEAPPLE-old: father is ill"
PRIVATE_NEW = "PINEAPPLE-new: father is ill, flexible hours agreed"
OLU_PRIVATE = "MANGO: asked about pay"
SHARED_NEW = "KIWI-new: mentoring opens in April"
FEEDBACK = "FIG-feedback: too vague, name the partner teams"
SECRETS = ("PINEAPPLE", "MANGO", "FIG")
_n = itertools.count(1)


def _org(pg_server) -> dict:
    name = f"wb_rights_history_{next(_n)}"
    owner_url = pg_server.create_database(name, template="wb_template")
    d = dt.date
    with Store(owner_url) as s:
        for pid, pname, manager in [("dana", "Dana Director", ""), ("maya", "Maya Chen", "dana"),
                                    ("omar", "Omar Haddad", "dana"), ("ana", "Ana Souza", "maya"),
                                    ("ben", "Ben Okafor", "maya"), ("olu", "Olu Adeyemi", "omar")]:
            s.add_person(Person(id=pid, name=pname, manager=manager, level="2" if pid == "ana" else ""))
        users: dict[str, dict] = {}
        for uname, kw in [("dana", {"person": "dana"}), ("maya", {"person": "maya"}), ("omar", {"person": "omar"}),
                          ("ana", {"person": "ana"}), ("hr", {"hr": True})]:
            u = s.add_user(uname, **kw)
            users[uname] = {"role": u.role, "password": u.password,
                            "url": parse_url(u.url).set(password=u.password).render_as_string(hide_password=False)}
    with Store(users["maya"]["url"]) as maya:
        private = maya.add_note(Note(person="ana", date=d(2027, 1, 10), direction="pull", topic="values", text=PRIVATE_OLD))
        maya.edit_note(private, text=PRIVATE_NEW)
        shared = maya.add_note(Note(person="ana", date=d(2027, 1, 11), direction="push", topic="opportunities",
                                    text="KIWI-old: mentoring opens in March", visibility="shared"))
        maya.edit_note(shared, text=SHARED_NEW)
        maya.save_plan(GrowthPlan(person="ana", year=2027, status="agreed", goals=[Goal(text="Present to partners")]))
        maya.edit_goal("ana", 2027, 1, text="Present to two partner teams", feedback=FEEDBACK)  # shared + private
        maya.edit_person("ana", level="3", effective=d(2027, 2, 1))
    with Store(users["omar"]["url"]) as omar:
        note = omar.add_note(Note(person="olu", date=d(2027, 1, 12), direction="pull", topic="values", text="x"))
        omar.edit_note(note, text=OLU_PRIVATE)
    return {"server": pg_server, "database": name, "owner_url": owner_url, "users": users}


@pytest.fixture(scope="module")
def org(pg_server):
    return _org(pg_server)


@pytest.fixture
def scratch(pg_server):
    org = _org(pg_server)
    yield org
    with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user="workbook_admin",
                         password=pg_server.admin_password, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{org["database"]}" WITH (FORCE)'.encode())


def _connect(org: dict, user: str) -> psycopg.Connection:
    u = org["users"][user]
    return psycopg.connect(host=str(org["server"].socket_dir), dbname=org["database"], user=u["role"],
                           password=u["password"], autocommit=True)


def _owner(org: dict) -> psycopg.Connection:
    return psycopg.connect(host=str(org["server"].socket_dir), dbname=org["database"], user="workbook_admin",
                           password=org["server"].admin_password, autocommit=True)


def _log_text(conn: psycopg.Connection) -> str:
    """Everything the user can read of the log and the history, as one text."""
    rows = conn.execute(b"SELECT c.person_id, c.record, c.action, c.label, f.field, f.old, f.new FROM change_log c "
                        b"LEFT JOIN change_log_fields f ON f.change_id = c.id").fetchall()
    rows += conn.execute(b"SELECT field, old, new, NULL, NULL, NULL, NULL FROM change_log_fields").fetchall()
    rows += conn.execute(b"SELECT person_id, field, old, new, NULL, NULL, NULL FROM person_history").fetchall()
    rows += conn.execute(b"SELECT person_id, record, action, label, field, old, new FROM shareable_changes").fetchall()
    return "\n".join(" ".join(str(v) for v in r) for r in rows)


def _people_in_log(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute(b"SELECT person_id FROM change_log").fetchall()}


# -- reads ------------------------------------------------------------------------------------------------


def test_a_report_reads_the_shared_log_of_their_own_records_and_no_private_value(org) -> None:
    with _connect(org, "ana") as conn:
        text = _log_text(conn)
        assert SHARED_NEW in text and "KIWI-old" in text  # the shared note's edit, both values
        assert "level 2 3" in text  # the dated promotion
        assert not any(s in text for s in SECRETS)
        assert _people_in_log(conn) == {"ana"}
        # a private note's change is not even known to have happened
        assert conn.execute(b"SELECT count(*) FROM change_log WHERE audience = 'private'").fetchone() == (0,)


def test_a_skip_level_and_hr_read_the_shared_log_and_no_private_value(org) -> None:
    for user, people in (("dana", {"dana", "maya", "omar", "ana", "ben", "olu"}),  # herself and her subtree
                         ("hr", {"dana", "maya", "omar", "ana", "ben", "olu"})):
        with _connect(org, user) as conn:
            text = _log_text(conn)
            assert SHARED_NEW in text and not any(s in text for s in SECRETS), user
            assert _people_in_log(conn) == people, user


def test_another_manager_reads_nothing_of_a_report_not_theirs(org) -> None:
    with _connect(org, "omar") as conn:
        assert _people_in_log(conn) == {"omar", "olu"}  # himself and his report
        assert OLU_PRIVATE in _log_text(conn)  # his own private note's change
        assert not any(s in _log_text(conn) for s in ("PINEAPPLE", "FIG", "KIWI"))
        assert conn.execute(b"SELECT count(*) FROM person_history").fetchone() == (0,)


def test_the_author_reads_their_private_change_and_the_manager_the_private_fields(org) -> None:
    with _connect(org, "maya") as conn:
        text = _log_text(conn)
        assert PRIVATE_OLD in text and PRIVATE_NEW in text and FEEDBACK in text
        assert "MANGO" not in text
    with Store(org["users"]["maya"]["url"]) as maya:
        fields = [f for c in maya.history("ana") for f in c.fields]
        assert {f.new for f in fields} >= {PRIVATE_NEW, SHARED_NEW, FEEDBACK}
        assert not any(PRIVATE_NEW in (f.new or "") for c in maya.history("ana", shareable=True) for f in c.fields)
    with Store(org["users"]["ana"]["url"]) as ana:
        assert not any(s in (f.old or "") + (f.new or "") for c in ana.history("ana") for f in c.fields for s in SECRETS)


# -- writes: append-only, nobody logs in another's name ------------------------------------------------------


def test_nobody_changes_or_deletes_the_log_and_nobody_writes_in_another_s_name(org) -> None:
    with _connect(org, "maya") as conn:
        for stmt in (b"UPDATE change_log SET label = 'x'", b"DELETE FROM change_log", b"UPDATE change_log_fields SET new = 'x'",
                     b"DELETE FROM change_log_fields", b"UPDATE person_history SET new = '9'", b"DELETE FROM person_history"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(stmt)
        ins = (b"INSERT INTO change_log (person_id, at, actor, record, action, label, audience, author_id) "
               b"VALUES (%s, 'now', 'x', 'note', 'edit', 'forged', 'shared', %s)")
        for person, author in (("olu", "maya"), ("ana", "omar"), ("olu", None)):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
                conn.execute(ins, (person, author))
        omar_change = conn.execute(b"SELECT count(*) FROM change_log WHERE person_id = 'olu'").fetchone()
        assert omar_change == (0,)
    with _connect(org, "omar") as conn:
        change_id = conn.execute(b"SELECT id FROM change_log WHERE person_id = 'olu' LIMIT 1").fetchone()[0]
    with _connect(org, "maya") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(b"INSERT INTO change_log_fields (change_id, field, old, new, audience) "
                     b"VALUES (%s, 'text', 'a', 'b', 'shared')", (change_id,))
    with _connect(org, "ana") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(b"INSERT INTO person_history (person_id, effective, field, old, new) "
                     b"VALUES ('ana', '2027-03-01', 'level', '3', '5')")
    with _owner(org) as owner:  # even the tables' owner cannot rewrite it (the trigger)
        with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
            owner.execute(b"UPDATE change_log SET label = 'x'")
        with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
            owner.execute(b"DELETE FROM person_history")


# -- proofs: each attack above succeeds without its policy -----------------------------------------------------


def _group(owner: psycopg.Connection) -> str:
    return owner.execute(b"SELECT value FROM meta WHERE key = 'users_role'").fetchone()[0]


def test_without_the_change_log_rule_a_report_learns_of_a_private_change(scratch) -> None:
    with _owner(scratch) as owner:
        owner.execute(b"DROP POLICY wb_select ON change_log")
        owner.execute(f'CREATE POLICY wb_select ON change_log FOR SELECT TO "{_group(owner)}" '
                      f"USING (person_id IN (SELECT wb_people_read(current_user)))".encode())
    with _connect(scratch, "ana") as conn:
        assert conn.execute(b"SELECT count(*) FROM change_log WHERE audience = 'private'").fetchone()[0] > 0


def test_without_the_field_audience_rule_a_report_reads_private_old_values(scratch) -> None:
    with _owner(scratch) as owner:
        owner.execute(b"DROP POLICY wb_select ON change_log_fields")
        owner.execute(f'CREATE POLICY wb_select ON change_log_fields FOR SELECT TO "{_group(owner)}" '
                      f"USING (EXISTS (SELECT 1 FROM change_log c WHERE c.id = change_id))".encode())
    with _connect(scratch, "ana") as conn:
        assert FEEDBACK in _log_text(conn)  # a private field of a shared change (goal feedback)


def test_without_the_insert_rule_a_manager_forges_a_change_in_another_s_name(scratch) -> None:
    with _owner(scratch) as owner:
        owner.execute(b"DROP POLICY wb_insert ON change_log")
        owner.execute(f'CREATE POLICY wb_insert ON change_log FOR INSERT TO "{_group(owner)}" WITH CHECK (true)'.encode())
    with _connect(scratch, "maya") as conn:
        conn.execute(b"INSERT INTO change_log (person_id, at, actor, record, action, label, audience, author_id) "
                     b"VALUES ('olu', 'now', 'x', 'note', 'edit', 'forged', 'shared', 'omar')")


# -- corrections through a manager's own login ------------------------------------------------------------------


def test_corrections_work_through_a_manager_s_own_login(scratch) -> None:
    d = dt.date
    with Store(scratch["users"]["maya"]["url"]) as maya:
        assert not maya.actor().owner and maya.actor().person == "maya"
        maya.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(text="Communicate", key_results=[
            KeyResult(text="Present at the weekly meeting by 15 March", target_date=d(2027, 3, 15)),
            KeyResult(text="Write two design docs by 31 March", target_date=d(2027, 3, 31))])]))
        ci = maya.add_check_in(CheckIn(person="ana", date=d(2027, 1, 15),
                                       key_results=[KRStatus(objective=1, key_result=1, status="on_track")]))
        note = int(maya.notes_frame("ana", include_private=True).query("visibility == 'private'")["id"].iloc[0])
        maya.edit_note(note, date=d(2027, 1, 9))
        maya.delete_check_in(ci)
        moved = maya.move_key_result("ana", "2027Q1", 1, 2, to_quarter="2027Q2")
        assert moved.key_result.moved_from is not None
        maya.edit_person("ana", track="Data Science")
        maya.set_archived("ben", True)
        assert "ben" not in [p.id for p in maya.people()] and "ben" in [p.id for p in maya.people(include_archived=True)]
        maya.set_archived("ben", False)
        maya.delete_note(note)
        actions = [(c.record, c.action) for c in maya.history("ana")]
        for expected in [("note", "edit"), ("check_in", "delete"), ("key_result", "move"), ("person", "edit"),
                         ("note", "delete")]:
            assert expected in actions
        with _owner(scratch) as owner:
            authors = {r[0] for r in owner.execute(b"SELECT DISTINCT author_id FROM change_log "
                                                   b"WHERE person_id IN ('ana', 'ben')").fetchall()}
        assert authors == {None, "maya"}  # the owner added the people; every correction is Maya's own
        assert {c.actor for c in maya.history("ana") if c.action != "add"} == {"maya"}  # by her user, not the OS's
        assert ("track", "Data Science") in [(h["field"], h["new"]) for h in maya.person_history("ana")]
        counts = maya.forget("ana")  # forget erases the log and the history, through her login too
        assert counts["change_log"] > 0
    with _owner(scratch) as owner:
        assert owner.execute(b"SELECT count(*) FROM change_log WHERE person_id = 'ana'").fetchone() == (0,)
        assert owner.execute(b"SELECT count(*) FROM person_history WHERE person_id = 'ana'").fetchone() == (0,)
        assert owner.execute(b"SELECT count(*) FROM change_log_fields f WHERE NOT EXISTS "
                             b"(SELECT 1 FROM change_log c WHERE c.id = f.change_id)").fetchone() == (0,)
