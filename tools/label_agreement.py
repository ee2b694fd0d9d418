"""Print how well the two labelling passes agreed (Cohen's kappa) on the real-world corpora, from the files.

Pass 1 is the corpus as first labelled: the main CSV, except that a row listed in the disagreements file
carries its pass-1 label there (the main CSV holds the resolved label). Pass 2 is the independent second
pass made from the guide alone. Key results: binary kappa on `measurable`. Goals: kappa on the first
competency, and agreement that counts a match when the two passes' label sets ({first, second}) overlap.

    .venv/bin/python tools/label_agreement.py [--markdown]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences of equal length (any number of categories)."""
    if len(first) != len(second) or not first:
        raise ValueError("kappa needs two label sequences of the same, non-zero length")
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[label] * counts_b[label] for label in counts_a) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def kr_agreement(data: Path = DATA, corpus: str = "kr_real") -> dict[str, float]:
    """Rows, agreement, kappa and the number of disagreements of the two key-result passes; ``corpus``
    "kr_other_languages" for the key results not in English."""
    main = read_csv(data / f"{corpus}.csv")
    second = {r["id"]: r["measurable"] for r in read_csv(data / f"{corpus}_pass2.csv")}
    pass1_of = {r["id"]: r["pass1"] for r in read_csv(data / f"{corpus}_disagreements.csv")}
    ids = [r["id"] for r in main]
    first = [pass1_of.get(r["id"], r["measurable"]) for r in main]
    other = [second[i] for i in ids]
    agree = sum(a == b for a, b in zip(first, other, strict=True))
    return {"rows": len(ids), "agreement": agree / len(ids), "kappa": cohen_kappa(first, other),
            "disagreements": len(ids) - agree}


def goal_agreement(data: Path = DATA) -> dict[str, float]:
    """Rows, first-label agreement and kappa, and overlap agreement of the two goal passes."""
    main = read_csv(data / "goals_real.csv")
    second = {r["id"]: r for r in read_csv(data / "goals_real_pass2.csv")}
    pass1 = {r["id"]: r for r in read_csv(data / "goals_real_disagreements.csv")}

    def first_pass(row: dict[str, str]) -> tuple[str, str]:
        if row["id"] in pass1:
            return pass1[row["id"]]["pass1"], pass1[row["id"]]["pass1_second"]
        return row["competency"], row["second"]

    firsts, others, overlaps = [], [], 0
    for row in main:
        a, a2 = first_pass(row)
        b, b2 = second[row["id"]]["competency"], second[row["id"]]["second"]
        firsts.append(a)
        others.append(b)
        overlaps += bool({a, a2} - {""} & {b, b2} - {""})
    agree = sum(a == b for a, b in zip(firsts, others, strict=True))
    return {"rows": len(main), "agreement": agree / len(main), "kappa": cohen_kappa(firsts, others),
            "overlap": overlaps / len(main), "disagreements": len(main) - agree}


def markdown(kr: dict[str, float], goals: dict[str, float], other: dict[str, float] | None = None) -> str:
    """The agreement table as it appears in the README and the guides (``other``: the key results not in
    English, a last row)."""
    return "\n".join([
        "| corpus | rows | raw agreement | Cohen's kappa | disagreements (all resolved) |",
        "|---|---:|---:|---:|---:|",
        f"| key results, measurable 1/0 | {kr['rows']:.0f} | {kr['agreement']:.3f} | {kr['kappa']:.2f} | "
        f"{kr['disagreements']:.0f} |",
        f"| goals, first competency | {goals['rows']:.0f} | {goals['agreement']:.3f} | {goals['kappa']:.2f} | "
        f"{goals['disagreements']:.0f} |",
        f"| goals, either label set overlaps | {goals['rows']:.0f} | {goals['overlap']:.3f} | | |",
    ] + ([f"| key results not in English, measurable 1/0 | {other['rows']:.0f} | {other['agreement']:.3f} | "
          f"{other['kappa']:.2f} | {other['disagreements']:.0f} |"] if other else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the table only, as in the README")
    args = parser.parse_args(argv)
    kr, goals, other = kr_agreement(), goal_agreement(), kr_agreement(corpus="kr_other_languages")
    if not args.markdown:
        print("two labelling passes, pass 2 made from the guide alone; disagreements resolved in the main CSVs")
    print(markdown(kr, goals, other))
    return 0


if __name__ == "__main__":
    sys.exit(main())
