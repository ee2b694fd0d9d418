"""Who sees what, enforced by PostgreSQL: attacks with raw SQL through each user's own connection.

The organisation (real server, real login roles, SCRAM passwords):

    dana (director)
    ├── maya (manager) ── ana, ben
    └── omar (manager) ── olu
    hr (an HR partner, not in the tree)

Maya wrote a private and a shared note about Ana; Omar a private note about Olu. Generated files are
recorded as each maker would (their own Store): Maya's stage notebook about Ana, Omar's about Olu, HR's
summary of Ana and HR's team overview of everyone. Every attack runs as the user would in their own
notebook kernel: ``psycopg.connect`` with their own role and password.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import psycopg
import pytest

from workbook.core.errors import AccessDenied, InputError, NotFound
from workbook.core.model import (
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Note,
    Objective,
    Obstacle,
    Person,
    QuarterOKRs,
    TrialRun,
)
from workbook.store import Store
from workbook.store.backend import display_url, parse_url
from workbook.store.rights import ACTIONS, Actor, allowed, visible_people

ANA_PRIVATE = "Ana-private-PINEAPPLE: father is ill, may need flexible hours"
OLU_PRIVATE = "Olu-private-MANGO: asked whether his pay is in line with the band"
ANA_SHARED = "Ana-shared-KIWI: the mentoring programme opens in March"
ANA_OBSTACLE = "Ana-obstacle-FIG: I am not senior enough to present to the VP"
ANA_TRIAL = "Ana-trial-LIME: draft reply to the VP about the roadmap"
PRIVATE_TEXTS = (ANA_PRIVATE, OLU_PRIVATE)
_scratch = itertools.count(1)


def _build_org(owner_url: str) -> dict[str, dict]:
    """The organisation above, written as the owner; returns each user's role, password and URL."""
    d = dt.date
    with Store(owner_url) as s:
        for pid, name, manager in [("dana", "Dana Director", ""), ("maya", "Maya Chen", "dana"),
                                   ("omar", "Omar Haddad", "dana"), ("ana", "Ana Souza", "maya"),
                                   ("ben", "Ben Okafor", "maya"), ("olu", "Olu Adeyemi", "omar")]:
            s.add_person(Person(id=pid, name=name, manager=manager))
        for pid in ("ana", "ben", "olu"):
            s.save_plan(GrowthPlan(person=pid, year=2027, status="agreed",
                                   goals=[Goal(text=f"{pid} goal one"), Goal(text=f"{pid} goal two")]))
            s.save_okrs(QuarterOKRs(person=pid, quarter="2027Q1", objectives=[Objective(
                text=f"{pid} objective", key_results=[KeyResult(text=f"{pid} key result: present twice by March")])]))
        s.add_check_in(CheckIn(person="ana", date=d(2027, 1, 15), key_results=[KRStatus(objective=1, key_result=1,
                                                                                         status="on_track")],
                               obstacles=[Obstacle(text=ANA_OBSTACLE)], trial_runs=[TrialRun(text=ANA_TRIAL)]))
        s.add_note(Note(person="ana", date=d(2027, 1, 10), direction="pull", topic="values", text=ANA_PRIVATE))
        s.add_note(Note(person="ana", date=d(2027, 1, 11), direction="push", topic="opportunities", text=ANA_SHARED,
                        visibility="shared"))
        s.add_note(Note(person="olu", date=d(2027, 1, 12), direction="pull", topic="values", text=OLU_PRIVATE))
        users: dict[str, dict] = {}
        for name, kw in [("dana", {"person": "dana"}), ("maya", {"person": "maya"}), ("omar", {"person": "omar"}),
                         ("ana", {"person": "ana"}), ("ben", {"person": "ben"}), ("hr", {"hr": True})]:
            u = s.add_user(name, **kw)
            users[name] = {"role": u.role, "password": u.password,
                           "url": parse_url(u.url).set(password=u.password).render_as_string(hide_password=False)}
    for user, path, kind, about in FILES:
        with Store(users[user]["url"]) as maker, maker.atomic() as conn:
            maker.record_files(conn, [(Path(path), kind, "2027Q1")], about)
    return users


# (maker, path, kind, the people it is about): what each user recorded making, as a batch records it
FILES = [("maya", "/home/maya/stages/ana/04_check_in-2027Q1.ipynb", "stage", ["ana"]),
         ("omar", "/home/omar/stages/olu/04_check_in-2027Q1.ipynb", "stage", ["olu"]),
         ("hr", "/srv/hr/2027Q1/ana/ana-2027Q1.ipynb", "person", ["ana"]),
         ("hr", "/srv/hr/2027Q1/team_overview.ipynb", "team", ["ana", "ben", "dana", "maya", "olu", "omar"])]


@pytest.fixture(scope="module")
def org(pg_server):
    """One organisation database for the read-only attacks of this module."""
    name = "wb_rights_org"
    owner_url = pg_server.create_database(name, template="wb_template")
    users = _build_org(owner_url)
    return {"server": pg_server, "database": name, "owner_url": owner_url, "users": users}


def _connect(org: dict, user: str) -> psycopg.Connection:
    """The user's own raw connection, as in their own notebook kernel."""
    u = org["users"][user]
    return psycopg.connect(host=str(org["server"].socket_dir), dbname=org["database"], user=u["role"],
                           password=u["password"], autocommit=True)


def _texts(conn: psycopg.Connection, sql: str) -> list[str]:
    return [r[0] for r in conn.execute(sql.encode()).fetchall()]


# -- reads ------------------------------------------------------------------------------------------------


def test_a_report_selecting_all_notes_gets_none_that_are_private(org) -> None:
    with _connect(org, "ana") as conn:
        notes = conn.execute(b"SELECT text, visibility, person_id FROM notes").fetchall()
        assert notes == [(ANA_SHARED, "shared", "ana")]
        assert _texts(conn, "SELECT text FROM shareable_notes") == [ANA_SHARED]
        assert _texts(conn, "SELECT text FROM notes WHERE visibility = 'private'") == []
        assert _texts(conn, "SELECT count(*)::text FROM notes WHERE text LIKE '%PINEAPPLE%'") == ["0"]


def test_a_report_sees_their_own_records_and_nobody_else_s(org) -> None:
    with _connect(org, "ana") as conn:
        assert sorted(_texts(conn, "SELECT id FROM people")) == ["ana"]
        assert sorted(_texts(conn, "SELECT text FROM goals")) == ["ana goal one", "ana goal two"]
        assert _texts(conn, "SELECT text FROM key_results") == ["ana key result: present twice by March"]
        assert _texts(conn, "SELECT text FROM obstacles") == [ANA_OBSTACLE]  # their own words, for the 1:1
        assert _texts(conn, "SELECT text FROM trial_runs") == [ANA_TRIAL]


def test_a_report_updating_another_person_s_goal_is_refused(org) -> None:
    with _connect(org, "ana") as conn:
        changed = conn.execute(b"UPDATE goals SET text = 'hacked' WHERE text LIKE 'ben%'")
        assert changed.rowcount == 0
        assert conn.execute(b"UPDATE goals SET text = 'hacked'").rowcount == 0  # not even their own: the manager's
        ben_plan = None
        with _connect(org, "maya") as maya:
            ben_plan = maya.execute(b"SELECT id FROM growth_plans WHERE person_id = 'ben'").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"INSERT INTO goals (plan_id, position, text) VALUES (%s, 9, 'x')",
                         (ben_plan,))
        assert conn.execute(b"DELETE FROM goals").rowcount == 0
        assert conn.execute(b"DELETE FROM people WHERE id = 'ben'").rowcount == 0
    with _connect(org, "maya") as maya:
        assert sorted(_texts(maya, "SELECT text FROM goals WHERE text LIKE 'ben%'")) == ["ben goal one", "ben goal two"]


def test_a_skip_level_reading_a_private_note_gets_nothing(org) -> None:
    with _connect(org, "dana") as conn:
        assert _texts(conn, "SELECT text FROM notes WHERE visibility = 'private'") == []
        assert _texts(conn, "SELECT text FROM notes") == [ANA_SHARED]  # the subtree's shareable records
        assert sorted(_texts(conn, "SELECT id FROM people")) == ["ana", "ben", "dana", "maya", "olu", "omar"]
        assert _texts(conn, "SELECT text FROM obstacles") == [] and _texts(conn, "SELECT text FROM trial_runs") == []
        assert conn.execute(b"UPDATE goals SET text = 'x'").rowcount == 0  # reads the subtree, writes nothing


def test_the_author_reads_their_private_note_and_another_manager_sees_nothing(org) -> None:
    with _connect(org, "maya") as conn:
        assert sorted(_texts(conn, "SELECT text FROM notes")) == sorted([ANA_PRIVATE, ANA_SHARED])
    with _connect(org, "omar") as conn:
        assert _texts(conn, "SELECT text FROM notes") == [OLU_PRIVATE]
        assert sorted(_texts(conn, "SELECT id FROM people")) == ["olu", "omar"]


def test_hr_sees_every_shareable_record_and_no_private_text(org) -> None:
    with _connect(org, "hr") as conn:
        assert _texts(conn, "SELECT text FROM notes") == [ANA_SHARED]
        assert len(_texts(conn, "SELECT id FROM people")) == 6
        assert len(_texts(conn, "SELECT text FROM goals")) == 6
        assert _texts(conn, "SELECT text FROM obstacles") == [] and _texts(conn, "SELECT text FROM trial_runs") == []
        assert conn.execute(b"UPDATE key_results SET outcome = 'met'").rowcount == 0  # HR reads; managers write


# -- the record of generated files: its maker, and the manager of a person it is about ------------------------


def test_generated_file_records_are_seen_by_their_maker_and_the_person_s_manager(org) -> None:
    seen = {}
    for user in ("maya", "omar", "hr", "ana", "ben", "dana"):
        with _connect(org, user) as conn:
            seen[user] = (sorted(_texts(conn, "SELECT path FROM generated_files")),
                          sorted(conn.execute(b"SELECT f.path, a.person_id FROM generated_about a "
                                              b"JOIN generated_files f ON f.id = a.file_id").fetchall()))
    overview, ana_summary = "/srv/hr/2027Q1/team_overview.ipynb", "/srv/hr/2027Q1/ana/ana-2027Q1.ipynb"
    # Maya: her own notebook, and HR's files about her reports (she forgets them); of the overview only
    # the lines about her reports
    assert seen["maya"][0] == sorted([FILES[0][1], ana_summary, overview])
    assert seen["maya"][1] == sorted([(FILES[0][1], "ana"), (ana_summary, "ana"), (overview, "ana"), (overview, "ben")])
    assert seen["omar"][0] == sorted([FILES[1][1], overview]) and ana_summary not in seen["omar"][0]
    assert seen["omar"][1] == sorted([(FILES[1][1], "olu"), (overview, "olu")])
    # HR: only what HR made (not the managers' stage notebooks), with everyone it is about
    assert seen["hr"][0] == sorted([ana_summary, overview])
    assert len(seen["hr"][1]) == 7
    # Dana manages Maya and Omar: the overview's lines about them, and nothing below (no skip-level view:
    # a record says where a manager's private working pages are)
    assert seen["dana"] == ([overview], [(overview, "maya"), (overview, "omar")])
    # the reports: nothing
    assert seen["ana"] == seen["ben"] == ([], [])


def test_nobody_records_a_file_in_another_s_name_or_about_someone_they_make_nothing_for(org) -> None:
    with _connect(org, "ana") as conn:  # a report makes no outputs: not even a record about nobody
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"INSERT INTO generated_files (path, kind, period, made_at) VALUES ('/x', 'stage', '', 'now')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # records are never edited, only made again
            conn.execute(b"UPDATE generated_files SET path = '/home/maya/.bashrc'")
        assert conn.execute(b"DELETE FROM generated_files").rowcount == 0
        assert conn.execute(b"DELETE FROM generated_about").rowcount == 0
    with _connect(org, "omar") as conn:
        conn.execute(b"BEGIN")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):  # in Maya's name
            conn.execute(b"INSERT INTO generated_files (path, kind, period, made_at, made_by) "
                         b"VALUES ('/tmp/planted', 'stage', '', 'now', 'maya')")
        conn.execute(b"ROLLBACK")
        conn.execute(b"BEGIN")
        file_id = conn.execute(b"INSERT INTO generated_files (path, kind, period, made_at) "
                               b"VALUES ('/home/omar/planted', 'stage', '', 'now') RETURNING id").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):  # Ana is not his
            conn.execute(b"INSERT INTO generated_about (file_id, person_id) VALUES (%s, 'ana')", (file_id,))
        conn.execute(b"ROLLBACK")
        hr_file = None
        with _connect(org, "hr") as hr:
            hr_file = hr.execute(b"SELECT id FROM generated_files WHERE kind = 'person'").fetchone()[0]
        conn.execute(b"BEGIN")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):  # onto HR's file
            conn.execute(b"INSERT INTO generated_about (file_id, person_id) VALUES (%s, 'olu')", (hr_file,))
        conn.execute(b"ROLLBACK")
        assert conn.execute(b"DELETE FROM generated_files WHERE path LIKE '/srv/hr/%/ana/%'").rowcount == 0


def _recorded_files_on_disk(org: dict, tmp_path: Path) -> list[Path]:
    """The recorded FILES made on this machine under ``tmp_path`` (as on one JupyterHub server), records moved
    there too; returns their paths in FILES order."""
    paths = [Path(str(tmp_path) + path) for _, path, _, _ in FILES]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    with _owner(org) as owner:
        owner.execute(b"UPDATE generated_files SET path = %s || path", (str(tmp_path),))
    return paths


def test_a_manager_forgetting_a_report_removes_every_file_recorded_about_them(scratch_org, tmp_path) -> None:
    from workbook.run.forget import forget_person

    # Ben's are HR's overview only
    paths = _recorded_files_on_disk(scratch_org, tmp_path)
    with Store(scratch_org["users"]["maya"]["url"]) as maya:
        assert {f.path for f in maya.generated_files("ana")} == {paths[0], paths[2], paths[3]}
        report = forget_person(maya, "ana")
    assert sorted(report.files) == sorted([paths[0], paths[2], paths[3]])  # hers, HR's summary and overview
    assert [p for p in paths if p.exists()] == [paths[1]]  # Omar's notebook about Olu stays
    with _connect(scratch_org, "hr") as hr:  # HR's records of those files went with them
        assert _texts(hr, "SELECT path FROM generated_files") == []
    with _connect(scratch_org, "omar") as omar:
        assert _texts(omar, "SELECT path FROM generated_files") == [str(paths[1])]


def test_forget_by_someone_who_may_not_erase_the_person_is_refused_and_touches_no_file(scratch_org, tmp_path) -> None:
    """HR and a skip-level read Ana, but may not erase her: their `forget` said "forgot ana" (the counts were
    SELECTs that row-level security let through), erased nothing, and deleted HR's summary and overview of her
    (found by a helper). Now the person's row is erased first and a login that could not is refused."""
    from workbook.run.forget import forget_person

    paths = _recorded_files_on_disk(scratch_org, tmp_path)
    for user in ("hr", "dana"):
        with Store(scratch_org["users"][user]["url"]) as store:
            assert store.has_person("ana")
            with pytest.raises(AccessDenied, match="you may not forget ana: only their manager or the workbook's "
                                                   "administrator erases a person; nothing was erased"):
                forget_person(store, "ana")
    assert all(p.exists() for p in paths)
    with _owner(scratch_org) as owner:
        assert _texts(owner, "SELECT count(*)::text FROM generated_files") == ["4"]
        assert _texts(owner, "SELECT count(*)::text FROM notes WHERE person_id = 'ana'") == ["2"]


def test_a_report_adds_nobody_and_a_manager_adds_only_under_themself(scratch_org) -> None:
    """The insert rule on people asked only that the new person's manager be the login's person: a report could add
    someone under themself and become a manager (found by a helper)."""
    with _connect(scratch_org, "ana") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"INSERT INTO people (id, name, manager_id) VALUES ('zed', 'Zed', 'ana')")
    with Store(scratch_org["users"]["ana"]["url"]) as ana, pytest.raises(AccessDenied):
        ana.add_person(Person(id="zed", name="Zed", manager="ana"))
    with _connect(scratch_org, "maya") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"INSERT INTO people (id, name, manager_id) VALUES ('zed', 'Zed', 'omar')")
    with Store(scratch_org["users"]["maya"]["url"]) as maya:  # a new hire under herself: her team grows
        maya.add_person(Person(id="zed", name="Zed Park", manager="maya"))
        assert maya.has_person("zed")


def test_nobody_logs_a_change_under_another_user_s_name(scratch_org) -> None:
    """Bob could insert a change-log entry with actor 'hana', and Eve's history showed HR making it."""
    with _connect(scratch_org, "maya") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"INSERT INTO change_log (person_id, at, actor, record, action, label, audience) VALUES "
                         b"('ana', '2027-01-20T10:00:00+00:00', 'hr', 'person', 'edit', 'flag set by HR', 'shared')")
    with Store(scratch_org["users"]["maya"]["url"]) as store:  # her own changes are logged as her, as ever
        store.edit_goal("ana", 2027, 1, text="ana goal one, reworded")
        assert store.history("ana")[-1].actor == "maya"


def test_a_forgotten_person_s_id_is_not_given_to_someone_new(scratch_org) -> None:
    """Maya's changes about Ana stay in the log (append-only) after Maya is forgotten; a new "maya" read their
    private part as hers (found by a helper). The id is refused while the log names it as an author."""
    from workbook.run.forget import forget_person

    with Store(scratch_org["users"]["maya"]["url"]) as store:
        store.edit_goal("ana", 2027, 1, draft="Maya's private draft wording")
    with Store(scratch_org["owner_url"]) as owner:
        forget_person(owner, "maya")
        with pytest.raises(InputError, match="person id 'maya' belonged to someone who was forgotten and is still "
                                             "named in the change log; give the new person another id"):
            owner.add_person(Person(id="maya", name="Maya Rehired", manager="dana"))
        owner.add_person(Person(id="maya2", name="Maya Rehired", manager="dana"))
    with _connect(scratch_org, "dana") as conn:  # nor through a manager's own insert
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"INSERT INTO people (id, name, manager_id) VALUES ('maya', 'Maya', 'dana')")


def test_a_new_person_s_id_held_by_someone_unseen_is_said_to_be_taken(scratch_org) -> None:
    """Maya adding a person under the id of someone she does not see (Omar, in another team) was told the id
    "belonged to someone who was forgotten" (found by a helper): it is taken, and said so; nothing else of the
    other person is said."""
    with Store(scratch_org["users"]["maya"]["url"]) as maya:
        assert "omar" not in {p.id for p in maya.people()}
        with pytest.raises(InputError, match=r"^person id 'omar' is taken by someone in this workbook you do not see; "
                                             r"give the new person another id$"):
            maya.add_person(Person(id="omar", name="Omar Two", manager="maya"))
        assert "omar" not in {p.id for p in maya.people()}
        # nor is a manager she does not see "not a person in this workbook" (which sent her to add him)
        from workbook.stages.people import edit_person

        with pytest.raises(InputError, match=r"manager 'omar' is someone you do not see in this workbook: putting a "
                                             r"person under another team's manager is the administrator's"):
            edit_person(maya, "ana", manager="omar")
        assert maya.person("ana").manager == "maya"


def test_a_refusal_on_the_people_or_the_settings_says_who_may(scratch_org) -> None:
    """Maya, who is Ana's manager, moving Ana to Omar was told "only a person's manager changes their records"."""
    with Store(scratch_org["users"]["maya"]["url"]) as maya:
        ana = maya.person("ana")
        with pytest.raises(AccessDenied, match=r"^refused by your rights in this workbook: moving someone to another "
                                               r"manager is the administrator's \(the owner's URL\)"):
            maya.update_person(ana.model_copy(update={"manager": "omar"}))
        with pytest.raises(AccessDenied, match=r"settings \(limits, ladder folders\) are the administrator's"):
            maya.set_limit("max_goals", 4)


def test_a_refused_person_add_says_who_may_add_people_not_who_may_move_them(scratch_org) -> None:
    """`person add` by a report, or by a user with no reports, was told "moving someone to another manager is the
    administrator's" though nobody was moved."""
    for user, manager in (("ana", ""), ("ana", "ana"), ("hr", "")):
        with Store(scratch_org["users"][user]["url"]) as store:
            with pytest.raises(AccessDenied) as refused:
                store.add_person(Person(id="newbie", name="New Bie", manager=manager))
        said = str(refused.value)
        assert said.startswith("refused by your rights in this workbook: adding a person is the administrator's "
                               "(the owner's URL), or a manager's who adds them under themself"), said
        assert "moving" not in said
    with Store(scratch_org["users"]["maya"]["url"]) as maya:  # a manager adds under themself
        maya.add_person(Person(id="newbie", name="New Bie", manager="maya"))
        assert maya.person("newbie").manager == "maya"


# -- identity cannot be changed from inside a session -------------------------------------------------------


def test_set_role_and_set_session_authorization_do_not_widen_access(org) -> None:
    maya_role, hr_role = org["users"]["maya"]["role"], org["users"]["hr"]["role"]
    with _connect(org, "ana") as conn:
        for stmt in (f'SET ROLE "{maya_role}"', f'SET ROLE "{hr_role}"', "SET ROLE workbook_admin",
                     f'SET SESSION AUTHORIZATION "{maya_role}"', "SET SESSION AUTHORIZATION workbook_admin"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(stmt.encode())
        group = conn.execute(b"SELECT value FROM meta WHERE key = 'users_role'").fetchone()[0]
        conn.execute(f'SET ROLE "{group}"'.encode())  # the one role a user may become: it is nobody
        assert _texts(conn, "SELECT text FROM notes") == [] and _texts(conn, "SELECT id FROM people") == []
        conn.execute(b"RESET ROLE")
        assert _texts(conn, "SELECT text FROM notes") == [ANA_SHARED]


def test_changing_settings_does_not_widen_access(org) -> None:
    hr_role = org["users"]["hr"]["role"]
    with _connect(org, "ana") as conn:
        for stmt in ("SET app.person = 'maya'", "SET workbook.user = 'hr'", "SELECT set_config('role', 'x', false)",
                     "SET search_path = pg_temp, public", "SET application_name = 'workbook-admin'"):
            try:
                conn.execute(stmt.encode())
            except psycopg.Error:
                pass  # refused is as good as ignored
            assert _texts(conn, "SELECT text FROM notes") == [ANA_SHARED], stmt
        conn.execute(b"RESET ALL")
        conn.execute(b"SET row_security = off")  # for a user under policies this makes a filtered query fail
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"SELECT text FROM notes")
        conn.execute(b"RESET row_security")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # no shadow objects: no TEMP, no CREATE
            conn.execute(b"CREATE TEMP TABLE notes (text text)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(b"CREATE TABLE public.people2 (id text)")
        # the policy functions answer only for a role the login may act as: asking as HR returns nothing
        assert _texts(conn, f"SELECT wb_people_read('{hr_role}')") == []
        assert _texts(conn, f"SELECT wb_person('{hr_role}')") == [None]


# -- the one definition: Python's allowed() and the database agree for every actor and person -------------


def test_the_code_and_the_database_agree_on_every_right(org) -> None:
    with Store(org["owner_url"]) as s:
        managers = s.managers()
    for name, user in org["users"].items():
        with Store(user["url"]) as as_user:
            actor = as_user.actor()
            assert actor == (Actor(name="hr", hr=True) if name == "hr" else Actor(name=name, person=name))
            with _connect(org, name) as conn:
                for action in ACTIONS:
                    in_db = set(_texts(conn, f"SELECT wb_people_{action}(current_user)"))
                    assert in_db == visible_people(actor, action, managers), (name, action)
                    for person in managers:
                        assert as_user.allowed(action, person) == allowed(actor, action, person, managers)


def test_the_store_as_each_user_shows_what_their_rights_allow(org) -> None:
    with Store(org["users"]["maya"]["url"]) as maya:
        assert set(maya.notes_frame("ana", include_private=True)["text"]) == {ANA_PRIVATE, ANA_SHARED}
        maya.add_goal("ana", 2028, Goal(text="a goal Maya adds for Ana"))
        assert maya.allowed("read_private", "ana", author="maya") and not maya.allowed("read_private", "ana", author="omar")
    with Store(org["users"]["ana"]["url"]) as ana:
        assert list(ana.notes_frame("ana", include_private=True)["text"]) == [ANA_SHARED]
        assert [p.id for p in ana.people()] == ["ana"]
        assert ana.plan("ana", 2028).goals[0].text == "a goal Maya adds for Ana"
        with pytest.raises(NotFound, match="unknown person 'ben' .known: ana"):  # Ben does not exist for Ana
            ana.add_goal("ben", 2028, Goal(text="x"))
        with pytest.raises(AccessDenied, match="refused by your rights"):  # her own plan is her manager's to write
            ana.add_goal("ana", 2028, Goal(text="x"))
        with pytest.raises(AccessDenied):
            ana.add_note(Note(person="ana", date=dt.date(2027, 2, 1), direction="pull", topic="goals", text="x"))
    with Store(org["users"]["dana"]["url"]) as dana:
        tree = [(n.depth, n.id) for n in dana.org_tree()]
        assert tree == [(0, "dana"), (1, "maya"), (2, "ana"), (2, "ben"), (1, "omar"), (2, "olu")]


def test_each_user_s_due_list_holds_their_own_reports_not_themself(org) -> None:
    """A manager is not their own report: Maya's own check-ins are Dana's to keep, and Ana's are not Dana's.
    The home page and `workbook due` read the same team (``Store.my_team``)."""
    from workbook.stages.due import due_frame

    day = dt.date(2027, 3, 1)
    expected = {"maya": ["ana", "ben"], "dana": ["maya", "omar"], "omar": ["olu"], "ana": [],
                "hr": ["ana", "ben", "dana", "maya", "olu", "omar"]}
    for user, team in expected.items():
        with Store(org["users"][user]["url"], readonly=True) as store:
            assert [p.id for p in store.my_team()] == team, user
            assert store.nobody_reports_to_me() is (user == "ana"), user  # the one "no reports" rule
            # Dana heads the tree (no manager, people report to her): nobody here holds her conversations, so
            # HR's due list has nothing for her, and nothing to fix
            assert sorted(set(due_frame(store, day)["person"])) == [p for p in team if p != "dana" or user != "hr"], user
        with Store(org["users"][user]["url"], readonly=True) as store:  # whom they make summaries about
            below = {"maya": ["ana", "ben"], "dana": ["ana", "ben", "maya", "olu", "omar"], "omar": ["olu"],
                     "ana": []}.get(user, team)
            assert [p.id for p in store.my_team(below=True)] == below, user
    with Store(org["owner_url"], readonly=True) as owner:
        assert len(owner.my_team()) == 6 and not owner.nobody_reports_to_me(below=True)
    from workbook.forms.home import HomePage

    with Store(org["users"]["maya"]["url"]) as maya:
        home = HomePage(maya, day)
        rows = re.findall(r'wb-due-row" data-person="(\w+)"', home.due.value)
        assert rows == ["ana", "ben"]
        assert [v for _label, v in home.person_picker.options] == ["ana", "ben"]  # not herself
    with Store(org["users"]["ana"]["url"]) as ana:
        assert "Nobody reports to you in this workbook" in HomePage(ana, day).due.value
    with Store(org["users"]["dana"]["url"]) as dana:  # the skip-level picks her reports, as her due list lists
        picker = HomePage(dana, day).person_picker    # them (the forms write; further down she only reads)
        assert [v for _label, v in picker.options] == ["maya", "omar"]
    from workbook.notebook import open_page

    page = open_page("checkin", db=org["users"]["maya"]["url"], as_of=day.isoformat())  # a stage opens on a report
    assert page.ctx.person_id == "ana" and [v for _l, v in page.person_picker.options] == ["ana", "ben"]
    alone = open_page("checkin", db=org["users"]["ana"]["url"], as_of=day.isoformat())  # a report has no one to pick
    assert alone.ctx is None and "Nobody reports to you in this workbook" in alone.picker.children[0].value

def test_hr_makes_every_summary_and_no_private_text_appears(org, tmp_path, monkeypatch) -> None:
    from workbook.run.summaries import make_summaries
    from workbook.store import NewUser, write_credentials

    hr = org["users"]["hr"]
    passfile = write_credentials(NewUser(name="hr", role=hr["role"], password=hr["password"], url="", person=None,
                                         hr=True, database=org["database"]), tmp_path / "pgpass")
    monkeypatch.setenv("PGPASSFILE", str(passfile))  # the kernels log in as HR too, with no password in any URL
    manifest = make_summaries(display_url(parse_url(hr["url"])), "2027Q1", pdf=False, out_dir=tmp_path / "out",
                              as_of="2027-03-31", progress=False)
    assert not manifest.failed, [i.failure_line for i in manifest.failed]
    made = sorted(p.relative_to(tmp_path / "out" / "2027Q1").as_posix() for p in (tmp_path / "out").rglob("*.ipynb"))
    people = ("ana", "ben", "dana", "maya", "olu", "omar")  # one folder per person (issue 13's file layout)
    assert made == sorted([*(f"{p}/{p}-2027Q1.ipynb" for p in people), "team_overview.ipynb"])
    with Store(hr["url"]) as as_hr:  # recorded as made by HR, who alone sees these records
        assert {(f.path.name, f.made_by) for f in as_hr.generated_files()} == \
            {*((f"{p}-2027Q1.ipynb", "hr") for p in people), ("team_overview.ipynb", "hr")}
    everything = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert "ana goal one" in everything and "olu key result" in everything  # the summaries are real
    for secret in (*PRIVATE_TEXTS, ANA_OBSTACLE, ANA_TRIAL, hr["password"]):
        assert secret.split(":")[0] not in everything


def test_a_skip_level_s_batch_is_of_the_people_below_them_and_a_report_has_none(scratch_org, tmp_path,
                                                                                  monkeypatch) -> None:
    """`workbook summaries` and `workbook run -p all` as a manager: the people below them (never themself,
    which the database refuses: their own summary is their manager's to make)."""
    from workbook.core.errors import InputError
    from workbook.run.summaries import make_summaries
    from workbook.store import NewUser, write_credentials

    org = scratch_org
    passfile = tmp_path / "pgpass"
    for name in ("dana", "ana", "maya"):
        u = org["users"][name]
        write_credentials(NewUser(name=name, role=u["role"], password=u["password"], url="", person=name, hr=False,
                                  database=org["database"]), passfile)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    dana = display_url(parse_url(org["users"]["dana"]["url"]))
    manifest = make_summaries(dana, "2027Q1", pdf=False, out_dir=tmp_path / "out", as_of="2027-03-31", progress=False)
    assert not manifest.failed, [i.failure_line for i in manifest.failed]
    made = sorted(p.parent.name for p in (tmp_path / "out" / "2027Q1").glob("*/*.ipynb"))
    assert made == ["ana", "ben", "maya", "olu", "omar"]  # not dana
    overview = (tmp_path / "out" / "2027Q1" / "team_overview.ipynb").read_text(encoding="utf-8")
    assert "5 people" in overview and "Dana Director (dana)" not in overview
    with pytest.raises(InputError, match="nobody reports to you in this workbook, so there is no summary"):
        make_summaries(display_url(parse_url(org["users"]["ana"]["url"])), "2027Q1", pdf=False,
                       out_dir=tmp_path / "ana", progress=False)
    with pytest.raises(InputError, match="maya: only the managers above Maya Chen and HR make summaries"):
        make_summaries(display_url(parse_url(org["users"]["maya"]["url"])), "2027Q1", people=["ben", "maya"],
                       pdf=False, out_dir=tmp_path / "maya", progress=False)


# -- proof that the attack tests can fail: take a policy away in a scratch database -----------------------


@pytest.fixture
def scratch_org(pg_server):
    name = f"wb_rights_scratch_{next(_scratch)}"
    owner_url = pg_server.create_database(name, template="wb_template")
    users = _build_org(owner_url)
    org = {"server": pg_server, "database": name, "owner_url": owner_url, "users": users}
    yield org
    with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user="workbook_admin",
                         password=pg_server.admin_password, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


def _owner(org: dict) -> psycopg.Connection:
    return psycopg.connect(host=str(org["server"].socket_dir), dbname=org["database"], user="workbook_admin",
                           password=org["server"].admin_password, autocommit=True)


def _rewrite_select_policy(org: dict, table: str, using: str) -> None:
    """Replace ``table``'s SELECT policy for the users with one that reads ``using`` (a weakened rule)."""
    with _owner(org) as owner:
        group = owner.execute(b"SELECT value FROM meta WHERE key = 'users_role'").fetchone()[0]
        owner.execute(f"DROP POLICY wb_select ON {table}".encode())
        owner.execute(f'CREATE POLICY wb_select ON {table} FOR SELECT TO "{group}" USING ({using})'.encode())


def test_without_the_private_note_rule_the_report_attack_succeeds(scratch_org) -> None:
    """The notes SELECT policy, rewritten without its private-note clause: Ana now reads Maya's private note."""
    with _connect(scratch_org, "ana") as conn:
        assert ANA_PRIVATE not in _texts(conn, "SELECT text FROM notes")
    _rewrite_select_policy(scratch_org, "notes", "person_id IN (SELECT wb_people_read(current_user))")
    with _connect(scratch_org, "ana") as conn:
        assert ANA_PRIVATE in _texts(conn, "SELECT text FROM notes")  # the attack test above would now fail


def test_without_row_security_on_notes_every_attack_on_notes_succeeds(scratch_org) -> None:
    with _owner(scratch_org) as owner:
        owner.execute(b"ALTER TABLE notes DISABLE ROW LEVEL SECURITY")
    with _connect(scratch_org, "dana") as conn:
        assert set(PRIVATE_TEXTS) <= set(_texts(conn, "SELECT text FROM notes WHERE visibility = 'private'"))
    with _connect(scratch_org, "hr") as conn:
        assert set(PRIVATE_TEXTS) <= set(_texts(conn, "SELECT text FROM notes"))


def test_without_the_goals_write_rule_a_report_rewrites_another_s_goal(scratch_org) -> None:
    with _owner(scratch_org) as owner:
        group = owner.execute(b"SELECT value FROM meta WHERE key = 'users_role'").fetchone()[0]
        owner.execute(b"DROP POLICY wb_update ON goals")
        owner.execute(f'CREATE POLICY wb_update ON goals FOR UPDATE TO "{group}" USING (true)'.encode())
        owner.execute(f'CREATE POLICY wb_select_all ON goals FOR SELECT TO "{group}" USING (true)'.encode())
    with _connect(scratch_org, "ana") as conn:
        assert conn.execute(b"UPDATE goals SET text = 'hacked' WHERE text LIKE 'ben%'").rowcount == 2


def test_without_the_generated_files_rule_a_report_finds_every_record(scratch_org) -> None:
    """The generated-file policies replaced by "everyone in the group": Ana lists where Maya keeps her stage
    notebooks and what HR made about everyone (the attack test above would now fail)."""
    with _connect(scratch_org, "ana") as conn:
        assert _texts(conn, "SELECT path FROM generated_files") == []
    with _owner(scratch_org) as owner:
        group = owner.execute(b"SELECT value FROM meta WHERE key = 'users_role'").fetchone()[0]
        for table in ("generated_files", "generated_about"):
            owner.execute(f"DROP POLICY wb_select ON {table}".encode())
            owner.execute(f'CREATE POLICY wb_select ON {table} FOR SELECT TO "{group}" USING (true)'.encode())
    with _connect(scratch_org, "ana") as conn:
        assert len(_texts(conn, "SELECT path FROM generated_files")) == len(FILES)
        assert FILES[0][1] in _texts(conn, "SELECT path FROM generated_files")


def test_without_the_generated_files_insert_rule_a_report_plants_a_record(scratch_org) -> None:
    """Without the INSERT check a report records a "file" about a colleague in Maya's name: her forget of that
    colleague would then delete whatever path the report chose."""
    with _owner(scratch_org) as owner:
        group = owner.execute(b"SELECT value FROM meta WHERE key = 'users_role'").fetchone()[0]
        owner.execute(b"DROP POLICY wb_insert ON generated_files")
        owner.execute(f'CREATE POLICY wb_insert ON generated_files FOR INSERT TO "{group}" WITH CHECK (true)'.encode())
    with _connect(scratch_org, "ana") as conn:
        conn.execute(b"INSERT INTO generated_files (path, kind, period, made_at, made_by) "
                     b"VALUES ('/home/maya/important.txt', 'stage', '', 'now', 'maya')")


def test_credentials_are_never_in_the_database(org) -> None:
    with _owner(org) as owner:
        dump = repr(owner.execute(b"SELECT * FROM users").fetchall()) + repr(owner.execute(b"SELECT * FROM meta").fetchall())
    for user in org["users"].values():
        assert user["password"] not in dump


def test_user_credentials_file_is_private_to_the_user(tmp_path) -> None:
    from workbook.store import NewUser, write_credentials

    u = NewUser(name="ana", role="acme_ana", password="p:w\\x", url="", person="ana", hr=False, database="acme")
    path = write_credentials(u, tmp_path / "cfg" / "pgpass")
    write_credentials(NewUser(**{**u.__dict__, "password": "second"}), path)  # replaced, not appended twice
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    assert path.read_text() == "*:*:acme:acme_ana:second\n"
    assert "second" not in repr(u)
    assert isinstance(path, Path)


def test_a_manager_imports_for_their_reports_in_their_own_name(scratch_org, tmp_path) -> None:
    """An import as a user goes through their rights like any write: their reports only, notes in their own
    name; its bulk ids come from the tables' sequences, so later single writes never collide with them."""
    from workbook.core.errors import InputError
    from workbook.exchange.importer import import_file

    def yaml_file(text: str) -> Path:
        path = tmp_path / f"import-{next(_scratch)}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    with Store(scratch_org["users"]["maya"]["url"]) as maya:
        result = import_file(maya, yaml_file(
            "growth_plans:\n  - {person: ben, year: 2028, goals: [{text: Lead the churn model review}]}\n"
            "notes:\n  - {person: ben, date: 2027-02-01, direction: push, topic: mentors, text: Ben-note-PLUM}\n"
            "actions:\n  - {person: ben, text: Book the review, due: 2027-02-20}\n"))
        assert result.counts["growth_plans"] == result.counts["notes"] == result.counts["actions"] == 1
        notes = maya.notes_frame("ben", include_private=True)
        assert notes["author_id"].tolist() == ["maya"]
        maya.add_goal("ben", 2028, Goal(text="Mentor the new analyst"))  # a sequence id after the bulk ones
        assert [g.text for g in maya.plan("ben", 2028).goals] == ["Lead the churn model review", "Mentor the new analyst"]
        with pytest.raises(InputError, match="written in your own name"):
            import_file(maya, yaml_file("notes:\n  - {person: ben, date: 2027-02-02, direction: pull, topic: values, "
                                        "text: x, author: ben}\n"))
        with pytest.raises(InputError, match="unknown person 'olu'"):  # not hers: not even there for her
            import_file(maya, yaml_file("notes:\n  - {person: olu, date: 2027-02-02, direction: pull, topic: values, "
                                        "text: x}\n"))
    with _connect(scratch_org, "omar") as omar:  # and nothing of hers reached anyone else
        assert "Ben-note-PLUM" not in _texts(omar, "SELECT text FROM notes")


# what each private field of a shareable record (schema.PRIVATE_PARTS) is, as (SQL on its part, Store read)
_PRIVATE_READS = {
    "summary": ("SELECT summary FROM check_ins_private", lambda s: [c.summary for c in s.check_ins("ana")]),
    "motivations": ("SELECT motivations FROM people_private", lambda s: [s.person("ana").motivations]),
    "draft": ("SELECT draft FROM goals_private", lambda s: [g.draft for g in s.plan("ana", 2027).goals]),
    "feedback": ("SELECT feedback FROM goals_private", lambda s: [g.feedback for g in s.plan("ana", 2027).goals]),
    "supplement": ("SELECT supplement FROM objectives_private",
                   lambda s: [o.supplement for o in s.okrs("ana", "2027Q1").objectives]),
}


def test_the_fields_only_the_one_to_one_reads_have_rules_of_their_own(org) -> None:
    """Revision 0009 closed the gap of stop 26 (rows, not columns): a check-in's summary line is the manager's
    alone; the onboarding motivations, a goal's draft and feedback and an objective's pre-work are read by
    the report and their manager; a skip-level, HR and a peer read none of them, by raw SQL or through the
    Store, while they still read the records these fields belong to."""
    with Store(org["owner_url"]) as s:
        s.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 29), summary="Ana-summary-KIWI"))
        s.edit_person("ana", motivations="Ana-motivations-KIWI")
        s.edit_goal("ana", 2027, 1, draft="Ana-draft-KIWI", feedback="Ana-feedback-KIWI")
        s.edit_objective("ana", "2027Q1", 1, supplement="Ana-supplement-KIWI")
    wanted = {"maya": set(_PRIVATE_READS), "ana": set(_PRIVATE_READS) - {"summary"},
              "dana": set(), "hr": set(), "ben": set(), "omar": set()}
    for user, fields in wanted.items():
        with _connect(org, user) as conn:
            for field, (sql, _read) in _PRIVATE_READS.items():
                got = [t for t in _texts(conn, sql) if "KIWI" in t]
                assert got == ([f"Ana-{field}-KIWI"] if field in fields else []), (user, field)
        if user in ("ben", "omar"):
            continue  # a peer does not see Ana's records at all (tested above)
        with Store(org["users"][user]["url"]) as mine:
            for field, (_sql, read) in _PRIVATE_READS.items():
                got = [t for t in read(mine) if "KIWI" in t]
                assert got == ([f"Ana-{field}-KIWI"] if field in fields else []), (user, field)
    for user, has in (("maya", True), ("hr", False)):  # an export holds what its reader may read
        with Store(org["users"][user]["url"]) as mine:
            exported = str(mine.export_person("ana"))
        assert ("Ana-summary-KIWI" in exported, "Ana-motivations-KIWI" in exported) == (has, has), user
    from workbook.render.goals import goal_context_html

    for user, line in (("maya", "Ana-motivations-KIWI"), ("dana", "for Ana Souza and their manager to read")):
        with Store(org["users"][user]["url"]) as mine:  # the goals stage says whose they are, not "not recorded"
            assert line in goal_context_html(mine, "ana", 2027, dt.date(2027, 2, 1)), user
    with _connect(org, "dana") as conn:  # the shareable records themselves are still hers to read
        assert _texts(conn, "SELECT mode FROM check_ins WHERE person_id = 'ana' AND date = '2027-01-29'") == ["status"]
        assert "ana goal one" in _texts(conn, "SELECT text FROM goals")
    from workbook.stages.goals import plan_lines

    for user, has in (("maya", True), ("dana", False), ("hr", False)):  # `workbook goal list` as each of them
        with Store(org["users"][user]["url"]) as mine:
            listed = "\n".join(plan_lines(mine, "ana", 2027))
        assert "ana goal one" in listed, (user, listed)
        assert ("Ana-draft-KIWI" in listed, "Ana-feedback-KIWI" in listed) == (has, has), (user, listed)


def test_with_the_parts_read_as_their_records_a_skip_level_reads_the_summary_again(scratch_org) -> None:
    """The check_ins_private SELECT policy rewritten as its record's ("read"): Dana, Ana's skip-level, reads the
    summary line again, so the test above can fail."""
    with Store(scratch_org["owner_url"]) as s:
        s.add_check_in(CheckIn(person="ana", date=dt.date(2027, 2, 12), summary="Ana-summary-QUINCE"))
    with _connect(scratch_org, "dana") as conn:
        assert _texts(conn, "SELECT summary FROM check_ins_private") == []
    _rewrite_select_policy(scratch_org, "check_ins_private",
                           "EXISTS (SELECT 1 FROM check_ins c WHERE c.id = check_ins_private.check_in_id)")
    with _connect(scratch_org, "dana") as conn:
        assert _texts(conn, "SELECT summary FROM check_ins_private") == ["Ana-summary-QUINCE"]


def test_every_private_field_is_stored_where_a_narrower_rule_than_its_record_s_applies() -> None:
    """No field the forms badge private rides on a row whose readers are the shareable records' ("read"):
    each is a column of its own table (obstacles, trial runs) or of its record's private part, and that
    table's read rule is narrower. A new private field on a shareable table fails here."""
    from workbook.core.visibility import FIELD_AUDIENCE, ONE_TO_ONE
    from workbook.store.policies import READ_ACTION
    from workbook.store.rights import RULES
    from workbook.store.schema import PRIVATE_PARTS, metadata

    tables = {"person": "people", "goal": "goals", "objective": "objectives", "check_in": "check_ins",
              "obstacle": "obstacles", "trial_run": "trial_runs", "key_result": "key_results", "support": "support",
              "kr_status": "kr_statuses", "action": "actions"}
    private = [f for f, audience in FIELD_AUDIENCE.items() if audience == "private"]
    assert len(private) >= 9
    for field in private:
        record, column = field.split(".")
        table = tables[record]
        if column not in metadata.tables[table].c:
            table = PRIVATE_PARTS[table][0].name
        assert column in metadata.tables[table].c, field
        action = READ_ACTION.get(table, "read")
        assert action != "read" and set(RULES[action]) < set(RULES["read"]) | {"manager"}, (field, table, action)
        assert not set(RULES[action]) & {"above", "hr"}, (field, table, action)
        # and the forms' badge says the same: "private to the 1:1" exactly where the report reads it too
        assert (field in ONE_TO_ONE) == ("self" in RULES[action]), (field, table, action)


def test_an_organisation_at_revision_8_upgrades_its_private_fields_into_their_parts(scratch_org) -> None:
    """An organisation database made before revision 0009 (the private fields were columns of the shared rows)
    gets them moved, word for word, when its owner opens it; a user opening it first is told to ask the owner;
    afterwards the rules of the parts hold for every user."""
    from conftest import undo_career_words, undo_outcome_day, undo_private_parts, undo_way_up

    from workbook.core.errors import StoreError
    from workbook.store.migrations import HEAD

    with Store(scratch_org["owner_url"]) as s:
        s.add_check_in(CheckIn(person="ana", date=dt.date(2027, 2, 26), summary="Ana-summary-DATE"))
        s.edit_person("ana", motivations="Ana-motivations-DATE")
        s.edit_goal("ana", 2027, 2, draft="Ana-draft-DATE", feedback="Ana-feedback-DATE")
    with _owner(scratch_org) as owner:  # back to revision 0008's schema, as that code left it
        undo_outcome_day(owner)
        undo_career_words(owner)
        undo_way_up(owner)
        undo_private_parts(owner)
        owner.execute(b"UPDATE alembic_version SET version_num = '0008'")
        owner.execute(b"UPDATE meta SET value = '7' WHERE key = 'schema_version'")
        assert _texts(owner, "SELECT summary FROM check_ins WHERE summary <> ''") == ["Ana-summary-DATE"]
    with _connect(scratch_org, "dana") as conn:  # the gap, as it was: the skip-level reads the summary line
        assert _texts(conn, "SELECT summary FROM check_ins WHERE summary <> ''") == ["Ana-summary-DATE"]
    with pytest.raises(StoreError, match="only its owner may run"):
        Store(scratch_org["users"]["maya"]["url"]).close()
    with Store(scratch_org["owner_url"]) as s:
        assert [c.summary for c in s.check_ins("ana") if c.summary] == ["Ana-summary-DATE"]
    with _owner(scratch_org) as owner:
        assert _texts(owner, "SELECT version_num FROM alembic_version") == [HEAD]
        columns = _texts(owner, "SELECT column_name FROM information_schema.columns WHERE table_name IN "
                                "('people', 'goals', 'objectives', 'check_ins')")
        assert not {"summary", "motivations", "draft", "feedback", "supplement"} & set(columns)
        assert "toward" in columns and _texts(owner, "SELECT DISTINCT toward FROM people") == [""]  # revision 0010
        kinds = _texts(owner, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck_side_draft_kind'")
        assert len(kinds) == 1 and "'career'" in kinds[0]  # revision 0011, altered in place
    expected = {"summary": "SELECT summary FROM check_ins_private", "motivations": "SELECT motivations FROM people_private",
                "draft": "SELECT draft FROM goals_private", "feedback": "SELECT feedback FROM goals_private"}
    for user, fields in {"maya": set(expected), "ana": set(expected) - {"summary"}, "dana": set(), "hr": set()}.items():
        with _connect(scratch_org, user) as conn:
            for field, sql in expected.items():
                got = [t for t in _texts(conn, sql) if "DATE" in t]
                assert got == ([f"Ana-{field}-DATE"] if field in fields else []), (user, field)


def test_org_access_prints_who_reads_what_about_a_person_as_the_database_enforces(org) -> None:
    """`workbook org access ana` as the administrator lists every user; the yes and no match what each user's
    own login can select (the summary line: Maya only; the 1:1's words: Maya and Ana)."""
    from conftest import run_cli

    out = run_cli("org", "access", "ana", "--db", org["owner_url"])
    assert out.returncode == 0, out.stderr
    lines = {line.split()[0]: line for line in out.stdout.splitlines()[2:] if line.split()}
    rows = {name: (" ".join(lines[name].split()[1:-3]), lines[name].split()[-3:]) for name in org["users"]}
    assert rows == {"maya": ("manager", ["yes", "yes", "yes"]), "ana": ("the person", ["yes", "yes", "no"]),
                    "dana": ("2 levels up", ["yes", "no", "no"]), "hr": ("HR", ["yes", "no", "no"]),
                    "ben": ("none", ["no", "no", "no"]), "omar": ("none", ["no", "no", "no"])}
    assert "a private note: only its author" in out.stdout
    mine = run_cli("org", "access", "ana", "--db", org["users"]["maya"]["url"])
    assert mine.returncode == 0 and "you see only your own user" in mine.stdout


def test_a_reports_way_up_is_set_by_their_manager_and_read_by_the_report_through_the_database(scratch_org) -> None:
    """Revision 0010's column rides on the people row, so its rules are the row's: the manager records the way up
    the report chose (through her own login), the report and the skip-level read it, the report cannot change it
    and a peer does not see it."""
    with Store(scratch_org["users"]["maya"]["url"]) as mine:
        mine.edit_person("ana", toward="Ana-way-up")
    for user, seen in (("ana", ["Ana-way-up"]), ("dana", ["Ana-way-up"]), ("ben", [])):
        with _connect(scratch_org, user) as conn:
            assert _texts(conn, "SELECT toward FROM people WHERE toward <> ''") == seen, user
    with Store(scratch_org["users"]["ana"]["url"]) as own, pytest.raises(AccessDenied):
        own.edit_person("ana", toward="")
    with Store(scratch_org["owner_url"]) as s:
        assert s.person("ana").toward == "Ana-way-up"


def test_a_managers_forget_says_the_rows_hidden_from_them_went_too(scratch_org, cli) -> None:  # type: ignore[no-untyped-def]
    """Maya's `forget ana` counted only the rows her rights show her: the cascade erased Ana's own unshared draft
    too, and the count said nothing of it. It now says that the rows her rights hide went with them."""
    with Store(scratch_org["users"]["ana"]["url"]) as ana:  # the report's own draft, not shared yet
        ana.save_draft("ana", "goal", 2027, 1, {"text": "Ana-draft-QUINCE: lead the spring migration"})
    with _owner(scratch_org) as owner:
        assert _texts(owner, "SELECT count(*)::text FROM side_drafts WHERE person_id = 'ana'") == ["1"]
    with _connect(scratch_org, "maya") as conn:
        assert _texts(conn, "SELECT count(*)::text FROM side_drafts WHERE person_id = 'ana'") == ["0"]
    done = cli("forget", "ana", "--yes", "--keep-outputs", "--db", scratch_org["users"]["maya"]["url"])
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("forgot ana: ") and "draft" not in first and first.endswith(
        "(what your rights show you: the rows they hide from you about ana were erased with them)"), first
    with _owner(scratch_org) as owner:
        for table in ("side_drafts", "notes", "change_log"):
            assert _texts(owner, f"SELECT count(*)::text FROM {table} WHERE person_id = 'ana'") == ["0"], table


def test_a_record_planted_by_hr_never_gets_a_managers_own_file_deleted(scratch_org, tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    """HR (or a skip-level) may record files about Ana, and Maya's `forget ana` deleted every recorded file: HR
    recorded Maya's own file (a key, a note) as "a summary of Ana" and Maya's forget deleted it (found by a
    helper). Only a file where the workbook puts files of its kind is deleted; the others are named and left."""
    paths = _recorded_files_on_disk(scratch_org, tmp_path)
    victim = tmp_path / "home" / "maya" / ".config" / "workbook" / "maya.key"
    victim.parent.mkdir(parents=True)
    victim.write_text("not a summary", encoding="utf-8")
    with Store(scratch_org["users"]["hr"]["url"]) as hr, hr.atomic() as conn:
        hr.record_files(conn, [(victim, "person", "2027Q1")], ["ana"])
    with Store(scratch_org["users"]["maya"]["url"]) as maya:
        from workbook.run.forget import files_not_outputs, files_to_forget

        assert victim not in files_to_forget(maya, "ana") and files_not_outputs(maya, "ana") == [victim]
    done = cli("forget", "ana", "--yes", "--db", scratch_org["users"]["maya"]["url"])
    assert done.returncode == 0, done.stderr
    assert victim.read_text(encoding="utf-8") == "not a summary"
    assert "left 1 recorded file about Ana Souza alone: not where the workbook puts its files" in done.stderr
    assert str(victim) in done.stderr
    assert [p for p in paths if p.exists()] == [paths[1]]  # the workbook's own files about her went, as before
    with _owner(scratch_org) as owner:  # and the planted record with them
        assert _texts(owner, "SELECT path FROM generated_files WHERE path LIKE '%maya.key'") == []


def test_a_former_manager_adds_no_field_to_their_old_entries_about_a_report(scratch_org) -> None:
    """The insert rule on change_log_fields asked only that the writer be the change's author: after Ana moved to
    Omar, Maya could still add words to her old entries about Ana, which Ana, Omar and HR then read in Ana's
    history (found by a helper). A field now joins only a change logged in the same transaction."""
    with Store(scratch_org["users"]["maya"]["url"]) as maya:
        maya.edit_goal("ana", 2027, 1, text="ana goal one, reworded")
    with _owner(scratch_org) as owner:
        old = owner.execute(b"SELECT max(id) FROM change_log WHERE person_id = 'ana' AND actor = 'maya'").fetchone()[0]
        owner.execute(b"UPDATE people SET manager_id = 'omar' WHERE id = 'ana'")
    for user in ("maya", "omar"):  # the former manager, and a manager on someone else's entry
        with _connect(scratch_org, user) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege,
                                                                  match="row-level security"):
            conn.execute(b"INSERT INTO change_log_fields (change_id, field, audience, old, new) "
                         b"VALUES (%s, 'text', 'shared', 'x', 'INJECTED: low performer')", (old,))
    with _owner(scratch_org) as owner:
        owner.execute(b"UPDATE people SET manager_id = 'maya' WHERE id = 'ana'")
    with _connect(scratch_org, "maya") as conn:  # her own entry, logged before: closed to her too
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(b"INSERT INTO change_log_fields (change_id, field, audience, old, new) "
                         b"VALUES (%s, 'text', 'shared', 'x', 'added later')", (old,))
        with conn.transaction():  # an entry and its fields in one transaction, savepoint or not, as the store logs
            new = conn.execute(b"INSERT INTO change_log (person_id, at, actor, record, action, label, audience) "
                               b"VALUES ('ana', '2027-01-21T10:00:00+00:00', 'maya', 'goal', 'edit', 'goal 1', "
                               b"'shared') RETURNING id").fetchone()[0]
            with conn.transaction():
                conn.execute(b"INSERT INTO change_log_fields (change_id, field, audience, old, new) "
                             b"VALUES (%s, 'text', 'shared', 'a', 'b')", (new,))
    with Store(scratch_org["users"]["ana"]["url"]) as ana:
        said = [f.new for c in ana.history("ana") for f in c.fields]
    assert "b" in said and not any("INJECTED" in w or "added later" in w for w in said)


def test_nobody_puts_a_note_in_another_s_name_after_it_is_written(scratch_org) -> None:
    """Notes checked their author on insert only: Maya could UPDATE a note into Dana's name, or take over a
    shared note of a previous manager and make it private, hidden from the report and HR (found by a helper)."""
    with _connect(scratch_org, "maya") as conn:
        shared = conn.execute(b"SELECT id FROM notes WHERE visibility = 'shared' AND person_id = 'ana'").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="a note keeps the author who wrote it"):
            conn.execute(b"UPDATE notes SET author_id = 'dana' WHERE id = %s", (shared,))
    with _owner(scratch_org) as owner:  # Ana moves to Omar, who tries to take Maya's shared note over
        owner.execute(b"UPDATE people SET manager_id = 'omar' WHERE id = 'ana'")
    with _connect(scratch_org, "omar") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(b"UPDATE notes SET author_id = 'omar', visibility = 'private' WHERE id = %s", (shared,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor hide it in her name
            conn.execute(b"UPDATE notes SET visibility = 'private' WHERE id = %s", (shared,))
        assert _texts(conn, "SELECT text FROM notes WHERE person_id = 'ana' AND visibility = 'shared'") == [ANA_SHARED]
    with _owner(scratch_org) as owner:
        assert _texts(owner, f"SELECT author_id FROM notes WHERE id = {shared}") == ["maya"]


def test_nobody_reads_how_many_records_the_organisation_holds(org) -> None:
    """Users held SELECT on the id sequences: any of them read notes_id_seq.last_value, the organisation's count."""
    with _connect(org, "ana") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(b"SELECT last_value FROM notes_id_seq")


def test_a_skip_level_and_hr_are_not_told_a_check_in_had_no_obstacles(org, cli) -> None:  # type: ignore[no-untyped-def]
    """`workbook checkin list ana` as Dana (two levels up) or HR said 'no key result; 0 obstacles, 1 action' of a
    check-in whose obstacle they may not read, and the check-in page's table counted 0 obstacles and 0 trial runs
    (found by a helper walking an organisation as each role): a count they were never given read as "none".
    The manager still reads the counts; the others are told these are the 1:1's."""
    from workbook.stages.checkin import check_in_history_frame

    said = {}
    for user in ("maya", "dana", "hr"):
        out = cli("checkin", "list", "ana", "--db", org["users"][user]["url"])
        assert out.returncode == 0, out.stderr
        said[user] = out.stdout
    assert "1 obstacle, 1 trial run" in said["maya"]
    for user in ("dana", "hr"):
        assert "obstacle" in said[user] and "0 obstacles" not in said[user] and "trial run" in said[user]
        assert "for Ana Souza and their manager to read" in said[user]
        with Store(org["users"][user]["url"]) as reader:
            row = check_in_history_frame(reader, "ana", "2027Q1").iloc[0]
        assert (row["obstacles"], row["trial_runs"]) == ("1:1 only", "1:1 only")
    with Store(org["users"]["maya"]["url"]) as manager:
        row = check_in_history_frame(manager, "ana", "2027Q1").iloc[0]
    assert (row["obstacles"], row["trial_runs"]) == (1, 1)


def test_a_skip_level_and_hr_are_not_told_the_report_shared_nothing(org) -> None:
    """Dana (two levels up) and HR opening Ana's goals or check-in page read "they have shared no goal drafts
    yet", "nothing prepared since the last check-in" and "no trial runs shared": what Ana shares is hers and her
    manager's (the side drafts' rule), so they could not know (found by a helper walking an organisation as each
    role). They are told whose it is instead; her manager still reads what there is, or that there is nothing."""
    from workbook.render.own_page import goals_side_html, prep_html, trials_side_html

    def sections(url: str) -> str:
        with Store(url) as reader:
            return (goals_side_html(reader, "ana", 2027) + prep_html(reader, "ana", "2027Q1", dt.date(2027, 2, 1))
                    + trials_side_html(reader, "ana", "2027Q1"))

    empties = ("they have shared no goal drafts yet", "nothing prepared since the last check-in", "no trial runs shared")
    manager = sections(org["users"]["maya"]["url"])
    assert all(line in manager for line in empties) and "and their manager to read" not in manager
    for user in ("dana", "hr"):
        seen = sections(org["users"][user]["url"])
        assert not any(line in seen for line in empties), seen
        assert seen.count("for Ana Souza and their manager to read") == 3


def test_the_home_page_offers_edit_and_archive_only_for_the_user_s_own_reports(org) -> None:
    """Maya's home page listed herself under "Your team: correct someone, or archive a leaver", with Edit and
    Archive buttons the database refuses (only her manager changes her row), and Dana's listed everyone below
    her, Ana included, whose records only Maya writes (found by a helper walking an organisation on its hub). The
    list is now the user's team, as the page's picker and due list are: their direct reports."""
    from workbook.forms.records import people_rows

    listed = {}
    for user in ("maya", "dana"):
        with Store(org["users"][user]["url"]) as reader:
            listed[user] = [row.key for row in people_rows(reader, dt.date(2027, 2, 1))]
    assert listed == {"maya": ["ana", "ben"], "dana": ["maya", "omar"]}



def test_a_refused_write_to_someone_s_records_says_who_writes_them_and_names_no_table(scratch_org, cli) -> None:  # type: ignore[no-untyped-def]
    """Ana running her manager's commands about herself (`workbook goal add`, `workbook note add`) got the server's
    words: '... violates row-level security policy for table "goals_private"' (found by a helper walking an
    organisation as each role). She is told her records are her manager's and her part goes on her own page;
    Dana (two levels up) that only Ana's manager writes them; HR that they write nothing. No internal table."""
    from workbook.store.schema import metadata

    tables = [t.name for t in metadata.sorted_tables if "_" in t.name] + ['"notes"', '"goals"', 'table "']
    said = {}
    for user in ("ana", "dana", "hr"):
        for args in (["goal", "add", "ana", "2027", "--text", "Lead the churn model's review", "--draft", "my words"],
                     ["note", "add", "ana", "pull", "interests", "Wants to lead the next review"],
                     ["checkin", "add", "ana", "--date", "2027-01-20"]):
            out = cli(*args, "--db", scratch_org["users"][user]["url"])
            assert out.returncode != 0 and out.stdout == "", out.stdout
            err = out.stderr.strip()
            assert err.startswith("error: refused by your rights in this workbook: ") and "\n" not in err, err
            assert not [t for t in tables if t in err] and "row-level security" not in err, err
            assert "…" not in err and err.endswith(f"{scratch_org['database']}?host={scratch_org['server'].socket_dir})")
            said.setdefault(user, []).append(err)
    for err in said["ana"]:
        assert "your own records are your manager's to write; write your side (goal drafts" in err
        assert "on your own page, 10_my_page.ipynb" in err
    for err in said["dana"]:
        assert "only ana's own manager writes ana's goals" in err or "you write those of your direct reports" in err
    for err in said["hr"]:
        assert "an HR partner reads the organisation's shareable records and writes none" in err


def test_hr_s_home_page_lists_the_team_read_only_with_no_form_to_add_or_edit(org) -> None:
    """HR's home page showed "My team: add a report" and Edit and Archive on everyone, though HR writes nobody
    (the database refuses; found by a helper walking an organisation as each role). A user who may write nobody
    reads the team with no form and no buttons, as the store's rights decide; a manager keeps both."""
    from conftest import widget_values

    from workbook.forms.home import HomePage

    pages = {}
    for user in ("hr", "maya"):
        with Store(org["users"][user]["url"]) as reader:
            pages[user] = HomePage(reader, dt.date(2027, 2, 1))
    hr, maya = pages["hr"], pages["maya"]
    shown = widget_values(hr.widget)
    assert "My team: add a report" not in shown and "correct someone, or archive" not in shown
    assert "The team (read only)" in shown and "Each person&#x27;s manager adds, corrects and archives them" in shown
    assert hr.team_list.edit_buttons == {} and hr.team_list.delete_buttons == {}
    assert all(f"({pid})" in shown for pid in ("ana", "ben", "dana", "maya", "olu", "omar"))
    assert "My team: add a report" in widget_values(maya.widget)
    assert sorted(maya.team_list.edit_buttons) == sorted(maya.team_list.delete_buttons) == ["ana", "ben"]


def test_a_report_listing_their_own_goals_reads_your_draft(scratch_org, cli) -> None:  # type: ignore[no-untyped-def]
    """`workbook goal list ana` run by Ana labelled her own words 'their draft', as if about someone else (found by a
    helper walking an organisation as a report), and the plan 'drafted by the report'; her manager still reads
    'their draft'."""
    with Store(scratch_org["owner_url"]) as owner:
        owner.save_plan(GrowthPlan(person="ana", year=2028, status="draft", goals=[
            Goal(text="Lead the churn model's review", draft="I want to run a model review myself")]))
    said = {user: cli("goal", "list", "ana", "2028", "--db", scratch_org["users"][user]["url"]) for user in ("ana", "maya")}
    assert all(out.returncode == 0 for out in said.values()), said
    assert "your draft: I want to run a model review myself" in said["ana"].stdout, said["ana"].stdout
    assert "their draft" not in said["ana"].stdout and "drafted by you" in said["ana"].stdout
    assert "their draft: I want to run a model review myself" in said["maya"].stdout, said["maya"].stdout


def test_a_skip_level_and_hr_are_not_told_the_report_has_no_pre_work(scratch_org) -> None:
    """Dana (two levels up) and HR opening Ana's OKR page read "no objectives or pre-work for 2027Q2 yet" when Ana
    had shared her pre-work (hers and her manager's, decision 0011), and "(not shared yet)" beside each 2027Q1
    objective. They are told whose it is instead; her manager still reads what she shared, or that there is none."""
    from workbook.render.own_page import prework_side_html

    understanding = "Ana-prework-PLUM: present the roadmap twice by June"
    with Store(scratch_org["users"]["ana"]["url"]) as ana:
        ana.save_draft("ana", "prework", "2027Q2", 1, {"understanding": understanding})
        ana.share_draft("ana", "prework", "2027Q2", 1)

    def section(user: str) -> str:
        with Store(scratch_org["users"][user]["url"]) as reader:
            return prework_side_html(reader, "ana", "2027Q1") + prework_side_html(reader, "ana", "2027Q2")

    manager = section("maya")
    assert understanding in manager and "(not shared yet)" in manager and "and their manager to read" not in manager
    for user in ("dana", "hr"):
        seen = section(user)
        assert "no objectives or pre-work" not in seen and "(not shared yet)" not in seen, seen
        assert understanding not in seen and seen.count("for Ana Souza and their manager to read") == 2, seen


def test_a_skip_level_and_hr_are_not_told_a_topic_was_never_pulled(org) -> None:
    """Dana (two levels up) and HR opening Ana's conversation log read "missing: never pulled" for values, which
    Maya pulled in a private note (its author's only, decision 0007): the puzzle claimed what they cannot see.
    They are told it is drawn from the notes they may read; Maya's puzzle is unchanged."""
    from workbook.render.conversation_log import puzzle_chart_html, puzzle_html

    def page(user: str) -> str:
        with Store(org["users"][user]["url"]) as reader:
            return puzzle_html(reader, "ana", dt.date(2027, 2, 1)) + puzzle_chart_html(reader, "ana", dt.date(2027, 2, 1))

    manager = page("maya")
    assert "thin: one note" in manager and "never pulled" in manager and "notes you may read" not in manager
    for user in ("dana", "hr"):
        seen = page(user)
        assert "never pulled" not in seen and "Not pushed yet" not in seen, seen
        assert "drawn from the notes you may read" in seen and "missing: none in the notes you may read" in seen
        assert "Not in the notes you may read: " in seen
