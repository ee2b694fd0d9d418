"""Hardening, faults (finding 5): a read-only, full, locked, damaged or foreign file is one line with the fix,
never a traceback or silence; a command that fails creates no file; reading never waits for a writer.

Read-only and full disks are real: a read-only bind mount and a tiny tmpfs, made in a private mount
namespace (``unshare -rm``, no root needed on the host). Those tests skip where namespaces are not allowed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from workbook.core.errors import StoreError
from workbook.store import SCHEMA_VERSION, Store

ECHO = Path(__file__).resolve().parent / "notebooks" / "echo.ipynb"
FOUR_GOALS = ("people:\n  - {id: bob, name: Bob}\ngrowth_plans:\n  - {person: bob, year: 2027, goals: "
              "[{text: A}, {text: B}, {text: C}, {text: D}]}\n")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(res: subprocess.CompletedProcess, *words: str) -> str:
    assert res.returncode == 1, (res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in res.stderr, res.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _namespaces() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || "
                            "mount -t tmpfs -o size=64k tmpfs /tmp"], capture_output=True)
    return probe.returncode == 0


needs_namespaces = pytest.mark.skipif(not _namespaces(), reason="no private mount namespaces (unshare -rm) here")


def in_namespace(setup: str, *args: str, after: str = "true", env: dict[str, str] | None = None
                 ) -> subprocess.CompletedProcess:
    """Run ``workbook ARGS`` after the shell ``setup`` (mounts) in a private mount namespace, then the
    shell ``after`` (which sees the same mounts: write what it finds to a file outside them)."""
    script = f'{setup} && "$0" -m workbook "$@"; code=$?; {after}; exit $code'
    cmd = ["unshare", "-rm", "sh", "-c", script, sys.executable, *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=180,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def workbook_with_ana(tmp_path: Path, ana_yaml: Path) -> Path:
    folder = tmp_path / "books"
    folder.mkdir()
    db = folder / "w.db"
    assert run_cli("import", str(ana_yaml), db=db).returncode == 0
    return db


# -- read-only ----------------------------------------------------------------------------------------


@needs_namespaces
def test_a_workbook_on_a_read_only_disk_refuses_writes_in_one_line_and_still_reads(workbook_with_ana: Path,
                                                                                   tmp_path: Path) -> None:
    folder = workbook_with_ana.parent
    more = tmp_path / "more.yaml"
    more.write_text("people:\n  - {id: bob, name: Bob}\n")
    ro = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder}"
    before = sha(workbook_with_ana)
    one_line_error(in_namespace(ro, "import", str(more), "--db", str(workbook_with_ana)), "read-only")
    one_line_error(in_namespace(ro, "forget", "ana", "--yes", "--db", str(workbook_with_ana)), "read-only")
    people = in_namespace(ro, "people", "--db", str(workbook_with_ana))
    assert people.returncode == 0 and "Ana Souza" in people.stdout, people.stderr
    export = in_namespace(ro, "export", "ana", "--db", str(workbook_with_ana))
    assert export.returncode == 0 and '"id": "ana"' in export.stdout
    for reads in (["history", "ana"], ["check"], ["note", "list", "ana"]):  # they only read: they were refused
        r = in_namespace(ro, *reads, "--db", str(workbook_with_ana))
        assert r.returncode in (0, 1) and "read-only" not in r.stderr and "Traceback" not in r.stderr, (reads, r.stderr)
    # a copy or a new workbook on the read-only disk: the error names the file asked for, never a temporary name
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    ro_shelf = f"mount --bind {shelf} {shelf} && mount -o remount,ro,bind {shelf} {shelf}"
    for args, named in ((["backup", f"{shelf}/", "--db", str(workbook_with_ana)], f"{shelf}/{workbook_with_ana.stem}-"),
                        (["init", f"{shelf}/new.db"], f"{shelf}/new.db:")):
        r = in_namespace(ro_shelf, *args)
        one_line_error(r, "the disk is read-only")
        assert named in r.stderr and ".tmp" not in r.stderr and ".new" not in r.stderr, r.stderr
    assert list(shelf.iterdir()) == []
    assert sha(workbook_with_ana) == before


@needs_namespaces
def test_a_read_only_workbook_can_be_backed_up_and_a_read_only_target_is_still_refused(workbook_with_ana: Path,
                                                                                       tmp_path: Path) -> None:
    """`backup` of a workbook kept read-only (mode 0444 on a read-only disk, as on a locked-down share) said the
    workbook "is read-only; make it writable": a backup only reads it. It is opened read-only now; the workbook
    is left as it was, and a backup the disk cannot take is still one line naming the file asked for."""
    folder = workbook_with_ana.parent
    workbook_with_ana.chmod(0o444)
    before = sha(workbook_with_ana)
    ro = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder}"
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    res = in_namespace(ro, "backup", f"{shelf}/", "--db", str(workbook_with_ana))
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
    (copy,) = shelf.iterdir()
    assert f"backed up {workbook_with_ana} to {copy}" in res.stdout
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT name FROM people WHERE id = 'ana'").fetchone() == ("Ana Souza",)
    assert sorted(p.name for p in folder.iterdir()) == [workbook_with_ana.name]  # no -wal, -shm or temporary file
    assert sha(workbook_with_ana) == before
    both = f"{ro} && mount --bind {shelf} {shelf} && mount -o remount,ro,bind {shelf} {shelf}"
    refused = in_namespace(both, "backup", f"{shelf}/again.db", "--db", str(workbook_with_ana))
    one_line_error(refused, "the disk is read-only", f"{shelf}/again.db")
    assert [p.name for p in shelf.iterdir()] == [copy.name]


# -- full disk ----------------------------------------------------------------------------------------


def _full(folder: Path, size: str = "256k") -> str:
    """A tmpfs at ``folder`` of ``size``, then filled to the last byte."""
    return (f"mount -t tmpfs -o size={size} tmpfs {folder} && (dd if=/dev/zero of={folder}/fill bs=4096 "
            "2>/dev/null || true)")


@needs_namespaces
def test_import_into_a_new_workbook_on_a_full_disk_is_one_line_and_leaves_no_file(tmp_path: Path,
                                                                                   ana_yaml: Path) -> None:
    disk, left = tmp_path / "disk", tmp_path / "left.txt"
    disk.mkdir()
    res = in_namespace(_full(disk), "import", str(ana_yaml), "--db", str(disk / "new.db"), after=f"ls -A {disk} > {left}")
    one_line_error(res, "full")
    assert left.read_text().split() == ["fill"]  # no workbook, no temp file


@needs_namespaces
def test_import_into_an_existing_workbook_on_a_full_disk_changes_nothing(tmp_path: Path, ana_yaml: Path) -> None:
    from workbook.demo.synthetic import synthetic_team_yaml

    disk, people = tmp_path / "disk", tmp_path / "people.txt"
    disk.mkdir()
    db = disk / "w.db"
    big = tmp_path / "big.yaml"
    big.write_text(synthetic_team_yaml(30))
    setup = (f'mount -t tmpfs -o size=1m tmpfs {disk} && "$0" -m workbook import {ana_yaml} --db {db} >/dev/null 2>&1 '
             f"&& (dd if=/dev/zero of={disk}/fill bs=4096 2>/dev/null || true)")
    res = in_namespace(setup, "import", str(big), "--db", str(db),
                       after=f'rm -f {disk}/fill; "$0" -m workbook people --db {db} > {people} 2>&1')
    one_line_error(res, "full", "nothing was written")
    listed = people.read_text()
    assert "Ana Souza" in listed and "p0000" not in listed


@needs_namespaces
def test_export_out_onto_a_full_disk_is_one_line_and_leaves_no_partial_file(workbook_with_ana: Path,
                                                                             tmp_path: Path) -> None:
    disk, left = tmp_path / "disk", tmp_path / "left.txt"
    disk.mkdir()
    res = in_namespace(_full(disk), "export", "ana", "--out", str(disk / "ana.json"), "--db", str(workbook_with_ana),
                       after=f"ls -A {disk} > {left}")
    one_line_error(res, "disk is full", "ana.json")
    assert left.read_text().split() == ["fill"]


@needs_namespaces
def test_init_on_a_disk_that_fills_up_at_any_moment_is_one_line_or_done(tmp_path: Path) -> None:
    """A helper's `workbook init` on a 400 KB tmpfs ended in a traceback: the disk filled during the checkpoint that
    moves the new workbook's log into its file. Any size between "nothing fits" and "all fits": one line, no file."""
    for kb in range(300, 560, 20):
        left = tmp_path / f"left-{kb}.txt"
        res = in_namespace(f"mount -t tmpfs -o size={kb}k tmpfs /mnt", "init", "/mnt/wb.db", after=f"ls -A /mnt > {left}")
        if res.returncode == 0:
            assert left.read_text().split() == ["wb.db"], (kb, left.read_text())
        else:
            one_line_error(res, "disk holding /mnt/wb.db is full")
            assert left.read_text().split() == [], (kb, left.read_text())


@needs_namespaces
def test_export_printed_onto_a_full_disk_is_an_error_not_a_silent_third_of_the_json(tmp_path: Path) -> None:
    """`workbook export P > file` on a full disk wrote the first 16 KB of the JSON and exited 0 (found by a helper):
    a copy that reads as whole until it is needed. Now exit 1 and one line naming standard output and --out."""
    from workbook.demo.synthetic import synthetic_team_yaml

    team = tmp_path / "team.yaml"
    team.write_text(synthetic_team_yaml(3), encoding="utf-8")
    db = tmp_path / "w.db"
    assert run_cli("import", str(team), db=db).returncode == 0
    whole = run_cli("export", "p0000", db=db)
    assert whole.returncode == 0 and len(whole.stdout.encode()) > 20_000  # more than the disk below holds
    res = in_namespace("mount -t tmpfs -o size=16k tmpfs /mnt && exec > /mnt/out.json", "export", "p0000", "--db", str(db))
    one_line_error(res, "standard output: the disk is full", "--out")


@needs_namespaces
@pytest.mark.slow
def test_run_onto_a_full_disk_leaves_no_truncated_notebook(workbook_with_ana: Path, tmp_path: Path) -> None:
    disk, listing = tmp_path / "disk", tmp_path / "listing.txt"
    disk.mkdir()
    res = in_namespace(_full(disk), "run", str(ECHO), "--person", "ana", "--period", "2026Q4", "--out", str(disk),
                       "--db", str(workbook_with_ana), after=f"find {disk} -type f > {listing}")
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
    assert "disk is full" in res.stderr
    assert listing.read_text().split() == [str(disk / "fill")], listing.read_text()  # no notebook, no temp file
    assert "notebook kept at" not in res.stderr, res.stderr  # it said it kept the notebook it could not write


# -- damaged, empty and foreign files -----------------------------------------------------------------


def _damage_notes(db: Path) -> None:
    """Overwrite the notes table's page with garbage (the header and the schema stay readable)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()[0]
    con.close()
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(bytes([0xA5]) * page_size)


def test_damaged_data_pages_are_one_line_errors_and_import_refuses_to_add_to_them(workbook_with_ana: Path,
                                                                                 tmp_path: Path) -> None:
    _damage_notes(workbook_with_ana)
    before = sha(workbook_with_ana)
    one_line_error(run_cli("export", "ana", db=workbook_with_ana), "is damaged", "restore it from a backup")
    more = tmp_path / "more.yaml"
    more.write_text("people:\n  - {id: bob, name: Bob}\n")
    one_line_error(run_cli("import", str(more), db=workbook_with_ana), "is damaged", "nothing was written")
    # `workbook check`, the command that says what needs fixing, said "no findings" of a damaged file (a helper)
    one_line_error(run_cli("check", db=workbook_with_ana), "is damaged", "restore it from a backup")
    assert sha(workbook_with_ana) == before


def test_a_zero_byte_file_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for args in (("people",), ("export", "ana"), ("forget", "ana", "--yes")):
        one_line_error(run_cli(*args, db=empty), "empty file, not a workbook")
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_an_unrelated_sqlite_file_is_refused_and_never_written(tmp_path: Path, ana_yaml: Path) -> None:
    other = tmp_path / "photos.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    con.execute("INSERT INTO photos (path) VALUES ('beach.jpg')")
    con.commit()
    con.close()
    before = sha(other)
    for args in (("people",), ("import", str(ana_yaml)), ("limits", "--set", "max_goals=4")):
        one_line_error(run_cli(*args, db=other), "not a workbook")
    assert sha(other) == before
    with pytest.raises(StoreError, match="not a workbook"):
        Store(other)


def test_an_older_workbook_without_the_marker_is_recognised_and_marked(tmp_path: Path) -> None:
    # a real version 2 workbook (made before the marker, dumped from that code: tests/data/workbook_v2.sql)
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript((Path(__file__).resolve().parent / "data" / "workbook_v2.sql").read_text(encoding="utf-8"))
    con.execute("INSERT INTO meta (key, value) VALUES ('limit.max_goals', '4')")
    con.commit()
    assert con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone() is None
    con.close()
    with Store(db, readonly=True) as store:  # a reader brings it up to date once, then reads
        assert store.limits().max_goals == 4 and store.schema_version() == SCHEMA_VERSION
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone() == ("career-conversation-workbook",)
    con.close()


def test_a_rejected_import_into_a_new_db_path_creates_no_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(FOUR_GOALS)
    folder = tmp_path / "books"
    folder.mkdir()
    one_line_error(run_cli("import", str(bad), db=folder / "new.db"), "4 goals, at most 3")
    assert list(folder.iterdir()) == []


# -- locks ---------------------------------------------------------------------------------------------


def test_a_locked_workbook_is_one_line_and_readers_never_wait_for_the_writer(workbook_with_ana: Path,
                                                                             tmp_path: Path) -> None:
    more = tmp_path / "more.yaml"
    more.write_text("people:\n  - {id: bob, name: Bob}\n")
    writer = sqlite3.connect(workbook_with_ana, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another command in the middle of a long import
    writer.execute("INSERT INTO meta (key, value) VALUES ('busy', 'yes')")
    try:
        fast = {"WORKBOOK_BUSY_TIMEOUT_MS": "300"}
        one_line_error(run_cli("import", str(more), db=workbook_with_ana, env=fast), "locked by another command")
        for args in (("people",), ("export", "ana"), ("ladder", "folders"), ("due",), ("person", "show", "ana")):
            started = time.monotonic()
            res = run_cli(*args, db=workbook_with_ana)  # the default 20 s busy timeout: it must not be needed
            assert res.returncode == 0, (args, res.stderr)
            assert time.monotonic() - started < 10, args
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_write_that_waits_for_another_says_so_then_goes_ahead(workbook_with_ana: Path) -> None:
    """A walk's restore and note edit waited 20-50 s in silence behind another writer: the command now says it is
    waiting (after a moment), and writes once the other has finished."""
    writer = sqlite3.connect(workbook_with_ana, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another command in the middle of a long import
    # The other writer finishes once the command says it waits (a timer raced the command's start on a loaded
    # machine: started after 3 s, it found the workbook free and had nothing to say).
    command = subprocess.Popen(
        [sys.executable, "-m", "workbook", "person", "add", "bob", "--name", "Bob Reyes", "--db", str(workbook_with_ana)],
        cwd=ROOT, env={**os.environ, "WORKBOOK_BUSY_TIMEOUT_MS": "120000"}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        assert command.stderr is not None
        said = command.stderr.readline()  # blocks until the command speaks (or ends)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    out, rest = command.communicate(timeout=120)
    assert command.returncode == 0, said + rest
    assert said.startswith("waiting for another command that is writing ") and "(up to 120 s)" in said, said
    assert "added Bob Reyes" in out
    quiet = run_cli("person", "add", "cy", "--name", "Cy Park", db=workbook_with_ana)
    assert quiet.returncode == 0 and quiet.stderr == ""  # nobody else writing: nothing said


def test_a_restore_behind_another_writer_says_it_waits_and_gives_up_in_one_line(workbook_with_ana: Path,
                                                                                tmp_path: Path) -> None:
    """SQLite's backup call retries a busy workbook without end: a walk's restore behind a notebook that held the
    write lock waited 26 s in silence. It now says it waits, as other writes do, restores once the other has
    finished, and gives up after the busy timeout in one line, the workbook unchanged."""
    copy = tmp_path / "copy.db"
    assert run_cli("backup", str(copy), db=workbook_with_ana).returncode == 0
    assert run_cli("person", "add", "bob", "--name", "Bob Reyes", db=workbook_with_ana).returncode == 0
    writer = sqlite3.connect(workbook_with_ana, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another program writing, for longer than the restore waits
    try:
        res = run_cli("restore", str(copy), "--yes", db=workbook_with_ana, env={"WORKBOOK_BUSY_TIMEOUT_MS": "2000"})
    finally:
        writer.execute("ROLLBACK")
    lines = res.stderr.strip().splitlines()
    assert res.returncode == 1 and len(lines) == 2 and "Traceback" not in res.stderr, res.stderr
    assert lines[0] == "waiting for another command that is writing w.db (up to 2 s) ...", lines
    assert lines[1].startswith("error: ") and "stayed locked by another program for 2 s" in lines[1], lines
    assert "the workbook is unchanged" in lines[1]
    assert "bob" in run_cli("people", db=workbook_with_ana).stdout  # not restored: Bob is still there

    writer.execute("BEGIN IMMEDIATE")  # this time the other program finishes once the restore says it waits
    restore = subprocess.Popen([sys.executable, "-m", "workbook", "restore", str(copy), "--yes", "--db",
                                str(workbook_with_ana)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, env={**os.environ, "WORKBOOK_BUSY_TIMEOUT_MS": "60000"})
    try:
        assert restore.stderr is not None
        said = restore.stderr.readline()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    out, err = restore.communicate(timeout=60)
    assert said == "waiting for another command that is writing w.db (up to 60 s) ...\n", said + err
    assert restore.returncode == 0 and err == "" and "restored" in out, err
    assert "bob" not in run_cli("people", db=workbook_with_ana).stdout


def test_an_organisation_server_that_cannot_be_reached_or_refuses_the_login_is_one_line(tmp_path: Path, pg_server) -> None:
    """The faults of the other backend: no server on the socket, a wrong password. One line, exit 1, for a
    reading and a writing command alike."""
    nowhere = f"postgresql+psycopg://ana@/acme?host={tmp_path}"
    one_line_error(run_cli("people", "--db", nowhere), "cannot be reached", "check that the server runs")
    one_line_error(run_cli("person", "add", "kim", "--name", "Kim", "--db", nowhere), "cannot be reached")
    wrong = pg_server.url(PG_TEMPLATE_NAME, "workbook_admin", "not-the-password")
    one_line_error(run_cli("people", "--db", wrong), "the server refused the password for role 'workbook_admin'",
                   "password authentication failed", "check the user name in the URL and the password in the URL")


PG_TEMPLATE_NAME = "wb_template"


@pytest.mark.parametrize(("url", "words"), [
    ("postgresql+psycopg://acme_maya@localhost:abc/acme",
     ("--db 'postgresql+psycopg://acme_maya@localhost:abc/acme': the port 'abc' is not a number", "HOST:PORT")),
    ("postgresql+psycopg://acme_maya:s3cret@localhost:abc/acme", ("the port 'abc' is not a number",)),
    ("postgresql+psycopg://acme_maya@localhost:99999/acme", ("the port 99999 is out of range",)),
    ("postgresql+psycopg://acme_maya@/acme?hst=/tmp/sock",
     ("'hst' (in '?hst=') is not a connection option; did you mean 'host'?", "?host=SOCKET_DIR")),
    # its ':' or a '/' left out, a URL was a SQLite file in a folder "postgresql+psycopg" that "does not exist"
    ("postgresql+psycopg//acme_maya@/acme?host=/tmp/sock",
     ("--db 'postgresql+psycopg//acme_maya@/acme?host=/tmp/sock' reads as a database URL with its '://' mistyped "
      "after 'postgresql+psycopg'", "postgresql+psycopg://USER@/DATABASE?host=SOCKET_DIR")),
    ("postgresql:/acme_maya:s3cret@/acme?host=/tmp/sock", ("reads as a database URL with its '://' mistyped",)),
])
def test_a_malformed_database_url_is_one_line_naming_the_part_at_fault(url: str, words: tuple[str, ...]) -> None:
    """A port that is not a number was a bare ValueError traceback, a misspelt ?option a psycopg ProgrammingError
    one: both are found when the URL is read, before any connection, for every command alike."""
    for args in (["people"], ["person", "add", "kim", "--name", "Kim"]):
        line = one_line_error(run_cli(*args, "--db", url), *words)
        assert "s3cret" not in line
    with pytest.raises(StoreError, match="--db"):
        Store(url)
    if "://" not in url:  # the same from WORKBOOK_DB, named as such
        line = one_line_error(run_cli("people", env={"WORKBOOK_DB": url}), "WORKBOOK_DB '")
        assert "s3cret" not in line


def test_a_path_is_not_taken_for_a_mistyped_url_and_postgres_is_postgresql() -> None:
    from workbook.store.backend import parse_url, url_typo

    for path in ("sqlite/w.db", "postgres/team.db", "postgresql.db", "sqlite", "./postgresql+x//y", "team.db"):
        assert url_typo(path) is None, path  # folders and files of those names are paths
    for typo in ("postgresql+psycopg//u@/d", "postgres:/u@/d", "postgresql:d", "sqlite:w.db", "postgresql//u@/d",
                 "postgres/u@/d?host=/s", "PostgreSQL+psycopg:/u@/d"):
        assert url_typo(typo), typo
    assert parse_url("postgres://u@/d?host=/s").drivername == "postgresql+psycopg"  # the old alias, libpq's too


def test_a_misspelt_database_or_role_or_a_login_without_access_says_which(pg_server, tmp_path: Path) -> None:
    """A misspelt database or role, or a login that is not a workbook user, was told "check ... that your password is
    in your pgpass file" whatever the server said: the message now follows the server's reason."""
    import psycopg

    passfile = tmp_path / "pgpass"
    passfile.write_text(f"*:*:{PG_TEMPLATE_NAME}:workbook_admin:{pg_server.admin_password}\n")
    passfile.chmod(0o600)
    env = {"PGPASSFILE": str(passfile)}
    typo_db = pg_server.url("wb_templatee", "workbook_admin", pg_server.admin_password)
    one_line_error(run_cli("people", "--db", typo_db), "database 'wb_templatee' does not exist on",
                   "check the database name in the URL")
    for typo in (pg_server.url("wb_templatee", "workbook_admin"), pg_server.url(PG_TEMPLATE_NAME, "workbook_adminn")):
        line = one_line_error(run_cli("people", "--db", typo, env=env), "no password was found for role",
                              f"pgpass file {passfile}", "or the role or database name is misspelt: check the URL")
        assert "cannot be reached" not in line and "your password is in your pgpass" not in line
    stranger = f"stranger_{os.getpid()}"
    with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user="workbook_admin",
                         password=pg_server.admin_password, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE \"{stranger}\" LOGIN PASSWORD 'not-a-user-1'".encode())
    try:
        line = one_line_error(run_cli("people", "--db", pg_server.url(PG_TEMPLATE_NAME, stranger, "not-a-user-1")),
                              f"role '{stranger}' has no access to database '{PG_TEMPLATE_NAME}'",
                              "not a user of this workbook", "`workbook user add`", "permission denied for database")
        assert "pgpass" not in line
    finally:
        with psycopg.connect(host=str(pg_server.socket_dir), dbname="postgres", user="workbook_admin",
                         password=pg_server.admin_password, autocommit=True) as conn:
            conn.execute(f'DROP ROLE "{stranger}"'.encode())


def test_an_organisation_database_that_is_not_a_workbook_is_never_written(pg_server) -> None:
    """The marker rule on PostgreSQL: another application's database is refused before anything is written."""
    import psycopg

    url = pg_server.create_database("not_a_workbook")
    with psycopg.connect(host=str(pg_server.socket_dir), dbname="not_a_workbook", user="workbook_admin",
                         password=pg_server.admin_password, autocommit=True) as conn:
        conn.execute(b"CREATE TABLE invoices (id int PRIMARY KEY, total numeric)")
        conn.execute(b"INSERT INTO invoices VALUES (1, 9.5)")
        with pytest.raises(StoreError, match="is a database but not a workbook .tables: invoices"):
            Store(url)
        tables = [r[0] for r in conn.execute(b"SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        assert tables == ["invoices"] and conn.execute(b"SELECT total FROM invoices").fetchone()[0] == 9.5


def test_a_read_only_open_of_an_organisation_database_never_writes_and_never_waits(pg_url) -> None:
    """Read-only commands on PostgreSQL: READ ONLY transactions, and no wait behind a writer's lock."""
    import sqlalchemy as sa

    from workbook.core.model import Person

    with Store(pg_url) as writer:
        writer.add_person(Person(id="ana", name="Ana"))
        with Store.open(pg_url, readonly=True) as reader:
            with pytest.raises(StoreError, match="opened read-only"):
                reader.add_person(Person(id="ben", name="Ben"))
            with pytest.raises(sa.exc.InternalError, match="read-only transaction"), reader._read() as conn:
                conn.execute(sa.text("INSERT INTO people (id, name, track, level, ladder, manager_name) "
                                     "VALUES ('x', 'X', '', '', '', '')"))
            with writer.atomic():  # a write transaction holds the workbook's write lock meanwhile
                started = time.perf_counter()
                assert [p.id for p in reader.people()] == ["ana"]
                assert time.perf_counter() - started < 5  # waiting would mean the lock timeout (20 s), or forever


def test_a_file_where_a_folder_is_needed_is_named_with_the_fix(tmp_path: Path) -> None:
    """A path through a file (a typo, a file named like the folder meant) said "cannot be written (File exists)",
    "folder .../sub does not exist; create it first" or, for the keys, "cannot be read (Not a directory); check its
    permissions": none named the file in the way. Each now does, in one line, and nothing is written."""
    blocker = tmp_path / "career"
    blocker.write_text("not a folder")
    for target in (blocker / "sub" / "workbook.db", blocker / "workbook.db"):
        made = run_cli("init", str(target))
        assert made.returncode == 1 and made.stderr.count("\n") == 1, made.stderr
        assert made.stderr.startswith(f"error: {blocker}"), made.stderr
        assert "is a file where a folder is needed; move it away or choose another path" in made.stderr
    assert blocker.read_text() == "not a folder"
    db = tmp_path / "w.db"
    assert run_cli("init", str(db)).returncode == 0
    assert run_cli("person", "add", "kim", "--name", "Kim Lee").returncode == 0
    for keys in (blocker, blocker / "keys"):
        noted = run_cli("note", "add", "kim", "pull", "values", "Autonomy", env={"WORKBOOK_KEYS": str(keys)})
        assert noted.returncode == 1 and noted.stderr.count("\n") == 1, noted.stderr
        assert f"{blocker} is a file where a folder of keys is needed" in noted.stderr
    assert run_cli("note", "list", "kim").stdout.count("Autonomy") == 0


# -- stopped ------------------------------------------------------------------------------------------


def _stop_when_the_copy_appears(args: list[str], folder: Path, pattern: str) -> subprocess.CompletedProcess:
    """Run ``workbook ARGS`` and send it SIGTERM (a plain `kill`) once its temporary copy (``pattern`` in
    ``folder``) is on disk: the moment a stop used to leave it behind."""
    proc = subprocess.Popen([sys.executable, "-m", "workbook", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(folder.glob(pattern)) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "finished before its copy could be seen: give it more to do"
    time.sleep(0.2)
    proc.terminate()
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_plain_kill_cleans_up_as_ctrl_c_does_and_leaves_no_copy_of_the_records(tmp_path: Path) -> None:
    """A helper stopped an import into a new file, and a backup, with `kill` (SIGTERM): each left its hidden copy
    of the workbook (the people's records in clear, in a -wal too) beside the target, for good. Ctrl-C cleaned up;
    now SIGTERM is handled the same way, exit 143."""
    from workbook.demo.synthetic import synthetic_team_yaml

    team = tmp_path / "team.yaml"
    team.write_text(synthetic_team_yaml(400), encoding="utf-8")
    new = tmp_path / "new"
    new.mkdir()
    r = _stop_when_the_copy_appears(["import", str(team), "--db", str(new / "n.db")], new, ".n.db.*")
    assert r.returncode == 143 and "Traceback" not in r.stderr and "stopped (SIGTERM)" in r.stderr, r.stderr
    assert list(new.iterdir()) == [], list(new.iterdir())  # no workbook, no copy, no -wal

    db = tmp_path / "w.db"
    assert run_cli("import", str(team), db=db).returncode == 0
    backups = tmp_path / "backups"
    backups.mkdir()
    r = _stop_when_the_copy_appears(["backup", str(backups / "b.db"), "--db", str(db)], backups, ".b.db.*")
    if r.returncode in (0, -15):  # done before the signal came (-15: it came as the process was exiting, after the
        # command had restored the default handler): nothing to clean, and nothing left over
        assert sorted(p.name for p in backups.iterdir()) == ["b.db"]
        with sqlite3.connect(backups / "b.db") as con:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    else:
        assert r.returncode == 143 and "Traceback" not in r.stderr, r.stderr
        assert list(backups.iterdir()) == [], list(backups.iterdir())


_NO_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search,-fowner",
           "--bounding-set=-dac_override,-dac_read_search,-fowner"]


@pytest.mark.skipif(not shutil.which("setpriv") or os.geteuid() != 0, reason="needs setpriv, run as root")
def test_a_workbook_in_a_folder_the_reader_may_not_write_is_read_and_a_write_names_the_folder(
        workbook_with_ana: Path) -> None:
    """A helper put a workbook in a folder of mode 555 (a shared, read-only folder): `people`, `export`, `check` and
    `backup` all failed with 'is read-only ... chmod u+w FILE', a fix that changes nothing. Reading commands now
    read it (as on a read-only disk); a write names the folder. Root's override of file modes is dropped (setpriv),
    as for any other user."""
    folder = workbook_with_ana.parent
    folder.chmod(0o555)
    try:
        def run(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([*_NO_DAC, sys.executable, "-m", "workbook", *args, "--db", str(workbook_with_ana)],
                                  capture_output=True, text=True, cwd=ROOT, timeout=120)

        for args in (("people",), ("check",), ("export", "ana")):
            r = run(*args)
            assert r.returncode == 0 and "Traceback" not in r.stderr, (args, r.stderr)
        assert "ana" in run("people").stdout
        one_line_error(run("note", "add", "ana", "push", "feedback", "Good demo"), "its folder is read-only for you",
                       f"chmod u+w {folder}")
    finally:
        folder.chmod(0o755)


def test_a_stop_python_lost_in_a_finaliser_still_stops_a_write_before_it_publishes(tmp_path: Path) -> None:
    """Once in CI the KeyboardInterrupt raised by the SIGTERM handler was lost ('Exception ignored in ...', a
    weakref callback was running) and the import went on and published its workbook. The handler also records the
    stop, and a new workbook or a backup about to be published checks it: nothing published, no copy left."""
    from workbook.core import stopping
    from workbook.core.model import Person
    from workbook.store import open_for_write
    from workbook.store.copies import backup_workbook

    db = tmp_path / "w.db"
    with open_for_write(db, create=True) as store:
        store.add_person(Person(id="ana", name="Ana"))
    stopping.request(15)  # as the handler does, its exception lost
    try:
        with pytest.raises(stopping.Stopped):
            with open_for_write(tmp_path / "new.db", create=True) as store:
                store.add_person(Person(id="bo", name="Bo"))
        with pytest.raises(stopping.Stopped):
            backup_workbook(db, tmp_path / "b.db")
    finally:
        stopping.clear()
    assert {p.name for p in tmp_path.iterdir()} <= {"w.db", "w.db-wal", "w.db-shm"}  # the workbook, nothing else
