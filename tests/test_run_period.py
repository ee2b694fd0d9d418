"""`workbook run STAGE` with no --period runs each page on the period it opens on in JupyterLab and the app: the
one the due list points to (next year's goals from October, next quarter's OKRs in a quarter's last month),
not always the quarter of --as-of."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from workbook.core.model import Goal, GrowthPlan, KeyResult, Objective, Person, QuarterOKRs
from workbook.run.batch import run_stages
from workbook.store import Store

pytestmark = pytest.mark.slow

DECEMBER = "2026-12-06"


@pytest.fixture()
def fresh(tmp_path: Path) -> Path:
    """An empty workbook, then two brand-new people: kim has only a draft goal for next year, sam only next
    quarter's OKRs."""
    db = tmp_path / "workbook.db"
    with Store(db, create=True) as store:
        store.add_person(Person(id="kim", name="Kim Park"))
        store.add_person(Person(id="sam", name="Sam Ortiz"))
        store.save_plan(GrowthPlan(person="kim", year=2027, drafted_by="employee", status="draft",
                                   goals=[Goal(text="Become the go-to person for experiment design")]))
        store.save_okrs(QuarterOKRs(person="sam", quarter="2027Q1", objectives=[Objective(
            text="Lead the on-call rota", key_results=[KeyResult(text="Run 6 handovers with a written summary each")])]))
    return db


def test_a_run_with_no_period_opens_next_years_goals_in_december(fresh: Path, tmp_path: Path) -> None:
    """Found by a helper: in December `workbook run goals --person kim` said "No 2026 growth plan yet: ask Kim Park
    to draft up to 3 goals" beside nothing of the 2027 draft the due list and the page both go by."""
    out = tmp_path / "out"
    [goals] = run_stages(["goals"], ["kim"], "", fresh, out, jobs=1, as_of=DECEMBER)
    assert goals.ok, goals.error
    assert goals.output == out / "kim" / "02_growth_goals-2027.ipynb"
    text = goals.output.read_text()
    assert "Become the go-to person for experiment design" in text
    assert "No 2026 growth plan yet" not in text


def test_a_run_with_no_period_opens_next_quarters_okrs_in_the_last_month(fresh: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run_cli("run", "okrs", "--person", "sam", "--as-of", DECEMBER, "--out", str(out), db=fresh)
    assert res.returncode == 0, res.stderr
    path = out / "sam" / "03_quarterly_okrs-2027Q1.ipynb"
    assert res.stdout.strip() == str(path)
    assert "Run 6 handovers with a written summary each" in path.read_text()


def test_a_given_period_is_kept(fresh: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    [goals] = run_stages(["goals"], ["kim"], "2026Q4", fresh, out, jobs=1, as_of=DECEMBER)
    assert goals.ok and goals.output == out / "kim" / "02_growth_goals-2026Q4.ipynb"
    assert "No 2026 growth plan yet" in goals.output.read_text()
