"""Moving a key result mid-quarter to the next quarter: lineage kept, check-ins stay with the old quarter, dates outside
the new quarter flagged, the measurability check run again on the new quarter's dates; limits hold."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook.coaching.kr_dates import check_key_result_in_quarter, dates_outside_quarter, deadline_conflicts
from workbook.core.errors import InputError, RuleViolation
from workbook.core.model import CheckIn, KeyResult, KRRef, KRStatus, Objective, Person, QuarterOKRs, Support
from workbook.stages.okrs import move_key_result
from workbook.store import Store

D = dt.date
KR = "Deliver the pricing presentation at the cross-functional weekly meeting by 15 March and ask two teammates for feedback"


@pytest.fixture
def kim(store: Store) -> Store:
    store.add_person(Person(id="kim", name="Kim Lee"))
    store.save_okrs(QuarterOKRs(person="kim", quarter="2027Q1", objectives=[Objective(text="Communicate with partners", key_results=[
        KeyResult(text=KR, target_date=D(2027, 3, 15), support=[
            Support(who="manager", what="feedback on the draft", status="committed", due=D(2027, 3, 1)),
            Support(who="Ana", what="a dry run", status="done")]),
        KeyResult(text="Write the model design document and get it reviewed by the tech lead")])]))
    store.add_check_in(CheckIn(person="kim", date=D(2027, 2, 1), key_results=[KRStatus(objective=1, key_result=1, status="at_risk")]))
    return store


def test_a_moved_key_result_keeps_its_lineage_and_its_check_ins_stay(kim: Store) -> None:
    moved, findings = move_key_result(kim, "kim", "2027Q1", 1, 1)
    assert moved.to_ref == KRRef(quarter="2027Q2", objective=1, key_result=1)
    new = kim.okrs("kim", "2027Q2")
    assert new.objectives[0].text == "Communicate with partners"
    kr = new.objectives[0].key_results[0]
    assert kr.moved_from == KRRef(quarter="2027Q1", objective=1, key_result=1) and kr.text == KR
    assert [s.who for s in kr.support] == ["manager"]  # open support moves; what was done stays behind
    old = kim.okrs("kim", "2027Q1").objectives[0].key_results[0]
    assert old.outcome == "carried_over" and old.outcome_note.startswith("Moved to 2027Q2 on")
    assert list(kim.kr_status_frame("kim", "2027Q1")["status"]) == ["at_risk"]  # the check-in stays with Q1
    assert kim.kr_status_frame("kim", "2027Q2").empty
    messages = " | ".join(f.message for f in findings)
    assert "target date 2027-03-15 is outside 2027Q2" in messages
    assert "support 'manager' due 2027-03-01 is outside 2027Q2" in messages
    assert "not measurable in its new quarter" in messages and "'by 15 March'" in messages
    move = [c for c in kim.history("kim") if c.action == "move"]
    assert [(f.field, f.old, f.new) for f in move[0].fields] == [("quarter", "2027Q1 O1·KR1", "2027Q2 O1·KR1")]


def test_a_new_target_date_in_the_new_quarter_is_not_flagged(kim: Store) -> None:
    _moved, findings = move_key_result(kim, "kim", "2027Q1", 1, 2, target_date=D(2027, 5, 15))
    assert [f.code for f in findings] == ["moved"]


def test_what_cannot_be_moved_is_refused_and_nothing_is_written(kim: Store) -> None:
    before = kim.export_person("kim")
    kim.set_limit("max_key_results", "1")
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q2", objectives=[Objective(text="Communicate with partners",
                                                                                     key_results=[KeyResult(text="x")])]))
    with pytest.raises(RuleViolation):  # the new quarter's objective already has its one key result
        kim.move_key_result("kim", "2027Q1", 1, 1)
    with pytest.raises(InputError, match="not after 2027Q1"):
        kim.move_key_result("kim", "2027Q1", 1, 1, to_quarter="2026Q4")
    kim.edit_key_result("kim", "2027Q1", 1, 2, outcome="met")
    with pytest.raises(InputError, match="already has the outcome met"):
        kim.move_key_result("kim", "2027Q1", 1, 2)
    assert kim.okrs("kim", "2027Q1").objectives[0].key_results[0].outcome is None
    assert before["okrs"][0]["objectives"][0]["key_results"][0] == \
        kim.export_person("kim")["okrs"][0]["objectives"][0]["key_results"][0]


def test_a_move_into_a_full_quarter_says_to_choose_an_objective_there(kim: Store) -> None:
    """`workbook check` said to move a key result carried over, and the move failed with "3 objectives, at most 2"
    when the next quarter had its two already: now the refusal names --objective N (and --to), and it works so."""
    kim.save_okrs(QuarterOKRs(person="kim", quarter="2027Q2", objectives=[Objective(text="Own the rota"),
                                                                          Objective(text="Mentor Ben")]))
    with pytest.raises(InputError, match=r"OKRs for 2027Q2 have 2 objectives already \(at most 2\); put it under one of "
                                         r"them with --objective N \(1-2\), or move it to another quarter with --to"):
        kim.move_key_result("kim", "2027Q1", 1, 1)
    assert kim.okrs("kim", "2027Q1").objectives[0].key_results[0].outcome is None  # nothing written
    moved = kim.move_key_result("kim", "2027Q1", 1, 1, to_objective=2)
    assert moved.to_ref.objective == 2 and len(kim.okrs("kim", "2027Q2").objectives) == 2


def test_the_lineage_survives_an_export_and_import(kim: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from workbook.exchange.importer import import_data
    from workbook.exchange.roundtrip import export_to_sections

    kim.move_key_result("kim", "2027Q1", 1, 1)
    data = kim.export_person("kim")
    with Store(tmp_path / "other.db") as other:
        import_data(other, export_to_sections(data))
        kr = other.okrs("kim", "2027Q2").objectives[0].key_results[0]
        assert kr.moved_from == KRRef(quarter="2027Q1", objective=1, key_result=1)
        assert [c.action for c in other.history("kim")][-1] == "import"


@pytest.mark.parametrize(("text", "quarter", "outside"), [
    ("Ship the report by 15 March", "2027Q2", ["'by 15 March'"]),
    ("Ship the report by 15 March", "2027Q1", []),
    ("Ship the report by end of June", "2027Q2", []),
    ("Ship the report by 2027-03-31", "2027Q2", ["'2027-03-31'"]),
    ("Ship the report in Q1", "2027Q2", ["'in Q1'"]),
    ("Review two pull requests every week", "2027Q2", []),
])
def test_deadlines_in_the_text_are_read_against_the_quarter(text: str, quarter: str, outside: list[str]) -> None:
    assert dates_outside_quarter(text, quarter) == outside
    verdict = check_key_result_in_quarter(text, quarter)
    if outside:
        assert not verdict.measurable and "falls outside" in verdict.reasons[0]  # the deciding reason first
        assert not any(r.startswith("has a deadline") for r in verdict.reasons)


@pytest.mark.parametrize(("text", "target", "conflicts"), [
    ("Ship the report by 15 March", dt.date(2027, 3, 1), ["'by 15 March'"]),
    ("Ship the report by March 15th", dt.date(2027, 3, 15), []),
    ("Ship the report by 2027-03-15", dt.date(2027, 3, 1), ["'by 2027-03-15'"]),
    ("Ship the report by 15 March", None, []),
    ("Give the talk on 2027-02-10 and publish the slides by 2027-03-01", dt.date(2027, 3, 1), []),  # an event date
    ("Run three user interviews in March", dt.date(2027, 3, 1), []),  # no day named
    ("Ship the report by 31 February", dt.date(2027, 3, 1), []),  # no such day: not a date to compare
])
def test_a_deadline_in_the_text_must_be_the_target_date(text: str, target: dt.date | None, conflicts: list[str]) -> None:
    assert deadline_conflicts(text, "2027Q1", target) == conflicts
    verdict = check_key_result_in_quarter(text, "2027Q1", target)
    if conflicts:
        assert not verdict.measurable and "differ" in verdict.reasons[0] and "agree" in verdict.suggestion
        assert not any(r.startswith("has a deadline") for r in verdict.reasons)


def test_a_reason_ending_in_a_question_is_not_given_a_full_stop_after_it() -> None:
    """The warnings put the checker's reasons before its suggestion as a sentence: "or when is it done?. Replace"
    read badly on the command line and in a move's findings."""
    from workbook.core.labels import as_sentence

    assert as_sentence("how many, or when is it done?") == "how many, or when is it done?"
    assert as_sentence("'regular' is a frequency with no count") == "'regular' is a frequency with no count."
    assert as_sentence("done. ") == "done." and as_sentence("") == "" and as_sentence("Stop!") == "Stop!"
