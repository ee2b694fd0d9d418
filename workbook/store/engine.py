"""Where the workbook lives and how a connection to it is made: the default path, SQLite pragmas, BEGIN IMMEDIATE."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

__all__ = ["BUSY_TIMEOUT_MS", "default_db_path", "sqlite_engine"]

BUSY_TIMEOUT_MS = 20_000


def default_db_path() -> Path:
    """``WORKBOOK_DB`` when set, else the default `workbook init` recorded, else the demo workbook
    (see :func:`workbook.store.location.choose_workbook`)."""
    from .location import choose_workbook

    return choose_workbook().path



def sqlite_engine(path: Path | str) -> Engine:
    if str(path) == ":memory:":  # one shared connection, or every checkout would see a new empty database
        engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool,
                                  connect_args={"check_same_thread": False})
    else:
        engine = sa.create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (IMMEDIATE for writes)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA secure_delete=ON")  # forgotten career notes are overwritten, not left in free pages
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

    return engine

