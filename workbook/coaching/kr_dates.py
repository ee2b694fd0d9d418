"""A key result's deadline against its quarter and its target date: a deadline outside the quarter, or two that disagree, is no deadline.

The measurability check praises "by 15 March" as a deadline; once the key result moves to the next
quarter that deadline has passed before the quarter starts, so the check is run again on the quarter's
dates (:func:`check_key_result_in_quarter`). A text that says "by 15 December" beside a target date of
4 December leaves doubt about when it is met, so the two must agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..core.dates import quarter_bounds
from ..core.model import QuarterOKRs
from .measurability import KRCheck, check_key_result

__all__ = ["dates_outside_quarter", "deadline_conflicts", "named_deadlines", "target_from_text",
           "fill_target_dates", "check_key_result_in_quarter", "impossible_dates", "real_day_suggestion",
           "check_key_result_dates"]

_MONTH_NUMBERS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], 1) for name in names}
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_ORDINAL = r"(?:st|nd|rd|th)?"
# a month with, perhaps, its day on either side: "15 March", "15th of March", "March 15th", "mid-March"
_DAY_MONTH = (
    rf"(?:(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?)?(?:mid-?\s*|early\s+|late\s+|end of\s+)?(?P<month>{_MONTH})\b\.?"
    rf"(?:\s+(?P<day_after>\d{{1,2}}){_ORDINAL}\b)?"
)
# a month named in a deadline: "by 15 March", "by March 15th", "in March", "end of March", "before mid-March"
_MONTH_DEADLINE = re.compile(rf"\b(?:by|before|until|till|in|on|end of|mid-?|early|late)\s+(?:the\s+)?{_DAY_MONTH}",
                             re.IGNORECASE)
# a deadline word and a date: "by 2026-12-15", "before 15 March", "until March 15th", "due 15th of March"
_DUE_DATE = re.compile(
    rf"\b(?:by|before|until|till|no later than|due(?:\s+on)?|deadline:?)\s+(?:the\s+)?"
    rf"(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b|{_DAY_MONTH})",
    re.IGNORECASE)


def _iso_date(text: str) -> dt.date | None:
    """The date "2026-12-15" names, or None for an impossible one ("2026-02-30")."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


_QUARTER_REF = re.compile(r"\b(?:by|in|before|end of|within)\s+(?:the\s+)?q([1-4])\b", re.IGNORECASE)


def dates_outside_quarter(text: str, quarter: str, target_date: dt.date | None = None) -> list[str]:
    """The deadlines a key result names (in its text, or its target date) that fall outside ``quarter``, as
    quoted phrases (e.g. ``'by 15 March'``) or ``target date 2027-03-15``."""
    start, end = quarter_bounds(quarter)
    months = {start.month, start.month + 1, end.month}
    out: list[str] = []
    for m in _ISO.finditer(text):
        day = _iso_date(m.group(0))
        if day is not None and not start <= day <= end:
            out.append(f"'{m.group(0)}'")
    for m in _MONTH_DEADLINE.finditer(text):
        if _MONTH_NUMBERS[m.group("month").lower()] not in months:
            out.append(f"'{m.group(0).strip()}'")
    for m in _QUARTER_REF.finditer(text):
        if int(m.group(1)) != int(quarter[-1]):
            out.append(f"'{m.group(0)}'")
    if target_date is not None and not start <= target_date <= end:
        out.append(f"target date {target_date.isoformat()}")
    return out


def deadline_conflicts(text: str, quarter: str, target_date: dt.date | None) -> list[str]:
    """The deadlines with a day the text names ("by 2026-12-15", "before 15 December"; a day and month are read
    in the quarter's year) when none of them is ``target_date``, as quoted phrases. A date that is not a deadline
    ("the talk on 2026-11-12") is not compared; nothing is without a target date."""
    if target_date is None:
        return []
    named = named_deadlines(text, quarter)
    if not named or any(day == target_date for _, day in named):
        return []
    return [phrase for phrase, _ in named]


def named_deadlines(text: str, quarter: str) -> list[tuple[str, dt.date]]:
    """The deadlines with a day the text names ("by 2026-12-15", "before 15 December"; a day and month are read
    in the quarter's year), as (quoted phrase, day). A month alone ("by March") and a date that is not a
    deadline ("the talk on 2026-11-12") are not among them."""
    year = quarter_bounds(quarter)[0].year
    named: list[tuple[str, dt.date]] = []
    for m in _DUE_DATE.finditer(text):
        if m.group("iso"):
            day = _iso_date(m.group("iso"))
        elif m.group("day") or m.group("day_after"):  # a month alone ("by March") has no day to compare
            try:
                day = dt.date(year, _MONTH_NUMBERS[m.group("month").lower()], int(m.group("day") or m.group("day_after")))
            except ValueError:
                day = None
        else:
            continue
        if day is not None:
            named.append((f"'{m.group(0).strip()}'", day))
    return named


def target_from_text(text: str, quarter: str) -> tuple[str, dt.date] | None:
    """The one deadline the text names inside ``quarter``, as (quoted phrase, day), for a key result saved
    without a target date ("... by 2026-12-20" then has 20 December as its target); None when the text names
    no deadline day, several different ones, or one outside the quarter."""
    named = named_deadlines(text, quarter)
    if len({day for _, day in named}) != 1:
        return None
    start, end = quarter_bounds(quarter)
    return named[0] if start <= named[0][1] <= end else None


def fill_target_dates(okrs: QuarterOKRs) -> list[str]:
    """Give each key result with no target date the one deadline its text names inside the quarter (a manager
    who writes "by 2026-12-20" means it; the summary's Target column and the checks then read it). Returns
    one line per date set, e.g. "key result 1.2: target date 2026-12-20, from 'by 2026-12-20' in its text"."""
    out = []
    for i, obj in enumerate(okrs.objectives, 1):
        for j, kr in enumerate(obj.key_results, 1):
            found = target_from_text(kr.text, okrs.quarter) if kr.target_date is None else None
            if found is not None:
                kr.target_date = found[1]
                out.append(f"key result {i}.{j}: target date {found[1].isoformat()}, from {found[0]} in its text")
    return out


# a day and month with, perhaps, their year: "29 February 2027", "April 31st, 2027"
_DAY_MONTH_YEAR = re.compile(rf"{_DAY_MONTH}(?:,?\s+(?P<year>\d{{4}})\b)?", re.IGNORECASE)
# a day, month and year in figures: "31/04/2027", "31.04.2027", "31-04-2027" (or month first, as in the US)
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d/.-]?\d)")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _impossible_days(text: str, year: int | None = None) -> list[tuple[str, int | None, int | None]]:
    """The days the text names that no calendar has, as (quoted phrase, month, year): the month and year the
    phrase names (None when it names no real month, or no year and ``year`` is None)."""
    out: list[tuple[str, int | None, int | None]] = []
    for m in _ISO.finditer(text):
        if _iso_date(m.group(0)) is None:
            y, month = int(m.group(0)[:4]), int(m.group(0)[5:7])
            out.append((f"'{m.group(0)}'", month if 1 <= month <= 12 else None, y))
    for m in _DAY_MONTH_YEAR.finditer(text):
        day = m.group("day") or m.group("day_after")
        if not day:
            continue
        month = _MONTH_NUMBERS[m.group("month").lower()]
        named = int(m.group("year")) if m.group("year") else year
        if not _real_day(named or 2000, month, int(day)):  # 2000: a leap year, so 29 February counts without a year
            out.append((f"'{m.group(0).strip()}'", month, named))
    for m in _NUMERIC_DATE.finditer(text):
        first, second, y = int(m.group("first")), int(m.group("second")), int(m.group("year"))
        # day/month/year, or month/day/year as written in the US: a day only when neither reading has it
        if not _real_day(y, second, first) and not _real_day(y, first, second):
            out.append((f"'{m.group(0)}'", second if 1 <= second <= 12 else first if 1 <= first <= 12 else None, y))
    return out


def impossible_dates(text: str, year: int | None = None) -> list[str]:
    """The dates the text names that no calendar has ("2026-02-30", "31 February", "April 31st", "29 February
    2027", "31/04/2027"), as quoted phrases. A day and month without a year are read in ``year``; without one
    only what no year has counts (29 February is a day in a leap year). Figures are read day first
    ("31/04/2027") or month first ("04/31/2027"): a date counts when neither reading is a day."""
    return [phrase for phrase, _, _ in _impossible_days(text, year)]


def real_day_suggestion(text: str, year: int | None = None) -> str:
    """How to write a real day instead of the first impossible one ``text`` names: the last day of its month
    (e.g. "by 30 April"), in words so figures cannot be read two ways; empty when the text names none."""
    found = _impossible_days(text, year)
    if not found:
        return ""
    month, named = next(((mo, y) for _, mo, y in found if mo is not None), (None, None))
    if month is None:  # "2027-13-01": no month to end
        return "Write a real day (a month is 01 to 12), e.g. 'by 31 March'."
    name = _MONTH_NAMES[month - 1]
    # without a year, February ends on the 28th in every year
    last = calendar.monthrange(named, month)[1] if named else 28 if month == 2 else calendar.monthrange(2001, month)[1]
    when = f"{name} {named}" if named and month == 2 else name
    return f"Write a real day, e.g. 'by {last} {name}{f' {named}' if named else ''}' ({when} has {last} days)."


def check_key_result_dates(text: str, year: int | None = None) -> KRCheck:
    """:func:`check_key_result`, and a key result naming a day no calendar has is not measurable: nobody can say
    when it is due (the deadline evidence alone took "by 2026-02-30" for one); the suggestion is the last real
    day of that month. Raises InputError for blank text."""
    verdict = check_key_result(text)
    bad = impossible_dates(verdict.text, year)
    if not bad:
        return verdict
    # the impossible day is no deadline, nor is a piece of it a threshold ("31/04" of "31/04/2027")
    pieces = re.compile(r"^has a threshold \('(.+)'\)$")
    reasons = [f"{', '.join(bad)} is not a day in the calendar, so nobody can say when it is due",
               *(r for r in verdict.reasons if not r.startswith("has a deadline")
                 and not ((piece := pieces.match(r)) and any(piece.group(1) in phrase for phrase in bad)))]
    return KRCheck(verdict.text, False, reasons, real_day_suggestion(verdict.text, year), confidence=0.95)


def check_key_result_in_quarter(text: str, quarter: str, target_date: dt.date | None = None) -> KRCheck:
    """:func:`check_key_result` on the quarter's dates: a deadline outside ``quarter`` (in the text or the
    target date) is no deadline, so the key result is not measurable as written until it is moved into the
    quarter; nor is one whose text names a date other than its target date, or a day no calendar has. Raises
    InputError for blank text."""
    verdict = check_key_result_dates(text, quarter_bounds(quarter)[0].year)
    if not verdict.measurable and verdict.reasons and "not a day in the calendar" in verdict.reasons[0]:
        return verdict
    outside = dates_outside_quarter(verdict.text, quarter, target_date)
    if not outside:
        conflicts = deadline_conflicts(verdict.text, quarter, target_date)
        if not conflicts or target_date is None:
            return verdict
        # the deciding reason first: the evidence below it says what the key result has apart from its date
        reasons = [f"the text's deadline ({', '.join(conflicts)}) and the target date ({target_date.isoformat()}) "
                   "differ, so it is not clear when it counts as met",
                   *(r for r in verdict.reasons if not r.startswith("has a deadline"))]
        return KRCheck(verdict.text, False, reasons,
                       "Make them agree: set the target date to the text's date, or change the date in the text.",
                       confidence=0.9)
    start, end = quarter_bounds(quarter)
    reasons = [f"its deadline ({', '.join(outside)}) falls outside {quarter} ({start.day} {start:%B} to {end.day} {end:%B %Y}), "
               "so nobody could say it was met in this quarter",
               *(r for r in verdict.reasons if not r.startswith("has a deadline"))]
    return KRCheck(verdict.text, False, reasons,
                   f"Move the deadline into {quarter}, e.g. 'by {end.day} {end:%B}', and set the target date to match.",
                   confidence=0.9)
