"""The quarterly OKR form: objectives linked to the year's growth goals, measurable key results, support needed.

The form loads a person's OKRs for a quarter (or starts with one empty objective), lets the manager and
the report edit them together, and saves them with :meth:`Store.save_okrs` (matched by position, so the
check-in history of a key result survives edits of its wording). Rows are never hard-capped: the
workbook's limits are configurable, so past a limit the form shows a live warning and, at save, the
store refuses with its finding and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from ..coaching import LOW_CONFIDENCE
from ..coaching.kr_dates import check_key_result_dates, check_key_result_in_quarter, fill_target_dates
from ..core.errors import NotFound, WorkbookError
from ..core.model import SUPPORT_STATUSES, KRRef, QuarterOKRs, check_quarter, kept_texts, next_quarter
from ..core.rules import Finding
from ..render.okrs import okr_context_html, okrs_report_html
from ..stages.context import StageContext
from ..store import Store
from .base import (
    Field,
    Form,
    date_field,
    escape,
    field_badge,
    findings_html,
    message_html,
    prose_area,
    text_field,
)
from .live import Saves, show_live
from .records import ask_once

__all__ = ["OKRForm", "kr_feedback_html", "CSS_CLASSES"]

# Stable class names for browser tests and styling; documented in OKRForm's docstring.
CSS_CLASSES = {
    "objective_text": "wb-objective-text",
    "kr_text": "wb-kr-text",
    "kr_feedback": "wb-kr-feedback",
    "save": "wb-save",
    "findings": "wb-findings",
    "status": "wb-status",
    "limit_warning": "wb-limit-warning",
    "add_objective": "wb-add-objective",
    "add_kr": "wb-add-kr",
}

_EMPTY_KR_HINT = ('<div style="color:#666;margin-left:170px;line-height:1.4"><small>Write what will exist or happen and how anyone '
                  "could tell it is done: there should be no doubt whether it was met.</small></div>")
_ROW_WIDTH = "680px"  # the widest an input gets: wider lines are hard to read
_KR_WIDTH = "657px"  # a key result's box is indented 23px: its inputs end where the objective's do
_NO_GOAL = "— not linked to a growth goal —"
_NO_GOAL_VALUE = 0  # a Dropdown shows a None value as "nothing selected", so "not linked" is 0 in the widget


def kr_feedback_html(text: str, quarter: str | None = None, target_date: dt.date | None = None) -> str:
    """Live measurability feedback for one key result: verdict, reasons and a suggestion, all escaped. With
    ``quarter``, a deadline in the text outside the quarter counts against it (a moved key result's "by 15 March"),
    and so does a deadline in the text that is not ``target_date``."""
    if not str(text or "").strip():
        return _EMPTY_KR_HINT
    try:
        verdict = check_key_result_in_quarter(text, quarter, target_date) if quarter else check_key_result_dates(text)
    except WorkbookError as exc:  # the checker refuses odd input with a message; show it, never raise
        return f'<div style="margin-left:170px;line-height:1.4">{message_html("warning", str(exc))}</div>'
    if verdict.measurable and verdict.confidence >= LOW_CONFIDENCE:
        head = message_html("ok", "Measurable: no doubt whether it is met.")
    elif verdict.measurable:  # the checker is unsure: say so rather than promise "no doubt"
        head = message_html("warning", "Probably measurable, but it could be read either way.")
    else:
        head = message_html("warning", "Not measurable yet: someone could argue whether it was met.")
    reasons = "".join(f"<li>{escape(r)}</li>" for r in verdict.reasons)
    out = f'<div style="margin-left:170px;font-size:90%;line-height:1.4">{head}<ul style="margin:0 0 2px 18px;padding:0">{reasons}</ul>'
    if verdict.suggestion:
        out += f'<div style="color:#444"><i>Suggestion:</i> {escape(verdict.suggestion)}</div>'
    return out + "</div>"


def _button(label: str, css: str = "", tooltip: str = "", style: str = "") -> widgets.Button:
    b = widgets.Button(description=label, tooltip=tooltip or label, button_style=style,
                       layout=widgets.Layout(width="auto"))
    if css:
        b.add_class(css)
    return b


class _SupportRow:
    """Who will help with a key result, and with what; tracked later as a commitment."""

    def __init__(self, on_remove: Any, who: str = "", what: str = "", status: str = "requested",
                 due: dt.date | None = None, id: int | None = None) -> None:
        self.id = id
        fixed = {"flex": "0 0 auto"}  # only "what" gives way when the notebook is narrow (Lab with the file browser open)
        self.who = widgets.Text(value=who, placeholder="who (e.g. tech lead)", layout=widgets.Layout(width="140px", **fixed))
        self.what = widgets.Text(value=what, placeholder="what (e.g. design review)", tooltip=what or None,
                                 layout=widgets.Layout(width="auto", flex="1 1 200px", min_width="140px"))
        # a long "what" is cut in a narrow row: hovering shows all of it
        self.what.observe(lambda ch: setattr(self.what, "tooltip", ch["new"] or None), names="value")
        self.due = widgets.DatePicker(value=due, layout=widgets.Layout(width="135px", **fixed))
        self.status = widgets.Dropdown(options=list(SUPPORT_STATUSES), value=status,
                                       layout=widgets.Layout(width="108px", **fixed))
        self.remove = widgets.Button(description="✕", tooltip="remove this support",
                                     layout=widgets.Layout(width="32px", min_width="32px", padding="0", **fixed))
        self.question = widgets.HBox([])
        self.remove.on_click(lambda _b: on_remove(self) if self.id is None else ask_once(
            self.question, "Remove this support? Saving then deletes it.", "Remove", lambda: on_remove(self)))
        self.field = Field("support", "Support needed",
                           widgets.HBox([self.who, self.what, self.due, self.status, self.remove],
                                        layout=widgets.Layout(flex="1 1 auto", min_width="0", max_width=_KR_WIDTH,
                                                              flex_flow="row wrap")),
                           "who, what, by when", field="support.what")
        self.who.add_class("wb-support-who")
        self.what.add_class("wb-support-what")
        self.box = widgets.VBox([self.field.box, self.question])

    def is_blank(self) -> bool:
        return not self.who.value.strip() and not self.what.value.strip() and self.due.value is None

    def data(self) -> dict[str, Any]:
        # with its id: the store keeps the row (the day it was asked for, the day its status changed); without it
        # every save of the page deleted the quarter's support and added it anew, asked for today
        return {"who": self.who.value, "what": self.what.value, "status": self.status.value, "due": self.due.value,
                "id": self.id}


class _KRRow:
    """One key result: text with live measurability feedback, target date, support needed."""

    def __init__(self, form: OKRForm, text: str = "", target_date: dt.date | None = None, support: list | None = None,
                 outcome: str | None = None, outcome_note: str = "", id: int | None = None,
                 moved_from: KRRef | None = None) -> None:
        self.form = form
        self.id = id
        self.outcome, self.outcome_note = outcome, outcome_note  # kept as they are: set at quarter close
        self.moved_from = moved_from  # kept as it is: the earlier quarter's key result this one continues
        self.title = widgets.HTML()
        self.remove = _button("✕ Remove key result", tooltip="remove this key result")
        self.question = widgets.HBox([])
        self.remove.on_click(lambda _b: self._ask_remove())
        # a saved key result still open can move to the next quarter (mid-quarter or at its close)
        self.move = _button(f"→ Move to {next_quarter(form.quarter)}", "wb-kr-move",
                            "continue this key result next quarter; its check-ins stay in this one")
        self.move.layout.display = "" if id is not None and outcome in (None, "") else "none"
        self.move.on_click(lambda _b: ask_once(
            self.question, f"Move it to {next_quarter(form.quarter)}? Its check-ins stay in {form.quarter}, where it ends "
            "as carried over.", "Move", lambda: form.move_key_result(self), icon="arrow-right"))
        self.text = text_field("kr_text", "Key result", text, placeholder="specific and measurable: no doubt "
                               "whether it is met", area=True, rows=2, width=_KR_WIDTH,
                               field="key_result.text")
        self.text.widget.add_class(CSS_CLASSES["kr_text"])
        self.text.hint.add_class(CSS_CLASSES["kr_feedback"])
        self.target = date_field("target_date", "Target date", target_date)
        self.text.widget.observe(self._on_text, names="value")
        self.target.widget.observe(lambda _ch: self._on_text({"new": self.text.value}), names="value")
        self._on_text({"new": text})
        self.support_rows: list[_SupportRow] = []
        self.support_box = widgets.VBox([])
        self.add_support = _button("+ Add support", "wb-add-support", "who will help, with what")
        self.add_support.on_click(lambda _b: self.add_support_row())
        for s in support or []:
            self.add_support_row(s.who, s.what, s.status, s.due, s.id)
        if not self.support_rows:
            self.add_support_row()
        self.box = widgets.VBox([widgets.HBox([self.title, self.remove, self.move]), self.question, self.text.box,
                                 self.target.box,
                                 self.support_box, widgets.HBox([self.add_support],
                                                                layout=widgets.Layout(margin="0 0 0 170px"))],
                                layout=widgets.Layout(border_left="3px solid #c9d7e8", padding="2px 0 4px 8px",
                                                      margin="4px 0 4px 12px"))
        self.box.add_class("wb-kr")

    def _on_text(self, change: dict[str, Any]) -> None:
        self.text.set_hint(kr_feedback_html(change["new"], self.form.quarter, self.target.value))

    def _ask_remove(self) -> None:
        if self.id is None:  # not saved yet: nothing to lose
            self.form.remove_key_result(self)
            return
        ask_once(self.question, "Remove this key result? Saving then deletes it with its support and check-in statuses.",
                 "Remove", lambda: self.form.remove_key_result(self))

    def add_support_row(self, who: str = "", what: str = "", status: str = "requested", due: dt.date | None = None,
                        id: int | None = None) -> _SupportRow:
        row = _SupportRow(self._remove_support, who, what, status, due, id)
        self.support_rows.append(row)
        self.support_box.children = [r.box for r in self.support_rows]
        return row

    def _remove_support(self, row: _SupportRow) -> None:
        self.support_rows.remove(row)
        self.support_box.children = [r.box for r in self.support_rows]

    def is_blank(self) -> bool:
        return (not self.text.value.strip() and self.target.value is None
                and all(s.is_blank() for s in self.support_rows))


class _ObjectiveRow:
    """One objective: text, linked growth goal, pre-work side by side, aligned current work, key results."""

    def __init__(self, form: OKRForm, text: str = "", goal: int | None = None, understanding: str = "",
                 supplement: str = "", aligned_work: str = "", id: int | None = None) -> None:
        self.form = form
        self.id = id
        self.title = widgets.HTML()
        self.remove = _button("✕ Remove objective", tooltip="remove this objective and its key results")
        self.question = widgets.HBox([])
        self.remove.on_click(lambda _b: form.remove_objective(self) if id is None else ask_once(
            self.question, "Remove this objective? Saving then deletes it with its key results, their support and "
            "check-in statuses.", "Remove", lambda: form.remove_objective(self)))
        self.text = text_field("objective_text", "Objective", text, placeholder="e.g. Enhance communication with partners",
                               width=_ROW_WIDTH, field="objective.text")
        self.text.widget.add_class(CSS_CLASSES["objective_text"])
        values = [v for _label, v in form.goal_options]
        self.goal = Field("goal", "Serves growth goal",
                          widgets.Dropdown(options=form.goal_options, value=goal if goal in values else _NO_GOAL_VALUE,
                                           layout=widgets.Layout(width=_ROW_WIDTH)))
        self.goal.widget.add_class("wb-objective-goal")
        if len(form.goal_options) == 1:
            self.goal.set_hint(f'<small style="color:#8a5a00;margin-left:170px">No growth goals for {form.year} '
                               "yet: agree them first (stage 2), then link each objective to one.</small>")
        self.understanding = prose_area(understanding, "what achieving this means, in the report's words",
                                        width="420px", rows=3)
        self.supplement = prose_area(supplement, "what the manager adds to make it concrete", width="420px", rows=3)
        self.understanding.add_class("wb-understanding")
        self.supplement.add_class("wb-supplement")
        column = {"flex": "0 1 auto", "min_width": "0"}  # the two columns narrow together in a narrow notebook
        prework = widgets.HBox([
            widgets.VBox([widgets.HTML("<b>The report's understanding</b> <small>(pre-work)</small><br>"
                                       + field_badge("objective.understanding")), self.understanding],
                         layout=widgets.Layout(**column)),
            widgets.VBox([widgets.HTML("<b>The manager's supplement</b><br>"
                                       + field_badge("objective.supplement")), self.supplement],
                         layout=widgets.Layout(**column)),
        ], layout=widgets.Layout(margin="2px 0 4px 0", grid_gap="12px"))
        self.aligned = text_field("aligned_work", "Aligned current work", aligned_work,
                                  placeholder="the project where this gets practised", width=_ROW_WIDTH,
                                  field="objective.aligned_work")
        self.kr_rows: list[_KRRow] = []
        self.kr_box = widgets.VBox([])
        self.add_kr = _button("+ Add key result", CSS_CLASSES["add_kr"])
        self.add_kr.on_click(lambda _b: form.add_key_result(self))
        self.kr_warning = widgets.HTML("")
        self.kr_warning.add_class(CSS_CLASSES["limit_warning"])
        self.box = widgets.VBox([widgets.HBox([self.title, self.remove]), self.question, self.text.box, self.goal.box, prework,
                                 self.aligned.box, self.kr_box, widgets.HBox([self.add_kr, self.kr_warning])],
                                layout=widgets.Layout(border="1px solid #d0d7de", padding="6px 10px", margin="6px 0"))
        self.box.add_class("wb-objective")

    def is_blank(self) -> bool:
        return (not self.text.value.strip() and not self.understanding.value.strip()
                and not self.supplement.value.strip() and not self.aligned.value.strip()
                and all(k.is_blank() for k in self.kr_rows))


class OKRForm(Form):
    """Set or edit one person's personal growth OKRs for one quarter.

    ``OKRForm(store, person_id, quarter)``; display it in a notebook, or drive it in Python: set widget
    values (``form.objectives[0].text.value = ...``, ``form.objectives[0].kr_rows[0].text.value = ...``),
    call :meth:`add_objective` / :meth:`add_key_result` (or click ``add_objective_button`` /
    ``row.add_kr``), then :meth:`save` or ``form.save_button.click()``. Completely blank rows are skipped.

    Stable CSS classes (``widget.add_class``) for browser tests:

    - ``wb-objective-text``: each objective's text input
    - ``wb-kr-text``: each key result's text input
    - ``wb-kr-feedback``: the live measurability feedback under each key result
    - ``wb-save``: the save button; ``wb-findings``: the findings panel; ``wb-status``: the status line
    - ``wb-limit-warning``: live warnings past the workbook's limits (objectives, key results per objective)
    - ``wb-add-objective`` / ``wb-add-kr``: the "+ Add objective" / "+ Add key result" buttons
    - ``wb-objective``, ``wb-kr``: the boxes around one objective / one key result
    """

    title = "Quarterly OKRs"
    save_label = "Save OKRs"

    def __init__(self, store: Store, person_id: str, quarter: str) -> None:
        super().__init__()
        self.store = store
        self.person = store.person(person_id)
        self.quarter = check_quarter(quarter)
        self.year = int(self.quarter[:4])
        self.limits = store.limits()
        self.title = f"Quarterly OKRs: {self.person.name}, {self.quarter}"
        plan = store.plan(self.person.id, self.year)
        self.goal_options: list[tuple[str, int]] = [(_NO_GOAL, _NO_GOAL_VALUE)]
        for g in sorted(plan.goals if plan else [], key=lambda g: (g.priority or 99, g.position or 0)):
            prio = f" (priority {g.priority})" if g.priority else ""
            short = g.text if len(g.text) <= 70 else g.text[:69] + "…"
            self.goal_options.append((f"{g.position}. {short}{prio}", int(g.position or 0)))
        self.save_button.add_class(CSS_CLASSES["save"])
        self.findings.add_class(CSS_CLASSES["findings"])
        self.status_line.add_class(CSS_CLASSES["status"])
        self.objectives: list[_ObjectiveRow] = []
        self.objectives_box = widgets.VBox([])
        self.add_objective_button = _button("+ Add objective", CSS_CLASSES["add_objective"])
        self.add_objective_button.on_click(lambda _b: self.add_objective())
        self.live_warning = widgets.HTML("")
        self.live_warning.add_class(CSS_CLASSES["limit_warning"])
        self._loc_fields: dict[tuple[Any, ...], Field] = {}
        intro = widgets.HTML(
            f'<p style="color:#444;margin:0 0 4px;line-height:1.4">At most {self.limits.max_objectives} objectives with at most '
            f"{self.limits.max_key_results} key results each: these come on top of daily work, so less is more.</p>")
        self.body = [intro, self.objectives_box, widgets.HBox([self.add_objective_button, self.live_warning])]
        self.load()

    # -- rows ----------------------------------------------------------------------------------------
    def load(self) -> None:
        """(Re)load the saved OKRs for (person, quarter); a quarter without OKRs starts with one empty objective."""
        self.objectives = []
        okrs = self.store.okrs(self.person.id, self.quarter)
        for obj in okrs.objectives if okrs else []:
            row = _ObjectiveRow(self, obj.text, obj.goal, obj.understanding, obj.supplement, obj.aligned_work, obj.id)
            for kr in obj.key_results:
                row.kr_rows.append(_KRRow(self, kr.text, kr.target_date, kr.support, kr.outcome, kr.outcome_note, kr.id,
                                          kr.moved_from))
            self.objectives.append(row)
        if not self.objectives:
            row = _ObjectiveRow(self)
            row.kr_rows.append(_KRRow(self))
            self.objectives.append(row)
        self._refresh()

    def add_objective(self) -> _ObjectiveRow:
        """Add an empty objective (with one empty key result). Past the limit a live warning appears."""
        row = _ObjectiveRow(self)
        row.kr_rows.append(_KRRow(self))
        self.objectives.append(row)
        self._refresh()
        return row

    def add_key_result(self, objective: _ObjectiveRow | int) -> _KRRow:
        """Add an empty key result to an objective (a row or its 1-based number)."""
        row = self.objectives[objective - 1] if isinstance(objective, int) else objective
        kr = _KRRow(self)
        row.kr_rows.append(kr)
        self._refresh()
        return kr

    def remove_objective(self, row: _ObjectiveRow) -> None:
        self.objectives.remove(row)
        self._refresh()

    def move_key_result(self, kr: _KRRow) -> bool:
        """Move a saved key result to the next quarter now (lineage kept, check-ins stay here), show what to fix
        in its new place, and reload the form. Unsaved edits elsewhere in the form are reloaded too."""
        from ..stages.okrs import move_key_result

        saved = self.store.okrs(self.person.id, self.quarter)
        where = [(i, j) for i, o in enumerate(saved.objectives if saved else [], 1)
                 for j, k in enumerate(o.key_results, 1) if k.id == kr.id]
        self.clear_messages()
        try:
            if not where:
                raise NotFound("save the key result before moving it")
            moved, findings = move_key_result(self.store, self.person.id, self.quarter, *where[0])
        except WorkbookError as exc:
            self.findings.value = findings_html([Finding("error", "move", str(exc))])
            return False
        self.load()
        self.mark_clean()
        self.findings.value = findings_html(findings)
        self.status_line.value = message_html("ok", f"Moved to {moved.to_ref.label()}: open {moved.to_ref.quarter} to "
                                              "change its dates.")
        for callback in self.on_saved:
            callback(None)
        return True

    def remove_key_result(self, kr: _KRRow) -> None:
        for row in self.objectives:
            if kr in row.kr_rows:
                row.kr_rows.remove(kr)
        self._refresh()

    def _refresh(self) -> None:
        """Renumber rows, re-register fields and update the live limit warnings."""
        self.fields = {}
        lim = self.limits
        for i, row in enumerate(self.objectives, 1):
            row.title.value = f'<h4 style="margin:2px 12px 2px 0">Objective {i}</h4>'
            for name, f in (("text", row.text), ("goal", row.goal), ("aligned_work", row.aligned)):
                self.fields[f"o{i}.{name}"] = f
            for j, kr in enumerate(row.kr_rows, 1):
                kr.title.value = f'<b style="margin-right:12px">Key result {i}.{j}</b>'
                self.fields[f"o{i}.k{j}.text"] = kr.text
                self.fields[f"o{i}.k{j}.target_date"] = kr.target
                for k, s in enumerate(kr.support_rows, 1):
                    self.fields[f"o{i}.k{j}.s{k}"] = s.field
            row.kr_box.children = [kr.box for kr in row.kr_rows]
            n = len(row.kr_rows)
            row.kr_warning.value = message_html(
                "warning", f"{n} key results: the workbook allows at most {lim.max_key_results} per objective, so "
                "saving will be refused; keep the most effective ones.") if n > lim.max_key_results else ""
        self.objectives_box.children = [row.box for row in self.objectives]
        n = len(self.objectives)
        warnings = []
        if n > lim.max_objectives:
            warnings.append(message_html(
                "warning", f"{n} objectives: the workbook allows at most {lim.max_objectives} per quarter, so saving "
                "will be refused; keep the one or two that matter most."))
        warnings.extend(message_html("warning", m) for m in self._moved_rows())
        self.live_warning.value = "".join(warnings)

    def _moved_rows(self) -> list[str]:
        """Saved rows that removing an earlier row would shift: the store matches rows by position, so the
        check-in history of the old position would follow the new text."""
        out: list[str] = []
        okrs = self.store.okrs(self.person.id, self.quarter)
        if okrs is None:
            return out
        positions = {o.id: i for i, o in enumerate(okrs.objectives, 1)}
        kr_positions = {k.id: (i, j) for i, o in enumerate(okrs.objectives, 1) for j, k in enumerate(o.key_results, 1)}
        for i, row in enumerate(self.objectives, 1):
            if row.id is not None and positions.get(row.id, i) != i:
                out.append(f"Objective {i} was objective {positions[row.id]}: check-in history stays with the "
                           "position, not the text; to keep it, edit the wording in place instead of removing rows.")
            for j, kr in enumerate(row.kr_rows, 1):
                if kr.id is not None and kr_positions.get(kr.id, (i, j)) != (i, j):
                    o, k = kr_positions[kr.id]
                    out.append(f"Key result {i}.{j} was {o}.{k}: check-in history stays with the position, not "
                               "the text; to keep it, edit the wording in place instead of removing rows.")
        return out

    # -- saving -----------------------------------------------------------------------------------------
    def pre_check(self) -> list[Finding]:
        out = []
        if all(row.is_blank() for row in self.objectives):
            out.append(Finding("error", "empty", "nothing to save yet: write at least one objective"))
        for i, row in enumerate(self.objectives, 1):
            for j, kr in enumerate(row.kr_rows, 1):
                for s in kr.support_rows:
                    if s.is_blank():
                        continue
                    if not s.who.value.strip() or not s.what.value.strip():
                        s.field.set_error("say who will help and with what")
                        out.append(Finding("error", "support_incomplete",
                                           f"key result {i}.{j}: support needs both who and what", f"O{i} KR{j}"))
        return out

    def build_model(self) -> QuarterOKRs:
        """The OKRs from the widgets (blank rows skipped); raises pydantic ValidationError for bad values."""
        self._loc_fields = {}
        objectives: list[dict[str, Any]] = []
        for row in self.objectives:
            if row.is_blank():
                continue
            oi = len(objectives)
            self._loc_fields[("objectives", oi, "text")] = row.text
            self._loc_fields[("objectives", oi, "goal")] = row.goal
            self._loc_fields[("objectives", oi, "aligned_work")] = row.aligned
            krs: list[dict[str, Any]] = []
            for kr in row.kr_rows:
                if kr.is_blank():
                    continue
                kj = len(krs)
                self._loc_fields[("objectives", oi, "key_results", kj, "text")] = kr.text
                self._loc_fields[("objectives", oi, "key_results", kj, "target_date")] = kr.target
                support: list[dict[str, Any]] = []
                for s in kr.support_rows:
                    if s.is_blank():
                        continue
                    self._loc_fields[("objectives", oi, "key_results", kj, "support", len(support))] = s.field
                    support.append(s.data())
                krs.append({"text": kr.text.value, "target_date": kr.target.value, "support": support,
                            "outcome": kr.outcome, "outcome_note": kr.outcome_note, "moved_from": kr.moved_from})
            objectives.append({"text": row.text.value, "goal": row.goal.value or None, "understanding": row.understanding.value,
                               "supplement": row.supplement.value, "aligned_work": row.aligned.value,
                               "key_results": krs})
        # text the quarter already holds, kept as it is, is not refused for a character refused since it was stored
        # (decision 0019): a change elsewhere on the page saves, retyping the old text fixes it, new text is checked
        kept = kept_texts(self.store.okrs(self.person.id, self.quarter))
        return QuarterOKRs.model_validate({"person": self.person.id, "quarter": self.quarter, "objectives": objectives},
                                          context={"kept": kept})

    def field_for_error(self, loc: tuple[Any, ...]) -> Field | None:
        for n in range(len(loc), 0, -1):
            if loc[:n] in self._loc_fields:
                return self._loc_fields[loc[:n]]
        return None

    def write(self, model: QuarterOKRs) -> list[Finding]:
        moved = self._moved_rows()
        filled = fill_target_dates(model)  # "... by 2026-12-20" with no target date: 20 December is the target
        findings = list(self.store.save_okrs(model))
        findings.extend(Finding("info", "target_from_text", line) for line in filled)
        for i, obj in enumerate(model.objectives, 1):
            if obj.goal is None and len(self.goal_options) > 1:
                findings.append(Finding("warning", "objective_unlinked",
                                        f"objective {i} is not linked to a growth goal; which of the year's goals "
                                        "does it serve?"))
            for j, kr in enumerate(obj.key_results, 1):
                verdict = check_key_result_in_quarter(kr.text, self.quarter, kr.target_date)  # as the live hint reads it
                if not verdict.measurable:
                    findings.append(Finding("warning", "kr_not_measurable",
                                            f"key result {i}.{j} is saved but not measurable yet: "
                                            f"{'; '.join(verdict.reasons)}"))
        findings.extend(Finding("warning", "moved", m) for m in moved)
        self._sync_ids()
        return findings

    def _sync_ids(self) -> None:
        """After a save, rows take the ids of what now sits at their position (for the next edit), and an empty
        target date the save took from the key result's text."""
        okrs = self.store.okrs(self.person.id, self.quarter)
        saved = okrs.objectives if okrs else []
        kept = [r for r in self.objectives if not r.is_blank()]
        for row, obj in zip(kept, saved, strict=False):
            row.id = obj.id
            krs = [k for k in row.kr_rows if not k.is_blank()]
            for kr, skr in zip(krs, obj.key_results, strict=False):
                kr.id = skr.id
                if kr.target.value is None and skr.target_date is not None:
                    kr.target.value = skr.target_date
                for srow, s in zip([s for s in kr.support_rows if not s.is_blank()], skr.support, strict=False):
                    srow.id = s.id
        self._refresh()


# -- the stage's live report --------------------------------------------------------------------------------
def show_okrs_report(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the OKRs as saved, shown again, fresh, each time ``form`` (the OKR form or its page) saves."""
    show_live(lambda: okrs_report_html(ctx.store, ctx.person_id, ctx.quarter), form)


def show_okr_context(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the year's goals and last quarter's outcomes, for the person the page shows."""
    show_live(lambda: okr_context_html(ctx.store, ctx.person_id, ctx.quarter), form)
