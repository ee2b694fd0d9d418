"""The one escaped HTML table, headings and coloured message lines: markup in which user text never becomes markup."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from typing import Any

from ..core.rules import Finding

__all__ = ["escape", "breakable", "cell_text", "table_html", "heading_html", "message_html", "findings_html", "note_html",
           "show_html", "PRIVATE_BADGE", "PRIVATE_MARK"]

_SHORT_CELL = 12  # characters: a cell this short never wraps in a notebook
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")  # nor does a date inside a sentence ("... by 2026-12-04")
_COLORS = {"error": "#b00020", "warning": "#8a5a00", "info": "#1f5f8b", "ok": "#1b6e20"}
_ICONS = {"error": "✖", "warning": "⚠", "info": "ℹ", "ok": "✔"}
# A cell whose text starts with this mark is a private note seen by its manager: it shows a red badge.
PRIVATE_MARK = "[private] "
PRIVATE_BADGE = ('<span style="background:#fde2e1;color:#8a1c1c;border-radius:3px;padding:0 4px;'
                 'font-size:0.85em;font-weight:bold">private</span> ')


def escape(text: Any) -> str:
    """HTML-escape anything a user typed before it becomes markup (None is empty)."""
    return html.escape("" if text is None else str(text), quote=True)


# A word this long (a URL, a pasted hash) may break every WORD_PIECE characters: on screen (breakable) and in
# print (the export's sanitizer, render/export.py), so both wrap it the same way
LONG_WORD = re.compile(r"\S{30,}")
WORD_PIECE = 20


def breakable(text: Any) -> str:
    """:func:`escape`, with a word of 30 characters or more (a pasted URL, a hash, letters typed without a space)
    allowed to break every 20 characters (``<wbr>``), so it wraps in its column or box instead of running under
    the buttons beside it or pushing a table's columns out of view; ordinary words keep their width (CSS
    ``overflow-wrap: anywhere`` would also break "Check-in" in a narrow column). For text, not attributes."""
    raw = "" if text is None else str(text)
    out, start = [], 0
    for match in LONG_WORD.finditer(raw):
        out.append(escape(raw[start:match.start()]))
        word = match.group(0)
        out.append("<wbr>".join(escape(word[i:i + WORD_PIECE]) for i in range(0, len(word), WORD_PIECE)))
        start = match.end()
    out.append(escape(raw[start:]))
    return "".join(out)


def cell_text(value: Any) -> str:
    """A value as table text: empty for None, NaN and NaT, lists joined with commas, dates in ISO form."""
    if value is None or (isinstance(value, float) and value != value) or type(value).__name__ == "NaTType":
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_html(frame: Any, columns: dict[str, str] | None = None, empty: str = "nothing yet", *,
               document: bool = False) -> str:
    """A DataFrame as an HTML table with every cell escaped; ``columns`` maps column -> header (default:
    every column, underscores as spaces); ``empty`` is said instead of an empty table.

    In a notebook (the default) cells carry their style inline, left- and top-aligned (notebook CSS
    right-aligns cells, which makes sentences hard to read), short values and dates never wrap, and a
    cell starting with :data:`PRIVATE_MARK` shows a red "private" badge. In a ``document`` (the
    shareable summaries) the table carries only its class, for the print stylesheet to lay out."""
    if frame is None or len(frame) == 0:
        if document:
            return f'<p class="wb-empty"><i>{escape(empty)}</i></p>'
        return f'<p style="color:#666"><i>{escape(empty)}</i></p>'
    cols = columns or {c: str(c).replace("_", " ") for c in frame.columns}
    # line-height: JupyterLab's widget and output CSS otherwise double-spaces wrapped rows
    cell = "" if document else "text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid #ddd;line-height:1.3"
    attr = (lambda style: "") if document else (lambda style: f' style="{style}"')
    head = "".join(f"<th{attr(cell)}>{escape(label)}</th>" for label in cols.values())
    rows = []
    for record in frame[list(cols)].itertuples(index=False):
        cells = []
        for value in record:
            text = cell_text(value)
            if document:  # the print stylesheet's wb-nowrap: "(by 2026-12-12)" never splits at a hyphen either
                markup = _ISO_DATE.sub(r'<span class="wb-nowrap">\g<0></span>', breakable(text))
                cells.append(f"<td>{markup.replace(chr(10), '<br>')}</td>")
                continue
            badge = text.startswith(PRIVATE_MARK)
            if badge:
                text = text[len(PRIVATE_MARK):]
            # short values (dates, counts, "not yet") stay on one line: "2026-12-04" never splits at a hyphen
            style = cell + (";white-space:nowrap" if len(text) <= _SHORT_CELL else "")
            markup = _ISO_DATE.sub(r'<span style="white-space:nowrap">\g<0></span>', breakable(text))
            cells.append(f"<td{attr(style)}>" + (PRIVATE_BADGE if badge else "") + markup.replace(chr(10), "<br>") + "</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="wb-table"{"" if document else attr("border-collapse:collapse")}>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def heading_html(title: str, note: str = "", level: int = 4) -> str:
    """A heading with an optional grey line under it; both escaped."""
    margin = "14px 0 4px" if level >= 4 else "6px 0 2px"
    out = f'<h{level} style="margin:{margin}">{escape(title)}</h{level}>'
    if note:
        out += f'<p style="color:#555;margin:0 0 6px">{breakable(note)}</p>'
    return out


def note_html(text: str) -> str:
    """A grey italic sentence (why something is empty or missing); escaped."""
    return f'<p style="color:#666"><i>{breakable(text)}</i></p>'


def message_html(kind: str, text: str) -> str:
    """One coloured line (error, warning, info, ok); ``text`` is escaped."""
    color = _COLORS.get(kind, "#333")
    return f'<div style="color:{color};margin:2px 0">{_ICONS.get(kind, "")} {breakable(text)}</div>'


def findings_html(findings: Iterable[Finding | str], kind: str = "warning") -> str:
    """Findings as coloured lines, errors first; every message is escaped."""
    items: list[tuple[str, str]] = []
    for f in findings:
        if isinstance(f, Finding):
            items.append((f.severity, f.message))
        else:
            items.append((kind, str(f)))
    order = {"error": 0, "warning": 1, "info": 2, "ok": 3}
    return "".join(message_html(k, m) for k, m in sorted(items, key=lambda km: order.get(km[0], 9)))


def show_html(markup: str) -> None:
    """Display trusted markup built by the library (user text inside it is already escaped)."""
    from IPython.display import HTML, display

    display(HTML(markup))
