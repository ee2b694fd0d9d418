"""Career-conversation coaching workbook: the library behind the notebooks, the batch and the CLI."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .core.version import __version__

if TYPE_CHECKING:
    from .core.errors import WorkbookError
    from .core.model import Action, CheckIn, Goal, GrowthPlan, KeyResult, Note, Objective, Person, QuarterOKRs
    from .store import Store, open_store

__all__ = [
    "Action",
    "CheckIn",
    "Goal",
    "GrowthPlan",
    "KeyResult",
    "Note",
    "Objective",
    "Person",
    "QuarterOKRs",
    "Store",
    "WorkbookError",
    "open_store",
    "__version__",
]

# Imported on first use so that `import workbook` (every CLI call, every kernel) stays cheap.
_LAZY = {"WorkbookError": "core.errors", "Store": "store", "open_store": "store",
         **{name: "core.model" for name in ("Action", "CheckIn", "Goal", "GrowthPlan", "KeyResult", "Note", "Objective",
                                       "Person", "QuarterOKRs")}}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'workbook' has no attribute {name!r}")
