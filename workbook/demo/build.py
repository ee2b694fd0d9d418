"""Build the demo team: one manager's 2026 of career conversations, written through the Store in one transaction."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable

from ..core import clock
from ..core.dates import quarter_bounds
from ..core.model import (
    Action,
    CheckIn,
    Goal,
    GrowthPlan,
    KeyResult,
    KRStatus,
    Note,
    Objective,
    Obstacle,
    Person,
    QuarterOKRs,
    Support,
    TrialRun,
    quarter_of,
)
from ..store import Store
from .cast import (
    _FIRST_MONDAY,
    _FIRST_TRACKED_SLOT,
    _KR,
    _SLOTS,
    _TEAM_SKIPS,
    DEMO_MANAGER,
    DEMO_SEED,
    DEMO_YEAR,
    _KRState,
    _Member,
    _Special,
)
from .team_data_science import AMARA, FARAH, PRIYA
from .team_engineering import JUN, LUCIA, TOMAS

__all__ = ["TEAM", "build_demo"]

TEAM: tuple[_Member, ...] = (PRIYA, AMARA, FARAH, TOMAS, JUN, LUCIA)
# A quarter is closed in the first week after it ends: the day its outcomes are recorded.
CLOSED_AFTER_DAYS = 4

_OPENERS = ("Quick OKR pass", "Two-minute status check", "Status pass", "Short check on the OKRs", "OKR check")
_ON_TRACK = ("on schedule", "moving; nothing needed from me", "progressing", "on track after a busy week", "")
_AT_RISK = ("slipping: project work took the fortnight", "behind; agreed to cut scope",
            "at risk; next step agreed in the 1:1")
_BLOCKED = ("stuck on another team's priorities", "blocked; needs a conversation")


# --------------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------------
def _schedule(member: _Member) -> list[tuple[int, datetime.date]]:
    """The member's bi-weekly check-in dates: (slot, date), skipping holidays and personal leave."""
    out = []
    for slot in range(min(_SLOTS, member.last_slot + 1)):
        if slot in _TEAM_SKIPS or slot in member.skips:
            continue
        out.append((slot, _FIRST_MONDAY + datetime.timedelta(days=member.weekday + 14 * slot)))
    return out


def _trend(kr: _KR) -> str:
    if kr.trend:
        return kr.trend
    return {"met": "done", "partly_met": "at_risk", "carried_over": "at_risk", "not_met": "at_risk"}.get(
        kr.outcome or "", "on_track")


def _status(kr: _KR, i: int, n: int, day: datetime.date, rng: random.Random) -> _KRState:
    trend = _trend(kr)
    if trend == "done":
        near = day >= kr.target - datetime.timedelta(days=7)
        closed = kr.outcome is not None and i == n - 1
        return "done" if near or closed else "on_track"
    if trend == "at_risk":
        return "on_track" if i < 0.4 * n else "at_risk"
    if trend == "blocked":
        return "on_track" if i < 0.34 * n else ("at_risk" if i < 0.67 * n else "blocked")
    return "at_risk" if rng.random() < 0.12 else "on_track"


def _okr_models(member: _Member) -> list[QuarterOKRs]:
    out = []
    for quarter, objectives in member.okrs.items():
        objs = []
        for obj in objectives:
            krs = [KeyResult(text=kr.text, target_date=kr.target,
                             # asked for when the quarter's OKRs were set, on its first day (fixed, so the demo
                             # reads the same whichever day it is built)
                             support=[Support(who=w, what=t, status="requested", due=due,
                                              requested_on=quarter_bounds(quarter)[0]) for w, t, _, due in kr.support])
                   for kr in obj.krs]
            objs.append(Objective(text=obj.text, goal=obj.goal, understanding=obj.understanding,
                                  supplement=obj.supplement, aligned_work=obj.aligned_work, key_results=krs))
        out.append(QuarterOKRs(person=member.id, quarter=quarter, objectives=objs))
    return out


def _close_summary(member: _Member, quarter: str) -> str:
    prev = {"2026Q2": "2026Q1", "2026Q3": "2026Q2", "2026Q4": "2026Q3"}.get(quarter)
    n_objs, n_krs = len(member.okrs[quarter]), sum(len(o.krs) for o in member.okrs[quarter])
    new = (f"agreed {quarter} OKRs ({n_objs} objective{'s' * (n_objs > 1)}, "
           f"{n_krs} key result{'s' * (n_krs > 1)})")
    if prev is None:
        return f"Growth plan talked through; {new}."
    counts: dict[str, int] = {}
    for obj in member.okrs[prev]:
        for kr in obj.krs:
            counts[kr.outcome or "open"] = counts.get(kr.outcome or "open", 0) + 1
    closed = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
    return f"Closed {prev} ({closed}); {new}."


def _check_ins(member: _Member, rng: random.Random) -> list[tuple[int, CheckIn, tuple[bool, ...]]]:
    """The member's check-ins in date order, each with the done-flags of its actions."""
    schedule = _schedule(member)
    tracked: dict[str, list[int]] = {}
    for slot, day in schedule:
        if slot >= _FIRST_TRACKED_SLOT:
            tracked.setdefault(quarter_of(day), []).append(slot)
    done_krs: set[tuple[str, int, int]] = set()
    last_note: dict[tuple[str, int, int], str] = {}
    out = []
    for slot, day in schedule:
        quarter = quarter_of(day)
        special = member.specials.get(slot, _Special())
        statuses: list[KRStatus] = []
        if slot >= _FIRST_TRACKED_SLOT:
            slots = tracked[quarter]
            i, n = slots.index(slot), len(slots)
            for oi, obj in enumerate(member.okrs[quarter], 1):
                for ki, kr in enumerate(obj.krs, 1):
                    key = (quarter, oi, ki)
                    if key in done_krs:
                        continue
                    status = _status(kr, i, n, day, rng)
                    note = ""
                    step = ""
                    if kr.steps:
                        step = kr.steps[min(len(kr.steps) - 1, i * len(kr.steps) // n)]
                        note = step if step != last_note.get(key) else ""
                        last_note[key] = step
                    if (oi, ki) in special.force:
                        status, note = special.force[(oi, ki)]
                    if status == "done":
                        done_krs.add(key)
                        note = kr.steps[-1] if kr.steps and step == kr.steps[-1] else "done"
                    elif not note and status == "at_risk":
                        note = rng.choice(_AT_RISK)
                    elif not note and status == "blocked":
                        note = rng.choice(_BLOCKED)
                    elif not note:
                        note = rng.choice(_ON_TRACK)
                    statuses.append(KRStatus(objective=oi, key_result=ki, status=status, note=note))
        summary = special.summary
        if not summary and slot >= _FIRST_TRACKED_SLOT and tracked[quarter][0] == slot:
            summary = _close_summary(member, quarter)
        if not summary:
            counts = {s: sum(1 for st in statuses if st.status == s) for s in ("on_track", "at_risk", "blocked", "done")}
            parts = [f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v]
            summary = f"{rng.choice(_OPENERS)}: {', '.join(parts) or 'nothing to track yet'}."
        actions = [Action(text=t, owner=owner, due=due) for t, owner, due, _ in special.actions]
        ci = CheckIn(person=member.id, date=day, mode=special.mode, key_results=statuses,
                     obstacles=[Obstacle(kind=k, text=t) for k, t in special.obstacles],
                     trial_runs=[TrialRun(text=tr.text, follow_up_on=tr.follow_up_on) for tr in special.trials],
                     actions=actions, summary=summary)
        out.append((slot, ci, tuple(done for *_, done in special.actions)))
    return out


def _notes(member: _Member) -> Iterable[Note]:
    for row in member.notes:
        day, direction, topic, setting, visibility, text, *rest = row
        follow_up, due = (rest + ["", None])[:2]
        yield Note(person=member.id, date=day, direction=direction, topic=topic, setting=setting,
                   visibility=visibility, text=text, follow_up=follow_up, follow_up_due=due)


def build_demo(store: Store, manager: str = DEMO_MANAGER) -> dict[str, int]:
    """Write the demo team into ``store`` in one transaction and return counts of what was written.
    ``manager`` is the team's manager: a name (the single-manager demo) or a person id in the workbook.

    Raises (and writes nothing) when a demo person id already exists in the store.
    """
    rng = random.Random(DEMO_SEED)
    counts = dict.fromkeys(("people", "growth_plans", "goals", "okr_quarters", "objectives", "key_results",
                            "support", "check_ins", "kr_statuses", "obstacles", "trial_runs", "actions", "notes",
                            "private_notes", "outcomes"), 0)
    with store.atomic():
        for m in TEAM:
            store.add_person(Person(id=m.id, name=m.name, track=m.track, level=m.level, ladder=m.ladder,
                                    manager=manager, motivations=m.motivations, started=m.started))
            counts["people"] += 1
            goals = [Goal(text=t, draft=draft, priority=p, competencies=list(c), feedback=fb)
                     for t, draft, p, c, fb in m.goals]
            store.save_plan(GrowthPlan(person=m.id, year=DEMO_YEAR, drafted_by="employee", status=m.plan_status,
                                       goals=goals), replace=False)
            counts["growth_plans"] += 1
            counts["goals"] += len(goals)
            for okrs in _okr_models(m):
                store.save_okrs(okrs)
                counts["okr_quarters"] += 1
                counts["objectives"] += len(okrs.objectives)
                counts["key_results"] += sum(len(o.key_results) for o in okrs.objectives)
                counts["support"] += sum(len(k.support) for o in okrs.objectives for k in o.key_results)

        # Check-ins in calendar order across the team, as they happened.
        planned = [(ci.date, m.id, slot, ci, done, m) for m in TEAM for slot, ci, done in _check_ins(m, rng)]
        for _day, _pid, slot, ci, done_flags, m in sorted(planned, key=lambda r: (r[0], r[1])):
            cid = store.add_check_in(ci)
            counts["check_ins"] += 1
            counts["kr_statuses"] += len(ci.key_results)
            counts["obstacles"] += len(ci.obstacles)
            counts["trial_runs"] += len(ci.trial_runs)
            counts["actions"] += len(ci.actions)
            if any(done_flags):
                saved = next(c for c in store.check_ins(m.id, quarter_of(ci.date)) if c.id == cid)
                for action, is_done in zip(saved.actions, done_flags, strict=True):
                    if is_done:  # done by its due day (two weeks after the check-in when it has none), not later than today
                        done_on = min(action.due or ci.date + datetime.timedelta(days=14), clock.today())
                        store.set_action_status(action.id, "done", on=max(done_on, ci.date))  # type: ignore[arg-type]
            for earlier in m.specials.values():
                for tr in earlier.trials:
                    if tr.debrief_slot == slot:
                        store.update_trial_run(m.id, tr.text, "debriefed", tr.debrief)

        notes = sorted(((n.date, n.person, n) for m in TEAM for n in _notes(m)), key=lambda r: (r[0], r[1]))
        for _day, _pid, note in notes:
            store.add_note(note)
            counts["notes"] += 1
            counts["private_notes"] += note.visibility == "private"

        # Quarter close: outcomes for Q1-Q3 (Q4 is still running), then the support commitments' statuses.
        for m in TEAM:
            for quarter, objectives in m.okrs.items():
                for oi, obj in enumerate(objectives, 1):
                    for ki, kr in enumerate(obj.krs, 1):
                        if kr.outcome is not None:
                            store.set_outcome(m.id, quarter, oi, ki, kr.outcome, kr.note,  # at the close, days after
                                              on=quarter_bounds(quarter)[1] + datetime.timedelta(days=CLOSED_AFTER_DAYS))
                            counts["outcomes"] += 1
            for quarter, objectives in m.okrs.items():
                saved_okrs = store.okrs(m.id, quarter)
                assert saved_okrs is not None
                for obj, saved_obj in zip(objectives, saved_okrs.objectives, strict=True):
                    for kr, saved_kr in zip(obj.krs, saved_obj.key_results, strict=True):
                        for (_, _, status, _), sup in zip(kr.support, saved_kr.support, strict=True):
                            if status != "requested":  # on its due day (the quarter's last without one), not after today
                                on = min(sup.due or quarter_bounds(quarter)[1], clock.today())
                                store.set_support_status(sup.id, status, on=max(on, sup.requested_on or on))  # type: ignore[arg-type]
    return counts
