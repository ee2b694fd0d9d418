"""Property: for any sparse workbook (random people, each with a random subset of notes, goals, OKRs, check-ins,
actions and outcomes) every stage query, every stage report, the due list, the summary and the team overview run
without an error. Hypothesis finds the shapes nobody wrote down; no kernels here, so it stays quick."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.core import clock
from workbook.core.dates import quarter_bounds, quarter_of
from workbook.core.model import (
    PULL_TOPICS,
    PUSH_TOPICS,
    Action,
    CheckIn,
    GrowthPlan,
    Note,
    Person,
    QuarterOKRs,
)
from workbook.render.checkin import check_in_report_html
from workbook.render.close import quarter_close_html, restart_html, year_review_html
from workbook.render.conversation_log import puzzle_html, recent_notes_html
from workbook.render.goals import goal_context_html, goals_report_html
from workbook.render.okrs import okr_context_html, okrs_report_html
from workbook.render.summary import summary_sections
from workbook.render.team_overview import team_sections
from workbook.stages.checkin import carried_forward, overdue_support_frame
from workbook.stages.conversation_log import open_follow_ups, pushes_given_frame, puzzle_frame, suggest_pushes
from workbook.stages.due import due_frame
from workbook.store import Store

START = dt.date(2026, 10, 1)
days = st.integers(min_value=0, max_value=200).map(lambda n: START + dt.timedelta(days=n))
# a check-in or note is at most 92 days ahead of the real day (the door refuses one further ahead); a follow-up
# may be due later
conversation_days = st.integers(min_value=0, max_value=min(200, (clock.today() - START).days + 92)).map(
    lambda n: START + dt.timedelta(days=n))
words = st.sampled_from(["pricing", "causal inference", "on-call", "mentoring", "the partner team", "design review"])


@st.composite
def person_records(draw: st.DrawFn, pid: str) -> dict:
    """What one person may have: every part optional, so empty and half-filled shapes come up often."""
    ladder = draw(st.sampled_from([{}, {"track": "Data Science", "level": "1", "ladder": "ladders/data-science.csv"},
                                   {"track": "Data Science", "level": "5", "ladder": "ladders/data-science.csv"}]))
    notes = draw(st.lists(st.tuples(conversation_days, st.sampled_from(PULL_TOPICS + PUSH_TOPICS), words, st.booleans(),
                                    st.one_of(st.none(), days)), max_size=4))
    years = draw(st.lists(st.sampled_from([2026, 2027]), max_size=2, unique=True))
    goals = {y: draw(st.integers(min_value=0, max_value=3)) for y in years}
    quarters = draw(st.lists(st.sampled_from(["2026Q4", "2027Q1", "2027Q2"]), max_size=2, unique=True))
    okrs = {q: (draw(st.integers(min_value=1, max_value=2)), draw(st.integers(min_value=0, max_value=2)),
                draw(st.booleans())) for q in quarters}
    check_ins = draw(st.lists(conversation_days, max_size=3))
    actions = draw(st.lists(st.tuples(words, st.one_of(st.none(), days)), max_size=2))
    return {"id": pid, "ladder": ladder, "notes": notes, "goals": goals, "okrs": okrs, "check_ins": check_ins,
            "actions": actions}


def fill(store: Store, rec: dict) -> None:
    pid = rec["id"]
    store.add_person(Person(id=pid, name=pid.title(), **rec["ladder"]))
    for day, topic, text, shared, due in rec["notes"]:
        direction = "pull" if topic in PULL_TOPICS else "push"
        store.add_note(Note(person=pid, date=day, direction=direction, topic=topic, text=f"About {text}",
                            visibility="shared" if shared else "private",
                            follow_up=f"Follow up on {text}" if due else "",
                            follow_up_due=max(due, day) if due else None))  # the door: not due before the note
    for year, n in rec["goals"].items():
        store.save_plan(GrowthPlan(person=pid, year=year, goals=[{"text": f"Grow in {i} area of {year}"} for i in range(n)]))
    for quarter, (n_obj, n_kr, closed) in rec["okrs"].items():
        objectives = [{"text": f"Objective {o}", "key_results": [
            {"text": f"Present result {o}.{k} at the weekly meeting by the end of the quarter",
             "outcome": "met" if closed else None, "support": [{  # asked on the quarter's first day, due after it
                 "who": "lead", "what": "review", "requested_on": quarter_bounds(quarter)[0],
                 "due": max(dt.date(2026, 12, 1), quarter_bounds(quarter)[0] + dt.timedelta(days=14))}]}
            for k in range(n_kr)]} for o in range(n_obj)]
        store.save_okrs(QuarterOKRs(person=pid, quarter=quarter, objectives=objectives))
    for day in rec["check_ins"]:
        okrs = store.okrs(pid, quarter_of(day))
        statuses = [{"objective": 1, "key_result": 1, "status": "at_risk", "note": "slow"}
                    ] if okrs and okrs.objectives and okrs.objectives[0].key_results else []
        store.add_check_in(CheckIn(person=pid, date=day, key_results=statuses))
    for text, due in rec["actions"]:
        store.add_action(Action(person=pid, text=f"Do {text}", due=due), created_on=START)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(st.sampled_from(["ana", "kim", "li"]), min_size=1, max_size=3, unique=True)
       .flatmap(lambda ids: st.tuples(*[person_records(i) for i in ids])),
       as_of=days)
def test_every_stage_query_and_the_summary_run_on_any_sparse_workbook(records: tuple, as_of: dt.date) -> None:
    with Store(":memory:") as store:
        for rec in records:
            fill(store, rec)
        quarter, year = quarter_of(as_of), as_of.year
        for rec in records:
            pid = rec["id"]
            assert len(puzzle_frame(store, pid, as_of)) == len(PULL_TOPICS)
            assert len(pushes_given_frame(store, pid, as_of)) == len(PUSH_TOPICS)
            suggest_pushes(store, pid, as_of)
            open_follow_ups(store, pid, as_of)
            carried_forward(store, pid, quarter, as_of)
            overdue_support_frame(store, pid, quarter, as_of)
            for html in (puzzle_html(store, pid, as_of), recent_notes_html(store, pid, as_of, 8),
                         goal_context_html(store, pid, year, as_of), goals_report_html(store, pid, year),
                         okr_context_html(store, pid, quarter), okrs_report_html(store, pid, quarter),
                         check_in_report_html(store, pid, quarter, as_of), quarter_close_html(store, pid, quarter),
                         year_review_html(store, pid, year), restart_html(store, pid, quarter, as_of)):
                assert isinstance(html, str) and html
            sections = summary_sections(store, pid, quarter, as_of)
            assert sections["title"].to_html()
        due = due_frame(store, as_of, 7)
        assert set(due["person"]) <= {r["id"] for r in records}
        assert team_sections(store, quarter, as_of)
