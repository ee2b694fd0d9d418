"""Dates and quarters: canonical quarter names, their bounds, neighbours, and dates read back from storage."""

from __future__ import annotations

import datetime as dt
import os
import re

from .errors import InputError

__all__ = ["TODAY_VARIABLE", "today", "past_due", "MIN_YEAR", "MAX_YEAR", "check_quarter", "check_year", "check_period", "check_day", "quarter_of",
           "quarter_bounds", "period_bounds", "outcome_day", "outcome_day_problem", "outcome_shown_on", "next_quarter", "previous_quarter", "to_date", "months_before", "months_after",
           "EARLIEST_YEAR", "MONTHS_AHEAD", "implausible_date", "status_days", "status_pair_problem", "status_day_problem", "status_as_of"]


# Years a workbook accepts anywhere (quarters, plans, dates): wide enough for any career, narrow enough
# that a typo (0000Q1, 20277) is caught where it is typed rather than in a later report.
MIN_YEAR, MAX_YEAR = 1970, 2100
# Dates a person can mean, checked at the door (store/door.py): nothing in a career workbook happens before
# 1970, and nothing is planned more than 18 months ahead (a year typed as 1124 or 2207 is a typo, and it
# would stretch every chart).
EARLIEST_YEAR = MIN_YEAR
MONTHS_AHEAD = 18
# ASCII digits only: Python's \d also matches "２０２７" and "٢٠٢٧", which would reach file names raw.
_QUARTER = re.compile(r"([0-9]{4})Q([1-4])", re.ASCII)
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_quarter(value: str) -> str:
    """Return a canonical quarter like ``2027Q1``; accepts ``2027q1``, ``2027-Q1`` and surrounding spaces;
    raise ValueError for anything else (non-ASCII digits, a year outside 1970-2100)."""
    text = str(value).strip().upper().replace("-", "")
    match = _QUARTER.fullmatch(text)
    if not match:
        raise ValueError(f"quarter {_shown(value)} is not like 2027Q1 (a year, 'Q', then 1-4)")
    if not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        raise ValueError(f"quarter {_shown(value)} has a year outside {MIN_YEAR}-{MAX_YEAR}")
    return text


def check_year(value: object) -> int:
    """A year from an int or four ASCII digits, within 1970-2100; raise ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"year {_shown(value)} is not a year like 2027")
    text = str(value).strip()
    if not _YEAR.fullmatch(text):
        raise ValueError(f"year {_shown(value)} is not a year like 2027 (four digits)")
    if not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise ValueError(f"year {_shown(value)} is outside {MIN_YEAR}-{MAX_YEAR}")
    return int(text)


def check_period(period: str, as_of: dt.date | None = None) -> str:
    """The canonical form of a stage's period, used for its parameters and its file names: a quarter
    (``2026q4`` and `` 2026-Q4`` -> ``2026Q4``), a year (``2026``), or, when empty, the quarter of
    ``as_of`` (default today). Raises ValueError for anything else."""
    text = str(period).strip()
    if not text:
        return quarter_of(as_of or _today())
    if _YEAR.fullmatch(text):
        return str(check_year(text))
    return check_quarter(text)


def check_day(value: object) -> dt.date:
    """A date from a date (not a datetime's time part) or an ASCII ``YYYY-MM-DD`` string, within
    1970-2100. Numbers are refused (they would be read as seconds since 1970).

    A date object is taken as it is: it was parsed already, or read back from a workbook, where an older
    record may hold a year no one meant and must still open, be shown and be corrected (`workbook check`
    lists it). What is written is held to the door instead (``workbook.store.door``: not before 1970, not
    more than 18 months ahead), and text is checked here."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (match := _DAY.fullmatch(value.strip())):
        try:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise ValueError(f"{_shown(value)} is not a date; write it as YYYY-MM-DD") from None
    else:
        raise ValueError(f"{_shown(value)} is not a date; write it as YYYY-MM-DD")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"{_shown(value)} has a year outside {MIN_YEAR}-{MAX_YEAR}")
    return day


TODAY_VARIABLE = "WORKBOOK_TODAY"


def today() -> dt.date:
    """The day it is for the workbook, read by every rule that says "today" (what is due, which quarter a page
    opens on, the day an outcome or a check-in is recorded, how far ahead a date may be; call sites read it as
    ``core.clock.today()``): :data:`TODAY_VARIABLE` when set, else the machine's date. A value that is not a day
    :func:`check_day` accepts is an InputError naming the variable and the fix."""
    raw = os.environ.get(TODAY_VARIABLE, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return check_day(raw)
    except ValueError:
        raise InputError(f"{TODAY_VARIABLE}={raw!r} is not a day of {MIN_YEAR}-{MAX_YEAR}: give YYYY-MM-DD "
                         f"(the day to run as) or unset it to use today's date") from None


_today = today  # the rules below take a ``today`` argument (a day to judge as of), which hides the function


def quarter_of(day: dt.date) -> str:
    """The quarter a date falls in, e.g. 2027-01-15 -> '2027Q1'."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def day_in_quarter(quarter: str, day: dt.date | None = None) -> dt.date | None:
    """``day`` (default today) when it falls in ``quarter``, else None: the day something is recorded while
    its quarter runs (a request entered for a past or later quarter has no day of its own)."""
    day = day or _today()
    start, end = quarter_bounds(quarter)
    return day if start <= day <= end else None


def outcome_day(quarter: str, day: dt.date | None = None) -> dt.date | None:
    """The day a key result's outcome recorded on ``day`` (default today) is dated: that day, unless it is after the
    end of the quarter that follows (an outcome filled in long after, for the record, is dated None and shown as of
    any day, as outcomes recorded before the workbook kept their day are)."""
    day = day or _today()
    return day if day <= quarter_bounds(next_quarter(quarter))[1] else None


def outcome_day_problem(quarter: str, day: object, today: dt.date | None = None, outcome: str | None = None) -> str | None:
    """Why ``day`` cannot be the day an outcome of ``quarter`` was recorded, as a one-line message naming the fix, or
    None: after today (it is the day the outcome was recorded, not the day it is hoped for). A day before the quarter
    began is a day a key result can have been dropped or moved on, before its quarter started, but not met, partly
    met or missed (``outcome``): a summary made mid-quarter then showed it decided (found by a helper)."""
    when = to_date(day)
    if when is None:
        return None
    today = today or _today()
    if when > today:
        return (f"outcome_on {when.isoformat()} of {quarter} is after today ({today.isoformat()}); it is the day the "
                "outcome was recorded: give a past day, or leave it out for today")
    start = quarter_bounds(quarter)[0]
    if outcome in ("met", "partly_met", "not_met") and when < start:
        return (f"outcome_on {when.isoformat()} of {quarter} is before the quarter began ({start.isoformat()}); a key "
                f"result is {outcome.replace('_', ' ')} during or after its quarter: give a day from "
                f"{start.isoformat()} (one dropped or moved before the quarter began may have an earlier day)")
    return None


def outcome_shown_on(outcome_on: object, day: dt.date | None) -> bool:
    """Whether an outcome recorded on ``outcome_on`` (None: before the workbook kept the day) is in a view dated
    ``day`` (None: today's view, which shows every outcome)."""
    when = to_date(outcome_on)
    return day is None or when is None or when <= day


def status_days(old_status: str, old_on: object, old_before: str | None, new_status: str,
                today: dt.date | None = None) -> dict[str, object]:
    """The ``status_on`` and ``status_before`` a support commitment or an action takes when a save sets its status
    from ``old_status`` (changed on ``old_on`` from ``old_before``) to ``new_status``: nothing changes when the status
    does not; a change is dated today, from the status it had, and a second change on the same day keeps the status
    it had before that day (a view dated yesterday shows what yesterday saw)."""
    if new_status == old_status:
        return {}
    today = today or _today()
    if to_date(old_on) == today and old_before is not None:
        return {"status_on": today, "status_before": old_before}
    return {"status_on": today, "status_before": old_status}


def status_pair_problem(status_on: object, status_before: object) -> str | None:
    """Why a ``status_on`` / ``status_before`` pair cannot be, or None: each needs the other."""
    if (status_on is None) == (status_before is None):
        return None
    missing = "status_before" if status_on is not None else "status_on"
    return (f"{missing} is missing: status_on (the day the status last changed) and status_before (the status until "
            "then) go together; give both, or leave both out")


def status_day_problem(status_on: object, today: dt.date | None = None) -> str | None:
    """Why ``status_on`` cannot be the day a status changed, as one line naming the fix, or None: after today."""
    when = to_date(status_on)
    today = today or _today()
    if when is not None and when > today:
        return (f"status_on {when.isoformat()} is after today ({today.isoformat()}); it is the day the status changed: "
                "give a past day, or leave status_on and status_before out")
    return None


def status_as_of(status: str, status_on: object, status_before: object, day: dt.date | None) -> str:
    """The status a support commitment or an action had on ``day`` (None: today's view, the status as it is): the
    one before its last change when that change came after ``day``."""
    when = to_date(status_on)
    if day is None or when is None or when <= day or not isinstance(status_before, str) or not status_before:
        return status
    return status_before


def quarter_bounds(quarter: str) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    q = check_quarter(quarter)
    year, n = int(q[:4]), int(q[5])
    start = dt.date(year, 3 * (n - 1) + 1, 1)
    end = dt.date(year + (n == 4), (3 * n) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a canonical period (:func:`check_period`): a quarter, or a year (``2026``)."""
    if period.isdigit():
        year = check_year(period)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return quarter_bounds(period)


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


def past_due(due: object, day: dt.date) -> bool:
    """Whether something due on ``due`` (a date, a stored value, or nothing) is overdue on ``day``: its day is
    before ``day``; nothing with no due day ever is. The check-in page, its record and the report's page mark
    open actions and support "overdue" by this one rule."""
    when = to_date(due)
    return when is not None and when < day


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
    limit = months_after(today or _today(), MONTHS_AHEAD)
    if day > limit:
        return f"{day.isoformat()} is more than {MONTHS_AHEAD} months ahead (after {limit.isoformat()}); check the year"
    return None
