"""The domain model: people, push/pull notes, growth plans, quarterly OKRs, check-ins and actions.

Every model validates what a user can get wrong (slugs, quarters, enumerations) with messages that say
how to fix the value; the store and the YAML importer build these models before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .dates import (
    check_day,
    check_quarter,
    check_year,
    next_quarter,
    quarter_bounds,
    quarter_of,
    status_pair_problem,
    to_date,
)

__all__ = [
    "topic_problem",
    "follow_up_problem",
    "follow_up_done_problem",
    "DIRECTIONS",
    "PULL_TOPICS",
    "PUSH_TOPICS",
    "SETTINGS",
    "VISIBILITIES",
    "PLAN_STATUSES",
    "KR_STATUSES",
    "KR_OUTCOMES",
    "SUPPORT_STATUSES",
    "CHECKIN_MODES",
    "DRAFTERS",
    "Slug",
    "Quarter",
    "Person",
    "Note",
    "Goal",
    "GrowthPlan",
    "Support",
    "KeyResult",
    "KRRef",
    "Objective",
    "QuarterOKRs",
    "KRStatus",
    "Obstacle",
    "TrialRun",
    "Action",
    "CheckIn",
    "check_slug",
    "STORED",
    "kept_texts",
    "text_problem",
    "BIDI_CONTROLS",
    "check_line",
    "check_text",
    "check_person_id",
    "RESERVED_IDS",
    "MAX_TEXT",
    "MAX_LABEL",
    "check_quarter",
    "quarter_of",
    "quarter_bounds",
    "next_quarter",
    "to_date",
]

DIRECTIONS = ("pull", "push")
# The seeds' lists ("Push and pull"): what a manager pulls from a report, and what they push.
PULL_TOPICS = ("goals", "interests", "values", "history", "learning topics", "self-assessment")
PUSH_TOPICS = (
    "career paths",
    "role skills",
    "mentors",
    "opportunities",
    "observed strengths",
    "learning",
    "work connections",
    "gaps",
    "feedback",
    "suggested goals",
)
TOPICS = PULL_TOPICS + PUSH_TOPICS


def topic_problem(direction: str, topic: str) -> str | None:
    """Why ``topic`` cannot be a ``direction`` note's (a push topic on a pull note, or the other way), or None."""
    own, other = (PULL_TOPICS, "push") if direction == "pull" else (PUSH_TOPICS, "pull")
    if topic in own or topic not in TOPICS:  # an unknown topic is the field's own error
        return None
    return f"topic {topic!r} is a {other} topic, not a {direction} one; a {direction} note's topic is one of: {', '.join(own)}"


def follow_up_problem(follow_up: str | None, follow_up_due: object) -> str | None:
    """Why a note's follow-up cannot be kept as it is (a due date with no words: it reminds nobody), or None."""
    if follow_up_due is not None and not (follow_up or "").strip():
        return "a follow-up date needs the follow-up itself"
    return None


def follow_up_done_problem(follow_up: str | None, done: bool) -> str | None:
    """Why a note's follow-up cannot be marked done (or open again), or None: a note without a follow-up has
    none to mark. Said after the note's name: "note 3 has no follow-up to mark done"."""
    if not (follow_up or "").strip():
        return f"has no follow-up to mark {'done' if done else 'open'}"
    return None


SETTINGS = ("review", "1:1", "check-in", "water cooler", "project discussion", "other")
VISIBILITIES = ("private", "shared")
PLAN_STATUSES = ("draft", "in_discussion", "agreed")
DRAFTERS = ("employee", "manager")
KR_STATUSES = ("on_track", "at_risk", "blocked", "done")
KR_OUTCOMES = ("met", "partly_met", "not_met", "carried_over", "dropped")
SUPPORT_STATUSES = ("requested", "committed", "done", "dropped")
CHECKIN_MODES = ("status", "unblock")
ACTION_STATUSES = ("open", "done", "dropped")
TRIAL_STATUSES = ("planned", "sent", "debriefed")

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$")


def check_slug(value: str) -> str:
    """Return ``value`` when it is a safe id (it becomes a file name later); raise ValueError otherwise."""
    if not isinstance(value, str) or value == "":
        raise ValueError("an id cannot be empty; use lower-case letters, digits, '-' or '_' (e.g. 'ana')")
    if bad := next((ch for ch in value if unicodedata.category(ch).startswith("C")), None):
        raise ValueError(f"id {value!r} contains control characters: {_named(bad)}; use lower-case letters, "
                         "digits, '-' or '_'")
    if not _SLUG.match(value):
        plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()  # "zoë" -> "zoe", not "zo"
        guess = re.sub(r"[^a-z0-9_-]+", "-", plain.strip().lower()).strip("-_")[:64]
        like = f", e.g. {guess!r}" if guess and _SLUG.match(guess) else ""
        raise ValueError(
            f"id {value!r} is not a usable id; use 1-64 lower-case letters, digits, '-' or '_' "
            f"starting and ending with a letter or digit (no '/', '..' or spaces){like}"
        )
    return value


# Ids the output layout uses for its own files and the command line for its own words
# (workbook.run.outputs): a person may not be called one of these.
RESERVED_IDS = frozenset({"all", "manifest", "team_overview"})


def check_person_id(value: str) -> str:
    """A new person's id: a safe slug that is not one of RESERVED_IDS; raise ValueError otherwise."""
    check_slug(value)
    if value in RESERVED_IDS:
        raise ValueError(f"id {value!r} is reserved (the workbook names its own files and options with "
                         f"{', '.join(sorted(RESERVED_IDS))}); pick another id")
    return value


# Every text field has a cap, so no single value can turn a summary into hundreds of pages.
MAX_TEXT = 20_000  # characters of free text (a note, a goal, a check-in note)
MAX_LABEL = 200  # characters of a name, a track, an owner, a kind

# Characters refused in every text a user types (a name, a goal, a note), because they change how the text
# around them is shown rather than being text: the explicit bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069; one RIGHT-TO-LEFT OVERRIDE in a name reverses the English after it in a PDF).
# Arabic and Hebrew need none of them to show correctly. The implicit marks (U+200E, U+200F, U+061C) and the
# zero-width joiner (U+200D, inside emoji like 👩‍💼) only nudge their neighbours and stay allowed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters (Unicode category Cc: terminal escapes, NUL, line breaks) are refused in one-line fields;
# free text keeps its line breaks and tabs.
TEXT_CONTROLS_ALLOWED = frozenset("\n\r\t")


# Unicode gives control characters no name; these are the ones a person may recognise.
_CONTROL_NAMES = {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB", "\x1b": "ESCAPE", "\x00": "NUL",
                  "\x7f": "DELETE"}


def _named(ch: str) -> str:
    """``ch`` as a reader can find it: 'U+202E (RIGHT-TO-LEFT OVERRIDE)', 'U+001B (ESCAPE)', 'U+0007'."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why ``value`` cannot be kept as typed (a control character, or a bidirectional override or isolate, named
    as U+XXXX with the fix), or None. ``multiline``: free text, where line breaks and tabs are fine."""
    for ch in value:
        if ch in BIDI_CONTROLS:
            return (f"contains {_named(ch)}, which reorders the text around it in summaries and PDFs; remove it "
                    "(right-to-left text shows correctly without it)")
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in TEXT_CONTROLS_ALLOWED):
            if ch in TEXT_CONTROLS_ALLOWED:
                return f"contains {_named(ch)}; a one-line field takes no line break or tab, keep it on one line"
            return (f"contains {_named(ch)}, a control character (a terminal escape, not text); retype the text "
                    "without it")
    return None


def _checked(value: str, info: ValidationInfo, multiline: bool) -> str:
    """``value`` when it is new input without a refused character (:func:`text_problem`), or a stored value read
    back (context ``stored``; with ``changed``, only the fields named there are new input): a workbook that already
    holds such a character still opens, only new input is refused. Raises ValueError naming the field."""
    context = info.context or {}
    if value in context.get("kept", ()):  # the text as the record already holds it: not written now
        return value
    new = info.field_name in context["changed"] if "changed" in context else not context.get("stored")
    if new and (problem := text_problem(value, multiline=multiline)):
        raise ValueError(f"{info.field_name or 'the text'} {problem}")
    return value


def check_line(value: str, info: ValidationInfo) -> str:
    """A one-line field (a name, a track, an owner): no control character at all, no bidirectional override."""
    return _checked(value, info, multiline=False)


def check_text(value: str, info: ValidationInfo) -> str:
    """Free text (a note, a goal, a summary): line breaks and tabs, but no other control character and no
    bidirectional override."""
    return _checked(value, info, multiline=True)


# The validation context of a record read back from the workbook: its values are trusted as written (an id from
# before the id rules, a character refused since), so an older workbook still opens. Pass ``{"changed": {...}}`` too
# when an edit merges new values into a flat stored record: only those fields are then checked as new input. An edit
# of a record holding others (an objective's key results, a check-in's trial runs) passes ``{"kept": kept_texts(old)}``:
# field names repeat at every level, so there the texts the record already holds are what is not new input.
STORED = MappingProxyType({"stored": True})


def kept_texts(record: object) -> frozenset[str]:
    """Every text ``record`` holds (a model, a dict or a list, nested records included), as the ``kept`` of an
    edit's validation context: a stored text the edit leaves as it is, even one with a character refused since
    (:func:`text_problem`), is not refused, so the edit that fixes another field, or that very one, goes through."""
    if isinstance(record, BaseModel):
        record = record.model_dump()
    if isinstance(record, str):
        return frozenset((record,))
    if isinstance(record, dict):
        record = list(record.values())
    if isinstance(record, list | tuple):
        return frozenset().union(*(kept_texts(item) for item in record))
    return frozenset()

Slug = Annotated[str, AfterValidator(check_slug)]
Quarter = Annotated[str, AfterValidator(check_quarter)]
Year = Annotated[int, BeforeValidator(check_year)]
Day = Annotated[dt.date, BeforeValidator(check_day)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(check_text)]
LongText = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(check_text)]
Label = Annotated[str, Field(max_length=MAX_LABEL), AfterValidator(check_line)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_LABEL), AfterValidator(check_line)]
Position = Annotated[int, Field(ge=1, le=99)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("cannot be blank")
    return value


class Person(_Model):
    """A direct report. ``ladder`` is a path to a career-ladder CSV (see workbook.ladder). ``toward`` is a level
    above theirs they are heading for, chosen where the ladder forks (an individual-contributor or a
    people-manager way up); empty: the next level up."""

    id: Slug
    name: Name
    track: Label = ""
    level: Label = ""
    ladder: Annotated[str, Field(max_length=1000), AfterValidator(check_line)] = ""
    toward: Label = ""
    manager: Label = ""
    motivations: LongText = ""
    started: Day | None = None
    archived: bool = False  # a leaver: records kept, hidden from the home page, team views and batches

    @field_validator("level", mode="before")
    @classmethod
    def _level_as_text(cls, v: object) -> object:
        return str(v) if isinstance(v, int | float) else v

    @field_validator("id")
    @classmethod
    def _id_not_reserved(cls, v: str, info: ValidationInfo) -> str:
        # a person read back from an older workbook keeps their id; a new one may not take a reserved id
        return v if (info.context or {}).get("stored") else check_person_id(v)


class Note(_Model):
    """One piece of career information pulled from or pushed to a report. Private unless said otherwise."""

    person: Slug
    date: Day
    direction: Literal["pull", "push"]
    topic: Literal[TOPICS]  # type: ignore[valid-type]
    setting: Literal[SETTINGS] = "1:1"  # type: ignore[valid-type]
    text: Text
    visibility: Literal["private", "shared"] = "private"
    follow_up: LongText = ""
    follow_up_due: Day | None = None
    follow_up_done: bool = False
    # who wrote it (a person id); empty: the writing user, else the person's manager, else the workbook's owner
    author: Slug | None = None
    id: int | None = None

    @field_validator("topic", mode="before")
    @classmethod
    def _topic_lower(cls, v: object) -> object:
        return v.strip().lower() if isinstance(v, str) else v

    @model_validator(mode="after")
    def _topic_of_direction(self, info: ValidationInfo) -> Note:
        # a stored note read back is shown as it is (`workbook check` lists old mismatches); every write checks
        if not (info.context or {}).get("stored") and (problem := topic_problem(self.direction, self.topic)):
            raise ValueError(problem)
        if not (info.context or {}).get("stored") and (problem := follow_up_problem(self.follow_up, self.follow_up_due)):
            # a date alone reminded nobody: due lists, person show and the log name the follow-up by its words
            raise ValueError(f"{problem}: say what to follow up on (--follow-up; follow_up in an import), or leave the "
                             "date out")
        return self


class Goal(_Model):
    """An annual growth goal. ``draft`` keeps the report's own wording beside the agreed ``text``."""

    text: Text
    draft: LongText = ""
    priority: Position | None = None
    competencies: list[Label] = Field(default_factory=list, max_length=20)
    feedback: LongText = ""
    position: int | None = None
    id: int | None = None


class GrowthPlan(_Model):
    """At most a few annual growth goals for one person and year, drafted by the report."""

    person: Slug
    year: Year
    drafted_by: Literal["employee", "manager"] = "employee"
    status: Literal["draft", "in_discussion", "agreed"] = "draft"
    goals: list[Goal] = Field(default_factory=list)
    id: int | None = None


class Support(_Model):
    """Support a key result needs (a design review, feedback on a draft); tracked as a commitment."""

    who: Name
    what: Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(check_text)]
    status: Literal["requested", "committed", "done", "dropped"] = "requested"
    due: Day | None = None
    # the day it was asked for; empty: the day it is saved while its quarter runs, else the quarter's start
    requested_on: Day | None = None
    # the day the status last changed and the status until then (the store fills them in when it changes);
    # None: not changed since it was asked for, or changed before the workbook kept the day
    status_on: Day | None = None
    status_before: Literal["requested", "committed", "done", "dropped"] | None = None
    id: int | None = None

    @model_validator(mode="after")
    def _status_days_together(self) -> Support:
        if (problem := status_pair_problem(self.status_on, self.status_before)):
            raise ValueError(problem)
        return self


class KRRef(_Model):
    """Where a key result came from when it was moved to a later quarter: its quarter and positions then."""

    quarter: Quarter
    objective: Annotated[int, Field(ge=1)]
    key_result: Annotated[int, Field(ge=1)]

    def label(self) -> str:
        """e.g. ``2027Q1 O1·KR2``."""
        return f"{self.quarter} O{self.objective}·KR{self.key_result}"


class KeyResult(_Model):
    """A specific, measurable result: there should be no doubt whether it has been met."""

    text: Text
    target_date: Day | None = None
    support: list[Support] = Field(default_factory=list)
    outcome: Literal[KR_OUTCOMES] | None = None  # type: ignore[valid-type]
    outcome_note: LongText = ""
    outcome_on: Day | None = None  # the day the outcome was recorded (the store fills it in); None before it kept one
    moved_from: KRRef | None = None  # its lineage: the key result it continues from an earlier quarter
    position: int | None = None
    id: int | None = None


class Objective(_Model):
    """A quarterly objective, linked to an annual goal by its position (1-based) in that year's plan."""

    text: Text
    goal: Position | None = None
    understanding: LongText = ""  # the report's pre-work: what achieving this means to them
    supplement: LongText = ""  # the manager's pre-work supplement
    aligned_work: LongText = ""  # the current work that gives the chance to practise
    key_results: list[KeyResult] = Field(default_factory=list)
    position: int | None = None
    id: int | None = None


class QuarterOKRs(_Model):
    """One person's personal growth OKRs for one quarter."""

    person: Slug
    quarter: Quarter
    objectives: list[Objective] = Field(default_factory=list)
    id: int | None = None


class KRStatus(_Model):
    """The status of one key result at a check-in, addressed by positions within the quarter."""

    objective: Position
    key_result: Position
    status: Literal["on_track", "at_risk", "blocked", "done"]
    note: LongText = ""


class Obstacle(_Model):
    """Something in the way, often a mental one (e.g. pushing back on stakeholders)."""

    text: Text
    kind: Label = ""


class TrialRun(_Model):
    """A rehearsal: the report drafts (a reply, a talk) and shares it before the real thing."""

    text: Text
    status: Literal["planned", "sent", "debriefed"] = "planned"
    debrief: LongText = ""
    follow_up_on: Day | None = None


class Action(_Model):
    """A next step with an owner and a due date."""

    text: Text
    person: Slug | None = None  # filled from the check-in when given inside one
    owner: Name = "employee"
    due: Day | None = None
    status: Literal["open", "done", "dropped"] = "open"
    # as support's: the day the status last changed and the status until then (filled in by the store)
    status_on: Day | None = None
    status_before: Literal["open", "done", "dropped"] | None = None
    id: int | None = None

    @model_validator(mode="after")
    def _status_days_together(self) -> Action:
        if (problem := status_pair_problem(self.status_on, self.status_before)):
            raise ValueError(problem)
        return self


class CheckIn(_Model):
    """A bi-weekly check-in: a 2-3 minute status pass or a 10-15 minute unblocking conversation."""

    person: Slug
    date: Day
    mode: Literal["status", "unblock"] = "status"
    key_results: list[KRStatus] = Field(default_factory=list)
    obstacles: list[Obstacle] = Field(default_factory=list)
    trial_runs: list[TrialRun] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    summary: LongText = ""
    id: int | None = None
