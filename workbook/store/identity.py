"""Who is asking, and what they may do: the Store's actor, the org tree, and :func:`rights.allowed` on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .base import StoreBase
from .rights import OWNER, Action, Actor, allowed
from .schema import people_t

__all__ = ["IdentityStore", "OrgNode"]


@dataclass(frozen=True)
class OrgNode:
    """One line of the org tree: a person, how deep they sit, and how many people are below them."""

    id: str
    name: str
    depth: int
    manager_id: str | None
    below: int
    detail: str = ""


class IdentityStore(StoreBase):
    """The actor behind this connection and the org tree their rights are computed on."""

    _actor: Actor | None = None

    def reads_everyone(self) -> bool:
        """Whether the rules let this reader see every person: False for an organisation's users (HR too may see
        more than the rest, but an empty answer to them is the rules', not an empty workbook)."""
        return not self.is_postgres or self.actor().owner

    def actor(self) -> Actor:
        """Who this Store acts as. SQLite: the owner (a SQLite workbook is single-user). PostgreSQL: the user
        mapped to the login role (``current_user``), the owner for the role that owns the tables (or a
        superuser), else a stranger with no rights."""
        if self._actor is not None:
            return self._actor
        actor = OWNER
        if self.is_postgres:
            with self._read() as conn:
                row = conn.execute(sa.text("SELECT name, person_id, is_hr FROM users WHERE role = current_user")).first()
                if row is not None:
                    actor = self._actor_of(row)
                else:
                    owns = conn.execute(sa.text(
                        "SELECT r.rolsuper OR pg_has_role(current_user, t.tableowner, 'MEMBER') FROM pg_roles r, "
                        "pg_tables t WHERE r.rolname = current_user AND t.schemaname = current_schema() "
                        "AND t.tablename = 'people'")).scalar()
                    role = conn.execute(sa.text("SELECT current_user")).scalar_one()
                    actor = OWNER if owns else Actor(name=str(role))
        self._actor = actor
        return actor

    @staticmethod
    def _actor_of(row: Any) -> Actor:
        """The actor a ``users`` row (name, person_id, is_hr) stands for."""
        return Actor(name=str(row.name), person=None if row.person_id is None else str(row.person_id),
                     hr=bool(row.is_hr))

    def managers(self) -> dict[str, str | None]:
        """Every person id the reader can see, mapped to their manager's id (None at the top of the tree)."""
        with self._read() as conn:
            return {str(i): m for i, m in conn.execute(sa.select(people_t.c.id, people_t.c.manager_id)).all()}

    def allowed(self, action: Action, person_id: str, author: str | None = None, maker: str | None = None) -> bool:
        """May this Store's actor do ``action`` on ``person_id``'s records (a private note: by ``author``; a
        generated file's record: made by the user ``maker``)? The same rule PostgreSQL enforces
        (:mod:`workbook.store.rights`)."""
        return allowed(self.actor(), action, person_id, self.managers(), author, maker)

    def org_tree(self) -> list[OrgNode]:
        """The org tree depth first, each level by name: people at the top first (no manager, or a manager
        the reader may not see), then their reports. People whose manager is only a free-text name sit under
        that name, shown as a node with an empty id (a name, not a person in the workbook)."""
        with self._read() as conn:
            rows = conn.execute(sa.select(people_t.c.id, people_t.c.name, people_t.c.manager_id,
                                          people_t.c.manager_name, people_t.c.track, people_t.c.level)).all()
        known = {r.id for r in rows}
        nodes: dict[str, tuple[str, str, str]] = {r.id: (r.id, r.name, self._detail(r)) for r in rows}
        children: dict[str | None, list[str]] = {}
        for r in rows:
            if r.manager_id in known:
                parent: str | None = r.manager_id
            elif r.manager_name and r.manager_id is None:
                parent = f"name:{r.manager_name}"
                if parent not in nodes:
                    nodes[parent] = ("", r.manager_name, "a name, not a person in the workbook")
                    children.setdefault(None, []).append(parent)
            else:
                parent = None
            children.setdefault(parent, []).append(r.id)
        for kids in children.values():
            kids.sort(key=lambda k: (nodes[k][1].casefold(), k))
        out: list[OrgNode] = []
        seen: set[str] = set()
        for top in [None, *known]:  # then anyone a loop in bad data hid from the top
            if top is not None and top in seen:
                continue
            stack: list[tuple[str, int, str | None]] = [
                (k, 0, None) for k in reversed(children.get(None, []) if top is None else [top])]
            while stack:
                key, depth, parent_id = stack.pop()
                if key in seen:  # a loop is shown once, never walked forever
                    continue
                seen.add(key)
                pid, name, detail = nodes[key]
                out.append(OrgNode(pid, name, depth, parent_id, self._count_below(key, children), detail))
                stack.extend((k, depth + 1, pid or None) for k in reversed(children.get(key, [])))
        return out

    @staticmethod
    def _detail(row: sa.Row) -> str:
        return " · ".join(b for b in (row.track, f"level {row.level}" if row.level else "") if b)

    @staticmethod
    def _count_below(key: str, children: dict[str | None, list[str]]) -> int:
        seen: set[str] = set()
        stack = list(children.get(key, []))
        while stack:
            k = stack.pop()
            if k not in seen:
                seen.add(k)
                stack.extend(children.get(k, []))
        return len(seen)
