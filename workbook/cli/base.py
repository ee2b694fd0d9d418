"""The command line's shared parts: the typer apps, the --db option, and opening the workbook a command names."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..core import clock

__all__ = ["app", "ladder_app", "person_app", "DbOption", "ServedDbOption", "CopiedDbOption", "open_store", "workbook_path", "file_path", "confirm_or_refuse",
           "parse_day", "refuse_both", "advice_with_db"]

app = typer.Typer(
    help="Career-conversation coaching workbook: people, push/pull notes, growth goals, quarterly OKRs, check-ins.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
ladder_app = typer.Typer(help="Load and check career ladders, suggest competencies, show next-level gaps.",
                         no_args_is_help=True, rich_markup_mode=None)
app.add_typer(ladder_app, name="ladder")
person_app = typer.Typer(help="Add, show, edit, archive and unarchive people.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(person_app, name="person")


def parse_day(text: str | None, option: str = "--as-of"):  # type: ignore[no-untyped-def]
    """The day an option names (YYYY-MM-DD), today when empty; InputError naming the option otherwise."""
    import datetime as dt

    from ..core.dates import MAX_YEAR, MIN_YEAR
    from ..core.errors import InputError

    if not text:
        return clock.today()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option} {text!r} is not a date like 2026-12-18") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:  # every quarter and year of the workbook is in this range
        raise InputError(f"{option} {text!r} has a year outside {MIN_YEAR}-{MAX_YEAR}; give a day like 2026-12-18")
    return day


def print_whole(text: str) -> None:
    """Print ``text`` and a newline to standard output, all of it or a one-line OutputError: on a full disk a
    redirected `workbook export ana > ana.json` got a third of the JSON and exit 0 (the stream took the first
    16 KB and dropped the rest without a word, found by a helper), a copy that reads as whole until it is needed."""
    import errno
    import os

    from ..core.errors import OutputError

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture, a notebook): as typer prints
        typer.echo(text)
        return
    view = memoryview((text + "\n").encode("utf-8"))
    try:
        sys.stdout.flush()
        while view:
            n = os.write(fd, view)
            if n <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[n:]
    except BrokenPipeError:
        raise
    except OSError as exc:
        reason = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else (exc.strerror or str(exc))
        raise OutputError(f"standard output: {reason}, so what was printed is cut short; free space, or write to a "
                          "file with --out (written whole or not at all)") from None


def refuse_both(first: str, second: str, given: bool, why: str = "") -> None:
    """Refuse two options that contradict each other (``given``: both were on the command line), in one line
    naming both, before anything opens; ``why`` says what each does."""
    from ..core.errors import InputError

    if given:
        raise InputError(f"{first} and {second} contradict each other{': ' + why if why else ''}; give one of them")


def quarter_value(value: str | None) -> str | None:
    """A quarter argument or option as the library writes it (``2026q4`` -> ``2026Q4``), checked when the command
    line is read: a typo is one line naming the fix, before anything opens (typer ``callback``)."""
    from ..core.dates import check_quarter
    from ..core.errors import InputError

    if value is None or value == "":
        return value
    try:
        return check_quarter(value)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def year_value(value: int | None) -> int | None:
    """A year argument, checked when the command line is read (typer ``callback``): 1970-2100."""
    from ..core.dates import check_year
    from ..core.errors import InputError

    if value is None:
        return value
    try:
        return check_year(value)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def typed_path(text: str) -> str:
    """A file path as the user typed it, read as the shell would: a relative path that names something in
    the current directory becomes absolute (``--ladder home/career/ft.csv`` from ``/tmp``); any other is
    kept, for the library to look up where such files live (``ladders/data-science.csv`` in the project)."""
    import os

    if not text.strip() or Path(text).expanduser().is_absolute():
        return text
    here = Path.cwd() / Path(text)
    return str(here) if os.path.lexists(here) else text


def confirm_or_refuse(question: str, yes: bool, what: str, does: str = "erases data") -> None:
    """Ask ``question`` before a destructive step. Without --yes and without a terminal to ask on (a pipe, a
    script, `printf n |`), refuse: exit 1 and nothing changed. ``what`` names the command for the message, ``does``
    what it does that cannot be undone."""
    import sys

    from ..core.errors import InputError

    if yes:
        return
    if not sys.stdin.isatty():
        raise InputError(f"{what} {does} and standard input is not a terminal to ask on; nothing was changed. "
                         "Run it in a terminal, or add --yes if you are sure")
    if not typer.confirm(question, default=False):
        typer.echo("nothing was changed", err=True)
        raise typer.Exit(1)

DbOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here; a str, since a URL is not a path
    typer.Option("--db", help="Workbook: a SQLite file, or an organisation database URL such as "
                 "postgresql+psycopg://USER@/DATABASE?host=SOCKET_DIR (default: $WORKBOOK_DB, else the one "
                 "`workbook init` recorded, else the demo).", show_default=False),
]

# The commands that work on a SQLite file only (file_path refuses a URL): their --db says so, and what to use instead.
ServedDbOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option("--db", help="Workbook: a SQLite file of your own (default: $WORKBOOK_DB, else the one `workbook init` "
                 "recorded, else the demo). Not an organisation database's URL: its users open its pages on its "
                 "JupyterHub, each with their own login (`workbook hub`).", show_default=False),
]
CopiedDbOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option("--db", help="Workbook: a SQLite file of your own (default: $WORKBOOK_DB, else the one `workbook init` "
                 "recorded). Not an organisation database's URL: its owner copies it with PostgreSQL's own tools "
                 "(pg_dump, pg_restore).", show_default=False),
]


def workbook_path(db: str | Path | None, *, write: bool = False) -> Path | str:
    """The workbook a command works on (see :func:`workbook.store.location.choose_workbook`); an organisation
    database's URL (from --db or WORKBOOK_DB) as it is. Without one of the manager's own, reading commands
    say so in one line and use the demo (built when missing); writing commands refuse, since the demo is
    rebuilt by `make demo` and would lose what they wrote."""
    import os

    from ..core.errors import InputError
    from ..store.backend import is_url, url_typo
    from ..store.location import DEFAULT_INIT_PATH, choose_workbook, no_workbook_line

    env = os.environ.get("WORKBOOK_DB", "").strip()
    if is_url(str(db)) or (not db and is_url(env)):
        return str(db) if db else env
    if typo := url_typo(str(db or env), "--db" if db else "WORKBOOK_DB"):  # "postgresql+psycopg//...": not a file in a folder that does not exist
        raise InputError(typo)
    choice = choose_workbook(db)
    if not choice.is_demo:
        return choice.path
    if write:
        raise InputError(f"no workbook of your own yet; create one with `workbook init {DEFAULT_INIT_PATH}` "
                         "(or give --db PATH)")
    typer.echo(no_workbook_line(), err=True)
    from ..demo import ensure_demo_db

    ensure_demo_db(choice.path)
    return choice.path


def file_path(db: str | Path | None, what: str, *, write: bool = False, served: bool = False) -> Path:
    """:func:`workbook_path` for a command that works on a SQLite file (copies, the lab's working folder);
    an organisation database's URL is refused in one line naming what to use instead: PostgreSQL's own
    tools for copies, the organisation's JupyterHub for pages (``served``)."""
    target = workbook_path(db, write=write)
    if isinstance(target, str):
        from ..core.errors import InputError

        if served:
            raise InputError(f"{what} serves a SQLite workbook of your own; an organisation's users open its pages on "
                             "its JupyterHub, each with their own login (`workbook hub`, see the README's \"The "
                             "report's side, on JupyterHub\")")
        raise InputError(f"{what} works on a SQLite workbook file; for an organisation database use "
                         "PostgreSQL's own tools (pg_dump, pg_restore) as its owner")
    return target


def say_lock_waits() -> None:
    """A write that waits for another program writing the workbook says so on stderr (after a moment)."""
    from ..store.engine import on_lock_wait

    on_lock_wait(lambda line: typer.echo(line, err=True))


def open_store(db: str | Path | None, *, create: bool = False, write: bool = False,  # type: ignore[no-untyped-def]
               readonly: bool = False):
    """The workbook a command names (:func:`workbook_path`: a SQLite file or an organisation database's
    URL), to use in a ``with`` block.

    ``readonly``: a command that only reads opens it read-only, so it never waits behind a writer (and may
    show the demo when there is no workbook of one's own). Otherwise the command writes: the demo is
    refused (``write`` or ``create``), and only commands that add data (``create``) make a missing file
    given with --db (a typo is an error), which appears only if the command succeeds."""
    from ..store import Store, open_for_write

    if readonly:
        return Store.open(workbook_path(db), readonly=True)
    say_lock_waits()
    return open_for_write(workbook_path(db, write=write or create), create=create)


def _given_db(argv: list[str]) -> str | None:
    """The workbook the user named with --db (None: the default one, or a URL holding a password)."""
    given = None
    for i, word in enumerate(argv):
        if word == "--db" and i + 1 < len(argv):
            given = argv[i + 1]
        elif word.startswith("--db="):
            given = word.removeprefix("--db=")
    if given is None or not given.strip():
        return None
    if "://" in given:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            if make_url(given).password is not None:
                return None  # never a password printed in an error
        except (ArgumentError, ValueError):
            return None
    return given


def _command_of(words: list[str]) -> Any:
    """The command a ``workbook ...`` line runs (None: no such command, or a group of them)."""
    command: Any = typer.main.get_command(app)  # the app, all commands registered (they are, by the time advice is given)
    for word in words:
        if not hasattr(command, "commands"):
            break
        command = command.commands.get(word)
        if command is None:
            return None
    return None if hasattr(command, "commands") else command


def advice_with_db(message: str, argv: list[str] | None = None) -> str:
    """An error's advice (a `workbook ...` command in backticks) for the workbook the user named: run with --db X,
    the command it advises takes --db X too, or it would act on the default workbook."""
    import shlex

    db = _given_db(sys.argv[1:] if argv is None else argv)
    if db is None or "`workbook " not in message:
        return message

    def with_db(match: re.Match[str]) -> str:
        line = match.group(1)
        try:
            words = shlex.split(line)[1:]
        except ValueError:
            return match.group(0)
        command = _command_of(words)
        if command is None or "--db" in words or not any("--db" in p.opts for p in command.params):
            return match.group(0)
        # advice for someone else ("ask the administrator to run ... with the owner's URL"): not this user's --db
        start, end = match.start(), match.end()
        clause = message[message.rfind(";", 0, start) + 1:(message.find(";", end) + 1 or len(message) + 1) - 1]
        if any(word in clause for word in ("administrator", "owner's URL", "the owner's")):
            return match.group(0)
        return f"`{line} --db {shlex.quote(db)}`"

    # a long --db may push a last alternative past the one line's end: better than advice that, copied, acts on
    # another workbook (the default one, or the demo)
    return re.sub(r"`(workbook [^`]*)`", with_db, message)
