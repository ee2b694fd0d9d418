"""Workbooks with little in them, the shapes a manager starts with (shared by the sparse-data tests)."""

from __future__ import annotations

import datetime as dt

from workbook.core.model import CheckIn, GrowthPlan, Note, Person, QuarterOKRs
from workbook.store import Store

AS_OF = dt.date(2027, 2, 15)
LADDER = {"track": "Data Science", "level": "1", "ladder": "ladders/data-science.csv"}

# person id -> what the workbook holds about them
SHAPES = {
    "nothing": "a person with nothing",
    "one-note": "one private note",
    "goals-only": "growth goals, no OKRs",
    "okrs-only": "OKRs, no check-ins",
    "closed": "a closed quarter and nothing after",
}


def _okrs(person: str, quarter: str, outcome: str | None = None) -> QuarterOKRs:
    return QuarterOKRs(person=person, quarter=quarter, objectives=[{
        "text": "Present the churn model to the partner team", "goal": 1,
        "key_results": [{"text": "Present the churn model at the partner weekly meeting and collect 2 written "
                                 "feedbacks by the end of the quarter", "outcome": outcome,
                         "support": [{"who": "tech lead", "what": "review the slides"}]}]}])


def build_sparse(store: Store) -> list[str]:
    """One person per shape in ``store``; returns their ids."""
    for pid, label in SHAPES.items():
        store.add_person(Person(id=pid, name=label.capitalize(), **LADDER))
    store.add_note(Note(person="one-note", date=AS_OF - dt.timedelta(days=3), direction="pull", topic="interests",
                        text="Curious about causal inference"))
    goals = [{"text": "Establish myself as a trusted partner for the pricing team", "competencies": []}]
    for pid in ("goals-only", "okrs-only"):
        store.save_plan(GrowthPlan(person=pid, year=2027, status="agreed", goals=goals))
    store.save_okrs(_okrs("okrs-only", "2027Q1"))
    store.save_plan(GrowthPlan(person="closed", year=2026, status="agreed", goals=goals))
    store.save_okrs(_okrs("closed", "2026Q4", outcome="met"))
    store.add_check_in(CheckIn(person="closed", date=dt.date(2026, 11, 20),
                               key_results=[{"objective": 1, "key_result": 1, "status": "done", "note": "presented"}]))
    return list(SHAPES)
