"""A person's whole record: export it (their data-access copy), count it, forget it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from ..core.errors import AccessDenied
from ..core.model import (
    check_slug,
)
from .base import _iso
from .checkins import CheckInsStore
from .generated import GeneratedStore
from .migrations import SCHEMA_VERSION
from .people import PeopleStore
from .plans import PlansStore
from .schema import (
    LOG_TABLES,
    PERSON_TABLES,
    PRIVATE_PARTS,
    actions_t,
    changes_t,
    check_ins_private_t,
    checkins_t,
    goal_comp_t,
    goals_private_t,
    goals_t,
    kr_status_t,
    krs_t,
    metadata,
    notes_t,
    objectives_private_t,
    objectives_t,
    obstacles_t,
    people_private_t,
    people_t,
    plans_t,
    quarters_t,
    support_t,
    trials_t,
)
from .users import remove_logins_of

_PARTS = {part.name for part, _key in PRIVATE_PARTS.values()}
# Every table that holds a person's data, with the column that names the person and the joins to it:
# what a fingerprint covers.
_FINGERPRINT = (
    (people_t, people_t.c.id, people_t),
    (notes_t, notes_t.c.person_id, notes_t),
    (plans_t, plans_t.c.person_id, plans_t),
    (goals_t, plans_t.c.person_id, goals_t.join(plans_t)),
    (goal_comp_t, plans_t.c.person_id, goal_comp_t.join(goals_t).join(plans_t)),
    (quarters_t, quarters_t.c.person_id, quarters_t),
    (objectives_t, quarters_t.c.person_id, objectives_t.join(quarters_t)),
    (krs_t, quarters_t.c.person_id, krs_t.join(objectives_t).join(quarters_t)),
    (support_t, quarters_t.c.person_id, support_t.join(krs_t).join(objectives_t).join(quarters_t)),
    (checkins_t, checkins_t.c.person_id, checkins_t),
    (kr_status_t, checkins_t.c.person_id, kr_status_t.join(checkins_t)),
    (obstacles_t, checkins_t.c.person_id, obstacles_t.join(checkins_t)),
    (trials_t, checkins_t.c.person_id, trials_t.join(checkins_t)),
    (actions_t, actions_t.c.person_id, actions_t),
    # the private parts of records (schema.PRIVATE_PARTS): a person's document changes when they do
    (people_private_t, people_private_t.c.person_id, people_private_t),
    (goals_private_t, plans_t.c.person_id, goals_private_t.join(goals_t).join(plans_t)),
    (objectives_private_t, quarters_t.c.person_id, objectives_private_t.join(objectives_t).join(quarters_t)),
    (check_ins_private_t, checkins_t.c.person_id, check_ins_private_t.join(checkins_t)),
)


class RecordsStore(PeopleStore, PlansStore, CheckInsStore, GeneratedStore):
    """Export, count and erase everything about one person."""

    def check_may_forget(self, person_id: str) -> None:
        """AccessDenied (one line, nothing erased) unless this reader may erase ``person_id``: their manager, or
        the workbook's administrator. Asked before a forget warns of anything it would lose; the database's own
        rule (a delete of the person row the policies hide) still decides in :meth:`forget`."""
        if not self.allowed("write", person_id):
            raise AccessDenied(f"you may not forget {person_id}: only their manager or the workbook's "
                               "administrator erases a person; nothing was erased")

    def forget(self, person_id: str) -> dict[str, int]:
        """Erase every row about a person (their right to be forgotten), the records of files generated
        about them included; returns counts per table. The files themselves are removed by
        :func:`workbook.run.forget.forget_person`, inside the same transaction. In an organisation database the
        users mapped to the person go too, their login roles dropped (``UsersStore.dropped_logins`` names them);
        AccessDenied, nothing erased, when a login cannot be dropped (its message says who takes it away)."""
        check_slug(person_id)
        nested = getattr(self._local, "conn", None) is not None
        with self.atomic() as conn:
            self._require_person(conn, person_id)
            if self.is_postgres and self.actor().owner:  # their users go as `user remove` takes them (anyone
                remove_logins_of(conn, person_id)  # else's forget: the database's trigger drops their roles)
            counts = {}
            for name in PERSON_TABLES:
                table = metadata.tables[name]
                if name in LOG_TABLES:  # append-only: it goes with the person row (ON DELETE CASCADE), its
                    # guard lets it go only then (and on PostgreSQL nobody but the cascade may delete it)
                    counts[name] = conn.execute(sa.select(sa.func.count()).select_from(table).where(
                        table.c.person_id == person_id)).scalar_one()
                    continue
                counts[name] = conn.execute(table.delete().where(table.c.person_id == person_id)).rowcount
            counts["change_log"] = conn.execute(sa.select(sa.func.count()).select_from(changes_t).where(
                changes_t.c.person_id == person_id)).scalar_one()
            counts["people"] = conn.execute(people_t.delete().where(people_t.c.id == person_id)).rowcount
            if counts["people"] != 1:  # row-level security hid the row from this delete: erase nothing
                raise AccessDenied(f"you may not forget {person_id}: only their manager or the workbook's "
                                   "administrator erases a person; nothing was erased")
        if not nested:
            self.checkpoint()
        return counts

    def checkpoint(self) -> None:
        """Move the WAL's pages into the database file and truncate the WAL (after a forget, so erased
        notes do not linger in ``-wal``). Outside any transaction."""
        if self.engine.dialect.name == "sqlite" and str(self.path) != ":memory:" and not self.readonly:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def export_person(self, person_id: str) -> dict[str, Any]:
        """Everything about one person, JSON-ready: their data-access copy. Private notes are in it, in clear, when
        the reader wrote them (and holds their key); someone else's private notes are left out."""
        person = self.person(person_id)
        with self._read() as conn:
            years = [r[0] for r in conn.execute(sa.select(plans_t.c.year).where(plans_t.c.person_id == person_id).order_by(plans_t.c.year))]
            quarters = [r[0] for r in conn.execute(sa.select(quarters_t.c.quarter).where(quarters_t.c.person_id == person_id).order_by(quarters_t.c.quarter))]
            notes = self._notes_for_export([dict(r) for r in conn.execute(
                sa.select(notes_t).where(notes_t.c.person_id == person_id).order_by(notes_t.c.date, notes_t.c.id)).mappings()])
            actions = [dict(r) for r in conn.execute(sa.select(actions_t).where(actions_t.c.person_id == person_id).order_by(actions_t.c.id)).mappings()]
        data = {
            "person": person.model_dump(mode="json"),
            # whom they manage (the people this reader sees): imported again after a forget, they manage them again
            "reports": sorted(pid for pid, manager in self.managers().items() if manager == person_id),
            # a note's author under the import format's name, so `workbook import` reads the export back
            "notes": [{("author" if k == "author_id" else k): _iso(v) for k, v in n.items() if k != "person_id"}
                      for n in notes],
            "growth_plans": [self.plan(person_id, y).model_dump(mode="json", exclude={"person"}) for y in years],  # type: ignore[union-attr]
            "okrs": [self.okrs(person_id, q).model_dump(mode="json", exclude={"person"}) for q in quarters],  # type: ignore[union-attr]
            "check_ins": [c.model_dump(mode="json", exclude={"person"}) for c in self.check_ins(person_id)],
            "actions": [{k: _iso(v) for k, v in a.items() if k != "person_id"} for a in actions],
            # corrections keep their history: the dated level/track/ladder/manager/name changes and the change log
            "person_history": [{k: _iso(v) for k, v in h.items()} for h in self.person_history(person_id)],
            "history": [c.to_dict() for c in self.history(person_id)],
            # the report's side: their drafts and what they shared, the manager's feedback (what this reader sees)
            "side": self.export_side(person_id),  # type: ignore[attr-defined]  # the Store mixes DraftsStore in
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "schema_version": SCHEMA_VERSION,
        }
        return data

    def fingerprints(self, person_ids: Iterable[str] | None = None) -> dict[str, str]:
        """Per person, a SHA-256 of every row stored about them (``None``: everyone). The cost follows the
        people asked for, not the workbook: one query per table for each 500 people, whatever the team's
        size. A batch uses it to tell whether a person's document is up to date."""
        with self._read() as conn:
            if person_ids is None:
                ids = list(conn.execute(sa.select(people_t.c.id).order_by(people_t.c.id)).scalars())
            else:
                ids = sorted(set(person_ids))
            digests = {pid: hashlib.sha256() for pid in ids}
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                for table, person_col, joined in _FINGERPRINT:
                    query = (sa.select(person_col.label("_person"), *table.c).select_from(joined)
                             .where(person_col.in_(chunk)).order_by(person_col, *table.primary_key.columns))
                    for row in conn.execute(query):
                        digests[row[0]].update(f"{table.name}|{row[1:]!r}\n".encode())
        return {pid: d.hexdigest() for pid, d in digests.items()}

    def count_rows(self, person_id: str | None = None) -> dict[str, int]:
        """Rows per table (about one person when given); used to prove writes were all or nothing."""
        with self._read() as conn:
            out = {}
            for name, table in metadata.tables.items():
                if name == "meta":
                    continue
                q = sa.select(sa.func.count()).select_from(table)
                if person_id is not None:
                    if name in _PARTS:  # a part of a record counted in its own table, not a record
                        continue
                    if "person_id" in table.c:
                        q = q.where(table.c.person_id == person_id)
                    elif name == "people":
                        q = q.where(table.c.id == person_id)
                    else:
                        continue
                out[name] = conn.execute(q).scalar_one()
        return out



def dump_json(data: Any) -> str:
    """JSON with dates as ISO strings and non-ASCII kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_iso)

