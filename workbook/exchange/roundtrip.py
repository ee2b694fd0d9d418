"""Read back what `workbook export` wrote: one person's JSON becomes the import sections, so a round trip loses nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..store import SCHEMA_VERSION

__all__ = ["EXPORT_KEYS", "is_export", "export_to_sections", "read_import_file"]

# The keys `Store.export_person` writes; a file with "person" and "exported_at" at the top is an export.
EXPORT_KEYS = ("person", "notes", "growth_plans", "okrs", "check_ins", "actions", "person_history", "history",
               "exported_at", "schema_version")


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


def export_to_sections(data: dict[str, Any], source: str = "<export>") -> dict[str, Any]:
    """The import sections (people, growth_plans, okrs, check_ins, notes, actions) holding everything in an
    export. Actions written at a check-in come back with that check-in; standalone ones keep their
    ``created_on``. Raises InputError for an export from a newer workbook or one that is not a mapping."""
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

    def owned(section: str) -> list[dict[str, Any]]:
        items = data.get(section) or []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise InputError(f"'{section}' must be a list of mappings", source)
        return [{**_without_ids(i), "person": pid} for i in items]

    actions = [a for a in owned("actions") if a.pop("check_in_id", None) is None]
    histories = []
    if data.get("person_history") or data.get("history"):
        for key in ("person_history", "history"):
            if not isinstance(data.get(key) or [], list) or not all(isinstance(i, dict) for i in data.get(key) or []):
                raise InputError(f"'{key}' must be a list of mappings", source)
        histories.append({"person": pid, "person_history": data.get("person_history") or [],
                          "changes": data.get("history") or []})
    return {
        "histories": histories,  # not a YAML section: only an export carries a person's history
        "people": [dict(person)],  # its id is the person's slug, not a row id
        "growth_plans": owned("growth_plans"),
        "okrs": owned("okrs"),
        "check_ins": owned("check_ins"),
        "notes": owned("notes"),
        "actions": actions,
    }


def read_import_file(path: str | Path) -> dict[str, Any]:
    """The sections to import from ``path``: a `workbook export` JSON file, or a YAML import file
    (:func:`workbook.exchange.importer.load_yaml`). Raises InputError naming the file."""
    from .importer import load_yaml

    path = Path(path)
    if path.is_file():
        try:
            head = path.read_text(encoding="utf-8-sig").lstrip()[:1]
        except (OSError, UnicodeDecodeError):
            head = ""
        if head == "{":
            try:
                data = json.loads(path.read_text(encoding="utf-8-sig"))
            except ValueError as exc:
                raise InputError(f"malformed JSON ({exc}); give the file `workbook export` wrote", str(path)) from None
            if is_export(data):
                return export_to_sections(data, str(path))
    return load_yaml(path)
