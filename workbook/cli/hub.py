"""Commands for serving an organisation workbook on JupyterHub: add a hub user, run the demo hub on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .base import DbOption, app, confirm_or_refuse, open_store

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
                 state: StateOption = None, db: DbOption = None) -> None:
    """Make NAME a workbook user (their own database login) and a hub user (run with the owner's URL)."""
    hub = _state(state)
    with open_store(db, write=True) as store, store.add_user_and_hand_over(name, person=person, hr=hr) as user:
        hub.register(user.name, user.url, user.role, user.database, user.password)
    typer.echo(f"hub user {name}: logs in to the database as {user.role}; credentials in {hub.pgpass(name)} (0600)")


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
    confirm_or_refuse(f"Take away {name}'s hub login and database login?", yes, f"hub remove-user {name}")
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

    from ..core.fileio import ensure_private_parents
    from ..hub import build_demo_hub, run_hub
    from ..store.localpg import ADMIN, start_local_server

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
