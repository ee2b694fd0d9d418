"""The quarterly and bi-weekly cadence: OKR context, carried-forward check-in context, overdue support, KR timelines.

Everything the stage 3 (quarterly OKRs) and stage 4 (bi-weekly check-in) notebooks show is computed
here from the store, as DataFrames or as markup in which every user-typed string is escaped. Charts
use matplotlib with the Agg-safe API and close their figures after display.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .coaching import check_key_result
from .model import CheckIn, check_quarter, quarter_bounds, quarter_of, to_date
from .notebook import table_html

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from .forms.base import Form
    from .store import Store

__all__ = [
    "STATUS_COLORS",
    "STATUS_LABELS",
    "SUPPORT_STALE_DAYS",
    "TABLE_KR_WIDTH",
    "CarriedForward",
    "previous_quarter",
    "kr_label",
    "year_goals_frame",
    "last_quarter_outcomes_frame",
    "carry_overs_frame",
    "prework_frame",
    "okrs_report_frame",
    "okr_context_html",
    "okrs_report_html",
    "show_okrs_report",
    "carried_forward",
    "carried_forward_html",
    "overdue_support_frame",
    "check_in_history_frame",
    "check_in_report_html",
    "show_check_in_report",
    "kr_status_timeline_frame",
    "plot_kr_status_timeline",
    "kr_status_timeline_html",
    "show_kr_status_timeline",
]

# A request still "requested" this long after the quarter started has waited too long for a "yes".
SUPPORT_STALE_DAYS = 14

STATUS_LABELS = {"on_track": "on track", "at_risk": "at risk", "blocked": "blocked", "done": "done"}
# Colour-blind-safe-ish and readable in print; every cell also carries its label as text.
STATUS_COLORS = {"on_track": "#7fbf7b", "at_risk": "#f6c85f", "blocked": "#e06666", "done": "#6fa8dc"}
_NO_STATUS_COLOR = "#f2f2f2"
_OUTCOME_LABELS = {"met": "met", "partly_met": "partly met", "not_met": "not met", "carried_over": "carried over",
                   "dropped": "dropped"}


def _esc(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _heading(title: str, note: str = "") -> str:
    out = f'<h4 style="margin:12px 0 4px">{_esc(title)}</h4>'
    if note:
        out += f'<p style="color:#555;margin:0 0 6px">{_esc(note)}</p>'
    return out


def _table(frame: Any, columns: dict[str, str] | None = None, empty: str = "nothing yet") -> str:
    return table_html(frame, columns, empty)


def _short(text: Any, width: int = 60) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def previous_quarter(quarter: str) -> str:
    """The quarter before ``quarter``: 2027Q1 -> 2026Q4. Raises ValueError for a malformed quarter."""
    q = check_quarter(quarter)
    year, n = int(q[:4]), int(q[5])
    return f"{year - 1}Q4" if n == 1 else f"{year}Q{n - 1}"


# Tables wrap, so a key result in a table keeps its text up to its deadline (which usually comes last);
# only chart axes need the short default of kr_label.
TABLE_KR_WIDTH = 200


def kr_label(objective: int, key_result: int, text: str = "", width: int = 48) -> str:
    """A short, stable label for a key result: ``O1·KR2 Deliver a presentation…``."""
    head = f"O{int(objective)}·KR{int(key_result)}"
    return f"{head} {_short(text, width)}" if text else head


# -- stage 3: quarterly OKRs ----------------------------------------------------------------------------
def year_goals_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """The year's growth goals, highest priority first: goal (its number, used to link objectives), text,
    priority, plan status."""
    import pandas as pd

    goals = store.goals_frame(person_id, year)
    cols = ["goal", "text", "priority", "status"]
    if goals.empty:
        return pd.DataFrame(columns=cols)
    out = goals.rename(columns={"position": "goal"})[cols].copy()
    out["_p"] = out["priority"].fillna(999)
    out = out.sort_values(["_p", "goal"]).drop(columns="_p")
    out["priority"] = [("" if p != p or p is None else int(p)) for p in out["priority"]]
    return out.reset_index(drop=True)


def last_quarter_outcomes_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """Last quarter's key results with how they ended: objective, key_result, kr_text, outcome (or
    'not recorded'), outcome_note, last_status (from the last check-in), carry_over (bool)."""
    import pandas as pd

    from .reports import latest_kr_status

    prev = previous_quarter(quarter)
    cols = ["quarter", "objective", "key_result", "objective_text", "kr_text", "outcome", "outcome_note",
            "last_status", "carry_over"]
    krs = latest_kr_status(store, person_id, prev)
    if krs.empty:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame({
        "quarter": prev,
        "objective": krs["objective"].astype(int),
        "key_result": krs["key_result"].astype(int),
        "objective_text": krs["objective_text"],
        "kr_text": krs["kr_text"],
        "outcome": [_OUTCOME_LABELS.get(o, "not recorded") if isinstance(o, str) else "not recorded"
                    for o in krs["outcome"]],
        "outcome_note": krs["outcome_note"].fillna(""),
        "last_status": [STATUS_LABELS.get(s, "no check-in") for s in krs["status"]],
        "carry_over": [o == "carried_over" for o in krs["outcome"]],
    })
    return out[cols].reset_index(drop=True)


def carry_overs_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """Last quarter's key results marked 'carried over' (candidates for this quarter's OKRs)."""
    frame = last_quarter_outcomes_frame(store, person_id, quarter)
    return frame[frame["carry_over"].astype(bool)].reset_index(drop=True)


def prework_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """Per objective: the report's understanding and the manager's supplement, side by side."""
    import pandas as pd

    okrs = store.okrs(person_id, quarter)
    rows = [{"objective": f"O{i} {o.text}", "understanding": o.understanding or "—",
             "supplement": o.supplement or "—"}
            for i, o in enumerate(okrs.objectives if okrs else [], 1)]
    return pd.DataFrame(rows, columns=["objective", "understanding", "supplement"])


def _support_text(s: Any) -> str:
    due = f", due {s.due.isoformat()}" if s.due else ""
    return f"{s.who}: {s.what} ({s.status}{due})"


def okrs_report_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """The saved OKRs, one row per key result: objective, goal, aligned_work, key_result, target_date,
    measurable ('yes'/'not yet'), why (the checker's reasons), support (who: what (status, due))."""
    import pandas as pd

    cols = ["objective", "goal", "aligned_work", "key_result", "target_date", "measurable", "why", "support"]
    okrs = store.okrs(person_id, quarter)
    if okrs is None:
        return pd.DataFrame(columns=cols)
    plan = store.plan(person_id, int(okrs.quarter[:4]))
    goals = {g.position: g.text for g in plan.goals} if plan else {}
    rows = []
    for i, obj in enumerate(okrs.objectives, 1):
        goal = f"{obj.goal}. {_short(goals.get(obj.goal, ''), 50)}" if obj.goal else "—"
        base = {"objective": f"O{i} {obj.text}", "goal": goal, "aligned_work": obj.aligned_work}
        if not obj.key_results:
            rows.append({**base, "key_result": "(no key result yet)", "target_date": "", "measurable": "",
                         "why": "", "support": ""})
        for j, kr in enumerate(obj.key_results, 1):
            verdict = check_key_result(kr.text)
            rows.append({**base, "key_result": f"KR{j} {kr.text}",
                         "target_date": kr.target_date.isoformat() if kr.target_date else "",
                         "measurable": "yes" if verdict.measurable else "not yet",
                         "why": "; ".join(verdict.reasons),
                         "support": "\n".join(_support_text(s) for s in kr.support) or "—"})
    return pd.DataFrame(rows, columns=cols)


def okr_context_html(store: Store, person_id: str, quarter: str) -> str:
    """What to have in front of you before setting a quarter's OKRs: the year's agreed goals with their
    priorities, last quarter's outcomes, and what was carried over. Every user string is escaped."""
    q = check_quarter(quarter)
    year = int(q[:4])
    plan = store.plan(person_id, year)
    goals = year_goals_frame(store, person_id, year)
    status = f"plan status: {plan.status.replace('_', ' ')}" if plan else ""
    person = store.person(person_id)
    parts = [f'<h3 style="margin:6px 0 2px">{_esc(person.name)}: quarterly OKRs for {_esc(q)}</h3>',
             _heading(f"Growth goals for {year}", (status + "; " if status else "")
                      + "each objective below should serve one of these." if len(goals) else status),
             _table(goals, {"goal": "#", "text": "goal", "priority": "priority"},
                        empty=f"no growth goals for {year} yet: agree them first (stage 2)")]
    prev = previous_quarter(q)
    outcomes = last_quarter_outcomes_frame(store, person_id, q)
    parts.append(_heading(f"Last quarter ({prev}): how the key results ended"))
    parts.append(_table(outcomes, {"objective_text": "objective", "kr_text": "key result", "outcome": "outcome",
                                       "outcome_note": "note", "last_status": "last check-in status"},
                            empty=f"no OKRs in {prev}"))
    carried = outcomes[outcomes["carry_over"].astype(bool)] if len(outcomes) else outcomes
    if len(carried):
        items = "".join(f"<li>{_esc(t)}</li>" for t in carried["kr_text"])
        parts.append(_heading("Carried over into this quarter", "decide whether each one still matters, "
                              "and if so put it in an objective below")
                     + f'<ul class="wb-carry-overs">{items}</ul>')
    return "".join(parts)


def okrs_report_html(store: Store, person_id: str, quarter: str) -> str:
    """The saved OKRs as a readable table (with measurability verdicts), the pre-work side by side,
    and the support list."""
    q = check_quarter(quarter)
    report = okrs_report_frame(store, person_id, q)
    parts = [_heading(f"OKRs for {q} as saved"),
             _table(report, {"objective": "objective", "goal": "growth goal", "key_result": "key result",
                                 "target_date": "target", "measurable": "measurable?", "why": "why",
                                 "aligned_work": "aligned current work"},
                        empty=f"no OKRs saved for {q} yet")]
    prework = prework_frame(store, person_id, q)
    if len(prework):
        parts.append(_heading("Pre-work: what achieving each objective means",
                              "the report's understanding first, then the manager's supplement"))
        parts.append(_table(prework, {"objective": "objective", "understanding": "report's understanding",
                                          "supplement": "manager's supplement"}))
    support = store.support_frame(person_id, q)
    parts.append(_heading("Support needed", "commitments to follow up in the bi-weekly check-ins"))
    if len(support):
        support = support.assign(kr=[kr_label(o, k, t, TABLE_KR_WIDTH) for o, k, t in
                                     zip(support["objective"], support["key_result"], support["kr_text"], strict=True)])
    parts.append(_table(support, {"kr": "key result", "who": "who", "what": "what", "status": "status",
                                      "due": "due"} if len(support) else None,
                            empty="no support listed; is there a review or feedback someone should give?"))
    return "".join(parts)


def show_okrs_report(store: Store, person_id: str, quarter: str, form: Form | None = None) -> None:
    """Display :func:`okrs_report_html`, shown again, fresh, each time ``form`` (the OKR form) saves."""
    from .pushpull import show_live

    show_live(lambda: okrs_report_html(store, person_id, quarter), form)


# -- stage 4: bi-weekly check-in ---------------------------------------------------------------------------
@dataclass
class CarriedForward:
    """What the last check-in left open: its statuses, obstacles and trial runs, and the open actions."""

    last: CheckIn | None
    kr_statuses: pd.DataFrame
    open_actions: pd.DataFrame
    trial_runs_to_debrief: pd.DataFrame
    as_of: dt.date
    quarter: str = ""


def carried_forward(store: Store, person_id: str, quarter: str, as_of: dt.date) -> CarriedForward:
    """The last check-in before ``as_of`` (any quarter), its KR statuses with their key results' text,
    the person's open actions (overdue first) and the trial runs not yet debriefed."""
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
        actions["overdue"] = [bool(d is not None and d < as_of) for d in map(to_date, actions["due"])]
    else:
        actions = pd.DataFrame(columns=[*actions.columns, "overdue"])
    trials = store.trial_runs_frame(person_id)
    trials = trials[trials["status"] != "debriefed"].reset_index(drop=True) if len(trials) else trials
    return CarriedForward(last=last, kr_statuses=statuses.reset_index(drop=True), open_actions=actions.reset_index(drop=True),
                          trial_runs_to_debrief=trials, as_of=as_of, quarter=check_quarter(quarter))


def carried_forward_html(cf: CarriedForward) -> str:
    """The last check-in as markup (date, mode, KR statuses and notes, obstacles, trial runs); escaped."""
    last = cf.last
    if last is None:
        return ('<p style="color:#555;line-height:1.4"><i>No check-in yet. This is the first one: a quick status pass on each '
                'key result is a good start.</i></p>')
    days = (cf.as_of - last.date).days
    weeks = days / 7
    mode = "status pass (2-3 min)" if last.mode == "status" else "unblocking conversation (10-15 min)"
    gap = f"{days} day{'s' if days != 1 else ''} ago" if days < 14 else f"{weeks:.0f} weeks ago"
    other = quarter_of(last.date) != cf.quarter
    where = f", in {quarter_of(last.date)}: last quarter's key results" if other else ""
    parts = [f'<p style="margin:2px 0;line-height:1.4"><b>Last check-in:</b> {_esc(last.date.isoformat())} ({_esc(gap)}{_esc(where)}), '
             f"{_esc(mode)}</p>"]
    if weeks > 3:
        parts.append(f'<p style="color:#8a5a00;margin:2px 0;line-height:1.4">⚠ {weeks:.0f} weeks since the last check-in; the '
                     "practice is every two weeks.</p>")
    if last.summary:
        parts.append(f'<p style="margin:2px 0;line-height:1.4"><b>Summary:</b> {_esc(last.summary)}</p>')
    parts.append(_table(cf.kr_statuses, {"key_result": "key result", "status": "status", "note": "note"},
                            empty="no key result statuses recorded"))
    if last.obstacles:
        items = "".join(f"<li>{('<b>' + _esc(o.kind) + ':</b> ') if o.kind else ''}{_esc(o.text)}</li>"
                        for o in last.obstacles)
        parts.append(f'<p style="margin:6px 0 0;line-height:1.4"><b>Obstacles discussed</b></p><ul style="margin:2px 0;line-height:1.4">{items}</ul>')
    if last.trial_runs:
        items = "".join(
            f"<li>{_esc(t.text)} <i>({_esc(t.status)}"
            f"{', follow up ' + _esc(t.follow_up_on.isoformat()) if t.follow_up_on else ''})</i>"
            f"{(' — debrief: ' + _esc(t.debrief)) if t.debrief else ''}</li>" for t in last.trial_runs)
        parts.append(f'<p style="margin:6px 0 0;line-height:1.4"><b>Trial runs agreed</b></p><ul style="margin:2px 0;line-height:1.4">{items}</ul>')
    return "".join(parts)


def overdue_support_frame(store: Store, person_id: str, quarter: str, as_of: dt.date,
                          stale_days: int = SUPPORT_STALE_DAYS) -> pd.DataFrame:
    """Support commitments of the quarter's key results that need chasing: past their due date and not
    done (or dropped), or still only 'requested' more than ``stale_days`` into the quarter. Support has
    no request date of its own; it is listed when the OKRs are set, at the start of the quarter.
    Columns: support_id, key_result (label), who, what, status, due, reason."""
    import pandas as pd

    cols = ["support_id", "key_result", "who", "what", "status", "due", "reason"]
    q = check_quarter(quarter)
    support = store.support_frame(person_id, q)
    start, _end = quarter_bounds(q)
    waited = (as_of - start).days
    rows = []
    for s in support.itertuples():
        if s.status in ("done", "dropped"):
            continue
        due = to_date(s.due)
        reason = ""
        if due is not None and due < as_of:
            reason = f"due {due.isoformat()}, {(as_of - due).days} days ago, still {s.status}"
        elif s.status == "requested" and waited > stale_days:
            reason = f"requested {waited} days ago (start of {q}) and nobody has committed yet"
        if reason:
            rows.append({"support_id": int(s.support_id), "key_result": kr_label(s.objective, s.key_result, s.kr_text, TABLE_KR_WIDTH),
                         "who": s.who, "what": s.what, "status": s.status,
                         "due": due.isoformat() if due else "", "reason": reason})
    return pd.DataFrame(rows, columns=cols)


def check_in_history_frame(store: Store, person_id: str, quarter: str) -> pd.DataFrame:
    """The quarter's check-ins: date, mode, statuses (counts), obstacles, trial_runs, actions, summary."""
    import pandas as pd

    rows = []
    for c in store.check_ins(person_id, quarter):
        counts: dict[str, int] = {}
        for s in c.key_results:
            counts[s.status] = counts.get(s.status, 0) + 1
        rows.append({"date": c.date.isoformat(), "mode": c.mode,
                     "statuses": ", ".join(f"{n} {STATUS_LABELS[k]}" for k, n in sorted(counts.items(),
                                           key=lambda kv: list(STATUS_LABELS).index(kv[0]))) or "—",
                     "obstacles": len(c.obstacles), "trial_runs": len(c.trial_runs), "actions": len(c.actions),
                     "summary": c.summary})
    return pd.DataFrame(rows, columns=["date", "mode", "statuses", "obstacles", "trial_runs", "actions", "summary"])


def check_in_report_html(store: Store, person_id: str, quarter: str, as_of: dt.date) -> str:
    """The quarter's check-ins as a table, then what is still open: actions (overdue flagged) and support
    to chase. Readable in an exported document, where the form's widgets do not show."""
    q = check_quarter(quarter)
    parts = [_heading(f"Check-ins in {q}"),
             _table(check_in_history_frame(store, person_id, q),
                    {"date": "date", "mode": "mode", "statuses": "key results", "obstacles": "obstacles",
                     "trial_runs": "trial runs", "actions": "new actions", "summary": "summary"},
                    empty=f"no check-ins in {q} yet")]
    actions = store.actions_frame(person_id, open_only=True)
    if len(actions):
        actions = actions.assign(due=[d.isoformat() if d else "" for d in map(to_date, actions["due"])],
                                 late=["overdue" if d is not None and d < as_of else "" for d in map(to_date, actions["due"])])
    parts.append(_heading(f"Open actions on {as_of.isoformat()}"))
    parts.append(_table(actions, {"text": "action", "owner": "owner", "due": "due", "late": ""} if len(actions) else None,
                        empty="no open actions"))
    support = overdue_support_frame(store, person_id, q, as_of)
    parts.append(_heading("Support to chase"))
    parts.append(_table(support, {"key_result": "key result", "who": "who", "what": "what", "reason": "why flagged"}
                        if len(support) else None, empty="no support commitment is late"))
    return "".join(parts)


def show_check_in_report(store: Store, person_id: str, quarter: str, as_of: dt.date, form: Form | None = None) -> None:
    """Display :func:`check_in_report_html`, shown again, fresh, each time ``form`` (the check-in form) saves."""
    from .pushpull import show_live

    show_live(lambda: check_in_report_html(store, person_id, quarter, as_of), form)


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


def plot_kr_status_timeline(frame: pd.DataFrame, title: str = "") -> Figure:
    """A heatmap of key results x check-in dates, coloured by status with the status written in each cell."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    order = ["", *STATUS_COLORS]
    codes = [[order.index(v) if v in order else 0 for v in row] for row in frame.to_numpy().tolist()]
    n_rows, n_cols = max(len(frame.index), 1), max(len(frame.columns), 1)
    fig = Figure(figsize=(min(2.2 + 1.1 * n_cols + 3.2, 14), 0.9 + 0.55 * n_rows))
    ax = fig.add_subplot()
    if not len(frame.index) or not len(frame.columns):
        ax.axis("off")
        ax.text(0.5, 0.5, "no check-ins with key result statuses yet", ha="center", va="center", color="#666")
        return fig
    cmap = ListedColormap([_NO_STATUS_COLOR, *STATUS_COLORS.values()])
    ax.imshow(codes, cmap=cmap, vmin=0, vmax=len(order) - 1, aspect="auto")
    for i, row in enumerate(frame.to_numpy().tolist()):
        for j, v in enumerate(row):
            ax.text(j, i, STATUS_LABELS.get(v, "·"), ha="center", va="center", fontsize=8, color="#222")
    ax.set_xticks(range(len(frame.columns)), [d.strftime("%b %d") if hasattr(d, "strftime") else str(d)
                                               for d in frame.columns], fontsize=8)
    ax.set_yticks(range(len(frame.index)), list(frame.index), fontsize=8)
    ax.set_xticks([x - 0.5 for x in range(1, len(frame.columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(frame.index))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("check-in")
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    ax.legend(handles=[Patch(color=c, label=STATUS_LABELS[s]) for s, c in STATUS_COLORS.items()],
              loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def _no_statuses_html(quarter: str) -> str:
    return (f'<p style="color:#666"><i>No key result statuses in {_esc(check_quarter(quarter))} yet: '
            "the chart fills in with each check-in.</i></p>")


def _timeline_png(frame: pd.DataFrame, quarter: str) -> bytes:
    import io

    fig = plot_kr_status_timeline(frame, f"Key result status at each check-in, {check_quarter(quarter)}")
    buf = io.BytesIO()
    # Rendered to PNG here (no pyplot, no backend state): works the same in a kernel, papermill and tests.
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    fig.clear()
    return buf.getvalue()


def kr_status_timeline_html(store: Store, person_id: str, quarter: str) -> str:
    """The KR status heatmap as an inline ``data:`` PNG image, or a sentence when there are no statuses yet."""
    import base64

    frame = kr_status_timeline_frame(store, person_id, quarter)
    if not len(frame.index) or not len(frame.columns):
        return _no_statuses_html(quarter)
    data = base64.b64encode(_timeline_png(frame, quarter)).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="Key result status at each check-in, '
            f'{_esc(check_quarter(quarter))}" style="max-width:100%">')


def show_kr_status_timeline(store: Store, person_id: str, quarter: str, form: Form | None = None) -> None:
    """Display the KR status heatmap for the quarter as a PNG. With ``form`` (the check-in form) it is an
    inline image that is drawn again each time the form saves (see :func:`workbook.pushpull.show_live`)."""
    from IPython.display import HTML, Image, display

    if form is not None:
        from .pushpull import show_live

        show_live(lambda: kr_status_timeline_html(store, person_id, quarter), form)
        return
    frame = kr_status_timeline_frame(store, person_id, quarter)
    if not len(frame.index) or not len(frame.columns):
        display(HTML(_no_statuses_html(quarter)))
        return
    display(Image(data=_timeline_png(frame, quarter), format="png"))
