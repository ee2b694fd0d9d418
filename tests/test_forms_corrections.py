"""Correcting records in the forms: each listed note and check-in has Edit (loads it into the form) and Delete (asks
once); a saved key result moves to the next quarter from the OKR form; removing a saved goal or key result asks once."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.core.model import (
    Action,
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Note,
    Objective,
    Person,
    QuarterOKRs,
)
from workbook.forms.goals import GoalsForm
from workbook.forms.okrs import OKRForm
from workbook.forms.page import StagePage
from workbook.stages.context import StageContext
from workbook.store import Store

D = dt.date


@pytest.fixture
def kim(store: Store) -> Store:
    store.add_person(Person(id="kim", name="Kim Lee", started=D(2026, 9, 1)))
    store.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[Objective(text="Share what I learn", key_results=[
        KeyResult(text="Give a talk at the guild by 15 March", target_date=D(2027, 3, 15))])]))
    store.add_note(Note(person="kim", date=D(2027, 1, 10), direction="pull", topic="interests", text="causal inference"))
    store.add_check_in(CheckIn(person="kim", date=D(2027, 1, 15), key_results=[KRStatus(objective=1, key_result=1,
                                                                                          status="on_track")],
                               actions=[Action(text="book the guild slot")]))
    return store


def _page(store: Store, stage: str) -> StagePage:
    ctx = StageContext(store=store, person=store.person("kim"), quarter="2027Q1", year=2027, as_of=D(2027, 1, 20),
                       db=store.path)
    return StagePage(stage, ctx, store)


def _confirm(records, key: int) -> None:  # type: ignore[no-untyped-def]
    records.delete_buttons[key].click()
    line = next(w for w in records.box.children if records.delete_buttons[key] in w.children[0].children)
    question = line.children[1]
    assert "Delete" in question.children[0].value  # asked once, in the row
    question.children[1].click()


def test_a_note_is_corrected_from_the_list_and_deleted_after_one_question(kim: Store) -> None:
    page = _page(kim, "log")
    note_id = int(kim.notes_frame("kim", include_private=True)["id"].iloc[0])
    saves: list[object] = []
    page.on_saved.append(saves.append)
    page.records.edit_buttons[note_id].click()
    form = page.form
    assert form.editing == note_id and form.text.value == "causal inference" and form.save_button.description == "Save changes"
    form.date.value = D(1124, 1, 10)
    assert form.save() is False and "before 1970" in form.findings.value  # the door, in the form
    form.date.value, form.text.value = D(2027, 1, 11), "causal inference and uplift models"
    assert form.save() is True
    assert kim.note(note_id).text == "causal inference and uplift models" and form.editing is None
    assert "uplift models" in page.records.box.children[0].children[0].children[0].value  # the list follows
    page.records.delete_buttons[note_id].click()
    assert kim.notes_frame("kim", include_private=True).shape[0] == 1  # asking is not deleting
    _confirm(page.records, note_id)
    assert kim.notes_frame("kim", include_private=True).empty
    assert "Deleted the pull note of 2027-01-11" in page.records.status.value
    assert saves and saves[-1] is None  # the live reports were told


def test_a_check_in_is_corrected_and_deleted_from_the_list(kim: Store) -> None:
    page = _page(kim, "checkin")
    cid = kim.check_ins("kim")[0].id
    page.records.edit_buttons[cid].click()
    form = page.form
    assert form.editing == cid and form.kr_rows[0].status.value == "on_track"
    assert [a.text.value for a in form.actions] == ["book the guild slot"]
    form.kr_rows[0].status.value = "at_risk"
    form.kr_rows[0].note.value = "the guild moved the date"
    form.actions[0].due.value = D(2027, 2, 1)
    assert form.save() is True
    after = kim.check_in(cid)
    assert (after.key_results[0].status, after.key_results[0].note) == ("at_risk", "the guild moved the date")
    assert after.actions[0].due == D(2027, 2, 1) and len(kim.actions_frame("kim")) == 1
    assert page.form is not form and page.form.editing is None  # a fresh form for the next check-in
    assert "was changed" in page.form.findings.value
    _confirm(page.records, cid)
    assert kim.check_ins("kim") == [] and kim.actions_frame("kim").empty


def test_a_saved_key_result_moves_to_the_next_quarter_from_the_okr_form(kim: Store) -> None:
    form = OKRForm(kim, "kim", "2027Q1")
    kr = form.objectives[0].kr_rows[0]
    assert kr.move.layout.display == "" and "2027Q2" in kr.move.description
    kr.move.click()
    assert kim.okrs("kim", "2027Q2") is None  # asked first
    kr.question.children[1].click()
    moved = kim.okrs("kim", "2027Q2").objectives[0].key_results[0]
    assert moved.moved_from is not None and moved.moved_from.label() == "2027Q1 O1·KR1"
    assert "target date 2027-03-15 is outside 2027Q2" in form.findings.value
    assert "not measurable in its new quarter" in form.findings.value
    assert form.objectives[0].kr_rows[0].move.layout.display == "none"  # carried over now: nothing more to move


def test_removing_saved_rows_asks_once(kim: Store) -> None:
    kim.save_plan(GrowthPlan(person="kim", year=2027, goals=[Goal(text="Lead a review"), Goal(text="Mentor")]))
    goals = GoalsForm(kim, "kim", 2027)
    row = goals.rows[1]
    row.remove.click()
    assert len(goals.rows) == 2 and "Remove this goal?" in row.question.children[0].value
    row.question.children[2].click()  # Keep
    assert len(goals.rows) == 2 and row.question.children == ()
    row.remove.click()
    row.question.children[1].click()
    assert len(goals.rows) == 1
    assert goals.save() is True and [g.text for g in kim.plan("kim", 2027).goals] == ["Lead a review"]
    okrs = OKRForm(kim, "kim", "2027Q1")
    kr = okrs.objectives[0].kr_rows[0]
    kr.remove.click()
    assert len(okrs.objectives[0].kr_rows) == 1 and "Remove this key result?" in kr.question.children[0].value
    new = okrs.add_key_result(1)
    new.remove.click()  # an unsaved row goes at once
    assert len(okrs.objectives[0].kr_rows) == 1


def test_a_promotion_entered_ahead_shows_on_its_day_on_the_home_page_and_in_the_people_list(store: Store) -> None:
    """A walk found the home page and `workbook people` showing level 2 from the day it was typed, though it
    takes effect on 1 April: each shows the level of its day and says what is coming."""
    from workbook.forms.home import HomePage
    from workbook.stages.people import add_person, edit_person, people_table

    add_person(store, "kim", "Kim Lee", ladder="ladders/data-science.csv", track="Data Science", level="1")
    add_person(store, "ana", "Ana Souza", ladder="ladders/data-science.csv", track="Data Science", level="2")
    edit_person(store, "kim", level="2", effective="2027-04-01")
    before = HomePage(store, D(2027, 3, 31))
    row = before.due.value.split('data-person="kim"')[1].split("</tr>")[0]
    assert "Data Science level 1" in row and "level 2" not in row
    kim_line = before.team_list.box.children[1].children[0].children[0].value  # ana, then kim
    assert "(kim) Data Science level 1" in kim_line and "level 1 → 2 on 2027-04-01" in kim_line
    after = HomePage(store, D(2027, 4, 1))
    assert "Data Science level 2" in after.due.value.split('data-person="kim"')[1].split("</tr>")[0]
    table = people_table(store, D(2027, 3, 31)).set_index("id")
    assert table.at["kim", "level"] == "1" and table.at["kim", "not in effect yet"] == "level 1 → 2 from 2027-04-01"
    assert table.at["ana", "level"] == "2" and table.at["ana", "not in effect yet"] == ""
    add_person(store, "cy", "Cy Park", manager="kim")
    edit_person(store, "cy", manager="ana", effective="2027-04-01")
    cy = people_table(store, D(2027, 3, 31)).set_index("id").loc["cy"]
    assert cy["manager"] == "Kim Lee" and cy["not in effect yet"] == "manager kim → ana from 2027-04-01"
    on_the_day = people_table(store, D(2027, 4, 1))
    assert list(on_the_day.columns) == ["id", "name", "track", "level", "manager"]
    assert on_the_day.set_index("id").at["kim", "level"] == "2"


def test_the_home_page_edits_a_person_with_a_dated_promotion_and_archives_a_leaver(store: Store) -> None:
    from workbook.forms.home import HomePage
    from workbook.stages.people import add_person

    add_person(store, "kim", "Kim Lee", ladder="ladders/data-science.csv", track="Data Science", level="1")
    add_person(store, "kwame", "Kwame Mensah", ladder="ladders/data-science.csv", track="Data Science", level="2")
    home = HomePage(store, D(2027, 4, 1))
    home.team_list.edit_buttons["kim"].click()
    form = home.team_form
    assert form.editing == "kim" and form.person_id.widget.disabled and form.level.value == "1"
    form.level.value = "2"
    form.effective.value = D(2027, 4, 1)
    assert form.save() is True, form.findings.value
    assert store.person("kim").level == "2" and form.editing is None
    assert store.person_history("kim") == [{"effective": D(2027, 4, 1), "field": "level", "old": "1", "new": "2"}]
    assert "level 1 → 2 on 2027-04-01" in home.team_list.box.children[0].children[0].children[0].value
    home.team_list.delete_buttons["kwame"].click()
    assert not store.person("kwame").archived  # asked first
    line = next(w for w in home.team_list.box.children if home.team_list.delete_buttons["kwame"] in w.children[0].children)
    line.children[1].children[1].click()
    assert store.person("kwame").archived
    assert [v for _label, v in home.person_picker.options] == ["kim"]
    assert "Archived Kwame Mensah" in home.team_list.status.value


def test_the_home_pages_team_list_names_each_manager(store: Store) -> None:
    """A new manager who added themself and two reports saw "Kim Park (kim) Data Science level 1 · manager me" in
    the home page's team list, where `workbook people`, `person show` and the summaries name the manager: the list
    now says "manager Morgan Lee"; a manager kept as a name only is shown as typed."""
    from workbook.forms.home import HomePage
    from workbook.stages.people import add_person

    add_person(store, "me", "Morgan Lee")
    add_person(store, "kim", "Kim Park", ladder="ladders/data-science.csv", track="Data Science", level="1",
               manager="me")
    add_person(store, "sam", "Sam Ortiz", manager="Rita Gomez")
    home = HomePage(store, D(2026, 12, 6))
    lines = [row.children[0].children[0].value for row in home.team_list.box.children]
    kim = next(line for line in lines if "(kim)" in line)
    assert "(kim) Data Science level 1 · manager Morgan Lee" in kim and "manager me" not in kim
    assert "(sam) manager Rita Gomez" in next(line for line in lines if "(sam)" in line)
