"""A new manager's first days, as a walk through the pages found them: a manager, one report with only a draft
growth goal, one with one OKR and nothing else. Each page names people by name, says what to do next where it
has nothing to show, and offers no button that can do nothing."""

from __future__ import annotations

import datetime as dt

from conftest import widget_values

from workbook.coaching.ladders.person import person_ladder
from workbook.core.model import Goal, GrowthPlan, KeyResult, Objective, Person, QuarterOKRs
from workbook.forms.home import HomePage
from workbook.forms.own_page import MyPage
from workbook.forms.report_side import GoalsSidePanel
from workbook.render.checkin import carried_forward_html
from workbook.render.close import year_review_html
from workbook.stages.checkin import carried_forward
from workbook.stages.close import restart_steps
from workbook.stages.context import StageContext
from workbook.stages.conversation_log import suggest_pushes
from workbook.store import Store

DAY = dt.date(2026, 12, 6)


def _new_team(store: Store) -> None:
    store.add_person(Person(id="mara", name="Mara Ortiz"))
    store.add_person(Person(id="kim", name="Kim Lee", manager="mara"))
    store.add_person(Person(id="sam", name="Sam Rivera", manager="mara"))
    store.save_plan(GrowthPlan(person="kim", year=2026, status="draft", drafted_by="employee",
                               goals=[Goal(text="Become the go-to person for experiment design", position=1)]))
    store.save_okrs(QuarterOKRs(person="sam", quarter="2026Q4", objectives=[
        Objective(text="Make the nightly data pipeline reliable",
                  key_results=[KeyResult(text="Reduce failed nightly runs from 6 to 1 per month")])]))


def test_the_team_list_names_each_manager_by_name_not_by_id(store: Store) -> None:
    """The home page's "Your team" said "Kim Lee (kim) · manager mara": an id where every other page (the due
    list's summary, the report's page, the PDF) says "Mara Ortiz"."""
    _new_team(store)
    team = widget_values(HomePage(store, DAY).team_list.box)
    assert "manager Mara Ortiz" in team and "manager mara" not in team


def test_the_report_s_page_says_what_to_do_next_where_it_has_nothing(store: Store) -> None:
    """Sam's OKR table showed a blank target date and a blank status for a key result nobody checked in on yet
    (the summary says "not started"), and Kim's empty sections stopped at "not agreed yet (draft)"."""
    _new_team(store)
    sam = widget_values(MyPage(store, "sam", 2026, "2026Q4", DAY).box)
    okr_row = sam.split("1.1 Reduce failed nightly runs")[1].split("</tr>")[0]
    assert "not set" in okr_row and "no check-in yet" in okr_row, okr_row
    kim = widget_values(MyPage(store, "kim", 2026, "2026Q4", DAY).box)
    assert "your 2026 goals are not agreed yet (draft): draft yours below" in kim
    assert "no OKRs for 2026Q4 yet: you set them with your manager" in kim
    assert "no check-ins this quarter yet: prepare for the first one below" in kim


def test_the_year_review_and_the_checklist_say_the_report_drafted_not_the_employee(store: Store) -> None:
    """The quarter close said "1 growth goal for 2026, still a draft, drafted by the employee.": the stored word,
    where the goals page says "drafted by the report"."""
    _new_team(store)
    review = year_review_html(store, "kim", 2026)
    assert "drafted by the report" in review and "the employee" not in review
    store.save_plan(GrowthPlan(person="kim", year=2027, status="draft", drafted_by="employee",
                               goals=[Goal(text="Lead the experiment reviews", position=1)]))
    steps = " ".join(s.detail for s in restart_steps(store, "kim", "2026Q4", DAY))
    assert "drafted by the report" in steps and "employee" not in steps


def test_the_feedback_panel_offers_no_buttons_until_the_report_shares_a_draft(store: Store) -> None:
    """With nothing shared, the goals page showed "they have shared no goal drafts yet", the same again as an
    info line, and three greyed buttons that did nothing; now one line says what comes next, and the buttons come
    with the first shared draft."""
    _new_team(store)
    ctx = StageContext(store=store, person=store.person("kim"), quarter="2026Q4", year=2026, as_of=DAY, db=store.path)
    panel = GoalsSidePanel(ctx)
    shown = widget_values(panel.box)
    assert "has shared no goal drafts" not in shown  # the table above says that already
    assert "write the plan with them in the form below" in shown
    assert not [w for w in panel.box.children if "wb-agree-goals" in getattr(w, "_dom_classes", ())]
    assert "wb-agree-goals" not in repr([c._dom_classes for w in panel.box.children for c in getattr(w, "children", ())])
    store.save_draft("kim", "goal", 2026, 1, {"text": "Run the experiment reviews"})
    store.share_draft("kim", "goal", 2026, 1)
    panel.rebuild()
    buttons = [c for w in panel.box.children for c in getattr(w, "children", ()) if hasattr(c, "on_click")]
    assert {b.description for b in buttons} == {"Save feedback draft", "Give feedback", "Agree these goals"}
    assert not any(b.disabled for b in buttons)


def test_the_first_check_in_asks_for_a_status_pass_only_when_there_are_key_results(store: Store) -> None:
    """Kim's first check-in said "a quick status pass on each key result is a good start" right above "Kim Lee
    has no key results for 2026Q4 yet": no key result to give a status to."""
    _new_team(store)
    kim = carried_forward_html(carried_forward(store, "kim", "2026Q4", DAY))
    assert "No check-in yet" in kim and "key result" not in kim
    sam = carried_forward_html(carried_forward(store, "sam", "2026Q4", DAY))
    assert "a quick status pass on each key result is a good start" in sam


def test_a_report_without_a_ladder_is_given_the_way_to_set_one(store: Store) -> None:
    """Sam has no ladder: the goals page said "set one to see next-level expectations" and the conversation log
    "so no next-level gaps are suggested", neither saying where a ladder is set."""
    _new_team(store)
    how = "Edit beside their name on the home page, or `workbook person edit sam --ladder"
    assert how in person_ladder(store.person("sam"))[1]
    assert any(how in note for note in suggest_pushes(store, "sam", DAY).attrs["notes"])
