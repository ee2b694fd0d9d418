"""Two organisation databases on one server never share a group role or a login, however alike their names.

Role names are made from the database's name: "acme-eu" and "acme_eu" both read "acme_eu". The second database
took the first one's group, `user add ann` there found the first database's login role `acme_eu_ann` in "its" group,
took it for an orphan of its own, dropped it and made it again: the first database's Ann was locked out, and the
new password opened both organisations (found by a helper's run through the README as a new administrator).
"""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa

from workbook.core.model import Person
from workbook.store import Store


def _connect(server, database: str, user) -> psycopg.Connection:  # type: ignore[no-untyped-def]
    return psycopg.connect(host=str(server.socket_dir), dbname=database, user=user.role, password=user.password)


def test_databases_whose_names_read_alike_keep_their_groups_and_logins_apart(pg_server) -> None:  # type: ignore[no-untyped-def]
    first_url, second_url = pg_server.create_database("acme-eu"), pg_server.create_database("acme_eu")
    with Store(first_url) as first:
        first.add_person(Person(id="ann", name="Ann"))
        ann = first.add_user("ann", person="ann")
        first_group = first.engine.connect().execute(sa.text("SELECT value FROM meta WHERE key = 'users_role'")).scalar()
    with Store(second_url) as second:
        second.add_person(Person(id="bob", name="Bob Secret"))
        second.add_person(Person(id="ann", name="Ann Other", manager="bob"))
        other = second.add_user("ann", person="ann")
        second_group = second.engine.connect().execute(sa.text("SELECT value FROM meta WHERE key = 'users_role'")).scalar()
    assert first_group == "acme_eu_users" and second_group != first_group and second_group.startswith("acme_eu_")
    assert ann.role == "acme_eu_ann" and other.role != ann.role
    with _connect(pg_server, "acme-eu", ann) as conn:  # the first database's Ann still logs in, to hers
        assert conn.execute(b"SELECT name FROM people").fetchall() == [("Ann",)]
    with pytest.raises(psycopg.OperationalError, match="permission denied|not permitted"):
        _connect(pg_server, "acme_eu", ann)  # and not to the other organisation
    with _connect(pg_server, "acme_eu", other) as conn:
        assert sorted(r[0] for r in conn.execute(b"SELECT name FROM people")) == ["Ann Other"]
    with pytest.raises(psycopg.OperationalError, match="permission denied|not permitted"):
        _connect(pg_server, "acme-eu", other)
