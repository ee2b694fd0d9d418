"""Print top-1/top-3 accuracy of goal-to-competency suggestions on real and own goals, source by source, in one table.

Data (tests/data): growth goals people published (goals_real.csv, collected in waves, each labelled with its best
competency and an acceptable second on a public ladder) split by source into *tune* (looked at while
improving the suggester) and *final* (the newest wave: scored once, never tuned on) in goals_real_split.csv; and goals
written for this project (ladder_goals.csv). A suggestion counts as right when it is the label or the
second. The public ladders come from ../shared/ladders-public: rows whose ladder is absent are skipped.

    .venv/bin/python benchmarks/ladder_suggest.py [--markdown] [--tune-only] [--misses tune|own]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _folds import map_folds  # beside this script: run as benchmarks/<name>.py

from workbook.coaching.ladders import Ladder, load_ladder, suggest_competencies
from workbook.coaching.ladders.concept_fit import fit_from_goals, labelled_goals
from workbook.coaching.ladders.concept_model import ConceptModel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PUBLIC = ROOT.parent / "shared" / "ladders-public"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def locate_ladder(name: str) -> Path | None:
    for folder in (ROOT / "ladders", PUBLIC):
        if (folder / name).is_file():
            return folder / name
    return None


@dataclass
class Ranked:
    """One labelled goal with the suggester's top three (and the plain TF-IDF baseline's)."""

    text: str
    source: str
    right: frozenset[str]
    blend: list[str]
    tfidf: list[str]

    def top(self, method: str, k: int) -> bool:
        return bool(self.right & set(getattr(self, method)[:k]))


LADDER_DIRS = (ROOT / "ladders", PUBLIC)


def rank(rows: list[dict[str, str]], ladders: dict[str, Ladder], concepts: ConceptModel | None = None) -> list[Ranked]:
    """Top three of both methods for every row whose ladder file is here (text in 'text' or 'goal'), the
    learnt part read from ``concepts`` (default: the shipped model)."""
    out = []
    for row in rows:
        path = locate_ladder(row["ladder"])
        if path is None:
            continue
        if row["ladder"] not in ladders:
            ladders[row["ladder"]] = load_ladder(path)
        ladder = ladders[row["ladder"]]
        text = row.get("text") or row["goal"]
        names = {
            method: [
                s.competency
                for s in suggest_competencies(text, ladder, track=row["track"], top=3, method=method, concepts=concepts)
            ]
            for method in ("blend", "tfidf")
        }
        right = frozenset(x for x in (row["competency"], row.get("second", "")) if x)
        out.append(Ranked(text, row.get("source", "own"), right, names["blend"], names["tfidf"]))
    return out


def share(rows: Sequence[Ranked], method: str, k: int) -> float:
    return sum(r.top(method, k) for r in rows) / len(rows) if rows else float("nan")


def per_source(rows: Sequence[Ranked], k: int) -> dict[str, float]:
    return {s: share([r for r in rows if r.source == s], "blend", k) for s in sorted({r.source for r in rows})}


def table(tune: list[Ranked], final: list[Ranked] | None, own: list[Ranked], own_only: list[Ranked]) -> str:
    """The one table: slices down; the suggester's and the baseline's top-1 and top-3 across (Markdown)."""
    lines = [
        "| goals | rows | top-1 | top-3 | TF-IDF baseline top-1 | top-3 |",
        "|---|---:|---:|---:|---:|---:|",
    ]

    def row(name: str, part: Sequence[Ranked]) -> None:
        lines.append(
            f"| {name} | {len(part)} | {share(part, 'blend', 1):.3f} | {share(part, 'blend', 3):.3f} | "
            f"{share(part, 'tfidf', 1):.3f} | {share(part, 'tfidf', 3):.3f} |"
        )

    def sources(name: str, part: Sequence[Ranked]) -> None:
        one, three = per_source(part, 1), per_source(part, 3)
        lines.append(
            f"| {name}: mean over {len(one)} sources | | {statistics.mean(one.values()):.3f} | "
            f"{statistics.mean(three.values()):.3f} | | |"
        )
        for label, scores in (("top-1", one), ("top-3", three)):
            worst = min(scores, key=lambda s: (scores[s], s))
            n = sum(r.source == worst for r in part)
            lines.append(
                f"| {name}: worst source by {label} ({worst}, {n} rows) | {n} | {one[worst]:.3f} | "
                f"{three[worst]:.3f} | | |"
            )

    row("real goals, tune sources (looked at; learnt part left out per source)", tune)
    sources("tune", tune)
    if final is not None:
        row("real goals, final sources (never tuned on)", final)
        sources("final", final)
    row("our own goals (ladder_goals.csv, own and public ladders; learnt part fitted without them)", own)
    row("our own goals on our own ladders", own_only)
    return "\n".join(lines)


def time_per_goal(rows: list[dict[str, str]], ladders: dict[str, Ladder]) -> tuple[float, float]:
    """(ms per goal on a loaded ladder, ms to load and fit the first time) over the real goals."""
    loaded = [(r, ladders[r["ladder"]]) for r in rows if r["ladder"] in ladders]
    started = time.perf_counter()
    for row, ladder in loaded:
        suggest_competencies(row["text"], ladder, track=row["track"], top=3)
    warm = (time.perf_counter() - started) * 1000 / len(loaded)
    fresh = {name: load_ladder(locate_ladder(name)) for name in {r["ladder"] for r, _ in loaded}}  # type: ignore[arg-type]
    started = time.perf_counter()
    for name, ladder in fresh.items():
        track = next(r["track"] for r, _ in loaded if r["ladder"] == name)
        suggest_competencies("Mentor a new engineer", ladder, track=track)
    cold = (time.perf_counter() - started) * 1000 / len(fresh)
    return warm, cold


_REAL: list[dict[str, str]] = []  # the real goals, for the worker processes of leave_one_source_out
_START: list[ConceptModel] = []  # the fit on every tune goal, which each left-out fit starts from
_LADDERS: dict[str, Ladder] = {}  # the ladders loaded so far, by file name (shared by every ranking here)


def _left_out(source: str) -> list[Ranked]:
    """The rows of ``source`` ranked with a learnt model fitted without it."""
    model = fit_from_goals(labelled_goals(DATA, LADDER_DIRS, leave_out={source}), start_from=_START[0])
    return rank([r for r in _REAL if r["source"] == source], _LADDERS, model)


def leave_one_source_out(real: list[dict[str, str]], sources: Sequence[str]) -> list[Ranked]:
    """Each source's rows ranked with a model fitted without it, in ``sources``' order. Each fit starts from
    the fit on all the goals (the parent's, which also reads every goal once: the children inherit those
    caches) and stops at the same tolerance as a fit from zero, in about half the steps (on the folds
    compared, the same rankings; the numbers differ at most in their last rounded digit). The folds are
    independent, so they run in one forked process per core, with the same numbers as one after another."""
    _REAL[:] = real
    _START[:] = [fit_from_goals(labelled_goals(DATA, LADDER_DIRS))]
    rank([next(r for r in real if r["ladder"] == name) for name in sorted({r["ladder"] for r in real})], _LADDERS)
    return map_folds(_left_out, sources)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the table only, as in the README")
    parser.add_argument("--tune-only", action="store_true", help="leave the final sources out (while developing)")
    parser.add_argument("--misses", choices=["tune", "own"], help="also list the goals missed at top-1")
    args = parser.parse_args(argv)
    if not PUBLIC.is_dir():
        print(f"{PUBLIC} is absent: the real goals are labelled on public ladders; nothing to measure")
        return 0
    groups = {r["source"]: r["group"] for r in read_csv("goals_real_split.csv")}
    real = read_csv("goals_real.csv")
    ladders = _LADDERS
    # Tune rows: leave-one-source-out, each source ranked with a learnt model fitted without it.
    tune = leave_one_source_out(real, sorted({r["source"] for r in real if groups[r["source"]] == "tune"}))
    final = None if args.tune_only else rank([r for r in real if groups[r["source"]] == "final"], ladders)
    own_rows = read_csv("ladder_goals.csv")
    # Our own goals: ranked with a learnt model fitted on the real tune goals only.
    own_model = fit_from_goals(labelled_goals(DATA, LADDER_DIRS, own=False), start_from=_START[0])
    own = rank(own_rows, ladders, own_model)
    own_only = rank([r for r in own_rows if (ROOT / "ladders" / r["ladder"]).is_file()], ladders, own_model)
    print(table(tune, final, own, own_only))
    if args.markdown:
        return 0
    warm, cold = time_per_goal(real, ladders)
    print(f"\n{warm:.1f} ms per goal on a loaded ladder; {cold:.0f} ms for the first goal on a ladder (fits its vectorizers)")
    if args.misses:
        for r in tune if args.misses == "tune" else own:
            if not r.top("blend", 1):
                print(f"  [{r.source}] {r.text[:100]!r}: want {sorted(r.right)}, got {r.blend}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
