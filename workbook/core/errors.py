"""One exception hierarchy for the workbook: every user mistake is a WorkbookError with a one-line message."""

from __future__ import annotations

__all__ = [
    "MAX_ERROR_LINE",
    "one_line",
    "WorkbookError",
    "InputError",
    "RuleViolation",
    "NotFound",
    "StoreError",
    "AccessDenied",
    "LadderError",
    "ExportError",
    "BatchError",
    "OutputError",
]


# An error is one line a person reads: a value quoted from a hostile file (an alias bomb, a 5 MB
# field) must never turn it into megabytes.
MAX_ERROR_LINE = 300


def one_line(text: str, limit: int = MAX_ERROR_LINE) -> str:
    """``text`` on one line (line breaks become spaces), cut to ``limit`` characters with an ellipsis."""
    line = " ".join(str(text).split("\n")).replace("\r", " ")
    return line if len(line) <= limit else line[: limit - 1] + "…"


class WorkbookError(Exception):
    """Base class. ``str(err)`` is a single line of at most MAX_ERROR_LINE characters that names the
    object and says how to fix it (a batch's summary of failures may be longer: see BatchError).

    Subclasses keep structured fields and stay picklable (batch workers run in other processes),
    so every subclass passes all of its constructor arguments to ``Exception.__init__``.
    """

    limit = MAX_ERROR_LINE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return one_line(self.message, self.limit)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, self.args)

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for it in a notebook (JupyterLab, a page's saved output, a batch's notebook): the one
        line, as the command line says it, not a traceback through the workbook's code: it is a mistake or a fault
        to fix (a workbook gone, locked or damaged, a bad parameter), not a bug to debug."""
        return [f"{type(self).__name__}: {self}"]


class InputError(WorkbookError):
    """A file or value a user gave is malformed (YAML, CSV, a date, a slug ...)."""

    def __init__(self, message: str, source: str | None = None, where: str | None = None,
                 field: str | None = None) -> None:
        super().__init__(message)
        self.args = (message, source, where, field)
        self.source = source
        self.where = where
        self.field = field  # the value's field (a model field, like "mode"), when one value was wrong

    def __str__(self) -> str:
        prefix = ": ".join(p for p in (self.source, self.where) if p)
        text = f"{prefix}: {self.message}" if prefix else self.message
        return one_line(text, self.limit)


class RuleViolation(WorkbookError):
    """A write broke one of the practice's rules (too many goals, objectives, key results ...)."""

    def __init__(self, message: str, findings: tuple = ()) -> None:  # type: ignore[type-arg]
        super().__init__(message)
        self.args = (message, tuple(findings))
        self.findings = tuple(findings)


class NotFound(WorkbookError):
    """A person, plan, quarter or key result that was asked for does not exist."""


class StoreError(WorkbookError):
    """The database cannot be opened, is of a newer schema, or is locked for too long."""


class AccessDenied(WorkbookError):
    """The user's rights in an organisation workbook do not allow this read or write (the database refused)."""


class LadderError(WorkbookError):
    """A career ladder file cannot be used (not CSV, empty, a required column missing ...)."""


class ExportError(WorkbookError):
    """An HTML or PDF export failed (no Chromium found, the browser crashed ...)."""


class BatchError(WorkbookError):
    """A batch run finished with one or more people failing (one line naming each, so a longer one)."""

    limit = 4000


class OutputError(WorkbookError):
    """A generated file cannot be written where it belongs (a folder is a symlink or another user's,
    the disk is full or read-only ...)."""
