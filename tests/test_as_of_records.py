"""A summary or team overview made as of a day shows the records as they stood that day: an action made, or support
asked for, after it is not in the document, as a check-in after it is not (tests/test_team_agrees.py)."""

from __future__ import annotations

import datetime as dt

from workbook.core.model import Action, KeyResult, Objective, Person, QuarterOKRs, Support
from workbook.render.summary import summary_sections
from workbook.stages.team import team_summary
from workbook.store import Store

BEFORE, DAY, AFTER = dt.date(2027, 1, 10), dt.date(2027, 2, 1), dt.date(2027, 2, 15)


def _new_person_with_okrs(store: Store) -> None:
    """A brand-new person in an empty workbook: one objective and key result for 2027Q1, no check-in, no goals."""
    store.add_person(Person(id="ines", name="Inês Ōtsuka"))
    store.save_okrs(QuarterOKRs(person="ines", quarter="2027Q1", objectives=[
        Objective(text="Ship the churn model", key_results=[KeyResult(text="Ship the churn model by 2027-03-20")])]))


def test_an_action_made_after_the_day_is_not_an_agreed_next_step_yet(store: Store) -> None:
    _new_person_with_okrs(store)
    store.add_action(Action(person="ines", text="LATER-ACTION", due=dt.date(2027, 3, 1)), created_on=AFTER)
    sections = summary_sections(store, "ines", "2027Q1", as_of=DAY)
    assert sections["next_steps"].table.empty
    assert "0 agreed next steps open." in sections["glance"].bullets
    assert int(team_summary(store, "2027Q1", as_of=DAY)["open_actions"].iloc[0]) == 0
    store.add_action(Action(person="ines", text="EARLY-ACTION"), created_on=BEFORE)
    sections = summary_sections(store, "ines", "2027Q1", as_of=DAY)
    assert list(sections["next_steps"].table["text"]) == ["EARLY-ACTION"]
    assert "1 agreed next step open." in sections["glance"].bullets
    assert int(team_summary(store, "2027Q1", as_of=DAY)["open_actions"].iloc[0]) == 1
    later = summary_sections(store, "ines", "2027Q1", as_of=AFTER)  # on the day it was made, it is there
    assert sorted(later["next_steps"].table["text"]) == ["EARLY-ACTION", "LATER-ACTION"]
    assert int(team_summary(store, "2027Q1", as_of=AFTER)["open_actions"].iloc[0]) == 2


def test_support_asked_for_after_the_day_is_not_listed_yet(store: Store) -> None:
    _new_person_with_okrs(store)
    store.add_support("ines", "2027Q1", 1, 1, Support(who="tech lead", what="LATER-SUPPORT", requested_on=AFTER))
    sections = summary_sections(store, "ines", "2027Q1", as_of=DAY)
    assert sections["support"].table.empty
    assert not [b for b in sections["glance"].bullets if b.startswith("Support:")]
    store.add_support("ines", "2027Q1", 1, 1, Support(who="data eng", what="EARLY-SUPPORT", requested_on=BEFORE,
                                                       status="done"))
    sections = summary_sections(store, "ines", "2027Q1", as_of=DAY)
    assert list(sections["support"].table["what"]) == ["EARLY-SUPPORT"]
    assert "Support: 1 of 1 commitments done." in sections["glance"].bullets
    later = summary_sections(store, "ines", "2027Q1", as_of=AFTER)
    assert sorted(later["support"].table["what"]) == ["EARLY-SUPPORT", "LATER-SUPPORT"]
