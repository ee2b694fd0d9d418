"""One day for the whole workbook: core/clock.py and WORKBOOK_TODAY.

The suite's tests are written with fixed dates (the demo's 2026-12-18, quarters of 2027). Every rule that says
"today" read the machine's calendar, so a record made "today" fell after the demo's day once the calendar passed
it, and the suite failed by the date alone (measured with libfaketime: at +700 days, two summary tests failed
on what they read, with nothing in the code changed). Now every rule reads clock.today(); the session pins it
(tests/conftest.py), and a user may run the workbook as of a day for a rehearsal.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import SUITE_TODAY

from workbook.core import clock
from workbook.core.clock import TODAY_VARIABLE
from workbook.core.errors import InputError


def test_the_suite_runs_on_its_own_day_in_this_process_and_in_a_subprocess() -> None:
    import subprocess
    import sys

    assert os.environ[TODAY_VARIABLE] == SUITE_TODAY.isoformat() and clock.today() == SUITE_TODAY
    child = subprocess.run([sys.executable, "-c", "from workbook.core import clock; print(clock.today())"],
                           capture_output=True, text=True, check=True, timeout=60)
    assert child.stdout.strip() == SUITE_TODAY.isoformat()


def test_unset_or_empty_is_the_machine_s_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TODAY_VARIABLE)
    assert clock.today() == dt.date.today()
    monkeypatch.setenv(TODAY_VARIABLE, "  ")
    assert clock.today() == dt.date.today()
    monkeypatch.setenv(TODAY_VARIABLE, " 2031-05-04 ")
    assert clock.today() == dt.date(2031, 5, 4)


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30", "tomorrow", "26-12-07", "1969-12-31", "2101-01-01",
                                   "２０２６-12-07", "2026-12-07T10:00"])
def test_a_value_that_is_not_a_day_is_an_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(TODAY_VARIABLE, value)
    with pytest.raises(InputError, match=f"^{TODAY_VARIABLE}=.* is not a day of 1970-2100: give YYYY-MM-DD"):
        clock.today()


def test_the_command_line_runs_as_of_the_day_and_says_a_bad_one_in_one_line(cli, tmp_path: Path) -> None:
    """The door's "18 months ahead" reads the day: a quarter of 2031 is a typo in 2026 and next year's plan in
    2030. A bad value is one line naming the variable, exit 1, nothing written."""
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", "--db", str(db)).returncode == 0
    ahead = cli("objective", "add", "kim", "2031Q1", "--text", "Ship the rota", "--db", str(db))
    assert ahead.returncode == 1 and "more than 18 months ahead" in ahead.stderr, ahead.stderr
    later = cli("objective", "add", "kim", "2031Q1", "--text", "Ship the rota", "--db", str(db), env={TODAY_VARIABLE: "2030-03-01"})
    assert later.returncode == 0, later.stderr
    before = db.read_bytes()
    bad = cli("objective", "add", "kim", "2031Q2", "--text", "Ship the rota", "--db", str(db), env={TODAY_VARIABLE: "2030-02-30"})
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert f"{TODAY_VARIABLE}='2030-02-30' is not a day" in bad.stderr
    assert db.read_bytes() == before


def test_the_hub_hands_the_day_on_to_its_users_servers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from workbook.hub import HubState, spawn_settings

    state = HubState(tmp_path / "hub")
    state.folder.mkdir(parents=True)
    state.users_file.write_text(json.dumps({"ana": "postgresql+psycopg://ana@localhost/wb"}))
    monkeypatch.setattr("workbook.hub.landing_of", lambda url, passfile: "manager")
    assert spawn_settings(state, "ana")["environment"][TODAY_VARIABLE] == SUITE_TODAY.isoformat()
    monkeypatch.delenv(TODAY_VARIABLE)
    assert TODAY_VARIABLE not in spawn_settings(state, "ana")["environment"]


@pytest.mark.parametrize("command", [("app", "--port", "0"), ("lab",), ("hub", "demo", "--port", "0")])
def test_a_server_with_a_bad_day_is_refused_before_it_starts(cli, tmp_path: Path, command: tuple[str, ...]) -> None:
    """The app, JupyterLab and the hub hand the day to every page they open: a bad one is said once, in one line,
    before anything starts or is written (no working copies of the notebooks, no hub folder, no database server),
    not as an error on each page."""
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    state = tmp_path / "hub"
    extra = ("--state", str(state)) if command[0] == "hub" else ("--db", str(db))
    done = cli(*command, *extra, env={TODAY_VARIABLE: "2026-02-30"})
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"error: {TODAY_VARIABLE}='2026-02-30' is not a day"), done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.db"]  # no notebooks/ beside it, no hub/
