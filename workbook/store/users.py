"""Users of an organisation workbook: one PostgreSQL login role each, and credentials only the user can read.

``add_user`` (run by the workbook's owner) creates the role with a fresh random password, puts it in the
group role that holds the table privileges, and maps it to a person or to HR in ``users``. The password is
sent to the server only as a SCRAM-SHA-256 verifier (so it never appears in a server log) and is never
stored in the database: it is returned once, and :func:`write_credentials` puts it in a pgpass-style file
(0600, in a 0700 folder) that libpq reads when that user connects.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from ..core.errors import AccessDenied, InputError, StoreError
from ..core.fileio import ensure_private_parents
from ..core.model import check_slug
from .backend import credentials_file, display_url, parse_url
from .identity import IdentityStore
from .policies import (
    LOGINS_DROPPED,
    database_name,
    group_role,
    quote_ident,
    role_digest,
    role_prefix,
    secure_database,
)
from .rights import access, relation_words
from .schema import notes_t, users_t

__all__ = ["UsersStore", "NewUser", "DroppedLogin", "write_credentials", "remove_credentials", "scram_verifier",
           "remove_logins_of"]

SCRAM_ITERATIONS = 4096


@dataclass(frozen=True)
class NewUser:
    """A user just created: their database role, their password (shown or written once), the URL they use."""

    name: str
    role: str
    password: str
    url: str
    person: str | None
    hr: bool
    database: str

    def __repr__(self) -> str:  # never print a password by accident
        return f"NewUser(name={self.name!r}, role={self.role!r}, url={self.url!r})"


@dataclass(frozen=True)
class DroppedLogin:
    """A user whose login role went with their ``users`` row (a forget of their person): their name, their
    role, the database (what :func:`remove_credentials` takes)."""

    name: str
    role: str
    database: str


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = SCRAM_ITERATIONS) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802/7677)."""
    salt = salt or os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = base64.b64encode
    return (f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}$"
            f"{b64(hashlib.sha256(client_key).digest()).decode()}:{b64(server_key).decode()}")


def _pgpass_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def write_credentials(user: NewUser, path: str | os.PathLike[str] | None = None, *, host: str = "*") -> Path:
    """Add (or replace) ``user``'s line in a pgpass-style file, default :func:`credentials_file`; the file is
    0600 in a 0700 folder, written atomically. Returns its path. A line for one ``host`` (a server's socket folder:
    each local server has its own administrator's password, and the same role name) goes first, before the lines
    for any host, because libpq takes the first line that matches."""
    target = Path(path) if path is not None else credentials_file()
    ensure_private_parents(target)  # every missing folder 0700 (mkdir(parents=True) leaves the upper ones 0755)
    key = f"{_pgpass_field(host) if host != '*' else '*'}:*:{_pgpass_field(user.database)}:{_pgpass_field(user.role)}:"
    lines = []
    if target.is_file():
        lines = [ln for ln in target.read_text(encoding="utf-8").splitlines() if not ln.startswith(key)]
    line = key + _pgpass_field(user.password)
    lines = [line, *lines] if host != "*" else [*lines, line]
    _write_private_lines(target, lines)
    return target


def _write_private_lines(target: Path, lines: list[str]) -> None:
    """Replace ``target`` with ``lines`` in one step (a temporary file, fsynced, renamed), private (0600)."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(target, 0o600)


def remove_credentials(database: str, role: str, path: str | os.PathLike[str] | None = None) -> bool:
    """Take ``role``'s line for ``database`` out of a pgpass-style file (default :func:`credentials_file`),
    atomically and keeping it 0600; returns whether there was one."""
    target = Path(path) if path is not None else credentials_file()
    if not target.is_file():
        return False
    key = f"*:*:{_pgpass_field(database)}:{_pgpass_field(role)}:"
    lines = target.read_text(encoding="utf-8").splitlines()
    keep = [ln for ln in lines if not ln.startswith(key)]
    if len(keep) == len(lines):
        return False
    _write_private_lines(target, keep)
    return True


def _remove_login(conn: sa.Connection, name: str, role: str) -> None:
    """Take user ``name``'s access away as the session's own login (the owner's): their login role dropped while it
    still exists, then their ``users`` row deleted (the database's trigger finds no role left to drop), noted for
    :meth:`UsersStore.dropped_logins`. Inside the caller's transaction."""
    if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
        conn.exec_driver_sql(f"DROP ROLE {quote_ident(role)}")
    conn.execute(users_t.delete().where(users_t.c.name == name))
    conn.execute(sa.text("SELECT set_config(CAST(:k AS text), concat_ws(' ', nullif(current_setting(CAST(:k AS text), "
                         "true), ''), CAST(:w AS text)), true)"),
                 {"k": LOGINS_DROPPED, "w": f"{name}:{role}"})


def remove_logins_of(conn: sa.Connection, person_id: str) -> None:
    """The owner's forget of ``person_id``: each user mapped to them removed as `user remove` removes one, in the
    forget's transaction (PostgreSQL only). Anyone else's forget leaves it to the database's trigger (revision 0015),
    which drops the role of a users row the person's deletion cascades to."""
    for name, role in conn.execute(sa.select(users_t.c.name, users_t.c.role).where(users_t.c.person_id == person_id)
                                   .order_by(users_t.c.name)).all():
        _remove_login(conn, str(name), str(role))


class UsersStore(IdentityStore):
    """Users and their database roles (PostgreSQL only: a SQLite workbook is single-user)."""

    def _require_org(self, what: str) -> None:
        if not self.is_postgres:
            raise StoreError(f"{self.location} is a single-user SQLite workbook; {what} needs an organisation "
                             "database on PostgreSQL (see the README section 'An organisation on PostgreSQL')")

    def add_user(self, name: str, *, person: str | None = None, hr: bool = False) -> NewUser:
        """Create user ``name`` as a person in the tree (``person``) or as HR (``hr``), with their own login
        role and a new random password. Only the workbook's owner may. Raises InputError (bad name, taken,
        both or neither of person/hr), NotFound (unknown person), AccessDenied, StoreError (SQLite)."""
        self._require_org("adding users")
        try:
            check_slug(name)
        except ValueError as exc:
            raise InputError(f"user name {name!r}: {exc}") from None
        if (person is None) == (not hr):
            raise InputError(f"user {name}: give exactly one of --person ID (a manager or a report) or --hr")
        if not self.actor().owner:
            raise AccessDenied(f"only the workbook's owner adds users; connect with the owner's URL, not as "
                               f"{self.actor().describe()}")
        password = secrets.token_urlsafe(24)
        with self.atomic() as conn:
            if person is not None:
                self._require_person(conn, person)
                taken = conn.execute(sa.select(users_t.c.name).where(users_t.c.person_id == person)).scalar()
                if taken is not None:
                    raise InputError(f"person {person} already has user {taken!r}; one user per person")
            if conn.execute(sa.select(users_t.c.name).where(users_t.c.name == name)).first() is not None:
                raise InputError(f"user {name!r} already exists; pick another name")
            database = database_name(conn)
            role = _free_login_role(conn, name, database)
            secure_database(conn, group_role(conn))
            conn.exec_driver_sql(
                f"CREATE ROLE {quote_ident(role)} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                f"NOBYPASSRLS PASSWORD '{scram_verifier(password)}' IN ROLE {quote_ident(group_role(conn))}")
            comment = _marker(database).replace("'", "''")  # inside an SQL literal
            conn.exec_driver_sql(f"COMMENT ON ROLE {quote_ident(role)} IS '{comment}'")
            conn.execute(users_t.insert().values(name=name, role=role, person_id=person, is_hr=hr))
        assert self.url is not None
        url = display_url(parse_url(self.url).set(username=role))
        return NewUser(name=name, role=role, password=password, url=url, person=person, hr=hr, database=database)

    @contextmanager
    def add_user_and_hand_over(self, name: str, *, person: str | None = None, hr: bool = False) -> Iterator[NewUser]:
        """:meth:`add_user`, then the caller's block hands the login over (writes its password to a credentials
        file, makes its key, records a hub user). When the block fails, the user is removed again: a login whose
        password nobody holds, whose name a second try would find taken, is never left behind. Raises what
        :meth:`add_user` raises, then what the block raised (or StoreError when the user could not be removed)."""
        user = self.add_user(name, person=person, hr=hr)
        try:
            yield user
        except BaseException as exc:
            try:
                self.remove_user(name)
            except Exception as undo:
                raise StoreError(f"user {name}: {exc}; and the login made for it could not be taken away again "
                                 f"({undo}): remove it with `workbook user remove {name}` before trying again") from exc
            raise

    def find_user(self, name: str) -> NewUser | None:
        """User ``name`` as :meth:`add_user` made them (their role, person or HR, the URL they use) with no
        password (``password`` is empty), or None when there is no such user. Only the owner may. Raises
        AccessDenied, StoreError (SQLite)."""
        self._require_org("a user's login")
        if not self.actor().owner:
            raise AccessDenied(f"only the workbook's owner manages users; connect with the owner's URL, not as "
                               f"{self.actor().describe()}")
        with self._read() as conn:
            row = conn.execute(sa.select(users_t).where(users_t.c.name == name)).first()
            database = database_name(conn)
        if row is None:
            return None
        assert self.url is not None
        return NewUser(name=name, role=str(row.role), password="",
                       url=display_url(parse_url(self.url).set(username=str(row.role))),
                       person=None if row.person_id is None else str(row.person_id), hr=bool(row.is_hr),
                       database=database)

    def user_login(self, name: str) -> NewUser:
        """:meth:`find_user`, raising InputError (naming the users and `workbook user list`) for an unknown user."""
        user = self.find_user(name)
        if user is None:
            names = list(self.users_frame()["name"])
            known = ", ".join(names[:6]) + (", …" if len(names) > 6 else "") or "none"
            raise InputError(f"no user {name!r} in this workbook (users: {known}); `workbook user list` shows them")
        return user

    def sealing_key_ids_of(self, name: str) -> set[str] | None:
        """The ids of the keys user ``name``'s sealed private notes name, read as that user (their own role, in
        a transaction that is rolled back: nothing changes), so that a key can be checked before anything is
        written. None when this owner's login cannot act as their role (the check is then left to an open as
        them). Raises what :meth:`user_login` raises."""
        from .sealing import SEALED_FIELDS, key_ids_sealing

        user = self.user_login(name)
        if user.person is None:
            return set()
        with self.engine.connect() as conn:
            trans = conn.begin()
            try:
                if not conn.execute(sa.text("SELECT pg_has_role(current_user, :r, 'MEMBER')"), {"r": user.role}).scalar():
                    conn.exec_driver_sql(f"GRANT {quote_ident(user.role)} TO CURRENT_USER")
                conn.exec_driver_sql(f"SET LOCAL ROLE {quote_ident(user.role)}")
                rows = conn.execute(sa.select(*(notes_t.c[f] for f in SEALED_FIELDS)).where(
                    notes_t.c.visibility == "private", notes_t.c.author_id == user.person)).mappings().all()
            except sa.exc.DBAPIError:
                return None
            finally:
                trans.rollback()
        return key_ids_sealing(rows)

    def reset_password(self, name: str) -> NewUser:
        """Give user ``name`` a new random password (returned once, as :meth:`add_user` does): the old one stops
        working for new logins at once. For handing an existing user's login to somewhere new (the hub). Only
        the owner may. Raises InputError (unknown user), AccessDenied, StoreError (SQLite, or a user whose login
        role is gone)."""
        user = self.user_login(name)
        password = secrets.token_urlsafe(24)
        with self.atomic() as conn:
            if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": user.role}).first() is None:
                raise StoreError(f"user {name}: their database role {user.role!r} is gone; remove the user "
                                 f"(`workbook user remove {name}`) and add them again")
            conn.exec_driver_sql(f"ALTER ROLE {quote_ident(user.role)} PASSWORD '{scram_verifier(password)}'")
        return NewUser(name=name, role=user.role, password=password, url=user.url, person=user.person, hr=user.hr,
                       database=user.database)

    def remove_user(self, name: str) -> tuple[str, str]:
        """Take user ``name``'s access away (someone who left): their ``users`` row goes, so every rule gives
        their role nothing at once (an open session included), and their login role is dropped. Their records
        and the notes they wrote stay (``forget`` erases a person). Only the owner may. Returns (role,
        database). Raises InputError (unknown user), AccessDenied, StoreError (SQLite)."""
        self._require_org("removing users")
        if not self.actor().owner:
            raise AccessDenied(f"only the workbook's owner removes users; connect with the owner's URL, not as "
                               f"{self.actor().describe()}")
        with self.atomic() as conn:
            role = conn.execute(sa.select(users_t.c.role).where(users_t.c.name == name)).scalar()
            if role is None:
                known = ", ".join(conn.execute(sa.select(users_t.c.name).order_by(users_t.c.name)).scalars()) or "none"
                raise InputError(f"no user {name!r} (users: {known}); `workbook user list` shows them")
            _remove_login(conn, name, role)
            database = database_name(conn)
        return role, database

    def clear_dropped_logins(self, conn: sa.Connection) -> None:
        """Start the transaction on ``conn`` with no login recorded as dropped (see :meth:`dropped_logins`)."""
        if self.is_postgres:
            conn.execute(sa.text("SELECT set_config(CAST(:k AS text), '', true)"), {"k": LOGINS_DROPPED})

    def dropped_logins(self, conn: sa.Connection) -> list[DroppedLogin]:
        """The users whose login roles the transaction on ``conn`` dropped with their ``users`` rows (the
        database's trigger records them, revision 0015): a forget tells even a manager, who may not read the
        users table, which login went with the person they erased. [] on SQLite, which has no users."""
        if not self.is_postgres:
            return []
        words = conn.execute(sa.text("SELECT current_setting(CAST(:k AS text), true), current_database()"),
                             {"k": LOGINS_DROPPED}).one()
        return [DroppedLogin(name=w.split(":", 1)[0], role=w.split(":", 1)[1], database=str(words[1]))
                for w in str(words[0] or "").split() if ":" in w]

    def logins_of(self, person_id: str) -> list[str]:
        """The users (names) mapped to ``person_id`` that this reader may see: the owner and HR see every user;
        anyone else only their own. [] on SQLite."""
        if not self.is_postgres:
            return []
        with self._read() as conn:
            return list(conn.execute(sa.select(users_t.c.name).where(users_t.c.person_id == person_id)
                                     .order_by(users_t.c.name)).scalars())

    def users_frame(self):  # type: ignore[no-untyped-def]
        """The users this reader may see (the owner and HR: everyone; a user: themselves)."""
        import pandas as pd

        if not self.is_postgres:
            return pd.DataFrame(columns=["name", "role", "person_id", "is_hr"])
        with self._read() as conn:
            rows = conn.execute(sa.select(users_t).order_by(users_t.c.name)).mappings().all()
        return pd.DataFrame(rows, columns=["name", "role", "person_id", "is_hr"])

    def who_reads(self, person_id: str) -> list[tuple[str, str, dict[str, bool]]]:
        """For each user this reader may see (the owner and HR: everyone): their name, how they stand to
        ``person_id`` (rights.relation_words) and what they may read about them (rights.access, one entry per
        rights.ACCESS_COLUMNS heading). [] on SQLite, which has no users. NotFound for an unknown person."""
        with self._read() as conn:
            self._require_person(conn, person_id)
            rows = conn.execute(sa.select(users_t).order_by(users_t.c.name)).all() if self.is_postgres else []
        managers = self.managers()
        actors = [self._actor_of(r) for r in rows]
        return [(a.name, relation_words(a, person_id, managers), access(a, person_id, managers)) for a in actors]


def _marker(database: str) -> str:
    """The comment a user's login role carries: whose user it is."""
    return f"workbook user of database {database}"


def _free_login_role(conn: sa.Connection, name: str, database: str) -> str:
    """The login role for new user ``name``: ``<database>_<name>``, else that with the database's digest when a role
    of that name is another's (two databases whose names read alike as role names: "Bad Name" and "bad-name"). A
    role of either name that is this workbook's orphan (a user whose person was forgotten before revision 0015: its
    users row went, its role stayed) is dropped and taken: a member of this workbook's group whose comment names
    this database, or has none (made before roles had one). Never another database's user: a copy of a database
    keeps its group, so membership alone does not say whose a role is. InputError when both names are taken."""
    slug = name.replace("-", "_")
    plain, hashed = (f"{role_prefix(database, 30)}_{slug}"[:63],
                     f"{role_prefix(database, 21)}_{role_digest(database)}_{slug}"[:63])
    group = group_role(conn)
    for role in (plain, hashed):
        found = conn.execute(sa.text("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = :r"),
                             {"r": role}).first()
        if found is None:
            return role
        orphan = found[0] in (None, _marker(database)) and conn.execute(sa.text(
            "SELECT 1 FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member JOIN pg_roles g "
            "ON g.oid = m.roleid WHERE u.rolname = :r AND g.rolname = :g"), {"r": role, "g": group}).first()
        if orphan:
            conn.exec_driver_sql(f"DROP ROLE {quote_ident(role)}")
            return role
    raise InputError(f"database roles {plain!r} and {hashed!r} already exist on this server, "
                     "another database's; pick another user name")
