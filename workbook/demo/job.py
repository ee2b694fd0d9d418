"""The main job (`make demo`): build the demo workbook safely, run every stage for everyone, make the summaries."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import BatchError
from ..stages.team import format_team_summary, team_summary
from ..store import Store
from ..store.keys import Keyring, demo_keys_folder
from ..store.sealing import DEMO_KEY_META
from .build import build_demo
from .cast import DEMO_AS_OF, DEMO_QUARTER

if TYPE_CHECKING:
    from ..run.batch import RunResult
    from ..run.summaries import Manifest

DEMO_AS_OF_KEY = "demo.as_of"

__all__ = ["DEMO_AS_OF_KEY", "build_demo_db", "ensure_demo_db", "run_demo", "run_demo_outputs", "make_demo_summaries"]


def build_demo_db(db: Path) -> Path:
    """(Re)build the demo database at ``db`` atomically: built in a temp file, then moved into place."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".demo-", suffix=".db", dir=db.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        ring = Keyring(demo_keys_folder(), search=[])  # the demo's own key, never the user's: made once, kept
        key = ring.current("demo") or ring.create("demo")
        with Store(tmp, keyring=ring) as store:
            with store.atomic() as conn:  # before any note: the demo's private notes are sealed as they are written
                store._set_meta(conn, DEMO_KEY_META, key.id)
            build_demo(store)
            with store.atomic() as conn:  # the demo's own "today": its notebooks open on it, not on the real date
                store._set_meta(conn, DEMO_AS_OF_KEY, DEMO_AS_OF.isoformat())
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.replace(tmp, db)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(tmp + suffix).unlink(missing_ok=True)
    return db


def _demo_key_missing(db: Path) -> bool:
    """Whether the demo workbook at ``db`` names a key of its own that the demo's key folder no longer holds
    (built under another folder, e.g. by a test session): its private notes could never be read again."""
    with Store(db) as store:
        with store.engine.connect() as conn:
            value = conn.exec_driver_sql("SELECT value FROM meta WHERE key = ?", (DEMO_KEY_META,)).scalar()
    return bool(value) and not Keyring(demo_keys_folder(), search=[]).has_key(str(value))


def ensure_demo_db(db: Path) -> Path:
    """The demo workbook at ``db``: built when missing, rebuilt when its own key is gone (the demo is
    fictional and rebuilt in seconds; a demo whose private notes show only "key not available" teaches
    nothing)."""
    db = Path(db)
    if not db.exists() or _demo_key_missing(db):
        build_demo_db(db)
    return db


def run_demo(db: Path, *, quick: bool = False, echo: Callable[[str], object] = print) -> None:
    """Build the demo team and print its summary; unless ``quick``, also run every stage notebook for
    every demo person and make the quarter's summaries (PDFs and the team overview). Raises BatchError
    naming what failed."""
    build_demo_db(db)
    with Store(db) as store:
        frame = team_summary(store, quarter=DEMO_QUARTER, as_of=DEMO_AS_OF)
    echo(f"Demo workbook: {db} (team of {len(frame)}, quarter {DEMO_QUARTER}, as of {DEMO_AS_OF})")
    echo(format_team_summary(frame))
    if quick:
        return
    stage_results = run_demo_outputs(db, echo=echo)
    if any(r.cancelled for r in stage_results):
        raise KeyboardInterrupt  # Ctrl-C stopped the stage runs cleanly: stop here, not at the summaries
    problems = [f"{r.stage} for {r.person}: {r.error}" for r in stage_results if not r.ok]
    try:
        make_demo_summaries(db, echo=echo)
    except BatchError as exc:
        problems.append(str(exc))
    if problems:
        raise BatchError("the demo finished with failures: " + "; ".join(problems))


def run_demo_outputs(db: str | os.PathLike[str], echo: Callable[[str], object] = print,
                     stages: Sequence[str] | None = None, jobs: int = 2) -> list[RunResult]:
    """Run every stage for every demo person (quarter DEMO_QUARTER, as of DEMO_AS_OF) into
    ``<db folder>/stages/``; print one line per failure and a total with seconds. Returns the results."""
    from ..run.batch import STAGES, run_stages  # lazy: papermill costs 1.5 s to import

    stages = list(stages or STAGES)
    with Store(db) as store:
        people = [p.id for p in store.people()]
    out_dir = Path(db).parent / "stages"
    started = time.perf_counter()
    results = run_stages(stages, people, DEMO_QUARTER, db, out_dir, jobs=jobs, as_of=DEMO_AS_OF.isoformat())
    failed = [r for r in results if not r.ok]
    for r in failed:
        echo(f"failed: {r.stage} for {r.person}: {r.error} (see {r.output})")
    echo(f"ran {len(results)} stage notebooks ({len(stages)} stages x {len(people)} people) into {out_dir}: "
         f"{len(results) - len(failed)} ok, {len(failed)} failed, {time.perf_counter() - started:.1f} s")
    return results




def make_demo_summaries(db: str | os.PathLike[str], echo: Callable[[str], object] = print, *,
                        out_dir: str | os.PathLike[str] | None = None, jobs: int = 2) -> Manifest:
    """The demo team's quarterly summaries and team overview (PDFs) for DEMO_QUARTER as of DEMO_AS_OF.

    ``out_dir`` defaults to the folder of ``db`` (``outputs/`` for ``outputs/demo.db``). Raises
    BatchError (after writing everything else) when a summary failed.
    """
    from ..run.summaries import failure_message, make_summaries  # lazy: papermill costs 1.5 s to import

    folder = Path(out_dir) if out_dir is not None else Path(db).resolve().parent
    manifest = make_summaries(db, DEMO_QUARTER, jobs=jobs, pdf=True, out_dir=folder, as_of=DEMO_AS_OF,
                              progress=sys.stderr.isatty())
    echo(manifest.summary_line())
    if manifest.interrupted:
        raise KeyboardInterrupt  # the manifest lists what was made before Ctrl-C
    for item in manifest.items:
        if item.status in ("ok", "skipped"):
            echo("  " + ", ".join(str(Path(manifest.out_dir) / f) for f in item.files if f.endswith(".pdf")))
    if manifest.failed:
        raise BatchError(failure_message(manifest))
    return manifest
