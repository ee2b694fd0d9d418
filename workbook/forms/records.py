"""The records a page lists, each with an Edit and a Delete control: Edit loads it into the form above, Delete asks once.

A :class:`RecordList` is built from rows (an id and a line of escaped markup) and two callbacks; it draws
the rows again after every change. Deleting shows one question in the row itself ("Delete ...?" with
Delete and Keep); only the second click deletes, in one transaction, logged with its old values.
Stable CSS classes for browser tests: ``wb-records``, ``wb-record``, ``wb-record-edit``,
``wb-record-delete``, ``wb-confirm-delete``, ``wb-keep``, ``wb-records-status``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from ..core import clock
from ..core.dates import implausible_date, to_date
from ..core.errors import WorkbookError
from ..core.labels import plural, short, track_level
from ..render.html import escape, message_html
from .base import line_with_buttons

__all__ = ["RecordList", "Row", "ask_once", "note_rows", "check_in_rows", "people_rows", "writes_people"]


@dataclass(frozen=True)
class Row:
    """One listed record: its id, what the row says (trusted markup, user text escaped) and the question
    delete asks."""

    key: Any  # a record's id (a person's is their slug)
    html: str
    question: str


def _button(label: str, css: str, style: str = "", icon: str = "") -> widgets.Button:
    b = widgets.Button(description=label, button_style=style, icon=icon, tooltip=label,
                       layout=widgets.Layout(width="auto"))
    b.add_class(css)
    return b


class RecordList:
    """Rows with Edit and Delete. ``rows()`` lists them; ``on_edit(key)`` loads one into the form;
    ``on_delete(key)`` deletes it and returns what to say; ``on_change()`` runs after a delete (the page
    redraws its reports). Without ``on_edit`` and ``on_delete`` the rows are read only: no buttons."""

    def __init__(self, title: str, rows: Callable[[], list[Row]], on_edit: Callable[[Any], None] | None,
                 on_delete: Callable[[Any], str] | None, on_change: Callable[[], None] | None = None, empty: str = "Nothing yet.",
                 note: str = "", delete_label: str = "Delete") -> None:
        self.title, self.rows_fn, self.on_edit, self.on_delete = title, rows, on_edit, on_delete
        self.delete_label = delete_label
        self.on_change = on_change
        self.empty, self.note = empty, note
        self.status = widgets.HTML("")
        self.status.add_class("wb-records-status")
        self.box = widgets.VBox([])
        self.widget = widgets.VBox([], layout=widgets.Layout(border_top="1px solid #d0d7de", margin="10px 0 0 0",
                                                             padding="4px 0 0 0"))
        self.widget.add_class("wb-records")
        self.edit_buttons: dict[Any, widgets.Button] = {}
        self.delete_buttons: dict[Any, widgets.Button] = {}
        self.refresh()

    def refresh(self) -> None:
        """Draw the rows again (after a save, an edit or a delete)."""
        try:
            rows = self.rows_fn()
        except WorkbookError as exc:
            self.status.value = message_html("error", str(exc))
            rows = []
        self.edit_buttons, self.delete_buttons = {}, {}
        lines: list[widgets.Widget] = []
        for row in rows:
            lines.append(self._line(row))
        if not lines:
            lines = [widgets.HTML(f'<p style="color:#666;margin:2px 0"><i>{escape(self.empty)}</i></p>')]
        head = (f'<h4 style="margin:4px 0 2px">{escape(self.title)}</h4>'
                + (f'<p style="color:#555;margin:0 0 4px;line-height:1.4">{escape(self.note)}</p>' if self.note else ""))
        self.box.children = lines
        self.widget.children = [widgets.HTML(head), self.box, self.status]

    def _line(self, row: Row) -> widgets.Widget:
        label = widgets.HTML(f'<div style="line-height:1.35">{row.html}</div>', layout=widgets.Layout(width="600px"))
        buttons: list[widgets.Widget] = []
        if self.on_edit is not None:
            edit = _button("Edit", "wb-record-edit", icon="pencil")
            edit.on_click(lambda _b, k=row.key: self.edit(k))
            self.edit_buttons[row.key] = edit
            buttons.append(edit)
        confirm_box = widgets.HBox([])
        if self.on_delete is not None:
            delete = _button(self.delete_label, "wb-record-delete",
                             icon="trash" if self.delete_label == "Delete" else "archive")
            self.delete_buttons[row.key] = delete
            delete.on_click(lambda _b: self.ask(row, confirm_box))
            buttons.append(delete)
        line = widgets.VBox([line_with_buttons(label, buttons), confirm_box])
        line.add_class("wb-record")
        return line

    # -- actions ------------------------------------------------------------------------------------------------
    def edit(self, key: Any) -> None:
        """Load record ``key`` into the form above."""
        self.status.value = ""
        if self.on_edit is not None:
            self.on_edit(key)

    def ask(self, row: Row, box: widgets.HBox) -> None:
        """The one question before a delete, in the row itself."""
        ask_once(box, row.question, self.delete_label, lambda: self.delete(row.key))

    def delete(self, key: Any) -> bool:
        """Delete record ``key`` (the confirmation was given); redraw and say what happened."""
        if self.on_delete is None:
            return False
        try:
            said = self.on_delete(key)
        except WorkbookError as exc:
            self.status.value = message_html("error", f"Nothing deleted: {exc}")
            return False
        self.refresh()
        self.status.value = message_html("ok", said)
        if self.on_change is not None:
            self.on_change()
        return True


def ask_once(box: widgets.Box, question: str, label: str, do: Callable[[], Any], *, icon: str = "trash") -> None:
    """Show ``question`` in ``box`` with a red ``label`` button (runs ``do``) and Keep (closes the question)."""
    yes = _button(label, "wb-confirm-delete", style="danger", icon=icon)
    keep = _button("Keep", "wb-keep")

    def go(_b: Any) -> None:
        box.children = []
        do()

    yes.on_click(go)
    keep.on_click(lambda _b: setattr(box, "children", []))
    box.children = [widgets.HTML(f'<span style="color:#b00020;margin-right:6px">{escape(question)}</span>'), yes, keep]


# -- the rows of each stage --------------------------------------------------------------------------------------
def _date_flag(day: Any, started: dt.date | None) -> str:
    problem = implausible_date(to_date(day), started=started)
    return f' <b style="color:#b00020">fix the date: {escape(problem)}</b>' if problem else ""


def note_rows(store: Any, person_id: str, limit: int = 12) -> list[Row]:
    """The person's newest notes (and any with a date to fix), private ones marked."""
    person = store.person(person_id)
    frame = store.notes_frame(person_id, include_private=True)
    rows = []
    for i, n in enumerate(frame.itertuples()):
        flag = _date_flag(n.date, person.started)
        if i >= limit and not flag:
            continue
        private = ' <small style="color:#1f5f8b">[private]</small>' if n.visibility == "private" else ""
        rows.append(Row(int(n.id), f"<b>{escape(str(n.date))}</b> {escape(n.direction)}: {escape(n.topic)}{private}"
                        f"{flag}<br><span style=\"color:#333\">{escape(short(n.text, 110))}</span>",
                        f"Delete this {n.direction} note of {n.date}?"))
    return rows


def check_in_rows(store: Any, person_id: str, quarter: str | None = None) -> list[Row]:
    """The person's check-ins (of ``quarter`` when given), newest first, with what each recorded."""
    person = store.person(person_id)
    rows = []
    for c in reversed(store.check_ins(person_id, quarter)):
        statuses = ", ".join(f"O{s.objective}·KR{s.key_result} {s.status.replace('_', ' ')}" for s in c.key_results)
        parts = [statuses or "no key result discussed"]
        if c.obstacles:
            parts.append(plural(len(c.obstacles), "obstacle"))
        if c.trial_runs:
            parts.append(plural(len(c.trial_runs), "trial run"))
        if c.actions:
            parts.append(plural(len(c.actions), "action"))
        rows.append(Row(int(c.id), f"<b>{escape(str(c.date))}</b> {escape(c.mode)}{_date_flag(c.date, person.started)}"
                        f"<br><span style=\"color:#333\">{escape('; '.join(parts))}</span>",
                        f"Delete the check-in of {c.date} with everything recorded at it?"))
    return rows


def writes_people(store: Any) -> bool:
    """Whether the user may add and correct people (the workbook's owner, or a manager: whoever may ``write``
    someone on the team, archived or not), as the database decides; an HR partner, or a report with nobody under
    them, reads the team and writes nobody (a person is added and corrected by their manager)."""
    return bool(store.actor().owner or any(store.allowed("write", p.id) for p in store.my_team(include_archived=True)))


def people_rows(store: Any, as_of: dt.date | None = None) -> list[Row]:
    """The team (archived people left out), each with their place on the ladder on ``as_of`` (today by default;
    a promotion entered ahead is not in effect yet) and its history. In an organisation the user's own team
    (``my_team``: a manager's direct reports, never themself), the people whose rows they may correct."""
    from ..stages.people import format_level_history, team_as_of

    rows = []
    for p in team_as_of(store, store.my_team(), as_of or clock.today()):
        boss = store.manager_label(p)  # the manager's name, as `workbook people` and the summaries print it
        place = " · ".join(x for x in (track_level(p.track, p.level), boss and f"manager {boss}") if x)
        history = format_level_history(store, p.id)
        rows.append(Row(p.id, f"<b>{escape(p.name)}</b> ({escape(p.id)})" + (f" {escape(place)}" if place else "")
                        + (f'<br><small style="color:#555">{escape(history)}</small>' if history else ""),
                        f"Archive {p.name}? Their records stay (export, history); the home page, team views and "
                        "batches leave them out. `workbook person unarchive` brings them back."))
    return rows
