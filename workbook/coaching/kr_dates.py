"""A key result's deadline against its quarter: a date in the text or a target date outside the quarter is not a deadline.

The measurability check praises "by 15 March" as a deadline; once the key result moves to the next
quarter that deadline has passed before the quarter starts, so the check is run again on the quarter's
dates (:func:`check_key_result_in_quarter`).
"""

from __future__ import annotations

import datetime as dt
import re

from ..core.dates import quarter_bounds
from .measurability import KRCheck, check_key_result

__all__ = ["dates_outside_quarter", "check_key_result_in_quarter"]

_MONTH_NUMBERS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], 1) for name in names}
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# a month named in a deadline: "by 15 March", "by March 15th", "in March", "end of March", "before mid-March"
_MONTH_DEADLINE = re.compile(
    rf"\b(?:by|before|until|till|in|on|end of|mid-?|early|late)\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?:mid-?\s*|early\s+|late\s+|end of\s+)?({_MONTH})\b\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?",
    re.IGNORECASE)
_QUARTER_REF = re.compile(r"\b(?:by|in|before|end of|within)\s+(?:the\s+)?q([1-4])\b", re.IGNORECASE)


def dates_outside_quarter(text: str, quarter: str, target_date: dt.date | None = None) -> list[str]:
    """The deadlines a key result names (in its text, or its target date) that fall outside ``quarter``, as
    quoted phrases (e.g. ``'by 15 March'``) or ``target date 2027-03-15``."""
    start, end = quarter_bounds(quarter)
    months = {start.month, start.month + 1, end.month}
    out: list[str] = []
    for m in _ISO.finditer(text):
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        if not start <= day <= end:
            out.append(f"'{m.group(0)}'")
    for m in _MONTH_DEADLINE.finditer(text):
        if _MONTH_NUMBERS[m.group(1).lower()] not in months:
            out.append(f"'{m.group(0).strip()}'")
    for m in _QUARTER_REF.finditer(text):
        if int(m.group(1)) != int(quarter[-1]):
            out.append(f"'{m.group(0)}'")
    if target_date is not None and not start <= target_date <= end:
        out.append(f"target date {target_date.isoformat()}")
    return out


def check_key_result_in_quarter(text: str, quarter: str, target_date: dt.date | None = None) -> KRCheck:
    """:func:`check_key_result` on the quarter's dates: a deadline outside ``quarter`` (in the text or the
    target date) is no deadline, so the key result is not measurable as written until it is moved into the
    quarter. Raises InputError for blank text."""
    verdict = check_key_result(text)
    outside = dates_outside_quarter(verdict.text, quarter, target_date)
    if not outside:
        return verdict
    start, end = quarter_bounds(quarter)
    reasons = [r for r in verdict.reasons if not r.startswith("has a deadline")]
    reasons.append(f"its deadline ({', '.join(outside)}) falls outside {quarter} ({start.day} {start:%B} to {end.day} {end:%B %Y}), "
                   "so nobody could say it was met in this quarter")
    return KRCheck(verdict.text, False, reasons,
                   f"Move the deadline into {quarter}, e.g. 'by {end.day} {end:%B}', and set the target date to match.",
                   confidence=0.9)
