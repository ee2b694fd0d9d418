"""The report's side inside the manager's stage notebooks: their shared drafts beside feedback and agreement, their pre-work, their check-in preparation.

The goals panel lets the manager draft feedback on each shared goal draft (theirs alone until given), give
it, and record the plan agreed in the conversation from the report's drafts (status "agreed": agreement is
the two of them together; the manager records it). The other panels are live reports.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..core.errors import WorkbookError
from ..render import own_page as render
from ..render.html import escape, message_html
from ..stages import own_side
from ..stages.context import StageContext
from ..store.drafts import SideDraft
from .base import form_style, prose_area
from .live import Saves, show_live

__all__ = ["GoalsSidePanel", "show_goals_side", "show_prework_side", "show_check_in_prep", "show_trials_side"]


class GoalsSidePanel:
    """Feedback on each goal draft the report shared, and "Agree these goals"; rebuilt when the page switches."""

    def __init__(self, ctx: StageContext, page: Saves | None = None) -> None:
        self.ctx = ctx
        self.page = page
        self.on_saved: list[Any] = []
        self.box = widgets.VBox([])
        self.box.add_class("wb-goals-side")
        self.message = widgets.HTML("")
        self.message.add_class("wb-goals-side-message")
        self.feedback: dict[int, widgets.Textarea] = {}
        if page is not None:
            page.on_saved.append(self._page_changed)
        self.rebuild()

    @property
    def ready(self) -> bool:
        """Whether there is someone to show (not an empty workbook)."""
        return self.ctx is not None and getattr(self.page, "ready", True) is not False

    def _page_changed(self, saved: Any) -> None:
        """The page switched person or day (``saved`` None) or its form saved (feedback drafts may have changed
        there): redraw, refresh the live table."""
        self.rebuild()
        for callback in list(self.on_saved):
            callback(saved)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.box)

    def rebuild(self) -> None:
        """Draw the panel for the page's current person and year."""
        ctx = self.ctx
        if not self.ready:
            self.box.children = []
            return
        store, pid, year = ctx.store, ctx.person_id, ctx.year
        shared = store.side_drafts(pid, "goal", year, state="shared")
        mine: dict[int, SideDraft] = {}
        for d in store.side_drafts(pid, "feedback", year):
            if d.state == "draft" or d.position not in mine:
                mine[d.position] = d
        rows: list[widgets.Widget] = [widgets.HTML(form_style())]
        self.feedback = {}
        for d in shared:
            fb = mine.get(d.position)
            area = prose_area(fb.text if fb else "", "your feedback on this draft", rows=2)
            area.add_class(f"wb-feedback-{d.position}")
            self.feedback[d.position] = area
            changed = (f" <i>({own_side.CHANGED_SINCE} your feedback)</i>"
                       if fb is not None and own_side.feedback_predates_draft(fb, d) else "")
            rows.append(widgets.VBox([widgets.HTML(f"<b>Their goal {d.position}:</b> {escape(d.text)}{changed}"), area]))
        if not shared:
            # the table above already says nothing is shared: say what comes next, and offer no button that
            # could only refuse (feedback and agreeing need a shared draft)
            plan = store.plan(pid, year)
            line = (f"The {year} goals are agreed (the form below holds them, with the feedback given). Should "
                    f"{ctx.person.name} propose a change on their own page, their draft appears here with a box for "
                    "your feedback." if plan is not None and plan.status == "agreed" else
                    f"Nothing to give feedback on yet: {ctx.person.name} drafts their goals on their own page and "
                    "shares them, and a feedback box appears here for each; or write the plan with them in the form "
                    "below.")
            rows += [widgets.HTML(message_html("info", line)), self.message]
            self.box.children = rows
            return
        wide = widgets.Layout(width="190px")
        save = widgets.Button(description="Save feedback draft", icon="save", tooltip="they do not see a draft",
                              layout=wide)
        give = widgets.Button(description="Give feedback", icon="share", tooltip="they see it on their page", layout=wide)
        agree = widgets.Button(description="Agree these goals", button_style="success", icon="check", layout=wide,
                               tooltip="record the goals you agreed together, in their words, with your feedback")
        for button, css, handler in ((save, "wb-save-feedback", lambda _b: self.save()),
                                     (give, "wb-give-feedback", lambda _b: self.save(give=True)),
                                     (agree, "wb-agree-goals", lambda _b: self.agree())):
            button.add_class(css)
            button.on_click(handler)
        rows += [widgets.HBox([save, give, agree]), self.message]
        self.box.children = rows

    def _write(self, give: bool) -> None:
        """Save each feedback typed as your draft (``give``: and give it), in one transaction."""
        ctx = self.ctx
        with ctx.store.atomic():
            drafted = ctx.store.feedback_drafts(ctx.person_id, ctx.year)
            for pos, area in self.feedback.items():
                text = str(area.value).strip()
                if not text:
                    continue
                if text != drafted.get(pos):  # a draft left as saved is not written again: nor refused for a
                    # character refused since it was stored (decision 0019), so the other drafts save
                    ctx.store.save_draft(ctx.person_id, "feedback", ctx.year, pos, {"text": text})
                if give:
                    ctx.store.give_feedback(ctx.person_id, ctx.year, pos)

    def _held_back(self, not_done: str, then: str, discard_label: str, go_on: Any) -> bool:
        """Whether the page holds back this panel's write: it redraws the plan form below, so while that form has
        text typed and not saved the page asks first (keep editing, or discard it and ``then``), as a switch does;
        writing first and keeping the old form would leave it to save over the plan just written."""
        held_back = getattr(self.page, "held_back", None)
        return held_back is not None and bool(held_back(not_done, then, discard_label, go_on))

    def save(self, *, give: bool = False, discard: bool = False) -> bool:
        """Save the feedback typed as drafts (``give``: and give it); True when saved. Held back while the plan form
        below has text typed and not saved, unless ``discard`` (that text is dropped as the form is redrawn)."""
        ctx = self.ctx
        if not discard and self._held_back("Feedback not given" if give else "Feedback not saved",
                                           "give the feedback" if give else "save the feedback",
                                           "Discard and give" if give else "Discard and save",
                                           lambda: self.save(give=give, discard=True)):
            return False
        try:
            self._write(give)
        except WorkbookError as exc:
            self.message.value = message_html("error", f"{exc} (nothing was saved)")
            return False
        self.message.value = message_html("ok", "feedback given: they see it on their page" if give
                                          else "feedback saved as a draft: they do not see it yet")
        self._reload_page_form()
        self._saved(ctx.store.plan(ctx.person_id, ctx.year) if give else None)
        return True

    def agree(self, *, discard: bool = False) -> bool:
        """Record the agreed plan from their shared drafts (with the feedback typed, given); True when saved. Held
        back while the plan form below has text typed and not saved, unless ``discard``."""
        ctx = self.ctx
        if not discard and self._held_back("Not agreed", "record the agreed goals", "Discard and agree",
                                           lambda: self.agree(discard=True)):
            return False
        try:
            with ctx.store.atomic():
                self._write(give=False)
                findings = ctx.store.agree_goals(ctx.person_id, ctx.year)
        except WorkbookError as exc:
            self.message.value = message_html("error", f"{exc} (nothing was saved)")
            return False
        extra = f" ({'; '.join(f.message for f in findings)})" if findings else ""
        self.message.value = message_html("ok", f"the {ctx.year} goals are agreed{extra}")
        self._reload_page_form()
        self._saved(ctx.store.plan(ctx.person_id, ctx.year))
        return True

    def _reload_page_form(self) -> None:
        """The plan form below shows the plan and your feedback as the store now has them (what was typed in it and
        not saved held the write back until discarded)."""
        reload = getattr(self.page, "reload_form", None)
        if reload is not None:
            reload(discard=True)

    def _saved(self, model: Any) -> None:
        if self.page is not None and model is not None:  # the plan changed: the page's reports redraw (and this)
            for callback in list(self.page.on_saved):
                callback(model)
            return
        for callback in list(self.on_saved):
            callback(model)


def show_goals_side(ctx: StageContext, page: Saves | None = None) -> GoalsSidePanel:
    """Display the report's shared drafts beside feedback and the agreed goal, and the feedback panel."""
    panel = GoalsSidePanel(ctx, page)
    show_live(lambda: render.goals_side_html(panel.ctx.store, panel.ctx.person_id, panel.ctx.year), panel)
    panel._ipython_display_()
    return panel


def show_prework_side(ctx: StageContext, page: Saves | None = None) -> None:
    """Display the report's understanding of each objective beside the supplement; refreshed on save/switch."""
    show_live(lambda: render.prework_side_html(ctx.store, ctx.person_id, ctx.quarter), page)


def show_check_in_prep(ctx: StageContext, page: Saves | None = None) -> None:
    """Display what the report prepared for this check-in (the top of the check-in)."""
    show_live(lambda: render.prep_html(ctx.store, ctx.person_id, ctx.quarter, ctx.as_of), page)


def show_trials_side(ctx: StageContext, page: Saves | None = None) -> None:
    """Display the trial runs the report shared."""
    show_live(lambda: render.trials_side_html(ctx.store, ctx.person_id, ctx.quarter), page)
