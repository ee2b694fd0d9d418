"""People change: `person edit` dates a promotion (shown in the goals stage and the summary's header), the level must be
on the ladder, and an archived leaver is kept but left out of the home page, team views and batches (--all shows them)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from workbook.core import clock
from workbook.core.errors import InputError
from workbook.core.model import Goal, GrowthPlan
from workbook.stages.people import add_person, as_it_was, edit_person, level_history
from workbook.store import Store

D = dt.date
LADDER = "ladders/data-science.csv"


@pytest.fixture
def team(store: Store) -> Store:
    add_person(store, "kim", "Kim Lee", ladder=LADDER, track="Data Science", level="1", started="2026-09-01")
    add_person(store, "ana", "Ana Souza", ladder=LADDER, track="Data Science", level="2")
    return store


def test_a_promotion_is_dated_and_logged(team: Store) -> None:
    edit_person(team, "kim", level="2", effective=D(2027, 4, 1))
    assert team.person("kim").level == "2"
    assert [(h["effective"], h["field"], h["old"], h["new"]) for h in level_history(team, "kim")] == \
        [(D(2027, 4, 1), "level", "1", "2")]
    change = team.history("kim")[-1]
    assert (change.action, change.label) == ("edit", "person kim (effective 2027-04-01)")
    assert [(f.field, f.old, f.new) for f in change.fields] == [("level", "1", "2")]
    # a summary of a quarter before the promotion shows the level of that quarter
    assert as_it_was(team, team.person("kim"), D(2027, 3, 31)).level == "1"
    assert as_it_was(team, team.person("kim"), D(2027, 4, 1)).level == "2"


def test_a_change_dated_before_a_later_one_of_the_same_field_is_refused_and_writes_nothing(team: Store) -> None:
    """Kim's promotion to 4 was entered ahead (2027-04-01); a level 3 dated 2026-10-01 then chained from 4, a
    value that never applied, and her level today stayed 1 while the history said "4 → 3". Out-of-order dated
    changes of one field are refused; other fields, or the same day and later, are not."""
    from workbook.core.errors import RuleViolation

    edit_person(team, "kim", level="4", effective=D(2027, 4, 1))
    before = (team.person("kim"), level_history(team, "kim"), len(team.history("kim")))
    with pytest.raises(RuleViolation, match=r"level already changes on 2027-04-01 \(1 → 4\), after 2026-10-01; .* "
                                            "date this one on or after 2027-04-01"):
        edit_person(team, "kim", level="3", effective=D(2026, 10, 1))
    assert (team.person("kim"), level_history(team, "kim"), len(team.history("kim"))) == before
    edit_person(team, "kim", name="Kim Lee-Park", effective=D(2026, 10, 1))  # another field: in order on its own
    edit_person(team, "kim", level="3", effective=D(2027, 4, 1))  # the same day: a correction of the promotion
    assert as_it_was(team, team.person("kim"), D(2027, 4, 1)).level == "3"
    assert as_it_was(team, team.person("kim"), D(2027, 3, 31)).level == "1"


def test_a_level_or_ladder_the_door_refuses_writes_nothing(team: Store) -> None:
    before = team.export_person("kim")
    for changes, message in (({"level": "9"}, "field level: level '9' is not on track 'Data Science'"),
                             ({"ladder": "ladders/missing.csv"}, "field ladder: ladder file 'ladders/missing.csv' not found"),
                             ({"track": "Astronomy"}, "field track"),
                             ({"started": "1124-01-01"}, "year outside 1970-2100")):
        with pytest.raises(InputError, match=message):
            edit_person(team, "kim", **changes)
    with pytest.raises(InputError, match="effective date 2026-01-01 is before kim's start date"):
        edit_person(team, "kim", level="2", effective=D(2026, 1, 1))
    after = team.export_person("kim")
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before


def test_the_goals_stage_and_the_summary_header_show_the_promotion(team: Store) -> None:
    from workbook.render.goals import goal_context_html
    from workbook.render.summary import summary_sections

    team.save_plan(GrowthPlan(person="kim", year=2027, goals=[Goal(text="Lead the churn model review")]))
    edit_person(team, "kim", level="2", effective=D(2027, 4, 1))
    assert "Promotion history:</b> 2027-04-01: level 1 → 2" in goal_context_html(team, "kim", 2027, D(2027, 5, 1))
    header = summary_sections(team, "kim", "2027Q2", as_of=D(2027, 6, 30))["title"].intro
    assert "Promotion history: level 1 → 2 on 1 Apr 2027" in header
    earlier = summary_sections(team, "kim", "2027Q1", as_of=D(2027, 3, 31))["title"].intro
    assert "Promotion history" not in earlier and "(level 1)" in earlier  # the quarter before: level 1, no promotion yet


def test_a_first_level_given_to_someone_who_had_none_is_not_a_promotion(store: Store) -> None:
    """Sam joined with no ladder; giving them one later showed "Promotion history: level (none) → 1" on the goals
    page and the summary. It stays in the dated history (`person show`), not under promotions."""
    from workbook.render.goals import goal_context_html
    from workbook.render.summary import summary_sections

    add_person(store, "sam", "Sam Roe", started="2026-09-01")
    edit_person(store, "sam", ladder=LADDER, track="Data Science", level="1", effective=D(2027, 1, 4))
    edit_person(store, "sam", level="2", effective=D(2027, 4, 1))
    header = summary_sections(store, "sam", "2027Q2", as_of=D(2027, 6, 30))["title"].intro
    assert "Promotion history: level 1 → 2 on 1 Apr 2027" in header and "(none)" not in header
    page = goal_context_html(store, "sam", 2027, D(2027, 5, 1))
    assert "2027-04-01: level 1 → 2" in page and "(none)" not in page
    assert [h["old"] for h in level_history(store, "sam") if h["field"] == "level"] == ["", "1"]


def test_an_archived_leaver_is_kept_but_left_out_of_the_team(team: Store, cli) -> None:  # type: ignore[no-untyped-def]
    from workbook.forms.home import HomePage
    from workbook.stages.due import due_frame
    from workbook.stages.team import team_summary

    team.set_archived("ana", True)
    assert [p.id for p in team.people()] == ["kim"]
    assert [p.id for p in team.people(include_archived=True)] == ["ana", "kim"]
    assert set(due_frame(team, D(2027, 1, 20))["person"]) == {"kim"}
    assert list(team_summary(team, "2027Q1", as_of=D(2027, 1, 20))["person"]) == ["kim"]
    assert [v for _label, v in HomePage(team, D(2027, 1, 20)).person_picker.options] == ["kim"]
    assert team.export_person("ana")["person"]["archived"] is True  # the records stay
    listed = cli("people", db=team.path)
    assert "Kim Lee" in listed.stdout and "Ana Souza" not in listed.stdout
    everyone = cli("people", "--all", db=team.path)
    assert "Ana Souza" in everyone.stdout and "True" not in everyone.stdout and "False" not in everyone.stdout
    rows = {line.split()[0]: line.split() for line in everyone.stdout.splitlines()[1:] if line.strip()}
    assert rows["ana"][-1] == "yes" and "yes" not in rows["kim"], everyone.stdout  # a leaver is said so, in words
    assert [c.action for c in team.history("ana")][-1] == "archive"
    team.set_archived("ana", False)
    assert [p.id for p in team.people()] == ["ana", "kim"]


def test_a_batch_leaves_archived_people_out_unless_asked(team: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from workbook.run.summaries import make_summaries

    team.set_archived("ana", True)
    team.close()  # a batch in this process with the workbook still open here fails its kernels (seen on main too)
    out = tmp_path / "out"
    everyone = make_summaries(team.path, "2027Q1", pdf=False, out_dir=out, as_of="2027-01-20", progress=False)
    assert set(everyone.run) == {"team_overview", "kim"} and not everyone.failed
    leavers_too = make_summaries(team.path, "2027Q1", pdf=False, out_dir=out, as_of="2027-01-20", progress=False,
                                 include_archived=True)
    assert "ana" in leavers_too.run
    named = make_summaries(team.path, "2027Q1", people=["ana"], pdf=False, out_dir=out, as_of="2027-01-20",
                           progress=False)  # asked for by id: made
    assert named.run == ["ana"] and not named.failed, named.failed[0].error


def test_person_edit_archive_and_unarchive_on_the_command_line(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "wb.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", "--ladder", LADDER, "--track", "Data Science",
               "--level", "1").returncode == 0
    r = cli("person", "edit", "kim", "--level", "2", "--on", "2027-04-01")
    assert r.returncode == 0 and r.stdout.strip() == "edited kim: level 1 → 2 (on 2027-04-01)", r.stderr
    # dated ahead: not in effect before its day (person show said level 2 from the day it was typed)
    before = cli("person", "show", "kim", "--as-of", "2027-03-31").stdout
    assert "ladder: Data Science level 1 " in before and "not in effect yet: level 1 → 2 from 2027-04-01" in before
    after = cli("person", "show", "kim", "--as-of", "2027-04-01").stdout
    assert "ladder: Data Science level 2 " in after and "not in effect yet" not in after
    bad = cli("person", "edit", "kim", "--level", "9")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "level '9' is not on track" in bad.stderr
    assert cli("person", "archive", "kim").returncode == 0
    assert "archived (a leaver)" in cli("person", "show", "kim").stdout
    assert cli("person", "unarchive", "kim").returncode == 0
    data = json.loads(cli("export", "kim").stdout)
    assert data["person_history"] == [{"effective": "2027-04-01", "field": "level", "old": "1", "new": "2"}]
    assert [c["action"] for c in data["history"]][-3:] == ["edit", "archive", "unarchive"]


def test_a_new_level_leaves_the_ladder_path_as_stored(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`person edit --level` rewrote the ladder path it had only checked the level against: an absolute path to the
    project's ladder became relative, one through a linked folder or relative to the workbook's folder was
    respelled, and the change log (and the promotion history) recorded a ladder change where there was none."""
    import shutil
    import sqlite3

    from workbook.core.paths import LADDERS_DIR

    db = tmp_path / "wb.db"
    assert cli("init", str(db)).returncode == 0
    own = tmp_path / "ladders"  # a ladder of the manager's own, outside the project
    own.mkdir()
    shutil.copy(LADDERS_DIR / "data-science.csv", own / "ds.csv")
    (tmp_path / "linked").symlink_to(own)
    assert cli("ladder", "folders", "--add", str(own)).returncode == 0
    stored = {"abs": str(LADDERS_DIR / "data-science.csv"), "linked": str(tmp_path / "linked" / "ds.csv"),
              "own": "ladders/ds.csv"}
    people = "".join(f"  - {{id: {pid}, name: {pid}, track: Data Science, level: '1', ladder: '{path}'}}\n"
                     for pid, path in stored.items())
    (tmp_path / "team.yaml").write_text("people:\n" + people, encoding="utf-8")
    imported = cli("import", str(tmp_path / "team.yaml"))
    assert imported.returncode == 0, imported.stderr

    def ladders() -> dict[str, str]:
        with sqlite3.connect(db) as conn:
            return dict(conn.execute("SELECT id, ladder FROM people"))

    # the import stores a path as `person add` does (relative to the project, else absolute, links resolved); an
    # older version stored these spellings as typed, and they must stay as stored
    assert ladders() == {"abs": "ladders/data-science.csv", "linked": str(own.resolve() / "ds.csv"),
                         "own": str(own.resolve() / "ds.csv")}
    with sqlite3.connect(db) as conn:
        conn.executemany("UPDATE people SET ladder = ? WHERE id = ?", [(path, pid) for pid, path in stored.items()])
    assert ladders() == stored
    for pid in stored:
        r = cli("person", "edit", pid, "--level", "2", "--on", "2027-04-01")
        assert r.returncode == 0 and r.stdout.strip() == f"edited {pid}: level 1 → 2 (on 2027-04-01)", r.stderr
    assert ladders() == stored
    with Store(db) as store:
        for pid in stored:  # the change log and the promotion history hold the level alone
            assert [(f.field, f.old, f.new) for f in store.history(pid)[-1].fields] == [("level", "1", "2")]
            assert [(h["field"], h["old"], h["new"]) for h in level_history(store, pid)] == [("level", "1", "2")]
        # the form sends the ladder with every edit: the same file, however it is spelt, is no change either
        edit_person(store, "abs", ladder="ladders/data-science.csv", track="Data Science", level="3",
                    effective=D(2027, 5, 1))
        assert store.person("abs").ladder == stored["abs"]
        assert [f.field for f in store.history("abs")[-1].fields] == ["level"]
        edit_person(store, "linked", ladder=str(own / "ds.csv"), level="2")  # the same level and file: nothing
        assert store.person("linked").ladder == stored["linked"]
        assert len(store.history("linked")) == 2
    assert ladders() == stored


def test_a_promoted_person_moves_to_another_workbook_and_a_damaged_history_is_refused(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An export holding a promotion could not be imported at all (its dates reached the database as text:
    a traceback); a history entry with a number where text belongs reached the sealing code (a traceback)."""
    db = tmp_path / "wb.db"
    assert cli("init", str(db)).returncode == 0
    assert cli("person", "add", "kim", "--name", "Kim Lee", "--ladder", LADDER, "--track", "Data Science",
               "--level", "1").returncode == 0
    assert cli("person", "edit", "kim", "--level", "2", "--on", "2026-11-01").returncode == 0
    exported = tmp_path / "kim.json"
    assert cli("export", "kim", "-o", str(exported)).returncode == 0
    other = tmp_path / "other.db"
    moved = cli("import", str(exported), db=other)
    assert moved.returncode == 0, moved.stderr
    again = json.loads(cli("export", "kim", db=other).stdout)
    assert again["person_history"] == [{"effective": "2026-11-01", "field": "level", "old": "1", "new": "2"}]
    data = json.loads(exported.read_text())
    for n, (damage, message) in enumerate([
            (lambda d: d["history"][-1].update(fields=[{"field": "text", "old": 5}]),
             "history[{last}] fields[0] field old: int 5; it must be text or null"),
            (lambda d: d["history"][0].update(at=3), "history[0] field at: int 3; it must be text"),
            (lambda d: d["history"][0].update(fields="x"), "history[0] field fields: it must be a list of mappings"),
            (lambda d: d["person_history"][0].update(effective="2026-13-01"), "person_history[0] field effective:"),
            (lambda d: d["history"][0].pop("actor"), "history[0] field actor: missing")]):
        bad = json.loads(json.dumps(data))
        damage(bad)
        path = tmp_path / f"bad{n}.json"
        path.write_text(json.dumps(bad))
        target = tmp_path / f"new{n}.db"
        r = cli("import", str(path), db=target)
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
        assert message.format(last=len(data["history"]) - 1) in r.stderr, r.stderr
        assert not target.exists()


def test_a_promotion_entered_ahead_is_not_in_effect_in_any_ladder_view_until_its_day(store: Store) -> None:
    """`person show` and the summary read a person at their level on the day; `ladder gaps`, the team overview, the
    goals page and the conversation log's pushes read the level entered ahead (found by a helper: Maya, promoted
    to 3 on 15 Nov 2026 and to 4 from 1 Jan 2027, showed "next level Principal" in December)."""
    from workbook.core.dates import quarter_of
    from workbook.notebook import open_stage
    from workbook.render.goals import goal_context_html
    from workbook.stages.goals import next_level_frame
    from workbook.stages.team import coverage_frame, person_gaps, team_summary

    today = clock.today()
    promoted, ahead = today - dt.timedelta(days=20), today + dt.timedelta(days=300)
    ladder = "ladders/software-engineering.csv"
    add_person(store, "maya", "Maya Okafor", ladder=ladder, track="Software Engineering", level="2",
               started="2024-05-13")
    edit_person(store, "maya", level="3", effective=promoted)
    edit_person(store, "maya", level="4", effective=ahead)
    assert store.person("maya").level == "4"  # stored: the latest entered
    before = quarter_of(promoted - dt.timedelta(days=100))
    assert person_gaps(store, "maya", before).attrs["next_level_name"] == "Senior Software Engineer"  # level 2 then
    assert person_gaps(store, "maya", quarter_of(today)).attrs["next_level_name"] == "Staff Software Engineer"
    later = quarter_of(ahead + dt.timedelta(days=92))  # a quarter ahead is read on its first day
    assert person_gaps(store, "maya", later).attrs["next_level_name"] == "Principal Software Engineer"
    assert next_level_frame(store, "maya", today.year).attrs["next_level_name"] == "Staff Software Engineer"
    assert set(coverage_frame(store, today.year, today)["next_level"]) == {"4"}
    assert list(team_summary(store, quarter_of(today), as_of=today)["level"]) == ["3"]
    context = goal_context_html(store, "maya", today.year, today)
    assert "(Software Engineering level 3)" in context and ahead.isoformat() not in context
    ctx = open_stage("maya", "", str(store.path), today.isoformat())
    try:
        assert ctx.person.level == "3"
    finally:
        ctx.store.close()
