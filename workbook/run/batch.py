"""Papermill runs: one stage notebook for one person, or many stages for many people in parallel.

Runs happen inside this process (papermill is imported once, about 1.5 s) with a small thread pool;
every run starts its own kernel, over the IPC transport where the platform has it (no unencrypted
TCP ports, and no "Kernel is running over TCP without encryption" warning). A run writes into a
temporary notebook in the output folder and renames it at the end, so a reader never sees a half
written output; a failed run keeps its notebook (with papermill's error banner) under the final
name and reports the failing cell's exception as one line.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.paths import NOTEBOOKS_DIR, STAGE_NOTEBOOKS
from .kernels import (
    KernelForkServer,
    Transport,
    fork_kernel_manager_class,
    ipc_kernel_manager_class,
    want_fork_server,
)

__all__ = [
    "STAGES",
    "NOTEBOOKS_DIR",
    "DEFAULT_JOBS",
    "RunResult",
    "stage_notebook",
    "stage_output_path",
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


def stage_output_path(stage: str | os.PathLike[str], person: str, period: str, out_dir: str | os.PathLike[str]) -> Path:
    """Where a run's output notebook goes: ``out_dir/<notebook stem>-<person>[-<period>].ipynb``."""
    nb = stage_notebook(stage)
    return Path(out_dir) / f"{nb.stem}-{person}{('-' + period) if period else ''}.ipynb"


def _one_line(text: Any, limit: int = 400) -> str:
    line = " ".join(_ANSI.sub("", str(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _error_line(exc: BaseException) -> str:
    """``ename: evalue`` of the failing cell (papermill's PapermillExecutionError), else the exception."""
    ename = getattr(exc, "ename", None)
    if ename is not None:
        evalue = getattr(exc, "evalue", "")
        return _one_line(f"{ename}: {evalue}" if evalue else ename)
    return _one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)


def run_notebook(notebook: Path, out: Path, parameters: dict[str, Any], *, timeout: int = 300,
                 cwd: Path | None = None, progress: bool = False, transport: Transport = "ipc",
                 kernel_manager_class: type | None = None) -> Path:
    """Execute ``notebook`` with papermill into ``out`` (only ids and paths as parameters, never note text).

    The run writes into a temporary file next to ``out`` and renames it at the end; on failure the
    partial notebook (with papermill's error banner) is kept under ``out`` and the exception re-raised
    (papermill's PapermillExecutionError carries ``ename`` and ``evalue`` of the failing cell).
    ``kernel_manager_class`` (e.g. from :func:`workbook.run.kernels.fork_kernel_manager_class`) replaces the
    ``transport`` choice."""
    import papermill as pm

    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.stem}.{uuid.uuid4().hex[:8]}.partial.ipynb"
    extra: dict[str, Any] = {"extra_arguments": _KERNEL_ARGS}
    km_class = kernel_manager_class or ipc_kernel_manager_class(transport)
    if km_class is not None:
        extra["kernel_manager_class"] = km_class
    try:
        # The kernel's working folder goes through nbclient's resources, not papermill's cwd=: that one
        # chdirs the whole process, which breaks every relative path of the other threads of a batch.
        pm.execute_notebook(str(notebook), str(tmp), parameters=parameters,
                            resources={"metadata": {"path": str(Path(cwd or notebook.parent).resolve())}},
                            progress_bar=progress, request_save_on_cell_execute=False, execution_timeout=timeout,
                            kernel_name="python3", log_output=False, **extra)
    except BaseException:
        if tmp.exists():
            os.replace(tmp, out)  # the failed notebook, with the traceback, under its final name
        else:
            out.unlink(missing_ok=True)  # never leave an older run's output posing as this one
        raise
    os.replace(tmp, out)
    return out


def _parameters(person: str, period: str, db: Path | str, as_of: str) -> dict[str, str]:
    return {"person": person, "period": period, "db": str(db), "as_of": as_of}


def run_stage(stage: str, person: str, period: str = "", db: str | os.PathLike[str] = "workbook.db",
              out_dir: str | os.PathLike[str] = "outputs/stages", as_of: str = "") -> Path:
    """Run one stage notebook headless for one person; returns the output notebook in ``out_dir``.
    Raises InputError (unknown stage, unsafe id) or papermill's PapermillExecutionError (a cell failed)."""
    from ..core.model import check_slug

    try:
        check_slug(person)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    nb = stage_notebook(stage)
    out = stage_output_path(stage, person, period, out_dir)
    return run_notebook(nb, out, _parameters(person, period, Path(db).resolve(), as_of))


def _check_period(period: str, as_of: str) -> None:
    """Refuse a malformed period or day before any kernel starts (each notebook would fail on it)."""
    import datetime as dt

    from ..core.model import check_quarter

    text = str(period).strip()
    if text and not (text.isdigit() and len(text) == 4):
        try:
            check_quarter(text)
        except ValueError as exc:
            raise InputError(f"--period: {exc}; or give a year like 2026, or nothing for the quarter of --as-of") from None
    if as_of:
        try:
            dt.date.fromisoformat(as_of)
        except ValueError:
            raise InputError(f"--as-of {as_of!r} is not a date like 2026-12-18") from None


def run_stages(stages: Iterable[str | os.PathLike[str]], people: Iterable[str], period: str,
               db: str | os.PathLike[str], out_dir: str | os.PathLike[str], jobs: int = DEFAULT_JOBS,
               as_of: str = "", *, timeout: int = 300, transport: Transport = "ipc",
               fast_kernels: bool | None = None,
               on_result: Callable[[RunResult], object] | None = None) -> list[RunResult]:
    """Run every stage for every person, ``jobs`` at a time, each in its own kernel.

    ``stages`` are stage names (see STAGES) or paths to notebooks. One failing run does not stop the
    others: its RunResult has ``error`` set to the failing cell's ``ename: evalue``. Results come back
    in the order stages x people; ``on_result`` is called as each run finishes. Kernels are forked from
    a pre-warmed process unless ``fast_kernels`` is False or ``WORKBOOK_FORK_KERNELS=0`` (see
    workbook.run.kernels); with ``transport="tcp"`` they start the ordinary way. Raises InputError
    before any run for an unknown stage, an unsafe person id or a missing database, and NotFound for
    a person the workbook does not know."""
    from ..core.model import check_slug
    from ..store import Store

    stage_list = list(stages)
    notebooks = [stage_notebook(s) for s in stage_list]
    people = list(people)
    for p in people:
        try:
            check_slug(p)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    _check_period(period, as_of)
    from ..store.backend import is_url

    db_path: Path | str = str(db) if is_url(str(db)) else Path(db).resolve()
    if isinstance(db_path, Path) and not db_path.is_file():
        raise InputError(f"workbook {db_path} does not exist; build it (`workbook demo` or `workbook import FILE`) "
                         "or give --db another file")
    with Store(db_path) as store:
        for p in people:
            store.person(p)  # NotFound names the known ids, before any kernel starts
        if store.is_postgres:
            db_path = store.db  # never a password in a notebook's parameters (papermill copies them into it)
    out_root = Path(out_dir).resolve()
    tasks = [(stage, nb, person) for stage, nb in zip(stage_list, notebooks, strict=True) for person in people]

    def run_one(task: tuple[str | os.PathLike[str], Path, str]) -> RunResult:
        stage, nb, person = task
        out = stage_output_path(nb, person, period, out_root)
        started = time.perf_counter()
        error = ""
        try:
            run_notebook(nb, out, _parameters(person, period, db_path, as_of), timeout=timeout,
                         cwd=nb.parent, transport=transport, kernel_manager_class=km_class)
        except Exception as exc:  # one failure must not stop the others; it is reported, not raised
            error = _error_line(exc)
        result = RunResult(person=person, stage=_stage_name(stage), output=out,
                           seconds=round(time.perf_counter() - started, 2), error=error)
        if on_result is not None:
            on_result(result)
        return result

    if not tasks:
        return []
    server = KernelForkServer() if transport == "ipc" and want_fork_server(fast_kernels) else None
    km_class = fork_kernel_manager_class(server) if server is not None else None
    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(tasks))), thread_name_prefix="workbook-run")
    try:
        return list(pool.map(run_one, tasks))
    finally:  # on Ctrl-C: let the running notebooks finish (their kernels shut down), start no new ones
        pool.shutdown(wait=True, cancel_futures=True)
        if server is not None:
            server.close()


def generated_files(person: str, out_dir: str | os.PathLike[str] = "outputs") -> list[Path]:
    """Every file the workbook generated about one person under ``out_dir``: stage notebooks
    (``stages/<stage>-<person>[-<period>].ipynb``) and quarterly summaries (``<quarter>/<person>.ipynb|.pdf``).
    Matching is exact, so ``jun`` never matches ``jun-li``'s files."""
    import re

    from ..core.model import check_slug

    check_slug(person)
    root = Path(out_dir)
    stems = "|".join(re.escape(Path(nb).stem) for nb in STAGES.values())
    stage_re = re.compile(rf"^(?:{stems})-{re.escape(person)}(?:-\d{{4}}(?:Q[1-4])?)?\.ipynb$")
    found = [p for p in (root / "stages").glob("*.ipynb") if stage_re.match(p.name)] if (root / "stages").is_dir() else []
    quarter_re = re.compile(r"^\d{4}Q[1-4]$")
    for folder in root.iterdir() if root.is_dir() else []:
        if folder.is_dir() and quarter_re.match(folder.name):
            found += [folder / f"{person}{ext}" for ext in (".ipynb", ".pdf") if (folder / f"{person}{ext}").is_file()]
    return sorted(found)
