"""Stage 1 as markup and a chart: the puzzle, pushes given, suggested pushes, follow-ups, recent notes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core.dates import months_before
from ..stages import own_side
from ..stages.conversation_log import (
    FOLLOW_UP_HORIZON_DAYS,
    PUZZLE_STATES,
    STALE_MONTHS,
    STATE_LABELS,
    open_follow_ups,
    pushes_given_frame,
    puzzle_frame,
    recent_notes_frame,
    suggest_pushes,
)
from ..stages.due import period_to_open
from .charts import figure_html, without_math
from .html import escape, heading_html, message_html, table_html

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from ..store import Store

__all__ = ["plot_puzzle", "puzzle_html", "recent_notes_html", "puzzle_chart_html"]


_STATE_COLOURS = {"known": "#2a9d8f", "thin": "#e9c46a", "stale": "#f4a261", "missing": "#adb5bd"}


@without_math
def plot_puzzle(puzzle: pd.DataFrame, pushes: pd.DataFrame, *, title: str = "", missing: str = "never pulled") -> Figure:
    """A small two-panel figure: months since each pull topic was last pulled, coloured by state, with
    the staleness line; and how many pushes of each topic were given; ``missing`` labels a topic with no pull.
    No pyplot (Agg-safe, nothing to close)."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=(9.5, 3.8), layout="constrained")
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
    topics = list(puzzle["topic"])[::-1]
    rows = puzzle.set_index("topic")
    cap = max([STALE_MONTHS * 2.0] + [float(m) for m in puzzle["months_since"] if m is not None and m == m])
    for y, topic in enumerate(topics):
        state = rows.loc[topic, "state"]
        months = rows.loc[topic, "months_since"]
        if state == "missing" or months is None or months != months:
            left.barh(y, cap, color="#f1f3f5", edgecolor=_STATE_COLOURS["missing"], hatch="//", linewidth=0.6)
            left.text(cap * 0.02, y, missing, va="center", fontsize=8, color="#495057")
        else:
            left.barh(y, max(float(months), cap * 0.01), color=_STATE_COLOURS[state])
            count = int(rows.loc[topic, "notes"])
            left.text(float(months) + cap * 0.015, y, f"{count} note{'s' if count != 1 else ''}", va="center",
                      fontsize=8, color="#212529")
    left.axvline(STALE_MONTHS, color="#6c757d", linestyle="--", linewidth=1)
    left.text(STALE_MONTHS, len(topics) - 0.45, f" stale after {STALE_MONTHS} months", fontsize=7.5, color="#6c757d",
              va="bottom")
    left.set_yticks(range(len(topics)), topics, fontsize=9)
    left.set_xlim(0, cap * 1.15)
    left.set_ylim(-0.6, len(topics) - 0.1)
    left.set_xlabel("months since last pulled (shorter is fresher)", fontsize=8.5)
    left.set_title("Pulled: what you know", fontsize=10.5)
    left.legend(handles=[Patch(color=_STATE_COLOURS[s], label=s) for s in ("known", "thin", "stale")]
                + [Patch(facecolor="#f1f3f5", edgecolor=_STATE_COLOURS["missing"], hatch="//", label="missing")],
                fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False, ncol=4)

    push_topics = list(pushes["topic"])[::-1]
    counts = [int(c) for c in pushes["pushes"]][::-1]
    right.barh(range(len(push_topics)), counts, color=["#457b9d" if c else "#dee2e6" for c in counts])
    for y, c in enumerate(counts):
        right.text(c + 0.08, y, str(c) if c else "none yet", va="center", fontsize=8,
                   color="#212529" if c else "#868e96")
    right.set_yticks(range(len(push_topics)), push_topics, fontsize=9)
    right.set_xlim(0, max(counts + [1]) * 1.3 + 0.5)
    right.xaxis.get_major_locator().set_params(integer=True)
    right.set_xlabel("notes pushed", fontsize=8.5)
    right.set_title("Pushed: what you gave", fontsize=10.5)
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=8)
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


_STATE_ORDER = {s: i for i, s in enumerate(PUZZLE_STATES)}


FOLLOW_UPS_CLASS = "wb-follow-ups-report"


NOT_IN_NOTES_READ = "none in the notes you may read"


def _drawn_from_notes_read(store: Store, person_id: str) -> str | None:
    """The line a skip-level, HR or the report reads above the puzzle: the notes are written by the person's
    manager (``write``) and a private one is its author's only (decision 0007), so "never pulled" or "not pushed
    yet" would claim what the reader cannot know. None for the manager, whose stage this is."""
    if store.allowed("write", person_id):
        return None
    return (f"drawn from the notes you may read: the private notes about {store.person(person_id).name} "
            "are for whoever wrote them to read")


def puzzle_html(store: Store, person_id: str, as_of: dt.date) -> str:
    """The report of stage 1 as trusted markup (every note text escaped): the puzzle, pushes given,
    suggested pushes and follow-ups due."""

    puzzle = puzzle_frame(store, person_id, as_of)
    partial = _drawn_from_notes_read(store, person_id)
    labels = STATE_LABELS if partial is None else {**STATE_LABELS, "missing": f"missing: {NOT_IN_NOTES_READ}"}
    shown = puzzle.assign(state=[labels[s] for s in puzzle["state"]],
                          _order=[_STATE_ORDER[s] for s in puzzle["state"]]).sort_values("_order", kind="stable")
    counts = puzzle["state"].value_counts()
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in PUZZLE_STATES)
    parts = [heading_html("The puzzle: pull topics", f"{summary} (stale = last pulled before {months_before(as_of, STALE_MONTHS)}). "
               "Start with the question for a missing or stale topic."),
             message_html("info", partial) if partial is not None else "",
             table_html(shown, {"topic": "pull topic", "state": "state", "notes": "notes", "last_pulled": "last pulled",
                                "latest": "latest note", "ask": "a question to pull it"})]
    parts += [heading_html("In their own words", "What they wrote about their career on their own page and shared "
                           "with you; it counts as pulled on the day they shared it."),
              table_html(own_side.career_words_frame(store, person_id, as_of),
                         empty="nothing shared yet: they write it on their page, under 'Your career, in your own words'")]
    pushes = pushes_given_frame(store, person_id, as_of)
    given = pushes[pushes["pushes"] > 0]
    none_yet = [t for t, c in zip(pushes["topic"], pushes["pushes"], strict=True) if not c]
    not_yet = "Not pushed yet: " if partial is None else "Not in the notes you may read: "
    parts += [heading_html("Pushes given", not_yet + ", ".join(none_yet) if none_yet else "Every push topic has been used."),
              table_html(given, {"topic": "push topic", "pushes": "notes", "last_pushed": "last pushed"},
                         empty="no pushes recorded yet")]
    # ladder gaps judged by the plan the goals page opens on (next year's late in the year, when the due list sends
    # it there), not always the day's year: the two pages say the same of a competency
    goals_year = period_to_open(store, "goals", person_id, as_of)
    suggestions = suggest_pushes(store, person_id, as_of, year=int(goals_year) if goals_year else None)
    parts += [heading_html("Suggested pushes", "Personalised from what you pulled; each says why."),
              table_html(suggestions, {"push": "push", "suggestion": "suggestion", "reason": "why", "status": "status"},
                         empty="nothing to suggest from the pulls yet: pull first")]
    for remark in suggestions.attrs.get("notes", []):
        parts.append(f'<p style="color:#666;margin:2px 0"><i>{escape(remark)}</i></p>')
    follow = open_follow_ups(store, person_id, as_of)
    # FOLLOW_UPS_CLASS: a page that shows the follow-ups with their Done buttons hides this copy (a live
    # frontend only; a headless run or an export, which drop widgets, keep it)
    parts += [f'<div class="{FOLLOW_UPS_CLASS}">',
              heading_html("Follow-ups due", f"Overdue, or due by {as_of + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)}."),
              table_html(follow, {"due": "due", "state": "state", "follow_up": "follow-up", "note_date": "from the note of",
                                  "topic": "topic"}, empty="no follow-up due"), "</div>"]
    return "".join(parts)


def sealed_notes_line(frame: pd.DataFrame) -> str:
    """One line when some private notes shown cannot be opened in this process (no key, or altered), with the
    fix; empty otherwise."""
    from ..store.keys import keys_withheld
    from ..store.sealing import KEY_MISSING, TAMPERED

    cells = [str(v) for col in ("text", "follow_up") if col in frame.columns for v in frame[col]]
    if TAMPERED in cells:
        return ('<p style="color:#a00;margin:2px 0">A private note failed its integrity check (altered or damaged); '
                'restore the workbook from a backup.</p>')
    if KEY_MISSING in cells and keys_withheld():
        return ('<p style="color:#555;margin:2px 0">Private notes stay sealed in batch runs: a batch is never given '
                'your key. Open this notebook in JupyterLab (<code>workbook lab</code>) to read them.</p>')
    if KEY_MISSING in cells:
        return ('<p style="color:#a00;margin:2px 0">Your private notes cannot be opened here: your private-note key '
                'is not available. Import it with <code>workbook key import FILE</code> (the file '
                '<code>workbook key export</code> wrote), or set WORKBOOK_PASSPHRASE for a passphrase key.</p>')
    return ""


def recent_notes_html(store: Store, person_id: str, as_of: dt.date, limit: int = 8) -> str:
    """The newest notes about a person as markup (private ones badged), for the log's context."""
    person = store.person(person_id)
    frame = recent_notes_frame(store, person_id, as_of, limit)
    return (f'<h4 style="margin:8px 0 4px">Latest notes about {escape(person.name)} (as of {as_of})</h4>'
            + sealed_notes_line(frame)
            + table_html(frame, {"date": "date", "direction": "push/pull", "topic": "topic", "setting": "setting",
                                 "visibility": "visibility", "text": "note", "follow_up": "follow-up"},
                         empty="no notes yet: the first one starts the puzzle"))


def puzzle_chart_html(store: Store, person_id: str, as_of: dt.date) -> str:
    """The puzzle chart as an inline image."""
    person = store.person(person_id)
    partial = _drawn_from_notes_read(store, person_id)
    fig = plot_puzzle(puzzle_frame(store, person_id, as_of), pushes_given_frame(store, person_id, as_of),
                      title=f"{person.name}: career puzzle as of {as_of}",
                      missing="never pulled" if partial is None else NOT_IN_NOTES_READ)
    alt = f"Career puzzle of {person.name}: months since each pull topic, pushes per topic"
    return figure_html(fig, alt if partial is None else f"{alt} ({partial})")
