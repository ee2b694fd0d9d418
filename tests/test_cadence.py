"""The cadence computations: OKR context, carried-forward check-in context, overdue support, KR timelines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import stage_context, start_team

from workbook.core import clock
from workbook.core.dates import previous_quarter
from workbook.core.labels import kr_label
from workbook.core.model import (
    Action,
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Objective,
    Obstacle,
    Person,
    QuarterOKRs,
    Support,
    TrialRun,
)
from workbook.demo import DEMO_AS_OF, DEMO_QUARTER, OVERDUE_SUPPORT
from workbook.forms.checkin import show_kr_status_timeline
from workbook.render.checkin import carried_forward_html, check_in_report_html, plot_kr_status_timeline
from workbook.render.okrs import okr_context_html, okrs_report_html
from workbook.stages.checkin import (
    carried_forward,
    check_in_history_frame,
    kr_status_timeline_frame,
    overdue_support_frame,
)
from workbook.stages.okrs import (
    carry_overs_frame,
    last_quarter_outcomes_frame,
    okrs_report_frame,
    prework_frame,
    year_goals_frame,
)
from workbook.store import Store

AS_OF = dt.date(2027, 2, 12)
EVIL = "<script>alert('x')</script>"


def _build_ana(store: Store) -> None:
    """A small workbook: Ana, goals for 2027, last quarter closed, this quarter with support and check-ins."""
    store.add_person(Person(id="ana", name="Ana Souza", track="Data Science", level="2"))
    store.save_plan(GrowthPlan(person="ana", year=2027, status="agreed", goals=[
        Goal(text="Enhance my coding and architecture skills", priority=2),
        Goal(text=f"Establish myself as a trusted partner in pricing {EVIL}", priority=1),
    ]))
    store.save_okrs(QuarterOKRs(person="ana", quarter="2026Q4", objectives=[
        Objective(text="Improve modeling", key_results=[
            KeyResult(text="Write a model design document reviewed by the tech lead by 2026-11-30", outcome="met"),
            KeyResult(text="Present the evaluation at the team meeting by 2026-12-15", outcome="carried_over",
                      outcome_note="meeting cancelled"),
        ]),
    ]))
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[
        Objective(text="Enhance communication with partners", goal=2, understanding="Talk to partners more",
                  supplement="Present progress at the cross-functional meeting", aligned_work="Pricing model v2",
                  key_results=[
                      KeyResult(text="Deliver a presentation at the cross-functional weekly meeting and get feedback "
                                     "from the manager and two teammates", target_date=dt.date(2027, 3, 1),
                                support=[Support(who="manager", what="feedback on the draft", due=dt.date(2027, 1, 20)),
                                         Support(who="teammate", what="dry run", status="committed"),
                                         Support(who="tech lead", what="done already", status="done",
                                                 due=dt.date(2027, 1, 10))]),
                      KeyResult(text="Improve communication with stakeholders"),
                  ]),
        Objective(text="Improve modeling", goal=1, key_results=[
            KeyResult(text="Write a design doc reviewed by the tech lead by 2027-03-15",
                      support=[Support(who="tech lead", what="design review")]),
        ]),
    ]))
    store.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 15), mode="status", summary="first pass",
                               key_results=[KRStatus(objective=1, key_result=1, status="on_track", note="draft ready")]))
    store.add_check_in(CheckIn(
        person="ana", date=dt.date(2027, 1, 29), mode="unblock", summary=f"pushback {EVIL}",
        key_results=[KRStatus(objective=1, key_result=1, status="at_risk", note=f"slides late {EVIL}"),
                     KRStatus(objective=2, key_result=1, status="blocked", note="no reviewer")],
        obstacles=[Obstacle(kind="pushing back on stakeholders", text="says yes to everything")],
        trial_runs=[TrialRun(text="Draft the reply to the next ad-hoc request", follow_up_on=dt.date(2027, 2, 12))],
        actions=[Action(text="Book the tech lead's review", owner="manager", due=dt.date(2027, 2, 5)),
                 Action(text="Share the slides", due=dt.date(2027, 2, 20))]))


@pytest.fixture
def ana(tmp_path: Path) -> Store:
    with Store(tmp_path / "ana.db") as store:
        _build_ana(store)
        yield store



# -- small helpers -----------------------------------------------------------------------------------
def test_previous_quarter_wraps_the_year() -> None:
    assert previous_quarter("2027Q1") == "2026Q4"
    assert previous_quarter("2027q3") == "2027Q2"
    with pytest.raises(ValueError):
        previous_quarter("Q5")


def test_kr_label_is_short_and_stable() -> None:
    assert kr_label(1, 2) == "O1·KR2"
    label = kr_label(2, 1, "x" * 100, width=20)
    assert label.startswith("O2·KR1 ") and label.endswith("…") and len(label) == len("O2·KR1 ") + 20


# -- stage 3 context and report -------------------------------------------------------------------------
def test_year_goals_are_listed_by_priority_with_their_numbers(ana: Store) -> None:
    goals = year_goals_frame(ana, "ana", 2027)
    assert list(goals["goal"]) == [2, 1]
    assert list(goals["priority"]) == [1, 2]
    assert year_goals_frame(ana, "ana", 2030).empty


def test_last_quarter_outcomes_show_how_each_kr_ended_and_the_carry_overs(ana: Store) -> None:
    out = last_quarter_outcomes_frame(ana, "ana", "2027Q1")
    assert list(out["outcome"]) == ["met", "carried over"]
    assert list(out["carry_over"]) == [False, True]
    assert list(out["last_status"]) == ["no check-in", "no check-in"]
    carried = carry_overs_frame(ana, "ana", "2027Q1")
    assert list(carried["kr_text"]) == ["Present the evaluation at the team meeting by 2026-12-15"]
    assert last_quarter_outcomes_frame(ana, "ana", "2026Q4").empty


def test_okr_context_names_goals_outcomes_and_carry_overs_escaped(ana: Store) -> None:
    markup = okr_context_html(ana, "ana", "2027Q1")
    assert "Ana Souza" in markup and "Growth goals for 2027" in markup
    assert "Last quarter (2026Q4)" in markup and "carried over" in markup
    assert 'class="wb-carry-overs"' in markup and "Present the evaluation" in markup
    assert EVIL not in markup and "&lt;script&gt;" in markup


def test_okr_context_without_goals_or_history_says_what_to_do(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        store.add_person(Person(id="bo", name="Bo"))
        markup = okr_context_html(store, "bo", "2027Q1")
    assert "no growth goals for 2027 yet" in markup and "no OKRs in 2026Q4" in markup


def test_okrs_report_has_verdicts_support_and_prework(ana: Store) -> None:
    report = okrs_report_frame(ana, "ana", "2027Q1")
    assert len(report) == 3
    assert list(report["measurable"]) == ["yes", "not yet", "yes"]
    assert "vague verb" in report.loc[1, "why"]
    assert "manager: feedback on the draft (requested, due 2027-01-20)" in report.loc[0, "support"]
    assert report.loc[0, "goal"].startswith("2. Establish myself")
    prework = prework_frame(ana, "ana", "2027Q1")
    assert prework.loc[0, "understanding"] == "Talk to partners more"
    assert prework.loc[1, "supplement"] == "—"
    markup = okrs_report_html(ana, "ana", "2027Q1")
    assert "report&#x27;s understanding" in markup and "manager&#x27;s supplement" in markup
    assert "Support needed" in markup and "design review" in markup
    assert EVIL not in markup
    assert "no OKRs saved for 2025Q1 yet" in okrs_report_html(ana, "ana", "2025Q1")


# -- stage 4 context --------------------------------------------------------------------------------------
def test_carried_forward_is_the_last_check_in_before_as_of_with_open_actions(ana: Store) -> None:
    cf = carried_forward(ana, "ana", "2027Q1", AS_OF)
    assert cf.last is not None and cf.last.date == dt.date(2027, 1, 29)
    assert list(cf.kr_statuses["status"]) == ["at risk", "blocked"]
    assert cf.kr_statuses.loc[0, "key_result"].startswith("O1·KR1 Deliver a presentation")
    assert list(cf.open_actions["text"]) == ["Book the tech lead's review", "Share the slides"]
    assert list(cf.open_actions["overdue"]) == [True, False]
    assert list(cf.trial_runs_to_debrief["text"]) == ["Draft the reply to the next ad-hoc request"]
    earlier = carried_forward(ana, "ana", "2027Q1", dt.date(2027, 1, 29))
    assert earlier.last is not None and earlier.last.date == dt.date(2027, 1, 15)


def test_carried_forward_html_shows_everything_escaped(ana: Store) -> None:
    markup = carried_forward_html(carried_forward(ana, "ana", "2027Q1", AS_OF))
    assert "2027-01-29" in markup and "14 days ago" not in markup and "2 weeks ago" in markup
    assert "unblocking conversation" in markup and "says yes to everything" in markup
    assert "Draft the reply to the next ad-hoc request" in markup and "follow up 2027-02-12" in markup
    assert EVIL not in markup and "slides late &lt;script&gt;" in markup
    first = carried_forward_html(carried_forward(ana, "ana", "2027Q1", dt.date(2027, 1, 10)))
    assert "No check-in yet" in first
    late = carried_forward_html(carried_forward(ana, "ana", "2027Q1", dt.date(2027, 3, 20)))
    assert "weeks since the last check-in" in late
    next_quarter = carried_forward_html(carried_forward(ana, "ana", "2027Q2", dt.date(2027, 4, 5)))
    assert "in 2027Q1: last quarter&#x27;s key results" in next_quarter


def test_a_check_in_already_recorded_today_is_said_not_hidden(tmp_path: Path) -> None:
    """A new manager who recorded their first check-in with a brand-new report and opened the check-in page again
    that day read "No check-in yet. This is the first one" above a list holding it (the carried-forward box reads
    the check-ins before the day). From an empty workbook, no OKRs: the box says it is recorded and how to change
    it; with an earlier check-in, that one is still carried forward under the same line."""
    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="eli", name="Eli Nour"))
        day = dt.date(2026, 12, 4)
        assert "No check-in yet. This is the first one" in carried_forward_html(carried_forward(store, "eli", "2026Q4",
                                                                                                day))
        store.add_check_in(CheckIn(person="eli", date=day, mode="unblock", obstacles=[Obstacle(text="Ops said no")]))
        cf = carried_forward(store, "eli", "2026Q4", day)
        markup = carried_forward_html(cf)
        assert cf.last is None and [c.date for c in cf.same_day] == [day]
        assert "Already recorded on 2026-12-04: an unblocking conversation" in markup and "<b>Edit</b>" in markup
        assert "No check-in yet" not in markup and "No check-in before it: it is the first one" in markup
        later = dt.date(2026, 12, 18)
        store.add_check_in(CheckIn(person="eli", date=later))
        markup = carried_forward_html(carried_forward(store, "eli", "2026Q4", later))
        assert "Already recorded on 2026-12-18: a status pass" in markup and "Last check-in:</b> 2026-12-04" in markup
        assert "Already recorded" not in carried_forward_html(carried_forward(store, "eli", "2027Q1", later))


def test_overdue_support_flags_late_and_unanswered_requests_only(ana: Store) -> None:
    out = overdue_support_frame(ana, "ana", "2027Q1", AS_OF)
    by_what = dict(zip(out["what"], out["reason"], strict=True))
    assert set(by_what) == {"feedback on the draft", "design review"}
    assert by_what["feedback on the draft"] == "due 2027-01-20, 23 days ago, still requested"
    assert "requested 42 days ago" in by_what["design review"]
    # early in the quarter nothing is stale yet; a done one or a committed one without a date never is
    early = overdue_support_frame(ana, "ana", "2027Q1", dt.date(2027, 1, 10))
    assert early.empty
    ana.set_support_status(int(out.loc[out["what"] == "design review", "support_id"].iloc[0]), "committed")
    assert list(overdue_support_frame(ana, "ana", "2027Q1", AS_OF)["what"]) == ["feedback on the draft"]


def test_demo_overdue_support_is_flagged(demo: Store) -> None:
    person, quarter, what = OVERDUE_SUPPORT
    out = overdue_support_frame(demo, person, quarter, DEMO_AS_OF)
    assert what in list(out["what"])


def test_check_in_history_counts_statuses(ana: Store) -> None:
    history = check_in_history_frame(ana, "ana", "2027Q1")
    assert list(history["date"]) == ["2027-01-15", "2027-01-29"]
    assert list(history["statuses"]) == ["1 on track", "1 at risk, 1 blocked"]
    assert list(history["obstacles"]) == [0, 1] and list(history["actions"]) == [0, 2]
    markup = check_in_report_html(ana, "ana", "2027Q1", AS_OF)
    assert "Check-ins in 2027Q1" in markup and "overdue" in markup and "Support to chase" in markup
    assert EVIL not in markup


# -- the KR status chart ------------------------------------------------------------------------------------
def test_timeline_frame_has_every_kr_and_every_check_in_date(ana: Store) -> None:
    frame = kr_status_timeline_frame(ana, "ana", "2027Q1")
    assert list(frame.columns) == [dt.date(2027, 1, 15), dt.date(2027, 1, 29)]
    assert len(frame) == 3  # KR 1.2 was never checked in and still has a row
    assert list(frame.iloc[0]) == ["on_track", "at_risk"]
    assert list(frame.iloc[1]) == ["", ""]
    assert list(frame.iloc[2]) == ["", "blocked"]


def test_timeline_chart_colours_and_labels_each_cell(ana: Store) -> None:
    fig = plot_kr_status_timeline(kr_status_timeline_frame(ana, "ana", "2027Q1"), "t")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts.count("on track") == 1 and texts.count("blocked") == 1 and texts.count("·") == 3
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Jan 15", "Jan 29"]
    empty = plot_kr_status_timeline(kr_status_timeline_frame(ana, "ana", "2025Q1"))
    assert "no check-ins" in empty.axes[0].texts[0].get_text()


def test_show_timeline_displays_a_png(ana: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: shown.append(obj))
    assert show_kr_status_timeline(stage_context(ana, "ana", "2027Q1")) is None
    assert len(shown) == 1 and shown[0].data[:8] == b"\x89PNG\r\n\x1a\n"
    show_kr_status_timeline(stage_context(ana, "ana", "2027Q2"))  # nothing yet: a sentence, not an empty chart
    assert "No key result statuses in 2027Q2 yet" in shown[1].data


def test_demo_timeline_for_the_demo_quarter(demo: Store) -> None:
    for person in ("tomas", "priya"):
        frame = kr_status_timeline_frame(demo, person, DEMO_QUARTER)
        assert len(frame) >= 2 and len(frame.columns) >= 3
        assert set(frame.to_numpy().ravel()) <= {"", "on_track", "at_risk", "blocked", "done"}


# -- support counts from the day it was asked for (revision 0008) ---------------------------------------------
def _late_okrs(store: Store, quarter: str, **support: object) -> None:
    # Kim has a manager: in an organisation database someone with none has only "no manager" due
    store.add_person(Person(id="mo", name="Mo Reyes"))
    store.add_person(Person(id="kim", name="Kim Lee", manager="mo"))
    store.save_okrs(QuarterOKRs(person="kim", quarter=quarter, objectives=[Objective(text="Calmer on-call", key_results=[
        KeyResult(text="Cut pages per on-call week from 14 to 5", support=[Support(who="manager", what="sprint time",
                                                                                   **support)])])]))


def test_support_asked_for_mid_quarter_is_not_late_at_once(any_store: Store) -> None:
    """OKRs set on the 41st day of a quarter: their support is not 'requested 40 days ago' the day it is saved
    (on both backends: the column is revision 0008's)."""
    store = any_store
    from workbook.stages.due import due_for_person

    _late_okrs(store, "2027Q1", requested_on=dt.date(2027, 2, 10))
    assert overdue_support_frame(store, "kim", "2027Q1", dt.date(2027, 2, 20)).empty  # 10 days: not yet stale
    out = overdue_support_frame(store, "kim", "2027Q1", dt.date(2027, 3, 1))
    assert out["reason"].tolist() == ["requested 19 days ago, on 2027-02-10, and nobody has committed yet"]
    assert out["chase_from"].tolist() == [dt.date(2027, 2, 25)]  # flagged from the 15th day
    items = [i for i in due_for_person(store, "kim", dt.date(2027, 3, 1)) if i["kind"] == "support"]
    assert [(i["due"], i["days_late"], i["what"]) for i in items] == [
        (dt.date(2027, 2, 25), 4, "manager: sprint time (requested 19 days ago, on 2027-02-10, and nobody has committed yet)")]
    # an edit through the OKR form's path (the support row keeps its id, no day given) keeps the day
    okrs = store.okrs("kim", "2027Q1")
    sp = okrs.objectives[0].key_results[0].support[0]
    okrs.objectives[0].key_results[0].support[0] = Support(who="manager", what="two sprint days", id=sp.id)
    store.save_okrs(okrs)
    assert store.okrs("kim", "2027Q1").objectives[0].key_results[0].support[0].requested_on == dt.date(2027, 2, 10)


def test_support_saved_while_its_quarter_runs_is_dated_today_and_older_rows_count_from_the_start(store: Store) -> None:
    from workbook.core.dates import quarter_bounds, quarter_of

    today = clock.today()
    quarter = quarter_of(today)
    _late_okrs(store, quarter)
    assert store.okrs("kim", quarter).objectives[0].key_results[0].support[0].requested_on == today
    store.save_okrs(QuarterOKRs(person="kim", quarter="2025Q1", objectives=[Objective(text="Earlier", key_results=[
        KeyResult(text="Ship it by 2025-03-01", support=[Support(who="lead", what="review")])])]))
    assert store.okrs("kim", "2025Q1").objectives[0].key_results[0].support[0].requested_on is None  # not today
    out = overdue_support_frame(store, "kim", "2025Q1", dt.date(2025, 3, 1))
    assert out["reason"].tolist() == ["requested 59 days ago, at the start of 2025Q1, and nobody has committed yet"]
    assert out["chase_from"].tolist() == [quarter_bounds("2025Q1")[0] + dt.timedelta(days=15)]


def test_import_takes_the_day_support_was_asked_for_and_refuses_an_implausible_one(store: Store, tmp_path: Path) -> None:
    from workbook.core.errors import InputError
    from workbook.exchange.importer import import_file

    store.add_person(Person(id="kim", name="Kim Lee"))
    data = tmp_path / "okrs.yaml"
    text = """\
okrs:
  - person: kim
    quarter: 2027Q1
    objectives:
      - text: Calmer on-call
        key_results:
          - text: "Cut pages per on-call week from 14 to 5"
            support: [{who: manager, what: sprint time, requested_on: DAY}]
"""
    data.write_text(text.replace("DAY", "2099-02-10"), encoding="utf-8")
    before = store.count_rows()
    with pytest.raises(InputError) as err:
        import_file(store, data)
    assert "support[0] field requested_on" in str(err.value) and "\n" not in str(err.value), err.value
    assert store.count_rows() == before
    data.write_text(text.replace("DAY", "2027-02-10"), encoding="utf-8")
    import_file(store, data)
    assert store.okrs("kim", "2027Q1").objectives[0].key_results[0].support[0].requested_on == dt.date(2027, 2, 10)


def test_support_list_shows_the_day_it_was_asked_for(cli, tmp_path: Path) -> None:
    start_team(tmp_path, """\
okrs:
  - person: kim
    quarter: 2025Q1
    objectives:
      - text: Calmer on-call
        key_results:
          - text: "Cut pages per on-call week from 14 to 5"
            support: [{who: manager, what: sprint time, requested_on: 2025-02-10}, {who: lead, what: review}]
""")
    lines = cli("support", "list", "kim").stdout.splitlines()
    assert "asked 2025-02-10  manager: sprint time" in lines[0]
    assert "asked at quarter start  lead: review" in lines[1]  # 2025Q1 is over: a request entered now has no day of its own


def test_looking_ahead_the_due_list_shows_support_that_will_need_chasing(store: Store) -> None:
    from workbook.stages.due import due_for_person

    _late_okrs(store, "2027Q1", requested_on=dt.date(2027, 2, 10))
    okrs = store.okrs("kim", "2027Q1")
    okrs.objectives[0].key_results[0].support.append(Support(who="lead", what="review", status="committed",
                                                             due=dt.date(2027, 2, 23)))
    store.save_okrs(okrs)
    day = dt.date(2027, 2, 20)

    def support(within: int) -> list[tuple[dt.date, str]]:
        return [(i["due"], i["what"]) for i in due_for_person(store, "kim", day, within) if i["kind"] == "support"]

    assert support(0) == []  # nothing needs chasing today
    assert support(3) == [(dt.date(2027, 2, 23), "lead: review (due 2027-02-23, still committed)")]
    assert support(7) == [(dt.date(2027, 2, 23), "lead: review (due 2027-02-23, still committed)"),
                          (dt.date(2027, 2, 25), "manager: sprint time (requested on 2027-02-10; nobody has said yes yet)")]
    # on the day, the request is flagged as the list always did, once
    assert [w for _d, w in [(i["due"], i["what"]) for i in due_for_person(store, "kim", dt.date(2027, 2, 25), 7)
                            if i["kind"] == "support"]].count(
        "manager: sprint time (requested 15 days ago, on 2027-02-10, and nobody has committed yet)") == 1
