"""Write the report's page notebook (notebooks/10_my_page.ipynb), without outputs.

Run from the project root: ``.venv/bin/python tools/make_my_page_notebook.py``. The page is thin: its data
is ``workbook.stages.own_side``, its markup ``workbook.render.own_page``, its form ``workbook.forms.own_page``.
On JupyterHub a report lands here in app mode (deploy/jupyterhub/).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

INTRO = """\
# Your career conversations

Your side of the cycle with your manager: the goals you agreed, this quarter's OKRs, the check-ins so far,
and what your manager shared with you. Below them, **your side**: draft your growth goals, your understanding
of each objective, what you want to bring to the next check-in and the replies you want to try out. A draft
is yours alone until you press **Share with my manager**.
"""


def build() -> nbformat.NotebookNode:
    nb = new_notebook(cells=[
        new_markdown_cell(INTRO),
        new_code_cell('person = ""\nperiod = ""\ndb = ""\nas_of = ""', metadata={"tags": ["parameters"]}),
        new_code_cell("from workbook.notebook import open_my_page\n\nmy_page = open_my_page(person, period, db, as_of)\n"
                      "my_page"),
    ])
    for i, cell in enumerate(nb.cells):  # stable ids: regenerating gives the same file
        cell.id = f"mypage-{i:02d}"
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = "Your career conversations"
    return nb


def main() -> None:
    nb = build()
    nbformat.validate(nb)
    nbformat.write(nb, ROOT / "notebooks" / "10_my_page.ipynb")
    print("wrote notebooks/10_my_page.ipynb")


if __name__ == "__main__":
    main()
