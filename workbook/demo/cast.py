"""The demo's cast and its vocabulary: dates, the team's shared facts, and the shapes a member's year is written in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "DEMO_YEAR",
    "DEMO_AS_OF",
    "DEMO_QUARTER",
    "DEMO_MANAGER",
    "DEMO_SEED",
    "LADDER_OUTLIER",
    "QUIET_PERSON",
    "PLAN_IN_DISCUSSION",
    "WEAK_KEY_RESULTS",
    "OVERDUE_SUPPORT",
]

DEMO_YEAR = 2026
DEMO_AS_OF = datetime.date(2026, 12, 18)
DEMO_QUARTER = "2026Q4"
DEMO_MANAGER = "Maya Chen"
DEMO_SEED = 2026

LADDER_OUTLIER = "tomas"  # 1 of 3 goals tagged with ladder competencies: below the 50-75% band
QUIET_PERSON = "jun"  # no check-in and no note after 2026-10-16
PLAN_IN_DISCUSSION = "farah"
WEAK_KEY_RESULTS = (
    "Improve communication with stakeholders",
    "Write better code reviews",
    "Get more comfortable with on-call",
)
OVERDUE_SUPPORT = ("tomas", "2026Q4", "ask the platform director for a 30-minute slot at the architecture forum")

_KRState = Literal["on_track", "at_risk", "blocked", "done"]

DS_LADDER = "ladders/data-science.csv"
SE_LADDER = "ladders/software-engineering.csv"

_FIRST_MONDAY = datetime.date(2026, 1, 5)
_SLOTS = 25  # 2026-01-05 + 14 days * 24 = 2026-12-07 (the last fortnight before DEMO_AS_OF)
_TEAM_SKIPS = frozenset({12, 23})  # midsummer week and the late-November holiday week
_FIRST_TRACKED_SLOT = 2  # January is for the review and the goals; Q1 OKRs are agreed in early February


def d(month_day: str, year: int = DEMO_YEAR) -> datetime.date:
    """``d("03-27")`` is 27 March of the demo year."""
    return datetime.date.fromisoformat(f"{year}-{month_day}")


# --------------------------------------------------------------------------------------------------
# Declarative data
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _KR:
    text: str
    target: datetime.date
    support: tuple[tuple[str, str, str, datetime.date | None], ...] = ()  # who, what, final status, due
    outcome: str | None = None
    note: str = ""
    steps: tuple[str, ...] = ()  # short status notes in the order the work moves
    trend: str | None = None  # done / on_track / at_risk / blocked; default derived from the outcome


@dataclass(frozen=True)
class _Obj:
    text: str
    goal: int
    understanding: str
    supplement: str
    aligned_work: str
    krs: tuple[_KR, ...]


def _o(text: str, goal: int, understanding: str, supplement: str, aligned: str, *krs: _KR) -> _Obj:
    return _Obj(text, goal, understanding, supplement, aligned, tuple(krs))


@dataclass(frozen=True)
class _Trial:
    text: str
    follow_up_on: datetime.date
    debrief_slot: int
    debrief: str


@dataclass
class _Special:
    """A check-in that is more than the generated status pass."""

    summary: str = ""
    mode: Literal["status", "unblock"] = "status"
    obstacles: tuple[tuple[str, str], ...] = ()  # kind, text
    trials: tuple[_Trial, ...] = ()
    actions: tuple[tuple[str, str, datetime.date, bool], ...] = ()  # text, owner, due, done
    force: dict[tuple[int, int], tuple[_KRState, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Member:
    id: str
    name: str
    track: str
    level: str
    ladder: str
    motivations: str
    started: datetime.date
    weekday: int  # 0 = Monday: the day of their 1:1
    skips: frozenset[int]  # personal leave fortnights
    last_slot: int  # the last fortnight with a check-in
    plan_status: Literal["draft", "in_discussion", "agreed"]
    goals: tuple[tuple[str, str, int, tuple[str, ...], str], ...]  # text, draft, priority, competencies, feedback
    okrs: dict[str, tuple[_Obj, ...]]
    specials: dict[int, _Special]
    notes: tuple[tuple[Any, ...], ...]  # date, direction, topic, setting, visibility, text[, follow_up, due]


DS, SE = "Data Science", "Software Engineering"
