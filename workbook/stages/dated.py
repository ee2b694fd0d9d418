"""People and records as they stood on a day: a promotion entered ahead is not in effect yet, a record made later is not there.

Every view of a person's ladder reads them through :func:`person_on` or :func:`team_as_of`, so the level a page, a
gap list or a team view works from is the one the summary and `person show` print; every document made as of a day
reads its dated records through :func:`recorded_by`, so nothing recorded after that day is in it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..core import clock
from ..core.dates import outcome_shown_on, status_as_of, to_date
from ..core.frames import keep_rows
from ..core.model import STORED, Person

if TYPE_CHECKING:
    import pandas as pd

    from ..store import Store

__all__ = ["as_it_was", "person_on", "day_within", "team_as_of", "joined_by", "nobody_to_run", "recorded_by",
           "outcomes_by", "statuses_by", "open_actions_by"]


def started_by(person: Person, period: str) -> bool:
    """Whether ``person`` had started by the last day of ``period`` (a canonical quarter or year; no start date:
    they had). A stage run or a summary for a period before someone joined has nothing of theirs to show."""
    from ..core.dates import period_bounds

    return joined_by(person, period_bounds(period)[1])


def nobody_to_run(store: Store, period: str, what: str, *, include_archived: bool = False) -> str:
    """Why a batch over everyone in ``period`` (a canonical quarter or year) has nobody to make ``what`` for, as
    one line with what to do: nobody reports to the user, nobody is in the workbook yet, everyone there is a leaver,
    or nobody had started by the period's end (the first start named)."""
    if store.nobody_reports_to_me(below=True):
        return f"nobody reports to you in this workbook, so there is no {what} for you to make"
    team = store.my_team(below=True, include_archived=True)
    if not team:
        return (f"nobody in the workbook yet, so there is no {what} to make; add someone with `workbook person add ID "
                "--name NAME` (or `workbook import FILE`)")
    current = team if include_archived else [p for p in team if not p.archived]
    if not current:
        return (f"everyone in the workbook is archived (a leaver), so there is no {what} to make; add "
                "--all to make theirs")
    first = min(current, key=lambda p: str(p.started or ""))
    return (f"nobody had started by the end of {period} (the first start is {first.name}'s, on {first.started}), so "
            f"there is no {what} to make; give a later period")


def joined_by(person: Person, day: dt.date) -> bool:
    """Whether ``person`` had started by ``day`` (no start date recorded: they had). Nothing is due,
    summarised or shown in a team view for someone before their first day."""
    from ..core.dates import to_date

    started = to_date(person.started)
    return started is None or started <= day


def as_it_was(store: Store, person: Person, day: dt.date) -> Person:
    """``person`` with the level, track, ladder, manager and name they had on ``day`` (their dated history
    undone after it): a summary of an earlier quarter shows the level of that quarter."""
    return _undo(person, [h for h in store.person_history(person.id) if h["effective"] > day])


def person_on(store: Store, person_id: str, day: dt.date | None = None) -> Person:
    """Person ``person_id`` as they are on ``day`` (default today): a promotion entered ahead is not in effect
    yet. NotFound for an unknown person. Every view of a person's ladder reads them through this (or
    :func:`team_as_of`), so the level a page works from is the one the summary and `person show` print."""
    return as_it_was(store, store.person(person_id), day or clock.today())


def day_within(start: dt.date, end: dt.date, day: dt.date | None = None) -> dt.date:
    """``day`` (default today) held inside ``start``-``end``: the day a period's view reads people on (its end for
    a period past, its start for one ahead)."""
    return min(max(day or clock.today(), start), end)


def team_as_of(store: Store, people: list[Person], day: dt.date) -> list[Person]:
    """``people`` as they are on ``day`` (a promotion entered ahead not in effect yet), with one query for all."""
    later = store.dated_changes_after(day)
    return [_undo(p, later.get(p.id, [])) for p in people]


def _undo(person: Person, later: list[dict[str, Any]]) -> Person:
    if not later:
        return person
    values = person.model_dump()
    for h in reversed(later):  # newest first, so each field ends at its oldest value after ``day``
        values[h["field"]] = h["old"]
    return Person.model_validate(values, context=STORED)


def recorded_by(frame: pd.DataFrame, day: dt.date, column: str = "date") -> pd.DataFrame:
    """The rows of ``frame`` recorded on or before ``day`` by their ``column`` (a check-in's ``date``, an action's
    ``created_on``, support's ``requested_on``), all columns kept: a summary or team overview dated ``day`` shows
    the records as they stood that day, nothing recorded later. A row with no such day (saved before the workbook
    kept it) is kept, as it always was."""
    if not len(frame):
        return frame
    return keep_rows(frame, ((d := to_date(v)) is None or d <= day for v in frame[column]))


def statuses_by(frame: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Support or action rows (``support_frame``, ``actions_frame``) with the status each had on ``day``: one
    whose status changed after it shows the status before (a review given a week after the quarter ended is
    still requested in the summary dated the quarter's last day). A change with no day is shown as it is."""
    if not len(frame) or "status_on" not in frame.columns:
        return frame
    then = [status_as_of(s, on, before, day)
            for s, on, before in zip(frame["status"], frame["status_on"], frame["status_before"], strict=True)]
    if then == list(frame["status"]):
        return frame
    out = frame.copy()
    out["status"] = then
    return out


def open_actions_by(frame: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """The actions of ``frame`` (``actions_frame``, every status) agreed by ``day`` and still open on it."""
    then = statuses_by(recorded_by(frame, day, "created_on"), day)
    return then if not len(then) else keep_rows(then, (s == "open" for s in then["status"]))


def outcomes_by(krs: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """``krs`` (``okrs_frame`` rows) as they stood on ``day``: a key result whose outcome was recorded after it has no
    outcome yet (nor its note). An outcome with no day (recorded before the workbook kept it) is kept."""
    if not len(krs) or "outcome_on" not in krs.columns:
        return krs
    later = [not outcome_shown_on(v, day) for v in krs["outcome_on"]]
    if not any(later):
        return krs
    out = krs.copy()
    out["outcome"] = [None if hide else o for o, hide in zip(out["outcome"], later, strict=True)]
    out["outcome_note"] = ["" if hide else n for n, hide in zip(out["outcome_note"], later, strict=True)]
    return out
