"""Stage 4, the bi-weekly check-in: what the last one left open, support to chase, the quarter's status trail."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.dates import (
    check_quarter,
    past_due,
    quarter_bounds,
    quarter_of,
    to_date,
)
from ..core.labels import STATUS_LABELS, TABLE_KR_WIDTH, kr_label, owner_label, plural, short
from ..core.model import (
    CheckIn,
)

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    import pandas as pd

    from ..store import Store

__all__ = ["check_in_repeats", "action_owners", "SUPPORT_STALE_DAYS", "TRIAL_FOLLOW_UP_DAYS", "CarriedForward", "trial_run_to_debrief", "carried_forward", "overdue_support_frame", "overdue_support",
           "upcoming_support", "check_in_history_frame", "kr_status_timeline_frame", "ONE_TO_ONE_ONLY"]


# A request still "requested" this long after it was asked for has waited too long for a "yes".
SUPPORT_STALE_DAYS = 14
# A trial run is followed up at the next bi-weekly 1:1: how did it go, what did they learn?
TRIAL_FOLLOW_UP_DAYS = 14
# What a skip-level or HR reads where a check-in's obstacles or trial runs are counted: hidden from them, not none.
ONE_TO_ONE_ONLY = "1:1 only"
_SUPPORT_COLUMNS = ["support_id", "key_result", "who", "what", "status", "due", "reason", "chase_from"]


def check_in_repeats(store: Store, check_in: CheckIn) -> tuple[int | None, list[int]]:
    """Before ``check_in`` is added from the command line: the id of one of the person's check-ins that says word for
    word what it says (the same day, mode, summary, statuses, obstacles, trial runs and actions: the same command run
    twice, not a second conversation; None when there is none), and the ids of their other check-ins on its day (a
    second conversation that day is kept, and said, as the check-in page says it). Nothing for a reader who may not
    write the person's records (a skip-level, HR, the report): their add is refused by their rights, and what they
    read of a check-in (no summary, no obstacles) is not what it says."""
    from ..exchange.present import PresentRecords

    if not store.allowed("write", check_in.person):
        return None, []
    same = PresentRecords(store).check_in(check_in)
    others = [int(c.id) for c in store.check_ins(check_in.person, quarter_of(check_in.date))
              if c.date == check_in.date and c.id is not None and c.id != same]
    return same, others


@dataclass
class CarriedForward:
    """What the last check-in left open: its statuses, obstacles and trial runs, and the open actions."""

    last: CheckIn | None
    kr_statuses: pd.DataFrame
    open_actions: pd.DataFrame
    trial_runs_to_debrief: pd.DataFrame
    as_of: dt.date
    quarter: str = ""
    key_results: int = 0  # how many key results the quarter has (none: nothing to give a status to yet)
    same_day: tuple[CheckIn, ...] = ()  # check-ins already recorded on ``as_of``: the form would add another


def carried_forward(store: Store, person_id: str, quarter: str, as_of: dt.date) -> CarriedForward:
    """The last check-in before ``as_of`` (any quarter), its KR statuses with their key results' text,
    the person's open actions (overdue first), the trial runs not yet debriefed, and the quarter's check-ins
    already recorded on ``as_of`` (the form's Save would add another: Edit changes one)."""
    import pandas as pd

    last = store.last_check_in(person_id, before=as_of)
    statuses = pd.DataFrame(columns=["key_result", "status", "note"])
    if last is not None:
        frame = store.kr_status_frame(person_id)
        frame = frame[frame["check_in_id"] == last.id]
        statuses = pd.DataFrame({
            "key_result": [kr_label(o, k, t, TABLE_KR_WIDTH) for o, k, t in
                           zip(frame["objective"], frame["key_result"], frame["kr_text"], strict=True)],
            "status": [STATUS_LABELS.get(s, s) for s in frame["status"]],
            "note": frame["note"].fillna(""),
        })
    actions = store.actions_frame(person_id, open_only=True)
    if len(actions):
        actions = actions.copy()
        actions["overdue"] = [past_due(d, as_of) for d in actions["due"]]
    else:
        actions = pd.DataFrame(columns=[*actions.columns, "overdue"])
    trials = store.trial_runs_frame(person_id)
    trials = trials[trials["status"] != "debriefed"].reset_index(drop=True) if len(trials) else trials
    okrs = store.okrs(person_id, check_quarter(quarter))
    start, end = quarter_bounds(check_quarter(quarter))
    same_day = tuple(c for c in store.check_ins(person_id, check_quarter(quarter)) if c.date == as_of) \
        if start <= as_of <= end else ()
    return CarriedForward(last=last, kr_statuses=statuses.reset_index(drop=True), open_actions=actions.reset_index(drop=True),
                          trial_runs_to_debrief=trials, as_of=as_of, quarter=check_quarter(quarter),
                          key_results=sum(len(o.key_results) for o in okrs.objectives) if okrs else 0,
                          same_day=same_day)


def trial_run_to_debrief(store: Store, person_id: str, words: str) -> str:
    """The text of the person's trial run that ``words`` name: the text itself, or words found in exactly one
    of the trial runs not yet debriefed, as whole words (case and spacing aside). Raises NotFound naming the open ones."""
    from ..core.errors import NotFound

    trials = store.trial_runs_frame(store.person(person_id).id)
    texts = list(dict.fromkeys(trials["text"])) if len(trials) else []
    if words in texts:
        return words
    open_texts = list(dict.fromkeys(trials[trials["status"] != "debriefed"]["text"])) if len(trials) else []
    folded = " ".join(words.split()).casefold()
    whole = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")  # whole words: "rep" names no trial run
    found = [t for t in open_texts if folded and whole.search(" ".join(t.split()).casefold())]
    if len(found) == 1:
        return found[0]
    if not open_texts:
        raise NotFound(f"{person_id} has no trial run to debrief; a check-in agrees one "
                       "(`workbook checkin add PERSON --trial-run TEXT`)")
    shown = "; ".join(repr(short(t, 40)) for t in open_texts[:3])
    more = f" and {len(open_texts) - 3} more" if len(open_texts) > 3 else ""
    which = "more than one trial run" if found else "no trial run"
    raise NotFound(f"{which} of {person_id} to debrief has the words {words[:40]!r}; give more of its words: "
                   f"{shown}{more}")


def overdue_support_frame(store: Store, person_id: str, quarter: str, as_of: dt.date,
                          stale_days: int = SUPPORT_STALE_DAYS) -> pd.DataFrame:
    """Support commitments of the quarter's key results that need chasing: past their due date and not
    done (or dropped), or still only 'requested' more than ``stale_days`` after it was asked for (the day it
    was recorded while the quarter ran; a request recorded before or outside its quarter counts from the
    quarter's start).
    Columns: support_id, key_result (label), who, what, status, due, reason, chase_from (the day it began to
    need chasing: its due date, or the day ``stale_days`` after it was asked for ran out)."""
    q = check_quarter(quarter)
    return overdue_support(store.support_frame(person_id, q), q, as_of, stale_days)


def overdue_support(support: pd.DataFrame, quarter: str, as_of: dt.date,
                    stale_days: int = SUPPORT_STALE_DAYS) -> pd.DataFrame:
    """:func:`overdue_support_frame` of one person's rows of ``Store.support_frame`` for ``quarter`` (the
    due list reads a whole team's support in one query and passes each person's here)."""
    import pandas as pd

    q = check_quarter(quarter)
    start, _end = quarter_bounds(q)
    rows = []
    for s in support.itertuples():
        if s.status in ("done", "dropped"):
            continue
        due = to_date(s.due)
        asked = _asked_on(s, start)
        since = f"on {asked.isoformat()}" if asked > start else f"at the start of {q}"
        waited = (as_of - asked).days
        reason, chase = "", None
        if due is not None and due < as_of:
            reason = f"due {due.isoformat()}, {plural((as_of - due).days, 'day')} ago, still {s.status}"
            chase = due
        elif s.status == "requested" and waited > stale_days:
            reason = f"requested {waited} days ago, {since}, and nobody has committed yet"  # it is shown in brackets
            chase = asked + dt.timedelta(days=stale_days + 1)  # the first day it is flagged
        if reason:
            rows.append(_support_row(s, due, reason, chase))
    return pd.DataFrame(rows, columns=_SUPPORT_COLUMNS)


def upcoming_support(support: pd.DataFrame, quarter: str, as_of: dt.date, horizon: dt.date,
                     stale_days: int = SUPPORT_STALE_DAYS) -> pd.DataFrame:
    """The rows of :func:`overdue_support` that are not due on ``as_of`` but will be by ``horizon`` (the due
    list's look-ahead): a commitment whose date comes, a request whose two weeks without a "yes" run out.
    Same columns; ``chase_from`` is that day."""
    import pandas as pd

    q = check_quarter(quarter)
    start, _end = quarter_bounds(q)
    late = set(overdue_support(support, q, as_of, stale_days)["support_id"])
    rows = []
    for s in support.itertuples():
        if s.status in ("done", "dropped") or int(s.support_id) in late:
            continue
        due = to_date(s.due)
        asked = _asked_on(s, start)
        stale = asked + dt.timedelta(days=stale_days + 1)
        if due is not None and as_of <= due <= horizon:
            reason, chase = f"due {due.isoformat()}, still {s.status}", due
        elif s.status == "requested" and as_of < stale <= horizon:
            since = f"on {asked.isoformat()}" if asked > start else f"at the start of {q}"
            reason, chase = f"requested {since}; nobody has said yes yet", stale
        else:
            continue
        rows.append(_support_row(s, due, reason, chase))
    return pd.DataFrame(rows, columns=_SUPPORT_COLUMNS)


def _asked_on(s: Any, start: dt.date) -> dt.date:
    """The day a support row's wait for a "yes" counts from: the day it was asked for, but never before its
    quarter's ``start`` (a row from before revision 0008, or moved from an earlier quarter, counts from it)."""
    asked = to_date(getattr(s, "requested_on", None))
    return max(asked, start) if asked is not None else start


def _support_row(s: Any, due: dt.date | None, reason: str, chase: dt.date | None) -> dict[str, Any]:
    """One row of the support to chase, from a ``Store.support_frame`` row."""
    return {"support_id": int(s.support_id), "key_result": kr_label(s.objective, s.key_result, s.kr_text, TABLE_KR_WIDTH),
            "who": s.who, "what": s.what, "status": s.status, "due": due.isoformat() if due else "",
            "reason": reason, "chase_from": chase}


def check_in_history_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """The quarter's check-ins: date, mode, statuses (counts), obstacles, trial_runs, actions, summary. A reader
    who may not read the 1:1's words (a skip-level, HR) gets "1:1 only" for obstacles and trial runs, never a
    count of the rows hidden from them."""
    import pandas as pd

    working = store.allowed("read_working", person_id)
    rows = []
    for c in store.check_ins(person_id, quarter):
        counts: dict[str, int] = {}
        for s in c.key_results:
            counts[s.status] = counts.get(s.status, 0) + 1
        rows.append({"date": c.date.isoformat(), "mode": c.mode,
                     "statuses": ", ".join(f"{n} {STATUS_LABELS[k]}" for k, n in sorted(counts.items(),
                                           key=lambda kv: list(STATUS_LABELS).index(kv[0]))) or "—",
                     "obstacles": len(c.obstacles) if working else ONE_TO_ONE_ONLY,
                     "trial_runs": len(c.trial_runs) if working else ONE_TO_ONE_ONLY, "actions": len(c.actions),
                     "summary": c.summary})
    return pd.DataFrame(rows, columns=["date", "mode", "statuses", "obstacles", "trial_runs", "actions", "summary"])


def kr_status_timeline_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """Key results (rows, labelled O1·KR1 …) by check-in dates (columns) holding the status at each
    check-in ('' when not discussed). Key results never checked in still get a row."""
    import pandas as pd

    q = check_quarter(quarter)
    krs = store.okrs_frame(person_id, q)
    krs = krs[krs["kr_id"].notna()]
    labels = [kr_label(o, k, t) for o, k, t in zip(krs["objective"], krs["key_result"], krs["kr_text"], strict=True)]
    statuses = store.kr_status_frame(person_id, q)
    dates = sorted({day for day in map(to_date, statuses["date"]) if day is not None}) if len(statuses) else []
    frame = pd.DataFrame("", index=pd.Index(labels, name="key_result"), columns=dates, dtype=object)
    for s in statuses.itertuples():
        frame.loc[kr_label(s.objective, s.key_result, s.kr_text), to_date(s.date)] = s.status
    return frame


def action_owners(store: Store, person_id: str, owners: Any) -> list[str]:
    """Each action owner ("employee", "manager" or a name typed in) as the reader of a check-in page knows
    them: the report by name, the manager as "you" when the reader is that manager (always, in a workbook
    of one's own), else by name (a skip-level, HR)."""
    person = store.person(person_id)
    actor = store.actor()
    mine = not store.is_postgres or (actor.person is not None and actor.person == person.manager)
    manager = "you" if mine else (store.manager_label(person) or "their manager")
    return [owner_label(o, person.name, manager) for o in owners]
