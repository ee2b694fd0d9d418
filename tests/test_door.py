"""Validation at the door: a level not on the ladder, a ladder that does not load, a date no one can mean (1124, 2207,
before the person started) are refused with one line at import, in the forms and on the command line, leaving the
workbook byte for byte as it was; a workbook that already holds such values opens fine and `workbook check` lists them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbook.core import clock
from workbook.core.errors import InputError
from workbook.core.model import CheckIn
from workbook.core.paths import PROJECT_ROOT as ROOT
from workbook.store import Store

LADDER = "ladders/data-science.csv"
KIM = "people:\n  - {id: kim, name: Kim Lee, track: Data Science, level: \"2\", ladder: %s, started: 2026-09-01}\n"
NOTE = "notes:\n  - {person: kim, date: %s, direction: pull, topic: interests, text: \"Likes causal inference\"}\n"


def _fingerprint(cli, db: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The export without its time stamp, and the database files' bytes."""
    export = cli("export", "kim", db=db).stdout
    kept = "\n".join(line for line in export.splitlines() if '"exported_at"' not in line)
    files = b"".join(p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")))
    return kept, hashlib.sha256(files).hexdigest()


@pytest.fixture
def kim_db(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path / "wb.db"
    (tmp_path / "kim.yaml").write_text(KIM % LADDER + NOTE % "2027-01-10")
    r = cli("import", str(tmp_path / "kim.yaml"), db=db)
    assert r.returncode == 0, r.stderr
    return db


@pytest.mark.parametrize(("yaml", "message"), [
    ("people:\n  - {id: ana, name: Ana, track: Data Science, level: \"9\", ladder: " + LADDER + "}\n",
     "people[0] (ana) field level: level '9' is not on track 'Data Science'"),
    ("people:\n  - {id: ana, name: Ana, track: Data Science, level: \"2\", ladder: ladders/missing.csv}\n",
     "people[0] (ana) field ladder: ladder file 'ladders/missing.csv' not found"),
    (NOTE % "1124-01-10", "notes[0] (kim 1124-01-10) field date: '1124-01-10' has a year outside 1970-2100"),
    (NOTE % "2035-01-10", "notes[0] (kim 2035-01-10) field date: date 2035-01-10 is more than 18 months ahead"),
    (NOTE % "2026-08-01", "field date: date 2026-08-01 is before kim's start date (2026-09-01)"),
    ("check_ins:\n  - {person: kim, date: 1124-02-01}\n", "check_ins[0] (kim 1124-02-01) field date: '1124-02-01' has"),
    ("check_ins:\n  - {person: kim, date: 2026-02-01}\n", "check_ins[0] (kim 2026-02-01) field date: date 2026-02-01 is "
                                                           "before kim's start date (2026-09-01)"),
    # what follows a conversation is not due before it (a mistyped year hid an overdue follow-up everywhere)
    ("notes:\n  - {person: kim, date: 2026-12-01, direction: pull, topic: goals, text: x, follow_up: call, "
     "follow_up_due: 2026-11-01}\n", "notes[0] (kim 2026-12-01) field follow_up_due: follow-up due 2026-11-01 is before "
                                     "the note's date 2026-12-01; a follow-up comes after the conversation: check both"),
    ("check_ins:\n  - {person: kim, date: 2027-01-20, actions: [{text: Write it, due: 2026-12-01}]}\n",
     "check_ins[0] (kim 2027-01-20) actions[0] field due: due 2026-12-01 is before the check-in's date 2027-01-20"),
    ("check_ins:\n  - {person: kim, date: 2027-01-20, trial_runs: [{text: Ask, follow_up_on: 2027-01-02}]}\n",
     "trial_runs[0] field follow_up_on: follow-up 2027-01-02 is before the check-in's date 2027-01-20"),
    # a pull note about mentors was printed under "What Kim told me": the topic belongs to the direction
    ("notes:\n  - {person: kim, date: 2027-01-12, direction: pull, topic: mentors, text: x}\n",
     "notes[0] (kim 2027-01-12): topic 'mentors' is a push topic, not a pull one; a pull note's topic is one of: goals"),
])
def test_an_import_the_door_refuses_leaves_the_workbook_as_it_was(cli, kim_db: Path, tmp_path: Path, yaml: str,
                                                                   message: str) -> None:
    before = _fingerprint(cli, kim_db)
    (tmp_path / "bad.yaml").write_text(yaml)
    r = cli("import", str(tmp_path / "bad.yaml"), db=kim_db)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and message in r.stderr, r.stderr
    assert _fingerprint(cli, kim_db) == before


@pytest.mark.parametrize("args", [
    ["person", "edit", "kim", "--level", "9"],
    ["person", "edit", "kim", "--ladder", "ladders/missing.csv"],
    ["note", "edit", "1", "--date", "1124-01-10"],
    ["note", "edit", "1", "--follow-up", "call", "--follow-up-due", "2207-01-01"],
    ["person", "edit", "kim", "--started", "1124-09-01"],
    ["note", "edit", "1", "--follow-up", "call", "--follow-up-due", "2027-01-02"],  # the note is of 2027-01-10
    ["note", "edit", "1", "--topic", "mentors"],  # a pull note
    ["note", "edit", "1", "--direction", "push"],  # its topic 'interests' is a pull topic
])
def test_a_command_the_door_refuses_leaves_the_workbook_as_it_was(cli, kim_db: Path, args: list[str]) -> None:
    before = _fingerprint(cli, kim_db)
    r = cli(*args, db=kim_db)
    assert r.returncode == 1 and r.stderr.startswith("error: ") and r.stderr.count("\n") == 1, r.stderr
    assert _fingerprint(cli, kim_db) == before


def test_an_action_edit_keeps_the_check_in_rule_and_check_reads_the_check_ins_date(cli, kim_db: Path) -> None:
    """`action edit --due` took a due date before its check-in (which `checkin add --due` refuses, `workbook check`
    then listed and an export would not import); it is refused with the same words, and so is `checkin edit --date`
    moving the check-in after what was agreed at it."""
    r = cli("checkin", "add", "kim", "--date", "2026-12-01", "--action", "Draft rota", "--due", "2026-12-10", db=kim_db)
    assert r.returncode == 0, r.stderr
    before = _fingerprint(cli, kim_db)
    for args, message in ((("action", "edit", "1", "--due", "2026-11-01"),
                           "error: action 1 field due: due 2026-11-01 is before the check-in's date 2026-12-01; what is "
                           "agreed at a check-in is due after it: check both dates\n"),
                          (("checkin", "edit", "1", "--date", "2026-12-20"),
                           "action 1 due 2026-12-10 is before the check-in's date 2026-12-20; what is agreed at a "
                           "check-in is due after it")):
        r = cli(*args, db=kim_db)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and message in r.stderr, r.stderr
        assert _fingerprint(cli, kim_db) == before
    # the check-in moved earlier: an action due between its new and old date is fine, and `workbook check` agrees
    assert cli("checkin", "edit", "1", "--date", "2026-11-25", db=kim_db).returncode == 0
    r = cli("action", "edit", "1", "--due", "2026-11-30", db=kim_db)
    assert r.returncode == 0, r.stderr
    r = cli("check", db=kim_db)
    assert "is before the check-in" not in r.stdout + r.stderr, r.stdout


def test_the_note_form_refuses_an_implausible_date(kim_db: Path) -> None:
    from workbook.forms.conversation_log import NoteForm

    with Store(kim_db) as store:
        form = NoteForm(store, "kim", dt.date(2027, 1, 20))
        form.text.value = "typed in a hurry"
        form.date.value = dt.date(1124, 1, 20)
        assert form.save() is False
        assert "before 1970" in form.findings.value
        assert len(store.notes_frame("kim", include_private=True)) == 1


def test_the_forms_refuse_what_is_due_before_the_conversation(kim_db: Path) -> None:
    from workbook.forms.checkin import CheckInForm
    from workbook.forms.conversation_log import NoteForm

    with Store(kim_db) as store:
        form = NoteForm(store, "kim", dt.date(2027, 1, 20))
        form.text.value, form.date.value = "typed the wrong year", dt.date(2026, 12, 1)
        form.follow_up.value, form.follow_up_due.value = "check back", dt.date(2026, 11, 1)
        assert form.save() is False and "is before the note&#x27;s date 2026-12-01" in form.findings.value
        checkin = CheckInForm(store, "kim", "2027Q1", dt.date(2027, 1, 20))
        action = checkin.add_action()
        action.text.value, action.due.value = "Write the retry policy", dt.date(2026, 12, 1)
        assert checkin.save() is False and "is before the check-in&#x27;s date 2027-01-20" in checkin.findings.value
        assert store.check_ins("kim") == [] and len(store.notes_frame("kim", include_private=True)) == 1


def test_a_check_in_for_a_quarter_not_started_says_where_its_date_went(kim_db: Path) -> None:
    from workbook.forms.checkin import CheckInForm

    with Store(kim_db) as store:
        form = CheckInForm(store, "kim", "2027Q1", dt.date(2026, 12, 2))
        assert form.date.value == dt.date(2027, 1, 1)
        said = " ".join(getattr(w, "value", "") for w in form.body)
        assert "2027Q1 has not started on 2026-12-02, so the date is set to its first day, 2027-01-01" in said
        assert form.trials[0].follow_up.value == dt.date(2027, 1, 15)  # two weeks after the check-in, not today
        today = CheckInForm(store, "kim", "2027Q1", dt.date(2027, 1, 20))
        assert "so the date is set" not in " ".join(getattr(w, "value", "") for w in today.body)


def test_a_workbook_holding_such_values_opens_and_check_lists_them(cli, kim_db: Path) -> None:
    con = sqlite3.connect(kim_db)  # values written before the door existed (or by hand)
    con.execute("UPDATE notes SET date = '1124-01-10'")
    con.execute("UPDATE people SET level = '9'")
    con.execute("INSERT INTO notes (person_id, date, direction, topic, setting, text, visibility, follow_up, "
                "follow_up_due, follow_up_done) VALUES ('kim', '2027-06-01', 'pull', 'goals', '1:1', 'x', 'shared', "
                "'call', '2026-11-01', 0)")
    con.execute("INSERT INTO notes (person_id, date, direction, topic, setting, text, visibility, follow_up, "
                "follow_up_due, follow_up_done) VALUES ('kim', '2027-01-11', 'pull', 'mentors', '1:1', 'y', 'shared', "
                "'', NULL, 0)")
    con.commit()
    con.close()
    shown = cli("person", "show", "kim", db=kim_db)
    assert shown.returncode == 0, shown.stderr  # it opens
    check = cli("check", db=kim_db)
    assert check.returncode == 1
    assert "error: kim note 1: date 1124-01-10 is before 1970; check the year; fix it with `workbook note edit 1 " \
           "--date YYYY-MM-DD`" in check.stdout
    assert "error: person kim: level '9' is not on track 'Data Science'" in check.stdout
    assert "error: kim note 2: follow-up due 2026-11-01 is before the note's date 2027-06-01; fix one with " \
           "`workbook note edit 2 --date YYYY-MM-DD`" in check.stdout, check.stdout
    assert "error: kim note 3: topic 'mentors' is a push topic, not a pull one" in check.stdout
    assert cli("note", "edit", "3", "--text", "other words, same topic", db=kim_db).returncode == 0  # it still edits
    assert cli("note", "edit", "3", "--topic", "values", db=kim_db).returncode == 0
    assert cli("note", "edit", "2", "--text", "other words, same dates", db=kim_db).returncode == 0  # it still edits
    assert cli("note", "delete", "2", "--yes", db=kim_db).returncode == 0
    assert cli("note", "edit", "1", "--text", "still fine to edit the words", db=kim_db).returncode == 0
    assert cli("note", "edit", "1", "--date", "2027-01-10", db=kim_db).returncode == 0
    assert cli("person", "edit", "kim", "--level", "2", db=kim_db).returncode == 0
    again = cli("check", db=kim_db)
    assert again.returncode == 0 and again.stdout.startswith("no findings"), again.stdout


def test_check_lists_a_missing_ladder_and_a_limit_broken_before_it_was_lowered(cli, tmp_path: Path) -> None:
    from workbook.core.model import Goal, GrowthPlan, Person

    db = tmp_path / "wb.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim", ladder="ladders/gone.csv", track="x", level="1"))
        store.save_plan(GrowthPlan(person="kim", year=2027, goals=[Goal(text="a"), Goal(text="b"), Goal(text="c")]))
        store.set_limit("max_goals", "2")
    out = cli("check", db=db).stdout
    assert "person kim: ladder file 'ladders/gone.csv' not found" in out  # the file, and the fix, said once
    assert out.count("`workbook person edit kim --ladder FILE`") == 1
    assert "growth plan kim 2027: 3 goals, at most 2" in out


def test_check_does_not_ask_to_rewrite_a_period_that_is_over_when_a_limit_is_lowered(cli, tmp_path: Path) -> None:
    """A walk lowered max_key_results and `check` asked to rewrite closed quarters with an error: a period that
    is over stays as it was written (a warning says so); the limit holds for the periods ahead."""
    from workbook.core.model import Goal, GrowthPlan, KeyResult, Objective, Person, QuarterOKRs

    db = tmp_path / "wb.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim"))
        store.save_plan(GrowthPlan(person="kim", year=2025, goals=[Goal(text="a"), Goal(text="b"), Goal(text="c")]))
        store.save_okrs(QuarterOKRs(person="kim", quarter="2025Q2", objectives=[Objective(text="o", key_results=[
            KeyResult(text="Ship v1 by 30 June"), KeyResult(text="Give 2 talks by 30 June")])]))
        store.set_limit("max_goals", "2")
        store.set_limit("max_key_results", "1")
    check = cli("check", db=db)
    assert check.returncode == 0, check.stdout
    assert ("warning: growth plan kim 2025: 3 goals, at most 2 annual growth goals per person and year; 2025 is over, "
            "so it stays as it was written (the limit applies to the periods ahead)") in check.stdout, check.stdout
    assert "OKRs kim 2025Q2 objective 1: objective 1 has 2 key results, at most 1; 2025Q2 is over, so it stays" in check.stdout
    assert "error" not in check.stdout


def test_check_lists_a_key_result_marked_carried_over_that_continues_nowhere(cli, tmp_path: Path) -> None:
    from workbook.core.model import KeyResult, Objective, Person, QuarterOKRs

    db = tmp_path / "wb.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim"))
        store.save_okrs(QuarterOKRs(person="kim", quarter="2026Q3", objectives=[Objective(text="o", key_results=[
            KeyResult(text="Ship v1 by 30 September", outcome="carried_over")])]))
    check = cli("check", db=db)
    assert check.returncode == 0 and ("warning: kim 2026Q3 O1·KR1: marked carried over, but it continues in no later "
                                      "quarter; move it with `workbook kr move kim 2026Q3 1 1`") in check.stdout, check.stdout
    moved = cli("kr", "move", "kim", "2026Q3", "1", "1", "--target-date", "2026-12-15", db=db)
    assert moved.returncode == 0, moved.stderr
    assert "carried over" not in cli("check", db=db).stdout


def test_check_on_an_empty_workbook_and_a_new_person(cli, tmp_path: Path) -> None:
    db = tmp_path / "wb.db"
    assert cli("init", str(db)).returncode == 0
    empty = cli("check", db=db)
    assert empty.returncode == 0 and empty.stdout.startswith("no findings")
    due = cli("due", db=db)
    assert due.returncode == 0 and due.stdout.startswith("nobody in the workbook yet; add someone with `workbook person add")
    with Store(db, readonly=True) as store:  # the owner of an empty workbook adds people; nobody "reports to" them
        assert store.my_team() == [] and not store.nobody_reports_to_me()
    assert cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    assert cli("check", db=db).returncode == 0
    # a new hire put on a ladder before their level is known: allowed, said, and said how to set it
    assert cli("person", "add", "ben", "--name", "Ben", "--ladder", "ladders/data-science.csv").returncode == 0
    check = cli("check", db=db)
    assert check.returncode == 0 and "warning: person ben: on the Data Science track with no level yet" in check.stdout
    assert "`workbook person edit ben --level LEVEL` (one of: 1, 2, 3" in check.stdout, check.stdout
    gaps = cli("ladder", "gaps", "ben", db=db)
    assert gaps.returncode == 0 and "Ben has no level on track 'Data Science' yet" in gaps.stdout, gaps.stdout + gaps.stderr
    history = cli("history", "kim", "--no-additions", db=db)
    assert history.returncode == 0 and history.stdout.strip() == "no changes recorded for Kim Lee (kim) yet"


def test_a_ladder_path_is_read_from_the_current_folder_as_the_shell_would(cli, tmp_path: Path) -> None:
    """`person add --ladder career/mine.csv` typed in the folder above the workbook's: found there (it is
    inside the workbook's folder, so allowed); `person edit --ladder` the same. A file in the current folder
    that is outside the allowed folders is refused in one line naming it, never swapped for another file of
    the same name."""
    team = tmp_path / "career"
    team.mkdir()
    shutil.copy(ROOT / LADDER, team / "mine.csv")
    db = team / "w.db"
    assert cli("init", str(db)).returncode == 0
    added = cli("person", "add", "ana", "--name", "Ana", "--ladder", "career/mine.csv", "--track", "Data Science",
                "--level", "2", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    edited = cli("person", "add", "bo", "--name", "Bo", cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    edited = cli("person", "edit", "bo", "--ladder", "career/mine.csv", "--track", "Data Science", "--level", "1",
                 cwd=tmp_path)
    assert edited.returncode == 0, edited.stderr
    with Store(db) as store:
        assert {p.id: p.ladder for p in store.people()} == {"ana": str(team / "mine.csv"), "bo": str(team / "mine.csv")}
    shutil.copy(ROOT / LADDER, tmp_path / "mine.csv")  # the same name beside the user, outside the allowed folders
    refused = cli("person", "add", "cy", "--name", "Cy", "--ladder", "mine.csv", cwd=tmp_path)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1, refused.stderr
    assert f"ladder '{tmp_path / 'mine.csv'}' is outside the folders ladders may come from" in refused.stderr
    from_inside = cli("person", "add", "cy", "--name", "Cy", "--ladder", "mine.csv", "--track", "Data Science",
                      cwd=team)  # typed in the workbook's folder: that folder's file
    assert from_inside.returncode == 0, from_inside.stderr


def test_goal_competencies_are_the_ladder_s_on_the_cli_and_check_lists_made_up_ones(cli, kim_db: Path) -> None:
    """`goal edit --competency Juggling` was accepted (the import refuses it), and a made-up tag then counted
    as 'drawing on the ladder' in the summaries and the team overview."""
    from workbook.core.model import Goal, GrowthPlan, Person

    with Store(kim_db) as store:
        store.save_plan(GrowthPlan(person="kim", year=2027, goals=[Goal(text="Lead the causal inference reading group")]))
        store.add_person(Person(id="noa", name="Noa Levi"))  # no ladder
        store.save_plan(GrowthPlan(person="noa", year=2027, goals=[Goal(text="Run the on-call rota")]))
    before = _fingerprint(cli, kim_db)
    juggling = cli("goal", "edit", "kim", "2027", "1", "--competency", "Juggling", db=kim_db)
    assert juggling.returncode == 1 and juggling.stderr.count("\n") == 1
    assert "'Juggling' is not a competency on track 'Data Science'" in juggling.stderr
    assert _fingerprint(cli, kim_db) == before
    no_ladder = cli("goal", "edit", "noa", "2027", "1", "--competency", "anything", db=kim_db)
    assert no_ladder.returncode == 1 and "noa has no career ladder, so a goal cannot name competencies" in no_ladder.stderr
    ok = cli("goal", "edit", "kim", "2027", "1", "--competency", "Communication & stakeholder management", db=kim_db)
    assert ok.returncode == 0, ok.stderr
    with Store(kim_db) as store:  # tags written before the rule (the store itself does not read ladders)
        store.edit_goal("kim", 2027, 1, competencies=["Juggling"])
        store.edit_goal("noa", 2027, 1, competencies=["anything"])
    check = cli("check", db=kim_db).stdout
    assert "error: kim 2027 goal 1: 'Juggling' is not a competency on track 'Data Science'" in check
    assert "error: noa 2027 goal 1: noa has no career ladder, so a goal cannot name competencies" in check
    assert "`workbook goal edit kim 2027 1 --competency NAME`" in check


def test_a_quarter_or_plan_year_far_ahead_is_a_typo_refused_and_one_already_there_stays_editable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`objective add ola 2099Q1` and `goal add ola 2099` made a quarter and a plan 73 years ahead, where every
    dated record is refused past 18 months. A new quarter or plan year that starts past that is refused, in one
    line, nothing written; one already in the workbook (an older version let it in) is still edited."""
    from workbook.core.dates import quarter_of
    from workbook.core.errors import InputError
    from workbook.core.model import Goal, KeyResult, Objective, Person
    from workbook.store import door

    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="ola", name="Ola Nordmann"))
        with pytest.raises(InputError, match=r"quarter 2099Q1 starts 2099-01-01, more than 18 months ahead .*check the year"):
            store.add_objective("ola", "2099Q1", Objective(text="Far"))
        with pytest.raises(InputError, match=r"the 2099 plan starts 2099-01-01, more than 18 months ahead"):
            store.add_goal("ola", 2099, Goal(text="Far"))
        assert store.okrs("ola", "2099Q1") is None and store.plan("ola", 2099) is None
        near = quarter_of(clock.today() + dt.timedelta(days=365))  # next year's quarters are planned ahead
        store.add_objective("ola", near, Objective(text="Near"))
        store.add_goal("ola", clock.today().year + 1, Goal(text="Next year"))
        monkeypatch.setattr(door, "MONTHS_AHEAD", 12 * 100)  # as an older version let it in
        store.add_objective("ola", "2099Q1", Objective(text="Far"))
        monkeypatch.undo()
        store.add_key_result("ola", "2099Q1", 1, KeyResult(text="Publish 2 posts by 2099-03-01"))  # still editable
        assert len(store.okrs("ola", "2099Q1").objectives[0].key_results) == 1  # type: ignore[union-attr]


def test_an_import_with_a_quarter_far_ahead_names_it_and_writes_nothing(cli, tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("people:\n  - {id: zed, name: Zed Far}\nokrs:\n  - person: zed\n    quarter: 2099Q1\n"
                    "    objectives:\n      - text: Far\n        key_results: [{text: Publish 2 posts}]\n")
    r = cli("import", str(team), db=tmp_path / "w.db")
    assert r.returncode == 1 and not (tmp_path / "w.db").exists()
    assert r.stderr.strip() == (f"error: {team}: okrs[0] (zed 2099Q1) field quarter: quarter 2099Q1 starts 2099-01-01, "
                                "more than 18 months ahead (after " + r.stderr.split("(after ")[1].split(")")[0]
                                + "); check the year")


def test_a_check_in_dated_past_the_longest_rhythm_ahead_is_refused_at_every_door(cli, kim_db: Path,
                                                                                 tmp_path: Path) -> None:
    """A check-in dated 2028-05-01 (a year typed for another, 17 months ahead) was accepted, within the 18 months
    every date is held to, and filed under 2028Q2. A check-in records a conversation that happened or is about to:
    the next one is at most the longest rhythm a workbook may set (`check_in_days`, 92 days) away. Refused in one line on the command line, at import and in the form,
    nothing written; one already in the workbook still edits, and `workbook check` lists it."""
    from workbook.core.dates import quarter_of
    from workbook.forms.checkin import CheckInForm
    from workbook.stages.history import check_workbook

    today = clock.today()
    edge, far = today + dt.timedelta(days=92), today + dt.timedelta(days=93)
    said = (f"check-in date {far} is more than 92 days ahead (after {edge}); a check-in records a conversation that "
            "happened or is about to: give its date")
    before = _fingerprint(cli, kim_db)
    r = cli("checkin", "add", "kim", "--date", far.isoformat(), db=kim_db)
    assert r.returncode == 1 and r.stderr == f"error: check-in with kim: {said}\n", r.stderr
    (tmp_path / "ahead.yaml").write_text(f"check_ins:\n  - {{person: kim, date: {far}}}\n")
    r = cli("import", str(tmp_path / "ahead.yaml"), db=kim_db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert f"check_ins[0] (kim {far}) field date: {said}" in r.stderr
    with Store(kim_db) as store:
        form = CheckInForm(store, "kim", quarter_of(far), far)
        assert form.date.value == far
        assert form.save() is False and f"check-in date {far} is more than 92 days ahead" in form.findings.value
        assert store.check_ins("kim") == []
    assert _fingerprint(cli, kim_db) == before
    with Store(kim_db) as store:
        store.add_check_in(CheckIn(person="kim", date=edge))  # the last day it may be: still a check-in
        with pytest.raises(InputError, match=f"^check-in 1 field date: {re.escape(said)}$"):
            store.edit_check_in(1, date=far)
        con = sqlite3.connect(kim_db)  # as an older version let it in
        con.execute("UPDATE check_ins SET date = ?", (far.isoformat(),))
        con.commit()
        con.close()
        store.edit_check_in(1, summary="still edits")
        assert [(f.code, f.where) for f in check_workbook(store) if f.code == "check_in_ahead"] == \
            [("check_in_ahead", "kim check-in 1")]


def test_a_note_dated_past_the_longest_rhythm_ahead_is_refused_at_every_door(cli, kim_db: Path,
                                                                            tmp_path: Path) -> None:
    """A push/pull note dated 2028-05-01 (a year typed for another, 17 months ahead) was accepted: a note records a
    conversation that happened or is about to, as a check-in does, and is held to the same 92 days. Refused in one
    line on the command line, at import and in the form, nothing written; one already in the workbook still edits,
    and `workbook check` lists it. A follow-up's due date is a plan: it may lie further ahead."""
    from workbook.core.model import Note
    from workbook.forms.conversation_log import NoteForm
    from workbook.stages.history import check_workbook

    today = clock.today()
    edge, far = today + dt.timedelta(days=92), today + dt.timedelta(days=93)
    said = (f"note date {far} is more than 92 days ahead (after {edge}); a note records a conversation that "
            "happened or is about to: give its date")
    before = _fingerprint(cli, kim_db)
    r = cli("note", "add", "kim", "pull", "goals", "typed the wrong year", "--date", far.isoformat(), db=kim_db)
    assert r.returncode == 1 and r.stderr == f"error: note with kim: {said}\n", r.stderr
    (tmp_path / "ahead.yaml").write_text(f"notes:\n  - {{person: kim, date: {far}, direction: pull, topic: goals, "
                                         "text: x}\n")
    r = cli("import", str(tmp_path / "ahead.yaml"), db=kim_db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"ahead.yaml: notes[0] (kim {far}) field date: {said}" in r.stderr
    with Store(kim_db) as store:
        form = NoteForm(store, "kim", far)
        form.text.value = "typed the wrong year"
        assert form.save() is False and f"note date {far} is more than 92 days ahead" in form.findings.value
        kept = len(store.notes_frame(include_private=True))
    assert _fingerprint(cli, kim_db) == before
    with Store(kim_db) as store:
        with pytest.raises(InputError, match=f"^note with kim: {re.escape(said)}$"):
            store.add_note(Note(person="kim", date=far, direction="pull", topic="goals", text="x"))
        assert len(store.notes_frame(include_private=True)) == kept
        # the last day it may be, with a follow-up planned further ahead than a note may be dated: both kept
        note_id = store.add_note(Note(person="kim", date=edge, direction="pull", topic="goals", text="x",
                                      follow_up="check back", follow_up_due=edge + dt.timedelta(days=200)))
        with pytest.raises(InputError, match=f"^note {note_id} field date: {re.escape(said)}$"):
            store.edit_note(note_id, date=far)
        assert store.note(note_id).date == edge
    r = cli("note", "edit", str(note_id), "--date", far.isoformat(), db=kim_db)
    assert r.returncode == 1 and r.stderr == f"error: note {note_id} field date: {said}\n", r.stderr
    con = sqlite3.connect(kim_db)  # as an older version let it in
    con.execute("UPDATE notes SET date = ? WHERE id = ?", (far.isoformat(), note_id))
    con.commit()
    con.close()
    with Store(kim_db) as store:
        assert store.edit_note(note_id, text="still edits").text == "still edits"
        assert [(f.code, f.where) for f in check_workbook(store) if f.code == "note_ahead"] == \
            [("note_ahead", f"kim note {note_id}")]
    r = cli("check", db=kim_db)
    assert f"kim note {note_id}: note date {far} is more than 92 days ahead" in r.stdout + r.stderr, r.stdout
