"""Write the home page notebook (notebooks/00_home.ipynb), without outputs.

Run from the project root: ``.venv/bin/python tools/make_home_notebook.py``. The page is thin: the due list
is ``workbook.stages.due``, the page and its "My team" form are ``workbook.forms.home`` and ``forms.team``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

INTRO = """\
# Your team this week

The page to open every week. For each of your reports: **what is due** (a check-in when the last one is
two weeks old, follow-ups and actions you promised, trial runs to debrief, support asked for or promised, growth goals for the year,
OKRs for the quarter, a quarter to close), and one click into each stage for them. Add a new report with
**My team** at the bottom: their ladder's tracks and levels are the choices.

Everything lives in your own workbook (made by `workbook init`; until then this page shows the demo team
and says so). This page is your copy beside that workbook, not the project's template.
"""


def build() -> nbformat.NotebookNode:
    nb = new_notebook(cells=[
        new_markdown_cell(INTRO),
        new_code_cell('db = ""\nas_of = ""', metadata={"tags": ["parameters"]}),
        new_code_cell("from workbook.notebook import open_home\n\nhome = open_home(db, as_of)\nhome"),
    ])
    for i, cell in enumerate(nb.cells):  # stable ids: regenerating gives the same file
        cell.id = f"home-{i:02d}"
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = "Your team this week"
    return nb


if __name__ == "__main__":
    target = ROOT / "notebooks" / "00_home.ipynb"
    nb = build()
    nbformat.validate(nb)
    nbformat.write(nb, target)
    print(f"wrote {target.relative_to(ROOT)}")
