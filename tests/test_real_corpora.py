"""The real-world corpora: well-formed, labelled twice with every disagreement resolved, and the README's tables
are what the benchmarks and the agreement tool compute from them."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PUBLIC = ROOT.parent / "shared" / "ladders-public"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_tool(name: str):  # type: ignore[no-untyped-def]
    """A script of tools/ as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def run(*args: str) -> str:
    """Stdout of a project script run with this interpreter (cached: the benchmarks refit models)."""
    out = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout


# ---------------------------------------------------------------------------------------------- key results


def test_key_result_corpus_is_well_formed() -> None:
    rows = read("kr_real.csv")
    assert list(rows[0]) == ["id", "text", "measurable", "kind", "source", "rationale"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) >= 600
    assert all(r["measurable"] in {"0", "1"} for r in rows)
    assert all(r["kind"] in {"growth", "team"} for r in rows)
    assert all(r["text"] == r["text"].strip() and r["text"] for r in rows)
    assert sum(r["kind"] == "growth" for r in rows) * 3 >= len(rows), "at least a third are growth key results"
    sources = {r["source"]: r for r in read("kr_sources.csv")}
    groups = {r["source"]: r["group"] for r in read("kr_real_split.csv")}
    assert set(groups.values()) == {"tune", "final"}
    assert {r["source"] for r in rows} == set(sources) == set(groups)
    assert len(sources) >= 15
    for name, source in sources.items():
        assert int(source["rows"]) == sum(r["source"] == name for r in rows), name
    unlabelled = read("kr_real_unlabelled.csv")
    assert [(r["id"], r["text"]) for r in unlabelled] == [(r["id"], r["text"]) for r in rows]


def test_key_result_second_pass_and_every_disagreement_resolved() -> None:
    rows = {r["id"]: r for r in read("kr_real.csv")}
    second = {r["id"]: r for r in read("kr_real_pass2.csv")}
    resolved = {r["id"]: r for r in read("kr_real_disagreements.csv")}
    assert set(second) == set(rows)
    assert all(r["measurable"] in {"0", "1"} for r in second.values())
    for key, row in rows.items():
        if key in resolved:
            d = resolved[key]
            assert d["pass1"] != d["pass2"] == second[key]["measurable"], key
            assert row["measurable"] == d["resolved"] and d["resolution"].strip(), key
            assert row["rationale"].startswith("resolved after two passes"), key
        else:  # where the passes agreed, the label is the agreed one
            assert row["measurable"] == second[key]["measurable"], key


def test_key_results_not_in_english_are_kept_apart_with_provenance_and_two_passes() -> None:
    """docs/measurability.md, "Language": never in kr_real.csv, never fitted on, labelled twice."""
    rows = read("kr_other_languages.csv")
    assert list(rows[0]) == ["id", "text", "measurable", "kind", "source", "language", "rationale"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) and not set(ids) & {r["id"] for r in read("kr_real.csv")}
    assert all(r["measurable"] in {"0", "1"} and r["kind"] in {"growth", "team"} and r["text"] for r in rows)
    sources = {r["source"]: r for r in read("kr_other_languages_sources.csv")}
    assert {r["source"] for r in rows} == set(sources) and not set(sources) & {r["source"] for r in read("kr_sources.csv")}
    for name, source in sources.items():
        assert source["where"] and int(source["rows"]) == sum(r["source"] == name for r in rows), name
        assert {r["language"] for r in rows if r["source"] == name} == {source["language"]}, name
    second = {r["id"]: r["measurable"] for r in read("kr_other_languages_pass2.csv")}
    resolved = {r["id"]: r for r in read("kr_other_languages_disagreements.csv")}
    assert set(second) == set(ids)
    for row in rows:
        if row["id"] in resolved:
            d = resolved[row["id"]]
            assert d["pass1"] != d["pass2"] == second[row["id"]] and row["measurable"] == d["resolved"], row["id"]
            assert row["rationale"].startswith("resolved after two passes"), row["id"]
        else:
            assert row["measurable"] == second[row["id"]], row["id"]
    from workbook.coaching.kr_model import training_examples  # what the checker is fitted on

    fitted = {text for text, _, _ in training_examples(DATA)}
    assert not fitted & {r["text"] for r in rows}


def test_own_key_results_and_the_seed_weight_rows() -> None:
    own = read("kr_labels.csv")
    assert sum(r["note"].startswith("seed example") for r in own) == 4
    assert {r["measurable"] for r in own} == {"0", "1"}


# ---------------------------------------------------------------------------------------------- goals


def test_goal_corpus_is_well_formed() -> None:
    rows = read("goals_real.csv")
    assert list(rows[0]) == ["id", "text", "source", "ladder", "track", "competency", "second", "rationale"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) >= 150
    sources = {r["source"]: r for r in read("goals_sources.csv")}
    groups = {r["source"]: r["group"] for r in read("goals_real_split.csv")}
    assert {r["source"] for r in rows} == set(sources) == set(groups) and len(sources) >= 12
    assert len({r["ladder"] for r in rows}) >= 6
    for row in rows:
        assert row["competency"] and row["second"] != row["competency"], row["id"]
        assert not row["second"] or row["rationale"], f"{row['id']}: a second needs a rationale"
    second = {r["id"]: r for r in read("goals_real_pass2.csv")}
    assert set(second) == set(ids)


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="public ladders absent")
def test_goal_labels_are_competencies_of_their_tracks() -> None:
    from workbook.coaching.ladders import load_ladder

    ladders = {}
    for row in read("goals_real.csv"):
        ladder = ladders.setdefault(row["ladder"], load_ladder(PUBLIC / row["ladder"]))
        names = ladder.competencies(row["track"])
        assert row["competency"] in names, row["id"]
        assert not row["second"] or row["second"] in names, row["id"]
    tracks = {r["id"]: (r["ladder"], r["track"]) for r in read("goals_real.csv")}
    for row in read("goals_real_pass2.csv"):
        names = ladders[tracks[row["id"]][0]].competencies(tracks[row["id"]][1])
        assert row["competency"] in names and (not row["second"] or row["second"] in names), row["id"]


def test_goal_disagreements_are_resolved_and_recorded() -> None:
    rows = {r["id"]: r for r in read("goals_real.csv")}
    second = {r["id"]: r for r in read("goals_real_pass2.csv")}
    resolved = {r["id"]: r for r in read("goals_real_disagreements.csv")}
    for key, row in rows.items():
        if key in resolved:
            d = resolved[key]
            assert d["pass1"] != d["pass2"] == second[key]["competency"], key
            assert (row["competency"], row["second"]) == (d["resolved"], d["resolved_second"]), key
        else:
            assert row["competency"] == second[key]["competency"], key


# ---------------------------------------------------------------------------------------------- the published figures


def test_agreement_table_in_readme_and_guides_is_computed_from_the_files() -> None:
    label_agreement = load_tool("label_agreement")
    kr, goals = label_agreement.kr_agreement(), label_agreement.goal_agreement()
    other = label_agreement.kr_agreement(corpus="kr_other_languages")
    table = label_agreement.markdown(kr, goals, other)
    assert table in README
    guide = (ROOT / "docs" / "measurability.md").read_text(encoding="utf-8")
    assert table.splitlines()[2] in guide and table.splitlines()[5] in guide
    assert table.splitlines()[3] in (ROOT / "docs" / "goal-labels.md").read_text(encoding="utf-8")
    from sklearn.metrics import cohen_kappa_score

    assert label_agreement.cohen_kappa(list("aabbc"), list("abbbc")) == pytest.approx(
        cohen_kappa_score(list("aabbc"), list("abbbc"))
    )
    first = {r["id"]: r for r in read("kr_real.csv")}
    second = read("kr_real_pass2.csv")
    # The first pass's own label: a resolved row keeps it in the disagreements file.
    before = {r["id"]: r["pass1"] for r in read("kr_real_disagreements.csv")}
    pass1 = [before.get(r["id"], first[r["id"]]["measurable"]) for r in second]
    assert kr["kappa"] == pytest.approx(cohen_kappa_score(pass1, [r["measurable"] for r in second]))
    assert kr["kappa"] > 0.9 and kr["disagreements"] == len(read("kr_real_disagreements.csv"))


def test_key_result_table_in_readme_is_what_the_benchmark_computes() -> None:
    table = run("benchmarks/kr_accuracy.py", "--markdown").strip()
    assert table.count("\n") >= 10
    assert table in README, "README's key-result table differs from benchmarks/kr_accuracy.py --markdown"


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="public ladders absent")
def test_goal_table_in_readme_is_what_the_benchmark_computes() -> None:
    table = run("benchmarks/ladder_suggest.py", "--markdown").strip()
    assert table.count("\n") >= 8
    assert table in README, "README's goal table differs from benchmarks/ladder_suggest.py --markdown"


def test_key_result_split_is_what_the_split_tool_writes() -> None:
    out = subprocess.run([sys.executable, "tools/kr_split.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    tool = load_tool("kr_split")
    sources = tool.read_sources()
    newest = sources.index(tool.WAVE_STARTS[max(tool.WAVE_STARTS)])
    groups = {r["source"]: r["group"] for r in read("kr_real_split.csv")}
    assert [s for s in sources if groups[s] == "final"] == sources[newest:]
    with pytest.raises(ValueError, match="not in file order"):
        tool.split(list(reversed(sources)))


def test_the_refit_tools_check_tells_equal_from_different_and_absent(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The shape both refit tools share: write, then --check passes on the same refit, fails naming the tool
    and the field on a different one, and data that is absent is no difference with --check (exit 1 without)."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        cli = importlib.import_module("refit_cli")  # as the tools import it (a dataclass needs sys.modules)
    finally:
        sys.path.remove(str(ROOT / "tools"))
    target = tmp_path / "x.json"
    fitted = {"x": 1.0}

    def refit():  # type: ignore[no-untyped-def]
        return cli.Refit(json.dumps(fitted), dict(fitted), "1 number")

    def differences(committed: dict, refit: dict) -> list[str]:
        return [f"x: committed {committed['x']}, refit {refit['x']}"] if committed != refit else []

    assert cli.run("fit_x.py", "Refit x.", target, refit, differences, []) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == {"x": 1.0}
    assert cli.run("fit_x.py", "Refit x.", target, refit, differences, ["--check"]) == 0
    fitted["x"] = 2.0
    assert cli.run("fit_x.py", "Refit x.", target, refit, differences, ["--check"]) == 1
    out = capsys.readouterr().out
    assert "differs from a refit; run python tools/fit_x.py" in out and "x: committed 1.0, refit 2.0" in out
    assert json.loads(target.read_text(encoding="utf-8")) == {"x": 1.0}, "--check wrote the file"
    absent = lambda: "the data is absent"  # noqa: E731
    assert cli.run("fit_x.py", "Refit x.", target, absent, differences, ["--check"]) == 0
    assert cli.run("fit_x.py", "Refit x.", target, absent, differences, []) == 1
    assert cli.worst_difference([([1.0, 2.0], [1.5, 2.0])]) == 0.5 and cli.worst_difference([]) == 0.0


def test_a_verdict_threshold_moves_only_the_intercept_and_is_checked_against_the_committed_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-registered candidate (docs/measurability-model.md): fitting with threshold t raises the intercept
    by ln((1 - t) / t) and changes no other weight, so 0.5 on the stored model is t on the fitted one; a
    committed file made with another threshold fails the refit's --check."""
    import math

    from workbook.coaching.kr_model import VERDICT_THRESHOLD, fit_weights, probability, training_examples

    examples = training_examples(DATA)[:400]
    plain, lower = fit_weights(examples, threshold=0.5), fit_weights(examples, threshold=0.38)
    assert plain["verdict_threshold"] == 0.5 and lower["verdict_threshold"] == 0.38
    assert lower["intercept"] == round(plain["intercept"] + math.log(0.62 / 0.38), 3)
    assert lower["weights"] == plain["weights"] and lower["words"] == plain["words"]
    # a key result with fitted probability 0.45 is vague at 0.5 and measurable at 0.38, with the same evidence
    no_features: dict[str, str] = {}
    shift = math.log(0.45 / 0.55) - plain["intercept"]
    assert probability(no_features, plain, {"w": shift}) < 0.5 <= probability(no_features, lower, {"w": shift})
    for bad in (0.0, 1.0, -0.2):
        with pytest.raises(ValueError, match="strictly between 0 and 1"):
            fit_weights(examples[:50], threshold=bad)
    monkeypatch.syspath_prepend(str(ROOT / "tools"))  # fit_kr_model imports refit_cli beside it
    fit = load_tool("fit_kr_model")
    committed = json.loads((ROOT / "workbook" / "coaching" / "kr_weights.json").read_text(encoding="utf-8"))
    assert committed["verdict_threshold"] == VERDICT_THRESHOLD
    assert fit.differences(committed, {**committed, "verdict_threshold": 0.38}) == [
        f"verdict_threshold {VERDICT_THRESHOLD} vs 0.38"]


def test_committed_weights_equal_a_refit_from_the_tune_data() -> None:
    out = subprocess.run(
        [sys.executable, "tools/fit_kr_model.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    weights = json.loads((ROOT / "workbook" / "coaching" / "kr_weights.json").read_text(encoding="utf-8"))
    from workbook.coaching.kr_evidence import FEATURES

    assert set(weights["weights"]) == set(FEATURES)
    from workbook.coaching.kr_model import training_examples

    groups = {r["source"]: r["group"] for r in read("kr_real_split.csv")}
    rows = read("kr_real.csv")
    # Texts only: a final row whose exact words another author also wrote in a tune source (wave 17 has two) is
    # trained on through that tune row, which is right; every other final text must be absent.
    tune = {r["text"] for r in rows if groups[r["source"]] == "tune"}
    final = {r["text"] for r in rows if groups[r["source"]] == "final"} - tune
    trained = {text for text, _, _ in training_examples(DATA)}
    assert len(final) >= 40 and not final & trained, "a final-group key result is in the training rows"


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="public ladders absent: the real goals are labelled on them")
def test_committed_goal_concepts_equal_a_refit_from_the_tune_data() -> None:
    out = subprocess.run(
        [sys.executable, "tools/fit_goal_concepts.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    from workbook.coaching.ladders.concept_fit import labelled_goals

    groups = {r["source"]: r["group"] for r in read("goals_real_split.csv")}
    # rows, not strings: different authors may write the same words ("Blog more"), and the guide keeps both
    final = {(r["source"], r["text"]) for r in read("goals_real.csv") if groups[r["source"]] == "final"}
    trained = {(g.source, g.text) for g in labelled_goals(DATA, (ROOT / "ladders", PUBLIC))}
    # the final group is a whole wave: at least 30 goals (the smallest so far, the twenty-sixth, has 33)
    assert len(final) >= 30 and not final & trained, "a final-group goal is in the training rows"
    assert len(final) == sum(groups[r["source"]] == "final" for r in read("goals_real.csv"))
