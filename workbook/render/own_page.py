"""The report's page and the report's side in the manager's stages, as escaped HTML sections."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from ..coaching.ladders import fork_sentence
from ..core.paths import MY_PAGE
from ..stages import own_side
from ..stages.goals import next_level_frame
from .html import escape, heading_html, message_html, table_html

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["agreed_html", "shared_html", "ladder_beside_html", "goals_side_html", "prework_side_html", "prep_html",
           "trials_side_html", "refused_html", "turn_html"]


def _note(frame: object, fallback: str) -> str:
    return str(getattr(frame, "attrs", {}).get("note") or fallback)


def turn_html(turn: own_side.Turn | None, person_id: str, as_of: dt.date | None = None, *, in_app: bool = False) -> str:
    """One line that turns the page to another period (:func:`own_side.period_turn`): a link in the app (with
    the person, and ``as_of`` when the page is not on today), the parameter to set in JupyterLab."""
    if turn is None:
        return ""
    if in_app:
        query = urlencode({"person": person_id, "period": turn.period, **({"as_of": as_of.isoformat()} if as_of else {})})
        go = (f'<a class="wb-turn-link" href="{escape(f"{MY_PAGE}?{query}")}" style="color:#1f5f8b">'
              f"Open your page for {escape(turn.period)} &rarr;</a>")
    else:
        go = f'Set <code>period = "{escape(turn.period)}"</code> in the parameters cell and run the page again.'
    return (f'<div class="wb-turn" style="margin:6px 0;padding:6px 10px;border-radius:4px;background:#e8f1f8;'
            f'color:#1f5f8b">{escape(turn.sentence)} {go}</div>')


def agreed_html(store: Store, person_id: str, year: int, quarter: str, prework_quarter: str = "") -> str:
    """What is agreed: the year's growth goals, this quarter's OKRs and the check-in trail. ``prework_quarter``:
    the quarter the page's pre-work is for (``quarter``'s by default; the next one in a quarter's last month),
    which the line for no OKRs yet names."""
    goals = own_side.agreed_goals_frame(store, person_id, year)
    prework = prework_quarter or quarter
    whose = "each objective" if prework == quarter else f"each of {prework}'s objectives"
    out = [heading_html(f"Your growth goals for {year}", "agreed with your manager, by priority"),
           table_html(goals, empty=_note(goals, "none yet"))]
    out += [heading_html(f"Your OKRs for {quarter}", "objectives, key results and where each stood at the last check-in"),
            table_html(own_side.my_okrs_frame(store, person_id, quarter),
                       empty=f"no OKRs for {quarter} yet: you set them with your manager at a 1:1; what {whose} "
                             f"means to you goes under 'Pre-work for {prework}' below")]
    out += [heading_html("The check-in trail", f"the check-ins of {quarter} so far"),
            table_html(own_side.check_in_trail_frame(store, person_id, quarter),
                       empty="no check-ins this quarter yet: prepare for the first one below, under 'Preparing your "
                             "next check-in'")]
    return "".join(out)


def shared_html(store: Store, person_id: str, quarter: str, as_of: dt.date) -> str:
    """What was shared with the report (notes, feedback given) and what is still open on ``as_of`` (next steps,
    support; "overdue" beside what is past its due date)."""
    steps = own_side.next_steps_frame(store, person_id, quarter, as_of)
    return "".join([
        heading_html("Shared with you", "feedback and information your manager shared, newest first"),
        table_html(own_side.shared_with_me_frame(store, person_id), empty="nothing shared with you yet"),
        heading_html("Open next steps and support", "what is still to do, and the support promised this quarter"),
        table_html(steps, {"kind": "kind", "what": "what", "who": "who", "due": "due", "status": "status", "late": ""}
                   if len(steps) else None, empty="nothing open"),
    ])


def ladder_beside_html(store: Store, person_id: str, year: int) -> str:
    """Beside the goal drafts: the motivations from the onboarding conversation and the ladder's next level."""
    person = store.person(person_id)
    out = [heading_html("What drives you", "from your onboarding conversation")]
    out.append(f"<p style='margin:2px 0 8px'>{escape(person.motivations)}</p>" if person.motivations
               else message_html("info", "no motivations recorded yet: bring them to your next 1:1"))
    frame = next_level_frame(store, person_id, year)
    cols = {"competency": "competency", "next_level": "next level", "expectations": "what is expected"}
    shown = frame[list(cols)] if not frame.empty else frame
    fork = fork_sentence(frame)
    # the stage's note speaks to the manager ("set one to see ..."); the report cannot set their ladder
    empty = ("no career ladder is recorded for you yet: ask your manager which one your role follows"
             if not person.ladder else _note(frame, "no ladder for your track"))
    out += [heading_html("The ladder's next level", "should inform 50-75% of your goals" + (f".{fork}" if fork else "")),
            table_html(shown, cols if not frame.empty else None, empty=empty)]
    return "".join(out)


def _not_for_reader(store: Store, person_id: str) -> str | None:
    """The line a skip-level or HR reads where the report's shared side would be: it is the report's and their
    manager's (``read_shared``), so "nothing shared" would claim what the reader cannot know. None for a reader
    who reads it."""
    if store.allowed("read_shared", person_id):
        return None
    return message_html("info", f"for {store.person(person_id).name} and their manager to read")


def goals_side_html(store: Store, person_id: str, year: int) -> str:
    """The manager's goals stage: each draft the report shared beside the feedback and the agreed goal."""
    title = heading_html(f"{store.person(person_id).name}'s drafts for {year}",
                         "what they shared with you, your feedback, and the agreed goal")
    hidden = _not_for_reader(store, person_id)
    if hidden is not None:
        return title + hidden
    return title + table_html(own_side.goals_side_frame(store, person_id, year),
                              empty="they have shared no goal drafts yet")


def prework_side_html(store: Store, person_id: str, quarter: str) -> str:
    """The manager's OKR stage: the report's understanding of each objective beside the supplement."""
    title = heading_html("Their pre-work", "their understanding of each objective, beside your supplement")
    hidden = _not_for_reader(store, person_id)
    if hidden is not None:
        return title + hidden
    return title + table_html(own_side.prework_side_frame(store, person_id, quarter),
                              empty=f"no objectives or pre-work for {quarter} yet")


def prep_html(store: Store, person_id: str, quarter: str, as_of: dt.date | None = None) -> str:
    """The top of the manager's check-in: what the report prepared for it (status, a line per KR, topics,
    obstacles), or a line saying there is nothing yet."""
    title = heading_html("Their preparation", "what they want to bring to this check-in")
    hidden = _not_for_reader(store, person_id)
    if hidden is not None:
        return title + hidden
    prep = own_side.check_in_prep(store, person_id, quarter, as_of)
    if prep is None:
        return title + message_html("info", "nothing prepared since the last check-in")
    import pandas as pd

    labels = own_side.key_result_labels(store, person_id, quarter)
    lines = pd.DataFrame([[k, labels.get(k, ""), v] for k, v in sorted(prep.body.get("key_results", {}).items()) if v],
                         columns=["KR", "key result", "their line"])
    parts = [title, f"<p style='margin:2px 0'><b>Status:</b> {escape(prep.body.get('status') or '-')}</p>",
             table_html(lines, empty="no line per key result")]
    for key, label in (("topics", "Topics to discuss"), ("obstacles", "Obstacles, if they want help")):
        if prep.body.get(key):
            parts.append(f"<p style='margin:4px 0'><b>{label}:</b> {escape(prep.body[key])}</p>")
    return "".join(parts)


def trials_side_html(store: Store, person_id: str, quarter: str) -> str:
    """The trial runs the report shared (their draft reply, their debrief)."""
    title = heading_html("Their trial runs", "draft replies they want feedback on, and how it went")
    hidden = _not_for_reader(store, person_id)
    if hidden is not None:
        return title + hidden
    return title + table_html(own_side.shared_trials_frame(store, person_id, quarter), empty="no trial runs shared")


def refused_html(text: str) -> str:
    """The one line a page shows instead of someone else's records."""
    return f'<div class="wb-refused">{message_html("error", text)}</div>'
