"""Every stage notebook, the home page and the quarterly summary run headless (papermill) for the shapes a manager
starts with: a person with nothing, one note, goals but no OKRs, OKRs but no check-ins, a closed quarter and nothing
after. No error output, and each shows its form's context instead of crashing."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from sparse import AS_OF, build_sparse
from test_stage_runs import error_outputs

from workbook.core.paths import HOME_NOTEBOOK, NOTEBOOKS_DIR
from workbook.run.batch import STAGES, run_stages
from workbook.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sparse_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    db = tmp_path_factory.mktemp("sparse") / "workbook.db"
    with Store(db) as store:
        people = build_sparse(store)
    return db, people


@pytest.fixture(scope="module")
def runs(sparse_db: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> list:
    db, people = sparse_db
    home = NOTEBOOKS_DIR / HOME_NOTEBOOK
    out = tmp_path_factory.mktemp("runs")
    results = run_stages(list(STAGES), people, "", db, out, jobs=2, as_of=AS_OF.isoformat())
    results += run_stages([home], people[:1], "", db, out, jobs=1, as_of=AS_OF.isoformat())
    return results


def test_every_stage_runs_for_every_sparse_shape(runs: list) -> None:
    failures = [f"{r.stage} for {r.person}: {r.error}" for r in runs if not r.ok]
    assert not failures, failures
    errors = {f"{r.stage}/{r.person}": error_outputs(r.output) for r in runs}
    assert not {k: v for k, v in errors.items() if v}, errors
    assert len(runs) == len(STAGES) * 5 + 1


def test_the_pages_show_context_not_just_empty_space(runs: list) -> None:
    text = {(r.stage, r.person): r.output.read_text() for r in runs}
    assert "No follow-up due" in text[("log", "nothing")] or "nothing yet" in text[("log", "nothing")]
    assert "Curious about causal inference" in text[("log", "one-note")]
    assert "no OKRs saved for 2027Q1 yet" in text[("okrs", "goals-only")]
    assert "has no key results for 2027Q1 yet" in text[("checkin", "goals-only")]
    assert "Present the churn model" in text[("checkin", "okrs-only")]
    home = text[("00_home", "nothing")]
    assert "no check-in" in home and "close 2026Q4" not in home  # the closed quarter needs nothing


def test_the_home_run_keeps_its_papermill_parameters_to_ids_and_paths(runs: list, sparse_db: tuple[Path, list[str]]) -> None:
    home = next(r for r in runs if r.stage == "00_home")
    nb = nbformat.read(home.output, as_version=4)
    assert nb.metadata["papermill"]["parameters"]["db"] == str(sparse_db[0].resolve())


def test_the_quarterly_summary_is_made_for_every_sparse_shape(sparse_db: tuple[Path, list[str]], tmp_path: Path) -> None:
    from workbook.run.summaries import make_summaries

    db, people = sparse_db
    manifest = make_summaries(db, "2027Q1", jobs=2, pdf=False, out_dir=tmp_path, as_of=AS_OF)
    assert [i.failure_line for i in manifest.failed] == []
    assert {i.person for i in manifest.items if i.kind == "person"} == set(people)
    from workbook.run.outputs import summary_paths

    closed = summary_paths(tmp_path, "2027Q1", "closed")[0].read_text()  # outputs/2027Q1/closed/closed-2027Q1.ipynb
    assert "No OKRs were set for 2027Q1." in closed
