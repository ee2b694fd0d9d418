"""People: add, update and read the reports a workbook is about."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from ..core.errors import InputError
from ..core.model import (
    Person,
)
from .door import check_dates
from .history import HistoryStore
from .schema import people_t


class PeopleStore(HistoryStore):
    """People in the workbook."""

    def add_person(self, person: Person) -> None:
        """Add a person; raises InputError when the id is taken."""
        with self.atomic() as conn:
            if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person.id)).first():
                raise InputError(f"person id {person.id!r} already exists; pick another id or update the person")
            check_dates(conn, person.id, {"started": (None, person.started)}, where=f"person {person.id}")
            conn.execute(people_t.insert().values(**person.model_dump()))
            self._log(conn, person.id, "person", None, "add", f"person {person.id}")

    def update_person(self, person: Person) -> None:
        with self.atomic() as conn:
            self._require_person(conn, person.id)
            conn.execute(people_t.update().where(people_t.c.id == person.id).values(**person.model_dump()))

    def has_person(self, person_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person_id)).first() is not None

    def person(self, person_id: str) -> Person:
        """The person with this id; raises NotFound naming the known ids."""
        with self._read() as conn:
            row = conn.execute(sa.select(people_t).where(people_t.c.id == person_id)).mappings().first()
            if row is None:
                self._require_person(conn, person_id)
        return Person.model_validate(dict(row), context={"stored": True})  # type: ignore[arg-type]

    def people_by_id(self, ids: Iterable[str]) -> dict[str, Person]:
        """The people among ``ids`` who are in the workbook, by id (one query per 500 ids)."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, Person] = {}
        with self._read() as conn:
            for start in range(0, len(wanted), 500):
                rows = conn.execute(sa.select(people_t).where(people_t.c.id.in_(wanted[start:start + 500]))).mappings()
                for r in rows:
                    out[r["id"]] = Person.model_validate(dict(r), context={"stored": True})
        return out

    def people(self, *, include_archived: bool = False) -> list[Person]:
        """The people in the workbook by id; archived ones (leavers) only with ``include_archived``."""
        with self._read() as conn:
            q = sa.select(people_t).order_by(people_t.c.id)
            if not include_archived:
                q = q.where(people_t.c.archived == sa.false())
            rows = conn.execute(q).mappings().all()
        return [Person.model_validate(dict(r), context={"stored": True}) for r in rows]

