"""Mental obstacles: the seeds' prompts for what holds a report back (pushing back, being liked, perfectionism)."""

from __future__ import annotations

import re

from ..core.errors import InputError

__all__ = ["MENTAL_OBSTACLES", "mental_obstacle_prompts"]

MENTAL_OBSTACLES: dict[str, dict] = {
    "pushing back on stakeholders": {
        "description": "The report says yes to every request because they want to be helpful and liked by "
        "partners, so high-impact work slips.",
        "prompts": [
            "Our job is to have the biggest impact on the business, which means choosing the high-impact "
            "projects and putting our energy there; prioritizing is a core skill to master, not a failure to help.",
            "Your partners want what is best for the business too; they set priorities and say no at times "
            "themselves, so a reasoned no is professional communication that serves everyone, not a personal "
            "rejection.",
            "How you say it matters: explain respectfully what takes priority right now and why, and where you "
            "can, offer a simpler way for the partner to self-serve or move forward without you.",
        ],
        "trial_run": "Want to try it on the next request? Draft your reply and share it with me before you "
        "send it, then we will talk in our next 1:1 about how it went and what you learned.",
    },
    "fear of presenting": {
        "description": "The report avoids presenting to a wider audience because they worry about being "
        "judged or asked a question they cannot answer.",
        "prompts": [
            "The audience came for the content, not to grade you; they want the project to succeed as much "
            "as you do.",
            "\"I don't know yet, I'll follow up by Friday\" is a complete, professional answer to a hard "
            "question.",
            "Each presentation is practice the key result asked for; a rough first one is the point, not a "
            "risk.",
        ],
        "trial_run": "Run the talk with me or two teammates first, ask us for feedback before and after the "
        "real one, and we will go over what you learned in our next 1:1.",
    },
    "perfectionism on a draft": {
        "description": "The report keeps polishing a document or analysis and will not share it until it "
        "feels perfect, so feedback comes too late.",
        "prompts": [
            "A draft shared early gets better feedback sooner; the reviewer's time is best spent on direction, "
            "not polish.",
            "What is the decision this draft needs to support, and is it good enough for that decision today?",
            "Label it clearly as a draft and say what feedback you want; that sets the bar for the reader.",
        ],
        "trial_run": "Send me the current version today as it is, with the two questions you most want answered, "
        "and we will look at the feedback together in our next 1:1.",
    },
    "asking for help": {
        "description": "The report stays stuck for days rather than ask, because asking feels like admitting "
        "they are not good enough.",
        "prompts": [
            "Getting unblocked quickly is part of doing the job well; the team's time is better spent on a "
            "ten-minute question than on two lost days.",
            "Support is planned into your key results on purpose: the tech lead's review or a teammate's feedback "
            "is expected, not a favour.",
            "A good ask says what you tried, where you are stuck and what you need; that shows ownership, not "
            "weakness.",
        ],
        "trial_run": "Next time you are stuck for more than an hour, write the ask and share it with me before "
        "you post it, and we will talk in our 1:1 about how people responded.",
    },
}


def _obstacle_key(kind: str) -> str:
    return re.sub(r"[\s_-]+", " ", kind.strip().lower())


def mental_obstacle_prompts(kind: str) -> list[str]:
    """Reframing prompts a manager can use for one kind of mental obstacle, ending with a trial-run offer.

    ``kind`` is matched case-insensitively, with hyphens and underscores read as spaces. Raises InputError
    naming the known kinds when ``kind`` is unknown.
    """
    if not isinstance(kind, str):
        raise InputError(f"obstacle kind must be text, got {type(kind).__name__}")
    key = _obstacle_key(kind)
    if key not in MENTAL_OBSTACLES:
        known = ", ".join(repr(k) for k in MENTAL_OBSTACLES)
        raise InputError(f"unknown mental obstacle {kind!r}; use one of {known}")
    entry = MENTAL_OBSTACLES[key]
    return [*entry["prompts"], entry["trial_run"]]
