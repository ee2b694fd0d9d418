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
