"""Stage 5, quarter close and restart: each key result's status trail and outcome, what carries over, the year in review.

Stage 5 of the cycle. At the end of a quarter every key result gets an outcome (met, partly met, not
met, carried over, dropped) with a note, suggested from its last check-in status. Key results marked
"carried over" become the next quarter's draft OKRs, written in the same transaction as the outcomes
and refused (nothing written) when they would break the workbook's limits. The year review shows each
annual growth goal with the objectives and key results that served it across the quarters, and the
restart checklist says what comes next: next quarter's OKRs, the check-ins, next year's goals drafted
by the report. Everything returned as markup is escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..core.dates import (
    check_quarter,
    next_quarter,
    outcome_shown_on,
    quarter_bounds,
    to_date,
)
from ..core.errors import NotFound, RuleViolation
from ..core.labels import DRAFTER_LABELS, OUTCOME_LABELS, STATUS_LABELS, kr_label, plural
from ..core.model import (
    KR_OUTCOMES,
    STORED,
    KeyResult,
    KRRef,
    Objective,
    Quarter,
    QuarterOKRs,
    Slug,
    check_text,
)
from ..core.rules import Finding, check_okrs

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    import pandas as pd

    from ..store import Store

__all__ = ["SUGGESTED_OUTCOME", "CHECK_IN_EVERY_DAYS", "KRClose", "KROutcome", "QuarterClose", "CloseResult", "RestartStep", "suggest_outcome", "status_runs", "trail_text", "close_items", "close_frame", "next_quarter_okrs_line", "carry_over_draft", "close_quarter", "year_review_frame", "year_outcomes_frame", "restart_steps"]


# Only a starting point for the conversation: done is met; anything still moving was at most partly met
# unless the manager carries it over; a blocked or never-discussed key result was not met.
SUGGESTED_OUTCOME = {"done": "met", "on_track": "partly_met", "at_risk": "partly_met", "blocked": "not_met"}


CHECK_IN_EVERY_DAYS = 14


# Outcomes that deserve one line on what happened (a met key result speaks for itself).
_NOTE_EXPECTED = ("partly_met", "not_met", "dropped", "carried_over")


_STAGE_NOTEBOOKS = {1: "01_conversation_log", 2: "02_growth_goals", 3: "03_quarterly_okrs", 4: "04_check_in",
                    5: "05_quarter_close"}


def suggest_outcome(last_status: str | None) -> str:
    """The outcome to start from, given the key result's last check-in status (done -> met)."""
    return SUGGESTED_OUTCOME.get(last_status or "", "not_met")


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


def status_runs(trail: Sequence[tuple[dt.date, str, str]]) -> list[tuple[str, dt.date, int]]:
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
             for s, d, n in status_runs(trail)]
    return " → ".join(parts)


def close_items(store: Store, person_id: str, quarter: str, as_of: dt.date | None = None) -> list[KRClose]:
    """The quarter's key results in order with their status trails and outcomes (with ``as_of``, only outcomes
    recorded by that day). Raises NotFound for an unknown person; an empty list when the quarter has no key
    results."""
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
            shown = outcome_shown_on(kr.outcome_on, as_of)
            items.append(KRClose(objective=i, key_result=j, objective_text=obj.text, kr_text=kr.text, trail=trail,
                                 outcome=kr.outcome if shown else None, outcome_note=(kr.outcome_note or "") if shown else "",
                                 suggested=suggest_outcome(trail[-1][1] if trail else None)))
    return items


def next_quarter_okrs_line(store: Store, person_id: str, next_q: str) -> str:
    """Where the quarter after a close stands, as one plain sentence: its OKRs when they are set (often they are,
    drafted while this one closes), else the step to set them."""
    okrs = store.okrs(person_id, next_q)
    if okrs is None or not okrs.objectives:
        return f"Set {next_q}'s OKRs in stage 3."
    n_krs = sum(len(o.key_results) for o in okrs.objectives)
    return (f"{next_q} has OKRs: {plural(len(okrs.objectives), 'objective')}, {plural(n_krs, 'key result')}. "
            "Finish or review them in stage 3.")


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


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class KROutcome(_Model):
    """The outcome of one key result, addressed by its positions in the quarter."""

    objective: Annotated[int, Field(ge=1)]
    key_result: Annotated[int, Field(ge=1)]
    outcome: Literal[KR_OUTCOMES]  # type: ignore[valid-type]
    note: Annotated[str, Field(max_length=2000), AfterValidator(check_text)] = ""


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
    are kept only within a year (``keep_goal_links``): goal numbers refer to one year's plan. Each carried key
    result keeps its lineage (``moved_from``), as a key result moved by hand does: the year review counts it
    once, and it cannot be moved a second time."""
    carried = {(o.objective, o.key_result) for o in outcomes if o.outcome == "carried_over"}
    objectives = []
    for i, obj in enumerate(okrs.objectives, 1):
        # their words as stored: carrying a key result over is not new input (see STORED)
        krs = [KeyResult.model_validate({"text": kr.text, "moved_from": KRRef(quarter=okrs.quarter, objective=i, key_result=j),
                                         "support": [s.model_copy(update={"id": None}) for s in kr.support
                                                     if s.status in ("requested", "committed")]}, context=STORED)
               for j, kr in enumerate(obj.key_results, 1) if (i, j) in carried]
        if krs:
            objectives.append(Objective.model_validate(
                {"text": obj.text, "goal": obj.goal if keep_goal_links else None, "understanding": obj.understanding,
                 "supplement": obj.supplement, "aligned_work": obj.aligned_work, "key_results": krs}, context=STORED))
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
            if o.note != kr.outcome_note:  # assigning validates as new input: a note kept as stored is not (0019)
                kr.outcome_note = o.note
        carried = [o for o in close.outcomes if o.outcome == "carried_over"]
        draft = None
        if start_next and carried:
            existing = store.okrs(close.person, nxt)
            if existing is not None and existing.objectives:
                findings.append(Finding("info", "next_quarter_exists",
                                        f"{nxt} already has OKRs, so the {plural(len(carried), 'carried-over key result')} "
                                        + ("was not added to them; bring it in by hand in stage 3 if it still matters"
                                           if len(carried) == 1 else
                                           "were not added to them; bring them in by hand in stage 3 if they still matter"),
                                        nxt))
            else:
                same_year = nxt[:4] == q[:4]
                draft = carry_over_draft(okrs, close.outcomes, keep_goal_links=same_year)
                errors = [f for f in check_okrs(close.person, nxt, draft.objectives, store.limits(),
                                                where=f"carry-over into {nxt}") if f.severity == "error"]
                if errors:
                    lead = Finding("error", "carry_over_limits",
                                   f"carrying {plural(len(carried), 'key result')} over into {nxt} would break the limits; "
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
        findings.append(Finding("warning", "open_key_results",
                                f"{plural(open_krs, 'key result')} still {'has' if open_krs == 1 else 'have'} no outcome",
                                f"{close.person} {q}"))
    n_carried = sum(len(o.key_results) for o in draft.objectives) if draft is not None else 0
    if draft is not None:
        findings.append(Finding("info", "next_quarter_created",
                                f"{nxt} started with {plural(len(draft.objectives), 'objective')} and "
                                f"{plural(n_carried, 'carried-over key result')}; finish them in stage 3: set target "
                                "dates and check the support", nxt))
    elif start_next and not carried:
        findings.append(Finding("info", "nothing_carried",
                                f"nothing was carried over; {nxt} starts from a blank page in stage 3", nxt))
    return CloseResult(quarter=q, next_quarter=nxt, saved=len(close.outcomes), carried=n_carried,
                       next_created=draft is not None, findings=findings)


def _year_quarters(year: int) -> list[str]:
    return [f"{year}Q{n}" for n in range(1, 5)]


def year_review_frame(store: Store, person_id: str, year: int) -> pd.DataFrame:
    """The year's growth goals with the key results that served them, across the quarters. One row per
    (goal, key result): goal (number, 0 for objectives not linked to a goal), goal_text, quarter, objective,
    objective_text, key_result, kr_text, outcome (recorded or 'open'), outcome_note, continued_in (the later
    quarter of the year where a key result moved or carried over continues, else ''). A goal nothing served
    gets one row with empty quarter columns."""
    import pandas as pd

    cols = ["goal", "goal_text", "quarter", "objective", "objective_text", "key_result", "kr_text", "outcome",
            "outcome_note", "continued_in"]
    store.person(person_id)
    goals = store.goals_frame(person_id, year)
    krs = store.okrs_frame(person_id)
    krs = krs[krs["quarter"].isin(_year_quarters(year))] if len(krs) else krs
    # a key result continued later in the year (its successor's moved_from_id) is one key result, not two
    continued = {int(m): str(q) for m, q in zip(krs.get("moved_from_id", []), krs.get("quarter", []), strict=False)
                 if m == m and m is not None}
    rows: list[dict[str, Any]] = []
    goal_texts = {int(p): str(t) for p, t in zip(goals.get("position", []), goals.get("text", []), strict=False)}
    for pos in [*sorted(goal_texts), 0]:
        served = krs[[(g == g and g is not None and int(g) == pos) if pos else (g != g or g is None)
                      for g in krs["goal"]]] if len(krs) else krs
        if not len(served) and pos:
            rows.append({"goal": pos, "goal_text": goal_texts[pos], "quarter": "", "objective": None,
                         "objective_text": "", "key_result": None, "kr_text": "", "outcome": "", "outcome_note": "",
                         "continued_in": ""})
        for r in served.itertuples():
            has_kr = r.kr_id == r.kr_id and r.kr_id is not None
            rows.append({"goal": pos, "goal_text": goal_texts.get(pos, ""), "quarter": r.quarter,
                         "objective": int(r.objective), "objective_text": r.objective_text,
                         "key_result": int(r.key_result) if has_kr else None, "kr_text": r.kr_text if has_kr else "",
                         "outcome": (r.outcome if isinstance(r.outcome, str) and r.outcome else "open") if has_kr else "",
                         "outcome_note": (r.outcome_note or "") if has_kr else "",
                         "continued_in": continued.get(int(r.kr_id), "") if has_kr else ""})
    return pd.DataFrame(rows, columns=cols)


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
    items = close_items(store, person_id, q, as_of)
    steps: list[RestartStep] = []

    open_items = [it for it in items if not it.outcome]
    if not items:
        steps.append(RestartStep(5, f"Close {q}", "done", f"{q} had no key results to close."))
    elif open_items:
        steps.append(RestartStep(5, f"Close {q}", "todo", "The key result still needs an outcome and a note."
                                 if len(items) == 1 else
                                 f"{len(open_items)} of {len(items)} key results still need an outcome and a note."))
    else:
        steps.append(RestartStep(5, f"Close {q}", "done", "The key result has an outcome." if len(items) == 1
                                 else f"All {len(items)} key results have an outcome."))

    nxt_okrs = store.okrs(person_id, nxt)
    if nxt_okrs is not None and nxt_okrs.objectives:
        n_krs = sum(len(o.key_results) for o in nxt_okrs.objectives)
        undated = sum(1 for o in nxt_okrs.objectives for k in o.key_results if k.target_date is None)
        detail = f"{plural(len(nxt_okrs.objectives), 'objective')}, {plural(n_krs, 'key result')}"
        detail += f"; {undated} without a target date yet." if undated else "."
        steps.append(RestartStep(3, f"Set {nxt} OKRs", "todo" if undated else "done", detail))
    else:
        carried = sum(1 for it in items if it.outcome == "carried_over")
        how = (f"'Save and start {nxt}' drafts them from the {plural(carried, 'carried-over key result')}; then agree"
               if carried else "Agree")
        if nxt[:4] != q[:4]:
            how = f"Once the {nxt[:4]} goals are agreed: " + how[0].lower() + how[1:]
        steps.append(RestartStep(3, f"Set {nxt} OKRs", "todo",
                                 f"No OKRs yet. {how} at most two objectives with one or two specific, "
                                 "measurable key results each, inside current work, with the support they need."))

    last = store.last_check_in(person_id, before=as_of + dt.timedelta(days=1))  # as the page stood that day
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
                                     f"{plural(len(plan.goals), 'goal')}, {plan.status.replace('_', ' ')}, drafted by "
                                     f"{DRAFTER_LABELS[plan.drafted_by]}" + ("." if state == "done" else "; agree a final version.")))
    else:
        plan = store.plan(person_id, int(q[:4]))
        n = len(plan.goals) if plan else 0
        agreed = plan is not None and plan.status == "agreed"
        status = "" if plan is None or agreed else f", still {plan.status.replace('_', ' ')}: agree a final version"
        steps.append(RestartStep(2, f"Check the {q[:4]} goals still fit", "done" if n and agreed else "todo",
                                 f"{plural(n, 'growth goal')} for {q[:4]}{status}; the year review above shows what "
                                 "served each. Next year's goals are drafted by the report after the annual review."
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
        ago = "this week" if weeks == 0 else f"{plural(weeks, 'week')} ago"
        steps.append(RestartStep(1, "Keep pushing and pulling", "todo" if quiet else "done",
                                 f"Last career conversation (a note or a check-in) on {last_day:%d %b %Y} ({ago})."
                                 + (" Find a moment soon: a water-cooler chat counts." if quiet else "")))
    # The cycle's order: close, (re)check the goals, then next quarter's OKRs, check-ins, push and pull.
    rank = {5: 0, 2: 1, 3: 2, 4: 3, 1: 4}
    return sorted(steps, key=lambda st: rank[st.stage])
