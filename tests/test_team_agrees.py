"""The team overview agrees with each person's summary: a closed quarter shows outcomes, an open one the latest statuses,
and people with no goals are "no goals yet", never inside the band. Built both ways and compared person by person."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from workbook.core.model import Goal, GrowthPlan, KeyResult, KRStatus, Objective, Person, QuarterOKRs
from workbook.render.summary import summary_sections
from workbook.render.team_overview import team_sections
from workbook.stages.team import RESULT_KEYS, result_label
from workbook.store import Store


def _glance_counts(store: Store, person: str, quarter: str, day: dt.date) -> dict[str, int]:
    """What the person's summary says of the quarter's key results ("2 met, 1 carried over")."""
    bullets = summary_sections(store, person, quarter, as_of=day)["glance"].bullets
    line = next((b for b in bullets if b.startswith(f"OKRs {quarter}:")), None)
    if line is None:
        return {}
    labels = {result_label(k): k for k in RESULT_KEYS}
    return {labels[m.group(2)]: int(m.group(1)) for m in re.finditer(r"(\d+) ([a-z ]+?)(?:,|\.$)", line.split(": ", 2)[2])}


def _overview_counts(store: Store, quarter: str, day: dt.date) -> dict[str, dict[str, int]]:
    """What the team overview's key-result table says, per person."""
    table = team_sections(store, quarter, as_of=day)["krs"].table
    keys = [k for k in RESULT_KEYS if k in table.columns]
    return {r["person"]: {k: int(r[k]) for k in keys if int(r[k])} for _, r in table.iterrows()}


@pytest.mark.parametrize(("quarter", "day"), [("2026Q3", dt.date(2026, 10, 5)), ("2026Q4", dt.date(2026, 12, 18))])
def test_the_overview_and_every_summary_count_the_same_results(demo: Store, quarter: str, day: dt.date) -> None:
    overview = _overview_counts(demo, quarter, day)
    assert set(overview) == {p.id for p in demo.people()}
    for person in overview:
        assert overview[person] == _glance_counts(demo, person, quarter, day), person
    closed = quarter == "2026Q3"
    seen = {k for counts in overview.values() for k in counts}
    assert bool(seen & {"met", "partly_met", "not_met", "carried_over", "dropped"}) == closed


def test_a_closed_quarter_shows_outcomes_not_statuses(store: Store) -> None:
    store.add_person(Person(id="kwame", name="Kwame Mensah"))
    store.save_okrs(QuarterOKRs(person="kwame", quarter="2027Q1", objectives=[
        Objective(text="o1", key_results=[KeyResult(text="a", outcome="met"), KeyResult(text="b", outcome="met")]),
        Objective(text="o2", key_results=[KeyResult(text="c", outcome="carried_over"), KeyResult(text="d", outcome="partly_met")])]))
    from workbook.core.model import CheckIn

    store.add_check_in(CheckIn(person="kwame", date=dt.date(2027, 3, 1), key_results=[
        KRStatus(objective=o, key_result=k, status="on_track") for o in (1, 2) for k in (1, 2)]))
    day = dt.date(2027, 4, 2)
    counts = _overview_counts(store, "2027Q1", day)["kwame"]
    assert counts == {"met": 2, "partly_met": 1, "carried_over": 1} == _glance_counts(store, "kwame", "2027Q1", day)
    assert "outcome recorded at quarter close" in team_sections(store, "2027Q1", as_of=day)["krs"].intro


def test_people_with_no_goals_are_not_inside_the_band(store: Store) -> None:
    for pid in ("ana", "ben", "cai", "dee"):
        store.add_person(Person(id=pid, name=pid.capitalize()))
    store.save_plan(GrowthPlan(person="ana", year=2027, goals=[Goal(text="a", competencies=["x"]), Goal(text="b")]))
    section = team_sections(store, "2027Q1", as_of=dt.date(2027, 1, 20))["ladder_share"]
    assert "Everyone is inside the band" not in section.intro
    assert "No goals yet for 2027: Ben (ben); Cai (cai); Dee (dee)." in section.intro
    assert "1 person inside the band." in section.intro
    flags = dict(zip(section.table["person_id"], section.table["flag"], strict=True))
    assert flags == {"ana": "", "ben": "no goals yet", "cai": "no goals yet", "dee": "no goals yet"}


def test_an_empty_team_and_a_new_person_make_an_overview(store: Store) -> None:
    assert team_sections(store, "2027Q1", as_of=dt.date(2027, 1, 20))["krs"].table.empty
    store.add_person(Person(id="kim", name="Kim"))
    sections = team_sections(store, "2027Q1", as_of=dt.date(2027, 1, 20))
    assert _overview_counts(store, "2027Q1", dt.date(2027, 1, 20)) == {"kim": {}} == {"kim": _glance_counts(store, "kim", "2027Q1", dt.date(2027, 1, 20))}
    assert "No goals yet for 2027: Kim (kim)." in sections["ladder_share"].intro


def test_a_check_in_after_the_as_of_day_counts_in_neither(store: Store) -> None:
    """A summary or overview made as of a day shows each key result's status as it stood that day: a check-in
    after it is left out of the trail, so its status must not be the row's status or its note either."""
    from workbook.core.model import CheckIn

    store.add_person(Person(id="zoe", name="Zoë Ångström-Núñez"))
    store.save_okrs(QuarterOKRs(person="zoe", quarter="2027Q1", objectives=[
        Objective(text="o1", key_results=[KeyResult(text="a"), KeyResult(text="b")])]))
    store.add_check_in(CheckIn(person="zoe", date=dt.date(2027, 1, 20), key_results=[
        KRStatus(objective=1, key_result=1, status="on_track", note="early")]))
    store.add_check_in(CheckIn(person="zoe", date=dt.date(2027, 2, 10), key_results=[
        KRStatus(objective=1, key_result=1, status="blocked", note="LATER-NOTE"),
        KRStatus(objective=1, key_result=2, status="at_risk", note="LATER-NOTE")]))
    day = dt.date(2027, 2, 1)
    expected = {"on_track": 1, "not_started": 1}
    assert _glance_counts(store, "zoe", "2027Q1", day) == expected == _overview_counts(store, "2027Q1", day)["zoe"]
    okrs = summary_sections(store, "zoe", "2027Q1", as_of=day)["okrs"].table
    assert list(okrs["result"]) == ["on track", "not started"]
    assert "LATER-NOTE" not in " ".join(okrs["note"])
    assert "blocked" not in " ".join(team_sections(store, "2027Q1", as_of=day)["attention"].bullets)
    later = dt.date(2027, 2, 11)  # the day after, both count
    assert _glance_counts(store, "zoe", "2027Q1", later) == {"blocked": 1, "at_risk": 1}
