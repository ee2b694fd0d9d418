"""A workbook of one's own: `workbook init` records the default (a config file in the user's config folder);
--db and WORKBOOK_DB still win; without one, reading commands say so in one line and show the demo, writing
commands refuse."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbook.core.errors import InputError
from workbook.core.paths import PROJECT_ROOT
from workbook.store import default_db_path
from workbook.store.location import (
    choose_workbook,
    config_file,
    demo_db_path,
    remember_db,
    remember_person,
    remembered_db,
    remembered_person,
)


def test_the_config_lives_in_the_isolated_config_folder(isolated_config: Path) -> None:
    assert str(config_file()).startswith(str(isolated_config)), "tests must never read a developer's real config"
    assert not str(config_file()).startswith(str(PROJECT_ROOT))


def test_the_order_is_db_then_environment_then_config_then_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert choose_workbook().is_demo and choose_workbook().path == demo_db_path()
    remember_db(tmp_path / "mine.db")
    assert choose_workbook() .path == (tmp_path / "mine.db").resolve() and choose_workbook().source == "config"
    assert default_db_path() == (tmp_path / "mine.db").resolve()
    monkeypatch.setenv("WORKBOOK_DB", str(tmp_path / "env.db"))
    assert choose_workbook().path == tmp_path / "env.db"
    assert choose_workbook(tmp_path / "flag.db").path == tmp_path / "flag.db"


def test_a_broken_config_is_one_line_naming_the_file() -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("db = [unclosed", encoding="utf-8")
    with pytest.raises(InputError, match=r"config.toml: cannot be read .*workbook init PATH"):
        remembered_db()


def test_the_person_last_worked_on_is_remembered_per_workbook(tmp_path: Path) -> None:
    remember_person(tmp_path / "a.db", "kim")
    remember_person(tmp_path / "b.db", "ana")
    assert remembered_person(tmp_path / "a.db") == "kim" and remembered_person(tmp_path / "b.db") == "ana"
    assert remembered_person(tmp_path / "c.db") is None


def test_init_creates_an_empty_private_workbook_and_remembers_it(cli, tmp_path: Path) -> None:
    target = tmp_path / "career" / "workbook.db"
    r = cli("init", str(target))
    assert r.returncode == 0, r.stderr
    assert "new, empty workbook" in r.stdout and target.is_file()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert remembered_db() == target.resolve()
    people = cli("people")  # no --db: the default is the new workbook, not the demo
    assert people.returncode == 0 and "no people yet" in people.stdout and people.stderr == ""
    again = cli("init", str(target))  # adopting an existing workbook is fine and keeps its data
    assert again.returncode == 0 and "existing workbook with 0 people" in again.stdout


def test_init_again_counts_the_one_person_in_words(cli, tmp_path: Path) -> None:
    """`workbook init` run again after the README's first `person add` said "existing workbook with 1 people"."""
    target = tmp_path / "career" / "workbook.db"
    assert cli("init", str(target)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", "--ladder", "ladders/data-science.csv",
               "--track", "Data Science", "--level", "1").returncode == 0
    again = cli("init", str(target))
    assert again.returncode == 0 and f"existing workbook with 1 person: {target.resolve()}" in again.stdout, again.stdout


def test_init_with_workbook_db_set_makes_that_workbook_and_says_when_another_would_be_opened(cli, tmp_path: Path) -> None:
    """A new user who set WORKBOOK_DB before `init`: every other command opens WORKBOOK_DB, so init makes it (it
    used to make ~/career/workbook.db, and the next command said WORKBOOK_DB's file did not exist)."""
    chosen = tmp_path / "mine" / "wb.db"
    r = cli("init", env={"WORKBOOK_DB": str(chosen)})
    assert r.returncode == 0 and chosen.is_file() and "the path WORKBOOK_DB names" in r.stdout, r.stdout + r.stderr
    added = cli("person", "add", "kim", "--name", "Kim Lee", env={"WORKBOOK_DB": str(chosen)})
    assert added.returncode == 0, added.stderr
    other = tmp_path / "other.db"  # an explicit path wins, and init says the variable still points elsewhere
    r = cli("init", str(other), env={"WORKBOOK_DB": str(chosen)})
    assert r.returncode == 0 and other.is_file() and f"WORKBOOK_DB is set ({chosen})" in r.stderr, r.stderr
    url = "postgresql+psycopg://admin:secret@db.example/acme"  # a server: init makes its own file, and says so
    r = cli("init", str(tmp_path / "third.db"), env={"WORKBOOK_DB": url})
    assert r.returncode == 0 and "WORKBOOK_DB is set (to a server)" in r.stderr and "secret" not in r.stderr


def test_init_refuses_a_path_inside_the_project_and_a_file_that_is_not_a_workbook(cli, tmp_path: Path) -> None:
    inside = cli("init", str(PROJECT_ROOT / "mine.db"))
    assert inside.returncode == 1 and "inside the project folder" in inside.stderr
    assert not (PROJECT_ROOT / "mine.db").exists()
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database")
    r = cli("init", str(notes))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "not a workbook" in r.stderr
    assert notes.read_text() == "my notes, not a database" and remembered_db() is None


def test_without_a_workbook_reading_shows_the_demo_with_one_line_and_writing_refuses(cli, tmp_path: Path) -> None:
    r = cli("person", "add", "kim", "--name", "Kim Lee")
    assert r.returncode == 1 and "no workbook of your own yet; create one with `workbook init" in r.stderr
    due = cli("due", "--as-of", "2026-12-18")
    assert due.returncode == 0, due.stderr
    assert due.stderr.strip().splitlines() == [
        "No workbook of your own yet, so this is the demo team. Create yours with `workbook init ~/career/workbook.db`."]
    assert "Priya Raman (priya)" in due.stdout


def test_environment_beats_the_recorded_default(cli, tmp_path: Path) -> None:
    assert cli("init", str(tmp_path / "a.db")).returncode == 0
    assert cli("init", str(tmp_path / "b.db")).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", env={"WORKBOOK_DB": str(tmp_path / "a.db")}).returncode == 0
    assert "kim" in cli("people", db=tmp_path / "a.db").stdout
    assert "no people yet" in cli("people").stdout  # b.db, the last one recorded
    assert os.environ.get("WORKBOOK_DB") is None
