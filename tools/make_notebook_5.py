"""Write the stage 5 notebook (quarter close and restart), without outputs.

Run from the project root: ``.venv/bin/python tools/make_notebook_5.py``. The notebook is a thin guide:
every rule, query and computation lives in ``workbook/stages/close.py``, ``workbook/render/close.py`` and ``workbook/forms/close.py``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
# Empty: the page's pickers choose (see workbook/notebook.py); papermill sets them for batch runs.
PARAMETERS = 'person = ""\nperiod = ""\ndb = ""\nas_of = ""'

CELLS = [
    new_markdown_cell(
        "# Stage 5: close the quarter, then restart\n\n"
        "The quarter is over. Before anything new starts, sit down with your report for twenty minutes and "
        "look back together: **how did each key result end, and what did we learn?** Because every key result "
        "was specific and measurable, there should be little doubt about most outcomes; the check-ins of the "
        "quarter are here to jog both memories.\n\n"
        "How to run the conversation:\n\n"
        "1. **Close each key result.** The form starts at the outcome its last check-in suggests (done → met). "
        "Agree the outcome together: *met*, *partly met*, *not met*, *carried over* or *dropped*, and write one "
        "line of evidence in the note.\n"
        "2. **Decide what carries over.** Only carry over what still matters and is within reach; the rest is "
        "closed here, and closing is fine. **Save and start next quarter** records the outcomes and turns what "
        "carries over into next quarter's draft OKRs in one go (nothing is saved if that would break the limits "
        "of two objectives with two key results each).\n"
        "3. **Look at the year.** Each growth goal with the objectives and key results that served it, quarter "
        "by quarter. When you close the last quarter this is the annual review of the goals: what moved, what "
        "never got a quarter, and what your report might want for next year.\n"
        "4. **Repeat and restart.** The checklist at the end says what starts the next turn of the cycle: next "
        "quarter's OKRs, the bi-weekly check-ins and, at the turn of the year, next year's growth goals, "
        "drafted by your report.\n\n"
        "**Pick the person and the day** at the top of the page: the quarter follows the day (to close the quarter "
        "that just ended, pick a day in it)."
    ),
    new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
    new_code_cell(
        "from workbook.forms.close import show_quarter_close, show_restart, show_year_outcomes, show_year_review\n"
        "from workbook.notebook import open_page\n\n"
        'page = open_page("close", person, period, db, as_of)\n'
        "page"
    ),
    new_markdown_cell(
        "## 1. Close each key result, and decide what carries over\n\n"
        "*The form appears when this notebook runs in JupyterLab or Voila; a printed or exported copy shows the "
        "record of the close, below.*"
    ),
    new_code_cell("page.form_area"),
    new_markdown_cell(
        "## The quarter on one page\n\n"
        "The record of the close: each key result's check-ins, its outcome and note, and what carries over. "
        "It refreshes each time you save, as do the year and the checklist below."
    ),
    new_code_cell("show_quarter_close(page.ctx, page)"),
    new_markdown_cell(
        "## 2. The year: growth goals and what served them\n\n"
        "A goal that no quarter served is worth a question: does it still matter, or was it never the right "
        "goal? The chart shows how each quarter's key results ended."
    ),
    new_code_cell("show_year_review(page.ctx, page)"),
    new_code_cell("show_year_outcomes(page.ctx, page)"),
    new_markdown_cell(
        "## 3. Repeat and restart\n\n"
        "There is no shortcut to career growth: the same small cycle, repeated. Tick these off before the next "
        "quarter gets busy."
    ),
    new_code_cell("show_restart(page.ctx, page)"),
]


def build() -> nbformat.NotebookNode:
    nb = new_notebook(cells=CELLS)
    for i, cell in enumerate(nb.cells):  # stable ids: regenerating gives the same file
        cell.id = f"cell-{i:02d}"
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


if __name__ == "__main__":
    target = ROOT / "notebooks" / "05_quarter_close.ipynb"
    nbformat.validate(build())
    nbformat.write(build(), target)
    print(f"wrote {target}")
