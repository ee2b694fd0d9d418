"""Check-ins and actions: per-KR statuses, obstacles, trial runs and next steps."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Connection

from ..core import clock
from ..core.dates import status_days
from ..core.errors import InputError, NotFound
from ..core.model import (
    STORED,
    Action,
    CheckIn,
    KRStatus,
    Obstacle,
    TrialRun,
    quarter_bounds,
    quarter_of,
)
from ..core.validation import validation_problem
from .base import _new_id
from .door import DUE_AFTER_CHECK_IN, check_conversation_ahead, check_dates, check_order, check_status_day
from .history import diff_fields
from .okrs import OKRsStore
from .private import save_private, select_with_private
from .schema import actions_t, checkins_t, kr_status_t, krs_t, objectives_t, obstacles_t, quarters_t, trials_t


class CheckInsStore(OKRsStore):
    """Bi-weekly check-ins and actions (a check-in addresses key results by their positions)."""

    @staticmethod
    def _one_status_each(check_in: CheckIn, where: str) -> None:
        """A check-in gives each key result one status: two for the same one (on track and blocked) contradict
        each other, and the summary would show both and pick one. Raises InputError naming it."""
        seen: dict[tuple[int, int], str] = {}
        for st in check_in.key_results:
            pos = (st.objective, st.key_result)
            if pos in seen:
                raise InputError(f"O{pos[0]}·KR{pos[1]} is given two statuses ({seen[pos]}, {st.status}); give each key "
                                 "result one status per check-in", None, where)
            seen[pos] = st.status

    def add_check_in(self, check_in: CheckIn) -> int:
        """Save a check-in; key results are addressed by (objective, key result) positions in the
        quarter of the check-in's date. Raises NotFound (nothing written) for a key result that does not exist,
        InputError for one given two statuses."""
        self._one_status_each(check_in, f"check-in with {check_in.person} on {check_in.date}")
        with self.atomic() as conn:
            self._require_person(conn, check_in.person)
            self._check_check_in_dates(conn, None, check_in)
            quarter = quarter_of(check_in.date)
            # one query for the quarter's key result ids by position (not the whole OKR tree: imports add
            # thousands of check-ins); the full tree is read only to word an error
            kr_ids = {(o, k): i for o, k, i in conn.execute(
                sa.select(objectives_t.c.position, krs_t.c.position, krs_t.c.id)
                .select_from(quarters_t.join(objectives_t).join(krs_t))
                .where(quarters_t.c.person_id == check_in.person, quarters_t.c.quarter == quarter))}
            if check_in.key_results and not kr_ids and conn.execute(sa.select(quarters_t.c.id).where(
                    quarters_t.c.person_id == check_in.person, quarters_t.c.quarter == quarter)).first() is None:
                # the quarter comes from the date, not from the user: say so, and how to go on
                raise NotFound(f"check-in with {check_in.person} on {check_in.date}: its key-result statuses are for "
                               f"{quarter}, the quarter of its date, and {check_in.person} has no OKRs for {quarter}; "
                               f"add them first (`workbook objective add {check_in.person} {quarter} --text ...`), "
                               "date the check-in in a quarter that has them, or record it without statuses")
            cid = _new_id(conn.execute(checkins_t.insert().values(
                person_id=check_in.person, date=check_in.date, mode=check_in.mode)))
            save_private(conn, checkins_t, cid, {"summary": check_in.summary})
            for st in check_in.key_results:
                kr_id = kr_ids.get((st.objective, st.key_result))
                if kr_id is None:
                    kr_id = self._kr(self.okrs(check_in.person, quarter), check_in.person, quarter, st.objective,
                                     st.key_result).id
                conn.execute(kr_status_t.insert().values(check_in_id=cid, key_result_id=kr_id, status=st.status, note=st.note))
            for ob in check_in.obstacles:
                conn.execute(obstacles_t.insert().values(check_in_id=cid, kind=ob.kind, text=ob.text))
            for tr in check_in.trial_runs:
                conn.execute(trials_t.insert().values(check_in_id=cid, **tr.model_dump()))
            for act in check_in.actions:
                conn.execute(actions_t.insert().values(
                    person_id=check_in.person, check_in_id=cid, text=act.text, owner=act.owner, due=act.due,
                    status=act.status, status_on=act.status_on, status_before=act.status_before, created_on=check_in.date))
            self._log(conn, check_in.person, "check_in", cid, "add", f"check-in of {check_in.date.isoformat()}")
            return int(cid)

    @staticmethod
    def _check_check_in_dates(conn: Connection, before: CheckIn | None, check_in: CheckIn) -> None:
        """The check-in's date, its trial runs' follow-ups and its actions' due dates must be plausible when
        new or changed, and the check-in's date at most CHECK_IN_DAYS_AHEAD days ahead (see :mod:`workbook.store.door`)."""
        known = set() if before is None else {before.date, *(t.follow_up_on for t in before.trial_runs),
                                               *(a.due for a in before.actions)}
        dates = {"date": check_in.date,
                 **{f"trial run {i} follow_up_on": t.follow_up_on for i, t in enumerate(check_in.trial_runs, 1)},
                 **{f"action {i} due": a.due for i, a in enumerate(check_in.actions, 1)}}
        check_dates(conn, check_in.person, {k: (v if v in known else None, v) for k, v in dates.items()},
                    where=f"check-in of {check_in.date.isoformat()}")
        old_day = before.date if before is not None else None
        check_conversation_ahead(old_day, check_in.date, record="check-in", where=f"check-in with {check_in.person}"
                                 if before is None else f"check-in {before.id} field date")
        for name, day in dates.items():
            if name != "date":  # what is agreed at a check-in follows it
                check_order(("the check-in's date", old_day, check_in.date), (name, day if day in known else None, day),
                            why=DUE_AFTER_CHECK_IN,
                            where=f"check-in of {check_in.date.isoformat()}")

    def check_ins(self, person_id: str, quarter: str | None = None) -> list[CheckIn]:
        """A person's check-ins (optionally within one quarter), oldest first."""
        with self._read() as conn:
            q = select_with_private(checkins_t).where(checkins_t.c.person_id == person_id)
            if quarter:
                start, end = quarter_bounds(quarter)
                q = q.where(checkins_t.c.date.between(start, end))
            out = []
            for c in conn.execute(q.order_by(checkins_t.c.date, checkins_t.c.id)).mappings():
                statuses = []
                for s in conn.execute(
                    sa.select(kr_status_t.c.status, kr_status_t.c.note, krs_t.c.position.label("kr"),
                              objectives_t.c.position.label("obj"))
                    .select_from(kr_status_t.join(krs_t).join(objectives_t))
                    .where(kr_status_t.c.check_in_id == c["id"]).order_by(objectives_t.c.position, krs_t.c.position)
                ).mappings():
                    statuses.append(KRStatus.model_validate({"objective": s["obj"], "key_result": s["kr"],
                                                             "status": s["status"], "note": s["note"]}, context=STORED))
                obs = [Obstacle.model_validate({"text": o["text"], "kind": o["kind"]}, context=STORED) for o in
                       conn.execute(sa.select(obstacles_t).where(obstacles_t.c.check_in_id == c["id"]).order_by(obstacles_t.c.id)).mappings()]
                trials = [TrialRun.model_validate({k: t[k] for k in ("text", "status", "debrief", "follow_up_on")},
                                                  context=STORED)
                          for t in conn.execute(sa.select(trials_t).where(trials_t.c.check_in_id == c["id"]).order_by(trials_t.c.id)).mappings()]
                acts = [Action.model_validate({"person": person_id, **{k: a[k] for k in ("text", "owner", "due", "status", "status_on", "status_before", "id")}},
                                              context=STORED)
                        for a in conn.execute(sa.select(actions_t).where(actions_t.c.check_in_id == c["id"]).order_by(actions_t.c.id)).mappings()]
                out.append(CheckIn.model_validate({"person": person_id, "date": c["date"], "mode": c["mode"],
                                                   "summary": c["summary"], "key_results": statuses, "obstacles": obs,
                                                   "trial_runs": trials, "actions": acts, "id": c["id"]}, context=STORED))
        return out

    def last_check_in(self, person_id: str, before: dt.date | None = None) -> CheckIn | None:
        """The most recent check-in (strictly before ``before`` when given), or None."""
        items = [c for c in self.check_ins(person_id) if before is None or c.date < before]
        return items[-1] if items else None

    def standalone_actions(self, person_id: str) -> list[tuple[Action, dt.date | None]]:
        """A person's actions outside any check-in, in the order they were added, each with the day it was made."""
        with self._read() as conn:
            rows = conn.execute(sa.select(actions_t).where(actions_t.c.person_id == person_id,
                                                           actions_t.c.check_in_id.is_(None)).order_by(actions_t.c.id))
            return [(Action.model_validate({"person": person_id, **{k: a[k] for k in ("text", "owner", "due", "status", "status_on", "status_before", "id")}},
                                           context=STORED), a["created_on"]) for a in rows.mappings()]

    def add_action(self, action: Action, created_on: dt.date | None = None) -> int:
        """Save a standalone action (outside a check-in); ``created_on`` defaults to today."""
        if action.person is None:
            raise InputError("an action needs a person")
        with self.atomic() as conn:
            self._require_person(conn, action.person)
            check_dates(conn, action.person, {"due": (None, action.due), "created_on": (None, created_on)}, where="action")
            action_id = _new_id(conn.execute(actions_t.insert().values(
                person_id=action.person, text=action.text, owner=action.owner, due=action.due, status=action.status,
                status_on=action.status_on, status_before=action.status_before, created_on=created_on or clock.today())))
            self._log(conn, action.person, "action", action_id, "add", "action" + (f" due {action.due}" if action.due else ""))
            return action_id

    def set_action_status(self, action_id: int, status: str, on: dt.date | None = None) -> None:
        """Move an action to ``status``, changed ``on`` a day (default today; not after today, nor before the action
        was agreed): a summary dated before that day shows the status it had."""
        if status not in ("open", "done", "dropped"):
            raise InputError(f"action status {status!r} must be open, done or dropped")
        with self.atomic() as conn:
            old = self._action_row(conn, action_id)
            check_status_day(on, ("the day it was agreed", old["created_on"]), ("its last change of status", old["status_on"]),
                             where=f"action {action_id}")
            conn.execute(actions_t.update().where(actions_t.c.id == action_id).values(
                status=status, **status_days(old["status"], old["status_on"], old["status_before"], status, on)))
            self._log(conn, old["person_id"], "action", action_id, "edit", action_label(old),
                      diff_fields("action", {"status": old["status"]}, {"status": status}))

    @staticmethod
    def _action_row(conn: Connection, action_id: int) -> dict:  # type: ignore[type-arg]
        row = conn.execute(sa.select(actions_t).where(actions_t.c.id == action_id)).mappings().first()
        if row is None:
            raise NotFound(f"no action with id {action_id}; `workbook action list PERSON` shows the ids")
        return dict(row)

    def update_trial_run(self, person_id: str, text: str, status: str, debrief: str = "") -> None:
        """Move the person's latest trial run with this text to ``status`` (sent, debriefed) with a debrief.
        InputError for a bad status or debrief; ``text`` names a stored trial run, so a character refused since it
        was written there is no reason to refuse its debrief."""
        try:  # the debrief is new input; the text only says which trial run
            TrialRun.model_validate({"text": text, "status": status, "debrief": debrief}, context={"kept": {text}})
        except ValidationError as exc:
            loc, msg = validation_problem(exc)
            raise InputError(msg, None, f"{person_id}'s trial run field {loc}" if loc else f"{person_id}'s trial run",
                             loc or None) from None
        with self.atomic() as conn:
            tid = conn.execute(sa.select(trials_t.c.id).select_from(trials_t.join(checkins_t)).where(
                checkins_t.c.person_id == person_id, trials_t.c.text == text).order_by(trials_t.c.id.desc())).scalar()
            if tid is None:
                raise NotFound(f"{person_id} has no trial run {text[:40]!r}")
            old = conn.execute(sa.select(trials_t.c.status, trials_t.c.debrief).where(trials_t.c.id == tid)).mappings().one()
            conn.execute(trials_t.update().where(trials_t.c.id == tid).values(status=status, debrief=debrief))
            self._log(conn, person_id, "trial_run", tid, "edit", "trial run",
                      diff_fields("trial_run", dict(old), {"status": status, "debrief": debrief}))



def action_label(row: dict) -> str:  # type: ignore[type-arg]
    """Which action, without its words: e.g. ``action due 2027-02-01`` or ``action from the check-in of ...``."""
    due = row.get("due")
    made = row.get("created_on")
    return "action" + (f" due {due}" if due else "") + (f" (noted {made})" if made else "")
