"""Stage 2 as markup and a chart: the references for drafting, the plan side by side, the ladder share."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from ..coaching.ladders import Share, fork_sentence, person_ladder
from ..core.labels import DRAFTER_LABELS, track_level
from ..stages.dated import person_on
from ..stages.goals import (
    CONTEXT_PULL_MONTHS,
    goal_pulls_frame,
    last_review_frame,
    next_level_frame,
    plan_ladder_share,
    side_by_side_frame,
)
from ..stages.people import promotion_history
from .charts import figure_html, plot_gaps, without_math
from .html import heading_html, message_html, table_html

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from ..store import Store

__all__ = ["share_html", "plot_coverage", "goal_context_html", "goals_report_html", "coverage_html"]


def share_html(share: Share) -> str:
    """The ladder share as one coloured line for the form and the report."""
    if not share.total:
        return message_html("info", "Ladder share: no goals yet.")
    if share.flag:
        return message_html("warning", f"Ladder share: {share.flag}.")
    low, high = round(share.low * 100), round(share.high * 100)
    return message_html("ok", f"Ladder share: {share.text}, inside the {low}-{high}% the practice suggests.")


@without_math
def plot_coverage(frame: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Which next-level competencies this year's goals cover (see :func:`workbook.render.charts.plot_gaps`)."""
    fig = plot_gaps(frame, title=title)
    if len(frame.attrs.get("person") or "") and fig.get_size_inches()[1] > 2.8:  # one person: a strip, not a wall
        fig.set_size_inches(fig.get_size_inches()[0], 2.8)
    return fig


def goal_context_html(store: Store, person_id: str, year: int, as_of: dt.date) -> str:
    """The references for drafting goals as trusted markup (every user text escaped)."""
    person = person_on(store, person_id, as_of)  # their level that day, not a promotion entered ahead
    level = (track_level(person.track, person.level) + ("" if person.level else ", no level yet")
             if person.track or person.level else "not on a career ladder yet")
    motivations = (html.escape(person.motivations) if person.motivations
                   else "<i>not recorded: ask at the next 1:1</i>" if store.allowed("read_working", person_id)
                   # a skip-level or HR on an organisation server: recorded or not, they are the 1:1's to read
                   else f"<i>for {html.escape(person.name)} and their manager to read</i>")
    parts = [heading_html(f"{person.name} ({level})"),
             f'<p style="margin:2px 0"><b>Career motivations (onboarding 1:1):</b> {motivations}</p>']
    history = [h for h in promotion_history(store, person_id) if h["effective"] <= as_of]  # one ahead: not yet
    if history:  # the promotion history: what the ladder expected of them, and since when
        parts.append('<p class="wb-level-history" style="margin:2px 0"><b>Promotion history:</b> '
                     + "; ".join(html.escape(h["text"]) for h in history) + "</p>")
    review = last_review_frame(store, person_id, as_of)
    when = f"review of {review['date'].iloc[-1]}" if len(review) else "no review recorded"
    parts += [heading_html("Last performance review feedback", f"Push notes with setting 'review' ({when})."),
              table_html(review, {"date": "date", "topic": "topic", "text": "feedback"},
                         empty="no review feedback recorded: log it in the conversation log (setting: review)")]
    pulls = goal_pulls_frame(store, person_id, as_of)
    parts += [heading_html("What you pulled about goals, interests and self-assessment",
                 f"The last {CONTEXT_PULL_MONTHS} months, newest first, with what they wrote on their own page "
                 "(setting: their page). Private notes are marked [private]."),
              table_html(pulls, {"date": "date", "topic": "topic", "setting": "setting", "text": "note"},
                         empty="nothing pulled yet on these topics")]
    nxt = next_level_frame(store, person_id, year)
    name = _level_words(nxt.attrs.get("next_level_name") or nxt.attrs.get("next_level") or "the next level")
    parts.append(heading_html(f"The ladder: what {name} expects",
                    f"Covered = a {year} goal is tagged with the competency. The ladder should inform about half to "
                    "three quarters of the goals." + fork_sentence(nxt)))
    if nxt.attrs.get("note"):
        parts.append(f'<p style="color:#666"><i>{html.escape(nxt.attrs["note"])}</i></p>')
    else:
        shown = nxt.assign(covered=["yes" if c else "gap" for c in nxt["covered"]])
        parts.append(table_html(shown, {"competency": "competency", "expectations": "expectations",
                                        "covered": "covered", "covered_by": "covered by"}))
    return "".join(parts)


def goals_report_html(store: Store, person_id: str, year: int) -> str:
    """The plan side by side (draft | agreed) with the status and the ladder share, as trusted markup."""
    person = store.person(person_id)
    frame = side_by_side_frame(store, person_id, year)
    status = frame.attrs.get("status")
    if status is None:
        head = f"No {year} growth plan yet: ask {person.name} to draft up to {store.limits().max_goals} goals."
    else:
        drafted = DRAFTER_LABELS.get(str(frame.attrs.get("drafted_by")), DRAFTER_LABELS["manager"])
        head = f"Status: {status.replace('_', ' ')}; drafted by {drafted}."
    plan = store.plan(person_id, year)
    tags = [g.competencies for g in plan.goals] if plan else []
    ladder, _ = person_ladder(person, store.ladder_folders())
    share = plan_ladder_share(tags, store.limits(), ladder=ladder, track=person.track or None)
    return (heading_html(f"{person.name}'s {year} growth goals", head)
            + table_html(frame, {"priority": "priority", "draft": "the report's draft", "agreed": "agreed goal",
                                 "feedback": "manager feedback", "competencies": "competencies"},
                         empty="no goals saved yet")
            + share_html(share))


def coverage_html(store: Store, person_id: str, year: int) -> str:
    """The next-level coverage chart as an inline image, or a sentence saying why there is none."""
    frame = next_level_frame(store, person_id, year)
    if frame.empty:
        return f'<p style="color:#666"><i>{html.escape(frame.attrs.get("note", "no next level"))}</i></p>'
    name = _level_words(frame.attrs.get("next_level_name") or frame.attrs.get("next_level"))
    person = store.person(person_id)
    covered = f"{int(frame['covered'].sum())} of {len(frame)}"
    fig = plot_coverage(frame, title=f"{person.name}: {covered} {name} competencies covered by the {year} goals")
    return figure_html(fig, f"{covered} {name} competencies covered by {person.name}'s {year} goals")


def _level_words(name: object) -> str:
    """A level as words: a ladder whose levels are numbers ("3") reads "level 3", never a count."""
    text = str(name or "").strip()
    return f"level {text}" if text.isdigit() else text
