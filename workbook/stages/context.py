"""What a stage works on: the workbook, one person, the quarter and year, and the day it looks from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.dates import check_period, quarter_of

if TYPE_CHECKING:
    from ..core.model import Person
    from ..store import Store

__all__ = ["StageContext", "resolve_period"]


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


def resolve_period(period: str, day: dt.date) -> str:
    """The quarter a stage looks at: ``period`` as a quarter (2027Q1), a year (its first quarter, or the
    quarter of ``day`` when the year is ``day``'s own), or empty for the quarter of ``day``.
    Raises ValueError for anything else."""
    canonical = check_period(period, day)
    if len(canonical) == 4:  # a year
        return f"{canonical}Q1" if int(canonical) != day.year else quarter_of(day)
    return canonical
