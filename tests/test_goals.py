"""Stage 2 helpers: the references for drafting growth goals, the draft beside the agreed goal, the ladder
share in the workbook's band, and the growth-goals notebook run headless for every demo person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest

from workbook.coaching.ladders import person_ladder
from workbook.core.model import Goal, GrowthPlan, Note, Person
from workbook.demo import TEAM, build_demo_db
from workbook.render.goals import goal_context_html, goals_report_html, plot_coverage, share_html
from workbook.run.batch import NOTEBOOKS_DIR, run_notebook
from workbook.stages.goals import (
    NOT_AGREED,
    goal_pulls_frame,
    last_review_frame,
    next_level_frame,
    plan_ladder_share,
    side_by_side_frame,
)
from workbook.store import Store

AS_OF = dt.date(2027, 1, 31)
DS_LADDER = "ladders/data-science.csv"


def note(date: str, direction: str, topic: str, text: str, **kw) -> Note:
    return Note(person="ana", date=dt.date.fromisoformat(date), direction=direction, topic=topic, text=text, **kw)


@pytest.fixture
def wb(tmp_path: Path):
    with Store(tmp_path / "goals.db") as s:
        s.add_person(Person(id="ana", name="Ana Souza", track="Data Science", level="2", ladder=DS_LADDER,
                            motivations="Wants to <lead> pricing models"))
        for n in [
            note("2026-01-08", "push", "feedback", "Old review: solid first year", setting="review", visibility="shared"),
            note("2027-01-05", "push", "feedback", "Review: strong analyses; says yes to everything", setting="review"),
            note("2027-01-12", "push", "gaps", "Review follow-up: prioritization is the gap", setting="review"),
            note("2027-01-06", "pull", "self-assessment", "Thinks she should multitask better", setting="review"),
            note("2027-01-20", "pull", "interests", "Curious about causal inference", visibility="shared"),
            note("2025-03-01", "pull", "goals", "An old goal from long ago"),
            note("2027-01-25", "pull", "values", "Values focus time"),  # not a goal-context topic
            note("2027-03-01", "pull", "goals", "After as_of: not yet known"),
        ]:
            s.add_note(n)
        yield s


def test_last_review_is_the_newest_review_window_only(wb):
    frame = last_review_frame(wb, "ana", AS_OF)
    assert list(frame["text"]) == ["[private] Review: strong analyses; says yes to everything",
                                   "[private] Review follow-up: prioritization is the gap"]
    assert list(frame.columns) == ["date", "topic", "visibility", "text"]
    earlier = last_review_frame(wb, "ana", dt.date(2026, 6, 1))
    assert list(earlier["text"]) == ["Old review: solid first year"]
    assert last_review_frame(wb, "ana", dt.date(2025, 1, 1)).empty


def test_goal_pulls_are_goals_interests_and_self_assessment_of_the_last_18_months(wb):
    frame = goal_pulls_frame(wb, "ana", AS_OF)
    assert list(frame["topic"]) == ["interests", "self-assessment"]
    assert frame["text"].iloc[0] == "Curious about causal inference"
    assert frame["text"].iloc[1] == "[private] Thinks she should multitask better"
    assert len(goal_pulls_frame(wb, "ana", AS_OF, months=36)) == 3  # the old goal comes back


def test_next_level_expectations_show_which_goals_cover_them(wb):
    wb.save_plan(GrowthPlan(person="ana", year=2027, goals=[
        Goal(text="Own a pricing model", competencies=["Technical depth (modeling)"]),
        Goal(text="Present monthly", competencies=[]),
    ]))
    frame = next_level_frame(wb, "ana", 2027)
    assert frame.attrs["next_level_name"] == "Senior Data Scientist"
    covered = frame.set_index("competency")
    assert covered.loc["Technical depth (modeling)", "covered"]
    assert covered.loc["Technical depth (modeling)", "covered_by"] == "goal 1: Own a pricing model"
    assert not covered.loc["Mentoring & citizenship", "covered"]
    assert all(covered["expectations"].str.len() > 0)


def test_next_level_explains_when_there_is_no_ladder_or_no_next_level(wb):
    wb.add_person(Person(id="cai", name="Cai Lin"))
    frame = next_level_frame(wb, "cai", 2027)
    assert frame.empty and "has no career ladder" in frame.attrs["note"]
    wb.add_person(Person(id="top", name="Tia Top", track="Data Science", level="5", ladder=DS_LADDER))
    top = next_level_frame(wb, "top", 2027)
    assert top.empty and "top of the" in top.attrs["note"]
    wb.add_person(Person(id="odd", name="Odd Level", track="Data Science", level="9", ladder=DS_LADDER))
    assert "unavailable" in next_level_frame(wb, "odd", 2027).attrs["note"]


def test_side_by_side_keeps_the_draft_beside_the_agreed_goal_by_priority(wb):
    wb.save_plan(GrowthPlan(person="ana", year=2027, status="in_discussion", goals=[
        Goal(text="Learn causal inference", draft="Learn causal inference", priority=2),
        Goal(text="Prioritize partner requests", draft="Multitask better", priority=1, feedback="Symptom, not growth",
             competencies=["Prioritization & execution", "Communication & stakeholder management"]),
    ]))
    frame = side_by_side_frame(wb, "ana", 2027)
    assert list(frame.columns) == ["priority", "draft", "agreed", "feedback", "competencies"]
    assert list(frame["priority"]) == [1, 2]
    assert list(frame["draft"]) == ["Multitask better", "Learn causal inference"]
    assert list(frame["agreed"]) == ["Prioritize partner requests", NOT_AGREED]
    assert frame["competencies"].iloc[0] == "Prioritization & execution, Communication & stakeholder management"
    assert frame.attrs == {"status": "in_discussion", "drafted_by": "employee"}
    plan = wb.plan("ana", 2027)
    plan.status = "agreed"
    wb.save_plan(plan)
    assert side_by_side_frame(wb, "ana", 2027)["agreed"].iloc[1] == "Learn causal inference"
    assert side_by_side_frame(wb, "ana", 2030).empty


def test_ladder_share_uses_the_workbooks_band(wb):
    limits = wb.limits()
    share = plan_ladder_share([["Prioritization & execution"], [], []], limits)
    assert (share.on_ladder, share.total) == (1, 3) and "only 1 of 3 goals" in share.flag
    assert "warning" not in share_html(plan_ladder_share([["x"], []], limits))  # 50%: inside
    wb.set_limit("ladder_share_low", "0.3")
    assert plan_ladder_share([["x"], [], []], wb.limits()).flag is None
    # with a ladder, only its competencies count
    ladder, _ = person_ladder(wb.person("ana"))
    strict = plan_ladder_share([["Wizardry"], ["Coding & architecture"]], limits, ladder=ladder,
                                     track="Data Science")
    assert strict.on_ladder == 1


def test_context_and_report_escape_what_users_typed(wb):
    wb.save_plan(GrowthPlan(person="ana", year=2027, goals=[
        Goal(text="<script>alert(1)</script>", draft="<b>draft</b>", feedback="a & b")]))
    context = goal_context_html(wb, "ana", 2027, AS_OF)
    assert "Wants to &lt;lead&gt; pricing models" in context
    assert "Senior Data Scientist" in context and "Last performance review feedback" in context
    report = goals_report_html(wb, "ana", 2027)
    assert "<script>" not in report and "&lt;script&gt;" in report and "&lt;b&gt;draft&lt;/b&gt;" in report
    assert "the report&#x27;s draft" in report or "the report's draft" in report
    assert "Status: draft; drafted by the report." in report
    assert "Ladder share" in report


def test_coverage_chart_is_one_strip(wb):
    wb.save_plan(GrowthPlan(person="ana", year=2027, goals=[Goal(text="x", competencies=["Coding & architecture"])]))
    fig = plot_coverage(next_level_frame(wb, "ana", 2027))
    assert fig.get_size_inches()[1] <= 2.8
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Ana Souza"]


# --------------------------------------------------------------------------------------------------
# The notebook, headless, for every demo person
# --------------------------------------------------------------------------------------------------

DEMO_IDS = [m.id for m in TEAM]


@pytest.fixture(scope="module")
def goal_runs(tmp_path_factory) -> dict[str, Path]:
    """The notebook run once per demo person, two kernels at a time."""
    from concurrent.futures import ThreadPoolExecutor

    db = build_demo_db(tmp_path_factory.mktemp("demo") / "demo.db")
    out_dir = tmp_path_factory.mktemp("goal-runs")

    def run(person: str) -> Path:
        return run_notebook(NOTEBOOKS_DIR / "02_growth_goals.ipynb", out_dir / f"{person}.ipynb",
                            {"person": person, "db": str(db)})

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(DEMO_IDS, pool.map(run, DEMO_IDS), strict=True))


@pytest.mark.slow
@pytest.mark.parametrize("person", DEMO_IDS)
def test_growth_goals_notebook_runs_for_every_demo_person(person, goal_runs):
    nb = nbformat.read(goal_runs[person], as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    markup = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    name = next(m.name for m in TEAM if m.id == person)
    assert f"{name}&#x27;s 2026 growth goals" in markup or f"{name}'s 2026 growth goals" in markup
    for heading in ("Career motivations", "Last performance review feedback", "the report", "agreed goal",
                    "Ladder share"):
        assert heading in markup
    assert markup.count('src="data:image/png;base64,') == 1  # the coverage chart, inline
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)


def test_notebook_is_committed_without_outputs_and_with_parameters():
    nb = nbformat.read(NOTEBOOKS_DIR / "02_growth_goals.ipynb", as_version=4)
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert params[0].source == 'person = ""\nperiod = ""\ndb = ""\nas_of = ""'  # the page's pickers choose
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_a_ladder_whose_levels_are_numbers_never_reads_as_a_count(tmp_path) -> None:
    """Monzo's levels are "1"-"6": "Ravi: 3 competencies covered" read as a count over seven gaps."""
    import re

    from workbook.render.goals import _level_words, coverage_html

    assert _level_words("3") == "level 3" and _level_words("Senior Engineer") == "Senior Engineer"
    ladder = tmp_path / "numbers.csv"
    ladder.write_text("track,level,competency,expectation\n"
                      "Data,1,SQL,Writes queries\nData,1,Communication,Explains work\n"
                      "Data,2,SQL,Designs schemas\nData,2,Communication,Presents to the team\n", encoding="utf-8")
    with Store(tmp_path / "w.db") as store:
        store.allow_ladder_folder(tmp_path)
        store.add_person(Person(id="ravi", name="Ravi", ladder=str(ladder), track="Data", level="1"))
        alt = re.findall(r'alt="([^"]+)"', coverage_html(store, "ravi", 2027))
    assert alt == ["0 of 2 level 2 competencies covered by Ravi&#x27;s 2027 goals"], alt


def test_the_goal_references_say_plainly_when_someone_is_on_no_ladder(tmp_path) -> None:
    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="noor", name="Noor Aziz"))
        store.add_person(Person(id="ben", name="Ben", ladder="ladders/data-science.csv", track="Data Science"))
        assert "Noor Aziz (not on a career ladder yet)" in goal_context_html(store, "noor", 2027, dt.date(2026, 12, 2))
        assert "Ben (Data Science, no level yet)" in goal_context_html(store, "ben", 2027, dt.date(2026, 12, 2))
