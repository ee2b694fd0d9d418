"""Stage 3 as markup: the context before setting OKRs, and the OKRs as saved with their measurability."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.dates import check_quarter, previous_quarter
from ..core.labels import TABLE_KR_WIDTH, kr_label
from ..stages.okrs import last_quarter_outcomes_frame, okrs_report_frame, prework_frame, year_goals_frame
from .html import escape, heading_html, table_html

if TYPE_CHECKING:  # pandas and matplotlib are imported lazily

    from ..store import Store

__all__ = ["okr_context_html", "okrs_report_html"]


def okr_context_html(store: Store, person_id: str, quarter: str) -> str:
    """What to have in front of you before setting a quarter's OKRs: the year's agreed goals with their
    priorities, last quarter's outcomes, and what was carried over. Every user string is escaped."""
    q = check_quarter(quarter)
    year = int(q[:4])
    plan = store.plan(person_id, year)
    goals = year_goals_frame(store, person_id, year)
    status = f"plan status: {plan.status.replace('_', ' ')}" if plan else ""
    person = store.person(person_id)
    parts = [f'<h3 style="margin:6px 0 2px">{escape(person.name)}: quarterly OKRs for {escape(q)}</h3>',
             heading_html(f"Growth goals for {year}", (status + "; " if status else "")
                      + "each objective below should serve one of these." if len(goals) else status),
             table_html(goals, {"goal": "#", "text": "goal", "priority": "priority"},
                        empty=f"no growth goals for {year} yet: agree them first (stage 2)")]
    prev = previous_quarter(q)
    outcomes = last_quarter_outcomes_frame(store, person_id, q)
    parts.append(heading_html(f"Last quarter ({prev}): how the key results ended"))
    parts.append(table_html(outcomes, {"objective_text": "objective", "kr_text": "key result", "outcome": "outcome",
                                       "outcome_note": "note", "last_status": "last check-in status"},
                            empty=f"no OKRs in {prev}"))
    carried = outcomes[outcomes["carry_over"].astype(bool)] if len(outcomes) else outcomes
    if len(carried):
        items = "".join(f"<li>{escape(t)}</li>" for t in carried["kr_text"])
        parts.append(heading_html("Carried over into this quarter", "decide whether each one still matters, "
                              "and if so put it in an objective below")
                     + f'<ul class="wb-carry-overs">{items}</ul>')
    return "".join(parts)


def okrs_report_html(store: Store, person_id: str, quarter: str) -> str:
    """The saved OKRs as a readable table (with measurability verdicts), the pre-work side by side,
    and the support list."""
    q = check_quarter(quarter)
    report = okrs_report_frame(store, person_id, q)
    parts = [heading_html(f"OKRs for {q} as saved"),
             table_html(report, {"objective": "objective", "goal": "growth goal", "key_result": "key result",
                                 "target_date": "target", "measurable": "measurable?", "why": "why",
                                 "aligned_work": "aligned current work"},
                        empty=f"no OKRs saved for {q} yet")]
    prework = prework_frame(store, person_id, q)
    if len(prework):
        parts.append(heading_html("Pre-work: what achieving each objective means",
                              "the report's understanding first, then the manager's supplement"))
        parts.append(table_html(prework, {"objective": "objective", "understanding": "report's understanding",
                                          "supplement": "manager's supplement"}))
    support = store.support_frame(person_id, q)
    parts.append(heading_html("Support needed", "commitments to follow up in the bi-weekly check-ins"))
    if len(support):
        support = support.assign(kr=[kr_label(o, k, t, TABLE_KR_WIDTH) for o, k, t in
                                     zip(support["objective"], support["key_result"], support["kr_text"], strict=True)])
    parts.append(table_html(support, {"kr": "key result", "who": "who", "what": "what", "status": "status",
                                      "due": "due"} if len(support) else None,
                            empty="no support listed; is there a review or feedback someone should give?"))
    return "".join(parts)
