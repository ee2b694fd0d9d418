"""Whole copies of a workbook: a backup is one consistent file (WAL included), a restore replaces a workbook with one.

Copying ``workbook.db`` with ``cp`` loses work: SQLite keeps recent writes in ``workbook.db-wal`` until a
checkpoint, so the copy misses them (after 15 minutes of notebook use it held none of the new notes).
Both directions here use SQLite's online backup API, which reads through a connection (so it sees
the WAL) and writes the target in one go. A backup is written to a temporary file and renamed into
place, private to its owner (0600); a restore into an existing workbook happens under that workbook's
write lock, so other readers see the old contents or the new ones, never a mix.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import time
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from ..core import stopping
from ..core.errors import InputError, StoreError
from ..core.fileio import check_outside_checkout, no_folder_for
from .base import is_sqlite_file
from .engine import BUSY_TIMEOUT_MS, QUIET_WAIT_MS, say_waiting, sqlite_uri
from .generated import FILES_HOME, output_folder_of, recorded_in_file
from .migrations import SCHEMA_VERSION

__all__ = ["backup_workbook", "restore_workbook", "check_workbook_file", "count_clear_before_backup", "Restored"]


@dataclass(frozen=True)
class Restored:
    """What a restore did: the workbook it wrote (``path``), and the generated files the workbook recorded before
    that are still on disk but that the restored one does not record (``left``: made after the backup was taken;
    `forget` lists a person's), with their output folders (``folders``). Nothing is deleted."""

    path: Path
    left: tuple[Path, ...] = ()
    folders: tuple[Path, ...] = ()


def check_workbook_file(path: str | os.PathLike[str]) -> int:
    """Check that ``path`` is a readable, intact workbook of a schema this version reads; returns its schema
    version. Raises InputError naming the file and what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found; check the path", str(path))
    if not is_sqlite_file(path):  # without closing a descriptor of a workbook a Store here has open
        raise InputError("is not a workbook (not an SQLite database); give a file `workbook backup` wrote", str(path))
    try:
        with closing(_read_only(path)) as conn:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise InputError(f"is damaged ({ok}); use another backup", str(path))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"meta", "people"} <= tables:
                raise InputError("is an SQLite file but not a workbook (no people or meta table)", str(path))
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"cannot be read as a workbook ({exc})", str(path)) from None
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise InputError(f"has schema version {version}, newer than this workbook ({SCHEMA_VERSION}); upgrade the "
                         "workbook package first", str(path))
    return version


def _writable(path: Path) -> bool:
    """Whether ``path`` and its folder may be written (False on a read-only disk, for root too)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only(path: Path, timeout: float = 20) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``) to the SQLite file ``path``: a copy only reads, so a workbook with
    mode 0444 or on a read-only disk is read too, and never changed. A WAL workbook on a read-only disk has no
    ``-shm`` file and cannot get one: it is then read as immutable (safe: nothing can write that disk), unless
    its ``-wal`` holds writes, which that would miss (the error is raised then)."""
    conn = sqlite3.connect(sqlite_uri(path, readonly=True), uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        wal = Path(f"{path}-wal")
        if os.access(path.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
            raise
    return sqlite3.connect(sqlite_uri(path, readonly=True, immutable=True), uri=True, timeout=timeout)


def count_clear_before_backup(db: str | os.PathLike[str]) -> int:
    """Open workbook ``db`` as a backup of it needs and return how many private notes it holds in clear. A
    workbook that may be written is opened for writing (the first open with the owner's key seals clear notes,
    so the copy holds them sealed); one that may not (mode 0444, a read-only disk) is only read: a backup never
    writes the workbook. Raises StoreError as :class:`Store` does."""
    from . import Store

    path = Path(db).expanduser()
    with Store(path, create=False, readonly=path.exists() and not _writable(path)) as store:
        return store.clear_private_count()


def _copy_into(src: Path, dest_conn: sqlite3.Connection) -> None:
    with closing(_read_only(src)) as source:
        source.backup(dest_conn)  # one step: the whole database, WAL contents included


def backup_workbook(db: str | os.PathLike[str], dest: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write a consistent copy of workbook ``db`` to ``dest`` (a folder gets ``workbook-YYYY-MM-DD.db``) and
    return its path. The copy is one self-contained file (no ``-wal``), readable only by its owner.
    Raises InputError when ``dest`` exists (unless ``overwrite``) or is ``db`` itself, StoreError when
    ``db`` cannot be read; nothing is left behind then."""
    src = Path(db).expanduser()
    check_workbook_file(src)
    target = Path(dest).expanduser()
    if str(dest).endswith(("/", os.sep)) and not target.is_dir():  # Path() drops the slash that says "a folder"
        raise InputError(f"folder {target} does not exist; create it first (a folder gets "
                         f"{src.stem}-YYYY-MM-DD.db)", str(dest))
    if target.is_dir():
        # the day it was made, on the real clock (core/clock.py): a name records, it does not decide
        target = target / f"{src.stem}-{dt.date.today().isoformat()}.db"
    if target.resolve() == src.resolve():
        raise InputError("is the workbook itself; give the backup another name", str(target))
    if target.exists() and not overwrite:
        raise InputError("already exists; give another name, or --force to replace it", str(target))
    if not target.parent.is_dir():
        raise InputError(no_folder_for(target), str(target))
    check_outside_checkout(target)  # *.db is ignored, but a backup named otherwise would not be
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o600)
        with closing(sqlite3.connect(tmp)) as out:
            _copy_into(src, out)
            # the recorded files stay the original's: `forget` in this copy must not delete them
            out.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (FILES_HOME, str(src.resolve())))
            out.commit()
            out.execute("PRAGMA journal_mode=DELETE")  # a backup is one file: no -wal beside it
            out.execute("VACUUM")  # live rows only: nothing replaced or erased survives in a free page of the copy
        stopping.check()  # a stop a signal asked for and Python lost (core/stopping.py): no backup published
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise StoreError(f"backup of {src} failed: {exc}; nothing was written to {target}") from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal")):
            with suppress(FileNotFoundError):
                leftover.unlink()
    return target


def restore_workbook(src: str | os.PathLike[str], db: str | os.PathLike[str]) -> Restored:
    """Make workbook ``db`` a copy of backup ``src`` (creating ``db`` when missing). The backup is checked first
    (a workbook, intact, not newer than this version). Returns what was restored, with the generated files the
    workbook recorded that are still on disk and that the restored workbook does not record (made after the
    backup was taken: left where they are, never deleted). Raises InputError or StoreError; on failure ``db`` is
    unchanged."""
    source = Path(src).expanduser()
    check_workbook_file(source)
    target = Path(db).expanduser()
    if target.exists() and target.resolve() == source.resolve():
        raise InputError("is the workbook itself; restore from a backup file", str(source))
    if not target.parent.is_dir():
        raise InputError(no_folder_for(target), str(target))
    if target.exists():
        check_workbook_file(target)  # never overwrite something that is not a workbook
    if not target.exists():
        return Restored(_restore_new(source, target))
    before = _own_recorded_files(target)
    _restore_over(source, target)
    from . import Store

    with Store(target, create=False):  # WAL mode again, and any migration an older backup needs
        pass
    after = _own_recorded_files(target)
    if before is None or after is None:
        return Restored(target)
    left = sorted(p for p in before if p not in after and os.path.lexists(p))
    folders = tuple(sorted({output_folder_of(p, before[p]) or p.parent for p in left}))
    if folders:  # known to the restored workbook from now on: `forget` searches them for a person's files
        with Store(target, create=False) as restored:
            restored.note_folders_left(folders)
    return Restored(target, tuple(left), folders)


def _own_recorded_files(db: Path) -> dict[Path, str] | None:
    """The generated files workbook file ``db`` records, without those of the workbook it is a copy of
    (``files_home``, when that is another workbook still there: its files, which this one only names). None when
    either cannot be read (a lock is not waited on for this): then nothing can be said about them."""
    try:
        files = recorded_in_file(db, timeout=2)
        with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=2)) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (FILES_HOME,)).fetchone()
        home = Path(row[0]) if row and row[0] else None
        if home is None or not os.path.lexists(home) or home.resolve() == db.resolve():
            return files
        theirs = set(recorded_in_file(home, timeout=2))
    except sqlite3.Error:
        return None
    return {p: k for p, k in files.items() if p not in theirs}


class _StillLocked(Exception):
    pass


def _restore_over(source: Path, target: Path) -> None:
    """Copy ``source`` over the workbook ``target`` in one write transaction. Another program writing the
    workbook is waited for as any write waits (said after a moment through the engine's notice, up to
    BUSY_TIMEOUT_MS): SQLite's backup call alone retries a busy workbook without end."""
    started = time.monotonic()
    said = False

    def progress(status: int, _remaining: int, _total: int) -> None:
        nonlocal said
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return
        waited = time.monotonic() - started
        if not said and waited * 1000 >= QUIET_WAIT_MS:
            said = True
            say_waiting(target)
        if waited * 1000 >= BUSY_TIMEOUT_MS:
            raise _StillLocked

    try:
        with closing(sqlite3.connect(target, timeout=0.1)) as out, \
                closing(sqlite3.connect(source, timeout=20)) as copy_from:
            copy_from.backup(out, progress=progress, sleep=0.1)  # one step: all pages, WAL contents included
    except _StillLocked:
        raise StoreError(f"{target} stayed locked by another program for {BUSY_TIMEOUT_MS // 1000} s; try again "
                         "when it has finished (a notebook that is saving, an import); the workbook is unchanged") from None
    except sqlite3.Error as exc:
        raise StoreError(f"restore into {target} failed: {exc}; the workbook is unchanged") from None


def _restore_new(source: Path, target: Path) -> Path:
    """Restore into a new file: made private (0600) under a temporary name beside ``target``, brought up to
    date (WAL, migrations, the workbook marker), then moved into place, never over a file made meanwhile;
    a failure leaves nothing behind."""
    from . import Store, _publish

    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".new")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            with closing(sqlite3.connect(tmp, timeout=20)) as out:
                _copy_into(source, out)
        except sqlite3.Error as exc:
            raise StoreError(f"restore into {target} failed: {exc}; nothing was written") from None
        _publish(Store(tmp, create=False), tmp, target)  # the WAL folded in, linked into place, never over a file
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with suppress(FileNotFoundError):
                leftover.unlink()
    return target
