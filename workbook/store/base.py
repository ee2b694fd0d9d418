"""The Store's foundation: open or create a workbook, transactions, schema versions, limits, backups."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import AccessDenied, InputError, NotFound, StoreError
from ..core.paths import MY_PAGE, too_broad_folder, unsafe_ladder_folder
from ..core.rules import DEFAULT_LIMITS, Finding, Limits, limit_in_range, parse_limit
from .backend import READ_ISOLATION, display_url, is_url, parse_url, postgres_engine, url_typo
from .engine import BUSY_TIMEOUT_MS, default_db_path, sqlite_engine
from .faults import fault_error, login_error
from .migrations import HEAD, current_revision, upgrade
from .policies import LOGIN_LEFT
from .schema import MARKER_KEY, MARKER_VALUE, meta_t, people_t, plans_t, quarters_t

__all__ = ["StoreBase", "unknown_person_hint", "KNOWN_SHOWN"]

# how many known people an "unknown person" error names before "and N more" (it stays one line)
KNOWN_SHOWN = 8


def unknown_person_hint(person_id: str, people: Iterable[tuple[str, str]]) -> str:
    """What to say after "unknown person 'x'": the known ids, the closest to ``person_id`` first (by id or by
    name, case aside: ``difflib.get_close_matches``), at most :data:`KNOWN_SHOWN` of them, then "and N more".
    ``people`` is (id, name) pairs; "" when there is nobody."""
    pairs = sorted(dict(people).items())
    if not pairs:
        return ""
    asked = person_id.strip().lower()
    by_id = {pid.lower(): pid for pid, _ in pairs}
    by_name: dict[str, str] = {}
    for pid, name in pairs:
        by_name.setdefault((name or "").strip().lower(), pid)
    close = [by_id[m] for m in difflib.get_close_matches(asked, by_id, n=3, cutoff=0.6)]
    close += [by_name[m] for m in difflib.get_close_matches(asked, by_name, n=3, cutoff=0.6)]
    close = list(dict.fromkeys(close))[:3]
    names = dict(pairs)
    rest = [pid for pid, _ in pairs if pid not in close]
    shown = rest[:max(KNOWN_SHOWN - len(close), 0)]
    more = len(rest) - len(shown)
    known = ", ".join(shown) + (f" and {more} more" if more else "")
    if not close:
        return f"known: {known}"
    guess = ", ".join(f"{pid} ({names[pid]})" if names[pid] else pid for pid in close)
    return f"did you mean {guess}?" + (f" others: {known}" if known else "")


def _new_id(result: Any) -> int:
    """The primary key of the row an INSERT just wrote."""
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - every table here has an integer key
        raise StoreError("the database did not return the new row's id")
    return int(key[0])


def _grandfather(findings: list[Finding], allowed: dict[tuple[str, str], bool]) -> list[Finding]:
    """Turn limit errors into warnings where the write does not add rows (the data predates the limit).
    ``allowed`` maps (code, suffix of the finding's where) to whether that part did not grow."""
    out = []
    for f in findings:
        if f.severity == "error" and any(ok and code == f.code and f.where.endswith(suffix)
                                         for (code, suffix), ok in allowed.items()):
            f = Finding("warning", f.code, f.message + " (already so before this change; not growing further)", f.where)
        out.append(f)
    return out


def _iso(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value




# The SQLite files this process has open through a Store: (device, inode) -> how many Stores. POSIX record
# locks belong to the process, and closing ANY descriptor of a file drops all of them: a header check with
# open()/close() on a workbook another Store here has open silently unlocked that Store's connection, and the
# next batch's kernels (other processes) then found its WAL index unguarded and failed with "disk I/O error"
# (https://www.sqlite.org/howtocorrupt.html, 2.2). A file already open here was checked when it was opened.
_OPEN_HERE: dict[tuple[int, int], int] = {}
_OPEN_LOCK = threading.Lock()


SQLITE_HEADER = b"SQLite format 3\x00"


def open_here(path: str | os.PathLike[str]) -> bool:
    """True when a Store of this process has ``path`` open: its header must not be read with open()/close()."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    with _OPEN_LOCK:
        return (st.st_dev, st.st_ino) in _OPEN_HERE


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` starts with SQLite's header. A file a Store of this process has open was checked when it
    was opened and counts as one: reading it again with open()/close() would drop that Store's POSIX locks
    (closing any descriptor of a file does). Raises OSError when it cannot be read."""
    if open_here(path):
        return True
    with open(path, "rb") as fh:
        return fh.read(16) == SQLITE_HEADER


def _register_open(path: Path) -> tuple[int, int] | None:
    """Count a Store open on ``path`` (None for a file that is not there: ``:memory:``)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (st.st_dev, st.st_ino)
    with _OPEN_LOCK:
        _OPEN_HERE[key] = _OPEN_HERE.get(key, 0) + 1
    return key


class StoreBase:
    """A workbook database. Use :meth:`atomic` for writes; the query helpers return pandas DataFrames."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, url: str | None = None, create: bool = True,
                 readonly: bool = False) -> None:
        """Open the workbook at ``db`` (default :func:`default_db_path`): a SQLite file, or an organisation
        database's URL (``postgresql+psycopg://ROLE@HOST/DATABASE``, also taken from ``url`` or, with no
        ``db``, from ``WORKBOOK_DB``), logging in as that role.

        A missing file is created (private to its owner, 0600) unless ``create`` is False; an empty
        file becomes a workbook only when ``create``. ``readonly`` opens with SQLite's ``mode=ro`` (on
        PostgreSQL, read-only transactions): no write, no write lock, so a reader never waits behind an
        import. Before anything is written the database must be a workbook (the marker in its ``meta``
        table, or an older workbook's schema version) or empty; an older schema is brought up to date
        through Alembic (:mod:`workbook.store.migrations`). Raises StoreError, one line with the fix, for
        a missing file, a folder, an empty or non-SQLite file, a database that is not a workbook, a newer
        schema, and a read-only, full, locked or damaged file."""
        if url is None and is_url(db):
            url = str(db)
        if url is None and isinstance(db, str) and (typo := url_typo(db)):  # as typed, before a Path folds its //
            raise StoreError(typo)
        if url is None and db is None and is_url(os.environ.get("WORKBOOK_DB")):
            url = os.environ["WORKBOOK_DB"]
        self.url: str | None = None  # a server's URL (password hidden): what a batch passes on to its kernels
        self.readonly = readonly
        self._local = threading.local()
        if url is not None:
            parsed = parse_url(url)
            if parsed.get_backend_name() != "postgresql":  # sqlite:///PATH: the file, checked as any path
                db, url = parsed.database or ":memory:", None
        self.path = Path(db) if db is not None else default_db_path()
        self.file = self.path  # the file SQLite opens; a new workbook is made under a temporary name
        if url is not None:
            self.engine = postgres_engine(parsed)
            self.url = display_url(parsed)
            self.path = self.file = Path(parsed.database or "")
        elif str(db) == ":memory:":
            self.engine = sqlite_engine(":memory:")
        else:
            self._check_file(create=create and not readonly)
            self.engine = sqlite_engine(self.path, readonly=readonly)
        self._open_schema()
        self._inode = _register_open(self.file) if self.engine.dialect.name == "sqlite" else None

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, create: bool = False, readonly: bool = False) -> Self:
        """Open an existing workbook (``create`` to make a missing one); see :meth:`__init__`."""
        return cls(db, create=create, readonly=readonly)

    def _check_file(self, *, create: bool) -> None:
        path = self.path
        if not path.parent.exists():
            raise StoreError(f"folder {path.parent} does not exist; create it or give --db another path")
        if path.is_dir():
            raise StoreError(f"{path} is a directory; give --db a file name such as workbook.db")
        if not path.exists():
            if not create:
                raise StoreError(f"workbook {path} does not exist; check the path, or create it with "
                                 f"`workbook import FILE --db {path}`")
            try:  # private from the first byte: SQLite would create it world-readable (0644)
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
            except FileExistsError:  # made meanwhile, or a dangling symlink: never written through
                if path.is_symlink() and not path.exists():
                    raise StoreError(f"{path} is a symbolic link to nothing; remove it or give --db another path") from None
            except OSError as exc:
                raise StoreError(f"cannot create {path} ({exc.strerror or exc}); check the folder is writable "
                                 "and the disk has space") from None
            return
        try:
            size = path.stat().st_size
            sqlite = is_sqlite_file(path)
        except OSError as exc:
            raise StoreError(f"{path} cannot be read ({exc.strerror or exc}); check its permissions") from None
        if size == 0 and not create:
            raise StoreError(f"{path} is an empty file, not a workbook; give --db a workbook, or a new file name "
                             f"to start one (`workbook import FILE --db {path}` uses it)")
        if size > 0 and not sqlite:
            raise StoreError(f"{path} is not a workbook database (not SQLite); give --db another file")

    # -- opening: check the file is a workbook, create or migrate it --------------------------------
    def _schema_state(self, conn: Connection) -> str:
        """"new" for a database with no table, "current" or "old" for a workbook; raises StoreError for a
        database that is not a workbook, or one newer than this code."""
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")} \
            if self.engine.dialect.name == "sqlite" else set(sa.inspect(conn).get_table_names())
        if not tables:
            return "new"
        meta = {}
        if "meta" in tables:
            meta = dict(conn.execute(sa.select(meta_t.c.key, meta_t.c.value).where(
                meta_t.c.key.in_(["schema_version", MARKER_KEY]))).all())
        marked = meta.get(MARKER_KEY) == MARKER_VALUE
        legacy = MARKER_KEY not in meta and "schema_version" in meta and "people" in tables  # before the marker
        if not (marked or legacy):
            shown = ", ".join(sorted(tables)[:5]) + (" ..." if len(tables) > 5 else "")
            kind = "a SQLite database" if self.engine.dialect.name == "sqlite" else "a database"
            raise StoreError(f"{self.location} is {kind} but not a workbook (tables: {shown}); give --db "
                             "a workbook, or a new file name to start one")
        try:
            int(meta.get("schema_version", "0"))
        except ValueError:
            raise StoreError(f"{self.location} has an unreadable schema version; restore it from a backup") from None
        try:
            revision = current_revision(conn)  # the Alembic revision, or the one an older version number means
        except StoreError as exc:
            raise StoreError(f"{self.location}: {exc}") from None
        return "current" if revision == HEAD and marked else "old"

    def _open_schema(self) -> None:
        """Check the file with a plain read (no write lock: a reader never waits behind a writer), then
        create or migrate it only when it needs it."""
        try:
            with self._read() as conn:
                state = self._schema_state(conn)
        except StoreError as exc:
            if self.readonly and self._retry_immutable(exc):
                return self._open_schema()
            raise
        if not self.readonly:
            self._use_wal()
        if state == "current":
            return
        if self.readonly:
            if state == "new" and self.is_postgres:
                raise StoreError(f"{self.location} is an empty database, not yet a workbook; make it one as its owner "
                                 "with `workbook org upgrade`, or give --db a workbook")
            if state == "new":
                raise StoreError(f"{self.location} is empty, not a workbook; give --db a workbook")
            if self.is_postgres:  # the same login may upgrade (if it owns the tables); reads stay read-only
                self._migrate()
                return
            # an older workbook: bring it up to date once through a writable connection, then read
            StoreBase(self.path, create=False).close()
            return
        self._migrate()

    def _use_wal(self) -> None:
        """WAL (readers never wait for the writer); set once a file is known to be a workbook or new, so an
        unrelated SQLite file is never changed, and kept in the file for every later connection."""
        if self.engine.dialect.name != "sqlite" or str(self.path) == ":memory:":
            return
        raw = self.engine.raw_connection()
        try:
            cur = raw.cursor()
            if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()
        except Exception as exc:  # a raw sqlite3 error: read-only, full, locked, damaged
            fault = fault_error(exc, self.path)
            if fault is None:
                raise
            raise fault from exc
        finally:
            raw.close()

    def _retry_immutable(self, exc: StoreError) -> bool:
        """A WAL workbook on a read-only disk has no ``-shm`` file and cannot be created one: SQLite can
        then only read it as immutable (safe: nothing can write that disk, and there is no WAL to miss)."""
        folder = self.file.parent
        wal = Path(str(self.file) + "-wal")
        # "cannot be opened": a read-only disk; "is read-only": a folder the reader may not write, where SQLite
        # cannot make its -shm either (every reading command failed there, and the advice named the file)
        if self.is_postgres or getattr(self, "_immutable", False) or os.access(folder, os.W_OK) or \
                (wal.exists() and wal.stat().st_size > 0) or not any(
                    words in str(exc) for words in ("cannot be opened", "is read-only")):
            return False
        self.engine.dispose()
        self.engine = sqlite_engine(self.file, readonly=True, immutable=True)
        self._immutable = True
        return True

    def _migrate(self) -> None:
        """Create or upgrade the schema through Alembic, in one write transaction (see
        :mod:`workbook.store.migrations`): a failed upgrade changes nothing. The state is checked again
        under the write lock, since another process may have done it meanwhile. On SQLite foreign keys are
        off for the upgrade (a rebuilt table must not cascade deletes into its children) and checked
        before the commit."""
        try:
            with self.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                sqlite = self.engine.dialect.name == "sqlite"
                if sqlite:  # outside any transaction (SQLite ignores it inside one)
                    raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
                conn.info["write"] = True
                try:
                    with conn.begin():
                        if self._schema_state(conn) != "current":
                            upgrade(conn)
                            self._set_meta(conn, MARKER_KEY, MARKER_VALUE)
                finally:
                    conn.info["write"] = False
                    if sqlite:
                        raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
        except (sa.exc.ProgrammingError, AccessDenied) as exc:
            refused = isinstance(exc, AccessDenied) or getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501"
            if self.is_postgres and refused:
                raise StoreError(f"{self.location} needs a schema upgrade that only its owner may run; ask the "
                                 "administrator to run `workbook org upgrade` with the owner's URL") from exc
            if not self.is_postgres:
                raise
            raise StoreError(f"{self.location} cannot be opened as a workbook: "
                             f"{str(getattr(exc, 'orig', exc)).splitlines()[0]}") from exc
        except sa.exc.DBAPIError as exc:
            fault = fault_error(exc, self.path, writing=True)
            if fault is not None:
                raise fault from exc
            raise StoreError(f"{self.location} cannot be opened as a workbook: "
                             f"{str(exc.orig).splitlines()[0]}") from exc
        except StoreError as exc:
            if self.location in str(exc):
                raise
            raise StoreError(f"{self.location}: {exc}") from None

    # -- transactions -------------------------------------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A write transaction (``BEGIN IMMEDIATE``); nested calls use savepoints. All or nothing.
        Raises StoreError (one line with the fix) when the file is read-only, full, locked or damaged."""
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            with conn.begin_nested():
                yield conn
            return
        if self.readonly:
            raise StoreError(f"{self.location} was opened read-only; open it for writing to change it")
        try:
            with self.engine.connect() as conn:
                conn.info["write"] = True  # SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory write lock
                try:
                    with conn.begin():
                        self._local.conn = conn
                        try:
                            yield conn
                        finally:
                            self._local.conn = None
                finally:
                    conn.info["write"] = False
        except sa.exc.DBAPIError as exc:
            self._raise_fault(exc, writing=True)
            raise

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        try:
            with self.engine.connect() as conn:
                if self.is_postgres:  # one snapshot for every statement of the read (a summary is consistent)
                    ro = {"postgresql_readonly": True} if self.readonly else {}
                    conn = conn.execution_options(isolation_level=READ_ISOLATION, **ro)
                with conn.begin():
                    yield conn
        except sa.exc.DBAPIError as exc:
            self._raise_fault(exc, writing=not self.readonly)
            raise

    def _raise_fault(self, exc: sa.exc.DBAPIError, *, writing: bool) -> None:
        """Raise the one-line StoreError for a database fault (SQLite: read-only, full, locked, damaged;
        PostgreSQL: the write lock timed out, or AccessDenied for a write the user's rights refuse); return
        for anything else (a programming error stays a traceback)."""
        if self.is_postgres:
            if isinstance(exc, sa.exc.OperationalError) and "lock timeout" in str(exc):
                raise StoreError(f"{self.location} is locked by another writer for over "
                                 f"{BUSY_TIMEOUT_MS // 1000} s; try again") from exc
            if isinstance(exc, sa.exc.ProgrammingError | sa.exc.InternalError):
                self._raise_if_refused(exc)
            if isinstance(exc, sa.exc.OperationalError):  # no server, refused login, connection lost
                refused = login_error(exc, self.engine.url, self.location)
                if refused is not None:
                    raise refused from exc
                first = " ".join(str(exc.orig).split("\n")[0].split())
                first = first.rsplit(" failed: ", 1)[-1]  # libpq's reason, after the socket or host it tried
                raise StoreError(f"{self.location} cannot be reached: check that the server runs and the URL's host "
                                 f"and port ({first})") from exc
            return
        fault = fault_error(exc, self.path, writing=writing)
        if fault is not None:
            raise fault from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Run many reads on one connection and one transaction (one consistent state; on PostgreSQL one
        round trip per query instead of three). Writes inside it become savepoints of that transaction."""
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        with self._read() as conn:
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    @property
    def is_postgres(self) -> bool:
        """Whether this workbook is an organisation database on PostgreSQL (else a single-user SQLite file)."""
        return self.engine.dialect.name == "postgresql"

    @property
    def location(self) -> str:
        """The workbook for messages and provenance: its file, or its URL without a password."""
        return self.url or str(self.path)

    @property
    def db(self) -> str:
        """What another process (a batch's kernel) opens to reach this same workbook."""
        return self.url or str(self.path)

    def _raise_if_refused(self, exc: sa.exc.DBAPIError) -> None:
        """PostgreSQL refused a read or write under the user's rights: one line saying so."""
        code = getattr(exc.orig, "sqlstate", None)
        if code == "42501":  # insufficient_privilege, including a row-level security violation
            first = str(exc.orig).splitlines()[0]
            if LOGIN_LEFT in first:  # a user's login role that a forget could not drop: the message has the fix
                raise AccessDenied(f"refused: forgetting them {first} ({self.location})") from exc
            table = re.search(r'table "?(\w+)"?', first)
            adding = str(getattr(exc, "statement", "") or "").lstrip().upper().startswith("INSERT")
            if table and table.group(1) == "people" and adding:
                why = ("adding a person is the administrator's (the owner's URL), or a manager's who adds them under "
                       "themself (--manager YOUR_ID); a person with no reports adds nobody")
            elif table and table.group(1) == "people":
                why = ("moving someone to another manager is the administrator's (the owner's URL); a manager edits "
                       "their direct reports and adds people under themself")
            elif table and table.group(1) == "meta":
                why = "the workbook's settings (limits, ladder folders) are the administrator's (the owner's URL)"
            else:
                why = self._records_refusal(exc)
            # the reason and the way, never the server's words: they name internal tables ("goals_private")
            raise AccessDenied(f"refused by your rights in this workbook: {why} ({self.location})") from exc

    def _records_refusal(self, exc: sa.exc.DBAPIError) -> str:
        """Why a write to a person's records was refused, said to the one refused: a report writing their own
        records is told their part goes on their own page (decision 0008), HR that it writes nothing, a manager
        (or skip-level) whose records they are. Best effort: the person is read from the refused statement's
        values on a fresh connection (the refused transaction is gone by now); any doubt gives the general line."""
        general = "only a person's own manager writes their goals, OKRs, check-ins and notes"
        try:
            actor = self.actor()  # type: ignore[attr-defined]  # the Store's identity mixin
            if actor.hr and actor.person is None:
                return ("an HR partner reads the organisation's shareable records and writes none: a person's goals, "
                        "OKRs, check-ins and notes are their manager's to write")
            if actor.person is None:
                return general
            person = self._refused_person(exc)
        except Exception:  # noqa: BLE001 - the refusal must still be said, in its general words
            return general
        own_part = f"write your side (goal drafts, pre-work, check-in preparation) on your own page, {MY_PAGE}"
        if person == actor.person:
            return f"your own records are your manager's to write; {own_part}"
        if person is not None:
            return (f"only {person}'s own manager writes {person}'s goals, OKRs, check-ins and notes; you write those "
                    "of your direct reports")
        return f"{general}: you write your direct reports'; of your own, {own_part}"

    def _refused_person(self, exc: sa.exc.DBAPIError) -> str | None:
        """The person a refused write was about, when its values name them or their plan or quarter."""
        params = getattr(exc, "params", None)
        if isinstance(params, list | tuple) and params and isinstance(params[0], dict):
            params = params[0]
        if not isinstance(params, dict):
            return None
        if isinstance(params.get("person_id"), str):
            return str(params["person_id"])
        for key, table in (("plan_id", plans_t), ("quarter_id", quarters_t)):
            if isinstance(params.get(key), int):
                with self._read() as conn:
                    found = conn.execute(sa.select(table.c.person_id).where(table.c.id == params[key])).scalar()
                return None if found is None else str(found)
        return None

    def check_integrity(self) -> None:
        """``PRAGMA quick_check``: raises StoreError when the file is damaged (run before an import, so
        nothing is added to a broken file)."""
        if self.engine.dialect.name != "sqlite":
            return
        with self._read() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(5)")]
        if rows != ["ok"]:
            raise StoreError(f"{self.path} is damaged (integrity check: {rows[0] if rows else 'no answer'}); "
                             "restore it from a backup (nothing was written)")

    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "schema_version")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()
        inode, self._inode = getattr(self, "_inode", None), None
        if inode is not None:
            with _OPEN_LOCK:
                _OPEN_HERE[inode] -= 1
                if _OPEN_HERE[inode] <= 0:
                    del _OPEN_HERE[inode]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """Copy the live database safely with SQLite's online backup API (never copy a live file); the
        copy is private to its owner (0600). An organisation database is backed up with pg_dump instead."""
        import sqlite3

        if self.is_postgres:
            raise StoreError(f"{self.location} is an organisation database; back it up with pg_dump (as its owner)")
        target = Path(target)
        if not target.exists():
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
        src = sqlite3.connect(self.file)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return target

    def ladder_folders(self) -> list[Path]:
        """Folders a person's ladder file may come from, besides the project's ``ladders/``: this
        workbook's own folder, then the folders added with :meth:`allow_ladder_folder`."""
        folders = [] if str(self.path) == ":memory:" or self.engine.dialect.name != "sqlite" \
            else [self.path.resolve().parent]
        if folders and too_broad_folder(folders[0]):  # a workbook kept in ~ or / does not open all of it to ladders
            folders = []
        with self._read() as conn:
            raw = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "ladder_folders")).scalar()
        for item in json.loads(raw) if raw else []:
            # a folder allowed before the rule (/, /etc, ~) is not honoured: allow_ladder_folder refuses it now
            if Path(item) not in folders and not unsafe_ladder_folder(item):
                folders.append(Path(item))
        return folders

    def allow_ladder_folder(self, folder: str | os.PathLike[str], *, allow: bool = True) -> list[Path]:
        """Allow (or, with ``allow=False``, stop allowing) people's ladder files from ``folder`` (an
        existing folder, stored as its absolute real path). Returns the folders now allowed."""
        path = Path(os.path.realpath(Path(folder).expanduser()))
        if allow and not path.is_dir():
            raise InputError(f"{folder} is not a folder; give an existing folder of ladder files")
        if allow and (why := unsafe_ladder_folder(Path(folder).expanduser())):
            raise InputError(f"{folder} {why}; ladder files may not come from there: make a folder for ladders "
                             "(e.g. ~/ladders), copy the ladder into it and allow that folder")
        with self.atomic() as conn:
            raw = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "ladder_folders")).scalar()
            current = [p for p in (json.loads(raw) if raw else []) if p != str(path)]
            if allow:
                current.append(str(path))
            self._set_meta(conn, "ladder_folders", json.dumps(current))
        return self.ladder_folders()

    # -- meta and limits ----------------------------------------------------------------------------
    @staticmethod
    def _set_meta(conn: Connection, key: str, value: str) -> None:
        if conn.execute(sa.select(meta_t.c.key).where(meta_t.c.key == key)).first():
            conn.execute(meta_t.update().where(meta_t.c.key == key).values(value=value))
        else:
            conn.execute(meta_t.insert().values(key=key, value=value))

    def limits(self) -> Limits:
        """The workbook's limits: the seeds' defaults unless changed with :meth:`set_limit`."""
        with self._read() as conn:
            rows = dict(conn.execute(sa.select(meta_t.c.key, meta_t.c.value).where(meta_t.c.key.like("limit.%"))).all())
        values: dict[str, Any] = {}
        for f in fields(Limits):
            raw = rows.get(f"limit.{f.name}")
            if raw is not None:
                values[f.name] = limit_in_range(f.name, type(getattr(DEFAULT_LIMITS, f.name))(raw))
        return Limits(**values)

    def set_limit(self, key: str, value: str) -> Limits:
        """Change one limit (e.g. ``max_goals``); raises InputError for an unknown key or a bad value."""
        parsed = parse_limit(key, value)
        with self.atomic() as conn:
            self._set_meta(conn, f"limit.{key}", str(parsed))
        return self.limits()


    # -- private notes sealed at rest: the Store's SealStore (store/sealing.py) overrides these -------------
    def _unseal_frame(self, frame: Any) -> Any:
        """A notes DataFrame with its sealed fields opened for their author (here: as stored)."""
        return frame

    def _notes_for_export(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Note rows for the reader's own export (here: as stored)."""
        return rows

    def reads_everyone(self) -> bool:
        """Whether this reader sees every person (a SQLite workbook's one user, an organisation's owner); see
        IdentityStore."""
        return True

    def _require_person(self, conn: Connection, person_id: str) -> None:
        if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person_id)).first() is None:
            known = [(r[0], r[1]) for r in conn.execute(sa.select(people_t.c.id, people_t.c.name))]
            if known:
                hint = unknown_person_hint(person_id, known)
            elif not self.reads_everyone():  # the rules show this login nobody, not an empty workbook
                hint = "you see nobody of that id: only people your rights let you read"
            else:
                hint = "the workbook has no people yet; import some first"
            raise NotFound(f"unknown person {person_id!r} ({hint})")

