"""Schema versions: create a new workbook in one step, bring an older one up to date one version at a time."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from .schema import SHAREABLE_VIEW, generated_about_t, generated_t, metadata

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "create_current_schema"]

SCHEMA_VERSION = 3


def create_current_schema(conn: Connection) -> None:
    """A new workbook gets the current schema in one step (the migrations below are for older files)."""
    metadata.create_all(conn)
    conn.exec_driver_sql(SHAREABLE_VIEW)


def _migrate_1_to_2(conn: Connection) -> None:
    """Version 2: a follow-up written on a note can be marked done."""
    conn.exec_driver_sql("ALTER TABLE notes ADD COLUMN follow_up_done BOOLEAN NOT NULL DEFAULT 0")


def _migrate_2_to_3(conn: Connection) -> None:
    """Version 3: the record of generated files and whom each is about (the workbook marker is set by
    the opener for every version)."""
    generated_t.create(conn, checkfirst=True)
    generated_about_t.create(conn, checkfirst=True)


# MIGRATIONS[n] brings a version n-1 workbook to version n; each runs inside the opening transaction.
MIGRATIONS = {2: _migrate_1_to_2, 3: _migrate_2_to_3}
