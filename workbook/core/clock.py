"""Today, from one place: the day every rule that says "today" reads (what is due, which quarter the pages open
on, the day an outcome or a check-in is recorded, how far ahead a date may be).

``WORKBOOK_TODAY=YYYY-MM-DD`` runs the workbook as if that were the day: a rehearsal of a quarter's close, a
training session that shows the same dates every time, and the test suite, which pins it so that the fixed dates
its tests are written with keep the meaning they had (tests/conftest.py). Unset or empty: the machine's date.
Timestamps (when a file was made, when a batch ran) stay on the real clock: they record, they do not decide.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from .errors import InputError

__all__ = ["TODAY_VARIABLE", "today"]

TODAY_VARIABLE = "WORKBOOK_TODAY"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_YEARS = (1970, 2100)  # the years a workbook accepts anywhere (core.dates.MIN_YEAR, MAX_YEAR)


def today() -> dt.date:
    """The day it is for the workbook: :data:`TODAY_VARIABLE` when set, else the machine's date. A value that is
    not a day of 1970-2100 is an InputError naming the variable and the fix."""
    raw = os.environ.get(TODAY_VARIABLE, "").strip()
    if not raw:
        return dt.date.today()
    day = None
    if _DAY.fullmatch(raw):
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            day = None
    if day is None or not _YEARS[0] <= day.year <= _YEARS[1]:
        raise InputError(f"{TODAY_VARIABLE}={raw!r} is not a day of {_YEARS[0]}-{_YEARS[1]}: give YYYY-MM-DD "
                         f"(the day to run as) or unset it to use today's date")
    return day
