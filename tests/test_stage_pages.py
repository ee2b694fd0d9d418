"""The person and date picker of every stage page: which person a page opens on (the app's link, the parameter, the
person last worked on), switching redraws the form and the reports, an empty workbook says what to do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbook.core import clock
from workbook.core.model import Note, Person
from workbook.forms import live
from workbook.forms.conversation_log import NoteForm, follow_ups_panel, show_recent_notes
from workbook.forms.home import HomePage
from workbook.forms.page import STAGE_FORMS
from workbook.notebook import app_parameters, open_home, open_page, open_stage
from workbook.store import Store
from workbook.store.location import remember_db, remembered_person

DAY = dt.date(2027, 2, 15)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    with Store(db) as store:
        for pid, name in (("ana", "Ana Souza"), ("kim", "Kim Lee")):
            store.add_person(Person(id=pid, name=name))
        store.add_note(Note(person="kim", date=DAY, direction="pull", topic="goals", text="Wants to lead the pricing work"))
    return db


def in_app(monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", query)


def test_the_app_link_chooses_the_person_and_the_day(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_app(monkeypatch, "person=kim&as_of=2027-02-15")
    assert app_parameters() == {"person": "kim", "as_of": "2027-02-15"}
    page = open_page("log", db=str(team))
    assert page.ctx.person_id == "kim" and page.ctx.as_of == DAY and page.ctx.quarter == "2027Q1"
    assert isinstance(page.form, NoteForm) and page.person_picker.value == "kim"


def test_outside_the_app_the_query_string_is_ignored(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    monkeypatch.setenv("QUERY_STRING", "person=kim")
    assert app_parameters() == {}
    assert open_page("log", db=str(team)).ctx.person_id == "ana"  # the first one


def test_a_bad_link_is_said_on_the_page_and_the_page_still_works(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_app(monkeypatch, "person=zed&as_of=someday")
    page = open_page("okrs", db=str(team))
    banner = page.picker.children[0].value
    assert "unknown person &#x27;zed&#x27;" in banner and "someday" in banner
    assert page.ready and page.ctx.person_id == "ana"
    in_app(monkeypatch, "person=kmi")  # a mistyped link: the page says whom it meant, as the command line does
    assert "unknown person &#x27;kmi&#x27; (did you mean kim (Kim Lee)? others: ana)" in open_page(
        "okrs", db=str(team)).picker.children[0].value


def test_the_page_opens_on_the_person_last_worked_on(team: Path) -> None:
    page = open_page("goals", db=str(team))
    page.person_picker.value = "kim"
    assert remembered_person(team) == "kim"
    assert open_page("checkin", db=str(team)).ctx.person_id == "kim"
    assert open_page("checkin", "ana", db=str(team)).ctx.person_id == "ana"  # papermill's value wins


def test_switching_rebuilds_the_form_and_redraws_the_reports(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    page = open_page("log", "ana", db=str(team), as_of=DAY.isoformat())
    show_recent_notes(page.ctx, page)
    panel = follow_ups_panel(page.ctx, page)
    (live_widget,) = shown
    assert "Wants to lead" not in live_widget.value
    page.person_picker.value = "kim"
    assert page.form.person.id == "kim" and page.form_area.children[0] == page.form.widget
    assert "Wants to lead the pricing work" in live_widget.value
    assert panel.person_id == "kim"
    page.day_picker.value = dt.date(2026, 11, 2)
    assert (page.ctx.quarter, page.ctx.year) == ("2026Q4", 2026) and page.period_picker.value == "2026Q4"
    assert "Wants to lead" not in live_widget.value  # the note is after that day


def test_the_period_picker_opens_next_years_goals_or_last_quarters_close(team: Path) -> None:
    goals = open_page("goals", "kim", db=str(team), as_of="2026-12-01")
    assert [label for label, _v in goals.period_picker.options] == ["2025", "2026", "2027"]
    assert goals.form.year == 2027  # where the due list sends December's goals (next year's)
    goals.period_picker.value = "2026Q4"
    assert (goals.ctx.year, goals.form.year) == (2026, 2026)
    close = open_page("close", "kim", db=str(team), as_of="2027-01-05")
    assert [v for _l, v in close.period_picker.options] == ["2026Q4", "2027Q1", "2027Q2"]
    close.period_picker.value = "2026Q4"
    assert close.form.quarter == "2026Q4" and close.ctx.as_of == dt.date(2027, 1, 5)
    close.day_picker.value = dt.date(2027, 4, 2)  # a new day brings its own quarter
    assert close.ctx.quarter == "2027Q2" and close.period_picker.value == "2027Q2"


def test_a_link_can_open_another_period(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_app(monkeypatch, "person=kim&period=2027")
    page = open_page("goals", db=str(team), as_of="2026-12-01")
    assert page.ctx.year == 2027 and page.period_picker.value == "2027Q1"


def test_a_save_on_the_page_refreshes_the_reports(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    page = open_page("log", "ana", db=str(team), as_of=DAY.isoformat())
    show_recent_notes(page.ctx, page)
    page.form.text.value = "Asked about the staff track"
    assert page.form.save() is True
    assert "Asked about the staff track" in shown[0].value


@pytest.mark.parametrize("stage", list(STAGE_FORMS))
def test_an_empty_workbook_gives_a_page_that_says_how_to_add_someone(stage: str, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    Store(tmp_path / "empty.db").close()
    page = open_page(stage, db=str(tmp_path / "empty.db"))
    assert not page.ready and page.form is None
    assert "Nobody in this workbook yet" in page.picker.children[0].value
    show_recent_notes(page.ctx, page)  # nothing shown, nothing raised
    assert [type(w).__name__ for w in shown] == ["LiveReport"] and shown[0].value == ""


def test_without_a_workbook_the_demo_is_shown_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page("log")
    assert "No workbook of your own yet, so this is the demo team" in page.picker.children[0].value
    assert page.ctx.as_of == dt.date(2026, 12, 18)  # the demo's own day, not the real date


def test_with_a_workbook_of_ones_own_the_notebooks_open_it_on_today(team: Path) -> None:
    remember_db(team)
    ctx = open_stage()
    assert ctx.db == team and ctx.as_of == clock.today()
    assert "demo" not in open_page("log").picker.children[0].value


def test_the_home_page_shows_the_due_list_links_and_adds_a_person(team: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_app(monkeypatch, "")
    home = open_home(str(team), DAY.isoformat())
    assert isinstance(home, HomePage) and home.in_app
    assert 'href="04_check_in.ipynb?person=kim&amp;as_of=2027-02-15"' in home.due.value
    assert "Kim Lee" in home.due.value and "Ana Souza" in home.due.value
    form = home.team_form
    form.name.value = "Tomás Herrera"
    form.level.value = "2"
    assert form.save() is True
    assert home.person_picker.value == "tomas" and remembered_person(team) == "tomas"
    assert "Open for <b>Tomás Herrera</b>" in home.links.value
    assert 'href="01_conversation_log.ipynb?person=tomas&amp;as_of=2027-02-15"' in home.links.value
    assert 'data-person="tomas"' in home.due.value


def test_in_jupyterlab_the_home_page_names_the_stage_instead_of_linking_each_item(team: Path) -> None:
    home = open_home(str(team), clock.today().isoformat())
    assert not home.in_app and "?person=" not in home.due.value
    assert 'href="03_quarterly_okrs.ipynb?person=' in home.links.value  # the picked person's links stay


def test_a_page_opened_without_a_link_opens_on_the_period_the_due_list_asks_for(team: Path) -> None:
    """In JupyterLab the home page cannot hand a period over: in December, with no goals for this year, the
    due list says 'no growth goals for 2027 yet' and the goals page opened from the file browser showed 2026."""
    december = open_page("goals", "ana", db=str(team), as_of="2026-12-02")
    assert december.ctx.year == 2027
    okrs = open_page("okrs", "ana", db=str(team), as_of="2026-12-02")
    assert okrs.ctx.quarter == "2027Q1"  # 2026Q4 ends this month and has none: set 2027Q1's
    june = open_page("goals", "ana", db=str(team), as_of="2026-06-02")
    assert june.ctx.year == 2026
    asked = open_page("goals", "ana", period="2026", db=str(team), as_of="2026-12-02")
    assert asked.ctx.year == 2026  # what the notebook's parameters ask for wins
