"""Every notebook in notebooks/ is committed clean (no outputs) with one papermill `parameters` cell; the stage
notebooks' parameters are exactly the house ones (person, period, db, as_of), all empty: the page's pickers and
the manager's default workbook decide, never a value written into the template (see workbook/notebook.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from workbook.run.batch import STAGES

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
EMPTY = {"person": "", "period": "", "db": "", "as_of": ""}


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "notebooks/ holds no .ipynb files"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_has_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing"
    assert "widgets" not in nb.metadata, f"{path.name}: saved widget state in the metadata; clear it"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


def parameters(path: Path) -> dict[str, object]:
    """The values the single `parameters` cell assigns (it must hold plain assignments of literals only)."""
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"{path.name}: {len(cells)} cells tagged 'parameters', expected exactly one"
    assert cells[0].cell_type == "code"
    values = {}
    for node in ast.parse(cells[0].source).body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name), (
            f"{path.name}: the parameters cell only assigns plain values")
        values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_has_one_parameters_cell(path: Path) -> None:
    assert parameters(path), f"{path.name}: the parameters cell is empty"


@pytest.mark.parametrize("stage", list(STAGES))
def test_stage_notebook_has_the_house_parameters(stage: str) -> None:
    path = NOTEBOOKS[0].parent / STAGES[stage]
    if not path.is_file():
        pytest.skip(f"notebooks/{STAGES[stage]} is not written yet")
    values = parameters(path)
    nb = nbformat.read(path, as_version=4)
    assert values == EMPTY, f"{path.name}: the parameters must be empty (the pickers choose), not {values}"
    source = "".join(c.source for c in nb.cells if c.cell_type == "code")
    assert f'open_page("{stage}", person, period, db, as_of)' in source, f"{path.name}: open the stage page with its pickers"
    assert nb.cells[0].cell_type == "markdown", f"{path.name}: start with a markdown introduction"
