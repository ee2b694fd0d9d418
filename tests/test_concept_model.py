"""The suggester's learnt concept model: the shipped file matches the concept map, predicts what scikit-learn's
fit predicts, re-ranks without changing what a score means, and the suggester works without it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbook.coaching.ladders import load_ladder, suggest_competencies
from workbook.coaching.ladders import suggest as suggest_module
from workbook.coaching.ladders.concept_model import ConceptModel, fit_concept_model, shipped_model

ROOT = Path(__file__).resolve().parents[1]
LADDER = ROOT / "ladders" / "software-engineering.csv"


def test_the_shipped_model_speaks_the_concept_map() -> None:
    model = shipped_model()
    assert model is not None, "workbook/coaching/ladders/goal_concepts.json is missing"
    assert model.concepts == suggest_module.CONCEPT_TOKENS, "concept map changed: run tools/fit_goal_concepts.py"
    assert len(model.intercept) == len(model.concepts)
    assert all(len(row) == len(model.concepts) for row in model.coef.values())


def test_prediction_equals_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    texts = ["give a talk", "mentor a junior engineer", "give a demo to the team", "fix flaky tests", "talk talk"]
    targets = np.eye(5)[:, :3]
    analyze = str.split
    model = fit_concept_model(texts, targets, ("a", "b", "c"), analyze, alpha=1.0)
    vectorizer = TfidfVectorizer(analyzer=analyze, sublinear_tf=True)
    reference = Ridge(alpha=1.0).fit(vectorizer.fit_transform(texts), targets)
    for text in ["give a talk to the team", "mentor mentor", "talk"]:
        expected = reference.predict(vectorizer.transform([text]))[0]
        assert model.predict(analyze(text)) == pytest.approx(expected, abs=2e-3)
    assert model.predict(["unknown", "words"]) is None
    assert ConceptModel.from_json(model.to_json("test", 5)).predict(["talk"]) == pytest.approx(model.predict(["talk"]))


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
    skewed = ConceptModel(base.concepts, base.idf, {t: list(v) for t, v in base.coef.items()}, list(base.intercept),
                          {engine.key: {name: (0.97 if name == favoured else 0.001) for name in engine.names}})
    assert skewed.prior("unknown", engine.names).tolist() == [0.0] * len(engine.names)
    tipped = suggest_competencies(text, ladder, top=5, concepts=skewed)
    assert tipped[0].competency == favoured != plain[0]
    blend = engine.score(suggest_module._skill_text(suggest_module._goal_text(text)))
    assert tipped[0].score == pytest.approx(blend[engine.names.index(favoured)], abs=1e-4)
    assert suggest_competencies("qzx vvk", ladder, concepts=base) == []
    assert suggest_competencies("qzx vvk", ladder, concepts=skewed) == []  # nothing matched: the prior adds nothing
    def with_priors(priors: dict[str, dict[str, float]]) -> ConceptModel:
        return ConceptModel(base.concepts, base.idf, {t: list(v) for t, v in base.coef.items()}, list(base.intercept),
                            priors)

    unknown = suggest_competencies(text, ladder, top=5, concepts=with_priors({"someothertrack00": {favoured: 1.0}}))
    assert unknown == suggest_competencies(text, ladder, top=5, concepts=with_priors({}))
