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
    """Build the demo team and print its summary (and, unless ``quick``, run the stages and summaries)."""
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
    try:
        from .batch import run_demo_outputs
    except ImportError:
        return
    run_demo_outputs(db, echo=echo)
