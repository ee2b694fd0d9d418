"""The quarter close form: an outcome and a note per key result, then "Save and start next quarter".

Each key result shows its status trail over the quarter's check-ins and starts at its recorded outcome,
or at the one suggested by its last check-in status (done -> met). Key results marked "carried over"
are listed live as next quarter's draft. "Save outcomes" records the outcomes; "Save and start <next
quarter>" also creates next quarter's OKRs from what carries over (when that quarter has none yet), in
the same transaction. A refusal (for instance the carried key results would break the limits) shows
in the findings panel and nothing is saved. Tests set ``form.rows[i].outcome.value`` and call
:meth:`QuarterCloseForm.save` or :meth:`QuarterCloseForm.save_and_start_next`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from ..core.dates import quarter_bounds
from ..core.labels import OUTCOME_LABELS
from ..core.model import check_quarter, kept_texts, next_quarter
from ..core.rules import Finding
from ..render.close import (
    quarter_close_html,
    restart_html,
    trail_html,
    year_outcomes_html,
    year_outcomes_png,
    year_review_html,
)
from ..stages.close import (
    CloseResult,
    KRClose,
    QuarterClose,
    close_items,
    close_quarter,
    next_quarter_okrs_line,
)
from ..stages.context import StageContext
from ..store import Store
from .base import LABEL_WIDTH, Field, Form, choice_field, escape, message_html, text_field
from .live import Saves, show_live

__all__ = ["QuarterCloseForm", "CloseRow", "CSS_CLASSES"]

CLOSE_WINDOW_DAYS = 21  # a quarter is closed in its last weeks; earlier than that, the page says it is early

# Stable class names for browser tests and styling.
CSS_CLASSES = {"row": "wb-close-row", "carry": "wb-carry-over", "start_next": "wb-start-next", "save": "wb-save"}

_OUTCOME_OPTIONS = [(label, value) for value, label in OUTCOME_LABELS.items()]


def _last_status(it: KRClose) -> str:
    return f"last status: {(it.last_status or 'no check-in').replace('_', ' ')}"


@dataclass
class CloseRow:
    """One key result in the form: what it was, and the outcome and note fields."""

    item: KRClose
    outcome: Field
    note: Field
    box: widgets.Widget


class QuarterCloseForm(Form):
    """Close a person's quarter: outcomes with notes, what carries over, and the start of the next quarter."""

    save_label = "Save outcomes"

    def __init__(self, store: Store, person_id: str, quarter: str, as_of: dt.date | None = None) -> None:
        super().__init__()
        self.as_of = as_of
        self.store = store
        self.person = store.person(person_id)
        self.person_id = self.person.id
        self.quarter = check_quarter(quarter)
        self.next_quarter = next_quarter(self.quarter)
        self.title = f"Close {self.quarter} for {self.person.name}"
        self.result: CloseResult | None = None
        self._start_next = False
        self.save_button.button_style = ""
        self.save_button.tooltip = "Record the outcomes only; next quarter is left as it is."
        self.save_button.add_class(CSS_CLASSES["save"])
        self.start_next_button = widgets.Button(
            description=f"Save and start {self.next_quarter}", button_style="primary", icon="forward",
            tooltip=f"Record the outcomes and create {self.next_quarter}'s OKRs from what carries over",
            layout=widgets.Layout(width="auto"))
        self.start_next_button.add_class(CSS_CLASSES["start_next"])
        self.start_next_button.on_click(lambda _b: self.save_and_start_next())
        self.carry_over = widgets.HTML(value="")
        self.carry_over.add_class(CSS_CLASSES["carry"])
        self.rows: list[CloseRow] = []
        self._build()

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        items = close_items(self.store, self.person_id, self.quarter)
        start, end = quarter_bounds(self.quarter)
        if items and self.as_of is not None and self.as_of < start:  # nothing has happened yet to close
            self.body = [widgets.HTML(message_html(
                "info", f"{self.quarter} has not started on {self.as_of.isoformat()} (it runs {start.isoformat()} to "
                        f"{end.isoformat()}): close it at its end, when each key result has a story. Its OKRs are "
                        "set and changed in stage 3."))]
            self.save_button.disabled = self.start_next_button.disabled = True
            return
        if not items:
            self.body = [widgets.HTML(message_html(
                "info", f"No key results in {self.quarter} for {self.person.name}: nothing to close. "
                        + next_quarter_okrs_line(self.store, self.person_id, self.next_quarter)))]
            self.save_button.disabled = self.start_next_button.disabled = True
            return
        early = ([widgets.HTML(message_html(
            "warning", f"{self.quarter} runs until {end.isoformat()}: outcomes recorded on {self.as_of.isoformat()} are "
                       "early, and a key result with no check-in is suggested 'not met' only because nothing was said "
                       "about it yet."))]
                 if self.as_of is not None and start <= self.as_of < end - dt.timedelta(days=CLOSE_WINDOW_DAYS) else [])
        self.body = [*early, widgets.HTML(
            '<p style="color:#555;margin:0 0 6px;line-height:1.4">Each outcome starts at the one recorded, or at a suggestion from the '
            "last check-in (done → met). Decide together; a line of evidence in the note keeps the year review "
            "honest.</p>")]
        last_obj = 0
        for it in items:
            if it.objective != last_obj:
                self.body.append(widgets.HTML(f'<div style="margin:10px 0 2px;padding:3px 6px;background:#f3f3f3">'
                                              f"<b>O{it.objective}</b> {escape(it.objective_text)}</div>"))
                last_obj = it.objective
            self.rows.append(self._row(it))
            self.body.append(self.rows[-1].box)
        self.body.append(self.carry_over)
        self._refresh_carry_over()

    def _row(self, it: KRClose) -> CloseRow:
        key = f"o{it.objective}k{it.key_result}"
        hint = "recorded earlier" if it.outcome else f"suggested; {_last_status(it)}"
        outcome = self.add(choice_field(f"{key}.outcome", "Outcome", _OUTCOME_OPTIONS, it.chosen, help=hint))
        note = self.add(text_field(f"{key}.note", "Note", it.outcome_note,
                                   placeholder="what happened, in a line (the evidence)", width="520px",
                                   field="key_result.outcome_note"))
        outcome.widget.observe(lambda _c: self._outcome_changed(outcome, it), names="value")
        last = (f'<br><small style="color:#555">last check-in note: “{escape(it.last_note)}”</small>'
                if it.last_note else "")
        head = widgets.HTML(f'<div style="margin:6px 0 2px"><b>KR{it.key_result}</b> {escape(it.kr_text)}</div>'
                            f'<div style="margin:0 0 4px {LABEL_WIDTH};font-size:90%;line-height:1.5">Check-ins: '
                            f"{trail_html(it.trail)}{last}</div>")
        box = widgets.VBox([head, outcome.box, note.box], layout=widgets.Layout(margin="0 0 6px 0"))
        box.add_class(CSS_CLASSES["row"])
        return CloseRow(item=it, outcome=outcome, note=note, box=box)

    def _outcome_changed(self, outcome: Field, it: KRClose) -> None:
        outcome.set_help(f"changed, not saved yet; {_last_status(it)}")
        self._refresh_carry_over()

    def _refresh_carry_over(self) -> None:
        carried = [r for r in self.rows if r.outcome.value == "carried_over"]
        if not carried:
            self.carry_over.value = (f'<div style="margin:8px 0;color:#555"><b>Carries over into {self.next_quarter}:</b> '
                                     f"nothing. {self.next_quarter} will start from a blank page.</div>")
            return
        items = "".join(f"<li>{escape(r.item.label)} {escape(r.item.kr_text)}</li>" for r in carried)
        self.carry_over.value = (f'<div style="margin:8px 0"><b>Carries over into {self.next_quarter}</b> '
                                 f'<small style="color:#555">(becomes its draft when you press Save and start '
                                 f"{self.next_quarter}):</small><ul style=\"margin:2px 0 0 18px;padding:0\">{items}</ul></div>")

    def render(self) -> widgets.VBox:
        self.widget.children = [self.heading(), *self.body, self.findings,
                                widgets.HBox([self.start_next_button, self.save_button, self.status_line])]
        self.widget.add_class("wb-form")
        return self.widget

    # -- saving ------------------------------------------------------------------------------------------
    def pre_check(self) -> list[Finding]:
        if not self.rows:
            return [Finding("error", "nothing_to_close", f"{self.quarter} has no key results to close")]
        return []

    def build_model(self) -> QuarterClose:
        # dicts, not KROutcome objects: validation errors then carry ("outcomes", i, field) to place them
        return QuarterClose.model_validate({"person": self.person_id, "quarter": self.quarter, "outcomes": [
            {"objective": r.item.objective, "key_result": r.item.key_result, "outcome": r.outcome.value,
             "note": r.note.value} for r in self.rows]},
            # a note kept as recorded is not refused for a character refused since (decision 0019)
            context={"kept": kept_texts([r.item.outcome_note for r in self.rows])})

    def field_for_error(self, loc: tuple[Any, ...]) -> Field | None:
        if len(loc) >= 3 and loc[0] == "outcomes" and isinstance(loc[1], int) and loc[1] < len(self.rows):
            row = self.rows[loc[1]]
            return row.note if loc[2] == "note" else row.outcome
        return super().field_for_error(loc)

    def write(self, model: QuarterClose) -> list[Finding]:
        self.result = close_quarter(self.store, model, start_next=self._start_next)
        for row in self.rows:  # the outcome shown is now the one recorded, not a suggestion
            row.outcome.set_help(f"saved; {_last_status(row.item)}")
        return self.result.findings

    def save_and_start_next(self) -> bool:
        """Save the outcomes and create next quarter's OKRs from what carries over; True when saved."""
        self._start_next = True
        try:
            return self.save()
        finally:
            self._start_next = False


# -- the stage's live reports -------------------------------------------------------------------------------
def show_quarter_close(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the quarter on one page, shown again, fresh, each time ``form`` (the close form or its page) saves."""
    show_live(lambda: quarter_close_html(ctx.store, ctx.person_id, ctx.quarter, ctx.as_of), form)


def show_year_outcomes(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the year's outcomes per quarter as a PNG. With ``form`` (the close form) it is an inline
    image drawn again each time the form saves (see :func:`workbook.forms.live.show_live`)."""
    from IPython.display import Image, display

    if form is not None:
        show_live(lambda: year_outcomes_html(ctx.store, ctx.person_id, ctx.year), form)
        return
    display(Image(data=year_outcomes_png(ctx.store, ctx.person_id, ctx.year), format="png"))


def show_year_review(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the year review, shown again, fresh, each time ``form`` (the close form) saves."""
    show_live(lambda: year_review_html(ctx.store, ctx.person_id, ctx.year), form)


def show_restart(ctx: StageContext, form: Saves | None = None) -> None:
    """Display the restart checklist, shown again, fresh, each time ``form`` (the close form) saves: "Save and
    start next quarter" ticks the step of next quarter's OKRs."""
    show_live(lambda: restart_html(ctx.store, ctx.person_id, ctx.quarter, ctx.as_of), form)
