"""The "My team" form: add a report in under a minute, with the ladder's tracks and levels as choices."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import ipywidgets as widgets

from ..core import clock
from ..core.errors import WorkbookError
from ..core.model import Person, check_slug
from ..core.rules import Finding
from ..stages.people import (
    add_person,
    edit_person,
    ladder_choices,
    ladder_options,
    reports_of,
    waiting_reports_linked,
    way_up_choices,
)
from ..store import Store
from .base import Form, choice_field, date_field, escape, text_field

__all__ = ["TeamForm", "suggest_id"]

_NO_LADDER = ("no ladder", "")
_NEXT_UP = ("the next level up", "")


def suggest_id(name: str) -> str:
    """An id from a name: the first name, lower-case, accents and spaces dropped ("Lucía Fernández" -> "lucia")."""
    first = (name.strip().split() or [""])[0]
    plain = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9_-]+", "", plain)[:64].strip("-_")


class TeamForm(Form):
    """Add one person: name, id (suggested from the name), ladder, track and level (chosen from the ladder,
    never typed), where the ladder forks above them the way up they chose, manager, start date and career
    motivations. Saving calls
    :func:`workbook.stages.people.add_person`; the fields clear for the next person."""

    title = "My team: add a report"
    save_label = "Add person"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.name = self.add(text_field("name", "Name", placeholder="e.g. Kim Lee", width="300px",
                                        field="person.name"))
        self.person_id = self.add(text_field("id", "Id", placeholder="short, lower-case: kim", width="200px",
                                             help="used in file names and links", field="person.id"))
        ladders = ladder_options(store)
        self.ladder = self.add(choice_field("ladder", "Career ladder", [*ladders, _NO_LADDER],
                                            ladders[0][1] if ladders else "", width="300px"))
        self.track = self.add(choice_field("track", "Track", [("—", "")], "", width="300px"))
        self.level = self.add(choice_field("level", "Level", [("—", "")], "", width="300px"))
        self.toward = self.add(choice_field("toward", "Way up", [_NEXT_UP], "", width="300px",
                                            help="where the ladder forks: the branch they chose"))
        self.manager = self.add(text_field("manager", "Manager", placeholder="you, or who they report to", width="300px",
                                           field="person.manager"))
        self.started = self.add(date_field("started", "Started"))
        self.motivations = self.add(text_field("motivations", "Career motivations", area=True, rows=2,
                                               placeholder="what they said in the onboarding 1:1",
                                               field="person.motivations"))
        for f, css in ((self.name, "wb-team-name"), (self.person_id, "wb-team-id"), (self.ladder, "wb-team-ladder"),
                       (self.track, "wb-team-track"), (self.level, "wb-team-level"), (self.toward, "wb-team-toward")):
            f.widget.add_class(css)
        self._id_touched = False
        self.name.widget.observe(self._on_name, names="value")
        self.person_id.widget.observe(self._on_id, names="value")
        self.ladder.widget.observe(lambda _c: self._load_tracks(), names="value")
        self.track.widget.observe(lambda _c: self._load_levels(), names="value")
        self.level.widget.observe(lambda _c: self._load_ways_up(), names="value")
        self._tracks: dict[str, list[tuple[str, str]]] = {}
        self._load_tracks()
        # editing a person of the team: the id stays, and a new level, track or ladder is dated (a promotion)
        self.editing: str | None = None
        self.effective = self.add(date_field("effective", "Takes effect", help="the day of the promotion or change"))
        self.effective.box.layout.display = "none"
        self.edit_line = widgets.HTML("")
        self.edit_line.add_class("wb-editing")
        self.cancel_button = widgets.Button(description="Cancel editing", icon="times",
                                            layout=widgets.Layout(width="auto", display="none"))
        self.cancel_button.add_class("wb-cancel-edit")
        self.cancel_button.on_click(lambda _b: self.stop_editing())
        self.body = [self.edit_line, self.name.box, self.person_id.box, self.ladder.box, self.track.box, self.level.box,
                     self.toward.box, self.effective.box, self.manager.box, self.started.box, self.motivations.box,
                     widgets.HBox([self.cancel_button])]
        self.on_saved.append(lambda _p: self.clear_for_next())

    # -- live behaviour ---------------------------------------------------------------------------------------
    def _on_name(self, change: dict[str, Any]) -> None:
        if not self._id_touched:
            self._setting_id = True
            self.person_id.value = suggest_id(change["new"])
            self._setting_id = False

    def _on_id(self, _change: dict[str, Any]) -> None:
        if not getattr(self, "_setting_id", False):
            self._id_touched = bool(self.person_id.value)

    def _load_tracks(self) -> None:
        self.ladder.set_error("")
        self._tracks = {}
        if self.ladder.value:
            try:
                self._tracks = ladder_choices(self.ladder.value).tracks
            except WorkbookError as exc:
                self.ladder.set_error(str(exc))
        options = [(t, t) for t in self._tracks] or [("—", "")]
        self.track.widget.options = options
        self.track.widget.value = options[0][1]
        self._load_levels()

    def _load_levels(self) -> None:
        levels = self._tracks.get(self.track.value, [])
        options = [(key if name == key else f"{key}: {name}", key) for key, name in levels] or [("—", "")]
        self.level.widget.options = options
        self.level.widget.value = options[0][1]
        self._load_ways_up()

    def _load_ways_up(self) -> None:
        """The levels above the chosen one to head for, shown only where the ladder forks above it."""
        choices = way_up_choices(self.ladder.value, self.track.value, self.level.value) if self.ladder.value else []
        self.toward.widget.options = [_NEXT_UP, *choices]
        self.toward.widget.value = ""
        self.toward.box.layout.display = "" if choices else "none"

    def edit(self, person_id: str) -> None:
        """Load a person into the form; saving changes them (a new level, track or ladder dated "takes effect")."""
        p = self.store.person(person_id)
        self.clear_messages()
        if p.ladder and p.ladder not in [v for _label, v in self.ladder.widget.options]:
            self.ladder.widget.options = [*self.ladder.widget.options, (p.ladder, p.ladder)]
        self.name.value, self.person_id.value = p.name, p.id
        self.ladder.value = p.ladder
        if p.track in [v for _label, v in self.track.widget.options]:
            self.track.value = p.track
        if p.level in [v for _label, v in self.level.widget.options]:
            self.level.value = p.level
        if p.toward in [v for _label, v in self.toward.widget.options]:
            self.toward.value = p.toward
        self.manager.value, self.started.value, self.motivations.value = p.manager, p.started, p.motivations
        self.effective.value = clock.today()
        self.editing = p.id
        self.person_id.widget.disabled = True
        self.effective.box.layout.display = ""
        self.cancel_button.layout.display = ""
        self.save_button.description = "Save changes"
        self.edit_line.value = ('<div style="padding:4px 8px;margin:2px 0 6px;background:#fdf3e1;border-radius:4px">'
                                f"Editing {escape(p.name)} ({escape(p.id)}): a new level, track or ladder is dated on the "
                                "day it takes effect, then <b>Save changes</b>.</div>")

    def stop_editing(self) -> None:
        """Back to adding a person (the form is emptied)."""
        self.editing = None
        self.person_id.widget.disabled = False
        self.effective.box.layout.display = "none"
        self.cancel_button.layout.display = "none"
        self.save_button.description = self.save_label
        self.edit_line.value = ""
        self.clear_for_next()

    def clear_for_next(self) -> None:
        """Empty the person's own fields for the next one (their way up too: it is theirs, not the team's); keep
        the ladder, track and manager."""
        self._id_touched = False
        for f in (self.name, self.person_id, self.motivations, self.toward):
            f.value = ""
        self.started.value = None

    # -- saving -------------------------------------------------------------------------------------------------
    def pre_check(self) -> list[Finding]:
        out = []
        for f, what in ((self.name, "a name"), (self.person_id, "an id")):
            if not str(f.value).strip():
                f.set_error(f"required: give {what}")
                out.append(Finding("error", "required", f"the person needs {what}"))
        pid = str(self.person_id.value).strip()
        if pid and self.editing is None:
            try:
                check_slug(pid)
            except ValueError as exc:  # said under the Id field, not only under the form
                self.person_id.set_error(str(exc))
                out.append(Finding("error", "bad_id", str(exc)))
        return out

    def build_model(self) -> dict[str, Any]:
        return {"person_id": self.person_id.value.strip(), "name": self.name.value.strip(), "ladder": self.ladder.value,
                "track": self.track.value, "level": self.level.value, "toward": self.toward.value,
                "manager": self.manager.value,
                "motivations": self.motivations.value, "started": self.started.value}

    def write(self, model: dict[str, Any]) -> list[Finding]:
        self.person: Person
        if self.editing is not None:
            pid = model.pop("person_id")
            self.person = edit_person(self.store, pid, effective=self.effective.value, **model)
            self.stop_editing()
            return [Finding("info", "edited", f"{self.person.name} ({self.person.id}) changed; the old values are kept in "
                            f"their history (`workbook history {self.person.id}`).")]
        self.person = add_person(self.store, **model)
        linked = waiting_reports_linked(self.person, reports_of(self.store, self.person.id))
        return [Finding("info", "added", f"{self.person.name} ({self.person.id}) added and picked above: open a stage "
                        "for them, or add the next person." + (f" {linked}." if linked else ""))]
