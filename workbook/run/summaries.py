"""Quarter-end batch: one shareable summary per report plus a team overview, as notebooks and PDFs.

:func:`make_summaries` runs ``notebooks/quarterly_summary.ipynb`` with papermill once per person and
``notebooks/team_overview.ipynb`` once, on ``jobs`` worker threads, then prints every finished notebook
to PDF through one kept-open Chromium (:class:`workbook.render.pdf.PdfPrinter`). It writes ``<out_dir>/<quarter>/<person>.ipynb`` and ``.pdf``, ``team_overview.ipynb`` and
``.pdf`` and ``manifest.json``, each atomically. A failing person does not stop the others: their
executed notebook is kept (with the error in it), no PDF is made, and the manifest says why.

An output is up to date, and skipped unless ``force``, when the manifest already records it made
from the same inputs: a hash of the person's data (``Store.export_person`` without its timestamp), their
ladder file, the notebook file, the quarter, the as-of date and the workbook version.

Speed: every notebook gets its own kernel and papermill run, but kernels are forked from one
pre-warmed process (:mod:`workbook.run.kernels`); ``WORKBOOK_FORK_KERNELS=0`` (or ``fast_kernels=False``)
launches them the ordinary way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import ExportError, InputError, NotFound
from ..core.paths import NOTEBOOKS_DIR
from ..core.version import __version__
from .kernels import KernelForkServer, fork_kernel_manager_class, want_fork_server

if TYPE_CHECKING:
    from ..render.pdf import PdfPrinter

__all__ = [
    "SUMMARY_NOTEBOOK",
    "TEAM_NOTEBOOK",
    "TEAM_ITEM",
    "Item",
    "Manifest",
    "make_summaries",
    "input_hashes",
    "read_manifest",
]

SUMMARY_NOTEBOOK = NOTEBOOKS_DIR / "quarterly_summary.ipynb"
TEAM_NOTEBOOK = NOTEBOOKS_DIR / "team_overview.ipynb"
TEAM_ITEM = "team_overview"
MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
DEFAULT_QUIET_WEEKS = 6
EXECUTION_TIMEOUT_S = 300


# --------------------------------------------------------------------------------------------------
# Manifest


@dataclass
class Item:
    """One output of a batch: a person's summary, or the team overview (``kind="team"``)."""

    name: str
    kind: str = "person"
    person: str | None = None
    status: str = "pending"  # ok, failed or skipped
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    ename: str | None = None
    evalue: str | None = None
    input_hash: str = ""
    pdf: bool = False
    finished: str | None = None

    @property
    def failure_line(self) -> str:
        """``person: ename: evalue`` on one line."""
        evalue = " ".join(str(self.evalue or "").split())
        return f"{self.name}: {self.ename or 'Error'}: {evalue}"


@dataclass
class Manifest:
    """What a batch made: per item its files, seconds, status and error, plus where it came from."""

    quarter: str
    database: str
    out_dir: str
    started: str = ""
    finished: str = ""
    seconds: float = 0.0
    as_of: str = ""
    pdf: bool = True
    jobs: int = 2
    versions: dict[str, str] = field(default_factory=dict)
    notebooks: dict[str, str] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    version: int = MANIFEST_VERSION

    @property
    def path(self) -> Path:
        return Path(self.out_dir) / MANIFEST_NAME

    def item(self, name: str) -> Item | None:
        return next((i for i in self.items if i.name == name), None)

    @property
    def failed(self) -> list[Item]:
        return [i for i in self.items if i.status == "failed"]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in self.items:
            out[i.status] = out.get(i.status, 0) + 1
        return out

    def summary_line(self) -> str:
        """e.g. ``summaries 2026Q4: 5 made, 2 skipped, 1 failed in 4.1 s -> outputs/2026Q4``."""
        c = self.counts()
        parts = [f"{c.get('ok', 0)} made", f"{c.get('skipped', 0)} skipped (up to date)"]
        if c.get("failed"):
            parts.append(f"{c['failed']} failed")
        return f"summaries {self.quarter}: {', '.join(parts)} in {self.seconds:.1f} s -> {self.out_dir}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        items = [Item(**{k: v for k, v in i.items() if k in Item.__dataclass_fields__}) for i in data.get("items", [])]
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "items"}
        return cls(**fields, items=items)


def read_manifest(out_dir: str | os.PathLike[str]) -> Manifest | None:
    """The manifest in ``out_dir`` (the quarter's folder), or None when absent or unreadable."""
    path = Path(out_dir) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != MANIFEST_VERSION:
            return None
        return Manifest.from_dict(data)
    except (OSError, ValueError, TypeError):
        return None


def _write_manifest(manifest: Manifest) -> None:
    from ..core.fileio import write_text_atomic

    items = sorted(manifest.items, key=lambda i: (i.kind != "team", i.name))
    manifest.items = items
    write_text_atomic(manifest.path, json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------------------------------
# Input hashes


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _ladder_hash(ladder: str) -> str:
    from ..coaching.ladders import resolve_ladder_path
    from ..core.errors import LadderError

    if not ladder.strip():
        return "none"
    try:
        return _sha256_file(resolve_ladder_path(ladder))
    except (LadderError, OSError):
        return f"unreadable:{ladder}"


def input_hashes(store: Any, people: Iterable[str], quarter: str, as_of: str, *,
                 quiet_weeks: int = DEFAULT_QUIET_WEEKS, source: str = "") -> dict[str, str]:
    """Per person (and ``TEAM_ITEM``), a SHA-256 of everything their document is made from: their
    data (``export_person`` minus ``exported_at``), their ladder file, the notebook, the quarter, the
    as-of date, the workbook version and ``source`` (the database path the document names). The
    team's hash covers every person in the workbook."""
    common = {"quarter": quarter, "as_of": as_of, "version": __version__, "source": source}
    nb_hash = _sha256_file(SUMMARY_NOTEBOOK)
    out: dict[str, str] = {}
    everyone: dict[str, str] = {}
    wanted = set(people)
    for person in store.people(include_archived=True):  # an archived person's summary is made when asked for
        if person.archived and person.id not in wanted:
            continue
        data = store.export_person(person.id)
        data.pop("exported_at", None)
        blob = json.dumps({"data": data, "ladder": _ladder_hash(person.ladder), "notebook": nb_hash, **common},
                          sort_keys=True, ensure_ascii=False, default=str)
        digest = hashlib.sha256(blob.encode()).hexdigest()
        if not person.archived:  # the team overview shows the team: archived people (leavers) are not in it
            everyone[person.id] = digest
        if person.id in wanted:
            out[person.id] = digest
    limits = {k: getattr(store.limits(), k) for k in store.limits().KEYS}
    team_blob = json.dumps({"people": everyone, "limits": limits, "quiet_weeks": quiet_weeks,
                            "notebook": _sha256_file(TEAM_NOTEBOOK), **common}, sort_keys=True, default=str)
    out[TEAM_ITEM] = hashlib.sha256(team_blob.encode()).hexdigest()
    return out


# --------------------------------------------------------------------------------------------------
# papermill into memory (the file is then written atomically)


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


# --------------------------------------------------------------------------------------------------
# The batch


@dataclass
class _Job:
    item: Item
    notebook: Path
    parameters: dict[str, Any]
    title: str
    provenance: dict[str, str]


def make_summaries(
    db: str | os.PathLike[str],
    quarter: str,
    people: Iterable[str] | None = None,
    jobs: int = 2,
    pdf: bool = True,
    out_dir: str | os.PathLike[str] = "outputs",
    force: bool = False,
    as_of: str | dt.date | None = None,
    progress: bool = True,
    *,
    quiet_weeks: int = DEFAULT_QUIET_WEEKS,
    team: bool = True,
    include_archived: bool = False,
    fast_kernels: bool | None = None,
) -> Manifest:
    """Make the quarter's summaries (``people`` default: everyone but archived people, unless
    ``include_archived``) and the team overview (of the people not archived).

    Writes ``<out_dir>/<quarter>/<person>.ipynb|.pdf``, ``team_overview.ipynb|.pdf`` and
    ``manifest.json``. Returns the manifest; a person who failed is in ``manifest.failed`` (their
    notebook kept, no PDF) and does not stop the others. Raises InputError for a malformed quarter,
    date or a missing database, NotFound for an unknown person; never raises for one person's failure.
    """
    from ..core.model import check_quarter, check_slug
    from ..store import Store

    started_wall = dt.datetime.now().astimezone()
    t0 = time.perf_counter()
    try:
        q = check_quarter(quarter)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    day = _as_of(as_of)
    db_path = Path(db).expanduser().resolve()
    if not db_path.is_file():
        raise InputError(f"workbook {db_path} does not exist; give --db an existing workbook file")
    if jobs < 1:
        raise InputError(f"--jobs {jobs} must be at least 1")
    target = Path(out_dir).resolve() / q
    server = KernelForkServer() if want_fork_server(fast_kernels) else None  # imports while we prepare
    try:
        with Store(db_path) as store:
            known = [p.id for p in store.people(include_archived=True)]
            wanted = list(dict.fromkeys(people)) if people else [p.id for p in store.people(include_archived=include_archived)]
            if team and TEAM_ITEM in wanted:
                raise InputError(f"person id {TEAM_ITEM!r} clashes with the team overview's files; rename that person")
            for pid in wanted:
                try:
                    check_slug(pid)
                except ValueError as exc:
                    raise InputError(str(exc)) from None
                if pid not in known:
                    raise NotFound(f"unknown person {pid!r} in {db_path} (known: {', '.join(known[:12]) or 'none'})")
            hashes = input_hashes(store, wanted, q, day.isoformat(), quiet_weeks=quiet_weeks, source=str(db_path))
            persons = {p.id: p for p in store.people(include_archived=True) if p.id in wanted}
            everyone = store.people()
        target.mkdir(parents=True, exist_ok=True)
        previous = read_manifest(target)
        manifest = Manifest(quarter=q, database=str(db_path), out_dir=str(target), started=_stamp(started_wall),
                            as_of=day.isoformat(), pdf=pdf, jobs=jobs, versions=_versions(__version__),
                            notebooks={"summary": f"{SUMMARY_NOTEBOOK.name} sha256 {_sha256_file(SUMMARY_NOTEBOOK)}",
                                       "team": f"{TEAM_NOTEBOOK.name} sha256 {_sha256_file(TEAM_NOTEBOOK)}"})
        run_names = ([TEAM_ITEM] if team else []) + wanted
        if previous is not None:  # keep what earlier runs made for people not in this run
            manifest.items = [i for i in previous.items if i.name not in run_names]

        from ..render.summary import summary_provenance, summary_title
        from ..render.team_overview import team_title

        todo: list[_Job] = []
        for name in run_names:
            is_team = name == TEAM_ITEM
            item = Item(name=name, kind="team" if is_team else "person", person=None if is_team else name,
                        input_hash=hashes[name], pdf=pdf)
            old = previous.item(name) if previous else None
            if not force and _up_to_date(old, item, target):
                assert old is not None
                item.status, item.files, item.seconds, item.finished = "skipped", old.files, 0.0, old.finished
                manifest.items.append(item)
                continue
            if is_team:
                params = {"quarter": q, "db": str(db_path), "as_of": day.isoformat(), "quiet_weeks": quiet_weeks}
                prov = summary_provenance(db_path, q, people=everyone, as_of=day, notebook=TEAM_NOTEBOOK,
                                          run_at=started_wall)
                todo.append(_Job(item, TEAM_NOTEBOOK, params, team_title(q), prov))
            else:
                params = {"person": name, "quarter": q, "db": str(db_path), "as_of": day.isoformat()}
                prov = summary_provenance(db_path, q, person=persons[name], as_of=day, notebook=SUMMARY_NOTEBOOK,
                                          run_at=started_wall)
                todo.append(_Job(item, SUMMARY_NOTEBOOK, params, summary_title(persons[name], q), prov))
            manifest.items.append(item)

        _run_jobs(todo, target, jobs=jobs, pdf=pdf, progress=progress, total=len(run_names), server=server,
                  desc=f"summaries {q}")
    finally:
        if server is not None:
            server.close()
    manifest.finished = _stamp(dt.datetime.now().astimezone())
    manifest.seconds = round(time.perf_counter() - t0, 3)
    _write_manifest(manifest)
    return manifest


def _run_jobs(todo: list[_Job], target: Path, *, jobs: int, pdf: bool, progress: bool, total: int,
              server: KernelForkServer | None, desc: str) -> None:
    from tqdm import tqdm

    bar = tqdm(total=total, initial=total - len(todo), desc=desc, unit="doc", file=sys.stderr,
               disable=not progress, leave=True, dynamic_ncols=True)
    if not todo:
        bar.close()
        return
    from ..render.pdf import PdfPrinter

    printer = PdfPrinter() if pdf else None
    if printer is not None:
        printer.start()  # the browser starts while the first kernels run
    km_class = fork_kernel_manager_class(server) if server is not None else None
    try:
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="workbook-summary") as pool:
            futures = [pool.submit(_run_one, job, target, printer, km_class) for job in todo]
            for future in as_completed(futures):
                future.result()  # _run_one records its own errors on the item
                bar.update(1)
    finally:
        if printer is not None:
            printer.close()
        bar.close()


def _run_one(job: _Job, target: Path, printer: PdfPrinter | None, km_class: type | None) -> None:
    """Run one notebook and print it; every failure ends up on ``job.item``, nothing is raised."""
    import nbformat

    from ..core.fileio import write_text_atomic
    from ..render.export import notebook_to_html

    item, t0 = job.item, time.perf_counter()
    nb_path, pdf_path = target / f"{item.name}.ipynb", target / f"{item.name}.pdf"
    item.files = []
    try:
        text, error = _execute(job, km_class)
        if text is not None:
            nb = nbformat.reads(text, as_version=4)
            nb.metadata.setdefault("papermill", {})["output_path"] = str(nb_path)
            write_text_atomic(nb_path, nbformat.writes(nb))
            item.files.append(nb_path.name)
        if error is not None:
            raise error
        if printer is not None:
            page = notebook_to_html(nb, exclude_input=True, provenance=job.provenance, title=job.title)
            printer.print_html(page, pdf_path)
            item.files.append(pdf_path.name)
        item.status = "ok"
    except BaseException as exc:  # noqa: BLE001 - one person's failure never stops the batch
        item.status = "failed"
        item.ename = getattr(exc, "ename", None) or type(exc).__name__
        item.evalue = " ".join(str(getattr(exc, "evalue", None) or exc).split())
        item.error = f"{item.ename}: {item.evalue}"
        if pdf_path.exists() and pdf_path.name not in item.files:
            pdf_path.unlink()  # a PDF from an earlier run would contradict this failure
    finally:
        item.seconds = round(time.perf_counter() - t0, 3)
        item.finished = _stamp(dt.datetime.now().astimezone())


def _execute(job: _Job, km_class: type | None) -> tuple[str | None, BaseException | None]:
    """papermill the notebook into memory: (notebook text or None, the error or None)."""
    import papermill as pm

    memory = _memory_io()
    key = f"{_MemoryIO.SCHEME}{job.item.name}-{id(job)}.ipynb"
    extra: dict[str, Any] = {"kernel_manager_class": km_class} if km_class is not None else {}
    error: BaseException | None = None
    try:
        # kernel cwd through nbclient's resources: papermill's cwd= would chdir the whole process (all threads)
        pm.execute_notebook(str(job.notebook), key, parameters=job.parameters,
                            resources={"metadata": {"path": str(job.notebook.parent.resolve())}},
                            progress_bar=False, request_save_on_cell_execute=False, log_output=False,
                            execution_timeout=EXECUTION_TIMEOUT_S, kernel_name="python3",
                            shutdown_kernel="immediate", **extra)
    except BaseException as exc:  # noqa: BLE001
        error = exc
    return memory.pop(key), error


def _up_to_date(old: Item | None, new: Item, target: Path) -> bool:
    if old is None or old.status not in ("ok", "skipped") or old.input_hash != new.input_hash:
        return False
    if new.pdf and not old.pdf:
        return False
    return all((target / f).is_file() for f in old.files) and bool(old.files)


def _as_of(value: str | dt.date | None) -> dt.date:
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"--as-of {value!r} is not a date like 2026-12-18") from None


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _versions(workbook_version: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"workbook": workbook_version, "python": sys.version.split()[0]}
    for name in ("papermill", "nbclient", "nbconvert", "ipykernel", "pandas", "matplotlib", "playwright"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    try:
        from ..render.browser import find_chromium

        out["chromium"] = find_chromium() or "playwright's chromium"
    except ExportError as exc:
        out["chromium"] = f"none ({exc})"
    return out


# --------------------------------------------------------------------------------------------------
# The demo


def failure_message(manifest: Manifest) -> str:
    """One line naming who failed and why, e.g. ``1 of 7 summaries failed: priya: LadderError: ...``."""
    failed = manifest.failed
    return (f"{len(failed)} of {len(manifest.items)} summaries failed: "
            + "; ".join(i.failure_line for i in failed))
