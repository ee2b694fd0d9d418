"""The report's side of the cycle: drafts only their author sees, and the "share with my manager" step.

A report drafts their growth goals, the pre-work for each objective (what achieving it means to them), their
preparation for the next check-in, the trial runs they want feedback on, and what they want their manager to
know about their career in their own words (the practice's pull topics, and the way up they want); their
manager drafts feedback on goal drafts before giving it. Each item has up to two rows in ``side_drafts``: a ``draft`` row (its author's
alone) and a ``shared`` row (what the other side reads). Sharing moves the draft's text into the shared row in
one transaction. Who may do what is :mod:`workbook.store.rights` ("write_own", "read_draft", "read_shared"),
which PostgreSQL enforces on every row; this module asks the same rule first so a refusal is one clear line.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..core.dates import check_quarter
from ..core.errors import AccessDenied, InputError, NotFound, RuleViolation
from ..core.model import MAX_TEXT, PULL_TOPICS, text_problem
from ..core.validation import validation_problem
from .identity import IdentityStore
from .rights import REPORT_DRAFT_KINDS
from .schema import side_drafts_t

if TYPE_CHECKING:
    import pandas as pd

    from ..core.model import GrowthPlan
    from ..core.rules import Finding

__all__ = ["DraftsStore", "SideDraft", "DRAFT_KINDS", "REPORT_KINDS", "GoalDraft", "PreWork", "CheckInPrep", "TrialDraft",
           "Feedback", "CareerWords", "PREP_STATUSES", "CAREER_TOPICS", "WAY_UP_POSITION", "career_topic"]

DraftKind = Literal["goal", "prework", "prep", "trial", "feedback", "career"]
REPORT_KINDS = cast("tuple[DraftKind, ...]", REPORT_DRAFT_KINDS)  # the report's own side (rights.py names them)
DRAFT_KINDS: tuple[DraftKind, ...] = (*REPORT_KINDS, "feedback")  # feedback: the manager's, on a goal draft
PREP_STATUSES = ("on_track", "at_risk", "blocked", "done")
_LONG = Field(default="", max_length=MAX_TEXT)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="after")
    def _no_refused_characters(self) -> _Body:
        # the report's words become the plan's and the summaries' (core.model.text_problem says what is refused);
        # a level key and a competency are one line, everything else free text
        for name, value in self:
            values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
            one_line = name in ("toward", "competencies")
            for text in (v for v in values if isinstance(v, str)):
                if problem := text_problem(text, multiline=not one_line):
                    raise ValueError(f"{name} {problem}")
        return self


class GoalDraft(_Body):
    """An annual growth goal in the report's own words, with the ladder competencies it grows."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    competencies: list[str] = Field(default_factory=list, max_length=20)


class PreWork(_Body):
    """The report's understanding of what achieving an objective means, before the manager supplements it."""

    understanding: str = Field(min_length=1, max_length=MAX_TEXT)


class CheckInPrep(_Body):
    """What the report brings to the next check-in: a status, a line per key result, topics, obstacles."""

    status: str = _LONG
    key_results: dict[str, str] = Field(default_factory=dict, max_length=20)  # "1.2" -> their line on it
    topics: str = _LONG
    obstacles: str = _LONG


class TrialDraft(_Body):
    """A reply the report wants to try out before sending it, and afterwards how it went."""

    draft: str = Field(min_length=1, max_length=MAX_TEXT)
    debrief: str = _LONG


class CareerWords(_Body):
    """What the report wants their manager to know about their career, in their own words: one pull topic
    (position 1-6, :data:`CAREER_TOPICS`), or the way up they want where their ladder forks (position 7,
    ``toward`` the level's key, ``text`` its name as they chose it)."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    toward: str = Field(default="", max_length=100)


# The report's own words follow the practice's pull topics, one item each; then the way up they want.
CAREER_TOPICS = PULL_TOPICS
WAY_UP_POSITION = len(CAREER_TOPICS) + 1


def career_topic(position: int) -> str:
    """The pull topic (or "way up") a ``career`` item at ``position`` is about."""
    return CAREER_TOPICS[position - 1] if 1 <= position <= len(CAREER_TOPICS) else "way up"


class Feedback(_Body):
    """The manager's feedback on one of the report's goal drafts, before and after it is given."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)


BODIES: dict[str, type[_Body]] = {"goal": GoalDraft, "prework": PreWork, "prep": CheckInPrep, "trial": TrialDraft,
                                  "feedback": Feedback, "career": CareerWords}
_WHAT = {"goal": "growth-goal draft", "prework": "pre-work", "prep": "check-in preparation", "trial": "trial run",
         "feedback": "feedback", "career": "career words"}


@dataclass(frozen=True)
class SideDraft:
    """One item of a side, as its reader may see it: whom it is about, who wrote it, what and where."""

    person: str
    author: str | None
    kind: str
    period: str
    position: int
    state: str
    body: dict[str, Any] = field(default_factory=dict)
    updated_at: str = ""

    @property
    def text(self) -> str:
        """The item's main words (a goal's, an understanding, a trial's draft, feedback, a prep's topics)."""
        for key in ("text", "understanding", "draft", "topics", "status"):
            if self.body.get(key):
                return str(self.body[key])
        return ""


def _check_period(kind: str, period: str) -> str:
    """Goals and their feedback belong to a year, career words to no period (""), everything else to a quarter."""
    if kind not in BODIES:
        raise InputError(f"draft kind {kind!r} is not one of {', '.join(DRAFT_KINDS)}")
    text = str(period).strip()
    if kind == "career":
        if text:
            raise InputError(f"{_WHAT[kind]}: period {period!r}: career words belong to no period; leave it empty")
        return text
    if kind in ("goal", "feedback"):
        if not (text.isdigit() and len(text) == 4):
            raise InputError(f"{_WHAT[kind]}: period {period!r} is not a year like 2027")
        return text
    try:
        return check_quarter(text)
    except ValueError as exc:
        raise InputError(f"{_WHAT[kind]}: period {period!r}: {exc}") from None


def _checked_item(kind: str, period: str | int, position: object, body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """An item's period and body as stored, after every check a save makes (kind, period, position, body);
    raises InputError naming what is wrong. Shared by a save and an export's items coming back."""
    period = _check_period(kind, str(period))
    clean = _body(kind, body)
    if not isinstance(position, int) or isinstance(position, bool) or not 1 <= position <= 99:
        raise InputError(f"{_WHAT[kind]}: position {position!r} is not a number from 1 to 99")
    if kind == "career" and position > WAY_UP_POSITION:
        raise InputError(f"{_WHAT[kind]}: position {position} is not one of 1-{WAY_UP_POSITION} "
                         f"({', '.join(CAREER_TOPICS)}, way up)")
    if kind == "career" and (position == WAY_UP_POSITION) != bool(clean["toward"]):
        raise InputError(f"{_WHAT[kind]}: the way up (position {WAY_UP_POSITION}) and only it names a level in "
                         "'toward'; fix the item and save again")
    return period, clean


def _body(kind: str, body: dict[str, Any]) -> dict[str, Any]:
    if kind not in BODIES:
        raise InputError(f"draft kind {kind!r} is not one of {', '.join(DRAFT_KINDS)}")
    try:
        return BODIES[kind].model_validate(body).model_dump()
    except ValidationError as exc:
        where, msg = validation_problem(exc)
        raise InputError(f"{_WHAT[kind]}: {where or 'body'}: {msg}; fix it and save again", None, None, where or None) from None


class DraftsStore(IdentityStore):
    """The report's side and the manager's feedback on it (``side_drafts``)."""

    def _author_for(self, person_id: str, kind: str) -> str | None:
        """Who writes ``kind`` about ``person_id`` as this Store's actor: the report writes their own side, the
        manager writes feedback; the owner (SQLite's single user) writes either. Raises AccessDenied."""
        actor = self.actor()
        if actor.owner:
            return None
        if kind in REPORT_KINDS and actor.person != person_id:
            raise AccessDenied(f"only {person_id} drafts their own {_WHAT[kind]}; {actor.describe()} may not")
        if kind == "feedback" and not self.allowed("write", person_id):
            raise AccessDenied(f"only {person_id}'s manager drafts feedback for them; {actor.describe()} may not")
        if not self.allowed("write_own", person_id):
            raise AccessDenied(f"{actor.describe()} may not write drafts about {person_id}")
        return actor.person

    @staticmethod
    def _where(person_id: str, author: str | None, kind: str, period: str, position: int, state: str) -> Any:
        t = side_drafts_t.c
        who = t.author_id.is_(None) if author is None else t.author_id == author
        return sa.and_(t.person_id == person_id, who, t.kind == kind, t.period == period, t.position == position,
                       t.state == state)

    def save_draft(self, person_id: str, kind: str, period: str | int, position: int,
                   body: dict[str, Any]) -> SideDraft:
        """Save (create or replace) the actor's draft of item (``kind``, ``period``, ``position``) about
        ``person_id``: nobody else sees it until it is shared. Raises InputError (a bad body, period or
        position), RuleViolation (past the goal limit), AccessDenied, NotFound."""
        period, clean = _checked_item(kind, period, position, body)
        if kind == "goal" and position > self.limits().max_goals:
            raise RuleViolation(f"{person_id}: at most {self.limits().max_goals} annual growth goals; "
                                f"goal {position} is one too many (keep the ones that matter most)")
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.atomic() as conn:
            self._require_person(conn, person_id)
            author = self._author_for(person_id, kind)
            values = {"body": json.dumps(clean, ensure_ascii=False, sort_keys=True), "updated_at": now}
            hit = conn.execute(side_drafts_t.update().where(
                self._where(person_id, author, kind, period, position, "draft")).values(**values))
            if hit.rowcount == 0:
                conn.execute(side_drafts_t.insert().values(person_id=person_id, author_id=author, kind=kind,
                                                           period=period, position=position, state="draft", **values))
        return SideDraft(person_id, author, kind, period, position, "draft", clean, now)

    def share_draft(self, person_id: str, kind: str, period: str | int, position: int) -> SideDraft:
        """Share the actor's draft of the item with the other side ("share with my manager"; for the manager:
        give the feedback): its text becomes the item's shared version and the draft row goes, in one
        transaction. Raises NotFound when there is no draft to share, AccessDenied."""
        period = _check_period(kind, str(period))
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.atomic() as conn:
            author = self._author_for(person_id, kind)
            row = conn.execute(sa.select(side_drafts_t.c.body).where(
                self._where(person_id, author, kind, period, position, "draft"))).first()
            if row is None:
                which = (f"on {career_topic(position)}" if kind == "career" else f"{position} for {period}")
                raise NotFound(f"no {_WHAT[kind]} {which} to share; save it as a draft first")
            conn.execute(side_drafts_t.delete().where(self._where(person_id, author, kind, period, position, "draft")))
            hit = conn.execute(side_drafts_t.update().where(
                self._where(person_id, author, kind, period, position, "shared")).values(body=row.body, updated_at=now))
            if hit.rowcount == 0:
                conn.execute(side_drafts_t.insert().values(person_id=person_id, author_id=author, kind=kind, period=period,
                                                           position=position, state="shared", body=row.body,
                                                           updated_at=now))
        return SideDraft(person_id, author, kind, period, position, "shared", json.loads(row.body), now)

    def delete_draft(self, person_id: str, kind: str, period: str | int, position: int, *, shared: bool = False) -> int:
        """Delete the actor's draft of the item (``shared``: its shared version too); returns rows deleted."""
        period = _check_period(kind, str(period))
        with self.atomic() as conn:
            author = self._author_for(person_id, kind)
            states = ("draft", "shared") if shared else ("draft",)
            return sum(conn.execute(side_drafts_t.delete().where(
                self._where(person_id, author, kind, period, position, s))).rowcount for s in states)

    def side_drafts(self, person_id: str, kind: str | None = None, period: str | int | None = None,
                    state: str | None = None) -> list[SideDraft]:
        """The items about ``person_id`` this reader may see (their own drafts, and what was shared with them),
        by kind, period, position, then draft before shared."""
        t = side_drafts_t.c
        query = sa.select(side_drafts_t).where(t.person_id == person_id)
        if kind is not None:
            query = query.where(t.kind == kind)
        if period is not None:
            query = query.where(t.period == str(period))
        if state is not None:
            query = query.where(t.state == state)
        with self._read() as conn:
            rows = conn.execute(query.order_by(t.kind, t.period, t.position, t.state)).mappings().all()
        return [SideDraft(r["person_id"], r["author_id"], r["kind"], r["period"], r["position"], r["state"],
                          json.loads(r["body"]), r["updated_at"]) for r in rows]

    def export_side(self, person_id: str) -> list[dict[str, Any]]:
        """The side items about ``person_id`` this reader may see, JSON-ready, for their export."""
        return [{"kind": d.kind, "period": d.period, "position": d.position, "state": d.state, "author": d.author,
                 "body": d.body, "updated_at": d.updated_at} for d in self.side_drafts(person_id)]

    def restore_side(self, person_id: str, items: list[Any]) -> tuple[int, int]:
        """Put back the side items of ``person_id``'s export (:meth:`export_side`), each checked as
        :meth:`save_draft` checks it, with its author and day. An author who is not a person here becomes the
        owner (None: a workbook of one's own has one user); on an organisation database a user puts back only
        the items they wrote themselves (the rows' rules). Returns (restored, left out). Raises InputError
        naming the item, writing nothing."""
        actor, rows, left = self.actor(), [], 0
        for i, item in enumerate(items):
            where = f"side[{i}]"
            if not isinstance(item, dict) or set(item) - {"kind", "period", "position", "state", "author", "body",
                                                          "updated_at"}:
                raise InputError("each item of 'side' is a mapping of kind, period, position, state, author, body and "
                                 "updated_at, as `workbook export` wrote it", None, where)
            kind, state, position, given = item.get("kind"), item.get("state"), item.get("position"), item.get("body")
            try:
                period, body = _checked_item(str(kind), str(item.get("period", "")), position,
                                             given if isinstance(given, dict) else {})
            except InputError as exc:
                raise InputError(exc.message, None, where) from None
            if state not in ("draft", "shared"):
                raise InputError(f"state {state!r} is not draft or shared", None, where)
            day = str(item.get("updated_at") or "")
            try:
                dt.datetime.fromisoformat(day)
            except ValueError:
                raise InputError(f"updated_at {day[:40]!r} is not a time like 2027-01-10T09:30:00+00:00", None,
                                 where) from None
            author = item.get("author")
            author = author if isinstance(author, str) and self.has_person(author) else None  # type: ignore[attr-defined]
            if not actor.owner and author != actor.person:
                left += 1
                continue
            rows.append({"person_id": person_id, "author_id": author, "kind": kind, "period": period,
                         "position": position, "state": state, "updated_at": day,
                         "body": json.dumps(body, ensure_ascii=False, sort_keys=True)})
        if rows:
            with self.atomic() as conn:
                conn.execute(side_drafts_t.insert(), rows)
        return len(rows), left

    def side_frame(self, person_id: str, kind: str | None = None, period: str | int | None = None) -> pd.DataFrame:
        """:meth:`side_drafts` as a table: kind, period, position, state, author, text, updated_at."""
        import pandas as pd

        cols = ["kind", "period", "position", "state", "author", "text", "updated_at"]
        items = self.side_drafts(person_id, kind, period)
        return pd.DataFrame([[d.kind, d.period, d.position, d.state, d.author or "", d.text, d.updated_at]
                             for d in items], columns=cols)

    def give_feedback(self, person_id: str, year: str | int, position: int) -> SideDraft:
        """Give the actor's draft feedback on goal ``position``: the report reads it from now on (its shared row),
        and the plan's goal at that position, when there is one, holds it as its feedback, in one transaction.
        Raises NotFound (no draft to give), AccessDenied."""
        with self.atomic():
            given = self.share_draft(person_id, "feedback", year, position)
            plan = self.plan(person_id, int(given.period))  # type: ignore[attr-defined]  # the Store mixes PlansStore in
            if plan is not None and position <= len(plan.goals) and plan.goals[position - 1].feedback != given.text:
                self.edit_goal(person_id, int(given.period), position, feedback=given.text)  # type: ignore[attr-defined]
        return given

    def set_given_feedback(self, person_id: str, year: str | int, position: int, text: str) -> None:
        """Give ``text`` as the actor's feedback on goal ``position`` now, replacing what was given (an empty text
        withdraws it): the plan's goal holds it and the report reads it on their page, and an unsent feedback
        draft on that goal is dropped, in one transaction. Raises NotFound (no such goal), AccessDenied."""
        with self.atomic():
            # The goal must exist (NotFound otherwise); it holds the words, as give_feedback leaves it.
            self.edit_goal(person_id, int(year), position, feedback=text.strip())  # type: ignore[attr-defined]  # PlansStore
            if text.strip():
                self.save_draft(person_id, "feedback", year, position, {"text": text.strip()})  # replaces an unsent one
                self.give_feedback(person_id, year, position)
            else:
                self.delete_draft(person_id, "feedback", year, position, shared=True)

    def save_plan_drafting_feedback(self, plan: GrowthPlan, feedback: dict[int, str], *,
                                    give: bool = False) -> list[Finding]:
        """Save the manager's growth-plan form: ``plan`` as typed, and the feedback typed per goal (position ->
        text) as the manager's feedback DRAFT on that goal, never into the plan, which the report reads. Each goal
        keeps the feedback already given on it (found by the goal's ``id``; a new goal has none); a text equal to
        it, or empty, drops the draft. ``give`` (agreeing the plan) gives every draft typed in the same transaction. Returns the plan's warnings. Raises RuleViolation (nothing written), AccessDenied."""
        with self.atomic():
            before = self.plan(plan.person, plan.year)  # type: ignore[attr-defined]  # the Store mixes PlansStore in
            given = {g.id: g.feedback for g in before.goals} if before is not None else {}
            drafted = self.feedback_drafts(plan.person, plan.year)
            goals = []
            for pos, goal in enumerate(plan.goals, 1):
                old = given.get(goal.id, "") if goal.id is not None else ""
                text = (feedback.get(pos) or "").strip()
                if text and text != old:
                    if text != drafted.get(pos):  # a draft left as saved is not written again (nor refused, 0019)
                        self.save_draft(plan.person, "feedback", plan.year, pos, {"text": text})
                    if give:
                        old = self.share_draft(plan.person, "feedback", plan.year, pos).text
                else:
                    self.delete_draft(plan.person, "feedback", plan.year, pos)
                goals.append(goal.model_copy(update={"feedback": old}))
            return self.save_plan(plan.model_copy(update={"goals": goals}))  # type: ignore[attr-defined, no-any-return]

    def feedback_drafts(self, person_id: str, year: str | int) -> dict[int, str]:
        """The actor's feedback drafts on ``person_id``'s goals for ``year`` (position -> text): not given yet."""
        actor = self.actor()
        return {d.position: d.text for d in self.side_drafts(person_id, "feedback", year, state="draft")
                if actor.owner or d.author == actor.person}

    def agree_goals(self, person_id: str, year: int, agreed: dict[int, str] | None = None,
                    priorities: dict[int, int] | None = None) -> list[Any]:
        """Record the plan agreed in the conversation from the report's shared goal drafts: goal ``n`` keeps the
        report's words as its draft, ``agreed[n]`` (default: those words) as the agreed goal, ``priorities[n]``
        (default: ``n``) and the feedback on it, which agreement gives (draft feedback is shared in the same
        transaction). Status "agreed" (the manager's and the report's joint act, recorded by the manager, who
        writes the plan). Returns the plan's warnings. Raises NotFound (nothing shared), RuleViolation,
        AccessDenied."""
        from ..core.model import Goal, GrowthPlan

        agreed, priorities = agreed or {}, priorities or {}
        with self.atomic():
            # the report's words are theirs (or the owner's, a workbook's one user), feedback is never the report's:
            # a row of the other side's kind in someone's own name (refused by PostgreSQL since revision 0018) is
            # not taken into the agreed plan
            shared = {d.position: d for d in self.side_drafts(person_id, "goal", year, state="shared")
                      if d.author in (person_id, None)}
            if not shared:
                raise NotFound(f"{person_id} has shared no growth-goal drafts for {year}; ask them to share theirs first")
            for d in self.side_drafts(person_id, "feedback", year, state="draft"):
                if d.author == self.actor().person or self.actor().owner:
                    self.share_draft(person_id, "feedback", year, d.position)
            given = {d.position: d.text for d in self.side_drafts(person_id, "feedback", year, state="shared")
                     if d.author != person_id}
            goals = [Goal(text=(agreed.get(pos) or d.text).strip(), draft=d.text, priority=priorities.get(pos, n),
                          feedback=given.get(pos, ""), competencies=list(d.body.get("competencies", [])))
                     for n, (pos, d) in enumerate(sorted(shared.items()), 1)]
            plan = GrowthPlan(person=person_id, year=year, drafted_by="employee", status="agreed", goals=goals)
            return self.save_plan(plan)  # type: ignore[attr-defined, no-any-return]  # the Store mixes PlansStore in
