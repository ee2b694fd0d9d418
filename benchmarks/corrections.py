"""Benchmark: what keeping the history costs. Prints figures; run it, do not time it in a test.

    .venv/bin/python benchmarks/corrections.py [--edits 300]

1. A correction (``Store.edit_note``: read, check, write, log old and new values in one transaction)
   against the plain update it replaces (one UPDATE in its own transaction): time per edit and the ratio.
2. Reading a person's history of N entries (``Store.history``) and formatting it (``workbook history``).
3. ``check_workbook`` (what `workbook check` runs) on the demo team.

The machine's load moves the times: compare the ratios printed in one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=300)
    args = parser.parse_args()

    import sqlalchemy as sa

    from workbook.core.model import Note, Person
    from workbook.demo import build_demo_db
    from workbook.stages.history import check_workbook, format_history
    from workbook.store import Store
    from workbook.store.schema import notes_t

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "wb.db")
        store.add_person(Person(id="kim", name="Kim Lee"))
        nid = store.add_note(Note(person="kim", date=dt.date(2026, 1, 10), direction="pull", topic="interests",
                                  text="first words"))
        t0 = time.perf_counter()
        for i in range(args.edits):
            with store.atomic() as conn:
                conn.execute(notes_t.update().where(notes_t.c.id == nid).values(text=f"plain {i}"))
        plain = (time.perf_counter() - t0) / args.edits
        t0 = time.perf_counter()
        for i in range(args.edits):
            store.edit_note(nid, text=f"corrected {i}")
        logged = (time.perf_counter() - t0) / args.edits
        print(f"edit a note: {logged * 1000:.2f} ms with its history, {plain * 1000:.2f} ms as a plain update "
              f"(x{logged / plain:.1f})")
        entries = len(store.history("kim"))
        t0 = time.perf_counter()
        store.history("kim")
        read = time.perf_counter() - t0
        t0 = time.perf_counter()
        text = format_history(store, "kim")
        shown = time.perf_counter() - t0
        with store._read() as conn:  # the log's size on disk, per entry
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one() * conn.exec_driver_sql(
                "PRAGMA page_size").scalar_one()
            n = conn.execute(sa.select(sa.func.count()).select_from(sa.table("change_log_fields"))).scalar_one()
        print(f"history of {entries} entries ({n} changed fields): read {read * 1000:.0f} ms, formatted "
              f"{shown * 1000:.0f} ms ({len(text.splitlines())} lines); workbook file {pages / 1024:.0f} KB")
        store.close()

        demo = build_demo_db(Path(tmp) / "demo.db")
        with Store(demo) as team:
            t0 = time.perf_counter()
            findings = check_workbook(team, today=dt.date(2026, 12, 18))
            print(f"check the demo team ({len(team.people())} people): {time.perf_counter() - t0:.2f} s, "
                  f"{len(findings)} finding(s)")


if __name__ == "__main__":
    main()
