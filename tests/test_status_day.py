"""Support and actions remember the day their status last changed and the status before (revision 0019): a summary
or team overview made as of an earlier day shows a review given later as still requested, and an action closed
later as still open, as it shows no later check-in or outcome.

Every test starts from an empty workbook and a brand-new person; the quarter is the last one, so every day it
names is in the past, as the store requires of a day a status changed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import relabel_sqlite, undo_status_days

from workbook.core import clock
from workbook.core.dates import previous_quarter, quarter_bounds, quarter_of
from workbook.core.errors import InputError
from workbook.core.model import Action, KeyResult, Objective, Person, QuarterOKRs, Support
from workbook.render.summary import summary_sections
from workbook.stages.team import team_summary
from workbook.store import SCHEMA_VERSION, Store

TODAY = clock.today()
Q = previous_quarter(quarter_of(TODAY))
START, END = quarter_bounds(Q)
ASKED = START + dt.timedelta(days=3)
GIVEN = END + dt.timedelta(days=5)  # the review came the week after the quarter ended


def _new_person(store: Store, support: bool = True) -> None:
    """A brand-new person with one objective and one key result in ``Q`` (support asked for on ``ASKED``), no
    check-in, no goals."""
    store.add_person(Person(id="ines", name="Inês Ōtsuka", started=START - dt.timedelta(days=400)))
    store.save_okrs(QuarterOKRs(person="ines", quarter=Q, objectives=[Objective(
        text="Ship the churn model", key_results=[KeyResult(
            text="Churn model in production, used weekly by 3 teams",
            support=[Support(who="Dana", what="Review the feature pipeline", requested_on=ASKED)] if support else [])])]))


def _support(store: Store) -> Support:
    okrs = store.okrs("ines", Q)
    assert okrs is not None
    return okrs.objectives[0].key_results[0].support[0]


def _given_after_the_quarter(store: Store) -> int:
    """A brand-new person whose support was given on ``GIVEN``, after the quarter ended; the support's id."""
    _new_person(store)
    sid = _support(store).id
    assert sid is not None
    store.set_support_status(sid, "done", on=GIVEN)
    return sid


def _statuses(store: Store, day: dt.date) -> list[str]:
    return list(summary_sections(store, "ines", Q, as_of=day)["support"].table["status"])


def test_a_summary_dated_before_the_support_was_given_shows_it_requested(store: Store) -> None:
    _given_after_the_quarter(store)
    given = _support(store)
    assert (given.status, given.status_on, given.status_before) == ("done", GIVEN, "requested")
    assert _statuses(store, END) == ["requested"]  # the quarter's own last day: not given yet
    assert _statuses(store, GIVEN) == ["done"]  # from the day it was given
    assert _statuses(store, TODAY) == ["done"]


def test_a_second_change_on_the_same_day_keeps_the_status_before_that_day(store: Store) -> None:
    _new_person(store)
    sid = _support(store).id
    assert sid is not None
    store.set_support_status(sid, "committed")
    store.set_support_status(sid, "done")  # the same day: yesterday's view still says requested
    assert (_support(store).status_on, _support(store).status_before) == (TODAY, "requested")
    store.edit_support(sid, what="Review the feature pipeline and the labels")  # wording only: the day stays
    assert (_support(store).status_on, _support(store).status_before) == (TODAY, "requested")
    assert _statuses(store, TODAY - dt.timedelta(days=1)) == ["requested"]


def test_saving_the_okrs_dates_a_change_of_status_and_keeps_an_unchanged_one(store: Store) -> None:
    """The OKR form saves the whole quarter: a support row whose status it changes is dated today, the others keep
    what they had."""
    _new_person(store)
    sid = _support(store).id
    assert sid is not None
    store.set_support_status(sid, "committed", on=ASKED + dt.timedelta(days=2))
    okrs = store.okrs("ines", Q)
    assert okrs is not None
    store.save_okrs(okrs)  # nothing changed: the day stays
    assert _support(store).status_on == ASKED + dt.timedelta(days=2)
    okrs.objectives[0].key_results[0].support[0].status = "done"
    store.save_okrs(okrs)
    assert (_support(store).status_on, _support(store).status_before) == (TODAY, "committed")
    assert _statuses(store, ASKED + dt.timedelta(days=3)) == ["committed"]
    assert _statuses(store, ASKED) == ["committed"]  # one change back is known; before it, the day does not say


@pytest.mark.parametrize(("day", "message"), [
    (TODAY + dt.timedelta(days=1), "is after today"),
    (ASKED - dt.timedelta(days=1), "is before requested_on"),
])
def test_a_day_the_status_cannot_have_changed_on_is_refused_in_one_line(store: Store, day: dt.date, message: str) -> None:
    _new_person(store)
    sid = _support(store).id
    assert sid is not None
    with pytest.raises(InputError, match=message) as err:
        store.set_support_status(sid, "done", on=day)
    assert f"support {sid}" in str(err.value) and "\n" not in str(err.value)
    assert _support(store).status == "requested" and _support(store).status_on is None  # nothing written


def test_a_change_dated_before_the_last_one_is_refused(store: Store) -> None:
    _new_person(store)
    sid = _support(store).id
    assert sid is not None
    store.set_support_status(sid, "committed", on=GIVEN)
    with pytest.raises(InputError, match="before its last change of status"):
        store.set_support_status(sid, "done", on=GIVEN - dt.timedelta(days=1))


def test_an_action_closed_after_the_day_is_still_among_the_next_steps_of_that_day(store: Store) -> None:
    _new_person(store, support=False)
    aid = store.add_action(Action(person="ines", text="Book the design review", owner="manager"), created_on=ASKED)
    store.set_action_status(aid, "done", on=GIVEN)
    steps = summary_sections(store, "ines", Q, as_of=END)["next_steps"].table
    assert list(steps["text"]) == ["Book the design review"]
    assert summary_sections(store, "ines", Q, as_of=GIVEN)["next_steps"].table.empty
    assert int(team_summary(store, Q, as_of=END)["open_actions"].iloc[0]) == 1
    assert int(team_summary(store, Q, as_of=GIVEN)["open_actions"].iloc[0]) == 0
    with pytest.raises(InputError, match="is before the day it was agreed"):
        store.set_action_status(aid, "open", on=ASKED - dt.timedelta(days=1))


def test_an_action_edited_at_its_check_in_is_dated_too(store: Store) -> None:
    from workbook.core.model import CheckIn

    _new_person(store, support=False)
    cid = store.add_check_in(CheckIn(person="ines", date=ASKED, actions=[Action(text="Draft the rollout note")]))
    act = store.check_in(cid).actions[0]
    store.edit_check_in(cid, actions=[act.model_copy(update={"status": "done"})])
    assert store.action(act.id).status_on == TODAY and store.action(act.id).status_before == "open"  # type: ignore[arg-type]
    store.edit_action(act.id, status="dropped")  # type: ignore[arg-type]
    dropped = store.action(act.id)  # type: ignore[arg-type]
    assert (dropped.status, dropped.status_on, dropped.status_before) == ("dropped", TODAY, "open")


def test_a_status_changed_before_the_workbook_kept_its_day_shows_as_it_is(tmp_path: Path) -> None:
    """A workbook at revision 0018 with support given: after the upgrade the change has no day and every view shows
    it given, as before; the next change is dated."""
    path = tmp_path / "r18.db"
    with Store(path) as s:
        sid = _given_after_the_quarter(s)
    relabel_sqlite(path, "0018", undo_status_days)
    with Store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert (_support(s).status, _support(s).status_on) == ("done", None)
        assert _statuses(s, END) == ["done"]
        s.set_support_status(sid, "dropped")
        assert (_support(s).status_on, _support(s).status_before) == (TODAY, "done")


def test_an_export_carries_the_days_and_an_import_checks_them_in_one_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "wb.db"
    with Store(db) as s:
        _given_after_the_quarter(s)
        aid = s.add_action(Action(person="ines", text="Book the design review"), created_on=ASKED)
        s.set_action_status(aid, "done", on=GIVEN)
    exported = cli("export", "ines", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    sup = data["okrs"][0]["objectives"][0]["key_results"][0]["support"][0]
    assert (sup["status_on"], sup["status_before"]) == (GIVEN.isoformat(), "requested")
    assert (data["actions"][0]["status_on"], data["actions"][0]["status_before"]) == (GIVEN.isoformat(), "open")
    src = tmp_path / "ines.json"
    src.write_text(exported.stdout, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    assert cli("init", str(fresh)).returncode == 0
    out = cli("import", str(src), "--db", str(fresh))
    assert out.returncode == 0, out.stderr
    with Store(fresh) as s:
        assert _statuses(s, END) == ["requested"] and _statuses(s, GIVEN) == ["done"]
        assert list(summary_sections(s, "ines", Q, as_of=END)["next_steps"].table["text"]) == ["Book the design review"]

    for field, value, said in (("status_before", None, "status_before is missing"),
                               ("status_on", (TODAY + dt.timedelta(days=2)).isoformat(), "is after today")):
        broken = json.loads(exported.stdout)
        broken["okrs"][0]["objectives"][0]["key_results"][0]["support"][0][field] = value
        bad = tmp_path / f"bad-{field}.json"
        bad.write_text(json.dumps(broken), encoding="utf-8")
        empty = tmp_path / f"empty-{field}.db"
        assert cli("init", str(empty)).returncode == 0
        out = cli("import", str(bad), "--db", str(empty))
        assert out.returncode != 0 and "Traceback" not in out.stderr
        line = out.stderr.strip().splitlines()[-1]
        assert said in line and bad.name in line and "support" in line, out.stderr
        with Store(empty) as s:
            assert s.people() == []  # nothing written


def test_in_an_organisation_database_the_manager_dates_a_change_and_hr_sees_the_quarter_as_it_stood(pg_url: str) -> None:
    """PostgreSQL: the manager's own login moves the support and the action (the new columns are written under the
    rights each row already has), HR's summary as of the quarter's end shows them as they stood then."""
    from workbook.store.backend import parse_url

    with Store(pg_url) as owner:
        owner.add_person(Person(id="maya", name="Maya Chen", started=START - dt.timedelta(days=800)))
        owner.add_person(Person(id="ines", name="Inês Ōtsuka", manager="maya", started=START - dt.timedelta(days=400)))
        made = {"maya": owner.add_user("maya", person="maya"), "hr-lee": owner.add_user("hr-lee", hr=True)}
    urls = {n: parse_url(u.url).set(password=u.password).render_as_string(hide_password=False) for n, u in made.items()}
    with Store(urls["maya"]) as maya:
        maya.save_okrs(QuarterOKRs(person="ines", quarter=Q, objectives=[Objective(
            text="Ship the churn model", key_results=[KeyResult(
                text="Churn model in production, used weekly by 3 teams",
                support=[Support(who="Dana", what="Review the feature pipeline", requested_on=ASKED)])])]))
        maya.set_support_status(_support(maya).id, "done", on=GIVEN)  # type: ignore[arg-type]
        aid = maya.add_action(Action(person="ines", text="Book the design review"), created_on=ASKED)
        maya.set_action_status(aid, "done", on=GIVEN)
    with Store(urls["hr-lee"], readonly=True) as hr:
        assert _statuses(hr, END) == ["requested"] and _statuses(hr, GIVEN) == ["done"]
        assert list(summary_sections(hr, "ines", Q, as_of=END)["next_steps"].table["text"]) == ["Book the design review"]
