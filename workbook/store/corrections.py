"""Corrections: edit and delete every record a manager writes, edit, archive and restore a person, move a key result.

Each method runs in one transaction (:meth:`Store.atomic`): it reads the record, checks the change (the
model's validation, plausible dates, the practice's limits), writes it and logs it (old and new values)
before the commit, so a refused change writes nothing, not even a log entry. Deleting cascades as a
user expects: a check-in takes its key-result statuses, obstacles, trial runs and the actions agreed at
it; a key result takes its support; an objective its key results.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel, ValidationError
from sqlalchemy.engine import Connection

from ..core import clock
from ..core.dates import check_quarter, next_quarter, quarter_bounds, quarter_of, status_days, to_date
from ..core.errors import InputError, NotFound, RuleViolation
from ..core.labels import STATUS_LABELS, plural
from ..core.model import (
    STORED,
    Action,
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRRef,
    KRStatus,
    Note,
    Objective,
    Obstacle,
    Person,
    QuarterOKRs,
    Support,
    TrialRun,
    follow_up_done_problem,
    follow_up_problem,
    kept_texts,
)
from ..core.rules import Finding
from ..core.validation import validation_problem
from ..core.visibility import note_audience
from .base import _new_id
from .checkins import action_label
from .door import DUE_AFTER_CHECK_IN, check_conversation_ahead, check_dates, check_order, date_problem
from .history import PERSON_HISTORY_FIELDS, diff_fields, removed_fields
from .notes import NOTE_FIELDS, NotesStore, note_label
from .private import save_private
from .records import RecordsStore
from .schema import (
    actions_t,
    checkins_t,
    kr_status_t,
    krs_t,
    notes_t,
    objectives_t,
    obstacles_t,
    people_t,
    person_history_t,
    quarters_t,
    support_t,
    trials_t,
)
from .sealing import SEALED_FIELDS

__all__ = ["CorrectionsStore", "validated", "MoveResult"]

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: dict[str, Any], where: str, context: dict[str, Any] | None = None) -> M:
    """``model`` built from ``data`` (``context``: pydantic's validation context); a bad value is an InputError
    naming ``where`` and the field (its ``field``), in the words of :func:`workbook.core.validation.validation_problem`."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        loc, msg = validation_problem(exc)
        raise InputError(msg, None, f"{where} field {loc}" if loc else where, loc or None) from None


def _only(changes: dict[str, Any], fields: Any, what: str) -> None:
    """Refuse a field ``what`` does not have (InputError listing the ones it has)."""
    unknown = set(changes) - set(fields)
    if unknown:
        raise InputError(f"{what} has no field {sorted(unknown)[0]!r} to change; fields: {', '.join(sorted(fields))}")


class MoveResult(BaseModel):
    """Where a moved key result went (quarter and positions) and the old one it continues."""

    person: str
    from_ref: KRRef
    to_ref: KRRef
    key_result: KeyResult


class CorrectionsStore(RecordsStore, NotesStore):
    """Edit and delete records; edit, archive and restore people; move key results. All logged."""

    def forget(self, person_id: str) -> dict[str, int]:
        """:meth:`RecordsStore.forget`, after the notes ``person_id`` is the author of about others are handed to
        the workbook's owner (:meth:`adopt_notes_of`), so forgetting a manager keeps your notes about their reports
        readable. Raises KeyProblem (nothing erased) when one of those notes cannot be opened here."""
        nested = getattr(self._local, "conn", None) is not None
        with self.atomic() as conn:
            self._require_person(conn, person_id)
            self.adopt_notes_of(conn, person_id)
            counts = super().forget(person_id)
        if not nested:
            self.checkpoint()
        return counts

    # -- notes ----------------------------------------------------------------------------------------------------
    def note(self, note_id: int) -> Note:
        """The note with this id; NotFound otherwise."""
        with self._read() as conn:
            row = self._note_row(conn, note_id, strict=False)
        return Note.model_validate({"person": row["person_id"], "author": row["author_id"],
                                    **{k: row[k] for k in (*NOTE_FIELDS, "id")}}, context={"stored": True})

    def edit_note(self, note_id: int, **changes: Any) -> Note:
        """Change fields of a note (date, direction, topic, setting, text, visibility, follow_up,
        follow_up_due, follow_up_done); returns it. A shared note made private takes its history with it
        (:meth:`make_note_history_private`). InputError (nothing written) for a bad value, a follow-up marked done
        or open on a note that has none, or a new date more than CHECK_IN_DAYS_AHEAD days ahead (an old note dated
        so still takes other edits)."""
        _only(changes, NOTE_FIELDS, "a note")
        with self.atomic() as conn:
            old = self._note_row(conn, note_id)
            # the topic's direction is checked when one of them changes (an old note keeps taking other edits)
            new = validated(Note, {"person": old["person_id"], **{k: old[k] for k in NOTE_FIELDS}, **changes},
                            f"note {note_id}", {"changed": set(changes)} if {"direction", "topic"} & set(changes)
                            else {"stored": True, "changed": set(changes)})
            if {"follow_up", "follow_up_due"} & set(changes) and (problem := follow_up_problem(new.follow_up,
                                                                                             new.follow_up_due)):
                # note add's rule, on the note as the edit leaves it (a date alone reminds nobody)
                fix = ("say what to follow up on (--follow-up TEXT), or leave the date out" if "follow_up" not in changes
                       else f"keep its words, or clear the date as well (--follow-up-due none; it is {new.follow_up_due})"
                       if "follow_up_due" not in changes else "give both, or clear the date (--follow-up-due none)")
                raise InputError(f"{problem}: {fix}", None,
                                 f"note {note_id} field {'follow_up' if 'follow_up' in changes else 'follow_up_due'}")
            if changes.get("follow_up_done") is not None and (problem := follow_up_done_problem(
                    new.follow_up, bool(changes["follow_up_done"]))):
                raise InputError(f"note {note_id} {problem}; add one with --follow-up TEXT (and --follow-up-due "
                                 "YYYY-MM-DD)")
            values = new.model_dump(include=set(NOTE_FIELDS))
            check_dates(conn, old["person_id"], {k: (old[k], values[k]) for k in ("date", "follow_up_due")},
                        where=f"note {note_id}")
            check_conversation_ahead(old["date"], values["date"], record="note", where=f"note {note_id} field date")
            check_order(("the note's date", old["date"], values["date"]),
                        ("follow-up due", old["follow_up_due"], values["follow_up_due"]),
                        why="a follow-up comes after the conversation", where=f"note {note_id}")
            words = self._words_going_private(conn, old, values["visibility"])
            conn.execute(notes_t.update().where(notes_t.c.id == note_id).values(**self._note_values_to_store(old, values)))
            self._log_note_edit(conn, old, {**old, **values})
            if words is not None:  # a note made private takes its history with it
                self.make_note_history_private(conn, note_id, words)
        return new.model_copy(update={"id": note_id})  # not `new.id = ...`: assignment would validate it again

    def delete_note(self, note_id: int) -> Note:
        """Delete a note; its old values stay in the change log (as private as the note was; no shareable output
        reads a deleted note's history, even when SQLite gives its id to a later note)."""
        with self.atomic() as conn:
            old = self._note_row(conn, note_id, strict=False)  # deleting a note one cannot read is allowed
            conn.execute(notes_t.delete().where(notes_t.c.id == note_id))
            self._log(conn, old["person_id"], "note", note_id, "delete", note_label(old["date"], old["direction"], old["topic"]),
                      removed_fields("note", {k: old[k] for k in NOTE_FIELDS}, old["visibility"]),
                      audience=note_audience(old["visibility"]))
            self.close_deleted_note_history(conn, note_id, old["person_id"])
        return Note.model_validate({"person": old["person_id"], **{k: old[k] for k in (*NOTE_FIELDS, "id")}},
                                   context={"stored": True})

    # -- check-ins and actions ------------------------------------------------------------------------------------
    def check_in(self, check_in_id: int) -> CheckIn:
        """The check-in with this id (statuses by their positions in its quarter); NotFound otherwise."""
        with self._read() as conn:
            person = conn.execute(sa.select(checkins_t.c.person_id, checkins_t.c.date).where(
                checkins_t.c.id == check_in_id)).first()
        if person is None:
            raise NotFound(f"no check-in with id {check_in_id}; `workbook checkin list PERSON` shows the ids")
        return next(c for c in self.check_ins(person[0], quarter_of(person[1])) if c.id == check_in_id)

    def edit_check_in(self, check_in_id: int, *, date: dt.date | str | None = None, mode: str | None = None,
                      summary: str | None = None, key_results: list[KRStatus] | None = None,
                      obstacles: list[Obstacle] | None = None, trial_runs: list[TrialRun] | None = None,
                      actions: list[Action] | None = None) -> CheckIn:
        """Change a check-in: what is given replaces what it had (statuses by key-result position in its
        quarter; actions matched by id, so one left out is deleted and one without an id is added).
        InputError (nothing written) for a bad value, or a new date in another quarter while it keeps the statuses of
        its old one (statuses given with the new date are for the new quarter's key results)."""
        with self.atomic() as conn:
            old = self.check_in(check_in_id)
            data = old.model_dump()
            for key, value in (("date", date), ("mode", mode), ("summary", summary)):
                if value is not None:
                    data[key] = value
            for key, items in (("key_results", key_results), ("obstacles", obstacles), ("trial_runs", trial_runs),
                               ("actions", actions)):
                if items is not None:
                    data[key] = [i.model_dump() if isinstance(i, BaseModel) else i for i in items]
            new = validated(CheckIn, data, f"check-in {check_in_id}", {"kept": kept_texts(old)})
            self._one_status_each(new, f"check-in {check_in_id}")
            quarter = quarter_of(new.date)
            if new.key_results and key_results is None and quarter != quarter_of(old.date):  # statuses given with
                # the new date are read against the new quarter's key results
                raise InputError(f"its key-result statuses belong to {quarter_of(old.date)}'s key results; a date in "
                                 f"{quarter} would attach them to others: give its statuses for {quarter} in the same "
                                 "edit, or clear them", None, f"check-in {check_in_id} field date")
            self._check_check_in_dates(conn, old, new)
            okrs = self.okrs(new.person, quarter)
            conn.execute(checkins_t.update().where(checkins_t.c.id == check_in_id).values(date=new.date, mode=new.mode))
            save_private(conn, checkins_t, check_in_id, {"summary": new.summary})
            conn.execute(kr_status_t.delete().where(kr_status_t.c.check_in_id == check_in_id))
            for st in new.key_results:
                kr = self._kr(okrs, new.person, quarter, st.objective, st.key_result)
                conn.execute(kr_status_t.insert().values(check_in_id=check_in_id, key_result_id=kr.id, status=st.status,
                                                         note=st.note))
            conn.execute(obstacles_t.delete().where(obstacles_t.c.check_in_id == check_in_id))
            for ob in new.obstacles:
                conn.execute(obstacles_t.insert().values(check_in_id=check_in_id, kind=ob.kind, text=ob.text))
            self._write_check_in_trials(conn, check_in_id, new.trial_runs)
            self._write_check_in_actions(conn, check_in_id, old, new)
            after = self.check_in(check_in_id)
            self._log(conn, new.person, "check_in", check_in_id, "edit", f"check-in of {old.date.isoformat()}",
                      diff_fields("check_in", _check_in_parts(old), _check_in_parts(after)))
        return after

    @staticmethod
    def _write_check_in_trials(conn: Connection, check_in_id: int, trials: list[TrialRun]) -> None:
        """The check-in's trial runs become ``trials``, each kept in its row (so the change log's record of a
        debrief still names it): the same text keeps its row, a changed text takes the next row left over in
        order, and only what is left over is deleted or added."""
        free = dict(conn.execute(sa.select(trials_t.c.id, trials_t.c.text).where(
            trials_t.c.check_in_id == check_in_id).order_by(trials_t.c.id)).all())  # row id -> text, in row order
        same: list[int | None] = []
        for tr in trials:  # one row per trial run, even when two share a text
            rid = next((r for r, text in free.items() if text == tr.text), None)
            if rid is not None:
                del free[rid]
            same.append(rid)
        for rid, tr in zip(same, trials, strict=True):
            rid = rid if rid is not None else next(iter(free), None)
            if rid is None:
                conn.execute(trials_t.insert().values(check_in_id=check_in_id, **tr.model_dump()))
            else:
                free.pop(rid, None)
                conn.execute(trials_t.update().where(trials_t.c.id == rid).values(**tr.model_dump()))
        if free:
            conn.execute(trials_t.delete().where(trials_t.c.id.in_(list(free))))

    @staticmethod
    def _write_check_in_actions(conn: Connection, check_in_id: int, old: CheckIn, new: CheckIn) -> None:
        mine = {a.id for a in old.actions}
        keep = {a.id for a in new.actions if a.id in mine}
        for gone in mine - keep:
            conn.execute(actions_t.delete().where(actions_t.c.id == gone))
        before = {a.id: a for a in old.actions}
        for act in new.actions:
            values = dict(text=act.text, owner=act.owner, due=act.due, status=act.status)
            if act.id in mine:
                was = before[act.id]
                conn.execute(actions_t.update().where(actions_t.c.id == act.id).values(
                    **values, **status_days(was.status, was.status_on, was.status_before, act.status)))
            else:
                conn.execute(actions_t.insert().values(person_id=new.person, check_in_id=check_in_id,
                                                       created_on=new.date, status_on=act.status_on,
                                                       status_before=act.status_before, **values))

    def delete_check_in(self, check_in_id: int) -> CheckIn:
        """Delete a check-in with its statuses, obstacles, trial runs and the actions agreed at it."""
        with self.atomic() as conn:
            old = self.check_in(check_in_id)
            conn.execute(actions_t.delete().where(actions_t.c.check_in_id == check_in_id))
            conn.execute(checkins_t.delete().where(checkins_t.c.id == check_in_id))  # the rest cascades
            self._log(conn, old.person, "check_in", check_in_id, "delete", f"check-in of {old.date.isoformat()}",
                      removed_fields("check_in", _check_in_parts(old)))
        return old

    def action(self, action_id: int) -> Action:
        """The action with this id; NotFound otherwise."""
        with self._read() as conn:
            row = self._action_row(conn, action_id)
        return Action.model_validate({"person": row["person_id"], "text": row["text"], "owner": row["owner"],
                                      "due": row["due"], "status": row["status"], "status_on": row["status_on"],
                                      "status_before": row["status_before"], "id": action_id}, context=STORED)

    def edit_action(self, action_id: int, **changes: Any) -> Action:
        """Change an action's text, owner, due date or status. InputError (nothing written) for a bad value, or a
        new due date before the date of the check-in it was agreed at (the rule adding a check-in keeps)."""
        fields = ("text", "owner", "due", "status")
        _only(changes, fields, "an action")
        with self.atomic() as conn:
            old = self._action_row(conn, action_id)
            new = validated(Action, {"person": old["person_id"], **{k: old[k] for k in fields}, **changes},
                            f"action {action_id}", {"changed": set(changes)})
            values = new.model_dump(include=set(fields))
            check_dates(conn, old["person_id"], {"due": (old["due"], new.due)}, where=f"action {action_id}")
            if old["check_in_id"] is not None:
                held = conn.execute(sa.select(checkins_t.c.date).where(checkins_t.c.id == old["check_in_id"])).scalar()
                check_order(("the check-in's date", held, held), ("due", old["due"], new.due), why=DUE_AFTER_CHECK_IN,
                            where=f"action {action_id} field due")
            conn.execute(actions_t.update().where(actions_t.c.id == action_id).values(
                **values, **status_days(old["status"], old["status_on"], old["status_before"], new.status)))
            self._log(conn, old["person_id"], "action", action_id, "edit", action_label(old),
                      diff_fields("action", {k: old[k] for k in fields}, values))
        new.id = action_id
        return new

    def delete_action(self, action_id: int) -> Action:
        """Delete one action (from a check-in or standalone)."""
        with self.atomic() as conn:
            old = self._action_row(conn, action_id)
            conn.execute(actions_t.delete().where(actions_t.c.id == action_id))
            self._log(conn, old["person_id"], "action", action_id, "delete", action_label(old),
                      removed_fields("action", {k: old[k] for k in ("text", "owner", "due", "status")}))
        return Action.model_validate({"person": old["person_id"], **{k: old[k] for k in ("text", "owner", "due", "status")}},
                                     context=STORED)

    # -- growth goals ---------------------------------------------------------------------------------------------
    def edit_goal(self, person_id: str, year: int, position: int, **changes: Any) -> Goal:
        """Change goal number ``position`` (1-based) of a year's plan (text, draft, feedback, priority, competencies)."""
        with self.atomic():
            plan, goal = self.plan_goal(person_id, year, position)
            fields = {"text", "draft", "feedback", "priority", "competencies"}
            _only(changes, fields, "a goal")
            new = validated(Goal, {**goal.model_dump(), **changes}, f"goal {position} of {person_id} {year}",
                            {"changed": set(changes)})
            plan.goals[position - 1] = new
            self.save_plan(plan)
        return new

    def delete_goal(self, person_id: str, year: int, position: int) -> Goal:
        """Delete goal number ``position``; the goals after it move up. Objectives linked to a goal keep pointing
        at the same goal (their link is renumbered), and lose it when it was the deleted one: saving the plan does
        both (``PlansStore._follow_goals``), once. (It was done here a second time, so deleting goal 1 of three
        unlinked the objective of goal 2 and pointed the one of goal 3 at goal 2's successor, found by a helper.)"""
        with self.atomic():
            plan, goal = self.plan_goal(person_id, year, position)
            plan.goals.pop(position - 1)
            self.save_plan(plan)
        return goal

    def existing_plan(self, person_id: str, year: int) -> GrowthPlan:
        """A year's growth plan; NotFound for an unknown person (with the closest ids: a misspelt id is not a
        missing plan), then for a person without a plan that year."""
        plan = self.plan(person_id, year)
        if plan is None:
            self.person(person_id)
            raise NotFound(f"{person_id} has no growth plan for {year}; add its goals first "
                           f"(`workbook goal add {person_id} {year} --text ...`)")
        return plan

    def plan_goal(self, person_id: str, year: int, position: int) -> tuple[GrowthPlan, Goal]:
        """A year's plan and its goal number ``position`` (1 = first); NotFound as :meth:`existing_plan` says, then
        for a number the plan does not have."""
        plan = self.existing_plan(person_id, year)
        if not 1 <= position <= len(plan.goals):
            raise NotFound(f"{person_id}'s {year} plan has {plural(len(plan.goals), 'goal')}, not {position}")
        return plan, plan.goals[position - 1]

    # -- objectives, key results, support ----------------------------------------------------------------------
    def existing_okrs(self, person_id: str, quarter: str) -> QuarterOKRs:
        """A quarter's OKRs; NotFound for an unknown person (with the closest ids: a misspelt id is not missing
        OKRs), then for a person without OKRs that quarter."""
        okrs = self.okrs(person_id, quarter)
        if okrs is None:
            self.person(person_id)
            raise NotFound(f"{person_id} has no OKRs for {check_quarter(quarter)}")
        return okrs

    def quarter_objective(self, person_id: str, quarter: str, objective: int) -> tuple[QuarterOKRs, Objective]:
        """A quarter's OKRs and their objective number ``objective`` (1 = first); NotFound as :meth:`existing_okrs`
        says, then for a number the quarter does not have."""
        okrs = self.existing_okrs(person_id, quarter)
        if not 1 <= objective <= len(okrs.objectives):
            raise NotFound(f"{person_id} has {plural(len(okrs.objectives), 'objective')} in {okrs.quarter}, "
                           f"not {objective}")
        return okrs, okrs.objectives[objective - 1]

    def key_result_at(self, person_id: str, quarter: str, objective: int, key_result: int) -> KeyResult:
        """Key result ``key_result`` of objective ``objective``; NotFound as :meth:`existing_okrs` says, then for
        numbers the quarter does not have."""
        okrs = self.existing_okrs(person_id, quarter)
        return self._kr(okrs, person_id, okrs.quarter, objective, key_result)

    def edit_objective(self, person_id: str, quarter: str, objective: int, **changes: Any) -> Objective:
        """Change objective number ``objective`` (text, goal, understanding, supplement, aligned_work)."""
        fields = {"text", "goal", "understanding", "supplement", "aligned_work"}
        _only(changes, fields, "an objective")
        with self.atomic():
            okrs, obj = self.quarter_objective(person_id, quarter, objective)
            okrs.objectives[objective - 1] = validated(Objective, {**obj.model_dump(), **changes},
                                                       f"objective {objective} of {person_id} {okrs.quarter}",
                                                       {"kept": kept_texts(obj)})
            self.save_okrs(okrs)
        return okrs.objectives[objective - 1]

    def delete_objective(self, person_id: str, quarter: str, objective: int) -> Objective:
        """Delete an objective with its key results (their check-in statuses and support go too)."""
        with self.atomic():
            okrs, _obj = self.quarter_objective(person_id, quarter, objective)
            gone = okrs.objectives.pop(objective - 1)
            self.save_okrs(okrs)
        return gone

    def edit_key_result(self, person_id: str, quarter: str, objective: int, key_result: int, **changes: Any) -> KeyResult:
        """Change a key result (text, target_date, outcome, outcome_note, outcome_on: the day the outcome was
        recorded, else today when the outcome changes)."""
        fields = {"text", "target_date", "outcome", "outcome_note", "outcome_on"}
        _only(changes, fields, "a key result")
        with self.atomic():
            okrs = self.existing_okrs(person_id, quarter)
            kr = self._kr(okrs, person_id, okrs.quarter, objective, key_result)
            new = validated(KeyResult, {**kr.model_dump(), **changes},
                            f"key result O{objective}·KR{key_result} of {person_id} {okrs.quarter}",
                            {"kept": kept_texts(kr)})
            if changes.get("outcome_on") is not None and new.outcome is None:
                raise InputError(f"key result O{objective}·KR{key_result} of {person_id} {okrs.quarter} has no outcome to "
                                 "date; give --outcome with --outcome-on")
            okrs.objectives[objective - 1].key_results[key_result - 1] = new
            self.save_okrs(okrs)
        return new

    def delete_key_result(self, person_id: str, quarter: str, objective: int, key_result: int) -> KeyResult:
        """Delete a key result with its support and its check-in statuses."""
        with self.atomic():
            okrs = self.existing_okrs(person_id, quarter)
            kr = self._kr(okrs, person_id, okrs.quarter, objective, key_result)
            okrs.objectives[objective - 1].key_results.pop(key_result - 1)
            self.save_okrs(okrs)
        return kr

    def support(self, support_id: int) -> Support:
        with self._read() as conn:
            row = self._support_row(conn, support_id)
        return Support.model_validate({**{k: row[k] for k in ("who", "what", "status", "due", "requested_on", "status_on",
                                                              "status_before")},
                                       "id": support_id}, context=STORED)

    def edit_support(self, support_id: int, **changes: Any) -> Support:
        """Change a support commitment (who, what, status, due)."""
        fields = ("who", "what", "status", "due")
        _only(changes, fields, "support")
        with self.atomic() as conn:
            old = self._support_row(conn, support_id)
            new = validated(Support, {**{k: old[k] for k in fields}, **changes}, f"support {support_id}",
                            {"changed": set(changes)})
            values = new.model_dump(include=set(fields))
            check_dates(conn, old["person_id"], {"due": (old["due"], new.due)}, where=f"support {support_id}")
            conn.execute(support_t.update().where(support_t.c.id == support_id).values(
                **values, **status_days(old["status"], old["status_on"], old["status_before"], new.status)))
            self._log(conn, old["person_id"], "support", support_id, "edit", old["label"],
                      diff_fields("support", {k: old[k] for k in fields}, values))
        new.id = support_id
        return new

    def delete_support(self, support_id: int) -> Support:
        with self.atomic() as conn:
            old = self._support_row(conn, support_id)
            conn.execute(support_t.delete().where(support_t.c.id == support_id))
            self._log(conn, old["person_id"], "support", support_id, "delete", old["label"],
                      removed_fields("support", {k: old[k] for k in ("who", "what", "status", "due")}))
        return Support.model_validate({k: old[k] for k in ("who", "what", "status", "due")}, context=STORED)

    def move_key_result(self, person_id: str, quarter: str, objective: int, key_result: int, *,
                        to_quarter: str | None = None, to_objective: int | None = None,
                        target_date: dt.date | None = None) -> MoveResult:
        """Move a key result to a later quarter (default the next one), mid-quarter or at its close.

        The old key result stays where it was with its check-in history and the outcome "carried over"; the
        new one continues it (its lineage, ``moved_from``), under objective ``to_objective`` of the new quarter,
        else one with the same text, else a copy of its objective. Open support moves with it; dates are kept
        as they were unless ``target_date`` is given (the stage layer flags the ones outside the new quarter).
        Raises NotFound, InputError (an earlier quarter, a key result with another outcome or already moved)
        or RuleViolation (the new quarter would break a limit); nothing is written then."""
        with self.atomic() as conn:
            okrs = self.existing_okrs(person_id, quarter)
            q = okrs.quarter
            dest = check_quarter(to_quarter) if to_quarter else next_quarter(q)
            if dest <= q:
                raise InputError(f"a key result moves to a later quarter; {dest} is not after {q}")
            kr = self._kr(okrs, person_id, q, objective, key_result)
            if kr.outcome not in (None, "carried_over"):
                raise InputError(f"O{objective}·KR{key_result} of {q} already has the outcome {kr.outcome}; "
                                 "clear it first to move the key result")
            ref = KRRef(quarter=q, objective=objective, key_result=key_result)
            moved = conn.execute(sa.select(quarters_t.c.quarter, objectives_t.c.position, krs_t.c.position)
                                 .select_from(krs_t.join(objectives_t).join(quarters_t))
                                 .where(krs_t.c.moved_from_id == kr.id)).first()
            if moved is not None:
                raise InputError(f"O{objective}·KR{key_result} of {q} was already moved: it continues as "
                                 f"O{moved[1]}·KR{moved[2]} of {moved[0]}")
            check_dates(conn, person_id, {"target_date": (None, target_date)}, where=f"moving O{objective}·KR{key_result}")
            source_obj = okrs.objectives[objective - 1]
            target = self.okrs(person_id, dest) or QuarterOKRs(person=person_id, quarter=dest)
            if to_objective is not None:
                if not 1 <= to_objective <= len(target.objectives):
                    raise NotFound(f"{person_id} has {plural(len(target.objectives), 'objective')} in {dest}, "
                                   f"not {to_objective}; leave the objective out to copy this one")
                dest_obj = target.objectives[to_objective - 1]
            else:
                same = next((o for o in target.objectives if o.text == source_obj.text), None)
                if same is not None:
                    dest_obj = same
                else:
                    limit = self.limits().max_objectives
                    if len(target.objectives) >= limit:  # a copy of its objective would be one too many
                        raise InputError(f"{person_id}'s OKRs for {dest} have {plural(len(target.objectives), 'objective')} "
                                         f"already (at most {limit}); put it under one of them with --objective N "
                                         f"(1-{len(target.objectives)}), or move it to another quarter with --to QUARTER")
                    goal = source_obj.goal if int(dest[:4]) == int(q[:4]) else None
                    dest_obj = Objective.model_validate(  # its words as stored: moving is not new input
                        {"text": source_obj.text, "goal": goal, "understanding": source_obj.understanding,
                         "supplement": source_obj.supplement, "aligned_work": source_obj.aligned_work}, context=STORED)
                    target.objectives.append(dest_obj)
            new_kr = KeyResult.model_validate(
                {"text": kr.text, "target_date": target_date or kr.target_date, "moved_from": ref,
                 "support": [s.model_dump(exclude={"id"}) for s in kr.support if s.status in ("requested", "committed")]},
                context=STORED)
            dest_obj.key_results.append(new_kr)
            kr.outcome = "carried_over"
            kr.outcome_note = kr.outcome_note or f"Moved to {dest} on {clock.today().isoformat()}, where it continues."
            self.save_okrs(okrs)
            self.save_okrs(target)
            after = self.existing_okrs(person_id, dest)
            o_pos = next(i for i, o in enumerate(after.objectives, 1) if any(k.moved_from == ref for k in o.key_results))
            k_pos = next(i for i, k in enumerate(after.objectives[o_pos - 1].key_results, 1) if k.moved_from == ref)
            placed = after.objectives[o_pos - 1].key_results[k_pos - 1]
            to_ref = KRRef(quarter=dest, objective=o_pos, key_result=k_pos)
            self._log(conn, person_id, "key_result", kr.id, "move", f"key result O{objective}·KR{key_result} of {q}",
                      diff_fields("key_result", {"quarter": ref.label()}, {"quarter": to_ref.label()}))
        return MoveResult(person=person_id, from_ref=ref, to_ref=to_ref, key_result=placed)

    # -- people ---------------------------------------------------------------------------------------------------
    def edit_person(self, person_id: str, *, effective: dt.date | None = None, **changes: Any) -> Person:
        """Change a person (name, track, level, ladder, toward, manager, motivations, started). Changes of level,
        track, ladder, way up (``toward``), manager and name are dated (``effective``, default today) in their history; every
        change is logged. The ladder check is the caller's (see workbook.stages.people.edit_person)."""
        fields = ("name", "track", "level", "ladder", "toward", "manager", "motivations", "started")
        _only(changes, fields, "a person")
        day = effective or clock.today()
        with self.atomic() as conn:
            old = self.person(person_id)
            new = validated(Person, {**old.model_dump(), **changes}, f"person {person_id}", {"changed": set(changes)})
            check_dates(conn, person_id, {"started": (old.started, new.started)}, where=f"person {person_id}")
            before, after = old.model_dump(include=set(fields)), new.model_dump(include=set(fields))
            changed = diff_fields("person", before, after)
            if not changed:
                return old
            # a dated change is not dated before they started, as the start date stands after this edit: a start
            # date typed a year ahead could not be corrected (today was "before" it), found by a helper
            if any(f.field in PERSON_HISTORY_FIELDS for f in changed) and (
                    problem := date_problem("effective date", day, new.started, person_id)):
                raise InputError(problem, None, f"person {person_id}")
            self._keep_dated_order(conn, person_id, [f.field for f in changed], day)
            self.update_person(new)
            self._log_person_history(conn, person_id, {f.field: (f.old or "", f.new or "") for f in changed}, day)
            self._log(conn, person_id, "person", None, "edit", f"person {person_id} (effective {day.isoformat()})", changed)
        return new

    @staticmethod
    def _keep_dated_order(conn: Connection, person_id: str, fields: list[str], day: dt.date) -> None:
        """A dated field's changes stay in order: a change dated before one already recorded for the same field
        (a promotion entered ahead, or a correction dated further back) would chain from a value that never
        applied on its day. Raises RuleViolation naming the later change and the fix."""
        h = person_history_t.c
        dated = [f for f in fields if f in PERSON_HISTORY_FIELDS]
        later = conn.execute(sa.select(h.field, h.effective, h.old, h.new).where(
            h.person_id == person_id, h.field.in_(dated), h.effective > day).order_by(h.effective.desc())).first() \
            if dated else None
        if later is not None:
            raise RuleViolation(
                f"person {person_id}: {later.field} already changes on {later.effective} ({later.old or '(none)'} → "
                f"{later.new or '(none)'}), after {day}; a field's dated changes stay in order: date this one on or "
                f"after {later.effective}")

    def set_archived(self, person_id: str, archived: bool) -> Person:
        """Archive a leaver (records kept, hidden from the home page, team views and batches) or bring them back."""
        with self.atomic() as conn:
            old = self.person(person_id)
            if old.archived == archived:
                return old
            conn.execute(people_t.update().where(people_t.c.id == person_id).values(archived=archived))
            self._log(conn, person_id, "person", None, "archive" if archived else "unarchive", f"person {person_id}",
                      diff_fields("person", {"archived": old.archived}, {"archived": archived}))
        return self.person(person_id)

    # -- restoring a history from an export -------------------------------------------------------------------------
    def restore_history(self, person_id: str, person_history: list[dict[str, Any]], changes: list[dict[str, Any]],
                        new_ids: dict[tuple[str, int], int] | None = None) -> None:
        """Write a person's dated history and change log as an export holds them (moving a person to another
        workbook keeps their promotion history and their log); the importer then logs the import itself.
        ``new_ids`` maps ``(record kind, id in the export)`` to the id the import gave that record: each entry
        points at the record as it is here. An entry whose record is not here (deleted before the export) points
        at nothing, never at whatever record holds its old id in this workbook."""
        from .schema import change_fields_t, changes_t, person_history_t

        with self.atomic() as conn:
            self._require_person(conn, person_id)
            for h in person_history:
                effective = h["effective"]  # an export holds it as text (YYYY-MM-DD); the column is a date
                conn.execute(person_history_t.insert().values(
                    person_id=person_id, effective=to_date(effective) if isinstance(effective, str) else effective,
                    field=h["field"], old=h.get("old") or "",
                    new=h.get("new") or ""))
            for c in changes:
                old_id = c.get("record_id")
                record_id = None if old_id is None else (new_ids or {}).get((c["record"], old_id))
                cid = _new_id(conn.execute(changes_t.insert().values(
                    person_id=person_id, at=c["at"], actor=c["actor"], record=c["record"], record_id=record_id,
                    action=c["action"], label=c.get("label") or "", audience=c.get("audience") or "private")))
                for f in c.get("fields") or []:
                    audience = f.get("audience") or "private"
                    values = {"old": f.get("old"), "new": f.get("new")}
                    if c["record"] == "note" and f["field"] in SEALED_FIELDS and audience == "private":
                        values = self._sealed_change(self._write_key(), record_id, person_id, f["field"], **values)
                    conn.execute(change_fields_t.insert().values(change_id=cid, field=f["field"], audience=audience,
                                                                 **values))


def _check_in_parts(c: CheckIn) -> dict[str, Any]:
    """A check-in as the change log shows it: its fields and its parts as lines of text."""
    return {
        "date": c.date, "mode": c.mode, "summary": c.summary,
        "statuses": [f"O{s.objective}·KR{s.key_result} {STATUS_LABELS.get(s.status, s.status)}" + (f": {s.note}" if s.note else "")
                     for s in c.key_results],
        "obstacles": [f"{o.kind}: {o.text}" if o.kind else o.text for o in c.obstacles],
        "trial_runs": [f"{t.text} ({t.status})" for t in c.trial_runs],
        "actions": [f"{a.text} ({a.owner}" + (f", due {a.due}" if a.due else "") + f", {a.status})" for a in c.actions],
    }


def quarter_dates_outside(quarter: str, **dates: dt.date | None) -> list[Finding]:
    """Findings for the dates (name -> date) that fall outside ``quarter``."""
    start, end = quarter_bounds(quarter)
    return [Finding("warning", "date_outside_quarter", f"{name} {day.isoformat()} is outside {quarter} "
                    f"({start.isoformat()} to {end.isoformat()}); change it to a date in the quarter", name)
            for name, day in dates.items() if day is not None and not start <= day <= end]
