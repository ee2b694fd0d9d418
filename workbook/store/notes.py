"""Push and pull notes: save one, change its visibility, mark its follow-up done."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import InputError, NotFound
from ..core.model import (
    Note,
)
from ..core.visibility import note_audience, strictest
from .base import _new_id
from .door import check_dates
from .history import HistoryStore, diff_fields, value_text
from .schema import notes_t, people_t


class NotesStore(HistoryStore):
    """Push and pull notes, each with its author (a private note is readable by its author only)."""

    def _default_author(self, conn: Connection, person_id: str) -> str | None:
        """The writing user's person; for the owner, the person's manager (None: the owner themselves)."""
        actor = self.actor()
        if actor.person is not None:
            return actor.person
        return conn.execute(sa.select(people_t.c.manager_id).where(people_t.c.id == person_id)).scalar()

    def add_note(self, note: Note) -> int:
        """Save one push/pull note; returns its id. Its author is ``note.author`` or the default above."""
        with self.atomic() as conn:
            self._require_person(conn, note.person)
            values = note.model_dump(exclude={"id", "person", "author"})
            author = note.author or self._default_author(conn, note.person)
            check_dates(conn, note.person, {"date": (None, note.date), "follow_up_due": (None, note.follow_up_due)},
                        where="note")
            note_id = _new_id(conn.execute(notes_t.insert().values(person_id=note.person, author_id=author, **values)))
            self._log(conn, note.person, "note", note_id, "add", note_label(note.date, note.direction, note.topic),
                      audience=note_audience(note.visibility))
            return note_id

    def set_note_visibility(self, note_id: int, visibility: str) -> None:
        if visibility not in ("private", "shared"):
            raise InputError(f"visibility {visibility!r} must be 'private' or 'shared'")
        with self.atomic() as conn:
            old = self._note_row(conn, note_id)
            conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(visibility=visibility))
            self._log_note_edit(conn, old, {**old, "visibility": visibility})

    def set_follow_up_done(self, note_id: int, done: bool = True) -> None:
        """Mark the follow-up written on a note as done (or open again); NotFound for an unknown note."""
        with self.atomic() as conn:
            old = self._note_row(conn, note_id)
            conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(follow_up_done=done))
            self._log_note_edit(conn, old, {**old, "follow_up_done": done})

    @staticmethod
    def _note_row(conn: Connection, note_id: int) -> dict[str, Any]:
        """The stored note (its columns by name); NotFound for an unknown id."""
        row = conn.execute(sa.select(notes_t).where(notes_t.c.id == note_id)).mappings().first()
        if row is None:
            raise NotFound(f"no note with id {note_id}; `workbook history PERSON` or the conversation log shows the ids")
        return dict(row)

    def _log_note_edit(self, conn: Connection, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Log a note's changed fields; every one is read as the note is (private when it was or is private)."""
        fields = diff_fields("note", old, new, old["visibility"], new["visibility"], only=NOTE_FIELDS)
        self._log(conn, old["person_id"], "note", old["id"], "edit", note_label(new["date"], new["direction"], new["topic"]),
                  fields, audience=strictest(note_audience(old["visibility"]), note_audience(new["visibility"])))


NOTE_FIELDS = ("date", "direction", "topic", "setting", "text", "visibility", "follow_up", "follow_up_due",
               "follow_up_done")


def note_label(date: Any, direction: str, topic: str) -> str:
    """Which note, without its words: e.g. ``note of 2027-01-10 (pull: interests)``."""
    return f"note of {value_text(date)} ({direction}: {topic})"

