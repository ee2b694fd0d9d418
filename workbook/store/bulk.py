"""Bulk writes for imports: many validated records in one transaction, as batched multi-row inserts.

The Store's one-record methods (``add_check_in``, ``save_okrs`` ...) read before they write so that
forms can edit in place; an import of a thousand people's year would spend minutes in those reads.
:class:`BulkWriter` only inserts: the caller (the importer) has already checked every rule and every
reference inside the same write transaction. Ids are given here, so children can point at their parents
before anything is flushed: on SQLite the next free id of each table, read inside that transaction,
where no one else can write; on PostgreSQL drawn from each table's own sequence in blocks (a user under
row-level security sees only some rows, so a maximum would collide, and the sequence must stay ahead of
every id written). The database's own constraints (unique plan per year, unique OKRs per quarter,
foreign keys) still refuse anything that slipped through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core import clock
from ..core.dates import day_in_quarter, outcome_day
from ..core.model import Action, CheckIn, GrowthPlan, KRRef, Note, Person, QuarterOKRs
from .private import private_row, split_private
from .schema import (
    PRIVATE_PARTS,
    actions_t,
    checkins_t,
    goal_comp_t,
    goals_t,
    kr_status_t,
    krs_t,
    notes_t,
    objectives_t,
    obstacles_t,
    people_t,
    plans_t,
    quarters_t,
    support_t,
    trials_t,
)

__all__ = ["BulkWriter"]

# parents before children: each flush inserts in this order
_PARENTS = (people_t, plans_t, goals_t, goal_comp_t, quarters_t, objectives_t, krs_t, support_t, checkins_t,
            kr_status_t, obstacles_t, trials_t, actions_t, notes_t)
# each record's private part (schema.PRIVATE_PARTS) right after its record
_ORDER = tuple(t for parent in _PARENTS
               for t in (parent, *([PRIVATE_PARTS[parent.name][0]] if parent.name in PRIVATE_PARTS else [])))
_FLUSH_ROWS = 20_000
_ID_BLOCK = 1_000  # ids drawn from a PostgreSQL sequence per round trip


class BulkWriter:
    """Buffered inserts inside an open write transaction (``conn`` from ``Store.atomic()``)."""

    def __init__(self, conn: Connection, sealer: Callable[[int, str, str | None, dict[str, Any]], dict[str, Any]]
                 | None = None) -> None:
        """``sealer`` seals a private note's values for its row (id, person, author) before they are buffered:
        a note's clear text never reaches the database when its writer holds the author's key."""
        self.conn = conn
        self.sealer = sealer
        self._rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in _ORDER}
        self._next: dict[str, int] = {}
        self._drawn: dict[str, list[int]] = {}
        self._postgres = conn.dialect.name == "postgresql"
        self._pending = 0
        self._krs: dict[tuple[str, str, int, int], int] = {}  # this import's key results, for a moved one's lineage
        self._written: dict[tuple[str, tuple[int, ...]], int] = {}  # see take_written

    def take_written(self) -> dict[tuple[str, tuple[int, ...]], int]:
        """The ids given to the records written since the last call (one add_* call: one entry of a file), by
        the kind of record as the change log names it and its place in the entry, 0-based: ``("note", ())``,
        ``("goal", (j,))``, ``("key_result", (i, j))``, ``("support", (i, j, n))``, a check-in's
        ``("action", (n,))``. An import maps an export's change log from its old ids to these."""
        written, self._written = self._written, {}
        return written

    def _id(self, table: sa.Table) -> int:
        if self._postgres:
            drawn = self._drawn.setdefault(table.name, [])
            if not drawn:
                drawn.extend(reversed(self.conn.execute(
                    sa.text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                    {"t": table.name, "n": _ID_BLOCK}).scalars().all()))
            return int(drawn.pop())
        if table.name not in self._next:
            self._next[table.name] = int(self.conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one())
        self._next[table.name] += 1
        return self._next[table.name]

    def _add(self, table: sa.Table, row: dict[str, Any], row_id: Any = None) -> None:
        """Buffer ``row`` for ``table``; a record with private fields (schema.PRIVATE_PARTS) gives its id as
        ``row_id`` and its private part is buffered too (when any of its fields has words)."""
        if table.name in PRIVATE_PARTS:
            row, private = split_private(table, row)
            part = private_row(table, row_id, private)
            if part is not None:
                self._rows[PRIVATE_PARTS[table.name][0].name].append(part)
                self._pending += 1
        self._rows[table.name].append(row)
        self._pending += 1
        if self._pending >= _FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Insert everything buffered, parents first."""
        for table in _ORDER:
            rows = self._rows[table.name]
            if rows:
                self.conn.execute(table.insert(), rows)
                rows.clear()
        self._pending = 0

    def add_person(self, person: Person, manager_id: str | None, manager_name: str = "") -> None:
        """Insert a person whose manager is the person ``manager_id`` (in the tree, written before them) or,
        outside the tree, the free-text ``manager_name``."""
        self._add(people_t, {**person.model_dump(exclude={"manager"}), "manager_id": manager_id,
                             "manager_name": manager_name}, person.id)

    def add_plan(self, plan: GrowthPlan) -> None:
        plan_id = self._written["growth_plan", ()] = self._id(plans_t)
        self._add(plans_t, {"id": plan_id, "person_id": plan.person, "year": plan.year, "drafted_by": plan.drafted_by,
                            "status": plan.status})
        for pos, goal in enumerate(plan.goals, 1):
            goal_id = self._written["goal", (pos - 1,)] = self._id(goals_t)
            self._add(goals_t, {"id": goal_id, "plan_id": plan_id, "position": pos, "text": goal.text,
                                "draft": goal.draft, "priority": goal.priority, "feedback": goal.feedback}, goal_id)
            for n, comp in enumerate(dict.fromkeys(goal.competencies)):
                self._add(goal_comp_t, {"goal_id": goal_id, "competency": comp, "position": n})

    def drop_empty_quarter(self, person: str, quarter: str) -> None:
        """Delete ``person``'s set for ``quarter`` when it holds no objective (versions before an empty set meant no
        OKRs kept one after its last objective was deleted), so that a set added next takes its place."""
        self.conn.execute(quarters_t.delete().where(quarters_t.c.person_id == person, quarters_t.c.quarter == quarter,
                                                    ~sa.exists().where(objectives_t.c.quarter_id == quarters_t.c.id)))

    def add_okrs(self, okrs: QuarterOKRs) -> dict[tuple[int, int], int]:
        """Insert a quarter's OKRs; returns the new key results' ids by (objective, key result) position."""
        quarter_id = self._id(quarters_t)
        self._add(quarters_t, {"id": quarter_id, "person_id": okrs.person, "quarter": okrs.quarter})
        kr_ids: dict[tuple[int, int], int] = {}
        for i, obj in enumerate(okrs.objectives, 1):
            obj_id = self._written["objective", (i - 1,)] = self._id(objectives_t)
            self._add(objectives_t, {"id": obj_id, "quarter_id": quarter_id, "position": i, "text": obj.text,
                                     "goal_position": obj.goal, "understanding": obj.understanding,
                                     "supplement": obj.supplement, "aligned_work": obj.aligned_work}, obj_id)
            for j, kr in enumerate(obj.key_results, 1):
                kr_id = kr_ids[(i, j)] = self._written["key_result", (i - 1, j - 1)] = self._id(krs_t)
                self._krs[(okrs.person, okrs.quarter, i, j)] = kr_id
                self._add(krs_t, {"id": kr_id, "objective_id": obj_id, "position": j, "text": kr.text,
                                  "target_date": kr.target_date, "outcome": kr.outcome, "outcome_note": kr.outcome_note,
                                  "outcome_on": (kr.outcome_on or outcome_day(okrs.quarter)) if kr.outcome else None,
                                  "moved_from_id": self._lineage(okrs.person, kr.moved_from)})
                for n, sp in enumerate(kr.support):
                    support_id = self._written["support", (i - 1, j - 1, n)] = self._id(support_t)
                    self._add(support_t, {"id": support_id, "key_result_id": kr_id,
                                          **sp.model_dump(exclude={"id"}),
                                          "requested_on": sp.requested_on or day_in_quarter(okrs.quarter)})
        return kr_ids

    def _lineage(self, person: str, ref: KRRef | None) -> int | None:
        """The id of the key result a moved one continues: one this import added, else one in the workbook
        (None when it is in neither: the lineage is kept where it can be)."""
        if ref is None:
            return None
        key = (person, ref.quarter, ref.objective, ref.key_result)
        if key in self._krs:
            return self._krs[key]
        return self.conn.execute(sa.select(krs_t.c.id).select_from(krs_t.join(objectives_t).join(quarters_t)).where(
            quarters_t.c.person_id == person, quarters_t.c.quarter == ref.quarter,
            objectives_t.c.position == ref.objective, krs_t.c.position == ref.key_result)).scalar()

    def add_check_in(self, check_in: CheckIn, kr_ids: dict[tuple[int, int], int]) -> None:
        """Insert a check-in; ``kr_ids`` maps the (objective, key result) positions it names to ids."""
        check_in_id = self._written["check_in", ()] = self._id(checkins_t)
        self._add(checkins_t, {"id": check_in_id, "person_id": check_in.person, "date": check_in.date,
                               "mode": check_in.mode, "summary": check_in.summary}, check_in_id)
        for st in check_in.key_results:
            self._add(kr_status_t, {"id": self._id(kr_status_t), "check_in_id": check_in_id,
                                    "key_result_id": kr_ids[(st.objective, st.key_result)], "status": st.status,
                                    "note": st.note})
        for ob in check_in.obstacles:
            self._add(obstacles_t, {"id": self._id(obstacles_t), "check_in_id": check_in_id, "kind": ob.kind,
                                    "text": ob.text})
        for tr in check_in.trial_runs:
            self._add(trials_t, {"id": self._id(trials_t), "check_in_id": check_in_id, **tr.model_dump()})
        for n, act in enumerate(check_in.actions):
            action_id = self._written["action", (n,)] = self._id(actions_t)
            self._add(actions_t, {"id": action_id, "person_id": check_in.person, "check_in_id": check_in_id,
                                  "text": act.text, "owner": act.owner, "due": act.due, "status": act.status,
                                  "status_on": act.status_on, "status_before": act.status_before,
                                  "created_on": check_in.date})

    def add_note(self, note: Note, author_id: str | None) -> None:
        """Insert a note written by the person ``author_id`` (None: the workbook's owner)."""
        note_id = self._written["note", ()] = self._id(notes_t)
        values = note.model_dump(exclude={"id", "person", "author"})
        if self.sealer is not None and note.visibility == "private":
            values = self.sealer(note_id, note.person, author_id, values)
        self._add(notes_t, {"id": note_id, "person_id": note.person, "author_id": author_id, **values})

    def add_action(self, action: Action, created_on: dt.date | None = None) -> None:
        action_id = self._written["action", ()] = self._id(actions_t)
        self._add(actions_t, {"id": action_id, "person_id": action.person, "check_in_id": None,
                              "text": action.text, "owner": action.owner, "due": action.due, "status": action.status,
                              "status_on": action.status_on, "status_before": action.status_before,
                              "created_on": created_on or clock.today()})
