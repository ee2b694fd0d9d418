"""The home page: the team and what is due per person, one click into each stage for a person, and the "My team" form.

The due list is :func:`workbook.stages.due.due_frame` (the same list `workbook due` prints). In the app
every due item links to its stage page for that person (the query string carries the person). In
JupyterLab a link cannot tell the next notebook who to open, so the page remembers the person picked
here for the workbook, and the stage notebooks open on them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from ..core import clock
from ..render.home import due_table_html, stage_links_html
from ..stages.due import due_frame
from ..stages.people import team_as_of
from ..store import Store
from ..store.location import remember_person, remembered_person
from .base import escape, form_style
from .page import notice_html
from .records import RecordList, people_rows, writes_people
from .team import TeamForm

__all__ = ["HomePage"]


class HomePage:
    """What the manager opens every week: who is due what (as of ``as_of``), a person picker with links
    into each stage for them, and the form that adds a person. ``in_app`` turns every due item into a link
    (Voila passes the link's query string to the stage page)."""

    def __init__(self, store: Store, as_of: dt.date, *, notice: str = "", in_app: bool = False) -> None:
        self.store = store
        self.as_of = as_of
        self.in_app = in_app
        self._link_day = None if as_of == clock.today() else as_of  # a page not on today passes its day on
        self.header = widgets.HTML(form_style() + (notice_html(notice) if notice else ""))
        self.day_picker = widgets.DatePicker(value=as_of, description="As of", layout=widgets.Layout(width="240px"),
                                             style={"description_width": "50px"})
        self.day_picker.add_class("wb-day-picker")
        self.person_picker = widgets.Dropdown(description="Work on", layout=widgets.Layout(width="330px"),
                                              style={"description_width": "60px"})
        self.person_picker.add_class("wb-person-picker")
        self.links = widgets.HTML("")
        self.links.add_class("wb-home-links")
        self.due = widgets.HTML("")
        self.due.add_class("wb-home-due")
        self.team_form = TeamForm(store)
        self.team_form.on_saved.append(self._person_added)
        # the team, each person with Edit (into the form above) and Archive (a leaver; asks once); for a user who
        # writes nobody (HR: the database refuses), the team read only and no form
        self.writes_people = writes_people(store)
        if self.writes_people:
            self.team_list = RecordList("Your team: correct someone, or archive a leaver",
                                        lambda: people_rows(store, self.as_of), self._edit_person, self._archive,
                                        lambda: self.refresh(), empty="Nobody yet.",
                                        note="Edit loads a person into the form above (a promotion is dated there); "
                                             "Archive keeps their records but leaves them out of this page, the team "
                                             "views and batches.", delete_label="Archive")
        else:
            self.team_list = RecordList("The team (read only)", lambda: people_rows(store, self.as_of), None, None,
                                        empty="Nobody yet.",
                                        note="Each person's manager adds, corrects and archives them; you read them here.")
        self.person_picker.observe(self._on_person, names="value")
        self.day_picker.observe(self._on_day, names="value")
        self.refresh()
        how = ("Each item opens its stage for that person." if in_app else
               "Pick a person above, then open a stage: it starts on the person picked (Run All Cells there).")
        self.top = widgets.VBox([self.header, widgets.HBox([self.person_picker, self.day_picker],
                                                           layout=widgets.Layout(grid_gap="12px"))])
        self.rest = widgets.VBox([
            widgets.HTML(f'<h3 style="margin:12px 0 2px">What is due</h3><p style="color:#555;margin:0 0 6px">'
                         f"A check-in when the last one is {store.limits().check_in_days}+ days old, follow-ups, trial runs to "
                         f"debrief, actions and support past their date, growth goals for the year, OKRs for the quarter, and quarters "
                         f"to close. {escape(how)}</p>"),
            self.due,
            widgets.HTML('<div style="height:12px"></div>'),
            *([self.team_form.render()] if self.writes_people else []),
            self.team_list.widget,
        ])
        self.top.add_class("wb-home-top")
        self.rest.add_class("wb-home-rest")
        self.team_form.widget.add_class("wb-team-form")
        self.widget = widgets.VBox([self.top, self.links, self.rest])
        self.widget.add_class("wb-home")

    # -- drawing --------------------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Redraw the picker, the links and the due list (after a person is added or the day changes)."""
        # in an organisation: your reports (the due list's people), never yourself; as they are on the page's day
        people = team_as_of(self.store, self.store.my_team(), self.as_of)
        options = [(f"{p.name} ({p.id})", p.id) for p in people]
        frame = due_frame(self.store, self.as_of)
        current = select or self.person_picker.value or remembered_person(self.store.path)
        if current not in {p.id for p in people}:
            current = frame["person"].iloc[0] if len(frame) else (people[0].id if people else None)
        self._refreshing = True
        self.person_picker.options = options
        self.person_picker.value = current
        self._refreshing = False
        self._show_links()
        self.due.value = due_table_html(frame, people, links=self.in_app, as_of=self._link_day,
                                        others=not people and self.store.nobody_reports_to_me())

    def _show_links(self) -> None:
        pid = self.person_picker.value
        if not pid:
            self.links.value = ""
            return
        self.links.value = stage_links_html(self.store.person(pid), self._link_day)

    # -- events -----------------------------------------------------------------------------------------------
    def _on_person(self, change: dict[str, Any]) -> None:
        if getattr(self, "_refreshing", False) or not change["new"]:
            return
        remember_person(self.store.path, change["new"])
        self._show_links()

    def _on_day(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        self.as_of = change["new"]
        self._link_day = None if self.as_of == clock.today() else self.as_of
        self.refresh()

    def _person_added(self, _model: Any) -> None:
        pid = self.team_form.person.id
        remember_person(self.store.path, pid)
        self.refresh(select=pid)
        self.team_list.refresh()

    def _edit_person(self, person_id: str) -> None:
        self.team_form.edit(person_id)

    def _archive(self, person_id: str) -> str:
        p = self.store.set_archived(person_id, True)
        if self.team_form.editing == person_id:
            self.team_form.stop_editing()
        return f"Archived {p.name} ({p.id}); `workbook person unarchive {p.id}` brings them back."

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in notebooks and the browser tests
        """In the app, one widget (its links carry the person in the query string). In JupyterLab the stage
        links are a plain HTML output between the picker and the list: JupyterLab opens such a link in a new
        tab (a link inside a widget would reload the whole of JupyterLab and ask to leave unsaved notebooks),
        and the stage starts on the person picked here, since it remembers them."""
        from IPython.display import HTML, display

        if self.in_app:
            display(self.widget)
            return
        display(self.top)
        display(HTML(stage_links_html(None)))
        display(self.rest)
