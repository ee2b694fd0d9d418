"""Validation at the door for dates: a date written to the workbook must be one a person can mean.

Checked inside the write's own transaction (the person's start date is read on the same connection), for
the values a write adds or changes only: a workbook that already holds an implausible date opens and
edits fine, and `workbook check` lists it to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core import clock
from ..core.dates import MONTHS_AHEAD, implausible_date, months_after, status_day_problem, to_date
from ..core.errors import InputError
from ..core.rules import LIMIT_RANGES
from .schema import people_t

__all__ = ["check_dates", "check_order", "check_period_start", "date_problem", "order_problem", "period_start_problem",
           "START_BOUND_FIELDS", "CHECK_IN_DAYS_AHEAD", "DUE_AFTER_CHECK_IN", "conversation_ahead_problem",
           "check_conversation_ahead", "check_status_day", "status_change_problem"]

# dates of things that happen with the person (not before they started); a start date itself, and
# anything else, is only held to 1970 and 18 months ahead
START_BOUND_FIELDS = frozenset({"date", "follow_up_due", "target_date", "due", "follow_up_on", "created_on"})
# A check-in records a conversation that happened or is about to: the next one is at most one rhythm away, and the
# longest rhythm a workbook may set (the top of the `check_in_days` limit) is a quarter. One dated further ahead is
# a typo (2028 for 2027), filed under a quarter it was not held in (docs/decisions/0016). A push/pull note records a
# conversation too and is held to the same days; its follow-up's due date is a plan, held only to the 18 months.
CHECK_IN_DAYS_AHEAD = int(LIMIT_RANGES["check_in_days"][1])
# why an action's due date or a trial run's follow-up may not come before its check-in (the order rule's ``why``),
# said the same way wherever it is written: adding or editing a check-in, editing an action, an import
DUE_AFTER_CHECK_IN = "what is agreed at a check-in is due after it"


def date_problem(name: str, day: Any, started: dt.date | None, person_id: str, *,
                 today: dt.date | None = None) -> str | None:
    """Why date ``name`` (a field like ``date`` or ``due``) cannot be meant for this person, as a one-line
    message, or None. Only dates of things that happen with the person are held to their start."""
    bound = started if name.rsplit(".", 1)[-1].rsplit(" ", 1)[-1] in START_BOUND_FIELDS else None
    problem = implausible_date(to_date(day), started=bound, today=today, started_label=f"{person_id}'s start date")
    return f"{name} {problem}" if problem else None


def check_dates(conn: Connection, person_id: str, values: Mapping[str, tuple[Any, Any]], *, where: str = "",
                today: dt.date | None = None) -> None:
    """Refuse (InputError naming the field) any new value in ``values`` (``field -> (old, new)``) that is not a
    plausible date. A value equal to the old one is not checked (it was there before)."""
    started: dt.date | None = None
    looked = False
    for name, (old, new) in values.items():
        day = to_date(new)
        if day is None or day == to_date(old):
            continue
        if not looked and name.rsplit(".", 1)[-1].rsplit(" ", 1)[-1] in START_BOUND_FIELDS:
            started = to_date(conn.execute(sa.select(people_t.c.started).where(people_t.c.id == person_id)).scalar())
            looked = True
        problem = date_problem(name, day, started, person_id, today=today)
        if problem:
            raise InputError(problem, None, where or None)


def conversation_ahead_problem(day: Any, *, record: str, today: dt.date | None = None,
                               fix: str = "give its date") -> str | None:
    """Why a ``record`` ("check-in" or "note") dated ``day`` cannot be meant, as a one-line message ending with ``fix``
    (none when empty), or None: one more than :data:`CHECK_IN_DAYS_AHEAD` days after ``today`` (default today)
    records no conversation."""
    when = to_date(day)
    limit = (today or clock.today()) + dt.timedelta(days=CHECK_IN_DAYS_AHEAD)
    if when is None or when <= limit:
        return None
    return (f"{record} date {when.isoformat()} is more than {CHECK_IN_DAYS_AHEAD} days ahead (after {limit.isoformat()}); "
            f"a {record} records a conversation that happened or is about to" + (f": {fix}" if fix else ""))


def check_conversation_ahead(old: Any, new: Any, *, record: str, where: str = "", today: dt.date | None = None) -> None:
    """Refuse (InputError) what :func:`conversation_ahead_problem` finds in a check-in's or note's new date. A date
    equal to the old one is not checked (a record already in the workbook stays editable; `workbook check` lists it)."""
    if to_date(new) == to_date(old):
        return
    if problem := conversation_ahead_problem(new, record=record, today=today):
        raise InputError(problem, None, where or None)


def order_problem(first: tuple[str, Any], then: tuple[str, Any], *, why: str) -> str | None:
    """Why date ``then`` (label, day) cannot follow ``first`` (label, day), as a one-line message, or None: a
    follow-up, action or trial run is not due before the conversation it came from. ``why`` ends the message
    ("a follow-up comes after the conversation")."""
    a, b = to_date(first[1]), to_date(then[1])
    if a is None or b is None or b >= a:
        return None
    return f"{then[0]} {b} is before {first[0]} {a}; {why}: check both dates"


def check_order(first: tuple[str, Any, Any], then: tuple[str, Any, Any], *, why: str, where: str = "") -> None:
    """Refuse (InputError) what :func:`order_problem` finds, for ``first`` and ``then`` given as (label, old,
    new). Checked only when either value is new or changed, so a workbook that already holds such a pair
    edits fine (and `workbook check` says it)."""
    (first_label, first_old, first_new), (then_label, then_old, then_new) = first, then
    if to_date(first_new) == to_date(first_old) and to_date(then_new) == to_date(then_old):
        return
    problem = order_problem((first_label, first_new), (then_label, then_new), why=why)
    if problem:
        raise InputError(problem, None, where or None)


def status_change_problem(on: object, *since: tuple[str, Any]) -> str | None:
    """Why ``on`` cannot be the day a support commitment's or an action's status changed, as one line, or None: after
    today, or before any of ``since`` (label, day: when it was asked for or agreed, the status's last change)."""
    return status_day_problem(on) or next(
        (p for first in since if (p := order_problem(first, ("the day the status changed", on),
                                                     why="a status changes after it was asked for, agreed or last changed"))),
        None)


def check_status_day(on: dt.date | None, *since: tuple[str, Any], where: str) -> None:
    """Refuse (InputError, naming ``where``) what :func:`status_change_problem` finds in a day given for a change of
    status. None, today's change, passes."""
    if on is not None and (problem := status_change_problem(on, *since)):
        raise InputError(problem, None, where)


def period_start_problem(label: str, start: dt.date, *, today: dt.date | None = None) -> str | None:
    """Why a new quarter or plan year cannot be meant, or None: one that starts more than 18 months ahead is a
    typo for a year (`objective add ola 2099Q1`, `goal add ola 2099`), as such a date is."""
    limit = months_after(today or clock.today(), MONTHS_AHEAD)
    if start > limit:
        return f"{label} starts {start.isoformat()}, more than {MONTHS_AHEAD} months ahead (after {limit.isoformat()}); check the year"
    return None


def check_period_start(label: str, start: dt.date, *, today: dt.date | None = None) -> None:
    """Refuse (InputError) what :func:`period_start_problem` finds. Only a period being created is checked, so
    one already in the workbook stays editable."""
    if problem := period_start_problem(label, start, today=today):
        raise InputError(problem)
