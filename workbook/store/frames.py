"""Query results as pandas DataFrames for the stages and summaries; shareable reads go through the view."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from ..core.model import (
    check_quarter,
    quarter_bounds,
)
from .base import StoreBase
from .schema import (
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


class FramesStore(StoreBase):
    """DataFrames for reports (pandas is imported only when one is asked for)."""

    def frame(self, query: sa.Select | str, **params: Any):  # type: ignore[no-untyped-def]
        """Run a query and return a pandas DataFrame (pandas is imported only when asked for)."""
        import pandas as pd

        with self._read() as conn:
            result = conn.execute(sa.text(query) if isinstance(query, str) else query, params)
            return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))

    def people_frame(self, *, include_archived: bool = False):  # type: ignore[no-untyped-def]
        """The people, one row each; archived ones (leavers) only with ``include_archived``."""
        q = sa.select(people_t).order_by(people_t.c.id)
        if not include_archived:
            q = q.where(people_t.c.archived == sa.false())
        return self.frame(q)

    def notes_frame(self, person_id: str | None = None, *, include_private: bool = False):  # type: ignore[no-untyped-def]
        """Notes, newest first. Without ``include_private`` the rows come from the shareable view only."""
        if include_private:
            cols = [notes_t]
            q = sa.select(*cols)
            if person_id:
                q = q.where(notes_t.c.person_id == person_id)
            return self.frame(q.order_by(notes_t.c.date.desc(), notes_t.c.id.desc()))
        return self.shareable_notes_frame(person_id)

    def shareable_notes_frame(self, person_id: str | None = None):  # type: ignore[no-untyped-def]
        """Shared notes only, read through the ``shareable_notes`` view (no private note can be returned)."""
        sql = "SELECT * FROM shareable_notes"
        if person_id:
            sql += " WHERE person_id = :p"
        return self.frame(sql + " ORDER BY date DESC, id DESC", p=person_id)

    def goals_frame(self, person_id: str | None = None, year: int | None = None):  # type: ignore[no-untyped-def]
        """One row per goal: person_id, year, status, drafted_by, position, text, draft, priority, feedback, competencies (list)."""
        q = (sa.select(plans_t.c.person_id, plans_t.c.year, plans_t.c.status, plans_t.c.drafted_by, goals_t.c.id.label("goal_id"),
                       goals_t.c.position, goals_t.c.text, goals_t.c.draft, goals_t.c.priority, goals_t.c.feedback)
             .select_from(goals_t.join(plans_t)).order_by(plans_t.c.person_id, plans_t.c.year, goals_t.c.position))
        if person_id:
            q = q.where(plans_t.c.person_id == person_id)
        if year:
            q = q.where(plans_t.c.year == year)
        df = self.frame(q)
        comps = self.frame(sa.select(goal_comp_t).where(goal_comp_t.c.goal_id.in_(q.with_only_columns(goals_t.c.id)
                                                                                   .order_by(None)))
                           .order_by(goal_comp_t.c.goal_id, goal_comp_t.c.position))
        by_goal: dict[int, list[str]] = {}
        for gid, comp in zip(comps.get("goal_id", []), comps.get("competency", []), strict=False):
            by_goal.setdefault(int(gid), []).append(comp)
        df["competencies"] = [by_goal.get(int(g), []) for g in df["goal_id"]] if len(df) else []
        return df

    def okrs_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """One row per key result (objectives without KRs get one row with empty KR columns)."""
        q = (sa.select(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position.label("objective"),
                       objectives_t.c.text.label("objective_text"), objectives_t.c.goal_position.label("goal"),
                       objectives_t.c.understanding, objectives_t.c.supplement, objectives_t.c.aligned_work,
                       krs_t.c.id.label("kr_id"), krs_t.c.position.label("key_result"), krs_t.c.text.label("kr_text"),
                       krs_t.c.target_date, krs_t.c.outcome, krs_t.c.outcome_note)
             .select_from(quarters_t.join(objectives_t).outerjoin(krs_t))
             .order_by(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position, krs_t.c.position))
        if person_id:
            q = q.where(quarters_t.c.person_id == person_id)
        if quarter:
            q = q.where(quarters_t.c.quarter == check_quarter(quarter))
        return self.frame(q)

    def kr_status_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """One row per KR status at a check-in: person_id, date, mode, objective, key_result, kr_text, status, note."""
        q = (sa.select(checkins_t.c.person_id, checkins_t.c.id.label("check_in_id"), checkins_t.c.date, checkins_t.c.mode,
                       quarters_t.c.quarter, objectives_t.c.position.label("objective"), krs_t.c.position.label("key_result"),
                       krs_t.c.text.label("kr_text"), kr_status_t.c.status, kr_status_t.c.note)
             .select_from(kr_status_t.join(checkins_t).join(krs_t).join(objectives_t).join(quarters_t))
             .order_by(checkins_t.c.person_id, checkins_t.c.date, objectives_t.c.position, krs_t.c.position))
        if person_id:
            q = q.where(checkins_t.c.person_id == person_id)
        if quarter:
            q = q.where(quarters_t.c.quarter == check_quarter(quarter))
        return self.frame(q)

    def check_ins_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """One row per check-in with counts of obstacles, trial runs and actions."""
        q = sa.select(checkins_t).order_by(checkins_t.c.person_id, checkins_t.c.date)
        if person_id:
            q = q.where(checkins_t.c.person_id == person_id)
        if quarter:
            start, end = quarter_bounds(quarter)
            q = q.where(checkins_t.c.date.between(start, end))
        return self.frame(q)

    def obstacles_frame(self, person_id: str, quarter: str | None = None):  # type: ignore[no-untyped-def]
        q = (sa.select(checkins_t.c.date, obstacles_t.c.kind, obstacles_t.c.text).select_from(obstacles_t.join(checkins_t))
             .where(checkins_t.c.person_id == person_id).order_by(checkins_t.c.date))
        if quarter:
            start, end = quarter_bounds(quarter)
            q = q.where(checkins_t.c.date.between(start, end))
        return self.frame(q)

    def trial_runs_frame(self, person_id: str, quarter: str | None = None):  # type: ignore[no-untyped-def]
        q = (sa.select(checkins_t.c.date, trials_t.c.text, trials_t.c.status, trials_t.c.debrief, trials_t.c.follow_up_on)
             .select_from(trials_t.join(checkins_t)).where(checkins_t.c.person_id == person_id).order_by(checkins_t.c.date))
        if quarter:
            start, end = quarter_bounds(quarter)
            q = q.where(checkins_t.c.date.between(start, end))
        return self.frame(q)

    def actions_frame(self, person_id: str | None = None, *, open_only: bool = False):  # type: ignore[no-untyped-def]
        q = sa.select(actions_t).order_by(actions_t.c.due.is_(None), actions_t.c.due, actions_t.c.id)
        if person_id:
            q = q.where(actions_t.c.person_id == person_id)
        if open_only:
            q = q.where(actions_t.c.status == "open")
        return self.frame(q)

    def support_frame(self, person_id: str | None = None, quarter: str | None = None):  # type: ignore[no-untyped-def]
        """Support commitments: who, what, status, due, with their key result and quarter."""
        q = (sa.select(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position.label("objective"),
                       krs_t.c.position.label("key_result"), krs_t.c.text.label("kr_text"), support_t.c.id.label("support_id"),
                       support_t.c.who, support_t.c.what, support_t.c.status, support_t.c.due)
             .select_from(support_t.join(krs_t).join(objectives_t).join(quarters_t))
             .order_by(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position, krs_t.c.position))
        if person_id:
            q = q.where(quarters_t.c.person_id == person_id)
        if quarter:
            q = q.where(quarters_t.c.quarter == check_quarter(quarter))
        return self.frame(q)

    def last_conversation_frame(self, as_of: dt.date | None = None):  # type: ignore[no-untyped-def]
        """Per person, the date of the last career conversation (any note or check-in) on or before ``as_of``."""
        notes = sa.select(notes_t.c.person_id.label("person_id"), notes_t.c.date.label("date"))
        checks = sa.select(checkins_t.c.person_id.label("person_id"), checkins_t.c.date.label("date"))
        if as_of is not None:
            notes = notes.where(notes_t.c.date <= as_of)
            checks = checks.where(checkins_t.c.date <= as_of)
        talks = sa.union_all(notes, checks).subquery()
        last = (sa.select(talks.c.person_id, sa.func.max(talks.c.date).label("last_conversation"))
                .group_by(talks.c.person_id).subquery())
        return self.frame(sa.select(people_t.c.id.label("person_id"), people_t.c.name, last.c.last_conversation)
                          .select_from(people_t.outerjoin(last, last.c.person_id == people_t.c.id)).order_by(people_t.c.id))


