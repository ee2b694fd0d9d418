"""Stage 4 as markup and a chart: the last check-in carried forward, the quarter so far, the status heatmap."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core.dates import check_quarter, past_due, quarter_of, to_date
from ..core.labels import STATUS_LABELS
from ..stages.checkin import (
    action_owners,
    check_in_history_frame,
    kr_status_timeline_frame,
    overdue_support_frame,
)
from .charts import NO_STATUS_COLOR, STATUS_COLORS, figure_png, plain, without_math
from .html import escape, heading_html, table_html

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from ..stages.checkin import CarriedForward
    from ..store import Store

__all__ = ["carried_forward_html", "check_in_report_html", "plot_kr_status_timeline", "kr_status_timeline_html", "no_statuses_html", "timeline_png"]


def carried_forward_html(cf: CarriedForward) -> str:
    """The last check-in as markup (date, mode, KR statuses and notes, obstacles, trial runs); escaped."""
    last = cf.last
    today = ""
    if cf.same_day:  # already recorded today: saving the form again records a second one
        said = " and ".join(("a status pass" if c.mode == "status" else "an unblocking conversation")
                            for c in cf.same_day)
        today = (f'<p style="color:#8a5a00;margin:2px 0;line-height:1.4">Already recorded on '
                 f"{escape(cf.as_of.isoformat())}: {escape(said)}. To change it, use <b>Edit</b> under the form; "
                 f"<b>Save check-in</b> records another.</p>")
    if last is None:
        if cf.same_day:
            return today + ('<p style="color:#555;line-height:1.4"><i>No check-in before it: it is the first '
                            "one.</i></p>")
        # with no key results the form says to set them first: nothing here asks for a status pass on none
        start = (": a quick status pass on each key result is a good start" if cf.key_results else "")
        return f'<p style="color:#555;line-height:1.4"><i>No check-in yet. This is the first one{start}.</i></p>'
    days = (cf.as_of - last.date).days
    weeks = days / 7
    mode = "status pass (2-3 min)" if last.mode == "status" else "unblocking conversation (10-15 min)"
    gap = f"{days} day{'s' if days != 1 else ''} ago" if days < 14 else f"{weeks:.0f} weeks ago"
    other = quarter_of(last.date) != cf.quarter
    where = f", in {quarter_of(last.date)}: last quarter's key results" if other else ""
    parts = [today, f'<p style="margin:2px 0;line-height:1.4"><b>Last check-in:</b> {escape(last.date.isoformat())} ({escape(gap)}{escape(where)}), '
             f"{escape(mode)}</p>"]
    if weeks > 3:
        parts.append(f'<p style="color:#8a5a00;margin:2px 0;line-height:1.4">⚠ {weeks:.0f} weeks since the last check-in; the '
                     "practice is every two weeks.</p>")
    if last.summary:
        parts.append(f'<p style="margin:2px 0;line-height:1.4"><b>Summary:</b> {escape(last.summary)}</p>')
    parts.append(table_html(cf.kr_statuses, {"key_result": "key result", "status": "status", "note": "note"},
                            empty="no key result statuses recorded"))
    if last.obstacles:
        items = "".join(f"<li>{('<b>' + escape(o.kind) + ':</b> ') if o.kind else ''}{escape(o.text)}</li>"
                        for o in last.obstacles)
        parts.append(f'<p style="margin:6px 0 0;line-height:1.4"><b>Obstacles discussed</b></p><ul style="margin:2px 0;line-height:1.4">{items}</ul>')
    if last.trial_runs:
        items = "".join(
            f"<li>{escape(t.text)} <i>({escape(t.status)}"
            f"{', follow up ' + escape(t.follow_up_on.isoformat()) if t.follow_up_on else ''})</i>"
            f"{(' — debrief: ' + escape(t.debrief)) if t.debrief else ''}</li>" for t in last.trial_runs)
        parts.append(f'<p style="margin:6px 0 0;line-height:1.4"><b>Trial runs agreed</b></p><ul style="margin:2px 0;line-height:1.4">{items}</ul>')
    return "".join(parts)


def check_in_report_html(store: Store, person_id: str, quarter: str, as_of: dt.date) -> str:
    """The quarter's check-ins as a table, then what is still open: actions (overdue flagged) and support
    to chase. Readable in an exported document, where the form's widgets do not show."""
    q = check_quarter(quarter)
    parts = [heading_html(f"Check-ins in {q}"),
             table_html(check_in_history_frame(store, person_id, q),
                    {"date": "date", "mode": "mode", "statuses": "key results", "obstacles": "obstacles",
                     "trial_runs": "trial runs", "actions": "new actions", "summary": "summary"},
                    empty=f"no check-ins in {q} yet")]
    actions = store.actions_frame(person_id, open_only=True)
    if len(actions):
        actions = actions.assign(owner=action_owners(store, person_id, actions["owner"]),
                                 due=[d.isoformat() if d else "" for d in map(to_date, actions["due"])],
                                 late=["overdue" if past_due(d, as_of) else "" for d in actions["due"]])
    parts.append(heading_html(f"Open actions on {as_of.isoformat()}"))
    parts.append(table_html(actions, {"text": "action", "owner": "owner", "due": "due", "late": ""} if len(actions) else None,
                        empty="no open actions"))
    support = overdue_support_frame(store, person_id, q, as_of)
    parts.append(heading_html("Support to chase"))
    parts.append(table_html(support, {"key_result": "key result", "who": "who", "what": "what", "reason": "why flagged"}
                        if len(support) else None, empty="no support commitment is late"))
    return "".join(parts)


@without_math
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
    cmap = ListedColormap([NO_STATUS_COLOR, *STATUS_COLORS.values()])
    ax.imshow(codes, cmap=cmap, vmin=0, vmax=len(order) - 1, aspect="auto")
    for i, row in enumerate(frame.to_numpy().tolist()):
        for j, v in enumerate(row):
            ax.text(j, i, STATUS_LABELS.get(v, "·"), ha="center", va="center", fontsize=8, color="#222")
    ax.set_xticks(range(len(frame.columns)), [d.strftime("%b %d") if hasattr(d, "strftime") else str(d)
                                               for d in frame.columns], fontsize=8)
    ax.set_yticks(range(len(frame.index)), [plain(label) for label in frame.index], fontsize=8)
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


def no_statuses_html(quarter: str) -> str:
    return (f'<p style="color:#666"><i>No key result statuses in {escape(check_quarter(quarter))} yet: '
            "the chart fills in with each check-in.</i></p>")


def timeline_png(frame: pd.DataFrame, quarter: str) -> bytes:
    fig = plot_kr_status_timeline(frame, f"Key result status at each check-in, {check_quarter(quarter)}")
    return figure_png(fig, dpi=110, tight=True)


def kr_status_timeline_html(store: Store, person_id: str, quarter: str) -> str:
    """The KR status heatmap as an inline ``data:`` PNG image, or a sentence when there are no statuses yet."""
    import base64

    frame = kr_status_timeline_frame(store, person_id, quarter)
    if not len(frame.index) or not len(frame.columns):
        return no_statuses_html(quarter)
    data = base64.b64encode(timeline_png(frame, quarter)).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="Key result status at each check-in, '
            f'{escape(check_quarter(quarter))}" style="max-width:100%">')
