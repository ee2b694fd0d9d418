"""The demo team: realistic, within the practice's limits, deterministic, and written all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from pathlib import Path

import pytest

from workbook.core.errors import WorkbookError
from workbook.core.model import PULL_TOPICS, PUSH_TOPICS, SETTINGS, Person, check_slug
from workbook.demo import (
    DEMO_AS_OF,
    DEMO_QUARTER,
    DEMO_YEAR,
    LADDER_OUTLIER,
    OVERDUE_SUPPORT,
    PLAN_IN_DISCUSSION,
    QUIET_PERSON,
    TEAM,
    WEAK_KEY_RESULTS,
    build_demo,
)
from workbook.store import Store

ROOT = Path(__file__).resolve().parents[1]
QUARTERS = [f"{DEMO_YEAR}Q{n}" for n in range(1, 5)]
OBSTACLE_KINDS = {"pushing back on stakeholders", "fear of presenting", "perfectionism", "asking for help"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, int]]:
    store = Store(tmp_path_factory.mktemp("demo") / "demo.db")
    counts = build_demo(store)
    yield store, counts
    store.close()


@pytest.fixture(scope="module")
def store(built: tuple[Store, dict[str, int]]) -> Store:
    return built[0]


def _ladder_competencies(ladder: str, track: str) -> set[str]:
    with open(ROOT / ladder, newline="", encoding="utf-8") as fh:
        return {row["competency"] for row in csv.DictReader(fh) if row["track"] == track}


def test_constants() -> None:
    assert DEMO_YEAR == 2026
    assert DEMO_AS_OF == dt.date(2026, 12, 18)
    assert DEMO_QUARTER == "2026Q4"


def test_team_of_reports_on_two_tracks(store: Store) -> None:
    people = store.people()
    assert len(people) >= 5
    assert {p.track for p in people} == {"Data Science", "Software Engineering"}
    assert {p.ladder for p in people} == {"ladders/data-science.csv", "ladders/software-engineering.csv"}
    assert len({p.manager for p in people}) == 1 and people[0].manager
    for p in people:
        assert check_slug(p.id) == p.id
        assert p.level in {"1", "2", "3", "4"}
        assert p.motivations and p.started is not None and p.started < DEMO_AS_OF


def test_growth_plans_drafted_by_the_report_within_limits(store: Store) -> None:
    statuses = []
    for p in store.people():
        plan = store.plan(p.id, DEMO_YEAR)
        assert plan is not None
        assert plan.drafted_by == "employee"
        assert 2 <= len(plan.goals) <= 3
        for g in plan.goals:
            assert g.draft and g.feedback and g.priority is not None
        assert any(g.draft != g.text for g in plan.goals)  # the agreed wording was reframed
        statuses.append((p.id, plan.status))
    assert [pid for pid, s in statuses if s == "in_discussion"] == [PLAN_IN_DISCUSSION]
    assert all(s in ("agreed", "in_discussion") for _, s in statuses)


def test_reframed_multitasking_goal(store: Store) -> None:
    goals = store.goals_frame(year=DEMO_YEAR)
    row = goals[goals["draft"].str.contains("multitasking")]
    assert len(row) == 1
    assert "stakeholder requests" in row["text"].iloc[0]


def test_tagged_competencies_exist_in_the_persons_ladder(store: Store) -> None:
    for p in store.people():
        known = _ladder_competencies(p.ladder, p.track)
        assert known, f"{p.ladder} has no rows for {p.track}"
        for g in store.plan(p.id, DEMO_YEAR).goals:  # type: ignore[union-attr]
            assert 0 <= len(g.competencies) <= 2
            for comp in g.competencies:
                assert comp in known, f"{p.id}: {comp!r} is not a competency of {p.ladder}"


def test_ladder_informs_half_to_three_quarters_with_one_outlier(store: Store) -> None:
    tagged = total = 0
    outside = []
    for p in store.people():
        goals = store.plan(p.id, DEMO_YEAR).goals  # type: ignore[union-attr]
        n = sum(1 for g in goals if g.competencies)
        tagged, total = tagged + n, total + len(goals)
        if not 0.5 <= n / len(goals) <= 0.75:
            outside.append(p.id)
    assert 0.5 <= tagged / total <= 0.75
    assert tagged < total  # some goals are left untagged
    assert outside == [LADDER_OUTLIER]


def test_four_quarters_of_okrs_within_limits(store: Store) -> None:
    for p in store.people():
        n_goals = len(store.plan(p.id, DEMO_YEAR).goals)  # type: ignore[union-attr]
        for q in QUARTERS:
            okrs = store.okrs(p.id, q)
            assert okrs is not None, f"{p.id} has no OKRs for {q}"
            assert 1 <= len(okrs.objectives) <= 2
            for obj in okrs.objectives:
                assert 1 <= len(obj.key_results) <= 2
                assert obj.goal is not None and 1 <= obj.goal <= n_goals
                assert obj.understanding and obj.supplement and obj.aligned_work
                for kr in obj.key_results:
                    assert kr.target_date is not None and kr.target_date.year == DEMO_YEAR


def test_outcomes_closed_for_q1_to_q3_and_open_in_q4(store: Store) -> None:
    okrs = store.okrs_frame()
    closed = okrs[okrs["quarter"] != DEMO_QUARTER]
    assert closed["outcome"].notna().all()
    assert (closed["outcome_note"] != "").all()
    assert {"met", "partly_met", "not_met", "carried_over"} <= set(closed["outcome"])
    assert okrs[okrs["quarter"] == DEMO_QUARTER]["outcome"].isna().all()


def test_a_few_weak_key_results(store: Store) -> None:
    texts = list(store.okrs_frame()["kr_text"])
    assert 2 <= len(WEAK_KEY_RESULTS) <= 3
    for weak in WEAK_KEY_RESULTS:
        assert texts.count(weak) == 1


def test_support_listed_and_one_overdue_request(store: Store) -> None:
    support = store.support_frame()
    assert len(support) >= 10
    assert {"done", "committed", "requested", "dropped"} <= set(support["status"])
    late = support[(support["status"] == "requested") & (support["due"] < DEMO_AS_OF)]
    assert len(late) == 1
    person, quarter, what = OVERDUE_SUPPORT
    assert (late["person_id"].iloc[0], late["quarter"].iloc[0], late["what"].iloc[0]) == (person, quarter, what)


def test_notes_push_and_pull_in_every_setting(store: Store) -> None:
    notes = store.notes_frame(include_private=True)
    assert {"private", "shared"} == set(notes["visibility"])
    assert set(SETTINGS) - {"other"} <= set(notes["setting"])
    assert set(notes[notes["direction"] == "pull"]["topic"]) == set(PULL_TOPICS)
    assert set(notes[notes["direction"] == "push"]["topic"]) == set(PUSH_TOPICS)
    assert (notes["follow_up"] != "").sum() >= 3
    per_person = notes.groupby("person_id").size()
    assert per_person.between(8, 15).all()
    reviews = notes[(notes["setting"] == "review") & (notes["topic"] == "feedback") & (notes["direction"] == "push")]
    assert set(reviews["person_id"]) == {p.id for p in store.people()}
    assert all(d.month == 1 and d.day <= 15 for d in reviews["date"])
    # The shareable view never returns a private note.
    assert len(store.shareable_notes_frame()) == (notes["visibility"] == "shared").sum()


def test_pull_then_push_connects(store: Store) -> None:
    notes = store.notes_frame("priya", include_private=True).sort_values("date")
    interest = notes[(notes["topic"] == "interests") & notes["text"].str.contains("difference-in-differences")]
    mentor = notes[(notes["topic"] == "mentors")]
    assert len(interest) == 1 and len(mentor) == 1
    assert interest["date"].iloc[0] < mentor["date"].iloc[0]


def test_check_ins_roughly_bi_weekly(store: Store) -> None:
    frame = store.check_ins_frame()
    for pid, rows in frame.groupby("person_id"):
        dates = sorted(rows["date"])
        gaps = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
        assert dates[0] <= dt.date(DEMO_YEAR, 1, 10), pid
        assert statistics.median(gaps) == 14, pid
        assert all(g % 14 == 0 and g <= 28 for g in gaps), (pid, gaps)
        if pid != QUIET_PERSON:
            assert dates[-1] >= dt.date(DEMO_YEAR, 12, 1), pid
            assert len(dates) >= 20, pid
    assert (frame["mode"] == "status").sum() > 4 * (frame["mode"] == "unblock").sum() > 0


def test_unblocking_obstacles_trial_runs_and_actions(store: Store) -> None:
    kinds: set[str] = set()
    trials = []
    for p in store.people():
        kinds |= set(store.obstacles_frame(p.id)["kind"])
        trials.extend(store.trial_runs_frame(p.id).to_dict("records"))
    assert kinds == OBSTACLE_KINDS
    assert trials and all(t["status"] == "debriefed" and t["debrief"] for t in trials)
    assert any("marketing team's request for a new dashboard" in t["text"] for t in trials)
    actions = store.actions_frame()
    assert {"open", "done"} == set(actions["status"])
    assert (actions["status"] == "open").sum() < (actions["status"] == "done").sum()
    owners = set(actions["owner"])
    assert {"employee", "manager"} <= owners and owners - {"employee", "manager"}
    assert actions["due"].notna().all()
    assert (actions["created_on"] <= DEMO_AS_OF).all()


def test_kr_statuses_at_check_ins(store: Store) -> None:
    statuses = store.kr_status_frame()
    assert {"on_track", "at_risk", "blocked", "done"} == set(statuses["status"])
    assert set(statuses["quarter"]) == set(QUARTERS)


def test_quiet_person_flagged_and_others_recent(store: Store) -> None:
    last = {r["person_id"]: dt.date.fromisoformat(str(r["last_conversation"])[:10])
            for r in store.last_conversation_frame().to_dict("records")}
    quiet_weeks = store.limits().quiet_weeks
    for pid, day in last.items():
        weeks = (DEMO_AS_OF - day).days / 7
        if pid == QUIET_PERSON:
            assert day <= dt.date(DEMO_YEAR, 10, 20) and weeks > quiet_weeks
        else:
            assert weeks <= quiet_weeks, pid


def test_counts_match_the_database(built: tuple[Store, dict[str, int]]) -> None:
    store, counts = built
    rows = store.count_rows()
    for table, key in [("people", "people"), ("growth_plans", "growth_plans"), ("goals", "goals"),
                       ("okr_quarters", "okr_quarters"), ("objectives", "objectives"), ("key_results", "key_results"),
                       ("support", "support"), ("check_ins", "check_ins"), ("kr_statuses", "kr_statuses"),
                       ("obstacles", "obstacles"), ("trial_runs", "trial_runs"), ("actions", "actions"),
                       ("notes", "notes")]:
        assert rows[table] == counts[key], table


def _exports(store: Store) -> dict[str, dict]:
    out = {}
    for p in store.people():
        data = store.export_person(p.id)
        data.pop("exported_at")
        for change in data["history"]:  # the change log says when each record was written: the build's time
            change.pop("at")
        out[p.id] = data
    return out


def test_two_builds_are_identical(store: Store, tmp_path: Path) -> None:
    with Store(tmp_path / "again.db") as again:
        build_demo(again)
        assert _exports(again) == _exports(store)


def test_build_is_all_or_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "clash.db") as store:
        # The last demo person already exists, so the build fails after writing the other five: nothing stays.
        last = TEAM[-1].id
        store.add_person(Person(id=last, name="Someone else"))
        before = store.count_rows()
        with pytest.raises(WorkbookError, match="already exists"):
            build_demo(store)
        assert store.count_rows() == before
        assert [p.id for p in store.people()] == [last]


def test_the_demo_organisation_s_new_report_drafted_her_plan_too(tmp_path: Path) -> None:
    """Noor's agreed plan said 'drafted by the report' over an empty draft column: every goal of a plan the
    report drafted has the report's own words, in the organisation's demo as in the team's."""
    from workbook.demo.org import build_demo_org

    with Store(tmp_path / "org.db") as org:
        build_demo_org(org)
        plan = org.plan("noor", DEMO_YEAR)
        assert plan is not None and plan.drafted_by == "employee"
        assert all(g.draft for g in plan.goals)
        assert any(g.draft != g.text for g in plan.goals) and any(g.feedback for g in plan.goals)
