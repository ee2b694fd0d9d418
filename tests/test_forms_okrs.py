"""Stage 3, quarterly OKRs: the OKRForm driven in Python against real SQLite files, and the notebook under papermill."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import nbformat
import pytest
from conftest import stage_context

from workbook.core.model import (
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Objective,
    Person,
    QuarterOKRs,
    Support,
)
from workbook.demo import DEMO_AS_OF, DEMO_QUARTER, TEAM
from workbook.forms.okrs import CSS_CLASSES, OKRForm, kr_feedback_html, show_okrs_report
from workbook.run.batch import NOTEBOOKS_DIR, run_notebook
from workbook.store import Store

DEMO_IDS = [m.id for m in TEAM]
MEASURABLE = "Deliver a presentation at the cross-functional weekly meeting and get feedback from two teammates"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Ana with three growth goals for 2027 and no OKRs yet."""
    with Store(tmp_path / "okrs.db") as s:
        s.add_person(Person(id="ana", name="Ana Souza"))
        s.save_plan(GrowthPlan(person="ana", year=2027, status="agreed", goals=[
            Goal(text="Trusted partner in pricing", priority=1),
            Goal(text="Coding and architecture", priority=2),
            Goal(text="Mentoring", priority=3),
        ]))
        yield s



def _fill(form: OKRForm, n_objectives: int = 2, n_krs: int = 2) -> None:
    """Fill the form with ``n_objectives`` objectives of ``n_krs`` measurable key results each."""
    while len(form.objectives) < n_objectives:
        form.add_objective()
    for i, row in enumerate(form.objectives[:n_objectives], 1):
        row.text.value = f"Objective {i}"
        row.goal.value = i
        row.understanding.value = f"understanding {i}"
        row.supplement.value = f"supplement {i}"
        row.aligned.value = f"project {i}"
        while len(row.kr_rows) < n_krs:
            form.add_key_result(row)
        for j, kr in enumerate(row.kr_rows[:n_krs], 1):
            kr.text.value = f"{MEASURABLE} by 2027-03-{10 + j}"
            kr.target.value = dt.date(2027, 3, 10 + j)


def _html(form: OKRForm) -> str:
    return form.findings.value + form.status_line.value


# -- loading and saving ---------------------------------------------------------------------------------------
def test_a_new_quarter_starts_with_one_empty_objective_and_key_result(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    assert len(form.objectives) == 1 and len(form.objectives[0].kr_rows) == 1
    assert [label for label, _ in form.goal_options][1].startswith("1. Trusted partner in pricing (priority 1)")
    assert form.objectives[0].goal.value == 0  # "not linked" is selectable, not a blank dropdown


def test_saving_writes_objectives_key_results_support_and_prework(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form)
    kr = form.objectives[0].kr_rows[0]
    kr.support_rows[0].who.value = "tech lead"
    kr.support_rows[0].what.value = "design review"
    kr.support_rows[0].due.value = dt.date(2027, 2, 1)
    kr.add_support_row("teammate", "feedback on the presentation")
    assert form.save() is True, _html(form)
    assert "Saved" in form.status_line.value
    okrs = store.okrs_frame("ana", "2027Q1")
    assert len(okrs) == 4
    assert list(okrs["objective_text"].unique()) == ["Objective 1", "Objective 2"]
    assert list(okrs["goal"].unique()) == [1, 2]
    assert okrs.loc[0, "understanding"] == "understanding 1" and okrs.loc[0, "supplement"] == "supplement 1"
    assert okrs.loc[0, "aligned_work"] == "project 1" and okrs.loc[0, "target_date"] == dt.date(2027, 3, 11)
    support = store.support_frame("ana", "2027Q1")
    assert list(support["who"]) == ["tech lead", "teammate"]
    assert list(support["status"]) == ["requested", "requested"]
    assert support.loc[0, "due"] == dt.date(2027, 2, 1)


def test_the_save_button_saves_too(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 1)
    form.save_button.click()
    assert len(store.okrs_frame("ana", "2027Q1")) == 1


def test_existing_okrs_load_for_editing_and_edits_keep_check_in_history(store: Store) -> None:
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(
        text="Enhance communication", goal=1, understanding="mine", supplement="yours",
        key_results=[KeyResult(text="Old wording", support=[Support(who="manager", what="feedback", status="committed")])],
    )]))
    store.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 15),
                               key_results=[KRStatus(objective=1, key_result=1, status="at_risk", note="slow")]))
    form = OKRForm(store, "ana", "2027Q1")
    row = form.objectives[0]
    assert (row.text.value, row.goal.value, row.understanding.value, row.supplement.value) == (
        "Enhance communication", 1, "mine", "yours")
    assert row.kr_rows[0].text.value == "Old wording"
    assert row.kr_rows[0].support_rows[0].status.value == "committed"
    row.kr_rows[0].text.value = MEASURABLE
    assert form.save() is True, _html(form)
    history = store.kr_status_frame("ana", "2027Q1")
    assert list(history["kr_text"]) == [MEASURABLE] and list(history["status"]) == ["at_risk"]
    assert list(store.support_frame("ana", "2027Q1")["status"]) == ["committed"]


def test_outcomes_set_at_quarter_close_survive_an_edit(store: Store) -> None:
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(
        text="O", key_results=[KeyResult(text=MEASURABLE, outcome="carried_over", outcome_note="moved")])]))
    form = OKRForm(store, "ana", "2027Q1")
    form.objectives[0].text.value = "O, reworded"
    assert form.save() is True
    okrs = store.okrs_frame("ana", "2027Q1")
    assert okrs.loc[0, "outcome"] == "carried_over" and okrs.loc[0, "outcome_note"] == "moved"


def test_a_moved_key_result_keeps_its_lineage_through_an_edit(store: Store) -> None:
    """Editing the quarter a key result was moved into kept its text but dropped where it came from (the form
    did not carry ``moved_from``): the year review then counted it twice and it could be moved again."""
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(
        text="O", key_results=[KeyResult(text=MEASURABLE)])]))
    store.move_key_result("ana", "2027Q1", 1, 1)
    form = OKRForm(store, "ana", "2027Q2")
    form.objectives[0].kr_rows[0].text.value = MEASURABLE + " by 2027-06-30"
    assert form.save() is True, _html(form)
    kr = store.okrs("ana", "2027Q2").objectives[0].key_results[0]  # type: ignore[union-attr]
    assert kr.text.endswith("by 2027-06-30")
    assert kr.moved_from is not None and kr.moved_from.label() == "2027Q1 O1·KR1"


def test_blank_rows_are_skipped(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 1)
    form.add_key_result(1)  # left empty
    form.add_objective()  # left empty
    assert form.save() is True, _html(form)
    assert len(store.okrs_frame("ana", "2027Q1")) == 1


def test_an_empty_form_saves_nothing(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    assert form.save() is False
    assert "write at least one objective" in form.findings.value
    assert store.okrs("ana", "2027Q1") is None


# -- live feedback ------------------------------------------------------------------------------------------------
def test_each_key_result_gets_live_measurability_feedback(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    kr = form.objectives[0].kr_rows[0]
    assert "no doubt whether it was met" in kr.text.hint.value
    kr.text.value = "Improve communication with stakeholders"
    assert "Not measurable yet" in kr.text.hint.value and "vague verb" in kr.text.hint.value
    assert "Suggestion" in kr.text.hint.value
    kr.text.value = MEASURABLE
    assert "Measurable: no doubt" in kr.text.hint.value
    assert CSS_CLASSES["kr_feedback"] in kr.text.hint._dom_classes


def test_live_feedback_escapes_what_was_typed(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    kr = form.objectives[0].kr_rows[0]
    kr.text.value = f"Improve {EVIL} things"
    assert "<img" not in kr.text.hint.value and "&lt;img" in kr.text.hint.value
    assert "<img" not in kr_feedback_html(EVIL)


# -- the practice's limits ----------------------------------------------------------------------------------------
def test_a_third_objective_warns_live_and_is_refused_at_save_with_nothing_saved(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 2, 1)
    assert form.save() is True
    before = store.count_rows("ana")
    assert form.live_warning.value == ""
    form.add_objective()  # never hard-capped
    assert len(form.objectives) == 3
    assert "3 objectives" in form.live_warning.value and "at most 2" in form.live_warning.value
    _fill(form, 3, 1)
    assert form.save() is False
    assert "3 objectives, at most 2 per person and quarter" in form.findings.value
    assert "Nothing saved" in form.status_line.value
    assert store.count_rows("ana") == before
    assert len(store.okrs("ana", "2027Q1").objectives) == 2
    form.remove_objective(form.objectives[2])
    assert form.live_warning.value == ""


def test_a_third_key_result_warns_live_and_is_refused_at_save(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 2)
    form.objectives[0].add_kr.click()
    assert len(form.objectives[0].kr_rows) == 3
    assert "3 key results" in form.objectives[0].kr_warning.value
    _fill(form, 1, 3)
    assert form.save() is False
    assert "objective 1 has 3 key results, at most 2" in form.findings.value
    assert store.okrs("ana", "2027Q1") is None
    assert store.count_rows("ana")["okr_quarters"] == 0


def test_limits_are_configurable_per_workbook(store: Store) -> None:
    store.set_limit("max_objectives", "3")
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 3, 1)
    assert form.live_warning.value == ""
    assert form.save() is True, _html(form)
    assert len(store.okrs("ana", "2027Q1").objectives) == 3


# -- validation and warnings ----------------------------------------------------------------------------------------
def test_a_key_result_without_an_objective_shows_the_error_next_to_the_field(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    form.objectives[0].kr_rows[0].text.value = MEASURABLE
    assert form.save() is False
    assert "required" in form.objectives[0].text.error.value
    assert store.okrs("ana", "2027Q1") is None


def test_support_needs_who_and_what(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 1)
    form.objectives[0].kr_rows[0].support_rows[0].who.value = "tech lead"
    assert form.save() is False
    assert "who will help and with what" in form.objectives[0].kr_rows[0].support_rows[0].field.error.value
    assert "support needs both who and what" in form.findings.value
    assert store.okrs("ana", "2027Q1") is None


def test_an_unmeasurable_key_result_is_saved_with_a_coaching_warning(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 1)
    form.objectives[0].goal.value = 0
    form.objectives[0].kr_rows[0].text.value = "Get better at stakeholder management"
    assert form.save() is True
    assert "key result 1.1 is saved but not measurable yet" in form.findings.value
    assert "not linked to a growth goal" in form.findings.value
    assert store.okrs("ana", "2027Q1").objectives[0].goal is None


def test_a_deadline_in_the_text_becomes_the_target_date_when_none_is_given(store: Store) -> None:
    """'... by 2027-03-11' with the target date left empty: the summary's Target column and the checks read
    11 March, and the form says where it came from; a given target date is never replaced."""
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 2)
    first, second = form.objectives[0].kr_rows
    first.target.value = None
    second.text.value, second.target.value = f"{MEASURABLE} by 15 March", dt.date(2027, 3, 20)
    assert form.save() is True, _html(form)
    saved = store.okrs("ana", "2027Q1").objectives[0].key_results
    assert [k.target_date for k in saved] == [dt.date(2027, 3, 11), dt.date(2027, 3, 20)]
    assert first.target.value == dt.date(2027, 3, 11)
    assert "key result 1.1: target date 2027-03-11, from &#x27;by 2027-03-11&#x27; in its text" in form.findings.value
    assert "key result 1.2: target date" not in form.findings.value
    first.text.value, first.target.value = f"{MEASURABLE} by 2027-04-11", None  # outside the quarter: left empty
    assert form.save() is True
    assert store.okrs("ana", "2027Q1").objectives[0].key_results[0].target_date is None


def test_removing_an_earlier_saved_row_warns_that_history_follows_positions(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 2)
    assert form.save() is True
    form.remove_key_result(form.objectives[0].kr_rows[0])
    assert "Key result 1.1 was 1.2" in form.live_warning.value


def test_user_text_never_becomes_markup(store: Store) -> None:
    store.save_plan(GrowthPlan(person="ana", year=2027, goals=[Goal(text=f"Goal {EVIL}")]))
    form = OKRForm(store, "ana", "2027Q1")
    _fill(form, 1, 1)
    form.objectives[0].text.value = EVIL
    assert form.save() is True
    okrs = store.okrs("ana", "2027Q1")
    assert okrs.objectives[0].text == EVIL  # stored as typed
    for _ in range(2):
        row = form.add_objective()
        row.text.value = EVIL
        row.kr_rows[0].text.value = EVIL
    assert form.save() is False
    assert "3 objectives" in form.findings.value
    assert "<img" not in form.findings.value + form.live_warning.value


def test_stable_css_classes_for_browser_tests(store: Store) -> None:
    form = OKRForm(store, "ana", "2027Q1")
    form.render()
    row = form.objectives[0]
    assert "wb-objective-text" in row.text.widget._dom_classes
    assert "wb-kr-text" in row.kr_rows[0].text.widget._dom_classes
    assert "wb-kr-feedback" in row.kr_rows[0].text.hint._dom_classes
    assert "wb-save" in form.save_button._dom_classes
    assert "wb-findings" in form.findings._dom_classes
    assert "wb-status" in form.status_line._dom_classes
    assert "wb-add-objective" in form.add_objective_button._dom_classes
    assert "wb-add-kr" in row.add_kr._dom_classes
    for name in ("wb-objective-text", "wb-kr-text", "wb-kr-feedback", "wb-save", "wb-findings", "wb-status"):
        assert name in OKRForm.__doc__


def test_layout_fits_a_narrow_notebook_and_textareas_read_like_prose(store: Store) -> None:
    import ipywidgets as widgets

    form = OKRForm(store, "ana", "2027Q1")
    form.render()
    row = form.objectives[0]
    kr = row.kr_rows[0]
    assert isinstance(kr.text.widget, widgets.Textarea)  # long key results wrap instead of being cut
    support = kr.support_rows[0]
    assert (support.remove.layout.width, support.remove.layout.min_width, support.remove.layout.flex) == (
        "32px", "32px", "0 0 auto")
    assert support.what.layout.flex == "1 1 200px" and support.what.layout.min_width == "140px"
    support.what.value = "ask the platform director for a 30-minute slot at the architecture forum"
    assert support.what.tooltip == support.what.value  # a cut "what" shows in full on hover
    for area in (kr.text.widget, row.understanding, row.supplement):
        assert "wb-prose" in area._dom_classes
    assert ".wb-prose textarea" in form.widget.children[0].value and "monospace" not in form.widget.children[0].value


def test_the_report_below_the_form_refreshes_when_it_saves(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbook.forms import live

    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    form = OKRForm(store, "ana", "2027Q1")
    show_okrs_report(stage_context(store, "ana", "2027Q1"), form)
    (live,) = shown
    assert "no OKRs saved for 2027Q1 yet" in live.value
    _fill(form, 1, 1)
    assert form.save() is True
    assert "Objective 1" in live.value and "no OKRs saved" not in live.value
    form.objectives[0].text.value = "Objective one, reworded"
    assert form.save() is True
    assert "Objective one, reworded" in live.value
    assert len(shown) == 1


def test_demo_people_load_and_resave_unchanged(demo: Store) -> None:
    for person in DEMO_IDS:
        before = demo.okrs_frame(person, DEMO_QUARTER)
        history = demo.kr_status_frame(person, DEMO_QUARTER)
        support = demo.support_frame(person, DEMO_QUARTER)
        form = OKRForm(demo, person, DEMO_QUARTER)
        assert len(form.objectives) == before["objective"].nunique()
        assert form.save() is True, (person, _html(form))
        assert demo.okrs_frame(person, DEMO_QUARTER).drop(columns="kr_id").equals(before.drop(columns="kr_id"))
        assert len(demo.kr_status_frame(person, DEMO_QUARTER)) == len(history)
        # the same rows, ids, days asked for and days their status changed: the page dropped the ids, so each save
        # deleted the support and added it anew, asked for today
        assert demo.support_frame(person, DEMO_QUARTER).equals(support), person


# -- the notebook ----------------------------------------------------------------------------------------------------
def test_notebook_is_committed_without_outputs_and_with_the_house_parameters() -> None:
    nb = nbformat.read(NOTEBOOKS_DIR / "03_quarterly_okrs.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert params[0].source == 'person = ""\nperiod = ""\ndb = ""\nas_of = ""'  # the page's pickers choose
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    assert nb.cells[0].cell_type == "markdown"


@pytest.mark.slow
@pytest.mark.parametrize("person", DEMO_IDS)
def test_notebook_runs_headless_for_every_demo_person(person: str, demo_master: Path, tmp_path: Path) -> None:
    out = run_notebook(NOTEBOOKS_DIR / "03_quarterly_okrs.ipynb", tmp_path / "out.ipynb",
                       {"person": person, "period": DEMO_QUARTER, "db": str(demo_master),
                        "as_of": DEMO_AS_OF.isoformat()})
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    with Store(demo_master) as s:
        name = s.person(person).name
    assert f"{name}: quarterly OKRs for {DEMO_QUARTER}" in html
    assert "Growth goals for 2026" in html and f"OKRs for {DEMO_QUARTER} as saved" in html
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    state = json.dumps(nb.metadata.get("widgets", {}))
    assert "wb-kr-text" in state and "wb-save" in state


def test_a_deadline_in_the_text_that_is_not_the_target_date_is_flagged_live_and_at_save(store: Store) -> None:
    """Two deadlines leave doubt about when a key result is met: the hint says so as soon as the target date
    and the text's date differ, clears when they agree, and saving warns the same way."""
    form = OKRForm(store, "ana", "2027Q1")
    kr = form.objectives[0].kr_rows[0]
    kr.text.value = "Publish 2 posts on the engineering blog by 15 March"
    assert "Measurable: no doubt" in kr.text.hint.value  # no target date yet: nothing to disagree with
    kr.target.value = dt.date(2027, 3, 1)
    assert "Not measurable yet" in kr.text.hint.value and "target date (2027-03-01) differ" in kr.text.hint.value
    kr.target.value = dt.date(2027, 3, 15)
    assert "Measurable: no doubt" in kr.text.hint.value
    kr.target.value = dt.date(2027, 3, 1)
    form.objectives[0].text.value = "Share what the team learnt"
    assert form.save()
    assert "key result 1.1 is saved but not measurable yet" in form.findings.value and "differ" in form.findings.value
