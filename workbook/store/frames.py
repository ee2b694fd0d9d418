"""Query results as pandas DataFrames for the stages and summaries; shareable reads go through the view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from ..core.model import (
    check_quarter,
    quarter_bounds,
)
from .base import StoreBase
from .private import private_columns, select_with_private, with_private
from .schema import (
    actions_t,
    changes_t,
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
    side_drafts_t,
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
        """One row per person; ``manager`` is the name to show (the manager person's, else the free-text
        name a file gave), ``manager_id`` their place in the org tree. Archived people (leavers) only with
        ``include_archived``."""
        boss = people_t.alias("boss")
        cols = [c for c in people_t.c if c.name not in ("manager_name",)]
        # a report does not read their manager's row: PostgreSQL gives them the name alone, as their page shows it
        # (wb_manager_name, asked only where the row is out of reach: coalesce stops at the first name)
        given = ([sa.func.wb_manager_name(sa.literal_column("current_user"), people_t.c.id, people_t.c.manager_id)]
                 if self.is_postgres else [])
        label = sa.func.coalesce(boss.c.name, *given, people_t.c.manager_id,
                                 sa.func.nullif(people_t.c.manager_name, ""), "")
        q = (sa.select(*cols, *private_columns(people_t), label.label("manager"))
             .select_from(with_private(people_t.outerjoin(boss, boss.c.id == people_t.c.manager_id), people_t))
             .order_by(people_t.c.id))
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
            return self._unseal_frame(self.frame(q.order_by(notes_t.c.date.desc(), notes_t.c.id.desc())))
        return self.shareable_notes_frame(person_id)

    def shareable_notes_frame(self, person_id: str | None = None):  # type: ignore[no-untyped-def]
        """Shared notes only, read through the ``shareable_notes`` view (no private note can be returned)."""
        sql = "SELECT * FROM shareable_notes"
        if person_id:
            sql += " WHERE person_id = :p"
        return self.frame(sql + " ORDER BY date DESC, id DESC", p=person_id)

    def goals_frame(self, person_id: str | None = None, year: int | None = None):  # type: ignore[no-untyped-def]
        """One row per goal: person_id, year, status, drafted_by, position, text, priority, draft, feedback, competencies (list)."""
        q = (sa.select(plans_t.c.person_id, plans_t.c.year, plans_t.c.status, plans_t.c.drafted_by, goals_t.c.id.label("goal_id"),
                       goals_t.c.position, goals_t.c.text, goals_t.c.priority, *private_columns(goals_t))
             .select_from(with_private(goals_t.join(plans_t), goals_t)).order_by(plans_t.c.person_id, plans_t.c.year, goals_t.c.position))
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
        """One row per key result (objectives without KRs get one row with empty KR columns); ``moved_from_id``
        is the ``kr_id`` of the earlier quarter's key result this one continues (moved or carried over)."""
        q = (sa.select(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position.label("objective"),
                       objectives_t.c.text.label("objective_text"), objectives_t.c.goal_position.label("goal"),
                       *private_columns(objectives_t),
                       krs_t.c.id.label("kr_id"), krs_t.c.position.label("key_result"), krs_t.c.text.label("kr_text"),
                       krs_t.c.target_date, krs_t.c.outcome, krs_t.c.outcome_note, krs_t.c.outcome_on, krs_t.c.moved_from_id)
             .select_from(with_private(quarters_t.join(objectives_t), objectives_t).outerjoin(krs_t))
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
        q = select_with_private(checkins_t).order_by(checkins_t.c.person_id, checkins_t.c.date)
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

    def trial_runs_to_debrief_frame(self, as_of: dt.date,  # type: ignore[no-untyped-def]
                                    people: str | Sequence[str] | None = None):
        """Trial runs agreed on or before ``as_of`` and not yet debriefed that have a follow-up day, of one person,
        some or everyone the reader sees (on PostgreSQL: the report and their manager, as every trial run), soonest
        follow-up first: person_id, date (of the check-in), text, status, follow_up_on."""
        q = (sa.select(checkins_t.c.person_id, checkins_t.c.date, trials_t.c.text, trials_t.c.status,
                       trials_t.c.follow_up_on)
             .select_from(trials_t.join(checkins_t))
             .where(trials_t.c.status != "debriefed", trials_t.c.follow_up_on.is_not(None), checkins_t.c.date <= as_of)
             .order_by(trials_t.c.follow_up_on, trials_t.c.id))
        return self.frame(_of(q, checkins_t.c.person_id, people))

    def actions_frame(self, person_id: str | None = None, *, open_only: bool = False,  # type: ignore[no-untyped-def]
                      people: Sequence[str] | None = None):
        """Actions, soonest due first (undated last); of ``person_id``, or of ``people`` when given."""
        q = sa.select(actions_t).order_by(actions_t.c.due.is_(None), actions_t.c.due, actions_t.c.id)
        q = _of(q, actions_t.c.person_id, person_id or people)
        if open_only:
            q = q.where(actions_t.c.status == "open")
        return self.frame(q)

    def support_frame(self, person_id: str | None = None, quarter: str | Sequence[str] | None = None, *,  # type: ignore[no-untyped-def]
                      people: Sequence[str] | None = None):
        """Support commitments: who, what, status, due, requested_on, status_on, status_before (the day the status last
        changed and the one before), with their key result and quarter (of ``person_id``,
        or of ``people`` when given; of ``quarter``, one or several, when given)."""
        q = (sa.select(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position.label("objective"),
                       krs_t.c.position.label("key_result"), krs_t.c.text.label("kr_text"), support_t.c.id.label("support_id"),
                       support_t.c.who, support_t.c.what, support_t.c.status, support_t.c.due,
                       support_t.c.requested_on, support_t.c.status_on, support_t.c.status_before)
             .select_from(support_t.join(krs_t).join(objectives_t).join(quarters_t))
             .order_by(quarters_t.c.person_id, quarters_t.c.quarter, objectives_t.c.position, krs_t.c.position,
                       support_t.c.id))
        q = _of(q, quarters_t.c.person_id, person_id or people)
        if isinstance(quarter, str) and quarter:
            q = q.where(quarters_t.c.quarter == check_quarter(quarter))
        elif quarter:
            q = q.where(quarters_t.c.quarter.in_([check_quarter(one) for one in quarter]))
        return self.frame(q)

    # -- team-wide reads: one query for a whole team instead of one per person (a server's round trips) ------
    def last_check_in_dates(self, before: dt.date, people: str | Sequence[str] | None = None) -> dict[str, dt.date]:
        """Per person (everyone the reader sees, or ``people``: one id or several), the day of their last
        check-in strictly before ``before``; people never checked in with are absent."""
        q = (sa.select(checkins_t.c.person_id, sa.func.max(checkins_t.c.date))
             .where(checkins_t.c.date < before).group_by(checkins_t.c.person_id))
        q = _of(q, checkins_t.c.person_id, people)
        with self._read() as conn:
            return {str(pid): _day(day) for pid, day in conn.execute(q)}

    def added_days(self, people: str | Sequence[str] | None = None) -> dict[str, dt.date]:
        """Per person (everyone the reader sees, or ``people``), the day the change log says they were added to the
        workbook (its first "add" entry for them, a UTC day; an import keeps the exported workbook's entries). People
        added before the log existed, or whose entry the reader may not read, are absent."""
        q = (sa.select(changes_t.c.person_id, sa.func.min(changes_t.c.at))
             .where(changes_t.c.record == "person", changes_t.c.action == "add").group_by(changes_t.c.person_id))
        q = _of(q, changes_t.c.person_id, people)
        with self._read() as conn:
            return {str(pid): dt.date.fromisoformat(str(at)[:10]) for pid, at in conn.execute(q) if at}

    def follow_up_notes_frame(self, as_of: dt.date, people: str | Sequence[str] | None = None):  # type: ignore[no-untyped-def]
        """Notes on or before ``as_of`` whose follow-up is not done (private ones included: the manager's own
        list; on PostgreSQL the reader's rights apply), newest first, as :meth:`notes_frame` orders them:
        id, person_id, date, direction, topic, visibility, follow_up, follow_up_due, follow_up_done."""
        q = (sa.select(notes_t.c.id, notes_t.c.person_id, notes_t.c.date, notes_t.c.direction, notes_t.c.topic,
                       notes_t.c.visibility, notes_t.c.follow_up, notes_t.c.follow_up_due, notes_t.c.follow_up_done)
             .where(notes_t.c.follow_up != "", notes_t.c.follow_up_done.is_(sa.false()), notes_t.c.date <= as_of)
             .order_by(notes_t.c.date.desc(), notes_t.c.id.desc()))
        return self._unseal_frame(self.frame(_of(q, notes_t.c.person_id, people)))

    def goal_counts(self, years: list[int],
                    people: str | Sequence[str] | None = None) -> dict[tuple[str, int], tuple[int, str]]:
        """Growth goals per (person, year) for ``years``, with their plan's status (draft, in_discussion or agreed);
        a plan without goals, or no plan, is absent."""
        q = (sa.select(plans_t.c.person_id, plans_t.c.year, plans_t.c.status, sa.func.count(goals_t.c.id))
             .select_from(plans_t.join(goals_t)).where(plans_t.c.year.in_(years))
             .group_by(plans_t.c.person_id, plans_t.c.year, plans_t.c.status))
        q = _of(q, plans_t.c.person_id, people)
        with self._read() as conn:
            return {(str(pid), int(year)): (int(n), str(status)) for pid, year, status, n in conn.execute(q)}

    def goal_drafts_awaiting(self, years: list[int],
                             people: str | Sequence[str] | None = None) -> dict[tuple[str, int], tuple[int, dt.date]]:
        """Per (person, year) whose plan is not agreed yet: how many growth-goal drafts the report has shared with
        no feedback given on them since, and the day the last of them was shared. Read with the reader's rights
        (on an organisation's server: the drafts shared with them)."""
        t = side_drafts_t.c
        plan = sa.and_(plans_t.c.person_id == t.person_id, sa.cast(plans_t.c.year, sa.String) == t.period)
        shared = _of(sa.select(t.person_id, t.kind, t.period, t.position, t.updated_at, plans_t.c.status)
                     .select_from(side_drafts_t.outerjoin(plans_t, plan))
                     .where(t.state == "shared", t.kind.in_(("goal", "feedback")), t.period.in_([str(y) for y in years])),
                     t.person_id, people)
        with self._read() as conn:  # one query: the due list reads a whole team in a few
            rows = [(str(p), k, str(y), int(n), str(u), s) for p, k, y, n, u, s in conn.execute(shared)]
        given = {(p, y, n): u for p, k, y, n, u, _s in rows if k == "feedback"}
        waiting: dict[tuple[str, int], tuple[int, str]] = {}
        for p, k, y, n, u, status in rows:
            key = (p, int(y))
            if k == "goal" and status != "agreed" and given.get((p, y, n), "") < u:  # ISO stamps order as text
                count, last = waiting.get(key, (0, ""))
                waiting[key] = (count + 1, max(last, u))
        return {key: (count, dt.date.fromisoformat(last[:10])) for key, (count, last) in waiting.items()}

    def okr_counts(self, quarters: list[str], people: str | Sequence[str] | None = None,
                   as_of: dt.date | None = None) -> dict[tuple[str, str], tuple[int, int]]:
        """Per (person, quarter) among ``quarters`` that has objectives: (objectives, key results without an
        outcome; with ``as_of``, without one recorded by that day)."""
        no_outcome: sa.ColumnElement[bool] = krs_t.c.outcome.is_(None)
        if as_of is not None:
            no_outcome = sa.or_(no_outcome, krs_t.c.outcome_on > as_of)
        open_kr = sa.case((sa.and_(krs_t.c.id.is_not(None), no_outcome), 1), else_=0)
        q = (sa.select(quarters_t.c.person_id, quarters_t.c.quarter, sa.func.count(sa.distinct(objectives_t.c.id)),
                       sa.func.sum(open_kr))
             .select_from(quarters_t.join(objectives_t).outerjoin(krs_t))
             .where(quarters_t.c.quarter.in_([check_quarter(x) for x in quarters]))
             .group_by(quarters_t.c.person_id, quarters_t.c.quarter))
        q = _of(q, quarters_t.c.person_id, people)
        with self._read() as conn:
            return {(str(pid), str(qr)): (int(n_obj), int(n_open or 0)) for pid, qr, n_obj, n_open in conn.execute(q)}

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


def _day(value: Any) -> dt.date:
    """A date column's value (SQLite's max() of a date column comes back as text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _of(query: sa.Select, column: sa.ColumnElement[Any], people: str | Sequence[str] | None) -> sa.Select:
    """``query`` about one person (an id), some people (ids), or everyone the reader sees (None or "")."""
    if not people:
        return query if people is None or isinstance(people, str) else query.where(sa.false())
    if isinstance(people, str):
        return query.where(column == people)
    return query.where(column.in_(list(people)))
