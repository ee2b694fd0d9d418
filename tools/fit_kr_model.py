"""Refit the key-result measurability weights from the labelled corpora and write workbook/coaching/kr_weights.json.

Trains on our own labelled key results (tests/data/kr_labels.csv) and the real-world key results of the
*tune* sources (tests/data/kr_real.csv, groups in kr_real_split.csv). The final sources are never read.
Deterministic: the same data gives the same file. `--check` compares a refit with the committed file and
exits 1 when they differ (the test suite runs it).

    .venv/bin/python tools/fit_kr_model.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbook.coaching.kr_model import (
    REGULARIZATION,
    WEIGHTS_FILE,
    fit_weights,
    training_examples,
    weights_json,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TARGET = ROOT / "workbook" / "coaching" / WEIGHTS_FILE
TRAINED_ON = "tests/data/kr_labels.csv (all rows) + tests/data/kr_real.csv (sources of group 'tune' only)"
# lbfgs stops at a tolerance; another BLAS may move a weight in its last rounded digit, never more.
TOLERANCE = 0.002


def differences(committed: dict, refit: dict) -> list[str]:
    out = []
    if abs(committed["intercept"] - refit["intercept"]) > TOLERANCE:
        out.append(f"intercept {committed['intercept']} vs {refit['intercept']}")
    for name in sorted(set(committed["weights"]) | set(refit["weights"])):
        a, b = committed["weights"].get(name), refit["weights"].get(name)
        if a is None or b is None or abs(a - b) > TOLERANCE:
            out.append(f"{name}: committed {a}, refit {b}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare a refit with the committed file; write nothing")
    args = parser.parse_args(argv)
    fitted = fit_weights(training_examples(DATA), c=REGULARIZATION)
    if args.check:
        committed = json.loads(TARGET.read_text(encoding="utf-8"))
        diff = differences(committed, fitted)
        if diff:
            print(f"{TARGET.relative_to(ROOT)} differs from a refit; run python tools/fit_kr_model.py")
            print("\n".join("  " + d for d in diff))
            return 1
        print(f"{TARGET.relative_to(ROOT)} equals a refit ({fitted['rows']} rows, {len(fitted['weights'])} weights)")
        return 0
    TARGET.write_text(weights_json(fitted, TRAINED_ON), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {fitted['rows']} rows, {len(fitted['weights'])} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
