"""Check the real-goals corpus and write its split and unlabelled copy.

    python tools/goals_split.py [--ladders ../shared/ladders-public] [--check-only]

Reads tests/data/goals_real.csv and tests/data/goals_sources.csv, then:

* checks them: unique ids, every source described, row counts per source match, every
  (ladder, track, competency) and every non-empty second exists in the ladder file, a second never
  equals the first and always has a rationale, only long-form tidy ladder CSVs, no ladder file over
  35% of the rows;
* writes tests/data/goals_real_split.csv: the newest wave's sources are final (ids m..., the third
  wave), every other source is tune (docs/goal-labels.md section 6; the first wave's random draw,
  draw_final, is kept for the record);
* writes tests/data/goals_real_unlabelled.csv (id, text, ladder, track; same ids, same order);
* prints the counts used in tests/data/GOALS_CORPUS.md.

Standard library only. It never runs or imports the suggester.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
DEFAULT_LADDERS = ROOT.parent / "shared" / "ladders-public"
SEED = 2026
MIN_FINAL_SOURCES = 4
MIN_FINAL_ROWS = 40
MAX_LADDER_SHARE = 0.35
NOT_LADDERS = {"unidays-role-requirements.csv"}
GOAL_COLUMNS = ["id", "text", "source", "ladder", "track", "competency", "second", "rationale"]
SOURCE_COLUMNS = ["source", "title", "where", "kind", "rows", "notes"]
LADDER_COLUMNS = ["track", "level", "level_name", "competency_area", "competency", "expectation"]


def read_csv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            sys.exit(f"{path.name}: columns are {reader.fieldnames}, expected {columns}")
        return list(reader)


def ladder_competencies(ladders: Path, name: str) -> set[tuple[str, str]]:
    if name in NOT_LADDERS or name.endswith(".wide.csv") or not name.endswith(".csv"):
        sys.exit(f"{name}: not a long-form tidy ladder CSV")
    path = ladders / name
    if not path.is_file():
        sys.exit(f"{name}: no such ladder file in {ladders}")
    return {(r["track"], r["competency"]) for r in read_csv(path, LADDER_COLUMNS)}


def check(goals: list[dict[str, str]], sources: list[dict[str, str]], ladders: Path) -> list[str]:
    errors = []
    ids = [g["id"] for g in goals]
    for dup in [i for i, n in Counter(ids).items() if n > 1]:
        errors.append(f"duplicate id {dup}")
    described = {s["source"]: s for s in sources}
    if len(described) != len(sources):
        errors.append("duplicate source slug in goals_sources.csv")
    per_source = Counter(g["source"] for g in goals)
    for name, n in per_source.items():
        if name not in described:
            errors.append(f"source {name} is not in goals_sources.csv")
        elif int(described[name]["rows"]) != n:
            errors.append(f"source {name}: rows says {described[name]['rows']}, corpus has {n}")
    for name in described:
        if name not in per_source:
            errors.append(f"source {name} has no rows")
    cache: dict[str, set[tuple[str, str]]] = {}
    for g in goals:
        known = cache.setdefault(g["ladder"], ladder_competencies(ladders, g["ladder"]))
        if not g["text"].strip():
            errors.append(f"{g['id']}: empty text")
        if (g["track"], g["competency"]) not in known:
            errors.append(f"{g['id']}: ({g['track']!r}, {g['competency']!r}) not in {g['ladder']}")
        if g["second"]:
            if (g["track"], g["second"]) not in known:
                errors.append(f"{g['id']}: second {g['second']!r} not in {g['ladder']} / {g['track']}")
            if g["second"] == g["competency"]:
                errors.append(f"{g['id']}: second equals competency")
            if not g["rationale"].strip():
                errors.append(f"{g['id']}: a second needs a rationale")
    for name, n in Counter(g["ladder"] for g in goals).items():
        if n / len(goals) > MAX_LADDER_SHARE:
            errors.append(f"{name} holds {n}/{len(goals)} rows, over {MAX_LADDER_SHARE:.0%}")
    return errors


def draw_final(per_source: Counter[str]) -> list[str]:
    sources = sorted(per_source)
    order = sources[:]
    random.Random(SEED).shuffle(order)
    need = max(MIN_FINAL_SOURCES, math.ceil(len(sources) / 4))
    final: list[str] = []
    rows = 0
    for s in order:
        if len(final) >= need and rows >= MIN_FINAL_ROWS:
            break
        final.append(s)
        rows += per_source[s]
    return final


# Goal ids by wave, in order: g... the first, n... the second, m... the third, then p, q, r, s, t, u, v, w, x, y and z
# for the fourth to the fourteenth, then k and j for the fifteenth and sixteenth, h, f, e, d, c, b, a and o for the
# seventeenth to the twenty-fourth, l for the twenty-sixth (the twenty-fifth had no goals; the newest is the final group).
WAVES = ("g", "n", "m", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "k", "j", "h", "f", "e", "d", "c", "b", "a", "o", "l")


def newest_wave(goals: list[dict[str, str]]) -> list[str]:
    """The sources of the newest wave present: the final group.

    Each wave's final group is scored once, reported, and then becomes tune data; the next wave is
    collected by labellers who never ran the suggester, so it is the group nobody tuned on. The first
    wave's final group was the seeded draw (``draw_final``).
    """
    newest = max(WAVES.index(g["id"][0]) for g in goals if g["id"][:1] in WAVES)
    return sorted({g["source"] for g in goals if g["id"].startswith(WAVES[newest])})


def write_csv(path: Path, columns: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)


def table(title: str, counts: Counter[str], total: int) -> str:
    lines = [f"| {title} | rows | share |", "|---|---:|---:|"]
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {key} | {n} | {n / total:.0%} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ladders", type=Path, default=DEFAULT_LADDERS)
    ap.add_argument("--check-only", action="store_true")
    args = ap.parse_args()

    goals = read_csv(DATA / "goals_real.csv", GOAL_COLUMNS)
    sources = read_csv(DATA / "goals_sources.csv", SOURCE_COLUMNS)
    errors = check(goals, sources, args.ladders)
    if errors:
        sys.exit("\n".join(errors))

    per_source = Counter(g["source"] for g in goals)
    final = set(newest_wave(goals))
    group = {s: ("final" if s in final else "tune") for s in sorted(per_source)}
    if not args.check_only:
        write_csv(DATA / "goals_real_split.csv", ["source", "group"], [[s, g] for s, g in group.items()])
        write_csv(
            DATA / "goals_real_unlabelled.csv",
            ["id", "text", "ladder", "track"],
            [[g["id"], g["text"], g["ladder"], g["track"]] for g in goals],
        )

    n = len(goals)
    ambiguous = sum(1 for g in goals if g["second"])
    by_group = Counter(group[g["source"]] for g in goals)
    print(f"rows {n}; sources {len(per_source)}; ladder files {len({g['ladder'] for g in goals})}; "
          f"ambiguous (with a second) {ambiguous} ({ambiguous / n:.0%})")
    print(f"final: {len(final)} sources, {by_group['final']} rows; tune: "
          f"{len(per_source) - len(final)} sources, {by_group['tune']} rows\n")
    print(table("ladder", Counter(g["ladder"] for g in goals), n), "\n")
    print(table("ladder / track", Counter(f"{g['ladder']} / {g['track']}" for g in goals), n), "\n")
    print("| source | rows | group |\n|---|---:|---|")
    for s in sorted(per_source, key=lambda s: (group[s], s)):
        print(f"| {s} | {per_source[s]} | {group[s]} |")


if __name__ == "__main__":
    main()
