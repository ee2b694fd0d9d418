"""Today, from one place: the name every rule that says "today" reads it by (``clock.today()``: what is due,
which quarter the pages open on, the day an outcome or a check-in is recorded, how far ahead a date may be).

``WORKBOOK_TODAY=YYYY-MM-DD`` runs the workbook as if that were the day: a rehearsal of a quarter's close, a
training session that shows the same dates every time, and the test suite, which pins it so that the fixed dates
its tests are written with keep the meaning they had (tests/conftest.py). Unset or empty: the machine's date.
Timestamps (when a file was made, the date in a backup's name, when a batch ran) stay on the real clock: they
record, they do not decide.

The day is read and checked in :mod:`workbook.core.dates` (its rules need it, and a value is held to the same
days any date is); this module is where the rest of the package asks for it.
"""

from __future__ import annotations

from .dates import TODAY_VARIABLE, today

__all__ = ["TODAY_VARIABLE", "today"]
