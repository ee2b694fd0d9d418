"""Shared fixtures: real SQLite files (and an in-memory store), a real PostgreSQL, the issue's example YAML, the CLI."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from workbook.core.clock import TODAY_VARIABLE
from workbook.store import Store
from workbook.store.schema import PRIVATE_PARTS

ROOT = Path(__file__).resolve().parents[1]
# The day the suite runs on (WORKBOOK_TODAY, set for the session below): the last day the suite passed on the
# machine's own calendar, before the demo's day (2026-12-18) and with 2027's quarters still ahead.
SUITE_TODAY = dt.date(2026, 12, 7)
_ISOLATED = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME")
_SESSION_HOME = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """The whole session (pytest, the CLI in subprocesses, papermill and nbval kernels, browser servers) gets
    config and state folders of its own: a developer's `workbook init` never decides what a test opens, and
    no test writes into their real config."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="wb-test-home-"))
    config.stash[_SESSION_HOME] = base
    for name in _ISOLATED:
        os.environ[name] = str(base / name.lower())
    os.environ.pop("WORKBOOK_DB", None)
    os.environ.pop("WORKBOOK_KEYS", None)
    os.environ.pop("WORKBOOK_PASSPHRASE", None)
    # the demo's key lives for the whole session (the demo workbook is built once and copied into each test),
    # in a folder of the session's own: never the developer's demo key
    os.environ["WORKBOOK_DEMO_KEYS"] = str(base / "demo-keys")
    # the whole session runs on one day (core/clock.py): the tests are written with fixed dates (the demo's
    # 2026-12-18, quarters of 2027) whose meaning depended on the calendar: on the machine's date a record made
    # "today" fell after the demo's day once the calendar passed it. A test about another day sets its own.
    os.environ[TODAY_VARIABLE] = SUITE_TODAY.isoformat()


def pytest_unconfigure(config: pytest.Config) -> None:
    """The session's folders go with it: they hold the session's demo key, which must not outlive the run."""
    import shutil

    base = config.stash.get(_SESSION_HOME, None)
    if base is not None:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with no remembered workbook and no remembered person (set here, so subprocesses
    inherit it)."""
    base = tmp_path_factory.mktemp("xdg")
    for name in _ISOLATED:
        monkeypatch.setenv(name, str(base / name.lower()))
    monkeypatch.delenv("WORKBOOK_DB", raising=False)
    return base
DATA = Path(__file__).resolve().parent / "data"
PUBLIC_LADDERS = ROOT.parent / "shared" / "ladders-public"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbook.db"


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as s:
        yield s


# -- PostgreSQL: one real server per test session, a fresh database per test (a copy of a migrated template) ----
PG_TEMPLATE = "wb_template"
_pg_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server():
    """Debian's PostgreSQL started in a temporary folder (initdb + pg_ctl, Unix socket only, SCRAM logins),
    with a template database at the newest schema; stopped and removed after the session. Skipped only on a
    machine without the server programs, never in CI."""
    from workbook.store import Store
    from workbook.store.localpg import find_program, start_local_server, stop_local_server

    if find_program("initdb") is None or find_program("pg_ctl") is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL's server programs are missing in CI: .ci/run must apt-get install postgresql")
        pytest.skip("PostgreSQL's server programs are not installed (apt-get install postgresql)")
    folder = tempfile.mkdtemp(prefix="wbpg-")  # under /tmp: the postgres user can reach it
    server = start_local_server(folder, durable=False)  # a throwaway server: fsync off
    try:
        with Store(server.create_database(PG_TEMPLATE)):
            pass
        yield server
    finally:
        stop_local_server(folder, remove=True)


@pytest.fixture
def pg_url(pg_server) -> str:
    """The owner's URL (with password) of a brand-new database at the newest schema, dropped afterwards."""
    import psycopg

    name = f"wb_test_{next(_pg_databases)}"
    url = pg_server.create_database(name, template=PG_TEMPLATE)
    yield url
    with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user="workbook_admin",
                         password=pg_server.admin_password, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path: Path):
    """The same Store API on both backends: a SQLite file, and a PostgreSQL database as its owner."""
    if request.param == "sqlite":
        with Store(tmp_path / "workbook.db") as s:
            yield s
    else:
        with Store(request.getfixturevalue("pg_url")) as s:
            yield s


@pytest.fixture
def mem_store():
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def ana_yaml(tmp_path: Path) -> Path:
    target = tmp_path / "ana.yaml"
    shutil.copy(DATA / "ana.yaml", target)
    return target


def run_cli(*args: str, db: Path | None = None, cwd: Path | None = None, input: str | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `workbook` command line in a subprocess."""
    cmd = [sys.executable, "-m", "workbook", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd or ROOT, input=input, env=full_env, timeout=120)


def stage_context(store: Store, person: str, quarter: str, as_of=None):  # type: ignore[no-untyped-def]
    """What a stage page hands its reports: the workbook, one person, the quarter and the day."""
    import datetime as dt

    from workbook.stages.context import StageContext

    day = as_of or dt.date.fromisoformat(f"{quarter[:4]}-{3 * int(quarter[5]):02d}-15")
    return StageContext(store=store, person=store.person(person), quarter=quarter, year=int(quarter[:4]), as_of=day,
                        db=store.path)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def check_ins_staged_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a test that plays out a quarter of 2027 while the calendar is still in 2026: its check-ins and notes lie
    further ahead of the real day than the door lets a conversation be (92 days), so here they are held only to the
    18 months every date is held to. In this process only: the command line in a subprocess keeps the rule."""
    from workbook.core.dates import MONTHS_AHEAD
    from workbook.store import door

    monkeypatch.setattr(door, "CHECK_IN_DAYS_AHEAD", MONTHS_AHEAD * 31)


def start_team(tmp_path: Path, records: str, *person: str) -> Path:
    """A new user's first minutes through the command line: `init` an empty workbook (the default from then
    on), `person add` one report (``person``: the command's arguments, Kim Lee by default) and `import` a YAML
    file of their records (``records``; nothing is imported when it is empty). Returns the workbook's path."""
    db = tmp_path / "w.db"
    assert run_cli("init", str(db)).returncode == 0
    added = run_cli("person", "add", *(person or ("kim", "--name", "Kim Lee")))
    assert added.returncode == 0, added.stderr
    if records:
        data = tmp_path / "records.yaml"
        data.write_text(records, encoding="utf-8")
        imported = run_cli("import", str(data))
        assert imported.returncode == 0, imported.stderr
    return db


def widget_values(widget: Any) -> str:
    """Every string value under ``widget`` (HTML widgets, text boxes), one a line: what a form shows as text."""
    out = []

    def walk(w: Any) -> None:
        if hasattr(w, "value") and isinstance(w.value, str):
            out.append(w.value)
        for child in getattr(w, "children", ()):
            walk(child)
    walk(widget)
    return "\n".join(out)


def has_chromium() -> bool:
    """Whether a Chromium for PDFs is on this machine (tests print PDFs when it is)."""
    from workbook.core.errors import ExportError
    from workbook.render.browser import find_chromium

    try:
        find_chromium()
    except ExportError:
        return False
    return True


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workbook, built once per test session; copy it before writing (see ``demo``)."""
    from workbook.demo import build_demo_db

    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def demo(demo_master: Path, tmp_path: Path):
    """A private copy of the demo workbook, open."""
    shutil.copy(demo_master, tmp_path / "demo.db")
    with Store(tmp_path / "demo.db") as s:
        yield s


# revision 0009 moved these columns into parts of their own: parent -> (part, key, fields)
MOVED = {parent: (part.name, key, tuple(c.name for c in part.c if c.name != key))
         for parent, (part, key) in PRIVATE_PARTS.items()}


OLD_DRAFT_KINDS = "kind in ('goal', 'prework', 'prep', 'trial', 'feedback')"


def undo_career_words(con: Any) -> None:
    """Take away what revision 0011 adds (the report's career words: a side_drafts kind), on SQLite (``sqlite3``,
    whose checks cannot be altered: the table is made again with its rows) or PostgreSQL (psycopg)."""
    if not isinstance(con, sqlite3.Connection):
        con.execute("ALTER TABLE side_drafts DROP CONSTRAINT ck_side_draft_kind")
        con.execute(f"ALTER TABLE side_drafts ADD CONSTRAINT ck_side_draft_kind CHECK ({OLD_DRAFT_KINDS})")
        return
    sql = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'side_drafts'").fetchone()[0]
    assert ", 'career')" in sql, sql
    con.execute("ALTER TABLE side_drafts RENAME TO side_drafts_0011")
    con.execute(sql.replace(", 'career')", ")"))
    con.execute("INSERT INTO side_drafts SELECT * FROM side_drafts_0011")
    con.execute("DROP TABLE side_drafts_0011")
    con.execute("CREATE INDEX ix_side_drafts_person_id ON side_drafts (person_id)")


def undo_outcome_day(con: Any) -> None:
    """Take away what revision 0017 adds (the day a key result's outcome was recorded), on SQLite or PostgreSQL."""
    con.execute("ALTER TABLE key_results DROP COLUMN outcome_on")


def relabel_sqlite(path: Path, revision: str, *undo: Any) -> None:
    """Make the SQLite workbook at ``path`` look as revision ``revision`` left it: each ``undo`` takes away what a
    later revision adds (``undo_outcome_day``, ...), then the revision and the schema version are set back."""
    from workbook.store.migrations import REVISIONS

    con = sqlite3.connect(path)
    for take_away in undo:
        take_away(con)
    con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(REVISIONS.index(revision) + 1),))
    con.commit()
    con.close()


def undo_status_days(con: Any) -> None:
    """Take away what revision 0019 adds (the day a support's or an action's status changed, and the one before)."""
    for table in ("support", "actions"):
        con.execute(f"ALTER TABLE {table} DROP COLUMN status_on")
        con.execute(f"ALTER TABLE {table} DROP COLUMN status_before")


def undo_way_up(con: sqlite3.Connection) -> None:
    """Take away what revision 0010 adds (a person's chosen way up), as revisions before it left a workbook."""
    con.execute("ALTER TABLE people DROP COLUMN toward")


def undo_private_parts(con: sqlite3.Connection) -> None:
    """Put the private fields back where revisions before 0009 kept them (columns of their records)."""
    for parent, (part, key, fields) in MOVED.items():
        for f in fields:
            con.execute(f"ALTER TABLE {parent} ADD COLUMN {f} TEXT NOT NULL DEFAULT ''")
            con.execute(f"UPDATE {parent} SET {f} = coalesce((SELECT {f} FROM {part} WHERE {key} = {parent}.id), '')")
        con.execute(f"DROP TABLE {part}")
