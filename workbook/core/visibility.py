"""Who reads each free-text field: private (the manager's own notebooks) or shared (printed in the report's quarterly summary).

One definition, asked by the forms (the badge beside every free-text field) and checked against what
the summary really prints by tests/test_visibility.py. A note's text and follow-up follow the note's
own visibility toggle (private by default)."""

from __future__ import annotations

from typing import Literal

__all__ = ["Audience", "FIELD_AUDIENCE", "CHANGE_AUDIENCE", "AUDIENCE_LABELS", "ONE_TO_ONE", "ONE_TO_ONE_LABEL",
           "field_audience", "badge_label", "note_audience", "change_audience", "strictest"]

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


# The private fields the report reads as well: their own words (motivations, a goal's draft, their
# understanding of an objective, obstacles, trial runs), or words written for them (the feedback given on a
# draft; the seed's manager "supplements" the report's understanding "so the employee can assess where they
# meet expectations"). On an organisation server their rule is the 1:1's, the report and their manager
# (store/rights.py "read_working"; tests/test_rights.py checks the two agree). The other private fields are
# their writer's alone: a check-in's summary line, a private note.
ONE_TO_ONE: frozenset[str] = frozenset({
    "person.motivations", "goal.draft", "goal.feedback", "objective.understanding", "objective.supplement",
    "objective.aligned_work", "obstacle.text", "trial_run.text", "trial_run.debrief",
})
ONE_TO_ONE_LABEL = "private to the 1:1: you and them, never in a summary"


def badge_label(audience: Audience, field: str | None = None) -> str:
    """The words of the badge beside a field: who reads what is typed there."""
    return ONE_TO_ONE_LABEL if field in ONE_TO_ONE else AUDIENCE_LABELS[audience]


def field_audience(field: str) -> Audience:
    """Who reads ``field`` (e.g. ``"kr_status.note"``); raises KeyError for a field nobody classified,
    so a new free-text field cannot ship without a decision."""
    return FIELD_AUDIENCE[field]


def note_audience(visibility: str) -> Audience:
    """A note's text and follow-up go where the note's visibility says (private unless chosen)."""
    return "shared" if visibility == "shared" else "private"


# The change log keeps old and new values, so each changed field is read by the same audience as the field
# itself. Free text comes from FIELD_AUDIENCE; these are the other fields the log records (dates, statuses,
# levels: the summary prints them for a shared record) and the parts of a deleted record kept as text.
CHANGE_AUDIENCE: dict[str, Audience] = {
    "person.track": "shared", "person.level": "shared", "person.ladder": "shared", "person.started": "shared",
    "person.archived": "shared",
    "person.toward": "shared",  # the way up they chose at a fork: theirs to know, and every page follows it
    "growth_plan.status": "shared", "growth_plan.drafted_by": "shared",
    "goal.priority": "shared", "goal.competencies": "shared", "goal.position": "shared",
    "objective.goal": "shared", "objective.key_results": "shared", "objective.position": "shared",
    "key_result.target_date": "shared", "key_result.outcome": "shared", "key_result.quarter": "shared",
    "key_result.support": "shared", "key_result.moved_from": "shared", "key_result.position": "shared",
    "support.status": "shared", "support.due": "shared",
    "check_in.date": "shared", "check_in.mode": "shared", "check_in.statuses": "shared",
    "check_in.actions": "shared", "check_in.obstacles": "private", "check_in.trial_runs": "private",
    "action.owner": "shared", "action.due": "shared", "action.status": "shared",
    "trial_run.status": "private", "trial_run.follow_up_on": "private",
}

_ORDER: dict[Audience, int] = {"shared": 0, "private": 1}


def strictest(*audiences: Audience) -> Audience:
    """The narrower of several audiences (private wins)."""
    return max(audiences, key=_ORDER.__getitem__, default="shared")


def change_audience(record: str, field: str, *visibilities: str) -> Audience:
    """Who may read a logged change of ``record.field`` (its old and new values). Every field of a note
    follows the note's visibility, the strictest it had before or after the change (a private note's old
    text never becomes shareable when the note is shared later); ``visibilities`` are those. Raises
    KeyError for a field nobody classified, so nothing is logged without a decision."""
    if record == "note":
        return strictest(*(note_audience(v) for v in visibilities or ("private",)))
    key = f"{record}.{field}"
    return FIELD_AUDIENCE[key] if key in FIELD_AUDIENCE else CHANGE_AUDIENCE[key]
