"""The report's side as tables: their own page (what is agreed and shared with them) and what the manager's stages show of it.

Every query reads through the reader's own Store, so on PostgreSQL the database decides what comes back: a
report's page can never hold a private note, another person, or the manager's draft feedback, whatever
these functions ask for. The report's page never shows check-in summaries or an objective's supplement
(the manager's working words, inside rows the report may read; docs/decisions/0002).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core import clock
from ..core.dates import next_quarter, past_due, quarter_bounds, quarter_of, to_date
from ..core.labels import CHECKIN_MODE_LABELS, owner_label
from ..core.model import TrialRun
from ..store.drafts import CAREER_TOPICS, WAY_UP_POSITION, SideDraft, career_topic

if TYPE_CHECKING:
    import pandas as pd

    from ..store import Store

__all__ = ["OwnItem", "own_items", "agreed_goals_frame", "my_okrs_frame", "check_in_trail_frame", "shared_with_me_frame",
           "next_steps_frame", "goals_side_frame", "prework_side_frame", "check_in_prep", "shared_trials_frame",
           "key_result_labels", "NOT_SHARED", "Turn", "period_turn", "THEIR_PAGE", "shared_career_words",
           "career_words_frame", "own_words_pulls", "with_their_words", "way_up_wish", "packed_positions"]

NOT_SHARED = "(not shared yet)"


@dataclass(frozen=True)
class OwnItem:
    """One item of the report's side as they see it: the words they are working on, and whether (and what)
    their manager has seen of it."""

    position: int
    text: str
    body: dict
    shared: bool  # the manager has a version
    changed: bool  # there is a draft newer than what was shared


def own_items(store: Store, person_id: str, kind: str, period: str | int) -> list[OwnItem]:
    """The reader's own items of ``kind`` for ``period``, by position: the draft when there is one, else what
    was shared."""
    me = store.actor().person
    by_pos: dict[int, dict[str, SideDraft]] = {}
    for d in store.side_drafts(person_id, kind, period):
        if d.author == me or store.actor().owner:
            by_pos.setdefault(d.position, {})[d.state] = d
    out = []
    for pos, states in sorted(by_pos.items()):
        current = states.get("draft") or states["shared"]
        out.append(OwnItem(pos, current.text, current.body, "shared" in states, "draft" in states and "shared" in states))
    return out


def packed_positions(filled: list[int], stored: set[int]) -> dict[int, int]:
    """Where each filled slot of the report's goal drafts is saved (slot -> position): a slot that holds a
    stored item keeps its position; a new one takes the lowest position nothing holds yet, so a goal left blank
    between two leaves no hole. Positions are the goals' numbers everywhere (the manager's panel and plan form,
    and the feedback kept per position): goals 1 and 3 shared with 2 blank were "Their goal 3" on the manager's
    panel and Goal 2 in the plan form, and feedback on it landed on goal 2 there and stayed on 3 here."""
    taken = set(stored)
    out = {}
    for slot in sorted(filled):
        if slot in stored:
            out[slot] = slot
            continue
        out[slot] = next(p for p in range(1, slot + 1) if p not in taken)
        taken.add(out[slot])
    return out


@dataclass(frozen=True)
class Turn:
    """Where the report's page can turn to: ``period`` (a quarter) and the sentence that says why."""

    period: str
    sentence: str


def period_turn(store: Store, person_id: str, quarter: str, as_of: dt.date, *, year: int | None = None,
                okr_quarter: str | None = None) -> Turn | None:
    """The next period the report can start on from their page, or the way back to the day's own.

    In the last month of the day's quarter: the next quarter's pre-work, and in December next year's growth
    goals too (unless already agreed), as the cycle repeats; the manager's due list asks for next quarter's
    OKRs in the same month. On a page turned ahead: back to the day's quarter. A page opened without a link
    holds ``year``'s growth goals and ``okr_quarter``'s pre-work (``quarter``'s by default), the periods its
    manager's goals and OKR pages open on (:func:`workbook.stages.due.period_to_open`): what is ahead and not on
    the page yet is still offered; when the page already holds it, the way back to the day's own (this year's
    goals, this quarter's pre-work). None otherwise."""
    today = quarter_of(as_of)
    if quarter > today:
        return Turn(today, f"This page shows {quarter}, ahead of today's {today}.")
    year = int(quarter[:4]) if year is None else year
    okr_quarter = okr_quarter or quarter
    if quarter == today and not as_of.month % 3:
        nxt = next_quarter(quarter)
        start = [f"pre-work for {nxt}"] if okr_quarter < nxt else []
        if nxt[:4] != quarter[:4] and year < int(nxt[:4]):
            plan = store.plan(person_id, int(nxt[:4]))
            if plan is None or plan.status != "agreed":
                start.insert(0, f"your growth goals for {nxt[:4]}")
        if start:
            return Turn(nxt, f"{quarter} ends this month: you can start on {' and '.join(start)} now.")
    ahead = ([f"your growth goals for {year}"] if year > as_of.year else []) + (
        [f"pre-work for {okr_quarter}"] if okr_quarter > today else [])
    if ahead:
        return Turn(today, f"This page opens on {' and '.join(ahead)}, as your manager plans them now; the way "
                           f"back to {today}:")
    return None


def agreed_goals_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """The agreed growth goals by priority (priority, goal, feedback); empty with ``attrs["note"]`` while
    the plan is not agreed."""
    import pandas as pd

    plan = store.plan(person_id, year)
    cols = ["priority", "goal", "feedback"]
    if plan is None or plan.status != "agreed":
        frame = pd.DataFrame(columns=cols)
        # what to do next, not only what is missing: the drafting section is on the same page, below
        frame.attrs["note"] = ((f"no growth goals for {year} yet" if plan is None
                                else f"your {year} goals are not agreed yet ({plan.status.replace('_', ' ')})")
                               + ": draft yours below and share them with your manager; you agree the final version "
                                 "together")
        return frame
    goals = sorted(plan.goals, key=lambda g: (g.priority or 99, g.position or 0))
    return pd.DataFrame([[g.priority or "", g.text, g.feedback] for g in goals], columns=cols)


def my_okrs_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """This quarter's objectives and key results with each KR's target date and latest check-in status; a cell
    with nothing recorded says so ("not set", "no check-in yet"), never left blank."""
    import pandas as pd

    okrs = store.okrs_frame(person_id, quarter)
    statuses = store.kr_status_frame(person_id, quarter)
    latest = {(int(r.objective), int(r.key_result)): r.status for r in statuses.itertuples()}
    rows = []
    for r in okrs.itertuples():
        if pd.isna(r.key_result):
            rows.append([f"{int(r.objective)}. {r.objective_text}", "no key result yet", "", ""])
            continue
        kr = f"{int(r.objective)}.{int(r.key_result)} {r.kr_text}"
        status = r.outcome or latest.get((int(r.objective), int(r.key_result))) or "no check-in yet"
        target = "not set" if r.target_date is None or pd.isna(r.target_date) else str(to_date(r.target_date))
        rows.append([f"{int(r.objective)}. {r.objective_text}", kr, target, status.replace("_", " ")])
    return pd.DataFrame(rows, columns=["objective", "key result", "target date", "status"])


def key_result_labels(store: Store, person_id: str, quarter: str) -> dict[str, str]:
    """``"1.2"`` -> the key result's text, for this quarter's KRs (what a check-in preparation line is about)."""
    okrs = store.okrs_frame(person_id, quarter)
    return {f"{int(r.objective)}.{int(r.key_result)}": str(r.kr_text)
            for r in okrs.itertuples() if r.key_result == r.key_result and r.key_result is not None}


def check_in_trail_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """The quarter's check-ins, oldest first: date, kind (quick status or unblocking, as the summary says it), each KR's status with its
    note, and what the 1:1 holds for both of them (its obstacles, and the trial runs agreed, with where each
    stands); never the manager's own summary of it. Before, the obstacles and trial runs typed under "private
    to the 1:1: you and them" never reached the report, who had a trial run to debrief and could not see it."""
    import pandas as pd

    def trial(t: TrialRun) -> str:
        state = {"planned": "to try", "sent": "tried", "debriefed": "debriefed"}.get(t.status, t.status)
        return f"{t.text} ({state}{': ' + t.debrief if t.debrief else ''})"

    rows = []
    for c in store.check_ins(person_id, quarter):
        statuses = "; ".join(f"{k.objective}.{k.key_result} {k.status.replace('_', ' ')}"
                             + (f": {k.note}" if k.note else "") for k in c.key_results)
        rows.append([str(c.date), CHECKIN_MODE_LABELS.get(c.mode, c.mode), statuses or "none discussed",
                     "; ".join(o.text for o in c.obstacles), "; ".join(trial(t) for t in c.trial_runs)])
    frame = pd.DataFrame(rows, columns=["date", "kind", "key results", "obstacles", "trial runs"])
    # columns with nothing in them this quarter are left out (a status pass has neither)
    return frame[[c for c in frame.columns if c in ("date", "kind", "key results") or frame[c].astype(bool).any()]]


# Feedback is kept per goal slot (1 to 3); a draft shared again after the feedback was written is a newer text
# than the one the feedback answers, and both sides are told so rather than reading it as an answer to it.
CHANGED_SINCE = "their draft changed since"
GIVEN_ON_EARLIER = "given on an earlier version of it"


def feedback_predates_draft(feedback: SideDraft, draft: SideDraft) -> bool:
    """Whether the report shared ``draft`` (a goal draft) again after ``feedback`` on it was last written."""
    return draft.updated_at > feedback.updated_at


def shared_with_me_frame(store: Store, person_id: str) -> pd.DataFrame:
    """What the manager shared with the report, newest first: shared notes (never a private one: read from
    the shareable view) and the feedback given on their goal drafts. Columns: date, what, text."""
    import pandas as pd

    rows = []
    for r in store.shareable_notes_frame(person_id).itertuples():
        rows.append([str(to_date(r.date)), f"{r.direction} · {r.topic}", r.text])
    drafts = {(d.period, d.position): d for d in store.side_drafts(person_id, "goal", state="shared")}
    for d in store.side_drafts(person_id, "feedback", state="shared"):
        mine = drafts.get((d.period, d.position))
        later = f" ({GIVEN_ON_EARLIER})" if mine is not None and feedback_predates_draft(d, mine) else ""
        rows.append([d.updated_at[:10], f"feedback on your {d.period} goal draft {d.position}{later}", d.text])
    frame = pd.DataFrame(rows, columns=["date", "what", "text"])
    return frame.sort_values("date", ascending=False, kind="stable").reset_index(drop=True)


def next_steps_frame(store: Store, person_id: str, quarter: str, as_of: dt.date) -> pd.DataFrame:
    """Open next steps and the support promised this quarter: kind, what, who, due, status, late ("overdue" when
    its due date is before ``as_of``, the page's day, as the manager's check-in page flags an open action)."""
    import pandas as pd

    def late(due: object) -> str:
        return "overdue" if past_due(None if due is None or pd.isna(due) else due, as_of) else ""

    # on their own page the report is "you" and their manager is named (the stored words are employee, manager)
    manager = store.manager_label(store.person(person_id)) or "your manager"
    rows = []
    for r in store.actions_frame(person_id, open_only=True).itertuples():
        rows.append(["next step", r.text, owner_label(r.owner, "you", manager),
                     "" if r.due is None or pd.isna(r.due) else str(to_date(r.due)), r.status, late(r.due)])
    for r in store.support_frame(person_id, quarter).itertuples():
        if r.status in ("done", "dropped"):
            continue
        rows.append([f"support for KR {int(r.objective)}.{int(r.key_result)}", r.what, r.who,
                     "" if r.due is None or pd.isna(r.due) else str(to_date(r.due)), r.status, late(r.due)])
    return pd.DataFrame(rows, columns=["kind", "what", "who", "due", "status", "late"])


# -- what the manager's stages show of the report's side ---------------------------------------------------------


def goals_side_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """Per goal draft the report shared: position, their draft, the manager's feedback (and whether it is
    given or still a draft: "feedback status"), and the agreed goal at that position (or "(not agreed yet)")."""
    import pandas as pd

    shared = {d.position: d for d in store.side_drafts(person_id, "goal", year, state="shared")}
    feedback: dict[int, dict[str, SideDraft]] = {}
    for d in store.side_drafts(person_id, "feedback", year):
        feedback.setdefault(d.position, {})[d.state] = d
    plan = store.plan(person_id, year)
    agreed = {g.position: g.text for g in plan.goals} if plan is not None and plan.status == "agreed" else {}
    rows = []
    for pos in sorted(set(shared) | set(feedback)):
        fb = feedback.get(pos, {})
        mine = fb.get("draft") or fb.get("shared")
        status = "draft (not given)" if "draft" in fb else ("given" if "shared" in fb else "")
        if mine is not None and pos in shared and feedback_predates_draft(mine, shared[pos]):
            status += f"; {CHANGED_SINCE}"
        rows.append([pos, shared[pos].text if pos in shared else NOT_SHARED, mine.text if mine else "", status,
                     agreed.get(pos, "(not agreed yet)")])
    return pd.DataFrame(rows, columns=["goal", "their draft", "your feedback", "feedback status", "agreed"])


def prework_side_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """Per objective: their understanding (the pre-work they shared) beside the manager's supplement."""
    import pandas as pd

    shared = {d.position: d.text for d in store.side_drafts(person_id, "prework", quarter, state="shared")}
    okrs = store.okrs_frame(person_id, quarter)
    rows, seen = [], set()
    for r in okrs.itertuples():
        pos = int(r.objective)
        if pos in seen:
            continue
        seen.add(pos)
        rows.append([f"{pos}. {r.objective_text}", shared.get(pos, NOT_SHARED), r.supplement or ""])
    for pos in sorted(set(shared) - seen):
        rows.append([f"{pos}. (no objective {pos} yet)", shared[pos], ""])
    return pd.DataFrame(rows, columns=["objective", "their understanding", "your supplement"])


def check_in_prep(store: Store, person_id: str, quarter: str, as_of: dt.date | None = None) -> SideDraft | None:
    """The preparation the report shared for the next check-in: their newest shared one in ``quarter`` made
    after the last check-in on or before ``as_of`` (None when there is none)."""
    shared = store.side_drafts(person_id, "prep", quarter, state="shared")
    if not shared:
        return None
    last = store.last_check_in(person_id, before=(as_of or clock.today()) + dt.timedelta(days=1))
    newest = max(shared, key=lambda d: d.updated_at)
    if last is not None and newest.updated_at[:10] < last.date.isoformat():
        return None  # already talked through at that check-in
    return newest


def shared_trials_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """The trial runs the report shared this quarter: the draft reply and, afterwards, their debrief."""
    import pandas as pd

    rows = [[d.position, d.body.get("draft", ""), d.body.get("debrief", ""), d.updated_at[:10]]
            for d in store.side_drafts(person_id, "trial", quarter, state="shared")]
    return pd.DataFrame(rows, columns=["trial", "their draft reply", "their debrief", "shared on"])


# -- the report's own words about their career (pulled by them, on their page) -------------------------------------

THEIR_PAGE = "their page"  # the setting of what the report wrote on their page, beside a pull note's "1:1"


def shared_career_words(store: Store, person_id: str, as_of: dt.date | None = None) -> dict[int, SideDraft]:
    """What the report shared of their own words about their career, by position (1-6 a pull topic, 7 the way
    up), as their manager reads it: the shared version only (a draft is its author's), shared on or before
    ``as_of`` when given."""
    day = as_of.isoformat() if as_of is not None else "9999"
    return {d.position: d for d in store.side_drafts(person_id, "career", "", state="shared") if d.updated_at[:10] <= day}


def career_words_frame(store: Store, person_id: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """The report's own words as shared with their manager, in the pull topics' order: topic, their words,
    shared on (the way up they chose, as its level's name, last)."""
    import pandas as pd

    words = shared_career_words(store, person_id, as_of)
    rows = [[career_topic(pos), words[pos].text, words[pos].updated_at[:10]] for pos in sorted(words)]
    return pd.DataFrame(rows, columns=["topic", "their words", "shared on"])


def own_words_pulls(store: Store, person_id: str, as_of: dt.date) -> pd.DataFrame:
    """The report's shared words on each pull topic as pull rows beside the manager's pull notes (the columns
    of ``notes_frame``, setting :data:`THEIR_PAGE`, shared, dated the day they shared them), newest first: what
    they wrote themselves is pulled information too."""
    import pandas as pd

    words = shared_career_words(store, person_id, as_of)
    rows = [{"id": None, "person_id": person_id, "date": to_date(d.updated_at[:10]), "direction": "pull",
             "topic": CAREER_TOPICS[pos - 1], "setting": THEIR_PAGE, "text": d.text, "visibility": "shared",
             "follow_up": "", "follow_up_due": None, "follow_up_done": None, "author_id": person_id}
            for pos, d in words.items() if pos <= len(CAREER_TOPICS)]
    frame = pd.DataFrame(rows, columns=["id", "person_id", "date", "direction", "topic", "setting", "text", "visibility",
                                        "follow_up", "follow_up_due", "follow_up_done", "author_id"])
    return frame.sort_values("date", ascending=False, kind="stable").reset_index(drop=True)


def with_their_words(store: Store, person_id: str, pulls: pd.DataFrame, as_of: dt.date,
                     topics: tuple[str, ...] = CAREER_TOPICS) -> pd.DataFrame:
    """``pulls`` (pull notes, in ``notes_frame``'s columns) with the report's shared words on ``topics`` beside
    them (:func:`own_words_pulls`), newest first; ``pulls`` itself when they shared none."""
    import pandas as pd

    theirs = own_words_pulls(store, person_id, as_of)
    theirs = theirs[theirs["topic"].isin(topics)]
    if theirs.empty:
        return pulls
    both = pd.concat([pulls, theirs.reindex(columns=pulls.columns)], ignore_index=True)
    return both.sort_values("date", ascending=False, kind="stable").reset_index(drop=True)


def way_up_wish(store: Store, person_id: str, as_of: dt.date | None = None) -> SideDraft | None:
    """The way up the report chose on their page and shared (``body["toward"]`` a level key), or None."""
    return shared_career_words(store, person_id, as_of).get(WAY_UP_POSITION)


def quarter_days(quarter: str) -> tuple[dt.date, dt.date]:
    """The first and last day of ``quarter`` (for a page's headings)."""
    return quarter_bounds(quarter)
