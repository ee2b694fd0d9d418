"""The suggester's learnt concept model: the shipped file matches the concept map, the fit minimises its ranking
loss (gradient checked), learns what the words say, re-ranks without changing what a score means, and the
suggester works without it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from workbook.coaching.ladders import format_suggestions, load_ladder, suggest_competencies
from workbook.coaching.ladders import suggest as suggest_module
from workbook.coaching.ladders.concept_model import (
    ConceptModel,
    RankingExample,
    RankingLoss,
    fit_concept_model,
    prior_terms,
    shipped_model,
)

ROOT = Path(__file__).resolve().parents[1]
LADDER = ROOT / "ladders" / "software-engineering.csv"


def test_the_shipped_model_speaks_the_concept_map() -> None:
    model = shipped_model()
    assert model is not None, "workbook/coaching/ladders/goal_concepts.json is missing"
    assert model.concepts == suggest_module.CONCEPT_TOKENS, "concept map changed: run tools/fit_goal_concepts.py"
    assert all(len(row) == len(model.concepts) for row in model.coef.values())
    assert model.learnt_scale == 1.0 and 0 < model.prior_scale < 5


# Three competencies with one-hot profiles over three concepts; the blend score is no help (all zero), so only
# the words can say which one a goal is about.
PROFILES = np.eye(3)
TEXTS = ["give a talk", "mentor a junior engineer", "give a demo to the team", "fix flaky tests", "talk talk",
         "mentor an intern"]
RIGHT = [(0,), (1,), (0,), (2,), (0,), (1, 2)]


def examples(blend=np.zeros(3), prior=np.zeros(3)) -> list[RankingExample]:  # type: ignore[no-untyped-def]
    return [RankingExample(t, blend, prior, PROFILES, r) for t, r in zip(TEXTS, RIGHT, strict=True)]


def test_the_loss_gradient_is_its_derivative() -> None:
    from scipy.optimize import check_grad
    from sklearn.feature_extraction.text import TfidfVectorizer

    rng = np.random.default_rng(0)
    ex = [RankingExample(e.text, rng.random(3), rng.random(3), rng.random((3, 3)), e.right) for e in examples()]
    matrix = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit_transform(TEXTS).tocsr()
    loss = RankingLoss(ex, matrix, alpha=0.01)
    for _ in range(3):
        params = rng.normal(size=loss.size)
        error = check_grad(lambda p: loss(p)[0], lambda p: loss(p)[1], params)
        assert error < 1e-5 * max(1.0, float(np.linalg.norm(loss(params)[1])))


def test_the_fit_learns_which_words_point_to_which_competency() -> None:
    model = fit_concept_model(examples(blend=np.array([0.1, 0.1, 0.1])), ("a", "b", "c"), str.split, alpha=1e-3)
    for text, want in [("give a talk to the team", 0), ("mentor mentor", 1), ("flaky tests", 2)]:
        vector = model.predict(text.split())
        assert int(np.argmax(PROFILES @ vector)) == want
    assert model.predict(["unknown", "words"]) is None
    again = fit_concept_model(examples(blend=np.array([0.1, 0.1, 0.1])), ("a", "b", "c"), str.split, alpha=1e-3)
    assert again.to_json("t", 6) == model.to_json("t", 6)  # deterministic
    assert ConceptModel.from_json(model.to_json("test", 6)).predict(["talk"]) == pytest.approx(model.predict(["talk"]))
    with pytest.raises(ValueError, match="no labelled goal"):
        fit_concept_model([RankingExample("x", np.zeros(3), np.zeros(3), PROFILES, ())], ("a", "b", "c"), str.split)


def test_the_fit_weighs_the_prior_by_how_well_it_predicts() -> None:
    """A prior that names the right competency of every goal gets a positive weight; one that names a wrong one
    gets a weight of zero or below (the blend score names the right one for every goal in both cases)."""
    right = [r[0] for r in RIGHT]
    good = [RankingExample(t, np.eye(3)[r] * 0.2, np.eye(3)[r], PROFILES, (r,)) for t, r in zip(TEXTS, right, strict=True)]
    bad = [RankingExample(t, np.eye(3)[r] * 0.2, np.eye(3)[(r + 1) % 3], PROFILES, (r,))
           for t, r in zip(TEXTS, right, strict=True)]
    def prior_parts(model: ConceptModel, examples: list[RankingExample]) -> list[np.ndarray]:
        return [prior_terms(e.prior, e.blend) @ model.prior_weights for e in examples]

    # the good prior lifts the competency it names (how far depends on where the fit stops: with the blend
    # score and the prior both always right, the loss falls without end as the weights grow)
    for part, r in zip(prior_parts(fit_concept_model(good, ("a", "b", "c"), str.split, alpha=1.0), good), right, strict=True):
        assert part[r] - np.delete(part, r).max() > 0.1
    # the bad one never lifts the competency it names above the others
    for part, r in zip(prior_parts(fit_concept_model(bad, ("a", "b", "c"), str.split, alpha=1.0), bad), right, strict=True):
        assert part[(r + 1) % 3] <= np.delete(part, (r + 1) % 3).max() + 1e-9


def test_the_prior_terms_are_the_log_share_and_its_fades() -> None:
    """An even share adds nothing, a track with no labelled goals has no terms, and the fades are the log prior
    times the goal's best blend score and times each competency's own."""
    shares, blend = np.array([0.5, 0.25, 0.25]), np.array([0.1, 0.4, 0.2])
    terms = prior_terms(shares, blend)
    log = np.log(shares * 3)
    assert terms[:, 0] == pytest.approx(log) and terms[:, 1] == pytest.approx(log * 0.4)
    assert terms[:, 2] == pytest.approx(log * blend)
    assert not prior_terms(np.full(3, 1 / 3), blend).any() and not prior_terms(np.zeros(3), blend).any()
    assert np.isfinite(prior_terms(np.array([1.0, 0.0, 0.0]), blend)).all()  # a share of 0 given by hand


def test_reranking_keeps_the_first_score_and_the_order() -> None:
    ladder = load_ladder(LADDER)
    for text in ["Lead the post-mortem after the next outage and add alerting", "Run a marathon in under four hours",
                 "Shadow someone from the sales team for a week"]:
        found = suggest_competencies(text, ladder, top=5)
        scores = [s.score for s in found]
        assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
        engine = suggest_module._suggester(ladder, None, "blend")
        blend = engine.score(suggest_module._skill_text(suggest_module._goal_text(text)))
        first = engine.names.index(found[0].competency)
        # the first suggestion's score is its own blend score, never above the best blend score
        assert found[0].score == pytest.approx(blend[first], abs=1e-4) and found[0].score <= blend.max() + 1e-4


def test_suggestions_work_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    ladder = load_ladder(LADDER)
    monkeypatch.setattr(suggest_module, "shipped_model", lambda: None)
    found = suggest_competencies("Give a talk about our migration at the all-hands", ladder, top=3)
    assert found and found[0].competency == "Communication & collaboration"
    engine = suggest_module._suggester(ladder, None, "blend")
    assert not engine.learnt("anything", None).any()


def test_label_shares_are_smoothed_shares_of_each_track_s_labels() -> None:
    from workbook.coaching.ladders.concept_model import label_shares

    names = ("Craft", "Delivery", "Mentoring")
    shares = label_shares([("t1", names, "Craft"), ("t1", names, "Craft"), ("t1", names, "Delivery")], smoothing=1.0)
    assert shares == {"t1": pytest.approx({"Craft": 3 / 6, "Delivery": 2 / 6, "Mentoring": 1 / 6})}
    assert label_shares([]) == {}


def test_a_track_is_known_by_its_names_not_its_path(tmp_path: Path) -> None:
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(LADDER.read_bytes())
    first = suggest_module._suggester(load_ladder(LADDER), None, "blend")
    second = suggest_module._suggester(load_ladder(copy), None, "blend")
    assert first.key == second.key and len(first.key) == 16


def test_the_track_prior_breaks_ties_toward_what_goals_on_that_track_are_usually_about() -> None:
    """A prior that strongly favours one competency moves it to the top when the text is ambiguous, keeps the
    first suggestion's own blend score, never invents a suggestion for a goal no competency matches, and a
    track with no labelled goals (another key) is ranked by the text alone."""
    ladder = load_ladder(LADDER)
    engine = suggest_module._suggester(ladder, None, "blend")
    base = shipped_model()
    assert base is not None
    text = "Get better at planning my week"
    plain = [s.competency for s in suggest_competencies(text, ladder, top=5, concepts=base)]
    favoured = plain[1]  # the runner-up: close enough for a strong prior to tip
    skewed = ConceptModel(base.concepts, base.idf, {t: list(v) for t, v in base.coef.items()}, base.learnt_scale,
                          base.prior_scale, {engine.key: {name: (0.97 if name == favoured else 0.001) for name in engine.names}})
    assert skewed.prior("unknown", engine.names).tolist() == [0.0] * len(engine.names)
    tipped = suggest_competencies(text, ladder, top=5, concepts=skewed)
    assert tipped[0].competency == favoured != plain[0]
    # the prior lifts one competency; it pushes none out of the suggestions that the same model without a prior
    # gives (their log shares are far below 0, but the prior part is shifted to start at 0)
    no_prior = ConceptModel(base.concepts, base.idf, {t: list(v) for t, v in base.coef.items()}, base.learnt_scale,
                            base.prior_scale, {})
    every = {s.competency for s in suggest_competencies(text, ladder, top=50, concepts=no_prior)}
    assert {s.competency for s in suggest_competencies(text, ladder, top=50, concepts=skewed)} == every
    assert min(skewed.prior_part(engine.key, engine.names, np.full(len(engine.names), 0.1))) == 0.0
    blend = engine.score(suggest_module._skill_text(suggest_module._goal_text(text)))
    assert tipped[0].score == pytest.approx(blend[engine.names.index(favoured)], abs=1e-4)
    assert suggest_competencies("qzx vvk", ladder, concepts=base) == []
    assert suggest_competencies("qzx vvk", ladder, concepts=skewed) == []  # nothing matched: the prior adds nothing
    def with_priors(priors: dict[str, dict[str, float]]) -> ConceptModel:
        return ConceptModel(base.concepts, base.idf, {t: list(v) for t, v in base.coef.items()}, base.learnt_scale,
                            base.prior_scale, priors)

    unknown = suggest_competencies(text, ladder, top=5, concepts=with_priors({"someothertrack00": {favoured: 1.0}}))
    assert unknown == suggest_competencies(text, ladder, top=5, concepts=with_priors({}))



def test_the_list_is_the_ranking_s_even_when_its_first_shares_no_word_with_the_text(tmp_path: Path) -> None:
    """The suggestions follow the model's ranking. When its first competency shares no word with the text, the
    list is a guess (basis "goals", every score 0: never a strong suggestion); when no word of the text is in the
    ladder's texts but the model knows one, the model's ranking is listed the same way; when neither knows a
    word, nothing is suggested."""
    ladder_file = tmp_path / "small.csv"
    ladder_file.write_text("track,level,competency,expectation\nA,1,Coding,Writes code\n"
                           "A,1,Hiring,Interviews candidates\n", encoding="utf-8")
    ladder = load_ladder(ladder_file)
    engine = suggest_module._suggester(ladder, None, "blend")
    base = shipped_model()
    assert base is not None
    coding = engine.profiles[engine.names.index("Coding")]
    knows = ConceptModel(base.concepts, {**base.idf, "qzxtok": 10.0},
                         {**{t: list(v) for t, v in base.coef.items()}, "qzxtok": list(100 * coding)},
                         base.learnt_scale, base.prior_scale)
    text = "Sit on interview panels qzxtok"
    blend = engine.score(suggest_module._skill_text(suggest_module._goal_text(text)))
    assert blend[engine.names.index("Coding")] == 0 < blend[engine.names.index("Hiring")]
    assert [(s.competency, s.basis) for s in suggest_competencies(text, ladder, concepts=base)] == [("Hiring", "words")]
    guess = suggest_competencies(text, ladder, concepts=knows)
    assert [s.competency for s in guess] == ["Coding", "Hiring"]  # the ranking's order, not the blend's
    assert {s.basis for s in guess} == {"goals"} and {s.score for s in guess} == {0.0}
    assert [s.competency for s in suggest_competencies("qzxtok", ladder, concepts=knows)][:1] == ["Coding"]
    assert suggest_competencies("qzxtok", ladder, concepts=base) == []
    assert "a guess" in format_suggestions(guess) and "a guess" not in format_suggestions(
        suggest_competencies(text, ladder, concepts=base))
    assert [set(item) for item in json.loads(format_suggestions(guess, as_json=True))] == [{"competency", "score"}] * 2

# The track part: three competencies whose profiles are all alike, so the areas cannot tell them apart and only
# the words, learnt per competency of this track, can.
SAME = np.ones((3, 3)) / np.sqrt(3)
NAMES = ("Craft", "Delivery", "Mentoring")


def track_examples(key: str = "track1") -> list[RankingExample]:
    return [RankingExample(t, np.full(3, 0.1), np.zeros(3), SAME, r, key, NAMES) for t, r in zip(TEXTS, RIGHT, strict=True)]


def test_the_loss_gradient_is_its_derivative_with_the_track_part() -> None:
    from scipy.optimize import check_grad
    from sklearn.feature_extraction.text import TfidfVectorizer

    from workbook.coaching.ladders.concept_model import track_slots

    rng = np.random.default_rng(1)
    ex = [RankingExample(e.text, rng.random(3), rng.random(3), rng.random((3, 3)), e.right, e.key, e.names)
          for e in track_examples()]
    ex.append(RankingExample("a goal on a track with no part", rng.random(3), rng.random(3), rng.random((3, 3)), (0,)))
    matrix = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit_transform([e.text for e in ex]).tocsr()
    slots = track_slots(ex)
    assert slots == {("track1", name): i for i, name in enumerate(NAMES)}
    loss = RankingLoss(ex, matrix, alpha=0.01, slots=slots, track_alpha=0.02)
    # one weight per (word, competency) that a goal of the track uses: the last goal's own words get none
    assert len(loss.pairs) == 3 * len({w for t in TEXTS for w in t.split()})
    for _ in range(3):
        params = rng.normal(size=loss.size)
        error = check_grad(lambda p: loss(p)[0], lambda p: loss(p)[1], params)
        assert error < 1e-5 * max(1.0, float(np.linalg.norm(loss(params)[1])))


def test_the_track_part_learns_each_competency_s_words_on_its_own_track_only() -> None:
    model = fit_concept_model(track_examples(), ("a", "b", "c"), str.split, alpha=1.0, track_alpha=1e-3)
    # the areas are no help here (equal profiles): the track part alone decides
    for text, want in [("give a talk to the team", "Craft"), ("mentor mentor", "Delivery"), ("flaky tests", "Mentoring")]:
        part = model.track_part("track1", NAMES, text.split())
        assert NAMES[int(np.argmax(part))] == want
    # asked in another order, the same numbers follow the names
    assert model.track_part("track1", NAMES[::-1], ["talk"]).tolist() == model.track_part("track1", NAMES, ["talk"])[::-1].tolist()
    assert not model.track_part("another track", NAMES, ["talk"]).any()
    assert not model.track_part("track1", NAMES, ["unknown"]).any()
    loaded = ConceptModel.from_json(model.to_json("test", 6))
    assert loaded.track_part("track1", NAMES, ["mentor"]) == pytest.approx(model.track_part("track1", NAMES, ["mentor"]))
    assert fit_concept_model(track_examples(), ("a", "b", "c"), str.split, alpha=1.0, track_alpha=0).tracks == {}
    # examples without a track key have no part, whatever the penalty
    plain = [RankingExample(e.text, e.blend, e.prior, e.profiles, e.right) for e in track_examples()]
    assert fit_concept_model(plain, ("a", "b", "c"), str.split, alpha=1.0, track_alpha=1e-3).tracks == {}


def test_a_fit_started_from_another_reaches_the_same_model() -> None:
    # blend scores that differ from goal to goal and a prior, so every weight of the prior part is fitted too;
    # each goal also appears labelled otherwise, so no weights separate the labels and the fit has one minimum
    rng = np.random.default_rng(2)
    blends = [0.1 + 0.05 * np.eye(3)[e.right[0]] + rng.random(3) * 0.1 for e in track_examples()]
    goals = [RankingExample(e.text, blend, np.array([0.5, 0.3, 0.2]), e.profiles, right, e.key, e.names)
             for e, blend in zip(track_examples(), blends, strict=True) for right in (e.right, ((e.right[0] + 1) % 3,))]
    start = fit_concept_model(goals, ("a", "b", "c"), str.split, alpha=1e-2, track_alpha=1e-2)
    fewer = goals[:-1]
    cold = fit_concept_model(fewer, ("a", "b", "c"), str.split, alpha=1e-2, track_alpha=1e-2)
    warm = fit_concept_model(fewer, ("a", "b", "c"), str.split, alpha=1e-2, track_alpha=1e-2, start_from=start)
    def scores(model: ConceptModel, goal: RankingExample) -> np.ndarray:
        """The goal's ranking scores under ``model``, less their mean (a softmax does not see a shift)."""
        words = goal.text.split()
        vector = model.predict(words)
        total = (goal.blend + prior_terms(goal.prior, goal.blend) @ model.prior_weights
                 + (goal.profiles @ vector if vector is not None else 0) + model.track_part(goal.key, goal.names, words))
        return total - total.mean()

    # the same rankings and the same weights, to the fit's tolerance
    for goal in goals:
        assert scores(warm, goal) == pytest.approx(scores(cold, goal), abs=1e-3)
    assert warm.prior_scale == pytest.approx(cold.prior_scale, abs=1e-3)
    assert warm.prior_fade == pytest.approx(cold.prior_fade, abs=1e-3) and any(cold.prior_fade)
    for token in cold.coef:
        assert warm.coef[token] == pytest.approx(cold.coef[token], abs=1e-3)
        assert warm.track_part("track1", NAMES, [token]) == pytest.approx(cold.track_part("track1", NAMES, [token]), abs=1e-3)
    assert cold.blend_weight > 0 and ConceptModel.from_json(cold.to_json("t", 5)).blend_weight == 0.0


def test_the_shipped_model_has_a_track_part_for_the_labelled_public_tracks() -> None:
    model = shipped_model()
    assert model is not None and model.tracks, "goal_concepts.json has no track part: run tools/fit_goal_concepts.py"
    assert set(model.tracks) <= set(model.priors), "a track part for a track no labelled goal was labelled on"
