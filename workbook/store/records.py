"""A person's whole record: export it (their data-access copy), count it, forget it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa

from ..core.model import (
    check_slug,
)
from .base import _iso
from .checkins import CheckInsStore
from .migrations import SCHEMA_VERSION
from .people import PeopleStore
from .plans import PlansStore
from .schema import PERSON_TABLES, actions_t, changes_t, metadata, notes_t, people_t, plans_t, quarters_t


class RecordsStore(PeopleStore, PlansStore, CheckInsStore):
    """Export, count and erase everything about one person."""

    def forget(self, person_id: str) -> dict[str, int]:
        """Erase every row about a person (their right to be forgotten); returns counts per table."""
        check_slug(person_id)
        with self.atomic() as conn:
            self._require_person(conn, person_id)
            counts = {}
            for name in PERSON_TABLES:
                table = metadata.tables[name]
                counts[name] = conn.execute(table.delete().where(table.c.person_id == person_id)).rowcount
            # the change log goes with the person row (ON DELETE CASCADE): its guard lets it go only then
            counts["change_log"] = conn.execute(sa.select(sa.func.count()).select_from(changes_t).where(
                changes_t.c.person_id == person_id)).scalar_one()
            counts["people"] = conn.execute(people_t.delete().where(people_t.c.id == person_id)).rowcount
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts

    def export_person(self, person_id: str) -> dict[str, Any]:
        """Everything about one person, private notes included (their data-access copy), JSON-ready."""
        person = self.person(person_id)
        with self._read() as conn:
            years = [r[0] for r in conn.execute(sa.select(plans_t.c.year).where(plans_t.c.person_id == person_id).order_by(plans_t.c.year))]
            quarters = [r[0] for r in conn.execute(sa.select(quarters_t.c.quarter).where(quarters_t.c.person_id == person_id).order_by(quarters_t.c.quarter))]
            notes = [dict(r) for r in conn.execute(sa.select(notes_t).where(notes_t.c.person_id == person_id).order_by(notes_t.c.date, notes_t.c.id)).mappings()]
            actions = [dict(r) for r in conn.execute(sa.select(actions_t).where(actions_t.c.person_id == person_id).order_by(actions_t.c.id)).mappings()]
        data = {
            "person": person.model_dump(mode="json"),
            "notes": [{k: _iso(v) for k, v in n.items() if k != "person_id"} for n in notes],
            "growth_plans": [self.plan(person_id, y).model_dump(mode="json", exclude={"person"}) for y in years],  # type: ignore[union-attr]
            "okrs": [self.okrs(person_id, q).model_dump(mode="json", exclude={"person"}) for q in quarters],  # type: ignore[union-attr]
            "check_ins": [c.model_dump(mode="json", exclude={"person"}) for c in self.check_ins(person_id)],
            "actions": [{k: _iso(v) for k, v in a.items() if k != "person_id"} for a in actions],
            # corrections keep their history: the dated level/track/ladder/manager/name changes and the change log
            "person_history": [{k: _iso(v) for k, v in h.items()} for h in self.person_history(person_id)],
            "history": [c.to_dict() for c in self.history(person_id)],
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "schema_version": SCHEMA_VERSION,
        }
        return data

    def count_rows(self, person_id: str | None = None) -> dict[str, int]:
        """Rows per table (about one person when given); used to prove writes were all or nothing."""
        with self._read() as conn:
            out = {}
            for name, table in metadata.tables.items():
                if name == "meta":
                    continue
                q = sa.select(sa.func.count()).select_from(table)
                if person_id is not None:
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

