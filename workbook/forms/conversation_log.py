"""The quick-capture form for push and pull notes: one note in about ten seconds, private by default."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from ..core import clock
from ..core.model import PULL_TOPICS, PUSH_TOPICS, SETTINGS, Note, kept_texts
from ..core.rules import Finding
from ..core.visibility import note_audience
from ..render.conversation_log import FOLLOW_UPS_CLASS, puzzle_chart_html, puzzle_html, recent_notes_html
from ..render.html import breakable
from ..stages.context import StageContext
from ..stages.conversation_log import open_follow_ups, summaries_still_showing
from ..store import Store
from .base import LABEL_WIDTH, Form, choice_field, date_field, escape, text_field
from .live import Saves, show_live

__all__ = ["FollowUpsPanel", "NoteForm", "TOPICS_BY_DIRECTION", "follow_ups_panel", "show_recent_notes", "show_puzzle",
           "show_puzzle_chart"]

TOPICS_BY_DIRECTION = {"pull": PULL_TOPICS, "push": PUSH_TOPICS}
_DIRECTION_HELP = {
    "pull": "Pull: you learned something about them, a piece of their puzzle.",
    "push": "Push: you gave them information that helps them decide.",
}
_VISIBILITY_HINT = {
    "private": "Private: shown in your own stage notebooks (marked private), never in shared summaries.",
    "shared": "Shared: may appear in summaries the report sees. Keep anything sensitive private.",
}


class NoteForm(Form):
    """Capture one push or pull note for ``person_id``. The topic list follows the direction; the date
    defaults to ``as_of`` (today when None) and the visibility to private. After a save the text and the
    follow-up clear for the next note (direction, topic and setting stay); ``on_saved`` callbacks refresh
    the report.
    """

    title = "Log a career conversation"
    save_label = "Save note"

    def __init__(self, store: Store, person_id: str, as_of: dt.date | str | None = None) -> None:
        super().__init__()
        self.store = store
        self.person = store.person(person_id)  # NotFound names the known ids
        self.as_of = dt.date.fromisoformat(as_of) if isinstance(as_of, str) and as_of else (as_of or clock.today())
        self.title = f"Log a career conversation with {self.person.name}"
        self.direction = self.add(choice_field("direction", "Push or pull", ["pull", "push"], "pull", toggle=True))
        self.topic = self.add(choice_field("topic", "Topic", PULL_TOPICS, PULL_TOPICS[0]))
        self.text = self.add(text_field("text", "What was said", area=True, rows=3,
                                        placeholder="One or two sentences in your own words", audience="private"))
        self.setting = self.add(choice_field("setting", "Setting", SETTINGS, "1:1"))
        self.visibility = self.add(choice_field("visibility", "Visibility", ["private", "shared"], "private",
                                                toggle=True))
        self.date = self.add(date_field("date", "Date", self.as_of))
        self.follow_up = self.add(text_field("follow_up", "Follow-up (optional)",
                                             placeholder="e.g. Send the intro email to Kwame", audience="private"))
        self.follow_up_due = self.add(date_field("follow_up_due", "Follow-up due"))
        self.direction.widget.observe(self._on_direction, names="value")
        self.visibility.widget.observe(lambda _c: self._show_visibility_hint(), names="value")
        self.visibility.widget.add_class("wb-visibility")
        self.text.widget.add_class("wb-note-text")
        self._show_direction_hint()
        self._show_visibility_hint()
        # editing a listed note: the form loads it, "Save changes" writes it, "Cancel" goes back to a new note
        self.editing: int | None = None
        self.edit_line = widgets.HTML("")
        self.edit_line.add_class("wb-editing")
        self.cancel_button = widgets.Button(description="Cancel editing", icon="times", layout=widgets.Layout(width="auto",
                                                                                                         display="none"))
        self.cancel_button.add_class("wb-cancel-edit")
        self.cancel_button.on_click(lambda _b: self.stop_editing())
        self.body = [self.edit_line, self.direction.box, self.topic.box, self.text.box, self.setting.box,
                     self.visibility.box, self.date.box, self.follow_up.box, self.follow_up_due.box,
                     widgets.HBox([self.cancel_button])]
        self.on_saved.append(lambda _note: self.clear_for_next())

    # -- live behaviour -------------------------------------------------------------------------------
    def _on_direction(self, change: dict[str, Any]) -> None:
        topics = TOPICS_BY_DIRECTION[change["new"]]
        self.topic.widget.options = topics
        self.topic.widget.value = topics[0]
        self._show_direction_hint()

    def _show_direction_hint(self) -> None:
        d = self.direction.value
        self.direction.set_hint(f'<small style="color:#555;margin-left:{LABEL_WIDTH}">{escape(_DIRECTION_HELP[d])}</small>')

    def _show_visibility_hint(self) -> None:
        v = self.visibility.value
        color = "#1f5f8b" if v == "private" else "#8a5a00"
        self.visibility.set_hint(f'<small style="color:{color};margin-left:{LABEL_WIDTH}">{escape(_VISIBILITY_HINT[v])}</small>')
        for f in (self.text, self.follow_up):  # the note's words go where the toggle says
            f.set_audience(note_audience(v))

    def edit(self, note_id: int) -> None:
        """Load a saved note into the form; saving then changes it (its old values stay in its history)."""
        note = self.store.note(note_id)
        if note.person != self.person.id:
            raise ValueError(f"note {note_id} is about {note.person}, not {self.person.id}")
        self.clear_messages()
        self.direction.value = note.direction
        self.topic.value = note.topic
        self.text.value, self.setting.value, self.visibility.value = note.text, note.setting, note.visibility
        self.date.value, self.follow_up.value, self.follow_up_due.value = note.date, note.follow_up, note.follow_up_due
        self.editing = note_id
        self.save_button.description = "Save changes"
        self.cancel_button.layout.display = ""
        self.edit_line.value = ('<div style="padding:4px 8px;margin:2px 0 6px;background:#fdf3e1;border-radius:4px">'
                                f"Editing the {escape(note.direction)} note of {escape(str(note.date))}: change what was "
                                "wrong, then <b>Save changes</b>.</div>")

    def stop_editing(self) -> None:
        """Back to logging a new note (the form is emptied)."""
        self.editing = None
        self.save_button.description = self.save_label
        self.cancel_button.layout.display = "none"
        self.edit_line.value = ""
        self.clear_for_next()
        self.date.value = self.as_of

    def clear_for_next(self) -> None:
        """Empty the text and follow-up for the next note and set the visibility back to private (the next
        note may be the sensitive one); keep direction, topic, setting and date."""
        self.text.value = ""
        self.follow_up.value = ""
        self.follow_up_due.value = None
        self.visibility.value = "private"

    # -- saving ---------------------------------------------------------------------------------------
    def pre_check(self) -> list[Finding]:
        if self.follow_up_due.value is not None and not str(self.follow_up.value).strip():
            self.follow_up.set_error("a due date needs a follow-up: say what you will do")
            return [Finding("error", "follow_up_missing", "the follow-up has a due date but no text")]
        return []

    def build_model(self) -> Note:
        # a note being edited: its text kept as stored is not refused for a character refused since (decision 0019)
        kept = kept_texts(self.store.note(self.editing)) if self.editing is not None else frozenset()
        return Note.model_validate({"person": self.person.id, "date": self.date.value or self.as_of,
                                    "direction": self.direction.value, "topic": self.topic.value,
                                    "setting": self.setting.value, "text": self.text.value,
                                    "visibility": self.visibility.value, "follow_up": self.follow_up.value.strip(),
                                    "follow_up_due": self.follow_up_due.value}, context={"kept": kept})

    def write(self, model: Note) -> list[Finding]:
        if self.editing is not None:
            note_id = self.editing
            old = self.store.note(note_id)
            # only what was changed, as `workbook note edit` does: the store checks those as new input
            self.store.edit_note(note_id, **{k: v for k, v in model.model_dump(
                exclude={"id", "person", "follow_up_done", "author"}).items() if v != getattr(old, k)})
            self.stop_editing()
            said = [Finding("info", "edited_note", f"The note of {model.date} was changed; its old values are kept in "
                            f"{self.person.name}'s history (`workbook history {self.person.id}`).")]
            if old.visibility == "shared" and model.visibility == "private" and (
                    stale := summaries_still_showing(self.store, note_id)):
                said.append(Finding("warning", "summary_shows_note", stale[0].upper() + stale[1:] + "."))
            return said
        model.id = self.store.add_note(model)
        where = ("private: only in your own notebooks" if model.visibility == "private"
                 else "shared: it may appear in their quarterly summary")
        return [Finding("info", "saved_note", f"{model.direction.capitalize()} note on {model.topic} saved, {where}. "
                        "The next note starts private again.")]


class FollowUpsPanel:
    """The follow-ups due for a person, each with a "Done" button that marks it done in the workbook and
    takes it off the list (and off the stage-1 report). ``refresh()`` rebuilds it, e.g. after a new note."""

    def __init__(self, store: Store | None, person_id: str | None, as_of: dt.date | None = None) -> None:
        import ipywidgets as widgets

        self.store = store
        self.person_id = person_id
        self.as_of = as_of or clock.today()
        self.widget = widgets.VBox([])
        self.widget.add_class("wb-follow-ups")
        self.buttons: dict[int, Any] = {}
        self.refresh()

    def refresh(self, *_: Any) -> None:
        import ipywidgets as widgets

        if self.store is None or self.person_id is None:  # nobody in the workbook yet
            return
        frame = open_follow_ups(self.store, self.person_id, self.as_of)
        self.buttons = {}
        rows: list[Any] = []
        for r in frame.itertuples():
            due = f"due {r.due}" if r.due is not None else "no date"
            color = "#b00020" if r.state == "overdue" else "#555"
            label = widgets.HTML(f'<div style="line-height:1.3"><span style="color:{color}">{escape(r.state)}</span> '
                                 f"{breakable(r.follow_up)} <small style=\"color:#666\">({escape(due)}; from the note of "
                                 f"{escape(r.note_date)})</small></div>", layout=widgets.Layout(width="640px"))
            button = widgets.Button(description="Done", icon="check", layout=widgets.Layout(width="90px"))
            button.on_click(lambda _b, note_id=int(r.note_id): self.mark_done(note_id))
            self.buttons[int(r.note_id)] = button
            rows.append(widgets.HBox([label, button]))
        if not rows:
            rows = [widgets.HTML('<p style="color:#666"><i>No follow-up due.</i></p>')]
        # the stage report's copy of this list (for headless runs) is hidden where this panel shows
        rows.append(widgets.HTML(f"<style>.{FOLLOW_UPS_CLASS} {{display: none !important}}</style>"))
        self.widget.children = rows

    def mark_done(self, note_id: int) -> None:
        """Mark one follow-up done and redraw the list."""
        if self.store is not None:
            self.store.set_follow_up_done(note_id)
        self.refresh()

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in notebooks
        from IPython.display import display

        display(self.widget)


def follow_ups_panel(ctx: StageContext | None, form: Saves | None = None) -> FollowUpsPanel:
    """The follow-ups panel for the page's person, refreshed when a note is saved or the page switches
    to another person or day (empty while the workbook has nobody in it: ``ctx`` is None)."""
    if ctx is None:
        return FollowUpsPanel(None, None)
    panel = FollowUpsPanel(ctx.store, ctx.person_id, ctx.as_of)

    def follow(_saved: object) -> None:
        panel.person_id, panel.as_of = ctx.person_id, ctx.as_of
        panel.refresh()

    if form is not None:
        form.on_saved.append(follow)
    return panel


# -- the stage's live reports: shown under the form, refreshed after each save -------------------------------
def show_recent_notes(ctx: StageContext, form: Saves | None = None, limit: int = 8) -> None:
    """Context for the log: the newest notes (private ones marked), refreshed after each save."""
    show_live(lambda: recent_notes_html(ctx.store, ctx.person_id, ctx.as_of, limit), form)


def show_puzzle(ctx: StageContext, form: Saves | None = None) -> None:
    """The stage-1 report (puzzle, pushes given, suggested pushes, follow-ups due), refreshed after each save."""
    show_live(lambda: puzzle_html(ctx.store, ctx.person_id, ctx.as_of), form)


def show_puzzle_chart(ctx: StageContext, form: Saves | None = None) -> None:
    """The puzzle chart, redrawn after each save."""
    show_live(lambda: puzzle_chart_html(ctx.store, ctx.person_id, ctx.as_of), form)
