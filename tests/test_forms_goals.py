"""The growth goals form: loads a plan, keeps the draft beside the agreed goal, coaches live, never caps the
rows itself, and lets the store refuse (saving nothing) a plan past the workbook's limit."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from workbook.core.model import Goal, GrowthPlan, Person
from workbook.forms.goals import GoalsForm
from workbook.store import Store

DS_LADDER = "ladders/data-science.csv"


@pytest.fixture
def wb(tmp_path: Path):
    with Store(tmp_path / "goals.db") as s:
        s.add_person(Person(id="ana", name="Ana Souza", track="Data Science", level="2", ladder=DS_LADDER))
        s.add_person(Person(id="cai", name="Cai Lin"))  # no ladder
        yield s


def text(markup: str) -> str:
    """What a person reads in a widget's HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def plan_of(store: Store, person: str = "ana", year: int = 2027) -> GrowthPlan | None:
    return store.plan(person, year)


def fill(form: GoalsForm, *drafts: str) -> None:
    """Type drafts into the form, adding rows as needed (the report's own wording)."""
    for i, text in enumerate(drafts):
        row = form.rows[i] if i < len(form.rows) else form.add_row()
        row.draft.value = text


def test_a_new_plan_starts_with_one_empty_goal_drafted_by_the_report(wb):
    form = GoalsForm(wb, "ana", 2027)
    assert len(form.rows) == 1 and form.rows[0].is_blank
    assert form.plan_status.value == "draft" and form.drafted_by.value == "employee"
    assert "At most 3 goals" in form.body[0].value
    assert "no goals yet" in form.share.value
    assert "Technical depth (modeling)" in form.rows[0].tags.widget.allowed_tags
    # text typed and not entered never reaches the kernel: the field says how a tag is added
    assert form.rows[0].tags.widget.placeholder == "type a competency, then Enter"
    assert "a tag counts once Enter or a pick adds it" in form.rows[0].tags.title.value


def test_save_writes_draft_and_agreed_wording_side_by_side(wb):
    form = GoalsForm(wb, "ana", 2027)
    form.render()
    fill(form, "Get better at multitasking", "Learn causal inference")
    first, second = form.rows
    first.text.value = "Prioritize requests with my partners so I focus on high-impact work"
    first.feedback.value = "The lever is saying no with a reason"
    first.priority.value = 1
    first.tags.value = ["Prioritization & execution"]
    second.priority.value = 2
    form.save_button.click()
    assert "Saved at" in form.status_line.value, form.findings.value
    plan = plan_of(wb)
    assert plan is not None and plan.status == "draft" and plan.drafted_by == "employee"
    g1, g2 = plan.goals
    assert (g1.draft, g1.text, g1.priority) == (
        "Get better at multitasking", "Prioritize requests with my partners so I focus on high-impact work", 1)
    assert g1.competencies == ["Prioritization & execution"]
    # not agreed yet: the working wording is the draft, kept as both
    assert (g2.draft, g2.text) == ("Learn causal inference", "Learn causal inference")
    assert "2 goals saved for 2027 (draft)" in form.findings.value
    # the feedback typed is the manager's draft, not the plan's (given) feedback, and the form shows it again
    assert (g1.feedback, g2.feedback) == ("", "")
    assert wb.feedback_drafts("ana", 2027) == {1: "The lever is saying no with a reason"}
    again = GoalsForm(wb, "ana", 2027)
    assert [r.feedback.value for r in again.rows] == ["The lever is saying no with a reason", ""]
    assert "only once given" in again.rows[0].feedback.title.value


def test_feedback_typed_in_the_form_is_given_only_by_agreeing_or_giving_it(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Learn causal inference", "Present results")
    form.rows[0].feedback.value = "Name the first analysis you will use it on"
    assert form.save()
    assert plan_of(wb).goals[0].feedback == ""
    form.rows[0].text.value = "Use causal inference on the pricing analysis by June"
    form.rows[1].copy_draft()
    form.rows[1].feedback.value = "Good: say which review"
    assert form.agree_and_save(), form.findings.value
    plan = plan_of(wb)
    assert [g.feedback for g in plan.goals] == ["Name the first analysis you will use it on", "Good: say which review"]
    assert wb.feedback_drafts("ana", 2027) == {}  # agreeing gave both drafts
    assert "given: they read it" in form.rows[0].feedback.title.value
    # a new draft beside the given feedback stays a draft; clearing the field drops the draft, not what was given
    form.rows[0].feedback.value = "Also pair with Cai on it"
    assert form.save()
    assert plan_of(wb).goals[0].feedback == "Name the first analysis you will use it on"
    assert GoalsForm(wb, "ana", 2027).rows[0].feedback.value == "Also pair with Cai on it"
    wb.give_feedback("ana", 2027, 1)
    assert plan_of(wb).goals[0].feedback == "Also pair with Cai on it"
    assert [(d.position, d.state) for d in wb.side_drafts("ana", "feedback")] == [(1, "shared"), (2, "shared")]
    form = GoalsForm(wb, "ana", 2027)
    form.rows[1].feedback.value = ""
    assert form.save()
    assert plan_of(wb).goals[1].feedback == "Good: say which review"
    assert GoalsForm(wb, "ana", 2027).rows[1].feedback.value == "Good: say which review"


def test_an_existing_plan_loads_for_editing(wb):
    wb.save_plan(GrowthPlan(person="ana", year=2027, status="in_discussion", goals=[
        Goal(text="Own the pricing experiments end to end", draft="Run experiments", priority=2,
             feedback="Bigger scope", competencies=["Technical depth (modeling)"]),
        Goal(text="Present results", draft="Present results", priority=1),
    ]))
    form = GoalsForm(wb, "ana", 2027)
    assert form.plan_status.value == "in_discussion"
    assert [r.draft.value for r in form.rows] == ["Run experiments", "Present results"]
    # while in discussion, a wording equal to the draft is not an agreement yet
    assert [r.text.value for r in form.rows] == ["Own the pricing experiments end to end", ""]
    assert form.rows[0].feedback.value == "Bigger scope" and form.rows[0].priority.value == 2
    assert list(form.rows[0].tags.value) == ["Technical depth (modeling)"]
    form.rows[1].text.value = "Present my results at the team review each quarter"
    assert form.agree_and_save()
    plan = plan_of(wb)
    assert plan.status == "agreed"
    assert plan.goals[1].text == "Present my results at the team review each quarter"
    assert plan.goals[1].draft == "Present results"


def test_agreeing_needs_an_agreed_wording_for_every_goal(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Learn causal inference")
    assert not form.agree_and_save()
    assert "agree a wording first" in form.rows[0].text.error.value
    assert form.plan_status.value == "draft"  # the refused agreement is rolled back in the form
    assert plan_of(wb) is None
    form.rows[0].use_draft.click()
    assert form.rows[0].text.value == "Learn causal inference"
    assert form.agree_and_save()
    assert plan_of(wb).status == "agreed"


def test_a_fourth_goal_warns_live_and_the_store_refuses_it_saving_nothing(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Goal one: deepen modelling", "Goal two: present my work", "Goal three: mentor a new hire")
    assert form.save()
    before = wb.count_rows()
    assert form.count_warning.value == ""
    row = form.add_row()  # never capped by the form
    assert len(form.rows) == 4
    assert form.count_warning.value == ""  # an empty row is not a goal yet
    row.draft.value = "Goal four: learn Rust"
    assert "4 goals: this workbook allows at most 3" in form.count_warning.value
    assert not form.save()
    assert "at most 3 annual growth goals" in form.findings.value  # the store's own finding
    assert "refused" in form.status_line.value
    assert wb.count_rows() == before
    assert len(plan_of(wb).goals) == 3
    # dropping one makes it saveable again
    form.remove_row(form.rows[1])
    assert form.count_warning.value == ""
    assert form.save()
    assert [g.draft for g in plan_of(wb).goals] == ["Goal one: deepen modelling", "Goal three: mentor a new hire",
                                                     "Goal four: learn Rust"]


def test_too_many_goals_is_said_with_the_other_fixes(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "One", "Two", "Three", "Four")
    for row in form.rows[:3]:
        row.copy_draft()
    assert not form.agree_and_save()
    assert "agree a wording first" in form.rows[3].text.error.value
    assert "4 goals, at most 3 annual growth goals" in form.findings.value
    assert plan_of(wb) is None


def test_the_limit_is_the_workbooks_not_the_forms(wb):
    wb.set_limit("max_goals", "4")
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "One", "Two", "Three", "Four")
    assert form.count_warning.value == ""
    assert "At most 4 goals" in form.body[0].value
    assert form.save()
    assert len(plan_of(wb).goals) == 4


def test_symptom_goals_get_a_live_reframing_hint(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Multitask better and be more productive")
    hints = form.rows[0].hints.value
    assert "On their draft" in hints and "symptom" in hints
    assert "prioritization and stakeholder management" in hints


def test_a_draft_hint_the_agreed_goal_resolves_is_kept_as_the_reason(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Multitask better and be more productive")
    form.rows[0].text.value = "Agree quarterly priorities with my partners and push back on low-impact requests"
    hints = text(form.rows[0].hints.value)
    assert "On their draft (the agreed goal reframes it)" in hints and "Try:" not in hints
    assert "On the agreed goal" not in hints


def test_no_priority_is_saved_as_none(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Deepen modelling")
    assert form.rows[0].priority.value == 0 and form.rows[0].priority.widget.label == "none"
    assert form.save()
    assert plan_of(wb).goals[0].priority is None


def test_ladder_suggestions_are_three_buttons_that_add_tags_and_move_the_share(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Write clear project documentation that partners use without a meeting", "Learn Rust at weekends")
    buttons = form.rows[0].suggestions.children
    assert 1 <= len(buttons) <= 3
    assert all(b.description.startswith("+ ") for b in buttons)
    assert "only 0 of 2 goals" in form.share.value
    buttons[0].click()
    assert list(form.rows[0].tags.value) == [buttons[0].description[2:]]
    assert "1 of 2 goals (50%)" in form.share.value and "inside the 50-75%" in form.share.value
    buttons[0].click()  # no duplicate tag
    assert len(form.rows[0].tags.value) == 1
    refreshed = form.rows[0].suggestions.children[0]
    assert refreshed.description.startswith("✓ ") and refreshed.disabled  # shown as already tagged



def test_a_goal_the_ladder_s_words_miss_gets_a_guess_said_to_be_one_or_an_honest_nothing(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "qzx vvk", "TDD")
    assert "no competency on the ladder matches these words" in form.rows[0].suggestions.children[0].value
    *buttons, note = form.rows[1].suggestions.children  # the model knows "TDD" from published goals
    assert 1 <= len(buttons) <= 3 and all(b.tooltip == "a guess: add this tag" for b in buttons)
    assert "a guess" in note.value
    buttons[0].click()
    assert list(form.rows[1].tags.value) == [buttons[0].description[2:]]

def test_a_goal_in_another_language_gets_its_suggestions_called_a_guess(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Mejorar mis habilidades de comunicación con el equipo de producto", "成为团队里登录流程的专家")
    for row, why in ((form.rows[0], "this text reads as another language"), (form.rows[1], "most of this text is in another script")):
        notes = [c.value for c in row.suggestions.children if not hasattr(c, "description") or not c.description]
        assert any(f"a guess: {why}, and the suggester reads English" in n for n in notes), notes
    fill(form, "Write clear project documentation that partners use without a meeting")
    assert not any("reads English" in getattr(c, "value", "") for c in form.rows[0].suggestions.children)


def test_a_saved_tag_the_ladder_does_not_know_shows_and_is_refused_next_to_the_tags(wb):
    wb.save_plan(GrowthPlan(person="ana", year=2027, goals=[
        Goal(text="Grow as a leader", competencies=["Wizardry", "prioritization & EXECUTION"])]))
    form = GoalsForm(wb, "ana", 2027)
    row = form.rows[0]
    assert list(row.tags.value) == ["Wizardry", "Prioritization & execution"]  # ladder spelling restored
    before = wb.count_rows()
    assert not form.save()
    assert "'Wizardry' is not a competency on track 'Data Science'" in text(row.tags.error.value)
    assert wb.count_rows() == before
    assert plan_of(wb).goals[0].competencies == ["Wizardry", "prioritization & EXECUTION"]
    row.tags.value = ["Prioritization & execution"]
    assert form.save()
    assert plan_of(wb).goals[0].competencies == ["Prioritization & execution"]


def test_without_a_ladder_tags_are_free_and_no_suggestions_show(wb):
    form = GoalsForm(wb, "cai", 2027)
    assert "no career ladder" in form.body[0].value
    fill(form, "Grow as a leader")
    assert "no ladder" in form.rows[0].suggestions.children[0].value
    form.rows[0].tags.value = ["Leadership"]
    assert form.save()
    assert plan_of(wb, "cai").goals[0].competencies == ["Leadership"]


def test_a_too_long_goal_is_shown_next_to_that_goal(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Fine", "x" * 20_001)
    assert not form.save()
    assert form.rows[0].draft.error.value == "" and form.rows[0].text.error.value == ""
    assert "at most 20000" in form.rows[1].text.error.value
    assert plan_of(wb) is None


def test_manager_drafted_plans_are_flagged(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Own the pricing roadmap")
    form.drafted_by.value = "manager"
    assert "asks the report to draft" in form.plan_hints.value
    assert form.save()
    assert "asks the report to draft" in form.findings.value  # the rule's warning, saved anyway
    assert plan_of(wb).drafted_by == "manager"


def test_typed_text_never_becomes_markup_in_hints(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "<img src=x onerror=alert(1)> multitask more")
    assert "<img" not in form.rows[0].hints.value
    assert "&lt;img" in form.rows[0].hints.value


def test_saved_plan_refreshes_the_report(wb):
    form = GoalsForm(wb, "ana", 2027)
    fill(form, "Deepen modelling")
    seen = []
    form.on_saved.append(seen.append)
    assert form.save()
    assert len(seen) == 1 and seen[0].goals[0].draft == "Deepen modelling"


def test_the_labels_say_who_wrote_what_and_the_limits_as_the_plan_stands(wb):
    form = GoalsForm(wb, "ana", 2027)
    row = form.rows[0]
    assert "written by the report" in text(row.draft.title.value)
    assert [v for _label, v in row.priority.widget.options] == [0, 1, 2, 3]  # the limit is 3 goals, not 9
    assert form.add_button.description == "Add goal"  # its icon is the plus
    form.drafted_by.value = "manager"
    assert "your first draft" in text(row.draft.title.value)
    row.text.value = "Lead the pricing model review"
    form.plan_status.value = "agreed"
    assert "the wording you agreed" in text(row.text.title.value)


def test_a_new_plan_starts_from_the_drafts_the_report_shared(tmp_path):
    """The report drafts, the manager supplements: the shared drafts were listed above an empty form."""
    from workbook.core.model import Person

    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="ravi", name="Ravi Menon"))
        store.save_draft("ravi", "goal", 2027, 1, {"text": "Become the go-to person for our retry logic"})
        store.share_draft("ravi", "goal", 2027, 1)
        store.save_draft("ravi", "goal", 2027, 2, {"text": "Learn ML engineering"})  # not shared: stays theirs
        store.save_draft("ravi", "feedback", 2027, 1, {"text": "Which service, by when?"})  # the manager's draft
        form = GoalsForm(store, "ravi", 2027)
        assert [r.feedback.value for r in form.rows] == ["Which service, by when?"]
        assert [r.draft.value for r in form.rows] == ["Become the go-to person for our retry logic"]
        assert [r.text.value for r in form.rows] == [""]  # the agreed wording is written together
        assert "Started from the 1 draft Ravi Menon shared with you" in text(form.body[0].value)
        assert store.plan("ravi", 2027) is None  # nothing saved until saved
        form.rows[0].text.value = "Own the retry logic end to end by June"
        assert form.save()
        again = GoalsForm(store, "ravi", 2027)
        assert [r.draft.value for r in again.rows] == ["Become the go-to person for our retry logic"]
        assert "Started from" not in text(again.body[0].value)  # the plan exists now: it is what loads


def test_removing_a_goal_names_the_objectives_it_unlinks_and_the_others_follow_their_goal(wb):
    """Removing goal 2 left an objective of goal 2 pointing at the goal that took its place and one of goal 3 at
    nothing, and the question said nothing of objectives (found by a helper in the app). The question now names
    them; saving unlinks the removed goal's objectives and moves the others with their goal, in every quarter."""
    from workbook.core.model import QuarterOKRs

    wb.save_plan(GrowthPlan(person="cai", year=2027, goals=[Goal(text="Ship the rota"), Goal(text="Run the guild"),
                                                              Goal(text="Grow as a mentor")]))
    for quarter in ("2027Q1", "2027Q2"):
        wb.save_okrs(QuarterOKRs(person="cai", quarter=quarter, objectives=[
            {"text": "Guild talks", "goal": 2, "key_results": [{"text": "Give 2 talks"}]},
            {"text": "Mentoring", "goal": 3, "key_results": [{"text": "Pair with 2 new hires"}]}]))
    form = GoalsForm(wb, "cai", 2027)
    row = form.rows[1]
    row.remove.click()
    assert text(row.question.children[0].value).startswith(
        "Remove this goal? Saving then deletes it from the plan (its words stay in the history) and unlinks objective "
        "1 of 2027Q1, objective 1 of 2027Q2, which name it as their goal.")
    form.remove_row(row)
    assert form.save()
    assert [g.text for g in plan_of(wb, "cai").goals] == ["Ship the rota", "Grow as a mentor"]
    for quarter in ("2027Q1", "2027Q2"):
        okrs = wb.okrs("cai", quarter)
        assert [(o.text, o.goal) for o in okrs.objectives] == [("Guild talks", None), ("Mentoring", 2)], quarter
    logged = [(c.label, [(f.field, f.old, f.new) for f in c.fields]) for c in wb.history("cai") if c.record == "objective"
              and c.action == "edit"]
    assert ("objective 2 of 2027Q2", [("goal", "3", "2")]) in logged and ("objective 1 of 2027Q1", [("goal", "2", None)]) in logged
