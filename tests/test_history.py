"""The change log: append-only in the database, who and when, in the export, erased by forget, and read through the
same rights as the records it describes (a private note's old words never reach the shareable history)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from workbook.core.model import Note, Person
from workbook.store import Store

D = dt.date


def _kim_note(store: Store, visibility: str = "private", text: str = "Zanzibar family situation") -> int:
    store.add_person(Person(id="kim", name="Kim Lee", level="1"))
    return store.add_note(Note(person="kim", date=D(2027, 1, 10), direction="pull", topic="values", text=text,
                               visibility=visibility))  # type: ignore[arg-type]


def _shareable_text(store: Store) -> str:
    return json.dumps([c.to_dict() for c in store.history("kim", shareable=True)])


def test_the_database_refuses_to_rewrite_or_drop_the_log(store: Store) -> None:
    nid = _kim_note(store)
    store.edit_note(nid, text="changed")
    con = sqlite3.connect(store.path)
    for sql in ("UPDATE change_log SET actor = 'someone else'", "UPDATE change_log_fields SET old = 'forged'",
                "DELETE FROM change_log", "DELETE FROM change_log_fields"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            con.execute(sql)
    con.close()
    store.forget("kim")  # forgetting the person is the one way to erase their log
    assert store.count_rows()["change_log"] == store.count_rows()["change_log_fields"] == 0


def test_who_is_the_hub_user_or_the_os_user(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    nid = _kim_note(store)
    monkeypatch.setenv("JUPYTERHUB_USER", "maya")
    store.edit_note(nid, text="by maya")
    monkeypatch.delenv("JUPYTERHUB_USER")
    store.edit_note(nid, text="by the os user")
    actors = [c.actor for c in store.history("kim") if c.action == "edit"]
    assert actors == ["maya", getpass.getuser()]
    at = dt.datetime.fromisoformat(store.history("kim")[-1].at)
    assert at.tzinfo is not None and abs((dt.datetime.now(dt.UTC) - at).total_seconds()) < 60


def test_a_private_notes_old_words_never_reach_the_shareable_history(store: Store) -> None:
    nid = _kim_note(store, "private")
    store.edit_note(nid, text="Zanzibar, second version")
    store.edit_note(nid, visibility="shared", text="Interested in the pricing team")  # now shared, with new words
    store.edit_note(nid, text="Interested in the pricing team, from Q2")  # an edit while shared
    shared = _shareable_text(store)
    assert "Zanzibar" not in shared  # neither the first words nor the second version
    assert "from Q2" in shared  # an edit made while the note is shared is as shareable as the note
    full = json.dumps([c.to_dict() for c in store.history("kim")])
    assert "Zanzibar family situation" in full  # the manager (the author) still has it all


def test_a_shared_note_made_private_takes_its_history_with_it(store: Store) -> None:
    nid = _kim_note(store, "shared", text="Shared words")
    store.edit_note(nid, text="Shared words, corrected")
    store.edit_note(nid, visibility="private")
    assert "Shared words" not in _shareable_text(store)
    store.delete_note(nid)
    assert "Shared words" not in _shareable_text(store)


def test_a_deleted_notes_history_does_not_follow_its_id_to_the_next_note(store: Store) -> None:
    """SQLite gives a deleted note's id to the next note when it was the highest (no AUTOINCREMENT), and the
    shareable history then showed the deleted note's words as the new note's."""
    nid = _kim_note(store, "shared", text="Wants to move to the platform team")
    store.edit_note(nid, text="Wants to move to the platform team, asked twice")
    store.delete_note(nid)
    again = store.add_note(Note(person="kim", date=D(2027, 2, 1), direction="push", topic="feedback",
                                text="Great demo", visibility="shared"))
    assert again == nid  # what made it leak
    assert "platform team" not in _shareable_text(store)
    assert "platform team" in json.dumps([c.to_dict() for c in store.history("kim")])  # the manager keeps it


def test_private_fields_of_shared_records_stay_private(store: Store) -> None:
    from workbook.core.model import Goal, GrowthPlan

    store.add_person(Person(id="kim", name="Kim Lee"))
    store.save_plan(GrowthPlan(person="kim", year=2027, goals=[Goal(text="Lead a review", feedback="too vague")]))
    store.edit_goal("kim", 2027, 1, text="Lead the churn model review", feedback="secret: not ready for level 3")
    shared = _shareable_text(store)
    assert "Lead the churn model review" in shared  # the agreed goal is printed in the summary anyway
    assert "secret" not in shared and "too vague" not in shared  # the manager's feedback is private


def test_export_holds_the_history_and_forget_erases_it(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    nid = _kim_note(store)
    store.edit_note(nid, date=D(2027, 1, 11))
    data = store.export_person("kim")
    entries = [(c["record"], c["action"]) for c in data["history"]]
    assert ("note", "edit") in entries and entries[0] == ("person", "add")
    edit = next(c for c in data["history"] if c["action"] == "edit")
    assert edit["fields"] == [{"field": "date", "old": "2027-01-10", "new": "2027-01-11", "audience": "private"}]
    counts = store.forget("kim")
    assert counts["change_log"] == len(data["history"])
    assert b"Zanzibar" not in store.path.read_bytes()


def test_workbook_history_prints_each_change_with_old_and_new_values(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "wb.db"
    with Store(db) as store:
        nid = _kim_note(store)
        store.edit_note(nid, date=D(2027, 1, 11))
        store.delete_note(nid)
    r = cli("history", "kim", db=db)
    assert r.returncode == 0, r.stderr
    assert "edit note of 2027-01-11 (pull: values)  [private]" in r.stdout
    assert "date: 2027-01-10 → 2027-01-11" in r.stdout
    assert "text: Zanzibar family situation → (deleted)" in r.stdout
    shareable = cli("history", "kim", "--shareable", db=db)
    assert shareable.returncode == 0 and "Zanzibar" not in shareable.stdout
    as_json = json.loads(cli("history", "kim", "--json", "--record", "note", db=db).stdout)
    assert [c["action"] for c in as_json] == ["add", "edit", "delete"]
    unknown = cli("history", "nobody", db=db)
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: unknown person 'nobody'")


def test_a_plan_started_with_one_goal_is_logged_as_one_goal(store: Store) -> None:
    """`workbook history` said "add growth plan 2026 (1 goals)" for a report's first goal (found by a helper walking
    an organisation as a new HR administrator)."""
    from workbook.core.model import Goal, GrowthPlan

    store.add_person(Person(id="kim", name="Kim Lee"))
    store.save_plan(GrowthPlan(person="kim", year=2026, goals=[Goal(text="Lead the incident review")]))
    store.add_person(Person(id="ola", name="Ola Berg"))
    store.save_plan(GrowthPlan(person="ola", year=2026, goals=[Goal(text="Lead the review"), Goal(text="Mentor one")]))
    assert [c.label for c in store.history("kim") if c.record == "growth_plan"] == ["growth plan 2026 (1 goal)"]
    assert [c.label for c in store.history("ola") if c.record == "growth_plan"] == ["growth plan 2026 (2 goals)"]


def test_in_an_organisation_the_administrators_changes_say_the_owner(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`workbook history` on an organisation database named every other change by its workbook user ("ines")
    and the administrator's by the OS account the command ran under ("root"), which reads as a user of that name,
    and WORKBOOK_USER or an OS account called "ines" made the owner's change read as Ines's. The database knows
    only that the owner's role made it: the entry says "the owner", whatever the client calls itself."""
    from workbook.stages.history import format_history
    from workbook.store.backend import parse_url

    monkeypatch.setenv("WORKBOOK_USER", "ines")  # a claim of the client's: not who the database says it is
    with Store(pg_url) as owner:
        owner.add_person(Person(id="ines", name="Ines Okafor"))
        owner.add_person(Person(id="zoe", name="Zoe Laurent", manager="ines"))
        owner.add_note(Note(person="zoe", date=D(2027, 1, 10), direction="pull", topic="values", text="onboarding"))
        u = owner.add_user("ines", person="ines")
    with Store(parse_url(u.url).set(password=u.password).render_as_string(hide_password=False)) as ines:
        ines.add_note(Note(person="zoe", date=D(2027, 1, 11), direction="push", topic="mentors", text="x",
                           visibility="shared"))
        assert [c.actor for c in ines.history("zoe")] == ["the owner", "ines"]  # the owner's private note: not hers
    with Store(pg_url) as owner:
        assert [(c.actor, c.record) for c in owner.history("zoe")] == [
            ("the owner", "person"), ("the owner", "note"), ("ines", "note")]
        lines = format_history(owner, "zoe").splitlines()
        assert lines[1].endswith("UTC  the owner  add person zoe") and "UTC  ines  add note" in lines[3]
