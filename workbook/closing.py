"""Quarter close and restart: each key result's status trail and outcome, what carries over, the year in review.

Stage 5 of the cycle. At the end of a quarter every key result gets an outcome (met, partly met, not
met, carried over, dropped) with a note, suggested from its last check-in status. Key results marked
"carried over" become the next quarter's draft OKRs, written in the same transaction as the outcomes
and refused (nothing written) when they would break the workbook's limits. The year review shows each
annual growth goal with the objectives and key results that served it across the quarters, and the
restart checklist says what comes next: next quarter's OKRs, the check-ins, next year's goals drafted
by the report. Everything returned as markup is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import NotFound, RuleViolation
from .model import (
    KR_OUTCOMES,
    KeyResult,
    Objective,
    Quarter,
    QuarterOKRs,
    Slug,
    check_quarter,
    next_quarter,
    quarter_bounds,
    to_date,
)
from .notebook import table_html
from .rules import Finding, check_okrs

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from .forms.base import Form
    from .store import Store

__all__ = [
    "OUTCOME_LABELS",
    "OUTCOME_COLORS",
    "STATUS_LABELS",
    "SUGGESTED_OUTCOME",
    "CHECK_IN_EVERY_DAYS",
    "KRClose",
    "KROutcome",
    "QuarterClose",
    "CloseResult",
    "RestartStep",
    "suggest_outcome",
    "kr_label",
    "trail_html",
    "trail_text",
    "close_items",
    "close_frame",
    "carry_over_draft",
    "close_quarter",
    "quarter_close_html",
    "show_quarter_close",
    "year_review_frame",
    "year_review_html",
    "show_year_review",
    "year_outcomes_frame",
    "plot_year_outcomes",
    "show_year_outcomes",
    "restart_steps",
    "restart_html",
    "show_restart",
]

OUTCOME_LABELS = {"met": "met", "partly_met": "partly met", "not_met": "not met", "carried_over": "carried over",
                  "dropped": "dropped"}
OUTCOME_COLORS = {"met": "#6fa8dc", "partly_met": "#9fc5e8", "not_met": "#e06666", "carried_over": "#f6c85f",
                  "dropped": "#bbbbbb", "open": "#eeeeee"}
STATUS_LABELS = {"on_track": "on track", "at_risk": "at risk", "blocked": "blocked", "done": "done"}
_STATUS_COLORS = {"on_track": "#1b6e20", "at_risk": "#8a5a00", "blocked": "#b00020", "done": "#1f5f8b"}
# Only a starting point for the conversation: done is met; anything still moving was at most partly met
# unless the manager carries it over; a blocked or never-discussed key result was not met.
SUGGESTED_OUTCOME = {"done": "met", "on_track": "partly_met", "at_risk": "partly_met", "blocked": "not_met"}
CHECK_IN_EVERY_DAYS = 14
# Outcomes that deserve one line on what happened (a met key result speaks for itself).
_NOTE_EXPECTED = ("partly_met", "not_met", "dropped", "carried_over")
_STAGE_NOTEBOOKS = {1: "01_conversation_log", 2: "02_growth_goals", 3: "03_quarterly_okrs", 4: "04_check_in",
                    5: "05_quarter_close"}


def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _short(text: Any, width: int = 70) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def _table(frame: Any, columns: dict[str, str], empty: str = "nothing yet") -> str:
    return table_html(frame, columns, empty)


def suggest_outcome(last_status: str | None) -> str:
    """The outcome to start from, given the key result's last check-in status (done -> met)."""
    return SUGGESTED_OUTCOME.get(last_status or "", "not_met")


def kr_label(objective: int, key_result: int) -> str:
    return f"O{int(objective)}·KR{int(key_result)}"


# -- the quarter's key results ----------------------------------------------------------------------------
@dataclass(frozen=True)
class KRClose:
    """One key result at quarter close: its check-in trail, the recorded outcome (None when not yet
    closed) and the suggested one."""

    objective: int
    key_result: int
    objective_text: str
    kr_text: str
    trail: tuple[tuple[dt.date, str, str], ...]  # (date, status, note) at each check-in, oldest first
    outcome: str | None
    outcome_note: str
    suggested: str

    @property
    def label(self) -> str:
        return kr_label(self.objective, self.key_result)

    @property
    def last_status(self) -> str | None:
        return self.trail[-1][1] if self.trail else None

    @property
    def last_note(self) -> str:
        return self.trail[-1][2] if self.trail else ""

    @property
    def chosen(self) -> str:
        """The recorded outcome, else the suggested one (what the form starts with)."""
        return self.outcome or self.suggested


def _status_runs(trail: Sequence[tuple[dt.date, str, str]]) -> list[tuple[str, dt.date, int]]:
    """Consecutive check-ins with the same status collapsed: (status, first day, how many)."""
    runs: list[list[Any]] = []
    for day, status, _note in trail:
        if runs and runs[-1][0] == status:
            runs[-1][2] += 1
        else:
            runs.append([status, day, 1])
    return [(str(st), d, int(n)) for st, d, n in runs]


def trail_text(trail: Sequence[tuple[dt.date, str, str]]) -> str:
    """A status trail in words, runs collapsed: ``on track ×3 (from Oct 05) → at risk (Nov 02) → done (Nov 30)``."""
    if not trail:
        return "no check-in discussed it"
    parts = [f"{STATUS_LABELS.get(s, s)}{f' ×{n} (from {d:%b %d})' if n > 1 else f' ({d:%b %d})'}"
             for s, d, n in _status_runs(trail)]
    return " → ".join(parts)


def close_items(store: Store, person_id: str, quarter: str) -> list[KRClose]:
    """The quarter's key results in order with their status trails and outcomes. Raises NotFound for an
    unknown person; an empty list when the quarter has no key results."""
    q = check_quarter(quarter)
    store.person(person_id)
    okrs = store.okrs(person_id, q)
    if okrs is None:
        return []
    statuses = store.kr_status_frame(person_id, q)
    trails: dict[tuple[int, int], list[tuple[dt.date, str, str]]] = {}
    for s in statuses.itertuples():
        day = to_date(s.date)
        if day is not None:
            trails.setdefault((int(s.objective), int(s.key_result)), []).append((day, str(s.status), str(s.note or "")))
    items = []
    for i, obj in enumerate(okrs.objectives, 1):
        for j, kr in enumerate(obj.key_results, 1):
            trail = tuple(sorted(trails.get((i, j), []), key=lambda t: t[0]))
            items.append(KRClose(objective=i, key_result=j, objective_text=obj.text, kr_text=kr.text, trail=trail,
                                 outcome=kr.outcome, outcome_note=kr.outcome_note or "",
                                 suggested=suggest_outcome(trail[-1][1] if trail else None)))
    return items


def close_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """One row per key result: objective, key_result, objective_text, kr_text, check_ins, trail (words),
    last_status, outcome (recorded or None), outcome_note, suggested."""
    import pandas as pd

    cols = ["objective", "key_result", "objective_text", "kr_text", "check_ins", "trail", "last_status", "outcome",
            "outcome_note", "suggested"]
    rows = [{"objective": it.objective, "key_result": it.key_result, "objective_text": it.objective_text,
             "kr_text": it.kr_text, "check_ins": len(it.trail), "trail": trail_text(it.trail),
             "last_status": it.last_status, "outcome": it.outcome, "outcome_note": it.outcome_note,
             "suggested": it.suggested} for it in close_items(store, person_id, quarter)]
    return pd.DataFrame(rows, columns=cols)


# -- closing: outcomes and carry-over in one transaction ----------------------------------------------------
class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class KROutcome(_Model):
    """The outcome of one key result, addressed by its positions in the quarter."""

    objective: Annotated[int, Field(ge=1)]
    key_result: Annotated[int, Field(ge=1)]
    outcome: Literal[KR_OUTCOMES]  # type: ignore[valid-type]
    note: Annotated[str, Field(max_length=2000)] = ""


class QuarterClose(_Model):
    """What a quarter close writes: one outcome per key result."""

    person: Slug
    quarter: Quarter
    outcomes: list[KROutcome] = Field(default_factory=list)


@dataclass
class CloseResult:
    """What :func:`close_quarter` did: outcomes saved, key results carried, whether the next quarter's
    OKRs were created, and findings (warnings and information) to show."""

    quarter: str
    next_quarter: str
    saved: int
    carried: int
    next_created: bool
    findings: list[Finding] = field(default_factory=list)


def carry_over_draft(okrs: QuarterOKRs, outcomes: Sequence[KROutcome], *, keep_goal_links: bool = True) -> QuarterOKRs:
    """The next quarter's draft: every objective with at least one key result marked carried over, with
    only those key results. Objectives keep their pre-work and aligned work; key results keep their
    open support (requested or committed) but lose their target date (it was this quarter's). Goal links
    are kept only within a year (``keep_goal_links``): goal numbers refer to one year's plan."""
    carried = {(o.objective, o.key_result) for o in outcomes if o.outcome == "carried_over"}
    objectives = []
    for i, obj in enumerate(okrs.objectives, 1):
        krs = [KeyResult(text=kr.text,
                         support=[s.model_copy(update={"id": None}) for s in kr.support
                                  if s.status in ("requested", "committed")])
               for j, kr in enumerate(obj.key_results, 1) if (i, j) in carried]
        if krs:
            objectives.append(Objective(text=obj.text, goal=obj.goal if keep_goal_links else None,
                                        understanding=obj.understanding, supplement=obj.supplement,
                                        aligned_work=obj.aligned_work, key_results=krs))
    return QuarterOKRs(person=okrs.person, quarter=next_quarter(okrs.quarter), objectives=objectives)


def close_quarter(store: Store, close: QuarterClose, *, start_next: bool = False) -> CloseResult:
    """Record the outcomes of a quarter and, with ``start_next``, create next quarter's OKRs from the key
    results marked carried over (only when that quarter has no OKRs yet) — all in ONE transaction.

    Raises NotFound (unknown person, no OKRs this quarter, an outcome for a key result that does not
    exist) and RuleViolation when the carried objectives or key results would break the workbook's
    limits; in both cases nothing is written."""
    q = close.quarter
    nxt = next_quarter(q)
    findings: list[Finding] = []
    with store.atomic():
        okrs = store.okrs(close.person, q)
        if okrs is None:
            store.person(close.person)  # NotFound for an unknown person first
            raise NotFound(f"{close.person} has no OKRs for {q}; there is nothing to close")
        for o in close.outcomes:
            if not 1 <= o.objective <= len(okrs.objectives) or not 1 <= o.key_result <= len(
                    okrs.objectives[o.objective - 1].key_results):
                raise NotFound(f"{close.person} has no key result {kr_label(o.objective, o.key_result)} in {q}")
            kr = okrs.objectives[o.objective - 1].key_results[o.key_result - 1]
            kr.outcome = o.outcome
            kr.outcome_note = o.note
        carried = [o for o in close.outcomes if o.outcome == "carried_over"]
        draft = None
        if start_next and carried:
            existing = store.okrs(close.person, nxt)
            if existing is not None and existing.objectives:
                findings.append(Finding("info", "next_quarter_exists",
                                        f"{nxt} already has OKRs, so the {len(carried)} carried-over key result(s) "
                                        f"were not added to them; bring them in by hand in stage 3 if they still matter",
                                        nxt))
            else:
                same_year = nxt[:4] == q[:4]
                draft = carry_over_draft(okrs, close.outcomes, keep_goal_links=same_year)
                errors = [f for f in check_okrs(close.person, nxt, draft.objectives, store.limits(),
                                                where=f"carry-over into {nxt}") if f.severity == "error"]
                if errors:
                    lead = Finding("error", "carry_over_limits",
                                   f"carrying {len(carried)} key result(s) over into {nxt} would break the limits; "
                                   "mark fewer as carried over (close them as partly met, not met or dropped)", nxt)
                    raise RuleViolation("; ".join(str(f) for f in [lead, *errors]), (lead, *errors))
                if not same_year and any(o.goal for o in okrs.objectives):
                    findings.append(Finding("info", "goal_links_cleared",
                                            f"the carried objectives are not linked to a {nxt[:4]} growth goal yet; "
                                            f"link them in stage 3 once the {nxt[:4]} goals are agreed", nxt))
        findings.extend(store.save_okrs(okrs))
        if draft is not None:
            findings.extend(store.save_okrs(draft))
    for o in close.outcomes:
        if o.outcome in _NOTE_EXPECTED and not o.note:
            findings.append(Finding("warning", "outcome_without_note",
                                    f"{kr_label(o.objective, o.key_result)} is {OUTCOME_LABELS[o.outcome]} without a "
                                    "note; one line on what happened helps the year review and next quarter",
                                    f"{close.person} {q}"))
    open_krs = sum(1 for obj in okrs.objectives for kr in obj.key_results if kr.outcome is None)
    if open_krs:
        findings.append(Finding("warning", "open_key_results", f"{open_krs} key result(s) still have no outcome",
                                f"{close.person} {q}"))
    n_carried = sum(len(o.key_results) for o in draft.objectives) if draft is not None else 0
    if draft is not None:
        findings.append(Finding("info", "next_quarter_created",
                                f"{nxt} started with {len(draft.objectives)} objective(s) and {n_carried} carried-over "
                                "key result(s); finish them in stage 3: set target dates and check the support", nxt))
    elif start_next and not carried:
        findings.append(Finding("info", "nothing_carried",
                                f"nothing was carried over; {nxt} starts from a blank page in stage 3", nxt))
    return CloseResult(quarter=q, next_quarter=nxt, saved=len(close.outcomes), carried=n_carried,
                       next_created=draft is not None, findings=findings)


# -- the quarter on one page -------------------------------------------------------------------------------
def _status_chip(status: str) -> str:
    color = _STATUS_COLORS.get(status, "#555")
    return f'<span style="color:{color};font-weight:600">{_esc(STATUS_LABELS.get(status, status))}</span>'


def trail_html(trail: Sequence[tuple[dt.date, str, str]]) -> str:
    """The status trail with coloured statuses (runs collapsed); escaped."""
    if not trail:
        return '<span style="color:#666">no check-in discussed it</span>'
    runs = _status_runs(trail)
    # each step stays on one line ("done (Dec 10)"); the trail wraps between steps
    return " → ".join(f'<span style="white-space:nowrap">{_status_chip(s)}'
                      f"{f' ×{n} <small>(from {d:%b %d})</small>' if n > 1 else f' <small>({d:%b %d})</small>'}</span>"
                      for s, d, n in runs)


def quarter_close_html(store: Store, person_id: str, quarter: str) -> str:
    """The quarter's key results on one page (status trail, last check-in note, outcome and note), then
    what carries over and where next quarter's OKRs stand. For the record: re-run after saving."""
    q = check_quarter(quarter)
    items = close_items(store, person_id, q)
    nxt = next_quarter(q)
    if not items:
        return (f'<p style="color:#666"><i>No key results in {_esc(q)}: nothing to close. '
                f"Set {_esc(nxt)}'s OKRs in stage 3.</i></p>")
    rows = []
    last_obj = 0
    for it in items:
        if it.objective != last_obj:
            rows.append(f'<tr><td colspan="4" style="text-align:left;padding:8px 8px 2px;background:#f6f6f6">'
                        f"<b>O{it.objective}</b> {_esc(it.objective_text)}</td></tr>")
            last_obj = it.objective
        if it.outcome:
            outcome = f"<b>{_esc(OUTCOME_LABELS[it.outcome])}</b>"
        else:
            outcome = (f'<span style="color:#8a5a00">not recorded yet</span><br><small style="color:#555">'
                       f"suggested: {_esc(OUTCOME_LABELS[it.suggested])}</small>")
        note = _esc(it.outcome_note) if it.outcome_note else ""
        last = (f'<br><small style="color:#555">last check-in: “{_esc(_short(it.last_note, 90))}”</small>'
                if it.last_note else "")
        td = '<td style="text-align:left;vertical-align:top;padding:3px 8px;line-height:1.3">'
        rows.append(f"<tr>{td}<b>KR{it.key_result}</b> {_esc(it.kr_text)}</td>{td}{trail_html(it.trail)}{last}</td>"
                    f"{td}{outcome}</td>{td}{note}</td></tr>")
    head = "".join(f'<th style="text-align:left;padding:3px 8px">{h}</th>'
                   for h in ("Key result", "Check-in trail", "Outcome", "Outcome note"))
    closed = sum(1 for it in items if it.outcome)
    summary = (f"{closed} of {len(items)} key results have an outcome."
               if closed < len(items) else f"All {len(items)} key results have an outcome.")
    out = (f'<h4 style="margin:12px 0 4px">{_esc(q)}: how each key result ended</h4>'
           f'<p style="color:#555;margin:0 0 6px">{_esc(summary)}</p>'
           f'<table class="wb-table wb-close" style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
           f"<tbody>{''.join(rows)}</tbody></table>")
    return out + _carry_over_html(store, person_id, items, nxt)


def show_quarter_close(store: Store, person_id: str, quarter: str, form: Form | None = None) -> None:
    """Display :func:`quarter_close_html`, shown again, fresh, each time ``form`` (the close form) saves."""
    from .pushpull import show_live

    show_live(lambda: quarter_close_html(store, person_id, quarter), form)


def _carry_over_html(store: Store, person_id: str, items: Sequence[KRClose], nxt: str) -> str:
    carried = [it for it in items if it.outcome == "carried_over"]
    out = f'<h4 style="margin:14px 0 4px">What carries over into {_esc(nxt)}</h4>'
    if not carried:
        out += ('<p style="color:#555;margin:0">Nothing is marked <i>carried over</i>. A key result that still matters '
                "and is within reach next quarter can be carried over; the rest are closed here.</p>")
    else:
        out += "<ul style=\"margin:0 0 4px 18px;padding:0\">" + "".join(
            f"<li><b>{_esc(it.label)}</b> {_esc(it.kr_text)} <small style=\"color:#555\">(objective: "
            f"{_esc(_short(it.objective_text, 60))})</small></li>" for it in carried) + "</ul>"
    nxt_okrs = store.okrs(person_id, nxt)
    if nxt_okrs is not None and nxt_okrs.objectives:
        n_krs = sum(len(o.key_results) for o in nxt_okrs.objectives)
        out += (f'<p style="margin:4px 0">{_esc(nxt)} has OKRs: {len(nxt_okrs.objectives)} objective(s), '
                f"{n_krs} key result(s). Finish or review them in stage 3.</p>")
    elif carried:
        out += (f'<p style="margin:4px 0;color:#555">{_esc(nxt)} has no OKRs yet: <b>Save and start {_esc(nxt)}</b> '
                "in the form creates them from what carries over.</p>")
    return out


# -- the year in review ------------------------------------------------------------------------------------
def _year_quarters(year: int) -> list[str]:
    return [f"{year}Q{n}" for n in range(1, 5)]


def year_review_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """The year's growth goals with the key results that served them, across the quarters. One row per
    (goal, key result): goal (number, 0 for objectives not linked to a goal), goal_text, quarter, objective,
    objective_text, key_result, kr_text, outcome (recorded or 'open'), outcome_note. A goal nothing served
    gets one row with empty quarter columns."""
    import pandas as pd

    cols = ["goal", "goal_text", "quarter", "objective", "objective_text", "key_result", "kr_text", "outcome",
            "outcome_note"]
    store.person(person_id)
    goals = store.goals_frame(person_id, year)
    krs = store.okrs_frame(person_id)
    krs = krs[krs["quarter"].isin(_year_quarters(year))] if len(krs) else krs
    rows: list[dict[str, Any]] = []
    goal_texts = {int(p): str(t) for p, t in zip(goals.get("position", []), goals.get("text", []), strict=False)}
    for pos in [*sorted(goal_texts), 0]:
        served = krs[[(g == g and g is not None and int(g) == pos) if pos else (g != g or g is None)
                      for g in krs["goal"]]] if len(krs) else krs
        if not len(served) and pos:
            rows.append({"goal": pos, "goal_text": goal_texts[pos], "quarter": "", "objective": None,
                         "objective_text": "", "key_result": None, "kr_text": "", "outcome": "", "outcome_note": ""})
        for r in served.itertuples():
            has_kr = r.kr_id == r.kr_id and r.kr_id is not None
            rows.append({"goal": pos, "goal_text": goal_texts.get(pos, ""), "quarter": r.quarter,
                         "objective": int(r.objective), "objective_text": r.objective_text,
                         "key_result": int(r.key_result) if has_kr else None, "kr_text": r.kr_text if has_kr else "",
                         "outcome": (r.outcome if isinstance(r.outcome, str) and r.outcome else "open") if has_kr else "",
                         "outcome_note": (r.outcome_note or "") if has_kr else ""})
    return pd.DataFrame(rows, columns=cols)


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
    if plan is None or not plan.goals:
        out = (f'<p style="color:#8a5a00">No growth goals recorded for {year}. The quarters below served no '
               "agreed direction: draft goals first next time (stage 2).</p>")
    else:
        status = {"draft": "still a draft", "in_discussion": "in discussion", "agreed": "agreed"}[plan.status]
        out = (f'<p style="color:#555;margin:0 0 6px">{len(plan.goals)} growth goal(s) for {year}, {status}, '
               f"drafted by the {plan.drafted_by}.</p>")
    td = '<td style="text-align:left;vertical-align:top;padding:3px 8px">'
    for pos in sorted(set(frame["goal"]), key=lambda g: (g == 0, g)):
        part = frame[frame["goal"] == pos]
        served = part[part["quarter"] != ""]
        title = (f"Goal {pos}: {_esc(part['goal_text'].iloc[0])}" if pos
                 else "Objectives not linked to a growth goal")
        out += f'<h4 style="margin:14px 0 2px">{title}</h4>'
        if served.empty:
            out += ('<p style="color:#8a5a00;margin:0 0 4px">No objective served this goal this year: talk about '
                    "whether it still matters before next year's goals are drafted.</p>")
            continue
        quarters = sorted(set(served["quarter"]))
        kr_rows = served[served["kr_text"] != ""]
        out += (f'<p style="color:#555;margin:0 0 4px">{served["objective_text"].nunique()} objective(s) in '
                f"{', '.join(q[-2:] for q in quarters)}; {len(kr_rows)} key result(s): "
                f"{_esc(_outcome_summary(list(kr_rows['outcome'])) or 'none yet')}</p>")
        body = []
        for r in served.itertuples():
            outcome = OUTCOME_LABELS.get(r.outcome, "still open" if r.outcome == "open" else "")
            kr = f"<b>KR{r.key_result}</b> {_esc(r.kr_text)}" if r.kr_text else '<i style="color:#666">no key result</i>'
            body.append(f"<tr>{td}{_esc(r.quarter)}</td>{td}<b>O{r.objective}</b> {_esc(_short(r.objective_text, 60))}</td>"
                        f"{td}{kr}</td>{td}{_esc(outcome)}</td>{td}{_esc(r.outcome_note)}</td></tr>")
        head = "".join(f'<th style="text-align:left;padding:3px 8px">{h}</th>'
                       for h in ("Quarter", "Objective", "Key result", "Outcome", "Note"))
        out += (f'<table class="wb-table wb-year" style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table>")
    return out


def year_outcomes_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """Key results per quarter of the year (rows Q1..Q4) by outcome (columns, 'open' when not recorded)."""
    import pandas as pd

    krs = store.okrs_frame(person_id)
    cols = [*OUTCOME_LABELS, "open"]
    frame = pd.DataFrame(0, index=pd.Index(_year_quarters(year), name="quarter"), columns=cols)
    for r in krs.itertuples():
        if r.quarter in frame.index and r.kr_id == r.kr_id and r.kr_id is not None:
            frame.loc[r.quarter, r.outcome if isinstance(r.outcome, str) and r.outcome else "open"] += 1
    return frame


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


def _year_outcomes_png(store: Store, person_id: str, year: int) -> bytes:
    import io

    fig = plot_year_outcomes(year_outcomes_frame(store, person_id, year), f"How the key results of {year} ended")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")  # no pyplot: the same in a kernel and tests
    fig.clear()
    return buf.getvalue()


def show_year_outcomes(store: Store, person_id: str, year: int, form: Form | None = None) -> None:
    """Display the year's outcomes per quarter as a PNG. With ``form`` (the close form) it is an inline
    image drawn again each time the form saves (see :func:`workbook.pushpull.show_live`)."""
    from IPython.display import Image, display

    if form is not None:
        import base64

        from .pushpull import show_live

        def render() -> str:
            data = base64.b64encode(_year_outcomes_png(store, person_id, year)).decode("ascii")
            return (f'<img src="data:image/png;base64,{data}" alt="How the key results of {year} ended" '
                    'style="max-width:100%">')

        show_live(render, form)
        return
    display(Image(data=_year_outcomes_png(store, person_id, year), format="png"))


def show_year_review(store: Store, person_id: str, year: int, form: Form | None = None) -> None:
    """Display :func:`year_review_html`, shown again, fresh, each time ``form`` (the close form) saves."""
    from .pushpull import show_live

    show_live(lambda: year_review_html(store, person_id, year), form)


# -- repeat and restart ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestartStep:
    """One step of the restart checklist: ``done`` steps are ticked, ``todo`` steps say what to do."""

    stage: int
    title: str
    state: Literal["done", "todo"]
    detail: str

    @property
    def notebook(self) -> str:
        return _STAGE_NOTEBOOKS[self.stage]


def restart_steps(store: Store, person_id: str, quarter: str, as_of: dt.date) -> list[RestartStep]:
    """What closes this turn of the cycle and starts the next: outcomes, next quarter's OKRs, the
    check-in rhythm, next year's goals (when the next quarter starts a new year, or they already exist)
    and the push and pull. Raises NotFound for an unknown person."""
    q = check_quarter(quarter)
    person = store.person(person_id)
    first = person.name.split()[0]
    nxt = next_quarter(q)
    items = close_items(store, person_id, q)
    steps: list[RestartStep] = []

    open_items = [it for it in items if not it.outcome]
    if not items:
        steps.append(RestartStep(5, f"Close {q}", "done", f"{q} had no key results to close."))
    elif open_items:
        steps.append(RestartStep(5, f"Close {q}", "todo",
                                 f"{len(open_items)} of {len(items)} key results still need an outcome and a note."))
    else:
        steps.append(RestartStep(5, f"Close {q}", "done", f"All {len(items)} key results have an outcome."))

    nxt_okrs = store.okrs(person_id, nxt)
    if nxt_okrs is not None and nxt_okrs.objectives:
        n_krs = sum(len(o.key_results) for o in nxt_okrs.objectives)
        undated = sum(1 for o in nxt_okrs.objectives for k in o.key_results if k.target_date is None)
        detail = f"{len(nxt_okrs.objectives)} objective(s), {n_krs} key result(s)"
        detail += f"; {undated} without a target date yet." if undated else "."
        steps.append(RestartStep(3, f"Set {nxt} OKRs", "todo" if undated else "done", detail))
    else:
        carried = sum(1 for it in items if it.outcome == "carried_over")
        how = (f"'Save and start {nxt}' drafts them from the {carried} carried-over key result(s); then agree"
               if carried else "Agree")
        if nxt[:4] != q[:4]:
            how = f"Once the {nxt[:4]} goals are agreed: " + how[0].lower() + how[1:]
        steps.append(RestartStep(3, f"Set {nxt} OKRs", "todo",
                                 f"No OKRs yet. {how} at most two objectives with one or two specific, "
                                 "measurable key results each, inside current work, with the support they need."))

    last = store.last_check_in(person_id)
    start_next = quarter_bounds(nxt)[0]
    if last is None:
        steps.append(RestartStep(4, "Keep the bi-weekly check-ins", "todo",
                                 f"No check-in recorded yet. Put a 2-3 minute OKR pass in every other 1:1 from "
                                 f"{start_next:%d %b %Y}."))
    else:
        due = last.date + dt.timedelta(days=CHECK_IN_EVERY_DAYS)
        late = (as_of - last.date).days > CHECK_IN_EVERY_DAYS
        if late:
            detail = (f"Last check-in {last.date:%d %b %Y}, {(as_of - last.date).days // 7} weeks ago: overdue. "
                      "The rhythm is every two weeks; pick it up in your next 1:1")
        else:
            detail = f"Last check-in {last.date:%d %b %Y}; next one due around {due:%d %b %Y}"
        steps.append(RestartStep(4, "Keep the bi-weekly check-ins", "todo" if late else "done",
                                 f"{detail}. The first one in {nxt} is a quick pass over the new OKRs."))

    next_year = int(q[:4]) + 1
    if nxt[:4] != q[:4] or store.plan(person_id, next_year) is not None:
        plan = store.plan(person_id, next_year)
        if plan is None or not plan.goals:
            steps.append(RestartStep(2, f"Growth goals for {next_year}", "todo",
                                     f"Ask {first} to draft up to three growth goals for {next_year} once the annual "
                                     "review feedback has landed: their draft, their ownership. Then give feedback and "
                                     "agree the final version in your first career conversation of the year."))
        else:
            state: Literal["done", "todo"] = "done" if plan.status == "agreed" else "todo"
            steps.append(RestartStep(2, f"Growth goals for {next_year}", state,
                                     f"{len(plan.goals)} goal(s), {plan.status.replace('_', ' ')}, drafted by the "
                                     f"{plan.drafted_by}" + ("." if state == "done" else "; agree a final version.")))
    else:
        plan = store.plan(person_id, int(q[:4]))
        n = len(plan.goals) if plan else 0
        steps.append(RestartStep(2, f"Check the {q[:4]} goals still fit", "done" if n else "todo",
                                 f"{n} growth goal(s) for {q[:4]}; the year review above shows what served each. "
                                 "Next year's goals are drafted by the report after the annual review."
                                 if n else f"No growth goals for {q[:4]} yet: ask {first} to draft them (stage 2)."))

    last_frame = store.last_conversation_frame(as_of)
    row = last_frame[last_frame["person_id"] == person_id]
    last_day = to_date(row["last_conversation"].iloc[0]) if len(row) and row["last_conversation"].iloc[0] else None
    if last_day is None:
        steps.append(RestartStep(1, "Keep pushing and pulling", "todo",
                                 "No career conversation logged yet: note what you pull and push, planned or not."))
    else:
        weeks = (as_of - last_day).days // 7
        quiet = weeks >= store.limits().quiet_weeks
        steps.append(RestartStep(1, "Keep pushing and pulling", "todo" if quiet else "done",
                                 f"Last career conversation logged {last_day:%d %b %Y} ({weeks} week(s) ago)."
                                 + (" Find a moment soon: a water-cooler chat counts." if quiet else "")))
    # The cycle's order: close, (re)check the goals, then next quarter's OKRs, check-ins, push and pull.
    rank = {5: 0, 2: 1, 3: 2, 4: 3, 1: 4}
    return sorted(steps, key=lambda st: rank[st.stage])


def restart_html(store: Store, person_id: str, quarter: str, as_of: dt.date) -> str:
    """The restart checklist as markup: ticked steps and what to do next, with the stage notebook to open."""
    steps = restart_steps(store, person_id, quarter, as_of)
    items = []
    for i, s in enumerate(steps, 1):
        mark = ('<span style="color:#1b6e20">✔</span>' if s.state == "done"
                else '<span style="color:#8a5a00">☐</span>')
        where = "this notebook" if s.stage == 5 else f"stage {s.stage}: {s.notebook}"
        items.append(f'<li style="margin:4px 0;list-style:none">{mark} {i}. <b>{_esc(s.title)}</b> '
                     f'<small style="color:#666">({_esc(where)})</small><br>'
                     f'<span style="margin-left:2.2em;display:inline-block">{_esc(s.detail)}</span></li>')
    todo = sum(1 for s in steps if s.state == "todo")
    lead = ("Everything for the next turn of the cycle is in place." if not todo
            else f"{todo} thing(s) to do before the next turn of the cycle is under way.")
    return (f'<p style="margin:0 0 4px">{_esc(lead)}</p>'
            f'<ul style="margin:0;padding:0">{"".join(items)}</ul>'
            '<p style="color:#555;margin:8px 0 0"><i>“There\'s no shortcut to career growth. The quickest way to '
            "achieve it is by starting today and continually repeating this process.”</i></p>")


def show_restart(store: Store, person_id: str, quarter: str, as_of: dt.date, form: Form | None = None) -> None:
    """Display :func:`restart_html`, shown again, fresh, each time ``form`` (the close form) saves: "Save and
    start next quarter" ticks the step of next quarter's OKRs."""
    from .pushpull import show_live

    show_live(lambda: restart_html(store, person_id, quarter, as_of), form)
