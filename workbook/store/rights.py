"""Who may see and change what: ONE definition, asked by the code and compiled into PostgreSQL's policies.

Datasette's ``permission_allowed(actor, action, resource)`` is the model. The resource is always a person
(everything in a workbook is about someone) plus, for a note, its author. :data:`RULES` names, per action,
the relations between the actor and that person that grant it; :func:`allowed` answers in Python and
:mod:`workbook.store.policies` compiles the very same table into row-level security policies, so the code
and the database cannot disagree (tests/test_rights.py checks every actor against every person on a real
server).

Relations, seen from the actor:

* ``self``: the actor is the person;
* ``manager``: the actor is the person's direct manager;
* ``above``: the actor is above the person in the tree (manager, skip-level, and so on up);
* ``hr``: the actor is an HR partner;
* ``author``: the actor wrote the note (private notes only), or made the change a change-log entry records;
* ``maker``: the actor made the generated file (a stage notebook, a summary, a team overview) a record
  of ``generated_files`` describes.

The workbook's owner (the one user of a SQLite workbook, the administrator role of an organisation
database) is allowed everything: in SQLite they wrote every note, and on PostgreSQL the role that owns the
tables can read them anyway (issue 16 encrypts private notes with their author's key for that reason).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

# The kinds of the report's side (store/drafts.py): each written by the report about themselves; "feedback" is the
# manager's alone. PostgreSQL's side_drafts policy ties each kind to its side (policies.py, revision 0018).
REPORT_DRAFT_KINDS = ("goal", "prework", "prep", "trial", "career")

__all__ = ["ACTIONS", "RULES", "RECORD_RELATIONS", "ACCESS_COLUMNS", "Actor", "OWNER", "Relation", "Action", "allowed",
           "relations", "visible_people", "access", "relation_words", "REPORT_DRAFT_KINDS"]

Relation = Literal["self", "manager", "above", "hr", "author", "maker"]
Action = Literal["read", "read_working", "write", "read_private", "read_files", "make_files", "read_changes",
                 "read_private_changes", "write_own", "read_draft", "read_shared", "read_manager"]
# relations to a record rather than to the person it is about (compiled as a column test, not a person set)
RECORD_RELATIONS: tuple[Relation, ...] = ("author", "maker")

RULES: dict[Action, tuple[Relation, ...]] = {
    # the shareable records about a person: goals, OKRs and outcomes, the check-in trail, support,
    # shared notes, actions (what a quarterly summary is made of)
    "read": ("self", "above", "hr"),
    # the 1:1's working material: a check-in's obstacles and trial runs, and the private fields of shareable
    # records (schema.PRIVATE_PARTS): the onboarding motivations, a goal's draft wording and the feedback given
    # on it, an objective's pre-work (the report's understanding, the manager's supplement, the aligned work)
    "read_working": ("self", "manager"),
    # add and change records about the person (issue 17 adds the report's own drafts: "self" on drafts)
    "write": ("manager",),
    # a private note: its author, and nobody else (a handover is an explicit act, not a side effect)
    "read_private": ("author",),
    # the record that a file about the person was generated (where it is, what it is, when; never its
    # content): whoever made it, and the person's manager, who forgets the person and so must find every
    # file made about them. Not the report, a skip-level or HR: a record can say that a stage notebook
    # holding private notes exists, and where (docs/decisions/0006-generated-files-rights.md)
    "read_files": ("maker", "manager"),
    # record a file made about the person: those who make outputs from their records, the managers
    # above them (stage notebooks, summaries) and HR (the quarter-end batch); the report writes nothing yet
    "make_files": ("above", "hr"),
    # the change log (who changed what, old and new values) and a person's dated history (level, track,
    # ladder, manager, name), shared part: as the records it describes ("read"). A note's change is read
    # as the note is now: only while the note exists and is shared (else by its author, below)
    "read_changes": ("self", "above", "hr"),
    # the private part of the log (a field whose audience is private, or an entry with only such fields):
    # the change's author, and for records other than notes the person's manager, who writes those fields.
    # A private note's change follows "read_private" (its author only), never this rule's "manager"
    "read_private_changes": ("author", "manager"),
    # issue 17, the report's side (store/drafts.py): write a draft in one's own name about the person: the
    # report about themselves (goal drafts, pre-work, check-in preparation, trial runs), their manager about
    # them (feedback before it is given). Nobody writes a draft in another's name (the author is checked).
    "write_own": ("self", "manager"),
    # a draft (not yet shared): its author, and nobody else: not the manager, a skip-level or HR
    "read_draft": ("author",),
    # what one side shared with the other: the report and their manager (working material of the 1:1, like
    # obstacles and trial runs: not a skip-level, not HR)
    "read_shared": ("self", "manager"),
    # a check-in's summary line: the manager's own words about the 1:1 (not the report, a skip-level or HR)
    "read_manager": ("manager",),
}
ACTIONS: tuple[Action, ...] = tuple(RULES)


@dataclass(frozen=True)
class Actor:
    """Who is asking: a workbook user (``name``) who is a person in the tree, an HR partner, or the owner."""

    name: str
    person: str | None = None
    hr: bool = False
    owner: bool = False

    def describe(self) -> str:
        """e.g. ``maya (person maya)``, ``hr-lee (HR)``, ``owner``."""
        if self.owner:
            return "the workbook's owner"
        return f"{self.name} ({'HR' if self.hr else f'person {self.person}'})"


OWNER = Actor(name="owner", owner=True)


def _chain(person: str, managers: Mapping[str, str | None]) -> list[str]:
    """The people above ``person``, nearest first (a cycle in bad data stops the walk, never loops)."""
    out: list[str] = []
    current = managers.get(person)
    while current is not None and current not in out and current != person:
        out.append(current)
        current = managers.get(current)
    return out


def relations(actor: Actor, person: str, managers: Mapping[str, str | None], author: str | None = None,
              maker: str | None = None) -> set[Relation]:
    """The relations between ``actor`` and ``person`` (``managers`` maps each person id to their manager id),
    and to a record about them: a note written by the person ``author``, a file made by the user ``maker``."""
    found: set[Relation] = set()
    if maker is not None and maker == actor.name and not actor.owner:
        found.add("maker")
    if actor.person is not None:
        if actor.person == person:
            found.add("self")
        above = _chain(person, managers)
        if above and above[0] == actor.person:
            found.add("manager")
        if actor.person in above:
            found.add("above")
        if author is not None and author == actor.person:
            found.add("author")
    if actor.hr:
        found.add("hr")
    return found


def allowed(actor: Actor, action: Action, person: str, managers: Mapping[str, str | None],
            author: str | None = None, maker: str | None = None) -> bool:
    """May ``actor`` do ``action`` on the records about ``person`` (a private note: written by ``author``; a
    generated file's record: made by the user ``maker``)? Raises KeyError for an unknown action, so a new
    action cannot ship without a rule."""
    rule = RULES[action]
    if actor.owner:
        return True
    return bool(relations(actor, person, managers, author, maker) & set(rule))


def visible_people(actor: Actor, action: Action, managers: Mapping[str, str | None]) -> set[str]:
    """Every person the actor may ``action`` (the set PostgreSQL's policy function returns for them)."""
    return {p for p in managers if allowed(actor, action, p, managers)}


# What a user may read about a person, in the words an HR partner asks in (`workbook org access PERSON`):
# each column is one rule above. Private notes are not a column: only their author reads them, whoever that is.
ACCESS_COLUMNS: tuple[tuple[str, Action], ...] = (
    ("shared records", "read"),  # goals, OKRs and outcomes, the check-in trail, support, shared notes, actions
    ("the 1:1's words", "read_working"),  # motivations, drafts, feedback, pre-work, obstacles, trial runs
    ("check-in summary lines", "read_manager"),
)


def access(actor: Actor, person: str, managers: Mapping[str, str | None]) -> dict[str, bool]:
    """Per :data:`ACCESS_COLUMNS` heading: may ``actor`` read that about ``person``?"""
    return {heading: allowed(actor, action, person, managers) for heading, action in ACCESS_COLUMNS}


def relation_words(actor: Actor, person: str, managers: Mapping[str, str | None]) -> str:
    """How ``actor`` stands to ``person``, in words: "the person", "manager", "2 levels up", "HR", "none"."""
    if actor.owner:
        return "owner"
    found = relations(actor, person, managers)
    if "self" in found:
        return "the person"
    if "manager" in found:
        return "manager"
    if "above" in found:
        return f"{_chain(person, managers).index(actor.person) + 1} levels up"  # type: ignore[arg-type]
    return "HR" if "hr" in found else "none"
