"""The command line: parse arguments, call one library function, map WorkbookError to a one-line error.

Commands live in one module per area (setup, people, records, batch, coaching); importing them registers them on
the one typer app in :mod:`workbook.cli.base`.
"""

from __future__ import annotations

import os
import sys

import typer

from ..core import stopping
from ..core.errors import InputError, WorkbookError, one_line

# isort: off  (importing a module registers its commands; this order is the order of `workbook --help`)
from . import (
    batch,  # noqa: F401
    coaching,  # noqa: F401
    corrections,  # noqa: F401
    hub,  # noqa: F401
    key,  # noqa: F401
    org,  # noqa: F401
    people,  # noqa: F401
    records,  # noqa: F401
    setup,  # noqa: F401
)

# isort: on
from .base import advice_with_db, app

__all__ = ["app", "main"]


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a plain `kill`, a stopped service), raised where Ctrl-C's KeyboardInterrupt is: every write that
    cleans up after Ctrl-C (an import's or a backup's temporary copy of the workbook, a half-made file) cleans up
    after it too. Before, SIGTERM ended the process where it stood and left those copies, the team's records in
    clear, beside the workbook (found by a helper). Recorded too (core/stopping.py), so a write about to publish
    stops even when Python lost the exception in a finaliser. A batch's own handlers (run/interrupt.py) take over
    while it runs."""
    stopping.request(signum)
    raise stopping.Stopped()


def main(argv: list[str] | None = None) -> None:
    """Entry point: library errors become one line on stderr and exit code 1; usage errors exit 2."""
    import signal
    import threading

    from ..store.keys import on_key_exposed

    on_key_exposed(lambda line: typer.echo(line, err=True))  # whichever command finds a key file open to others
    previous = None
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        _run(argv)
    finally:  # called in-process (tests, a notebook's cell), the process goes on: a library caller gets warnings
        on_key_exposed(None)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: list[str] | None) -> None:
    try:
        app(args=argv, prog_name="workbook")
    except WorkbookError as exc:
        words = sys.argv[1:] if argv is None else argv
        exc.message = advice_with_db(exc.message, words)
        typer.echo(f"error: {_in_option_words(exc, words)}", err=True)
        sys.exit(1)
    except OSError as exc:  # a fault the library did not name (disk full, read-only disk ...): still one line
        from ..core.fileio import file_fault_message

        typer.echo(f"error: {one_line(file_fault_message(exc, exc.filename or 'a file'))}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130 and stopping.requested():  # stopped by SIGTERM, cleaned up as after Ctrl-C: 128 + 15
            stopping.clear()
            typer.echo("stopped (SIGTERM)", err=True)
            sys.exit(143)
        raise
    except BrokenPipeError:  # `workbook export ana | head`
        os._exit(0)


def _in_option_words(exc: WorkbookError, argv: list[str]) -> str:
    """The error as the command line says it: a bad value of a field the command has an option for is named by
    that option ("--mode: 'bad' is not a mode; use status or unblock"), the option being what the user typed and
    can fix; any other error as the library says it."""
    field = getattr(exc, "field", None)
    if not isinstance(exc, InputError) or not field:
        return str(exc)
    command = typer.main.get_command(app)
    for word in argv:  # down the command path: `checkin add kim ...` -> the `add` command of `checkin`
        if word not in getattr(command, "commands", {}):
            break
        command = command.commands[word]  # type: ignore[attr-defined]
    option = "--" + field.replace("_", "-")
    if any(option in param.opts for param in command.params if param.param_type_name == "option"):
        return one_line(f"{option}: {exc.message}")
    return str(exc)


if __name__ == "__main__":  # pragma: no cover
    main()
