"""Quarter-end at organisation scale: 2,000 people under 150 managers on SQLite and on PostgreSQL, in one run.

Prints, per backend: the import time of the organisation (one YAML file through `import_file`, all or
nothing), the `people` query and the home page's due-list query for a manager with 12 reports (on
PostgreSQL as that manager's own login, so row-level security is in the path), and `workbook summaries
--no-pdf` seconds per person for 100 people (on PostgreSQL as the HR user). Targets (issue 15): import
<= 30 s on SQLite and <= 60 s on PostgreSQL; due list <= 100 ms. Compare ratios within one run: these
machines are shared.

    .venv/bin/python benchmarks/org_scale.py [--people 2000] [--managers 150] [--summaries 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbook.exchange.importer import import_file  # noqa: E402
from workbook.store import NewUser, Store, write_credentials  # noqa: E402
from workbook.store.localpg import start_local_server, stop_local_server  # noqa: E402

TWELVE = "m-twelve"  # the manager with exactly 12 reports whose due list is timed
AS_OF = dt.date(2027, 3, 20)
QUARTER = "2027Q1"
KR_TEXTS = ("Ship {n} design reviews with written feedback from two senior engineers by March 31",
            "Cut the p95 latency of the {n} service from 800 ms to 400 ms by the end of the quarter",
            "Present the {n} roadmap at 2 cross-team syncs and collect feedback from 3 stakeholders",
            "Pair with {n} for 6 sessions and write up what changed in a one-page note by March 15")


def build_org(people: int, managers: int, seed: int = 15) -> dict:
    """A synthetic organisation: one head, directors, managers (one with exactly 12 reports), everyone with
    a growth plan, a quarter of OKRs, three check-ins, notes (private and shared) and an action."""
    rng = random.Random(seed)
    ids = [f"p{i:04d}" for i in range(people)]
    head, directors = ids[0], ids[1:10]
    mgrs = ids[10:10 + managers - 10] + [TWELVE]  # with the head and 9 directors: `managers` managers in all
    ids = [head, *directors, *mgrs[:-1], TWELVE, *ids[10 + managers - 10:people - 1]]
    manager_of: dict[str, str | None] = {head: None}
    for d in directors:
        manager_of[d] = head
    for i, m in enumerate(mgrs):
        manager_of[m] = directors[i % len(directors)]
    ics = [p for p in ids if p not in manager_of]
    twelve, rest = ics[:12], ics[12:]
    for p in twelve:
        manager_of[p] = TWELVE
    others = [m for m in mgrs if m != TWELVE]
    for i, p in enumerate(rest):
        manager_of[p] = others[i % len(others)]
    data: dict[str, list] = {k: [] for k in ("people", "growth_plans", "okrs", "check_ins", "notes", "actions")}
    for n, pid in enumerate(ids):
        data["people"].append({"id": pid, "name": f"Person {n:04d}", "track": "Software Engineering",
                               "level": str(rng.randint(1, 4)), **({"manager": manager_of[pid]} if manager_of[pid] else {})})
        data["growth_plans"].append({"person": pid, "year": 2027, "status": "agreed", "goals": [
            {"text": "Lead the design of a service end to end and present it to the architecture forum", "priority": 1},
            {"text": "Mentor a new engineer through their first quarter", "priority": 2}]})
        data["okrs"].append({"person": pid, "quarter": QUARTER, "objectives": [
            {"text": f"Objective {o} of {pid}", "goal": o, "key_results": [
                {"text": KR_TEXTS[(o * 2 + k + n) % 4].format(n=pid), "target_date": "2027-03-31",
                 "support": [{"who": "manager", "what": "feedback on the draft"}] if k == 1 else []}
                for k in (1, 2)]} for o in (1, 2)]})
        for day in (15, 29):
            data["check_ins"].append({"person": pid, "date": f"2027-01-{day}", "mode": "status", "key_results": [
                {"objective": o, "key_result": k, "status": rng.choice(["on_track", "on_track", "at_risk"])}
                for o in (1, 2) for k in (1, 2)]})
        data["check_ins"].append({"person": pid, "date": "2027-02-12", "mode": "unblock",
                                  "key_results": [{"objective": 1, "key_result": 1, "status": "blocked"}],
                                  "obstacles": [{"text": "Not sure I am senior enough to lead this", "kind": "imposter"}],
                                  "actions": [{"text": "Book the architecture forum slot", "owner": "manager",
                                               "due": "2027-03-10"}]})
        data["notes"] += [
            {"person": pid, "date": "2027-01-08", "direction": "pull", "topic": "interests", "text": f"{pid} private interest"},
            {"person": pid, "date": "2027-02-02", "direction": "pull", "topic": "values", "text": f"{pid} private value",
             "follow_up": "ask about flexible hours", "follow_up_due": "2027-03-15"},
            {"person": pid, "date": "2027-02-20", "direction": "push", "topic": "mentors", "visibility": "shared",
             "text": f"Suggested a mentor to {pid}"}]
        data["actions"].append({"person": pid, "text": "Read the service-ownership guide", "owner": "employee",
                                "due": "2027-03-25"})
    return data


def _timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls (the first one warms caches and is not counted) and the last result."""
    fn()
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def due_list(store: Store) -> int:
    """The home page's due list (``stages.due.due_frame``) for TWELVE's reports, item count: on PostgreSQL as
    that manager, whose home page lists exactly them (and themselves)."""
    from workbook.stages.due import due_frame

    reports = [p for p, m in store.managers().items() if m == TWELVE]
    assert len(reports) == 12, len(reports)
    return len(due_frame(store, AS_OF, people=reports))


def measure(label: str, owner_db: str, yaml_path: Path, manager_db: str, hr_db: str, summaries: int, out: Path) -> None:
    from workbook.run.summaries import make_summaries

    with Store(owner_db) as store:
        t0 = time.perf_counter()
        result = import_file(store, yaml_path)
        imported = time.perf_counter() - t0
    print(f"{label}: import {result.counts['people']} people ({sum(result.counts.values())} entries) "
          f"in {imported:.1f} s", flush=True)
    with Store(manager_db) as store:
        t_people, frame = _timed(store.people_frame)
        print(f"{label}: people query {t_people * 1000:.1f} ms ({len(frame)} rows visible to "
              f"{store.actor().describe()})", flush=True)
        try:
            t_due, n_due = _timed(lambda: due_list(store))
            print(f"{label}: due list for a manager with 12 reports {t_due * 1000:.1f} ms ({n_due} items)", flush=True)
        except ImportError:
            print(f"{label}: due list: stages.due is not on this branch yet (issue 11)", flush=True)
    with Store(hr_db) as store:
        wanted = sorted(store.managers())[:summaries]
    t0 = time.perf_counter()
    manifest = make_summaries(hr_db, QUARTER, people=wanted, pdf=False, out_dir=out, as_of=AS_OF.isoformat(),
                              progress=False, team=False, force=True)
    took = time.perf_counter() - t0
    bad = [i.failure_line for i in manifest.failed]
    print(f"{label}: summaries --no-pdf for {len(wanted)} people in {took:.1f} s = {took / len(wanted):.2f} s per person"
          + (f"; FAILED {bad[:3]}" if bad else ""), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--managers", type=int, default=150)
    ap.add_argument("--summaries", type=int, default=100)
    ap.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wb-orgscale-"))
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")  # credentials of this run stay in this run
    t0 = time.perf_counter()
    data = build_org(args.people, args.managers)
    yaml_path = work / "org.yaml"
    yaml_path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"organisation: {args.people} people, {args.managers} managers, {sum(len(v) for v in data.values())} "
          f"entries, YAML {yaml_path.stat().st_size / 1e6:.1f} MB written in {time.perf_counter() - t0:.1f} s", flush=True)

    if args.only in (None, "sqlite"):
        db = str(work / "org.db")
        measure("sqlite", db, yaml_path, db, db, args.summaries, work / "out-sqlite")

    if args.only in (None, "postgresql"):
        pgdir = Path(tempfile.mkdtemp(prefix="wb-orgscale-pg-"))  # directly under /tmp: the postgres user enters it
        server = start_local_server(pgdir, durable=False)  # as measured so far: fsync off
        try:
            owner = server.create_database("orgscale")
            with Store(owner):
                pass
            measure_pg(server, owner, yaml_path, args.summaries, work)
        finally:
            stop_local_server(pgdir, remove=True)


def measure_pg(server, owner: str, yaml_path: Path, summaries: int, work: Path) -> None:
    with Store(owner) as store:  # users first would need the people: import, then users, then the timings
        t0 = time.perf_counter()
        result = import_file(store, yaml_path)
        imported = time.perf_counter() - t0
        print(f"postgresql: import {result.counts['people']} people ({sum(result.counts.values())} entries) "
              f"in {imported:.1f} s", flush=True)
        twelve = store.add_user("twelve", person=TWELVE)
        hr = store.add_user("hr", hr=True)
    for u in (twelve, hr):
        write_credentials(u)
    _ = NewUser
    with Store(twelve.url) as store:
        t_people, frame = _timed(store.people_frame)
        print(f"postgresql: people query {t_people * 1000:.1f} ms ({len(frame)} rows visible to "
              f"{store.actor().describe()})", flush=True)
        try:
            t_due, n_due = _timed(lambda: due_list(store))
            print(f"postgresql: due list for a manager with 12 reports {t_due * 1000:.1f} ms ({n_due} items)", flush=True)
        except ImportError:
            print("postgresql: due list: stages.due is not on this branch yet (issue 11)", flush=True)
    with Store(hr.url) as store:
        t_people, frame = _timed(store.people_frame)
        print(f"postgresql: people query as HR {t_people * 1000:.1f} ms ({len(frame)} rows)", flush=True)
        wanted = sorted(store.managers())[:summaries]
    from workbook.run.summaries import make_summaries

    t0 = time.perf_counter()
    manifest = make_summaries(hr.url, QUARTER, people=wanted, pdf=False, out_dir=work / "out-pg", as_of=AS_OF.isoformat(),
                              progress=False, team=False, force=True)
    took = time.perf_counter() - t0
    bad = [i.failure_line for i in manifest.failed]
    print(f"postgresql: summaries --no-pdf for {len(wanted)} people as HR in {took:.1f} s = "
          f"{took / len(wanted):.2f} s per person" + (f"; FAILED {bad[:3]}" if bad else ""), flush=True)


if __name__ == "__main__":
    main()
