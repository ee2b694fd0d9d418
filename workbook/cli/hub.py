"""Commands for serving an organisation workbook on JupyterHub: add a hub user (a new one, or a workbook user with their key), run the demo hub on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .base import DbOption, app, confirm_or_refuse, open_store

if TYPE_CHECKING:
    from ..hub import Adopted

hub_app = typer.Typer(help="JupyterHub for an organisation workbook (deploy/jupyterhub/): hub users are workbook users.",
                      no_args_is_help=True, rich_markup_mode=None)
app.add_typer(hub_app, name="hub")

StateOption = Annotated[Optional[Path], typer.Option(  # noqa: UP045
    "--state", help="The hub's state folder (credentials and notebooks per user); default: your data folder's hub/.",
    show_default=False)]


def _state(folder: Path | None):  # type: ignore[no-untyped-def]
    import platformdirs

    from ..hub import HubState

    return HubState((folder or Path(platformdirs.user_data_path("workbook")) / "hub").expanduser().resolve())


@hub_app.command("add-user")
def hub_add_user(name: Annotated[str, typer.Argument(help="The hub login name, which becomes the workbook user's name.")],
                 person: Annotated[Optional[str], typer.Option("--person", help="The person in the tree they are.",  # noqa: UP045
                                                               show_default=False)] = None,
                 hr: Annotated[bool, typer.Option("--hr", help="An HR partner.")] = False,
                 existing: Annotated[bool, typer.Option(
                     "--existing", help="NAME is a workbook user already (`workbook user add`, used from the command "
                                        "line): give them a hub login, with a new database password the hub keeps.")] = False,
                 key_file: Annotated[Optional[Path], typer.Option(  # noqa: UP045
                     "--key-file", help="With --existing: their private-note key (the file `workbook key export` "
                                        "wrote where they used the workbook, or their <id>.key), copied to their keys "
                                        "folder on the hub so the private notes they sealed with it open there.",
                     show_default=False)] = None,
                 credentials: Annotated[Optional[Path], typer.Option(  # noqa: UP045
                     "--credentials", help="With --existing: the credentials file `workbook user add` wrote their old "
                                           "password to (default: your own); that line, which no longer works, is taken "
                                           "out.", show_default=False)] = None,
                 state: StateOption = None, db: DbOption = None) -> None:
    """Make NAME a workbook user (their own database login) and a hub user, or with --existing give a workbook
    user a hub login (run with the owner's URL)."""
    from ..core.errors import InputError
    from ..core.fileio import file_fault_message
    from ..hub import add_existing_hub_user, add_hub_user
    from ..store import remove_credentials
    from ..store.backend import credentials_file

    hub = _state(state)
    if not existing:
        if key_file is not None:
            raise InputError("--key-file is for --existing (a workbook user's own key); a new user gets a new key",
                             "--key-file")
        if credentials is not None:
            raise InputError("--credentials is for --existing (the file with the password they had); a new hub user's "
                             f"password goes to {hub.pgpass(name)}", "--credentials")
        with open_store(db, write=True) as store:
            user = add_hub_user(hub, store, name, person=person, hr=hr)
        typer.echo(f"hub user {name}: logs in to the database as {user.role}; credentials in {hub.pgpass(name)} (0600)")
        return
    with open_store(db, write=True) as store:
        done = add_existing_hub_user(hub, store, name, key_file=key_file, person=person, hr=hr)
    old_file = credentials or credentials_file()
    try:
        stale = remove_credentials(done.database, done.role, old_file)
    except OSError as exc:  # the move is done; the useless old line stays, said, not a failure
        stale = False
        typer.echo(f"warning: {file_fault_message(exc, old_file)}; the old password's line stays in it (it no longer "
                   "works)", err=True)
    typer.echo(f"hub user {name}: the workbook user {name} now logs in from the hub with a new database password, in "
               f"{hub.pgpass(name)} (0600); the password they had before no longer works"
               + (f" and was taken out of {old_file}" if stale else ""))
    _say_keys(done, key_file)


@hub_app.command("add-key")
def hub_add_key(name: Annotated[str, typer.Argument(help="The hub user (`workbook hub add-user`).")],
                key_file: Annotated[Path, typer.Argument(help="Their private-note key: the file `workbook key export` "
                                                              "wrote where they used the workbook, or their <id>.key.")],
                state: StateOption = None) -> None:
    """Copy a hub user's private-note key from before the hub into their keys folder on the hub, so the private
    notes they sealed with it open there. A key that opens none of their sealed notes is refused."""
    from ..store.keys import read_key_file

    hub = _state(state)
    _say_keys(hub.add_keys(name, read_key_file(key_file, name)), key_file)


def _say_keys(done: Adopted, key_file: Path | None) -> None:
    """What happened to a hub user's private-note keys, and what still stays unreadable on the hub (one line each)."""
    from ..core.labels import plural

    later = f"`workbook key export FILE` where {done.name} used the workbook, then `workbook hub add-key {done.name} FILE`"
    if key_file is None:
        stays = (f"{plural(done.unreadable, 'private note')} ({', '.join(done.missing)})" if done.unreadable
                 else "any they have")
        typer.echo(f"note: no --key-file: {done.name} has a new private-note key on the hub; private notes sealed with "
                   f"their old key ({stays}) stay unreadable there until it is given: {later}")
        return
    typer.echo(f"private-note {'key' if len(done.taken) == 1 else 'keys'} {', '.join(done.taken)} from {key_file} in "
               f"{done.keys} (0600; current: {done.current}): the private notes {done.name} sealed with "
               f"{'it' if len(done.taken) == 1 else 'them'} open on the hub")
    if done.unreadable:
        typer.echo(f"note: {plural(done.unreadable, 'private note')} of {done.name}'s {'is' if done.unreadable == 1 else 'are'} "
                   f"sealed with {', '.join(done.missing)}, not in {key_file}: unreadable on the hub until {later}")


@hub_app.command("remove-user")
def hub_remove_user(name: Annotated[str, typer.Argument(help="The hub login name (`workbook user list`).")],
                    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (needed when "
                                                      "standard input is not a terminal).")] = False,
                    state: StateOption = None, db: DbOption = None) -> None:
    """Take a hub user's access away (someone who left): their database login is dropped (`workbook user
    remove`) and the hub starts no server for them any more, a running hub included; their credentials and
    notebook copies go, their key stays. Run with the owner's URL."""
    from ..core.errors import InputError

    hub = _state(state)
    if name not in hub.users():
        raise InputError(f"{name!r} is not a hub user in {hub.folder} (hub users: {', '.join(sorted(hub.users())) or 'none'}); "
                         "give --state the hub's state folder, or `workbook user remove` for a login outside the hub")
    confirm_or_refuse(f"Take away {name}'s hub login and database login?", yes, f"hub remove-user {name}",
                      "takes logins away (the records stay)")
    with open_store(db, write=True) as store:
        role, _ = store.remove_user(name)
    hub.unregister(name)
    typer.echo(f"removed hub user {name}: database role {role} dropped, out of {hub.users_file} (the hub starts no "
               f"server for them); their key stays in {hub.keys(name)}. A server of theirs still running has no "
               "access to the workbook: stop it from the hub's admin page.")


@hub_app.command("demo")
def hub_demo(port: Annotated[int, typer.Option("--port", help="The hub's port on 127.0.0.1.")] = 8000,
             state: StateOption = None) -> None:
    """Start a local PostgreSQL with the demo organisation and run JupyterHub on 127.0.0.1 (Ctrl-C stops the hub)."""
    import hashlib
    import secrets

    import psycopg

    from ..core import clock
    from ..core.fileio import ensure_private_parents
    from ..hub import build_demo_hub, run_hub
    from ..store.localpg import ADMIN, start_local_server

    clock.today()  # a WORKBOOK_TODAY that is not a day: one line before a database server is started
    hub = _state(state)
    ensure_private_parents(hub.folder / "x")  # the hub's folder and any missing one above it, 0700
    # the cluster lives under /tmp-like permissions so the postgres user can enter it (see store/localpg.py)
    server = start_local_server(Path("/tmp") / f"workbook-hub-pg-{hashlib.sha256(str(hub.folder).encode()).hexdigest()[:8]}")
    with psycopg.connect(host=str(server.socket_dir), dbname="postgres", user=ADMIN, password=server.admin_password,
                         autocommit=True) as conn:
        exists = conn.execute(b"SELECT 1 FROM pg_database WHERE datname = 'workbook_demo_org'").fetchone()
    owner = server.admin_url("workbook_demo_org") if exists else server.create_database("workbook_demo_org")
    password_file = hub.folder / "demo-password"
    password = password_file.read_text().strip() if password_file.is_file() else secrets.token_urlsafe(12)
    landings = build_demo_hub(hub, owner, password)
    typer.echo(f"JupyterHub on http://127.0.0.1:{port}/  (the demo organisation on PostgreSQL in {server.folder})")
    typer.echo(f"log in as any of: {', '.join(f'{n} ({k})' for n, k in sorted(landings.items()))}")
    typer.echo(f"demo password (this local hub only): {password}   (also in {password_file}, 0600)")
    raise typer.Exit(run_hub(hub, port))
