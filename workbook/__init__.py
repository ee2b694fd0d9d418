"""Career-conversation coaching workbook: the library behind the notebooks, the batch and the CLI."""

from .errors import WorkbookError
from .model import Action, CheckIn, Goal, GrowthPlan, KeyResult, Note, Objective, Person, QuarterOKRs
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
__version__ = "0.1.0"
