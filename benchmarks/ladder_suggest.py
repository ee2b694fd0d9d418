"""Print top-1/top-3 accuracy of goal-to-competency suggestions: plain TF-IDF baseline vs the blend.

Reads tests/data/ladder_goals.csv (goals written for this project, with the competency each one should
map to). Rows for the public ladders need ../shared/ladders-public and are skipped without it.

    .venv/bin/python benchmarks/ladder_suggest.py [--misses]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from workbook.coaching.ladders import Ladder, load_ladder, suggest_competencies

ROOT = Path(__file__).resolve().parents[1]
GOALS = ROOT / "tests" / "data" / "ladder_goals.csv"
PUBLIC = ROOT.parent / "shared" / "ladders-public"


def read_goals() -> list[dict[str, str]]:
    """The goals whose ladder file is available (own ladders always, public ones when present)."""
    with GOALS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row for row in rows if locate_ladder(row["ladder"]) is not None]


def locate_ladder(name: str) -> Path | None:
    for folder in (ROOT / "ladders", PUBLIC):
        if (folder / name).is_file():
            return folder / name
    return None


def measure(
    rows: list[dict[str, str]], method: str, ladders: dict[str, Ladder]
) -> tuple[float, float, list[str]]:
    """Top-1 and top-3 accuracy of ``method`` over ``rows``, and a line per top-1 miss."""
    top1 = top3 = 0
    misses = []
    for row in rows:
        ladder = ladders.setdefault(row["ladder"], load_ladder(locate_ladder(row["ladder"])))  # type: ignore[arg-type]
        names = [
            s.competency
            for s in suggest_competencies(row["goal"], ladder, track=row["track"], top=3, method=method)
        ]
        top1 += names[:1] == [row["competency"]]
        top3 += row["competency"] in names
        if names[:1] != [row["competency"]]:
            misses.append(f"  {row['goal'][:60]!r}: want {row['competency']!r}, got {names}")
    return top1 / len(rows), top3 / len(rows), misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the goals the blend gets wrong at top-1")
    args = parser.parse_args()
    rows = read_goals()
    ladders: dict[str, Ladder] = {}
    print(
        f"{len(rows)} goals ({sum(r['split'] == 'dev' for r in rows)} dev, {sum(r['split'] == 'holdout' for r in rows)} holdout)"
    )
    print(f"{'method':<8} {'split':<8} {'top-1':>6} {'top-3':>6}")
    for method in ("tfidf", "blend"):
        for split in ("dev", "holdout", "all"):
            subset = [r for r in rows if split == "all" or r["split"] == split]
            if not subset:
                continue
            started = time.perf_counter()
            top1, top3, misses = measure(subset, method, ladders)
            elapsed = (time.perf_counter() - started) / len(subset) * 1000
            print(
                f"{method:<8} {split:<8} {top1:6.3f} {top3:6.3f}   ({elapsed:.1f} ms per goal, vectorizer fits included)"
            )
            if args.misses and method == "blend" and split == "all":
                print("\n".join(misses))


if __name__ == "__main__":
    main()
