"""Stopping a batch cleanly: SIGINT and SIGTERM stop the scheduling, running jobs finish or are cancelled.

Without this, Ctrl-C in a batch was ignored until the end (the thread pool waited for every queued
notebook) and a Ctrl-C to the whole process group killed the PDF browser mid-batch. Now the batch's
helpers (the kernel fork server, the PDF worker, every kernel) run in sessions of their own, so a
terminal's Ctrl-C reaches only the batch process, and :class:`StopSignal` turns the signal into a
request: :func:`run_pool` starts no new job, gives the running ones a short grace, then cancels them
(their kernels are killed, which ends their papermill run within a second, usually), and returns what
was done. A job that still has not returned soon after is left behind: the batch stops waiting for it
and from then on every write it tries is refused (:meth:`StopSignal.writes`), so the manifest lists
exactly what is on disk, and its thread (a daemon) does not hold up the exit. A wait inside the
libraries that the kill does not cut short (in 2 of ~180 stops measured here and once in CI, a run
came back 5 s after its kernel was killed) can then no longer break the promise: the batch writes its
manifest and exits 130 (SIGINT) or 143 (SIGTERM) within 5 s. A second signal cancels at once.
"""

from __future__ import annotations

import itertools
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any, TypeVar

__all__ = ["StopSignal", "JobLeftBehind", "run_pool", "GRACE_S", "LEAVE_BEHIND_S", "SIGNAL_NAMES"]

T = TypeVar("T")
R = TypeVar("R")

GRACE_S = 1.0  # a running job may finish this long after the signal; then it is cancelled
LEAVE_BEHIND_S = 1.5  # a cancelled job that has not returned this long after is left behind (all within 5 s)
SIGNAL_NAMES: dict[int, str] = {int(signal.SIGINT): "SIGINT", int(signal.SIGTERM): "SIGTERM"}


class JobLeftBehind(Exception):
    """Raised in a job's thread when it tries to write after the batch stopped waiting for it."""


class StopSignal:
    """While entered (on the main thread), SIGINT and SIGTERM set :attr:`signum` instead of ending the
    process; the previous handlers come back on exit. Elsewhere (a worker thread, a notebook's kernel
    thread) it installs nothing and can still be stopped with :meth:`request`."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.count = 0
        self.event = threading.Event()
        self._previous: dict[int, Any] = {}
        self._depth = 0
        self._writes = threading.Lock()
        self.left_behind = False

    @property
    def requested(self) -> bool:
        return self.event.is_set()

    @property
    def urgent(self) -> bool:
        """A second signal: cancel now, without the grace."""
        return self.count > 1

    @property
    def name(self) -> str:
        return SIGNAL_NAMES.get(self.signum or 0, "a signal") if self.signum else ""

    @property
    def exit_code(self) -> int:
        return 128 + int(self.signum or signal.SIGINT)

    def request(self, signum: int = signal.SIGINT) -> None:
        self.signum = self.signum or signum
        self.count += 1
        self.event.set()

    @contextmanager
    def writes(self) -> Iterator[None]:
        """Held by a job while it writes an output (and records it): raises JobLeftBehind, writing
        nothing, once the batch has left the job behind (see :meth:`leave_behind`)."""
        with self._writes:
            if self.left_behind:
                raise JobLeftBehind("the batch stopped waiting for this job; nothing written")
            yield

    def leave_behind(self) -> None:
        """Refuse every later write of the jobs still running; waits for a write in progress to end."""
        with self._writes:
            self.left_behind = True

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.request(signum)

    def __enter__(self) -> StopSignal:
        self._depth += 1  # re-entrant: a command may enter it around a batch that enters it again
        if self._depth == 1 and threading.current_thread() is threading.main_thread():
            for sig in SIGNAL_NAMES:
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._depth -= 1
        if self._depth == 0:
            for sig, handler in self._previous.items():
                signal.signal(sig, handler)
            self._previous.clear()


def run_pool(tasks: Iterable[T], work: Callable[[T], R], *, jobs: int, stop: StopSignal,
             cancel: Callable[[], object], on_result: Callable[[T, R], object] | None = None,
             grace_s: float = GRACE_S, leave_behind_s: float = LEAVE_BEHIND_S) -> tuple[list[tuple[T, R]], list[T]]:
    """Run ``work(task)`` for every task, ``jobs`` at a time (each in a daemon thread), and return
    (done, not done).

    Tasks are started only while there is a free slot, so a stop request starts nothing new; running
    tasks get ``grace_s`` to finish, then ``cancel()`` is called (it must make them return, e.g. by
    killing their kernels), again every half second; a task still running ``leave_behind_s`` after the
    first cancel is left behind: ``stop.leave_behind()`` refuses its later writes and it is returned
    as not done. ``work`` must write its outputs inside ``stop.writes()`` and must not raise (record
    failures in its result; an exception starts nothing more and is raised here once the running
    tasks have ended); ``on_result`` is called on this thread as each task finishes."""
    pending = deque(tasks)
    running: dict[int, T] = {}
    results: queue.SimpleQueue[tuple[int, Any, BaseException | None]] = queue.SimpleQueue()
    keys = itertools.count()
    done: list[tuple[T, R]] = []
    skipped: list[T] = []
    stopped_at: float | None = None
    first_cancel: float | None = None
    cancelled_at: float | None = None
    failure: list[BaseException] = []

    def start(task: T) -> None:
        key = next(keys)

        def body() -> None:
            try:
                results.put((key, work(task), None))
            except BaseException as exc:  # noqa: BLE001 - re-raised on the calling thread
                results.put((key, None, exc))

        running[key] = task
        threading.Thread(target=body, name=f"workbook-job-{key}", daemon=True).start()

    def collect(timeout: float | None) -> None:
        try:
            key, result, exc = results.get(timeout=timeout) if timeout else results.get_nowait()
        except queue.Empty:
            return
        task = running.pop(key)
        if exc is not None:  # start nothing more, let the running ones end, then raise it
            failure.append(exc)
            pending.clear()
            return
        done.append((task, result))
        if on_result is not None:
            on_result(task, result)

    while pending or running:
        if stop.requested and stopped_at is None:
            stopped_at = time.monotonic()
            skipped.extend(pending)
            pending.clear()
        while pending and len(running) < jobs:
            start(pending.popleft())
        collect(0.1)
        now = time.monotonic()
        if stopped_at is None or not running:
            continue
        if (stop.urgent or now - stopped_at >= grace_s) and (cancelled_at is None or now - cancelled_at >= 0.5):
            cancel()
            cancelled_at = now
            first_cancel = first_cancel or now
        if first_cancel is not None and now - first_cancel >= leave_behind_s:
            stop.leave_behind()  # from here no job writes: what finished is what is on disk
            while not results.empty():
                collect(None)
            skipped.extend(running.values())
            running.clear()
    if failure:
        raise failure[0]
    return done, skipped
