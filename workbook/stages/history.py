"""What changed and when: a person's change log as a table or as text, and what the practice's rules find in a workbook.

`workbook history PERSON` prints :func:`format_history`; `workbook check` prints :func:`check_workbook`:
values that were written before the door checked them (a year typed as 1124, a level that is not on the
ladder, a ladder file that has gone, more goals than the limit) are findings to fix, never a reason
for the workbook not to open.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from types import SimpleNamespace
from typing import TYPE_CHECKING

from ..coaching.ladders import live_aim, person_ladder_file
from ..core import clock
from ..core.dates import implausible_date, quarter_bounds, to_date
from ..core.errors import InputError, LadderError, WorkbookError
from ..core.labels import plural
from ..core.model import topic_problem
from ..core.rules import Finding, Limits, check_okrs, check_plan
from ..store.door import conversation_ahead_problem, order_problem
from .goals import competency_tag_problem

if TYPE_CHECKING:
    import pandas as pd

    from ..core.model import Person
    from ..store import Store

__all__ = ["history_frame", "format_history", "check_workbook", "format_findings", "HISTORY_COLUMNS", "RECORD_KINDS",
           "check_record_kind"]

# the kinds of record the change log names (its ``record`` column)
RECORD_KINDS = ("person", "note", "growth_plan", "goal", "objective", "key_result", "support", "check_in", "action",
                "trial_run")


def check_record_kind(record: str | None) -> str | None:
    """``record`` when it is one of :data:`RECORD_KINDS` (or None); InputError naming the kinds otherwise (a
    misspelt kind showed "no changes recorded", as if nothing had changed)."""
    if record is not None and record not in RECORD_KINDS:
        raise InputError(f"--record {record!r} is not a kind of record; give one of {', '.join(RECORD_KINDS)}")
    return record

HISTORY_COLUMNS = ["at", "actor", "action", "record", "label", "field", "old", "new", "audience"]


def history_frame(store: Store, person_id: str, *, shareable: bool = False) -> pd.DataFrame:
    """One row per changed field (a change without fields, such as an addition, has one row with none),
    oldest first. ``shareable`` keeps what the report may read (see :meth:`Store.history`)."""
    import pandas as pd

    rows = []
    for c in store.history(person_id, shareable=shareable):
        base = {"at": c.at, "actor": c.actor, "action": c.action, "record": c.record, "label": c.label}
        if not c.fields:
            rows.append({**base, "field": "", "old": None, "new": None, "audience": c.audience})
        for f in c.fields:
            rows.append({**base, "field": f.field, "old": f.old, "new": f.new, "audience": f.audience})
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def _value(text: str | None, action: str, side: str) -> str:
    if text is None or text == "":
        return "(deleted)" if action == "delete" and side == "new" else "(empty)"
    return text


def format_history(store: Store, person_id: str, *, shareable: bool = False, record: str | None = None,
                   additions: bool = True) -> str:
    """The change log as text for a terminal: one line per change (when, who, what), then each changed field
    as ``old → new`` (values on several lines are indented). ``record`` keeps one kind (note, check_in, ...);
    ``additions=False`` leaves out records being added. InputError for an unknown ``record`` kind."""
    check_record_kind(record)
    person = store.person(person_id)
    lines = []
    for c in store.history(person_id, shareable=shareable):
        if record and c.record != record or not additions and c.action == "add":
            continue
        when = c.at.replace("T", " ")[:16] + " UTC"
        mark = "  [private]" if c.audience == "private" else ""
        lines.append(f"{when}  {c.actor}  {c.action} {c.label}{mark}")
        for f in c.fields:
            old, new = _value(f.old, c.action, "old"), _value(f.new, c.action, "new")
            mark = " [private]" if f.audience == "private" and c.audience != "private" else ""
            if "\n" in old or "\n" in new or len(old) + len(new) > 90:
                lines.append(f"    {f.field}{mark}:")
                lines.append(textwrap.indent(old, "      - "))
                lines.append(textwrap.indent(new, "      + "))
            else:
                lines.append(f"    {f.field}{mark}: {old} → {new}")
    if not lines:
        return f"no changes recorded for {person.name} ({person.id}) yet"
    changes = len([x for x in lines if not x.startswith(' ')])
    return f"{person.name} ({person.id}): {plural(changes, 'change')}, oldest first\n" + \
        "\n".join(lines)


def _person_findings(p: Person, today: dt.date, folders: list) -> list[Finding]:  # type: ignore[type-arg]
    out = []
    where = f"person {p.id}"
    problem = implausible_date(p.started, today=today)
    if problem:
        out.append(Finding("error", "implausible_date", f"started {problem}; fix it with `workbook person edit {p.id} "
                           "--started YYYY-MM-DD`", where))
    if p.ladder.strip():
        try:
            lad, _path = person_ladder_file(p, folders)
            assert lad is not None
        except LadderError as exc:  # it names the file and the fix
            out.append(Finding("error", "ladder_unusable", str(exc).removeprefix(f"{p.id}: "), where))
            return out
        except (WorkbookError, OSError) as exc:
            out.append(Finding("error", "ladder_unusable", f"ladder {p.ladder} cannot be used ({exc}); set another with "
                               f"`workbook person edit {p.id} --ladder CSV`", where))
            return out
        try:
            track = lad.resolve_track(p.track or None)
            if p.level.strip():
                lad.resolve_level(track, p.level)
                if p.toward.strip() and live_aim(lad, track, p.level, p.toward) is None:
                    out.append(Finding("warning", "toward_not_above", f"their way up '{p.toward}' is not a level above "
                                       f"theirs ('{p.level}') on the ladder, so pages show the next level up; choose "
                                       f"another with `workbook person edit {p.id} --toward LEVEL`, or clear it with "
                                       "--toward ''", where))
            else:
                out.append(Finding("warning", "no_level", f"on the {track} track with no level yet, so their next level's "
                                   f"expectations cannot be shown; set it with `workbook person edit {p.id} --level "
                                   f"LEVEL` (one of: {', '.join(lad.levels(track))})", where))
        except WorkbookError as exc:
            out.append(Finding("error", "not_on_ladder", f"{exc}; fix it with `workbook person edit {p.id} --track TRACK "
                               "--level LEVEL`", where))
    return out


LIMIT_CODES = frozenset({"too_many_goals", "too_many_objectives", "too_many_key_results"})


def over_limits(store: Store) -> tuple[list[Finding], list[Finding]]:
    """The plans and quarters over the workbook's limits (as stored now, say inside a transaction that lowered
    them): those still ahead or under way (errors: they could not be saved again), and those over (kept as
    written)."""
    found = [f for f in check_workbook(store) if f.code in LIMIT_CODES]
    return [f for f in found if f.severity == "error"], [f for f in found if f.severity != "error"]


def change_limits(store: Store, changes: list[tuple[str, str]]) -> tuple[Limits, list[Finding]]:
    """Set the workbook's limits (``key``, ``value`` pairs), all or nothing, and return them with the periods over
    that already hold more (kept as written). Raises InputError, writing nothing, for a bad key or value, a
    ladder share range upside down, or a plan or quarter under way that the new limits would refuse: the
    workbook would hold what its door refuses, and an export of it would not import again."""
    with store.atomic():
        for key, value in changes:
            store.set_limit(key, value)
        lim = store.limits()
        if lim.ladder_share_low > lim.ladder_share_high:  # nothing written: the transaction rolls back
            raise InputError(f"ladder_share_low ({lim.ladder_share_low:g}) is above ladder_share_high "
                             f"({lim.ladder_share_high:g}); the share the ladder should inform is a range, low to high")
        over, kept = over_limits(store) if changes else ([], [])
        if over:
            raise InputError(f"{over[0].where}: {over[0].message.split(';')[0]}"
                             + (f" (and {len(over) - 1} more)" if len(over) > 1 else "")
                             + "; remove some first, or keep the limit higher")
    return lim, kept


def records_before_start(store: Store, person_id: str, started: dt.date) -> list[Finding]:
    """What of ``person_id``'s records would be dated before ``started`` (a start date being set or moved
    later), as the door and `workbook check` judge it: a note, check-in, action, key result's target or support
    due before it. A start date that leaves records before it would make an export of them fail to import."""
    person = store.person(person_id).model_copy(update={"started": started})
    return [f for f in check_workbook(store, only=person) if f.code == "before_start"]


def check_workbook(store: Store, today: dt.date | None = None, *, only: Person | None = None) -> list[Finding]:
    """Everything in the workbook the door would refuse today, as findings to fix (errors), and what looks
    wrong but is allowed (warnings): implausible dates (before 1970, before the person started, more than
    18 months ahead; a check-in or note more than 92 days ahead), a ladder that does not load or a track or level not on it, more goals, objectives or
    key results than the limits, an objective linked to a goal that does not exist, a key result's target
    outside its quarter. Archived people are checked too. ``only``: one person's records, read as that Person
    (a start date not stored yet, say)."""
    day = today or clock.today()
    limits = store.limits()
    out: list[Finding] = []
    people = {only.id: only} if only is not None else {p.id: p for p in store.people(include_archived=True)}
    for p in people.values():
        out.extend(_person_findings(p, day, store.ladder_folders()))

    def dated(pid: str, value: object, what: str, where: str, fix: str, bound: bool = True) -> None:
        if only is not None and pid != only.id:
            return
        person = people.get(pid)
        problem = implausible_date(to_date(value), started=person.started if person and bound else None, today=day,
                                   started_label=f"{pid}'s start date")
        if problem:
            # "before_start": plausible on its own, but before the person started (records_before_start reads it)
            early = not implausible_date(to_date(value), today=day)
            out.append(Finding("error", "before_start" if early else "implausible_date", f"{what} {problem}; {fix}", where))

    def ahead(pid: str, value: object, record: str, where: str, command: str) -> None:
        """A check-in or note dated further ahead than one records a conversation (an implausible date is said above)."""
        if (only is None or pid == only.id) and not implausible_date(to_date(value), today=day) \
                and (problem := conversation_ahead_problem(value, record=record, today=day, fix="")):
            out.append(Finding("error", f"{record.replace('-', '_')}_ahead",
                               f"{problem}; fix it with `{command} --date YYYY-MM-DD`", where))

    notes = store.notes_frame(include_private=True)
    for n in notes.itertuples():
        dated(n.person_id, n.date, "date", f"{n.person_id} note {n.id}", f"fix it with `workbook note edit {n.id} --date YYYY-MM-DD`")
        ahead(n.person_id, n.date, "note", f"{n.person_id} note {n.id}", f"workbook note edit {n.id}")
        dated(n.person_id, n.follow_up_due, "follow-up due", f"{n.person_id} note {n.id}",
              f"fix it with `workbook note edit {n.id} --follow-up-due YYYY-MM-DD`")
        if problem := topic_problem(str(n.direction), str(n.topic)):
            out.append(Finding("error", "topic_of_direction", f"{problem}; fix it with `workbook note edit {n.id} --topic "
                               "TOPIC` or `--direction`", f"{n.person_id} note {n.id}"))
        if problem := order_problem(("the note's date", n.date), ("follow-up due", n.follow_up_due), why="fix one"):
            out.append(Finding("error", "before_its_note", problem.replace(": check both dates", " with `workbook note "
                               f"edit {n.id} --date YYYY-MM-DD` or `--follow-up-due YYYY-MM-DD`"), f"{n.person_id} note {n.id}"))
    held_on: dict[int, object] = {}  # check-in id -> its date: what is agreed at it is due after the date it has now
    for c in store.check_ins_frame().itertuples():
        held_on[int(c.id)] = c.date
        dated(c.person_id, c.date, "date", f"{c.person_id} check-in {c.id}",
              f"fix it with `workbook checkin edit {c.id} --date YYYY-MM-DD`")
        ahead(c.person_id, c.date, "check-in", f"{c.person_id} check-in {c.id}", f"workbook checkin edit {c.id}")
    for a in store.actions_frame().itertuples():
        dated(a.person_id, a.due, "due", f"{a.person_id} action {a.id}", f"fix it with `workbook action edit {a.id} --due YYYY-MM-DD`")
        dated(a.person_id, a.created_on, "made on", f"{a.person_id} action {a.id}",
              f"an import refuses it too; fix {a.person_id}'s start date with `workbook person edit {a.person_id} "
              "--started YYYY-MM-DD`")
        at_check_in = a.check_in_id == a.check_in_id and a.check_in_id is not None
        if at_check_in and (problem := order_problem(("the check-in's date", held_on.get(int(a.check_in_id), a.created_on)),
                                                     ("due", a.due), why="fix it")):
            out.append(Finding("error", "before_its_check_in", problem.replace(": check both dates", " with `workbook "
                               f"action edit {a.id} --due YYYY-MM-DD`"), f"{a.person_id} action {a.id}"))
    okrs = store.okrs_frame()
    for k in okrs[okrs["kr_id"].notna()].itertuples():
        where = f"{k.person_id} {k.quarter} O{int(k.objective)}·KR{int(k.key_result)}"
        fix = f"fix it with `workbook kr edit {k.person_id} {k.quarter} {int(k.objective)} {int(k.key_result)} --target-date YYYY-MM-DD`"
        dated(k.person_id, k.target_date, "target date", where, fix)
        target = to_date(k.target_date)
        start, end = quarter_bounds(k.quarter)
        if target and not implausible_date(target, today=day) and not start <= target <= end and not (
                isinstance(k.outcome, str) and k.outcome):
            out.append(Finding("warning", "date_outside_quarter", f"target date {target} is outside {k.quarter} "
                               f"({start} to {end}); {fix.replace('fix it', 'move it into the quarter')}", where))
    continued = set(okrs["moved_from_id"].dropna().astype(int)) if len(okrs) else set()
    for k in okrs[okrs["kr_id"].notna() & (okrs["outcome"] == "carried_over")].itertuples():
        if int(k.kr_id) not in continued:
            ref = f"{k.person_id} {k.quarter} {int(k.objective)} {int(k.key_result)}"
            out.append(Finding("warning", "carried_over_nowhere", "marked carried over, but it continues in no later "
                               f"quarter; move it with `workbook kr move {ref}` (--objective N puts it under one of that quarter's "
                               "objectives), or record what came of it with "
                               f"`workbook kr edit {ref} --outcome met|partly_met|not_met|dropped`",
                               f"{k.person_id} {k.quarter} O{int(k.objective)}·KR{int(k.key_result)}"))
    for s in store.support_frame().itertuples():
        dated(s.person_id, s.due, "support due", f"{s.person_id} {s.quarter} support {s.support_id}",
              f"fix it with `workbook support edit {s.support_id} --due YYYY-MM-DD`")
    goals = store.goals_frame()
    folders = store.ladder_folders()
    for g in goals.itertuples():
        person = people.get(str(g.person_id))
        if person is not None and (problem := competency_tag_problem(person, list(g.competencies), folders)):
            out.append(Finding("error", "unknown_competency", f"{problem}; fix it with `workbook goal edit {g.person_id} "
                               f"{int(g.year)} {int(g.position)} --competency NAME`", f"{g.person_id} {int(g.year)} goal "
                               f"{int(g.position)}"))
    for (pid, year), grp in goals.groupby(["person_id", "year"], sort=True):
        for f in check_plan(str(pid), int(year), list(grp.itertuples()), "employee", limits):
            if f.severity == "error":
                out.append(_kept_as_written(f, f"{int(year)} is over") if int(year) < day.year else f)
    if len(okrs):
        for (pid, quarter), grp in okrs.groupby(["person_id", "quarter"], sort=True):
            objectives = []
            for _pos, obj in grp.groupby("objective", sort=True):
                objectives.append(SimpleNamespace(key_results=list(obj["kr_id"].dropna())))
            for f in check_okrs(str(pid), str(quarter), objectives, limits):
                if f.severity == "error":
                    over = quarter_bounds(str(quarter))[1] < day
                    out.append(_kept_as_written(f, f"{quarter} is over") if over else f)
            n_goals = len(goals[(goals["person_id"] == pid) & (goals["year"] == int(str(quarter)[:4]))])
            if quarter_bounds(str(quarter))[1] >= day:  # a quarter still running or ahead (a closed one is history)
                for pos, obj in grp.groupby("objective", sort=True):
                    if obj["kr_id"].isna().all():
                        out.append(Finding("warning", "objective_without_key_results", f"objective {int(pos)} has no "
                                           "key results, so nothing says whether it is met; add one with `workbook kr "
                                           f"add {pid} {quarter} {int(pos)} --text ...` (at most "
                                           f"{limits.max_key_results})", f"{pid} {quarter}"))
            for o in grp.drop_duplicates("objective").itertuples():
                if o.goal is not None and o.goal == o.goal and int(o.goal) > n_goals:
                    out.append(Finding("error", "missing_goal", f"objective {int(o.objective)} links to goal {int(o.goal)}, "
                                       f"but the {str(quarter)[:4]} plan has {plural(n_goals, 'goal')}; link an existing goal "
                                       f"with `workbook objective edit {pid} {quarter} {int(o.objective)} --goal N`",
                                       f"{pid} {quarter}"))
    return out


def _kept_as_written(f: Finding, why: str) -> Finding:
    """A limit broken by a period that is over (the limit was lowered after it): history, kept as it was
    written, so a note rather than an error asking to rewrite a closed quarter or year."""
    return Finding("warning", f.code, f"{f.message.split('; ')[0]}; {why}, so it stays as it was written (the "
                   "limit applies to the periods ahead)", f.where)


def format_findings(findings: list[Finding]) -> str:
    """Findings as text: errors first, one a line."""
    if not findings:
        return "no findings: every date is plausible, every level is on its ladder, every limit holds"
    ordered = sorted(findings, key=lambda f: (f.severity != "error", f.where))
    errors = sum(1 for f in findings if f.severity == "error")
    head = f"{errors} to fix, {len(findings) - errors} to look at"
    return head + "\n" + "\n".join(f"{f.severity}: {f.where}: {f.message}" for f in ordered)
