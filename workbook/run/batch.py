"""Papermill runs: one stage notebook for one person, or many stages for many people in parallel.

Runs happen inside this process (papermill is imported once, about 1.5 s) with a small thread pool;
every run starts its own kernel, over the IPC transport where the platform has it (no unencrypted
TCP ports, and no "Kernel is running over TCP without encryption" warning). papermill writes the
executed notebook into memory; it is then published in one step (:func:`workbook.run.outputs.publish`:
a private temp file, recorded in the workbook and renamed), so a full disk or a Ctrl-C never leaves a
truncated notebook under a final name. A failed run keeps its notebook (with papermill's error
banner) under the final name and reports the failing cell's exception as one line. SIGINT or SIGTERM
stop the batch within seconds (:mod:`workbook.run.interrupt`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import clock
from ..core.errors import InputError, NotFound, OutputError, WorkbookError
from ..core.fileio import check_outside_checkout, ensure_private_parents, write_text_atomic
from ..core.paths import NOTEBOOKS_DIR, STAGE_NOTEBOOKS
from .interrupt import JobLeftBehind, StopSignal, run_pool
from .kernels import (
    KernelForkServer,
    Transport,
    fork_kernel_manager_class,
    ipc_kernel_manager_class,
    kill_live_kernels,
    want_fork_server,
)
from .outputs import OutputLock, person_dir, publish
from .outputs import stage_output_path as _layout_path

__all__ = [
    "kept_at",
    "STAGES",
    "NOTEBOOKS_DIR",
    "DEFAULT_JOBS",
    "RunResult",
    "stage_notebook",
    "stage_output_path",
    "execute_to_memory",
    "failure_words",
    "run_notebook",
    "run_stage",
    "run_stages",
]


# stage name -> notebook file; every notebook has a `parameters` cell with person, period, db, as_of
STAGES: dict[str, str] = dict(STAGE_NOTEBOOKS)

# Two workers: kernel start-up is CPU bound and more than two barely helps on a 2-core machine.
DEFAULT_JOBS = 2
# The kernel's own log lines (e.g. "KeyboardInterrupt caught in kernel" when jupyter_client interrupts
# it before a shutdown) are noise next to a batch's one line per failure; cell errors still land in
# the output notebook and in RunResult.error.
_KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class RunResult:
    """One notebook run: who, which stage, where the output notebook is, how long it took, and the
    failing cell's exception as one line (``""`` when the run succeeded)."""

    person: str
    stage: str
    output: Path
    seconds: float
    error: str = ""
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


def stage_notebook(stage: str | os.PathLike[str]) -> Path:
    """The notebook of a stage name (see STAGES), or ``stage`` itself when it is a path to an ``.ipynb``
    file (a test fixture, a team's own notebook). Raises InputError naming the known stages."""
    if isinstance(stage, str) and stage in STAGES:
        return NOTEBOOKS_DIR / STAGES[stage]
    path = Path(stage)
    if path.suffix == ".ipynb":
        if not path.is_file():
            raise InputError(f"notebook {path} does not exist; give a stage ({', '.join(STAGES)}) or an existing .ipynb")
        return path.resolve()
    raise InputError(f"unknown stage {str(stage)!r}; known stages: {', '.join(STAGES)}")


def _stage_name(stage: str | os.PathLike[str]) -> str:
    return stage if isinstance(stage, str) and stage in STAGES else Path(stage).stem


def stage_output_path(stage: str | os.PathLike[str], person: str, period: str, out_dir: str | os.PathLike[str],
                      as_of: str = "") -> Path:
    """Where a run's output notebook goes: ``out_dir/<person>/<notebook stem>-<period>.ipynb``, with the
    period normalised first (``2026q4`` -> ``2026Q4``; empty -> the quarter of ``as_of``), so two people
    or two spellings can never share a file (see :mod:`workbook.run.outputs`)."""
    return _layout_path(out_dir, person, stage_notebook(stage).stem, canonical_period(period, as_of))


def _one_line(text: Any, limit: int = 400) -> str:
    line = " ".join(_ANSI.sub("", str(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _workbook_error_names() -> set[str]:
    found: set[str] = set()
    todo: list[type] = [WorkbookError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo += cls.__subclasses__()
    return found


def failure_words(ename: str | None, evalue: str) -> str:
    """What a failing cell said, for a person: the workbook's own errors (LadderError, InputError ...) are
    sentences that name the object and the fix, so their class name is left out; any other error keeps it
    (``ValueError: ...``), since that one is a fault to report."""
    if ename and evalue and ename in _workbook_error_names():
        return evalue
    return f"{ename or 'Error'}: {evalue}" if evalue else (ename or "Error")


def _error_line(exc: BaseException) -> str:
    """What the failing cell said (papermill's PapermillExecutionError, :func:`failure_words`), else the exception."""
    ename = getattr(exc, "ename", None)
    if ename is not None:
        return _one_line(failure_words(ename, str(getattr(exc, "evalue", "") or "")))
    if isinstance(exc, WorkbookError):
        return _one_line(str(exc))
    return _one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)


# --------------------------------------------------------------------------------------------------
# papermill into memory


class _MemoryIO:
    """A papermill I/O handler for ``workbook-memory://`` paths: keeps the written notebook text."""

    SCHEME = "workbook-memory://"

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._lock = threading.Lock()

    def read(self, path: str) -> str:
        with self._lock:
            return self._texts[path]

    def write(self, buf: str, path: str) -> None:
        with self._lock:
            self._texts[path] = buf

    def pop(self, path: str) -> str | None:
        with self._lock:
            return self._texts.pop(path, None)

    def listdir(self, path: str) -> list[str]:
        return []

    def pretty_path(self, path: str) -> str:
        return path


_MEMORY_IO: _MemoryIO | None = None
_MEMORY_LOCK = threading.Lock()


def _memory_io() -> _MemoryIO:
    global _MEMORY_IO
    with _MEMORY_LOCK:
        if _MEMORY_IO is None:
            from papermill.iorw import papermill_io

            _MEMORY_IO = _MemoryIO()
            papermill_io.register(_MemoryIO.SCHEME, _MEMORY_IO)
        return _MEMORY_IO


def execute_to_memory(notebook: Path, parameters: dict[str, Any], *, cwd: Path | None = None, timeout: int = 300,
                      kernel_manager_class: type | None = None, progress: bool = False,
                      shutdown_kernel: str = "graceful") -> tuple[str | None, BaseException | None]:
    """Run ``notebook`` with papermill (only ids and paths as parameters, never note text) and keep the
    executed notebook in memory: (its text or None, the error or None). Nothing touches the disk."""
    import papermill as pm

    memory = _memory_io()
    key = f"{_MemoryIO.SCHEME}{uuid.uuid4().hex}.ipynb"
    extra: dict[str, Any] = {"extra_arguments": _KERNEL_ARGS}
    if kernel_manager_class is not None:
        extra["kernel_manager_class"] = kernel_manager_class
    error: BaseException | None = None
    try:
        # The kernel's working folder goes through nbclient's resources, not papermill's cwd=: that one
        # chdirs the whole process, which breaks every relative path of the other threads of a batch.
        pm.execute_notebook(str(notebook), key, parameters=parameters,
                            resources={"metadata": {"path": str(Path(cwd or notebook.parent).resolve())}},
                            progress_bar=progress, request_save_on_cell_execute=False, execution_timeout=timeout,
                            kernel_name="python3", log_output=False, shutdown_kernel=shutdown_kernel, **extra)
    except BaseException as exc:  # noqa: BLE001 - handed back to the caller
        error = exc
    return memory.pop(key), error


def _with_output_path(text: str, out: Path) -> str:
    import nbformat

    nb = nbformat.reads(text, as_version=4)
    nb.metadata.setdefault("papermill", {})["output_path"] = str(out)
    return nbformat.writes(nb)


def run_notebook(notebook: Path, out: Path, parameters: dict[str, Any], *, timeout: int = 300,
                 cwd: Path | None = None, progress: bool = False, transport: Transport = "ipc",
                 kernel_manager_class: type | None = None) -> Path:
    """Execute ``notebook`` with papermill into the file ``out`` (written atomically, 0600 when new).

    On failure the executed notebook (with papermill's error banner) is kept under ``out`` and the
    exception re-raised (papermill's PapermillExecutionError carries ``ename`` and ``evalue`` of the
    failing cell). ``kernel_manager_class`` (e.g. from :func:`workbook.run.kernels.fork_kernel_manager_class`)
    replaces the ``transport`` choice. For a person's stage notebook, prefer :func:`run_stages`, which
    puts it in the person's folder and records it in the workbook."""
    out = Path(out).resolve()
    text, error = execute_to_memory(Path(notebook), parameters, cwd=cwd, timeout=timeout, progress=progress,
                                    kernel_manager_class=kernel_manager_class or ipc_kernel_manager_class(transport))
    if text is not None:
        write_text_atomic(out, _with_output_path(text, out))
    elif error is not None:
        out.unlink(missing_ok=True)  # never leave an older run's output posing as this one
    if error is not None:
        raise error
    return out


def _parameters(person: str, period: str, db: Path | str, as_of: str) -> dict[str, str]:
    return {"person": person, "period": period, "db": str(db), "as_of": as_of}


def canonical_period(period: str, as_of: str) -> str:
    """Refuse a malformed period or day before any kernel starts; return the period's canonical form
    (the one used in parameters and file names)."""
    from ..core.dates import check_period

    day = None
    if as_of:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise InputError(f"--as-of {as_of!r} is not a date like 2026-12-18") from None
    try:
        return check_period(period, day)
    except ValueError as exc:
        raise InputError(f"--period: {exc}; or give a year like 2026, or nothing for the quarter of --as-of") from None


def kept_at(output: os.PathLike[str] | str | None) -> str:
    """" (notebook kept at PATH)" after a failed run's error when the failed notebook is on disk (to read where it
    stopped), else nothing: a run refused before it wrote (a full disk, a read-only workbook) said it kept a
    notebook nobody could find (found by a helper)."""
    return f" (notebook kept at {output})" if output is not None and os.path.isfile(output) else ""


def run_stage(stage: str, person: str, period: str = "", db: str | os.PathLike[str] = "workbook.db",
              out_dir: str | os.PathLike[str] = "outputs/stages", as_of: str = "") -> Path:
    """Run one stage notebook headless for one person; returns the output notebook in ``out_dir``.
    Raises InputError (unknown stage, unsafe id) or BatchError naming the failing cell's exception."""
    from ..core.errors import BatchError

    result = run_stages([stage], [person], period, db, out_dir, jobs=1, as_of=as_of)[0]
    if not result.ok:
        raise BatchError(f"{result.stage} for {result.person}: {result.error}{kept_at(result.output)}")
    return result.output


def run_stages(stages: Iterable[str | os.PathLike[str]], people: Iterable[str], period: str,
               db: str | os.PathLike[str], out_dir: str | os.PathLike[str], jobs: int = DEFAULT_JOBS,
               as_of: str = "", *, timeout: int = 300, transport: Transport = "ipc",
               fast_kernels: bool | None = None,
               on_result: Callable[[RunResult], object] | None = None,
               stop: StopSignal | None = None) -> list[RunResult]:
    """Run every stage for every person, ``jobs`` at a time, each in its own kernel.

    An empty ``period`` is, for each stage and person, the period its page opens on (the one the due list points
    to: next year's goals from October, next quarter's OKRs in a quarter's last month, a quarter left to close),
    else the quarter of ``as_of``; a given one is used for everyone.

    ``stages`` are stage names (see STAGES) or paths to notebooks. Each output notebook goes to the
    person's folder under ``out_dir`` (:func:`stage_output_path`), is private (0600) and is recorded in
    the workbook, so ``forget`` can remove it. One failing run does not stop the others: its RunResult
    has ``error`` set to the failing cell's ``ename: evalue``. Results come back in the order stages x
    people; ``on_result`` is called as each run finishes. SIGINT/SIGTERM (or ``stop.request()``) start no
    new run and cancel the running ones within seconds; those come back with ``cancelled`` set. Kernels
    are forked from a pre-warmed process unless ``fast_kernels`` is False or ``WORKBOOK_FORK_KERNELS=0``
    (see workbook.run.kernels); with ``transport="tcp"`` they start the ordinary way. Raises InputError
    before any run for an unknown stage, an unsafe person id, a bad period or a missing database,
    NotFound for a person the workbook does not know, and OutputError when another run holds
    ``out_dir``."""
    from ..core.dates import quarter_of, to_date
    from ..stages.dated import started_by
    from ..store import Store

    stage_list = list(stages)
    notebooks = [stage_notebook(s) for s in stage_list]
    people = list(people)
    from .outputs import checked_person

    for p in people:
        checked_person(p)
    canonical = canonical_period(period, as_of)
    from ..store.backend import is_url

    db_path: Path | str = str(db) if is_url(str(db)) else Path(db).resolve()
    if isinstance(db_path, Path) and not db_path.is_file():
        raise InputError(f"workbook {db_path} does not exist; create it (`workbook init`, `workbook import FILE` "
                         "or `workbook demo`) or give --db another file")
    if isinstance(db_path, Path):
        from ..store.faults import check_not_locked

        check_not_locked(db_path)  # one line in seconds, not every notebook waiting out the lock in turn
    out_root = Path(out_dir).resolve()
    check_outside_checkout(out_root)  # stage notebooks hold career notes: never where git could pick them up
    tasks = [(stage, nb, person) for stage, nb in zip(stage_list, notebooks, strict=True) for person in people]
    with Store(db_path, create=False) as store:
        for p in people:
            who = store.person(p)  # NotFound names the known ids, before any kernel starts
            if not started_by(who, canonical):
                started = to_date(who.started)
                assert started is not None  # joined_by is True without a start date
                raise InputError(f"{p}: {who.name} started on {started}, after {canonical}; there is nothing of "
                                 f"theirs to run for it: give --period {quarter_of(started)} or later")
        day = dt.date.fromisoformat(as_of) if as_of else clock.today()  # canonical_period checked it
        periods = {id(task): canonical if str(period).strip() else _period_to_open(store, task, day, canonical)
                   for task in tasks}
        if store.is_postgres:
            db_path = store.db  # never a password in a notebook's parameters (papermill copies them into it)
        if not tasks:
            return []
        with OutputLock(_lock_root(out_root), "workbook run"), (stop or StopSignal()) as stopper:
            for p in people:
                person_dir(out_root, p)  # 0700, never through a symlink
            server = KernelForkServer() if transport == "ipc" and want_fork_server(fast_kernels) else None
            km_class = fork_kernel_manager_class(server) if server is not None else ipc_kernel_manager_class(transport)
            try:
                def run_one(task: tuple[str | os.PathLike[str], Path, str]) -> RunResult:
                    return _run_one(store, task, periods[id(task)], db_path, as_of, out_root, timeout, km_class,
                                    stopper)

                done, skipped = run_pool(tasks, run_one, jobs=max(1, min(jobs, len(tasks))), stop=stopper,
                                         cancel=kill_live_kernels,
                                         on_result=(lambda _t, r: on_result(r)) if on_result else None)
            finally:
                if server is not None:
                    server.close()
    by_task = {id(task): result for task, result in done}
    results = []
    for task in tasks:
        if id(task) in by_task:
            results.append(by_task[id(task)])
        else:
            stage, nb, person = task
            results.append(RunResult(person=person, stage=_stage_name(stage), output=_layout_path(
                out_root, person, nb.stem, periods[id(task)]), seconds=0.0, error=f"cancelled ({stopper.name})",
                cancelled=True))
    return results


def _period_to_open(store: Any, task: tuple[str | os.PathLike[str], Path, str], day: dt.date, canonical: str) -> str:
    """The period a stage run without --period looks at: the one its page opens on in JupyterLab and the app
    (:func:`workbook.stages.due.period_to_open`: next year's goals from October, next quarter's OKRs in a
    quarter's last month, a quarter left to close), else ``canonical`` (the quarter of the day). A notebook
    that is not a stage (a path) keeps ``canonical``."""
    from ..core.dates import check_period
    from ..stages.due import period_to_open

    stage, _nb, person = task
    if str(stage) not in STAGES:
        return canonical
    wanted = period_to_open(store, str(stage), person, day)
    return check_period(wanted) if wanted else canonical


def _lock_root(out_root: Path) -> Path:
    ensure_private_parents(out_root / "x")  # outputs/ too (mkdir(parents=True) made it 0755), not only its last folder
    return out_root


def _run_one(store: Any, task: tuple[str | os.PathLike[str], Path, str], period: str, db_path: Path | str, as_of: str,
             out_root: Path, timeout: int, km_class: type | None, stop: StopSignal) -> RunResult:
    """One run: execute into memory, then publish the notebook (recorded, 0600), kept even when a cell
    failed. A run cut short by a stop request is cancelled: nothing is written."""
    stage, nb, person = task
    out = _layout_path(out_root, person, nb.stem, period)
    started = time.perf_counter()
    text, exc = execute_to_memory(nb, _parameters(person, period, db_path, as_of), cwd=nb.parent, timeout=timeout,
                                  kernel_manager_class=km_class)
    seconds = round(time.perf_counter() - started, 2)
    name = _stage_name(stage)
    if stop.requested and (exc is not None or text is None):
        return RunResult(person=person, stage=name, output=out, seconds=seconds, error=f"cancelled ({stop.name})",
                         cancelled=True)
    error = _error_line(exc) if exc is not None else ""
    if text is not None:
        try:
            with stop.writes():  # refused once the batch has left this run behind
                publish(store, [(out, _with_output_path(text, out).encode("utf-8"))], kind="stage", about=[person],
                        period=period)
        except JobLeftBehind:
            return RunResult(person=person, stage=name, output=out, seconds=seconds, error=f"cancelled ({stop.name})",
                             cancelled=True)
        except (OutputError, NotFound, WorkbookError) as failure:
            error = error or _error_line(failure)
            if isinstance(failure, NotFound):
                error = f"not kept: {failure}"
    elif not error:
        error = "papermill returned no notebook"
    return RunResult(person=person, stage=name, output=out, seconds=seconds, error=error)
