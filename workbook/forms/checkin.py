"""The bi-weekly check-in form: what was carried forward first, then KR statuses, unblocking, and next actions.

A check-in is a 2-3 minute status pass or a 10-15 minute unblocking conversation. The form opens with
the last check-in and the open actions (each can be marked done on the spot), flags support commitments
that need chasing (each can be marked done), then records a status and a note per key result of the
quarter. The "unblock" mode reveals mental obstacles (with the manager's reframing prompts for the
chosen kind), trial runs to agree, and a debrief of earlier trial runs. Saving writes the check-in and
the debriefs in one transaction with :meth:`Store.add_check_in`; a refused save writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from ..coaching import MENTAL_OBSTACLES
from ..core import clock
from ..core.errors import WorkbookError
from ..core.labels import STATUS_LABELS, kr_label, plural
from ..core.model import (
    KR_STATUSES,
    TRIAL_STATUSES,
    CheckIn,
    check_quarter,
    kept_texts,
    quarter_bounds,
    quarter_of,
)
from ..core.rules import Finding
from ..render.checkin import (
    carried_forward_html,
    check_in_report_html,
    kr_status_timeline_html,
    no_statuses_html,
    timeline_png,
)
from ..stages.checkin import (
    TRIAL_FOLLOW_UP_DAYS,
    action_owners,
    carried_forward,
    check_in_repeats,
    kr_status_timeline_frame,
    overdue_support_frame,
)
from ..stages.context import StageContext
from ..store import Store
from .base import (
    FIT_WIDTH,
    Field,
    Form,
    date_field,
    escape,
    findings_html,
    line_with_buttons,
    message_html,
    prose_area,
    text_field,
)
from .live import Saves, show_live

__all__ = ["CheckInForm", "obstacle_prompts_html", "MODE_OPTIONS", "OTHER_OBSTACLE"]

MODE_OPTIONS = [("status (2-3 min)", "status"), ("unblock (10-15 min)", "unblock")]
OTHER_OBSTACLE = "other"
_NO_STATUS = ("not discussed", "")


def obstacle_prompts_html(kind: str) -> str:
    """The reframing prompts for one kind of mental obstacle, with its trial-run offer; escaped."""
    entry = MENTAL_OBSTACLES.get(kind)
    if not entry:
        if kind == OTHER_OBSTACLE:
            return ('<div style="color:#555;margin-left:170px;line-height:1.4"><small>Describe it in their words. Often the best help '
                    "is not tactics but the belief behind it: what are they afraid would happen?</small></div>")
        return ""
    prompts = "".join(f"<li>{escape(p)}</li>" for p in entry.get("prompts", []))
    trial = entry.get("trial_run", "")
    return (f'<div class="wb-obstacle-prompts" style="margin:2px 0 4px 170px;padding:4px 8px;background:#f6f8fa;'
            f'border-left:3px solid #8fb3d9;font-size:90%;line-height:1.4"><div style="color:#555">{escape(entry.get("description", ""))}'
            f'</div><b>Reframing you can offer</b><ul style="margin:2px 0 2px 18px;padding:0">{prompts}</ul>'
            + (f"<b>Trial run</b>: {escape(trial)}" if trial else "") + "</div>")


def _button(label: str, css: str = "", tooltip: str = "", style: str = "") -> widgets.Button:
    b = widgets.Button(description=label, tooltip=tooltip or label, button_style=style,
                       layout=widgets.Layout(width="auto"))
    if css:
        b.add_class(css)
    return b


def _as_date(value: dt.date | str | None) -> dt.date:
    if value is None or value == "":
        return clock.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class _KRStatusRow:
    def __init__(self, objective: int, key_result: int, text: str, last_status: str, last_note: str,
                 target_passed: dt.date | None = None) -> None:
        self.objective, self.key_result = objective, key_result
        self.status = widgets.ToggleButtons(
            options=[_NO_STATUS, *[(STATUS_LABELS[s], s) for s in KR_STATUSES]],
            value=last_status if last_status in KR_STATUSES else "",
            tooltips=["not discussed this time", *[STATUS_LABELS[s] for s in KR_STATUSES]],
            style={"button_width": "112px"})
        self.status.add_class("wb-kr-status")
        self.note = widgets.Text(placeholder=f"last time: {last_note}" if last_note else "a few words: what moved, what is next",
                                 layout=widgets.Layout(width="590px", max_width=FIT_WIDTH))  # narrows in a narrow notebook
        self.note.add_class("wb-kr-note")
        self.field = Field(f"kr_{objective}_{key_result}", kr_label(objective, key_result), field="kr_status.note",
                           widget=
                           widgets.VBox([widgets.HTML(f'<div style="line-height:1.35;max-width:600px">{escape(text)}'
                                                      + (f' <small style="color:#8a5a00;white-space:nowrap">(target {target_passed.isoformat()}'
                                                         " has passed)</small>" if target_passed else "") + "</div>"),
                                         self.status, self.note], layout=widgets.Layout(min_width="0", flex="1 1 auto")),
                           help="the status and its note go into their summary")


class _ObstacleRow:
    def __init__(self, on_remove: Any) -> None:
        options = [("— choose the kind —", ""), *[(k, k) for k in MENTAL_OBSTACLES], ("something else", OTHER_OBSTACLE)]
        self.kind = Field("obstacle_kind", "Obstacle", widgets.Dropdown(options=options, value="",
                                                                         layout=widgets.Layout(width="340px")),
                          "often a mental one")
        self.kind.widget.add_class("wb-obstacle-kind")
        self.text = text_field("obstacle_text", "In their words", area=True, rows=2,
                               placeholder="what gets in the way, e.g. says yes to every partner request",
                               field="obstacle.text")
        self.text.widget.add_class("wb-obstacle-text")
        self.prompts = widgets.HTML("")
        self.prompts.add_class("wb-obstacle-prompts-box")
        self.kind.widget.observe(lambda ch: setattr(self.prompts, "value", obstacle_prompts_html(ch["new"])), names="value")
        self.remove = _button("✕ Remove obstacle")
        self.remove.on_click(lambda _b: on_remove(self))
        self.box = widgets.VBox([self.kind.box, self.prompts, self.text.box, widgets.HBox([self.remove])],
                                layout=widgets.Layout(border_left="3px solid #e6c07b", padding="2px 0 4px 8px", margin="4px 0"))

    def is_blank(self) -> bool:
        return not self.kind.value and not self.text.value.strip()

    def data(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "text": self.text.value}


class _TrialRow:
    def __init__(self, on_remove: Any, follow_up: dt.date) -> None:
        self.text = text_field("trial_text", "Trial run", area=True, rows=2,
                               placeholder="what they will draft and share with you before sending, e.g. the reply "
                                           "to the next ad-hoc request",
                               help="drafted, shared, then sent", field="trial_run.text")
        self.text.widget.add_class("wb-trial-text")
        self.follow_up = date_field("follow_up_on", "Follow up on", follow_up, "in the next 1:1")
        self.remove = _button("✕ Remove trial run")
        self.remove.on_click(lambda _b: on_remove(self))
        self.box = widgets.VBox([self.text.box, self.follow_up.box, widgets.HBox([self.remove])],
                                layout=widgets.Layout(border_left="3px solid #9cc59a", padding="2px 0 4px 8px", margin="4px 0"))

    def is_blank(self) -> bool:
        return not self.text.value.strip()

    def data(self) -> dict[str, Any]:
        return {"text": self.text.value, "follow_up_on": self.follow_up.value, **self.kept}

    kept: dict[str, Any] = {}  # a saved trial run being edited keeps its status and debrief


class _DebriefRow:
    """An earlier trial run not yet debriefed: how did it go, what did they learn?"""

    def __init__(self, text: str, date: Any, status: str, follow_up_on: Any) -> None:
        self.trial_text = text
        self.initial_status = status
        due = f", follow up {follow_up_on}" if follow_up_on else ""
        self.status = widgets.Dropdown(options=list(TRIAL_STATUSES), value=status, layout=widgets.Layout(width="130px"))
        self.debrief = prose_area(placeholder="how did it go, and what did they learn from taking the step?", rows=2)
        self.debrief.add_class("wb-debrief-text")
        self.field = Field("debrief", "Debrief", field="trial_run.debrief", widget=widgets.VBox([
            widgets.HTML(f"<i>{escape(text)}</i> <small>(agreed {escape(date)}{escape(due)})</small>"),
            widgets.HBox([widgets.HTML("status&nbsp;"), self.status]), self.debrief]))

    def changed(self) -> bool:
        return bool(self.debrief.value.strip()) or self.status.value != self.initial_status


class _ActionRow:
    def __init__(self, on_remove: Any, owners: dict[str, str]) -> None:
        """``owners``: the stored owner word ("employee", "manager") of each choice as the reader knows it (the
        report's name, "you"); anything else typed in (a name) is kept as typed."""
        self.owners = owners
        # in a narrow notebook (JupyterLab at 1100 px) the row wraps, and this box narrows, instead of the row running
        # past the output's edge
        self.text = widgets.Text(placeholder="next step", layout=widgets.Layout(width="330px", max_width=FIT_WIDTH))
        self.text.add_class("wb-action-text")
        self.owner = widgets.Combobox(options=list(owners), value=next(iter(owners)), ensure_option=False,
                                      placeholder="owner", layout=widgets.Layout(width="140px"))
        self.due = widgets.DatePicker(layout=widgets.Layout(width="150px"))
        self.remove = _button("✕")
        self.remove.on_click(lambda _b: on_remove(self))
        self.field = Field("action", "Action", widgets.HBox([self.text, self.owner, self.due, self.remove],
                                                            layout=widgets.Layout(flex="1 1 auto", min_width="0",
                                                                                  flex_flow="row wrap")),
                           "what, who, by when", field="action.text")

    def is_blank(self) -> bool:
        return not self.text.value.strip() and self.due.value is None

    def data(self) -> dict[str, Any]:
        typed = self.owner.value.strip()
        return {"text": self.text.value, "owner": self.owners.get(typed, typed) or "employee", "due": self.due.value,
                **self.kept}

    kept: dict[str, Any] = {}  # a saved action being edited keeps its id (so it is changed, not added) and status

    def show_owner(self, stored: str) -> None:
        """A saved action's owner in the words the choices use ("employee" shown as the report's name)."""
        self.owner.value = next((label for label, word in self.owners.items() if word == stored), stored)


class CheckInForm(Form):
    """Record one bi-weekly check-in for a person in a quarter, as of a date.

    ``CheckInForm(store, person_id, quarter, as_of)``. Drive it in Python: ``form.kr_rows[0].status.value =
    "at_risk"``, ``form.mode.value = "unblock"``, ``form.add_obstacle()``, ``form.add_trial_run()``,
    ``form.add_action()``, ``form.mark_action_done(id)``, ``form.mark_support_done(id)``, then
    :meth:`save` or ``form.save_button.click()``. One form saves one check-in; a new form records the next.

    Stable CSS classes for browser tests: ``wb-carried-forward`` (the last check-in and open actions),
    ``wb-overdue-support``, ``wb-action-done`` / ``wb-support-done`` (mark-done buttons), ``wb-mode``,
    ``wb-kr-status``, ``wb-kr-note``, ``wb-unblock`` (the section unblock mode reveals),
    ``wb-obstacle-kind``, ``wb-obstacle-text``, ``wb-trial-text``, ``wb-debrief-text``, ``wb-action-text``,
    ``wb-save``, ``wb-findings``, ``wb-status``.
    """

    title = "Bi-weekly check-in"
    save_label = "Save check-in"

    def __init__(self, store: Store, person_id: str, quarter: str, as_of: dt.date | str | None = None) -> None:
        super().__init__()
        self.store = store
        self.person = store.person(person_id)
        self.quarter = check_quarter(quarter)
        self.as_of = _as_date(as_of)
        self.title = f"Bi-weekly check-in: {self.person.name}, {self.quarter}"
        self.check_in_id: int | None = None
        self.save_button.add_class("wb-save")
        self.findings.add_class("wb-findings")
        self.status_line.add_class("wb-status")
        start, end = quarter_bounds(self.quarter)
        default_day = min(max(self.as_of, start), end)

        # 1. carried forward: the last check-in and the open actions, first
        self.context = carried_forward(store, self.person.id, self.quarter, self.as_of)
        self.action_buttons: dict[int, widgets.Button] = {}
        action_lines: list[widgets.Widget] = []
        owners = action_owners(store, self.person.id, self.context.open_actions["owner"]) \
            if len(self.context.open_actions) else []
        for a, owner in zip(self.context.open_actions.itertuples(), owners, strict=True):
            due = f", due {a.due}" if a.due is not None and str(a.due) not in ("", "None", "NaT") else ""
            late = '<b style="color:#b00020">overdue</b> ' if a.overdue else ""
            line = widgets.HTML(f'<div style="line-height:1.35">{late}{escape(a.text)} <small style="color:#555;'
                                f'white-space:nowrap">({escape(owner)}{escape(due)})</small></div>',
                                layout=widgets.Layout(width="640px"))
            button = _button("Mark done", "wb-action-done", "mark this action done now")
            button.on_click(lambda _b, aid=int(a.id): self.mark_action_done(aid))
            self.action_buttons[int(a.id)] = button
            action_lines.append(line_with_buttons(line, [button]))
        debrief_note = ""
        if len(self.context.trial_runs_to_debrief):
            n = len(self.context.trial_runs_to_debrief)
            debrief_note = (f'<p style="margin:4px 0;line-height:1.4">{plural(n, "trial run")} to debrief: switch to '
                            f'<b>unblock</b> below to record how {"it" if n == 1 else "they"} went.</p>')
        self.carried = widgets.VBox([
            widgets.HTML('<h4 style="margin:4px 0">Carried forward</h4>' + carried_forward_html(self.context)),
            widgets.HTML("<b>Open actions</b>" if action_lines else
                         '<p style="color:#555;margin:2px 0;line-height:1.4"><i>No open actions.</i></p>'),
            *action_lines, widgets.HTML(debrief_note)],
            layout=widgets.Layout(border="1px solid #d0d7de", padding="4px 10px", margin="0 0 8px 0"))
        self.carried.add_class("wb-carried-forward")

        # 2. support commitments to chase
        self.overdue = overdue_support_frame(store, self.person.id, self.quarter, self.as_of)
        self.support_buttons: dict[int, widgets.Button] = {}
        self.support_commit_buttons: dict[int, widgets.Button] = {}
        support_lines: list[widgets.Widget] = []
        for s in self.overdue.itertuples():
            line = widgets.HTML(f'<div style="line-height:1.35"><b>{escape(s.who)}</b>: {escape(s.what)}<br>'
                                f'<small style="color:#555">for {escape(s.key_result)}</small> &middot; '
                                f'<small style="color:#b00020">{escape(s.reason)}</small></div>',
                                layout=widgets.Layout(width="640px"))
            button = _button("Mark support done", "wb-support-done", "the support was given")
            button.on_click(lambda _b, sid=int(s.support_id): self.mark_support_done(sid))
            self.support_buttons[int(s.support_id)] = button
            buttons = [button]
            if s.status == "requested":  # flagged because nobody said yes: the nudge worked, someone commits now
                commit = _button("Mark committed", "wb-support-committed", "someone has said yes; it stays to chase by its date")
                commit.on_click(lambda _b, sid=int(s.support_id): self.mark_support(sid, "committed"))
                self.support_commit_buttons[int(s.support_id)] = commit
                buttons.insert(0, commit)
            support_lines.append(line_with_buttons(line, buttons))
        self.support_box = widgets.VBox(
            [widgets.HTML('<h4 style="margin:4px 0">Support to chase</h4>'
                          '<p style="color:#555;margin:0 0 4px;line-height:1.4">Commitments past their date, or requests nobody has '
                          "said yes to after two weeks. A nudge from the manager usually unblocks these.</p>"),
             *support_lines] if support_lines else [],
            layout=widgets.Layout(border="1px solid #e6b0aa" if support_lines else "", padding="4px 10px" if support_lines else "0",
                                  margin="0 0 8px 0" if support_lines else "0"))
        self.support_box.add_class("wb-overdue-support")

        # 3. the check-in itself
        self.date = date_field("date", "Date", default_day)
        self.mode = widgets.ToggleButtons(options=MODE_OPTIONS, value="status", style={"button_width": "190px"})
        self.mode.add_class("wb-mode")
        self.mode_field = Field("mode", "Conversation", self.mode)
        self.add(self.date)
        self.add(self.mode_field)
        self.kr_rows: list[_KRStatusRow] = []
        self._build_kr_rows()

        # 4. unblock: obstacles, trial runs, debriefs
        self.obstacles: list[_ObstacleRow] = []
        self.trials: list[_TrialRow] = []
        self.obstacles_box, self.trials_box = widgets.VBox([]), widgets.VBox([])
        add_obstacle = _button("+ Add obstacle", "wb-add-obstacle")
        add_obstacle.on_click(lambda _b: self.add_obstacle())
        add_trial = _button("+ Add trial run", "wb-add-trial")
        add_trial.on_click(lambda _b: self.add_trial_run())
        self.debriefs = [_DebriefRow(t.text, t.date, t.status, t.follow_up_on)
                         for t in self.context.trial_runs_to_debrief.itertuples()]
        self.add_obstacle()
        self.add_trial_run()
        self.unblock_box = widgets.VBox([
            widgets.HTML('<h4 style="margin:6px 0 2px">Unblocking</h4><p style="color:#555;margin:0 0 4px;line-height:1.4">With soft-skill '
                         "key results the block is often a belief, not a tactic. Pick the kind to see reframing you can "
                         "offer; if they understand but still hesitate, agree a trial run.</p>"),
            self.obstacles_box, widgets.HBox([add_obstacle]),
            widgets.HTML('<b style="display:block;margin-top:8px">Trial runs</b><small style="color:#555">They draft '
                         "(a reply, a talk) and share it with you before sending; you follow up in a 1:1.</small>"),
            self.trials_box, widgets.HBox([add_trial]),
            *([widgets.HTML('<b style="display:block;margin-top:8px">How did the earlier trial runs go?</b>')]
              + [d.field.box for d in self.debriefs] if self.debriefs else []),
        ], layout=widgets.Layout(border="1px solid #d0d7de", padding="4px 10px", margin="6px 0", display="none"))
        self.unblock_box.add_class("wb-unblock")
        self.mode.observe(self._on_mode, names="value")

        # 5. next actions and a summary
        # the owner as the reader knows them (the report by name, "you"), stored as the words every record uses
        self.owner_choices = dict(zip(action_owners(store, self.person.id, ["employee", "manager"]),
                                      ["employee", "manager"], strict=True))
        self.actions: list[_ActionRow] = []
        self.actions_box = widgets.VBox([])
        add_action = _button("+ Add action", "wb-add-action")
        add_action.on_click(lambda _b: self.add_action())
        self.add_action()
        self.summary = self.add(text_field("summary", "Summary", area=True, rows=2, field="check_in.summary",
                                           placeholder="one or two sentences for next time"))

        no_okrs = ([] if self.kr_rows else [widgets.HTML(message_html(
            "info", f"{self.person.name} has no key results for {self.quarter} yet; set them in the quarterly OKRs "
            "notebook first. You can still record obstacles and actions."))])
        moved = [] if default_day == self.as_of else [widgets.HTML(message_html(
            "info", f"{self.quarter} {'has not started' if default_day > self.as_of else 'is over'} on "
            f"{self.as_of.isoformat()}, so the date is set to its {'first' if default_day > self.as_of else 'last'} day, "
            f"{default_day.isoformat()}. A check-in records a conversation held: change the date, or pick the "
            "quarter it happened in."))]
        self.body = [self.carried, self.support_box, self.date.box, *moved, self.mode_field.box,
                     widgets.HTML('<h4 style="margin:8px 0 2px">Key results</h4>'), *no_okrs,
                     *[r.field.box for r in self.kr_rows], self.unblock_box,
                     widgets.HTML('<h4 style="margin:8px 0 2px">Next actions</h4>'), self.actions_box, widgets.HBox([add_action]),
                     self.summary.box]
        self._loc_fields: dict[tuple[Any, ...], Field] = {}

    # -- building -----------------------------------------------------------------------------------
    def _build_kr_rows(self) -> None:
        okrs = self.store.okrs(self.person.id, self.quarter)
        # each key result starts at its last status on or before as_of: a quick pass only changes what moved
        by_pos: dict[tuple[int, int], tuple[str, str]] = {}
        statuses = self.store.kr_status_frame(self.person.id, self.quarter)
        for s in statuses.itertuples():
            day = s.date if isinstance(s.date, dt.date) else dt.date.fromisoformat(str(s.date)[:10])
            if day <= self.as_of:
                by_pos[(int(s.objective), int(s.key_result))] = (s.status, s.note or "")
        for i, obj in enumerate(okrs.objectives if okrs else [], 1):
            for j, kr in enumerate(obj.key_results, 1):
                status, note = by_pos.get((i, j), ("", ""))
                passed = kr.target_date if kr.target_date and kr.target_date < self.as_of and status != "done" else None
                row = _KRStatusRow(i, j, kr.text, status, note, passed)
                self.kr_rows.append(row)
                self.fields[row.field.name] = row.field

    def _on_mode(self, change: dict[str, Any]) -> None:
        self.unblock_box.layout.display = "" if change["new"] == "unblock" else "none"

    def add_obstacle(self) -> _ObstacleRow:
        row = _ObstacleRow(self._remove_obstacle)
        self.obstacles.append(row)
        self.obstacles_box.children = [r.box for r in self.obstacles]
        return row

    def _remove_obstacle(self, row: _ObstacleRow) -> None:
        self.obstacles.remove(row)
        self.obstacles_box.children = [r.box for r in self.obstacles]

    def add_trial_run(self) -> _TrialRow:
        day = self.date.value or self.as_of  # two weeks after the check-in, which may not be today
        row = _TrialRow(self._remove_trial, day + dt.timedelta(days=TRIAL_FOLLOW_UP_DAYS))
        self.trials.append(row)
        self.trials_box.children = [r.box for r in self.trials]
        return row

    def _remove_trial(self, row: _TrialRow) -> None:
        self.trials.remove(row)
        self.trials_box.children = [r.box for r in self.trials]

    def add_action(self) -> _ActionRow:
        row = _ActionRow(self._remove_action, self.owner_choices)
        self.actions.append(row)
        self.actions_box.children = [r.field.box for r in self.actions]
        return row

    def _remove_action(self, row: _ActionRow) -> None:
        self.actions.remove(row)
        self.actions_box.children = [r.field.box for r in self.actions]

    # -- immediate updates ----------------------------------------------------------------------------------
    def mark_action_done(self, action_id: int) -> bool:
        """Mark a carried-forward action done now (its own small transaction); shows the result."""
        try:
            self.store.set_action_status(action_id, "done")
        except WorkbookError as exc:
            self.findings.value = findings_html([Finding("error", "action", str(exc))])
            return False
        button = self.action_buttons.get(action_id)
        if button is not None:
            button.description, button.disabled, button.button_style = "Done ✔", True, "success"
        self.status_line.value = message_html("ok", "Action marked done.")
        return True

    def mark_support_done(self, support_id: int) -> bool:
        """Mark a support commitment done now (its own small transaction); shows the result."""
        return self.mark_support(support_id, "done")

    def mark_support(self, support_id: int, status: str) -> bool:
        """Set a flagged support commitment's status now ("done", or "committed" for a request someone has
        now said yes to), in its own small transaction; the row's buttons show the result."""
        try:
            self.store.set_support_status(support_id, status)
        except WorkbookError as exc:
            self.findings.value = findings_html([Finding("error", "support", str(exc))])
            return False
        done, commit = self.support_buttons.get(support_id), self.support_commit_buttons.get(support_id)
        chosen = done if status == "done" else commit
        for b in (done, commit):
            if b is not None:
                b.disabled = True
        if chosen is not None:
            chosen.description, chosen.button_style = ("Done ✔" if status == "done" else "Committed ✔"), "success"
        self.status_line.value = message_html("ok", f"Support marked {status}.")
        return True

    # -- editing a saved check-in ------------------------------------------------------------------------------
    editing: int | None = None

    def edit(self, check_in_id: int) -> None:
        """Load a saved check-in of this quarter into the form; saving then changes it (old values logged)."""
        c = self.store.check_in(check_in_id)
        if c.person != self.person.id or quarter_of(c.date) != self.quarter:
            raise ValueError(f"check-in {check_in_id} is not {self.person.id}'s in {self.quarter}; open its quarter first")
        self.clear_messages()
        self.editing, self.check_in_id = check_in_id, None
        self.date.value, self.mode.value, self.summary.value = c.date, c.mode, c.summary
        given = {(s.objective, s.key_result): s for s in c.key_results}
        for row in self.kr_rows:
            st = given.get((row.objective, row.key_result))
            row.status.value = st.status if st else ""
            row.note.value = st.note if st else ""
        kinds = {v for _label, v in self.obstacles[0].kind.widget.options} if self.obstacles else set()
        self.obstacles, self.trials, self.actions = [], [], []
        for ob in c.obstacles:
            orow = self.add_obstacle()
            orow.kind.value = ob.kind if ob.kind in kinds else (OTHER_OBSTACLE if ob.kind else "")
            orow.text.value = ob.text
        for tr in c.trial_runs:
            trow = self.add_trial_run()
            trow.text.value, trow.follow_up.value = tr.text, tr.follow_up_on
            trow.kept = {"status": tr.status, "debrief": tr.debrief}
        for act in c.actions:
            arow = self.add_action()
            arow.text.value, arow.due.value = act.text, act.due
            arow.show_owner(act.owner)
            arow.kept = {"id": act.id, "status": act.status}
        for adder, rows in ((self.add_obstacle, self.obstacles), (self.add_trial_run, self.trials), (self.add_action, self.actions)):
            if not rows:
                adder()
        self.obstacles_box.children = [r.box for r in self.obstacles]
        self.trials_box.children = [r.box for r in self.trials]
        self.actions_box.children = [r.field.box for r in self.actions]
        self.save_button.disabled = False
        self.save_button.description = "Save changes"
        self.status_line.value = message_html("info", f"Editing the check-in of {c.date.isoformat()}: change what was "
                                              "wrong, then Save changes.")

    # -- saving ---------------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.editing is not None:
            return super().save()
        if self.check_in_id is not None:
            self.findings.value = findings_html([Finding(
                "error", "already_saved", f"this check-in is already saved (#{self.check_in_id}); to record another "
                "one, reload the page (in JupyterLab: run all cells again)")])
            return False
        saved = super().save()
        if saved:
            self.status_line.value = message_html("ok", f"Check-in of {self.date.value.isoformat()} saved. To record "
                                                  "another one, reload the page (in JupyterLab: run all cells again).")
        return saved

    def pre_check(self) -> list[Finding]:
        out: list[Finding] = []
        day = self.date.value
        if day is None:
            self.date.set_error("pick the date of the check-in")
            out.append(Finding("error", "date", "the check-in needs a date"))
        elif quarter_of(day) != self.quarter:
            msg = (f"{day.isoformat()} is in {quarter_of(day)}, but these statuses are for {self.quarter}'s key "
                   f"results; pick a date in {self.quarter} or open {quarter_of(day)}")
            self.date.set_error(msg)
            out.append(Finding("error", "date", msg))
        for row in self.actions:
            if not row.is_blank() and not row.text.value.strip():
                row.field.set_error("say what the action is")
                out.append(Finding("error", "action", "an action has a due date but no text"))
        return out

    def build_model(self) -> CheckIn:
        self._loc_fields = {("date",): self.date, ("summary",): self.summary}
        statuses = [{"objective": r.objective, "key_result": r.key_result, "status": r.status.value, "note": r.note.value}
                    for r in self.kr_rows if r.status.value]
        obstacles: list[dict[str, Any]] = []
        for row in self.obstacles:
            if row.is_blank():
                continue
            self._loc_fields[("obstacles", len(obstacles))] = row.text
            obstacles.append(row.data())
        trials: list[dict[str, Any]] = []
        for trial in self.trials:
            if trial.is_blank():
                continue
            self._loc_fields[("trial_runs", len(trials))] = trial.text
            trials.append(trial.data())
        actions: list[dict[str, Any]] = []
        for action in self.actions:
            if action.is_blank():
                continue
            self._loc_fields[("actions", len(actions))] = action.field
            actions.append(action.data())
        # a check-in being edited: its text kept as stored is not refused for a character refused since (decision
        # 0019), so the edit of another field saves; what is typed now is checked
        kept = kept_texts(self.store.check_in(self.editing)) if self.editing is not None else frozenset()
        return CheckIn.model_validate({"person": self.person.id, "date": self.date.value, "mode": self.mode.value,
                                       "key_results": statuses, "obstacles": obstacles, "trial_runs": trials,
                                       "actions": actions, "summary": self.summary.value}, context={"kept": kept})

    def field_for_error(self, loc: tuple[Any, ...]) -> Field | None:
        for n in range(len(loc), 0, -1):
            if loc[:n] in self._loc_fields:
                return self._loc_fields[loc[:n]]
        return None

    def write(self, model: CheckIn) -> list[Finding]:
        if self.editing is not None:
            self.store.edit_check_in(self.editing, date=model.date, mode=model.mode, summary=model.summary,
                                     key_results=model.key_results, obstacles=model.obstacles,
                                     trial_runs=model.trial_runs, actions=model.actions)
            self.save_button.disabled = True
            return [Finding("info", "edited_check_in", f"The check-in of {model.date.isoformat()} was changed; its old "
                            f"values are kept in {self.person.name}'s history.")]
        findings: list[Finding] = []
        same, others = check_in_repeats(self.store, model)  # the day's check-ins, as `checkin add` reads them
        same_day = others + ([same] if same is not None else [])
        with self.store.atomic():  # the check-in and the debriefs: all or nothing
            cid = self.store.add_check_in(model)
            for d in self.debriefs:
                if d.changed():
                    status = d.status.value
                    if d.debrief.value.strip() and status != "debriefed":
                        status = "debriefed"
                    self.store.update_trial_run(self.person.id, d.trial_text, status, d.debrief.value.strip())
        self.check_in_id = cid
        if same_day:
            findings.append(Finding("warning", "same_day", f"there was already a check-in on {model.date.isoformat()}; "
                                    f"{'both' if len(same_day) == 1 else 'all'} are kept"))
        if model.mode == "status" and (model.obstacles or model.trial_runs):
            findings.append(Finding("info", "unblock_content", "obstacles or trial runs were saved with a status "
                                    "check-in; they were typed in the unblock section"))
        blocked = [s for s in model.key_results if s.status == "blocked"]
        if blocked and model.mode == "status":
            findings.append(Finding("info", "blocked", f"{plural(len(blocked), 'key result')} blocked: consider a 10-15 minute "
                                    "unblocking conversation"))
        self.save_button.disabled = True
        return findings


# -- the stage's live reports -------------------------------------------------------------------------------
def show_check_in_report(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the quarter's check-ins and what is open, shown again, fresh, each time ``form`` saves."""
    show_live(lambda: check_in_report_html(ctx.store, ctx.person_id, ctx.quarter, ctx.as_of), form)


def show_kr_status_timeline(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the KR status heatmap for the quarter as a PNG. With ``form`` (the check-in form) it is an
    inline image that is drawn again each time the form saves (see :func:`workbook.forms.live.show_live`)."""
    from IPython.display import HTML, Image, display

    if form is not None:
        show_live(lambda: kr_status_timeline_html(ctx.store, ctx.person_id, ctx.quarter), form)
        return
    frame = kr_status_timeline_frame(ctx.store, ctx.person_id, ctx.quarter)
    if not len(frame.index) or not len(frame.columns):
        display(HTML(no_statuses_html(ctx.quarter)))
        return
    display(Image(data=timeline_png(frame, ctx.quarter), format="png"))
