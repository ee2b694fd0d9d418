"""Who reads each free-text field: private (the manager's own notebooks) or shared (printed in the report's quarterly summary).

One definition, asked by the forms (the badge beside every free-text field) and checked against what
the summary really prints by tests/test_visibility.py. A note's text and follow-up follow the note's
own visibility toggle (private by default)."""

from __future__ import annotations

from typing import Literal

__all__ = ["Audience", "FIELD_AUDIENCE", "AUDIENCE_LABELS", "field_audience", "note_audience"]

Audience = Literal["private", "shared"]

# field ("table.column" as the forms name it) -> who reads it
FIELD_AUDIENCE: dict[str, Audience] = {
    "goal.text": "shared",  # the agreed wording is the summary's first section
    "goal.draft": "private",
    "goal.feedback": "private",
    "objective.text": "shared",
    "objective.understanding": "private",
    "objective.supplement": "private",
    "objective.aligned_work": "private",
    "key_result.text": "shared",
    "key_result.outcome_note": "shared",  # printed beside the outcome at quarter close
    "support.who": "shared",
    "support.what": "shared",
    "kr_status.note": "shared",  # the check-in trail: each key result's status and its short note
    "check_in.summary": "private",
    "obstacle.text": "private",
    "trial_run.text": "private",
    "trial_run.debrief": "private",
    "action.text": "shared",  # open actions are the summary's "agreed next steps"
    "person.name": "shared",  # the summary's title
    "person.id": "shared",  # file names and links
    "person.manager": "shared",  # "manager ..." under the title, and the owner of next steps
    "person.motivations": "private",
}

AUDIENCE_LABELS: dict[Audience, str] = {
    "private": "private: only in your own notebooks",
    "shared": "shared: printed in their quarterly summary",
}


def field_audience(field: str) -> Audience:
    """Who reads ``field`` (e.g. ``"kr_status.note"``); raises KeyError for a field nobody classified,
    so a new free-text field cannot ship without a decision."""
    return FIELD_AUDIENCE[field]


def note_audience(visibility: str) -> Audience:
    """A note's text and follow-up go where the note's visibility says (private unless chosen)."""
    return "shared" if visibility == "shared" else "private"
