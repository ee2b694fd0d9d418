"""Write the quarterly summary and team overview notebooks (the templates `workbook summaries` runs).

Run from the project root: ``.venv/bin/python tools/make_summary_notebooks.py``. Both notebooks are
thin: every query, table and chart comes from ``workbook.render.summary`` and ``workbook.render.team_overview``. The first cell (a guide for
whoever opens the template) is tagged ``remove-cell`` so it never reaches the shared document, and
the code cells print nothing but the sections, so the exported PDF has no code and no clutter.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
HIDDEN = {"tags": ["remove-cell"]}


def _notebook(cells: list, title: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells)
    for i, cell in enumerate(nb.cells):  # stable ids: regenerating gives the same file
        cell.id = f"cell-{i:02d}"
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    return nb


SUMMARY = [
    new_markdown_cell(
        "# Quarterly summary (template)\n\n"
        "One shareable page per report at quarter end: the agreed growth goals, the quarter's OKRs with "
        "their results, the check-in trail, support, the pushes marked *shared*, ladder coverage and the "
        "agreed next steps. Private notes, check-in summaries, obstacles and trial runs never appear here.\n\n"
        "`workbook summaries --quarter 2026Q4` runs this notebook for every report and prints each to PDF; "
        "you can also change the parameters below and run it by hand. This cell is left out of the document.",
        metadata=HIDDEN,
    ),
    new_code_cell('person = ""\nquarter = ""\ndb = ""\nas_of = ""',
                  metadata={"tags": ["parameters"]}),
    new_code_cell(
        "from workbook.notebook import open_stage\n"
        "from workbook.render.summary import show_sections, summary_sections\n\n"
        "ctx = open_stage(person, quarter, db, as_of)\n"
        "sections = summary_sections(ctx.store, ctx.person_id, ctx.quarter, ctx.as_of)\n"
        "ctx.store.close()"
    ),
    new_code_cell('show_sections(sections, ["title", "glance", "goals"])'),
    new_code_cell('show_sections(sections, ["okrs", "check_ins", "support"])'),
    new_code_cell('show_sections(sections, ["shared", "ladder", "next_steps"])'),
]

TEAM = [
    new_markdown_cell(
        "# Team overview (template)\n\n"
        "The whole team at quarter end: everyone's key result statuses, who has had no career "
        "conversation for `quiet_weeks` weeks, next-level ladder coverage and gaps, and growth plans "
        "whose ladder share is outside 50-75%. `workbook summaries` runs it after the personal "
        "summaries. This cell is left out of the document.",
        metadata=HIDDEN,
    ),
    new_code_cell('quarter = ""\ndb = ""\nas_of = ""\nquiet_weeks = 6',
                  metadata={"tags": ["parameters"]}),
    new_code_cell(
        "from workbook.notebook import open_workbook, team_period\n"
        "from workbook.render.summary import show_sections\n"
        "from workbook.render.team_overview import team_sections\n\n"
        "with open_workbook(db) as store:\n"
        "    quarter, day = team_period(store, quarter, as_of)\n"
        "    sections = team_sections(store, quarter, day, quiet_weeks)"
    ),
    new_code_cell('show_sections(sections, ["title", "attention", "krs"])'),
    new_code_cell('show_sections(sections, ["conversations", "coverage", "team_gaps", "ladder_share"])'),
]


def main() -> None:
    for name, cells, title in (("quarterly_summary.ipynb", SUMMARY, "Quarterly summary"),
                               ("team_overview.ipynb", TEAM, "Team overview")):
        nb = _notebook(cells, title)
        nbformat.validate(nb)
        path = ROOT / "notebooks" / name
        nbformat.write(nb, path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
