"""Import a YAML workbook file (or what `workbook export` wrote) all or nothing, with one-line errors naming file, entry and field.

The whole import is one write transaction (``BEGIN IMMEDIATE``): every check that reads the workbook
(is this id taken, does this person already have OKRs for the quarter) runs inside it, so two imports at
once cannot both pass a check and then overwrite each other. Before anything is added the file is
checked for damage (``PRAGMA quick_check``). Entries are read one at a time by the strict reader
(:mod:`workbook.exchange.strict_yaml`), checked, and written in batches; an entry that refers to
something a later section of the file may still add (a note before its person) waits until the end.
People are written once their section ends, managers before their reports, so a manager given by id
links into the org tree whatever the file's order (a manager who is nobody's id is kept as a name).
A `workbook export` file (one person's JSON) is read by :mod:`workbook.exchange.roundtrip` under the same
caps and goes through the same checks, so an export round trip loses nothing and lets nothing unchecked in.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..coaching import check_goals
from ..coaching import ladders as ladder_mod
from ..coaching.kr_dates import check_key_result_in_quarter, fill_target_dates
from ..core.dates import check_day, outcome_day_problem, quarter_bounds
from ..core.errors import InputError, StoreError, WorkbookError
from ..core.labels import counted, plural
from ..core.model import BIDI_CONTROLS, Action, CheckIn, GrowthPlan, Note, Person, QuarterOKRs, quarter_of
from ..core.rules import Finding, check_okrs, check_plan
from ..core.validation import error_problem
from ..store import Store
from ..store.bulk import BulkWriter
from ..store.door import (
    DUE_AFTER_CHECK_IN,
    conversation_ahead_problem,
    date_problem,
    order_problem,
    period_start_problem,
    status_change_problem,
)
from .present import PresentRecords
from .strict_yaml import load_sections, read_entries

__all__ = ["ImportResult", "import_file", "import_data", "load_yaml", "SECTIONS", "MAX_COACHING_CHECKS"]

SECTIONS = ("people", "growth_plans", "okrs", "check_ins", "notes", "actions")
_MODELS: dict[str, type[BaseModel]] = {"people": Person, "growth_plans": GrowthPlan, "okrs": QuarterOKRs,
                                       "check_ins": CheckIn, "notes": Note, "actions": Action}
# Coaching checks (is this key result measurable, is this goal a task) are advice for drafting: an import
# runs them on its first key results and plans only. A year of history for a thousand people has 16,000
# key results; checking them all would take a third of the import and print advice nobody reads there.
MAX_COACHING_CHECKS = 2_000
_LABELS = {"people": ("id",), "growth_plans": ("person", "year"), "okrs": ("person", "quarter"),
           "check_ins": ("person", "date"), "notes": ("person", "date"), "actions": ("person",)}


@dataclass
class ImportResult:
    """What an import wrote (counts per section) and the warnings it showed without blocking."""

    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    linked: dict[str, list[str]] = field(default_factory=dict)  # manager -> the reports who waited for them


def load_yaml(path: str | Path) -> dict[str, Any]:
    """Read and parse a whole workbook YAML file strictly (see :mod:`workbook.exchange.strict_yaml`);
    raises InputError for a missing, empty, oversized or malformed file."""
    return load_sections(path, SECTIONS)


def import_file(store: Store, path: str | Path) -> ImportResult:
    """Import a YAML file, or one person's JSON that `workbook export` wrote, into ``store`` in one
    transaction; raises InputError/RuleViolation, writing nothing."""
    from .roundtrip import read_export_file

    path = Path(path)
    exported = read_export_file(path)
    if exported is not None:
        return import_data(store, exported, source=str(path))
    return _import(store, read_entries(path, SECTIONS), str(path), path.resolve().parent)


def import_data(store: Store, data: dict[str, Any], source: str = "<data>") -> ImportResult:
    """Validate every entry of ``data`` (``{section: [entries]}``), check the practice's rules, then
    write all of it in one transaction; raises InputError, writing nothing."""
    if not isinstance(data, dict):
        raise InputError("the top level must be a mapping with sections such as 'people:' and 'notes:'", source)
    histories = data.get("histories") or []  # only an export carries them (workbook.exchange.roundtrip)
    sides = data.get("sides") or []  # and the report's side
    old_ids = data.get("record_ids") or {}  # and its records' ids, which its history names
    notices = data.get("warnings") or []  # and what reading it found to say
    reports = data.get("reports") or {}  # and, for a manager, whom they managed
    exported = "record_ids" in data  # an export restores what was stored, a target date cleared on purpose too
    data = {k: v for k, v in data.items() if k not in ("histories", "sides", "record_ids", "warnings", "reports")}
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise InputError(f"unknown section {str(unknown[0])[:60]!r}; known sections: {', '.join(SECTIONS)}", source)
    for key, value in data.items():
        if value is not None and not isinstance(value, list):
            raise InputError(f"section '{key}' must be a list of entries (each line starting with '- ')", source)
    entries = ((section, i, entry, "") for section in SECTIONS for i, entry in enumerate(data.get(section) or []))
    base = Path(source).resolve().parent if Path(source).exists() else None
    return _import(store, entries, source, base, histories, sides, old_ids, notices, reports, fill_targets=not exported)


def _import(store: Store, entries: Iterator[tuple[str, int, Any, str]], source: str, base_dir: Path | None,
            histories: list[dict[str, Any]] = (),  # type: ignore[assignment]
            sides: list[dict[str, Any]] = (),  # type: ignore[assignment]
            old_ids: dict[str, list[dict[tuple[str, tuple[int, ...]], int]]] | None = None,
            notices: list[str] = (),  # type: ignore[assignment]
            reports: dict[str, list[str]] | None = None, *, fill_targets: bool = True) -> ImportResult:
    result = ImportResult(warnings=list(notices))
    try:
        with store.atomic() as conn:
            store.check_integrity()  # nothing is added to a damaged file
            importer = _Importer(store, BulkWriter(conn, store.note_sealer()), source, base_dir, result, reports or {},
                                 fill_targets=fill_targets)
            for section, index, entry, _line in entries:
                importer.add(section, index, entry)
            importer.finish()
            if not any(result.counts.values()):  # '{}' or 'people: []': an import of nothing is a mistake
                raise InputError("the file holds no records; it needs at least one entry in one of: "
                                 + ", ".join(SECTIONS), source)
            new_ids = importer.new_ids(old_ids or {})
            for h in histories:  # an export's own history comes back before the entry saying it was imported
                store.restore_history(h["person"], h["person_history"], h["changes"], new_ids)
            for side in sides:
                try:
                    _restored, left = store.restore_side(side["person"], side["items"])
                except InputError as exc:  # the item it names, in this file
                    raise InputError(exc.message, source, exc.where) from None
                if left:
                    result.warnings.append(f"{source}: {left} item(s) of {side['person']}'s side were written by "
                                           "someone else; only their author or the database's owner can put them back")
            importer.log(conn)
    except (InputError, StoreError):
        raise
    except WorkbookError as exc:  # a rule the store re-checked
        raise InputError(str(exc), source) from exc
    return result


class _Later(Exception):
    """An entry needs something that a section not yet read (``needs``) may still add."""

    def __init__(self, error: InputError, *needs: str) -> None:
        super().__init__(str(error))
        self.error = error
        self.needs = needs


class _Importer:
    """One import, inside one write transaction: each entry is validated, checked against the file so
    far and the workbook as it is inside the transaction, then buffered for writing."""

    def __init__(self, store: Store, writer: BulkWriter, source: str, base_dir: Path | None,
                 result: ImportResult, reports: dict[str, list[str]] | None = None, *, fill_targets: bool = True) -> None:
        self.store, self.writer, self.source, self.result = store, writer, source, result
        self.fill_targets = fill_targets  # a key result's target date from its text, as `workbook kr add` sets it
        self.reports = reports or {}  # a manager's export: whom they managed, linked again when waiting
        self.base_dirs = [base_dir] if base_dir is not None else []
        self.limits = store.limits()
        self.folders = store.ladder_folders()
        self.current: str | None = None
        self.done: set[str] = set()  # sections read to their end
        self.deferred: list[tuple[str, int, str, Any]] = []
        self.people: dict[str, tuple[Person, str]] = {}  # added by this file: person, where
        self.unplaced: list[Person] = []  # this file's people not yet written (see _place_people)
        self.manager_ids: dict[str, str | None] = {}  # each person's manager in the tree (file and workbook)
        self.unknown_authors: set[str] = set()  # note authors outside a workbook of one's own, warned once each
        self.actor = store.actor()
        self.stored_people: dict[str, Person | None] = {}
        self.present = PresentRecords(store)  # what the workbook's people already have, to refuse it a second time
        self.plans: dict[tuple[str, int], int] = {}  # goal counts of this file's plans
        self.okrs: dict[tuple[str, str], dict[tuple[int, int], int]] = {}  # this file's key result ids
        self.stored_krs: dict[tuple[str, str], dict[tuple[int, int], int] | None] = {}
        self.counts: Counter[str] = Counter()
        self.per_person: dict[str, Counter[str]] = {}  # what this file added about each person, for their history
        self.private_notes: dict[str, int] = {}  # of those notes, the private ones (logged for their author alone)
        self.coached = 0  # key results and plans given coaching checks so far
        self.verdicts: dict[tuple[str, str, dt.date | None], Any] = {}  # one check per distinct key result
        # the ids each entry's records were given, by (section, index): an export's change log is mapped onto them
        self.written: dict[tuple[str, int], dict[tuple[str, tuple[int, ...]], int]] = {}

    # -- the flow -------------------------------------------------------------------------------------
    def add(self, section: str, index: int, entry: Any) -> None:
        if section != self.current:
            if self.current is not None:
                self.done.add(self.current)
            self._place_people()
            self.current = section
        where = _label(section, index, entry, *_LABELS[section])
        if section == "actions":  # `workbook export` keeps when a standalone action was made; not in the model
            entry, created = _created_on(entry, self.source, where)
            self._handle(section, index, where, (_validate(Action, entry, self.source, where), created), final=False)
            return
        self._handle(section, index, where, _validate(_MODELS[section], entry, self.source, where), final=False)

    def finish(self) -> None:
        self._place_people()
        self.done.update(SECTIONS)
        waiting = sorted(self.deferred, key=lambda d: SECTIONS.index(d[0]))  # stable within a section
        self.deferred = []
        for section, index, where, model in waiting:
            self._handle(section, index, where, model, final=True)
        self.writer.flush()
        self.result.counts = {name: self.counts[name] for name in SECTIONS}

    def _handle(self, section: str, index: int, where: str, model: Any, *, final: bool) -> None:
        try:
            getattr(self, f"_{section}")(where, model)
        except _Later as later:
            if final or all(need in self.done for need in later.needs):
                raise later.error from None
            self.deferred.append((section, index, where, model))
            return
        written = self.writer.take_written()
        if written:
            self.written[(section, index)] = written

    def new_ids(self, old_ids: dict[str, list[dict[tuple[str, tuple[int, ...]], int]]]) -> dict[tuple[str, int], int]:
        """``(record kind, old id) -> new id`` for the records of an export (``old_ids``: per section, per entry,
        the ids its records had, keyed as :meth:`BulkWriter.take_written` keys the new ones)."""
        out: dict[tuple[str, int], int] = {}
        for section, entries in old_ids.items():
            for index, old in enumerate(entries):
                new = self.written.get((section, index), {})
                out.update({(place[0], old_id): new[place] for place, old_id in old.items() if place in new})
        return out

    def _fail(self, message: str, where: str) -> InputError:
        return InputError(message, self.source, where)

    def _refuse_again(self, person: str, what: str, where: str) -> None:
        """Refuse a record the workbook already holds word for word (see :mod:`workbook.exchange.present`)."""
        raise self._fail(f"{person} already has this {what}; was this file imported before? leave out what the "
                         "workbook already holds", where)

    def _warn_if_repeated(self, record: Note | CheckIn | tuple[Action, dt.date | None], what: str, where: str) -> None:
        """Warn when an earlier entry of this file says word for word what this one does (both are imported)."""
        if (first := self.present.earlier_in_file(record, where)) is not None:
            self.result.warnings.append(f"{self.source}: {where} says word for word what {first} says ({what}); both "
                                        "were imported; if one is a slip, delete it")

    def _added(self, section: str, pid: str) -> None:
        self.counts[section] += 1
        self.per_person.setdefault(pid, Counter())[section] += 1

    def _dates(self, person: Person, where: str, **dates: dt.date | None) -> None:
        """Validation at the door (see workbook.store.door): each date plausible for ``person``."""
        for name, day in dates.items():
            problem = date_problem(name, day, person.started, person.id)
            if problem:
                raise self._fail(problem, f"{where} field {name}")

    def _status_on(self, where: str, day: dt.date | None, since: tuple[str, dt.date | None]) -> None:
        """The day a support commitment's or an action's status changed: not after today, nor before ``since``
        (the day it was asked for or agreed)."""
        if (problem := status_change_problem(day, since)):
            raise self._fail(problem, f"{where} field status_on")

    def _order(self, first: tuple[str, dt.date | None], then: tuple[str, dt.date | None], why: str, where: str) -> None:
        """The door's order rule (workbook.store.door.order_problem): a later date is not before the one it follows."""
        problem = order_problem(first, then, why=why)
        if problem:
            raise self._fail(problem, where)

    def log(self, conn: Any) -> None:
        """One entry per person in their change log: what this import added about them. Private notes are counted
        in an entry of their own, private (read by its author, as a private note's change is): the shared entry,
        read by the report, a skip-level and HR, says nothing of them."""
        for pid, counts in self.per_person.items():
            private = self.private_notes.get(pid, 0)
            shown = Counter({k: n - (private if k == "notes" else 0) for k, n in counts.items()})
            what = ", ".join(counted(n, k) for k, n in shown.items() if n > 0)
            if what:
                self.store._log(conn, pid, "person", None, "import", f"from {Path(self.source).name}: {what}")
            if private:
                self.store._log(conn, pid, "note", None, "import",
                                f"from {Path(self.source).name}: {plural(private, 'private note')}", audience="private")

    # -- references -----------------------------------------------------------------------------------
    def _person_ref(self, pid: str, where: str) -> Person:
        if pid in self.people:
            return self.people[pid][0]
        if pid not in self.stored_people:
            self.stored_people[pid] = self.store.person(pid) if self.store.has_person(pid) else None
        person = self.stored_people[pid]
        if person is None:
            raise _Later(self._fail(f"unknown person {pid!r}; add them under 'people:' first", where + " field person"),
                         "people")
        return person

    def _kr_ids(self, pid: str, quarter: str) -> dict[tuple[int, int], int] | None:
        if (pid, quarter) in self.okrs:
            return self.okrs[(pid, quarter)]
        if (pid, quarter) not in self.stored_krs:
            self.stored_krs[(pid, quarter)] = self.store.kr_ids(pid, quarter)
        return self.stored_krs[(pid, quarter)]

    # -- one handler per section ----------------------------------------------------------------------
    def _people(self, where: str, p: Person) -> None:
        if p.id in self.people:
            raise self._fail(f"duplicate id {p.id!r} (also in {self.people[p.id][1]}); every person needs their own id",
                             where)
        if self.store.has_person(p.id):
            raise self._fail(f"duplicate id {p.id!r}: already in the workbook; use another id or "
                             f"`workbook forget {p.id}` first", where)
        p = self._checked_ladder(p, where)
        self._dates(p, where, started=p.started)
        self.people[p.id] = (p, where)
        self.unplaced.append(p)
        self._added("people", p.id)

    def _place_people(self) -> None:
        """Write the people read so far, managers before their reports: a manager who is a person (in this
        file or the workbook) is linked by id; any other manager is kept as a name, with one warning per
        name. Raises InputError for a person managing themselves or managers forming a loop."""
        if not self.unplaced:
            return
        ids = {p.id for p in self.unplaced}
        warned: set[str] = set()
        for p in self.unplaced:
            m = p.manager.strip()
            if m == p.id:
                raise self._fail(f"{p.id} cannot be their own manager; give another person's id as manager",
                                 f"{self.people[p.id][1]} field manager")
            if m and m not in self.people and m not in warned and not self.store.has_person(m):
                warned.add(m)
                self.result.warnings.append(
                    f"{self.source}: manager {m!r} is not a person in the workbook; kept as a name, outside the org "
                    "tree (list them under 'people:' with an id, then give that id)")
        placed: set[str] = set()
        pending = self.unplaced
        while pending:
            ready = [p for p in pending if p.manager.strip() not in ids or p.manager.strip() in placed]
            if not ready:
                loop = ", ".join(f"{p.id} -> {p.manager.strip()}" for p in pending[:4])
                raise InputError(f"the managers form a loop ({loop}); someone must be at the top", self.source,
                                 "people")
            for p in ready:
                m = p.manager.strip()
                linked = m if m and (m in self.people or m not in warned) else None
                self.manager_ids[p.id] = linked
                self.writer.add_person(p, linked, "" if linked or not m else m)
                placed.add(p.id)
            pending = [p for p in pending if p.id not in placed]
        self.writer.flush()  # the new people are rows now: their waiting reports can point at them
        self._link_waiting_reports()
        self.unplaced = []

    def _link_waiting_reports(self) -> None:
        """Link the people just written to the people of the workbook who waited for them as their manager (see
        :meth:`Store.link_waiting_reports`), saying who; a report a manager's export names who has another manager
        now is left so, with a warning. Raises InputError naming the manager's entry for a link closing a loop."""
        managers = {p.id: self.reports.get(p.id, ()) for p in self.unplaced}
        try:
            found = self.store.link_waiting_reports(self.writer.conn, managers)
        except InputError as exc:  # its where: the manager's id
            raise self._fail(exc.message, self.people[exc.where][1] if exc.where in self.people else "people") from None
        for manager, (linked, left) in found.items():
            if linked:
                self.result.linked[manager] = linked
                self.manager_ids.update(dict.fromkeys(linked, manager))
                for pid in linked:
                    self.stored_people.pop(pid, None)  # read again, with their manager
            self.result.warnings.extend(
                f"{self.source}: {manager} managed {pid}, who has another manager now; left so (`workbook person edit "
                f"{pid} --manager {manager}` to change it)" for pid in left)

    def _growth_plans(self, where: str, plan: GrowthPlan) -> None:
        person = self._person_ref(plan.person, where)
        key = (plan.person, plan.year)
        if key in self.plans or self.store.plan_goal_count(*key) is not None:
            raise self._fail(f"{plan.person} already has a growth plan for {plan.year}; one plan per person and year: "
                             f"change it with `workbook goal edit {plan.person} {plan.year} N` or leave it out of the file",
                             where)
        if problem := period_start_problem(f"the {plan.year} plan", dt.date(plan.year, 1, 1)):
            raise self._fail(problem, f"{where} field year")
        self._rules(check_plan(plan.person, plan.year, plan.goals, plan.drafted_by, self.limits, where))
        plan = self._check_competencies(person, plan, where)
        if self._coach(1):
            for hint in check_goals([g.text for g in plan.goals], max_goals=self.limits.max_goals):
                self.result.warnings.append(f"{where}: {hint.message}")
        self.plans[key] = len(plan.goals)
        self.writer.add_plan(plan)
        self._added("growth_plans", plan.person)

    def _okrs(self, where: str, okrs: QuarterOKRs) -> None:
        person = self._person_ref(okrs.person, where)
        if self.fill_targets:  # "... by 2027-03-15" and no target_date: the target, as `kr add` and the OKRs page save it
            fill_target_dates(okrs)
        for j, obj in enumerate(okrs.objectives):
            for k, kr in enumerate(obj.key_results):
                self._dates(person, f"{where} objectives[{j}] key_results[{k}]", target_date=kr.target_date)
                if kr.outcome is not None and (problem := outcome_day_problem(okrs.quarter, kr.outcome_on, outcome=kr.outcome)):
                    raise self._fail(problem, f"{where} objectives[{j}] key_results[{k}] field outcome_on")
                for n, sp in enumerate(kr.support):
                    self._dates(person, f"{where} objectives[{j}] key_results[{k}] support[{n}]", due=sp.due,
                                requested_on=sp.requested_on)
                    self._status_on(f"{where} objectives[{j}] key_results[{k}] support[{n}]", sp.status_on,
                                    ("requested_on", sp.requested_on))
                    if kr.moved_from is None:  # support carried with a moved key result keeps the day it was due
                        self._order(("requested_on", sp.requested_on), ("due", sp.due),
                                    "support is due after it is asked for",
                                    f"{where} objectives[{j}] key_results[{k}] support[{n}] field due")
        key = (okrs.person, okrs.quarter)
        stored_set = taken = self._kr_ids(*key) is not None  # past the refusal below: a stored set left empty
        if taken and key not in self.okrs:  # a stored set whose objectives were all deleted (an empty set was kept
            stored = self.store.okrs(*key)  # before that meant no OKRs) is none: this file's set takes its place
            taken = stored is not None and bool(stored.objectives)
        if taken:
            raise self._fail(f"{okrs.person} already has OKRs for {okrs.quarter}; one set per person and quarter: change "
                             f"them with `workbook objective edit` / `workbook kr edit {okrs.person} {okrs.quarter} ...` "
                             "or leave them out of the file", where)
        if problem := period_start_problem(f"quarter {okrs.quarter}", quarter_bounds(okrs.quarter)[0]):
            raise self._fail(problem, f"{where} field quarter")
        self._rules(check_okrs(okrs.person, okrs.quarter, okrs.objectives, self.limits, where))
        year = int(okrs.quarter[:4])
        n_goals = self.plans.get((okrs.person, year))
        if n_goals is None:
            n_goals = self.store.plan_goal_count(okrs.person, year) or 0
        for j, obj in enumerate(okrs.objectives):
            if obj.goal is not None and obj.goal > n_goals:
                raise _Later(self._fail(f"links to goal {obj.goal}, but {okrs.person} has {plural(n_goals, 'growth goal')} for "
                                        f"{year}; give the position of an existing goal (1 = first)",
                                        f"{where} objectives[{j}] field goal"), "growth_plans")
        for j, obj in enumerate(okrs.objectives):
            for k, kr in enumerate(obj.key_results):
                if not self._coach(1):
                    break
                if kr.outcome == "dropped":
                    continue  # no advice on the wording of a key result given up
                said = (kr.text, okrs.quarter, kr.target_date)  # on the quarter's dates, as `kr add` checks it
                if said not in self.verdicts:
                    self.verdicts[said] = check_key_result_in_quarter(*said)
                verdict = self.verdicts[said]
                if not verdict.measurable:
                    self.result.warnings.append(f"{where} objectives[{j}] key_results[{k}] (O{j + 1}·KR{k + 1}): not measurable yet "
                                                f"({'; '.join(verdict.reasons)}). {verdict.suggestion}")
        if stored_set:  # an empty one (a set with objectives was refused above)
            self.writer.drop_empty_quarter(*key)
        self.okrs[key] = self.writer.add_okrs(okrs)
        self._added("okrs", okrs.person)

    def _check_ins(self, where: str, ci: CheckIn) -> None:
        person = self._person_ref(ci.person, where)
        self._dates(person, where, date=ci.date)
        if problem := conversation_ahead_problem(ci.date, record="check-in"):
            raise self._fail(problem, f"{where} field date")
        for n, tr in enumerate(ci.trial_runs):
            self._dates(person, f"{where} trial_runs[{n}]", follow_up_on=tr.follow_up_on)
            self._order(("the check-in's date", ci.date), ("follow-up", tr.follow_up_on),
                        DUE_AFTER_CHECK_IN, f"{where} trial_runs[{n}] field follow_up_on")
        for n, act in enumerate(ci.actions):
            self._dates(person, f"{where} actions[{n}]", due=act.due)
            self._status_on(f"{where} actions[{n}]", act.status_on, ("the check-in's date", ci.date))
            self._order(("the check-in's date", ci.date), ("due", act.due),
                        DUE_AFTER_CHECK_IN, f"{where} actions[{n}] field due")
        quarter = quarter_of(ci.date)
        ids = self._kr_ids(ci.person, quarter) or {}
        for j, st in enumerate(ci.key_results):
            if (st.objective, st.key_result) not in ids:
                raise _Later(self._fail(f"objective {st.objective} key result {st.key_result} does not exist in "
                                        f"{ci.person}'s {quarter} OKRs; check the positions (1 = first)",
                                        f"{where} key_results[{j}]"), "okrs")
        if ci.person not in self.people and (same := self.present.check_in(ci)) is not None:
            self._refuse_again(ci.person, f"check-in (check-in {same} of {ci.date.isoformat()}, the same statuses, "
                                          "obstacles, trial runs and actions)", where)
        self.writer.add_check_in(ci, ids)
        self._warn_if_repeated(ci, "the same check-in", where)
        self._added("check_ins", ci.person)

    def _notes(self, where: str, note: Note) -> None:
        person = self._person_ref(note.person, where)
        self._dates(person, where, date=note.date, follow_up_due=note.follow_up_due)
        if problem := conversation_ahead_problem(note.date, record="note"):
            raise self._fail(problem, f"{where} field date")
        self._order(("the note's date", note.date), ("follow-up due", note.follow_up_due),
                    "a follow-up comes after the conversation", f"{where} field follow_up_due")
        author = note.author
        if author is not None and author not in self.people and not self.store.has_person(author) \
                and not self.store.is_postgres:
            # an export from an organisation, brought into a workbook of one's own: its one user wrote it all
            if author not in self.unknown_authors:
                self.unknown_authors.add(author)
                self.result.warnings.append(
                    f"{self.source}: note author {author!r} is not a person in this workbook; their notes are kept "
                    "as yours (a workbook of your own has one user)")
            author = None
        elif author is not None and author not in self.people and not self.store.has_person(author):
            raise self._fail(f"unknown author {author!r}; the author is a person (usually the manager), listed "
                             "under 'people:' or already in the workbook", where + " field author")
        if self.actor.person is not None:  # a user of an organisation database writes notes as themselves
            if author not in (None, self.actor.person):
                raise self._fail(f"notes are written in your own name ({self.actor.person}); leave out "
                                 f"'author: {author}' or import as that person", where + " field author")
            author = self.actor.person
        elif author is None:  # the owner: the person's manager wrote it (None: the owner themselves)
            author = self._manager_id(note.person)
        if note.person not in self.people and (same := self.present.note(note)) is not None:
            self._refuse_again(note.person, f"note (note {same}, the same day, topic and words)", where)
        self.writer.add_note(note, author)
        self._warn_if_repeated(note, "the same note", where)
        self._added("notes", note.person)
        if note.visibility == "private":  # logged apart, for its author alone: a private note's existence is private
            self.private_notes[note.person] = self.private_notes.get(note.person, 0) + 1

    def _manager_id(self, pid: str) -> str | None:
        """The manager in the tree of ``pid`` (a person of this file or of the workbook)."""
        if pid not in self.manager_ids:
            self.manager_ids.update(self.store.managers())
        return self.manager_ids.get(pid)

    def _actions(self, where: str, item: tuple[Action, dt.date | None]) -> None:
        act, created = item
        if act.person is None:
            raise self._fail("is required", f"{where} field person")
        person = self._person_ref(act.person, where)
        self._dates(person, where, due=act.due, created_on=created)
        self._status_on(where, act.status_on, ("created_on", created))
        if act.person not in self.people and (same := self.present.action(act, created)) is not None:
            self._refuse_again(act.person, f"action (action {same}, the same words, owner and due day)", where)
        self.writer.add_action(act, created_on=created)
        self._warn_if_repeated(item, "the same action", where)
        self._added("actions", act.person)

    def _coach(self, n: int) -> bool:
        """Whether coaching checks still run (see MAX_COACHING_CHECKS); says once when they stop."""
        if self.coached >= MAX_COACHING_CHECKS:
            return False
        self.coached += n
        if self.coached >= MAX_COACHING_CHECKS:  # said first, so that it is seen before a long list
            self.result.warnings.insert(0,
                f"{self.source}: coaching checks stopped after {MAX_COACHING_CHECKS:,} key results and plans (advice "
                "for drafting, not for history); see each person's in the stage notebooks or with `workbook check-kr`")
        return True

    # -- rules and ladders ----------------------------------------------------------------------------
    def _rules(self, findings: list[Finding]) -> None:
        for f in findings:
            if f.severity == "error":
                raise InputError(f.message, self.source, f.where)
        self.result.warnings.extend(f"{self.source}: {f}" for f in findings)

    def _checked_ladder(self, person: Person, where: str) -> Person:
        """A person's ``ladder:`` must be a regular file of ladder size in an allowed folder (see
        ``locate_person_ladder``) that loads, with the person's track and level on it (and ``toward``, when given, a level above theirs). The person is
        stored as `person add` stores them (:func:`~workbook.coaching.ladders.checked_place`): the path relative to
        the project for one of its own files, else absolute; the track and level in the ladder's own spelling."""
        if not person.ladder.strip():
            if person.toward.strip():
                raise self._fail("a way up ('toward') needs a ladder; add 'ladder:' or leave 'toward' out",
                                 f"{where} field toward")
            return person
        try:
            found = ladder_mod.locate_person_ladder(person.ladder, self.folders, base_dirs=self.base_dirs,
                                                    must_exist=False)
        except WorkbookError as exc:
            raise self._fail(str(exc), f"{where} field ladder") from None
        if found is None:  # validation at the door: a ladder that does not load is refused now, not in `ladder gaps`
            raise self._fail(f"ladder file '{person.ladder}' not found; check the name, or leave the ladder out",
                             f"{where} field ladder")
        try:
            lad = ladder_mod.cached_ladder(found)
        except (WorkbookError, OSError) as exc:
            raise self._fail(f"the ladder cannot be used: {exc}", f"{where} field ladder") from None
        try:
            track = lad.resolve_track(person.track or None)
        except WorkbookError as exc:
            raise self._fail(str(exc), f"{where} field track") from None
        level = person.level.strip()
        if level:
            try:
                level = lad.resolve_level(track, person.level)
            except WorkbookError as exc:
                raise self._fail(str(exc), f"{where} field level") from None
        if person.toward.strip() and not person.level.strip():
            raise self._fail("a way up ('toward') needs the person's level; add 'level:' or leave 'toward' out",
                             f"{where} field toward")
        if person.toward.strip():
            try:
                person = person.model_copy(update={"toward": ladder_mod.checked_aim(
                    lad, track, person.level, person.toward, person=person.id)})
            except WorkbookError as exc:
                raise self._fail(str(exc), f"{where} field toward") from None
        # stored as `person add` stores it: the path relative to the project when the file is one of its own, else
        # absolute (so it is found from any folder), the track and level in the ladder's own spelling
        return person.model_copy(update={"ladder": ladder_mod.stored_ladder_path(found), "track": track, "level": level})

    def _check_competencies(self, person: Person, plan: GrowthPlan, where: str) -> GrowthPlan:
        """``plan`` with its goals' tags in the ladder's spelling, as `goal add` stores them; a goal that names
        competencies needs the person's ladder, and its tags are checked against it."""
        named = [(j, g) for j, g in enumerate(plan.goals) if g.competencies]
        if not named:
            return plan
        j0 = named[0][0]
        if not person.ladder:
            raise self._fail(f"names competencies but {person.id} has no ladder file; add 'ladder:' to the person",
                             f"{where} goals[{j0}] field competencies")
        try:
            path = ladder_mod.locate_person_ladder(person.ladder, self.folders, base_dirs=self.base_dirs)
            assert path is not None
            lad = ladder_mod.cached_ladder(path)
            lad.resolve_track(person.track or None)
        except (WorkbookError, OSError) as exc:
            raise self._fail(f"{person.id}'s ladder cannot be used: {exc}",
                             f"{where} goals[{j0}] field competencies") from None
        goals = list(plan.goals)
        for j, goal in named:
            spelled, findings = ladder_mod.checked_tags(goal.competencies, lad, track=person.track or None)
            for finding in findings:
                if finding.severity == "error":
                    raise self._fail(finding.message, f"{where} goals[{j}] field competencies")
            goals[j] = goal.model_copy(update={"competencies": spelled})
        return plan.model_copy(update={"goals": goals})


def _created_on(entry: Any, source: str, where: str) -> tuple[Any, dt.date | None]:
    """``entry`` without an action's optional ``created_on``, and that day (YYYY-MM-DD, 1970-2100) or None;
    InputError naming the field when it is malformed. The caller's mapping is left as it was."""
    if not isinstance(entry, dict) or "created_on" not in entry:
        return entry, None
    rest = {k: v for k, v in entry.items() if k != "created_on"}
    value = entry["created_on"]
    if value in (None, ""):
        return rest, None
    try:
        return rest, check_day(value)
    except ValueError as exc:
        raise InputError(str(exc), source, f"{where} field created_on") from None


def _loc(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "literal[", "is-instance")):
            out += ("." if out else "") + str(part)
    return out


def _shown(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _validate(model: type[BaseModel], entry: Any, source: str, where: str) -> Any:
    if not isinstance(entry, dict):
        raise InputError("must be a mapping like {key: value, ...}", source, where)
    try:
        return model.model_validate(entry)
    except ValidationError as exc:
        errors = exc.errors()
        err = errors[0]
        loc = _loc(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            allowed = ", ".join(model.model_fields) if not loc or "." not in loc else "see the README"
            msg = f"unknown field; allowed fields: {allowed}"
        elif err["type"] == "missing":
            msg = "is required" + _misspelt(err["loc"], errors)
        elif err["type"].startswith("date"):
            msg = f"{_shown(err['input'])} is not a date; write it as YYYY-MM-DD"
        elif err["type"] == "literal_error":
            msg = f"{_shown(err['input'])} is not allowed; {err['msg'].removeprefix('Input should be ').replace(chr(39), '')} are allowed"
            msg = msg.replace("; ", "; use one of: ", 1).replace(" are allowed", "")
        elif err["type"] in ("string_too_long", "too_long"):
            limit = (err.get("ctx") or {}).get("max_length")
            size = len(err["input"]) if hasattr(err["input"], "__len__") else "?"
            msg = f"is {size:,} long, over the limit of {limit:,}; shorten it (see the README's import caps)" \
                if isinstance(size, int) and isinstance(limit, int) else msg
        else:  # a list, a mapping, text, a number in the user's words, never pydantic's ("Input should be a valid ...")
            msg = error_problem(err)[1]
        return_field = f" field {loc}" if loc else ""
        raise InputError(msg, source, f"{where}{return_field}") from None


def _misspelt(missing: tuple[Any, ...], errors: list[Any]) -> str:
    """For a required field not given: the unknown field beside it that was probably meant (``persn`` for
    ``person``), said after "is required"; "" when there is none."""
    import difflib

    parent, name = missing[:-1], str(missing[-1])
    unknown = [str(e["loc"][-1]) for e in errors if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == parent]
    meant = difflib.get_close_matches(name, unknown, n=1, cutoff=0.6)
    return f"; the entry has '{meant[0]}', a field it does not know: write it as '{name}'" if meant else ""


def _label(section: str, i: int, entry: Any, *keys: str) -> str:
    # a control or override character in an id (an entry refused for it) is shown as \uXXXX, never sent to the terminal
    bits = ["".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS else c
                    for c in str(entry.get(k))[:64]) for k in keys if isinstance(entry, dict) and entry.get(k) is not None]
    return f"{section}[{i}]" + (f" ({' '.join(bits)})" if bits else "")
