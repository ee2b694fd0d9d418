"""The command line's shared parts: the typer apps, the --db option, and opening the workbook a command names."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["app", "ladder_app", "DbOption", "open_store"]

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

DbOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional here
    typer.Option("--db", help="Workbook database file (default: $WORKBOOK_DB or ./workbook.db).", show_default=False),
]


def open_store(db: Path | None, *, create: bool = False, readonly: bool = False):  # type: ignore[no-untyped-def]
    """The workbook a command names, to use in a ``with`` block. Only commands that add data create a
    missing file (a typo is an error), and a new file appears only if the command succeeds; commands
    that only read open it read-only (they never wait behind a writer)."""
    from ..store import Store, open_for_write

    if readonly:
        return Store.open(db, readonly=True)
    return open_for_write(db, create=create)
