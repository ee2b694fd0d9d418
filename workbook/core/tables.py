"""Plain-text tables for a terminal: each column as wide as its widest cell on screen, its header over its values."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from typing import Any

__all__ = ["display_width", "text_table"]


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: an accent written as a combining mark takes none, a
    full-width character (Chinese, Japanese, Korean) two. ``len`` counts characters, so pandas' own
    padding drifts on such names."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
               for c in text)


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())  # a line break in a value would break the row


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def text_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, right: Collection[str] = (),
               gap: int = 2) -> str:
    """``rows`` under ``columns`` as lines of text: words left-aligned under their header, the columns in
    ``right`` (numbers) right-aligned under theirs, ``gap`` spaces between columns, no trailing spaces.
    An empty or missing value (None, NaN) is an empty cell."""
    body = [[_cell(v) for v in row] for row in rows]
    head = [_cell(c) for c in columns]
    widths = [max([display_width(head[i]), *(display_width(r[i]) for r in body)]) for i in range(len(head))]
    lines = []
    for cells in (head, *body):
        line = (" " * gap).join(_pad(text, widths[i], columns[i] in right) for i, text in enumerate(cells))
        lines.append(line.rstrip())
    return "\n".join(lines)
