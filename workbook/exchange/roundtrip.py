"""Read back what `workbook export` wrote: one person's JSON becomes the import sections, so a round trip loses nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.dates import check_day
from ..core.errors import InputError
from ..store import SCHEMA_VERSION

__all__ = ["EXPORT_KEYS", "is_export", "export_to_sections", "read_export_file"]

# The keys `Store.export_person` writes; a file with "person" and "exported_at" at the top is an export.
EXPORT_KEYS = ("person", "reports", "notes", "growth_plans", "okrs", "check_ins", "actions", "person_history", "history",
               "side", "exported_at", "schema_version")


def is_export(data: object) -> bool:
    """Whether ``data`` is one person's export (``workbook export``) rather than an import file."""
    return isinstance(data, dict) and "person" in data and "exported_at" in data


def _without_ids(value: Any) -> Any:
    """Database ids mean nothing in another workbook: the rows get new ones (positions are kept)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


# The change log's name for each kind of record an export holds, by the list that holds it (a check-in's
# "key_results" are statuses, with no id; a quarter and a trial run are no record of the log's with an id here).
_RECORD_KINDS = {"notes": "note", "actions": "action", "growth_plans": "growth_plan", "check_ins": "check_in",
                 "goals": "goal", "objectives": "objective", "key_results": "key_result", "support": "support"}


def _record_ids(section: str, entry: dict[str, Any]) -> dict[tuple[str, tuple[int, ...]], int]:
    """The ids an export's entry gives its records, keyed by kind and place in the entry as
    :meth:`workbook.store.bulk.BulkWriter.take_written` keys the ids an import gives them."""
    out: dict[tuple[str, tuple[int, ...]], int] = {}

    def walk(kind: str | None, item: dict[str, Any], place: tuple[int, ...]) -> None:
        record_id = item.get("id")
        if kind is not None and isinstance(record_id, int) and not isinstance(record_id, bool):
            out[(kind, place)] = record_id
        for key, value in item.items():
            if key in _RECORD_KINDS and isinstance(value, list):
                for n, child in enumerate(value):
                    if isinstance(child, dict):
                        walk(_RECORD_KINDS[key], child, (*place, n))

    walk(_RECORD_KINDS.get(section), entry, ())
    return out


def export_to_sections(data: dict[str, Any], source: str = "<export>") -> dict[str, Any]:
    """The import sections (people, growth_plans, okrs, check_ins, notes, actions) holding everything in an
    export. Actions written at a check-in come back with that check-in; standalone ones keep their
    ``created_on``. The records' ids in the export are kept aside (``record_ids``, per section and entry) so that
    the export's change log can be pointed at the records the import writes. Raises InputError for an export
    from a newer workbook or one that is not a mapping."""
    unknown = [k for k in data if k not in EXPORT_KEYS]
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r} in an export; known keys: {', '.join(EXPORT_KEYS)}", source)
    version = data.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise InputError(f"exported by a newer workbook (schema {version}, this one reads up to {SCHEMA_VERSION}); "
                         "upgrade the workbook package", source)
    person = data.get("person")
    if not isinstance(person, dict) or not person.get("id"):
        raise InputError("'person' must be a mapping with an id", source)
    pid = person["id"]

    def listed(section: str) -> list[dict[str, Any]]:
        items = data.get(section) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise InputError(f"'{section}' must be a list of mappings", source)
        return items

    sections = {name: listed(name) for name in ("growth_plans", "okrs", "check_ins", "notes")}
    sections["check_ins"], sections["actions"], warnings = _placed_actions(sections["check_ins"], listed("actions"),
                                                                           source)
    histories = []
    if data.get("person_history") or data.get("history"):
        for key in ("person_history", "history"):
            if not isinstance(data.get(key) or [], list) or not all(isinstance(i, dict) for i in data.get(key) or []):
                raise InputError(f"'{key}' must be a list of mappings", source)
        _check_history(data.get("person_history") or [], data.get("history") or [], source)
        histories.append({"person": pid, "person_history": data.get("person_history") or [],
                          "changes": data.get("history") or []})
    reports = data.get("reports") or []
    if not isinstance(reports, list) or not all(isinstance(r, str) for r in reports):
        raise InputError("'reports' must be a list of person ids (give the file `workbook export` wrote)", source)
    side = data.get("side") or []
    if not isinstance(side, list):
        raise InputError("'side' must be a list of mappings", source)
    return {
        "histories": histories,  # not a YAML section: only an export carries a person's history
        "sides": [{"person": pid, "items": side}] if side else [],  # nor the report's side
        "record_ids": {name: [_record_ids(name, i) for i in items] for name, items in sections.items()},  # nor this
        "warnings": warnings,  # nor what the import says about the file before it begins
        "reports": {pid: reports} if reports else {},  # nor whom the person managed
        "people": [dict(person)],  # its id is the person's slug, not a row id
        **{name: [{k: v for k, v in _without_ids(i).items() if k != "check_in_id"} | {"person": pid} for i in items]
           for name, items in sections.items()},
    }


def _placed_actions(check_ins: list[dict[str, Any]], actions: list[dict[str, Any]],
                    source: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """An export lists every action at the top, those agreed at a check-in with its ``check_in_id``, and again under
    that check-in, which is where the import reads them. Returns the check-ins with each action that is only at the
    top put back under its check-in, the actions of their own (``created_on`` kept), and one warning per action
    whose check-in is not in the export: it is imported as an action of its own, never dropped."""
    by_id = {c["id"]: c for c in check_ins if isinstance(c.get("id"), int)}
    added: dict[int, list[dict[str, Any]]] = {}
    standalone, warnings = [], []
    for n, action in enumerate(actions):
        check_in_id = action.get("check_in_id")
        if check_in_id is None:
            standalone.append(action)
            continue
        check_in = by_id.get(check_in_id)
        if check_in is None:
            standalone.append(action)
            text = str(action.get("text", ""))
            label = f" ({text[:40]}{'…' if len(text) > 40 else ''})" if text else ""
            warnings.append(f"{source}: actions[{n}]{label}: its check-in (id {short_repr(check_in_id)}) is not in "
                            "the export; imported as an action of its own")
            continue
        under = check_in.get("actions")
        if under is not None and not isinstance(under, list):
            continue  # the check-in is refused as it is, naming the field
        if not any(_same_action(action, other) for other in [*(under or []), *added.get(check_in_id, [])]):
            added.setdefault(check_in_id, []).append(
                {k: v for k, v in action.items() if k not in ("check_in_id", "created_on")})
    placed = [{**c, "actions": [*(c.get("actions") or []), *added[c["id"]]]} if c.get("id") in added else c
              for c in check_ins]
    return placed, standalone, warnings


def _same_action(top: dict[str, Any], under: Any) -> bool:
    """Whether ``under`` (listed under a check-in) is the action ``top`` (listed at the top): by id when both have
    one, else by words, owner, due day and status."""
    if not isinstance(under, dict):
        return False
    if isinstance(top.get("id"), int) and isinstance(under.get("id"), int):
        return bool(top["id"] == under["id"])
    return all(top.get(k) == under.get(k) for k in ("text", "owner", "due", "status"))


def read_export_file(path: str | Path) -> dict[str, Any] | None:
    """The import sections of ``path`` when it is one person's JSON that `workbook export` wrote, else None
    (a YAML import file: read it with :mod:`workbook.exchange.strict_yaml`).

    The JSON is read as strictly as a YAML import: a regular file under the size cap, no duplicate key,
    no value over the text cap, no huge number or NaN, nesting within the cap. Raises InputError naming
    the file for a malformed or oversized export."""
    from .strict_yaml import MAX_FILE_BYTES, open_import_file

    path = Path(path)
    with open_import_file(path) as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"the file is over {MAX_FILE_BYTES // 2**20} MiB; split it into smaller files", str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None  # not an export; the YAML reader says what is wrong with it
    if text.lstrip()[:1] != "{":
        return None
    data = _strict_json(text, str(path))
    return export_to_sections(data, str(path)) if is_export(data) else None


def _strict_json(text: str, source: str) -> Any:
    from .strict_yaml import MAX_DEPTH, MAX_INT_DIGITS, MAX_KEY_CHARS, MAX_VALUE_CHARS

    def mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if len(key) > MAX_KEY_CHARS:
                raise InputError(f"a key is over {MAX_KEY_CHARS} characters; keys are field names like 'text'", source)
            if key in out:
                raise InputError(f"duplicate key {key!r}; give each field once per entry", source)
            out[key] = value
        return out

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            raise InputError(f"a number of {len(digits.lstrip('-'))} digits is too large; numbers here are positions "
                             "and years", source)
        return int(digits)

    def constant(name: str) -> Any:
        raise InputError(f"{name} is not a value an export holds; give the file `workbook export` wrote", source)

    try:
        data = json.loads(text, object_pairs_hook=mapping, parse_int=integer, parse_constant=constant)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"values are nested more than {MAX_DEPTH} deep; give the file `workbook export` wrote",
                         source) from None
    except ValueError as exc:
        raise InputError(f"malformed JSON ({exc}); give the file `workbook export` wrote", source) from None

    def check(value: Any, depth: int) -> None:
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            raise InputError(f"a value of {len(value):,} characters is over the limit of {MAX_VALUE_CHARS:,}; "
                             "shorten it (see the README's import caps)", source)
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise InputError(f"values are nested more than {MAX_DEPTH} deep; give the file `workbook export` "
                                 "wrote", source)
            for item in value.values() if isinstance(value, dict) else value:
                check(item, depth + 1)

    check(data, 0)
    return data


# What an export's history entries hold: text (or null where a value may be absent). A damaged one is refused
# in one line naming its place, before anything is written (a number in 'old' reached the sealing code).
_PERSON_HISTORY_KEYS = {"effective": False, "field": False, "old": True, "new": True}
_CHANGE_KEYS = {"at": False, "actor": False, "record": False, "action": False, "label": True, "audience": True}
_FIELD_KEYS = {"field": False, "audience": True, "old": True, "new": True}


def _check_entry(entry: dict[str, Any], keys: dict[str, bool], where: str, source: str) -> None:
    for key, optional in keys.items():
        value = entry.get(key)
        if value is None and optional:
            continue
        if not isinstance(value, str):
            what = "missing" if key not in entry else f"{type(value).__name__} {short_repr(value)}"
            raise InputError(f"{where} field {key}: {what}; it must be text{' or null' if optional else ''} "
                             "(give the file `workbook export` wrote)", source)
    unknown = set(entry) - set(keys) - {"fields"}
    if unknown:
        raise InputError(f"{where}: unknown key {sorted(unknown)[0]!r} (give the file `workbook export` wrote)", source)


def short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _check_history(person_history: list[dict[str, Any]], changes: list[dict[str, Any]], source: str) -> None:
    """Refuse (InputError, one line) an export's history entry that is not what `workbook export` writes."""
    for i, h in enumerate(person_history):
        _check_entry(h, _PERSON_HISTORY_KEYS, f"person_history[{i}]", source)
        try:
            check_day(h["effective"])
        except ValueError as exc:
            raise InputError(f"person_history[{i}] field effective: {exc}", source) from None
        if "fields" in h:
            raise InputError(f"person_history[{i}]: unknown key 'fields' (give the file `workbook export` wrote)", source)
    for i, c in enumerate(changes):
        record_id = c.get("record_id")
        if record_id is not None and (not isinstance(record_id, int) or isinstance(record_id, bool)):
            raise InputError(f"history[{i}] field record_id: {short_repr(record_id)}; it must be a number or null "
                             "(give the file `workbook export` wrote)", source)
        _check_entry({k: v for k, v in c.items() if k != "record_id"}, _CHANGE_KEYS, f"history[{i}]", source)
        fields = c.get("fields") or []
        if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
            raise InputError(f"history[{i}] field fields: it must be a list of mappings (give the file `workbook "
                             "export` wrote)", source)
        for j, f in enumerate(fields):
            _check_entry(f, _FIELD_KEYS, f"history[{i}] fields[{j}]", source)
