"""What is due this week, per person: check-ins, follow-ups, trial runs, actions, support, growth goals, OKRs and quarters to close.

The home page and `workbook due` show the same list (:func:`due_frame`). An item is due when its day is
on or before ``as_of + within_days``:

* **check-in**: the last check-in is ``check_in_days`` old (a workbook limit, 14 by default: bi-weekly);
  someone never checked in with is due from the day they were added to the workbook or started, whichever is
  later (today when neither is known);
* **follow-up**: a follow-up written on a note, not done, with a due date (the log's rule: at most 90 days
  overdue; private ones say so);
* **trial run**: a trial run agreed at a check-in and not yet debriefed, from its follow-up day (the next
  check-in's; at most 90 days late, as follow-ups);
* **action**: an open action with a due date (from a check-in or standalone);
* **support**: a support commitment of the quarter's key results past its date or waiting for a "yes"
  (:func:`workbook.stages.checkin.overdue_support_frame`);
* **growth goals**: growth-goal drafts the report shared (this year or next) with no feedback given since,
  while that year's plan is not agreed, from the day they were shared; else no growth goal for the year of
  ``as_of`` yet (from October on, for next year unless this year has some); and a plan with goals that is not
  agreed yet, while no draft of its year waits (this year's; from October on, next year's once it has goals);
* **OKRs**: no objective for the quarter of ``as_of`` yet; in its last month, none for the next quarter yet
  (whether or not this one has some: a month before it ends is the time to set the next quarter's, not
  this one's);
* **close**: an earlier quarter with key results that have no outcome, or this quarter when it ends
  within the window.

In an organisation database someone with no manager in the tree (none yet, a name that is no person there, or a
manager archived as a leaver) has nobody to hold these conversations: they get the one item **no manager**
instead, for the administrator to fix (HR is told to ask them), never a list of check-ins nobody can keep. The top of a tree (no manager named,
and people report to them: the head of the organisation or of a team kept here) has nothing due: nobody here
holds their conversations, and nothing is missing to fix. A SQLite workbook is its owner's,
who holds everyone's conversations: there nobody lacks a manager.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core import clock
from ..core.dates import next_quarter, previous_quarter, quarter_bounds, quarter_of, to_date
from ..core.errors import InputError
from ..core.labels import owner_label, plural
from .checkin import overdue_support, upcoming_support
from .conversation_log import FOLLOW_UP_LOOKBACK_DAYS, follow_ups_due
from .dated import joined_by

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    import pandas as pd

    from ..store import Store

__all__ = ["tree_heads", "DUE_KINDS", "DUE_COLUMNS", "STAGE_OF_KIND", "parse_within", "due_frame", "due_for_person", "format_due",
           "period_to_open"]

# In the order a manager meets them in a 1:1: the conversation itself, then promises, then the plans.
# "no manager" first: until someone holds them, nothing else about the person can be done.
DUE_KINDS = ("no manager", "check-in", "follow-up", "trial run", "action", "support", "growth goals", "OKRs", "close")
# The stage a due item is handled in (the home page links each item to it; "": no stage page, a person edit).
STAGE_OF_KIND = {"no manager": "", "check-in": "checkin", "follow-up": "log", "trial run": "checkin", "action": "checkin", "support": "checkin",
                 "growth goals": "goals", "OKRs": "okrs", "close": "close"}
DUE_COLUMNS = ["person", "name", "kind", "what", "due", "days_late", "stage", "period"]
_CLOSE_LOOKBACK_QUARTERS = 4  # older quarters left open are history, not this week's work
_WITHIN = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.IGNORECASE)


def parse_within(text: str | int | None) -> int:
    """Days from ``7d``, ``2w``, ``7`` or None (0). Raises InputError for anything else."""
    if text is None or text == "":
        return 0
    if isinstance(text, int):
        days = text
    else:
        match = _WITHIN.match(str(text))
        if not match:
            raise InputError(f"--within {text!r} is not a number of days or weeks; write e.g. 7d or 2w")
        days = int(match.group(1)) * (7 if match.group(2).lower() == "w" else 1)
    if days < 0 or days > 366:
        raise InputError(f"--within {text!r} must be between 0 and 366 days")
    return days


def _item(person: Any, kind: str, what: str, due: dt.date, as_of: dt.date, period: str = "") -> dict[str, Any]:
    """One due item; ``period`` is the year or quarter its stage should open on when not the day's own."""
    return {"person": person.id, "name": person.name, "kind": kind, "what": what, "due": due,
            "days_late": (as_of - due).days, "stage": STAGE_OF_KIND[kind], "period": period}


@dataclass
class _TeamFacts:
    """What the rules need, read for a whole team in a few queries (one per kind, not one per person: on an
    organisation's server every query is a round trip through the row-level security policies)."""

    limits: Any
    last_check_in: dict[str, dt.date]
    added: dict[str, dt.date]  # the day each person was added to the workbook, where the change log says it
    follow_ups: dict[str, pd.DataFrame]  # per person: their notes with a follow-up not done, newest first
    trials: dict[str, list[Any]]  # per person: trial runs not yet debriefed, soonest follow-up first
    actions: dict[str, list[Any]]  # per person: open actions with a due date, as actions_frame orders them
    support: dict[str, pd.DataFrame]  # per person: the support rows of the quarter and of earlier ones left to close
    goals: dict[tuple[str, int], int]  # growth goals per (person, year)
    drafts: dict[tuple[str, int], tuple[int, dt.date]]  # goal drafts shared, no feedback since: (count, last shared)
    unagreed: dict[tuple[str, int], str]  # plans with goals not agreed yet: their status, per (person, year)
    okrs: dict[tuple[str, str], tuple[int, int]]  # (objectives, key results without an outcome) per (person, quarter)
    manager_word: str = "you"  # who an action owned by "manager" is to the reader: you, or their manager (HR)
    unmanaged: frozenset[str] = frozenset()  # organisation database: the people with no manager in the tree
    heads: frozenset[str] = frozenset()  # and of those, the ones people report to (the top of a tree)
    manager_left: frozenset[str] = frozenset()  # organisation database: people whose manager is archived (left)
    administrator: bool = True  # the reader moves people (the owner); HR and managers are told who does


def _close_candidates(quarter: str) -> list[str]:
    candidates = [quarter]
    for _ in range(_CLOSE_LOOKBACK_QUARTERS):
        candidates.append(previous_quarter(candidates[-1]))
    return candidates


def _team_facts(store: Store, people: str | Sequence[str] | None, as_of: dt.date) -> _TeamFacts:
    """The facts for ``people`` (one id, some ids, or None: everyone the reader sees), read inside the
    caller's snapshot: one query per kind of fact whatever the team's size."""
    quarter = quarter_of(as_of)
    notes = store.follow_up_notes_frame(as_of, people)
    ids = [people] if isinstance(people, str) else people
    actions = store.actions_frame(open_only=True, people=ids)
    # this quarter's support, and that of an earlier quarter still left to close (filtered below): a request nobody
    # answered does not stop mattering on the day its quarter ends, while its key results still wait for an outcome
    support = store.support_frame(quarter=_close_candidates(quarter), people=ids)
    okrs = store.okr_counts([next_quarter(quarter), *_close_candidates(quarter)], people, as_of)
    if len(support):
        open_quarter = [q == quarter or okrs.get((str(pid), q), (0, 0))[1] > 0
                        for pid, q in zip(support["person_id"], support["quarter"], strict=True)]
        support = support[open_quarter]
    by_person_trials: dict[str, list[Any]] = {}
    for t in store.trial_runs_to_debrief_frame(as_of, people).itertuples():
        by_person_trials.setdefault(str(t.person_id), []).append(t)
    by_person_actions: dict[str, list[Any]] = {}
    for a in actions.itertuples():
        if to_date(a.due) is not None:
            by_person_actions.setdefault(a.person_id, []).append(a)
    plans = store.goal_counts([as_of.year, as_of.year + 1], people)
    return _TeamFacts(
        limits=store.limits(),
        last_check_in=store.last_check_in_dates(as_of + dt.timedelta(days=1), people),
        added=store.added_days(people),
        follow_ups={str(pid): group for pid, group in notes.groupby("person_id", sort=False)} if len(notes) else {},
        trials=by_person_trials,
        actions=by_person_actions,
        support={str(pid): group for pid, group in support.groupby("person_id", sort=False)} if len(support) else {},
        goals={key: n for key, (n, _status) in plans.items()},
        drafts=store.goal_drafts_awaiting([as_of.year, as_of.year + 1], people),
        unagreed={key: status for key, (_n, status) in plans.items() if status != "agreed"},
        okrs=okrs,
        manager_word="their manager" if store.actor().hr else "you",
        administrator=store.actor().owner,
        **_unmanaged(store),
    )


def tree_heads(store: Store) -> frozenset[str]:
    """The tops of an organisation's tree: people with no manager whom others report to. Nobody in the workbook
    holds their conversations, so nothing they lack is missing. Empty for a SQLite workbook."""
    return _unmanaged(store).get("heads", frozenset())


def _unmanaged(store: Store) -> dict[str, frozenset[str]]:
    """An organisation database's people with no manager in the tree, and those of them people report to."""
    if not store.is_postgres:
        return {}
    managers = store.managers()
    unmanaged = frozenset(pid for pid, manager in managers.items() if manager is None)
    left = frozenset(p.id for p in store.people(include_archived=True) if p.archived)
    return {"unmanaged": unmanaged, "heads": unmanaged & frozenset(m for m in managers.values() if m),
            "manager_left": frozenset(pid for pid, manager in managers.items() if manager in left and pid not in left)}


def due_for_person(store: Store, person_id: str, as_of: dt.date, within_days: int = 0) -> list[dict[str, Any]]:
    """The due items of one person (see the module's rules), most overdue first. Raises NotFound."""
    with store.snapshot():
        person = store.person(person_id)
        facts = _team_facts(store, person_id, as_of)
    return _due_items(person, facts, as_of, within_days)


def _due_items(person: Any, facts: _TeamFacts, as_of: dt.date, within_days: int) -> list[dict[str, Any]]:
    import pandas as pd

    horizon = as_of + dt.timedelta(days=within_days)
    if not joined_by(person, horizon):  # nothing is due with someone who has not joined yet
        return []
    if person.id in facts.heads and not person.manager:  # heads are unmanaged people others report to
        return []  # the top of a tree: nobody here holds their conversations, and nothing is missing
    if person.id in facts.unmanaged or person.id in facts.manager_left:  # nobody holds their conversations: the
        # one thing to fix (a manager who left keeps them until someone is given them)
        outside = (f" (their manager {person.manager} is archived, a leaver)" if person.id in facts.manager_left
                   else f" ({person.manager!r} is a name, not a person in the workbook)" if person.manager else "")
        fix = (f"give them a manager with `workbook person edit {person.id} --manager ID`" if facts.administrator
               else f"the administrator gives them a manager (`workbook person edit {person.id} --manager ID` with the "
                    "owner's URL)")
        return [_item(person, "no manager", f"nobody holds their check-ins, goals or OKRs{outside}: {fix}", as_of,
                      as_of)]
    limits = facts.limits
    items: list[dict[str, Any]] = []

    last = facts.last_check_in.get(person.id)
    if last is None:  # due from the day they joined the workbook or the team, whichever came later: a list that
        # said "due today" every day for someone never met ranked them below a check-in two days late
        since, why = max(((day, why) for day, why in ((facts.added.get(person.id), "they were added"),
                                                         (person.started, "they started")) if day is not None),
                         default=(as_of, ""))
        if since >= as_of:  # added or started today (or on a later day of the real calendar than the page's)
            since, why = as_of, ""
        items.append(_item(person, "check-in", (f"no check-in since {why} on {since.isoformat()}" if why else
                                                "no check-in yet") + ": start the bi-weekly rhythm", since, as_of))
    else:
        day = last + dt.timedelta(days=limits.check_in_days)
        if day <= horizon:
            items.append(_item(person, "check-in", f"last check-in {last.isoformat()} "
                               f"({plural((as_of - last).days, 'day')} ago)", day, as_of))

    notes = facts.follow_ups.get(person.id)
    if notes is not None:
        for f in follow_ups_due(notes, as_of).itertuples():  # the log's own rule: 90 days back at most
            if f.due is not None and f.due <= horizon:
                items.append(_item(person, "follow-up", f.follow_up, f.due, as_of))

    for t in facts.trials.get(person.id, []):
        follow_up = to_date(t.follow_up_on)
        if follow_up is not None and follow_up <= horizon and (as_of - follow_up).days <= FOLLOW_UP_LOOKBACK_DAYS:
            happened = ", and it happened" if t.status == "sent" else ""
            items.append(_item(person, "trial run", f"{t.text} (agreed {to_date(t.date)}{happened}): debrief it",
                               follow_up, as_of))

    for a in facts.actions.get(person.id, []):
        due = to_date(a.due)
        if due is not None and due <= horizon:
            # the due list is the manager's: "employee" is the person, "manager" is the reader
            owner = owner_label(a.owner, person.name.split()[0] if person.name.split() else person.id,
                                facts.manager_word)
            items.append(_item(person, "action", f"{a.text} (owner: {owner})", due, as_of))

    quarter = quarter_of(as_of)
    support = facts.support.get(person.id, pd.DataFrame())
    for of_quarter, rows in (support.groupby("quarter", sort=True) if len(support) else []):
        closing = "" if of_quarter == quarter else f"; {of_quarter} is still to close"
        for s in overdue_support(rows, str(of_quarter), as_of).itertuples():
            items.append(_item(person, "support", f"{s.who}: {s.what} ({s.reason}{closing})", s.chase_from, as_of))
        if horizon > as_of:  # looking ahead: support that will need chasing by then
            for s in upcoming_support(rows, str(of_quarter), as_of, horizon).itertuples():
                items.append(_item(person, "support", f"{s.who}: {s.what} ({s.reason}{closing})", s.chase_from, as_of))

    waiting = {year: facts.drafts[(person.id, year)] for year in (as_of.year, as_of.year + 1)
               if (person.id, year) in facts.drafts}
    for year, (count, shared_on) in sorted(waiting.items()):
        # the report has drafted: the conversation to have is theirs, whatever the rule below would ask
        items.append(_item(person, "growth goals", f"{plural(count, 'growth-goal draft')} for {year} shared with you: "
                           "give your feedback, then agree the goals together", shared_on, as_of,
                           str(year)))  # the year always: later in the year the goals page opens on the next one
    if not facts.goals.get((person.id, as_of.year)) and not waiting:
        # late in the year the conversation to have is about next year's goals (not while drafts of either year
        # wait for feedback: that conversation comes first)
        year = as_of.year + 1 if as_of.month >= 10 else as_of.year
        if year == as_of.year or not facts.goals.get((person.id, year)):
            items.append(_item(person, "growth goals", f"no growth goals for {year} yet: ask them to draft up to "
                               f"{limits.max_goals}", as_of, as_of, "" if year == as_of.year else str(year)))

    # goals drafted and not agreed: the year's step is done once both agree them, with their priorities (this year's;
    # from October on next year's once it has goals, the plan the year's last conversations are about). Not while
    # the report's drafts of that year wait for feedback: that item says what comes first.
    plan_year = as_of.year + 1 if as_of.month >= 10 and facts.goals.get((person.id, as_of.year + 1)) else as_of.year
    status = facts.unagreed.get((person.id, plan_year))
    if status and plan_year not in waiting:
        state = "in discussion" if status == "in_discussion" else "a draft"
        items.append(_item(person, "growth goals", f"the {plan_year} growth goals are still {state}: agree them "
                           "together, with their priorities", as_of, as_of,
                           "" if plan_year == as_of.year else str(plan_year)))

    # in the quarter's last month the conversation to have is about next quarter's OKRs, whether or not this
    # quarter has some (with some, they are closed and the next ones drafted from what was learnt)
    upcoming = next_quarter(quarter) if as_of.month % 3 == 0 else quarter
    if (person.id, upcoming) not in facts.okrs:
        items.append(_item(person, "OKRs", f"no OKRs for {quarter} yet", as_of, as_of) if upcoming == quarter else
                     _item(person, "OKRs", f"no OKRs for {upcoming} yet: {quarter} ends this month, so set "
                           f"{upcoming}'s", as_of, as_of, upcoming))

    items.extend(_quarters_to_close(person, facts, quarter, as_of, horizon))
    items.sort(key=lambda i: (i["due"], DUE_KINDS.index(i["kind"])))
    return items


def _quarters_to_close(person: Any, facts: _TeamFacts, quarter: str, as_of: dt.date,
                       horizon: dt.date) -> list[dict[str, Any]]:
    out = []
    for q in reversed(_close_candidates(quarter)):
        end = quarter_bounds(q)[1]
        if end > horizon:
            continue
        open_krs = facts.okrs.get((person.id, q), (0, 0))[1]
        if open_krs:
            out.append(_item(person, "close", f"close {q}: {plural(open_krs, 'key result')} without an outcome", end, as_of,
                             "" if q == quarter else q))
    return out


def due_frame(store: Store, as_of: dt.date | None = None, within_days: int = 0, *,
              people: Sequence[str] | None = None) -> pd.DataFrame:
    """The due items (see the module's rules) of the user's team (``Store.my_team``: everyone in a SQLite
    workbook; a manager's direct reports in an organisation's), or of ``people`` (ids) when given: person,
    name, kind, what, due, days_late, stage; sorted by person, then the most overdue first. Read in a few
    team-wide queries in one transaction, whatever the team's size."""
    import pandas as pd

    day = as_of or clock.today()
    with store.snapshot():
        if people is None:
            persons = store.my_team()
        else:
            found = store.people_by_id(people)
            persons = [found[p] for p in sorted(found)]
        facts = _team_facts(store, None if people is None else [p.id for p in persons], day)
    rows = [item for p in persons for item in _due_items(p, facts, day, within_days)]
    return pd.DataFrame(rows, columns=DUE_COLUMNS)


def format_due(frame: pd.DataFrame, as_of: dt.date, within_days: int = 0) -> str:
    """The due list as plain text for a terminal: one block per person, one line per item."""
    window = f"as of {as_of.isoformat()}" + (f", looking {within_days} days ahead" if within_days else "")
    if frame.empty:
        return f"nothing due ({window})"
    lines = [f"Due ({window}):"]
    for pid, items in frame.groupby("person", sort=False):
        lines.append(f"{items['name'].iloc[0]} ({pid})")
        for r in items.itertuples():
            late = r.days_late
            when = f"{plural(late, 'day')} late" if late > 0 else "due today" if late == 0 else f"due in {plural(-late, 'day')}"
            lines.append(f"  - {r.kind}: {r.what} [{when}]")
    return "\n".join(lines)


def period_to_open(store: Store, stage: str, person_id: str, day: dt.date) -> str | None:
    """The period a stage page opened without one should show for this person, when not the day's own: the one
    the due list sends the stage to (next year's goals in December, next quarter's OKRs in its last month, an
    earlier quarter left open); else, late in the year or the quarter, the next period when it already holds the
    plan and the day's own holds none (after next year's goals were saved in December, a reload opened this
    year's empty page, as if they were lost). A year or a quarter as the due list writes it; None: the day's own."""
    for item in due_for_person(store, person_id, day):
        if item["stage"] == stage and item["period"]:
            return str(item["period"])
    quarter = quarter_of(day)
    if stage == "goals" and day.month >= 10 and store.plan(person_id, day.year) is None \
            and store.plan(person_id, day.year + 1) is not None:
        return str(day.year + 1)
    if stage == "okrs" and day.month % 3 == 0 and store.okrs(person_id, quarter) is None \
            and store.okrs(person_id, next_quarter(quarter)) is not None:
        return next_quarter(quarter)
    return None
