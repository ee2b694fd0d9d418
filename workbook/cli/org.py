"""Commands for an organisation workbook: the org tree, users with their own database logins, a local PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .base import DbOption, app, confirm_or_refuse, open_store, refuse_both
from .key import PassphraseOption, ask_new_passphrase, give_user_key

org_app = typer.Typer(help="The org tree, and an organisation workbook on PostgreSQL (a local server to try it).",
                      no_args_is_help=False, invoke_without_command=True, rich_markup_mode=None)
server_app = typer.Typer(help="A local PostgreSQL for an organisation workbook (Debian's postgresql package).",
                         no_args_is_help=True, rich_markup_mode=None)
user_app = typer.Typer(help="Users of an organisation workbook: one database login each (PostgreSQL only).",
                       no_args_is_help=True, rich_markup_mode=None)
org_app.add_typer(server_app, name="server")
app.add_typer(org_app, name="org")
app.add_typer(user_app, name="user")


@org_app.callback()
def org(ctx: typer.Context, db: DbOption = None) -> None:
    """Print the org tree (who manages whom) as the reader may see it."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db, readonly=True) as store:
        nodes = store.org_tree()
        who = store.actor().describe()
    if not nodes:
        typer.echo("no people yet; add them with `workbook person add ID --name NAME --manager ID` or `workbook import FILE`")
        return
    typer.echo(f"{store.location} as {who}")
    for node in nodes:
        label = f"{node.name} ({node.id})" if node.id else node.name
        extra = [node.detail] if node.detail else []
        if node.below:
            extra.append(f"{node.below} below")
        typer.echo("  " * node.depth + ("└─ " if node.depth else "") + label + (f"  · {' · '.join(extra)}" if extra else ""))


@org_app.command("demo")
def org_demo(db: DbOption = None) -> None:
    """Write the demo organisation (a director, two managers, the demo team and a new report) as the owner."""
    from ..demo.org import build_demo_org

    with open_store(db, create=True) as store:
        counts = build_demo_org(store)
        where = store.location
    typer.echo(f"demo organisation: {counts['people']} people, {counts['notes']} notes "
               f"({counts['private_notes']} private) and a year of check-ins into {where}")


PersonArg = Annotated[str, typer.Argument(help="Person id.")]


@org_app.command("access")
def org_access(person: PersonArg, db: DbOption = None) -> None:
    """Who may read what about PERSON, user by user, by the rules the database enforces (run it as the
    administrator or HR, who see every user)."""
    from ..store.rights import ACCESS_COLUMNS

    with open_store(db, readonly=True) as store:
        shown = store.person(person)
        readers = store.who_reads(person)
        me = store.actor()
        postgres = store.is_postgres
    if not postgres:
        typer.echo(f"{shown.name} ({shown.id}): a SQLite workbook has one user, its owner (you), who reads "
                   "everything; an organisation database has users and rules (see the README)")
        return
    rows = [[name, stands, *("yes" if can[heading] else "no" for heading, _action in ACCESS_COLUMNS)]
            for name, stands, can in readers]
    headings = ["user", "stands as", *(h for h, _a in ACCESS_COLUMNS)]
    widths = [max(len(str(r[i])) for r in [headings, *rows]) for i in range(len(headings))]
    typer.echo(f"who reads what about {shown.name} ({shown.id}), by the rules the database enforces:")
    for r in [headings, *rows]:
        typer.echo("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    if not rows:
        typer.echo("(no users yet)")
    if not (me.owner or me.hr):
        typer.echo(f"you see only your own user ({me.describe()}); the administrator and HR see everyone")
    typer.echo("a private note: only its author. The administrator (the tables' owner) reads every table.")


@org_app.command("upgrade")
def org_upgrade(db: DbOption = None) -> None:
    """Bring the workbook's schema up to date (opening it as its owner does this; this says so)."""
    with open_store(db, write=True) as store:
        typer.echo(f"{store.location}: schema version {store.schema_version()}, up to date")


@server_app.command("start")
def server_start(folder: Annotated[Path, typer.Argument(help="Folder for the cluster (created the first time).")],
                 database: Annotated[str, typer.Option("--database", "-d", help="Create this database if missing.")]
                 = "workbook") -> None:
    """Start (creating the first time) a local PostgreSQL on a Unix socket in FOLDER; print the owner's URL.
    The administrator's password goes to your own credentials file (0600), never on the command line."""
    import psycopg

    from ..store import NewUser, Store, write_credentials
    from ..store.localpg import ADMIN, start_local_server

    server = start_local_server(folder)
    with psycopg.connect(host=str(server.socket_dir), dbname="postgres", user=ADMIN, password=server.admin_password,
                         autocommit=True) as conn:
        exists = conn.execute(b"SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
    if exists is None:  # a new organisation workbook: its tables now, so every command opens it as it is
        with Store(server.create_database(database)):
            pass
    passfile = write_credentials(NewUser(name=ADMIN, role=ADMIN, password=server.admin_password, url="", person=None,
                                         hr=False, database="*"), host=str(server.socket_dir))  # its own line: one per server
    typer.echo(f"PostgreSQL is running in {server.folder} (socket {server.socket_dir}); "
               f"the administrator's password is in {passfile}")
    typer.echo(f"owner URL: {server.url(database)}")
    if exists is None:
        typer.echo(f"{database} is a new organisation workbook with nobody in it: add people with `workbook person add` "
                   "or `workbook import FILE`, then their logins with `workbook user add` (or try `workbook org demo`)")


@server_app.command("stop")
def server_stop(folder: Annotated[Path, typer.Argument(help="The cluster's folder.")],
                remove: Annotated[bool, typer.Option("--remove", help="Also delete the cluster and its data.")] = False
                ) -> None:
    """Stop the local PostgreSQL in FOLDER (and with --remove delete it)."""
    from ..store.localpg import stop_local_server

    running = stop_local_server(folder, remove=remove)
    typer.echo((f"stopped PostgreSQL in {folder}" if running else f"PostgreSQL in {folder} was not running")
               + (" and removed it" if remove else ""))


@user_app.command("add")
def user_add(name: Annotated[str, typer.Argument(help="User name (lower-case letters, digits, - and _).")],
             person: Annotated[Optional[str], typer.Option("--person", help="The person in the tree this user is.",  # noqa: UP045
                                                           show_default=False)] = None,
             hr: Annotated[bool, typer.Option("--hr", help="An HR partner: reads everyone's shareable records.")] = False,
             credentials: Annotated[Optional[Path], typer.Option(  # noqa: UP045
                 "--credentials", help="pgpass-style file to add the user's password to (default: your own "
                                       "~/.config/workbook/pgpass; give the user's own file on a shared server).",
                 show_default=False)] = None,
             print_password: Annotated[bool, typer.Option("--print-password", help="Also print the password once, "
                                                          "to hand it to the user.")] = False,
             passphrase: PassphraseOption = False,
             keys: Annotated[Optional[Path], typer.Option(  # noqa: UP045
                 "--keys", help="Keys folder for the user's private-note key (default: your own "
                                "~/.config/workbook/keys; give the user's own folder on a shared machine).",
                 show_default=False)] = None,
             key_out: Annotated[Optional[Path], typer.Option(  # noqa: UP045
                 "--key-out", help="Write the user's private-note key to this file (0600) to hand over, and keep no "
                                   "copy: they take it with `workbook key import FILE`.", show_default=False)] = None,
             db: DbOption = None) -> None:
    """Create a user with their own database login (run with the owner's URL) and, for a person, their
    private-note key (a key file, or --passphrase), sealing the private notes they wrote."""
    from ..core.errors import InputError
    from ..core.fileio import check_new_file
    from ..store import write_credentials

    if key_out is not None:
        if person is None:
            raise InputError("only a person's user has a private-note key; give --person ID, or leave --key-out out",
                             "--key-out")
        refuse_both("--key-out", "--keys", keys is not None,
                    "--key-out writes the key to a file and keeps no copy, --keys keeps it in a folder")
        key_out = check_new_file(key_out, example=f"{name}.key")
    # asked before anything is made: no terminal to ask on must not leave a login with no key behind
    secret = ask_new_passphrase() if passphrase and person is not None else None
    with open_store(db, write=True) as store, store.add_user_and_hand_over(name, person=person, hr=hr) as user:
        path = write_credentials(user, credentials)
        given = give_user_key(user, keys, secret=secret, handover=key_out) if user.person is not None else None
    who = f"person {user.person}" if user.person else "HR"
    typer.echo(f"user {user.name} ({who}): database role {user.role}; password written to {path} (0600)")
    if given is not None:
        typer.echo(given)
    if print_password:
        typer.echo(f"password: {user.password}")
    typer.echo(f"connect as {user.name} with: --db '{user.url}'")


@user_app.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="User name (`workbook user list`).")],
                credentials: Annotated[Optional[Path], typer.Option(  # noqa: UP045
                    "--credentials", help="pgpass-style file to take the user's password out of (default: your own "
                                          "~/.config/workbook/pgpass).", show_default=False)] = None,
                yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (needed when "
                                                  "standard input is not a terminal).")] = False,
                db: DbOption = None) -> None:
    """Take a user's access away (someone who left): their login role is dropped and the database gives it
    nothing from then on. Their records and notes stay; `workbook forget` erases a person. Run with the
    owner's URL."""
    from ..store import remove_credentials

    confirm_or_refuse(f"Take away {name}'s login to this workbook?", yes, f"user remove {name}",
                      "takes a login away (the records stay)")
    with open_store(db, write=True) as store:
        role, database = store.remove_user(name)
    dropped = remove_credentials(database, role, credentials)
    typer.echo(f"removed user {name}: database role {role} dropped" + ("; its password taken out of the credentials "
                                                                      "file" if dropped else ""))


@user_app.command("list")
def user_list(db: DbOption = None) -> None:
    """List the users this login may see (the owner and HR: everyone)."""
    from ..stages.people import users_table

    with open_store(db, readonly=True) as store:
        frame = users_table(store)
    if frame.empty:
        typer.echo("no users yet; add them with `workbook user add NAME --person ID | --hr`")
        return
    typer.echo(frame.to_string(index=False))
