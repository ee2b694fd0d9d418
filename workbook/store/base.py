"""The Store's foundation: open or create a workbook, transactions, schema versions, limits, backups."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import AccessDenied, NotFound, StoreError
from ..core.rules import DEFAULT_LIMITS, Finding, Limits, parse_limit
from .backend import READ_ISOLATION, display_url, is_url, parse_url, postgres_engine
from .engine import BUSY_TIMEOUT_MS, default_db_path, sqlite_engine
from .migrations import needs_upgrade, upgrade
from .schema import meta_t, people_t

__all__ = ["StoreBase"]


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




class StoreBase:
    """A workbook database. Use :meth:`atomic` for writes; the query helpers return pandas DataFrames."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, url: str | None = None, create: bool = True) -> None:
        """Open the workbook at ``db`` (default :func:`default_db_path`), creating it unless ``create`` is
        False. Raises StoreError for a missing file (when not creating), a folder, or a non-SQLite file."""
        if url is None and is_url(db):
            url = str(db)
        if url is None and db is None and is_url(os.environ.get("WORKBOOK_DB")):
            url = os.environ["WORKBOOK_DB"]
        if url is None:
            self.path = Path(db) if db is not None else default_db_path()
        else:
            self.path = Path()
        if url is None and not create and str(self.path) != ":memory:" and not self.path.exists():
            raise StoreError(f"workbook {self.path} does not exist; check the path, or create it with "
                             f"`workbook import FILE --db {self.path}`")
        self.url: str | None = None  # a server's URL (password hidden): what a batch passes on to its kernels
        if url is not None:
            parsed = parse_url(url)
            if parsed.get_backend_name() == "postgresql":
                self.engine = postgres_engine(parsed)
                self.url = display_url(parsed)
                self.path = Path(parsed.database or "")
            else:
                self.path = Path(parsed.database or ":memory:")
                self.engine = sqlite_engine(self.path)
        elif str(db) == ":memory:":
            self.engine = sqlite_engine(":memory:")
        else:
            if self.path.exists() and self.path.is_dir():
                raise StoreError(f"{self.path} is a directory; give --db a file name such as workbook.db")
            if self.path.exists() and self.path.stat().st_size > 0:
                with open(self.path, "rb") as fh:
                    if fh.read(16) != b"SQLite format 3\x00":
                        raise StoreError(f"{self.path} is not a workbook database (not SQLite); give --db another file")
            if not self.path.parent.exists():
                raise StoreError(f"folder {self.path.parent} does not exist; create it or give --db another path")
            self.engine = sqlite_engine(self.path)
        self._local = threading.local()
        self._migrate()

    # -- transactions -------------------------------------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A write transaction (``BEGIN IMMEDIATE``); nested calls use savepoints. All or nothing."""
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            with conn.begin_nested():
                yield conn
            return
        with self.engine.connect() as conn:
            conn.info["write"] = True
            try:
                with conn.begin():
                    self._local.conn = conn
                    try:
                        yield conn
                    finally:
                        self._local.conn = None
            except sa.exc.OperationalError as exc:
                if "locked" in str(exc) or "lock timeout" in str(exc):
                    raise StoreError(f"{self.location} is locked by another writer for over "
                                     f"{BUSY_TIMEOUT_MS // 1000} s; try again") from exc
                raise
            except sa.exc.ProgrammingError as exc:
                self._raise_if_refused(exc)
                raise
            finally:
                conn.info["write"] = False

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as conn:
            if self.is_postgres:  # one snapshot for every statement of the read (a summary is consistent)
                conn = conn.execution_options(isolation_level=READ_ISOLATION)
            try:
                with conn.begin():
                    yield conn
            except sa.exc.ProgrammingError as exc:
                self._raise_if_refused(exc)
                raise

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

    def _raise_if_refused(self, exc: sa.exc.ProgrammingError) -> None:
        """PostgreSQL refused a read or write under the user's rights: one line saying so."""
        code = getattr(exc.orig, "sqlstate", None)
        if code == "42501":  # insufficient_privilege, including a row-level security violation
            first = str(exc.orig).splitlines()[0]
            raise AccessDenied(f"{self.location}: refused by your rights in this workbook ({first}); "
                               "only a person's manager changes their records") from exc

    def _migrate(self) -> None:
        """Create or upgrade the schema (Alembic, in one transaction; see :mod:`workbook.store.migrations`)."""
        try:
            with self._read() as conn:
                if not needs_upgrade(conn):
                    return
            with self.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                sqlite = self.engine.dialect.name == "sqlite"
                if sqlite:  # outside any transaction: a rebuilt table must not cascade deletes to its children
                    raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
                conn.info["write"] = True
                try:
                    with conn.begin():
                        upgrade(conn)
                finally:
                    conn.info["write"] = False
                    if sqlite:
                        raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
        except (sa.exc.ProgrammingError, AccessDenied) as exc:
            if self.is_postgres:
                raise StoreError(f"{self.location} needs a schema upgrade that only its owner may run; ask the "
                                 "administrator to run `workbook org upgrade` with the owner's URL") from exc
            raise
        except StoreError as exc:
            raise StoreError(f"{self.location}: {exc}") from None
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"{self.location} cannot be opened as a workbook: {str(exc.orig).splitlines()[0]}") from exc

    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "schema_version")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """Copy the live database safely with SQLite's online backup API (never copy a live file)."""
        import sqlite3

        if self.is_postgres:
            raise StoreError(f"{self.location} is an organisation database; back it up with pg_dump (as its owner)")

        target = Path(target)
        src = sqlite3.connect(self.path)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return target

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
                values[f.name] = type(getattr(DEFAULT_LIMITS, f.name))(raw)
        return Limits(**values)

    def set_limit(self, key: str, value: str) -> Limits:
        """Change one limit (e.g. ``max_goals``); raises InputError for an unknown key or a bad value."""
        parsed = parse_limit(key, value)
        with self.atomic() as conn:
            self._set_meta(conn, f"limit.{key}", str(parsed))
        return self.limits()


    def _require_person(self, conn: Connection, person_id: str) -> None:
        if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person_id)).first() is None:
            known = [r[0] for r in conn.execute(sa.select(people_t.c.id).order_by(people_t.c.id).limit(8))]
            hint = f"known: {', '.join(known)}" if known else "the workbook has no people yet; import some first"
            raise NotFound(f"unknown person {person_id!r} ({hint})")

