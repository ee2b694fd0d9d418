"""Annual growth plans: save a whole plan or one goal under the workbook's limits, and read one back."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import InputError
from ..core.model import (
    STORED,
    Goal,
    GrowthPlan,
)
from ..core.rules import Finding, check_plan, raise_on_errors
from .base import _grandfather, _new_id
from .door import check_period_start
from .history import HistoryStore, diff_fields, match_rows
from .private import save_private, select_with_private
from .schema import goal_comp_t, goals_t, objectives_t, plans_t, quarters_t


class PlansStore(HistoryStore):
    """Annual growth plans and their goals."""

    def save_plan(self, plan: GrowthPlan, *, replace: bool = True) -> list[Finding]:
        """Write a whole growth plan for (person, year); returns the warnings. Raises RuleViolation
        (nothing written) when the goals break a limit, InputError when a plan exists and not ``replace``."""
        with self.atomic() as conn:
            self._require_person(conn, plan.person)
            before = self.plan(plan.person, plan.year)
            if before is None:
                check_period_start(f"the {plan.year} plan", dt.date(plan.year, 1, 1))
            findings = check_plan(plan.person, plan.year, plan.goals, plan.drafted_by, self.limits())
            # a plan saved before a limit was lowered can still be edited, as long as it does not grow
            findings = raise_on_errors(_grandfather(findings, {("too_many_goals", ""): len(before.goals) >= len(plan.goals)}
                                                    if before else {}))
            existing = conn.execute(sa.select(plans_t.c.id).where(
                plans_t.c.person_id == plan.person, plans_t.c.year == plan.year)).scalar()
            if existing is not None and not replace:
                raise InputError(f"{plan.person} already has a growth plan for {plan.year}; edit it instead of adding another")
            if existing is None:
                plan_id = _new_id(conn.execute(plans_t.insert().values(
                    person_id=plan.person, year=plan.year, drafted_by=plan.drafted_by, status=plan.status)))
            else:
                plan_id = existing
                conn.execute(plans_t.update().where(plans_t.c.id == plan_id).values(
                    drafted_by=plan.drafted_by, status=plan.status))
            moved = self._write_goals(conn, plan_id, before.goals if before else [], plan.goals)
            after = self.plan(plan.person, plan.year)
            assert after is not None
            self._log_plan_diff(conn, before, after)
            self._follow_goals(conn, plan.person, plan.year, moved)
            return findings

    def _follow_goals(self, conn: Connection, person_id: str, year: int, moved: dict[int, int | None]) -> None:
        """Objectives of ``year``'s quarters name their goal by its position in the plan: after a save moved or
        removed goals (``moved``: old position -> new one, None when removed), each objective follows its goal,
        or is unlinked when its goal went (logged as an edit of the objective). Before, removing goal 2 left an
        objective of goal 2 pointing at the goal that took its place, and one of goal 3 at nothing."""
        changed = {old: new for old, new in moved.items() if old != new}
        if not changed:
            return
        rows = conn.execute(sa.select(objectives_t.c.id, objectives_t.c.position, objectives_t.c.goal_position,
                                      quarters_t.c.quarter).join(quarters_t, quarters_t.c.id == objectives_t.c.quarter_id)
                            .where(quarters_t.c.person_id == person_id, quarters_t.c.quarter.like(f"{year}Q%"),
                                   objectives_t.c.goal_position.in_(list(changed)))).all()
        for row in rows:
            new = changed[row.goal_position]
            conn.execute(objectives_t.update().where(objectives_t.c.id == row.id).values(goal_position=new))
            self._log(conn, person_id, "objective", row.id, "edit", f"objective {row.position} of {row.quarter}",
                      diff_fields("objective", {"goal": row.goal_position}, {"goal": new}))

    @staticmethod
    def _write_goals(conn: Connection, plan_id: int, old: list[Goal], goals: list[Goal]) -> dict[int, int | None]:
        """Write a plan's goals over its ``old`` ones; returns each old goal's position -> its new one (None:
        removed). A goal keeps its id (and so its history, and what refers to it) when it is edited, moved, or
        another goal is removed: incoming goals are matched to the old ones as the change log matches them (by
        id, then equal text, then position); the others are removed or added."""
        pairs = match_rows([g.id for g in old], [g.text for g in old], [g.id for g in goals], [g.text for g in goals])
        moved: dict[int, int | None] = {j + 1: None for j in range(len(old))}
        moved.update({j + 1: i + 1 for i, j in pairs.items()})
        kept: dict[int, int] = {i: old_id for i, j in pairs.items() if (old_id := old[j].id) is not None}
        conn.execute(goals_t.delete().where(goals_t.c.plan_id == plan_id, goals_t.c.id.not_in(list(kept.values()))))
        for parked in kept.values():  # parked at unique negative positions first, so renumbering cannot clash
            conn.execute(goals_t.update().where(goals_t.c.id == parked).values(position=-parked))
        for pos, goal in enumerate(goals, 1):
            values = {"position": pos, "text": goal.text, "priority": goal.priority}
            if pos - 1 not in kept:
                gid = _new_id(conn.execute(goals_t.insert().values(plan_id=plan_id, **values)))
            else:
                gid = kept[pos - 1]
                conn.execute(goals_t.update().where(goals_t.c.id == gid).values(**values))
                conn.execute(goal_comp_t.delete().where(goal_comp_t.c.goal_id == gid))
            save_private(conn, goals_t, gid, {"draft": goal.draft, "feedback": goal.feedback})
            for n, comp in enumerate(dict.fromkeys(goal.competencies)):
                conn.execute(goal_comp_t.insert().values(goal_id=gid, competency=comp, position=n))
        return moved

    def add_goal(self, person_id: str, year: int, goal: Goal, *, drafted_by: str = "employee") -> list[Finding]:
        """Append one goal to a person's plan for ``year`` (creating a draft plan); RuleViolation past the limit."""
        with self.atomic():  # read and write in one transaction: no lost update between them
            plan = self.plan(person_id, year) or GrowthPlan(person=person_id, year=year, drafted_by=drafted_by)  # type: ignore[arg-type]
            plan.goals.append(goal)
            return self.save_plan(plan)

    def plan_goal_count(self, person_id: str, year: int) -> int | None:
        """How many goals the (person, year) plan has, or None when there is no plan (one query)."""
        with self._read() as conn:
            row = conn.execute(sa.select(plans_t.c.id, sa.func.count(goals_t.c.id))
                               .select_from(plans_t.outerjoin(goals_t))
                               .where(plans_t.c.person_id == person_id, plans_t.c.year == year)
                               .group_by(plans_t.c.id)).first()
        return None if row is None else int(row[1])

    def plan(self, person_id: str, year: int) -> GrowthPlan | None:
        """The growth plan for (person, year) or None."""
        with self._read() as conn:
            row = conn.execute(sa.select(plans_t).where(plans_t.c.person_id == person_id, plans_t.c.year == year)).mappings().first()
            if row is None:
                return None
            goals = []
            for g in conn.execute(select_with_private(goals_t).where(goals_t.c.plan_id == row["id"]).order_by(goals_t.c.position)).mappings():
                comps = [c[0] for c in conn.execute(sa.select(goal_comp_t.c.competency).where(
                    goal_comp_t.c.goal_id == g["id"]).order_by(goal_comp_t.c.position))]
                goals.append(Goal.model_validate({**{k: g[k] for k in ("text", "draft", "priority", "feedback", "position",
                                                                       "id")}, "competencies": comps}, context=STORED))
        return GrowthPlan.model_validate({"person": person_id, "year": year, "drafted_by": row["drafted_by"],
                                          "status": row["status"], "goals": goals, "id": row["id"]}, context=STORED)

