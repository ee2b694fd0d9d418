"""Stage 5 as markup and a chart: the quarter on one page, the year review, the restart checklist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.dates import check_quarter, next_quarter, quarter_bounds
from ..core.labels import DRAFTER_LABELS, OUTCOME_LABELS, STATUS_LABELS, plural, short
from ..stages.close import (
    KRClose,
    close_items,
    next_quarter_okrs_line,
    restart_steps,
    status_runs,
    year_outcomes_frame,
    year_review_frame,
)
from .charts import figure_png, png_html, without_math
from .html import escape

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from ..store import Store

__all__ = ["OUTCOME_COLORS", "trail_html", "quarter_close_html", "year_review_html", "plot_year_outcomes", "year_outcomes_png", "restart_html"]


OUTCOME_COLORS = {"met": "#6fa8dc", "partly_met": "#9fc5e8", "not_met": "#e06666", "carried_over": "#f6c85f",
                  "dropped": "#bbbbbb", "open": "#eeeeee"}


_STATUS_COLORS = {"on_track": "#1b6e20", "at_risk": "#8a5a00", "blocked": "#b00020", "done": "#1f5f8b"}


def _status_chip(status: str) -> str:
    color = _STATUS_COLORS.get(status, "#555")
    return f'<span style="color:{color};font-weight:600">{escape(STATUS_LABELS.get(status, status))}</span>'


def trail_html(trail: Sequence[tuple[dt.date, str, str]]) -> str:
    """The status trail with coloured statuses (runs collapsed); escaped."""
    if not trail:
        return '<span style="color:#666">no check-in discussed it</span>'
    runs = status_runs(trail)
    # each step stays on one line ("done (Dec 10)"); the trail wraps between steps
    return " → ".join(f'<span style="white-space:nowrap">{_status_chip(s)}'
                      f"{f' ×{n} <small>(from {d:%b %d})</small>' if n > 1 else f' <small>({d:%b %d})</small>'}</span>"
                      for s, d, n in runs)


def quarter_close_html(store: Store, person_id: str, quarter: str, as_of: dt.date | None = None) -> str:
    """The quarter's key results on one page (status trail, last check-in note, outcome and note), then
    what carries over and where next quarter's OKRs stand. For the record: re-run after saving. Before the
    quarter has begun on ``as_of`` no outcome is suggested (a helper found 'suggested: not met' under a form
    saying the quarter had not started)."""
    q = check_quarter(quarter)
    not_begun = as_of is not None and as_of < quarter_bounds(q)[0]
    items = close_items(store, person_id, q)
    nxt = next_quarter(q)
    if not items:
        return (f'<p style="color:#666"><i>No key results in {escape(q)}: nothing to close. '
                f"{escape(next_quarter_okrs_line(store, person_id, nxt))}</i></p>")
    rows = []
    last_obj = 0
    for it in items:
        if it.objective != last_obj:
            rows.append(f'<tr><td colspan="4" style="text-align:left;padding:8px 8px 2px;background:#f6f6f6">'
                        f"<b>O{it.objective}</b> {escape(it.objective_text)}</td></tr>")
            last_obj = it.objective
        if it.outcome:
            outcome = f"<b>{escape(OUTCOME_LABELS[it.outcome])}</b>"
        elif not_begun:
            outcome = '<span style="color:#666">the quarter has not begun</span>'
        else:
            why = "" if it.trail else " (no check-in has said anything about it yet)"
            outcome = (f'<span style="color:#8a5a00">not recorded yet</span><br><small style="color:#555">'
                       f"suggested: {escape(OUTCOME_LABELS[it.suggested])}{why}</small>")
        note = escape(it.outcome_note) if it.outcome_note else ""
        last = (f'<br><small style="color:#555">last check-in: “{escape(short(it.last_note, 90))}”</small>'
                if it.last_note else "")
        td = '<td style="text-align:left;vertical-align:top;padding:3px 8px;line-height:1.3">'
        rows.append(f"<tr>{td}<b>KR{it.key_result}</b> {escape(it.kr_text)}</td>{td}{trail_html(it.trail)}{last}</td>"
                    f"{td}{outcome}</td>{td}{note}</td></tr>")
    head = "".join(f'<th style="text-align:left;padding:3px 8px">{h}</th>'
                   for h in ("Key result", "Check-in trail", "Outcome", "Outcome note"))
    closed = sum(1 for it in items if it.outcome)
    if len(items) == 1:  # not "All 1 key results"
        summary = "The key result has an outcome." if closed else "The key result has no outcome yet."
    else:
        summary = (f"{closed} of {len(items)} key results have an outcome."
                   if closed < len(items) else f"All {len(items)} key results have an outcome.")
    out = (f'<h4 style="margin:12px 0 4px">{escape(q)}: how each key result ended</h4>'
           f'<p style="color:#555;margin:0 0 6px">{escape(summary)}</p>'
           f'<table class="wb-table wb-close" style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
           f"<tbody>{''.join(rows)}</tbody></table>")
    return out + _carry_over_html(store, person_id, items, nxt)


def _carry_over_html(store: Store, person_id: str, items: Sequence[KRClose], nxt: str) -> str:
    carried = [it for it in items if it.outcome == "carried_over"]
    out = f'<h4 style="margin:14px 0 4px">What carries over into {escape(nxt)}</h4>'
    if not carried:
        out += ('<p style="color:#555;margin:0">Nothing is marked <i>carried over</i>. A key result that still matters '
                "and is within reach next quarter can be carried over; the rest are closed here.</p>")
    else:
        out += "<ul style=\"margin:0 0 4px 18px;padding:0\">" + "".join(
            f"<li><b>{escape(it.label)}</b> {escape(it.kr_text)} <small style=\"color:#555\">(objective: "
            f"{escape(short(it.objective_text, 60))})</small></li>" for it in carried) + "</ul>"
    nxt_okrs = store.okrs(person_id, nxt)
    if nxt_okrs is not None and nxt_okrs.objectives:
        out += f'<p style="margin:4px 0">{escape(next_quarter_okrs_line(store, person_id, nxt))}</p>'
    elif carried:
        out += (f'<p style="margin:4px 0;color:#555">{escape(nxt)} has no OKRs yet: <b>Save and start {escape(nxt)}</b> '
                "in the form creates them from what carries over.</p>")
    return out


def _outcome_summary(outcomes: Sequence[str]) -> str:
    counts: dict[str, int] = {}
    for o in outcomes:
        if o:
            counts[o] = counts.get(o, 0) + 1
    order = [*OUTCOME_LABELS, "open"]
    return ", ".join(f"{counts[o]} {OUTCOME_LABELS.get(o, 'still open')}" for o in order if o in counts)


def year_review_html(store: Store, person_id: str, year: int) -> str:
    """Each growth goal of the year with the objectives and key results that served it, quarter by
    quarter, and how they ended; then objectives linked to no goal. Escaped."""
    frame = year_review_frame(store, person_id, year)
    plan = store.plan(person_id, year)
    if (plan is None or not plan.goals) and not (frame["quarter"] != "").any():
        return (f'<p style="color:#8a5a00">No growth goals and no OKRs recorded for {year} yet: the review fills in '
                "as the year's goals (stage 2) and quarters (stage 3) are set.</p>")
    if plan is None or not plan.goals:
        out = (f'<p style="color:#8a5a00">No growth goals recorded for {year}. The quarters below served no '
               "agreed direction: draft goals first next time (stage 2).</p>")
    else:
        status = {"draft": "still a draft", "in_discussion": "in discussion", "agreed": "agreed"}[plan.status]
        out = (f'<p style="color:#555;margin:0 0 6px">{plural(len(plan.goals), "growth goal")} for {year}, {status}, '
               f"drafted by {DRAFTER_LABELS[plan.drafted_by]}.</p>")
    td = '<td style="text-align:left;vertical-align:top;padding:3px 8px">'
    for pos in sorted(set(frame["goal"]), key=lambda g: (g == 0, g)):
        part = frame[frame["goal"] == pos]
        served = part[part["quarter"] != ""]
        title = (f"Goal {pos}: {escape(part['goal_text'].iloc[0])}" if pos
                 else "Objectives not linked to a growth goal")
        out += f'<h4 style="margin:14px 0 2px">{title}</h4>'
        if served.empty:
            out += ('<p style="color:#8a5a00;margin:0 0 4px">No objective served this goal this year: talk about '
                    "whether it still matters before next year's goals are drafted.</p>")
            continue
        quarters = sorted(set(served["quarter"]))
        kr_rows = served[served["kr_text"] != ""]
        # a key result carried into a later quarter is counted once, by how it ended there
        ended = kr_rows[kr_rows["continued_in"] == ""]
        n_cont = len(kr_rows) - len(ended)
        cont = (f" ({plural(n_cont, 'key result')} continued from one quarter into the next, counted once)"
                if n_cont else "")
        out += (f'<p style="color:#555;margin:0 0 4px">{plural(served["objective_text"].nunique(), "objective")} in '
                f"{', '.join(q[-2:] for q in quarters)}; {plural(len(ended), 'key result')}{cont}: "
                f"{escape(_outcome_summary(list(ended['outcome'])) or 'none yet')}</p>")
        body = []
        for r in served.itertuples():
            outcome = OUTCOME_LABELS.get(r.outcome, "still open" if r.outcome == "open" else "")
            if r.continued_in:
                outcome = f"{outcome}, continues in {r.continued_in[-2:]}"
            # positions as whole numbers: a goal nothing served makes the column float ("O1.0")
            kr = f"<b>KR{int(r.key_result)}</b> {escape(r.kr_text)}" if r.kr_text else '<i style="color:#666">no key result</i>'
            body.append(f"<tr>{td}{escape(r.quarter)}</td>{td}<b>O{int(r.objective)}</b> {escape(short(r.objective_text, 60))}</td>"
                        f"{td}{kr}</td>{td}{escape(outcome)}</td>{td}{escape(r.outcome_note)}</td></tr>")
        head = "".join(f'<th style="text-align:left;padding:3px 8px">{h}</th>'
                       for h in ("Quarter", "Objective", "Key result", "Outcome", "Note"))
        out += (f'<table class="wb-table wb-year" style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table>")
    return out


@without_math
def plot_year_outcomes(frame: pd.DataFrame, title: str = "") -> Figure:
    """Stacked horizontal bars: per quarter, how its key results ended."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(8, 0.6 + 0.5 * max(len(frame.index), 1)))
    ax = fig.add_subplot()
    labels = [str(q)[-2:] for q in frame.index]
    left = [0] * len(frame.index)
    for col in frame.columns:
        values = [int(v) for v in frame[col]]
        if not any(values):
            continue
        ax.barh(labels, values, left=left, color=OUTCOME_COLORS.get(col, "#999"),
                label=OUTCOME_LABELS.get(col, "still open"), edgecolor="white")
        for i, v in enumerate(values):
            if v:
                ax.text(left[i] + v / 2, i, str(v), ha="center", va="center", fontsize=8, color="#222")
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("key results")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # key results are counted, never halves
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not any(left):
        ax.text(0.5, 0.5, "no key results this year", transform=ax.transAxes, ha="center", color="#666")
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    fig.tight_layout()
    return fig


def year_outcomes_html(store: Store, person_id: str, year: int) -> str:
    """The year's outcomes per quarter as an inline image, or a sentence when the year has no key result
    (an empty chart with axes says nothing)."""
    frame = year_outcomes_frame(store, person_id, year)
    if not int(frame.to_numpy().sum()):
        return f'<p style="color:#666"><i>No key results in {year} yet, so no outcomes to show.</i></p>'
    return png_html(year_outcomes_png(store, person_id, year, frame), f"How the key results of {year} ended")


def year_outcomes_png(store: Store, person_id: str, year: int, frame: pd.DataFrame | None = None) -> bytes:
    """The year's outcomes chart as PNG bytes (``frame``: :func:`year_outcomes_frame`, read when not given)."""
    frame = year_outcomes_frame(store, person_id, year) if frame is None else frame
    return figure_png(plot_year_outcomes(frame, f"How the key results of {year} ended"), dpi=110, tight=True)


def restart_html(store: Store, person_id: str, quarter: str, as_of: dt.date) -> str:
    """The restart checklist as markup: ticked steps and what to do next, with the stage notebook to open."""
    steps = restart_steps(store, person_id, quarter, as_of)
    items = []
    for i, s in enumerate(steps, 1):
        mark = ('<span style="color:#1b6e20">✔</span>' if s.state == "done"
                else '<span style="color:#8a5a00">☐</span>')
        where = "this notebook" if s.stage == 5 else f"stage {s.stage}: {s.notebook}"
        items.append(f'<li style="margin:4px 0;list-style:none">{mark} {i}. <b>{escape(s.title)}</b> '
                     f'<small style="color:#666">({escape(where)})</small><br>'
                     f'<span style="margin-left:2.2em;display:inline-block">{escape(s.detail)}</span></li>')
    todo = sum(1 for s in steps if s.state == "todo")
    lead = ("Everything for the next turn of the cycle is in place." if not todo
            else f"{plural(todo, 'thing')} to do before the next turn of the cycle is under way.")
    return (f'<p style="margin:0 0 4px">{escape(lead)}</p>'
            f'<ul style="margin:0;padding:0">{"".join(items)}</ul>'
            '<p style="color:#555;margin:8px 0 0"><i>“There\'s no shortcut to career growth. The quickest way to '
            "achieve it is by starting today and continually repeating this process.”</i></p>")
