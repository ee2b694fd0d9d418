"""Benchmark: the batch and the import at scale, through the real command line.

    .venv/bin/python benchmarks/scale.py [--people 1000] [--run 50] [--keep DIR]

1. Writes a synthetic team of N people with a year of the practice each (``workbook.demo.synthetic``:
   a growth plan, four quarters of OKRs, a check-in every two weeks, two notes a month; about 25 KB of
   YAML per person) and imports it into a new workbook with ``workbook import``: wall time and peak
   memory (the child's max RSS). Target: 1,000 people in <= 20 s and <= 300 MB.
2. ``workbook summaries --people <one>`` on that workbook, PDF included: wall time. Target <= 5 s.
3. ``workbook summaries --people <first R>`` once to make them, then again with nothing changed: wall
   time of the second, fully up-to-date run. Target for 50 people: <= 3 s.

Wall times include starting Python and its imports, as a user sees them. The machine's load moves them:
compare the ratios printed in one run.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook.demo.synthetic import synthetic_person_ids, synthetic_team_yaml  # noqa: E402

QUARTER, AS_OF = "2026Q4", "2026-12-18"


def run(*args: str) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Run ``workbook ARGS``; returns (seconds, peak RSS in bytes of that child, the process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "workbook", *args], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"workbook {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return seconds, max(peak, before) * 1024, proc


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--run", type=int, default=50, help="people in the up-to-date run")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="wb-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        measure(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def measure(args: argparse.Namespace, work: Path) -> None:
    source, db, out = work / "team.yaml", work / "team.db", work / "out"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    source.write_text(synthetic_team_yaml(args.people))
    size = source.stat().st_size
    print(f"synthetic team: {args.people} people, {size / 2**20:.1f} MB of YAML ({size / args.people / 1024:.0f} KB a "
          f"person), written in {time.perf_counter() - started:.1f} s -> {work}")

    seconds, peak, _ = run("import", str(source), "--db", str(db))
    judged = verdict(seconds <= 20 and peak <= 300 * 2**20) if args.people >= 1000 else "not judged below 1,000"
    print(f"import:                       {seconds:6.1f} s, peak {peak / 2**20:4.0f} MB   "
          f"(target for 1,000: <= 20 s, <= 300 MB: {judged})")

    ids = synthetic_person_ids(args.people)
    one = ids[len(ids) // 2]
    seconds, _, proc = run("summaries", "--quarter", QUARTER, "--people", one, "--db", str(db), "--out", str(out),
                           "--as-of", AS_OF, "--force")
    print(f"summaries, 1 person (PDF):    {seconds:6.1f} s   (target <= 5 s: {verdict(seconds <= 5)})  "
          f"[{proc.stdout.strip()}]")

    chosen = ",".join(ids[: args.run])
    seconds_first, _, _ = run("summaries", "--quarter", QUARTER, "--people", chosen, "--db", str(db), "--out", str(out),
                              "--as-of", AS_OF)
    seconds, _, proc = run("summaries", "--quarter", QUARTER, "--people", chosen, "--db", str(db), "--out", str(out),
                           "--as-of", AS_OF)
    assert f"0 made, {args.run} skipped" in proc.stdout, proc.stdout  # nothing redone
    print(f"summaries, {args.run} people up to date: {seconds:5.1f} s   (target for 50: <= 3 s: "
          f"{verdict(seconds <= 3)}; making them took {seconds_first:.1f} s)")


if __name__ == "__main__":
    main()
