"""The record of generated files: which notebooks and PDFs the workbook made, who made them, and whom each is about."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import NotFound, OutputError
from .base import StoreBase
from .schema import generated_about_t, generated_t, meta_t, people_t

__all__ = ["GeneratedFile", "GeneratedStore", "FILES_HOME", "FOLDERS_LEFT", "OtherOwner", "recorded_in_file",
           "output_folder_of"]

# The ``meta`` key naming the SQLite file whose recorded files these are. A copy of a workbook (a backup,
# a `cp`) holds the same records, naming the same absolute paths: `forget` in the copy must not delete the
# files of the workbook it was copied from. Set when files are first recorded, and in every backup.
FILES_HOME = "files_home"
# The ``meta`` key listing (JSON) the output folders a restore left generated files in that the restored workbook
# does not record (made after the backup was taken): `forget` searches them for a person's files, as it does the
# folders of the files the workbook records.
FOLDERS_LEFT = "output_folders_left"


def recorded_in_file(db: Path, *, timeout: float = 5) -> dict[Path, str]:
    """The generated files workbook file ``db`` records (path -> kind), read as plain SQLite, read-only: another
    workbook (the one a copy was made from), or one about to be restored over, is never opened as a Store (that
    could migrate it). {} for a workbook from before files were recorded. Raises sqlite3.Error."""
    with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "generated_files" not in tables:
            return {}
        return {Path(path): kind for path, kind in conn.execute("SELECT path, kind FROM generated_files")}


def output_folder_of(path: Path, kind: str) -> Path | None:
    """The output folder (``--out``) a generated file of ``kind`` was made in: ``OUT/<quarter>/<person>/file`` for
    a person's summary, ``OUT/<x>/file`` for the rest (see workbook.run.outputs); None for a path too short to
    have one."""
    depth = 2 if kind.startswith("person") else 1
    return path.parents[depth] if len(path.parents) > depth else None


@dataclass(frozen=True)
class OtherOwner:
    """Recorded files that belong to another workbook, the one this one was copied from: ``home`` (its
    path), ``paths`` (the files it records too, never deleted from here) and ``unread`` (why it could not
    be read, when it could not: then every recorded file is treated as its)."""

    home: Path
    paths: frozenset[Path]
    unread: str = ""


@dataclass(frozen=True)
class GeneratedFile:
    """One recorded file: where it is, what it is (``stage``, ``summary``, ``team`` ...), its period,
    when it was made, the ids of the people it is about (those the reader may see) and the user who made
    it (None: the workbook's owner, the one user of a SQLite workbook)."""

    path: Path
    kind: str
    period: str
    made_at: str
    people: tuple[str, ...]
    made_by: str | None = None


class GeneratedStore(StoreBase):
    """What the workbook generated; `forget` removes exactly these files. In an organisation database a
    record is seen by the user who made it and by the manager of a person it is about, and added only by
    someone who makes outputs about those people (``read_files`` and ``make_files`` in store/rights.py)."""

    def record_files(self, conn: Connection, files: Sequence[tuple[Path, str, str]], about: Iterable[str]) -> None:
        """Record ``files`` (absolute path, kind, period) as made now and about the people ``about``,
        inside the caller's write transaction (``conn`` from :meth:`atomic`). A path recorded before is
        replaced. Raises NotFound, writing nothing, when one of the people is no longer in the workbook
        (forgotten while the file was being made): then the file must not be published; OutputError when
        another user of an organisation database recorded the same path (their file, not to be replaced)."""
        people = sorted(set(about))
        present: set[str] = set()
        for start in range(0, len(people), 500):
            chunk = people[start:start + 500]
            present |= set(conn.execute(sa.select(people_t.c.id).where(people_t.c.id.in_(chunk))).scalars())
        missing = [p for p in people if p not in present]
        if missing:
            raise NotFound(f"{', '.join(missing[:5])} left the workbook while the file was being made; it was not kept")
        made_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        self._claim_files_home(conn)
        for path, kind, period in files:
            conn.execute(generated_t.delete().where(generated_t.c.path == str(path)))
            try:
                key = conn.execute(generated_t.insert().values(path=str(path), kind=kind, period=period,
                                                               made_at=made_at)).inserted_primary_key
            except sa.exc.IntegrityError:  # a row our delete could not see: another user's file
                raise OutputError(f"{path} is recorded as made by another user of this workbook; give --out a "
                                  "folder of your own") from None
            assert key is not None
            file_id = key[0]
            if people:
                conn.execute(generated_about_t.insert(), [{"file_id": file_id, "person_id": p} for p in people])

    def drop_file_records(self, conn: Connection, paths: Iterable[Path | str]) -> int:
        """Forget the records of ``paths`` (inside the caller's transaction); returns how many there were."""
        names = [str(p) for p in paths]
        dropped = 0
        for start in range(0, len(names), 500):
            dropped += conn.execute(generated_t.delete().where(generated_t.c.path.in_(names[start:start + 500]))).rowcount
        return dropped

    def generated_files(self, person_id: str | None = None, *, kinds: Iterable[str] | None = None) -> list[GeneratedFile]:
        """Recorded files (about ``person_id`` when given; of ``kinds`` when given), oldest first."""
        query = sa.select(generated_t)
        if person_id is not None:
            query = query.where(generated_t.c.id.in_(
                sa.select(generated_about_t.c.file_id).where(generated_about_t.c.person_id == person_id)))
        if kinds is not None:
            query = query.where(generated_t.c.kind.in_(list(kinds)))
        with self._read() as conn:
            rows = conn.execute(query.order_by(generated_t.c.id)).mappings().all()
            about: dict[int, list[str]] = {}
            ids = [r["id"] for r in rows]
            for start in range(0, len(ids), 500):
                for file_id, pid in conn.execute(sa.select(generated_about_t.c.file_id, generated_about_t.c.person_id)
                                                 .where(generated_about_t.c.file_id.in_(ids[start:start + 500]))):
                    about.setdefault(file_id, []).append(pid)
        return [GeneratedFile(Path(r["path"]), r["kind"], r["period"], r["made_at"], tuple(sorted(about.get(r["id"], []))),
                              r["made_by"]) for r in rows]

    # -- whose files: a copy of a workbook records the files of the one it was copied from ------------
    def _own_file(self) -> Path | None:
        """This workbook's file, resolved (None for an organisation database or one in memory)."""
        if self.is_postgres or str(self.path) == ":memory:":
            return None
        return self.path.expanduser().resolve()

    def _claim_files_home(self, conn: Connection) -> None:
        """Name this workbook the home of its recorded files unless another workbook, one it was copied
        from, is their home and still exists (inside the caller's write transaction)."""
        me = self._own_file()
        if me is None:
            return
        home = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == FILES_HOME)).scalar()
        if home != str(me) and (not home or not os.path.lexists(home)):  # never set, or that workbook was moved
            self._set_meta(conn, FILES_HOME, str(me))

    def files_home(self) -> Path | None:
        """The workbook file whose recorded files these are (None: not known, or not an SQLite workbook)."""
        if self._own_file() is None:
            return None
        with self._read() as conn:
            home = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == FILES_HOME)).scalar()
        return Path(home) if home else None

    def folders_left(self) -> list[Path]:
        """The output folders a restore left files in that this workbook does not record (see FOLDERS_LEFT)."""
        with self._read() as conn:
            value = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == FOLDERS_LEFT)).scalar()
        try:
            listed = json.loads(value) if value else []
        except ValueError:
            return []
        return [Path(p) for p in listed if isinstance(p, str) and p] if isinstance(listed, list) else []

    def note_folders_left(self, folders: Iterable[Path]) -> None:
        """Add ``folders`` to those a restore left files in (see FOLDERS_LEFT), in one write."""
        with self.atomic() as conn:
            value = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == FOLDERS_LEFT)).scalar()
            try:
                known = json.loads(value) if value else []
            except ValueError:
                known = []
            merged = sorted({*(p for p in known if isinstance(p, str) and p), *(str(f) for f in folders)})
            self._set_meta(conn, FOLDERS_LEFT, json.dumps(merged))

    def other_owner(self, paths: Iterable[Path]) -> OtherOwner | None:
        """When this workbook is a copy of another that still exists, which of ``paths`` that other workbook
        records too: its files, which nothing done in this copy may delete. None when this workbook is the
        files' home (or their home is gone). A home that cannot be read claims every path (kept, not lost)."""
        me = self._own_file()
        home = self.files_home()
        if me is None or home is None or not os.path.lexists(home) or home.resolve() == me:
            return None
        wanted = {str(p) for p in paths}
        try:
            theirs = {str(p) for p in recorded_in_file(home)}
        except sqlite3.Error as exc:
            return OtherOwner(home, frozenset(Path(p) for p in wanted), unread=str(exc))
        return OtherOwner(home, frozenset(Path(p) for p in wanted & theirs))
