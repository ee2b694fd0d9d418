"""`workbook ladder check/suggest/gaps` as a user runs them, on real public ladders and our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import start_team

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_LADDERS = ROOT.parent / "shared" / "ladders-public"

OWN = sorted((ROOT / "ladders").glob("*.csv"))
PUBLIC = sorted(PUBLIC_LADDERS.glob("*.csv")) if PUBLIC_LADDERS.exists() else []


@pytest.mark.parametrize("path", OWN + PUBLIC, ids=lambda p: p.name)
def test_ladder_check_exits_0_on_every_real_ladder(cli, path: Path) -> None:
    r = cli("ladder", "check", str(path))
    assert r.returncode == 0, r.stderr
    assert "levels:" in r.stdout


def test_public_ladders_are_present_or_skipped() -> None:
    if not PUBLIC:
        pytest.skip(f"{PUBLIC_LADDERS} is absent")
    assert len(PUBLIC) >= 9


@pytest.mark.parametrize("name,content,reason", [
    ("empty.csv", b"", "empty"),
    ("binary.csv", bytes(range(256)) * 4, "not a CSV|binary"),
    ("nolevel.csv", b"competency,expectation\nCoding,Writes tests\n", "level"),
    ("blank.csv", b"level,competency,expectation\n,Coding,Writes tests\n", "row 2.*level"),
    ("ladder.json", b'{"levels": [1, 2]}', "JSON|not a CSV"),
])
def test_ladder_check_refuses_broken_files_in_one_line(cli, tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    r = cli("ladder", "check", str(path))
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0]
    import re

    assert re.search(reason, lines[0], re.I), lines[0]


def test_ladder_check_unknown_track_names_the_known_ones(cli) -> None:
    r = cli("ladder", "check", str(ROOT / "ladders" / "data-science.csv"), "--track", "Astronomy")
    assert r.returncode == 1 and "Data Science" in r.stderr


def test_ladder_suggest_json_lists_competency_and_score_best_first(cli) -> None:
    r = cli("ladder", "suggest", "--ladder", str(ROOT / "ladders" / "data-science.csv"), "--top", "3", "--json",
            "Present the pricing model results to the finance partners every month")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert len(items) == 3 and all(set(i) == {"competency", "score"} for i in items)
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)


def test_ladder_suggest_says_it_reads_english_on_a_goal_in_another_language(cli) -> None:
    ladder = str(ROOT / "ladders" / "data-science.csv")
    for goal, why in (("成为团队里Android登录流程的专家", "most of this text is in another script"),
                      ("Mejorar mis habilidades de comunicación con el equipo de producto", "this text reads as another language")):
        r = cli("ladder", "suggest", "--ladder", ladder, goal)
        assert r.returncode == 0, r.stderr
        assert f"a guess: {why}, and the suggester reads English" in r.stdout, r.stdout
        r = cli("ladder", "suggest", "--ladder", ladder, "--json", goal)  # the JSON keeps its shape
        assert all(set(i) == {"competency", "score"} for i in json.loads(r.stdout))
    english = cli("ladder", "suggest", "--ladder", ladder, "Present the pricing model results to the finance team")
    assert "reads English" not in english.stdout


def test_ladder_gaps_on_the_demo_team(cli, tmp_path: Path) -> None:
    from workbook.demo import DEMO_QUARTER, build_demo_db

    db = build_demo_db(tmp_path / "demo.db")
    r = cli("ladder", "gaps", "tomas", "--quarter", DEMO_QUARTER, db=db)
    assert r.returncode == 0, r.stderr
    assert "next level" in r.stdout and "[GAP]" in r.stdout and "covered by goal" in r.stdout


def test_ladder_gaps_says_a_draft_plans_tags_count_once_it_is_agreed(cli, tmp_path: Path) -> None:
    """From an empty workbook: a draft plan's tag is not lost, it waits for the plan to be agreed."""
    db = start_team(tmp_path, """\
growth_plans:
  - person: kim
    year: 2027
    status: draft
    goals: [{text: "Explain model choices to the product team", competencies: ["Communication & stakeholder management"]}]
""", "kim", "--name", "Kim Lee", "--ladder", "ladders/data-science.csv", "--track", "Data Science", "--level", "1")
    r = cli("ladder", "gaps", "kim", "--quarter", "2027Q1")
    assert r.returncode == 0, r.stderr
    assert "competencies not covered by an agreed goal or current KR; the 2027 plan is still draft)" in r.stdout
    assert "- Communication & stakeholder management [GAP until the 2027 plan is agreed: goal 1 tags it]" in r.stdout
    assert r.stdout.count("tags it") == 1
    from workbook.store import Store

    with Store(db) as store:  # the plan agreed (as the goals page's "Agree and save" does)
        agreed_plan = store.plan("kim", 2027)
        agreed_plan.status = "agreed"
        store.save_plan(agreed_plan)
    agreed = cli("ladder", "gaps", "kim", "--quarter", "2027Q1").stdout
    assert "[covered by goal 1]" in agreed and "tags it" not in agreed and "still" not in agreed


def test_ladder_gaps_at_a_fork_prints_the_other_way_up_and_the_command_for_it(cli, tmp_path: Path) -> None:
    """A new person on a ladder with an individual-contributor and a manager branch: the gaps name the other
    branch and the printed command shows it; a level that is not above theirs is one line, exit 1."""
    from test_ladder import FORK

    (tmp_path / "fork.csv").write_text(FORK, encoding="utf-8")
    start_team(tmp_path, "", "kim", "--name", "Kim Lee", "--ladder", str(tmp_path / "fork.csv"), "--level", "e2")
    r = cli("ladder", "gaps", "kim")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Kim Lee: next level Staff Engineer (Individual Contributor) (1 of 1 ")
    command = "workbook ladder gaps kim --toward e3-m"
    assert r.stdout.rstrip().endswith(f"or toward Staff Engineer (Manager): `{command}`"), r.stdout
    other = cli(*command.split()[1:])
    assert other.returncode == 0, other.stderr
    assert other.stdout.startswith("Kim Lee: toward Staff Engineer (Manager) (1 of 1 ") and "- People [GAP]" in other.stdout
    assert "or toward Staff Engineer (Individual Contributor): `workbook ladder gaps kim --toward e3-ic`" in other.stdout
    assert cli("person", "edit", "kim", "--level", "e3-m").returncode == 0
    up = cli("ladder", "gaps", "kim")
    assert up.stdout.startswith("Kim Lee: next level Principal Engineer (Manager) ("), up.stdout  # not the IC's
    wrong = cli("ladder", "gaps", "kim", "--toward", "e3-ic")
    assert wrong.returncode == 1 and wrong.stdout == ""
    assert wrong.stderr.strip().splitlines() == [
        "error: level 'e3-ic' is not above Kim Lee's level 'e3-m' on track 'Eng'; choose one of: e4-ic, e4-m, e5"]


def test_the_way_up_a_person_chose_at_a_fork_is_kept_and_followed_until_a_promotion_reaches_it(cli, tmp_path: Path) -> None:
    """A new person heading for management (`person add --toward`): `ladder gaps` compares with the manager branch
    without being asked each time, `person show` says it; a level that is not above theirs, or a way up without a
    ladder, is one line, exit 1, nothing written; the promotion that reaches it clears it, dated in the history."""
    from test_ladder import FORK

    (tmp_path / "fork.csv").write_text(FORK, encoding="utf-8")
    start_team(tmp_path, "", "kim", "--name", "Kim Lee", "--ladder", str(tmp_path / "fork.csv"), "--level", "e2",
               "--toward", "Principal Engineer (Manager)")
    r = cli("ladder", "gaps", "kim")
    assert r.stdout.startswith("Kim Lee: next level Staff Engineer (Manager), on their way to Principal Engineer "
                               "(Manager) (1 of 1 "), r.stdout
    assert "- People [GAP]" in r.stdout and r.stdout.rstrip().endswith(
        "or toward Staff Engineer (Individual Contributor): `workbook ladder gaps kim --toward e3-ic`")
    assert ("  heading for: Principal Engineer (Manager) (e4-m), the way up chosen where the ladder forks"
            in cli("person", "show", "kim").stdout)
    assert cli("people").stdout.splitlines()[:2] == ["id   name     track  level  toward  manager",
                                                      "kim  Kim Lee  Eng    e2     e4-m"]
    for bad, message in (("e2", "level 'e2' is not above kim's level 'e2' on track 'Eng'; choose one of: e3-ic, e3-m, "
                                 "e4-ic, e4-m, e5"),
                         ("e9", "level 'e9' is not on track 'Eng'")):
        refused = cli("person", "edit", "kim", "--toward", bad)
        assert refused.returncode == 1 and refused.stdout == "" and refused.stderr.count("\n") == 1, refused.stderr
        assert refused.stderr.startswith(f"error: person kim field toward: {message}"), refused.stderr
    assert cli("person", "add", "ana", "--name", "Ana", "--toward", "e3-m").stderr.startswith(
        "error: person ana field toward: ana needs a ladder and a level before a way up can be chosen")
    assert [ln.split()[0] for ln in cli("people").stdout.splitlines()[1:]] == ["kim"]
    promoted = cli("person", "edit", "kim", "--level", "e3-m", "--on", "2026-11-01")
    assert promoted.stdout.strip() == "edited kim: level e2 → e3-m (on 2026-11-01)", promoted.stdout
    assert cli("ladder", "gaps", "kim").stdout.startswith(
        "Kim Lee: next level Principal Engineer (Manager), the way up they chose (")
    reached = cli("person", "edit", "kim", "--level", "e4-m")
    assert reached.stdout.strip() == "edited kim: level e3-m → e4-m, toward e4-m → (none)", reached.stdout
    assert "heading for" not in cli("person", "show", "kim").stdout
    history = json.loads(cli("history", "kim", "--json", "--shareable").stdout)
    assert [f["field"] for c in history for f in c["fields"] if f["field"] == "toward"] == ["toward"]


def test_ladder_gaps_with_a_ladder_file_gone_is_an_error_not_an_empty_answer(cli, tmp_path: Path) -> None:
    """`ladder gaps` printed "the ladder ... cannot be used" and exited 0, as if nothing were wrong (a helper found
    it: a person's ladder file deleted after they were added). No ladder at all is still a plain answer."""
    import shutil

    own = tmp_path / "l6.csv"
    shutil.copy(ROOT / "ladders" / "data-science.csv", own)
    db = start_team(tmp_path, "", "kim", "--name", "Kim Lee", "--ladder", str(own), "--track", "Data Science",
                    "--level", "1")
    assert cli("person", "add", "lou", "--name", "Lou Ma").returncode == 0
    assert cli("ladder", "gaps", "kim").returncode == 0
    own.unlink()
    gone = cli("ladder", "gaps", "kim")
    assert gone.returncode == 1 and gone.stderr.count("\n") == 1 and "Traceback" not in gone.stderr, gone.stderr
    assert "the ladder for Kim Lee cannot be used" in gone.stderr and "l6.csv' not found" in gone.stderr
    plain = cli("ladder", "gaps", "lou")
    assert plain.returncode == 0 and "has no career ladder in the workbook" in plain.stdout
    assert db.exists()


@pytest.mark.parametrize(("first_line", "second_line"), [
    ("root:x:0:0:root:/root:/bin/bash", "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin TOPSECRET"),
    ("TOPSECRET api key 1234", "second, line, with commas, TOPSECRET"),
])
def test_a_named_file_that_is_not_a_csv_ladder_is_refused_without_echoing_its_first_line(
        cli, tmp_path: Path, first_line: str, second_line: str) -> None:
    """`ladder check /etc/shadow` said "found: 'root:*:20228:...'": a file with no comma, semicolon or tab in its
    first line is not a CSV, and none of its lines is quoted back; a CSV's header cells still are."""
    path = tmp_path / "notes.txt"
    path.write_text(f"{first_line}\n{second_line}\n")
    for args in (("ladder", "check", str(path)), ("ladder", "suggest", "--ladder", str(path), "lead a design review")):
        r = cli(*args)
        assert r.returncode != 0 and "not a CSV ladder" in r.stderr, r.stderr
        assert first_line not in r.stderr and "TOPSECRET" not in r.stderr and "root:" not in r.stderr
    csv_path = tmp_path / "other.csv"
    csv_path.write_text("name,salary\nKim,TOPSECRET\n")
    r = cli("ladder", "check", str(csv_path))
    assert r.returncode != 0 and "(found: 'name', 'salary')" in r.stderr and "TOPSECRET" not in r.stderr, r.stderr
