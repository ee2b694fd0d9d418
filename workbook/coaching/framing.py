"""Growth-goal framing: a goal that is a task or a symptom gets a hint and a reframe toward a capability."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..core.errors import InputError
from .text import PREAMBLE_RE as _PREAMBLE_RE
from .text import normalize as _normalize
from .text import phrases as _phrases

__all__ = ["Hint", "frame_goal", "check_goals"]


@dataclass(frozen=True)
class Hint:
    """One piece of framing feedback for a manager about annual growth goals."""

    code: str
    message: str
    reframe: str | None = None
    goal: str = ""  # the goal text the hint is about; "" for hints about the whole list

    def to_dict(self) -> dict[str, Any]:
        """Return code, message, reframe and goal as a plain dict."""
        return {"code": self.code, "message": self.message, "reframe": self.reframe, "goal": self.goal}



_TASK_HEADS = _phrases(
    "ship, launch, deliver, build, finish, complete, migrate, release, deploy, implement, fix, close, "
    "hit, get done, finalize, finalise, roll out, automate, set up, write, publish, create, refactor, "
    "rewrite, move, clean up, handle, reduce, increase, cut, do, run, make, close out, wrap up, deliver "
    "on"
)
_GROWTH_WORDS = re.compile(
    r"\b(?:skills?|abilit\w+|capabilit\w+|expert\w*|learn\w*|grow\w*|develop(?:ing|ment)?\b|becom\w+|"
    r"establish myself|mentor\w*|influence|understanding|confiden\w+|leader\w*|competen\w+|mastery|master|"
    r"next[- ]level|promotion|career|practice|practise|get better|improv\w+|enhanc\w+|strengthen\w*|"
    r"deepen\w*|broaden\w*|knowledge|fluen\w+|judgement|judgment|craft|expand\w*)"
)
# "Faster at answering questions" is overload; "faster at profiling slow pages" is a skill getting sharper.
_SERVICE = r"answer|respond|repl|deliver|ship|clos|handl|turn|finish|complet|get|do\b|doing|work"
_SYMPTOM_RE = re.compile(
    r"\b(?:multi-?task\w*|productiv\w*|(?:work(?:ing)?|put(?:ting)? in)\s+(?:more|longer|extra)\s+hours|"
    r"longer hours|work(?:ing)? harder|(?:on\s+)?weekends|"
    rf"handl\w+\s+more(?:\s+\w+)?\s+requests|more requests|(?:faster|quicker)(?!\s+at\s+(?!{_SERVICE})\w)|"
    r"get\s+more\s+(?:work\s+)?done|"
    r"do(?:ing)?\s+more(?=\s*[.!]?$|\s+(?:work|tasks?|things|stuff|tickets|requests|in\s+less)\b)|say(?:ing)?\s+yes|keep(?:ing)?\s+up\s+with\s+(?:all|every)|take\s+on\s+more|"
    r"respond\w*\s+(?:faster|quicker|immediately)|always\s+available|answer\w*\s+(?:all|every)\b|"
    r"juggl\w+|busier|output|throughput|(?:be|become|being|more)\s+efficient(?!\s+(?:at|in|with|when|by)\b)|speed)"
)
_SOFT_SKILL_RE = re.compile(
    r"\b(?:communication|communicat\w+|collaborat\w+|leadership|leader|soft[- ]skills?|teamwork|interpersonal|"
    r"people skills|presence|relationship\w*|emotional intelligence|influenc\w+)\b"
)
_BEHAVIOUR_RE = re.compile(
    r"\b(?:by\s+\w+ing|present\w*|writ\w+|document\w*|mentor\w*|facilitat\w+|design reviews?|"
    r"meetings?|1:1s?|one-on-ones?|feedback|demos?|talks?|workshops?|standups?|partners?|stakeholders?|"
    r"in the \w+ field|with (?:the\s+)?\w+ team|with (?:product|sales|engineering|finance|marketing)|"
    r"citizenship|domain expert|interview\w*|pushing back|push back|priorit\w+)\b"
)

_SOFT_SKILL_REFRAMES = {
    "communication": 'Name the behaviour and the setting, e.g. "Improve my communication with partners by '
    'presenting project progress at the cross-functional weekly meeting and asking for feedback"',
    "collaboration": 'Name the behaviour and the setting, e.g. "Collaborate better with partner teams by agreeing '
    'shared priorities at a quarterly kickoff and writing up decisions after each joint review"',
    "leadership": 'Name the behaviour and the setting, e.g. "Grow my leadership by running sprint planning and '
    'mentoring a new hire through their first quarter"',
    "relationships": 'Name the behaviour and the setting, e.g. "Build relationships with the finance partners by '
    'holding a monthly 1:1 with their analytics lead and sharing a short written update"',
}


def _soft_skill_family(skill: str) -> str:
    if skill.startswith("collaborat") or skill == "teamwork":
        return "collaboration"
    if skill.startswith("leader") or skill.startswith("influenc") or skill == "presence":
        return "leadership"
    if skill.startswith("relationship") or skill in (
        "interpersonal",
        "people skills",
        "emotional intelligence",
    ):
        return "relationships"
    return "communication"


_SYMPTOM_REFRAME = (
    "Ask what is driving the load; the growth is usually prioritization and stakeholder management, e.g. "
    '"Agree quarterly priorities with my partners, push back on low-impact requests with a clear '
    'rationale, and point partners to ways they can self-serve"'
)


def _quote(text: str, limit: int = 60) -> str:
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f'"{short}"'


def frame_goal(text: str) -> list[Hint]:
    """Framing hints for one annual growth goal: task not growth, symptom goal, vague soft skill.

    Returns an empty list for a goal that names a capability the person builds. A blank goal gets one
    ``empty_goal`` hint. Raises InputError when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise InputError(f"goal must be text, got {type(text).__name__}; pass the goal as a string")
    clean = _normalize(text)
    if not clean:
        return [
            Hint(
                "empty_goal",
                "This goal is empty; ask the report to write it in one sentence.",
                "What capability do you want to build this year, and why does it matter to you?",
                "",
            )
        ]
    low = clean.lower()
    low_head = _PREAMBLE_RE.sub("", low)
    hints: list[Hint] = []
    quoted = _quote(clean)

    if _SYMPTOM_RE.search(low):
        hints.append(
            Hint(
                "symptom_goal",
                f"{quoted} names a symptom of overload (more output, speed or hours), not a capability; "
                "explore whether prioritization and stakeholder management are the real growth.",
                _SYMPTOM_REFRAME,
                clean,
            )
        )

    head = next(
        (
            w
            for w in sorted(_TASK_HEADS, key=len, reverse=True)
            if re.match(rf"{re.escape(w)}(?![\w-])", low_head)
        ),
        "",
    )
    if head and not _GROWTH_WORDS.search(low) and not hints:
        project = (
            re.split(
                r"\s+(?:on time|by|before|this|in q[1-4])\b",
                clean[len(head) :].strip(" ."),
                maxsplit=1,
                flags=re.IGNORECASE,
            )[0]
            or "this project"
        )
        hints.append(
            Hint(
                "task_not_growth",
                f"{quoted} is a task to deliver, not growth; ask what capability doing it would build.",
                f'Name the capability and keep the task as the place to practise it, e.g. "Grow my end-to-end '
                f'delivery skills (scoping, aligning stakeholders, launching), practised on {project}"',
                clean,
            )
        )

    if _SOFT_SKILL_RE.search(low) and not _BEHAVIOUR_RE.search(low):
        skill = _SOFT_SKILL_RE.search(low).group(0)  # type: ignore[union-attr]
        hints.append(
            Hint(
                "vague_soft_skill",
                f"{quoted} names a soft skill ('{skill}') without a behaviour; ask what the person would do "
                "differently and where they will practise it.",
                _SOFT_SKILL_REFRAMES.get(_soft_skill_family(skill), _SOFT_SKILL_REFRAMES["communication"]),
                clean,
            )
        )
    return hints


def check_goals(goals: list[str], max_goals: int = 3) -> list[Hint]:
    """Framing hints for a person's annual growth goals: too many, duplicates, and each goal's framing.

    Blank entries are ignored (forms often have empty slots). Raises InputError when ``max_goals`` is
    below 1 or an entry is not a string.
    """
    if max_goals < 1:
        raise InputError(f"max_goals is {max_goals}; it must be at least 1 (the practice uses 3)")
    for i, g in enumerate(goals):
        if not isinstance(g, str):
            raise InputError(f"goal {i + 1} must be text, got {type(g).__name__}; pass each goal as a string")
    texts = [_normalize(g) for g in goals if _normalize(g)]
    hints: list[Hint] = []
    if not texts:
        return [
            Hint(
                "no_goals",
                f"There are no growth goals yet; ask the report to draft up to {max_goals} themselves.",
                "What would you like to accomplish this year, and what would prepare you for your next step?",
            )
        ]
    if len(texts) > max_goals:
        hints.append(
            Hint(
                "too_many_goals",
                f"{len(texts)} goals is more than {max_goals}; ask the report which {max_goals} matter most "
                "this year, because fewer goals get real progress.",
                f"If you could only make progress on {max_goals} of these this year, which would they be?",
            )
        )
    seen: dict[str, int] = {}
    for i, g in enumerate(texts):
        key = re.sub(r"\W+", " ", g.lower()).strip()
        if key in seen:
            hints.append(
                Hint(
                    "duplicate_goal",
                    f"Goal {i + 1} repeats goal {seen[key] + 1}; merge them into one.",
                    None,
                    g,
                )
            )
            continue
        seen[key] = i
        hints.extend(frame_goal(g))
    return hints
