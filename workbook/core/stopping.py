"""A stop asked for by a signal, where the writes that publish a file can see it.

The command line's SIGTERM handler (workbook/cli/__init__.py) raises KeyboardInterrupt, as Ctrl-C does, so every
write cleans up after either. An exception raised by a signal handler is lost when Python is running a
finaliser or a weakref callback at that moment ("Exception ignored in ..."): once in CI an import stopped by
SIGTERM went on and published its workbook. So the handler also records the signal here, and a write about to
publish (a new workbook moved into place, a backup renamed) asks :func:`check` first: a stop that was lost stops
it there, before anything is published, and its temporary copy is removed as after any failure.
"""

from __future__ import annotations

__all__ = ["Stopped", "request", "requested", "check", "clear"]

_REQUESTED: list[int] = []


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by a signal (SIGTERM); handled where Ctrl-C's KeyboardInterrupt is."""


def request(signum: int) -> None:
    """Record a stop asked for by signal ``signum``."""
    _REQUESTED.append(signum)


def requested() -> bool:
    """Whether a signal asked this process to stop."""
    return bool(_REQUESTED)


def check() -> None:
    """Raise :class:`Stopped` when a signal asked this process to stop (before a write publishes its file)."""
    if _REQUESTED:
        raise Stopped()


def clear() -> None:
    """Forget a recorded stop (the command line, once it has said so, in a process that goes on: a test)."""
    _REQUESTED.clear()
