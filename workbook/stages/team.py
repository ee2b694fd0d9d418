"""The team and the quarter: latest key-result statuses, ladder share and coverage, next-level gaps per person."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..coaching.kr_dates import check_key_result_in_quarter
from ..coaching.ladders import (
    next_level_gaps,
    person_ladder,
    person_ladder_file,
    shared_ladder_problem,
    strong_suggestion,
    suggest_competencies,
)
from ..core import clock
from ..core.dates import quarter_bounds, to_date
from ..core.errors import LadderError
from ..core.labels import OUTCOME_LABELS, STATUS_LABELS, kr_label
from .dated import day_within, open_actions_by, outcomes_by, person_on, recorded_by, team_as_of
from .goals import next_level_frame

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    from collections.abc import Iterable

    import pandas as pd

    from ..coaching.ladders import Ladder
    from ..core.model import Person
    from ..store import Store

__all__ = ["STATUS_ORDER", "RESULT_KEYS", "kr_result_key", "result_label", "result_counts", "latest_kr_status", "not_measurable_labels", "ladder_share_frame", "team_summary", "format_team_summary", "person_gaps", "format_gaps", "person_next_level_gaps", "plan_goal_tags", "coverage_frame", "untagged_goal_hints", "goal_tag_hint"]


STATUS_ORDER = ("on_track", "at_risk", "blocked", "done")
# What a key result's row says, in reading order: its outcome once the quarter is closed, else its latest
# check-in status. The summary and the team overview both count with these, so they cannot disagree.
RESULT_KEYS = ("met", "partly_met", "not_met", "carried_over", "dropped", "done", "on_track", "at_risk", "blocked",
               "not_started")


def kr_result_key(outcome: object, status: object) -> str:
    """A key result's result: its outcome when it has one, else its latest status, else "not_started"."""
    if isinstance(outcome, str) and outcome in OUTCOME_LABELS:
        return outcome
    return str(status) if status in STATUS_LABELS else "not_started"


def result_label(key: str) -> str:
    """How a result reads: "partly met", "on track", "not started"."""
    return OUTCOME_LABELS.get(key) or STATUS_LABELS.get(key) or key.replace("_", " ")


def result_counts(krs: pd.DataFrame) -> dict[str, int]:
    """Key results per result (``latest_kr_status`` rows), in RESULT_KEYS order, only the results present."""
    keys = [kr_result_key(o, s) for o, s in zip(krs["outcome"], krs["status"], strict=True)] if len(krs) else []
    return {k: keys.count(k) for k in RESULT_KEYS if k in keys}


def latest_kr_status(store: Store, person_id: str | None = None, quarter: str | None = None,
                     upto: dt.date | None = None) -> pd.DataFrame:
    """Per key result, its most recent check-in status (KRs never checked in get status 'not_started'); with
    ``upto``, the most recent on or before that day, as a summary or overview made as of it shows its trail."""
    import pandas as pd

    krs = store.okrs_frame(person_id, quarter)
    krs = krs[krs["kr_id"].notna()].copy()
    statuses = store.kr_status_frame(person_id, quarter)
    if upto is not None:
        statuses = recorded_by(statuses, upto)
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


def not_measurable_labels(krs: pd.DataFrame) -> list[str]:
    """The key results of ``krs`` (``latest_kr_status`` or ``okrs_frame`` rows) still open (no outcome) whose
    text is not measurable in its quarter (the OKR page's verdict), as labels ("O1·KR2"), in order: each will
    end the quarter with a doubt whether it was met, unless the two of them state a measure and a target."""
    out = []
    for r in krs.itertuples():
        if isinstance(r.outcome, str) and r.outcome in OUTCOME_LABELS or not str(r.kr_text or "").strip():
            continue
        if not check_key_result_in_quarter(str(r.kr_text), str(r.quarter), to_date(r.target_date)).measurable:
            out.append(kr_label(int(r.objective), int(r.key_result)))
    return out


def ladder_share_frame(store: Store, year: int, person_id: str | None = None, limits=None) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Per person: goals, goals tagged with ladder competencies, the share, and whether it is outside the band.
    Only people with goals for ``year`` have a row; archived people (leavers) have none."""
    import pandas as pd

    lim = limits or store.limits()
    goals = store.goals_frame(person_id, year)
    if person_id is None and len(goals):
        active = set(store.people_frame()["id"])
        goals = goals[goals["person_id"].isin(active)]
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
    """One row per person (archived people left out): level, goals and ladder share, the quarter's key results
    counted per result (RESULT_KEYS: the outcome where the quarter is closed, else the latest status; as the
    summary counts them), quiet weeks, open actions, the open key results not measurable yet (a list of
    labels, "O1·KR2"), flags."""
    import pandas as pd

    as_of = as_of or clock.today()
    lim = store.limits()
    people = store.people_frame()
    now = {p.id: p for p in team_as_of(store, store.people(include_archived=True), as_of)}  # not a level ahead
    year = int(quarter[:4])
    share = ladder_share_frame(store, year, limits=lim).set_index("person_id")
    status = outcomes_by(latest_kr_status(store, quarter=quarter, upto=as_of), as_of)  # as the summaries made as of that day
    last = store.last_conversation_frame(as_of).set_index("person_id")
    actions = open_actions_by(store.actions_frame(), as_of)  # as each summary lists them
    rows = []
    for p in people.itertuples():
        mine = status[status["person_id"] == p.id]
        st = result_counts(mine)
        last_day = last.loc[p.id, "last_conversation"] if p.id in last.index else None
        last_date = None if last_day is None or last_day != last_day else dt.date.fromisoformat(str(last_day)[:10])
        quiet = (as_of - last_date).days // 7 if last_date else None
        flags = []
        if p.id in share.index and share.loc[p.id, "outside_band"]:
            flags.append(f"ladder share {share.loc[p.id, 'ladder_share']:.0%}")
        elif p.id not in share.index:
            flags.append(f"no growth goals for {year}")
        if quiet is None or quiet >= lim.quiet_weeks:
            flags.append("no career conversation yet" if quiet is None else f"quiet {quiet} weeks")
        if not len(mine):
            flags.append(f"no key results for {quarter}")
        if st.get("blocked", 0):
            flags.append(f"{st['blocked']} KR blocked")
        vague = not_measurable_labels(mine)
        if vague:
            flags.append(f"{len(vague)} KR not measurable ({', '.join(vague)})")
        rows.append({
            "person": p.id, "name": p.name, "track": now[p.id].track if p.id in now else p.track,
            "level": now[p.id].level if p.id in now else p.level,
            "goals": int(share.loc[p.id, "goals"]) if p.id in share.index else 0,
            "ladder_share": float(share.loc[p.id, "ladder_share"]) if p.id in share.index else 0.0,
            "krs": len(mine), **{k: int(st.get(k, 0)) for k in RESULT_KEYS},
            "last_conversation": last_date, "weeks_quiet": quiet,
            "open_actions": int((actions["person_id"] == p.id).sum()) if len(actions) else 0,
            "not_measurable": vague,
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
    results = [k for k in RESULT_KEYS if shown[k].sum()]
    cols = ["person", "track", "level", "goals", "ladder_share", "krs", *results, "weeks_quiet", "open_actions", "flags"]
    return shown[cols].to_string(index=False)


KR_SUGGESTION_THRESHOLD = 0.2  # below this a ladder suggestion is noise (see benchmarks/ladder_suggest.py)


def person_gaps(store: Store, person_id: str, quarter: str, toward: str | None = None) -> pd.DataFrame:
    """The next level's expectations for a person (or ``toward``'s, a level above theirs), per competency,
    and what covers each: the year's agreed goals (by their competency tags) and the quarter's key results
    (through the goal their objective serves, or a confident ladder suggestion for the KR's text). Empty with
    ``attrs["note"]`` when there is no usable ladder or no next level."""
    day = day_within(*quarter_bounds(quarter))  # the level of that quarter, not one entered ahead
    person = person_on(store, person_id, day)
    year = int(quarter[:4])
    ladder, why = person_ladder(person, store.ladder_folders())
    if ladder is None or not person.level.strip():  # said in a note, as a goals page says it
        frame = next_level_frame(store, person_id, year, day)
        frame.attrs["unusable"] = bool(person.ladder and ladder is None)  # a file gone or broken: a fault to fix
        return frame
    plan = store.plan(person_id, year)
    status = plan.status if plan is not None else ""
    tagged = [(g.position or i, g.competencies) for i, g in enumerate(plan.goals, 1)] if plan is not None else []
    covered, pending = plan_goal_tags(status, tagged)
    okrs = store.okrs(person_id, quarter)
    goal_tags = {g.position: g.competencies for g in plan.goals} if status == "agreed" and plan is not None else {}
    for obj in okrs.objectives if okrs else []:
        for kr in obj.key_results:
            label = f"KR {obj.position}.{kr.position}"
            tags = list(goal_tags.get(obj.goal, [])) if obj.goal else []
            best = suggest_competencies(kr.text, ladder, track=person.track or None, top=1)
            if best and best[0].score >= KR_SUGGESTION_THRESHOLD:
                tags.append(best[0].competency)
            for comp in dict.fromkeys(tags):
                covered.setdefault(comp, []).append(label)
    frame = next_level_gaps(ladder, person.track or None, person.level, covered, person=person.name, toward=toward,
                            aim=person.toward)
    frame.attrs["person_id"] = person.id
    if frame.empty:
        frame.attrs["note"] = f"{person.name} is at the top of the ladder: no next level"
    return _with_pending(frame, ladder, person, pending, status, year, toward)


def plan_goal_tags(status: str, goals: Iterable[tuple[int, Iterable[str]]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The competencies a year's goals ((position, tags) pairs of a plan with ``status``) build, as two mappings
    competency -> ["goal 1", ...]: what covers the next level (an agreed plan's tags) and what is pending (a plan
    still in draft or discussion covers nothing yet, but its tags are said, so a tag is not mistaken for lost:
    "GAP until the 2027 plan is agreed: goal 2 tags it"). One rule for `ladder gaps`, the quarterly summary and the
    team overview."""
    covered: dict[str, list[str]] = {}
    pending: dict[str, list[str]] = {}
    into = covered if status == "agreed" else pending
    for position, comps in goals:
        for comp in comps:
            into.setdefault(comp, []).append(f"goal {int(position)}")
    return covered, pending


def _with_pending(frame: pd.DataFrame, ladder: Ladder, person: Person, pending: dict[str, list[str]], status: str,
                  year: int, toward: str | None = None) -> pd.DataFrame:
    """``frame`` (next-level gaps) with a ``pending_by`` column (the goals of a plan not agreed yet that tag each
    competency, or "") and, while the year's plan is not agreed, ``attrs`` pending_plan and pending_status."""
    pending_by = next_level_gaps(ladder, person.track or None, person.level, pending, toward=toward,
                                 aim=person.toward) \
        .set_index("competency")["covered_by"] if pending and not frame.empty else None
    frame["pending_by"] = [pending_by.get(c, "") if pending_by is not None else "" for c in frame["competency"]]
    if status and status != "agreed":
        frame.attrs["pending_plan"] = f"the {year} plan"
        frame.attrs["pending_status"] = status.replace("_", " ")
    return frame


def _aim_words(frame: pd.DataFrame) -> str:
    """", the way up they chose" (or ", on their way to X") when the person's stored way up picked the level."""
    aim, name = frame.attrs.get("aim"), frame.attrs.get("aim_name")
    if not aim:
        return ""
    return ", the way up they chose" if aim == frame.attrs.get("next_level") else f", on their way to {name}"


def format_gaps(frame: pd.DataFrame) -> str:
    """Next-level gaps as plain text for a terminal: uncovered competencies first."""
    if frame.empty:
        return frame.attrs.get("note", "no next-level expectations to show")
    head = (f"{frame.attrs.get('person', '')}: {'toward' if frame.attrs.get('toward') else 'next level'} "
            f"{frame.attrs.get('next_level_name') or frame.attrs.get('next_level', '')}"
            + _aim_words(frame) +
            f" ({int((~frame['covered']).sum())} of {len(frame)} competencies not covered by an agreed goal or current KR"
            + (f"; {frame.attrs['pending_plan']} is still {frame.attrs['pending_status']}" if frame.attrs.get("pending_plan") else "")
            + ")")
    lines = [head]
    for row in frame.sort_values("covered", kind="stable").itertuples():
        pending = getattr(row, "pending_by", "")
        mark = "covered by " + row.covered_by if row.covered else \
            (f"GAP until {frame.attrs.get('pending_plan', 'the plan')} is agreed: {pending} tags it" if pending else "GAP")
        more = len(str(row.expectations).split("\n")) - 1
        lines.append(f"- {row.competency} [{mark}]: {row.headline}" + (f" (+{more} more)" if more else ""))
    for key, name in frame.attrs.get("other_next_levels") or []:  # a fork: the other ways up, and how to see them
        lines.append(f"or toward {name}: `workbook ladder gaps {frame.attrs.get('person_id') or 'PERSON'} --toward {key}`")
    return "\n".join(lines)


def person_next_level_gaps(store: Store, person: Person, year: int, goals: pd.DataFrame) -> pd.DataFrame | None:
    """``person``'s next-level competencies and which of the ``year``'s goals (their ``goals_frame`` rows) build them:
    covered by an agreed plan's tags, pending (``pending_by``) for a plan still in draft or discussion. None with no
    ladder or level; raises LadderError naming the person when their track or level does not fit the ladder."""
    ladder, _path = person_ladder_file(person, store.ladder_folders())
    if ladder is None or not person.level.strip():
        return None
    status = str(goals["status"].iloc[0]) if len(goals) else ""
    covered, pending = plan_goal_tags(status, zip(goals["position"], goals["competencies"], strict=True))
    try:
        frame = next_level_gaps(ladder, person.track or None, person.level, covered, person=person.id,
                                aim=person.toward)
        return _with_pending(frame, ladder, person, pending, status, year)
    except LadderError as exc:
        raise LadderError(f"{person.id}: {exc}; fix the person's track or level") from exc


def goal_tag_hint(store: Store, person: Person, text: str) -> str:
    """The competency of ``person``'s ladder a new, untagged goal most plausibly draws on when the suggestion is
    strong, else "": a hint to tag it, never a reason to fail (no ladder, a missing or unusable one give "")."""
    try:
        ladder, _path = person_ladder_file(person, store.ladder_folders())
        return _tag_hint(ladder, person, text) if ladder is not None else ""
    except LadderError:
        return ""


def _tag_hint(ladder: Ladder, person: Person, text: str) -> str:
    """The strong suggestion (``strong_suggestion``) for ``text`` on ``person``'s track of ``ladder``, or ""."""
    return strong_suggestion(str(text), ladder, track=person.track or None) or ""


def untagged_goal_hints(store: Store, person: Person, goals: pd.DataFrame) -> list[str]:
    """For each goal (a ``goals_frame`` row) with no competency tag, the competency of the person's ladder it
    most plausibly draws on when the suggestion is strong (``strong_suggestion``), else "": a hint
    to tag it, never a tag. Tagged goals, people without a ladder and unusable ladders give "" (the gaps
    section reports an unusable ladder)."""
    blank = [""] * len(goals)
    try:
        ladder, _path = person_ladder_file(person, store.ladder_folders())
        if ladder is None:
            return blank
        return ["" if len(comps) else _tag_hint(ladder, person, text)
                for text, comps in zip(goals["text"], goals["competencies"], strict=True)]
    except LadderError:
        return blank


def coverage_frame(store: Store, year: int, as_of: dt.date | None = None) -> pd.DataFrame:
    """Long frame of next-level coverage across the team: person_id, name, track, next_level,
    competency, covered (bool; by an agreed plan's goals), covered_by, pending_by (the goals of a plan still in
    draft or discussion that tag it, see :func:`plan_goal_tags`). People without a ladder or level are left out, and so are
    people whose ladder is unusable: ``frame.attrs["problems"]`` maps their id to the reason (a file gone or unusable
    named as a shared document names it: :func:`shared_ladder_problem`)."""
    import pandas as pd

    goals = store.goals_frame(year=year)
    frames, problems = [], {}
    day = day_within(dt.date(year, 1, 1), dt.date(year, 12, 31), as_of)
    for p in team_as_of(store, store.people(), day):  # each at their level that day, not one entered ahead
        mine = goals[goals["person_id"] == p.id]
        try:
            gaps = person_next_level_gaps(store, p, year, mine)
        except LadderError as exc:  # one person's broken ladder does not take the team view down
            problems[p.id] = shared_ladder_problem(p, store.ladder_folders()) or str(exc)
            continue
        if gaps is None or not len(gaps):
            continue
        frames.append(gaps.assign(person_id=p.id, name=p.name, track=gaps.attrs.get("track", p.track)))
    cols = ["person_id", "name", "track", "next_level", "competency", "covered", "covered_by", "pending_by"]
    frame = pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)
    frame.attrs["problems"] = problems
    return frame
