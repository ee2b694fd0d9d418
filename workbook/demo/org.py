"""The demo organisation: the demo team under its manager, a second team, and the director above both.

Written through the Store as its owner, on either backend: on PostgreSQL every note's author is the
report's manager (a person), so the private-note rule has someone to protect them for.

    Sam Rivera (sam), director
    ├── Maya Chen (maya): Priya, Amara, Farah, Tomás, Jun, Lucía (the demo team and its year)
    └── Kofi Mensah (kofi): Noor Aziz (noor), a new report with a first plan and quarter
"""

from __future__ import annotations

import datetime as dt

from ..core.model import Goal, GrowthPlan, KeyResult, Note, Objective, Person, QuarterOKRs
from ..store import Store
from .build import build_demo
from .cast import DEMO_YEAR

__all__ = ["ORG_PEOPLE", "build_demo_org"]

ORG_PEOPLE = (
    Person(id="sam", name="Sam Rivera", track="Engineering Management", motivations="Grow managers who grow people"),
    Person(id="maya", name="Maya Chen", track="Engineering Management", manager="sam"),
    Person(id="kofi", name="Kofi Mensah", track="Engineering Management", manager="sam"),
    Person(id="noor", name="Noor Aziz", track="Software Engineering", level="2", ladder="ladders/software-engineering.csv",
           manager="kofi", motivations="Wants to own a service end to end", started=dt.date(DEMO_YEAR, 9, 1)),
)


def build_demo_org(store: Store) -> dict[str, int]:
    """Write the demo organisation into ``store`` in one transaction; returns counts. Raises InputError
    (writing nothing) when the workbook has people already."""
    from ..core.errors import InputError

    with store.atomic():
        present = len(store.people(include_archived=True))
        if present:  # a real organisation's database: the demo's made-up people and notes stay out of it
            raise InputError(f"{store.location} already holds {present} {'person' if present == 1 else 'people'}; the demo organisation goes into an "
                             "empty database (`workbook org server start DIR --database demo`)")
        for person in ORG_PEOPLE:
            store.add_person(person)
        counts = build_demo(store, manager="maya")
        store.save_plan(GrowthPlan(person="noor", year=DEMO_YEAR, drafted_by="employee", status="agreed", goals=[
            Goal(text="Own the payments retry service end to end, on call included", priority=1,
                 draft="I want to own the retry service properly, being on call for it too",
                 feedback="Yes, and on call only once we have agreed cover for your caring weeks"),
            Goal(text="Lead one design review for the team by the end of the year", priority=2,
                 draft="Run a design review myself before the year ends")]), replace=False)
        store.save_okrs(QuarterOKRs(person="noor", quarter=f"{DEMO_YEAR}Q4", objectives=[Objective(
            text="Take over the retry service", goal=1, key_results=[KeyResult(
                text="Handle 3 on-call weeks for the retry service with Kofi reviewing each incident write-up")])]))
        store.add_note(Note(person="noor", date=dt.date(DEMO_YEAR, 10, 6), direction="pull", topic="values",
                            text="Worried that on call will clash with caring for her mother; wants to talk options"))
        store.add_note(Note(person="noor", date=dt.date(DEMO_YEAR, 10, 20), direction="push", topic="mentors",
                            visibility="shared", text="Suggested Tomás as a mentor for service ownership"))
    counts["people"] += len(ORG_PEOPLE)
    return counts
