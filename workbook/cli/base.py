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
    Optional[str],  # noqa: UP045 - typer needs Optional here; a str, since a URL is not a path
    typer.Option("--db", help="Workbook: a SQLite file, or an organisation database URL such as "
                              "postgresql+psycopg://USER@/DATABASE?host=SOCKET_DIR (default: $WORKBOOK_DB or "
                              "./workbook.db).", show_default=False),
]


def open_store(db: str | Path | None, *, create: bool = False):  # type: ignore[no-untyped-def]
    """Open the workbook; only commands that add data create a missing file (a typo is an error)."""
    from ..store import Store

    return Store(db, create=create)
