"""A key result's outcome remembers the day it was recorded (revision 0017): a summary, team overview, due list or
restart list made as of an earlier day shows the key result as it stood then, open, as it shows no later check-in.

Every test starts from an empty workbook and a brand-new person; the quarters are counted back from today, so an
outcome's day is always in the past, as the store requires."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import relabel_sqlite, undo_outcome_day, undo_status_days

from workbook.core import clock
from workbook.core.dates import next_quarter, previous_quarter, quarter_bounds, quarter_of
from workbook.core.errors import InputError
from workbook.core.model import KeyResult, Objective, Person, QuarterOKRs
from workbook.render.summary import summary_sections
from workbook.stages.close import restart_steps
from workbook.stages.due import due_for_person
from workbook.stages.team import team_summary
from workbook.store import SCHEMA_VERSION, Store

TODAY = clock.today()
LAST_Q = previous_quarter(quarter_of(TODAY))  # its close is recorded today: dated today
OLD_Q = previous_quarter(LAST_Q)  # ended three months ago or more
OLD_END = quarter_bounds(OLD_Q)[1]
CLOSED_ON = OLD_END + dt.timedelta(days=4)  # its close, the week after it ended


def _new_person(store: Store, quarter: str) -> None:
    """A brand-new person with one objective and one key result in ``quarter``, no check-in, no goals."""
    store.add_person(Person(id="ines", name="Inês Ōtsuka"))
    store.save_okrs(QuarterOKRs(person="ines", quarter=quarter, objectives=[
        Objective(text="Ship the churn model", key_results=[KeyResult(text="Churn model in production, used weekly")])]))


def _kr(store: Store, quarter: str) -> KeyResult:
    okrs = store.okrs("ines", quarter)
    assert okrs is not None
    return okrs.objectives[0].key_results[0]


def test_an_outcome_is_dated_the_day_it_is_recorded_and_keeps_that_day_until_it_changes(store: Store) -> None:
    _new_person(store, LAST_Q)
    assert _kr(store, LAST_Q).outcome_on is None
    store.set_outcome("ines", LAST_Q, 1, 1, "partly_met", "two of three teams", on=quarter_bounds(quarter_of(TODAY))[0])
    first = _kr(store, LAST_Q).outcome_on
    assert first == quarter_bounds(quarter_of(TODAY))[0]
    store.edit_key_result("ines", LAST_Q, 1, 1, outcome_note="two of three teams; the third in January")
    store.edit_key_result("ines", LAST_Q, 1, 1, text="Churn model in production, used weekly by 3 teams")
    assert _kr(store, LAST_Q).outcome_on == first  # a note or wording corrected: the outcome is as recorded then
    store.edit_key_result("ines", LAST_Q, 1, 1, outcome="met")
    assert _kr(store, LAST_Q).outcome_on == TODAY  # a new outcome: recorded today
    store.edit_key_result("ines", LAST_Q, 1, 1, outcome=None, outcome_note="")
    assert _kr(store, LAST_Q).outcome_on is None  # no outcome, no day


def test_an_outcome_filled_in_long_after_its_quarter_has_no_day_and_shows_as_of_any_day(store: Store) -> None:
    _new_person(store, OLD_Q)
    store.set_outcome("ines", OLD_Q, 1, 1, "met")
    assert _kr(store, OLD_Q).outcome_on is None  # for the record: two quarters on, today is not when it was closed
    sections = summary_sections(store, "ines", OLD_Q, as_of=OLD_END)
    assert list(sections["okrs"].table["result"]) == ["met"]


def test_a_day_still_to_come_is_refused_naming_the_field(store: Store) -> None:
    _new_person(store, OLD_Q)
    day = TODAY + dt.timedelta(days=1)
    with pytest.raises(InputError, match=f"outcome_on {day.isoformat()} of {OLD_Q} is after today.*give a past day") as err:
        store.set_outcome("ines", OLD_Q, 1, 1, "met", on=day)
    assert "key result 1" in str(err.value)
    assert _kr(store, OLD_Q).outcome is None  # nothing written


def test_a_key_result_dropped_before_its_quarter_began_is_dated_that_day_and_travels_in_an_export(
        store: Store, tmp_path: Path) -> None:
    """A key result of next quarter dropped before the quarter starts: recorded today, before its quarter, which an
    export and an import keep (the import refuses only a day still to come)."""
    from workbook.exchange.importer import import_data
    from workbook.exchange.roundtrip import export_to_sections

    nxt = next_quarter(quarter_of(TODAY))
    _new_person(store, nxt)
    store.set_outcome("ines", nxt, 1, 1, "dropped", "the project was cancelled")
    assert _kr(store, nxt).outcome_on == TODAY
    with Store(tmp_path / "other.db") as other:
        import_data(other, export_to_sections(store.export_person("ines")))
        assert (_kr(other, nxt).outcome, _kr(other, nxt).outcome_on) == ("dropped", TODAY)


def test_views_made_as_of_a_day_before_the_close_show_the_key_result_open(store: Store) -> None:
    _new_person(store, OLD_Q)
    store.set_outcome("ines", OLD_Q, 1, 1, "not_met", "CLOSE-NOTE", on=CLOSED_ON)

    before = summary_sections(store, "ines", OLD_Q, as_of=OLD_END)  # the quarter's own last day
    assert list(before["okrs"].table["result"]) != ["not met"] and "CLOSE-NOTE" not in before["okrs"].table.to_string()
    assert int(team_summary(store, OLD_Q, as_of=OLD_END)["not_met"].iloc[0]) == 0
    assert [s.state for s in restart_steps(store, "ines", OLD_Q, OLD_END) if s.stage == 5] == ["todo"]
    closes = [i["what"] for i in due_for_person(store, "ines", CLOSED_ON - dt.timedelta(days=1)) if i["kind"] == "close"]
    assert closes == [f"close {OLD_Q}: 1 key result without an outcome"]

    after = summary_sections(store, "ines", OLD_Q, as_of=CLOSED_ON)  # from the day it was recorded, it is there
    assert list(after["okrs"].table["result"]) == ["not met"] and "CLOSE-NOTE" in after["okrs"].table.to_string()
    assert int(team_summary(store, OLD_Q, as_of=CLOSED_ON)["not_met"].iloc[0]) == 1
    assert [s.state for s in restart_steps(store, "ines", OLD_Q, CLOSED_ON) if s.stage == 5] == ["done"]
    assert not [i for i in due_for_person(store, "ines", CLOSED_ON) if i["kind"] == "close"]


def test_an_outcome_recorded_before_the_workbook_kept_its_day_shows_as_of_any_day(tmp_path: Path) -> None:
    """A workbook at revision 0016 with a closed quarter: after the upgrade the outcome has no day and every view
    made as of any day shows it, as before."""
    path = tmp_path / "r16.db"
    with Store(path) as s:
        _new_person(s, OLD_Q)
        s.set_outcome("ines", OLD_Q, 1, 1, "met", "shipped", on=CLOSED_ON)
    relabel_sqlite(path, "0016", undo_outcome_day, undo_status_days)
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert _kr(s, OLD_Q).outcome == "met" and _kr(s, OLD_Q).outcome_on is None
        assert list(summary_sections(s, "ines", OLD_Q, as_of=quarter_bounds(OLD_Q)[0])["okrs"].table["result"]) == ["met"]


def test_an_import_keeps_the_day_it_is_given_and_refuses_a_day_to_come_in_one_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "wb.db"
    assert cli("init", str(db)).returncode == 0
    bad = TODAY + dt.timedelta(days=30)
    for day, ok in ((bad, False), (CLOSED_ON, True)):
        src = tmp_path / f"{day}.yaml"
        src.write_text(f"""people:
  - id: ines
    name: Ines
okrs:
  - person: ines
    quarter: {OLD_Q}
    objectives:
      - text: Ship the churn model
        key_results:
          - text: Churn model in production, used weekly by 3 teams
            outcome: met
            outcome_on: {day.isoformat()}
""", encoding="utf-8")
        out = cli("import", str(src), "--db", str(db))
        if not ok:
            assert out.returncode != 0 and "Traceback" not in out.stderr
            line = out.stderr.strip().splitlines()[-1]
            assert "outcome_on" in line and "after today" in line and src.name in line, out.stderr
            with Store(db) as s:
                assert s.people() == []  # nothing written
    with Store(db) as s:
        assert _kr(s, OLD_Q).outcome_on == CLOSED_ON
    exported = json.loads(cli("export", "ines", "--db", str(db)).stdout)
    krs = [k for q in exported["okrs"] for o in q["objectives"] for k in o["key_results"]]
    assert [k["outcome_on"] for k in krs] == [CLOSED_ON.isoformat()]


def test_the_next_quarter_carried_over_starts_with_no_outcome_day(store: Store) -> None:
    from workbook.stages.close import KROutcome, QuarterClose, close_quarter

    _new_person(store, LAST_Q)
    close_quarter(store, QuarterClose(person="ines", quarter=LAST_Q, outcomes=[
        KROutcome(objective=1, key_result=1, outcome="carried_over", note="half the teams")]), start_next=True)
    assert _kr(store, LAST_Q).outcome_on == TODAY
    carried = _kr(store, next_quarter(LAST_Q))
    assert carried.outcome is None and carried.outcome_on is None


def test_kr_edit_records_the_day_of_a_close_held_earlier_and_says_what_is_wrong_in_one_line(tmp_path: Path,
                                                                                            cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "wb.db"
    with Store(db) as s:
        _new_person(s, OLD_Q)
    where = ["ines", OLD_Q, "1", "1", "--db", str(db)]
    out = cli("kr", "edit", *where, "--outcome-on", CLOSED_ON.isoformat())
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "has no outcome to date; give --outcome with --outcome-on" in out.stderr.strip().splitlines()[-1]
    out = cli("kr", "edit", *where, "--outcome", "met", "--outcome-on", (TODAY + dt.timedelta(days=2)).isoformat())
    assert out.returncode != 0 and "is after today" in out.stderr and "Traceback" not in out.stderr
    with Store(db) as s:
        assert _kr(s, OLD_Q).outcome is None  # neither wrote anything
    assert cli("kr", "edit", *where, "--outcome", "met", "--outcome-on", CLOSED_ON.isoformat()).returncode == 0
    with Store(db) as s:
        assert (_kr(s, OLD_Q).outcome, _kr(s, OLD_Q).outcome_on) == ("met", CLOSED_ON)
    assert cli("kr", "edit", *where, "--outcome-note", "shipped to 3 teams").returncode == 0
    with Store(db) as s:
        assert _kr(s, OLD_Q).outcome_on == CLOSED_ON
    listed = cli("objective", "list", "ines", OLD_Q, "--db", str(db)).stdout
    assert f"outcome: met (recorded {CLOSED_ON.isoformat()})" in listed, listed
