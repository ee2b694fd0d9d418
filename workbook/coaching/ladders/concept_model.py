"""A learnt link from a goal's words to the concept map's areas, and each labelled track's prior, read from a shipped file.

The concept map says which words belong to which area ("talk" -> communication); a ladder's competencies
each have a profile over those areas, read from their names and expectation texts. This model adds what
the map cannot write down. From growth goals labelled with their competency it learnt, for each goal word,
a weight on each area ("shadow another department" -> business, teamwork): a goal's words give it a
vector over the areas, and each competency gains that vector's dot product with its profile. The weights
are fitted for the ranking itself: a softmax over the competencies of the goal's track, whose scores are
the text's blend score, the track's prior and this learnt part, maximising the chance of the labelled
competency (or its acceptable second), with an L2 penalty on the word weights. The fit also sets how
much the prior and the learnt part count next to the blend score. It is ladder-neutral (areas, not
competency names), so it helps on any ladder, a team's own included.

The track part: on a track that labelled goals were labelled on, each word also has a weight for each of the
track's competencies by name ("Advent of Code" -> Independent Working on one track), fitted in the same
softmax with its own L2 penalty. It learns what the labels of that track follow that the areas cannot say; a
word only gets a weight for a track whose goals used it, and a track no labelled goal was labelled on gets
none (it is ranked as before).

The prior: for each track the labelled goals were labelled on, how often each competency was the label (a
smoothed share). On a data scientist's track most growth goals are about the craft, and a tie between the
craft and a rarer competency should go to the craft. It enters the ranking as the log share (0 for an even
share) with three fitted weights: its own, and two that fade it as the text gets clearer (times the goal's best
blend score, and times the competency's own): a track's usual competency breaks a tie but does not overrule a
goal that plainly names another ("Understand TCP and the OSI layers" is Networking on a track where most goals
are the craft). A track no labelled goal was labelled on (a team's
own ladder, a public ladder's other tracks) has no prior and is ranked by the text alone. A track is known
by its name and its competencies' names (``track_key``), not by a file path. The numbers live in
``goal_concepts.json`` (made by ``tools/fit_goal_concepts.py``); predicting needs only numpy.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

MODEL_FILE = "goal_concepts.json"
# The L2 penalty on the word weights, chosen by grouped 10-fold cross-validation over the tune sources of
# tests/data/goals_real.csv before wave 17 was read (top-1 0.697 there, our own goals 0.831): 3e-5 gains 0.007
# top-1 and 1e-4 nothing, but they cost our own goal set 5 and 4 goals; 1e-3 loses 0.027 top-1.
ALPHA = 3e-4
# The L2 penalty on the track part's weights, chosen by grouped 10-fold cross-validation over the tune sources
# before wave 24 was read (top-1 0.696 without the part; 1e-3 0.698, 3e-4 0.706, 1e-4 0.711, 3e-5 0.710, 1e-5
# 0.708; 1e-4 also gave the best top-1 + top-3). 0 turns the part off.
TRACK_ALPHA = 1e-4
# The blend's parts (suggest.py's similarities of a goal to each competency's texts and name): the fit adds to the
# blend's fixed weights one weight per part, under this L2 penalty (inf: none, the blend as fixed). Chosen at
# 1e-3 against 1e-5 and none by leave-one-source-out (docs/decisions/0009).
PARTS = ("word_doc", "word_max", "char_doc", "char_max", "concept_doc", "name")
PART_ALPHA = 1e-3
PRIOR_SMOOTHING = 1.0


def track_key(track: str, competencies: Sequence[str]) -> str:
    """A track's identity for the prior: its name and its competencies' names, in order (not the file's path)."""
    text = "\x1f".join([track, *competencies])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class ConceptModel:
    """Token weights (sublinear tf-idf, l2-normalised, as scikit-learn computes them) -> a vector over the
    concepts; ranking = blend + the prior part (:meth:`prior_part`) + ``learnt_scale`` x (profile . vector + track part).
    ``tracks`` holds the track part: track key -> (its competencies, sorted; each word -> its weights over them)."""

    def __init__(self, concepts: Sequence[str], idf: dict[str, float], coef: dict[str, list[float]],
                 learnt_scale: float = 1.0, prior_scale: float = 0.0,
                 priors: dict[str, dict[str, float]] | None = None,
                 tracks: Mapping[str, tuple[Sequence[str], Mapping[str, Any]]] | None = None,
                 prior_fade: Sequence[float] = (0.0, 0.0), part_weights: Sequence[float] | None = None) -> None:
        import numpy as np

        self.concepts = tuple(concepts)
        self.idf = idf
        self.coef = {token: np.asarray(row, dtype=float) for token, row in coef.items()}
        self.learnt_scale = float(learnt_scale)
        self.prior_scale = float(prior_scale)
        self.priors = priors or {}
        self.prior_fade = tuple(float(v) for v in prior_fade)
        self.tracks = {key: (tuple(names), {t: np.asarray(row, dtype=float) for t, row in words.items()})
                       for key, (names, words) in (tracks or {}).items()}
        self.part_weights = np.asarray(part_weights if part_weights is not None else [0.0] * len(PARTS), dtype=float)
        self.blend_weight = 0.0  # set by fit_concept_model on a model it fitted (the raw weight of the blend score)

    @property
    def prior_weights(self):  # type: ignore[no-untyped-def]
        """The weights of :func:`prior_terms`' columns, in blend-score units: ``prior_scale``, then ``prior_fade``."""
        import numpy as np

        return np.array([self.prior_scale, *self.prior_fade])

    def prior_part(self, key: str, competencies: Sequence[str], blend: Any):  # type: ignore[no-untyped-def]
        """Each competency's prior part for a goal whose blend scores are ``blend`` (zeros on a track with no
        labelled goals): the log prior times ``prior_scale``, faded by the goal's best blend score and by the
        competency's own (``prior_fade``; see :func:`prior_terms`), shifted so that the least is 0. The shift
        changes no ranking (the fit's softmax does not see it), but a log share is below 0 for a rare
        competency, and unshifted it would push one the text matched below zero, out of the suggestions."""
        part = prior_terms(self.prior(key, competencies), blend) @ self.prior_weights
        return part - part.min() if len(part) else part

    def track_weight(self, key: str, competency: str, token: str) -> float:
        """One weight of the track part (0 where the model has none)."""
        names, words = self.tracks.get(key, ((), {}))
        row = words.get(token)
        return float(row[names.index(competency)]) if row is not None and competency in names else 0.0

    def prior(self, key: str, competencies: Sequence[str]):  # type: ignore[no-untyped-def]
        """Each competency's share of the labels on the track ``key`` (zeros for a track with no labelled goals)."""
        return prior_vector(self.priors, key, competencies)

    def token_weights(self, tokens: Sequence[str]) -> dict[str, float]:
        """The known tokens' weights: sublinear tf-idf, l2-normalised (empty when no token is known)."""
        counts = Counter(t for t in tokens if t in self.idf)
        weights = {t: (1.0 + math.log(n)) * self.idf[t] for t, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def predict(self, tokens: Sequence[str]):  # type: ignore[no-untyped-def]
        """A goal's vector over the concepts, from its tokens; None when no token is known."""
        weights = self.token_weights(tokens)
        if not weights:
            return None
        return sum(w * self.coef[token] for token, w in weights.items())

    def track_part(self, key: str, competencies: Sequence[str], tokens: Sequence[str]):  # type: ignore[no-untyped-def]
        """Each competency's track part for a goal's tokens, in ``competencies``' order (zeros on a track the
        model has no part for)."""
        import numpy as np

        out = np.zeros(len(competencies))
        if key not in self.tracks:
            return out
        names, words = self.tracks[key]
        found = [w * words[t] for t, w in self.token_weights(tokens).items() if t in words]
        if found:
            total = dict(zip(names, np.sum(found, axis=0), strict=True))
            out[:] = [total.get(name, 0.0) for name in competencies]
        return out

    def to_json(self, trained_on: str, rows: int) -> str:
        """The model file's text: what it is, then the numbers (sorted, rounded: a refit gives the same file)."""
        data: dict[str, Any] = {
            "about": "Learnt link from goal words to the concept map's areas, fitted for the ranking (softmax over a "
                     "track's competencies), and each labelled track's prior. Made by tools/fit_goal_concepts.py; "
                     "do not edit by hand.",
            "trained_on": trained_on,
            "rows": rows,
            "alpha": ALPHA,
            "learnt_scale": round(self.learnt_scale, 6),
            "prior_scale": round(self.prior_scale, 6),
            "prior_fade": [round(v, 6) for v in self.prior_fade],
            "concepts": list(self.concepts),
            "idf": {t: round(self.idf[t], 4) for t in sorted(self.idf)},
            "coef": {t: [round(float(v), 4) for v in self.coef[t]] for t in sorted(self.coef)},
            "prior_smoothing": PRIOR_SMOOTHING,
            "priors": {k: {c: round(v, 4) for c, v in sorted(self.priors[k].items())} for k in sorted(self.priors)},
            "track_alpha": TRACK_ALPHA,
            "track_coef": {key: self._track_file_rows(key) for key in sorted(self.tracks)},
        }
        if self.part_weights.any():  # (a file fitted before the parts had weights has none: all 0)
            data["part_alpha"] = PART_ALPHA
            data["part_weights"] = dict(zip(PARTS, (round(float(v), 6) for v in self.part_weights), strict=True))
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    def _track_file_rows(self, key: str) -> dict[str, Any]:
        """A track's part as the file holds it: its competencies, and each word's weights over them in that order,
        rounded (-0.0 written as 0.0); a word whose weights all round to 0 is left out (it would add nothing)."""
        names, words = self.tracks[key]
        rounded = {t: [round(float(v), 4) + 0.0 for v in words[t]] for t in sorted(words)}
        return {"competencies": list(names), "words": {t: row for t, row in rounded.items() if any(row)}}

    @classmethod
    def from_json(cls, text: str) -> ConceptModel:
        data = json.loads(text)
        tracks = {key: (track["competencies"], track["words"]) for key, track in data.get("track_coef", {}).items()}
        return cls(data["concepts"], data["idf"], data["coef"], data["learnt_scale"], data["prior_scale"],
                   data.get("priors", {}), tracks, data["prior_fade"],
                   [float(data.get("part_weights", {}).get(k, 0.0)) for k in PARTS])


def prior_vector(priors: dict[str, dict[str, float]], key: str, competencies: Sequence[str]):  # type: ignore[no-untyped-def]
    """The shares ``priors`` (see :func:`label_shares`) hold for the track ``key``, in ``competencies``' order
    (zeros for a track with no labelled goals)."""
    import numpy as np

    shares = priors.get(key, {})
    return np.array([shares.get(name, 0.0) for name in competencies], dtype=float)


PRIOR_TERMS = 3  # the log prior, and it times the goal's best blend score and times the competency's own
SHARE_FLOOR = 1e-4  # a share of 0 (a prior given by hand) is read as this, so its log stays finite


def prior_terms(shares: Any, blend: Any):  # type: ignore[no-untyped-def]
    """The prior's terms for each competency of a goal's track, one row each (``PRIOR_TERMS`` columns): the log
    prior, log(share x competencies), 0 for an even share; and it times the goal's best blend score and times the
    competency's own blend score, whose fitted weights let the prior count less where the text is clear (a
    track's usual competency should break a tie, not overrule a goal that plainly names another). All zeros on a
    track with no labelled goals (``shares`` all 0)."""
    import numpy as np

    shares, blend = np.asarray(shares, dtype=float), np.asarray(blend, dtype=float)
    if not shares.any():
        return np.zeros((len(shares), PRIOR_TERMS))
    log = np.log(np.maximum(shares, SHARE_FLOOR) * len(shares))
    return np.column_stack([log, log * (blend.max() if len(blend) else 0.0), log * blend])


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


@dataclass(frozen=True)
class RankingExample:
    """One labelled goal as the ranking sees it: its text, and for each competency of its track the blend
    score, the prior and the concept profile (rows in the track's order); ``right`` holds the indexes of the
    label and its acceptable second; ``key`` and ``names`` (the track's key and competencies) place the goal in
    the track part (empty: no track part for it)."""

    text: str
    blend: Any
    prior: Any
    profiles: Any
    right: tuple[int, ...]
    key: str = ""
    names: tuple[str, ...] = ()
    parts: Any = None  # (competencies x PARTS) the blend's parts, for the part weights


def track_slots(examples: Sequence[RankingExample]) -> dict[tuple[str, str], int]:
    """A column of the track part for each (track key, competency) the examples' tracks have, in order of appearance."""
    slots: dict[tuple[str, str], int] = {}
    for example in examples:
        if example.key:
            for name in example.names:
                slots.setdefault((example.key, name), len(slots))
    return slots


SCALARS = 1 + PRIOR_TERMS  # the parameters before the word weights: the blend score's weight, the prior terms'


class RankingLoss:
    """The fit's objective over examples: the mean of -log(chance of the right competencies) under a softmax
    over each goal's track, where a competency's score is a x blend + c . prior terms (:func:`prior_terms`, three
    weights, taken in the basis ``prior_basis``) + profile . (words x W) + the track part, plus ``alpha``/2 x
    |W|^2 + ``track_alpha``/2 x |u|^2. The track part of a (goal, competency) row is the sum, over the goal's
    words, of the word's weight in u for that competency (its column of ``slots``); u holds one weight per
    (word, column) that some goal of the column's track uses (``pairs``), since the others would stay 0. Called with the parameters [a, c (3), W flattened, u], it returns the value
    and the gradient. Without ``slots`` there is no u."""

    def __init__(self, examples: Sequence[RankingExample], matrix: Any, alpha: float,
                 slots: dict[tuple[str, str], int] | None = None, track_alpha: float = 0.0,
                 part_alpha: float = float("inf")) -> None:
        import numpy as np
        from scipy import sparse

        self.matrix, self.alpha, self.width = matrix, alpha, np.asarray(examples[0].profiles).shape[1]
        self.track_alpha = track_alpha
        sizes = np.array([len(e.blend) for e in examples])
        self.starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        self.owner = np.repeat(np.arange(len(examples)), sizes)  # one row per (goal, competency), goals contiguous
        self.blend = np.concatenate([np.asarray(e.blend, dtype=float) for e in examples])
        # The prior terms in a better-conditioned basis (they are strongly correlated: the last two are the
        # first times a score): columns X @ basis, uncorrelated over the rows and the blend score's size, with the
        # same span, so the fit reaches the same model (to the file's rounding) in under half the steps; weights
        # in this basis map back by basis @ c. (Unit size instead took more steps than no basis at all.)
        terms = np.vstack([prior_terms(e.prior, e.blend) for e in examples])
        gram = terms.T @ terms / len(terms)
        size = float(np.sqrt(np.mean(self.blend ** 2))) or 1.0
        values, vectors = np.linalg.eigh(gram)
        # a direction the terms never take (no prior at all, or no blend score) keeps its size: it stays 0
        values = np.where(values > 1e-9 * max(float(values.max()), 1e-12), values, 1.0)
        self.prior_basis = vectors / np.sqrt(values) * size
        self.prior = terms @ self.prior_basis
        self.profiles = np.vstack([np.asarray(e.profiles, dtype=float) for e in examples])
        self.right = np.zeros(len(self.owner), dtype=bool)
        for start, example in zip(self.starts, examples, strict=True):
            self.right[start + np.asarray(example.right, dtype=int)] = True
        rows = len(self.owner)
        self.group = sparse.csr_matrix((np.ones(rows), (self.owner, np.arange(rows))), shape=(len(examples), rows))
        # The track part as a sparse design: one column per (word, slot) pair, valued the word's weight in the goal.
        index: dict[tuple[int, int], int] = {}
        entries: tuple[list[int], list[int], list[float]] = ([], [], [])
        row = 0
        for goal, example in enumerate(examples):
            words = matrix[goal]
            for name in example.names or [""] * len(example.blend):
                column = (slots or {}).get((example.key, name), -1) if example.key else -1
                if column >= 0:
                    for word, value in zip(words.indices, words.data, strict=True):
                        pair = index.setdefault((int(word), column), len(index))
                        entries[0].append(row)
                        entries[1].append(pair)
                        entries[2].append(float(value))
                row += 1
        self.pairs: list[tuple[int, int]] = list(index)
        self.track_design = sparse.csr_matrix((entries[2], (entries[0], entries[1])), shape=(rows, len(self.pairs)))
        self.part_alpha = part_alpha
        # the part weights need every example's parts (examples built without them fit the blend as fixed)
        with_parts = np.isfinite(part_alpha) and all(e.parts is not None for e in examples)
        self.parts = (np.vstack([np.asarray(e.parts, dtype=float) for e in examples]) if with_parts
                      else np.zeros((rows, 0)))
        self.size = SCALARS + matrix.shape[1] * self.width + len(self.pairs) + self.parts.shape[1]

    def __call__(self, params):  # type: ignore[no-untyped-def]
        import numpy as np

        goals, vocabulary = self.matrix.shape
        split = SCALARS + vocabulary * self.width
        ends = split + len(self.pairs)
        a, c, words, track = params[0], params[1:SCALARS], params[SCALARS:split], params[split:ends]
        d = params[ends:]
        vectors = self.matrix @ words.reshape(vocabulary, self.width)
        logits = a * self.blend + self.prior @ c + np.einsum("ij,ij->i", self.profiles, vectors[self.owner])
        if self.pairs:
            logits = logits + self.track_design @ track
        if len(d):
            logits = logits + self.parts @ d
        logits = logits - np.maximum.reduceat(logits, self.starts)[self.owner]
        p = np.exp(logits)
        p /= (self.group @ p)[self.owner]
        mass = self.group @ (p * self.right)
        residual = p - np.where(self.right, p / mass[self.owner], 0.0)
        value = -float(np.log(mass).mean()) + 0.5 * self.alpha * float(words @ words)
        grad_words = np.asarray(self.matrix.T @ (self.group @ (residual[:, None] * self.profiles))).ravel() / goals
        parts = [[residual @ self.blend / goals], self.prior.T @ residual / goals, grad_words + self.alpha * words]
        if self.pairs:
            value += 0.5 * self.track_alpha * float(track @ track)
            parts.append(self.track_design.T @ residual / goals + self.track_alpha * track)
        if len(d):
            value += 0.5 * self.part_alpha * float(d @ d)
            parts.append(self.parts.T @ residual / goals + self.part_alpha * d)
        return value, np.concatenate(parts)


def fit_concept_model(examples: Sequence[RankingExample], concepts: Sequence[str],
                      analyze: Callable[[str], Sequence[str]], alpha: float = ALPHA,
                      priors: dict[str, dict[str, float]] | None = None,
                      track_alpha: float = TRACK_ALPHA, start_from: ConceptModel | None = None,
                      part_alpha: float = PART_ALPHA) -> ConceptModel:
    """Fit the word weights W, the track part U (for examples with a ``key``; none when ``track_alpha`` is 0)
    and the scales a, c (the blend score's and the prior terms') by minimising :class:`RankingLoss` (L-BFGS; the
    loss is convex, so a refit gives the same numbers), and keep ``priors`` (see :func:`label_shares`). Examples with no right competency on their
    track are left out. Needs scikit-learn and scipy, imported here only.

    ``start_from``: a model fitted by this function on nearly the same goals (leave-one-source-out refits
    start from the fit on all of them); L-BFGS starts at its numbers, which takes fewer steps to the same
    minimum (the loss is convex; the steps stop at the same tolerance).
    """
    import numpy as np
    from scipy.optimize import minimize
    from sklearn.feature_extraction.text import TfidfVectorizer
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    used = [e for e in examples if e.right]
    if not used:
        raise ValueError("no labelled goal to fit the concept model on")
    vectorizer = TfidfVectorizer(analyzer=analyze, sublinear_tf=True)
    matrix = vectorizer.fit_transform([e.text for e in used]).tocsr()
    slots = track_slots(used) if track_alpha > 0 else {}
    objective = RankingLoss(used, matrix, alpha, slots, track_alpha, part_alpha)
    tokens = vectorizer.get_feature_names_out()
    split = SCALARS + matrix.shape[1] * objective.width
    slot_names = {column: key_name for key_name, column in slots.items()}
    start = np.zeros(objective.size)
    start[0] = 10.0
    if start_from is not None and start_from.blend_weight:
        scale = start_from.blend_weight
        start[0] = scale
        start[1:SCALARS] = np.linalg.solve(objective.prior_basis, start_from.prior_weights) * scale
        words = start[SCALARS:split].reshape(matrix.shape[1], objective.width)
        for j, token in enumerate(tokens):
            if token in start_from.coef and len(start_from.coef[token]) == objective.width:
                words[j] = start_from.coef[token] * scale
        for i, (j, column) in enumerate(objective.pairs):
            key, name = slot_names[column]
            start[split + i] = start_from.track_weight(key, name, str(tokens[j])) * scale
        if objective.parts.shape[1]:
            start[split + len(objective.pairs):] = start_from.part_weights * scale
    # One BLAS thread: the optimiser's own steps are many small vector operations, which OpenBLAS's threads
    # slow down (about 1.5 times on this 2-core machine, more when folds run side by side in processes).
    with threadpool_limits(limits=1):
        fit = minimize(objective, start, jac=True, method="L-BFGS-B",
                       options={"maxiter": 1000, "gtol": 1e-7, "ftol": 1e-12})
    a, c = float(fit.x[0]), objective.prior_basis @ fit.x[1:SCALARS]
    if a <= 0:
        raise ValueError("the concept model's fit gave the text's blend score no weight: the labels do not follow the text")
    # Scaled so the blend score keeps weight 1: a ranking score is blend + (c/a) . prior terms + profile . vector.
    weights = fit.x[SCALARS:split].reshape(matrix.shape[1], objective.width) / a
    idf = {str(t): float(v) for t, v in zip(tokens, vectorizer.idf_, strict=True)}
    coef = {str(t): [float(v) for v in weights[j]] for j, t in enumerate(tokens)}
    # The track part as rows: per track its competencies (sorted) and each word's weights over them.
    names_of: dict[str, list[str]] = {}
    for (key, name) in slots:
        names_of.setdefault(key, []).append(name)
    tracks: dict[str, tuple[list[str], dict[str, Any]]] = {key: (sorted(names), {}) for key, names in names_of.items()}
    ends = split + len(objective.pairs)
    for (j, column), value in zip(objective.pairs, fit.x[split:ends] / a, strict=True):
        key, name = slot_names[column]
        track_names, rows_of = tracks[key]
        rows_of.setdefault(str(tokens[j]), np.zeros(len(track_names)))[track_names.index(name)] = value
    # Round-trip through the file format, so a fitted model and a loaded one predict the same.
    part_weights = fit.x[ends:] / a if objective.parts.shape[1] else None
    fitted = ConceptModel(concepts, idf, coef, 1.0, float(c[0]) / a, priors, tracks, [float(v) / a for v in c[1:]],
                          part_weights)
    loaded = ConceptModel.from_json(fitted.to_json("", len(used)))
    loaded.blend_weight = a  # the fit's own scale, for a later fit that starts from this one (not in the file)
    return loaded


@lru_cache(maxsize=1)
def shipped_model() -> ConceptModel | None:
    """The committed model, or None when the file is absent (suggestions then use the concept map alone)."""
    try:
        text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return ConceptModel.from_json(text)
