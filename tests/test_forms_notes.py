"""The quick-capture note form: topics follow the direction, private by default, saves one row, clears for
the next note, and refuses (saving nothing) what is incomplete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbook.core import clock
from workbook.core.errors import NotFound
from workbook.core.model import PULL_TOPICS, PUSH_TOPICS, SETTINGS, Person
from workbook.forms.conversation_log import NoteForm
from workbook.store import Store

pytestmark = pytest.mark.usefixtures("check_ins_staged_ahead")  # notes of 2027-03, saved while the calendar is in 2026

AS_OF = dt.date(2027, 3, 15)


@pytest.fixture
def wb(tmp_path: Path):
    with Store(tmp_path / "notes.db") as s:
        s.add_person(Person(id="ana", name="Ana Souza", track="Data Science", level="2"))
        yield s


def notes(store: Store):
    return store.notes_frame("ana", include_private=True)


def test_defaults_are_today_private_and_a_pull(wb):
    form = NoteForm(wb, "ana", AS_OF)
    assert form.date.value == AS_OF
    assert form.visibility.value == "private"
    assert form.direction.value == "pull"
    assert form.setting.value == "1:1" and list(form.setting.widget.options) == list(SETTINGS)
    assert list(form.topic.widget.options) == list(PULL_TOPICS)
    assert "never in shared summaries" in form.visibility.hint.value
    assert "Ana Souza" in form.title
    assert NoteForm(wb, "ana", "2027-03-01").date.value == dt.date(2027, 3, 1)
    assert NoteForm(wb, "ana").date.value == clock.today()


def test_topic_options_follow_the_direction(wb):
    form = NoteForm(wb, "ana", AS_OF)
    form.direction.value = "push"
    assert list(form.topic.widget.options) == list(PUSH_TOPICS)
    assert form.topic.value == PUSH_TOPICS[0]
    form.direction.value = "pull"
    assert list(form.topic.widget.options) == list(PULL_TOPICS)


def test_save_writes_one_note_and_clears_the_text_for_the_next(wb):
    form = NoteForm(wb, "ana", AS_OF)
    form.render()
    form.direction.value = "push"
    form.topic.value = "mentors"
    form.setting.value = "water cooler"
    form.text.value = "Offered an intro to Kwame for causal inference"
    form.follow_up.value = "Send the intro email"
    form.follow_up_due.value = dt.date(2027, 3, 20)
    seen = []
    form.on_saved.append(seen.append)
    form.save_button.click()
    rows = notes(wb)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["direction"], row["topic"], row["setting"], row["visibility"]) == ("push", "mentors", "water cooler",
                                                                                    "private")
    assert row["text"] == "Offered an intro to Kwame for causal inference"
    assert row["follow_up"] == "Send the intro email" and str(row["follow_up_due"]) == "2027-03-20"
    assert str(row["date"]) == "2027-03-15"
    assert "Saved at" in form.status_line.value
    assert "saved, private: only in your own notebooks" in form.findings.value
    assert len(seen) == 1 and seen[0].id == int(row["id"])  # the report's refresh hook ran with the saved note
    # cleared for the next note, the rest kept
    assert form.text.value == "" and form.follow_up.value == "" and form.follow_up_due.value is None
    assert (form.direction.value, form.topic.value, form.setting.value) == ("push", "mentors", "water cooler")


def test_shared_note_says_so(wb):
    form = NoteForm(wb, "ana", AS_OF)
    form.visibility.value = "shared"
    assert "may appear in summaries" in form.visibility.hint.value
    form.text.value = "Wants to learn forecasting"
    assert form.save()
    assert notes(wb).iloc[0]["visibility"] == "shared"
    assert len(wb.shareable_notes_frame("ana")) == 1


def test_empty_text_is_refused_next_to_the_field_and_nothing_is_saved(wb):
    form = NoteForm(wb, "ana", AS_OF)
    form.text.value = "   "
    assert not form.save()
    assert "required" in form.text.error.value
    assert "Nothing saved" in form.status_line.value
    assert notes(wb).empty


def test_a_due_date_without_a_follow_up_is_refused(wb):
    form = NoteForm(wb, "ana", AS_OF)
    form.text.value = "Talked about the staff path"
    form.follow_up_due.value = dt.date(2027, 4, 1)
    assert not form.save()
    assert "a due date needs a follow-up" in form.follow_up.error.value
    assert "due date but no text" in form.findings.value
    assert notes(wb).empty
    form.follow_up.value = "Share the staff expectations"
    assert form.save()
    assert form.follow_up.error.value == ""
    assert len(notes(wb)) == 1


def test_typed_text_is_stored_as_typed_and_never_becomes_markup(wb):
    form = NoteForm(wb, "ana", AS_OF)
    form.text.value = "<img src=x onerror=alert(1)>"
    form.topic.value = "interests"
    assert form.save()
    assert notes(wb).iloc[0]["text"] == "<img src=x onerror=alert(1)>"
    assert "<img" not in form.findings.value and "<img" not in form.status_line.value


def test_a_person_who_does_not_exist_is_named(wb):
    with pytest.raises(NotFound, match="unknown person 'zoe'.*ana"):
        NoteForm(wb, "zoe", AS_OF)


def test_a_cleared_date_falls_back_to_as_of(wb):
    form = NoteForm(wb, "ana", AS_OF)
    form.text.value = "A note"
    form.date.value = None  # the picker was cleared: the note takes as_of
    assert form.save()
    assert str(notes(wb).iloc[0]["date"]) == "2027-03-15"


def test_follow_ups_panel_marks_a_follow_up_done(tmp_path) -> None:
    import datetime as dt

    from workbook.core.model import Note, Person
    from workbook.forms.conversation_log import FollowUpsPanel
    from workbook.stages.conversation_log import open_follow_ups
    from workbook.store import Store

    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="ana", name="Ana"))
        day = dt.date(2027, 3, 1)
        nid = store.add_note(Note(person="ana", date=day - dt.timedelta(days=7), direction="pull", topic="learning topics",
                                  text="Wants to learn causal inference", follow_up="Send <b>the</b> course link",
                                  follow_up_due=day - dt.timedelta(days=1)))
        panel = FollowUpsPanel(store, "ana", day)
        assert list(panel.buttons) == [nid]
        shown = panel.widget.children[0].children[0].value
        assert "overdue" in shown and "&lt;b&gt;the&lt;/b&gt;" in shown  # typed text is escaped
        panel.buttons[nid].click()
        assert bool(store.notes_frame("ana", include_private=True)["follow_up_done"][0]) is True
        assert open_follow_ups(store, "ana", day).empty
        assert panel.buttons == {} and "No follow-up due" in panel.widget.children[0].value
        # the stage report's copy of the list is for headless runs: where the panel shows, it hides that copy
        from workbook.render.conversation_log import FOLLOW_UPS_CLASS, puzzle_html

        assert f'<div class="{FOLLOW_UPS_CLASS}">' in puzzle_html(store, "ana", day)
        assert f".{FOLLOW_UPS_CLASS} {{display: none !important}}" in panel.widget.children[-1].value


def test_a_private_note_s_follow_up_is_badged_private_in_the_latest_notes_like_the_note(tmp_path) -> None:
    """The Latest notes table badged a private note "private" and showed its follow-up beside it unbadged, as if
    that could be shared; the follow-ups due list already badges it. A shared note's follow-up stays unbadged."""
    from workbook.core.model import Note
    from workbook.render.conversation_log import recent_notes_html
    from workbook.render.html import PRIVATE_BADGE

    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="kim", name="Kim Lee"))
        day = dt.date(2026, 12, 1)
        store.add_note(Note(person="kim", date=day, direction="pull", topic="values", visibility="private",
                            text="Worried about on call", follow_up="Ask how the rota feels"))
        store.add_note(Note(person="kim", date=day, direction="push", topic="mentors", visibility="shared",
                            text="Suggested Tomas as a mentor", follow_up="Check they met"))
        html = recent_notes_html(store, "kim", day)
    assert html.count(PRIVATE_BADGE) == 2
    assert f"{PRIVATE_BADGE}Worried about on call" in html and f"{PRIVATE_BADGE}Ask how the rota feels" in html
    assert f"{PRIVATE_BADGE}Check they met" not in html and "[private]" not in html
