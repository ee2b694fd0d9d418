"""Tables and charts the notebooks, summaries and CLI show, computed with pandas from the store."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    import pandas as pd

    from .store import Store

__all__ = ["latest_kr_status", "ladder_share_frame", "team_summary", "format_team_summary", "STATUS_ORDER"]

STATUS_ORDER = ("on_track", "at_risk", "blocked", "done")


def latest_kr_status(store: Store, person_id: str | None = None, quarter: str | None = None) -> pd.DataFrame:
    """Per key result, its most recent check-in status (KRs never checked in get status 'not_started')."""
    import pandas as pd

    krs = store.okrs_frame(person_id, quarter)
    krs = krs[krs["kr_id"].notna()].copy()
    statuses = store.kr_status_frame(person_id, quarter)
    if statuses.empty:
        krs["status"] = "not_started"
        krs["status_date"] = None
        krs["status_note"] = ""
        return krs.reset_index(drop=True)
    last = statuses.sort_values(["date", "check_in_id"]).groupby(["person_id", "quarter", "objective", "key_result"]).tail(1)
    last = last.rename(columns={"date": "status_date", "note": "status_note"})[
        ["person_id", "quarter", "objective", "key_result", "status", "status_date", "status_note"]]
    out = krs.merge(last, on=["person_id", "quarter", "objective", "key_result"], how="left")
    out["status"] = out["status"].fillna("not_started")
    out["status_note"] = out["status_note"].fillna("")
    return pd.DataFrame(out).reset_index(drop=True)


def ladder_share_frame(store: Store, year: int, person_id: str | None = None, limits=None) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Per person: goals, goals tagged with ladder competencies, the share, and whether it is outside the band."""
    import pandas as pd

    lim = limits or store.limits()
    goals = store.goals_frame(person_id, year)
    rows = []
    for pid, grp in goals.groupby("person_id", sort=True):
        n = len(grp)
        tagged = int(sum(1 for c in grp["competencies"] if len(c)))
        share = tagged / n if n else 0.0
        outside = not (lim.ladder_share_low <= share <= lim.ladder_share_high)
        rows.append({"person_id": pid, "goals": n, "ladder_goals": tagged, "ladder_share": round(share, 2),
                     "outside_band": outside})
    return pd.DataFrame(rows, columns=["person_id", "goals", "ladder_goals", "ladder_share", "outside_band"])


def team_summary(store: Store, quarter: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per person: level, goals and ladder share, the quarter's KR statuses, quiet weeks, open actions, flags."""
    import pandas as pd

    as_of = as_of or dt.date.today()
    lim = store.limits()
    people = store.people_frame()
    year = int(quarter[:4])
    share = ladder_share_frame(store, year, limits=lim).set_index("person_id")
    status = latest_kr_status(store, quarter=quarter)
    last = store.last_conversation_frame().set_index("person_id")
    actions = store.actions_frame(open_only=True)
    rows = []
    for p in people.itertuples():
        st = status[status["person_id"] == p.id]["status"].value_counts()
        last_day = last.loc[p.id, "last_conversation"] if p.id in last.index else ""
        last_date = dt.date.fromisoformat(str(last_day)[:10]) if last_day else None
        quiet = (as_of - last_date).days // 7 if last_date else None
        flags = []
        if p.id in share.index and share.loc[p.id, "outside_band"]:
            flags.append(f"ladder share {share.loc[p.id, 'ladder_share']:.0%}")
        elif p.id not in share.index:
            flags.append(f"no growth goals for {year}")
        if quiet is None or quiet >= lim.quiet_weeks:
            flags.append("no career conversation yet" if quiet is None else f"quiet {quiet} weeks")
        if st.get("blocked", 0):
            flags.append(f"{st['blocked']} KR blocked")
        rows.append({
            "person": p.id, "name": p.name, "track": p.track, "level": p.level,
            "goals": int(share.loc[p.id, "goals"]) if p.id in share.index else 0,
            "ladder_share": float(share.loc[p.id, "ladder_share"]) if p.id in share.index else 0.0,
            "krs": int(st.sum()), **{s: int(st.get(s, 0)) for s in STATUS_ORDER},
            "last_conversation": last_date, "weeks_quiet": quiet,
            "open_actions": int((actions["person_id"] == p.id).sum()) if len(actions) else 0,
            "flags": "; ".join(flags),
        })
    return pd.DataFrame(rows)


def format_team_summary(frame: pd.DataFrame) -> str:
    """The team summary as plain text for a terminal."""
    if frame.empty:
        return "no people in the workbook yet"
    shown = frame.copy()
    shown["ladder_share"] = [f"{v:.0%}" for v in shown["ladder_share"]]
    shown["weeks_quiet"] = ["-" if v is None else str(v) for v in shown["weeks_quiet"]]
    cols = ["person", "track", "level", "goals", "ladder_share", "krs", "on_track", "at_risk", "blocked", "done",
            "weeks_quiet", "open_actions", "flags"]
    return shown[cols].to_string(index=False)
