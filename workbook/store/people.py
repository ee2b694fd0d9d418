"""People: add, update and read the people a workbook is about, each with their place in the org tree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import InputError
from ..core.model import (
    Person,
)
from .door import check_dates
from .history import HistoryStore
from .private import save_private, select_with_private, split_private
from .rights import visible_people
from .schema import people_t


class PeopleStore(HistoryStore):
    """People in the workbook. ``Person.manager`` is the manager's person id when the manager is a person in
    the workbook (the org tree), else the free-text name a file gave (kept and shown, outside the tree)."""

    def _person_values(self, conn: Connection, person: Person) -> dict[str, Any]:
        """Database values for ``person``: its manager linked by id when that id is a person, else kept as a name.
        Raises InputError for a person managing themselves or a manager chain that would loop."""
        values = person.model_dump(exclude={"manager"})
        manager = (person.manager or "").strip()
        values["manager_id"], values["manager_name"] = None, ""
        if not manager:
            return values
        if manager == person.id:
            raise InputError(f"{person.id} cannot be their own manager; give another person's id as manager")
        if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == manager)).first() is None:
            values["manager_name"] = manager
            return values
        current: str | None = manager
        seen: set[str] = set()
        while current is not None and current not in seen:  # walk up: the new link must not close a loop
            if current == person.id:
                raise InputError(f"making {manager} the manager of {person.id} would put {person.id} above "
                                 "themselves in the org tree; pick a manager outside their own team")
            seen.add(current)
            current = conn.execute(sa.select(people_t.c.manager_id).where(people_t.c.id == current)).scalar()
        values["manager_id"] = manager
        return values

    @staticmethod
    def _person_from_row(row: Any) -> Person:
        """A stored person (stored ids are trusted as written: an id from before the id rules still reads)."""
        data = {k: row[k] for k in ("id", "name", "track", "level", "ladder", "toward", "motivations", "started",
                                 "archived")}
        data["manager"] = row["manager_id"] or row["manager_name"] or ""
        return Person.model_validate(data, context={"stored": True})

    def add_person(self, person: Person) -> None:
        """Add a person; raises InputError when the id is taken (see :meth:`_person_values` for the manager)."""
        with self.atomic() as conn:
            if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person.id)).first():
                raise InputError(f"person id {person.id!r} already exists; pick another id or update the person")
            if self.is_postgres and conn.execute(sa.text("SELECT wb_id_in_log(:id)"), {"id": person.id}).scalar():
                # a forgotten person's id: the change log still names them as the author of changes about others
                # (append-only), whose private part the new person would read as theirs
                raise InputError(f"person id {person.id!r} belonged to someone who was forgotten and is still named "
                                 "in the change log; give the new person another id")
            check_dates(conn, person.id, {"started": (None, person.started)}, where=f"person {person.id}")
            own, private = split_private(people_t, self._person_values(conn, person))
            conn.execute(people_t.insert().values(**own))
            save_private(conn, people_t, person.id, private)
            self._log(conn, person.id, "person", None, "add", f"person {person.id}")

    def update_person(self, person: Person) -> None:
        with self.atomic() as conn:
            self._require_person(conn, person.id)
            own, private = split_private(people_t, self._person_values(conn, person))
            conn.execute(people_t.update().where(people_t.c.id == person.id).values(**own))
            save_private(conn, people_t, person.id, private)

    def has_person(self, person_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person_id)).first() is not None

    def person(self, person_id: str) -> Person:
        """The person with this id; raises NotFound naming the known ids."""
        with self._read() as conn:
            row = conn.execute(select_with_private(people_t).where(people_t.c.id == person_id)).mappings().first()
            if row is None:
                self._require_person(conn, person_id)
        return self._person_from_row(row)

    def people_by_id(self, ids: Iterable[str]) -> dict[str, Person]:
        """The people among ``ids`` who are in the workbook, by id (one query per 500 ids)."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, Person] = {}
        with self._read() as conn:
            for start in range(0, len(wanted), 500):
                rows = conn.execute(select_with_private(people_t).where(people_t.c.id.in_(wanted[start:start + 500]))).mappings()
                for r in rows:
                    out[r["id"]] = self._person_from_row(r)
        return out

    def people(self, *, include_archived: bool = False) -> list[Person]:
        """The people in the workbook by id; archived ones (leavers) only with ``include_archived``."""
        with self._read() as conn:
            q = select_with_private(people_t).order_by(people_t.c.id)
            if not include_archived:
                q = q.where(people_t.c.archived == sa.false())
            rows = conn.execute(q).mappings().all()
        return [self._person_from_row(r) for r in rows]

    def my_team(self, *, below: bool = False, include_archived: bool = False) -> list[Person]:
        """The people whose conversations this user keeps, by id: everyone for the workbook's owner (the one
        user of a SQLite workbook) and for HR (who run the organisation's quarter); for a manager, the people
        they write for (their direct reports), or with ``below`` everyone below them (whom they may make
        summaries and stage notebooks about: a skip-level's overview). Never the user themself: their own
        check-ins, goals and summaries are their manager's to keep."""
        people = self.people(include_archived=include_archived)
        actor = self.actor()
        if actor.owner or actor.hr:
            return people
        mine = visible_people(actor, "make_files" if below else "write", self.managers())
        return [p for p in people if p.id in mine]

    def nobody_reports_to_me(self, *, below: bool = False) -> bool:
        """True for an organisation's user whose team (:meth:`my_team`, with ``below``) is empty by the rules:
        nobody reports to them. Never for the workbook's owner or HR, whose team is the whole workbook, empty
        or not: an empty workbook is "add someone", not "nobody reports to you"."""
        actor = self.actor()
        return not (actor.owner or actor.hr) and not self.my_team(below=below)

    def manager_label(self, person: Person) -> str:
        """The name to print for ``person``'s manager: the manager person's name (their id when the reader may
        not see them), the free-text name a file gave, or "" for nobody."""
        if not person.manager:
            return ""
        with self._read() as conn:
            name = conn.execute(sa.select(people_t.c.name).where(people_t.c.id == person.manager)).scalar()
        return str(name) if name else person.manager
