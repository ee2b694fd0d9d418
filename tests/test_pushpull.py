"""Stage 1, the push-and-pull puzzle: pull topics and their freshness, pushes given, suggested pushes with
reasons, follow-ups due, the chart, and the conversation-log notebook run headless for every demo person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest

from workbook.core.dates import months_before
from workbook.core.errors import NotFound
from workbook.core.model import PULL_TOPICS, PUSH_TOPICS, Goal, GrowthPlan, Note, Person
from workbook.demo import TEAM, build_demo_db
from workbook.forms import live
from workbook.forms.conversation_log import show_puzzle, show_puzzle_chart
from workbook.render.charts import figure_png
from workbook.render.conversation_log import plot_puzzle, puzzle_html
from workbook.render.html import PRIVATE_BADGE, escape
from workbook.run.batch import NOTEBOOKS_DIR, run_notebook
from workbook.stages.conversation_log import (
    MAX_GAP_SUGGESTIONS,
    PULL_QUESTIONS,
    open_follow_ups,
    pushes_given_frame,
    puzzle_frame,
    suggest_pushes,
)
from workbook.store import Store

pytestmark = pytest.mark.usefixtures("check_ins_staged_ahead")  # notes through 2027-06, staged while the calendar is in 2026

AS_OF = dt.date(2027, 6, 30)
DS_LADDER = "ladders/data-science.csv"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def note(person: str, date: str, direction: str, topic: str, text: str, **kw) -> Note:
    return Note(person=person, date=day(date), direction=direction, topic=topic, text=text, **kw)


@pytest.fixture
def wb(tmp_path: Path):
    """Ana (Data Science, level 2) with a small history, and Ben, whose shared pushes Ana can reuse."""
    with Store(tmp_path / "wb.db") as s:
        s.add_person(Person(id="ana", name="Ana Souza", track="Data Science", level="2", ladder=DS_LADDER))
        s.add_person(Person(id="ben", name="Ben Okafor", track="Data Science", level="3", ladder=DS_LADDER))
        for n in [
            # goals: known (2 notes, fresh); interests: thin (1 fresh); values: stale; history: missing
            note("ana", "2027-05-02", "pull", "goals", "Wants to lead pricing experiments within two years"),
            note("ana", "2027-06-01", "pull", "goals", "Asked about the senior path", visibility="shared"),
            note("ana", "2027-06-10", "pull", "interests", "Curious about causal inference for pricing experiments"),
            note("ana", "2026-10-01", "pull", "values", "Values focus time"),
            note("ana", "2027-04-01", "pull", "self-assessment", "Feels weak at presenting"),
            note("ana", "2027-08-01", "pull", "history", "A note after as_of does not count yet"),
            note("ana", "2027-03-01", "push", "mentors", "Introduced her to Lena for forecasting"),
            note("ana", "2027-05-20", "push", "mentors", "Suggested a pairing session on dashboards"),
            note("ana", "2027-01-10", "push", "feedback", "Review: strong analyses", setting="review"),
            # Ben: one shared push about causal inference (reusable), one private one (never travels)
            note("ben", "2027-02-01", "push", "mentors", "Kwame runs the causal inference reading group",
                 visibility="shared"),
            note("ben", "2027-02-02", "push", "learning", "Private tip: causal inference course paid by budget"),
        ]:
            s.add_note(n)
        yield s


def test_months_before_clamps_to_month_end():
    assert months_before(day("2027-03-31"), 6) == day("2026-09-30")
    assert months_before(day("2027-08-31"), 6) == day("2027-02-28")
    assert months_before(day("2027-12-18"), 6) == day("2027-06-18")


def test_puzzle_frame_marks_known_thin_stale_and_missing(wb):
    frame = puzzle_frame(wb, "ana", AS_OF).set_index("topic")
    assert list(frame.index) == list(PULL_TOPICS)
    assert frame.loc["goals", "state"] == "known" and frame.loc["goals", "notes"] == 2
    assert frame.loc["goals", "last_pulled"] == day("2027-06-01")
    assert frame.loc["interests", "state"] == "thin"
    assert frame.loc["values", "state"] == "stale"  # 2026-10-01 is before 2026-12-30
    assert frame.loc["history", "state"] == "missing"  # the August note is after as_of
    assert frame.loc["learning topics", "state"] == "missing"
    assert frame.loc["history", "ask"] == PULL_QUESTIONS["history"]
    assert frame.loc["goals", "ask"] == ""
    # private notes are marked, shared ones are not
    assert frame.loc["interests", "latest"].startswith("[private] ")
    assert frame.loc["goals", "latest"] == "Asked about the senior path"


def test_pushes_given_counts_every_push_topic(wb):
    frame = pushes_given_frame(wb, "ana", AS_OF).set_index("topic")
    assert list(frame.index) == list(PUSH_TOPICS)
    assert frame.loc["mentors", "pushes"] == 2 and frame.loc["mentors", "last_pushed"] == day("2027-05-20")
    assert frame.loc["feedback", "pushes"] == 1
    assert frame.loc["gaps", "pushes"] == 0 and frame.loc["gaps", "last_pushed"] is None


def test_unknown_person_is_refused(wb):
    with pytest.raises(NotFound, match="unknown person 'zoe'"):
        puzzle_frame(wb, "zoe", AS_OF)


def test_interest_pulled_suggests_what_was_pushed_in_that_field(wb):
    frame = suggest_pushes(wb, "ana", AS_OF)
    field = frame[frame["basis"] == "field"]
    kwame = field[field["suggestion"].str.contains("Kwame")]
    assert len(kwame) == 1
    row = kwame.iloc[0]
    assert row["push"] == "mentors" and row["status"] == "new"
    assert "pulled 2027-06-10 (interests)" in row["reason"] and "Ben Okafor" in row["reason"]
    assert "causal" in row["reason"]
    # another report's private note never travels into Ana's suggestions
    assert not frame["suggestion"].str.contains("Private tip").any()


@pytest.fixture
def new_workbook(tmp_path: Path):
    """What a user starts with: an empty workbook file and one brand-new report, no ladder, nothing recorded."""
    with Store(tmp_path / "new.db") as s:
        s.add_person(Person(id="zoe", name="Zoe Lin"))
        yield s


def field_pushes(store: Store, pull: str, push: str, *, from_other: bool) -> list[str]:
    """The field suggestions for Zoe once she has one interest pulled and one push is on record: hers, or
    (``from_other``) shared with Max, a second brand-new report, so it is the only push in the catalogue."""
    store.add_note(note("zoe", "2027-06-10", "pull", "interests", pull))
    if from_other:
        store.add_person(Person(id="max", name="Max Berg"))
        store.add_note(note("max", "2027-06-12", "push", "opportunities", push, visibility="shared"))
    else:
        store.add_note(note("zoe", "2027-06-12", "push", "opportunities", push))
    frame = suggest_pushes(store, "zoe", AS_OF)
    assert puzzle_html(store, "zoe", AS_OF)  # the page that shows them still renders
    return list(frame.loc[frame["basis"] == "field", "reason"])


@pytest.mark.parametrize("from_other", [False, True], ids=["own push", "another report's push"])
@pytest.mark.parametrize(("pull", "push"), [
    ("Enjoys the shared garden at home", "Shared the offsite agenda with the group"),
    ("Plays in a football team at weekends", "The platform team has a spare seat at the offsite"),
    ("Likes quiet work in the mornings", "Work on the partner portal launch is open"),
    ("Loves fun runs on Sundays", "Fun quiz night for the department"),
    ("Asked about a promotion next spring", "Promotion panel for the platform group meets in May"),
], ids=["shared", "team", "work", "fun", "promotion"])
def test_a_push_sharing_only_a_generic_word_with_a_pull_is_not_suggested(new_workbook, pull, push, from_other):
    """A manager was told to follow up "Shared the offsite agenda" because Zoe "enjoys the shared garden": one
    generic word in common is no evidence that a push answers a pull, least of all on a new, sparse workbook
    where every word is rare."""
    assert field_pushes(new_workbook, pull, push, from_other=from_other) == []


@pytest.mark.parametrize("from_other", [False, True], ids=["own push", "another report's push"])
@pytest.mark.parametrize(("pull", "push", "common"), [
    ("Wants to get better at public speaking", "A speaking slot opened at the city meetup in November", "speaking"),
    ("Curious about SQL window functions", "The analytics guild runs an SQL clinic on Fridays", "sql"),
], ids=["speaking", "acronym"])
def test_a_push_about_what_was_pulled_is_suggested_on_a_new_workbook(new_workbook, pull, push, common, from_other):
    reasons = field_pushes(new_workbook, pull, push, from_other=from_other)
    assert len(reasons) == 1 and f"in common: {common}" in reasons[0].lower()


def test_another_report_s_push_that_names_a_person_is_theirs_and_never_suggested(new_workbook):
    """On the demo Jun was offered Tomás's promotion case ("...the case needs evidence of growing others (Lucía's
    on-call readiness counts)") on the one word "design" (a helper). A push that names someone of the workbook is
    about them; the same opening with no name is still suggested."""
    store = new_workbook
    store.add_person(Person(id="max", name="Max Berg"))
    store.add_person(Person(id="lucia", name="Lucía Ortiz"))
    store.add_note(note("zoe", "2027-06-10", "pull", "interests", "Wants to get better at system design"))
    store.add_note(note("max", "2027-06-12", "push", "career paths",
                        "Staff case for 2027: design leadership is strong; Lucía's on-call readiness counts",
                        visibility="shared"))
    frame = suggest_pushes(store, "zoe", AS_OF)
    assert frame[frame["basis"] == "field"].empty
    store.add_note(note("max", "2027-06-13", "push", "opportunities", "A design review guild starts in July",
                        visibility="shared"))
    frame = suggest_pushes(store, "zoe", AS_OF)
    assert list(frame.loc[frame["basis"] == "field", "suggestion"]) == ["A design review guild starts in July"]


def test_goal_pulled_without_push_suggests_goals_until_goals_are_suggested(wb):
    frame = suggest_pushes(wb, "ana", AS_OF)
    goal = frame[frame["push"] == "suggested goals"]
    assert len(goal) == 1
    assert "goal pulled on 2027-06-01" in goal.iloc[0]["reason"]
    wb.add_note(note("ana", "2027-06-15", "push", "suggested goals", "Suggested a goal on experiment design"))
    assert not (suggest_pushes(wb, "ana", AS_OF)["push"] == "suggested goals").any()


def test_self_assessment_without_push_suggests_observed_strengths(wb):
    frame = suggest_pushes(wb, "ana", AS_OF)
    assert (frame["push"] == "observed strengths").sum() == 1
    wb.add_note(note("ana", "2027-06-20", "push", "observed strengths", "Your demo was calm and clear"))
    assert not (suggest_pushes(wb, "ana", AS_OF)["push"] == "observed strengths").any()


def test_next_level_gaps_become_pushes_with_the_ladder_expectation(wb):
    wb.save_plan(GrowthPlan(person="ana", year=2027, goals=[
        Goal(text="Own a modelling project", competencies=["Technical depth (modeling)"])]))
    frame = suggest_pushes(wb, "ana", AS_OF)
    gaps = frame[frame["basis"] == "ladder gap"]
    assert 1 <= len(gaps) <= MAX_GAP_SUGGESTIONS
    assert (gaps["push"] == "gaps").all()
    assert all("Senior Data Scientist expects this" in r for r in gaps["reason"])
    assert not gaps["suggestion"].str.startswith("Technical depth (modeling)").any()  # covered by a goal
    # the suggestion quotes the ladder's expectation for the next level
    from workbook.coaching.ladders import load_ladder, resolve_ladder_path

    ladder = load_ladder(resolve_ladder_path(DS_LADDER))
    competency, expectation = gaps.iloc[0]["suggestion"].split(": ", 1)
    assert expectation in ladder.expectations("Data Science", "3")[competency]


def test_the_log_judges_gaps_by_the_plan_the_goals_page_opens_on(wb):
    """In December the goals page opens on next year's plan when this year has none and next year's has goals, but
    the log's gap pushes counted this year's tags only: with a gap tagged on a 2028 goal the log still suggested
    pushing it, "no 2027 goal is tagged" it. The log's page judges by the year the goals page opens on
    (period_to_open), so the two agree: next year's then, this year's once it has a plan (as the goals page)."""
    from workbook.render.conversation_log import puzzle_html
    from workbook.stages.due import period_to_open

    december = dt.date(2027, 12, 1)

    def gaps(as_of: dt.date) -> list[str]:
        page = puzzle_html(wb, "ana", as_of)
        found = []
        for row in suggest_pushes(wb, "ana", as_of, year=2027).itertuples():  # every gap a plan could leave
            if row.basis == "ladder gap" and escape(row.suggestion.split(": ", 1)[0]) + ":" in page:
                found.append(row.suggestion.split(": ", 1)[0])
        return found

    first = gaps(december)[0]  # no plan for either year: a gap
    wb.save_plan(GrowthPlan(person="ana", year=2028, status="agreed", goals=[Goal(text="Grow in this",
                                                                                 competencies=[first])]))
    assert period_to_open(wb, "goals", "ana", december) == "2028"
    assert first not in gaps(december)  # next year's goal covers it, on the page the goals page opens on
    assert "no 2028 goal is tagged" in puzzle_html(wb, "ana", december)
    assert first in gaps(dt.date(2027, 9, 30))  # before October: this year's plan, which has none
    wb.save_plan(GrowthPlan(person="ana", year=2027, status="agreed", goals=[Goal(text="Own a model")]))
    assert period_to_open(wb, "goals", "ana", december) is None  # the goals page opens on 2027 now
    assert first in gaps(december) and "no 2027 goal is tagged" in puzzle_html(wb, "ana", december)


def test_below_a_fork_with_no_way_up_chosen_the_log_suggests_pushing_both_paths(wb, tmp_path: Path):
    """A new person one rank below a manager / individual-contributor fork: push both career paths and ask, until
    a career path is pushed (then not for six months) or their way up is recorded; a person on a branch, or on a
    ladder without a fork, gets no such push."""
    from test_ladder import FORK

    (tmp_path / "fork.csv").write_text(FORK, encoding="utf-8")
    wb.add_person(Person(id="kim", name="Kim Lee", track="Eng", level="e2", ladder=str(tmp_path / "fork.csv")))
    fork = suggest_pushes(wb, "kim", AS_OF).query("basis == 'ladder fork'")
    assert fork["push"].tolist() == ["career paths"] and fork["suggestion"].tolist() == [
        "Walk them through both ways up from here, Staff Engineer (Individual Contributor) and Staff Engineer "
        "(Manager): what each expects and what the work is like, then ask which they want"]
    assert "`workbook person edit kim --toward LEVEL`" in fork.iloc[0]["reason"]
    wb.add_note(note("kim", "2027-01-15", "push", "career paths", "Talked through the staff and manager paths"))
    assert suggest_pushes(wb, "kim", AS_OF).query("basis == 'ladder fork'").empty  # pushed 5.5 months ago
    assert len(suggest_pushes(wb, "kim", dt.date(2027, 8, 1)).query("basis == 'ladder fork'")) == 1  # 6.5 months
    wb.edit_person("kim", toward="e3-m")  # they chose: nothing to ask
    assert suggest_pushes(wb, "kim", dt.date(2027, 8, 1)).query("basis == 'ladder fork'").empty
    wb.edit_person("kim", level="e3-m", toward="")  # on the manager branch: the IC beside it is no open choice
    assert suggest_pushes(wb, "kim", dt.date(2027, 8, 1)).query("basis == 'ladder fork'").empty
    assert suggest_pushes(wb, "ana", AS_OF).query("basis == 'ladder fork'").empty  # no fork on her ladder


def test_no_ladder_says_why_there_are_no_gaps(wb):
    wb.add_person(Person(id="cai", name="Cai Lin"))
    wb.add_note(note("cai", "2027-06-01", "pull", "goals", "Wants to grow"))
    frame = suggest_pushes(wb, "cai", AS_OF)
    assert not (frame["basis"] == "ladder gap").any()
    assert any("no ladder" in n for n in frame.attrs["notes"])


def test_open_follow_ups_are_overdue_due_soon_or_undated(wb):
    for date, text, due in [
        ("2027-06-01", "Send the intro email", "2027-06-20"),  # overdue
        ("2027-06-25", "Book the course", "2027-07-10"),  # due soon (within 14 days)
        ("2027-06-28", "Ask Lena about a slot", None),  # undated, recent
        ("2027-06-28", "Plan the offsite", "2027-09-01"),  # not due yet
        ("2026-12-01", "Old promise", "2027-01-01"),  # more than 90 days overdue: history
        ("2027-01-05", "Old undated promise", None),  # undated but older than 90 days
    ]:
        wb.add_note(note("ana", date, "push", "learning", f"note for {text}", follow_up=text,
                         follow_up_due=day(due) if due else None))
    frame = open_follow_ups(wb, "ana", AS_OF)
    assert list(frame["state"]) == ["overdue", "due soon", "no date"]
    assert list(frame["follow_up"]) == ["[private] Send the intro email", "[private] Book the course",
                                        "[private] Ask Lena about a slot"]


def test_report_escapes_user_text_and_badges_private_notes(wb):
    wb.add_note(note("ana", "2027-06-29", "pull", "learning topics", "<script>alert(1)</script> & <b>bold</b>"))
    markup = puzzle_html(wb, "ana", AS_OF)
    assert "<script>" not in markup and "<b>bold</b>" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in markup
    assert PRIVATE_BADGE in markup
    for heading in ("The puzzle: pull topics", "Pushes given", "Suggested pushes", "Follow-ups due"):
        assert heading in markup
    assert "Not pushed yet: career paths" in markup


def test_puzzle_chart_is_a_png_with_two_panels(wb):
    fig = plot_puzzle(puzzle_frame(wb, "ana", AS_OF), pushes_given_frame(wb, "ana", AS_OF),
                               title="Ana")
    assert len(fig.axes) == 2
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert sorted(labels) == sorted(PULL_TOPICS)
    assert figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


def test_live_report_refreshes_when_the_form_saves(wb, monkeypatch):
    """Widget callbacks cannot update cell outputs in JupyterLab or Voila: the report is one HTML widget whose
    value a save replaces; its output carries the first drawing as text/html for headless runs."""
    import ipywidgets as widgets

    from workbook.forms.conversation_log import NoteForm
    from workbook.notebook import StageContext

    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    ctx = StageContext(store=wb, person=wb.person("ana"), quarter="2027Q2", year=2027, as_of=AS_OF, db=wb.path)
    form = NoteForm(wb, "ana", AS_OF)
    show_puzzle(ctx, form)
    (live_widget,) = shown
    assert isinstance(live_widget, widgets.HTML) and "2 missing" in live_widget.value
    assert "2 missing" in live_widget._repr_mimebundle_()["text/html"]
    form.topic.value = "history"
    form.text.value = "Grew up in Porto; studied physics"
    assert form.save()
    assert "1 missing" in live_widget.value and "2 missing" not in live_widget.value
    assert len(shown) == 1  # nothing new displayed from the callback


def test_without_a_form_the_report_is_plain_html(wb, monkeypatch):
    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    from workbook.notebook import StageContext

    ctx = StageContext(store=wb, person=wb.person("ana"), quarter="2027Q2", year=2027, as_of=AS_OF, db=wb.path)
    show_puzzle_chart(ctx)
    assert len(shown) == 1 and 'src="data:image/png;base64,' in shown[0].data


# --------------------------------------------------------------------------------------------------
# The notebook, headless, for every demo person
# --------------------------------------------------------------------------------------------------

DEMO_IDS = [m.id for m in TEAM]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture(scope="module")
def log_runs(demo_db, tmp_path_factory) -> dict[str, Path]:
    """The notebook run once per demo person, two kernels at a time (2 cores: more barely helps)."""
    from concurrent.futures import ThreadPoolExecutor

    out_dir = tmp_path_factory.mktemp("log-runs")

    def run(person: str) -> Path:
        return run_notebook(NOTEBOOKS_DIR / "01_conversation_log.ipynb", out_dir / f"{person}.ipynb",
                            {"person": person, "db": str(demo_db)})

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(DEMO_IDS, pool.map(run, DEMO_IDS), strict=True))


def _outputs(nb: nbformat.NotebookNode) -> tuple[str, list[str]]:
    html_parts, errors = [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or out.get("name") == "stderr" and "Traceback" in out.get("text", ""):
                errors.append(out.get("evalue") or out.get("text"))
            html_parts.append(out.get("data", {}).get("text/html", ""))
    return "".join(html_parts), errors


@pytest.mark.slow
@pytest.mark.parametrize("person", DEMO_IDS)
def test_conversation_log_notebook_runs_for_every_demo_person(person, demo_db, log_runs):
    nb = nbformat.read(log_runs[person], as_version=4)
    markup, errors = _outputs(nb)
    assert not errors
    with Store(demo_db) as s:
        name = s.person(person).name
    assert f"Latest notes about {name}" in markup
    for heading in ("The puzzle: pull topics", "Pushes given", "Suggested pushes", "Follow-ups due"):
        assert heading in markup
    assert markup.count('src="data:image/png;base64,') == 1  # the puzzle chart, inline
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for c in nb.cells for o in c.get("outputs", []))  # the form rendered without blocking


def test_notebook_is_committed_without_outputs_and_with_parameters():
    nb = nbformat.read(NOTEBOOKS_DIR / "01_conversation_log.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert params[0].source == 'person = ""\nperiod = ""\ndb = ""\nas_of = ""'  # the page's pickers choose
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_a_sealed_note_a_batch_cannot_open_is_not_marked_private_twice() -> None:
    """A batch's log showed "[private] [private note: key not available]" (a helper saw "private private ..."):
    the placeholder already says it is a private note."""
    from workbook.stages.conversation_log import _marked
    from workbook.store.sealing import KEY_MISSING, TAMPERED

    assert _marked(KEY_MISSING, "private") == KEY_MISSING and _marked(TAMPERED, "private") == TAMPERED
    assert _marked("Wants to move to ML", "private") == "[private] Wants to move to ML"
    assert _marked("Great readout", "shared") == "Great readout"
