"""Annual growth goals: the context a report drafts them from, the draft beside the agreed goal, and the ladder share.

The seeds' references for drafting: the career motivations from the onboarding 1:1, the feedback from
the last performance review, what was pulled about goals, interests and self-assessment, and the career
ladder's expectations for the next level (which should inform 50-75% of the goals). The report drafts;
the manager gives feedback and agrees a final version with priorities. Both wordings are kept.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import WorkbookError
from .ladder import Share
from .model import to_date

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily: the CLI stays fast
    import pandas as pd
    from matplotlib.figure import Figure

    from .forms.base import Form
    from .ladder import Ladder
    from .model import Person
    from .notebook import StageContext
    from .rules import Limits
    from .store import Store

__all__ = [
    "REVIEW_WINDOW_DAYS",
    "CONTEXT_PULL_TOPICS",
    "NOT_AGREED",
    "person_ladder",
    "last_review_frame",
    "goal_pulls_frame",
    "next_level_frame",
    "side_by_side_frame",
    "plan_ladder_share",
    "share_html",
    "plot_coverage",
    "goal_context_html",
    "goals_report_html",
    "coverage_html",
    "show_goal_context",
    "show_goals_report",
    "show_coverage_chart",
]

REVIEW_WINDOW_DAYS = 14  # notes within two weeks of the last review note belong to that review
CONTEXT_PULL_TOPICS = ("goals", "interests", "self-assessment")
CONTEXT_PULL_MONTHS = 18
NOT_AGREED = "(not agreed yet)"


def person_ladder(person: Person) -> tuple[Ladder | None, str]:
    """The person's ladder and an empty message, or None and a sentence saying why there is none."""
    from .ladder import load_ladder, resolve_ladder_path

    if not person.ladder:
        return None, f"{person.name} has no career ladder in the workbook; set one to see next-level expectations"
    try:
        ladder = load_ladder(resolve_ladder_path(person.ladder))
        ladder.resolve_track(person.track or None)
    except WorkbookError as exc:
        return None, f"the ladder for {person.name} cannot be used: {exc}"
    return ladder, ""


def _dated_notes(store: Store, person_id: str, as_of: dt.date | None) -> pd.DataFrame:
    frame = store.notes_frame(person_id, include_private=True)
    frame["date"] = [to_date(v) for v in frame["date"]]
    if as_of is not None:
        frame = frame[[d <= as_of for d in frame["date"]]]
    frame = frame.copy()
    frame["text"] = [f"[private] {t}" if v == "private" else t for t, v in zip(frame["text"], frame["visibility"], strict=True)]
    return frame.reset_index(drop=True)


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
    recent = reviews[[start <= d <= last for d in reviews["date"]]]
    return recent.sort_values("date", kind="stable")[cols].reset_index(drop=True)


def goal_pulls_frame(store: Store, person_id: str, as_of: dt.date | None = None,
                     months: int = CONTEXT_PULL_MONTHS) -> pd.DataFrame:
    """What was pulled about goals, interests and self-assessment in the ``months`` before ``as_of``,
    newest first. Columns: date, topic, setting, visibility, text ("[private] " first when private)."""
    from .pushpull import months_before

    store.person(person_id)
    notes = _dated_notes(store, person_id, as_of)
    since = months_before(as_of or dt.date.today(), months)
    pulls = notes[(notes["direction"] == "pull") & notes["topic"].isin(CONTEXT_PULL_TOPICS)]
    pulls = pulls[[d >= since for d in pulls["date"]]]
    return pulls[["date", "topic", "setting", "visibility", "text"]].reset_index(drop=True)


def next_level_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """The ladder's expectations for the person's next level, one row per competency, with the
    ``year``'s goals that cover it (from their competency tags): competency, competency_area, next_level,
    expectations, covered, covered_by. Empty with ``attrs["note"]`` saying why when there is no ladder,
    the track or level is unknown, or the person is at the top."""
    import pandas as pd

    from .ladder import next_level_gaps

    person = store.person(person_id)
    ladder, why = person_ladder(person)
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
        frame = next_level_gaps(ladder, person.track or None, person.level, covered, person=person.name)
    except WorkbookError as exc:
        empty.attrs["note"] = f"next-level expectations unavailable: {exc}"
        return empty
    if frame.empty:
        frame.attrs["note"] = f"{person.name} is at the top of the {frame.attrs.get('track') or 'ladder'}: no next level"
    return frame


def side_by_side_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """The plan as a table, by priority: priority, draft (the report's own wording), agreed (the agreed
    goal, or "(not agreed yet)" while the plan is not agreed and the wording is still the draft),
    feedback (the manager's), competencies (comma-joined). ``attrs`` hold status and drafted_by."""
    import pandas as pd

    plan = store.plan(person_id, year)
    cols = ["priority", "draft", "agreed", "feedback", "competencies"]
    if plan is None or not plan.goals:
        frame = pd.DataFrame(columns=cols)
        frame.attrs.update(status=plan.status if plan else None, drafted_by=plan.drafted_by if plan else None)
        return frame
    rows = []
    for g in plan.goals:
        unagreed = plan.status != "agreed" and (not g.draft or g.text == g.draft)
        rows.append({"priority": g.priority if g.priority is not None else "", "draft": g.draft or "",
                     "agreed": NOT_AGREED if unagreed and g.draft else g.text, "feedback": g.feedback,
                     "competencies": ", ".join(g.competencies), "_order": (g.priority is None, g.priority or 0, g.position)})
    frame = pd.DataFrame(rows).sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)
    frame.attrs.update(status=plan.status, drafted_by=plan.drafted_by)
    return frame[cols]


def plan_ladder_share(goal_tags: Sequence[Sequence[str]], limits: Limits, *, ladder: Ladder | None = None,
                      track: str | None = None) -> Share:
    """How many goals carry a ladder competency tag, against the workbook's band (50-75% by default).
    With ``ladder``, only tags that are competencies of ``track`` count."""
    from .ladder import ladder_share

    raw = ladder_share(list(goal_tags), ladder=ladder, track=track)
    return Share(raw.on_ladder, raw.total, "tags", limits.ladder_share_low, limits.ladder_share_high)


def share_html(share: Share) -> str:
    """The ladder share as one coloured line for the form and the report."""
    from .forms.base import message_html

    if not share.total:
        return message_html("info", "Ladder share: no goals yet.")
    if share.flag:
        return message_html("warning", f"Ladder share: {share.flag}.")
    low, high = round(share.low * 100), round(share.high * 100)
    return message_html("ok", f"Ladder share: {share.text}, inside the {low}-{high}% the seeds suggest.")


def plot_coverage(frame: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Which next-level competencies this year's goals cover (see :func:`workbook.ladder.plot_gaps`)."""
    from .ladder import plot_gaps

    fig = plot_gaps(frame, title=title)
    if len(frame.attrs.get("person") or "") and fig.get_size_inches()[1] > 2.8:  # one person: a strip, not a wall
        fig.set_size_inches(fig.get_size_inches()[0], 2.8)
    return fig


# --------------------------------------------------------------------------------------------------
# Notebook display
# --------------------------------------------------------------------------------------------------


def _h(title: str, note: str = "") -> str:
    sub = f'<p style="color:#555;margin:0 0 6px">{html.escape(note)}</p>' if note else ""
    return f'<h4 style="margin:14px 0 4px">{html.escape(title)}</h4>{sub}'


def goal_context_html(store: Store, person_id: str, year: int, as_of: dt.date) -> str:
    """The references for drafting goals as trusted markup (every user text escaped)."""
    from .pushpull import table

    person = store.person(person_id)
    level = f"{person.track or 'no track'}, level {person.level or '?'}"
    motivations = html.escape(person.motivations) if person.motivations else "<i>not recorded: ask at the next 1:1</i>"
    parts = [_h(f"{person.name} ({level})"),
             f'<p style="margin:2px 0"><b>Career motivations (onboarding 1:1):</b> {motivations}</p>']
    review = last_review_frame(store, person_id, as_of)
    when = f"review of {review['date'].iloc[-1]}" if len(review) else "no review recorded"
    parts += [_h("Last performance review feedback", f"Push notes with setting 'review' ({when})."),
              table(review, {"date": "date", "topic": "topic", "text": "feedback"},
                         empty="no review feedback recorded: log it in the conversation log (setting: review)")]
    pulls = goal_pulls_frame(store, person_id, as_of)
    parts += [_h("What you pulled about goals, interests and self-assessment",
                 f"The last {CONTEXT_PULL_MONTHS} months, newest first. Private notes are marked [private]."),
              table(pulls, {"date": "date", "topic": "topic", "setting": "setting", "text": "note"},
                         empty="nothing pulled yet on these topics")]
    nxt = next_level_frame(store, person_id, year)
    name = nxt.attrs.get("next_level_name") or nxt.attrs.get("next_level") or "the next level"
    parts.append(_h(f"The ladder: what {name} expects",
                    f"Covered = a {year} goal is tagged with the competency. The ladder should inform about half to "
                    "three quarters of the goals."))
    if nxt.attrs.get("note"):
        parts.append(f'<p style="color:#666"><i>{html.escape(nxt.attrs["note"])}</i></p>')
    else:
        shown = nxt.assign(covered=["yes" if c else "gap" for c in nxt["covered"]])
        parts.append(table(shown, {"competency": "competency", "expectations": "expectations",
                                        "covered": "covered", "covered_by": "covered by"}))
    return "".join(parts)


def goals_report_html(store: Store, person_id: str, year: int) -> str:
    """The plan side by side (draft | agreed) with the status and the ladder share, as trusted markup."""
    from .pushpull import table

    person = store.person(person_id)
    frame = side_by_side_frame(store, person_id, year)
    status = frame.attrs.get("status")
    if status is None:
        head = f"No {year} growth plan yet: ask {person.name} to draft up to {store.limits().max_goals} goals."
    else:
        drafted = "drafted by the report" if frame.attrs.get("drafted_by") == "employee" else "drafted by the manager"
        head = f"Status: {status.replace('_', ' ')}; {drafted}."
    plan = store.plan(person_id, year)
    tags = [g.competencies for g in plan.goals] if plan else []
    ladder, _ = person_ladder(person)
    share = plan_ladder_share(tags, store.limits(), ladder=ladder, track=person.track or None)
    return (_h(f"{person.name}'s {year} growth goals", head)
            + table(frame, {"priority": "priority", "draft": "the report's draft", "agreed": "agreed goal",
                                 "feedback": "manager feedback", "competencies": "competencies"},
                         empty="no goals saved yet")
            + share_html(share))


def show_goal_context(ctx: StageContext) -> None:
    """Display the references for drafting: motivations, last review, pulls, next-level expectations."""
    from .pushpull import show_live

    show_live(lambda: goal_context_html(ctx.store, ctx.person_id, ctx.year, ctx.as_of))


def show_goals_report(ctx: StageContext, form: Form | None = None) -> None:
    """Display the side-by-side table and the ladder share; refreshed each time ``form`` saves."""
    from .pushpull import show_live

    show_live(lambda: goals_report_html(ctx.store, ctx.person_id, ctx.year), form)


def coverage_html(store: Store, person_id: str, year: int) -> str:
    """The next-level coverage chart as an inline image, or a sentence saying why there is none."""
    from .pushpull import figure_html

    frame = next_level_frame(store, person_id, year)
    if frame.empty:
        return f'<p style="color:#666"><i>{html.escape(frame.attrs.get("note", "no next level"))}</i></p>'
    name = frame.attrs.get("next_level_name") or frame.attrs.get("next_level")
    person = store.person(person_id)
    fig = plot_coverage(frame, title=f"{person.name}: {name} competencies covered by the {year} goals")
    return figure_html(fig, f"{name} competencies covered by {person.name}'s {year} goals")


def show_coverage_chart(ctx: StageContext, form: Form | None = None) -> None:
    """Display the next-level coverage chart (or why there is none); redrawn each time ``form`` saves."""
    from .pushpull import show_live

    show_live(lambda: coverage_html(ctx.store, ctx.person_id, ctx.year), form)
