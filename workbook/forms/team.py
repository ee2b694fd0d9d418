"""The "My team" form: add a report in under a minute, with the ladder's tracks and levels as choices."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..core.errors import WorkbookError
from ..core.model import Person
from ..core.rules import Finding
from ..core.visibility import field_audience
from ..stages.people import add_person, ladder_choices, ladder_files, stored_ladder_path
from ..store import Store
from .base import Form, choice_field, date_field, text_field

__all__ = ["TeamForm", "suggest_id"]

_NO_LADDER = ("no ladder", "")


def suggest_id(name: str) -> str:
    """An id from a name: the first name, lower-case, accents and spaces dropped ("Lucía Fernández" -> "lucia")."""
    first = (name.strip().split() or [""])[0]
    plain = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9_-]+", "", plain)[:64].strip("-_")


class TeamForm(Form):
    """Add one person: name, id (suggested from the name), ladder, track and level (chosen from the ladder,
    never typed), manager, start date and career motivations. Saving calls
    :func:`workbook.stages.people.add_person`; the fields clear for the next person."""

    title = "My team: add a report"
    save_label = "Add person"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.name = self.add(text_field("name", "Name", placeholder="e.g. Kim Lee", width="300px",
                                        audience=field_audience("person.name")))
        self.person_id = self.add(text_field("id", "Id", placeholder="short, lower-case: kim", width="200px",
                                             help="used in file names and links", audience=field_audience("person.id")))
        ladders = [(f.name, stored_ladder_path(f)) for f in ladder_files()]
        self.ladder = self.add(choice_field("ladder", "Career ladder", [*ladders, _NO_LADDER],
                                            ladders[0][1] if ladders else "", width="300px"))
        self.track = self.add(choice_field("track", "Track", [("—", "")], "", width="300px"))
        self.level = self.add(choice_field("level", "Level", [("—", "")], "", width="300px"))
        self.manager = self.add(text_field("manager", "Manager", placeholder="you, or who they report to", width="300px",
                                           audience=field_audience("person.manager")))
        self.started = self.add(date_field("started", "Started"))
        self.motivations = self.add(text_field("motivations", "Career motivations", area=True, rows=2,
                                               placeholder="what they said in the onboarding 1:1",
                                               audience=field_audience("person.motivations")))
        for f, css in ((self.name, "wb-team-name"), (self.person_id, "wb-team-id"), (self.ladder, "wb-team-ladder"),
                       (self.track, "wb-team-track"), (self.level, "wb-team-level")):
            f.widget.add_class(css)
        self._id_touched = False
        self.name.widget.observe(self._on_name, names="value")
        self.person_id.widget.observe(self._on_id, names="value")
        self.ladder.widget.observe(lambda _c: self._load_tracks(), names="value")
        self.track.widget.observe(lambda _c: self._load_levels(), names="value")
        self._tracks: dict[str, list[tuple[str, str]]] = {}
        self._load_tracks()
        self.body = [self.name.box, self.person_id.box, self.ladder.box, self.track.box, self.level.box,
                     self.manager.box, self.started.box, self.motivations.box]
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

    def clear_for_next(self) -> None:
        """Empty the person's own fields for the next one; keep the ladder, track and manager."""
        self._id_touched = False
        for f in (self.name, self.person_id, self.motivations):
            f.value = ""
        self.started.value = None

    # -- saving -------------------------------------------------------------------------------------------------
    def pre_check(self) -> list[Finding]:
        out = []
        for f, what in ((self.name, "a name"), (self.person_id, "an id")):
            if not str(f.value).strip():
                f.set_error(f"required: give {what}")
                out.append(Finding("error", "required", f"the person needs {what}"))
        return out

    def build_model(self) -> dict[str, Any]:
        return {"person_id": self.person_id.value.strip(), "name": self.name.value.strip(), "ladder": self.ladder.value,
                "track": self.track.value, "level": self.level.value, "manager": self.manager.value,
                "motivations": self.motivations.value, "started": self.started.value}

    def write(self, model: dict[str, Any]) -> list[Finding]:
        self.person: Person = add_person(self.store, **model)
        return [Finding("info", "added", f"{self.person.name} ({self.person.id}) added and picked above: open a stage "
                        "for them, or add the next person.")]
