"""People: add, update and read the people a workbook is about, each with their place in the org tree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..core.errors import InputError
from ..core.model import (
    Person,
)
from .door import check_dates
from .history import FieldChange, HistoryStore
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

    def add_person(self, person: Person) -> list[str]:
        """Add a person; raises InputError when the id is taken (see :meth:`_person_values` for the manager).
        The people waiting for them as their manager (kept as a name equal to the new id: a report imported before
        their manager) are linked to them in the same transaction, as an import links them
        (:meth:`link_waiting_reports`); returns their ids."""
        with self.atomic() as conn:
            if conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person.id)).first():
                raise InputError(f"person id {person.id!r} already exists; pick another id or update the person")
            if self.is_postgres and conn.execute(sa.text("SELECT wb_id_taken(:id)"), {"id": person.id}).scalar():
                raise InputError(f"person id {person.id!r} is taken by someone in this workbook you do not see; give "
                                 "the new person another id")
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
            linked, _left = self.link_waiting_reports(conn, {person.id: ()}).get(person.id, ([], []))
        return linked

    def link_waiting_reports(self, conn: Connection, managers: Mapping[str, Iterable[str]]
                             ) -> dict[str, tuple[list[str], list[str]]]:
        """Link to each person of ``managers`` (just written, on ``conn``) the reports waiting for them: people whose
        manager was kept as the name of that id because they came first (reports imported before their manager),
        and those the manager's entry lists (the reports a manager's export names) who have no manager now (a
        forget leaves a manager's reports with none). Each link is logged in the report's history. Returns, per
        manager with any, (linked, left): ``left`` are listed reports who have another manager now, left so.
        Only the workbook's owner (the one user of a SQLite workbook, an organisation's administrator) links
        anyone: a user of an organisation does not see people with no manager, nor writes their records.
        Raises InputError, its ``where`` the manager's id, when a report is above their manager in the org tree
        (the link would close a loop)."""
        if not self.actor().owner:
            return {}
        p = people_t.c
        wanted = {m: [r for r in dict.fromkeys(listed) if r != m] for m, listed in managers.items()}
        names, listed_ids = list(wanted), list({r for rs in wanted.values() for r in rs})
        rows: list[Any] = []
        for start in range(0, max(len(names), len(listed_ids)), 500):
            rows += conn.execute(sa.select(p.id, p.manager_id, p.manager_name).where(sa.or_(
                sa.and_(p.manager_id.is_(None), p.manager_name.in_(names[start:start + 500])),
                p.id.in_(listed_ids[start:start + 500])))).all()
        out: dict[str, tuple[list[str], list[str]]] = {}
        for manager, listed in wanted.items():
            mine = sorted({r for r in rows if r.id != manager and (r.manager_name == manager or r.id in listed)},
                          key=lambda r: r.id)
            waiting = [r for r in mine if r.manager_id is None and r.manager_name in ("", manager)]
            left = [r.id for r in mine if r not in waiting and r.manager_id != manager]
            if waiting:
                self._link_reports(conn, manager, waiting)
            if waiting or left:
                out[manager] = ([r.id for r in waiting], left)
        return out

    def _link_reports(self, conn: Connection, manager: str, reports: list[Any]) -> None:
        p = people_t.c
        above: set[str] = set()
        current: str | None = manager
        while current is not None and current not in above:
            above.add(current)
            current = conn.execute(sa.select(p.manager_id).where(p.id == current)).scalar()
        for r in reports:
            if r.id in above:
                raise InputError(f"{r.id} waits for {manager} as their manager, but {r.id} is above {manager} in the "
                                 f"org tree; give {manager} another manager, or {r.id} another one first "
                                 f"(`workbook person edit {r.id} --manager ID`)", None, manager)
        conn.execute(people_t.update().where(p.id.in_([r.id for r in reports])).values(manager_id=manager,
                                                                                       manager_name=""))
        for r in reports:
            self._log(conn, r.id, "person", None, "edit", f"person {r.id} (their manager {manager} was added)",
                      [FieldChange("manager", f"{manager} (a name, not a person)" if r.manager_name else None, manager)])

    def update_person(self, person: Person) -> None:
        with self.atomic() as conn:
            self._require_person(conn, person.id)
            own, private = split_private(people_t, self._person_values(conn, person))
            conn.execute(people_t.update().where(people_t.c.id == person.id).values(**own))
            save_private(conn, people_t, person.id, private)

    def has_person(self, person_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(people_t.c.id).where(people_t.c.id == person_id)).first() is not None

    def id_taken_unseen(self, person_id: str) -> bool:
        """Whether ``person_id`` is someone's in this organisation workbook whom this user does not see (PostgreSQL's
        ``wb_id_taken``: whether, never who). False on SQLite, where the one user sees everyone."""
        if not self.is_postgres or self.has_person(person_id):
            return False
        with self._read() as conn:
            return bool(conn.execute(sa.text("SELECT wb_id_taken(:id)"), {"id": person_id}).scalar())

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
        """The name to print for ``person``'s manager: the manager person's name, the free-text name a file gave,
        or "" for nobody. On an organisation database a report may not read their manager's row: the database
        gives the name alone (``wb_manager_name``: the name of the manager of a person the reader may read), so
        the report's page and summary name their manager; their id only where even that is not given (a
        manager the person no longer has)."""
        if not person.manager:
            return ""
        with self._read() as conn:
            name = conn.execute(sa.select(people_t.c.name).where(people_t.c.id == person.manager)).scalar()
            if name is None and self.is_postgres:
                name = conn.execute(sa.text("SELECT wb_manager_name(current_user, :pid, :mid)"),
                                    {"pid": person.id, "mid": person.manager}).scalar()
        return str(name) if name else person.manager
