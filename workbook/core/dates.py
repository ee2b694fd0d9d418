"""Dates and quarters: canonical quarter names, their bounds, neighbours, and dates read back from storage."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["check_quarter", "quarter_of", "quarter_bounds", "next_quarter", "previous_quarter", "to_date",
           "months_before", "months_after", "EARLIEST_YEAR", "MONTHS_AHEAD", "implausible_date"]

# Dates a person can mean: nothing in a career workbook happens before 1970, and nothing is planned more
# than 18 months ahead (a year typed as 1124 or 2207 is a typo, and it would stretch every chart).
EARLIEST_YEAR = 1970
MONTHS_AHEAD = 18

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def check_quarter(value: str) -> str:
    """Return a canonical quarter like ``2027Q1``; accepts ``2027q1`` and ``2027-Q1``; raise ValueError otherwise."""
    text = str(value).strip().upper().replace("-", "")
    if not _QUARTER.match(text):
        raise ValueError(f"quarter {value!r} is not like 2027Q1 (a year, 'Q', then 1-4)")
    return text


def quarter_of(day: dt.date) -> str:
    """The quarter a date falls in, e.g. 2027-01-15 -> '2027Q1'."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_bounds(quarter: str) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    q = check_quarter(quarter)
    year, n = int(q[:4]), int(q[5])
    start = dt.date(year, 3 * (n - 1) + 1, 1)
    end = dt.date(year + (n == 4), (3 * n) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def next_quarter(quarter: str) -> str:
    """The quarter after ``quarter``: 2027Q4 -> 2028Q1."""
    q = check_quarter(quarter)
    year, n = int(q[:4]), int(q[5])
    return f"{year + 1}Q1" if n == 4 else f"{year}Q{n + 1}"


def to_date(value: object) -> dt.date | None:
    """A date from a stored value (a date, a datetime, an ISO string, a pandas Timestamp) or None when
    the value is missing (None, NaN, NaT, an empty string)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text or text.lower() in ("nat", "none", "nan"):
        return None
    return dt.date.fromisoformat(text[:10])


def previous_quarter(quarter: str) -> str:
    """The quarter before ``quarter``: 2027Q1 -> 2026Q4. Raises ValueError for a malformed quarter."""
    q = check_quarter(quarter)
    year, n = int(q[:4]), int(q[5])
    return f"{year - 1}Q4" if n == 1 else f"{year}Q{n - 1}"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + (day.month - 1) - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (clamped to the month's last day)."""
    return months_before(day, -months)


def implausible_date(day: dt.date | None, *, started: dt.date | None = None, today: dt.date | None = None,
                     started_label: str = "the person's start date") -> str | None:
    """Why ``day`` cannot be meant (before 1970, before ``started``, more than 18 months after ``today``),
    as the end of a one-line message, or None when it is plausible (or missing)."""
    if day is None:
        return None
    if day.year < EARLIEST_YEAR:
        return f"{day.isoformat()} is before {EARLIEST_YEAR}; check the year"
    if started is not None and day < started:
        return f"{day.isoformat()} is before {started_label} ({started.isoformat()}); check the date"
    limit = months_after(today or dt.date.today(), MONTHS_AHEAD)
    if day > limit:
        return f"{day.isoformat()} is more than {MONTHS_AHEAD} months ahead (after {limit.isoformat()}); check the year"
    return None
