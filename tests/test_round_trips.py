"""What made a person's export fail to import again, or a forget lose more than it said (found by a helper who
round-tripped a small team through export, forget and import)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from workbook.store import Store


def _team(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path / "w.db"
    assert cli("init", str(db)).returncode == 0
    for args in (["ana", "--name", "Ana Souza"], ["fay", "--name", "Fay Lin", "--manager", "ana"],
                 ["ben", "--name", "Ben Okafor"]):
        assert cli("person", "add", *args).returncode == 0
    return db


def test_a_start_date_after_a_person_s_records_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`person edit --started` after a note's day was accepted; the export of that note then failed to import, so
    export, forget and import lost the person."""
    db = _team(cli, tmp_path)
    assert cli("note", "add", "ben", "pull", "values", "autonomy", "--date", "2026-11-20").returncode == 0
    r = cli("person", "edit", "ben", "--started", "2026-11-25")
    assert r.returncode == 1 and r.stderr.strip() == (
        "error: person ben field started: ben note 1: date 2026-11-20 is before ben's start date (2026-11-25); move "
        "those records first, or give an earlier start date")
    with Store(db) as store:
        assert store.person("ben").started is None
    assert cli("person", "edit", "ben", "--started", "2026-11-20").returncode == 0  # on the note's day: fine
    out = tmp_path / "ben.json"
    assert cli("export", "ben", "-o", str(out)).returncode == 0
    assert cli("forget", "ben", "--yes").returncode == 0
    back = cli("import", str(out))
    assert back.returncode == 0, back.stderr


def test_a_start_date_after_several_records_counts_the_others_in_plain_words(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The count of the other records read "(and 2 mores; ...)": the plural helper was given a word that has none."""
    _team(cli, tmp_path)
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):
        assert cli("note", "add", "ben", "pull", "values", "autonomy", "--date", day).returncode == 0
    r = cli("person", "edit", "ben", "--started", "2026-11-25")
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert "2026-11-25) (and 2 more; `workbook check` lists them); move those records first" in r.stderr, r.stderr
    assert "mores" not in r.stderr


def test_check_lists_an_action_made_before_the_start_date(tmp_path: Path) -> None:
    """`workbook check` listed notes before a start date but not an action made before it, which an import refuses."""
    import datetime as dt

    from workbook.core.model import Action, Person
    from workbook.stages.history import check_workbook

    with Store(tmp_path / "w.db") as store:
        store.add_person(Person(id="ben", name="Ben"))
        store.add_action(Action(person="ben", text="Book the mentoring intro"), created_on=dt.date(2026, 11, 2))
        with store.atomic() as conn:  # a start date set by an older version, which did not look at the records
            conn.exec_driver_sql("UPDATE people SET started = '2026-11-10' WHERE id = 'ben'")
        found = [f for f in check_workbook(store) if f.code == "before_start"]
    assert [f.where for f in found] == ["ben action 1"] and "made on 2026-11-02 is before ben's start date" in found[0].message


def test_lowering_a_limit_below_a_plan_under_way_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = _team(cli, tmp_path)
    assert cli("limits", "--set", "max_goals=4").returncode == 0
    plans = tmp_path / "plans.yaml"
    goals = [{"text": t} for t in ("Lead a design review", "Mentor a new hire", "Present at the guild", "Own the on-call")]
    plans.write_text(yaml.safe_dump({"growth_plans": [{"person": "ana", "year": 2027, "goals": goals}]}), encoding="utf-8")
    assert cli("import", str(plans)).returncode == 0
    r = cli("limits", "--set", "max_goals=3")
    assert r.returncode == 1
    assert r.stderr.strip() == ("error: growth plan ana 2027: 4 goals, at most 3 annual growth goals per person and "
                                "year; remove some first, or keep the limit higher")
    with Store(db) as store:
        assert store.limits().max_goals == 4


def test_forgetting_a_manager_names_the_reports_left_without_one(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _team(cli, tmp_path)
    r = cli("forget", "ana", "--yes")
    assert r.returncode == 0, r.stderr
    assert "fay no longer has a manager (Ana Souza managed them); give one with `workbook person edit fay --manager ID`" \
        in r.stderr


def test_an_import_with_no_key_to_seal_private_notes_says_they_are_in_clear(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Importing into a new workbook where no private-note key exists stored private notes in clear, silently."""
    notes = tmp_path / "notes.yaml"
    notes.write_text(yaml.safe_dump({"people": [{"id": "kim", "name": "Kim Lee"}], "notes": [
        {"person": "kim", "date": "2026-11-20", "direction": "pull", "topic": "values", "text": "Worried about on call"}]}),
        encoding="utf-8")
    r = cli("import", str(notes), "--db", str(tmp_path / "new.db"))
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith("warning: 1 private note is stored in clear: there is no private-note key here to seal "
                               "them; create it with `workbook key new`"), r.stderr


def _ok(cli, *args: str) -> str:  # type: ignore[no-untyped-def]
    r = cli(*args)
    assert r.returncode == 0, (args, r.stderr)
    return str(r.stdout)


def _note_ids(cli, person: str, db: Path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """`note list`'s ids by the note's words."""
    import re

    rows = [re.split(r"\s{2,}", line.strip()) for line in _ok(cli, "note", "list", person, "--db", str(db)).splitlines()
            if line.strip()]
    return {r[-1]: int(r[0]) for r in rows}


def test_an_imported_history_points_at_the_imported_records(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An import wrote every change-log entry with an empty record_id, so `history --shareable` (which shows a
    note's changes only while that note is shared) dropped a shared note's entries after export and import, and
    nothing keyed on record_id found them. A brand-new person with two notes and goals but no OKRs."""
    import json

    db = tmp_path / "w.db"
    _ok(cli, "init", str(db))
    _ok(cli, "person", "add", "kim", "--name", "Kim Lee")
    _ok(cli, "note", "add", "kim", "pull", "interests", "Curious about causal inference", "--shared",
        "--date", "2026-11-20")
    _ok(cli, "note", "add", "kim", "push", "feedback", "Clear demo", "--date", "2026-11-21")
    _ok(cli, "note", "add", "kim", "pull", "values", "Typed in the wrong person", "--date", "2026-11-22")
    ids = _note_ids(cli, "kim", db)
    _ok(cli, "note", "edit", str(ids["Curious about causal inference"]), "--text", "Curious about uplift models")
    _ok(cli, "note", "edit", str(ids["Clear demo"]), "--text", "Clear demo, slow start")
    _ok(cli, "note", "delete", str(ids["Typed in the wrong person"]), "--yes")
    _ok(cli, "goal", "add", "kim", "2027", "--text", "Become the team's go-to person for causal inference")
    out = tmp_path / "kim.json"
    _ok(cli, "export", "kim", "-o", str(out))

    other = tmp_path / "other.db"  # a workbook whose first ids are taken: kim's records get new ones
    ben = tmp_path / "ben.yaml"
    ben.write_text(yaml.safe_dump({"people": [{"id": "ben", "name": "Ben Okafor"}], "notes": [
        {"person": "ben", "date": f"2026-11-{day}", "direction": "pull", "topic": "goals", "visibility": "shared",
         "text": f"Ben's note {day}"} for day in (10, 11, 12, 13)]}), encoding="utf-8")
    _ok(cli, "import", str(ben), "--db", str(other))
    _ok(cli, "import", str(out), "--db", str(other))
    new = _note_ids(cli, "kim", other)
    shared, private = new["Curious about uplift models"], new["Clear demo, slow start"]
    assert shared not in ids.values()  # the ids did change

    shareable = json.loads(_ok(cli, "history", "kim", "--shareable", "--json", "--db", str(other)))
    notes = [(c["action"], c["record_id"], [(f["old"], f["new"]) for f in c["fields"]])
             for c in shareable if c["record"] == "note"]
    assert notes == [("add", shared, []), ("edit", shared, [("Curious about causal inference",
                                                             "Curious about uplift models")])]
    full = json.loads(_ok(cli, "history", "kim", "--json", "--db", str(other)))
    by_note = {(c["action"], c["record_id"]) for c in full if c["record"] == "note"}
    assert {("add", shared), ("edit", shared), ("add", private), ("edit", private)} <= by_note
    # the deleted note's entries point at nothing, never at a record of the new workbook (ben's note, say)
    assert [c["record_id"] for c in full if c["record"] == "note" and c["action"] == "delete"] == [None]
    assert [(f["old"], f["new"]) for c in full if (c["action"], c["record_id"]) == ("edit", private)
            for f in c["fields"]] == [("Clear demo", "Clear demo, slow start")]  # its sealed words open
    assert "Curious about uplift models" in _ok(cli, "history", "kim", "--shareable", "--db", str(other))


def test_a_check_in_action_listed_only_among_the_actions_is_imported(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An export's top-level `actions` name each action's check-in (check_in_id); the import read an action with
    one only from under its check-in, so an action listed only at the top (an export edited by hand, or written
    by another tool) was dropped without a word. A brand-new person with one check-in and no OKRs."""
    import json

    _ok(cli, "init", str(tmp_path / "w.db"))
    _ok(cli, "person", "add", "kim", "--name", "Kim Lee")
    _ok(cli, "checkin", "add", "kim", "--date", "2026-11-20", "--action", "Draft the on-call rota", "--due",
        "2026-11-27")
    _ok(cli, "action", "add", "kim", "--text", "Book the course", "--owner", "manager")
    out = tmp_path / "kim.json"
    _ok(cli, "export", "kim", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    [check_in] = data["check_ins"]
    assert [a["text"] for a in check_in.pop("actions")] == ["Draft the on-call rota"]  # only at the top now
    check_in["actions"] = []
    orphan = {**data["actions"][0], "id": 99, "check_in_id": 77, "text": "Ask for the budget"}  # no check-in 77
    data["actions"].append(orphan)
    out.write_text(json.dumps(data), encoding="utf-8")

    other = tmp_path / "other.db"
    r = cli("import", str(out), "--db", str(other))
    assert r.returncode == 0, r.stderr
    assert "imported 1 person, 1 check-in, 2 actions" in r.stdout, r.stdout  # the rota's counts with its check-in
    assert (f"warning: {out}: actions[2] (Ask for the budget): its check-in (id 77) is not in the export; "
            "imported as an action of its own") in r.stderr, r.stderr
    assert "0 obstacles, 1 action" in _ok(cli, "checkin", "list", "kim", "--db", str(other))
    actions = _ok(cli, "action", "list", "kim", "--db", str(other))
    assert actions.count("\n") == 3 and all(text in actions for text in ("Draft the on-call rota", "Book the course",
                                                                         "Ask for the budget"))


def test_a_manager_imported_after_their_reports_links_them_again(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Moving a team by its exports linked a report to their manager only when the manager was there first: a
    report imported before kept the manager's id as a bare name, outside the org tree, for good; and a manager
    forgotten and imported again from their export got none of their reports back."""
    db = tmp_path / "w.db"
    _ok(cli, "init", str(db))
    _ok(cli, "person", "add", "lee", "--name", "Lee Park")
    _ok(cli, "person", "add", "kim", "--name", "Kim Lee", "--manager", "lee")
    _ok(cli, "person", "add", "sam", "--name", "Sam Roy", "--manager", "lee")  # brand new: nothing else about Sam
    _ok(cli, "goal", "add", "kim", "2027", "--text", "Become the team's go-to person for causal inference")
    for pid in ("lee", "kim", "sam"):
        _ok(cli, "export", pid, "-o", str(tmp_path / f"{pid}.json"))

    other = tmp_path / "other.db"  # the reports first, then their manager
    for pid in ("kim", "sam"):
        r = cli("import", str(tmp_path / f"{pid}.json"), "--db", str(other))
        assert r.returncode == 0 and "manager 'lee' is not a person in the workbook; kept as a name" in r.stderr
    r = cli("import", str(tmp_path / "lee.json"), "--db", str(other))
    assert r.returncode == 0, r.stderr
    assert "kim, sam report to lee again (linked in the org tree)" in r.stderr, r.stderr
    tree = _ok(cli, "org", "--db", str(other))
    assert "Lee Park (lee)  · 2 below\n  └─ Kim Lee (kim)\n  └─ Sam Roy (sam)" in tree and "a name" not in tree, tree
    with Store(other) as store:
        assert store.managers() == {"kim": "lee", "sam": "lee", "lee": None}
    assert "manager: lee (a name, not a person) → lee" in _ok(cli, "history", "sam", "--db", str(other))

    r = cli("forget", "lee", "--yes")  # forgotten, then brought back from the export
    assert "kim, sam no longer have a manager" in r.stderr
    r = cli("import", str(tmp_path / "lee.json"))
    assert r.returncode == 0, r.stderr
    assert "kim, sam report to lee again (linked in the org tree)" in r.stderr, r.stderr
    with Store(db) as store:
        assert store.managers() == {"kim": "lee", "sam": "lee", "lee": None}


def test_a_manager_whose_waiting_report_is_above_them_is_refused(tmp_path: Path) -> None:
    """Linking the reports who waited for their manager must not close a loop in the org tree."""
    import pytest

    from workbook.core.errors import InputError
    from workbook.core.model import Person
    from workbook.exchange.importer import import_data

    with Store(tmp_path / "w.db") as store:
        import_data(store, {"people": [{"id": "kim", "name": "Kim Lee", "manager": "lee"}]})  # lee: a name for now
        store.add_person(Person(id="ana", name="Ana Souza", manager="kim"))
        with pytest.raises(InputError, match=r"people\[0\] \(lee\): kim waits for lee as their manager, but kim is "
                                             r"above lee in the org tree"):
            import_data(store, {"people": [{"id": "lee", "name": "Lee Park", "manager": "ana"}]}, source="lee.yaml")
        assert not store.has_person("lee") and store.person("kim").manager == "lee"


_AGAIN = """\
growth_plans:
  - {person: kim, year: 2027, goals: [{text: "Become the team's go-to person for causal inference"}]}
okrs:
  - person: ben
    quarter: 2027Q1
    objectives:
      - text: Grow as a mentor
        key_results: [{text: "Pair weekly with Ana until she ships 2 features alone by 2027-03-20"}]
check_ins:
  - {person: kim, date: 2026-11-20, mode: unblock, obstacles: [{text: "Afraid the model is not good enough"}],
     actions: [{text: "Send the draft to two peers", due: 2026-11-27}]}
notes:
  - {person: kim, date: 2026-11-19, direction: pull, topic: values, text: "Worried about on call"}
actions:
  - {person: kim, text: "Book the course", owner: manager}
"""


def test_importing_the_same_records_again_is_refused_for_every_kind(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A manager running the same import twice got every note, check-in and action twice (a person, a plan and a
    quarter's OKRs were refused, the rest was added again). Each kind is refused now, in one line naming the file,
    the entry and the fix, and nothing is written. Brand-new people: goals but no OKRs, OKRs but no check-ins."""
    db = tmp_path / "w.db"
    _ok(cli, "init", str(db))
    _ok(cli, "person", "add", "kim", "--name", "Kim Lee")
    _ok(cli, "person", "add", "ben", "--name", "Ben Okafor")
    records = tmp_path / "records.yaml"
    records.write_text(_AGAIN, encoding="utf-8")
    _ok(cli, "import", str(records))
    with Store(db) as store:
        before = store.count_rows()

    data = yaml.safe_load(_AGAIN)
    refusals = {
        "growth_plans": "growth_plans[0] (kim 2027): kim already has a growth plan for 2027",
        "okrs": "okrs[0] (ben 2027Q1): ben already has OKRs for 2027Q1",
        "check_ins": "check_ins[0] (kim 2026-11-20): kim already has this check-in (check-in 1 of 2026-11-20, the same",
        "notes": "notes[0] (kim 2026-11-19): kim already has this note (note 1, the same day, topic and words)",
        "actions": "actions[0] (kim): kim already has this action (action 2, the same words, owner and due day)",
    }
    for section, says in refusals.items():
        again = tmp_path / f"{section}.yaml"
        again.write_text(yaml.safe_dump({section: data[section]}), encoding="utf-8")
        r = cli("import", str(again))
        assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
        assert r.stderr.startswith(f"error: {again}: {says}"), r.stderr
        if section in ("check_ins", "notes", "actions"):
            assert "was this file imported before? leave out what the workbook already holds" in r.stderr, r.stderr
    r = cli("import", str(records))  # the whole file again: refused at its first entry the workbook holds
    assert r.returncode == 1 and r.stderr.startswith(f"error: {records}: growth_plans[0]"), r.stderr
    with Store(db) as store:
        assert store.count_rows() == before

    # what is new is still added: the same day and topic in other words, a check-in with another action
    data["notes"][0]["text"] = "Worried about on call in December"
    data["check_ins"][0]["actions"][0]["due"] = "2026-11-28"
    data["actions"][0]["owner"] = "employee"
    fresh = tmp_path / "fresh.yaml"
    fresh.write_text(yaml.safe_dump({k: data[k] for k in ("check_ins", "notes", "actions")}), encoding="utf-8")
    r = cli("import", str(fresh))
    assert r.returncode == 0 and r.stdout.startswith("imported 1 check-in, 1 note, 1 action"), r.stderr

    out = tmp_path / "kim.json"  # and an export imported twice: refused at the person, whose records it holds
    _ok(cli, "export", "kim", "-o", str(out))
    other = tmp_path / "other.db"
    _ok(cli, "import", str(out), "--db", str(other))
    r = cli("import", str(out), "--db", str(other))
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert r.stderr.startswith(f"error: {out}: people[0] (kim): duplicate id 'kim': already in the workbook"), r.stderr
    assert len(_note_ids(cli, "kim", other)) == 2


def test_records_moved_on_since_an_import_are_still_the_same_records_when_it_is_run_again(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Once a note's follow-up was closed or an action done, the same file imported again added the note, the
    check-in and the action a second time, open and due again (the records were compared with their state). What a
    record says is compared now; where it has got to since is not. A brand-new person with nothing else."""
    db = tmp_path / "w.db"
    _ok(cli, "init", str(db))
    _ok(cli, "person", "add", "kim", "--name", "Kim Lee")
    data = {"notes": [{"person": "kim", "date": "2026-11-19", "direction": "push", "topic": "feedback",
                       "visibility": "shared", "text": "Good demo", "follow_up": "Share it with the director",
                       "follow_up_due": "2026-11-26"}],
            "check_ins": [{"person": "kim", "date": "2026-11-20", "trial_runs": [{"text": "Send the plan to Ben first"}],
                           "actions": [{"text": "Send the draft to two peers", "due": "2026-11-27"}]}],
            "actions": [{"person": "kim", "text": "Book the course", "owner": "manager"}]}
    path = tmp_path / "records.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    _ok(cli, "import", str(path))
    with Store(db) as store:
        store.edit_note(store.notes_of("kim")[0].id, follow_up_done=True)
        for action_id in store.actions_frame("kim")["id"]:
            store.edit_action(int(action_id), status="done")
        before = store.count_rows()
    for section, says in (("notes", "already has this note"), ("check_ins", "already has this check-in"),
                          ("actions", "already has this action")):
        again = tmp_path / f"{section}.yaml"
        again.write_text(yaml.safe_dump({section: data[section]}), encoding="utf-8")
        r = cli("import", str(again))
        assert r.returncode == 1 and says in r.stderr and r.stderr.count("\n") == 1, r.stderr
    with Store(db) as store:
        assert store.count_rows() == before


def test_an_entry_repeated_word_for_word_in_one_file_is_imported_with_a_warning(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file that holds the same note, check-in or action twice (a paste made twice) was imported without a word.
    Both are still imported (an export of a workbook that holds a note twice must import again), and the import
    now names the second entry and the first. A brand-new person, nothing else about them."""
    db = tmp_path / "w.db"
    _ok(cli, "init", str(db))
    _ok(cli, "person", "add", "kim", "--name", "Kim Lee")
    data = yaml.safe_load(_AGAIN)
    twice = {k: [copy.deepcopy(data[k][0]), copy.deepcopy(data[k][0])] for k in ("check_ins", "notes", "actions")}
    twice["notes"].append({**data["notes"][0], "text": "Worried about on call in December"})  # other words: silent
    path = tmp_path / "twice.yaml"
    path.write_text(yaml.safe_dump(twice, sort_keys=False), encoding="utf-8")
    r = cli("import", str(path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("imported 2 check-ins, 3 notes, 2 actions"), r.stdout
    said = [line for line in r.stderr.splitlines() if "word for word" in line]
    assert said == [
        f"warning: {path}: check_ins[1] (kim 2026-11-20) says word for word what check_ins[0] (kim 2026-11-20) says "
        "(the same check-in); both were imported; if one is a slip, delete it",
        f"warning: {path}: notes[1] (kim 2026-11-19) says word for word what notes[0] (kim 2026-11-19) says (the same "
        "note); both were imported; if one is a slip, delete it",
        f"warning: {path}: actions[1] (kim) says word for word what actions[0] (kim) says (the same action); both were "
        "imported; if one is a slip, delete it"], r.stderr
    with Store(db) as store:
        assert len(store.check_ins("kim")) == 2 and len(store.notes_of("kim")) == 3


def test_an_export_keeps_a_target_date_cleared_on_purpose(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A YAML import takes a key result's target date from its text ("by 2027-03-15") as `kr add` does; an export
    restores what was stored instead, so a target date cleared with `kr edit --target-date none` stays cleared."""
    db = _team(cli, tmp_path)
    _ok(cli, "objective", "add", "ben", "2027Q1", "--text", "Ship the churn model")
    _ok(cli, "kr", "add", "ben", "2027Q1", "1", "--text", "Ship the churn model v2 to 100% of accounts by 2027-03-15")
    _ok(cli, "kr", "edit", "ben", "2027Q1", "1", "1", "--target-date", "none")
    out = tmp_path / "ben.json"
    _ok(cli, "export", "ben", "-o", str(out))
    _ok(cli, "forget", "ben", "--yes")
    _ok(cli, "import", str(out))
    with Store(db) as store:
        assert store.okrs("ben", "2027Q1").objectives[0].key_results[0].target_date is None  # type: ignore[union-attr]
