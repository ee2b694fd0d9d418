"""Quarter close and restart (workbook.stages.close, workbook.render.close): trails, outcomes, carry-over in one transaction, the year review."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from workbook.core.errors import InputError, NotFound, RuleViolation
from workbook.core.model import (
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRRef,
    KRStatus,
    Note,
    Objective,
    Person,
    QuarterOKRs,
    Support,
)
from workbook.render.close import plot_year_outcomes, quarter_close_html, restart_html, year_review_html
from workbook.stages.close import (
    KROutcome,
    QuarterClose,
    close_frame,
    close_items,
    close_quarter,
    restart_steps,
    suggest_outcome,
    trail_text,
    year_outcomes_frame,
    year_review_frame,
)
from workbook.store import Store

pytestmark = pytest.mark.usefixtures("check_ins_staged_ahead")  # Ana's 2027Q2 and 2027Q4, checked in on


def _kr(text: str, **kw) -> KeyResult:
    return KeyResult(text=text, target_date=kw.pop("target_date", None), **kw)


def seed(store: Store, quarter: str = "2027Q2", year: int = 2027) -> None:
    """Ana: two goals, a quarter with O1 (two KRs, goal 1) and O2 (one KR, goal 2), three check-ins."""
    store.add_person(Person(id="ana", name="Ana <b>Silva</b>"))
    store.save_plan(GrowthPlan(person="ana", year=year, status="agreed", goals=[
        Goal(text="Become the <i>domain</i> expert for pricing"), Goal(text="Mentor two juniors")]))
    store.save_okrs(QuarterOKRs(person="ana", quarter=quarter, objectives=[
        Objective(text="Own pricing analysis", goal=1, understanding="I answer pricing questions alone",
                  aligned_work="pricing revamp", key_results=[
                      _kr("Present the pricing review at the weekly meeting by 2027-05-15",
                          target_date=dt.date(2027, 5, 15),
                          support=[Support(who="Kwame", what="review the deck", status="done"),
                                   Support(who="Dana", what="feedback before the talk", status="committed")]),
                      _kr("Write the pricing model design doc, reviewed by the tech lead by 2027-06-20")]),
        Objective(text="Mentor", goal=2, key_results=[_kr("Hold 6 mentoring sessions with Lee by 2027-06-30")]),
    ]))
    start = {"2027Q2": dt.date(2027, 4, 5), "2027Q4": dt.date(2027, 10, 4)}[quarter]
    trail = [("on_track", "on_track", "on_track"), ("on_track", "at_risk", "on_track"), ("done", "blocked", "at_risk")]
    for i, (a, b, c) in enumerate(trail):
        store.add_check_in(CheckIn(person="ana", date=start + dt.timedelta(days=14 * i), key_results=[
            KRStatus(objective=1, key_result=1, status=a, note=f"note {i}"),
            KRStatus(objective=1, key_result=2, status=b),
            KRStatus(objective=2, key_result=1, status=c)]))


@pytest.fixture
def ana(store: Store) -> Store:
    seed(store)
    return store


def outcomes(*items: tuple[int, int, str, str]) -> list[KROutcome]:
    return [KROutcome(objective=o, key_result=k, outcome=out, note=n) for o, k, out, n in items]


def test_suggested_outcome_follows_the_last_check_in_status() -> None:
    assert suggest_outcome("done") == "met"
    assert suggest_outcome("on_track") == "partly_met"
    assert suggest_outcome("at_risk") == "partly_met"
    assert suggest_outcome("blocked") == "not_met"
    assert suggest_outcome(None) == "not_met"


def test_trail_text_collapses_runs_of_the_same_status() -> None:
    d = dt.date
    trail = [(d(2027, 4, 5), "on_track", ""), (d(2027, 4, 19), "on_track", ""), (d(2027, 5, 3), "done", "")]
    assert trail_text(trail) == "on track ×2 (from Apr 05) → done (May 03)"
    assert trail_text([]) == "no check-in discussed it"


def test_close_items_give_each_key_result_its_trail_and_suggestion(ana: Store) -> None:
    items = close_items(ana, "ana", "2027Q2")
    assert [(i.objective, i.key_result) for i in items] == [(1, 1), (1, 2), (2, 1)]
    assert [s for _, s, _ in items[0].trail] == ["on_track", "on_track", "done"]
    assert [i.suggested for i in items] == ["met", "not_met", "partly_met"]
    assert all(i.outcome is None for i in items)
    frame = close_frame(ana, "ana", "2027Q2")
    assert list(frame["check_ins"]) == [3, 3, 3]
    assert frame.loc[1, "trail"].startswith("on track (Apr 05) → at risk")


def test_close_quarter_saves_outcomes_without_touching_next_quarter(ana: Store) -> None:
    result = close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
        (1, 1, "met", "presented 14 May"), (1, 2, "not_met", "tech lead away"), (2, 1, "partly_met", "4 of 6"))))
    frame = ana.okrs_frame("ana", "2027Q2")
    assert list(frame["outcome"]) == ["met", "not_met", "partly_met"]
    assert list(frame["outcome_note"]) == ["presented 14 May", "tech lead away", "4 of 6"]
    assert ana.okrs("ana", "2027Q3") is None
    assert result.saved == 3 and not result.next_created


def test_start_next_quarter_carries_only_the_carried_key_results(ana: Store) -> None:
    result = close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
        (1, 1, "carried_over", "talk moved to July"), (1, 2, "dropped", "no longer needed"), (2, 1, "met", "6 held"))),
        start_next=True)
    assert result.next_created and result.carried == 1 and result.next_quarter == "2027Q3"
    nxt = ana.okrs("ana", "2027Q3")
    assert nxt is not None and len(nxt.objectives) == 1
    obj = nxt.objectives[0]
    assert (obj.text, obj.goal, obj.understanding, obj.aligned_work) == (
        "Own pricing analysis", 1, "I answer pricing questions alone", "pricing revamp")
    (kr,) = obj.key_results
    assert kr.text.startswith("Present the pricing review") and kr.target_date is None and kr.outcome is None
    assert [(s.who, s.status) for s in kr.support] == [("Dana", "committed")]  # done support stays behind
    assert ana.okrs("ana", "2027Q2").objectives[0].key_results[0].outcome == "carried_over"
    assert any(f.code == "next_quarter_created" for f in result.findings)


def test_closing_q4_clears_goal_links_because_goal_numbers_belong_to_one_year(store: Store) -> None:
    seed(store, quarter="2027Q4")
    result = close_quarter(store, QuarterClose(person="ana", quarter="2027Q4", outcomes=outcomes(
        (1, 1, "carried_over", "x"), (1, 2, "carried_over", "y"), (2, 1, "met", ""))), start_next=True)
    nxt = store.okrs("ana", "2028Q1")
    assert nxt is not None and [o.goal for o in nxt.objectives] == [None]
    assert len(nxt.objectives[0].key_results) == 2
    assert any(f.code == "goal_links_cleared" for f in result.findings)


def test_an_existing_next_quarter_is_left_alone(ana: Store) -> None:
    ana.save_okrs(QuarterOKRs(person="ana", quarter="2027Q3", objectives=[
        Objective(text="Already planned", key_results=[_kr("Ship X by 2027-08-01")])]))
    result = close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
        (1, 1, "carried_over", "x"))), start_next=True)
    assert not result.next_created
    assert [o.text for o in ana.okrs("ana", "2027Q3").objectives] == ["Already planned"]
    assert any(f.code == "next_quarter_exists" for f in result.findings)


def test_carry_over_past_the_limits_is_refused_and_nothing_is_saved(ana: Store) -> None:
    ana.set_limit("max_key_results", "1")  # lowered after the quarter was set
    before = ana.count_rows()
    with pytest.raises(RuleViolation) as err:
        close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
            (1, 1, "carried_over", "x"), (1, 2, "carried_over", "y"), (2, 1, "met", ""))), start_next=True)
    assert "would break the limits" in str(err.value)
    assert err.value.findings[0].code == "carry_over_limits"
    assert ana.count_rows() == before
    assert ana.okrs("ana", "2027Q3") is None
    assert all(o is None for o in ana.okrs_frame("ana", "2027Q2")["outcome"])


def test_outcomes_and_carry_over_are_one_transaction(ana: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = ana.save_okrs
    calls = []

    def failing_second_write(okrs: QuarterOKRs):
        calls.append(okrs.quarter)
        if len(calls) == 2:
            raise NotFound("simulated failure while creating the next quarter")
        return real(okrs)

    monkeypatch.setattr(ana, "save_okrs", failing_second_write)
    with pytest.raises(NotFound):
        close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
            (1, 1, "carried_over", "x"), (2, 1, "met", ""))), start_next=True)
    assert calls == ["2027Q2", "2027Q3"]
    monkeypatch.undo()
    assert all(o is None for o in ana.okrs_frame("ana", "2027Q2")["outcome"])
    assert ana.okrs("ana", "2027Q3") is None


def test_unknown_key_result_or_quarter_is_refused(ana: Store) -> None:
    with pytest.raises(NotFound, match="no key result O2·KR2"):
        close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes((1, 1, "met", ""),
                                                                                          (2, 2, "met", ""))))
    assert ana.okrs_frame("ana", "2027Q2")["outcome"].isna().all()
    with pytest.raises(NotFound, match="no OKRs for 2027Q1"):
        close_quarter(ana, QuarterClose(person="ana", quarter="2027Q1", outcomes=[]))


def test_missing_notes_and_open_key_results_are_warnings(ana: Store) -> None:
    result = close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
        (1, 1, "met", ""), (1, 2, "not_met", ""))))
    codes = [f.code for f in result.findings]
    assert codes.count("outcome_without_note") == 1  # met needs no note, not met does
    assert "open_key_results" in codes


def test_year_review_links_each_goal_to_what_served_it(ana: Store) -> None:
    ana.save_plan(GrowthPlan(person="ana", year=2027, status="agreed", goals=[
        Goal(text="Become the <i>domain</i> expert for pricing"), Goal(text="Mentor two juniors"),
        Goal(text="Speak at a conference")]))
    ana.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[
        Objective(text="Side quest", key_results=[_kr("Do Y by 2027-03-01", outcome="met")])]))
    close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
        (1, 1, "met", "done"), (1, 2, "not_met", "late"))))
    frame = year_review_frame(ana, "ana", 2027)
    goal1 = frame[frame["goal"] == 1]
    assert list(goal1["outcome"]) == ["met", "not_met"]
    assert list(frame[frame["goal"] == 2]["outcome"]) == ["open"]
    assert list(frame[frame["goal"] == 3]["quarter"]) == [""]  # nothing served it
    assert list(frame[frame["goal"] == 0]["objective_text"]) == ["Side quest"]
    markup = year_review_html(ana, "ana", 2027)
    assert "&lt;i&gt;domain&lt;/i&gt;" in markup and "<i>domain</i>" not in markup
    assert "No objective served this goal" in markup
    assert "Objectives not linked to a growth goal" in markup
    assert "<b>O1</b>" in markup and "<b>KR1</b>" in markup and ".0</b>" not in markup  # goal 3 made them floats
    counts = year_outcomes_frame(ana, "ana", 2027)
    assert counts.loc["2027Q1", "met"] == 1 and counts.loc["2027Q2", "open"] == 1
    fig = plot_year_outcomes(counts)
    assert len(fig.axes[0].patches) > 0


def test_a_key_result_carried_over_is_one_key_result_in_the_year_review(ana: Store) -> None:
    """Carried from Q2 into Q3 and met there: the review says one key result, met (it said three for two:
    "1 met, 1 carried over, 1 still open"), and the carried one cannot be moved a second time."""
    close_quarter(ana, QuarterClose(person="ana", quarter="2027Q2", outcomes=outcomes(
        (1, 1, "met", "done"), (1, 2, "carried_over", "needs Q3"), (2, 1, "met", ""))), start_next=True)
    q3 = ana.okrs("ana", "2027Q3")
    assert q3 is not None and q3.objectives[0].key_results[0].moved_from == KRRef(quarter="2027Q2", objective=1,
                                                                                   key_result=2)
    with pytest.raises(InputError, match="already moved: it continues as O1·KR1 of 2027Q3"):
        ana.move_key_result("ana", "2027Q2", 1, 2)
    frame = year_review_frame(ana, "ana", 2027)
    assert list(frame[frame["goal"] == 1]["continued_in"]) == ["", "2027Q3", ""]
    markup = year_review_html(ana, "ana", 2027)
    assert "2 key results (1 key result continued from one quarter into the next, counted once): 1 met, 1 still open" in markup
    assert "carried over, continues in Q3" in markup
    close_quarter(ana, QuarterClose(person="ana", quarter="2027Q3", outcomes=outcomes((1, 1, "met", "shipped"))))
    assert "2 key results (1 key result continued from one quarter into the next, counted once): 2 met" in \
        year_review_html(ana, "ana", 2027)


def test_one_key_result_is_said_as_one(store: Store) -> None:
    """'All 1 key results have an outcome.' on a quarter of one key result."""
    store.add_person(Person(id="noa", name="Noa Levi"))
    store.save_okrs(QuarterOKRs(person="noa", quarter="2027Q2", objectives=[Objective(
        text="Run the rota", key_results=[_kr("Run 6 on-call weeks by 2027-06-30")])]))
    assert "The key result has no outcome yet." in quarter_close_html(store, "noa", "2027Q2")
    # a brand-new person's key result with no check-in: 'not met' is only a starting point, and the page says why
    assert "suggested: not met (no check-in has said anything about it yet)" in quarter_close_html(store, "noa", "2027Q2")
    # before the quarter began nothing is suggested (the form above it says it has not started; a helper)
    early = quarter_close_html(store, "noa", "2027Q2", dt.date(2027, 3, 20))
    assert "the quarter has not begun" in early and "suggested" not in early
    steps = {s.stage: s for s in restart_steps(store, "noa", "2027Q2", dt.date(2027, 6, 28))}
    assert steps[5].detail == "The key result still needs an outcome and a note."
    close_quarter(store, QuarterClose(person="noa", quarter="2027Q2", outcomes=outcomes((1, 1, "met", ""))))
    assert "The key result has an outcome." in quarter_close_html(store, "noa", "2027Q2")
    steps = {s.stage: s for s in restart_steps(store, "noa", "2027Q2", dt.date(2027, 6, 28))}
    assert steps[5].detail == "The key result has an outcome."


def test_quarter_close_page_escapes_and_says_what_is_not_recorded(store: Store) -> None:
    seed(store)
    store.add_key_result("ana", "2027Q2", 2, _kr("<script>alert(1)</script> by 2027-06-01"))
    markup = quarter_close_html(store, "ana", "2027Q2")
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "0 of 4 key results have an outcome" in markup and "not recorded yet" in markup
    assert "Nothing is marked" in markup


def test_restart_steps_after_closing_q4_ask_for_next_years_goals(store: Store) -> None:
    seed(store, quarter="2027Q4")
    steps = {s.stage: s for s in restart_steps(store, "ana", "2027Q4", dt.date(2027, 12, 10))}
    assert steps[5].state == "todo" and "3 of 3" in steps[5].detail
    assert steps[2].title == "Growth goals for 2028" and steps[2].state == "todo"
    assert "Ask Ana to draft up to three growth goals for 2028" in steps[2].detail
    assert steps[3].state == "todo" and "No OKRs yet" in steps[3].detail
    close_quarter(store, QuarterClose(person="ana", quarter="2027Q4", outcomes=outcomes(
        (1, 1, "carried_over", "x"), (1, 2, "met", ""), (2, 1, "met", ""))), start_next=True)
    ordered = restart_steps(store, "ana", "2027Q4", dt.date(2027, 12, 10))
    assert [s.stage for s in ordered] == [5, 2, 3, 4, 1]  # the cycle's order: goals before OKRs
    steps = {s.stage: s for s in ordered}
    assert steps[5].state == "done"
    assert "1 objective, 1 key result; 1 without a target date yet" in steps[3].detail
    markup = restart_html(store, "ana", "2027Q4", dt.date(2027, 12, 10))
    assert "no shortcut to career growth" in markup and "03_quarterly_okrs" in markup


def test_restart_steps_mid_year_check_this_years_goals(ana: Store) -> None:
    steps = {s.stage: s for s in restart_steps(ana, "ana", "2027Q2", dt.date(2027, 5, 10))}
    assert steps[2].title == "Check the 2027 goals still fit" and steps[2].state == "done"
    assert steps[4].state == "done" and "next one due around 17 May 2027" in steps[4].detail
    late = {s.stage: s for s in restart_steps(ana, "ana", "2027Q2", dt.date(2027, 7, 30))}
    assert late[4].state == "todo" and "overdue" in late[4].detail
    plan = ana.plan("ana", 2027)
    assert plan is not None
    ana.save_plan(plan.model_copy(update={"status": "draft"}))  # a plan still in draft has not been checked
    draft = {s.stage: s for s in restart_steps(ana, "ana", "2027Q2", dt.date(2027, 5, 10))}
    assert draft[2].state == "todo" and "still draft: agree a final version" in draft[2].detail
    ana.add_note(Note(person="ana", date=dt.date(2027, 5, 10), direction="pull", topic="goals", text="Still fits"))
    today = {s.stage: s for s in restart_steps(ana, "ana", "2027Q2", dt.date(2027, 5, 11))}
    assert "Last career conversation (a note or a check-in) on 10 May 2027 (this week)." in today[1].detail


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.demo import build_demo_db

    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.db")


def test_every_demo_person_can_close_the_demo_quarter(demo_db: Path, tmp_path: Path) -> None:
    from workbook.demo import DEMO_AS_OF, DEMO_QUARTER

    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        for person in store.people():
            items = close_items(store, person.id, DEMO_QUARTER)
            assert items, person.id
            for it in items:
                assert it.suggested == suggest_outcome(it.last_status)
            result = close_quarter(store, QuarterClose(person=person.id, quarter=DEMO_QUARTER, outcomes=[
                KROutcome(objective=it.objective, key_result=it.key_result,
                          outcome="carried_over" if it.last_status != "done" else "met", note="demo close")
                for it in items]), start_next=True)
            assert result.next_created == any(it.last_status != "done" for it in items)
            assert restart_steps(store, person.id, DEMO_QUARTER, DEMO_AS_OF)[0].state == "done"


def test_an_empty_year_is_said_in_a_sentence_not_an_empty_chart(store: Store) -> None:
    from workbook.render.close import year_outcomes_html

    store.add_person(Person(id="noor", name="Noor Aziz"))
    review = year_review_html(store, "noor", 2026)
    assert "No growth goals and no OKRs recorded for 2026 yet" in review and "quarters below" not in review
    assert year_outcomes_html(store, "noor", 2026) == ('<p style="color:#666"><i>No key results in 2026 yet, so no '
                                                      "outcomes to show.</i></p>")


def test_the_check_in_step_reads_the_check_ins_as_they_stood_on_the_page_s_day(store: Store) -> None:
    """A check-in recorded ahead (the 2027Q1 page's day) showed in the 2026Q4 close checklist viewed as of
    2026-12-06 as "Last check-in 29 Jan 2027", a day the page had not reached (found by a helper's walk)."""
    store.add_person(Person(id="kim", name="Kim Lee"))  # a brand-new person, goals and OKRs none
    store.add_check_in(CheckIn(person="kim", date=dt.date(2026, 11, 30)))
    store.add_check_in(CheckIn(person="kim", date=dt.date(2027, 1, 29)))
    steps = {s.stage: s for s in restart_steps(store, "kim", "2026Q4", dt.date(2026, 12, 6))}
    assert steps[4].detail.startswith("Last check-in 30 Nov 2026; next one due around 14 Dec 2026"), steps[4].detail
    assert steps[4].state == "done"
