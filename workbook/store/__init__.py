"""The Store API: one workbook database, its schema and migrations, atomic writes and visibility filtering.

One SQLite file (``workbook.db`` by default, or ``WORKBOOK_DB``), WAL, a busy timeout, ``BEGIN IMMEDIATE``
for writes. Every write goes through :meth:`Store.atomic`, and every rule of the practice is checked inside
that transaction, so a rejected write changes nothing. Shareable queries read from SQL views that cannot
return a private note. The Store is assembled from one module per concern (people, notes, plans, OKRs,
check-ins, DataFrames, whole records) over :mod:`workbook.store.base`.
"""

from __future__ import annotations

import os

from .corrections import CorrectionsStore, MoveResult
from .engine import BUSY_TIMEOUT_MS, default_db_path
from .frames import FramesStore
from .migrations import SCHEMA_VERSION
from .records import dump_json
from .schema import PERSON_TABLES, metadata

__all__ = ["Store", "SCHEMA_VERSION", "BUSY_TIMEOUT_MS", "PERSON_TABLES", "default_db_path", "dump_json", "metadata", "MoveResult",
           "open_store"]


class Store(CorrectionsStore, FramesStore):
    """A workbook database. Use :meth:`atomic` for writes; the query helpers return pandas DataFrames."""


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """Open (and create or migrate) the workbook at ``db`` or the default path."""
    return Store(db)
