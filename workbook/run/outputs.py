"""Where every generated file goes, and how it is made public: one folder per person, recorded in the workbook.

The layout (``OUT`` is ``--out``)::

    stage runs    OUT/<person>/<notebook stem>-<period>.ipynb          (workbook run, default OUT ROOT/stages)
    summaries     OUT/<quarter>/<person>/<person>-<quarter>.ipynb|.pdf (workbook summaries, default OUT ROOT)
                  OUT/<quarter>/team_overview.ipynb|.pdf, manifest.json

``ROOT`` (:func:`outputs_root`) is ``outputs/`` beside the manager's own workbook, the demo's own folder for
the demo, and ``outputs/`` of the working folder for an organisation database.

Person ids are safe slugs and never one of ``RESERVED_IDS`` (``team_overview``, ``manifest``, ``all``),
quarters and periods are normalised (``2026q4`` and `` 2026-Q4`` are ``2026Q4``) before any name is made,
so one person's files can never take another's name. Folders are made 0700 and files 0600 (they hold
career notes), and nothing is written through a symlink (:func:`workbook.core.fileio.ensure_private_dir`).

A file becomes visible only through :func:`publish`: written under a temporary name, then, in one write
transaction of the workbook, recorded with the people it is about and renamed into place. ``forget``
removes exactly what is recorded (never files matched by name), in its own write transaction, so a
batch and a forget cannot interleave: a file about a person forgotten meanwhile is discarded, not
published. :class:`OutputLock` keeps two batches out of one output folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ..core.errors import InputError, OutputError
from ..core.fileio import PendingFile, ensure_private_dir, stage_bytes
from ..core.model import check_person_id, check_quarter, check_slug

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["outputs_root", "TEAM_ITEM", "MANIFEST_NAME", "LOCK_NAME", "stage_output_path", "summary_paths", "team_paths",
           "quarter_dir", "person_dir", "publish", "OutputLock", "checked_person", "has_output_shape",
           "is_quarter_name"]

def outputs_root(db: str | os.PathLike[str]) -> Path:
    """Where a batch writes without --out: ``outputs/`` beside the manager's own workbook (their team's files
    stay with their data, outside this repository), the demo's own folder (``outputs/``) for the demo, and
    ``outputs/`` here for an organisation database."""
    from ..store.backend import is_url
    from ..store.location import demo_db_path

    if is_url(str(db)):
        return Path("outputs")
    path = Path(db).resolve()
    if path == demo_db_path().resolve() or path.parent.name == "outputs":  # already an outputs folder
        return path.parent
    return path.parent / "outputs"


TEAM_ITEM = "team_overview"


def is_quarter_name(name: str) -> bool:
    """Whether ``name`` is a quarter as folders are named (``2026Q4``, canonical)."""
    try:
        return check_quarter(name) == name
    except ValueError:
        return False


def has_output_shape(path: Path, kind: str, about: Sequence[str]) -> bool:
    """Whether ``path`` is where this module puts a generated file of ``kind`` about the people ``about``: a
    stage run ``<person>/<stem>-<period>.ipynb``, a summary ``<quarter>/<person>/<person>-<quarter>.ipynb|.pdf``,
    a team overview ``<quarter>/team_overview.ipynb|.pdf``. A record of a file is a row anyone who may make
    outputs can write (in an organisation database, HR too): forget deletes only files of this shape, so a
    record naming some other file (a key, a note, a file of the system) never gets it deleted."""
    if kind == "stage":
        stem, dash, period = path.stem.rpartition("-")
        return (path.suffix == ".ipynb" and bool(dash and stem) and path.parent.name in about
                and (is_quarter_name(period) or (len(period) == 4 and period.isascii() and period.isdigit())))
    suffix = ".pdf" if kind.endswith("_pdf") else ".ipynb"
    if path.suffix != suffix:
        return False
    if kind in ("person", "person_pdf"):
        person, q = path.parent.name, path.parent.parent.name
        return person in about and is_quarter_name(q) and path.name == f"{person}-{q}{suffix}"
    if kind in ("team", "team_pdf"):
        return path.name == f"{TEAM_ITEM}{suffix}" and is_quarter_name(path.parent.name)
    return False
MANIFEST_NAME = "manifest.json"
LOCK_NAME = ".workbook-run.lock"


def checked_person(person: str) -> str:
    """``person`` when it can name files (a safe slug, not reserved); raises InputError otherwise."""
    try:
        check_slug(person)
        return check_person_id(person)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _quarter(quarter: str) -> str:
    try:
        return check_quarter(quarter)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def person_dir(out_root: str | os.PathLike[str], person: str) -> Path:
    """``OUT/<person>``, created 0700 (no symlink followed)."""
    return ensure_private_dir(out_root, checked_person(person))


def quarter_dir(out_root: str | os.PathLike[str], quarter: str) -> Path:
    """``OUT/<quarter>``, created 0700 (no symlink followed)."""
    return ensure_private_dir(out_root, _quarter(quarter))


def stage_output_path(out_root: str | os.PathLike[str], person: str, notebook_stem: str, period: str) -> Path:
    """Where a stage run's notebook goes: ``OUT/<person>/<stem>-<period>.ipynb``. ``period`` must be
    canonical already (:func:`workbook.core.dates.check_period`); nothing is created here."""
    if not period or not all(c.isascii() and (c.isalnum()) for c in period):
        raise InputError(f"period {period!r} is not canonical; give a quarter like 2026Q4 or a year like 2026")
    return Path(out_root) / checked_person(person) / f"{notebook_stem}-{period}.ipynb"


def summary_paths(out_root: str | os.PathLike[str], quarter: str, person: str) -> tuple[Path, Path]:
    """A person's quarterly summary: ``OUT/<quarter>/<person>/<person>-<quarter>.ipynb`` and ``.pdf``."""
    q = _quarter(quarter)
    folder = Path(out_root) / q / checked_person(person)
    return folder / f"{person}-{q}.ipynb", folder / f"{person}-{q}.pdf"


def team_paths(out_root: str | os.PathLike[str], quarter: str) -> tuple[Path, Path]:
    """The team overview: ``OUT/<quarter>/team_overview.ipynb`` and ``.pdf``."""
    folder = Path(out_root) / _quarter(quarter)
    return folder / f"{TEAM_ITEM}.ipynb", folder / f"{TEAM_ITEM}.pdf"


def publish(store: Store, files: Sequence[tuple[Path, bytes]], *, kind: str, about: Iterable[str],
            period: str = "") -> list[Path]:
    """Make ``files`` (path, bytes) public as generated files about the people ``about``.

    Each is written (0600, fsynced) under a temporary name in its folder, which must exist (see
    :func:`person_dir`); then one write transaction checks that everyone in ``about`` is still in the
    workbook, records the files and renames them into place. Raises NotFound (nothing left behind)
    when someone was forgotten meanwhile, OutputError when a file cannot be written (disk full ...),
    StoreError when the workbook cannot record it.
    """
    people = list(about)
    pending: list[PendingFile] = []
    published: list[PendingFile] = []
    try:
        for path, data in files:
            pending.append(stage_bytes(path, data))
        with store.atomic() as conn:
            store.record_files(conn, [(p.path.resolve(), kind, period) for p in pending], people)
            for item in pending:
                item.publish()
                published.append(item)
    except BaseException:
        for item in pending:
            item.discard()
        for item in published:  # renamed but the record was rolled back: take them away again
            with contextlib.suppress(OSError):
                os.unlink(item.path)
        raise
    return [p.path for p in pending]


class OutputLock:
    """An exclusive lock on one output folder for the length of a batch (``flock`` on a lock file in
    it, released by the system if the process dies). A second batch into the same folder is refused
    with one line naming the process that holds it."""

    def __init__(self, folder: str | os.PathLike[str], what: str = "run") -> None:
        self.folder = Path(folder)
        self.what = what
        self._fd: int | None = None

    def acquire(self) -> OutputLock:
        import fcntl

        path = self.folder / LOCK_NAME
        for _attempt in range(20):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except OSError as exc:
                raise OutputError(f"{path}: cannot make the lock file ({exc.strerror or exc})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise OutputError(f"{self.folder} is in use by another {self.what} (pid {holder}); wait for it "
                                  "to finish or give another --out") from None
            try:  # the holder may have removed the file between our open and our lock: lock the new one
                same = os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        else:  # pragma: no cover - twenty races in a row
            raise OutputError(f"{self.folder}: could not take its lock; try again")
        self._fd = fd
        with contextlib.suppress(OSError):  # the pid is only for the message of a second run (a full disk may refuse it)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        return self

    def release(self) -> None:
        """Remove the lock file and release the lock (in that order, so a waiting run re-checks)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.folder / LOCK_NAME)
            os.close(self._fd)  # closing releases the flock
            self._fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
