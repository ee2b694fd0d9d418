"""Leave-one-source-out folds, one forked process per core: shared by the accuracy benchmarks."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on (its affinity, where the system tells it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_folds(fold: Callable[[str], list[T]], sources: Sequence[str], chunksize: int = 1) -> list[T]:
    """``fold`` over each source, the results joined in ``sources``' order. The folds are independent, so they
    run in one forked process per core (the children inherit what the parent has loaded), and in turn on one
    core: the same numbers either way. ``fold`` must be a module-level function (the pool pickles its name)."""
    n = min(cores(), len(sources))
    if n < 2:
        return [r for source in sources for r in fold(source)]
    with multiprocessing.get_context("fork").Pool(n) as pool:
        return [r for part in pool.map(fold, sources, chunksize=chunksize) for r in part]
