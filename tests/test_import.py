"""YAML import: the issue's example imports as written; every bad input is one line, exit != 0, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from workbook.core.errors import InputError
from workbook.exchange.importer import import_file
from workbook.store import Store


def _write(tmp_path: Path, data, name: str = "in.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _example(ana_yaml: Path) -> dict:
    return yaml.safe_load(ana_yaml.read_text())


def test_the_issue_example_imports_as_written(store: Store, ana_yaml: Path) -> None:
    result = import_file(store, ana_yaml)
    assert result.counts == {"people": 1, "growth_plans": 1, "okrs": 1, "check_ins": 1, "notes": 1, "actions": 0}
    ana = store.person("ana")
    assert ana.level == "2" and ana.ladder == "ladders/data-science.csv"
    plan = store.plan("ana", 2027)
    assert plan.status == "agreed" and plan.drafted_by == "employee" and len(plan.goals) == 2
    okrs = store.okrs("ana", "2027Q1")
    kr = okrs.objectives[0].key_results[0]
    assert okrs.objectives[0].goal == 1 and kr.support[0].who == "manager"
    ci = store.check_ins("ana")[0]
    assert ci.key_results[0].status == "on_track" and ci.key_results[0].note == "Draft ready"
    note = store.notes_frame("ana", include_private=True).iloc[0]
    assert note["setting"] == "water cooler" and note["visibility"] == "private"


def test_setting_1_1_is_text_not_a_base_60_number(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "people: [{id: ana, name: Ana}]\nnotes:\n  - {person: ana, date: 2027-01-10, direction: push,"
                            " topic: mentors, setting: 1:1, text: Introduced to Lee}\n")
    import_file(store, path)
    assert store.notes_frame("ana", include_private=True).iloc[0]["setting"] == "1:1"


def _mutations():
    def fourth_goal(d):
        d["growth_plans"][0]["goals"] += [{"text": "Third goal"}, {"text": "Fourth goal"}]

    def third_objective(d):
        obj = d["okrs"][0]["objectives"]
        obj += [{"text": "Second"}, {"text": "Third"}]

    def third_kr(d):
        d["okrs"][0]["objectives"][0]["key_results"] += [{"text": "KR two"}, {"text": "KR three"}]

    def unknown_person(d):
        d["notes"][0]["person"] = "bob"

    def duplicate_id(d):
        d["people"].append(dict(d["people"][0]))

    def bad_quarter(d):
        d["okrs"][0]["quarter"] = "2027Q5"

    def bad_date(d):
        d["check_ins"][0]["date"] = "2027-13-45"

    def unknown_status(d):
        d["check_ins"][0]["key_results"][0]["status"] = "great"

    def unknown_visibility(d):
        d["notes"][0]["visibility"] = "team"

    def unsafe_slug_dotdot(d):
        d["people"][0]["id"] = "../x"

    def unsafe_slug_slash(d):
        d["people"][0]["id"] = "a/b"

    def unsafe_slug_empty(d):
        d["people"][0]["id"] = ""

    def unsafe_slug_control(d):
        d["people"][0]["id"] = "an\x07a"

    def goal_link_missing(d):
        d["okrs"][0]["objectives"][0]["goal"] = 3

    return {
        "fourth goal": (fourth_goal, r"growth_plans\[0\] \(ana 2027\).*4 goals, at most 3"),
        "third objective": (third_objective, r"okrs\[0\] \(ana 2027Q1\).*3 objectives, at most 2"),
        "third key result": (third_kr, r"objective 1 has 3 key results, at most 2"),
        "unknown person": (unknown_person, r"notes\[0\] \(bob 2027-01-10\) field person: unknown person 'bob'"),
        "duplicate id": (duplicate_id, r"people\[1\] \(ana\): duplicate id 'ana'"),
        "bad quarter": (bad_quarter, r"okrs\[0\] \(ana 2027Q5\) field quarter: quarter '2027Q5' is not like 2027Q1"),
        "bad date": (bad_date, r"check_ins\[0\] \(ana 2027-13-45\) field date: '2027-13-45' is not a date; write it as YYYY-MM-DD"),
        "unknown status": (unknown_status, r"check_ins\[0\].*field key_results\[0\]\.status: 'great' is not allowed; use one of"),
        "unknown visibility": (unknown_visibility, r"notes\[0\].*field visibility: 'team' is not allowed; use one of: private or shared"),
        "slug ../x": (unsafe_slug_dotdot, r"people\[0\] \(\.\./x\) field id: id '\.\./x' is not a usable id"),
        "slug a/b": (unsafe_slug_slash, r"people\[0\] \(a/b\) field id: id 'a/b' is not a usable id"),
        "slug empty": (unsafe_slug_empty, r"people\[0\].*field id: an id cannot be empty"),
        "slug control": (unsafe_slug_control, r"people\[0\].*field id: id .* contains control characters"),
        "goal link": (goal_link_missing, r"objectives\[0\] field goal: links to goal 3, but ana has 2"),
    }


@pytest.mark.parametrize("case", list(_mutations()))
def test_bad_input_is_refused_with_one_line_and_nothing_written(case: str, store: Store, ana_yaml: Path, tmp_path: Path) -> None:
    mutate, pattern = _mutations()[case]
    data = _example(ana_yaml)
    mutate(data)
    path = _write(tmp_path, data, "bad.yaml")
    before = store.count_rows()
    with pytest.raises(InputError) as info:
        import_file(store, path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path)), message
    assert re.search(pattern, message), message
    assert store.count_rows() == before


@pytest.mark.parametrize("text,pattern", [
    # a typo'd field name: "is required" alone left the user looking for what they had written
    ("people:\n- {id: ann, name: Ann Lee, manager: me}\nnotes:\n- {persn: ann, date: 2026-12-01, direction: pull, "
     "topic: values, text: hi}\n", r"notes\[0\] \(2026-12-01\) field person: is required; the entry has 'persn', a "
     r"field it does not know: write it as 'person'"),
    # pydantic's own words ("Input should be a valid dictionary or instance of Objective") reached the user
    ("people:\n- {id: ann, name: Ann Lee, manager: me}\nokrs:\n- {person: ann, quarter: 2027Q1, objectives: "
     "[hello]}\n", r"field objectives\[0\]: 'hello' is not a set of fields; write it as a mapping like \{key: value"),
    ("people:\n- {id: ann, name: Ann Lee, manager: me}\nokrs:\n- {person: ann, quarter: 2027Q1, objectives: "
     "{text: x}}\n", r"field objectives: \{'text': 'x'\} is not a list; write it as a list \(each entry on a line"),
    ("people:\n- {id: ann, name: [Ann], manager: me}\n", r"field name: \['Ann'\] is not text; write it as words"),
])
def test_a_wrong_shape_or_a_misspelt_field_is_said_in_the_user_s_words(text: str, pattern: str, store: Store,
                                                                          tmp_path: Path) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError, match=pattern) as info:
        import_file(store, path)
    assert "Input should" not in str(info.value)
    assert store.count_rows()["people"] == 0


@pytest.mark.parametrize("text,pattern", [
    ("", r"the file is empty"),
    ("   \n# only a comment\n", r"the file is empty|has no data"),
    ("people: [ {id: ana\n", r"line \d+ column \d+: malformed YAML"),
    ("- just\n- a list\n", r"top level must be a mapping"),
    ("persons: []\n", r"unknown section 'persons'"),
    ("people: {id: ana}\n", r"section 'people' must be a list"),
    # nothing to import was "imported  into ..." (and a new workbook made): a mistake, said
    ("people: []\n", r"the file holds no records; it needs at least one entry in one of: people"),
    ("{}\n", r"the file holds no records"),
    ("people:\nnotes: []\n", r"the file holds no records"),
])
def test_malformed_files_are_refused(text: str, pattern: str, store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError, match=pattern):
        import_file(store, path)
    assert store.count_rows()["people"] == 0


def test_a_missing_file_is_named(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.yaml: file not found"):
        import_file(store, tmp_path / "nope.yaml")


def test_import_is_all_or_nothing_across_sections(store: Store, ana_yaml: Path, tmp_path: Path) -> None:
    data = _example(ana_yaml)
    data["notes"].append({"person": "ana", "date": "2027-02-01", "direction": "sideways", "topic": "goals", "text": "x"})
    with pytest.raises(InputError, match=r"notes\[1\].*direction"):
        import_file(store, _write(tmp_path, data))
    assert sum(store.count_rows().values()) == 0


def test_a_second_plan_or_okr_set_names_the_command_that_changes_the_first(store: Store, ana_yaml: Path,
                                                                            tmp_path: Path) -> None:
    import_file(store, ana_yaml)
    before = store.count_rows()
    data = _example(ana_yaml)
    plan = {"growth_plans": data["growth_plans"]}
    with pytest.raises(InputError, match=r"growth_plans\[0\].*one plan per person and year: change it with "
                                         r"`workbook goal edit ana 2027 N` or leave it out of the file"):
        import_file(store, _write(tmp_path, plan, "plan.yaml"))
    okrs = {"okrs": data["okrs"]}
    with pytest.raises(InputError, match=r"okrs\[0\].*one set per person and quarter: change them with "
                                         r"`workbook objective edit` / `workbook kr edit ana 2027Q1 \.\.\.`"):
        import_file(store, _write(tmp_path, okrs, "okrs.yaml"))
    assert store.count_rows() == before


def test_competencies_without_a_ladder_file_are_a_clear_error(store: Store, ana_yaml: Path, tmp_path: Path) -> None:
    data = _example(ana_yaml)
    data["people"][0]["ladder"] = "ladders/no-such-ladder.csv"
    data["growth_plans"][0]["goals"][0]["competencies"] = ["Communication"]
    with pytest.raises(InputError, match=r"people\[0\] \(ana\) field ladder: ladder file 'ladders/no-such-ladder.csv' not found"):
        import_file(store, _write(tmp_path, data))
    assert sum(store.count_rows().values()) == 0


def test_an_imported_tag_typed_another_way_is_stored_as_the_ladder_spells_it(store: Store, ana_yaml: Path,
                                                                                tmp_path: Path) -> None:
    """The import accepted "mentoring and citizenship" as the ladder's "Mentoring & citizenship" but stored it as
    typed, so the goals page and the summary listed the file's words while `goal add` stored the ladder's: from an
    empty workbook, the import stores what `goal add` stores, and the file's order."""
    data = _example(ana_yaml)
    data["growth_plans"][0]["goals"][0]["competencies"] = ["mentoring and citizenship", "TECHNICAL DEPTH (MODELING)"]
    data["growth_plans"][0]["goals"][1].pop("competencies", None)
    import_file(store, _write(tmp_path, data))
    plan = store.plan("ana", 2027)
    assert [g.competencies for g in plan.goals] == [["Mentoring & citizenship", "Technical depth (modeling)"], []]


def test_a_missing_ladder_file_is_refused_at_the_door(store: Store, ana_yaml: Path, tmp_path: Path) -> None:
    """Issue 12: a ladder that does not load is refused at import, not found out later in `ladder gaps`."""
    data = _example(ana_yaml)
    data["people"][0]["ladder"] = "ladders/no-such-ladder.csv"
    with pytest.raises(InputError, match="ladder file 'ladders/no-such-ladder.csv' not found"):
        import_file(store, _write(tmp_path, data))
    assert not store.has_person("ana")


def test_coaching_checks_warn_but_never_block_an_import(store: Store, ana_yaml: Path, tmp_path: Path) -> None:
    data = _example(ana_yaml)
    data["okrs"][0]["objectives"][0]["key_results"][0]["text"] = "Improve communication with partners"
    data["growth_plans"][0]["goals"].append({"text": "Multitask better and work more hours"})
    result = import_file(store, _write(tmp_path, data))
    assert store.okrs("ana", "2027Q1").objectives[0].key_results[0].text == "Improve communication with partners"
    text = " ".join(result.warnings)
    assert "objectives[0] key_results[0] (O1·KR1): not measurable yet" in text
    assert any("prioriti" in w.lower() for w in result.warnings), result.warnings


def test_the_cli_prints_import_warnings_on_stderr(cli, tmp_path: Path, ana_yaml: Path) -> None:
    data = _example(ana_yaml)
    data["okrs"][0]["objectives"][0]["key_results"][0]["text"] = "Improve communication with partners"
    r = cli("import", str(_write(tmp_path, data)), db=tmp_path / "w.db")
    assert r.returncode == 0 and "warning:" in r.stderr and "not measurable" in r.stderr


def test_an_imported_person_is_stored_as_person_add_stores_them(store: Store, tmp_path: Path) -> None:
    """The import kept a person's ladder path, track and level as typed ("ladders/../ladders/x.csv", "data
    science", a level by its name), where `person add` stores the path relative to the project and the ladder's
    own spelling: the same person then read differently (the My team form, a later `person edit` and the change
    log compared other spellings). Both now store the same."""
    from workbook.core.paths import PROJECT_ROOT
    from workbook.stages.people import add_person

    data = {"people": [
        {"id": "kim", "name": "Kim Lee", "ladder": "ladders/../ladders/data-science.csv", "track": "data science",
         "level": "Data Scientist II"},
        {"id": "ola", "name": "Ola Berg", "ladder": str(PROJECT_ROOT / "ladders" / "data-science.csv"),
         "track": "Data Science", "level": "2"}]}
    import_file(store, _write(tmp_path, data))
    add_person(store, "sam", "Sam Roe", ladder="ladders/data-science.csv", track="Data Science", level="2")
    want = store.person("sam")
    for pid in ("kim", "ola"):
        got = store.person(pid)
        assert (got.ladder, got.track, got.level) == (want.ladder, want.track, want.level) == (
            "ladders/data-science.csv", "Data Science", "2"), pid


def test_an_imported_key_result_takes_its_target_date_from_its_text_as_kr_add_does(store: Store, tmp_path: Path) -> None:
    """`workbook kr add` and the OKRs page give a key result with no target date the one deadline its text names
    inside the quarter; the import stored none. From an empty workbook with a new person: the import now fills it
    the same way, a target_date in the file wins, and a deadline outside the quarter or no day in the calendar
    sets none and is warned about as `kr add` warns, naming the file's entry."""
    data = {"people": [{"id": "kim", "name": "Kim Lee"}],
            "okrs": [{"person": "kim", "quarter": "2027Q1", "objectives": [
                {"text": "Ship the churn model", "key_results": [
                    {"text": "Ship the churn model v2 to 100% of accounts by 2027-03-15"},
                    {"text": "Cut scoring time to under 5 minutes by 15 February", "target_date": "2027-02-20"}]},
                {"text": "Share the work", "key_results": [
                    {"text": "Present the churn model v2 at 2 team meetings by 2027-05-01"},
                    {"text": "Publish 1 write-up on the churn model by 2027-02-30"}]}]}]}
    result = import_file(store, _write(tmp_path, data))
    objectives = store.okrs("kim", "2027Q1").objectives
    targets = [[kr.target_date for kr in obj.key_results] for obj in objectives]
    assert [[d and d.isoformat() for d in row] for row in targets] == [["2027-03-15", "2027-02-20"], [None, None]]
    text = "\n".join(result.warnings)
    assert re.search(r"okrs\[0\] \(kim 2027Q1\) objectives\[0\] key_results\[1\] \(O1·KR2\): not measurable yet "
                     r"\(the text's deadline \('by 15 February'\) and the target date \(2027-02-20\) differ", text), text
    assert re.search(r"objectives\[1\] key_results\[0\] \(O2·KR1\): not measurable yet \(its deadline "
                     r"\('2027-05-01'\) falls outside 2027Q1", text), text
    assert re.search(r"objectives\[1\] key_results\[1\] \(O2·KR2\): not measurable yet \('2027-02-30' is not a "
                     r"day in the calendar", text), text
    assert "objectives[0] key_results[0]" not in text
