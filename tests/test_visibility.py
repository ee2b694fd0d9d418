"""Visibility you can see: the one definition of who reads each free-text field matches what the shareable summary
prints, every free-text input in the forms carries its badge, and the note form goes back to private after a save."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets
import pytest

from workbook.core.model import CheckIn, GrowthPlan, Note, Person, QuarterOKRs
from workbook.core.visibility import FIELD_AUDIENCE, ONE_TO_ONE_LABEL, field_audience
from workbook.forms.base import Field
from workbook.forms.checkin import CheckInForm
from workbook.forms.close import QuarterCloseForm
from workbook.forms.conversation_log import NoteForm
from workbook.forms.goals import GoalsForm
from workbook.forms.okrs import OKRForm
from workbook.forms.team import TeamForm
from workbook.render.summary import summary_sections
from workbook.store import Store

Q, DAY = "2027Q1", dt.date(2027, 3, 20)


def marker(field: str) -> str:
    return "zq" + field.replace(".", "").replace("_", "")


@pytest.fixture
def marked(store: Store) -> Store:
    """One person whose every classified free-text field holds its own marker word."""
    m = marker
    store.add_person(Person(id="kim", name=f"Kim {m('person.name')}", manager=f"Dana {m('person.manager')}",
                            motivations=f"wants {m('person.motivations')}"))
    store.save_plan(GrowthPlan(person="kim", year=2027, status="agreed", goals=[
        {"text": f"Lead {m('goal.text')} work", "draft": f"draft {m('goal.draft')}", "feedback": f"fb {m('goal.feedback')}"}]))
    store.save_okrs(QuarterOKRs(person="kim", quarter=Q, objectives=[{
        "text": f"Objective {m('objective.text')}", "understanding": f"u {m('objective.understanding')}",
        "supplement": f"s {m('objective.supplement')}", "aligned_work": f"a {m('objective.aligned_work')}",
        "key_results": [
            {"text": f"Present {m('key_result.text')} by 2027-03-01", "outcome": "met",
             "outcome_note": f"note {m('key_result.outcome_note')}",
             "support": [{"who": f"lead {m('support.who')}", "what": f"review {m('support.what')}"}]},
            {"text": "Write the second design document by 2027-03-15"}]}]))
    store.add_check_in(CheckIn(
        person="kim", date=dt.date(2027, 2, 10), mode="unblock", summary=f"sum {m('check_in.summary')}",
        key_results=[{"objective": 1, "key_result": 2, "status": "at_risk", "note": f"kr {m('kr_status.note')}"}],
        obstacles=[{"text": f"ob {m('obstacle.text')}"}],
        trial_runs=[{"text": f"tr {m('trial_run.text')}", "debrief": f"db {m('trial_run.debrief')}"}],
        actions=[{"text": f"act {m('action.text')}", "due": "2027-04-01"}]))
    store.add_note(Note(person="kim", date=dt.date(2027, 2, 1), direction="push", topic="feedback",
                        text="zqsharednote shared push", visibility="shared"))
    store.add_note(Note(person="kim", date=dt.date(2027, 2, 2), direction="pull", topic="values",
                        text="zqprivatenote private pull"))
    store.add_note(Note(person="kim", date=dt.date(2027, 2, 3), direction="pull", topic="interests",
                        text="zqsharedpull shared pull", visibility="shared"))  # the badge says shared is printed
    return store


def test_the_definition_matches_what_the_summary_prints(marked: Store) -> None:
    html = "".join(s.to_html() for s in summary_sections(marked, "kim", Q, DAY).values())
    checked = {f: a for f, a in FIELD_AUDIENCE.items() if f != "person.id"}  # an id is not free text
    wrong = [f for f, audience in checked.items() if (marker(f) in html) != (audience == "shared")]
    assert not wrong, f"the summary and core/visibility.py disagree about: {wrong}"
    assert "zqsharednote" in html and "zqsharedpull" in html and "zqprivatenote" not in html


def test_an_unclassified_field_is_an_error_not_a_guess() -> None:
    with pytest.raises(KeyError):
        field_audience("note.mood")


def _inputs(widget: widgets.Widget) -> list[widgets.Widget]:
    found = []
    if isinstance(widget, widgets.Text | widgets.Textarea) and not isinstance(widget, widgets.Combobox):
        found.append(widget)
    for child in getattr(widget, "children", ()):
        found.extend(_inputs(child))
    return found


def _badged(widget: widgets.Widget, badged: set[int], inherited: bool = False) -> None:
    """Collect the text inputs that sit inside a Field with an audience, or next to a badge."""
    children = list(getattr(widget, "children", ()))
    here = inherited or any(isinstance(c, widgets.HTML) and "wb-audience" in c.value for c in children)
    for child in children:
        if isinstance(child, widgets.Text | widgets.Textarea):
            if here:
                badged.add(id(child))
        else:
            _badged(child, badged, here)


@pytest.mark.parametrize("make", [
    lambda s: NoteForm(s, "kim", DAY), lambda s: GoalsForm(s, "kim", 2027), lambda s: OKRForm(s, "kim", Q),
    lambda s: CheckInForm(s, "kim", Q, DAY), lambda s: QuarterCloseForm(s, "kim", Q), lambda s: TeamForm(s),
], ids=["log", "goals", "okrs", "checkin", "close", "team"])
def test_every_free_text_input_says_who_reads_it(marked: Store, make) -> None:  # type: ignore[no-untyped-def]
    form = make(marked)
    if isinstance(form, CheckInForm):
        form.mode.value = "unblock"  # the obstacle and trial-run inputs too
    root = form.render()
    badged: set[int] = set()
    _badged(root, badged)
    inputs = [w for w in _inputs(root) if "who (e.g." not in w.placeholder]  # support's who/what share one badge
    missing = [w.placeholder or w.value for w in inputs if id(w) not in badged]
    assert not missing, f"free-text inputs without a private/shared badge: {missing}"


def test_each_private_badge_says_whether_the_report_reads_it_too(marked: Store) -> None:
    """A goal's draft and the feedback given are the 1:1's (the report wrote or receives them); a check-in's
    summary line is the manager's alone. Before, every private field said "only in your own notebooks", under
    help text saying "they see it only once given"."""
    goals = GoalsForm(marked, "kim", 2027)
    titles = " ".join(w.value for w in _all_html(goals.render()))
    assert titles.count(ONE_TO_ONE_LABEL) >= 2 and "shared: printed in their quarterly summary" in titles
    checkin = CheckInForm(marked, "kim", Q, DAY)
    assert "private: only in your own notebooks" in checkin.summary.title.value
    assert ONE_TO_ONE_LABEL not in checkin.summary.title.value
    okrs = " ".join(w.value for w in _all_html(OKRForm(marked, "kim", Q).render()))
    assert okrs.count(ONE_TO_ONE_LABEL) >= 3  # understanding, supplement, aligned work
    assert "only in your own notebooks" not in okrs


def _all_html(widget: widgets.Widget) -> list[widgets.HTML]:
    found = [widget] if isinstance(widget, widgets.HTML) else []
    for child in getattr(widget, "children", ()):
        found.extend(_all_html(child))
    return found


@pytest.mark.usefixtures("check_ins_staged_ahead")  # notes saved on DAY, in 2027
def test_the_note_form_goes_back_to_private_after_a_shared_save(marked: Store) -> None:
    form = NoteForm(marked, "kim", DAY)
    assert form.visibility.value == "private" and "private: only in your own notebooks" in form.text.title.value
    form.visibility.value = "shared"
    assert "shared: printed in their quarterly summary" in form.text.title.value
    form.text.value = "Presented well at the review"
    assert form.save() is True
    assert form.visibility.value == "private", "the next note must not inherit 'shared'"
    assert "private: only in your own notebooks" in form.text.title.value
    form.text.value = "Father is ill"
    assert form.save() is True
    notes = marked.notes_frame("kim", include_private=True)
    assert notes[notes["text"] == "Father is ill"]["visibility"].tolist() == ["private"]


def test_the_check_in_form_labels_each_key_results_note_as_shared(marked: Store) -> None:
    form = CheckInForm(marked, "kim", Q, DAY)
    assert all(r.field.audience == "shared" for r in form.kr_rows)
    assert "go into their summary" in form.kr_rows[0].field.title.value
    assert form.summary.audience == "private"


def test_a_field_without_an_audience_shows_no_badge() -> None:
    assert "wb-audience" not in Field("x", "X", widgets.Text()).title.value
