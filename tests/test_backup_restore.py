"""Copies that are whole: `workbook backup` is one consistent file with the WAL's rows in it, `workbook restore`
gives the same export for everyone, and a bad backup or a refused restore changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbook.core.errors import InputError
from workbook.core.model import Note
from workbook.store import Store
from workbook.store.copies import backup_workbook, restore_workbook


def exports(cli, db: Path) -> dict[str, dict]:
    """What `workbook export` prints for every person, without the export's own timestamp (the library call
    the command makes; the first person goes through the real command, to keep the two honest)."""
    from workbook.store import dump_json

    with Store(db) as store:
        out = {p.id: json.loads(dump_json(store.export_person(p.id))) for p in store.people()}
    first = next(iter(out))
    r = cli("export", first, db=db)
    assert r.returncode == 0, r.stderr
    printed = json.loads(r.stdout)
    for data in (printed, *out.values()):
        data.pop("exported_at")
    assert printed == out[first]
    return out


def test_a_backup_holds_what_is_still_in_the_wal_and_copying_the_file_does_not(demo: Store, tmp_path: Path) -> None:
    keep_open = sqlite3.connect(demo.path)  # a reader holds the WAL open: no checkpoint can empty it
    keep_open.execute("SELECT count(*) FROM notes").fetchone()
    demo.add_note(Note(person="priya", date="2026-12-18", direction="pull", topic="values", visibility="shared",
                       text="Father is ill; wants fewer late meetings"))  # shared: in clear (private ones are sealed)
    assert Path(f"{demo.path}-wal").stat().st_size > 0
    shutil.copy(demo.path, tmp_path / "copied.db")  # what a manager would do by hand
    backup = backup_workbook(demo.path, tmp_path / "backup.db")
    keep_open.close()
    with sqlite3.connect(tmp_path / "copied.db") as conn:
        copied = conn.execute("SELECT count(*) FROM notes WHERE text LIKE 'Father is ill%'").fetchone()[0]
    with sqlite3.connect(backup) as conn:
        backed = conn.execute("SELECT count(*) FROM notes WHERE text LIKE 'Father is ill%'").fetchone()[0]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert (copied, backed) == (0, 1)
    assert not Path(f"{backup}-wal").exists() and oct(backup.stat().st_mode & 0o777) == "0o600"


def test_backup_then_restore_into_a_new_file_gives_identical_exports(cli, demo: Store, tmp_path: Path) -> None:
    before = exports(cli, demo.path)
    r = cli("backup", str(tmp_path / "b.db"), db=demo.path)
    assert r.returncode == 0, r.stderr
    r = cli("restore", str(tmp_path / "b.db"), db=tmp_path / "restored.db")
    assert r.returncode == 0, r.stderr
    assert exports(cli, tmp_path / "restored.db") == before
    assert len(before) == 6


def test_restore_over_a_workbook_asks_and_refuses_without_a_terminal(cli, demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    Store(target).close()  # an empty workbook of one's own
    assert cli("backup", str(tmp_path / "b.db"), db=demo.path).returncode == 0
    r = cli("restore", str(tmp_path / "b.db"), db=target, input="y\n")
    assert r.returncode == 1 and "nothing was changed" in r.stderr
    with Store(target) as mine:
        assert mine.people() == []
    r = cli("restore", str(tmp_path / "b.db"), "--yes", db=target)
    assert r.returncode == 0, r.stderr
    with Store(target) as mine:
        assert len(mine.people()) == 6


def test_a_backup_never_overwrites_and_a_bad_backup_is_refused(demo: Store, tmp_path: Path) -> None:
    first = backup_workbook(demo.path, tmp_path)  # a folder: dated name
    # dated by the machine's clock, not WORKBOOK_TODAY (the suite pins that): the name records when it was made
    assert first.name == f"demo-{dt.date.today().isoformat()}.db" and first.parent == tmp_path
    with pytest.raises(InputError, match="already exists"):
        backup_workbook(demo.path, first)
    with pytest.raises(InputError, match="is the workbook itself"):
        backup_workbook(demo.path, demo.path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    target = tmp_path / "target.db"
    with pytest.raises(InputError, match="junk.db: is not a workbook"):
        restore_workbook(junk, target)
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left behind


def test_a_folder_that_is_not_there_is_said_not_made_into_a_file(cli, demo: Store, tmp_path: Path) -> None:
    """`backup bk/` wrote a FILE named bk; the next `backup bk/x.db` then said bk 'does not exist'."""
    r = cli("backup", f"{tmp_path / 'bk'}/", db=demo.path)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "folder" in r.stderr and "does not exist" in r.stderr
    assert not (tmp_path / "bk").exists()
    (tmp_path / "plain").write_text("x")
    r = cli("backup", str(tmp_path / "plain" / "x.db"), db=demo.path)
    assert r.returncode == 1 and f"{tmp_path / 'plain'} is a file where a folder is needed; move it away" in r.stderr
    # a file further up: "folder .../sub does not exist; create it first" sent the user to a fix that cannot work
    r = cli("backup", str(tmp_path / "plain" / "sub" / "x.db"), db=demo.path)
    assert r.returncode == 1 and f"{tmp_path / 'plain'} is a file where a folder is needed; move it away" in r.stderr
    (tmp_path / "bk").mkdir()
    r = cli("backup", f"{tmp_path / 'bk'}/", db=demo.path)
    assert r.returncode == 0 and [p.name for p in (tmp_path / "bk").iterdir()][0].startswith("demo-")


def test_import_of_an_export_restores_that_person(cli, demo: Store, tmp_path: Path) -> None:
    before = exports(cli, demo.path)["priya"]
    (tmp_path / "priya.json").write_text(cli("export", "priya", db=demo.path).stdout)
    r = cli("import", str(tmp_path / "priya.json"), db=tmp_path / "new.db")
    assert r.returncode == 0, r.stderr
    assert "imported 1 person, " in r.stdout
    after = exports(cli, tmp_path / "new.db")["priya"]

    def without_row_ids(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return {k: without_row_ids(v) if k != "check_in_id" else v is not None for k, v in value.items()
                    if k not in ("id", "record_id")}
        if isinstance(value, list):
            return [without_row_ids(v) for v in value]
        return value

    # the history comes along as it was, with the import's entries more: the import itself, and its private notes
    # counted apart (for their author only)
    restored = after.pop("history")
    assert [(e["record"], e["action"], e["audience"]) for e in restored[-2:]] == [
        ("person", "import", "shared"), ("note", "import", "private")], restored[-2:]
    assert without_row_ids(restored[:-2]) == without_row_ids(before.pop("history"))
    assert without_row_ids(after) == without_row_ids(before)
    again = cli("import", str(tmp_path / "priya.json"), db=tmp_path / "new.db")  # all or nothing, one line
    assert again.returncode == 1 and "duplicate id 'priya'" in again.stderr and again.stderr.count("\n") == 1


_PROBE = r'''
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 0, 0, 0)
    print("free")
except OSError:
    print("held")
'''


def _lock_on(path: Path) -> str:
    """'held' when some process holds a lock on ``path`` (asked from another process), else 'free'."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_checking_or_backing_up_a_workbook_this_process_has_open_keeps_its_locks(tmp_path: Path) -> None:
    # Closing any descriptor of a file drops every POSIX lock the process holds on it. A header check with
    # open()/close() on a workbook a Store here has open silently unlocked that Store (issue 12's "disk I/O
    # error" in every kernel); backups and checks must not do it.
    from workbook.core.model import Person
    from workbook.store.copies import check_workbook_file

    db = tmp_path / "wb.db"
    with Store(db) as store:
        store.add_person(Person(id="ana", name="Ana Souza"))
        with store.atomic() as conn:
            conn.exec_driver_sql("UPDATE people SET name = name")
            assert _lock_on(db) == "held"
            check_workbook_file(db)
            assert _lock_on(db) == "held"
            backup_workbook(db, tmp_path / "copy.db")
            assert _lock_on(db) == "held"
    assert check_workbook_file(tmp_path / "copy.db") >= 1
    # a file no Store here has open is still checked from its header
    (tmp_path / "not.db").write_bytes(b"plain text, not SQLite")
    with pytest.raises(InputError, match="not an SQLite database"):
        check_workbook_file(tmp_path / "not.db")
