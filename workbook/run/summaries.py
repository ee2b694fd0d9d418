"""Quarter-end batch: one shareable summary per report plus a team overview, as notebooks and PDFs.

:func:`make_summaries` runs ``notebooks/quarterly_summary.ipynb`` with papermill once per person and
``notebooks/team_overview.ipynb`` once (when the run is for everyone), on ``jobs`` worker threads, then
prints every finished notebook to PDF through one kept-open Chromium
(:class:`workbook.render.pdf.PdfPrinter`). Files go where :mod:`workbook.run.outputs` says:
``<out_dir>/<quarter>/<person>/<person>-<quarter>.ipynb`` and ``.pdf``, ``team_overview.ipynb`` and ``.pdf``
and ``manifest.json``; each is private (0600), published atomically and recorded in the workbook (so
``forget`` removes it). A failing person does not stop the others: their executed notebook is kept
(with the error in it), no PDF is made, and the manifest says why.

An output is up to date, and skipped unless ``force``, when the manifest already records it made
from the same inputs: a fingerprint of the person's rows, what it prints from other people's rows (the
manager's name), their ladder file's hash, the notebook file,
the quarter, the as-of date, the workbook version and its code (an upgrade can change a summary's
wording without a new version number) and the coaching models' files (a refit changes the suggestions a
summary prints). Only the people in the run are fingerprinted
(the team overview's hash covers everyone, and it is made only by a run for everyone).

One run at a time per quarter folder (:class:`workbook.run.outputs.OutputLock`); SIGINT/SIGTERM stop
the run within seconds and the manifest still records what was made (:mod:`workbook.run.interrupt`).

Speed: every notebook gets its own kernel and papermill run, but kernels are forked from one
pre-warmed process (:mod:`workbook.run.kernels`); ``WORKBOOK_FORK_KERNELS=0`` (or ``fast_kernels=False``)
launches them the ordinary way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import clock
from ..core.dates import check_quarter, quarter_bounds, to_date
from ..core.errors import ExportError, InputError, NotFound, WorkbookError
from ..core.fileio import check_outside_checkout
from ..core.paths import NOTEBOOKS_DIR
from ..core.version import __version__
from ..stages.dated import nobody_to_run, started_by, team_as_of
from ..store.base import unknown_person_hint
from .batch import execute_to_memory, failure_words
from .interrupt import JobLeftBehind, StopSignal, run_pool
from .kernels import KernelForkServer, fork_kernel_manager_class, kill_live_kernels, want_fork_server
from .outputs import (
    MANIFEST_NAME,
    TEAM_ITEM,
    OutputLock,
    outputs_root,
    publish,
    quarter_dir,
    summary_paths,
    team_paths,
)

if TYPE_CHECKING:
    from ..core.model import Person
    from ..render.pdf import PdfPrinter
    from ..store import Store

__all__ = [
    "SUMMARY_NOTEBOOK",
    "TEAM_NOTEBOOK",
    "TEAM_ITEM",
    "Item",
    "Manifest",
    "make_summaries",
    "input_hashes",
    "read_manifest",
    "drop_from_manifests",
]

SUMMARY_NOTEBOOK = NOTEBOOKS_DIR / "quarterly_summary.ipynb"
TEAM_NOTEBOOK = NOTEBOOKS_DIR / "team_overview.ipynb"
MANIFEST_VERSION = 2  # 2: files per person in their own folder, recorded in the workbook
DEFAULT_QUIET_WEEKS: int | None = None  # the workbook's limit (`workbook limits`), read by the overview itself
EXECUTION_TIMEOUT_S = 300


# --------------------------------------------------------------------------------------------------
# Manifest


@dataclass
class Item:
    """One output of a batch: a person's summary, or the team overview (``kind="team"``)."""

    name: str
    kind: str = "person"
    person: str | None = None
    status: str = "pending"  # ok, failed, skipped or cancelled
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
        """``person: evalue`` on one line; ``person: ename: evalue`` for an error that is not the workbook's own
        (see :func:`workbook.run.batch.failure_words`). The person is named once."""
        said = failure_words(self.ename, " ".join(str(self.evalue or "").split()))
        return said if said.startswith(f"{self.name}: ") else f"{self.name}: {said}"


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
    run: list[str] = field(default_factory=list)  # the items this run was asked for (the rest are earlier runs')
    interrupted: str = ""  # the signal that stopped the run (SIGINT, SIGTERM), if one did
    kept: list[str] = field(default_factory=list)  # items of this run listed again as an earlier run made them
    version: int = MANIFEST_VERSION

    @property
    def path(self) -> Path:
        return Path(self.out_dir) / MANIFEST_NAME

    def item(self, name: str) -> Item | None:
        return next((i for i in self.items if i.name == name), None)

    @property
    def this_run(self) -> list[Item]:
        """The items of this run (the manifest also keeps what earlier runs made for other people)."""
        wanted = set(self.run)
        return [i for i in self.items if i.name in wanted] if wanted else list(self.items)

    @property
    def failed(self) -> list[Item]:
        """This run's failures (not an earlier run's, listed again as :attr:`kept` by a run stopped before them)."""
        kept = set(self.kept)
        return [i for i in self.this_run if i.status == "failed" and i.name not in kept]

    def counts(self) -> dict[str, int]:
        """Items of this run by status (ok, skipped, failed, cancelled; ``kept``: made by an earlier run and listed
        again because this run was stopped before it made them anew, named in :attr:`kept`; a time compared to the
        run's start, to the second, counted a run that stopped within its first second wrongly)."""
        out: dict[str, int] = {}
        kept = set(self.kept)
        for i in self.this_run:
            status = "kept" if i.name in kept else i.status
            out[status] = out.get(status, 0) + 1
        return out

    def summary_line(self) -> str:
        """e.g. ``summaries 2026Q4: 5 made, 2 skipped, 1 failed in 4.1 s -> outputs/2026Q4``."""
        c = self.counts()
        parts = [f"{c.get('ok', 0)} made", f"{c.get('skipped', 0)} skipped (up to date)"]
        if c.get("failed"):
            parts.append(f"{c['failed']} failed")
        if c.get("cancelled"):
            parts.append(f"{c['cancelled']} cut short (only the notebook)")
        if c.get("kept"):
            parts.append(f"{c['kept']} kept from an earlier run")
        if self.interrupted:
            parts.append(f"stopped by {self.interrupted} (the rest not made)")
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


def _write_manifest(manifest: Manifest, store: Store | None = None) -> None:
    """Write the manifest atomically. With ``store``, inside a write transaction of the workbook that
    first drops items about people no longer in it (forgotten during the run) and items whose files are
    gone: ``forget`` edits manifests in its own transaction, so the two cannot undo each other."""
    from contextlib import nullcontext

    from ..core.fileio import write_text_atomic

    with store.atomic() if store is not None else nullcontext():
        if store is not None:
            before = list(manifest.items)
            present = set(store.people_by_id([i.person for i in manifest.items if i.person]))
            folder = Path(manifest.out_dir)
            manifest.items = [i for i in manifest.items if (i.person is None or i.person in present)
                              and (i.status not in ("ok", "skipped") or all((folder / f).is_file() for f in i.files))]
            forgotten = {i.person for i in before if i.person} - present
            manifest.run = [n for n in manifest.run if n not in forgotten]  # a forgotten id stays nowhere
        manifest.items = sorted(manifest.items, key=lambda i: (i.kind != "team", i.name))
        write_text_atomic(manifest.path, json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n")


def drop_from_manifests(store: Store, files: Iterable[Path]) -> int:
    """Remove from the manifests next to ``files`` every item that lists one of them (called by
    ``forget`` inside its write transaction, after removing the files); returns how many items went."""
    from ..core.fileio import write_text_atomic

    by_folder: dict[Path, set[Path]] = {}
    for path in files:
        for folder in (path.parent, path.parent.parent):  # a person's folder sits in the quarter's folder
            if (folder / MANIFEST_NAME).is_file():
                by_folder.setdefault(folder, set()).add(path)
    dropped = 0
    for folder, gone in by_folder.items():
        manifest = read_manifest(folder)
        if manifest is None:
            continue
        keep = [i for i in manifest.items if not any((folder / f).resolve() in {g.resolve() for g in gone}
                                                      for f in i.files)]
        if len(keep) != len(manifest.items):
            dropped += len(manifest.items) - len(keep)
            names_gone = {i.name for i in manifest.items} - {i.name for i in keep}
            manifest.run = [n for n in manifest.run if n not in names_gone]  # nor in what the run was asked for
            manifest.items = keep
            write_text_atomic(manifest.path, json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return dropped


# --------------------------------------------------------------------------------------------------
# Input hashes


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


_FILE_HASHES: dict[tuple[str, int, int], str] = {}


def models_hash() -> str:
    """One SHA-256 over the coaching models' files (the checker's weights, the suggester's learnt model): a
    summary shows their verdicts and suggestions, so a refit makes it out of date."""
    from importlib import resources

    from ..coaching import kr_model
    from ..coaching.ladders import concept_model

    digest = hashlib.sha256()
    for module, name in ((kr_model, kr_model.WEIGHTS_FILE), (concept_model, concept_model.MODEL_FILE)):
        try:
            digest.update(resources.files(module.__package__ or "").joinpath(name).read_bytes())
        except (FileNotFoundError, OSError):
            digest.update(b"absent:" + name.encode())
    return digest.hexdigest()


def code_hash(package: Path | None = None) -> str:
    """One SHA-256 over the workbook package's Python sources (``package``: its folder, by default this
    one's): a summary's wording comes from the code, so an upgrade that changes a sentence makes every
    summary out of date even when the version number stayed the same. Caches and compiled files are not
    read; the default package's hash is computed once per process."""
    if package is None:
        return _own_code_hash()
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _own_code_hash() -> str:
    return code_hash(Path(__file__).resolve().parents[1])


def _ladder_hash(ladder: str, folders: Sequence[Path]) -> str:
    """The SHA-256 of a person's ladder file, under the ladder policy (a refused or missing file is
    named by its status, never read); cached per file version, as fifty people share one ladder."""
    from ..coaching.ladders import locate_person_ladder, read_ladder_bytes
    from ..core.errors import LadderError

    if not ladder.strip():
        return "none"
    try:
        path = locate_person_ladder(ladder, folders)
        assert path is not None
        info = path.stat()
        key = (str(path), info.st_mtime_ns, info.st_size)
        if key not in _FILE_HASHES:
            _FILE_HASHES[key] = hashlib.sha256(read_ladder_bytes(path)).hexdigest()
        return _FILE_HASHES[key]
    except (LadderError, OSError) as exc:
        return "refused:" + hashlib.sha256(str(exc).encode()).hexdigest()[:16]


def input_hashes(store: Any, people: Iterable[str], quarter: str, as_of: str, *,
                 quiet_weeks: int | None = DEFAULT_QUIET_WEEKS, source: str = "", team: bool = True) -> dict[str, str]:
    """Per person in ``people`` (and ``TEAM_ITEM`` when ``team``), a SHA-256 of everything their document
    is made from: their rows in the workbook (``Store.fingerprints``), what it prints from others' rows (the
    manager's name: :func:`_others_shown`), their ladder file, the notebook,
    the quarter, the as-of date, the workbook version and code (:func:`code_hash`), the coaching models
    (:func:`models_hash`) and
    ``source`` (the database path the document names). Only those people are read; the team's hash covers everyone."""
    common = {"quarter": quarter, "as_of": as_of, "version": __version__, "source": source, "models": models_hash(),
              "code": code_hash()}
    wanted = list(dict.fromkeys(people))
    folders = store.ladder_folders()
    nb_hash = _sha256_file(SUMMARY_NOTEBOOK)
    prints = store.fingerprints(wanted)
    persons = store.people_by_id(wanted)
    ladders = {p.id: p.ladder for p in persons.values()}
    others = _others_shown(store, list(persons.values()), quarter, as_of)
    out: dict[str, str] = {}
    for pid in wanted:
        blob = json.dumps({"data": prints.get(pid), "ladder": _ladder_hash(ladders.get(pid, ""), folders),
                           "others": others.get(pid), "notebook": nb_hash, **common}, sort_keys=True)
        out[pid] = hashlib.sha256(blob.encode()).hexdigest()
    if team:
        limits = {k: getattr(store.limits(), k) for k in store.limits().KEYS}
        team_blob = json.dumps({"people": store.fingerprints(None), "limits": limits, "quiet_weeks": quiet_weeks,
                                "notebook": _sha256_file(TEAM_NOTEBOOK), **common}, sort_keys=True, default=str)
        out[TEAM_ITEM] = hashlib.sha256(team_blob.encode()).hexdigest()
    return out


def _others_shown(store: Any, persons: list[Person], quarter: str, as_of: str) -> dict[str, dict[str, str]]:
    """Per person, what their summary prints that is stored in someone else's rows (so their own rows'
    fingerprint misses a change to it): the manager's name as :func:`workbook.render.summary.summary_sections`
    says it, for the manager they had on the summary's day (in their title and as the owner of agreed actions).
    One query for the dated changes and one per 500 managers, whatever the team's size."""
    day = min(to_date(as_of) or clock.today(), quarter_bounds(check_quarter(quarter))[1])
    then = team_as_of(store, persons, day)
    managers = store.people_by_id({p.manager for p in then if p.manager})
    return {p.id: {"manager": (managers[p.manager].name if p.manager in managers else p.manager) if p.manager else ""}
            for p in then}


# --------------------------------------------------------------------------------------------------
# The batch


@dataclass
class _Job:
    item: Item
    notebook: Path
    parameters: dict[str, Any]
    title: str
    provenance: dict[str, str]
    paths: tuple[Path, Path]  # notebook, PDF
    about: list[str]




def make_summaries(
    db: str | os.PathLike[str],
    quarter: str,
    people: Iterable[str] | None = None,
    jobs: int = 2,
    pdf: bool = True,
    out_dir: str | os.PathLike[str] | None = None,
    force: bool = False,
    as_of: str | dt.date | None = None,
    progress: bool = True,
    *,
    quiet_weeks: int | None = DEFAULT_QUIET_WEEKS,
    team: bool | None = None,
    include_archived: bool = False,
    fast_kernels: bool | None = None,
    stop: StopSignal | None = None,
) -> Manifest:
    """Make the quarter's summaries (``people`` default: everyone not archived, everyone with
    ``include_archived``) and, for a run of everyone (or when ``team`` is True), the team overview.

    Returns the manifest; a person who failed is in ``manifest.failed`` (their notebook kept, no PDF)
    and does not stop the others. SIGINT/SIGTERM (or ``stop.request()``) end the run within seconds:
    ``manifest.interrupted`` names the signal, the manifest lists what was made. Raises InputError for a
    malformed quarter, date or a missing database, NotFound for an unknown person, OutputError when
    another run holds the quarter's folder; never raises for one person's failure.
    """
    from ..core.model import check_quarter
    from ..store import Store
    from .outputs import checked_person

    started_wall = dt.datetime.now().astimezone()
    t0 = time.perf_counter()
    try:
        q = check_quarter(quarter)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    day = _as_of(as_of)
    from ..store.backend import is_url

    if is_url(str(db)):  # an organisation database: the kernels get its URL without a password (pgpass has it)
        db_ref = str(db)
    else:
        db_path = Path(db).expanduser().resolve()
        if not db_path.is_file():
            raise InputError(f"workbook {db_path} does not exist; give --db an existing workbook file")
        from ..store.faults import check_not_locked

        check_not_locked(db_path)  # one line in seconds, not every summary waiting out the lock in turn
        db_ref = str(db_path)
    if jobs < 1:
        raise InputError(f"--jobs {jobs} must be at least 1")
    with Store(db_ref, create=False) as store:
        db_ref = store.db  # an organisation database's URL without its password (the kernels' pgpass has it)
        asked = list(dict.fromkeys(people)) if people else None
        make_team = team if team is not None else asked is None
        if asked is not None:
            for pid in asked:
                if pid == TEAM_ITEM:
                    raise InputError(f"person id {TEAM_ITEM!r} clashes with the team overview's files; rename that person")
                checked_person(pid)
            found = store.people_by_id(asked)
            missing = [pid for pid in asked if pid not in found]
            if missing:
                hint = unknown_person_hint(missing[0], ((p.id, p.name) for p in store.people())) or "known: none"
                raise NotFound(f"unknown person {missing[0]!r} in {db_ref} ({hint})")
            for pid in asked:
                if not started_by(found[pid], q):
                    raise InputError(f"{pid}: {found[pid].name} started on {found[pid].started}, after {q}; there is "
                                     "no quarter of theirs to summarise, leave them out of --people")
                if not store.allowed("make_files", pid):
                    raise InputError(f"{pid}: only the managers above {found[pid].name} and HR make summaries about "
                                     "them; leave them out of --people")
            wanted = asked
        else:
            everyone = [p for p in store.my_team(below=True, include_archived=include_archived)  # leavers only when asked
                        if started_by(p, q)]  # nobody is summarised for a quarter before they joined
            wanted = [p.id for p in everyone]
            if not wanted:  # a team overview of nobody is no record; say why there is nobody
                why = nobody_to_run(store, q, "summary", include_archived=include_archived)
                raise InputError(why + (" (your own is your manager's to make)" if "reports to you" in why else ""))
            if TEAM_ITEM in wanted:
                raise InputError(f"person id {TEAM_ITEM!r} clashes with the team overview's files; rename that person")
            found = {p.id: p for p in everyone}
        base = Path(out_dir if out_dir is not None else outputs_root(db)).resolve()
        check_outside_checkout(base)  # summaries hold career notes: never where git could pick them up
        target = quarter_dir(base, q)
        with OutputLock(target, "summaries run"), (stop or StopSignal()) as stopper:
            manifest = _run_batch(store, db_ref, q, day, wanted, found, target, make_team=make_team, jobs=jobs,
                                  pdf=pdf, force=force, progress=progress, quiet_weeks=quiet_weeks,
                                  fast_kernels=fast_kernels, stop=stopper, started_wall=started_wall)
            manifest.finished = _stamp(dt.datetime.now().astimezone())
            manifest.seconds = round(time.perf_counter() - t0, 3)
            _write_manifest(manifest, store)
    return manifest


def _run_batch(store: Store, db_ref: str, q: str, day: dt.date, wanted: list[str], persons: dict[str, Any],
               target: Path, *, make_team: bool, jobs: int, pdf: bool, force: bool, progress: bool,
               quiet_weeks: int | None, fast_kernels: bool | None, stop: StopSignal, started_wall: dt.datetime) -> Manifest:
    hashes = input_hashes(store, wanted, q, day.isoformat(), quiet_weeks=quiet_weeks, source=db_ref,
                          team=make_team)
    previous = read_manifest(target)
    manifest = Manifest(quarter=q, database=db_ref, out_dir=str(target), started=_stamp(started_wall),
                        as_of=day.isoformat(), pdf=pdf, jobs=jobs, versions=_versions(__version__),
                        notebooks={"summary": f"{SUMMARY_NOTEBOOK.name} sha256 {_sha256_file(SUMMARY_NOTEBOOK)}",
                                   "team": f"{TEAM_NOTEBOOK.name} sha256 {_sha256_file(TEAM_NOTEBOOK)}"})
    run_names = ([TEAM_ITEM] if make_team else []) + wanted
    manifest.run = run_names
    if previous is not None:  # keep what earlier runs made for people (and the team) not in this run
        manifest.items = [i for i in previous.items if i.name not in run_names]
    stale: list[Item] = []
    for name in run_names:
        is_team = name == TEAM_ITEM
        item = Item(name=name, kind="team" if is_team else "person", person=None if is_team else name,
                    input_hash=hashes[name], pdf=pdf)
        old = previous.item(name) if previous else None
        if not force and _up_to_date(old, item, target):
            assert old is not None
            item.status, item.files, item.seconds, item.finished = "skipped", old.files, 0.0, old.finished
            manifest.items.append(item)
        else:
            stale.append(item)
    if stale:
        # the kernel fork server imports pandas, matplotlib and the workbook (1.5 s) while this process
        # prepares the jobs; an up-to-date run never starts it
        server = KernelForkServer() if want_fork_server(fast_kernels) else None
        try:
            todo = [_job(store, item, db_ref, q, day, quiet_weeks, persons, target, started_wall) for item in stale]
            done, cancelled = _run_jobs(todo, jobs=jobs, pdf=pdf, progress=progress, total=len(run_names),
                                        server=server, store=store, desc=f"summaries {q}", stop=stop)
        finally:
            if server is not None:
                server.close()
        manifest.items.extend(job.item for job in done)
        for job in cancelled:  # what an earlier run made for them stays listed while its files are there
            old = previous.item(job.item.name) if previous else None
            if old is not None and old.status in ("ok", "skipped"):
                # made by an earlier run ("kept"), not found up to date by this one: a run stopped before it
                # reached them (with --force, or their records changed) never checked them
                manifest.items.append(replace(old, status="ok"))
                manifest.kept.append(old.name)
            elif old is not None and old.status == "failed" and old.files and all(
                    (target / f).is_file() for f in old.files):
                # the notebook an earlier run kept for a failure is still there: listed as that run left it
                manifest.items.append(replace(old))
                manifest.kept.append(old.name)
    if stop.requested:
        manifest.interrupted = stop.name
    return manifest


def _job(store: Store, item: Item, db_ref: str, q: str, day: dt.date, quiet_weeks: int | None, persons: dict[str, Any],
         target: Path, started_wall: dt.datetime) -> _Job:
    from ..render.summary import summary_provenance, summary_title
    from ..render.team_overview import team_title

    folders = store.ladder_folders()
    out_root = target.parent
    if item.kind == "team":
        everyone = store.my_team(below=True)
        params: dict[str, Any] = {"quarter": q, "db": db_ref, "as_of": day.isoformat(), "quiet_weeks": quiet_weeks}
        prov = summary_provenance(db_ref, q, people=everyone, as_of=day, notebook=TEAM_NOTEBOOK, run_at=started_wall,
                                  ladder_folders=folders)
        return _Job(item, TEAM_NOTEBOOK, params, team_title(q), prov, team_paths(out_root, q), [p.id for p in everyone])
    person = persons[item.name]
    params = {"person": item.name, "quarter": q, "db": db_ref, "as_of": day.isoformat()}
    prov = summary_provenance(db_ref, q, person=person, as_of=day, notebook=SUMMARY_NOTEBOOK, run_at=started_wall,
                              ladder_folders=folders)
    return _Job(item, SUMMARY_NOTEBOOK, params, summary_title(person, q), prov, summary_paths(out_root, q, item.name),
                [item.name])


def _run_jobs(todo: list[_Job], *, jobs: int, pdf: bool, progress: bool, total: int, server: KernelForkServer | None,
              store: Store, desc: str, stop: StopSignal) -> tuple[list[_Job], list[_Job]]:
    from tqdm import tqdm

    from ..render.pdf import PdfPrinter

    bar = tqdm(total=total, initial=total - len(todo), desc=desc, unit="doc", file=sys.stderr,
               disable=not progress, leave=True, dynamic_ncols=True)
    printer = PdfPrinter() if pdf else None
    if printer is not None:
        printer.start()  # the browser starts while the first kernels run
        threading.Thread(target=_warm_html_export, daemon=True).start()  # and nbconvert is imported (0.25 s)
    km_class = fork_kernel_manager_class(server) if server is not None else None
    try:
        done, cancelled = run_pool(todo, lambda job: _run_one(job, store, printer, km_class, stop), jobs=jobs,
                                   stop=stop, cancel=kill_live_kernels, on_result=lambda _job, _r: bar.update(1))
    finally:
        if printer is not None:
            printer.close()
        bar.close()
    finished = [job for job, _ in done if job.item.status != "cancelled"]
    cancelled += [job for job, _ in done if job.item.status == "cancelled"]
    if stop.left_behind:  # a job left behind may have written its notebook before: list what it wrote
        for job in [j for j in cancelled if j.item.files]:
            cancelled.remove(job)
            job.item = replace(job.item, files=list(job.item.files), status="cancelled",
                               error=f"stopped by {stop.name} before it was finished")
            finished.append(job)
            _remove_earlier_pdf(store, job)  # the job can no longer write: this thread removes it
    return finished, cancelled


def _warm_html_export() -> None:
    try:
        import nbconvert.exporters.html  # noqa: F401 - imported here, off the first PDF's critical path
    except Exception:  # noqa: BLE001 - the first export imports it again and reports any error
        pass


def _run_one(job: _Job, store: Store, printer: PdfPrinter | None, km_class: type | None, stop: StopSignal) -> None:
    """Run one notebook and print it; every failure ends up on ``job.item``, nothing is raised. Each
    file is published (recorded in the workbook, renamed into place) only once it is whole."""
    import nbformat

    from ..render.export import notebook_to_html

    item, t0 = job.item, time.perf_counter()
    nb_path, pdf_path = job.paths
    quarter_folder = nb_path.parent if item.kind == "team" else nb_path.parent.parent
    item.files = []
    try:
        if item.kind != "team":
            from ..core.fileio import ensure_private_dir

            ensure_private_dir(quarter_folder, item.name)
        text, error = execute_to_memory(job.notebook, job.parameters, timeout=EXECUTION_TIMEOUT_S,
                                        kernel_manager_class=km_class, shutdown_kernel="immediate")
        if stop.requested and (error is not None or text is None):
            item.status = "cancelled"
            return
        nb = None
        if text is not None:
            nb = nbformat.reads(text, as_version=4)
            nb.metadata.setdefault("papermill", {})["output_path"] = str(nb_path)
            with stop.writes():  # refused once the batch has left this job behind
                publish(store, [(nb_path, nbformat.writes(nb).encode("utf-8"))], kind=item.kind, about=job.about,
                        period=job.parameters["quarter"])
                item.files.append(str(nb_path.relative_to(quarter_folder)))
        if error is not None:
            raise error
        if printer is not None and nb is not None:
            page = notebook_to_html(nb, exclude_input=True, provenance=job.provenance, title=job.title)
            pdf_bytes = printer.render(page, pdf_path)
            with stop.writes():
                publish(store, [(pdf_path, pdf_bytes)], kind=f"{item.kind}_pdf", about=job.about,
                        period=job.parameters["quarter"])
                item.files.append(str(pdf_path.relative_to(quarter_folder)))
        item.status = "ok"
    except JobLeftBehind:
        item.status = "cancelled"  # the batch has written its manifest without this job; nothing more is written
    except BaseException as exc:  # noqa: BLE001 - one person's failure never stops the batch
        item.status = "failed"
        item.ename = getattr(exc, "ename", None) or type(exc).__name__
        evalue = getattr(exc, "evalue", None) or exc
        if isinstance(exc, NotFound):
            evalue = f"not kept: {exc}"
        item.evalue = " ".join(str(evalue).split())[:1000]
        item.error = f"{item.ename}: {item.evalue}"
    finally:
        if item.status in ("ok", "failed"):  # not when cancelled: the earlier run's files stay listed then
            with contextlib.suppress(JobLeftBehind, OSError), stop.writes():
                _remove_earlier_pdf(store, job)
        item.seconds = round(time.perf_counter() - t0, 3)
        item.finished = _stamp(dt.datetime.now().astimezone())


def _remove_earlier_pdf(store: Store, job: _Job) -> None:
    """An earlier run's PDF beside a notebook this run made without one (failed, ``--no-pdf``, or left
    behind before its PDF) is removed: it would pose as this notebook's, and the manifest does not list it."""
    pdf_path = job.paths[1]
    if pdf_path.exists() and pdf_path.name not in {Path(f).name for f in job.item.files}:
        _remove_published(store, pdf_path)


def _remove_published(store: Store, path: Path) -> None:
    from ..core.fileio import remove_file

    try:
        with store.atomic() as conn:
            store.drop_file_records(conn, [path.resolve()])
            remove_file(path)
    except (OSError, WorkbookError):
        pass


def _up_to_date(old: Item | None, new: Item, target: Path) -> bool:
    if old is None or old.status not in ("ok", "skipped") or old.input_hash != new.input_hash:
        return False
    if new.pdf and not old.pdf:
        return False
    return all((target / f).is_file() for f in old.files) and bool(old.files)


def _as_of(value: str | dt.date | None) -> dt.date:
    if value is None or value == "":
        return clock.today()
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


def failure_message(manifest: Manifest) -> str:
    """One line naming who failed and why, e.g. ``1 of 7 summaries failed: priya: ladder file ... not found ...``."""
    failed = manifest.failed
    return (f"{len(failed)} of {len(manifest.this_run)} summaries failed: "
            + "; ".join(i.failure_line for i in failed))
