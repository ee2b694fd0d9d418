"""SQLite persistence through SQLAlchemy 2: schema and migrations, atomic writes, visibility filtering.

One file (``workbook.db`` by default, or ``WORKBOOK_DB``), WAL, a busy timeout, ``BEGIN IMMEDIATE`` for
writes. Every write goes through :meth:`Store.atomic`, and every rule of the practice is checked inside
that transaction, so a rejected write changes nothing. Shareable queries read from SQL views that
cannot return a private note.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from .errors import InputError, NotFound, StoreError
from .model import (
    Action,
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Note,
    Objective,
    Obstacle,
    Person,
    QuarterOKRs,
    Support,
    TrialRun,
    check_quarter,
    check_slug,
    quarter_bounds,
    quarter_of,
)
from .rules import DEFAULT_LIMITS, Finding, Limits, check_okrs, check_plan, parse_limit, raise_on_errors

__all__ = ["Store", "SCHEMA_VERSION", "default_db_path", "open_store"]

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 20_000

metadata = sa.MetaData()

meta_t = sa.Table("meta", metadata, sa.Column("key", sa.String(100), primary_key=True),
                  sa.Column("value", sa.Text, nullable=False))
people_t = sa.Table(
    "people", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("track", sa.String(200), nullable=False, default=""),
    sa.Column("level", sa.String(100), nullable=False, default=""),
    sa.Column("ladder", sa.Text, nullable=False, default=""),
    sa.Column("manager", sa.String(200), nullable=False, default=""),
    sa.Column("motivations", sa.Text, nullable=False, default=""),
    sa.Column("started", sa.Date, nullable=True),
)
notes_t = sa.Table(
    "notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("direction", sa.String(10), nullable=False),
    sa.Column("topic", sa.String(50), nullable=False),
    sa.Column("setting", sa.String(50), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("visibility", sa.String(10), nullable=False, default="private"),
    sa.Column("follow_up", sa.Text, nullable=False, default=""),
    sa.Column("follow_up_due", sa.Date, nullable=True),
    sa.Column("follow_up_done", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.CheckConstraint("visibility in ('private', 'shared')", name="ck_note_visibility"),
    sa.CheckConstraint("direction in ('pull', 'push')", name="ck_note_direction"),
)
plans_t = sa.Table(
    "growth_plans", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("drafted_by", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.UniqueConstraint("person_id", "year"),
)
goals_t = sa.Table(
    "goals", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.Integer, sa.ForeignKey("growth_plans.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("draft", sa.Text, nullable=False, default=""),
    sa.Column("priority", sa.Integer, nullable=True),
    sa.Column("feedback", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("plan_id", "position"),
)
goal_comp_t = sa.Table(
    "goal_competencies", metadata,
    sa.Column("goal_id", sa.Integer, sa.ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("competency", sa.String(300), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False, default=0),
)
quarters_t = sa.Table(
    "okr_quarters", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    sa.Column("quarter", sa.String(6), nullable=False),
    sa.UniqueConstraint("person_id", "quarter"),
)
objectives_t = sa.Table(
    "objectives", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("quarter_id", sa.Integer, sa.ForeignKey("okr_quarters.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("goal_position", sa.Integer, nullable=True),
    sa.Column("understanding", sa.Text, nullable=False, default=""),
    sa.Column("supplement", sa.Text, nullable=False, default=""),
    sa.Column("aligned_work", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("quarter_id", "position"),
)
krs_t = sa.Table(
    "key_results", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("objective_id", sa.Integer, sa.ForeignKey("objectives.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("target_date", sa.Date, nullable=True),
    sa.Column("outcome", sa.String(20), nullable=True),
    sa.Column("outcome_note", sa.Text, nullable=False, default=""),
    sa.UniqueConstraint("objective_id", "position"),
)
support_t = sa.Table(
    "support", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key_result_id", sa.Integer, sa.ForeignKey("key_results.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("what", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, default="requested"),
    sa.Column("due", sa.Date, nullable=True),
)
checkins_t = sa.Table(
    "check_ins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("mode", sa.String(10), nullable=False),
    sa.Column("summary", sa.Text, nullable=False, default=""),
)
kr_status_t = sa.Table(
    "kr_statuses", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("key_result_id", sa.Integer, sa.ForeignKey("key_results.id", ondelete="CASCADE"), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
)
obstacles_t = sa.Table(
    "obstacles", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("kind", sa.String(200), nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False),
)
trials_t = sa.Table(
    "trial_runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, default="planned"),
    sa.Column("debrief", sa.Text, nullable=False, default=""),
    sa.Column("follow_up_on", sa.Date, nullable=True),
)
actions_t = sa.Table(
    "actions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("person_id", sa.String(64), sa.ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("check_in_id", sa.Integer, sa.ForeignKey("check_ins.id", ondelete="SET NULL"), nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("due", sa.Date, nullable=True),
    sa.Column("status", sa.String(20), nullable=False, default="open"),
    sa.Column("created_on", sa.Date, nullable=True),
)

# Shareable content is read only through this view: the WHERE lives in the database, so no query
# built on it can return a private note, whatever the caller asks for.
_SHAREABLE_VIEW = (
    "CREATE VIEW IF NOT EXISTS shareable_notes AS "
    "SELECT id, person_id, date, direction, topic, setting, text, follow_up, follow_up_due "
    "FROM notes WHERE visibility = 'shared'"
)

# Every table that holds a person's data, for export and forget (order: children first).
PERSON_TABLES = ("notes", "growth_plans", "okr_quarters", "check_ins", "actions")


def _create_current_schema(conn: Connection) -> None:
    """A new workbook gets the current schema in one step (the migrations below are for older files)."""
    metadata.create_all(conn)
    conn.exec_driver_sql(_SHAREABLE_VIEW)


def _migrate_1_to_2(conn: Connection) -> None:
    """Version 2: a follow-up written on a note can be marked done."""
    conn.exec_driver_sql("ALTER TABLE notes ADD COLUMN follow_up_done BOOLEAN NOT NULL DEFAULT 0")


# MIGRATIONS[n] brings a version n-1 workbook to version n; each runs inside the opening transaction.
MIGRATIONS = {2: _migrate_1_to_2}


def default_db_path() -> Path:
    """``WORKBOOK_DB`` when set, else ``workbook.db`` in the current directory."""
    return Path(os.environ.get("WORKBOOK_DB") or "workbook.db")


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """Open (and create or migrate) the workbook at ``db`` or the default path."""
    return Store(db)


def _sqlite_engine(path: Path | str) -> Engine:
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


class Store:
    """A workbook database. Use :meth:`atomic` for writes; the query helpers return pandas DataFrames."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, url: str | None = None, create: bool = True) -> None:
        """Open the workbook at ``db`` (default :func:`default_db_path`), creating it unless ``create`` is
        False. Raises StoreError for a missing file (when not creating), a folder, or a non-SQLite file."""
        self.path = Path(db) if db is not None else default_db_path()
        if url is None and not create and str(self.path) != ":memory:" and not self.path.exists():
            raise StoreError(f"workbook {self.path} does not exist; check the path, or create it with "
                             f"`workbook import FILE --db {self.path}`")
        if url is not None:
            self.engine = sa.create_engine(url)
            self.path = Path(url)
        elif str(db) == ":memory:":
            self.engine = _sqlite_engine(":memory:")
        else:
            if self.path.exists() and self.path.is_dir():
                raise StoreError(f"{self.path} is a directory; give --db a file name such as workbook.db")
            if self.path.exists() and self.path.stat().st_size > 0:
                with open(self.path, "rb") as fh:
                    if fh.read(16) != b"SQLite format 3\x00":
                        raise StoreError(f"{self.path} is not a workbook database (not SQLite); give --db another file")
            if not self.path.parent.exists():
                raise StoreError(f"folder {self.path.parent} does not exist; create it or give --db another path")
            self.engine = _sqlite_engine(self.path)
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
                if "locked" in str(exc):
                    raise StoreError(f"{self.path} is locked by another writer for over "
                                     f"{BUSY_TIMEOUT_MS // 1000} s; try again") from exc
                raise
            finally:
                conn.info["write"] = False

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def _migrate(self) -> None:
        try:
            with self.atomic() as conn:
                insp = sa.inspect(conn)
                version = 0
                if insp.has_table("meta"):
                    row = conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "schema_version")).first()
                    version = int(row[0]) if row else 0
                if version > SCHEMA_VERSION:
                    raise StoreError(f"{self.path} has schema version {version}, newer than this workbook "
                                     f"({SCHEMA_VERSION}); upgrade the workbook package")
                if version == 0:
                    _create_current_schema(conn)
                    self._set_meta(conn, "schema_version", str(SCHEMA_VERSION))
                for target in range(max(version, 1) + 1, SCHEMA_VERSION + 1) if version else ():
                    MIGRATIONS[target](conn)
                    self._set_meta(conn, "schema_version", str(target))
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"{self.path} cannot be opened as a workbook: {str(exc.orig).splitlines()[0]}") from exc

    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute(sa.select(meta_t.c.value).where(meta_t.c.key == "schema_version")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """Copy the live database safely with SQLite's online backup API (never copy a live file)."""
        import sqlite3

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

    # -- people ---------------------------------------------------------------------------------------
    def add_person(self, person: Person) -> None:
        """Add a person; raises InputError when the id is taken."""
        with self.atomic() as conn:
            if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person.id)).first():
                raise InputError(f"person id {person.id!r} already exists; pick another id or update the person")
            conn.execute(people_t.insert().values(**person.model_dump()))

    def update_person(self, person: Person) -> None:
        with self.atomic() as conn:
            self._require_person(conn, person.id)
            conn.execute(people_t.update().where(people_t.c.id == person.id).values(**person.model_dump()))

    def has_person(self, person_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person_id)).first() is not None

    def person(self, person_id: str) -> Person:
        """The person with this id; raises NotFound naming the known ids."""
        with self._read() as conn:
            row = conn.execute(sa.select(people_t).where(people_t.c.id == person_id)).mappings().first()
            if row is None:
                self._require_person(conn, person_id)
        return Person(**dict(row))  # type: ignore[arg-type]

    def people(self) -> list[Person]:
        with self._read() as conn:
            rows = conn.execute(sa.select(people_t).order_by(people_t.c.id)).mappings().all()
        return [Person(**dict(r)) for r in rows]

    def _require_person(self, conn: Connection, person_id: str) -> None:
        if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person_id)).first() is None:
            known = [r[0] for r in conn.execute(sa.select(people_t.c.id).order_by(people_t.c.id).limit(8))]
            hint = f"known: {', '.join(known)}" if known else "the workbook has no people yet; import some first"
            raise NotFound(f"unknown person {person_id!r} ({hint})")

    # -- notes ------------------------------------------------------------------------------------------
    def add_note(self, note: Note) -> int:
        """Save one push/pull note; returns its id."""
        with self.atomic() as conn:
            self._require_person(conn, note.person)
            values = note.model_dump(exclude={"id", "person"})
            return _new_id(conn.execute(notes_t.insert().values(person_id=note.person, **values)))

    def set_note_visibility(self, note_id: int, visibility: str) -> None:
        if visibility not in ("private", "shared"):
            raise InputError(f"visibility {visibility!r} must be 'private' or 'shared'")
        with self.atomic() as conn:
            if conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(visibility=visibility)).rowcount == 0:
                raise NotFound(f"no note with id {note_id}")

    def set_follow_up_done(self, note_id: int, done: bool = True) -> None:
        """Mark the follow-up written on a note as done (or open again); NotFound for an unknown note."""
        with self.atomic() as conn:
            if conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(follow_up_done=done)).rowcount == 0:
                raise NotFound(f"no note with id {note_id}")

    # -- growth plans -----------------------------------------------------------------------------------
    def save_plan(self, plan: GrowthPlan, *, replace: bool = True) -> list[Finding]:
        """Write a whole growth plan for (person, year); returns the warnings. Raises RuleViolation
        (nothing written) when the goals break a limit, InputError when a plan exists and not ``replace``."""
        with self.atomic() as conn:
            self._require_person(conn, plan.person)
            before = self.plan(plan.person, plan.year)
            findings = check_plan(plan.person, plan.year, plan.goals, plan.drafted_by, self.limits())
            # a plan saved before a limit was lowered can still be edited, as long as it does not grow
            findings = raise_on_errors(_grandfather(findings, {("too_many_goals", ""): len(before.goals) >= len(plan.goals)}
                                                    if before else {}))
            existing = conn.execute(sa.select(plans_t.c.id).where(
                plans_t.c.person_id == plan.person, plans_t.c.year == plan.year)).scalar()
            if existing is not None and not replace:
                raise InputError(f"{plan.person} already has a growth plan for {plan.year}; edit it instead of adding another")
            if existing is None:
                plan_id = _new_id(conn.execute(plans_t.insert().values(
                    person_id=plan.person, year=plan.year, drafted_by=plan.drafted_by, status=plan.status)))
            else:
                plan_id = existing
                conn.execute(plans_t.update().where(plans_t.c.id == plan_id).values(
                    drafted_by=plan.drafted_by, status=plan.status))
                conn.execute(goals_t.delete().where(goals_t.c.plan_id == plan_id))
            for pos, goal in enumerate(plan.goals, 1):
                gid = _new_id(conn.execute(goals_t.insert().values(
                    plan_id=plan_id, position=pos, text=goal.text, draft=goal.draft, priority=goal.priority,
                    feedback=goal.feedback)))
                for n, comp in enumerate(dict.fromkeys(goal.competencies)):
                    conn.execute(goal_comp_t.insert().values(goal_id=gid, competency=comp, position=n))
            return findings

    def add_goal(self, person_id: str, year: int, goal: Goal, *, drafted_by: str = "employee") -> list[Finding]:
        """Append one goal to a person's plan for ``year`` (creating a draft plan); RuleViolation past the limit."""
        with self.atomic():  # read and write in one transaction: no lost update between them
            plan = self.plan(person_id, year) or GrowthPlan(person=person_id, year=year, drafted_by=drafted_by)  # type: ignore[arg-type]
            plan.goals.append(goal)
            return self.save_plan(plan)

    def plan(self, person_id: str, year: int) -> GrowthPlan | None:
        """The growth plan for (person, year) or None."""
        with self._read() as conn:
            row = conn.execute(sa.select(plans_t).where(plans_t.c.person_id == person_id, plans_t.c.year == year)).mappings().first()
            if row is None:
                return None
            goals = []
            for g in conn.execute(sa.select(goals_t).where(goals_t.c.plan_id == row["id"]).order_by(goals_t.c.position)).mappings():
                comps = [c[0] for c in conn.execute(sa.select(goal_comp_t.c.competency).where(
                    goal_comp_t.c.goal_id == g["id"]).order_by(goal_comp_t.c.position))]
                goals.append(Goal(text=g["text"], draft=g["draft"], priority=g["priority"], feedback=g["feedback"],
                                  competencies=comps, position=g["position"], id=g["id"]))
        return GrowthPlan(person=person_id, year=year, drafted_by=row["drafted_by"], status=row["status"], goals=goals, id=row["id"])

    # -- quarterly OKRs ---------------------------------------------------------------------------------
    def save_okrs(self, okrs: QuarterOKRs) -> list[Finding]:
        """Write a person's OKRs for a quarter. Rows are matched by id (else by position), so check-in
        history and support commitments survive edits. Raises RuleViolation (nothing written) past a limit."""
        with self.atomic() as conn:
            self._require_person(conn, okrs.person)
            before = self.okrs(okrs.person, okrs.quarter)
            findings = check_okrs(okrs.person, okrs.quarter, okrs.objectives, self.limits())
            if before is not None:  # past quarters stay editable (outcomes) after a limit is lowered, if they do not grow
                old_krs = {o.id: len(o.key_results) for o in before.objectives}
                allowed = {("too_many_objectives", ""): len(before.objectives) >= len(okrs.objectives)}
                for i, o in enumerate(okrs.objectives, 1):
                    allowed[("too_many_key_results", f"objective {i}")] = len(o.key_results) <= old_krs.get(o.id, 0)
                findings = _grandfather(findings, allowed)
            findings = raise_on_errors(findings)
            year = int(okrs.quarter[:4])
            n_goals = conn.execute(sa.select(sa.func.count()).select_from(goals_t.join(plans_t)).where(
                plans_t.c.person_id == okrs.person, plans_t.c.year == year)).scalar_one()
            for i, obj in enumerate(okrs.objectives, 1):
                if obj.goal is not None and obj.goal > n_goals:
                    raise InputError(f"objective {i} links to goal {obj.goal}, but {okrs.person} has "
                                     f"{n_goals} growth goal(s) for {year}; link an existing goal or leave it empty")
            qid = conn.execute(sa.select(quarters_t.c.id).where(
                quarters_t.c.person_id == okrs.person, quarters_t.c.quarter == okrs.quarter)).scalar()
            if qid is None:
                qid = _new_id(conn.execute(quarters_t.insert().values(person_id=okrs.person, quarter=okrs.quarter)))
            self._write_objectives(conn, qid, okrs.objectives)
            return findings

    @staticmethod
    def _match_rows(existing: list[int], wanted: list[int | None], reserved: set[int] = frozenset()) -> list[int | None]:  # type: ignore[assignment]
        """Match incoming rows to existing ids: by id when given, else the existing row at the same position
        (unless that row's id is ``reserved``: asked for by id elsewhere)."""
        claimed = {i for i in wanted if i in existing} | set(reserved)
        matched: list[int | None] = []
        for pos, given in enumerate(wanted):
            if given in existing:
                matched.append(given)
            elif given is None and pos < len(existing) and existing[pos] not in claimed:
                matched.append(existing[pos])
                claimed.add(existing[pos])
            else:
                matched.append(None)
        return matched

    def _write_objectives(self, conn: Connection, qid: int, objectives: list[Objective]) -> None:
        """Objectives and key results keep their ids (and so their check-in history and support) when
        they are edited, reordered or when another row is removed; rows are matched by id first."""
        existing_objs = list(conn.execute(sa.select(objectives_t.c.id).where(objectives_t.c.quarter_id == qid)
                                          .order_by(objectives_t.c.position)).scalars())
        obj_ids = self._match_rows(existing_objs, [o.id for o in objectives])
        existing_krs = {oid: list(conn.execute(sa.select(krs_t.c.id).where(krs_t.c.objective_id == oid)
                                               .order_by(krs_t.c.position)).scalars()) for oid in existing_objs}
        all_krs = [k for ks in existing_krs.values() for k in ks]
        kr_ids: list[list[int | None]] = []
        asked: set[int] = {k.id for o in objectives for k in o.key_results if k.id is not None and k.id in all_krs}
        for obj, oid in zip(objectives, obj_ids, strict=True):
            own = existing_krs.get(oid, []) if oid is not None else []
            by_id = [k.id if k.id in all_krs else None for k in obj.key_results]
            matched = self._match_rows(own, by_id, asked)
            kr_ids.append([m if m is not None else (k.id if k.id in all_krs else None)
                           for m, k in zip(matched, obj.key_results, strict=True)])
        keep_objs = {o for o in obj_ids if o is not None}
        keep_krs = {k for ks in kr_ids for k in ks if k is not None}
        if all_krs:
            conn.execute(krs_t.delete().where(krs_t.c.id.in_(all_krs), krs_t.c.id.not_in(keep_krs)))
        conn.execute(objectives_t.delete().where(objectives_t.c.quarter_id == qid, objectives_t.c.id.not_in(keep_objs)))
        # two passes: park kept rows at unique negative positions so renumbering cannot clash
        for parked in keep_objs:
            conn.execute(objectives_t.update().where(objectives_t.c.id == parked).values(position=-parked))
        for parked in keep_krs:
            conn.execute(krs_t.update().where(krs_t.c.id == parked).values(position=-parked))
        for i, (obj, matched_oid) in enumerate(zip(objectives, obj_ids, strict=True), 1):
            oid = matched_oid
            vals = dict(text=obj.text, goal_position=obj.goal, understanding=obj.understanding,
                        supplement=obj.supplement, aligned_work=obj.aligned_work, position=i)
            if oid is None:
                oid = _new_id(conn.execute(objectives_t.insert().values(quarter_id=qid, **vals)))
            else:
                conn.execute(objectives_t.update().where(objectives_t.c.id == oid).values(**vals))
            for j, (kr, matched_kid) in enumerate(zip(obj.key_results, kr_ids[i - 1], strict=True), 1):
                kid = matched_kid
                kvals = dict(text=kr.text, target_date=kr.target_date, outcome=kr.outcome, outcome_note=kr.outcome_note,
                             position=j, objective_id=oid)
                if kid is None:
                    kid = _new_id(conn.execute(krs_t.insert().values(**kvals)))
                else:
                    conn.execute(krs_t.update().where(krs_t.c.id == kid).values(**kvals))
                # support rows keep their ids across edits (commitments are tracked by id later)
                keep = [sp.id for sp in kr.support if sp.id is not None]
                conn.execute(support_t.delete().where(support_t.c.key_result_id == kid, support_t.c.id.not_in(keep)))
                for sp in kr.support:
                    values = sp.model_dump(exclude={"id"})
                    if sp.id is not None and conn.execute(support_t.update().where(
                            support_t.c.id == sp.id, support_t.c.key_result_id == kid).values(**values)).rowcount:
                        continue
                    conn.execute(support_t.insert().values(key_result_id=kid, **values))

    def add_objective(self, person_id: str, quarter: str, objective: Objective) -> list[Finding]:
        """Append an objective to a quarter; RuleViolation (nothing written) past the limit."""
        with self.atomic():
            okrs = self.okrs(person_id, quarter) or QuarterOKRs(person=person_id, quarter=quarter)
            okrs.objectives.append(objective)
            return self.save_okrs(okrs)

    def add_key_result(self, person_id: str, quarter: str, objective: int, kr: KeyResult) -> list[Finding]:
        """Append a key result to objective number ``objective`` (1-based); RuleViolation past the limit."""
        with self.atomic():
            okrs = self.okrs(person_id, quarter)
            if okrs is None or not 1 <= objective <= len(okrs.objectives):
                raise NotFound(f"{person_id} has no objective {objective} in {quarter}; add the objective first")
            okrs.objectives[objective - 1].key_results.append(kr)
            return self.save_okrs(okrs)

    def okrs(self, person_id: str, quarter: str) -> QuarterOKRs | None:
        """A person's OKRs for a quarter, or None."""
        quarter = check_quarter(quarter)
        with self._read() as conn:
            qid = conn.execute(sa.select(quarters_t.c.id).where(
                quarters_t.c.person_id == person_id, quarters_t.c.quarter == quarter)).scalar()
            if qid is None:
                return None
            objectives = []
            for o in conn.execute(sa.select(objectives_t).where(objectives_t.c.quarter_id == qid).order_by(objectives_t.c.position)).mappings():
                krs = []
                for k in conn.execute(sa.select(krs_t).where(krs_t.c.objective_id == o["id"]).order_by(krs_t.c.position)).mappings():
                    sup = [Support(**{c: s[c] for c in ("who", "what", "status", "due", "id")})
                           for s in conn.execute(sa.select(support_t).where(support_t.c.key_result_id == k["id"]).order_by(support_t.c.id)).mappings()]
                    krs.append(KeyResult(text=k["text"], target_date=k["target_date"], outcome=k["outcome"],
                                         outcome_note=k["outcome_note"], support=sup, position=k["position"], id=k["id"]))
                objectives.append(Objective(text=o["text"], goal=o["goal_position"], understanding=o["understanding"],
                                            supplement=o["supplement"], aligned_work=o["aligned_work"],
                                            key_results=krs, position=o["position"], id=o["id"]))
        return QuarterOKRs(person=person_id, quarter=quarter, objectives=objectives, id=qid)

    def set_outcome(self, person_id: str, quarter: str, objective: int, key_result: int, outcome: str, note: str = "") -> None:
        """Record a key result's outcome at quarter close (met, partly_met, not_met, carried_over, dropped)."""
        with self.atomic():
            okrs = self.okrs(person_id, quarter)
            kr = self._kr(okrs, person_id, quarter, objective, key_result)
            kr.outcome = outcome  # validated by the model
            kr.outcome_note = note
            self.save_okrs(okrs)  # type: ignore[arg-type]

    def set_support_status(self, support_id: int, status: str) -> None:
        Support(who="x", what="x", status=status)  # type: ignore[arg-type]  # validates with a clear message
        with self.atomic() as conn:
            if conn.execute(support_t.update().where(support_t.c.id == support_id).values(status=status)).rowcount == 0:
                raise NotFound(f"no support commitment with id {support_id}")

    @staticmethod
    def _kr(okrs: QuarterOKRs | None, person_id: str, quarter: str, objective: int, key_result: int) -> KeyResult:
        if okrs is None:
            raise NotFound(f"{person_id} has no OKRs for {quarter}; set them first")
        if not 1 <= objective <= len(okrs.objectives):
            raise NotFound(f"{person_id} has {len(okrs.objectives)} objective(s) in {quarter}, not {objective}")
        krs = okrs.objectives[objective - 1].key_results
        if not 1 <= key_result <= len(krs):
            raise NotFound(f"objective {objective} of {person_id} in {quarter} has {len(krs)} key result(s), not {key_result}")
        return krs[key_result - 1]

    # -- check-ins and actions --------------------------------------------------------------------------
    def add_check_in(self, check_in: CheckIn) -> int:
        """Save a check-in; key results are addressed by (objective, key result) positions in the
        quarter of the check-in's date. Raises NotFound (nothing written) for a key result that does not exist."""
        with self.atomic() as conn:
            self._require_person(conn, check_in.person)
            quarter = quarter_of(check_in.date)
            okrs = self.okrs(check_in.person, quarter)
            cid = _new_id(conn.execute(checkins_t.insert().values(
                person_id=check_in.person, date=check_in.date, mode=check_in.mode, summary=check_in.summary)))
            for st in check_in.key_results:
                kr = self._kr(okrs, check_in.person, quarter, st.objective, st.key_result)
                conn.execute(kr_status_t.insert().values(check_in_id=cid, key_result_id=kr.id, status=st.status, note=st.note))
            for ob in check_in.obstacles:
                conn.execute(obstacles_t.insert().values(check_in_id=cid, kind=ob.kind, text=ob.text))
            for tr in check_in.trial_runs:
                conn.execute(trials_t.insert().values(check_in_id=cid, **tr.model_dump()))
            for act in check_in.actions:
                conn.execute(actions_t.insert().values(
                    person_id=check_in.person, check_in_id=cid, text=act.text, owner=act.owner, due=act.due,
                    status=act.status, created_on=check_in.date))
            return int(cid)

    def check_ins(self, person_id: str, quarter: str | None = None) -> list[CheckIn]:
        """A person's check-ins (optionally within one quarter), oldest first."""
        with self._read() as conn:
            q = sa.select(checkins_t).where(checkins_t.c.person_id == person_id)
            if quarter:
                start, end = quarter_bounds(quarter)
                q = q.where(checkins_t.c.date.between(start, end))
            out = []
            for c in conn.execute(q.order_by(checkins_t.c.date, checkins_t.c.id)).mappings():
                statuses = []
                for s in conn.execute(
                    sa.select(kr_status_t.c.status, kr_status_t.c.note, krs_t.c.position.label("kr"),
                              objectives_t.c.position.label("obj"))
                    .select_from(kr_status_t.join(krs_t).join(objectives_t))
                    .where(kr_status_t.c.check_in_id == c["id"]).order_by(objectives_t.c.position, krs_t.c.position)
                ).mappings():
                    statuses.append(KRStatus(objective=s["obj"], key_result=s["kr"], status=s["status"], note=s["note"]))
                obs = [Obstacle(text=o["text"], kind=o["kind"]) for o in
                       conn.execute(sa.select(obstacles_t).where(obstacles_t.c.check_in_id == c["id"])).mappings()]
                trials = [TrialRun(text=t["text"], status=t["status"], debrief=t["debrief"], follow_up_on=t["follow_up_on"])
                          for t in conn.execute(sa.select(trials_t).where(trials_t.c.check_in_id == c["id"])).mappings()]
                acts = [Action(person=person_id, text=a["text"], owner=a["owner"], due=a["due"], status=a["status"], id=a["id"])
                        for a in conn.execute(sa.select(actions_t).where(actions_t.c.check_in_id == c["id"])).mappings()]
                out.append(CheckIn(person=person_id, date=c["date"], mode=c["mode"], summary=c["summary"], key_results=statuses,
                                   obstacles=obs, trial_runs=trials, actions=acts, id=c["id"]))
        return out

    def last_check_in(self, person_id: str, before: dt.date | None = None) -> CheckIn | None:
        """The most recent check-in (strictly before ``before`` when given), or None."""
        items = [c for c in self.check_ins(person_id) if before is None or c.date < before]
        return items[-1] if items else None

    def add_action(self, action: Action, created_on: dt.date | None = None) -> int:
        """Save a standalone action (outside a check-in); ``created_on`` defaults to today."""
        if action.person is None:
            raise InputError("an action needs a person")
        with self.atomic() as conn:
            self._require_person(conn, action.person)
            return (_new_id(conn.execute(actions_t.insert().values(
                person_id=action.person, text=action.text, owner=action.owner, due=action.due, status=action.status,
                created_on=created_on or dt.date.today()))))

    def set_action_status(self, action_id: int, status: str) -> None:
        if status not in ("open", "done", "dropped"):
            raise InputError(f"action status {status!r} must be open, done or dropped")
        with self.atomic() as conn:
            if conn.execute(actions_t.update().where(actions_t.c.id == action_id).values(status=status)).rowcount == 0:
                raise NotFound(f"no action with id {action_id}")

    def update_trial_run(self, person_id: str, text: str, status: str, debrief: str = "") -> None:
        """Move the person's latest trial run with this text to ``status`` (sent, debriefed) with a debrief."""
        TrialRun(text=text, status=status)  # type: ignore[arg-type]  # validates with a clear message
        with self.atomic() as conn:
            tid = conn.execute(sa.select(trials_t.c.id).select_from(trials_t.join(checkins_t)).where(
                checkins_t.c.person_id == person_id, trials_t.c.text == text).order_by(trials_t.c.id.desc())).scalar()
            if tid is None:
                raise NotFound(f"{person_id} has no trial run {text[:40]!r}")
            conn.execute(trials_t.update().where(trials_t.c.id == tid).values(status=status, debrief=debrief))

    # -- data access and erasure ------------------------------------------------------------------------
    def forget(self, person_id: str) -> dict[str, int]:
        """Erase every row about a person (their right to be forgotten); returns counts per table."""
        check_slug(person_id)
        with self.atomic() as conn:
            self._require_person(conn, person_id)
            counts = {}
            for name in PERSON_TABLES:
                table = metadata.tables[name]
                counts[name] = conn.execute(table.delete().where(table.c.person_id == person_id)).rowcount
            counts["people"] = conn.execute(people_t.delete().where(people_t.c.id == person_id)).rowcount
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts

    def export_person(self, person_id: str) -> dict[str, Any]:
        """Everything about one person, private notes included (their data-access copy), JSON-ready."""
        person = self.person(person_id)
        with self._read() as conn:
            years = [r[0] for r in conn.execute(sa.select(plans_t.c.year).where(plans_t.c.person_id == person_id).order_by(plans_t.c.year))]
            quarters = [r[0] for r in conn.execute(sa.select(quarters_t.c.quarter).where(quarters_t.c.person_id == person_id).order_by(quarters_t.c.quarter))]
            notes = [dict(r) for r in conn.execute(sa.select(notes_t).where(notes_t.c.person_id == person_id).order_by(notes_t.c.date, notes_t.c.id)).mappings()]
            actions = [dict(r) for r in conn.execute(sa.select(actions_t).where(actions_t.c.person_id == person_id).order_by(actions_t.c.id)).mappings()]
        data = {
            "person": person.model_dump(mode="json"),
            "notes": [{k: _iso(v) for k, v in n.items() if k != "person_id"} for n in notes],
            "growth_plans": [self.plan(person_id, y).model_dump(mode="json", exclude={"person"}) for y in years],  # type: ignore[union-attr]
            "okrs": [self.okrs(person_id, q).model_dump(mode="json", exclude={"person"}) for q in quarters],  # type: ignore[union-attr]
            "check_ins": [c.model_dump(mode="json", exclude={"person"}) for c in self.check_ins(person_id)],
            "actions": [{k: _iso(v) for k, v in a.items() if k != "person_id"} for a in actions],
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "schema_version": SCHEMA_VERSION,
        }
        return data

    def count_rows(self, person_id: str | None = None) -> dict[str, int]:
        """Rows per table (about one person when given); used to prove writes were all or nothing."""
        with self._read() as conn:
            out = {}
            for name, table in metadata.tables.items():
                if name == "meta":
                    continue
                q = sa.select(sa.func.count()).select_from(table)
                if person_id is not None:
                    if "person_id" in table.c:
                        q = q.where(table.c.person_id == person_id)
                    elif name == "people":
                        q = q.where(table.c.id == person_id)
                    else:
                        continue
                out[name] = conn.execute(q).scalar_one()
        return out

    # -- DataFrames for reports ---------------------------------------------------------------------
    def frame(self, query: sa.Select | str, **params: Any):  # type: ignore[no-untyped-def]
        """Run a query and return a pandas DataFrame (pandas is imported only when asked for)."""
        import pandas as pd

        with self._read() as conn:
            result = conn.execute(sa.text(query) if isinstance(query, str) else query, params)
            return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))

    def people_frame(self):  # type: ignore[no-untyped-def]
        return self.frame(sa.select(people_t).order_by(people_t.c.id))

    def notes_frame(self, person_id: str | None = None, *, include_private: bool = False):  # type: ignore[no-untyped-def]
        """Notes, newest first. Without ``include_private`` the rows come from the shareable view only."""
        if include_private:
            cols = [notes_t]
            q = sa.select(*cols)
            if person_id:
                q = q.where(notes_t.c.person_id == person_id)
            return self.frame(q.order_by(notes_t.c.date.desc(), notes_t.c.id.desc()))
        return self.shareable_notes_frame(person_id)

    def shareable_notes_frame(self, person_id: str | None = None):  # type: ignore[no-untyped-def]
        """Shared notes only, read through the ``shareable_notes`` view (no private note can be returned)."""
        sql = "SELECT * FROM shareable_notes"
        if person_id:
            sql += " WHERE person_id = :p"
        return self.frame(sql + " ORDER BY date DESC, id DESC", p=person_id)

    def goals_frame(self, person_id: str | None = None, year: int | None = None):  # type: ignore[no-untyped-def]
        """One row per goal: person_id, year, status, drafted_by, position, text, draft, priority, feedback, competencies (list)."""
        q = (sa.select(plans_t.c.person_id, plans_t.c.year, plans_t.c.status, plans_t.c.drafted_by, goals_t.c.id.label("goal_id"),
                       goals_t.c.position, goals_t.c.text, goals_t.c.draft, goals_t.c.priority, goals_t.c.feedback)
             .select_from(goals_t.join(plans_t)).order_by(plans_t.c.person_id, plans_t.c.year, goals_t.c.position))
        if person_id:
            q = q.where(plans_t.c.person_id == person_id)
        if year:
            q = q.where(plans_t.c.year == year)
        df = self.frame(q)
        comps = self.frame(sa.select(goal_comp_t).order_by(goal_comp_t.c.goal_id, goal_comp_t.c.position))
        by_goal: dict[int, list[str]] = {}
        for gid, comp in zip(comps.get("goal_id", []), comps.get("competency", []), strict=False):
            by_goal.setdefault(int(gid), []).append(comp)
        df["competencies"] = [by_goal.get(int(g), []) for g in df["goal_id"]] if len(df) else []
        return df

    def okrs_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """One row per key result (objectives without KRs get one row with empty KR columns)."""
        q = (sa.select(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position.label("objective"),
                       objectives_t.c.text.label("objective_text"), objectives_t.c.goal_position.label("goal"),
                       objectives_t.c.understanding, objectives_t.c.supplement, objectives_t.c.aligned_work,
                       krs_t.c.id.label("kr_id"), krs_t.c.position.label("key_result"), krs_t.c.text.label("kr_text"),
                       krs_t.c.target_date, krs_t.c.outcome, krs_t.c.outcome_note)
             .select_from(quarters_t.join(objectives_t).outerjoin(krs_t))
             .order_by(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position, krs_t.c.position))
        if person_id:
            q = q.where(quarters_t.c.person_id == person_id)
        if quarter:
            q = q.where(quarters_t.c.quarter == check_quarter(quarter))
        return self.frame(q)

    def kr_status_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """One row per KR status at a check-in: person_id, date, mode, objective, key_result, kr_text, status, note."""
        q = (sa.select(checkins_t.c.person_id, checkins_t.c.id.label("check_in_id"), checkins_t.c.date, checkins_t.c.mode,
                       quarters_t.c.quarter, objectives_t.c.position.label("objective"), krs_t.c.position.label("key_result"),
                       krs_t.c.text.label("kr_text"), kr_status_t.c.status, kr_status_t.c.note)
             .select_from(kr_status_t.join(checkins_t).join(krs_t).join(objectives_t).join(quarters_t))
             .order_by(checkins_t.c.person_id, checkins_t.c.date, objectives_t.c.position, krs_t.c.position))
        if person_id:
            q = q.where(checkins_t.c.person_id == person_id)
        if quarter:
            q = q.where(quarters_t.c.quarter == check_quarter(quarter))
        return self.frame(q)

    def check_ins_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """One row per check-in with counts of obstacles, trial runs and actions."""
        q = sa.select(checkins_t).order_by(checkins_t.c.person_id, checkins_t.c.date)
        if person_id:
            q = q.where(checkins_t.c.person_id == person_id)
        if quarter:
            start, end = quarter_bounds(quarter)
            q = q.where(checkins_t.c.date.between(start, end))
        return self.frame(q)

    def obstacles_frame(self, person_id: str, quarter: str | None = None):  # type: ignore[no-untyped-def]
        q = (sa.select(checkins_t.c.date, obstacles_t.c.kind, obstacles_t.c.text).select_from(obstacles_t.join(checkins_t))
             .where(checkins_t.c.person_id == person_id).order_by(checkins_t.c.date))
        if quarter:
            start, end = quarter_bounds(quarter)
            q = q.where(checkins_t.c.date.between(start, end))
        return self.frame(q)

    def trial_runs_frame(self, person_id: str, quarter: str | None = None):  # type: ignore[no-untyped-def]
        q = (sa.select(checkins_t.c.date, trials_t.c.text, trials_t.c.status, trials_t.c.debrief, trials_t.c.follow_up_on)
             .select_from(trials_t.join(checkins_t)).where(checkins_t.c.person_id == person_id).order_by(checkins_t.c.date))
        if quarter:
            start, end = quarter_bounds(quarter)
            q = q.where(checkins_t.c.date.between(start, end))
        return self.frame(q)

    def actions_frame(self, person_id: str | None = None, *, open_only: bool = False):  # type: ignore[no-untyped-def]
        q = sa.select(actions_t).order_by(actions_t.c.due.is_(None), actions_t.c.due, actions_t.c.id)
        if person_id:
            q = q.where(actions_t.c.person_id == person_id)
        if open_only:
            q = q.where(actions_t.c.status == "open")
        return self.frame(q)

    def support_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """Support commitments: who, what, status, due, with their key result and quarter."""
        q = (sa.select(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position.label("objective"),
                       krs_t.c.position.label("key_result"), krs_t.c.text.label("kr_text"), support_t.c.id.label("support_id"),
                       support_t.c.who, support_t.c.what, support_t.c.status, support_t.c.due)
             .select_from(support_t.join(krs_t).join(objectives_t).join(quarters_t))
             .order_by(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position, krs_t.c.position))
        if person_id:
            q = q.where(quarters_t.c.person_id == person_id)
        if quarter:
            q = q.where(quarters_t.c.quarter == check_quarter(quarter))
        return self.frame(q)

    def last_conversation_frame(self, as_of: dt.date | None = None):  # type: ignore[no-untyped-def]
        """Per person, the date of the last career conversation (any note or check-in) on or before ``as_of``."""
        notes = sa.select(notes_t.c.person_id.label("person_id"), notes_t.c.date.label("date"))
        checks = sa.select(checkins_t.c.person_id.label("person_id"), checkins_t.c.date.label("date"))
        if as_of is not None:
            notes = notes.where(notes_t.c.date <= as_of)
            checks = checks.where(checkins_t.c.date <= as_of)
        talks = sa.union_all(notes, checks).subquery()
        last = (sa.select(talks.c.person_id, sa.func.max(talks.c.date).label("last_conversation"))
                .group_by(talks.c.person_id).subquery())
        return self.frame(sa.select(people_t.c.id.label("person_id"), people_t.c.name, last.c.last_conversation)
                          .select_from(people_t.outerjoin(last, last.c.person_id == people_t.c.id)).order_by(people_t.c.id))


def dump_json(data: Any) -> str:
    """JSON with dates as ISO strings and non-ASCII kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_iso)

