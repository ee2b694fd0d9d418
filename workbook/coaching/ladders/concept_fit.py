"""Fit the learnt concept model from labelled goals: the rows it learns from and the fit (tools and benchmarks)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .concept_model import (
    ALPHA,
    TRACK_ALPHA,
    ConceptModel,
    RankingExample,
    fit_concept_model,
    label_shares,
    prior_vector,
)
from .load import cached_ladder
from .suggest import CONCEPT_TOKENS, _goal_text, _skill_text, _suggester, _vocabulary


@dataclass(frozen=True)
class LabelledGoal:
    """One goal with its ladder file, track, labelled competency and acceptable second ("" when none), and
    where it comes from."""

    text: str
    ladder: Path
    track: str
    competency: str
    source: str
    second: str = ""


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
        (r["text"], r["ladder"], r["track"], r["competency"], r["source"], r.get("second", ""))
        for r in _read(data / "goals_real.csv")
        if groups[r["source"]] == group
    ]
    if own:
        rows += [(r["goal"], r["ladder"], r["track"], r["competency"], "own", "")
                 for r in _read(data / "ladder_goals.csv")]
    out = []
    for text, ladder, track, competency, source, second in rows:
        path = _locate(ladder, ladder_dirs)
        if path is not None and source not in skip:
            out.append(LabelledGoal(text, path, track, competency, source, second))
    return out


@cache
def _ranked(text: str, ladder: Path, track: str):  # type: ignore[no-untyped-def]
    """What the ranking knows of a goal before the learnt part: the text it reads (lead-ins and means of
    learning removed), the track's key, names and profiles, and the blend scores (cached: a leave-one-source-out
    run refits hundreds of times on the same goals)."""
    engine = _suggester(cached_ladder(ladder), track, "blend")
    skill = _skill_text(_goal_text(text))
    parts = engine.parts(skill)
    return skill, engine.key, tuple(engine.names), engine.profiles, engine.blend(parts), engine.part_matrix(skill, parts)


@cache
def _learnt_tokens(text: str) -> tuple[str, ...]:
    """The learnt model's tokens of a text (cached, as :func:`_ranked`: the same goals are read at every refit)."""
    return tuple(_vocabulary().learnt_tokens(text))


def fit_from_goals(goals: Sequence[LabelledGoal], alpha: float = ALPHA, track_alpha: float = TRACK_ALPHA,
                   start_from: ConceptModel | None = None) -> ConceptModel:
    """Fit the model on ``goals``: each track's prior, from how often each of its competencies is the label;
    then the learnt part, for the ranking of each goal's track (see :func:`fit_concept_model`, which also
    says what ``start_from`` does).
    """
    seen = [_ranked(goal.text, goal.ladder, goal.track) for goal in goals]
    priors = label_shares([(key, names, goal.competency) for goal, (_, key, names, _, _, _) in zip(goals, seen, strict=True)])
    examples = []
    for goal, (skill, key, names, profiles, blend, parts) in zip(goals, seen, strict=True):
        right = tuple(i for i, name in enumerate(names) if name in {goal.competency, goal.second})
        examples.append(RankingExample(skill, blend, prior_vector(priors, key, names), profiles, right, key, names,
                                       parts))
    return fit_concept_model(examples, CONCEPT_TOKENS, _learnt_tokens, alpha, priors=priors, track_alpha=track_alpha,
                             start_from=start_from)
