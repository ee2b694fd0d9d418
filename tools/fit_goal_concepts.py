"""Refit the suggester's learnt concept model from the labelled goals and write workbook/coaching/ladders/goal_concepts.json.

Trains on our own goals (tests/data/ladder_goals.csv) and the real goals of the *tune* sources
(tests/data/goals_real.csv, groups in goals_real_split.csv): counts each track's labels for its prior, then
fits the word weights for the ranking of each goal's track (concept_model.py); the final sources are never read. Needs the ladders the goals are labelled on
(ladders/ and ../shared/ladders-public). Deterministic: the same data gives the same file. `--check`
compares a refit with the committed file and exits 1 when they differ (the test suite runs it).

    .venv/bin/python tools/fit_goal_concepts.py [--check]
"""

from __future__ import annotations

import json
import sys

from refit_cli import ROOT, TOLERANCE, Refit, run, worst_difference

from workbook.coaching.ladders.concept_fit import fit_from_goals, labelled_goals
from workbook.coaching.ladders.concept_model import MODEL_FILE

DATA = ROOT / "tests" / "data"
LADDER_DIRS = (ROOT / "ladders", ROOT.parent / "shared" / "ladders-public")
TARGET = ROOT / "workbook" / "coaching" / "ladders" / MODEL_FILE
TRAINED_ON = "tests/data/ladder_goals.csv (all rows) + tests/data/goals_real.csv (sources of group 'tune' only)"


def track_weights(data: dict) -> dict[tuple[str, str, str], float]:
    """The track part of a model file as (track, competency, word) -> weight."""
    return {(key, name, word): row[i]
            for key, track in data.get("track_coef", {}).items()
            for word, row in track["words"].items() for i, name in enumerate(track["competencies"])}


def differences(committed: dict, refit: dict) -> list[str]:
    out = []
    for key in ("concepts", "rows"):
        if committed[key] != refit[key]:
            out.append(f"{key} differ")
    if set(committed["coef"]) != set(refit["coef"]):
        out.append(f"vocabulary differs: {len(committed['coef'])} vs {len(refit['coef'])} tokens")
        return out
    if {k: sorted(v) for k, v in committed.get("priors", {}).items()} != {k: sorted(v) for k, v in refit["priors"].items()}:
        out.append("track priors differ: the labelled tracks or their competencies changed")
        return out
    if set(committed.get("part_weights", {})) != set(refit.get("part_weights", {})):
        out.append("the blend parts with a fitted weight differ")
        return out
    pairs = [([committed["learnt_scale"], committed["prior_scale"]], [refit["learnt_scale"], refit["prior_scale"]])]
    pairs += [([committed["part_weights"][k]], [refit["part_weights"][k]]) for k in committed.get("part_weights", {})]
    pairs += [([committed["priors"][k][c]], [refit["priors"][k][c]]) for k in refit["priors"] for c in refit["priors"][k]]
    before, after = track_weights(committed), track_weights(refit)
    if before.keys() != after.keys():
        out.append(f"track part differs: {len(before)} vs {len(after)} (track, competency, word) weights")
        return out
    pairs += [([before[k]], [after[k]]) for k in before]
    pairs += [(committed["coef"][t], refit["coef"][t]) for t in committed["coef"]]
    pairs += [([committed["idf"][t]], [refit["idf"][t]]) for t in committed["idf"]]
    worst = worst_difference(pairs)
    if worst > TOLERANCE:
        out.append(f"a number moved by {worst:.4f}")
    return out


def refit() -> Refit | str:
    if not LADDER_DIRS[1].is_dir():
        return f"{LADDER_DIRS[1]} is absent: the real goals are labelled on its ladders; cannot refit"
    goals = labelled_goals(DATA, LADDER_DIRS)
    model = fit_from_goals(goals)
    text = model.to_json(TRAINED_ON, len(goals))
    return Refit(text, json.loads(text), f"{len(goals)} goals, {len(model.coef)} tokens")


if __name__ == "__main__":
    sys.exit(run("fit_goal_concepts.py", __doc__ or "", TARGET, refit, differences))
