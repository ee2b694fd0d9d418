"""Refit the key-result measurability weights from the labelled corpora and write workbook/coaching/kr_weights.json.

Trains on our own labelled key results (tests/data/kr_labels.csv) and the real-world key results of the
*tune* sources (tests/data/kr_real.csv, groups in kr_real_split.csv). The final sources are never read.
Deterministic: the same data gives the same file. `--check` compares a refit with the committed file and
exits 1 when they differ (the test suite runs it).

    .venv/bin/python tools/fit_kr_model.py [--check]
"""

from __future__ import annotations

import json
import sys

from refit_cli import ROOT, TOLERANCE, Refit, run

from workbook.coaching.kr_model import (
    REGULARIZATION,
    WEIGHTS_FILE,
    fit_weights,
    training_examples,
    weights_json,
)

DATA = ROOT / "tests" / "data"
TARGET = ROOT / "workbook" / "coaching" / WEIGHTS_FILE
TRAINED_ON = "tests/data/kr_labels.csv (all rows) + tests/data/kr_real.csv (sources of group 'tune' only)"


def differences(committed: dict, refit: dict) -> list[str]:
    out = []
    if committed.get("verdict_threshold", 0.5) != refit.get("verdict_threshold", 0.5):
        out.append(f"verdict_threshold {committed.get('verdict_threshold', 0.5)} vs {refit.get('verdict_threshold', 0.5)}")
    if abs(committed["intercept"] - refit["intercept"]) > TOLERANCE:
        out.append(f"intercept {committed['intercept']} vs {refit['intercept']}")
    for name in sorted(set(committed["weights"]) | set(refit["weights"])):
        a, b = committed["weights"].get(name), refit["weights"].get(name)
        if a is None or b is None or abs(a - b) > TOLERANCE:
            out.append(f"{name}: committed {a}, refit {b}")
    for term in sorted(set(committed.get("words", {})) | set(refit.get("words", {}))):
        a, b = committed.get("words", {}).get(term), refit.get("words", {}).get(term)
        if a is None or b is None or abs(a - b) > TOLERANCE:
            out.append(f"word {term!r}: committed {a}, refit {b}")
    return out


def refit() -> Refit:
    fitted = fit_weights(training_examples(DATA), c=REGULARIZATION)
    text = weights_json(fitted, TRAINED_ON)
    return Refit(text, json.loads(text), f"{fitted['rows']} rows, {len(fitted['weights'])} weights, "
                 f"{len(fitted['words'])} words")


if __name__ == "__main__":
    sys.exit(run("fit_kr_model.py", __doc__ or "", TARGET, refit, differences))
