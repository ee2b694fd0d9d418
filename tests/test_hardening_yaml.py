"""Hardening, YAML import (finding 4): nothing silently dropped, nothing explodes, one short line per mistake."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from conftest import run_cli

from workbook.core.errors import MAX_ERROR_LINE, InputError
from workbook.exchange import strict_yaml
from workbook.exchange.importer import import_file
from workbook.store import Store

ANA = "people:\n  - {id: ana, name: Ana}\n"


def _write(tmp_path: Path, text: str, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(store: Store, path: Path, pattern: str) -> str:
    """Import ``path``: it must fail with one short line matching ``pattern`` and write nothing."""
    before = store.count_rows()
    with pytest.raises(InputError, match=pattern) as info:
        import_file(store, path)
    message = str(info.value)
    assert "\n" not in message and len(message) <= MAX_ERROR_LINE, message
    assert message.startswith(str(path))
    assert store.count_rows() == before
    return message


def test_a_second_section_is_refused_instead_of_replacing_the_first(store: Store, tmp_path: Path) -> None:
    text = (ANA + "notes:\n  - {person: ana, date: 2027-01-10, direction: pull, topic: goals, text: first}\n"
            "notes:\n  - {person: ana, date: 2027-01-11, direction: pull, topic: goals, text: second}\n")
    message = refused(store, _write(tmp_path, text), "a second 'notes:' section")
    assert "line 5" in message and "line 3" in message


def test_a_duplicate_key_in_an_entry_is_refused_instead_of_winning(store: Store, tmp_path: Path) -> None:
    text = "people:\n  - id: ana\n    name: Ana\n    name: Someone Else\n"
    assert "line 3" in refused(store, _write(tmp_path, text), "duplicate key 'name'")


def test_an_alias_bomb_is_one_short_line_in_no_time_and_no_memory(store: Store, tmp_path: Path) -> None:
    lines = ['people: &a0 [{id: ana, name: "lol"}]']
    lines += [f"x{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb = _write(tmp_path, "\n".join(lines) + "\n")
    assert bomb.stat().st_size < 1000  # about 810 bytes made a 312 MB error message before
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    refused(store, bomb, r"an anchor \(&a0\) is not allowed")
    assert time.monotonic() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 50 * 1024  # KiB: no expansion happened


def test_an_alias_alone_is_refused(store: Store, tmp_path: Path) -> None:
    refused(store, _write(tmp_path, "people:\n  - *who\n"), r"malformed YAML|alias")


@pytest.mark.parametrize("value,pattern", [
    ("!!timestamp 2027-02-30", r"a tag \(!!timestamp\) is not allowed"),
    ("!!python/object:os.system x", r"a tag \(!!python/object:os.system\) is not allowed"),
    ("! plain", r"a tag \(!\) is not allowed"),
    ("1" * 5000, "a number of 5000 digits is too large"),
    ("123456789012345678901234567890", "a number of 30 digits is too large"),
])
def test_tags_and_huge_numbers_are_one_line_errors_not_tracebacks(value: str, pattern: str, store: Store,
                                                                  tmp_path: Path) -> None:
    path = _write(tmp_path, ANA + f"notes:\n  - {{person: ana, date: {value}, direction: pull, topic: goals, text: x}}\n")
    refused(store, path, pattern)
    res = run_cli("import", str(path), db=tmp_path / "new.db")
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("quarter", ["0000Q1", "２０２７Q1", "٢٠٢٧Q1", "1969Q4", "2101Q1", "2027Q0"])
def test_quarters_are_ascii_digits_with_a_year_from_1970_to_2100(quarter: str, store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, ANA + f"okrs:\n  - {{person: ana, quarter: '{quarter}', objectives: [{{text: Grow}}]}}\n")
    refused(store, path, r"field quarter: quarter .* (is not like 2027Q1|has a year outside 1970-2100)")


@pytest.mark.parametrize("year", ["'２０２７'", "0", "1969", "2101", "true", "'2027.0'"])
def test_plan_years_are_ascii_digits_from_1970_to_2100(year: str, store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, ANA + f"growth_plans:\n  - {{person: ana, year: {year}, goals: [{{text: Grow}}]}}\n")
    refused(store, path, r"field year: year")


@pytest.mark.parametrize("day", ["２０２７-01-10", "0001-01-10", "2027-02-30", "864000"])
def test_dates_are_ascii_iso_days_within_range(day: str, store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, ANA + f"notes:\n  - {{person: ana, date: '{day}', direction: pull, topic: goals, text: x}}\n")
    refused(store, path, r"field date: .*(is not a date|has a year outside)")


@pytest.mark.parametrize("pid", ["team_overview", "manifest", "all"])
def test_reserved_ids_are_refused(pid: str, store: Store, tmp_path: Path) -> None:
    refused(store, _write(tmp_path, f"people:\n  - {{id: {pid}, name: X}}\n"), f"id '{pid}' is reserved")


@pytest.mark.parametrize("field,entry", [
    ("motivations", "people:\n  - {id: bob, name: Bob, motivations: VALUE}\n"),
    ("track", "people:\n  - {id: bob, name: Bob, track: VALUE}\n"),
    ("note", ANA + "okrs:\n  - {person: ana, quarter: 2027Q1, objectives: [{text: O, key_results: [{text: K}]}]}\n"
             "check_ins:\n  - {person: ana, date: 2027-01-15, key_results: [{objective: 1, key_result: 1, "
             "status: on_track, note: VALUE}]}\n"),
])
def test_every_text_field_has_a_cap(field: str, entry: str, store: Store, tmp_path: Path) -> None:
    """5 MB was accepted in any field but a note's text; a 2.1 MB check-in note made an 875-page PDF."""
    huge = "x" * 2_100_000
    refused(store, _write(tmp_path, entry.replace("VALUE", huge)), r"a value of 2,100,000 characters is over the limit")
    just_over = "y" * (strict_yaml.MAX_VALUE_CHARS + 1 if field != "track" else 201)
    message = refused(store, _write(tmp_path, entry.replace("VALUE", just_over), "b.yaml"),
                      rf"field .*{field}.*over the limit|over the limit")
    assert just_over[:300] not in message


def test_a_file_over_the_size_cap_is_refused_before_it_is_parsed(store: Store, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strict_yaml, "MAX_FILE_BYTES", 1000)
    path = _write(tmp_path, ANA + "notes:\n" + "  - {person: ana, date: 2027-01-10, direction: pull, topic: goals, text: x}\n" * 20)
    refused(store, path, "over the limit of 0 MiB")


@pytest.mark.parametrize("text,pattern", [
    ("people:\n  - {id: ana, name: Ana}\n---\npeople: []\n", "more than one YAML document"),
    ("people:\n  - {id: ana, name: Ana, [a]: b}\n", "a key must be a plain word"),
    ("people:\n" + "  - " + "[" * 40 + "]" * 40 + "\n", "nested more than"),
])
def test_other_shapes_yaml_allows_are_refused(text: str, pattern: str, store: Store, tmp_path: Path) -> None:
    refused(store, _write(tmp_path, text), pattern)


def test_entries_may_come_before_the_people_they_name(store: Store, tmp_path: Path) -> None:
    """Entries are read one at a time; one that names a person added further down waits for them."""
    text = ("notes:\n  - {person: ana, date: 2027-01-10, direction: pull, topic: goals, text: early}\n"
            "check_ins:\n  - {person: ana, date: 2027-01-15, key_results: [{objective: 1, key_result: 1, status: on_track}]}\n"
            "okrs:\n  - {person: ana, quarter: 2027Q1, objectives: [{text: O, goal: 1, key_results: [{text: K}]}]}\n"
            "growth_plans:\n  - {person: ana, year: 2027, goals: [{text: G}]}\n" + ANA)
    result = import_file(store, _write(tmp_path, text))
    assert result.counts == {"people": 1, "growth_plans": 1, "okrs": 1, "check_ins": 1, "notes": 1, "actions": 0}
    bad = text.replace("person: ana, date: 2027-01-10", "person: bob, date: 2027-01-10")
    other = Store(tmp_path / "other.db")
    refused(other, _write(tmp_path, bad, "bad.yaml"), r"notes\[0\] \(bob 2027-01-10\) field person: unknown person 'bob'")
    other.close()


# -- what `workbook export` wrote is read as strictly (issue 11's round trip under issue 13's caps) ---------


def _export(tmp_path: Path, body: str) -> Path:
    return _write(tmp_path, '{"person": {"id": "kim", "name": "Kim Lee"}, ' + body
                  + '"exported_at": "2027-01-10T09:00:00+00:00", "schema_version": 3}', name="kim.json")


def test_an_export_file_is_imported_with_its_actions_created_on(store: Store, tmp_path: Path) -> None:
    path = _export(tmp_path, '"actions": [{"id": 7, "text": "Book the mentor chat", "owner": "manager", '
                   '"due": "2027-01-20", "status": "open", "created_on": "2027-01-05", "check_in_id": null}], ')
    result = import_file(store, path)
    assert result.counts["people"] == 1 and result.counts["actions"] == 1
    [action] = store.export_person("kim")["actions"]
    assert str(action["created_on"]) == "2027-01-05" and action["text"] == "Book the mentor chat"


@pytest.mark.parametrize("body,pattern", [
    ('"notes": [], "notes": [], ', "duplicate key 'notes'"),
    ('"notes": [{"person": "kim", "date": "2027-01-10", "direction": "pull", "topic": "goals", "text": "'
     + "x" * (strict_yaml.MAX_VALUE_CHARS + 1) + '"}], ', "over the limit"),
    ('"okrs": [{"quarter": "0000Q1", "objectives": []}], ', "outside 1970-2100|not like 2027Q1"),
    ('"actions": [{"text": "t", "created_on": "2027-02-30"}], ', "created_on"),
    ('"actions": [{"text": "t", "due": NaN}], ', "NaN"),
    ('"okrs": [{"quarter": "2027Q1", "objectives": [{"text": "o", "goal": 1' + "0" * 30 + '}]}], ', "digits"),
])
def test_an_export_file_is_held_to_the_same_checks_as_a_yaml_import(body: str, pattern: str, store: Store,
                                                                    tmp_path: Path) -> None:
    refused(store, _export(tmp_path, body), pattern)


def test_a_refused_export_import_into_a_new_db_creates_no_file(tmp_path: Path) -> None:
    path = _export(tmp_path, '"notes": [], "notes": [], ')
    folder = tmp_path / "books"
    folder.mkdir()
    res = run_cli("import", str(path), db=folder / "new.db")
    assert res.returncode == 1 and "duplicate key" in res.stderr and res.stderr.count("\n") == 1, res.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("entry,shown", [
    ('people:\n  - {id: bob, name: "Bob\\e[31m"}\n', r"field name: name contains U\+001B \(ESCAPE\)"),
    ('people:\n  - {id: bob, name: "Bob\\u202E Lee"}\n', r"field name: name contains U\+202E \(RIGHT-TO-LEFT OVERRIDE\)"),
    ('people:\n  - {id: bob, name: "Bob\\nLee"}\n', r"field name: name contains U\+000A"),
    (ANA + 'growth_plans:\n  - {person: ana, year: 2027, goals: [{text: "Lead\\u2066 a review"}]}\n',
     r"goals\[0\]\.text: text contains U\+2066"),
    (ANA + 'okrs:\n  - {person: ana, quarter: 2027Q1, objectives: [{text: "O\\u202A", key_results: [{text: K}]}]}\n',
     r"objectives\[0\]\.text: text contains U\+202A"),
    (ANA + 'notes:\n  - {person: ana, date: 2027-01-10, direction: pull, topic: goals, text: "a\\x07b"}\n',
     r"field text: text contains U\+0007"),
    ('people:\n  - {id: "b\\e[31m", name: Bob}\n', r"people\[0\] \(b\\u001b\[31m\) field id: .*control characters: U\+001B"),
])
def test_control_and_override_characters_are_refused_naming_the_field(entry: str, shown: str, store: Store,
                                                                      tmp_path: Path) -> None:
    """"\\e" and "\\u202E" in a quoted YAML string were imported as they were and garbled the PDFs."""
    message = refused(store, _write(tmp_path, entry), shown)
    assert "\x1b" not in message and "\u202e" not in message  # shown as U+XXXX, never sent to the terminal


def test_free_text_keeps_line_breaks_and_names_keep_their_script_and_emoji(store: Store, tmp_path: Path) -> None:
    text = ('people:\n  - {id: bob, name: "مريم الحربي 👩‍💼"}\n'
            'notes:\n  - {person: bob, date: 2027-01-10, direction: pull, topic: goals, text: "one\\ntwo\\tthree"}\n')
    import_file(store, _write(tmp_path, text))
    assert store.person("bob").name == "مريم الحربي 👩‍💼"
    assert store.notes_of("bob")[0].text == "one\ntwo\tthree"
