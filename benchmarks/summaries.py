"""Benchmark: quarter-end summaries for a synthetic team, `workbook summaries` against the naive loop.

    .venv/bin/python benchmarks/summaries.py [--people 50] [--naive 10] [--jobs 2] [--keep DIR]

1. Builds a synthetic team of N people in a temp workbook: each person is a copy of one of the demo
   team's six members (their real goals, OKRs, check-ins, notes and actions, written through the Store
   API) under a new id and name, so every summary has realistic length and content.
2. Runs the real CLI, ``workbook summaries --quarter 2026Q4 --pdf --force``, as a subprocess and reports
   seconds per person (the team overview is made in the same run and counted in the total), with the
   peak memory of the whole process tree (sampled every 50 ms: summed RSS, and summed PSS, which counts
   pages shared by forked kernels once) and ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` (largest single
   descendant that was waited for).
3. Runs the same summary for the first K people the way a user would script it: per person the
   ``papermill`` CLI, then ``jupyter nbconvert --to webpdf`` (when Playwright's own Chromium is
   installed) or ``jupyter nbconvert --to html`` and ``chromium --headless --print-to-pdf``.
4. Prints seconds per person for both, their ratio, and the targets (<= 1.0 s/person, >= 8x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
QUARTER = "2026Q4"
AS_OF = "2026-12-18"

FIRST = ["Aisha", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Gustavo", "Hana", "Ivan", "Jasmine", "Kofi",
         "Leila", "Mateo", "Nadia", "Oskar", "Parisa", "Quentin", "Rosa", "Sanjay", "Tamsin", "Umar", "Valeria",
         "Wei", "Ximena", "Yusuf", "Zofia", "Anders", "Beatriz", "Callum", "Dina", "Elif", "Farid", "Greta",
         "Hugo", "Ines", "Jonas", "Kaveh", "Lina", "Marek", "Noor", "Olumide", "Pia", "Rafael", "Sofia",
         "Tariq", "Uma", "Viktor", "Wanjiru", "Yara", "Zane"]
LAST = ["Abara", "Berg", "Castillo", "Dimitrov", "Eriksen", "Fontaine", "Gupta", "Hoffmann", "Ibrahim",
        "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Petrov", "Quispe", "Rossi",
        "Santos", "Tanaka", "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zhou"]


# --------------------------------------------------------------------------------------------------
# The synthetic team


def build_team(path: Path, size: int) -> list[str]:
    """Write a team of ``size`` people into a new workbook at ``path``; returns their ids."""
    from workbook.core.model import Action, CheckIn, GrowthPlan, Note, Person, QuarterOKRs
    from workbook.demo import build_demo
    from workbook.store import Store

    with Store(":memory:") as demo:
        build_demo(demo)
        templates = [p.id for p in demo.people()]
        exports = {pid: demo.export_person(pid) for pid in templates}
        people = {pid: demo.person(pid) for pid in templates}
        check_ins = {pid: demo.check_ins(pid) for pid in templates}
        quarters = {pid: [o["quarter"] for o in exports[pid]["okrs"]] for pid in templates}
        okrs = {pid: [demo.okrs(pid, q) for q in quarters[pid]] for pid in templates}
        years = {pid: [g["year"] for g in exports[pid]["growth_plans"]] for pid in templates}
        plans = {pid: [demo.plan(pid, y) for y in years[pid]] for pid in templates}
        notes = {pid: demo.notes_frame(pid, include_private=True) for pid in templates}
        actions = {pid: demo.actions_frame(pid) for pid in templates}

    ids = []
    with Store(path) as store:
        for i in range(size):
            src = templates[i % len(templates)]
            first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
            pid = f"{first.lower()}-{i:02d}"
            ids.append(pid)
            with store.atomic():
                base = people[src]
                store.add_person(Person(**{**base.model_dump(), "id": pid, "name": f"{first} {last}"}))
                for plan in plans[src]:
                    assert plan is not None
                    data = plan.model_dump(exclude={"id"})
                    data["person"] = pid
                    for g in data["goals"]:
                        g.pop("id", None)
                    store.save_plan(GrowthPlan(**data), replace=False)
                for q in okrs[src]:
                    assert q is not None
                    data = q.model_dump(exclude={"id"})
                    data["person"] = pid
                    for o in data["objectives"]:
                        o.pop("id", None)
                        for kr in o["key_results"]:
                            kr.pop("id", None)
                            for s in kr["support"]:
                                s.pop("id", None)
                    store.save_okrs(QuarterOKRs(**data))
                for ci in check_ins[src]:
                    data = ci.model_dump(exclude={"id"})
                    data["person"] = pid
                    for a in data["actions"]:
                        a.pop("id", None)
                        a["person"] = pid
                    store.add_check_in(CheckIn(**data))
                for n in notes[src].itertuples():
                    store.add_note(Note(person=pid, date=n.date, direction=n.direction, topic=n.topic,
                                        setting=n.setting, text=n.text, visibility=n.visibility,
                                        follow_up=n.follow_up or "",
                                        follow_up_due=None if n.follow_up_due is None or n.follow_up_due != n.follow_up_due
                                        else n.follow_up_due))
                for a in actions[src].itertuples():
                    if a.check_in_id is None or a.check_in_id != a.check_in_id:
                        store.add_action(Action(person=pid, text=a.text, owner=a.owner, due=a.due, status=a.status),
                                         created_on=a.created_on)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return ids


# --------------------------------------------------------------------------------------------------
# Memory sampling


class TreeMonitor:
    """Peak summed RSS and PSS, and CPU time, of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        import psutil

        self._root = psutil.Process(pid)
        self.peak_rss = self.peak_pss = 0
        self.peak_procs = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._interval = interval
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self._root, *self._root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            for p in procs:
                try:
                    rss += p.memory_info().rss
                    pss += _pss(p.pid)
                    t = p.cpu_times()
                    self._cpu[p.pid] = max(self._cpu.get(p.pid, 0.0), t.user + t.system)
                except (psutil.Error, OSError):
                    continue
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self._stop.wait(self._interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        """User + system CPU of every process seen in the tree (as last sampled)."""
        return sum(self._cpu.values())


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _mb(n: float) -> str:
    return f"{n / 2**20:.0f} MB"


# --------------------------------------------------------------------------------------------------
# The runs


def run_cli(db: Path, out: Path, jobs: int) -> tuple[float, TreeMonitor, subprocess.CompletedProcess[str]]:
    cmd = [str(BIN / "workbook"), "summaries", "--quarter", QUARTER, "--db", str(db), "--out", str(out),
           "--as-of", AS_OF, "--jobs", str(jobs), "--pdf", "--force"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    mem = TreeMonitor(proc.pid)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    mem.stop()
    return seconds, mem, subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def naive_loop(db: Path, people: list[str], out: Path) -> tuple[float, dict[str, float], str]:
    """Per person: papermill CLI, then nbconvert (webpdf, or html + chromium --print-to-pdf)."""
    from workbook.render.browser import _playwright_browser_installed, chromium_args, find_chromium

    out.mkdir(parents=True, exist_ok=True)
    webpdf = _playwright_browser_installed()
    route = "papermill CLI + nbconvert --to webpdf" if webpdf else \
        "papermill CLI + nbconvert --to html + chromium --headless --print-to-pdf"
    steps = {"papermill": 0.0, "nbconvert": 0.0, "chromium": 0.0}
    cpu0 = _children_cpu()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": ROOT, "check": True}
    t0 = time.perf_counter()
    for pid in people:
        nb = out / f"{pid}.ipynb"
        t = time.perf_counter()
        subprocess.run([str(BIN / "papermill"), str(ROOT / "notebooks" / "quarterly_summary.ipynb"), str(nb),
                        "-p", "person", pid, "-p", "quarter", QUARTER, "-p", "db", str(db), "-p", "as_of", AS_OF],
                       **quiet)
        steps["papermill"] += time.perf_counter() - t
        t = time.perf_counter()
        if webpdf:
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "webpdf", "--no-input", str(nb)], **quiet)
            steps["nbconvert"] += time.perf_counter() - t
            continue
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)], **quiet)
        steps["nbconvert"] += time.perf_counter() - t
        t = time.perf_counter()
        chromium = find_chromium() or "chromium"
        subprocess.run([chromium, "--headless", *chromium_args(), "--no-pdf-header-footer",
                        f"--print-to-pdf={out / (pid + '.pdf')}", (out / f"{pid}.html").as_uri()], **quiet)
        steps["chromium"] += time.perf_counter() - t
    total = time.perf_counter() - t0
    steps["cpu"] = _children_cpu() - cpu0
    missing = [p for p in people if not (out / f"{p}.pdf").exists()]
    if missing:
        raise SystemExit(f"naive loop made no PDF for {', '.join(missing)}")
    return total, steps, route


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=50, help="team size (default 50)")
    parser.add_argument("--naive", type=int, default=10, help="people through the naive loop (default 10)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for workbook summaries (default 2)")
    parser.add_argument("--keep", type=Path, help="keep the workbook and outputs in this folder")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="wb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        db = work / "team.db"
        db.unlink(missing_ok=True)
        t = time.perf_counter()
        people = build_team(db, args.people)
        print(f"synthetic team: {len(people)} people in {db} ({time.perf_counter() - t:.1f} s to build)")
        print(f"machine: {os.cpu_count()} cores, load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")

        seconds, mem, proc = run_cli(db, work / "out", args.jobs)
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr, sep="\n", file=sys.stderr)
            raise SystemExit(f"workbook summaries failed with exit code {proc.returncode}")
        pdfs = sorted((work / "out" / QUARTER).glob("*.pdf"))
        maxrss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        fast = seconds / len(people)
        print(f"\nworkbook summaries --pdf --jobs {args.jobs}: {len(people)} people + team overview, "
              f"{len(pdfs)} PDFs in {seconds:.1f} s")
        print(f"  {proc.stdout.strip()}")
        cpu_fast = mem.cpu_seconds / len(people)
        print(f"  CPU (user+system, whole process tree): {mem.cpu_seconds:.1f} s, {cpu_fast:.2f} s per person")

        naive_people = people[: args.naive]
        naive_total, steps, route = naive_loop(db, naive_people, work / "naive")
        naive = naive_total / len(naive_people)
        print(f"\nnaive loop ({route}): {len(naive_people)} people in {naive_total:.1f} s")
        cpu_naive = steps.pop("cpu") / len(naive_people)
        print("  per person: " + ", ".join(f"{k} {v / len(naive_people):.2f} s" for k, v in steps.items() if v)
              + f"; CPU {cpu_naive:.2f} s")

        ratio = naive / fast
        print("\n" + "=" * 72)
        print(f"workbook summaries : {fast:6.2f} s per person   (target <= 1.0 s)  "
              f"{'OK' if fast <= 1.0 else 'MISSED'}")
        print(f"naive loop         : {naive:6.2f} s per person")
        print(f"speed-up           : {ratio:6.1f} x              (target >= 8x)     {'OK' if ratio >= 8 else 'MISSED'}")
        print(f"CPU per person     : {cpu_fast:6.2f} s vs {cpu_naive:.2f} s naive ({cpu_naive / cpu_fast:.1f} x less); "
              "wall figures depend on other load")
        print(f"peak memory, CLI process tree (sampled every 50 ms, {mem.peak_procs} processes at most):")
        print(f"  summed RSS {_mb(mem.peak_rss)}; summed PSS {_mb(mem.peak_pss)} (shared pages counted once)")
        print(f"  largest single process (getrusage RUSAGE_CHILDREN ru_maxrss, all runs): {_mb(maxrss_kb * 1024)}")
        print(f"measured {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores")
        print("=" * 72)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
