"""The team overview at quarter end: who needs attention, key results, conversations, ladder coverage and share."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from typing import TYPE_CHECKING

from ..core import clock
from ..core.dates import check_quarter, quarter_bounds, to_date
from ..core.errors import InputError
from ..stages.dated import joined_by
from ..stages.due import tree_heads
from ..stages.team import (
    RESULT_KEYS,
    coverage_frame,
    ladder_share_frame,
    result_label,
    team_summary,
    untagged_goal_hints,
)
from .charts import (
    COVERED_COLOR,
    GAP_COLOR,
    NOT_EXPECTED_COLOR,
    PENDING_COLOR,
    STATUS_COLORS,
    plain,
    without_math,
)
from .summary import _PAGE_WIDTH_IN, Section, _chart, _long_date, _plural, ladder_like_untagged_clause

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily
    import pandas as pd
    from matplotlib.figure import Figure

    from ..store import Store

__all__ = ["team_title", "team_sections", "plot_team_statuses", "plot_team_coverage"]


def team_title(quarter: str) -> str:
    return f"Team overview: {check_quarter(quarter)}"


def _ladder_like_untagged(store: Store, person_id: str, year: int) -> int:
    """How many of the person's untagged goals for ``year`` read like a goal on their ladder (a strong
    suggestion, as ``untagged_goal_hints`` gives the person's summary)."""
    person = store.person(person_id)
    return sum(1 for hint in untagged_goal_hints(store, person, store.goals_frame(person_id, year)) if hint)


def _quiet_weeks(value: object, limit: int) -> int:
    """The notebook's ``quiet_weeks`` parameter as a number of weeks: None or "" is the workbook's limit; anything
    `workbook limits --set quiet_weeks=...` would refuse is refused in one line (a papermill ``-p quiet_weeks abc``
    showed a traceback, ``-3`` flagged everyone, ``0`` was silently read as the default)."""
    from ..core.rules import LIMIT_RANGES, parse_limit

    if value is None or (isinstance(value, str) and not value.strip()):
        return limit
    try:
        return int(parse_limit("quiet_weeks", str(value).strip()))
    except InputError:
        low, high, _ = LIMIT_RANGES["quiet_weeks"]
        raise InputError(f"quiet_weeks {value!r} is not a whole number of weeks from {low} to {high}; give one, or "
                         f"leave it empty for the workbook's limit ({limit})", None,
                         "team overview parameter quiet_weeks") from None


def team_sections(store: Store, quarter: str, as_of: dt.date | str | None = None, quiet_weeks: object = None) -> dict[str, Section]:
    """The sections of the team overview, in reading order.

    Keys: title, attention, krs, conversations, coverage, team_gaps, ladder_share. ``quiet_weeks``
    (default the workbook's limit) is how long without a career conversation gets a person flagged.
    A person whose ladder is unusable is listed under "Needs attention" instead of failing the overview.
    """
    import pandas as pd

    q = check_quarter(quarter)
    day = to_date(as_of) or clock.today()
    year = int(q[:4])
    lim = store.limits()
    quiet_limit = _quiet_weeks(quiet_weeks, lim.quiet_weeks)
    # the user's team: everyone in a workbook of one's own (and for HR); in an organisation's, a manager's
    # overview is of the people below them, never of themself
    quarter_end = quarter_bounds(q)[1]  # and only people who had joined by the quarter's end
    ids = {p.id for p in store.my_team(below=True) if joined_by(p, quarter_end)}
    team = team_summary(store, q, as_of=day)
    team = team[team["person"].isin(ids)].reset_index(drop=True) if len(team) else team
    share = ladder_share_frame(store, year, limits=lim)
    share = share[share["person_id"].isin(ids)]
    coverage = coverage_frame(store, year, day)
    if len(coverage):
        kept = coverage[coverage["person_id"].isin(ids)].reset_index(drop=True)
        kept.attrs = coverage.attrs
        coverage = kept
    people = store.people_frame()
    people = people[people["id"].isin(ids)] if len(people) else people
    # who the team reports to, as the records say it: each manager with the number of their people when the
    # team is not all one manager's ("manager Me" over four people, one of whom had it typed, misled)
    managed = Counter(str(m) for m in people["manager"] if m) if len(people) else Counter()
    managers = ([next(iter(managed))] if len(managed) == 1 and sum(managed.values()) == len(people)
                else [f"{m} (for {n} of them)" for m, n in sorted(managed.items())])

    sections: dict[str, Section] = {}
    start, end = quarter_bounds(q)
    facts = [_plural(len(team), "person", "people"),
             f"manager{'s' if len(managers) > 1 else ''} {', '.join(managers)}" if managers else ""]
    sections["title"] = Section("title", team_title(q), level=1, intro=" · ".join(f for f in facts if f) + "\n"
                                + f"Quarter {q} ({_long_date(start)} to {_long_date(end)}) · as of {_long_date(day)}")

    # who needs attention
    attention = []
    low, high = lim.ladder_share_low, lim.ladder_share_high
    # the top of an organisation's tree: nobody here holds their conversations, so what they lack is not missing
    # (as the due list says); what their records do hold (blocked, vague key results) is still flagged
    heads = tree_heads(store)
    for r in team.itertuples():
        who = f"{r.name} ({r.person})"
        held = r.person not in heads
        if held and (r.weeks_quiet is None or pd.isna(r.weeks_quiet)):
            attention.append(f"{who}: no career conversation recorded yet.")
        elif held and int(r.weeks_quiet) >= quiet_limit:
            attention.append(f"{who}: no career conversation for {int(r.weeks_quiet)} weeks "
                             f"(last on {r.last_conversation}).")
        srow = share[share["person_id"] == r.person]
        if len(srow) and bool(srow["outside_band"].iloc[0]):
            s = srow.iloc[0]
            # As the person's summary says it: untagged goals that read like the ladder are named, never counted.
            hinted = _ladder_like_untagged(store, r.person, year) if float(s["ladder_share"]) < low else 0
            attention.append(f"{who}: {int(s['ladder_goals'])} of {int(s['goals'])} goals "
                             f"({float(s['ladder_share']):.0%}) draw on the ladder, outside {low:.0%}-{high:.0%}"
                             + ladder_like_untagged_clause(hinted))
        elif held and not len(srow):
            attention.append(f"{who}: no growth goals for {year}.")
        if held and not int(r.krs):
            attention.append(f"{who}: no key results for {q}" + (" yet." if day <= quarter_end else "."))
        if r.blocked:
            attention.append(f"{who}: {_plural(int(r.blocked), 'key result')} blocked.")
        if r.not_measurable:
            attention.append(f"{who}: {_plural(len(r.not_measurable), 'key result')} of {q} not measurable yet "
                             f"({', '.join(r.not_measurable)}): agree a measure and a target, so there is no doubt "
                             "whether each is met.")
        if r.person in coverage.attrs.get("problems", {}):
            attention.append(f"{who}: ladder coverage unavailable: {coverage.attrs['problems'][r.person]}")
        placed = people[people["id"] == r.person] if len(people) else people
        if len(placed) and str(placed["ladder"].iloc[0] or "").strip() and not str(placed["level"].iloc[0] or "").strip():
            attention.append(f"{who}: on a career ladder with no level recorded yet, so their next level's "
                             "expectations cannot be shown.")
    sections["attention"] = Section(
        "attention", "Needs attention", bullets=attention or ["Nothing flagged."],
        intro=f"Flags: no career conversation for {quiet_limit} weeks or more, no growth goals for {year} or a ladder "
              f"share of them outside {low:.0%}-{high:.0%}, no key results for {q}, blocked key results, open key "
              "results not measurable yet.")

    # key results: each counted by its outcome where the quarter is closed, else its latest status (as in
    # each person's summary)
    present = [k for k in RESULT_KEYS if len(team) and int(team[k].sum())] or list(RESULT_KEYS[5:])
    kr_cols = ["person", "name", "level", "krs", *present]
    kr = team[kr_cols].copy() if len(team) else pd.DataFrame(columns=kr_cols)
    closed = any(k in present for k in RESULT_KEYS[:5])
    kr_section = Section("krs", f"Key results {q}",
                         intro="Each person's key results: the outcome recorded at quarter close where there is one, "
                               "else the latest check-in status." if closed else
                               "Each person's key results by their latest check-in status.",
                         table=kr, columns={"person": "Person", "name": "Name", "level": "Level", "krs": "KRs",
                                            **{k: result_label(k).capitalize() for k in present}},
                         empty="No one has OKRs this quarter.")
    if len(kr) and int(kr["krs"].sum()):
        kr_section.charts.append(_chart(plot_team_statuses(kr, f"Key results, {q}"),
                                        f"Key results per person by outcome or latest status, {q}"))
    sections["krs"] = kr_section

    # conversations
    conv = pd.DataFrame({
        "person": list(team["person"]) if len(team) else [],
        "name": list(team["name"]) if len(team) else [],
        "last": [d.isoformat() if d else "none yet" for d in team["last_conversation"]] if len(team) else [],
        "weeks": ["" if w is None or pd.isna(w) else int(w) for w in team["weeks_quiet"]] if len(team) else [],
    })
    if len(conv):
        conv["flag"] = ["quiet" if (w == "" or int(w) >= quiet_limit) else "" for w in conv["weeks"]]
        conv = conv.assign(_k=[-1 if w == "" else w for w in conv["weeks"]]).sort_values("_k", ascending=False,
                                                                                        kind="stable").drop(columns="_k")
    else:
        conv["flag"] = []
    sections["conversations"] = Section(
        "conversations", "Career conversations",
        intro=f"The last career conversation (a note or a check-in) with each person; 'quiet' marks "
              f"{quiet_limit} weeks or more.",
        table=conv, columns={"person": "Person", "name": "Name", "last": "Last conversation",
                             "weeks": "Weeks since", "flag": "Flag"})

    # ladder coverage heatmap(s) and team gaps
    cov_section = Section("coverage", "Ladder coverage: next level",
                          intro="For each person, the competencies expected at their next level: covered by one of "
                                f"this year's agreed goals ({year}), tagged in a plan not agreed yet, or a gap.",
                          empty="No one has a ladder and a level recorded.")
    if len(coverage):
        for track in dict.fromkeys(coverage["track"]):
            cov_section.charts.append(_chart(plot_team_coverage(coverage[coverage["track"] == track]),
                                             f"{track}: next-level competencies per person, covered or gap"))
    else:
        cov_section.table = coverage
    sections["coverage"] = cov_section
    gap_rows = []
    if len(coverage):
        for (track, comp), grp in coverage.groupby(["track", "competency"], sort=False):
            missing = grp[~grp["covered"].astype(bool)]
            if not len(missing):
                continue
            gap_rows.append({"track": track, "competency": comp, "gaps": len(missing), "of": len(grp),
                             "people": ", ".join(f"{r.person_id} (tagged in a plan not agreed yet)" if r.pending_by
                                                 else r.person_id for r in missing.itertuples())})
    gaps_frame = pd.DataFrame(gap_rows, columns=["track", "competency", "gaps", "of", "people"])
    if len(gaps_frame):
        gaps_frame = gaps_frame.sort_values(["gaps", "track"], ascending=[False, True], kind="stable")
    sections["team_gaps"] = Section("team_gaps", "Team gaps", level=3,
                                    intro="Next-level competencies no agreed goal covers, most common first.",
                                    table=gaps_frame,
                                    empty="Every next-level competency is covered by someone's agreed goals." if len(coverage)
                                    else "No gaps to count: no one has a ladder and a level recorded.",
                                    columns={"track": "Track", "competency": "Competency", "gaps": "Gaps",
                                             "of": "Expected of", "people": "Who has the gap"})

    # ladder share of goals: everyone on the team has a row; no goals yet is neither inside nor outside the band
    shares = people[["id", "name"]].rename(columns={"id": "person_id"}).merge(share, on="person_id", how="left")
    has_goals = [g == g and g is not None and int(g) > 0 for g in shares["goals"]]
    shares["goals"] = [int(g) if ok else 0 for g, ok in zip(shares["goals"], has_goals, strict=True)]
    shares["ladder_goals"] = [int(g) if ok else 0 for g, ok in zip(shares["ladder_goals"], has_goals, strict=True)]
    shares["share"] = [f"{v:.0%}" if ok else "" for v, ok in zip(shares["ladder_share"], has_goals, strict=True)]
    # the top of the tree: nobody here agrees their goals with them, so none yet is not a gap (as above)
    shares["flag"] = ["outside" if ok and bool(o) else ("" if ok or p in heads else "no goals yet")
                      for o, ok, p in zip(shares["outside_band"], has_goals, shares["person_id"], strict=True)]
    outliers = [f"{r.name} ({r.person_id}): {r.share}" for r in shares.itertuples() if r.flag == "outside"]
    no_goals = [f"{r.name} ({r.person_id})" for r in shares.itertuples() if r.flag == "no goals yet"]
    intro = (f"How many of each person's {year} goals draw on the career ladder; the practice aims for "
             f"{low:.0%}-{high:.0%} (a junior person may sit higher). ")
    parts = []
    if outliers:
        parts.append("Outside the band: " + "; ".join(outliers) + ".")
    if no_goals:
        parts.append(f"No goals yet for {year}: " + "; ".join(no_goals) + ".")
    inside = sum(1 for r, ok in zip(shares.itertuples(), has_goals, strict=True) if ok and r.flag != "outside")
    if not parts and len(shares):
        parts.append("Everyone is inside the band.")
    elif inside:
        parts.append(f"{_plural(inside, 'person', 'people')} inside the band.")
    intro += " ".join(parts)
    sections["ladder_share"] = Section(
        "ladder_share", "Ladder share of growth goals", intro=intro, table=shares,
        columns={"person_id": "Person", "name": "Name", "goals": "Goals", "ladder_goals": "On the ladder",
                 "share": "Share", "flag": "Flag"}, empty="No one in the team yet.")
    return sections


# outcomes in blues and greys, statuses in the check-in colours, "not started" pale
_RESULT_COLORS = {"met": "#2f6f9f", "partly_met": "#8fb3d9", "not_met": "#c9a0a0", "carried_over": "#b8a9d9",
                  "dropped": "#cfcfcf", **STATUS_COLORS, "not_started": "#f2f2f2"}


@without_math
def plot_team_statuses(frame: pd.DataFrame, title: str = "") -> Figure:
    """A stacked horizontal bar per person: key results by result (outcome, else latest status)."""
    from matplotlib.figure import Figure

    keys = [k for k in RESULT_KEYS if k in frame.columns]
    people = [plain(p) for p in frame["person"]]
    n = max(len(people), 1)
    row = min(0.26, 7.5 / n)  # a tall team still fits on one page
    fig = Figure(figsize=(_PAGE_WIDTH_IN * 0.85, 1.1 + row * n), layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(people)))[::-1]
    left = [0.0] * len(people)
    for key in keys:
        vals = [float(v) for v in frame[key]]
        ax.barh(ys, vals, left=left, color=_RESULT_COLORS[key], label=result_label(key), height=0.65,
                edgecolor="#bbb" if key == "not_started" else None)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    ax.set_yticks(ys, people, fontsize=7.5 if n <= 30 else 5.5)
    top = int(max(left, default=1))
    ax.set_xticks(range(top + 1), [str(i) for i in range(top + 1)], fontsize=7.5)
    ax.set_xlabel("key results", fontsize=7.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=9, loc="left")
    fig.legend(loc="outside lower center", ncol=5, fontsize=7.5, frameon=False)
    return fig


@without_math
def plot_team_coverage(coverage: pd.DataFrame) -> Figure:
    """Heatmaps of people (rows) x next-level competencies (columns), one panel per ladder track."""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    tracks = list(dict.fromkeys(coverage["track"]))
    panels = []
    for track in tracks:
        sub = coverage[coverage["track"] == track]
        people = list(dict.fromkeys(sub["person_id"]))
        comps = list(dict.fromkeys(sub["competency"]))
        grid = [[float("nan")] * len(comps) for _ in people]
        for r in sub.itertuples():
            grid[people.index(r.person_id)][comps.index(r.competency)] = \
                2.0 if bool(r.covered) else (1.0 if getattr(r, "pending_by", "") else 0.0)
        panels.append((track, people, comps, grid))
    rows = sum(len(p[1]) for p in panels)
    row = min(0.24, 7.0 / max(rows, 1))  # a tall team still fits on one page
    heights = [1.3 + row * len(p[1]) for p in panels]
    fig = Figure(figsize=(_PAGE_WIDTH_IN, sum(heights) + 0.5), layout="constrained")
    axes = fig.subplots(len(panels), 1, squeeze=False, height_ratios=heights)[:, 0]
    import numpy as np

    cmap = ListedColormap([GAP_COLOR, PENDING_COLOR, COVERED_COLOR]).with_extremes(bad=NOT_EXPECTED_COLOR)
    small = row < 0.2
    for ax, (track, people, comps, grid) in zip(axes, panels, strict=True):
        data = np.ma.masked_invalid(np.array(grid, dtype=float))
        ax.imshow(data, cmap=cmap, norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5], 3), aspect="auto")
        if not small:
            for i, cells in enumerate(grid):
                for j, v in enumerate(cells):
                    label = "–" if v != v else {2.0: "covered", 1.0: "not agreed"}.get(v, "gap")
                    ax.text(j, i, label, ha="center", va="center", fontsize=6.5, color="#212529")
        ax.set_xticks(range(len(comps)), [textwrap.fill(plain(c), 14) for c in comps], fontsize=6.5)
        ax.tick_params(axis="x", top=True, labeltop=True, bottom=False, labelbottom=False)
        ax.set_yticks(range(len(people)), people, fontsize=7 if not small else 5.5)
        ax.set_xticks([x - 0.5 for x in range(1, len(comps))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(people))], minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="both", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(f"{plain(track)}: next-level competencies", fontsize=8.5, loc="left")
    fig.legend(handles=[Patch(color=COVERED_COLOR, label="covered by an agreed goal"),
                        Patch(color=PENDING_COLOR, label="tagged in a plan not agreed yet"), Patch(color=GAP_COLOR, label="gap"),
                        Patch(color=NOT_EXPECTED_COLOR, label="not expected at next level")],
               loc="outside lower center", ncol=4, fontsize=7.5, frameon=False)
    return fig
