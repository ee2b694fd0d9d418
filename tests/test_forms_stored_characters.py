"""The stage forms and text stored before text_problem refused its characters (decision 0019): kept as stored, it
is no reason to refuse a save; typed now, it is refused next to its field and nothing is saved; retyped clean, it is
fixed. The characters are written straight into a real SQLite file with sqlite3, as an older version or a hand edit
left them, and the forms are driven in Python."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

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
from workbook.forms.checkin import CheckInForm
from workbook.forms.close import QuarterCloseForm
from workbook.forms.conversation_log import NoteForm
from workbook.forms.goals import GoalsForm
from workbook.forms.okrs import OKRForm
from workbook.forms.report_side import GoalsSidePanel
from workbook.stages.context import StageContext
from workbook.store import Store

RLO, ESC = "\u202e", "\x1b[31m"
OLD = f"{RLO}{ESC}"  # what an older version let through: a right-to-left override and a terminal escape
BELL = "\x07"
KR1 = "Present the pricing model at the partner review by 2027-03-15"
KR2 = "Write two design notes reviewed by the tech lead by 2027-03-20"


def _append_old_characters(db: Path, table: str, column: str = "text", where: str = "1=1") -> None:
    """Append OLD to ``table.column`` straight in the database file, past every check the workbook makes."""
    con = sqlite3.connect(db)
    with con:
        con.execute(f"UPDATE {table} SET {column} = {column} || ? WHERE {where}", (OLD,))
    con.close()


def _ana_with_okrs(db: Path, *key_results: KeyResult) -> Store:
    """A workbook at ``db`` with Ana and one objective of 2027Q1 holding ``key_results``; returned open."""
    store = Store(db)
    store.add_person(Person(id="ana", name="Ana Souza"))
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(
        text="Be a trusted partner in pricing", key_results=list(key_results))]))
    return store


def test_the_okr_form_saves_a_quarter_whose_key_result_holds_an_old_character(tmp_path: Path) -> None:
    db = tmp_path / "okrs.db"
    _ana_with_okrs(db, KeyResult(text=KR1), KeyResult(text=KR2)).close()
    _append_old_characters(db, "key_results", where="position = 1")
    with Store(db) as store:
        form = OKRForm(store, "ana", "2027Q1")
        kr1, kr2 = form.objectives[0].kr_rows
        assert kr1.text.value == KR1 + OLD
        # a change elsewhere on the page: saved, the old text kept as it was
        kr2.target.value = dt.date(2027, 3, 20)
        assert form.save(), form.findings.value + form.status_line.value
        saved = store.okrs("ana", "2027Q1").objectives[0].key_results  # type: ignore[union-attr]
        assert saved[1].target_date == dt.date(2027, 3, 20) and saved[0].text == KR1 + OLD
        # a bad character typed now: refused next to the field, naming it, and nothing saved
        form.objectives[0].text.value = "Be a trusted partner in pricing and planning"
        kr2.text.value = f"{KR2}{BELL}"
        assert not form.save()
        assert "text contains U+0007" in kr2.text.error.value
        assert kr1.text.error.value == "" and "Nothing saved" in form.status_line.value
        after = store.okrs("ana", "2027Q1")
        assert after is not None and after.objectives[0].text == "Be a trusted partner in pricing"
        assert after.objectives[0].key_results[1].text == KR2
        # the same character as the stored text holds, typed into another field, is new input there too
        kr2.text.value = f"{KR2}{RLO}"
        assert not form.save() and "U+202E" in kr2.text.error.value
        # retyped clean: saved and fixed
        kr1.text.value, kr2.text.value = KR1, KR2
        assert form.save(), form.findings.value
        fixed = store.okrs("ana", "2027Q1")
        assert fixed is not None and [k.text for k in fixed.objectives[0].key_results] == [KR1, KR2]
        assert fixed.objectives[0].text == "Be a trusted partner in pricing and planning"


def test_the_goals_form_saves_a_plan_whose_goal_holds_an_old_character(tmp_path: Path) -> None:
    db = tmp_path / "goals.db"
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana Souza"))
        store.save_plan(GrowthPlan(person="ana", year=2027, status="in_discussion", goals=[
            Goal(text="Lead the pricing review with partners", priority=1),
            Goal(text="Mentor two new analysts through their first quarter", priority=2)]))
    _append_old_characters(db, "goals", where="position = 1")
    with Store(db) as store:
        form = GoalsForm(store, "ana", 2027)
        first, second = form.rows
        assert OLD in first.text.value + first.draft.value
        # a change elsewhere: the second goal's priority
        first.priority.value, second.priority.value = 2, 1
        assert form.save(), form.findings.value + form.status_line.value
        plan = store.plan("ana", 2027)
        assert plan is not None and [g.priority for g in plan.goals] == [2, 1]
        assert plan.goals[0].text == f"Lead the pricing review with partners{OLD}"
        # typed now: refused next to the field that holds it, nothing saved
        second.draft.value = f"Mentor two new analysts{ESC}"
        second.priority.value = 3
        assert not form.save()
        assert "draft contains U+001B" in second.draft.error.value
        plan = store.plan("ana", 2027)
        assert plan is not None and [g.priority for g in plan.goals] == [2, 1]
        # retyped clean: saved and fixed
        second.draft.value = ""
        for row, wording in ((first, "Lead the pricing review with partners"), (second, "Mentor two new analysts")):
            row.draft.value, row.text.value = "", wording
        assert form.save(), form.findings.value
        plan = store.plan("ana", 2027)
        assert plan is not None
        assert [g.text for g in plan.goals] == ["Lead the pricing review with partners", "Mentor two new analysts"]


def test_the_check_in_form_edits_a_check_in_whose_obstacle_holds_an_old_character(tmp_path: Path) -> None:
    db = tmp_path / "checkin.db"
    with _ana_with_okrs(db, KeyResult(text=KR1)) as store:
        cid = store.add_check_in(CheckIn(
            person="ana", date=dt.date(2027, 1, 29), mode="unblock", summary="First talk",
            key_results=[KRStatus(objective=1, key_result=1, status="at_risk", note="slides not started")],
            obstacles=[Obstacle(kind="", text="Says yes to every partner request")],
            trial_runs=[TrialRun(text="Draft the reply to the next request")]))
    for table, column in (("obstacles", "text"), ("trial_runs", "text"), ("kr_statuses", "note")):
        _append_old_characters(db, table, column)
    with Store(db) as store:
        form = CheckInForm(store, "ana", "2027Q1", dt.date(2027, 2, 12))
        form.edit(cid)
        assert form.obstacles[0].text.value.endswith(OLD)
        # a change elsewhere on the page: the key result's status
        form.kr_rows[0].status.value = "on_track"
        assert form.save(), form.findings.value + form.status_line.value
        after = store.check_in(cid)
        assert after.key_results[0].status == "on_track"
        assert after.obstacles[0].text.endswith(OLD) and after.trial_runs[0].text.endswith(OLD)
        # typed now, in the same kind of field as the stored one: refused there, naming it, nothing saved
        form = CheckInForm(store, "ana", "2027Q1", dt.date(2027, 2, 12))
        form.edit(cid)
        form.kr_rows[0].status.value = "done"
        form.add_trial_run().text.value = f"Rehearse the talk{BELL}"
        assert not form.save()
        assert re.search(r"text contains U\+0007", form.trials[-1].text.error.value)
        assert form.obstacles[0].text.error.value == "" and form.trials[0].text.error.value == ""
        assert store.check_in(cid).key_results[0].status == "on_track"
        # retyped clean: saved and fixed
        form.trials[-1].text.value = "Rehearse the talk"
        form.obstacles[0].text.value = "Says yes to every partner request"
        form.trials[0].text.value = "Draft the reply to the next request"
        form.kr_rows[0].note.value = "slides started"
        assert form.save(), form.findings.value
        fixed = store.check_in(cid)
        assert fixed.key_results[0].status == "done" and fixed.key_results[0].note == "slides started"
        assert [o.text for o in fixed.obstacles] == ["Says yes to every partner request"]
        assert [t.text for t in fixed.trial_runs] == ["Draft the reply to the next request", "Rehearse the talk"]


def test_the_close_form_saves_a_quarter_whose_outcome_note_holds_an_old_character(tmp_path: Path) -> None:
    db = tmp_path / "close.db"
    _ana_with_okrs(db, KeyResult(text=KR1, outcome="met", outcome_note="Presented on 12 March"),
                   KeyResult(text=KR2)).close()
    _append_old_characters(db, "key_results", "outcome_note", "position = 1")
    with Store(db) as store:
        form = QuarterCloseForm(store, "ana", "2027Q1", dt.date(2027, 3, 30))
        first, second = form.rows
        assert first.note.value == f"Presented on 12 March{OLD}"
        second.outcome.value = "partly_met"
        assert form.save(), form.findings.value + form.status_line.value
        krs = store.okrs("ana", "2027Q1").objectives[0].key_results  # type: ignore[union-attr]
        assert krs[1].outcome == "partly_met" and krs[0].outcome_note == f"Presented on 12 March{OLD}"
        second.note.value = f"One note written{BELL}"
        assert not form.save()
        assert "note contains U+0007" in second.note.error.value and first.note.error.value == ""
        assert store.okrs("ana", "2027Q1").objectives[0].key_results[1].outcome_note == ""  # type: ignore[union-attr]
        first.note.value, second.note.value = "Presented on 12 March", "One note written"
        assert form.save(), form.findings.value
        krs = store.okrs("ana", "2027Q1").objectives[0].key_results  # type: ignore[union-attr]
        assert [k.outcome_note for k in krs] == ["Presented on 12 March", "One note written"]


def test_the_note_form_edits_a_note_whose_text_holds_an_old_character(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana Souza"))
        nid = store.add_note(Note(person="ana", date=dt.date(2026, 11, 20), direction="pull", topic="interests",
                                  setting="1:1", text="Enjoys pricing puzzles", visibility="shared"))
    _append_old_characters(db, "notes")
    with Store(db) as store:
        form = NoteForm(store, "ana", dt.date(2026, 11, 27))
        form.edit(nid)
        assert form.text.value == f"Enjoys pricing puzzles{OLD}"
        form.setting.value = "water cooler"
        assert form.save(), form.findings.value + form.status_line.value
        assert store.note(nid).setting == "water cooler" and store.note(nid).text.endswith(OLD)
        form.edit(nid)
        form.follow_up.value = f"Send the pricing paper{ESC}"
        assert not form.save()
        assert "follow_up contains U+001B" in form.follow_up.error.value and form.text.error.value == ""
        assert store.note(nid).follow_up == ""
        form.follow_up.value, form.text.value = "Send the pricing paper", "Enjoys pricing puzzles"
        assert form.save(), form.findings.value
        assert (store.note(nid).text, store.note(nid).follow_up) == ("Enjoys pricing puzzles", "Send the pricing paper")


def _append_old_characters_to_feedback_draft(db: Path, position: int) -> None:
    """Append OLD to the manager's unsent feedback draft on goal ``position`` (a JSON body) in the database file."""
    con = sqlite3.connect(db)
    with con:
        where = "kind = 'feedback' AND state = 'draft' AND position = ?"
        body = json.loads(con.execute(f"SELECT body FROM side_drafts WHERE {where}", (position,)).fetchone()[0])
        body["text"] += OLD
        con.execute(f"UPDATE side_drafts SET body = ? WHERE {where}", (json.dumps(body, ensure_ascii=False), position))
    con.close()


def test_the_goals_form_saves_beside_a_feedback_draft_that_holds_an_old_character(tmp_path: Path) -> None:
    db = tmp_path / "feedback.db"
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana Souza"))
        store.save_plan(GrowthPlan(person="ana", year=2027, status="in_discussion", goals=[
            Goal(text="Lead the pricing review with partners", priority=1)]))
        store.save_draft("ana", "feedback", 2027, 1, {"text": "Say which partners"})
    _append_old_characters_to_feedback_draft(db, 1)
    with Store(db) as store:
        form = GoalsForm(store, "ana", 2027)
        assert form.rows[0].feedback.value == f"Say which partners{OLD}"
        form.rows[0].priority.value = 2
        assert form.save(), form.findings.value + form.status_line.value
        assert store.plan("ana", 2027).goals[0].priority == 2  # type: ignore[union-attr]
        assert store.feedback_drafts("ana", 2027) == {1: f"Say which partners{OLD}"}
        form.rows[0].feedback.value = "Say which partners, by name"
        assert form.save(), form.findings.value
        assert store.feedback_drafts("ana", 2027) == {1: "Say which partners, by name"}


def test_the_feedback_panel_saves_beside_a_feedback_draft_that_holds_an_old_character(tmp_path: Path) -> None:
    db = tmp_path / "panel.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        for pos, text in ((1, "Lead the on-call rota"), (2, "Learn the billing service")):
            store.save_draft("kim", "goal", 2027, pos, {"text": text})
            store.share_draft("kim", "goal", 2027, pos)
        store.save_draft("kim", "feedback", 2027, 1, {"text": "Name the service"})
    _append_old_characters_to_feedback_draft(db, 1)
    with Store(db) as store:
        ctx = StageContext(store=store, person=store.person("kim"), quarter="2027Q1", year=2027,
                           as_of=dt.date(2027, 1, 15), db=store.path)
        panel = GoalsSidePanel(ctx)
        assert panel.feedback[1].value == f"Name the service{OLD}"
        panel.feedback[2].value = "Say by when"
        assert panel.save(), panel.message.value
        assert store.feedback_drafts("kim", 2027) == {1: f"Name the service{OLD}", 2: "Say by when"}
        panel.feedback[2].value = f"Say by when{BELL}"
        assert not panel.save()
        assert "text contains U+0007" in panel.message.value and "nothing was saved" in panel.message.value
        assert store.feedback_drafts("kim", 2027)[2] == "Say by when"
        panel.feedback[1].value, panel.feedback[2].value = "Name the service", "Say by when, please"
        assert panel.save(), panel.message.value
        assert store.feedback_drafts("kim", 2027) == {1: "Name the service", 2: "Say by when, please"}
