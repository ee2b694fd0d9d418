"""The shareable quarterly summary: its sections (title, goals, OKRs, check-ins, support, shared notes, ladder, next steps).

A summary is handed to the report, so it holds shareable content only: the agreed goals, the quarter's
OKRs with their statuses and outcomes, the check-in trail (dates, key result statuses and their short
notes), support, the notes marked *shared*, what the report told the manager and what the manager passed
on (read through the ``shareable_notes`` view, which cannot return a private note), the next-level ladder coverage and the open next steps. Private notes,
check-in summaries, obstacles and trial runs stay in the manager's notebooks.

Every section is a :class:`Section`: a title, plain-text intro and bullets, a DataFrame and an
optional PNG chart. :meth:`Section.to_html` escapes every string, so user text never becomes markup.
The notebooks ``quarterly_summary.ipynb`` and ``team_overview.ipynb`` only call these functions."""

from __future__ import annotations

import datetime as dt
import hashlib
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..coaching.ladders import fork_sentence, ladder_file_name, person_ladder_file
from ..core import clock
from ..core.dates import check_quarter, quarter_bounds, to_date
from ..core.errors import LadderError
from ..core.frames import keep_rows
from ..core.labels import CHECKIN_MODE_LABELS, OUTCOME_LABELS, STATUS_LABELS, kr_label, owner_label
from ..core.labels import plural as _plural
from ..core.version import __version__
from ..stages.dated import open_actions_by, outcomes_by, recorded_by, statuses_by
from ..stages.people import as_it_was, promotion_history
from ..stages.team import (
    latest_kr_status,
    person_next_level_gaps,
    result_counts,
    result_label,
    untagged_goal_hints,
)
from .charts import (
    COVERED_COLOR,
    GAP_COLOR,
    PENDING_COLOR,
    STATUS_COLORS,
    figure_png,
    plain,
    text_width_em,
    without_math,
)
from .html import cell_text, escape, table_html

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from ..core.model import Person
    from ..store import Store

__all__ = ["CHART_DPI", "Chart", "Section", "show_sections", "file_sha256", "summary_title", "summary_sections", "plot_kr_status", "plot_ladder_coverage", "summary_provenance"]


CHART_DPI = 150


# A4 minus the export's margins is 178 mm (7.0 in); charts are drawn at that width or less so their
# 8-9 pt labels print at 8-9 pt.
_PAGE_WIDTH_IN = 6.9


_CSS_PX_PER_IN = 96


_NOT_STARTED = "not started"


@dataclass
class Chart:
    """A PNG chart: its bytes, the width it is shown at (CSS pixels) and its printed height (inches)."""

    png: bytes
    width: int
    height_in: float
    alt: str = ""

    def img_html(self) -> str:
        import base64

        return (f'<img src="data:image/png;base64,{base64.b64encode(self.png).decode()}" '
                f'alt="{escape(self.alt)}" width="{int(self.width)}">')


# The printable area of an A4 page with the export's margins, in inches (178 x 259 mm).
_PRINT_WIDTH_IN, _PRINT_HEIGHT_IN = 7.0, 10.2
_KEEP_TOGETHER_IN = 8.0  # a section shorter than this is kept on one page with its heading


_LEAD_ROWS = 3  # a longer table keeps this many rows with its heading


@dataclass
class Section:
    """One part of a document. Text fields are plain text (escaped on output), ``table`` a DataFrame
    shown with ``columns`` (column -> header), ``charts`` PNGs shown after the table (or before it
    with ``chart_first``)."""

    key: str
    title: str
    intro: str = ""
    bullets: list[str] = field(default_factory=list)
    table: Any = None
    columns: dict[str, str] | None = None
    empty: str = "Nothing recorded."
    charts: list[Chart] = field(default_factory=list)
    chart_first: bool = False
    level: int = 2

    @property
    def chart(self) -> bytes | None:
        """The first chart's PNG, or None."""
        return self.charts[0].png if self.charts else None

    def to_html(self) -> str:
        """The heading, intro, bullets and table as HTML (no charts); every string escaped."""
        return "\n".join(x for x in (self.head_html(), self.table_html()) if x)

    def head_html(self) -> str:
        """The heading, intro and bullets; every string escaped."""
        parts = [f"<h{self.level}>{escape(self.title)}</h{self.level}>"] if self.title else []
        if self.intro:
            style = ' style="color:#5b636d"' if self.level == 1 else ""
            parts.append(f"<p{style}>{escape(self.intro).replace(chr(10), '<br>')}</p>")
        if self.bullets:
            parts.append("<ul>" + "".join(f"<li>{escape(b)}</li>" for b in self.bullets) + "</ul>")
        return "\n".join(parts)

    def table_html(self, rows: slice = slice(None)) -> str:
        if self.table is None:
            return ""
        return table_html(self.table.iloc[rows] if len(self.table) else self.table, self.columns, self.empty,
                          document=True)

    def block_html(self) -> str:
        """The section for a document: heading, intro, bullets, charts (``data:`` PNGs) and table.

        The export's sanitizer allows no page-break rules of our own, but its print stylesheet keeps
        table rows together (``break-inside: avoid``). So a section that fits on a page sits in a
        one-cell layout table and never loses its heading to the page before; a longer one keeps its
        heading with its leading charts and first rows, and the rest flows on (each chart whole).
        """
        charts = [c.img_html() for c in self.charts]
        if self.height_in() <= _KEEP_TOGETHER_IN:
            parts = [self.head_html(), *(charts if self.chart_first else []), self.table_html(),
                     *([] if self.chart_first else charts)]
            return _keep_together("\n".join(x for x in parts if x))
        lead = [self.head_html()]
        rest: list[str] = []
        if self.chart_first:
            lead.extend(charts[:1])
            rest.extend(charts[1:])
        if self.table is not None and len(self.table) > _LEAD_ROWS + 2:
            lead.append(self.table_html(slice(0, _LEAD_ROWS)))
            rest.append(self.table_html(slice(_LEAD_ROWS, None)))
        elif self.table is not None:
            lead.append(self.table_html())
        if not self.chart_first:
            rest.extend(charts)
        return "\n".join([_keep_together("\n".join(x for x in lead if x)), *rest])

    def height_in(self) -> float:
        """A rough printed height, to decide whether the section can be kept on one page."""
        height = 0.5 if self.title else 0.0
        height += 0.2 * (len(self.intro) // 95 + 1) if self.intro else 0.0
        height += sum(0.2 * (len(b) // 95 + 1) for b in self.bullets)
        if self.table is not None:
            height += 0.3
            for record in self.table.itertuples(index=False):
                lines = max([1, *(len(cell_text(v)) // 45 + 1 + cell_text(v).count("\n") for v in record)])
                height += 0.08 + 0.17 * lines
        return height + sum(c.height_in + 0.2 for c in self.charts)


def _keep_together(inner: str) -> str:
    return ('<table class="wb-section" style="width:100%;border:0;font-size:10.5pt;line-height:1.45">'
            '<tr><td style="border:0;padding:0;background-color:transparent;text-align:left;vertical-align:top">'
            f"{inner}</td></tr></table>")


# A document's tables carry only their class, for the print stylesheet (templates/summary); on screen (the app,
# JupyterLab) the notebook's own CSS right-aligns their cells: this puts them left and top, as the PDF has them
_SCREEN_CSS = "<style>table.wb-table th, table.wb-table td {text-align: left !important; vertical-align: top !important}</style>"


def show_sections(sections: Any, keys: list[str] | None = None) -> None:
    """Display sections in a notebook, each as one block of escaped HTML with its chart inline; None (nothing
    to summarise, already said) shows nothing."""
    from IPython.display import HTML, display

    items = sections.values() if isinstance(sections, dict) else sections or []
    for section in items:
        if keys is None or section.key in keys:
            display(HTML(_SCREEN_CSS + section.block_html()))


def _long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def _first_name(name: str) -> str:
    return name.split()[0] if name.strip() else name


def _width_px(fig: Figure) -> int:
    return round(fig.get_figwidth() * _CSS_PX_PER_IN)


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def summary_title(person: Person, quarter: str) -> str:
    """The document title, e.g. "Quarterly summary: Priya Raman, 2026Q4"."""
    return f"Quarterly summary: {person.name}, {check_quarter(quarter)}"


def summary_sections(store: Store, person: str, quarter: str, as_of: dt.date | str | None = None) -> dict[str, Section]:
    """The sections of one person's shareable quarterly summary, in reading order.

    Keys: title, glance, goals, okrs, check_ins, support, shared, ladder, next_steps. Only shareable
    content is read (no private note, check-in summary, obstacle or trial run). ``as_of`` (default
    today) bounds the check-ins and notes shown and marks overdue items.
    Raises NotFound for an unknown person and LadderError when the person's ladder is unusable.
    """
    q = check_quarter(quarter)
    day = to_date(as_of) or clock.today()
    p = as_it_was(store, store.person(person), min(day, quarter_bounds(q)[1]))
    year = int(q[:4])
    start, end = quarter_bounds(q)
    upto = min(day, end)

    goals = store.goals_frame(p.id, year)
    plan_status = str(goals["status"].iloc[0]).replace("_", " ") if len(goals) else ""
    krs = latest_kr_status(store, p.id, q, upto=upto)  # a check-in after the day is not in the trail below either
    krs = outcomes_by(krs, day)  # nor an outcome recorded after it (the close, days after the quarter's end, is in)
    statuses = recorded_by(store.kr_status_frame(p.id, q), upto)
    check_ins = recorded_by(store.check_ins_frame(p.id, q), upto)
    support = statuses_by(recorded_by(store.support_frame(p.id, q), day, "requested_on"), day)  # as it stood that day
    shared = store.shareable_notes_frame(p.id)
    if len(shared):
        shared = keep_rows(shared, ((d := to_date(v)) is not None and start <= d <= upto for v in shared["date"]))
        shared = shared.sort_values(["date", "id"])
    told = shared[shared["direction"] == "pull"] if len(shared) else shared
    shared = shared[shared["direction"] == "push"] if len(shared) else shared
    actions = open_actions_by(store.actions_frame(p.id), day)  # agreed by the day and open on it
    gaps = person_next_level_gaps(store, p, year, goals)
    hints = untagged_goal_hints(store, p, goals)

    manager = store.manager_label(p)
    sections: dict[str, Section] = {}
    sections["title"] = _title_section(p, q, start, end, day, gaps, store.ladder_folders(), manager,
                                       _promotions(store, p, day))
    sections["glance"] = _glance(p, q, year, goals, plan_status, krs, check_ins, support, actions, gaps, day, hints)
    sections["goals"] = _goals_section(year, goals, plan_status, hints)
    okrs = store.okrs(p.id, q)  # where a key result carried into this quarter came from
    origins = {kr.id: kr.moved_from.label() for obj in (okrs.objectives if okrs else []) for kr in obj.key_results
               if kr.id is not None and kr.moved_from is not None}
    sections["okrs"] = _okrs_section(p, q, krs, statuses, origins)
    sections["check_ins"] = _check_ins_section(q, check_ins, statuses, krs)
    sections["support"] = _support_section(q, support, day)
    sections["told"] = _told_section(p, q, told)
    sections["shared"] = _shared_section(p, q, shared)
    sections["ladder"] = _ladder_section(p, gaps, goals, hints)
    # no manager recorded: said, not "manager"
    sections["next_steps"] = _next_steps_section(actions, p.name, manager or "Their manager", day)
    return sections


def _promotions(store: Store, p: Person, day: dt.date) -> str:
    """The person's level and track changes up to ``day``, newest first, e.g. "level 2 → 3 since 1 Apr 2027"
    (the shareable person history: level, track and ladder are printed in the summary anyway)."""
    changes = [h for h in promotion_history(store, p.id) if h["field"] in ("level", "track")
               and (to_date(h["effective"]) or day) <= day]
    return "; ".join(f"{h['field']} {h['old'] or '(none)'} → {h['new']} on {_long_date(to_date(h['effective']))}"
                     for h in reversed(changes))


def _title_section(p: Person, q: str, start: dt.date, end: dt.date, day: dt.date,
                   gaps: pd.DataFrame | None, folders: list[Path], manager: str = "", promotions: str = "") -> Section:
    role = p.track
    ladder = person_ladder_file(p, folders)[0] if gaps is not None and gaps.attrs.get("level") else None
    if ladder is not None and gaps is not None:
        name = ladder.level_name(gaps.attrs.get("track"), gaps.attrs["level"])
        level = name if name == p.level else f"{name} (level {p.level})"
    else:
        level = f"level {p.level}" if p.level else ""
    lines = [" · ".join(x for x in (role, level, f"manager {manager}" if manager else "") if x),
             f"Promotion history: {promotions}" if promotions else "",
             f"Quarter {q} ({_long_date(start)} to {_long_date(end)}) · as of {_long_date(day)}"]
    return Section("title", summary_title(p, q), level=1, intro="\n".join(x for x in lines if x))


def ladder_like_untagged_clause(n: int) -> str:
    """The end of a ladder-share sentence: "; 1 more reads like a ladder goal but is not tagged yet." for ``n``
    untagged goals that read like the ladder, or "." (the person's summary and the team overview say it alike)."""
    if not n:
        return "."
    return f"; {n} more {'reads like a ladder goal but is' if n == 1 else 'read like ladder goals but are'} not tagged yet."


def _glance(p: Person, q: str, year: int, goals: pd.DataFrame, plan_status: str, krs: pd.DataFrame,
            check_ins: pd.DataFrame, support: pd.DataFrame, actions: pd.DataFrame,
            gaps: pd.DataFrame | None, day: dt.date, hints: list[str]) -> Section:
    bullets = []
    if len(goals):
        tagged = sum(1 for c in goals["competencies"] if len(c))
        untagged = sum(1 for h in hints if h)
        bullets.append(f"Growth plan {year}: {_plural(len(goals), 'goal')} ({plan_status}); "
                       f"{tagged} of {len(goals)} draw on the career ladder"
                       + ladder_like_untagged_clause(untagged))
    else:
        bullets.append(f"No growth goals recorded for {year} yet.")
    if len(krs):
        counts = result_counts(krs)  # as the team overview counts them
        n_obj = krs["objective"].nunique()
        bullets.append(f"OKRs {q}: {_plural(n_obj, 'objective')}, {_plural(len(krs), 'key result')}: "
                       + ", ".join(f"{n} {result_label(k)}" for k, n in counts.items()) + ".")
    else:
        bullets.append(f"No OKRs set for {q}.")
    days = [d for d in (to_date(v) for v in check_ins["date"]) if d is not None]
    last = max(days, default=None)
    bullets.append(f"{_plural(len(check_ins), 'check-in')} this quarter"
                   + (f", the latest on {last.isoformat()}." if last else "."))
    if len(support):
        done = int((support["status"] == "done").sum())
        bullets.append(f"Support: {done} of {len(support)} commitments done.")
    if gaps is not None and len(gaps):
        bullets.append(f"Toward {gaps.attrs.get('next_level_name') or gaps.attrs.get('next_level')}: "
                       f"{int(gaps['covered'].sum())} of {len(gaps)} next-level competencies covered by this year's "
                       + ("agreed goals" + _pending_clause(gaps) + "." if gaps.attrs.get("pending_plan") else "goals."))
    bullets.append(f"{_plural(len(actions), 'agreed next step')} open.")
    return Section("glance", "At a glance", bullets=bullets)


def _goals_section(year: int, goals: pd.DataFrame, plan_status: str, hints: list[str]) -> Section:
    import pandas as pd

    def ladder_cell(tags: list[str], hint: str) -> str:
        if len(tags):
            return "\n".join(tags)
        # An untagged goal is only called personal when nothing on the ladder comes close.
        return f"not tagged yet; closest: {hint}" if hint else "(personal goal, not on the ladder)"

    priorities = [int(p) if p == p and p is not None else None for p in goals["priority"]] if len(goals) else []
    frame = pd.DataFrame({
        "n": [int(x) for x in goals["position"]],
        "priority": [str(p) if p is not None else "" for p in priorities],
        "goal": list(goals["text"]),
        "competencies": [ladder_cell(c, h) for c, h in zip(goals["competencies"], hints, strict=True)],
    }, columns=["n", "priority", "goal", "competencies"])
    columns = {"n": "#", "priority": "Priority", "goal": "Goal", "competencies": "Ladder competencies"}
    if any(p is not None for p in priorities):  # the agreed order: by priority, unprioritised goals after
        frame = frame.iloc[sorted(range(len(frame)), key=lambda i: (priorities[i] is None, priorities[i] or 0, i))]
        frame = frame.reset_index(drop=True)
    else:
        del columns["priority"]
    intro = f"The growth goals we agreed for {year}, in your words, and the career-ladder competencies each builds."
    if plan_status and plan_status != "agreed":
        intro = (f"The growth goals for {year} as they stand; the plan is still {plan_status}, "
                 "so they may change before we agree them.")
    return Section("goals", f"Growth goals {year}", intro=intro, table=frame, columns=columns,
                   empty=f"No growth goals recorded for {year}.")


def _okrs_section(p: Person, q: str, krs: pd.DataFrame, statuses: pd.DataFrame,
                  origins: dict[int, str] | None = None) -> Section:
    import pandas as pd

    rows = []
    for r in krs.itertuples():
        origin = (origins or {}).get(int(r.kr_id))
        if isinstance(r.outcome, str) and r.outcome:
            result = OUTCOME_LABELS.get(r.outcome, r.outcome)
            note = "\n".join(x for x in ("Outcome recorded.", r.outcome_note or "") if x)
        else:
            day = to_date(r.status_date)
            result = STATUS_LABELS.get(str(r.status), _NOT_STARTED)
            note = "\n".join(x for x in (f"Check-in {day.day} {day:%b}." if day else "", r.status_note or "") if x)
        if origin:
            note = "\n".join(x for x in (f"Carried over from {origin}.", note) if x)
        target = to_date(r.target_date)
        rows.append({"objective": f"O{int(r.objective)}. {r.objective_text}",
                     "key_result": f"KR{int(r.key_result)}. {r.kr_text}",
                     "target": target.isoformat() if target else "", "result": result, "note": note})
    frame = pd.DataFrame(rows, columns=["objective", "key_result", "target", "result", "note"])
    # The objective text is shown once, on its first key result.
    objectives = list(frame["objective"])
    frame["objective"] = [o if i == 0 or o != objectives[i - 1] else "" for i, o in enumerate(objectives)]
    section = Section("okrs", f"OKRs {q} and results",
                      intro="Each key result with its outcome at quarter close, or else its latest check-in status.",
                      table=frame, columns={"objective": "Objective", "key_result": "Key result",
                                            "target": "Target", "result": "Status", "note": "Note"},
                      empty=f"No OKRs were set for {q}.")
    return section


def kr_status_timeline_frame_upto(krs: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """Key results (rows, labelled O1·KR1 …) by check-in dates (columns) with the status at each."""
    import pandas as pd

    labels = [kr_label(o, k, t, width=40) for o, k, t in zip(krs["objective"], krs["key_result"], krs["kr_text"], strict=True)]
    dates = sorted({d for d in (to_date(v) for v in statuses["date"]) if d is not None})
    frame = pd.DataFrame("", index=pd.Index(labels, name="key_result"), columns=dates, dtype=object)
    for s in statuses.itertuples():
        frame.loc[kr_label(s.objective, s.key_result, s.kr_text, width=40), to_date(s.date)] = s.status
    return frame


def _chart(fig: Figure, alt: str) -> Chart:
    """Render ``fig`` to a PNG at CHART_DPI, shown at its own size (or scaled down to the page width)."""
    w, h = fig.get_size_inches()
    shown = min(w, _PRINT_WIDTH_IN)
    return Chart(png=figure_png(fig, dpi=CHART_DPI), width=_width_px(fig), height_in=h * shown / w, alt=alt)


def _text_width_in(lines: list[str], fontsize: float) -> float:
    """About how wide the longest line prints, in inches (:func:`text_width_em`: a Chinese character is
    nearly twice a Latin one, and a label measured as Latin ran off the chart's left edge)."""
    longest = max((text_width_em(line) for text in lines for line in str(text).split("\n")), default=0.0)
    return longest * fontsize / 72


def _place_axes(fig: Figure, *, left: float, right: float, top: float, bottom: float) -> None:
    """Fixed margins in inches: constrained layout measures every label and costs ~0.1 s a chart."""
    w, h = fig.get_size_inches()
    fig.subplots_adjust(left=left / w, right=1 - right / w, top=1 - top / h, bottom=bottom / h)


@without_math
def plot_kr_status(frame: pd.DataFrame, title: str = "") -> Figure:
    """Key results x check-in dates, each cell coloured by status and labelled with it (no pyplot)."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    order = ["", *STATUS_COLORS]
    values = frame.to_numpy().tolist()
    codes = [[order.index(v) if v in order else 0 for v in row] for row in values]
    n_rows, n_cols = max(len(frame.index), 1), max(len(frame.columns), 1)
    labels = [textwrap.fill(plain(x), 30) for x in frame.index]
    label_in = _text_width_in(labels, 7.5) + 0.15
    # never narrower than its title and its one-row legend (a quarter with one check-in is one column)
    legend_in = _text_width_in(["  ".join(STATUS_LABELS[s] for s in STATUS_COLORS)], 7.5) + 0.45 * len(STATUS_COLORS)
    title_in = _text_width_in([title], 9) + 0.3 if title else 0.0
    width = min(_PAGE_WIDTH_IN, max(label_in + 0.3 + 0.8 * n_cols, legend_in, title_in))
    height = 1.2 + 0.42 * n_rows
    fig = Figure(figsize=(width, height))
    _place_axes(fig, left=label_in, right=0.1, top=0.3, bottom=0.55)
    ax = fig.add_subplot()
    ax.imshow(codes, cmap=ListedColormap(["#f2f2f2", *STATUS_COLORS.values()]), vmin=0, vmax=len(order) - 1,
              aspect="auto")
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            ax.text(j, i, STATUS_LABELS.get(v, "·").replace(" ", "\n"), ha="center", va="center", fontsize=7,
                    color="#222")
    ax.set_xticks(range(n_cols), [f"{d.day} {d:%b}" if hasattr(d, "strftime") else str(d) for d in frame.columns],
                  fontsize=7.5)
    ax.set_yticks(range(n_rows), labels, fontsize=7.5)
    ax.set_xticks([x - 0.5 for x in range(1, n_cols)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, n_rows)], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        fig.suptitle(title, fontsize=9, x=0.02, ha="left", y=1 - 0.06 / height, va="top")
    fig.legend(handles=[Patch(color=c, label=STATUS_LABELS[s]) for s, c in STATUS_COLORS.items()],
               loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=7.5, frameon=False)
    return fig


def _check_ins_section(q: str, check_ins: pd.DataFrame, statuses: pd.DataFrame, krs: pd.DataFrame) -> Section:
    import pandas as pd

    by_check_in: dict[int, list[str]] = {}
    for s in statuses.itertuples():
        line = f"O{int(s.objective)}·KR{int(s.key_result)}: {STATUS_LABELS.get(s.status, s.status)}"
        if s.note:
            line += f" ({s.note})"
        by_check_in.setdefault(int(s.check_in_id), []).append(line)
    rows = [{"date": to_date(c.date).isoformat() if to_date(c.date) else "",  # type: ignore[union-attr]
             "kind": CHECKIN_MODE_LABELS.get(c.mode, c.mode),
             "statuses": "\n".join(by_check_in.get(int(c.id), [])) or "no key result discussed"}
            for c in check_ins.itertuples()]
    frame = pd.DataFrame(rows, columns=["date", "kind", "statuses"])
    section = Section("check_ins", "Check-in trail",
                      intro="Our bi-weekly check-ins this quarter and the status we gave each key result.",
                      table=frame, columns={"date": "Date", "kind": "Conversation", "statuses": "Key result statuses"},
                      empty=f"No check-ins recorded in {q}.")
    if len(krs) and len(statuses):
        fig = plot_kr_status(kr_status_timeline_frame_upto(krs, statuses), f"Key result status at each check-in, {q}")
        section.charts.append(_chart(fig, f"Key result status at each check-in of {q}"))
        section.chart_first = True
    return section


def _support_section(q: str, support: pd.DataFrame, day: dt.date) -> Section:
    import pandas as pd

    rows = []
    for s in support.itertuples():
        due = to_date(s.due)
        status = str(s.status)
        if due and due < day and status in ("requested", "committed"):
            status += " (overdue)"
        rows.append({"kr": f"O{int(s.objective)}·KR{int(s.key_result)}", "who": s.who, "what": s.what,
                     "status": status, "due": due.isoformat() if due else ""})
    frame = pd.DataFrame(rows, columns=["kr", "who", "what", "status", "due"])
    return Section("support", "Support", intro="Help the key results needed: who gives it, what, and where it stands.",
                   table=frame, columns={"kr": "Key result", "who": "Who", "what": "What", "status": "Status", "due": "Due"},
                   empty=f"No support was listed for {q}.")


def _notes_table(notes: pd.DataFrame, text_column: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Shared notes as a table (date, topic, text, and the follow-up when any has one) and its headers."""
    import pandas as pd

    rows = [{"date": to_date(n.date).isoformat() if to_date(n.date) else "",  # type: ignore[union-attr]
             "topic": n.topic, "text": n.text,
             "follow_up": " ".join(x for x in (str(n.follow_up or ""), f"(by {to_date(n.follow_up_due)})"
                                               if to_date(n.follow_up_due) else "") if x)}
            for n in notes.itertuples()]
    frame = pd.DataFrame(rows, columns=["date", "topic", "text", "follow_up"])
    columns = {"date": "Date", "topic": "Topic", "text": text_column}
    if frame["follow_up"].str.strip().any():
        columns["follow_up"] = "Follow-up"
    return frame, columns


def _told_section(p: Person, q: str, told: pd.DataFrame) -> Section:
    """The pulls marked shared: what the report told the manager, as the manager noted it, for the report
    to correct."""
    first = _first_name(p.name)
    frame, columns = _notes_table(told, "What I noted")
    return Section("told", f"What {first} told me",
                   intro=f"Career information {first} shared with me this quarter (goals, interests, values, "
                         "what to learn, how they see their strengths), as I noted it and as we agreed to record "
                         "it; tell me what I got wrong.",
                   table=frame, columns=columns, empty=f"Nothing recorded as shared in {q}.")


def _shared_section(p: Person, q: str, shared: pd.DataFrame) -> Section:
    """The pushes marked shared: career information the manager passed on."""
    frame, columns = _notes_table(shared, "What I shared")
    return Section("shared", "Feedback and information shared",
                   intro=f"Career information I passed on to {_first_name(p.name)} this quarter "
                         "(feedback, paths, opportunities, gaps), as we agreed to record it.",
                   table=frame, columns=columns, empty=f"Nothing recorded as shared in {q}.")


def _ladder_section(p: Person, gaps: pd.DataFrame | None, goals: pd.DataFrame, hints: list[str]) -> Section:
    """The next level's competencies and the goals that build them. A goal counts only once it is tagged and its
    plan agreed (a draft plan's tags are named in the gap's row, as `ladder gaps` says them); an untagged goal
    whose closest competency (``hints``, as in the goals section) is a gap is named in that gap's row, and the
    intro says how many goals are untagged and how to tag them."""
    import pandas as pd

    if gaps is None:
        why = "no career ladder is set" if not p.ladder.strip() else "no level is recorded"
        return Section("ladder", "Career ladder", intro=f"No ladder coverage: {why} for {p.name}.")
    target = gaps.attrs.get("next_level_name") or gaps.attrs.get("next_level")
    if not len(gaps):
        return Section("ladder", "Career ladder", intro=f"{p.name} is at the top of the {gaps.attrs.get('track')} ladder.")
    untagged: list[int] = []  # the goals that read like the ladder but carry no tag (a personal goal is not asked to)
    closest: dict[str, list[int]] = {}
    for position, tags, hint in zip(goals["position"], goals["competencies"], hints, strict=True):
        if not len(tags) and hint:
            untagged.append(int(position))
            closest.setdefault(hint, []).append(int(position))

    def cell(competency: str, covered: bool, by: str, pending: str) -> str:
        if covered:
            return "covered by " + by
        if pending:
            return f"gap until the plan is agreed: {pending} tags it"
        if competency in closest:
            return f"gap until tagged: {_goal_numbers(closest[competency])} closest to it"
        return "gap: no goal yet"

    frame = pd.DataFrame({
        "competency": list(gaps["competency"]),
        "area": list(gaps["competency_area"]),
        "covered": [cell(k, c, g, w) for k, c, g, w in zip(gaps["competency"], gaps["covered"], gaps["covered_by"],
                                                           gaps["pending_by"], strict=True)],
    })
    columns = {"competency": "Competency", "area": "Area", "covered": "This year's goals"}
    if not any(frame["area"]):
        del columns["area"]
    section = Section("ladder", f"Toward {target}",
                      intro=f"The competencies expected at the next level, {target}, and which of this year's "
                            f"goals build them: {int(gaps['covered'].sum())} of {len(gaps)} covered"
                            + (_pending_clause(gaps) + ": a goal counts once the plan is agreed." if gaps.attrs.get("pending_plan") else ".")
                            + fork_sentence(gaps) + _untagged_sentence(untagged),
                      table=frame, columns=columns)
    fig = plot_ladder_coverage(gaps, "Goals building each next-level competency")
    section.charts.append(_chart(fig, f"Next-level competencies for {target}: covered or gap"))
    return section


def _pending_clause(gaps: pd.DataFrame) -> str:
    """", the 2027 plan being still draft (2 more tagged in it)" while the year's plan is not agreed, else ""."""
    if not gaps.attrs.get("pending_plan"):
        return ""
    tagged = int((gaps["pending_by"] != "").sum())
    return (f", {gaps.attrs['pending_plan']} being still {gaps.attrs['pending_status']}"
            + (f" ({tagged} more tagged in it)" if tagged else ""))


def _goal_numbers(numbers: list[int], verb: str = "reads") -> str:
    """The goals' numbers with the verb agreeing: "goal 2 reads", "goals 1, 2 and 3 read" (``verb`` given singular)."""
    if len(numbers) == 1:
        return f"goal {numbers[0]} {verb}"
    plural = {"reads": "read", "is": "are"}[verb]
    return "goals " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]} {plural}"


def _untagged_sentence(untagged: list[int]) -> str:
    """The intro's sentence on untagged goals ("Goal 2 is not tagged ...", "Goals 1 and 3 are ..."), or ""."""
    if not untagged:
        return ""
    one = len(untagged) == 1
    return (f" {_goal_numbers(untagged, 'is').capitalize()} not tagged with the competencies "
            f"{'it builds' if one else 'they build'} yet, so {'it counts' if one else 'they count'} for none here: "
            f"tag {'it' if one else 'them'} on the goals page.")


@without_math
def plot_ladder_coverage(gaps: pd.DataFrame, title: str = "") -> Figure:
    """One bar per next-level competency: how many goals build it (a gap shows as an orange marker)."""
    from matplotlib.figure import Figure

    comps = list(gaps["competency"])
    counts = [len([g for g in str(cov).split("; ") if g]) for cov in gaps["covered_by"]]
    waiting = [len([g for g in str(w).split("; ") if g]) for w in gaps.get("pending_by", [""] * len(comps))]
    n = max(len(comps), 1)
    labels = [textwrap.fill(plain(c), 34) for c in comps]
    label_in = _text_width_in(labels, 7.5) + 0.15
    height = 0.95 + 0.3 * n
    fig = Figure(figsize=(min(_PAGE_WIDTH_IN, label_in + 3.2), height))
    _place_axes(fig, left=label_in, right=0.2, top=0.3, bottom=0.5)
    ax = fig.add_subplot()
    ys = list(range(len(comps)))[::-1]
    # a gap that a goal of a plan not yet agreed tags is drawn as that many goals, pale, and says so
    shown = [c or w for c, w in zip(counts, waiting, strict=True)]
    ax.barh(ys, [max(c, 0.08) for c in shown], height=0.6,
            color=[COVERED_COLOR if c else (PENDING_COLOR if w else GAP_COLOR) for c, w in zip(counts, waiting, strict=True)])
    for y, c, w in zip(ys, counts, waiting, strict=True):
        label = _plural(c, "goal") if c else ("not agreed yet" if w else "gap")
        ax.text(max(c or w, 0.08) + 0.05, y, label, va="center", fontsize=7.5, color="#212529")
    ax.set_yticks(ys, labels, fontsize=7.5)
    top = max([*shown, 1])
    ax.set_xlim(0, top + (1.5 if any(not c and w for c, w in zip(counts, waiting, strict=True)) else 0.9))
    ax.set_ylim(-0.6, len(comps) - 0.4)
    ax.set_xticks(range(top + 1), [str(i) for i in range(top + 1)], fontsize=7.5)
    ax.set_xlabel("goals building the competency", fontsize=7.5)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        fig.suptitle(title, fontsize=9, x=0.02, ha="left", y=1 - 0.06 / height, va="top")
    return fig


def _next_steps_section(actions: pd.DataFrame, person_name: str, manager: str, day: dt.date) -> Section:
    import pandas as pd

    rows = []
    for a in actions.itertuples():
        due = to_date(a.due)
        rows.append({"text": a.text, "owner": owner_label(a.owner, person_name, manager),
                     "due": (due.isoformat() + (" (overdue)" if due < day else "")) if due else ""})
    frame = pd.DataFrame(rows, columns=["text", "owner", "due"])
    return Section("next_steps", "Agreed next steps", intro="Open actions we agreed, with their owners.",
                   table=frame, columns={"text": "Action", "owner": "Owner", "due": "Due"},
                   empty="No open actions.")


def summary_provenance(db: str | Path, quarter: str, *, person: Person | None = None,
                       people: list[Person] | None = None, as_of: dt.date | str | None = None,
                       notebook: str | Path | None = None, run_at: dt.datetime | None = None,
                       ladder_folders: list[Path] | None = None) -> dict[str, str]:
    """Where a document came from: database (a file's name, or an organisation database's URL without its
    password), quarter, person, as of, ladder file(s) by name with their hashes (never their content),
    notebook, run time, workbook version. Values are plain text (export escapes them). A shareable document
    names files, never the folders they are in: a path on the manager's machine says who they are and how
    their disk is laid out, and the hash already says which file it was (the batch's manifest, which stays
    beside the outputs, keeps the whole path). ``ladder_folders`` defaults to the database file's folder
    (see ``Store.ladder_folders``; none for a URL)."""
    from ..store.backend import is_url

    url = is_url(str(db))
    folders = ladder_folders if ladder_folders is not None else ([] if url else [Path(db).resolve().parent])
    where = str(db) if url else Path(db).name
    out: dict[str, str] = {"database": where, "quarter": check_quarter(quarter)}
    if person is not None:
        out["person"] = person.id
    files = []
    for who in [person] if person is not None else list(people or []):
        try:
            path = person_ladder_file(who, folders)[1]
        except LadderError:
            files.append(f"{ladder_file_name(who.ladder)} (unusable)")
            continue
        if path is not None:
            files.append(f"{ladder_file_name(str(path))} (sha256 {file_sha256(path)[:12]})")
    if person is not None or people:
        out["ladder_file" if person is not None else "ladder_files"] = ", ".join(dict.fromkeys(files)) or "none set"
    out["as_of"] = (to_date(as_of) or clock.today()).isoformat()
    if notebook is not None:
        out["notebook"] = Path(notebook).name
    out["run_at"] = (run_at or dt.datetime.now().astimezone()).isoformat(sep=" ", timespec="seconds")
    out["workbook_version"] = __version__
    return out
