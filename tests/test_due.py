"""What is due: check-ins every check_in_days, follow-ups, actions and support past due, missing growth goals and
OKRs, quarters to close; the same list for the home page and `workbook due`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbook.core import clock
from workbook.core.errors import InputError
from workbook.core.model import Action, CheckIn, GrowthPlan, Note, Person, QuarterOKRs
from workbook.stages.due import due_for_person, due_frame, format_due, parse_within
from workbook.store import Store

DAY = dt.date(2027, 2, 15)


@pytest.fixture
def kim(store: Store) -> Store:
    store.add_person(Person(id="kim", name="Kim Lee"))
    return store


def kinds(store: Store, day: dt.date = DAY, within: int = 0) -> list[str]:
    return [i["kind"] for i in due_for_person(store, "kim", day, within)]


def test_a_brand_new_person_is_due_a_check_in_goals_and_okrs(kim: Store) -> None:
    items = due_for_person(kim, "kim", DAY)
    assert [i["kind"] for i in items] == ["check-in", "growth goals", "OKRs"]
    assert all(i["due"] == DAY and i["days_late"] == 0 for i in items[1:])
    # the check-in is due from the day Kim was added (today, on the real calendar, before DAY)
    added = kim.added_days()["kim"]
    assert added < DAY and items[0]["due"] == added and items[0]["days_late"] == (DAY - added).days
    assert items[0]["stage"] == "checkin"
    assert items[0]["what"] == f"no check-in since they were added on {added.isoformat()}: start the bi-weekly rhythm"


def test_someone_never_checked_in_with_is_late_from_the_day_they_joined(store: Store) -> None:
    """The due list said "no check-in yet [due today]" every day for someone never met, so a report ignored for two
    months ranked below a check-in two days late. It is due from the day they were added to the workbook or started,
    whichever came later; today when neither is known (a workbook from before the change log)."""
    store.add_person(Person(id="kim", name="Kim Lee"))
    store.add_person(Person(id="sam", name="Sam Rivera", started=dt.date(2027, 1, 4)))
    added = store.added_days()
    assert set(added) == {"kim", "sam"}
    late = {i["person"]: i for i in due_frame(store, DAY).to_dict("records") if i["kind"] == "check-in"}
    assert late["kim"]["due"] == added["kim"] and late["kim"]["days_late"] == (DAY - added["kim"]).days
    assert late["sam"]["due"] == dt.date(2027, 1, 4) and late["sam"]["days_late"] == 42  # started after being added
    assert late["sam"]["what"] == "no check-in since they started on 2027-01-04: start the bi-weekly rhythm"
    on_the_day = due_for_person(store, "sam", dt.date(2027, 1, 4))[0]
    assert on_the_day["kind"] == "check-in" and on_the_day["days_late"] == 0 and on_the_day["what"] == (
        "no check-in yet: start the bi-weekly rhythm")
    assert added["kim"] >= dt.date(2026, 12, 7) and due_for_person(store, "kim", added["kim"])[0]["days_late"] == 0
    store.add_check_in(CheckIn(person="sam", date=dt.date(2027, 2, 1)))
    assert [i["kind"] for i in due_for_person(store, "sam", DAY)] == ["check-in", "growth goals", "OKRs"]
    assert due_for_person(store, "sam", DAY)[0]["what"].startswith("last check-in 2027-02-01")


def test_a_check_in_is_due_fourteen_days_after_the_last_and_the_cadence_is_a_limit(kim: Store) -> None:
    kim.save_plan(GrowthPlan(person="kim", year=2027, status="agreed", goals=[{"text": "Lead the pricing model review"}]))
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[{"text": "Present the model", "key_results": [
        {"text": "Present the churn model at the weekly meeting by 2027-03-01"}]}]))
    kim.add_check_in(CheckIn(person="kim", date=DAY - dt.timedelta(days=10)))
    assert kinds(kim) == []
    assert kinds(kim, within=4) == ["check-in"]  # due on day 14: inside a 4-day look-ahead
    assert kinds(kim, DAY + dt.timedelta(days=4)) == ["check-in"]
    kim.set_limit("check_in_days", "7")
    late = due_for_person(kim, "kim", DAY)
    assert [i["kind"] for i in late] == ["check-in"] and late[0]["days_late"] == 3


def test_follow_ups_actions_and_support_past_their_date(kim: Store) -> None:
    kim.add_note(Note(person="kim", date=DAY - dt.timedelta(days=20), direction="pull", topic="goals",
                      text="Wants to lead", follow_up="Send the intro to Kwame", follow_up_due=DAY - dt.timedelta(days=2)))
    kim.add_action(Action(person="kim", text="Draft the talk", due=DAY - dt.timedelta(days=1)), created_on=DAY)
    kim.add_action(Action(person="kim", text="Later thing", due=DAY + dt.timedelta(days=30)), created_on=DAY)
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[{"text": "Present", "key_results": [
        {"text": "Present the churn model by 2027-03-01",
         "support": [{"who": "tech lead", "what": "design review", "status": "committed", "due": "2027-02-10"}]}]}]))
    items = {i["kind"]: i for i in due_for_person(kim, "kim", DAY)}
    assert items["follow-up"]["what"] == "[private] Send the intro to Kwame" and items["follow-up"]["days_late"] == 2
    assert items["action"]["what"] == "Draft the talk (owner: Kim)" and items["action"]["stage"] == "checkin"
    kim.add_action(Action(person="kim", text="Book the room", owner="manager", due=DAY - dt.timedelta(days=3)),
                   created_on=DAY - dt.timedelta(days=5))
    assert "Book the room (owner: you)" in [i["what"] for i in due_for_person(kim, "kim", DAY)]  # the reader
    assert "tech lead: design review" in items["support"]["what"] and items["support"]["days_late"] == 5
    assert "Later thing" not in str(items)


def test_support_nobody_gave_stays_due_after_its_quarter_ends_until_the_quarter_is_closed(
        kim: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A request for a key result of 2027Q1 that nobody answered dropped off the due list on 1 April, while the quarter
    was still to close (found by a helper's year played through the command line). It stays, saying so, until the
    key results have their outcomes; a quarter closed takes its support with it."""
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[{"text": "Present", "key_results": [
        {"text": "Present the churn model by 2027-03-01",
         "support": [{"who": "platform team", "what": "on-call cover", "status": "requested", "due": "2027-02-10"}]}]}]))
    support = [i["what"] for i in due_for_person(kim, "kim", dt.date(2027, 4, 1)) if i["kind"] == "support"]
    assert support == ["platform team: on-call cover (due 2027-02-10, 50 days ago, still requested; 2027Q1 is still "
                       "to close)"]
    monkeypatch.setenv(clock.TODAY_VARIABLE, "2027-04-02")  # the close, held that day
    kim.set_outcome("kim", "2027Q1", 1, 1, "not_met")
    assert not [i for i in due_for_person(kim, "kim", dt.date(2027, 4, 3)) if i["kind"] == "support"]


def test_a_quarter_with_key_results_and_no_outcomes_is_due_a_close(kim: Store) -> None:
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2026Q4", objectives=[{"text": "Present", "key_results": [
        {"text": "Present the churn model by 2026-12-01"}]}]))
    items = [i for i in due_for_person(kim, "kim", DAY) if i["kind"] == "close"]
    assert [i["what"] for i in items] == ["close 2026Q4: 1 key result without an outcome"]
    assert items[0]["due"] == dt.date(2026, 12, 31) and items[0]["stage"] == "close"
    # this quarter only once it ends within the window
    assert not [i for i in due_for_person(kim, "kim", dt.date(2026, 12, 1)) if i["kind"] == "close"]
    assert [i for i in due_for_person(kim, "kim", dt.date(2026, 12, 1), 31) if i["kind"] == "close"]


def test_the_frame_covers_everyone_and_prints_per_person(kim: Store) -> None:
    kim.add_person(Person(id="ana", name="Ana Souza"))
    frame = due_frame(kim, DAY)
    assert list(frame.columns) == ["person", "name", "kind", "what", "due", "days_late", "stage", "period"]
    assert set(frame["person"]) == {"ana", "kim"}
    text = format_due(frame, DAY, 7)
    assert text.startswith("Due (as of 2027-02-15, looking 7 days ahead):") and "Kim Lee (kim)" in text
    since = kim.added_days()["ana"]
    assert (f"  - check-in: no check-in since they were added on {since.isoformat()}: start the bi-weekly rhythm "
            f"[{(DAY - since).days} days late]") in text
    assert format_due(due_frame(Store(":memory:"), DAY), DAY) == "nothing due (as of 2027-02-15)"


@pytest.mark.parametrize(("text", "days"), [("7d", 7), ("2w", 14), ("3", 3), ("", 0), (None, 0), ("0d", 0)])
def test_within_reads_days_and_weeks(text: str | None, days: int) -> None:
    assert parse_within(text) == days


def test_a_bad_within_is_one_line() -> None:
    with pytest.raises(InputError, match="--within 'soon' is not a number of days or weeks; write e.g. 7d or 2w"):
        parse_within("soon")


def test_cli_due_prints_the_same_list(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    r = cli("due", "--within", "7d", "--as-of", "2027-02-15")
    assert r.returncode == 0, r.stderr
    with Store(db) as store:
        assert r.stdout.strip() == format_due(due_frame(store, DAY, 7), DAY, 7)
    bad = cli("due", "--within", "soon")
    assert bad.returncode == 1 and bad.stderr.startswith("error: --within 'soon'")


def test_late_in_the_year_the_goals_to_ask_for_are_next_years(kim: Store) -> None:
    late = dt.date(2026, 11, 30)
    goals = [(i["what"], i["period"]) for i in due_for_person(kim, "kim", late) if i["kind"] == "growth goals"]
    assert goals == [("no growth goals for 2027 yet: ask them to draft up to 3", "2027")]  # the link opens 2027
    kim.save_plan(GrowthPlan(person="kim", year=2027, goals=[{"text": "Lead the pricing model review"}]))
    goals = [(i["what"], i["period"]) for i in due_for_person(kim, "kim", late) if i["kind"] == "growth goals"]
    assert goals == [("the 2027 growth goals are still a draft: agree them together, with their priorities", "2027")]
    kim.save_plan(GrowthPlan(person="kim", year=2027, status="agreed", goals=[{"text": "Lead the pricing model review"}]))
    assert "growth goals" not in [i["kind"] for i in due_for_person(kim, "kim", late)]


def test_goals_drafted_and_never_agreed_stay_due_until_they_are(kim: Store) -> None:
    """A plan drafted in February and left a draft (or in discussion) all year was never on the due list: once a
    year had goals the list was silent, though the cycle's step (the report drafts, the manager gives feedback, both
    agree a version with priorities) was not done. From a brand-new person with goals and nothing else: the plan is
    due until agreed, on its own stage, to the year's end; from October on next year's once it has goals."""
    def goals(day: dt.date) -> list[tuple[str, str, str]]:
        return [(i["what"], i["stage"], i["period"]) for i in due_for_person(kim, "kim", day) if i["kind"] == "growth goals"]

    kim.save_plan(GrowthPlan(person="kim", year=2027, goals=[{"text": "Lead the pricing model review"}]))
    assert goals(DAY) == [("the 2027 growth goals are still a draft: agree them together, with their priorities",
                           "goals", "")]
    kim.save_plan(GrowthPlan(person="kim", year=2027, status="in_discussion",
                             goals=[{"text": "Lead the pricing model review"}]))
    assert goals(DAY)[0][0].startswith("the 2027 growth goals are still in discussion")
    assert goals(dt.date(2027, 10, 1))[0][0].startswith("the 2027 growth goals are still in discussion")  # still due
    kim.save_plan(GrowthPlan(person="kim", year=2028, goals=[{"text": "Speak at a conference"}]))  # next year's now
    assert goals(dt.date(2027, 10, 1)) == [("the 2028 growth goals are still a draft: agree them together, with their "
                                            "priorities", "goals", "2028")]
    kim.save_plan(GrowthPlan(person="kim", year=2027, status="agreed", goals=[{"text": "Lead the pricing model review"}]))
    assert goals(DAY) == []
    assert [i["kind"] for i in due_for_person(kim, "kim", DAY)] == ["check-in", "OKRs"]  # no OKRs, no check-in yet


def test_goal_drafts_the_report_shared_are_due_until_feedback_is_given_or_the_goals_agreed(kim: Store) -> None:
    """In December Kim drafts 2027's goals on her page and shares them: the due list said nothing (her 2026
    goals exist) or "ask them to draft". It now says what she shared, from the day she shared it, until
    feedback is given on each (a changed draft asks again) or the plan is agreed."""
    late = dt.date(2026, 12, 2)
    kim.save_plan(GrowthPlan(person="kim", year=2026, status="agreed", goals=[{"text": "Lead the pricing review"}]))
    assert "growth goals" not in [i["kind"] for i in due_for_person(kim, "kim", late)]
    for pos, text in ((1, "Speak at one conference"), (2, "Mentor a new hire")):
        kim.save_draft("kim", "goal", 2027, pos, {"text": text})
    assert "growth goals" not in [i["kind"] for i in due_for_person(kim, "kim", late)]  # drafts are hers alone
    kim.share_draft("kim", "goal", 2027, 1)
    kim.share_draft("kim", "goal", 2027, 2)
    today = clock.today()
    goals = [i for i in due_for_person(kim, "kim", late) if i["kind"] == "growth goals"]
    assert [(i["what"], i["period"], i["due"], i["stage"]) for i in goals] == [
        ("2 growth-goal drafts for 2027 shared with you: give your feedback, then agree the goals together", "2027",
         today, "goals")]
    kim.save_draft("kim", "feedback", 2027, 1, {"text": "Which conference?"})
    kim.give_feedback("kim", 2027, 1)
    goals = [i["what"] for i in due_for_person(kim, "kim", late) if i["kind"] == "growth goals"]
    assert goals == ["1 growth-goal draft for 2027 shared with you: give your feedback, then agree the goals together"]
    kim.agree_goals("kim", 2027)
    assert "growth goals" not in [i["kind"] for i in due_for_person(kim, "kim", late)]
    # a brand-new person who shared drafts for this year: asked about them, not "ask them to draft"
    kim.add_person(Person(id="ann", name="Ann Roe"))
    kim.save_draft("ann", "goal", 2027, 1, {"text": "Run the on-call rota"})
    kim.share_draft("ann", "goal", 2027, 1)
    ann = [i["what"] for i in due_for_person(kim, "ann", DAY) if i["kind"] == "growth goals"]
    assert ann == ["1 growth-goal draft for 2027 shared with you: give your feedback, then agree the goals together"]


def _count_queries(store: Store, fn):  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    seen: list[str] = []

    def count(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", count)
    try:
        result = fn()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", count)
    return result, len(seen)


def test_the_due_list_reads_a_whole_team_in_a_few_queries_whatever_its_size(demo: Store) -> None:
    """One query per kind of fact, not per person: on an organisation's server each is a round trip through
    the row-level security policies (issue 15's target: 12 reports in 100 ms)."""
    day = dt.date(2026, 11, 20)
    everyone = [p.id for p in demo.people()]
    full, n_all = _count_queries(demo, lambda: due_frame(demo, day))
    two, n_two = _count_queries(demo, lambda: due_frame(demo, day, people=everyone[:2]))
    assert n_all <= 13 and n_two <= 13 and len(everyone) >= 6  # one per kind of fact (13 with trial runs to debrief)
    # the same items as the whole list, person by person, and as due_for_person gives them
    assert two.reset_index(drop=True).equals(full[full["person"].isin(everyone[:2])].reset_index(drop=True))
    for pid in everyone:
        assert full[full["person"] == pid].to_dict("records") == due_for_person(demo, pid, day)
    assert due_frame(demo, day, people=[]).empty


def test_in_a_quarters_last_month_the_okrs_due_are_the_next_quarters(kim: Store) -> None:
    """On 5 March nobody sets 2027Q1's OKRs any more: the item asks for 2027Q2's and opens that quarter."""
    okrs = [i for i in due_for_person(kim, "kim", dt.date(2027, 3, 5)) if i["kind"] == "OKRs"]
    assert [(i["what"], i["period"], i["due"]) for i in okrs] == [
        ("no OKRs for 2027Q2 yet: 2027Q1 ends this month, so set 2027Q2's", "2027Q2", dt.date(2027, 3, 5))]
    assert [i["what"] for i in due_for_person(kim, "kim", dt.date(2027, 2, 28)) if i["kind"] == "OKRs"] == [
        "no OKRs for 2027Q1 yet"]  # the quarter's second month: still this quarter's
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q2", objectives=[{"text": "Present the model", "key_results": [
        {"text": "Present the churn model at the weekly meeting by 2027-05-01"}]}]))
    assert "OKRs" not in kinds(kim, dt.date(2027, 3, 5))  # next quarter's are set: nothing to ask
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q3", objectives=[{"text": "Ship", "key_results": [
        {"text": "Ship the churn model to production by 2027-08-01"}]}]))
    assert "OKRs" not in kinds(kim, dt.date(2027, 8, 5))  # this quarter's set, and not its last month: nothing
    # in 2027Q3's last month the next quarter's are due too, though this quarter has some: each quarter has its
    # OKRs, drafted while this one closes (they were asked for only when this quarter had none)
    okrs = [i for i in due_for_person(kim, "kim", dt.date(2027, 9, 10)) if i["kind"] == "OKRs"]
    assert [(i["what"], i["period"]) for i in okrs] == [
        ("no OKRs for 2027Q4 yet: 2027Q3 ends this month, so set 2027Q4's", "2027Q4")]
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q4", objectives=[{"text": "Teach", "key_results": [
        {"text": "Run two modelling workshops for the analysts by 2027-11-30"}]}]))
    assert "OKRs" not in kinds(kim, dt.date(2027, 9, 10))


def test_nothing_is_due_or_summarised_for_someone_before_they_joined(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`due --as-of 2026-03-31` listed Sam, who started on 1 September, with a check-in, goals and OKRs due, and
    `summaries 2026Q2` wrote a summary of a quarter before he joined (found by a helper)."""
    import datetime as dt

    import pytest

    from workbook.core.errors import InputError
    from workbook.core.model import Person
    from workbook.run.summaries import make_summaries
    from workbook.stages.due import due_frame
    from workbook.store import Store

    db = tmp_path / "w.db"
    with Store(db) as store:
        store.add_person(Person(id="maya", name="Maya Okafor", started=dt.date(2024, 5, 13)))
        store.add_person(Person(id="sam", name="Sam Rivera", started=dt.date(2026, 9, 1)))
        early = due_frame(store, dt.date(2026, 3, 31))
        assert set(early["person"]) == {"maya"}
        assert "sam" in set(due_frame(store, dt.date(2026, 3, 31), within_days=200)["person"])  # looking ahead
        assert "sam" in set(due_frame(store, dt.date(2026, 9, 15))["person"])
    with pytest.raises(InputError, match="sam: Sam Rivera started on 2026-09-01, after 2026Q2"):
        make_summaries(db, "2026Q2", people=["sam"], out_dir=tmp_path / "out", pdf=False, progress=False)
    manifest = make_summaries(db, "2026Q2", out_dir=tmp_path / "out", pdf=False, progress=False, as_of="2026-06-30")
    assert not manifest.failed
    assert not (tmp_path / "out" / "2026Q2" / "sam").exists() and (tmp_path / "out" / "2026Q2" / "maya").is_dir()
    from workbook.render.team_overview import team_sections

    with Store(db) as store:
        assert "Sam Rivera" not in "\n".join(team_sections(store, "2026Q2", "2026-06-30")["attention"].bullets)
        assert "Sam Rivera" in "\n".join(team_sections(store, "2026Q4", "2026-12-01")["attention"].bullets)


def test_joined_by_counts_the_first_day_and_a_person_with_no_start_date() -> None:
    """One rule for "had they started by this day", used by `due`, the summaries and the team overview."""
    import datetime as dt

    from workbook.core.model import Person
    from workbook.stages.dated import joined_by

    sam = Person(id="sam", name="Sam Rivera", started=dt.date(2026, 9, 1))
    assert not joined_by(sam, dt.date(2026, 8, 31))
    assert joined_by(sam, dt.date(2026, 9, 1)) and joined_by(sam, dt.date(2027, 1, 1))
    assert joined_by(Person(id="ana", name="Ana"), dt.date(1990, 1, 1))


def test_a_trial_run_is_due_for_its_debrief_from_its_follow_up_day(kim: Store) -> None:
    """A brand-new person with no goals or OKRs: a trial run agreed at a check-in is due on its follow-up day
    (the next check-in's), says when the draft was sent, leaves the list once debriefed, and after 90 days is
    history, as a note's follow-up is."""
    from workbook.core.model import TrialRun

    kim.add_check_in(CheckIn(person="kim", date=dt.date(2027, 2, 1), mode="unblock", trial_runs=[
        TrialRun(text="Draft the reply declining the extra report", follow_up_on=dt.date(2027, 2, 15)),
        TrialRun(text="Rehearse the roadmap talk", follow_up_on=dt.date(2027, 2, 20))]))

    def trials(day: dt.date, within: int = 0) -> list[tuple[str, dt.date]]:
        return [(i["what"], i["due"]) for i in due_for_person(kim, "kim", day, within) if i["kind"] == "trial run"]

    assert trials(dt.date(2027, 2, 14)) == []
    assert trials(DAY) == [("Draft the reply declining the extra report (agreed 2027-02-01): debrief it", DAY)]
    assert [d for _, d in trials(DAY, within=7)] == [DAY, dt.date(2027, 2, 20)]
    kim.update_trial_run("kim", "Rehearse the roadmap talk", "sent")
    kim.update_trial_run("kim", "Draft the reply declining the extra report", "debriefed", "Sent; it landed well")
    assert trials(dt.date(2027, 2, 21)) == [
        ("Rehearse the roadmap talk (agreed 2027-02-01, and it happened): debrief it", dt.date(2027, 2, 20))]
    assert trials(dt.date(2027, 2, 20) + dt.timedelta(days=91)) == []
    frame = due_frame(kim, dt.date(2027, 2, 21))
    assert list(frame[frame["kind"] == "trial run"]["stage"]) == ["checkin"]
    assert "trial run: Rehearse the roadmap talk" in format_due(frame, dt.date(2027, 2, 21))


def test_in_december_drafts_for_this_year_are_the_one_goals_item_and_its_link_opens_that_year(kim: Store) -> None:
    """A brand-new person shared two drafts for 2026 on their page in December: the home page listed them and also
    "no growth goals for 2027 yet", and the drafts' link carried no year, so the goals page opened on 2027, where
    there were no drafts (found by a helper in the app). The drafts are now the one item, with their year."""
    kim.add_person(Person(id="eli", name="Eli Nour"))
    for pos, text in ((1, "Run the on-call rota"), (2, "Give one talk at the guild")):
        kim.save_draft("eli", "goal", 2026, pos, {"text": text})
        kim.share_draft("eli", "goal", 2026, pos)
    december = dt.date(2026, 12, 6)
    goals = [(i["what"], i["period"]) for i in due_for_person(kim, "eli", december) if i["kind"] == "growth goals"]
    assert goals == [("2 growth-goal drafts for 2026 shared with you: give your feedback, then agree the goals "
                      "together", "2026")]
    from workbook.notebook import _due_period

    assert _due_period(kim, "goals", "eli", december) == "2026Q4"  # the page opened without a link: the same year


def test_a_page_reopened_in_december_stays_on_the_plans_saved_for_next_period(kim: Store) -> None:
    """After a new person's 2027 goals and 2027Q1 OKRs were saved in December, a reload opened 2026 and 2026Q4,
    both empty, as if the plans were lost (found by a helper in the app). Before they were saved the due list
    sent the pages ahead; now a saved plan ahead with none in the day's own period keeps them there."""
    from workbook.notebook import _due_period
    from workbook.stages.due import period_to_open

    kim.add_person(Person(id="dana", name="Dana Park"))
    december = dt.date(2026, 12, 6)
    assert period_to_open(kim, "goals", "dana", december) == "2027"  # the due list: ask for next year's
    kim.save_plan(GrowthPlan(person="dana", year=2027, goals=[{"text": "Lead the pricing model review"}]))
    assert period_to_open(kim, "goals", "dana", december) == "2027"  # saved: still there
    assert _due_period(kim, "goals", "dana", december) == "2027Q1"
    assert period_to_open(kim, "goals", "dana", dt.date(2026, 9, 30)) is None  # before October: the day's own year
    kim.save_okrs(QuarterOKRs(person="dana", quarter="2027Q1", objectives=[{"text": "Present the model",
                  "key_results": [{"text": "Present it to 2 teams by 2027-02-15"}]}]))
    assert period_to_open(kim, "okrs", "dana", december) == "2027Q1"
    assert period_to_open(kim, "okrs", "dana", dt.date(2026, 11, 6)) is None  # not the quarter's last month
    kim.save_okrs(QuarterOKRs(person="dana", quarter="2026Q4", objectives=[{"text": "Ship the rota",
                  "key_results": [{"text": "Rota live for 4 teams"}]}]))
    assert period_to_open(kim, "okrs", "dana", december) is None  # this quarter has some: close them first


def _org_of_users(owner_url: str, people: list[tuple[str, str, str]], users: dict[str, dict]) -> dict[str, str]:
    """People (id, name, manager) added by the owner, then their logins: each user's URL (password included)."""
    from workbook.store.backend import parse_url

    with Store(owner_url) as owner:
        for pid, name, manager in people:
            owner.add_person(Person(id=pid, name=name, manager=manager, started=dt.date(2026, 1, 5)))
        made = {name: owner.add_user(name, **kw) for name, kw in users.items()}
    return {name: parse_url(u.url).set(password=u.password).render_as_string(hide_password=False)
            for name, u in made.items()}


def test_someone_with_no_manager_is_listed_once_as_no_manager_not_as_overdue_check_ins(pg_url: str) -> None:
    """HR's `workbook due` listed Zoe, who has no manager yet, with a check-in, growth goals and OKRs due, as if
    someone were late with her; nobody holds her conversations. In an organisation database she is one line,
    "no manager", for HR (and the administrator) to fix; her would-be manager's and a report's lists are
    unchanged, and once she has a manager her conversations are due as anyone's. Ines, whom Paulo reports to and
    who has no manager, is the top of the tree: nothing is due for her and nothing needs fixing (HR would
    otherwise see the organisation's head as a fault for good)."""
    from workbook.forms.home import HomePage
    from workbook.stages.people import person_card

    day = dt.date(2026, 12, 7)
    urls = _org_of_users(pg_url, [("ines", "Ines Okafor", ""), ("paulo", "Paulo Mendes", "ines"),
                                  ("zoe", "Zoe Laurent", "")],
                         {"ines": {"person": "ines"}, "paulo": {"person": "paulo"}, "zoe": {"person": "zoe"},
                          "hr-amara": {"hr": True}})
    with Store(pg_url) as owner:  # a manager given as a name that is no person in the tree is no manager either
        owner.add_person(Person(id="kai", name="Kai Brandt", manager="Someone Elsewhere", started=dt.date(2026, 1, 5)))
    for url in (urls["hr-amara"], pg_url):  # HR, and the administrator, see everyone
        with Store(url, readonly=True) as store:
            frame = due_frame(store, day)
            zoe = frame[frame["person"] == "zoe"]
            assert list(zoe["kind"]) == ["no manager"], zoe
            assert "workbook person edit zoe --manager ID" in zoe["what"].iloc[0]
            # HR writes nothing: told who gives a manager (a helper found HR told to run a command it is refused)
            assert ("the administrator gives them a manager" in zoe["what"].iloc[0]) == (url != pg_url), zoe
            assert list(frame[frame["person"] == "kai"]["kind"]) == ["no manager"]
            assert "'Someone Elsewhere' is a name, not a person" in frame[frame["person"] == "kai"]["what"].iloc[0]
            assert "check-in" in set(frame[frame["person"] == "paulo"]["kind"])  # a report with a manager: as before
            assert frame[frame["person"] == "ines"].empty  # the top of the tree: nothing due, nothing to fix
            text = format_due(frame, day)
            assert "Zoe Laurent (zoe)\n  - no manager: nobody holds their check-ins, goals or OKRs" in text
            assert "no check-in" not in text.split("Zoe Laurent (zoe)")[1].split("\n")[1]
            assert "due: no manager (" in person_card(store, "zoe", day)
    with Store(urls["hr-amara"]) as hr:
        html = HomePage(hr, day).due.value  # the home page shows the same item, with no stage to open
        assert "no manager" in html and "workbook person edit zoe --manager ID" in html
    with Store(urls["ines"], readonly=True) as ines:  # her list is her reports': Paulo's conversations
        assert set(due_frame(ines, day)["person"]) == {"paulo"} and "no manager" not in set(due_frame(ines, day)["kind"])
    with Store(urls["paulo"], readonly=True) as paulo:
        assert paulo.nobody_reports_to_me() and due_frame(paulo, day).empty
    with Store(pg_url) as owner:
        owner.edit_person("zoe", manager="ines")
    with Store(urls["hr-amara"], readonly=True) as hr:  # held now: her conversations are due as anyone's
        assert "check-in" in set(due_frame(hr, day).query("person == 'zoe'")["kind"])
    with Store(pg_url) as owner:  # her manager leaves: archived, nobody holds Zoe's or Paulo's conversations (a
        owner.set_archived("ines", True)  # helper found them listed with check-ins due as if someone did)
    for url in (urls["hr-amara"], pg_url):
        with Store(url, readonly=True) as store:
            frame = due_frame(store, day)
            for pid in ("zoe", "paulo"):
                mine = frame[frame["person"] == pid]
                assert list(mine["kind"]) == ["no manager"], mine
                assert "(their manager ines is archived, a leaver)" in mine["what"].iloc[0]


def test_in_a_sqlite_workbook_nobody_lacks_a_manager(kim: Store) -> None:
    """A SQLite workbook is its owner's, who holds everyone's conversations: Kim, with no manager recorded, is
    due a check-in, never "no manager"."""
    assert "no manager" not in set(due_frame(kim, DAY)["kind"]) and "check-in" in kinds(kim)


def test_hr_s_team_overview_does_not_flag_the_top_of_the_tree(pg_url: str) -> None:
    """HR's quarter-end team overview flagged Ines, the head of the organisation (no manager, Paulo reports to
    her), with "no career conversation recorded yet", "no growth goals" and "no key results" every quarter, while
    the due list says nothing is missing for the top of a tree (found by a helper running HR's summaries on a new
    organisation). Her missing records are no longer flagged; Paulo's still are."""
    from workbook.render.team_overview import team_sections

    urls = _org_of_users(pg_url, [("ines", "Ines Okafor", ""), ("paulo", "Paulo Mendes", "ines")],
                         {"hr-amara": {"hr": True}})
    for url in (urls["hr-amara"], pg_url):
        with Store(url, readonly=True) as store:
            bullets = "\n".join(team_sections(store, "2026Q4", "2026-12-07")["attention"].bullets)
        assert "Ines Okafor" not in bullets, bullets
        assert "Paulo Mendes (paulo): no career conversation recorded yet." in bullets
    with Store(pg_url, readonly=True) as store:  # nor in the ladder share's "no goals yet", where Paulo stays
        share = team_sections(store, "2026Q4", "2026-12-07")["ladder_share"]
    assert share.intro.endswith("No goals yet for 2026: Paulo Mendes (paulo)."), share.intro
    assert dict(zip(share.table["person_id"], share.table["flag"], strict=True)) == {"ines": "", "paulo": "no goals yet"}
