"""Push and pull notes: save one, change its visibility, mark its follow-up done."""

from __future__ import annotations

from ..core.errors import InputError, NotFound
from ..core.model import (
    Note,
)
from .base import StoreBase, _new_id
from .schema import notes_t


class NotesStore(StoreBase):
    """Push and pull notes."""

    def add_note(self, note: Note) -> int:
        """Save one push/pull note; returns its id."""
        with self.atomic() as conn:
            self._require_person(conn, note.person)
            values = note.model_dump(exclude={"id", "person"})
            return _new_id(conn.execute(notes_t.insert().values(person_id=note.person, **values)))

    def set_note_visibility(self, note_id: int, visibility: str) -> None:
        if visibility not in ("private", "shared"):
            raise InputError(f"visibility {visibility!r} must be 'private' or 'shared'")
        with self.atomic() as conn:
            if conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(visibility=visibility)).rowcount == 0:
                raise NotFound(f"no note with id {note_id}")

    def set_follow_up_done(self, note_id: int, done: bool = True) -> None:
        """Mark the follow-up written on a note as done (or open again); NotFound for an unknown note."""
        with self.atomic() as conn:
            if conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(follow_up_done=done)).rowcount == 0:
                raise NotFound(f"no note with id {note_id}")

