"""Push and pull notes: save one, change its visibility, mark its follow-up done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import InputError, NotFound
from ..core.model import (
    Note,
)
from ..core.visibility import Audience, note_audience, strictest
from .base import _new_id
from .door import check_conversation_ahead, check_dates, check_order
from .history import Change, FieldChange, HistoryStore, diff_fields, value_text
from .schema import changes_t, notes_t, people_t
from .sealing import SEALED_FIELDS, SealStore


class NotesStore(SealStore, HistoryStore):
    """Push and pull notes, each with its author (a private note is readable by its author only, and sealed
    with their key when they have one: see :mod:`workbook.store.sealing`; so are its words in the change log)."""

    def _default_author(self, conn: Connection, person_id: str) -> str | None:
        """The writing user's person; for the owner, the person's manager (None: the owner themselves)."""
        actor = self.actor()
        if actor.person is not None:
            return actor.person
        return conn.execute(sa.select(people_t.c.manager_id).where(people_t.c.id == person_id)).scalar()

    def add_note(self, note: Note) -> int:
        """Save one push/pull note; returns its id. Its author is ``note.author`` or the default above. InputError
        (nothing written) for an implausible date, or a date more than CHECK_IN_DAYS_AHEAD days ahead (see
        :mod:`workbook.store.door`)."""
        with self.atomic() as conn:
            self._require_person(conn, note.person)
            values = note.model_dump(exclude={"id", "person", "author"})
            self.refuse_lookalike(values)
            author = note.author or self._default_author(conn, note.person)
            check_dates(conn, note.person, {"date": (None, note.date), "follow_up_due": (None, note.follow_up_due)},
                        where="note")
            check_conversation_ahead(None, note.date, record="note", where=f"note with {note.person}")
            check_order(("the note's date", None, note.date), ("follow-up due", None, note.follow_up_due),
                        why="a follow-up comes after the conversation", where="note")
            key = self._write_key() if note.visibility == "private" and self.seals_for(author) else None
            if key is None:
                note_id = _new_id(conn.execute(notes_t.insert().values(person_id=note.person, author_id=author, **values)))
            else:
                # the row first without its words (its id is part of the sealed text's associated data), then
                # sealed: the clear text never reaches the database
                note_id = _new_id(conn.execute(notes_t.insert().values(
                    person_id=note.person, author_id=author, **{**values, "text": "", "follow_up": ""})))
                conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(**self._sealed_values(
                    key, note_id, note.person, author, {"text": values["text"], "follow_up": values["follow_up"]})))
            self._log(conn, note.person, "note", note_id, "add", note_label(note.date, note.direction, note.topic),
                      audience=note_audience(note.visibility))
            return note_id

    def notes_of(self, person_id: str) -> list[Note]:
        """A person's notes this reader may read, oldest first, their sealed words opened for their author (a
        marker where they cannot be)."""
        with self._read() as conn:
            rows = [dict(r) for r in conn.execute(sa.select(notes_t).where(notes_t.c.person_id == person_id)
                                                  .order_by(notes_t.c.date, notes_t.c.id)).mappings()]
        return [Note.model_validate({"person": r["person_id"], "author": r["author_id"],
                                     **{k: r[k] for k in (*NOTE_FIELDS, "id")}}, context={"stored": True})
                for r in self._unseal_rows(rows)]

    def set_note_visibility(self, note_id: int, visibility: str) -> None:
        """Share a private note or make a shared one private; a note made private takes its history with it
        (:meth:`make_note_history_private`). InputError for another visibility, NotFound for an unknown note,
        KeyProblem when a sealed note cannot be opened to be shared."""
        if visibility not in ("private", "shared"):
            raise InputError(f"visibility {visibility!r} must be 'private' or 'shared'")
        with self.atomic() as conn:
            old = self._note_row(conn, note_id, opened=False)
            words = self._words_going_private(conn, old, visibility)
            if visibility == "shared":  # a shared note is printed in summaries: its words in clear (its author only)
                self.unseal_note_row(conn, note_id)
            conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(visibility=visibility))
            if visibility == "private":
                self.seal_note_row(conn, note_id)
            self._log_note_edit(conn, old, {**old, "visibility": visibility})
            if words is not None:
                self.make_note_history_private(conn, note_id, words)

    def set_follow_up_done(self, note_id: int, done: bool = True) -> None:
        """Mark the follow-up written on a note as done (or open again); NotFound for an unknown note."""
        with self.atomic() as conn:
            old = self._note_row(conn, note_id, opened=False)
            conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(follow_up_done=done))
            self._log_note_edit(conn, old, {**old, "follow_up_done": done})

    def _note_row(self, conn: Connection, note_id: int, *, opened: bool = True, strict: bool = True) -> dict[str, Any]:
        """The stored note (its columns by name), its sealed words opened for their author (``strict``: a
        KeyProblem when they cannot be, so an edit never writes a marker back; else the marker); NotFound for
        an unknown id."""
        row = conn.execute(sa.select(notes_t).where(notes_t.c.id == note_id)).mappings().first()
        if row is None:
            raise NotFound(f"no note with id {note_id}; `workbook note list PERSON` shows the ids")
        out = dict(row)
        if opened:
            out.update({f: self.open_value(row, f, strict=strict) for f in SEALED_FIELDS})
        return out

    def _note_values_to_store(self, old: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
        """An edited note's values as they are written: its words sealed when it is (still) private and the
        writer, its author, has a key; in clear when it is shared."""
        self.refuse_lookalike(values)
        if values.get("visibility", old["visibility"]) != "private" or not self.seals_for(old["author_id"]):
            return values
        return self._sealed_values(self._write_key(), old["id"], old["person_id"], old["author_id"], values)

    def _words_going_private(self, conn: Connection, old: dict[str, Any], visibility: str) -> list[dict[str, Any]] | None:
        """When a shared note is being made private: the words its change log holds in clear, read before the
        change (for :meth:`make_note_history_private`, called after it in the same transaction); else None."""
        if old["visibility"] == "shared" and visibility == "private":
            return self.note_log_words(conn, old["id"])
        return None

    def _log_note_edit(self, conn: Connection, old: dict[str, Any], new: dict[str, Any]) -> None:
        """Log a note's changed fields; every one is read as the note is (private when it was or is private)."""
        fields = diff_fields("note", old, new, old["visibility"], new["visibility"], only=NOTE_FIELDS)
        self._log(conn, old["person_id"], "note", old["id"], "edit", note_label(new["date"], new["direction"], new["topic"]),
                  fields, audience=strictest(note_audience(old["visibility"]), note_audience(new["visibility"])))

    # -- the change log keeps a private note's words sealed too ------------------------------------------------
    def _log(self, conn: Connection, person_id: str, record: str, record_id: int | None, action: str, label: str,
             fields: Sequence[FieldChange] = (), audience: Audience | None = None) -> int | None:
        """:meth:`HistoryStore._log`, with a private note's old and new words sealed with the writer's key."""
        if record == "note" and any(f.field in SEALED_FIELDS and f.audience == "private" for f in fields):
            key = self._write_key()
            fields = [_with(f, self._sealed_change(key, record_id, person_id, f.field, f.old, f.new))
                      if f.field in SEALED_FIELDS and f.audience == "private" else f for f in fields]
        return super()._log(conn, person_id, record, record_id, action, label, fields, audience)

    def history(self, person_id: str, *, shareable: bool = False) -> list[Change]:
        """:meth:`HistoryStore.history`, a private note's sealed words opened for the user who wrote them (the
        change's author); for anyone else, or without the key, the marker."""
        changes = super().history(person_id, shareable=shareable)
        sealed = [c for c in changes if c.record == "note" and any(
            self.change_value_sealed(v) for f in c.fields for v in (f.old, f.new))]
        if not sealed:
            return changes
        with self._read() as conn:
            authors = dict(conn.execute(sa.select(changes_t.c.id, changes_t.c.author_id)
                                        .where(changes_t.c.id.in_([c.id for c in sealed]))).all())
        opened = {c.id: replace(c, fields=tuple(
            _with(f, self._opened_change(authors.get(c.id), c.record_id, c.person, f.field, f.old, f.new))
            if f.field in SEALED_FIELDS else f for f in c.fields)) for c in sealed}
        return [opened.get(c.id, c) for c in changes]


def _with(f: FieldChange, values: dict[str, str | None]) -> FieldChange:
    return replace(f, old=values["old"], new=values["new"])


NOTE_FIELDS = ("date", "direction", "topic", "setting", "text", "visibility", "follow_up", "follow_up_due",
               "follow_up_done")


def note_label(date: Any, direction: str, topic: str) -> str:
    """Which note, without its words: e.g. ``note of 2027-01-10 (pull: interests)``."""
    return f"note of {value_text(date)} ({direction}: {topic})"
