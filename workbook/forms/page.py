"""A stage page: the person and date picker above a stage's form; switching rebuilds the form and every live report.

Every stage notebook (and its app page) opens a :class:`StagePage` instead of a bare form, so nobody edits
code to change the person or the day. The page keeps one :class:`~workbook.stages.context.StageContext`
and changes it in place, so the live reports (:func:`workbook.forms.live.show_live`, which follow the
page through ``on_saved``) draw the new person after a switch as they do after a save. The person picked
is remembered for the workbook, so a stage opened next from the home page in JupyterLab starts on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..core import clock
from ..core.dates import check_quarter, next_quarter, previous_quarter, quarter_of
from ..core.errors import WorkbookError
from ..core.paths import HOME_NOTEBOOK
from ..stages.context import StageContext
from ..stages.dated import person_on
from ..store import Store
from ..store.keys import keys_withheld
from ..store.location import remember_person
from .base import Form, escape, message_html
from .checkin import CheckInForm
from .close import QuarterCloseForm
from .conversation_log import NoteForm
from .goals import GoalsForm
from .okrs import OKRForm
from .records import RecordList, check_in_rows, note_rows

__all__ = ["STAGE_FORMS", "StagePage", "notice_html"]

STAGE_FORMS: dict[str, Callable[[StageContext], Form]] = {
    "log": lambda c: NoteForm(c.store, c.person_id, c.as_of),
    "goals": lambda c: GoalsForm(c.store, c.person_id, c.year),
    "okrs": lambda c: OKRForm(c.store, c.person_id, c.quarter),
    "checkin": lambda c: CheckInForm(c.store, c.person_id, c.quarter, c.as_of),
    "close": lambda c: QuarterCloseForm(c.store, c.person_id, c.quarter, c.as_of),
}


def notice_html(text: str, kind: str = "info") -> str:
    """A one-line banner (e.g. "this is the demo team"); escaped."""
    colors = {"info": ("#1f5f8b", "#e8f1f8"), "warning": ("#8a5a00", "#fdf3e1"), "error": ("#8b1f1f", "#fbe9e9")}
    color, background = colors.get(kind, colors["info"])
    role = ' role="alert"' if kind == "error" else ""
    return (f'<div class="wb-notice wb-{kind}"{role} style="padding:6px 10px;margin:4px 0;border-radius:4px;color:{color};'
            f'background:{background};line-height:1.4">{escape(text)}</div>')


class StagePage:
    """The picker bar (person, day, the quarter that follows from it) and the stage's form for one person.

    ``ctx`` is None when the workbook has nobody in it yet; the page then says how to add someone and the
    live reports stay empty (``ready`` is False). ``on_saved`` callbacks run after each save of the form
    (with the saved model) and after each switch (with None).
    """

    def __init__(self, stage: str, ctx: StageContext | None, store: Store, *, notices: list[str] | None = None,
                 home_link: bool = False) -> None:
        if stage not in STAGE_FORMS:
            raise ValueError(f"unknown stage {stage!r}; known: {', '.join(STAGE_FORMS)}")
        self.stage = stage
        self.ctx = ctx
        self.store = store
        self.on_saved: list[Callable[[Any], None]] = []
        self.status = widgets.HTML("")
        self.status.add_class("wb-page-status")
        # in an organisation: your reports, whose records the forms write (a link opens others); a batch's notebook
        # is about one person and saves its widgets' state: it lists only them, so no one else's name is kept in a
        # file that `forget` of that other person would neither find nor delete
        people = [ctx.person] if ctx is not None and keys_withheld() else store.my_team()
        if ctx is not None and ctx.person.id not in {p.id for p in people}:  # a link still opens a leaver, or anyone read
            people.append(ctx.person)
        self.person_picker = widgets.Dropdown(options=[(f"{p.name} ({p.id})", p.id) for p in people],
                                              value=ctx.person_id if ctx else None, description="Person",
                                              layout=widgets.Layout(width="330px"), style={"description_width": "60px"})
        self.person_picker.add_class("wb-person-picker")
        self.day_picker = widgets.DatePicker(value=ctx.as_of if ctx else clock.today(), description="As of",
                                             layout=widgets.Layout(width="240px"), style={"description_width": "50px"})
        self.day_picker.add_class("wb-day-picker")
        # the year (growth goals) or the quarter (the other stages) the page works on: the day's, or one
        # either side of it (next year's goals in December, last quarter's close in January)
        self.period_picker = widgets.Dropdown(description="Year" if stage == "goals" else "Quarter",
                                              layout=widgets.Layout(width="190px"), style={"description_width": "60px"})
        self.period_picker.add_class("wb-period-picker")
        if stage == "log":  # the log looks from its day; no quarter or year to choose
            self.period_picker.layout.display = "none"
        # in the app a plain link goes back to the team (in JupyterLab the home page stays open in its tab)
        home = widgets.HTML(f'<a class="wb-home-link" href="{HOME_NOTEBOOK}" style="color:#1f5f8b">&larr; Your team</a>'
                            if home_link else "")
        self._setting_pickers = False  # the page sets a picker itself (back after a held switch): no switch
        self.person_picker.observe(lambda ch: self._setting_pickers or self.switch(person_id=ch["new"]), names="value")
        self.day_picker.observe(lambda ch: self._setting_pickers or (ch["new"] and self.switch(as_of=ch["new"])),
                                names="value")
        self.period_picker.observe(self._on_period, names="value")
        # a switch, an Edit that loads a record or a redraw of the form, held back because the form has words typed
        # and not saved: the choice, on one line under the picker; ``_held`` goes on with it, dropping the words
        self._held: Callable[[], Any] | None = None
        self.unsaved_line = widgets.HTML("", layout=widgets.Layout(min_width="0"))
        self.keep_button = widgets.Button(description="Keep editing", button_style="primary", icon="pencil",
                                          layout=widgets.Layout(width="auto", flex="0 0 auto"))
        self.discard_button = widgets.Button(description="Discard and switch", button_style="warning", icon="trash",
                                             layout=widgets.Layout(width="auto", flex="0 0 auto"))
        self.keep_button.on_click(lambda _b: self.keep_editing())
        self.discard_button.on_click(lambda _b: self.discard_and_go_on())
        self.unsaved_box = widgets.HBox([self.unsaved_line, self.keep_button, self.discard_button],
                                        layout=widgets.Layout(display="none", align_items="center", flex_flow="row wrap",
                                                              grid_gap="8px"))
        self.unsaved_box.add_class("wb-unsaved")
        banners = "".join(notice_html(n) for n in notices or [])
        if ctx is None and store.nobody_reports_to_me():
            banners += notice_html("Nobody reports to you in this workbook, so no stage here is yours to work on; your "
                                   "own records are on your page (10_my_page).", "warning")
        elif ctx is None:
            banners += notice_html("Nobody in this workbook yet: add your first report on the home page (00_home) or "
                                   "with `workbook person add ID --name NAME`, then open this page again.", "warning")
        self.picker = widgets.VBox([widgets.HTML(banners),
                                    widgets.HBox([self.person_picker, self.day_picker, self.period_picker, home],
                                                 layout=widgets.Layout(align_items="center", grid_gap="12px")),
                                    self.status, self.unsaved_box],
                                   layout=widgets.Layout(border_bottom="1px solid #d0d7de", padding="2px 0 6px 0",
                                                         margin="0 0 8px 0"))
        self.picker.add_class("wb-picker")
        if ctx is None:
            self.picker.children = self.picker.children[:1]
        self.form: Form | None = None
        self.records: RecordList | None = None
        self.form_area = widgets.VBox([])
        self.form_area.add_class("wb-form-area")
        if ctx is not None:
            self._build_form()
            self._show_period()

    # -- what a stage's helpers read --------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """Whether there is a person to show (False for an empty workbook)."""
        return self.ctx is not None

    def _forward(self, model: Any) -> None:
        for callback in list(self.on_saved):
            callback(model)

    def _build_form(self) -> None:
        assert self.ctx is not None
        self.form = STAGE_FORMS[self.stage](self.ctx)
        self.form.on_saved.append(self._on_form_saved)
        self.records = self._record_list()
        self.form_area.children = [self.form.render(), *([self.records.widget] if self.records else [])]
        self.form.mark_clean()  # what it shows came from the store; what is typed from now on is the user's

    def reload_form(self, *, discard: bool = False) -> bool:
        """Draw the stage's form afresh from the store (something beside it, e.g. the goals stage's panel on the
        report's side, changed what it shows). Held back like a switch while the form has text typed and not saved,
        which drawing it afresh would drop, unless ``discard``. Returns whether the form was drawn."""
        if self.ctx is None:
            return False
        if not discard and self.held_back("Not redrawn", "redraw it with what was saved beside it", "Discard and redraw",
                                          lambda: self.reload_form(discard=True)):
            return False
        self.keep_editing()
        self._build_form()
        return True

    def _on_form_saved(self, model: Any) -> None:
        self.keep_editing()  # what was held back for is saved now
        edited = getattr(self.form, "editing", None) is not None
        if edited and self.stage == "checkin":  # back to a fresh form for the next check-in, the change said above it
            said = self.form.findings.value if self.form else ""
            self._build_form()
            if self.form is not None:
                self.form.findings.value = said
        elif self.records is not None:
            self.records.refresh()
        self._forward(model)

    # -- the records listed under the form, each with Edit and Delete ------------------------------------------
    def _record_list(self) -> RecordList | None:
        ctx = self.ctx
        assert ctx is not None
        if self.stage == "log":
            return RecordList("Your notes: correct or delete one", lambda: note_rows(ctx.store, ctx.person_id),
                              self._edit, self._delete_note, lambda: self._forward(None), empty="No notes yet.",
                              note="Edit loads a note into the form above; Delete asks once. The old values stay in "
                                   "their history, as private as the note was.")
        if self.stage == "checkin":
            return RecordList(f"Check-ins of {ctx.quarter}: correct or delete one",
                              lambda: check_in_rows(ctx.store, ctx.person_id, ctx.quarter), self._edit,
                              self._delete_check_in, lambda: self._forward(None), empty=f"No check-ins in {ctx.quarter} yet.",
                              note="Edit loads a check-in into the form above; Delete asks once and takes its statuses, "
                                   "obstacles, trial runs and actions with it.")
        return None

    def _edit(self, key: int, *, discard: bool = False) -> None:
        """Load record ``key`` into the form; held back like a switch while the form has text typed and not saved
        (loading would write over it), unless ``discard``."""
        record = "note" if self.stage == "log" else "check-in"
        if not discard and self.held_back("Not loaded", f"load the {record}", "Discard and load",
                                          lambda: self._edit(key, discard=True)):
            return
        self.keep_editing()
        if self.stage == "checkin":
            self._build_form()  # a clean form to load into (a saved one has its button off)
        try:
            self.form.edit(key)  # type: ignore[union-attr]
        except (WorkbookError, ValueError) as exc:
            self.status.value = message_html("error", str(exc))
        else:
            self.form.mark_clean()  # type: ignore[union-attr]  # the record as saved

    def _delete_note(self, key: int) -> str:
        note = self.store.delete_note(key)
        if self.form is not None and getattr(self.form, "editing", None) == key:
            self.form.stop_editing()  # type: ignore[attr-defined]
        return f"Deleted the {note.direction} note of {note.date}."

    def _delete_check_in(self, key: int) -> str:
        c = self.store.delete_check_in(key)
        if self.form is not None and getattr(self.form, "editing", None) == key:
            self._build_form()
        return f"Deleted the check-in of {c.date} with its statuses, obstacles, trial runs and actions."

    def _show_period(self) -> None:
        """Offer the day's period and one either side, with the page's own selected."""
        assert self.ctx is not None
        day = self.ctx.as_of
        if self.stage == "goals":
            options = [(str(y), f"{y}Q1" if y != day.year else quarter_of(day)) for y in (day.year - 1, day.year, day.year + 1)]
            current = next((v for label, v in options if label == str(self.ctx.year)), None)
            if current is None:
                options.append((str(self.ctx.year), self.ctx.quarter))
                current = self.ctx.quarter
        else:
            here = quarter_of(day)
            options = [(q, q) for q in (previous_quarter(here), here, next_quarter(here))]
            if self.ctx.quarter not in [v for _l, v in options]:
                options.append((self.ctx.quarter, self.ctx.quarter))
            current = self.ctx.quarter
        self._setting_period = True
        self.period_picker.options = options
        self.period_picker.value = current
        self._setting_period = False

    def _on_period(self, change: dict[str, Any]) -> None:
        if getattr(self, "_setting_period", False) or not change["new"]:
            return
        self.switch(period=change["new"])

    # -- switching ------------------------------------------------------------------------------------------
    def switch(self, person_id: str | None = None, as_of: dt.date | None = None, period: str | None = None, *,
               discard: bool = False) -> bool:
        """Show another person, day or period (a quarter like 2027Q1): the context changes in place, the form
        is rebuilt and every live report redrawn. A new day brings its own quarter. Returns False (and says
        why under the picker) when the switch is refused or held back.

        When the form holds text typed and not saved, rebuilding it would drop that text without a word: unless
        ``discard`` is True, the switch is held back, the pickers go back to what the form shows, and a line under
        them offers to keep editing (:meth:`keep_editing`) or to discard the text and switch
        (:meth:`discard_and_go_on`)."""
        ctx = self.ctx
        if ctx is None:
            return False
        if not discard and self.held_back("Not switched", "switch", "Discard and switch",
                                          lambda: self.switch(person_id, as_of, period, discard=True)):
            return False
        try:
            if person_id is not None and person_id != ctx.person_id:
                ctx.person = person_on(self.store, person_id, ctx.as_of)
                remember_person(ctx.db, person_id)
            if as_of is not None and as_of != ctx.as_of:
                ctx.as_of = as_of
                ctx.quarter = quarter_of(as_of)
                ctx.year = as_of.year
                ctx.person = person_on(self.store, ctx.person_id, as_of)  # their level that day
            if period is not None:
                ctx.quarter = check_quarter(period)
                ctx.year = int(ctx.quarter[:4])
            self._build_form()
        except WorkbookError as exc:
            self.status.value = message_html("error", str(exc))
            return False
        self.status.value = ""
        self.keep_editing()
        self._show_pickers()
        self._forward(None)
        return True

    def held_back(self, not_done: str, then: str, discard_label: str, go_on: Callable[[], Any]) -> bool:
        """Whether ``go_on`` (which rebuilds the form or loads over it) is held back because the form has text typed
        and not saved: the form stays as it is, the pickers back on what it shows, and one line asks to keep editing
        or to discard the text and ``then`` (the ``discard_label`` button runs ``go_on``). False when nothing typed
        would be lost, and ``go_on`` is the caller's to do at once."""
        unsaved = self.form.unsaved_text() if self.form is not None and self.ctx is not None else []
        if not unsaved or self.ctx is None:
            return False
        self._held = go_on
        words = " ".join(unsaved[0].split())
        quoted = words if len(words) <= 40 else words[:39] + "…"
        more = f" and {len(unsaved) - 1} more" if len(unsaved) > 1 else ""
        self.unsaved_line.value = message_html(
            "warning", f"{not_done}: the form for {self.ctx.person.name} has text you have not saved (“{quoted}”{more}). "
                       f"Save it, keep editing, or discard it and {then}.")
        self.discard_button.description = discard_label
        self.unsaved_box.layout.display = "flex"
        self._show_pickers()
        return True

    def keep_editing(self) -> None:
        """Forget a held switch and its line; the form stays as it is."""
        self._held = None
        self.unsaved_line.value = ""
        self.unsaved_box.layout.display = "none"

    def discard_and_go_on(self) -> bool:
        """Make the held switch, load or redraw, dropping what was typed in the form and not saved; False when none is held."""
        go_on, self._held = self._held, None
        if go_on is None:
            return False
        return go_on() is not False

    def _show_pickers(self) -> None:
        """Set the pickers to the person and day the form is about (without switching again)."""
        assert self.ctx is not None
        self._setting_pickers = True
        try:
            if self.ctx.person_id in [v for _label, v in self.person_picker.options]:
                self.person_picker.value = self.ctx.person_id
            self.day_picker.value = self.ctx.as_of
        finally:
            self._setting_pickers = False
        self._show_period()

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in notebooks and the browser tests
        from IPython.display import display

        display(self.picker)
