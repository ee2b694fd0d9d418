"""The store: atomic writes, the practice's limits, visibility, schema versioning, forget and export.

Every test taking ``store`` runs twice: on a SQLite file and on a real PostgreSQL database (as its owner)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest
import sqlalchemy as sa

from workbook.core.errors import InputError, NotFound, RuleViolation, StoreError
from workbook.core.model import (
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
from workbook.store import SCHEMA_VERSION, Store


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, db_path) -> str:
    """A workbook on either backend, as what --db takes: a file path or the owner's URL."""
    return str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")


def _ana(store: Store) -> None:
    store.add_person(Person(id="ana", name="Ana Souza", track="Data Science", level="2"))


def _note(text: str, visibility: str = "private", **kw) -> Note:
    return Note(person="ana", date=dt.date(2027, 1, 10), direction="pull", topic="interests", text=text,
                visibility=visibility, **kw)


def test_file_store_uses_wal_and_a_busy_timeout(db_path) -> None:
    store = Store(db_path)
    _ana(store)
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_in_memory_store_works_for_quick_use(mem_store: Store) -> None:
    _ana(mem_store)
    mem_store.add_note(_note("hello", "shared"))
    assert len(mem_store.shareable_notes_frame("ana")) == 1


def test_schema_is_versioned_and_a_newer_database_is_refused(db_path) -> None:
    with Store(db_path) as s:
        assert s.schema_version() == SCHEMA_VERSION
    con = sqlite3.connect(db_path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer than this workbook"):
        Store(db_path)


def test_a_file_that_is_not_sqlite_is_refused_with_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("hello, not a database")
    with pytest.raises(StoreError, match="not a workbook database"):
        Store(bad)


def test_atomic_rolls_back_everything_on_error(store: Store) -> None:
    _ana(store)
    before = store.count_rows()
    with pytest.raises(RuntimeError), store.atomic():
        store.add_note(_note("one"))
        store.add_note(_note("two"))
        raise RuntimeError("boom")
    assert store.count_rows() == before


def test_nested_atomic_uses_a_savepoint(store: Store) -> None:
    _ana(store)
    with store.atomic():
        store.add_note(_note("kept"))
        with pytest.raises(RuntimeError), store.atomic():
            store.add_note(_note("rolled back"))
            raise RuntimeError("inner")
    texts = store.notes_frame("ana", include_private=True)["text"].tolist()
    assert texts == ["kept"]


def test_limits_are_enforced_on_every_write_and_change_nothing(store: Store) -> None:
    _ana(store)
    for i in range(3):
        store.add_goal("ana", 2027, Goal(text=f"Goal {i}"))
    before = store.count_rows()
    with pytest.raises(RuleViolation, match="at most 3 annual growth goals"):
        store.add_goal("ana", 2027, Goal(text="A fourth goal"))
    store.add_objective("ana", "2027Q1", Objective(text="O1", goal=1))
    store.add_objective("ana", "2027Q1", Objective(text="O2"))
    with pytest.raises(RuleViolation, match="at most 2 per person and quarter"):
        store.add_objective("ana", "2027Q1", Objective(text="O3"))
    store.add_key_result("ana", "2027Q1", 1, KeyResult(text="KR1"))
    store.add_key_result("ana", "2027Q1", 1, KeyResult(text="KR2"))
    with pytest.raises(RuleViolation, match="at most 2"):
        store.add_key_result("ana", "2027Q1", 1, KeyResult(text="KR3"))
    after = store.count_rows()
    assert after["goals"] == before["goals"] == 3
    assert after["objectives"] == 2 and after["key_results"] == 2


def test_limits_are_configurable_per_workbook(store: Store) -> None:
    _ana(store)
    store.set_limit("max_goals", "4")
    for i in range(4):
        store.add_goal("ana", 2027, Goal(text=f"Goal {i}"))
    assert len(store.plan("ana", 2027).goals) == 4
    with pytest.raises(InputError, match="unknown limit"):
        store.set_limit("max_everything", "9")
    with pytest.raises(InputError, match="limit max_goals needs a whole number, got .many."):
        store.set_limit("max_goals", "many")


def test_a_plan_records_who_drafted_it_and_keeps_the_draft(store: Store) -> None:
    _ana(store)
    store.save_plan(GrowthPlan(person="ana", year=2027, drafted_by="employee", status="agreed", goals=[
        Goal(text="Prioritize and manage stakeholder requests", draft="Multitask better", feedback="Reframed", priority=1)]))
    plan = store.plan("ana", 2027)
    assert plan.drafted_by == "employee"
    assert plan.goals[0].draft == "Multitask better" and plan.goals[0].text.startswith("Prioritize")
    warnings = store.save_plan(GrowthPlan(person="ana", year=2028, drafted_by="manager", goals=[Goal(text="x")]))
    assert any(w.code == "manager_drafted" for w in warnings)


def test_shareable_queries_cannot_return_a_private_note(store: Store) -> None:
    _ana(store)
    store.add_note(_note("SECRET family situation"))
    store.add_note(_note("Shared: interest in causal inference", "shared"))
    shared = store.shareable_notes_frame("ana")
    assert shared["text"].tolist() == ["Shared: interest in causal inference"]
    assert "visibility" not in shared.columns
    assert "SECRET" not in store.notes_frame("ana").to_string()  # default is shareable
    assert len(store.notes_frame("ana", include_private=True)) == 2
    # the rule lives in the database: the view itself filters, whatever SQL reads it
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT text FROM shareable_notes").fetchall()
    assert [r[0] for r in rows] == ["Shared: interest in causal inference"]


def test_notes_are_private_by_default() -> None:
    assert Note(person="ana", date=dt.date(2027, 1, 1), direction="push", topic="mentors", text="x").visibility == "private"


def test_okr_edits_keep_check_in_history(store: Store) -> None:
    _ana(store)
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[
        Objective(text="O1", key_results=[KeyResult(text="KR1")])]))
    store.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 15), key_results=[
        KRStatus(objective=1, key_result=1, status="on_track", note="draft ready")]))
    okrs = store.okrs("ana", "2027Q1")
    okrs.objectives[0].key_results[0].text = "KR1 reworded"
    store.save_okrs(okrs)
    assert store.kr_status_frame("ana")["kr_text"].tolist() == ["KR1 reworded"]


def test_a_check_in_on_a_missing_key_result_writes_nothing(store: Store) -> None:
    _ana(store)
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(text="O1", key_results=[KeyResult(text="K")])]))
    before = store.count_rows()
    with pytest.raises(NotFound, match="not 3"):
        store.add_check_in(CheckIn(person="ana", date=dt.date(2027, 2, 1), key_results=[
            KRStatus(objective=1, key_result=3, status="done")]))
    assert store.count_rows() == before


def test_forget_leaves_no_row_of_the_person(store: Store) -> None:
    _ana(store)
    store.add_person(Person(id="ben", name="Ben"))
    store.add_note(_note("Zanzibar-family-situation"))
    store.save_plan(GrowthPlan(person="ana", year=2027, goals=[Goal(text="g")]))
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(text="o", key_results=[KeyResult(text="k")])]))
    store.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 15), key_results=[KRStatus(objective=1, key_result=1, status="done")]))
    store.forget("ana")
    counts = store.count_rows()
    assert counts["people"] == 1  # Ben stays
    assert all(n == 0 for table, n in counts.items() if table not in ("people", "change_log", "change_log_fields"))
    assert [c.person for c in store.history("ben")] == ["ben"]  # only Ben's own entry ("added") is left
    assert counts["change_log"] == 1 and counts["change_log_fields"] == 0
    with pytest.raises(NotFound):
        store.person("ana")
    if not store.is_postgres:
        raw = store.path.read_bytes()
        assert b"Zanzibar-family-situation" not in raw  # secure_delete + checkpoint: the text is gone from the file too


def test_export_includes_private_notes(store: Store) -> None:
    _ana(store)
    store.add_note(_note("private detail"))
    data = store.export_person("ana")
    assert data["person"]["id"] == "ana"
    assert data["notes"][0]["text"] == "private detail" and data["notes"][0]["visibility"] == "private"


def test_unknown_person_is_named_with_the_known_ids(store: Store) -> None:
    _ana(store)
    with pytest.raises(NotFound, match="unknown person 'bob' .known: ana"):
        store.add_note(Note(person="bob", date=dt.date(2027, 1, 1), direction="pull", topic="goals", text="x"))


def test_two_writers_in_threads_do_not_lose_writes(any_db) -> None:
    with Store(any_db) as s:
        _ana(s)
    errors = []

    def writer(n: int) -> None:
        try:
            with Store(any_db) as s:
                for i in range(20):
                    s.add_note(_note(f"w{n}-{i}"))
        except Exception as exc:  # pragma: no cover - shown on failure
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(any_db) as s:
        assert s.count_rows()["notes"] == 60


def test_concurrent_goal_adds_never_pass_the_limit_nor_lose_one(any_db) -> None:
    """Read-check-write under concurrency: writes are serialised (BEGIN IMMEDIATE / one advisory lock)."""
    with Store(any_db) as s:
        _ana(s)
    outcomes: list[str] = []

    def writer(n: int) -> None:
        with Store(any_db) as s:
            for i in range(3):
                try:
                    s.add_goal("ana", 2027, Goal(text=f"goal {n}-{i}"))
                    outcomes.append("added")
                except RuleViolation:
                    outcomes.append("refused")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Store(any_db) as s:
        goals = s.plan("ana", 2027).goals
    assert len(goals) == 3 == outcomes.count("added") and outcomes.count("refused") == 6


def test_backup_uses_the_online_api(db_path, tmp_path) -> None:
    store = Store(db_path)
    _ana(store)
    target = store.backup(tmp_path / "copy.db")
    with Store(target) as copy:
        assert copy.person("ana").name == "Ana Souza"


def test_sqlalchemy_url_is_supported(tmp_path) -> None:
    with Store(url=f"sqlite:///{tmp_path / 'u.db'}") as s:
        _ana(s)
        assert s.has_person("ana")
    assert sa.__version__.startswith("2")


def test_support_commitments_keep_their_ids_when_okrs_are_edited(store: Store) -> None:
    from workbook.core.model import Support

    _ana(store)
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(text="O", key_results=[
        KeyResult(text="K", support=[Support(who="tech lead", what="design review")])])]))
    sid = store.okrs("ana", "2027Q1").objectives[0].key_results[0].support[0].id
    store.set_outcome("ana", "2027Q1", 1, 1, "met")
    assert store.okrs("ana", "2027Q1").objectives[0].key_results[0].support[0].id == sid
    store.set_support_status(sid, "done")
    assert store.support_frame("ana")["status"].tolist() == ["done"]


def test_competency_tags_keep_their_order(store: Store) -> None:
    _ana(store)
    store.save_plan(GrowthPlan(person="ana", year=2027, goals=[Goal(text="g", competencies=["Zeta", "Alpha", "Mid"])]))
    assert store.plan("ana", 2027).goals[0].competencies == ["Zeta", "Alpha", "Mid"]
    assert store.goals_frame("ana")["competencies"].tolist() == [["Zeta", "Alpha", "Mid"]]


def test_removing_a_middle_key_result_keeps_the_others_history(store: Store) -> None:
    _ana(store)
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[Objective(text="O", key_results=[
        KeyResult(text="first"), KeyResult(text="second")])]))
    store.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 15), key_results=[
        KRStatus(objective=1, key_result=1, status="at_risk", note="first note"),
        KRStatus(objective=1, key_result=2, status="on_track", note="second note")]))
    okrs = store.okrs("ana", "2027Q1")
    del okrs.objectives[0].key_results[0]
    store.save_okrs(okrs)
    frame = store.kr_status_frame("ana")
    assert frame[["kr_text", "note", "key_result"]].values.tolist() == [["second", "second note", 1]]


def test_reordering_objectives_moves_their_key_results_with_them(store: Store) -> None:
    _ana(store)
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[
        Objective(text="A", key_results=[KeyResult(text="a1")]), Objective(text="B", key_results=[KeyResult(text="b1")])]))
    okrs = store.okrs("ana", "2027Q1")
    okrs.objectives.reverse()
    store.save_okrs(okrs)
    again = store.okrs("ana", "2027Q1")
    assert [(o.text, [k.text for k in o.key_results]) for o in again.objectives] == [("B", ["b1"]), ("A", ["a1"])]


def test_moving_a_key_result_to_another_objective_keeps_its_history(store: Store) -> None:
    _ana(store)
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[
        Objective(text="A", key_results=[KeyResult(text="moved")]), Objective(text="B", key_results=[])]))
    store.add_check_in(CheckIn(person="ana", date=dt.date(2027, 1, 15), key_results=[
        KRStatus(objective=1, key_result=1, status="on_track", note="kept")]))
    okrs = store.okrs("ana", "2027Q1")
    moved = okrs.objectives[0].key_results.pop()
    okrs.objectives[0].key_results.append(KeyResult(text="new in A"))
    okrs.objectives[1].key_results.append(moved)
    store.save_okrs(okrs)
    frame = store.kr_status_frame("ana")
    assert frame[["kr_text", "objective", "note"]].values.tolist() == [["moved", 2, "kept"]]
    assert [k.text for k in store.okrs("ana", "2027Q1").objectives[0].key_results] == ["new in A"]


def test_lowering_a_limit_keeps_past_quarters_editable_but_not_growing(store: Store) -> None:
    _ana(store)
    store.save_okrs(QuarterOKRs(person="ana", quarter="2027Q1", objectives=[
        Objective(text="A", key_results=[KeyResult(text="a1"), KeyResult(text="a2")]), Objective(text="B")]))
    store.set_limit("max_objectives", "1")
    store.set_limit("max_key_results", "1")
    store.set_outcome("ana", "2027Q1", 1, 2, "met")  # recording an outcome still works
    assert store.okrs("ana", "2027Q1").objectives[0].key_results[1].outcome == "met"
    store.add_key_result("ana", "2027Q1", 2, KeyResult(text="b1"))  # B's first KR is within the new limit
    with pytest.raises(RuleViolation, match="objective 2 has 2 key results"):
        store.add_key_result("ana", "2027Q1", 2, KeyResult(text="b2"))  # B would grow past it
    with pytest.raises(RuleViolation, match="3 objectives"):
        store.add_objective("ana", "2027Q1", Objective(text="C"))
    store.set_limit("max_goals", "1")
    store.save_plan(GrowthPlan(person="ana", year=2026, goals=[Goal(text="only")]))
    with pytest.raises(RuleViolation):
        store.add_goal("ana", 2026, Goal(text="second"))


@pytest.mark.usefixtures("check_ins_staged_ahead")  # a note of 2027-06-01
def test_last_conversation_ignores_anything_after_as_of(store: Store) -> None:
    _ana(store)
    store.add_note(_note("jan"))  # 2027-01-10
    store.add_note(Note(person="ana", date=dt.date(2027, 6, 1), direction="push", topic="mentors", text="june"))
    frame = store.last_conversation_frame(dt.date(2027, 3, 1))
    assert str(frame.loc[0, "last_conversation"])[:10] == "2027-01-10"
    assert str(store.last_conversation_frame().loc[0, "last_conversation"])[:10] == "2027-06-01"
