"""Import a YAML workbook file all or nothing, with one-line errors that name file, entry and field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..coaching import check_goals, check_key_result
from ..coaching import ladders as ladder_mod
from ..core.errors import InputError, WorkbookError
from ..core.model import Action, CheckIn, GrowthPlan, Note, Person, QuarterOKRs, quarter_of
from ..core.rules import Finding, check_okrs, check_plan
from ..store import Store

__all__ = ["ImportResult", "import_file", "import_data", "load_yaml", "SECTIONS"]

SECTIONS = ("people", "growth_plans", "okrs", "check_ins", "notes", "actions")


class _Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's surprises: ``1:1`` stays text (not the base-60 number 61) and dates
    stay text so that the model reports a bad date with its field name instead of a bare ValueError."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
                                                            "tag:yaml.org,2002:float")]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*))$"), list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?)$"),
                              list("-+0123456789."))


@dataclass
class ImportResult:
    """What an import wrote (counts per section) and the warnings it showed without blocking."""

    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def load_yaml(path: str | Path) -> dict[str, Any]:
    """Read and parse a workbook YAML file; raises InputError for a missing, empty or malformed file."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found; check the path", str(path))
    if path.is_dir():
        raise InputError("is a folder, not a YAML file", str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text; save it as UTF-8 YAML", str(path)) from None
    if not text.strip():
        raise InputError("the file is empty; it needs at least one of: " + ", ".join(SECTIONS), str(path))
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"malformed YAML ({problem}); fix the indentation or quoting there", str(path), where) from None
    if data is None:
        raise InputError("the file has no data; it needs at least one of: " + ", ".join(SECTIONS), str(path))
    if not isinstance(data, dict):
        raise InputError("the top level must be a mapping with sections such as 'people:' and 'notes:'", str(path))
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise InputError(f"unknown section {unknown[0]!r}; known sections: {', '.join(SECTIONS)}", str(path))
    for key, value in data.items():
        if value is not None and not isinstance(value, list):
            raise InputError(f"section '{key}' must be a list of entries (each line starting with '- ')", str(path))
    return data


def _loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "literal[", "is-instance")):
            out += ("." if out else "") + str(part)
    return out


def _validate(model: type[BaseModel], entry: Any, source: str, where: str) -> Any:
    if not isinstance(entry, dict):
        raise InputError("must be a mapping like {key: value, ...}", source, where)
    try:
        return model.model_validate(entry)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = _loc(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            allowed = ", ".join(model.model_fields) if not loc or "." not in loc else "see the README"
            msg = f"unknown field; allowed fields: {allowed}"
        elif err["type"] == "missing":
            msg = "is required"
        elif err["type"].startswith("date"):
            msg = f"{err['input']!r} is not a date; write it as YYYY-MM-DD"
        elif err["type"] == "literal_error":
            msg = f"{err['input']!r} is not allowed; {err['msg'].removeprefix('Input should be ').replace(chr(39), '')} are allowed"
            msg = msg.replace("; ", "; use one of: ", 1).replace(" are allowed", "")
        return_field = f" field {loc}" if loc else ""
        raise InputError(msg, source, f"{where}{return_field}") from None


def _label(section: str, i: int, entry: Any, *keys: str) -> str:
    bits = [str(entry.get(k)) for k in keys if isinstance(entry, dict) and entry.get(k) is not None]
    return f"{section}[{i}]" + (f" ({' '.join(bits)})" if bits else "")


def import_file(store: Store, path: str | Path) -> ImportResult:
    """Import a YAML file into ``store`` in one transaction; raises InputError/RuleViolation, writing nothing."""
    return import_data(store, load_yaml(path), source=str(path))


def import_data(store: Store, data: dict[str, Any], source: str = "<data>") -> ImportResult:
    """Validate every entry, check the practice's rules, then write all of it in one transaction."""
    result = ImportResult()
    limits = store.limits()

    people: list[Person] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(data.get("people") or []):
        where = _label("people", i, entry, "id")
        p = _validate(Person, entry, source, where)
        if p.id in seen:
            raise InputError(f"duplicate id {p.id!r} (also in {seen[p.id]}); every person needs their own id", source, where)
        if store.has_person(p.id):
            raise InputError(f"duplicate id {p.id!r}: already in the workbook; use another id or `workbook forget {p.id}` first",
                             source, where)
        _check_place(p, source, where)
        seen[p.id] = where
        people.append(p)
    by_id = {p.id: p for p in people}

    def person_ref(pid: str, where: str) -> Person:
        if pid in by_id:
            return by_id[pid]
        if store.has_person(pid):
            return store.person(pid)
        raise InputError(f"unknown person {pid!r}; add them under 'people:' first", source, where + " field person")

    plans: list[tuple[str, GrowthPlan]] = []
    plan_goal_counts: dict[tuple[str, int], int] = {}
    for i, entry in enumerate(data.get("growth_plans") or []):
        where = _label("growth_plans", i, entry, "person", "year")
        plan = _validate(GrowthPlan, entry, source, where)
        person = person_ref(plan.person, where)
        key = (plan.person, plan.year)
        if key in plan_goal_counts or store.plan(*key) is not None:
            raise InputError(f"{plan.person} already has a growth plan for {plan.year}; one plan per person and year",
                             source, where)
        _raise_rules(check_plan(plan.person, plan.year, plan.goals, plan.drafted_by, limits, where), source, result)
        _check_competencies(person, plan, source, where, result)
        _coaching_goal_warnings(plan, where, result)
        plan_goal_counts[key] = len(plan.goals)
        plans.append((where, plan))

    okr_list: list[tuple[str, QuarterOKRs]] = []
    okr_keys: set[tuple[str, str]] = set()
    for i, entry in enumerate(data.get("okrs") or []):
        where = _label("okrs", i, entry, "person", "quarter")
        okrs = _validate(QuarterOKRs, entry, source, where)
        person_ref(okrs.person, where)
        key = (okrs.person, okrs.quarter)
        if key in okr_keys or store.okrs(*key) is not None:
            raise InputError(f"{okrs.person} already has OKRs for {okrs.quarter}; one set per person and quarter", source, where)
        okr_keys.add(key)
        _raise_rules(check_okrs(okrs.person, okrs.quarter, okrs.objectives, limits, where), source, result)
        year = int(okrs.quarter[:4])
        n_goals = plan_goal_counts.get((okrs.person, year))
        if n_goals is None:
            existing = store.plan(okrs.person, year)
            n_goals = len(existing.goals) if existing else 0
        for j, obj in enumerate(okrs.objectives):
            if obj.goal is not None and obj.goal > n_goals:
                raise InputError(f"links to goal {obj.goal}, but {okrs.person} has {n_goals} growth goal(s) for {year}; "
                                 "give the position of an existing goal (1 = first)", source, f"{where} objectives[{j}] field goal")
            _coaching_kr_warnings(obj, f"{where} objectives[{j}]", result)
        okr_list.append((where, okrs))

    check_ins: list[tuple[str, CheckIn]] = []
    for i, entry in enumerate(data.get("check_ins") or []):
        where = _label("check_ins", i, entry, "person", "date")
        ci = _validate(CheckIn, entry, source, where)
        person_ref(ci.person, where)
        quarter = quarter_of(ci.date)
        okrs = next((o for _, o in okr_list if (o.person, o.quarter) == (ci.person, quarter)), None) or store.okrs(ci.person, quarter)
        for j, st in enumerate(ci.key_results):
            objs = okrs.objectives if okrs else []
            if st.objective > len(objs) or st.key_result > len(objs[st.objective - 1].key_results):
                raise InputError(f"objective {st.objective} key result {st.key_result} does not exist in "
                                 f"{ci.person}'s {quarter} OKRs; check the positions (1 = first)",
                                 source, f"{where} key_results[{j}]")
        check_ins.append((where, ci))

    notes: list[tuple[str, Note]] = []
    for i, entry in enumerate(data.get("notes") or []):
        where = _label("notes", i, entry, "person", "date")
        note = _validate(Note, entry, source, where)
        person_ref(note.person, where)
        notes.append((where, note))

    actions: list[tuple[Action, dt.date | None]] = []
    for i, entry in enumerate(data.get("actions") or []):
        where = _label("actions", i, entry, "person")
        created = _created_on(entry, source, where)  # kept by `workbook export`; not part of the Action model
        act = _validate(Action, entry, source, where)
        if act.person is None:
            raise InputError("is required", source, f"{where} field person")
        person_ref(act.person, where)
        actions.append((act, created))

    # Everything is valid: write it all in one transaction (the store re-checks every rule).
    histories = data.get("histories") or []
    try:
        with store.atomic(), (store.restoring() if histories else nullcontext()):
            # the store checks every rule again inside this transaction; a refusal names its entry
            for p in people:
                with _entry(source, seen[p.id]):
                    store.add_person(p)
            for where, plan in plans:
                with _entry(source, where):
                    store.save_plan(plan, replace=False)
            for where, okrs in okr_list:
                with _entry(source, where):
                    store.save_okrs(okrs)
            for where, ci in check_ins:
                with _entry(source, where):
                    store.add_check_in(ci)
            for where, note in notes:
                with _entry(source, where):
                    store.add_note(note)
            for i, (act, created) in enumerate(actions):
                with _entry(source, f"actions[{i}]"):
                    store.add_action(act, created_on=created)
            for h in histories:  # from an export: the person's dated history and change log
                store.restore_history(h["person"], h["person_history"], h["changes"])
    except InputError:
        raise
    except WorkbookError as exc:
        raise InputError(str(exc), source) from exc
    result.counts = {"people": len(people), "growth_plans": len(plans), "okrs": len(okr_list),
                     "check_ins": len(check_ins), "notes": len(notes), "actions": len(actions)}
    return result


@contextmanager
def _entry(source: str, where: str) -> Iterator[None]:
    """Name the file and the entry in a refusal the store raises while writing it (e.g. an implausible date)."""
    try:
        yield
    except InputError as exc:
        raise InputError(str(exc), source, where) from exc
    except WorkbookError as exc:
        raise InputError(str(exc), source, where) from exc


def _created_on(entry: Any, source: str, where: str) -> dt.date | None:
    """Pop an action's optional ``created_on`` (YYYY-MM-DD) from ``entry``; InputError when malformed."""
    if not isinstance(entry, dict) or entry.get("created_on") in (None, ""):
        if isinstance(entry, dict):
            entry.pop("created_on", None)
        return None
    value = entry.pop("created_on")
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{value!r} is not a date; write it as YYYY-MM-DD", source, f"{where} field created_on") from None


def _check_place(person: Person, source: str, where: str) -> None:
    """A person's ladder must load and their track and level be on it (no ladder: nothing to check against)."""
    if not person.ladder.strip():
        return
    base = [Path(source).resolve().parent]
    try:
        lad = ladder_mod.load_ladder(ladder_mod.resolve_ladder_path(person.ladder, base_dirs=base))
    except (WorkbookError, OSError) as exc:
        raise InputError(f"the ladder cannot be used: {exc}", source, f"{where} field ladder") from None
    try:
        track = lad.resolve_track(person.track or None)
    except WorkbookError as exc:
        raise InputError(str(exc), source, f"{where} field track") from None
    if person.level.strip():
        try:
            lad.resolve_level(track, person.level)
        except WorkbookError as exc:
            raise InputError(str(exc), source, f"{where} field level") from None


def _raise_rules(findings: list[Finding], source: str, result: ImportResult) -> None:
    for f in findings:
        if f.severity == "error":
            raise InputError(f.message, source, f.where)
    result.warnings.extend(f"{source}: {f}" for f in findings)


def _check_competencies(person: Person, plan: GrowthPlan, source: str, where: str, result: ImportResult) -> None:
    """A goal that names competencies needs the person's ladder; tags are checked against it."""
    named = [(j, g) for j, g in enumerate(plan.goals) if g.competencies]
    if not named:
        return
    j0 = named[0][0]
    if not person.ladder:
        raise InputError(f"names competencies but {person.id} has no ladder file; add 'ladder:' to the person",
                         source, f"{where} goals[{j0}] field competencies")
    try:
        path = ladder_mod.resolve_ladder_path(person.ladder, base_dirs=[Path(source).resolve().parent])
        lad = ladder_mod.load_ladder(path, track=person.track or None)
    except WorkbookError as exc:
        raise InputError(f"{person.id}'s ladder cannot be used: {exc}", source, f"{where} goals[{j0}] field competencies") from None
    for j, goal in named:
        for finding in ladder_mod.validate_tags(goal.competencies, lad, track=person.track or None):
            if getattr(finding, "severity", "error") == "error":
                raise InputError(getattr(finding, "message", str(finding)), source, f"{where} goals[{j}] field competencies")


def _coaching_goal_warnings(plan: GrowthPlan, where: str, result: ImportResult) -> None:
    for hint in check_goals([g.text for g in plan.goals], max_goals=99):
        result.warnings.append(f"{where}: {hint.message}")


def _coaching_kr_warnings(obj: Any, where: str, result: ImportResult) -> None:
    for k, kr in enumerate(obj.key_results):
        verdict = check_key_result(kr.text)
        if not verdict.measurable:
            result.warnings.append(f"{where} key_results[{k}]: not measurable yet ({'; '.join(verdict.reasons)}). {verdict.suggestion}")
