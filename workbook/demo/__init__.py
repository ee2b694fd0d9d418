"""The demo: a fictional manager's team and a year of career conversations, and the main job that runs on it."""

from __future__ import annotations

from .build import TEAM, build_demo
from .cast import (
    DEMO_AS_OF,
    DEMO_MANAGER,
    DEMO_QUARTER,
    DEMO_SEED,
    DEMO_YEAR,
    LADDER_OUTLIER,
    OVERDUE_SUPPORT,
    PLAN_IN_DISCUSSION,
    QUIET_PERSON,
    WEAK_KEY_RESULTS,
)
from .job import build_demo_db, ensure_demo_db, make_demo_summaries, run_demo, run_demo_outputs

__all__ = [
    "DEMO_AS_OF",
    "DEMO_MANAGER",
    "DEMO_QUARTER",
    "DEMO_SEED",
    "DEMO_YEAR",
    "LADDER_OUTLIER",
    "OVERDUE_SUPPORT",
    "PLAN_IN_DISCUSSION",
    "QUIET_PERSON",
    "TEAM",
    "WEAK_KEY_RESULTS",
    "build_demo",
    "build_demo_db",
    "ensure_demo_db",
    "make_demo_summaries",
    "run_demo",
    "run_demo_outputs",
]
