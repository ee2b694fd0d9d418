"""The quarter close form, driven as a user would: set widget values, press the buttons, read the panels and the rows."""

from __future__ import annotations

import pytest
from conftest import stage_context
from test_closing import seed  # tests/ is on sys.path (pytest's default import mode)

from workbook.core.model import KeyResult, Person
from workbook.forms.close import QuarterCloseForm, show_quarter_close, show_restart, show_year_outcomes
from workbook.store import Store

pytestmark = pytest.mark.usefixtures("check_ins_staged_ahead")  # the seed checks in on Ana's 2027Q2


@pytest.fixture
def ana(store: Store) -> Store:
    seed(store)
    return store


def by_label(form: QuarterCloseForm) -> dict:
    return {r.item.label: r for r in form.rows}


def test_outcomes_start_from_the_last_check_in_status(ana: Store) -> None:
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    assert [r.outcome.value for r in form.rows] == ["met", "not_met", "partly_met"]  # done, blocked, at risk
    assert form.start_next_button.description == "Save and start 2027Q3"
    assert "nothing" in form.carry_over.value
    html = form.rows[1].box.children[0].value
    assert "blocked" in html and "at risk" in html  # the status trail is shown


def test_save_records_outcomes_and_notes(ana: Store) -> None:
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    rows = by_label(form)
    rows["O1·KR2"].outcome.value = "dropped"
    rows["O1·KR2"].note.value = "the design doc was no longer needed after the reorg"
    rows["O2·KR1"].note.value = "4 of 6 sessions"
    assert form.save() is True
    assert "Saved" in form.status_line.value
    frame = ana.okrs_frame("ana", "2027Q2")
    assert list(frame["outcome"]) == ["met", "dropped", "partly_met"]
    assert frame["outcome_note"].iloc[1].startswith("the design doc")
    assert ana.okrs("ana", "2027Q3") is None  # "Save outcomes" does not start the next quarter
    reopened = QuarterCloseForm(ana, "ana", "2027Q2")
    assert [r.outcome.value for r in reopened.rows] == ["met", "dropped", "partly_met"]
    assert reopened.rows[2].note.value == "4 of 6 sessions"


def test_save_and_start_next_quarter_creates_the_carried_rows(ana: Store) -> None:
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    rows = by_label(form)
    rows["O1·KR2"].outcome.value = "carried_over"
    rows["O1·KR2"].note.value = "tech lead review moved to July"
    assert "Write the pricing model design doc" in form.carry_over.value  # live preview of what carries over
    form.start_next_button.click()
    assert form.saved is not None and "Saved" in form.status_line.value
    nxt = ana.okrs_frame("ana", "2027Q3")
    assert list(nxt["kr_text"]) == ["Write the pricing model design doc, reviewed by the tech lead by 2027-06-20"]
    assert list(nxt["objective_text"]) == ["Own pricing analysis"] and list(nxt["goal"]) == [1]
    assert "2027Q3 started with 1 objective and " in form.findings.value


def test_refusal_shows_in_the_findings_panel_and_saves_nothing(ana: Store) -> None:
    ana.set_limit("max_key_results", "1")
    before = ana.count_rows()
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    for r in form.rows[:2]:
        r.outcome.value = "carried_over"
    assert form.save_and_start_next() is False
    assert "would break the limits" in form.findings.value
    assert "Nothing saved" in form.status_line.value
    assert ana.count_rows() == before
    assert ana.okrs_frame("ana", "2027Q2")["outcome"].isna().all()
    assert ana.okrs("ana", "2027Q3") is None


def test_a_too_long_note_is_marked_next_to_its_field(ana: Store) -> None:
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    form.rows[2].note.value = "x" * 2001
    assert form.save() is False
    assert "2000" in form.rows[2].note.error.value
    assert form.rows[0].note.error.value == ""
    assert ana.okrs_frame("ana", "2027Q2")["outcome"].isna().all()


def test_user_text_is_escaped_in_the_form(ana: Store) -> None:
    ana.add_key_result("ana", "2027Q2", 2, KeyResult(text="<img src=x onerror=alert(1)> by 2027-06-01"))
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    form.rows[-1].outcome.value = "carried_over"
    markup = form.rows[-1].box.children[0].value + form.carry_over.value
    assert "<img" not in markup and "&lt;img" in markup
    assert "&lt;b&gt;Silva" in form.render().children[0].value  # the person's name in the title


def test_a_quarter_without_key_results_has_nothing_to_close(store: Store) -> None:
    store.add_person(Person(id="bo", name="Bo"))
    form = QuarterCloseForm(store, "bo", "2027Q2")
    assert form.rows == [] and form.save_button.disabled and form.start_next_button.disabled
    assert form.save() is False and "no key results" in form.findings.value
    assert store.okrs("bo", "2027Q3") is None


def test_closing_again_after_starting_next_quarter_leaves_it_alone(ana: Store) -> None:
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    form.rows[0].outcome.value = "carried_over"
    assert form.save_and_start_next()
    again = QuarterCloseForm(ana, "ana", "2027Q2")
    again.rows[1].outcome.value = "carried_over"
    assert again.save_and_start_next()
    assert "already has OKRs" in again.findings.value
    nxt = ana.okrs_frame("ana", "2027Q3")
    assert list(nxt["kr_text"]) == ["Present the pricing review at the weekly meeting by 2027-05-15"]  # not rewritten


def test_the_outcome_hint_says_saved_after_a_save_and_not_saved_after_a_change(ana: Store) -> None:
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    assert all("suggested; last status:" in r.outcome.title.value for r in form.rows)
    assert form.save() is True
    assert all("saved; last status:" in r.outcome.title.value for r in form.rows)
    assert not any("suggested" in r.outcome.title.value for r in form.rows)
    form.rows[0].outcome.value = "dropped"
    assert "changed, not saved yet" in form.rows[0].outcome.title.value
    assert "saved; last status:" in form.rows[1].outcome.title.value


def test_a_refused_save_keeps_the_suggested_hint(ana: Store) -> None:
    ana.set_limit("max_key_results", "1")
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    for r in form.rows[:2]:
        r.outcome.value = "carried_over"
    assert form.save_and_start_next() is False
    assert not any("saved;" in r.outcome.title.value.replace("not saved", "") for r in form.rows)


def test_the_reports_below_the_form_refresh_when_it_saves(ana: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from workbook.forms import live

    shown: list = []
    monkeypatch.setattr(live, "_display", shown.append)
    form = QuarterCloseForm(ana, "ana", "2027Q2")
    ctx = stage_context(ana, "ana", "2027Q2", dt.date(2027, 6, 28))
    show_quarter_close(ctx, form)
    show_restart(ctx, form)
    show_year_outcomes(ctx, form)
    close_live, restart_live, chart_live = shown
    assert "0 of 3 key results have an outcome" in close_live.value
    assert 'src="data:image/png;base64,' in chart_live.value
    form.rows[1].outcome.value = "carried_over"
    assert form.save_and_start_next() is True
    assert "All 3 key results have an outcome" in close_live.value
    assert "2027Q3 has OKRs" in close_live.value
    assert restart_live.value and 'src="data:image/png;base64,' in chart_live.value
    assert len(shown) == 3  # refreshed in place: nothing new displayed from the callback


def test_a_quarter_not_started_is_not_closed_and_an_early_close_says_so(ana: Store) -> None:
    import datetime as dt

    before = QuarterCloseForm(ana, "ana", "2027Q2", dt.date(2027, 3, 20))
    said = " ".join(getattr(w, "value", "") for w in before.body)
    assert "2027Q2 has not started on 2027-03-20" in said and not before.rows
    assert before.save_button.disabled and before.start_next_button.disabled
    early = QuarterCloseForm(ana, "ana", "2027Q2", dt.date(2027, 5, 2))
    assert "outcomes recorded on 2027-05-02 are early" in " ".join(getattr(w, "value", "") for w in early.body)
    assert len(early.rows) == 3 and not early.save_button.disabled
    on_time = QuarterCloseForm(ana, "ana", "2027Q2", dt.date(2027, 6, 18))  # its last weeks: the usual day
    assert "are early" not in " ".join(getattr(w, "value", "") for w in on_time.body)


def test_a_quarter_with_nothing_to_close_says_where_next_quarter_stands(store: Store) -> None:
    """A person whose first OKRs are next quarter's (set before this one closes): the empty close says those OKRs
    are there, instead of telling the manager to set OKRs they already set."""
    from html import unescape

    from workbook.core.model import Objective, QuarterOKRs
    from workbook.render.close import quarter_close_html

    store.add_person(Person(id="kim", name="Kim Lee"))
    empty = QuarterCloseForm(store, "kim", "2026Q4")
    assert "nothing to close. Set 2027Q1's OKRs in stage 3." in unescape(empty.body[0].value)
    store.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[
        Objective(text="Own the pricing model's path to production", key_results=[
            KeyResult(text="Deploy pricing model v2 behind a feature flag to 10% of traffic by 2027-03-20"),
            KeyResult(text="Write the design doc and get it reviewed by the tech lead by 2027-02-15")])]))
    form = QuarterCloseForm(store, "kim", "2026Q4")
    for shown in (unescape(form.body[0].value), unescape(quarter_close_html(store, "kim", "2026Q4"))):
        assert "nothing to close" in shown
        assert "Set 2027Q1's OKRs" not in shown
        assert "2027Q1 has OKRs: 1 objective, 2 key results" in shown
