"""The command line as a user runs it: help everywhere, one-line errors, exit codes, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
import yaml

from workbook.cli import app
from workbook.core import clock


def _commands():
    root = typer.main.get_command(app)
    stack = [((), root)]
    while stack:
        path, cmd = stack.pop()
        yield path, cmd
        for name, sub in getattr(cmd, "commands", {}).items():
            stack.append(((*path, name), sub))


def test_every_command_has_help_text() -> None:
    missing = [" ".join(p) or "workbook" for p, c in _commands() if not (c.help or "").strip()]
    assert not missing, f"commands without help: {missing}"
    names = {" ".join(p) for p, _ in _commands()}
    assert {"import", "export", "forget", "people", "demo", "check-kr", "ladder"} <= names


@pytest.mark.parametrize("group", ["person", "note", "checkin", "action", "goal", "objective", "kr", "support"])
def test_a_record_group_s_help_names_each_of_its_commands(group: str) -> None:
    """`workbook --help` said `person` could "add a person to the workbook, or show one", while the README sends a
    new user to `person edit`, `archive` and `unarchive`; `goal` and `objective` did not say they `list`."""
    cmd = typer.main.get_command(app).commands[group]  # type: ignore[attr-defined]
    words = set((cmd.help or "").lower().replace(",", " ").replace(";", " ").replace("(", " ").split())
    assert set(cmd.commands) <= words, f"`workbook {group}` help {cmd.help!r} misses {set(cmd.commands) - words}"


def test_every_command_accepts_db_where_it_reads_a_workbook() -> None:
    for path, cmd in _commands():
        if hasattr(cmd, "commands") or path[-1:] in (("check-kr",), ("check",), ("suggest",), ("init",)):  # init takes PATH
            continue
        if path[:2] == ("org", "server") or path == ("hub", "demo"):  # starts a server (and its own demo database)
            continue
        if path == ("hub", "add-key"):  # opens the workbook as that hub user, at the URL the hub's state keeps for them
            continue
        assert any("--db" in p.opts for p in cmd.params), f"{' '.join(path)} has no --db"


@pytest.mark.parametrize(("command", "instead"), [("app", "JupyterHub"), ("lab", "JupyterHub"),
                                                  ("backup", "pg_dump"), ("restore", "pg_dump")])
def test_a_command_that_refuses_an_organisation_url_does_not_offer_one_in_its_help(cli, command: str,
                                                                                    instead: str) -> None:
    """`workbook app --help` said --db takes "an organisation database URL such as postgresql+psycopg://...", and
    the app then refused one."""
    shown = " ".join(cli(command, "--help").stdout.split())
    assert "--db <str> Workbook: a SQLite file of your own" in shown, shown
    assert "an organisation database URL such as" not in shown and "Not an organisation database's URL" in shown
    assert instead in shown


def test_import_export_forget_round_trip(cli, tmp_path: Path, ana_yaml: Path) -> None:
    db = tmp_path / "w.db"
    r = cli("import", str(ana_yaml), db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"imported 1 person, 1 growth plan, 1 OKR quarter, 1 check-in, 1 note into {db.resolve()}\n"
    shown = cli("history", "ana", db=db).stdout  # the private note counted apart (for its author: here, the owner)
    assert "  import from ana.yaml: 1 person, 1 growth plan, 1 OKR quarter, 1 check-in\n" in shown, shown
    assert "  import from ana.yaml: 1 private note" in shown, shown
    assert "1 private note" not in cli("history", "ana", "--shareable", db=db).stdout
    r = cli("export", "ana", db=db)
    data = json.loads(r.stdout)
    assert data["person"]["name"] == "Ana Souza"
    assert data["growth_plans"][0]["goals"][1]["text"].startswith("Enhance my coding")
    assert data["notes"][0]["visibility"] == "private"
    assert data["check_ins"][0]["key_results"][0]["note"] == "Draft ready"
    r = cli("forget", "ana", "--yes", db=db)  # no terminal to ask on: --yes says it is meant
    assert r.returncode == 0, r.stderr
    r = cli("export", "ana", db=db)
    assert r.returncode == 1 and r.stderr.startswith("error: unknown person 'ana'")


def test_an_unknown_person_is_answered_with_the_closest_first_and_how_many_more(cli, tmp_path: Path) -> None:
    """With nine people `person show zeo` listed the first eight ids, not `zoe`, and not that there were more."""
    from workbook.core.model import Person
    from workbook.store import Store

    db = tmp_path / "w.db"
    with Store(db) as store:
        for pid in ("ctl", "fut", "gus", "hal", "ivy", "jon", "kai", "lea"):
            store.add_person(Person(id=pid, name=f"Person {pid}"))
        store.add_person(Person(id="zoe", name="Zoe Park"))
    r = cli("person", "show", "zeo", db=db)
    assert r.returncode == 1 and r.stdout == "", r.stdout
    assert r.stderr == ("error: unknown person 'zeo' (did you mean zoe (Zoe Park)? others: ctl, fut, gus, hal, ivy, "
                        "jon, kai and 1 more)\n")
    by_name = cli("person", "show", "Zoe Park", db=db)  # a name is not an id, but it finds the id
    assert by_name.returncode == 1 and "did you mean zoe (Zoe Park)?" in by_name.stderr
    far = cli("person", "show", "qqqqq", db=db)
    assert far.stderr == "error: unknown person 'qqqqq' (known: ctl, fut, gus, hal, ivy, jon, kai, lea and 1 more)\n"


def test_a_bad_value_is_named_by_its_option_with_what_it_accepts(cli, tmp_path: Path) -> None:
    """Pydantic's own words reached the user ("String should have at least 1 character", "Input should be 'status'
    or 'unblock'"): a bad value is one line naming the option and what it takes, whichever command it came through."""
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", db=db).returncode == 0
    before = cli("export", "kim", db=db).stdout.splitlines()
    for args, said in [
        (("person", "add", "x", "--name", ""), "error: --name: give a name (it cannot be empty)\n"),
        (("person", "edit", "kim", "--name", ""), "error: --name: give a name (it cannot be empty)\n"),
        (("checkin", "add", "kim", "--mode", "bad"), "error: --mode: 'bad' is not a mode; use status or unblock\n"),
        (("note", "add", "kim", "pull", "goals", "x", "--setting", "bar"),
         "error: --setting: 'bar' is not a setting; use review, 1:1, check-in, water cooler, project discussion or "
         "other\n"),
    ]:
        r = cli(*args, db=db)
        assert r.returncode == 1 and r.stdout == "" and r.stderr == said, (args, r.stderr)
    keep = [line for line in cli("export", "kim", db=db).stdout.splitlines() if '"exported_at"' not in line]
    assert keep == [line for line in before if '"exported_at"' not in line]  # nothing written
    r = cli("person", "add", "Bad Id", "--name", "x", db=db)  # an argument has no option to name: the field, as before
    assert r.returncode == 1 and r.stderr.startswith("error: field id: id 'Bad Id' is not a usable id")


def test_moving_a_person_carries_their_side_drafts_shared_words_and_feedback(cli, tmp_path: Path) -> None:
    """`workbook export` left the report's side behind: moving Kim lost her goal drafts, her manager's feedback
    and her own words about her career. They travel now, with their state and day, and are checked at the door."""
    from workbook.store import Store

    old, new = tmp_path / "old.db", tmp_path / "new.db"
    assert cli("limits", db=old).returncode == 0  # creates an empty workbook
    assert cli("person", "add", "kim", "--name", "Kim Lee", db=old).returncode == 0
    with Store(old) as s:
        s.save_draft("kim", "goal", 2027, 1, {"text": "Run the incident review"})
        s.share_draft("kim", "goal", 2027, 1)
        s.save_draft("kim", "feedback", 2027, 1, {"text": "Name the service"})
        s.save_draft("kim", "career", "", 2, {"text": "Distributed tracing"})
        s.share_draft("kim", "career", "", 2)
        s.save_draft("kim", "career", "", 6, {"text": "I avoid conflict in reviews"})
        before = [(d.kind, d.period, d.position, d.state, d.body, d.updated_at) for d in s.side_drafts("kim")]
    assert len(before) == 4
    out = tmp_path / "kim.json"
    assert cli("export", "kim", "-o", str(out), db=old).returncode == 0
    data = json.loads(out.read_text())
    assert [i["kind"] for i in data["side"]] == ["career", "career", "feedback", "goal"]
    r = cli("import", str(out), db=new)
    assert r.returncode == 0, r.stderr
    with Store(new) as s:
        assert [(d.kind, d.period, d.position, d.state, d.body, d.updated_at) for d in s.side_drafts("kim")] == before
    for i, (field, value, says) in enumerate([("kind", "essay", "draft kind 'essay'"),
                                              ("period", "2027", "no period"),
                                              ("body", {"text": ""}, "text"),
                                              ("updated_at", "yesterday", "updated_at"),
                                              # the career items' own rule: only the way up (7) names a level
                                              ("position", 7, "the way up (position 7) and only it"),
                                              ("position", 8, "is not one of 1-7"),
                                              ("body", {"text": "Staff", "toward": "L5"}, "and only it names")]):
        bad = {**data, "side": [{**data["side"][0], field: value}]}
        path = tmp_path / f"bad{i}.json"
        path.write_text(json.dumps(bad))
        r = cli("import", str(path), db=tmp_path / f"empty{i}.db")
        assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
        assert f"bad{i}.json: side[0]" in r.stderr and says in r.stderr, r.stderr
        assert not (tmp_path / f"empty{i}.db").exists()  # nothing written, not even an empty workbook


def test_a_refused_import_exits_non_zero_with_one_line_and_leaves_the_file_unchanged(cli, tmp_path: Path, ana_yaml: Path) -> None:
    db = tmp_path / "w.db"
    assert cli("limits", db=db).returncode == 0  # creates an empty workbook
    data = yaml.safe_load(ana_yaml.read_text())
    data["growth_plans"][0]["goals"] += [{"text": "three"}, {"text": "four"}]
    bad = tmp_path / "four-goals.yaml"
    bad.write_text(yaml.safe_dump(data))
    r = cli("import", str(bad), db=db)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert "four-goals.yaml: growth_plans[0] (ana 2027)" in lines[0] and "at most 3" in lines[0]
    assert "no people yet" in cli("people", db=db).stdout


def test_usage_errors_exit_2(cli) -> None:
    r = cli("no-such-command")
    assert r.returncode == 2


def test_export_to_a_file_is_written_whole(cli, tmp_path: Path, ana_yaml: Path) -> None:
    db = tmp_path / "w.db"
    cli("import", str(ana_yaml), db=db)
    out = tmp_path / "ana.json"
    r = cli("export", "ana", "--out", str(out), db=db)
    assert r.returncode == 0 and json.loads(out.read_text())["person"]["id"] == "ana"
    assert not list(tmp_path.glob(".ana.json.*"))


def test_limits_can_be_shown_and_changed(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    r = cli("limits", "--set", "max_goals=4", db=db)
    assert r.returncode == 0 and "max_goals = 4" in r.stdout
    r = cli("limits", "--set", "max_goals", db=db)
    assert r.returncode == 1 and "KEY=VALUE" in r.stderr


def test_workbook_db_environment_variable_is_used(cli, tmp_path: Path, ana_yaml: Path) -> None:
    db = tmp_path / "env.db"
    r = cli("import", str(ana_yaml), env={"WORKBOOK_DB": str(db)})
    assert r.returncode == 0 and db.exists()


def test_a_bad_db_path_is_a_one_line_error(cli, tmp_path: Path, ana_yaml: Path) -> None:
    r = cli("import", str(ana_yaml), db=tmp_path / "missing-folder" / "w.db")
    assert r.returncode == 1 and "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_a_typo_in_the_db_path_does_not_create_an_empty_workbook(cli, tmp_path: Path) -> None:
    for args in (("people",), ("export", "ana"), ("forget", "ana", "--yes")):
        r = cli(*args, db=tmp_path / "wrokbook.db")
        assert r.returncode == 1 and "wrokbook.db does not exist" in r.stderr, args
    assert not (tmp_path / "wrokbook.db").exists()


def test_check_kr_json_gives_a_verdict_per_text_and_exits_0(cli) -> None:
    seeds = [
        "Deliver a presentation at the cross-functional weekly meeting. Discuss the project's progress and request "
        "feedback from the manager and at least two team members both before and after the presentation.",
        "Write a model design document using the template and get a detailed review from the tech lead.",
        "Improve communication with partners",
    ]
    r = cli("check-kr", "--json", *seeds)
    assert r.returncode == 0, r.stderr
    verdicts = json.loads(r.stdout)
    # issue 14 adds "confidence" (0.5 to 1) to the four keys
    assert [set(v) for v in verdicts] == [{"text", "measurable", "reasons", "suggestion", "confidence"}] * 3
    assert all(0.5 <= v["confidence"] <= 1 for v in verdicts)
    assert [v["measurable"] for v in verdicts] == [True, True, False]
    assert verdicts[2]["reasons"] and verdicts[2]["suggestion"]
    r = cli("check-kr", "Improve communication with partners")
    assert r.returncode == 0 and r.stdout.startswith("NOT measurable")


def test_forget_deletes_the_files_the_workbook_recorded_and_nothing_else(cli, tmp_path: Path, ana_yaml: Path) -> None:
    from workbook.core.model import Person
    from workbook.run.outputs import person_dir, publish, quarter_dir, stage_output_path, summary_paths
    from workbook.store import Store

    db = tmp_path / "w.db"
    cli("import", str(ana_yaml), db=db)
    out = tmp_path / "outputs"
    with Store(db) as store:
        store.add_person(Person(id="ana-li", name="Ana Li"))
        mine = [stage_output_path(out / "stages", "ana", "03_quarterly_okrs", "2027Q1"), *summary_paths(out, "2027Q1", "ana")]
        theirs = [stage_output_path(out / "stages", "ana-li", "03_quarterly_okrs", "2027Q1")]
        for who, paths in (("ana", mine), ("ana-li", theirs)):
            person_dir(out / "stages", who)
            person_dir(quarter_dir(out, "2027Q1"), who)
            for path in paths:  # each of the kind the workbook makes there (forget deletes only those)
                kind = "stage" if "stages" in path.parts else "person_pdf" if path.suffix == ".pdf" else "person"
                publish(store, [(path, b"x")], kind=kind, about=[who])
    stray = out / "stages" / "ana" / "written-by-hand.ipynb"  # in Ana's folder, but not made by the workbook
    stray.write_text("x")
    r = cli("forget", "ana", "--yes", db=db)
    assert r.returncode == 0, r.stderr
    assert "deleted 3 generated files" in r.stdout
    assert [p.exists() for p in mine] == [False] * 3
    assert all(p.exists() for p in theirs) and stray.exists()


def test_a_bad_import_file_does_not_create_a_workbook(cli, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    bad = tmp_path / "bad.yaml"
    bad.write_text("people: [ {id: ana\n")
    for path in (tmp_path / "missing.yaml", bad):
        r = cli("import", str(path), db=db)
        assert r.returncode == 1 and "Traceback" not in r.stderr
    assert not db.exists()


def test_a_bad_limit_writes_nothing_and_creates_no_workbook(cli, tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    r = cli("limits", "--set", "max_goals=4", "--set", "max_objectives=-1", db=db)
    assert r.returncode == 1 and "max_objectives must be positive" in r.stderr
    assert not db.exists()


BAD_PERIOD_CALLS = [  # every command that takes a quarter or a year, given one that is not
    ("objective", "add", "ana", "{q}", "--text", "x"), ("objective", "edit", "ana", "{q}", "1", "--text", "y"),
    ("objective", "delete", "ana", "{q}", "1", "--yes"), ("kr", "add", "ana", "{q}", "1", "--text", "x"),
    ("kr", "edit", "ana", "{q}", "1", "1", "--text", "y"), ("kr", "delete", "ana", "{q}", "1", "1", "--yes"),
    ("kr", "move", "ana", "{q}", "1", "1"), ("kr", "move", "ana", "2027Q1", "1", "1", "--to", "{q}"),
    ("ladder", "gaps", "ana", "--quarter", "{q}"), ("support", "list", "ana", "--quarter", "{q}"),
    ("checkin", "list", "ana", "--quarter", "{q}"), ("objective", "list", "ana", "{q}"), ("goal", "list", "ana", "{y}"),
    ("goal", "add", "ana", "{y}", "--text", "x"), ("goal", "edit", "ana", "{y}", "1", "--text", "y"),
    ("goal", "delete", "ana", "{y}", "1", "--yes"),
    ("objective", "add", "ana", "2027Q1", "--text", "  "), ("kr", "add", "ana", "2027Q1", "1", "--text", ""),
]


def test_a_mistyped_quarter_year_or_empty_text_is_one_line_and_writes_nothing(cli, tmp_path: Path, ana_yaml: Path,
                                                                              capsys) -> None:
    """A quarter like 2026Q9, a year like 99999 or an empty --text went up as a bare traceback (ValueError, or a
    pydantic dump) from the objective, key-result and goal commands; each is now one line, exit 1, nothing written.
    The commands run in this process (the real parser and entry point): sixteen subprocesses would take a minute."""
    from workbook.cli import main

    db = tmp_path / "w.db"
    assert cli("import", str(ana_yaml), db=db).returncode == 0
    assert cli("objective", "add", "ana", "2027Q1", "--text", "Grow", db=db).returncode == 0
    before = db.read_bytes()
    for bad_quarter, bad_year in (("2026Q9", "99999"), ("1800Q1", "0"), ("x", "1969")):
        for call in BAD_PERIOD_CALLS:
            argv = [a.format(q=bad_quarter, y=bad_year) for a in call] + ["--db", str(db)]
            with pytest.raises(SystemExit) as done:
                main(argv)
            err = capsys.readouterr().err
            assert done.value.code == 1 and len(err.strip().splitlines()) == 1, (argv, err)
            assert err.startswith("error: ") and "Traceback" not in err and "pydantic" not in err, (argv, err)
            assert ("--text: give the text (it cannot be empty)" in err) if "--text" in call and not call[call.index("--text") + 1].strip() \
                else ("quarter" in err or "year" in err), (argv, err)
    assert db.read_bytes() == before
    # and a quarter typed in another accepted form is the same quarter everywhere
    with pytest.raises(SystemExit) as done:
        main(["checkin", "list", "ana", "-q", "2027-q1", "--db", str(db)])
    assert done.value.code == 0 and "2027-01-15  status" in capsys.readouterr().out  # her check-in of 2027Q1


def test_a_limit_out_of_its_range_is_refused_and_one_stored_before_is_brought_into_it(cli, tmp_path: Path) -> None:
    """`limits --set max_goals=1000000000000` was taken, and the goals form then built one priority choice per goal
    allowed; a share above 1, or a low share above the high one, meant nothing. Each is one line, nothing written;
    a workbook that stored such a value before reads it at the range's edge."""
    import sqlite3

    from workbook.store import Store

    db = tmp_path / "w.db"
    assert cli("limits", "--set", "max_goals=4", db=db).returncode == 0
    for bad, said in (("max_goals=1000000000000", "between 1 and 10"), ("ladder_share_high=5", "between 0.01 and 1"),
                      ("check_in_days=400", "between 1 and 92"), ("quiet_weeks=0", "must be positive")):
        r = cli("limits", "--set", bad, db=db)
        assert r.returncode == 1 and said in r.stderr and len(r.stderr.splitlines()) == 1, (bad, r.stderr)
    r = cli("limits", "--set", "max_goals=5", "--set", "ladder_share_low=0.9", "--set", "ladder_share_high=0.8", db=db)
    assert r.returncode == 1 and "ladder_share_low (0.9) is above ladder_share_high (0.8)" in r.stderr
    shown = cli("limits", db=db).stdout
    assert "max_goals = 4" in shown and "ladder_share_low = 0.5" in shown  # the refused command wrote nothing
    with sqlite3.connect(db) as conn:  # as a workbook of an earlier version could hold it
        conn.execute("UPDATE meta SET value = '1000000000000' WHERE key = 'limit.max_goals'")
    conn.close()
    with Store(db) as store:
        assert store.limits().max_goals == 10


def test_summaries_takes_its_quarter_as_an_argument_too(cli, tmp_path: Path) -> None:
    """`workbook summaries 2026Q4`, as `objective add` and `kr add` take theirs, was a usage error ('Got unexpected
    extra argument'); it is the same run as -q. Two different quarters, or a typo, are one line and nothing is made."""
    from conftest import start_team

    db = start_team(tmp_path, "")
    out = tmp_path / "out"
    made = cli("summaries", "2026q4", "--no-pdf", "--as-of", "2026-12-04", "--out", str(out), db=db)
    assert made.returncode == 0 and "summaries 2026Q4: 2 made" in made.stdout, made.stderr
    assert (out / "2026Q4" / "kim" / "kim-2026Q4.ipynb").is_file()
    both = cli("summaries", "2026Q3", "-q", "2026Q4", "--no-pdf", "--out", str(tmp_path / "two"), db=db)
    assert both.returncode == 1 and both.stderr.strip() == "error: two quarters given, 2026Q3 and --quarter 2026Q4; give one"
    typo = cli("summaries", "2026Q9", "--no-pdf", "--out", str(tmp_path / "typo"), db=db)
    assert typo.returncode == 1 and typo.stderr.count("\n") == 1 and "2026Q9" in typo.stderr
    assert not (tmp_path / "two").exists() and not (tmp_path / "typo").exists()
    everyone = cli("summaries", "2026Q4", "--people", "all", "--no-pdf", "--as-of", "2026-12-04", "--out",
                   str(tmp_path / "all"), db=db)  # as `run --person all` says it ("id 'all' is reserved" before)
    assert everyone.returncode == 0 and "summaries 2026Q4: 2 made" in everyone.stdout, everyone.stderr


def test_a_day_outside_the_workbook_s_years_is_one_line_before_anything_runs(cli, tmp_path: Path) -> None:
    """`--as-of 1900-01-01` was a traceback from inside the quarter arithmetic (and `run log` wrote a notebook
    that quietly looked from today); it is refused at the door like a malformed day."""
    db = tmp_path / "w.db"
    assert cli("limits", db=db).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim", db=db).returncode == 0
    for args in (("due", "--as-of", "1900-01-01"), ("person", "show", "kim", "--as-of", "2101-01-01"),
                 ("due", "--as-of", "0001-01-01"), ("run", "log", "--person", "kim", "--as-of", "1900-01-01"),
                 ("person", "edit", "kim", "--name", "Kim Lee", "--on", "1900-01-01")):
        r = cli(*args, db=db)
        assert r.returncode == 1 and "Traceback" not in r.stderr, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "has a year outside 1970-2100" in r.stderr, (args, r.stderr)
    assert not (tmp_path / "outputs").exists()


def test_an_empty_plan_imported_asks_for_up_to_the_workbook_s_limit_of_goals(cli, tmp_path: Path) -> None:
    """The import's coaching hint said "draft up to 99" for a plan with no goals: the file's own cap, not the
    practice's (at most 3, or the workbook's limit)."""
    data = tmp_path / "bo.yaml"
    data.write_text("people:\n  - id: bo\n    name: Bo\ngrowth_plans:\n  - person: bo\n    year: 2027\n    goals: []\n")
    r = cli("import", str(data), db=tmp_path / "w.db")
    assert r.returncode == 0, r.stderr
    assert "draft up to 3 themselves" in r.stderr and "99" not in r.stderr, r.stderr


def test_a_plan_is_agreed_and_a_next_step_added_from_the_command_line(cli, tmp_path: Path) -> None:
    """A manager working from the terminal could add goals but never agree the plan (so its goals never covered
    the ladder's next level in `ladder gaps`), nor add a next step outside a check-in."""
    db = tmp_path / "w.db"
    assert cli("limits", db=db).returncode == 0
    assert cli("person", "add", "ana", "--name", "Ana", "--ladder", "ladders/data-science.csv", "--track", "Data Science",
               "--level", "1", db=db).returncode == 0
    assert cli("goal", "add", "ana", "2026", "--text", "Ship reliably", "--competency", "Coding & architecture",
               db=db).returncode == 0
    assert "GAP until the 2026 plan is agreed" in cli("ladder", "gaps", "ana", db=db).stdout
    agreed = cli("goal", "status", "ana", "2026", "agreed", db=db)
    assert agreed.returncode == 0 and agreed.stdout.strip() == "ana's 2026 plan: draft → agreed", agreed.stderr
    gaps = cli("ladder", "gaps", "ana", db=db).stdout
    assert "Coding & architecture [covered by goal 1]" in gaps and "still draft" not in gaps
    assert "status: draft → agreed" in cli("history", "ana", db=db).stdout
    for args, says in ((("goal", "status", "ana", "2026", "done"), "'done' is not one of: draft, in_discussion, agreed"),
                       (("goal", "status", "ana", "2025", "agreed"), "no growth plan for 2025"),
                       (("action", "add", "ana", "--text", ""), "text"),
                       (("action", "add", "bo", "--text", "x"), "bo")):
        r = cli(*args, db=db)
        assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and says in r.stderr, (args, r.stderr)
    added = cli("action", "add", "ana", "--text", "Book the course", "--owner", "manager", "--due", "2026-12-20", db=db)
    assert added.returncode == 0 and added.stdout.strip() == "added action 1 for ana, due 2026-12-20", added.stderr
    assert cli("action", "list", "ana", db=db).stdout.split() == ["1", "open", "the", "manager", "due", "2026-12-20",
                                                                 "Book", "the", "course"]


def test_action_list_names_owners_as_the_pages_do(cli, tmp_path: Path) -> None:
    """`action list` printed the stored owner word ("employee", "manager") where every page says "the report" and
    "the manager"; a name typed in is shown as typed, and the due dates still line up under each other."""
    from workbook.store import Store

    db = tmp_path / "w.db"
    assert cli("limits", db=db).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", db=db).returncode == 0
    for owner, text in (("employee", "Draft the rota"), ("manager", "Book the course"), ("Lee Park", "Pair on the model")):
        assert cli("action", "add", "kim", "--text", text, "--owner", owner, db=db).returncode == 0
    lines = cli("action", "list", "kim", db=db).stdout.splitlines()
    assert [line.split("  due")[0].split("open", 1)[1].strip() for line in lines] == ["the report", "the manager",
                                                                                        "Lee Park"], lines
    assert len({line.index(" due ") for line in lines}) == 1, lines
    assert not any("employee" in line for line in lines), lines
    with Store(db) as store:  # stored as before: only the words shown changed
        assert list(store.actions_frame("kim")["owner"]) == ["employee", "manager", "Lee Park"]


def test_goal_add_says_when_a_goal_is_a_task_as_an_import_does(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert cli("limits", db=db).returncode == 0
    assert cli("person", "add", "bo", "--name", "Bo", db=db).returncode == 0
    task = cli("goal", "add", "bo", "2027", "--text", "Ship the billing service", db=db)
    assert task.returncode == 0 and "is a task to deliver, not growth" in task.stderr, task.stderr
    growth = cli("goal", "add", "bo", "2027", "--text", "Become the go-to person for causal inference", db=db)
    assert growth.returncode == 0 and "not growth" not in growth.stderr


def test_check_warns_about_an_objective_with_no_key_results_while_its_quarter_runs(cli, tmp_path: Path) -> None:
    """An objective added and left without key results passed `workbook check` without a word: nothing would ever
    say whether it was met. A quarter already over is history and is not flagged."""

    from workbook.core.dates import next_quarter, quarter_of

    db = tmp_path / "w.db"
    assert cli("limits", db=db).returncode == 0
    assert cli("person", "add", "zoe", "--name", "Zoe", db=db).returncode == 0
    quarter = next_quarter(quarter_of(clock.today()))
    assert cli("objective", "add", "zoe", quarter, "--text", "Grow as a writer", db=db).returncode == 0
    checked = cli("check", db=db)
    assert checked.returncode == 0 and f"zoe {quarter}: objective 1 has no key results" in checked.stdout
    assert f"`workbook kr add zoe {quarter} 1 --text ...`" in checked.stdout
    assert cli("kr", "add", "zoe", quarter, "1", "--text", "Publish 2 posts on the team blog", db=db).returncode == 0
    assert "no findings" in cli("check", db=db).stdout


def test_an_unknown_note_topic_lists_the_direction_s_own_topics(cli, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert cli("limits", db=db).returncode == 0
    assert cli("person", "add", "bo", "--name", "Bo", db=db).returncode == 0
    r = cli("note", "add", "bo", "pull", "hobbies", "Plays chess", db=db)
    assert r.returncode == 1 and r.stderr.strip() == (
        "error: note add field topic: 'hobbies' is not a pull topic; a pull note's topic is one of: goals, interests, "
        "values, history, learning topics, self-assessment")


def test_messages_a_new_user_met_say_what_is_wrong_in_their_words(cli, tmp_path: Path) -> None:
    """A helper's first evening: a spreadsheet given to import was "the top level must be a mapping", one empty key
    result among several was "key result is empty" (which?), a limit was "needs a int"."""
    db = tmp_path / "w.db"
    sheet = tmp_path / "team.csv"
    sheet.write_text("id,name\nkim,Kim Lee\n", encoding="utf-8")
    r = cli("import", str(sheet), db=db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "a spreadsheet is not an import file" in r.stderr
    assert not db.exists()
    r = cli("check-kr", "Ship v2 by 2026-12-15", "")
    assert r.returncode == 1 and r.stderr.startswith("error: key result 2 of 2: key result is empty"), r.stderr
    assert cli("limits", db=db).returncode == 0
    r = cli("limits", "--set", "check_in_days=abc", db=db)
    assert r.returncode == 1 and "limit check_in_days needs a whole number, got 'abc'" in r.stderr


def test_init_with_a_server_url_is_refused_and_makes_no_file(cli, tmp_path: Path) -> None:
    """`workbook init postgresql+psycopg://...` made a SQLite file in folders named after the URL and remembered
    it as the default (found by a helper)."""
    r = cli("init", "postgresql+psycopg://workbook_admin@/org?host=/tmp/pg/socket", cwd=tmp_path,
            env={"HOME": str(tmp_path)})
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "`workbook init` makes your own SQLite workbook and postgresql+psycopg: is a server's URL" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_postgresql_driver_that_is_not_installed_is_one_line(cli, tmp_path: Path) -> None:
    r = cli("people", "--db", "postgresql+psycopg2://bob@/org?host=/tmp/none")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip() == ("error: --db 'postgresql+psycopg2://bob@/org?host=/tmp/none': the driver 'psycopg2' "
                                "is not used here; write postgresql+psycopg://USER@/DATABASE?host=SOCKET_DIR")
