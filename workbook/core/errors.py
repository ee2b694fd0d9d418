"""One exception hierarchy for the workbook: every user mistake is a WorkbookError with a one-line message."""

from __future__ import annotations

__all__ = [
    "WorkbookError",
    "InputError",
    "RuleViolation",
    "NotFound",
    "StoreError",
    "AccessDenied",
    "LadderError",
    "ExportError",
    "BatchError",
]


class WorkbookError(Exception):
    """Base class. ``str(err)`` is a single line that names the object and says how to fix it.

    Subclasses keep structured fields and stay picklable (batch workers run in other processes),
    so every subclass passes all of its constructor arguments to ``Exception.__init__``.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # one line, always
        return " ".join(self.message.split("\n"))

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, self.args)


class InputError(WorkbookError):
    """A file or value a user gave is malformed (YAML, CSV, a date, a slug ...)."""

    def __init__(self, message: str, source: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.args = (message, source, where)
        self.source = source
        self.where = where

    def __str__(self) -> str:
        prefix = ": ".join(p for p in (self.source, self.where) if p)
        text = f"{prefix}: {self.message}" if prefix else self.message
        return " ".join(text.split("\n"))


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
    """A batch run finished with one or more people failing."""
