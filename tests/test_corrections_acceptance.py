"""Issue 12's acceptance as a new user types it: add a person, import a year, promote them with `person edit`, fix a
note's date, delete a check-in, move a key result to the next quarter; `workbook history` shows each change with old
and new values, `workbook export` holds the new values and the history, and the PDF's header shows the promotion."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import has_chromium

from workbook.run.outputs import summary_paths

pytestmark = pytest.mark.slow

YEAR = """\
growth_plans:
  - person: kim
    year: 2026
    status: agreed
    goals:
      - {text: "Become the team's go-to person for causal inference", priority: 1}
okrs:
  - person: kim
    quarter: 2026Q4
    objectives:
      - text: Share causal inference with the team
        goal: 1
        key_results:
          - text: "Give a talk on uplift modelling at the analytics guild by 15 December and collect feedback from three attendees"
            target_date: 2026-12-15
            support: [{who: manager, what: book the guild slot, status: committed, due: 2026-12-01}]
          - text: "Write the causal inference how-to page and get two reviews from teammates"
check_ins:
  - {person: kim, date: 2026-10-14, key_results: [{objective: 1, key_result: 1, status: on_track}]}
  - {person: kim, date: 2026-10-28, key_results: [{objective: 1, key_result: 1, status: at_risk, note: "guild slot moved"}]}
notes:
  - {person: kim, date: 1124-09-02, direction: pull, topic: interests, text: "Wants to go deeper into causal inference"}
"""


def test_correct_anything_and_keep_the_history(cli, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home)}

    def run(*args: str):  # type: ignore[no-untyped-def]
        r = cli(*args, cwd=tmp_path, env=env)
        return r

    assert run("init", str(home / "career" / "workbook.db")).returncode == 0
    assert run("person", "add", "kim", "--name", "Kim Lee", "--ladder", "ladders/data-science.csv", "--track",
               "Data Science", "--level", "1", "--started", "2026-01-05").returncode == 0
    (tmp_path / "year.yaml").write_text(YEAR)
    refused = run("import", "year.yaml")  # the note typed as 1124: the whole file is refused, one line
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "notes[0] (kim 1124-09-02) field date: '1124-09-02' has a year outside 1970-2100" in refused.stderr
    (tmp_path / "year.yaml").write_text(YEAR.replace("1124-09-02", "2026-09-02"))
    assert run("import", "year.yaml").returncode == 0

    steps = [
        ("person", "edit", "kim", "--level", "2", "--on", "2026-10-01"),
        ("note", "edit", "1", "--date", "2026-09-03"),
        ("checkin", "delete", "2", "--yes"),
        ("kr", "move", "kim", "2026Q4", "1", "1"),
    ]
    for step in steps:
        r = run(*step)
        assert r.returncode == 0, (step, r.stderr)
    moved = run("kr", "move", "kim", "2026Q4", "1", "2", "--target-date", "2027-02-15")
    assert moved.returncode == 0 and moved.stderr == "", moved.stderr

    history = run("history", "kim", "--no-additions").stdout
    for line in ("edit person kim (effective 2026-10-01)", "    level: 1 → 2",
                 "edit note of 2026-09-03 (pull: interests)  [private]", "    date: 2026-09-02 → 2026-09-03",
                 "delete check-in of 2026-10-28", "    statuses: O1·KR1 at risk: guild slot moved → (deleted)",
                 "move key result O1·KR1 of 2026Q4", "    quarter: 2026Q4 O1·KR1 → 2027Q1 O1·KR1",
                 "    outcome: (empty) → carried_over"):
        assert line in history, f"{line!r} not in\n{history}"

    export = json.loads(run("export", "kim").stdout)
    assert export["person"]["level"] == "2"
    assert export["person_history"] == [{"effective": "2026-10-01", "field": "level", "old": "1", "new": "2"}]
    assert export["notes"][0]["date"] == "2026-09-03"
    assert [c["date"] for c in export["check_ins"]] == ["2026-10-14"]
    q1 = next(q for q in export["okrs"] if q["quarter"] == "2027Q1")
    assert q1["objectives"][0]["key_results"][0]["moved_from"] == {"quarter": "2026Q4", "objective": 1, "key_result": 1}
    assert {"record": "check_in", "action": "delete"}.items() <= next(
        c for c in export["history"] if c["action"] == "delete").items()

    pdf = has_chromium()
    summaries = run("summaries", "--quarter", "2026Q4", "--as-of", "2026-12-31", "-p", "kim",
                    "--pdf" if pdf else "--no-pdf")
    assert summaries.returncode == 0, summaries.stderr
    notebook, made_pdf = summary_paths(home / "career" / "outputs", "2026Q4", "kim")  # beside the workbook
    if pdf:
        text = subprocess.run(["pdftotext", "-layout", str(made_pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Promotion history: level 1 → 2 on 1 Oct 2026" in " ".join(text.split()), text[:1500]
        assert "carried over" in text  # the moved key result's outcome in its old quarter
    else:
        assert "Promotion history: level 1 → 2 on 1 Oct 2026" in notebook.read_text()

