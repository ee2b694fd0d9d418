"""Schema versions: create a new workbook in one step, bring an older one up to date one version at a time."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import (
    CHANGE_LOG_GUARDS,
    SHAREABLE_CHANGES_VIEW,
    SHAREABLE_VIEW,
    change_fields_t,
    changes_t,
    generated_about_t,
    generated_t,
    metadata,
    person_history_t,
)

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "create_current_schema"]

SCHEMA_VERSION = 4


def _create_guards_and_views(conn: Connection) -> None:
    conn.exec_driver_sql(SHAREABLE_VIEW)
    conn.exec_driver_sql(SHAREABLE_CHANGES_VIEW)
    if conn.dialect.name == "sqlite":
        for stmt in CHANGE_LOG_GUARDS:
            conn.exec_driver_sql(stmt)


def create_current_schema(conn: Connection) -> None:
    """A new workbook gets the current schema in one step (the migrations below are for older files)."""
    metadata.create_all(conn)
    _create_guards_and_views(conn)


def _migrate_1_to_2(conn: Connection) -> None:
    """Version 2: a follow-up written on a note can be marked done."""
    conn.exec_driver_sql("ALTER TABLE notes ADD COLUMN follow_up_done BOOLEAN NOT NULL DEFAULT 0")


def _migrate_2_to_3(conn: Connection) -> None:
    """Version 3: the record of generated files and whom each is about (the workbook marker is set by
    the opener for every version)."""
    generated_t.create(conn, checkfirst=True)
    generated_about_t.create(conn, checkfirst=True)


def _migrate_3_to_4(conn: Connection) -> None:
    """Version 4 (issue 12, corrections keep their history): the append-only change log, a person's dated
    history (level, track, ladder, manager, name), the archived flag for leavers, a key result's lineage."""
    insp = sa.inspect(conn)
    if "archived" not in {c["name"] for c in insp.get_columns("people")}:
        conn.exec_driver_sql("ALTER TABLE people ADD COLUMN archived BOOLEAN NOT NULL DEFAULT 0")
    if "moved_from_id" not in {c["name"] for c in insp.get_columns("key_results")}:
        conn.exec_driver_sql("ALTER TABLE key_results ADD COLUMN moved_from_id INTEGER "
                             "REFERENCES key_results (id) ON DELETE SET NULL")
    for table in (changes_t, change_fields_t, person_history_t):
        table.create(conn, checkfirst=True)
    _create_guards_and_views(conn)


# MIGRATIONS[n] brings a version n-1 workbook to version n; each runs inside the opening transaction.
MIGRATIONS = {2: _migrate_1_to_2, 3: _migrate_2_to_3, 4: _migrate_3_to_4}
