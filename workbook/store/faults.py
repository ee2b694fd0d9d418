"""Faults of the database as one-line errors with the fix: a SQLite file read-only, full, locked or damaged; a
PostgreSQL login refused (no such database or role, no password, a wrong one, no access)."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

__all__ = ["fault_error", "login_error", "check_not_locked"]

# SQLite result codes (primary codes; the extended ones share their low byte)
_READONLY, _FULL, _BUSY, _LOCKED, _CORRUPT, _NOTADB, _CANTOPEN, _IOERR = 8, 13, 5, 6, 11, 26, 14, 10


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error under an SQLAlchemy one (``exc.orig``), or ``exc`` itself."""
    seen = exc
    for _ in range(4):
        if isinstance(seen, sqlite3.Error):
            return seen
        seen = getattr(seen, "orig", None) or seen.__cause__  # type: ignore[assignment]
        if seen is None:
            return None
    return None


def _writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK) and (not path.exists() or os.access(path.parent, os.W_OK))


def _nearly_full(path: Path) -> bool:
    """SQLite reports a write that ran out of space as a plain I/O error on some file systems (tmpfs)."""
    try:
        info = os.statvfs(path.parent if not path.is_dir() else path)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 256 * 1024


def fault_error(exc: BaseException, path: str | os.PathLike[str], *, writing: bool = True) -> StoreError | None:
    """A StoreError naming ``path`` and the fix for a database fault, or None when ``exc`` is not one
    (a programming error stays a traceback)."""
    err = _sqlite_error(exc)
    if err is None:
        return None
    path = Path(path)
    code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    lowered = text.lower()
    if code == _FULL or "disk is full" in lowered or (code == _IOERR and _nearly_full(path)):
        return StoreError(f"the disk holding {path} is full; free some space and run the command again "
                          "(nothing was written)")
    if code == _READONLY or "readonly" in lowered or "read-only" in lowered or \
            (writing and code == _CANTOPEN and path.exists() and not _writable(path)):
        folder = path.parent
        if path.exists() and os.access(path, os.W_OK) and not os.access(folder, os.W_OK):  # the folder, not the file
            return StoreError(f"{path}: its folder is read-only for you (SQLite writes beside the workbook); `chmod u+w "
                              f"{folder}`, or copy the workbook to a folder of yours (nothing was written)")
        return StoreError(f"{path} is read-only (the file, its folder or the disk cannot be written); make it "
                          f"writable (e.g. chmod u+w {path}) or use a read-only command such as `workbook people`")
    if code in (_BUSY, _LOCKED) or "locked" in lowered:
        return StoreError(f"{path} is locked by another command that is writing; try again when it has finished")
    if code in (_CORRUPT, _NOTADB) or "malformed" in lowered or "not a database" in lowered:
        return StoreError(f"{path} is damaged ({text}); restore it from a backup (nothing was written)")
    if code == _CANTOPEN:
        return StoreError(f"{path} cannot be opened ({text}); check that it exists and that you may read it")
    if code == _IOERR or "disk i/o" in lowered:
        return StoreError(f"{path}: the disk reported an error ({text}); check the disk, then run the command again")
    return None


def _server_reason(exc: BaseException) -> tuple[str | None, str]:
    """The sqlstate (None when libpq gave none, as for a refused login) and the server's or libpq's own reason
    on one line, after the socket or host it tried ("FATAL:  database "x" does not exist")."""
    err = getattr(exc, "orig", None) or exc
    first = " ".join(str(err).split("\n")[0].split())
    return getattr(err, "sqlstate", None), first.rsplit(" failed: ", 1)[-1]


def _passfile(url: URL) -> str:
    """The pgpass-style file libpq reads for ``url`` (the one the workbook gives it: see backend.postgres_engine)."""
    from .backend import credentials_file

    named = url.query.get("passfile") or os.environ.get("PGPASSFILE")
    if named:
        return str(named)
    own = credentials_file()
    return str(own) if own.is_file() else str(Path.home() / ".pgpass")


def login_error(exc: BaseException, url: URL, location: str) -> StoreError | None:
    """A StoreError (the server's reason first, then the fix, then ``location``) for a login PostgreSQL refused:
    no such database (3D000), no such role (28000), a wrong password (28P01), no access to the database
    (42501), or no password found for the role; None for anything else (the server is not running ...).
    libpq gives no sqlstate for a refused login, so the server's message is read as well."""
    code, reason = _server_reason(exc)
    lowered = reason.lower()
    role, database = url.username or "(your login name)", url.database or "(the default)"
    host = str(url.query.get("host") or url.host or "localhost")
    where = f"({reason}; {location})"
    named = re.search(r'"([^"]+)"', reason)
    if code == "3D000" or ("database" in lowered and "does not exist" in lowered):
        name = named.group(1) if named else database
        return StoreError(f"database {name!r} does not exist on {host}: check the database name in the URL "
                          f"(…/DATABASE), or ask the administrator for yours {where}")
    if code == "28000" or ("role" in lowered and "does not exist" in lowered):
        name = named.group(1) if named else role
        return StoreError(f"role {name!r} does not exist on {host}: check the user name in the URL (USER@), or ask "
                          f"the administrator to add you with `workbook user add` {where}")
    if code == "28P01" or "password authentication failed" in lowered:
        source = "the URL" if url.password else _passfile(url)
        return StoreError(f"the server refused the password for role {role!r} (password authentication failed): check "
                          f"the user name in the URL and the password in {source} {where}")
    if code == "42501" or ("permission denied for database" in lowered):
        return StoreError(f"role {role!r} has no access to database {database!r}: it is not a user of this workbook; "
                          f"check the URL, or ask the administrator to add you with `workbook user add` {where}")
    if "no password supplied" in lowered:
        return StoreError(f"no password was found for role {role!r} and database {database!r} on {host} (pgpass "
                          f"file {_passfile(url)}); or the role or database name is misspelt: check the URL {where}")
    return None


def check_not_locked(path: str | os.PathLike[str], wait_s: float = 3.0) -> None:
    """Raise the one-line StoreError :func:`fault_error` gives when SQLite workbook ``path`` stays locked by another
    writer for ``wait_s`` seconds (a write lock taken and given back at once, nothing written). A batch asks
    this before it starts: every file it makes is recorded in the workbook, so each would otherwise wait out
    the full busy timeout and fail the same way, one after another."""
    import sqlite3
    from contextlib import closing

    try:
        with closing(sqlite3.connect(f"file:{Path(path)}?mode=rw", uri=True, timeout=wait_s)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        error = fault_error(exc, path)
        if error is not None and "locked" in str(error):
            raise error from None
