"""Write the stage 3 (quarterly OKRs) and stage 4 (bi-weekly check-in) notebooks, without outputs.

Run from the project root: ``.venv/bin/python tools/make_notebooks_34.py``. The notebooks are thin
guides: every rule, query and computation lives in ``workbook/`` and is tested by pytest.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
# Empty: the page's pickers choose (see workbook/notebook.py); papermill sets them for batch runs.
PARAMETERS = 'person = ""\nperiod = ""\ndb = ""\nas_of = ""'


PICK = ("\n\n**Pick the person and the day** at the top of the page: the form and everything under it follow. "
        "The page opens on the person you last worked on (in the app: the one whose link you followed).")


def _notebook(cells: list) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    for i, cell in enumerate(nb.cells):  # stable ids: regenerating gives the same file
        cell.id = f"cell-{i:02d}"
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _parameters() -> nbformat.NotebookNode:
    return new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})


OKRS = [
    new_markdown_cell(
        "# Stage 3: quarterly OKRs\n\n"
        "Once a quarter we turn the year's growth goals into something concrete: **at most two objectives, "
        "each with at most two key results**. They come on top of daily work, so less is more; four quarters "
        "of small, finished OKRs add up to a lot of growth.\n\n"
        "How to run the conversation:\n\n"
        "1. **Look back first.** Below are the year's agreed goals with their priorities and how last quarter's "
        "key results ended, including anything carried over.\n"
        "2. **Pre-work.** For each objective, ask the report to write what achieving it would mean to them; "
        "then add your own view so the picture is complete and tangible. Both sit side by side in the form.\n"
        "3. **Key results.** Pick one or two per objective that close the gap *inside current work*. Each must "
        "be specific and measurable: nobody should doubt whether it was met. The feedback under each key "
        "result checks that as you type.\n"
        "4. **Support.** List the help each key result needs (a tech lead's design review, feedback on a "
        "presentation): who and what. You will follow these up in the check-ins.\n\n"
        "Then press **Save OKRs**. Editing a saved quarter keeps its check-in history. If you go past the "
        "workbook's limits the form warns you, and the workbook refuses to save until you trim. Each field says "
        "whether it stays private or is printed in their quarterly summary." + PICK
    ),
    _parameters(),
    new_code_cell(
        "from workbook.forms.okrs import show_okr_context, show_okrs_report\n"
        "from workbook.notebook import open_page\n\n"
        'page = open_page("okrs", person, period, db, as_of)\n'
        "page"
    ),
    new_markdown_cell("## Before you start: the year's goals and last quarter"),
    new_code_cell("show_okr_context(page.ctx, page)"),
    new_markdown_cell(
        "## The OKRs\n\n"
        "Link each objective to the growth goal it serves, name the current work where it gets practised, "
        "and write the key results together. Use **+ Add key result** and **+ Add objective** for more rows; "
        "a row left completely empty is ignored.\n\n"
        "*The form appears when this notebook runs in JupyterLab or Voila; a printed or exported copy shows what "
        "is saved, below.*"
    ),
    new_code_cell("page.form_area"),
    new_markdown_cell(
        "## What is saved\n\n"
        "The OKRs as the workbook holds them, with a measurability check for each key result and the "
        "support to follow up. It refreshes each time you press **Save OKRs**."
    ),
    new_code_cell("show_okrs_report(page.ctx, page)"),
]

CHECK_IN = [
    new_markdown_cell(
        "# Stage 4: the bi-weekly check-in\n\n"
        "Every two weeks, in the 1:1, we spend a few minutes on the personal OKRs. It keeps them alive and "
        "works as a gentle commitment device. Most of the time it is a **2-3 minute status pass**; when "
        "something is stuck, take **10-15 minutes to unblock** it.\n\n"
        "How to use the form:\n\n"
        "1. **Start with what was carried forward**: the last check-in and the open actions. Mark what got "
        "done. Chase any support commitment flagged in red: a review nobody has scheduled is a common "
        "reason for a stuck key result.\n"
        "2. **Give each key result a status** (on track, at risk, blocked, done) and a few words. Statuses "
        "start at last time's, so only change what moved.\n"
        "3. **Switch to unblock** when needed. With soft-skill key results the block is often a belief "
        "(\"if I push back they will not like me\"); pick the kind of obstacle to see reframing you can offer. "
        "If they understand but still hesitate, agree a **trial run**: they draft the reply and share it "
        "with you before sending, and you talk about how it went in the next 1:1. Earlier trial runs are "
        "debriefed here too.\n"
        "4. **Agree next actions** with an owner and a date, then **Save check-in**.\n"
        "5. **Got one wrong?** Under the form, every check-in of the quarter has **Edit** (it loads into the form: "
        "*Save changes*) and **Delete** (asks once). The old values stay in their history.\n\n"
        "Each key result's status and note are **printed in their quarterly summary** (the check-in trail); the "
        "summary line, obstacles and trial runs stay private. **Pick the person and the day** at the top of the page."
    ),
    _parameters(),
    new_code_cell(
        "from workbook.forms.checkin import show_check_in_report, show_kr_status_timeline\n"
        "from workbook.notebook import open_page\n\n"
        'page = open_page("checkin", person, period, db, as_of)\n'
        "page"
    ),
    new_markdown_cell("## The check-in\n\n*The form appears when this notebook runs in JupyterLab or Voila; a "
                      "printed or exported copy shows the quarter so far, below.*"),
    new_code_cell("page.form_area"),
    new_markdown_cell(
        "## The quarter so far\n\n"
        "Each row is a key result, each column a check-in. A run of amber or red is the cue for an "
        "unblocking conversation. Below it: the check-ins so far, and what is still open. Both refresh "
        "when you press **Save check-in**."
    ),
    new_code_cell("show_kr_status_timeline(page.ctx, page)"),
    new_code_cell("show_check_in_report(page.ctx, page)"),
]


def main() -> None:
    for name, cells in (("03_quarterly_okrs.ipynb", OKRS), ("04_check_in.ipynb", CHECK_IN)):
        nb = _notebook(cells)
        nbformat.validate(nb)
        path = ROOT / "notebooks" / name
        nbformat.write(nb, path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
