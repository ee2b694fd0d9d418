"""The annual growth goals form: the report's draft beside the agreed goal, with live coaching and the ladder share.

The form never caps the number of goals itself (limits are per workbook): past the limit it warns
while you type, and at save the store refuses the plan with its finding and nothing is written.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..coaching import check_goals, frame_goal
from ..coaching.ladders import (
    match_competency,
    person_ladder,
    suggest_competencies,
    suggestion_note,
    validate_tags,
)
from ..core.errors import WorkbookError
from ..core.labels import plural
from ..core.model import GrowthPlan, kept_texts
from ..core.rules import Finding, check_plan
from ..render.goals import coverage_html, goal_context_html, goals_report_html, share_html
from ..stages.context import StageContext
from ..stages.goals import objectives_of_goal, plan_ladder_share
from ..store import Store
from .base import FIT_WIDTH, PROSE_CLASS, Field, Form, choice_field, escape, line_with_buttons, message_html
from .live import Saves, show_live
from .records import ask_once

__all__ = ["GoalsForm", "GoalRow"]

_STATUS_LABELS = [("draft", "draft"), ("in discussion", "in_discussion"), ("agreed", "agreed")]
# narrows in a narrow notebook (the agreed goal beside "Use their draft") instead of being cut at the right
_AREA = {"width": "460px", "height": "64px", "min_width": "0", "max_width": FIT_WIDTH}


def _area(value: str, placeholder: str) -> widgets.Textarea:
    area = widgets.Textarea(value=value or "", placeholder=placeholder, continuous_update=False,
                            layout=widgets.Layout(**_AREA))
    area.add_class(PROSE_CLASS)
    return area


def _try(reframe: str) -> str:
    return f'<div style="color:#555;margin:0 0 4px 18px;line-height:1.4"><small>Try: {escape(reframe)}</small></div>'


class GoalRow:
    """One goal in the form: the report's draft, the agreed wording, feedback, priority, competency tags,
    the ladder's top-3 suggestions (click to add) and framing hints, all updated live."""

    def __init__(self, form: GoalsForm, index: int, *, draft: str = "", text: str = "", feedback: str = "",
                 priority: int | None = None, competencies: list[str] | None = None, given: str = "",
                 goal_id: int | None = None) -> None:
        self.form = form
        self.key = index  # stable id for field names; the shown number is the row's place in the list
        self.given = given  # the feedback already given on this goal (the report reads it); ``feedback`` shows a draft
        self.goal_id = goal_id  # the saved goal this row edits (its given feedback follows it), None for a new one
        self.header = widgets.HTML()
        self.draft = Field(f"goal{index}.draft", "Their draft", _area(draft, "In the report's own words"),
                           help="written by the report", field="goal.draft")
        self.text = Field(f"goal{index}.text", "Agreed goal", _area(text, "The wording you agree together"),
                          help="empty until you agree", field="goal.text")
        self.use_draft = widgets.Button(description="Use their draft", icon="copy", layout=widgets.Layout(width="auto"),
                                        tooltip="Copy the report's draft into the agreed goal")
        self.feedback = Field(f"goal{index}.feedback", "Your feedback", _area(feedback, "What you would change and why"),
                              field="goal.feedback")
        self.feedback.widget.layout.height = "84px"
        self.refresh_feedback_help()
        # 0 stands for "no priority yet": a Dropdown shows a None value as an empty box
        # one priority per goal the limit allows (a saved one above it stays visible, to be changed)
        top = max(form.store.limits().max_goals, priority or 0, 1)
        options = [("none", 0)] + [(str(i), i) for i in range(1, top + 1)]
        self.priority = Field(f"goal{index}.priority", "Priority", widgets.Dropdown(
            options=options, value=priority if priority in range(1, top + 1) else 0, layout=widgets.Layout(width="90px")))
        allowed = form.competencies
        value = [form.ladder_spelling(t) for t in dict.fromkeys(competencies or [])]
        # A saved tag the ladder no longer knows stays visible (so it can be seen and removed); saving
        # refuses it next to the tags. TagsInput would otherwise refuse to show it at all.
        stale = [t for t in value if allowed and t not in allowed]
        tags = widgets.TagsInput(value=value, allowed_tags=[*allowed, *stale], allow_duplicates=False,
                                 placeholder="type a competency, then Enter", layout=widgets.Layout(width="460px"))
        # the widget keeps text typed and not entered in the browser, and saving never sees it: say so up front
        self.tags = Field(f"goal{index}.competencies", "Competencies", tags,
                          help=("from the ladder; a tag counts once Enter or a pick adds it" if allowed
                                else "no ladder: free tags; a tag counts once Enter adds it"))
        self.suggestions = widgets.HBox([], layout=widgets.Layout(flex_flow="row wrap"))
        self.hints = widgets.HTML()
        self.remove = widgets.Button(description="Remove goal", icon="trash", layout=widgets.Layout(width="auto"))
        self.use_draft.on_click(lambda _b: self.copy_draft())
        self.question = widgets.HBox([])
        self.remove.on_click(lambda _b: form.remove_row(self) if self.is_blank else ask_once(
            self.question, self.remove_question(), "Remove", lambda: form.remove_row(self)))
        for f in (self.draft, self.text):
            f.widget.observe(lambda _c: form.refresh(), names="value")
        self.tags.widget.observe(self._on_tags, names="value")
        self.feedback.widget.observe(lambda _c: self.refresh_feedback_help(), names="value")
        self.box = widgets.VBox([
            self.header, self.draft.box, line_with_buttons(self.text.box, [self.use_draft]), self.feedback.box,
            self.priority.box, self.tags.box,
            widgets.HBox([widgets.HTML('<small style="color:#555">Ladder suggests:</small>',
                                       layout=widgets.Layout(width="170px")), self.suggestions]),
            self.hints, widgets.HBox([self.remove]), self.question,
        ], layout=widgets.Layout(border="1px solid #dee2e6", padding="6px", margin="6px 0"))

    def remove_question(self) -> str:
        """What removing this goal does, the objectives it unlinks named (a closed quarter's too)."""
        linked = objectives_of_goal(self.form.store, self.form.person.id, self.form.year, self.goal_id)
        unlinks = f" and unlinks {', '.join(linked)}, which name it as their goal" if linked else ""
        return f"Remove this goal? Saving then deletes it from the plan (its words stay in the history){unlinks}."

    def _on_tags(self, _change: Any) -> None:
        self.form.refresh_share()
        self._refresh_suggestions()

    @property
    def fields(self) -> list[Field]:
        return [self.draft, self.text, self.feedback, self.priority, self.tags]

    @property
    def is_blank(self) -> bool:
        return not (self.draft.value.strip() or self.text.value.strip() or self.feedback.value.strip())

    @property
    def wording(self) -> str:
        """The text the coaching looks at: the agreed goal, else the draft."""
        return self.text.value.strip() or self.draft.value.strip()

    def refresh_feedback_help(self) -> None:
        """Say whether the feedback shown is given (the report reads it) or a draft only you see until given."""
        typed = str(self.feedback.value).strip()
        given = bool(typed) and typed == self.given.strip()
        self.feedback.set_help("given: they read it on their page" if given else
                               "a draft: they see it only once given ('Give feedback' above, or agreeing the plan)")

    def copy_draft(self) -> None:
        self.text.value = self.draft.value

    def add_tag(self, competency: str) -> None:
        if competency not in self.tags.value:
            self.tags.value = [*self.tags.value, competency]

    def refresh(self, number: int) -> None:
        self.header.value = f'<b style="font-size:1.05em">Goal {number}</b>'
        self._refresh_suggestions()
        self._refresh_hints()

    def _refresh_suggestions(self) -> None:
        buttons: list[widgets.Widget] = []
        if self.form.ladder is not None and self.wording:
            try:
                found = suggest_competencies(self.wording, self.form.ladder, track=self.form.person.track or None, top=3)
            except WorkbookError:
                found = []
            for s in found:
                tagged = s.competency in self.tags.value
                hint = f"score {s.score:.2f}: add this tag" if s.basis == "words" else "a guess: add this tag"
                b = widgets.Button(description=f"{'✓' if tagged else '+'} {s.competency}", disabled=tagged,
                                   tooltip="already tagged" if tagged else hint, layout=widgets.Layout(width="auto"))
                b.on_click(lambda _b, c=s.competency: self.add_tag(c))
                buttons.append(b)
            if note := suggestion_note(found, self.wording):  # beside the buttons, or alone when none came
                buttons.append(widgets.HTML(f'<small style="color:#777">{escape(note)}</small>'))
        if not buttons:
            note = "no ladder for this person" if self.form.ladder is None else "write the goal to see suggestions"
            buttons = [widgets.HTML(f'<small style="color:#777">{escape(note)}</small>')]
        self.suggestions.children = buttons

    def _refresh_hints(self) -> None:
        agreed = frame_goal(self.text.value) if self.text.value.strip() else []
        draft = frame_goal(self.draft.value) if self.draft.value.strip() else []
        open_codes = {h.code for h in agreed}
        parts = []
        for hint in draft:
            if self.text.value.strip() and hint.code not in open_codes:
                # the agreed wording no longer has this problem: keep it as the reason for the reframing
                parts.append(message_html("info", f"On their draft (the agreed goal reframes it): {hint.message}"))
                continue
            parts.append(message_html("warning", f"On their draft: {hint.message}"))
            if hint.reframe:
                parts.append(_try(hint.reframe))
        for hint in agreed:
            parts.append(message_html("warning", f"On the agreed goal: {hint.message}"))
            if hint.reframe:
                parts.append(_try(hint.reframe))
        self.hints.value = "".join(parts)


class GoalsForm(Form):
    """Edit one person's growth plan for ``year`` (loads the saved plan when there is one). Save keeps
    the chosen status; "Agree and save" marks the plan agreed and gives the feedback typed, then saves. The store checks the
    workbook's limits inside one transaction: a refusal shows in the findings panel and nothing is saved.
    """

    title = "Annual growth goals"
    save_label = "Save"

    def __init__(self, store: Store, person_id: str, year: int) -> None:
        super().__init__()
        self.store = store
        self.person = store.person(person_id)
        self.year = int(year)
        self.limits = store.limits()
        self.ladder, self.ladder_note = person_ladder(self.person, store.ladder_folders())
        self.competencies: list[str] = (self.ladder.competencies(self.person.track or None)
                                        if self.ladder is not None else [])
        self.title = f"{self.person.name}: growth goals for {self.year}"
        plan = store.plan(person_id, self.year)
        self.loaded = plan
        self.plan_status = self.add(choice_field("status", "Status", _STATUS_LABELS, plan.status if plan else "draft",
                                            toggle=True, help="agreed: you both sign up"))
        self.drafted_by = self.add(choice_field("drafted_by", "Drafted by", [("the report", "employee"),
                                                                           ("me (manager)", "manager")],
                                                plan.drafted_by if plan else "employee", toggle=True,
                                                help="the practice: the report drafts"))
        self.rows: list[GoalRow] = []
        self._next_key = 0
        self._model_rows: list[GoalRow] = []
        self._giving = False
        # the feedback field shows your draft on a goal (not given yet), else the feedback given on it
        drafts = store.feedback_drafts(person_id, self.year)
        for pos, g in enumerate(plan.goals if plan else [], 1):
            # While not agreed, a wording equal to the draft is the draft, not an agreement.
            agreed = "" if plan and plan.status != "agreed" and g.draft and g.text == g.draft else g.text
            self._append_row(draft=g.draft or ("" if agreed else g.text), text=agreed,
                             feedback=drafts.get(g.position or pos) or g.feedback, given=g.feedback, goal_id=g.id,
                             priority=g.priority, competencies=list(g.competencies))
        self.prefilled = 0
        if plan is None:  # no plan yet: start from the drafts the report shared, in their own words
            for d in sorted(store.side_drafts(person_id, "goal", self.year, state="shared"), key=lambda d: d.position):
                if d.text.strip() and len(self.rows) < max(self.limits.max_goals, 1):
                    self._append_row(draft=d.text, feedback=drafts.get(d.position, ""))  # with your feedback draft
                    self.prefilled += 1
        if not self.rows:
            self._append_row()
        self.rows_box = widgets.VBox([r.box for r in self.rows])
        self.add_button = widgets.Button(description="Add goal", icon="plus", layout=widgets.Layout(width="auto"))
        self.add_button.on_click(lambda _b: self.add_row())
        self.agree_button = widgets.Button(description="Agree and save", button_style="success", icon="handshake-o",
                                           layout=widgets.Layout(width="auto"))
        self.agree_button.on_click(lambda _b: self.agree_and_save())
        self.count_warning = widgets.HTML()
        self.share = widgets.HTML()
        self.plan_hints = widgets.HTML()
        intro = widgets.HTML(
            f'<p style="color:#555;margin:2px 0;line-height:1.4">At most {self.limits.max_goals} goals a year (this workbook\'s '
            f"limit). The report drafts; you give feedback and agree the wording and priorities together.</p>"
            + (f'<p style="color:#1f5f8b;margin:2px 0;line-height:1.4">Started from the {plural(self.prefilled, "draft")} '
               f"{escape(self.person.name)} shared with you (their words, under <i>Their draft</i>); nothing is saved "
               "until you save.</p>" if self.prefilled else "")
            + (f'<p style="color:#8a5a00;margin:2px 0;line-height:1.4">{escape(self.ladder_note)}</p>' if self.ladder_note else ""))
        self.plan_status.widget.observe(lambda _c: self.refresh_plan_hints(), names="value")
        self.drafted_by.widget.observe(lambda _c: self.refresh_plan_hints(), names="value")
        self.body = [intro, self.plan_status.box, self.drafted_by.box, self.rows_box, widgets.HBox([self.add_button]),
                     self.count_warning,
                     self.share, self.plan_hints]
        self.refresh()

    def render(self) -> widgets.VBox:
        box = super().render()
        box.children = [*box.children[:-1], widgets.HBox([self.save_button, self.agree_button, self.status_line])]
        return box

    def ladder_spelling(self, tag: str) -> str:
        """The ladder's spelling of a saved tag (case and punctuation may differ), else the tag as saved."""
        if self.ladder is None:
            return tag
        return match_competency(tag, self.ladder, self.person.track or None) or tag

    # -- rows -----------------------------------------------------------------------------------------
    def _append_row(self, **values: Any) -> GoalRow:
        row = GoalRow(self, self._next_key, **values)
        self._next_key += 1
        self.rows.append(row)
        for f in row.fields:
            self.add(f)
        return row

    def add_row(self) -> GoalRow:
        """Add an empty goal row (never capped: the limit is a warning here and a refusal at save)."""
        row = self._append_row()
        self.rows_box.children = [r.box for r in self.rows]
        self.refresh()
        return row

    def remove_row(self, row: GoalRow) -> None:
        self.rows.remove(row)
        for f in row.fields:
            self.fields.pop(f.name, None)
        if not self.rows:
            self._append_row()
        self.rows_box.children = [r.box for r in self.rows]
        self.refresh()

    @property
    def goal_rows(self) -> list[GoalRow]:
        """Rows with something written in them (blank rows are empty slots, not goals)."""
        return [r for r in self.rows if not r.is_blank]

    # -- live coaching --------------------------------------------------------------------------------
    def refresh(self) -> None:
        for number, row in enumerate(self.rows, 1):
            row.refresh(number)
        self.refresh_count()
        self.refresh_share()
        self.refresh_plan_hints()

    def refresh_count(self) -> None:
        n, limit = len(self.goal_rows), self.limits.max_goals
        if n > limit:
            self.count_warning.value = message_html(
                "warning", f"{n} goals: this workbook allows at most {limit} a year, so saving will be refused. "
                           "Merge two or drop the one that matters least (less is more).")
        else:
            self.count_warning.value = ""

    def refresh_share(self) -> None:
        tags = [list(r.tags.value) for r in self.goal_rows]
        share = plan_ladder_share(tags, self.limits, ladder=self.ladder, track=self.person.track or None)
        self.share.value = share_html(share)

    def refresh_plan_hints(self) -> None:
        parts = []
        texts = [r.wording for r in self.goal_rows]
        if texts:
            for hint in check_goals(texts, max_goals=max(self.limits.max_goals, 1)):
                if hint.code == "duplicate_goal":
                    parts.append(message_html("warning", hint.message))
        if self.drafted_by.value == "manager":
            parts.append(message_html("warning", "The practice asks the report to draft their own goals (ownership); "
                                                 "you give feedback and agree the final version."))
        for row in self.rows:  # the labels say who wrote what, as the plan now stands
            row.draft.set_help("written by the report" if self.drafted_by.value == "employee" else "your first draft")
            row.text.set_help("the wording you agreed" if self.plan_status.value == "agreed" and row.text.value.strip()
                              else "empty until you agree")
        self.plan_hints.value = "".join(parts)
        self.refresh_count()

    # -- saving ---------------------------------------------------------------------------------------
    def agree_and_save(self) -> bool:
        """Mark the plan agreed and save, giving the feedback typed; on a refusal the status goes back."""
        before = self.plan_status.value
        self.plan_status.value = "agreed"
        self._giving = True  # agreeing gives the feedback typed (the report reads it from now on)
        try:
            ok = self.save()
        finally:
            self._giving = False
        if not ok:
            self.plan_status.value = before
        return ok

    def pre_check(self) -> list[Finding]:
        out: list[Finding] = []
        agreeing = self.plan_status.value == "agreed"
        for number, row in enumerate(self.rows, 1):
            if row.is_blank:
                continue
            if not row.draft.value.strip() and not row.text.value.strip():
                row.text.set_error("write the goal (the report's draft or the agreed wording)")
                out.append(Finding("error", "goal_missing", f"goal {number} has feedback but no goal"))
            elif agreeing and not row.text.value.strip():
                row.text.set_error("agree a wording first (or click 'Use their draft')")
                out.append(Finding("error", "not_agreed", f"goal {number} has no agreed wording; "
                                                          "an agreed plan needs one for every goal"))
            if self.ladder is not None and row.tags.value:
                bad = validate_tags(row.tags.value, self.ladder, self.person.track or None)
                if bad:
                    row.tags.set_error("; ".join(f.message for f in bad))
                    out.append(Finding("error", "unknown_competency", f"goal {number}: {bad[0].message}"))
        if out and len(self.goal_rows) > self.limits.max_goals:
            # the store would refuse this too: say so now rather than after the other fixes
            wordings = [r.wording for r in self.goal_rows]
            out += [f for f in check_plan(self.person.id, self.year, wordings, self.drafted_by.value, self.limits)
                    if f.code == "too_many_goals"]
        return out

    def build_model(self) -> GrowthPlan:
        self._model_rows = self.goal_rows
        goals = []
        for row in self._model_rows:
            draft, agreed = row.draft.value.strip(), row.text.value.strip()
            # the plan keeps only the feedback already given; what is typed is saved as your draft (see write)
            goals.append({"text": agreed or draft, "draft": draft, "feedback": row.given, "id": row.goal_id,
                          "priority": row.priority.value or None, "competencies": list(row.tags.value)})
        kept = kept_texts(self.store.plan(self.person.id, self.year))  # as stored: not refused (decision 0019)
        return GrowthPlan.model_validate({"person": self.person.id, "year": self.year, "drafted_by": self.drafted_by.value,
                                          "status": self.plan_status.value, "goals": goals}, context={"kept": kept})

    def write(self, model: GrowthPlan) -> list[Finding]:
        typed = {pos: str(row.feedback.value) for pos, row in enumerate(self._model_rows, 1)}
        warnings = self.store.save_plan_drafting_feedback(model, typed, give=self._giving)
        self.loaded = self.store.plan(self.person.id, self.year)
        for row, goal in zip(self._model_rows, self.loaded.goals if self.loaded else [], strict=False):
            row.goal_id, row.given = goal.id, goal.feedback  # saving wrote the goals anew
            row.refresh_feedback_help()
        n = len(model.goals)
        return [*warnings, Finding("info", "saved_plan",
                                   f"{n} goal{'s' if n != 1 else ''} saved for {self.year} ({model.status.replace('_', ' ')}).")]

    def field_for_error(self, loc: tuple[Any, ...]) -> Field | None:
        if len(loc) >= 3 and loc[0] == "goals" and isinstance(loc[1], int) and loc[1] < len(self._model_rows):
            row = self._model_rows[loc[1]]
            return {"text": row.text, "draft": row.draft, "feedback": row.feedback, "priority": row.priority,
                    "competencies": row.tags}.get(str(loc[2]), row.text)
        return super().field_for_error(loc)


# -- the stage's live reports -------------------------------------------------------------------------------
def show_goal_context(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the references for drafting: motivations, last review, pulls, next-level expectations."""
    show_live(lambda: goal_context_html(ctx.store, ctx.person_id, ctx.year, ctx.as_of), form)


def show_goals_report(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the side-by-side table and the ladder share; refreshed each time ``form`` saves."""
    show_live(lambda: goals_report_html(ctx.store, ctx.person_id, ctx.year), form)


def show_coverage_chart(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the next-level coverage chart (or why there is none); redrawn each time ``form`` saves."""
    show_live(lambda: coverage_html(ctx.store, ctx.person_id, ctx.year), form)
