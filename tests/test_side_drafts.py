"""The report's side (issue 17): drafts only their author sees, "share with my manager", and the database's rights.

The organisation on a real PostgreSQL (its own login role per user):

    dana (director)
    └── maya (manager) ── ana, ben
    hr (an HR partner)

Every attack runs as the user would in their own kernel: ``psycopg.connect`` with their own role.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from workbook.core import clock
from workbook.core.errors import AccessDenied, InputError, NotFound, RuleViolation
from workbook.core.model import Goal, GrowthPlan, Note, Person
from workbook.store import Store
from workbook.store.backend import parse_url
from workbook.store.rights import Actor, allowed

ANA_DRAFT = "Ana-draft-QUINCE: lead the design review for the payments service"
ANA_SHARED = "Ana-shared-PLUM: mentor the two new joiners through their first on-call"
MAYA_FEEDBACK_DRAFT = "Maya-feedback-draft-DATE: too broad, name one service"
MAYA_FEEDBACK = "Maya-feedback-given-GUAVA: good, tie it to the staff-level expectations"
ANA_CAREER_DRAFT = "Ana-career-draft-FIG: I might want to leave engineering for product one day"
ANA_CAREER_SHARED = "Ana-career-shared-KIWI: I value a team that writes things down"


# -- one user (SQLite: the owner) -------------------------------------------------------------------------------


def test_a_draft_is_saved_shared_and_replaced_in_one_item(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim"))
    store.save_draft("kim", "goal", 2027, 1, {"text": "first wording"})
    store.save_draft("kim", "goal", 2027, 1, {"text": "second wording"})  # the draft is replaced, not added
    assert [(d.state, d.text) for d in store.side_drafts("kim")] == [("draft", "second wording")]
    store.share_draft("kim", "goal", "2027", 1)
    assert [(d.state, d.text) for d in store.side_drafts("kim")] == [("shared", "second wording")]
    store.save_draft("kim", "goal", 2027, 1, {"text": "third wording"})  # a new draft beside what was shared
    assert [(d.state, d.text) for d in store.side_drafts("kim", "goal", 2027)] == [
        ("draft", "third wording"), ("shared", "second wording")]
    store.share_draft("kim", "goal", 2027, 1)
    assert [(d.state, d.text) for d in store.side_drafts("kim")] == [("shared", "third wording")]
    assert store.delete_draft("kim", "goal", 2027, 1, shared=True) == 1 and store.side_drafts("kim") == []


def test_bad_drafts_are_refused_with_one_line_and_nothing_written(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim"))
    with pytest.raises(InputError, match="text"):
        store.save_draft("kim", "goal", 2027, 1, {"text": "  "})
    with pytest.raises(InputError, match="not a year"):
        store.save_draft("kim", "goal", "2027Q1", 1, {"text": "x"})
    with pytest.raises(InputError, match="quarter|period"):
        store.save_draft("kim", "prework", "2027", 1, {"understanding": "x"})
    with pytest.raises(InputError, match="kind"):
        store.save_draft("kim", "essay", "2027", 1, {"text": "x"})
    with pytest.raises(InputError, match="extra|surprise"):
        store.save_draft("kim", "trial", "2027Q1", 1, {"draft": "x", "surprise": "y"})
    with pytest.raises(RuleViolation, match="at most 3"):
        store.save_draft("kim", "goal", 2027, 4, {"text": "a fourth goal"})
    with pytest.raises(NotFound, match="save it as a draft first"):
        store.share_draft("kim", "goal", 2027, 2)
    with pytest.raises(NotFound, match="unknown person"):
        store.save_draft("nobody", "goal", 2027, 1, {"text": "x"})
    assert store.side_drafts("kim") == []


def test_career_words_are_one_item_per_pull_topic_and_the_way_up_names_a_level(store: Store) -> None:
    """The report's own words about their career: one item per pull topic (1-6), no period, the same draft and
    share steps; the way up (7) and only it names a level; anything else is one line and nothing written."""
    from workbook.store.drafts import CAREER_TOPICS, WAY_UP_POSITION, career_topic

    store.add_person(Person(id="kim", name="Kim"))
    assert [career_topic(n) for n in range(1, WAY_UP_POSITION + 1)] == [*CAREER_TOPICS, "way up"]
    store.save_draft("kim", "career", "", 2, {"text": "distributed systems, and teaching"})
    store.save_draft("kim", "career", "", WAY_UP_POSITION, {"text": "Senior Engineer 2 (People Manager)",
                                                             "toward": "senior-2-pm"})
    store.share_draft("kim", "career", "", WAY_UP_POSITION)
    assert [(d.position, d.state, d.text, d.body["toward"]) for d in store.side_drafts("kim", "career", "")] == [
        (2, "draft", "distributed systems, and teaching", ""),
        (WAY_UP_POSITION, "shared", "Senior Engineer 2 (People Manager)", "senior-2-pm")]
    for period, position, body, match in [
            ("2027", 2, {"text": "x"}, "no period"),
            ("", WAY_UP_POSITION + 1, {"text": "x"}, "not one of 1-7"),
            ("", 3, {"text": "x", "toward": "senior-2"}, "only it names a level"),
            ("", WAY_UP_POSITION, {"text": "management"}, "only it names a level"),
            ("", 1, {"text": " "}, "text")]:
        with pytest.raises(InputError, match=match):
            store.save_draft("kim", "career", period, position, body)
    with pytest.raises(NotFound, match="no career words on values to share"):
        store.share_draft("kim", "career", "", 3)
    assert len(store.side_drafts("kim")) == 2


def test_forget_erases_the_person_s_side(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim"))
    store.save_draft("kim", "prep", "2027Q1", 1, {"status": "on_track", "topics": "conference budget"})
    store.share_draft("kim", "prep", "2027Q1", 1)
    assert store.forget("kim")["side_drafts"] == 1


def test_the_rules_for_drafts_in_python() -> None:
    managers = {"dana": None, "maya": "dana", "ana": "maya", "ben": "maya"}
    ana, maya, dana, hr = (Actor("ana", person="ana"), Actor("maya", person="maya"), Actor("dana", person="dana"),
                           Actor("hr", hr=True))
    assert allowed(ana, "write_own", "ana", managers) and not allowed(ana, "write_own", "ben", managers)
    assert allowed(maya, "write_own", "ana", managers) and not allowed(dana, "write_own", "ana", managers)
    assert allowed(maya, "read_draft", "ana", managers, author="maya")
    assert not allowed(maya, "read_draft", "ana", managers, author="ana")
    assert allowed(maya, "read_shared", "ana", managers) and allowed(ana, "read_shared", "ana", managers)
    assert not allowed(dana, "read_shared", "ana", managers) and not allowed(hr, "read_shared", "ana", managers)


# -- an organisation on PostgreSQL -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def org(pg_server):
    name = "wb_side_org"
    owner_url = pg_server.create_database(name, template="wb_template")
    users: dict[str, dict] = {}
    with Store(owner_url) as s:
        for pid, pname, manager in [("dana", "Dana", ""), ("maya", "Maya", "dana"), ("ana", "Ana", "maya"),
                                    ("ben", "Ben", "maya")]:
            s.add_person(Person(id=pid, name=pname, manager=manager))
        s.add_note(Note(person="ana", date=dt.date(2027, 1, 10), direction="pull", topic="values",
                        text="Ana-private-PINEAPPLE", author="maya"))
        for uname, kw in [("dana", {"person": "dana"}), ("maya", {"person": "maya"}), ("ana", {"person": "ana"}),
                          ("ben", {"person": "ben"}), ("hr", {"hr": True})]:
            u = s.add_user(uname, **kw)
            users[uname] = {"role": u.role, "password": u.password,
                            "url": parse_url(u.url).set(password=u.password).render_as_string(hide_password=False)}
    o = {"server": pg_server, "database": name, "users": users}
    # Ana drafts two goals and shares the second; Maya drafts feedback on it and gives other feedback
    with Store(users["ana"]["url"]) as ana:
        ana.save_draft("ana", "goal", 2027, 1, {"text": ANA_DRAFT})
        ana.save_draft("ana", "goal", 2027, 2, {"text": ANA_SHARED})
        ana.share_draft("ana", "goal", 2027, 2)
        ana.save_draft("ana", "career", "", 2, {"text": ANA_CAREER_DRAFT})
        ana.save_draft("ana", "career", "", 3, {"text": ANA_CAREER_SHARED})
        ana.share_draft("ana", "career", "", 3)
    with Store(users["maya"]["url"]) as maya:
        maya.save_draft("ana", "feedback", 2027, 2, {"text": MAYA_FEEDBACK_DRAFT})
        maya.save_draft("ana", "feedback", 2027, 1, {"text": MAYA_FEEDBACK})
        maya.share_draft("ana", "feedback", 2027, 1)
    return o


def _connect(org: dict, user: str) -> psycopg.Connection:
    u = org["users"][user]
    return psycopg.connect(host=str(org["server"].socket_dir), dbname=org["database"], user=u["role"],
                           password=u["password"], autocommit=True)


def _texts(conn: psycopg.Connection, sql: str) -> list[str]:
    return sorted(str(r[0]) for r in conn.execute(sql.encode()).fetchall())


def test_a_draft_is_its_author_s_alone_and_a_shared_item_reaches_the_manager_only(org) -> None:
    seen = {}
    for user in ("ana", "maya", "dana", "hr", "ben"):
        with _connect(org, user) as conn:
            seen[user] = _texts(conn, "SELECT body FROM side_drafts")
    ana_all = " ".join(seen["ana"])
    assert ANA_DRAFT in ana_all and ANA_SHARED in ana_all and MAYA_FEEDBACK in ana_all
    assert MAYA_FEEDBACK_DRAFT not in ana_all  # the manager's draft feedback, before it is given
    assert ANA_CAREER_DRAFT in ana_all and ANA_CAREER_SHARED in ana_all
    maya_all = " ".join(seen["maya"])
    assert ANA_SHARED in maya_all and ANA_DRAFT not in maya_all  # the report's draft, before it is shared
    assert ANA_CAREER_SHARED in maya_all and ANA_CAREER_DRAFT not in maya_all  # her own words: once she shares them
    assert MAYA_FEEDBACK_DRAFT in maya_all and MAYA_FEEDBACK in maya_all
    assert seen["dana"] == seen["hr"] == seen["ben"] == []  # working material of the 1:1: not a skip-level, not HR


def test_the_store_shows_each_reader_what_the_database_lets_them(org) -> None:
    with Store(org["users"]["maya"]["url"]) as maya:
        assert [(d.kind, d.position, d.state, d.author) for d in maya.side_drafts("ana", "goal")] == [
            ("goal", 2, "shared", "ana")]
    with Store(org["users"]["ana"]["url"]) as ana:
        feedback = ana.side_drafts("ana", "feedback")
        assert [(d.position, d.state, d.text) for d in feedback] == [(1, "shared", MAYA_FEEDBACK)]


def test_the_manager_s_due_list_holds_what_the_report_shared_and_nothing_they_keep(org) -> None:
    """Maya's due list says Ana shared a goal draft (goal 2, no feedback on it); Ana's unshared draft (goal 1)
    is not counted, as the database never returns it to Maya; Dana (skip-level) and HR read no drafts."""
    from workbook.stages.due import due_for_person

    day = dt.date(2027, 1, 20)
    with Store(org["users"]["maya"]["url"]) as maya:
        assert maya.goal_drafts_awaiting([2027]) == {("ana", 2027): (1, clock.today())}
        goals = [i["what"] for i in due_for_person(maya, "ana", day) if i["kind"] == "growth goals"]
        assert goals == ["1 growth-goal draft for 2027 shared with you: give your feedback, then agree the goals together"]
    for user in ("dana", "hr"):
        with Store(org["users"][user]["url"]) as other:
            assert other.goal_drafts_awaiting([2027]) == {}, user


def test_nobody_writes_a_draft_in_another_s_name_or_about_someone_else(org) -> None:
    with Store(org["users"]["maya"]["url"]) as maya:
        with pytest.raises(AccessDenied, match="only ana drafts"):
            maya.save_draft("ana", "goal", 2027, 3, {"text": "a goal for Ana, by Maya"})
        with pytest.raises(AccessDenied, match="only ana drafts their own career words"):
            maya.save_draft("ana", "career", "", 2, {"text": "Ana's interests, in Maya's words"})
    with Store(org["users"]["ana"]["url"]) as ana:
        with pytest.raises(AccessDenied, match="manager"):
            ana.save_draft("ana", "feedback", 2027, 1, {"text": "great goal, says Ana"})
        with pytest.raises((AccessDenied, NotFound)):  # Ana cannot even see Ben
            ana.save_draft("ben", "goal", 2027, 1, {"text": "Ben's goal, by Ana"})
    with Store(org["users"]["dana"]["url"]) as dana:
        with pytest.raises(AccessDenied):
            dana.save_draft("ana", "feedback", 2027, 1, {"text": "skip-level feedback"})
    body = '{"text": "forged"}'
    forged = [("maya", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                       f"VALUES ('ana', 'ana', 'goal', '2027', 3, 'shared', '{body}', 'now')"),
              ("ana", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                      f"VALUES ('ana', 'maya', 'feedback', '2027', 3, 'shared', '{body}', 'now')"),
              ("ana", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                      f"VALUES ('ben', 'ana', 'goal', '2027', 1, 'shared', '{body}', 'now')"),
              ("dana", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                       f"VALUES ('ana', 'dana', 'feedback', '2027', 1, 'shared', '{body}', 'now')"),
              ("hr", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                     f"VALUES ('ana', NULL, 'goal', '2027', 1, 'shared', '{body}', 'now')"),
              # in one's own name, but the other side's kind (a helper's finding, revision 0018): the report's
              # "feedback" was taken into the agreed plan as the manager's, the manager's "goal" shown as the report's
              ("ana", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                      f"VALUES ('ana', 'ana', 'feedback', '2027', 3, 'shared', '{body}', 'now')"),
              ("maya", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                       f"VALUES ('ana', 'maya', 'goal', '2027', 3, 'shared', '{body}', 'now')"),
              ("maya", "INSERT INTO side_drafts (person_id, author_id, kind, period, position, state, body, updated_at) "
                       f"VALUES ('ana', 'maya', 'career', '', 1, 'shared', '{body}', 'now')"),
              ("maya", "UPDATE side_drafts SET kind = 'goal', period = '2027', position = 3 WHERE author_id = 'maya'"),
              ("ana", "UPDATE side_drafts SET kind = 'feedback' WHERE author_id = 'ana' AND kind = 'goal'")]
    for user, sql in forged:
        with _connect(org, user) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level"):
            conn.execute(sql.encode())


def test_nobody_changes_or_reveals_the_other_side_s_rows(org) -> None:
    with _connect(org, "ana") as conn:
        # the given feedback is readable but not hers to change, share, un-share or delete
        assert conn.execute(b"UPDATE side_drafts SET body = '{\"text\": \"x\"}' WHERE kind = 'feedback'").rowcount == 0
        assert conn.execute(b"DELETE FROM side_drafts WHERE kind = 'feedback'").rowcount == 0
        # her own draft cannot be handed to someone else
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level"):
            conn.execute(b"UPDATE side_drafts SET author_id = 'maya' WHERE author_id = 'ana'")
    with _connect(org, "maya") as conn:
        # the manager cannot reveal the report's draft by sharing it for her
        assert conn.execute(b"UPDATE side_drafts SET state = 'shared' WHERE author_id = 'ana'").rowcount == 0
        assert conn.execute(b"DELETE FROM side_drafts WHERE author_id = 'ana'").rowcount == 0
        for setting in (b"SET ROLE NONE", b"RESET ROLE", b"SET row_security = on"):
            conn.execute(setting)
        assert ANA_DRAFT not in " ".join(_texts(conn, "SELECT body FROM side_drafts"))
    with _connect(org, "ana") as conn:
        assert ANA_DRAFT in " ".join(_texts(conn, "SELECT body FROM side_drafts"))


def test_agreeing_the_plan_stays_the_manager_s_write_and_the_report_never_writes_it(org) -> None:
    with Store(org["users"]["ana"]["url"]) as ana, pytest.raises(AccessDenied):
        ana.save_plan(GrowthPlan(person="ana", year=2027, status="agreed", goals=[Goal(text="self-agreed")]))


BEN_FORM_FEEDBACK = "Maya-form-feedback-KUMQUAT: which team will you mentor?"


def test_feedback_typed_in_the_manager_s_plan_form_stays_a_draft_until_given(org) -> None:
    from workbook.forms.goals import GoalsForm

    with Store(org["users"]["maya"]["url"]) as maya:
        form = GoalsForm(maya, "ben", 2027)
        form.rows[0].draft.value = "Mentor a new joiner"
        form.rows[0].feedback.value = BEN_FORM_FEEDBACK
        assert form.save(), form.findings.value
        assert GoalsForm(maya, "ben", 2027).rows[0].feedback.value == BEN_FORM_FEEDBACK  # the draft, shown again

    def seen_by_ben() -> str:
        with _connect(org, "ben") as conn:
            return " ".join(_texts(conn, "SELECT feedback FROM goals_private") + _texts(conn, "SELECT body FROM side_drafts")
                            + _texts(conn, "SELECT coalesce(old, '') || coalesce(new, '') FROM change_log_fields"))

    with _connect(org, "ben") as conn:
        assert "Mentor a new joiner" in " ".join(_texts(conn, "SELECT draft FROM goals_private"))  # he reads his plan...
    assert BEN_FORM_FEEDBACK not in seen_by_ben()  # ...but not the feedback before it is given
    with Store(org["users"]["maya"]["url"]) as maya:
        maya.give_feedback("ben", 2027, 1)
    assert BEN_FORM_FEEDBACK in seen_by_ben()
    with Store(org["users"]["ben"]["url"]) as ben:
        assert ben.plan("ben", 2027).goals[0].feedback == BEN_FORM_FEEDBACK


def test_a_user_puts_back_only_the_side_items_they_wrote(org) -> None:
    """An export's side, imported on the organisation by a user: their own items come back under the rows'
    rules; someone else's are left out (counted, for the import's warning), never written in their name."""
    day = "2027-01-10T09:00:00+00:00"
    items = [{"kind": "feedback", "period": "2028", "position": 1, "state": "shared", "author": "maya",
              "body": {"text": "Maya-restored-LIME"}, "updated_at": day},
             {"kind": "goal", "period": "2028", "position": 1, "state": "shared", "author": "ana",
              "body": {"text": "Ana-restored-LEMON"}, "updated_at": day}]
    with Store(org["users"]["maya"]["url"]) as maya:
        assert maya.restore_side("ana", items) == (1, 1)
        assert [(d.author, d.text, d.updated_at) for d in maya.side_drafts("ana", "feedback", 2028)] == [
            ("maya", "Maya-restored-LIME", day)]
    with _connect(org, "ana") as conn:
        bodies = " ".join(_texts(conn, "SELECT body FROM side_drafts"))
        assert "Maya-restored-LIME" in bodies and "Ana-restored-LEMON" not in bodies
