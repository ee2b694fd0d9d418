"""Stage 2, annual growth goals: the context a report drafts them from, the draft beside the agreed goal, and the ladder share.

The seeds' references for drafting: the career motivations from the onboarding 1:1, the feedback from
the last performance review, what was pulled about goals, interests and self-assessment, and the career
ladder's expectations for the next level (which should inform 50-75% of the goals). The report drafts;
the manager gives feedback and agrees a final version with priorities. Both wordings are kept."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..coaching.ladders import (
    Ladder,
    Share,
    checked_tags,
    ladder_share,
    next_level_gaps,
    person_ladder,
)
from ..core import clock
from ..core.dates import (
    months_before,
    to_date,
)
from ..core.errors import WorkbookError
from ..core.frames import keep_rows
from ..core.labels import DRAFTER_LABELS, plural
from ..core.rules import Finding, Limits, check_plan
from .dated import day_within, person_on
from .own_side import with_their_words

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    import pandas as pd

    from ..core.model import Person
    from ..store import Store

__all__ = ["REVIEW_WINDOW_DAYS", "CONTEXT_PULL_TOPICS", "CONTEXT_PULL_MONTHS", "NOT_AGREED", "person_ladder", "last_review_frame", "goal_pulls_frame", "next_level_frame", "side_by_side_frame", "plan_ladder_share", "competency_tag_problem", "competency_tags", "plan_lines",
           "objectives_of_goal", "goal_priority_findings"]


REVIEW_WINDOW_DAYS = 14  # notes within two weeks of the last review note belong to that review


CONTEXT_PULL_TOPICS = ("goals", "interests", "self-assessment")


CONTEXT_PULL_MONTHS = 18


NOT_AGREED = "(not agreed yet)"


def _dated_notes(store: Store, person_id: str, as_of: dt.date | None) -> pd.DataFrame:
    frame = store.notes_frame(person_id, include_private=True)
    frame["date"] = [to_date(v) for v in frame["date"]]
    if as_of is not None:
        frame = keep_rows(frame, (d <= as_of for d in frame["date"]))
    frame = frame.copy()
    frame["text"] = [f"[private] {t}" if v == "private" else t for t, v in zip(frame["text"], frame["visibility"], strict=True)]
    return frame.reset_index(drop=True)


def competency_tags(person: Person, tags: Sequence[str],
                    folders: Sequence[str | os.PathLike[str]] = ()) -> tuple[list[str], str | None]:
    """``tags`` as ``person``'s ladder spells its competencies, and why they cannot be the competencies of one
    of their goals (no ladder, a ladder that cannot be used, a tag not on their track, with the closest names)
    or None: the import's rule and spelling, for the CLI and `workbook check`, from one reading of the ladder.
    A tag counts toward the plan's ladder share, so a made-up one would inflate it."""
    if not tags:
        return [], None
    if not person.ladder:
        return list(tags), (f"{person.id} has no career ladder, so a goal cannot name competencies; set one with "
                            f"`workbook person edit {person.id} --ladder CSV` or leave the tags out")
    ladder, why = person_ladder(person, folders)
    if ladder is None:
        return list(tags), why
    spelled, findings = checked_tags(tags, ladder, person.track or None)
    return spelled, next((f.message for f in findings if f.severity == "error"), None)


def competency_tag_problem(person: Person, tags: Sequence[str], folders: Sequence[str | os.PathLike[str]] = ()) -> str | None:
    """Why ``tags`` cannot be the competencies of one of ``person``'s goals, or None (:func:`competency_tags`)."""
    return competency_tags(person, tags, folders)[1]


def goal_priority_findings(store: Store, person_id: str, year: int) -> list[Finding]:
    """What the plan's rules say of a year's priorities now (two goals sharing one, one past the plan's goals):
    `goal edit --priority` says it, as `goal add` says a new goal's findings."""
    plan = store.existing_plan(person_id, year)
    return [f for f in check_plan(person_id, year, plan.goals, plan.drafted_by, store.limits())
            if f.code.startswith("priority")]


def plan_lines(store: Store, person_id: str, year: int | None = None) -> list[str]:
    """A person's growth plans as `workbook goal list` prints them, newest year first (or ``year``'s alone): each
    plan's status, who drafted it and its goals against the limit; each goal with its number (as `goal edit`
    takes it), priority, the competencies it builds, and the report's draft and your feedback where there are
    any. Empty when there are none; NotFound for an unknown person."""
    store.person(person_id)
    goals = store.goals_frame(person_id, year)
    limit = store.limits().max_goals
    lines: list[str] = []
    whose = "your" if store.actor().person == person_id else "their"  # the report reading their own plan: "your draft"

    def said(value: object) -> str:  # a column a reader may not see (another's private part) comes back empty
        return value.strip() if isinstance(value, str) else ""

    for y in sorted({int(v) for v in goals["year"]}, reverse=True):
        plan = goals[goals["year"] == y]
        first = plan.iloc[0]
        drafter = str(first["drafted_by"])
        drafter = "you" if whose == "your" and drafter == "employee" else DRAFTER_LABELS.get(drafter, drafter)
        lines.append(f"{y} plan: {str(first['status']).replace('_', ' ')}, drafted by {drafter} "
                     f"({plural(len(plan), 'goal')} of at most {limit})")
        for g in plan.itertuples():
            priority = f" (priority {int(g.priority)})" if g.priority == g.priority and g.priority is not None else ""
            lines.append(f"  {int(g.position)}.{priority} {g.text}")
            if list(g.competencies):
                lines.append(f"      builds: {', '.join(g.competencies)}")
            if said(g.draft) and said(g.draft) != said(g.text):
                lines.append(f"      {whose} draft: {said(g.draft)}")
            if said(g.feedback):
                lines.append(f"      feedback: {said(g.feedback)}")
    return lines


def last_review_frame(store: Store, person_id: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """The feedback from the last performance review: push notes with setting "review" within two weeks
    of the newest one on or before ``as_of``, oldest first. Columns: date, topic, visibility, text
    ("[private] " first when private). Raises NotFound for an unknown person."""
    store.person(person_id)
    notes = _dated_notes(store, person_id, as_of)
    reviews = notes[(notes["direction"] == "push") & (notes["setting"] == "review")]
    cols = ["date", "topic", "visibility", "text"]
    if reviews.empty:
        return reviews[cols].reset_index(drop=True)
    last = max(reviews["date"])
    start = last - dt.timedelta(days=REVIEW_WINDOW_DAYS)
    recent = keep_rows(reviews, (start <= d <= last for d in reviews["date"]))
    return recent.sort_values("date", kind="stable")[cols].reset_index(drop=True)


def goal_pulls_frame(store: Store, person_id: str, as_of: dt.date | None = None,
                     months: int = CONTEXT_PULL_MONTHS) -> pd.DataFrame:
    """What was pulled about goals, interests and self-assessment in the ``months`` before ``as_of``, and what
    the report wrote about them on their page (setting "their page"), newest first. Columns: date, topic, setting, visibility, text ("[private] " first when private)."""

    store.person(person_id)
    notes = _dated_notes(store, person_id, as_of)
    since = months_before(as_of or clock.today(), months)
    pulls = notes[(notes["direction"] == "pull") & notes["topic"].isin(CONTEXT_PULL_TOPICS)]
    pulls = with_their_words(store, person_id, pulls, as_of or clock.today(), CONTEXT_PULL_TOPICS)
    pulls = keep_rows(pulls, (d >= since for d in pulls["date"]))
    return pulls[["date", "topic", "setting", "visibility", "text"]].reset_index(drop=True)


def next_level_frame(store: Store, person_id: str, year: int, as_of: dt.date | None = None) -> pd.DataFrame:
    """The ladder's expectations for the person's next level, one row per competency, with the
    ``year``'s goals that cover it (from their competency tags): competency, competency_area, next_level,
    expectations, covered, covered_by. Empty with ``attrs["note"]`` saying why when there is no ladder,
    the track or level is unknown, or the person is at the top. The person is read at their level on ``as_of``
    (default today, held inside ``year``), not at one entered ahead."""
    import pandas as pd

    person = person_on(store, person_id, day_within(dt.date(year, 1, 1), dt.date(year, 12, 31), as_of))
    ladder, why = person_ladder(person, store.ladder_folders())
    empty = pd.DataFrame(columns=["competency", "competency_area", "next_level", "expectations", "covered", "covered_by"])
    if ladder is None:
        empty.attrs["note"] = why
        return empty
    goals = store.goals_frame(person_id, year)
    covered: dict[str, list[str]] = {}
    for pos, text, comps in zip(goals.get("position", []), goals.get("text", []), goals.get("competencies", []),
                                strict=False):
        for comp in comps:
            covered.setdefault(comp, []).append(f"goal {pos}: {text}")
    try:
        frame = next_level_gaps(ladder, person.track or None, person.level, covered, person=person.name,
                                aim=person.toward)
    except WorkbookError as exc:
        empty.attrs["note"] = f"next-level expectations unavailable: {exc}"
        return empty
    if frame.empty:
        frame.attrs["note"] = f"{person.name} is at the top of the {frame.attrs.get('track') or 'ladder'}: no next level"
    return frame


def side_by_side_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """The plan as a table, by priority: priority, draft (the report's own wording), agreed (the agreed
    goal, or "(not agreed yet)" while the plan is not agreed and the wording is still the draft),
    feedback (the manager's: given, or the reader's draft marked "(draft, not given)"), competencies
    (comma-joined). ``attrs`` hold status and drafted_by."""
    import pandas as pd

    plan = store.plan(person_id, year)
    cols = ["priority", "draft", "agreed", "feedback", "competencies"]
    if plan is None or not plan.goals:
        frame = pd.DataFrame(columns=cols)
        frame.attrs.update(status=plan.status if plan else None, drafted_by=plan.drafted_by if plan else None)
        return frame
    drafts = store.feedback_drafts(person_id, year)
    rows = []
    for g in plan.goals:
        draft_fb = drafts.get(g.position or 0, "")
        feedback = f"{draft_fb} (draft, not given)" if draft_fb and draft_fb != g.feedback else g.feedback
        unagreed = plan.status != "agreed" and (not g.draft or g.text == g.draft)
        rows.append({"priority": g.priority if g.priority is not None else "", "draft": g.draft or "",
                     "agreed": NOT_AGREED if unagreed and g.draft else g.text, "feedback": feedback,
                     "competencies": ", ".join(g.competencies), "_order": (g.priority is None, g.priority or 0, g.position)})
    frame = pd.DataFrame(rows).sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    frame.attrs.update(status=plan.status, drafted_by=plan.drafted_by)
    return frame[cols]


def plan_ladder_share(goal_tags: Sequence[Sequence[str]], limits: Limits, *, ladder: Ladder | None = None,
                      track: str | None = None) -> Share:
    """How many goals carry a ladder competency tag, against the workbook's band (50-75% by default).
    With ``ladder``, only tags that are competencies of ``track`` count."""
    raw = ladder_share(list(goal_tags), ladder=ladder, track=track)
    return Share(raw.on_ladder, raw.total, "tags", limits.ladder_share_low, limits.ladder_share_high)


def objectives_of_goal(store: Store, person_id: str, year: int, goal_id: int | None) -> list[str]:
    """The objectives of ``year``'s quarters linked to the saved goal ``goal_id`` ("objective 2 of 2027Q1"), in
    quarter order: removing the goal unlinks them (store's save_plan), which the remove question says first."""
    plan = store.plan(person_id, year) if goal_id is not None else None
    position = next((i for i, g in enumerate(plan.goals, 1) if g.id == goal_id), None) if plan else None
    if position is None:
        return []
    linked = []
    for quarter in (f"{year}Q{n}" for n in range(1, 5)):
        okrs = store.okrs(person_id, quarter)
        linked += [f"objective {i} of {quarter}" for i, o in enumerate(okrs.objectives if okrs else [], 1)
                   if o.goal == position]
    return linked
