"""What a notebook calls first: open the workbook (building the demo one when asked for), pick the person and period."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .core.errors import InputError
from .core.paths import DEMO_DB, PROJECT_ROOT
from .render.html import show_html, table_html
from .stages.context import StageContext, resolve_period
from .store import Store

__all__ = ["StageContext", "open_stage", "open_workbook", "resolve_db", "show", "show_html", "section", "DEMO_DB"]


def resolve_db(db: str | os.PathLike[str]) -> Path:
    """A relative path is taken from the current folder, else from the project root (notebooks run in notebooks/)."""
    path = Path(db)
    if path.is_absolute():
        return path
    for base in (Path.cwd(), PROJECT_ROOT):
        if (base / path).exists():
            return base / path
    if (Path.cwd() / path).parent.is_dir():
        return Path.cwd() / path
    return PROJECT_ROOT / path


def open_workbook(db: str | os.PathLike[str]) -> Store:
    """Open the workbook a notebook reads (relative paths as in :func:`resolve_db`; the demo workbook is
    built when it is asked for and missing, so every notebook runs from a fresh clone). Raises
    InputError when the file does not exist."""
    from .store.backend import is_url

    if is_url(str(db)):  # an organisation database: the user's own login (password from their pgpass file)
        return Store(str(db), create=False)
    path = resolve_db(db)
    if not path.exists() and Path(db).as_posix().endswith(DEMO_DB):
        from .demo import build_demo_db

        build_demo_db(path)
    if not path.exists():
        raise InputError(f"workbook {path} does not exist; run `workbook import FILE --db {db}` first or pick another db")
    return Store(path)


def open_stage(person: str, period: str = "", db: str = DEMO_DB, as_of: str = "") -> StageContext:
    """Open the workbook for a stage notebook. ``period`` is a quarter (2027Q1) or a year (2027); empty
    means the quarter of ``as_of`` (default today). Raises InputError/NotFound with one-line messages."""
    day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    quarter = resolve_period(period, day)
    store = open_workbook(db)
    return StageContext(store=store, person=store.person(person), quarter=quarter, year=int(quarter[:4]), as_of=day,
                        db=store.path if not store.is_postgres else store.db)  # type: ignore[arg-type]


def show(frame: object, columns: dict[str, str] | None = None, empty: str = "nothing yet") -> None:
    """Display a DataFrame as an escaped table."""
    show_html(table_html(frame, columns, empty))


def section(title: str, note: str = "") -> None:
    """Display a heading with an optional note under it."""
    from .render.html import heading_html

    show_html(heading_html(title, note, level=3))
