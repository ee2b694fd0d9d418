"""Which database a workbook is: a path is a SQLite file, a SQLAlchemy URL (``postgresql+psycopg://...``) a server.

PostgreSQL connections log in as the user's own role. A password is never put in the database and need
not be in the URL: libpq reads it from a pgpass-style file, by default ``credentials_file()`` (0600, in the
user's config folder, written by ``workbook user add``), or ``PGPASSFILE``.

Writes on PostgreSQL take one transaction-scoped advisory lock first, so they are serialised exactly as
SQLite's ``BEGIN IMMEDIATE`` serialises them and every read-check-write rule of the Store holds unchanged;
reads run at REPEATABLE READ, so a summary sees one consistent state (docs/decisions/0001-backends.md).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine

from ..core.errors import StoreError
from .engine import BUSY_TIMEOUT_MS

__all__ = ["is_url", "parse_url", "postgres_engine", "display_url", "credentials_file", "WRITE_LOCK_KEY",
           "READ_ISOLATION"]

WRITE_LOCK_KEY = 0x776F726B626F6F6B  # b"workbook": one advisory lock per database for every write transaction
READ_ISOLATION = "REPEATABLE READ"


def is_url(db: object) -> bool:
    """Whether ``db`` names a database by URL (``scheme://...``) rather than a SQLite file path."""
    return isinstance(db, str) and "://" in db


_SCHEME_LOOKALIKE = re.compile(r"(?i)^(postgres(?:ql)?|sqlite)(\+[a-z0-9_]+)?")


def url_typo(db: str, given_as: str = "--db") -> str | None:
    """When a --db given as a file path is a database URL with its ``://`` mistyped (``postgresql+psycopg//...``,
    ``postgresql:/...``): the one-line error saying so, else None. Such a path was taken for a SQLite file in a
    folder "postgresql+psycopg" that "does not exist". A folder named ``postgres`` or ``sqlite`` (``sqlite/w.db``)
    is a path, unless what follows reads as a URL's (a user@, a ?host=)."""
    match = _SCHEME_LOOKALIKE.match(db)
    if match is None or db.startswith("://", match.end()):
        return None
    rest = db[match.end():]
    url_like = (rest.startswith(":") or rest.startswith("//") or (bool(match.group(2)) and rest.startswith("/"))
                or (rest.startswith("/") and ("@" in rest or "?host=" in rest)))
    if not url_like:
        return None
    shown = re.sub(r":[^:@/]+@", ":***@", db)  # a password, as a URL's display hides it
    return (f"{given_as} {display_text(shown)!r} reads as a database URL with its '://' mistyped after {match.group(0)!r}; "
            "write it as postgresql+psycopg://USER@/DATABASE?host=SOCKET_DIR (or give a SQLite file's path)")


def parse_url(url: str) -> URL:
    """A SQLAlchemy URL for a workbook server; ``postgresql://`` means psycopg 3. Raises StoreError, one line
    naming the part at fault, for a URL that is not one, a port that is not a number, an unknown driver or
    backend, and a ``?option`` that is not a connection option: checked here, before any connection, so a
    malformed URL never reaches the driver (which answers with a bare ValueError or ProgrammingError)."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"--db {display_text(url)!r} is not a database URL ({exc}); write e.g. "
                         "postgresql+psycopg://USER@/DATABASE?host=/run/postgresql") from None
    except ValueError:  # SQLAlchemy's int() of the port
        raise StoreError(f"--db {display_text(url)!r}: the port {_port_text(url)!r} is not a number; write "
                         "HOST:PORT with a number (e.g. localhost:5432), or leave ':PORT' out for the default") from None
    backend = parsed.get_backend_name()
    if backend == "postgres":  # the old alias (Heroku's URLs, libpq's postgres://): the same server
        parsed, backend = parsed.set(drivername=parsed.drivername.replace("postgres", "postgresql", 1)), "postgresql"
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        elif parsed.drivername != "postgresql+psycopg":  # psycopg2, asyncpg, pg8000: drivers not installed
            raise StoreError(f"--db {display_url(parsed)!r}: the driver {parsed.drivername.split('+')[-1]!r} is not "
                             "used here; write postgresql+psycopg://USER@/DATABASE?host=SOCKET_DIR")
        _check_postgres_url(parsed)
        return parsed
    if backend == "sqlite":
        return parsed
    raise StoreError(f"--db {display_url(parsed)!r}: {backend} is not supported; use a SQLite file path or "
                     "a postgresql+psycopg:// URL")


def _port_text(url: str) -> str:
    """The port as written in ``url`` (what follows the last ':' of the host part)."""
    netloc = url.split("://", 1)[-1].split("?", 1)[0].rsplit("@", 1)[-1].split("/", 1)[0]  # never the password
    return netloc.rsplit(":", 1)[-1] if ":" in netloc else ""


def _connection_options() -> frozenset[str]:
    """libpq's connection option names (host, port, passfile, sslmode ...): what a URL's ``?option=`` may say."""
    from psycopg import pq

    return frozenset(o.keyword.decode() for o in pq.Conninfo.get_defaults())


def _check_postgres_url(url: URL) -> None:
    """Raise StoreError naming a port out of range or a ``?option`` that libpq does not know (a typo such as
    ``?hst=``), with the nearest name."""
    import difflib

    if url.port is not None and not 0 < url.port < 65536:
        raise StoreError(f"--db {display_url(url)!r}: the port {url.port} is out of range; write a port from 1 "
                         "to 65535 (PostgreSQL's default is 5432), or leave ':PORT' out")
    known = _connection_options()
    for name in url.query:
        if name not in known:
            near = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise StoreError(f"--db {display_url(url)!r}: {name!r} (in '?{name}=') is not a connection option; "
                             f"{hint}write e.g. ?host=SOCKET_DIR (libpq's names: host, port, passfile, sslmode ...)")


def display_url(url: URL) -> str:
    """The URL without its password (for messages, manifests, provenance and a batch's kernels: a password
    belongs in the user's pgpass file, never in a notebook's parameters)."""
    from urllib.parse import unquote

    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database, url.query)
    return unquote(bare.render_as_string(hide_password=False))


def display_text(url: str) -> str:
    try:
        return display_url(sa.engine.make_url(url))
    except (sa.exc.ArgumentError, ValueError):  # the URL as written, any password taken out
        if "://" not in url or "@" not in url:
            return url
        scheme, rest = url.split("://", 1)
        userinfo, where = rest.rsplit("@", 1)
        return f"{scheme}://{userinfo.split(':', 1)[0]}@{where}"


def credentials_file() -> Path:
    """The user's own pgpass-style file of workbook credentials (it may not exist)."""
    import platformdirs

    return Path(platformdirs.user_config_path("workbook")) / "pgpass"


def postgres_engine(url: URL) -> Engine:
    """An engine that logs in as the URL's role; writes serialise on one advisory lock (see the module)."""
    connect_args: dict[str, Any] = {"application_name": "workbook", "connect_timeout": 10}
    if url.password is None and "passfile" not in url.query and not os.environ.get("PGPASSFILE"):
        passfile = credentials_file()
        if passfile.is_file():
            connect_args["passfile"] = str(passfile)
    engine = sa.create_engine(url, connect_args=connect_args, pool_size=2, max_overflow=4)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        if conn.info.get("write"):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")

    return engine
