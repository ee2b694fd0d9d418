"""The summary and team-overview sections (workbook.render.summary, workbook.render.team_overview), the input hashes and the manifest: no kernel."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
from pathlib import Path

import pytest

from workbook.core import clock
from workbook.core.errors import LadderError, NotFound
from workbook.core.model import Goal, GrowthPlan, Note, Person
from workbook.demo import DEMO_AS_OF, DEMO_QUARTER
from workbook.render.export import find_active_content
from workbook.render.summary import CHART_DPI, summary_provenance, summary_sections
from workbook.render.team_overview import team_sections
from workbook.run.summaries import TEAM_ITEM, Item, Manifest, input_hashes, read_manifest
from workbook.store import Store

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from workbook.demo import build_demo_db

    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    with Store(path) as store:
        yield store


def _html(sections) -> str:
    return "\n".join(s.to_html() for s in sections.values())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_sections_come_in_reading_order_with_the_agreed_goals(demo: Store) -> None:
    sections = summary_sections(demo, "priya", DEMO_QUARTER, DEMO_AS_OF)
    assert list(sections) == ["title", "glance", "goals", "okrs", "check_ins", "support", "told", "shared",
                              "ladder", "next_steps"]
    assert sections["title"].title == "Quarterly summary: Priya Raman, 2026Q4"
    page = _html(sections)
    for goal in demo.goals_frame("priya", 2026)["text"]:
        assert _squash(goal.replace("&", "&amp;").replace("'", "&#x27;")) in _squash(page)
    assert "Senior Data Scientist" in page  # the next level of the ladder
    assert "Send the draft 2027 roadmap to Dana" in page  # an open action


@pytest.mark.parametrize("person", ["amara", "farah", "jun", "lucia", "priya", "tomas"])
def test_no_private_note_check_in_summary_obstacle_or_trial_run_is_shown(demo: Store, person: str) -> None:
    page = _html(summary_sections(demo, person, DEMO_QUARTER, DEMO_AS_OF))
    notes = demo.notes_frame(person, include_private=True)
    private = notes[notes["visibility"] == "private"]["text"]
    manager_only = [*private, *demo.check_ins_frame(person)["summary"], *demo.obstacles_frame(person)["text"],
                    *demo.trial_runs_frame(person)["text"]]
    for text in filter(None, manager_only):
        assert html.escape(text) not in page, f"{person}: manager-only text in the summary: {text[:50]}"


def test_only_shared_notes_of_the_quarter_are_listed_pulls_and_pushes_apart(demo: Store) -> None:
    demo.add_note(Note(person="priya", date=dt.date(2026, 11, 20), direction="push", topic="feedback",
                       text="Shared push inside the quarter", visibility="shared"))
    demo.add_note(Note(person="priya", date=dt.date(2026, 11, 21), direction="push", topic="feedback",
                       text="Private push inside the quarter", visibility="private"))
    demo.add_note(Note(person="priya", date=dt.date(2026, 11, 22), direction="pull", topic="goals",
                       text="Shared pull inside the quarter", visibility="shared"))
    demo.add_note(Note(person="priya", date=dt.date(2026, 3, 2), direction="push", topic="feedback",
                       text="Shared push in another quarter", visibility="shared"))
    demo.add_note(Note(person="priya", date=dt.date(2026, 11, 23), direction="pull", topic="values",
                       text="Private pull inside the quarter", visibility="private"))
    sections = summary_sections(demo, "priya", DEMO_QUARTER, DEMO_AS_OF)
    shared, told = sections["shared"].to_html(), sections["told"].to_html()
    assert "Shared push inside the quarter" in shared and "Shared pull" not in shared
    assert "Shared pull inside the quarter" in told and "Shared push" not in told
    assert "What Priya told me" in told and "What I noted" in told
    for absent in ("Private push", "Private pull", "another quarter"):
        assert absent not in shared + told


def test_user_text_is_escaped_everywhere(demo: Store) -> None:
    plan = demo.plan("priya", 2026)
    assert plan is not None
    plan.goals[2] = Goal(text=f"Reusable template {IMG}", competencies=[])
    demo.save_plan(plan)
    demo.add_note(Note(person="priya", date=dt.date(2026, 11, 20), direction="push", topic="feedback",
                       text=f"Great readout {SCRIPT}", visibility="shared", follow_up=SCRIPT))
    page = _html(summary_sections(demo, "priya", DEMO_QUARTER, DEMO_AS_OF))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page and "<img" not in page
    assert find_active_content(page) == []


def test_a_person_whose_ladder_file_is_binary_raises_a_ladder_error(demo: Store, tmp_path: Path) -> None:
    blob = tmp_path / "ladder.csv"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    demo.add_person(Person(id="broken", name="Bro Ken", track="Data Science", level="2", ladder=str(blob)))
    with pytest.raises(LadderError, match="broken"):
        summary_sections(demo, "broken", DEMO_QUARTER, DEMO_AS_OF)


def test_a_person_without_ladder_or_plan_still_gets_a_summary(demo: Store) -> None:
    demo.add_person(Person(id="newbie", name="New Person"))
    sections = summary_sections(demo, "newbie", DEMO_QUARTER, DEMO_AS_OF)
    page = _html(sections)
    assert "No growth goals recorded for 2026" in page
    assert "No OKRs were set for 2026Q4" in page
    assert "no career ladder is set" in page
    assert sections["okrs"].chart is None and sections["ladder"].chart is None


def test_unknown_person_is_not_found(demo: Store) -> None:
    with pytest.raises(NotFound, match="nobody"):
        summary_sections(demo, "nobody", DEMO_QUARTER, DEMO_AS_OF)


def test_charts_are_png_at_150_dpi_or_more(demo: Store) -> None:
    from PIL import Image

    sections = summary_sections(demo, "tomas", DEMO_QUARTER, DEMO_AS_OF)
    team = team_sections(demo, DEMO_QUARTER, DEMO_AS_OF)
    charts = [s.chart for s in (*sections.values(), *team.values()) if s.chart]
    assert len(charts) == 4
    for png in charts:
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        assert min(image.info["dpi"]) >= 149.9
    assert CHART_DPI >= 150


def test_team_overview_flags_the_quiet_person_and_the_ladder_share_outlier(demo: Store) -> None:
    sections = team_sections(demo, DEMO_QUARTER, DEMO_AS_OF, quiet_weeks=6)
    attention = " ".join(sections["attention"].bullets)
    assert re.search(r"Jun Watanabe \(jun\): no career conversation for \d+ weeks", attention)
    assert re.search(r"Tomás Herrera \(tomas\): 1 of 3 goals \(33%\) draw on the ladder", attention)
    assert "priya" not in attention
    conv = sections["conversations"].table
    assert conv.iloc[0]["person"] == "jun" and conv.iloc[0]["flag"] == "quiet"
    share = sections["ladder_share"].table
    assert list(share[share["flag"] == "outside"]["person_id"]) == ["tomas"]
    assert sections["coverage"].chart is not None
    relaxed = team_sections(demo, DEMO_QUARTER, DEMO_AS_OF, quiet_weeks=20)
    assert "jun" not in " ".join(relaxed["attention"].bullets)


def test_provenance_names_database_quarter_ladder_and_version(demo: Store) -> None:
    from workbook import __version__

    prov = summary_provenance(demo.path, DEMO_QUARTER, person=demo.person("priya"), as_of=DEMO_AS_OF,
                              notebook="notebooks/quarterly_summary.ipynb")
    assert prov["database"] == Path(demo.path).name  # a file's name: its folder is the manager's machine's
    assert prov["quarter"] == "2026Q4" and prov["person"] == "priya" and prov["as_of"] == "2026-12-18"
    assert prov["ladder_file"].startswith("data-science.csv (sha256 ") and "/" not in prov["ladder_file"]
    assert not any(str(Path(demo.path).resolve().parent) in value for value in prov.values())
    assert prov["workbook_version"] == __version__
    assert prov["run_at"]


def test_input_hash_changes_with_the_person_data_only(demo: Store) -> None:
    before = input_hashes(demo, ["priya", "jun"], DEMO_QUARTER, "2026-12-18")
    again = input_hashes(demo, ["priya", "jun"], DEMO_QUARTER, "2026-12-18")
    assert before == again  # export_person's timestamp is left out
    demo.add_note(Note(person="priya", date=dt.date(2026, 12, 1), direction="pull", topic="goals", text="x"))
    after = input_hashes(demo, ["priya", "jun"], DEMO_QUARTER, "2026-12-18")
    assert after["priya"] != before["priya"]
    assert after["jun"] == before["jun"]
    assert after[TEAM_ITEM] != before[TEAM_ITEM]  # the team overview covers everyone
    assert input_hashes(demo, ["jun"], DEMO_QUARTER, "2026-12-19")["jun"] != before["jun"]


def test_a_refit_of_the_coaching_models_makes_every_summary_out_of_date(demo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A summary prints the suggester's 'closest' competency, so a new model file must not leave it 'up to date'."""
    from workbook.run import summaries

    before = input_hashes(demo, ["priya"], DEMO_QUARTER, "2026-12-18")
    assert summaries.models_hash() == summaries.models_hash() and len(summaries.models_hash()) == 64
    monkeypatch.setattr(summaries, "models_hash", lambda: "0" * 64)
    after = input_hashes(demo, ["priya"], DEMO_QUARTER, "2026-12-18")
    assert after["priya"] != before["priya"] and after[TEAM_ITEM] != before[TEAM_ITEM]


def test_manifest_round_trips_and_names_failures(tmp_path: Path) -> None:
    from workbook.run.summaries import _write_manifest, failure_message

    manifest = Manifest(quarter="2026Q4", database="/x.db", out_dir=str(tmp_path), items=[
        Item(name="priya", person="priya", status="ok", files=["priya.ipynb", "priya.pdf"]),
        Item(name="broken", person="broken", status="failed", ename="LadderError",
             evalue="broken: ladder x.csv: not a CSV\nfix it"),
    ])
    _write_manifest(manifest)
    loaded = read_manifest(tmp_path)
    assert loaded is not None and loaded.item("priya").files == ["priya.ipynb", "priya.pdf"]  # type: ignore[union-attr]
    assert [i.name for i in loaded.failed] == ["broken"]
    # the workbook's own error is a sentence for people: no class name, the person named once
    assert loaded.failed[0].failure_line == "broken: ladder x.csv: not a CSV fix it"
    assert failure_message(loaded) == "1 of 2 summaries failed: broken: ladder x.csv: not a CSV fix it"
    assert Item(name="ana", status="failed", ename="ValueError", evalue="bad\nvalue").failure_line == "ana: ValueError: bad value"
    (tmp_path / "manifest.json").write_text("{not json")
    assert read_manifest(tmp_path) is None


def test_every_plan_status_reads_sensibly(demo: Store) -> None:
    demo.save_plan(GrowthPlan(person="jun", year=2026, status="draft", goals=[Goal(text="Draft goal one")]))
    goals = summary_sections(demo, "jun", DEMO_QUARTER, DEMO_AS_OF)["goals"]
    assert "still draft" in goals.intro
    farah = summary_sections(demo, "farah", DEMO_QUARTER, DEMO_AS_OF)["goals"]
    assert "still in discussion" in farah.intro


def test_an_untagged_goal_is_called_personal_only_when_nothing_on_the_ladder_comes_close(store: Store) -> None:
    """From an empty workbook: a new person's untagged goals. One reads like the ladder (the summary names the
    closest competency and asks for a tag), one is personal; a person with no ladder gets no hint."""
    store.add_person(Person(id="kim", name="Kim Lee", track="Data Science", level="2", ladder="ladders/data-science.csv"))
    store.save_plan(GrowthPlan(person="kim", year=2026, status="draft", goals=[
        Goal(text="Present the churn model results at the monthly product review"),
        Goal(text="Run a marathon with my sister in the spring")]))
    sections = summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)
    cells = list(sections["goals"].table["competencies"])
    assert cells[0].startswith("not tagged yet; closest: ") and cells[1] == "(personal goal, not on the ladder)"
    assert any("0 of 2 draw on the career ladder; 1 more reads like a ladder goal but is not tagged yet." in b
               for b in sections["glance"].bullets)
    store.add_person(Person(id="lou", name="Lou Ma"))
    store.save_plan(GrowthPlan(person="lou", year=2026, status="draft",
                               goals=[Goal(text="Present the churn model results at the monthly product review")]))
    lou = summary_sections(store, "lou", DEMO_QUARTER, DEMO_AS_OF)
    assert list(lou["goals"].table["competencies"]) == ["(personal goal, not on the ladder)"]
    assert any(b.endswith("0 of 1 draw on the career ladder.") for b in lou["glance"].bullets)


def test_the_next_level_table_names_untagged_goals_instead_of_calling_their_competency_a_bare_gap(store: Store) -> None:
    """From an empty workbook: untagged goals count for no competency, but the "Toward" section says so and
    names, in a gap's row, the untagged goal that reads closest to it; once every goal is tagged it says
    nothing of the kind."""
    store.add_person(Person(id="kim", name="Kim Lee", track="Data Science", level="2", ladder="ladders/data-science.csv"))
    store.save_plan(GrowthPlan(person="kim", year=2026, status="draft", goals=[
        Goal(text="Present the churn model results at the monthly product review"),
        Goal(text="Run a marathon with my sister in the spring")]))
    sections = summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)
    hint = sections["goals"].table["competencies"][0].removeprefix("not tagged yet; closest: ")
    ladder = sections["ladder"]
    # the marathon is a personal goal (the goals table says so): it is not asked to carry a ladder tag
    assert "Goal 1 is not tagged with the competencies it builds yet, so it counts for none here" in ladder.intro
    assert "Goal 2" not in ladder.intro and "Goals 1 and 2" not in ladder.intro
    rows = dict(zip(ladder.table["competency"], ladder.table["covered"], strict=True))
    assert rows[hint] == "gap until tagged: goal 1 reads closest to it"
    assert all(v == "gap: no goal yet" for k, v in rows.items() if k != hint)
    assert "0 of" in ladder.intro, "untagged goals must not be counted as covering anything"
    attention = "\n".join(team_sections(store, DEMO_QUARTER, DEMO_AS_OF)["attention"].bullets)
    assert ("Kim Lee (kim): 0 of 2 goals (0%) draw on the ladder, outside 50%-75%; 1 more reads like a ladder goal "
            "but is not tagged yet.") in attention, attention
    store.save_plan(GrowthPlan(person="kim", year=2026, status="draft", goals=[
        Goal(text="Present the churn model results at the monthly product review", competencies=[hint])]),
        replace=True)
    tagged = summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)["ladder"]
    assert "not tagged" not in tagged.intro
    assert dict(zip(tagged.table["competency"], tagged.table["covered"], strict=True))[hint] == \
        "gap until the plan is agreed: goal 1 tags it"  # a draft's tag waits, as `ladder gaps` says it
    store.save_plan(store.plan("kim", 2026).model_copy(update={"status": "agreed"}))
    agreed = summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)["ladder"]
    assert dict(zip(agreed.table["competency"], agreed.table["covered"], strict=True))[hint] == "covered by goal 1"


def test_a_draft_plans_tags_count_once_it_is_agreed_in_ladder_gaps_the_summary_and_the_team_overview(store: Store) -> None:
    """From an empty workbook: the summary and the team overview counted a draft plan's tagged goal as covering
    the next level while `ladder gaps` said "GAP until the plan is agreed". One rule now: a tag of a plan not yet
    agreed is pending in all three, and covers in all three once the plan is agreed."""
    from workbook.stages.team import coverage_frame, format_gaps, person_gaps

    comp = "Communication & stakeholder management"
    store.add_person(Person(id="kim", name="Kim Lee", track="Data Science", level="1", ladder="ladders/data-science.csv"))
    store.add_person(Person(id="lou", name="Lou Ma", track="Data Science", level="1", ladder="ladders/data-science.csv"))
    store.save_plan(GrowthPlan(person="kim", year=2026, status="in_discussion", goals=[
        Goal(text="Explain model choices to the product team", competencies=[comp])]))

    def views() -> tuple[str, str, str, str, str]:
        gaps = format_gaps(person_gaps(store, "kim", DEMO_QUARTER))
        line = next(x for x in gaps.splitlines() if x.startswith(f"- {comp} ["))
        summary = summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)
        cell = dict(zip(summary["ladder"].table["competency"], summary["ladder"].table["covered"], strict=True))[comp]
        glance = next(b for b in summary["glance"].bullets if b.startswith("Toward "))
        team = coverage_frame(store, 2026)
        row = team[(team["person_id"] == "kim") & (team["competency"] == comp)].iloc[0]
        gap_people = team_sections(store, DEMO_QUARTER, DEMO_AS_OF)["team_gaps"].table
        who = dict(zip(gap_people["competency"], gap_people["people"], strict=True)).get(comp, "")
        return line, cell, glance, f"{bool(row['covered'])}/{row['pending_by']}", who

    line, cell, glance, team, who = views()
    assert line.startswith(f"- {comp} [GAP until the 2026 plan is agreed: goal 1 tags it]")
    assert cell == "gap until the plan is agreed: goal 1 tags it"
    assert "covered by this year's agreed goals, the 2026 plan being still in discussion (1 more tagged in it)." in glance
    assert team == "False/goal 1"
    assert who == "kim (tagged in a plan not agreed yet), lou"

    store.save_plan(store.plan("kim", 2026).model_copy(update={"status": "agreed"}))
    line, cell, glance, team, who = views()
    assert line.startswith(f"- {comp} [covered by goal 1]")
    assert cell == "covered by goal 1"
    assert glance.endswith("covered by this year's goals.") and "being still" not in glance
    assert team == "True/"
    assert who == "lou"


@pytest.mark.parametrize("checkins", [1, 2, 9])
def test_the_status_chart_holds_its_title_and_legend_whatever_its_number_of_check_ins(checkins: int) -> None:
    """A quarter with one check-in is a one-column chart: its title and its legend must still fit (they were
    cut at both sides, 'on track' without its colour and the quarter's last digit gone)."""
    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from workbook.render.summary import plot_kr_status

    days = [dt.date(2026, 10, 2) + dt.timedelta(days=14 * i) for i in range(checkins)]
    frame = pd.DataFrame("at_risk", index=["O1·KR1 Ship it", "O1·KR2 Improve monitoring"], columns=days, dtype=object)
    fig = plot_kr_status(frame, "Key result status at each check-in, 2026Q4")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox
    for artist in [fig._suptitle, *fig.legends]:
        extent = artist.get_window_extent(renderer)
        assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1, (artist, extent, box)


def test_a_team_with_no_ladder_has_no_gaps_to_count_rather_than_every_gap_covered(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="ada", name="Ada"))
        store.add_person(Person(id="ben", name="Ben", ladder="ladders/data-science.csv", track="Data Science"))  # no level
        team = team_sections(store, "2026Q4", "2026-12-02")
    assert "Ada (ada): no key results for 2026Q4 yet." in team["attention"].bullets  # a walk's team: not said before
    assert team["coverage"].empty == "No one has a ladder and a level recorded."
    assert team["team_gaps"].empty == "No gaps to count: no one has a ladder and a level recorded."
    assert team["title"].intro.startswith("2 people\n")  # nobody's manager recorded: no manager claimed
    assert "Ben (ben): on a career ladder with no level recorded yet, so their next level's expectations cannot " \
        "be shown." in team["attention"].bullets
    assert not any(b.startswith("Ada (ada): on a career ladder") for b in team["attention"].bullets)


def test_an_empty_team_s_overview_claims_nothing_about_anyone(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        team = team_sections(store, "2026Q4", "2026-12-02")
    assert "Everyone is inside the band" not in team["ladder_share"].intro
    assert team["team_gaps"].empty.startswith("No gaps to count") and team["attention"].bullets == ["Nothing flagged."]


def test_the_overview_says_whom_the_team_reports_to_as_the_records_say_it(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        for pid in ("ada", "ben", "cy", "dee"):
            store.add_person(Person(id=pid, name=pid.title(), manager="Me" if pid == "ada" else ""))
        assert "4 people · manager Me (for 1 of them)" in team_sections(store, "2026Q4", "2026-12-02")["title"].intro
        for pid in ("ben", "cy", "dee"):
            store.update_person(Person(id=pid, name=pid.title(), manager="Me"))
        assert "4 people · manager Me\n" in team_sections(store, "2026Q4", "2026-12-02")["title"].intro


def test_a_key_result_carried_into_the_quarter_says_where_it_came_from(store: Store) -> None:
    """The 2027Q1 summary of a key result moved from 2026Q4 showed no trace of it (the walk's Raj)."""
    from workbook.core.model import KeyResult, Objective, QuarterOKRs

    store.add_person(Person(id="raj", name="Raj Patel"))
    store.save_okrs(QuarterOKRs(person="raj", quarter="2026Q4", objectives=[Objective(
        text="Own the retry service", key_results=[KeyResult(text="Write the retry runbook, reviewed by Kofi")])]))
    store.move_key_result("raj", "2026Q4", 1, 1)
    okrs = summary_sections(store, "raj", "2027Q1", dt.date(2027, 1, 20))["okrs"].table
    assert okrs["note"].tolist() == ["Carried over from 2026Q4 O1·KR1."]
    assert summary_sections(store, "raj", "2026Q4", dt.date(2026, 12, 20))["okrs"].table["note"].tolist() == [
        "Outcome recorded.\nMoved to 2027Q1 on " + clock.today().isoformat() + ", where it continues."]


def test_the_overview_flags_open_key_results_that_are_not_measurable_and_only_those(tmp_path: Path) -> None:
    """A new report with OKRs and no check-in yet: 'Improve the churn model' will end the quarter with a doubt
    whether it was met, and the team overview said nothing (the walk's Sol). A measurable one, a vague one
    whose outcome is already recorded, and a deadline outside the quarter are told apart as the OKR page does."""
    from workbook.core.model import KeyResult, Objective, QuarterOKRs
    from workbook.stages.team import format_team_summary, team_summary

    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="sol", name="Sol Reyes"))
        store.add_person(Person(id="ada", name="Ada"))
        store.save_okrs(QuarterOKRs(person="sol", quarter="2026Q4", objectives=[Objective(
            text="Get the churn model into production", key_results=[
                KeyResult(text="Improve the churn model"),
                KeyResult(text="Churn model scores every active customer nightly in production by 2026-12-15")]),
            Objective(text="Make the model easy to pick up", key_results=[
                KeyResult(text="Publish the churn model's documentation by 2027-02-01")])]))
        store.save_okrs(QuarterOKRs(person="ada", quarter="2026Q4", objectives=[Objective(
            text="Grow as a speaker", key_results=[KeyResult(text="Get better at presenting", outcome="partly_met",
                                                                outcome_on=dt.date(2026, 12, 1))])]))  # closed by then
        team = team_sections(store, "2026Q4", "2026-12-04")
        frame = team_summary(store, "2026Q4", dt.date(2026, 12, 4))
    bullets = team["attention"].bullets
    assert ("Sol Reyes (sol): 2 key results of 2026Q4 not measurable yet (O1·KR1, O2·KR1): agree a measure and a "
            "target, so there is no doubt whether each is met.") in bullets
    assert not any("not measurable" in b for b in bullets if b.startswith("Ada"))  # closed: its outcome says it
    assert "not measurable yet" in team["attention"].intro
    flags = dict(zip(frame["person"], frame["flags"], strict=True))
    assert "2 KR not measurable (O1·KR1, O2·KR1)" in flags["sol"] and "not measurable" not in flags["ada"]
    assert "2 KR not measurable" in format_team_summary(frame)


def test_a_team_whose_key_results_are_all_measurable_or_absent_gets_no_measurability_flag(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="new", name="New Person"))  # nothing at all yet
        team = team_sections(store, "2026Q4", "2026-12-04")
    assert not any("not measurable" in b for b in team["attention"].bullets)


def test_at_a_fork_of_the_ladder_the_summary_and_goals_page_name_the_other_way_up(store: Store, db_path: Path) -> None:
    """From an empty workbook, a new person on a ladder whose next rank has a manager and an individual-
    contributor level side by side: both pages compare with one and say which other there is."""
    from test_ladder import FORK

    from workbook.render.goals import goal_context_html

    (db_path.parent / "fork.csv").write_text(FORK, encoding="utf-8")
    store.add_person(Person(id="kim", name="Kim Lee", track="Eng", level="e2", ladder=str(db_path.parent / "fork.csv")))
    ladder = summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)["ladder"]
    assert ladder.title == "Toward Staff Engineer (Individual Contributor)"
    assert ladder.intro.startswith("The competencies expected at the next level, Staff Engineer (Individual "
                                   "Contributor), and which of this year's goals build them: 0 of 1 covered.")
    assert "The ladder forks here: the other way up is Staff Engineer (Manager), which this page does not show." \
        in ladder.intro
    page = html.unescape(goal_context_html(store, "kim", 2026, DEMO_AS_OF))
    assert "The ladder forks here: the other way up is Staff Engineer (Manager)" in page
    from workbook.render.own_page import ladder_beside_html

    mine = html.unescape(ladder_beside_html(store, "kim", 2026))  # the report's own page says it too
    assert "of your goals. The ladder forks here: the other way up is Staff Engineer (Manager)" in mine
    store.edit_person("kim", level="e1")  # no fork above: nothing said
    assert "forks" not in summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)["ladder"].intro
    store.edit_person("kim", level="e2", toward="e3-m")  # heading for management: every page follows it
    chosen = summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)["ladder"]
    assert chosen.title == "Toward Staff Engineer (Manager)" and chosen.intro.startswith(
        "The competencies expected at the next level, Staff Engineer (Manager), and")
    assert ("The ladder forks here: this page follows the chosen way up; the other is Staff Engineer (Individual "
            "Contributor).") in chosen.intro
    assert "what Staff Engineer (Manager) expects" in html.unescape(goal_context_html(store, "kim", 2026, DEMO_AS_OF))
    assert "this page follows the chosen way up" in html.unescape(ladder_beside_html(store, "kim", 2026))


def test_an_upgrade_that_changes_the_code_makes_every_summary_out_of_date(demo: Store, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The version number stays 0.1.0 between upgrades, so a summary whose wording the code changed (a new
    sentence in the ladder section) was skipped as 'up to date'; the package's sources are now an input."""
    from workbook.run import summaries

    package = tmp_path / "pkg"
    (package / "render").mkdir(parents=True)
    (package / "render" / "summary.py").write_text("SENTENCE = 'old'\n")
    first = summaries.code_hash(package)
    assert summaries.code_hash(package) == first and len(first) == 64
    (package / "render" / "__pycache__").mkdir()
    (package / "render" / "__pycache__" / "summary.cpython-313.pyc").write_bytes(b"\0compiled")
    (package / "notes.txt").write_text("not code")
    assert summaries.code_hash(package) == first  # caches and other files are not the code
    (package / "render" / "summary.py").write_text("SENTENCE = 'new'\n")
    assert summaries.code_hash(package) != first
    assert summaries.code_hash() == summaries.code_hash(Path(summaries.__file__).resolve().parents[1])
    before = input_hashes(demo, ["priya"], DEMO_QUARTER, "2026-12-18")
    monkeypatch.setattr(summaries, "code_hash", lambda: "0" * 64)
    after = input_hashes(demo, ["priya"], DEMO_QUARTER, "2026-12-18")
    assert after["priya"] != before["priya"] and after[TEAM_ITEM] != before[TEAM_ITEM]


def test_a_next_step_owned_by_a_manager_nobody_recorded_reads_as_words(store: Store) -> None:
    """An action the manager owns printed as the raw value "manager" when no manager is recorded (the usual case
    in a workbook of one's own); with one recorded it is their name."""
    from workbook.core.model import Action

    store.add_person(Person(id="kim", name="Kim Lee"))
    store.add_action(Action(person="kim", text="Book the course", owner="manager"))
    store.add_action(Action(person="kim", text="Draft the rota", owner="employee"))
    owners = list(summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)["next_steps"].table["owner"])
    assert sorted(owners) == ["Kim Lee", "Their manager"]
    store.add_person(Person(id="dana", name="Dana Ray"))
    store.edit_person("kim", manager="dana")
    owners = list(summary_sections(store, "kim", DEMO_QUARTER, DEMO_AS_OF)["next_steps"].table["owner"])
    assert sorted(owners) == ["Dana Ray", "Kim Lee"]


@pytest.mark.slow
def test_a_date_inside_a_follow_up_never_splits_across_lines_in_the_pdf(tmp_path: Path) -> None:
    """A new manager's first summary of Kim, rendered to PNG, showed the push note's follow-up as "Send the ladder
    page (by 2026-12-" over "12)": the notebook's tables keep a date in a sentence on one line, the document's did
    not. From an empty workbook and a brand-new person, through the real batch and PDF."""
    import subprocess

    from workbook.run.outputs import summary_paths
    from workbook.run.summaries import make_summaries

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    db = tmp_path / "workbook.db"
    with Store(db, create=True) as store:
        store.add_person(Person(id="me", name="Morgan Lee"))
        store.add_person(Person(id="kim", name="Kim Park", ladder="ladders/data-science.csv", track="Data Science",
                                level="1", manager="me", started=dt.date(2026, 9, 1)))
        store.add_note(Note(person="kim", date=dt.date(2026, 12, 6), direction="push", topic="career paths",
                            text="Explained the senior DS path and what level 2 expects", visibility="shared",
                            follow_up="Send the ladder page", follow_up_due=dt.date(2026, 12, 12)))
    manifest = make_summaries(db, "2026Q4", ["kim"], jobs=1, pdf=True, out_dir=tmp_path / "out",
                              as_of=dt.date(2026, 12, 6))
    assert [i.failure_line for i in manifest.failed] == []
    pdf = summary_paths(tmp_path / "out", "2026Q4", "kim")[1]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Send the ladder page" in text
    assert "2026-12-12" in text, [line for line in text.splitlines() if "2026-12-" in line]


def test_a_key_result_in_chinese_is_drawn_whole_in_the_status_chart() -> None:
    """A key result typed in Chinese was a row of boxes in the check-in trail's chart (the chart's font has no
    CJK glyph, though the PDF's text showed it), and its label ran off the chart's left edge ("R2 □□ 3 □"):
    the margin was measured as if every character were a narrow Latin one."""
    import warnings

    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from workbook.render.charts import chart_fonts
    from workbook.render.summary import plot_kr_status

    labels = ["O1·KR1 Ship it", "O1·KR2 🚀 发布 3 个 $50k 模型 by 2026-12-18", "O2·KR1 在第四季度完成三次客户访谈并写出总结报告"]
    frame = pd.DataFrame("on_track", index=labels, columns=[dt.date(2026, 12, 1)], dtype=object)
    fig = plot_kr_status(frame, "Key result status at each check-in, 2026Q4")
    canvas = FigureCanvasAgg(fig)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        canvas.draw()
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    if len(chart_fonts()) > 1:  # fonts-noto-cjk installed, as setup does on Debian
        assert not missing, missing
    renderer = canvas.get_renderer()
    for tick in fig.axes[0].get_yticklabels():
        extent = tick.get_window_extent(renderer)
        assert extent.x0 >= fig.bbox.x0 - 1, (tick.get_text(), extent)


def test_the_check_in_trail_says_which_kind_of_check_in_in_plain_words(store: Store) -> None:
    """The trail's Conversation column read "status pass", which a reader of the PDF did not understand; it
    now says what the practice calls the two kinds, with their length."""
    from workbook.core.model import CheckIn

    store.add_person(Person(id="kim", name="Kim Lee"))  # no goals, no OKRs: a check-in with no key result
    store.add_check_in(CheckIn(person="kim", date=dt.date(2026, 11, 3)))
    store.add_check_in(CheckIn(person="kim", date=dt.date(2026, 11, 17), mode="unblock"))
    trail = summary_sections(store, "kim", "2026Q4", dt.date(2026, 11, 30))["check_ins"].table
    assert trail["kind"].tolist() == ["quick status (2-3 min)", "unblocking (10-15 min)"]
    assert trail["statuses"].tolist() == ["no key result discussed"] * 2


def test_the_overview_reads_the_workbook_s_quiet_weeks_and_refuses_a_parameter_that_is_no_number_of_weeks(
        tmp_path: Path) -> None:
    """A helper ran the team overview with `-p quiet_weeks abc` (a traceback), `-3` (everyone flagged quiet) and `0`
    (silently the default), and set the workbook's limit to 2 weeks, which the overview ignored: every batch passed
    6. A brand-new person last spoken with three weeks before the day, and nothing else."""
    from workbook.core.errors import InputError
    from workbook.core.model import Note

    day = dt.date(2026, 12, 7)
    with Store(tmp_path / "w.db") as s:
        s.add_person(Person(id="ines", name="Ines Okafor", started=dt.date(2026, 1, 5)))
        s.add_note(Note(person="ines", date=day - dt.timedelta(days=21), direction="pull", topic="goals",
                        text="Wants to own the pricing model", visibility="shared"))
        quiet = "Ines Okafor (ines): no career conversation for 3 weeks"

        def attention(weeks: object = None) -> str:
            return "\n".join(team_sections(s, "2026Q4", day, weeks)["attention"].bullets)

        assert quiet not in attention()  # the limit is 6 weeks
        s.set_limit("quiet_weeks", "2")
        assert quiet in attention() and quiet in attention("") and quiet not in attention(4) and quiet in attention("3")
        for bad in ("abc", -3, 0, 2.5, 53):
            with pytest.raises(InputError, match="quiet_weeks .* is not a whole number of weeks from 1 to 52"):
                attention(bad)
    from workbook.run.summaries import DEFAULT_QUIET_WEEKS

    assert DEFAULT_QUIET_WEEKS is None  # a batch leaves it to the workbook's limit
