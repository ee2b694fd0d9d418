"""What every stage notebook needs first: open the workbook, resolve the person and period, show tables safely."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Person, check_quarter, quarter_of
from .store import Store

__all__ = ["StageContext", "open_stage", "resolve_db", "table_html", "show", "show_html", "section", "DEMO_DB"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
_SHORT_CELL = 12  # characters: a cell this short never wraps
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")  # nor does a date inside a sentence ("... by 2026-12-04")
DEMO_DB = "outputs/demo.db"


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


@dataclass
class StageContext:
    """The workbook, the person and the period a stage notebook works on."""

    store: Store
    person: Person
    quarter: str
    year: int
    as_of: dt.date
    db: Path

    @property
    def person_id(self) -> str:
        return self.person.id


def open_stage(person: str, period: str = "", db: str = DEMO_DB, as_of: str = "") -> StageContext:
    """Open the workbook for a stage notebook. ``period`` is a quarter (2027Q1) or a year (2027); empty
    means the quarter of ``as_of`` (default today). The demo database is built when it is asked for and
    missing, so every notebook runs from a fresh clone. Raises InputError/NotFound with one-line messages."""
    day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    path = resolve_db(db)
    if not path.exists() and Path(db).as_posix().endswith(DEMO_DB):
        from .demo_job import build_demo_db

        build_demo_db(path)
    if not path.exists():
        raise InputError(f"workbook {path} does not exist; run `workbook import FILE --db {db}` first or pick another db")
    period = str(period).strip()
    if not period:
        quarter = quarter_of(day)
    elif period.isdigit() and len(period) == 4:
        quarter = f"{period}Q1" if int(period) != day.year else quarter_of(day)
    else:
        quarter = check_quarter(period)
    store = Store(path)
    return StageContext(store=store, person=store.person(person), quarter=quarter, year=int(quarter[:4]), as_of=day, db=path)


def table_html(frame: Any, columns: dict[str, str] | None = None, empty: str = "nothing yet") -> str:
    """A DataFrame as an HTML table with every cell escaped (user text never becomes markup), left- and
    top-aligned (notebook CSS right-aligns cells, which makes sentences hard to read)."""
    import html

    if frame is None or len(frame) == 0:
        return f'<p style="color:#666"><i>{html.escape(empty)}</i></p>'
    cols = columns or {c: c.replace("_", " ") for c in frame.columns}
    # line-height: JupyterLab's widget and output CSS otherwise double-spaces wrapped rows
    cell = "text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid #ddd;line-height:1.3"
    head = "".join(f'<th style="{cell}">{html.escape(label)}</th>' for label in cols.values())
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for c in cols:
            v = row[c]
            text = "" if v is None or (isinstance(v, float) and v != v) else (", ".join(map(str, v)) if isinstance(v, list) else str(v))
            # short values (dates, counts, "not yet") stay on one line: "2026-12-04" never splits at a hyphen
            style = cell + (";white-space:nowrap" if len(text) <= _SHORT_CELL else "")
            markup = _ISO_DATE.sub(r'<span style="white-space:nowrap">\g<0></span>', html.escape(text))
            cells.append(f'<td style="{style}">' + markup.replace(chr(10), "<br>") + "</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<table class="wb-table" style="border-collapse:collapse">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def show_html(markup: str) -> None:
    """Display trusted markup built by the library (user text inside it is already escaped)."""
    from IPython.display import HTML, display

    display(HTML(markup))


def show(frame: Any, columns: dict[str, str] | None = None, empty: str = "nothing yet") -> None:
    show_html(table_html(frame, columns, empty))


def section(title: str, note: str = "") -> None:
    import html

    show_html(f'<h3 style="margin:14px 0 4px">{html.escape(title)}</h3>' + (f'<p style="color:#555;margin:0 0 6px">{html.escape(note)}</p>' if note else ""))
