"""Print how well check_key_result agrees with the hand-labelled key results, against a has-a-digit baseline.

Splits: dev (the rules were tuned on it), holdout (labelled with dev before any rule was written) and blind
(written and labelled after a first version of the rules, scored once before its misses were looked at).
Usage: python benchmarks/kr_accuracy.py [--misses dev|holdout|blind|all]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

from workbook.coaching import check_key_result

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "kr_labels.csv"


def load_rows(path: Path = LABELS) -> list[dict[str, str]]:
    """Read the labelled set (columns text, measurable, note, split)."""
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def predict_has_digit(text: str) -> bool:
    """The naive baseline: a key result with a digit in it is measurable."""
    return bool(re.search(r"\d", text))


def score(rows: list[dict[str, str]], predict) -> float:  # type: ignore[no-untyped-def]
    """Share of rows where ``predict(text)`` equals the label; 0.0 for no rows."""
    if not rows:
        return 0.0
    return sum(predict(r["text"]) == (r["measurable"] == "1") for r in rows) / len(rows)


def print_confusion(rows: list[dict[str, str]], predict) -> None:  # type: ignore[no-untyped-def]
    """Print a 2x2 confusion matrix, labels down, predictions across."""
    cells = {(a, p): 0 for a in (True, False) for p in (True, False)}
    for r in rows:
        cells[(r["measurable"] == "1", predict(r["text"]))] += 1
    print("                     predicted measurable  predicted vague")
    print(f"  label measurable   {cells[(True, True)]:>20}  {cells[(True, False)]:>15}")
    print(f"  label vague        {cells[(False, True)]:>20}  {cells[(False, False)]:>15}")


def main(argv: list[str] | None = None) -> int:
    """Print accuracy (all, dev, holdout), the digit baseline, a confusion matrix and optionally misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", choices=["dev", "holdout", "blind", "all"], help="also list the rows it gets wrong"
    )
    args = parser.parse_args(argv)

    rows = load_rows()
    splits = {
        "all": rows,
        "dev": [r for r in rows if r["split"] == "dev"],
        "holdout": [r for r in rows if r["split"] == "holdout"],
        "blind": [r for r in rows if r["split"] == "blind"],
        "fresh": [r for r in rows if r["split"] == "fresh"],
    }

    def ours(text: str) -> bool:
        return check_key_result(text).measurable

    start = time.perf_counter()
    for r in rows:
        ours(r["text"])
    elapsed_ms = (time.perf_counter() - start) * 1000

    print(
        f"labelled key results: {len(rows)} ({sum(r['measurable'] == '1' for r in rows)} measurable), "
        f"dev {len(splits['dev'])}, holdout {len(splits['holdout'])}, blind {len(splits['blind'])}"
    )
    print(f"{'split':<8} {'n':>4} {'check_key_result':>17} {'has-a-digit':>12}")
    for name, part in splits.items():
        print(f"{name:<8} {len(part):>4} {score(part, ours):>17.3f} {score(part, predict_has_digit):>12.3f}")
    print("\nconfusion matrix, check_key_result, all rows:")
    print_confusion(rows, ours)
    print("\nconfusion matrix, has-a-digit baseline, all rows:")
    print_confusion(rows, predict_has_digit)
    print(f"\n{elapsed_ms / len(rows):.2f} ms per key result")

    if args.misses:
        print(f"\nmisses ({args.misses}):")
        for r in splits[args.misses]:
            verdict = check_key_result(r["text"])
            if verdict.measurable != (r["measurable"] == "1"):
                print(
                    f"  label={r['measurable']} [{r['split']}] {r['text']}\n      reasons: {verdict.reasons}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
