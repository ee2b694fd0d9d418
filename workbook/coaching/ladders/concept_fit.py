"""Fit the learnt concept model from labelled goals: the rows it learns from and the fit (tools and benchmarks)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .concept_model import ALPHA, ConceptModel, fit_concept_model, label_shares
from .load import cached_ladder
from .suggest import CONCEPT_TOKENS, _goal_text, _skill_text, _suggester, _vocabulary


@dataclass(frozen=True)
class LabelledGoal:
    """One goal with its ladder file, track and labelled competency (and where it comes from)."""

    text: str
    ladder: Path
    track: str
    competency: str
    source: str


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _locate(name: str, ladder_dirs: Sequence[Path]) -> Path | None:
    for folder in ladder_dirs:
        if (folder / name).is_file():
            return folder / name
    return None


def labelled_goals(data: Path, ladder_dirs: Sequence[Path], *, group: str = "tune", own: bool = True,
                   leave_out: Iterable[str] = ()) -> list[LabelledGoal]:
    """The goals of ``tests/data``: the real goals (goals_real.csv) of sources in ``group``
    (goals_real_split.csv), and with ``own`` our own goals (ladder_goals.csv, source "own"), without the
    sources in ``leave_out``. Rows whose ladder file is in none of ``ladder_dirs`` are skipped.
    """
    skip = set(leave_out)
    groups = {r["source"]: r["group"] for r in _read(data / "goals_real_split.csv")}
    rows = [
        (r["text"], r["ladder"], r["track"], r["competency"], r["source"])
        for r in _read(data / "goals_real.csv")
        if groups[r["source"]] == group
    ]
    if own:
        rows += [(r["goal"], r["ladder"], r["track"], r["competency"], "own")
                 for r in _read(data / "ladder_goals.csv")]
    out = []
    for text, ladder, track, competency, source in rows:
        path = _locate(ladder, ladder_dirs)
        if path is not None and source not in skip:
            out.append(LabelledGoal(text, path, track, competency, source))
    return out


def fit_from_goals(goals: Sequence[LabelledGoal], alpha: float = ALPHA) -> ConceptModel:
    """Fit the model: each goal's text (lead-ins and means of learning removed, as the suggester reads it)
    against the concept profile of its labelled competency on its own ladder and track; and each track's
    prior, from how often each of its competencies is the label.
    """
    texts, targets, labels = [], [], []
    for goal in goals:
        engine = _suggester(cached_ladder(goal.ladder), goal.track, "blend")
        texts.append(_skill_text(_goal_text(goal.text)))
        targets.append(engine.profiles[engine.names.index(goal.competency)])
        labels.append((engine.key, engine.names, goal.competency))
    return fit_concept_model(texts, targets, CONCEPT_TOKENS, _vocabulary().learnt_tokens, alpha,
                             priors=label_shares(labels))
