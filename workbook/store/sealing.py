"""Private notes sealed at rest: AES-GCM under the author's key at the Store's boundary, opened only by its author.

A private note's ``text`` and ``follow_up`` are stored as tokens ``wbseal1:<key id>:<base64url(nonce|ciphertext|tag)>``
(:func:`seal` / :func:`unseal`), with associated data binding each to its row (the field, the note's id, its
person and its author): a ciphertext copied onto another row, or into the other field, fails its integrity
check. Topic, date, direction and visibility stay in clear, so the puzzle, the due list and the rights work
without any key. The key never reaches the database (see :mod:`workbook.store.keys`); a process that only
reads shareable records (a summary, a team view, a batch) never loads it.

Who seals: the writing user, when they are the note's author (on SQLite the single user wrote every note).
An administrator importing notes written by someone else cannot: those stay clear until their author's first
open with a key, which seals all of their clear private notes in one transaction (SQLite: then VACUUM, so no
old plain text is left in free pages or the WAL).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import InputError
from .faults import fault_error
from .identity import IdentityStore
from .keys import OWNER_LABEL, WITHHELD, KeyProblem, Keyring, NoteKey, demo_keys_folder
from .schema import change_fields_t, changes_t, meta_t, notes_t, users_t

__all__ = ["DEMO_KEY_META", "PREFIX", "change_aad", "KEY_MISSING", "TAMPERED", "AUTHOR_FORGOTTEN", "SEALED_FIELDS", "SealStore", "key_ids_sealing", "seal", "unseal", "is_sealed",
           "sealed_key_id", "note_aad", "RotateResult"]

PREFIX = "wbseal1:"
KEY_MISSING = "[private note: key not available]"
TAMPERED = "[private note: failed its integrity check (altered or damaged); restore it from a backup]"
# an organisation database's note whose author was forgotten: sealed for them alone, it has no author now (the
# owner, who bypasses the rules, is the only one who sees the row); nothing can open it, and it was not altered
AUTHOR_FORGOTTEN = "[private note: its author was forgotten, and only they could open it]"
SEALED_FIELDS = ("text", "follow_up")
NONCE_BYTES = 12
DEMO_KEY_META = "demo.key"  # the demo workbook names its own key (kept in the demo's folder, never the user's)


def note_aad(field: str, note_id: int, person_id: str, author_id: str | None) -> bytes:
    """The associated data of one sealed field: which field of which note, about whom, by whom."""
    return "\x1f".join(("workbook-note-v1", field, str(int(note_id)), person_id, author_id or "")).encode("utf-8")


def change_aad(field: str, side: str, record_id: int | None, person_id: str) -> bytes:
    """The associated data of a private note's words in the change log: which field, old or new, of which
    note (None: a history restored from an export, whose notes have new ids), about whom."""
    return "\x1f".join(("workbook-change-v1", field, side, "" if record_id is None else str(int(record_id)),
                        person_id)).encode("utf-8")


def is_sealed(value: object) -> bool:
    """Whether a stored value is a sealed token (else clear text)."""
    return isinstance(value, str) and value.startswith(PREFIX)


def key_ids_sealing(rows: Iterable[Mapping[Any, Any]]) -> set[str]:
    """The ids of the keys that seal the sealed fields of the note ``rows``."""
    return {sealed_key_id(str(r[f])) for r in rows for f in SEALED_FIELDS if is_sealed(r[f])}


def sealed_key_id(value: str) -> str:
    """The id of the key a token was sealed with."""
    return value[len(PREFIX):len(PREFIX) + 16]


def seal(key: NoteKey, plain: str, aad: bytes) -> str:
    """``plain`` sealed with ``key`` (a fresh random nonce each time); the empty string stays empty (a note
    without a follow-up says no more sealed than clear)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if plain == "":
        return ""
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(key.secret).encrypt(nonce, plain.encode("utf-8"), aad)
    return f"{PREFIX}{key.id}:{base64.urlsafe_b64encode(nonce + body).decode('ascii').rstrip('=')}"


def unseal(key: NoteKey, token: str, aad: bytes) -> str:
    """The clear text of ``token``; KeyProblem when it was altered, moved to another row, or is damaged."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_sealed(token):
        return token
    try:
        raw = base64.urlsafe_b64decode(token[len(PREFIX) + 17:] + "=" * (-len(token[len(PREFIX) + 17:]) % 4))
        if len(raw) < NONCE_BYTES + 16 or sealed_key_id(token) != key.id:
            raise ValueError
        return AESGCM(key.secret).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad).decode("utf-8")
    except (InvalidTag, ValueError, UnicodeDecodeError):
        raise KeyProblem(f"a private note failed its integrity check (altered or damaged): {aad_label(aad)}; restore "
                         "the workbook from a backup") from None


def aad_label(aad: bytes) -> str:
    parts = aad.decode("utf-8", "replace").split("\x1f")
    return f"note {parts[2]} ({parts[1]}) about {parts[3]}" if len(parts) == 5 else "a note"


def missing_key_line(key_ids: list[str], folder: object) -> str:
    """One line for private notes sealed with keys the user does not hold: what to import, and not to make a
    new key (it could never open them)."""
    which = f"key {key_ids[0]}" if len(key_ids) == 1 else "keys " + ", ".join(key_ids)
    return (f"your private notes are sealed with {which}, not in {folder}: import it with `workbook key import FILE` "
            "(your key export)")


@dataclass(frozen=True)
class RotateResult:
    """What `workbook key rotate` did: the old and new key ids, how many notes it sealed again, and how many
    change-log entries holding a note's words (SQLite)."""

    old: str | None
    new: str
    notes: int
    logged: int = 0  # SQLite: change-log entries holding a private note's words, sealed again too
    kept: int = 0  # PostgreSQL: notes the author may read but no longer change (about someone not their report)
    kept_keys: frozenset[str] = frozenset()  # the keys those notes stay under (keep them)


class SealStore(IdentityStore):
    """Seal private notes on the way in, open them on the way out, for their author only."""

    _keyring: Keyring | None = None
    sealed_on_open: int = 0  # how many clear private notes the first open with a key sealed

    def __init__(self, *args: Any, keyring: Keyring | None = None, **kwargs: Any) -> None:
        """Open the workbook as :class:`~workbook.store.base.StoreBase` does; ``keyring``: the keys to use
        (default: the user's keys folder). The first writable open with a key seals the user's clear
        private notes (:meth:`seal_existing`)."""
        self._keyring = keyring
        super().__init__(*args, **kwargs)
        self._seal_on_open()

    # -- whose key -----------------------------------------------------------------------------------
    @property
    def keyring(self) -> Keyring:
        """The keys this process may use: the user's keys folder, or for the demo workbook the demo's own
        folder (set ``store.keyring`` to use another)."""
        if self._keyring is None:
            self._keyring = Keyring(demo_keys_folder()) if self._demo_key_id() else Keyring()
        return self._keyring

    @keyring.setter
    def keyring(self, value: Keyring) -> None:
        self._keyring = value

    def key_user(self) -> str:
        """The name the user's current key is kept under: ``owner`` for SQLite (its single user) and an
        organisation's administrator, else the organisation user's name."""
        actor = self.actor()
        return OWNER_LABEL if actor.owner else actor.name

    def seals_for(self, author_id: str | None) -> bool:
        """Whether this process writes as the author of a note by ``author_id`` (so seals it with its key)."""
        actor = self.actor()
        if not self.is_postgres:
            return True  # a SQLite workbook has one user, who wrote every note
        if actor.owner:
            return author_id is None
        return actor.person is not None and actor.person == author_id

    def _demo_key_id(self) -> str | None:
        """The demo workbook's own key (``demo.key`` in its meta table), or None for a manager's workbook."""
        if str(self.path) == ":memory:" and not self.is_postgres:
            return None
        with self._read() as conn:
            value = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == DEMO_KEY_META)).scalar()
        return str(value) if value else None

    def _write_key_id(self) -> str | None:
        return self._demo_key_id() or self.keyring.current_id(self.key_user())

    def _write_key(self) -> NoteKey | None:
        """The key new private notes are sealed with: the user's current key (the demo's, in the demo), or
        None when they have none and none of their notes is sealed yet (raises KeyProblem, one line, when they
        have one that cannot be opened, or hold none while their notes are sealed with one: a keys folder
        moved away. Never a silent clear write)."""
        if self.keyring.withheld:  # a batch's kernel: never a private note written in clear
            raise KeyProblem(WITHHELD)
        kid = self._write_key_id()
        if kid is not None and self._demo_key_id() and not self.keyring.has_key(kid):
            return None  # the demo copied without its key: it is fictional, nothing to protect
        if kid is None:
            missing = self.missing_key_ids()
            if missing:
                raise KeyProblem(missing_key_line(missing, self.keyring.folder))
            return None
        return self.keyring.key(kid)

    def missing_key_ids(self) -> list[str]:
        """The ids of keys the user's own sealed private notes need and their keyring does not hold, most used
        first: a keys folder moved or lost. Empty when every sealed note can be opened (or none is sealed)."""
        counts: dict[str, int] = {}
        with self._read() as conn:
            for row in self._own_private_notes(conn):
                for f in SEALED_FIELDS:
                    if is_sealed(row[f]):
                        kid = sealed_key_id(row[f])
                        counts[kid] = counts.get(kid, 0) + 1
        return sorted((k for k in counts if not self.keyring.has_key(k)), key=lambda k: (-counts[k], k))

    # -- the boundary ---------------------------------------------------------------------------------
    @staticmethod
    def refuse_lookalike(values: dict[str, Any], where: str = "note") -> None:
        """A note's words may not begin like a sealed value (they would be taken for one): InputError."""
        for f in SEALED_FIELDS:
            if is_sealed(values.get(f)):
                raise InputError(f"{where}: {f} may not begin with {PREFIX!r} (the mark of an encrypted note); "
                                 "reword its start")

    def _sealed_values(self, key: NoteKey | None, note_id: int, person_id: str, author_id: str | None,
                       values: dict[str, Any]) -> dict[str, Any]:
        """``values`` (some of text, follow_up) sealed for the note's row; unchanged without a key."""
        if key is None:
            return values
        return {f: seal(key, str(v), note_aad(f, note_id, person_id, author_id)) if f in SEALED_FIELDS else v
                for f, v in values.items()}

    def seal_note_row(self, conn: Connection, note_id: int) -> None:
        """Seal the clear text and follow-up of private note ``note_id`` in place, when the writer is its
        author and has a key (inside the caller's transaction)."""
        row = conn.execute(sa.select(notes_t).where(notes_t.c.id == note_id)).mappings().first()
        if row is None or row["visibility"] != "private" or not self.seals_for(row["author_id"]):
            return
        key = self._write_key()
        clear = {f: row[f] for f in SEALED_FIELDS if not is_sealed(row[f]) and row[f]}
        if key is None or not clear:
            return
        conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(
            **self._sealed_values(key, note_id, row["person_id"], row["author_id"], clear)))

    def adopt_notes_of(self, conn: Connection, author_id: str) -> int:
        """Before ``author_id`` is forgotten in a workbook of one's own: the notes they are the author of about
        other people become the owner's (author NULL), their private words sealed again for that author, inside
        the caller's transaction. (A workbook of one's own has one user, who wrote every note; a note's author is
        by default the person's manager. The foreign key's SET NULL alone left the seal bound to the old author,
        so the note failed its integrity check for good.) Returns how many notes changed hands; 0 on
        PostgreSQL, where a private note is its author's alone and goes unreadable with them. Raises KeyProblem
        (nothing changed) when a sealed note cannot be opened here."""
        if self.is_postgres:
            return 0
        rows = conn.execute(sa.select(notes_t).where(notes_t.c.author_id == author_id,
                                                     notes_t.c.person_id != author_id)).mappings().all()
        for row in rows:
            sealed = [f for f in SEALED_FIELDS if is_sealed(row[f])]
            values: dict[str, Any] = {"author_id": None}
            if sealed:
                opened = {f: self.open_value(row, f, strict=True) for f in sealed}
                values.update(self._sealed_values(self.keyring.key(sealed_key_id(row[sealed[0]])), int(row["id"]),
                                                  str(row["person_id"]), None, opened))
            conn.execute(notes_t.update().where(notes_t.c.id == row["id"]).values(**values))
        return len(rows)

    def notes_lost_with(self, author_id: str) -> int:
        """How many sealed private notes ``author_id`` wrote about other people that nobody will open once they
        are forgotten: on PostgreSQL, where such a note is its author's alone (0 on SQLite, where
        :meth:`adopt_notes_of` hands them to the owner). Counts what this reader may see (the owner: all)."""
        if not self.is_postgres:
            return 0
        with self._read() as conn:
            rows = conn.execute(sa.select(notes_t.c.text, notes_t.c.follow_up).where(
                notes_t.c.author_id == author_id, notes_t.c.person_id != author_id)).all()
        return sum(1 for text, follow_up in rows if is_sealed(text) or is_sealed(follow_up))

    def key_ids_of_author(self, author_id: str) -> set[str]:
        """The ids of the keys the sealed private notes ``author_id`` wrote name (what this reader may see; the
        owner: all): their keys, rotated out or current, that a forget of them retires. Empty on SQLite, where
        every note is the owner's."""
        if not self.is_postgres:
            return set()
        with self._read() as conn:
            rows = conn.execute(sa.select(notes_t.c.text, notes_t.c.follow_up).where(
                notes_t.c.author_id == author_id)).all()
        return {sealed_key_id(str(v)) for row in rows for v in row if is_sealed(v)}

    def _forgotten_author_notes(self, person_id: str) -> set[int]:
        """The private notes about ``person_id`` whose author was forgotten: on PostgreSQL the foreign key then sets
        a note's author to NULL, as the owner's own notes have it. One is told by its entry in the (append-only)
        change log, which still names who wrote it, or, for a note with no entry (an import), by its seal: a key
        that is not the owner's current one (an owner whose keys folder moved away is told so by any write). Sealed for them alone, nothing opens it. Empty on SQLite, where the owner
        adopts a forgotten author's notes."""
        if not self.is_postgres:
            return set()
        logged = sa.select(changes_t.c.id).where(
            changes_t.c.record == "note", changes_t.c.record_id == notes_t.c.id,
            changes_t.c.person_id == notes_t.c.person_id, changes_t.c.action == "add",
            changes_t.c.author_id.is_not(None)).exists()
        with self._read() as conn:
            rows = conn.execute(sa.select(notes_t.c.id, notes_t.c.text, notes_t.c.follow_up, logged.label("logged"))
                                .where(notes_t.c.person_id == person_id, notes_t.c.author_id.is_(None),
                                       notes_t.c.visibility == "private")).all()
        mine = self.keyring.current_id(OWNER_LABEL) if self.actor().owner else None
        return {int(r.id) for r in rows if r.logged or any(
            is_sealed(v) and sealed_key_id(str(v)) != mine for v in (r.text, r.follow_up))}

    def notes_of_forgotten_authors(self, person_id: str) -> int:
        """How many private notes about ``person_id`` this reader sees whose author was forgotten (an export
        leaves them out)."""
        return len(self._forgotten_author_notes(person_id))

    def private_notes_of_others(self, person_id: str) -> dict[str, int]:
        """The private notes about ``person_id`` this reader sees but another user wrote (their author's alone, so an
        export leaves them out), counted by author; a forgotten author's are :meth:`notes_of_forgotten_authors`'."""
        if not self.is_postgres:
            return {}
        forgotten = self._forgotten_author_notes(person_id)
        with self._read() as conn:
            rows = conn.execute(sa.select(notes_t.c.id, notes_t.c.author_id).where(
                notes_t.c.person_id == person_id, notes_t.c.visibility == "private")).all()
        counts: dict[str, int] = {}
        for row in rows:
            if int(row.id) not in forgotten and row.author_id is not None and not self.seals_for(row.author_id):
                counts[str(row.author_id)] = counts.get(str(row.author_id), 0) + 1
        return dict(sorted(counts.items()))

    def unseal_note_row(self, conn: Connection, note_id: int) -> None:
        """Store private note ``note_id``'s text and follow-up in clear (it is being shared): only its author,
        with their key, can. Raises KeyProblem otherwise."""
        row = conn.execute(sa.select(notes_t).where(notes_t.c.id == note_id)).mappings().first()
        if row is None:
            return
        opened = {f: self.open_value(row, f, strict=True) for f in SEALED_FIELDS if is_sealed(row[f])}
        if opened:
            conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(**opened))

    def open_value(self, row: Any, field: str, *, strict: bool = False) -> str:
        """One field of a note row (a mapping with id, person_id, author_id and ``field``) in clear for its
        author; for anyone else, or without the key, :data:`KEY_MISSING`; an altered ciphertext
        :data:`TAMPERED`. ``strict`` raises KeyProblem instead of returning a marker."""
        value = row[field]
        if not is_sealed(value):
            return "" if value is None else str(value)
        try:
            if not self.seals_for(row["author_id"]):  # only in the author's own process, never an administrator's
                raise KeyProblem("only a private note's author can read it")
            key = self.keyring.key(sealed_key_id(value))
        except KeyProblem:
            if strict:
                raise
            return AUTHOR_FORGOTTEN if self.is_postgres and row["author_id"] is None else KEY_MISSING
        try:
            return unseal(key, value, note_aad(field, int(row["id"]), str(row["person_id"]), row["author_id"]))
        except KeyProblem:
            if strict:
                raise
            return AUTHOR_FORGOTTEN if self.is_postgres and row["author_id"] is None else TAMPERED

    def _unseal_rows(self, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Note rows (dicts) with their sealed fields opened as :meth:`open_value` does."""
        out = []
        for row in rows:
            if any(is_sealed(row.get(f)) for f in SEALED_FIELDS):
                row = {**row, **{f: self.open_value(row, f) for f in SEALED_FIELDS if f in row}}
            out.append(row)
        return out

    def _unseal_frame(self, frame: Any) -> Any:
        """A notes DataFrame with its sealed fields opened (rows without a sealed value untouched)."""
        if not len(frame) or not any(f in frame.columns for f in SEALED_FIELDS):
            return frame
        cols = [f for f in SEALED_FIELDS if f in frame.columns]
        mask = frame[cols].map(is_sealed).any(axis=1)
        if not mask.any():
            return frame
        missing = [c for c in ("id", "person_id", "author_id") if c not in frame.columns]
        if missing:  # a narrow query: fetch the row facts the associated data needs
            with self._read() as conn:
                facts = {r.id: r for r in conn.execute(sa.select(notes_t.c.id, notes_t.c.person_id, notes_t.c.author_id)
                                                        .where(notes_t.c.id.in_([int(i) for i in frame.loc[mask, "id"]])))}
        frame = frame.copy()
        ids = [int(i) for i in frame["id"]]
        if missing:
            people = [facts[i].person_id if i in facts else None for i in ids]
            authors = [facts[i].author_id if i in facts else None for i in ids]
        else:
            people, authors = frame["person_id"].tolist(), frame["author_id"].tolist()
        # a frame built from notes with and without an author holds NaN for "no author" (the owner's own note)
        authors = [a if isinstance(a, str) else None for a in authors]
        for col in cols:  # column-wise: pandas' per-cell access would cost more than the cipher
            frame[col] = [self.open_value({"id": i, "person_id": p, "author_id": a, col: v}, col) if is_sealed(v) else v
                          for i, p, a, v in zip(ids, people, authors, frame[col].tolist(), strict=True)]
        frame.attrs["sealed_unavailable"] = int(
            sum(frame.loc[mask, c].isin([KEY_MISSING, TAMPERED, AUTHOR_FORGOTTEN]).sum() for c in cols))
        return frame

    def note_sealer(self) -> Any:
        """For a bulk import: a function sealing a private note's values for its row, when this writer is
        its author and has a key (the key is read once, at the first private note)."""
        cache: dict[str, NoteKey | None] = {}

        def sealer(note_id: int, person_id: str, author_id: str | None, values: dict[str, Any]) -> dict[str, Any]:
            self.refuse_lookalike(values, f"note about {person_id} of {values.get('date')}")
            if not self.seals_for(author_id):
                return values
            if "key" not in cache:
                cache["key"] = self._write_key()
            return self._sealed_values(cache["key"], note_id, person_id, author_id, values)

        return sealer

    def _notes_for_export(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The reader's own private notes opened (KeyProblem, one line, when their key is missing or a note
        was altered); private notes someone else wrote left out, a forgotten author's too
        (:meth:`notes_of_forgotten_authors` counts them)."""
        out = []
        forgotten = {i for pid in {row["person_id"] for row in rows} for i in self._forgotten_author_notes(pid)}
        for row in rows:
            if row.get("visibility") == "private" and not self.seals_for(row.get("author_id")):
                continue
            if row.get("id") in forgotten:  # not the owner's own, though its author is NULL now: nobody's
                continue
            opened = {f: self.open_value(row, f, strict=True) for f in SEALED_FIELDS if is_sealed(row.get(f))}
            out.append({**row, **opened})
        return out

    # -- a private note's words in the change log (store/notes.py logs and reads them) --------------------
    @staticmethod
    def change_value_sealed(value: object) -> bool:
        return is_sealed(value)

    def _sealed_change(self, key: NoteKey | None, record_id: int | None, person_id: str, field: str,
                       old: str | None, new: str | None) -> dict[str, str | None]:
        """A private note's old and new words as the change log keeps them: sealed with ``key`` (unchanged
        without one, as the note itself is then)."""
        if key is None:
            return {"old": old, "new": new}
        return {side: (seal(key, value, change_aad(field, side, record_id, person_id)) or None)
                if value and not is_sealed(value) else value for side, value in (("old", old), ("new", new))}

    def _opened_change(self, author_id: str | None, record_id: int | None, person_id: str, field: str,
                       old: str | None, new: str | None) -> dict[str, str | None]:
        """A change's sealed old and new words opened for the user who made the change; markers otherwise."""
        out: dict[str, str | None] = {}
        for side, value in (("old", old), ("new", new)):
            if not is_sealed(value):
                out[side] = value
                continue
            assert value is not None
            try:
                if not self.seals_for(author_id):
                    raise KeyProblem("only the change's author opens it")
                key = self.keyring.key(sealed_key_id(value))
            except KeyProblem:
                out[side] = KEY_MISSING
                continue
            try:
                out[side] = unseal(key, value, change_aad(field, side, record_id, person_id))
            except KeyProblem:
                out[side] = TAMPERED
        return out

    # -- existing notes, rotation -----------------------------------------------------------------------
    def _own_private_notes(self, conn: Connection) -> list[dict[str, Any]]:
        q = sa.select(notes_t.c.id, notes_t.c.person_id, notes_t.c.author_id, notes_t.c.text, notes_t.c.follow_up) \
            .where(notes_t.c.visibility == "private").order_by(notes_t.c.id)
        return [dict(r) for r in conn.execute(q).mappings() if self.seals_for(r["author_id"])]

    def clear_private_count(self) -> int:
        """How many of the user's own private notes are still stored in clear (SQLite: with the change log's
        entries that hold a private note's words in clear)."""
        with self._read() as conn:
            notes = sum(1 for r in self._own_private_notes(conn) if any(r[f] and not is_sealed(r[f]) for f in SEALED_FIELDS))
            if self.is_postgres or not conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log_fields'").first():
                return notes
            logged = conn.exec_driver_sql(
                "SELECT count(*) FROM change_log_fields f JOIN change_log c ON c.id = f.change_id WHERE c.record = "
                "'note' AND f.audience = 'private' AND f.field IN ('text', 'follow_up') AND ((f.old <> '' AND "
                "f.old NOT LIKE 'wbseal1:%') OR (f.new <> '' AND f.new NOT LIKE 'wbseal1:%'))").scalar_one()
            return notes + int(logged)

    def clear_private_in_others_names(self, author: str | None = None) -> list[str]:
        """The administrator of an organisation database: one line per other author whose private notes are in
        clear, saying what seals them. The administrator writes a private note in the name of the person's
        manager (an import, ``note add``) and holds no key of theirs, so it stays in clear, readable by the
        tables' owner, until that author's next open seals it (:meth:`_seal_on_open`), or ``user add`` for an
        author with no login yet; ``author`` alone when given. Empty on SQLite and for every other user (whose
        notes are their own)."""
        if not self.is_postgres or not self.actor().owner:
            return []
        counts: dict[str, int] = {}
        with self._read() as conn:
            q = sa.select(notes_t.c.author_id, notes_t.c.text, notes_t.c.follow_up).where(
                notes_t.c.visibility == "private", notes_t.c.author_id.is_not(None))
            if author is not None:
                q = q.where(notes_t.c.author_id == author)
            for row in conn.execute(q).mappings():
                if any(row[f] and not is_sealed(row[f]) for f in SEALED_FIELDS):
                    counts[str(row["author_id"])] = counts.get(str(row["author_id"]), 0) + 1
            logins = {str(p): str(n) for p, n in conn.execute(
                sa.select(users_t.c.person_id, users_t.c.name).where(users_t.c.person_id.in_(list(counts))))}
        lines = []
        for who, n in sorted(counts.items()):
            notes = f"{n} private note{'s' if n != 1 else ''}"
            lines.append(
                f"{notes} in {who}'s name {'is' if n == 1 else 'are'} in clear, readable with this "
                "administrator's login, until "
                + (f"user {logins[who]} next opens the workbook with their key (that seals them)" if who in logins
                   else f"`workbook user add NAME --person {who}` gives {who} a login and a key (that seals them)"))
        return lines

    def seal_existing(self, *, vacuum: bool = True) -> int:
        """Seal every clear private note the user wrote, in one transaction, with their current key; then
        (SQLite) VACUUM and truncate the WAL so no old plain text is left in free pages. Returns how many
        notes were sealed (0 without a key, or when none was clear)."""
        if self.keyring.withheld:
            return 0
        key = self._write_key()
        if key is None:
            return 0
        count = 0
        with self.atomic() as conn:
            for row in self._own_private_notes(conn):
                clear = {f: row[f] for f in SEALED_FIELDS if row[f] and not is_sealed(row[f])}
                if clear:
                    conn.execute(notes_t.update().where(notes_t.c.id == row["id"]).values(
                        **self._sealed_values(key, row["id"], row["person_id"], row["author_id"], clear)))
                    count += 1
            count += self._seal_logged_words(conn, key)
        if count and vacuum:
            self.scrub()
        return count

    def _seal_logged_words(self, conn: Connection, key: NoteKey) -> int:
        """SQLite: seal private notes' words that issue 12's change log holds in clear (written before this
        version), in the caller's transaction. PostgreSQL: the log cannot be rewritten by a user; its clear
        entries stay readable by their author only (row-level security)."""

        def sealed(fld: str, record_id: int | None, person_id: str, old: str | None, new: str | None):  # type: ignore[no-untyped-def]
            if not any(v and not is_sealed(v) for v in (old, new)):
                return None
            return self._sealed_change(key, record_id, person_id, fld, old, new)

        return self._rewrite_logged_words(conn, sealed)

    def _reseal_logged_words(self, conn: Connection, key: NoteKey) -> int:
        """SQLite: open every private note's words in the change log that another key sealed and seal them
        again with ``key``, in the caller's transaction (a rotation). One that cannot be opened (its key gone,
        or altered) raises KeyProblem, so the caller's transaction changes nothing."""

        def resealed(fld: str, record_id: int | None, person_id: str, old: str | None, new: str | None):  # type: ignore[no-untyped-def]
            if not any(is_sealed(v) and sealed_key_id(str(v)) != key.id for v in (old, new)):
                return None
            out: dict[str, str | None] = {}
            for side, value in (("old", old), ("new", new)):
                if not is_sealed(value) or sealed_key_id(str(value)) == key.id:
                    out[side] = value
                    continue
                aad = change_aad(fld, side, record_id, person_id)
                kid = sealed_key_id(str(value))
                if not self.keyring.has_key(kid):
                    note = f"note {record_id}" if record_id is not None else "a restored note"
                    raise KeyProblem(f"the change log keeps words of {note} about {person_id} under key {kid}, which "
                                     f"is not in {self.keyring.folder}; import it (`workbook key import FILE`) and "
                                     "rotate again (nothing was changed)")
                out[side] = seal(key, unseal(self.keyring.key(kid), str(value), aad), aad)
            return self._sealed_change(key, record_id, person_id, fld, out["old"], out["new"])

        return self._rewrite_logged_words(conn, resealed)

    def _rewrite_logged_words(self, conn: Connection, rewrite: Any) -> int:
        """SQLite: replace private notes' words in the change log by ``rewrite(field, record_id, person_id,
        old, new)`` (a dict with ``old`` and ``new``, or None to leave the entry), in the caller's transaction.
        The log is append-only: its guard triggers are dropped and made again around the update, inside the
        same transaction (all or nothing). PostgreSQL: nothing (a user cannot rewrite the log)."""
        if self.is_postgres or not conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log_fields'").first():
            return 0
        rows = conn.exec_driver_sql(
            "SELECT f.id, f.field, f.old, f.new, c.record_id, c.person_id FROM change_log_fields f "
            "JOIN change_log c ON c.id = f.change_id WHERE c.record = 'note' AND f.audience = 'private' "
            "AND f.field IN ('text', 'follow_up')").all()
        updates = []
        for fid, fld, old, new, record_id, person_id in rows:
            changed = rewrite(fld, record_id, person_id, old, new)
            if changed is not None:
                updates.append({"id": fid, "old": changed["old"], "new": changed["new"]})
        if not updates:
            return 0
        with _log_unguarded(conn, "change_log_fields"):
            conn.execute(sa.text("UPDATE change_log_fields SET old = :old, new = :new WHERE id = :id"), updates)
        return len(updates)

    # -- a note made private takes its history with it ---------------------------------------------------------
    @staticmethod
    def note_log_words(conn: Connection, note_id: int) -> list[dict[str, Any]]:
        """The words (text, follow-up) that note ``note_id``'s change-log entries hold in clear and this reader
        may read: ``{"id", "field", "old", "new"}`` per field row. Read it before the note turns private: on
        PostgreSQL the rules show a note's shared entries only while the note is shared."""
        rows = conn.execute(
            sa.select(change_fields_t.c.id, change_fields_t.c.field, change_fields_t.c.old, change_fields_t.c.new)
            .select_from(change_fields_t.join(changes_t, changes_t.c.id == change_fields_t.c.change_id))
            .where(changes_t.c.record == "note", changes_t.c.record_id == note_id,
                   change_fields_t.c.field.in_(SEALED_FIELDS))).mappings().all()
        return [dict(r) for r in rows if any(v and not is_sealed(v) for v in (r["old"], r["new"]))]

    def make_note_history_private(self, conn: Connection, note_id: int, words: list[dict[str, Any]]) -> int:
        """Note ``note_id`` was just made private (inside the caller's transaction): every earlier change-log
        entry about it becomes private too, as if the note had always been (no shareable output, report, skip-level
        or HR reads it, and sharing the note again later does not bring it back), and ``words`` (from
        :meth:`note_log_words`, read before the change) are sealed with the author's key when this writer is its
        author and holds one, as a private note's own words in the log are; without a key they stay as clear as the
        note itself, and the first open with one seals them. The log is append-only: on SQLite the guards are
        lifted inside this transaction only; on PostgreSQL ``wb_private_note_log`` (revision 0013, the note's
        author or the owner) makes this one narrowing change. Returns how many field rows became private."""
        row = conn.execute(sa.select(notes_t.c.person_id, notes_t.c.author_id, notes_t.c.visibility)
                           .where(notes_t.c.id == note_id)).mappings().first()
        if row is None or row["visibility"] != "private":
            return 0
        key = self._write_key() if words and self.seals_for(row["author_id"]) else None
        sealed = [] if key is None else [
            {"id": w["id"], **self._sealed_change(key, note_id, row["person_id"], w["field"], w["old"], w["new"])}
            for w in words]
        if self.is_postgres:
            return int(conn.execute(sa.text("SELECT wb_private_note_log(:note, CAST(:sealed AS jsonb))"),
                                    {"note": note_id, "sealed": json.dumps(sealed)}).scalar_one())
        return self._narrow_note_history(conn, note_id, row["person_id"], sealed)

    def close_deleted_note_history(self, conn: Connection, note_id: int, person_id: str) -> int:
        """SQLite: a deleted note's id is given to the next note when it was the highest (no AUTOINCREMENT), and
        the ``shareable_changes`` view, which reads a note's entries while a note of that id is shared, would then
        read the deleted note's history as the new one's: its entries are made private as it goes (inside the
        caller's transaction, after its delete is logged). PostgreSQL never gives an id twice: nothing to do."""
        if self.is_postgres:
            return 0
        return self._narrow_note_history(conn, note_id, person_id, [])

    @staticmethod
    def _narrow_note_history(conn: Connection, note_id: int, person_id: str, sealed: list[dict[str, Any]]) -> int:
        """SQLite: note ``note_id``'s change-log entries and fields made private, the ``sealed`` words (field row
        ``id``, ``old``, ``new``) put in; the append-only guards lifted for this transaction only."""
        entries = sa.select(changes_t.c.id).where(changes_t.c.record == "note", changes_t.c.record_id == note_id,
                                                  changes_t.c.person_id == person_id)
        with _log_unguarded(conn, "change_log", "change_log_fields"):
            if sealed:
                conn.execute(sa.text("UPDATE change_log_fields SET old = :old, new = :new WHERE id = :id"), sealed)
            done = conn.execute(change_fields_t.update().where(change_fields_t.c.change_id.in_(entries),
                                                               change_fields_t.c.audience == "shared")
                                .values(audience="private")).rowcount
            conn.execute(changes_t.update().where(changes_t.c.id.in_(entries), changes_t.c.audience == "shared")
                         .values(audience="private"))
        return int(done)

    def scrub(self) -> None:
        """SQLite: VACUUM (rebuild the file from live rows only) and truncate the WAL, so text that was
        replaced or erased is gone from free pages and ``-wal``. Outside any transaction; PostgreSQL: nothing
        (a dump holds live rows only; see docs/decisions/0007-private-notes-encrypted.md)."""
        if self.is_postgres or str(self.path) == ":memory:" or self.readonly:
            return
        raw = self.engine.raw_connection()  # outside SQLAlchemy's transaction: VACUUM refuses to run in one
        try:
            cur = raw.cursor()
            for sql in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"):
                cur.execute(sql)
            cur.close()
        except Exception as exc:  # a raw sqlite3 error: read-only, full, locked, damaged
            fault = fault_error(exc, self.path, writing=True)
            if fault is None:
                raise
            raise fault from exc
        finally:
            raw.close()

    def _seal_on_open(self) -> None:
        """The first open with a key seals the user's clear private notes (skipped read-only, and when the
        user has no key file: a passphrase is never asked for at open)."""
        if self.readonly:
            return
        try:
            kid = self._write_key_id()
            if kid is None or self.clear_private_count() == 0:
                return
            if not self.keyring.has_key(kid):
                return
            self.sealed_on_open = self.seal_existing()
        except KeyProblem:
            return  # a passphrase not given here: the next command on a terminal seals them

    def rotate_key(self, new: NoteKey) -> RotateResult:
        """Seal every private note the user wrote again with ``new`` (kept in the keyring beforehand), in one
        transaction: all of them or none. Raises KeyProblem (nothing changed) when one cannot be opened. On
        PostgreSQL a note about someone who is no longer the author's report can be read but not changed by them;
        it stays under its key, and the result counts it (``kept``, ``kept_keys``) instead of claiming it."""
        old = self.keyring.current_id(self.key_user())
        count = 0
        kept: dict[int, set[str]] = {}  # note id -> the keys it stays under
        try:
            with self.atomic() as conn:
                for row in self._own_private_notes(conn):
                    values = {}
                    for f in SEALED_FIELDS:
                        if row[f]:
                            plain = self.open_value(row, f, strict=True)
                            values[f] = seal(new, plain, note_aad(f, row["id"], row["person_id"], row["author_id"]))
                    if values:
                        done = conn.execute(notes_t.update().where(notes_t.c.id == row["id"]).values(**values))
                        if done.rowcount:
                            count += 1
                        else:  # PostgreSQL: the rules let the author read it but not change it (not their report)
                            kept[row["id"]] = {sealed_key_id(str(row[f])) for f in SEALED_FIELDS if is_sealed(row[f])}
                logged = self._reseal_logged_words(conn, new)
        except BaseException:
            # Rolled back (locked, a note that cannot be opened, a fault): nothing is sealed with the new key, so
            # its file goes too; a failed rotation leaves the keys folder as it was.
            if new.id != old:
                self.keyring.discard(new.id)
            raise
        self.keyring.set_current(self.key_user(), new.id)
        self.scrub()
        return RotateResult(old, new.id, count, logged, len(kept), frozenset().union(*kept.values()))

    def key_ids_in_use(self) -> set[str]:
        """The ids of the keys the user's sealed private notes in this workbook name."""
        with self._read() as conn:
            return key_ids_sealing(self._own_private_notes(conn))

    def count_sealed_with(self, key_ids: set[str]) -> int:
        """How many of the user's own private notes are sealed with one of the keys ``key_ids``."""
        with self._read() as conn:
            return sum(1 for r in self._own_private_notes(conn)
                       if any(is_sealed(r[f]) and sealed_key_id(r[f]) in key_ids for f in SEALED_FIELDS))

    def unsealing_problem(self) -> str:
        """Why the user's own sealed notes cannot all be opened in this process (a key not here, a wrong
        passphrase, keys withheld from a batch), as the key's own one-line error; "" when they can."""
        for kid in sorted(self.key_ids_in_use()):
            try:
                self.keyring.key(kid)
            except KeyProblem as exc:
                return str(exc)
        return ""

    def check_key(self, key: NoteKey) -> None:
        """Refuse (KeyProblem, one line) a key that opens none of the user's sealed notes here while some are
        sealed under another key: the wrong key for this workbook."""
        used = self.key_ids_in_use()
        if used and key.id not in used:
            raise KeyProblem(f"key {key.id} is not the key your private notes in {self.location} are sealed with "
                             f"({', '.join(sorted(used))}); import that one (`workbook key import FILE`)")


@contextmanager
def _log_unguarded(conn: Connection, *tables: str) -> Iterator[None]:
    """SQLite: the append-only guards of the change log's ``tables`` dropped for the block and made again after
    it, inside the caller's transaction (all or nothing: a failure rolls the drop back with the rest)."""
    names = ", ".join(f"'{t}'" for t in tables)
    triggers = conn.exec_driver_sql(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({names})").all()
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in triggers:
        conn.exec_driver_sql(sql)
