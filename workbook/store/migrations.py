"""Schema versions through Alembic on both backends: create a new workbook, bring an older one up to date in place.

The revisions live in ``workbook/store/revisions/versions`` (0001 = schema version 1, ...) and run
programmatically on the Store's own connection, inside one transaction: a failed upgrade changes nothing.
One linear history: a workbook made before Alembic (``meta.schema_version`` but no ``alembic_version``
table: versions 1 and 2, the version 3 of generated files that issue 13 wrote by hand, and the "version 4"
of issue 12's branch, which is 0003 plus its change log) is stamped at
its version first, then upgraded. On SQLite foreign keys are switched off for the upgrade (a rebuilt or
altered table must not cascade deletes into its children) and checked before the commit.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import StoreError
from ..core.labels import plural

__all__ = ["SCHEMA_VERSION", "HEAD", "REVISIONS", "current_revision", "upgrade", "needs_upgrade"]

# index + 1 == the schema version a revision makes: 0001 the first workbook, 0002 follow-ups marked done,
# 0003 generated files and the workbook marker (issue 13's version 3), 0004 the org tree, note authors,
# users, who made each generated file, and PostgreSQL's rights, 0005 the change log, person history, archived
# people and moved key results (issue 12); 0007 the report's side (side_drafts, issue 17); 0008 the day
# support was asked for; 0009 the fields only the 1:1 reads, moved to parts with rules of their own; 0010 the way
# up a person chose where their ladder forks; 0011 the report's own words about their career (a side_drafts kind);
# 0012 only someone who already manages people adds one (PostgreSQL's policies again); 0013 a note made private
# takes its history with it (the one narrowing change the change log's guard lets through); 0014 a change's fields
# only in the transaction that logged it, a note's author fixed, sequences not readable (PostgreSQL's policies);
# 0015 a users row that goes drops its login role, a forgotten person's too (PostgreSQL);
# 0016 a report reads their manager's name (wb_manager_name, PostgreSQL's functions again);
# 0017 a key result's outcome remembers the day it was recorded (key_results.outcome_on);
# 0018 each side writes only its own kinds of draft (PostgreSQL's policies again);
# 0019 support and actions remember the day their status last changed and the status before (status_on, status_before)
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0007", "0008", "0009", "0010", "0011", "0012", "0013", "0014",
             "0015", "0016", "0017", "0018", "0019")
SCHEMA_VERSION = len(REVISIONS)
HEAD = REVISIONS[-1]
SCRIPTS = Path(__file__).resolve().parent / "revisions"


def current_revision(conn: Connection) -> str | None:
    """The workbook's Alembic revision; for a pre-Alembic workbook the one matching ``meta.schema_version``;
    None for an empty database. Raises StoreError for a workbook newer than this code."""
    insp = sa.inspect(conn)
    if insp.has_table("alembic_version"):
        rev = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        if rev is not None and rev not in REVISIONS:
            raise StoreError(f"the workbook has schema revision {rev}, newer than this workbook package "
                             f"({HEAD}); upgrade the workbook package")
        if rev is not None:
            _refuse_newer_meta(conn)
            return str(rev)
    if not insp.has_table("meta"):
        return None
    version = _refuse_newer_meta(conn)
    if version == 4 and insp.has_table("change_log") and not insp.has_table("users"):
        # issue 12's branch wrote its change log by hand as "version 4" on top of issue 13's version 3, before
        # the org tree: it is at 0003 here, and 0005 finds its change log already there
        return "0003"
    return REVISIONS[version - 1] if version >= 1 else None


def _refuse_newer_meta(conn: Connection) -> int:
    row = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise StoreError(f"the workbook has schema version {version}, newer than this workbook package "
                         f"({SCHEMA_VERSION}); upgrade the workbook package")
    return version


def needs_upgrade(conn: Connection) -> bool:
    """Whether the workbook on ``conn`` is behind this code's schema."""
    return current_revision(conn) != HEAD


def upgrade(conn: Connection) -> None:
    """Bring the database on ``conn`` (inside a transaction the caller commits) to the newest schema.
    Raises StoreError when the upgrade leaves a broken foreign key (SQLite)."""
    from alembic import command
    from alembic.config import Config

    rev = current_revision(conn)
    if rev == HEAD:
        return
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.attributes["connection"] = conn
    insp = sa.inspect(conn)
    if rev is not None and not insp.has_table("alembic_version"):
        command.stamp(cfg, rev)  # a pre-Alembic workbook: record where it stands
    elif rev == "0003" and not insp.has_table("generated_files"):
        # made by issue 15's branch before the merge, where 0003 was the org tree: issue 13's 0003 still has
        # to run (0004 finds the org tree already there and leaves it)
        command.stamp(cfg, "0002", purge=True)
    command.upgrade(cfg, "head")
    if conn.dialect.name == "sqlite":
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise StoreError(f"the schema upgrade would leave {plural(len(broken), 'broken reference')} "
                             f"(first in table {broken[0][0]}); nothing was changed")


def policies_revision(conn: Connection, revision: str) -> None:
    """The body of a revision that only changes PostgreSQL's rules: the schema version it makes, then (on
    PostgreSQL) the group role, functions, grants and policies installed again. SQLite has one user and no policy."""
    conn.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'"),
                 {"v": str(REVISIONS.index(revision) + 1)})
    if conn.dialect.name == "postgresql":
        from .policies import install_policies

        install_policies(conn)
