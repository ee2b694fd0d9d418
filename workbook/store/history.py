"""The change log and a person's dated history: write an entry inside the change's own transaction, read them back.

Every correction (edit, delete, move, archive) and every addition is logged by the write that makes it, on
the same connection and in the same transaction, so a refused write leaves no entry and a logged change
always happened. An entry says who (the OS user, or the hub user under JupyterHub; in an organisation database
the workbook user whose login made it, or "the owner"), when (UTC), which record (a label without its free
text), and per changed field the old and new values with who may read them
(:func:`workbook.core.visibility.change_audience`): a private note's old text is private, and the
``shareable_changes`` view, the only way a shareable output reads the log, cannot return it.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.labels import plural
from ..core.model import GrowthPlan, QuarterOKRs
from ..core.visibility import Audience, change_audience, strictest
from .base import _new_id
from .identity import IdentityStore
from .schema import change_fields_t, changes_t, person_history_t

__all__ = ["Change", "FieldChange", "HistoryStore", "OWNER_ACTOR", "change_actor", "match_rows", "value_text", "PERSON_HISTORY_FIELDS"]

# who the change log says made the administrator's changes in an organisation database: never a user name (those
# have no space), so it cannot be taken for a user's
OWNER_ACTOR = "the owner"

# the person fields whose changes are dated in the person's history (a promotion is a level change)
PERSON_HISTORY_FIELDS = ("name", "track", "level", "ladder", "toward", "manager")


def change_actor() -> str:
    """Who is making a change: the JupyterHub user when running under a hub, else the OS user."""
    for var in ("JUPYTERHUB_USER", "WORKBOOK_USER"):
        if os.environ.get(var, "").strip():
            return os.environ[var].strip()[:200]
    try:
        return getpass.getuser()[:200]
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def value_text(value: Any) -> str | None:
    """A field's value as the log stores it: text, dates ISO, lists one item a line, None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "\n".join(str(value_text(v)) for v in value)
    if hasattr(value, "label") and callable(value.label):
        return str(value.label())
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    """One field of a change: its old and new values (as text) and who may read them."""

    field: str
    old: str | None
    new: str | None
    audience: Audience = "shared"


@dataclass(frozen=True)
class Change:
    """One entry of the change log."""

    id: int
    person: str
    at: str
    actor: str
    record: str
    record_id: int | None
    action: str
    label: str
    audience: Audience
    fields: tuple[FieldChange, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "actor": self.actor, "record": self.record, "record_id": self.record_id,
                "action": self.action, "label": self.label, "audience": self.audience,
                "fields": [{"field": f.field, "old": f.old, "new": f.new, "audience": f.audience} for f in self.fields]}


def diff_fields(record: str, old: dict[str, Any], new: dict[str, Any], *visibilities: str,
                only: Iterable[str] | None = None) -> list[FieldChange]:
    """The fields whose text differs between ``old`` and ``new`` (a missing key counts as None)."""
    names = list(only) if only is not None else list(dict.fromkeys([*old, *new]))
    out = []
    for name in names:
        before, after = value_text(old.get(name)), value_text(new.get(name))
        if (before or None) != (after or None):
            out.append(FieldChange(name, before, after, change_audience(record, name, *visibilities)))
    return out


def removed_fields(record: str, old: dict[str, Any], *visibilities: str) -> list[FieldChange]:
    """Every non-empty field of a deleted record, as old values."""
    return [FieldChange(k, value_text(v), None, change_audience(record, k, *visibilities))
            for k, v in old.items() if v is not False and value_text(v) not in (None, "")]


class HistoryStore(IdentityStore):
    """Write and read the change log and the people's dated histories."""

    def _change_actor(self) -> str:
        """Who the log says made a change: in an organisation database the workbook user whose login made it
        (the readers of a history know "maya", not the account her laptop runs as), or :data:`OWNER_ACTOR` for
        the tables' owner (the administrator has no workbook user: the OS or hub account the command ran under
        read as a user of that name, "root", or as someone else's, an account or WORKBOOK_USER called "maya");
        in a SQLite workbook :func:`change_actor` (the hub user or the OS user: its one user)."""
        who = self.actor()
        if self.is_postgres:
            return OWNER_ACTOR if who.owner else who.name[:200]
        return change_actor()

    # -- writing (always on the caller's connection, inside its transaction) ----------------------------------
    def _log(self, conn: Connection, person_id: str, record: str, record_id: int | None, action: str, label: str,
             fields: Sequence[FieldChange] = (), audience: Audience | None = None) -> int | None:
        """Append one entry (and its fields). An edit that changed nothing is not logged (returns None).
        ``audience`` (default: shared, or private when every field is private) says who may know the
        change happened at all."""
        if action == "edit" and not fields:
            return None
        if audience is None:
            audience = "private" if fields and all(f.audience == "private" for f in fields) else "shared"
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        change_id = _new_id(conn.execute(changes_t.insert().values(
            person_id=person_id, at=at, actor=self._change_actor(), record=record, record_id=record_id, action=action,
            label=label, audience=audience)))
        if fields:
            conn.execute(change_fields_t.insert(), [
                {"change_id": change_id, "field": f.field, "old": f.old, "new": f.new, "audience": f.audience}
                for f in fields])
        return change_id

    def _log_person_history(self, conn: Connection, person_id: str, changes: dict[str, tuple[str, str]],
                            effective: dt.date) -> None:
        """Date the changes of level, track, ladder, way up, manager or name (``field -> (old, new)``)."""
        rows = [{"person_id": person_id, "effective": effective, "field": name, "old": old or "", "new": new or ""}
                for name, (old, new) in changes.items() if name in PERSON_HISTORY_FIELDS and (old or "") != (new or "")]
        if rows:
            conn.execute(person_history_t.insert(), rows)

    def _log_plan_diff(self, conn: Connection, before: GrowthPlan | None, incoming: GrowthPlan) -> None:
        """Log what saving changed in the plan ``before`` (None: a new plan); ``incoming`` is the plan as saved
        (its goals with their ids: the store keeps a goal's id across edits, see :func:`match_rows`)."""
        who, year = incoming.person, incoming.year
        if before is None:
            self._log(conn, who, "growth_plan", None, "add", f"growth plan {year} ({plural(len(incoming.goals), 'goal')})")
            return
        plan_fields = diff_fields("growth_plan", before.model_dump(include={"status", "drafted_by"}),
                                  incoming.model_dump(include={"status", "drafted_by"}))
        self._log(conn, who, "growth_plan", before.id, "edit", f"growth plan {year}", plan_fields)
        old = list(before.goals)
        pairs = match_rows([g.id for g in old], [g.text for g in old], [g.id for g in incoming.goals],
                       [g.text for g in incoming.goals])
        goal_fields = ("text", "draft", "feedback", "priority", "competencies", "position")
        for pos, goal in enumerate(incoming.goals, 1):
            j = pairs.get(pos - 1)
            new = {**goal.model_dump(include=set(goal_fields)), "position": pos}
            if j is None:
                self._log(conn, who, "goal", goal.id, "add", f"growth goal {pos} of {year}")
                continue
            prev = old[j].model_dump(include=set(goal_fields))
            self._log(conn, who, "goal", old[j].id, "edit", f"growth goal {prev['position']} of {year}",
                      diff_fields("goal", prev, new))
        kept = set(pairs.values())
        for j, goal in enumerate(old):
            if j not in kept:
                self._log(conn, who, "goal", goal.id, "delete", f"growth goal {goal.position} of {year}",
                          removed_fields("goal", goal.model_dump(include=set(goal_fields))))

    def _log_okrs_diff(self, conn: Connection, before: QuarterOKRs | None, after: QuarterOKRs) -> None:
        """Log what a save changed in a quarter's objectives, key results and support (matched by id: the
        store keeps their ids across edits)."""
        who, q = after.person, after.quarter
        old_objs = {o.id: o for o in before.objectives} if before else {}
        old_krs = {k.id: (o, k) for o in (before.objectives if before else []) for k in o.key_results}
        obj_fields = {"text", "goal", "understanding", "supplement", "aligned_work"}
        kr_fields = {"text", "target_date", "outcome", "outcome_note", "moved_from"}
        new_kr_ids = set()
        for o in after.objectives:
            prev = old_objs.get(o.id)
            if prev is None:
                self._log(conn, who, "objective", o.id, "add", f"objective {o.position} of {q}")
            else:
                self._log(conn, who, "objective", o.id, "edit", f"objective {prev.position} of {q}",
                          diff_fields("objective", prev.model_dump(include=obj_fields), o.model_dump(include=obj_fields)))
            for k in o.key_results:
                new_kr_ids.add(k.id)
                label = f"key result O{o.position}·KR{k.position} of {q}"
                if k.id not in old_krs:
                    self._log(conn, who, "key_result", k.id, "add", label)
                    continue
                po, pk = old_krs[k.id]
                fields = diff_fields("key_result", pk.model_dump(include=kr_fields), k.model_dump(include=kr_fields))
                if (po.position, pk.position) != (o.position, k.position):
                    fields.append(FieldChange("position", f"O{po.position}·KR{pk.position}", f"O{o.position}·KR{k.position}",
                                              change_audience("key_result", "position")))
                self._log(conn, who, "key_result", k.id, "edit", label, fields)
                self._log_support_diff(conn, who, f"O{o.position}·KR{k.position} of {q}", pk.support, k.support)
        for kid, (po, pk) in old_krs.items():
            if kid not in new_kr_ids:
                self._log(conn, who, "key_result", kid, "delete", f"key result O{po.position}·KR{pk.position} of {q}",
                          removed_fields("key_result", {**pk.model_dump(include=kr_fields),
                                                        "support": [f"{s.who}: {s.what}" for s in pk.support]}))
        new_obj_ids = {o.id for o in after.objectives}
        for oid, prev in old_objs.items():
            if oid not in new_obj_ids:
                self._log(conn, who, "objective", oid, "delete", f"objective {prev.position} of {q}",
                          removed_fields("objective", {**prev.model_dump(include=obj_fields),
                                                       "key_results": [k.text for k in prev.key_results]}))

    def _log_support_diff(self, conn: Connection, who: str, where: str, before: list, after: list) -> None:
        old = {s.id: s for s in before}
        keys = {"who", "what", "status", "due"}
        for s in after:
            if s.id in old:
                self._log(conn, who, "support", s.id, "edit", f"support for {where}",
                          diff_fields("support", old[s.id].model_dump(include=keys), s.model_dump(include=keys)))
            else:
                self._log(conn, who, "support", s.id, "add", f"support for {where}")
        kept = {s.id for s in after}
        for sid, s in old.items():
            if sid not in kept:
                self._log(conn, who, "support", sid, "delete", f"support for {where}",
                          removed_fields("support", s.model_dump(include=keys)))

    # -- reading ------------------------------------------------------------------------------------------------
    def history(self, person_id: str, *, shareable: bool = False) -> list[Change]:
        """A person's change log, oldest first. ``shareable`` reads through the ``shareable_changes`` view:
        only shared fields of shared changes (no private note's change, no private field's values).
        Raises NotFound for an unknown person."""
        with self._read() as conn:
            self._require_person(conn, person_id)
            if shareable:
                rows = conn.execute(sa.text(
                    "SELECT change_id AS id, person_id, at, actor, record, record_id, action, label, "
                    "'shared' AS audience, field, old, new, 'shared' AS field_audience FROM shareable_changes "
                    "WHERE person_id = :p ORDER BY change_id"), {"p": person_id}).mappings().all()
            else:
                rows = conn.execute(
                    sa.select(changes_t, change_fields_t.c.field, change_fields_t.c.old, change_fields_t.c.new,
                              change_fields_t.c.audience.label("field_audience"))
                    .select_from(changes_t.outerjoin(change_fields_t, change_fields_t.c.change_id == changes_t.c.id))
                    .where(changes_t.c.person_id == person_id).order_by(changes_t.c.id, change_fields_t.c.id)
                ).mappings().all()
        out: dict[int, Change] = {}
        for r in rows:
            entry = out.get(r["id"])
            if entry is None:
                entry = out[r["id"]] = Change(r["id"], r["person_id"], r["at"], r["actor"], r["record"], r["record_id"],
                                              r["action"], r["label"], r["audience"], ())
            if r["field"] is not None:
                f = FieldChange(r["field"], r["old"], r["new"], r["field_audience"])
                out[r["id"]] = Change(**{**entry.__dict__, "fields": (*entry.fields, f)})
        return list(out.values())

    def person_history(self, person_id: str) -> list[dict[str, Any]]:
        """A person's dated changes of level, track, ladder, manager and name, oldest first:
        ``{"effective", "field", "old", "new"}``."""
        with self._read() as conn:
            rows = conn.execute(sa.select(person_history_t.c.effective, person_history_t.c.field,
                                          person_history_t.c.old, person_history_t.c.new)
                                .where(person_history_t.c.person_id == person_id)
                                .order_by(person_history_t.c.effective, person_history_t.c.id)).mappings().all()
        return [dict(r) for r in rows]

    def dated_changes_after(self, day: dt.date) -> dict[str, list[dict[str, Any]]]:
        """Everyone's dated changes that take effect after ``day`` (a promotion entered ahead), in one query:
        ``person_id -> [{"effective", "field", "old", "new"}, ...]``, oldest first."""
        with self._read() as conn:
            rows = conn.execute(sa.select(person_history_t.c.person_id, person_history_t.c.effective,
                                          person_history_t.c.field, person_history_t.c.old, person_history_t.c.new)
                                .where(person_history_t.c.effective > day)
                                .order_by(person_history_t.c.effective, person_history_t.c.id)).mappings().all()
        out: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            out.setdefault(r["person_id"], []).append({k: r[k] for k in ("effective", "field", "old", "new")})
        return out


def match_rows(old_ids: list[int | None], old_texts: list[str], new_ids: list[int | None],
               new_texts: list[str]) -> dict[int, int]:
    """Pair incoming rows with old ones (incoming index -> old index): by id, then equal text, then position (an
    incoming row without an id). The plans store keeps a paired goal's id, and the change log calls it an edit."""
    pairs: dict[int, int] = {}
    free = set(range(len(old_ids)))
    for i, nid in enumerate(new_ids):
        if nid is not None and nid in old_ids and old_ids.index(nid) in free:
            pairs[i] = old_ids.index(nid)
            free.discard(pairs[i])
    for i, text in enumerate(new_texts):
        if i in pairs:
            continue
        j = next((j for j in sorted(free) if old_texts[j] == text), None)
        if j is not None:
            pairs[i] = j
            free.discard(j)
    for i in range(len(new_texts)):
        if i not in pairs and i in free and new_ids[i] is None:
            pairs[i] = i
            free.discard(i)
    return pairs


def audience_of(fields: Sequence[FieldChange]) -> Audience:
    """The strictest audience among ``fields``."""
    return strictest(*(f.audience for f in fields))
