"""A learnt link from a goal's words to the concepts of the suggester's concept map, read from a shipped file.

The concept map says which words belong to which area ("talk" -> communication); a ladder's competencies
each have a profile over those areas, read from their names and expectation texts. This model adds
what the map cannot write down: from growth goals labelled with their competency, a ridge regression
learnt which goal words point to which competency profile ("shadow another department" -> business,
teamwork). It is ladder-neutral, so it helps on any ladder, a team's own included.

It also keeps, for each track the labelled goals were labelled on, how often each competency was the
label (a smoothed share): on a data scientist's track most growth goals are about the craft, and a
tie between the craft and a rarer competency should go to the craft. A track no labelled goal was
labelled on (a team's own ladder, a public ladder's other tracks) has no prior and is ranked by the text
alone. A track is known by its name and its competencies' names (``track_key``), not by a file path. The
numbers live in ``goal_concepts.json`` (made by ``tools/fit_goal_concepts.py``); predicting needs only numpy.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

MODEL_FILE = "goal_concepts.json"
# Ridge strength and the weight of the learnt part in the ranking, chosen by leave-one-source-out
# accuracy over the tune sources of tests/data/goals_real.csv (benchmarks/ladder_suggest.py --sweep).
ALPHA = 1.0
WEIGHT = 0.2
# The track prior: its add-one smoothing and its weight in the ranking, chosen by leave-one-source-out over
# the tune sources of waves 1-13 before wave 15 was read (top-1 0.602 -> 0.650, top-3 0.864 -> 0.888 at 0.3;
# 0.4 gains 0.003 more there but costs our own goal set 4 goals, 0.6 loses on both).
PRIOR_SMOOTHING = 1.0
PRIOR_WEIGHT = 0.3


def track_key(track: str, competencies: Sequence[str]) -> str:
    """A track's identity for the prior: its name and its competencies' names, in order (not the file's path)."""
    text = "\x1f".join([track, *competencies])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class ConceptModel:
    """Token weights (sublinear tf-idf, l2-normalised, as scikit-learn computes them) -> concept profile."""

    def __init__(self, concepts: Sequence[str], idf: dict[str, float], coef: dict[str, list[float]],
                 intercept: Sequence[float], priors: dict[str, dict[str, float]] | None = None) -> None:
        import numpy as np

        self.concepts = tuple(concepts)
        self.idf = idf
        self.coef = {token: np.asarray(row, dtype=float) for token, row in coef.items()}
        self.intercept = np.asarray(intercept, dtype=float)
        self.priors = priors or {}

    def prior(self, key: str, competencies: Sequence[str]):  # type: ignore[no-untyped-def]
        """Each competency's share of the labels on the track ``key`` (zeros for a track with no labelled goals)."""
        import numpy as np

        shares = self.priors.get(key, {})
        return np.array([shares.get(name, 0.0) for name in competencies], dtype=float)

    def predict(self, tokens: Sequence[str]):  # type: ignore[no-untyped-def]
        """The predicted concept profile (one value per concept) of a goal's tokens; None when no token is known."""
        counts = Counter(t for t in tokens if t in self.idf)
        if not counts:
            return None
        weights = {t: (1.0 + math.log(n)) * self.idf[t] for t, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        out = self.intercept.copy()
        for token, w in weights.items():
            out += (w / norm) * self.coef[token]
        return out

    def to_json(self, trained_on: str, rows: int) -> str:
        """The model file's text: what it is, then the numbers (sorted, rounded: a refit gives the same file)."""
        data: dict[str, Any] = {
            "about": "Learnt link from goal words to the concept map's areas (ridge regression). Made by "
                     "tools/fit_goal_concepts.py; do not edit by hand.",
            "trained_on": trained_on,
            "rows": rows,
            "alpha": ALPHA,
            "concepts": list(self.concepts),
            "intercept": [round(float(v), 4) for v in self.intercept],
            "idf": {t: round(self.idf[t], 4) for t in sorted(self.idf)},
            "coef": {t: [round(float(v), 4) for v in self.coef[t]] for t in sorted(self.coef)},
            "prior_smoothing": PRIOR_SMOOTHING,
            "priors": {k: {c: round(v, 4) for c, v in sorted(self.priors[k].items())} for k in sorted(self.priors)},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ConceptModel:
        data = json.loads(text)
        return cls(data["concepts"], data["idf"], data["coef"], data["intercept"], data.get("priors", {}))


def label_shares(labels: Sequence[tuple[str, Sequence[str], str]],
                 smoothing: float = PRIOR_SMOOTHING) -> dict[str, dict[str, float]]:
    """Each track's prior from labelled goals, given as (track key, the track's competencies, the label):
    (goals labelled c + smoothing) / (goals on the track + smoothing x competencies)."""
    counts: dict[str, Counter[str]] = {}
    names: dict[str, Sequence[str]] = {}
    for key, competencies, label in labels:
        counts.setdefault(key, Counter())[label] += 1
        names[key] = competencies
    out = {}
    for key, seen in counts.items():
        total = sum(seen.values()) + smoothing * len(names[key])
        out[key] = {name: (seen[name] + smoothing) / total for name in names[key]}
    return out


def fit_concept_model(texts: Sequence[str], targets: Sequence[Sequence[float]], concepts: Sequence[str],
                      analyze: Callable[[str], list[str]], alpha: float = ALPHA,
                      priors: dict[str, dict[str, float]] | None = None) -> ConceptModel:
    """Fit the ridge regression from goal texts to their labelled competency's concept profile, and keep
    ``priors`` (see :func:`label_shares`). Deterministic (closed form). Needs scikit-learn, imported here only.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    vectorizer = TfidfVectorizer(analyzer=analyze, sublinear_tf=True)
    matrix = vectorizer.fit_transform(list(texts))
    model = Ridge(alpha=alpha).fit(matrix, np.asarray(targets, dtype=float))
    tokens = vectorizer.get_feature_names_out()
    idf = {str(t): float(v) for t, v in zip(tokens, vectorizer.idf_, strict=True)}
    coef = {str(t): [float(v) for v in model.coef_[:, j]] for j, t in enumerate(tokens)}
    # Round-trip through the file format, so a fitted model and a loaded one predict the same.
    fitted = ConceptModel(concepts, idf, coef, [float(v) for v in model.intercept_], priors)
    return ConceptModel.from_json(fitted.to_json("", len(texts)))


@lru_cache(maxsize=1)
def shipped_model() -> ConceptModel | None:
    """The committed model, or None when the file is absent (suggestions then use the concept map alone)."""
    try:
        text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return ConceptModel.from_json(text)
