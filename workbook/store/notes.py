"""Push and pull notes: save one, change its visibility, mark its follow-up done."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import InputError, NotFound
from ..core.model import (
    Note,
)
from .base import _new_id
from .schema import notes_t, people_t
from .sealing import SealStore


class NotesStore(SealStore):
    """Push and pull notes, each with its author (a private note is readable by its author only, and sealed
    with their key when they have one: see :mod:`workbook.store.sealing`)."""

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
            self.refuse_lookalike(values)
            author = note.author or self._default_author(conn, note.person)
            key = self._write_key() if note.visibility == "private" and self.seals_for(author) else None
            if key is None:
                return _new_id(conn.execute(notes_t.insert().values(person_id=note.person, author_id=author, **values)))
            # the row first without its words (its id is part of the sealed text's associated data), then sealed:
            # the clear text never reaches the database
            note_id = _new_id(conn.execute(notes_t.insert().values(
                person_id=note.person, author_id=author, **{**values, "text": "", "follow_up": ""})))
            conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(**self._sealed_values(
                key, note_id, note.person, author, {"text": values["text"], "follow_up": values["follow_up"]})))
            return note_id

    def set_note_visibility(self, note_id: int, visibility: str) -> None:
        if visibility not in ("private", "shared"):
            raise InputError(f"visibility {visibility!r} must be 'private' or 'shared'")
        with self.atomic() as conn:
            if visibility == "shared":  # a shared note is printed in summaries: its words in clear (its author only)
                self.unseal_note_row(conn, note_id)
            if conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(visibility=visibility)).rowcount == 0:
                raise NotFound(f"no note with id {note_id}")
            if visibility == "private":
                self.seal_note_row(conn, note_id)

    def set_follow_up_done(self, note_id: int, done: bool = True) -> None:
        """Mark the follow-up written on a note as done (or open again); NotFound for an unknown note."""
        with self.atomic() as conn:
            if conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(follow_up_done=done)).rowcount == 0:
                raise NotFound(f"no note with id {note_id}")

