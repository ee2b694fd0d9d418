"""Row filters for pandas DataFrames that keep every column when nothing matches (a person with no data)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["keep_rows"]


def keep_rows(frame: pd.DataFrame, mask: Iterable[object]) -> pd.DataFrame:
    """The rows of ``frame`` where ``mask`` is true, with all of its columns.

    ``frame[[...]]`` with a plain list is a trap: an empty list (a person with no notes) selects no
    *columns*, and the next ``frame["text"]`` is a KeyError. A boolean Series on the frame's index always
    selects rows."""
    import pandas as pd

    return frame[pd.Series([bool(m) for m in mask], index=frame.index, dtype=bool)]
