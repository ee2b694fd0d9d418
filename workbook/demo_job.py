"""The main job (`make demo`): build the demo workbook safely, then summarise the team."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["build_demo_db", "run_demo"]


def build_demo_db(db: Path) -> Path:
    """(Re)build the demo database at ``db`` atomically: built in a temp file, then moved into place."""
    from .demo import build_demo
    from .store import Store

    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".demo-", suffix=".db", dir=db.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        with Store(tmp) as store:
            build_demo(store)
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.replace(tmp, db)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(tmp + suffix).unlink(missing_ok=True)
    return db


def run_demo(db: Path, *, quick: bool = False, echo: Callable[[str], object] = print) -> None:
    """Build the demo team and print its summary; unless ``quick``, also run every stage notebook for
    every demo person and make the quarter's summaries (PDFs and the team overview). Raises BatchError
    naming what failed."""
    from .demo import DEMO_AS_OF, DEMO_QUARTER
    from .reports import format_team_summary, team_summary
    from .store import Store

    build_demo_db(db)
    with Store(db) as store:
        frame = team_summary(store, quarter=DEMO_QUARTER, as_of=DEMO_AS_OF)
    echo(f"Demo workbook: {db} (team of {len(frame)}, quarter {DEMO_QUARTER}, as of {DEMO_AS_OF})")
    echo(format_team_summary(frame))
    if quick:
        return
    from .batch import run_demo_outputs
    from .errors import BatchError
    from .summaries import make_demo_summaries

    stage_results = run_demo_outputs(db, echo=echo)
    problems = [f"{r.stage} for {r.person}: {r.error}" for r in stage_results if not r.ok]
    try:
        make_demo_summaries(db, echo=echo)
    except BatchError as exc:
        problems.append(str(exc))
    if problems:
        raise BatchError("the demo finished with failures: " + "; ".join(problems))
