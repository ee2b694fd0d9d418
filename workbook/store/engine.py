"""Where the workbook lives and how a connection to it is made: the default path, SQLite pragmas, BEGIN IMMEDIATE."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

__all__ = ["BUSY_TIMEOUT_MS", "QUIET_WAIT_MS", "default_db_path", "sqlite_engine", "sqlite_uri", "on_lock_wait",
           "say_waiting"]

# How long a writer waits for another writer; WORKBOOK_BUSY_TIMEOUT_MS shortens it (tests of a locked file).
BUSY_TIMEOUT_MS = int(os.environ.get("WORKBOOK_BUSY_TIMEOUT_MS") or 20_000)
# A writer that finds the workbook locked tries this long before it says it is waiting (see on_lock_wait).
QUIET_WAIT_MS = 700
_wait_notice: Callable[[str], None] | None = None


def on_lock_wait(notice: Callable[[str], None] | None) -> None:
    """Have ``notice`` told, once per write, when another program holds the workbook's write lock and this
    write waits for it (up to BUSY_TIMEOUT_MS): the command line says so rather than hang in silence."""
    global _wait_notice
    _wait_notice = notice


def say_waiting(path: Path | str) -> None:
    """Tell the registered notice (if any) that a write to the workbook at ``path`` waits for another writer."""
    notice = _wait_notice
    if notice is not None:
        where = "" if str(path) == ":memory:" else f"{Path(path).name} "
        notice(f"waiting for another command that is writing {where}(up to {BUSY_TIMEOUT_MS // 1000} s) ...")


def default_db_path() -> Path:
    """``WORKBOOK_DB`` when set, else the default `workbook init` recorded, else the demo workbook
    (see :func:`workbook.store.location.choose_workbook`)."""
    from .location import choose_workbook

    return choose_workbook().path



def sqlite_uri(path: Path | str, *, readonly: bool = False, immutable: bool = False) -> str:
    """A ``file:`` URI for SQLite (any character of the path quoted): ``mode=ro`` opens read-only and
    never creates the file; ``immutable=1`` reads a file on a read-only disk that has no ``-shm`` file."""
    params = "mode=ro" + ("&immutable=1" if immutable else "") if readonly else "mode=rw"
    return f"file:{quote(str(Path(path).absolute()))}?{params}"


def sqlite_engine(path: Path | str, *, readonly: bool = False, immutable: bool = False) -> Engine:
    """An engine on the workbook file at ``path`` (``:memory:`` for a private in-memory one).

    A writable engine never creates the file (the Store does, private to its owner) and runs WAL with a
    busy timeout, foreign keys and secure delete. A ``readonly`` engine opens with ``mode=ro`` and
    ``PRAGMA query_only``: it can neither write nor take the write lock, so it never waits behind an
    import (WAL readers do not block on writers)."""
    if str(path) == ":memory:":  # one shared connection, or every checkout would see a new empty database
        engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool,
                                  connect_args={"check_same_thread": False})
    else:
        uri = sqlite_uri(path, readonly=readonly, immutable=immutable)

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

        # a pool of connections as for any file database (the "sqlite://" URL would otherwise mean one per thread)
        engine = sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.QueuePool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (IMMEDIATE for writes)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if readonly:
            cur.execute("PRAGMA query_only=ON")
        else:  # WAL is switched on by the Store once it knows the file is a workbook (it is kept in the file)
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA secure_delete=ON")  # forgotten career notes are overwritten, not left in free pages
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if not conn.info.get("write"):
            conn.exec_driver_sql("BEGIN")
            return
        if _wait_notice is not None and BUSY_TIMEOUT_MS > QUIET_WAIT_MS:
            raw = conn.connection.dbapi_connection
            raw.execute(f"PRAGMA busy_timeout={QUIET_WAIT_MS}")
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                say_waiting(path)
            finally:
                raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine

