"""A local PostgreSQL for trying an organisation workbook and for the tests: initdb + pg_ctl, Unix socket only.

Debian's ``postgresql`` package puts its programs in ``/usr/lib/postgresql/<version>/bin``. ``initdb``
refuses to run as root, so as root the cluster runs as the ``postgres`` system user in a folder it owns.
The server listens on a Unix socket in the cluster's folder and on no TCP address; every login needs a
password (SCRAM), so a role's password, not the operating-system account, decides who gets in. The
bootstrap superuser is ``workbook_admin`` (the organisation's administrator); its password is kept in the
cluster folder (0600) and, when asked, in the user's own pgpass file.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import StoreError

__all__ = ["LocalServer", "find_program", "start_local_server", "stop_local_server", "ADMIN"]

ADMIN = "workbook_admin"
_SOCKET_LIMIT = 90  # a Unix socket path must stay under ~107 bytes; leave room for ".s.PGSQL.5432"


def find_program(name: str) -> Path | None:
    """A PostgreSQL server program (``initdb``, ``pg_ctl``): on PATH, else Debian's newest version folder."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(candidates[-1]) if candidates else None


@dataclass(frozen=True)
class LocalServer:
    """A running local cluster: its folder, socket folder and administrator password."""

    folder: Path
    socket_dir: Path
    admin_password: str

    def url(self, database: str, user: str = ADMIN, password: str | None = None) -> str:
        """A SQLAlchemy URL for ``database`` as ``user`` (no password in it unless one is given)."""
        auth = f"{user}:{password}" if password else user
        return f"postgresql+psycopg://{auth}@/{database}?host={self.socket_dir}"

    def admin_url(self, database: str = "postgres") -> str:
        return self.url(database, ADMIN, self.admin_password)

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database ``name`` (optionally a copy of ``template``); returns its admin URL with password."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), dbname="postgres", user=ADMIN, password=self.admin_password,
                             autocommit=True) as conn:
            tpl = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{tpl}'.encode())
        return self.admin_url(name)


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(_as_postgres(cmd), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise StoreError(f"{what} failed: {tail[0]}")


def _socket_dir(folder: Path) -> Path:
    preferred = folder / "socket"
    if len(str(preferred)) <= _SOCKET_LIMIT:
        return preferred
    link = folder / "socket-dir"
    if link.is_file():
        return Path(link.read_text().strip())
    short = Path(tempfile.mkdtemp(prefix="wbpg-"))
    link.write_text(str(short))
    return short


def start_local_server(folder: str | os.PathLike[str], *, durable: bool = True) -> LocalServer:
    """Create (first time) and start a cluster in ``folder``; a running one is left as it is. ``durable``
    False turns fsync off: only for throwaway servers (the tests, a benchmark), where a crash may lose the
    data; an organisation's server keeps PostgreSQL's default. Raises StoreError naming the fix when
    PostgreSQL is not installed or the folder cannot be used."""
    initdb, pg_ctl = find_program("initdb"), find_program("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise StoreError("PostgreSQL's server programs are not installed; install them with "
                         "`apt-get install postgresql` (Debian) and try again")
    folder = Path(folder).expanduser().resolve()
    if any(ch.isspace() for ch in str(folder)):  # pg_ctl hands the socket folder on in one option string, split at spaces
        raise StoreError(f"{str(folder)!r} has a space in its path, which PostgreSQL's server cannot take for its "
                         "socket folder; pick a folder without one (e.g. /tmp/acme-pg); nothing was created")
    folder.mkdir(parents=True, exist_ok=True)
    data, pwfile, log = folder / "data", folder / "admin.password", folder / "server.log"
    sock = _socket_dir(folder)
    sock.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:  # the server runs as `postgres`: it must reach and own its folders
        for path in (folder, sock):
            shutil.chown(path, "postgres", "postgres")
        for parent in folder.parents:
            if not os.stat(parent).st_mode & 0o001:
                raise StoreError(f"{parent} cannot be entered by the postgres user; pick a folder under /tmp or "
                                 "another folder everyone may enter")
    if not (data / "PG_VERSION").is_file():
        password = secrets.token_urlsafe(24)
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        _run([str(initdb), "-D", str(data), "-U", ADMIN, "--auth=scram-sha-256", f"--pwfile={pwfile}",
              "-E", "UTF8", "--locale=C.UTF-8"], "initdb")
    password = pwfile.read_text().strip()
    status = subprocess.run(_as_postgres([str(pg_ctl), "-D", str(data), "status"]), capture_output=True, text=True)
    if status.returncode != 0:
        opts = f"-k {sock} -c listen_addresses='' -c max_connections=60" + ("" if durable else " -c fsync=off")
        _run([str(pg_ctl), "-D", str(data), "-l", str(log), "-o", opts, "-w", "-t", "60", "start"],
             f"starting PostgreSQL (see {log})")
    server = LocalServer(folder=folder, socket_dir=sock, admin_password=password)
    _wait_ready(server)
    return server


def _wait_ready(server: LocalServer, seconds: float = 30) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            with psycopg.connect(host=str(server.socket_dir), dbname="postgres", user=ADMIN,
                                 password=server.admin_password, connect_timeout=5):
                return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise StoreError(f"the local PostgreSQL in {server.folder} does not answer: "
                                 f"{str(exc).strip().splitlines()[-1]}") from None
            time.sleep(0.2)


def stop_local_server(folder: str | os.PathLike[str], *, remove: bool = False) -> bool:
    """Stop the cluster in ``folder`` (fast shutdown); ``remove`` deletes its data too. Returns whether it was
    running. Raises StoreError, touching nothing, when ``folder`` is not a cluster's folder (`org server
    start` makes ``data/PG_VERSION`` and ``admin.password`` in it): ``--remove`` must never delete anything else."""
    pg_ctl = find_program("pg_ctl")
    folder = Path(folder).expanduser().resolve()
    data = folder / "data"
    if not (data / "PG_VERSION").is_file() or not (folder / "admin.password").is_file():
        raise StoreError(f"{folder} is not a PostgreSQL folder `workbook org server start` made (no data/PG_VERSION "
                         "and admin.password in it); give the folder you started the server in")
    running = (data / "postmaster.pid").exists()
    if pg_ctl is not None and running:
        subprocess.run(_as_postgres([str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, text=True, timeout=120)
    if remove:
        link = folder / "socket-dir"
        if link.is_file():
            shutil.rmtree(link.read_text().strip(), ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    return running
