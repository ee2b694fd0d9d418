"""Stage 4, bi-weekly check-in: the CheckInForm driven in Python against real SQLite files, and the notebook."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import stage_context

from workbook.coaching import MENTAL_OBSTACLES
from workbook.core.errors import NotFound
from workbook.core.model import (
    Action,
    CheckIn,
    KeyResult,
    KRStatus,
    Objective,
    Person,
    QuarterOKRs,
    Support,
    TrialRun,
)
from workbook.demo import DEMO_AS_OF, DEMO_QUARTER, OVERDUE_SUPPORT, TEAM
from workbook.forms.checkin import (
    CheckInForm,
    obstacle_prompts_html,
    show_check_in_report,
    show_kr_status_timeline,
)
from workbook.render.checkin import check_in_report_html
from workbook.run.batch import NOTEBOOKS_DIR, run_notebook
from workbook.store import Store

DEMO_IDS = [m.id for m in TEAM]
AS_OF = dt.date(2027, 2, 12)
EVIL = "<script>alert(1)</script>"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Ana in 2027Q1: two objectives, three key results, two check-ins, open actions, a trial run, late support."""
    with Store(tmp_path / "checkin.db") as s:
        s.add_person(Person(id="ana", name="Ana Souza"))
        s.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[
            Objective(text="Enhance communication with partners", key_results=[
                KeyResult(text=f"Present at the cross-functional meeting {EVIL}",
                          support=[Support(who="teammate", what="feedback on the slides", due=dt.date(2027, 2, 1))]),
                KeyResult(text="Push back on one low-impact request with a drafted reply"),
            ]),
            Objective(text="Improve modeling", key_results=[
                KeyResult(text="Write a design doc reviewed by the tech lead",
                          support=[Support(who="tech lead", what="design review", status="committed",
                                           due=dt.date(2027, 3, 1))]),
            ]),
        ]))
        s.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 15),
                               key_results=[KRStatus(objective=1, key_result=1, status="on_track")]))
        s.add_check_in(CheckIn(
            person="ana", date=dt.date(2027, 1, 29), mode="unblock", summary=f"talked about pushback {EVIL}",
            key_results=[KRStatus(objective=1, key_result=1, status="at_risk", note=f"slides late {EVIL}"),
                         KRStatus(objective=2, key_result=1, status="blocked", note="no reviewer yet")],
            trial_runs=[TrialRun(text="Draft the reply to the next ad-hoc request", follow_up_on=dt.date(2027, 2, 12))],
            actions=[Action(text=f"Book the review {EVIL}", owner="manager", due=dt.date(2027, 2, 5)),
                     Action(text="Share the slides", due=dt.date(2027, 2, 20))]))
        yield s



def _form(store: Store) -> CheckInForm:
    form = CheckInForm(store, "ana", "2027Q1", AS_OF)
    form.render()
    return form


def _saved(store: Store) -> CheckIn:
    return store.check_ins("ana")[-1]


# -- carried forward first ------------------------------------------------------------------------------------------
def test_carried_forward_block_comes_first_with_the_last_check_in_and_open_actions(store: Store) -> None:
    form = _form(store)
    body = form.widget.children[1]
    assert body is form.carried and "wb-carried-forward" in body._dom_classes
    text = form.carried.children[0].value
    assert "2027-01-29" in text and "unblocking conversation" in text and "no reviewer yet" in text
    assert "Draft the reply to the next ad-hoc request" in text
    actions = " ".join(w.children[0].value for w in form.carried.children if hasattr(w, "children") and w.children)
    assert "Book the review" in actions and "overdue" in actions and "Share the slides" in actions
    assert EVIL not in text + actions and "&lt;script&gt;" in text + actions


def test_an_action_s_owner_reads_as_a_person_not_a_role(store: Store) -> None:
    """A walk saw "draft slides (employee, due ...)" on the check-in page, where the summary says "Ana Souza"."""
    form = _form(store)
    actions = " ".join(w.children[0].value for w in form.carried.children if hasattr(w, "children") and w.children)
    assert "(you, due 2027-02-05)" in actions and "(Ana Souza, due 2027-02-20)" in actions
    report = check_in_report_html(store, "ana", "2027Q1", AS_OF)
    assert ">you<" in report and ">Ana Souza<" in report
    assert ">employee<" not in report and ">manager<" not in report and "(employee" not in actions
    # from an empty workbook: a brand-new person, one check-in, an action with a name typed in
    with Store(store.path.parent / "new.db") as fresh:
        fresh.add_person(Person(id="bo", name="Bo Chen"))
        fresh.add_check_in(CheckIn(person="bo", date=dt.date(2027, 2, 1),
                                   actions=[Action(text="Ask Priya for the dataset", owner="Priya")]))
        html = check_in_report_html(fresh, "bo", "2027Q1", AS_OF)
        assert ">Priya<" in html and "Ask Priya for the dataset" in html


def test_the_form_offers_an_action_s_owner_by_name_and_stores_the_usual_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The check-in form's owner box offered "employee" and "manager" (the stored words) where every page names
    the report and says "you": a new manager saw a next step owned by "employee". From an empty workbook and a
    brand-new person with no OKRs: the choices are their name and "you", stored as "employee" and "manager"; a
    name typed in is kept; an edit shows the saved owners in the same words."""
    with Store(tmp_path / "new.db") as fresh:
        fresh.add_person(Person(id="bo", name="Bo Chen"))
        form = CheckInForm(fresh, "bo", "2026Q4", dt.date(2026, 12, 4))
        form.render()
        assert list(form.actions[0].owner.options) == ["Bo Chen", "you"]
        assert form.actions[0].owner.value == "Bo Chen"
        form.actions[0].text.value = "Draft the analysis plan"
        for text, owner in (("Book the design review", "you"), ("Ask Priya for the dataset", "Priya")):
            row = form.add_action()
            row.text.value, row.owner.value = text, owner
        assert form.save() is True, form.findings.value
        saved = fresh.check_ins("bo")[-1]
        assert [(a.text, a.owner) for a in saved.actions] == [("Draft the analysis plan", "employee"), (
            "Book the design review", "manager"), ("Ask Priya for the dataset", "Priya")]
        again = CheckInForm(fresh, "bo", "2026Q4", dt.date(2026, 12, 4))
        again.render()
        again.edit(int(saved.id))
        assert [a.owner.value for a in again.actions] == ["Bo Chen", "you", "Priya"]


def test_an_open_action_is_marked_done_from_the_form(store: Store) -> None:
    form = _form(store)
    action_id = int(store.actions_frame("ana", open_only=True)["id"].iloc[0])
    form.action_buttons[action_id].click()
    assert form.action_buttons[action_id].disabled and "Done" in form.action_buttons[action_id].description
    assert list(store.actions_frame("ana", open_only=True)["text"]) == ["Share the slides"]
    assert "marked done" in form.status_line.value
    assert form.mark_action_done(99999) is False and "no action with id 99999" in form.findings.value


def test_overdue_support_is_flagged_and_can_be_marked_done(store: Store) -> None:
    form = _form(store)
    assert "wb-overdue-support" in form.support_box._dom_classes
    assert list(form.overdue["what"]) == ["feedback on the slides"]  # the committed one is not due yet
    sid = int(form.overdue["support_id"].iloc[0])
    form.support_buttons[sid].click()
    assert store.support_frame("ana", "2027Q1").set_index("support_id").loc[sid, "status"] == "done"
    assert form.support_buttons[sid].disabled


def test_a_request_nobody_answered_can_be_marked_committed_from_the_check_in(store: Store) -> None:
    form = _form(store)
    sid = int(form.overdue["support_id"].iloc[0])
    assert form.overdue["status"].iloc[0] == "requested" and sid in form.support_commit_buttons
    form.support_commit_buttons[sid].click()
    assert store.support_frame("ana", "2027Q1").set_index("support_id").loc[sid, "status"] == "committed"
    assert form.support_commit_buttons[sid].description == "Committed ✔" and form.support_buttons[sid].disabled
    assert "Support marked committed." in form.status_line.value
    again = _form(store)  # committed but past its date: still to chase, and no "Committed" button now
    assert list(again.overdue["status"]) == ["committed"] and again.support_commit_buttons == {}


def test_demo_overdue_support_is_shown(demo: Store) -> None:
    person, quarter, what = OVERDUE_SUPPORT
    form = CheckInForm(demo, person, quarter, DEMO_AS_OF)
    assert what in list(form.overdue["what"])
    assert form.support_buttons


# -- key result statuses -------------------------------------------------------------------------------------------
def test_statuses_start_at_last_time_and_are_saved_with_notes(store: Store) -> None:
    form = _form(store)
    assert [(r.objective, r.key_result, r.status.value) for r in form.kr_rows] == [
        (1, 1, "at_risk"), (1, 2, ""), (2, 1, "blocked")]
    assert "last time: no reviewer yet" in form.kr_rows[2].note.placeholder
    assert "has passed" not in form.kr_rows[0].field.widget.children[0].value
    form.kr_rows[0].status.value = "on_track"
    form.kr_rows[0].note.value = "slides sent"
    form.kr_rows[2].status.value = "done"
    assert form.save() is True, form.findings.value
    saved = _saved(store)
    assert saved.date == AS_OF and saved.mode == "status"
    assert [(s.objective, s.key_result, s.status, s.note) for s in saved.key_results] == [
        (1, 1, "on_track", "slides sent"), (2, 1, "done", "")]  # "not discussed" records nothing
    assert "Check-in of 2027-02-12 saved" in form.status_line.value


def test_the_quarter_so_far_refreshes_when_the_check_in_saves(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbook.forms import live

    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    form = _form(store)
    ctx = stage_context(store, "ana", "2027Q1", AS_OF)
    show_kr_status_timeline(ctx, form)
    show_check_in_report(ctx, form)
    chart_live, report_live = shown
    assert 'src="data:image/png;base64,' in chart_live.value
    assert "slides sent to the partner team" not in report_live.value
    form.kr_rows[0].status.value = "on_track"
    form.summary.value = "slides sent to the partner team"
    assert form.save() is True
    assert "slides sent to the partner team" in report_live.value  # the new check-in, in the table
    assert 'src="data:image/png;base64,' in chart_live.value
    assert len(shown) == 2


def test_mode_buttons_are_wide_enough_for_their_labels_and_textareas_read_like_prose(store: Store) -> None:
    form = _form(store)
    assert form.mode.style.button_width == "190px"  # "unblock (10-15 min)" in full
    assert "wb-prose" in form.summary.widget._dom_classes
    assert "wb-prose" in form.obstacles[0].text.widget._dom_classes


def test_a_key_result_past_its_target_date_says_so(store: Store) -> None:
    okrs = store.okrs("ana", "2027Q1")
    okrs.objectives[0].key_results[0].target_date = dt.date(2027, 2, 1)
    store.save_okrs(okrs)
    form = _form(store)
    assert "(target 2027-02-01 has passed)" in form.kr_rows[0].field.widget.children[0].value


def test_one_form_saves_one_check_in(store: Store) -> None:
    form = _form(store)
    form.save_button.click()
    assert form.save_button.disabled
    assert form.save() is False and "already saved" in form.findings.value
    assert len(store.check_ins("ana")) == 3


def test_a_second_and_third_check_in_on_a_day_are_kept_and_said(store: Store) -> None:
    """The page said "both are kept" however many check-ins the day held; it now reads the day's check-ins as
    `checkin add` does (stages.checkin.check_in_repeats) and says "both" or "all"."""
    first = _form(store)
    assert first.save() is True and "already a check-in" not in first.findings.value
    second = _form(store)
    second.summary.value = "a second talk"
    assert second.save() is True
    assert f"there was already a check-in on {AS_OF.isoformat()}; both are kept" in second.findings.value
    third = _form(store)
    third.summary.value = "a third talk"
    assert third.save() is True
    assert f"there was already a check-in on {AS_OF.isoformat()}; all are kept" in third.findings.value


# -- unblocking -------------------------------------------------------------------------------------------------------
def test_unblock_mode_reveals_obstacles_trial_runs_and_debriefs(store: Store) -> None:
    form = _form(store)
    assert form.unblock_box.layout.display == "none"
    form.mode.value = "unblock"
    assert form.unblock_box.layout.display == ""
    assert "wb-unblock" in form.unblock_box._dom_classes
    assert [d.trial_text for d in form.debriefs] == ["Draft the reply to the next ad-hoc request"]
    form.mode.value = "status"
    assert form.unblock_box.layout.display == "none"


def test_choosing_an_obstacle_kind_shows_its_reframing_prompts(store: Store) -> None:
    form = _form(store)
    form.mode.value = "unblock"
    row = form.obstacles[0]
    assert row.prompts.value == ""
    kind = "pushing back on stakeholders"
    row.kind.value = kind
    assert "Reframing you can offer" in row.prompts.value
    assert "maximize" in row.prompts.value or "biggest impact" in row.prompts.value
    assert "Trial run" in row.prompts.value
    assert set(MENTAL_OBSTACLES) <= {v for _, v in row.kind.widget.options}
    row.kind.value = "other"
    assert "in their words" in row.prompts.value.lower()
    for k in MENTAL_OBSTACLES:
        assert "<script" not in obstacle_prompts_html(k)


def test_an_unblocking_check_in_saves_obstacles_trial_runs_actions_and_debriefs_together(store: Store) -> None:
    form = _form(store)
    form.mode.value = "unblock"
    form.obstacles[0].kind.value = "pushing back on stakeholders"
    form.obstacles[0].text.value = f"wants to be liked by partners {EVIL}"
    form.trials[0].text.value = "Draft the reply to the pricing team's request and share it before sending"
    assert form.trials[0].follow_up.value == AS_OF + dt.timedelta(days=14)
    form.debriefs[0].debrief.value = "Sent it; the partner agreed to self-serve"
    form.actions[0].text.value = "Send the drafted reply"
    form.actions[0].owner.value = "employee"
    form.actions[0].due.value = dt.date(2027, 2, 19)
    extra = form.add_action()
    extra.text.value = "Ask the tech lead for a review slot"
    extra.owner.value = "manager"
    form.summary.value = "Good progress"
    assert form.save() is True, form.findings.value
    saved = _saved(store)
    assert saved.mode == "unblock" and saved.summary == "Good progress"
    assert [(o.kind, o.text) for o in saved.obstacles] == [
        ("pushing back on stakeholders", f"wants to be liked by partners {EVIL}")]
    assert [(t.text, t.follow_up_on) for t in saved.trial_runs] == [
        ("Draft the reply to the pricing team's request and share it before sending", AS_OF + dt.timedelta(days=14))]
    assert [(a.text, a.owner, a.due) for a in saved.actions] == [
        ("Send the drafted reply", "employee", dt.date(2027, 2, 19)),
        ("Ask the tech lead for a review slot", "manager", None)]
    trials = store.trial_runs_frame("ana")
    old = trials[trials["text"] == "Draft the reply to the next ad-hoc request"].iloc[0]
    assert old["status"] == "debriefed" and old["debrief"] == "Sent it; the partner agreed to self-serve"


def test_a_failing_debrief_saves_nothing_at_all(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    form = _form(store)
    form.mode.value = "unblock"
    form.obstacles[0].text.value = "stuck"
    form.debriefs[0].debrief.value = "went well"

    def gone(*_a: object, **_k: object) -> None:
        raise NotFound("ana has no trial run 'Draft the reply'")

    monkeypatch.setattr(store, "update_trial_run", gone)
    before = store.count_rows("ana")
    assert form.save() is False
    assert "no trial run" in form.findings.value and "Nothing saved" in form.status_line.value
    assert store.count_rows("ana") == before
    assert form.check_in_id is None and not form.save_button.disabled


# -- refusals -------------------------------------------------------------------------------------------------------
def test_a_date_outside_the_quarter_is_refused_and_nothing_is_saved(store: Store) -> None:
    form = _form(store)
    form.date.value = dt.date(2027, 4, 2)
    before = store.count_rows("ana")
    assert form.save() is False
    assert "is in 2027Q2" in form.date.error.value and "Nothing saved" in form.status_line.value
    assert store.count_rows("ana") == before


def test_an_action_needs_text(store: Store) -> None:
    form = _form(store)
    form.actions[0].due.value = dt.date(2027, 2, 20)
    assert form.save() is False
    assert "say what the action is" in form.actions[0].field.error.value
    assert len(store.check_ins("ana")) == 2


@pytest.mark.usefixtures("check_ins_staged_ahead")  # a check-in on 2027-04-09
def test_a_quarter_without_okrs_still_records_actions(store: Store) -> None:
    form = CheckInForm(store, "ana", "2027Q2", dt.date(2027, 4, 9))
    form.render()
    assert form.kr_rows == []
    assert any("no key results for 2027Q2" in getattr(w, "value", "") for w in form.body)
    form.actions[0].text.value = "Draft Q2 OKRs"
    assert form.save() is True, form.findings.value
    assert _saved(store).date == dt.date(2027, 4, 9) and _saved(store).actions[0].text == "Draft Q2 OKRs"


def test_a_blocked_key_result_in_a_status_pass_suggests_unblocking(store: Store) -> None:
    form = _form(store)
    assert form.save() is True
    assert "consider a 10-15 minute unblocking conversation" in form.findings.value


def test_stable_css_classes(store: Store) -> None:
    form = _form(store)
    assert "wb-save" in form.save_button._dom_classes
    assert "wb-findings" in form.findings._dom_classes
    assert "wb-status" in form.status_line._dom_classes
    assert "wb-mode" in form.mode._dom_classes
    assert all("wb-action-done" in b._dom_classes for b in form.action_buttons.values())
    assert "wb-carried-forward" in CheckInForm.__doc__


def test_every_demo_person_gets_a_check_in_form_that_saves(demo: Store) -> None:
    for person in DEMO_IDS:
        form = CheckInForm(demo, person, DEMO_QUARTER, DEMO_AS_OF)
        form.render()
        n = len(demo.check_ins(person))
        assert form.save() is True, (person, form.findings.value)
        assert len(demo.check_ins(person)) == n + 1


# -- the notebook ------------------------------------------------------------------------------------------------------
def test_notebook_is_committed_without_outputs_and_with_the_house_parameters() -> None:
    nb = nbformat.read(NOTEBOOKS_DIR / "04_check_in.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert params[0].source == 'person = ""\nperiod = ""\ndb = ""\nas_of = ""'  # the page's pickers choose
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow
@pytest.mark.parametrize("person", DEMO_IDS)
def test_notebook_runs_headless_for_every_demo_person(person: str, demo_master: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    shutil.copy(demo_master, db)
    out = run_notebook(NOTEBOOKS_DIR / "04_check_in.ipynb", tmp_path / "out.ipynb",
                       {"person": person, "period": DEMO_QUARTER, "db": str(db), "as_of": DEMO_AS_OF.isoformat()})
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert html.count('src="data:image/png;base64,') == 1  # the KR status chart, inline: it is redrawn on save
    assert f"Check-ins in {DEMO_QUARTER}" in html and "Open actions on 2026-12-18" in html
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    state = json.dumps(nb.metadata.get("widgets", {}))
    assert "wb-carried-forward" in state and "wb-save" in state
    with Store(db) as s, Store(demo_master) as master:  # a headless run saves nothing
        assert len(s.check_ins(person)) == len(master.check_ins(person))
