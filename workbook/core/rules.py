"""The practice's rules (how many goals, objectives and key results; who drafts) as findings with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .errors import InputError, RuleViolation

__all__ = ["Finding", "Limits", "DEFAULT_LIMITS", "LIMIT_RANGES", "check_plan", "check_okrs", "parse_limit", "limit_in_range",
           "raise_on_errors"]


@dataclass(frozen=True)
class Finding:
    """One thing the rules noticed. ``severity`` error blocks a write; warning is shown but saved."""

    severity: Literal["error", "warning", "info"]
    code: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class Limits:
    """Per-workbook limits. The defaults are the seeds' numbers (3 goals, 2 objectives, 2 KRs each)."""

    max_goals: int = 3
    max_objectives: int = 2
    max_key_results: int = 2
    ladder_share_low: float = 0.5
    ladder_share_high: float = 0.75
    quiet_weeks: int = 6  # no career conversation for this long is flagged
    check_in_days: int = 14  # a check-in is due when the last one is this many days old (bi-weekly)
    extra: dict = field(default_factory=dict, compare=False)

    KEYS = ("max_goals", "max_objectives", "max_key_results", "ladder_share_low", "ladder_share_high", "quiet_weeks",
            "check_in_days")


DEFAULT_LIMITS = Limits()

# The range each limit may be set in, and why its top is there: the forms offer one slot or priority per goal the
# limit allows, so a limit of a million would build a million widgets; the practice's numbers are 3, 2 and 2.
LIMIT_RANGES: dict[str, tuple[float, float, str]] = {
    "max_goals": (1, 10, "more than 10 growth goals a year is no longer a focus"),
    "max_objectives": (1, 10, "more than 10 objectives a quarter is no longer a focus"),
    "max_key_results": (1, 10, "more than 10 key results an objective is no longer a focus"),
    "ladder_share_low": (0.01, 1, "it is a share of the goals, at most 1 (all of them)"),
    "ladder_share_high": (0.01, 1, "it is a share of the goals, at most 1 (all of them)"),
    "quiet_weeks": (1, 52, "a year without a career conversation is past flagging"),
    "check_in_days": (1, 92, "check-ins less often than once a quarter miss the quarter they follow"),
}


def parse_limit(key: str, value: str) -> int | float:
    """The value of limit ``key`` parsed from text; raises InputError for an unknown key or a bad value."""
    if key not in Limits.KEYS:
        raise InputError(f"unknown limit {key!r}; known limits: {', '.join(Limits.KEYS)}")
    kind = type(getattr(DEFAULT_LIMITS, key))
    try:
        parsed = kind(value)
    except ValueError:
        raise InputError(f"limit {key} needs {'a whole number' if kind is int else 'a number'}, got {value!r}") from None
    if parsed <= 0:
        raise InputError(f"limit {key} must be positive, got {value!r}")
    low, high, why = LIMIT_RANGES[key]
    if not low <= parsed <= high:
        raise InputError(f"limit {key} must be between {low:g} and {high:g}, got {value!r} ({why})")
    return parsed


def limit_in_range(key: str, value: int | float) -> int | float:
    """A stored limit brought into its range (a workbook set before the ranges existed may hold 10**12)."""
    low, high, _ = LIMIT_RANGES[key]
    return type(value)(min(max(value, low), high))


def check_plan(person: str, year: int, goals: list, drafted_by: str, limits: Limits = DEFAULT_LIMITS,
               where: str = "") -> list[Finding]:
    """Findings for one person's growth plan for one year (goals: the full list after the write)."""
    out: list[Finding] = []
    at = where or f"growth plan {person} {year}"
    if len(goals) > limits.max_goals:
        out.append(Finding("error", "too_many_goals",
                           f"{len(goals)} goals, at most {limits.max_goals} annual growth goals per person and year; "
                           "merge or drop one (less is more)", at))
    if drafted_by not in ("employee", "manager"):
        out.append(Finding("error", "drafted_by", f"drafted_by {drafted_by!r} must be 'employee' or 'manager'", at))
    elif drafted_by == "manager":
        out.append(Finding("warning", "manager_drafted",
                           "drafted by the manager; the practice asks the report to draft their own goals "
                           "(ownership), the manager gives feedback", at))
    priorities = [g.priority for g in goals if getattr(g, "priority", None) is not None]
    if len(priorities) != len(set(priorities)):
        out.append(Finding("warning", "priority_tie", "two goals share a priority; agree which comes first", at))
    if (beyond := sorted({p for p in priorities if p > len(goals)})):
        out.append(Finding("warning", "priority_range",
                           f"priority {', '.join(map(str, beyond))} in a plan of {len(goals)} goal"
                           f"{'' if len(goals) == 1 else 's'}; priorities go from 1 (first) to {len(goals)}", at))
    return out


def check_okrs(person: str, quarter: str, objectives: list, limits: Limits = DEFAULT_LIMITS,
               where: str = "") -> list[Finding]:
    """Findings for one person's OKRs in one quarter (objectives: the full list after the write)."""
    out: list[Finding] = []
    at = where or f"OKRs {person} {quarter}"
    if len(objectives) > limits.max_objectives:
        out.append(Finding("error", "too_many_objectives",
                           f"{len(objectives)} objectives, at most {limits.max_objectives} per person and quarter; "
                           "these come on top of daily work, keep the one or two that matter most", at))
    for i, obj in enumerate(objectives, 1):
        krs = getattr(obj, "key_results", [])
        if len(krs) > limits.max_key_results:
            out.append(Finding("error", "too_many_key_results",
                               f"objective {i} has {len(krs)} key results, at most {limits.max_key_results}; "
                               "keep the most effective ones", f"{at} objective {i}"))
        if not krs:
            out.append(Finding("warning", "no_key_results",
                               f"objective {i} has no key result yet; add one or two measurable ones",
                               f"{at} objective {i}"))
    return out


def raise_on_errors(findings: list[Finding]) -> list[Finding]:
    """Raise RuleViolation naming every error; return the findings when none is an error."""
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise RuleViolation("; ".join(str(f) for f in errors), tuple(findings))
    return findings
