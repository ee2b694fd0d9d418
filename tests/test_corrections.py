"""Edit and delete every record a manager writes: the change lands, cascades as a user expects, is logged with old
and new values, and a refused change writes nothing (not even a log entry). From an empty workbook and a new person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.core import clock
from workbook.core.errors import InputError, NotFound, RuleViolation
from workbook.core.model import (
    Action,
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
    Support,
    TrialRun,
)
from workbook.store import Store

D = dt.date


def _kim(store: Store) -> None:
    store.add_person(Person(id="kim", name="Kim Lee", started=D(2026, 9, 1)))


def _year(store: Store) -> dict[str, int]:
    """A sparse year for Kim: a plan, one quarter with support, one check-in with everything, a note."""
    _kim(store)
    store.save_plan(GrowthPlan(person="kim", year=2027, goals=[Goal(text="Lead a model review"), Goal(text="Mentor")]))
    store.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[Objective(text="Review models", goal=1, key_results=[
        KeyResult(text="Present the churn model review to the team by 2027-03-15", target_date=D(2027, 3, 15),
                  support=[Support(who="manager", what="feedback on the draft", due=D(2027, 3, 1))]),
        KeyResult(text="Get two reviews of the design doc")])]))
    cid = store.add_check_in(CheckIn(person="kim", date=D(2027, 1, 15), mode="unblock",
                                     key_results=[KRStatus(objective=1, key_result=1, status="on_track", note="draft")],
                                     obstacles=[Obstacle(text="afraid to push back", kind="pushing back")],
                                     trial_runs=[TrialRun(text="draft the reply")], actions=[Action(text="book the room")],
                                     summary="good energy"))
    nid = store.add_note(Note(person="kim", date=D(2027, 1, 10), direction="pull", topic="interests", text="causal inference"))
    return {"check_in": cid, "note": nid}


def _last(store: Store, record: str):  # type: ignore[no-untyped-def]
    return [c for c in store.history("kim") if c.record == record][-1]


def _fields(change) -> dict:  # type: ignore[no-untyped-def]
    return {f.field: (f.old, f.new) for f in change.fields}


def test_a_note_is_edited_and_deleted_with_its_old_values_logged(store: Store) -> None:
    ids = _year(store)
    store.edit_note(ids["note"], date=D(2027, 1, 11), text="causal inference and experiments")
    note = store.note(ids["note"])
    assert (note.date, note.text) == (D(2027, 1, 11), "causal inference and experiments")
    edit = _last(store, "note")
    assert edit.action == "edit" and edit.audience == "private"
    assert _fields(edit) == {"date": ("2027-01-10", "2027-01-11"), "text": ("causal inference", "causal inference and experiments")}
    store.delete_note(ids["note"])
    with pytest.raises(NotFound):
        store.note(ids["note"])
    gone = _last(store, "note")
    assert gone.action == "delete" and _fields(gone)["text"] == ("causal inference and experiments", None)


def test_deleting_a_check_in_takes_everything_recorded_at_it(store: Store) -> None:
    ids = _year(store)
    store.delete_check_in(ids["check_in"])
    counts = store.count_rows("kim")
    assert counts["check_ins"] == 0 and counts["actions"] == 0
    assert store.count_rows()["kr_statuses"] == store.count_rows()["obstacles"] == store.count_rows()["trial_runs"] == 0
    fields = _fields(_last(store, "check_in"))
    assert fields["statuses"] == ("O1·KR1 on track: draft", None) and fields["actions"][0].startswith("book the room")
    private = {f.field for f in _last(store, "check_in").fields if f.audience == "private"}
    assert private == {"summary", "obstacles", "trial_runs"}


def test_a_check_in_is_edited_statuses_and_actions_included(store: Store) -> None:
    ids = _year(store)
    before = store.check_in(ids["check_in"])
    after = store.edit_check_in(ids["check_in"], date=D(2027, 1, 16),
                                key_results=[KRStatus(objective=1, key_result=2, status="at_risk", note="no reviewer")],
                                actions=[Action(text="book the big room", id=before.actions[0].id), Action(text="ask Ana")])
    assert after.date == D(2027, 1, 16)
    assert [(s.key_result, s.status) for s in after.key_results] == [(2, "at_risk")]
    assert [a.text for a in after.actions] == ["book the big room", "ask Ana"]
    assert after.actions[0].id == before.actions[0].id  # changed in place, not deleted and added
    assert after.obstacles == before.obstacles  # what was not given is kept
    with pytest.raises(InputError, match="belong to 2027Q1"):  # statuses cannot follow a date into another quarter
        store.edit_check_in(ids["check_in"], date=D(2027, 4, 2))


def test_a_debriefed_trial_run_keeps_its_row_through_an_edit_of_its_check_in(any_store: Store) -> None:
    """Editing a check-in rewrote its trial runs as new rows, so the change log's record of a debrief named a row
    that was gone (SQLite reused the number for the new row, which hid it). Kept text keeps its row, a changed
    text takes the row of the one it replaces, and only what is left over is added or deleted."""
    store = any_store  # on PostgreSQL a deleted row's number is never reused: the log named nothing at all
    ids = _year(store)
    store.update_trial_run("kim", "draft the reply", "debriefed", "went well")
    logged = _last(store, "trial_run").record_id
    after = store.edit_check_in(ids["check_in"], summary="better energy")
    assert [(t.text, t.status, t.debrief) for t in after.trial_runs] == [("draft the reply", "debriefed", "went well")]
    store.edit_check_in(ids["check_in"], trial_runs=[TrialRun(text="rehearse the talk"),
                                                     *after.trial_runs])  # one added before the kept one
    store.update_trial_run("kim", "draft the reply", "debriefed", "went well, twice")
    assert _last(store, "trial_run").record_id == logged  # the same row, not a new one
    fixed = TrialRun(text="draft the reply to Sam", status="debriefed", debrief="went well, twice")
    edited = store.edit_check_in(ids["check_in"], trial_runs=[TrialRun(text="rehearse the talk"), fixed])
    assert [t.text for t in edited.trial_runs] == ["draft the reply to Sam", "rehearse the talk"]  # rows' order
    store.update_trial_run("kim", "draft the reply to Sam", "debriefed", "and a third time")
    assert _last(store, "trial_run").record_id == logged  # its words corrected in its own row
    assert store.edit_check_in(ids["check_in"], trial_runs=[]).trial_runs == []
    assert store.count_rows()["trial_runs"] == 0


def test_actions_support_goals_objectives_and_key_results_are_edited_and_deleted(store: Store) -> None:
    _year(store)
    action = store.actions_frame("kim")["id"].iloc[0]
    store.edit_action(int(action), status="done", due=D(2027, 2, 1))
    assert _fields(_last(store, "action")) == {"due": (None, "2027-02-01"), "status": ("open", "done")}
    sid = int(store.support_frame("kim")["support_id"].iloc[0])
    store.edit_support(sid, status="committed")
    assert store.support(sid).status == "committed"
    store.edit_goal("kim", 2027, 2, text="Mentor two new joiners")
    assert _fields(_last(store, "goal")) == {"text": ("Mentor", "Mentor two new joiners")}
    store.edit_key_result("kim", "2027Q1", 1, 2, text="Get two written reviews of the design doc by 2027-03-01")
    assert _fields(_last(store, "key_result"))["text"][1].startswith("Get two written reviews")
    store.delete_key_result("kim", "2027Q1", 1, 1)  # with its support and its check-in status
    assert store.support_frame("kim").empty and store.kr_status_frame("kim").empty
    store.delete_goal("kim", 2027, 1)
    assert store.okrs("kim", "2027Q1").objectives[0].goal is None  # the link to the deleted goal goes
    assert [g.text for g in store.plan("kim", 2027).goals] == ["Mentor two new joiners"]
    store.delete_objective("kim", "2027Q1", 1)
    assert store.okrs("kim", "2027Q1") is None  # the last objective gone: no OKRs for the quarter
    store.delete_action(int(action))
    assert store.actions_frame("kim").empty


def test_a_goal_keeps_its_id_through_edits_so_its_history_and_links_follow_it(any_store: Store) -> None:
    """Every goal edit wrote the year's goals anew, each under a new id: the change log's entries (record_id)
    then named goals that no longer existed, and the form's given feedback lost its goal. Another person's
    plan saved in between stops SQLite from handing the same ids back by chance (PostgreSQL never does)."""
    store = any_store
    _year(store)
    store.add_person(Person(id="bo", name="Bo Chen"))
    store.save_plan(GrowthPlan(person="bo", year=2027, goals=[Goal(text="Own the reporting pipeline")]))
    ids = [g.id for g in store.plan("kim", 2027).goals]
    store.edit_goal("kim", 2027, 1, text="Lead two model reviews", priority=1)
    store.edit_goal("kim", 2027, 2, feedback="Name who you will mentor")
    goals = store.plan("kim", 2027).goals
    assert [g.id for g in goals] == ids
    assert [(g.text, g.priority, g.feedback) for g in goals] == [("Lead two model reviews", 1, ""),
                                                               ("Mentor", None, "Name who you will mentor")]
    edits = [c for c in store.history("kim") if c.record == "goal" and c.action == "edit"]
    assert [c.record_id for c in edits] == ids  # the log names the goals that are there
    assert store.okrs("kim", "2027Q1").objectives[0].goal == 1  # the objective still aligned to the first goal
    store.add_goal("kim", 2027, Goal(text="Give a talk at the spring all-hands"))
    added = store.plan("kim", 2027).goals[2].id
    assert [c.record_id for c in store.history("kim") if c.record == "goal" and c.action == "add"] == [added]
    store.delete_goal("kim", 2027, 1)  # the goals after it move up and keep their ids
    assert [(g.id, g.position) for g in store.plan("kim", 2027).goals] == [(ids[1], 1), (added, 2)]
    assert store.plan("kim", 2027).goals[0].feedback == "Name who you will mentor"


def test_deleting_a_goal_keeps_each_objective_on_its_own_goal(any_store: Store) -> None:
    """A helper deleted goal 1 of three with objectives on goals 2 and 3: the one on goal 2 lost its link and the
    one on goal 3 pointed at goal 2's successor (the links were renumbered twice, by the plan's save and again by
    delete_goal). A brand-new person, no check-ins; each objective follows its goal, once, in every quarter."""
    store = any_store
    store.add_person(Person(id="lin", name="Lin Park"))
    for text in ("Goal A: go-to person for pricing", "Goal B: mentor two juniors", "Goal C: present to executives"):
        store.add_goal("lin", 2027, Goal(text=text))
    for quarter in ("2027Q1", "2027Q3"):
        store.save_okrs(QuarterOKRs(person="lin", quarter=quarter, objectives=[
            Objective(text="Serves B", goal=2, key_results=[KeyResult(text="Two juniors ship a change alone by June")]),
            Objective(text="Serves C", goal=3, key_results=[KeyResult(text="Present 2 analyses to the exec team")])]))
    store.delete_goal("lin", 2027, 1)
    goals = [g.text for g in store.plan("lin", 2027).goals]
    for quarter in ("2027Q1", "2027Q3"):
        links = {o.text: goals[o.goal - 1] if o.goal else None for o in store.okrs("lin", quarter).objectives}
        assert links == {"Serves B": "Goal B: mentor two juniors", "Serves C": "Goal C: present to executives"}
    store.delete_goal("lin", 2027, 1)  # the goal an objective serves goes: that objective is unlinked, no other
    links = {o.text: o.goal for o in store.okrs("lin", "2027Q1").objectives}
    assert links == {"Serves B": None, "Serves C": 1}
    renumbered = [c for c in store.history("lin") if c.record == "objective" and c.action == "edit"]
    assert len(renumbered) == 8  # once per objective and delete: 2 quarters x 2 objectives x 2 deletes


def test_support_is_deleted_and_logged(store: Store) -> None:
    _year(store)
    sid = int(store.support_frame("kim")["support_id"].iloc[0])
    store.delete_support(sid)
    assert store.support_frame("kim").empty
    assert _fields(_last(store, "support"))["what"] == ("feedback on the draft", None)


def test_a_refused_change_writes_nothing_not_even_a_log_entry(store: Store) -> None:
    ids = _year(store)
    before = store.export_person("kim")
    before.pop("exported_at")
    store.set_limit("max_goals", "2")
    with pytest.raises(InputError, match="before 1970"):
        store.edit_note(ids["note"], date=D(1124, 1, 10))
    with pytest.raises(InputError, match="18 months ahead"):
        store.edit_check_in(ids["check_in"], date=D(2207, 1, 15), key_results=[])
    with pytest.raises(InputError, match="before kim's start date"):
        store.edit_action(int(store.actions_frame("kim")["id"].iloc[0]), due=D(2026, 1, 1))
    with pytest.raises(InputError, match="topic"):
        store.edit_note(ids["note"], topic="nonsense")
    with pytest.raises(RuleViolation):
        store.add_goal("kim", 2027, Goal(text="a third"))  # the lowered limit holds
    with pytest.raises(NotFound):
        store.delete_check_in(999)
    after = store.export_person("kim")
    after.pop("exported_at")
    assert after == before


def test_an_edit_that_changes_nothing_is_not_logged(store: Store) -> None:
    ids = _year(store)
    n = len(store.history("kim"))
    store.edit_note(ids["note"], text="causal inference")
    store.edit_goal("kim", 2027, 1, text="Lead a model review")
    assert len(store.history("kim")) == n


def test_a_brand_new_person_with_nothing_has_nothing_to_correct(store: Store) -> None:
    _kim(store)
    with pytest.raises(NotFound, match="no growth plan"):
        store.edit_goal("kim", 2027, 1, text="x")
    with pytest.raises(NotFound, match="no OKRs"):
        store.delete_key_result("kim", "2027Q1", 1, 1)
    assert [c.action for c in store.history("kim")] == ["add"]


def _as_shared(entry: dict) -> dict:  # type: ignore[type-arg]
    """A change-log entry compared without its audience (that of its entry and of its fields)."""
    return {**entry, "audience": "-", "fields": [{**f, "audience": "-"} for f in entry.get("fields", [])]}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(
    st.sampled_from(["date", "text", "visibility", "follow_up_due", "delete_check_in", "edit_check_in"]),
    st.integers(min_value=1000, max_value=2100), st.integers(min_value=1, max_value=12)), max_size=8))
def test_any_sequence_of_corrections_is_all_or_nothing_and_logged(mem_store: Store, edits) -> None:  # type: ignore[no-untyped-def]
    """Random corrections, some with years no one means: each either lands and is the log's newest entry, or
    is refused and leaves the export (history included) exactly as it was."""
    store = mem_store
    if not store.has_person("kim"):
        _year(store)
    for kind, year, month in edits:
        day = D(year, month, 1)
        before = store.export_person("kim")
        before.pop("exported_at")
        try:
            if kind == "delete_check_in":
                cid = next((c.id for c in store.check_ins("kim")), None)
                if cid is None:
                    continue
                store.delete_check_in(cid)
            elif kind == "edit_check_in":
                cid = next((c.id for c in store.check_ins("kim")), None)
                if cid is None:
                    continue
                store.edit_check_in(cid, date=day, key_results=[])
            else:
                nid = int(store.notes_frame("kim", include_private=True)["id"].iloc[0])
                value = {"date": day, "text": f"words of {year}", "visibility": "shared" if year % 2 else "private",
                         "follow_up_due": day}[kind]
                store.edit_note(nid, **{kind: value, **({"follow_up": "call"} if kind == "follow_up_due" else {})})
        except InputError:
            after = store.export_person("kim")
            after.pop("exported_at")
            assert after == before  # refused: nothing written, not even a log entry
            continue
        after = store.export_person("kim")
        assert len(after["history"]) >= len(before["history"])
        earlier = after["history"][:len(before["history"])]
        went_private = kind == "visibility" and value == "private" and before["notes"][0]["visibility"] == "shared"
        if went_private:  # the one change to past entries: a note made private takes its history with it
            assert all(e["audience"] == "private" for e in earlier if e["record"] == "note" and e["record_id"] == nid)
            earlier = [_as_shared(e) if e["record"] == "note" and e["record_id"] == nid else e for e in earlier]
            before["history"] = [_as_shared(e) if e["record"] == "note" and e["record_id"] == nid else e
                                 for e in before["history"]]
        assert earlier == before["history"]  # appended, never rewritten


def test_support_found_after_the_okrs_were_set_is_added_from_the_command_line(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """There was no `support add`: support a key result turned out to need mid-quarter could only be typed back
    into the OKRs page. From an empty workbook, with a check-in status on the key result that must survive."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        store.save_okrs(QuarterOKRs(person="kim", quarter="2026Q4", objectives=[Objective(
            text="Own the churn model", key_results=[KeyResult(text="Ship churn model v2 by 2026-12-15")])]))
        store.add_check_in(CheckIn(person="kim", date=dt.date(2026, 11, 2), mode="status",
                                   key_results=[KRStatus(objective=1, key_result=1, status="at_risk")]))
    r = cli("support", "add", "kim", "2026Q4", "1", "1", "--who", "Dana", "--what", "A design review",
            "--due", "2026-12-10", db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("added support 1 for O1·KR1 of kim 2026Q4: Dana: A design review")
    listed = cli("support", "list", "kim", db=db).stdout
    assert "O1·KR1  requested  due 2026-12-10" in listed and "Dana: A design review" in listed
    with Store(db) as store:
        assert list(store.kr_status_frame("kim")["status"]) == ["at_risk"]  # the check-in's status survives
        frame = store.support_frame("kim")
        assert len(frame) == 1 and str(frame["requested_on"].iloc[0]) >= "2026-10-01"
    for args, says in [(("kim", "2026Q4", "1", "2"), "has 1 key result, not 2"),
                       (("kim", "2027Q1", "1", "1"), "kim has no OKRs for 2027Q1; set them first"),
                       (("lou", "2026Q4", "1", "1"), "unknown person 'lou'"),
                       (("kim", "2026Q4", "1", "1", "--status", "maybe"),
                        "--status: 'maybe' is not a status; use requested, committed, done or dropped"),
                       (("kim", "2026Q4", "1", "1", "--due", "2031-01-01"), "check the year")]:
        bad = cli("support", "add", *args[:4], "--who", "x", "--what", "y", *args[4:], db=db)
        assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and says in bad.stderr, (args, bad.stderr)
    with Store(db) as store:
        assert len(store.support_frame("kim")) == 1  # nothing half-written by a refused add


def test_goal_priorities_are_checked_when_edited_and_order_the_summary(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A helper set priority 7 on a plan of three goals and gave two goals priority 2: `goal edit` said nothing, and
    the summary listed the goals by number with no priority. A brand-new person, goals and nothing else."""
    from workbook.render.summary import summary_sections

    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        for text in ("Lead the pricing model review", "Mentor two juniors until they ship alone",
                     "Present analyses to executives"):
            store.add_goal("kim", 2027, Goal(text=text))
    r = cli("goal", "edit", "kim", "2027", "2", "--priority", "7", db=db)
    assert r.returncode == 0 and "priority 7 in a plan of 3 goals; priorities go from 1 (first) to 3" in r.stderr, r.stderr
    cli("goal", "edit", "kim", "2027", "2", "--priority", "1", db=db)
    cli("goal", "edit", "kim", "2027", "1", "--priority", "2", db=db)
    r = cli("goal", "edit", "kim", "2027", "3", "--priority", "2", db=db)
    assert "two goals share a priority; agree which comes first" in r.stderr, r.stderr
    r = cli("goal", "edit", "kim", "2027", "3", "--priority", "3", db=db)
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr
    with Store(db) as store:
        goals = summary_sections(store, "kim", "2027Q1", as_of=dt.date(2027, 1, 10))["goals"]
    assert list(goals.table["n"]) == [2, 1, 3] and list(goals.table["priority"]) == ["1", "2", "3"]
    assert goals.columns is not None and goals.columns["priority"] == "Priority"


def test_dates_a_year_of_dogfooding_slipped_through_are_refused_or_filled_in(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A helper's year with a brand-new person: a 'not met' recorded on a day before its quarter began made a summary
    made mid-quarter show it decided; support due before it was asked for was saved without a word; `kr edit --text`
    naming a deadline left an empty target date (as `kr add` fills it). Each is one line now, or filled in."""
    db = tmp_path / "w.db"
    env = {"WORKBOOK_TODAY": "2027-01-15"}
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana Ruiz"))
    for args in (("objective", "add", "ana", "2027Q1", "--text", "Ship the runbook"),
                 ("kr", "add", "ana", "2027Q1", "1", "--text", "Runbook reviewed by on-call by 2027-03-01"),
                 ("kr", "add", "ana", "2027Q1", "1", "--text", "Publish the guide")):
        assert cli(*args, db=db, env=env).returncode == 0
    bad = cli("kr", "edit", "ana", "2027Q1", "1", "1", "--outcome", "not_met", "--outcome-on", "2026-12-01", db=db, env=env)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "before the quarter began (2027-01-01)" in bad.stderr
    dropped = cli("kr", "edit", "ana", "2027Q1", "1", "1", "--outcome", "dropped", "--outcome-on", "2026-12-20",
                  db=db, env=env)
    assert dropped.returncode == 0, dropped.stderr  # dropped before its quarter began: that day can be true
    assert cli("kr", "edit", "ana", "2027Q1", "1", "1", "--outcome", "none", db=db, env=env).returncode == 0
    bad = cli("support", "add", "ana", "2027Q1", "1", "1", "--who", "Jun", "--what", "A review", "--due", "2026-12-01",
              db=db, env=env)
    assert bad.returncode == 1 and "support 1 due 2026-12-01 is before the day it was asked for 2027-01-15" in bad.stderr
    assert cli("support", "add", "ana", "2027Q1", "1", "1", "--who", "Jun", "--what", "A review", "--due", "2027-02-01",
               db=db, env=env).returncode == 0
    r = cli("kr", "edit", "ana", "2027Q1", "1", "2", "--text", "Publish the guide, reviewed by 3 leads, by 2027-03-19",
            db=db, env=env)
    assert r.returncode == 0 and "target date 2027-03-19 from 'by 2027-03-19' in its text" in r.stdout, r.stdout
    cli("kr", "edit", "ana", "2027Q1", "1", "2", "--text", "Publish the guide, reviewed by 3 leads, by 2027-03-12",
        db=db, env=env)
    with Store(db) as store:
        krs = store.okrs("ana", "2027Q1").objectives[0].key_results
        assert [k.target_date for k in krs] == [dt.date(2027, 3, 1), dt.date(2027, 3, 19)]  # a target stays
        assert krs[0].outcome is None and [s.due for s in krs[0].support] == [dt.date(2027, 2, 1)]


def test_a_check_in_giving_one_key_result_two_statuses_is_refused(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`checkin add --status 1.1=on_track --status 1.1=blocked` was saved: the summary's trail showed both and its
    OKR table picked one. From an empty workbook: refused in one line, nothing written; an edit too."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        store.save_okrs(QuarterOKRs(person="kim", quarter="2026Q4", objectives=[Objective(
            text="Own the churn model", key_results=[KeyResult(text="Ship churn model v2 by 2026-12-15")])]))
    r = cli("checkin", "add", "kim", "--date", "2026-11-20", "--status", "1.1=on_track", "--status", "1.1=blocked", db=db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert "O1·KR1 is given two statuses (on_track, blocked); give each key result one status per check-in" in r.stderr
    with Store(db) as store:
        assert store.check_ins_frame("kim").empty
        cid = store.add_check_in(CheckIn(person="kim", date=D(2026, 11, 20),
                                         key_results=[KRStatus(objective=1, key_result=1, status="on_track")]))
        with pytest.raises(InputError, match="two statuses"):
            store.edit_check_in(cid, key_results=[KRStatus(objective=1, key_result=1, status="on_track"),
                                                  KRStatus(objective=1, key_result=1, status="done")])
        assert list(store.kr_status_frame("kim")["status"]) == ["on_track"]


def test_a_check_in_with_statuses_in_a_quarter_with_no_okrs_says_which_quarter_and_how_to_go_on(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A new user following the README (`init`, `person add kim`, then `checkin add kim --status 1.1=on_track ...`)
    was told "kim has no OKRs for 2026Q4; set them first": not that the quarter came from the check-in's date (today
    by default), nor how to set them. From an empty workbook and a brand-new person: one line naming the quarter,
    where it came from and the command; nothing written; the same check-in without statuses is recorded."""
    import datetime as dt

    from workbook.core.dates import quarter_of

    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", "--ladder", "ladders/data-science.csv", "--track",
               "Data Science", "--level", "1", db=db).returncode == 0
    today = clock.today()
    q = quarter_of(today)
    due = (today + dt.timedelta(days=7)).isoformat()
    r = cli("checkin", "add", "kim", "--status", "1.1=on_track", "--status", "1.2=at_risk:waiting on data",
            "--action", "Draft the rota", "--due", due, db=db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert f"statuses are for {q}, the quarter of its date, and kim has no OKRs for {q}" in r.stderr, r.stderr
    assert f"`workbook objective add kim {q} --text ... --db {db}`" in r.stderr, r.stderr  # the workbook given
    with Store(db) as store:
        assert store.check_ins_frame("kim").empty and store.actions_frame("kim").empty
    ok = cli("checkin", "add", "kim", "--action", "Draft the rota", "--due", due, db=db)
    assert ok.returncode == 0, ok.stderr
    # an objective with no key result yet: the quarter has OKRs, and the line says what it lacks
    assert cli("objective", "add", "kim", q, "--text", "Own the rota", db=db).returncode == 0
    r = cli("checkin", "add", "kim", "--status", "1.1=on_track", db=db)
    assert r.returncode == 1 and "has no OKRs" not in r.stderr, r.stderr
    assert f"objective 1 of kim in {q} has 0 key results, not 1" in r.stderr, r.stderr


def test_history_with_a_misspelt_record_kind_is_an_error_naming_the_kinds(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`history kim --record nonsense` said "no changes recorded" and exited 0, as if nothing had changed."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        store.add_note(Note(person="kim", date=D(2026, 11, 2), direction="pull", topic="goals", text="Wants ML"))
    for extra in ((), ("--json",)):
        bad = cli("history", "kim", "--record", "nonsense", *extra, db=db)
        assert bad.returncode == 1 and bad.stderr.count("\n") == 1, bad.stderr
        assert "--record 'nonsense' is not a kind of record; give one of person, note, growth_plan" in bad.stderr
    good = cli("history", "kim", "--record", "note", db=db)
    assert good.returncode == 0 and "add note of 2026-11-02" in good.stdout, good.stdout


def test_a_follow_up_date_needs_its_words_and_a_follow_up_can_be_closed(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`note add ... --follow-up-due 2026-11-15` with no --follow-up said "follow-up due" and then reminded nobody:
    due, person show and the log name a follow-up by its words. And no command closed a follow-up."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
    alone = cli("note", "add", "kim", "pull", "values", "Values autonomy", "--date", "2026-11-01",
                "--follow-up-due", "2026-11-15", db=db)
    assert alone.returncode == 1 and alone.stderr.count("\n") == 1, alone.stderr
    assert "a follow-up date needs the follow-up itself" in alone.stderr
    with Store(db) as store:
        assert store.notes_frame("kim").empty
    added = cli("note", "add", "kim", "pull", "values", "Values autonomy", "--date", "2026-11-01",
                "--follow-up", "Ask about remote days", "--follow-up-due", "2026-11-15", db=db)
    assert added.returncode == 0, added.stderr
    assert "Ask about remote days" in cli("due", "--as-of", "2026-11-20", db=db).stdout
    done = cli("note", "edit", "1", "--follow-up-done", db=db)
    assert done.returncode == 0 and "follow up done=True" in done.stdout, done.stderr
    assert "Ask about remote days" not in cli("due", "--as-of", "2026-11-20", db=db).stdout
    assert cli("note", "edit", "1", "--follow-up-open", db=db).returncode == 0
    assert "Ask about remote days" in cli("due", "--as-of", "2026-11-20", db=db).stdout


def test_note_edit_refuses_to_leave_a_follow_up_date_without_its_words(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`note add` refused a follow-up date with no follow-up, but `note edit --follow-up ""` (on a note with a date)
    or `note edit --follow-up-due DATE` (on a note with no follow-up) left exactly that note behind."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        dated = store.add_note(Note(person="kim", date=D(2026, 11, 1), direction="pull", topic="values",
                                    text="Values autonomy", follow_up="Ask about remote days", follow_up_due=D(2026, 11, 15)))
        bare = store.add_note(Note(person="kim", date=D(2026, 11, 2), direction="pull", topic="goals", text="Wants ML"))
    for args, field in ((("note", "edit", str(dated), "--follow-up", ""), "follow_up"),
                        (("note", "edit", str(bare), "--follow-up-due", "2026-11-20"), "follow_up_due"),
                        (("note", "edit", str(dated), "--follow-up", " ", "--follow-up-due", "2026-11-20"), "follow_up")):
        refused = cli(*args, db=db)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1, (args, refused.stderr)
        assert f"field {field}: a follow-up date needs the follow-up itself" in refused.stderr, refused.stderr
        assert "--follow-up" in refused.stderr  # the fix, in the command's own words
    with Store(db) as store:
        notes = store.notes_frame("kim", include_private=True).set_index("id")
        assert notes.loc[dated, "follow_up"] == "Ask about remote days" and str(notes.loc[dated, "follow_up_due"]) == "2026-11-15"
        assert notes.loc[bare, "follow_up"] == "" and notes.loc[bare, "follow_up_due"] is None
        assert [c for c in store.history("kim") if c.action == "edit"] == []  # nothing written, not even a log entry
        with pytest.raises(InputError, match="a follow-up date needs the follow-up itself"):
            store.edit_note(bare, follow_up_due=D(2026, 11, 20))
    # the fixes the message names work: clear both, or give the words with the date
    assert cli("note", "edit", str(dated), "--follow-up", "", "--follow-up-due", "none", db=db).returncode == 0
    both = cli("note", "edit", str(bare), "--follow-up", "Send the course list", "--follow-up-due", "2026-11-20", db=db)
    assert both.returncode == 0, both.stderr


def test_a_follow_up_is_marked_done_or_open_only_on_a_note_that_has_one(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`note edit ID --follow-up-done` on a note with no follow-up said "edited" and marked nothing anyone follows."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        bare = store.add_note(Note(person="kim", date=D(2026, 11, 2), direction="pull", topic="goals", text="Wants ML"))
    for flag, state in (("--follow-up-done", "done"), ("--follow-up-open", "open")):
        refused = cli("note", "edit", str(bare), flag, db=db)
        assert refused.returncode == 1 and refused.stdout == "", refused.stdout
        assert refused.stderr == (f"error: note {bare} has no follow-up to mark {state}; add one with --follow-up TEXT "
                                  "(and --follow-up-due YYYY-MM-DD)\n")
    with Store(db) as store:
        assert not store.note(bare).follow_up_done
        assert [c for c in store.history("kim") if c.action == "edit"] == []  # nothing written, not even a log entry
    both = cli("note", "edit", str(bare), "--follow-up", "Send the course list", "--follow-up-done", db=db)
    assert both.returncode == 0, both.stderr  # the fix the message names works, in one command


def test_contradictory_flags_are_refused_naming_both(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`note edit --follow-up-done --follow-up-open` kept the last one given, and `checkin edit --status ...
    --clear-statuses` quietly cleared the statuses just given; `ladder folders --add D --remove D` did both."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        ids = _year(store)
        store.edit_note(ids["note"], follow_up="Ask about the course", follow_up_due=D(2027, 1, 20))
    before = cli("history", "kim", "--json", db=db).stdout
    for args, first, second in (
            (("note", "edit", str(ids["note"]), "--follow-up-done", "--follow-up-open"), "--follow-up-done", "--follow-up-open"),
            (("note", "edit", str(ids["note"]), "--follow-up-open", "--follow-up-done"), "--follow-up-done", "--follow-up-open"),
            (("checkin", "edit", str(ids["check_in"]), "--status", "1.1=done", "--clear-statuses"), "--status",
             "--clear-statuses"),
            (("ladder", "folders", "--add", str(tmp_path), "--remove", str(tmp_path)), f"--add {tmp_path}",
             f"--remove {tmp_path}")):
        refused = cli(*args, db=db)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1, (args, refused.stderr)
        assert f"{first} and {second} contradict each other" in refused.stderr, refused.stderr
    assert cli("history", "kim", "--json", db=db).stdout == before  # nothing written
    with Store(db) as store:
        assert list(store.kr_status_frame("kim")["status"]) == ["on_track"]
        assert tmp_path.resolve() in store.ladder_folders()  # the workbook's own folder, still allowed, nothing added
    # one of each pair still works
    assert cli("note", "edit", str(ids["note"]), "--follow-up-done", db=db).returncode == 0
    assert cli("note", "edit", str(ids["note"]), "--follow-up-open", db=db).returncode == 0
    assert cli("checkin", "edit", str(ids["check_in"]), "--clear-statuses", db=db).returncode == 0


def test_support_list_takes_the_quarter_as_support_add_does(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`support add kim 2026Q4 1 1` took the quarter in its place, but `support list kim 2026Q4` was a usage error:
    only `-q 2026Q4` worked. Both work now (old scripts keep -q); two different quarters are refused."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        for quarter in ("2026Q4", "2027Q1"):
            store.save_okrs(QuarterOKRs(person="kim", quarter=quarter, objectives=[Objective(
                text="Own the churn model", key_results=[KeyResult(text=f"Ship churn model v2 in {quarter}")])]))
    for quarter, who in (("2026Q4", "Dana"), ("2027Q1", "Eli")):
        assert cli("support", "add", "kim", quarter, "1", "1", "--who", who, "--what", "A review", db=db).returncode == 0
    for args in (("2026q4",), ("-q", "2026Q4"), ("--quarter", "2026Q4"), ("2026Q4", "-q", "2026Q4")):
        listed = cli("support", "list", "kim", *args, db=db)
        assert listed.returncode == 0, (args, listed.stderr)
        assert "2026Q4 O1·KR1" in listed.stdout and "Dana: A review" in listed.stdout and "Eli" not in listed.stdout
    assert "Eli: A review" in cli("support", "list", "kim", db=db).stdout and "Dana" in cli("support", "list", "kim", db=db).stdout
    both = cli("support", "list", "kim", "2026Q4", "-q", "2027Q1", db=db)
    assert both.returncode == 1 and both.stderr == "error: two quarters given, 2026Q4 and --quarter 2027Q1; give one\n"
    bad = cli("support", "list", "kim", "2026Q9", db=db)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "2026Q9" in bad.stderr


def test_trial_runs_from_the_command_line_agreed_then_debriefed(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """From an empty workbook and a person with no OKRs: `checkin add --trial-run` agrees trial runs (followed up
    at the next check-in, as the page does), the check-in page's carried-forward list offers them to debrief,
    and `checkin debrief` closes one by a few of its words; a wrong or ambiguous name is one line, nothing
    written."""
    from workbook.stages.checkin import TRIAL_FOLLOW_UP_DAYS, carried_forward

    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "ana", "--name", "Ana Ruiz", db=db).returncode == 0
    added = cli("checkin", "add", "ana", "--date", "2026-12-01", "--mode", "unblock", "--obstacle", "fear of saying no",
                "--trial-run", "Draft the reply declining the extra report; share it with me first",
                "--trial-run", "Rehearse the roadmap talk with me", db=db)
    assert added.returncode == 0, added.stderr
    assert "1 obstacle, 2 trial runs, 0 actions" in added.stdout
    with Store(db) as store:
        trials = store.trial_runs_frame("ana")
        assert list(trials["status"]) == ["planned", "planned"]
        assert set(trials["follow_up_on"].map(str)) == {str(D(2026, 12, 1) + dt.timedelta(days=TRIAL_FOLLOW_UP_DAYS))}
        assert len(carried_forward(store, "ana", "2026Q4", D(2026, 12, 15)).trial_runs_to_debrief) == 2
    for words, says in (("with me", "more than one trial run of ana to debrief has the words 'with me'"),
                        ("juggling", "no trial run of ana to debrief has the words 'juggling'"),
                        ("rep", "no trial run of ana to debrief has the words 'rep'")):  # whole words only
        bad = cli("checkin", "debrief", "ana", words, "--debrief", "went well", db=db)
        assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and says in bad.stderr, bad.stderr
    no_words = cli("checkin", "debrief", "ana", "reply", db=db)
    assert no_words.returncode == 1 and "--debrief TEXT" in no_words.stderr
    done = cli("checkin", "debrief", "ana", "the REPLY", "--debrief", "Sent it; the PM dropped the report", db=db)
    assert done.returncode == 0 and done.stdout.startswith("debriefed: ana's trial run 'Draft the reply"), done.stderr
    sent = cli("checkin", "debrief", "ana", "roadmap", "--sent", db=db)
    assert sent.returncode == 0, sent.stderr
    with Store(db) as store:
        trials = store.trial_runs_frame("ana")
        assert list(zip(trials["status"], trials["debrief"], strict=True)) == [
            ("debriefed", "Sent it; the PM dropped the report"), ("sent", "")]
        left = carried_forward(store, "ana", "2026Q4", D(2026, 12, 15)).trial_runs_to_debrief
        assert list(left["text"]) == ["Rehearse the roadmap talk with me"]
    history = cli("history", "ana", db=db).stdout
    assert "status: planned → debriefed" in history and "status: planned → sent" in history


def _kim_with_a_goal_and_a_key_result(tmp_path: Path) -> Path:
    """A new workbook with one brand-new person, Kim: one 2027 goal and one 2027Q1 objective with one key result."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Park"))
        store.save_plan(GrowthPlan(person="kim", year=2027, goals=[Goal(text="Design experiments")]))
        store.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[Objective(
            text="Own the churn model", key_results=[KeyResult(text="Ship churn model v2 by 2027-03-15")])]))
    return db


@pytest.mark.parametrize("args", [
    ("goal", "status", "kimm", "2027", "agreed"),
    ("goal", "edit", "kimm", "2027", "1", "--text", "x"),
    ("goal", "delete", "kimm", "2027", "1", "--yes"),
    ("objective", "edit", "kimm", "2027Q1", "1", "--text", "x"),
    ("objective", "delete", "kimm", "2027Q1", "1", "--yes"),
    ("kr", "edit", "kimm", "2027Q1", "1", "1", "--text", "x"),
    ("kr", "delete", "kimm", "2027Q1", "1", "1", "--yes"),
    ("kr", "move", "kimm", "2027Q1", "1", "1"),
])
def test_a_misspelt_person_is_named_as_unknown_by_every_goal_and_okr_correction(cli, tmp_path, args) -> None:  # type: ignore[no-untyped-def]
    """A new manager typing `workbook goal status kimm 2027 agreed` was told "kimm has no growth plan for 2027; add
    its goals first (`workbook goal add`)", and `goal add kimm` then said the person is unknown; `goal add`, `kr add`
    and the rest say it at once. From an empty workbook with one brand-new person: one line, nothing written."""
    db = _kim_with_a_goal_and_a_key_result(tmp_path)
    with Store(db) as store:
        before = len(store.history("kim"))
    r = cli(*args, db=db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith("error: unknown person 'kimm' (did you mean kim (Kim Park)?"), r.stderr
    with Store(db) as store:
        assert len(store.history("kim")) == before


def test_a_competency_typed_another_way_is_kept_as_the_ladder_spells_it(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`workbook goal edit kim 2027 1 --competency "mentoring and citizenship"` was accepted as the ladder's
    "Mentoring & citizenship" but stored as typed, so the goals page and the summary listed "mentoring and
    citizenship". From an empty workbook and a brand-new person: stored and shown as the ladder spells it."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Park", ladder="ladders/data-science.csv", track="Data Science",
                                level="1"))
    r = cli("goal", "add", "kim", "2027", "--text", "Onboard the next new teammate",
            "--competency", "mentoring and citizenship", db=db)
    assert r.returncode == 0, r.stderr
    r = cli("goal", "add", "kim", "2027", "--text", "Design experiments", db=db)
    r = cli("goal", "edit", "kim", "2027", "2", "--competency", "technical depth (modeling)", db=db)
    assert r.returncode == 0 and "competencies=['Technical depth (modeling)']" in r.stdout, r.stdout + r.stderr
    with Store(db) as store:
        plan = store.plan("kim", 2027)
        assert plan is not None
        assert [g.competencies for g in plan.goals] == [["Mentoring & citizenship"], ["Technical depth (modeling)"]]


@pytest.mark.parametrize(("args", "says"), [
    (("goal", "delete", "kim", "2027", "3", "--yes"), "kim's 2027 plan has 1 goal, not 3"),
    (("goal", "delete", "kim", "2028", "1", "--yes"), "kim has no growth plan for 2028; add its goals first"),
    (("goal", "status", "kim", "2028", "agreed"), "kim has no growth plan for 2028; add its goals first"),
    (("objective", "delete", "kim", "2027Q1", "2", "--yes"), "kim has 1 objective in 2027Q1, not 2"),
    (("objective", "delete", "kim", "2027Q2", "1", "--yes"), "kim has no OKRs for 2027Q2"),
    (("kr", "delete", "kim", "2027Q1", "1", "2", "--yes"), "objective 1 of kim in 2027Q1 has 1 key result, not 2"),
])
def test_a_deletion_of_what_is_not_there_says_what_is(cli, tmp_path, args, says) -> None:  # type: ignore[no-untyped-def]
    """`goal delete kim 2027 3` said "kim has no goal 3 in 2027" where `goal edit` says how many goals the plan has:
    every deletion and its edit now say the same, one line, nothing deleted. From an empty workbook."""
    db = _kim_with_a_goal_and_a_key_result(tmp_path)
    with Store(db) as store:
        before = store.count_rows()
    r = cli(*args, db=db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert says in r.stderr, r.stderr
    with Store(db) as store:
        assert store.count_rows() == before


def test_goal_and_objective_list_show_the_numbers_the_edits_take_from_an_empty_workbook(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A new manager had no way on the command line to see a person's goals or OKRs, and so the numbers `goal edit`
    and `kr edit` take: `note`, `checkin`, `action` and `support` had `list`, `goal` and `objective` had not. From
    an empty workbook and a brand-new person: nothing yet (with the command that adds), then goals with no OKRs,
    then OKRs serving no goal in another year (sparse), each with its number, verdict and support."""
    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Park", ladder="ladders/data-science.csv", track="Data Science",
                                level="1"))
    r = cli("goal", "list", "kim", db=db)
    assert r.returncode == 0 and r.stdout == "no growth goals for kim yet: add them with `workbook goal add kim YEAR " \
                                             "--text ...`\n", r.stdout
    r = cli("objective", "list", "kim", "2027q1", db=db)
    assert r.returncode == 0 and "no OKRs for kim in 2027Q1 yet: add an objective with `workbook objective add kim " \
                                 "2027Q1 --text ...`" in r.stdout, r.stdout
    assert cli("goal", "add", "kim", "2027", "--text", "Lead one analysis end to end", "--competency",
               "technical depth (modeling)", db=db).returncode == 0
    assert cli("goal", "add", "kim", "2027", "--text", "Say no more often", db=db).returncode == 0
    assert cli("goal", "edit", "kim", "2027", "2", "--priority", "1", "--feedback", "Protect focus time",
               db=db).returncode == 0
    r = cli("goal", "list", "kim", db=db)
    assert r.returncode == 0 and r.stdout.splitlines() == [
        "2027 plan: draft, drafted by the report (2 goals of at most 3)",
        "  1. Lead one analysis end to end",
        "      builds: Technical depth (modeling)",
        "  2. (priority 1) Say no more often",
        "      feedback: Protect focus time"], r.stdout
    assert cli("objective", "list", "kim", db=db).stdout.startswith("no OKRs for kim yet")  # goals, no OKRs
    assert cli("objective", "add", "kim", "2028Q1", "--text", "Own the retention analysis", db=db).returncode == 0
    r = cli("objective", "list", "kim", db=db)
    assert "O1 Own the retention analysis (serves no goal)" in r.stdout and "no key result yet: `workbook kr add kim " \
                                                                          "2028Q1 1 --text ...`" in r.stdout, r.stdout
    assert cli("kr", "add", "kim", "2028Q1", "1", "--text", "Present the analysis to the product leads by 2028-03-15",
               db=db).returncode == 0
    assert cli("kr", "add", "kim", "2028Q1", "1", "--text", "Improve stakeholder communication", db=db).returncode == 0
    assert cli("support", "add", "kim", "2028Q1", "1", "1", "--who", "Dana", "--what", "Review the plan",
               db=db).returncode == 0
    lines = cli("objective", "list", "kim", "2028Q1", db=db).stdout.splitlines()
    assert lines[0] == "2028Q1: 1 objective" and lines[2] == "    O1·KR1 Present the analysis to the product leads by " \
                                                             "2028-03-15", lines
    assert lines[3].split() == ["target", "2028-03-15", "·", "measurable", "·", "support:", "Dana:", "Review", "the",
                                "plan", "(requested)"], lines
    assert lines[4] == "    O1·KR2 Improve stakeholder communication", lines
    assert lines[5].strip().startswith("no target date · not measurable yet: vague verb 'improve'"), lines
    assert cli("kr", "move", "kim", "2028Q1", "1", "2", db=db).returncode == 0  # its lineage is listed
    lines = cli("objective", "list", "kim", db=db).stdout.splitlines()
    assert lines[:4] == ["2028Q2: 1 objective", "  O1 Own the retention analysis (serves no goal)",
                         "    O1·KR1 Improve stakeholder communication",
                         "          no target date · not measurable yet: vague verb 'improve' with no measure and no "
                         "target value · continues 2028Q1 O1·KR2"], lines
    assert cli("goal", "list", "kim", "2028", db=db).stdout.startswith("no growth goals for kim in 2028 yet")
    r = cli("goal", "list", "kimm", db=db)
    assert r.returncode == 1 and r.stderr.startswith("error: unknown person 'kimm'"), r.stderr


def test_with_its_last_objective_deleted_a_quarter_has_no_okrs_and_an_import_may_set_them(any_store: Store) -> None:
    """Deleting a quarter's last objective left an empty set: `due` and `objective list` said "no OKRs yet", while
    an import of that quarter was refused ("already has OKRs"), an export wrote an empty quarter and `person show`
    counted it. Now the set goes with its last objective; a workbook that kept one from before takes the import."""
    import sqlalchemy as sa

    from workbook.exchange.importer import import_data
    from workbook.store.schema import quarters_t

    store = any_store
    store.add_person(Person(id="kim", name="Kim Lee"))
    store.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[Objective(text="Mentor")]))
    store.delete_objective("kim", "2027Q1", 1)
    assert store.okrs("kim", "2027Q1") is None and store.kr_ids("kim", "2027Q1") is None
    assert [q["quarter"] for q in store.export_person("kim").get("okrs", [])] == []
    entry = {"person": "kim", "quarter": "2027Q1",
             "objectives": [{"text": "Mentor", "key_results": [{"text": "Pair 6 times with Ben by 2027-03-15"}]}]}
    import_data(store, {"okrs": [entry]})
    assert [k.text for k in store.okrs("kim", "2027Q1").objectives[0].key_results] == ["Pair 6 times with Ben by 2027-03-15"]
    with pytest.raises(InputError, match="already has OKRs for 2027Q1"):  # a set with objectives still refuses one
        import_data(store, {"okrs": [entry]})
    with store.atomic() as conn:  # an empty set an older version kept
        conn.execute(quarters_t.insert().values(person_id="kim", quarter="2027Q2"))
    assert store.okrs("kim", "2027Q2").objectives == []
    import_data(store, {"okrs": [{**entry, "quarter": "2027Q2"}]})
    assert len(store.okrs("kim", "2027Q2").objectives) == 1
    with store.atomic() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(quarters_t)).scalar_one() == 2


def test_a_check_in_moves_to_another_quarter_with_that_quarter_s_statuses_given_in_the_same_edit(store: Store) -> None:
    """`checkin edit ID --date (another quarter) --status 1.1=at_risk` was refused with "clear the statuses first":
    the statuses given with the new date are for the new quarter's key results, so the move and its statuses are one
    edit (found by a helper). Keeping the old quarter's statuses under the new date is still refused."""
    ids = _year(store)  # a check-in on 2027-01-15 with a status for 2027Q1's O1·KR1
    store.save_okrs(QuarterOKRs(person="kim", quarter="2026Q4", objectives=[Objective(text="Finish the audit", key_results=[
        KeyResult(text="Publish the audit report by 2026-12-18")])]))
    with pytest.raises(InputError, match=r"give its statuses for 2026Q4 in the same edit, or clear them"):
        store.edit_check_in(ids["check_in"], date=D(2026, 12, 20))
    moved = store.edit_check_in(ids["check_in"], date=D(2026, 12, 20),
                                key_results=[KRStatus(objective=1, key_result=1, status="at_risk", note="late data")])
    assert moved.date == D(2026, 12, 20) and [(s.objective, s.key_result, s.status) for s in moved.key_results] == [
        (1, 1, "at_risk")]
    statuses = store.kr_status_frame("kim")
    assert list(statuses["kr_text"]) == ["Publish the audit report by 2026-12-18"], statuses.to_dict("records")
    assert _fields(_last(store, "check_in"))["date"] == ("2027-01-15", "2026-12-20")
    with pytest.raises(NotFound, match="objective 1 of kim in 2027Q1 has 2 key results, not 3"):  # nothing written
        store.edit_check_in(ids["check_in"], date=D(2027, 1, 16),
                            key_results=[KRStatus(objective=1, key_result=3, status="done")])
    assert store.check_in(ids["check_in"]).date == D(2026, 12, 20)


def test_a_start_date_typed_ahead_can_be_corrected(any_store: Store) -> None:
    """A helper added Lea with --started a quarter ahead; `person edit lea --started` (the right day) was refused:
    'effective date (today) is before lea's start date', the start date being corrected. A dated change is held to
    the start date as the edit leaves it, and a change that dates nothing (the start date alone) is not held."""
    store = any_store
    today = clock.today()
    store.add_person(Person(id="lea", name="Lea", started=today + dt.timedelta(days=60)))
    assert store.edit_person("lea", started=today - dt.timedelta(days=7)).started == today - dt.timedelta(days=7)
    with pytest.raises(InputError, match="effective date .* is before lea's start date"):
        store.edit_person("lea", name="Lea Moreau", effective=today - dt.timedelta(days=30))
    store.edit_person("lea", name="Lea Moreau", started=today - dt.timedelta(days=40), effective=today - dt.timedelta(days=30))
    assert store.person("lea").name == "Lea Moreau"


def test_a_command_run_twice_adds_nothing_the_second_time_and_a_leaver_is_named(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`checkin add` and `note add` run twice (the shell's last command again) added the same conversation twice, and
    a check-in or note for someone archived was added with no word that the home page and batches no longer show
    them. From an empty workbook and a brand-new person: the repeat is one line naming the record and the command
    that changes it, exit 1, nothing written; a second, different check-in that day is kept and said; a record for a
    leaver is kept with a warning naming `person unarchive`."""
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", db=db).returncode == 0
    check_in = ("checkin", "add", "kim", "--date", "2026-12-01", "--action", "Draft the rota", "--summary", "rota")
    first = cli(*check_in, db=db)
    assert first.returncode == 0 and not first.stderr, first.stderr
    again = cli(*check_in, db=db)
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "Traceback" not in again.stderr, again.stderr
    assert "check-in 1 with kim on 2026-12-01 already says word for word what this one says; nothing added" \
        in again.stderr and "`workbook checkin edit 1" in again.stderr, again.stderr
    with Store(db) as store:
        assert len(store.check_ins("kim")) == 1 and len(store.actions_frame("kim")) == 1
        assert len(store.history("kim")) == 2  # the person and one check-in: the refused one logged nothing
    other = cli("checkin", "add", "kim", "--date", "2026-12-01", "--mode", "unblock", "--obstacle", "fear", db=db)
    assert other.returncode == 0, other.stderr
    assert "warning: there was already a check-in with kim on 2026-12-01 (1); both are kept" in other.stderr, other.stderr
    third = cli("checkin", "add", "kim", "--date", "2026-12-01", "--summary", "a third", db=db)
    assert "warning: there was already a check-in with kim on 2026-12-01 (1, 2); all are kept" in third.stderr, third.stderr
    note = ("note", "add", "kim", "pull", "goals", "Wants to lead the rota", "--date", "2026-12-01")
    assert cli(*note, db=db).returncode == 0
    again = cli(*note, db=db)
    assert again.returncode == 1 and again.stderr.count("\n") == 1, again.stderr
    assert "note 1 about kim already says word for word what this one says; nothing added" in again.stderr, again.stderr
    # the same words on another day, or shared instead of private, are another note
    assert cli(*note[:-1], "2026-12-02", db=db).returncode == 0
    assert cli(*note, "--shared", db=db).returncode == 0
    assert cli("person", "archive", "kim", db=db).returncode == 0
    late = cli("checkin", "add", "kim", "--date", "2026-12-03", db=db)
    assert late.returncode == 0, late.stderr
    assert "warning: kim is archived (a leaver): the check-in is kept with their records" in late.stderr, late.stderr
    assert "`workbook person unarchive kim`" in late.stderr, late.stderr
    late = cli("note", "add", "kim", "pull", "goals", "Leaving for a startup", "--date", "2026-12-03", db=db)
    assert late.returncode == 0 and "warning: kim is archived (a leaver): the note is kept" in late.stderr, late.stderr
    with Store(db) as store:
        assert len(store.check_ins("kim")) == 4 and len(store.notes_of("kim")) == 4


def test_a_repeat_is_judged_only_by_someone_who_may_write_and_never_on_words_they_cannot_read(cli, tmp_path,
                                                                                           pg_url) -> None:  # type: ignore[no-untyped-def]
    """A helper found HR, a skip-level and the report told "check-in 1 ... already says word for word what this one
    says" for a check-in whose summary and obstacle they cannot read, with a `checkin edit` they may not run; and a
    workbook opened without its key called a private note's placeholder a repeat. Those who may not write get their
    rights' refusal; a sealed note nobody here can open is never a repeat."""
    from test_due import _org_of_users

    urls = _org_of_users(pg_url, [("bea", "Bea Oss", ""), ("max", "Max Ger", "bea"), ("rae", "Rae Port", "max")],
                         {"bea": {"person": "bea"}, "max": {"person": "max"}, "rae": {"person": "rae"},
                          "hr-lee": {"hr": True}})
    day = ("--date", "2026-12-01")
    ok = cli("checkin", "add", "rae", *day, "--summary", "worried about burnout", "--obstacle", "imposter feelings",
             db=urls["max"])
    assert ok.returncode == 0, ok.stderr
    assert cli("note", "add", "rae", "pull", "interests", "Wants to lead reviews", "--shared", *day,
               db=urls["max"]).returncode == 0
    for who in ("hr-lee", "bea", "rae"):
        for args in (("checkin", "add", "rae", *day), ("note", "add", "rae", "pull", "interests",
                                                         "Wants to lead reviews", "--shared", *day)):
            r = cli(*args, db=urls[who])
            assert r.returncode == 1 and "refused by your rights" in r.stderr, (who, r.stderr)
            assert "word for word" not in r.stderr, (who, r.stderr)
    # the manager's own repeat is still one
    again = cli("checkin", "add", "rae", *day, "--summary", "worried about burnout", "--obstacle", "imposter feelings",
                db=urls["max"])
    assert again.returncode == 1 and "already says word for word" in again.stderr, again.stderr
    # a SQLite workbook opened without its key: the private note reads as a placeholder, which is no repeat of it
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", db=db).returncode == 0
    assert cli("note", "add", "kim", "pull", "goals", "Wants to lead", *day, db=db).returncode == 0
    placeholder = cli("note", "add", "kim", "pull", "goals", "[private note: key not available]", *day, db=db,
                      env={"WORKBOOK_NO_KEYS": "1"})
    assert "word for word" not in placeholder.stderr, placeholder.stderr
