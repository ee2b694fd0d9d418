"""Switching the person, day or period of a stage page, loading a record with Edit, or a write from the goals side
panel that redraws the form, never drops words typed in the form and not saved.

Every stage page, from an empty workbook with a brand-new report (and a second one to switch to): type into the
form, then change the picker. The switch is held back with one line saying so, the form keeps the words, and the
pickers stay on what the form shows; "Keep editing" closes the line, "Discard and switch" switches. Edit in the list
under the notes and check-in forms is held the same way ("Discard and load" loads the record), and so is what the
report's side panel beside the goals form writes, since the form is redrawn after it ("Discard and give")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pytest

from workbook.core.model import Action, CheckIn, KeyResult, KRStatus, Note, Objective, Person, QuarterOKRs
from workbook.forms.page import STAGE_FORMS, StagePage
from workbook.forms.report_side import GoalsSidePanel
from workbook.notebook import open_page
from workbook.store import Store

DAY = dt.date(2027, 2, 15)
WORDS = "Wants to lead the pricing review next quarter, but worries about the Friday releases"


@pytest.fixture
def empty_team(tmp_path: Path) -> Path:
    """A new workbook, nothing in it but Kim (just added) and Ana to switch to; Kim's quarter has one key result,
    so the close form has a note to type in."""
    db = tmp_path / "new.db"
    with Store(db) as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        store.add_person(Person(id="ana", name="Ana Souza"))
        store.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[Objective(
            text="Own the pricing work", key_results=[KeyResult(
                text="Present the pricing review at the weekly meeting by 2027-03-19",
                target_date=dt.date(2027, 3, 19))])]))
    return db


def text_boxes(w: widgets.Widget) -> list[widgets.Widget]:
    """The boxes a user types words into, in the order they are drawn."""
    found = [w] if isinstance(w, widgets.Text | widgets.Textarea) and not isinstance(w, widgets.Combobox) \
        and not w.disabled else []
    for child in getattr(w, "children", ()) or ():
        found += text_boxes(child)
    return found


def type_words(page: StagePage) -> widgets.Widget:
    assert page.form is not None
    box = text_boxes(page.form.widget)[0]
    box.value = WORDS
    return box


def shows_form_of(page: StagePage, person: str) -> bool:
    return page.ctx is not None and page.ctx.person_id == person and page.person_picker.value == person


@pytest.mark.parametrize("stage", list(STAGE_FORMS))
def test_a_switch_with_words_typed_is_held_until_the_user_chooses(stage: str, empty_team: Path) -> None:
    page = open_page(stage, "kim", db=str(empty_team), as_of=DAY.isoformat())
    box = type_words(page)
    form = page.form

    page.person_picker.value = "ana"
    assert shows_form_of(page, "kim") and page.form is form and box.value == WORDS  # nothing lost
    assert page.unsaved_box.layout.display != "none"
    assert "Not switched" in page.unsaved_line.value and "Wants to lead the pricing review" in page.unsaved_line.value
    assert [b.description for b in (page.keep_button, page.discard_button)] == ["Keep editing", "Discard and switch"]

    page.keep_button.click()
    assert page.unsaved_box.layout.display == "none" and page.unsaved_line.value == ""
    assert page.form is form and box.value == WORDS

    page.day_picker.value = DAY + dt.timedelta(days=60)  # another day, another quarter: held the same way
    assert page.ctx.as_of == DAY and page.day_picker.value == DAY and page.form is form and box.value == WORDS
    if stage != "log":
        other = next(v for _label, v in page.period_picker.options if v != page.period_picker.value)
        before = page.period_picker.value
        page.period_picker.value = other
        assert page.period_picker.value == before and page.form is form and box.value == WORDS

    page.person_picker.value = "ana"
    page.discard_button.click()
    assert shows_form_of(page, "ana") and page.form is not form
    assert WORDS not in [b.value for b in text_boxes(page.form.widget)]
    assert page.unsaved_box.layout.display == "none"

    page.person_picker.value = "kim"  # nothing typed for Ana: the switch is made at once
    assert shows_form_of(page, "kim") and page.unsaved_box.layout.display == "none"


def test_saved_words_and_an_empty_new_row_do_not_hold_a_switch(empty_team: Path) -> None:
    log = open_page("log", "kim", db=str(empty_team), as_of=DAY.isoformat())
    log.form.text.value = WORDS  # type: ignore[union-attr]
    assert log.form.save() is True  # type: ignore[union-attr]
    log.person_picker.value = "ana"
    assert shows_form_of(log, "ana") and log.unsaved_box.layout.display == "none"

    checkin = open_page("checkin", "kim", db=str(empty_team), as_of=DAY.isoformat())
    checkin.form.add_action()  # type: ignore[union-attr]  # a row appears with its owner filled in; no words typed
    checkin.person_picker.value = "ana"
    assert shows_form_of(checkin, "ana")


def saved_records(db: Path) -> tuple[int, int]:
    """Kim's first note and first check-in, saved: what Edit in the list under each form loads."""
    with Store(db) as store:
        store.add_note(Note(person="kim", date=DAY, direction="pull", topic="interests", text="causal inference"))
        store.add_check_in(CheckIn(person="kim", date=DAY, key_results=[KRStatus(objective=1, key_result=1,
                                                                                  status="on_track")],
                                   actions=[Action(text="book the guild slot")]))
        note_id = int(store.notes_frame("kim", include_private=True)["id"].iloc[0])
        check_in_id = store.check_ins("kim")[0].id
    assert check_in_id is not None
    return note_id, check_in_id


@pytest.mark.parametrize("stage", ["log", "checkin"])
def test_edit_in_the_list_with_words_typed_is_held_until_the_user_chooses(stage: str, empty_team: Path) -> None:
    keys = dict(zip(("log", "checkin"), saved_records(empty_team), strict=True))
    page = open_page(stage, "kim", db=str(empty_team), as_of=DAY.isoformat())
    box = type_words(page)
    form = page.form
    assert page.records is not None

    page.records.edit_buttons[keys[stage]].click()
    assert page.form is form and box.value == WORDS and getattr(form, "editing", None) is None  # nothing lost
    assert page.unsaved_box.layout.display != "none"
    assert "Not loaded" in page.unsaved_line.value and "Wants to lead the pricing review" in page.unsaved_line.value
    assert [b.description for b in (page.keep_button, page.discard_button)] == ["Keep editing", "Discard and load"]

    page.keep_button.click()
    assert page.unsaved_box.layout.display == "none" and page.form is form and box.value == WORDS

    page.records.edit_buttons[keys[stage]].click()
    page.discard_button.click()
    assert getattr(page.form, "editing", None) == keys[stage] and page.unsaved_box.layout.display == "none"
    assert WORDS not in [b.value for b in text_boxes(page.form.widget)]
    loaded = "causal inference" if stage == "log" else "book the guild slot"
    assert loaded in [b.value for b in text_boxes(page.form.widget)]

    page.person_picker.value = "ana"  # the record as loaded is not typing: the switch is made at once
    assert shows_form_of(page, "ana")


def test_the_goals_side_panel_holds_its_write_and_the_redraw_until_the_user_chooses(empty_team: Path) -> None:
    """The panel beside the goals form redraws the form after it writes: with words typed in the form it asks
    first, so the words are not dropped and an old form is not left to save over the plan just agreed."""
    with Store(empty_team) as store:
        store.save_draft("kim", "goal", 2027, 1, {"text": "Lead the on-call rota"})
        store.share_draft("kim", "goal", "2027", 1)
    page = open_page("goals", "kim", db=str(empty_team), as_of=DAY.isoformat())
    assert page.ctx is not None
    panel = GoalsSidePanel(page.ctx, page)
    box = type_words(page)
    form = page.form

    panel.feedback[1].value = "Name the service"
    assert panel.save(give=True) is False  # held: nothing given yet, the form keeps the words typed in it
    assert page.form is form and box.value == WORDS
    with Store(empty_team) as store:
        assert store.side_drafts("kim", "feedback", 2027) == []
    assert "Feedback not given" in page.unsaved_line.value and "Wants to lead the pricing" in page.unsaved_line.value
    assert [b.description for b in (page.keep_button, page.discard_button)] == ["Keep editing", "Discard and give"]
    page.keep_button.click()
    assert page.unsaved_box.layout.display == "none" and page.form is form and box.value == WORDS

    assert panel.agree() is False and page.form is form and box.value == WORDS
    assert "Not agreed" in page.unsaved_line.value and page.discard_button.description == "Discard and agree"
    page.discard_button.click()
    with Store(empty_team) as store:
        assert store.plan("kim", 2027).status == "agreed"  # type: ignore[union-attr]
    assert page.form is not form and page.form.plan_status.value == "agreed"  # type: ignore[union-attr]
    assert WORDS not in [b.value for b in text_boxes(page.form.widget)]
    assert page.unsaved_box.layout.display == "none"

    panel.feedback[1].value = "Name the service and the month"  # nothing typed in the form: written and redrawn at once
    assert panel.save() and page.unsaved_box.layout.display == "none"
    assert page.form.rows[0].feedback.value == "Name the service and the month"  # type: ignore[union-attr]

    box = type_words(page)  # anything else that redraws the form beside it is held the same way
    assert page.reload_form() is False and box.value == WORDS and "Not redrawn" in page.unsaved_line.value
    assert page.discard_and_go_on() and WORDS not in [b.value for b in text_boxes(page.form.widget)]
