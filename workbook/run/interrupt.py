"""Stopping a batch cleanly: SIGINT and SIGTERM stop the scheduling, running jobs finish or are cancelled.

Without this, Ctrl-C in a batch was ignored until the end (the thread pool waited for every queued
notebook) and a Ctrl-C to the whole process group killed the PDF browser mid-batch. Now the batch's
helpers (the kernel fork server, the PDF worker, every kernel) run in sessions of their own, so a
terminal's Ctrl-C reaches only the batch process, and :class:`StopSignal` turns the signal into a
request: :func:`run_pool` starts no new job, gives the running ones a short grace, then cancels them
(their kernels are killed, which ends their papermill run within a second), and returns what was done.
The batch then writes its manifest and exits 130 (SIGINT) or 143 (SIGTERM). A second signal cancels
at once.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from types import FrameType, TracebackType
from typing import Any, TypeVar

__all__ = ["StopSignal", "run_pool", "GRACE_S", "SIGNAL_NAMES"]

T = TypeVar("T")
R = TypeVar("R")

GRACE_S = 2.5  # a running job may finish this long after the signal; then it is cancelled (all within 5 s)
SIGNAL_NAMES: dict[int, str] = {int(signal.SIGINT): "SIGINT", int(signal.SIGTERM): "SIGTERM"}


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
             grace_s: float = GRACE_S) -> tuple[list[tuple[T, R]], list[T]]:
    """Run ``work(task)`` for every task, ``jobs`` at a time, and return (done, not done).

    Tasks are submitted only while there is a free worker, so a stop request starts nothing new;
    running tasks get ``grace_s`` to finish, then ``cancel()`` is called (it must make them return,
    e.g. by killing their kernels) and they are waited for. ``work`` must not raise (record failures
    in its result); ``on_result`` is called on this thread as each task finishes."""
    pending = deque(tasks)
    running: dict[Future[R], T] = {}
    done: list[tuple[T, R]] = []
    skipped: list[T] = []
    stopped_at: float | None = None
    cancelled_at: float | None = None
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="workbook-job")
    try:
        while pending or running:
            if stop.requested and stopped_at is None:
                stopped_at = time.monotonic()
                skipped.extend(pending)
                pending.clear()
            while pending and len(running) < jobs:
                task = pending.popleft()
                running[pool.submit(work, task)] = task
            finished, _ = wait(list(running), timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                task = running.pop(future)
                result = future.result()
                done.append((task, result))
                if on_result is not None:
                    on_result(task, result)
            now = time.monotonic()
            if stopped_at is not None and running and (stop.urgent or now - stopped_at >= grace_s) and \
                    (cancelled_at is None or now - cancelled_at >= 1.0):  # again each second until they return
                cancel()
                cancelled_at = now
    finally:
        pool.shutdown(wait=not stop.requested, cancel_futures=True)
    return done, skipped
