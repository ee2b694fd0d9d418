"""Stage 3, quarterly OKRs: the year's goals to serve, how last quarter ended, pre-work, the saved OKRs checked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..coaching.kr_dates import check_key_result_in_quarter
from ..core.dates import (
    previous_quarter,
)
from ..core.labels import OUTCOME_LABELS, STATUS_LABELS, as_sentence, plural, short

if TYPE_CHECKING:  # pandas is imported lazily: the CLI stays fast
    import pandas as pd

    from ..core.rules import Finding
    from ..store import MoveResult, Store

__all__ = ["year_goals_frame", "last_quarter_outcomes_frame", "carry_overs_frame", "prework_frame", "okrs_report_frame",
           "okr_lines", "move_key_result"]


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

    from .team import latest_kr_status

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
        "outcome": [OUTCOME_LABELS.get(o, "not recorded") if isinstance(o, str) else "not recorded"
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
        goal = f"{obj.goal}. {short(goals.get(obj.goal, ''), 50)}" if obj.goal else "—"
        base = {"objective": f"O{i} {obj.text}", "goal": goal, "aligned_work": obj.aligned_work}
        if not obj.key_results:
            rows.append({**base, "key_result": "(no key result yet)", "target_date": "", "measurable": "",
                         "why": "", "support": ""})
        for j, kr in enumerate(obj.key_results, 1):
            verdict = check_key_result_in_quarter(kr.text, okrs.quarter, kr.target_date)  # its deadline in this quarter
            rows.append({**base, "key_result": f"KR{j} {kr.text}",
                         "target_date": kr.target_date.isoformat() if kr.target_date else "",
                         "measurable": "yes" if verdict.measurable else "not yet",
                         "why": "; ".join(verdict.reasons),
                         "support": "\n".join(_support_text(s) for s in kr.support) or "—"})
    return pd.DataFrame(rows, columns=cols)


def okr_lines(store: Store, person_id: str, quarter: str | None = None) -> list[str]:
    """A person's OKRs as `workbook objective list` prints them, newest quarter first (or ``quarter``'s alone): each
    objective with its number (as `objective edit` and `kr add` take it), the goal it serves and its aligned work;
    each key result as O1·KR2 (`kr edit PERSON QUARTER 1 2`) with its target date, the measurability check's verdict
    (its first reason when not measurable), its outcome, the earlier key result it continues (moved or carried
    over) and its support. Empty when there are none; NotFound
    for an unknown person."""
    store.person(person_id)
    frame = store.okrs_frame(person_id, quarter)
    lines: list[str] = []
    for q in sorted(set(frame["quarter"]), reverse=True):
        okrs = store.okrs(person_id, str(q))
        if okrs is None:
            continue
        lines.append(f"{okrs.quarter}: {plural(len(okrs.objectives), 'objective')}")
        for i, obj in enumerate(okrs.objectives, 1):
            about = [f"serves goal {obj.goal} of {okrs.quarter[:4]}" if obj.goal else "serves no goal",
                     f"aligned work: {obj.aligned_work}" if obj.aligned_work.strip() else ""]
            lines.append(f"  O{i} {obj.text} ({'; '.join(a for a in about if a)})")
            if not obj.key_results:
                lines.append(f"      no key result yet: `workbook kr add {person_id} {okrs.quarter} {i} --text ...`")
            for j, kr in enumerate(obj.key_results, 1):
                verdict = check_key_result_in_quarter(kr.text, okrs.quarter, kr.target_date)
                facts = [f"target {kr.target_date.isoformat()}" if kr.target_date else "no target date",
                         "measurable" if verdict.measurable else
                         "not measurable yet" + (f": {verdict.reasons[0]}" if verdict.reasons else ""),
                         (f"outcome: {OUTCOME_LABELS.get(kr.outcome, kr.outcome)}"
                          + (f" (recorded {kr.outcome_on.isoformat()})" if kr.outcome_on else "")) if kr.outcome else "",
                         f"continues {kr.moved_from.label()}" if kr.moved_from else "",
                         ("support: " + "; ".join(_support_text(s) for s in kr.support)) if kr.support else ""]
                lines.append(f"    O{i}·KR{j} {kr.text}")
                lines.append(f"          {' · '.join(f for f in facts if f)}")
    return lines


def move_key_result(store: Store, person_id: str, quarter: str, objective: int, key_result: int, *,
                    to_quarter: str | None = None, to_objective: int | None = None,
                    target_date: Any = None) -> tuple[MoveResult, list[Finding]]:
    """Move a key result to a later quarter (:meth:`Store.move_key_result`: lineage kept, its check-ins stay
    with the old quarter) and say what to fix in its new place: a target or support date outside the new
    quarter, and the measurability check run again on the new quarter's dates. Raises what the store raises."""
    from ..core.dates import quarter_bounds, to_date
    from ..core.rules import Finding

    moved = store.move_key_result(person_id, quarter, objective, key_result, to_quarter=to_quarter,
                                  to_objective=to_objective, target_date=to_date(target_date))
    q = moved.to_ref.quarter
    start, end = quarter_bounds(q)
    kr = moved.key_result
    where = f"{person_id} {moved.to_ref.label()}"
    findings: list[Finding] = [Finding("info", "moved", f"moved from {moved.from_ref.label()} (its check-ins stay there, "
                                       "with the outcome carried over)", where)]
    dates = {"target date": kr.target_date, **{f"support '{s.who}' due": s.due for s in kr.support}}
    for name, day in dates.items():
        if day is not None and not start <= day <= end:
            findings.append(Finding("warning", "date_outside_quarter", f"{name} {day.isoformat()} is outside {q} "
                                    f"({start.isoformat()} to {end.isoformat()}); change it to a date in the quarter", where))
    verdict = check_key_result_in_quarter(kr.text, q, kr.target_date)
    if not verdict.measurable:
        findings.append(Finding("warning", "not_measurable", as_sentence("not measurable in its new quarter: "
                                + "; ".join(verdict.reasons[:1])) + " " + verdict.suggestion, where))
    return moved, findings
