"""Schema versions: create a new workbook in one step, bring an older one up to date one version at a time."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from .schema import SHAREABLE_VIEW, metadata

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "create_current_schema"]

SCHEMA_VERSION = 2


def create_current_schema(conn: Connection) -> None:
    """A new workbook gets the current schema in one step (the migrations below are for older files)."""
    metadata.create_all(conn)
    conn.exec_driver_sql(SHAREABLE_VIEW)


def _migrate_1_to_2(conn: Connection) -> None:
    """Version 2: a follow-up written on a note can be marked done."""
    conn.exec_driver_sql("ALTER TABLE notes ADD COLUMN follow_up_done BOOLEAN NOT NULL DEFAULT 0")


# MIGRATIONS[n] brings a version n-1 workbook to version n; each runs inside the opening transaction.
MIGRATIONS = {2: _migrate_1_to_2}
